/* shared.c - the shared-file policy: when writing is unsafe and why, the
 * hooks that announce writing desks, sign dot-file locks and keep
 * heartbeats, fair turns between desks, and the reports and actions behind
 * `guichet doctor` and `guichet unlock`.
 *
 * The rules (DESIGN.md §4): SQLite's default POSIX locks are only as good as
 * the filesystem. Where they do not cross machines, a desk in POSIX mode
 * opens read-only and says why; the dot-file mode is the way out. Mixing
 * modes on one file is as bad as having no locks (each mode ignores the
 * other's locks): every writing desk announces its mode in its heartbeat,
 * a desk joining while live desks of the other mode write stays read-only
 * (lock.h, 3.), and a dot-file desk never rolls back a journal while a
 * process holds POSIX locks on the file.
 *
 * Fair turns: a desk that commits and begins again at once would keep the
 * lock while the others sleep between polls. Waiting desks say so
 * (lock_desk_waiting, from the busy handler). A desk's turn begins with a
 * unit it had to wait for, or after a pause; once it has held the lock
 * back to back for SHARED_TURN_MS, it looks for the sign after each unit
 * and, while it finds one, steps aside for a moment before the next.
 * Turns rather than a pause after every unit: each change of hands costs a
 * pause, and the new holder re-reads what the other desk changed (slow on
 * a share). SQLite tells us when COMMIT or ROLLBACK has finished - the
 * lock released - through its statement-profile callback, which this file
 * installs on writable connections (so nothing else may use
 * sqlite3_trace_v2 there). */
#include "shared.h"
#include "io_count.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "../common/i18n.h"

/* Every struct db_shared is the `shared` member of a struct db (db_open
 * makes them all): the hooks reach their connection from it rather than
 * widening every call made by db.c and txn.c. */
static struct db *owner_db(struct db_shared *s)
{
    return (struct db *)(void *)((char *)s - offsetof(struct db, shared));
}

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static enum lock_mode mode_of(enum db_locking locking)
{
    return locking == DB_LOCKING_DOTFILE ? LOCK_MODE_DOTFILE : LOCK_MODE_POSIX;
}

static enum lock_mode other_mode(enum db_locking locking)
{
    return locking == DB_LOCKING_DOTFILE ? LOCK_MODE_POSIX : LOCK_MODE_DOTFILE;
}

/* ---- the verdict -------------------------------------------------------- */

/* What a desk using `locking` finds around the file. */
struct surroundings {
    int live_other;     /* live desks announcing the other locking mode */
    int posix_held;     /* dot-file mode: a process holds POSIX locks */
};

/* Fills `out` (the full explanation) and `brief` (for error details, which
 * are short) when writing with `locking` is unsafe; both empty otherwise. */
