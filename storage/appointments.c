/* appointments.c - the day list (the hot read of the console) and booking.
 *
 * Booking is one unit: BEGIN IMMEDIATE, check that site, agent, motif and
 * person exist, look for an overlapping appointment of the agent (in C, for
 * a message that says with what), insert, audit, COMMIT. The schema trigger
 * enforces the same overlap rule for every other writer. */
#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "frontdesk_internal.h"
#include "../common/i18n.h"

static const char SQL_SITE_EXISTS[] = "SELECT 1 FROM site WHERE id = ?1";
static const char SQL_AGENT_EXISTS[] = "SELECT 1 FROM agent WHERE id = ?1";
static const char SQL_MOTIF_EXISTS[] = "SELECT 1 FROM motif WHERE id = ?1";
static const char SQL_PERSON_EXISTS[] = "SELECT 1 FROM beneficiary WHERE id = ?1";

#define APPT_COLUMNS FD_APPT_COLUMNS
enum { APPT_NCOLS = 14 };

/* The FD_APPT_COLUMNS of a row, in order (frontdesk_internal.h). */
void fd_read_appt(sqlite3_stmt *st, struct db_appt *a)
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
 * time because it is fixed-width ISO. */
static const char SQL_DAY_LIST[] =
    "SELECT " APPT_COLUMNS ", IFNULL(b.last_name, ''), IFNULL(b.first_name, ''),"
    " m.name, m.colour"
    " FROM appointment a INDEXED BY appointment_site_start"
    " JOIN motif m ON m.id = a.motif_id"
    " LEFT JOIN beneficiary b ON b.id = a.beneficiary_id"
    " WHERE a.site_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3"
    " ORDER BY a.agent_id, a.starts_at, a.id";

static void read_day_row(sqlite3_stmt *st, void *p)
{
    struct db_day_row *r = p;
    fd_read_appt(st, &r->appt);
    db_column_text(st, APPT_NCOLS + 0, r->person_last, sizeof r->person_last);
    db_column_text(st, APPT_NCOLS + 1, r->person_first, sizeof r->person_first);
    db_column_text(st, APPT_NCOLS + 2, r->motif_name, sizeof r->motif_name);
    db_column_text(st, APPT_NCOLS + 3, r->motif_colour, sizeof r->motif_colour);
}

int db_day_list(struct db *db, int64_t site_id, struct civil_date day,
                struct db_day_row **out, size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct civil_date next;
    char from[CIVIL_DATETIME_LEN], to[CIVIL_DATETIME_LEN];
    *out = NULL;
    *count = 0;
    if (civil_date_add_days(day, 1, &next) != 0 ||
        civil_format_datetime((struct civil_datetime){day, 0}, from,
                              sizeof from) != 0 ||
        civil_format_datetime((struct civil_datetime){next, 0}, to,
                              sizeof to) != 0)
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
    "SELECT " APPT_COLUMNS " FROM appointment a WHERE a.id = ?1";

int db_appt_get(struct db *db, int64_t id, struct db_appt *out,
                struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_APPT_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    int result = DB_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        fd_read_appt(st, out);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("appointment"),
                              (long long)id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

/* ---- writes ------------------------------------------------------------ */

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

/* The overlap rule of the trigger, asked first for a clear message. */
static const char SQL_OVERLAP[] =
    "SELECT id, starts_at, ends_at FROM appointment"
    " WHERE agent_id = ?1"
    " AND starts_at > strftime('%Y-%m-%d %H:%M', ?2, '-1 day')"
    " AND starts_at < ?3 AND ends_at > ?2"
    " AND status NOT IN ('excused', 'revoked') LIMIT 1";

static int check_overlap(struct db *db, const struct db_appt *a,
                         struct db_error *err)
{
    if (a->overbooked || appt_status_is_cancelled(a->status))
        return DB_OK;
    sqlite3_stmt *st = db_stmt(db, SQL_OVERLAP, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, a->agent_id);
    sqlite3_bind_text(st, 2, a->starts_at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, a->ends_at, -1, SQLITE_TRANSIENT);
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

static const char SQL_APPT_ADD[] =
    "INSERT INTO appointment (site_id, agent_id, motif_id, beneficiary_id,"
    " starts_at, ends_at, status, overbooked, context, arrived_at,"
    " created_at, created_by, version)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1)";

/* The unit shared by db_appt_book and db_appt_insert. */
static int write_appt(struct db *db, struct db_appt *a, int as_given,
                      struct db_error *err)
{
    int rc = check_appt(a, as_given, err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    rc = db_require_row(db, SQL_SITE_EXISTS, a->site_id, _("site"), err);
    if (rc == DB_OK)
        rc = db_require_row(db, SQL_AGENT_EXISTS, a->agent_id, _("agent"), err);
    if (rc == DB_OK)
        rc = db_require_row(db, SQL_MOTIF_EXISTS, a->motif_id, _("motif"), err);
    if (rc == DB_OK && a->person_id)
        rc = db_require_row(db, SQL_PERSON_EXISTS, a->person_id, _("person"),
                            err);
    if (rc == DB_OK)
        rc = check_overlap(db, a, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_APPT_ADD, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    char created_at[CIVIL_DATETIME_LEN], created_by[DB_SHORT_LEN];
    if (as_given && a->created_at[0])
        snprintf(created_at, sizeof created_at, "%s", a->created_at);
    else
        db_now_text(created_at);
    snprintf(created_by, sizeof created_by, "%s",
             as_given && a->created_by[0] ? a->created_by : db->actor);
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
    sqlite3_bind_text(st, 11, created_at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 12, created_by, -1, SQLITE_TRANSIENT);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    int64_t id = rc == DB_OK ? sqlite3_last_insert_rowid(db->conn) : 0;
    if (rc == DB_OK && db->bulk) {
        db->bulk_rows++; /* one audit row for the bulk */
    } else if (rc == DB_OK) {
        char detail[160];
        snprintf(detail, sizeof detail,
                 "%s - %s agent %lld motif %lld person %lld%s",
                 a->starts_at, a->ends_at, (long long)a->agent_id,
                 (long long)a->motif_id, (long long)a->person_id,
                 a->overbooked ? " overbooked" : "");
        rc = db_audit_add(db, "appointment", id, "create", detail, err);
    }
    if (rc == DB_OK)
        rc = db_write_commit(db, err);
    else
        db_write_rollback(db);
    if (rc != DB_OK)
        return rc;
    a->id = id;
    a->version = 1;
    snprintf(a->created_at, sizeof a->created_at, "%s", created_at);
    snprintf(a->created_by, sizeof a->created_by, "%s", created_by);
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
