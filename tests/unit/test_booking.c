/* test_booking.c - errors and warnings before a booking is written: bad
 * times, past, outside opening hours, absence, holiday, same person same
 * motif same day, overlap with the agent's other appointments (cancelled
 * ones and the appointment being moved excepted). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/booking.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static struct civil_datetime DT(int y, int mo, int d, int h, int mi)
{
    return (struct civil_datetime){{y, mo, d}, h * 60 + mi};
}

static int64_t M(int y, int mo, int d, int h, int mi)
{
    return civil_datetime_to_minutes(DT(y, mo, d, h, mi));
}

/* Agent 1: Mondays and Tuesdays 9:00-12:00 and 14:00-17:00 at site 1,
 * away Tuesday 2026-11-24 afternoon. */
static struct slot_rule rules[4];
static struct absence away;
static struct slot_agent agent;

/* The agent's Monday: 10:00 person 7 motif 3, 11:00 revoked, 9:00 the
 * appointment 50 (being moved in some cases). */
static const struct booking_appt agent_day[] = {
    {40, 7, 3, {0, 0}, APPT_UNKNOWN},
    {41, 8, 3, {0, 0}, APPT_REVOKED},
    {50, 9, 4, {0, 0}, APPT_UNKNOWN},
};
static struct booking_appt agent_appts[3];
/* Person 7's day: 10:00 motif 3 (same as above), 15:00 motif 5 excused. */
static struct booking_appt person_appts[2];

static void setup_fixture(void)
{
    static const enum civil_weekday days[] = {CIVIL_MONDAY, CIVIL_TUESDAY};
    for (int i = 0; i < 4; i++) {
        rules[i].site_id = 1;
        rules[i].rule = (struct opening_rule){days[i / 2], i % 2 ? 14 * 60 : 9 * 60,
                                              i % 2 ? 17 * 60 : 12 * 60, 1,
                                              {2026, 1, 5}, {0, 0, 0}};
    }
    away.kind = ABSENCE_ONE_OFF;
    away.from = DT(2026, 11, 24, 14, 0);
    away.until = DT(2026, 11, 24, 17, 0);
    agent = (struct slot_agent){1, rules, 4, &away, 1, NULL, 0};
    for (size_t i = 0; i < N_ELEMS(agent_day); i++)
        agent_appts[i] = agent_day[i];
    agent_appts[0].when = (struct interval){M(2026, 11, 23, 10, 0), M(2026, 11, 23, 10, 30)};
    agent_appts[1].when = (struct interval){M(2026, 11, 23, 11, 0), M(2026, 11, 23, 11, 30)};
    agent_appts[2].when = (struct interval){M(2026, 11, 23, 9, 0), M(2026, 11, 23, 9, 30)};
    person_appts[0] = agent_appts[0];
    person_appts[1] = (struct booking_appt){60, 7, 5,
        {M(2026, 11, 23, 15, 0), M(2026, 11, 23, 15, 30)}, APPT_EXCUSED};
}

