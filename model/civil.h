/* civil.h - civil (wall-clock) dates and times, with no time zone attached.
 *
 * guichet stores local times as text "YYYY-MM-DD HH:MM" in the site's civil
 * time (DESIGN.md §3): "Tuesday 9:00" stays 9:00 across daylight-saving
 * changes. This module parses and formats those texts (ISO and French forms),
 * does calendar arithmetic on a proleptic Gregorian calendar (years 1..9999),
 * and converts to instants (time_t) through the process's time zone when a
 * real duration is needed ("in 40 minutes").
 *
 * Pure C11 + libc. All functions return 0 on success and -1 on invalid input
 * unless stated otherwise; outputs are untouched on failure. */
#ifndef GUICHET_MODEL_CIVIL_H
#define GUICHET_MODEL_CIVIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct civil_date {
    int year;   /* 1..9999 */
    int month;  /* 1..12 */
    int day;    /* 1..31 */
};

/* A date plus minutes since midnight (0..1439). */
struct civil_datetime {
    struct civil_date date;
    int minute;
};

/* Sizes of formatted texts, terminating NUL included. */
enum {
    CIVIL_DATE_LEN = 11,      /* 2026-11-25 */
    CIVIL_TIME_LEN = 6,       /* 14:30 */
    CIVIL_DATETIME_LEN = 17,  /* 2026-11-25 14:30 */
};

enum civil_weekday {
    CIVIL_MONDAY = 1, CIVIL_TUESDAY, CIVIL_WEDNESDAY, CIVIL_THURSDAY,
    CIVIL_FRIDAY, CIVIL_SATURDAY, CIVIL_SUNDAY
};

int civil_is_leap_year(int year);
int civil_days_in_month(int year, int month);            /* 0 if month invalid */
int civil_date_valid(struct civil_date d);               /* 1 valid, 0 not */

/* Days since 1970-01-01 (negative before); meaningful for valid dates only.
 * The inverse returns -1 when the result falls outside years 1..9999. */
int64_t civil_date_to_days(struct civil_date d);
int civil_date_from_days(int64_t days, struct civil_date *out);

int civil_date_add_days(struct civil_date d, int64_t n, struct civil_date *out);
int64_t civil_date_diff_days(struct civil_date a, struct civil_date b); /* a - b */
int civil_date_compare(struct civil_date a, struct civil_date b);       /* <0 0 >0 */
/* A birth date a living person can have: from CIVIL_BIRTH_MIN_YEAR to
 * `today` included (1 yes, 0 no). */
enum { CIVIL_BIRTH_MIN_YEAR = 1900 };
int civil_birth_date_plausible(struct civil_date d, struct civil_date today);
enum civil_weekday civil_weekday(struct civil_date d);
/* ISO 8601 week number (1..53) and the ISO week-based year it belongs to. */
void civil_iso_week(struct civil_date d, int *iso_year, int *week);

/* Minutes since 0001-01-01 00:00 civil: a total order for datetimes, usable
 * as interval bounds. The inverse fails outside years 1..9999. */
int64_t civil_datetime_to_minutes(struct civil_datetime dt);
int civil_datetime_from_minutes(int64_t minutes, struct civil_datetime *out);
int civil_datetime_add_minutes(struct civil_datetime dt, int64_t n,
                               struct civil_datetime *out);
int civil_datetime_compare(struct civil_datetime a, struct civil_datetime b);

/* Parsing. Whole string must match; surrounding spaces are not accepted.
 *   civil_parse_date:     "2026-11-25" (ISO: exactly 4-2-2 digits) or
 *                         "25/11/2026" (French: "5/1/2026" also accepted)
 *   civil_parse_time:     "14:30" (ISO: exactly 2:2 digits), "14h30", "9h05",
 *                         "14h", "9h" (minutes since midnight; 'H' also)
 *   civil_parse_datetime: a date, one space, a time ("2026-11-25 14:30",
 *                         "25/11/2026 14h30"). */
int civil_parse_date(const char *s, struct civil_date *out);
int civil_parse_time(const char *s, int *minute_out);
int civil_parse_datetime(const char *s, struct civil_datetime *out);

/* Formatting into caller buffers; return -1 if the buffer is too small or the
 * value invalid. ISO: "2026-11-25", "14:30", "2026-11-25 14:30".
 * French: "25/11/2026", "14h30", "9h05", "14h" (no minutes on the hour). */
int civil_format_date(struct civil_date d, char *buf, size_t size);
int civil_format_time(int minute, char *buf, size_t size);
int civil_format_datetime(struct civil_datetime dt, char *buf, size_t size);
int civil_format_date_fr(struct civil_date d, char *buf, size_t size);
int civil_format_time_fr(int minute, char *buf, size_t size);

/* Instants, through the process's time zone (TZ, tzset() called once by the
 * program). A civil time that does not exist (skipped by a spring-forward
 * change) is read with the offset in force before the change, which lands
 * after the gap (Europe/Paris 2026-03-29 02:30 -> 03:30 CEST); one that
 * happens twice (autumn fall-back) maps to the earlier instant (2026-10-25
 * 02:30 -> 02:30 CEST). civil_from_instant fails outside years 1..9999. */
int civil_to_instant(struct civil_datetime dt, time_t *out);
int civil_from_instant(time_t t, struct civil_datetime *out);

#endif
