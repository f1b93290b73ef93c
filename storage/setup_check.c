/* setup_check.c - what `guichet doctor` checks around a shared file besides
 * the lock: can it be written at all (file, folder, file system), is the
 * disk full, is a share mounted without the client caching that dot-file
 * locking cannot live with, and which files guichet left behind (cleaned
 * with --fix).
 *
 * Caching: dot-file locking needs every PC to see at once what another
 * wrote (a lock directory, a file's new size). NFS and CIFS show their
 * options in the mount table; FUSE mounts such as sshfs do not (their
 * caching options belong to the process serving the mount), so the sshfs
 * process's command line is read, and the folder is also tested: a file
 * created through the path must be listed and seen at once, and be gone
 * at once when removed. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "fs.h"
#include "lock.h"
#include "../common/i18n.h"

enum { SETUP_MIN_FREE_BYTES = 4 * 1024 * 1024 };

static void split_dir(const char *path, char *dir, size_t size,
                      const char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, size, ".");
        *base = path;
    } else {
        snprintf(dir, size, "%.*s", slash == path ? 1 : (int)(slash - path),
                 path);
        *base = slash + 1;
    }
}

/* ---- write access and space ------------------------------------------- */

/* Read-only for the desks: no write permission at all (even where this
 * check runs as root), no access for this user, or a read-only mount. */
static int readonly_path(const char *path, int is_dir, int fs_ro)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (fs_ro || (st.st_mode & 0222) == 0)
        return 1;
    return access(path, is_dir ? W_OK | X_OK : W_OK) != 0;
}

/* ---- caching options ---------------------------------------------------- */

/* The options of the sshfs process serving `mount_point`, comma-joined
 * into buf; 0 when found. */
static int sshfs_process_options(const char *mount_point, char *buf,
                                 size_t size)
{
    DIR *proc = opendir("/proc");
    if (!proc)
        return -1;
    int found = -1;
    struct dirent *de;
    while (found != 0 && (de = readdir(proc)) != NULL) {
        if (!isdigit((unsigned char)de->d_name[0]))
            continue;
        char path[300], cmd[8192];
        snprintf(path, sizeof path, "/proc/%s/cmdline", de->d_name);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        ssize_t n = read(fd, cmd, sizeof cmd - 1);
        close(fd);
        if (n <= 0)
            continue;
        cmd[n] = '\0';
        const char *argv0 = strrchr(cmd, '/') ? strrchr(cmd, '/') + 1 : cmd;
        if (strcmp(argv0, "sshfs") != 0)
            continue;
        /* Arguments are NUL-separated: is the mount point one of them? */
        int ours = 0;
        for (char *a = cmd; a < cmd + n; a += strlen(a) + 1) {
            char real[PATH_MAX];
            if (strcmp(a, mount_point) == 0 ||
                (a[0] && realpath(a, real) && strcmp(real, mount_point) == 0))
                ours = 1;
        }
        if (!ours)
            continue;
        buf[0] = '\0';
        for (char *a = cmd; a < cmd + n; a += strlen(a) + 1) {
            const char *o = NULL;
            if (strcmp(a, "-o") == 0 && a + strlen(a) + 1 < cmd + n)
                o = a + strlen(a) + 1;
            else if (strncmp(a, "-o", 2) == 0 && a[2])
                o = a + 2;
            if (o) {
                size_t len = strlen(buf);
                snprintf(buf + len, size - len, "%s%s", len ? "," : "", o);
            }
        }
        found = 0;
    }
    closedir(proc);
    return found;
}

/* 1 when a file created through the folder is listed and seen at once,
 * and gone at once when removed. */
static int folder_coherent(const char *dir, const char *base)
{
    char name[300], path[PATH_MAX + 300];
    snprintf(name, sizeof name, "%s.probe-%ld", base, (long)getpid());
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return 1; /* cannot test (read-only folder: reported apart) */
    int ok = write(fd, "x", 1) == 1;
    close(fd);
    struct stat st;
    ok = ok && stat(path, &st) == 0 && st.st_size == 1;
    int listed = 0;
    DIR *dh = opendir(dir);
    if (dh) {
        struct dirent *de;
        while ((de = readdir(dh)) != NULL)
            if (strcmp(de->d_name, name) == 0)
                listed = 1;
        closedir(dh);
    }
    unlink(path);
    return ok && listed && stat(path, &st) != 0 && errno == ENOENT;
}

