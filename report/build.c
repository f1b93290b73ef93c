/* build.c - gathering a summary's figures (report.h). Storage does the
 * GROUP BY work; here ids are turned into names and the groups are added
 * up per site, service, agent and motif. The structure lists are read
 * once and searched by id (they are sorted by id here). */
#include <stdlib.h>
#include <string.h>

#include "build_int.h"

/* What the lookups need: id, display name, and for a motif its service. */
struct named {
    int64_t id;
    char name[REPORT_NAME_LEN];
    int64_t parent; /* a motif's service */
    struct summary_counts counts;
    int used;
};

struct names {
    struct named *v;
    size_t n;
};

/* Sets err like storage does and returns its status. */
static int fail(struct db_error *err, enum db_status status, const char *what)
{
    err->status = status;
    snprintf(err->detail, sizeof err->detail, "%s", what);
    return status;
}

static int by_id(const void *a, const void *b)
{
    int64_t x = ((const struct named *)a)->id, y = ((const struct named *)b)->id;
    return (x > y) - (x < y);
}

static struct named *find(struct names *ns, int64_t id)
{
    struct named key = {.id = id};
    return bsearch(&key, ns->v, ns->n, sizeof *ns->v, by_id);
}

static int names_alloc(struct names *ns, size_t n)
{
    ns->v = calloc(n ? n : 1, sizeof *ns->v);
    ns->n = n;
    return ns->v ? 0 : -1;
}

static int load_names(struct db *db, struct names *sites, struct names *services,
                      struct names *agents, struct names *motifs,
                      struct db_error *err)
{
    struct db_site *s = NULL;
    struct db_service *sv = NULL;
    struct db_agent *a = NULL;
    struct db_motif *m = NULL;
    size_t ns = 0, nsv = 0, na = 0, nm = 0;
    int rc = db_site_list(db, &s, &ns, err);
    if (rc == DB_OK)
        rc = db_service_list(db, &sv, &nsv, err);
    if (rc == DB_OK)
        rc = db_agent_list(db, &a, &na, err);
    if (rc == DB_OK)
        rc = db_motif_list(db, &m, &nm, err);
    if (rc == DB_OK && (names_alloc(sites, ns) || names_alloc(services, nsv) ||
                        names_alloc(agents, na) || names_alloc(motifs, nm)))
        rc = fail(err, DB_ERR_INTERNAL, "out of memory");
    if (rc == DB_OK) {
        for (size_t i = 0; i < ns; i++) {
            sites->v[i].id = s[i].id;
            snprintf(sites->v[i].name, REPORT_NAME_LEN, "%s", s[i].name);
        }
        for (size_t i = 0; i < nsv; i++) {
            services->v[i].id = sv[i].id;
            snprintf(services->v[i].name, REPORT_NAME_LEN, "%s", sv[i].name);
        }
        for (size_t i = 0; i < na; i++) {
            agents->v[i].id = a[i].id;
            /* "First Last", as the console shows agents */
            snprintf(agents->v[i].name, REPORT_NAME_LEN, "%s%s%s", a[i].first_name,
                     a[i].first_name[0] ? " " : "", a[i].last_name);
        }
        for (size_t i = 0; i < nm; i++) {
            motifs->v[i].id = m[i].id;
            motifs->v[i].parent = m[i].service_id;
            snprintf(motifs->v[i].name, REPORT_NAME_LEN, "%s", m[i].name);
        }
        qsort(sites->v, sites->n, sizeof *sites->v, by_id);
        qsort(services->v, services->n, sizeof *services->v, by_id);
        qsort(agents->v, agents->n, sizeof *agents->v, by_id);
        qsort(motifs->v, motifs->n, sizeof *motifs->v, by_id);
    }
    free(s);
    free(sv);
    free(a);
    free(m);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    const struct report_line *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c == 0)
        c = strcmp(x->detail, y->detail);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* The used entries of `ns` as report lines sorted by name. */
