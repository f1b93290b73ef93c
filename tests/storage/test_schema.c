/* test_schema.c - the migrations and what the schema itself enforces.
 *
 * From an empty file to the current version; reopening changes nothing;
 * several processes opening one fresh file at once migrate it once; a file
 * one version behind is upgraded with its history counted; and the
 * CHECK constraints and the overlap trigger refuse bad rows written with raw
 * SQL, as another client would. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "storage/db_internal.h"
#include "storage/rows.h"

struct fx {
    char dir[64];
    char path[128];
    struct db *db;
};

static const struct db_open_options CREATE = {.create = 1};

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/guichet-schema-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/test.db", fx->dir);
    *state = fx;
    return 0;
}

static int rm_entry(const char *p, const struct stat *sb, int flag,
                    struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

static int fx_teardown(void **state)
{
    struct fx *fx = *state;
    db_close(fx->db);
    nftw(fx->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return 0;
}

static long raw_int(sqlite3 *c, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long v = -1;
    if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(c));
    if (sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Runs raw SQL on the connection; returns SQLite's extended code. */
static int raw_exec(sqlite3 *c, const char *sql)
{
    return sqlite3_exec(c, sql, NULL, NULL, NULL);
}

static void open_fx(struct fx *fx)
{
    struct db_error err = {0};
    if (db_open(fx->path, &CREATE, &fx->db, &err) != DB_OK)
        fail_msg("db_open: %s", err.detail);
}

/* ---- migrations -------------------------------------------------------- */

static void test_migrates_empty_file(void **state)
{
    struct fx *fx = *state;
    /* A new file (a 0-byte one is refused: test_db_open): version 0 */
    unlink(fx->path);
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &CREATE, &fx->db, &err), DB_OK);
    sqlite3 *c = fx->db->conn;
    assert_int_equal(raw_int(c, "PRAGMA user_version"), DB_SCHEMA_VERSION);

    static const char *const objects[] = {
        "table site", "table service", "table agent", "table agent_site",
        "table motif", "table opening_hours", "table beneficiary",
        "table appointment", "table audit",
        "index agent_login", "index appointment_site_start",
        "index appointment_agent_start", "index appointment_beneficiary_start",
        "index audit_entity", "index beneficiary_search",
        "trigger appointment_overlap_insert",
        "trigger appointment_overlap_update",
    };
    for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++) {
        char type[16], name[64], sql[160];
        sscanf(objects[i], "%15s %63s", type, name);
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM sqlite_master WHERE type = '%s'"
                 " AND name = '%s'", type, name);
        if (raw_int(c, sql) != 1)
            fail_msg("missing %s", objects[i]);
    }
    /* The migration is in the audit log, once. */
    assert_int_equal(raw_int(c, "SELECT count(*) FROM audit WHERE"
                                " entity = 'schema' AND action = 'migrate'"),
                     DB_SCHEMA_VERSION);
}

static void test_reopen_is_idempotent(void **state)
{
    struct fx *fx = *state;
    open_fx(fx);
    long objects = raw_int(fx->db->conn, "SELECT count(*) FROM sqlite_master");
    db_close(fx->db);
    fx->db = NULL;
    for (int i = 0; i < 3; i++) {
        open_fx(fx);
        int v = 0;
        assert_int_equal(db_schema_version(fx->db, &v, NULL), DB_OK);
        assert_int_equal(v, DB_SCHEMA_VERSION);
        assert_int_equal(raw_int(fx->db->conn,
                                 "SELECT count(*) FROM sqlite_master"), objects);
        assert_int_equal(raw_int(fx->db->conn,
                                 "SELECT count(*) FROM audit"
                                 " WHERE entity = 'schema'"), DB_SCHEMA_VERSION);
        db_close(fx->db);
        fx->db = NULL;
    }
}

/* Four processes create and open one file at the same moment: each must
 * succeed, and the migration must have run exactly once. */
