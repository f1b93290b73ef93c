/* opening.c - weekly opening-hour rules ("plages d'ouverture").
 *
 * A rule applies on a day when the weekday matches, the day lies within
 * [valid_from, valid_until] and the day's week is a multiple of every_weeks
 * after the week of valid_from. Weeks are counted Monday to Monday in day
 * numbers, which equals ISO weeks without the ISO-year wrap-around trouble
 * (2026 has 53 ISO weeks; the count simply runs on). */
#include "opening.h"

enum { OPENING_MAX_EVERY_WEEKS = 52 };

static int open_ended(struct civil_date until)
{
    return until.year == 0;
}

int opening_rule_valid(const struct opening_rule *r)
{
    if (!r)
        return 0;
    if (r->weekday < CIVIL_MONDAY || r->weekday > CIVIL_SUNDAY)
        return 0;
    if (r->start_minute < 0 || r->end_minute > 1440 ||
        r->start_minute >= r->end_minute)
        return 0;
    if (r->every_weeks < 1 || r->every_weeks > OPENING_MAX_EVERY_WEEKS)
        return 0;
    if (!civil_date_valid(r->valid_from))
        return 0;
    if (!open_ended(r->valid_until) &&
        (!civil_date_valid(r->valid_until) ||
         civil_date_compare(r->valid_until, r->valid_from) < 0))
        return 0;
    return 1;
}

/* Day number of the Monday starting d's week. */
static int64_t monday_of(struct civil_date d)
{
    return civil_date_to_days(d) - ((int)civil_weekday(d) - 1);
}

int opening_rule_applies(const struct opening_rule *r, struct civil_date d)
{
    if (!opening_rule_valid(r) || !civil_date_valid(d))
        return 0;
    if (civil_weekday(d) != r->weekday)
        return 0;
    if (civil_date_compare(d, r->valid_from) < 0)
        return 0;
    if (!open_ended(r->valid_until) && civil_date_compare(d, r->valid_until) > 0)
        return 0;
    int64_t weeks = (monday_of(d) - monday_of(r->valid_from)) / 7;
    return weeks % r->every_weeks == 0;
}
