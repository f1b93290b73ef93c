/* test_absence.c - one-off absences across days and weekly absences every N
 * weeks: validity, the part on a given day, and coverage of intervals with
 * half-open edges. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/absence.h"

static struct civil_date D(int y, int m, int d)
{
    return (struct civil_date){y, m, d};
}

static struct civil_datetime DT(int y, int mo, int d, int h, int mi)
{
    return (struct civil_datetime){{y, mo, d}, h * 60 + mi};
}

static int64_t M(int y, int mo, int d, int h, int mi)
{
    return civil_datetime_to_minutes(DT(y, mo, d, h, mi));
}

static struct interval I(int64_t a, int64_t b)
{
    return (struct interval){a, b};
}

/* Tuesday 2026-11-24 14:00 to Thursday 2026-11-26 12:00. */
static struct absence one_off(void)
{
    struct absence a = {0};
    a.kind = ABSENCE_ONE_OFF;
    a.from = DT(2026, 11, 24, 14, 0);
    a.until = DT(2026, 11, 26, 12, 0);
    return a;
}

/* Every other Wednesday 14:00-17:00, 2026-09-02 to 2027-07-07. */
static struct absence fortnightly(void)
{
    struct absence a = {0};
    a.kind = ABSENCE_WEEKLY;
    a.weekly = (struct opening_rule){CIVIL_WEDNESDAY, 14 * 60, 17 * 60, 2,
                                     {2026, 9, 2}, {2027, 7, 7}};
    return a;
}

static void test_valid(void **state)
{
    (void)state;
    struct absence a = one_off();
    assert_true(absence_valid(&a));
    struct absence bad = a;
    bad.until = bad.from;
    assert_false(absence_valid(&bad));
    bad = a;
    bad.until = DT(2026, 11, 24, 13, 0);
    assert_false(absence_valid(&bad));
    bad = a;
    bad.from.minute = 1440;
    assert_false(absence_valid(&bad));
    bad = a;
    bad.until.date = D(2026, 2, 30);
    assert_false(absence_valid(&bad));
    bad = a;
    bad.kind = 7;
    assert_false(absence_valid(&bad));
    assert_false(absence_valid(NULL));

    struct absence w = fortnightly();
    assert_true(absence_valid(&w));
    w.weekly.every_weeks = 0;
    assert_false(absence_valid(&w));
    /* Invalid absences cover nothing. */
    assert_false(absence_covers(&w, I(M(2026, 9, 2, 0, 0), M(2026, 9, 3, 0, 0))));
    struct interval part;
    assert_int_equal(absence_intervals_on(&w, D(2026, 9, 2), &part), 0);
}

