/* test_report.c - the queries of the supervisors' summaries (storage/
 * report.c) on a real file: counts by site, agent, motif, status and
 * started-or-not at a given now, one site or all, the period's bounds as
 * civil days; waits from arrival to seen; changes from the audit log
 * (written by the real write units); the next day's agenda without
 * cancelled appointments; seen/no-show per day, from counts that triggers
 * keep equal to the rows whatever writes; an invalid period refused; and
 * every query served by the summary indexes (no scan of the appointment,
 * person or audit table). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "house_fixture.h"

static int64_t insert(struct fx *fx, int64_t site, int64_t agent, const char *start,
                      const char *end, enum appt_status status, const char *arrived)
{
    struct db_appt a;
    memset(&a, 0, sizeof a);
    a.site_id = site;
    a.agent_id = agent;
    a.motif_id = fx->motif;
    a.person_id = fx->helene;
    snprintf(a.starts_at, sizeof a.starts_at, "%s", start);
    snprintf(a.ends_at, sizeof a.ends_at, "%s", end);
    a.status = status;
    snprintf(a.arrived_at, sizeof a.arrived_at, "%s", arrived);
    snprintf(a.created_at, sizeof a.created_at, "2026-11-01 09:00");
    struct db_error err = {0};
    fx_must(db_appt_insert(fx->db, &a, &err), &err, "insert");
    return a.id;
}

static void seed(struct fx *fx)
{
    struct db_error err = {0};
    fx_must(db_bulk_begin(fx->db, &err), &err, "bulk");
    insert(fx, fx->centre, fx->agent1, "2026-11-25 09:00", "2026-11-25 09:30", APPT_SEEN,
           "2026-11-25 08:50");
    insert(fx, fx->centre, fx->agent1, "2026-11-25 09:30", "2026-11-25 10:00", APPT_NOSHOW, "");
    insert(fx, fx->centre, fx->agent2, "2026-11-25 09:30", "2026-11-25 10:00", APPT_UNKNOWN, "");
    insert(fx, fx->centre, fx->agent2, "2026-11-25 10:00", "2026-11-25 10:30", APPT_UNKNOWN, "");
    insert(fx, fx->nord, fx->agent3, "2026-11-25 23:30", "2026-11-26 00:00", APPT_UNKNOWN, "");
    insert(fx, fx->centre, fx->agent1, "2026-11-26 00:00", "2026-11-26 00:30", APPT_UNKNOWN, "");
    insert(fx, fx->centre, fx->agent2, "2026-11-26 11:00", "2026-11-26 11:30", APPT_REVOKED, "");
    fx_must(db_bulk_commit(fx->db, &err), &err, "commit");
    /* seen_at through SQL: the status unit would stamp the clock's now */
    char *msg = NULL;
    assert_int_equal(sqlite3_exec(fx->db->conn, "UPDATE appointment SET seen_at ="
                                  " '2026-11-25 09:07' WHERE status = 'seen'", NULL, NULL, &msg),
                     SQLITE_OK);
}

static const struct civil_date DAY = {2026, 11, 25}, NEXT = {2026, 11, 26},
                                AFTER = {2026, 11, 27};

static long group_count(const struct db_report_group *g, size_t n, int64_t agent,
                        enum appt_status s, int started)
{
    long c = 0;
    for (size_t i = 0; i < n; i++)
        if (g[i].agent_id == agent && g[i].status == s && g[i].started == started)
            c += g[i].count;
    return c;
}

