/* test_interval.c - half-open intervals: validity, overlap (adjacent
 * intervals do not overlap), containment and length. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/civil.h"
#include "model/interval.h"

static struct interval I(int64_t s, int64_t e)
{
    return (struct interval){s, e};
}

static void test_valid_and_length(void **state)
{
    (void)state;
    assert_true(interval_valid(I(0, 1)));
    assert_false(interval_valid(I(5, 5)));
    assert_false(interval_valid(I(6, 5)));
    assert_int_equal(interval_length(I(540, 570)), 30);
    assert_int_equal(interval_length(I(5, 5)), 0);
    assert_int_equal(interval_length(I(9, 5)), 0);
}

static void test_overlaps_table(void **state)
{
    (void)state;
    static const struct { int64_t as, ae, bs, be; int overlap; } cases[] = {
        {540, 570, 570, 600, 0},  /* adjacent: 9:00-9:30 and 9:30-10:00 */
        {570, 600, 540, 570, 0},  /* adjacent, other order */
        {540, 570, 569, 600, 1},  /* share one minute */
        {540, 600, 550, 560, 1},  /* inside */
        {550, 560, 540, 600, 1},  /* around */
        {540, 600, 540, 600, 1},  /* equal */
        {540, 570, 600, 630, 0},  /* apart */
        {540, 570, 555, 555, 0},  /* empty b inside a */
        {540, 540, 530, 550, 0},  /* empty a */
        {600, 540, 550, 560, 0},  /* reversed a */
        {0, 1, 0, 1, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct interval a = I(cases[i].as, cases[i].ae), b = I(cases[i].bs, cases[i].be);
        if (interval_overlaps(a, b) != cases[i].overlap)
            fail_msg("case %zu: [%lld,%lld) vs [%lld,%lld)", i, (long long)a.start,
                     (long long)a.end, (long long)b.start, (long long)b.end);
        assert_int_equal(interval_overlaps(b, a), cases[i].overlap); /* symmetric */
    }
}

static void test_contains(void **state)
{
    (void)state;
    struct interval a = I(540, 570);
    assert_true(interval_contains(a, 540));
    assert_true(interval_contains(a, 569));
    assert_false(interval_contains(a, 570));
    assert_false(interval_contains(a, 539));
    assert_false(interval_contains(I(5, 5), 5));
    assert_true(interval_contains_interval(a, a));
    assert_true(interval_contains_interval(a, I(545, 570)));
    assert_false(interval_contains_interval(a, I(545, 571)));
    assert_false(interval_contains_interval(a, I(539, 560)));
    assert_false(interval_contains_interval(a, I(550, 550)));
    assert_false(interval_contains_interval(I(570, 540), I(550, 560)));
}

static void test_across_midnight_and_year(void **state)
{
    (void)state;
    /* Civil-minute intervals run across days: 23:30 Dec 31 to 00:30 Jan 1. */
    struct civil_datetime s = {{2026, 12, 31}, 23 * 60 + 30}, e = {{2027, 1, 1}, 30};
    struct interval night = I(civil_datetime_to_minutes(s), civil_datetime_to_minutes(e));
    assert_int_equal(interval_length(night), 60);
    struct civil_datetime midnight = {{2027, 1, 1}, 0};
    assert_true(interval_contains(night, civil_datetime_to_minutes(midnight)));
    struct civil_datetime next = {{2027, 1, 1}, 30}, later = {{2027, 1, 1}, 60};
    assert_false(interval_overlaps(night, I(civil_datetime_to_minutes(next),
                                            civil_datetime_to_minutes(later))));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_and_length),
        cmocka_unit_test(test_overlaps_table),
        cmocka_unit_test(test_contains),
        cmocka_unit_test(test_across_midnight_and_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
