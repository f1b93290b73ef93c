/* loans.c - loan requests and decisions.
 *
 * A request is expanded (model/loan_series.h) against the room's closures;
 * dates that happen become occurrence rows, skipped ones exception rows
 * with their reason. Approving re-reads, inside the unit, the approved
 * loans of the room and refuses the whole unit on the first overlap; the
 * schema triggers refuse the same for any other writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loans_internal.h"
#include "../common/clock.h"
#include "../common/i18n.h"

static const char *const state_names[] = {"requested", "approved", "refused", "cancelled"};
static const char *const state_labels[] = {N_("requested"), N_("approved"), N_("refused"),
                                           N_("cancelled")};

const char *db_loan_state_name(enum db_loan_state s)
{
    return (unsigned)s < 4 ? state_names[s] : "?";
}

const char *db_loan_state_label(enum db_loan_state s)
{
    return (unsigned)s < 4 ? _(state_labels[s]) : "?";
}

enum db_loan_state loan_state_from_name(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (s && strcmp(s, state_names[i]) == 0)
            return (enum db_loan_state)i;
    return DB_LOAN_REQUESTED;
}

void db_loan_preview_free(struct db_loan_preview *p)
{
    if (!p)
        return;
    free(p->skipped);
    free(p->clashes);
    p->skipped = p->clashes = NULL;
    p->n_skipped = p->n_clashes = 0;
}

void loan_minutes_text(struct civil_date d, int minute, char out[CIVIL_DATETIME_LEN])
{
    struct civil_datetime dt = {d, 0};
    int64_t m = civil_datetime_to_minutes(dt) + minute; /* 1440 = next day 00:00 */
    if (civil_datetime_from_minutes(m, &dt) != 0 ||
        civil_format_datetime(dt, out, CIVIL_DATETIME_LEN) != 0)
        out[0] = '\0';
}

/* ---- approved loans of a room ---------------------------------------- */

static const char SQL_APPROVED_RANGE[] =
    "SELECT o.starts_at, o.ends_at, s.request_id FROM loan_occurrence o"
    " JOIN loan_series s ON s.id = o.series_id"
    " WHERE o.room_id = ?1 AND o.state = 'approved'"
    "  AND o.starts_at >= ?2 AND o.starts_at < ?3 AND s.request_id <> ?4"
    " ORDER BY o.starts_at";

struct approved {
    int64_t start, end; /* civil minutes */
    int64_t request_id;
};

static void read_approved(sqlite3_stmt *st, void *p)
{
    struct approved *a = p;
    char text[CIVIL_DATETIME_LEN];
    struct civil_datetime dt;
    db_column_text(st, 0, text, sizeof text);
    a->start = civil_parse_datetime(text, &dt) == 0 ? civil_datetime_to_minutes(dt) : 0;
    db_column_text(st, 1, text, sizeof text);
    a->end = civil_parse_datetime(text, &dt) == 0 ? civil_datetime_to_minutes(dt) : 0;
    a->request_id = sqlite3_column_int64(st, 2);
}

/* Approved occurrences of `room_id` starting from the day before `first`
 * to the day after `last`, other than those of request `except`. */
static int approved_between(struct db *db, int64_t room_id, struct civil_date first,
                            struct civil_date last, int64_t except, struct approved **out,
                            size_t *n, struct db_error *err)
{
    char from[CIVIL_DATETIME_LEN], to[CIVIL_DATETIME_LEN];
    struct civil_date a, b;
    civil_date_add_days(first, -1, &a);
    civil_date_add_days(last, 2, &b);
    loan_minutes_text(a, 0, from);
    loan_minutes_text(b, 0, to);
    sqlite3_stmt *st = db_stmt(db, SQL_APPROVED_RANGE, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, room_id);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, except);
    return db_collect(db, st, sizeof **out, read_approved, (void **)out, n, err);
}

/* The approved loan overlapping [start, end) minutes, or NULL. The list
 * is sorted by start; loans last at most a day. */
static const struct approved *find_clash(const struct approved *a, size_t n,
                                         int64_t start, int64_t end)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i].start >= end)
            break;
        if (a[i].end > start)
            return &a[i];
    }
    return NULL;
}

