/* loans_schema.c - the schema of room loans (one migration, listed in
 * schema.c): collèges' school details, rooms, associations, school
 * holidays, loan requests, series, occurrences and exceptions.
 *
 * What no client may break, whatever program writes:
 *   - no two approved occurrences of one room overlap (triggers on insert
 *     and update; an occurrence lasts at most one day, so the search is an
 *     index range on loan_occurrence(room_id, starts_at));
 *   - nothing is ever deleted: refused and cancelled stay as states, and a
 *     DELETE on any of these tables is refused by a trigger;
 *   - states, dates and text lengths are well formed. */
#include "db_internal.h"

#define BYTES(col) "length(CAST(" col " AS BLOB))"
#define IS_DATETIME(col) \
    col " IS strftime('%Y-%m-%d %H:%M', " col ", '+0 minutes')"
#define IS_DATE(col) col " IS date(" col ", '+0 days')"
#define NO_DELETE(table)                                                      \
    "CREATE TRIGGER " table "_no_delete BEFORE DELETE ON " table              \
    " BEGIN SELECT RAISE(ABORT, 'guichet:no-delete'); END;\n"
#define LOAN_OVERLAP_BODY(extra)                                              \
    " BEGIN SELECT RAISE(ABORT, 'guichet:overlap') WHERE EXISTS ("            \
    "  SELECT 1 FROM loan_occurrence o WHERE o.room_id = NEW.room_id"         \
    "   AND o.starts_at > strftime('%Y-%m-%d %H:%M', NEW.starts_at, '-1 day')" \
    "   AND o.starts_at < NEW.ends_at AND o.ends_at > NEW.starts_at"          \
    "   AND o.state = 'approved'" extra "); END;\n"