static void unsafe_verdict(const char *path, enum db_locking locking,
                           const struct fs_info *fs, int fs_known,
                           const struct surroundings *around, char *out,
                           size_t size, char *brief, size_t brief_size)
{
    out[0] = '\0';
    brief[0] = '\0';
    int live_other = around->live_other;
    if (locking == DB_LOCKING_DOTFILE) {
        if (live_other > 0) {
            snprintf(brief, brief_size, "%s",
                     _("other desks use the default locking on this file; "
                       "set \"locking = dotfile\" on every desk, or on none"));
            snprintf(out, size,
                     ngettext("%s: %d other desk uses the default (POSIX) "
                              "locking on this file; mixing locking modes "
                              "lets two desks write at once, so this desk "
                              "will not write. Use one mode on every desk: "
                              "set \"locking = dotfile\" on all of them "
                              "(required on a share whose locks do not cross "
                              "machines), or remove it here",
                              "%s: %d other desks use the default (POSIX) "
                              "locking on this file; mixing locking modes "
                              "lets two desks write at once, so this desk "
                              "will not write. Use one mode on every desk: "
                              "set \"locking = dotfile\" on all of them "
                              "(required on a share whose locks do not cross "
                              "machines), or remove it here",
                              (unsigned long)live_other),
                     path, live_other);
        } else if (around->posix_held) {
            snprintf(brief, brief_size, "%s",
                     _("a program with the default locking is using this "
                       "file; close it or set \"locking = dotfile\" in it"));
            snprintf(out, size,
                     _("%s: a program is using this file with SQLite's "
                       "default (POSIX) locks right now (a desk or a tool "
                       "without \"locking = dotfile\"); mixing locking modes "
                       "lets two programs write at once, so this desk will "
                       "not write. Close that program or set \"locking = "
                       "dotfile\" in it too, then open the file again"),
                     path);
        }
        return;
    }
    if (fs_known && fs->kind == FS_UNSAFE_LOCKS) {
        snprintf(brief, brief_size,
                 _("%s; set \"locking = dotfile\" on every desk"), fs->reason);
        snprintf(out, size,
                 _("%s: %s. With the default locking two desks could write "
                   "at the same time and lose bookings, so this desk will not "
                   "write. Set \"locking = dotfile\" in the configuration of "
                   "every desk (and use SQLite's unix-dotfile VFS in any other "
                   "tool), or keep the file on a local disk or a share with "
                   "working locks"),
                 path, fs->reason);
        return;
    }
    if (live_other > 0) {
        snprintf(brief, brief_size, "%s",
                 _("other desks use dot-file locking on this file; set "
                   "\"locking = dotfile\" here too"));
        snprintf(out, size,
                 ngettext("%s: %d other desk uses dot-file locking on this "
                          "file; mixing locking modes lets two desks write at "
                          "once, so this desk will not write. Set \"locking = "
                          "dotfile\" here too",
                          "%s: %d other desks use dot-file locking on this "
                          "file; mixing locking modes lets two desks write at "
                          "once, so this desk will not write. Set \"locking = "
                          "dotfile\" here too",
                          (unsigned long)live_other),
                 path, live_other);
    }
}

/* The verdict of a desk about to write, into s. 1 when unsafe. */
static int judge(struct db_shared *s, const char *path,
                 const struct surroundings *around)
{
    unsafe_verdict(path, s->locking, &s->fs, s->fs_known, around,
                   s->unsafe_reason, sizeof s->unsafe_reason,
                   s->unsafe_detail, sizeof s->unsafe_detail);
    return s->unsafe_reason[0] != '\0';
}

/* ---- hooks for db.c and txn.c ----------------------------------------- */

/* The announcement could not be made: other desks would not know this one
 * writes, so it must not. */
static void cannot_announce(struct db_shared *s, const char *path, int e)
{
    snprintf(s->unsafe_detail, sizeof s->unsafe_detail,
             _("cannot announce this desk in %s.desks: %s"), path,
             strerror(e));
    snprintf(s->unsafe_reason, sizeof s->unsafe_reason,
             _("%s: cannot announce this desk in %s.desks (%s), so other "
               "desks could not tell that it writes; this desk will not "
               "write. Check that the folder can be written"),
             path, path, strerror(e));
}

/* Announces this desk ("joining") and looks for reasons not to write.
 * Returns 1 when it may write (still announced), 0 when not (withdrawn,
 * reason set). */
static int join(struct db_shared *s, const char *path, int exists, int fd)
{
    if (lock_desk_start(&s->desk, path, mode_of(s->locking)) != 0) {
        int e = errno;
        lock_desk_stop(&s->desk);
        cannot_announce(s, path, e);
        return 0;
    }
    /* Announced first, then looked: of two desks of different modes
     * joining at once, at least one sees the other. */
    struct surroundings around = {0};
    around.live_other = lock_live_desks(path, other_mode(s->locking), 1);
    if (s->locking == DB_LOCKING_DOTFILE && exists && around.live_other == 0)
        around.posix_held = (fd >= 0 ? lock_posix_held_fd(fd) : lock_posix_held(path)) == 1;
    if (judge(s, path, &around)) {
        lock_desk_stop(&s->desk);
        s->read_with_other = 1;
        return 0;
    }
    return 1;
}

