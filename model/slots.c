/* slots.c - free-slot search over agents' opening rules, absences, public
 * holidays and existing appointments, plus the "is it open?" questions the
 * day view and the booking warnings ask.
 *
 * slots_find walks each agent with a cursor that yields that agent's free
 * slots in time order, and merges the cursors (earliest first) until enough
 * slots are found. A cursor keeps, for its current day, the indices of the
 * rules that apply and the day's part of each absence, so the per-candidate
 * work is a scan of a handful of ranges.
 *
 * Busy intervals are sorted by start but may overlap (overbooking), so their
 * ends are not sorted. A candidate [s, e) is blocked iff some busy b has
 * b.start < e and b.end > s. The busy intervals with start < e form a prefix
 * of the array; the cursor keeps the maximum end over that prefix, and since
 * candidates of one agent come with strictly increasing s (hence e, the
 * duration being fixed), the prefix only grows: each busy interval is read
 * once per search. When blocked, every candidate before that maximum end is
 * blocked too (it starts later, so its end is later still), so the cursor
 * jumps there; likewise past the end of a blocking absence. */
#include "slots.h"

#include <stdlib.h>

#include "holidays.h"

enum { MINUTES_PER_DAY = 1440 };

int slots_default_step(int duration_minutes)
{
    if (duration_minutes <= 5)
        return 5;
    return (duration_minutes + 4) / 5 * 5;
}

static int64_t day_start(struct civil_date d)
{
    return civil_datetime_to_minutes((struct civil_datetime){d, 0});
}

static int datetime_valid(struct civil_datetime dt)
{
    return civil_date_valid(dt.date) && dt.minute >= 0 &&
           dt.minute < MINUTES_PER_DAY;
}

static int is_holiday(struct civil_date d, unsigned flags)
{
    return holiday_lookup(d, flags, NULL) == 1;
}

/* The rule is for the wanted site and motif (0 = any). */
static int rule_matches(const struct slot_rule *r, int64_t site_id,
                        int64_t motif_id)
{
    if (site_id != 0 && r->site_id != site_id)
        return 0;
    if (motif_id == 0 || r->motif_count == 0)
        return 1;
    if (!r->motif_ids)
        return 0;
    for (size_t i = 0; i < r->motif_count; i++)
        if (r->motif_ids[i] == motif_id)
            return 1;
    return 0;
}

static int rule_open_on(const struct slot_rule *r, int64_t site_id,
                        int64_t motif_id, struct civil_date d)
{
    return rule_matches(r, site_id, motif_id) &&
           opening_rule_applies(&r->rule, d);
}

static int agent_arrays_valid(const struct slot_agent *a)
{
    if ((a->rule_count && !a->rules) || (a->absence_count && !a->absences) ||
        (a->busy_count && !a->busy))
        return 0;
    for (size_t i = 1; i < a->busy_count; i++)
        if (a->busy[i].start < a->busy[i - 1].start)
            return 0;
    return 1;
}

/* ---- one agent's cursor -------------------------------------------- */

struct cursor {
    const struct slot_agent *agent;
    struct civil_date day;
    int64_t day_base;        /* civil minute of day 00:00 */
    int day_ready;           /* rule_idx/absent filled for `day` */
    size_t *rule_idx;        /* rules applying on `day` (capacity rule_count) */
    size_t rule_n;
    struct interval *absent; /* absences on `day` (capacity absence_count) */
    size_t absent_n;
    struct civil_date last_day; /* no slot after this day */
    int64_t t;               /* no candidate starts before t */
    size_t busy_i;           /* busy[0..busy_i) start before the last end */
    int64_t busy_max_end;    /* max end over busy[0..busy_i) */
    int done;
    struct slot next;        /* valid when has_next */
    int has_next;
};

/* What every cursor of one search shares. */
struct walk {
    const struct slot_query *q;
    int step;
};

