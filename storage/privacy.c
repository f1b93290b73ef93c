/* privacy.c - erasing a person and purging what is past the retention
 * (privacy.h). Each is one write unit: a check-and-write step run by
 * db_unit_run (unit.h: BEGIN IMMEDIATE, version check, step, version + 1,
 * audit row, COMMIT, ROLLBACK on any error), so a refusal or a failure
 * writes nothing and a purge is never half done.
 *
 * What stays after anonymising: the beneficiary row (id, creation time,
 * the anonymised mark, the responsible-person link) and every appointment
 * with its dates, site, agent, motif, status and times of arrival and
 * service: the statistics read those and do not change. What goes: names,
 * birth date, phone, e-mail, address, notes, the search words, the notes
 * and cancel reasons of the appointments, and the audit details about
 * them. The audit rows themselves stay (who did what, when), without
 * their details. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "privacy_internal.h"
#include "../common/clock.h"
#include "../common/i18n.h"

/* ---- shared statements -------------------------------------------------- */

/* Runs a bound statement to the end; *changed (may be NULL) += the rows it
 * changed. Gives the statement back. */
static int run_counted(struct db *db, sqlite3_stmt *st, long *changed,
                       struct db_error *err)
{
    int rc = db_step_done(db, st, err);
    if (rc == DB_OK && changed)
        *changed += sqlite3_changes(db->conn);
    db_stmt_done(db, st);
    return rc;
}

/* What anonymising sets; ?2 = now. The version is bumped by the unit
 * (erase) or here (purge: many rows). */
#define ANONYMISE_SET                                                      \
    "UPDATE beneficiary SET last_name = '" DB_ANONYMOUS_NAME "',"          \
    " first_name = '', birth_name = '', birth_date = NULL, phone = '',"    \
    " email = '', address = '', notes = '', notify_sms = 0,"               \
    " notify_email = 0, search_key = '', phone_digits = '', sex = '',"     \
    " person_ref = NULL, anonymised_at = ?2"

/* ---- purge ---------------------------------------------------------------- */

/* Person b is due with limit ?1 ("YYYY-MM-DD"; compared as text with
 * "YYYY-MM-DD HH:MM"): recorded before it, no appointment on or after it,
 * and not the responsible person of someone still kept (a dependant
 * recorded or seen since). Served by appointment(beneficiary_id,
 * starts_at) and beneficiary(responsible_id). */
#define DUE_WHERE(b)                                                        \
    b ".anonymised_at IS NULL AND " b ".created_at < ?1"                     \
    " AND NOT EXISTS (SELECT 1 FROM appointment a"                           \
    "  WHERE a.beneficiary_id = " b ".id AND a.starts_at >= ?1)"             \
    " AND NOT EXISTS (SELECT 1 FROM beneficiary c"                           \
    "  WHERE c.responsible_id = " b ".id AND c.anonymised_at IS NULL"        \
    "  AND (c.created_at >= ?1 OR EXISTS (SELECT 1 FROM appointment a2"      \
    "   WHERE a2.beneficiary_id = c.id AND a2.starts_at >= ?1)))"

static const char SQL_DUE_LIST[] =
    "SELECT b.id, b.last_name, b.first_name,"
    " substr(IFNULL((SELECT max(a.starts_at) FROM appointment a"
    "  WHERE a.beneficiary_id = b.id), b.created_at), 1, 10)"
    " FROM beneficiary b WHERE " DUE_WHERE("b")
    " ORDER BY b.last_name, b.first_name, b.id";
static const char SQL_DUE_COUNT[] =
    "SELECT count(*) FROM beneficiary b WHERE " DUE_WHERE("b");

/* The audit details a purge clears: about the people due and their
 * appointments (whenever written), and any written before the limit. */
#define PURGE_AUDIT_WHERE                                                   \
    " detail <> '' AND (at < ?1"                                            \
    " OR (entity = 'person' AND entity_id IN"                               \
    "  (SELECT b.id FROM beneficiary b WHERE " DUE_WHERE("b") "))"          \
    " OR (entity = 'appointment' AND entity_id IN"                          \
    "  (SELECT ap.id FROM appointment ap JOIN beneficiary b"                \
    "   ON b.id = ap.beneficiary_id WHERE " DUE_WHERE("b") ")))"
