/* lock_recover.c - undoing what a crashed desk left (see lock.h): clearing
 * a stale dot-file lock, rolling back the journal of its interrupted write
 * (SQLite's dot-file VFS never does: it takes its own lock directory for
 * another writer's), and switching a WAL file back to a rollback journal,
 * which the dot-file VFS cannot open.
 *
 * Each of them first holds the dot-file lock - a stale one it adopts, or
 * one it takes with mkdir(2) exactly as SQLite would - so no dot-file desk
 * can be writing meanwhile, then works through an SQLite connection of its
 * own. A desk or tool using SQLite's default POSIX locks ignores that lock:
 * a journal is never replayed while one holds POSIX locks on the file (it
 * may be its live transaction: rolling it back would undo a commit in
 * progress and corrupt the file). */
#include "lock.h"
#include "io_count.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../common/i18n.h"

/* Rolls back `<db>-journal` while the caller holds the dot-file lock: a
 * connection through the "unix-none" VFS sees no other writer and so
 * treats the journal as hot, as SQLite's default VFS would. */
static int replay_journal(const char *db_path, const char *journal, char *msg,
                          size_t size)
{
    sqlite3 *c = NULL;
    int rc = sqlite3_open_v2(db_path, &c, SQLITE_OPEN_READWRITE, "unix-none");
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(c, "SELECT count(*) FROM sqlite_master", NULL, NULL,
                          NULL);
    if (rc != SQLITE_OK) {
        snprintf(msg, size, _("%s: could not roll back the interrupted write: %s"),
                 db_path, c ? sqlite3_errmsg(c) : sqlite3_errstr(rc));
        sqlite3_close(c);
        return -1;
    }
    sqlite3_close(c);
    if (lock_journal_is_hot(journal)) {
        snprintf(msg, size, _("%s: the journal of an interrupted write is still "
                              "there after rolling back"), db_path);
        return -1;
    }
    io_unlink(journal); /* an incomplete one is garbage; we hold the lock */
    return 0;
}

