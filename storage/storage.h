/* storage.h - the face of storage/: everything SQL, nothing else. Callers
 * see structs of plain C and functions returning a status; no sqlite3 type
 * and no SQLite behaviour crosses this header, so that another engine (a
 * PostgreSQL server for a département that outgrows one shared file) can
 * be put behind the same functions.
 *
 * One shared database file, opened by several desks at once: rollback
 * journal (never WAL), synchronous FULL, foreign keys, a busy handler with
 * a timeout that calls back so a screen can stay alive. Every write is one
 * unit (unit.h): BEGIN IMMEDIATE, version check, re-read and validate,
 * write, audit row, COMMIT, and a rollback on any error; nothing is held
 * across user input.
 *
 * Files, by subject:
 *   db.c            open/close, pragmas, busy handling
 *   schema.c        numbered migrations tracked by PRAGMA user_version
 *   unit.c unit.h   the unit runner every write goes through; versions
 *   txn.c           transactions under the runner; bulk mode; audit rows
 *   stmt.c          prepared statements and binding helpers
 *   errors.c        statuses and messages
 *   io_count.c io_count.h  file-system calls counted (round trips on a share)
 *   validate.c      input checks before any SQL (texts, dates, ids)
 *   rows.h          row readers several files share
 *   sites.c         sites, their public holidays and the site's clock
 *   services.c      services
 *   agents.c        agents and the sites they work at
 *   motifs.c        motifs
 *   openings.c      opening hours and their motifs
 *   absences.c      agents' absences
 *   consequences.c  appointments left outside opening hours or in absences
 *   people.c        beneficiaries: add, edit, search, duplicates
 *   appointments.c  appointments: day list, booking, every change
 *   agenda.c        lists: range, week, to fill in, a person's history
 *   agenda_calendar.c  calendars for the slot finder and booking checks
 *   agenda_check.c  booking warnings (model/booking.h)
 *   agenda_slots.c  the slot finder (model/slots.h)
 *   audit.c         reading the audit log
 *   shared.c shared.h  the shared-file policy: filesystem, locking mode
 *   fs.c fs.h       identifying the filesystem of the file
 *   lock.c lock_recover.c lock.h  dot-file locks, their owners, recovery
 *   lock_ghosts.c   what locking leaves on a FUSE share, and its tidying
 *   lock_vfs.c      the "guichet-dotfile" SQLite VFS
 *   backup.c        consistent copies while desks work
 *   report.c report.h  the supervisors' summaries: GROUP BY queries
 *   report_loans.c     their room-loan figures; report_risk.c their risk figures
 *   file_mode.c file_mode.h  permissions of the files a desk creates
 *   settings.c      per-file settings: the retention periods
 *   privacy.c       erasure and purge (privacy.h)
 *   privacy_access.c  what the file holds about one person (privacy.h)
 *   loans.h         room loans in collèges: rooms.c (collèges, rooms,
 *                   associations), school_holidays.c, loans.c (requests and
 *                   decisions), loan_changes.c (series rows, moves, edits),
 *                   loan_views.c (lists, queue, free rooms), loans_schema.c
 *
 * Conventions: functions return 0 (DB_OK) or a db_status and fill `err`
 * (which may be NULL). Lists are returned as malloc'ed arrays that the caller
 * releases with free(). Text fields are fixed-size, NUL-terminated UTF-8;
 * times are civil "YYYY-MM-DD HH:MM" in the site's time zone. */
#ifndef GUICHET_STORAGE_H
#define GUICHET_STORAGE_H

#include <stddef.h>
#include <stdint.h>

#include "../model/absence.h"
#include "../model/appointment.h"
#include "../model/booking.h"
#include "../model/civil.h"
#include "../model/opening.h"
#include "../model/slots.h"

struct db; /* an open database connection */

enum db_status {
    DB_OK = 0,
    DB_ERR_MISSING,       /* the file does not exist */
    DB_ERR_PERMISSION,    /* the file or its folder cannot be read/written */
    DB_ERR_NOT_DATABASE,  /* not a guichet/SQLite database, or damaged */
    DB_ERR_NEWER_SCHEMA,  /* made by a newer guichet */
    DB_ERR_READONLY,      /* a write was attempted on a read-only database */
    DB_ERR_BUSY,          /* another desk kept the file locked too long */
    DB_ERR_FULL,          /* disk or quota full */
    DB_ERR_IO,            /* the file could not be read or written */
    DB_ERR_INVALID,       /* bad input; detail names the field */
    DB_ERR_REFUSED,       /* well-formed, but the rules or the clock refuse it */
    DB_ERR_NO_ROW,        /* unknown id */
    DB_ERR_CONFLICT,      /* the row was changed by another desk meanwhile */
    DB_ERR_OVERLAP,       /* the agent already has an appointment then */
    DB_ERR_DUPLICATE,     /* a unique name is already taken */
    DB_ERR_UNSAFE,        /* the setup is unsafe for writing (network share) */
    DB_ERR_CANCELLED,     /* the user gave up waiting */
    DB_ERR_INTERNAL,      /* a bug: unexpected SQLite answer */
    DB_STATUS_COUNT
};

struct db_error {
    enum db_status status;
    char detail[256]; /* file, field or SQLite's words; may be empty */
};

/* A translated one-line explanation of `status` for a person. */
const char *db_status_message(enum db_status status);
/* "message: detail" (or just the message) into buf. */
void db_error_format(const struct db_error *err, char *buf, size_t size);

