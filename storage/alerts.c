/* alerts.c - which alerts to show now (risk_store.h): one scoring of the
 * appointments to come up to the furthest moment's horizon, then for each
 * moment the appointments whose moment has arrived, each claimed in the
 * database so that only one desk or notifier shows it; and the alerts a
 * console showed that nobody acknowledged yet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "../common/clock.h"
#include "../common/i18n.h"

static const char SQL_SHOWN[] =
    "SELECT 1 FROM risk_alert WHERE appointment_id = ?1 AND moment = ?2";

/* Shown already (by anyone): a read, so that a pass every minute does not
 * take the write lock once per appointment and moment for nothing. */
static int already_shown(struct db *db, int64_t id, const char *moment)
{
    struct db_error ignored = {0};
    sqlite3_stmt *st = db_stmt(db, SQL_SHOWN, &ignored);
    if (!st)
        return 0; /* the claim decides */
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, moment, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    db_stmt_done(db, st);
    return found;
}

int db_alerts_claim_items(struct db *db, const struct db_risk_item *items, size_t n,
                          const struct alert_moment *moments, int nmoments,
                          double threshold, enum db_alert_channel channel,
                          struct db_alert **out, size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    struct civil_datetime now_dt;
    clock_now(&now_dt, NULL);
    int64_t now = civil_datetime_to_minutes(now_dt);
    struct db_alert *alerts = NULL;
    size_t used = 0, cap = 0;
    int rc = DB_OK;
    for (size_t i = 0; i < n && rc == DB_OK; i++) {
        struct civil_datetime s;
        if (items[i].risk < threshold || civil_parse_datetime(items[i].starts_at, &s) != 0)
            continue;
        int64_t start = civil_datetime_to_minutes(s);
        if (start <= now)
            continue; /* begun: no alert any more */
        /* every moment that has come is claimed, but one alert is shown
         * (a notifier started late must not pop up twice) */
        const char *shown = NULL;
        for (int k = 0; k < nmoments && rc == DB_OK; k++) {
            if (alert_moment_due(&moments[k], start) > now ||
                already_shown(db, items[i].appointment_id, moments[k].name))
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
    if (rc != DB_OK && used == 0) {
        free(alerts);
        return rc;
    }
    *out = alerts;
    *count = used;
    return DB_OK; /* what was claimed must be shown even if a later claim failed */
}

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
    rc = db_alerts_claim_items(db, items, n, moments, nmoments, threshold, channel, out, count,
                               err);
    free(items);
    return rc;
}

static const char SQL_UNACKNOWLEDGED[] =
    "SELECT r.appointment_id, r.moment, r.risk, a.site_id, a.starts_at, s.name,"
    " IFNULL(b.last_name, ''), IFNULL(b.first_name, ''), IFNULL(b.phone, ''), m.name"
    " FROM risk_alert r JOIN appointment a ON a.id = r.appointment_id"
    " JOIN site s ON s.id = a.site_id JOIN motif m ON m.id = a.motif_id"
    " LEFT JOIN beneficiary b ON b.id = a.beneficiary_id"
    " WHERE r.channel = ?1 AND r.acknowledged_at IS NULL AND a.status = 'unknown'"
    " AND a.starts_at >= ?2 AND (?3 = 0 OR a.site_id = ?3)"
    " ORDER BY a.starts_at, r.appointment_id, r.moment";

int db_alerts_unacknowledged(struct db *db, enum db_alert_channel channel, const char *from,
                             int64_t site_id, struct db_alert **out, size_t *count,
                             struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_UNACKNOWLEDGED, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, channel == DB_ALERT_DESKTOP ? "desktop" : "console", -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, site_id);
    struct db_alert *alerts = NULL;
    size_t used = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (used == cap) {
            cap = cap ? 2 * cap : 8;
            struct db_alert *more = realloc(alerts, cap * sizeof *alerts);
            if (!more) {
                rc = SQLITE_NOMEM;
                break;
            }
            alerts = more;
        }
        struct db_alert *a = &alerts[used++];
        memset(a, 0, sizeof *a);
        struct db_risk_item *it = &a->item;
        char last[DB_NAME_LEN], first[DB_NAME_LEN];
        it->appointment_id = sqlite3_column_int64(st, 0);
        db_column_text(st, 1, a->moment, sizeof a->moment);
        it->risk = sqlite3_column_double(st, 2);
        it->site_id = sqlite3_column_int64(st, 3);
        db_column_text(st, 4, it->starts_at, sizeof it->starts_at);
        db_column_text(st, 5, it->site_name, sizeof it->site_name);
        db_column_text(st, 6, last, sizeof last);
        db_column_text(st, 7, first, sizeof first);
        snprintf(it->person, sizeof it->person, "%s%s%s", last, first[0] ? " " : "", first);
        db_column_text(st, 8, it->phone, sizeof it->phone);
        db_column_text(st, 9, it->motif_name, sizeof it->motif_name);
    }
    int result = rc == SQLITE_DONE ? DB_OK
                 : rc == SQLITE_NOMEM ? db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"))
                                      : db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    if (result != DB_OK) {
        free(alerts);
        return result;
    }
    *out = alerts;
    *count = used;
    return DB_OK;
}
