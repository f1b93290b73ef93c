/* appointments.c - the demo's appointments, day after day.
 *
 * Walks the calendar from the start of the history to the end of the booked
 * future, skipping weekends and public holidays, and fills every opening
 * session of every agent with motifs of the agent's service at a rate that
 * depends on the day: 72-85 % on past days, and on future days only the
 * share of bookings made that far ahead (a future day d is only as full as
 * the share of appointments booked at least d days in advance), so the near
 * future is fuller than the far one. Slots are laid end to end, so an agent
 * never has two overlapping appointments.
 *
 * Days are walked in order so that each person's history is known when an
 * appointment is decided: the no-show probability grows with the lead time
 * (booking to appointment), with the person's hidden propensity and with the
 * share of their past appointments they missed; a reminder (sent two days
 * before to people who accept them, when booked at least two days ahead)
 * multiplies it by 0.6; the young (under 25) by 1.4, those of 60 and more
 * by 0.7. These planted effects are what `guichet risk fit` must find.
 *
 * Slot decisions and appointment details draw from two separate random
 * streams, so demo_appointments_count() can predict exactly how many rows
 * demo_appointments_write() will insert without writing anything. */
#include "plan.h"

#include <stdio.h>
#include <string.h>

#include "../common/i18n.h"
#include "../model/holidays.h"

/* ---- lead time --------------------------------------------------------- */

/* Days between booking and appointment: many the same week, some months
 * ahead. Each bucket is uniform over [lo, hi]. */
static const struct {
    int lo, hi;
    double weight;
} lead_buckets[] = {
    { 0, 0, 0.08 }, { 1, 2, 0.12 }, { 3, 7, 0.30 }, { 8, 30, 0.35 },
    { 31, 90, 0.15 },
};
enum { LEAD_BUCKETS = sizeof lead_buckets / sizeof lead_buckets[0] };

/* Weight of bucket b restricted to lead >= min_days. */
static double bucket_weight_from(int b, int min_days)
{
    int lo = lead_buckets[b].lo, hi = lead_buckets[b].hi;
    if (hi < min_days)
        return 0.0;
    int from = lo > min_days ? lo : min_days;
    return lead_buckets[b].weight * (double)(hi - from + 1) / (double)(hi - lo + 1);
}

/* P(lead >= min_days). */
static double lead_share_from(int min_days)
{
    double total = 0.0;
    for (int b = 0; b < LEAD_BUCKETS; b++)
        total += bucket_weight_from(b, min_days);
    return total;
}

/* A lead time drawn from the distribution restricted to >= min_days. */
static int lead_sample(struct demo_rng *r, int min_days)
{
    double u = demo_rng_unit(r) * lead_share_from(min_days);
    for (int b = 0; b < LEAD_BUCKETS; b++) {
        double w = bucket_weight_from(b, min_days);
        if (w <= 0.0)
            continue;
        if (u < w || b == LEAD_BUCKETS - 1) {
            int from = lead_buckets[b].lo > min_days ? lead_buckets[b].lo : min_days;
            return demo_rng_range(r, from, lead_buckets[b].hi);
        }
        u -= w;
    }
    return min_days;
}

/* ---- motifs by service ------------------------------------------------- */

enum { MAX_MOTIFS_PER_SERVICE = 16, MAX_SLOTS_PER_SESSION = 96 };

struct service_motifs {
    int motif[MAX_MOTIFS_PER_SERVICE];
    int cumulative[MAX_MOTIFS_PER_SERVICE];
    int count;
    int shortest;
};

static void group_motifs(struct service_motifs sm[DEMO_SERVICE_COUNT])
{
    memset(sm, 0, sizeof(struct service_motifs) * DEMO_SERVICE_COUNT);
    for (int i = 0; i < demo_motif_count; i++) {
        const struct demo_motif_def *d = &demo_motif_defs[i];
        struct service_motifs *s = &sm[d->service];
        if (s->count == MAX_MOTIFS_PER_SERVICE)
            continue;
        int before = s->count ? s->cumulative[s->count - 1] : 0;
        if (s->count == 0 ||
            d->duration_minutes < demo_motif_defs[s->shortest].duration_minutes)
            s->shortest = i;
        s->motif[s->count] = i;
        s->cumulative[s->count] = before + d->weight;
        s->count++;
    }
}

