/* test_privacy.c - storage/privacy.c, settings.c and privacy_access.c on a
 * real file: the retention limit's month arithmetic, the retention setting
 * (stored, audited, bounded), erasing a person (anonymised, appointments
 * kept without their notes, audit details cleared, the erase row with the
 * reason, refused twice, on a stale version and on a read-only
 * connection, with nothing written), the purge (who is due, the
 * responsible person of someone kept stays, preview = what is done, one
 * audit row, limit after today refused) and the access reads (follow-ups,
 * alerts, reminders and each appointment's whole history, kept without
 * her data by an erasure). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "house_fixture.h"

static void exec(struct db *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

static struct civil_date day(int y, int m, int d)
{
    struct civil_date c = {y, m, d};
    return c;
}

static void expect_limit(struct civil_date today, int months,
                         struct civil_date want)
{
    struct civil_date got = db_retention_limit(today, months);
    if (civil_date_compare(got, want) != 0)
        fail_msg("%04d-%02d-%02d - %d months = %04d-%02d-%02d", today.year,
                 today.month, today.day, months, got.year, got.month, got.day);
}

static void test_retention_limit(void **state)
{
    (void)state;
    expect_limit(day(2026, 11, 25), 24, day(2024, 11, 25));
    expect_limit(day(2026, 3, 31), 1, day(2026, 2, 28));
    expect_limit(day(2024, 2, 29), 12, day(2023, 2, 28));
    expect_limit(day(2028, 3, 31), 1, day(2028, 2, 29));
    expect_limit(day(2026, 1, 15), 1, day(2025, 12, 15));
    expect_limit(day(2026, 1, 15), 600, day(1976, 1, 15));
}

static void test_retention_setting(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_retention r;
    fx_must(db_retention_get(fx->db, &r, &err), &err, "get");
    assert_int_equal(r.months, 24);
    assert_int_equal(r.loan_months, 12);

    struct db_retention bad[] = {{0, 12}, {601, 12}, {24, 0}, {24, 601}};
    char *before = fx_dump(fx->db);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(db_retention_set(fx->db, &bad[i], &err), DB_ERR_INVALID);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);

    struct db_retention set = {36, 6};
    fx_must(db_retention_set(fx->db, &set, &err), &err, "set");
    /* another desk reads what this one set */
    struct db *other = fx_open_other(fx, "accueil2");
    fx_must(db_retention_get(other, &r, &err), &err, "get other");
    db_close(other);
    assert_int_equal(r.months, 36);
    assert_int_equal(r.loan_months, 6);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM audit WHERE entity = 'setting'"
                                    " AND action = 'retention' AND actor = 'accueil1'"
                                    " AND detail = 'months: 24 -> 36; loan months: 12 -> 6; '"),
                     1);
}

/* Hélène: an appointment with a note, an edit that named her old phone. */
static int64_t helene_history(struct fx *fx)
{
    struct db_error err = {0};
    struct db_appt a = {.site_id = fx->centre, .agent_id = fx->agent1,
                        .motif_id = fx->motif, .person_id = fx->helene,
                        .starts_at = "2026-11-26 09:00", .ends_at = "2026-11-26 09:30",
                        .context = "Dossier CAF de Hélène Lefèvre"};
    fx_must(db_appt_book(fx->db, &a, &err), &err, "book");
    struct db_person p;
    fx_must(db_person_get(fx->db, fx->helene, &p, &err), &err, "get");
    snprintf(p.phone, sizeof p.phone, "06 99 88 77 66");
    fx_must(db_person_update(fx->db, &p, NULL, &err), &err, "update");
    return a.id;
}

