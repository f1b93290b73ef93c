/* backup.c - `guichet backup`: a consistent copy of the shared file while
 * desks keep working.
 *
 * SQLite's online backup API copies pages under a read lock, a few at a
 * time, and lets go of the lock between steps so the desks' write units get
 * through. When another connection commits between two steps the copy
 * starts again from the first page (that is how it stays consistent); with
 * busy desks it could restart forever, so each restart doubles the step:
 * at worst the last pass copies the whole file under one read lock, which
 * desks wait for through their busy handler like any other reader.
 *
 * The destination must not exist (a backup never overwrites anything): it
 * is created exclusively first (with the database's file mode), and
 * removed again if anything fails, including the integrity check of the
 * finished copy.
 *
 * The copy has pages of DB_PAGE_SIZE bytes whatever the file's (a VACUUM
 * of the copy, which nobody else has open): a file made before new files
 * got larger pages comes back converted when it is restored from it. The
 * file itself can be converted in place too (db_convert_page_size, for
 * `guichet doctor --fix`), under the write lock. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "file_mode.h"
#include "../common/i18n.h"

enum {
    BACKUP_FIRST_STEP = 64,     /* pages per step at first (256 KiB at 4 KiB) */
    BACKUP_PAUSE_MS = 2,        /* between steps: room for a desk's commit */
    BACKUP_BUSY_SLEEP_MS = 20,
};

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void remove_copy(const char *dest)
{
    char journal[DB_PATH_LEN + 16];
    unlink(dest);
    if (snprintf(journal, sizeof journal, "%s-journal", dest) <
        (int)sizeof journal)
        unlink(journal);
}

