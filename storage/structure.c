/* structure.c - how the house is organised: sites, services, agents and
 * their sites, motifs (the users' word for a reason to come) and weekly
 * opening hours. Each add is one unit of work with its audit row. */
#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "frontdesk_internal.h"
#include "../common/i18n.h"

static const char SQL_SERVICE_EXISTS[] = "SELECT 1 FROM service WHERE id = ?1";

static const char *const site_kinds[] = {"social", "college"};
static const char *const locations[] = {"site", "phone", "home", "video"};

/* site.holidays <-> struct db_site holiday_flags (model/holidays.h). */
static const char *holidays_name(unsigned flags)
{
    return flags == HOLIDAYS_ALSACE_MOSELLE ? "alsace-moselle" : "national";
}

static unsigned holidays_flags(const char *name)
{
    return name && strcmp(name, "alsace-moselle") == 0 ? HOLIDAYS_ALSACE_MOSELLE
                                                      : HOLIDAYS_NATIONAL;
}

static int find_name(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (s && strcmp(names[i], s) == 0)
            return i;
    return 0;
}

/* Runs one insert statement inside a unit, then its audit row, commits and
 * returns the new id in *id. `st` is already bound. */
static int insert_unit(struct db *db, sqlite3_stmt *st, const char *entity,
                       const char *detail, int64_t *id, struct db_error *err)
{
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK) {
        *id = sqlite3_last_insert_rowid(db->conn);
        rc = db_audit_add(db, entity, *id, "create", detail, err);
    }
    if (rc == DB_OK)
        rc = db_write_commit(db, err);
    else
        db_write_rollback(db);
    return rc;
}

/* ---- sites ------------------------------------------------------------- */