static int pick_motif(struct demo_rng *r, const struct service_motifs *s)
{
    int total = s->cumulative[s->count - 1];
    int u = (int)demo_rng_below(r, (uint64_t)total);
    for (int i = 0; i < s->count; i++)
        if (u < s->cumulative[i])
            return s->motif[i];
    return s->motif[s->count - 1];
}

/* ---- the calendar walk ------------------------------------------------- */

struct demo_slot {
    int motif;
    int start;    /* minutes since midnight */
    int duration;
};

struct walk_day {
    struct civil_date date;
    int offset;   /* days from today: < 0 past, 0 today, > 0 future */
};

typedef int (*slot_fn)(void *ctx, const struct walk_day *day, int agent,
                       int site, const struct demo_slot *s);

/* Lays slots end to end through [start, end), booking each with
 * probability p; returns how many were booked into out. */
static int fill_session(struct demo_rng *r, const struct service_motifs *sm,
                        int start, int end, double p, struct demo_slot *out)
{
    int n = 0;
    for (int t = start; n < MAX_SLOTS_PER_SESSION;) {
        int m = pick_motif(r, sm);
        int dur = demo_motif_defs[m].duration_minutes;
        if (t + dur > end) {
            m = sm->shortest;
            dur = demo_motif_defs[m].duration_minutes;
            if (t + dur > end)
                break;
        }
        if (demo_rng_chance(r, p))
            out[n++] = (struct demo_slot){ m, t, dur };
        t += dur;
    }
    return n;
}

static int is_working_day(struct civil_date d)
{
    return civil_weekday(d) < CIVIL_SATURDAY &&
           holiday_lookup(d, HOLIDAYS_NATIONAL, NULL) != 1;
}

static int walk(const struct demo_plan *plan, const struct demo_rng *slot_rng,
                const struct demo_span *span, slot_fn fn, void *ctx)
{
    struct service_motifs sm[DEMO_SERVICE_COUNT];
    group_motifs(sm);
    struct demo_rng r = *slot_rng;
    struct demo_slot slots[MAX_SLOTS_PER_SESSION];
    int64_t today = civil_date_to_days(span->today);

    for (int off = -span->history_days; off <= span->future_days; off++) {
        struct walk_day day = { .offset = off };
        if (civil_date_from_days(today + off, &day.date) != 0)
            continue;
        if (!is_working_day(day.date))
            continue;
        double share = off > 0 ? lead_share_from(off) : 1.0;
        for (int a = 0; a < plan->agent_count; a++) {
            const struct demo_agent *ag = &plan->agents[a];
            const struct service_motifs *s = &sm[ag->service];
            if (s->count == 0)
                continue;
            double p = ag->fill * plan->fill_scale * share;
            if (p <= 0.0)
                continue; /* too far ahead for anyone to have booked */
            for (int k = 0; k < ag->rule_count; k++) {
                const struct demo_rule *rule = &ag->rules[k];
                if (!opening_rule_applies(&rule->rule, day.date))
                    continue;
                int n = fill_session(&r, s, rule->rule.start_minute,
                                     rule->rule.end_minute, p, slots);
                for (int i = 0; i < n; i++) {
                    int rc = fn(ctx, &day, a, rule->site, &slots[i]);
                    if (rc != DB_OK)
                        return rc;
                }
            }
        }
    }
    return DB_OK;
}

static int count_slot(void *ctx, const struct walk_day *day, int agent,
                      int site, const struct demo_slot *s)
{
    (void)day;
    (void)agent;
    (void)site;
    (void)s;
    ++*(long *)ctx;
    return DB_OK;
}

