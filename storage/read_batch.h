/* read_batch.h - reading several pieces of one file at once (read_batch.c).
 *
 * On a share each read waits a round trip; reads made together, from
 * threads of their own, wait about one: the share's client (sshfs, SMB,
 * NFS) sends them all before the first answer comes back. */
#ifndef GUICHET_READ_BATCH_H
#define GUICHET_READ_BATCH_H

#include <sqlite3.h>

struct read_piece {
    sqlite3_int64 off;
    int len;
    unsigned char *buf;   /* len bytes, filled */
    int rc;               /* SQLITE_OK, or the read's error */
};

/* Reads every piece through `file`'s xRead: all at once when `together`
 * (up to READ_BATCH_MAX threads; one after the other where threads cannot
 * be made), else one after the other. Each piece's rc says whether it was
 * read whole. Together only when `file` allows concurrent reads: SQLite's
 * unix VFS does where it reads with pread (read_batch_together). */
enum { READ_BATCH_MAX = 32 };
void read_batch(sqlite3_file *file, struct read_piece *pieces, int count, int together);
/* 1 when the files of `vfs` (SQLite's unix VFS or one of its variants)
 * read with pread, at an offset, so that threads may read one file at
 * once; 0 when it seeks then reads (a shared position). */
int read_batch_together(sqlite3_vfs *vfs);

#endif
