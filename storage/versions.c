/* versions.c - lost-update protection shared by every edit of issue 3:
 * each row carries a version; an edit passes the version its user saw and,
 * inside its write unit, the row is re-read; a different version means
 * another desk changed it first, and the latest audit row says who, when
 * and what (issue 4 item 5). Also: read transactions, and the small text
 * helpers that build an audit row's "what changed". */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk_internal.h"
#include "../common/i18n.h"

/* Table names cannot be bound: one pair of static statements (the cache
 * key) per entity. */
#define ENTITY(name, table)                                              \
    {name, table, "SELECT version FROM " table " WHERE id = ?1",        \
     "UPDATE " table " SET version = version + 1 WHERE id = ?1"}

static const struct entity {
    const char *name;
    const char *table;
    const char *sql_version;
    const char *sql_bump;
} entities[] = {
    ENTITY("site", "site"),
    ENTITY("service", "service"),
    ENTITY("agent", "agent"),
    ENTITY("motif", "motif"),
    ENTITY("opening", "opening_hours"),
    ENTITY("absence", "absence"),
    ENTITY("person", "beneficiary"),
    ENTITY("appointment", "appointment"),
};

static const struct entity *find_entity(const char *name)
{
    for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
        if (name && strcmp(entities[i].name, name) == 0)
            return &entities[i];
    return NULL;
}

/* The translated word for an entity, for messages. */
static const char *entity_word(const char *name)
{
    if (strcmp(name, "person") == 0)
        return _("person");
    if (strcmp(name, "appointment") == 0)
        return _("appointment");
    if (strcmp(name, "opening") == 0)
        return _("opening hours");
    if (strcmp(name, "absence") == 0)
        return _("absence");
    if (strcmp(name, "site") == 0)
        return _("site");
    if (strcmp(name, "service") == 0)
        return _("service");
    if (strcmp(name, "agent") == 0)
        return _("agent");
    if (strcmp(name, "motif") == 0)
        return _("motif");
    return name;
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
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld",
                              entity_word(e->name), (long long)id);
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

int fd_check_version(struct db *db, const char *entity, int64_t id,
                     int64_t seen, int64_t *current,
                     struct db_conflict *conflict, struct db_error *err)
{
    const struct entity *e = find_entity(entity);
    if (!e)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", entity);
    int64_t now = 0;
    int rc = read_version(db, e, id, &now, err);
    if (rc != DB_OK)
        return rc;
    if (current)
        *current = now;
    if (seen == DB_VERSION_CURRENT || seen == now)
        return DB_OK;

    struct db_conflict c;
    memset(&c, 0, sizeof c);
    c.seen_version = seen;
    c.current_version = now;
    struct db_audit_entry *log = NULL;
    size_t n = 0;
    struct db_error ignored = {0};
    if (db_audit_for(db, entity, id, &log, &n, &ignored) == DB_OK && n > 0) {
        c.has_audit = 1;
        c.last = log[0];
    }
    free(log);
    if (conflict)
        *conflict = c;
    if (c.has_audit)
        return db_set_error(err, DB_ERR_CONFLICT,
                            _("%s %lld was changed by %s at %s: %s %s"),
                            entity_word(entity), (long long)id,
                            c.last.actor[0] ? c.last.actor : "?", c.last.at,
                            c.last.action, c.last.detail);
    return db_set_error(err, DB_ERR_CONFLICT, _("%s %lld was changed"),
                        entity_word(entity), (long long)id);
}

int fd_bump_version(struct db *db, const char *entity, int64_t id,
                    struct db_error *err)
{
    const struct entity *e = find_entity(entity);
    if (!e)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", entity);
    sqlite3_stmt *st = db_stmt(db, e->sql_bump, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

/* ---- read transactions ------------------------------------------------- */

static const char SQL_READ_BEGIN[] = "BEGIN";
static const char SQL_READ_END[] = "COMMIT";

int fd_read_begin(struct db *db, int *started, struct db_error *err)
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

void fd_read_end(struct db *db, int started)
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

void fd_append(char *buf, size_t size, const char *fmt, ...)
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

int fd_diff(char *buf, size_t size, const char *field, const char *old_value,
            const char *new_value)
{
    if (strcmp(old_value, new_value) == 0)
        return 0;
    fd_append(buf, size, "%s: %.*s -> %.*s; ", field,
              (int)utf8_cut(old_value, 60), old_value,
              (int)utf8_cut(new_value, 60), new_value);
    return 1;
}