enum db_locking {
    DB_LOCKING_POSIX = 0,  /* SQLite's default unix VFS (fcntl locks) */
    DB_LOCKING_DOTFILE,    /* unix-dotfile VFS: <db>.lock directory */
};

/* Called while another desk holds the lock; `waited_ms` so far. Return
 * nonzero to give up (the operation then fails with DB_ERR_CANCELLED). */
typedef int (*db_wait_fn)(void *ctx, int waited_ms);

/* Called now and then (every few hundred of SQLite's steps, so between the
 * page reads that are round trips on a share) while the file is read
 * without a pause of half a second; `elapsed_ms` since that work began.
 * Return nonzero to stop it: the call then fails with DB_ERR_CANCELLED
 * and nothing is changed. Never called inside a write (a unit is never
 * stopped half-way). */
typedef int (*db_slow_fn)(void *ctx, int elapsed_ms);

struct db_open_options {
    int create;            /* create the file and schema when missing */
    int readonly;          /* open without write access */
    int busy_timeout_ms;   /* 0 = default (10000) */
    enum db_locking locking;
    unsigned file_mode;    /* 0 = DB_FILE_MODE_DEFAULT; see below */
    /* The opening's read transaction stays open as a view (as after
     * db_view_begin): the caller's first reads share its lock, one lock
     * less on a share. The caller ends it with db_view_end before anything
     * slow (in dot-file mode any lock keeps every other desk waiting); a
     * write unit ends it by itself. Not kept when the opening migrated the
     * file. */
    int keep_reading;
    /* A command that opens, does its work and closes (not the console).
     * Its desk's announcement keeps the name it had while joining instead
     * of being renamed: it keeps desks of the other locking mode out just
     * as well (lock.h, 3.), and this desk still looks for them as an
     * active one does. It leaves the tidying of what locking left on a
     * share to the desks that stay open and to `doctor --fix`, unless it
     * moved a lock aside itself. Two round trips less on a share. */
    int brief;
};

/* Permissions of the files a connection creates: the database file, its
 * journal, the dot-file lock directory, owner record and heartbeats
 * (file_mode.h), and backups. Exactly file_mode whatever the umask, minus
 * what the folder does not let through (a class that cannot search the
 * folder gets nothing); directories add search where reading is given.
 * Opening sets the process's umask to match (SQLite's dot-file VFS creates
 * its lock directory with mkdir(0777)). Existing files are never changed:
 * db_file_access_inspect tells doctor what to say about them. */
enum { DB_FILE_MODE_DEFAULT = 0660 };
/* 1 when `mode` is usable: read-write bits only, owner read and write. */
int db_file_mode_valid(unsigned mode);

struct db_file_access {
    unsigned file_mode, folder_mode;   /* st_mode & 07777 */
    int file_others;                   /* others have some access to it */
    int folder_others;                 /* others may list or search it */
    char fix_file[4200];               /* "chmod o-rwx 'FILE'" */
    char fix_folder[4200];             /* "chmod o-rwx 'FOLDER'" */
};
/* -1 when the file cannot be examined. */
int db_file_access_inspect(const char *path, struct db_file_access *out);

/* Opens (and migrates to the current schema when writable) a database.
 * A file that cannot be written is opened read-only when `readonly` was not
 * asked; db_is_readonly() then tells. */
int db_open(const char *path, const struct db_open_options *opts,
            struct db **out, struct db_error *err);
void db_close(struct db *db);
int db_is_readonly(const struct db *db);
const char *db_path(const struct db *db);
void db_set_wait_callback(struct db *db, db_wait_fn fn, void *ctx);
/* Who is writing (agent login or OS user name), recorded in the audit log. */
void db_set_actor(struct db *db, const char *actor);

enum { DB_SCHEMA_VERSION = 12 };
/* Page size of the files guichet creates, and the one `doctor --fix` and
 * `backup` convert to. On a share every page SQLite reads is a round trip,
 * and a day view reads a few pages of each index and table it walks, many
 * of them scattered: with larger pages, fewer (each a little longer to
 * transfer). Measured on the bench file (README "On a network share"). */
enum { DB_PAGE_SIZE = 16384 };
int db_schema_version(struct db *db, int *out, struct db_error *err);

/* A number that changes whenever another connection commits (PRAGMA
 * data_version): poll it when idle to know when to reload. */
int db_data_version(struct db *db, int64_t *out, struct db_error *err);
/* Installs (fn non-NULL) or removes the db_slow_fn of this connection. */
void db_set_slow_callback(struct db *db, db_slow_fn fn, void *ctx);
/* New work begins (a key was typed, an idle tick): the next read's
 * `elapsed_ms` counts from it, not from the reads of the keys before. */
void db_slow_restart(struct db *db);
/* The file's change counter (its header, bytes 24-27), read without any
 * lock: one read call (one round trip on a share) where db_data_version
 * costs a lock and its files. Every commit of any desk changes it (the
 * same counter SQLite trusts to keep or drop its page cache), so an idle
 * poll reads it and takes the lock - data_version, the reloads - only when
 * it moved since the last poll. A hint only: whatever is shown is still
 * read under a lock. DB_OK, or an error when the file cannot be read. */
int db_change_counter(struct db *db, uint32_t *out, struct db_error *err);

/* The reads of one screen (a day: appointments, opening hours, absences,
 * agents) in one read transaction: the file is locked once for all of
 * them instead of once per statement - on a share each lock costs several
 * round trips - and they see one state of it. Always paired; never held
 * across user input; nested calls count; a write unit started meanwhile
 * ends it: in dot-file mode the unit goes on under its lock, otherwise
 * it ends it first (txn.c). */
