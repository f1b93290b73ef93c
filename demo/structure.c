/* structure.c - the demo's sites, services, motifs, agents and opening
 * hours: built in memory from a dozen agent templates (one département
 * office at scale 1), then written through storage. */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

const char *const demo_service_names[DEMO_SERVICE_COUNT] = {
    "Accueil social",
    "PMI (Protection maternelle et infantile)",
    "Insertion RSA",
    "Aide sociale à l'enfance",
};

enum { ACCUEIL, PMI, RSA, ASE };

const struct demo_motif_def demo_motif_defs[] = {
    { "Premier accueil social", ACCUEIL, 30, "#4e79a7", DB_LOC_SITE, 5, DEMO_FOR_ADULT },
    { "Suivi social", ACCUEIL, 45, "#59a14f", DB_LOC_SITE, 4, DEMO_FOR_ADULT },
    { "Aide aux démarches administratives", ACCUEIL, 30, "#edc948", DB_LOC_SITE, 3, DEMO_FOR_ADULT },
    { "Entretien téléphonique", ACCUEIL, 15, "#76b7b2", DB_LOC_PHONE, 2, DEMO_FOR_ADULT },
    { "Consultation PMI enfant", PMI, 30, "#f28e2b", DB_LOC_SITE, 5, DEMO_FOR_CHILD },
    { "Entretien prénatal précoce", PMI, 45, "#ff9da7", DB_LOC_SITE, 2, DEMO_FOR_ADULT },
    { "Visite à domicile PMI", PMI, 60, "#e15759", DB_LOC_HOME, 1, DEMO_FOR_CHILD },
    { "Orientation RSA", RSA, 45, "#b07aa1", DB_LOC_SITE, 3, DEMO_FOR_ADULT },
    { "Contrat d'engagement réciproque", RSA, 60, "#9c755f", DB_LOC_SITE, 2, DEMO_FOR_ADULT },
    { "Point d'étape insertion", RSA, 30, "#bab0ac", DB_LOC_VIDEO, 3, DEMO_FOR_ADULT },
    { "Entretien famille ASE", ASE, 60, "#8cd17d", DB_LOC_SITE, 3, DEMO_FOR_ANY },
    { "Visite médiatisée", ASE, 60, "#d37295", DB_LOC_SITE, 2, DEMO_FOR_CHILD },
    { "Point téléphonique ASE", ASE, 15, "#a0cbe8", DB_LOC_PHONE, 1, DEMO_FOR_ADULT },
};
const int demo_motif_count =
    (int)(sizeof(demo_motif_defs) / sizeof(demo_motif_defs[0]));

/* ---- agent templates --------------------------------------------------- */

struct template_rule {
    enum civil_weekday weekday;
    int start, end;   /* minutes since midnight */
    int every_weeks;
    int week_offset;  /* which week of an every-2-weeks rhythm */
    int second_site;  /* 1: at the agent's second site */
};

struct agent_template {
    int service;
    int has_login;
    struct template_rule rules[DEMO_MAX_RULES];
};

/* Half days: morning 9:00-12:30, afternoon 13:30-17:00, a shorter Friday
 * afternoon, an early morning and a late afternoon for variety. */
#define AM 540, 750
#define PM 810, 1020
#define FPM 810, 960
#define EAM 510, 750
#define LPM 810, 1050
#define W1 1, 0, 0   /* every week, at the home site */
#define MON CIVIL_MONDAY
#define TUE CIVIL_TUESDAY
#define WED CIVIL_WEDNESDAY
#define THU CIVIL_THURSDAY
#define FRI CIVIL_FRIDAY

