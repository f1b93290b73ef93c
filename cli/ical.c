/* ical.c - loan series as iCalendar (RFC 5545): one VEVENT per series with
 * an RRULE (FREQ=WEEKLY, INTERVAL, BYDAY, UNTIL), EXDATE for the skipped,
 * cancelled and refused dates, and an override VEVENT (same UID, with
 * RECURRENCE-ID) for each moved date. UIDs are stored with each series and
 * never change; SEQUENCE is the series' change counter. Times are the
 * site's civil times with TZID=Europe/Paris and its VTIMEZONE; UNTIL is the
 * UTC instant of the last date's start (RFC 5545 3.3.10: UTC when DTSTART
 * has a TZID), computed with the process's time zone. Lines end with CRLF
 * and are folded at 75 octets without splitting a UTF-8 character. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "loans_cli.h"

enum { ICAL_FOLD = 75 };

static size_t utf8_char_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    if ((c & 0xF8) == 0xF0)
        return 4;
    return 1;
}

/* TEXT value escaping (3.3.11); control characters become spaces. */
static void escape_text(const char *in, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = in; *p && o + 3 < size; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\\' || c == ';' || c == ',') {
            out[o++] = '\\';
            out[o++] = (char)c;
        } else if (c == '\n') {
            out[o++] = '\\';
            out[o++] = 'n';
        } else if (c < 0x20 || c == 0x7f) {
            out[o++] = ' ';
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
}

void ical_line(FILE *out, const char *name, const char *value, int text)
{
    char escaped[2048], line[2600];
    if (text) {
        escape_text(value, escaped, sizeof escaped);
        value = escaped;
    }
    snprintf(line, sizeof line, "%s:%s", name, value);
    size_t len = strlen(line), col = 0;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_char_len((unsigned char)line[i]);
        if (i + n > len)
            n = len - i;
        if (col + n > ICAL_FOLD) {
            fputs("\r\n ", out);
            col = 1;
        }
        fwrite(line + i, 1, n, out);
        col += n;
        i += n;
    }
    fputs("\r\n", out);
}

static void local_stamp(struct civil_date d, int minute, char out[32])
{
    if (minute >= 1440) { /* 24:00 is 00:00 the next day */
        civil_date_add_days(d, 1, &d);
        minute -= 1440;
    }
    snprintf(out, 32, "%04d%02d%02dT%02d%02d00", d.year, d.month, d.day, minute / 60,
             minute % 60);
}

static void utc_stamp(struct civil_date d, int minute, char out[32])
{
    struct civil_datetime dt = {d, minute};
    time_t t;
    struct tm tm;
    if (civil_to_instant(dt, &t) != 0 || !gmtime_r(&t, &tm)) {
        local_stamp(d, minute, out);
        strcat(out, "Z");
        return;
    }
    strftime(out, 32, "%Y%m%dT%H%M%SZ", &tm);
}