static void test_concurrent_first_open(void **state)
{
    struct fx *fx = *state;
    enum { N = 4 };
    pid_t pids[N];
    int go[2];
    assert_int_equal(pipe(go), 0);
    fflush(NULL);
    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0) {
            char c;
            close(go[1]);
            if (read(go[0], &c, 1) < 0) /* wait for the start signal */
                _exit(9);
            struct db *db = NULL;
            int rc = db_open(fx->path, &CREATE, &db, NULL);
            db_close(db);
            _exit(rc);
        }
    }
    close(go[0]);
    close(go[1]); /* releases every child at once */
    for (int i = 0; i < N; i++) {
        int status = 0;
        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), DB_OK);
    }
    open_fx(fx);
    assert_int_equal(raw_int(fx->db->conn, "SELECT count(*) FROM audit"
                                           " WHERE entity = 'schema'"),
                     DB_SCHEMA_VERSION);
    int ok = 0;
    assert_int_equal(db_integrity_check(fx->db, &ok, NULL, 0, NULL), DB_OK);
    assert_true(ok);
}

/* ---- constraints, through raw SQL -------------------------------------- */

/* Rows referenced by the raw inserts below. */
static void seed(sqlite3 *c)
{
    static const char sql[] =
        "INSERT INTO site (id, name) VALUES (1, 'Site');"
        "INSERT INTO service (id, name) VALUES (1, 'Accueil');"
        "INSERT INTO agent (id, last_name, service_id) VALUES (1, 'Martin', 1);"
        "INSERT INTO motif (id, name, service_id, duration_minutes)"
        " VALUES (1, 'RDV', 1, 30);";
    if (raw_exec(c, sql) != SQLITE_OK)
        fail_msg("seed: %s", sqlite3_errmsg(c));
}

#define APPT(start, end, extra)                                              \
    "INSERT INTO appointment (site_id, agent_id, motif_id, starts_at,"      \
    " ends_at, created_at" extra ") VALUES (1, 1, 1, '" start "', '" end    \
    "', '2026-11-01 10:00'"

