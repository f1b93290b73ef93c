/* lock_vfs.c - the "guichet-dotfile" VFS: SQLite's dot-file lock, signed
 * by its holder and checked before every write (see lock.h, 1.).
 *
 * It is SQLite's "unix-none" VFS (no locking at all) with the locking of
 * "unix-dotfile" done here: whoever reads or writes holds the directory
 * `<db>.lock`, made with mkdir(2) and removed with rmdir(2) exactly as
 * SQLite's dot-file VFS does, so the two exclude each other (a
 * `sqlite3 -vfs unix-dotfile` shell and a desk). What is added:
 *
 * - The holder signs the lock: `<db>.lock/owner-TOKEN` (who, where, since
 *   when; TOKEN is random) is made with the directory - written in a
 *   directory made aside and renamed into place where the file system can
 *   rename without replacing, else right after the mkdir - and removed
 *   only when the lock is let go: after COMMIT is complete, the journal
 *   deleted. A lock is therefore never unsigned while a write is in
 *   progress, and `guichet unlock` can tell a dead holder from a live one
 *   at every step of a commit.
 * - Before each write to the database file (and before the journal is
 *   opened or deleted) the holder makes sure its record is still there.
 *   When another desk has broken the lock - only possible when this one
 *   gave no sign of life for longer than lock_stale_limit_s(): stopped,
 *   suspended, cut off from the share - the record is gone: the write is
 *   refused, nothing reaches the file, the lock directory (now someone
 *   else's) is left alone, and LOCK_FCNTL_LOST tells the connection, which
 *   says that nothing was saved.
 *   The check costs one stat-like call, and is skipped while the holder's
 *   last sign of life (its record's time, refreshed here as it works) is
 *   younger than half the limit: nobody can break the lock then.
 *   What remains: a desk that is stopped between that check and the write
 *   it allowed (a few microseconds on a local disk, one round trip on a
 *   share), for longer than the limit, while someone runs `guichet unlock`
 *   and another desk writes - and a desk resuming in the milliseconds
 *   between `unlock`'s inspection and its removal of the record. No lock
 *   on a share without working byte-range locks can close these (there is
 *   no fencing); they are as small as the file system allows.
 * - SQLite's dot-file VFS never rolls back a hot journal: asking whether
 *   another connection holds RESERVED, it sees its own lock directory and
 *   says yes. Here the answer is no when the directory is ours (nobody
 *   else can be writing - unless a program holds SQLite's POSIX locks,
 *   which is probed), so a desk opening after a crash rolls the journal
 *   back by itself, as SQLite does with its default locks.
 *
 * - While the connection asks for it (LOCK_FCNTL_HOLD: the console, while
 *   it handles a key), the lock SQLite lets go of at the end of a
 *   transaction is kept, and the next transaction takes it back at no
 *   cost: a booking and the screens read again after it share one lock
 *   instead of taking it twice (some ten round trips each on a share).
 *   The lock is only kept, never taken for that: no other desk could have
 *   written meanwhile, and SQLite still looks at the file's change counter
 *   as after any lock. The hold ends (the lock is let go) before the
 *   console waits for the next key.
 * - The rollback journal's writes are gathered and reach the file in one
 *   call before the journal is synced, read, measured, truncated or
 *   closed, and before any write to the database file: SQLite writes each
 *   page it saves as three calls (its number, the page, a checksum), each
 *   a round trip on a share (36 of a booking's 46 writes). Nothing is
 *   promised before the sync, which still comes first, so a desk killed
 *   meanwhile leaves what SQLite already allows: an unsynced journal and
 *   an untouched database.
 *
 * For tests only, GUICHET_TEST_STALL=STEP and GUICHET_TEST_STALL_FILE=PATH
 * make a writing desk stop itself (SIGSTOP) once, at STEP of its first
 * write unit, after appending "STEP PID" to PATH: unsigned (lock taken,
 * record not yet written), signed, journal (journal written, before the
 * first write to the database), db-write (after it), db-synced (all
 * written, journal not yet deleted), unlocking (commit complete, lock not
 * yet released).
 *
 * Single-threaded use (as guichet is): the list of open files is not
 * guarded by a mutex. The one exception, LOCK_FCNTL_READ_AHEAD, reads
 * pages from threads (read_batch.c) through the real file's xRead only,
 * and waits for them all before returning. */