static const struct agent_template templates[DEMO_TEMPLATE_COUNT] = {
    /* full-time social worker */
    { ACCUEIL, 1, { { MON, AM, W1 }, { MON, PM, W1 }, { TUE, AM, W1 }, { TUE, PM, W1 },
                    { WED, AM, W1 }, { WED, PM, W1 }, { THU, AM, W1 }, { THU, PM, W1 },
                    { FRI, AM, W1 }, { FRI, FPM, W1 } } },
    /* 80 %: no Wednesday */
    { ACCUEIL, 1, { { MON, AM, W1 }, { MON, PM, W1 }, { TUE, AM, W1 }, { TUE, PM, W1 },
                    { THU, AM, W1 }, { THU, PM, W1 }, { FRI, AM, W1 }, { FRI, FPM, W1 } } },
    /* PMI nurse (puéricultrice) */
    { PMI, 1, { { MON, AM, W1 }, { MON, PM, W1 }, { TUE, AM, W1 }, { TUE, PM, W1 },
                { WED, AM, W1 }, { WED, PM, W1 }, { THU, AM, W1 }, { THU, PM, W1 },
                { FRI, AM, W1 } } },
    /* RSA integration adviser */
    { RSA, 1, { { MON, AM, W1 }, { TUE, AM, W1 }, { WED, AM, W1 }, { THU, AM, W1 },
                { FRI, AM, W1 }, { MON, PM, W1 }, { TUE, PM, W1 }, { WED, PM, W1 },
                { THU, PM, W1 } } },
    /* PMI doctor shared by two sites: Tuesday mornings alternate */
    { PMI, 0, { { TUE, AM, 2, 0, 0 }, { TUE, AM, 2, 1, 1 }, { THU, PM, W1 } } },
    /* front-desk social worker, mornings only */
    { ACCUEIL, 1, { { MON, EAM, W1 }, { TUE, EAM, W1 }, { WED, EAM, W1 },
                    { THU, EAM, W1 }, { FRI, EAM, W1 } } },
    /* child welfare worker */
    { ASE, 1, { { MON, AM, W1 }, { TUE, AM, W1 }, { WED, AM, W1 }, { THU, AM, W1 },
                { FRI, AM, W1 }, { MON, PM, W1 }, { TUE, PM, W1 }, { THU, PM, W1 } } },
    /* RSA adviser at 50 % */
    { RSA, 1, { { MON, AM, W1 }, { MON, PM, W1 }, { TUE, AM, W1 }, { TUE, PM, W1 },
                { WED, AM, W1 } } },
    /* midwife shared by two sites, Friday mornings at the second */
    { PMI, 0, { { MON, AM, W1 }, { MON, PM, W1 }, { WED, AM, W1 }, { WED, PM, W1 },
                { FRI, AM, 1, 0, 1 } } },
    /* full-time social worker */
    { ACCUEIL, 1, { { MON, AM, W1 }, { MON, PM, W1 }, { TUE, AM, W1 }, { TUE, PM, W1 },
                    { WED, AM, W1 }, { WED, PM, W1 }, { THU, AM, W1 }, { THU, PM, W1 },
                    { FRI, AM, W1 }, { FRI, FPM, W1 } } },
    /* RSA adviser, afternoons */
    { RSA, 1, { { MON, LPM, W1 }, { TUE, LPM, W1 }, { WED, LPM, W1 }, { THU, LPM, W1 },
                { FRI, LPM, W1 } } },
    /* psychologist, every other week */
    { ASE, 0, { { WED, AM, 2, 0, 0 }, { WED, PM, 2, 0, 0 }, { THU, AM, 2, 0, 0 },
                { THU, PM, 2, 0, 0 } } },
};

/* ---- building ---------------------------------------------------------- */

static const char *pick(struct demo_rng *r, const struct demo_name_list *l)
{
    return l->items[demo_rng_below(r, l->count)];
}

static void site_name(int i, char *buf, size_t size)
{
    static const char *const points[] = { "Centre", "Nord", "Sud", "Est", "Ouest" };
    const int np = (int)(sizeof(points) / sizeof(points[0]));
    if (i < np) {
        snprintf(buf, size, "MDS %s", points[i]);
        return;
    }
    int t = (i - np) % (int)demo_town_count;
    int round = (i - np) / (int)demo_town_count;
    if (round == 0)
        snprintf(buf, size, "MDS %s", demo_towns[t].name);
    else
        snprintf(buf, size, "MDS %s %d", demo_towns[t].name, round + 1);
}

