/* people.c - the demo's beneficiaries: generated names, birth dates spread
 * over 1940-2020, fictional phone numbers (the ranges ARCEP reserves for
 * fiction: 01 99 00 xx xx and 06 39 98 xx xx), addresses at example.fr,
 * invented towns; about one in five is a child with a responsible adult.
 * Each person also gets a hidden no-show propensity that the appointment
 * generator uses, so that a person who missed once tends to miss again. */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "names.h"

enum { RECENT_ADULTS = 32 }; /* a child's parent is one of these */

static const char *const notes[] = {
    "Préfère les rendez-vous le matin.",
    "Joignable plutôt après 17h.",
    "Accompagné(e) par un travailleur social.",
    "Besoin d'un interprète.",
    "Mobilité réduite : rez-de-chaussée.",
    "Dossier transmis par le CCAS.",
};

static const char *pick(struct demo_rng *r, const struct demo_name_list *l)
{
    return l->items[demo_rng_below(r, l->count)];
}

static void random_date(struct demo_rng *r, int year, char *buf, size_t size)
{
    struct civil_date d = { year, demo_rng_range(r, 1, 12), 1 };
    d.day = demo_rng_range(r, 1, civil_days_in_month(d.year, d.month));
    if (civil_format_date(d, buf, size) != 0)
        buf[0] = '\0';
}

static void make_email(struct demo_rng *r, const char *first, const char *last,
                       char *buf, size_t size)
{
    char f[DB_SHORT_LEN], l[DB_SHORT_LEN];
    demo_ascii_fold(first, 1, f, sizeof f);
    demo_ascii_fold(last, 1, l, sizeof l);
    if (demo_rng_chance(r, 0.3))
        snprintf(buf, size, "%.40s.%.40s%d@example.fr", f, l, demo_rng_range(r, 1, 99));
    else
        snprintf(buf, size, "%.40s.%.40s@example.fr", f, l);
}

/* Adults: a person (or the adult of a family). */
static void make_adult(struct demo_rng *r, int site, int site_count,
                       struct db_person *p, const char **surname)
{
    int female = demo_rng_chance(r, 0.55);
    *surname = pick(r, &demo_surnames);
    snprintf(p->first_name, sizeof p->first_name, "%s",
             pick(r, female ? &demo_female_first : &demo_male_first));
    snprintf(p->last_name, sizeof p->last_name, "%s", *surname);
    if (female && demo_rng_chance(r, 0.3))
        snprintf(p->birth_name, sizeof p->birth_name, "%s",
                 pick(r, &demo_surnames));
    /* Triangular around 1973: more working-age adults than very old. */
    if (!demo_rng_chance(r, 0.04))
        random_date(r, 1940 + demo_rng_range(r, 0, 33) + demo_rng_range(r, 0, 33),
                    p->birth_date, sizeof p->birth_date);
    int mobile = 0;
    if (demo_rng_chance(r, 0.88)) {
        mobile = demo_rng_chance(r, 0.7);
        snprintf(p->phone, sizeof p->phone, "%s %02d %02d",
                 mobile ? "06 39 98" : "01 99 00",
                 demo_rng_range(r, 0, 99), demo_rng_range(r, 0, 99));
    }
    if (demo_rng_chance(r, 0.55))
        make_email(r, p->first_name, p->last_name, p->email, sizeof p->email);
    if (demo_rng_chance(r, 0.92)) {
        /* Mostly the site's own town, sometimes a neighbouring one. */
        int t = demo_rng_chance(r, 0.7) ? site
              : demo_rng_range(r, 0, site_count + 2);
        const struct demo_town *town = &demo_towns[t % (int)demo_town_count];
        snprintf(p->address, sizeof p->address, "%d %s, %s %s",
                 demo_rng_range(r, 1, 120), pick(r, &demo_streets),
                 town->postcode, town->name);
    }
    if (demo_rng_chance(r, 0.03))
        snprintf(p->notes, sizeof p->notes, "%s",
                 notes[demo_rng_below(r, sizeof notes / sizeof notes[0])]);
    p->notify_sms = mobile && demo_rng_chance(r, 0.85);
    p->notify_email = p->email[0] && demo_rng_chance(r, 0.4);
}

static void make_child(struct demo_rng *r, const char *surname, int64_t parent,
                       struct db_person *p)
{
    int female = demo_rng_chance(r, 0.5);
    snprintf(p->first_name, sizeof p->first_name, "%s",
             pick(r, female ? &demo_female_first : &demo_male_first));
    snprintf(p->last_name, sizeof p->last_name, "%s", surname);
    random_date(r, demo_rng_range(r, 2008, 2020), p->birth_date,
                sizeof p->birth_date);
    p->responsible_id = parent;
}

