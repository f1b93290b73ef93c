/* loans_internal.h - what the room-loan files of storage/ share: row
 * readers, closures of a room, the rows of a series.
 * Includes db_internal.h (so sqlite3.h): storage/ and tests/storage only. */
#ifndef GUICHET_STORAGE_LOANS_INTERNAL_H
#define GUICHET_STORAGE_LOANS_INTERNAL_H

#include "unit.h"
#include "loans.h"

/* Every write goes through the unit runner (unit.h): each public write
 * function checks what needs no SQL, then runs its step. */

/* Runs a statement expecting no row; maps errors (an overlap trigger gives
 * DB_ERR_OVERLAP with a loan message). */
int loan_step(struct db *db, sqlite3_stmt *st, struct db_error *err);

/* "12" or a name: numeric refs are ids. */
int loan_ref_id(const char *ref, int64_t *id);

void loan_read_room(sqlite3_stmt *st, void *p);
/* A collège's school details checked (no SQL): UAI upper-cased, the zone
 * made canonical or derived from the académie. */
int loan_college_check(struct db_college *c, struct db_error *err);
/* Inside a unit: the school details of site_id written (added or
 * changed), the changes appended to the audit detail. */
int loan_college_upsert(struct db *db, struct db_unit *u, int64_t site_id,
                        const struct db_college *c, struct db_error *err);
/* A date typed in ISO or French form, written to out in ISO form;
 * DB_ERR_INVALID naming `field` otherwise. */
int loan_check_date(const char *s, const char *field, char out[11], struct db_error *err);

/* The pieces of db_room_closures, so that a pass over many rooms of one
 * site reads the site's holidays and closures once (school_holidays.c). */
int loan_room_place(struct db *db, int64_t room_id, int64_t *site_id, unsigned *flags,
                    char academie[96], char zone[96], struct db_error *err);
int loan_site_closures(struct db *db, int64_t site_id, unsigned flags, const char *academie,
                       const char *zone, const char *from, const char *to,
                       struct db_closures *out, struct db_error *err);
int loan_room_blackouts(struct db *db, int64_t room_id, const char *from, const char *to,
                        struct db_closures *out, struct db_error *err);
#define LOAN_ROOM_COLUMNS \
    "r.id, r.site_id, r.name, r.kind, r.capacity, r.accessibility, s.name, r.version"

/* ---- loans.c / loan_changes.c ---- */

enum db_loan_state loan_state_from_name(const char *s);
/* "YYYY-MM-DD HH:MM" of minute `minute` (0..1440) of day d. */
void loan_minutes_text(struct civil_date d, int minute, char out[CIVIL_DATETIME_LEN]);
/* The approved occurrence of the room overlapping [starts, ends) other
 * than `self`: *other_request = 0 when none. */
int loan_clash_of(struct db *db, int64_t room_id, const char *starts, const char *ends,
                  int64_t self, int64_t *other_request, char date[11], struct db_error *err);
/* A new series row of a request (fresh iCalendar UID). */
int loan_series_insert(struct db *db, int64_t request_id, const struct loan_pattern *p,
                       int64_t *series_id, struct db_error *err);
/* Brings the occurrences and closure exceptions of a series in line with
 * its pattern and its exceptions: new dates 'requested', dates no longer
 * given 'cancelled' (never deleted), times updated; an approved date whose
 * time changes is checked for overlap. */
int loan_series_materialize(struct db *db, int64_t series_id, int64_t room_id,
                            const struct loan_pattern *p, const struct loan_closures *c,
                            struct db_error *err);

#endif