void db_view_begin(struct db *db);
void db_view_end(struct db *db);
/* Between the two, in dot-file mode, the lock a view or a write unit lets
 * go of is kept, and the next one takes it back without a round trip: a
 * booking and the screens read again after it share one lock. For the
 * console's handling of one key; ended before it waits for the next (any
 * lock keeps every other desk waiting). No effect with POSIX locks. */
void db_hold_begin(struct db *db);
void db_hold_end(struct db *db);

/* Calls that reached the file system holding the database (io_count.c):
 * on a network share each is a round trip to the server. Counted when
 * GUICHET_COUNT_IO names a file (figures appended there at exit and at
 * each db_io_count_mark) or from db_io_count_start (which also zeroes
 * them); process-wide. reads/writes: data calls (database, journal, lock
 * records); syncs: fsync; meta: open, close, stat, access, mkdir, rmdir,
 * unlink, rename, utimens, statfs, chmod, truncate, directory listings;
 * locks: byte-range lock calls (default locking only). */
struct db_io_counts {
    long long reads, writes, syncs, meta, locks;
    long long read_bytes, write_bytes;
};
void db_io_count_start(void);
void db_io_count_get(struct db_io_counts *out);
/* "reads=N writes=N syncs=N meta=N locks=N read_bytes=N write_bytes=N" */
void db_io_count_format(const struct db_io_counts *c, char *buf, size_t size);
/* Appends "LABEL reads=N ... ms=T" (the totals so far, and the monotonic
 * clock in milliseconds) to $GUICHET_COUNT_IO. */
void db_io_count_mark(const char *label);
void db_io_count_at_exit(void);

/* For generators and imports: many inserts in one transaction. Every other
 * write function opens its own transaction unless one is open. */
int db_bulk_begin(struct db *db, struct db_error *err);
int db_bulk_commit(struct db *db, struct db_error *err);
void db_bulk_rollback(struct db *db);

/* PRAGMA integrity_check; *ok = 1 when "ok". */
int db_integrity_check(struct db *db, int *ok, char *first_problem,
                       size_t size, struct db_error *err);

/* ---- structure ------------------------------------------------------- */

enum { DB_NAME_LEN = 128, DB_SHORT_LEN = 64, DB_TEXT_LEN = 1024 };

enum db_site_kind { DB_SITE_SOCIAL = 0, DB_SITE_COLLEGE = 1 };

struct db_site {
    int64_t id;
    char name[DB_NAME_LEN];
    enum db_site_kind kind;
    char address[DB_NAME_LEN];
    char timezone[DB_SHORT_LEN]; /* e.g. "Europe/Paris" */
    /* Public holidays of the site: enum holiday_flags (model/holidays.h),
     * HOLIDAYS_NATIONAL (0) or HOLIDAYS_ALSACE_MOSELLE (Bas-Rhin,
     * Haut-Rhin, Moselle: Good Friday and 26 December too). Column
     * site.holidays; storage's slot finder and booking checks read it. */
    unsigned holiday_flags;
};

struct db_service {
    int64_t id;
    char name[DB_NAME_LEN];
};

struct db_agent {
    int64_t id;
    char last_name[DB_NAME_LEN];
    char first_name[DB_NAME_LEN];
    char login[DB_SHORT_LEN]; /* empty for professionals without login */
    int64_t service_id;
};

enum db_location { DB_LOC_SITE = 0, DB_LOC_PHONE, DB_LOC_HOME, DB_LOC_VIDEO };

struct db_motif {
    int64_t id;
    char name[DB_NAME_LEN];  /* "motif": the users' word for a reason to come */
    int64_t service_id;
    int duration_minutes;
    char colour[16];         /* "#rrggbb" */
    enum db_location location;
};

struct db_opening {
    int64_t id;
    int64_t agent_id;
    int64_t site_id;
    struct opening_rule rule;
};

int db_site_add(struct db *db, struct db_site *site, struct db_error *err);
int db_site_list(struct db *db, struct db_site **out, size_t *count,
                 struct db_error *err);
int db_site_find(struct db *db, const char *name, struct db_site *out,
                 struct db_error *err); /* DB_ERR_NO_ROW if none */

/* The site's clock: "now" at a site is its civil time in its IANA zone,
 * whatever TZ the machine has (common/clock.h; GUICHET_NOW fixes it for
 * tests). db_site_now reads the site's zone (an unknown site gets the
 * machine's time and DB_ERR_NO_ROW); db_zone_now takes the zone of a
 * struct db_site already read. Statuses, arrivals, "to fill in" and the
 * slot finder use it. */
int db_site_now(struct db *db, int64_t site_id, struct civil_datetime *now);
void db_zone_now(const char *zone, struct civil_datetime *now);

int db_service_add(struct db *db, struct db_service *s, struct db_error *err);
int db_agent_add(struct db *db, struct db_agent *a, struct db_error *err);
int db_agent_join_site(struct db *db, int64_t agent_id, int64_t site_id,
                       struct db_error *err);
/* Agents of a site, ordered by last then first name. */
int db_site_agents(struct db *db, int64_t site_id, struct db_agent **out,
                   size_t *count, struct db_error *err);
int db_agent_find_login(struct db *db, const char *login, struct db_agent *out,
                        struct db_error *err);
int db_motif_add(struct db *db, struct db_motif *m, struct db_error *err);
int db_motif_list(struct db *db, struct db_motif **out, size_t *count,
                  struct db_error *err);