int shared_before_open(struct db_shared *s, const char *path,
                       enum db_locking locking, int exists, int journal_hot,
                       int wal, int fd, dev_t dev, int *readonly,
                       struct db_error *err)
{
    memset(s, 0, sizeof *s);
    s->locking = locking;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    s->rng = (uint32_t)getpid() * 2654435761u ^ (uint32_t)now.tv_nsec;
    s->fs_known = fs_identify_open(path, fd, dev, &s->fs) == 0;
    if (locking == DB_LOCKING_DOTFILE && s->fs_known && s->fs.kind != FS_LOCAL)
        lock_vfs_skip_rename();
    if (locking == DB_LOCKING_DOTFILE && s->fs_known)
        lock_vfs_known_path(path, s->fs.file);
    struct surroundings none = {0};
    /* A reader announces nothing; it still learns about an unsafe share. */
    if (judge(s, path, &none) || (!*readonly && !join(s, path, exists, fd))) {
        if (!exists)
            return db_set_error(err, DB_ERR_UNSAFE, "%s", s->unsafe_detail);
        *readonly = 1;
        return DB_OK;
    }
    if (locking == DB_LOCKING_DOTFILE && exists && !*readonly) {
        char msg[512];
        int rc = journal_hot ? lock_recover_journal(path, msg, sizeof msg) : 0;
        if (rc < 0) {
            lock_desk_stop(&s->desk);
            return db_set_error(err, DB_ERR_IO, "%s", msg);
        }
        /* A WAL file (made by another tool) is switched back here: the
         * dot-file VFS could not even open it. */
        rc = wal ? lock_convert_wal(path, msg, sizeof msg) : 0;
        if (rc != 0)
            lock_desk_stop(&s->desk);
        if (rc < 0)
            return db_set_error(err, DB_ERR_UNSAFE, "%s", msg);
        if (rc > 0)
            return db_set_error(err, DB_ERR_BUSY, "%s: %s", path,
                                _("in WAL mode, and another desk holds the "
                                  "lock: try again"));
    }
    return DB_OK;
}

const char *shared_vfs(const struct db_shared *s, const char *configured)
{
    if (!s->read_with_other)
        return configured;
    if (s->locking == DB_LOCKING_DOTFILE)
        return "unix"; /* SQLite's default: POSIX locks */
    return lock_vfs_register() == SQLITE_OK ? LOCK_VFS_NAME : configured;
}

/* SQLite calls this when a statement has finished (SQLITE_TRACE_PROFILE),
 * after COMMIT or ROLLBACK has released the lock: the moment between two
 * write units of this desk. */
static int on_statement_done(unsigned type, void *ctx, void *stmt, void *ns)
{
    (void)stmt;
    (void)ns;
    struct db_shared *s = ctx;
    if (type != SQLITE_TRACE_PROFILE || !s->yield_armed)
        return 0;
    struct db *db = owner_db(s);
    if (!sqlite3_get_autocommit(db->conn))
        return 0; /* still inside the transaction (a COMMIT that failed) */
    s->yield_armed = 0;
    if (s->withdraw_pending) {
        s->withdraw_pending = 0;
        lock_desk_stop(&s->desk);
    }
    /* Our turn is over and someone waits: let one in before our next
     * BEGIN. A desk that has waited a while polls every 1 to 2 ms, at
     * random (db.c): a pause of 1 to 2 ms lets one in often enough, and
     * when none came the sign is there again after the next unit (the
     * turn stays over until we have to wait ourselves). */
    /* A brief desk (a command) leaves at once, and a holding one keeps
     * the lock anyway (db_hold_begin): no need to look. */
    if (!s->desk.brief && !s->holding &&
        monotonic_ms() - s->turn_start_ms >= SHARED_TURN_MS &&
        lock_desk_waiter_seen(&s->desk)) {
        long us = 1000 + (long)(shared_random(s) % 1000);
        struct timespec ts = {0, us * 1000L};
        nanosleep(&ts, NULL);
    }
    s->last_end_ms = monotonic_ms();
    return 0;
}

void shared_after_open(struct db_shared *s, int brief, int readonly)
{
    if (readonly) { /* SQLite itself fell back to read-only */
        lock_desk_stop(&s->desk);
        return;
    }
    if (!s->desk.active)
        return;
    /* Not fatal: the open-time check stands, it is only not repeated. */
    s->desk.brief = brief;
    if (!brief)
        lock_desk_activate(&s->desk);
    s->next_check_ms = monotonic_ms() + SHARED_RECHECK_MS;
    sqlite3_trace_v2(owner_db(s)->conn, SQLITE_TRACE_PROFILE,
                     on_statement_done, s);
}

