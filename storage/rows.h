/* rows.h - the row readers and helpers that several files of storage/
 * share and nothing else sees: the columns of an appointment and of an
 * appointment list row, the opening-hours reader, the consequence
 * previews, the agenda and site helpers. A reader used by one file stays
 * static in it. Includes unit.h (so sqlite3.h): storage/ and
 * tests/storage only. */
#ifndef GUICHET_STORAGE_ROWS_H
#define GUICHET_STORAGE_ROWS_H

#include "unit.h"

/* ---- appointments (appointments.c) ---- */

/* The appointment columns every appointment read starts with (alias a),
 * and their reader. */
#define DB_APPT_COLUMNS                                                       \
    "a.id, a.site_id, a.agent_id, a.motif_id, IFNULL(a.beneficiary_id, 0),"   \
    " a.starts_at, a.ends_at, a.status, a.overbooked, a.context,"             \
    " IFNULL(a.arrived_at, ''), a.created_at, a.created_by, a.version"
void db_read_appt(sqlite3_stmt *st, struct db_appt *a);

/* ---- appointment rows for lists (agenda.c) ---- */

/* The columns of a struct db_appt_row (appointment alias a) and the joins
 * they need, and their db_collect reader. */
#define DB_ROW_COLUMNS                                                       \
    DB_APPT_COLUMNS ","                                                      \
    " IFNULL(b.last_name, ''), IFNULL(b.first_name, ''), m.name, m.colour,"   \
    " g.last_name, g.first_name, s.name, IFNULL(b.phone, ''),"                \
    " a.cancel_reason, IFNULL(a.seen_at, '')"
#define DB_ROW_JOINS                                                         \
    " JOIN motif m ON m.id = a.motif_id JOIN agent g ON g.id = a.agent_id"    \
    " JOIN site s ON s.id = a.site_id"                                        \
    " LEFT JOIN beneficiary b ON b.id = a.beneficiary_id"
void db_read_appt_row(sqlite3_stmt *st, void *p);

/* ---- consequences (consequences.c) ---- */

/* Appointments of `agents` (n of them) that a write would leave outside:
 * those in conflict in what the open unit's step wrote (called as the
 * probe of db_unit_preview) and not before. */
struct db_preview {
    int64_t agents[2];
    size_t agent_count;
    struct db_stranded *before;   /* conflicts before the change */
    size_t before_count;
    struct db_stranded **out;
    size_t *count;
};
/* Fills p->before (db_preview_start), then is the probe (db_preview_probe);
 * db_preview_end frees what start allocated. */
int db_preview_start(struct db *db, struct db_preview *p,
                     struct db_error *err);
int db_preview_probe(struct db *db, struct db_unit *u, void *ctx,
                     struct db_error *err);
void db_preview_end(struct db_preview *p);

/* ---- opening hours (openings.c) ---- */

/* A db_collect reader: one opening_hours row (id, agent_id, site_id,
 * weekday, start_minute, end_minute, every_weeks, valid_from, valid_until
 * as text, '' for none) into a struct db_opening. */
void db_read_opening(sqlite3_stmt *st, void *p);

/* ---- agenda (agenda*.c) ---- */

/* "YYYY-MM-DD 00:00" of d and of d + days; -1 when d is not a date
 * (agenda.c). */
int db_day_bounds(struct civil_date d, int days,
                  char from[CIVIL_DATETIME_LEN], char to[CIVIL_DATETIME_LEN]);

/* The widest calendar db_calendar_load reads. */
enum { DB_CALENDAR_MAX_DAYS = 400, DB_CALENDAR_MAX_AGENTS = 1000 };

/* db_calendar_load without its checks, inside a read transaction the
 * caller holds (agenda_calendar.c). with_busy 0: opening hours and
 * absences only, no appointments (whether a time is open, not whether it
 * is taken: one index range per agent less). */
int db_calendar_load_locked(struct db *db, const int64_t *ids, size_t n,
                            struct civil_date from, struct civil_date to, int with_busy,
                            struct db_calendar **out, struct db_error *err);

/* ---- sites (sites.c) ---- */

/* The enum holiday_flags of a site; DB_ERR_NO_ROW naming it when unknown. */
int db_site_holiday_flags(struct db *db, int64_t site_id, unsigned *flags,
                          struct db_error *err);

/* The civil now of every site, as a JSON object {"s<id>": "YYYY-MM-DD
 * HH:MM", ...} for SQL (json_extract(?, '$.s' || site_id)), and the latest
 * of them. *json is malloc'ed. */
int db_sites_now(struct db *db, char latest[CIVIL_DATETIME_LEN],
                 char **json, struct db_error *err);

/* ---- schema (schema.c) ---- */

/* The SQL of migration `index` (0 = from version 0 to 1), NULL past the
 * last: for tests that build an old file. */
const char *db_migration_sql(int index);

#endif