static const struct {
    const char *name;
    const char *sql;
    int expect; /* SQLITE_OK or an extended constraint code */
} constraint_cases[] = {
    /* Byte lengths: 127 bytes fit a char[128], 128 do not. */
    {"site name 127 bytes", "INSERT INTO site (name) VALUES (printf('%.127c', 'a'))",
     SQLITE_OK},
    {"site name 128 bytes", "INSERT INTO site (name) VALUES (printf('%.128c', 'a'))",
     SQLITE_CONSTRAINT_CHECK},
    {"site name 64 accented letters = 128 bytes",
     "INSERT INTO site (name) VALUES (replace(printf('%.64c', 'x'), 'x', 'é'))",
     SQLITE_CONSTRAINT_CHECK},
    {"empty site name", "INSERT INTO site (name) VALUES ('')",
     SQLITE_CONSTRAINT_CHECK},
    {"bad site kind", "INSERT INTO site (name, kind) VALUES ('S2', 'castle')",
     SQLITE_CONSTRAINT_CHECK},
    {"duplicate site", "INSERT INTO site (name) VALUES ('Site')",
     SQLITE_CONSTRAINT_UNIQUE},
    {"agent login 64 bytes",
     "INSERT INTO agent (last_name, login) VALUES ('A', printf('%.64c', 'l'))",
     SQLITE_CONSTRAINT_CHECK},
    {"person notes 1024 bytes",
     "INSERT INTO beneficiary (last_name, notes, created_at)"
     " VALUES ('B', printf('%.1024c', 'n'), '2026-11-01 10:00')",
     SQLITE_CONSTRAINT_CHECK},
    {"person notes 1023 bytes",
     "INSERT INTO beneficiary (last_name, notes, created_at)"
     " VALUES ('B', printf('%.1023c', 'n'), '2026-11-01 10:00')",
     SQLITE_OK},
    {"person birth date 1985-02-30",
     "INSERT INTO beneficiary (last_name, birth_date, created_at)"
     " VALUES ('B', '1985-02-30', '2026-11-01 10:00')",
     SQLITE_CONSTRAINT_CHECK},
    {"motif colour name", "INSERT INTO motif (name, service_id,"
     " duration_minutes, colour) VALUES ('M2', 1, 30, 'red')",
     SQLITE_CONSTRAINT_CHECK},
    {"motif location", "INSERT INTO motif (name, service_id,"
     " duration_minutes, location) VALUES ('M3', 1, 30, 'moon')",
     SQLITE_CONSTRAINT_CHECK},
    {"motif of unknown service", "INSERT INTO motif (name, service_id,"
     " duration_minutes) VALUES ('M4', 99, 30)",
     SQLITE_CONSTRAINT_FOREIGNKEY},
    {"opening end before start", "INSERT INTO opening_hours (agent_id,"
     " site_id, weekday, start_minute, end_minute, valid_from)"
     " VALUES (1, 1, 1, 600, 540, '2026-01-01')",
     SQLITE_CONSTRAINT_CHECK},
    {"appointment ok", APPT("2026-11-25 09:00", "2026-11-25 09:30", "") ")",
     SQLITE_OK},
    {"appointment 30 February", APPT("2026-02-30 09:00", "2026-02-30 09:30", "") ")",
     SQLITE_CONSTRAINT_CHECK},
    {"appointment garbage time", APPT("tomorrow", "2026-11-25 09:30", "") ")",
     SQLITE_CONSTRAINT_CHECK},
    {"appointment with seconds", APPT("2026-11-26 09:00:00", "2026-11-26 09:30", "") ")",
     SQLITE_CONSTRAINT_CHECK},
    {"appointment ends before start", APPT("2026-11-27 09:30", "2026-11-27 09:00", "") ")",
     SQLITE_CONSTRAINT_CHECK},
    {"appointment of one day exactly", APPT("2026-11-28 09:00", "2026-11-29 09:00", "") ")",
     SQLITE_OK},
    {"appointment over one day", APPT("2026-12-01 09:00", "2026-12-02 09:01", "") ")",
     SQLITE_CONSTRAINT_CHECK},
    {"appointment bad status",
     APPT("2026-12-03 09:00", "2026-12-03 09:30", ", status") ", 'maybe')",
     SQLITE_CONSTRAINT_CHECK},
    {"appointment context 1024 bytes",
     APPT("2026-12-04 09:00", "2026-12-04 09:30", ", context")
     ", printf('%.1024c', 'c'))",
     SQLITE_CONSTRAINT_CHECK},
    {"appointment of unknown agent",
     "INSERT INTO appointment (site_id, agent_id, motif_id, starts_at, ends_at,"
     " created_at) VALUES (1, 42, 1, '2026-12-05 09:00', '2026-12-05 09:30',"
     " '2026-11-01 10:00')",
     SQLITE_CONSTRAINT_FOREIGNKEY},
    /* The overlap trigger: 09:15 overlaps the 09:00-09:30 booked above. */
    {"overlap refused by trigger", APPT("2026-11-25 09:15", "2026-11-25 09:45", "") ")",
     SQLITE_CONSTRAINT_TRIGGER},
    {"touching is not overlapping", APPT("2026-11-25 09:30", "2026-11-25 10:00", "") ")",
     SQLITE_OK},
    {"overbooked overlap allowed",
     APPT("2026-11-25 09:10", "2026-11-25 09:20", ", overbooked") ", 1)",
     SQLITE_OK},
    {"cancelled overlap allowed",
     APPT("2026-11-25 09:05", "2026-11-25 09:25", ", status") ", 'excused')",
     SQLITE_OK},
    {"overlap across midnight refused",
     APPT("2026-11-29 08:00", "2026-11-29 08:30", "") ")", /* in the day-long one */
     SQLITE_CONSTRAINT_TRIGGER},
};

static void test_constraints(void **state)
{
    struct fx *fx = *state;
    open_fx(fx);
    sqlite3 *c = fx->db->conn;
    seed(c);
    for (size_t i = 0; i < sizeof constraint_cases / sizeof constraint_cases[0];
         i++) {
        long before = raw_int(c, "SELECT total_changes()");
        int rc = raw_exec(c, constraint_cases[i].sql);
        if (rc != constraint_cases[i].expect)
            fail_msg("%s: got %d (%s), expected %d", constraint_cases[i].name,
                     rc, sqlite3_errmsg(c), constraint_cases[i].expect);
        if (rc != SQLITE_OK && raw_int(c, "SELECT total_changes()") != before)
            fail_msg("%s: refused but wrote", constraint_cases[i].name);
    }
}

/* The trigger also guards updates: moving or un-cancelling into an
 * occupied slot. */
