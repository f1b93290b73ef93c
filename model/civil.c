/* civil.c - civil dates and times: calendar arithmetic, ISO and French text
 * forms, and conversion to instants through the process's time zone.
 *
 * Day numbers use Howard Hinnant's days-from-civil algorithm (proleptic
 * Gregorian, 400-year eras), so no table and no time zone is involved until
 * civil_to_instant / civil_from_instant. Every public function validates its
 * input and leaves outputs untouched on failure. */
#include "civil.h"

#include <stdio.h>
#include <string.h>

enum {
    MINUTES_PER_DAY = 1440,
    /* civil_date_to_days(0001-01-01): origin of civil minutes. */
    DAYS_0001_TO_1970 = 719162,
};

int civil_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int civil_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && civil_is_leap_year(year))
        return 29;
    return days[month - 1];
}

int civil_date_valid(struct civil_date d)
{
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
           d.day >= 1 && d.day <= civil_days_in_month(d.year, d.month);
}

/* Hinnant's days_from_civil. Works on any field values without overflow
 * (int64 arithmetic); meaningful only for valid dates. */
int64_t civil_date_to_days(struct civil_date d)
{
    int64_t y = (int64_t)d.year - (d.month <= 2);
    int64_t m = d.month;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                  /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d.day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* Hinnant's civil_from_days. */
int civil_date_from_days(int64_t days, struct civil_date *out)
{
    /* Bounds: 0001-01-01 and 9999-12-31. */
    if (days < -(int64_t)DAYS_0001_TO_1970 || days > 2932896)
        return -1;
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    out->year = (int)(y + (m <= 2));
    out->month = (int)m;
    out->day = (int)d;
    return 0;
}

int civil_date_add_days(struct civil_date d, int64_t n, struct civil_date *out)
{
    if (!civil_date_valid(d))
        return -1;
    /* Any n beyond the 1..9999 span fails; clamp first to avoid overflow. */
    if (n > 4000000 || n < -4000000)
        return -1;
    return civil_date_from_days(civil_date_to_days(d) + n, out);
}

int64_t civil_date_diff_days(struct civil_date a, struct civil_date b)
{
    return civil_date_to_days(a) - civil_date_to_days(b);
}

int civil_birth_date_plausible(struct civil_date d, struct civil_date today)
{
    return d.year >= CIVIL_BIRTH_MIN_YEAR && civil_date_compare(d, today) <= 0;
}

int civil_date_compare(struct civil_date a, struct civil_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

enum civil_weekday civil_weekday(struct civil_date d)
{
    /* 1970-01-01 was a Thursday (4). */
    int64_t days = civil_date_to_days(d);
    int64_t w = ((days + 3) % 7 + 7) % 7; /* 0 = Monday */
    return (enum civil_weekday)(w + 1);
}

/* ISO 8601: weeks start on Monday; week 1 holds the year's first Thursday.
 * The Thursday of d's week decides the ISO year. */
void civil_iso_week(struct civil_date d, int *iso_year, int *week)
{
    int64_t days = civil_date_to_days(d);
    int64_t thursday = days - ((int)civil_weekday(d) - 1) + 3;
    struct civil_date th;
    if (civil_date_from_days(thursday, &th) != 0) {
        /* Edge of the calendar (week of 0001-01-01 or 9999-12-31). */
        th = d;
    }
    struct civil_date jan1 = {th.year, 1, 1};
    int64_t w = (thursday - civil_date_to_days(jan1)) / 7 + 1;
    if (iso_year)
        *iso_year = th.year;
    if (week)
        *week = (int)w;
}

static int minute_valid(int minute)
{
    return minute >= 0 && minute < MINUTES_PER_DAY;
}

static int datetime_valid(struct civil_datetime dt)
{
    return civil_date_valid(dt.date) && minute_valid(dt.minute);
}

int64_t civil_datetime_to_minutes(struct civil_datetime dt)
{
    return (civil_date_to_days(dt.date) + DAYS_0001_TO_1970) * MINUTES_PER_DAY +
           dt.minute;
}

int civil_datetime_from_minutes(int64_t minutes, struct civil_datetime *out)
{
    if (minutes < 0)
        return -1;
    struct civil_date d;
    if (civil_date_from_days(minutes / MINUTES_PER_DAY - DAYS_0001_TO_1970, &d) != 0)
        return -1;
    out->date = d;
    out->minute = (int)(minutes % MINUTES_PER_DAY);
    return 0;
}

int civil_datetime_add_minutes(struct civil_datetime dt, int64_t n,
                               struct civil_datetime *out)
{
    if (!datetime_valid(dt))
        return -1;
    if (n > INT64_C(6000000000) || n < -INT64_C(6000000000))
        return -1;
    return civil_datetime_from_minutes(civil_datetime_to_minutes(dt) + n, out);
}

int civil_datetime_compare(struct civil_datetime a, struct civil_datetime b)
{
    int c = civil_date_compare(a.date, b.date);
    if (c != 0)
        return c;
    if (a.minute != b.minute)
        return a.minute < b.minute ? -1 : 1;
    return 0;
}

/* ---- parsing ---------------------------------------------------------- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads between min and max digits at *p; advances *p. -1 if fewer. */
static int read_digits(const char **p, int min, int max, int *value)
{
    int n = 0, v = 0;
    while (n < max && is_digit((*p)[n])) {
        v = v * 10 + ((*p)[n] - '0');
        n++;
    }
    if (n < min)
        return -1;
    *p += n;
    *value = v;
    return 0;
}

/* Parses a date at the start of s; *end gets the first unread character. */
static int parse_date_prefix(const char *s, struct civil_date *out, const char **end)
{
    const char *p = s;
    struct civil_date d;
    if (is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) &&
        p[4] == '-') {
        /* ISO: exactly YYYY-MM-DD. */
        if (read_digits(&p, 4, 4, &d.year) || *p++ != '-' ||
            read_digits(&p, 2, 2, &d.month) || *p++ != '-' ||
            read_digits(&p, 2, 2, &d.day))
            return -1;
    } else {
        /* French: D/M/YYYY, day and month with or without a leading zero. */
        if (read_digits(&p, 1, 2, &d.day) || *p++ != '/' ||
            read_digits(&p, 1, 2, &d.month) || *p++ != '/' ||
            read_digits(&p, 4, 4, &d.year))
            return -1;
    }
    if (is_digit(*p) || !civil_date_valid(d))
        return -1;
    *out = d;
    *end = p;
    return 0;
}

int civil_parse_date(const char *s, struct civil_date *out)
{
    struct civil_date d;
    const char *end;
    if (!s || parse_date_prefix(s, &d, &end) != 0 || *end != '\0')
        return -1;
    *out = d;
    return 0;
}

int civil_parse_time(const char *s, int *minute_out)
{
    if (!s)
        return -1;
    const char *p = s;
    int h, m = 0;
    if (is_digit(p[0]) && is_digit(p[1]) && p[2] == ':') {
        /* ISO: exactly HH:MM. */
        p += 3;
        h = (s[0] - '0') * 10 + (s[1] - '0');
        if (read_digits(&p, 2, 2, &m))
            return -1;
    } else {
        /* French: H or HH, 'h', then nothing or exactly two digits. */
        if (read_digits(&p, 1, 2, &h) || (*p != 'h' && *p != 'H'))
            return -1;
        p++;
        if (*p != '\0' && read_digits(&p, 2, 2, &m))
            return -1;
    }
    if (*p != '\0' || h > 23 || m > 59)
        return -1;
    *minute_out = h * 60 + m;
    return 0;
}

int civil_parse_datetime(const char *s, struct civil_datetime *out)
{
    struct civil_date d;
    const char *end;
    int minute;
    if (!s || parse_date_prefix(s, &d, &end) != 0 || *end != ' ' ||
        civil_parse_time(end + 1, &minute) != 0)
        return -1;
    out->date = d;
    out->minute = minute;
    return 0;
}

/* ---- formatting ------------------------------------------------------- */

/* snprintf into buf; -1 when truncated. Nothing is promised about buf then,
 * so write through a local copy to keep it untouched. */
static int format_checked(char *buf, size_t size, const char *text)
{
    size_t n = strlen(text);
    if (!buf || n + 1 > size)
        return -1;
    memcpy(buf, text, n + 1);
    return 0;
}

/* Digits written by hand: an import formats a few dates per line, and
 * snprintf costs ten times as much. The fields are valid, so in range. */
static char *put_digits(char *p, int value, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + value % 10);
        value /= 10;
    }
    return p + width;
}

