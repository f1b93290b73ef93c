/* privacy.h - what the GDPR (RGPD) asks of a file holding social services'
 * beneficiaries: data kept no longer than needed (retention and purge), a
 * person's right of access (everything held about them) and right to
 * erasure. Included by storage.h; same conventions (0 or a db_status,
 * `err` may be NULL, lists are malloc'ed arrays released with free()).
 *
 * Files:
 *   schema.c           migration 5: the per-file settings table, the
 *                      anonymised mark on beneficiaries
 *   settings.c         the retention periods, stored in the file so that
 *                      every desk applies the same
 *   privacy.c          erasure and purge (write units)
 *   privacy_access.c   what the file holds about one person
 *   privacy_records.c  their follow-ups, alerts and reminders, for it
 *   privacy_loans.c    retention of refused or cancelled loan requests
 *
 * Anonymising a person replaces their names, birth date, phone, e-mail,
 * address and notes (and the notes and cancel reasons of their
 * appointments) and clears the audit details about them; their
 * appointments stay, with dates, motifs, agents and statuses, so that
 * counts and statistics do not change. With PRAGMA secure_delete (db.c)
 * the old values are overwritten inside the file too. */
#ifndef GUICHET_STORAGE_PRIVACY_H
#define GUICHET_STORAGE_PRIVACY_H

#include <stddef.h>
#include <stdint.h>

/* What an anonymised person is called from then on (not translated: it is
 * stored, and every desk shows the same). */
#define DB_ANONYMOUS_NAME "Anonyme"
/* What a reminder's copy of an erased phone or e-mail becomes. */
#define DB_ERASED_ADDRESS "-"

/* ---- retention (settings.c) ------------------------------------------- */

enum {
    DB_RETENTION_DEFAULT_MONTHS = 24,       /* after the last appointment */
    DB_LOAN_RETENTION_DEFAULT_MONTHS = 12,  /* refused/cancelled loan requests */
    DB_RETENTION_MAX_MONTHS = 600,
};

struct db_retention {
    int months;        /* people: months after their last appointment */
    int loan_months;   /* room-loan requests refused or cancelled */
};

int db_retention_get(struct db *db, struct db_retention *out,
                     struct db_error *err);
/* One write unit, audited ("setting", "retention", old -> new). Each in
 * 1..DB_RETENTION_MAX_MONTHS. */
int db_retention_set(struct db *db, const struct db_retention *r,
                     struct db_error *err);

/* The first day that is kept: `today` minus `months` (the same day of the
 * month, or the month's last day when it has fewer). */
struct civil_date db_retention_limit(struct civil_date today, int months);

/* ---- purge (privacy.c) ------------------------------------------------ */

/* One person a purge anonymises. */
struct db_purge_person {
    int64_t id;
    char last_name[DB_NAME_LEN];
    char first_name[DB_NAME_LEN];
    char last_seen[CIVIL_DATE_LEN]; /* their last appointment's day, or the
                                     * day they were recorded if none */
};

struct db_purge_counts {
    long people;          /* anonymised */
    long appt_notes;      /* appointment notes, cancel reasons and
                           * follow-up notes cleared */
    long reminders;       /* reminders' copies of a phone or e-mail cleared */
    long audit_details;   /* audit details cleared */
    long loan_requests;   /* refused or cancelled loan requests cleared */
    long loan_contacts;   /* associations' contact persons cleared */
};

/* People due: not anonymised yet, recorded before `limit`, no appointment
 * on or after it, and not the responsible person of anyone still kept.
 * By last name, first name, id. */
int db_purge_due(struct db *db, struct civil_date limit,
                 struct db_purge_person **out, size_t *count,
                 struct db_error *err);
/* A room-loan request a purge clears (privacy_loans.c). */
struct db_purge_loan {
    int64_t id;
    char association[DB_NAME_LEN];
    char last_day[CIVIL_DATE_LEN];  /* its last decision or change */
    int contact_cleared;            /* its association loses its contact */
};
/* Requests due with `loan_limit` that still hold text, or whose
 * association would lose its contact; by association name, id. */
int db_purge_loans_due(struct db *db, struct civil_date loan_limit,
                       struct db_purge_loan **out, size_t *count,
                       struct db_error *err);
/* How many people and room-loan requests are due with the file's
 * retentions at clock_now (supervisors' screens); loans may be NULL. */
int db_purge_due_count(struct db *db, long *count, long *loans,
                       struct db_error *err);
/* What a purge with these limits would do, without writing. */
int db_purge_preview(struct db *db, struct civil_date limit,
                     struct civil_date loan_limit,
                     struct db_purge_counts *out, struct db_error *err);