static void test_trigger_on_update(void **state)
{
    struct fx *fx = *state;
    open_fx(fx);
    sqlite3 *c = fx->db->conn;
    seed(c);
    assert_int_equal(raw_exec(c, APPT("2026-11-25 10:00", "2026-11-25 10:30", "") ")"),
                     SQLITE_OK);
    assert_int_equal(raw_exec(c, APPT("2026-11-25 11:00", "2026-11-25 11:30", "") ")"),
                     SQLITE_OK);
    assert_int_equal(raw_exec(c, APPT("2026-11-25 10:15", "2026-11-25 10:45",
                                      ", status") ", 'revoked')"), SQLITE_OK);
    long moved = raw_int(c, "SELECT id FROM appointment WHERE starts_at ="
                            " '2026-11-25 11:00'");
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE appointment SET starts_at ="
             " '2026-11-25 10:20', ends_at = '2026-11-25 10:50' WHERE id = %ld",
             moved);
    assert_int_equal(raw_exec(c, sql), SQLITE_CONSTRAINT_TRIGGER);
    assert_int_equal(raw_exec(c, "UPDATE appointment SET status = 'unknown'"
                                 " WHERE status = 'revoked'"),
                     SQLITE_CONSTRAINT_TRIGGER);
    /* An update that keeps its own slot does not collide with itself. */
    assert_int_equal(raw_exec(c, "UPDATE appointment SET ends_at ="
                                 " '2026-11-25 10:35' WHERE starts_at ="
                                 " '2026-11-25 10:00'"), SQLITE_OK);
    assert_int_equal(raw_exec(c, "UPDATE appointment SET status = 'seen'"
                                 " WHERE starts_at = '2026-11-25 10:00'"),
                     SQLITE_OK);
}

/* Runs each statement of sql[0..n), failing the test on the first error. */
static void exec_all(sqlite3 *c, const char *const *sql, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (raw_exec(c, sql[i]) != SQLITE_OK)
            fail_msg("%s: %s", sql[i], sqlite3_errmsg(c));
}

/* A raw connection to a new file made as schema `version` made it, with
 * the seed rows: what db_open then upgrades. */
static sqlite3 *old_file(struct fx *fx, int version)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(fx->path, &c), SQLITE_OK);
    for (int i = 0; i < version; i++)
        if (raw_exec(c, db_migration_sql(i)) != SQLITE_OK)
            fail_msg("migration %d: %s", i + 1, sqlite3_errmsg(c));
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
             DB_APPLICATION_ID, version);
    assert_int_equal(raw_exec(c, sql), SQLITE_OK);
    seed(c);
    return c;
}

/* A file one version behind, with a history, upgraded by db_open: the
 * seen and no-show counts per site and day start equal to its rows (the
 * migration fills them; triggers keep them: test_report.c). */
static void test_upgrade_counts_the_history(void **state)
{
    struct fx *fx = *state;
    sqlite3 *c = old_file(fx, DB_SCHEMA_VERSION - 1);
    static const char *const history[] = {
        APPT("2026-11-24 09:00", "2026-11-24 09:30", ", status") ", 'seen')",
        APPT("2026-11-24 09:30", "2026-11-24 10:00", ", status") ", 'seen')",
        APPT("2026-11-24 10:00", "2026-11-24 10:30", ", status") ", 'noshow')",
        APPT("2026-11-24 10:30", "2026-11-24 11:00", ", status") ", 'excused')",
        APPT("2026-11-25 09:00", "2026-11-25 09:30", ", status") ", 'noshow')",
        APPT("2026-11-26 09:00", "2026-11-26 09:30", "") ")",
    };
    exec_all(c, history, sizeof history / sizeof history[0]);
    sqlite3_close(c);
    open_fx(fx);
    c = fx->db->conn;
    assert_int_equal(raw_int(c, "PRAGMA user_version"), DB_SCHEMA_VERSION);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, "SELECT IFNULL(group_concat(site_id || '/' || day || '/'"
                                           " || seen || '/' || noshow, ' '), '') FROM (SELECT *"
                                           " FROM appointment_outcome_day ORDER BY day)",
                                        -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0),
                        "1/2026-11-24/2/1 1/2026-11-25/0/1");
    sqlite3_finalize(st);
}

/* What the appointment row says of its person, "last first" ('-' for
 * NULL). */
static void names_of(sqlite3 *c, long id, char *out, size_t size)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT IFNULL(person_last, '-') || ' ' ||"
                              " IFNULL(person_first, '-') FROM appointment WHERE id = %ld", id);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

