/* fs.c - identifies the filesystem a database lives on and tells whether
 * SQLite's POSIX locks work there (see fs.h for the rules and why).
 *
 * Two sources are combined: statfs(2) f_type, which the kernel always
 * answers, and the mount entry in /proc/self/mountinfo, which gives the
 * precise type ("fuse.sshfs", "nfs4") and the mount options that decide
 * whether an NFS or CIFS share really carries locks (nolock, local_lock=,
 * nobrl). */
#include "fs.h"
#include "io_count.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "../common/i18n.h"

/* statfs magic numbers (linux/magic.h and the filesystems' sources). */
enum {
    MAGIC_EXT = 0xEF53,
    MAGIC_XFS = 0x58465342,
    MAGIC_BTRFS = 0x9123683E,
    MAGIC_TMPFS = 0x01021994,
    MAGIC_RAMFS = 0x858458F6,
    MAGIC_OVERLAY = 0x794C7630,
    MAGIC_ZFS = 0x2FC12FC1,
    MAGIC_F2FS = 0xF2F52010,
    MAGIC_REISER = 0x52654973,
    MAGIC_JFS = 0x3153464A,
    MAGIC_VFAT = 0x4D44,
    MAGIC_EXFAT = 0x2011BAB0,
    MAGIC_NTFS3 = 0x7366746E,
    MAGIC_BCACHEFS = 0xCA451A4E,
    MAGIC_NFS = 0x6969,
    MAGIC_CIFS = 0xFF534D42,
    MAGIC_SMB2 = 0xFE534D42,
    MAGIC_SMB = 0x517B,
    MAGIC_CEPH = 0x00C36400,
    MAGIC_LUSTRE = 0x0BD00BD0,
    MAGIC_GPFS = 0x47504653,
    MAGIC_GFS2 = 0x01161970,
    MAGIC_OCFS2 = 0x7461636F,
    MAGIC_AFS = 0x5346414F,
    MAGIC_KAFS = 0x6B414653,
    MAGIC_FUSE = 0x65735546,
    MAGIC_9P = 0x01021997,
    MAGIC_CODA = 0x73757245,
};

static const struct {
    unsigned long magic;
    const char *name;
    enum fs_kind kind;
} magic_table[] = {
    {MAGIC_EXT, "ext2/3/4", FS_LOCAL},   {MAGIC_XFS, "xfs", FS_LOCAL},
    {MAGIC_BTRFS, "btrfs", FS_LOCAL},    {MAGIC_TMPFS, "tmpfs", FS_LOCAL},
    {MAGIC_RAMFS, "ramfs", FS_LOCAL},    {MAGIC_OVERLAY, "overlay", FS_LOCAL},
    {MAGIC_ZFS, "zfs", FS_LOCAL},        {MAGIC_F2FS, "f2fs", FS_LOCAL},
    {MAGIC_REISER, "reiserfs", FS_LOCAL}, {MAGIC_JFS, "jfs", FS_LOCAL},
    {MAGIC_VFAT, "vfat", FS_LOCAL},      {MAGIC_EXFAT, "exfat", FS_LOCAL},
    {MAGIC_NTFS3, "ntfs3", FS_LOCAL},    {MAGIC_BCACHEFS, "bcachefs", FS_LOCAL},
    {MAGIC_NFS, "nfs", FS_NETWORK},      {MAGIC_CIFS, "cifs", FS_NETWORK},
    {MAGIC_SMB2, "smb3", FS_NETWORK},    {MAGIC_SMB, "smbfs", FS_NETWORK},
    {MAGIC_CEPH, "ceph", FS_NETWORK},    {MAGIC_LUSTRE, "lustre", FS_NETWORK},
    {MAGIC_GPFS, "gpfs", FS_NETWORK},    {MAGIC_GFS2, "gfs2", FS_NETWORK},
    {MAGIC_OCFS2, "ocfs2", FS_NETWORK},
    /* AFS has no byte-range locks across clients. */
    {MAGIC_AFS, "afs", FS_UNSAFE_LOCKS}, {MAGIC_KAFS, "afs", FS_UNSAFE_LOCKS},
    {MAGIC_FUSE, "fuse", FS_UNSAFE_LOCKS},
    {MAGIC_9P, "9p", FS_UNKNOWN},        {MAGIC_CODA, "coda", FS_UNKNOWN},
};