int db_opening_add(struct db *db, struct db_opening *o, struct db_error *err);
/* Opening rules of all agents at a site that may apply on `day`. */
int db_site_openings(struct db *db, int64_t site_id, struct civil_date day,
                     struct db_opening **out, size_t *count,
                     struct db_error *err);

/* ---- people ---------------------------------------------------------- */

struct db_person {
    int64_t id;
    char last_name[DB_NAME_LEN];
    char first_name[DB_NAME_LEN];
    char birth_name[DB_NAME_LEN];
    char birth_date[CIVIL_DATE_LEN]; /* ISO or empty */
    char phone[DB_SHORT_LEN];
    char email[DB_NAME_LEN];
    char address[DB_NAME_LEN];
    char notes[DB_TEXT_LEN];
    int notify_sms;
    int notify_email;
    int64_t responsible_id; /* 0 = none */
    int64_t version;
};

int db_person_add(struct db *db, struct db_person *p, struct db_error *err);
int db_person_get(struct db *db, int64_t id, struct db_person *out,
                  struct db_error *err);

/* ---- appointments ---------------------------------------------------- */

struct db_appt {
    int64_t id;
    int64_t site_id;
    int64_t agent_id;
    int64_t motif_id;
    int64_t person_id;                 /* 0 = none */
    char starts_at[CIVIL_DATETIME_LEN];
    char ends_at[CIVIL_DATETIME_LEN];
    enum appt_status status;
    int overbooked;                    /* the agent accepted an overlap */
    char context[DB_TEXT_LEN];
    char arrived_at[CIVIL_DATETIME_LEN]; /* empty = not arrived */
    char created_at[CIVIL_DATETIME_LEN];
    char created_by[DB_SHORT_LEN];
    int64_t version;
};

/* One row of a day view: the appointment plus what is drawn with it. */
struct db_day_row {
    struct db_appt appt;
    char person_last[DB_NAME_LEN];
    char person_first[DB_NAME_LEN];
    char motif_name[DB_NAME_LEN];
    char motif_colour[16];
};

/* Appointments of a site on one civil day, ordered by agent then start;
 * one indexed range query. */
int db_day_list(struct db *db, int64_t site_id, struct civil_date day,
                struct db_day_row **out, size_t *count, struct db_error *err);
int db_appt_get(struct db *db, int64_t id, struct db_appt *out,
                struct db_error *err);

/* Books `a` (id, version, created_* are filled in). One write unit: checks
 * site, agent, motif and person exist, times are valid, and that the agent
 * has no other non-cancelled appointment overlapping unless a->overbooked;
 * DB_ERR_OVERLAP otherwise. The same rule is also a schema trigger. */
int db_appt_book(struct db *db, struct db_appt *a, struct db_error *err);

/* For generators and imports inside db_bulk_begin/commit: inserts as given
 * (status, arrived_at, created_at kept), same validation and trigger. */
int db_appt_insert(struct db *db, struct db_appt *a, struct db_error *err);

/* ---- audit ----------------------------------------------------------- */

/* An audit row's time is an instant, in UTC with its offset (ISO 8601,
 * "2026-11-25T09:05:13+00:00", common/clock.h's time stamps): desks in
 * several zones share one file, and each shows it in its site's zone. */
enum { DB_STAMP_LEN = 26 };

struct db_audit_entry {
    int64_t id;
    char at[DB_STAMP_LEN]; /* "YYYY-MM-DDTHH:MM:SS+00:00" */
    char actor[DB_SHORT_LEN];
    char entity[32];   /* "appointment", "person", ... */
    int64_t entity_id;
    char action[32];   /* "create", "move", "status", ... */
    char detail[DB_TEXT_LEN];
};

/* Latest entries about one row, newest first. */
int db_audit_for(struct db *db, const char *entity, int64_t entity_id,
                 struct db_audit_entry **out, size_t *count,
                 struct db_error *err);

/* ---- one file, several desks (shared.c, fs.c, lock.c, backup.c) ------ *
 * docs/DESIGN.md "One file, several desks". At open the filesystem is identified: with the
 * default POSIX locking on a share whose locks do not cross machines (NFS
 * nolock/local_lock, CIFS nobrl, FUSE such as sshfs), or while other desks
 * use dot-file locking on the same file, the connection is read-only and
 * every write returns DB_ERR_UNSAFE with the reason. With
 * DB_LOCKING_DOTFILE whoever holds the lock signs it (`<db>.lock/owner-T`,
 * until its commit is complete) and each writing process keeps a heartbeat
 * (`<db>.desks/<host>.<pid>`), so a lock left by a crashed PC can be told
 * from a busy one; a desk that lost its lock while stalled writes nothing
 * (storage/lock.h, lock_vfs.c). */

/* Why this connection refuses to write (translated), or NULL when safe. */
const char *db_unsafe_reason(const struct db *db);

/* Keeps this process's heartbeat fresh (every writable connection; also
 * looks again for desks of the other locking mode). Cheap: touches the
 * file at most every few seconds. Call it from the console's idle loop;
 * write units call it too. Returns 0 (a failure only means other desks may
 * think this one is gone). */
int db_heartbeat(struct db *db);

enum db_fs_kind {
    DB_FS_LOCAL = 0,       /* local disk */
    DB_FS_NETWORK,         /* network share whose locks reach the server */
    DB_FS_UNSAFE_LOCKS,    /* locks stay on each machine */
    DB_FS_UNKNOWN,
};

