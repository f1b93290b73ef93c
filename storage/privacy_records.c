/* privacy_records.c - the rest of what the file holds about one person,
 * for their right of access: what the desks noted while following their
 * appointments up (called, confirmed, a note), the no-show alerts shown
 * about them (with the risk they carried), the reminders planned or sent
 * to them with each attempt's receipt, and each appointment's whole history
 * in the audit: the appointment's own rows, its alerts', its reminders'
 * and the claims of a sender naming it. Lists are ordered by appointment
 * (as db_person_appts: newest first), then oldest first; and the facts
 * about each appointment the risk model reads (booking time known, a
 * reminder sent). */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../common/i18n.h"

/* x: the table, joined to the person's appointments. */
#define BY_PERSON(then)                                                    \
    " JOIN appointment a ON a.id = x.appointment_id"                     \
    " WHERE a.beneficiary_id = ?1 ORDER BY a.starts_at DESC, a.id DESC, " then

static const char SQL_FACTS[] =
    "SELECT a.id, a.booking_known, a.reminder_sent FROM appointment a"
    " WHERE a.beneficiary_id = ?1 ORDER BY a.starts_at DESC, a.id DESC";
static const char SQL_FOLLOWUPS[] =
    "SELECT x.appointment_id, IFNULL(x.called_at, ''), IFNULL(x.confirmed_at, ''),"
    " x.note, x.updated_by, IFNULL(x.no_answer_at, '') FROM appointment_followup x" BY_PERSON("x.appointment_id");
static const char SQL_ALERTS[] =
    "SELECT x.appointment_id, x.moment, x.channel, x.shown_at, x.shown_by, x.risk,"
    " IFNULL(x.acknowledged_at, '') FROM risk_alert x" BY_PERSON("x.shown_at, x.moment");
static const char SQL_REMINDERS[] =
    "SELECT x.id, x.appointment_id, x.channel, x.address, x.planned_at, x.state,"
    " x.attempts FROM reminder x" BY_PERSON("x.id");
static const char SQL_RECEIPTS[] =
    "SELECT c.id, c.reminder_id, c.at, c.result, c.detail FROM reminder_receipt c"
    " JOIN reminder x ON x.id = c.reminder_id" BY_PERSON("c.id");

static int person_list(struct db *db, const char *sql, int64_t person_id,
                       size_t size, void (*read)(sqlite3_stmt *, void *),
                       void **out, size_t *count, struct db_error *err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, person_id);
    return db_collect(db, st, size, read, out, count, err);
}

static void read_facts(sqlite3_stmt *st, void *p)
{
    struct db_person_appt_facts *f = p;
    f->appointment_id = sqlite3_column_int64(st, 0);
    f->booking_known = sqlite3_column_int(st, 1);
    f->reminder_sent = sqlite3_column_int(st, 2);
}

static void read_followup(sqlite3_stmt *st, void *p)
{
    struct db_person_followup *f = p;
    f->appointment_id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, f->called_at, sizeof f->called_at);
    db_column_text(st, 2, f->confirmed_at, sizeof f->confirmed_at);
    db_column_text(st, 3, f->note, sizeof f->note);
    db_column_text(st, 4, f->updated_by, sizeof f->updated_by);
    db_column_text(st, 5, f->no_answer_at, sizeof f->no_answer_at);
}

static void read_alert(sqlite3_stmt *st, void *p)
{
    struct db_person_alert *a = p;
    a->appointment_id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, a->moment, sizeof a->moment);
    db_column_text(st, 2, a->channel, sizeof a->channel);
    db_column_text(st, 3, a->shown_at, sizeof a->shown_at);
    db_column_text(st, 4, a->shown_by, sizeof a->shown_by);
    a->risk = sqlite3_column_double(st, 5);
    db_column_text(st, 6, a->acknowledged_at, sizeof a->acknowledged_at);
}

