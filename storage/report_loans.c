/* report_loans.c - the room-loan figures of the supervisors' summaries
 * (report.h): occupancy of each room against its lending hours, requests
 * waiting for a decision, insurance certificates running out.
 *
 * Occupancy reads the approved occurrences through
 * loan_occurrence(room_id, starts_at), one index range per room; the
 * closures of each site are read once for all its rooms, as the free-room
 * finder does (loan_views.c). */
#include <stdlib.h>
#include <string.h>

#include "loans_internal.h"
#include "report_internal.h"

const char db_report_sql_room_use[] =
    "SELECT o.room_id, sum(CAST(round((julianday(o.ends_at) - julianday(o.starts_at))"
    " * 1440) AS INTEGER)) FROM loan_occurrence o"
    " WHERE o.room_id IN (SELECT id FROM room WHERE ?3 = 0 OR site_id = ?3)"
    " AND o.starts_at >= ?1 AND o.starts_at < ?2 AND o.state = 'approved'"
    " GROUP BY o.room_id";

/* The partial index loan_occurrence_pending holds exactly these rows. */
const char db_report_sql_pending[] =
    "SELECT q.id, r.site_id, a.name, r.name, si.name, q.created_at,"
    " min(o.original_day), count(*)"
    " FROM loan_occurrence o JOIN loan_series s ON s.id = o.series_id"
    " JOIN loan_request q ON q.id = s.request_id JOIN room r ON r.id = q.room_id"
    " JOIN site si ON si.id = r.site_id JOIN association a ON a.id = q.association_id"
    " WHERE o.state = 'requested' AND (?3 = 0 OR r.site_id = ?3)"
    " GROUP BY q.id ORDER BY q.created_at, q.id";

const char db_report_sql_insurance[] =
    "SELECT a.id, a.name, IFNULL(a.insurance_until, ''), count(*)"
    " FROM association a JOIN loan_request q ON q.association_id = a.id"
    " JOIN room r ON r.id = q.room_id"
    " WHERE (a.insurance_until IS NULL OR a.insurance_until <= ?2)"
    " AND (?3 = 0 OR r.site_id = ?3)"
    " AND EXISTS (SELECT 1 FROM loan_series s JOIN loan_occurrence o ON o.series_id = s.id"
    "  WHERE s.request_id = q.id AND o.state IN ('requested', 'approved')"
    "  AND o.original_day >= ?1)"
    " GROUP BY a.id ORDER BY a.insurance_until IS NULL, a.insurance_until, a.name";

static const char SQL_HOURS[] =
    "SELECT site_id, weekday, start_minute, end_minute FROM college_hours";

struct use_row {
    int64_t room_id;
    long minutes;
};

static void read_use(sqlite3_stmt *st, void *p)
{
    struct use_row *u = p;
    u->room_id = sqlite3_column_int64(st, 0);
    u->minutes = (long)sqlite3_column_int64(st, 1);
}

struct hours_row {
    int64_t site_id;
    int weekday;
    int start, end;
};

static void read_hours(sqlite3_stmt *st, void *p)
{
    struct hours_row *h = p;
    h->site_id = sqlite3_column_int64(st, 0);
    h->weekday = sqlite3_column_int(st, 1);
    h->start = sqlite3_column_int(st, 2);
    h->end = sqlite3_column_int(st, 3);
}

/* Minutes a site lends rooms on each weekday (index 1..7); -1 when it set
 * no hours for that weekday (any time). */
static void site_week(const struct hours_row *h, size_t n, int64_t site_id, long week[8])
{
    for (int d = 0; d < 8; d++)
        week[d] = -1;
    for (size_t i = 0; i < n; i++) {
        if (h[i].site_id != site_id || h[i].weekday < 1 || h[i].weekday > 7)
            continue;
        if (week[h[i].weekday] < 0)
            week[h[i].weekday] = 0;
        week[h[i].weekday] += h[i].end - h[i].start;
    }
}

static long open_minutes(const struct loan_closures *c, const long week[8],
                         struct civil_date from, struct civil_date to)
{
    long total = 0;
    for (struct civil_date d = from; civil_date_compare(d, to) < 0;) {
        const char *why = NULL;
        if (loan_closed_on(c, d, &why) == LOAN_OPEN) {
            long m = week[civil_weekday(d)];
            total += m < 0 ? 1440 : m;
        }
        if (civil_date_add_days(d, 1, &d) != 0)
            break;
    }
    return total;
}