static void test_flags(void **state)
{
    (void)state;
    setup_fixture();
    const struct booking_context ctx = {
        DT(2026, 11, 20, 12, 0), 0, &agent,
        agent_appts, N_ELEMS(agent_appts), person_appts, N_ELEMS(person_appts)};
    static const struct {
        int64_t appt, motif, person;
        struct civil_datetime start, end;
        unsigned want;
    } cases[] = {
        /* a free, open half-hour */
        {0, 4, 7, {{2026, 11, 23}, 9 * 60 + 30}, {{2026, 11, 23}, 10 * 60}, BOOKING_OK},
        /* touching 10:00-10:30 on both sides is fine */
        {0, 4, 8, {{2026, 11, 23}, 10 * 60 + 30}, {{2026, 11, 23}, 11 * 60}, BOOKING_OK},
        /* over the 10:00 appointment */
        {0, 4, 8, {{2026, 11, 23}, 10 * 60 + 15}, {{2026, 11, 23}, 10 * 60 + 45}, BOOKING_OVERLAP},
        /* over a revoked one: free */
        {0, 4, 8, {{2026, 11, 23}, 11 * 60}, {{2026, 11, 23}, 11 * 60 + 30}, BOOKING_OK},
        /* appointment 50 moved by 15 minutes overlaps only itself */
        {50, 4, 9, {{2026, 11, 23}, 9 * 60 + 15}, {{2026, 11, 23}, 9 * 60 + 45}, BOOKING_OK},
        /* a new one there does overlap it */
        {0, 4, 9, {{2026, 11, 23}, 9 * 60 + 15}, {{2026, 11, 23}, 9 * 60 + 45}, BOOKING_OVERLAP},
        /* person 7 already has motif 3 that day */
        {0, 3, 7, {{2026, 11, 23}, 14 * 60}, {{2026, 11, 23}, 14 * 60 + 30}, BOOKING_SAME_DAY_MOTIF},
        /* ... but moving that very appointment is not a second booking */
        {40, 3, 7, {{2026, 11, 23}, 14 * 60}, {{2026, 11, 23}, 14 * 60 + 30}, BOOKING_OK},
        /* excused motif 5 does not count */
        {0, 5, 7, {{2026, 11, 23}, 14 * 60}, {{2026, 11, 23}, 14 * 60 + 30}, BOOKING_OK},
        /* no person yet */
        {0, 3, 0, {{2026, 11, 23}, 14 * 60}, {{2026, 11, 23}, 14 * 60 + 30}, BOOKING_OK},
        /* lunch time */
        {0, 4, 8, {{2026, 11, 23}, 12 * 60 + 30}, {{2026, 11, 23}, 13 * 60}, BOOKING_OUTSIDE_HOURS},
        /* Wednesday: no hours */
        {0, 4, 8, {{2026, 11, 25}, 9 * 60}, {{2026, 11, 25}, 9 * 60 + 30}, BOOKING_OUTSIDE_HOURS},
        /* agent away */
        {0, 4, 8, {{2026, 11, 24}, 15 * 60}, {{2026, 11, 24}, 15 * 60 + 30}, BOOKING_AGENT_ABSENT},
        /* Christmas is a Friday: no hours either */
        {0, 4, 8, {{2026, 12, 25}, 9 * 60}, {{2026, 12, 25}, 9 * 60 + 30},
         BOOKING_HOLIDAY | BOOKING_OUTSIDE_HOURS},
        /* Easter Monday 2027 inside the rules' hours */
        {0, 4, 8, {{2027, 3, 29}, 9 * 60}, {{2027, 3, 29}, 9 * 60 + 30}, BOOKING_HOLIDAY},
        /* the past */
        {0, 4, 8, {{2026, 11, 16}, 9 * 60}, {{2026, 11, 16}, 9 * 60 + 30}, BOOKING_IN_PAST},
        {0, 4, 8, {{2026, 11, 20}, 11 * 60 + 59}, {{2026, 11, 20}, 12 * 60 + 30},
         BOOKING_IN_PAST | BOOKING_OUTSIDE_HOURS},
        /* errors come alone */
        {0, 4, 8, {{2026, 11, 23}, 10 * 60}, {{2026, 11, 23}, 10 * 60}, BOOKING_END_NOT_AFTER_START},
        {0, 4, 8, {{2026, 11, 23}, 10 * 60}, {{2026, 11, 23}, 9 * 60}, BOOKING_END_NOT_AFTER_START},
        {0, 4, 8, {{2026, 11, 23}, 9 * 60}, {{2026, 11, 24}, 9 * 60 + 1}, BOOKING_TOO_LONG},
        {0, 4, 8, {{2026, 2, 30}, 9 * 60}, {{2026, 2, 30}, 9 * 60 + 30}, BOOKING_INVALID_TIME},
        {0, 4, 8, {{2026, 11, 23}, 1440}, {{2026, 11, 24}, 30}, BOOKING_INVALID_TIME},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct booking_request req = {cases[i].appt, 1, cases[i].motif,
                                      cases[i].person, cases[i].start, cases[i].end};
        unsigned got = booking_check(&req, &ctx);
        if (got != cases[i].want)
            fail_msg("case %zu: flags %#x, expected %#x", i, got, cases[i].want);
    }
}

static void test_without_agent_rules(void **state)
{
    (void)state;
    setup_fixture();
    /* No agent given: hours and absences are not judged, holidays are. */
    struct booking_context ctx = {DT(2026, 11, 20, 12, 0), HOLIDAYS_ALSACE_MOSELLE,
                                  NULL, NULL, 0, NULL, 0};
    struct booking_request req = {0, 1, 4, 8, DT(2026, 11, 25, 20, 0),
                                  DT(2026, 11, 25, 20, 30)};
    assert_int_equal(booking_check(&req, &ctx), BOOKING_OK);
    req.start = DT(2026, 12, 26, 9, 0); /* St Stephen, Alsace-Moselle */
    req.end = DT(2026, 12, 26, 9, 30);
    assert_int_equal(booking_check(&req, &ctx), BOOKING_HOLIDAY);
    ctx.holiday_flags = HOLIDAYS_NATIONAL;
    assert_int_equal(booking_check(&req, &ctx), BOOKING_OK);
    /* A whole day is allowed (24 hours, not more). */
    req.start = DT(2026, 11, 25, 0, 0);
    req.end = DT(2026, 11, 26, 0, 0);
    assert_int_equal(booking_check(&req, &ctx), BOOKING_OK);
    assert_int_equal(booking_check(NULL, &ctx), BOOKING_INVALID_TIME);
    assert_int_equal(booking_check(&req, NULL), BOOKING_INVALID_TIME);
    assert_true(BOOKING_ERRORS & BOOKING_TOO_LONG);
    assert_false(BOOKING_ERRORS & BOOKING_OVERLAP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_without_agent_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