static int lines_of(const struct names *ns, const struct names *parents,
                    struct report_line **out, size_t *count)
{
    size_t n = 0;
    for (size_t i = 0; i < ns->n; i++)
        n += ns->v[i].used != 0;
    *count = 0;
    *out = calloc(n ? n : 1, sizeof **out);
    if (!*out)
        return -1;
    for (size_t i = 0; i < ns->n; i++) {
        if (!ns->v[i].used)
            continue;
        struct report_line *l = &(*out)[(*count)++];
        l->id = ns->v[i].id;
        snprintf(l->name, sizeof l->name, "%s", ns->v[i].name);
        l->counts = ns->v[i].counts;
        if (parents) {
            struct named key = {.id = ns->v[i].parent};
            const struct named *p = bsearch(&key, parents->v, parents->n,
                                            sizeof *parents->v, by_id);
            if (p)
                snprintf(l->detail, sizeof l->detail, "%s", p->name);
        }
    }
    qsort(*out, *count, sizeof **out, by_name);
    return 0;
}

/* Placeholder names for rows whose structure row is gone. */
static const char *name_or_id(struct names *ns, int64_t id, char *buf, size_t size)
{
    struct named *n = find(ns, id);
    if (n)
        return n->name;
    snprintf(buf, size, "#%lld", (long long)id);
    return buf;
}

static int add_groups(struct db *db, struct report *r, struct names *sites,
                      struct names *services, struct names *agents,
                      struct names *motifs, struct civil_date end,
                      struct db_error *err)
{
    struct db_report_group *g = NULL;
    size_t n = 0;
    int rc = db_report_groups(db, r->req.site_id, r->req.from, end, r->req.now,
                              &g, &n, err);
    if (rc != DB_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        summary_count_add(&r->total, g[i].status, g[i].started, g[i].count);
        struct named *hit[4] = {find(sites, g[i].site_id), find(agents, g[i].agent_id),
                                find(motifs, g[i].motif_id), NULL};
        if (hit[2])
            hit[3] = find(services, hit[2]->parent);
        for (int k = 0; k < 4; k++) {
            if (!hit[k])
                continue;
            summary_count_add(&hit[k]->counts, g[i].status, g[i].started, g[i].count);
            hit[k]->used = 1;
        }
    }
    free(g);
    if (lines_of(sites, NULL, &r->sites, &r->nsites) ||
        lines_of(services, NULL, &r->services, &r->nservices) ||
        lines_of(agents, NULL, &r->agents, &r->nagents) ||
        lines_of(motifs, services, &r->motifs, &r->nmotifs))
        return fail(err, DB_ERR_INTERNAL, "out of memory");
    return DB_OK;
}

static void fill_wait(struct report_wait *w, int *values, size_t n)
{
    w->waits = (long)n;
    w->median = summary_median(values, n);
    w->p90 = summary_p90(values, n);
}

static int add_waits(struct db *db, struct report *r, struct names *sites,
                     struct civil_date end, struct db_error *err)
{
    struct db_report_arrival *a = NULL;
    size_t n = 0;
    int rc = db_report_arrivals(db, r->req.site_id, r->req.from, end, &a, &n, err);
    if (rc != DB_OK)
        return rc;
    int *values = calloc(n ? n : 1, sizeof *values);
    r->waits = calloc(sites->n ? sites->n : 1, sizeof *r->waits);
    if (!values || !r->waits) {
        free(a);
        free(values);
        return fail(err, DB_ERR_INTERNAL, "out of memory");
    }
    size_t nv = 0;
    for (size_t i = 0; i < n; i++)
        if (a[i].wait_minutes >= 0)
            values[nv++] = a[i].wait_minutes;
    r->wait_total.arrivals = (long)n;
    fill_wait(&r->wait_total, values, nv);
    /* per site, in the order of r->sites (by name) */
    for (size_t s = 0; s < sites->n; s++) {
        long arrivals = 0;
        nv = 0;
        for (size_t i = 0; i < n; i++) {
            if (a[i].site_id != sites->v[s].id)
                continue;
            arrivals++;
            if (a[i].wait_minutes >= 0)
                values[nv++] = a[i].wait_minutes;
        }
        if (!arrivals)
            continue;
        struct report_wait *w = &r->waits[r->nwaits++];
        w->id = sites->v[s].id;
        snprintf(w->name, sizeof w->name, "%s", sites->v[s].name);
        w->arrivals = arrivals;
        fill_wait(w, values, nv);
    }
    for (size_t i = 1; i < r->nwaits; i++) /* by name: few sites */
        for (size_t j = i; j > 0 && strcmp(r->waits[j - 1].name, r->waits[j].name) > 0; j--) {
            struct report_wait t = r->waits[j];
            r->waits[j] = r->waits[j - 1];
            r->waits[j - 1] = t;
        }
    free(values);
    free(a);
    return DB_OK;
}

