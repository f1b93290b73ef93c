/* followup.c - what the desk did about a risky appointment (called the
 * person, got a confirmation, a note), and alerts shown at most once per
 * appointment and moment, whichever desk or notifier shows it first: the
 * claim is an INSERT OR IGNORE on the (appointment, moment) key inside a
 * write unit, so two PCs racing for it cannot both win. */
#include <stdio.h>
#include <string.h>

#include "risk_internal.h"
#include "../common/i18n.h"

static const char SQL_APPT_STATE[] = "SELECT 1 FROM appointment WHERE id = ?1";

static int require_appointment(struct db *db, int64_t id, struct db_error *err)
{
    return db_require_row(db, SQL_APPT_STATE, id, _("appointment"), err);
}

struct mark {
    int64_t appointment_id;
    enum db_followup_mark what;
    const char *note;
};

static const char SQL_FOLLOWUP_ROW[] =
    "INSERT OR IGNORE INTO appointment_followup (appointment_id) VALUES (?1)";
static const char SQL_CALLED[] =
    "UPDATE appointment_followup SET called_at = ?2, updated_by = ?3 WHERE appointment_id = ?1";
static const char SQL_CONFIRMED[] =
    "UPDATE appointment_followup SET confirmed_at = ?2, updated_by = ?3"
    " WHERE appointment_id = ?1";
static const char SQL_NO_ANSWER[] =
    "UPDATE appointment_followup SET no_answer_at = ?2, updated_by = ?3"
    " WHERE appointment_id = ?1";
static const char SQL_NOTE[] =
    "UPDATE appointment_followup SET note = ?2, updated_by = ?3 WHERE appointment_id = ?1";

static int mark_step(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct mark *m = ctx;
    u->id = m->appointment_id;
    int rc = require_appointment(db, m->appointment_id, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_FOLLOWUP_ROW, err) : NULL;
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, m->appointment_id);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    const char *sql = m->what == DB_FOLLOWUP_CALLED ? SQL_CALLED
                      : m->what == DB_FOLLOWUP_CONFIRMED ? SQL_CONFIRMED
                      : m->what == DB_FOLLOWUP_NO_ANSWER ? SQL_NO_ANSWER : SQL_NOTE;
    if (rc != DB_OK || !(st = db_stmt(db, sql, err)))
        return rc != DB_OK ? rc : (int)err->status;
    char now[CIVIL_DATETIME_LEN];
    db_now_text(now);
    sqlite3_bind_int64(st, 1, m->appointment_id);
    sqlite3_bind_text(st, 2, m->what == DB_FOLLOWUP_NOTE ? m->note : now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, db->actor, -1, SQLITE_STATIC);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    db_unit_detail(u, "%s",
             m->what == DB_FOLLOWUP_CALLED ? "called"
             : m->what == DB_FOLLOWUP_CONFIRMED ? "confirmed"
             : m->what == DB_FOLLOWUP_NO_ANSWER ? "no answer" : "note");
    return rc;
}

int db_followup_set(struct db *db, int64_t appointment_id,
                    enum db_followup_mark mark, const char *note,
                    struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(appointment_id, 0, _("appointment"), err);
    if (rc == DB_OK && mark == DB_FOLLOWUP_NOTE)
        rc = db_check_text(note, DB_TEXT_LEN, TEXT_MULTILINE, _("note"), err);
    if (rc != DB_OK)
        return rc;
    struct mark m = {appointment_id, mark, note ? note : ""};
    struct db_unit u = db_unit_plain("appointment", appointment_id, "follow-up");
    return db_unit_run(db, &u, mark_step, &m, err);
}

struct claim {
    int64_t appointment_id;
    const char *moment;
    enum db_alert_channel channel;
    double risk;
    int *claimed;
};

static const char SQL_CLAIM[] =
    "INSERT OR IGNORE INTO risk_alert (appointment_id, moment, channel, shown_at,"
    " shown_by, risk) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static int claim_step(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct claim *c = ctx;
    u->id = c->appointment_id;
    int rc = require_appointment(db, c->appointment_id, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_CLAIM, err) : NULL;
    if (!st)
        return err->status;
    char now[CIVIL_DATETIME_LEN];
    db_now_text(now);
    sqlite3_bind_int64(st, 1, c->appointment_id);
    sqlite3_bind_text(st, 2, c->moment, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, c->channel == DB_ALERT_DESKTOP ? "desktop" : "console", -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, db->actor, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 6, c->risk);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    *c->claimed = rc == DB_OK && sqlite3_changes(db->conn) == 1;
    if (rc == DB_OK && !*c->claimed)
        u->unchanged = 1; /* shown already: nothing to record */
    db_unit_detail(u, "%s %s %.2f", c->moment,
             c->channel == DB_ALERT_DESKTOP ? "desktop" : "console", c->risk);
    return rc;
}

int db_alert_claim(struct db *db, int64_t appointment_id, const char *moment,
                   enum db_alert_channel channel, double risk, int *claimed,
                   struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *claimed = 0;
    int rc = db_check_id(appointment_id, 0, _("appointment"), err);
    if (rc == DB_OK)
        rc = db_check_text(moment, 32, TEXT_REQUIRED, _("moment"), err);
    if (rc != DB_OK)
        return rc;
    struct claim c = {appointment_id, moment, channel, risk, claimed};
    struct db_unit u = db_unit_plain("risk_alert", appointment_id, "shown");
    rc = db_unit_run(db, &u, claim_step, &c, err);
    if (rc != DB_OK)
        *claimed = 0;
    return rc;
}

struct ack {
    int64_t appointment_id;
    const char *moment;
};

static const char SQL_ACK[] =
    "UPDATE risk_alert SET acknowledged_at = ?3 WHERE appointment_id = ?1 AND moment = ?2"
    " AND acknowledged_at IS NULL";

static int ack_step(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct ack *a = ctx;
    u->id = a->appointment_id;
    sqlite3_stmt *st = db_stmt(db, SQL_ACK, err);
    if (!st)
        return err->status;
    char now[CIVIL_DATETIME_LEN];
    db_now_text(now);
    sqlite3_bind_int64(st, 1, a->appointment_id);
    sqlite3_bind_text(st, 2, a->moment, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK && sqlite3_changes(db->conn) == 0)
        u->unchanged = 1;
    db_unit_detail(u, "%s", a->moment);
    return rc;
}

int db_alert_acknowledge(struct db *db, int64_t appointment_id,
                         const char *moment, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct ack a = {appointment_id, moment ? moment : ""};
    struct db_unit u = db_unit_plain("risk_alert", appointment_id, "acknowledged");
    return db_unit_run(db, &u, ack_step, &a, err);
}
