/* loans.h - room loans in collèges (included by storage.h).
 *
 * Places (collèges with UAI, académie and school-holiday zone; rooms with
 * capacity, equipment and blackouts), borrowers (associations), the school
 * holidays of the national export, and loans: a request for one room by one
 * association holds one or more series (model/loan_series.h); each date a
 * series gives is either an occurrence row (requested -> approved or refused
 * -> cancelled) or an exception row (skipped for a closure, cancelled,
 * moved). Nothing is ever deleted.
 *
 * No two approved occurrences of one room overlap: checked inside each write
 * unit (DB_ERR_OVERLAP, naming the date and the other request) and enforced
 * by schema triggers for any other writer. Each write is one unit with an
 * audit row; refused means nothing written.
 *
 * Files: rooms.c (collèges, rooms, associations), closures.c (lending
 * hours, site closures, room blackouts),
 * school_holidays.c (import, closures of a site), loans.c (request and
 * decisions), loan_changes.c (cancel, move, series edits), loan_views.c
 * (lists, pending queue, free-room finder), loans_schema.c (schema). */
#ifndef GUICHET_STORAGE_LOANS_H
#define GUICHET_STORAGE_LOANS_H

#include <stddef.h>
#include <stdint.h>

#include "../model/loan_series.h"
#include "../model/school_calendar.h"

struct db;
struct db_error;
struct db_site;
struct db_conflict;

enum { DB_UAI_LEN = 9, DB_RNA_LEN = 11, DB_SIRET_LEN = 15, DB_PURPOSE_LEN = 256 };

struct db_college {
    int64_t site_id;
    char name[128];
    char address[128];
    char uai[DB_UAI_LEN];          /* "0691234A" or empty */
    char academie[64];             /* "Lyon" */
    char school_zone[64];          /* "Zone A"; derived from the académie when empty */
    unsigned holiday_flags;        /* model/holidays.h */
};

/* A site of kind collège and its school details, in one unit. The zone is
 * derived from the académie when not given; an unknown académie without a
 * zone is refused (DB_ERR_INVALID). */
int db_college_add(struct db *db, struct db_college *c, struct db_error *err);
/* The console's site form: a site added (site->id 0) or changed (seen at
 * `version`) and, when `college` is not NULL (a collège), its school
 * details, in one unit. */
int db_site_save(struct db *db, struct db_site *site, struct db_college *college,
                 int64_t version, struct db_conflict *conflict, struct db_error *err);
/* By name or by numeric id. */
int db_college_find(struct db *db, const char *ref, struct db_college *out,
                    struct db_error *err);

/* ---- lending hours, closures, blackouts (closures.c) ------------------ */

/* Hours a collège lends its rooms on a weekday (1 Monday .. 7 Sunday);
 * several ranges a day, none overlapping (DB_ERR_REFUSED naming the one
 * there); a weekday without any: any time. */
struct db_lending_hours {
    int64_t site_id;
    char site_name[128];
    int weekday;
    int start_minute, end_minute;  /* end may be 1440 */
};
int db_college_hours_add(struct db *db, int64_t site_id, int weekday,
                         int start_minute, int end_minute, struct db_error *err);
/* One range replaced by another (weekday and times) in one unit. */
int db_college_hours_change(struct db *db, int64_t site_id, int old_weekday, int old_start,
                            int old_end, int weekday, int start_minute, int end_minute,
                            struct db_error *err);
/* Removes that range of that weekday (DB_ERR_NO_ROW naming it if none). */
int db_college_hours_remove(struct db *db, int64_t site_id, int weekday, int start_minute,
                            int end_minute, struct db_error *err);
/* Of one site (0: every site), by site, weekday and start. */
int db_college_hours_list(struct db *db, int64_t site_id, struct db_lending_hours **out,
                          size_t *count, struct db_error *err);

/* A site closure (room_id 0) or a room blackout: days first..last
 * inclusive (last empty = first), a reason of at most 95 bytes. *id gets
 * the new row's id (id may be NULL). Removing one writes an audit row
 * about its site or room naming the period. */
