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

#include "db_internal.h"
#include "../common/i18n.h"

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
    " at TEXT NOT NULL," /* "YYYY-MM-DD HH:MM:SS", civil */
    " actor TEXT NOT NULL DEFAULT '' CHECK (" BYTES("actor") " <= 63),"
    " entity TEXT NOT NULL CHECK (" BYTES("entity") " BETWEEN 1 AND 31),"
    " entity_id INTEGER NOT NULL,"
    " action TEXT NOT NULL CHECK (" BYTES("action") " BETWEEN 1 AND 31),"
    " detail TEXT NOT NULL DEFAULT '' CHECK (" BYTES("detail") " <= 1023));\n"
    "CREATE INDEX audit_entity ON audit(entity, entity_id);\n";

static const char *const migrations[] = {
    MIGRATION_1,
};
_Static_assert(sizeof migrations / sizeof migrations[0] == DB_SCHEMA_VERSION,
               "one migration per schema version");

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

/* Runs migration `index` unless another desk did it first. */
static int apply_one(struct db *db, int index, struct db_error *err)
{
    int rc = db_write_begin(db, err);
    if (rc != DB_OK)
        return rc;
    int64_t v = 0;
    rc = read_int_pragma(db, SQL_USER_VERSION, &v, err);
    if (rc == DB_OK && v == index) {
        rc = db_exec(db, migrations[index], err);
        if (rc == DB_OK) {
            char sql[48];
            snprintf(sql, sizeof sql, "PRAGMA user_version = %d", index + 1);
            rc = db_exec(db, sql, err);
        }
        if (rc == DB_OK) {
            char detail[64];
            snprintf(detail, sizeof detail, "schema %d -> %d", index,
                     index + 1);
            rc = db_audit_add(db, "schema", index + 1, "migrate", detail, err);
        }
    }
    if (rc == DB_OK)
        return db_write_commit(db, err);
    db_write_rollback(db);
    return rc;
}

int db_migrate(struct db *db, struct db_error *err)
{
    int64_t version = 0, app_id = 0, tables = 0;
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
    if (version == DB_SCHEMA_VERSION)
        return DB_OK;
    if (db->readonly)
        return db_set_error(err, DB_ERR_READONLY,
                            _("%s has schema version %lld and must be "
                              "upgraded to %d, which needs write access"),
                            db->path, (long long)version, DB_SCHEMA_VERSION);
    for (int i = (int)version; i < DB_SCHEMA_VERSION; i++) {
        rc = apply_one(db, i, err);
        if (rc != DB_OK)
            return rc;
    }
    return DB_OK;
}