void shared_close(struct db_shared *s)
{
    lock_desk_stop(&s->desk);
}

/* A desk of the other mode may have become active after we opened: one
 * that joined while our heartbeat looked dead (a PC asleep, a share that
 * stalled), or a guichet too old to announce its mode. Then this desk
 * stops writing: read-only, with the reason, and its announcement goes
 * (now, or when the current unit has ended). Rate-limited: a directory
 * listing every SHARED_RECHECK_MS at most. */
static void recheck(struct db_shared *s)
{
    /* A brief desk keeps its joining name but has joined: it looks too. */
    if (!s->desk.active || (s->desk.joining && !s->desk.brief))
        return;
    int64_t now = monotonic_ms();
    if (now < s->next_check_ms)
        return;
    s->next_check_ms = now + SHARED_RECHECK_MS;
    struct db *db = owner_db(s);
    struct surroundings around = {0};
    around.live_other = lock_live_desks(db->path, other_mode(s->locking), 0);
    if (!judge(s, db->path, &around))
        return;
    db->readonly = 1;
    if (s->in_unit)
        s->withdraw_pending = 1;
    else
        lock_desk_stop(&s->desk);
}

void shared_unit_starting(struct db_shared *s)
{
    if (!s->in_unit) /* inside a bulk: shared_keepalive looks */
        recheck(s);
}

void shared_unit_begun(struct db_shared *s, const char *actor)
{
    if (!s->desk.active)
        return;
    s->in_unit = 1;
    /* A new turn: we had to wait for this unit, or paused since the last. */
    int64_t now = monotonic_ms();
    if (s->waited || now - s->last_end_ms >= SHARED_TURN_MS)
        s->turn_start_ms = now;
    s->waited = 0;
    (void)actor; /* the lock is signed by the VFS (lock_vfs.c) */
    lock_desk_beat(&s->desk, 0);
    recheck(s);
}

void shared_unit_ending(struct db_shared *s)
{
    s->in_unit = 0;
    if (s->desk.active)
        s->yield_armed = 1; /* see on_statement_done */
}

void shared_keepalive(struct db_shared *s)
{
    lock_desk_beat(&s->desk, 0);
    recheck(s);
}

void shared_waiting(struct db_shared *s, int waited_ms)
{
    s->waited = 1;
    if (waited_ms >= SHARED_SIGNAL_AFTER_MS)
        lock_desk_waiting(&s->desk);
    /* In dot-file mode, look at the lock now and then: a lock whose owner
     * is a dead process of this machine is cleared at once (its journal
     * rolled back) - nobody has to wait for it or run guichet unlock. A
     * live owner, or one on another machine, is never overridden here. */
    if (s->locking != DB_LOCKING_DOTFILE || waited_ms < s->next_inspect_ms)
        return;
    s->next_inspect_ms = waited_ms + SHARED_INSPECT_MS;
    struct db *db = owner_db(s);
    /* Only a lock that stayed the same since the last look: under normal
     * contention the lock changes hands many times a second, and reading
     * owner records then would only load the share. */
    char lock[LOCK_PATH_LEN];
    struct stat st;
    if (lock_path(db->path, ".lock", lock, sizeof lock) != 0 ||
        io_lstat(lock, &st) != 0) {
        s->seen_lock_ino = 0;
        return;
    }
    if ((uint64_t)st.st_ino != s->seen_lock_ino ||
        (int64_t)st.st_mtime != s->seen_lock_mtime) {
        s->seen_lock_ino = (uint64_t)st.st_ino;
        s->seen_lock_mtime = (int64_t)st.st_mtime;
        return;
    }
    struct lock_report r;
    if (lock_inspect_owner(db->path, 0, &r) != 0)
        return;
    if (r.state == LOCK_STALE && r.has_owner && r.owner_here) {
        char msg[512];
        lock_clear_stale(db->path, &r, msg, sizeof msg);
    }
}

void shared_wait_over(struct db_shared *s)
{
    s->next_inspect_ms = SHARED_INSPECT_FIRST_MS;
    s->seen_lock_ino = 0;
}

int shared_lock_lost(struct db_shared *s)
{
    struct db *db = owner_db(s);
    int lost = 0;
    if (s->locking != DB_LOCKING_DOTFILE || !db->conn ||
        sqlite3_file_control(db->conn, "main", LOCK_FCNTL_LOST, &lost) !=
            SQLITE_OK)
        return 0;
    return lost;
}

