/* test_civil.c - civil dates and times: calendar arithmetic, leap years,
 * year ends and ISO weeks, parsing and formatting (ISO and French), and the
 * two daylight-saving Sundays of Europe/Paris. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/civil.h"

static struct civil_date D(int y, int m, int d)
{
    return (struct civil_date){y, m, d};
}

static struct civil_datetime DT(int y, int m, int d, int h, int min)
{
    return (struct civil_datetime){{y, m, d}, h * 60 + min};
}

static void assert_date(struct civil_date got, int y, int m, int d)
{
    assert_int_equal(got.year, y);
    assert_int_equal(got.month, m);
    assert_int_equal(got.day, d);
}

static void test_leap_years(void **state)
{
    (void)state;
    static const struct { int year, leap; } cases[] = {
        {1900, 0}, {2000, 1}, {2024, 1}, {2100, 0}, {2026, 0}, {1600, 1}, {2400, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(civil_is_leap_year(cases[i].year), cases[i].leap);
        assert_int_equal(civil_days_in_month(cases[i].year, 2), 28 + cases[i].leap);
        assert_int_equal(civil_date_valid(D(cases[i].year, 2, 29)), cases[i].leap);
    }
    assert_int_equal(civil_days_in_month(2026, 0), 0);
    assert_int_equal(civil_days_in_month(2026, 13), 0);
    assert_int_equal(civil_days_in_month(2026, 4), 30);
    assert_int_equal(civil_days_in_month(2026, 12), 31);
}

static void test_date_valid(void **state)
{
    (void)state;
    assert_true(civil_date_valid(D(1, 1, 1)));
    assert_true(civil_date_valid(D(9999, 12, 31)));
    assert_false(civil_date_valid(D(0, 1, 1)));
    assert_false(civil_date_valid(D(10000, 1, 1)));
    assert_false(civil_date_valid(D(2026, 2, 30)));
    assert_false(civil_date_valid(D(2026, 4, 31)));
    assert_false(civil_date_valid(D(2026, 0, 1)));
    assert_false(civil_date_valid(D(2026, 1, 0)));
}

static void test_days_round_trip(void **state)
{
    (void)state;
    static const struct { int y, m, d; int64_t days; } cases[] = {
        {1970, 1, 1, 0}, {1969, 12, 31, -1}, {2000, 3, 1, 11017},
        {2026, 11, 25, 20782}, {1, 1, 1, -719162}, {9999, 12, 31, 2932896},
        {1900, 3, 1, -25508}, {2100, 3, 1, 47541},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct civil_date d = D(cases[i].y, cases[i].m, cases[i].d), back;
        assert_int_equal(civil_date_to_days(d), cases[i].days);
        assert_int_equal(civil_date_from_days(cases[i].days, &back), 0);
        assert_date(back, cases[i].y, cases[i].m, cases[i].d);
    }
    /* Every day from 1899 to 2101 round-trips and follows its predecessor. */
    struct civil_date prev = D(1899, 1, 1);
    for (int64_t n = civil_date_to_days(prev) + 1; n < civil_date_to_days(D(2101, 1, 1)); n++) {
        struct civil_date d;
        assert_int_equal(civil_date_from_days(n, &d), 0);
        assert_true(civil_date_valid(d));
        assert_int_equal(civil_date_to_days(d), n);
        assert_true(civil_date_compare(prev, d) < 0);
        prev = d;
    }
    struct civil_date untouched = D(7, 7, 7);
    assert_int_equal(civil_date_from_days(-719163, &untouched), -1);
    assert_int_equal(civil_date_from_days(2932897, &untouched), -1);
    assert_date(untouched, 7, 7, 7);
}