static char *put_date(char *p, struct civil_date d)
{
    p = put_digits(p, d.year, 4);
    *p++ = '-';
    p = put_digits(p, d.month, 2);
    *p++ = '-';
    return put_digits(p, d.day, 2);
}

int civil_format_date(struct civil_date d, char *buf, size_t size)
{
    if (!civil_date_valid(d) || !buf || size < CIVIL_DATE_LEN)
        return -1;
    *put_date(buf, d) = '\0';
    return 0;
}

int civil_format_time(int minute, char *buf, size_t size)
{
    char tmp[16];
    if (!minute_valid(minute))
        return -1;
    snprintf(tmp, sizeof tmp, "%02d:%02d", minute / 60, minute % 60);
    return format_checked(buf, size, tmp);
}

int civil_format_datetime(struct civil_datetime dt, char *buf, size_t size)
{
    if (!datetime_valid(dt) || !buf || size < CIVIL_DATETIME_LEN)
        return -1;
    char *p = put_date(buf, dt.date);
    *p++ = ' ';
    p = put_digits(p, dt.minute / 60, 2);
    *p++ = ':';
    *put_digits(p, dt.minute % 60, 2) = '\0';
    return 0;
}

int civil_format_date_fr(struct civil_date d, char *buf, size_t size)
{
    char tmp[32];
    if (!civil_date_valid(d))
        return -1;
    snprintf(tmp, sizeof tmp, "%02d/%02d/%04d", d.day, d.month, d.year);
    return format_checked(buf, size, tmp);
}

