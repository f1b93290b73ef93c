/* appt_read_ahead.c - reading, while the booking form waits for its Enter,
 * the pages the booking will read and change (storage.h).
 *
 * On a share every page SQLite has not read yet is a round trip. A booking
 * reads its checks' rows, then changes the last page of the appointment
 * table and a page of each of its indexes at the new entry's place, and
 * the same for the audit row. Read beforehand, they are in the page cache
 * when Enter comes, and the booking pays only for its lock, its journal
 * and its writes. The cache stays valid as long as no other desk commits:
 * if one does, SQLite drops it at the next lock and reads again, so this
 * is never wrong, at worst wasted. Nothing here writes. */
#include "unit.h"

#include <string.h>

/* Each query ends where the booking's INSERT will change a page: the new
 * row goes after the last one (a larger id), and each index entry after
 * those with the same values (the id breaks ties), so before the first
 * entry that starts later. INDEXED BY: several indexes share their first
 * columns, and each one's page is wanted. */
static const char *const READ_AHEAD_SQL[] = {
    "SELECT max(id) FROM appointment",
    "SELECT 1 FROM appointment INDEXED BY appointment_site_start"
    " WHERE site_id = ?1 AND starts_at > ?2 LIMIT 1",
    "SELECT 1 FROM appointment INDEXED BY appointment_report"
    " WHERE site_id = ?1 AND starts_at > ?2 LIMIT 1",
    "SELECT 1 FROM appointment INDEXED BY appointment_agent_start"
    " WHERE agent_id = ?3 AND starts_at > ?2 LIMIT 1",
    "SELECT 1 FROM appointment INDEXED BY appointment_beneficiary_start"
    " WHERE beneficiary_id = ?4 AND starts_at > ?2 LIMIT 1",
    "SELECT 1 FROM appointment INDEXED BY appointment_unknown_start"
    " WHERE status = 'unknown' AND starts_at > ?2 LIMIT 1",
    /* the audit row of the booking (db_unit_run) */
    "SELECT max(id) FROM audit",
    "SELECT max(entity_id) FROM audit WHERE entity = 'appointment'",
    "SELECT max(at) FROM audit WHERE entity = 'appointment'",
};

/* What a booking reads (the checks, then the INSERT and its audit row),
 * measured on the bench file; a name missing from the file is skipped. */
static const char *const BOOKING_BTREES[] = {
    "sqlite_autoindex_site_1", "site", "agent", "motif", "beneficiary",
    "opening_hours", "opening_hours_agent", "opening_hours_motif", "absence_agent",
    "appointment", "appointment_agent_start", "appointment_beneficiary_start",
    "appointment_site_start", "appointment_report", "appointment_unknown_start",
    "audit", "audit_entity", "audit_entity_at",
};

void db_appt_read_ahead_roots(struct db *db)
{
    db_read_ahead_roots(db, BOOKING_BTREES, sizeof BOOKING_BTREES / sizeof BOOKING_BTREES[0]);
}

int db_appt_read_ahead(struct db *db, const struct db_appt *a)
{
    struct db_error err = {0};
    int started = 0;
    if (!db || !a)
        return DB_ERR_INVALID;
    int rc = db_read_begin(db, &started, &err);
    if (rc != DB_OK)
        return rc;
    unsigned flags = 0;
    /* The checks the form runs first, then add_step's own reads. */
    rc = db_appt_check(db, a, &flags, &err);
    for (size_t i = 0; rc == DB_OK && !(flags & BOOKING_ERRORS) &&
                       i < sizeof READ_AHEAD_SQL / sizeof READ_AHEAD_SQL[0]; i++) {
        sqlite3_stmt *st = db_stmt(db, READ_AHEAD_SQL[i], &err);
        if (!st) {
            rc = err.status; /* cancelled (a key), or an older file */
            break;
        }
        sqlite3_bind_int64(st, 1, a->site_id);
        sqlite3_bind_text(st, 2, a->starts_at, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, a->agent_id);
        sqlite3_bind_int64(st, 4, a->person_id);
        int step = sqlite3_step(st);
        if (step != SQLITE_ROW && step != SQLITE_DONE)
            rc = db_sqlite_error(db, step, &err, NULL);
        db_stmt_done(db, st);
    }
    db_read_end(db, started);
    return rc;
}