#define _GNU_SOURCE /* renameat2 */
#include "lock.h"
#include "io_count.h"
#include "read_batch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

struct gfile {
    sqlite3_file base;          /* pMethods: main_methods */
    sqlite3_file *real;         /* the unix-none file, after this struct */
    struct gfile *next;         /* open main database files */
    char db[LOCK_PATH_LEN];
    char lock[LOCK_PATH_LEN];
    char owner[LOCK_PATH_LEN + 64];
    char token[LOCK_TOKEN_LEN];
    char user[64];
    int level;                  /* SQLITE_LOCK_* held */
    int is_signed;              /* our record is in the lock directory */
    int lost;                   /* the lock was broken under us */
    int in_unit;                /* a write unit is running (stall hook) */
    int hold;                   /* LOCK_FCNTL_HOLD: keep the lock when let go */
    int held;                   /* kept: ours, while SQLite thinks it free */
    int64_t alive_ms;           /* boot clock: our last sign of life */
    struct jfile *journal;      /* its rollback journal, while open */
    struct read_piece ahead[READ_BATCH_MAX]; /* LOCK_FCNTL_READ_AHEAD */
    int ahead_count;
};

/* A rollback journal: contiguous writes gathered in buf, which holds the
 * bytes of [start, start + len). */
struct jfile {
    sqlite3_file base;          /* pMethods: journal_methods */
    sqlite3_file *real;         /* the unix-none file, after the struct */
    struct gfile *main;         /* its database file, if open here */
    unsigned char *buf;
    size_t len, cap;
    sqlite3_int64 start;
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs gvfs;
static struct gfile *open_files;
static const char *stall_step, *stall_file;
static int stall_done;

/* CLOCK_BOOTTIME: it goes on while the machine is suspended, which is a
 * stall like any other. */
static int64_t boot_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_BOOTTIME, &ts) != 0)
        clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Below this age our last sign of life proves the lock is still ours. */
static int64_t fresh_ms(void)
{
    return (int64_t)lock_stale_limit_s() * 1000 / 2;
}

static void stall(struct gfile *f, const char *step)
{
    if (!stall_step || stall_done || !f->in_unit || strcmp(stall_step, step))
        return;
    stall_done = 1;
    if (stall_file) {
        int fd = open(stall_file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                      0666);
        if (fd >= 0) {
            char line[64];
            int n = snprintf(line, sizeof line, "%s %ld\n", step,
                             (long)getpid());
            if (write(fd, line, (size_t)n) != n) { /* the test times out */ }
            close(fd);
        }
    }
    kill(getpid(), SIGSTOP);
}

static void new_token(char *buf, size_t size)
{
    unsigned char r[8];
    sqlite3_randomness((int)sizeof r, r);
    snprintf(buf, size, "%02x%02x%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2],
             r[3], r[4], r[5], r[6], r[7]);
}

static void fill_record(struct gfile *f, struct lock_owner *o)
{
    lock_self_identity(o);
    snprintf(o->user, sizeof o->user, "%s", f->user);
    o->since = (long long)time(NULL);
    snprintf(o->token, sizeof o->token, "%s", f->token);
}

/* Writes our record into the lock directory we have just made (at
 * `taken_ms`). SQLITE_OK, SQLITE_BUSY when the directory is no longer ours
 * (we were stopped after the mkdir and it was broken meanwhile), or
 * another code when the record cannot be written. */