int civil_format_time_fr(int minute, char *buf, size_t size)
{
    char tmp[16];
    if (!minute_valid(minute))
        return -1;
    if (minute % 60 == 0)
        snprintf(tmp, sizeof tmp, "%dh", minute / 60);
    else
        snprintf(tmp, sizeof tmp, "%dh%02d", minute / 60, minute % 60);
    return format_checked(buf, size, tmp);
}

/* ---- instants --------------------------------------------------------- */

/* mktime with a given tm_isdst; 1 if the result reads back as the same
 * civil time (so it is a real instant for that wall-clock time). */
static int try_mktime(struct civil_datetime dt, int isdst, time_t *out)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = dt.date.year - 1900;
    tm.tm_mon = dt.date.month - 1;
    tm.tm_mday = dt.date.day;
    tm.tm_hour = dt.minute / 60;
    tm.tm_min = dt.minute % 60;
    tm.tm_isdst = isdst;
    time_t t = mktime(&tm);
    *out = t;
    struct tm back;
    if (localtime_r(&t, &back) == NULL)
        return 0;
    return back.tm_year == dt.date.year - 1900 && back.tm_mon == dt.date.month - 1 &&
           back.tm_mday == dt.date.day && back.tm_hour == dt.minute / 60 &&
           back.tm_min == dt.minute % 60 && back.tm_sec == 0;
}

/* glibc's mktime with tm_isdst=-1 may pick either instant of an ambiguous
 * (fall-back) hour, so all three hints are tried: the earliest candidate
 * that reads back unchanged wins. When none does, the time fell in a
 * spring-forward gap; the latest candidate is the one read with the offset
 * in force before the change (02:30 -> 03:30 CEST), i.e. after the gap. */
int civil_to_instant(struct civil_datetime dt, time_t *out)
{
    static const int hints[3] = {-1, 0, 1};
    time_t best_valid = 0, latest = 0;
    int have_valid = 0, have_any = 0;
    if (!datetime_valid(dt))
        return -1;
    for (int i = 0; i < 3; i++) {
        time_t t;
        int ok = try_mktime(dt, hints[i], &t);
        if (t == (time_t)-1 && !ok)
            continue;
        if (ok && (!have_valid || t < best_valid)) {
            best_valid = t;
            have_valid = 1;
        }
        if (!have_any || t > latest)
            latest = t;
        have_any = 1;
    }
    if (have_valid) {
        *out = best_valid;
        return 0;
    }
    if (!have_any)
        return -1;
    /* Gap: accept the latest candidate only if it reads back just after
     * the requested time (within a day), never as an arbitrary shift. */
    struct civil_datetime back;
    if (civil_from_instant(latest, &back) != 0)
        return -1;
    int64_t delta = civil_datetime_to_minutes(back) - civil_datetime_to_minutes(dt);
    if (delta <= 0 || delta > MINUTES_PER_DAY)
        return -1;
    *out = latest;
    return 0;
}

int civil_from_instant(time_t t, struct civil_datetime *out)
{
    struct tm tm;
    if (localtime_r(&t, &tm) == NULL)
        return -1;
    if (tm.tm_year < 1 - 1900 || tm.tm_year > 9999 - 1900)
        return -1;
    out->date.year = tm.tm_year + 1900;
    out->date.month = tm.tm_mon + 1;
    out->date.day = tm.tm_mday;
    out->minute = tm.tm_hour * 60 + tm.tm_min;
    return 0;
}
