/* unit.c - the one unit runner every write goes through (unit.h), the
 * version check and bump it owns, the existence check steps use, read
 * transactions, and the texts of an audit row's "what changed".
 *
 * Lost-update protection: each row carries a version; an edit passes the
 * version its user saw and, inside its unit, the row is re-read; a
 * different version means another desk changed it first, and the latest
 * audit row says who, when and what. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../common/i18n.h"

/* ---- entities ---------------------------------------------------------- */

/* Table names cannot be bound: static statements (the cache key) per
 * entity. */
#define ENTITY(name, table, word)                                        \
    {name, table, word, "SELECT version FROM " table " WHERE id = ?1",   \
     "UPDATE " table " SET version = version + 1 WHERE id = ?1",         \
     "SELECT 1 FROM " table " WHERE id = ?1"}

static const struct entity {
    const char *name;
    const char *table;
    const char *word;        /* N_() for messages */
    const char *sql_version;
    const char *sql_bump;
    const char *sql_exists;
} entities[] = {
    ENTITY("site", "site", N_("site")),
    ENTITY("service", "service", N_("service")),
    ENTITY("agent", "agent", N_("agent")),
    ENTITY("motif", "motif", N_("motif")),
    ENTITY("opening", "opening_hours", N_("opening hours")),
    ENTITY("absence", "absence", N_("absence")),
    ENTITY("person", "beneficiary", N_("person")),
    ENTITY("appointment", "appointment", N_("appointment")),
    ENTITY("room", "room", N_("room")),
};

static const struct entity *find_entity(const char *name)
{
    for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
        if (name && strcmp(entities[i].name, name) == 0)
            return &entities[i];
    return NULL;
}

static int read_version(struct db *db, const struct entity *e, int64_t id,
                        int64_t *out, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, e->sql_version, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_DONE)
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _(e->word),
                              (long long)id);
    else
        result = db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    return result;
}

int db_row_version(struct db *db, const char *entity, int64_t id,
                   int64_t *out, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    const struct entity *e = find_entity(entity);
    if (!e)
        return db_set_error(err, DB_ERR_INVALID, "%s: %s", _("entity"),
                            entity ? entity : "");
    return read_version(db, e, id, out, err);
}

int db_require(struct db *db, const char *entity, int64_t id,
               struct db_error *err)
{
    const struct entity *e = find_entity(entity);
    if (!e)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", entity);
    return db_require_row(db, e->sql_exists, id, _(e->word), err);
}

/* Inside the unit: the row's version against the one its user saw. */
static int check_version(struct db *db, const struct entity *e,
                         struct db_unit *u, struct db_error *err)
{
    int64_t now = 0;
    int rc = read_version(db, e, u->id, &now, err);
    if (rc != DB_OK)
        return rc;
    u->version = now;
    if (u->seen_version == DB_VERSION_CURRENT || u->seen_version == now)
        return DB_OK;

    struct db_conflict c;
    memset(&c, 0, sizeof c);
    c.seen_version = u->seen_version;
    c.current_version = now;
    struct db_audit_entry *log = NULL;
    size_t n = 0;
    struct db_error ignored = {0};
    if (db_audit_for(db, e->name, u->id, &log, &n, &ignored) == DB_OK &&
        n > 0) {
        c.has_audit = 1;
        c.last = log[0];
    }
    free(log);
    if (u->conflict)
        *u->conflict = c;
    if (c.has_audit)
        return db_set_error(err, DB_ERR_CONFLICT,
                            _("%s %lld was changed by %s at %s: %s %s"),
                            _(e->word), (long long)u->id,
                            c.last.actor[0] ? c.last.actor : "?", c.last.at,
                            c.last.action, c.last.detail);
    return db_set_error(err, DB_ERR_CONFLICT, _("%s %lld was changed"),
                        _(e->word), (long long)u->id);
}