static void test_erase(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    int64_t appt = helene_history(fx);
    struct db_person p;
    fx_must(db_person_get(fx->db, fx->helene, &p, &err), &err, "get");
    assert_true(fx_int(fx->db, "SELECT count(*) FROM audit WHERE detail LIKE '%0612345678%'"
                                " OR detail LIKE '%06 12 34 56 78%'") > 0);
    long appts_before = fx_int(fx->db, "SELECT count(*) FROM appointment");

    fx_must(db_person_erase(fx->db, fx->helene, p.version, "demande écrite", NULL, &err),
            &err, "erase");
    struct db_person_record r;
    fx_must(db_person_record_get(fx->db, fx->helene, &r, &err), &err, "record");
    assert_string_equal(r.person.last_name, DB_ANONYMOUS_NAME);
    assert_string_equal(r.person.first_name, "");
    assert_string_equal(r.person.birth_date, "");
    assert_string_equal(r.person.phone, "");
    assert_string_equal(r.person.email, "");
    assert_string_equal(r.anonymised_at, FX_NOW);
    assert_int_equal(r.person.version, p.version + 1);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM appointment"), appts_before);
    struct db_appt a;
    fx_must(db_appt_get(fx->db, appt, &a, &err), &err, "appt");
    assert_int_equal(a.person_id, fx->helene);
    assert_string_equal(a.context, "");
    assert_int_equal(a.version, 2);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM person_word WHERE person_id IN"
                                    " (SELECT id FROM beneficiary WHERE last_name = 'Anonyme')"),
                     0);
    /* The copies of her names kept in her appointments are anonymised too. */
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM appointment WHERE beneficiary_id = %lld"
             " AND (person_last IS NOT 'Anonyme' OR person_first IS NOT '')",
             (long long)fx->helene);
    assert_int_equal(fx_int(fx->db, sql), 0);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM appointment WHERE person_last LIKE 'Lef%'"
                                    " OR person_first LIKE 'Hél%'"),
                     0);
    /* Nothing of her in any audit detail; the erase row says who and why. */
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM audit WHERE detail LIKE '%06 12 34%'"
                                    " OR detail LIKE '%06 99 88%' OR detail LIKE '%Lef%'"
                                    " OR detail LIKE '%061234%' OR detail LIKE '%069988%'"),
                     0);
    struct db_audit_entry *log = NULL;
    size_t n = 0;
    fx_must(db_person_audit(fx->db, fx->helene, &log, &n, &err), &err, "audit");
    assert_true(n >= 3);
    assert_string_equal(log[n - 1].action, "erase");
    assert_string_equal(log[n - 1].actor, "accueil1");
    assert_string_equal(log[n - 1].detail, "demande écrite");
    for (size_t i = 0; i + 1 < n; i++)
        assert_string_equal(log[i].detail, "");
    free(log);

    char *before = fx_dump(fx->db);
    assert_int_equal(db_person_erase(fx->db, fx->helene, DB_VERSION_CURRENT, "encore", NULL,
                                     &err), DB_ERR_INVALID);
    assert_int_equal(db_person_erase(fx->db, 987654, DB_VERSION_CURRENT, "x", NULL, &err),
                     DB_ERR_NO_ROW);
    assert_int_equal(db_person_erase(fx->db, fx->jean, DB_VERSION_CURRENT, "", NULL, &err),
                     DB_ERR_INVALID);
    assert_int_equal(db_person_erase(fx->db, fx->jean, DB_VERSION_CURRENT, "a\x1b[2J", NULL,
                                     &err), DB_ERR_INVALID);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

/* What the desks and senders recorded about her appointment: read back
 * for the export, then kept without her data by an erasure. */