struct db_closure {
    int64_t id;
    int64_t site_id, room_id;
    char site_name[128], room_name[128];
    char first[11], last[11];
    char reason[96];
};
int db_site_closure_add(struct db *db, int64_t site_id, const char *first, const char *last,
                        const char *reason, int64_t *id, struct db_error *err);
int db_room_blackout_add(struct db *db, int64_t room_id, const char *first, const char *last,
                         const char *reason, int64_t *id, struct db_error *err);
/* Dates and reason of an existing one changed (where it is stays). */
int db_site_closure_update(struct db *db, int64_t id, const char *first, const char *last,
                           const char *reason, struct db_error *err);
int db_room_blackout_update(struct db *db, int64_t id, const char *first, const char *last,
                            const char *reason, struct db_error *err);
int db_site_closure_remove(struct db *db, int64_t id, struct db_error *err);
int db_room_blackout_remove(struct db *db, int64_t id, struct db_error *err);
/* By first day; site_id / room_id 0: every one. */
int db_site_closure_list(struct db *db, int64_t site_id, struct db_closure **out,
                         size_t *count, struct db_error *err);
int db_room_blackout_list(struct db *db, int64_t site_id, int64_t room_id,
                          struct db_closure **out, size_t *count, struct db_error *err);

struct db_room {
    int64_t id;
    int64_t site_id;
    char name[128];
    char kind[64];                 /* "gymnase", "salle polyvalente", ... */
    int capacity;
    char accessibility[256];
    char site_name[128];           /* filled by reads */
    int64_t version;
};

int db_room_add(struct db *db, struct db_room *r, struct db_error *err);
/* By id, "name" (when unique across sites) or "site/name". */
int db_room_find(struct db *db, const char *ref, struct db_room *out,
                 struct db_error *err);
/* Rooms of a site (0 = every site) with at least min_capacity places,
 * ordered by site then name. */
int db_room_list(struct db *db, int64_t site_id, int min_capacity,
                 struct db_room **out, size_t *count, struct db_error *err);
int db_room_equipment_set(struct db *db, int64_t room_id, const char *name,
                          int quantity, struct db_error *err);
/* One piece of a room's equipment: "tapis" x 20. */
struct db_equipment {
    char name[64];
    int quantity;
    int64_t room_id;               /* filled by reads */
};
/* By name; room_id 0: every room's, by room then name (one read for a
 * list of rooms). */
int db_room_equipment_list(struct db *db, int64_t room_id, struct db_equipment **out,
                           size_t *count, struct db_error *err);
/* The console's room form: a room added (r->id 0) or changed (seen at
 * `version`; DB_ERR_CONFLICT when another desk changed it) with exactly
 * this equipment (pieces not listed are removed), in one unit. */
int db_room_save(struct db *db, struct db_room *r, const struct db_equipment *eq, size_t n,
                 int64_t version, struct db_conflict *conflict, struct db_error *err);
/* The pieces of equipment a room may list. */
enum { DB_ROOM_MAX_EQUIPMENT = 64 };
/* "tapis=20, panier de basket=2" (a name alone: 1) into at most max
 * pieces; -1 with the faulty piece in `bad` otherwise. */
int db_equipment_parse(const char *text, struct db_equipment *out, size_t max, size_t *n,
                       char *bad, size_t bad_size);
/* The other way, "tapis=20, panier de basket=2". */
void db_equipment_format(const struct db_equipment *eq, size_t n, char *buf, size_t size);

struct db_association {
    int64_t id;
    char name[128];
    char rna[DB_RNA_LEN];          /* "W691234567" or empty */
    char siret[DB_SIRET_LEN];      /* 14 digits or empty */
    char contact[128];
    char phone[64];
    char email[128];
    char insurance_until[11];      /* ISO date or empty (= unknown) */
    int64_t version;
};

int db_association_add(struct db *db, struct db_association *a, struct db_error *err);
int db_association_find(struct db *db, const char *ref, struct db_association *out,
                        struct db_error *err);
int db_association_list(struct db *db, struct db_association **out, size_t *count,
                        struct db_error *err);

