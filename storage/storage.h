/* storage.h - the face of storage/: everything SQLite, nothing else.
 *
 * One shared database file, opened by several desks at once (DESIGN.md §4):
 * rollback journal (never WAL), synchronous FULL, foreign keys, a busy
 * handler with a timeout that calls back so a screen can stay alive. Every
 * write is one unit: BEGIN IMMEDIATE, re-read and validate, write, audit row,
 * COMMIT; nothing is held across user input. No sqlite3 type crosses this
 * header so that another engine can be added behind it.
 *
 * Files:
 *   db.c           open/close, pragmas, busy handling, errors, transactions
 *   schema.c       numbered migrations tracked by PRAGMA user_version
 *   structure.c    sites, services, agents, motifs, opening hours
 *   people.c       beneficiaries
 *   appointments.c appointments: day lists, booking, audit of writes
 *   audit.c        the audit log
 *
 * Conventions: functions return 0 (DB_OK) or a db_status and fill `err`
 * (which may be NULL). Lists are returned as malloc'ed arrays that the caller
 * releases with free(). Text fields are fixed-size, NUL-terminated UTF-8;
 * times are civil "YYYY-MM-DD HH:MM" in the site's time zone. */
#ifndef GUICHET_STORAGE_H
#define GUICHET_STORAGE_H

#include <stddef.h>
#include <stdint.h>

#include "../model/civil.h"
#include "../model/appointment.h"
#include "../model/opening.h"

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

struct db_open_options {
    int create;            /* create the file and schema when missing */
    int readonly;          /* open without write access */
    int busy_timeout_ms;   /* 0 = default (10000) */
    enum db_locking locking;
};

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

enum { DB_SCHEMA_VERSION = 3 };
int db_schema_version(struct db *db, int *out, struct db_error *err);

/* A number that changes whenever another connection commits (PRAGMA
 * data_version): poll it when idle to know when to reload. */
int db_data_version(struct db *db, int64_t *out, struct db_error *err);

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

struct db_audit_entry {
    int64_t id;
    char at[CIVIL_DATETIME_LEN + 3]; /* "YYYY-MM-DD HH:MM:SS" */
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
 * DESIGN.md §4 and issue 4. At open the filesystem is identified: with the
 * default POSIX locking on a share whose locks do not cross machines (NFS
 * nolock/local_lock, CIFS nobrl, FUSE such as sshfs), or while other desks
 * use dot-file locking on the same file, the connection is read-only and
 * every write returns DB_ERR_UNSAFE with the reason. With
 * DB_LOCKING_DOTFILE each write unit signs the lock (`<db>.lock-owner`) and
 * each writing process keeps a heartbeat (`<db>.desks/<host>.<pid>`), so a
 * lock left by a crashed PC can be told from a busy one. */

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
    char desks[1024];              /* "host.pid (3 s), ..." */
    int unsafe;                    /* writes refused with this locking mode */
    char unsafe_reason[1024];      /* translated */
};

int db_setup_inspect(const char *path, enum db_locking locking,
                     struct db_setup *out);

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

/* Issue 3: the front desk's daily work. */
#include "frontdesk.h"

#endif