static int bump_version(struct db *db, const struct entity *e, int64_t id,
                        struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, e->sql_bump, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

/* ---- the runner -------------------------------------------------------- */

static enum db_unit_phase fail_at = DB_UNIT_PHASE_NONE;

void db_unit_fail_at(enum db_unit_phase phase) { fail_at = phase; }

/* DB_ERR_IO when a test asked for a failure at `phase`. */
static int injected(enum db_unit_phase phase, struct db_error *err)
{
    if (fail_at != phase)
        return DB_OK;
    return db_set_error(err, DB_ERR_IO, "injected failure at step %d",
                        (int)phase);
}

struct db_unit db_unit_create(const char *entity)
{
    struct db_unit u;
    memset(&u, 0, sizeof u);
    u.entity = entity;
    u.action = "create";
    return u;
}

struct db_unit db_unit_plain(const char *entity, int64_t id,
                             const char *action)
{
    struct db_unit u = db_unit_create(entity);
    u.id = id;
    u.action = action;
    return u;
}

struct db_unit db_unit_edit(const char *entity, int64_t id,
                            int64_t seen_version, const char *action,
                            struct db_conflict *conflict)
{
    struct db_unit u;
    memset(&u, 0, sizeof u);
    u.entity = entity;
    u.action = action ? action : "edit";
    u.id = id;
    u.versioned = 1;
    u.seen_version = seen_version;
    u.conflict = conflict;
    return u;
}

int db_unit_run(struct db *db, struct db_unit *u, db_unit_step step,
                void *ctx, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    /* Rows without a version ("schema", "bulk") need no entity entry. */
    const struct entity *e = find_entity(u->entity);
    if ((!e && u->versioned) || !u->entity)
        return db_set_error(err, DB_ERR_INTERNAL, "%s",
                            u->entity ? u->entity : "?");
    int creating = !u->versioned;
    int rc = injected(DB_UNIT_PHASE_BEGIN, err);
    if (rc == DB_OK)
        rc = db_write_begin(db, err);
    if (rc != DB_OK)
        return rc;
    u->unchanged = 0;
    u->deleted = 0;
    u->detail[0] = '\0';
    if (!creating) {
        rc = injected(DB_UNIT_PHASE_VERSION, err);
        if (rc == DB_OK)
            rc = check_version(db, e, u, err);
    }
    if (rc == DB_OK)
        rc = step(db, u, ctx, err);
    if (rc == DB_OK)
        rc = injected(DB_UNIT_PHASE_STEP, err);
    if (rc == DB_OK && u->unchanged) {
        db_write_rollback(db); /* nothing was written: nothing to keep */
        return DB_OK;
    }
    if (rc == DB_OK && !creating && !u->deleted) {
        rc = injected(DB_UNIT_PHASE_BUMP, err);
        if (rc == DB_OK)
            rc = bump_version(db, e, u->id, err);
    }
    if (rc == DB_OK) {
        rc = injected(DB_UNIT_PHASE_AUDIT, err);
        if (rc == DB_OK && db->bulk)
            db->bulk_rows++; /* one audit row for the whole bulk */
        else if (rc == DB_OK)
            rc = db_audit_add(db, u->entity, u->id, u->action, u->detail,
                              err);
    }
    if (rc == DB_OK)
        rc = injected(DB_UNIT_PHASE_COMMIT, err);
    if (rc != DB_OK) {
        db_write_rollback(db);
        return rc;
    }
    rc = db_write_commit(db, err); /* rolls back itself when it fails */
    if (rc == DB_OK)
        u->version = creating ? 1 : u->deleted ? 0 : u->version + 1;
    return rc;
}

int db_get_one(struct db *db, sqlite3_stmt *st, void *out, size_t size,
               void (*read)(sqlite3_stmt *, void *), const char *what,
               int64_t id, struct db_error *err)
{
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, size);
        read(st, out);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", what,
                              (long long)id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

int db_unit_preview(struct db *db, struct db_unit *u, db_unit_step step,
                    void *ctx, db_unit_step probe, void *probe_ctx,
                    struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    const struct entity *e = find_entity(u->entity);
    if ((!e && u->versioned) || !u->entity)
        return db_set_error(err, DB_ERR_INTERNAL, "%s",
                            u->entity ? u->entity : "?");
    int rc = db_write_begin(db, err);
    if (rc != DB_OK)
        return rc;
    u->unchanged = 0;
    u->deleted = 0;
    u->detail[0] = '\0';
    if (u->versioned)
        rc = check_version(db, e, u, err);
    if (rc == DB_OK)
        rc = step(db, u, ctx, err);
    if (rc == DB_OK)
        rc = probe(db, u, probe_ctx, err);
    db_write_rollback(db); /* a preview never writes */
    return rc;
}

int64_t db_last_insert_id(struct db *db)
{
    return sqlite3_last_insert_rowid(db->conn);
}

int db_rows_changed(struct db *db) { return sqlite3_changes(db->conn); }

/* ---- read transactions ------------------------------------------------- */

static const char SQL_READ_BEGIN[] = "BEGIN";
static const char SQL_READ_END[] = "COMMIT";

int db_read_begin(struct db *db, int *started, struct db_error *err)
{
    *started = 0;
    if (!sqlite3_get_autocommit(db->conn))
        return DB_OK; /* inside a unit or a bulk: already one state */
    sqlite3_stmt *st = db_stmt(db, SQL_READ_BEGIN, err);
    if (!st)
        return err->status;
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK)
        *started = 1;
    return rc;
}

