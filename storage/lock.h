/* lock.h - living with SQLite's dot-file lock on a shared folder.
 *
 * With `locking = dotfile` every connection uses SQLite's unix-dotfile VFS:
 * whoever holds the file (reading or writing) has created the directory
 * `<db>.lock`, and removes it when done. That works on shares whose
 * byte-range locks do not cross machines, but two things must be added:
 *
 * 1. A desk that crashes (kill -9, power cut, network gone) leaves the lock
 *    behind and every other desk waits forever. To tell a stale lock from a
 *    busy one, whoever takes the lock signs it: the "guichet-dotfile" VFS
 *    (lock_vfs.c) writes an owner record `<db>.lock/owner-TOKEN` (host,
 *    boot, pid, start time, user, since, token) right after its mkdir and
 *    removes it only after COMMIT is complete, just before the rmdir. Each
 *    live writing process also keeps a heartbeat file
 *    `<db>.desks/<host>.<pid>` whose time it refreshes every few seconds;
 *    the holder refreshes its owner record's time as it works.
 *    A lock is stale only when its owner is gone: same machine, when its
 *    process is dead (the pid is gone, or is another process); another
 *    machine, when no sign of life (owner record, heartbeat) came for
 *    longer than lock_stale_limit_s(); unsigned (another tool), when it is
 *    older than lock_anonymous_limit_s(). Times are compared with the file
 *    server's clock, not the desks'.
 *    A desk whose lock was taken from it anyway (it was stalled longer than
 *    the limit) finds its owner record gone before its next write to the
 *    database file, and writes nothing (lock_vfs.c).
 *
 *    Every writable desk keeps such a heartbeat, whatever its locking
 *    mode, and says which mode it uses (3.).
 *
 * 2. SQLite's dot-file VFS never rolls back a hot journal: checking for
 *    another writer, it sees its own lock directory and concludes the
 *    journal is in use. A crash in the middle of a commit would then leave
 *    half a transaction in the file. So whoever clears a stale lock (or
 *    finds a journal with no lock) takes the lock itself, replays the
 *    journal through a connection without locking (the "unix-none" VFS: we
 *    hold the dot-file lock, nobody else can be writing), then releases it.
 *
 * 3. The two modes ignore each other's locks: a POSIX desk does not see
 *    `<db>.lock`, a dot-file desk does not see fcntl locks. Two desks of
 *    different modes writing at once corrupt the file, and a dot-file desk
 *    "recovering" a journal would roll back a live POSIX writer's commit.
 *    So each heartbeat carries the desk's mode, and its name the state: a
 *    desk joins (`<host>.<pid>.joining`), looks for live desks of the
 *    other mode, and only then becomes active (renamed `<host>.<pid>`) -
 *    or withdraws and stays read-only. Desks already
 *    active only yield to active desks of the other mode, so a desk that
 *    is being refused never disturbs them; two desks of different modes
 *    joining at the same instant both withdraw (safe, and rare). Before
 *    any dot-file recovery, SQLite's POSIX lock bytes are probed too
 *    (lock_posix_held), which also catches tools that keep no heartbeat.
 *
 * lock.c holds the records and the inspection, lock_recover.c the clearing
 * and the recovery, lock_ghosts.c what a FUSE share leaves behind and its
 * tidying. Internal to storage/ and its tests. */
#ifndef GUICHET_STORAGE_LOCK_H
#define GUICHET_STORAGE_LOCK_H

#include <stddef.h>
#include <stdint.h>

enum {
    LOCK_PATH_LEN = 4200,
    LOCK_HEARTBEAT_PERIOD_S = 5,  /* live processes refresh this often */
    LOCK_HEARTBEAT_STALE_S = 30,  /* a heartbeat older than this is dead */
    LOCK_ANONYMOUS_STALE_S = 60,  /* an unclaimed lock older than this is */
    LOCK_TOKEN_LEN = 24,
    LOCK_TIDY_AFTER_S = 24 * 3600, /* left-overs older than this go */
};

