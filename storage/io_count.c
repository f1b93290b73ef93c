/* io_count.c - counting the calls that reach the file system (io_count.h).
 *
 * Three sources, one set of counters:
 * - storage/'s own calls on the shared folder, through the io_* functions;
 * - SQLite's calls, through its unix VFS's table of system calls
 *   (xSetSystemCall: open, close, stat, fstat, lstat, access, read,
 *   pread64, write, pwrite64, ftruncate, fcntl, unlink, mkdir, rmdir,
 *   openDirectory, readlink, fchmod, fchown), which every unix VFS -
 *   "unix", "unix-none" under guichet-dotfile - shares;
 * - fsync and fdatasync, which that table does not carry: a shim VFS over
 *   the connection's own counts xSync on every file (database, journal).
 * Kinds: read and write calls (with their bytes), syncs, metadata calls
 * (open, close, stat, access, mkdir, rmdir, unlink, rename, utimens,
 * statfs, chmod, truncate, a directory listing) and byte-range lock calls
 * (fcntl F_SETLK and friends). On sshfs each is one request to the server
 * and one wait for its answer; the counts do not depend on the file
 * system, so tests count on a local file what a share would pay.
 *
 * Counting is on when GUICHET_COUNT_IO names a file (the figures are then
 * appended to it at exit and at each db_io_count_mark) or after
 * db_io_count_start. Process-wide; the counters are atomic (the pages
 * read ahead together are read from several threads), the rest is
 * single-threaded use. */
#define _GNU_SOURCE /* renameat2 */
#include "io_count.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "storage.h"

static struct db_io_counts counts;
static int hooks_on;            /* SQLite's calls counted */
static const char *count_file;  /* $GUICHET_COUNT_IO */
static int env_read;

/* $GUICHET_IO_DELAY_US (with GUICHET_COUNT_IO): every counted call waits
 * that long first, as a call through a share waits for its round trip -
 * a slow link on a local file, for the tests of what the console does
 * meanwhile. */
static long delay_us;

void io_note(enum io_kind kind, long long bytes)
{
    if (delay_us > 0) {
        struct timespec ts = {delay_us / 1000000L, (delay_us % 1000000L) * 1000L};
        nanosleep(&ts, NULL);
    }
    /* Atomic: the pages read ahead together (read_batch.c) are read by
     * several threads at once. */
#define COUNT(field, n) __atomic_fetch_add(&counts.field, (n), __ATOMIC_RELAXED)
    long long b = bytes > 0 ? bytes : 0;
    switch (kind) {
    case IO_READ: COUNT(reads, 1); COUNT(read_bytes, b); break;
    case IO_WRITE: COUNT(writes, 1); COUNT(write_bytes, b); break;
    case IO_SYNC: COUNT(syncs, 1); break;
    case IO_META: COUNT(meta, 1); break;
    case IO_LOCK: COUNT(locks, 1); break;
    }
#undef COUNT
}

/* ---- storage/'s own calls ------------------------------------------------ */

int io_open(const char *path, int flags, ...)
{
    int mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, int);
        va_end(ap);
    }
    io_note(IO_META, 0);
    return open(path, flags, mode);
}

int io_close(int fd)
{
    io_note(IO_META, 0);
    return close(fd);
}

ssize_t io_read(int fd, void *buf, size_t n)
{
    ssize_t r = read(fd, buf, n);
    io_note(IO_READ, r);
    return r;
}

ssize_t io_write(int fd, const void *buf, size_t n)
{
    ssize_t r = write(fd, buf, n);
    io_note(IO_WRITE, r);
    return r;
}

int io_fsync(int fd)
{
    io_note(IO_SYNC, 0);
    return fsync(fd);
}

int io_stat(const char *path, struct stat *st)
{
    io_note(IO_META, 0);
    return stat(path, st);
}

int io_lstat(const char *path, struct stat *st)
{
    io_note(IO_META, 0);
    return lstat(path, st);
}

int io_fstat(int fd, struct stat *st)
{
    io_note(IO_META, 0);
    return fstat(fd, st);
}

int io_access(const char *path, int mode)
{
    io_note(IO_META, 0);
    return access(path, mode);
}

int io_mkdir(const char *path, mode_t mode)
{
    io_note(IO_META, 0);
    return mkdir(path, mode);
}

int io_rmdir(const char *path)
{
    io_note(IO_META, 0);
    return rmdir(path);
}

int io_unlink(const char *path)
{
    io_note(IO_META, 0);
    return unlink(path);
}

int io_rename(const char *from, const char *to)
{
    io_note(IO_META, 0);
    return rename(from, to);
}

int io_renameat2(int from_dir, const char *from, int to_dir, const char *to,
                 unsigned flags)
{
    io_note(IO_META, 0);
    return renameat2(from_dir, from, to_dir, to, flags);
}