enum db_lock_state {
    DB_LOCK_ABSENT = 0,    /* no dot-file lock */
    DB_LOCK_HELD,          /* held by a live process, or possibly so */
    DB_LOCK_STALE,         /* left by a process that is gone */
};

/* What `guichet doctor` reports without opening the database. */
struct db_setup {
    int fs_identified;             /* 0: the folder could not be examined */
    enum db_fs_kind fs_kind;
    char fs_kind_name[96];         /* translated */
    char fs_type[64];              /* "ext4", "fuse.sshfs", "nfs4" */
    char fs_source[1024];
    char mount_point[1024];
    char mount_options[1024];
    char fs_reason[512];           /* translated */
    enum db_lock_state lock_state;
    char lock_why[512];            /* translated */
    long long lock_age_s;          /* -1 when there is no lock */
    int hot_journal;               /* a journal left by an interrupted write */
    int live_dotfile_desks;        /* processes using dot-file locking now */
    int live_desks;                /* desks announced and alive, any mode */
    char desks[1024];              /* "host.pid (3 s), ..." */
    int unsafe;                    /* writes refused with this locking mode */
    char unsafe_reason[1024];      /* translated */
};

int db_setup_inspect(const char *path, enum db_locking locking,
                     struct db_setup *out);

/* What else `guichet doctor` checks around the file (setup_check.c). */
struct db_setup_problems {
    int file_readonly;         /* desks could not write the file */
    int folder_readonly;       /* ...nor create the journal beside it */
    int filesystem_readonly;   /* mounted read-only */
    long long free_bytes;      /* -1 unknown */
    int disk_full;             /* less than a few MiB free, or no inode */
    int cache_unsafe;          /* dot-file mode on a share that caches what
                                  it must not: 1; cannot tell: -1 */
    char cache_why[512];       /* translated */
    int leftovers;             /* files guichet left behind (--fix) */
    int leftovers_removed;     /* with fix */
    char leftovers_list[512];
};
/* Fills `out`; with `fix`, removes the leftovers (FUSE-hidden journals and
 * records of guichet's, announcements of desks that are gone, lock
 * directories made aside by desks that died). 0. */
int db_setup_problems(const char *path, enum db_locking locking, int fix,
                      struct db_setup_problems *out);

/* The settings that matter on a share, read back from the connection. */
struct db_pragmas {
    char journal_mode[16];
    int synchronous;               /* 2 = FULL */
    int foreign_keys;
    long long page_count;
    long page_size;
};
int db_read_pragmas(struct db *db, struct db_pragmas *out,
                    struct db_error *err);

enum db_unlock_result {
    DB_UNLOCK_CLEARED = 0,   /* a stale lock was removed */
    DB_UNLOCK_NOTHING,       /* there was no lock */
    DB_UNLOCK_REFUSED,       /* a live writer may hold it; left alone */
    DB_UNLOCK_FAILED,        /* msg says why */
};
/* Removes a stale dot-file lock and its owner record, after rolling back
 * the interrupted write it protected. `found` (may be NULL) receives what
 * was found, `msg` a translated sentence on failure. */
enum db_unlock_result db_unlock_stale(const char *path, struct db_setup *found,
                                      char *msg, size_t size);

struct db_backup_stats {
    long pages;        /* pages copied in the final pass */
    long page_size;    /* of the copy: DB_PAGE_SIZE */
    long source_page_size; /* of the file: converted when it differs */
    int steps;         /* backup steps taken */
    int restarts;      /* times another desk's commit restarted the copy */
};
/* Consistent copy of the open database into `dest`, which must not exist,
 * with SQLite's backup API in small steps: the lock is released between
 * steps so desks keep working (a copy restarted by their commits takes
 * bigger steps). The copy is then checked with integrity_check; on any
 * failure `dest` is removed. */
int db_backup(struct db *db, const char *dest, struct db_backup_stats *stats,
              struct db_error *err);

/* Rewrites the open database with pages of DB_PAGE_SIZE bytes (PRAGMA
 * page_size, then VACUUM): under the write lock for its whole duration,
 * through the rollback journal (an interruption leaves the file as it
 * was), so other desks wait for it like for any write and then read the
 * new file. It holds the lock for as long as it takes to rewrite the whole
 * file (minutes for hundreds of MiB on a share): run it with every desk
 * stopped (`guichet doctor --fix` checks). Needs free space for a copy of
 * the file beside it (the journal) and one in the temporary folder. Sets
 * *before to the page size found; nothing is done when it is already
 * DB_PAGE_SIZE. */
int db_convert_page_size(struct db *db, long *before, struct db_error *err);

/* ---- versions and conflicts (unit.c) ----------------------------------- *
 * Every edit of an existing row takes the version the user saw. Inside its
 * write unit the row is re-read; when its version differs the edit writes
 * nothing and returns DB_ERR_CONFLICT, err->detail says who changed it,
 * when and how (from the audit log) and `conflict` (may be NULL) receives
 * the same as data. The version DB_VERSION_CURRENT (0) means "whatever is
 * current": for the command line, whose user saw nothing older. */

enum { DB_VERSION_CURRENT = 0 };

/* Why an edit was refused with DB_ERR_CONFLICT. */
struct db_conflict {
    int64_t seen_version;     /* what the caller passed */
    int64_t current_version;  /* what the row has now; 0 if it is gone */
    int has_audit;            /* 0: no audit row explains it */
    struct db_audit_entry last; /* the latest change: who, when, what */
};

