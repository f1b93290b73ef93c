/* stmt.c - prepared statements and the small helpers every storage file
 * uses around them (binding optional values, copying text into fixed-size
 * fields, existence checks).
 *
 * Statements are cached per connection, keyed by the address of their SQL
 * text (always a static string in storage/), so a hot query such as the day
 * list is prepared once per connection. A full cache falls back to a
 * one-shot statement finalized by db_stmt_done. */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"

static int cache_find(struct db *db, const char *sql)
{
    for (int i = 0; i < DB_STMT_CACHE; i++)
        if (db->cache[i].sql == sql)
            return i;
    return -1;
}

sqlite3_stmt *db_stmt(struct db *db, const char *sql, struct db_error *err)
{
    int i = cache_find(db, sql);
    if (i >= 0)
        return db->cache[i].stmt;

    sqlite3_stmt *st = NULL;
    int slot = cache_find(db, NULL);
    unsigned flags = slot >= 0 ? SQLITE_PREPARE_PERSISTENT : 0;
    int rc = sqlite3_prepare_v3(db->conn, sql, -1, flags, &st, NULL);
    if (rc != SQLITE_OK) {
        db_sqlite_error(db, rc, err, NULL);
        sqlite3_finalize(st);
        return NULL;
    }
    if (slot >= 0) {
        db->cache[slot].sql = sql;
        db->cache[slot].stmt = st;
    }
    return st;
}

void db_stmt_done(struct db *db, sqlite3_stmt *st)
{
    if (!st)
        return;
    for (int i = 0; i < DB_STMT_CACHE; i++) {
        if (db->cache[i].stmt == st) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return;
        }
    }
    sqlite3_finalize(st);
}

void db_stmt_cache_clear(struct db *db)
{
    for (int i = 0; i < DB_STMT_CACHE; i++) {
        sqlite3_finalize(db->cache[i].stmt);
        db->cache[i].stmt = NULL;
        db->cache[i].sql = NULL;
    }
}

int db_exec(struct db *db, const char *sql, struct db_error *err)
{
    int rc = sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return db_sqlite_error(db, rc, err, NULL);
    return DB_OK;
}

int db_step_done(struct db *db, sqlite3_stmt *st, struct db_error *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return DB_OK;
    return db_sqlite_error(db, rc, err, NULL);
}

int db_bind_text(sqlite3_stmt *st, int idx, const char *s, int empty_is_null)
{
    if (!s || (empty_is_null && !s[0]))
        return sqlite3_bind_null(st, idx);
    return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

int db_bind_ref(sqlite3_stmt *st, int idx, int64_t id)
{
    if (id == 0)
        return sqlite3_bind_null(st, idx);
    return sqlite3_bind_int64(st, idx, id);
}

void db_column_text(sqlite3_stmt *st, int col, char *dst, size_t size)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    size_t n = s ? (size_t)sqlite3_column_bytes(st, col) : 0;
    if (size == 0)
        return;
    if (n >= size) {
        /* Longer than the field (another client ignored the CHECKs): cut
         * before the first byte of the last complete character. */
        n = size - 1;
        while (n > 0 && (s[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, s, n);
    dst[n] = '\0';
}

int db_require_row(struct db *db, const char *sql, int64_t id,
                   const char *what, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    int result;
    if (rc == SQLITE_ROW)
        result = DB_OK;
    else if (rc == SQLITE_DONE)
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", what,
                              (long long)id);
    else
        result = db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    return result;
}

/* Grows a malloc'ed array so that it holds count + 1 elements. */
static void *grow(void *arr, size_t *cap, size_t count, size_t elem)
{
    if (count < *cap)
        return arr;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *p = realloc(arr, ncap * elem);
    if (p)
        *cap = ncap;
    return p;
}

int db_collect(struct db *db, sqlite3_stmt *st, size_t elem,
               void (*read)(sqlite3_stmt *, void *), void **out,
               size_t *count, struct db_error *err)
{
    void *arr = NULL;
    size_t n = 0, cap = 0;
    int rc;
    *out = NULL;
    *count = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        void *p = grow(arr, &cap, n, elem);
        if (!p) {
            free(arr);
            db_stmt_done(db, st);
            return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
        }
        arr = p;
        memset((char *)arr + n * elem, 0, elem);
        read(st, (char *)arr + n * elem);
        n++;
    }
    int result = rc == SQLITE_DONE ? DB_OK : db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    if (result != DB_OK) {
        free(arr);
        return result;
    }
    *out = arr;
    *count = n;
    return DB_OK;
}