long demo_appointments_count(const struct demo_plan *plan,
                             const struct demo_rng *rng,
                             const struct demo_span *span)
{
    long n = 0;
    walk(plan, rng, span, count_slot, &n);
    return n;
}

/* ---- appointment details ----------------------------------------------- */

static const char *const contexts[] = {
    "Orienté(e) par l'accueil.",
    "Premier contact.",
    "Apporter les justificatifs de ressources.",
    "Demandé par la personne.",
    "Suite de l'entretien précédent.",
    "Renouvellement de dossier.",
};

struct writer {
    struct demo_bulk *bulk;
    const struct demo_plan *plan;
    struct demo_people *people;
    struct demo_rng r;
    const struct demo_span *span;
    const struct demo_progress *progress;
    long written;
    struct db_error *err;
    struct db_appt appt;
    int cached_offset;  /* offset whose working days back are cached */
    int cached_back;
};

/* Working days from `day` (included) up to today (excluded): 1 for the last
 * working day before today. Only asked for the recent past. */
static int working_days_back(struct civil_date day, int offset)
{
    int n = 0;
    for (int i = 0; i < -offset; i++) {
        struct civil_date d;
        if (civil_date_add_days(day, i, &d) == 0 && is_working_day(d))
            n++;
    }
    return n;
}

/* Share of past appointments still "to fill in": the outcome of the last
 * days is often not entered yet, older ones rarely. */
static double unfilled_share(struct writer *w, const struct walk_day *day)
{
    if (day->offset < -30)
        return 0.0;
    if (w->cached_offset != day->offset) {
        w->cached_offset = day->offset;
        w->cached_back = working_days_back(day->date, day->offset);
    }
    switch (w->cached_back) {
    case 1: return 0.35;
    case 2: return 0.12;
    case 3: case 4: case 5: return 0.04;
    default: return 0.004;
    }
}

/* People come back: low pool positions are chosen far more often. */
static long pick_person(struct demo_rng *r, const struct demo_people *pp,
                        int site, enum demo_audience audience)
{
    if (pp->count <= 0)
        return -1;
    int kind = audience == DEMO_FOR_CHILD ? 1
             : audience == DEMO_FOR_ANY ? demo_rng_chance(r, 0.4) : 0;
    for (int attempt = 0; attempt < 2; attempt++, kind = !kind) {
        int g = site * 2 + kind;
        long n = pp->pool_start[g + 1] - pp->pool_start[g];
        if (n <= 0)
            continue;
        /* Half uniform, half a product of two uniforms (density -ln x):
         * regulars without pow(), whose last bits may vary between libms
         * and break "same seed, same data" across machines. */
        double u = demo_rng_unit(r);
        if (demo_rng_chance(r, 0.5))
            u *= demo_rng_unit(r);
        long i = (long)((double)n * u);
        if (i >= n)
            i = n - 1;
        return pp->pool[pp->pool_start[g] + i];
    }
    return (long)demo_rng_below(r, (uint64_t)pp->count);
}

static double noshow_probability(int lead, int risk, int kept, int missed,
                                 int reminded, int age)
{
    static const double risk_factor[3] = { 0.6, 1.5, 3.5 };
    double lead_factor = lead <= 2 ? 0.55 : lead <= 7 ? 0.9
                       : lead <= 30 ? 1.3 : 1.9;
    double history = 1.0;
    if (missed > 0)
        history += 2.0 * (missed + 0.5) / (kept + missed + 2.0);
    double p = 0.08 * lead_factor * risk_factor[risk] * history;
    p *= reminded ? 0.6 : 1.0;
    p *= age < 0 ? 1.0 : age < 25 ? 1.4 : age >= 60 ? 0.7 : 1.0;
    return p < 0.75 ? p : 0.75;
}

