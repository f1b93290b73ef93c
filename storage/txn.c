/* txn.c - units of work and bulk mode.
 *
 * Every write is one unit (DESIGN.md §4): BEGIN IMMEDIATE takes the write
 * lock before anything is read, so what the unit re-reads cannot change
 * under it (in dot-file mode a unit begun inside a view goes on in the
 * view's transaction, whose lock already keeps every other desk out);
 * then write, audit row, COMMIT. Nothing is held across calls.
 * Inside db_bulk_begin the unit is a SAVEPOINT, so a failed insert undoes
 * only itself and the bulk can go on.
 *
 * SQLite may roll a transaction back by itself after SQLITE_FULL, IOERR,
 * BUSY or NOMEM: every path below checks sqlite3_get_autocommit() rather
 * than assuming a transaction is still open. */
#include <stdio.h>

#include "db_internal.h"
#include "unit.h"
#include "../common/clock.h"
#include "../common/i18n.h"

void db_now_text(char out[CIVIL_DATETIME_LEN])
{
    struct civil_datetime now;
    clock_now(&now, NULL);
    if (civil_format_datetime(now, out, CIVIL_DATETIME_LEN) != 0)
        out[0] = '\0';
}

void db_now_text_seconds(char out[CIVIL_DATETIME_LEN + 3])
{
    struct civil_datetime now;
    int sec = 0;
    char minute[CIVIL_DATETIME_LEN];
    clock_now(&now, &sec);
    if (civil_format_datetime(now, minute, sizeof minute) != 0)
        minute[0] = '\0';
    snprintf(out, CIVIL_DATETIME_LEN + 3, "%s:%02d", minute, sec % 60);
}

/* Transaction control statements are prepared once per connection too:
 * in bulk mode every insert is a SAVEPOINT and a RELEASE. */
static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";
static const char SQL_SAVEPOINT[] = "SAVEPOINT unit";
static const char SQL_RELEASE[] = "RELEASE unit";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO unit";

