/* alerts.c - moments of alerts and their urgency (alerts.h). */
#include "alerts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"

static int parse_spec(const char *s, struct alert_moment *m)
{
    char *end;
    if (*s != '-')
        return -1;
    long n = strtol(s + 1, &end, 10);
    if (end == s + 1 || n < 0 || n > 60 * 24 * 31)
        return -1;
    if (*end == 'd' && end[1] == '@') {
        int minute;
        if (n > 31 || civil_parse_time(end + 2, &minute) != 0)
            return -1;
        m->days_before = (int)n;
        m->at_minute = minute;
        m->minutes_before = 0;
        return 0;
    }
    if ((*end == 'h' || *end == 'm') && end[1] == '\0') {
        long minutes = *end == 'h' ? n * 60 : n;
        if (minutes > 60L * 24 * 31)
            return -1;
        m->minutes_before = (int)minutes;
        m->days_before = 0;
        m->at_minute = -1;
        return 0;
    }
    return -1;
}

int alert_moment_parse(const char *text, struct alert_moment *out)
{
    if (!text)
        return -1;
    struct alert_moment m = {0};
    const char *eq = strchr(text, '=');
    const char *spec = eq ? eq + 1 : text;
    size_t len = eq ? (size_t)(eq - text) : strlen(text);
    if (len == 0 || len >= sizeof m.name)
        return -1;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '@' || c == ':'))
            return -1;
    }
    memcpy(m.name, text, len);
    if (parse_spec(spec, &m) != 0)
        return -1;
    *out = m;
    return 0;
}

int alert_moment_defaults(struct alert_moment *out, int max)
{
    int n = 0;
    if (n < max && alert_moment_parse("day-before=-1d@16:00", &out[n]) == 0)
        n++;
    if (n < max && alert_moment_parse("2h-before=-2h", &out[n]) == 0)
        n++;
    return n;
}

int64_t alert_moment_due(const struct alert_moment *m, int64_t start)
{
    if (m->at_minute < 0)
        return start - m->minutes_before;
    struct civil_datetime s, d;
    if (civil_datetime_from_minutes(start, &s) != 0 ||
        civil_date_add_days(s.date, -m->days_before, &d.date) != 0)
        return start;
    d.minute = m->at_minute;
    int64_t due = civil_datetime_to_minutes(d);
    return due < start ? due : start;
}

int64_t alert_moment_horizon(const struct alert_moment *m, int64_t now)
{
    if (m->at_minute < 0)
        return now + m->minutes_before + 1;
    struct civil_datetime t;
    struct civil_date last;
    if (civil_datetime_from_minutes(now, &t) != 0)
        return now;
    /* the last start date whose moment has come: today + days, or one day
     * less before the time of day */
    int days = m->days_before - (t.minute < m->at_minute ? 1 : 0);
    if (civil_date_add_days(t.date, days + 1, &last) != 0)
        return now;
    return civil_datetime_to_minutes((struct civil_datetime){last, 0});
}

enum alert_urgency alert_urgency_for(double risk, double threshold)
{
    if (risk >= 0.6 || risk >= 2.0 * threshold)
        return ALERT_CRITICAL;
    if (risk >= 1.5 * threshold || risk >= 0.4)
        return ALERT_NORMAL;
    return ALERT_LOW;
}

int alert_threshold_parse(const char *text, double *out)
{
    char *end;
    if (!text || !*text || *text == '-' || *text == '+' || *text == ' ')
        return -1;
    long pct = strtol(text, &end, 10);
    if (*end || end == text || pct < 1 || pct > 100)
        return -1;
    *out = (double)pct / 100.0;
    return 0;
}

int alert_settings_apply(struct alert_settings *s, const char *key, const char *value,
                         char *why, size_t whysize)
{
    if (strcmp(key, "alert_threshold") == 0) {
        double t;
        if (alert_threshold_parse(value, &t) != 0) {
            snprintf(why, whysize, _("alert_threshold must be a percentage from 1 to 100, "
                                     "not \"%s\""), value);
            return -1;
        }
        s->threshold = t;
        return 1;
    }
    if (strcmp(key, "alert_moments") != 0)
        return 0;
    struct alert_moment m[ALERT_MAX_MOMENTS];
    int n = 0;
    const char *p = value;
    for (;;) {
        while (*p == ',' || *p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, ", \t");
        char one[64];
        if (n == ALERT_MAX_MOMENTS || len >= sizeof one) {
            snprintf(why, whysize, _("alert_moments: at most %d moments such as "
                                     "day-before=-1d@16:00, 2h-before=-2h"), ALERT_MAX_MOMENTS);
            return -1;
        }
        memcpy(one, p, len);
        one[len] = '\0';
        if (alert_moment_parse(one, &m[n]) != 0) {
            snprintf(why, whysize, _("alert_moments: NAME=-1d@16:00, NAME=-2h or NAME=-30m, "
                                     "not \"%s\""), one);
            return -1;
        }
        for (int k = 0; k < n; k++)
            if (strcmp(m[k].name, m[n].name) == 0) {
                snprintf(why, whysize, _("alert_moments: the moment \"%s\" is named twice"),
                         m[n].name);
                return -1;
            }
        n++;
        p += len;
    }
    if (n == 0) {
        snprintf(why, whysize, "%s", _("alert_moments: at least one moment, such as "
                                       "day-before=-1d@16:00"));
        return -1;
    }
    memcpy(s->moments, m, (size_t)n * sizeof m[0]);
    s->nmoments = n;
    return 1;
}

void alert_settings_resolve(struct alert_settings *s)
{
    if (s->threshold <= 0.0)
        s->threshold = ALERT_DEFAULT_THRESHOLD_PCT / 100.0;
    if (s->nmoments <= 0)
        s->nmoments = alert_moment_defaults(s->moments, ALERT_MAX_MOMENTS);
}
