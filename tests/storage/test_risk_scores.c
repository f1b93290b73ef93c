/* test_risk_scores.c - the scores of coming appointments, read from the
 * counts kept on write (risk_tally) and the rows a period needs, are the
 * very scores the sweep over the whole history gives; the counts stay
 * equal to the history's after inserts, status changes, moves to another
 * motif and deletions made behind guichet's back (raw SQL: the triggers,
 * not the C code, keep them). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storage/storage.h"

struct fx {
    char dir[64], path[128];
    struct db *db;
    sqlite3 *raw;
};

static void must(int rc, const struct db_error *err, const char *what)
{
    if (rc != DB_OK)
        fail_msg("%s: %d %s", what, rc, err->detail);
}

static unsigned next(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 8) & 0xffffff;
}

static const int SLOTS[] = {9 * 60, 10 * 60, 11 * 60, 14 * 60, 15 * 60, 16 * 60};

/* About 1,800 appointments of 6 agents on 3 sites from September to the
 * day before "now" (2026-11-25 10:00), with outcomes, and the coming two
 * days still unknown; a few past ones still to fill in. */
static char *history_csv(size_t *len)
{
    size_t cap = 1 << 20, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    n += (size_t)snprintf(s + n, cap - n, "person_ref;sex;birth_date;site;motif;agent;starts_at;"
                                          "booked_at;reminder_sent;status\n");
    unsigned seed = 7;
    struct civil_date d = {2026, 9, 1}, last = {2026, 11, 26};
    for (; civil_date_compare(d, last) <= 0; civil_date_add_days(d, 1, &d)) {
        if (civil_weekday(d) > 5)
            continue;
        int future = civil_date_compare(d, (struct civil_date){2026, 11, 25}) >= 0;
        for (int agent = 0; agent < 6; agent++)
            for (size_t k = 0; k < sizeof SLOTS / sizeof SLOTS[0]; k++) {
                if (future && d.day == 25 && SLOTS[k] < 11 * 60)
                    continue;
                unsigned p = next(&seed) % 60, r = next(&seed) % 100;
                const char *status = future ? "unknown" : r < 25 ? "noshow" : r < 85 ? "seen"
                                                      : r < 95 ? "excused" : "unknown";
                struct civil_date booked;
                int lead = (int)(next(&seed) % 40);
                unsigned hour = lead ? 8 + next(&seed) % 9 : 7;
                civil_date_add_days(d, -lead, &booked);
                n += (size_t)snprintf(s + n, cap - n,
                                      "P%u;%s;%s;Site %d;Motif %u;Agent %d;%04d-%02d-%02d %02d:%02d;"
                                      "%04d-%02d-%02d %02u:15;%s;%s\n",
                                      p, p % 3 == 0 ? "F" : p % 3 == 1 ? "M" : "",
                                      p % 5 ? "1970-03-04" : "", agent / 2, next(&seed) % 4,
                                      agent, d.year, d.month, d.day, SLOTS[k] / 60, SLOTS[k] % 60,
                                      booked.year, booked.month, booked.day, hour,
                                      next(&seed) % 2 ? "oui" : "non", status);
                assert_true(n < cap);
            }
    }
    *len = n;
    return s;
}

static int fx_setup(void **state)
{
    setenv("GUICHET_NOW", "2026-11-25 10:00", 1);
    struct fx *fx = calloc(1, sizeof *fx);
    struct db_error err = {0};
    snprintf(fx->dir, sizeof fx->dir, "/tmp/guichet-scores-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/test.db", fx->dir);
    struct db_open_options o = {.create = 1};
    must(db_open(fx->path, &o, &fx->db, &err), &err, "open");
    db_set_actor(fx->db, "mdupont");
    size_t len;
    char *csv = history_csv(&len);
    struct db_import_stats st;
    struct db_import_error where;
    must(db_import_appointments(fx->db, csv, len, NULL, NULL, &st, &where, &err), &err,
         where.reason);
    free(csv);
    assert_true(st.added > 1500);
    /* a fitted model, so that every feature weighs */
    struct risk_appt *a;
    size_t n;
    must(db_risk_history(fx->db, &a, &n, &err), &err, "history");
    struct risk_row *rows = malloc(n * sizeof *rows);
    assert_int_equal(risk_features_build(a, n, rows), 0);
    struct risk_model m;
    assert_int_equal(risk_fit(rows, n, INT64_MAX, &m), 0);
    assert_false(m.is_default);
    struct db_risk_fit_info info = {0};
    must(db_risk_model_save(fx->db, &m, &info, &err), &err, "save");
    free(rows);
    free(a);
    assert_int_equal(sqlite3_open(fx->path, &fx->raw), SQLITE_OK);
    sqlite3_busy_timeout(fx->raw, 10000);
    *state = fx;
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *fx = *state;
    sqlite3_close(fx->raw);
    db_close(fx->db);
    char p[160];
    snprintf(p, sizeof p, "%s-journal", fx->path);
    unlink(p);
    unlink(fx->path);
    rmdir(fx->dir);
    free(fx);
    return 0;
}