const char db_migration_loans[] =
    /* A collège's school details: UAI (the national establishment code,
     * e.g. 0691234A), académie and the school-holiday zone it gives. */
    "CREATE TABLE college ("
    " site_id INTEGER PRIMARY KEY REFERENCES site(id),"
    " uai TEXT NOT NULL DEFAULT '' CHECK (uai = '' OR (length(uai) = 8 AND uai GLOB"
    "  '[0-9][0-9][0-9A-Z][0-9][0-9][0-9][0-9][A-Z]')),"
    " academie TEXT NOT NULL DEFAULT '' CHECK (" BYTES("academie") " <= 63),"
    " school_zone TEXT NOT NULL DEFAULT '' CHECK (" BYTES("school_zone") " <= 63),"
    " version INTEGER NOT NULL DEFAULT 1);\n"
    "CREATE UNIQUE INDEX college_uai ON college(uai) WHERE uai <> '';\n"

    /* Hours when rooms may be lent (none for a weekday: any time). */
    "CREATE TABLE college_hours ("
    " site_id INTEGER NOT NULL REFERENCES site(id),"
    " weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),"
    " start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),"
    " end_minute INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),"
    " PRIMARY KEY (site_id, weekday, start_minute));\n"

    "CREATE TABLE site_closure ("
    " id INTEGER PRIMARY KEY,"
    " site_id INTEGER NOT NULL REFERENCES site(id),"
    " first_day TEXT NOT NULL CHECK (" IS_DATE("first_day") "),"
    " last_day TEXT NOT NULL CHECK (" IS_DATE("last_day") " AND last_day >= first_day),"
    " reason TEXT NOT NULL DEFAULT '' CHECK (" BYTES("reason") " <= 95));\n"
    "CREATE INDEX site_closure_site ON site_closure(site_id, first_day);\n"

    "CREATE TABLE room ("
    " id INTEGER PRIMARY KEY,"
    " site_id INTEGER NOT NULL REFERENCES site(id),"
    " name TEXT NOT NULL CHECK (" BYTES("name") " BETWEEN 1 AND 127),"
    " kind TEXT NOT NULL DEFAULT '' CHECK (" BYTES("kind") " <= 63),"
    " capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 100000),"
    " accessibility TEXT NOT NULL DEFAULT '' CHECK (" BYTES("accessibility") " <= 255),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " UNIQUE (site_id, name));\n"

    "CREATE TABLE room_equipment ("
    " room_id INTEGER NOT NULL REFERENCES room(id),"
    " name TEXT NOT NULL CHECK (" BYTES("name") " BETWEEN 1 AND 63),"
    " quantity INTEGER NOT NULL CHECK (quantity BETWEEN 0 AND 100000),"
    " PRIMARY KEY (room_id, name)) WITHOUT ROWID;\n"

    "CREATE TABLE room_blackout ("
    " id INTEGER PRIMARY KEY,"
    " room_id INTEGER NOT NULL REFERENCES room(id),"
    " first_day TEXT NOT NULL CHECK (" IS_DATE("first_day") "),"
    " last_day TEXT NOT NULL CHECK (" IS_DATE("last_day") " AND last_day >= first_day),"
    " reason TEXT NOT NULL DEFAULT '' CHECK (" BYTES("reason") " <= 95));\n"
    "CREATE INDEX room_blackout_room ON room_blackout(room_id, first_day);\n"

    /* RNA: W + 9 digits; SIRET: 14 digits. */
    "CREATE TABLE association ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE CHECK (" BYTES("name") " BETWEEN 1 AND 127),"
    " rna TEXT NOT NULL DEFAULT '' CHECK (rna = '' OR (length(rna) = 10 AND rna GLOB"
    "  'W[0-9A-Z][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')),"
    " siret TEXT NOT NULL DEFAULT '' CHECK (siret = '' OR (length(siret) = 14 AND"
    "  siret NOT GLOB '*[^0-9]*')),"
    " contact TEXT NOT NULL DEFAULT '' CHECK (" BYTES("contact") " <= 127),"
    " phone TEXT NOT NULL DEFAULT '' CHECK (" BYTES("phone") " <= 63),"
    " email TEXT NOT NULL DEFAULT '' CHECK (" BYTES("email") " <= 127),"
    " insurance_until TEXT CHECK (insurance_until IS NULL OR " IS_DATE("insurance_until") "),"
    " version INTEGER NOT NULL DEFAULT 1);\n"

    /* The national export, one row per académie (or zone) and holiday. */
    "CREATE TABLE school_holiday ("
    " id INTEGER PRIMARY KEY,"
    " school_year TEXT NOT NULL CHECK (length(school_year) = 9),"
    " zone TEXT NOT NULL DEFAULT '' CHECK (" BYTES("zone") " <= 95),"
    " academie TEXT NOT NULL DEFAULT '' CHECK (" BYTES("academie") " <= 95),"
    " description TEXT NOT NULL CHECK (" BYTES("description") " BETWEEN 1 AND 95),"
    " population TEXT NOT NULL DEFAULT '-' CHECK (" BYTES("population") " <= 95),"
    " pupils INTEGER NOT NULL CHECK (pupils IN (0, 1)),"
    " first_day TEXT NOT NULL CHECK (" IS_DATE("first_day") "),"
    " resume_day TEXT CHECK (resume_day IS NULL OR (" IS_DATE("resume_day")
    "  AND resume_day > first_day)),"
    " UNIQUE (school_year, zone, academie, description, population, first_day));\n"
    "CREATE INDEX school_holiday_day ON school_holiday(first_day);\n"

    "CREATE TABLE loan_request ("
    " id INTEGER PRIMARY KEY,"
    " room_id INTEGER NOT NULL REFERENCES room(id),"
    " association_id INTEGER NOT NULL REFERENCES association(id),"
    " purpose TEXT NOT NULL DEFAULT '' CHECK (" BYTES("purpose") " <= 255),"
    " attendance INTEGER NOT NULL DEFAULT 0 CHECK (attendance >= 0),"
    " created_at TEXT NOT NULL CHECK (" IS_DATETIME("created_at") "),"
    " created_by TEXT NOT NULL DEFAULT '' CHECK (" BYTES("created_by") " <= 63),"
    " version INTEGER NOT NULL DEFAULT 1);\n"
    "CREATE INDEX loan_request_association ON loan_request(association_id);\n"

    /* A request's pattern; "this and following" edits end one series and
     * start another under the same request. uid and sequence are the
     * iCalendar UID and SEQUENCE of the series. */
    "CREATE TABLE loan_series ("
    " id INTEGER PRIMARY KEY,"
    " request_id INTEGER NOT NULL REFERENCES loan_request(id),"
    " weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),"
    " every_weeks INTEGER NOT NULL CHECK (every_weeks BETWEEN 1 AND 52),"
    " start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),"
    " end_minute INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),"
    " first_day TEXT NOT NULL CHECK (" IS_DATE("first_day") "),"
    " last_day TEXT NOT NULL CHECK (" IS_DATE("last_day") " AND last_day >= first_day),"
    " uid TEXT NOT NULL UNIQUE CHECK (" BYTES("uid") " BETWEEN 1 AND 127),"
    " sequence INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL DEFAULT 1);\n"
    "CREATE INDEX loan_series_request ON loan_series(request_id);\n"

    /* Dates the pattern gives that do not happen as planned: skipped for a
     * closure (reason = the closure), skipped by hand, cancelled, moved.
     * Keyed by the pattern's date, so that later edits keep them. */
    "CREATE TABLE loan_exception ("
    " id INTEGER PRIMARY KEY,"
    " series_id INTEGER NOT NULL REFERENCES loan_series(id),"
    " original_day TEXT NOT NULL CHECK (" IS_DATE("original_day") "),"
    " kind TEXT NOT NULL CHECK (kind IN ('closure', 'skipped', 'cancelled', 'moved')),"
    " moved_day TEXT CHECK (moved_day IS NULL OR " IS_DATE("moved_day") "),"
    " moved_start INTEGER, moved_end INTEGER,"
    " reason TEXT NOT NULL DEFAULT '' CHECK (" BYTES("reason") " <= 255),"
    " created_at TEXT NOT NULL CHECK (" IS_DATETIME("created_at") "),"
    " UNIQUE (series_id, original_day),"
    " CHECK (kind <> 'moved' OR (moved_day IS NOT NULL AND moved_start IS NOT NULL"
    "  AND moved_end > moved_start)));\n"

    "CREATE TABLE loan_occurrence ("
    " id INTEGER PRIMARY KEY,"
    " series_id INTEGER NOT NULL REFERENCES loan_series(id),"
    " room_id INTEGER NOT NULL REFERENCES room(id),"
    " original_day TEXT NOT NULL CHECK (" IS_DATE("original_day") "),"
    " starts_at TEXT NOT NULL CHECK (" IS_DATETIME("starts_at") "),"
    " ends_at TEXT NOT NULL CHECK (" IS_DATETIME("ends_at") "),"
    " state TEXT NOT NULL DEFAULT 'requested'"
    "  CHECK (state IN ('requested', 'approved', 'refused', 'cancelled')),"
    " reason TEXT NOT NULL DEFAULT '' CHECK (" BYTES("reason") " <= 255),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " UNIQUE (series_id, original_day),"
    " CHECK (ends_at > starts_at),"
    " CHECK (ends_at <= strftime('%Y-%m-%d %H:%M', starts_at, '+1 day')));\n"
    "CREATE INDEX loan_occurrence_room_start ON loan_occurrence(room_id, starts_at);\n"
    "CREATE INDEX loan_occurrence_pending ON loan_occurrence(series_id)"
    " WHERE state = 'requested';\n"

    "CREATE TRIGGER loan_overlap_insert BEFORE INSERT ON loan_occurrence"
    " WHEN NEW.state = 'approved'"
    LOAN_OVERLAP_BODY("")
    "CREATE TRIGGER loan_overlap_update"
    " BEFORE UPDATE OF room_id, starts_at, ends_at, state ON loan_occurrence"
    " WHEN NEW.state = 'approved'"
    LOAN_OVERLAP_BODY(" AND o.id <> NEW.id")

    NO_DELETE("college") NO_DELETE("room") NO_DELETE("association")
    NO_DELETE("loan_request") NO_DELETE("loan_series") NO_DELETE("loan_exception")
    NO_DELETE("loan_occurrence");
