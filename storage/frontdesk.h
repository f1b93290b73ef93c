/* frontdesk.h - storage for the front desk's daily work (issue 3): people
 * search and edits, structure edits, absences, appointment changes with
 * version checks, booking warnings, the views (week, to fill in, a person's
 * history) and what the slot finder needs. Included by storage.h; part of
 * its face, same conventions (0 or a db_status, `err` may be NULL, lists are
 * malloc'ed arrays released with free()).
 *
 * Files:
 *   schema.c          migration 2 (absences, opening motifs, phone digits,
 *                     search words, cancel reason, seen time, versions);
 *                     migration 3 (each site's public holidays)
 *   people_search.c   search as you type, duplicates, person edits
 *   structure_edit.c  lists, gets and edits of sites, services, agents,
 *                     motifs, opening hours and their motif sets
 *   absences.c        agents' absences
 *   appt_changes.c    move/resize, note, cancel, status, arrival; conflicts
 *   agenda.c          week, range, to-fill-in and person lists; calendars
 *                     for the slot finder and shading; booking warnings
 *   versions.c        version checks and conflict reports, read
 *                     transactions (rows.h)
 *
 * Versions and conflicts (issue 4 item 5). Every edit of an existing row
 * takes the version the user saw. Inside its write unit the row is re-read;
 * when its version differs the edit writes nothing and returns
 * DB_ERR_CONFLICT, err->detail says who changed it, when and how (from the
 * audit log) and `conflict` (may be NULL) receives the same as data. The
 * version DB_VERSION_CURRENT (0) means "whatever is current": for the
 * command line, whose user saw nothing older. */
#ifndef GUICHET_STORAGE_FRONTDESK_H
#define GUICHET_STORAGE_FRONTDESK_H

#include <stddef.h>
#include <stdint.h>

#include "../model/absence.h"
#include "../model/booking.h"
#include "../model/slots.h"

enum { DB_VERSION_CURRENT = 0 };

/* Why an edit was refused with DB_ERR_CONFLICT. */
struct db_conflict {
    int64_t seen_version;     /* what the caller passed */
    int64_t current_version;  /* what the row has now; 0 if it is gone */
    int has_audit;            /* 0: no audit row explains it */
    struct db_audit_entry last; /* the latest change: who, when, what */
};

/* Version of one row: entity is "site", "service", "agent", "motif",
 * "opening", "absence", "person" or "appointment". For rows whose struct in
 * storage.h has no version field (sites, services, agents, motifs, opening
 * hours): read it when an edit form opens. */
int db_row_version(struct db *db, const char *entity, int64_t id,
                   int64_t *out, struct db_error *err);

/* ---- people (people_search.c) ----------------------------------------- */

enum { DB_SEARCH_LIMIT_MAX = 1000 };

/* One line of a search result list. */
struct db_person_hit {
    int64_t id;
    char last_name[DB_NAME_LEN];
    char first_name[DB_NAME_LEN];
    char birth_name[DB_NAME_LEN];
    char birth_date[CIVIL_DATE_LEN]; /* ISO or empty */
    char phone[DB_SHORT_LEN];
    char email[DB_NAME_LEN];
    int64_t version;
};

/* Search as you type (model/search.h decides what `typed` is): name words
 * (each a prefix of a word of last, first or birth name, case and accents
 * ignored), phone digits anywhere in the number whatever the spacing, or a
 * full birth date ("12/03/1980", "1980-03-12"). Empty text lists everyone.
 * At most `limit` (1..DB_SEARCH_LIMIT_MAX) hits, ordered by folded name
 * then id. Indexed: fast on 100,000 people. */
int db_person_search(struct db *db, const char *typed, size_t limit,
                     struct db_person_hit **out, size_t *count,
                     struct db_error *err);

/* Someone already known who may be `candidate` (model/duplicates.h):
 * `reasons` is a bit set of enum duplicate_reason. candidate->id, when not
 * 0, is left out (editing a person does not find itself). Most likely
 * first (most reasons), at most 20. */
struct db_duplicate {
    struct db_person_hit person;
    unsigned reasons;
};
int db_person_duplicates(struct db *db, const struct db_person *candidate,
                         struct db_duplicate **out, size_t *count,
                         struct db_error *err);
/* "same name and birth date, same phone" (translated) into buf. */
void db_duplicate_describe(unsigned reasons, char *buf, size_t size);

/* Saves every field of `p` (p->id, p->version = the version seen). On
 * success p->version is the new version. The audit row lists the fields
 * that changed. */
int db_person_update(struct db *db, struct db_person *p,
                     struct db_conflict *conflict, struct db_error *err);

/* ---- structure (structure_edit.c) ------------------------------------- */

int db_site_get(struct db *db, int64_t id, struct db_site *out,
                struct db_error *err);
int db_site_update(struct db *db, const struct db_site *site, int64_t version,
                   struct db_conflict *conflict, struct db_error *err);

int db_service_list(struct db *db, struct db_service **out, size_t *count,
                    struct db_error *err);
