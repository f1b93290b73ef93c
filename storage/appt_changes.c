/* appt_changes.c - every change to an existing appointment: move or
 * resize, note, cancel, status, arrival.
 *
 * Each is one write unit: BEGIN IMMEDIATE; re-read the row and compare its
 * version with the one the user saw (DB_ERR_CONFLICT with who/when/what
 * otherwise); validate against what was just read (status rules at
 * clock_now, overlap); UPDATE with version + 1; audit row saying what
 * changed; COMMIT. A refused change writes nothing. The schema trigger
 * keeps the overlap rule for any other writer; the C check here is there
 * to say with which appointment. */
#include <stdio.h>
#include <string.h>

#include "frontdesk_internal.h"
#include "../common/clock.h"
#include "../common/i18n.h"

static const char SQL_AGENT_EXISTS[] = "SELECT 1 FROM agent WHERE id = ?1";

/* Opens the unit and reads the row the change applies to. */
static int begin_change(struct db *db, int64_t id, int64_t version,
                        struct db_appt *cur, struct db_conflict *conflict,
                        struct db_error *err)
{
    int rc = db_check_id(id, 0, _("appointment"), err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    rc = fd_check_version(db, "appointment", id, version, NULL, conflict, err);
    if (rc == DB_OK)
        rc = db_appt_get(db, id, cur, err);
    if (rc != DB_OK)
        db_write_rollback(db);
    return rc;
}

/* Audit row and COMMIT after a successful UPDATE, or ROLLBACK. */
static int end_change(struct db *db, int rc, int64_t id, const char *action,
                      const char *detail, struct db_error *err)
{
    if (rc == DB_OK)
        rc = db_audit_add(db, "appointment", id, action, detail, err);
    if (rc == DB_OK)
        return db_write_commit(db, err);
    db_write_rollback(db);
    return rc;
}

/* Runs a bound UPDATE that must change exactly one row. */
static int run_update(struct db *db, sqlite3_stmt *st, struct db_error *err)
{
    int rc = db_step_done(db, st, err);
    int changed = sqlite3_changes(db->conn);
    db_stmt_done(db, st);
    if (rc == DB_OK && changed != 1)
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("appointment"));
    return rc;
}

static const char SQL_OVERLAP_OTHER[] =
    "SELECT id, starts_at, ends_at FROM appointment"
    " WHERE agent_id = ?1"
    " AND starts_at > strftime('%Y-%m-%d %H:%M', ?2, '-1 day')"
    " AND starts_at < ?3 AND ends_at > ?2 AND id <> ?4"
    " AND status NOT IN ('excused', 'revoked') LIMIT 1";

/* 1 with DB_ERR_OVERLAP in err naming the other appointment, 0 when the
 * agent is free then, or a negative db_status... as -status. */
static int find_overlap(struct db *db, int64_t agent_id, const char *start,
                        const char *end, int64_t self, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_OVERLAP_OTHER, err);
    if (!st)
        return -(int)err->status;
    sqlite3_bind_int64(st, 1, agent_id);
    sqlite3_bind_text(st, 2, start, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, end, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, self);
    int rc = sqlite3_step(st), result = 0;
    if (rc == SQLITE_ROW) {
        char s[CIVIL_DATETIME_LEN], e[CIVIL_DATETIME_LEN];
        db_column_text(st, 1, s, sizeof s);
        db_column_text(st, 2, e, sizeof e);
        db_set_error(err, DB_ERR_OVERLAP, _("appointment %lld, %s to %s"),
                     (long long)sqlite3_column_int64(st, 0), s,
                     e + (strncmp(s, e, 11) == 0 ? 11 : 0));
        result = 1;
    } else if (rc != SQLITE_DONE) {
        result = -db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

/* ---- move / resize ----------------------------------------------------- */

static const char SQL_RESCHEDULE[] =
    "UPDATE appointment SET agent_id = ?2, starts_at = ?3, ends_at = ?4,"
    " overbooked = ?5, version = version + 1 WHERE id = ?1";

static int check_reschedule(const struct db_reschedule *r,
                            char start[CIVIL_DATETIME_LEN],
                            struct civil_datetime *start_dt,
                            struct db_error *err)
{
    int rc = db_check_id(r->agent_id, 1, _("agent"), err);
    if (rc == DB_OK && (r->duration_minutes < 0 ||
                        r->duration_minutes > BOOKING_MAX_MINUTES))
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %s", _("duration"),
                          _("between 1 minute and one day"));
    start[0] = '\0';
    if (rc == DB_OK && r->starts_at[0]) {
        if (strnlen(r->starts_at, sizeof r->starts_at) >= sizeof r->starts_at)
            return db_set_error(err, DB_ERR_INVALID, "%s: %s", _("start"),
                                _("not a valid date and time"));
        memcpy(start, r->starts_at, CIVIL_DATETIME_LEN);
        rc = db_check_datetime(start, _("start"), start_dt, err);
    }
    return rc;
}