static int check_timezone(const char *tz, struct db_error *err)
{
    for (const char *p = tz; *p; p++)
        if (!(( *p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9') || strchr("/_+-", *p)))
            return db_set_error(err, DB_ERR_INVALID, "%s: %s",
                                _("time zone"), tz);
    return DB_OK;
}

static const char SQL_SITE_ADD[] =
    "INSERT INTO site (name, kind, address, timezone, holidays)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

/* An empty time zone means Europe/Paris (written back into `site`). */
int db_site_add(struct db *db, struct db_site *site, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(site->name, sizeof site->name, TEXT_REQUIRED,
                           _("site name"), err);
    if (rc == DB_OK)
        rc = db_check_text(site->address, sizeof site->address, 0,
                           _("address"), err);
    if (rc == DB_OK)
        rc = db_check_text(site->timezone, sizeof site->timezone, 0,
                           _("time zone"), err);
    if (rc == DB_OK)
        rc = check_timezone(site->timezone, err);
    if (rc == DB_OK && site->kind != DB_SITE_SOCIAL &&
        site->kind != DB_SITE_COLLEGE)
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("site kind"));
    if (rc == DB_OK && site->holiday_flags != HOLIDAYS_NATIONAL &&
        site->holiday_flags != HOLIDAYS_ALSACE_MOSELLE)
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("public holidays"));
    if (rc != DB_OK)
        return rc;
    if (!site->timezone[0])
        snprintf(site->timezone, sizeof site->timezone, "Europe/Paris");

    if ((rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_ADD, err);
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_text(st, 1, site->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, site_kinds[site->kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, site->address, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, site->timezone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, holidays_name(site->holiday_flags), -1,
                      SQLITE_STATIC);
    rc = insert_unit(db, st, "site", site->name, &site->id, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("site name"), site->name);
    return rc;
}

#define SITE_COLUMNS "id, name, kind, address, timezone, holidays"

static void read_site(sqlite3_stmt *st, struct db_site *s)
{
    s->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, s->name, sizeof s->name);
    const char *kind = (const char *)sqlite3_column_text(st, 2);
    s->kind = (enum db_site_kind)find_name(site_kinds, 2, kind);
    db_column_text(st, 3, s->address, sizeof s->address);
    db_column_text(st, 4, s->timezone, sizeof s->timezone);
    s->holiday_flags = holidays_flags((const char *)sqlite3_column_text(st, 5));
}

static void read_site_v(sqlite3_stmt *st, void *p) { read_site(st, p); }

static const char SQL_SITE_LIST[] =
    "SELECT " SITE_COLUMNS " FROM site ORDER BY name, id";

int db_site_list(struct db *db, struct db_site **out, size_t *count,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_LIST, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_site_v, &arr, count, err);
    *out = arr;
    return rc;
}

static const char SQL_SITE_FIND[] =
    "SELECT " SITE_COLUMNS " FROM site WHERE name = ?1";

int db_site_find(struct db *db, const char *name, struct db_site *out,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_FIND, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    int result = DB_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        read_site(st, out);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s: %s", _("site"),
                              name ? name : "");
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

/* ---- services and agents ---------------------------------------------- */

static const char SQL_SERVICE_ADD[] = "INSERT INTO service (name) VALUES (?1)";

int db_service_add(struct db *db, struct db_service *s, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(s->name, sizeof s->name, TEXT_REQUIRED,
                           _("service name"), err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    sqlite3_stmt *st = db_stmt(db, SQL_SERVICE_ADD, err);
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_text(st, 1, s->name, -1, SQLITE_STATIC);
    rc = insert_unit(db, st, "service", s->name, &s->id, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("service name"), s->name);
    return rc;
}

static const char SQL_AGENT_ADD[] =
    "INSERT INTO agent (last_name, first_name, login, service_id)"
    " VALUES (?1, ?2, ?3, ?4)";

int db_agent_add(struct db *db, struct db_agent *a, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(a->last_name, sizeof a->last_name, TEXT_REQUIRED,
                           _("last name"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->first_name, sizeof a->first_name, 0,
                           _("first name"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->login, sizeof a->login, 0, _("login"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->service_id, 1, _("service"), err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    if (a->service_id)
        rc = db_require_row(db, SQL_SERVICE_EXISTS, a->service_id,
                            _("service"), err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_AGENT_ADD, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_text(st, 1, a->last_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a->first_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a->login, -1, SQLITE_STATIC);
    db_bind_ref(st, 4, a->service_id);
    char detail[DB_NAME_LEN * 2 + DB_SHORT_LEN + 8];
    snprintf(detail, sizeof detail, "%s %s (%s)", a->last_name, a->first_name,
             a->login);
    rc = insert_unit(db, st, "agent", detail, &a->id, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("login"), a->login);
    return rc;
}

static const char SQL_JOIN[] =
    "INSERT OR IGNORE INTO agent_site (agent_id, site_id) VALUES (?1, ?2)";

/* Joining a site twice is not an error. */
int db_agent_join_site(struct db *db, int64_t agent_id, int64_t site_id,
                       struct db_error *err)
{
    return fd_agent_site_write(db, SQL_JOIN, "join", agent_id, site_id, err);
}

static const char SQL_SITE_AGENTS[] =
    "SELECT " FD_AGENT_COLUMNS " FROM agent_site s JOIN agent a ON a.id = s.agent_id"
    " WHERE s.site_id = ?1"
    " ORDER BY a.last_name COLLATE NOCASE, a.first_name COLLATE NOCASE, a.id";

int db_site_agents(struct db *db, int64_t site_id, struct db_agent **out,
                   size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_AGENTS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, fd_read_agent, &arr, count, err);
    *out = arr;
    return rc;
}

static const char SQL_AGENT_LOGIN[] =
    "SELECT " FD_AGENT_COLUMNS " FROM agent a WHERE a.login = ?1 AND a.login <> ''";

int db_agent_find_login(struct db *db, const char *login, struct db_agent *out,
                        struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_LOGIN, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, login ? login : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    int result = DB_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        fd_read_agent(st, out);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s: %s", _("login"),
                              login ? login : "");
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

/* ---- motifs ------------------------------------------------------------ */

static int colour_valid(const char *c)
{
    if (strlen(c) != 7 || c[0] != '#')
        return 0;
    for (int i = 1; i < 7; i++)
        if (!strchr("0123456789abcdefABCDEF", c[i]))
            return 0;
    return 1;
}

static const char SQL_MOTIF_ADD[] =
    "INSERT INTO motif (name, service_id, duration_minutes, colour, location)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

/* An empty colour means grey "#808080" (written back into `m`). */
int db_motif_add(struct db *db, struct db_motif *m, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(m->name, sizeof m->name, TEXT_REQUIRED,
                           _("motif name"), err);
    if (rc == DB_OK)
        rc = db_check_id(m->service_id, 0, _("service"), err);
    if (rc == DB_OK && (m->duration_minutes < 1 || m->duration_minutes > 1440))
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %d", _("duration"),
                          m->duration_minutes);
    if (rc == DB_OK && strnlen(m->colour, sizeof m->colour) == 0)
        snprintf(m->colour, sizeof m->colour, "#808080");
    if (rc == DB_OK && (strnlen(m->colour, sizeof m->colour) >= sizeof m->colour
                        || !colour_valid(m->colour)))
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("colour (#rrggbb)"));
    if (rc == DB_OK && ((int)m->location < 0 || m->location > DB_LOC_VIDEO))
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("location"));
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    rc = db_require_row(db, SQL_SERVICE_EXISTS, m->service_id, _("service"),
                        err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_MOTIF_ADD, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, m->service_id);
    sqlite3_bind_int(st, 3, m->duration_minutes);
    sqlite3_bind_text(st, 4, m->colour, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, locations[m->location], -1, SQLITE_STATIC);
    rc = insert_unit(db, st, "motif", m->name, &m->id, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("motif name"), m->name);
    return rc;
}

static void read_motif(sqlite3_stmt *st, void *p)
{
    struct db_motif *m = p;
    m->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, m->name, sizeof m->name);
    m->service_id = sqlite3_column_int64(st, 2);
    m->duration_minutes = sqlite3_column_int(st, 3);
    db_column_text(st, 4, m->colour, sizeof m->colour);
    const char *loc = (const char *)sqlite3_column_text(st, 5);
    m->location = (enum db_location)find_name(locations, 4, loc);
}

static const char SQL_MOTIF_LIST[] =
    "SELECT id, name, service_id, duration_minutes, colour, location"
    " FROM motif ORDER BY service_id, name, id";

int db_motif_list(struct db *db, struct db_motif **out, size_t *count,
                  struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_MOTIF_LIST, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_motif, &arr, count, err);
    *out = arr;
    return rc;
}
