/* test_risk_store.c - the risk's storage on a real file: an import read
 * back, a bad line leaving the file as it was, an import's progress moving
 * while rows are written, a stored model read back bit for bit, scores of
 * coming appointments riskiest first, an alert claimed once across two
 * connections, follow-up marks kept, a console's alerts pending until
 * acknowledged. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storage/storage.h"

struct fx {
    char dir[64], path[128];
    struct db *db;
};

static void must(int rc, const struct db_error *err, const char *what)
{
    if (rc != DB_OK)
        fail_msg("%s: %d %s", what, rc, err->detail);
}

/* A history: P1 missed 3 of 4, P2 came to 4 of 4; both booked tomorrow. */
static const char HISTORY[] =
    "person_ref;site;motif;agent;starts_at;booked_at;status\n"
    "P1;S;M;Agent A;2026-10-01 09:00;2026-09-01 10:00;noshow\n"
    "P1;S;M;Agent A;2026-10-08 09:00;2026-09-01 10:00;noshow\n"
    "P1;S;M;Agent A;2026-10-15 09:00;2026-09-01 10:00;seen\n"
    "P1;S;M;Agent A;2026-10-22 09:00;2026-09-01 10:00;noshow\n"
    "P2;S;M;Agent A;2026-10-01 10:00;2026-09-28 10:00;seen\n"
    "P2;S;M;Agent A;2026-10-08 10:00;2026-10-06 10:00;seen\n"
    "P2;S;M;Agent A;2026-10-15 10:00;2026-10-13 10:00;seen\n"
    "P2;S;M;Agent A;2026-10-22 10:00;2026-10-20 10:00;seen\n"
    "P1;S;M;Agent A;2026-11-26 09:00;2026-10-01 10:00;unknown\n"
    "P2;S;M;Agent A;2026-11-26 10:00;2026-11-24 10:00;unknown\n";

static int fx_setup(void **state)
{
    setenv("GUICHET_NOW", "2026-11-25 10:00", 1);
    struct fx *fx = calloc(1, sizeof *fx);
    struct db_error err = {0};
    snprintf(fx->dir, sizeof fx->dir, "/tmp/guichet-risk-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/test.db", fx->dir);
    struct db_open_options o = {.create = 1};
    must(db_open(fx->path, &o, &fx->db, &err), &err, "open");
    db_set_actor(fx->db, "mdupont");
    struct db_import_stats st;
    struct db_import_error where;
    must(db_import_appointments(fx->db, HISTORY, sizeof HISTORY - 1, NULL, NULL, &st, &where,
                                &err), &err, where.reason);
    assert_int_equal(st.added, 10);
    assert_int_equal(st.people, 2);
    *state = fx;
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *fx = *state;
    db_close(fx->db);
    char p[160];
    snprintf(p, sizeof p, "%s-journal", fx->path);
    unlink(p);
    unlink(fx->path);
    rmdir(fx->dir);
    free(fx);
    return 0;
}

static void test_history_as_the_model_sees_it(void **state)
{
    struct fx *fx = *state;
    struct risk_appt *a;
    size_t n;
    struct db_error err = {0};
    must(db_risk_history(fx->db, &a, &n, &err), &err, "history");
    assert_int_equal(n, 10);
    size_t noshow = 0, seen = 0, none = 0;
    for (size_t i = 0; i < n; i++) {
        noshow += a[i].outcome == RISK_OUTCOME_NOSHOW;
        seen += a[i].outcome == RISK_OUTCOME_SEEN;
        none += a[i].outcome == RISK_OUTCOME_NONE;
        assert_int_equal(a[i].booked.date.year, 2026); /* booking times known */
    }
    assert_int_equal(noshow, 3);
    assert_int_equal(seen, 5);
    assert_int_equal(none, 2);
    free(a);
}

