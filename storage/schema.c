/* schema.c - the database schema as numbered migrations.
 *
 * migrations[i] brings the schema from version i to i+1; PRAGMA user_version
 * records where a file stands. Each migration runs in its own BEGIN
 * IMMEDIATE transaction and re-reads user_version inside it, so two desks
 * opening a fresh file at once apply it once. To change the schema, append a
 * script (never edit a published one) and raise DB_SCHEMA_VERSION.
 *
 * The schema enforces what no client may break, whatever program writes:
 * text lengths in bytes (they must fit the fixed fields of storage.h),
 * well-formed civil times, status names, and - by trigger - that an agent's
 * non-cancelled appointments do not overlap unless marked overbooked. */
#include <stdio.h>

#include "rows.h"
#include "../common/clock.h"
#include "../common/i18n.h"
#include "../model/search.h"

/* Byte length of a text column (length() counts characters). */
#define BYTES(col) "length(CAST(" col " AS BLOB))"
/* A canonical "YYYY-MM-DD HH:MM" / "YYYY-MM-DD". With a modifier, SQLite
 * normalises the date (02-30 becomes 03-02; without one it echoes it), and
 * garbage gives NULL: neither compares equal. */
#define IS_DATETIME(col) \
    col " IS strftime('%Y-%m-%d %H:%M', " col ", '+0 minutes')"
#define IS_DATE(col) col " IS date(" col ", '+0 days')"
#define CANCELLED "('excused', 'revoked')"

/* The overlap rule, shared by the INSERT and UPDATE triggers. An
 * appointment lasts at most one day (CHECK below), so any overlapping one
 * starts after NEW.starts_at minus one day: an index range scan on
 * appointment(agent_id, starts_at). */
#define OVERLAP_BODY(extra)                                                 \
    " BEGIN SELECT RAISE(ABORT, 'guichet:overlap') WHERE EXISTS ("          \
    "  SELECT 1 FROM appointment o WHERE o.agent_id = NEW.agent_id"         \
    "   AND o.starts_at > strftime('%Y-%m-%d %H:%M', NEW.starts_at, '-1 day')" \
    "   AND o.starts_at < NEW.ends_at AND o.ends_at > NEW.starts_at"        \
    "   AND o.status NOT IN " CANCELLED extra "); END;\n"

