/* shared.h - the per-connection state of the shared-file policy, and the
 * hooks db.c and txn.c call (see the "one file, several desks" part of
 * storage.h). Internal to storage/. */
#ifndef GUICHET_STORAGE_SHARED_H
#define GUICHET_STORAGE_SHARED_H

#include "storage.h"
#include "fs.h"
#include "lock.h"

struct db_shared {
    struct fs_info fs;
    int fs_known;
    char unsafe_reason[1024];   /* empty: writes allowed */
    char unsafe_detail[200];    /* the same, short enough for db_error */
    struct lock_desk desk;      /* dot-file mode, writable connections */
};

/* Before SQLite opens `path`: identifies the filesystem, decides whether
 * writing is safe with `locking`, and in dot-file mode rolls back a journal
 * left by a crashed desk. Sets *readonly when writing is unsafe. Returns
 * DB_ERR_UNSAFE when the file would have to be created (nothing can be
 * written), else DB_OK. */
int shared_before_open(struct db_shared *s, const char *path,
                       enum db_locking locking, int exists, int *readonly,
                       struct db_error *err);
/* Once the connection is open: starts the heartbeat of a writable
 * dot-file connection. */
void shared_after_open(struct db_shared *s, const char *path,
                       enum db_locking locking, int readonly);
/* db_close: heartbeat and owner record go. */
void shared_close(struct db_shared *s);

/* The unsafe reason in a form short enough for struct db_error's detail
 * (db_unsafe_reason() has the full explanation). */
const char *shared_unsafe_detail(const struct db_shared *s);

/* Write units (txn.c): after BEGIN IMMEDIATE succeeded, and just before
 * COMMIT or ROLLBACK (so the record never outlives the lock). */
void shared_unit_begun(struct db_shared *s, const char *actor);
void shared_unit_ending(struct db_shared *s);
/* Each unit inside a bulk (a long transaction): keeps the heartbeat fresh
 * so other desks do not take the lock for stale. Rate-limited, cheap. */
void shared_keepalive(struct db_shared *s);

#endif
