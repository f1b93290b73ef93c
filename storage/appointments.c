/* appointments.c - appointments: the one row reader and binder, the day
 * list (the hot read of the console), booking, and every change to an
 * existing appointment (move or resize, note, cancel, status, arrival).
 *
 * Each write is one unit (unit.h): the runner opens it, checks the version
 * the user saw, bumps it, writes the audit row and commits; the steps here
 * re-read the row, validate against what was just read (status rules at
 * the clock's now, overlap) and write. A refused change writes nothing.
 * The overlap rule is written once, in SQL below; the schema trigger keeps
 * the same rule for any other writer, and the check here is there to say
 * with which appointment. */
#include <stdio.h>
#include <string.h>

#include "rows.h"
#include "../common/clock.h"
#include "../common/i18n.h"

enum { APPT_NCOLS = 14 };

/* The DB_APPT_COLUMNS of a row, in order (rows.h). */
void db_read_appt(sqlite3_stmt *st, struct db_appt *a)
{
    a->id = sqlite3_column_int64(st, 0);
    a->site_id = sqlite3_column_int64(st, 1);
    a->agent_id = sqlite3_column_int64(st, 2);
    a->motif_id = sqlite3_column_int64(st, 3);
    a->person_id = sqlite3_column_int64(st, 4);
    db_column_text(st, 5, a->starts_at, sizeof a->starts_at);
    db_column_text(st, 6, a->ends_at, sizeof a->ends_at);
    const char *status = (const char *)sqlite3_column_text(st, 7);
    if (!status || appt_status_parse(status, &a->status) != 0)
        a->status = APPT_UNKNOWN;
    a->overbooked = sqlite3_column_int(st, 8);
    db_column_text(st, 9, a->context, sizeof a->context);
    db_column_text(st, 10, a->arrived_at, sizeof a->arrived_at);
    db_column_text(st, 11, a->created_at, sizeof a->created_at);
    db_column_text(st, 12, a->created_by, sizeof a->created_by);
    a->version = sqlite3_column_int64(st, 13);
}

/* ---- reads ------------------------------------------------------------- */

/* One range on appointment(site_id, starts_at); start text compares as
 * time because it is fixed-width ISO. The names are the row's own copies
 * (schema.c, migration 12): the people's rows are read only for an old row
 * the migration left unfilled. */
#define DAY_NAME(col)                                                                  \
    "CASE WHEN a.person_" col " IS NOT NULL OR a.beneficiary_id IS NULL"              \
    " THEN IFNULL(a.person_" col ", '') ELSE IFNULL((SELECT b." col "_name"          \
    " FROM beneficiary b WHERE b.id = a.beneficiary_id), '') END"
static const char SQL_DAY_LIST[] =
    "SELECT " DB_APPT_COLUMNS ", " DAY_NAME("last") ", " DAY_NAME("first") ","
    " m.name, m.colour"
    " FROM appointment a INDEXED BY appointment_site_start"
    " JOIN motif m ON m.id = a.motif_id"
    " WHERE a.site_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3"
    " ORDER BY a.agent_id, a.starts_at, a.id";

static void read_day_row(sqlite3_stmt *st, void *p)
{
    struct db_day_row *r = p;
    db_read_appt(st, &r->appt);
    db_column_text(st, APPT_NCOLS + 0, r->person_last, sizeof r->person_last);
    db_column_text(st, APPT_NCOLS + 1, r->person_first, sizeof r->person_first);
    db_column_text(st, APPT_NCOLS + 2, r->motif_name, sizeof r->motif_name);
    db_column_text(st, APPT_NCOLS + 3, r->motif_colour, sizeof r->motif_colour);
}

int db_day_list(struct db *db, int64_t site_id, struct civil_date day,
                struct db_day_row **out, size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    char from[CIVIL_DATETIME_LEN], to[CIVIL_DATETIME_LEN];
    *out = NULL;
    *count = 0;
    if (db_day_bounds(day, 1, from, to) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("date"));
    sqlite3_stmt *st = db_stmt(db, SQL_DAY_LIST, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_day_row, &arr, count, err);
    *out = arr;
    return rc;
}