static const char MIGRATION_1[] =
    "PRAGMA application_id = 1195591764;\n" /* DB_APPLICATION_ID, "GCHT" */

    "CREATE TABLE site ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE CHECK (" BYTES("name") " BETWEEN 1 AND 127),"
    " kind TEXT NOT NULL DEFAULT 'social' CHECK (kind IN ('social', 'college')),"
    " address TEXT NOT NULL DEFAULT '' CHECK (" BYTES("address") " <= 127),"
    " timezone TEXT NOT NULL DEFAULT 'Europe/Paris'"
    "  CHECK (" BYTES("timezone") " BETWEEN 1 AND 63));\n"

    "CREATE TABLE service ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE CHECK (" BYTES("name") " BETWEEN 1 AND 127));\n"

    "CREATE TABLE agent ("
    " id INTEGER PRIMARY KEY,"
    " last_name TEXT NOT NULL CHECK (" BYTES("last_name") " BETWEEN 1 AND 127),"
    " first_name TEXT NOT NULL DEFAULT '' CHECK (" BYTES("first_name") " <= 127),"
    " login TEXT NOT NULL DEFAULT '' CHECK (" BYTES("login") " <= 63),"
    " service_id INTEGER REFERENCES service(id));\n"
    /* Professionals without a login have ''; a login is unique. */
    "CREATE UNIQUE INDEX agent_login ON agent(login) WHERE login <> '';\n"

    "CREATE TABLE agent_site ("
    " agent_id INTEGER NOT NULL REFERENCES agent(id),"
    " site_id INTEGER NOT NULL REFERENCES site(id),"
    " PRIMARY KEY (agent_id, site_id)) WITHOUT ROWID;\n"
    "CREATE INDEX agent_site_site ON agent_site(site_id);\n"

    /* motif: the users' word for a reason to come. */
    "CREATE TABLE motif ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL CHECK (" BYTES("name") " BETWEEN 1 AND 127),"
    " service_id INTEGER NOT NULL REFERENCES service(id),"
    " duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),"
    " colour TEXT NOT NULL DEFAULT '#808080' CHECK (length(colour) = 7"
    "  AND colour GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'),"
    " location TEXT NOT NULL DEFAULT 'site'"
    "  CHECK (location IN ('site', 'phone', 'home', 'video')),"
    " UNIQUE (service_id, name));\n"

    "CREATE TABLE opening_hours ("
    " id INTEGER PRIMARY KEY,"
    " agent_id INTEGER NOT NULL REFERENCES agent(id),"
    " site_id INTEGER NOT NULL REFERENCES site(id),"
    " weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7)," /* 1 = Monday */
    " start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),"
    " end_minute INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),"
    " every_weeks INTEGER NOT NULL DEFAULT 1 CHECK (every_weeks BETWEEN 1 AND 52),"
    " valid_from TEXT NOT NULL CHECK (" IS_DATE("valid_from") "),"
    " valid_until TEXT CHECK (valid_until IS NULL OR (" IS_DATE("valid_until")
    "  AND valid_until >= valid_from)));\n"
    "CREATE INDEX opening_hours_site ON opening_hours(site_id, weekday);\n"

    "CREATE TABLE beneficiary ("
    " id INTEGER PRIMARY KEY,"
    " last_name TEXT NOT NULL CHECK (" BYTES("last_name") " BETWEEN 1 AND 127),"
    " first_name TEXT NOT NULL DEFAULT '' CHECK (" BYTES("first_name") " <= 127),"
    " birth_name TEXT NOT NULL DEFAULT '' CHECK (" BYTES("birth_name") " <= 127),"
    " birth_date TEXT CHECK (birth_date IS NULL OR " IS_DATE("birth_date") "),"
    " phone TEXT NOT NULL DEFAULT '' CHECK (" BYTES("phone") " <= 63),"
    " email TEXT NOT NULL DEFAULT '' CHECK (" BYTES("email") " <= 127),"
    " address TEXT NOT NULL DEFAULT '' CHECK (" BYTES("address") " <= 127),"
    " notes TEXT NOT NULL DEFAULT '' CHECK (" BYTES("notes") " <= 1023),"
    " notify_sms INTEGER NOT NULL DEFAULT 0 CHECK (notify_sms IN (0, 1)),"
    " notify_email INTEGER NOT NULL DEFAULT 0 CHECK (notify_email IN (0, 1)),"
    " responsible_id INTEGER REFERENCES beneficiary(id),"
    /* lower case, accents removed (model/search.h): prefix search */
    " search_key TEXT NOT NULL DEFAULT '' CHECK (" BYTES("search_key") " <= 1023),"
    " created_at TEXT NOT NULL CHECK (" IS_DATETIME("created_at") "),"
    " version INTEGER NOT NULL DEFAULT 1);\n"
    "CREATE INDEX beneficiary_search ON beneficiary(search_key);\n"

    "CREATE TABLE appointment ("
    " id INTEGER PRIMARY KEY,"
    " site_id INTEGER NOT NULL REFERENCES site(id),"
    " agent_id INTEGER NOT NULL REFERENCES agent(id),"
    " motif_id INTEGER NOT NULL REFERENCES motif(id),"
    " beneficiary_id INTEGER REFERENCES beneficiary(id),"
    " starts_at TEXT NOT NULL CHECK (" IS_DATETIME("starts_at") "),"
    " ends_at TEXT NOT NULL CHECK (" IS_DATETIME("ends_at") "),"
    " status TEXT NOT NULL DEFAULT 'unknown'"
    "  CHECK (status IN ('unknown', 'seen', 'excused', 'revoked', 'noshow')),"
    " overbooked INTEGER NOT NULL DEFAULT 0 CHECK (overbooked IN (0, 1)),"
    " context TEXT NOT NULL DEFAULT '' CHECK (" BYTES("context") " <= 1023),"
    " arrived_at TEXT CHECK (arrived_at IS NULL OR " IS_DATETIME("arrived_at") "),"
    " created_at TEXT NOT NULL CHECK (" IS_DATETIME("created_at") "),"
    " created_by TEXT NOT NULL DEFAULT '' CHECK (" BYTES("created_by") " <= 63),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " CHECK (ends_at > starts_at),"
    " CHECK (ends_at <= strftime('%Y-%m-%d %H:%M', starts_at, '+1 day')));\n"
    "CREATE INDEX appointment_site_start ON appointment(site_id, starts_at);\n"
    "CREATE INDEX appointment_agent_start ON appointment(agent_id, starts_at);\n"
    "CREATE INDEX appointment_beneficiary_start"
    " ON appointment(beneficiary_id, starts_at);\n"

    "CREATE TRIGGER appointment_overlap_insert BEFORE INSERT ON appointment"
    " WHEN NEW.overbooked = 0 AND NEW.status NOT IN " CANCELLED
    OVERLAP_BODY("")
    "CREATE TRIGGER appointment_overlap_update"
    " BEFORE UPDATE OF agent_id, starts_at, ends_at, status, overbooked"
    " ON appointment"
    " WHEN NEW.overbooked = 0 AND NEW.status NOT IN " CANCELLED
    OVERLAP_BODY(" AND o.id <> NEW.id")

    "CREATE TABLE audit ("
    " id INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL," /* civil "YYYY-MM-DD HH:MM:SS"; from migration 11 an
                          * instant, "YYYY-MM-DDTHH:MM:SS+00:00" */
    " actor TEXT NOT NULL DEFAULT '' CHECK (" BYTES("actor") " <= 63),"
    " entity TEXT NOT NULL CHECK (" BYTES("entity") " BETWEEN 1 AND 31),"
    " entity_id INTEGER NOT NULL,"
    " action TEXT NOT NULL CHECK (" BYTES("action") " BETWEEN 1 AND 31),"
    " detail TEXT NOT NULL DEFAULT '' CHECK (" BYTES("detail") " <= 1023));\n"
    "CREATE INDEX audit_entity ON audit(entity, entity_id);\n";

/* Migration 2 (the front desk's daily work):
 *   - a version on every structure row, so that edits detect lost updates;
 *   - opening_hours_motif: an opening range restricted to some motifs
 *     (none listed = every motif);
 *   - absence: one-off [starts_at, ends_at) or weekly (the shape of an
 *     opening rule), mirroring model/absence.h;
 *   - beneficiary.phone_digits (model search_phone_digits, computed in C;
 *     a trigger fills an approximation for writers that leave it NULL) and
 *     an index on birth_date;
 *   - person_word: one row per word of the folded search key, kept by
 *     triggers for every writer, so that a word-prefix search is an index
 *     range ("hel" finds the first names too, not only the last name);
 *   - appointment.cancel_reason and seen_at (waiting time = seen_at -
 *     arrived_at), and a partial index for the "to fill in" list. */
#define ADD_VERSION(table) \
    "ALTER TABLE " table " ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
/* The words of a folded key (one space between words, no control
 * characters) as a JSON array; '[]' if it cannot be one. */
#define JSON_WORDS(key)                                                     \
    "('[\"' || replace(replace(replace(" key ", '\\', '\\\\'),"             \
    " '\"', '\\\"'), ' ', '\",\"') || '\"]')"
#define KEY_WORDS(key)                                                      \
    "json_each(CASE WHEN json_valid(" JSON_WORDS(key) ") THEN "             \
    JSON_WORDS(key) " ELSE '[]' END)"
#define WORDS_OF(id, key)                                                   \
    "INSERT OR IGNORE INTO person_word (word, person_id)"                   \
    " SELECT value, " id " FROM " KEY_WORDS(key) " WHERE value <> ''"
/* Phone digits in SQL, for writers that do not compute them: separators
 * removed, +33 / 0033 read as a French number (as search_phone_digits). */