/* ---- checks shared by preview and request ------------------------------ */

static const char SQL_REQ_ROOM[] =
    "SELECT r.capacity, r.site_id FROM room r WHERE r.id = ?1";
static const char SQL_ASSOCIATION_EXISTS[] = "SELECT 1 FROM association WHERE id = ?1";
static const char SQL_HOURS_OF_DAY[] =
    "SELECT start_minute, end_minute FROM college_hours WHERE site_id = ?1 AND weekday = ?2";

enum { LOAN_MAX_DAYS = 731 }; /* a series spans at most two years */

/* 1 when [start, end) fits the lending hours of `weekday` (or none set). */
static int within_hours(struct db *db, int64_t site_id, int weekday, int start, int end,
                        int *ok, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_HOURS_OF_DAY, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    sqlite3_bind_int(st, 2, weekday);
    int rc, any = 0;
    *ok = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        any = 1;
        if (start >= sqlite3_column_int(st, 0) && end <= sqlite3_column_int(st, 1))
            *ok = 1;
    }
    int result = rc == SQLITE_DONE ? DB_OK : db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    if (!any)
        *ok = 1;
    return result;
}

int loan_check_request(struct db *db, struct db_loan_request *req, int64_t *site_id,
                       struct db_error *err)
{
    int rc = db_check_text(req->purpose, sizeof req->purpose, 0, _("purpose"), err);
    if (rc != DB_OK)
        return rc;
    rc = db_require_row(db, SQL_ASSOCIATION_EXISTS, req->association_id, _("association"), err);
    if (rc != DB_OK)
        return rc;
    sqlite3_stmt *st = db_stmt(db, SQL_REQ_ROOM, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, req->room_id);
    int capacity = 0;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        capacity = sqlite3_column_int(st, 0);
        *site_id = sqlite3_column_int64(st, 1);
        rc = DB_OK;
    } else {
        rc = rc == SQLITE_DONE ? db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("room"),
                                              (long long)req->room_id)
                               : db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    if (rc != DB_OK)
        return rc;
    switch (loan_check_capacity(req->attendance, capacity)) {
    case LOAN_CAPACITY_OK:
        break;
    case LOAN_CAPACITY_EXCEEDED:
        return db_set_error(err, DB_ERR_INVALID, _("expected attendance %d exceeds the "
                                                   "room's capacity of %d"),
                            req->attendance, capacity);
    case LOAN_CAPACITY_INVALID:
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("attendance"),
                            _("expected a number of people"));
    }
    return DB_OK;
}

/* Fills in the default last date, then checks pattern and lending hours. */
static int settle_pattern(struct db *db, struct db_loan_request *req, int64_t site_id,
                          struct db_error *err)
{
    struct loan_pattern *p = &req->pattern;
    if (!civil_date_valid(p->first))
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("from"), _("not a valid date"));
    if (p->last.year == 0) {
        struct civil_date horizon;
        char a[11], b[11];
        civil_date_add_days(p->first, 366, &horizon);
        civil_format_date(p->first, a, sizeof a);
        civil_format_date(horizon, b, sizeof b);
        struct db_closures c;
        int rc = db_room_closures(db, req->room_id, a, b, &c, err);
        if (rc != DB_OK)
            return rc;
        rc = loan_school_year_end(p->first, c.school, c.c.n_school, &p->last);
        db_closures_free(&c);
        if (rc != 0)
            return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("to"),
                                _("give the last date"));
    }
    if (civil_date_compare(p->last, p->first) < 0)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("to"),
                            _("must not be before the start"));
    if (civil_date_diff_days(p->last, p->first) >= LOAN_MAX_DAYS)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("to"),
                            _("a series spans at most two years"));
    if (!loan_pattern_valid(p))
        return db_set_error(err, DB_ERR_INVALID, "%s", _("weekdays, time or every-N-weeks"));
    for (int wd = 1; wd <= 7; wd++) {
        if (!(p->weekdays & LOAN_DAY(wd)))
            continue;
        int ok = 0;
        int rc = within_hours(db, site_id, wd, p->start_minute, p->end_minute, &ok, err);
        if (rc != DB_OK)
            return rc;
        if (!ok)
            return db_set_error(err, DB_ERR_INVALID, "%s",
                                _("outside the hours when the collège lends its rooms"));
    }
    return DB_OK;
}

