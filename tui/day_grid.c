/* day_grid.c - the day view's content without curses (see day_grid.h).
 * Everything here runs once per day change (build) or once per visible
 * cell (lookups over the few appointments of one agent-day). Also how an
 * appointment looks (words, theme role, mark), shared by every view. */
#include "day_grid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../model/absence.h"
#include "../model/appointment.h"
#include "../model/holidays.h"
#include "../model/opening.h"
#include "draw.h" /* enum ui_glyph, for ui_appt_look_glyph: no curses call here */

int ui_day_minute_of(const char *datetime, struct civil_date day)
{
    struct civil_datetime dt;
    if (civil_parse_datetime(datetime, &dt) != 0)
        return -1;
    int64_t days = civil_date_diff_days(dt.date, day);
    if (days < 0)
        return 0;
    if (days > 1)
        return 2 * 1440;
    return (int)days * 1440 + dt.minute;
}

static int compare_appts(const void *pa, const void *pb)
{
    const struct ui_day_appt *a = pa, *b = pb;
    if (a->agent != b->agent)
        return a->agent < b->agent ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return a->row->appt.id < b->row->appt.id ? -1 : a->row->appt.id > b->row->appt.id;
}

static int compare_spans(const void *pa, const void *pb)
{
    const struct ui_span *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

static long agent_index(const struct db_agent *agents, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (agents[i].id == id)
            return (long)i;
    return -1;
}

void ui_day_data_free(struct ui_day_data *d)
{
    free(d->rows);
    free(d->appts);
    free(d->agent_first);
    free(d->open);
    free(d->open_first);
    free(d->absent);
    free(d->absent_first);
    memset(d, 0, sizeof *d);
}

/* Why the appointment `id` is left outside, from storage's list. */
static unsigned stranded_of(const struct ui_day_source *src, int64_t id)
{
    for (size_t i = 0; src->stranded && i < src->stranded_count; i++)
        if (src->stranded[i].row.day.appt.id == id)
            return src->stranded[i].reasons;
    return 0;
}

static int build_appts(struct ui_day_data *d, const struct ui_day_source *src)
{
    const struct db_agent *agents = src->agents;
    d->appts = calloc(d->row_count ? d->row_count : 1, sizeof *d->appts);
    d->agent_first = calloc(d->agent_count + 1, sizeof *d->agent_first);
    if (!d->appts || !d->agent_first)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < d->row_count; i++) {
        const struct db_day_row *r = &d->rows[i];
        long agent = agent_index(agents, d->agent_count, r->appt.agent_id);
        struct ui_day_appt *a = &d->appts[n];
        if (agent < 0 || civil_parse_datetime(r->appt.starts_at, &a->start_at) != 0)
            continue;
        a->row = r;
        a->agent = (size_t)agent;
        a->stranded = stranded_of(src, r->appt.id);
        a->start = ui_day_minute_of(r->appt.starts_at, d->day);
        a->end = ui_day_minute_of(r->appt.ends_at, d->day);
        if (a->start < 0 || a->start >= 1440)
            continue;
        if (a->end > 1440)
            a->end = 1440;
        if (a->end <= a->start)
            a->end = a->start + 1;
        n++;
    }
    d->appt_count = n;
    qsort(d->appts, n, sizeof *d->appts, compare_appts);
    size_t k = 0;
    for (size_t agent = 0; agent <= d->agent_count; agent++) {
        while (k < n && d->appts[k].agent < agent)
            k++;
        d->agent_first[agent] = k;
    }
    return 0;
}

static int build_openings(struct ui_day_data *d, const struct db_agent *agents,
                          const struct db_opening *openings, size_t count)
{
    d->open = calloc(count ? count : 1, sizeof *d->open);
    d->open_first = calloc(d->agent_count + 1, sizeof *d->open_first);
    if (!d->open || !d->open_first)
        return -1;
    /* Group by agent column with a counting pass, then sort each group. */
    size_t *counts = calloc(d->agent_count + 1, sizeof *counts);
    if (!counts)
        return -1;
    for (size_t i = 0; i < count; i++) {
        long agent = agent_index(agents, d->agent_count, openings[i].agent_id);
        if (agent >= 0 && opening_rule_applies(&openings[i].rule, d->day))
            counts[agent]++;
    }
    size_t total = 0;
    for (size_t agent = 0; agent < d->agent_count; agent++) {
        d->open_first[agent] = total;
        total += counts[agent];
        counts[agent] = d->open_first[agent]; /* becomes the fill position */
    }
    d->open_first[d->agent_count] = total;
    for (size_t i = 0; i < count; i++) {
        long agent = agent_index(agents, d->agent_count, openings[i].agent_id);
        if (agent < 0 || !opening_rule_applies(&openings[i].rule, d->day))
            continue;
        struct ui_span *s = &d->open[counts[agent]++];
        s->start = openings[i].rule.start_minute;
        s->end = openings[i].rule.end_minute;
    }
    for (size_t agent = 0; agent < d->agent_count; agent++)
        qsort(d->open + d->open_first[agent], d->open_first[agent + 1] - d->open_first[agent],
              sizeof *d->open, compare_spans);
    free(counts);
    return 0;
}