#define STRIP_PHONE(col)                                                    \
    "replace(replace(replace(replace(replace(replace(replace(" col          \
    ", ' ', ''), '.', ''), '-', ''), '(', ''), ')', ''), '/', ''),"         \
    " char(160), '')"
#define PHONE_DIGITS_SQL(col)                                               \
    "(SELECT CASE"                                                          \
    " WHEN d = '' THEN ''"                                                  \
    " WHEN d GLOB '+33*' THEN '0' || ltrim(substr(d, 4), '0')"              \
    " WHEN d GLOB '0033*' THEN '0' || ltrim(substr(d, 5), '0')"             \
    " WHEN d GLOB '+*' THEN '00' || substr(d, 2)"                           \
    " ELSE d END FROM (SELECT " STRIP_PHONE(col) " AS d))"

static const char MIGRATION_2[] =
    ADD_VERSION("site") ADD_VERSION("service") ADD_VERSION("agent")
    ADD_VERSION("motif") ADD_VERSION("opening_hours")
    "CREATE INDEX opening_hours_agent ON opening_hours(agent_id);\n"

    "CREATE TABLE opening_hours_motif ("
    " opening_id INTEGER NOT NULL REFERENCES opening_hours(id) ON DELETE CASCADE,"
    " motif_id INTEGER NOT NULL REFERENCES motif(id),"
    " PRIMARY KEY (opening_id, motif_id)) WITHOUT ROWID;\n"
    "CREATE INDEX opening_hours_motif_motif ON opening_hours_motif(motif_id);\n"

    "CREATE TABLE absence ("
    " id INTEGER PRIMARY KEY,"
    " agent_id INTEGER NOT NULL REFERENCES agent(id),"
    " kind TEXT NOT NULL CHECK (kind IN ('one-off', 'weekly')),"
    /* one-off: [starts_at, ends_at) */
    " starts_at TEXT CHECK (starts_at IS NULL OR " IS_DATETIME("starts_at") "),"
    " ends_at TEXT CHECK (ends_at IS NULL OR " IS_DATETIME("ends_at") "),"
    /* weekly: as opening_hours */
    " weekday INTEGER CHECK (weekday IS NULL OR weekday BETWEEN 1 AND 7),"
    " start_minute INTEGER CHECK (start_minute IS NULL OR start_minute BETWEEN 0 AND 1439),"
    " end_minute INTEGER CHECK (end_minute IS NULL OR"
    "  (end_minute > start_minute AND end_minute <= 1440)),"
    " every_weeks INTEGER CHECK (every_weeks IS NULL OR every_weeks BETWEEN 1 AND 52),"
    " valid_from TEXT CHECK (valid_from IS NULL OR " IS_DATE("valid_from") "),"
    " valid_until TEXT CHECK (valid_until IS NULL OR (" IS_DATE("valid_until")
    "  AND valid_until >= valid_from)),"
    " reason TEXT NOT NULL DEFAULT '' CHECK (" BYTES("reason") " <= 127),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " CHECK ((kind = 'one-off' AND starts_at IS NOT NULL AND ends_at > starts_at"
    "   AND weekday IS NULL)"
    "  OR (kind = 'weekly' AND starts_at IS NULL AND ends_at IS NULL"
    "   AND weekday IS NOT NULL AND start_minute IS NOT NULL"
    "   AND end_minute IS NOT NULL AND every_weeks IS NOT NULL"
    "   AND valid_from IS NOT NULL)));\n"
    "CREATE INDEX absence_agent ON absence(agent_id, starts_at);\n"

    "ALTER TABLE beneficiary ADD COLUMN phone_digits TEXT"
    " CHECK (phone_digits IS NULL OR " BYTES("phone_digits") " <= 63);\n"
    "CREATE INDEX beneficiary_phone ON beneficiary(phone_digits);\n"
    "CREATE INDEX beneficiary_birth ON beneficiary(birth_date);\n"
    /* duplicates: the same e-mail ignoring case and spaces */
    "CREATE INDEX beneficiary_email ON beneficiary(lower(trim(email)))"
    " WHERE email <> '';\n"
    "CREATE TRIGGER beneficiary_phone_digits AFTER INSERT ON beneficiary"
    " WHEN NEW.phone_digits IS NULL BEGIN"
    " UPDATE beneficiary SET phone_digits = " PHONE_DIGITS_SQL("NEW.phone")
    " WHERE id = NEW.id; END;\n"

    "CREATE TABLE person_word ("
    " word TEXT NOT NULL,"
    " person_id INTEGER NOT NULL REFERENCES beneficiary(id) ON DELETE CASCADE,"
    " PRIMARY KEY (word, person_id)) WITHOUT ROWID;\n"
    "CREATE INDEX person_word_person ON person_word(person_id);\n"
    "CREATE TRIGGER beneficiary_words_insert AFTER INSERT ON beneficiary BEGIN "
    WORDS_OF("NEW.id", "NEW.search_key") "; END;\n"
    "CREATE TRIGGER beneficiary_words_update AFTER UPDATE OF search_key"
    " ON beneficiary BEGIN DELETE FROM person_word WHERE person_id = OLD.id; "
    WORDS_OF("NEW.id", "NEW.search_key") "; END;\n"
    "INSERT OR IGNORE INTO person_word (word, person_id)"
    " SELECT j.value, b.id FROM beneficiary b, " KEY_WORDS("b.search_key")
    " j WHERE j.value <> '';\n"

    "ALTER TABLE appointment ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT ''"
    " CHECK (" BYTES("cancel_reason") " <= 1023);\n"
    "ALTER TABLE appointment ADD COLUMN seen_at TEXT"
    " CHECK (seen_at IS NULL OR " IS_DATETIME("seen_at") ");\n"
    "CREATE INDEX appointment_unknown_start ON appointment(starts_at)"
    " WHERE status = 'unknown';\n";

/* Migration 3: the public holidays of each site, so that every desk and
 * tool closes the same days: 'national', or 'alsace-moselle' for the
 * Bas-Rhin, Haut-Rhin and Moselle (Good Friday and 26 December too;
 * model/holidays.h HOLIDAYS_ALSACE_MOSELLE). Existing sites are national. */
static const char MIGRATION_3[] =
    "ALTER TABLE site ADD COLUMN holidays TEXT NOT NULL DEFAULT 'national'"
    " CHECK (holidays IN ('national', 'alsace-moselle'));\n";

/* Migration 4: indexes for the supervisors' summaries (storage/report.c),
 * so that a day or a year of GROUP BY reads only index pages:
 *   - appointment_report covers the counts by site, agent, motif and
 *     status, the next day's agenda and the weekly no-show rates;
 *   - appointment_arrived (partial: arrived appointments only) covers the
 *     waiting times;
 *   - audit_entity_at: the changes made during a period. */
static const char MIGRATION_4[] =
    "CREATE INDEX appointment_report ON appointment"
    "(site_id, starts_at, status, agent_id, motif_id, ends_at);\n"
    "CREATE INDEX appointment_arrived ON appointment"
    "(site_id, starts_at, arrived_at, seen_at) WHERE arrived_at IS NOT NULL;\n"
    "CREATE INDEX audit_entity_at ON audit(entity, at);\n";
/* Migration 5: personal data (storage/privacy.h).
 *   - setting: per-file settings every desk shares (name -> value), with
 *     the retention periods in months (24 after a person's last
 *     appointment, 12 for refused or cancelled room-loan requests);
 *   - beneficiary.anonymised_at: when the person was erased or purged
 *     (their row stays, so that appointments keep counting), and an index
 *     on the responsible person for the purge. */
#define RETENTION_SETTING(name) \
    "(name <> '" name "' OR (value GLOB '[0-9]*' AND value NOT GLOB '*[^0-9]*'" \
    " AND CAST(value AS INTEGER) BETWEEN 1 AND 600))"
static const char MIGRATION_5[] =
    "CREATE TABLE setting ("
    " name TEXT PRIMARY KEY CHECK (" BYTES("name") " BETWEEN 1 AND 63),"
    " value TEXT NOT NULL CHECK (" BYTES("value") " <= 255),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " CHECK " RETENTION_SETTING("retention_months") ","
    " CHECK " RETENTION_SETTING("loan_retention_months") ");\n"
    "INSERT INTO setting (name, value) VALUES ('retention_months', '24'),"
    " ('loan_retention_months', '12');\n"
    "ALTER TABLE beneficiary ADD COLUMN anonymised_at TEXT"
    " CHECK (anonymised_at IS NULL OR " IS_DATETIME("anonymised_at") ");\n"
    /* a purge keeps the responsible person of someone still kept */
    "CREATE INDEX beneficiary_responsible ON beneficiary(responsible_id)"
    " WHERE responsible_id IS NOT NULL;\n";

/* Migration 6: no-show risk, alerts, reminders and imported history.
 *   - beneficiary.sex ('' unknown, 'F', 'M') and person_ref, the person's
 *     number in the tool a history was imported from (unique when set);
 *   - appointment.booking_known (0: imported without a booking time, so
 *     created_at is not one) and reminder_sent;
 *   - risk_model + risk_coefficient: each fit, with its date and the range
 *     of data it saw; the latest is the one in use;
 *   - appointment_followup: "called", "confirmed" and a note per
 *     appointment, from the alerts panel;
 *   - risk_alert: one row per appointment and moment ("day-before",
 *     "2h-before"...), claimed by whichever desk or notifier shows it
 *     first, so that restarts and other PCs do not repeat it;
 *   - reminder + reminder_receipt: one planned message per appointment and
 *     channel, and one receipt per attempt. */
static const char MIGRATION_6[] =
    "ALTER TABLE beneficiary ADD COLUMN sex TEXT NOT NULL DEFAULT ''"
    " CHECK (sex IN ('', 'F', 'M'));\n"
    "ALTER TABLE beneficiary ADD COLUMN person_ref TEXT"
    " CHECK (person_ref IS NULL OR " BYTES("person_ref") " BETWEEN 1 AND 63);\n"
    "CREATE UNIQUE INDEX beneficiary_person_ref ON beneficiary(person_ref)"
    " WHERE person_ref IS NOT NULL;\n"
    "ALTER TABLE appointment ADD COLUMN booking_known INTEGER NOT NULL DEFAULT 1"
    " CHECK (booking_known IN (0, 1));\n"
    "ALTER TABLE appointment ADD COLUMN reminder_sent INTEGER NOT NULL DEFAULT 0"
    " CHECK (reminder_sent IN (0, 1));\n"

    "CREATE TABLE risk_model ("
    " id INTEGER PRIMARY KEY,"
    " fitted_at TEXT NOT NULL CHECK (" IS_DATETIME("fitted_at") "),"
    " data_from TEXT CHECK (data_from IS NULL OR " IS_DATETIME("data_from") "),"
    " data_until TEXT CHECK (data_until IS NULL OR " IS_DATETIME("data_until") "),"
    " n_train INTEGER NOT NULL CHECK (n_train >= 0),"
    " n_noshow INTEGER NOT NULL CHECK (n_noshow >= 0),"
    " is_default INTEGER NOT NULL CHECK (is_default IN (0, 1)),"
    " extended INTEGER NOT NULL CHECK (extended IN (0, 1)),"
    " intercept REAL NOT NULL);\n"
    "CREATE TABLE risk_coefficient ("
    " model_id INTEGER NOT NULL REFERENCES risk_model(id) ON DELETE CASCADE,"
    " feature TEXT NOT NULL CHECK (" BYTES("feature") " BETWEEN 1 AND 31),"
    " beta REAL NOT NULL,"
    " ref REAL NOT NULL,"
    " PRIMARY KEY (model_id, feature)) WITHOUT ROWID;\n"

    "CREATE TABLE appointment_followup ("
    " appointment_id INTEGER PRIMARY KEY REFERENCES appointment(id),"
    " called_at TEXT CHECK (called_at IS NULL OR " IS_DATETIME("called_at") "),"
    " confirmed_at TEXT CHECK (confirmed_at IS NULL OR " IS_DATETIME("confirmed_at") "),"
    " note TEXT NOT NULL DEFAULT '' CHECK (" BYTES("note") " <= 1023),"
    " updated_by TEXT NOT NULL DEFAULT '' CHECK (" BYTES("updated_by") " <= 63));\n"

    "CREATE TABLE risk_alert ("
    " appointment_id INTEGER NOT NULL REFERENCES appointment(id),"
    " moment TEXT NOT NULL CHECK (" BYTES("moment") " BETWEEN 1 AND 31),"
    " channel TEXT NOT NULL CHECK (channel IN ('desktop', 'console')),"
    " shown_at TEXT NOT NULL CHECK (" IS_DATETIME("shown_at") "),"
    " shown_by TEXT NOT NULL DEFAULT '' CHECK (" BYTES("shown_by") " <= 63),"
    " risk REAL NOT NULL,"
    " acknowledged_at TEXT CHECK (acknowledged_at IS NULL OR "
    IS_DATETIME("acknowledged_at") "),"
    " PRIMARY KEY (appointment_id, moment)) WITHOUT ROWID;\n"

    "CREATE TABLE reminder ("
    " id INTEGER PRIMARY KEY,"
    " appointment_id INTEGER NOT NULL REFERENCES appointment(id),"
    " channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),"
    " address TEXT NOT NULL CHECK (" BYTES("address") " BETWEEN 1 AND 127),"
    " planned_at TEXT NOT NULL CHECK (" IS_DATETIME("planned_at") "),"
    /* sending: claimed by a `remind --send`; never retried if it died */
    " state TEXT NOT NULL DEFAULT 'planned'"
    "  CHECK (state IN ('planned', 'sending', 'sent', 'failed')),"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE (appointment_id, channel));\n"
    "CREATE INDEX reminder_state ON reminder(state, planned_at);\n"
    "CREATE TABLE reminder_receipt ("
    " id INTEGER PRIMARY KEY,"
    " reminder_id INTEGER NOT NULL REFERENCES reminder(id),"
    " at TEXT NOT NULL," /* "YYYY-MM-DD HH:MM:SS", civil */
    " result TEXT NOT NULL CHECK (result IN ('sent', 'failed')),"
    " detail TEXT NOT NULL DEFAULT '' CHECK (" BYTES("detail") " <= 1023));\n"
    "CREATE INDEX reminder_receipt_reminder ON reminder_receipt(reminder_id);\n";
/* Migration 7: room loans (loans_schema.c). */
extern const char db_migration_loans[];

/* Migration 8: "no answer" beside "called" and "confirmed" in the
 * follow-up of a risky appointment (the alerts panel records it). */
static const char MIGRATION_8[] =
    "ALTER TABLE appointment_followup ADD COLUMN no_answer_at TEXT"
    " CHECK (no_answer_at IS NULL OR " IS_DATETIME("no_answer_at") ");\n";

/* Migration 9: the outcomes (seen, no-show) counted per site, motif and
 * agent, kept by triggers on every write to appointment, so that scoring
 * a day's appointments reads a few hundred rows of counts instead of the
 * whole history (storage/risk_scores.c). Filled from the history. The
 * (person, start) index also holds the status, so that a person's past
 * outcomes are read from the index alone. */
#define TALLY_OUTCOME(row) row ".status IN ('seen', 'noshow')"
#define TALLY_ADD(row) \
    "INSERT INTO risk_tally (site_id, motif_id, agent_id, n, noshows)" \
    " SELECT " row ".site_id, " row ".motif_id, " row ".agent_id, 1, " row ".status = 'noshow'" \
    " WHERE " TALLY_OUTCOME(row) \
    " ON CONFLICT (site_id, motif_id, agent_id) DO UPDATE SET n = n + 1," \
    " noshows = noshows + excluded.noshows; "
#define TALLY_REMOVE(row) \
    "UPDATE risk_tally SET n = n - 1, noshows = noshows - (" row ".status = 'noshow')" \
    " WHERE " TALLY_OUTCOME(row) " AND site_id = " row ".site_id" \
    " AND motif_id = " row ".motif_id AND agent_id = " row ".agent_id; "
static const char MIGRATION_9[] =
    "CREATE TABLE risk_tally ("
    " site_id INTEGER NOT NULL,"
    " motif_id INTEGER NOT NULL,"
    " agent_id INTEGER NOT NULL,"
    " n INTEGER NOT NULL,"
    " noshows INTEGER NOT NULL,"
    " PRIMARY KEY (site_id, motif_id, agent_id)) WITHOUT ROWID;\n"
    "DROP INDEX appointment_beneficiary_start;\n"
    "CREATE INDEX appointment_beneficiary_start"
    " ON appointment(beneficiary_id, starts_at, status);\n"
    "INSERT INTO risk_tally (site_id, motif_id, agent_id, n, noshows)"
    " SELECT site_id, motif_id, agent_id, count(*), sum(status = 'noshow')"
    " FROM appointment WHERE status IN ('seen', 'noshow')"
    " GROUP BY site_id, motif_id, agent_id;\n"
    "CREATE TRIGGER risk_tally_insert AFTER INSERT ON appointment"
    " WHEN " TALLY_OUTCOME("NEW") " BEGIN " TALLY_ADD("NEW") "END;\n"
    "CREATE TRIGGER risk_tally_delete AFTER DELETE ON appointment"
    " WHEN " TALLY_OUTCOME("OLD") " BEGIN " TALLY_REMOVE("OLD") "END;\n"
    "CREATE TRIGGER risk_tally_update"
    " AFTER UPDATE OF status, site_id, motif_id, agent_id ON appointment"
    " WHEN (" TALLY_OUTCOME("OLD") " OR " TALLY_OUTCOME("NEW") ")"
    " AND (OLD.status <> NEW.status OR OLD.site_id <> NEW.site_id"
    " OR OLD.motif_id <> NEW.motif_id OR OLD.agent_id <> NEW.agent_id)"
    " BEGIN " TALLY_REMOVE("OLD") TALLY_ADD("NEW") "END;\n";

/* Migration 10: the supervisors' summaries without reading weeks of rows.
 *   - appointment_outcome_day: seen and no-show appointments counted per
 *     site and civil day, kept by triggers on every write to appointment
 *     (any desk, any command), so that the no-show rate of the last 8 weeks
 *     or of a year reads a few rows per site and day instead of every
 *     appointment. Filled from the history. A row may fall back to 0 and 0
 *     (readers skip it);
 *   - beneficiary_channels: whether a person takes SMS and e-mail
 *     reminders, one small entry per person, so that counting the next
 *     day's reminders does not read each person's whole row (SQLite uses
 *     it only for these very expressions: report_risk.c writes them so). */
#define OUTCOME(row) row ".status IN ('seen', 'noshow')"
#define OUTCOME_ADD(row)                                                        \
    "INSERT INTO appointment_outcome_day (site_id, day, seen, noshow)"          \
    " SELECT " row ".site_id, substr(" row ".starts_at, 1, 10),"                \
    " " row ".status = 'seen', " row ".status = 'noshow' WHERE " OUTCOME(row)   \
    " ON CONFLICT (site_id, day) DO UPDATE SET seen = seen + excluded.seen,"    \
    " noshow = noshow + excluded.noshow; "
#define OUTCOME_REMOVE(row)                                                     \
    "UPDATE appointment_outcome_day SET seen = seen - (" row ".status = 'seen'),"\
    " noshow = noshow - (" row ".status = 'noshow') WHERE " OUTCOME(row)        \
    " AND site_id = " row ".site_id AND day = substr(" row ".starts_at, 1, 10); "
static const char MIGRATION_10[] =
    "CREATE TABLE appointment_outcome_day ("
    " site_id INTEGER NOT NULL,"
    " day TEXT NOT NULL," /* YYYY-MM-DD, the civil day of starts_at */
    " seen INTEGER NOT NULL,"
    " noshow INTEGER NOT NULL,"
    " PRIMARY KEY (site_id, day)) WITHOUT ROWID;\n"
    "CREATE TRIGGER appointment_outcome_insert AFTER INSERT ON appointment"
    " WHEN " OUTCOME("NEW") " BEGIN " OUTCOME_ADD("NEW") "END;\n"
    "CREATE TRIGGER appointment_outcome_delete AFTER DELETE ON appointment"
    " WHEN " OUTCOME("OLD") " BEGIN " OUTCOME_REMOVE("OLD") "END;\n"
    "CREATE TRIGGER appointment_outcome_update"
    " AFTER UPDATE OF status, starts_at, site_id ON appointment"
    " WHEN (" OUTCOME("OLD") " OR " OUTCOME("NEW") ")"
    " AND (OLD.status IS NOT NEW.status OR OLD.site_id IS NOT NEW.site_id"
    " OR substr(OLD.starts_at, 1, 10) IS NOT substr(NEW.starts_at, 1, 10))"
    " BEGIN " OUTCOME_REMOVE("OLD") OUTCOME_ADD("NEW") "END;\n"
    "INSERT INTO appointment_outcome_day (site_id, day, seen, noshow)"
    " SELECT site_id, substr(starts_at, 1, 10), sum(status = 'seen'),"
    " sum(status = 'noshow') FROM appointment WHERE status IN ('seen', 'noshow')"
    " GROUP BY 1, 2;\n"
    "CREATE INDEX beneficiary_channels ON beneficiary"
    "(id, notify_sms = 1 AND phone <> '', notify_email = 1 AND email <> '');\n";

/* Migration 11: audit times become instants in UTC with their offset (ISO
 * 8601). The rows already there are converted in C afterwards
 * (audit_times_to_utc). */
static const char MIGRATION_11[] = "";

/* Migration 12: the names a day view shows, kept in the appointment row.
 * On a network share every page read is a round trip, and the people of a
 * day are scattered over as many pages of the beneficiary table as there
 * are appointments (25 of the 33 reads of a day step on the bench file):
 * with the names in the row, a day reads the appointment pages and nothing
 * else. Triggers keep the copies equal to the person's names whoever
 * writes (any desk, command or script): set on insert, followed when the
 * person is renamed (or erased: anonymised), and put back when someone
 * writes them by hand. NULL with a person: a row older than the migration
 * left unfilled (see fill_recent_names); readers look the person up. */
#define PERSON_NAME(col, id) "(SELECT " col " FROM beneficiary WHERE id = " id ")"
#define NAMES_DIFFER(row)                                                        \
    row ".person_last IS NOT " PERSON_NAME("last_name", row ".beneficiary_id")   \
    " OR " row ".person_first IS NOT " PERSON_NAME("first_name", row ".beneficiary_id")
#define NAMES_SET(row)                                                           \
    " BEGIN UPDATE appointment SET person_last = "                               \
    PERSON_NAME("last_name", row ".beneficiary_id") ", person_first = "          \
    PERSON_NAME("first_name", row ".beneficiary_id") " WHERE id = " row ".id; END;\n"
static const char MIGRATION_12[] =
    "ALTER TABLE appointment ADD COLUMN person_last TEXT;\n"
    "ALTER TABLE appointment ADD COLUMN person_first TEXT;\n"
    "CREATE TRIGGER appointment_names_insert AFTER INSERT ON appointment"
    " WHEN " NAMES_DIFFER("NEW") NAMES_SET("NEW")
    "CREATE TRIGGER appointment_names_update"
    " AFTER UPDATE OF beneficiary_id, person_last, person_first ON appointment"
    " WHEN " NAMES_DIFFER("NEW") NAMES_SET("NEW")
    "CREATE TRIGGER beneficiary_names_update"
    " AFTER UPDATE OF last_name, first_name ON beneficiary"
    " WHEN OLD.last_name IS NOT NEW.last_name OR OLD.first_name IS NOT NEW.first_name"
    " BEGIN UPDATE appointment SET person_last = NEW.last_name,"
    " person_first = NEW.first_name WHERE beneficiary_id = NEW.id; END;\n";

static const char *const migrations[] = {
    MIGRATION_1,
    MIGRATION_2,
    MIGRATION_3,
    MIGRATION_4,
    MIGRATION_5,
    MIGRATION_6,
    db_migration_loans,
    MIGRATION_8,
    MIGRATION_9,
    MIGRATION_10,
    MIGRATION_11,
    MIGRATION_12,
};
_Static_assert(sizeof migrations / sizeof migrations[0] == DB_SCHEMA_VERSION,
               "one migration per schema version");

/* ---- steps in C after a migration's SQL ------------------------------- */

static const char SQL_PHONES[] =
    "SELECT id, phone FROM beneficiary WHERE phone <> '' AND id > ?1"
    " ORDER BY id LIMIT 500";
static const char SQL_SET_DIGITS[] =
    "UPDATE beneficiary SET phone_digits = ?2 WHERE id = ?1";

/* Migration 2: the exact phone digits (model/search.h) of existing people,
 * read in batches by id so that no statement walks a table it updates. */
static int fill_phone_digits(struct db *db, struct db_error *err)
{
    struct { int64_t id; char digits[SEARCH_PHONE_LEN]; } batch[500];
    int64_t last = 0;
    for (;;) {
        sqlite3_stmt *st = db_stmt(db, SQL_PHONES, err);
        if (!st)
            return err->status;
        sqlite3_bind_int64(st, 1, last);
        size_t n = 0;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            batch[n].id = sqlite3_column_int64(st, 0);
            const char *phone = (const char *)sqlite3_column_text(st, 1);
            if (search_phone_digits(phone ? phone : "", batch[n].digits,
                                    sizeof batch[n].digits) < 0)
                batch[n].digits[0] = '\0';
            n++;
        }
        int result = rc == SQLITE_DONE ? DB_OK
                                       : db_sqlite_error(db, rc, err, NULL);
        db_stmt_done(db, st);
        if (result != DB_OK)
            return result;
        for (size_t i = 0; i < n; i++) {
            st = db_stmt(db, SQL_SET_DIGITS, err);
            if (!st)
                return err->status;
            sqlite3_bind_int64(st, 1, batch[i].id);
            sqlite3_bind_text(st, 2, batch[i].digits, -1, SQLITE_STATIC);
            result = db_step_done(db, st, err);
            db_stmt_done(db, st);
            if (result != DB_OK)
                return result;
        }
        if (n < sizeof batch / sizeof batch[0])
            return DB_OK;
        last = batch[n - 1].id;
    }
}