/* Expansion, skipped dates and clashes; dates[] receives the expansion
 * (caller frees). */
int loan_compute(struct db *db, struct db_loan_request *req, int64_t except_request,
                 struct db_loan_preview *out, struct loan_date **dates, size_t *n_dates,
                 struct db_closures *closures, struct db_error *err)
{
    int64_t site_id = 0;
    memset(out, 0, sizeof *out);
    *dates = NULL;
    *n_dates = 0;
    int rc = loan_check_request(db, req, &site_id, err);
    if (rc == DB_OK)
        rc = settle_pattern(db, req, site_id, err);
    if (rc != DB_OK)
        return rc;
    char a[11], b[11];
    civil_format_date(req->pattern.first, a, sizeof a);
    civil_format_date(req->pattern.last, b, sizeof b);
    rc = db_room_closures(db, req->room_id, a, b, closures, err);
    if (rc != DB_OK)
        return rc;
    size_t cap = LOAN_MAX_DAYS + 1, n = 0;
    struct loan_date *d = calloc(cap, sizeof *d);
    struct approved *appr = NULL;
    size_t n_appr = 0;
    out->skipped = calloc(cap, sizeof *out->skipped);
    out->clashes = calloc(cap, sizeof *out->clashes);
    if (!d || !out->skipped || !out->clashes) {
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
        goto fail;
    }
    if (loan_series_expand(&req->pattern, &closures->c, d, cap, &n) != 0) {
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("weekdays, time or every-N-weeks"));
        goto fail;
    }
    rc = approved_between(db, req->room_id, req->pattern.first, req->pattern.last,
                          except_request, &appr, &n_appr, err);
    if (rc != DB_OK)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        if (d[i].closure != LOAN_OPEN) {
            struct db_loan_date *s = &out->skipped[out->n_skipped++];
            s->date = d[i].date;
            s->closure = d[i].closure;
            snprintf(s->reason, sizeof s->reason, "%s", d[i].reason ? d[i].reason : "");
            continue;
        }
        out->n_dates++;
        int64_t day0 = civil_datetime_to_minutes((struct civil_datetime){d[i].date, 0});
        const struct approved *c = find_clash(appr, n_appr, day0 + req->pattern.start_minute,
                                              day0 + req->pattern.end_minute);
        if (c) {
            struct db_loan_date *x = &out->clashes[out->n_clashes++];
            x->date = d[i].date;
            x->other_request = c->request_id;
            snprintf(x->reason, sizeof x->reason, _("request %lld"), (long long)c->request_id);
        }
    }
    free(appr);
    out->pattern = req->pattern;
    *dates = d;
    *n_dates = n;
    return DB_OK;
fail:
    free(appr);
    free(d);
    db_loan_preview_free(out);
    db_closures_free(closures);
    return rc;
}

int db_loan_preview(struct db *db, struct db_loan_request *req,
                    struct db_loan_preview *out, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct loan_date *dates;
    size_t n;
    struct db_closures c;
    int rc = loan_compute(db, req, 0, out, &dates, &n, &c, err);
    if (rc != DB_OK)
        return rc;
    free(dates);
    db_closures_free(&c);
    return DB_OK;
}

/* ---- saving a request ---------------------------------------------- */

static const char SQL_REQUEST_ADD[] =
    "INSERT INTO loan_request (room_id, association_id, purpose, attendance, created_at,"
    " created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

struct request_ctx {
    struct db_loan_request *req;
    int64_t id;
    struct db_loan_preview preview;
};