/* The limits in force: the constants above, or - for tests only, which
 * cannot wait half a minute per case - GUICHET_TEST_STALE_S seconds (the
 * period is a sixth of it, the anonymous limit twice it). */
int lock_stale_limit_s(void);
int lock_anonymous_limit_s(void);
int lock_beat_period_s(void);

/* Which locks a desk takes (recorded in its heartbeat). A heartbeat
 * without a mode was written by a guichet that only gave heartbeats to
 * dot-file desks: LOCK_MODE_DOTFILE. Unreadable: LOCK_MODE_UNKNOWN. */
enum lock_mode {
    LOCK_MODE_UNKNOWN = 0,
    LOCK_MODE_POSIX,
    LOCK_MODE_DOTFILE,
};

struct lock_owner {
    char host[256];
    char boot[64];              /* /proc/sys/kernel/random/boot_id */
    long pid;
    unsigned long long start;   /* process start, clock ticks since boot */
    long long since;            /* when the unit began (owner's clock) */
    char user[64];
    enum lock_mode mode;        /* heartbeats only */
    char token[LOCK_TOKEN_LEN]; /* owner records only */
};

/* This process: host, boot, pid, start. */
void lock_self_identity(struct lock_owner *o);
/* This machine's name, made fit for a file name. */
void lock_host_name(char *buf, size_t size);
/* For an owner on this machine: 1 alive, 0 dead (or this machine rebooted
 * since); -1 when it is on another machine (its heartbeat must tell). */
int lock_owner_alive_here(const struct lock_owner *o);
/* Writes an owner record or heartbeat at `path`; with `exclusive`, fails
 * (EEXIST) rather than replace a file. 0 or -1 with errno. */
int lock_record_write(const char *path, const struct lock_owner *o,
                      int exclusive);
/* 0 when the file holds at least a host and a pid. */
int lock_record_read(const char *path, struct lock_owner *o);
/* The owner record in the lock directory `lock` ("<db>.lock"): its path
 * into buf (0), or -1 when there is none. With `except_token`, records of
 * that token are skipped. */
int lock_owner_find(const char *lock, const char *except_token, char *buf,
                    size_t size);

/* A heartbeat named "<host>.<pid>" plus this is still joining. */
#define LOCK_JOINING_SUFFIX ".joining"

enum lock_state {
    LOCK_ABSENT = 0,  /* nobody holds the file */
    LOCK_HELD,        /* a live process holds it, or may */
    LOCK_STALE,       /* the holder is gone: the lock may be cleared */
};

struct lock_report {
    enum lock_state state;
    long long age_s;           /* seconds since the lock was (re)taken; -1 */
    int has_owner;
    struct lock_owner owner;
    int owner_alive;           /* 1 alive, 0 dead, -1 cannot tell */
    int owner_here;            /* the owner runs on this machine (boot) */
    long long heartbeat_age_s; /* the owner's last sign of life; -1 none */
    int limit_s;               /* the limit the age was compared with */
    int hot_journal;           /* <db>-journal exists */
    char why[512];             /* translated explanation */
};

/* 1 when `journal` (a "<db>-journal" path) must be rolled back: its header
 * is complete. SQLite writes the header's magic number last, after the
 * original pages are safely in the journal and before it touches the
 * database; a journal starting with zeros is harmless garbage. */
int lock_journal_is_hot(const char *journal);

/* What holds the file now, and whether it is stale. 0, or -1 with errno
 * when the folder cannot be examined. */
int lock_inspect(const char *db_path, struct lock_report *out);
/* The same, without opening the journal when `with_journal` is 0 (desks
 * waiting for the lock: on a FUSE share, a file open while another desk of
 * the same PC removes it lingers as .fuse_hidden*). */
int lock_inspect_owner(const char *db_path, int with_journal,
                       struct lock_report *out);

enum lock_clear_result {
    LOCK_CLEARED = 0,     /* a stale lock was removed */
    LOCK_NOTHING,         /* there was no lock (a left journal was replayed) */
    LOCK_REFUSED,         /* a live writer may hold it: left alone */
    LOCK_FAILED,          /* could not remove it (msg says why) */
};