static long raw_int(sqlite3 *c, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void raw_exec(sqlite3 *c, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(c, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* risk_tally holds exactly the history's outcomes per site, motif, agent. */
static void assert_tally_matches(sqlite3 *c)
{
    static const char counted[] =
        "SELECT site_id, motif_id, agent_id, count(*), sum(status = 'noshow') FROM appointment"
        " WHERE status IN ('seen', 'noshow') GROUP BY 1, 2, 3";
    static const char kept[] =
        "SELECT site_id, motif_id, agent_id, n, noshows FROM risk_tally WHERE n <> 0";
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", counted, kept);
    assert_int_equal(raw_int(c, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", kept, counted);
    assert_int_equal(raw_int(c, sql), 0);
    assert_true(raw_int(c, "SELECT count(*) FROM risk_tally") > 10);
}

/* db_risk_scores over [from, to) against the sweep over every row. */
static void assert_scores_as_sweep(struct fx *fx, const char *from, const char *to,
                                   int64_t site_id, double min_risk)
{
    struct db_error err = {0};
    struct risk_appt *a;
    size_t n;
    must(db_risk_history(fx->db, &a, &n, &err), &err, "history");
    struct risk_row *rows = malloc(n * sizeof *rows);
    assert_int_equal(risk_features_build(a, n, rows), 0);
    struct risk_model m;
    struct db_risk_fit_info info;
    int found;
    must(db_risk_model_load(fx->db, &m, &info, &found, &err), &err, "model");
    assert_true(found);
    struct db_risk_item *items;
    size_t k;
    must(db_risk_scores(fx->db, from, to, site_id, min_risk, &items, &k, &err), &err, "scores");
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM appointment WHERE status = 'unknown'"
             " AND starts_at >= '%s' AND starts_at < '%s' AND (%lld = 0 OR site_id = %lld)",
             from, to, (long long)site_id, (long long)site_id);
    size_t expected = (size_t)raw_int(fx->raw, sql), above = 0;
    assert_true(expected > 0);
    for (size_t i = 0; i < n; i++) {
        char starts[CIVIL_DATETIME_LEN];
        civil_format_datetime(a[i].starts, starts, sizeof starts);
        if (strcmp(starts, from) < 0 || strcmp(starts, to) >= 0 ||
            (site_id && a[i].site_id != site_id))
            continue;
        snprintf(sql, sizeof sql, "SELECT status = 'unknown' FROM appointment WHERE id = %lld",
                 (long long)a[i].id);
        if (!raw_int(fx->raw, sql))
            continue;
        double p = risk_score(&m, &rows[i]);
        if (p < min_risk)
            continue;
        above++;
        size_t j = 0;
        while (j < k && items[j].appointment_id != a[i].id)
            j++;
        if (j == k)
            fail_msg("appointment %lld (%s) not scored", (long long)a[i].id, starts);
        if (items[j].risk != p)
            fail_msg("appointment %lld: %.17g instead of %.17g", (long long)a[i].id,
                     items[j].risk, p);
        char reasons[512];
        risk_reasons_text(&m, &rows[i], 3, reasons, sizeof reasons);
        assert_string_equal(items[j].reasons, reasons);
        assert_string_equal(items[j].starts_at, starts);
    }
    assert_int_equal(k, above);
    if (min_risk == 0.0)
        assert_int_equal(k, expected);
    for (size_t i = 1; i < k; i++)
        assert_true(items[i - 1].risk >= items[i].risk);
    free(items);
    free(rows);
    free(a);
}

static void test_scores_equal_the_sweep(void **state)
{
    struct fx *fx = *state;
    assert_tally_matches(fx->raw);
    assert_scores_as_sweep(fx, "2026-11-25 10:00", "2026-11-27 00:00", 0, 0.0);
    assert_scores_as_sweep(fx, "2026-11-25 10:00", "2026-11-27 00:00", 2, 0.0);
    assert_scores_as_sweep(fx, "2026-11-25 10:00", "2026-11-27 00:00", 0, 0.2);
    /* a period in the past: the appointments still to fill in */
    assert_scores_as_sweep(fx, "2026-09-01 00:00", "2026-11-25 10:00", 0, 0.0);
}

static void test_tally_follows_every_write(void **state)
{
    struct fx *fx = *state;
    /* an outcome recorded early today, later than the period's start and
     * before tomorrow's appointments: it counts for tomorrow only */
    raw_exec(fx->raw, "UPDATE appointment SET status = 'seen'"
                      " WHERE starts_at = '2026-11-25 15:00'"
                      " AND site_id = (SELECT min(id) FROM site)");
    raw_exec(fx->raw, "UPDATE appointment SET status = 'noshow'"
                      " WHERE starts_at = '2026-11-25 11:00'"
                      " AND site_id = (SELECT max(id) FROM site)");
    /* corrections of the past: outcomes changed, a motif changed, a row
     * gone, a row added */
    raw_exec(fx->raw, "UPDATE appointment SET status = CASE status WHEN 'seen' THEN 'noshow'"
                      " ELSE 'seen' END WHERE status IN ('seen', 'noshow') AND id % 7 = 0");
    raw_exec(fx->raw, "UPDATE appointment SET status = 'excused' WHERE id % 11 = 0");
    raw_exec(fx->raw, "UPDATE appointment SET motif_id = (SELECT min(id) FROM motif)"
                      " WHERE id % 13 = 0");
    raw_exec(fx->raw, "DELETE FROM appointment WHERE id % 17 = 0 AND status = 'noshow'"
                      " AND id NOT IN (SELECT appointment_id FROM risk_alert)");
    raw_exec(fx->raw, "INSERT INTO appointment (site_id, agent_id, motif_id, beneficiary_id,"
                      " starts_at, ends_at, status, created_at, overbooked)"
                      " SELECT site_id, agent_id, motif_id, beneficiary_id, '2026-11-24 18:00',"
                      " '2026-11-24 18:30', 'noshow', '2026-11-20 10:00', 1"
                      " FROM appointment WHERE status = 'noshow' LIMIT 3");
    assert_tally_matches(fx->raw);
    assert_scores_as_sweep(fx, "2026-11-25 10:00", "2026-11-27 00:00", 0, 0.0);
    assert_scores_as_sweep(fx, "2026-11-25 14:00", "2026-11-26 12:00", 1, 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scores_equal_the_sweep, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_tally_follows_every_write, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