/* "HH:MM" (today) or "dd/mm HH:MM" of a time stamp. */
static void short_time(long long t, char *buf, size_t size)
{
    time_t when = (time_t)t, now = time(NULL);
    struct tm tm, today;
    if (t <= 0 || !localtime_r(&when, &tm) || !localtime_r(&now, &today)) {
        snprintf(buf, size, "?");
        return;
    }
    strftime(buf, size,
             tm.tm_yday == today.tm_yday && tm.tm_year == today.tm_year
                 ? "%H:%M:%S" : "%d/%m %H:%M", &tm);
}

int shared_busy_detail(struct db_shared *s, char *buf, size_t size)
{
    struct db *db = owner_db(s);
    if (s->locking != DB_LOCKING_DOTFILE)
        return 0;
    struct lock_report r;
    if (lock_inspect_owner(db->path, 0, &r) != 0 || r.state == LOCK_ABSENT)
        return 0;
    if (!r.has_owner) {
        snprintf(buf, size,
                 _("held by a program that did not sign the lock (not a "
                   "desk); if none is running, run guichet unlock"));
        return 1;
    }
    char since[32];
    short_time(r.owner.since, since, sizeof since);
    const char *user = r.owner.user[0] ? r.owner.user : "?";
    if (r.state == LOCK_HELD)
        snprintf(buf, size,
                 r.owner_here
                     ? _("held by %s on %s since %s; that desk is alive and "
                         "working: wait and try again")
                     : _("held by %s on %s since %s; that desk is alive "
                         "(last sign of life a few seconds ago): wait and "
                         "try again"),
                 user, r.owner.host, since);
    else
        snprintf(buf, size,
                 _("held by %s on %s since %s; that desk is gone (no sign of "
                   "life): run guichet unlock, then try again"),
                 user, r.owner.host, since);
    return 1;
}

uint32_t shared_random(struct db_shared *s)
{
    /* xorshift32: plenty for spreading sleeps apart */
    uint32_t x = s->rng ? s->rng : 0x9e3779b9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return s->rng = x;
}

/* The short form for error details (db.c, txn.c). */
const char *shared_unsafe_detail(const struct db_shared *s)
{
    return s->unsafe_detail;
}

/* ---- public ------------------------------------------------------------ */

const char *db_unsafe_reason(const struct db *db)
{
    return db && db->shared.unsafe_reason[0] ? db->shared.unsafe_reason : NULL;
}

int db_heartbeat(struct db *db)
{
    if (db) {
        lock_desk_beat(&db->shared.desk, 0);
        if (!db->shared.in_unit)
            recheck(&db->shared);
    }
    return 0;
}

static enum db_fs_kind public_kind(enum fs_kind k)
{
    switch (k) {
    case FS_LOCAL: return DB_FS_LOCAL;
    case FS_NETWORK: return DB_FS_NETWORK;
    case FS_UNSAFE_LOCKS: return DB_FS_UNSAFE_LOCKS;
    case FS_UNKNOWN: break;
    }
    return DB_FS_UNKNOWN;
}

static enum db_lock_state public_lock(enum lock_state st)
{
    return st == LOCK_HELD ? DB_LOCK_HELD
           : st == LOCK_STALE ? DB_LOCK_STALE : DB_LOCK_ABSENT;
}

static void copy_lock_report(const struct lock_report *r, struct db_setup *out)
{
    out->lock_state = public_lock(r->state);
    out->lock_age_s = r->age_s;
    out->hot_journal = r->hot_journal;
    snprintf(out->lock_why, sizeof out->lock_why, "%s", r->why);
}