int db_appt_reschedule(struct db *db, int64_t id, int64_t version,
                       const struct db_reschedule *r,
                       struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    char start[CIVIL_DATETIME_LEN], end[CIVIL_DATETIME_LEN];
    struct civil_datetime start_dt, old_start, old_end, end_dt;
    int rc = r ? check_reschedule(r, start, &start_dt, err)
               : db_set_error(err, DB_ERR_INVALID, "%s", _("change"));
    if (rc != DB_OK)
        return rc;
    struct db_appt cur;
    if ((rc = begin_change(db, id, version, &cur, conflict, err)) != DB_OK)
        return rc;
    if (civil_parse_datetime(cur.starts_at, &old_start) != 0 ||
        civil_parse_datetime(cur.ends_at, &old_end) != 0)
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("appointment"));
    else if (appt_status_is_cancelled(cur.status))
        rc = db_set_error(err, DB_ERR_INVALID, "%s",
                          _("a cancelled appointment cannot be moved"));
    if (rc != DB_OK) {
        db_write_rollback(db);
        return rc;
    }
    if (!start[0]) {
        start_dt = old_start;
        memcpy(start, cur.starts_at, sizeof start);
    }
    int64_t minutes = r->duration_minutes
                          ? r->duration_minutes
                          : civil_datetime_to_minutes(old_end) -
                                civil_datetime_to_minutes(old_start);
    int64_t agent = r->agent_id ? r->agent_id : cur.agent_id;
    if (civil_datetime_add_minutes(start_dt, minutes, &end_dt) != 0 ||
        civil_format_datetime(end_dt, end, sizeof end) != 0)
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %s", _("end"),
                          _("not a valid date and time"));
    if (rc == DB_OK && agent != cur.agent_id)
        rc = db_require_row(db, SQL_AGENT_EXISTS, agent, _("agent"), err);
    int overlap = 0;
    if (rc == DB_OK) {
        overlap = find_overlap(db, agent, start, end, id, err);
        if (overlap < 0)
            rc = -overlap;
        else if (overlap && !r->overbook)
            rc = DB_ERR_OVERLAP; /* err names the other appointment */
        else
            memset(err, 0, sizeof *err); /* an accepted overbooking */
    }
    int changed = rc == DB_OK && (agent != cur.agent_id ||
                                  strcmp(start, cur.starts_at) != 0 ||
                                  strcmp(end, cur.ends_at) != 0 ||
                                  overlap != cur.overbooked);
    if (rc != DB_OK || !changed) {
        db_write_rollback(db);
        return rc;
    }
    sqlite3_stmt *st = db_stmt(db, SQL_RESCHEDULE, err);
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, agent);
    sqlite3_bind_text(st, 3, start, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, end, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, overlap ? 1 : 0);
    rc = run_update(db, st, err);
    char detail[DB_TEXT_LEN] = "", a[24], b[24];
    fd_diff(detail, sizeof detail, "start", cur.starts_at, start);
    fd_diff(detail, sizeof detail, "end", cur.ends_at, end);
    snprintf(a, sizeof a, "%lld", (long long)cur.agent_id);
    snprintf(b, sizeof b, "%lld", (long long)agent);
    fd_diff(detail, sizeof detail, "agent", a, b);
    if (overlap)
        fd_append(detail, sizeof detail, "overbooked");
    int resized_only = agent == cur.agent_id &&
                       strcmp(start, cur.starts_at) == 0;
    return end_change(db, rc, id, resized_only ? "resize" : "move", detail,
                      err);
}

