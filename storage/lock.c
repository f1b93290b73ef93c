/* lock.c - stale dot-file locks: owner records, heartbeats, and telling a
 * stale lock from a busy one (see lock.h for the why; clearing and journal
 * recovery are in lock_recover.c, FUSE ghosts and their tidying in
 * lock_ghosts.c).
 *
 * Files next to the database `<db>`:
 *   <db>.lock          the dot-file lock (a directory, as SQLite's
 *                      unix-dotfile VFS makes it)
 *   <db>.lock/owner-T  who holds it (key=value lines), token T: written by
 *                      the holder right after its mkdir (lock_vfs.c)
 *   <db>.desks/H.P     heartbeat of writing process P on host H (time =
 *                      last beat; content: who, and its locking mode);
 *                      H.P.joining while it is still joining
 *   <db>.desks/.waiting  a directory: some desk waits for the lock
 *   <db>-journal       SQLite's rollback journal
 * Only lock_vfs.c creates and removes <db>.lock in normal operation; this file
 * removes it only when it is stale (lock_clear_stale) or when it took it
 * itself (lock_recover_journal). */
#include "lock.h"
#include "io_count.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../common/i18n.h"

int lock_path(const char *db_path, const char *suffix, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s%s", db_path, suffix);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* GUICHET_TEST_STALE_S: read for tests only (see lock.h). */
int lock_stale_limit_s(void)
{
    static int limit = -1;
    if (limit < 0) {
        const char *v = getenv("GUICHET_TEST_STALE_S");
        long n = v ? strtol(v, NULL, 10) : 0;
        limit = n >= 2 && n <= 3600 ? (int)n : LOCK_HEARTBEAT_STALE_S;
    }
    return limit;
}

int lock_anonymous_limit_s(void)
{
    return lock_stale_limit_s() == LOCK_HEARTBEAT_STALE_S
               ? LOCK_ANONYMOUS_STALE_S : 2 * lock_stale_limit_s();
}

int lock_beat_period_s(void)
{
    int p = lock_stale_limit_s() / 6;
    return p < 1 ? 1 : p;
}

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- who am I, is that process alive ---- */

static void read_boot_id(char *buf, size_t size)
{
    buf[0] = '\0';
    FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
    if (!f)
        return;
    if (fgets(buf, (int)size, f))
        buf[strcspn(buf, "\n")] = '\0';
    fclose(f);
}

/* Start time of a process in clock ticks since boot (field 22 of
 * /proc/PID/stat), 0 when unknown: guards against a reused pid. A zombie
 * (killed, not yet reaped: kill(pid, 0) still succeeds) gives 1, which
 * matches no real start time. */
static unsigned long long proc_start(long pid)
{
    char path[64], line[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char *got = fgets(line, sizeof line, f);
    fclose(f);
    if (!got)
        return 0;
    char *p = strrchr(line, ')'); /* the name may hold spaces and parens */
    if (!p)
        return 0;
    p++;
    /* After ")": field 3 (state) ... field 22 (starttime). */
    char *save = NULL;
    int field = 3;
    for (char *t = strtok_r(p, " ", &save); t; t = strtok_r(NULL, " ", &save), field++) {
        if (field == 3 && (t[0] == 'Z' || t[0] == 'X'))
            return 1; /* dead, only its exit status is left */
        if (field == 22)
            return strtoull(t, NULL, 10);
    }
    return 0;
}

void lock_host_name(char *buf, size_t size)
{
    if (gethostname(buf, size) != 0 || !buf[0])
        snprintf(buf, size, "localhost");
    buf[size - 1] = '\0';
    for (char *p = buf; *p; p++) /* it becomes a file name */
        if (*p == '/' || *p == ' ' || (unsigned char)*p < 0x20)
            *p = '_';
}

/* Read once per process (every lock taken signs with it): the host name,
 * boot id and start time do not change while it runs. */
void lock_self_identity(struct lock_owner *o)
{
    static struct lock_owner cached;
    long pid = (long)getpid();
    if (cached.pid != pid) {
        memset(&cached, 0, sizeof cached);
        lock_host_name(cached.host, sizeof cached.host);
        read_boot_id(cached.boot, sizeof cached.boot);
        cached.pid = pid;
        cached.start = proc_start(pid);
    }
    *o = cached;
}

/* 1 alive, 0 dead: for a process of this machine and this boot. */
static int local_process_alive(const struct lock_owner *o)
{
    if (o->pid <= 0)
        return 0;
    if (kill((pid_t)o->pid, 0) != 0 && errno != EPERM)
        return 0;
    if (o->start) {
        unsigned long long now_start = proc_start(o->pid);
        if (now_start && now_start != o->start)
            return 0; /* the pid was reused by another process */
    }
    return 1;
}

int lock_owner_alive_here(const struct lock_owner *o)
{
    char host[256], boot[64];
    lock_host_name(host, sizeof host);
    if (strcmp(host, o->host) != 0)
        return -1;
    read_boot_id(boot, sizeof boot);
    if (o->boot[0] && boot[0] && strcmp(boot, o->boot) != 0)
        return 0; /* this machine rebooted since */
    return local_process_alive(o);
}

/* ---- owner and heartbeat files ---- */

const char *lock_mode_name(enum lock_mode mode)
{
    return mode == LOCK_MODE_POSIX ? "posix"
           : mode == LOCK_MODE_DOTFILE ? "dotfile" : "?";
}

/* Heartbeats also say the desk's mode; owner records do not. */
static int format_record(char *buf, size_t size, const struct lock_owner *o)
{
    int n = snprintf(buf, size,
                     "host=%s\nboot=%s\npid=%ld\nstart=%llu\nsince=%lld\nuser=%s\n",
                     o->host, o->boot, o->pid, o->start, o->since, o->user);
    if (n >= 0 && (size_t)n < size && o->mode != LOCK_MODE_UNKNOWN)
        n += snprintf(buf + n, size - (size_t)n, "mode=%s\n",
                      lock_mode_name(o->mode));
    if (n >= 0 && (size_t)n < size && o->token[0])
        n += snprintf(buf + n, size - (size_t)n, "token=%s\n", o->token);
    if (n < 0 || (size_t)n >= size)
        n = (int)size - 1;
    return n;
}

int lock_record_write(const char *path, const struct lock_owner *o,
                      int exclusive)
{
    char buf[1024];
    int n = format_record(buf, sizeof buf, o);
    int fd = io_open(path, O_WRONLY | O_CREAT | O_CLOEXEC |
                            (exclusive ? O_EXCL : O_TRUNC), 0666);
    if (fd < 0)
        return -1;
    ssize_t w = io_write(fd, buf, (size_t)n);
    int saved = errno;
    io_close(fd);
    if (w != n) {
        errno = w < 0 ? saved : EIO;
        return -1;
    }
    return 0;
}

/* 0 when the file holds at least a host and a pid. A record caught half
 * written reads as missing, which errs on the side of "held". */
int lock_record_read(const char *path, struct lock_owner *o)
{
    memset(o, 0, sizeof *o);
    FILE *f = io_fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        const char *v = eq + 1;
        if (!strcmp(line, "host"))
            snprintf(o->host, sizeof o->host, "%s", v);
        else if (!strcmp(line, "boot"))
            snprintf(o->boot, sizeof o->boot, "%s", v);
        else if (!strcmp(line, "pid"))
            o->pid = strtol(v, NULL, 10);
        else if (!strcmp(line, "start"))
            o->start = strtoull(v, NULL, 10);
        else if (!strcmp(line, "since"))
            o->since = strtoll(v, NULL, 10);
        else if (!strcmp(line, "user"))
            snprintf(o->user, sizeof o->user, "%s", v);
        else if (!strcmp(line, "token"))
            snprintf(o->token, sizeof o->token, "%s", v);
        else if (!strcmp(line, "mode"))
            o->mode = !strcmp(v, "posix") ? LOCK_MODE_POSIX
                      : !strcmp(v, "dotfile") ? LOCK_MODE_DOTFILE
                      : LOCK_MODE_UNKNOWN;
    }
    io_fclose(f);
    return o->host[0] && o->pid > 0 ? 0 : -1;
}

/* The file server's idea of now: the time stamp of a file just created
 * next to the database. Desks' clocks may disagree by minutes; all ages are
 * measured against file times set by that same server. */
static long long server_now(const char *db_path)
{
    /* Asked once a minute at most: the server's clock runs at the pace of
     * ours, so its offset is kept (a probe costs 4 round trips on a
     * share). Keyed by the file, in case a process opens several. */
    static char cached_path[LOCK_PATH_LEN];
    static long long cached_server_s, cached_at_ms;
    struct timespec mono;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    long long mono_ms = (long long)mono.tv_sec * 1000 + mono.tv_nsec / 1000000;
    if (cached_at_ms && mono_ms - cached_at_ms < 60000 &&
        strcmp(cached_path, db_path) == 0)
        return cached_server_s + (mono_ms - cached_at_ms) / 1000;
    char probe[LOCK_PATH_LEN], host[256];
    lock_host_name(host, sizeof host);
    char suffix[320];
    snprintf(suffix, sizeof suffix, ".now.%s.%ld", host, (long)getpid());
    if (lock_path(db_path, suffix, probe, sizeof probe) == 0) {
        int fd = io_open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd >= 0) {
            struct stat st;
            int ok = io_fstat(fd, &st) == 0;
            io_close(fd);
            io_unlink(probe);
            if (ok) {
                snprintf(cached_path, sizeof cached_path, "%s", db_path);
                cached_server_s = (long long)st.st_mtime;
                cached_at_ms = mono_ms;
                return cached_server_s;
            }
        }
    }
    return (long long)time(NULL);
}