static int compare_absent(const void *pa, const void *pb)
{
    const struct ui_day_absence *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->end > b->end) - (a->end < b->end);
}

/* The day's part of each absence (model absence_intervals_on), grouped by
 * agent column as the opening spans. A handful of absences a day: one pass
 * over them per column. */
static int build_absences(struct ui_day_data *d, const struct db_agent *agents,
                          const struct db_absence *absences, size_t count)
{
    d->absent = calloc(count ? count : 1, sizeof *d->absent);
    d->absent_first = calloc(d->agent_count + 1, sizeof *d->absent_first);
    if (!d->absent || !d->absent_first)
        return -1;
    struct civil_datetime midnight = {d->day, 0};
    int64_t base = civil_datetime_to_minutes(midnight);
    size_t n = 0;
    for (size_t agent = 0; agent < d->agent_count; agent++) {
        d->absent_first[agent] = n;
        for (size_t i = 0; i < count && n < count; i++) {
            struct interval part;
            if (absences[i].agent_id != agents[agent].id ||
                !absence_intervals_on(&absences[i].absence, d->day, &part))
                continue;
            struct ui_day_absence *x = &d->absent[n++];
            x->start = (int)(part.start - base);
            x->end = (int)(part.end - base);
            snprintf(x->reason, sizeof x->reason, "%s", absences[i].reason);
        }
        qsort(d->absent + d->absent_first[agent], n - d->absent_first[agent],
              sizeof *d->absent, compare_absent);
    }
    d->absent_first[d->agent_count] = n;
    return 0;
}

static void compute_range(struct ui_day_data *d)
{
    size_t total = d->open_first[d->agent_count];
    int lo = 1440, hi = 0;
    for (size_t i = 0; i < total; i++) {
        if (d->open[i].start < lo)
            lo = d->open[i].start;
        if (d->open[i].end > hi)
            hi = d->open[i].end;
    }
    if (lo >= hi) {
        lo = UI_DAY_DEFAULT_START;
        hi = UI_DAY_DEFAULT_END;
    }
    for (size_t i = 0; i < d->appt_count; i++) {
        if (d->appts[i].start < lo)
            lo = d->appts[i].start;
        if (d->appts[i].end > hi)
            hi = d->appts[i].end;
    }
    d->range_start = lo;
    d->range_end = hi;
}

int ui_day_data_build(struct ui_day_data *d, const struct ui_day_source *src)
{
    memset(d, 0, sizeof *d);
    d->day = src->day;
    d->rows = src->rows;
    d->row_count = src->row_count;
    d->agent_count = src->agent_count;
    const char *name = NULL;
    if (holiday_lookup(src->day, src->holiday_flags, &name) == 1)
        d->holiday = name;
    if (build_appts(d, src) ||
        build_openings(d, src->agents, src->openings, src->opening_count) ||
        build_absences(d, src->agents, src->absences, src->absence_count)) {
        ui_day_data_free(d);
        return -1;
    }
    compute_range(d);
    return 0;
}

int ui_day_choose_step(int range_start, int range_end, int rows_available, int *first_minute,
                       int *row_count)
{
    static const int steps[] = {10, 15, 20, 30, 60};
    int step = 60;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        int s = steps[i];
        int first = range_start / s * s;
        int last = (range_end + s - 1) / s * s;
        if ((last - first) / s <= rows_available) {
            step = s;
            break;
        }
    }
    *first_minute = range_start / step * step;
    int last = (range_end + step - 1) / step * step;
    *row_count = (last - *first_minute) / step;
    if (*row_count < 1)
        *row_count = 1;
    return step;
}

int ui_day_is_open(const struct ui_day_data *d, size_t agent, int a, int b)
{
    if (d->holiday || agent >= d->agent_count)
        return 0;
    for (size_t i = d->open_first[agent]; i < d->open_first[agent + 1]; i++)
        if (d->open[i].start < b && d->open[i].end > a)
            return 1;
    return 0;
}

int ui_day_is_absent(const struct ui_day_data *d, size_t agent, int a, int b,
                     const char **reason)
{
    if (agent >= d->agent_count || !d->absent_first)
        return 0;
    for (size_t i = d->absent_first[agent]; i < d->absent_first[agent + 1]; i++)
        if (d->absent[i].start < b && d->absent[i].end > a) {
            if (reason)
                *reason = d->absent[i].reason;
            return 1;
        }
    return 0;
}

static int is_cancelled(const struct ui_day_appt *a)
{
    return appt_status_is_cancelled(a->row->appt.status);
}