/* Migration 11: audit rows were written with the civil time of the desk
 * that wrote them ("YYYY-MM-DD HH:MM:SS"). Each becomes the instant it
 * meant, in UTC: a row about a site's appointment, opening hours, room
 * loan or the site itself is read in that site's zone; any other in the
 * zone every site shares, or (sites in several zones) in this machine's.
 * What SQLite cannot read as a time is left as it is. One UPDATE per zone,
 * the process's local time set to it (SQLite's 'utc' follows it). */
#define AUDIT_ROW_ZONE                                                          \
    "(CASE audit.entity"                                                        \
    " WHEN 'appointment' THEN (SELECT s.timezone FROM appointment a"            \
    "  JOIN site s ON s.id = a.site_id WHERE a.id = audit.entity_id)"           \
    " WHEN 'opening' THEN (SELECT s.timezone FROM opening_hours o"              \
    "  JOIN site s ON s.id = o.site_id WHERE o.id = audit.entity_id)"           \
    " WHEN 'loan_request' THEN (SELECT s.timezone FROM loan_request q"          \
    "  JOIN room r ON r.id = q.room_id JOIN site s ON s.id = r.site_id"         \
    "  WHERE q.id = audit.entity_id)"                                           \
    " WHEN 'site' THEN (SELECT s.timezone FROM site s WHERE s.id = audit.entity_id)" \
    " END)"