static void test_records_and_history(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    int64_t appt = helene_history(fx);
    int claimed = 0;
    fx_must(db_followup_set(fx->db, appt, DB_FOLLOWUP_CALLED, NULL, &err), &err, "called");
    fx_must(db_followup_set(fx->db, appt, DB_FOLLOWUP_NOTE, "Rappeler Hélène", &err), &err,
            "note");
    fx_must(db_alert_claim(fx->db, appt, "day-before", DB_ALERT_DESKTOP, 0.42, &claimed, &err),
            &err, "alert");
    assert_int_equal(claimed, 1);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO reminder (id, appointment_id, channel, address, planned_at, state,"
             " attempts) VALUES (77, %lld, 'sms', '0699887766', '2026-11-25 09:00', 'sent', 1);"
             "INSERT INTO reminder_receipt (reminder_id, at, result, detail)"
             " VALUES (77, '2026-11-25 09:00:02', 'sent', 'to 0699887766');"
             "INSERT INTO audit (at, actor, entity, entity_id, action, detail) VALUES"
             " ('2026-11-25 09:00:01', 'remind', 'reminder', 0, 'claim',"
             "  'sms appointment %lld attempt 1'),"
             " ('2026-11-25 09:00:02', 'remind', 'reminder', 77, 'receipt', 'sent to 0699887766'),"
             " ('2026-11-25 09:00:03', 'remind', 'reminder', 0, 'claim',"
             "  'sms appointment %lld0 attempt 1')",
             (long long)appt, (long long)appt, (long long)appt);
    exec(fx->db, sql);

    struct db_person_records r;
    fx_must(db_person_records(fx->db, fx->helene, &r, &err), &err, "records");
    assert_int_equal(r.nfacts, 1);
    assert_int_equal(r.facts[0].booking_known, 1);
    assert_int_equal(r.nfollowups, 1);
    assert_string_equal(r.followups[0].note, "Rappeler Hélène");
    assert_string_equal(r.followups[0].called_at, FX_NOW);
    assert_string_equal(r.followups[0].confirmed_at, "");
    assert_int_equal(r.nalerts, 1);
    assert_string_equal(r.alerts[0].moment, "day-before");
    assert_true(r.alerts[0].risk > 0.419 && r.alerts[0].risk < 0.421);
    assert_int_equal(r.nreminders, 1);
    assert_string_equal(r.reminders[0].address, "0699887766");
    assert_int_equal(r.nreceipts, 1);
    assert_string_equal(r.receipts[0].detail, "to 0699887766");
    db_person_records_free(&r);

    struct db_audit_entry *h = NULL;
    size_t n = 0;
    fx_must(db_appt_history(fx->db, appt, &h, &n, &err), &err, "history");
    /* create, 2 follow-ups, the alert, the claim, the receipt; oldest
     * first; not the claim for another appointment */
    assert_int_equal(n, 6);
    assert_string_equal(h[0].action, "create");
    for (size_t i = 0; i + 1 < n; i++)
        assert_true(h[i].id < h[i + 1].id);
    int alerts = 0, claims = 0;
    for (size_t i = 0; i < n; i++) {
        alerts += strcmp(h[i].entity, "risk_alert") == 0;
        claims += strcmp(h[i].action, "claim") == 0;
    }
    assert_int_equal(alerts, 1);
    assert_int_equal(claims, 1);
    free(h);

    fx_must(db_person_erase(fx->db, fx->helene, DB_VERSION_CURRENT, "demande", NULL, &err),
            &err, "erase");
    fx_must(db_person_records(fx->db, fx->helene, &r, &err), &err, "records after");
    assert_int_equal(r.nfollowups, 1);
    assert_string_equal(r.followups[0].note, "");
    assert_string_equal(r.followups[0].called_at, FX_NOW);
    assert_int_equal(r.nalerts, 1);
    assert_string_equal(r.reminders[0].address, DB_ERASED_ADDRESS);
    assert_string_equal(r.reminders[0].state, "sent");
    assert_string_equal(r.receipts[0].detail, "");
    db_person_records_free(&r);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM audit WHERE detail LIKE '%0699887766%'"
                                    " OR detail LIKE '%Hélène%'"),
                     0);
}