int db_service_update(struct db *db, const struct db_service *s,
                      int64_t version, struct db_conflict *conflict,
                      struct db_error *err);

/* Every agent, ordered by last then first name. */
int db_agent_list(struct db *db, struct db_agent **out, size_t *count,
                  struct db_error *err);
int db_agent_get(struct db *db, int64_t id, struct db_agent *out,
                 struct db_error *err);
int db_agent_update(struct db *db, const struct db_agent *a, int64_t version,
                    struct db_conflict *conflict, struct db_error *err);
/* Sites where the agent works (ids), ordered by site name. */
int db_agent_sites(struct db *db, int64_t agent_id, int64_t **out,
                   size_t *count, struct db_error *err);
int db_agent_leave_site(struct db *db, int64_t agent_id, int64_t site_id,
                        struct db_error *err);

int db_motif_get(struct db *db, int64_t id, struct db_motif *out,
                 struct db_error *err);
int db_motif_update(struct db *db, const struct db_motif *m, int64_t version,
                    struct db_conflict *conflict, struct db_error *err);

/* Opening hours of one agent (every site, every date), by site, weekday,
 * start. */
int db_agent_openings(struct db *db, int64_t agent_id,
                      struct db_opening **out, size_t *count,
                      struct db_error *err);
int db_opening_get(struct db *db, int64_t id, struct db_opening *out,
                   struct db_error *err);
int db_opening_update(struct db *db, const struct db_opening *o,
                      int64_t version, struct db_conflict *conflict,
                      struct db_error *err);
int db_opening_delete(struct db *db, int64_t id, int64_t version,
                      struct db_conflict *conflict, struct db_error *err);
/* The motifs an opening range is for; none = every motif. Setting
 * replaces the whole set (a new version of the opening). */
int db_opening_motifs(struct db *db, int64_t opening_id, int64_t **out,
                      size_t *count, struct db_error *err);
int db_opening_set_motifs(struct db *db, int64_t opening_id, int64_t version,
                          const int64_t *motif_ids, size_t motif_count,
                          struct db_conflict *conflict, struct db_error *err);

/* ---- absences (absences.c) -------------------------------------------- */

struct db_absence {
    int64_t id;
    int64_t agent_id;
    struct absence absence;     /* one-off [from, until) or weekly */
    char reason[DB_NAME_LEN];   /* "congés", "formation"; may be empty */
    int64_t version;
};

int db_absence_get(struct db *db, int64_t id, struct db_absence *out,
                   struct db_error *err);
int db_absence_add(struct db *db, struct db_absence *a, struct db_error *err);
/* a->version = the version seen; updated on success. */
int db_absence_update(struct db *db, struct db_absence *a,
                      struct db_conflict *conflict, struct db_error *err);
int db_absence_delete(struct db *db, int64_t id, int64_t version,
                      struct db_conflict *conflict, struct db_error *err);
/* Absences of an agent that may touch [from, to] (days, inclusive);
 * one-off ones by start, then weekly ones. */
int db_agent_absences(struct db *db, int64_t agent_id, struct civil_date from,
                      struct civil_date to, struct db_absence **out,
                      size_t *count, struct db_error *err);
/* The absences of every agent of a site that may touch `day` (as
 * db_agent_absences: weekly ones valid then, whatever their weekday;
 * absence_intervals_on clips them), in one query for the day view's
 * shading. By agent id, then as db_agent_absences. */
int db_site_absences(struct db *db, int64_t site_id, struct civil_date day,
                     struct db_absence **out, size_t *count,
                     struct db_error *err);

/* ---- appointment rows for lists (agenda.c) ---------------------------- */

/* An appointment with everything a list or a day sheet shows. The first
 * member is a struct db_day_row so day-view drawing code can be reused. */
struct db_appt_row {
    struct db_day_row day;             /* appointment, person, motif */
    char agent_last[DB_NAME_LEN];
    char agent_first[DB_NAME_LEN];
    char site_name[DB_NAME_LEN];
    char person_phone[DB_SHORT_LEN];
    char cancel_reason[DB_TEXT_LEN];   /* excused/revoked: why */
    char seen_at[CIVIL_DATETIME_LEN];  /* when marked seen; may be empty */
    int waited_minutes;                /* seen_at - arrived_at; -1 unknown */
};

int db_appt_get_row(struct db *db, int64_t id, struct db_appt_row *out,
                    struct db_error *err);

/* Appointments starting in [from, to) days (to exclusive), of one site
 * (site_id 0 = every site), ordered by site name, agent name, start. */
int db_appt_range(struct db *db, int64_t site_id, struct civil_date from,
                  struct civil_date to, struct db_appt_row **out,
                  size_t *count, struct db_error *err);

/* The week of an agent: 7 days from `first_day` (every site), ordered by
 * start. One indexed query. */
int db_agent_week(struct db *db, int64_t agent_id, struct civil_date first_day,
                  struct db_appt_row **out, size_t *count,
                  struct db_error *err);

/* "To fill in": started before now (common/clock.h), status still unknown.
 * site_id 0 = every site. `offset`/`limit` page through them (limit 1..1000);
 * *total (may be NULL) receives how many there are in all. */
