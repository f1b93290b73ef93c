/* test_consequences.c - appointments left outside, on a real file (clock
 * fixed at FX_NOW, Wednesday 2026-11-25 10:00; the Centre agents work
 * 9:00-12:00 and 14:00-17:00 on weekdays): an absence or a change of
 * opening hours lists, before it is saved and without writing anything,
 * the future appointments it would leave outside (not the cancelled ones,
 * not those already started, not those already outside); once saved they
 * are listed as conflicts with their reason. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "house_fixture.h"

static int has(const struct db_stranded *l, size_t n, int64_t id,
               unsigned reasons)
{
    for (size_t i = 0; i < n; i++)
        if (l[i].row.day.appt.id == id)
            return l[i].reasons == reasons;
    return 0;
}

static struct db_absence absence(int64_t agent, const char *from,
                                 const char *until)
{
    struct db_absence a;
    memset(&a, 0, sizeof a);
    a.agent_id = agent;
    a.absence.kind = ABSENCE_ONE_OFF;
    civil_parse_datetime(from, &a.absence.from);
    civil_parse_datetime(until, &a.absence.until);
    snprintf(a.reason, sizeof a.reason, "formation");
    return a;
}

static void test_absence_lists_then_marks(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    int64_t past = fx_book(fx, fx->agent1, fx->helene, "2026-11-25 09:00",
                           "2026-11-25 09:30");
    int64_t later = fx_book(fx, fx->agent1, fx->jean, "2026-11-25 11:00",
                            "2026-11-25 11:30");
    int64_t thu9 = fx_book(fx, fx->agent1, fx->pierre, "2026-11-26 09:00",
                           "2026-11-26 09:30");
    int64_t thu15 = fx_book(fx, fx->agent1, fx->helene, "2026-11-26 15:00",
                            "2026-11-26 15:30");
    int64_t other = fx_book(fx, fx->agent2, fx->jean, "2026-11-26 10:00",
                            "2026-11-26 10:30");
    int64_t cancelled = fx_book(fx, fx->agent1, fx->jean, "2026-11-26 10:00",
                                "2026-11-26 10:30");
    fx_must(db_appt_cancel(fx->db, cancelled, 0, APPT_EXCUSED, "malade", NULL,
                           &err), &err, "cancel");
    /* Wednesday 8:00 to Thursday 12:00 */
    struct db_absence a = absence(fx->agent1, "2026-11-25 08:00",
                                  "2026-11-26 12:00");
    char *before = fx_dump(fx->db);
    struct db_stranded *l = NULL;
    size_t n = 0;
    fx_must(db_absence_preview(fx->db, &a, &l, &n, NULL, &err), &err,
            "preview");
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after); /* nothing written */
    free(before);
    free(after);
    assert_int_equal(n, 2);
    assert_true(has(l, n, later, DB_STRANDED_ABSENT));
    assert_true(has(l, n, thu9, DB_STRANDED_ABSENT));
    assert_false(has(l, n, past, DB_STRANDED_ABSENT));
    assert_false(has(l, n, thu15, DB_STRANDED_ABSENT));
    assert_false(has(l, n, other, DB_STRANDED_ABSENT));
    assert_false(has(l, n, cancelled, DB_STRANDED_ABSENT));
    char why[128];
    db_stranded_describe(l[0].reasons, why, sizeof why);
    assert_string_equal(why, "agent absent");
    free(l);
    /* saved: they are conflicts now, the past one too */
    fx_must(db_absence_add(fx->db, &a, &err), &err, "absence");
    struct civil_date wed = {2026, 11, 25}, sat = {2026, 11, 28};
    fx_must(db_appt_conflicts(fx->db, fx->centre, 0, wed, sat, &l, &n, &err),
            &err, "conflicts");
    assert_int_equal(n, 3);
    assert_true(has(l, n, past, DB_STRANDED_ABSENT));
    assert_true(has(l, n, later, DB_STRANDED_ABSENT));
    assert_true(has(l, n, thu9, DB_STRANDED_ABSENT));
    free(l);
    /* the same absence again leaves nobody new outside */
    struct db_absence again = absence(fx->agent1, "2026-11-26 08:00",
                                      "2026-11-26 10:00");
    fx_must(db_absence_preview(fx->db, &again, &l, &n, NULL, &err), &err,
            "preview");
    assert_int_equal(n, 0);
    assert_null(l);
    /* an invalid absence is refused by the preview as by the save */
    struct db_absence bad = absence(fx->agent1, "2026-11-26 12:00",
                                    "2026-11-26 08:00");
    assert_int_equal(db_absence_preview(fx->db, &bad, &l, &n, NULL, &err),
                     DB_ERR_INVALID);
}

static void test_opening_change_and_delete(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    int64_t mon9 = fx_book(fx, fx->agent1, fx->helene, "2026-11-30 09:00",
                           "2026-11-30 09:30");
    int64_t mon16 = fx_book(fx, fx->agent1, fx->jean, "2026-11-30 16:00",
                            "2026-11-30 16:30");
    int64_t mon14 = fx_book(fx, fx->agent1, fx->pierre, "2026-11-30 14:00",
                            "2026-11-30 14:30");
    /* Monday afternoons end at 15:00 instead of 17:00 */
    struct db_opening pm;
    fx_must(db_opening_get(fx->db, fx->opening_pm, &pm, &err), &err, "get");
    int64_t version = 0;
    fx_must(db_row_version(fx->db, "opening", pm.id, &version, &err), &err,
            "version");
    pm.rule.end_minute = 15 * 60;
    char *before = fx_dump(fx->db);
    struct db_stranded *l = NULL;
    size_t n = 0;
    fx_must(db_opening_preview(fx->db, &pm, version, 0, &l, &n, NULL, &err),
            &err, "preview");
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(after);
    assert_int_equal(n, 1);
    assert_true(has(l, n, mon16, DB_STRANDED_OUTSIDE_HOURS));
    free(l);
    /* deleting Monday mornings */
    struct db_opening am = {.id = fx->opening_am};
    fx_must(db_opening_preview(fx->db, &am, 0, 1, &l, &n, NULL, &err), &err,
            "preview delete");
    after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
    assert_int_equal(n, 1);
    assert_true(has(l, n, mon9, DB_STRANDED_OUTSIDE_HOURS));
    assert_false(has(l, n, mon14, DB_STRANDED_OUTSIDE_HOURS));
    free(l);
    /* a stale version is refused as the save would be */
    assert_int_equal(db_opening_preview(fx->db, &pm, version + 7, 0, &l, &n,
                                        NULL, &err), DB_ERR_CONFLICT);
    /* saved, then listed with its reason */
    fx_must(db_opening_update(fx->db, &pm, version, NULL, &err), &err, "save");
    struct civil_date mon = {2026, 11, 30}, tue = {2026, 12, 1};
    fx_must(db_appt_conflicts(fx->db, 0, fx->agent1, mon, tue, &l, &n, &err),
            &err, "conflicts");
    assert_int_equal(n, 1);
    assert_true(has(l, n, mon16, DB_STRANDED_OUTSIDE_HOURS));
    char why[128];
    db_stranded_describe(l[0].reasons, why, sizeof why);
    assert_string_equal(why, "outside opening hours");
    free(l);
    /* bad ranges */
    assert_int_equal(db_appt_conflicts(fx->db, 0, 0, tue, mon, &l, &n, &err),
                     DB_ERR_INVALID);
}

int main(void)
{
    setenv("GUICHET_NOW", FX_NOW, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_absence_lists_then_marks, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_opening_change_and_delete, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
