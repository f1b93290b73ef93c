/* appointment.c - appointment statuses (as RDV Solidarités): their storage
 * names, how an unknown status is shown depending on the time, and which
 * changes a desk may make (DESIGN.md §2).
 *
 * Time rules compare civil times of the site: "on the day" means the same
 * civil date as now, "started" means start < now to the minute. */
#include "appointment.h"

#include <string.h>

static const char *const status_names[APPT_STATUS_COUNT] = {
    [APPT_UNKNOWN] = "unknown",
    [APPT_SEEN] = "seen",
    [APPT_EXCUSED] = "excused",
    [APPT_REVOKED] = "revoked",
    [APPT_NOSHOW] = "noshow",
};

static int status_valid(enum appt_status s)
{
    return (int)s >= 0 && s < APPT_STATUS_COUNT;
}

const char *appt_status_name(enum appt_status s)
{
    return status_valid(s) ? status_names[s] : NULL;
}

int appt_status_parse(const char *name, enum appt_status *out)
{
    if (!name)
        return -1;
    for (int i = 0; i < APPT_STATUS_COUNT; i++) {
        if (strcmp(name, status_names[i]) == 0) {
            *out = (enum appt_status)i;
            return 0;
        }
    }
    return -1;
}

enum appt_display appt_display_status(enum appt_status s,
                                      struct civil_datetime start,
                                      struct civil_datetime now)
{
    switch (s) {
    case APPT_SEEN: return APPT_SHOW_SEEN;
    case APPT_EXCUSED: return APPT_SHOW_EXCUSED;
    case APPT_REVOKED: return APPT_SHOW_REVOKED;
    case APPT_NOSHOW: return APPT_SHOW_NOSHOW;
    default: break;
    }
    if (civil_datetime_compare(start, now) < 0)
        return APPT_SHOW_TO_FILL_IN;
    if (civil_date_compare(start.date, now.date) == 0)
        return APPT_SHOW_TODAY;
    return APPT_SHOW_UPCOMING;
}

int appt_transition_allowed(enum appt_status from, enum appt_status to,
                            struct civil_datetime start,
                            struct civil_datetime now)
{
    if (!status_valid(from) || !status_valid(to) || from == to)
        return 0;
    /* A final status only goes back to unknown, at any time. */
    if (from != APPT_UNKNOWN)
        return to == APPT_UNKNOWN;
    switch (to) {
    case APPT_EXCUSED:
    case APPT_REVOKED:
        /* Cancelling is always possible, even late (past, still unknown). */
        return 1;
    case APPT_SEEN:
        return civil_date_compare(start.date, now.date) <= 0;
    case APPT_NOSHOW:
        return civil_datetime_compare(start, now) < 0;
    default:
        return 0;
    }
}

int appt_status_is_cancelled(enum appt_status s)
{
    return s == APPT_EXCUSED || s == APPT_REVOKED;
}