/* ---- school holidays ------------------------------------------------ */

/* Imports parsed export rows in one unit; rows already present are left as
 * they are (importing twice changes nothing). *added = rows new. */
int db_school_holidays_import(struct db *db, const struct school_holiday *rows,
                              size_t n, size_t *added, struct db_error *err);

/* What closes `room_id` between from and to (inclusive): the site's public
 * holidays flags, the pupils' school holidays of its académie (or of its
 * zone when the file has no row for the académie that year), site closures
 * and room blackouts. Release with db_closures_free. */
struct db_closures {
    struct loan_closures c;        /* points into the arrays below */
    struct loan_period *school, *site, *room;
};
int db_room_closures(struct db *db, int64_t room_id, const char *from,
                     const char *to, struct db_closures *out, struct db_error *err);
void db_closures_free(struct db_closures *c);

/* ---- loans -------------------------------------------------------- */

enum db_loan_state {
    DB_LOAN_REQUESTED = 0,
    DB_LOAN_APPROVED,
    DB_LOAN_REFUSED,
    DB_LOAN_CANCELLED,
};
const char *db_loan_state_name(enum db_loan_state s);       /* "approved" */
const char *db_loan_state_label(enum db_loan_state s);      /* translated */

struct db_loan_request {
    int64_t room_id;
    int64_t association_id;
    struct loan_pattern pattern;   /* last.year == 0: end of the school year */
    char purpose[DB_PURPOSE_LEN];
    int attendance;                /* 0 = not given */
};

/* A date of a request's expansion, skipped or clashing. */
struct db_loan_date {
    struct civil_date date;
    enum loan_closure closure;     /* LOAN_OPEN for a clash */
    char reason[128];              /* closure name (untranslated msgid for a
                                    * public holiday) or "request N" */
    int64_t other_request;         /* clash: the approved request */
};

struct db_loan_preview {
    struct loan_pattern pattern;   /* with the last date filled in */
    size_t n_dates;                /* occurrences to be created */
    struct db_loan_date *skipped;  size_t n_skipped;
    struct db_loan_date *clashes;  size_t n_clashes;
};
void db_loan_preview_free(struct db_loan_preview *p);

/* Expansion, skipped dates and clashes with approved loans, without
 * writing. Checks room, association, pattern, opening hours, capacity. */
int db_loan_preview(struct db *db, struct db_loan_request *req,
                    struct db_loan_preview *out, struct db_error *err);
/* Saves the request (occurrences 'requested', closure exceptions) in one
 * unit after the same checks; `preview` (may be NULL) receives what was
 * computed inside the unit. A request with no date left is refused. */
int db_loan_request_add(struct db *db, struct db_loan_request *req, int64_t *id,
                        struct db_loan_preview *preview, struct db_error *err);

enum db_loan_decision { DB_DECIDE_APPROVE, DB_DECIDE_REFUSE, DB_DECIDE_CANCEL };

struct db_loan_outcome {
    size_t changed;                /* occurrences whose state changed */
    int insurance_warning;         /* approved with expired or missing insurance */
    char insurance_until[11];
    struct db_loan_date clash;     /* DB_ERR_OVERLAP: the first clash */
};

/* Approve, refuse or cancel a whole request or one date of it (date NULL
 * or empty = every date). Approve takes requested dates; refuse requested
 * ones; cancel requested or approved ones (a cancelled date gets an
 * exception row). A clash with another approved loan refuses the whole
 * unit (DB_ERR_OVERLAP, outcome->clash). reason: kept with the state. */
int db_loan_decide(struct db *db, int64_t request_id, const char *date,
                   enum db_loan_decision what, const char *reason,
                   struct db_loan_outcome *outcome, struct db_error *err);
/* Batch approval of several requests: each is its own unit; results[i]
 * receives its status and outcomes[i] (may be NULL) what db_loan_decide
 * says of it, the insurance warning included. Returns DB_OK when every
 * one was approved. */