/* A file one version behind upgraded by db_open: the names a day view
 * shows are copied into the appointments from three months before today
 * (2026-11-25) on, older ones are left to be looked up and still show
 * their person; then the triggers keep every copy equal to the person's
 * names, whoever writes: a booking, a rename (an erasure anonymises), a
 * copy written by hand. */
static void test_upgrade_copies_recent_names(void **state)
{
    struct fx *fx = *state;
    sqlite3 *c = old_file(fx, DB_SCHEMA_VERSION - 1);
    static const char people[] =
        "INSERT INTO beneficiary (id, last_name, first_name, created_at) VALUES"
        " (1, 'Lefèvre', 'Hélène', '2024-01-01 10:00'), (2, 'Martin', 'Paul', '2024-01-01 10:00');";
    if (raw_exec(c, people) != SQLITE_OK)
        fail_msg("people: %s", sqlite3_errmsg(c));
    static const char *const rows[] = {
        APPT("2024-03-04 09:00", "2024-03-04 09:30", ", id, beneficiary_id") ", 1, 1)",
        APPT("2026-08-26 09:00", "2026-08-26 09:30", ", id, beneficiary_id") ", 2, 1)",
        APPT("2026-08-24 09:00", "2026-08-24 09:30", ", id, beneficiary_id") ", 3, 2)",
        APPT("2026-11-26 09:00", "2026-11-26 09:30", ", id, beneficiary_id") ", 4, 2)",
        APPT("2026-11-26 10:00", "2026-11-26 10:30", ", id") ", 5)",
    };
    exec_all(c, rows, sizeof rows / sizeof rows[0]);
    sqlite3_close(c);
    open_fx(fx);
    c = fx->db->conn;
    char got[64];
    names_of(c, 1, got, sizeof got);
    assert_string_equal(got, "- -"); /* two years ago: left */
    names_of(c, 2, got, sizeof got);
    assert_string_equal(got, "Lefèvre Hélène"); /* 91 days before today */
    names_of(c, 3, got, sizeof got);
    assert_string_equal(got, "- -"); /* 93 days before */
    names_of(c, 4, got, sizeof got);
    assert_string_equal(got, "Martin Paul");
    names_of(c, 5, got, sizeof got);
    assert_string_equal(got, "- -"); /* no person */

    /* A day of unfilled rows shows its people all the same. */
    struct db_day_row *day = NULL;
    size_t n = 0;
    assert_int_equal(db_day_list(fx->db, 1, (struct civil_date){2024, 3, 4}, &day, &n, NULL),
                     DB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(day[0].person_last, "Lefèvre");
    assert_string_equal(day[0].person_first, "Hélène");
    free(day);

    /* A new row gets its copies; a rename reaches every row of the person,
     * unfilled ones too; a copy written by hand is put back. */
    assert_int_equal(raw_exec(c, APPT("2026-11-27 09:00", "2026-11-27 09:30",
                                      ", id, beneficiary_id") ", 6, 1)"), SQLITE_OK);
    names_of(c, 6, got, sizeof got);
    assert_string_equal(got, "Lefèvre Hélène");
    assert_int_equal(raw_exec(c, "UPDATE beneficiary SET last_name = 'Lefebvre' WHERE id = 1"),
                     SQLITE_OK);
    names_of(c, 1, got, sizeof got);
    assert_string_equal(got, "Lefebvre Hélène");
    names_of(c, 6, got, sizeof got);
    assert_string_equal(got, "Lefebvre Hélène");
    names_of(c, 4, got, sizeof got);
    assert_string_equal(got, "Martin Paul"); /* the other person's: untouched */
    assert_int_equal(raw_exec(c, "UPDATE appointment SET person_last = 'Faux',"
                                 " person_first = NULL WHERE id = 4"), SQLITE_OK);
    names_of(c, 4, got, sizeof got);
    assert_string_equal(got, "Martin Paul");
    assert_int_equal(raw_exec(c, "UPDATE appointment SET beneficiary_id = 1 WHERE id = 4"),
                     SQLITE_OK);
    names_of(c, 4, got, sizeof got);
    assert_string_equal(got, "Lefebvre Hélène");
    assert_int_equal(raw_exec(c, "UPDATE appointment SET person_last = 'Faux' WHERE id = 5"),
                     SQLITE_OK);
    names_of(c, 5, got, sizeof got);
    assert_string_equal(got, "- -");
}

/* A file of version 10 upgraded by db_open: its audit times, civil times
 * of the desk that wrote them, become instants in UTC with their offset,
 * each read in its site's zone (an appointment at La Réunion: UTC+4), a
 * row about no site in the zone of the sites when they share one... */
static void upgrade_audit(struct fx *fx, const char *zones, const char *want)
{
    sqlite3 *c = old_file(fx, 10);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "UPDATE site SET timezone = 'Europe/Paris';"
             "INSERT INTO site (id, name, timezone) VALUES (2, 'Saint-Denis', '%s');"
             "INSERT INTO appointment (id, site_id, agent_id, motif_id, starts_at, ends_at,"
             " created_at) VALUES (7, 2, 1, 1, '2026-11-26 09:00', '2026-11-26 09:30',"
             " '2026-11-25 10:00');"
             "INSERT INTO audit (at, actor, entity, entity_id, action) VALUES"
             " ('2026-11-25 10:02:13', 'a', 'appointment', 7, 'create'),"
             " ('2026-07-01 10:02:13', 'b', 'person', 3, 'create'),"
             " ('2026-11-25 10:02', 'c', 'site', 1, 'edit'),"
             " ('hier', 'd', 'person', 3, 'edit')",
             zones);
    if (raw_exec(c, sql) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(c));
    sqlite3_close(c);
    open_fx(fx);
    c = fx->db->conn;
    assert_int_equal(raw_int(c, "PRAGMA user_version"), DB_SCHEMA_VERSION);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, "SELECT group_concat(at, ' ') FROM (SELECT at"
                                           " FROM audit WHERE entity <> 'schema' ORDER BY id)",
                                        -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
    sqlite3_finalize(st);
}

