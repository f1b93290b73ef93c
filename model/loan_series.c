/* loan_series.c - expansion of loan series, closures, exceptions, edit
 * scopes (see loan_series.h for the rules). */
#include "loan_series.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../common/i18n.h"
#include "holidays.h"
#include "interval.h"

int loan_pattern_valid(const struct loan_pattern *p)
{
    if (!p || (p->weekdays & LOAN_ALL_DAYS) == 0 || (p->weekdays & ~LOAN_ALL_DAYS))
        return 0;
    if (p->every_weeks < 1 || p->every_weeks > LOAN_MAX_EVERY_WEEKS)
        return 0;
    if (p->start_minute < 0 || p->start_minute >= 1440 ||
        p->end_minute <= p->start_minute || p->end_minute > 1440)
        return 0;
    if (!civil_date_valid(p->first) || !civil_date_valid(p->last) ||
        civil_date_compare(p->last, p->first) < 0)
        return 0;
    return 1;
}

/* English and French names; a typed word matches when it is a prefix of
 * at least two letters of one of them. */
static const char *const day_names[7][2] = {
    {"monday", "lundi"},   {"tuesday", "mardi"}, {"wednesday", "mercredi"},
    {"thursday", "jeudi"}, {"friday", "vendredi"}, {"saturday", "samedi"},
    {"sunday", "dimanche"},
};
/* Three-letter names, English for scripts and audit rows, translated for a
 * person: loan_parse_weekdays reads both back ("mar" begins "mardi"). */
static const char *const day_short[7] = {
    /* TRANSLATORS: a weekday in three letters, as in a loan's days "tue,thu";
     * it must begin the day's full name (mar for mardi). */
    N_("mon"), N_("tue"), N_("wed"), N_("thu"), N_("fri"), N_("sat"), N_("sun"),
};

static int parse_day(const char *w, size_t n)
{
    char low[16];
    if (n < 2 || n >= sizeof low)
        return -1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)w[i]);
    low[n] = '\0';
    int found = -1;
    for (int d = 0; d < 7; d++)
        for (int l = 0; l < 2; l++)
            if (strncmp(day_names[d][l], low, n) == 0) {
                if (found >= 0 && found != d)
                    return -1; /* ambiguous ("ma": mardi only; "m" refused) */
                found = d;
            }
    return found;
}

int loan_parse_weekdays(const char *s, unsigned *out)
{
    if (!s || !out || !*s)
        return -1;
    unsigned bits = 0;
    const char *p = s;
    for (;;) {
        const char *e = p;
        while (*e && *e != ',')
            e++;
        int d = parse_day(p, (size_t)(e - p));
        if (d < 0)
            return -1;
        bits |= 1u << d;
        if (!*e)
            break;
        p = e + 1;
    }
    *out = bits;
    return 0;
}

static int format_days(unsigned days, int translate, char *buf, size_t size)
{
    if (!buf || size == 0 || (days & LOAN_ALL_DAYS) == 0)
        return -1;
    size_t used = 0;
    buf[0] = '\0';
    for (int d = 0; d < 7; d++) {
        if (!(days & (1u << d)))
            continue;
        const char *name = translate ? _(day_short[d]) : day_short[d];
        int n = snprintf(buf + used, size - used, "%s%s", used ? "," : "", name);
        if (n < 0 || (size_t)n >= size - used)
            return -1;
        used += (size_t)n;
    }
    return 0;
}

int loan_format_weekdays(unsigned days, char *buf, size_t size)
{
    return format_days(days, 0, buf, size);
}

int loan_format_weekdays_shown(unsigned days, char *buf, size_t size)
{
    return format_days(days, 1, buf, size);
}