/* Whether the mount caches what dot-file locking needs to see at once. */
static void check_caching(const struct fs_info *fs, const char *dir,
                          const char *base, struct db_setup_problems *out)
{
    const char *t = fs->type;
    char opts[4096], missing[256] = "";
    if (strcmp(t, "fuse.sshfs") == 0 || strcmp(t, "sshfs") == 0) {
        if (sshfs_process_options(fs->mount_point, opts, sizeof opts) != 0) {
            out->cache_unsafe = -1;
            snprintf(out->cache_why, sizeof out->cache_why, "%s",
                     _("the sshfs options could not be read (the sshfs "
                       "process is not visible from here)"));
        } else {
            static const char *const need[] = {
                "direct_io", "dir_cache=no", "attr_timeout=0",
                "entry_timeout=0", "negative_timeout=0",
            };
            for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
                if (!fs_option_has(opts, need[i])) {
                    size_t len = strlen(missing);
                    snprintf(missing + len, sizeof missing - len, "%s%s",
                             len ? "," : "", need[i]);
                }
        }
    } else if (strcmp(t, "cifs") == 0 || strcmp(t, "smb3") == 0) {
        if (!fs_option_has(fs->options, "cache=none"))
            snprintf(missing, sizeof missing, "cache=none");
    } else if (strncmp(t, "nfs", 3) == 0) {
        char reg[16] = "", dirv[16] = "";
        fs_option_value(fs->options, "acregmax", reg, sizeof reg);
        fs_option_value(fs->options, "acdirmax", dirv, sizeof dirv);
        if (!fs_option_has(fs->options, "noac") &&
            !(strcmp(reg, "0") == 0 && strcmp(dirv, "0") == 0))
            snprintf(missing, sizeof missing, "noac");
    }
    if (missing[0]) {
        out->cache_unsafe = 1;
        snprintf(out->cache_why, sizeof out->cache_why,
                 _("%s is mounted without %s: another PC may see a lock or "
                   "a file size late, and two desks could write at once"),
                 fs->mount_point, missing);
        return;
    }
    if (!folder_coherent(dir, base)) {
        out->cache_unsafe = 1;
        snprintf(out->cache_why, sizeof out->cache_why, "%s",
                 _("a file created in the folder was not seen at once (or "
                   "was still seen once removed): the share caches what "
                   "dot-file locking needs to see at once"));
    }
}

/* ---- leftovers ------------------------------------------------------------ */

static void note(struct db_setup_problems *out, const char *name)
{
    out->leftovers++;
    size_t len = strlen(out->leftovers_list);
    if (len + strlen(name) + 3 < sizeof out->leftovers_list)
        snprintf(out->leftovers_list + len, sizeof out->leftovers_list - len,
                 "%s%s", len ? ", " : "", name);
}

static void find_leftovers(const char *path, const char *dir,
                           const char *base, int fix,
                           struct db_setup_problems *out)
{
    DIR *dh = opendir(dir);
    if (dh) {
        struct dirent *de;
        while ((de = readdir(dh)) != NULL) {
            char full[PATH_MAX + 300];
            snprintf(full, sizeof full, "%s/%s", dir, de->d_name);
            if (strncmp(de->d_name, ".fuse_hidden", 12) == 0 &&
                lock_ghost_is_ours(full)) {
                note(out, de->d_name);
                if (fix)
                    unlink(full);
            }
        }
        closedir(dh);
    }
    /* Announcements of desks that are gone. */
    struct lock_desk_entry *e = NULL;
    size_t n = 0;
    if (lock_desks_list(path, &e, &n) == 0) {
        for (size_t i = 0; i < n; i++) {
            if (e[i].alive != 0)
                continue;
            char name[400], full[PATH_MAX + 400];
            snprintf(name, sizeof name, "%s.desks/%s%s", base, e[i].name,
                     e[i].joining ? LOCK_JOINING_SUFFIX : "");
            snprintf(full, sizeof full, "%s/%s", dir, name);
            note(out, name);
            if (fix)
                unlink(full);
        }
        free(e);
        if (fix) {
            char desks[PATH_MAX + 300];
            snprintf(desks, sizeof desks, "%s.desks", path);
            rmdir(desks); /* only when no live desk is left in it */
        }
    }
    if (fix)
        out->leftovers_removed = lock_tidy_aside(path);
}

int db_setup_problems(const char *path, enum db_locking locking, int fix,
                      struct db_setup_problems *out)
{
    memset(out, 0, sizeof *out);
    out->free_bytes = -1;
    char dir[PATH_MAX];
    const char *base;
    split_dir(path, dir, sizeof dir, &base);
    struct statvfs vfs;
    int fs_ro = 0;
    if (statvfs(dir, &vfs) == 0) {
        fs_ro = (vfs.f_flag & ST_RDONLY) != 0;
        out->free_bytes = (long long)vfs.f_bavail * (long long)vfs.f_frsize;
        out->disk_full = out->free_bytes < SETUP_MIN_FREE_BYTES ||
                         (vfs.f_files > 0 && vfs.f_favail == 0);
    }
    out->filesystem_readonly = fs_ro;
    out->file_readonly = readonly_path(path, 0, fs_ro);
    out->folder_readonly = readonly_path(dir, 1, fs_ro);
    struct fs_info fs;
    if (locking == DB_LOCKING_DOTFILE && fs_identify(path, &fs) == 0 &&
        fs.kind != FS_LOCAL && !out->folder_readonly)
        check_caching(&fs, dir, base, out);
    find_leftovers(path, dir, base, fix, out);
    if (fix)
        out->leftovers_removed += out->leftovers;
    return 0;
}