static void test_upgrade_makes_audit_times_instants(void **state)
{
    /* ...the machine's zone (TZ, main: UTC) when they do not. */
    upgrade_audit(*state, "Indian/Reunion",
                  "2026-11-25T06:02:13+00:00 2026-07-01T10:02:13+00:00 "
                  "2026-11-25T09:02:00+00:00 hier");
}

static void test_upgrade_audit_times_one_zone(void **state)
{
    /* Every site in Paris: a row about no site is read in Paris too (UTC+2
     * in summer), whatever the machine's zone. */
    upgrade_audit(*state, "Europe/Paris",
                  "2026-11-25T09:02:13+00:00 2026-07-01T08:02:13+00:00 "
                  "2026-11-25T09:02:00+00:00 hier");
}

/* The trigger's search stays an index range scan on (agent_id, starts_at). */
static void test_overlap_search_uses_index(void **state)
{
    struct fx *fx = *state;
    open_fx(fx);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(fx->db->conn,
        "EXPLAIN QUERY PLAN SELECT 1 FROM appointment o WHERE o.agent_id = 1"
        " AND o.starts_at > strftime('%Y-%m-%d %H:%M', '2026-11-25 10:00',"
        " '-1 day') AND o.starts_at < '2026-11-25 10:30'"
        " AND o.ends_at > '2026-11-25 10:00'"
        " AND o.status NOT IN ('excused', 'revoked')", -1, &st, NULL),
        SQLITE_OK);
    char plan[512] = "";
    while (sqlite3_step(st) == SQLITE_ROW)
        strncat(plan, (const char *)sqlite3_column_text(st, 3),
                sizeof plan - strlen(plan) - 1);
    sqlite3_finalize(st);
    assert_non_null(strstr(plan, "appointment_agent_start"));
    assert_non_null(strstr(plan, "starts_at>?"));
}

int main(void)
{
    setenv("GUICHET_NOW", "2026-11-25 08:30", 1);
    setenv("TZ", "UTC", 1); /* the machine's zone, for audit times */
    tzset();
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_upgrade_makes_audit_times_instants),
        T(test_upgrade_audit_times_one_zone),
        T(test_migrates_empty_file),
        T(test_reopen_is_idempotent),
        T(test_concurrent_first_open),
        T(test_constraints),
        T(test_trigger_on_update),
        T(test_overlap_search_uses_index),
        T(test_upgrade_counts_the_history),
        T(test_upgrade_copies_recent_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
