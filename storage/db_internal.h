/* db_internal.h - what the files of storage/ share and nothing else sees:
 * the connection struct, error helpers, the statement cache, write units and
 * input validation. It includes sqlite3.h, so it must never be included
 * outside storage/ (tests/storage may, to reach the raw connection). */
#ifndef GUICHET_STORAGE_DB_INTERNAL_H
#define GUICHET_STORAGE_DB_INTERNAL_H

#include <sqlite3.h>
#include <stdarg.h>

#include "storage.h"
#include "shared.h"
#include "../model/text.h"

enum {
    DB_STMT_CACHE = 64,
    DB_PATH_LEN = 4096,
    DB_DEFAULT_BUSY_MS = 10000,
};

struct db {
    sqlite3 *conn;
    char path[DB_PATH_LEN];
    int readonly;
    enum db_locking locking;
    unsigned file_mode;     /* what new files get (file_mode.h) */
    int busy_timeout_ms;
    db_wait_fn wait_fn;
    void *wait_ctx;
    db_slow_fn slow_fn;     /* db_set_slow_callback */
    void *slow_ctx;
    int64_t slow_start_ms;  /* monotonic: the current work began */
    int64_t slow_last_ms;   /* the last progress call */
    int64_t busy_start_ms;  /* monotonic time the current wait began */
    int busy_cancelled;     /* the wait callback asked to give up */
    char actor[DB_SHORT_LEN];
    int bulk;               /* inside db_bulk_begin .. commit/rollback */
    int bulk_lost;          /* SQLite rolled the bulk transaction back */
    long bulk_rows;         /* rows inserted in this bulk (one audit row) */
    int view_depth;         /* db_view_begin calls not yet ended */
    int view_started;       /* the outermost one began a read transaction */
    int synchronous_pending; /* db_set_synchronous still to run (keep_reading) */
    struct db_shared shared; /* shared-file policy state (shared.h) */
    /* Prepared statements keyed by the address of their static SQL text:
     * a day step or a booking does not re-prepare. */
    struct {
        const char *sql;
        sqlite3_stmt *stmt;
    } cache[DB_STMT_CACHE];
};

/* ---- errors (errors.c) ---- */

/* Public functions start with DB_USE_LOCAL_ERROR(err) so that helpers can
 * always write into an error record, even when the caller passed NULL. */
#define DB_USE_LOCAL_ERROR(err)              \
    struct db_error err##_local_ = {0};      \
    if (!(err))                              \
        (err) = &err##_local_

/* Fills err (may be NULL) with status and a printf-style detail; returns
 * status so callers can `return db_set_error(...)`. */
