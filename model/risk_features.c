/* risk_features.c - appointments to feature rows, in one sweep through time.
 *
 * Rows are visited in (start, id) order. All appointments starting at the
 * same minute get their features first, and only then are their outcomes
 * added to the running counts: a feature never uses an outcome dated at or
 * after its own appointment. Counts are kept per person, site, motif and
 * agent, and overall; rates are smoothed towards the level above them
 * (person -> site -> overall -> a prior of 15 %), so a new person gets the
 * site's rate and a rarely seen motif gets the overall one. */
#include "risk.h"

#include <math.h>
#include <stdlib.h>

/* Smoothing strengths, in pseudo-appointments. */
#define PRIOR_RATE 0.15
#define K_OVERALL 50.0
#define K_GROUP 20.0
#define K_PERSON 2.0

struct counts {
    int64_t key;
    int used;
    struct risk_tally t;
};

/* Open addressing, int64 keys; sized for every row so it never grows. */
struct table {
    struct counts *slots;
    size_t mask;
};

static int table_init(struct table *t, size_t n)
{
    size_t size = 16;
    while (size < 2 * n + 16)
        size *= 2;
    t->slots = calloc(size, sizeof *t->slots);
    t->mask = size - 1;
    return t->slots ? 0 : -1;
}

static struct counts *table_get(struct table *t, int64_t key)
{
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 17) & t->mask;
    while (t->slots[i].used && t->slots[i].key != key)
        i = (i + 1) & t->mask;
    if (!t->slots[i].used) {
        t->slots[i].used = 1;
        t->slots[i].key = key;
    }
    return &t->slots[i];
}

static double logit(double p)
{
    if (p < 1e-6)
        p = 1e-6;
    if (p > 1 - 1e-6)
        p = 1 - 1e-6;
    return log(p / (1 - p));
}

static double smooth(const struct risk_tally *c, double towards, double k)
{
    return (c->noshows + k * towards) / (c->n + k);
}

struct order {
    int64_t starts, id;
    size_t index;
};