/* Removes a stale lock and its owner record after replaying any hot journal
 * under it. `report` (may be NULL) receives what was found; `msg` a
 * translated sentence for LOCK_FAILED. */
enum lock_clear_result lock_clear_stale(const char *db_path,
                                        struct lock_report *report,
                                        char *msg, size_t size);

/* When `<db>-journal` exists and nobody holds the lock: takes the lock,
 * rolls the journal back, releases. 0 when there was nothing to do or it
 * was done; 1 when the lock is held by someone, or another process holds
 * SQLite's POSIX locks on the file (left alone: the journal may be a live
 * writer's); -1 on error with msg filled. Called by db_open in dot-file
 * mode. */
int lock_recover_journal(const char *db_path, char *msg, size_t size);

/* A file in WAL mode cannot be opened through the dot-file VFS (it has no
 * shared memory). Takes the lock, switches the file back to a rollback
 * journal (checkpointing the WAL), releases. 0 when done or nothing to do,
 * 1 when the lock is held, -1 with msg when the switch failed. */
int lock_convert_wal(const char *db_path, char *msg, size_t size);

/* 1 when another process holds one of SQLite's POSIX locks on the
 * database file (fcntl F_GETLK on its lock bytes: PENDING 0x40000000,
 * RESERVED 0x40000001, SHARED 0x40000002..+510): a desk or tool using the
 * default locking is reading or writing it right now. 0 when none (or the
 * file does not exist), -1 with errno when it cannot be probed.
 * Caution: closing the probe's descriptor drops every POSIX lock this
 * process holds on the file, so never call it from a process that has the
 * file open through SQLite's default VFS. */
int lock_posix_held(const char *db_path);
/* The same on a descriptor open on the database file (left open). */
int lock_posix_held_fd(int fd);

/* Removes the lock directory `lock` (ours, or being cleared), with the
 * ghosts a FUSE share keeps of files removed while open (.fuse_hidden*).
 * 0, or -1 with errno. */
int lock_dir_remove(const char *lock);
/* How many lock directories this process moved aside (holding ghosts). */
unsigned lock_dir_moved_aside(void);

/* ---- the writing side: one per writable connection ---- */

struct lock_desk {
    int active;
    char heartbeat_path[LOCK_PATH_LEN];
    char desks_dir[LOCK_PATH_LEN];
    char joining_path[LOCK_PATH_LEN]; /* the heartbeat while joining */
    char waiting_path[LOCK_PATH_LEN]; /* <db>.desks/.waiting */
    int joining;
    int brief;                 /* joined, but keeps its joining name */
    int64_t last_beat_ms;      /* monotonic time of the last refresh */
    struct lock_owner me;      /* me.mode: what we announce */
};

/* Creates the heartbeat file (and `<db>.desks/` when missing) announcing
 * `mode`, still joining (LOCK_JOINING_SUFFIX). 0, or -1 with errno. */
int lock_desk_start(struct lock_desk *d, const char *db_path,
                    enum lock_mode mode);
/* Joined: the heartbeat takes its plain name ("active"). 0 or -1. */
int lock_desk_activate(struct lock_desk *d);
/* Refreshes the heartbeat when LOCK_HEARTBEAT_PERIOD_S has passed (always
 * when `force`); recreates it if it vanished. 0 or -1. */
int lock_desk_beat(struct lock_desk *d, int force);
/* Removes the heartbeat, then `<db>.desks/` when it was the last, and
 * tidies what locking left (lock_tidy_aside). A brief desk leaves the
 * folder, and tidies only when it moved a lock aside itself
 * (lock_dir_moved_aside). */
void lock_desk_stop(struct lock_desk *d);

/* Fair turns (the busy handler and the end of a write unit): a desk that
 * waits for the lock makes sure `<db>.desks/.waiting` exists; a desk that
 * has just committed removes it, and learns so whether someone waited
 * meanwhile (1) or not (0), and then lets it in before beginning again.
 * Clock-free, so it works across machines; both are one system call. */
void lock_desk_waiting(struct lock_desk *d);
int lock_desk_waiter_seen(struct lock_desk *d);