int db_set_error(struct db_error *err, enum db_status status,
                 const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Maps an SQLite result code (extended codes on) to a db_status. */
enum db_status db_status_from_sqlite(struct db *db, int rc);
/* Sets err from the connection's last error: detail "what: SQLite's words"
 * (what may be NULL: the database path is used). Returns the status. */
int db_sqlite_error(struct db *db, int rc, struct db_error *err,
                    const char *what);

/* ---- statements (stmt.c) ---- */

/* A prepared statement for `sql` (a string with static storage: it is the
 * cache key). NULL on error, err filled. Give it back with db_stmt_done. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql, struct db_error *err);
/* Resets and clears the bindings (or finalizes an uncached statement). */
void db_stmt_done(struct db *db, sqlite3_stmt *st);
void db_stmt_cache_clear(struct db *db);
/* Runs SQL without results (may hold several statements). */
int db_exec(struct db *db, const char *sql, struct db_error *err);
/* Steps `st` once expecting SQLITE_DONE; maps any error. Does not reset. */
int db_step_done(struct db *db, sqlite3_stmt *st, struct db_error *err);
/* Binds text; an empty string binds NULL when empty_is_null. */
int db_bind_text(sqlite3_stmt *st, int idx, const char *s, int empty_is_null);
/* Binds an id; 0 binds NULL (optional references). */
int db_bind_ref(sqlite3_stmt *st, int idx, int64_t id);
/* Copies column text into a fixed buffer, cutting on a UTF-8 boundary. */
void db_column_text(sqlite3_stmt *st, int col, char *dst, size_t size);
/* Runs `sql` (binding ?1 = id) and tells whether a row comes back:
 * 0 = yes, DB_ERR_NO_ROW naming `what` if not, or another error. */
/* Steps a prepared, bound query to the end, reading each row with `read`
 * into a malloc'ed array of `elem`-sized zeroed elements (NULL when none).
 * Gives the statement back (db_stmt_done) in every case. */
/* PRAGMA synchronous = FULL (checked), outside any transaction. */
int db_set_synchronous(struct db *db, struct db_error *err);

int db_collect(struct db *db, sqlite3_stmt *st, size_t elem,
               void (*read)(sqlite3_stmt *, void *), void **out,
               size_t *count, struct db_error *err);
int db_require_row(struct db *db, const char *sql, int64_t id,
                   const char *what, struct db_error *err);

/* ---- backup (backup.c) ---- */

/* db_backup, calling progress(ctx, pages copied, pages in all) between two
 * steps, while the lock is let go (the callback may take its time: desks
 * commit meanwhile, and the copy restarts when they do). For tests. */
int db_backup_progress(struct db *db, const char *dest,
                       void (*progress)(void *ctx, size_t done, size_t total), void *ctx,
                       struct db_backup_stats *stats, struct db_error *err);

/* ---- write units (txn.c) ---- */

/* One unit of work: BEGIN IMMEDIATE (a SAVEPOINT inside bulk mode; in
 * dot-file mode, inside a view, the view's transaction). Every error path
 * must call db_write_rollback; nothing stays open after it. */
int db_write_begin(struct db *db, struct db_error *err);
int db_write_commit(struct db *db, struct db_error *err);
void db_write_rollback(struct db *db);
/* Audit row inside the current unit: time from clock_now, actor from
 * db_set_actor. detail may be NULL. */
int db_audit_add(struct db *db, const char *entity, int64_t entity_id,
                 const char *action, const char *detail,
                 struct db_error *err);

/* ---- validation (validate.c) ---- */

/* Text field stored in a char[size]: NUL-terminated inside the field,
 * valid UTF-8, no control characters (newline allowed with TEXT_MULTILINE),
 * required when TEXT_REQUIRED. DB_ERR_INVALID naming `field` otherwise. */
int db_check_text(const char *s, size_t size, unsigned flags,
                  const char *field, struct db_error *err);
/* Parses a civil datetime (ISO or French form) in a char[CIVIL_DATETIME_LEN]
 * and rewrites it in ISO form. */
int db_check_datetime(char *s, const char *field, struct civil_datetime *out,
                      struct db_error *err);
/* Same for a date in a char[CIVIL_DATE_LEN]; empty is allowed when
 * optional (out untouched then). */
int db_check_date(char *s, int optional, const char *field,
                  struct civil_date *out, struct db_error *err);
int db_check_id(int64_t id, int optional, const char *field,
                struct db_error *err);

/* ---- schema (schema.c) ---- */

/* Brings the schema to DB_SCHEMA_VERSION (or refuses a newer one). */
int db_migrate(struct db *db, struct db_error *err);
/* db_migrate in two steps, for db_open: the file's schema version, checked
 * (a newer schema, another program's file, read-only and behind: errors),
 * read in the caller's transaction; then the migrations from there, each
 * a write unit of its own (no transaction may be open). */
int db_schema_state(struct db *db, int *version, struct db_error *err);
int db_migrate_from(struct db *db, int version, struct db_error *err);
/* The application_id written by migration 1 ("GCHT"). */
enum { DB_APPLICATION_ID = 0x47434854 };

/* ---- time ---- */

/* clock_now as "YYYY-MM-DD HH:MM" and "YYYY-MM-DD HH:MM:SS". */
void db_now_text(char out[CIVIL_DATETIME_LEN]);
void db_now_text_seconds(char out[CIVIL_DATETIME_LEN + 3]);

#endif