static int sign(struct gfile *f, int64_t taken_ms)
{
    struct lock_owner o;
    fill_record(f, &o);
    if (lock_record_write(f->owner, &o, 1) != 0) {
        if (errno == ENOENT)
            return SQLITE_BUSY; /* the directory was removed: not ours */
        return errno == ENOSPC || errno == EDQUOT ? SQLITE_FULL
                                                  : SQLITE_IOERR_LOCK;
    }
    /* Stopped longer than a moment since the mkdir: the directory may have
     * been broken (unsigned locks go stale) and made again by another
     * desk, which signs it too. The later of two signers sees the other. */
    if (boot_ms() - taken_ms >= fresh_ms() / 2) {
        char other[LOCK_PATH_LEN + 64];
        if (lock_owner_find(f->lock, f->token, other, sizeof other) == 0) {
            io_unlink(f->owner);
            return SQLITE_BUSY;
        }
    }
    f->is_signed = 1;
    f->alive_ms = taken_ms;
    return SQLITE_OK;
}

/* Where the file system can rename without replacing (renameat2
 * RENAME_NOREPLACE: local disks; not sshfs), the lock directory is made
 * aside with our record in it and renamed into place, so it is never
 * unsigned, not even for a microsecond: a desk killed at any moment
 * leaves a lock that names it. SQLITE_OK (taken and signed), SQLITE_BUSY,
 * SQLITE_NOTFOUND when the file system cannot do it (then mkdir and sign),
 * or an error. */
/* The file system cannot rename without replacing (take_signed). */
static int rename_unsupported;

void lock_vfs_skip_rename(void)
{
    rename_unsupported = 1;
}

static int take_signed(struct gfile *f, int64_t taken_ms)
{
    if (rename_unsupported)
        return SQLITE_NOTFOUND;
    char aside[LOCK_PATH_LEN + 64], record[LOCK_PATH_LEN + 128];
    snprintf(aside, sizeof aside, "%s-new-%s", f->lock, f->token);
    snprintf(record, sizeof record, "%s/owner-%s", aside, f->token);
    if (io_mkdir(aside, 0777) != 0)
        return errno == EACCES || errno == EPERM || errno == EROFS
                   ? SQLITE_READONLY : SQLITE_IOERR_LOCK;
    struct lock_owner o;
    fill_record(f, &o);
    if (lock_record_write(record, &o, 1) != 0) {
        int e = errno;
        io_rmdir(aside);
        return e == ENOSPC || e == EDQUOT ? SQLITE_FULL : SQLITE_IOERR_LOCK;
    }
    stall(f, "unsigned"); /* not taken yet: nothing to break */
    if (io_renameat2(AT_FDCWD, aside, AT_FDCWD, f->lock, RENAME_NOREPLACE) == 0) {
        f->is_signed = 1;
        f->alive_ms = taken_ms;
        return SQLITE_OK;
    }
    int e = errno;
    io_unlink(record);
    io_rmdir(aside);
    if (e == EEXIST || e == ENOTEMPTY)
        return SQLITE_BUSY;
    if (e == EINVAL || e == ENOSYS || e == ENOTSUP) {
        rename_unsupported = 1;
        return SQLITE_NOTFOUND;
    }
    return SQLITE_IOERR_LOCK;
}

/* Before a write: is the lock still ours? Touching our record answers
 * (it fails once the record is gone) and is our sign of life. */
static int confirm(struct gfile *f)
{
    if (f->lost)
        return -1;
    if (!f->is_signed)
        return 0;
    int64_t now = boot_ms();
    if (now - f->alive_ms < fresh_ms())
        return 0;
    if (io_utimensat(AT_FDCWD, f->owner, NULL, 0) != 0) {
        f->lost = 1;
        return -1;
    }
    f->alive_ms = now;
    return 0;
}

/* Keeps our record's time fresh while we work, so that others see us
 * alive through a long statement. */
static void refresh(struct gfile *f)
{
    if (f->is_signed && !f->lost &&
        boot_ms() - f->alive_ms >= (int64_t)lock_beat_period_s() * 1000)
        confirm(f);
}

static struct gfile *main_file_of(const char *journal)
{
    size_t n = strlen(journal), sl = strlen("-journal");
    if (n <= sl || strcmp(journal + n - sl, "-journal") != 0)
        return NULL;
    for (struct gfile *f = open_files; f; f = f->next)
        if (f->level > SQLITE_LOCK_NONE && strlen(f->db) == n - sl &&
            strncmp(f->db, journal, n - sl) == 0)
            return f;
    return NULL;
}