static const char SQL_SITE_ZONES[] =
    "SELECT DISTINCT timezone FROM site WHERE timezone <> '' ORDER BY 1";
/* ?1: the zone of this pass (NULL: every row left, in the machine's zone);
 * ?2: the zone of rows about no site (the one zone of every site, or ''). */
static const char SQL_AUDIT_TO_UTC[] =
    "UPDATE audit SET at = strftime('%Y-%m-%dT%H:%M:%S+00:00', at, 'utc')"
    " WHERE at NOT LIKE '____-__-__T%' AND strftime('%s', at) IS NOT NULL"
    " AND (?1 IS NULL OR IFNULL(" AUDIT_ROW_ZONE ", ?2) = ?1)";

struct audit_pass {
    struct db *db;
    const char *zone;       /* NULL: the rows left */
    const char *no_site;    /* zone of rows about no site */
    struct db_error *err;
};

static int audit_pass_run(void *ctx)
{
    struct audit_pass *p = ctx;
    sqlite3_stmt *st = db_stmt(p->db, SQL_AUDIT_TO_UTC, p->err);
    if (!st)
        return p->err->status;
    if (p->zone)
        sqlite3_bind_text(st, 1, p->zone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->no_site, -1, SQLITE_STATIC);
    int rc = db_step_done(p->db, st, p->err);
    db_stmt_done(p->db, st);
    return rc;
}