static int run(struct db *db, const char *sql, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

static int bulk_lost_error(struct db *db, struct db_error *err)
{
    db->bulk_lost = 1;
    return db_set_error(err, DB_ERR_IO, "%s: %s", db->path,
                        _("the bulk transaction was rolled back after an "
                          "error; nothing of it was saved"));
}

/* Tells the dot-file VFS that a write unit runs (its test hook stops
 * only writers: lock_vfs.c). */
static void unit_mark(struct db *db, int on)
{
    if (db->locking == DB_LOCKING_DOTFILE)
        sqlite3_file_control(db->conn, "main", LOCK_FCNTL_UNIT, &on);
}

int db_write_begin(struct db *db, struct db_error *err)
{
    /* Looks again for desks of the other locking mode before this unit,
     * so a conflict found now blocks this write, not the next one. */
    shared_unit_starting(&db->shared);
    if (db->readonly && db->shared.unsafe_reason[0])
        return db_set_error(err, DB_ERR_UNSAFE, "%s",
                            shared_unsafe_detail(&db->shared));
    if (db->readonly)
        return db_set_error(err, DB_ERR_READONLY, "%s", db->path);
    db->busy_cancelled = 0;
    if (db->bulk) {
        if (db->bulk_lost || sqlite3_get_autocommit(db->conn))
            return bulk_lost_error(db, err);
        shared_keepalive(&db->shared); /* a long bulk holds the lock */
        return run(db, SQL_SAVEPOINT, err);
    }
    /* A write inside a screen's reads (a view). In dot-file mode the view's
     * lock already keeps every other desk out, readers included: the unit
     * goes on in the view's transaction - one lock instead of two, some ten
     * round trips on a share - and what the view read is still what the
     * file holds. With POSIX locks other desks may be reading and about to
     * write (upgrading could deadlock with them): the view's reads end and
     * the unit takes the lock for itself (BEGIN IMMEDIATE). Either way the
     * view's transaction is the unit's now: it ends with it. */
    int go_on = 0;
    if (db->view_started) {
        go_on = db->locking == DB_LOCKING_DOTFILE && !db->synchronous_pending &&
                !sqlite3_get_autocommit(db->conn);
        if (!go_on)
            db_read_end(db, 1);
        db->view_started = 0;
    }
    if (!go_on && !sqlite3_get_autocommit(db->conn))
        return db_set_error(err, DB_ERR_INTERNAL, "%s",
                            _("a transaction is already open"));
    if (db->synchronous_pending && db_set_synchronous(db, err) != DB_OK)
        return err->status;
    unit_mark(db, 1);
    int rc = go_on ? DB_OK : run(db, SQL_BEGIN, err);
    if (rc != DB_OK)
        unit_mark(db, 0);
    if (rc == DB_OK) /* dot-file mode: sign the lock we now hold */
        shared_unit_begun(&db->shared, db->actor);
    return rc;
}

void db_write_rollback(struct db *db)
{
    struct db_error ignored = {0};
    if (db->bulk) {
        if (sqlite3_get_autocommit(db->conn)) {
            db->bulk_lost = 1;
            shared_unit_ending(&db->shared); /* SQLite dropped the lock */
            return;
        }
        if (run(db, SQL_ROLLBACK_TO, &ignored) != DB_OK ||
            run(db, SQL_RELEASE, &ignored) != DB_OK) {
            /* Cannot undo just the unit: drop the whole bulk rather than
             * let half a unit be committed later. */
            shared_unit_ending(&db->shared);
            if (!sqlite3_get_autocommit(db->conn))
                run(db, SQL_ROLLBACK, &ignored);
            db->bulk_lost = 1;
        }
        return;
    }
    shared_unit_ending(&db->shared);
    if (!sqlite3_get_autocommit(db->conn))
        run(db, SQL_ROLLBACK, &ignored);
    unit_mark(db, 0);
}

int db_write_commit(struct db *db, struct db_error *err)
{
    int rc;
    if (db->bulk) {
        if (sqlite3_get_autocommit(db->conn))
            return bulk_lost_error(db, err);
        rc = run(db, SQL_RELEASE, err);
    } else {
        /* COMMIT can meet readers still holding SHARED locks: the busy
         * handler waits; on failure the transaction is still open. */
        shared_unit_ending(&db->shared);
        rc = run(db, SQL_COMMIT, err);
        if (rc == DB_OK)
            unit_mark(db, 0);
    }
    if (rc != DB_OK)
        db_write_rollback(db);
    return rc;
}

static const char SQL_AUDIT_ADD[] =
    "INSERT INTO audit (at, actor, entity, entity_id, action, detail) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

_Static_assert((int)DB_STAMP_LEN == (int)CLOCK_STAMP_LEN, "audit times are clock stamps");

int db_audit_add(struct db *db, const char *entity, int64_t entity_id,
                 const char *action, const char *detail,
                 struct db_error *err)
{
    char at[DB_STAMP_LEN];
    clock_stamp_now(at);
    sqlite3_stmt *st = db_stmt(db, SQL_AUDIT_ADD, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, db->actor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, entity, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, entity_id);
    sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, detail ? detail : "", -1, SQLITE_TRANSIENT);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

/* ---- bulk mode -------------------------------------------------------- */

/* A bulk insert touches index pages all over the file (an index on the
 * person, another on the agent): with SQLite's default 2 MiB page cache
 * they are written out and read back again and again. A connection that
 * bulk-inserts gets a cache of up to 64 MiB (filled only as pages are
 * used) and keeps it between bulks, which generators chain; the console
 * never bulk-inserts and keeps a small cache (db.c: 2 MiB, 16 MiB on a
 * share). */
enum { BULK_CACHE_KIB = 65536 };

static void set_cache_kib(struct db *db, long kib)
{
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %ld", -kib);
    sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
}

static void bulk_end(struct db *db)
{
    db->bulk = 0;
    db->bulk_lost = 0;
    db->bulk_rows = 0;
}

int db_bulk_begin(struct db *db, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    if (db->bulk)
        return db_set_error(err, DB_ERR_INTERNAL, "%s",
                            _("bulk mode is already on"));
    int rc = db_write_begin(db, err); /* BEGIN IMMEDIATE */
    if (rc != DB_OK)
        return rc;
    set_cache_kib(db, BULK_CACHE_KIB);
    db->bulk = 1;
    db->bulk_lost = 0;
    db->bulk_rows = 0;
    return DB_OK;
}

int db_bulk_commit(struct db *db, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    if (!db->bulk)
        return db_set_error(err, DB_ERR_INTERNAL, "%s",
                            _("bulk mode is not on"));
    int rc = DB_OK;
    if (db->bulk_lost || sqlite3_get_autocommit(db->conn)) {
        rc = bulk_lost_error(db, err);
    } else if (db->bulk_rows > 0) {
        /* One audit row for the whole bulk instead of one per insert. */
        char detail[64];
        snprintf(detail, sizeof detail, "%ld rows", db->bulk_rows);
        rc = db_audit_add(db, "bulk", 0, "import", detail, err);
    }
    db->bulk = 0;
    if (rc == DB_OK)
        rc = db_write_commit(db, err);
    else
        db_write_rollback(db);
    bulk_end(db);
    return rc;
}

void db_bulk_rollback(struct db *db)
{
    if (!db->bulk)
        return;
    db->bulk = 0;
    db_write_rollback(db);
    bulk_end(db);
}
