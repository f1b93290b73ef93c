/* reminders.c - the reminder queue: one row per appointment and channel
 * (sms, email), a receipt per attempt.
 *
 * Never twice: a sender first claims the row (planned or failed ->
 * sending, in a write unit that re-checks the appointment is still unknown
 * and not started), then runs the command, then records the receipt
 * (sending -> sent or failed). A sender that dies between claim and
 * receipt leaves the row "sending": it is not retried, since the message
 * may have gone. A failed attempt is retried, up to REMINDER_MAX_ATTEMPTS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "risk_internal.h"
#include "../common/i18n.h"

enum { REMINDER_MAX_ATTEMPTS = 3 };

#define DUE(channel, flag, address)                                              \
    "SELECT a.id, '" channel "', b." address ", a.starts_at, s.name, m.name,"    \
    " b.last_name, b.first_name, IFNULL(r.id, 0), IFNULL(r.state, 'planned'),"   \
    " IFNULL(r.attempts, 0)"                                                     \
    " FROM appointment a JOIN beneficiary b ON b.id = a.beneficiary_id"          \
    " JOIN site s ON s.id = a.site_id JOIN motif m ON m.id = a.motif_id"         \
    " LEFT JOIN reminder r ON r.appointment_id = a.id AND r.channel = '" channel "'" \
    " WHERE a.status = 'unknown' AND a.starts_at > ?1 AND a.starts_at <= ?2"     \
    " AND b." flag " = 1 AND b." address " <> ''"                                \
    " AND (r.id IS NULL OR r.state = 'planned'"                                  \
    "  OR (r.state = 'failed' AND r.attempts < 3))"

static const char SQL_DUE[] =
    DUE("sms", "notify_sms", "phone") " UNION ALL "
    DUE("email", "notify_email", "email") " ORDER BY 4, 1, 2";

static void read_due(sqlite3_stmt *st, void *p)
{
    struct db_reminder *r = p;
    r->appointment_id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, r->channel, sizeof r->channel);
    db_column_text(st, 2, r->address, sizeof r->address);
    db_column_text(st, 3, r->starts_at, sizeof r->starts_at);
    db_column_text(st, 4, r->site_name, sizeof r->site_name);
    db_column_text(st, 5, r->motif_name, sizeof r->motif_name);
    char last[DB_NAME_LEN], first[DB_NAME_LEN];
    db_column_text(st, 6, last, sizeof last);
    db_column_text(st, 7, first, sizeof first);
    snprintf(r->person, sizeof r->person, "%s%s%s", last, first[0] ? " " : "", first);
    r->id = sqlite3_column_int64(st, 8);
    db_column_text(st, 9, r->state, sizeof r->state);
    r->attempts = sqlite3_column_int(st, 10);
}

static int window(int hours_before, char now[CIVIL_DATETIME_LEN],
                  char until[CIVIL_DATETIME_LEN], struct db_error *err)
{
    struct civil_datetime t, u;
    db_now_text(now);
    if (hours_before < 1 || hours_before > 24 * 60 || civil_parse_datetime(now, &t) != 0 ||
        civil_datetime_add_minutes(t, (int64_t)hours_before * 60, &u) != 0 ||
        civil_format_datetime(u, until, CIVIL_DATETIME_LEN) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("hours before: from 1 to 1440"));
    return DB_OK;
}

int db_reminders_due(struct db *db, int hours_before,
                     struct db_reminder **out, size_t *count,
                     struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    char now[CIVIL_DATETIME_LEN], until[CIVIL_DATETIME_LEN];
    int rc = window(hours_before, now, until, err);
    if (rc != DB_OK)
        return rc;
    sqlite3_stmt *st = db_stmt(db, SQL_DUE, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, until, -1, SQLITE_TRANSIENT);
    void *rows = NULL;
    rc = db_collect(db, st, sizeof(struct db_reminder), read_due, &rows, count, err);
    *out = rows;
    return rc;
}

static const char SQL_STILL_OPEN[] =
    "SELECT 1 FROM appointment WHERE id = ?1 AND status = 'unknown' AND starts_at > ?2";
static const char SQL_PLAN[] =
    "INSERT OR IGNORE INTO reminder (appointment_id, channel, address, planned_at)"
    " VALUES (?1, ?2, ?3, ?4)";
static const char SQL_TAKE[] =
    "UPDATE reminder SET state = 'sending', attempts = attempts + 1, address = ?3"
    " WHERE appointment_id = ?1 AND channel = ?2"
    " AND (state = 'planned' OR (state = 'failed' AND attempts < 3))";
static const char SQL_REMINDER_ID[] =
    "SELECT id, attempts FROM reminder WHERE appointment_id = ?1 AND channel = ?2";

struct take {
    struct db_reminder *r;
    int *claimed;
};

static int take_step(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct take *t = ctx;
    struct db_reminder *r = t->r;
    char now[CIVIL_DATETIME_LEN];
    db_now_text(now);
    u->unchanged = 1; /* until the reminder is taken */
    sqlite3_stmt *st = db_stmt(db, SQL_STILL_OPEN, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, r->appointment_id);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    int open = sqlite3_step(st) == SQLITE_ROW;
    db_stmt_done(db, st);
    if (!open)
        return DB_OK; /* started, cancelled or seen meanwhile */
    const char *sqls[2] = {SQL_PLAN, SQL_TAKE};
    int rc = DB_OK;
    for (int k = 0; k < 2 && rc == DB_OK; k++) {
        if (!(st = db_stmt(db, sqls[k], err)))
            return err->status;
        sqlite3_bind_int64(st, 1, r->appointment_id);
        sqlite3_bind_text(st, 2, r->channel, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, r->address, -1, SQLITE_STATIC);
        if (k == 0)
            sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
        rc = db_step_done(db, st, err);
        db_stmt_done(db, st);
        if (rc == DB_OK && k == 1 && sqlite3_changes(db->conn) == 0)
            return DB_OK; /* sent, being sent, or given up */
    }
    if (rc != DB_OK || !(st = db_stmt(db, SQL_REMINDER_ID, err)))
        return rc != DB_OK ? rc : (int)err->status;
    sqlite3_bind_int64(st, 1, r->appointment_id);
    sqlite3_bind_text(st, 2, r->channel, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        r->id = sqlite3_column_int64(st, 0);
        r->attempts = sqlite3_column_int(st, 1);
    }
    db_stmt_done(db, st);
    u->id = r->id;
    u->unchanged = 0;
    *t->claimed = 1;
    snprintf(r->state, sizeof r->state, "sending");
    db_unit_detail(u, "%s appointment %lld attempt %d", r->channel,
             (long long)r->appointment_id, r->attempts);
    return DB_OK;
}