static const char SQL_APPT_GET[] =
    "SELECT " DB_APPT_COLUMNS " FROM appointment a WHERE a.id = ?1";

static void read_appt_v(sqlite3_stmt *st, void *p) { db_read_appt(st, p); }

int db_appt_get(struct db *db, int64_t id, struct db_appt *out,
                struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_APPT_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    return db_get_one(db, st, out, sizeof *out, read_appt_v, _("appointment"),
                      id, err);
}

/* ---- the overlap rule -------------------------------------------------- */

/* Another non-cancelled appointment of the agent over [start, end) (self
 * left out). The same rule as the schema trigger. */
static const char SQL_OVERLAP[] =
    "SELECT id, starts_at, ends_at FROM appointment"
    " WHERE agent_id = ?1"
    " AND starts_at > strftime('%Y-%m-%d %H:%M', ?2, '-1 day')"
    " AND starts_at < ?3 AND ends_at > ?2 AND id <> ?4"
    " AND status NOT IN ('excused', 'revoked') LIMIT 1";

/* DB_OK when the agent is free then; DB_ERR_OVERLAP with err naming the
 * appointment in the way ("appointment 12, 2026-11-25 09:00 to 09:30"). */
static int check_overlap(struct db *db, int64_t agent_id, const char *start,
                         const char *end, int64_t self, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_OVERLAP, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, agent_id);
    sqlite3_bind_text(st, 2, start, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, end, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, self);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        char s[CIVIL_DATETIME_LEN], e[CIVIL_DATETIME_LEN];
        db_column_text(st, 1, s, sizeof s);
        db_column_text(st, 2, e, sizeof e);
        result = db_set_error(err, DB_ERR_OVERLAP,
                              _("appointment %lld, %s to %s"),
                              (long long)sqlite3_column_int64(st, 0), s,
                              e + (strncmp(s, e, 11) == 0 ? 11 : 0));
    } else if (rc != SQLITE_DONE) {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

/* ---- booking ----------------------------------------------------------- */

/* Input checks shared by book and insert. `as_given`: status, arrival and
 * creation time come from the caller (imports); otherwise a new booking. */
static int check_appt(struct db_appt *a, int as_given, struct db_error *err)
{
    struct civil_datetime start, end;
    int rc = db_check_id(a->site_id, 0, _("site"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->agent_id, 0, _("agent"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->motif_id, 0, _("motif"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->person_id, 1, _("person"), err);
    if (rc == DB_OK)
        rc = db_check_datetime(a->starts_at, _("start"), &start, err);
    if (rc == DB_OK)
        rc = db_check_datetime(a->ends_at, _("end"), &end, err);
    if (rc != DB_OK)
        return rc;
    int64_t minutes = civil_datetime_to_minutes(end) -
                      civil_datetime_to_minutes(start);
    if (minutes <= 0)
        return db_set_error(err, DB_ERR_INVALID, "%s: %s", _("end"),
                            _("must be after the start"));
    if (minutes > 24 * 60)
        return db_set_error(err, DB_ERR_INVALID, "%s: %s", _("end"),
                            _("an appointment lasts one day at most"));
    if ((int)a->status < 0 || a->status >= APPT_STATUS_COUNT)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("status"));
    if (!as_given && a->status != APPT_UNKNOWN)
        return db_set_error(err, DB_ERR_INVALID, "%s: %s", _("status"),
                            _("a new appointment has no outcome yet"));
    rc = db_check_text(a->context, sizeof a->context, TEXT_MULTILINE,
                       _("context"), err);
    if (rc != DB_OK)
        return rc;
    if (as_given) {
        if (a->arrived_at[0])
            rc = db_check_datetime(a->arrived_at, _("arrival"), NULL, err);
        if (rc == DB_OK && a->created_at[0])
            rc = db_check_datetime(a->created_at, _("booked at"), NULL, err);
        if (rc == DB_OK)
            rc = db_check_text(a->created_by, sizeof a->created_by, 0,
                               _("booked by"), err);
    } else if (a->arrived_at[0]) {
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("arrival"));
    }
    a->overbooked = a->overbooked != 0;
    return rc;
}

static const char SQL_APPT_ADD[] =
    "INSERT INTO appointment (site_id, agent_id, motif_id, beneficiary_id,"
    " starts_at, ends_at, status, overbooked, context, arrived_at,"
    " created_at, created_by, version)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1)";

/* The appointment table's binder: every column of an INSERT. */
static void bind_appt(sqlite3_stmt *st, const struct db_appt *a)
{
    sqlite3_bind_int64(st, 1, a->site_id);
    sqlite3_bind_int64(st, 2, a->agent_id);
    sqlite3_bind_int64(st, 3, a->motif_id);
    db_bind_ref(st, 4, a->person_id);
    sqlite3_bind_text(st, 5, a->starts_at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, a->ends_at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, appt_status_name(a->status), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 8, a->overbooked);
    sqlite3_bind_text(st, 9, a->context, -1, SQLITE_STATIC);
    db_bind_text(st, 10, a->arrived_at, 1);
    sqlite3_bind_text(st, 11, a->created_at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, a->created_by, -1, SQLITE_STATIC);
}

static int add_step(struct db *db, struct db_unit *u, void *ctx,
                    struct db_error *err)
{
    struct db_appt *a = ctx;
    int rc = db_require(db, "site", a->site_id, err);
    if (rc == DB_OK && !a->created_at[0]) {
        /* Booked at: the site's civil time, as the appointment's times
         * are, so that the lead time is a plain difference. Read here,
         * under the unit's lock, rather than before it: one lock less
         * (round trips on a share). */
        struct civil_datetime now;
        db_site_now(db, a->site_id, &now);
        if (civil_format_datetime(now, a->created_at,
                                  sizeof a->created_at) != 0)
            db_now_text(a->created_at);
    }
    if (rc == DB_OK)
        rc = db_require(db, "agent", a->agent_id, err);
    if (rc == DB_OK)
        rc = db_require(db, "motif", a->motif_id, err);
    if (rc == DB_OK && a->person_id)
        rc = db_require(db, "person", a->person_id, err);
    if (rc == DB_OK && !a->overbooked && !appt_status_is_cancelled(a->status))
        rc = check_overlap(db, a->agent_id, a->starts_at, a->ends_at, 0, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_APPT_ADD, err) : NULL;
    if (!st)
        return err->status;
    bind_appt(st, a);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    u->id = db_last_insert_id(db);
    db_unit_detail(u, "%s - %s agent %lld motif %lld person %lld%s",
                   a->starts_at, a->ends_at, (long long)a->agent_id,
                   (long long)a->motif_id, (long long)a->person_id,
                   a->overbooked ? " overbooked" : "");
    return rc;
}

/* Shared by db_appt_book and db_appt_insert. */
static int write_appt(struct db *db, struct db_appt *a, int as_given,
                      struct db_error *err)
{
    int rc = check_appt(a, as_given, err);
    if (rc != DB_OK)
        return rc;
    struct db_appt row = *a;
    if (!as_given)
        row.created_at[0] = '\0'; /* stamped by add_step */
    if (!as_given || !row.created_by[0])
        snprintf(row.created_by, sizeof row.created_by, "%s", db->actor);
    struct db_unit u = db_unit_create("appointment");
    rc = db_unit_run(db, &u, add_step, &row, err);
    if (rc != DB_OK)
        return rc;
    a->id = u.id;
    a->version = u.version;
    memcpy(a->created_at, row.created_at, sizeof a->created_at);
    memcpy(a->created_by, row.created_by, sizeof a->created_by);
    return DB_OK;
}

int db_appt_book(struct db *db, struct db_appt *a, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    return write_appt(db, a, 0, err);
}

int db_appt_insert(struct db *db, struct db_appt *a, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    return write_appt(db, a, 1, err);
}

/* ---- changes: what every change step starts with ------------------------ */

/* The row the change applies to, re-read inside the unit, and the site's
 * clock. */
struct change {
    struct db_appt cur;
    struct civil_datetime start;     /* cur.starts_at */
    struct civil_datetime now;       /* the site's civil time */
    char now_text[CIVIL_DATETIME_LEN];
};

static int read_current(struct db *db, struct db_unit *u, struct change *c,
                        struct db_error *err)
{
    int rc = db_appt_get(db, u->id, &c->cur, err);
    if (rc != DB_OK)
        return rc;
    if (civil_parse_datetime(c->cur.starts_at, &c->start) != 0)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", _("appointment"));
    db_site_now(db, c->cur.site_id, &c->now);
    if (civil_format_datetime(c->now, c->now_text, sizeof c->now_text) != 0)
        c->now_text[0] = '\0';
    return DB_OK;
}

/* Runs a bound UPDATE that must change exactly one row. */
static int run_update(struct db *db, sqlite3_stmt *st, struct db_error *err)
{
    int rc = db_step_done(db, st, err);
    int changed = db_rows_changed(db);
    db_stmt_done(db, st);
    if (rc == DB_OK && changed != 1)
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("appointment"));
    return rc;
}

/* ---- move / resize ----------------------------------------------------- */

static const char SQL_RESCHEDULE[] =
    "UPDATE appointment SET agent_id = ?2, starts_at = ?3, ends_at = ?4,"
    " overbooked = ?5 WHERE id = ?1";

struct reschedule {
    const struct db_reschedule *r;
    char start[CIVIL_DATETIME_LEN];  /* "" = keep */
    struct civil_datetime start_dt;
};

static int check_reschedule(const struct db_reschedule *r,
                            struct reschedule *x, struct db_error *err)
{
    int rc = db_check_id(r->agent_id, 1, _("agent"), err);
    if (rc == DB_OK && (r->duration_minutes < 0 ||
                        r->duration_minutes > BOOKING_MAX_MINUTES))
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %s", _("duration"),
                          _("between 1 minute and one day"));
    x->r = r;
    x->start[0] = '\0';
    if (rc == DB_OK && r->starts_at[0]) {
        if (strnlen(r->starts_at, sizeof r->starts_at) >= sizeof r->starts_at)
            return db_set_error(err, DB_ERR_INVALID, "%s: %s", _("start"),
                                _("not a valid date and time"));
        memcpy(x->start, r->starts_at, CIVIL_DATETIME_LEN);
        rc = db_check_datetime(x->start, _("start"), &x->start_dt, err);
    }
    return rc;
}

