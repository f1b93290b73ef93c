/* import_write.c - writing an import's rows with one statement (import.h).
 *
 * An import writes its people and its appointments each with one
 * INSERT ... SELECT: one statement sets up its indexes, checks and foreign
 * keys once, where an INSERT per row opened them all again for every row.
 * The SELECT reads the C array directly through an eponymous virtual table
 * (https://sqlite.org/vtab.html#eponymous_only_virtual_tables), which is
 * cheaper than copying every row into a temporary table first. The table
 * exists only while import_feed_run runs its statement, and only on the
 * import's own connection; nothing of it is stored in the file. */
#include <stdlib.h>
#include <string.h>

#include "import.h"

struct feed_cursor {
    sqlite3_vtab_cursor base;
    size_t row;
};

struct feed_vtab {
    sqlite3_vtab base;
    const struct import_feed *feed;
};

static int feed_connect(sqlite3 *conn, void *aux, int argc, const char *const *argv,
                        sqlite3_vtab **out, char **error)
{
    (void)argc;
    (void)argv;
    (void)error;
    const struct import_feed *feed = aux;
    int rc = sqlite3_declare_vtab(conn, feed->columns);
    if (rc != SQLITE_OK)
        return rc;
    /* never from a trigger or a view: only the import's own statement */
    sqlite3_vtab_config(conn, SQLITE_VTAB_DIRECTONLY);
    struct feed_vtab *t = sqlite3_malloc(sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    memset(t, 0, sizeof *t);
    t->feed = feed;
    *out = &t->base;
    return SQLITE_OK;
}

static int feed_disconnect(sqlite3_vtab *t)
{
    sqlite3_free(t);
    return SQLITE_OK;
}

/* No constraint is used: every row is read, in array order, which is also
 * the order of rowid (so ORDER BY rowid costs nothing). */
static int feed_best_index(sqlite3_vtab *t, sqlite3_index_info *info)
{
    const struct import_feed *feed = ((struct feed_vtab *)t)->feed;
    info->estimatedRows = (sqlite3_int64)feed->n;
    info->estimatedCost = (double)feed->n;
    if (info->nOrderBy == 1 && info->aOrderBy[0].iColumn == -1 && !info->aOrderBy[0].desc)
        info->orderByConsumed = 1;
    return SQLITE_OK;
}

static int feed_open(sqlite3_vtab *t, sqlite3_vtab_cursor **out)
{
    (void)t;
    struct feed_cursor *c = sqlite3_malloc(sizeof *c);
    if (!c)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int feed_close(sqlite3_vtab_cursor *c)
{
    sqlite3_free(c);
    return SQLITE_OK;
}

static const struct import_feed *feed_of(sqlite3_vtab_cursor *c)
{
    return ((struct feed_vtab *)c->pVtab)->feed;
}

static void skip_rows(struct feed_cursor *c)
{
    const struct import_feed *feed = feed_of(&c->base);
    while (c->row < feed->n && feed->skip && feed->skip(feed->rows, c->row))
        c->row++;
}

static int feed_filter(sqlite3_vtab_cursor *base, int idx_num, const char *idx_str, int argc,
                       sqlite3_value **argv)
{
    (void)idx_num;
    (void)idx_str;
    (void)argc;
    (void)argv;
    struct feed_cursor *c = (struct feed_cursor *)base;
    c->row = 0;
    skip_rows(c);
    return SQLITE_OK;
}

static int feed_next(sqlite3_vtab_cursor *base)
{
    struct feed_cursor *c = (struct feed_cursor *)base;
    c->row++;
    skip_rows(c);
    const struct import_feed *feed = feed_of(base);
    if (feed->progress && (c->row & 1023) == 0)
        import_progress_at(feed->progress, c->row, feed->n);
    return SQLITE_OK;
}

static int feed_eof(sqlite3_vtab_cursor *base)
{
    return ((struct feed_cursor *)base)->row >= feed_of(base)->n;
}

static int feed_column(sqlite3_vtab_cursor *base, sqlite3_context *out, int col)
{
    const struct import_feed *feed = feed_of(base);
    feed->column(feed->rows, ((struct feed_cursor *)base)->row, col, out);
    return SQLITE_OK;
}

static int feed_rowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid)
{
    *rowid = (sqlite3_int64)((struct feed_cursor *)base)->row;
    return SQLITE_OK;
}

static const sqlite3_module feed_module = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only: no CREATE VIRTUAL TABLE */
    .xConnect = feed_connect,
    .xBestIndex = feed_best_index,
    .xDisconnect = feed_disconnect,
    .xDestroy = feed_disconnect,
    .xOpen = feed_open,
    .xClose = feed_close,
    .xFilter = feed_filter,
    .xNext = feed_next,
    .xEof = feed_eof,
    .xColumn = feed_column,
    .xRowid = feed_rowid,
};

int import_feed_run(struct db *db, const struct import_feed *feed, const char *sql,
                    const char *param, size_t *changes, struct db_error *err)
{
    int rc = sqlite3_create_module_v2(db->conn, feed->name, &feed_module, (void *)feed, NULL);
    if (rc != SQLITE_OK)
        return db_sqlite_error(db, rc, err, NULL);
    /* The table's CHECK constraints hold for every value the feed gives
     * (the caller says why): not evaluated again per row, they were a
     * third of an INSERT's time (four date functions per appointment, and
     * an IN list SQLite builds afresh for each row). */
    if (feed->checked)
        sqlite3_exec(db->conn, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL);
    /* prepared here and finalized before the name goes: never cached */
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        if (param)
            sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    int result = rc == SQLITE_DONE ? DB_OK : db_sqlite_error(db, rc, err, NULL);
    if (result == DB_OK && changes)
        *changes = (size_t)sqlite3_changes(db->conn);
    sqlite3_finalize(st);
    if (feed->checked)
        sqlite3_exec(db->conn, "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL);
    /* a NULL module removes the name (as sqlite3_drop_modules does) */
    sqlite3_create_module_v2(db->conn, feed->name, NULL, NULL, NULL);
    return result;
}

/* ---- triggers ---------------------------------------------------------- */

static const char SQL_TRIGGERS[] =
    "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1";

int import_triggers_off(struct db *db, const char *table, const char *const *known,
                        size_t n, int *off, struct db_error *err)
{
    *off = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_TRIGGERS, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    int rc = SQLITE_DONE, all_known = 1;
    while (all_known && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        size_t i = 0;
        while (i < n && strcmp(name ? name : "", known[i]) != 0)
            i++;
        all_known = i < n;
    }
    rc = all_known && rc != SQLITE_DONE ? db_sqlite_error(db, rc, err, NULL) : DB_OK;
    db_stmt_done(db, st);
    if (rc == DB_OK && all_known) {
        /* SQLite re-prepares its statements when this changes */
        sqlite3_db_config(db->conn, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
        *off = 1;
    }
    return rc;
}

void import_triggers_on(struct db *db)
{
    sqlite3_db_config(db->conn, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, (int *)NULL);
}