static void prepare_day(struct cursor *c, const struct walk *s)
{
    const struct slot_agent *a = c->agent;
    c->day_base = day_start(c->day);
    if (c->t < c->day_base)
        c->t = c->day_base;
    c->rule_n = 0;
    c->absent_n = 0;
    c->day_ready = 1;
    if (is_holiday(c->day, s->q->holiday_flags))
        return;
    for (size_t i = 0; i < a->rule_count; i++)
        if (rule_open_on(&a->rules[i], s->q->site_id, s->q->motif_id, c->day))
            c->rule_idx[c->rule_n++] = i;
    if (c->rule_n == 0)
        return;
    for (size_t i = 0; i < a->absence_count; i++)
        if (absence_intervals_on(&a->absences[i], c->day, &c->absent[c->absent_n]))
            c->absent_n++;
}

/* Earliest aligned start >= c->t fitting wholly in one of today's ranges;
 * INT64_MAX if none. *rule receives the index of the first rule giving it. */
static int64_t next_candidate(const struct cursor *c, const struct walk *s,
                              size_t *rule)
{
    int64_t best = INT64_MAX;
    int dur = s->q->duration_minutes;
    for (size_t k = 0; k < c->rule_n; k++) {
        const struct opening_rule *r = &c->agent->rules[c->rule_idx[k]].rule;
        int64_t rs = c->day_base + r->start_minute;
        int64_t re = c->day_base + r->end_minute;
        int64_t st = rs;
        if (c->t > rs)
            st = rs + (c->t - rs + s->step - 1) / s->step * s->step;
        if (st + dur <= re && st < best) {
            best = st;
            *rule = c->rule_idx[k];
        }
    }
    return best;
}

/* Moves the cursor to its next free slot (has_next) or marks it done. */
static void cursor_advance(struct cursor *c, const struct walk *s)
{
    const struct slot_agent *a = c->agent;
    int dur = s->q->duration_minutes;
    c->has_next = 0;
    while (!c->done) {
        if (!c->day_ready) {
            if (civil_date_compare(c->day, c->last_day) > 0) {
                c->done = 1;
                break;
            }
            prepare_day(c, s);
        }
        size_t rule = 0;
        int64_t start = next_candidate(c, s, &rule);
        if (start == INT64_MAX) {
            if (civil_date_add_days(c->day, 1, &c->day) != 0)
                c->done = 1;
            c->day_ready = 0;
            continue;
        }
        struct interval when = {start, start + dur};

        int64_t skip = 0;
        for (size_t i = 0; i < c->absent_n; i++)
            if (interval_overlaps(c->absent[i], when) && c->absent[i].end > skip)
                skip = c->absent[i].end;
        if (skip) {
            c->t = skip;
            continue;
        }

        while (c->busy_i < a->busy_count && a->busy[c->busy_i].start < when.end) {
            struct interval b = a->busy[c->busy_i++];
            if (interval_valid(b) && b.end > c->busy_max_end)
                c->busy_max_end = b.end;
        }
        if (c->busy_max_end > when.start) {
            c->t = c->busy_max_end;
            continue;
        }

        c->next.agent_id = a->agent_id;
        c->next.site_id = a->rules[rule].site_id;
        c->next.when = when;
        civil_datetime_from_minutes(when.start, &c->next.start);
        civil_datetime_from_minutes(when.end, &c->next.end);
        c->has_next = 1;
        c->t = start + 1;
        break;
    }
}

/* The last day worth walking for this agent: q->latest, or earlier when
 * every matching rule ends before it. 0 when no rule matches at all. */
static int last_useful_day(const struct slot_agent *a,
                           const struct slot_query *q, struct civil_date *out)
{
    int any = 0;
    struct civil_date last = {0, 0, 0};
    for (size_t i = 0; i < a->rule_count; i++) {
        const struct slot_rule *r = &a->rules[i];
        if (!rule_matches(r, q->site_id, q->motif_id) ||
            !opening_rule_valid(&r->rule))
            continue;
        struct civil_date until = r->rule.valid_until;
        if (until.year == 0 || civil_date_compare(until, q->latest) > 0)
            until = q->latest;
        if (!any || civil_date_compare(until, last) > 0)
            last = until;
        any = 1;
    }
    *out = last;
    return any;
}

static int query_valid(const struct slot_query *q)
{
    return q && q->duration_minutes >= 1 &&
           q->duration_minutes <= MINUTES_PER_DAY && q->step_minutes >= 0 &&
           q->step_minutes <= MINUTES_PER_DAY && datetime_valid(q->earliest) &&
           civil_date_valid(q->latest);
}