static int add_changes(struct db *db, struct report *r, struct civil_date end,
                       struct db_error *err)
{
    int rc = db_report_changes(db, r->req.site_id, r->req.from, end, &r->changes,
                               &r->nchanges, err);
    if (rc != DB_OK)
        return rc;
    for (size_t i = 0; i < r->nchanges; i++) {
        r->change_total.created += r->changes[i].created;
        r->change_total.moved += r->changes[i].moved;
        r->change_total.cancelled += r->changes[i].cancelled;
    }
    return DB_OK;
}

static int minute_of(const char *datetime)
{
    struct civil_datetime dt;
    return civil_parse_datetime(datetime, &dt) == 0 ? dt.minute : -1;
}

static int next_cmp(const void *a, const void *b)
{
    const struct report_next *x = a, *y = b;
    int c = strcmp(x->site, y->site);
    return c ? c : strcmp(x->agent, y->agent);
}

static int add_next_day(struct db *db, struct report *r, struct names *sites,
                        struct names *agents, struct db_error *err)
{
    struct civil_date after;
    if (civil_date_add_days(r->next_day, 1, &after) != 0)
        return DB_OK; /* 9999-12-31: there is no tomorrow */
    struct db_report_agenda *g = NULL;
    size_t n = 0;
    int rc = db_report_agenda(db, r->req.site_id, r->next_day, after, &g, &n, err);
    if (rc != DB_OK)
        return rc;
    r->next = calloc(n ? n : 1, sizeof *r->next);
    for (size_t i = 0; i < sites->n; i++) {
        memset(&sites->v[i].counts, 0, sizeof sites->v[i].counts);
        sites->v[i].used = 0;
    }
    if (!r->next) {
        free(g);
        return fail(err, DB_ERR_INTERNAL, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        struct report_next *x = &r->next[r->nnext++];
        char buf[32];
        x->site_id = g[i].site_id;
        snprintf(x->site, sizeof x->site, "%s", name_or_id(sites, g[i].site_id, buf, sizeof buf));
        snprintf(x->agent, sizeof x->agent, "%s", name_or_id(agents, g[i].agent_id, buf, sizeof buf));
        x->count = g[i].count;
        x->first_minute = minute_of(g[i].first_start);
        x->last_minute = minute_of(g[i].last_end);
        /* an appointment ending on the next morning ends at "24:00" and later */
        if (strncmp(g[i].last_end, g[i].first_start, 10) != 0 && x->last_minute >= 0)
            x->last_minute += 1440;
        r->next_total += g[i].count;
        struct named *s = find(sites, g[i].site_id);
        if (s) {
            s->counts.booked += g[i].count;
            s->used = 1;
        }
    }
    free(g);
    qsort(r->next, r->nnext, sizeof *r->next, next_cmp);
    if (lines_of(sites, NULL, &r->next_sites, &r->nnext_sites))
        return fail(err, DB_ERR_INTERNAL, "out of memory");
    return DB_OK;
}

static int add_weeks(struct db *db, struct report *r, struct db_error *err)
{
    struct civil_date last = summary_week_start(r->req.to), first, end;
    if (civil_date_add_days(last, -7 * (REPORT_WEEKS - 1), &first) != 0 ||
        civil_date_add_days(r->req.to, 1, &end) != 0)
        return DB_OK;
    for (int w = 0; w < REPORT_WEEKS; w++)
        civil_date_add_days(first, 7 * w, &r->weeks[w].start);
    struct db_report_day *d = NULL;
    size_t n = 0;
    int rc = db_report_days(db, r->req.site_id, first, end, &d, &n, err);
    if (rc != DB_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        int64_t w = civil_date_diff_days(d[i].date, first) / 7;
        if (w < 0 || w >= REPORT_WEEKS)
            continue;
        r->weeks[w].seen += d[i].seen;
        r->weeks[w].noshow += d[i].noshow;
    }
    free(d);
    return DB_OK;
}

int report_build(struct db *db, const struct report_request *req,
                 struct report *out, struct db_error *err)
{
    struct db_error local = {0};
    if (!err)
        err = &local;
    memset(out, 0, sizeof *out);
    out->req = *req;
    struct civil_date end;
    if (!civil_date_valid(req->from) || !civil_date_valid(req->to) ||
        civil_date_compare(req->from, req->to) > 0 ||
        civil_date_add_days(req->to, 1, &end) != 0)
        return fail(err, DB_ERR_INVALID, "period");
    out->days = (int)civil_date_diff_days(req->to, req->from) + 1;
    out->next_day = end;
    struct names sites = {0}, services = {0}, agents = {0}, motifs = {0};
    int started = 0;
    int rc = db_report_begin(db, &started, err);
    if (rc == DB_OK)
        rc = load_names(db, &sites, &services, &agents, &motifs, err);
    if (rc == DB_OK && req->site_id) {
        struct named *s = find(&sites, req->site_id);
        if (s)
            snprintf(out->site_name, sizeof out->site_name, "%s", s->name);
        else
            rc = fail(err, DB_ERR_NO_ROW, "site");
    }
    if (rc == DB_OK)
        rc = add_groups(db, out, &sites, &services, &agents, &motifs, end, err);
    if (rc == DB_OK)
        rc = add_waits(db, out, &sites, end, err);
    if (rc == DB_OK)
        rc = add_changes(db, out, end, err);
    if (rc == DB_OK)
        rc = add_next_day(db, out, &sites, &agents, err);
    if (rc == DB_OK)
        rc = add_weeks(db, out, err);
    if (rc == DB_OK)
        rc = report_add_loans(db, out, end, err);
    if (rc == DB_OK)
        rc = report_add_risk(db, out, end, err);
    db_report_end(db, started);
    free(sites.v);
    free(services.v);
    free(agents.v);
    free(motifs.v);
    if (rc != DB_OK)
        report_free(out);
    return rc;
}

void report_free(struct report *r)
{
    free(r->sites);
    free(r->services);
    free(r->agents);
    free(r->motifs);
    free(r->waits);
    free(r->changes);
    free(r->next_sites);
    free(r->next);
    free(r->rooms);
    free(r->room_sites);
    free(r->pending);
    free(r->insurance);
    free(r->riskiest);
    free(r->reminders);
    r->rooms = r->room_sites = NULL;
    r->pending = NULL;
    r->insurance = NULL;
    r->riskiest = NULL;
    r->reminders = NULL;
    r->nrooms = r->nroom_sites = r->npending = r->ninsurance = r->nriskiest = r->nreminders = 0;
    r->sites = r->services = r->agents = r->motifs = r->next_sites = NULL;
    r->waits = NULL;
    r->changes = NULL;
    r->next = NULL;
    r->nsites = r->nservices = r->nagents = r->nmotifs = r->nnext_sites = 0;
    r->nwaits = r->nchanges = r->nnext = 0;
}

int report_is_empty(const struct report *r)
{
    return r->total.booked == 0 && r->nchanges == 0;
}

int report_render(FILE *out, const struct report *r, enum report_format f)
{
    switch (f) {
    case REPORT_CSV: return report_render_csv(out, r);
    case REPORT_JSON: return report_render_json(out, r);
    case REPORT_HTML: return report_render_html(out, r);
    default: return report_render_text(out, r);
    }
}
