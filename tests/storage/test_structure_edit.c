/* test_structure_edit.c - structure edits and schema versions 2 and 3
 * on real files: sites (with their public holidays), services, agents,
 * motifs, opening hours (with motif sets) and absences, each with its
 * version check and audit row; bad input writing nothing; a version 1 file
 * (built by migration 1's own SQL) upgraded with its people made
 * searchable; a version 2 file upgraded with national holidays. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "house_fixture.h"

static struct db_audit_entry last_audit(struct fx *fx, const char *entity,
                                        int64_t id)
{
    struct db_audit_entry *log = NULL, e;
    size_t n = 0;
    struct db_error err = {0};
    fx_must(db_audit_for(fx->db, entity, id, &log, &n, &err), &err, "audit");
    assert_true(n > 0);
    e = log[0];
    free(log);
    return e;
}

static void test_site_service_agent_motif(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    int64_t v = 0;
    struct db_site s;
    fx_must(db_site_get(fx->db, fx->centre, &s, &err), &err, "site");
    fx_must(db_row_version(fx->db, "site", s.id, &v, &err), &err, "version");
    assert_int_equal(v, 1);
    snprintf(s.address, sizeof s.address, "1 rue de la Paix");
    fx_must(db_site_update(fx->db, &s, v, NULL, &err), &err, "site update");
    fx_must(db_site_get(fx->db, fx->centre, &s, &err), &err, "site");
    assert_string_equal(s.address, "1 rue de la Paix");
    assert_non_null(strstr(last_audit(fx, "site", s.id).detail, "address"));
    /* stale version: conflict naming who */
    struct db_conflict c;
    assert_int_equal(db_site_update(fx->db, &s, 1, &c, &err), DB_ERR_CONFLICT);
    assert_string_equal(c.last.actor, "accueil1");
    assert_int_equal(c.current_version, 2);
    /* a taken name */
    snprintf(s.name, sizeof s.name, "MDS Nord");
    assert_int_equal(db_site_update(fx->db, &s, 0, NULL, &err), DB_ERR_DUPLICATE);
    assert_non_null(strstr(err.detail, "MDS Nord"));

    struct db_service *svcs = NULL;
    size_t n = 0;
    fx_must(db_service_list(fx->db, &svcs, &n, &err), &err, "services");
    assert_int_equal(n, 1);
    snprintf(svcs[0].name, sizeof svcs[0].name, "Service social");
    fx_must(db_service_update(fx->db, &svcs[0], 1, NULL, &err), &err, "svc");
    free(svcs);

    struct db_agent *agents = NULL;
    fx_must(db_agent_list(fx->db, &agents, &n, &err), &err, "agents");
    assert_int_equal(n, 3);
    assert_string_equal(agents[0].last_name, "Garnier"); /* by name */
    free(agents);
    struct db_agent a;
    fx_must(db_agent_get(fx->db, fx->agent2, &a, &err), &err, "agent");
    snprintf(a.login, sizeof a.login, "cmorel"); /* taken by agent 1 */
    assert_int_equal(db_agent_update(fx->db, &a, 0, NULL, &err), DB_ERR_DUPLICATE);
    snprintf(a.login, sizeof a.login, "pgarnier");
    fx_must(db_agent_update(fx->db, &a, 1, NULL, &err), &err, "agent update");
    int64_t *sites = NULL;
    fx_must(db_agent_sites(fx->db, fx->agent2, &sites, &n, &err), &err, "sites");
    assert_int_equal(n, 1);
    assert_int_equal(sites[0], fx->centre);
    free(sites);
    fx_must(db_agent_join_site(fx->db, fx->agent2, fx->nord, &err), &err, "join");
    fx_must(db_agent_leave_site(fx->db, fx->agent2, fx->centre, &err), &err,
            "leave");
    fx_must(db_agent_sites(fx->db, fx->agent2, &sites, &n, &err), &err, "sites");
    assert_int_equal(n, 1);
    assert_int_equal(sites[0], fx->nord);
    free(sites);

    struct db_motif m;
    fx_must(db_motif_get(fx->db, fx->motif, &m, &err), &err, "motif");
    m.duration_minutes = 45;
    fx_must(db_motif_update(fx->db, &m, 1, NULL, &err), &err, "motif update");
    assert_non_null(strstr(last_audit(fx, "motif", m.id).detail,
                           "duration: 30 -> 45"));
    char *before = fx_dump(fx->db);
    m.duration_minutes = 0;
    assert_int_equal(db_motif_update(fx->db, &m, 0, NULL, &err), DB_ERR_INVALID);
    m.duration_minutes = 30;
    snprintf(m.colour, sizeof m.colour, "blue");
    assert_int_equal(db_motif_update(fx->db, &m, 0, NULL, &err), DB_ERR_INVALID);
    snprintf(m.colour, sizeof m.colour, "#123456");
    m.service_id = 999;
    assert_int_equal(db_motif_update(fx->db, &m, 0, NULL, &err), DB_ERR_NO_ROW);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_openings(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_opening *list = NULL;
    size_t n = 0;
    fx_must(db_agent_openings(fx->db, fx->agent1, &list, &n, &err), &err, "list");
    assert_int_equal(n, 10);
    assert_int_equal(list[0].rule.weekday, CIVIL_MONDAY);
    free(list);
    struct db_opening o;
    fx_must(db_opening_get(fx->db, fx->opening_am, &o, &err), &err, "get");
    o.rule.every_weeks = 2;
    o.rule.valid_until = (struct civil_date){2027, 7, 2};
    fx_must(db_opening_update(fx->db, &o, 1, NULL, &err), &err, "update");
    fx_must(db_opening_get(fx->db, fx->opening_am, &o, &err), &err, "get");
    assert_int_equal(o.rule.every_weeks, 2);
    assert_int_equal(o.rule.valid_until.year, 2027);
    /* motif sets replace each other and bump the version */
    int64_t motifs[] = {fx->motif, fx->motif_long};
    fx_must(db_opening_set_motifs(fx->db, o.id, 2, motifs, 2, NULL, &err), &err,
            "motifs");
    int64_t *got = NULL;
    fx_must(db_opening_motifs(fx->db, o.id, &got, &n, &err), &err, "motifs");
    assert_int_equal(n, 2);
    free(got);
    fx_must(db_opening_set_motifs(fx->db, o.id, 3, NULL, 0, NULL, &err), &err,
            "all motifs");
    fx_must(db_opening_motifs(fx->db, o.id, &got, &n, &err), &err, "motifs");
    assert_int_equal(n, 0);
    free(got);
    char *before = fx_dump(fx->db);
    int64_t bad[] = {fx->motif, 999};
    assert_int_equal(db_opening_set_motifs(fx->db, o.id, 0, bad, 2, NULL, &err),
                     DB_ERR_NO_ROW);
    assert_int_equal(db_opening_set_motifs(fx->db, o.id, 3, motifs, 1, NULL,
                                           &err), DB_ERR_CONFLICT);
    struct db_opening wrong = o;
    wrong.rule.end_minute = wrong.rule.start_minute; /* end before start */
    assert_int_equal(db_opening_update(fx->db, &wrong, 0, NULL, &err),
                     DB_ERR_INVALID);
    wrong = o;
    wrong.rule.valid_from = (struct civil_date){2026, 2, 30};
    assert_int_equal(db_opening_update(fx->db, &wrong, 0, NULL, &err),
                     DB_ERR_INVALID);
    wrong = o;
    wrong.agent_id = 999;
    assert_int_equal(db_opening_update(fx->db, &wrong, 0, NULL, &err),
                     DB_ERR_NO_ROW);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
    fx_must(db_opening_delete(fx->db, o.id, 4, NULL, &err), &err, "delete");
    assert_int_equal(db_opening_get(fx->db, o.id, &o, &err), DB_ERR_NO_ROW);
    assert_string_equal(last_audit(fx, "opening", o.id).action, "delete");
}