/* ---- note -------------------------------------------------------------- */

static const char SQL_SET_CONTEXT[] =
    "UPDATE appointment SET context = ?2, version = version + 1 WHERE id = ?1";

int db_appt_set_context(struct db *db, int64_t id, int64_t version,
                        const char *context, struct db_conflict *conflict,
                        struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(context, DB_TEXT_LEN, TEXT_MULTILINE, _("note"),
                           err);
    if (rc != DB_OK)
        return rc;
    struct db_appt cur;
    if ((rc = begin_change(db, id, version, &cur, conflict, err)) != DB_OK)
        return rc;
    if (strcmp(cur.context, context) == 0) {
        db_write_rollback(db);
        return DB_OK;
    }
    sqlite3_stmt *st = db_stmt(db, SQL_SET_CONTEXT, err);
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, context, -1, SQLITE_STATIC);
    rc = run_update(db, st, err);
    char detail[DB_TEXT_LEN] = "";
    fd_diff(detail, sizeof detail, "note", cur.context, context);
    return end_change(db, rc, id, "note", detail, err);
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
        return db_set_error(err, DB_ERR_INVALID, _("status: already %s"),
                            to_name);
    if (cur->status != APPT_UNKNOWN && to != APPT_UNKNOWN)
        return db_set_error(err, DB_ERR_INVALID,
                            _("status: %s cannot become %s; set it back to "
                              "unknown first"),
                            from_name, to_name);
    if (to == APPT_SEEN && civil_date_compare(start.date, now.date) > 0)
        return db_set_error(err, DB_ERR_INVALID, "%s",
                            _("status: seen is allowed from the day of the "
                              "appointment on"));
    if (to == APPT_NOSHOW && civil_datetime_compare(start, now) >= 0)
        return db_set_error(err, DB_ERR_INVALID, "%s",
                            _("status: no-show only once the start time has "
                              "passed"));
    return db_set_error(err, DB_ERR_INVALID, _("status: %s cannot become %s now"),
                        from_name, to_name);
}

static const char SQL_SET_STATUS[] =
    "UPDATE appointment SET status = ?2, cancel_reason = ?3, seen_at = ?4,"
    " version = version + 1 WHERE id = ?1";
static const char SQL_GET_EXTRA[] =
    "SELECT cancel_reason, IFNULL(seen_at, '') FROM appointment WHERE id = ?1";

/* The change of status shared by cancel and set_status; `reason` is NULL
 * except when cancelling. */
