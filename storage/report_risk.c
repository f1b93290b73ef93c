/* report_risk.c - the no-show risk figures of the supervisors' summaries
 * (report.h): what became of the appointments an alert was shown for, and
 * the reminders of the next day. Both walk appointment(site_id,
 * starts_at) over the period, one index range per site; alerts and
 * follow-up marks are found by their primary keys. */
#include <string.h>

#include "report_internal.h"

#define SITES " a.site_id IN (SELECT id FROM site WHERE ?3 = 0 OR id = ?3)"
#define PERIOD " a.starts_at >= ?1 AND a.starts_at < ?2"

const char db_report_sql_alerts[] =
    "SELECT f.called_at IS NOT NULL, f.confirmed_at IS NOT NULL, a.status,"
    " a.starts_at < ?4, count(*) FROM appointment a"
    " LEFT JOIN appointment_followup f ON f.appointment_id = a.id"
    " WHERE" SITES " AND" PERIOD
    " AND EXISTS (SELECT 1 FROM risk_alert x WHERE x.appointment_id = a.id)"
    " GROUP BY 1, 2, 3, 4";

/* ?4 is the limit here. */
const char db_report_sql_alerted[] =
    "SELECT a.id, a.site_id, a.starts_at, s.name, m.name, max(x.risk),"
    " f.called_at IS NOT NULL, f.confirmed_at IS NOT NULL"
    " FROM appointment a JOIN risk_alert x ON x.appointment_id = a.id"
    " JOIN site s ON s.id = a.site_id JOIN motif m ON m.id = a.motif_id"
    " LEFT JOIN appointment_followup f ON f.appointment_id = a.id"
    " WHERE" SITES " AND" PERIOD " AND a.status NOT IN ('excused', 'revoked')"
    " GROUP BY a.id ORDER BY 6 DESC, 3, 1 LIMIT ?4";

/* A reminder row is made when a sender claims it (reminders.c), so "to
 * send" is a person who accepts the channel and no row, or a row still
 * planned. A failed row is counted failed even when it may be retried.
 * One walk over the day's appointments serves both channels (CROSS JOIN
 * keeps that order); whether a person accepts a channel is read from the
 * index beneficiary_channels, whose expressions these must repeat word for
 * word (schema.c, migration 10), instead of from each person's whole row. */
const char db_report_sql_reminders[] =
    "SELECT channel, sum(state = 'planned'), sum(state = 'sending'), sum(state = 'sent'),"
    " sum(state = 'failed') FROM (SELECT c.channel AS channel,"
    " IFNULL(r.state, 'planned') AS state"
    " FROM appointment a CROSS JOIN beneficiary b INDEXED BY beneficiary_channels"
    " CROSS JOIN (SELECT 'sms' AS channel UNION ALL SELECT 'email') c"
    " LEFT JOIN reminder r ON r.appointment_id = a.id AND r.channel = c.channel"
    " WHERE" SITES " AND" PERIOD " AND a.status = 'unknown' AND b.id = a.beneficiary_id"
    " AND (CASE c.channel WHEN 'sms' THEN b.notify_sms = 1 AND b.phone <> ''"
    " ELSE b.notify_email = 1 AND b.email <> '' END OR r.id IS NOT NULL))"
    " GROUP BY channel ORDER BY channel DESC";

static void read_alert(sqlite3_stmt *st, void *p)
{
    struct db_report_alert_group *g = p;
    g->called = sqlite3_column_int(st, 0);
    g->confirmed = sqlite3_column_int(st, 1);
    const char *s = (const char *)sqlite3_column_text(st, 2);
    if (!s || appt_status_parse(s, &g->status) != 0)
        g->status = APPT_STATUS_COUNT; /* ignored by summary_count_add */
    g->started = sqlite3_column_int(st, 3);
    g->count = (long)sqlite3_column_int64(st, 4);
}

int db_report_alerts(struct db *db, int64_t site_id, struct civil_date from,
                     struct civil_date to, struct civil_datetime now,
                     struct db_report_alert_group **out, size_t *count,
                     struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_report_stmt(db, db_report_sql_alerts, site_id, from, to, &now, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_alert, &arr, count, err);
    *out = arr;
    return rc;
}

static void read_alerted(sqlite3_stmt *st, void *p)
{
    struct db_risk_item *x = p;
    memset(x, 0, sizeof *x);
    x->appointment_id = sqlite3_column_int64(st, 0);
    x->site_id = sqlite3_column_int64(st, 1);
    db_column_text(st, 2, x->starts_at, sizeof x->starts_at);
    db_column_text(st, 3, x->site_name, sizeof x->site_name);
    db_column_text(st, 4, x->motif_name, sizeof x->motif_name);
    x->risk = sqlite3_column_double(st, 5);
    x->called = sqlite3_column_int(st, 6);
    x->confirmed = sqlite3_column_int(st, 7);
}

int db_report_alerted(struct db *db, int64_t site_id, struct civil_date from,
                      struct civil_date to, int limit, struct db_risk_item **out,
                      size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_report_stmt(db, db_report_sql_alerted, site_id, from, to, NULL, err);
    if (!st)
        return err->status;
    sqlite3_bind_int(st, 4, limit);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_alerted, &arr, count, err);
    *out = arr;
    return rc;
}

static void read_reminders(sqlite3_stmt *st, void *p)
{
    struct db_report_reminders *r = p;
    db_column_text(st, 0, r->channel, sizeof r->channel);
    r->to_send = (long)sqlite3_column_int64(st, 1);
    r->sending = (long)sqlite3_column_int64(st, 2);
    r->sent = (long)sqlite3_column_int64(st, 3);
    r->failed = (long)sqlite3_column_int64(st, 4);
}

int db_report_reminders(struct db *db, int64_t site_id, struct civil_date from,
                        struct civil_date to, struct db_report_reminders **out,
                        size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_report_stmt(db, db_report_sql_reminders, site_id, from, to,
                                      NULL, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_reminders, &arr, count, err);
    *out = arr;
    return rc;
}