static void test_absences(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_absence leave, meeting;
    memset(&leave, 0, sizeof leave);
    leave.agent_id = fx->agent1;
    leave.absence.kind = ABSENCE_ONE_OFF;
    leave.absence.from = (struct civil_datetime){{2026, 12, 21}, 0};
    leave.absence.until = (struct civil_datetime){{2027, 1, 4}, 0};
    snprintf(leave.reason, sizeof leave.reason, "congés");
    fx_must(db_absence_add(fx->db, &leave, &err), &err, "leave");
    memset(&meeting, 0, sizeof meeting);
    meeting.agent_id = fx->agent1;
    meeting.absence.kind = ABSENCE_WEEKLY;
    meeting.absence.weekly = fx_rule(2, 9 * 60, 10 * 60);
    meeting.absence.weekly.every_weeks = 2;
    fx_must(db_absence_add(fx->db, &meeting, &err), &err, "meeting");
    struct db_absence *list = NULL;
    size_t n = 0;
    fx_must(db_agent_absences(fx->db, fx->agent1, (struct civil_date){2026, 12, 1},
                              (struct civil_date){2026, 12, 31}, &list, &n,
                              &err), &err, "list");
    assert_int_equal(n, 2);
    assert_int_equal(list[0].absence.kind, ABSENCE_ONE_OFF);
    assert_string_equal(list[0].reason, "congés");
    assert_int_equal(list[1].absence.kind, ABSENCE_WEEKLY);
    assert_int_equal(list[1].absence.weekly.every_weeks, 2);
    free(list);
    fx_must(db_agent_absences(fx->db, fx->agent1, (struct civil_date){2026, 12, 1},
                              (struct civil_date){2026, 12, 20}, &list, &n,
                              &err), &err, "before");
    assert_int_equal(n, 1); /* the leave starts on the 21st */
    free(list);

    leave.absence.until = (struct civil_datetime){{2027, 1, 5}, 0};
    fx_must(db_absence_update(fx->db, &leave, NULL, &err), &err, "update");
    assert_int_equal(leave.version, 2);
    assert_non_null(strstr(last_audit(fx, "absence", leave.id).detail,
                           "2027-01-05"));
    char *before = fx_dump(fx->db);
    struct db_absence bad = leave;
    bad.version = 1; /* stale */
    struct db_conflict c;
    assert_int_equal(db_absence_update(fx->db, &bad, &c, &err), DB_ERR_CONFLICT);
    assert_string_equal(c.last.action, "edit");
    bad = leave;
    bad.absence.until = bad.absence.from; /* end not after start */
    assert_int_equal(db_absence_update(fx->db, &bad, NULL, &err), DB_ERR_INVALID);
    assert_non_null(strstr(err.detail, "until"));
    bad = leave;
    bad.absence.from.date.day = 32;
    assert_int_equal(db_absence_update(fx->db, &bad, NULL, &err), DB_ERR_INVALID);
    bad = leave;
    snprintf(bad.reason, sizeof bad.reason, "raison\x01");
    assert_int_equal(db_absence_update(fx->db, &bad, NULL, &err), DB_ERR_INVALID);
    bad = leave;
    bad.id = 0;
    bad.agent_id = 999;
    assert_int_equal(db_absence_add(fx->db, &bad, &err), DB_ERR_NO_ROW);
    bad = meeting;
    bad.absence.weekly.end_minute = 0;
    assert_int_equal(db_absence_add(fx->db, &bad, &err), DB_ERR_INVALID);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
    fx_must(db_absence_delete(fx->db, meeting.id, 1, NULL, &err), &err, "delete");
    assert_int_equal(db_absence_delete(fx->db, meeting.id, 1, NULL, &err),
                     DB_ERR_NO_ROW);
}

