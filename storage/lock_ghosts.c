/* lock_ghosts.c - what locking leaves beside the database on a share, and
 * its tidying (see lock.h for the why).
 *
 * On a FUSE share (sshfs) a file removed while a process of the same PC has
 * it open lives on as `.fuse_hidden*` (a "ghost") until it is closed, and
 * libfuse may keep it for good when a close and a removal cross. A lock
 * directory holding only ghosts cannot be removed, so it is renamed aside
 * (lock_dir_remove); lock_tidy_aside later removes guichet's own ghosts,
 * those renamed directories, and the directories a desk made aside and
 * never renamed into place because it died first. Other programs' hidden
 * files are left alone. */
#include "lock.h"
#include "io_count.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Only FUSE ghosts (.fuse_hidden*) left in `lock`: 1; unlinks them when
 * `unlink_them` (a ghost no longer open then goes for good). */
static int only_ghosts(const char *lock, int unlink_them)
{
    struct io_dir *dh = io_opendir(lock);
    if (!dh)
        return 0;
    int ghosts_only = 1;
    struct dirent *de;
    while ((de = io_readdir(dh)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (strncmp(de->d_name, ".fuse_hidden", 12) != 0) {
            ghosts_only = 0;
            continue;
        }
        if (unlink_them) {
            char path[LOCK_PATH_LEN + 300];
            snprintf(path, sizeof path, "%s/%s", lock, de->d_name);
            io_unlink(path);
        }
    }
    io_closedir(dh);
    return ghosts_only;
}

static unsigned moved; /* lock directories moved aside */

unsigned lock_dir_moved_aside(void)
{
    return moved;
}

int lock_dir_remove(const char *lock)
{
    /* On a FUSE share (sshfs), a file removed while a process of the same
     * PC had it open - another desk reading the owner record - lives on as
     * .fuse_hidden* until that process closes it, and the directory cannot
     * be removed meanwhile (FUSE may even keep the ghost for good when the
     * close and the removal cross). Waiting for it would keep every desk
     * waiting, so the directory is moved aside at once
     * (`<lock>-gone-PID-N`): the lock is free, and lock_tidy_aside removes
     * the rest later. Left in place, the lock would stay behind,
     * unsigned. */
    if (io_rmdir(lock) == 0 || errno == ENOENT)
        return 0;
    if ((errno != ENOTEMPTY && errno != EEXIST) || !only_ghosts(lock, 0))
        return -1;
    char host[256], gone[LOCK_PATH_LEN + 320];
    lock_host_name(host, sizeof host);
    snprintf(gone, sizeof gone, "%s%s%s-%ld-%u", lock, LOCK_GONE_INFIX, host,
             (long)getpid(), moved++);
    if (io_rename(lock, gone) != 0)
        return errno == ENOENT ? 0 : -1;
    if (only_ghosts(gone, 1))
        io_rmdir(gone); /* works when FUSE has let go of them already */
    return 0;
}

/* Splits "<dir>/<base>" (dir "." when there is no slash). */
static void split_path(const char *path, char *dir, size_t dsize,
                       const char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, dsize, ".");
        *base = path;
    } else {
        snprintf(dir, dsize, "%.*s", slash == path ? 1 : (int)(slash - path),
                 path);
        *base = slash + 1;
    }
}

/* A file hidden by FUSE (.fuse_hidden*: removed while open) that guichet
 * made: a rollback journal (its magic number, or the zeroed header of a
 * finished one) or an owner record or heartbeat ("host=..."). */
int lock_ghost_is_ours(const char *path)
{
    static const unsigned char magic[8] = {0xd9, 0xd5, 0x05, 0xf9,
                                           0x20, 0xa1, 0x63, 0xd7};
    unsigned char h[28];
    int fd = io_open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = io_read(fd, h, sizeof h);
    io_close(fd);
    if (n >= 8 && memcmp(h, magic, 8) == 0)
        return 1;
    if (n >= 5 && memcmp(h, "host=", 5) == 0)
        return 1;
    if (n == (ssize_t)sizeof h) {
        for (size_t i = 0; i < sizeof h; i++)
            if (h[i])
                return 0;
        return 1;
    }
    return 0;
}

/* A lock directory made aside and never renamed into place because its
 * maker died first: 1 when it can go. */
static int aside_abandoned(const char *aside, long long now)
{
    char owner[LOCK_PATH_LEN + 400];
    struct lock_owner o;
    struct stat st;
    int known = lock_owner_find(aside, NULL, owner, sizeof owner) == 0 &&
                lock_record_read(owner, &o) == 0;
    /* Its maker died before renaming it into place (or a day went by:
     * a lock is never taken that slowly). */
    int dead = known ? lock_owner_alive_here(&o) == 0
                     : io_stat(aside, &st) == 0 &&
                           now - (long long)st.st_mtime > LOCK_TIDY_AFTER_S;
    if (!dead && !(known && now - o.since > LOCK_TIDY_AFTER_S))
        return 0;
    if (known)
        io_unlink(owner);
    return 1;
}

int lock_tidy_aside(const char *db_path)
{
    char dir[LOCK_PATH_LEN], made[LOCK_PATH_LEN], gone[LOCK_PATH_LEN];
    const char *base;
    split_path(db_path, dir, sizeof dir, &base);
    snprintf(made, sizeof made, "%s.lock-new-", base);
    snprintf(gone, sizeof gone, "%s.lock%s", base, LOCK_GONE_INFIX);
    size_t mlen = strlen(made), glen = strlen(gone);
    struct io_dir *dh = io_opendir(dir);
    if (!dh)
        return 0;
    int removed = 0;
    long long now = (long long)time(NULL);
    struct dirent *de;
    while ((de = io_readdir(dh)) != NULL) {
        char path[LOCK_PATH_LEN + 300];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (strncmp(de->d_name, made, mlen) == 0) {
            if (aside_abandoned(path, now) && io_rmdir(path) == 0)
                removed++;
        } else if (strncmp(de->d_name, gone, glen) == 0) {
            /* A released lock that held ghosts: nobody's any more. */
            if (only_ghosts(path, 1) && io_rmdir(path) == 0)
                removed++;
        } else if (strncmp(de->d_name, ".fuse_hidden", 12) == 0 &&
                   lock_ghost_is_ours(path)) {
            /* Removed while open: nobody can reach it by name. A ghost
             * still open here is only hidden again by FUSE; one open on
             * another PC is the server's to keep until closed. */
            if (io_unlink(path) == 0)
                removed++;
        }
    }
    io_closedir(dh);
    return removed;
}
