/* unit.h - THE write path of storage/. Every write function goes through
 * db_unit_run, which owns what each one used to copy by hand:
 *
 *     BEGIN IMMEDIATE (db_write_begin: a SAVEPOINT inside bulk mode; in
 *                      dot-file mode, inside a view, the view's own)
 *     version check of the row being changed   -> DB_ERR_CONFLICT, who/when
 *     your step: re-read, validate, write      (a function you pass)
 *     version + 1 of the row
 *     audit row (entity, id, action, detail)   (counted once in bulk mode)
 *     COMMIT (db_write_commit)
 *     ROLLBACK (db_write_rollback) on every error, at any of these points
 *
 * Input checks that need no SQL (lengths, dates, ids > 0) come before
 * db_unit_run, in the public function. The step holds the checks that need
 * the file (does the agent exist, is the slot free: see rules.h) and the
 * INSERT/UPDATE/DELETE. The step does not bump the version itself (no
 * "version = version + 1" in its SQL) and never commits or rolls back.
 *
 * Adding a write, for example a room in a new storage/rooms.c:
 *
 *     static int add_room(struct db *db, struct db_unit *u, void *ctx,
 *                         struct db_error *err)
 *     {
 *         struct db_room *r = ctx;
 *         int rc = db_require(db, "site", r->site_id, err);
 *         sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_ROOM_ADD, err)
 *                                        : NULL;
 *         if (!st)
 *             return err->status;
 *         bind_room(st, r);                       (the table's one binder)
 *         rc = db_step_done(db, st, err);
 *         db_stmt_done(db, st);
 *         u->id = db_last_insert_id(db);          (a create names its row)
 *         db_unit_detail(u, "%s", r->name);       (what the audit row says)
 *         return rc;
 *     }
 *
 *     int db_room_add(struct db *db, struct db_room *r, struct db_error *err)
 *     {
 *         DB_USE_LOCAL_ERROR(err);
 *         int rc = check_room(r, err);            (no SQL: lengths, ids)
 *         if (rc != DB_OK)
 *             return rc;
 *         struct db_unit u = db_unit_create("room");
 *         rc = db_unit_run(db, &u, add_room, r, err);
 *         if (rc == DB_OK)
 *             r->id = u.id, r->version = u.version;
 *         return rc;
 *     }
 *
 * An edit of an existing row starts from db_unit_edit("room", id,
 * version_seen, conflict): the runner re-reads the row's version first
 * (DB_ERR_NO_ROW when gone, DB_ERR_CONFLICT with the latest audit row when
 * another desk changed it) and, after the step, increments it; u.version is
 * then the new version. A new versioned entity needs one line in the
 * entity table of unit.c (name, table, word for messages).
 *
 * A step that finds nothing to change sets u->unchanged: the unit is
 * rolled back and succeeds, with no audit row and no new version. A step
 * may change u->action ("resize" rather than "move") and must fill
 * u->detail (db_unit_detail, db_unit_diff).
 *
 * Internal to storage/ (includes sqlite3.h through db_internal.h). */
#ifndef GUICHET_STORAGE_UNIT_H
#define GUICHET_STORAGE_UNIT_H

#include "db_internal.h"

struct db_unit {
    const char *entity;          /* "appointment", "person", ...: audit and
                                  * version table (entity table, unit.c) */
    const char *action;          /* audit action: "create", "edit", ... */
    int64_t id;                  /* the row; a create's step sets it */
    int versioned;               /* 1: check seen_version, then bump */
    int64_t seen_version;        /* DB_VERSION_CURRENT (0): no check */
    struct db_conflict *conflict; /* filled on DB_ERR_CONFLICT; may be NULL */
    int64_t version;             /* out: the row's version after the unit
                                  * (before the step, for the step) */
    int unchanged;               /* set by the step: nothing to write */
    int deleted;                 /* set by the step: the row is gone, no
                                  * version to bump */
    char detail[DB_TEXT_LEN];    /* the audit row's "what" */
};