void ui_day_cell(const struct ui_day_data *d, size_t agent, int a, int step,
                 struct ui_cell *out)
{
    memset(out, 0, sizeof *out);
    int b = a + step;
    out->open = ui_day_is_open(d, agent, a, b);
    out->absent = ui_day_is_absent(d, agent, a, b, NULL);
    if (agent >= d->agent_count)
        return;
    const struct ui_day_appt *first_start = NULL, *first_over = NULL;
    for (size_t i = d->agent_first[agent]; i < d->agent_first[agent + 1]; i++) {
        const struct ui_day_appt *p = &d->appts[i];
        if (p->start >= b)
            break;
        if (p->end <= a)
            continue;
        out->overlapping++;
        if (!first_over || (is_cancelled(first_over) && !is_cancelled(p)))
            first_over = p;
        if (p->start >= a) {
            out->starting++;
            if (!first_start || (is_cancelled(first_start) && !is_cancelled(p)))
                first_start = p;
        }
    }
    if (first_start) {
        out->appt = first_start;
        out->kind = UI_CELL_APPT_FIRST;
    } else if (first_over) {
        out->appt = first_over;
        out->kind = first_over->start >= a - step ? UI_CELL_APPT_SECOND : UI_CELL_APPT_MORE;
    }
}

size_t ui_day_cell_appts(const struct ui_day_data *d, size_t agent, int a, int b,
                         const struct ui_day_appt **out, size_t cap)
{
    if (agent >= d->agent_count)
        return 0;
    size_t n = 0;
    /* Two passes keep the live appointments first, each in start order. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = d->agent_first[agent]; i < d->agent_first[agent + 1]; i++) {
            const struct ui_day_appt *p = &d->appts[i];
            if (p->start >= b)
                break;
            if (p->end <= a || is_cancelled(p) != pass)
                continue;
            if (n < cap)
                out[n] = p;
            n++;
        }
    }
    return n;
}

enum ui_appt_look ui_appt_look(const struct db_appt *a, struct civil_datetime start,
                               struct civil_datetime now)
{
    switch (appt_display_status(a->status, start, now)) {
    case APPT_SHOW_UPCOMING: return UI_LOOK_UPCOMING;
    case APPT_SHOW_TODAY: return a->arrived_at[0] ? UI_LOOK_ARRIVED : UI_LOOK_TODAY;
    case APPT_SHOW_TO_FILL_IN: return a->arrived_at[0] ? UI_LOOK_ARRIVED : UI_LOOK_TO_FILL_IN;
    case APPT_SHOW_SEEN: return UI_LOOK_SEEN;
    case APPT_SHOW_EXCUSED: return UI_LOOK_EXCUSED;
    case APPT_SHOW_REVOKED: return UI_LOOK_REVOKED;
    case APPT_SHOW_NOSHOW: return UI_LOOK_NOSHOW;
    case APPT_DISPLAY_COUNT: break;
    }
    return UI_LOOK_UPCOMING;
}

const char *ui_appt_look_words(enum ui_appt_look look)
{
    switch (look) {
    case UI_LOOK_UPCOMING: return _("upcoming");
    case UI_LOOK_TODAY: return _("today, not started");
    case UI_LOOK_TO_FILL_IN: return _("to fill in (status not recorded)");
    case UI_LOOK_ARRIVED: return _("arrived, waiting");
    case UI_LOOK_SEEN: return _("seen");
    case UI_LOOK_EXCUSED: return _("excused (cancelled by the person)");
    case UI_LOOK_REVOKED: return _("revoked (cancelled by the service)");
    case UI_LOOK_NOSHOW: return _("no-show");
    case UI_LOOK_COUNT: break;
    }
    return "";
}

enum theme_role ui_appt_look_role(enum ui_appt_look look)
{
    switch (look) {
    case UI_LOOK_TO_FILL_IN: return THEME_APPT_TO_FILL;
    case UI_LOOK_ARRIVED: return THEME_APPT_ARRIVED;
    case UI_LOOK_SEEN: return THEME_APPT_SEEN;
    case UI_LOOK_EXCUSED:
    case UI_LOOK_REVOKED: return THEME_APPT_CANCELLED;
    case UI_LOOK_NOSHOW: return THEME_APPT_NOSHOW;
    default: return THEME_APPT;
    }
}

enum ui_glyph ui_appt_look_glyph(enum ui_appt_look look)
{
    switch (look) {
    case UI_LOOK_TO_FILL_IN: return UI_GLYPH_MARK_TO_FILL;
    case UI_LOOK_ARRIVED: return UI_GLYPH_MARK_ARRIVED;
    case UI_LOOK_SEEN: return UI_GLYPH_MARK_SEEN;
    case UI_LOOK_EXCUSED:
    case UI_LOOK_REVOKED: return UI_GLYPH_MARK_CANCELLED;
    case UI_LOOK_NOSHOW: return UI_GLYPH_MARK_NOSHOW;
    default: return UI_GLYPH_MARK_UPCOMING;
    }
}