int db_setup_inspect(const char *path, enum db_locking locking,
                     struct db_setup *out)
{
    memset(out, 0, sizeof *out);
    out->lock_age_s = -1;
    struct fs_info fs;
    out->fs_identified = fs_identify(path, &fs) == 0;
    if (out->fs_identified) {
        out->fs_kind = public_kind(fs.kind);
        snprintf(out->fs_type, sizeof out->fs_type, "%s", fs.type);
        snprintf(out->fs_source, sizeof out->fs_source, "%s", fs.source);
        snprintf(out->mount_point, sizeof out->mount_point, "%s",
                 fs.mount_point);
        snprintf(out->mount_options, sizeof out->mount_options, "%s",
                 fs.options);
        snprintf(out->fs_reason, sizeof out->fs_reason, "%s", fs.reason);
    } else {
        out->fs_kind = DB_FS_UNKNOWN;
        snprintf(out->fs_reason, sizeof out->fs_reason, "%s", strerror(errno));
    }
    snprintf(out->fs_kind_name, sizeof out->fs_kind_name, "%s",
             fs_kind_name(out->fs_identified ? fs.kind : FS_UNKNOWN));

    struct lock_report r;
    if (lock_inspect(path, &r) == 0)
        copy_lock_report(&r, out);
    else
        snprintf(out->lock_why, sizeof out->lock_why, "%s", strerror(errno));

    struct surroundings around = {0};
    struct lock_desk_entry *e = NULL;
    size_t n = 0;
    if (lock_desks_list(path, &e, &n) == 0) {
        size_t used = 0;
        for (size_t i = 0; i < n; i++) {
            int live = e[i].alive == 1;
            if (live)
                out->live_desks++;
            if (live && e[i].mode == LOCK_MODE_DOTFILE)
                out->live_dotfile_desks++;
            if (live && !e[i].joining && e[i].mode == other_mode(locking))
                around.live_other++;
            int w = snprintf(out->desks + used, sizeof out->desks - used,
                             "%s%s (%s, %lld s%s%s)", used ? ", " : "",
                             e[i].name, lock_mode_name(e[i].mode), e[i].age_s,
                             e[i].joining ? _(", joining") : "",
                             live ? "" : _(", gone"));
            if (w < 0 || (size_t)w >= sizeof out->desks - used)
                break;
            used += (size_t)w;
        }
        free(e);
    }
    /* Our own process is not one of "the others" here: doctor does not
     * keep a heartbeat (it reads). */
    if (locking == DB_LOCKING_DOTFILE && around.live_other == 0)
        around.posix_held = lock_posix_held(path) == 1;
    char brief[200];
    unsafe_verdict(path, locking, &fs, out->fs_identified, &around,
                   out->unsafe_reason, sizeof out->unsafe_reason, brief,
                   sizeof brief);
    out->unsafe = out->unsafe_reason[0] != '\0';
    return out->fs_identified ? 0 : -1;
}

static int pragma_int(struct db *db, const char *sql, long long *out,
                      struct db_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    int result = rc == SQLITE_OK ? DB_OK : db_sqlite_error(db, rc, err, NULL);
    sqlite3_finalize(st);
    return result;
}

int db_read_pragmas(struct db *db, struct db_pragmas *out,
                    struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->conn, "PRAGMA journal_mode", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        db_column_text(st, 0, out->journal_mode, sizeof out->journal_mode);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return db_sqlite_error(db, rc, err, NULL);
    long long v = 0;
    if ((rc = pragma_int(db, "PRAGMA synchronous", &v, err)) != DB_OK)
        return rc;
    out->synchronous = (int)v;
    if ((rc = pragma_int(db, "PRAGMA foreign_keys", &v, err)) != DB_OK)
        return rc;
    out->foreign_keys = (int)v;
    if ((rc = pragma_int(db, "PRAGMA page_count", &out->page_count, err)) != DB_OK)
        return rc;
    if ((rc = pragma_int(db, "PRAGMA page_size", &v, err)) != DB_OK)
        return rc;
    out->page_size = (long)v;
    return DB_OK;
}

enum db_unlock_result db_unlock_stale(const char *path, struct db_setup *found,
                                      char *msg, size_t size)
{
    struct lock_report r;
    enum lock_clear_result res = lock_clear_stale(path, &r, msg, size);
    if (found) {
        memset(found, 0, sizeof *found);
        copy_lock_report(&r, found);
    }
    switch (res) {
    case LOCK_CLEARED: return DB_UNLOCK_CLEARED;
    case LOCK_NOTHING: return DB_UNLOCK_NOTHING;
    case LOCK_REFUSED: return DB_UNLOCK_REFUSED;
    case LOCK_FAILED: break;
    }
    return DB_UNLOCK_FAILED;
}
