/* plan.h - internal to demo/: what the generator decides before it writes.
 *
 * The plan is the structure (sites, services, motifs, agents and their
 * weekly opening hours) held in memory with the ids storage gave back, so
 * that generating a million appointments needs no lookup in the database.
 * The people are held the same way, with the per-person history that makes
 * no-shows more likely for those who already missed. */
#ifndef GUICHET_DEMO_PLAN_H
#define GUICHET_DEMO_PLAN_H

#include <stdint.h>

#include "../storage/storage.h"
#include "rng.h"

enum {
    DEMO_SERVICE_COUNT = 4,
    DEMO_MAX_RULES = 12,
    DEMO_TEMPLATE_COUNT = 12, /* agents at scale 1 */
};

/* Who a motif is for: decides which people it is booked with. */
enum demo_audience { DEMO_FOR_ADULT, DEMO_FOR_CHILD, DEMO_FOR_ANY };

struct demo_motif_def {
    const char *name;
    int service;            /* index into the services */
    int duration_minutes;   /* a multiple of 15, 15..60 */
    const char *colour;
    enum db_location location;
    int weight;             /* how often it is booked within its service */
    enum demo_audience audience;
};

extern const char *const demo_service_names[DEMO_SERVICE_COUNT];
extern const struct demo_motif_def demo_motif_defs[];
extern const int demo_motif_count;

struct demo_rule {
    struct opening_rule rule;
    int site; /* index into plan->sites */
};

struct demo_agent {
    int template_index;
    int service;
    int home_site;
    char first_name[DB_NAME_LEN];
    char last_name[DB_NAME_LEN];
    char login[DB_SHORT_LEN];   /* empty: a professional without login */
    struct demo_rule rules[DEMO_MAX_RULES];
    int rule_count;
    double fill;                /* share of slots booked on a past day */
    int64_t id;
};

struct demo_site {
    char name[DB_NAME_LEN];
    char address[DB_NAME_LEN];
    int *login_agents;          /* agents of the site who have a login */
    int login_count;
    int64_t id;
};

struct demo_plan {
    struct demo_site *sites;
    int site_count;
    struct demo_agent *agents;
    int agent_count;
    int64_t service_ids[DEMO_SERVICE_COUNT];
    int64_t *motif_ids;         /* demo_motif_count entries */
    double fill_scale;          /* < 1 only when one agent is too many */
};

/* Builds the structure in memory (no database access): `sites` sites and
 * `agents` agents cycling through the scale-1 templates, opening hours valid
 * from a Monday before `first_day`. Returns 0, or -1 when out of memory. */
int demo_plan_build(struct demo_plan *plan, const struct demo_rng *rng,
                    int sites, int agents, struct civil_date first_day);
void demo_plan_free(struct demo_plan *plan);
/* Writes the plan through storage and records the ids. Inside a bulk. */
int demo_plan_write(struct db *db, struct demo_plan *plan,
                    struct db_error *err);

struct demo_people {
    long count;
    int64_t *ids;
    unsigned char *risk;        /* latent no-show propensity class 0..2 */
    uint16_t *kept;             /* past appointments seen so far */
    uint16_t *missed;           /* past no-shows so far */
    int16_t *birth_year;        /* 0: unknown */
    unsigned char *reachable;   /* accepts SMS or e-mail reminders */
    /* Indices of people grouped by home site and age: group g = site * 2 +
     * (0 adult, 1 child) spans pool[pool_start[g] .. pool_start[g + 1]). */
    long *pool;
    long *pool_start;
    int site_count;
};

/* Bulk transactions of a bounded size: call demo_bulk_row() after each row;
 * it commits and begins a new transaction every `chunk` rows. */
struct demo_bulk {
    struct db *db;
    long chunk;
    long in_transaction;
    int open;
};

/* Generates `count` people (adults, and children with a responsible adult)
 * spread over the plan's sites and writes them through `bulk`. */
int demo_people_write(struct demo_bulk *bulk, const struct demo_plan *plan,
                      const struct demo_rng *rng, long count,
                      struct demo_people *people, struct db_error *err);
void demo_people_free(struct demo_people *people);

int demo_bulk_start(struct demo_bulk *b, struct db *db, long chunk,
                    struct db_error *err);
/* *committed set to 1 when this row closed a chunk (may be NULL). */
int demo_bulk_row(struct demo_bulk *b, int *committed, struct db_error *err);
int demo_bulk_finish(struct demo_bulk *b, struct db_error *err);
void demo_bulk_abort(struct demo_bulk *b);

/* The appointment calendar: which days, which rates. */
struct demo_span {
    struct civil_date today;
    int history_days;
    int future_days;
};

/* Counts the appointments the plan would get, without writing anything:
 * same slot decisions as demo_appointments_write with the same `rng`. */
long demo_appointments_count(const struct demo_plan *plan,
                             const struct demo_rng *rng,
                             const struct demo_span *span);

struct demo_progress {
    void (*fn)(void *ctx, const char *what);
    void *ctx;
    long expected;
};

int demo_appointments_write(struct demo_bulk *bulk,
                            const struct demo_plan *plan,
                            struct demo_people *people,
                            const struct demo_rng *slot_rng,
                            const struct demo_rng *detail_rng,
                            const struct demo_span *span,
                            const struct demo_progress *progress,
                            long *written, struct db_error *err);

#endif