static long long age_of(long long now, time_t then)
{
    long long a = now - (long long)then;
    return a < 0 ? 0 : a;
}

static void format_since(long long since, char *buf, size_t size)
{
    time_t t = (time_t)since;
    struct tm tm;
    if (since <= 0 || !localtime_r(&t, &tm) ||
        strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0)
        snprintf(buf, size, "?");
}

/* A journal needs rolling back only once its header is complete: SQLite
 * (synchronous FULL) writes the header's magic number last, after the
 * original pages are safely in the journal and before touching the
 * database. A journal that starts with zeros never reached that point: the
 * database file was not modified and the journal is garbage. */
int lock_journal_is_hot(const char *journal)
{
    unsigned char head[8];
    int fd = io_open(journal, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = io_read(fd, head, sizeof head);
    io_close(fd);
    if (n <= 0)
        return 0;
    for (ssize_t i = 0; i < n; i++)
        if (head[i])
            return 1;
    return 0;
}

/* ---- inspection ---- */

int lock_owner_find(const char *lock, const char *except_token, char *buf,
                    size_t size)
{
    struct io_dir *dh = io_opendir(lock);
    if (!dh)
        return -1;
    int found = -1;
    struct dirent *de;
    while ((de = io_readdir(dh)) != NULL) {
        if (strncmp(de->d_name, "owner-", 6) != 0)
            continue;
        if (except_token && strcmp(de->d_name + 6, except_token) == 0)
            continue;
        if (snprintf(buf, size, "%s/%s", lock, de->d_name) < (int)size) {
            found = 0;
            break;
        }
    }
    io_closedir(dh);
    return found;
}

/* Who holds the lock, for the messages below. */
static void describe_owner(const struct lock_owner *o, char *buf, size_t size)
{
    char since[32];
    format_since(o->since, since, sizeof since);
    snprintf(buf, size, _("%s on %s (pid %ld) since %s"),
             o->user[0] ? o->user : "?", o->host, o->pid, since);
}

int lock_inspect(const char *db_path, struct lock_report *out)
{
    return lock_inspect_owner(db_path, 1, out);
}

int lock_inspect_owner(const char *db_path, int with_journal,
                       struct lock_report *out)
{
    char lock[LOCK_PATH_LEN], owner[LOCK_PATH_LEN + 64],
        journal[LOCK_PATH_LEN];
    memset(out, 0, sizeof *out);
    out->age_s = -1;
    out->heartbeat_age_s = -1;
    out->owner_alive = -1;
    if (lock_path(db_path, ".lock", lock, sizeof lock) ||
        lock_path(db_path, "-journal", journal, sizeof journal)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    struct stat st;
    out->hot_journal = with_journal && lock_journal_is_hot(journal);
    if (io_lstat(lock, &st) != 0) {
        if (errno != ENOENT)
            return -1;
        out->state = LOCK_ABSENT;
        snprintf(out->why, sizeof out->why, "%s",
                 out->hot_journal
                     ? _("no desk holds the file, but a journal was left by "
                         "an interrupted write: the next opening rolls it back")
                     : _("no desk holds the file"));
        return 0;
    }
    long long now = server_now(db_path);
    out->age_s = age_of(now, st.st_mtime);

    struct stat ost;
    if (lock_owner_find(lock, NULL, owner, sizeof owner) != 0 ||
        lock_record_read(owner, &out->owner) != 0 || io_stat(owner, &ost) != 0) {
        /* Nobody signed: another tool (sqlite3 shell in a transaction), or
         * a desk in the microseconds between its mkdir and its record. */
        out->limit_s = lock_anonymous_limit_s();
        if (out->age_s < out->limit_s) {
            out->state = LOCK_HELD;
            snprintf(out->why, sizeof out->why,
                     _("held for %lld s by a program that did not sign it "
                       "(not a guichet desk: a tool such as sqlite3); an "
                       "unsigned lock counts as left behind after %d s"),
                     out->age_s, out->limit_s);
        } else {
            out->state = LOCK_STALE;
            snprintf(out->why, sizeof out->why,
                     _("left for %lld s with no owner record: no program "
                       "holds the file that long without signing it (limit "
                       "%d s)"), out->age_s, out->limit_s);
        }
        return 0;
    }
    out->has_owner = 1;
    const struct lock_owner *o = &out->owner;
    char who[400];
    describe_owner(o, who, sizeof who);

    /* Its last sign of life: the owner record's time (the holder refreshes
     * it as it works) or its desk's heartbeat, whichever is newer. */
    long long last = age_of(now, ost.st_mtime);
    char hb[LOCK_PATH_LEN], suffix[320];
    snprintf(suffix, sizeof suffix, ".desks/%s.%ld", o->host, o->pid);
    if (lock_path(db_path, suffix, hb, sizeof hb) == 0 && io_stat(hb, &st) == 0 &&
        age_of(now, st.st_mtime) < last)
        last = age_of(now, st.st_mtime);
    out->heartbeat_age_s = last;

    int alive = lock_owner_alive_here(o);
    out->owner_here = alive >= 0;
    if (out->owner_here) {
        out->owner_alive = alive;
        if (alive) {
            out->state = LOCK_HELD;
            snprintf(out->why, sizeof out->why,
                     _("held by %s, on this machine; that process is running "
                       "(checked), so the lock is not left behind"), who);
        } else {
            out->state = LOCK_STALE;
            snprintf(out->why, sizeof out->why,
                     _("left by %s, on this machine; that process is no "
                       "longer running (checked)"), who);
        }
        return 0;
    }
    out->limit_s = lock_stale_limit_s();
    out->owner_alive = last <= out->limit_s;
    if (out->owner_alive) {
        out->state = LOCK_HELD;
        snprintf(out->why, sizeof out->why,
                 _("held by %s, on another machine, which gave a sign of "
                   "life %lld s ago (a desk counts as gone after %d s "
                   "without one)"), who, last, out->limit_s);
    } else {
        out->state = LOCK_STALE;
        snprintf(out->why, sizeof out->why,
                 _("left by %s, on another machine, which has given no sign "
                   "of life for %lld s (limit %d s)"), who, last,
                 out->limit_s);
    }
    return 0;
}

int lock_posix_held(const char *db_path)
{
    int fd = io_open(db_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    int held = lock_posix_held_fd(fd);
    int saved = errno;
    io_close(fd);
    errno = saved;
    return held;
}

int lock_posix_held_fd(int fd)
{
    /* SQLite's lock bytes (os_unix.c): PENDING_BYTE, RESERVED_BYTE, then
     * SHARED_SIZE bytes; asking for a write lock on all of them reports
     * any lock another process holds there. */
    struct flock fl = {0};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = 0x40000000;
    fl.l_len = 2 + 510;
    if (io_fcntl_lock(fd, F_GETLK, &fl) != 0)
        return -1;
    return fl.l_type != F_UNLCK;
}

/* ---- the writing side ---- */

/* Where the heartbeat is now: it is renamed once, when the desk has
 * joined. Never replaced by renaming over it, and written only where no
 * file is: a share keeps a file that is removed or replaced while open
 * under another name (sshfs .fuse_hidden*, NFS .nfs*), which a desk
 * reading heartbeats could cause. */
static const char *heartbeat_now(const struct lock_desk *d)
{
    return d->joining ? d->joining_path : d->heartbeat_path;
}

static int heartbeat_write(struct lock_desk *d)
{
    if (lock_record_write(heartbeat_now(d), &d->me, 0) == 0)
        return 0;
    if (errno == ENOENT && io_mkdir(d->desks_dir, 0777) != 0 && errno != EEXIST)
        return -1;
    return lock_record_write(heartbeat_now(d), &d->me, 0);
}

/* Removes heartbeats of this machine's dead processes, and any older than
 * a day. Another PC's heartbeat that is merely late stays: that PC may be
 * alive and busy, and recreates it at its next beat anyway. */
/* Removes the heartbeat of e when it is a dead desk's: a process of this
 * machine that is gone, or silent for longer than LOCK_TIDY_AFTER_S. */
static void tidy_heartbeat(const char *desks_dir, const struct lock_desk_entry *e)
{
    if (!((e->here && e->alive == 0) || e->age_s > LOCK_TIDY_AFTER_S))
        return;
    char path[LOCK_PATH_LEN];
    if (snprintf(path, sizeof path, "%s/%s%s", desks_dir, e->name,
                 e->joining ? LOCK_JOINING_SUFFIX : "") < (int)sizeof path)
        io_unlink(path);
}

int lock_desk_start(struct lock_desk *d, const char *db_path,
                    enum lock_mode mode)
{
    memset(d, 0, sizeof *d);
    lock_self_identity(&d->me);
    d->me.mode = mode;
    d->joining = 1;
    char suffix[320], joining[340];
    snprintf(suffix, sizeof suffix, ".desks/%s.%ld", d->me.host, d->me.pid);
    snprintf(joining, sizeof joining, "%s%s", suffix, LOCK_JOINING_SUFFIX);
    if (lock_path(db_path, ".desks", d->desks_dir, sizeof d->desks_dir) ||
        lock_path(db_path, ".desks/.waiting", d->waiting_path,
                  sizeof d->waiting_path) ||
        lock_path(db_path, joining, d->joining_path, sizeof d->joining_path) ||
        lock_path(db_path, suffix, d->heartbeat_path, sizeof d->heartbeat_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    /* The dead desks' heartbeats are tidied by lock_live_desks, which
     * reads them all anyway, and the lock directories moved aside by each
     * desk as it stops: nothing is listed twice on the way in (each
     * record read is five round trips on a share). The folder is made
     * only when it is missing (heartbeat_write): brief desks leave it. */
    if (heartbeat_write(d) != 0)
        return -1;
    d->last_beat_ms = monotonic_ms();
    d->active = 1;
    return 0;
}

int lock_desk_activate(struct lock_desk *d)
{
    if (!d->active || !d->joining)
        return 0;
    d->joining = 0;
    if (io_rename(d->joining_path, d->heartbeat_path) != 0) {
        /* It vanished (someone tidied by hand): write it again. */
        io_unlink(d->joining_path);
        if (heartbeat_write(d) != 0)
            return -1;
    }
    d->last_beat_ms = monotonic_ms();
    return 0;
}

int lock_desk_beat(struct lock_desk *d, int force)
{
    if (!d->active)
        return 0;
    int64_t now = monotonic_ms();
    if (!force && now - d->last_beat_ms < lock_beat_period_s() * 1000)
        return 0;
    d->last_beat_ms = now;
    /* Setting the time to "now" lets the server stamp it. */
    if (io_utimensat(AT_FDCWD, heartbeat_now(d), NULL, 0) == 0)
        return 0;
    return heartbeat_write(d);
}

void lock_desk_stop(struct lock_desk *d)
{
    if (!d->active)
        return;
    io_unlink(heartbeat_now(d));
    /* A brief desk (a command) leaves the folder to the desks that stay
     * open: the next command then finds it (two round trips less each). */
    if (!d->brief) {
        io_rmdir(d->waiting_path); /* a waiter still there makes it again */
        io_rmdir(d->desks_dir); /* only succeeds when this was the last desk */
    }
    d->active = 0;
    char db_path[LOCK_PATH_LEN];
    size_t n = strlen(d->desks_dir), sl = strlen(".desks");
    if (n > sl && n - sl < sizeof db_path && (!d->brief || lock_dir_moved_aside())) {
        memcpy(db_path, d->desks_dir, n - sl);
        db_path[n - sl] = '\0';
        lock_tidy_aside(db_path);
    }
}

/* The sign is an empty directory: made and removed in one request each,
 * and never open, so a share never has to keep it alive under another
 * name (sshfs's .fuse_hidden*, NFS's .nfs*) while it is removed. */
void lock_desk_waiting(struct lock_desk *d)
{
    if (d->active)
        io_mkdir(d->waiting_path, 0777);
}

int lock_desk_waiter_seen(struct lock_desk *d)
{
    return d->active && io_rmdir(d->waiting_path) == 0;
}

/* ---- other desks ---- */

/* lock_desks_list, without the record of the desk named `skip` (NULL:
 * every desk): looking at the others, a desk does not read its own (five
 * calls, each a round trip on a share). */
static int desks_list(const char *db_path, const char *skip,
                      struct lock_desk_entry **out, size_t *count)
{
    char dir[LOCK_PATH_LEN], host[256], boot[64];
    *out = NULL;
    *count = 0;
    if (lock_path(db_path, ".desks", dir, sizeof dir)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    struct io_dir *dh = io_opendir(dir);
    if (!dh)
        return errno == ENOENT ? 0 : -1;
    lock_host_name(host, sizeof host);
    read_boot_id(boot, sizeof boot);
    /* The server's clock only when there is an age to measure: a desk
     * alone pays no probe. */
    long long now = 0;
    int now_known = 0;
    size_t cap = 0;
    struct dirent *de;
    size_t skip_len = skip ? strlen(skip) : 0;
    while ((de = io_readdir(dh)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (skip && strncmp(de->d_name, skip, skip_len) == 0 &&
            (de->d_name[skip_len] == '\0' ||
             strcmp(de->d_name + skip_len, LOCK_JOINING_SUFFIX) == 0))
            continue;
        char path[LOCK_PATH_LEN + 300];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (io_stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (*count == cap) {
            cap = cap ? cap * 2 : 8;
            struct lock_desk_entry *grown = realloc(*out, cap * sizeof **out);
            if (!grown) {
                io_closedir(dh);
                free(*out);
                *out = NULL;
                *count = 0;
                errno = ENOMEM;
                return -1;
            }
            *out = grown;
        }
        struct lock_desk_entry *e = &(*out)[(*count)++];
        memset(e, 0, sizeof *e);
        snprintf(e->name, sizeof e->name, "%s", de->d_name);
        size_t len = strlen(e->name), sl = strlen(LOCK_JOINING_SUFFIX);
        if (len > sl && strcmp(e->name + len - sl, LOCK_JOINING_SUFFIX) == 0) {
            e->name[len - sl] = '\0';
            e->joining = 1;
        }
        if (!now_known) {
            now = server_now(db_path);
            now_known = 1;
        }
        e->age_s = age_of(now, st.st_mtime);
        struct lock_owner o;
        int readable = lock_record_read(path, &o) == 0;
        if (readable) {
            /* Written before heartbeats had a mode: only dot-file desks
             * kept one then. */
            e->mode = o.mode != LOCK_MODE_UNKNOWN ? o.mode : LOCK_MODE_DOTFILE;
        }
        if (readable && strcmp(o.host, host) == 0) {
            if (!o.boot[0] || !boot[0] || strcmp(o.boot, boot) == 0) {
                e->here = 1;
                e->alive = local_process_alive(&o);
            } else {
                e->alive = 0; /* this machine rebooted since */
            }
        } else {
            e->alive = e->age_s <= lock_stale_limit_s();
        }
    }
    io_closedir(dh);
    return 0;
}

int lock_desks_list(const char *db_path, struct lock_desk_entry **out,
                    size_t *count)
{
    return desks_list(db_path, NULL, out, count);
}

int lock_live_desks(const char *db_path, enum lock_mode mode,
                    int with_joining)
{
    struct lock_desk_entry *e = NULL;
    size_t n = 0;
    char me[300], host[256];
    lock_host_name(host, sizeof host);
    snprintf(me, sizeof me, "%s.%ld", host, (long)getpid());
    char dir[LOCK_PATH_LEN];
    if (lock_path(db_path, ".desks", dir, sizeof dir) != 0 ||
        desks_list(db_path, me, &e, &n) != 0)
        return 0;
    int live = 0;
    for (size_t i = 0; i < n; i++) {
        tidy_heartbeat(dir, &e[i]);
        if (e[i].alive == 1 && e[i].mode == mode && (with_joining || !e[i].joining))
            live++; /* never this desk: desks_list left it out */
    }
    free(e);
    return live;
}