/* ---- other desks ---- */

struct lock_desk_entry {
    char name[300];            /* "<host>.<pid>" (without the suffix) */
    long long age_s;           /* since its last heartbeat */
    int alive;                 /* 1 alive, 0 dead, -1 cannot tell */
    int here;                  /* a process of this machine (this boot) */
    enum lock_mode mode;
    int joining;               /* still looking for desks of the other mode */
};

/* Heartbeat files of `<db>.desks/` (malloc'ed array, free()). A missing
 * folder gives 0 entries. 0 or -1 with errno. */
int lock_desks_list(const char *db_path, struct lock_desk_entry **out,
                    size_t *count);
/* How many other processes are alive with a heartbeat announcing `mode`;
 * those still joining count only when `with_joining`. The heartbeats of
 * dead desks met on the way are removed. */
int lock_live_desks(const char *db_path, enum lock_mode mode,
                    int with_joining);

/* "posix", "dotfile", "?": as written in heartbeats (not translated). */
const char *lock_mode_name(enum lock_mode mode);

/* What a lock directory holding FUSE ghosts is renamed to when released
 * (`<db>.lock-gone-PID-N`, see lock_dir_remove). */
#define LOCK_GONE_INFIX "-gone-"

/* Removes what locking leaves beside the database: lock directories a
 * desk made aside (`<db>.lock-new-TOKEN`, see lock_vfs.c) and never
 * renamed into place because it died first (their maker is a dead process
 * of this machine, or they are a day old); released lock directories that
 * held FUSE ghosts (`<db>.lock-gone-*`) once the ghosts are gone; and
 * guichet's own FUSE ghosts (`.fuse_hidden*`, lock_ghost_is_ours) in the
 * folder. Returns how many. Called when a dot-file desk stops (a brief
 * one only when it moved a lock aside itself) and by doctor --fix. */
int lock_tidy_aside(const char *db_path);

/* 1 when the FUSE ghost at `path` was made by guichet: a rollback journal
 * or an owner record or heartbeat. */
int lock_ghost_is_ours(const char *path);

/* ---- the "guichet-dotfile" VFS (lock_vfs.c) ---- */

#define LOCK_VFS_NAME "guichet-dotfile"
/* Registers the VFS with SQLite (once). 0 or an SQLite error code. */
int lock_vfs_register(void);
/* The file is not on a local disk: NFS, CIFS and sshfs cannot rename
 * without replacing, so the VFS makes its lock directories in place from
 * the first lock on, instead of learning it from a failed attempt (seven
 * calls, each a round trip on the share). Process-wide, as what the failed
 * attempt teaches. */
void lock_vfs_skip_rename(void);
/* `full` is the file `name` resolved (realpath: symbolic links followed,
 * absolute), as db_open found it: SQLite opening `name` through the VFS
 * takes it instead of resolving the name again one folder at a time (a
 * call for each, a round trip each on a share). */
void lock_vfs_known_path(const char *name, const char *full);
/* sqlite3_file_control opcodes it answers on the main database file. */
enum {
    LOCK_FCNTL_ACTOR = 0x47430001, /* arg: const char *, the user signing */
    LOCK_FCNTL_UNIT,               /* arg: int *, 1 a write unit begins, 0 ends */
    LOCK_FCNTL_LOST,               /* arg: int *, out: 1 the lock was taken
                                      from this connection (it wrote nothing) */
    LOCK_FCNTL_HOLD,               /* arg: int *, 1 keep the lock between
                                      transactions, 0 let it go now */
    LOCK_FCNTL_READ_AHEAD,         /* arg: const struct lock_read_ahead *:
                                      read these pieces at once (threads),
                                      kept for SQLite's reads until the lock
                                      is let go; SQLITE_MISUSE without a
                                      lock of ours */
};

struct lock_read_ahead {
    const long long *offsets;      /* each piece's offset in the file */
    int count;
    int len;                       /* the same for each: a page */
};

/* Path helpers: "<db><suffix>" into buf; -1 when too long. */
int lock_path(const char *db_path, const char *suffix, char *buf,
              size_t size);

#endif
