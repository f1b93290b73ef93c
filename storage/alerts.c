/* alerts.c - which alerts to show now (risk_store.h): one scoring of the
 * appointments to come up to the furthest moment's horizon, then for each
 * moment the appointments whose moment has arrived, each claimed in the
 * database so that only one desk or notifier shows it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "../common/clock.h"
#include "../common/i18n.h"

int db_alerts_claim_due(struct db *db, const struct alert_moment *moments, int nmoments,
                        double threshold, enum db_alert_channel channel, int64_t site_id,
                        struct db_alert **out, size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    if (nmoments <= 0)
        return DB_OK;
    struct civil_datetime now_dt, to_dt;
    clock_now(&now_dt, NULL);
    int64_t now = civil_datetime_to_minutes(now_dt), horizon = now;
    for (int k = 0; k < nmoments; k++) {
        int64_t h = alert_moment_horizon(&moments[k], now);
        horizon = h > horizon ? h : horizon;
    }
    if (horizon <= now || civil_datetime_from_minutes(horizon, &to_dt) != 0)
        return DB_OK;
    /* starting after now: an appointment already begun needs no alert */
    struct civil_datetime after;
    civil_datetime_from_minutes(now + 1, &after);
    char from[CIVIL_DATETIME_LEN], to[CIVIL_DATETIME_LEN];
    civil_format_datetime(after, from, sizeof from);
    civil_format_datetime(to_dt, to, sizeof to);
    struct db_risk_item *items = NULL;
    size_t n = 0;
    int rc = db_risk_scores(db, from, to, site_id, threshold, &items, &n, err);
    if (rc != DB_OK)
        return rc;
    struct db_alert *alerts = NULL;
    size_t used = 0, cap = 0;
    for (size_t i = 0; i < n && rc == DB_OK; i++) {
        struct civil_datetime s;
        if (civil_parse_datetime(items[i].starts_at, &s) != 0)
            continue;
        int64_t start = civil_datetime_to_minutes(s);
        /* every moment that has come is claimed, but one alert is shown
         * (a notifier started late must not pop up twice) */
        const char *shown = NULL;
        for (int k = 0; k < nmoments && rc == DB_OK; k++) {
            if (alert_moment_due(&moments[k], start) > now)
                continue;
            int claimed = 0;
            rc = db_alert_claim(db, items[i].appointment_id, moments[k].name, channel,
                                items[i].risk, &claimed, err);
            if (rc == DB_OK && claimed)
                shown = moments[k].name;
        }
        if (!shown)
            continue;
        if (used == cap) {
            cap = cap ? 2 * cap : 8;
            struct db_alert *more = realloc(alerts, cap * sizeof *alerts);
            if (!more) {
                rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
                break;
            }
            alerts = more;
        }
        struct db_alert *a = &alerts[used++];
        a->item = items[i];
        snprintf(a->moment, sizeof a->moment, "%s", shown);
        a->urgency = alert_urgency_for(items[i].risk, threshold);
    }
    free(items);
    if (rc != DB_OK && used == 0) {
        free(alerts);
        return rc;
    }
    *out = alerts;
    *count = used;
    return DB_OK; /* what was claimed must be shown even if a later claim failed */
}