int slots_find(const struct slot_query *q, const struct slot_agent *agents,
               size_t agent_count, struct slot *out, size_t max,
               size_t *found)
{
    if (found)
        *found = 0;
    if (!found || !query_valid(q) || (agent_count && !agents) ||
        (max && !out))
        return SLOTS_ERR_INVALID;
    size_t total_rules = 0, total_absences = 0;
    for (size_t i = 0; i < agent_count; i++) {
        if (!agent_arrays_valid(&agents[i]))
            return SLOTS_ERR_INVALID;
        total_rules += agents[i].rule_count;
        total_absences += agents[i].absence_count;
    }
    if (max == 0 || agent_count == 0)
        return SLOTS_OK;

    struct cursor *cur = calloc(agent_count, sizeof *cur);
    size_t *idx = calloc(total_rules + 1, sizeof *idx);
    struct interval *abs = calloc(total_absences + 1, sizeof *abs);
    if (!cur || !idx || !abs) {
        free(cur);
        free(idx);
        free(abs);
        return SLOTS_ERR_NO_MEMORY;
    }
    struct walk s = {q, q->step_minutes ? q->step_minutes
                                          : slots_default_step(q->duration_minutes)};
    int64_t earliest = civil_datetime_to_minutes(q->earliest);
    size_t ri = 0, ai = 0;
    for (size_t i = 0; i < agent_count; i++) {
        struct cursor *c = &cur[i];
        c->agent = &agents[i];
        c->day = q->earliest.date;
        c->t = earliest;
        c->busy_max_end = INT64_MIN;
        c->rule_idx = idx + ri;
        c->absent = abs + ai;
        ri += agents[i].rule_count;
        ai += agents[i].absence_count;
        c->done = !last_useful_day(&agents[i], q, &c->last_day);
        cursor_advance(c, &s);
    }

    size_t n = 0;
    while (n < max) {
        struct cursor *best = NULL;
        for (size_t i = 0; i < agent_count; i++)
            if (cur[i].has_next &&
                (!best || cur[i].next.when.start < best->next.when.start))
                best = &cur[i];
        if (!best)
            break;
        out[n++] = best->next;
        cursor_advance(best, &s);
    }
    *found = n;
    free(cur);
    free(idx);
    free(abs);
    return SLOTS_OK;
}

/* ---- open or closed -------------------------------------------------- */

static int agent_usable(const struct slot_agent *a)
{
    return a && (!a->rule_count || a->rules) &&
           (!a->absence_count || a->absences);
}

/* 1 if every minute of `when` lies in some applicable opening range: the
 * ranges are chained (9:00-12:00 then 12:00-17:00 covers 11:30-12:30), each
 * step taking the range that reaches furthest from the current minute. */
static int covered_by_ranges(const struct slot_agent *agent, int64_t site_id,
                             int64_t motif_id, struct interval when)
{
    int64_t t = when.start;
    while (t < when.end) {
        struct civil_datetime at;
        if (civil_datetime_from_minutes(t, &at) != 0)
            return 0;
        int64_t base = t - at.minute;
        int64_t reach = t;
        for (size_t i = 0; i < agent->rule_count; i++) {
            const struct slot_rule *r = &agent->rules[i];
            if (!rule_open_on(r, site_id, motif_id, at.date))
                continue;
            int64_t rs = base + r->rule.start_minute;
            int64_t re = base + r->rule.end_minute;
            if (rs <= t && t < re && re > reach)
                reach = re;
        }
        if (reach == t)
            return 0;
        t = reach;
    }
    return 1;
}

unsigned slots_closed_reasons(const struct slot_agent *agent, int64_t site_id,
                              int64_t motif_id, unsigned holiday_flags,
                              struct interval when)
{
    struct civil_datetime first, last;
    if (!agent_usable(agent) || !interval_valid(when) ||
        civil_datetime_from_minutes(when.start, &first) != 0 ||
        civil_datetime_from_minutes(when.end - 1, &last) != 0)
        return SLOT_INVALID;
    unsigned reasons = SLOT_OPEN;