static const char SQL_PURGE_AUDIT[] =
    "UPDATE audit SET detail = '' WHERE" PURGE_AUDIT_WHERE;
static const char SQL_PURGE_AUDIT_COUNT[] =
    "SELECT count(*) FROM audit WHERE" PURGE_AUDIT_WHERE;

/* Notes and cancel reasons of appointments before the limit: every
 * appointment of a person due is among them (none on or after it). */
#define PURGE_NOTES_WHERE \
    " starts_at < ?1 AND (context <> '' OR cancel_reason <> '')"
static const char SQL_PURGE_NOTES[] =
    "UPDATE appointment SET context = '', cancel_reason = '',"
    " version = version + 1 WHERE" PURGE_NOTES_WHERE;
static const char SQL_PURGE_NOTES_COUNT[] =
    "SELECT count(*) FROM appointment WHERE" PURGE_NOTES_WHERE;

/* Follow-up notes of the same appointments, and the copies of a phone or
 * e-mail their reminders were sent to (with the senders' receipts). */
#define PURGE_FOLLOWUP_WHERE                                                \
    " note <> '' AND appointment_id IN"                                     \
    " (SELECT id FROM appointment WHERE starts_at < ?1)"
static const char SQL_PURGE_FOLLOWUP[] =
    "UPDATE appointment_followup SET note = '' WHERE" PURGE_FOLLOWUP_WHERE;
static const char SQL_PURGE_FOLLOWUP_COUNT[] =
    "SELECT count(*) FROM appointment_followup WHERE" PURGE_FOLLOWUP_WHERE;
#define PURGE_REMINDER_WHERE                                                \
    " address <> '" DB_ERASED_ADDRESS "' AND appointment_id IN"             \
    " (SELECT id FROM appointment WHERE starts_at < ?1)"
static const char SQL_PURGE_RECEIPTS[] =
    "UPDATE reminder_receipt SET detail = '' WHERE detail <> ''"
    " AND reminder_id IN (SELECT r.id FROM reminder r JOIN appointment a"
    "  ON a.id = r.appointment_id WHERE a.starts_at < ?1)";
static const char SQL_PURGE_REMINDERS[] =
    "UPDATE reminder SET address = '" DB_ERASED_ADDRESS "' WHERE"
    PURGE_REMINDER_WHERE;
static const char SQL_PURGE_REMINDERS_COUNT[] =
    "SELECT count(*) FROM reminder WHERE" PURGE_REMINDER_WHERE;

static const char SQL_PURGE_PEOPLE[] =
    ANONYMISE_SET ", version = version + 1 WHERE id IN"
    " (SELECT b.id FROM beneficiary b WHERE " DUE_WHERE("b") ")";

static void read_due(sqlite3_stmt *st, void *p)
{
    struct db_purge_person *d = p;
    d->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, d->last_name, sizeof d->last_name);
    db_column_text(st, 2, d->first_name, sizeof d->first_name);
    db_column_text(st, 3, d->last_seen, sizeof d->last_seen);
}

static int limit_text(struct civil_date limit, char out[CIVIL_DATE_LEN],
                      struct db_error *err)
{
    if (civil_format_date(limit, out, CIVIL_DATE_LEN) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("retention limit"));
    return DB_OK;
}

int db_purge_due(struct db *db, struct civil_date limit,
                 struct db_purge_person **out, size_t *count,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    char day[CIVIL_DATE_LEN];
    *out = NULL;
    *count = 0;
    int rc = limit_text(limit, day, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_DUE_LIST, err) : NULL;
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    void *arr = NULL;
    rc = db_collect(db, st, sizeof **out, read_due, &arr, count, err);
    *out = arr;
    return rc;
}

/* One count(*) with ?1 = day. */
static int count_one(struct db *db, const char *sql, const char *day,
                     long *out, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW)
        *out = (long)sqlite3_column_int64(st, 0);
    else
        result = db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    return result;
}