/* In one write unit: anonymises the people due (db_purge_due), clears the
 * notes, cancel reasons and follow-up notes of appointments before
 * `limit`, their reminders' copies of a phone or e-mail (and the senders'
 * receipts), and the audit details written before `limit`; clears the
 * room-loan requests due with `loan_limit` (privacy_loans.c: purpose,
 * reasons, audit details) and the contact person of associations whose
 * requests are all due; one audit row ("purge") with the counts. Neither
 * limit may be after today (DB_ERR_INVALID). */
int db_purge(struct db *db, struct civil_date limit,
             struct civil_date loan_limit, struct db_purge_counts *out,
             struct db_error *err);

/* ---- erasure (privacy.c) ---------------------------------------------- */

/* Anonymises person `id` at once, whatever their history, in one write
 * unit: `version` is the version the user saw (DB_VERSION_CURRENT: none).
 * The audit keeps who erased, when and why (`reason`, required, one line)
 * and nothing of the erased data: earlier audit details about the person
 * and their appointments, and any naming them, are cleared.
 * DB_ERR_INVALID when already anonymised. */
int db_person_erase(struct db *db, int64_t id, int64_t version,
                    const char *reason, struct db_conflict *conflict,
                    struct db_error *err);

/* ---- right of access (privacy_access.c) ------------------------------- */

/* A person as stored, with what db_person_get leaves out. */
struct db_person_record {
    struct db_person person;
    char created_at[CIVIL_DATETIME_LEN];
    char anonymised_at[CIVIL_DATETIME_LEN]; /* empty: not anonymised */
    char sex[2];                            /* "", "F" or "M" */
    char person_ref[DB_SHORT_LEN];          /* number in an imported tool */
};
int db_person_record_get(struct db *db, int64_t id,
                         struct db_person_record *out, struct db_error *err);

/* The audit rows about the person (entity "person"), oldest first; those
 * about each of their appointments come from db_audit_for. */
int db_person_audit(struct db *db, int64_t id, struct db_audit_entry **out,
                    size_t *count, struct db_error *err);

/* What the desks and senders recorded about their appointments
 * (privacy_records.c); times are "" when not set. */
struct db_person_followup {
    int64_t appointment_id;
    char called_at[CIVIL_DATETIME_LEN];
    char confirmed_at[CIVIL_DATETIME_LEN];
    char no_answer_at[CIVIL_DATETIME_LEN];
    char note[DB_TEXT_LEN];
    char updated_by[DB_SHORT_LEN];
};
struct db_person_alert {             /* a no-show alert shown about them */
    int64_t appointment_id;
    char moment[32];                 /* "day-before", "2h-before"... */
    char channel[16];                /* "desktop" or "console" */
    char shown_at[CIVIL_DATETIME_LEN];
    char shown_by[DB_SHORT_LEN];
    double risk;                     /* 0..1, as shown */
    char acknowledged_at[CIVIL_DATETIME_LEN];
};
struct db_person_reminder {
    int64_t id, appointment_id;
    char channel[8];                 /* "sms" or "email" */
    char address[DB_NAME_LEN];       /* DB_ERASED_ADDRESS once erased */
    char planned_at[CIVIL_DATETIME_LEN];
    char state[16];                  /* planned, sending, sent, failed */
    int attempts;
};
struct db_person_receipt {           /* one attempt to send a reminder */
    int64_t id, reminder_id;
    char at[CIVIL_DATETIME_LEN + 3]; /* "YYYY-MM-DD HH:MM:SS" */
    char result[8];                  /* "sent" or "failed" */
    char detail[DB_TEXT_LEN];
};
struct db_person_appt_facts {        /* what the risk model reads */
    int64_t appointment_id;
    int booking_known;               /* 0: imported without a booking time */
    int reminder_sent;
};
struct db_person_records {
    struct db_person_appt_facts *facts;
    size_t nfacts;
    struct db_person_followup *followups;
    size_t nfollowups;
    struct db_person_alert *alerts;
    size_t nalerts;
    struct db_person_reminder *reminders;
    size_t nreminders;
    struct db_person_receipt *receipts;
    size_t nreceipts;
};
/* All of them for person `id`'s appointments, by appointment (newest
 * first, as db_person_appts), then oldest first. Release with
 * db_person_records_free (also after an error). */
int db_person_records(struct db *db, int64_t id, struct db_person_records *out,
                      struct db_error *err);
void db_person_records_free(struct db_person_records *r);

/* An appointment's whole history, oldest first: its own audit rows, its
 * alerts', its reminders' and the claims of a sender naming it. */
int db_appt_history(struct db *db, int64_t appointment_id,
                    struct db_audit_entry **out, size_t *count,
                    struct db_error *err);

/* People whose responsible person is `id`: their ids, ascending. */
int db_person_dependants(struct db *db, int64_t id, int64_t **out,
                         size_t *count, struct db_error *err);

#endif
