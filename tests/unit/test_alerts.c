/* test_alerts.c - moments of alerts: parsing, when each arrives, the
 * horizon of appointments to look at, urgency growing with the risk. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/alerts.h"

static int64_t at(int y, int mo, int d, int h, int mi)
{
    return civil_datetime_to_minutes((struct civil_datetime){{y, mo, d}, h * 60 + mi});
}

static void test_parse(void **state)
{
    (void)state;
    struct alert_moment m;
    assert_int_equal(alert_moment_parse("day-before=-1d@16:00", &m), 0);
    assert_string_equal(m.name, "day-before");
    assert_int_equal(m.days_before, 1);
    assert_int_equal(m.at_minute, 16 * 60);
    assert_int_equal(alert_moment_parse("2h-before=-2h", &m), 0);
    assert_int_equal(m.minutes_before, 120);
    assert_int_equal(m.at_minute, -1);
    assert_int_equal(alert_moment_parse("-30m", &m), 0);
    assert_string_equal(m.name, "-30m");
    assert_int_equal(m.minutes_before, 30);
    const char *bad[] = {"", "x=", "x=2h", "x=-2", "x=-1d", "x=-1d@25:00", "x=-2hours",
                         "bad name=-2h", "x=--2h", NULL};
    for (int i = 0; bad[i]; i++)
        if (alert_moment_parse(bad[i], &m) == 0)
            fail_msg("\"%s\" accepted", bad[i]);
    struct alert_moment d[4];
    assert_int_equal(alert_moment_defaults(d, 4), 2);
    assert_string_equal(d[0].name, "day-before");
    assert_string_equal(d[1].name, "2h-before");
}

static void test_due_and_horizon(void **state)
{
    (void)state;
    struct alert_moment eve, soon;
    alert_moment_parse("day-before=-1d@16:00", &eve);
    alert_moment_parse("soon=-2h", &soon);
    int64_t start = at(2026, 11, 26, 9, 30);
    assert_int_equal(alert_moment_due(&eve, start), at(2026, 11, 25, 16, 0));
    assert_int_equal(alert_moment_due(&soon, start), at(2026, 11, 26, 7, 30));
    /* Monday 09:30 after a Sunday: still the calendar day before */
    assert_int_equal(alert_moment_due(&eve, at(2026, 11, 30, 9, 30)), at(2026, 11, 29, 16, 0));
    /* at 15:59, tomorrow's appointments are not due yet: horizon = end of today */
    assert_int_equal(alert_moment_horizon(&eve, at(2026, 11, 25, 15, 59)), at(2026, 11, 26, 0, 0));
    /* from 16:00, up to the end of tomorrow */
    assert_int_equal(alert_moment_horizon(&eve, at(2026, 11, 25, 16, 0)), at(2026, 11, 27, 0, 0));
    assert_int_equal(alert_moment_horizon(&soon, at(2026, 11, 25, 10, 0)), at(2026, 11, 25, 12, 1));
    /* an appointment booked after its moment: due at once */
    struct alert_moment week;
    alert_moment_parse("week=-7d@09:00", &week);
    int64_t s = at(2026, 11, 26, 8, 0);
    assert_true(alert_moment_due(&week, s) < s);
}

static void test_urgency_grows_with_risk(void **state)
{
    (void)state;
    assert_int_equal(alert_urgency_for(0.30, 0.30), ALERT_LOW);
    assert_int_equal(alert_urgency_for(0.45, 0.30), ALERT_NORMAL);
    assert_int_equal(alert_urgency_for(0.61, 0.30), ALERT_CRITICAL);
    enum alert_urgency last = ALERT_LOW;
    for (int pct = 20; pct <= 100; pct++) {
        enum alert_urgency u = alert_urgency_for(pct / 100.0, 0.2);
        assert_true(u >= last);
        last = u;
    }
    assert_int_equal(last, ALERT_CRITICAL);
}

/* The configuration's alert_threshold and alert_moments, shared by the
 * console and guichet-notify: good values, bad ones (unchanged), other
 * keys left to the caller, defaults filled in. */
static void test_settings(void **state)
{
    (void)state;
    struct alert_settings s = {0};
    char why[256];
    assert_int_equal(alert_settings_apply(&s, "theme", "dark", why, sizeof why), 0);
    assert_int_equal(alert_settings_apply(&s, "alert_threshold", "15", why, sizeof why), 1);
    assert_true(s.threshold == 0.15);
    const char *bad_thresholds[] = {"0", "101", "", "15 %", "-5", "1.5", "abc"};
    for (size_t i = 0; i < sizeof bad_thresholds / sizeof *bad_thresholds; i++) {
        why[0] = '\0';
        assert_int_equal(alert_settings_apply(&s, "alert_threshold", bad_thresholds[i], why,
                                              sizeof why), -1);
        assert_non_null(strstr(why, "alert_threshold"));
        assert_true(s.threshold == 0.15);
    }
    assert_int_equal(alert_settings_apply(&s, "alert_moments", "eve=-1d@17:30, 3h-before=-3h",
                                          why, sizeof why), 1);
    assert_int_equal(s.nmoments, 2);
    assert_string_equal(s.moments[0].name, "eve");
    assert_int_equal(s.moments[0].at_minute, 17 * 60 + 30);
    assert_int_equal(s.moments[1].minutes_before, 180);
    assert_int_equal(alert_settings_apply(&s, "alert_moments", "-30m", why, sizeof why), 1);
    assert_int_equal(s.nmoments, 1);
    const char *bad_moments[] = {"", " , ", "soon=tomorrow", "a=-1h a=-2h",
                                 "a=-1h b=-1h c=-1h d=-1h e=-1h f=-1h g=-1h h=-1h i=-1h"};
    for (size_t i = 0; i < sizeof bad_moments / sizeof *bad_moments; i++) {
        assert_int_equal(alert_settings_apply(&s, "alert_moments", bad_moments[i], why,
                                              sizeof why), -1);
        assert_non_null(strstr(why, "alert_moments"));
        assert_int_equal(s.nmoments, 1);
        assert_string_equal(s.moments[0].name, "-30m");
    }
    struct alert_settings d = {0};
    alert_settings_resolve(&d);
    assert_true(d.threshold == 0.30);
    assert_int_equal(d.nmoments, 2);
    assert_string_equal(d.moments[0].name, "day-before");
    alert_settings_resolve(&s);
    assert_true(s.threshold == 0.15);
    assert_int_equal(s.nmoments, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_due_and_horizon),
        cmocka_unit_test(test_urgency_grows_with_risk),
        cmocka_unit_test(test_settings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
