/* shared.h - the per-connection state of the shared-file policy, and the
 * hooks db.c and txn.c call (see the "one file, several desks" part of
 * storage.h). Internal to storage/.
 *
 * Every struct db_shared is the `shared` member of a struct db made by
 * db_open: the hooks reach their connection from it (shared.c). */
#ifndef GUICHET_STORAGE_SHARED_H
#define GUICHET_STORAGE_SHARED_H

#include <stdint.h>

#include "storage.h"
#include "fs.h"
#include "lock.h"

enum {
    SHARED_RECHECK_MS = 2000,   /* other desks' modes looked at this often */
    SHARED_SIGNAL_AFTER_MS = 10, /* a waiter leaves its sign after this */
    SHARED_TURN_MS = 50,        /* a desk keeps the lock back to back this
                                   long at most while others wait */
    SHARED_INSPECT_FIRST_MS = 300, /* dot-file: a waiting desk looks at
                                      the lock's owner after this... */
    SHARED_INSPECT_MS = 1000,   /* ...and then this often */
};

struct db_shared {
    struct fs_info fs;
    int fs_known;
    char unsafe_reason[1024];   /* empty: writes allowed */
    char unsafe_detail[200];    /* the same, short enough for db_error */
    enum db_locking locking;
    /* Writable connections, whatever the mode: the heartbeat announcing
     * this desk and its locking mode; in dot-file mode also the owner
     * record of the lock. */
    struct lock_desk desk;
    int64_t next_check_ms;      /* monotonic: next look at other desks */
    int in_unit;                /* between shared_unit_begun and _ending */
    int withdraw_pending;       /* refused inside a unit: withdraw after */
    int yield_armed;            /* a write unit is ending: see shared.c */
    int waited;                 /* the busy handler waited since the last
                                   unit began */
    int64_t turn_start_ms;      /* monotonic: this desk's turn began */
    int holding;                /* db_hold_begin: the lock outlives units */
    int64_t last_end_ms;        /* monotonic: its last unit ended */
    /* The busy handler's (db.c): when it last let SQLite try again, and
     * what a try costs (a moving average, microseconds). */
    int64_t busy_resumed_us;
    long busy_try_us;
    uint32_t rng;               /* jitter (shared_random) */
    int read_with_other;        /* refused beside the other mode: read with
                                   its locks (shared_vfs) */
    int next_inspect_ms;        /* dot-file: wait time of the next look at
                                   the lock's owner (shared_waiting) */
    uint64_t seen_lock_ino;     /* the lock directory at the last look */
    int64_t seen_lock_mtime;
};

/* Before SQLite opens `path`: identifies the filesystem and decides whether
 * writing is safe with `locking`. A connection that may write announces
 * itself (heartbeat with its mode), then looks for live desks of the other
 * mode and, in dot-file mode, for POSIX locks held on the file: either
 * makes it withdraw and open read-only with the reason. In dot-file mode it
 * then rolls back a journal left by a crashed desk (when db.c found one:
 * `journal_hot`) and switches a WAL file back (`wal`: its header said so;
 * both were read once by db.c, each read a round trip). `fd` (or -1) is
 * open on the file, `dev` its st_dev: db.c's checks opened it, and it
 * answers here without asking the share again. Sets *readonly when
 * writing is unsafe. Returns DB_ERR_UNSAFE when the file would have to be
 * created (nothing can be written), else DB_OK or an error (nothing is
 * left announced on error). */
int shared_before_open(struct db_shared *s, const char *path,
                       enum db_locking locking, int exists, int journal_hot,
                       int wal, int fd, dev_t dev, int *readonly,
                       struct db_error *err);
/* The VFS to open with: `configured` (NULL or "unix-dotfile"), except for
 * a desk refused because desks of the other locking mode are writing (or,
 * in dot-file mode, a program holds POSIX locks): it reads with their
 * locks, so what it reads is never a write half done - and, read-only, it
 * never rolls their journal back. */
const char *shared_vfs(const struct db_shared *s, const char *configured);

/* Once the connection is open: a connection SQLite opened read-only after
 * all withdraws its announcement; a writable one becomes "active" (a
 * `brief` one keeps its joining name: db_open_options) and gets the
 * fair-turn hook (see shared.c). */
void shared_after_open(struct db_shared *s, int brief, int readonly);
/* db_close: heartbeat and owner record go. */
void shared_close(struct db_shared *s);

/* The unsafe reason in a form short enough for struct db_error's detail
 * (db_unsafe_reason() has the full explanation). */
const char *shared_unsafe_detail(const struct db_shared *s);

/* Write units (txn.c): after BEGIN IMMEDIATE succeeded, and just before
 * COMMIT or ROLLBACK (so the record never outlives the lock). The first
 * also looks again (at most every SHARED_RECHECK_MS) for desks of the
 * other mode that became active since: if there are, this connection
 * turns read-only with the reason (its next unit is refused) and
 * withdraws once the unit has ended. */
/* Before BEGIN (db_write_begin, ahead of its read-only check): the same
 * look, so that a conflict found refuses this very unit. */
void shared_unit_starting(struct db_shared *s);
void shared_unit_begun(struct db_shared *s, const char *actor);
void shared_unit_ending(struct db_shared *s);
/* Each unit inside a bulk (a long transaction): keeps the heartbeat fresh
 * so other desks do not take the lock for stale. Rate-limited, cheap. */
void shared_keepalive(struct db_shared *s);

/* The busy handler, each time it waits for another desk's lock, with the
 * time waited so far: after SHARED_SIGNAL_AFTER_MS makes sure the holder
 * learns that someone waits (lock_desk_waiting). */
void shared_waiting(struct db_shared *s, int waited_ms);

/* The busy handler, when a new wait begins. */
void shared_wait_over(struct db_shared *s);

/* 1 when the dot-file lock was taken from this connection by another desk
 * while it was stalled: its last write was refused and nothing of it
 * reached the file (lock_vfs.c). */
int shared_lock_lost(struct db_shared *s);
/* In dot-file mode, who holds the lock, whether that desk is alive and
 * what to do, into buf (for a "waited too long" error). 1 when filled. */
int shared_busy_detail(struct db_shared *s, char *buf, size_t size);

/* Random bits for the jitter of waits (per connection: the program's own
 * rand() sequence is left alone). */
uint32_t shared_random(struct db_shared *s);

#endif