    for (struct civil_date d = first.date; civil_date_compare(d, last.date) <= 0;) {
        if (is_holiday(d, holiday_flags)) {
            reasons |= SLOT_HOLIDAY;
            break;
        }
        if (civil_date_add_days(d, 1, &d) != 0)
            break;
    }

    for (size_t i = 0; i < agent->absence_count; i++)
        if (absence_covers(&agent->absences[i], when)) {
            reasons |= SLOT_ABSENT;
            break;
        }

    int inside = covered_by_ranges(agent, site_id, motif_id, when);
    if (!inside)
        reasons |= SLOT_OUTSIDE_HOURS;
    return reasons;
}

int slots_is_open(const struct slot_agent *agent, int64_t site_id,
                  int64_t motif_id, unsigned holiday_flags,
                  struct interval when)
{
    return slots_closed_reasons(agent, site_id, motif_id, holiday_flags,
                                when) == SLOT_OPEN;
}

/* ---- open time of a day ----------------------------------------------- */

/* The day's opening ranges and absences, as seen by open_at(). */
struct day_view {
    const struct slot_agent *agent;
    int64_t site_id, motif_id;
    struct civil_date day;
    int64_t base;
};

static int in_range_at(const struct day_view *v, int64_t m)
{
    for (size_t i = 0; i < v->agent->rule_count; i++) {
        const struct slot_rule *r = &v->agent->rules[i];
        if (rule_open_on(r, v->site_id, v->motif_id, v->day) &&
            m >= v->base + r->rule.start_minute && m < v->base + r->rule.end_minute)
            return 1;
    }
    return 0;
}

static int open_at(const struct day_view *v, int64_t m)
{
    if (!in_range_at(v, m))
        return 0;
    for (size_t i = 0; i < v->agent->absence_count; i++) {
        struct interval a;
        if (absence_intervals_on(&v->agent->absences[i], v->day, &a) &&
            interval_contains(a, m))
            return 0;
    }
    return 1;
}

/* Openness changes only at range bounds and absence bounds: the smallest
 * such boundary b > after (or >= when `inclusive`) with open_at(b) == want,
 * or the day's end. */
static int64_t next_change(const struct day_view *v, int64_t after,
                           int inclusive, int want)
{
    int64_t end = v->base + MINUTES_PER_DAY;
    int64_t best = end;
    if (inclusive && open_at(v, after) == want)
        return after;
    for (size_t i = 0; i < v->agent->rule_count; i++) {
        const struct slot_rule *r = &v->agent->rules[i];
        if (!rule_open_on(r, v->site_id, v->motif_id, v->day))
            continue;
        int64_t b[2] = {v->base + r->rule.start_minute, v->base + r->rule.end_minute};
        for (int k = 0; k < 2; k++)
            if (b[k] > after && b[k] < best && (b[k] == end || open_at(v, b[k]) == want))
                best = b[k];
    }
    for (size_t i = 0; i < v->agent->absence_count; i++) {
        struct interval a;
        if (!absence_intervals_on(&v->agent->absences[i], v->day, &a))
            continue;
        int64_t b[2] = {a.start, a.end};
        for (int k = 0; k < 2; k++)
            if (b[k] > after && b[k] < best && (b[k] == end || open_at(v, b[k]) == want))
                best = b[k];
    }
    return best;
}

int slots_open_intervals_on(const struct slot_agent *agent, int64_t site_id,
                            int64_t motif_id, unsigned holiday_flags,
                            struct civil_date d, struct interval *out,
                            size_t max)
{
    if (!agent_usable(agent) || !civil_date_valid(d) || (max && !out))
        return -1;
    if (is_holiday(d, holiday_flags))
        return 0;
    struct day_view v = {agent, site_id, motif_id, d, day_start(d)};
    int64_t end = v.base + MINUTES_PER_DAY;
    size_t n = 0;
    int64_t t = v.base;
    while (n < max && t < end) {
        int64_t open = next_change(&v, t, 1, 1);
        if (open >= end)
            break;
        int64_t close = next_change(&v, open, 0, 0);
        out[n++] = (struct interval){open, close};
        t = close;
    }
    return (int)n;
}