static void test_bad_line_writes_nothing(void **state)
{
    struct fx *fx = *state;
    static const char bad[] = "person_ref;site;motif;starts_at;status\n"
                              "P9;New site;M;2026-10-01 09:00;seen\n"
                              "P9;New site;M;2026-10-02 09:00;perhaps\n";
    int64_t before_version = 0;
    struct db_error err = {0};
    must(db_data_version(fx->db, &before_version, &err), &err, "version");
    struct db_site s;
    struct db_import_stats st;
    struct db_import_error where;
    assert_int_equal(db_import_appointments(fx->db, bad, sizeof bad - 1, NULL, NULL, &st,
                                            &where, &err), DB_ERR_INVALID);
    assert_int_equal(where.line, 3);
    assert_int_equal(where.column, 5);
    assert_string_equal(where.column_name, "status");
    assert_int_equal(st.added, 0);
    assert_int_equal(db_site_find(fx->db, "New site", &s, &err), DB_ERR_NO_ROW);
}

/* What a progress callback was told, in order. */
struct told {
    size_t done[4096], total[4096], n;
};

static void tell(void *ctx, size_t done, size_t total)
{
    struct told *t = ctx;
    if (t->n < sizeof t->done / sizeof t->done[0]) {
        t->done[t->n] = done;
        t->total[t->n] = total;
    }
    t->n++;
}

/* The bar moves while the rows are written, not only while the file is
 * read, never goes back, and reaches its end once, after the commit; a
 * failed import never reaches it. */
static void test_progress_covers_the_writing(void **state)
{
    struct fx *fx = *state;
    size_t cap = 4000 * 64, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv + len, cap - len, "person_ref;site;motif;starts_at;status\n");
    for (int i = 0; i < 4000; i++)
        len += (size_t)snprintf(csv + len, cap - len, "Q%d;S;M;2025-%02d-%02d %02d:%02d;seen\n",
                                i, 1 + i % 12, 1 + i % 28, 8 + i % 9, (i / 9) % 60);
    struct told *t = calloc(1, sizeof *t);
    struct db_import_stats st;
    struct db_import_error where;
    struct db_error err = {0};
    must(db_import_appointments(fx->db, csv, len, tell, t, &st, &where, &err), &err,
         where.reason);
    assert_int_equal(st.added, 4000);
    assert_true(t->n > 3 && t->n <= 4096);
    size_t writing = 0, ends = 0;
    for (size_t i = 0; i < t->n; i++) {
        assert_int_equal(t->total[i], 1000);
        if (i)
            assert_true(t->done[i] >= t->done[i - 1]);
        writing += t->done[i] > 480 && t->done[i] < 900; /* appointments being written */
        ends += t->done[i] == 1000;
    }
    assert_true(writing > 0);
    assert_int_equal(ends, 1);
    assert_int_equal(t->done[t->n - 1], 1000);

    /* the same rows with one bad status at the end: never at the end */
    memset(t, 0, sizeof *t);
    len += (size_t)snprintf(csv + len, cap - len, "Q1;S;M;2025-01-01 08:00;perhaps\n");
    assert_int_equal(db_import_appointments(fx->db, csv, len, tell, t, &st, &where, &err),
                     DB_ERR_INVALID);
    for (size_t i = 0; i < t->n && i < 4096; i++)
        assert_true(t->done[i] < 1000);
    free(t);
    free(csv);
}

static void test_model_round_trip(void **state)
{
    struct fx *fx = *state;
    struct risk_model m, back;
    risk_model_default(&m);
    m.beta[RF_LEAD_X_REMINDER] = -0.123456789;
    m.ref[RF_PERSON_RATE] = 0.5;
    m.extended = 1;
    m.n_train = 1234;
    struct db_risk_fit_info info = {0}, got;
    snprintf(info.data_from, sizeof info.data_from, "2026-01-01 09:00");
    snprintf(info.data_until, sizeof info.data_until, "2026-11-24 16:00");
    struct db_error err = {0};
    must(db_risk_model_save(fx->db, &m, &info, &err), &err, "save");
    int found = 0;
    must(db_risk_model_load(fx->db, &back, &got, &found, &err), &err, "load");
    assert_true(found);
    assert_string_equal(got.fitted_at, "2026-11-25 10:00");
    assert_string_equal(got.data_until, "2026-11-24 16:00");
    assert_memory_equal(back.beta, m.beta, sizeof m.beta);
    assert_memory_equal(back.ref, m.ref, sizeof m.ref);
    assert_true(back.intercept == m.intercept);
    assert_int_equal(back.extended, 1);
    assert_int_equal(back.n_train, 1234);
}