static const char *booked_by(struct writer *w, int agent, int site)
{
    const struct demo_agent *a = &w->plan->agents[agent];
    const struct demo_site *s = &w->plan->sites[site];
    if (a->login[0] && demo_rng_chance(&w->r, 0.5))
        return a->login;
    if (s->login_count > 0)
        return w->plan->agents[s->login_agents[demo_rng_below(
            &w->r, (uint64_t)s->login_count)]].login;
    if (a->login[0])
        return a->login;
    for (int i = 0; i < w->plan->agent_count; i++)
        if (w->plan->agents[i].login[0])
            return w->plan->agents[i].login;
    return "";
}

/* When the appointment was booked, `lead` days before it. Bookings happen
 * on weekdays during office hours, same-day ones shortly before. */
static void booking_time(struct writer *w, const struct walk_day *day,
                         const struct demo_slot *s, int lead,
                         struct civil_datetime *out)
{
    struct demo_rng *r = &w->r;
    if (lead == 0) {
        int m = s->start - demo_rng_range(r, 10, 150);
        if (m < 450)
            m = 450;
        if (m >= s->start)
            m = s->start - 5;
        out->date = day->date;
        out->minute = m;
        return;
    }
    struct civil_date b = day->date;
    civil_date_add_days(day->date, -lead, &b);
    enum civil_weekday wd = civil_weekday(b);
    if (wd == CIVIL_SATURDAY || wd == CIVIL_SUNDAY)
        civil_date_add_days(b, wd == CIVIL_SATURDAY ? -1 : -2, &b);
    out->date = b;
    /* Booked today for a later day: early this morning. */
    out->minute = civil_date_compare(b, w->span->today) == 0
                ? demo_rng_range(r, 480, 539) : demo_rng_range(r, 510, 1050);
}

static void set_time(char *buf, struct civil_date d, int minute)
{
    struct civil_datetime dt = { d, minute };
    if (civil_format_datetime(dt, buf, CIVIL_DATETIME_LEN) != 0)
        buf[0] = '\0';
}

/* Whether a reminder went out: two days before, to people who accept
 * them, for bookings made at least two days ahead (so not yet for the days
 * after tomorrow). */
static int reminded(struct writer *w, const struct walk_day *day,
                    const struct demo_slot *s, long person, int lead)
{
    if (person < 0 || !w->people->reachable[person] || lead < 2 || day->offset > 2)
        return 0;
    /* its own stream, seeded by the appointment: the other details (people,
     * notes, outcomes) draw exactly as they did before reminders existed */
    struct demo_rng r;
    demo_rng_seed(&r, ((uint64_t)person << 32) ^
                          ((uint64_t)civil_date_to_days(day->date) * 1440u + (uint64_t)s->start));
    return demo_rng_chance(&r, 0.9);
}

/* Status and arrival of an appointment, updating the person's history. */
static void decide_outcome(struct writer *w, const struct walk_day *day,
                           const struct demo_slot *s, long person, int lead,
                           int reminder, struct db_appt *a)
{
    struct demo_rng *r = &w->r;
    a->status = APPT_UNKNOWN;
    a->arrived_at[0] = '\0';
    if (day->offset == 0)
        return; /* today: nothing entered yet */
    if (day->offset > 0) {
        double u = demo_rng_unit(r);
        a->status = u < 0.03 ? APPT_EXCUSED : u < 0.04 ? APPT_REVOKED : APPT_UNKNOWN;
        return;
    }
    double excused = 0.035 + (lead > 7 ? 0.03 : 0.0);
    double u = demo_rng_unit(r);
    if (u < excused) {
        a->status = APPT_EXCUSED;
        return;
    }
    if (u < excused + 0.012) {
        a->status = APPT_REVOKED;
        return;
    }
    struct demo_people *pp = w->people;
    int noshow = 0;
    if (person >= 0) {
        int age = pp->birth_year[person] ? day->date.year - pp->birth_year[person] : -1;
        noshow = demo_rng_chance(r, noshow_probability(lead, pp->risk[person],
                                                       pp->kept[person],
                                                       pp->missed[person], reminder, age));
    } else {
        noshow = demo_rng_chance(r, noshow_probability(lead, 0, 0, 0, 0, -1));
    }
    if (demo_rng_chance(r, unfilled_share(w, day)))
        return; /* to fill in: the outcome was never entered */
    if (person >= 0) {
        if (noshow && pp->missed[person] < UINT16_MAX)
            pp->missed[person]++;
        else if (!noshow && pp->kept[person] < UINT16_MAX)
            pp->kept[person]++;
    }
    if (noshow) {
        a->status = APPT_NOSHOW;
        return;
    }
    a->status = APPT_SEEN;
    /* Arrival is clocked at the desk: on-site appointments, mostly. */
    if (demo_motif_defs[s->motif].location == DB_LOC_SITE &&
        demo_rng_chance(r, 0.92))
        set_time(a->arrived_at, day->date, s->start + demo_rng_range(r, -15, 10));
}