const char *fs_kind_name(enum fs_kind kind)
{
    switch (kind) {
    case FS_LOCAL: return _("local");
    case FS_NETWORK: return _("network, with shared locks");
    case FS_UNSAFE_LOCKS: return _("network, locks NOT shared between machines");
    case FS_UNKNOWN: break;
    }
    return _("unknown");
}

int fs_option_has(const char *options, const char *token)
{
    size_t tlen = strlen(token);
    int prefix = tlen > 0 && token[tlen - 1] == '=';
    const char *p = options;
    while (p && *p) {
        size_t n = strcspn(p, ",");
        if (prefix ? (n >= tlen && strncmp(p, token, tlen) == 0)
                   : (n == tlen && strncmp(p, token, tlen) == 0))
            return 1;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

int fs_option_value(const char *options, const char *key, char *buf,
                    size_t size)
{
    size_t klen = strlen(key);
    const char *p = options;
    while (p && *p) {
        size_t n = strcspn(p, ",");
        if (n > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
            size_t vlen = n - klen - 1;
            if (vlen >= size)
                vlen = size - 1;
            memcpy(buf, p + klen + 1, vlen);
            buf[vlen] = '\0';
            return 0;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return -1;
}

static int type_is(const char *type, const char *name)
{
    return type && strcmp(type, name) == 0;
}

static int type_starts(const char *type, const char *prefix)
{
    return type && strncmp(type, prefix, strlen(prefix)) == 0;
}

void fs_classify(unsigned long magic, const char *type, const char *options,
                 struct fs_info *out)
{
    const char *name = NULL;
    enum fs_kind kind = FS_UNKNOWN;
    magic &= 0xFFFFFFFFUL; /* f_type is signed on some ABIs */
    for (size_t i = 0; i < sizeof magic_table / sizeof magic_table[0]; i++) {
        if (magic_table[i].magic == magic) {
            name = magic_table[i].name;
            kind = magic_table[i].kind;
            break;
        }
    }
    if (!type)
        type = "";
    if (!options)
        options = "";
    const char *shown = type[0] ? type : name ? name : "?";

    /* The mount type refines what statfs said (it is more precise, and is
     * all we have when statfs could not be called). */
    int nfs = magic == MAGIC_NFS || type_is(type, "nfs") || type_is(type, "nfs4");
    int cifs = magic == MAGIC_CIFS || magic == MAGIC_SMB2 ||
               type_is(type, "cifs") || type_is(type, "smb3");
    int fuse = magic == MAGIC_FUSE || type_is(type, "fuse") ||
               type_starts(type, "fuse.") || type_is(type, "fuseblk");

    out->kind = kind;
    if (fuse) {
        out->kind = FS_UNSAFE_LOCKS;
        snprintf(out->reason, sizeof out->reason,
                 _("%s is a FUSE mount: its byte-range locks are kept on this "
                   "machine and are invisible to other PCs"), shown);
        return;
    }
    if (nfs) {
        char lock_mode[32] = "";
        fs_option_value(options, "local_lock", lock_mode, sizeof lock_mode);
        if (fs_option_has(options, "nolock") || strcmp(lock_mode, "all") == 0 ||
            strcmp(lock_mode, "posix") == 0) {
            out->kind = FS_UNSAFE_LOCKS;
            snprintf(out->reason, sizeof out->reason,
                     _("%s mounted with %s: POSIX locks are local to this "
                       "machine, the server never sees them"),
                     shown, fs_option_has(options, "nolock")
                                ? "nolock" : lock_mode[0] == 'a'
                                ? "local_lock=all" : "local_lock=posix");
            return;
        }
        out->kind = FS_NETWORK;
        snprintf(out->reason, sizeof out->reason,
                 _("%s with the lock manager: locks reach the server"), shown);
        return;
    }
    if (cifs) {
        if (fs_option_has(options, "nobrl")) {
            out->kind = FS_UNSAFE_LOCKS;
            snprintf(out->reason, sizeof out->reason,
                     _("%s mounted with nobrl: byte-range locks are not sent "
                       "to the server"), shown);
            return;
        }
        out->kind = FS_NETWORK;
        snprintf(out->reason, sizeof out->reason,
                 _("%s with byte-range locks sent to the server"), shown);
        return;
    }
    if (!name && type[0]) {
        /* statfs unknown or unavailable: a few types by name. */
        static const char *const local_types[] = {
            "ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay",
            "zfs", "f2fs", "vfat", "exfat", "ntfs3", "ramfs", "bcachefs",
        };
        for (size_t i = 0; i < sizeof local_types / sizeof local_types[0]; i++)
            if (type_is(type, local_types[i]))
                out->kind = FS_LOCAL;
    }
    switch (out->kind) {
    case FS_LOCAL:
        snprintf(out->reason, sizeof out->reason,
                 _("%s is a local filesystem"), shown);
        break;
    case FS_NETWORK:
        snprintf(out->reason, sizeof out->reason,
                 _("%s is a cluster or network filesystem with shared locks"),
                 shown);
        break;
    case FS_UNSAFE_LOCKS:
        snprintf(out->reason, sizeof out->reason,
                 _("%s does not share byte-range locks between machines"),
                 shown);
        break;
    case FS_UNKNOWN:
        snprintf(out->reason, sizeof out->reason,
                 _("guichet does not know filesystem %s (type 0x%lx): it "
                   "cannot tell whether locks are shared"),
                 shown, magic);
        break;
    }
}

/* Undoes mountinfo's octal escapes (\040 for a space...) in place. */
static void unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' &&
            r[2] <= '7' && r[3] >= '0' && r[3] <= '7') {
            *w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
            r += 3;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

/* Appends to `opts` the items of `more` it does not have yet (mountinfo
 * lists per-mount options, then the filesystem's own, often both "rw"). */
static void append_new_options(char *opts, size_t size, const char *more)
{
    const char *p = more;
    while (*p) {
        size_t n = strcspn(p, ",");
        char item[256];
        if (n > 0 && n < sizeof item) {
            memcpy(item, p, n);
            item[n] = '\0';
            size_t len = strlen(opts);
            if (!fs_option_has(opts, item) && len + n + 2 <= size)
                snprintf(opts + len, size - len, "%s%s", len ? "," : "", item);
        }
        p += n;
        if (*p == ',')
            p++;
    }
}

/* Length of `mnt` when it contains `dir` (same path or a parent of it on a
 * component boundary), else -1. */
static long contains(const char *mnt, const char *dir)
{
    size_t n = strlen(mnt);
    if (strcmp(mnt, "/") == 0)
        return 1;
    if (strncmp(mnt, dir, n) == 0 && (dir[n] == '\0' || dir[n] == '/'))
        return (long)n;
    return -1;
}

int fs_mountinfo_lookup(FILE *mountinfo, unsigned major, unsigned minor,
                        const char *dir, struct fs_info *out)
{
    char line[4 * FS_TEXT_LEN];
    long best_dev = -1, best_any = -1;
    struct fs_info dev_match = {0}, any_match = {0};

    while (fgets(line, sizeof line, mountinfo)) {
        line[strcspn(line, "\n")] = '\0';
        /* id parent major:minor root mountpoint options [optional...] -
         * type source superoptions */
        char *fields[16];
        int nf = 0;
        char *save = NULL;
        for (char *t = strtok_r(line, " ", &save); t && nf < 16;
             t = strtok_r(NULL, " ", &save))
            fields[nf++] = t;
        int dash = -1;
        for (int i = 6; i < nf; i++)
            if (strcmp(fields[i], "-") == 0) {
                dash = i;
                break;
            }
        if (nf < 6 || dash < 0 || dash + 2 >= nf)
            continue;
        unsigned ma, mi;
        if (sscanf(fields[2], "%u:%u", &ma, &mi) != 2)
            continue;
        unescape(fields[4]);
        long len = contains(fields[4], dir);
        if (len < 0)
            continue;
        struct fs_info cand = {0};
        snprintf(cand.type, sizeof cand.type, "%s", fields[dash + 1]);
        unescape(fields[dash + 2]);
        snprintf(cand.source, sizeof cand.source, "%s", fields[dash + 2]);
        snprintf(cand.mount_point, sizeof cand.mount_point, "%s", fields[4]);
        snprintf(cand.options, sizeof cand.options, "%s", fields[5]);
        if (dash + 3 < nf)
            append_new_options(cand.options, sizeof cand.options,
                               fields[dash + 3]);
        /* Later entries mount over earlier ones: >= keeps the last. */
        if (ma == major && mi == minor && len >= best_dev) {
            best_dev = len;
            dev_match = cand;
        }
        if (len >= best_any) {
            best_any = len;
            any_match = cand;
        }
    }
    const struct fs_info *found = best_dev >= 0 ? &dev_match
                                  : best_any >= 0 ? &any_match : NULL;
    if (!found)
        return -1;
    memcpy(out->type, found->type, sizeof out->type);
    memcpy(out->source, found->source, sizeof out->source);
    memcpy(out->mount_point, found->mount_point, sizeof out->mount_point);
    memcpy(out->options, found->options, sizeof out->options);
    return 0;
}

/* The folder holding db_path, resolved (symbolic links, "..") into buf;
 * the file itself into file (empty when it does not exist). */
static int resolve_dir(const char *db_path, char *buf, size_t size,
                       char *file, size_t file_size)
{
    file[0] = '\0';
    char copy[PATH_MAX];
    if (snprintf(copy, sizeof copy, "%s", db_path) >= (int)sizeof copy) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char resolved[PATH_MAX];
    /* The file itself may be a link to another filesystem. */
    if (realpath(db_path, resolved)) {
        snprintf(file, file_size, "%s", resolved);
        char *d = dirname(resolved);
        snprintf(buf, size, "%s", d);
        return 0;
    }
    if (!realpath(dirname(copy), resolved))
        return -1;
    snprintf(buf, size, "%s", resolved);
    return 0;
}

/* The file open on fd, resolved by the kernel (/proc/self/fd): the path
 * realpath would give, without asking the file system about each folder
 * on the way (a round trip each on a share). 0, or -1. */
static int resolve_open(int fd, char *dir, size_t dsize, char *file, size_t fsize)
{
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0 || target[0] != '/')
        return -1;
    target[n] = '\0';
    if (strstr(target, " (deleted)"))
        return -1;
    snprintf(file, fsize, "%s", target);
    snprintf(dir, dsize, "%s", dirname(target));
    return 0;
}

/* fs_identify, from an open descriptor of the file (fd >= 0, `dev` its
 * st_dev) when there is one. */
static int identify(const char *db_path, int fd, dev_t dev, struct fs_info *out)
{
    memset(out, 0, sizeof *out);
    if (!db_path || !db_path[0]) {
        errno = EINVAL;
        return -1;
    }
    int opened = fd >= 0 && resolve_open(fd, out->directory, sizeof out->directory,
                                         out->file, sizeof out->file) == 0;
    if (!opened && resolve_dir(db_path, out->directory, sizeof out->directory,
                               out->file, sizeof out->file))
        return -1;
    struct statfs sfs;
    if ((opened ? io_fstatfs(fd, &sfs) : io_statfs(out->directory, &sfs)) != 0)
        return -1;
    out->magic = (unsigned long)sfs.f_type & 0xFFFFFFFFUL;
    if (!opened) {
        struct stat st;
        if (io_stat(out->directory, &st) != 0)
            return -1;
        dev = st.st_dev;
    }
    FILE *f = fopen("/proc/self/mountinfo", "r");
    if (f) {
        fs_mountinfo_lookup(f, major(dev), minor(dev), out->directory, out);
        fclose(f);
    }
    fs_classify(out->magic, out->type, out->options, out);
    return 0;
}

int fs_identify(const char *db_path, struct fs_info *out)
{
    return identify(db_path, -1, 0, out);
}

int fs_identify_open(const char *db_path, int fd, dev_t dev, struct fs_info *out)
{
    return identify(db_path, fd, dev, out);
}