int io_utimensat(int dir, const char *path, const struct timespec *times,
                 int flags)
{
    io_note(IO_META, 0);
    return utimensat(dir, path, times, flags);
}

int io_fstatfs(int fd, struct statfs *st)
{
    io_note(IO_META, 0);
    return fstatfs(fd, st);
}

int io_statfs(const char *path, struct statfs *st)
{
    io_note(IO_META, 0);
    return statfs(path, st);
}

int io_fchmod(int fd, mode_t mode)
{
    io_note(IO_META, 0);
    return fchmod(fd, mode);
}

int io_fcntl_lock(int fd, int cmd, void *lock)
{
    io_note(IO_LOCK, 0);
    return fcntl(fd, cmd, lock);
}

/* A listing: opening the directory, reading it (counted once, at its
 * end), closing it. */
struct io_dir {
    int fd;
    size_t pos, len;            /* entries of buf not yet returned */
    struct dirent entry;        /* the one returned last */
    _Alignas(8) char buf[16384]; /* struct dirent64 records (getdents64) */
};

struct io_dir *io_opendir(const char *path)
{
    io_note(IO_META, 0);
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct io_dir *d = calloc(1, sizeof *d);
    if (!d) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    d->fd = fd;
    return d;
}

struct dirent *io_readdir(struct io_dir *d)
{
    if (d->pos >= d->len) {
        io_note(IO_META, 0);
        ssize_t n = getdents64(d->fd, d->buf, sizeof d->buf);
        if (n <= 0)
            return NULL;
        d->len = (size_t)n;
        d->pos = 0;
    }
    const struct dirent64 *e = (const struct dirent64 *)(const void *)(d->buf + d->pos);
    d->pos += e->d_reclen;
    d->entry.d_ino = e->d_ino;
    d->entry.d_type = e->d_type;
    snprintf(d->entry.d_name, sizeof d->entry.d_name, "%s", e->d_name);
    return &d->entry;
}

int io_closedir(struct io_dir *d)
{
    io_note(IO_META, 0);
    int rc = close(d->fd);
    free(d);
    return rc;
}

FILE *io_fopen(const char *path, const char *mode)
{
    io_note(IO_META, 0);
    FILE *f = fopen(path, mode);
    if (f)
        io_note(mode[0] == 'r' ? IO_READ : IO_WRITE, 0);
    return f;
}

int io_fclose(FILE *f)
{
    io_note(IO_META, 0);
    return fclose(f);
}

/* ---- SQLite's system calls ------------------------------------------------ */

typedef int (*open_fn)(const char *, int, int);
typedef int (*fd_fn)(int);
typedef int (*path_int_fn)(const char *, int);
typedef int (*path_stat_fn)(const char *, struct stat *);
typedef int (*fd_stat_fn)(int, struct stat *);
typedef int (*trunc_fn)(int, off_t);
typedef int (*fcntl_fn)(int, int, ...);
typedef ssize_t (*read_fn)(int, void *, size_t);
typedef ssize_t (*pread_fn)(int, void *, size_t, off_t);
typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef int (*fd_mode_fn)(int, mode_t);
typedef int (*path_fn)(const char *);
typedef int (*opendir_fn)(const char *, int *);
typedef int (*path_mode_fn)(const char *, mode_t);
typedef int (*chown_fn)(int, uid_t, gid_t);
typedef ssize_t (*readlink_fn)(const char *, char *, size_t);

static struct {
    open_fn open;
    fd_fn close;
    path_int_fn access;
    path_stat_fn stat, lstat;
    fd_stat_fn fstat;
    trunc_fn ftruncate;
    fcntl_fn fcntl;
    read_fn read;
    pread_fn pread64;
    write_fn write;
    pwrite_fn pwrite64;
    fd_mode_fn fchmod;
    path_fn unlink, rmdir;
    opendir_fn open_directory;
    path_mode_fn mkdir;
    chown_fn fchown;
    readlink_fn readlink;
} real;