static int check_limit(struct civil_date limit, char day[CIVIL_DATE_LEN],
                       struct db_error *err);

int db_purge_due_count(struct db *db, long *count, long *loans,
                       struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct civil_datetime now;
    struct db_retention r;
    char day[CIVIL_DATE_LEN], loan_day[CIVIL_DATE_LEN];
    long contacts = 0, requests = 0;
    int started = 0;
    *count = 0;
    if (loans)
        *loans = 0;
    clock_now(&now, NULL);
    int rc = db_read_begin(db, &started, err);
    if (rc == DB_OK)
        rc = db_retention_get(db, &r, err);
    if (rc == DB_OK)
        rc = limit_text(db_retention_limit(now.date, r.months), day, err);
    if (rc == DB_OK)
        rc = count_one(db, SQL_DUE_COUNT, day, count, err);
    if (rc == DB_OK && loans)
        rc = limit_text(db_retention_limit(now.date, r.loan_months), loan_day, err);
    if (rc == DB_OK && loans)
        rc = privacy_loans_count(db, loan_day, &requests, &contacts, err);
    if (rc == DB_OK && loans)
        *loans = requests;
    db_read_end(db, started);
    return rc;
}

int db_purge_loans_due(struct db *db, struct civil_date loan_limit,
                       struct db_purge_loan **out, size_t *count,
                       struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    char day[CIVIL_DATE_LEN];
    int started = 0;
    *out = NULL;
    *count = 0;
    int rc = check_limit(loan_limit, day, err);
    if (rc == DB_OK)
        rc = db_read_begin(db, &started, err);
    if (rc == DB_OK)
        rc = privacy_loans_list(db, day, out, count, err);
    db_read_end(db, started);
    return rc;
}

/* A limit after today would anonymise people with appointments today. */
static int check_limit(struct civil_date limit, char day[CIVIL_DATE_LEN],
                       struct db_error *err)
{
    struct civil_datetime now;
    clock_now(&now, NULL);
    int rc = limit_text(limit, day, err);
    if (rc == DB_OK && civil_date_compare(limit, now.date) > 0)
        rc = db_set_error(err, DB_ERR_INVALID, _("%s: %s is after today"),
                          _("retention limit"), day);
    return rc;
}

int db_purge_preview(struct db *db, struct civil_date limit,
                     struct civil_date loan_limit,
                     struct db_purge_counts *out, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    char day[CIVIL_DATE_LEN], loan_day[CIVIL_DATE_LEN];
    int started = 0;
    memset(out, 0, sizeof *out);
    int rc = check_limit(limit, day, err);
    if (rc == DB_OK)
        rc = check_limit(loan_limit, loan_day, err);
    if (rc == DB_OK)
        rc = db_read_begin(db, &started, err);
    if (rc == DB_OK)
        rc = count_one(db, SQL_DUE_COUNT, day, &out->people, err);
    if (rc == DB_OK)
        rc = count_one(db, SQL_PURGE_NOTES_COUNT, day, &out->appt_notes, err);
    long followups = 0;
    if (rc == DB_OK)
        rc = count_one(db, SQL_PURGE_FOLLOWUP_COUNT, day, &followups, err);
    out->appt_notes += followups;
    if (rc == DB_OK)
        rc = count_one(db, SQL_PURGE_REMINDERS_COUNT, day, &out->reminders, err);
    if (rc == DB_OK)
        rc = count_one(db, SQL_PURGE_AUDIT_COUNT, day, &out->audit_details,
                       err);
    if (rc == DB_OK)
        rc = privacy_loans_count(db, loan_day, &out->loan_requests,
                                 &out->loan_contacts, err);
    db_read_end(db, started);
    return rc;
}

struct purge_job {
    char day[CIVIL_DATE_LEN];
    char loan_day[CIVIL_DATE_LEN];
    struct db_purge_counts counts;
};