static const char *const byday[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

static void write_vtimezone(FILE *out, const char *tzid)
{
    ical_line(out, "BEGIN", "VTIMEZONE", 0);
    ical_line(out, "TZID", tzid, 0);
    ical_line(out, "BEGIN", "DAYLIGHT", 0);
    ical_line(out, "TZOFFSETFROM", "+0100", 0);
    ical_line(out, "TZOFFSETTO", "+0200", 0);
    ical_line(out, "TZNAME", "CEST", 0);
    ical_line(out, "DTSTART", "19700329T020000", 0);
    ical_line(out, "RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", 0);
    ical_line(out, "END", "DAYLIGHT", 0);
    ical_line(out, "BEGIN", "STANDARD", 0);
    ical_line(out, "TZOFFSETFROM", "+0200", 0);
    ical_line(out, "TZOFFSETTO", "+0100", 0);
    ical_line(out, "TZNAME", "CET", 0);
    ical_line(out, "DTSTART", "19701025T030000", 0);
    ical_line(out, "RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", 0);
    ical_line(out, "END", "STANDARD", 0);
    ical_line(out, "END", "VTIMEZONE", 0);
}

static void common_props(FILE *out, const struct db_loan_series_export *s, const char *stamp)
{
    char buf[512], seq[16];
    ical_line(out, "UID", s->uid, 0);
    ical_line(out, "DTSTAMP", stamp, 0);
    snprintf(seq, sizeof seq, "%d", s->sequence);
    ical_line(out, "SEQUENCE", seq, 0);
    snprintf(buf, sizeof buf, "%s - %s", s->association, s->room);
    ical_line(out, "SUMMARY", buf, 1);
    snprintf(buf, sizeof buf, "%s, %s", s->room, s->site);
    ical_line(out, "LOCATION", buf, 1);
    if (s->purpose[0])
        ical_line(out, "DESCRIPTION", s->purpose, 1);
    ical_line(out, "STATUS", s->state == DB_LOAN_APPROVED    ? "CONFIRMED"
                             : s->state == DB_LOAN_REQUESTED ? "TENTATIVE"
                                                             : "CANCELLED",
              0);
}

/* The first date the pattern gives (DTSTART must be an instance). */
static int first_instance(const struct loan_pattern *p, struct civil_date *out)
{
    struct loan_date d[8];
    size_t n;
    struct loan_pattern week = *p;
    civil_date_add_days(p->first, 6, &week.last);
    if (civil_date_compare(week.last, p->last) > 0)
        week.last = p->last;
    loan_series_expand(&week, NULL, d, 8, &n);
    if (n == 0)
        return -1;
    *out = d[0].date;
    return 0;
}

void ical_write_loans(FILE *out, const struct db_loan_series_export *s, size_t n,
                      const char *tzid, const char *stamp)
{
    char name[64], value[4096];
    ical_line(out, "BEGIN", "VCALENDAR", 0);
    ical_line(out, "VERSION", "2.0", 0);
    ical_line(out, "PRODID", "-//guichet//room loans " GUICHET_VERSION "//FR", 0);
    ical_line(out, "CALSCALE", "GREGORIAN", 0);
    write_vtimezone(out, tzid);
    for (size_t i = 0; i < n; i++) {
        const struct db_loan_series_export *x = &s[i];
        struct civil_date first;
        if (first_instance(&x->pattern, &first) != 0)
            continue;
        ical_line(out, "BEGIN", "VEVENT", 0);
        common_props(out, x, stamp);
        char t[32];
        snprintf(name, sizeof name, "DTSTART;TZID=%s", tzid);
        local_stamp(first, x->pattern.start_minute, t);
        ical_line(out, name, t, 0);
        snprintf(name, sizeof name, "DTEND;TZID=%s", tzid);
        local_stamp(first, x->pattern.end_minute, t);
        ical_line(out, name, t, 0);
        char days[32] = "", until[32];
        for (int d = 0; d < 7; d++)
            if (x->pattern.weekdays & (1u << d)) {
                if (days[0])
                    strcat(days, ",");
                strcat(days, byday[d]);
            }
        utc_stamp(x->pattern.last, x->pattern.start_minute, until);
        snprintf(value, sizeof value, "FREQ=WEEKLY;INTERVAL=%d;WKST=MO;BYDAY=%s;UNTIL=%s",
                 x->pattern.every_weeks, days, until);
        ical_line(out, "RRULE", value, 0);
        /* EXDATE values in one property, folded like any line. */
        size_t used = 0;
        value[0] = '\0';
        for (size_t k = 0; k < x->n_exdates; k++) {
            if (civil_date_compare(x->exdates[k], x->pattern.first) < 0 ||
                civil_date_compare(x->exdates[k], x->pattern.last) > 0)
                continue;
            local_stamp(x->exdates[k], x->pattern.start_minute, t);
            if (used + strlen(t) + 2 >= sizeof value) {
                snprintf(name, sizeof name, "EXDATE;TZID=%s", tzid);
                ical_line(out, name, value, 0);
                used = 0;
                value[0] = '\0';
            }
            used += (size_t)snprintf(value + used, sizeof value - used, "%s%s", used ? "," : "",
                                     t);
        }
        if (used) {
            snprintf(name, sizeof name, "EXDATE;TZID=%s", tzid);
            ical_line(out, name, value, 0);
        }
        ical_line(out, "END", "VEVENT", 0);
        for (size_t k = 0; k < x->n_moved; k++) {
            const struct loan_exception *m = &x->moved[k];
            ical_line(out, "BEGIN", "VEVENT", 0);
            common_props(out, x, stamp);
            snprintf(name, sizeof name, "RECURRENCE-ID;TZID=%s", tzid);
            local_stamp(m->original, x->pattern.start_minute, t);
            ical_line(out, name, t, 0);
            snprintf(name, sizeof name, "DTSTART;TZID=%s", tzid);
            local_stamp(m->moved_date, m->moved_start, t);
            ical_line(out, name, t, 0);
            snprintf(name, sizeof name, "DTEND;TZID=%s", tzid);
            local_stamp(m->moved_date, m->moved_end, t);
            ical_line(out, name, t, 0);
            ical_line(out, "END", "VEVENT", 0);
        }
    }
    ical_line(out, "END", "VCALENDAR", 0);
}