/* ---- migration from version 1 ------------------------------------------ */

static void exec(sqlite3 *c, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(c, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

static void test_migrate_v1_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/guichet-v1-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/v1.db", dir);
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(path, &c), SQLITE_OK);
    exec(c, "BEGIN");
    exec(c, db_migration_sql(0));
    exec(c, "PRAGMA user_version = 1");
    exec(c, "INSERT INTO site (name) VALUES ('MDS Centre');"
            "INSERT INTO service (name) VALUES ('Accueil');"
            "INSERT INTO agent (last_name) VALUES ('Morel');"
            "INSERT INTO motif (name, service_id, duration_minutes)"
            " VALUES ('Premier accueil', 1, 30);"
            "INSERT INTO beneficiary (last_name, first_name, phone, search_key,"
            " created_at) VALUES ('Lefèvre', 'Hélène', '+33 (0)6 12 34 56 78',"
            " 'lefevre helene', '2026-01-05 09:00');"
            "INSERT INTO beneficiary (last_name, first_name, phone, search_key,"
            " created_at) VALUES ('O\"Brien', 'Seán', 'tél. 06 98 76 54 32',"
            " 'o\"brien sean', '2026-01-05 09:00');"
            "INSERT INTO appointment (site_id, agent_id, motif_id,"
            " beneficiary_id, starts_at, ends_at, created_at)"
            " VALUES (1, 1, 1, 1, '2026-11-26 09:00', '2026-11-26 09:30',"
            " '2026-11-01 10:00');");
    exec(c, "COMMIT");
    sqlite3_close(c);
    assert_null(db_migration_sql(DB_SCHEMA_VERSION));

    struct db *db = NULL;
    struct db_error err = {0};
    struct db_open_options o = {0};
    fx_must(db_open(path, &o, &db, &err), &err, "open v1");
    int v = 0;
    fx_must(db_schema_version(db, &v, &err), &err, "version");
    assert_int_equal(v, DB_SCHEMA_VERSION);
    /* exact digits from the model, even for "tél. 06 ..." */
    assert_int_equal(fx_int(db, "SELECT count(*) FROM beneficiary WHERE"
                                " (id = 1 AND phone_digits = '0612345678') OR"
                                " (id = 2 AND phone_digits = '0698765432')"), 2);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM person_word"), 4);
    struct db_person_hit *hits = NULL;
    size_t n = 0;
    const char *queries[] = {"hélène", "HELENE", "lef", "06 12 34", "o\"brien",
                             "sean", "98 76"};
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        fx_must(db_person_search(db, queries[i], 10, &hits, &n, &err), &err,
                queries[i]);
        if (n != 1)
            fail_msg("%s: %zu hits", queries[i], n);
        free(hits);
    }
    struct db_appt_row row;
    fx_must(db_appt_get_row(db, 1, &row, &err), &err, "row");
    assert_string_equal(row.cancel_reason, "");
    assert_string_equal(row.seen_at, "");
    int64_t version = 0;
    fx_must(db_row_version(db, "motif", 1, &version, &err), &err, "motif v");
    assert_int_equal(version, 1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM audit WHERE"
                                " entity = 'schema' AND entity_id = 2"), 1);
    int ok = 0;
    char problem[128];
    fx_must(db_integrity_check(db, &ok, problem, sizeof problem, &err), &err,
            "integrity");
    assert_true(ok);
    db_close(db);
    /* opening again migrates nothing: one audit row per migration run */
    fx_must(db_open(path, &o, &db, &err), &err, "reopen");
    assert_int_equal(fx_int(db, "SELECT count(*) FROM audit WHERE"
                                " entity = 'schema'"), DB_SCHEMA_VERSION - 1);
    db_close(db);
    nftw(dir, fx_rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* ---- sites' public holidays (migration 3) -------------------------------- */

static void test_site_holidays(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    /* the fixture's sites are national */
    struct db_site s;
    fx_must(db_site_get(fx->db, fx->centre, &s, &err), &err, "site");
    assert_int_equal(s.holiday_flags, HOLIDAYS_NATIONAL);
    /* a new site in Moselle */
    struct db_site metz = {.name = "MDS Metz", .holiday_flags = HOLIDAYS_ALSACE_MOSELLE};
    fx_must(db_site_add(fx->db, &metz, &err), &err, "add");
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM site"
                                    " WHERE name = 'MDS Metz' AND holidays = 'alsace-moselle'"), 1);
    struct db_site got;
    fx_must(db_site_get(fx->db, metz.id, &got, &err), &err, "get");
    assert_int_equal(got.holiday_flags, HOLIDAYS_ALSACE_MOSELLE);
    fx_must(db_site_find(fx->db, "MDS Metz", &got, &err), &err, "find");
    assert_int_equal(got.holiday_flags, HOLIDAYS_ALSACE_MOSELLE);
    struct db_site *list = NULL;
    size_t n = 0;
    fx_must(db_site_list(fx->db, &list, &n, &err), &err, "list");
    int seen = 0;
    for (size_t i = 0; i < n; i++)
        if (list[i].id == metz.id)
            seen = list[i].holiday_flags == HOLIDAYS_ALSACE_MOSELLE;
        else if (list[i].holiday_flags != HOLIDAYS_NATIONAL)
            fail_msg("site %s is not national", list[i].name);
    free(list);
    assert_true(seen);
    /* the Centre moves to Alsace-Moselle holidays: audited */
    s.holiday_flags = HOLIDAYS_ALSACE_MOSELLE;
    fx_must(db_site_update(fx->db, &s, 1, NULL, &err), &err, "update");
    fx_must(db_site_get(fx->db, fx->centre, &got, &err), &err, "get");
    assert_int_equal(got.holiday_flags, HOLIDAYS_ALSACE_MOSELLE);
    const char *detail = last_audit(fx, "site", fx->centre).detail;
    assert_non_null(strstr(detail, "holidays"));
    assert_non_null(strstr(detail, "alsace-moselle"));
    /* and back */
    s.holiday_flags = HOLIDAYS_NATIONAL;
    fx_must(db_site_update(fx->db, &s, 2, NULL, &err), &err, "update back");
    fx_must(db_site_get(fx->db, fx->centre, &got, &err), &err, "get");
    assert_int_equal(got.holiday_flags, HOLIDAYS_NATIONAL);
    /* an unknown set of holidays is refused, writing nothing */
    char *before = fx_dump(fx->db);
    s.holiday_flags = 4;
    assert_int_equal(db_site_update(fx->db, &s, 0, NULL, &err), DB_ERR_INVALID);
    struct db_site bad = {.name = "MDS Brest", .holiday_flags = 6};
    assert_int_equal(db_site_add(fx->db, &bad, &err), DB_ERR_INVALID);
    /* and by the schema, for other writers */
    assert_int_not_equal(sqlite3_exec(fx->db->conn,
        "UPDATE site SET holidays = 'bretagne'", NULL, NULL, NULL), SQLITE_OK);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