static int change_status(struct db *db, int64_t id, int64_t version,
                         enum appt_status to, const char *reason,
                         struct db_conflict *conflict, struct db_error *err)
{
    struct db_appt cur;
    int rc = begin_change(db, id, version, &cur, conflict, err);
    if (rc != DB_OK)
        return rc;
    struct civil_datetime now, start;
    char now_text[CIVIL_DATETIME_LEN];
    clock_now(&now, NULL);
    db_now_text(now_text);
    char old_reason[DB_TEXT_LEN] = "", seen_at[CIVIL_DATETIME_LEN] = "";
    sqlite3_stmt *st = db_stmt(db, SQL_GET_EXTRA, err);
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        db_column_text(st, 0, old_reason, sizeof old_reason);
        db_column_text(st, 1, seen_at, sizeof seen_at);
    }
    db_stmt_done(db, st);

    if (civil_parse_datetime(cur.starts_at, &start) != 0)
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("appointment"));
    else if (!appt_transition_allowed(cur.status, to, start, now))
        rc = refuse_transition(&cur, to, start, now, err);
    else if (to == APPT_NOSHOW && cur.arrived_at[0])
        rc = db_set_error(err, DB_ERR_INVALID, "%s",
                          _("status: the person arrived; undo the arrival "
                            "first"));
    else if (to == APPT_UNKNOWN && !cur.overbooked &&
             appt_status_is_cancelled(cur.status)) {
        /* Taking a cancellation back claims the slot again. */
        int o = find_overlap(db, cur.agent_id, cur.starts_at, cur.ends_at, id,
                             err);
        rc = o < 0 ? -o : o ? DB_ERR_OVERLAP : DB_OK;
    }
    if (rc != DB_OK) {
        db_write_rollback(db);
        return rc;
    }
    const char *new_reason = reason ? reason
                             : appt_status_is_cancelled(to) ? old_reason : "";
    const char *new_seen = to == APPT_SEEN ? now_text : "";
    st = db_stmt(db, SQL_SET_STATUS, err);
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, appt_status_name(to), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, new_reason, -1, SQLITE_TRANSIENT);
    db_bind_text(st, 4, new_seen, 1);
    rc = run_update(db, st, err);
    char detail[DB_TEXT_LEN] = "";
    fd_diff(detail, sizeof detail, "status", appt_status_name(cur.status),
            appt_status_name(to));
    if (reason)
        fd_append(detail, sizeof detail, "reason: %s", reason);
    if (to == APPT_SEEN && cur.arrived_at[0])
        fd_append(detail, sizeof detail, "arrived %s, seen %s",
                  cur.arrived_at, now_text);
    return end_change(db, rc, id, reason ? "cancel" : "status", detail, err);
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
    return change_status(db, id, version, how, reason, conflict, err);
}

int db_appt_set_status(struct db *db, int64_t id, int64_t version,
                       enum appt_status to, struct db_conflict *conflict,
                       struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    if ((int)to < 0 || to >= APPT_STATUS_COUNT)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("status"));
    return change_status(db, id, version, to, NULL, conflict, err);
}

/* ---- arrival ----------------------------------------------------------- */

static const char SQL_SET_ARRIVED[] =
    "UPDATE appointment SET arrived_at = ?2, version = version + 1"
    " WHERE id = ?1";

int db_appt_arrive(struct db *db, int64_t id, int64_t version, int undo,
                   struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct db_appt cur;
    int rc = begin_change(db, id, version, &cur, conflict, err);
    if (rc != DB_OK)
        return rc;
    struct civil_datetime now, start;
    char now_text[CIVIL_DATETIME_LEN];
    clock_now(&now, NULL);
    db_now_text(now_text);
    if (civil_parse_datetime(cur.starts_at, &start) != 0)
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("appointment"));
    else if (undo && !cur.arrived_at[0])
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %s", _("arrival"),
                          _("the person is not marked arrived"));
    else if (!undo && cur.arrived_at[0])
        rc = db_set_error(err, DB_ERR_INVALID, _("arrival: already arrived at %s"),
                          cur.arrived_at + 11);
    else if (!undo && (appt_status_is_cancelled(cur.status) ||
                       cur.status == APPT_NOSHOW))
        rc = db_set_error(err, DB_ERR_INVALID, _("arrival: the appointment is %s"),
                          appt_status_name(cur.status));
    else if (!undo && cur.status == APPT_SEEN)
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %s", _("arrival"),
                          _("the person was already seen"));
    else if (!undo && civil_date_compare(start.date, now.date) != 0)
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %s", _("arrival"),
                          _("only on the day of the appointment"));
    if (rc != DB_OK) {
        db_write_rollback(db);
        return rc;
    }
    sqlite3_stmt *st = db_stmt(db, SQL_SET_ARRIVED, err);
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, undo ? "" : now_text, 1);
    rc = run_update(db, st, err);
    char detail[64];
    snprintf(detail, sizeof detail, "%s", undo ? cur.arrived_at : now_text);
    return end_change(db, rc, id, undo ? "arrival undone" : "arrive", detail,
                      err);
}
