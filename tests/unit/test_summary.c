/* test_summary.c - summary arithmetic: status counts, no-show rate (and
 * when it is undefined), median (odd, even, unsorted input), nearest-rank
 * 90th percentile, status shares adding up to exactly 1000 per mille, and
 * week starts (across a year end and a daylight-saving Sunday). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/summary.h"

static void test_counts(void **state)
{
    (void)state;
    struct summary_counts c = {0};
    summary_count_add(&c, APPT_SEEN, 1, 3);
    summary_count_add(&c, APPT_NOSHOW, 1, 1);
    summary_count_add(&c, APPT_EXCUSED, 0, 2);
    summary_count_add(&c, APPT_REVOKED, 1, 1);
    summary_count_add(&c, APPT_UNKNOWN, 1, 4);
    summary_count_add(&c, APPT_UNKNOWN, 0, 5);
    summary_count_add(&c, (enum appt_status)99, 1, 7); /* ignored */
    assert_int_equal(c.booked, 16);
    assert_int_equal(c.seen, 3);
    assert_int_equal(c.noshow, 1);
    assert_int_equal(c.excused, 2);
    assert_int_equal(c.revoked, 1);
    assert_int_equal(c.to_fill_in, 4);
    assert_int_equal(c.upcoming, 5);
    struct summary_counts d = c;
    summary_counts_merge(&d, &c);
    assert_int_equal(d.booked, 32);
    assert_int_equal(d.upcoming, 10);
    assert_int_equal(d.seen + d.noshow + d.excused + d.revoked + d.to_fill_in + d.upcoming,
                     d.booked);
}

static void test_rate(void **state)
{
    (void)state;
    assert_true(summary_noshow_rate(0, 0) < 0);
    assert_true(summary_noshow_rate(-1, 2) < 0);
    assert_float_equal(summary_noshow_rate(5, 3), 0.375, 1e-12);
    assert_float_equal(summary_noshow_rate(0, 4), 1.0, 1e-12);
    assert_float_equal(summary_noshow_rate(7, 0), 0.0, 1e-12);
    struct summary_counts c = {.booked = 14, .seen = 6, .noshow = 3, .excused = 1,
                               .revoked = 1, .to_fill_in = 2, .upcoming = 1};
    /* cancelled and unknown ones are not in the denominator */
    assert_float_equal(summary_counts_noshow_rate(&c), 3.0 / 9.0, 1e-12);
}

static void test_median(void **state)
{
    (void)state;
    int none[1] = {0};
    assert_true(summary_median(none, 0) < 0);
    int one[] = {7};
    assert_float_equal(summary_median(one, 1), 7, 1e-12);
    int odd[] = {30, 5, 20, 40, 10};
    assert_float_equal(summary_median(odd, 5), 20, 1e-12);
    int even[] = {40, 2, 30, 10, 20, 5};
    assert_float_equal(summary_median(even, 6), 15, 1e-12);
    int half[] = {40, 5};
    assert_float_equal(summary_median(half, 2), 22.5, 1e-12);
    assert_int_equal(even[0], 2); /* sorted in place */
}

static void test_p90(void **state)
{
    (void)state;
    int none[1] = {0};
    assert_int_equal(summary_p90(none, 0), -1);
    int one[] = {12};
    assert_int_equal(summary_p90(one, 1), 12);
    int two[] = {40, 5};
    assert_int_equal(summary_p90(two, 2), 40); /* ceil(1.8) = 2nd */
    int six[] = {40, 2, 30, 10, 20, 5};
    assert_int_equal(summary_p90(six, 6), 40); /* ceil(5.4) = 6th */
    int ten[] = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    assert_int_equal(summary_p90(ten, 10), 9); /* exactly 9th */
    int eleven[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    assert_int_equal(summary_p90(eleven, 11), 10); /* ceil(9.9) = 10th */
    int twenty[20];
    for (int i = 0; i < 20; i++)
        twenty[i] = 100 - i;
    assert_int_equal(summary_p90(twenty, 20), 98); /* 18th smallest of 81..100 */
}

static void test_shares(void **state)
{
    (void)state;
    int p[SUMMARY_SHARES];
    struct summary_counts zero = {0};
    summary_shares(&zero, p);
    for (int i = 0; i < SUMMARY_SHARES; i++)
        assert_int_equal(p[i], 0);
    /* thirds: 333.3 each, the remainder goes to the first */
    struct summary_counts thirds = {.booked = 3, .seen = 1, .noshow = 1, .excused = 1};
    summary_shares(&thirds, p);
    assert_int_equal(p[0], 334);
    assert_int_equal(p[1], 333);
    assert_int_equal(p[2], 333);
    struct summary_counts c = {.booked = 14, .seen = 6, .noshow = 3, .excused = 1,
                               .revoked = 1, .to_fill_in = 2, .upcoming = 1};
    summary_shares(&c, p);
    int sum = 0;
    for (int i = 0; i < SUMMARY_SHARES; i++)
        sum += p[i];
    assert_int_equal(sum, 1000);
    assert_int_equal(p[0], 429); /* 428.57 */
    assert_int_equal(p[1], 214); /* 214.29 */
    assert_int_equal(p[4], 143); /* 142.86 */
}

static void test_week_start(void **state)
{
    (void)state;
    struct civil_date d = summary_week_start((struct civil_date){2026, 11, 25});
    assert_int_equal(d.year, 2026);
    assert_int_equal(d.month, 11);
    assert_int_equal(d.day, 23);
    d = summary_week_start((struct civil_date){2026, 11, 23}); /* a Monday */
    assert_int_equal(d.day, 23);
    d = summary_week_start((struct civil_date){2026, 10, 25}); /* DST Sunday */
    assert_int_equal(d.month, 10);
    assert_int_equal(d.day, 19);
    d = summary_week_start((struct civil_date){2027, 1, 3}); /* a Sunday */
    assert_int_equal(d.year, 2026);
    assert_int_equal(d.month, 12);
    assert_int_equal(d.day, 28);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_rate),
        cmocka_unit_test(test_median),
        cmocka_unit_test(test_p90),
        cmocka_unit_test(test_shares),
        cmocka_unit_test(test_week_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