int loan_format_time_range(int start, int end, char *buf, size_t size)
{
    char a[CIVIL_TIME_LEN], b[CIVIL_TIME_LEN];
    if (civil_format_time(start, a, sizeof a) != 0 || end <= start || end > 1440)
        return -1;
    if (end == 1440)
        snprintf(b, sizeof b, "24:00");
    else
        civil_format_time(end, b, sizeof b);
    int n = snprintf(buf, size, "%s-%s", a, b);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int parse_end_time(const char *s, int *out)
{
    if (strcmp(s, "24:00") == 0 || strcmp(s, "24h") == 0 || strcmp(s, "24h00") == 0) {
        *out = 1440;
        return 0;
    }
    return civil_parse_time(s, out);
}

int loan_parse_time_range(const char *s, int *start, int *end)
{
    char a[16], b[16];
    const char *dash = s ? strchr(s, '-') : NULL;
    if (!dash || (size_t)(dash - s) >= sizeof a || strlen(dash + 1) >= sizeof b)
        return -1;
    memcpy(a, s, (size_t)(dash - s));
    a[dash - s] = '\0';
    strcpy(b, dash + 1);
    int x, y;
    if (civil_parse_time(a, &x) != 0 || parse_end_time(b, &y) != 0 || y <= x)
        return -1;
    *start = x;
    *end = y;
    return 0;
}

static int in_period(const struct loan_period *ps, size_t n, struct civil_date d,
                     const char **reason)
{
    for (size_t i = 0; i < n; i++) {
        if (civil_date_compare(d, ps[i].first) >= 0 &&
            civil_date_compare(d, ps[i].last) <= 0) {
            *reason = ps[i].name;
            return 1;
        }
    }
    return 0;
}

enum loan_closure loan_closed_on(const struct loan_closures *c,
                                 struct civil_date d, const char **reason)
{
    const char *r = NULL;
    enum loan_closure k = LOAN_OPEN;
    if (!c)
        goto out;
    if (holiday_lookup(d, c->holiday_flags, &r))
        k = LOAN_CLOSED_PUBLIC_HOLIDAY;
    else if (in_period(c->school, c->n_school, d, &r))
        k = LOAN_CLOSED_SCHOOL_HOLIDAY;
    else if (in_period(c->site, c->n_site, d, &r))
        k = LOAN_CLOSED_SITE;
    else if (in_period(c->room, c->n_room, d, &r))
        k = LOAN_CLOSED_ROOM_BLACKOUT;
out:
    if (reason)
        *reason = k == LOAN_OPEN ? NULL : r;
    return k;
}

/* Calls fn for each date of the pattern; the week index counts weeks from
 * the Monday of the first date's week. */
static int for_each_date(const struct loan_pattern *p,
                         int (*fn)(void *, struct civil_date), void *ctx)
{
    if (!loan_pattern_valid(p))
        return -1;
    int64_t first = civil_date_to_days(p->first);
    int64_t last = civil_date_to_days(p->last);
    int64_t monday = first - ((int)civil_weekday(p->first) - 1);
    for (int64_t day = first; day <= last; day++) {
        int64_t week = (day - monday) / 7;
        if (week % p->every_weeks != 0) {
            day = monday + (week + 1) * 7 - 1; /* jump to the next week */
            continue;
        }
        struct civil_date d;
        if (civil_date_from_days(day, &d) != 0)
            return -1;
        if (p->weekdays & LOAN_DAY(civil_weekday(d)))
            if (fn(ctx, d) != 0)
                return -1;
    }
    return 0;
}

struct expand_ctx {
    const struct loan_closures *c;
    struct loan_date *out;
    size_t cap, n;
};

static int expand_one(void *vp, struct civil_date d)
{
    struct expand_ctx *x = vp;
    if (x->n < x->cap) {
        struct loan_date *e = &x->out[x->n];
        e->date = d;
        e->closure = loan_closed_on(x->c, d, &e->reason);
    }
    x->n++;
    return 0;
}

int loan_series_expand(const struct loan_pattern *p,
                       const struct loan_closures *c,
                       struct loan_date *out, size_t cap, size_t *count)
{
    struct expand_ctx x = {c, out, out ? cap : 0, 0};
    if (!count || for_each_date(p, expand_one, &x) != 0)
        return -1;
    *count = x.n;
    return x.n > x.cap ? -1 : 0;
}

int loan_school_year_end(struct civil_date first,
                         const struct loan_period *school, size_t n_school,
                         struct civil_date *out)
{
    if (!civil_date_valid(first) || !out)
        return -1;
    /* From July on, a desk plans the coming school year. */
    int end_year = first.month >= 7 ? first.year + 1 : first.year;
    struct civil_date end = {end_year, 8, 31};
    struct civil_date june = {end_year, 6, 1};
    for (size_t i = 0; school && i < n_school; i++) {
        const struct loan_period *s = &school[i];
        if (civil_date_compare(s->first, june) >= 0 &&
            civil_date_compare(s->first, end) <= 0 &&
            civil_date_compare(s->first, first) > 0) {
            struct civil_date before;
            if (civil_date_add_days(s->first, -1, &before) == 0 &&
                civil_date_compare(before, end) < 0)
                end = before;
        }
    }
    if (civil_date_compare(end, first) < 0)
        return -1;
    *out = end;
    return 0;
}

/* ---- exceptions ---------------------------------------------------- */

struct occ_ctx {
    const struct loan_pattern *p;
    const struct loan_closures *c;
    const struct loan_exception *exc;
    size_t n_exc;
    struct loan_occurrence *out;
    size_t cap, n;
};

static void push_occ(struct occ_ctx *x, const struct loan_occurrence *o)
{
    if (x->n < x->cap) {
        /* Insertion keeps the order by original date (moved exceptions
         * left over are appended and sorted in). */
        size_t i = x->n;
        while (i > 0 && civil_date_compare(x->out[i - 1].original, o->original) > 0) {
            x->out[i] = x->out[i - 1];
            i--;
        }
        x->out[i] = *o;
    }
    x->n++;
}

static void apply_exception(struct loan_occurrence *o, const struct loan_exception *e)
{
    switch (e->kind) {
    case LOAN_EXC_CANCELLED:
        o->state = LOAN_OCC_CANCELLED;
        break;
    case LOAN_EXC_SKIPPED:
        o->state = LOAN_OCC_SKIPPED;
        break;
    case LOAN_EXC_MOVED:
        o->state = LOAN_OCC_MOVED;
        o->date = e->moved_date;
        o->start_minute = e->moved_start;
        o->end_minute = e->moved_end;
        break;
    }
}

static int occ_one(void *vp, struct civil_date d)
{
    struct occ_ctx *x = vp;
    struct loan_occurrence o = {d, d, x->p->start_minute, x->p->end_minute,
                                LOAN_OCC_PLANNED, LOAN_OPEN, NULL};
    o.closure = loan_closed_on(x->c, d, &o.reason);
    if (o.closure != LOAN_OPEN)
        o.state = LOAN_OCC_SKIPPED;
    for (size_t i = 0; i < x->n_exc; i++) {
        if (civil_date_compare(x->exc[i].original, d) == 0) {
            /* A person's decision wins over a closure: a date moved
             * elsewhere happens where it was moved. */
            apply_exception(&o, &x->exc[i]);
            if (o.state != LOAN_OCC_SKIPPED) {
                o.closure = LOAN_OPEN;
                o.reason = NULL;
            }
            break;
        }
    }
    push_occ(x, &o);
    return 0;
}

/* 1 when `d` is a date the pattern gives. */
static int pattern_has(const struct loan_pattern *p, struct civil_date d)
{
    if (civil_date_compare(d, p->first) < 0 || civil_date_compare(d, p->last) > 0 ||
        !(p->weekdays & LOAN_DAY(civil_weekday(d))))
        return 0;
    int64_t monday = civil_date_to_days(p->first) - ((int)civil_weekday(p->first) - 1);
    return ((civil_date_to_days(d) - monday) / 7) % p->every_weeks == 0;
}

int loan_series_occurrences(const struct loan_pattern *p,
                            const struct loan_closures *c,
                            const struct loan_exception *exc, size_t n_exc,
                            struct loan_occurrence *out, size_t cap,
                            size_t *count)
{
    if (!count || (n_exc && !exc))
        return -1;
    struct occ_ctx x = {p, c, exc, n_exc, out, out ? cap : 0, 0};
    if (for_each_date(p, occ_one, &x) != 0)
        return -1;
    /* Moved dates whose original date left the pattern stay as moved. */
    for (size_t i = 0; i < n_exc; i++) {
        if (exc[i].kind != LOAN_EXC_MOVED || pattern_has(p, exc[i].original))
            continue;
        struct loan_occurrence o = {exc[i].original, exc[i].original, 0, 0,
                                    LOAN_OCC_PLANNED, LOAN_OPEN, NULL};
        apply_exception(&o, &exc[i]);
        push_occ(&x, &o);
    }
    *count = x.n;
    return x.n > x.cap ? -1 : 0;
}

/* ---- edit scopes ----------------------------------------------------- */

int loan_series_edit(const struct loan_pattern *old, struct civil_date at,
                     enum loan_scope scope, const struct loan_pattern *edited,
                     struct loan_edit *out)
{
    if (!out || !loan_pattern_valid(old) || !edited || !civil_date_valid(at))
        return -1;
    memset(out, 0, sizeof *out);
    if (civil_date_compare(at, old->first) < 0 || civil_date_compare(at, old->last) > 0)
        return -1;
    switch (scope) {
    case LOAN_SCOPE_THIS:
        if (!civil_date_valid(edited->first) || edited->start_minute < 0 ||
            edited->end_minute <= edited->start_minute || edited->end_minute > 1440)
            return -1;
        out->has_keep = 1;
        out->keep = *old;
        out->has_exception = 1;
        out->exception = (struct loan_exception){at, LOAN_EXC_MOVED, edited->first,
                                                 edited->start_minute, edited->end_minute};
        return 0;
    case LOAN_SCOPE_FOLLOWING: {
        struct loan_pattern split = *edited;
        if (civil_date_compare(split.first, at) < 0)
            split.first = at;
        if (!loan_pattern_valid(&split))
            return -1;
        if (civil_date_compare(at, old->first) > 0) {
            out->has_keep = 1;
            out->keep = *old;
            if (civil_date_add_days(at, -1, &out->keep.last) != 0)
                return -1;
        }
        out->has_split = 1;
        out->split = split;
        return 0;
    }
    case LOAN_SCOPE_ALL:
        if (!loan_pattern_valid(edited))
            return -1;
        out->has_keep = 1;
        out->keep = *edited;
        return 0;
    }
    return -1;
}

/* ---- checks -------------------------------------------------------- */

enum loan_capacity_check loan_check_capacity(int attendance, int capacity)
{
    if (attendance < 0 || capacity < 1)
        return LOAN_CAPACITY_INVALID;
    return attendance > capacity ? LOAN_CAPACITY_EXCEEDED : LOAN_CAPACITY_OK;
}

int loan_times_overlap(int start_a, int end_a, int start_b, int end_b)
{
    struct interval a = {start_a, end_a}, b = {start_b, end_b};
    return interval_overlaps(a, b);
}