/* Version of one row: entity is "site", "service", "agent", "motif",
 * "opening", "absence", "person" or "appointment". For rows whose struct in
 * storage.h has no version field (sites, services, agents, motifs, opening
 * hours): read it when an edit form opens. */
int db_row_version(struct db *db, const char *entity, int64_t id,
                   int64_t *out, struct db_error *err);

/* ---- people: search, duplicates, edits (people.c) ---------------------- */

enum { DB_SEARCH_LIMIT_MAX = 1000 };

/* One line of a search result list. */
struct db_person_hit {
    int64_t id;
    char last_name[DB_NAME_LEN];
    char first_name[DB_NAME_LEN];
    char birth_name[DB_NAME_LEN];
    char birth_date[CIVIL_DATE_LEN]; /* ISO or empty */
    char phone[DB_SHORT_LEN];
    char email[DB_NAME_LEN];
    int64_t version;
};

/* Search as you type (model/search.h decides what `typed` is): name words
 * (each a prefix of a word of last, first or birth name, case and accents
 * ignored), phone digits anywhere in the number whatever the spacing, or a
 * full birth date ("12/03/1980", "12/03/80", "12031980", "1980-03-12").
 * Apostrophes, hyphens and spaces inside names are ignored ("nguyen" finds
 * N'GUYEN-DE LA TOUR). Empty text lists everyone. At most `limit`
 * (1..DB_SEARCH_LIMIT_MAX) hits: people whose last name matches the first
 * word first, then by folded name and id. Indexed: fast on 100,000 people. */
int db_person_search(struct db *db, const char *typed, size_t limit,
                     struct db_person_hit **out, size_t *count,
                     struct db_error *err);

/* Someone already known who may be `candidate` (model/duplicates.h):
 * `reasons` is a bit set of enum duplicate_reason. candidate->id, when not
 * 0, is left out (editing a person does not find itself). Most likely
 * first (most reasons), at most 20. */
struct db_duplicate {
    struct db_person_hit person;
    unsigned reasons;
};
int db_person_duplicates(struct db *db, const struct db_person *candidate,
                         struct db_duplicate **out, size_t *count,
                         struct db_error *err);
/* "same name and birth date, same phone" (translated) into buf. */
void db_duplicate_describe(unsigned reasons, char *buf, size_t size);

/* Saves every field of `p` (p->id, p->version = the version seen). On
 * success p->version is the new version. The audit row lists the fields
 * that changed. */
int db_person_update(struct db *db, struct db_person *p,
                     struct db_conflict *conflict, struct db_error *err);

/* ---- structure: gets, lists and edits (sites.c, services.c, agents.c,
 * motifs.c, openings.c) ----------------------------------------------- */

int db_site_get(struct db *db, int64_t id, struct db_site *out,
                struct db_error *err);
int db_site_update(struct db *db, const struct db_site *site, int64_t version,
                   struct db_conflict *conflict, struct db_error *err);

int db_service_list(struct db *db, struct db_service **out, size_t *count,
                    struct db_error *err);
int db_service_update(struct db *db, const struct db_service *s,
                      int64_t version, struct db_conflict *conflict,
                      struct db_error *err);

/* Every agent, ordered by last then first name. */
int db_agent_list(struct db *db, struct db_agent **out, size_t *count,
                  struct db_error *err);
int db_agent_get(struct db *db, int64_t id, struct db_agent *out,
                 struct db_error *err);
int db_agent_update(struct db *db, const struct db_agent *a, int64_t version,
                    struct db_conflict *conflict, struct db_error *err);
/* Sites where the agent works (ids), ordered by site name. */
int db_agent_sites(struct db *db, int64_t agent_id, int64_t **out,
                   size_t *count, struct db_error *err);
int db_agent_leave_site(struct db *db, int64_t agent_id, int64_t site_id,
                        struct db_error *err);

int db_motif_get(struct db *db, int64_t id, struct db_motif *out,
                 struct db_error *err);
int db_motif_update(struct db *db, const struct db_motif *m, int64_t version,
                    struct db_conflict *conflict, struct db_error *err);

/* Opening hours of one agent (every site, every date), by site, weekday,
 * start. */
int db_agent_openings(struct db *db, int64_t agent_id,
                      struct db_opening **out, size_t *count,
                      struct db_error *err);
int db_opening_get(struct db *db, int64_t id, struct db_opening *out,
                   struct db_error *err);
int db_opening_update(struct db *db, const struct db_opening *o,
                      int64_t version, struct db_conflict *conflict,
                      struct db_error *err);
int db_opening_delete(struct db *db, int64_t id, int64_t version,
                      struct db_conflict *conflict, struct db_error *err);
/* The motifs an opening range is for; none = every motif. Setting
 * replaces the whole set (a new version of the opening). */
int db_opening_motifs(struct db *db, int64_t opening_id, int64_t **out,
                      size_t *count, struct db_error *err);
int db_opening_set_motifs(struct db *db, int64_t opening_id, int64_t version,
                          const int64_t *motif_ids, size_t motif_count,
                          struct db_conflict *conflict, struct db_error *err);

/* ---- absences (absences.c) -------------------------------------------- */

struct db_absence {
    int64_t id;
    int64_t agent_id;
    struct absence absence;     /* one-off [from, until) or weekly */
    char reason[DB_NAME_LEN];   /* "congés", "formation"; may be empty */
    int64_t version;
};

int db_absence_get(struct db *db, int64_t id, struct db_absence *out,
                   struct db_error *err);