static int login_taken(const struct demo_plan *plan, int upto, const char *login)
{
    for (int i = 0; i < upto; i++)
        if (strcmp(plan->agents[i].login, login) == 0)
            return 1;
    return 0;
}

/* "mdupont" for Marie Dupont; "mdupont2" when taken. */
static void make_login(const struct demo_plan *plan, int index,
                       struct demo_agent *a)
{
    char first[DB_SHORT_LEN], last[DB_SHORT_LEN], base[48];
    demo_ascii_fold(a->first_name, 0, first, sizeof first);
    demo_ascii_fold(a->last_name, 0, last, sizeof last);
    snprintf(base, sizeof base, "%.1s%.40s", first, last);
    snprintf(a->login, sizeof a->login, "%s", base);
    for (int n = 2; login_taken(plan, index, a->login); n++)
        snprintf(a->login, sizeof a->login, "%s%d", base, n);
}

static struct civil_date monday_before(struct civil_date d, int days_before)
{
    struct civil_date out = d;
    civil_date_add_days(d, -days_before, &out);
    int back = (int)civil_weekday(out) - (int)CIVIL_MONDAY;
    civil_date_add_days(out, -back, &out);
    return out;
}

int demo_plan_build(struct demo_plan *plan, const struct demo_rng *rng,
                    int sites, int agents, struct civil_date first_day)
{
    memset(plan, 0, sizeof *plan);
    if (sites < 1 || agents < 1)
        return -1;
    plan->fill_scale = 1.0;
    plan->sites = calloc((size_t)sites, sizeof *plan->sites);
    plan->agents = calloc((size_t)agents, sizeof *plan->agents);
    plan->motif_ids = calloc((size_t)demo_motif_count, sizeof *plan->motif_ids);
    if (!plan->sites || !plan->agents || !plan->motif_ids) {
        demo_plan_free(plan);
        return -1;
    }
    plan->site_count = sites;
    plan->agent_count = agents;

    struct demo_rng r;
    demo_rng_fork(rng, 1, &r);

    for (int i = 0; i < sites; i++) {
        struct demo_site *s = &plan->sites[i];
        const struct demo_town *town = &demo_towns[i % (int)demo_town_count];
        site_name(i, s->name, sizeof s->name);
        snprintf(s->address, sizeof s->address, "%d %s, %s %s",
                 demo_rng_range(&r, 1, 60), pick(&r, &demo_streets),
                 town->postcode, town->name);
    }

    /* Rules are valid from a Monday four weeks before the history starts;
     * the second week of an every-2-weeks rhythm starts one week later. */
    struct civil_date from = monday_before(first_day, 28);
    struct civil_date from_odd;
    civil_date_add_days(from, 7, &from_odd);

    for (int i = 0; i < agents; i++) {
        struct demo_agent *a = &plan->agents[i];
        const struct agent_template *t = &templates[i % DEMO_TEMPLATE_COUNT];
        a->template_index = i % DEMO_TEMPLATE_COUNT;
        a->service = t->service;
        a->home_site = i % sites;
        int second = sites > 1 ? (a->home_site + 1) % sites : a->home_site;
        /* Three agents in four are women, as in these services. */
        const struct demo_name_list *firsts = demo_rng_chance(&r, 0.75)
            ? &demo_female_first : &demo_male_first;
        snprintf(a->first_name, sizeof a->first_name, "%s", pick(&r, firsts));
        snprintf(a->last_name, sizeof a->last_name, "%s", pick(&r, &demo_surnames));
        if (t->has_login)
            make_login(plan, i, a);
        a->fill = 0.72 + 0.13 * demo_rng_unit(&r);
        for (int k = 0; k < DEMO_MAX_RULES && t->rules[k].every_weeks; k++) {
            const struct template_rule *tr = &t->rules[k];
            struct demo_rule *dr = &a->rules[a->rule_count++];
            dr->rule.weekday = tr->weekday;
            dr->rule.start_minute = tr->start;
            dr->rule.end_minute = tr->end;
            dr->rule.every_weeks = tr->every_weeks;
            dr->rule.valid_from = tr->week_offset ? from_odd : from;
            /* valid_until stays zero: open-ended */
            dr->site = tr->second_site ? second : a->home_site;
        }
    }

    /* Who books at each site: the agents of the site who have a login. */
    for (int s = 0; s < sites; s++) {
        struct demo_site *site = &plan->sites[s];
        site->login_agents = calloc((size_t)agents, sizeof(int));
        if (!site->login_agents) {
            demo_plan_free(plan);
            return -1;
        }
        for (int i = 0; i < agents; i++)
            if (plan->agents[i].home_site == s && plan->agents[i].login[0])
                site->login_agents[site->login_count++] = i;
    }
    return 0;
}

