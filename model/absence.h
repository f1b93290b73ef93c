/* absence.h - an agent's absences: time during which nobody may be booked
 * with them even inside their opening hours (leave, training, a weekly team
 * meeting).
 *
 * Two kinds:
 *   - one-off: from a civil datetime (inclusive) to another (exclusive); it
 *     may span several days ("from Monday 14:00 to Wednesday 12:00"). Whole
 *     days off are from the first day 00:00 to the day after the last 00:00.
 *   - weekly: the shape of an opening rule (weekday, time range, every N weeks
 *     anchored on the week of valid_from, from/until dates) read as "absent".
 *     A weekly absence lies within one day; one on several weekdays is
 *     several absences, as for opening rules.
 * Times are civil minutes (civil_datetime_to_minutes): no time zone, so
 * daylight-saving changes shift nothing. Pure C11 + libc. */
#ifndef GUICHET_MODEL_ABSENCE_H
#define GUICHET_MODEL_ABSENCE_H

#include "civil.h"
#include "interval.h"
#include "opening.h"

enum absence_kind {
    ABSENCE_ONE_OFF = 0,
    ABSENCE_WEEKLY = 1,
};

struct absence {
    enum absence_kind kind;
    /* ABSENCE_ONE_OFF: [from, until), until > from. */
    struct civil_datetime from;
    struct civil_datetime until;
    /* ABSENCE_WEEKLY: when the agent is away, e.g. every other Wednesday
     * 14:00-17:00 from 2026-09-02 until 2027-07-07. */
    struct opening_rule weekly;
};

/* 1 if the absence is well formed (one-off: valid datetimes, until after
 * from; weekly: opening_rule_valid), 0 if not. Invalid absences cover
 * nothing. */
int absence_valid(const struct absence *a);

/* 1 if the absence takes at least one minute of `when` (half-open: an
 * absence ending at 12:00 does not cover [12:00, 12:30)), 0 if not or if
 * either argument is invalid. `when` may span several days. */
int absence_covers(const struct absence *a, struct interval when);

/* The part of the absence on day `d`, clipped to [d 00:00, d+1 00:00) in
 * civil minutes: returns 1 and stores it in *out, or 0 when the absence does
 * not touch that day (or is invalid). There is at most one such interval per
 * day for both kinds. */
int absence_intervals_on(const struct absence *a, struct civil_date d,
                         struct interval *out);

#endif
