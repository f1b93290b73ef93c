/* fs.h - which filesystem a database file lives on, and whether SQLite's
 * default POSIX (fcntl) locks can be trusted there (DESIGN.md §4).
 *
 * Several desks share one file. fcntl locks only protect it when the
 * filesystem carries them to every machine: a local disk does; NFS with its
 * lock manager and CIFS with byte-range locks do; NFS mounted `nolock` or
 * `local_lock=all|posix`, CIFS mounted `nobrl`, AFS and every FUSE mount
 * (sshfs...) keep the locks on the machine that took them, so two desks can
 * write at once and lose commits or corrupt indexes. This module identifies
 * the filesystem (statfs f_type, and the mount entry from
 * /proc/self/mountinfo) and classifies it; storage/db.c decides what to do.
 *
 * Internal to storage/ and its tests: no SQLite here, only libc. */
#ifndef GUICHET_STORAGE_FS_H
#define GUICHET_STORAGE_FS_H

#include <stdio.h>
#include <sys/types.h>

enum fs_kind {
    FS_LOCAL = 0,      /* a local disk or memory filesystem */
    FS_NETWORK,        /* network filesystem whose locks reach the server */
    FS_UNSAFE_LOCKS,   /* locks stay on this machine: unsafe with POSIX mode */
    FS_UNKNOWN,        /* not recognised: guichet cannot vouch for it */
};

enum { FS_TYPE_LEN = 64, FS_TEXT_LEN = 1024, FS_PATH_LEN = 4096, FS_REASON_LEN = 512 };

struct fs_info {
    unsigned long magic;            /* statfs f_type (0 if unknown) */
    char type[FS_TYPE_LEN];         /* mountinfo type: "ext4", "fuse.sshfs" */
    char source[FS_TEXT_LEN];       /* "server:/export", "/dev/sda1" */
    char mount_point[FS_TEXT_LEN];
    char options[FS_TEXT_LEN];      /* per-mount options, then super options */
    char directory[FS_PATH_LEN];    /* the database's folder, resolved */
    char file[FS_PATH_LEN];         /* the file itself, resolved; empty
                                       when it does not exist (yet) */
    enum fs_kind kind;
    char reason[FS_REASON_LEN];     /* translated: why this kind */
};

/* Identifies the filesystem holding `db_path` (the file need not exist: its
 * folder is looked at). 0 on success; -1 with errno set when the folder
 * cannot be examined. The mount entry is best effort: when mountinfo cannot
 * be read, type/source/mount point stay empty and statfs alone decides. */
int fs_identify(const char *db_path, struct fs_info *out);
/* The same for a file open on `fd` (its fstat gave `dev`): the kernel
 * resolves its path and the folder is not asked again (db_open's
 * checks have the descriptor). fd < 0: fs_identify. */
int fs_identify_open(const char *db_path, int fd, dev_t dev, struct fs_info *out);

/* Classifies from the statfs magic, the mountinfo type (may be empty) and
 * the comma-separated options (may be empty): fills out->kind and
 * out->reason. Pure; exposed for tests. */
void fs_classify(unsigned long magic, const char *type, const char *options,
                 struct fs_info *out);

/* Finds in a mountinfo stream the mount holding `dir` (an absolute, resolved
 * path) on device major:minor: the longest mount point that contains dir
 * among the entries of that device, else the longest containing mount point.
 * Fills type, source, mount_point, options. 0 if found, -1 if not. Exposed
 * so tests can feed it fixtures. */
int fs_mountinfo_lookup(FILE *mountinfo, unsigned major, unsigned minor,
                        const char *dir, struct fs_info *out);

/* "local", "network", "unsafe for POSIX locks", "unknown" (translated). */
const char *fs_kind_name(enum fs_kind kind);

/* 1 when `token` appears as a whole item of the comma-separated `options`
 * (a "key=" token matches any value of key only when it ends with '='). */
int fs_option_has(const char *options, const char *token);
/* Copies the value of "key=value" from `options` into buf; 0 if found. */
int fs_option_value(const char *options, const char *key, char *buf,
                    size_t size);

#endif