int db_absence_add(struct db *db, struct db_absence *a, struct db_error *err);
/* a->version = the version seen; updated on success. */
int db_absence_update(struct db *db, struct db_absence *a,
                      struct db_conflict *conflict, struct db_error *err);
int db_absence_delete(struct db *db, int64_t id, int64_t version,
                      struct db_conflict *conflict, struct db_error *err);
/* Absences of an agent that may touch [from, to] (days, inclusive);
 * one-off ones by start, then weekly ones. */
int db_agent_absences(struct db *db, int64_t agent_id, struct civil_date from,
                      struct civil_date to, struct db_absence **out,
                      size_t *count, struct db_error *err);
/* The absences of every agent of a site that may touch `day` (as
 * db_agent_absences: weekly ones valid then, whatever their weekday;
 * absence_intervals_on clips them), in one query for the day view's
 * shading. By agent id, then as db_agent_absences. */
int db_site_absences(struct db *db, int64_t site_id, struct civil_date day,
                     struct db_absence **out, size_t *count,
                     struct db_error *err);

/* ---- consequences (consequences.c) ------------------------------------ *
 * Appointments left outside: booked (not cancelled) where their agent has
 * no opening hours for their motif, or is absent. */

enum db_stranded_reason {
    DB_STRANDED_OUTSIDE_HOURS = 1 << 0,  /* "outside opening hours" */
    DB_STRANDED_ABSENT = 1 << 1,         /* "agent absent" */
};

struct db_appt_row;
struct db_stranded;

/* Such appointments starting in [from, to) (days; at most 400), of a site
 * (0 = every site) and an agent (0 = every agent), by start. */
int db_appt_conflicts(struct db *db, int64_t site_id, int64_t agent_id,
                      struct civil_date from, struct civil_date to,
                      struct db_stranded **out, size_t *count,
                      struct db_error *err);
/* "agent absent, outside opening hours" (translated) into buf. */
void db_stranded_describe(unsigned reasons, char *buf, size_t size);

/* Before saving: the appointments (from now on, at their site's clock, for
 * a year) that saving `a` (new when a->id is 0, else an edit at
 * a->version) would leave outside and that are not outside already.
 * Nothing is written; the same checks as the save (DB_ERR_INVALID,
 * DB_ERR_CONFLICT...). */
int db_absence_preview(struct db *db, const struct db_absence *a,
                       struct db_stranded **out, size_t *count,
                       struct db_conflict *conflict, struct db_error *err);
/* The same for opening hours: `o` new (o->id 0), changed, or deleted
 * (deleting = 1, only o->id is read), seen at `version`. */
int db_opening_preview(struct db *db, const struct db_opening *o,
                       int64_t version, int deleting,
                       struct db_stranded **out, size_t *count,
                       struct db_conflict *conflict, struct db_error *err);

/* ---- appointment rows for lists (agenda.c) ---------------------------- */

/* An appointment with everything a list or a day sheet shows. The first
 * member is a struct db_day_row so day-view drawing code can be reused. */
struct db_appt_row {
    struct db_day_row day;             /* appointment, person, motif */
    char agent_last[DB_NAME_LEN];
    char agent_first[DB_NAME_LEN];
    char site_name[DB_NAME_LEN];
    char person_phone[DB_SHORT_LEN];
    char cancel_reason[DB_TEXT_LEN];   /* excused/revoked: why */
    char seen_at[CIVIL_DATETIME_LEN];  /* when marked seen; may be empty */
    int waited_minutes;                /* seen_at - arrived_at; -1 unknown */
};

int db_appt_get_row(struct db *db, int64_t id, struct db_appt_row *out,
                    struct db_error *err);

/* An appointment left outside, and why (enum db_stranded_reason). */
struct db_stranded {
    struct db_appt_row row;
    unsigned reasons;
};

/* Appointments starting in [from, to) days (to exclusive), of one site
 * (site_id 0 = every site), ordered by site name, agent name, start. */
int db_appt_range(struct db *db, int64_t site_id, struct civil_date from,
                  struct civil_date to, struct db_appt_row **out,
                  size_t *count, struct db_error *err);

/* The week of an agent: 7 days from `first_day` (every site), ordered by
 * start. One indexed query. */
int db_agent_week(struct db *db, int64_t agent_id, struct civil_date first_day,
                  struct db_appt_row **out, size_t *count,
                  struct db_error *err);

/* "To fill in": started before now (common/clock.h), status still unknown.
 * site_id 0 = every site. `offset`/`limit` page through them (limit 1..1000);
 * *total (may be NULL) receives how many there are in all. */
enum db_order { DB_OLDEST_FIRST = 0, DB_NEWEST_FIRST = 1 };
int db_to_fill_in(struct db *db, int64_t site_id, enum db_order order,
                  size_t offset, size_t limit, struct db_appt_row **out,
                  size_t *count, size_t *total, struct db_error *err);

/* A person's appointments, past and future, newest first, and how many of
 * them are no-shows. */
int db_person_appts(struct db *db, int64_t person_id,
                    struct db_appt_row **out, size_t *count,
                    int *noshow_count, struct db_error *err);

/* ---- calendars: what model/slots.h and model/booking.h need ------------ */

/* Opening rules (with motif sets), absences and busy intervals
 * (non-cancelled appointments at any site) of some agents around a window
 * of days. One allocation: free() the returned pointer releases all.
 * agents[i] describes agent_ids[i]; its pointers point into the same
 * block. */