int db_reminder_claim(struct db *db, struct db_reminder *r, int *claimed,
                      struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *claimed = 0;
    int rc = db_check_text(r->address, sizeof r->address, TEXT_REQUIRED, _("address"), err);
    if (rc != DB_OK)
        return rc;
    if (strcmp(r->channel, "sms") != 0 && strcmp(r->channel, "email") != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("channel: sms or email"));
    struct take t = {r, claimed};
    struct db_unit u = db_unit_plain("reminder", 0, "claim");
    rc = db_unit_run(db, &u, take_step, &t, err);
    if (rc != DB_OK)
        *claimed = 0;
    return rc;
}

struct receipt {
    int64_t id;
    int sent;
    const char *detail;
};

static const char SQL_RECEIPT[] =
    "INSERT INTO reminder_receipt (reminder_id, at, result, detail) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_RESULT[] =
    "UPDATE reminder SET state = ?2 WHERE id = ?1 AND state = 'sending'";
static const char SQL_MARK_SENT[] =
    "UPDATE appointment SET reminder_sent = 1"
    " WHERE id = (SELECT appointment_id FROM reminder WHERE id = ?1)";

static int receipt_step(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct receipt *r = ctx;
    u->id = r->id;
    char now[CIVIL_DATETIME_LEN + 3];
    db_now_text_seconds(now);
    const char *result = r->sent ? "sent" : "failed";
    sqlite3_stmt *st = db_stmt(db, SQL_RESULT, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_text(st, 2, result, -1, SQLITE_STATIC);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK && sqlite3_changes(db->conn) == 0)
        return db_set_error(err, DB_ERR_CONFLICT, "%s",
                            _("this reminder was not being sent"));
    if (rc != DB_OK || !(st = db_stmt(db, SQL_RECEIPT, err)))
        return rc != DB_OK ? rc : (int)err->status;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, result, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, r->detail, -1, SQLITE_STATIC);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK && r->sent) {
        if (!(st = db_stmt(db, SQL_MARK_SENT, err)))
            return err->status;
        sqlite3_bind_int64(st, 1, r->id);
        rc = db_step_done(db, st, err);
        db_stmt_done(db, st);
    }
    db_unit_detail(u, "%s %s", result, r->detail);
    return rc;
}

int db_reminder_receipt(struct db *db, int64_t reminder_id, int sent,
                        const char *detail, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    char text[DB_TEXT_LEN];
    /* the command's words, made one safe line */
    size_t k = 0;
    for (const char *p = detail ? detail : ""; *p && k + 1 < sizeof text; p++)
        text[k++] = (unsigned char)*p < 0x20 || *p == 0x7f ? ' ' : *p;
    text[k] = '\0';
    if (text_validate(text, sizeof text - 1, 0) == TEXT_BAD_UTF8)
        snprintf(text, sizeof text, "%s", "?");
    struct receipt r = {reminder_id, sent != 0, text};
    struct db_unit u = db_unit_plain("reminder", reminder_id, "receipt");
    return db_unit_run(db, &u, receipt_step, &r, err);
}

static const char SQL_REMINDED[] = "UPDATE appointment SET reminder_sent = 1 WHERE id = ?1";

int db_appt_mark_reminded(struct db *db, int64_t appointment_id, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_REMINDED, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, appointment_id);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    return rc;
}