void db_read_end(struct db *db, int started)
{
    if (!started || sqlite3_get_autocommit(db->conn))
        return;
    struct db_error ignored = {0};
    sqlite3_stmt *st = db_stmt(db, SQL_READ_END, &ignored);
    if (st) {
        db_step_done(db, st, &ignored);
        db_stmt_done(db, st);
    }
    if (!sqlite3_get_autocommit(db->conn))
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

void db_view_begin(struct db *db)
{
    if (!db || db->view_depth++ > 0)
        return;
    struct db_error ignored = {0};
    /* A failure is not an error: the reads then lock one by one. */
    if (db_read_begin(db, &db->view_started, &ignored) != DB_OK)
        db->view_started = 0;
}

void db_view_end(struct db *db)
{
    if (!db || db->view_depth == 0 || --db->view_depth > 0)
        return;
    db_read_end(db, db->view_started);
    db->view_started = 0;
}

static void hold(struct db *db, int on)
{
    if (db && db->conn && db->locking == DB_LOCKING_DOTFILE) {
        db->shared.holding = on;
        sqlite3_file_control(db->conn, "main", LOCK_FCNTL_HOLD, &on);
    }
}

void db_hold_begin(struct db *db)
{
    hold(db, 1);
}

void db_hold_end(struct db *db)
{
    hold(db, 0);
}

/* ---- audit texts ------------------------------------------------------- */

/* Length of the longest prefix of s (at most max bytes) that ends on a
 * UTF-8 character boundary. */
static size_t utf8_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

void db_text_append(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = strlen(buf);
    if (used + 1 >= size)
        return;
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    for (char *c = tmp; *c; c++) /* one line: notes may hold newlines */
        if (*c == '\n' || *c == '\r' || *c == '\t')
            *c = ' ';
    size_t n = utf8_cut(tmp, size - used - 1);
    memcpy(buf + used, tmp, n);
    buf[used + n] = '\0';
}

void db_unit_detail(struct db_unit *u, const char *fmt, ...)
{
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    db_text_append(u->detail, sizeof u->detail, "%s", tmp);
}

int db_unit_diff(struct db_unit *u, const char *field, const char *old_value,
                 const char *new_value)
{
    if (strcmp(old_value, new_value) == 0)
        return 0;
    db_text_append(u->detail, sizeof u->detail, "%s: %.*s -> %.*s; ", field,
                   (int)utf8_cut(old_value, 60), old_value,
                   (int)utf8_cut(new_value, 60), new_value);
    return 1;
}