static int order_cmp(const void *a, const void *b)
{
    const struct order *x = a, *y = b;
    if (x->starts != y->starts)
        return x->starts < y->starts ? -1 : 1;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int age_at(struct civil_date birth, struct civil_date day)
{
    if (birth.year == 0 || !civil_date_valid(birth))
        return -1;
    int age = day.year - birth.year;
    if (day.month < birth.month || (day.month == birth.month && day.day < birth.day))
        age--;
    return age < 0 || age > 130 ? -1 : age;
}

/* The features that depend on the appointment alone. */
static void own_features(const struct risk_appt *a, struct risk_row *r)
{
    struct risk_facts *f = &r->facts;
    float *x = r->x;
    int64_t start = civil_datetime_to_minutes(a->starts);
    f->lead_days = -1;
    int booked_minute = -1;
    if (a->booked.date.year != 0 && civil_date_valid(a->booked.date)) {
        int64_t booked = civil_datetime_to_minutes(a->booked);
        /* a booking recorded after the start (a late import) is unknown */
        if (booked <= start) {
            f->lead_days = (int)civil_date_diff_days(a->starts.date, a->booked.date);
            booked_minute = a->booked.minute;
        }
    }
    if (f->lead_days >= 0) {
        double lead = log1p((double)f->lead_days);
        x[RF_LOG_LEAD] = (float)lead;
        x[RF_SAME_DAY] = f->lead_days == 0;
        x[RF_BOOKED_AFTERNOON] = booked_minute >= 12 * 60;
        x[RF_LEAD_8_30] = f->lead_days >= 8 && f->lead_days <= 30;
        x[RF_LEAD_31_PLUS] = f->lead_days > 30;
        x[RF_LEAD_X_REMINDER] = a->reminder_sent ? (float)lead : 0.0f;
    } else {
        /* the typical week ahead, flagged */
        x[RF_LOG_LEAD] = (float)log1p(7.0);
        x[RF_LEAD_UNKNOWN] = 1;
        x[RF_LEAD_X_REMINDER] = a->reminder_sent ? x[RF_LOG_LEAD] : 0.0f;
    }
    f->reminder_sent = a->reminder_sent != 0;
    x[RF_REMINDER] = f->reminder_sent;

    f->age = age_at(a->birth, a->starts.date);
    if (f->age < 0)
        x[RF_AGE_UNKNOWN] = 1;
    else if (f->age < 25)
        x[RF_AGE_UNDER_25] = 1;
    else if (f->age >= 60)
        x[RF_AGE_60_PLUS] = 1;
    else if (f->age >= 40)
        x[RF_AGE_40_59] = 1;

    f->sex = a->sex;
    x[RF_SEX_M] = a->sex == RISK_SEX_M;
    x[RF_SEX_UNKNOWN] = a->sex == RISK_SEX_UNKNOWN;

    f->weekday = (int)civil_weekday(a->starts.date);
    if (f->weekday >= 2)
        x[RF_TUESDAY + (f->weekday >= 6 ? 4 : f->weekday - 2)] = 1;
    f->minute = a->starts.minute;
    if (f->minute < 10 * 60)
        x[RF_BEFORE_10] = 1;
    else if (f->minute >= 12 * 60 && f->minute < 14 * 60)
        x[RF_NOON] = 1;
    else if (f->minute >= 14 * 60 && f->minute < 16 * 60)
        x[RF_AFTERNOON] = 1;
    else if (f->minute >= 16 * 60)
        x[RF_AFTER_16] = 1;
}

void risk_tally_add(struct risk_tally *t, int noshow)
{
    t->n++;
    t->noshows += noshow != 0;
    t->last_noshow = noshow != 0;
}

void risk_features_one(const struct risk_appt *a, const struct risk_tally *overall,
                       const struct risk_tally *site_tally, const struct risk_tally *motif_tally,
                       const struct risk_tally *agent_tally, const struct risk_tally *p,
                       struct risk_row *r)
{
    *r = (struct risk_row){0};
    r->id = a->id;
    r->starts = civil_datetime_to_minutes(a->starts);
    r->label = a->outcome == RISK_OUTCOME_NOSHOW ? 1 : a->outcome == RISK_OUTCOME_SEEN ? 0 : -1;
    own_features(a, r);

    double overall_rate = smooth(overall, PRIOR_RATE, K_OVERALL);
    double site = smooth(site_tally, overall_rate, K_GROUP);
    double motif = smooth(motif_tally, overall_rate, K_GROUP);
    double agent = smooth(agent_tally, overall_rate, K_GROUP);
    r->facts.site_rate = site;
    r->facts.motif_rate = motif;
    r->facts.agent_rate = agent;
    r->x[RF_SITE_RATE] = (float)(logit(site) - logit(overall_rate));
    r->x[RF_MOTIF_RATE] = (float)(logit(motif) - logit(overall_rate));
    r->x[RF_AGENT_RATE] = (float)(logit(agent) - logit(overall_rate));

    r->facts.prior_count = p->n;
    r->facts.prior_noshows = p->noshows;
    r->facts.last_noshow = p->last_noshow;
    r->x[RF_PERSON_RATE] = (float)(logit(smooth(p, site, K_PERSON)) - logit(site));
    r->x[RF_PRIOR_COUNT] = (float)log1p((double)p->n);
    r->x[RF_LAST_NOSHOW] = (float)p->last_noshow;
}

int risk_features_build(const struct risk_appt *in, size_t n,
                        struct risk_row *out)
{
    struct order *ord = malloc((n ? n : 1) * sizeof *ord);
    struct table people = {0}, sites = {0}, motifs = {0}, agents = {0};
    if (!ord || table_init(&people, n) || table_init(&sites, n) ||
        table_init(&motifs, n) || table_init(&agents, n)) {
        free(ord);
        free(people.slots);
        free(sites.slots);
        free(motifs.slots);
        free(agents.slots);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        ord[i].starts = civil_datetime_to_minutes(in[i].starts);
        ord[i].id = in[i].id;
        ord[i].index = i;
    }
    qsort(ord, n, sizeof *ord, order_cmp);

    struct risk_tally overall = {0};
    const struct risk_tally none = {0};
    for (size_t g = 0; g < n;) {
        size_t end = g;
        while (end < n && ord[end].starts == ord[g].starts)
            end++;
        for (size_t k = g; k < end; k++) {
            const struct risk_appt *a = &in[ord[k].index];
            risk_features_one(a, &overall, &table_get(&sites, a->site_id)->t,
                              &table_get(&motifs, a->motif_id)->t,
                              &table_get(&agents, a->agent_id)->t,
                              a->person_id ? &table_get(&people, a->person_id)->t : &none,
                              &out[ord[k].index]);
        }
        /* now, and only now, the outcomes of this minute are known */
        for (size_t k = g; k < end; k++) {
            const struct risk_appt *a = &in[ord[k].index];
            if (a->outcome == RISK_OUTCOME_NONE)
                continue;
            int miss = a->outcome == RISK_OUTCOME_NOSHOW;
            struct risk_tally *c[5] = {
                &overall, &table_get(&sites, a->site_id)->t, &table_get(&motifs, a->motif_id)->t,
                &table_get(&agents, a->agent_id)->t,
                a->person_id ? &table_get(&people, a->person_id)->t : NULL,
            };
            for (int j = 0; j < 5; j++)
                if (c[j])
                    risk_tally_add(c[j], miss);
        }
        g = end;
    }
    free(ord);
    free(people.slots);
    free(sites.slots);
    free(motifs.slots);
    free(agents.slots);
    return 0;
}