/* A unit that creates a row of `entity` (its version starts at 1). */
struct db_unit db_unit_create(const char *entity);
/* A unit that writes about row `id` without a version (links between
 * rows: an agent joining a site). */
struct db_unit db_unit_plain(const char *entity, int64_t id,
                             const char *action);
/* A unit that changes row `id`, which the user saw at `seen_version`. */
struct db_unit db_unit_edit(const char *entity, int64_t id,
                            int64_t seen_version, const char *action,
                            struct db_conflict *conflict);

typedef int (*db_unit_step)(struct db *db, struct db_unit *u, void *ctx,
                            struct db_error *err);

/* Runs the whole unit (see the top of this file). Returns DB_OK or the
 * first error, with nothing written. */
int db_unit_run(struct db *db, struct db_unit *u, db_unit_step step,
                void *ctx, struct db_error *err);

/* A preview of a write: runs the unit up to its step like db_unit_run
 * (BEGIN IMMEDIATE, version check, step), then `probe`, which reads what
 * the file would hold, and rolls everything back whatever happened.
 * Nothing is written, no audit row. Returns the first error, else the
 * probe's status. */
int db_unit_preview(struct db *db, struct db_unit *u, db_unit_step step,
                    void *ctx, db_unit_step probe, void *probe_ctx,
                    struct db_error *err);

/* Appends printf output to u->detail (cut on a character boundary). */
void db_unit_detail(struct db_unit *u, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends "field: old -> new; " to u->detail when they differ; returns 1
 * when they differ. */
int db_unit_diff(struct db_unit *u, const char *field, const char *old_value,
                 const char *new_value);

/* ---- what steps use --------------------------------------------------- */

/* Appends printf output to the NUL-terminated text in buf[size], cutting
 * on a UTF-8 character boundary when it does not fit; newlines and tabs
 * become spaces (an audit detail is one line). */
void db_text_append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The id given to the row the last INSERT created. */
int64_t db_last_insert_id(struct db *db);
/* Rows changed by the last INSERT/UPDATE/DELETE. */
int db_rows_changed(struct db *db);
/* DB_OK when row `id` of `entity` exists, DB_ERR_NO_ROW naming it (in the
 * user's words: "agent 12") otherwise. */
int db_require(struct db *db, const char *entity, int64_t id,
               struct db_error *err);

/* Steps a bound statement that reads one row into `out` (zeroed first)
 * with `read`; DB_ERR_NO_ROW "WHAT ID" when there is none. Gives the
 * statement back in every case. */
int db_get_one(struct db *db, sqlite3_stmt *st, void *out, size_t size,
               void (*read)(sqlite3_stmt *, void *), const char *what,
               int64_t id, struct db_error *err);

/* A read transaction (BEGIN DEFERRED) so that several SELECTs see one
 * state of the file; nothing is done inside a unit or a bulk.
 * db_read_end always ends what db_read_begin started. */
int db_read_begin(struct db *db, int *started, struct db_error *err);
void db_read_end(struct db *db, int started);

/* ---- tests ------------------------------------------------------------ */

/* Where db_unit_run can be made to fail (tests only). */
enum db_unit_phase {
    DB_UNIT_PHASE_NONE = 0,
    DB_UNIT_PHASE_BEGIN,     /* instead of BEGIN IMMEDIATE */
    DB_UNIT_PHASE_VERSION,   /* after BEGIN, instead of the version check */
    DB_UNIT_PHASE_STEP,      /* after the step has written */
    DB_UNIT_PHASE_BUMP,      /* instead of the version bump */
    DB_UNIT_PHASE_AUDIT,     /* instead of the audit row */
    DB_UNIT_PHASE_COMMIT,    /* instead of COMMIT */
};
/* The next units of this process fail with DB_ERR_IO at `phase` (NONE
 * turns it off). For tests of the rollback paths. */
void db_unit_fail_at(enum db_unit_phase phase);

#endif