int lock_recover_journal(const char *db_path, char *msg, size_t size)
{
    char lock[LOCK_PATH_LEN], journal[LOCK_PATH_LEN];
    if (lock_path(db_path, ".lock", lock, sizeof lock) ||
        lock_path(db_path, "-journal", journal, sizeof journal))
        return 0;
    if (!lock_journal_is_hot(journal))
        return 0;
    if (io_mkdir(lock, 0777) != 0) {
        if (errno == EEXIST)
            return 1; /* a live writer's journal, or a stale lock */
        snprintf(msg, size, "%s: %s", lock, strerror(errno));
        return -1;
    }
    /* We hold the lock now: a journal still there is hot - unless a
     * process using POSIX locks is writing it. */
    int rc = 0;
    if (lock_posix_held(db_path) != 0)
        rc = 1;
    else if (lock_journal_is_hot(journal))
        rc = replay_journal(db_path, journal, msg, size);
    if (io_rmdir(lock) != 0 && errno != ENOENT && rc == 0) {
        snprintf(msg, size, "%s: %s", lock, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* Refusal when a process holds SQLite's POSIX locks on the file (read
 * as "the lock is ..." by guichet unlock). */
static void posix_holder_report(struct lock_report *r)
{
    r->state = LOCK_HELD;
    snprintf(r->why, sizeof r->why, "%s",
             _("held through SQLite's default (POSIX) locks by a program "
               "without \"locking = dotfile\" (a desk or a tool): the "
               "journal may be its write in progress"));
}

/* 1 when the database header says WAL (file format bytes 18-19 = 2). */
static int header_is_wal(const char *db_path)
{
    unsigned char h[20];
    int fd = io_open(db_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = io_read(fd, h, sizeof h);
    io_close(fd);
    return n == (ssize_t)sizeof h && memcmp(h, "SQLite format 3", 16) == 0 &&
           h[18] == 2 && h[19] == 2;
}

int lock_convert_wal(const char *db_path, char *msg, size_t size)
{
    char lock[LOCK_PATH_LEN];
    if (!header_is_wal(db_path) ||
        lock_path(db_path, ".lock", lock, sizeof lock))
        return 0;
    if (io_mkdir(lock, 0777) != 0) {
        if (errno == EEXIST)
            return 1;
        snprintf(msg, size, "%s: %s", lock, strerror(errno));
        return -1;
    }
    /* Under the dot-file lock, through the default VFS: its locks and
     * shared memory tell whether a program still uses the WAL, in which
     * case the switch fails and nothing is changed. */
    sqlite3 *c = NULL;
    char mode[16] = "";
    int rc = sqlite3_open_v2(db_path, &c, SQLITE_OPEN_READWRITE, NULL);
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(c, "PRAGMA journal_mode = DELETE", -1, &st, NULL);
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        snprintf(mode, sizeof mode, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(c);
    io_rmdir(lock);
    if (strcmp(mode, "delete") != 0) {
        snprintf(msg, size,
                 _("%s is in WAL mode, which loses data on shared folders, and "
                   "could not be switched back (is another program using it?)"),
                 db_path);
        return -1;
    }
    return 0;
}

enum lock_clear_result lock_clear_stale(const char *db_path,
                                        struct lock_report *report,
                                        char *msg, size_t size)
{
    struct lock_report local;
    if (!report)
        report = &local;
    msg[0] = '\0';
    if (lock_inspect(db_path, report) != 0) {
        snprintf(msg, size, "%s: %s", db_path, strerror(errno));
        return LOCK_FAILED;
    }
    if (report->state == LOCK_HELD)
        return LOCK_REFUSED;
    /* Checked again under the lock (lock_recover_journal) or just before
     * the replay below; here it only gives the early answer. */
    if (report->hot_journal && lock_posix_held(db_path) != 0) {
        posix_holder_report(report);
        return LOCK_REFUSED;
    }
    if (report->state == LOCK_ABSENT) {
        int rc = report->hot_journal ? lock_recover_journal(db_path, msg, size) : 0;
        if (rc < 0)
            return LOCK_FAILED;
        if (rc > 0) {
            if (lock_posix_held(db_path) != 0)
                posix_holder_report(report);
            else
                snprintf(report->why, sizeof report->why, "%s",
                         _("another desk took the lock meanwhile"));
            report->state = LOCK_HELD;
            return LOCK_REFUSED;
        }
        return LOCK_NOTHING;
    }
    char lock[LOCK_PATH_LEN], owner[LOCK_PATH_LEN + 64],
        journal[LOCK_PATH_LEN];
    lock_path(db_path, ".lock", lock, sizeof lock);
    lock_path(db_path, "-journal", journal, sizeof journal);
    struct stat before, after;
    if (io_lstat(lock, &before) != 0)
        return LOCK_NOTHING; /* vanished meanwhile */
    /* The stale lock is ours now: no dot-file desk can take it while it
     * exists; a POSIX one could, so look for it last thing. */
    int journal_there = io_stat(journal, &after) == 0;
    if (journal_there && lock_posix_held(db_path) != 0) {
        posix_holder_report(report);
        return LOCK_REFUSED;
    }
    /* The owner record goes first, before anything is written: the desk
     * it names, should it resume, finds it gone before its next write to
     * the file and writes nothing (lock_vfs.c). */
    while (lock_owner_find(lock, NULL, owner, sizeof owner) == 0) {
        if (io_unlink(owner) != 0 && errno != ENOENT) {
            snprintf(msg, size, "%s: %s", owner, strerror(errno));
            return LOCK_FAILED;
        }
    }
    if (journal_there && replay_journal(db_path, journal, msg, size) != 0)
        return LOCK_FAILED;
    if (io_lstat(lock, &after) != 0 || after.st_ino != before.st_ino) {
        snprintf(msg, size, _("%s: the lock changed while it was being "
                              "cleared; look again"), lock);
        return LOCK_FAILED;
    }
    if (lock_dir_remove(lock) != 0) {
        snprintf(msg, size, "%s: %s", lock, strerror(errno));
        return LOCK_FAILED;
    }
    return LOCK_CLEARED;
}
