/* agenda.c - the lists of the front desk: appointment lists (a range of days, an
 * agent's week, the "to fill in" list, a person's history). Every list is
 * one indexed query. The calendars are in agenda_calendar.c, the slot
 * finder in agenda_slots.c, the booking warnings in agenda_check.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"
#include "../common/i18n.h"

/* ---- appointment rows -------------------------------------------------- */

#define ROW_COLUMNS DB_ROW_COLUMNS
#define ROW_JOINS DB_ROW_JOINS

/* One row of DB_ROW_COLUMNS into a struct db_appt_row (rows.h). */
void db_read_appt_row(sqlite3_stmt *st, void *p)
{
    struct db_appt_row *r = p;
    struct db_appt *a = &r->day.appt;
    db_read_appt(st, a);
    db_column_text(st, 14, r->day.person_last, sizeof r->day.person_last);
    db_column_text(st, 15, r->day.person_first, sizeof r->day.person_first);
    db_column_text(st, 16, r->day.motif_name, sizeof r->day.motif_name);
    db_column_text(st, 17, r->day.motif_colour, sizeof r->day.motif_colour);
    db_column_text(st, 18, r->agent_last, sizeof r->agent_last);
    db_column_text(st, 19, r->agent_first, sizeof r->agent_first);
    db_column_text(st, 20, r->site_name, sizeof r->site_name);
    db_column_text(st, 21, r->person_phone, sizeof r->person_phone);
    db_column_text(st, 22, r->cancel_reason, sizeof r->cancel_reason);
    db_column_text(st, 23, r->seen_at, sizeof r->seen_at);
    struct civil_datetime arrived, seen;
    r->waited_minutes = -1;
    if (a->arrived_at[0] && r->seen_at[0] &&
        civil_parse_datetime(a->arrived_at, &arrived) == 0 &&
        civil_parse_datetime(r->seen_at, &seen) == 0) {
        int64_t w = civil_datetime_to_minutes(seen) -
                    civil_datetime_to_minutes(arrived);
        r->waited_minutes = w < 0 ? 0 : (int)(w > 100000 ? 100000 : w);
    }
}

static int collect_rows(struct db *db, sqlite3_stmt *st,
                        struct db_appt_row **out, size_t *count,
                        struct db_error *err)
{
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, db_read_appt_row, &arr, count,
                        err);
    *out = arr;
    return rc;
}

/* "YYYY-MM-DD 00:00" of d and of d + days (rows.h). */
int db_day_bounds(struct civil_date d, int days,
                  char from[CIVIL_DATETIME_LEN], char to[CIVIL_DATETIME_LEN])
{
    struct civil_date end;
    if (!civil_date_valid(d) || civil_date_add_days(d, days, &end) != 0 ||
        civil_format_datetime((struct civil_datetime){d, 0}, from,
                              CIVIL_DATETIME_LEN) != 0 ||
        civil_format_datetime((struct civil_datetime){end, 0}, to,
                              CIVIL_DATETIME_LEN) != 0)
        return -1;
    return 0;
}

static const char SQL_ROW_GET[] =
    "SELECT " ROW_COLUMNS " FROM appointment a" ROW_JOINS " WHERE a.id = ?1";