static int write_slot(void *ctx, const struct walk_day *day, int agent,
                      int site, const struct demo_slot *s)
{
    struct writer *w = ctx;
    struct demo_rng *r = &w->r;
    struct db_appt *a = &w->appt;
    const struct demo_plan *plan = w->plan;

    long person = pick_person(r, w->people, site, demo_motif_defs[s->motif].audience);
    int lead = lead_sample(r, day->offset > 0 ? day->offset : 0);
    struct civil_datetime created;
    booking_time(w, day, s, lead, &created);

    a->id = 0;
    a->version = 0;
    a->site_id = plan->sites[site].id;
    a->agent_id = plan->agents[agent].id;
    a->motif_id = plan->motif_ids[s->motif];
    a->person_id = person >= 0 ? w->people->ids[person] : 0;
    a->overbooked = 0;
    set_time(a->starts_at, day->date, s->start);
    set_time(a->ends_at, day->date, s->start + s->duration);
    set_time(a->created_at, created.date, created.minute);
    snprintf(a->created_by, sizeof a->created_by, "%s", booked_by(w, agent, site));
    a->context[0] = '\0';
    if (demo_rng_chance(r, 0.08))
        snprintf(a->context, sizeof a->context, "%s",
                 contexts[demo_rng_below(r, sizeof contexts / sizeof contexts[0])]);
    int reminder = reminded(w, day, s, person, lead);
    decide_outcome(w, day, s, person, lead, reminder, a);

    int rc = db_appt_insert(w->bulk->db, a, w->err);
    if (rc == DB_OK && reminder)
        rc = db_appt_mark_reminded(w->bulk->db, a->id, w->err);
    if (rc != DB_OK)
        return rc;
    w->written++;
    int committed = 0;
    if ((rc = demo_bulk_row(w->bulk, &committed, w->err)) != DB_OK)
        return rc;
    if (committed && w->progress && w->progress->fn) {
        char msg[160];
        snprintf(msg, sizeof msg, _("Appointments: %ld of about %ld"),
                 w->written, w->progress->expected);
        w->progress->fn(w->progress->ctx, msg);
    }
    return DB_OK;
}

int demo_appointments_write(struct demo_bulk *bulk,
                            const struct demo_plan *plan,
                            struct demo_people *people,
                            const struct demo_rng *slot_rng,
                            const struct demo_rng *detail_rng,
                            const struct demo_span *span,
                            const struct demo_progress *progress,
                            long *written, struct db_error *err)
{
    struct writer writer;
    struct writer *w = &writer;
    memset(w, 0, sizeof *w);
    w->bulk = bulk;
    w->plan = plan;
    w->people = people;
    w->r = *detail_rng;
    w->span = span;
    w->progress = progress;
    w->err = err;
    w->cached_offset = 1; /* no past day cached yet */
    int rc = walk(plan, slot_rng, span, write_slot, w);
    *written = w->written;
    return rc;
}