void demo_plan_free(struct demo_plan *plan)
{
    if (plan->sites)
        for (int s = 0; s < plan->site_count; s++)
            free(plan->sites[s].login_agents);
    free(plan->sites);
    free(plan->agents);
    free(plan->motif_ids);
    memset(plan, 0, sizeof *plan);
}

/* ---- writing ----------------------------------------------------------- */

static int agent_uses_site(const struct demo_agent *a, int site)
{
    for (int k = 0; k < a->rule_count; k++)
        if (a->rules[k].site == site)
            return 1;
    return 0;
}

int demo_plan_write(struct db *db, struct demo_plan *plan, struct db_error *err)
{
    int rc;
    for (int i = 0; i < DEMO_SERVICE_COUNT; i++) {
        struct db_service s = { 0 };
        snprintf(s.name, sizeof s.name, "%s", demo_service_names[i]);
        if ((rc = db_service_add(db, &s, err)) != DB_OK)
            return rc;
        plan->service_ids[i] = s.id;
    }
    for (int i = 0; i < demo_motif_count; i++) {
        const struct demo_motif_def *d = &demo_motif_defs[i];
        struct db_motif m = { 0 };
        snprintf(m.name, sizeof m.name, "%s", d->name);
        snprintf(m.colour, sizeof m.colour, "%s", d->colour);
        m.service_id = plan->service_ids[d->service];
        m.duration_minutes = d->duration_minutes;
        m.location = d->location;
        if ((rc = db_motif_add(db, &m, err)) != DB_OK)
            return rc;
        plan->motif_ids[i] = m.id;
    }
    for (int i = 0; i < plan->site_count; i++) {
        struct demo_site *site = &plan->sites[i];
        struct db_site s = { 0 };
        snprintf(s.name, sizeof s.name, "%s", site->name);
        snprintf(s.address, sizeof s.address, "%s", site->address);
        snprintf(s.timezone, sizeof s.timezone, "%s", "Europe/Paris");
        s.kind = DB_SITE_SOCIAL;
        if ((rc = db_site_add(db, &s, err)) != DB_OK)
            return rc;
        site->id = s.id;
    }
    for (int i = 0; i < plan->agent_count; i++) {
        struct demo_agent *a = &plan->agents[i];
        struct db_agent dba = { 0 };
        snprintf(dba.first_name, sizeof dba.first_name, "%s", a->first_name);
        snprintf(dba.last_name, sizeof dba.last_name, "%s", a->last_name);
        snprintf(dba.login, sizeof dba.login, "%s", a->login);
        dba.service_id = plan->service_ids[a->service];
        if ((rc = db_agent_add(db, &dba, err)) != DB_OK)
            return rc;
        a->id = dba.id;
        for (int s = 0; s < plan->site_count; s++) {
            if (s != a->home_site && !agent_uses_site(a, s))
                continue;
            rc = db_agent_join_site(db, a->id, plan->sites[s].id, err);
            if (rc != DB_OK)
                return rc;
        }
        for (int k = 0; k < a->rule_count; k++) {
            struct db_opening o = { 0 };
            o.agent_id = a->id;
            o.site_id = plan->sites[a->rules[k].site].id;
            o.rule = a->rules[k].rule;
            if ((rc = db_opening_add(db, &o, err)) != DB_OK)
                return rc;
        }
    }
    return DB_OK;
}
