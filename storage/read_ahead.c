/* read_ahead.c - the first pages of some b-trees read at once (storage.h).
 *
 * A fresh connection on a share reads each b-tree's root page before the
 * pages under it, one round trip each: a booking by a command reads some
 * twenty roots in a row, the console's first screen a dozen. Their page
 * numbers are in the schema, which SQLite has read by then: asked for
 * together (lock_vfs.c, LOCK_FCNTL_READ_AHEAD), they cost about one round
 * trip. Dot-file mode only (the share's mode); elsewhere nothing is done. */
#include "db_internal.h"
#include "lock.h"

enum { ROOTS_MAX = 32 };

/* What the console's first screen (a day of a site) reads, measured on the
 * bench file; a name missing from the file is skipped. */
static const char *const DAY_BTREES[] = {
    "sqlite_autoindex_site_1", "site", "agent_site_site", "agent", "motif",
    "appointment", "appointment_site_start", "appointment_report",
    "opening_hours", "opening_hours_site", "opening_hours_agent", "opening_hours_motif",
    "absence_agent",
};

void db_read_ahead_roots(struct db *db, const char *const *names, size_t count)
{
    /* Inside a read transaction: its lock (taken by the schema query
     * below if not yet) holds while the pages are read, and they are kept
     * for it alone (the VFS refuses without a lock). */
    if (!db || !db->conn || db->locking != DB_LOCKING_DOTFILE ||
        sqlite3_get_autocommit(db->conn))
        return;
    long long offsets[ROOTS_MAX];
    int n = 0, page_size = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, "PRAGMA page_size", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        page_size = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (page_size <= 0 ||
        sqlite3_prepare_v2(db->conn, "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                           -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return;
    }
    for (size_t i = 0; i < count && n < ROOTS_MAX; i++) {
        sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 1)
            offsets[n++] = (sqlite3_column_int64(st, 0) - 1) * page_size;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    struct lock_read_ahead req = {offsets, n, page_size};
    if (n > 0)
        sqlite3_file_control(db->conn, "main", LOCK_FCNTL_READ_AHEAD, &req);
}

void db_day_read_ahead_roots(struct db *db)
{
    db_read_ahead_roots(db, DAY_BTREES, sizeof DAY_BTREES / sizeof DAY_BTREES[0]);
}