static int h_open(const char *p, int f, int m) { io_note(IO_META, 0); return real.open(p, f, m); }
static int h_close(int fd) { io_note(IO_META, 0); return real.close(fd); }
static int h_access(const char *p, int m) { io_note(IO_META, 0); return real.access(p, m); }
static int h_stat(const char *p, struct stat *s) { io_note(IO_META, 0); return real.stat(p, s); }
static int h_lstat(const char *p, struct stat *s) { io_note(IO_META, 0); return real.lstat(p, s); }
static int h_fstat(int fd, struct stat *s) { io_note(IO_META, 0); return real.fstat(fd, s); }
static int h_ftruncate(int fd, off_t n) { io_note(IO_META, 0); return real.ftruncate(fd, n); }
static int h_fchmod(int fd, mode_t m) { io_note(IO_META, 0); return real.fchmod(fd, m); }
static int h_unlink(const char *p) { io_note(IO_META, 0); return real.unlink(p); }
static int h_rmdir(const char *p) { io_note(IO_META, 0); return real.rmdir(p); }
static int h_open_directory(const char *p, int *fd) { io_note(IO_META, 0); return real.open_directory(p, fd); }
static int h_mkdir(const char *p, mode_t m) { io_note(IO_META, 0); return real.mkdir(p, m); }
static int h_fchown(int fd, uid_t u, gid_t g) { io_note(IO_META, 0); return real.fchown(fd, u, g); }
static ssize_t h_readlink(const char *p, char *b, size_t n) { io_note(IO_META, 0); return real.readlink(p, b, n); }

static ssize_t h_read(int fd, void *b, size_t n)
{
    ssize_t r = real.read(fd, b, n);
    io_note(IO_READ, r);
    return r;
}

static ssize_t h_pread64(int fd, void *b, size_t n, off_t off)
{
    ssize_t r = real.pread64(fd, b, n, off);
    io_note(IO_READ, r);
    return r;
}

static ssize_t h_write(int fd, const void *b, size_t n)
{
    ssize_t r = real.write(fd, b, n);
    io_note(IO_WRITE, r);
    return r;
}

static ssize_t h_pwrite64(int fd, const void *b, size_t n, off_t off)
{
    ssize_t r = real.pwrite64(fd, b, n, off);
    io_note(IO_WRITE, r);
    return r;
}

/* SQLite passes a struct flock * for locks and an int for the rest
 * (F_GETFD, F_SETFD): only locks reach a server. */
static int h_fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    int rc;
    if (cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW ||
        cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW) {
        void *lock = va_arg(ap, void *);
        io_note(IO_LOCK, 0);
        rc = real.fcntl(fd, cmd, lock);
    } else {
        int arg = va_arg(ap, int);
        rc = real.fcntl(fd, cmd, arg);
    }
    va_end(ap);
    return rc;
}

#define HOOK(name, field, hook)                                              \
    do {                                                                     \
        real.field = (__typeof__(real.field))unix_vfs->xGetSystemCall(       \
            unix_vfs, name);                                                 \
        if (real.field)                                                      \
            unix_vfs->xSetSystemCall(unix_vfs, name,                         \
                                     (sqlite3_syscall_ptr)hook);             \
    } while (0)

static void install_hooks(void)
{
    if (hooks_on)
        return;
    sqlite3_vfs *unix_vfs = sqlite3_vfs_find("unix");
    if (!unix_vfs || unix_vfs->iVersion < 3)
        return;
    HOOK("open", open, h_open);
    HOOK("close", close, h_close);
    HOOK("access", access, h_access);
    HOOK("stat", stat, h_stat);
    HOOK("lstat", lstat, h_lstat);
    HOOK("fstat", fstat, h_fstat);
    HOOK("ftruncate", ftruncate, h_ftruncate);
    HOOK("fcntl", fcntl, h_fcntl);
    HOOK("read", read, h_read);
    HOOK("pread64", pread64, h_pread64);
    HOOK("write", write, h_write);
    HOOK("pwrite64", pwrite64, h_pwrite64);
    HOOK("fchmod", fchmod, h_fchmod);
    HOOK("unlink", unlink, h_unlink);
    HOOK("rmdir", rmdir, h_rmdir);
    HOOK("openDirectory", open_directory, h_open_directory);
    HOOK("mkdir", mkdir, h_mkdir);
    HOOK("fchown", fchown, h_fchown);
    HOOK("readlink", readlink, h_readlink);
    hooks_on = 1;
}

/* ---- the shim: syncs ------------------------------------------------------ */

/* One shim per VFS it covers ("unix", "guichet-dotfile"...). */
enum { SHIMS = 4 };

struct shim_vfs {
    sqlite3_vfs vfs;
    sqlite3_vfs *base;
    char name[64];
};

struct shim_file {
    sqlite3_file head;   /* pMethods: shim_methods */
    sqlite3_file *real;  /* the base VFS's file, right after this struct */
};

static struct shim_vfs shims[SHIMS];

static size_t shim_offset(void)
{
    return (sizeof(struct shim_file) + 15) & ~(size_t)15;
}

#define REAL(file) (((struct shim_file *)(file))->real)