static int reschedule_step(struct db *db, struct db_unit *u, void *ctx,
                           struct db_error *err)
{
    struct reschedule *x = ctx;
    const struct db_reschedule *r = x->r;
    struct change c;
    struct civil_datetime old_end, end_dt;
    char start[CIVIL_DATETIME_LEN], end[CIVIL_DATETIME_LEN];
    int rc = read_current(db, u, &c, err);
    if (rc != DB_OK)
        return rc;
    if (civil_parse_datetime(c.cur.ends_at, &old_end) != 0)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", _("appointment"));
    if (appt_status_is_cancelled(c.cur.status))
        return db_set_error(err, DB_ERR_REFUSED, "%s",
                            _("a cancelled appointment cannot be moved"));
    struct civil_datetime start_dt = x->start[0] ? x->start_dt : c.start;
    /* A final status must stay true at the new time: a seen appointment
     * cannot move to a later day, nor a no-show after now. */
    if (c.cur.status != APPT_UNKNOWN &&
        !appt_transition_allowed(APPT_UNKNOWN, c.cur.status, start_dt, c.now))
        return db_set_error(err, DB_ERR_REFUSED,
                            _("the appointment is %s: it cannot move to that time; "
                              "set it back to unknown first"),
                            appt_status_name(c.cur.status));
    memcpy(start, x->start[0] ? x->start : c.cur.starts_at, sizeof start);
    int64_t minutes = r->duration_minutes
                          ? r->duration_minutes
                          : civil_datetime_to_minutes(old_end) -
                                civil_datetime_to_minutes(c.start);
    int64_t agent = r->agent_id ? r->agent_id : c.cur.agent_id;
    if (civil_datetime_add_minutes(start_dt, minutes, &end_dt) != 0 ||
        civil_format_datetime(end_dt, end, sizeof end) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s: %s", _("end"),
                            _("not a valid date and time"));
    if (agent != c.cur.agent_id && (rc = db_require(db, "agent", agent, err)))
        return rc;
    int overlap = 0;
    rc = check_overlap(db, agent, start, end, u->id, err);
    if (rc == DB_ERR_OVERLAP && r->overbook) {
        overlap = 1; /* an accepted overbooking */
        rc = db_set_error(err, DB_OK, NULL);
    }
    if (rc != DB_OK) /* err names the other appointment */
        return rc;
    if (agent == c.cur.agent_id && strcmp(start, c.cur.starts_at) == 0 &&
        strcmp(end, c.cur.ends_at) == 0 && overlap == c.cur.overbooked) {
        u->unchanged = 1;
        return DB_OK;
    }
    sqlite3_stmt *st = db_stmt(db, SQL_RESCHEDULE, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    sqlite3_bind_int64(st, 2, agent);
    sqlite3_bind_text(st, 3, start, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, end, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, overlap);
    rc = run_update(db, st, err);
    char a[24], b[24];
    db_unit_diff(u, "start", c.cur.starts_at, start);
    db_unit_diff(u, "end", c.cur.ends_at, end);
    snprintf(a, sizeof a, "%lld", (long long)c.cur.agent_id);
    snprintf(b, sizeof b, "%lld", (long long)agent);
    db_unit_diff(u, "agent", a, b);
    if (overlap)
        db_unit_detail(u, "overbooked");
    if (agent == c.cur.agent_id && strcmp(start, c.cur.starts_at) == 0)
        u->action = "resize";
    return rc;
}

int db_appt_reschedule(struct db *db, int64_t id, int64_t version,
                       const struct db_reschedule *r,
                       struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct reschedule x;
    int rc = r ? check_reschedule(r, &x, err)
               : db_set_error(err, DB_ERR_INVALID, "%s", _("change"));
    if (rc == DB_OK)
        rc = db_check_id(id, 0, _("appointment"), err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("appointment", id, version, "move",
                                    conflict);
    return db_unit_run(db, &u, reschedule_step, &x, err);
}

/* ---- note -------------------------------------------------------------- */

static const char SQL_SET_CONTEXT[] =
    "UPDATE appointment SET context = ?2 WHERE id = ?1";

static int context_step(struct db *db, struct db_unit *u, void *ctx,
                        struct db_error *err)
{
    const char *context = ctx;
    struct db_appt cur;
    int rc = db_appt_get(db, u->id, &cur, err);
    if (rc != DB_OK)
        return rc;
    if (strcmp(cur.context, context) == 0) {
        u->unchanged = 1;
        return DB_OK;
    }
    sqlite3_stmt *st = db_stmt(db, SQL_SET_CONTEXT, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    sqlite3_bind_text(st, 2, context, -1, SQLITE_STATIC);
    db_unit_diff(u, "note", cur.context, context);
    return run_update(db, st, err);
}

int db_appt_set_context(struct db *db, int64_t id, int64_t version,
                        const char *context, struct db_conflict *conflict,
                        struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(context, DB_TEXT_LEN, TEXT_MULTILINE, _("note"),
                           err);
    if (rc == DB_OK)
        rc = db_check_id(id, 0, _("appointment"), err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("appointment", id, version, "note",
                                    conflict);
    return db_unit_run(db, &u, context_step, (void *)context, err);
}

/* ---- statuses ---------------------------------------------------------- */

/* Why appt_transition_allowed() said no, for a person. */
static int refuse_transition(const struct db_appt *cur, enum appt_status to,
                             struct civil_datetime start,
                             struct civil_datetime now, struct db_error *err)
{
    const char *from_name = appt_status_name(cur->status);
    const char *to_name = appt_status_name(to);
    if (cur->status == to)
        return db_set_error(err, DB_ERR_REFUSED, _("status: already %s"),
                            to_name);
    if (cur->status != APPT_UNKNOWN && to != APPT_UNKNOWN)
        return db_set_error(err, DB_ERR_REFUSED,
                            _("status: %s cannot become %s; set it back to "
                              "unknown first"),
                            from_name, to_name);
    if (to == APPT_SEEN && civil_date_compare(start.date, now.date) > 0)
        return db_set_error(err, DB_ERR_REFUSED, "%s",
                            _("status: seen is allowed from the day of the "
                              "appointment on"));
    if (to == APPT_NOSHOW && civil_datetime_compare(start, now) >= 0)
        return db_set_error(err, DB_ERR_REFUSED, "%s",
                            _("status: no-show only once the start time has "
                              "passed"));
    return db_set_error(err, DB_ERR_REFUSED, _("status: %s cannot become %s now"),
                        from_name, to_name);
}

static const char SQL_SET_STATUS[] =
    "UPDATE appointment SET status = ?2, cancel_reason = ?3, seen_at = ?4"
    " WHERE id = ?1";
static const char SQL_GET_EXTRA[] =
    "SELECT cancel_reason, IFNULL(seen_at, '') FROM appointment WHERE id = ?1";

struct status_change {
    enum appt_status to;
    const char *reason; /* NULL except when cancelling */
};

static int status_step(struct db *db, struct db_unit *u, void *ctx,
                       struct db_error *err)
{
    const struct status_change *x = ctx;
    struct change c;
    int rc = read_current(db, u, &c, err);
    if (rc != DB_OK)
        return rc;
    char old_reason[DB_TEXT_LEN] = "", seen_at[CIVIL_DATETIME_LEN] = "";
    sqlite3_stmt *st = db_stmt(db, SQL_GET_EXTRA, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        db_column_text(st, 0, old_reason, sizeof old_reason);
        db_column_text(st, 1, seen_at, sizeof seen_at);
    }
    db_stmt_done(db, st);

    if (!appt_transition_allowed(c.cur.status, x->to, c.start, c.now))
        return refuse_transition(&c.cur, x->to, c.start, c.now, err);
    if (x->to == APPT_NOSHOW && c.cur.arrived_at[0])
        return db_set_error(err, DB_ERR_REFUSED, "%s",
                            _("status: the person arrived; undo the arrival "
                              "first"));
    /* Taking a cancellation back claims the slot again. */
    if (x->to == APPT_UNKNOWN && !c.cur.overbooked &&
        appt_status_is_cancelled(c.cur.status) &&
        (rc = check_overlap(db, c.cur.agent_id, c.cur.starts_at,
                            c.cur.ends_at, u->id, err)) != DB_OK)
        return rc;
    const char *new_reason = x->reason ? x->reason
                             : appt_status_is_cancelled(x->to) ? old_reason
                                                               : "";
    st = db_stmt(db, SQL_SET_STATUS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    sqlite3_bind_text(st, 2, appt_status_name(x->to), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, new_reason, -1, SQLITE_TRANSIENT);
    db_bind_text(st, 4, x->to == APPT_SEEN ? c.now_text : "", 1);
    rc = run_update(db, st, err);
    db_unit_diff(u, "status", appt_status_name(c.cur.status),
                 appt_status_name(x->to));
    if (x->reason)
        db_unit_detail(u, "reason: %s", x->reason);
    if (x->to == APPT_SEEN && c.cur.arrived_at[0])
        db_unit_detail(u, "arrived %s, seen %s", c.cur.arrived_at,
                       c.now_text);
    return rc;
}

static int change_status(struct db *db, int64_t id, int64_t version,
                         const struct status_change *x,
                         struct db_conflict *conflict, struct db_error *err)
{
    int rc = db_check_id(id, 0, _("appointment"), err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("appointment", id, version,
                                    x->reason ? "cancel" : "status", conflict);
    return db_unit_run(db, &u, status_step, (void *)x, err);
}

int db_appt_cancel(struct db *db, int64_t id, int64_t version,
                   enum appt_status how, const char *reason,
                   struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    if (how != APPT_EXCUSED && how != APPT_REVOKED)
        return db_set_error(err, DB_ERR_INVALID, "%s: %s", _("cancelled by"),
                            _("the person (excused) or the service (revoked)"));
    int rc = db_check_text(reason, DB_TEXT_LEN, TEXT_REQUIRED, _("reason"),
                           err);
    if (rc != DB_OK)
        return rc;
    struct status_change x = {how, reason};
    return change_status(db, id, version, &x, conflict, err);
}

int db_appt_set_status(struct db *db, int64_t id, int64_t version,
                       enum appt_status to, struct db_conflict *conflict,
                       struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    if ((int)to < 0 || to >= APPT_STATUS_COUNT)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("status"));
    struct status_change x = {to, NULL};
    return change_status(db, id, version, &x, conflict, err);
}

/* ---- arrival ----------------------------------------------------------- */

static const char SQL_SET_ARRIVED[] =
    "UPDATE appointment SET arrived_at = ?2 WHERE id = ?1";

static int arrive_step(struct db *db, struct db_unit *u, void *ctx,
                       struct db_error *err)
{
    int undo = *(const int *)ctx;
    struct change c;
    int rc = read_current(db, u, &c, err);
    if (rc != DB_OK)
        return rc;
    const struct db_appt *cur = &c.cur;
    if (undo && !cur->arrived_at[0])
        return db_set_error(err, DB_ERR_REFUSED, "%s: %s", _("arrival"),
                            _("the person is not marked arrived"));
    if (!undo && cur->arrived_at[0])
        return db_set_error(err, DB_ERR_REFUSED,
                            _("arrival: already arrived at %s"),
                            cur->arrived_at + 11);
    if (!undo && (appt_status_is_cancelled(cur->status) ||
                  cur->status == APPT_NOSHOW))
        return db_set_error(err, DB_ERR_REFUSED,
                            _("arrival: the appointment is %s"),
                            appt_status_name(cur->status));
    if (!undo && cur->status == APPT_SEEN)
        return db_set_error(err, DB_ERR_REFUSED, "%s: %s", _("arrival"),
                            _("the person was already seen"));
    if (!undo && civil_date_compare(c.start.date, c.now.date) != 0)
        return db_set_error(err, DB_ERR_REFUSED, "%s: %s", _("arrival"),
                            _("only on the day of the appointment"));
    sqlite3_stmt *st = db_stmt(db, SQL_SET_ARRIVED, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    db_bind_text(st, 2, undo ? "" : c.now_text, 1);
    db_unit_detail(u, "%s", undo ? cur->arrived_at : c.now_text);
    return run_update(db, st, err);
}

int db_appt_arrive(struct db *db, int64_t id, int64_t version, int undo,
                   struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(id, 0, _("appointment"), err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("appointment", id, version,
                                    undo ? "arrival undone" : "arrive",
                                    conflict);
    return db_unit_run(db, &u, arrive_step, &undo, err);
}