static int audit_times_to_utc(struct db *db, struct db_error *err)
{
    static char zones[64][DB_SHORT_LEN];
    size_t n = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_ZONES, err);
    if (!st)
        return err->status;
    int rc;
    while (n < sizeof zones / sizeof zones[0] && (rc = sqlite3_step(st)) == SQLITE_ROW)
        db_column_text(st, 0, zones[n++], sizeof zones[0]);
    if (n == sizeof zones / sizeof zones[0])
        rc = SQLITE_DONE; /* more zones than that: the rest in the machine's */
    int result = rc == SQLITE_DONE ? DB_OK : db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    struct audit_pass p = {db, NULL, n == 1 ? zones[0] : "", err};
    for (size_t i = 0; result == DB_OK && i < n; i++) {
        if (!clock_zone_known(zones[i]))
            continue; /* left for the machine's zone */
        p.zone = zones[i];
        result = clock_run_in_zone(zones[i], audit_pass_run, &p);
    }
    if (result == DB_OK) {
        p.zone = NULL;
        result = audit_pass_run(&p);
    }
    return result;
}

/* Migration 12: the names of the appointments from three months ago on,
 * the days desks look at (older ones are looked up when shown). Along the
 * per-site index: filling every row rewrote the whole appointment table,
 * 12 s on the million-appointment file and over 600 MB written through a
 * share, for days nobody opens. */
