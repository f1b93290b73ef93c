/* absence.c - one-off and weekly absences of an agent, in civil minutes.
 *
 * A weekly absence reuses struct opening_rule and opening_rule_applies, so
 * that "every other week" means the same thing for opening hours and for
 * absences (weeks counted from the Monday of valid_from's week). */
#include "absence.h"

enum { MINUTES_PER_DAY = 1440 };

static int datetime_valid(struct civil_datetime dt)
{
    return civil_date_valid(dt.date) && dt.minute >= 0 &&
           dt.minute < MINUTES_PER_DAY;
}

int absence_valid(const struct absence *a)
{
    if (!a)
        return 0;
    switch (a->kind) {
    case ABSENCE_ONE_OFF:
        return datetime_valid(a->from) && datetime_valid(a->until) &&
               civil_datetime_compare(a->from, a->until) < 0;
    case ABSENCE_WEEKLY:
        return opening_rule_valid(&a->weekly);
    }
    return 0;
}

static int64_t day_start(struct civil_date d)
{
    return civil_datetime_to_minutes((struct civil_datetime){d, 0});
}

static struct interval one_off_interval(const struct absence *a)
{
    return (struct interval){civil_datetime_to_minutes(a->from),
                             civil_datetime_to_minutes(a->until)};
}

/* Weekly part on d, assuming a valid absence and a valid date. */
static int weekly_on(const struct absence *a, struct civil_date d,
                     struct interval *out)
{
    if (!opening_rule_applies(&a->weekly, d))
        return 0;
    int64_t base = day_start(d);
    *out = (struct interval){base + a->weekly.start_minute,
                             base + a->weekly.end_minute};
    return 1;
}

int absence_intervals_on(const struct absence *a, struct civil_date d,
                         struct interval *out)
{
    if (!absence_valid(a) || !civil_date_valid(d) || !out)
        return 0;
    if (a->kind == ABSENCE_WEEKLY)
        return weekly_on(a, d, out);
    int64_t base = day_start(d);
    struct interval day = {base, base + MINUTES_PER_DAY};
    struct interval abs = one_off_interval(a);
    if (!interval_overlaps(day, abs))
        return 0;
    out->start = abs.start > day.start ? abs.start : day.start;
    out->end = abs.end < day.end ? abs.end : day.end;
    return 1;
}

int absence_covers(const struct absence *a, struct interval when)
{
    if (!absence_valid(a) || !interval_valid(when))
        return 0;
    if (a->kind == ABSENCE_ONE_OFF)
        return interval_overlaps(one_off_interval(a), when);

    /* Weekly: look at each day `when` touches, from the later of its first
     * day and valid_from. A hit comes within 7 * every_weeks days of a
     * fully covered stretch, so long intervals end the loop early. */
    struct civil_datetime first, last;
    if (civil_datetime_from_minutes(when.start, &first) != 0 ||
        civil_datetime_from_minutes(when.end - 1, &last) != 0)
        return 0;
    struct civil_date d = first.date;
    if (civil_date_compare(d, a->weekly.valid_from) < 0)
        d = a->weekly.valid_from;
    int open_ended = a->weekly.valid_until.year == 0;
    while (civil_date_compare(d, last.date) <= 0) {
        if (!open_ended && civil_date_compare(d, a->weekly.valid_until) > 0)
            return 0;
        struct interval part;
        if (weekly_on(a, d, &part) && interval_overlaps(part, when))
            return 1;
        if (civil_date_add_days(d, 1, &d) != 0)
            return 0;
    }
    return 0;
}
