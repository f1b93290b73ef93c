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

/* Reads every piece through `file`'s xRead, all at once (up to
 * READ_BATCH_MAX threads; one after the other where threads cannot be
 * made). Each piece's rc says whether it was read whole. `file` must allow
 * concurrent reads (SQLite's unix VFS does: pread on one descriptor). */
enum { READ_BATCH_MAX = 32 };
void read_batch(sqlite3_file *file, struct read_piece *pieces, int count);

#endif