static const char SQL_FILL_NAMES[] =
    "UPDATE appointment SET person_last = b.last_name, person_first = b.first_name"
    " FROM beneficiary b WHERE appointment.site_id IN (SELECT id FROM site)"
    " AND appointment.starts_at >= ?1 AND b.id = appointment.beneficiary_id";

static int fill_recent_names(struct db *db, struct db_error *err)
{
    struct civil_datetime now;
    struct civil_date from;
    char at[CIVIL_DATETIME_LEN];
    clock_now(&now, NULL);
    if (civil_date_add_days(now.date, -92, &from) != 0 ||
        civil_format_datetime((struct civil_datetime){from, 0}, at, sizeof at) != 0)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", _("date"));
    sqlite3_stmt *st = db_stmt(db, SQL_FILL_NAMES, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, at, -1, SQLITE_TRANSIENT);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

/* after[i] runs inside the unit of migration i, after its SQL. */
static int (*const after[])(struct db *, struct db_error *) = {
    NULL,
    fill_phone_digits,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    audit_times_to_utc,
    fill_recent_names,
};
_Static_assert(sizeof after / sizeof after[0] == DB_SCHEMA_VERSION,
               "one entry per schema version");

static int read_int_pragma(struct db *db, const char *sql, int64_t *out,
                           struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    int rc = sqlite3_step(st);
    int result = DB_OK;
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else
        result = db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    return result;
}

static const char SQL_USER_VERSION[] = "PRAGMA user_version";
/* One statement, so one read transaction: a desk migrating the file at the
 * same moment cannot make us see a new table count with an old version. */
static const char SQL_STATE[] =
    "SELECT (SELECT user_version FROM pragma_user_version),"
    " (SELECT application_id FROM pragma_application_id),"
    " (SELECT count(*) FROM sqlite_master)";

int db_schema_version(struct db *db, int *out, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int64_t v = 0;
    int rc = read_int_pragma(db, SQL_USER_VERSION, &v, err);
    if (rc == DB_OK)
        *out = (int)v;
    return rc;
}

static int migrate_step(struct db *db, struct db_unit *u, void *ctx,
                        struct db_error *err)
{
    int index = *(const int *)ctx;
    int64_t v = 0;
    int rc = read_int_pragma(db, SQL_USER_VERSION, &v, err);
    if (rc != DB_OK)
        return rc;
    if (v != index) { /* another desk did it first */
        u->unchanged = 1;
        return DB_OK;
    }
    rc = db_exec(db, migrations[index], err);
    if (rc == DB_OK && after[index])
        rc = after[index](db, err);
    if (rc == DB_OK) {
        char sql[48];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", index + 1);
        rc = db_exec(db, sql, err);
    }
    db_unit_detail(u, "schema %d -> %d", index, index + 1);
    return rc;
}

/* Runs migration `index` unless another desk did it first. */
static int apply_one(struct db *db, int index, struct db_error *err)
{
    struct db_unit u = db_unit_plain("schema", index + 1, "migrate");
    return db_unit_run(db, &u, migrate_step, &index, err);
}

int db_schema_state(struct db *db, int *version_out, struct db_error *err)
{
    int64_t version = 0, app_id = 0, tables = 0;
    *version_out = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_STATE, err);
    if (!st)
        return err->status;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        version = sqlite3_column_int64(st, 0);
        app_id = sqlite3_column_int64(st, 1);
        tables = sqlite3_column_int64(st, 2);
        rc = DB_OK;
    } else {
        rc = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    if (rc != DB_OK)
        return rc;

    if (version > DB_SCHEMA_VERSION)
        return db_set_error(err, DB_ERR_NEWER_SCHEMA,
                            _("%s has schema version %lld; this guichet "
                              "knows versions up to %d"),
                            db->path, (long long)version, DB_SCHEMA_VERSION);
    /* Someone else's SQLite file: never add our tables to it. */
    if ((version == 0 && tables > 0) ||
        (version > 0 && app_id != DB_APPLICATION_ID))
        return db_set_error(err, DB_ERR_NOT_DATABASE, "%s: %s", db->path,
                            _("an SQLite file of another program"));
    *version_out = (int)version;
    if (version == DB_SCHEMA_VERSION)
        return DB_OK;
    if (db->readonly)
        return db_set_error(err, DB_ERR_READONLY,
                            _("%s has schema version %lld and must be "
                              "upgraded to %d, which needs write access"),
                            db->path, (long long)version, DB_SCHEMA_VERSION);
    return DB_OK;
}

int db_migrate_from(struct db *db, int version, struct db_error *err)
{
    for (int i = version; i < DB_SCHEMA_VERSION; i++) {
        int rc = apply_one(db, i, err);
        if (rc != DB_OK)
            return rc;
    }
    return DB_OK;
}

int db_migrate(struct db *db, struct db_error *err)
{
    int version = 0;
    int rc = db_schema_state(db, &version, err);
    return rc == DB_OK ? db_migrate_from(db, version, err) : rc;
}

const char *db_migration_sql(int index)
{
    if (index < 0 || index >= DB_SCHEMA_VERSION)
        return NULL;
    return migrations[index];
}