static void test_scores_riskiest_first_with_reasons(void **state)
{
    struct fx *fx = *state;
    struct db_risk_item *items;
    size_t n;
    struct db_error err = {0};
    must(db_risk_scores(fx->db, "2026-11-25 10:00", "2026-11-27 00:00", 0, 0.0, &items, &n,
                        &err), &err, "scores");
    assert_int_equal(n, 2);
    assert_string_equal(items[0].starts_at, "2026-11-26 09:00"); /* P1, who misses */
    assert_true(items[0].risk > items[1].risk);
    assert_non_null(strstr(items[0].reasons, "3 no-shows out of 4 before"));
    assert_string_equal(items[0].person, "P1");
    free(items);
    /* a threshold above both: none */
    must(db_risk_scores(fx->db, "2026-11-25 10:00", "2026-11-27 00:00", 0, 0.999, &items, &n,
                        &err), &err, "scores");
    assert_int_equal(n, 0);
    free(items);
}

static void test_alert_claimed_once_across_connections(void **state)
{
    struct fx *fx = *state;
    struct db *other;
    struct db_error err = {0};
    struct db_open_options o = {0};
    must(db_open(fx->path, &o, &other, &err), &err, "second desk");
    struct db_risk_item *items;
    size_t n;
    must(db_risk_scores(fx->db, "2026-11-25 10:00", "2026-11-27 00:00", 0, 0.0, &items, &n,
                        &err), &err, "scores");
    int64_t id = items[0].appointment_id;
    free(items);
    int a = -1, b = -1, c = -1;
    must(db_alert_claim(fx->db, id, "day-before", DB_ALERT_DESKTOP, 0.6, &a, &err), &err, "1");
    must(db_alert_claim(other, id, "day-before", DB_ALERT_CONSOLE, 0.6, &b, &err), &err, "2");
    must(db_alert_claim(other, id, "2h-before", DB_ALERT_CONSOLE, 0.6, &c, &err), &err, "3");
    assert_int_equal(a, 1);
    assert_int_equal(b, 0); /* shown already, by the other */
    assert_int_equal(c, 1); /* another moment */
    must(db_alert_acknowledge(other, id, "2h-before", &err), &err, "ack");
    assert_int_equal(db_alert_claim(fx->db, 999999, "x", DB_ALERT_DESKTOP, 0.1, &a, &err),
                     DB_ERR_NO_ROW);
    assert_int_equal(a, 0);
    db_close(other);
}

static void test_followup_marks(void **state)
{
    struct fx *fx = *state;
    struct db_risk_item *items;
    size_t n;
    struct db_error err = {0};
    must(db_risk_scores(fx->db, "2026-11-25 10:00", "2026-11-27 00:00", 0, 0.0, &items, &n,
                        &err), &err, "scores");
    int64_t id = items[0].appointment_id;
    free(items);
    must(db_followup_set(fx->db, id, DB_FOLLOWUP_CALLED, NULL, &err), &err, "called");
    must(db_followup_set(fx->db, id, DB_FOLLOWUP_NOTE, "rappeler après 17h", &err), &err, "note");
    assert_int_equal(db_followup_set(fx->db, id, DB_FOLLOWUP_NOTE, "bad\x1b[31m", &err),
                     DB_ERR_INVALID);
    must(db_risk_scores(fx->db, "2026-11-25 10:00", "2026-11-27 00:00", 0, 0.0, &items, &n,
                        &err), &err, "scores");
    assert_int_equal(items[0].appointment_id, id);
    assert_true(items[0].called);
    assert_false(items[0].confirmed);
    assert_false(items[0].no_answer);
    assert_string_equal(items[0].note, "rappeler après 17h");
    free(items);
    must(db_followup_set(fx->db, id, DB_FOLLOWUP_NO_ANSWER, NULL, &err), &err, "no answer");
    must(db_risk_scores(fx->db, "2026-11-25 10:00", "2026-11-27 00:00", 0, 0.0, &items, &n,
                        &err), &err, "scores");
    assert_true(items[0].no_answer);
    assert_true(items[0].called);
    free(items);
    assert_int_equal(db_followup_set(fx->db, 999999, DB_FOLLOWUP_NO_ANSWER, NULL, &err),
                     DB_ERR_NO_ROW);
}