static void test_erase_refused_stale_or_readonly(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_person p;
    fx_must(db_person_get(fx->db, fx->jean, &p, &err), &err, "get");
    struct db *other = fx_open_other(fx, "accueil2");
    struct db_person q = p;
    snprintf(q.email, sizeof q.email, "jp@example.org");
    fx_must(db_person_update(other, &q, NULL, &err), &err, "other desk edits");
    db_close(other);

    char *before = fx_dump(fx->db);
    struct db_conflict c;
    assert_int_equal(db_person_erase(fx->db, fx->jean, p.version, "demande", &c, &err),
                     DB_ERR_CONFLICT);
    assert_string_equal(c.last.actor, "accueil2");

    struct db_open_options ro = {.readonly = 1};
    struct db *reader = NULL;
    fx_must(db_open(fx->path, &ro, &reader, &err), &err, "open read-only");
    assert_int_equal(db_person_erase(reader, fx->jean, DB_VERSION_CURRENT, "demande", NULL,
                                     &err), DB_ERR_READONLY);
    struct civil_date limit = {2026, 11, 1};
    assert_int_equal(db_purge(reader, limit, limit, NULL, &err), DB_ERR_READONLY);
    struct db_retention r = {12, 12};
    assert_int_equal(db_retention_set(reader, &r, &err), DB_ERR_READONLY);
    /* reading is fine */
    struct db_purge_counts counts;
    fx_must(db_purge_preview(reader, limit, limit, &counts, &err), &err, "preview read-only");
    db_close(reader);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_purge(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    /* Everyone recorded long ago. Hélène was last seen in 2023 but is
     * Pierre's responsible person, and Pierre comes next month; Jean was
     * last seen in 2023 with a note and a cancel reason. */
    exec(fx->db,
         "UPDATE beneficiary SET created_at = '2022-01-03 09:00';"
         "UPDATE beneficiary SET responsible_id = (SELECT id FROM beneficiary"
         " WHERE last_name = 'Lefèvre') WHERE last_name = 'Durand';"
         "INSERT INTO appointment (site_id, agent_id, motif_id, beneficiary_id,"
         " starts_at, ends_at, status, context, cancel_reason, created_at) VALUES"
         " (1, 1, 1, (SELECT id FROM beneficiary WHERE last_name = 'Lefèvre'),"
         "  '2023-03-01 09:00', '2023-03-01 09:30', 'seen', 'note H', '', '2023-02-01 10:00'),"
         " (1, 1, 1, (SELECT id FROM beneficiary WHERE last_name = 'Dupont-Martin'),"
         "  '2023-04-03 09:00', '2023-04-03 09:30', 'seen', 'note J', '', '2023-02-01 10:00'),"
         " (1, 1, 1, (SELECT id FROM beneficiary WHERE last_name = 'Dupont-Martin'),"
         "  '2023-05-02 09:00', '2023-05-02 09:30', 'excused', '', 'raison J', '2023-02-01 10:00'),"
         " (1, 2, 1, (SELECT id FROM beneficiary WHERE last_name = 'Durand'),"
         "  '2026-12-10 09:00', '2026-12-10 09:30', 'unknown', 'note P', '', '2026-11-01 10:00');"
         "INSERT INTO audit (at, actor, entity, entity_id, action, detail) VALUES"
         " ('2023-04-03 09:40:00', 'x', 'appointment', 1, 'note', 'old detail'),"
         " ('2026-11-20 09:40:00', 'x', 'site', 1, 'edit', 'recent detail');");
    struct civil_date limit = db_retention_limit((struct civil_date){2026, 11, 25}, 24);

    struct db_purge_person *due = NULL;
    size_t n = 0;
    fx_must(db_purge_due(fx->db, limit, &due, &n, &err), &err, "due");
    assert_int_equal(n, 1);
    assert_int_equal(due[0].id, fx->jean);
    assert_string_equal(due[0].last_seen, "2023-05-02");
    free(due);
    long count = -1;
    fx_must(db_purge_due_count(fx->db, &count, NULL, &err), &err, "due count");
    assert_int_equal(count, 1);

    struct db_purge_counts preview, done;
    fx_must(db_purge_preview(fx->db, limit, limit, &preview, &err), &err, "preview");
    long audit_rows = fx_int(fx->db, "SELECT count(*) FROM audit");
    fx_must(db_purge(fx->db, limit, limit, &done, &err), &err, "purge");
    assert_int_equal(done.people, 1);
    assert_int_equal(done.appt_notes, 3);
    assert_true(done.audit_details >= 1);
    assert_memory_equal(&preview, &done, sizeof done);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM audit"), audit_rows + 1);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM beneficiary WHERE anonymised_at"
                                    " IS NOT NULL"), 1);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM beneficiary WHERE last_name"
                                    " = 'Lefèvre'"), 1);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM appointment WHERE context <> ''"
                                    " OR cancel_reason <> ''"), 1);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM audit WHERE detail = 'recent detail'"),
                     1);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM audit WHERE at < '2024-11-25'"
                                    " AND detail <> ''"), 0);
    fx_must(db_purge_due_count(fx->db, &count, NULL, &err), &err, "due count");
    assert_int_equal(count, 0);

    char *before = fx_dump(fx->db);
    assert_int_equal(db_purge(fx->db, (struct civil_date){2026, 11, 26}, (struct civil_date){2026, 11, 26}, NULL, &err),
                     DB_ERR_INVALID);
    assert_int_equal(db_purge(fx->db, (struct civil_date){2026, 2, 30}, (struct civil_date){2026, 2, 30}, NULL, &err),
                     DB_ERR_INVALID);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_dependants(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_person p;
    fx_must(db_person_get(fx->db, fx->pierre, &p, &err), &err, "get");
    p.responsible_id = fx->helene;
    fx_must(db_person_update(fx->db, &p, NULL, &err), &err, "update");
    int64_t *ids = NULL;
    size_t n = 0;
    fx_must(db_person_dependants(fx->db, fx->helene, &ids, &n, &err), &err, "dependants");
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], fx->pierre);
    free(ids);
    assert_int_equal(db_person_record_get(fx->db, 987654, &(struct db_person_record){0}, &err),
                     DB_ERR_NO_ROW);
}

