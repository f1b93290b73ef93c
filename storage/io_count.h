/* io_count.h - the file-system calls of storage/, counted (io_count.c).
 *
 * On a network share every call that reaches the file system is a round
 * trip to the server, and round trips, not CPU, decide how fast a desk is
 * there. So the calls storage/ makes itself on the shared folder (lock
 * directories, owner records, heartbeats, header checks) go through the
 * io_* functions below, which count them and call the C library; the calls
 * SQLite makes are counted by hooks installed in SQLite's unix VFS and by a
 * shim over the VFS a connection uses (io_count_vfs). Figures are read with
 * db_io_count_get (storage.h) or written to $GUICHET_COUNT_IO.
 *
 * Only for files in storage/ (the header is internal); calls on local
 * files (/proc, the configuration) stay plain. */
#ifndef GUICHET_STORAGE_IO_COUNT_H
#define GUICHET_STORAGE_IO_COUNT_H

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>

enum io_kind { IO_READ, IO_WRITE, IO_SYNC, IO_META, IO_LOCK };

void io_note(enum io_kind kind, long long bytes);

/* Called by db_open: installs the SQLite hooks when counting was asked for
 * (GUICHET_COUNT_IO or db_io_count_start), and returns the name of the VFS
 * to open with: `vfs` itself, or a counting shim over it. */
const char *io_count_vfs(const char *vfs);

int io_open(const char *path, int flags, ...); /* mode with O_CREAT */
int io_close(int fd);
ssize_t io_read(int fd, void *buf, size_t n);
ssize_t io_write(int fd, const void *buf, size_t n);
int io_fsync(int fd);
int io_stat(const char *path, struct stat *st);
int io_lstat(const char *path, struct stat *st);
int io_fstat(int fd, struct stat *st);
int io_access(const char *path, int mode);
int io_mkdir(const char *path, mode_t mode);
int io_rmdir(const char *path);
int io_unlink(const char *path);
int io_rename(const char *from, const char *to);
int io_renameat2(int from_dir, const char *from, int to_dir, const char *to,
                 unsigned flags);
int io_utimensat(int dir, const char *path, const struct timespec *times,
                 int flags);
int io_statfs(const char *path, struct statfs *st);
int io_fstatfs(int fd, struct statfs *st);
int io_fchmod(int fd, mode_t mode);
int io_fcntl_lock(int fd, int cmd, void *lock);
/* A directory listing with the calls it needs and no more: opendir(3)
 * also asks the file system for the directory's attributes (fstat), one
 * more round trip on a share for every listing. */
struct io_dir;
struct io_dir *io_opendir(const char *path);
struct dirent *io_readdir(struct io_dir *dh);
int io_closedir(struct io_dir *dh);
/* A small file read or written whole: open, one read or write, close. */
FILE *io_fopen(const char *path, const char *mode);
int io_fclose(FILE *f);

#endif