/* ---- the main database file --------------------------------------------- */

static int g_unlock(sqlite3_file *file, int level);

static void release_held(struct gfile *f);
static void ahead_clear(struct gfile *f);

static int g_close(sqlite3_file *file)
{
    struct gfile *f = (struct gfile *)file;
    f->hold = 0;
    g_unlock(file, SQLITE_LOCK_NONE);
    release_held(f);
    ahead_clear(f);
    for (struct gfile **p = &open_files; *p; p = &(*p)->next)
        if (*p == f) {
            *p = f->next;
            break;
        }
    if (f->journal)
        f->journal->main = NULL;
    int rc = f->real->pMethods->xClose(f->real);
    f->base.pMethods = NULL;
    return rc;
}

/* ---- pages read ahead (LOCK_FCNTL_READ_AHEAD) ----------------------------
 * Read together under the lock, kept until SQLite reads them, and never
 * past the lock: no other desk can write while it is ours (kept between
 * transactions too), our own writes drop what they cover, and everything
 * is dropped when the lock is let go. */

static void ahead_drop(struct gfile *f, int i)
{
    free(f->ahead[i].buf);
    f->ahead[i] = f->ahead[--f->ahead_count];
}

static void ahead_clear(struct gfile *f)
{
    while (f->ahead_count)
        ahead_drop(f, f->ahead_count - 1);
}

/* Drops what overlaps [off, off + n). */
static void ahead_forget(struct gfile *f, sqlite3_int64 off, sqlite3_int64 n)
{
    for (int i = f->ahead_count - 1; i >= 0; i--)
        if (f->ahead[i].off < off + n && off < f->ahead[i].off + f->ahead[i].len)
            ahead_drop(f, i);
}

/* 1 when [off, off + n) was read ahead (copied into buf); a page read
 * whole is then forgotten: SQLite keeps it in its own cache. */
static int ahead_take(struct gfile *f, void *buf, int n, sqlite3_int64 off)
{
    for (int i = 0; i < f->ahead_count; i++) {
        struct read_piece *p = &f->ahead[i];
        if (off < p->off || off + n > p->off + p->len)
            continue;
        memcpy(buf, p->buf + (off - p->off), (size_t)n);
        if (n == p->len)
            ahead_drop(f, i);
        return 1;
    }
    return 0;
}

static int read_ahead(struct gfile *f, const struct lock_read_ahead *req)
{
    /* Only under a lock of ours: what is read stays true while it lasts. */
    if ((f->level == SQLITE_LOCK_NONE && !f->held) || f->lost || !req || req->len <= 0)
        return SQLITE_MISUSE;
    struct read_piece batch[READ_BATCH_MAX];
    int n = 0;
    for (int i = 0; i < req->count && n < READ_BATCH_MAX - f->ahead_count; i++) {
        int known = 0;
        for (int k = 0; k < f->ahead_count && !known; k++)
            known = f->ahead[k].off == req->offsets[i];
        if (known)
            continue;
        batch[n] = (struct read_piece){.off = req->offsets[i], .len = req->len};
        batch[n].buf = malloc((size_t)req->len);
        if (!batch[n].buf)
            break;
        n++;
    }
    refresh(f);
    read_batch(f->real, batch, n, read_batch_together(real_vfs));
    for (int i = 0; i < n; i++) {
        if (batch[i].rc == SQLITE_OK)
            f->ahead[f->ahead_count++] = batch[i];
        else
            free(batch[i].buf); /* short (past the end) or failed: read later */
    }
    return SQLITE_OK;
}

static int g_read(sqlite3_file *file, void *buf, int n, sqlite3_int64 off)
{
    struct gfile *f = (struct gfile *)file;
    if (f->ahead_count && !f->lost && ahead_take(f, buf, n, off))
        return SQLITE_OK;
    refresh(f);
    return f->real->pMethods->xRead(f->real, buf, n, off);
}

static int journal_flush(struct jfile *j);

