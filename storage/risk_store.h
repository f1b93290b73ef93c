/* risk_store.h - storage for the no-show risk (DESIGN.md §7-8): imported
 * history, fitted models, scores of coming appointments with their
 * reasons, follow-up marks, alerts shown once per moment, reminders.
 *   import.c         `guichet import appointments FILE.csv` (import_names.c:
 *                    names to ids; import_stage.c: all rows in one INSERT)
 *   risk_history.c   history for the model, fitted models
 *   risk_scores.c    scores of coming appointments (counts kept on write)
 *   followup.c       called / confirmed / note, alerts claimed per moment
 *   alerts.c         the alerts whose moment has come, claimed
 *   reminders.c      the reminder queue and its receipts
 * Included by storage.h. */
#ifndef GUICHET_STORAGE_RISK_STORE_H
#define GUICHET_STORAGE_RISK_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "../model/alerts.h"
#include "../model/risk.h"

struct db;
struct db_error;

/* ---- import ----------------------------------------------------------- */

/* Where a bad line is: 1-based line (of the file) and column (field). */
struct db_import_error {
    size_t line;
    size_t column;          /* 0 when the whole line is wrong */
    char column_name[64];   /* the header's name for it, may be empty */
    char reason[256];       /* translated */
};

struct db_import_stats {
    size_t rows;            /* data lines read */
    size_t added;           /* appointments written */
    size_t already;         /* appointments already in the file */
    size_t people, sites, services, agents, motifs; /* created */
};

/* Called as the work goes on, done of total; done == total once, at the end. */
typedef void (*db_progress_fn)(void *ctx, size_t done, size_t total);

/* Imports appointments from CSV text (common/csv.h dialect; columns named
 * by the header, see docs/guichet.1). One transaction: on a bad line,
 * DB_ERR_INVALID with `where` filled and nothing written. An appointment
 * already present (same person, start and motif) is skipped, so importing
 * a file twice adds nothing. */
int db_import_appointments(struct db *db, const char *data, size_t len,
                           db_progress_fn progress, void *ctx,
                           struct db_import_stats *stats,
                           struct db_import_error *where, struct db_error *err);

/* ---- history and models ----------------------------------------------- */

/* Every appointment as the model sees it (outcome: seen / noshow / none). */
int db_risk_history(struct db *db, struct risk_appt **out, size_t *count,
                    struct db_error *err);

struct db_risk_fit_info {
    int64_t id;
    char fitted_at[CIVIL_DATETIME_LEN];
    char data_from[CIVIL_DATETIME_LEN];   /* empty when no data */
    char data_until[CIVIL_DATETIME_LEN];
};

/* Stores a fitted model (fitted_at = now). */
int db_risk_model_save(struct db *db, const struct risk_model *m,
                       struct db_risk_fit_info *info, struct db_error *err);
/* The latest stored model; *found = 0 (and the defaults) when none. */
int db_risk_model_load(struct db *db, struct risk_model *m,
                       struct db_risk_fit_info *info, int *found,
                       struct db_error *err);

/* A coming appointment with its risk. */
struct db_risk_item {
    int64_t appointment_id;
    int64_t site_id;
    double risk;
    char starts_at[CIVIL_DATETIME_LEN];
    char site_name[DB_NAME_LEN];
    char person[2 * DB_NAME_LEN];   /* "LAST First" */
    char phone[DB_SHORT_LEN];
    char motif_name[DB_NAME_LEN];
    char reasons[512];              /* "3 no-shows out of 5 before ×2.1; ..." */
    int called, confirmed, no_answer; /* follow-up marks */
    char note[DB_TEXT_LEN];
};

/* Appointments still unknown starting in [from, to), risk >= min_risk,
 * riskiest first (ties by start then id); site_id 0 = every site. Scores
 * use the latest stored model (the defaults when none). */
int db_risk_scores(struct db *db, const char *from, const char *to,
                   int64_t site_id, double min_risk,
                   struct db_risk_item **out, size_t *count,
                   struct db_error *err);

/* ---- follow-up and alerts (followup.c) -------------------------------- */