struct db_calendar {
    size_t agent_count;
    struct slot_agent *agents;
};
int db_calendar_load(struct db *db, const int64_t *agent_ids,
                     size_t agent_count, struct civil_date from,
                     struct civil_date to, struct db_calendar **out,
                     struct db_error *err);

/* The slot finder. */
struct db_slot_search {
    int64_t motif_id;              /* required */
    int64_t site_id;               /* 0 = any site */
    int64_t agent_id;              /* 0 = every agent with hours for it */
    char earliest[CIVIL_DATETIME_LEN]; /* "" = now */
    int days;                      /* window, 0 = 60 days, at most 366 */
    int duration_minutes;          /* 0 = the motif's */
};
/* Up to `max` (1..500) free slots, earliest first, read in one read
 * transaction (model slots_find). Public holidays are each site's
 * (struct db_site holiday_flags): at any site, a Good Friday closes the
 * Alsace-Moselle sites only. */
int db_slots_find(struct db *db, const struct db_slot_search *q, size_t max,
                  struct slot **out, size_t *count, struct db_error *err);

/* Warnings and errors for booking `a` (new when a->id is 0, else the
 * appointment being changed, which never conflicts with itself): a bit set
 * of enum booking_flag (model/booking.h) in *flags, read in one read
 * transaction; BOOKING_HOLIDAY follows the public holidays of a->site_id. Use it before db_appt_book / db_appt_reschedule to ask the
 * agent; BOOKING_OVERLAP then needs an explicit overbooking. Unknown site,
 * agent, motif or person give DB_ERR_NO_ROW naming it. */
int db_appt_check(struct db *db, const struct db_appt *a, unsigned *flags,
                  struct db_error *err);
/* The flags as translated phrases joined by "; " into buf. */
void db_booking_describe(unsigned flags, char *buf, size_t size);
/* Reads, without writing anything, the pages that checking then booking
 * the new appointment `a` would read and change (appt_read_ahead.c), so
 * that on a share the booking finds them in the page cache: the console
 * calls it while its booking form waits for Enter. Best effort: DB_OK when
 * everything was read, else the error that stopped it (a key, another
 * desk's lock), which the caller may ignore. */
int db_appt_read_ahead(struct db *db, const struct db_appt *a);
/* For a connection that has read nothing yet but the schema (a command):
 * the root pages of the b-trees (tables and indexes) a booking reads,
 * read at once (appt_read_ahead.c). Inside a read transaction; dot-file
 * mode only (a share), elsewhere nothing. */
void db_appt_read_ahead_roots(struct db *db);
/* The root pages of the named tables and indexes, read at once and kept
 * for SQLite's own reads until the lock is let go (read_ahead.c): on a
 * share, about one round trip instead of one each. Inside a read
 * transaction, dot-file mode only; best effort. */
void db_read_ahead_roots(struct db *db, const char *const *names, size_t count);
/* The same for the b-trees the console's first screen (a day) reads. */
void db_day_read_ahead_roots(struct db *db);

/* ---- appointment changes (appointments.c) ------------------------------ *
 * One write unit each: BEGIN IMMEDIATE, re-read, version check, validate,
 * write (version + 1), audit row saying what changed, COMMIT. `version` is
 * the version the user saw (DB_VERSION_CURRENT: none). */

/* Move and/or resize. Creation time and author are kept. The agent's other
 * appointments must not overlap unless `overbook` (then recorded: the row
 * is marked overbooked and the audit says so). */
struct db_reschedule {
    char starts_at[CIVIL_DATETIME_LEN]; /* new start, "" = keep */
    int64_t agent_id;                   /* new agent, 0 = keep */
    int duration_minutes;               /* new length, 0 = keep */
    int overbook;                       /* the agent confirmed an overlap */
};
int db_appt_reschedule(struct db *db, int64_t id, int64_t version,
                       const struct db_reschedule *r,
                       struct db_conflict *conflict, struct db_error *err);

/* Replaces the note (context); may be empty, newlines allowed. */
int db_appt_set_context(struct db *db, int64_t id, int64_t version,
                        const char *context, struct db_conflict *conflict,
                        struct db_error *err);

/* Cancels as APPT_EXCUSED (by the person) or APPT_REVOKED (by the
 * service) with a reason (required, one line). */
int db_appt_cancel(struct db *db, int64_t id, int64_t version,
                   enum appt_status how, const char *reason,
                   struct db_conflict *conflict, struct db_error *err);

/* Sets the status when appt_transition_allowed() says so at clock_now();
 * otherwise DB_ERR_INVALID with a sentence saying why. Seen stores seen_at
 * (now); back to unknown clears seen_at and the cancel reason, and must
 * not overlap (DB_ERR_OVERLAP) unless the row is overbooked. */
int db_appt_set_status(struct db *db, int64_t id, int64_t version,
                       enum appt_status to, struct db_conflict *conflict,
                       struct db_error *err);

/* Marks the person arrived now (undo = 0), or takes the mark back
 * (undo = 1). Only on the appointment's day, not when cancelled or a
 * no-show, not twice. */
int db_appt_arrive(struct db *db, int64_t id, int64_t version, int undo,
                   struct db_conflict *conflict, struct db_error *err);

/* The supervisors' summaries (report.c, report_loans.c, report_risk.c). */
#include "report.h"
/* Personal data: retention and purge, access, erasure. */
#include "privacy.h"

/* No-show risk, alerts, reminders, imported history. */
#include "risk_store.h"

/* Room loans in collèges. */
#include "loans.h"

#endif