static int request_write(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct request_ctx *x = ctx;
    struct loan_date *dates;
    size_t n;
    struct db_closures c;
    int rc = loan_compute(db, x->req, 0, &x->preview, &dates, &n, &c, err);
    if (rc != DB_OK)
        return rc;
    if (x->preview.n_dates == 0) {
        rc = db_set_error(err, DB_ERR_INVALID, "%s",
                          _("no date left: every date of the request is closed"));
        goto out;
    }
    char now[CIVIL_DATETIME_LEN];
    db_now_text(now);
    sqlite3_stmt *st = db_stmt(db, SQL_REQUEST_ADD, err);
    if (!st) {
        rc = err->status;
        goto out;
    }
    sqlite3_bind_int64(st, 1, x->req->room_id);
    sqlite3_bind_int64(st, 2, x->req->association_id);
    sqlite3_bind_text(st, 3, x->req->purpose, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, x->req->attendance);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, db->actor, -1, SQLITE_STATIC);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc != DB_OK)
        goto out;
    x->id = sqlite3_last_insert_rowid(db->conn);
    int64_t series_id;
    rc = loan_series_insert(db, x->id, &x->req->pattern, &series_id, err);
    if (rc == DB_OK)
        rc = loan_series_materialize(db, series_id, x->req->room_id, &x->req->pattern,
                                     &c.c, err);
    if (rc == DB_OK) {
        char days[64];
        loan_format_weekdays(x->req->pattern.weekdays, days, sizeof days);
        civil_format_date(x->req->pattern.first, now, sizeof now);
        char last[11];
        civil_format_date(x->req->pattern.last, last, sizeof last);
        u->id = x->id;
        db_unit_detail(u, "room %lld association %lld %s every %d weeks %d-%d from %s to %s:"
                       " %zu dates, %zu skipped, %zu clashes",
                 (long long)x->req->room_id, (long long)x->req->association_id, days,
                 x->req->pattern.every_weeks, x->req->pattern.start_minute,
                 x->req->pattern.end_minute, now, last, x->preview.n_dates,
                 x->preview.n_skipped, x->preview.n_clashes);
    }
out:
    free(dates);
    db_closures_free(&c);
    if (rc != DB_OK)
        db_loan_preview_free(&x->preview);
    return rc;
}

int db_loan_request_add(struct db *db, struct db_loan_request *req, int64_t *id,
                        struct db_loan_preview *preview, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct request_ctx x;
    memset(&x, 0, sizeof x);
    x.req = req;
    struct db_unit u = db_unit_create("loan_request");
    int rc = db_unit_run(db, &u, request_write, &x, err);
    if (rc == DB_OK && id)
        *id = x.id;
    if (rc == DB_OK && preview)
        *preview = x.preview;
    else
        db_loan_preview_free(&x.preview);
    return rc;
}

/* ---- decisions ------------------------------------------------------ */

struct decide_ctx {
    int64_t request_id;
    char date[11];
    enum db_loan_decision what;
    const char *reason;
    struct db_loan_outcome *out;
};

static const char SQL_REQUEST_OCCS[] =
    "SELECT o.id, o.series_id, o.room_id, o.original_day, o.starts_at, o.ends_at, o.state"
    " FROM loan_occurrence o JOIN loan_series s ON s.id = o.series_id"
    " WHERE s.request_id = ?1 AND (?2 = '' OR substr(o.starts_at, 1, 10) = ?2"
    "  OR o.original_day = ?2) ORDER BY o.starts_at";
static const char SQL_REQUEST_INFO[] =
    "SELECT IFNULL(a.insurance_until, '') FROM loan_request r"
    " JOIN association a ON a.id = r.association_id WHERE r.id = ?1";
static const char SQL_OCC_STATE[] =
    "UPDATE loan_occurrence SET state = ?2, reason = ?3, version = version + 1 WHERE id = ?1";
static const char SQL_CLASH_ONE[] =
    "SELECT s.request_id, substr(o.starts_at, 1, 10) FROM loan_occurrence o"
    " JOIN loan_series s ON s.id = o.series_id"
    " WHERE o.room_id = ?1 AND o.state = 'approved' AND o.id <> ?4"
    "  AND o.starts_at > strftime('%Y-%m-%d %H:%M', ?2, '-1 day')"
    "  AND o.starts_at < ?3 AND o.ends_at > ?2 LIMIT 1";
static const char SQL_CANCEL_EXCEPTION[] =
    "INSERT INTO loan_exception (series_id, original_day, kind, reason, created_at)"
    " VALUES (?1, ?2, 'cancelled', ?3, ?4) ON CONFLICT (series_id, original_day)"
    " DO UPDATE SET kind = 'cancelled', reason = excluded.reason,"
    " moved_day = NULL, moved_start = NULL, moved_end = NULL";