static int g_write(sqlite3_file *file, const void *buf, int n,
                   sqlite3_int64 off)
{
    struct gfile *f = (struct gfile *)file;
    /* the journal's bytes reach the file before any page they save does */
    if (f->journal) {
        int rc = journal_flush(f->journal);
        if (rc != SQLITE_OK)
            return rc;
    }
    stall(f, "journal");
    ahead_forget(f, off, n);
    if (confirm(f) != 0)
        return SQLITE_IOERR_WRITE;
    int rc = f->real->pMethods->xWrite(f->real, buf, n, off);
    stall(f, "db-write");
    return rc;
}

static int g_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    struct gfile *f = (struct gfile *)file;
    ahead_clear(f);
    if (confirm(f) != 0)
        return SQLITE_IOERR_TRUNCATE;
    return f->real->pMethods->xTruncate(f->real, size);
}

static int g_sync(sqlite3_file *file, int flags)
{
    struct gfile *f = (struct gfile *)file;
    int rc = f->real->pMethods->xSync(f->real, flags);
    stall(f, "db-synced");
    return rc;
}

static int g_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    struct gfile *f = (struct gfile *)file;
    return f->real->pMethods->xFileSize(f->real, size);
}

static int g_lock(sqlite3_file *file, int level)
{
    struct gfile *f = (struct gfile *)file;
    if (f->level >= level)
        return SQLITE_OK;
    if (f->level == SQLITE_LOCK_NONE && f->held) {
        /* Kept since the last transaction (LOCK_FCNTL_HOLD): still ours
         * unless it was broken while we were stopped (then take it anew). */
        f->held = 0;
        if (confirm(f) == 0) {
            f->level = level;
            return SQLITE_OK;
        }
        ahead_clear(f); /* broken meanwhile: what was read may be old */
        f->lost = 0;
        f->is_signed = 0;
    }
    if (f->level == SQLITE_LOCK_NONE) {
        int64_t taken = boot_ms();
        /* Held by someone: one call, nothing made. Where the directory is
         * made in place (no rename without replacing: sshfs), the mkdir
         * itself answers that, and asking first would cost one more round
         * trip for every lock. */
        if (!rename_unsupported && io_access(f->lock, F_OK) == 0)
            return SQLITE_BUSY;
        f->lost = 0;
        f->is_signed = 0;
        new_token(f->token, sizeof f->token);
        snprintf(f->owner, sizeof f->owner, "%s/owner-%s", f->lock, f->token);
        int rc = take_signed(f, taken);
        if (rc == SQLITE_NOTFOUND) {
            if (io_mkdir(f->lock, 0777) != 0) {
                if (errno == EEXIST)
                    return SQLITE_BUSY;
                return errno == EACCES || errno == EPERM || errno == EROFS
                           ? SQLITE_READONLY : SQLITE_IOERR_LOCK;
            }
            stall(f, "unsigned");
            rc = sign(f, taken);
            if (rc == SQLITE_BUSY)
                return rc; /* not our directory any more: leave it */
            if (rc != SQLITE_OK && level > SQLITE_LOCK_SHARED) {
                io_rmdir(f->lock);
                return rc;
            }
            /* A reader that could not sign (full disk) reads unsigned. */
        } else if (rc != SQLITE_OK) {
            return rc;
        }
        f->level = level;
        stall(f, "signed");
        return SQLITE_OK;
    }
    if (level > SQLITE_LOCK_SHARED && !f->is_signed)
        return SQLITE_IOERR_LOCK; /* never write under an unsigned lock */
    if (confirm(f) != 0)
        return SQLITE_IOERR_LOCK;
    f->level = level;
    return SQLITE_OK;
}

