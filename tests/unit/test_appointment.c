/* test_appointment.c - status names, display states and every transition
 * pair at several moments relative to the appointment's start. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/appointment.h"

static struct civil_datetime DT(int y, int m, int d, int h, int min)
{
    return (struct civil_datetime){{y, m, d}, h * 60 + min};
}

static void test_names(void **state)
{
    (void)state;
    static const char *names[APPT_STATUS_COUNT] = {"unknown", "seen", "excused", "revoked", "noshow"};
    for (int s = 0; s < APPT_STATUS_COUNT; s++) {
        assert_string_equal(appt_status_name((enum appt_status)s), names[s]);
        enum appt_status back = APPT_STATUS_COUNT;
        assert_int_equal(appt_status_parse(names[s], &back), 0);
        assert_int_equal(back, s);
    }
    enum appt_status keep = APPT_SEEN;
    assert_int_equal(appt_status_parse("Seen", &keep), -1);
    assert_int_equal(appt_status_parse("", &keep), -1);
    assert_int_equal(appt_status_parse("no-show", &keep), -1);
    assert_int_equal(appt_status_parse(NULL, &keep), -1);
    assert_int_equal(keep, APPT_SEEN);
    assert_null(appt_status_name(APPT_STATUS_COUNT));
}

static void test_cancelled(void **state)
{
    (void)state;
    assert_false(appt_status_is_cancelled(APPT_UNKNOWN));
    assert_false(appt_status_is_cancelled(APPT_SEEN));
    assert_true(appt_status_is_cancelled(APPT_EXCUSED));
    assert_true(appt_status_is_cancelled(APPT_REVOKED));
    assert_false(appt_status_is_cancelled(APPT_NOSHOW));
}

/* Moments relative to an appointment on 2026-11-25 at 14:30. */
enum moment { BEFORE_DAY, SAME_DAY_BEFORE, AT_START, AFTER_START, LATER_DAY, N_MOMENTS };

static const struct civil_datetime start = {{2026, 11, 25}, 14 * 60 + 30};

static struct civil_datetime now_at(enum moment m)
{
    switch (m) {
    case BEFORE_DAY: return DT(2026, 11, 24, 23, 59);
    case SAME_DAY_BEFORE: return DT(2026, 11, 25, 8, 0);
    case AT_START: return DT(2026, 11, 25, 14, 30);
    case AFTER_START: return DT(2026, 11, 25, 14, 31);
    default: return DT(2026, 12, 1, 9, 0);
    }
}

static void test_display(void **state)
{
    (void)state;
    static const enum appt_display unknown_at[N_MOMENTS] = {
        APPT_SHOW_UPCOMING, APPT_SHOW_TODAY, APPT_SHOW_TODAY, APPT_SHOW_TO_FILL_IN,
        APPT_SHOW_TO_FILL_IN,
    };
    static const enum appt_display final_show[APPT_STATUS_COUNT] = {
        0, APPT_SHOW_SEEN, APPT_SHOW_EXCUSED, APPT_SHOW_REVOKED, APPT_SHOW_NOSHOW,
    };
    for (int m = 0; m < N_MOMENTS; m++) {
        assert_int_equal(appt_display_status(APPT_UNKNOWN, start, now_at(m)), unknown_at[m]);
        for (int s = 1; s < APPT_STATUS_COUNT; s++)
            assert_int_equal(appt_display_status(s, start, now_at(m)), final_show[s]);
    }
    /* Year end: an appointment on 1 January is upcoming on 31 December. */
    assert_int_equal(appt_display_status(APPT_UNKNOWN, DT(2027, 1, 1, 0, 0), DT(2026, 12, 31, 23, 59)),
                     APPT_SHOW_UPCOMING);
}

/* Expected table: allowed[moment][from][to]. */
static void test_every_transition_pair(void **state)
{
    (void)state;
    enum { U = APPT_UNKNOWN, S = APPT_SEEN, E = APPT_EXCUSED, R = APPT_REVOKED, N = APPT_NOSHOW };
    for (int m = 0; m < N_MOMENTS; m++) {
        struct civil_datetime now = now_at(m);
        int on_or_after_day = m != BEFORE_DAY;
        int started = m == AFTER_START || m == LATER_DAY;
        for (int from = 0; from < APPT_STATUS_COUNT; from++) {
            for (int to = 0; to < APPT_STATUS_COUNT; to++) {
                int expect;
                if (from == to)
                    expect = 0;
                else if (from != U)
                    expect = to == U;
                else if (to == E || to == R)
                    expect = 1;
                else if (to == S)
                    expect = on_or_after_day;
                else if (to == N)
                    expect = started;
                else
                    expect = 0;
                int got = appt_transition_allowed(from, to, start, now);
                if (got != expect)
                    fail_msg("moment %d: %s -> %s gave %d", m, appt_status_name(from),
                             appt_status_name(to), got);
            }
        }
    }
}

static void test_transition_spot_checks(void **state)
{
    (void)state;
    /* Written out, independent of the table above. */
    struct civil_datetime tomorrow = DT(2026, 11, 26, 9, 0), today = DT(2026, 11, 25, 9, 0);
    assert_false(appt_transition_allowed(APPT_UNKNOWN, APPT_SEEN, start, DT(2026, 11, 24, 9, 0)));
    assert_true(appt_transition_allowed(APPT_UNKNOWN, APPT_SEEN, start, today));
    assert_false(appt_transition_allowed(APPT_UNKNOWN, APPT_NOSHOW, start, today));
    assert_false(appt_transition_allowed(APPT_UNKNOWN, APPT_NOSHOW, start, start));
    assert_true(appt_transition_allowed(APPT_UNKNOWN, APPT_NOSHOW, start, tomorrow));
    assert_true(appt_transition_allowed(APPT_UNKNOWN, APPT_REVOKED, start, tomorrow));
    assert_false(appt_transition_allowed(APPT_SEEN, APPT_NOSHOW, start, tomorrow));
    assert_true(appt_transition_allowed(APPT_NOSHOW, APPT_UNKNOWN, start, tomorrow));
    assert_true(appt_transition_allowed(APPT_EXCUSED, APPT_UNKNOWN, start, DT(2026, 1, 1, 0, 0)));
    assert_false(appt_transition_allowed(APPT_UNKNOWN, APPT_UNKNOWN, start, tomorrow));
    assert_false(appt_transition_allowed(APPT_STATUS_COUNT, APPT_UNKNOWN, start, tomorrow));
    assert_false(appt_transition_allowed(APPT_UNKNOWN, APPT_STATUS_COUNT, start, tomorrow));
    /* Seen across a year end: a 31 December appointment on 1 January. */
    assert_true(appt_transition_allowed(APPT_UNKNOWN, APPT_SEEN, DT(2026, 12, 31, 16, 0),
                                        DT(2027, 1, 1, 8, 0)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_cancelled),
        cmocka_unit_test(test_display),
        cmocka_unit_test(test_every_transition_pair),
        cmocka_unit_test(test_transition_spot_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