int db_report_rooms(struct db *db, int64_t site_id, struct civil_date from,
                    struct civil_date to, struct db_report_room **out,
                    size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    struct civil_date last;
    char a[11], b[11];
    if (civil_date_compare(from, to) >= 0 || civil_date_add_days(to, -1, &last) != 0 ||
        civil_format_date(from, a, sizeof a) != 0 || civil_format_date(last, b, sizeof b) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", "period");
    struct db_room *rooms = NULL;
    size_t nrooms = 0, nuse = 0, nhours = 0;
    struct use_row *use = NULL;
    struct hours_row *hours = NULL;
    struct db_closures c;
    memset(&c, 0, sizeof c);
    int rc = db_room_list(db, site_id, 0, &rooms, &nrooms, err);
    if (rc == DB_OK && nrooms) {
        sqlite3_stmt *st = db_report_stmt(db, db_report_sql_room_use, site_id, from, to,
                                          NULL, err);
        rc = st ? db_collect(db, st, sizeof *use, read_use, (void **)&use, &nuse, err)
                : (int)err->status;
    }
    if (rc == DB_OK && nrooms) {
        sqlite3_stmt *st = db_stmt(db, SQL_HOURS, err);
        rc = st ? db_collect(db, st, sizeof *hours, read_hours, (void **)&hours, &nhours, err)
                : (int)err->status;
    }
    struct db_report_room *v = NULL;
    if (rc == DB_OK && !(v = calloc(nrooms ? nrooms : 1, sizeof *v)))
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    int64_t closures_site = 0;
    long week[8];
    for (size_t i = 0; rc == DB_OK && i < nrooms; i++) {
        if (i == 0 || rooms[i].site_id != closures_site) {
            int64_t sid;
            unsigned flags;
            char academie[96], zone[96];
            db_closures_free(&c);
            rc = loan_room_place(db, rooms[i].id, &sid, &flags, academie, zone, err);
            if (rc == DB_OK)
                rc = loan_site_closures(db, sid, flags, academie, zone, a, b, &c, err);
            if (rc != DB_OK)
                break;
            closures_site = rooms[i].site_id;
            site_week(hours, nhours, closures_site, week);
        }
        rc = loan_room_blackouts(db, rooms[i].id, a, b, &c, err);
        if (rc != DB_OK)
            break;
        struct db_report_room *r = &v[i];
        r->room_id = rooms[i].id;
        r->site_id = rooms[i].site_id;
        snprintf(r->room, sizeof r->room, "%s", rooms[i].name);
        snprintf(r->site, sizeof r->site, "%s", rooms[i].site_name);
        for (size_t k = 0; k < nuse; k++)
            if (use[k].room_id == r->room_id)
                r->used_minutes += use[k].minutes;
        r->open_minutes = open_minutes(&c.c, week, from, to);
    }
    db_closures_free(&c);
    free(rooms);
    free(use);
    free(hours);
    if (rc != DB_OK) {
        free(v);
        return rc;
    }
    *out = v;
    *count = nrooms;
    return DB_OK;
}

static void read_pending_row(sqlite3_stmt *st, void *p)
{
    struct db_report_pending *x = p;
    x->request_id = sqlite3_column_int64(st, 0);
    x->site_id = sqlite3_column_int64(st, 1);
    db_column_text(st, 2, x->association, sizeof x->association);
    db_column_text(st, 3, x->room, sizeof x->room);
    db_column_text(st, 4, x->site, sizeof x->site);
    db_column_text(st, 5, x->created_at, sizeof x->created_at);
    db_column_text(st, 6, x->first_date, sizeof x->first_date);
    x->pending_dates = (long)sqlite3_column_int64(st, 7);
}

int db_report_pending(struct db *db, int64_t site_id,
                      struct db_report_pending **out, size_t *count,
                      struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    if (site_id < 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", "site");
    sqlite3_stmt *st = db_stmt(db, db_report_sql_pending, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 3, site_id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_pending_row, &arr, count, err);
    *out = arr;
    return rc;
}

static void read_insurance(sqlite3_stmt *st, void *p)
{
    struct db_report_insurance *x = p;
    x->association_id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, x->name, sizeof x->name);
    db_column_text(st, 2, x->insurance_until, sizeof x->insurance_until);
    x->requests = (long)sqlite3_column_int64(st, 3);
}

int db_report_insurance(struct db *db, int64_t site_id, struct civil_date today,
                        struct civil_date until, struct db_report_insurance **out,
                        size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_report_stmt(db, db_report_sql_insurance, site_id, today, until,
                                      NULL, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_insurance, &arr, count, err);
    *out = arr;
    return rc;
}
