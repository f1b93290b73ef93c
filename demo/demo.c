/* demo.c - demo_generate(): checks the options, sizes the structure, then
 * writes structure, people and appointments in bounded bulk transactions.
 *
 * Sizing: at scale N there are 12 N agents (2 sites at scale 1, 3 beyond)
 * and 3000 N people. With a target number of appointments the generator
 * instead counts, without writing, what a plan would produce and scales the
 * number of agents (and sites, about six agents each) until the count is
 * within a few per cent: more agents rather than fuller days, so each
 * agent's day stays realistic. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "plan.h"

enum {
    DEFAULT_HISTORY_DAYS = 182,
    DEFAULT_FUTURE_DAYS = 42,
    MAX_SCALE = 1000,
    MAX_DAYS = 36600,                 /* a century is plenty */
    PEOPLE_PER_SCALE = 3000,
    AGENTS_PER_SITE = 6,
    CHUNK_ROWS = 50000,
};
static const long MAX_TARGET = 100000000L; /* as `guichet demo --appointments` */

static int invalid(struct db_error *err, const char *field)
{
    err->status = DB_ERR_INVALID;
    snprintf(err->detail, sizeof err->detail, "%s", field);
    return DB_ERR_INVALID;
}

static void progress(const struct demo_options *o, const char *what)
{
    if (o->progress)
        o->progress(o->progress_ctx, what);
}

static int sites_for_agents(int agents)
{
    if (agents < 2)
        return 1;
    if (agents <= 2 * AGENTS_PER_SITE)
        return 2;
    return (agents + AGENTS_PER_SITE - 1) / AGENTS_PER_SITE;
}

/* Plans a structure whose appointment count is close to `target`. */
static int plan_for_target(struct demo_plan *plan, const struct demo_rng *rng,
                           const struct demo_rng *slot_rng,
                           const struct demo_span *span,
                           struct civil_date first_day, long target)
{
    int agents = DEMO_TEMPLATE_COUNT;
    long count = 0;
    for (int round = 0; round < 6; round++) {
        if (demo_plan_build(plan, rng, sites_for_agents(agents), agents,
                            first_day) != 0)
            return -1;
        count = demo_appointments_count(plan, slot_rng, span);
        if (count <= 0 || labs(count - target) * 100 <= target * 3)
            break;
        long next = (long)((double)agents * (double)target / (double)count + 0.5);
        if (next < 1)
            next = 1;
        if (next > 1000000)
            next = 1000000;
        if (next == agents)
            break;
        demo_plan_free(plan);
        agents = (int)next;
    }
    /* One agent is already too many: book that agent's days more thinly. */
    if (count > 0 && plan->agent_count == 1 && count > target + target / 20)
        plan->fill_scale = (double)target / (double)count;
    return 0;
}

int demo_generate(struct db *db, const struct demo_options *opts,
                  struct demo_counts *counts, struct db_error *err)
{
    struct db_error local;
    if (!err)
        err = &local;
    err->status = DB_OK;
    err->detail[0] = '\0';
    if (counts)
        memset(counts, 0, sizeof *counts);
    if (!db || !opts)
        return invalid(err, "options");
    if (!civil_date_valid(opts->today))
        return invalid(err, "today");
    if (opts->scale < 0 || opts->scale > MAX_SCALE)
        return invalid(err, "scale");
    if (opts->history_days < 0 || opts->history_days > MAX_DAYS)
        return invalid(err, "history_days");
    if (opts->future_days < 0 || opts->future_days > MAX_DAYS)
        return invalid(err, "future_days");
    if (opts->target_appointments < 0 || opts->target_appointments > MAX_TARGET)
        return invalid(err, "target_appointments");

