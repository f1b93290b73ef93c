/* alerts.h - when to alert about a risky appointment, and how loudly.
 *
 * A moment is named (the name is what the database remembers, so that an
 * alert is shown once per appointment and moment) and is either relative
 * to the start ("2h-before=-2h", "-30m") or a time of day some days before
 * ("day-before=-1d@16:00"). The desktop notifier and the console (over SSH)
 * use the same moments. Pure C11. */
#ifndef GUICHET_MODEL_ALERTS_H
#define GUICHET_MODEL_ALERTS_H

#include <stddef.h>
#include <stdint.h>

#include "civil.h"

enum { ALERT_MOMENT_NAME_LEN = 32, ALERT_MAX_MOMENTS = 8 };

struct alert_moment {
    char name[ALERT_MOMENT_NAME_LEN];
    int minutes_before;   /* relative: minutes before the start */
    int days_before;      /* or: that many days before, ... */
    int at_minute;        /* ... at this time of day; -1 when relative */
};

/* "NAME=-1d@16:00", "NAME=-2h", "NAME=-90m", or without "NAME=" (the spec
 * is the name). Returns 0, -1 when malformed. */
int alert_moment_parse(const char *text, struct alert_moment *out);
/* The two defaults: the day before at 16:00, and two hours before. */
int alert_moment_defaults(struct alert_moment *out, int max);

/* When the moment arrives for an appointment starting at `start` (civil
 * minutes, civil_datetime_to_minutes). */
int64_t alert_moment_due(const struct alert_moment *m, int64_t start);
/* Appointments starting before this (civil minutes) may have reached the
 * moment at `now`; check each with alert_moment_due. */
int64_t alert_moment_horizon(const struct alert_moment *m, int64_t now);

/* The settings every program that alerts shares (the console over SSH and
 * guichet-notify), read from the configuration file:
 *     alert_threshold = 30                       percent, 1 to 100
 *     alert_moments = day-before=-1d@16:00, 2h-before=-2h
 * (moments separated by commas or blanks; they replace the defaults).
 * threshold 0 and nmoments 0 stand for the defaults. */
enum { ALERT_DEFAULT_THRESHOLD_PCT = 30 };

struct alert_settings {
    double threshold;                            /* 0..1; 0: default */
    struct alert_moment moments[ALERT_MAX_MOMENTS];
    int nmoments;                                /* 0: the defaults */
};

/* Applies one configuration setting: 1 when `key` is an alert setting and
 * its value is good, 0 when `key` is not one, -1 with a translated reason
 * in why[] when its value is wrong (s unchanged). */
int alert_settings_apply(struct alert_settings *s, const char *key, const char *value,
                         char *why, size_t whysize);
/* "30" -> 0.30: a whole percentage from 1 to 100. Returns 0, -1. */
int alert_threshold_parse(const char *text, double *out);
/* Fills what is unset with the defaults. */
void alert_settings_resolve(struct alert_settings *s);

/* Urgency grows with the risk: low below 1.5 x threshold... */
enum alert_urgency { ALERT_LOW = 0, ALERT_NORMAL, ALERT_CRITICAL };
enum alert_urgency alert_urgency_for(double risk, double threshold);

#endif