void demo_people_free(struct demo_people *people)
{
    free(people->ids);
    free(people->risk);
    free(people->kept);
    free(people->missed);
    free(people->birth_year);
    free(people->reachable);
    free(people->pool);
    free(people->pool_start);
    memset(people, 0, sizeof *people);
}

/* Groups people by (site, adult/child) for the appointment generator. */
static int build_pools(struct demo_people *pp, const int *site,
                       const unsigned char *child)
{
    int groups = pp->site_count * 2;
    long *fill = calloc((size_t)groups, sizeof *fill);
    if (!fill)
        return -1;
    for (long i = 0; i < pp->count; i++)
        pp->pool_start[site[i] * 2 + child[i] + 1]++;
    for (int g = 0; g < groups; g++)
        pp->pool_start[g + 1] += pp->pool_start[g];
    for (long i = 0; i < pp->count; i++) {
        int g = site[i] * 2 + child[i];
        pp->pool[pp->pool_start[g] + fill[g]++] = i;
    }
    free(fill);
    return 0;
}

int demo_people_write(struct demo_bulk *bulk, const struct demo_plan *plan,
                      const struct demo_rng *rng, long count,
                      struct demo_people *pp, struct db_error *err)
{
    memset(pp, 0, sizeof *pp);
    int sites = plan->site_count;
    size_t n = (size_t)(count > 0 ? count : 1);
    pp->site_count = sites;
    pp->ids = calloc(n, sizeof *pp->ids);
    pp->risk = calloc(n, 1);
    pp->kept = calloc(n, sizeof *pp->kept);
    pp->missed = calloc(n, sizeof *pp->missed);
    pp->birth_year = calloc(n, sizeof *pp->birth_year);
    pp->reachable = calloc(n, 1);
    pp->pool = calloc(n, sizeof *pp->pool);
    pp->pool_start = calloc((size_t)sites * 2 + 1, sizeof *pp->pool_start);
    int *site = calloc(n, sizeof *site);
    unsigned char *child = calloc(n, 1);
    /* Per site, the last adults created and their surnames (for children). */
    long *recent = calloc((size_t)sites * RECENT_ADULTS, sizeof *recent);
    const char **surnames = calloc(n, sizeof *surnames);
    int *recent_n = calloc((size_t)sites, sizeof *recent_n);
    int rc = DB_OK;
    if (!pp->ids || !pp->risk || !pp->kept || !pp->missed || !pp->birth_year ||
        !pp->reachable || !pp->pool ||
        !pp->pool_start || !site || !child || !recent || !surnames || !recent_n)
        goto oom;

    struct demo_rng r;
    demo_rng_fork(rng, 2, &r);
    struct db_person p;
    for (long i = 0; i < count; i++) {
        memset(&p, 0, sizeof p);
        int s = (int)(i % sites);
        site[i] = s;
        if (recent_n[s] > 0 && demo_rng_chance(&r, 0.2)) {
            int k = (int)demo_rng_below(&r, (uint64_t)(recent_n[s] < RECENT_ADULTS
                                                       ? recent_n[s] : RECENT_ADULTS));
            long parent = recent[s * RECENT_ADULTS + k];
            make_child(&r, surnames[parent], pp->ids[parent], &p);
            surnames[i] = surnames[parent];
            child[i] = 1;
        } else {
            make_adult(&r, s, sites, &p, &surnames[i]);
            recent[s * RECENT_ADULTS + recent_n[s] % RECENT_ADULTS] = i;
            recent_n[s]++;
        }
        /* 70 % reliable, 25 % sometimes absent, 5 % often absent. */
        double u = demo_rng_unit(&r);
        pp->risk[i] = u < 0.70 ? 0 : u < 0.95 ? 1 : 2;
        if ((rc = db_person_add(bulk->db, &p, err)) != DB_OK)
            goto out;
        pp->ids[i] = p.id;
        pp->birth_year[i] = (int16_t)(p.birth_date[0] ? atoi(p.birth_date) : 0);
        pp->reachable[i] = p.notify_sms || p.notify_email;
        pp->count = i + 1;
        if ((rc = demo_bulk_row(bulk, NULL, err)) != DB_OK)
            goto out;
    }
    if (build_pools(pp, site, child) != 0)
        goto oom;
    goto out;
oom:
    if (err) {
        err->status = DB_ERR_INTERNAL;
        snprintf(err->detail, sizeof err->detail, "%s", _("out of memory"));
    }
    rc = DB_ERR_INTERNAL;
out:
    free(site);
    free(child);
    free(recent);
    free(surnames);
    free(recent_n);
    return rc;
}