static void read_reminder(sqlite3_stmt *st, void *p)
{
    struct db_person_reminder *r = p;
    r->id = sqlite3_column_int64(st, 0);
    r->appointment_id = sqlite3_column_int64(st, 1);
    db_column_text(st, 2, r->channel, sizeof r->channel);
    db_column_text(st, 3, r->address, sizeof r->address);
    db_column_text(st, 4, r->planned_at, sizeof r->planned_at);
    db_column_text(st, 5, r->state, sizeof r->state);
    r->attempts = sqlite3_column_int(st, 6);
}

static void read_receipt(sqlite3_stmt *st, void *p)
{
    struct db_person_receipt *c = p;
    c->id = sqlite3_column_int64(st, 0);
    c->reminder_id = sqlite3_column_int64(st, 1);
    db_column_text(st, 2, c->at, sizeof c->at);
    db_column_text(st, 3, c->result, sizeof c->result);
    db_column_text(st, 4, c->detail, sizeof c->detail);
}

int db_person_records(struct db *db, int64_t person_id,
                      struct db_person_records *out, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    memset(out, 0, sizeof *out);
    void *p = NULL;
    int rc = person_list(db, SQL_FACTS, person_id, sizeof *out->facts, read_facts, &p,
                         &out->nfacts, err);
    out->facts = p;
    if (rc == DB_OK) {
        rc = person_list(db, SQL_FOLLOWUPS, person_id, sizeof *out->followups,
                         read_followup, &p, &out->nfollowups, err);
        out->followups = p;
    }
    if (rc == DB_OK) {
        rc = person_list(db, SQL_ALERTS, person_id, sizeof *out->alerts, read_alert, &p,
                         &out->nalerts, err);
        out->alerts = p;
    }
    if (rc == DB_OK) {
        rc = person_list(db, SQL_REMINDERS, person_id, sizeof *out->reminders,
                         read_reminder, &p, &out->nreminders, err);
        out->reminders = p;
    }
    if (rc == DB_OK) {
        rc = person_list(db, SQL_RECEIPTS, person_id, sizeof *out->receipts, read_receipt,
                         &p, &out->nreceipts, err);
        out->receipts = p;
    }
    if (rc != DB_OK)
        db_person_records_free(out);
    return rc;
}

void db_person_records_free(struct db_person_records *r)
{
    free(r->facts);
    free(r->followups);
    free(r->alerts);
    free(r->reminders);
    free(r->receipts);
    memset(r, 0, sizeof *r);
}

/* An appointment's rows, its alerts' (entity_id: the appointment), its
 * reminders' (entity_id: the reminder) and a sender's claims, written with
 * entity_id 0 and the appointment in the detail ("sms appointment 12
 * attempt 1"). Served by audit(entity, entity_id). */
static const char SQL_HISTORY[] =
    "SELECT id, at, actor, entity, entity_id, action, detail FROM audit"
    " WHERE (entity IN ('appointment', 'risk_alert') AND entity_id = ?1)"
    " OR (entity = 'reminder' AND entity_id IN"
    "  (SELECT id FROM reminder WHERE appointment_id = ?1))"
    " OR (entity = 'reminder' AND entity_id = 0"
    "  AND detail LIKE '% appointment ' || ?1 || ' attempt %')"
    " ORDER BY id";

static void read_entry(sqlite3_stmt *st, void *p)
{
    struct db_audit_entry *e = p;
    e->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, e->at, sizeof e->at);
    db_column_text(st, 2, e->actor, sizeof e->actor);
    db_column_text(st, 3, e->entity, sizeof e->entity);
    e->entity_id = sqlite3_column_int64(st, 4);
    db_column_text(st, 5, e->action, sizeof e->action);
    db_column_text(st, 6, e->detail, sizeof e->detail);
}

int db_appt_history(struct db *db, int64_t appointment_id,
                    struct db_audit_entry **out, size_t *count,
                    struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_HISTORY, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, appointment_id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_entry, &arr, count, err);
    *out = arr;
    return rc;
}