    struct demo_span span = {
        .today = opts->today,
        .history_days = opts->history_days ? opts->history_days : DEFAULT_HISTORY_DAYS,
        .future_days = opts->future_days ? opts->future_days : DEFAULT_FUTURE_DAYS,
    };
    int scale = opts->scale ? opts->scale : 1;
    /* The whole span, and opening hours starting weeks before it, must stay
     * inside the calendar (years 1..9999). */
    struct civil_date first_day, check;
    if (civil_date_add_days(span.today, -span.history_days, &first_day) != 0 ||
        civil_date_add_days(first_day, -60, &check) != 0 ||
        civil_date_add_days(span.today, span.future_days + 90, &check) != 0)
        return invalid(err, "today");

    /* The generator fills an empty database; it never mixes with real data. */
    struct db_site *existing = NULL;
    size_t n_existing = 0;
    int rc = db_site_list(db, &existing, &n_existing, err);
    free(existing);
    if (rc != DB_OK)
        return rc;
    if (n_existing > 0) {
        err->status = DB_ERR_INVALID;
        snprintf(err->detail, sizeof err->detail, "%s",
                 _("the database already holds sites; demo data needs an empty one"));
        return DB_ERR_INVALID;
    }

    struct demo_rng master, slot_rng, detail_rng;
    demo_rng_seed(&master, opts->seed);
    demo_rng_fork(&master, 3, &slot_rng);
    demo_rng_fork(&master, 4, &detail_rng);

    struct demo_plan plan;
    long people_count;
    int planned;
    if (opts->target_appointments > 0) {
        planned = plan_for_target(&plan, &master, &slot_rng, &span, first_day,
                                  opts->target_appointments);
        people_count = opts->target_appointments / 8;
        if (people_count < PEOPLE_PER_SCALE)
            people_count = PEOPLE_PER_SCALE;
    } else {
        planned = demo_plan_build(&plan, &master, scale == 1 ? 2 : 3,
                                  DEMO_TEMPLATE_COUNT * scale, first_day);
        people_count = (long)PEOPLE_PER_SCALE * scale;
    }
    if (planned != 0) {
        err->status = DB_ERR_INTERNAL;
        snprintf(err->detail, sizeof err->detail, "%s", _("out of memory"));
        return DB_ERR_INTERNAL;
    }

    struct demo_people people;
    memset(&people, 0, sizeof people);
    struct demo_bulk bulk;
    memset(&bulk, 0, sizeof bulk);
    long written = 0;
    char msg[160];
    struct demo_progress prog = {
        .fn = opts->progress,
        .ctx = opts->progress_ctx,
        .expected = demo_appointments_count(&plan, &slot_rng, &span),
    };

    if ((rc = demo_bulk_start(&bulk, db, CHUNK_ROWS, err)) != DB_OK)
        goto out;
    progress(opts, _("Creating sites, agents and opening hours"));
    if ((rc = demo_plan_write(db, &plan, err)) != DB_OK)
        goto out;
    if (counts) {
        counts->sites = plan.site_count;
        counts->agents = plan.agent_count;
        counts->motifs = demo_motif_count;
    }
    snprintf(msg, sizeof msg, _("Creating %ld people"), people_count);
    progress(opts, msg);
    rc = demo_people_write(&bulk, &plan, &master, people_count, &people, err);
    if (counts)
        counts->people = people.count;
    if (rc != DB_OK)
        goto out;
    rc = demo_appointments_write(&bulk, &plan, &people, &slot_rng, &detail_rng,
                                 &span, &prog, &written, err);
    if (counts)
        counts->appointments = written;
    if (rc != DB_OK)
        goto out;
    if ((rc = demo_bulk_finish(&bulk, err)) != DB_OK)
        goto out;
    progress(opts, _("Creating collèges, rooms, associations and loans"));
    struct demo_loan_counts loan_counts;
    if ((rc = demo_loans_write(db, opts->today, &loan_counts, err)) != DB_OK)
        goto out;
    if (counts)
        counts->loans = loan_counts;
    snprintf(msg, sizeof msg, _("Done: %ld appointments"), written);
    progress(opts, msg);
out:
    if (rc != DB_OK)
        demo_bulk_abort(&bulk);
    demo_people_free(&people);
    demo_plan_free(&plan);
    return rc;
}