int db_appt_get_row(struct db *db, int64_t id, struct db_appt_row *out,
                    struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_ROW_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        db_read_appt_row(st, out);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("appointment"),
                              (long long)id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

#define RANGE_ORDER                                                          \
    " ORDER BY s.name, s.id, g.last_name COLLATE NOCASE,"                    \
    " g.first_name COLLATE NOCASE, g.id, a.starts_at, a.id"
static const char SQL_RANGE_SITE[] =
    "SELECT " ROW_COLUMNS " FROM appointment a INDEXED BY appointment_site_start"
    ROW_JOINS " WHERE a.site_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3"
    RANGE_ORDER;
/* Every site: one range per site on the same index. */
static const char SQL_RANGE_ALL[] =
    "SELECT " ROW_COLUMNS " FROM appointment a INDEXED BY appointment_site_start"
    ROW_JOINS " WHERE a.site_id IN (SELECT id FROM site)"
    " AND a.starts_at >= ?2 AND a.starts_at < ?3" RANGE_ORDER;

int db_appt_range(struct db *db, int64_t site_id, struct civil_date from,
                  struct civil_date to, struct db_appt_row **out,
                  size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    char a[CIVIL_DATETIME_LEN], b[CIVIL_DATETIME_LEN], ignored[CIVIL_DATETIME_LEN];
    if (db_day_bounds(from, 0, a, ignored) != 0 || db_day_bounds(to, 0, b, ignored) ||
        civil_date_compare(to, from) < 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("dates"));
    sqlite3_stmt *st = db_stmt(db, site_id ? SQL_RANGE_SITE : SQL_RANGE_ALL, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
    return collect_rows(db, st, out, count, err);
}

static const char SQL_AGENT_WEEK[] =
    "SELECT " ROW_COLUMNS " FROM appointment a INDEXED BY appointment_agent_start"
    ROW_JOINS " WHERE a.agent_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3"
    " ORDER BY a.starts_at, a.id";

int db_agent_week(struct db *db, int64_t agent_id, struct civil_date first_day,
                  struct db_appt_row **out, size_t *count,
                  struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    char a[CIVIL_DATETIME_LEN], b[CIVIL_DATETIME_LEN];
    if (db_day_bounds(first_day, 7, a, b) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("date"));
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_WEEK, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, agent_id);
    sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
    return collect_rows(db, st, out, count, err);
}

/* The partial index appointment_unknown_start serves these: its WHERE is
 * repeated word for word so that the planner may use it. "Before now" is
 * each site's own now: ?1 is the site's (one site) or the latest of all
 * sites, and across sites ?5 holds every site's now (db_sites_now). */
#define FILL_WHERE " WHERE a.status = 'unknown' AND a.starts_at < ?1"
#define FILL_EACH " AND a.starts_at < json_extract(?5, '$.s' || a.site_id)"
#define FILL_SITE " AND a.site_id = ?2"
#define FILL_PAGE " LIMIT ?3 OFFSET ?4"
static const char SQL_FILL_ALL_ASC[] =
    "SELECT " ROW_COLUMNS " FROM appointment a" ROW_JOINS FILL_WHERE FILL_EACH
    " ORDER BY a.starts_at, a.id" FILL_PAGE;
static const char SQL_FILL_ALL_DESC[] =
    "SELECT " ROW_COLUMNS " FROM appointment a" ROW_JOINS FILL_WHERE FILL_EACH
    " ORDER BY a.starts_at DESC, a.id DESC" FILL_PAGE;
static const char SQL_FILL_SITE_ASC[] =
    "SELECT " ROW_COLUMNS " FROM appointment a" ROW_JOINS FILL_WHERE FILL_SITE
    " ORDER BY a.starts_at, a.id" FILL_PAGE;
static const char SQL_FILL_SITE_DESC[] =
    "SELECT " ROW_COLUMNS " FROM appointment a" ROW_JOINS FILL_WHERE FILL_SITE
    " ORDER BY a.starts_at DESC, a.id DESC" FILL_PAGE;
static const char SQL_FILL_COUNT_ALL[] =
    "SELECT count(*) FROM appointment a" FILL_WHERE FILL_EACH;
static const char SQL_FILL_COUNT_SITE[] =
    "SELECT count(*) FROM appointment a" FILL_WHERE FILL_SITE;

/* Binds "now": ?1, and ?5 across sites. */
static void bind_fill_now(sqlite3_stmt *st, const char *now, const char *json)
{
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    if (json)
        sqlite3_bind_text(st, 5, json, -1, SQLITE_TRANSIENT);
}

int db_to_fill_in(struct db *db, int64_t site_id, enum db_order order,
                  size_t offset, size_t limit, struct db_appt_row **out,
                  size_t *count, size_t *total, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    if (limit < 1 || limit > 1000)
        return db_set_error(err, DB_ERR_INVALID, "%s: %zu", _("limit"), limit);
    if (offset > (size_t)INT64_MAX)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("offset"));
    char now[CIVIL_DATETIME_LEN];
    char *json = NULL;
    int started = 0;
    int rc = db_read_begin(db, &started, err);
    if (rc != DB_OK)
        return rc;
    if (site_id) {
        struct civil_datetime t;
        db_site_now(db, site_id, &t);
        if (civil_format_datetime(t, now, sizeof now) != 0)
            now[0] = '\0';
    } else if ((rc = db_sites_now(db, now, &json, err)) != DB_OK) {
        db_read_end(db, started);
        return rc;
    }
    const char *sql = site_id ? (order == DB_NEWEST_FIRST ? SQL_FILL_SITE_DESC
                                                          : SQL_FILL_SITE_ASC)
                              : (order == DB_NEWEST_FIRST ? SQL_FILL_ALL_DESC
                                                          : SQL_FILL_ALL_ASC);
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st) {
        db_read_end(db, started);
        free(json);
        return err->status;
    }
    bind_fill_now(st, now, json);
    if (site_id)
        sqlite3_bind_int64(st, 2, site_id);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)offset);
    rc = collect_rows(db, st, out, count, err);
    if (rc == DB_OK && total) {
        st = db_stmt(db, site_id ? SQL_FILL_COUNT_SITE : SQL_FILL_COUNT_ALL,
                     err);
        if (!st) {
            rc = err->status;
        } else {
            bind_fill_now(st, now, json);
            if (site_id)
                sqlite3_bind_int64(st, 2, site_id);
            int step = sqlite3_step(st);
            if (step == SQLITE_ROW)
                *total = (size_t)sqlite3_column_int64(st, 0);
            else
                rc = db_sqlite_error(db, step, err, NULL);
            db_stmt_done(db, st);
        }
    }
    db_read_end(db, started);
    free(json);
    if (rc != DB_OK) {
        free(*out);
        *out = NULL;
        *count = 0;
    }
    return rc;
}

static const char SQL_PERSON_APPTS[] =
    "SELECT " ROW_COLUMNS " FROM appointment a"
    " INDEXED BY appointment_beneficiary_start" ROW_JOINS
    " WHERE a.beneficiary_id = ?1 ORDER BY a.starts_at DESC, a.id DESC";

int db_person_appts(struct db *db, int64_t person_id,
                    struct db_appt_row **out, size_t *count,
                    int *noshow_count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    if (noshow_count)
        *noshow_count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_PERSON_APPTS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, person_id);
    int rc = collect_rows(db, st, out, count, err);
    if (rc == DB_OK && noshow_count)
        for (size_t i = 0; i < *count; i++)
            if ((*out)[i].day.appt.status == APPT_NOSHOW)
                (*noshow_count)++;
    return rc;
}