static int g_unlock(sqlite3_file *file, int level)
{
    struct gfile *f = (struct gfile *)file;
    if (f->level <= level)
        return SQLITE_OK;
    if (f->level > SQLITE_LOCK_SHARED)
        stall(f, "unlocking"); /* the commit is complete */
    if (level == SQLITE_LOCK_NONE && f->hold && f->is_signed && !f->lost) {
        f->held = 1; /* kept for the next transaction: release_held */
    } else if (level == SQLITE_LOCK_NONE) {
        ahead_clear(f);
        if (f->is_signed) {
            /* Removing our record succeeds only while the lock is ours:
             * then the directory is ours to remove. */
            if (io_unlink(f->owner) == 0)
                lock_dir_remove(f->lock);
        } else if (!f->lost) {
            io_rmdir(f->lock);
        }
        f->is_signed = 0;
    }
    f->level = level;
    return SQLITE_OK;
}

/* Lets go of a lock kept by LOCK_FCNTL_HOLD that no transaction took
 * back. */
static void release_held(struct gfile *f)
{
    if (!f->held)
        return;
    ahead_clear(f);
    f->held = 0;
    if (f->level == SQLITE_LOCK_NONE && io_unlink(f->owner) == 0)
        lock_dir_remove(f->lock);
    f->is_signed = 0;
}

static int g_check_reserved(sqlite3_file *file, int *out)
{
    struct gfile *f = (struct gfile *)file;
    if (f->level >= SQLITE_LOCK_RESERVED)
        *out = 1;
    else if (f->level > SQLITE_LOCK_NONE || f->held)
        /* The lock is ours: no dot-file desk writes. A program with
         * SQLite's POSIX locks could (its journal is then live). */
        *out = lock_posix_held(f->db) != 0;
    else
        *out = access(f->lock, F_OK) == 0;
    return SQLITE_OK;
}

static int g_file_control(sqlite3_file *file, int op, void *arg)
{
    struct gfile *f = (struct gfile *)file;
    switch (op) {
    case LOCK_FCNTL_ACTOR:
        snprintf(f->user, sizeof f->user, "%s", arg ? (const char *)arg : "");
        return SQLITE_OK;
    case LOCK_FCNTL_UNIT:
        f->in_unit = *(int *)arg;
        return SQLITE_OK;
    case LOCK_FCNTL_LOST:
        *(int *)arg = f->lost;
        return SQLITE_OK;
    case LOCK_FCNTL_HOLD:
        f->hold = *(int *)arg;
        if (!f->hold)
            release_held(f);
        return SQLITE_OK;
    case LOCK_FCNTL_READ_AHEAD:
        return read_ahead(f, arg);
    default:
        return f->real->pMethods->xFileControl(f->real, op, arg);
    }
}

static int g_sector_size(sqlite3_file *file)
{
    struct gfile *f = (struct gfile *)file;
    return f->real->pMethods->xSectorSize(f->real);
}