static int s_close(sqlite3_file *f)
{
    int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
    f->pMethods = NULL;
    return rc;
}
static int s_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), b, n, o); }
static int s_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xWrite(REAL(f), b, n, o); }
static int s_truncate(sqlite3_file *f, sqlite3_int64 n) { return REAL(f)->pMethods->xTruncate(REAL(f), n); }
static int s_sync(sqlite3_file *f, int flags)
{
    io_note(IO_SYNC, 0);
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int s_file_size(sqlite3_file *f, sqlite3_int64 *n) { return REAL(f)->pMethods->xFileSize(REAL(f), n); }
static int s_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int s_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int s_check_reserved(sqlite3_file *f, int *out) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out); }
static int s_file_control(sqlite3_file *f, int op, void *arg) { return REAL(f)->pMethods->xFileControl(REAL(f), op, arg); }
static int s_sector_size(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int s_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }

/* Version 1: no shared memory (no WAL on a share) and no memory mapping. */
static const sqlite3_io_methods shim_methods = {
    1, s_close, s_read, s_write, s_truncate, s_sync, s_file_size, s_lock,
    s_unlock, s_check_reserved, s_file_control, s_sector_size, s_device,
    NULL, NULL, NULL, NULL, NULL, NULL,
};

static sqlite3_vfs *base_of(sqlite3_vfs *vfs)
{
    return ((struct shim_vfs *)(void *)vfs)->base;
}

static int s_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file,
                  int flags, int *out_flags)
{
    struct shim_file *f = (struct shim_file *)file;
    sqlite3_vfs *base = base_of(vfs);
    f->real = (sqlite3_file *)(void *)((char *)file + shim_offset());
    int rc = base->xOpen(base, name, f->real, flags, out_flags);
    file->pMethods = f->real->pMethods ? &shim_methods : NULL;
    return rc;
}

static int s_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    sqlite3_vfs *base = base_of(vfs);
    return base->xDelete(base, name, sync_dir);
}

static int s_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    sqlite3_vfs *base = base_of(vfs);
    return base->xAccess(base, name, flags, out);
}

static int s_full_pathname(sqlite3_vfs *vfs, const char *name, int n,
                           char *out)
{
    sqlite3_vfs *base = base_of(vfs);
    return base->xFullPathname(base, name, n, out);
}

const char *io_count_vfs(const char *vfs)
{
    if (!env_read) {
        env_read = 1;
        const char *file = getenv("GUICHET_COUNT_IO");
        if (file && file[0]) {
            count_file = file;
            atexit(db_io_count_at_exit);
            install_hooks();
            const char *d = getenv("GUICHET_IO_DELAY_US");
            long us = d ? strtol(d, NULL, 10) : 0;
            delay_us = us > 0 && us <= 1000000L ? us : 0;
        }
    }
    if (!hooks_on)
        return vfs;
    sqlite3_vfs *base = sqlite3_vfs_find(vfs);
    if (!base)
        return vfs;
    struct shim_vfs *free_slot = NULL;
    for (int i = 0; i < SHIMS; i++) {
        if (shims[i].base == base)
            return shims[i].name;
        if (!shims[i].base && !free_slot)
            free_slot = &shims[i];
    }
    if (!free_slot)
        return vfs;
    struct shim_vfs *s = free_slot;
    snprintf(s->name, sizeof s->name, "guichet-count-%s", base->zName);
    s->vfs = *base;
    s->vfs.zName = s->name;
    s->vfs.pNext = NULL;
    s->vfs.szOsFile = (int)(shim_offset() + (size_t)base->szOsFile);
    s->vfs.xOpen = s_open;
    s->vfs.xDelete = s_delete;
    s->vfs.xAccess = s_access;
    s->vfs.xFullPathname = s_full_pathname;
    if (sqlite3_vfs_register(&s->vfs, 0) != SQLITE_OK)
        return vfs;
    s->base = base;
    return s->name;
}

/* ---- reading the counts ---------------------------------------------------- */

void db_io_count_start(void)
{
    install_hooks();
    memset(&counts, 0, sizeof counts);
}

void db_io_count_get(struct db_io_counts *out)
{
    *out = counts;
}

void db_io_count_format(const struct db_io_counts *c, char *buf, size_t size)
{
    snprintf(buf, size,
             "reads=%lld writes=%lld syncs=%lld meta=%lld locks=%lld "
             "read_bytes=%lld write_bytes=%lld",
             c->reads, c->writes, c->syncs, c->meta, c->locks, c->read_bytes,
             c->write_bytes);
}

void db_io_count_mark(const char *label)
{
    if (!count_file)
        return;
    /* The figures file is local and not counted: plain stdio. */
    FILE *f = fopen(count_file, "a");
    if (!f)
        return;
    char line[256];
    db_io_count_format(&counts, line, sizeof line);
    /* ms: monotonic milliseconds, so that the bench can time a key from
     * its "key" line to the "screen" after it. */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    fprintf(f, "%s %s ms=%lld\n", label, line,
            (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
    fclose(f);
}

void db_io_count_at_exit(void)
{
    db_io_count_mark("exit");
}
