/* test_opening.c - weekly opening rules: validity, weekday, first and last
 * day, and every-N-weeks rhythm anchored on the week of valid_from (also
 * across the 53-week ISO year 2026 and across a year end). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/opening.h"

static struct civil_date D(int y, int m, int d)
{
    return (struct civil_date){y, m, d};
}

static struct opening_rule tuesday_mornings(int every, struct civil_date from,
                                            struct civil_date until)
{
    return (struct opening_rule){CIVIL_TUESDAY, 9 * 60, 12 * 60, every, from, until};
}

static void test_valid(void **state)
{
    (void)state;
    struct opening_rule r = tuesday_mornings(1, D(2026, 1, 6), D(0, 0, 0));
    assert_true(opening_rule_valid(&r));
    struct opening_rule bad;
    bad = r; bad.weekday = 0;                          assert_false(opening_rule_valid(&bad));
    bad = r; bad.weekday = 8;                          assert_false(opening_rule_valid(&bad));
    bad = r; bad.end_minute = bad.start_minute;        assert_false(opening_rule_valid(&bad));
    bad = r; bad.start_minute = -1;                    assert_false(opening_rule_valid(&bad));
    bad = r; bad.end_minute = 1441;                    assert_false(opening_rule_valid(&bad));
    bad = r; bad.end_minute = 1440;                    assert_true(opening_rule_valid(&bad));
    bad = r; bad.every_weeks = 0;                      assert_false(opening_rule_valid(&bad));
    bad = r; bad.every_weeks = -2;                     assert_false(opening_rule_valid(&bad));
    bad = r; bad.valid_from = D(2026, 2, 30);          assert_false(opening_rule_valid(&bad));
    bad = r; bad.valid_until = D(2025, 12, 31);        assert_false(opening_rule_valid(&bad));
    bad = r; bad.valid_until = D(2026, 1, 6);          assert_true(opening_rule_valid(&bad));
    bad = r; bad.valid_until = D(2026, 13, 1);         assert_false(opening_rule_valid(&bad));
    assert_false(opening_rule_valid(NULL));
}

static void test_weekly_with_bounds(void **state)
{
    (void)state;
    struct opening_rule r = tuesday_mornings(1, D(2026, 1, 6), D(2026, 6, 30));
    assert_true(opening_rule_applies(&r, D(2026, 1, 6)));    /* first day */
    assert_true(opening_rule_applies(&r, D(2026, 1, 13)));
    assert_false(opening_rule_applies(&r, D(2026, 1, 7)));   /* Wednesday */
    assert_false(opening_rule_applies(&r, D(2025, 12, 30))); /* before */
    assert_true(opening_rule_applies(&r, D(2026, 6, 30)));   /* last day, inclusive */
    assert_false(opening_rule_applies(&r, D(2026, 7, 7)));   /* after */
    assert_false(opening_rule_applies(&r, D(2026, 2, 30)));  /* not a date */
    struct opening_rule open = tuesday_mornings(1, D(2026, 1, 6), D(0, 0, 0));
    assert_true(opening_rule_applies(&open, D(2099, 12, 29)));
    struct opening_rule invalid = open;
    invalid.every_weeks = 0;
    assert_false(opening_rule_applies(&invalid, D(2026, 1, 6)));
}

static void test_every_n_weeks(void **state)
{
    (void)state;
    /* valid_from on a Thursday: the rhythm is anchored on its week (Monday
     * 2026-01-05), so Tuesday 2026-01-06 is already before valid_from but
     * Tuesday 2026-01-13 is week 1 of the rhythm. */
    static const struct { int every; struct civil_date d; int applies; } cases[] = {
        {2, {2026, 1, 6}, 0},   /* same week but before valid_from */
        {2, {2026, 1, 13}, 0},  /* week 1 */
        {2, {2026, 1, 20}, 1},  /* week 2 */
        {2, {2026, 1, 27}, 0},
        {2, {2026, 2, 3}, 1},
        {3, {2026, 1, 13}, 0},
        {3, {2026, 1, 20}, 0},
        {3, {2026, 1, 27}, 1},
        {3, {2026, 2, 17}, 1},
        {4, {2026, 2, 3}, 1},
        {4, {2026, 3, 3}, 1},
        {4, {2026, 3, 10}, 0},
        {1, {2026, 1, 13}, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct opening_rule r = tuesday_mornings(cases[i].every, D(2026, 1, 8), D(0, 0, 0));
        if (opening_rule_applies(&r, cases[i].d) != cases[i].applies)
            fail_msg("case %zu: every %d on %d-%02d-%02d", i, cases[i].every,
                     cases[i].d.year, cases[i].d.month, cases[i].d.day);
    }
}

static void test_every_two_weeks_across_week_53(void **state)
{
    (void)state;
    /* 2026 has 53 ISO weeks: an every-other-week rule must not restart at
     * the year boundary. Start Tuesday 2026-12-15 (W51). */
    struct opening_rule r = tuesday_mornings(2, D(2026, 12, 15), D(0, 0, 0));
    assert_true(opening_rule_applies(&r, D(2026, 12, 15)));  /* W51 */
    assert_false(opening_rule_applies(&r, D(2026, 12, 22))); /* W52 */
    assert_true(opening_rule_applies(&r, D(2026, 12, 29)));  /* W53 */
    assert_false(opening_rule_applies(&r, D(2027, 1, 5)));   /* 2027-W01 */
    assert_true(opening_rule_applies(&r, D(2027, 1, 12)));   /* 2027-W02 */
    /* Count over a year: 26 or 27 occurrences in 52 weeks from start. */
    int count = 0;
    struct civil_date d = D(2026, 12, 15);
    for (int i = 0; i < 364; i++) {
        count += opening_rule_applies(&r, d);
        civil_date_add_days(d, 1, &d);
    }
    assert_int_equal(count, 26);
}

static void test_sunday_rule_anchor(void **state)
{
    (void)state;
    /* A Sunday is the last day of its ISO week: anchor on Monday before. */
    struct opening_rule r = {CIVIL_SUNDAY, 600, 720, 2, D(2026, 3, 29), D(0, 0, 0)};
    assert_true(opening_rule_applies(&r, D(2026, 3, 29)));
    assert_false(opening_rule_applies(&r, D(2026, 4, 5)));
    assert_true(opening_rule_applies(&r, D(2026, 4, 12)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_weekly_with_bounds),
        cmocka_unit_test(test_every_n_weeks),
        cmocka_unit_test(test_every_two_weeks_across_week_53),
        cmocka_unit_test(test_sunday_rule_anchor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
