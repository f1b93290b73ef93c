/* clock.c - current civil time, in the process's time zone or in a site's
 * IANA zone, optionally fixed by GUICHET_NOW (tests).
 *
 * GUICHET_NOW takes two forms. "YYYY-MM-DD HH:MM" fixes the wall clock:
 * every site reads that civil time, whatever its zone (reproducible
 * screens). "YYYY-MM-DD HH:MMZ" fixes an instant in UTC: each site reads
 * its own civil time for it, as a real clock would (tests of zones and
 * daylight-saving changes). */
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { FIXED_UNKNOWN = -1, FIXED_NONE = 0, FIXED_WALL = 1, FIXED_INSTANT = 2 };

static int fixed_state = FIXED_UNKNOWN;
static struct civil_datetime fixed_now; /* FIXED_WALL */
static time_t fixed_instant;            /* FIXED_INSTANT */

static void load_fixed(void)
{
    const char *s = getenv("GUICHET_NOW");
    char text[CIVIL_DATETIME_LEN + 2];
    struct civil_datetime dt;
    fixed_state = FIXED_NONE;
    if (!s || strlen(s) >= sizeof text)
        return;
    snprintf(text, sizeof text, "%s", s);
    size_t n = strlen(text);
    int utc = n > 0 && (text[n - 1] == 'Z' || text[n - 1] == 'z');
    if (utc)
        text[n - 1] = '\0';
    if (civil_parse_datetime(text, &dt) != 0)
        return;
    if (!utc) {
        fixed_now = dt;
        fixed_state = FIXED_WALL;
        return;
    }
    struct tm tm = {0};
    tm.tm_year = dt.date.year - 1900;
    tm.tm_mon = dt.date.month - 1;
    tm.tm_mday = dt.date.day;
    tm.tm_hour = dt.minute / 60;
    tm.tm_min = dt.minute % 60;
    fixed_instant = timegm(&tm);
    fixed_state = FIXED_INSTANT;
}

void clock_reload(void) { load_fixed(); }

int clock_is_fixed(void)
{
    if (fixed_state == FIXED_UNKNOWN)
        load_fixed();
    return fixed_state != FIXED_NONE;
}

static time_t instant_now(void)
{
    clock_is_fixed();
    return fixed_state == FIXED_INSTANT ? fixed_instant : time(NULL);
}

static void from_tm(const struct tm *tm, struct civil_datetime *out,
                    int *seconds)
{
    out->date.year = tm->tm_year + 1900;
    out->date.month = tm->tm_mon + 1;
    out->date.day = tm->tm_mday;
    out->minute = tm->tm_hour * 60 + tm->tm_min;
    if (seconds)
        *seconds = tm->tm_sec > 59 ? 59 : tm->tm_sec;
}

void clock_now(struct civil_datetime *out, int *seconds)
{
    if (clock_is_fixed() && fixed_state == FIXED_WALL) {
        *out = fixed_now;
        if (seconds)
            *seconds = 0;
        return;
    }
    time_t t = instant_now();
    struct tm tm;
    localtime_r(&t, &tm);
    from_tm(&tm, out, seconds);
}

int clock_zone_known(const char *zone)
{
    char path[512];
    const char *dir = getenv("TZDIR");
    if (!zone || !zone[0] || zone[0] == '/' || strstr(zone, ".."))
        return 0;
    if (strcmp(zone, "UTC") == 0)
        return 1;
    snprintf(path, sizeof path, "%s/%s", dir && dir[0] ? dir
                                         : "/usr/share/zoneinfo", zone);
    return access(path, R_OK) == 0;
}

/* The civil time of instant t in `zone`: the C library knows zones only
 * through TZ, so TZ is switched for the conversion and put back. The last
 * answer is kept: a screen asks many times in the same minute. */
/* The process's TZ switched to a zone for a moment, then put back (the C
 * library converts times in TZ only). */
struct zone_switch {
    int had;
    char saved[256];
};

static void zone_enter(struct zone_switch *z, const char *zone)
{
    const char *old = getenv("TZ");
    z->had = old != NULL;
    if (z->had)
        snprintf(z->saved, sizeof z->saved, "%s", old);
    setenv("TZ", zone, 1);
    tzset();
}

static void zone_leave(const struct zone_switch *z)
{
    if (z->had)
        setenv("TZ", z->saved, 1);
    else
        unsetenv("TZ");
    tzset();
}