static void test_groups(void **state)
{
    struct fx *fx = *state;
    seed(fx);
    struct civil_datetime now = {{2026, 11, 25}, 9 * 60 + 45};
    struct db_report_group *g = NULL;
    size_t n = 0;
    assert_int_equal(db_report_groups(fx->db, 0, DAY, NEXT, now, &g, &n, NULL), DB_OK);
    long total = 0;
    for (size_t i = 0; i < n; i++)
        total += g[i].count;
    assert_int_equal(total, 5); /* 23:30 is in, the next day's 00:00 is not */
    assert_int_equal(group_count(g, n, fx->agent1, APPT_SEEN, 1), 1);
    assert_int_equal(group_count(g, n, fx->agent1, APPT_NOSHOW, 1), 1);
    assert_int_equal(group_count(g, n, fx->agent2, APPT_UNKNOWN, 1), 1); /* 09:30 < 09:45 */
    assert_int_equal(group_count(g, n, fx->agent2, APPT_UNKNOWN, 0), 1); /* 10:00 */
    assert_int_equal(group_count(g, n, fx->agent3, APPT_UNKNOWN, 0), 1);
    free(g);
    assert_int_equal(db_report_groups(fx->db, fx->nord, DAY, NEXT, now, &g, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(g[0].site_id, fx->nord);
    free(g);
    struct db_error err = {0};
    struct civil_date bad = {2026, 2, 30};
    assert_int_equal(db_report_groups(fx->db, 0, bad, NEXT, now, &g, &n, &err), DB_ERR_INVALID);
    assert_null(g);
}

static void test_arrivals_agenda_days(void **state)
{
    struct fx *fx = *state;
    seed(fx);
    struct db_report_arrival *a = NULL;
    size_t n = 0;
    assert_int_equal(db_report_arrivals(fx->db, 0, DAY, NEXT, &a, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(a[0].wait_minutes, 17);
    free(a);
    struct db_report_agenda *g = NULL;
    assert_int_equal(db_report_agenda(fx->db, 0, NEXT, AFTER, &g, &n, NULL), DB_OK);
    assert_int_equal(n, 1); /* the revoked one is left out */
    assert_int_equal(g[0].agent_id, fx->agent1);
    assert_string_equal(g[0].first_start, "2026-11-26 00:00");
    assert_string_equal(g[0].last_end, "2026-11-26 00:30");
    free(g);
    struct db_report_day *d = NULL;
    assert_int_equal(db_report_days(fx->db, fx->centre, DAY, AFTER, &d, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(d[0].date.day, 25);
    assert_int_equal(d[0].seen, 1);
    assert_int_equal(d[0].noshow, 1);
    free(d);
}

static long sql_long(struct fx *fx, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(fx->db->conn, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void sql_must(struct fx *fx, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(fx->db->conn, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* The per-day counts kept by triggers equal the counts of the rows. */
static void outcome_days_agree(struct fx *fx, const char *after)
{
#define COUNTED "SELECT site_id, day, seen, noshow FROM appointment_outcome_day" \
                " WHERE seen <> 0 OR noshow <> 0"
#define ROWS "SELECT site_id, substr(starts_at, 1, 10), sum(status = 'seen')," \
             " sum(status = 'noshow') FROM appointment" \
             " WHERE status IN ('seen', 'noshow') GROUP BY 1, 2"
    long extra = sql_long(fx, "SELECT count(*) FROM (" COUNTED " EXCEPT " ROWS ")");
    long missing = sql_long(fx, "SELECT count(*) FROM (" ROWS " EXCEPT " COUNTED ")");
    long negative = sql_long(fx, "SELECT count(*) FROM appointment_outcome_day"
                                 " WHERE seen < 0 OR noshow < 0");
    if (extra || missing || negative)
        fail_msg("after %s: %ld counted but not in the rows, %ld missing, %ld negative",
                 after, extra, missing, negative);
#undef COUNTED
#undef ROWS
}

/* Hundreds of groups (300 motifs, each cancelled by the person and by the
 * service, at two sites, before and after now): the counts added up in C
 * equal SQL's GROUP BY, group for group. */
static void test_many_groups(void **state)
{
    struct fx *fx = *state;
    char sql[2048];
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
             " INSERT INTO motif (name, service_id, duration_minutes)"
             " SELECT 'Motif ' || i, (SELECT service_id FROM motif WHERE id = %lld), 30 FROM n;"
             "WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 3)"
             " INSERT INTO appointment (site_id, agent_id, motif_id, beneficiary_id, starts_at,"
             " ends_at, status, created_at)"
             " SELECT CASE WHEN m.id %% 3 THEN %lld ELSE %lld END, %lld, m.id, %lld,"
             " printf('2026-11-25 %%02d:%%02d', 8 + k.j, m.id %% 59),"
             " printf('2026-11-25 %%02d:%%02d', 8 + k.j, m.id %% 59 + 1),"
             " CASE WHEN k.j %% 2 THEN 'excused' ELSE 'revoked' END, '2026-11-01 09:00'"
             " FROM motif m, k",
             (long long)fx->motif, (long long)fx->centre, (long long)fx->nord,
             (long long)fx->agent1, (long long)fx->helene);
    sql_must(fx, sql);
    struct civil_datetime now = {{2026, 11, 25}, 9 * 60 + 30};
    struct db_report_group *g = NULL;
    size_t n = 0;
    assert_int_equal(db_report_groups(fx->db, 0, DAY, NEXT, now, &g, &n, NULL), DB_OK);
    assert_true(n > 600);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(fx->db->conn,
        "SELECT site_id, agent_id, motif_id, status, starts_at < '2026-11-25 09:30', count(*)"
        " FROM appointment WHERE starts_at >= '2026-11-25' AND starts_at < '2026-11-26'"
        " GROUP BY 1, 2, 3, 4, 5", -1, &st, NULL), SQLITE_OK);
    size_t rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        rows++;
        const char *status = (const char *)sqlite3_column_text(st, 3);
        size_t i = 0;
        while (i < n && !(g[i].site_id == sqlite3_column_int64(st, 0) &&
                          g[i].agent_id == sqlite3_column_int64(st, 1) &&
                          g[i].motif_id == sqlite3_column_int64(st, 2) &&
                          strcmp(appt_status_name(g[i].status), status) == 0 &&
                          g[i].started == sqlite3_column_int(st, 4)))
            i++;
        if (i == n || g[i].count != (long)sqlite3_column_int64(st, 5))
            fail_msg("group %lld/%lld/%s: %s", (long long)sqlite3_column_int64(st, 0),
                     (long long)sqlite3_column_int64(st, 2), status,
                     i == n ? "missing" : "another count");
    }
    sqlite3_finalize(st);
    assert_int_equal(rows, n);
    for (size_t i = 1; i < n; i++) /* in order, each group once */
        assert_true(g[i - 1].site_id < g[i].site_id ||
                    (g[i - 1].site_id == g[i].site_id &&
                     (g[i - 1].agent_id < g[i].agent_id ||
                      (g[i - 1].agent_id == g[i].agent_id &&
                       (g[i - 1].motif_id < g[i].motif_id ||
                        (g[i - 1].motif_id == g[i].motif_id &&
                         (g[i - 1].status < g[i].status ||
                          (g[i - 1].status == g[i].status &&
                           g[i - 1].started < g[i].started))))))));
    free(g);
}

/* Seen and no-show counted per site and day by triggers, whatever writes:
 * a bulk insert, the status and cancel units, a move to another day or
 * site, a deletion; the days query reads them. */
static void test_outcome_days(void **state)
{
    struct fx *fx = *state;
    seed(fx);
    outcome_days_agree(fx, "the bulk insert");
    assert_int_equal(sql_long(fx, "SELECT count(*) FROM appointment_outcome_day"), 1);
    struct db_error err = {0};
    int64_t unknown930 = sql_long(fx, "SELECT id FROM appointment WHERE status = 'unknown'"
                                      " AND starts_at = '2026-11-25 09:30'");
    int64_t seen = sql_long(fx, "SELECT id FROM appointment WHERE status = 'seen'");
    fx_must(db_appt_set_status(fx->db, unknown930, DB_VERSION_CURRENT, APPT_NOSHOW, NULL, &err),
            &err, "noshow");
    outcome_days_agree(fx, "a no-show");
    fx_must(db_appt_set_status(fx->db, seen, DB_VERSION_CURRENT, APPT_UNKNOWN, NULL, &err),
            &err, "back to unknown");
    outcome_days_agree(fx, "back to unknown");
    fx_must(db_appt_set_status(fx->db, seen, DB_VERSION_CURRENT, APPT_SEEN, NULL, &err),
            &err, "seen again");
    outcome_days_agree(fx, "seen again");
    struct db_report_day *d = NULL;
    size_t n = 0;
    assert_int_equal(db_report_days(fx->db, 0, DAY, AFTER, &d, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(d[0].seen, 1);
    assert_int_equal(d[0].noshow, 2);
    free(d);
    /* another day, another site, a deletion: any program's SQL */
    sql_must(fx, "UPDATE appointment SET starts_at = '2026-11-24 09:30',"
                 " ends_at = '2026-11-24 10:00' WHERE status = 'noshow'"
                 " AND agent_id = (SELECT agent_id FROM appointment WHERE status = 'seen')");
    outcome_days_agree(fx, "a move to the day before");
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE appointment SET site_id = %lld WHERE id = %lld",
             (long long)fx->nord, (long long)seen);
    sql_must(fx, sql);
    outcome_days_agree(fx, "a move to another site");
    assert_int_equal(db_report_days(fx->db, fx->centre, DAY, AFTER, &d, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(d[0].seen, 0);
    assert_int_equal(d[0].noshow, 1);
    free(d);
    sql_must(fx, "DELETE FROM appointment WHERE status = 'noshow'");
    outcome_days_agree(fx, "a deletion");
    /* days whose counts fell to zero are not listed */
    assert_int_equal(db_report_days(fx->db, fx->centre, DAY, AFTER, &d, &n, NULL), DB_OK);
    assert_int_equal(n, 0);
    free(d);
    assert_int_equal(db_report_days(fx->db, 0, DAY, AFTER, &d, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(d[0].seen, 1);
    free(d);
}

static void test_changes(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    db_set_actor(fx->db, "accueil2");
    struct db_appt a;
    memset(&a, 0, sizeof a);
    a.site_id = fx->nord;
    a.agent_id = fx->agent3;
    a.motif_id = fx->motif;
    a.person_id = fx->helene;
    snprintf(a.starts_at, sizeof a.starts_at, "2026-11-27 09:00");
    snprintf(a.ends_at, sizeof a.ends_at, "2026-11-27 09:30");
    fx_must(db_appt_book(fx->db, &a, &err), &err, "book");
    fx_must(db_appt_cancel(fx->db, a.id, DB_VERSION_CURRENT, APPT_EXCUSED, "malade", NULL, &err),
            &err, "cancel");
    struct db_report_changes *c = NULL;
    size_t n = 0;
    assert_int_equal(db_report_changes(fx->db, 0, DAY, NEXT, &c, &n, NULL), DB_OK);
    assert_int_equal(n, 1); /* the audit clock is FX_NOW, on DAY */
    assert_string_equal(c[0].actor, "accueil2");
    assert_int_equal(c[0].created, 1);
    assert_int_equal(c[0].cancelled, 1);
    assert_int_equal(c[0].moved, 0);
    free(c);
    assert_int_equal(db_report_changes(fx->db, fx->centre, DAY, NEXT, &c, &n, NULL), DB_OK);
    assert_int_equal(n, 0); /* not this site's */
    free(c);
    assert_int_equal(db_report_changes(fx->db, 0, NEXT, AFTER, &c, &n, NULL), DB_OK);
    assert_int_equal(n, 0);
    free(c);
}

static void test_plans(void **state)
{
    struct fx *fx = *state;
    static const char *const want[] = {
        "COVERING INDEX appointment_report", "COVERING INDEX appointment_arrived",
        "INDEX audit_entity_at", "COVERING INDEX appointment_report",
        /* seen and no-show per day: the counts kept by triggers */
        "SEARCH d USING PRIMARY KEY (site_id=? AND day>? AND day<?)",
        /* room loans: occupancy, requests waiting, insurance */
        "INDEX loan_occurrence_room_start", "INDEX loan_occurrence_pending",
        "INDEX sqlite_autoindex_loan_occurrence_1",
        /* alerts, the alerted next day, reminders */
        "COVERING INDEX appointment_report", "COVERING INDEX appointment_report",
        "INDEX beneficiary_channels (id=?)",
    };
    int i = 0;
    for (; db_report_sql(i); i++) {
        char sql[4096];
        snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", db_report_sql(i));
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(fx->db->conn, sql, -1, &st, NULL), SQLITE_OK);
        char plan[2048] = "";
        while (sqlite3_step(st) == SQLITE_ROW) {
            strncat(plan, (const char *)sqlite3_column_text(st, 3), sizeof plan - strlen(plan) - 2);
            strcat(plan, ";");
        }
        sqlite3_finalize(st);
        if (!strstr(plan, want[i]) || strstr(plan, "SCAN a") || strstr(plan, "SCAN u") ||
            strstr(plan, "SCAN b") || strstr(plan, "SCAN d"))
            fail_msg("query %d: %s", i, plan);
    }
    assert_int_equal(i, (int)(sizeof want / sizeof want[0]));
}

int main(void)
{
    setenv("GUICHET_NOW", FX_NOW, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_groups, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_arrivals_agenda_days, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_many_groups, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_outcome_days, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_changes, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_plans, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
