/* test_holidays.c - Easter dates and French public holidays, national and
 * Alsace-Moselle. Known Easter dates come from published tables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/holidays.h"

static void test_easter_known_dates(void **state)
{
    (void)state;
    static const struct civil_date known[] = {
        {2024, 3, 31}, {2025, 4, 20}, {2026, 4, 5}, {2027, 3, 28}, {2038, 4, 25},
        {2285, 3, 22}, {1818, 3, 22}, {1943, 4, 25}, {2000, 4, 23}, {2008, 3, 23},
        {2011, 4, 24}, {1583, 4, 10}, {1954, 4, 18}, {1981, 4, 19},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        struct civil_date e;
        assert_int_equal(holiday_easter(known[i].year, &e), 0);
        if (civil_date_compare(e, known[i]) != 0)
            fail_msg("Easter %d: got %d-%d", known[i].year, e.month, e.day);
    }
}

static void test_easter_always_sunday_in_range(void **state)
{
    (void)state;
    for (int y = 1583; y <= 9999; y++) {
        struct civil_date e;
        assert_int_equal(holiday_easter(y, &e), 0);
        assert_int_equal(e.year, y);
        assert_int_equal(civil_weekday(e), CIVIL_SUNDAY);
        /* Between 22 March and 25 April. */
        assert_true(civil_date_compare(e, (struct civil_date){y, 3, 22}) >= 0);
        assert_true(civil_date_compare(e, (struct civil_date){y, 4, 25}) <= 0);
    }
    struct civil_date e = {1, 1, 1};
    assert_int_equal(holiday_easter(1582, &e), -1);
    assert_int_equal(holiday_easter(10000, &e), -1);
    assert_int_equal(e.year, 1);
}

static void test_2026_national(void **state)
{
    (void)state;
    static const struct { int m, d; const char *name; } expect[] = {
        {1, 1, "New Year's Day"}, {4, 6, "Easter Monday"}, {5, 1, "Labour Day"},
        {5, 8, "Victory in Europe Day"}, {5, 14, "Ascension Day"}, {5, 25, "Whit Monday"},
        {7, 14, "Bastille Day"}, {8, 15, "Assumption"}, {11, 1, "All Saints' Day"},
        {11, 11, "Armistice Day"}, {12, 25, "Christmas Day"},
    };
    struct holiday list[HOLIDAYS_MAX_PER_YEAR];
    int n = holidays_of_year(2026, HOLIDAYS_NATIONAL, list);
    assert_int_equal(n, 11);
    for (int i = 0; i < n; i++) {
        assert_int_equal(list[i].date.year, 2026);
        assert_int_equal(list[i].date.month, expect[i].m);
        assert_int_equal(list[i].date.day, expect[i].d);
        assert_string_equal(list[i].name, expect[i].name);
    }
}

static void test_2026_alsace_moselle(void **state)
{
    (void)state;
    struct holiday list[HOLIDAYS_MAX_PER_YEAR];
    int n = holidays_of_year(2026, HOLIDAYS_ALSACE_MOSELLE, list);
    assert_int_equal(n, 13);
    /* Good Friday 3 April comes second, St Stephen 26 December last. */
    assert_int_equal(list[1].date.month, 4);
    assert_int_equal(list[1].date.day, 3);
    assert_string_equal(list[1].name, "Good Friday");
    assert_int_equal(list[12].date.month, 12);
    assert_int_equal(list[12].date.day, 26);
    assert_string_equal(list[12].name, "St Stephen's Day");
    for (int i = 1; i < n; i++)
        assert_true(civil_date_compare(list[i - 1].date, list[i].date) <= 0);
}

static void test_lookup(void **state)
{
    (void)state;
    const char *name = NULL;
    assert_int_equal(holiday_lookup((struct civil_date){2026, 7, 14}, 0, &name), 1);
    assert_string_equal(name, "Bastille Day");
    assert_int_equal(holiday_lookup((struct civil_date){2025, 6, 9}, 0, &name), 1);
    assert_string_equal(name, "Whit Monday");
    assert_int_equal(holiday_lookup((struct civil_date){2027, 5, 6}, 0, NULL), 1); /* Ascension */
    name = "untouched";
    assert_int_equal(holiday_lookup((struct civil_date){2026, 4, 3}, 0, &name), 0);
    assert_string_equal(name, "untouched");
    assert_int_equal(holiday_lookup((struct civil_date){2026, 4, 3}, HOLIDAYS_ALSACE_MOSELLE, &name), 1);
    assert_string_equal(name, "Good Friday");
    assert_int_equal(holiday_lookup((struct civil_date){2026, 12, 26}, 0, NULL), 0);
    assert_int_equal(holiday_lookup((struct civil_date){2026, 12, 26}, HOLIDAYS_ALSACE_MOSELLE, NULL), 1);
    assert_int_equal(holiday_lookup((struct civil_date){2026, 11, 25}, HOLIDAYS_ALSACE_MOSELLE, NULL), 0);
    assert_int_equal(holiday_lookup((struct civil_date){2026, 2, 30}, 0, NULL), 0);
    assert_int_equal(holiday_lookup((struct civil_date){1500, 1, 1}, 0, NULL), 0);
}

static void test_counts_every_year(void **state)
{
    (void)state;
    struct holiday list[HOLIDAYS_MAX_PER_YEAR];
    for (int y = 1583; y <= 9999; y += 7) {
        assert_int_equal(holidays_of_year(y, 0, list), 11);
        assert_int_equal(holidays_of_year(y, HOLIDAYS_ALSACE_MOSELLE, list), 13);
    }
    assert_int_equal(holidays_of_year(1582, 0, list), -1);
    assert_int_equal(holidays_of_year(10000, 0, list), -1);
}

static void test_shared_date_2008(void **state)
{
    (void)state;
    /* Easter 2008 was 23 March: Ascension fell on 1 May. */
    struct holiday list[HOLIDAYS_MAX_PER_YEAR];
    assert_int_equal(holidays_of_year(2008, 0, list), 11);
    int on_may_first = 0;
    for (int i = 0; i < 11; i++)
        if (list[i].date.month == 5 && list[i].date.day == 1)
            on_may_first++;
    assert_int_equal(on_may_first, 2);
    assert_int_equal(holiday_lookup((struct civil_date){2008, 5, 1}, 0, NULL), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_easter_known_dates),
        cmocka_unit_test(test_easter_always_sunday_in_range),
        cmocka_unit_test(test_2026_national),
        cmocka_unit_test(test_2026_alsace_moselle),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_counts_every_year),
        cmocka_unit_test(test_shared_date_2008),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