static int g_device_characteristics(sqlite3_file *file)
{
    struct gfile *f = (struct gfile *)file;
    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

/* Version 1: no shared memory (no WAL, which a share cannot carry) and no
 * memory mapping (off in guichet anyway). */
static const sqlite3_io_methods main_methods = {
    1,
    g_close,
    g_read,
    g_write,
    g_truncate,
    g_sync,
    g_file_size,
    g_lock,
    g_unlock,
    g_check_reserved,
    g_file_control,
    g_sector_size,
    g_device_characteristics,
    NULL, NULL, NULL, NULL, NULL, NULL,
};

/* ---- the rollback journal ------------------------------------------------ */

/* SQLite's unix VFS writes at most 128 KiB - 1 bytes per call (it masks
 * the length with 0x1ffff, and a longer write comes out short and reads
 * as a full disk): the gathered bytes go out in pieces below that. */
enum {
    JOURNAL_BUF_MIN = 64 * 1024,
    JOURNAL_BUF_MAX = 1024 * 1024,
    JOURNAL_WRITE_MAX = 124 * 1024,
};

static int journal_flush(struct jfile *j)
{
    int rc = SQLITE_OK;
    for (size_t done = 0; rc == SQLITE_OK && done < j->len; done += JOURNAL_WRITE_MAX) {
        size_t n = j->len - done < JOURNAL_WRITE_MAX ? j->len - done : JOURNAL_WRITE_MAX;
        rc = j->real->pMethods->xWrite(j->real, j->buf + done, (int)n,
                                       j->start + (sqlite3_int64)done);
    }
    j->len = 0;
    return rc;
}

static int j_close(sqlite3_file *file)
{
    struct jfile *j = (struct jfile *)file;
    int rc = journal_flush(j);
    if (j->main)
        j->main->journal = NULL;
    free(j->buf);
    j->buf = NULL;
    int closed = j->real->pMethods->xClose(j->real);
    j->base.pMethods = NULL;
    return rc != SQLITE_OK ? rc : closed;
}

static int j_read(sqlite3_file *file, void *buf, int n, sqlite3_int64 off)
{
    struct jfile *j = (struct jfile *)file;
    int rc = journal_flush(j);
    return rc != SQLITE_OK ? rc : j->real->pMethods->xRead(j->real, buf, n, off);
}

static int j_write(sqlite3_file *file, const void *buf, int n, sqlite3_int64 off)
{
    struct jfile *j = (struct jfile *)file;
    size_t len = (size_t)n;
    if (j->len && off != j->start + (sqlite3_int64)j->len) {
        int rc = journal_flush(j); /* not contiguous: the header again */
        if (rc != SQLITE_OK)
            return rc;
    }
    if (j->len + len > j->cap && j->cap < JOURNAL_BUF_MAX) {
        size_t cap = j->cap ? j->cap : JOURNAL_BUF_MIN;
        while (cap < j->len + len && cap < JOURNAL_BUF_MAX)
            cap *= 2;
        unsigned char *grown = realloc(j->buf, cap);
        if (grown) {
            j->buf = grown;
            j->cap = cap;
        }
    }
    if (j->len + len > j->cap) { /* full, or no memory: write what is held */
        int rc = journal_flush(j);
        if (rc != SQLITE_OK)
            return rc;
        if (len > j->cap) /* no buffer at all (out of memory): straight through */
            return j->real->pMethods->xWrite(j->real, buf, n, off);
    }
    if (!j->len)
        j->start = off;
    memcpy(j->buf + j->len, buf, len);
    j->len += len;
    return SQLITE_OK;
}

static int j_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    struct jfile *j = (struct jfile *)file;
    int rc = journal_flush(j);
    return rc != SQLITE_OK ? rc : j->real->pMethods->xTruncate(j->real, size);
}

static int j_sync(sqlite3_file *file, int flags)
{
    struct jfile *j = (struct jfile *)file;
    int rc = journal_flush(j);
    return rc != SQLITE_OK ? rc : j->real->pMethods->xSync(j->real, flags);
}

static int j_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    struct jfile *j = (struct jfile *)file;
    int rc = journal_flush(j);
    return rc != SQLITE_OK ? rc : j->real->pMethods->xFileSize(j->real, size);
}

static int j_lock(sqlite3_file *file, int level)
{
    struct jfile *j = (struct jfile *)file;
    return j->real->pMethods->xLock(j->real, level);
}

static int j_unlock(sqlite3_file *file, int level)
{
    struct jfile *j = (struct jfile *)file;
    return j->real->pMethods->xUnlock(j->real, level);
}

static int j_check_reserved(sqlite3_file *file, int *out)
{
    struct jfile *j = (struct jfile *)file;
    return j->real->pMethods->xCheckReservedLock(j->real, out);
}

static int j_file_control(sqlite3_file *file, int op, void *arg)
{
    struct jfile *j = (struct jfile *)file;
    int rc = journal_flush(j);
    return rc != SQLITE_OK ? rc : j->real->pMethods->xFileControl(j->real, op, arg);
}

static int j_sector_size(sqlite3_file *file)
{
    struct jfile *j = (struct jfile *)file;
    return j->real->pMethods->xSectorSize(j->real);
}

static int j_device_characteristics(sqlite3_file *file)
{
    struct jfile *j = (struct jfile *)file;
    return j->real->pMethods->xDeviceCharacteristics(j->real);
}

static const sqlite3_io_methods journal_methods = {
    1,
    j_close,
    j_read,
    j_write,
    j_truncate,
    j_sync,
    j_file_size,
    j_lock,
    j_unlock,
    j_check_reserved,
    j_file_control,
    j_sector_size,
    j_device_characteristics,
    NULL, NULL, NULL, NULL, NULL, NULL,
};