/* A file made before the retention settings (schema 3, by the published
 * migrations' own SQL) is upgraded: its people keep every field and are
 * not anonymised, the retention is the default, and it can be erased. */
static void test_migrate_v3_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/guichet-v3-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/v3.db", dir);
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(path, &c), SQLITE_OK);
    assert_int_equal(sqlite3_exec(c, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(sqlite3_exec(c, db_migration_sql(i), NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(c,
        "PRAGMA user_version = 3;"
        "INSERT INTO beneficiary (last_name, first_name, phone, created_at)"
        " VALUES ('Ancien', 'Fichier', '01 02 03 04 05', '2024-01-02 10:00');"
        "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(c);

    struct db *db = NULL;
    struct db_error err = {0};
    struct db_open_options o = {0};
    fx_must(db_open(path, &o, &db, &err), &err, "open v3");
    int v = 0;
    fx_must(db_schema_version(db, &v, &err), &err, "version");
    assert_int_equal(v, DB_SCHEMA_VERSION);
    struct db_retention r;
    fx_must(db_retention_get(db, &r, &err), &err, "retention");
    assert_int_equal(r.months, DB_RETENTION_DEFAULT_MONTHS);
    assert_int_equal(r.loan_months, DB_LOAN_RETENTION_DEFAULT_MONTHS);
    struct db_person_record rec;
    fx_must(db_person_record_get(db, 1, &rec, &err), &err, "record");
    assert_string_equal(rec.person.last_name, "Ancien");
    assert_string_equal(rec.person.phone, "01 02 03 04 05");
    assert_string_equal(rec.anonymised_at, "");
    fx_must(db_person_erase(db, 1, DB_VERSION_CURRENT, "demande", NULL, &err), &err, "erase");
    /* the schema refuses a retention no desk could apply */
    assert_int_not_equal(sqlite3_exec(db->conn, "UPDATE setting SET value = '0'"
                                                " WHERE name = 'retention_months'",
                                      NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db->conn, "UPDATE setting SET value = '12a'"
                                                " WHERE name = 'retention_months'",
                                      NULL, NULL, NULL), SQLITE_OK);
    db_close(db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    setenv("GUICHET_NOW", FX_NOW, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_retention_limit),
        cmocka_unit_test_setup_teardown(test_retention_setting, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_erase, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_records_and_history, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_erase_refused_stale_or_readonly, fx_setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(test_purge, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_dependants, fx_setup, fx_teardown),
        cmocka_unit_test(test_migrate_v3_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