/* A console over SSH: alerts claimed from scores it already has, shown
 * until acknowledged (across restarts), then gone; another moment that has
 * not come is not claimed. */
static void test_console_alerts_until_acknowledged(void **state)
{
    struct fx *fx = *state;
    struct db_risk_item *items;
    size_t n;
    struct db_error err = {0};
    must(db_risk_scores(fx->db, "2026-11-25 10:00", "2026-11-27 00:00", 0, 0.0, &items, &n,
                        &err), &err, "scores");
    assert_int_equal(n, 2);
    /* now 10:00 the day before: "the day before at 09:00" has come for
     * both, "two hours before" for neither */
    struct alert_moment m[2];
    assert_int_equal(alert_moment_parse("day-before=-1d@09:00", &m[0]), 0);
    assert_int_equal(alert_moment_parse("2h-before=-2h", &m[1]), 0);
    struct db_alert *alerts;
    size_t k;
    double threshold = items[1].risk; /* both at or above */
    must(db_alerts_claim_items(fx->db, items, n, m, 2, threshold, DB_ALERT_CONSOLE, &alerts, &k,
                               &err), &err, "claim");
    assert_int_equal(k, 2);
    assert_string_equal(alerts[0].moment, "day-before");
    free(alerts);
    /* claimed: a second pass (or another desk) gets nothing */
    must(db_alerts_claim_items(fx->db, items, n, m, 2, threshold, DB_ALERT_CONSOLE, &alerts, &k,
                               &err), &err, "claim again");
    assert_int_equal(k, 0);
    free(alerts);
    int64_t first = items[0].appointment_id;
    free(items);
    must(db_alerts_unacknowledged(fx->db, DB_ALERT_CONSOLE, "2026-11-25 10:00", 0, &alerts, &k,
                                  &err), &err, "pending");
    assert_int_equal(k, 2);
    assert_string_equal(alerts[0].item.starts_at, "2026-11-26 09:00");
    assert_string_equal(alerts[0].moment, "day-before");
    assert_true(alerts[0].item.risk > 0.0);
    free(alerts);
    /* the desktop channel has none */
    must(db_alerts_unacknowledged(fx->db, DB_ALERT_DESKTOP, "2026-11-25 10:00", 0, &alerts, &k,
                                  &err), &err, "desktop");
    assert_int_equal(k, 0);
    free(alerts);
    must(db_alert_acknowledge(fx->db, first, "day-before", &err), &err, "ack");
    must(db_alerts_unacknowledged(fx->db, DB_ALERT_CONSOLE, "2026-11-25 10:00", 0, &alerts, &k,
                                  &err), &err, "pending after");
    assert_int_equal(k, 1);
    assert_true(alerts[0].item.appointment_id != first);
    free(alerts);
    /* once the appointment has started, nothing is pending any more */
    must(db_alerts_unacknowledged(fx->db, DB_ALERT_CONSOLE, "2026-11-26 10:01", 0, &alerts, &k,
                                  &err), &err, "later");
    assert_int_equal(k, 0);
    free(alerts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_history_as_the_model_sees_it, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_bad_line_writes_nothing, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_progress_covers_the_writing, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_model_round_trip, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_scores_riskiest_first_with_reasons, fx_setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(test_alert_claimed_once_across_connections, fx_setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(test_followup_marks, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_console_alerts_until_acknowledged, fx_setup,
                                        fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