/* A version 2 file (migrations 1 and 2 by their own SQL) gets the column,
 * its sites national, and can then be set per site. */
static void test_migrate_v2_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/guichet-v2-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/v2.db", dir);
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(path, &c), SQLITE_OK);
    exec(c, "BEGIN");
    exec(c, db_migration_sql(0));
    exec(c, db_migration_sql(1));
    exec(c, "PRAGMA user_version = 2");
    exec(c, "INSERT INTO site (name) VALUES ('MDS Strasbourg');"
            "INSERT INTO site (name) VALUES ('MDS Rennes');");
    exec(c, "COMMIT");
    /* version 2 has no such column */
    assert_int_not_equal(sqlite3_exec(c, "SELECT holidays FROM site", NULL, NULL, NULL),
                         SQLITE_OK);
    sqlite3_close(c);

    struct db *db = NULL;
    struct db_error err = {0};
    struct db_open_options o = {0};
    fx_must(db_open(path, &o, &db, &err), &err, "open v2");
    int v = 0;
    fx_must(db_schema_version(db, &v, &err), &err, "version");
    assert_int_equal(v, DB_SCHEMA_VERSION);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM site WHERE holidays = 'national'"), 2);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM audit WHERE entity = 'schema'"
                                " AND entity_id = 3 AND detail = 'schema 2 -> 3'"), 1);
    struct db_site s;
    fx_must(db_site_find(db, "MDS Strasbourg", &s, &err), &err, "find");
    assert_int_equal(s.holiday_flags, HOLIDAYS_NATIONAL);
    s.holiday_flags = HOLIDAYS_ALSACE_MOSELLE;
    fx_must(db_site_update(db, &s, 1, NULL, &err), &err, "update");
    assert_int_equal(fx_int(db, "SELECT count(*) FROM site WHERE holidays = 'alsace-moselle'"
                                " AND name = 'MDS Strasbourg'"), 1);
    /* a site added by another program without saying: national */
    assert_int_equal(sqlite3_exec(db->conn, "INSERT INTO site (name) VALUES ('MDS Vannes')",
                                  NULL, NULL, NULL), SQLITE_OK);
    fx_must(db_site_find(db, "MDS Vannes", &s, &err), &err, "find raw");
    assert_int_equal(s.holiday_flags, HOLIDAYS_NATIONAL);
    int ok = 0;
    char problem[128];
    fx_must(db_integrity_check(db, &ok, problem, sizeof problem, &err), &err, "integrity");
    assert_true(ok);
    db_close(db);
    nftw(dir, fx_rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* Schema rules hold for other writers (the sqlite3 shell): an absence must
 * be one kind or the other, words follow a raw name change. */
static void test_schema_rules_raw_sql(void **state)
{
    struct fx *fx = *state;
    sqlite3 *c = fx->db->conn;
    assert_int_not_equal(sqlite3_exec(c,
        "INSERT INTO absence (agent_id, kind, starts_at, ends_at)"
        " VALUES (1, 'one-off', '2026-11-26 10:00', '2026-11-26 09:00')",
        NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(c,
        "INSERT INTO absence (agent_id, kind, weekday, start_minute)"
        " VALUES (1, 'weekly', 3, 600)", NULL, NULL, NULL), SQLITE_OK);
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE beneficiary SET search_key = 'zorro diego'"
             " WHERE id = %lld", (long long)fx->pierre);
    assert_int_equal(sqlite3_exec(c, sql, NULL, NULL, NULL), SQLITE_OK);
    struct db_person_hit *hits = NULL;
    size_t n = 0;
    struct db_error err = {0};
    fx_must(db_person_search(fx->db, "zor die", 5, &hits, &n, &err), &err, "raw");
    assert_int_equal(n, 1);
    assert_int_equal(hits[0].id, fx->pierre);
    free(hits);
    fx_must(db_person_search(fx->db, "durand", 5, &hits, &n, &err), &err, "old");
    assert_int_equal(n, 0);
    free(hits);
}

int main(void)
{
    setenv("GUICHET_NOW", FX_NOW, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_site_service_agent_motif, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_openings, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_absences, fx_setup, fx_teardown),
        cmocka_unit_test(test_migrate_v1_file),
        cmocka_unit_test_setup_teardown(test_site_holidays, fx_setup, fx_teardown),
        cmocka_unit_test(test_migrate_v2_file),
        cmocka_unit_test_setup_teardown(test_schema_rules_raw_sql, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
