/* build_risk.c - the no-show risk part of a summary (build_int.h): what
 * became of the period's appointments an alert was shown for, and for the
 * day after the period its riskiest appointments (those alerts were
 * already shown for, with the risk they were shown with) and its
 * reminders per channel. */
#include <stdlib.h>
#include <string.h>

#include "build_int.h"

static int add_alerts(struct db *db, struct report *r, struct civil_date end,
                      struct db_error *err)
{
    struct db_report_alert_group *g = NULL;
    size_t n = 0;
    int rc = db_report_alerts(db, r->req.site_id, r->req.from, end, r->req.now, &g, &n, err);
    if (rc != DB_OK)
        return rc;
    struct report_alerts *a = &r->alerts;
    for (size_t i = 0; i < n; i++) {
        summary_count_add(&a->flagged, g[i].status, g[i].started, g[i].count);
        if (g[i].called)
            summary_count_add(&a->called, g[i].status, g[i].started, g[i].count);
        if (g[i].confirmed)
            summary_count_add(&a->confirmed, g[i].status, g[i].started, g[i].count);
        if (!g[i].called && !g[i].confirmed)
            summary_count_add(&a->not_contacted, g[i].status, g[i].started, g[i].count);
    }
    free(g);
    return DB_OK;
}

static int add_riskiest(struct db *db, struct report *r, struct db_error *err)
{
    struct civil_date after;
    if (civil_date_add_days(r->next_day, 1, &after) != 0)
        return DB_OK;
    return db_report_alerted(db, r->req.site_id, r->next_day, after, REPORT_RISKIEST,
                             &r->riskiest, &r->nriskiest, err);
}

static int add_reminders(struct db *db, struct report *r, struct db_error *err)
{
    struct civil_date after;
    if (civil_date_add_days(r->next_day, 1, &after) != 0)
        return DB_OK;
    int rc = db_report_reminders(db, r->req.site_id, r->next_day, after, &r->reminders,
                                 &r->nreminders, err);
    if (rc != DB_OK)
        return rc;
    for (size_t i = 0; i < r->nreminders; i++) {
        r->reminder_total.to_send += r->reminders[i].to_send;
        r->reminder_total.sending += r->reminders[i].sending;
        r->reminder_total.sent += r->reminders[i].sent;
        r->reminder_total.failed += r->reminders[i].failed;
    }
    return DB_OK;
}

int report_add_risk(struct db *db, struct report *r, struct civil_date end,
                    struct db_error *err)
{
    int rc = add_alerts(db, r, end, err);
    if (rc == DB_OK)
        rc = add_riskiest(db, r, err);
    if (rc == DB_OK)
        rc = add_reminders(db, r, err);
    return rc;
}
