/* db.c - opening and closing the shared database file, with the rules of
 * DESIGN.md §4: rollback journal (never WAL), synchronous FULL, foreign
 * keys, a busy handler that keeps the caller informed and gives up after a
 * timeout. Pragmas are read back after being set: a setting SQLite ignored
 * silently would otherwise go unnoticed.
 *
 * Failures are sorted into enum db_status before SQLite is even asked where
 * the file system can tell (missing file, folder, permissions), so that the
 * person at the desk reads what is wrong and not "unable to open database
 * file". A file that cannot be written opens read-only. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "io_count.h"
#include "file_mode.h"
#include "../common/i18n.h"

/* ---- busy handling ----------------------------------------------------- */

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t monotonic_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Called by SQLite while another connection holds a conflicting lock.
 * Tells the caller how long it has waited (a screen can show "waiting for
 * another desk" and offer to give up) and returns 0 - SQLITE_BUSY for the
 * statement - after the timeout.
 *
 * Fair turns: a desk that commits and begins again at once frees the lock
 * for microseconds only, and waiters that slept 10-50 ms between polls
 * almost never found it free (1 booking in 3 s for one desk of 8 while
 * others made hundreds). So waits are short and at random moments, so
 * that waiters do not wake together: 1 to 8 ms at first, the range
 * narrowing to 1 to 2 ms as the wait goes on - the desk that has waited
 * longest is the likeliest to take the lock when it is freed (with a
 * range that grew instead, the desk that had just had its turn polled
 * fastest and took the next one: one desk of 8 got nothing). Each wait is
 * reported to shared_waiting: a desk that waits leaves a sign, and a desk
 * that has held the lock back to back for a while steps aside briefly
 * after its unit (turns: see shared.c).
 * On a share each try is a round trip to the server the holder is writing
 * through: during the first second of a wait a try is never repeated sooner
 * than BUSY_COST_FACTOR times what the last tries took, so that waiting
 * desks do not crowd that server (after that second the desk polls at 1 to
 * 2 ms whatever the cost: one of 8 desks on sshfs waited 20 s in vain
 * otherwise, its slow polls missing every hand-over) (on
 * a local disk a try takes microseconds: no difference there).
 * A COMMIT that waits is waiting for readers, which are quick and cannot
 * start meanwhile (SQLite's PENDING lock): it polls faster, since it holds
 * the lock every other desk wants. */
enum {
    BUSY_FIRST_MAX_US = 8000,   /* first waits: 1 to 8 ms */
    BUSY_SHRINK_US_PER_MS = 60, /* the range narrows as the wait grows */
    BUSY_LAST_MAX_US = 2000,    /* down to 1 to 2 ms (after 100 ms) */
    BUSY_COMMIT_MAX_US = 1000,  /* a COMMIT waiting for readers: 0.1-1 ms */
    BUSY_COST_FACTOR = 8,       /* sleep at least 8 times a try's cost */
    BUSY_PATIENT_MS = 1000,     /* ...while the wait is shorter than this */
};

static int busy_handler(void *ctx, int count)
{
    struct db *db = ctx;
    if (count == 0) {
        db->busy_start_ms = monotonic_ms();
        db->busy_cancelled = 0;
        shared_wait_over(&db->shared);
    }
    int waited = (int)(monotonic_ms() - db->busy_start_ms);
    if (db->wait_fn && db->wait_fn(db->wait_ctx, waited)) {
        db->busy_cancelled = 1;
        return 0;
    }
    if (waited >= db->busy_timeout_ms)
        return 0;
    struct db_shared *s = &db->shared;
    if (count > 0) { /* SQLite has just tried again, since we slept */
        long cost = (long)(monotonic_us() - s->busy_resumed_us);
        s->busy_try_us = s->busy_try_us ? (3 * s->busy_try_us + cost) / 4 : cost;
    }
    long lo_us = 1000, hi_us;
    /* Holding the write lock (a COMMIT waiting for readers) - not a read
     * transaction waiting for its first lock (a screen's, the opening's):
     * that one waits like any other, stale locks looked at. */
    if (sqlite3_txn_state(db->conn, NULL) == SQLITE_TXN_WRITE) {
        lo_us = 100;
        hi_us = BUSY_COMMIT_MAX_US;
    } else {
        shared_waiting(&db->shared, waited);
        hi_us = BUSY_FIRST_MAX_US - (long)waited * BUSY_SHRINK_US_PER_MS;
        if (hi_us < BUSY_LAST_MAX_US)
            hi_us = BUSY_LAST_MAX_US;
    }
    /* ...except for a desk that has waited long: it must win the next
     * hand-over, which lasts a millisecond or two (shared.c). */
    if (waited < BUSY_PATIENT_MS && lo_us < BUSY_COST_FACTOR * s->busy_try_us) {
        lo_us = BUSY_COST_FACTOR * s->busy_try_us;
        if (hi_us < 4 * lo_us)
            hi_us = 4 * lo_us;
    }
    long us = lo_us + (long)(shared_random(s) % (uint32_t)(hi_us - lo_us));
    long left_us = (long)(db->busy_timeout_ms - waited) * 1000L;
    if (us > left_us)
        us = left_us;
    struct timespec ts = {us / 1000000L, (us % 1000000L) * 1000L};
    nanosleep(&ts, NULL);
    s->busy_resumed_us = monotonic_us();
    return 1;
}

void db_set_wait_callback(struct db *db, db_wait_fn fn, void *ctx)
{
    db->wait_fn = fn;
    db->wait_ctx = ctx;
}

/* ---- slow reads ---------------------------------------------------------- */

/* SQLite's progress handler: every SLOW_STEPS virtual-machine steps. Work
 * is "the same" until SQLite pauses for SLOW_GAP_MS (the console waiting
 * for a key, say): a screen's queries, back to back, count as one. */
enum { SLOW_STEPS = 200, SLOW_GAP_MS = 500 };

static int progress_handler(void *ctx)
{
    struct db *db = ctx;
    int64_t now = monotonic_ms();
    if (now - db->slow_last_ms > SLOW_GAP_MS)
        db->slow_start_ms = now;
    db->slow_last_ms = now;
    if (!db->slow_fn || db->shared.in_unit || db->bulk ||
        sqlite3_txn_state(db->conn, NULL) == SQLITE_TXN_WRITE)
        return 0;
    if (db->slow_fn(db->slow_ctx, (int)(now - db->slow_start_ms))) {
        db->busy_cancelled = 1; /* reported as DB_ERR_CANCELLED */
        return 1;
    }
    return 0;
}

/* Without it, keys typed a few hundred milliseconds apart, each with its
 * reads, made one "slow read" of several seconds: the console then looked
 * for Esc during a key's own short reads (a `q` after eight quick day
 * steps on a share was lost, and the console did not quit). */
void db_slow_restart(struct db *db)
{
    db->slow_last_ms = 0;
}

void db_set_slow_callback(struct db *db, db_slow_fn fn, void *ctx)
{
    db->slow_fn = fn;
    db->slow_ctx = ctx;
    db->slow_last_ms = 0;
    sqlite3_progress_handler(db->conn, fn ? SLOW_STEPS : 0,
                             fn ? progress_handler : NULL, db);
}

/* ---- small accessors --------------------------------------------------- */

int db_is_readonly(const struct db *db) { return db->readonly; }
const char *db_path(const struct db *db) { return db->path; }

void db_set_actor(struct db *db, const char *actor)
{
    size_t n = 0;
    if (!actor)
        actor = "";
    /* Keep to the field and to printable text: the actor is shown later. */
    while (actor[n] && n < sizeof db->actor - 1) {
        unsigned char c = (unsigned char)actor[n];
        db->actor[n] = (char)(c < 0x20 || c == 0x7f ? '?' : c);
        n++;
    }
    /* Cut short: do not split a character in two. */
    if (actor[n])
        while (n > 0 && ((unsigned char)actor[n] & 0xC0) == 0x80)
            n--;
    db->actor[n] = '\0';
    /* The dot-file lock's owner record names this user (lock_vfs.c). */
    if (db->conn && db->locking == DB_LOCKING_DOTFILE)
        sqlite3_file_control(db->conn, "main", LOCK_FCNTL_ACTOR, db->actor);
}

static void default_actor(struct db *db)
{
    const struct passwd *pw = getpwuid(geteuid());
    const char *user = getenv("USER");
    db_set_actor(db, pw && pw->pw_name ? pw->pw_name : (user ? user : "?"));
}

/* ---- checks before SQLite ---------------------------------------------- */

/* The folder holding `path` ("." when there is no slash). */
static void parent_dir(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, size, ".");
    else if (slash == path)
        snprintf(out, size, "/");
    else
        snprintf(out, size, "%.*s", (int)(slash - path), path);
}

/* The first 100 bytes of an SQLite file (its header): "SQLite format 3"
 * and a page size that is a power of two from 512 to 65536 (1 = 65536).
 * Read before SQLite opens the file, so that a file which is not a
 * database - empty, truncated, overwritten - is refused with a clear
 * message and never turned into one. 1 when it is, 0 when not (why says
 * why). `fd` is open on the file. */
static int header_ok(int fd, off_t size, int *wal, char *why, size_t why_size)
{
    unsigned char h[100];
    *wal = 1; /* not known: whoever converts a WAL file looks itself */
    if (size == 0) {
        snprintf(why, why_size, "%s",
                 _("the file is empty (0 bytes); if it should hold your "
                   "bookings, restore the latest backup (made by guichet "
                   "backup); to start anew, remove it first"));
        return 0;
    }
    ssize_t n = io_read(fd, h, sizeof h);
    /* WAL: file format bytes 18 and 19 = 2. Read here once for the
     * conversion below and in shared.c (each read is a round trip). */
    *wal = n == (ssize_t)sizeof h && h[18] == 2 && h[19] == 2;
    unsigned page = n == (ssize_t)sizeof h ? (unsigned)h[16] << 8 | h[17] : 0;
    if (page == 1)
        page = 65536;
    if (n != (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0 ||
        page < 512 || (page & (page - 1)) != 0) {
        snprintf(why, why_size, "%s",
                 _("the file does not start like an SQLite database (it is "
                   "another kind of file, or its beginning was overwritten); "
                   "restore the latest backup (made by guichet backup)"));
        return 0;
    }
    return 1;
}

/* 1 when `<path>-journal` must be rolled back (a write was interrupted):
 * the file is then checked once it is open (quick_check). */
static int journal_left(const char *path)
{
    char journal[DB_PATH_LEN + 16];
    snprintf(journal, sizeof journal, "%s-journal", path);
    return lock_journal_is_hot(journal);
}

/* Another desk that creates the same new file at the same moment makes it
 * first (0 bytes) and writes its header at its first commit, a few
 * milliseconds later. A desk asked to create the file waits for that
 * header while the empty file is young (changed less than
 * CREATOR_GRACE_S seconds ago); an older empty file is refused at once. */
enum { CREATOR_GRACE_S = 10 };

static void wait_for_creator(const char *path, struct stat *sb)
{
    while (sb->st_size == 0 && time(NULL) - sb->st_ctime < CREATOR_GRACE_S) {
        struct timespec pause = {0, 20 * 1000 * 1000};
        nanosleep(&pause, NULL);
        if (io_stat(path, sb) != 0)
            return;
    }
}

/* Opens the file for check_path: for writing unless `readonly` or it
 * cannot be written (then *readonly is set), else for reading. Never
 * blocks (a FIFO). The descriptor, or -1 with errno. */
static int open_to_check(const char *path, int *readonly)
{
    int flags = O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
    if (!*readonly) {
        int fd = io_open(path, O_RDWR | flags);
        if (fd >= 0 || (errno != EACCES && errno != EPERM && errno != EROFS &&
                        errno != ETXTBSY))
            return fd;
        *readonly = 1;
    }
    return io_open(path, O_RDONLY | flags);
}

/* Decides, from the file system alone, whether and how to open. Sets
 * *readonly, and *exists when the file is already there. One descriptor
 * answers most questions - is the file there, what is it (fstat), can it
 * be written (opened for writing), its header - each call being a round
 * trip on a share; it is left open in *fd (else -1), with the file's
 * *dev, for shared.c: which file system holds it (fs_identify_open), and
 * whether a program holds POSIX locks on it once this desk has announced
 * itself. */
static int check_path(const char *path, const struct db_open_options *o,
                      int *readonly, int *exists, int *wal, int *fd,
                      dev_t *dev, struct db_error *err)
{
    char dir[DB_PATH_LEN];
    struct stat sb;
    parent_dir(path, dir, sizeof dir);
    *readonly = o->readonly;
    *exists = 0;
    *wal = 0;
    *fd = open_to_check(path, readonly);

    if (*fd < 0 && errno == EISDIR)
        return db_set_error(err, DB_ERR_PERMISSION, _("%s is a folder"), path);
    if (*fd < 0) {
        if (errno == EACCES || errno == EPERM)
            return db_set_error(err, DB_ERR_PERMISSION, _("cannot read %s"), path);
        if (errno != ENOENT)
            return db_set_error(err, DB_ERR_MISSING, "%s: %s", path, strerror(errno));
        *readonly = o->readonly;
        if (!o->create || o->readonly)
            return db_set_error(err, DB_ERR_MISSING, "%s", path);
        if (io_stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
            return db_set_error(err, DB_ERR_MISSING, _("folder %s"), dir);
        if (io_access(dir, W_OK | X_OK) != 0)
            return db_set_error(err, DB_ERR_PERMISSION,
                                _("cannot create a file in %s"), dir);
        return DB_OK;
    }
    *exists = 1;
    if (io_fstat(*fd, &sb) != 0)
        return db_set_error(err, DB_ERR_IO, "%s: %s", path, strerror(errno));
    *dev = sb.st_dev;
    if (S_ISDIR(sb.st_mode))
        return db_set_error(err, DB_ERR_PERMISSION, _("%s is a folder"), path);
    if (!S_ISREG(sb.st_mode))
        return db_set_error(err, DB_ERR_NOT_DATABASE,
                            _("%s is not a regular file"), path);
    if (sb.st_size == 0 && o->create && !o->readonly)
        wait_for_creator(path, &sb);
    char why[300];
    if (!header_ok(*fd, sb.st_size, wal, why, sizeof why))
        return db_set_error(err, DB_ERR_NOT_DATABASE, "%s: %s", path, why);
    /* Writing needs the file (opened for writing above) and its folder
     * (the journal is created next to the file). Either missing: open
     * read-only rather than fail later in the middle of a booking. */
    if (!*readonly && io_access(dir, W_OK | X_OK) != 0)
        *readonly = 1;
    /* A WAL file is converted to DELETE when we can write (below). Read
     * only, it cannot be: and even reading it creates a -shm index that
     * other PCs on a share do not see. */
    if (*readonly && *wal)
        return db_set_error(err, DB_ERR_UNSAFE,
                            _("%s is in WAL mode, which loses data on shared "
                              "folders; open it once with write access to "
                              "convert it"), path);
    return DB_OK;
}

/* ---- pragmas ----------------------------------------------------------- */

/* Runs a one-row pragma and copies its first column as text. */
static int pragma_text(struct db *db, const char *sql, char *out, size_t size,
                       struct db_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        db_column_text(st, 0, out, size);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        out[0] = '\0';
        rc = SQLITE_OK;
    }
    int result = rc == SQLITE_OK ? DB_OK : db_sqlite_error(db, rc, err, NULL);
    sqlite3_finalize(st);
    return result;
}

/* The pragmas, the check after an unclean stop and the schema's state
 * read in one read transaction, so that opening takes the lock once
 * instead of twice (on a share a dot-file lock is some ten round trips).
 * SQLite loads the schema when a statement is prepared, under a lock of
 * its own unless a read transaction is already open: `PRAGMA user_version`
 * (which needs no schema) opens it. The settings SQLite refuses inside a
 * transaction come before it (foreign_keys, secure_delete, page_size) or
 * after it (synchronous: the schema is then loaded, it takes no lock; with
 * keep_reading, the first write unit sets it).
 * Not for a file in WAL mode (`one_read` 0): its journal mode cannot change
 * inside a transaction. `fresh`: the file was just created, empty: its
 * page size can still be chosen. Sets *version (the schema's). */
static int open_settings(struct db *db, int fresh, int one_read, int unclean, int keep,
                         int *version, struct db_error *err);

static int check_pragma(struct db *db, const char *set, const char *get,
                        const char *want, struct db_error *err)
{
    char v[32];
    int rc = pragma_text(db, set, v, sizeof v, err);
    if (rc == DB_OK && get)
        rc = pragma_text(db, get, v, sizeof v, err);
    if (rc != DB_OK)
        return rc;
    if (want && strcmp(v, want) != 0)
        return db_set_error(err, DB_ERR_INTERNAL, "%s = %s, expected %s",
                            get ? get : set, v, want);
    return DB_OK;
}

static int journal_mode(struct db *db, struct db_error *err)
{
    char v[32];
    int rc = pragma_text(db, "PRAGMA journal_mode", v, sizeof v, err);
    if (rc != DB_OK)
        return rc;
    /* Decision: a file already in WAL mode (made by another tool) is
     * switched back to DELETE when we can write: that checkpoints the WAL
     * into the file and removes it, so nothing is lost. Refusing would
     * leave the person stuck with a file they cannot fix from guichet.
     * The switch fails while another program holds the file in WAL mode:
     * then we refuse. */
    if (strcmp(v, "wal") == 0 && db->readonly)
        return db_set_error(err, DB_ERR_UNSAFE,
                            _("%s is in WAL mode, which loses data on shared "
                              "folders; open it once with write access to "
                              "convert it"), db->path);
    /* Found in WAL mode after all (it changed since the header was read):
     * the switch cannot be made inside the transaction. */
    if (strcmp(v, "wal") == 0 && !sqlite3_get_autocommit(db->conn))
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    rc = pragma_text(db, "PRAGMA journal_mode = DELETE", v, sizeof v, err);
    if (rc != DB_OK)
        return rc;
    if (strcmp(v, "delete") != 0)
        return db_set_error(err, DB_ERR_UNSAFE,
                            _("%s: journal mode is %s and could not be set "
                              "to delete (is another program using it in WAL "
                              "mode?)"), db->path, v);
    return DB_OK;
}

/* Ends the read transaction open_settings opened (if still open). */
static void end_open_read(struct db *db)
{
    if (db->conn && !sqlite3_get_autocommit(db->conn) &&
        sqlite3_exec(db->conn, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

/* After an unclean stop: PRAGMA quick_check (the structure of every page,
 * without comparing indexes to tables: linear in the file's size). A
 * damaged file is refused, with what to do. */
static int quick_check(struct db *db, struct db_error *err)
{
    char first[200] = "";
    int rc = pragma_text(db, "PRAGMA quick_check", first, sizeof first, err);
    if (rc == DB_ERR_NOT_DATABASE || (rc == DB_OK && strcmp(first, "ok") != 0)) {
        /* The first problem, on one short line. */
        char what[80];
        const char *p = rc == DB_OK ? first : err->detail;
        if (strncmp(p, "*** ", 4) == 0 && strchr(p, '\n'))
            p = strchr(p, '\n') + 1;
        snprintf(what, sizeof what, "%.*s", (int)strcspn(p, "\n"), p);
        return db_set_error(err, DB_ERR_NOT_DATABASE,
                            _("%s is damaged (%s); stop every desk and "
                              "restore the latest backup (made by guichet "
                              "backup); guichet doctor says how"),
                            db->path, what);
    }
    return rc;
}

enum { SHARE_CACHE_KIB = 16384 };

static int open_settings(struct db *db, int fresh, int one_read, int unclean, int keep,
                         int *version, struct db_error *err)
{
    int rc = DB_OK;
    if (fresh && !db->readonly) {
        char sql[48];
        snprintf(sql, sizeof sql, "PRAGMA page_size = %d", DB_PAGE_SIZE);
        rc = check_pragma(db, sql, NULL, NULL, err);
    }
    if (rc == DB_OK)
        rc = check_pragma(db, "PRAGMA foreign_keys = ON",
                          "PRAGMA foreign_keys", "1", err);
    /* Erased and purged personal data is overwritten with zeros instead
     * of lingering in free space inside the file. */
    if (rc == DB_OK)
        rc = check_pragma(db, "PRAGMA secure_delete = ON", NULL, "1", err);
    if (rc != DB_OK)
        return rc;

    if (one_read && (sqlite3_exec(db->conn, "BEGIN", NULL, NULL, NULL) !=
                         SQLITE_OK ||
                     sqlite3_exec(db->conn, "PRAGMA user_version", NULL, NULL,
                                  NULL) != SQLITE_OK))
        end_open_read(db); /* then each read takes the lock by itself */
    /* Dot-file mode (a share): SQLite's default cache of 2 MiB is 125
     * pages of 16 KiB, fewer than one person search reads on a large file;
     * each page read again is a round trip. SHARE_CACHE_KIB keeps the
     * structure and the indexes' upper pages from one key to the next
     * (filled only as pages are read, emptied by SQLite whenever another
     * desk wrote). Set inside the read transaction: the pragma loads the
     * schema, which would otherwise take a lock of its own. */
    if (db->locking == DB_LOCKING_DOTFILE) {
        char sql[48];
        snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", -SHARE_CACHE_KIB);
        sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
    }
    rc = journal_mode(db, err);
    if (rc == DB_OK && unclean)
        rc = quick_check(db, err);
    if (rc == DB_OK)
        rc = db_schema_state(db, version, err);
    if (rc == DB_OK && keep && *version == DB_SCHEMA_VERSION &&
        !sqlite3_get_autocommit(db->conn)) {
        /* The caller's view (keep_reading). Synchronous cannot be set
         * inside it, only read: when SQLite's default is not already FULL,
         * the first write sets it, before its BEGIN. */
        char sync[8] = "";
        struct db_error ignored = {0};
        db->view_depth = 1;
        db->view_started = 1;
        db->synchronous_pending =
            pragma_text(db, "PRAGMA synchronous", sync, sizeof sync, &ignored) != DB_OK ||
            strcmp(sync, "2") != 0;
        return DB_OK;
    }
    end_open_read(db);
    if (rc == DB_OK)
        rc = db_set_synchronous(db, err);
    return rc;
}

int db_set_synchronous(struct db *db, struct db_error *err)
{
    db->synchronous_pending = 0;
    return check_pragma(db, "PRAGMA synchronous = FULL", "PRAGMA synchronous", "2", err);
}

/* ---- open / close ------------------------------------------------------ */

int db_open(const char *path, const struct db_open_options *opts,
            struct db **out, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct db_open_options o = {0};
    if (opts)
        o = *opts;
    *out = NULL;
    db_set_error(err, DB_OK, NULL);
    if (!path || !path[0] || strlen(path) >= DB_PATH_LEN)
        return db_set_error(err, DB_ERR_INVALID, "%s",
                            _("database file name"));

    int readonly = 0, exists = 0, wal = 0, fd = -1;
    dev_t dev = 0;
    int rc = check_path(path, &o, &readonly, &exists, &wal, &fd, &dev, err);
    const char *vfs = NULL;
    if (rc == DB_OK && o.locking == DB_LOCKING_DOTFILE) {
        /* SQLite's dot-file lock, signed and checked (lock_vfs.c). */
        vfs = LOCK_VFS_NAME;
        if (lock_vfs_register() != SQLITE_OK)
            rc = db_set_error(err, DB_ERR_UNSAFE, "%s",
                              _("this SQLite has no dot-file locking"));
    }
    struct db *db = rc == DB_OK ? calloc(1, sizeof *db) : NULL;
    if (rc == DB_OK && !db)
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", strerror(ENOMEM));
    /* Permissions of what this connection creates (file_mode.h). */
    mode_t file_mode = 0;
    if (rc == DB_OK)
        rc = fmode_prepare_open(path, o.file_mode, &file_mode, err);
    if (rc != DB_OK) {
        if (fd >= 0)
            io_close(fd);
        free(db);
        return rc;
    }
    /* An unclean stop left a journal: once it is rolled back (by SQLite or
     * by shared_before_open), the file is checked before it is used. */
    int unclean = exists && journal_left(path);
    db->file_mode = (unsigned)file_mode;
    /* Shared file (shared.c): identify the file system; where POSIX locks do
     * not cross machines (or other desks use dot-file locks) turn
     * `readonly` on and keep the reason; a file that would have to be
     * created there is refused. In dot-file mode, roll back a journal a
     * crashed desk left (SQLite's dot-file VFS never does). */
    rc = shared_before_open(&db->shared, path, o.locking, exists, unclean,
                            wal, fd, dev, &readonly, err);
    /* Closed before SQLite opens the file: closing a descriptor drops the
     * POSIX locks the process holds on the file. */
    if (fd >= 0)
        io_close(fd);
    if (rc != DB_OK) {
        free(db);
        return rc;
    }
    if (!exists && o.create && !readonly &&
        (rc = fmode_create_db(path, (mode_t)db->file_mode, err)) != DB_OK) {
        shared_close(&db->shared);
        free(db);
        return rc;
    }
    /* A desk refused because desks of the other locking mode are writing
     * reads with their locks (shared.c): what it reads is consistent, and
     * it cannot roll back their journal. */
    vfs = shared_vfs(&db->shared, vfs);
    /* Counting the file-system calls, when asked (io_count.c). */
    vfs = io_count_vfs(vfs ? vfs : "unix");
    snprintf(db->path, sizeof db->path, "%s", path);
    db->locking = o.locking;
    db->busy_timeout_ms = o.busy_timeout_ms > 0 ? o.busy_timeout_ms
                                                : DB_DEFAULT_BUSY_MS;
    default_actor(db);

    /* No SQLITE_OPEN_URI: a file name is a file name. */
    int flags = readonly ? SQLITE_OPEN_READONLY
                         : SQLITE_OPEN_READWRITE | (o.create ? SQLITE_OPEN_CREATE : 0);
    int src = sqlite3_open_v2(path, &db->conn, flags, vfs);
    if (src != SQLITE_OK) {
        rc = db_sqlite_error(db, src, err, NULL);
        db_close(db);
        return rc;
    }
    sqlite3_extended_result_codes(db->conn, 1);
    sqlite3_busy_handler(db->conn, busy_handler, db);
    db_set_actor(db, db->actor);
    /* SQLite itself may fall back to read-only (e.g. EROFS). */
    db->readonly = readonly || sqlite3_db_readonly(db->conn, "main") == 1;

    int version = 0;
    rc = open_settings(db, !exists, !wal, unclean, o.keep_reading, &version, err);
    if (rc == DB_OK)
        rc = db_migrate_from(db, version, err);
    /* A schema that needs writing, on a setup that must not be written:
     * the reason is the unsafe setup, not the file's permissions. */
    if (rc == DB_ERR_READONLY && db->shared.unsafe_reason[0])
        rc = db_set_error(err, DB_ERR_UNSAFE, "%s",
                          shared_unsafe_detail(&db->shared));
    if (rc != DB_OK) {
        db_close(db);
        return rc;
    }
    shared_after_open(&db->shared, o.brief, db->readonly);
    *out = db;
    return DB_OK;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    if (db->bulk)
        db_bulk_rollback(db);
    shared_close(&db->shared); /* owner record and heartbeat go first */
    db_stmt_cache_clear(db);
    if (db->conn) {
        if (!sqlite3_get_autocommit(db->conn))
            sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db->conn);
    }
    free(db);
}

/* ---- maintenance reads ------------------------------------------------- */

static const char SQL_DATA_VERSION[] = "PRAGMA data_version";

int db_data_version(struct db *db, int64_t *out, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_DATA_VERSION, err);
    if (!st)
        return err->status;
    int rc = sqlite3_step(st);
    int result = DB_OK;
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else
        result = db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    return result;
}

int db_change_counter(struct db *db, uint32_t *out, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_file *file = NULL;
    unsigned char b[4];
    int rc = sqlite3_file_control(db->conn, "main", SQLITE_FCNTL_FILE_POINTER,
                                  &file);
    if (rc != SQLITE_OK || !file || !file->pMethods)
        return db_set_error(err, DB_ERR_IO, "%s", db->path);
    /* The VFS's own read on its open file: no second descriptor (closing
     * one would drop the process's POSIX locks on the file). */
    rc = file->pMethods->xRead(file, b, (int)sizeof b, 24);
    if (rc != SQLITE_OK)
        return db_set_error(err, DB_ERR_IO, "%s", db->path);
    *out = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
           b[3];
    return DB_OK;
}

int db_integrity_check(struct db *db, int *ok, char *first_problem,
                       size_t size, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    char first[512] = "";
    *ok = 0;
    int rc = pragma_text(db, "PRAGMA integrity_check", first, sizeof first,
                         err);
    if (rc == DB_ERR_NOT_DATABASE) {
        /* So damaged that the check itself stops: that is its answer. */
        snprintf(first, sizeof first, "%s", err->detail);
        rc = DB_OK;
    } else if (rc == DB_OK && strcmp(first, "ok") == 0) {
        *ok = 1;
    }
    if (first_problem && size)
        snprintf(first_problem, size, "%s", *ok ? "" : first);
    return rc;
}