enum db_order { DB_OLDEST_FIRST = 0, DB_NEWEST_FIRST = 1 };
int db_to_fill_in(struct db *db, int64_t site_id, enum db_order order,
                  size_t offset, size_t limit, struct db_appt_row **out,
                  size_t *count, size_t *total, struct db_error *err);

/* A person's appointments, past and future, newest first, and how many of
 * them are no-shows. */
int db_person_appts(struct db *db, int64_t person_id,
                    struct db_appt_row **out, size_t *count,
                    int *noshow_count, struct db_error *err);

/* ---- calendars: what model/slots.h and model/booking.h need ------------ */

/* Opening rules (with motif sets), absences and busy intervals
 * (non-cancelled appointments at any site) of some agents around a window
 * of days. One allocation: free() the returned pointer releases all.
 * agents[i] describes agent_ids[i]; its pointers point into the same
 * block. */
struct db_calendar {
    size_t agent_count;
    struct slot_agent *agents;
};
int db_calendar_load(struct db *db, const int64_t *agent_ids,
                     size_t agent_count, struct civil_date from,
                     struct civil_date to, struct db_calendar **out,
                     struct db_error *err);

/* The slot finder. */
struct db_slot_search {
    int64_t motif_id;              /* required */
    int64_t site_id;               /* 0 = any site */
    int64_t agent_id;              /* 0 = every agent with hours for it */
    char earliest[CIVIL_DATETIME_LEN]; /* "" = now */
    int days;                      /* window, 0 = 60 days, at most 366 */
    int duration_minutes;          /* 0 = the motif's */
};
/* Up to `max` (1..500) free slots, earliest first, read in one read
 * transaction (model slots_find). Public holidays are each site's
 * (struct db_site holiday_flags): at any site, a Good Friday closes the
 * Alsace-Moselle sites only. */
int db_slots_find(struct db *db, const struct db_slot_search *q, size_t max,
                  struct slot **out, size_t *count, struct db_error *err);

/* Warnings and errors for booking `a` (new when a->id is 0, else the
 * appointment being changed, which never conflicts with itself): a bit set
 * of enum booking_flag (model/booking.h) in *flags, read in one read
 * transaction; BOOKING_HOLIDAY follows the public holidays of a->site_id. Use it before db_appt_book / db_appt_reschedule to ask the
 * agent; BOOKING_OVERLAP then needs an explicit overbooking. Unknown site,
 * agent, motif or person give DB_ERR_NO_ROW naming it. */
int db_appt_check(struct db *db, const struct db_appt *a, unsigned *flags,
                  struct db_error *err);
/* The flags as translated phrases joined by "; " into buf. */
void db_booking_describe(unsigned flags, char *buf, size_t size);

/* ---- appointment changes (appt_changes.c) ------------------------------ *
 * One write unit each: BEGIN IMMEDIATE, re-read, version check, validate,
 * write (version + 1), audit row saying what changed, COMMIT. `version` is
 * the version the user saw (DB_VERSION_CURRENT: none). */

/* Move and/or resize. Creation time and author are kept. The agent's other
 * appointments must not overlap unless `overbook` (then recorded: the row
 * is marked overbooked and the audit says so). */
struct db_reschedule {
    char starts_at[CIVIL_DATETIME_LEN]; /* new start, "" = keep */
    int64_t agent_id;                   /* new agent, 0 = keep */
    int duration_minutes;               /* new length, 0 = keep */
    int overbook;                       /* the agent confirmed an overlap */
};
int db_appt_reschedule(struct db *db, int64_t id, int64_t version,
                       const struct db_reschedule *r,
                       struct db_conflict *conflict, struct db_error *err);

/* Replaces the note (context); may be empty, newlines allowed. */
int db_appt_set_context(struct db *db, int64_t id, int64_t version,
                        const char *context, struct db_conflict *conflict,
                        struct db_error *err);

/* Cancels as APPT_EXCUSED (by the person) or APPT_REVOKED (by the
 * service) with a reason (required, one line). */
int db_appt_cancel(struct db *db, int64_t id, int64_t version,
                   enum appt_status how, const char *reason,
                   struct db_conflict *conflict, struct db_error *err);

/* Sets the status when appt_transition_allowed() says so at clock_now();
 * otherwise DB_ERR_INVALID with a sentence saying why. Seen stores seen_at
 * (now); back to unknown clears seen_at and the cancel reason, and must
 * not overlap (DB_ERR_OVERLAP) unless the row is overbooked. */
int db_appt_set_status(struct db *db, int64_t id, int64_t version,
                       enum appt_status to, struct db_conflict *conflict,
                       struct db_error *err);

/* Marks the person arrived now (undo = 0), or takes the mark back
 * (undo = 1). Only on the appointment's day, not when cancelled or a
 * no-show, not twice. */
int db_appt_arrive(struct db *db, int64_t id, int64_t version, int undo,
                   struct db_conflict *conflict, struct db_error *err);

#endif
