/* frontdesk_internal.h - what the issue-3 files of storage/ share and
 * nothing else sees: version checks with their conflict report, read
 * transactions, audit "what changed" texts, the person keys kept with each
 * beneficiary, the agenda helpers the agenda*.c files share. Includes
 * db_internal.h (so sqlite3.h): storage/ and tests/storage only. */
#ifndef GUICHET_STORAGE_FRONTDESK_INTERNAL_H
#define GUICHET_STORAGE_FRONTDESK_INTERNAL_H

#include "db_internal.h"
#include "../model/search.h"

/* ---- versions (versions.c) ---- */

/* Inside a write unit: reads the version of row `id` of `entity` (a name
 * accepted by db_row_version). DB_ERR_NO_ROW naming the entity when it is
 * gone; DB_ERR_CONFLICT when `seen` is not DB_VERSION_CURRENT and differs,
 * with err->detail "changed by WHO at WHEN: WHAT" and `conflict` (may be
 * NULL) filled from the latest audit row. *current (may be NULL) receives
 * the version read. */
int fd_check_version(struct db *db, const char *entity, int64_t id,
                     int64_t seen, int64_t *current,
                     struct db_conflict *conflict, struct db_error *err);

/* UPDATE <table of entity> SET version = version + 1 WHERE id = ?. */
int fd_bump_version(struct db *db, const char *entity, int64_t id,
                    struct db_error *err);

/* A read transaction (BEGIN DEFERRED) so that several SELECTs see one
 * state of the file; nothing is done when a transaction is already open.
 * fd_read_end always ends what fd_read_begin started. */
int fd_read_begin(struct db *db, int *started, struct db_error *err);
void fd_read_end(struct db *db, int started);

/* ---- audit texts (versions.c) ---- */

/* Appends printf output to the NUL-terminated text in buf[size], cutting
 * on a UTF-8 character boundary when it does not fit. */
void fd_append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Appends "field: old -> new; " when old and new differ (texts cut to 60
 * bytes); returns 1 if they differ. */
int fd_diff(char *buf, size_t size, const char *field, const char *old_value,
            const char *new_value);

/* ---- people keys (people_search.c) ---- */

/* The folded search key (last, first and birth names) and the phone
 * digits stored with a beneficiary. */
void fd_person_keys(const struct db_person *p, char key[DB_TEXT_LEN],
                    char digits[SEARCH_PHONE_LEN]);

/* ---- appointments (appointments.c) ---- */

/* The appointment columns every appointment read starts with (alias a),
 * and their reader. */
#define FD_APPT_COLUMNS                                                       \
    "a.id, a.site_id, a.agent_id, a.motif_id, IFNULL(a.beneficiary_id, 0),"   \
    " a.starts_at, a.ends_at, a.status, a.overbooked, a.context,"             \
    " IFNULL(a.arrived_at, ''), a.created_at, a.created_by, a.version"
void fd_read_appt(sqlite3_stmt *st, struct db_appt *a);

/* ---- people (people.c) ---- */

/* The checks a person passes both when added and when edited: texts
 * (lengths, characters), birth date, responsible person's id. */
int fd_check_person_fields(struct db_person *p, struct db_error *err);

/* ---- opening hours (openings.c) ---- */

/* A db_collect reader: one opening_hours row (id, agent_id, site_id,
 * weekday, start_minute, end_minute, every_weeks, valid_from, valid_until
 * as text, '' for none) into a struct db_opening. */
void fd_read_opening(sqlite3_stmt *st, void *p);

/* ---- structure (structure_edit.c) ---- */

/* The agent columns (alias a) and their db_collect reader into a struct
 * db_agent. */
#define FD_AGENT_COLUMNS \
    "a.id, a.last_name, a.first_name, a.login, IFNULL(a.service_id, 0)"
void fd_read_agent(sqlite3_stmt *st, void *p);

/* Runs `sql` (?1 agent id, ?2 site id: the INSERT OR IGNORE of joining, the
 * DELETE of leaving) in one write unit after checking both rows exist; an
 * audit row `action` "site N" on the agent when a row changed. */
int fd_agent_site_write(struct db *db, const char *sql, const char *action,
                        int64_t agent_id, int64_t site_id, struct db_error *err);

/* ---- agenda (agenda*.c) ---- */

/* "YYYY-MM-DD 00:00" of d and of d + days; -1 when d is not a date
 * (agenda.c). */
int fd_day_bounds(struct civil_date d, int days,
                  char from[CIVIL_DATETIME_LEN], char to[CIVIL_DATETIME_LEN]);

/* The widest calendar db_calendar_load reads. */
enum { FD_CALENDAR_MAX_DAYS = 400, FD_CALENDAR_MAX_AGENTS = 1000 };

/* db_calendar_load without its checks, inside a read transaction the
 * caller holds (agenda_calendar.c). */
int fd_calendar_load(struct db *db, const int64_t *ids, size_t n,
                     struct civil_date from, struct civil_date to,
                     struct db_calendar **out, struct db_error *err);

/* The enum holiday_flags of a site; DB_ERR_NO_ROW naming it when unknown
 * (agenda_slots.c). */
int fd_site_holiday_flags(struct db *db, int64_t site_id, unsigned *flags,
                          struct db_error *err);

/* ---- schema (schema.c) ---- */

/* The SQL of migration `index` (0 = from version 0 to 1), NULL past the
 * last: for tests that build an old file. */
const char *db_migration_sql(int index);

#endif