int db_loan_approve_many(struct db *db, const int64_t *ids, size_t n,
                         int *results, struct db_loan_outcome *outcomes,
                         struct db_error *err);

/* Moves one date of a request (a "moved" exception; an approved date stays
 * approved only if the room is free then, else DB_ERR_OVERLAP). */
int db_loan_move(struct db *db, int64_t request_id, const char *date,
                 const char *new_date, int start_minute, int end_minute,
                 struct db_error *err);

/* The pattern of the request's series that holds `date` (a date the
 * series gave); DB_ERR_NO_ROW when none does. */
int db_loan_series_at(struct db *db, int64_t request_id, const char *date,
                      struct loan_pattern *out, struct db_error *err);

/* Edits the request's series with a scope (model/loan_series.h): THIS is
 * db_loan_move; FOLLOWING ends the series before `date` and starts a new
 * one with `edited`; ALL replaces the pattern. Exceptions are kept;
 * occurrences no longer in the pattern are cancelled (never deleted), new
 * dates are 'requested'. The series' iCalendar SEQUENCE is incremented. */
int db_loan_edit(struct db *db, int64_t request_id, const char *date,
                 enum loan_scope scope, const struct loan_pattern *edited,
                 struct db_error *err);

/* One occurrence or skipped date, for lists and exports. */
struct db_loan_row {
    int64_t occurrence_id;         /* 0 for a skipped date */
    int64_t request_id;
    int64_t series_id;
    int64_t room_id;
    int64_t association_id;
    char date[11];
    char original_day[11];         /* the date the series gave (differs once moved) */
    int start_minute, end_minute;
    char room[128];
    char site[128];
    char association[128];
    enum db_loan_state state;
    int skipped;                   /* a closure or a date skipped by hand */
    char reason[256];
};

struct db_loan_filter {
    int64_t room_id;               /* 0 = any */
    int64_t association_id;        /* 0 = any */
    int64_t site_id;               /* 0 = any */
    char from[11], to[11];         /* empty = open */
    int with_skipped;              /* also list skipped dates */
};
/* Ordered by date, start, room. */
int db_loan_list(struct db *db, const struct db_loan_filter *f,
                 struct db_loan_row **out, size_t *count, struct db_error *err);

/* The pending queue: requests with requested dates, by first date. */
struct db_loan_pending {
    int64_t request_id;
    char association[128];
    char room[128];
    char site[128];
    char first[11], last[11];
    int start_minute, end_minute;
    unsigned weekdays;
    size_t pending_dates;
    char insurance_until[11];
    int64_t room_id, association_id;
};
int db_loan_pending_list(struct db *db, struct db_loan_pending **out, size_t *count,
                         struct db_error *err);

/* Free-room finder: rooms (of a site or any, at least min_capacity) and
 * for each the dates of the period with that weekday on which an approved
 * loan overlaps the time range (none = free every date). Dates closed for
 * the room are not counted as clashes. */
struct db_free_room {
    struct db_room room;
    size_t n_dates;                /* open dates of the period */
    size_t n_clashes;
    char clashes[8][11];           /* the first clash dates */
};
int db_room_free(struct db *db, int weekday, int start_minute, int end_minute,
                 const char *from, const char *to, int64_t site_id, int min_capacity,
                 struct db_free_room **out, size_t *count, struct db_error *err);

/* Series of loans for the iCalendar export. */
struct db_loan_series_export {
    int64_t series_id, request_id;
    char uid[128];
    int sequence;
    struct loan_pattern pattern;
    char room[128], site[128], association[128], purpose[256];
    enum db_loan_state state;      /* approved if any date is, else requested... */
    size_t n_exdates;
    struct civil_date *exdates;    /* skipped and cancelled original dates */
    size_t n_moved;
    struct loan_exception *moved;
    char last_change[DB_STAMP_LEN]; /* the latest audit time (an instant) */
};
int db_loan_series_for_export(struct db *db, const struct db_loan_filter *f,
                              struct db_loan_series_export **out, size_t *count,
                              struct db_error *err);
void db_loan_series_export_free(struct db_loan_series_export *s, size_t n);

#endif