/* ---- the VFS ------------------------------------------------------------ */

static size_t real_offset(void)
{
    size_t n = sizeof(struct gfile) > sizeof(struct jfile) ? sizeof(struct gfile)
                                                            : sizeof(struct jfile);
    return (n + 15) & ~(size_t)15;
}

static int g_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file,
                  int flags, int *out_flags)
{
    (void)vfs;
    if (!(flags & SQLITE_OPEN_MAIN_DB) || !name) {
        /* Journals and temporary files are the real VFS's own; a journal
         * is only opened (and so created) under a lock still ours. */
        if ((flags & SQLITE_OPEN_MAIN_JOURNAL) && name) {
            struct gfile *m = main_file_of(name);
            if (m && confirm(m) != 0) {
                file->pMethods = NULL;
                return SQLITE_IOERR_LOCK;
            }
            struct jfile *j = (struct jfile *)file;
            memset(j, 0, sizeof *j);
            j->real = (sqlite3_file *)(void *)((char *)file + real_offset());
            int rc = real_vfs->xOpen(real_vfs, name, j->real, flags, out_flags);
            if (rc != SQLITE_OK) {
                file->pMethods = NULL;
                return rc;
            }
            j->base.pMethods = &journal_methods;
            if (m && !m->journal) {
                j->main = m;
                m->journal = j;
            }
            return SQLITE_OK;
        }
        return real_vfs->xOpen(real_vfs, name, file, flags, out_flags);
    }
    struct gfile *f = (struct gfile *)file;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)(void *)((char *)file + real_offset());
    if (snprintf(f->db, sizeof f->db, "%s", name) >= (int)sizeof f->db ||
        lock_path(name, ".lock", f->lock, sizeof f->lock) != 0) {
        file->pMethods = NULL;
        return SQLITE_CANTOPEN;
    }
    int rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        file->pMethods = NULL;
        return rc;
    }
    f->base.pMethods = &main_methods;
    f->next = open_files;
    open_files = f;
    return SQLITE_OK;
}

static int g_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    struct gfile *m = main_file_of(name);
    if (m && confirm(m) != 0)
        return SQLITE_IOERR_DELETE; /* another desk's journal now */
    return real_vfs->xDelete(real_vfs, name, sync_dir);
}

/* The name SQLite is given for the file, and its full path as already
 * resolved (lock_vfs_known_path). */
static char known_name[LOCK_PATH_LEN], known_full[LOCK_PATH_LEN];

void lock_vfs_known_path(const char *name, const char *full)
{
    known_name[0] = '\0';
    if (name && full && full[0] == '/' && strlen(name) < sizeof known_name &&
        strlen(full) < sizeof known_full) {
        snprintf(known_name, sizeof known_name, "%s", name);
        snprintf(known_full, sizeof known_full, "%s", full);
    }
}

static int g_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    size_t len = strlen(known_full);
    if (known_name[0] && name && strcmp(name, known_name) == 0 && len < (size_t)n) {
        memcpy(out, known_full, len + 1);
        return SQLITE_OK;
    }
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

int lock_vfs_register(void)
{
    if (real_vfs)
        return SQLITE_OK;
    sqlite3_vfs *base = sqlite3_vfs_find("unix-none");
    if (!base)
        return SQLITE_ERROR;
    gvfs = *base;
    gvfs.zName = LOCK_VFS_NAME;
    gvfs.pNext = NULL;
    gvfs.szOsFile = (int)(real_offset() + (size_t)base->szOsFile);
    gvfs.xOpen = g_open;
    gvfs.xDelete = g_delete;
    gvfs.xFullPathname = g_full_pathname;
    stall_step = getenv("GUICHET_TEST_STALL");
    stall_file = getenv("GUICHET_TEST_STALL_FILE");
    int rc = sqlite3_vfs_register(&gvfs, 0);
    if (rc == SQLITE_OK)
        real_vfs = base;
    return rc;
}
