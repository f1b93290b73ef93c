/* report.h - the queries behind the supervisors' summaries (report.c):
 * GROUP BY counts over a period of civil days, for one site or all. The
 * arithmetic (rates, medians) is model/summary.h's; the rendering is
 * report/'s. Included by storage.h; same conventions (0 or a db_status,
 * `err` may be NULL, lists are malloc'ed arrays released with free()).
 *
 * A period is [from, to) in civil days of each site (to exclusive), so a
 * day across a daylight-saving change is still one calendar day. site_id 0
 * means every site. Every query uses appointment(site_id, starts_at), one
 * index range per site. */
#ifndef GUICHET_STORAGE_REPORT_H
#define GUICHET_STORAGE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "../model/appointment.h"
#include "../model/civil.h"

struct db_risk_item; /* storage/risk_store.h */

/* Appointments starting in the period, counted by site, agent, motif,
 * status and whether they had started at `now`. */
struct db_report_group {
    int64_t site_id;
    int64_t agent_id;
    int64_t motif_id;
    enum appt_status status;
    int started;
    long count;
};
int db_report_groups(struct db *db, int64_t site_id, struct civil_date from,
                     struct civil_date to, struct civil_datetime now,
                     struct db_report_group **out, size_t *count,
                     struct db_error *err);

/* One arrival at the desk of an appointment starting in the period, with
 * its wait (seen_at - arrived_at, minutes, at least 0), -1 when the person
 * was not marked seen. */
struct db_report_arrival {
    int64_t site_id;
    int wait_minutes;
};
int db_report_arrivals(struct db *db, int64_t site_id, struct civil_date from,
                       struct civil_date to, struct db_report_arrival **out,
                       size_t *count, struct db_error *err);

/* Appointments created, moved (or resized) and cancelled during the period
 * (audit log times), by who did it; with a site, only that site's
 * appointments. A status change to excused or revoked is a cancellation.
 * Ordered by actor. */
struct db_report_changes {
    char actor[64];
    long created;
    long moved;
    long cancelled;
};
int db_report_changes(struct db *db, int64_t site_id, struct civil_date from,
                      struct civil_date to, struct db_report_changes **out,
                      size_t *count, struct db_error *err);

/* Appointments not cancelled starting in the period, by site and agent,
 * with the first start and the last end. */
struct db_report_agenda {
    int64_t site_id;
    int64_t agent_id;
    long count;
    char first_start[CIVIL_DATETIME_LEN];
    char last_end[CIVIL_DATETIME_LEN];
};
int db_report_agenda(struct db *db, int64_t site_id, struct civil_date from,
                     struct civil_date to, struct db_report_agenda **out,
                     size_t *count, struct db_error *err);

/* Seen and no-show appointments per day of the period (days without any
 * are left out), in date order. */
struct db_report_day {
    struct civil_date date;
    long seen;
    long noshow;
};
int db_report_days(struct db *db, int64_t site_id, struct civil_date from,
                   struct civil_date to, struct db_report_day **out,
                   size_t *count, struct db_error *err);

/* ---- room loans (report_loans.c) ---- */

/* Each room (of the site, or of every site) with the minutes of its
 * approved loan occurrences starting in [from, to) and the minutes it
 * was open for lending then: on each day of the period not closed for the
 * room (public and school holidays of its zone, site closures, room
 * blackouts), the collège's lending hours of that weekday, or the whole
 * day when none are set for that weekday (loans are then allowed at any
 * time). Ordered by site then room name. */
struct db_report_room {
    int64_t room_id;
    int64_t site_id;
    char room[128];
    char site[128];
    long used_minutes;
    long open_minutes;
};
int db_report_rooms(struct db *db, int64_t site_id, struct civil_date from,
                    struct civil_date to, struct db_report_room **out,
                    size_t *count, struct db_error *err);

/* Requests that still have dates waiting for a decision (as of now,
 * whatever the period), oldest request first. */
struct db_report_pending {
    int64_t request_id;
    int64_t site_id;
    char association[128];
    char room[128];
    char site[128];
    char created_at[CIVIL_DATETIME_LEN];
    char first_date[11];       /* first date waiting */
    long pending_dates;
};
int db_report_pending(struct db *db, int64_t site_id,
                      struct db_report_pending **out, size_t *count,
                      struct db_error *err);

/* Associations with a loan still to come (requested or approved, from
 * `today` on) whose insurance certificate ends on or before `until`, or
 * that have none on file (insurance_until ""); soonest first, missing
 * last. */
struct db_report_insurance {
    int64_t association_id;
    char name[128];
    char insurance_until[11];
    long requests;             /* its requests with a date still to come */
};
int db_report_insurance(struct db *db, int64_t site_id, struct civil_date today,
                        struct civil_date until, struct db_report_insurance **out,
                        size_t *count, struct db_error *err);

/* ---- no-show risk (report_risk.c) ---- */

/* Appointments starting in [from, to) for which an alert was shown (on a
 * desktop or a console), counted by follow-up marks, status and whether
 * they had started at `now`. */
struct db_report_alert_group {
    int called;
    int confirmed;
    enum appt_status status;
    int started;
    long count;
};
int db_report_alerts(struct db *db, int64_t site_id, struct civil_date from,
                     struct civil_date to, struct civil_datetime now,
                     struct db_report_alert_group **out, size_t *count,
                     struct db_error *err);

/* The appointments starting in [from, to), not cancelled, for which an
 * alert was shown, riskiest first (the risk recorded with the alert; ties
 * by start then id), at most `limit`. The risk is the one the desks were
 * told, kept with the alert, not a score made afresh (db_risk_scores, which
 * would give today's figure, not the one acted upon). `reasons` and the
 * person are left empty. */
int db_report_alerted(struct db *db, int64_t site_id, struct civil_date from,
                      struct civil_date to, int limit, struct db_risk_item **out,
                      size_t *count, struct db_error *err);

/* Reminders of the appointments still unknown starting in [from, to), per
 * channel ("sms", "email"): to_send = the person accepts that channel and
 * no attempt was made yet; sending (claimed by a sender that did not
 * report back), sent, failed (after its last attempt). */
struct db_report_reminders {
    char channel[8];
    long to_send;
    long sending;
    long sent;
    long failed;
};
int db_report_reminders(struct db *db, int64_t site_id, struct civil_date from,
                        struct civil_date to, struct db_report_reminders **out,
                        size_t *count, struct db_error *err);

/* For a summary made once and briefly (the report command): SQLite reads
 * the file through a memory map when it is on a local disk (nothing
 * changes on a share). Writes are unchanged. */
void db_report_read_mapped(struct db *db);

/* One state of the file for every query of a summary (a read
 * transaction, so that a desk's commit between two queries cannot make
 * the sections disagree). db_report_end ends what db_report_begin started
 * (`started` is 0 when a transaction was already open). */
int db_report_begin(struct db *db, int *started, struct db_error *err);
void db_report_end(struct db *db, int started);

/* The SQL of the queries above in the order they are declared, for the
 * bench to run the same text through the sqlite3 shell (?1 from, ?2 to
 * exclusive, ?3 site id or 0, ?4 now; for insurance ?1 today, ?2 the
 * last day); NULL past the last. db_report_rooms also reads closures and
 * lending hours (not in this list). */
const char *db_report_sql(int index);

#endif
