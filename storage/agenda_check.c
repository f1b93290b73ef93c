/* agenda_check.c - the booking warnings: db_appt_check reads what the
 * model's booking_check needs (the agent's calendar, the agent's and the
 * person's appointments around the time, the site's holidays) in one read
 * transaction; db_booking_describe turns the flags into a sentence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"
#include "../common/i18n.h"

/* ---- booking warnings -------------------------------------------------- */

static const char SQL_CHECK_AGENT_APPTS[] =
    "SELECT id, IFNULL(beneficiary_id, 0), motif_id, starts_at, ends_at, status"
    " FROM appointment INDEXED BY appointment_agent_start WHERE agent_id = ?1"
    " AND starts_at > strftime('%Y-%m-%d %H:%M', ?2, '-1 day')"
    " AND starts_at < ?3 ORDER BY starts_at, id";
static const char SQL_CHECK_PERSON_APPTS[] =
    "SELECT id, IFNULL(beneficiary_id, 0), motif_id, starts_at, ends_at, status"
    " FROM appointment INDEXED BY appointment_beneficiary_start"
    " WHERE beneficiary_id = ?1 AND starts_at >= ?2 AND starts_at < ?3"
    " ORDER BY starts_at, id";

static void read_booking_appt(sqlite3_stmt *st, void *p)
{
    struct booking_appt *b = p;
    b->id = sqlite3_column_int64(st, 0);
    b->person_id = sqlite3_column_int64(st, 1);
    b->motif_id = sqlite3_column_int64(st, 2);
    struct civil_datetime s, e;
    const char *a = (const char *)sqlite3_column_text(st, 3);
    const char *z = (const char *)sqlite3_column_text(st, 4);
    if (a && z && civil_parse_datetime(a, &s) == 0 &&
        civil_parse_datetime(z, &e) == 0) {
        b->when.start = civil_datetime_to_minutes(s);
        b->when.end = civil_datetime_to_minutes(e);
    }
    const char *status = (const char *)sqlite3_column_text(st, 5);
    if (!status || appt_status_parse(status, &b->status) != 0)
        b->status = APPT_UNKNOWN;
}

/* Reads what booking_check needs and calls it (inside a read
 * transaction). */
static int check_body(struct db *db, const struct db_appt *a,
                      const struct booking_request *req,
                      struct booking_context *ctx, unsigned *flags,
                      struct db_error *err)
{
    int rc = db_site_holiday_flags(db, a->site_id, &ctx->holiday_flags, err);
    if (rc == DB_OK)
        rc = db_require(db, "agent", a->agent_id, err);
    if (rc == DB_OK)
        rc = db_require(db, "motif", a->motif_id, err);
    if (rc == DB_OK && a->person_id)
        rc = db_require(db, "person", a->person_id, err);
    if (rc != DB_OK)
        return rc;
    struct db_calendar *cal = NULL;
    struct booking_appt *agent_appts = NULL, *person_appts = NULL;
    size_t nagent = 0, nperson = 0;
    rc = db_calendar_load_locked(db, &a->agent_id, 1, req->start.date, req->end.date, 1,
                       &cal, err);
    char start[CIVIL_DATETIME_LEN], end[CIVIL_DATETIME_LEN];
    civil_format_datetime(req->start, start, sizeof start);
    civil_format_datetime(req->end, end, sizeof end);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_CHECK_AGENT_APPTS, err)
                                   : NULL;
    if (st) {
        sqlite3_bind_int64(st, 1, a->agent_id);
        sqlite3_bind_text(st, 2, start, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, end, -1, SQLITE_STATIC);
        void *arr = NULL;
        rc = db_collect(db, st, sizeof *agent_appts, read_booking_appt, &arr,
                        &nagent, err);
        agent_appts = arr;
    } else if (rc == DB_OK) {
        rc = err->status;
    }
    if (rc == DB_OK && a->person_id) {
        char from[CIVIL_DATETIME_LEN], to[CIVIL_DATETIME_LEN];
        db_day_bounds(req->start.date, 1, from, to);
        st = db_stmt(db, SQL_CHECK_PERSON_APPTS, err);
        if (!st) {
            rc = err->status;
        } else {
            sqlite3_bind_int64(st, 1, a->person_id);
            sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
            void *arr = NULL;
            rc = db_collect(db, st, sizeof *person_appts, read_booking_appt,
                            &arr, &nperson, err);
            person_appts = arr;
        }
    }
    if (rc == DB_OK) {
        ctx->agent = &cal->agents[0];
        ctx->agent_appts = agent_appts;
        ctx->agent_appt_count = nagent;
        ctx->person_appts = person_appts;
        ctx->person_appt_count = nperson;
        *flags = booking_check(req, ctx);
    }
    free(cal);
    free(agent_appts);
    free(person_appts);
    return rc;
}

int db_appt_check(struct db *db, const struct db_appt *a, unsigned *flags,
                  struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *flags = 0;
    int rc = db_check_id(a->site_id, 0, _("site"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->agent_id, 0, _("agent"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->motif_id, 0, _("motif"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->person_id, 1, _("person"), err);
    if (rc != DB_OK)
        return rc;
    struct booking_request req;
    memset(&req, 0, sizeof req);
    req.appointment_id = a->id;
    req.site_id = a->site_id;
    req.motif_id = a->motif_id;
    req.person_id = a->person_id;
    char s[CIVIL_DATETIME_LEN], e[CIVIL_DATETIME_LEN];
    if (strnlen(a->starts_at, sizeof a->starts_at) >= sizeof a->starts_at ||
        strnlen(a->ends_at, sizeof a->ends_at) >= sizeof a->ends_at ||
        civil_parse_datetime(memcpy(s, a->starts_at, sizeof s), &req.start) ||
        civil_parse_datetime(memcpy(e, a->ends_at, sizeof e), &req.end)) {
        *flags = BOOKING_INVALID_TIME;
        return DB_OK;
    }
    struct booking_context ctx;
    memset(&ctx, 0, sizeof ctx);
    db_site_now(db, a->site_id, &ctx.now); /* the site's own clock */
    /* Errors first, without reading anything (the site's holidays are read
     * with the rest, in check_body). */
    unsigned early = booking_check(&req, &ctx);
    if (early & BOOKING_ERRORS) {
        *flags = early;
        return DB_OK;
    }
    int started = 0;
    rc = db_read_begin(db, &started, err);
    if (rc != DB_OK)
        return rc;
    rc = check_body(db, a, &req, &ctx, flags, err);
    db_read_end(db, started);
    return rc;
}

void db_booking_describe(unsigned flags, char *buf, size_t size)
{
    static const struct {
        unsigned bit;
        const char *text;
    } phrases[] = {
        {BOOKING_INVALID_TIME, N_("not a valid date and time")},
        {BOOKING_END_NOT_AFTER_START, N_("the end is not after the start")},
        {BOOKING_TOO_LONG, N_("longer than a day")},
        {BOOKING_IN_PAST, N_("in the past")},
        {BOOKING_OUTSIDE_HOURS, N_("outside opening hours")},
        {BOOKING_AGENT_ABSENT, N_("the agent is absent")},
        {BOOKING_HOLIDAY, N_("a public holiday")},
        {BOOKING_SAME_DAY_MOTIF,
         N_("the person is already booked that day for this motif")},
        {BOOKING_OVERLAP, N_("the agent already has an appointment then")},
    };
    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
        if (flags & phrases[i].bit)
            db_text_append(buf, size, "%s%s", buf[0] ? "; " : "",
                      _(phrases[i].text));
}