enum db_followup_mark {
    DB_FOLLOWUP_CALLED,     /* the person was called and answered */
    DB_FOLLOWUP_CONFIRMED,  /* the person confirmed they will come */
    DB_FOLLOWUP_NO_ANSWER,  /* called, nobody answered */
    DB_FOLLOWUP_NOTE,
};

/* Records a mark (now, by the actor); the note replaces the previous. */
int db_followup_set(struct db *db, int64_t appointment_id,
                    enum db_followup_mark mark, const char *note,
                    struct db_error *err);

enum db_alert_channel { DB_ALERT_DESKTOP, DB_ALERT_CONSOLE };

/* Claims (appointment, moment) for showing: *claimed = 1 when this caller
 * is the first, 0 when it was already shown by anyone. */
int db_alert_claim(struct db *db, int64_t appointment_id, const char *moment,
                   enum db_alert_channel channel, double risk, int *claimed,
                   struct db_error *err);
/* The person at the console read it. */
int db_alert_acknowledge(struct db *db, int64_t appointment_id,
                         const char *moment, struct db_error *err);

/* An alert to show now: a risky appointment whose moment has come and
 * that nobody showed for that moment yet (claimed by this call). */
struct db_alert {
    struct db_risk_item item;
    char moment[ALERT_MOMENT_NAME_LEN];
    enum alert_urgency urgency;
};

/* Scores the appointments still to come (site_id 0: all sites), keeps
 * those at or above `threshold` whose moment has come, and claims each
 * (appointment, moment) for `channel`: what comes back is this caller's to
 * show, and nobody else's (alerts.c). */
int db_alerts_claim_due(struct db *db, const struct alert_moment *moments, int nmoments,
                        double threshold, enum db_alert_channel channel, int64_t site_id,
                        struct db_alert **out, size_t *count, struct db_error *err);

/* The same for appointments already scored (items[n], e.g. by
 * db_risk_scores a little earlier): only the claims are made here, so a
 * caller that keeps scores (the console) does not score again. */
int db_alerts_claim_items(struct db *db, const struct db_risk_item *items, size_t n,
                          const struct alert_moment *moments, int nmoments,
                          double threshold, enum db_alert_channel channel,
                          struct db_alert **out, size_t *count, struct db_error *err);

/* Alerts of `channel` shown but not acknowledged yet, for appointments
 * still unknown that start at or after `from` ("YYYY-MM-DD HH:MM"), site_id
 * 0: every site; by start. item.risk is the risk when it was shown;
 * item.reasons is empty. A console shows them until someone acknowledges
 * (db_alert_acknowledge), across restarts. */
int db_alerts_unacknowledged(struct db *db, enum db_alert_channel channel, const char *from,
                             int64_t site_id, struct db_alert **out, size_t *count,
                             struct db_error *err);

/* ---- reminders (reminders.c) ------------------------------------------ */

struct db_reminder {
    int64_t id;                    /* 0 while only planned in memory */
    int64_t appointment_id;
    char channel[8];               /* "sms" or "email" */
    char address[DB_NAME_LEN];
    char starts_at[CIVIL_DATETIME_LEN];
    char site_name[DB_NAME_LEN];
    char motif_name[DB_NAME_LEN];
    char person[2 * DB_NAME_LEN];
    char state[16];                /* planned, sending, sent, failed */
    int attempts;
};

/* Reminders due now: appointments still unknown, starting within
 * `hours_before` hours from now and not yet started, of people who accept
 * SMS (phone) or e-mail (address), not already sent or being sent, and
 * failed ones with fewer than 3 attempts. Nothing is written. */
int db_reminders_due(struct db *db, int hours_before,
                     struct db_reminder **out, size_t *count,
                     struct db_error *err);
/* Claims one reminder for sending (one write unit): re-checks that the
 * appointment is still unknown and not started and that nobody sent or
 * claimed it; *claimed = 0 otherwise. r->id is filled. */
int db_reminder_claim(struct db *db, struct db_reminder *r, int *claimed,
                      struct db_error *err);
/* For generators and imports: the appointment had its reminder. */
int db_appt_mark_reminded(struct db *db, int64_t appointment_id, struct db_error *err);
/* Records the result of an attempt; a success marks the appointment
 * reminder_sent. */
int db_reminder_receipt(struct db *db, int64_t reminder_id, int sent,
                        const char *detail, struct db_error *err);

#endif
