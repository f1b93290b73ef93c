/* import_names.c - finding or creating, by name, what an imported line
 * refers to: sites, services, motifs and agents (persons: import_people.c).
 * Everything is read once at the start of the import and kept in memory,
 * so that a line costs no lookup query; what is created is added to the
 * same tables. Internal to import.c (import.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "../common/i18n.h"

/* ---- a string -> id map (open addressing, FNV-1a) ----------------------- */

static uint64_t fnv(const char *a, const char *b)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *p = a; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    h = (h ^ 0x1f) * 1099511628211ull; /* separator between the two parts */
    for (const char *p = b; p && *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h;
}

static int map_grow(struct import_map *m)
{
    size_t size = m->size ? 2 * m->size : 1024;
    struct import_slot *slots = calloc(size, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < m->size; i++) {
        if (!m->slots[i].key)
            continue;
        size_t j = (size_t)m->slots[i].hash & (size - 1);
        while (slots[j].key)
            j = (j + 1) & (size - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->size = size;
    return 0;
}

/* Key: a, then (for scoped names) b; NUL-separated in one allocation. */
int64_t import_map_get(const struct import_map *m, const char *a, const char *b)
{
    if (!m->size)
        return 0;
    uint64_t h = fnv(a, b);
    size_t alen = strlen(a);
    for (size_t i = (size_t)h & (m->size - 1); m->slots[i].key; i = (i + 1) & (m->size - 1)) {
        const struct import_slot *s = &m->slots[i];
        if (s->hash == h && strcmp(s->key, a) == 0 &&
            strcmp(s->key + alen + 1, b ? b : "") == 0)
            return s->id;
    }
    return 0;
}

int import_map_put(struct import_map *m, const char *a, const char *b, int64_t id)
{
    if ((m->used + 1) * 2 > m->size && map_grow(m) != 0)
        return -1;
    size_t alen = strlen(a), blen = b ? strlen(b) : 0;
    char *key = malloc(alen + blen + 2);
    if (!key)
        return -1;
    memcpy(key, a, alen + 1);
    memcpy(key + alen + 1, b ? b : "", blen + 1);
    uint64_t h = fnv(a, b);
    size_t i = (size_t)h & (m->size - 1);
    while (m->slots[i].key)
        i = (i + 1) & (m->size - 1);
    m->slots[i] = (struct import_slot){key, h, id};
    m->used++;
    return 0;
}

void import_map_free(struct import_map *m)
{
    for (size_t i = 0; i < m->size; i++)
        free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* An id as the text key of a map (ids are positive); once or twice per
 * line, so without snprintf. */
static void id_key(int64_t id, char out[24])
{
    char digits[24];
    size_t n = 0;
    uint64_t v = id > 0 ? (uint64_t)id : 0;
    do
        digits[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    for (size_t i = 0; i < n; i++)
        out[i] = digits[n - 1 - i];
    out[n] = '\0';
}

/* ---- loading what exists ------------------------------------------------ */

static int load(struct db *db, const char *sql, struct import_map *m, int scoped,
                struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *a = (const char *)sqlite3_column_text(st, 1);
        const char *b = scoped ? (const char *)sqlite3_column_text(st, 2) : NULL;
        if (a && import_map_get(m, a, b) == 0 &&
            import_map_put(m, a, b, sqlite3_column_int64(st, 0)) != 0) {
            db_stmt_done(db, st);
            return db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
        }
    }
    int result = rc == SQLITE_DONE ? DB_OK : db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    return result;
}

static const char SQL_SITES[] = "SELECT id, name FROM site ORDER BY id";
static const char SQL_SERVICES[] = "SELECT id, name FROM service ORDER BY id";
/* a motif by name alone (no service given): the first one */
static const char SQL_MOTIFS_ANY[] = "SELECT id, name FROM motif ORDER BY id";
static const char SQL_MOTIFS[] =
    "SELECT m.id, m.name, s.name FROM motif m JOIN service s ON s.id = m.service_id"
    " ORDER BY m.id";
static const char SQL_MOTIF_SERVICE[] = "SELECT service_id FROM motif WHERE id = ?1";
/* an agent by login, by "First Last", "Last First" or last name alone */
static const char SQL_AGENTS[] =
    "SELECT id, login FROM agent WHERE login <> ''"
    " UNION ALL SELECT id, trim(first_name || ' ' || last_name) FROM agent"
    " UNION ALL SELECT id, trim(last_name || ' ' || first_name) FROM agent"
    " ORDER BY 1";
static const char SQL_AGENT_SITES[] =
    "SELECT agent_id, CAST(site_id AS TEXT) FROM agent_site";
static const char SQL_UNASSIGNED[] =
    "SELECT a.id, CAST(j.site_id AS TEXT) FROM agent a JOIN agent_site j ON j.agent_id = a.id"
    " WHERE a.last_name = '" IMPORT_UNASSIGNED "' AND a.first_name = ''";
static const char SQL_PEOPLE[] =
    "SELECT id, person_ref FROM beneficiary WHERE person_ref IS NOT NULL";

int import_names_load(struct db *db, struct import_names *n, struct db_error *err)
{
    memset(n, 0, sizeof *n);
    int rc = load(db, SQL_SITES, &n->sites, 0, err);
    if (rc == DB_OK)
        rc = load(db, SQL_SERVICES, &n->services, 0, err);
    if (rc == DB_OK)
        rc = load(db, SQL_MOTIFS, &n->motifs, 1, err);
    if (rc == DB_OK)
        rc = load(db, SQL_MOTIFS_ANY, &n->motifs_any, 0, err);
    if (rc == DB_OK)
        rc = load(db, SQL_AGENTS, &n->agents, 0, err);
    if (rc == DB_OK)
        rc = load(db, SQL_UNASSIGNED, &n->unassigned, 0, err);
    if (rc == DB_OK)
        rc = load(db, SQL_PEOPLE, &n->people, 0, err);
    if (rc == DB_OK) {
        /* memberships keyed "agent id" + "site id" */
        sqlite3_stmt *st = db_stmt(db, SQL_AGENT_SITES, err);
        if (!st)
            return err->status;
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            char agent[24];
            id_key(sqlite3_column_int64(st, 0), agent);
            if (import_map_put(&n->memberships, agent,
                               (const char *)sqlite3_column_text(st, 1), 1) != 0) {
                step = SQLITE_NOMEM;
                break;
            }
        }
        rc = step == SQLITE_DONE ? DB_OK : db_sqlite_error(db, step, err, NULL);
        db_stmt_done(db, st);
    }
    if (rc != DB_OK)
        import_names_free(n);
    return rc;
}

void import_names_free(struct import_names *n)
{
    import_map_free(&n->sites);
    import_map_free(&n->services);
    import_map_free(&n->motifs);
    import_map_free(&n->motifs_any);
    import_map_free(&n->agents);
    import_map_free(&n->unassigned);
    import_map_free(&n->memberships);
    import_map_free(&n->people);
    import_people_free(n);
}

/* ---- creating what is missing ------------------------------------------- */

static int insert(struct db *db, const char *sql, const char *a, const char *b,
                  int64_t n1, int64_t n2, int64_t *id, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    if (n1)
        sqlite3_bind_int64(st, 3, n1);
    if (n2)
        sqlite3_bind_int64(st, 4, n2);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK)
        *id = sqlite3_last_insert_rowid(db->conn);
    return rc;
}

static const char SQL_SITE_ADD[] = "INSERT INTO site (name) VALUES (?1)";
static const char SQL_SERVICE_ADD[] = "INSERT INTO service (name) VALUES (?1)";
static const char SQL_MOTIF_ADD[] =
    "INSERT INTO motif (name, service_id, duration_minutes) VALUES (?1, ?3, ?4)";
static const char SQL_AGENT_ADD[] =
    "INSERT INTO agent (last_name, first_name, service_id) VALUES (?1, ?2, ?3)";
static const char SQL_AGENT_JOIN[] =
    "INSERT OR IGNORE INTO agent_site (agent_id, site_id) VALUES (?3, ?4)";

int import_site(struct db *db, struct import_names *n, const char *name,
                int64_t *id, struct db_error *err)
{
    if ((*id = import_map_get(&n->sites, name, NULL)))
        return DB_OK;
    int rc = insert(db, SQL_SITE_ADD, name, NULL, 0, 0, id, err);
    if (rc == DB_OK && import_map_put(&n->sites, name, NULL, *id) != 0)
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    n->created_sites += rc == DB_OK;
    return rc;
}

int import_service(struct db *db, struct import_names *n, const char *name,
                   int64_t *id, struct db_error *err)
{
    if ((*id = import_map_get(&n->services, name, NULL)))
        return DB_OK;
    int rc = insert(db, SQL_SERVICE_ADD, name, NULL, 0, 0, id, err);
    if (rc == DB_OK && import_map_put(&n->services, name, NULL, *id) != 0)
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    n->created_services += rc == DB_OK;
    return rc;
}

int import_motif(struct db *db, struct import_names *n, const char *name,
                 const char *service, int duration, int64_t *id,
                 int64_t *service_id, struct db_error *err)
{
    int rc;
    if (!service[0]) {
        /* no service named: the motif wherever it is, else a new one in
         * the service of imported motifs */
        if ((*id = import_map_get(&n->motifs_any, name, NULL))) {
            sqlite3_stmt *st = db_stmt(db, SQL_MOTIF_SERVICE, err);
            if (!st)
                return err->status;
            sqlite3_bind_int64(st, 1, *id);
            *service_id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
            db_stmt_done(db, st);
            return DB_OK;
        }
        service = IMPORT_SERVICE;
    }
    if ((rc = import_service(db, n, service, service_id, err)) != DB_OK)
        return rc;
    if ((*id = import_map_get(&n->motifs, name, service)))
        return DB_OK;
    rc = insert(db, SQL_MOTIF_ADD, name, NULL, *service_id, duration > 0 ? duration : 30,
                id, err);
    if (rc == DB_OK && (import_map_put(&n->motifs, name, service, *id) != 0 ||
                        (import_map_get(&n->motifs_any, name, NULL) == 0 &&
                         import_map_put(&n->motifs_any, name, NULL, *id) != 0)))
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    n->created_motifs += rc == DB_OK;
    return rc;
}

int import_agent(struct db *db, struct import_names *n, const char *name,
                 int64_t site_id, int64_t service_id, int64_t *id,
                 struct db_error *err)
{
    char site[24];
    id_key(site_id, site);
    int rc = DB_OK;
    if (!name[0]) {
        /* the site's "unassigned" agent */
        if ((*id = import_map_get(&n->unassigned, site, NULL)))
            return DB_OK;
        rc = insert(db, SQL_AGENT_ADD, IMPORT_UNASSIGNED, "", 0, 0, id, err);
        if (rc == DB_OK && import_map_put(&n->unassigned, site, NULL, *id) != 0)
            rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    } else if (!(*id = import_map_get(&n->agents, name, NULL))) {
        rc = insert(db, SQL_AGENT_ADD, name, "", service_id, 0, id, err);
        if (rc == DB_OK && import_map_put(&n->agents, name, NULL, *id) != 0)
            rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
        n->created_agents += rc == DB_OK;
    }
    char agent[24];
    id_key(*id, agent);
    if (rc == DB_OK && !import_map_get(&n->memberships, agent, site)) {
        int64_t ignored;
        rc = insert(db, SQL_AGENT_JOIN, "", NULL, *id, site_id, &ignored, err);
        if (rc == DB_OK && import_map_put(&n->memberships, agent, site, 1) != 0)
            rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    }
    return rc;
}