/* Runs `sql` with ?1 = the limit (and ?2 = now when it anonymises). */
static int purge_part(struct db *db, const char *sql, const char *day,
                      long *changed, struct db_error *err)
{
    char now[CIVIL_DATETIME_LEN];
    db_now_text(now);
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    return run_counted(db, st, changed, err);
}

/* The order matters: audit details and notes are found through the
 * people due, who are no longer "due" once anonymised. */
static int purge_step(struct db *db, struct db_unit *u, void *ctx,
                      struct db_error *err)
{
    struct purge_job *job = ctx;
    struct db_purge_counts *c = &job->counts;
    memset(c, 0, sizeof *c);
    int rc = purge_part(db, SQL_PURGE_AUDIT, job->day, &c->audit_details, err);
    if (rc == DB_OK)
        rc = purge_part(db, SQL_PURGE_NOTES, job->day, &c->appt_notes, err);
    if (rc == DB_OK)
        rc = purge_part(db, SQL_PURGE_FOLLOWUP, job->day, &c->appt_notes, err);
    if (rc == DB_OK)
        rc = purge_part(db, SQL_PURGE_RECEIPTS, job->day, NULL, err);
    if (rc == DB_OK)
        rc = purge_part(db, SQL_PURGE_REMINDERS, job->day, &c->reminders, err);
    if (rc == DB_OK)
        rc = purge_part(db, SQL_PURGE_PEOPLE, job->day, &c->people, err);
    /* Room-loan requests refused or cancelled before their own limit. */
    if (rc == DB_OK)
        rc = privacy_loans_purge(db, job->loan_day, &c->loan_requests,
                                 &c->loan_contacts, err);
    if (rc == DB_OK)
        db_unit_detail(u,
                  "before %s: %ld people, %ld appointment notes, "
                  "%ld reminders, %ld audit details; loans before %s: "
                  "%ld requests, %ld contacts", job->day, c->people,
                  c->appt_notes, c->reminders, c->audit_details,
                  job->loan_day, c->loan_requests, c->loan_contacts);
    return rc;
}

int db_purge(struct db *db, struct civil_date limit,
             struct civil_date loan_limit, struct db_purge_counts *out,
             struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct purge_job job;
    memset(&job, 0, sizeof job);
    int rc = check_limit(limit, job.day, err);
    if (rc == DB_OK)
        rc = check_limit(loan_limit, job.loan_day, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_plain("purge", 0, "purge");
    rc = db_unit_run(db, &u, purge_step, &job, err);
    if (out)
        *out = rc == DB_OK ? job.counts : (struct db_purge_counts){0};
    return rc;
}

/* ---- erasure -------------------------------------------------------------- */

static const char SQL_PERSON_STATE[] =
    "SELECT last_name, birth_name, phone, email, anonymised_at IS NOT NULL"
    " FROM beneficiary WHERE id = ?1";

/* Details about the person or their appointments, or naming them (?2..?5:
 * last name, birth name, phone, e-mail; NULL when too short to name
 * anyone: clearing "Li" everywhere would wipe unrelated details). */
static const char SQL_ERASE_AUDIT[] =
    "UPDATE audit SET detail = '' WHERE detail <> '' AND ("
    " (entity = 'person' AND entity_id = ?1)"
    " OR (entity IN ('appointment', 'risk_alert') AND entity_id IN"
    "  (SELECT id FROM appointment WHERE beneficiary_id = ?1))"
    " OR (entity = 'reminder' AND entity_id IN (SELECT r.id FROM reminder r"
    "  JOIN appointment a ON a.id = r.appointment_id"
    "  WHERE a.beneficiary_id = ?1))"
    " OR instr(detail, ?2) OR instr(detail, ?3) OR instr(detail, ?4)"
    " OR instr(detail, ?5))";
static const char SQL_ERASE_APPTS[] =
    "UPDATE appointment SET context = '', cancel_reason = '',"
    " version = version + 1"
    " WHERE beneficiary_id = ?1 AND (context <> '' OR cancel_reason <> '')";
static const char SQL_ERASE_FOLLOWUP[] =
    "UPDATE appointment_followup SET note = '' WHERE note <> ''"
    " AND appointment_id IN (SELECT id FROM appointment WHERE beneficiary_id = ?1)";
static const char SQL_ERASE_RECEIPTS[] =
    "UPDATE reminder_receipt SET detail = '' WHERE detail <> ''"
    " AND reminder_id IN (SELECT r.id FROM reminder r JOIN appointment a"
    "  ON a.id = r.appointment_id WHERE a.beneficiary_id = ?1)";
static const char SQL_ERASE_REMINDERS[] =
    "UPDATE reminder SET address = '" DB_ERASED_ADDRESS "'"
    " WHERE address <> '" DB_ERASED_ADDRESS "' AND appointment_id IN"
    " (SELECT id FROM appointment WHERE beneficiary_id = ?1)";
static const char SQL_ERASE_PERSON[] = ANONYMISE_SET " WHERE id = ?1";

struct erase_job {
    const char *reason;
};

/* Binds `s` when it is long enough to name someone, else NULL (instr
 * with NULL is NULL: no match). */
static void bind_needle(sqlite3_stmt *st, int idx, const char *s)
{
    if (strlen(s) >= 3)
        sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, idx);
}