static void test_add_days_year_ends(void **state)
{
    (void)state;
    static const struct { struct civil_date from; int64_t n; struct civil_date to; } cases[] = {
        {{2026, 12, 31}, 1, {2027, 1, 1}},
        {{2027, 1, 1}, -1, {2026, 12, 31}},
        {{2024, 2, 28}, 1, {2024, 2, 29}},
        {{2024, 2, 29}, 1, {2024, 3, 1}},
        {{1900, 2, 28}, 1, {1900, 3, 1}},
        {{2000, 2, 28}, 1, {2000, 2, 29}},
        {{2100, 2, 28}, 1, {2100, 3, 1}},
        {{2024, 1, 1}, 366, {2025, 1, 1}},
        {{2026, 1, 1}, 365, {2027, 1, 1}},
        {{1999, 12, 31}, 1, {2000, 1, 1}},
        {{2026, 3, 1}, -1, {2026, 2, 28}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct civil_date out;
        assert_int_equal(civil_date_add_days(cases[i].from, cases[i].n, &out), 0);
        assert_int_equal(civil_date_compare(out, cases[i].to), 0);
        assert_int_equal(civil_date_diff_days(cases[i].to, cases[i].from), cases[i].n);
    }
    struct civil_date out = D(5, 5, 5);
    assert_int_equal(civil_date_add_days(D(9999, 12, 31), 1, &out), -1);
    assert_int_equal(civil_date_add_days(D(1, 1, 1), -1, &out), -1);
    assert_int_equal(civil_date_add_days(D(2026, 2, 30), 1, &out), -1);
    assert_int_equal(civil_date_add_days(D(2026, 1, 1), INT64_MAX, &out), -1);
    assert_date(out, 5, 5, 5);
}

static void test_compare(void **state)
{
    (void)state;
    assert_true(civil_date_compare(D(2026, 1, 1), D(2025, 12, 31)) > 0);
    assert_true(civil_date_compare(D(2026, 1, 2), D(2026, 2, 1)) < 0);
    assert_int_equal(civil_date_compare(D(2026, 5, 5), D(2026, 5, 5)), 0);
    assert_true(civil_datetime_compare(DT(2026, 5, 5, 9, 0), DT(2026, 5, 5, 9, 1)) < 0);
    assert_true(civil_datetime_compare(DT(2026, 5, 6, 0, 0), DT(2026, 5, 5, 23, 59)) > 0);
    assert_int_equal(civil_datetime_compare(DT(2026, 5, 5, 9, 0), DT(2026, 5, 5, 9, 0)), 0);
}

static void test_weekday(void **state)
{
    (void)state;
    static const struct { struct civil_date d; enum civil_weekday w; } cases[] = {
        {{1970, 1, 1}, CIVIL_THURSDAY}, {{2026, 11, 25}, CIVIL_WEDNESDAY},
        {{2000, 1, 1}, CIVIL_SATURDAY}, {{2026, 3, 29}, CIVIL_SUNDAY},
        {{2024, 12, 30}, CIVIL_MONDAY}, {{1, 1, 1}, CIVIL_MONDAY},
        {{1969, 12, 29}, CIVIL_MONDAY}, {{9999, 12, 31}, CIVIL_FRIDAY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(civil_weekday(cases[i].d), cases[i].w);
}

static void test_iso_week(void **state)
{
    (void)state;
    static const struct { struct civil_date d; int year, week; } cases[] = {
        {{2026, 12, 31}, 2026, 53}, {{2027, 1, 1}, 2026, 53}, {{2027, 1, 3}, 2026, 53},
        {{2027, 1, 4}, 2027, 1}, {{2024, 12, 30}, 2025, 1}, {{2024, 12, 29}, 2024, 52},
        {{2026, 1, 1}, 2026, 1}, {{2025, 12, 29}, 2026, 1}, {{2026, 11, 25}, 2026, 48},
        {{2021, 1, 3}, 2020, 53}, {{2008, 12, 29}, 2009, 1}, {{2010, 1, 3}, 2009, 53},
        {{2026, 12, 28}, 2026, 53},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int y = 0, w = 0;
        civil_iso_week(cases[i].d, &y, &w);
        assert_int_equal(y, cases[i].year);
        assert_int_equal(w, cases[i].week);
    }
}

static void test_minutes(void **state)
{
    (void)state;
    assert_int_equal(civil_datetime_to_minutes(DT(1, 1, 1, 0, 0)), 0);
    assert_int_equal(civil_datetime_to_minutes(DT(1, 1, 2, 0, 1)), 1441);
    struct civil_datetime out;
    assert_int_equal(civil_datetime_add_minutes(DT(2026, 12, 31, 23, 59), 1, &out), 0);
    assert_int_equal(civil_datetime_compare(out, DT(2027, 1, 1, 0, 0)), 0);
    assert_int_equal(civil_datetime_add_minutes(DT(2024, 2, 28, 23, 30), 60, &out), 0);
    assert_int_equal(civil_datetime_compare(out, DT(2024, 2, 29, 0, 30)), 0);
    assert_int_equal(civil_datetime_add_minutes(DT(2026, 1, 1, 0, 10), -20, &out), 0);
    assert_int_equal(civil_datetime_compare(out, DT(2025, 12, 31, 23, 50)), 0);
    /* A civil day always has 1440 minutes, DST or not. */
    assert_int_equal(civil_datetime_to_minutes(DT(2026, 3, 30, 0, 0)) -
                     civil_datetime_to_minutes(DT(2026, 3, 29, 0, 0)), 1440);
    int64_t m = civil_datetime_to_minutes(DT(2026, 11, 25, 14, 30));
    assert_int_equal(civil_datetime_from_minutes(m, &out), 0);
    assert_int_equal(civil_datetime_compare(out, DT(2026, 11, 25, 14, 30)), 0);
    struct civil_datetime keep = DT(2000, 1, 1, 0, 0);
    assert_int_equal(civil_datetime_from_minutes(-1, &keep), -1);
    assert_int_equal(civil_datetime_add_minutes(DT(9999, 12, 31, 23, 59), 1, &keep), -1);
    assert_int_equal(civil_datetime_add_minutes(DT(2026, 1, 1, 24, 0), 1, &keep), -1);
    assert_int_equal(civil_datetime_compare(keep, DT(2000, 1, 1, 0, 0)), 0);
}

static void test_parse_date(void **state)
{
    (void)state;
    static const struct { const char *s; int ok, y, m, d; } cases[] = {
        {"2026-11-25", 1, 2026, 11, 25}, {"25/11/2026", 1, 2026, 11, 25},
        {"05/01/2026", 1, 2026, 1, 5}, {"5/1/2026", 1, 2026, 1, 5},
        {"2024-02-29", 1, 2024, 2, 29}, {"29/02/2000", 1, 2000, 2, 29},
        {"0001-01-01", 1, 1, 1, 1}, {"9999-12-31", 1, 9999, 12, 31},
        {"2026-02-30", 0, 0, 0, 0}, {"1900-02-29", 0, 0, 0, 0}, {"2100-02-29", 0, 0, 0, 0},
        {"2026-1-5", 0, 0, 0, 0}, {"2026-01-5", 0, 0, 0, 0}, {"26-01-05", 0, 0, 0, 0},
        {"0000-01-01", 0, 0, 0, 0}, {"01/01/0000", 0, 0, 0, 0},
        {"2026-11-25x", 0, 0, 0, 0}, {"2026-11-25 ", 0, 0, 0, 0}, {" 2026-11-25", 0, 0, 0, 0},
        {"2026-13-01", 0, 0, 0, 0}, {"2026-00-10", 0, 0, 0, 0}, {"2026-11-00", 0, 0, 0, 0},
        {"32/01/2026", 0, 0, 0, 0}, {"25/11/26", 0, 0, 0, 0}, {"25/11/20266", 0, 0, 0, 0},
        {"025/11/2026", 0, 0, 0, 0}, {"2026/11/25", 0, 0, 0, 0}, {"", 0, 0, 0, 0},
        {"20261125", 0, 0, 0, 0}, {"2026-11-255", 0, 0, 0, 0}, {"+026-11-25", 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct civil_date d = D(7, 7, 7);
        int rc = civil_parse_date(cases[i].s, &d);
        if (cases[i].ok) {
            assert_int_equal(rc, 0);
            assert_date(d, cases[i].y, cases[i].m, cases[i].d);
        } else {
            if (rc != -1)
                fail_msg("accepted \"%s\"", cases[i].s);
            assert_date(d, 7, 7, 7);
        }
    }
    struct civil_date d;
    assert_int_equal(civil_parse_date(NULL, &d), -1);
}

static void test_parse_time(void **state)
{
    (void)state;
    static const struct { const char *s; int minute; } cases[] = {
        {"14:30", 870}, {"00:00", 0}, {"23:59", 1439}, {"09:05", 545},
        {"14h30", 870}, {"14h", 840}, {"9h05", 545}, {"9h", 540}, {"09h05", 545},
        {"0h", 0}, {"23h59", 1439}, {"14H30", 870},
        {"24:00", -1}, {"14h60", -1}, {"14:60", -1}, {"9:05", -1}, {"14:5", -1},
        {"14h5", -1}, {"14h300", -1}, {"24h", -1}, {"14", -1}, {"", -1},
        {"14:30 ", -1}, {" 14:30", -1}, {"14:30:00", -1}, {"h30", -1}, {"-1h", -1},
        {"123h", -1}, {"14h30x", -1}, {"1430", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int m = -42;
        int rc = civil_parse_time(cases[i].s, &m);
        if (cases[i].minute >= 0) {
            if (rc != 0)
                fail_msg("rejected \"%s\"", cases[i].s);
            assert_int_equal(m, cases[i].minute);
        } else {
            if (rc != -1)
                fail_msg("accepted \"%s\"", cases[i].s);
            assert_int_equal(m, -42);
        }
    }
}

static void test_parse_datetime(void **state)
{
    (void)state;
    struct civil_datetime dt;
    assert_int_equal(civil_parse_datetime("2026-11-25 14:30", &dt), 0);
    assert_int_equal(civil_datetime_compare(dt, DT(2026, 11, 25, 14, 30)), 0);
    assert_int_equal(civil_parse_datetime("25/11/2026 14h30", &dt), 0);
    assert_int_equal(civil_datetime_compare(dt, DT(2026, 11, 25, 14, 30)), 0);
    assert_int_equal(civil_parse_datetime("1/3/2024 9h", &dt), 0);
    assert_int_equal(civil_datetime_compare(dt, DT(2024, 3, 1, 9, 0)), 0);
    static const char *bad[] = {
        "2026-11-25  14:30", "2026-11-25T14:30", "2026-11-25 24:00", "2026-02-30 10:00",
        "2026-11-25", "2026-11-25 ", "2026-11-25 14:30x", "2026-11-2514:30", "14:30",
        "2026-11-25 14h60",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dt = DT(2000, 1, 1, 0, 0);
        if (civil_parse_datetime(bad[i], &dt) != -1)
            fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(civil_datetime_compare(dt, DT(2000, 1, 1, 0, 0)), 0);
    }
}

static void test_format(void **state)
{
    (void)state;
    char buf[32];
    assert_int_equal(civil_format_date(D(2026, 11, 25), buf, sizeof buf), 0);
    assert_string_equal(buf, "2026-11-25");
    assert_int_equal(civil_format_date(D(1, 1, 1), buf, sizeof buf), 0);
    assert_string_equal(buf, "0001-01-01");
    assert_int_equal(civil_format_time(870, buf, sizeof buf), 0);
    assert_string_equal(buf, "14:30");
    assert_int_equal(civil_format_time(5, buf, sizeof buf), 0);
    assert_string_equal(buf, "00:05");
    assert_int_equal(civil_format_datetime(DT(2026, 11, 25, 9, 5), buf, sizeof buf), 0);
    assert_string_equal(buf, "2026-11-25 09:05");
    assert_int_equal(civil_format_date_fr(D(2026, 1, 5), buf, sizeof buf), 0);
    assert_string_equal(buf, "05/01/2026");
    assert_int_equal(civil_format_date_fr(D(2026, 11, 25), buf, sizeof buf), 0);
    assert_string_equal(buf, "25/11/2026");
    static const struct { int minute; const char *text; } fr[] = {
        {870, "14h30"}, {840, "14h"}, {545, "9h05"}, {0, "0h"}, {1439, "23h59"}, {600, "10h"},
    };
    for (size_t i = 0; i < sizeof fr / sizeof fr[0]; i++) {
        assert_int_equal(civil_format_time_fr(fr[i].minute, buf, sizeof buf), 0);
        assert_string_equal(buf, fr[i].text);
        int back = -1;
        assert_int_equal(civil_parse_time(buf, &back), 0);
        assert_int_equal(back, fr[i].minute);
    }
    /* Exact sizes fit; one byte less fails and leaves the buffer alone. */
    char small[CIVIL_DATETIME_LEN];
    assert_int_equal(civil_format_datetime(DT(2026, 11, 25, 14, 30), small, sizeof small), 0);
    assert_string_equal(small, "2026-11-25 14:30");
    strcpy(small, "keep");
    assert_int_equal(civil_format_datetime(DT(2026, 11, 25, 14, 30), small, CIVIL_DATETIME_LEN - 1), -1);
    assert_string_equal(small, "keep");
    assert_int_equal(civil_format_date(D(2026, 11, 25), small, CIVIL_DATE_LEN), 0);
    assert_int_equal(civil_format_date(D(2026, 11, 25), small, CIVIL_DATE_LEN - 1), -1);
    assert_int_equal(civil_format_time(870, small, CIVIL_TIME_LEN), 0);
    assert_int_equal(civil_format_time(870, small, CIVIL_TIME_LEN - 1), -1);
    assert_int_equal(civil_format_time_fr(870, small, 5), -1);
    assert_int_equal(civil_format_time_fr(870, small, 6), 0);
    /* Invalid values. */
    assert_int_equal(civil_format_date(D(2026, 2, 30), buf, sizeof buf), -1);
    assert_int_equal(civil_format_time(1440, buf, sizeof buf), -1);
    assert_int_equal(civil_format_time(-1, buf, sizeof buf), -1);
    assert_int_equal(civil_format_time_fr(1440, buf, sizeof buf), -1);
    assert_int_equal(civil_format_date_fr(D(0, 1, 1), buf, sizeof buf), -1);
    assert_int_equal(civil_format_datetime(DT(2026, 1, 1, 24, 0), buf, sizeof buf), -1);
    assert_int_equal(civil_format_date(D(2026, 1, 1), NULL, 0), -1);
}

static void test_format_parse_round_trip(void **state)
{
    (void)state;
    char buf[CIVIL_DATETIME_LEN];
    for (int64_t m = civil_datetime_to_minutes(DT(2024, 2, 27, 0, 0));
         m < civil_datetime_to_minutes(DT(2024, 3, 2, 0, 0)); m += 7) {
        struct civil_datetime dt, back;
        assert_int_equal(civil_datetime_from_minutes(m, &dt), 0);
        assert_int_equal(civil_format_datetime(dt, buf, sizeof buf), 0);
        assert_int_equal(civil_parse_datetime(buf, &back), 0);
        assert_int_equal(civil_datetime_compare(dt, back), 0);
    }
}

/* ---- Europe/Paris daylight saving ------------------------------------ */

static int setup_paris(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    return 0;
}

static time_t instant(struct civil_datetime dt)
{
    time_t t = 0;
    assert_int_equal(civil_to_instant(dt, &t), 0);
    return t;
}

/* UTC seconds of a UTC wall-clock time, computed without the time zone. */
static time_t utc(int y, int mo, int d, int h, int mi)
{
    return (time_t)(civil_date_to_days(D(y, mo, d)) * 86400 + h * 3600 + mi * 60);
}

static void test_instant_ordinary(void **state)
{
    (void)state;
    assert_int_equal(instant(DT(2026, 1, 15, 12, 0)), utc(2026, 1, 15, 11, 0));  /* CET */
    assert_int_equal(instant(DT(2026, 7, 14, 12, 0)), utc(2026, 7, 14, 10, 0));  /* CEST */
    assert_int_equal(instant(DT(2026, 11, 25, 14, 30)), utc(2026, 11, 25, 13, 30));
    struct civil_datetime back;
    assert_int_equal(civil_from_instant(utc(2026, 7, 14, 10, 0), &back), 0);
    assert_int_equal(civil_datetime_compare(back, DT(2026, 7, 14, 12, 0)), 0);
    time_t t = 99;
    assert_int_equal(civil_to_instant(DT(2026, 2, 30, 12, 0), &t), -1);
    assert_int_equal(civil_to_instant(DT(2026, 2, 3, 24, 0), &t), -1);
    assert_int_equal(t, 99);
}

static void test_spring_forward_2026(void **state)
{
    (void)state;
    /* 2026-03-29: 02:00 CET -> 03:00 CEST (01:00 UTC). */
    assert_int_equal(instant(DT(2026, 3, 29, 1, 59)), utc(2026, 3, 29, 0, 59));
    assert_int_equal(instant(DT(2026, 3, 29, 3, 0)), utc(2026, 3, 29, 1, 0));
    assert_int_equal(instant(DT(2026, 3, 29, 3, 30)), utc(2026, 3, 29, 1, 30));
    /* 02:30 does not exist: same instant as 03:30 CEST. */
    assert_int_equal(instant(DT(2026, 3, 29, 2, 30)), instant(DT(2026, 3, 29, 3, 30)));
    assert_int_equal(instant(DT(2026, 3, 29, 2, 0)), instant(DT(2026, 3, 29, 3, 0)));
    struct civil_datetime back;
    assert_int_equal(civil_from_instant(instant(DT(2026, 3, 29, 2, 30)), &back), 0);
    assert_int_equal(civil_datetime_compare(back, DT(2026, 3, 29, 3, 30)), 0);
    /* The day has 23 real hours. */
    assert_int_equal(instant(DT(2026, 3, 30, 0, 0)) - instant(DT(2026, 3, 29, 0, 0)), 23 * 3600);
    assert_int_equal(instant(DT(2026, 3, 29, 0, 0)) - instant(DT(2026, 3, 28, 0, 0)), 24 * 3600);
    /* "in 40 minutes" across the change: 01:50 + 40 real minutes = 03:30. */
    assert_int_equal(instant(DT(2026, 3, 29, 3, 30)) - instant(DT(2026, 3, 29, 1, 50)), 40 * 60);
}

static void test_fall_back_2026(void **state)
{
    (void)state;
    /* 2026-10-25: 03:00 CEST -> 02:00 CET (01:00 UTC); 02:xx happens twice. */
    assert_int_equal(instant(DT(2026, 10, 25, 1, 59)), utc(2026, 10, 24, 23, 59));
    /* The earlier, CEST, instant. */
    assert_int_equal(instant(DT(2026, 10, 25, 2, 30)), utc(2026, 10, 25, 0, 30));
    assert_int_equal(instant(DT(2026, 10, 25, 2, 0)), utc(2026, 10, 25, 0, 0));
    assert_int_equal(instant(DT(2026, 10, 25, 2, 59)), utc(2026, 10, 25, 0, 59));
    assert_int_equal(instant(DT(2026, 10, 25, 3, 0)), utc(2026, 10, 25, 2, 0));
    /* Both instants read back as 02:30. */
    struct civil_datetime back;
    assert_int_equal(civil_from_instant(utc(2026, 10, 25, 0, 30), &back), 0);
    assert_int_equal(civil_datetime_compare(back, DT(2026, 10, 25, 2, 30)), 0);
    assert_int_equal(civil_from_instant(utc(2026, 10, 25, 1, 30), &back), 0);
    assert_int_equal(civil_datetime_compare(back, DT(2026, 10, 25, 2, 30)), 0);
    /* The day has 25 real hours. */
    assert_int_equal(instant(DT(2026, 10, 26, 0, 0)) - instant(DT(2026, 10, 25, 0, 0)), 25 * 3600);
    assert_int_equal(instant(DT(2026, 10, 27, 0, 0)) - instant(DT(2026, 10, 26, 0, 0)), 24 * 3600);
}

static void test_every_minute_of_dst_days(void **state)
{
    (void)state;
    /* Every civil minute of both Sundays converts and reads back unchanged,
     * except in the spring gap (one hour later). Instants never go back
     * outside the gap (gap times land after it, so 02:59 > 03:00). */
    static const struct civil_date days[] = {{2026, 3, 29}, {2026, 10, 25}, {2027, 3, 28}};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        time_t prev = 0;
        for (int m = 0; m < 1440; m++) {
            struct civil_datetime dt = {days[i], m}, back;
            time_t t = instant(dt);
            int in_gap = days[i].month == 3 && m >= 120 && m < 180;
            if (m > 0 && !in_gap && m != 180)
                assert_true(t > prev);
            prev = t;
            assert_int_equal(civil_from_instant(t, &back), 0);
            if (in_gap)
                assert_int_equal(civil_datetime_to_minutes(back) - civil_datetime_to_minutes(dt), 60);
            else
                assert_int_equal(civil_datetime_compare(back, dt), 0);
        }
    }
}

static void test_instant_utc_zone(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    assert_int_equal(instant(DT(2026, 3, 29, 2, 30)), utc(2026, 3, 29, 2, 30));
    assert_int_equal(instant(DT(1970, 1, 1, 0, 0)), 0);
    assert_int_equal(instant(DT(1969, 12, 31, 23, 59)), -60);
    setup_paris(NULL);
}

static void test_birth_date_plausible(void **state)
{
    (void)state;
    struct civil_date today = {2026, 11, 25};
    assert_true(civil_birth_date_plausible((struct civil_date){1980, 3, 12}, today));
    assert_true(civil_birth_date_plausible((struct civil_date){1900, 1, 1}, today));
    assert_true(civil_birth_date_plausible(today, today));
    assert_false(civil_birth_date_plausible((struct civil_date){1800, 5, 1}, today));
    assert_false(civil_birth_date_plausible((struct civil_date){1899, 12, 31}, today));
    assert_false(civil_birth_date_plausible((struct civil_date){2026, 11, 26}, today));
    assert_false(civil_birth_date_plausible((struct civil_date){3000, 1, 1}, today));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_birth_date_plausible),
        cmocka_unit_test(test_date_valid),
        cmocka_unit_test(test_days_round_trip),
        cmocka_unit_test(test_add_days_year_ends),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_iso_week),
        cmocka_unit_test(test_minutes),
        cmocka_unit_test(test_parse_date),
        cmocka_unit_test(test_parse_time),
        cmocka_unit_test(test_parse_datetime),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_parse_round_trip),
        cmocka_unit_test(test_instant_ordinary),
        cmocka_unit_test(test_spring_forward_2026),
        cmocka_unit_test(test_fall_back_2026),
        cmocka_unit_test(test_every_minute_of_dst_days),
        cmocka_unit_test(test_instant_utc_zone),
    };
    return cmocka_run_group_tests(tests, setup_paris, NULL);
}