static const char SQL_SERIES_BUMP[] =
    "UPDATE loan_series SET sequence = sequence + 1, version = version + 1"
    " WHERE request_id = ?1";

struct occ_row {
    int64_t id, series_id, room_id;
    char original[11], starts[CIVIL_DATETIME_LEN], ends[CIVIL_DATETIME_LEN];
    enum db_loan_state state;
};

static void read_occ(sqlite3_stmt *st, void *p)
{
    struct occ_row *o = p;
    char state[16];
    o->id = sqlite3_column_int64(st, 0);
    o->series_id = sqlite3_column_int64(st, 1);
    o->room_id = sqlite3_column_int64(st, 2);
    db_column_text(st, 3, o->original, sizeof o->original);
    db_column_text(st, 4, o->starts, sizeof o->starts);
    db_column_text(st, 5, o->ends, sizeof o->ends);
    db_column_text(st, 6, state, sizeof state);
    o->state = loan_state_from_name(state);
}

/* The approved loan of the room overlapping an occurrence, if any. */
int loan_clash_of(struct db *db, int64_t room_id, const char *starts, const char *ends,
                  int64_t self, int64_t *other_request, char date[11], struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_CLASH_ONE, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, room_id);
    sqlite3_bind_text(st, 2, starts, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, ends, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, self);
    int rc = sqlite3_step(st), result = DB_OK;
    *other_request = 0;
    if (rc == SQLITE_ROW) {
        *other_request = sqlite3_column_int64(st, 0);
        db_column_text(st, 1, date, 11);
    } else if (rc != SQLITE_DONE) {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

static int set_state(struct db *db, int64_t occ, enum db_loan_state s, const char *reason,
                     struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_OCC_STATE, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, occ);
    sqlite3_bind_text(st, 2, state_names[s], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, reason ? reason : "", -1, SQLITE_TRANSIENT);
    int rc = loan_step(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

static int decide_write(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct decide_ctx *x = ctx;
    struct db_loan_outcome *out = x->out;
    int rc = db_require_row(db, "SELECT 1 FROM loan_request WHERE id = ?1", x->request_id,
                            _("request"), err);
    if (rc != DB_OK)
        return rc;
    sqlite3_stmt *st = db_stmt(db, SQL_REQUEST_OCCS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, x->request_id);
    sqlite3_bind_text(st, 2, x->date, -1, SQLITE_STATIC);
    struct occ_row *occ = NULL;
    size_t n = 0;
    rc = db_collect(db, st, sizeof *occ, read_occ, (void **)&occ, &n, err);
    if (rc != DB_OK)
        return rc;
    if (n == 0) {
        free(occ);
        return db_set_error(err, DB_ERR_NO_ROW, _("%s: %s"), _("date"),
                            x->date[0] ? x->date : "-");
    }
    char now[CIVIL_DATETIME_LEN];
    db_now_text(now);
    char last_approved[11] = "";
    for (size_t i = 0; i < n && rc == DB_OK; i++) {
        enum db_loan_state from = occ[i].state, to;
        switch (x->what) {
        case DB_DECIDE_APPROVE:
            if (from != DB_LOAN_REQUESTED)
                continue;
            to = DB_LOAN_APPROVED;
            break;
        case DB_DECIDE_REFUSE:
            if (from != DB_LOAN_REQUESTED)
                continue;
            to = DB_LOAN_REFUSED;
            break;
        default:
            if (from != DB_LOAN_REQUESTED && from != DB_LOAN_APPROVED)
                continue;
            to = DB_LOAN_CANCELLED;
            break;
        }
        if (to == DB_LOAN_APPROVED) {
            int64_t other;
            char day[11] = "";
            rc = loan_clash_of(db, occ[i].room_id, occ[i].starts, occ[i].ends, occ[i].id,
                               &other, day, err);
            if (rc == DB_OK && other) {
                civil_parse_date(day, &out->clash.date);
                out->clash.other_request = other;
                snprintf(out->clash.reason, sizeof out->clash.reason, _("request %lld"),
                         (long long)other);
                rc = db_set_error(err, DB_ERR_OVERLAP,
                                  _("%s: the room is already lent then (request %lld)"),
                                  day, (long long)other);
                break;
            }
            memcpy(last_approved, occ[i].starts, 10);
            last_approved[10] = '\0';
        }
        if (rc == DB_OK)
            rc = set_state(db, occ[i].id, to, x->reason, err);
        if (rc == DB_OK && to == DB_LOAN_CANCELLED && x->date[0]) {
            st = db_stmt(db, SQL_CANCEL_EXCEPTION, err);
            if (!st) {
                rc = err->status;
                break;
            }
            sqlite3_bind_int64(st, 1, occ[i].series_id);
            sqlite3_bind_text(st, 2, occ[i].original, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 3, x->reason ? x->reason : "", -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
            rc = db_step_done(db, st, err);
            db_stmt_done(db, st);
        }
        if (rc == DB_OK)
            out->changed++;
    }
    free(occ);
    if (rc != DB_OK)
        return rc;
    static const char *const verbs[] = {N_("nothing to approve"), N_("nothing to refuse"),
                                        N_("nothing to cancel")};
    if (out->changed == 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _(verbs[x->what]));
    if (x->what == DB_DECIDE_APPROVE) {
        st = db_stmt(db, SQL_REQUEST_INFO, err);
        if (!st)
            return err->status;
        sqlite3_bind_int64(st, 1, x->request_id);
        if (sqlite3_step(st) == SQLITE_ROW)
            db_column_text(st, 0, out->insurance_until, sizeof out->insurance_until);
        db_stmt_done(db, st);
        char today[11];
        memcpy(today, now, 10);
        today[10] = '\0';
        /* Warn when the insurance is unknown, over, or ends before the
         * last approved date. */
        out->insurance_warning = !out->insurance_until[0] ||
                                 strcmp(out->insurance_until, today) < 0 ||
                                 strcmp(out->insurance_until, last_approved) < 0;
    }
    st = db_stmt(db, SQL_SERIES_BUMP, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, x->request_id);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc != DB_OK)
        return rc;
    db_unit_detail(u, "%zu dates%s%s%s%s", out->changed, x->date[0] ? " on " : "", x->date,
                   x->reason && *x->reason ? ": " : "", x->reason ? x->reason : "");
    return DB_OK;
}

int db_loan_decide(struct db *db, int64_t request_id, const char *date,
                   enum db_loan_decision what, const char *reason,
                   struct db_loan_outcome *outcome, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct db_loan_outcome local;
    if (!outcome)
        outcome = &local;
    memset(outcome, 0, sizeof *outcome);
    struct decide_ctx x = {request_id, "", what, reason, outcome};
    if (what != DB_DECIDE_APPROVE && what != DB_DECIDE_REFUSE && what != DB_DECIDE_CANCEL)
        return db_set_error(err, DB_ERR_INVALID, "%s", "decision");
    int rc = db_check_text(reason ? reason : "", 256, 0, _("reason"), err);
    if (rc != DB_OK)
        return rc;
    if (date && *date) {
        struct civil_date d;
        if (civil_parse_date(date, &d) != 0)
            return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("date"),
                                _("not a valid date"));
        civil_format_date(d, x.date, sizeof x.date);
    }
    static const char *const actions[] = {"approve", "refuse", "cancel"};
    struct db_unit u = db_unit_plain("loan_request", request_id, actions[what]);
    return db_unit_run(db, &u, decide_write, &x, err);
}

int db_loan_approve_many(struct db *db, const int64_t *ids, size_t n, int *results,
                         struct db_loan_outcome *outcomes, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int all = DB_OK;
    for (size_t i = 0; i < n; i++) {
        struct db_error one = {0};
        if (outcomes)
            memset(&outcomes[i], 0, sizeof outcomes[i]);
        int rc = db_loan_decide(db, ids[i], NULL, DB_DECIDE_APPROVE, NULL,
                                outcomes ? &outcomes[i] : NULL, &one);
        if (results)
            results[i] = rc;
        if (rc != DB_OK && all == DB_OK) {
            all = rc;
            *err = one;
        }
    }
    return all;
}