static int erase_step(struct db *db, struct db_unit *u, void *ctx,
                      struct db_error *err)
{
    struct erase_job *job = ctx;
    char last[DB_NAME_LEN], birth[DB_NAME_LEN], phone[DB_SHORT_LEN],
        email[DB_NAME_LEN];
    int anonymised = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_PERSON_STATE, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        db_column_text(st, 0, last, sizeof last);
        db_column_text(st, 1, birth, sizeof birth);
        db_column_text(st, 2, phone, sizeof phone);
        db_column_text(st, 3, email, sizeof email);
        anonymised = sqlite3_column_int(st, 4);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("person"),
                              (long long)u->id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    if (result == DB_OK && anonymised)
        result = db_set_error(err, DB_ERR_INVALID, _("person %lld is already "
                                                     "anonymised"),
                              (long long)u->id);
    if (result != DB_OK)
        return result;

    /* Audit details first: they are found by the names still there. */
    st = db_stmt(db, SQL_ERASE_AUDIT, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    bind_needle(st, 2, last);
    bind_needle(st, 3, birth);
    bind_needle(st, 4, phone);
    bind_needle(st, 5, email);
    rc = run_counted(db, st, NULL, err);
    static const char *const per_appt[] = {SQL_ERASE_APPTS, SQL_ERASE_FOLLOWUP,
                                           SQL_ERASE_RECEIPTS, SQL_ERASE_REMINDERS};
    for (size_t i = 0; rc == DB_OK && i < sizeof per_appt / sizeof per_appt[0]; i++) {
        if ((st = db_stmt(db, per_appt[i], err)) != NULL) {
            sqlite3_bind_int64(st, 1, u->id);
            rc = run_counted(db, st, NULL, err);
        } else {
            rc = err->status;
        }
    }
    if (rc == DB_OK && (st = db_stmt(db, SQL_ERASE_PERSON, err)) != NULL) {
        char now[CIVIL_DATETIME_LEN];
        db_now_text(now);
        sqlite3_bind_int64(st, 1, u->id);
        sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
        rc = run_counted(db, st, NULL, err);
    } else if (rc == DB_OK) {
        rc = err->status;
    }
    /* Who and when are the audit row's own; why is the reason. */
    if (rc == DB_OK)
        db_unit_detail(u, "%s", job->reason);
    return rc;
}

int db_person_erase(struct db *db, int64_t id, int64_t version,
                    const char *reason, struct db_conflict *conflict,
                    struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(id, 0, _("person"), err);
    if (rc == DB_OK)
        rc = db_check_text(reason, DB_TEXT_LEN, TEXT_REQUIRED, _("reason"),
                           err);
    if (rc != DB_OK)
        return rc;
    struct erase_job job = {reason};
    struct db_unit u = db_unit_edit("person", id, version, "erase", conflict);
    return db_unit_run(db, &u, erase_step, &job, err);
}
