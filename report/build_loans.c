/* build_loans.c - the room-loan part of a summary (build_int.h): each
 * room's occupancy over the period with its site's and every site's sums,
 * the requests waiting for a decision with their age, and the insurance
 * certificates of active borrowers that end within REPORT_INSURANCE_DAYS
 * of today (or are missing). */
#include <stdlib.h>
#include <string.h>

#include "build_int.h"

double report_occupancy(long used_minutes, long open_minutes)
{
    return open_minutes > 0 ? (double)used_minutes / (double)open_minutes : -1;
}

int report_has_loans(const struct report *r)
{
    return r->nrooms || r->npending || r->ninsurance;
}

static int by_site_name(const void *a, const void *b)
{
    const struct db_report_room *x = a, *y = b;
    int c = strcmp(x->site, y->site);
    return c ? c : (x->site_id > y->site_id) - (x->site_id < y->site_id);
}

static int add_sites(struct report *r)
{
    r->room_sites = calloc(r->nrooms ? r->nrooms : 1, sizeof *r->room_sites);
    if (!r->room_sites)
        return -1;
    for (size_t i = 0; i < r->nrooms; i++) {
        const struct db_report_room *x = &r->rooms[i];
        struct db_report_room *s = NULL;
        for (size_t k = 0; k < r->nroom_sites && !s; k++)
            if (r->room_sites[k].site_id == x->site_id)
                s = &r->room_sites[k];
        if (!s) {
            s = &r->room_sites[r->nroom_sites++];
            s->site_id = x->site_id;
            snprintf(s->site, sizeof s->site, "%s", x->site);
        }
        s->used_minutes += x->used_minutes;
        s->open_minutes += x->open_minutes;
        r->room_total.used_minutes += x->used_minutes;
        r->room_total.open_minutes += x->open_minutes;
    }
    qsort(r->room_sites, r->nroom_sites, sizeof *r->room_sites, by_site_name);
    return 0;
}

static int add_pending(struct db *db, struct report *r, struct db_error *err)
{
    struct db_report_pending *p = NULL;
    size_t n = 0;
    int rc = db_report_pending(db, r->req.site_id, &p, &n, err);
    if (rc != DB_OK)
        return rc;
    r->pending = calloc(n ? n : 1, sizeof *r->pending);
    if (!r->pending) {
        free(p);
        err->status = DB_ERR_INTERNAL;
        return DB_ERR_INTERNAL;
    }
    for (size_t i = 0; i < n; i++) {
        struct report_pending *x = &r->pending[i];
        struct civil_datetime at;
        x->p = p[i];
        x->age_days = civil_parse_datetime(p[i].created_at, &at) == 0
                          ? (long)civil_date_diff_days(r->req.now.date, at.date)
                          : 0;
        if (x->age_days < 0)
            x->age_days = 0;
    }
    r->npending = n;
    free(p);
    return DB_OK;
}

static int add_insurance(struct db *db, struct report *r, struct db_error *err)
{
    struct civil_date until;
    if (civil_date_add_days(r->req.now.date, REPORT_INSURANCE_DAYS, &until) != 0)
        return DB_OK;
    struct db_report_insurance *a = NULL;
    size_t n = 0;
    int rc = db_report_insurance(db, r->req.site_id, r->req.now.date, until, &a, &n, err);
    if (rc != DB_OK)
        return rc;
    r->insurance = calloc(n ? n : 1, sizeof *r->insurance);
    if (!r->insurance) {
        free(a);
        err->status = DB_ERR_INTERNAL;
        return DB_ERR_INTERNAL;
    }
    for (size_t i = 0; i < n; i++) {
        struct report_insurance *x = &r->insurance[i];
        struct civil_date d;
        x->a = a[i];
        x->known = civil_parse_date(a[i].insurance_until, &d) == 0;
        x->days_left = x->known ? (long)civil_date_diff_days(d, r->req.now.date) : 0;
    }
    r->ninsurance = n;
    free(a);
    return DB_OK;
}

int report_add_loans(struct db *db, struct report *r, struct civil_date end,
                     struct db_error *err)
{
    int rc = db_report_rooms(db, r->req.site_id, r->req.from, end, &r->rooms, &r->nrooms, err);
    if (rc == DB_OK && add_sites(r) != 0) {
        err->status = DB_ERR_INTERNAL;
        rc = DB_ERR_INTERNAL;
    }
    if (rc == DB_OK)
        rc = add_pending(db, r, err);
    if (rc == DB_OK)
        rc = add_insurance(db, r, err);
    return rc;
}