static void test_one_off_across_days(void **state)
{
    (void)state;
    struct absence a = one_off();
    static const struct {
        struct civil_date d;
        int present;
        int from_min, to_min; /* within the day; to 1440 = midnight after */
    } cases[] = {
        {{2026, 11, 23}, 0, 0, 0},
        {{2026, 11, 24}, 1, 14 * 60, 1440},
        {{2026, 11, 25}, 1, 0, 1440},
        {{2026, 11, 26}, 1, 0, 12 * 60},
        {{2026, 11, 27}, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct interval part = {-1, -1};
        int n = absence_intervals_on(&a, cases[i].d, &part);
        assert_int_equal(n, cases[i].present);
        if (!n)
            continue;
        int64_t base = civil_datetime_to_minutes((struct civil_datetime){cases[i].d, 0});
        assert_int_equal(part.start, base + cases[i].from_min);
        assert_int_equal(part.end, base + cases[i].to_min);
    }
}

static void test_one_off_covers_edges(void **state)
{
    (void)state;
    struct absence a = one_off();
    static const struct {
        int d1, h1, m1, d2, h2, m2, covered;
    } cases[] = {
        {24, 13, 0, 24, 14, 0, 0},  /* ends when the absence starts */
        {24, 13, 30, 24, 14, 30, 1},
        {24, 14, 0, 24, 14, 1, 1},
        {25, 9, 0, 25, 9, 30, 1},   /* whole middle day */
        {26, 11, 30, 26, 12, 0, 1}, /* last minutes */
        {26, 12, 0, 26, 12, 30, 0}, /* starts when the absence ends */
        {23, 9, 0, 27, 9, 0, 1},    /* around it all */
        {27, 0, 0, 28, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct interval w = I(M(2026, 11, cases[i].d1, cases[i].h1, cases[i].m1),
                              M(2026, 11, cases[i].d2, cases[i].h2, cases[i].m2));
        assert_int_equal(absence_covers(&a, w), cases[i].covered);
    }
    assert_false(absence_covers(&a, I(M(2026, 11, 25, 10, 0), M(2026, 11, 25, 10, 0))));
}

static void test_weekly_every_two_weeks(void **state)
{
    (void)state;
    struct absence a = fortnightly();
    static const struct {
        struct civil_date d;
        int h1, m1, h2, m2, covered;
    } cases[] = {
        {{2026, 9, 2}, 15, 0, 15, 30, 1},   /* first day */
        {{2026, 9, 9}, 15, 0, 15, 30, 0},   /* off week */
        {{2026, 9, 16}, 15, 0, 15, 30, 1},
        {{2026, 9, 16}, 13, 30, 14, 0, 0},  /* ends at 14:00 */
        {{2026, 9, 16}, 17, 0, 17, 30, 0},  /* starts at 17:00 */
        {{2026, 9, 16}, 16, 45, 17, 15, 1},
        {{2026, 9, 17}, 15, 0, 15, 30, 0},  /* Thursday */
        {{2026, 8, 19}, 15, 0, 15, 30, 0},  /* before valid_from, in rhythm */
        {{2026, 12, 23}, 15, 0, 15, 30, 1}, /* 16 weeks after */
        {{2026, 12, 30}, 15, 0, 15, 30, 0}, /* 17 */
        {{2027, 1, 6}, 15, 0, 15, 30, 1},   /* 18, across the year end */
        {{2027, 7, 7}, 15, 0, 15, 30, 1},   /* last day, inclusive */
        {{2027, 7, 21}, 15, 0, 15, 30, 0},  /* after valid_until */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct civil_date d = cases[i].d;
        struct interval w = I(M(d.year, d.month, d.day, cases[i].h1, cases[i].m1),
                              M(d.year, d.month, d.day, cases[i].h2, cases[i].m2));
        assert_int_equal(absence_covers(&a, w), cases[i].covered);
        struct interval part;
        int on = absence_intervals_on(&a, d, &part);
        if (cases[i].covered) {
            assert_int_equal(on, 1);
            assert_int_equal(part.start, M(d.year, d.month, d.day, 14, 0));
            assert_int_equal(part.end, M(d.year, d.month, d.day, 17, 0));
        }
    }
}

static void test_weekly_long_intervals(void **state)
{
    (void)state;
    struct absence a = fortnightly();
    /* Monday to Monday around an off week, then around an on week. */
    assert_false(absence_covers(&a, I(M(2026, 9, 7, 0, 0), M(2026, 9, 14, 0, 0))));
    assert_true(absence_covers(&a, I(M(2026, 9, 14, 0, 0), M(2026, 9, 21, 0, 0))));
    /* Years long, starting well before valid_from: found, and quickly. */
    assert_true(absence_covers(&a, I(M(1990, 1, 1, 0, 0), M(2090, 1, 1, 0, 0))));
    /* Entirely after valid_until. */
    assert_false(absence_covers(&a, I(M(2027, 7, 8, 0, 0), M(2090, 1, 1, 0, 0))));
    /* A weekly absence until midnight. */
    struct absence night = a;
    night.weekly.start_minute = 20 * 60;
    night.weekly.end_minute = 1440;
    struct interval part;
    assert_int_equal(absence_intervals_on(&night, D(2026, 9, 2), &part), 1);
    assert_int_equal(part.end, M(2026, 9, 3, 0, 0));
    assert_true(absence_covers(&night, I(M(2026, 9, 2, 23, 30), M(2026, 9, 3, 0, 30))));
    assert_false(absence_covers(&night, I(M(2026, 9, 3, 0, 0), M(2026, 9, 3, 0, 30))));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_one_off_across_days),
        cmocka_unit_test(test_one_off_covers_edges),
        cmocka_unit_test(test_weekly_every_two_weeks),
        cmocka_unit_test(test_weekly_long_intervals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