static void civil_in_zone(time_t t, const char *zone, struct tm *tm)
{
    static char last_zone[128];
    static time_t last_t = (time_t)-1;
    static struct tm last_tm;
    if (t == last_t && strcmp(zone, last_zone) == 0) {
        *tm = last_tm;
        return;
    }
    struct zone_switch z;
    zone_enter(&z, zone);
    localtime_r(&t, tm);
    zone_leave(&z);
    snprintf(last_zone, sizeof last_zone, "%s", zone);
    last_t = t;
    last_tm = *tm;
}

void clock_now_in_zone(const char *zone, struct civil_datetime *out,
                       int *seconds)
{
    if (!zone || !zone[0] || !clock_zone_known(zone) ||
        strlen(zone) >= 128 ||
        (clock_is_fixed() && fixed_state == FIXED_WALL)) {
        clock_now(out, seconds);
        return;
    }
    struct tm tm;
    civil_in_zone(instant_now(), zone, &tm);
    from_tm(&tm, out, seconds);
}

/* ---- time stamps --------------------------------------------------------- */

static void stamp_of(time_t t, char out[CLOCK_STAMP_LEN])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    if (strftime(out, CLOCK_STAMP_LEN, "%Y-%m-%dT%H:%M:%S+00:00", &tm) == 0)
        out[0] = '\0';
}

/* `zone` when this machine knows it, else "" (the process's zone). */
static const char *usable_zone(const char *zone)
{
    return zone && zone[0] && strlen(zone) < 128 && clock_zone_known(zone) ? zone : "";
}

/* mktime in `zone` ("" = the process's), TZ switched as civil_in_zone. */
static time_t instant_in_zone(struct tm *tm, const char *zone)
{
    if (!zone[0])
        return mktime(tm);
    struct zone_switch z;
    zone_enter(&z, zone);
    time_t t = mktime(tm);
    zone_leave(&z);
    return t;
}

void clock_stamp_now(char out[CLOCK_STAMP_LEN])
{
    if (clock_is_fixed() && fixed_state == FIXED_WALL) {
        if (clock_stamp_from_civil(fixed_now, 0, "", out) != 0)
            out[0] = '\0';
        return;
    }
    stamp_of(instant_now(), out);
}

int clock_stamp_from_civil(struct civil_datetime civil, int seconds, const char *zone,
                           char out[CLOCK_STAMP_LEN])
{
    if (!civil_date_valid(civil.date) || civil.minute < 0 || civil.minute >= 1440 ||
        seconds < 0 || seconds > 59)
        return -1;
    struct tm tm = {0};
    tm.tm_year = civil.date.year - 1900;
    tm.tm_mon = civil.date.month - 1;
    tm.tm_mday = civil.date.day;
    tm.tm_hour = civil.minute / 60;
    tm.tm_min = civil.minute % 60;
    tm.tm_sec = seconds;
    tm.tm_isdst = -1;
    time_t t = instant_in_zone(&tm, usable_zone(zone));
    if (t == (time_t)-1)
        return -1;
    stamp_of(t, out);
    return out[0] ? 0 : -1;
}

int clock_stamp_to_civil(const char *stamp, const char *zone, struct civil_datetime *out,
                         int *seconds)
{
    int y, mo, d, h, mi, se, n = 0;
    if (!stamp || sscanf(stamp, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 ||
        n != 19)
        return -1;
    const char *off = stamp + 19;
    long offset = 0;
    if (strcmp(off, "Z") != 0) {
        int oh, om, m = 0;
        if ((off[0] != '+' && off[0] != '-') ||
            sscanf(off + 1, "%2d:%2d%n", &oh, &om, &m) != 2 || m != 5 || off[6] != '\0' ||
            oh > 23 || om > 59)
            return -1;
        offset = (oh * 60L + om) * 60L * (off[0] == '-' ? -1 : 1);
    }
    struct civil_date date = {y, mo, d};
    if (!civil_date_valid(date) || h > 23 || mi > 59 || se > 60)
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    time_t t = timegm(&tm) - offset;
    const char *z = usable_zone(zone);
    struct tm civil;
    if (z[0])
        civil_in_zone(t, z, &civil);
    else
        localtime_r(&t, &civil);
    from_tm(&civil, out, seconds);
    return 0;
}

int clock_run_in_zone(const char *zone, int (*fn)(void *ctx), void *ctx)
{
    const char *z = usable_zone(zone);
    if (!z[0])
        return fn(ctx);
    struct zone_switch sw;
    zone_enter(&sw, z);
    int rc = fn(ctx);
    zone_leave(&sw);
    return rc;
}
