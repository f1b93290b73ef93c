/* booking.c - errors and warnings for a booking before it is written. */
#include "booking.h"

#include "holidays.h"

static int datetime_valid(struct civil_datetime dt)
{
    return civil_date_valid(dt.date) && dt.minute >= 0 && dt.minute < 1440;
}

/* Still holds its slot: not cancelled, and not the appointment being
 * changed. */
static int counts(const struct booking_appt *a, int64_t self)
{
    return !appt_status_is_cancelled(a->status) && (self == 0 || a->id != self);
}

static unsigned opening_flags(const struct booking_request *req,
                              const struct booking_context *ctx,
                              struct interval when)
{
    unsigned f = 0;
    if (!ctx->agent) {
        struct civil_datetime last;
        civil_datetime_from_minutes(when.end - 1, &last);
        for (struct civil_date d = req->start.date;
             civil_date_compare(d, last.date) <= 0;) {
            if (holiday_lookup(d, ctx->holiday_flags, NULL) == 1) {
                f |= BOOKING_HOLIDAY;
                break;
            }
            if (civil_date_add_days(d, 1, &d) != 0)
                break;
        }
        return f;
    }
    unsigned closed = slots_closed_reasons(ctx->agent, req->site_id,
                                           req->motif_id, ctx->holiday_flags,
                                           when);
    if (closed & SLOT_OUTSIDE_HOURS)
        f |= BOOKING_OUTSIDE_HOURS;
    if (closed & SLOT_ABSENT)
        f |= BOOKING_AGENT_ABSENT;
    if (closed & SLOT_HOLIDAY)
        f |= BOOKING_HOLIDAY;
    return f;
}

static int same_day_same_motif(const struct booking_request *req,
                               const struct booking_context *ctx)
{
    if (req->person_id == 0 || (ctx->person_appt_count && !ctx->person_appts))
        return 0;
    for (size_t i = 0; i < ctx->person_appt_count; i++) {
        const struct booking_appt *a = &ctx->person_appts[i];
        struct civil_datetime start;
        if (!counts(a, req->appointment_id) || a->person_id != req->person_id ||
            a->motif_id != req->motif_id ||
            civil_datetime_from_minutes(a->when.start, &start) != 0)
            continue;
        if (civil_date_compare(start.date, req->start.date) == 0)
            return 1;
    }
    return 0;
}

static int overlaps_agent(const struct booking_request *req,
                          const struct booking_context *ctx,
                          struct interval when)
{
    if (ctx->agent_appt_count && !ctx->agent_appts)
        return 0;
    for (size_t i = 0; i < ctx->agent_appt_count; i++) {
        const struct booking_appt *a = &ctx->agent_appts[i];
        if (counts(a, req->appointment_id) && interval_overlaps(a->when, when))
            return 1;
    }
    return 0;
}

unsigned booking_check(const struct booking_request *req,
                       const struct booking_context *ctx)
{
    if (!req || !ctx || !datetime_valid(req->start) ||
        !datetime_valid(req->end) || !datetime_valid(ctx->now))
        return BOOKING_INVALID_TIME;
    struct interval when = {civil_datetime_to_minutes(req->start),
                            civil_datetime_to_minutes(req->end)};
    if (when.end <= when.start)
        return BOOKING_END_NOT_AFTER_START;
    if (when.end - when.start > BOOKING_MAX_MINUTES)
        return BOOKING_TOO_LONG;

    unsigned f = BOOKING_OK;
    if (civil_datetime_compare(req->start, ctx->now) < 0)
        f |= BOOKING_IN_PAST;
    f |= opening_flags(req, ctx, when);
    if (same_day_same_motif(req, ctx))
        f |= BOOKING_SAME_DAY_MOTIF;
    if (overlaps_agent(req, ctx, when))
        f |= BOOKING_OVERLAP;
    return f;
}