/* PRAGMA integrity_check on the finished copy. */
static int check_copy(sqlite3 *out, const char *dest, struct db_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(out, "PRAGMA integrity_check", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    int result = DB_OK;
    if (rc != SQLITE_ROW) {
        result = db_set_error(err, DB_ERR_IO, "%s: %s", dest,
                              sqlite3_errmsg(out));
    } else {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (!v || strcmp(v, "ok") != 0)
            result = db_set_error(err, DB_ERR_NOT_DATABASE,
                                  _("%s: the copy fails its integrity check: "
                                    "%s"), dest, v ? v : "?");
    }
    sqlite3_finalize(st);
    return result;
}

static long page_size_of(sqlite3 *conn)
{
    sqlite3_stmt *st = NULL;
    long v = 0;
    if (sqlite3_prepare_v2(conn, "PRAGMA page_size", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The finished copy (pages of the file's size) rewritten with pages of
 * DB_PAGE_SIZE when they differ. */
static int copy_page_size(sqlite3 *out, const char *dest,
                          struct db_backup_stats *stats, struct db_error *err)
{
    stats->source_page_size = page_size_of(out);
    stats->page_size = stats->source_page_size;
    if (stats->source_page_size == DB_PAGE_SIZE)
        return DB_OK;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA page_size = %d; VACUUM;", DB_PAGE_SIZE);
    int rc = sqlite3_exec(out, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return db_set_error(err, (rc & 0xff) == SQLITE_FULL ? DB_ERR_FULL : DB_ERR_IO,
                            "%s: %s", dest, sqlite3_errmsg(out));
    stats->page_size = page_size_of(out);
    return DB_OK;
}

int db_convert_page_size(struct db *db, long *before, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *before = page_size_of(db->conn);
    if (*before == DB_PAGE_SIZE)
        return DB_OK;
    if (db->readonly)
        return db_set_error(err, DB_ERR_READONLY, "%s", db->path);
    if (db->bulk || !sqlite3_get_autocommit(db->conn))
        return db_set_error(err, DB_ERR_INTERNAL, "%s",
                            _("a transaction is open: cannot convert now"));
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA page_size = %d", DB_PAGE_SIZE);
    int rc = db_exec(db, sql, err);
    /* One statement: SQLite takes the write lock, rewrites the file through
     * its journal and lets go (dot-file mode: the lock is signed, and
     * checked before each write, as for any unit). */
    if (rc == DB_OK)
        rc = db_exec(db, "VACUUM", err);
    if (rc == DB_OK && page_size_of(db->conn) != DB_PAGE_SIZE)
        rc = db_set_error(err, DB_ERR_INTERNAL, "PRAGMA page_size = %ld, expected %d",
                          page_size_of(db->conn), DB_PAGE_SIZE);
    return rc;
}

int db_backup(struct db *db, const char *dest, struct db_backup_stats *stats,
              struct db_error *err)
{
    return db_backup_progress(db, dest, NULL, NULL, stats, err);
}

int db_backup_progress(struct db *db, const char *dest,
                       void (*progress)(void *ctx, size_t done, size_t total), void *ctx,
                       struct db_backup_stats *stats, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct db_backup_stats local = {0};
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    if (!dest || !dest[0] || strlen(dest) >= DB_PATH_LEN)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("backup file name"));
    if (db->bulk || !sqlite3_get_autocommit(db->conn))
        return db_set_error(err, DB_ERR_INTERNAL, "%s",
                            _("a transaction is open: cannot back up now"));

    /* Claim the name: fails if anything is there already. The copy holds
     * the same personal data: the database's file mode, narrowed by the
     * destination's folder (file_mode.h). */
    if (fmode_create(dest, fmode_limit(dest, db->file_mode), 1) != 0) {
        if (errno == EEXIST)
            return db_set_error(err, DB_ERR_REFUSED,
                                _("%s already exists: a backup never "
                                  "overwrites a file"), dest);
        enum db_status st = errno == EACCES || errno == EPERM ? DB_ERR_PERMISSION
                            : errno == ENOENT ? DB_ERR_MISSING
                            : errno == ENOSPC ? DB_ERR_FULL : DB_ERR_IO;
        return db_set_error(err, st, "%s: %s", dest, strerror(errno));
    }

    sqlite3 *out = NULL;
    int rc = sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        db_set_error(err, DB_ERR_IO, "%s: %s", dest,
                     out ? sqlite3_errmsg(out) : sqlite3_errstr(rc));
        sqlite3_close(out);
        remove_copy(dest);
        return err->status;
    }
    sqlite3_backup *b = sqlite3_backup_init(out, "main", db->conn, "main");
    if (!b) {
        db_set_error(err, DB_ERR_INTERNAL, "%s: %s", dest, sqlite3_errmsg(out));
        sqlite3_close(out);
        remove_copy(dest);
        return err->status;
    }

    int step = BACKUP_FIRST_STEP;
    int last_done = 0, busy_waited = 0;
    for (;;) {
        rc = sqlite3_backup_step(b, step);
        stats->steps++;
        if (rc == SQLITE_DONE)
            break;
        if (rc == SQLITE_OK) {
            /* A step that went on copies `step` more pages; fewer means
             * another desk committed and SQLite started over. */
            int done = sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b);
            if (done < last_done + step) {
                stats->restarts++;
                if (step < (1 << 24))
                    step *= 2;
            }
            last_done = done;
            busy_waited = 0;
            if (progress)
                progress(ctx, (size_t)done, (size_t)sqlite3_backup_pagecount(b));
            sleep_ms(BACKUP_PAUSE_MS);
            continue;
        }
        if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
            /* The desks' busy handler waits for the source; this loop waits
             * for whatever is left, within the same timeout. */
            if (busy_waited >= db->busy_timeout_ms)
                break;
            sleep_ms(BACKUP_BUSY_SLEEP_MS);
            busy_waited += BACKUP_BUSY_SLEEP_MS;
            continue;
        }
        break;
    }
    stats->pages = sqlite3_backup_pagecount(b);
    int frc = sqlite3_backup_finish(b);
    int result = DB_OK;
    if (rc != SQLITE_DONE) {
        result = db_set_error(err, db_status_from_sqlite(db, rc), "%s: %s",
                              dest, sqlite3_errstr(rc));
    } else if (frc != SQLITE_OK) {
        result = db_set_error(err, DB_ERR_IO, "%s: %s", dest,
                              sqlite3_errmsg(out));
    }
    if (result == DB_OK)
        result = copy_page_size(out, dest, stats, err);
    if (result == DB_OK)
        result = check_copy(out, dest, err);
    if (sqlite3_close(out) != SQLITE_OK && result == DB_OK)
        result = db_set_error(err, DB_ERR_IO, "%s", dest);
    if (result != DB_OK)
        remove_copy(dest);
    return result;
}
