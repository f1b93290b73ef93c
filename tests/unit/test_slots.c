/* test_slots.c - free-slot search and open/closed time.
 *
 * Table-style cases for each rule of a free slot (opening ranges and their
 * alignment, holidays, absences, every-N-weeks hours, motif and site
 * restrictions, busy intervals touching the edges, overbooked overlaps, the
 * result limit, both DST Sundays and the Mondays after), a randomised
 * comparison with a brute-force reference written straight from the rules,
 * and timing checks on six weeks of twelve busy agents. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/holidays.h"
#include "model/slots.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

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

static int HM(int h, int m)
{
    return h * 60 + m;
}

/* A weekly rule valid from 2026-01-05 (a Monday), open-ended. */
static struct slot_rule rule(int64_t site, enum civil_weekday wd, int start,
                             int end)
{
    struct slot_rule r = {0};
    r.site_id = site;
    r.rule = (struct opening_rule){wd, start, end, 1, {2026, 1, 5}, {0, 0, 0}};
    return r;
}

static struct slot_agent agent(int64_t id, const struct slot_rule *rules,
                               size_t n)
{
    struct slot_agent a = {0};
    a.agent_id = id;
    a.rules = rules;
    a.rule_count = n;
    return a;
}

static struct slot_query query(int duration, struct civil_datetime earliest,
                               struct civil_date latest)
{
    struct slot_query q = {0};
    q.duration_minutes = duration;
    q.earliest = earliest;
    q.latest = latest;
    return q;
}

/* "2026-11-23 09:00 a1 s10" for each slot, checking end = start + duration
 * and that the civil and minute forms agree. */
static void describe(const struct slot *s, int duration, char *buf,
                     size_t size)
{
    char when[CIVIL_DATETIME_LEN];
    assert_int_equal(civil_format_datetime(s->start, when, sizeof when), 0);
    assert_int_equal(s->when.start, civil_datetime_to_minutes(s->start));
    assert_int_equal(s->when.end, civil_datetime_to_minutes(s->end));
    assert_int_equal(s->when.end - s->when.start, duration);
    snprintf(buf, size, "%s a%lld s%lld", when, (long long)s->agent_id,
             (long long)s->site_id);
}

/* Runs the search and compares with `expected` (NULL-terminated). */
static void expect_slots(const struct slot_query *q,
                         const struct slot_agent *agents, size_t n_agents,
                         size_t max, const char *const *expected)
{
    struct slot out[64];
    size_t found = 99;
    assert_true(max <= N_ELEMS(out));
    assert_int_equal(slots_find(q, agents, n_agents, out, max, &found), SLOTS_OK);
    size_t n_expected = 0;
    while (expected[n_expected])
        n_expected++;
    for (size_t i = 0; i < found && i < n_expected; i++) {
        char got[80];
        describe(&out[i], q->duration_minutes, got, sizeof got);
        if (strcmp(got, expected[i]) != 0)
            fail_msg("slot %zu: got \"%s\", expected \"%s\"", i, got, expected[i]);
    }
    if (found != n_expected) {
        for (size_t i = 0; i < found; i++) {
            char got[80];
            describe(&out[i], q->duration_minutes, got, sizeof got);
            print_message("  got %s\n", got);
        }
        fail_msg("found %zu slots, expected %zu", found, n_expected);
    }
}

/* ---- the basics -------------------------------------------------------- */

static void test_default_step(void **state)
{
    (void)state;
    static const int cases[][2] = {
        {1, 5}, {5, 5}, {7, 10}, {10, 10}, {20, 20}, {30, 30}, {45, 45},
        {46, 50}, {90, 90}, {1440, 1440},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++)
        assert_int_equal(slots_default_step(cases[i][0]), cases[i][1]);
}

static void test_weekday_mornings(void **state)
{
    (void)state;
    struct slot_rule rules[5];
    for (int wd = CIVIL_MONDAY; wd <= CIVIL_FRIDAY; wd++)
        rules[wd - 1] = rule(10, wd, HM(9, 0), HM(12, 0));
    struct slot_agent a = agent(1, rules, 5);
    /* Monday 2026-11-23, from 8:00. */
    struct slot_query q = query(30, DT(2026, 11, 23, 8, 0), D(2026, 11, 27));
    static const char *const want[] = {
        "2026-11-23 09:00 a1 s10", "2026-11-23 09:30 a1 s10",
        "2026-11-23 10:00 a1 s10", "2026-11-23 10:30 a1 s10",
        "2026-11-23 11:00 a1 s10", "2026-11-23 11:30 a1 s10",
        "2026-11-24 09:00 a1 s10", "2026-11-24 09:30 a1 s10", NULL};
    expect_slots(&q, &a, 1, 8, want);

    /* From Saturday: the weekend has no rule, Monday comes first. */
    q.earliest = DT(2026, 11, 28, 10, 0);
    q.latest = D(2026, 12, 31);
    static const char *const monday[] = {"2026-11-30 09:00 a1 s10", NULL};
    expect_slots(&q, &a, 1, 1, monday);
}

static void test_alignment_and_step(void **state)
{
    (void)state;
    struct slot_rule r = rule(1, CIVIL_MONDAY, HM(9, 0), HM(10, 0));
    struct slot_agent a = agent(1, &r, 1);

    /* 20 minutes: step 20 from the range start. */
    struct slot_query q = query(20, DT(2026, 11, 23, 0, 0), D(2026, 11, 23));
    static const char *const twenty[] = {
        "2026-11-23 09:00 a1 s1", "2026-11-23 09:20 a1 s1",
        "2026-11-23 09:40 a1 s1", NULL};
    expect_slots(&q, &a, 1, 10, twenty);

    /* Earliest 9:10: the next aligned start is 9:20, not 9:10. */
    q.earliest = DT(2026, 11, 23, 9, 10);
    static const char *const later[] = {
        "2026-11-23 09:20 a1 s1", "2026-11-23 09:40 a1 s1", NULL};
    expect_slots(&q, &a, 1, 10, later);

    /* An explicit 5-minute step starts at 9:10 itself. */
    q.step_minutes = 5;
    static const char *const five[] = {
        "2026-11-23 09:10 a1 s1", "2026-11-23 09:15 a1 s1",
        "2026-11-23 09:20 a1 s1", NULL};
    expect_slots(&q, &a, 1, 3, five);

    /* 7 minutes: default step 10; the last start must still fit (9:50). */
    q = query(7, DT(2026, 11, 23, 9, 35), D(2026, 11, 23));
    static const char *const seven[] = {
        "2026-11-23 09:40 a1 s1", "2026-11-23 09:50 a1 s1", NULL};
    expect_slots(&q, &a, 1, 10, seven);

    /* Longer than the range: nothing. */
    q = query(90, DT(2026, 11, 23, 0, 0), D(2026, 11, 30));
    static const char *const none[] = {NULL};
    expect_slots(&q, &a, 1, 10, none);
}

/* The last slot of a day ends exactly at closing time; one that would end a
 * minute after it is not offered, and the day after comes next. */
static void test_last_slot_before_closing(void **state)
{
    (void)state;
    struct slot_rule r[2] = {rule(1, CIVIL_MONDAY, HM(14, 0), HM(17, 0)),
                             rule(1, CIVIL_TUESDAY, HM(9, 0), HM(12, 0))};
    struct slot_agent a = agent(1, r, 2);
    /* 30 minutes from 16:00: 16:00 and 16:30 (ends 17:00), then Tuesday. */
    struct slot_query q = query(30, DT(2026, 11, 23, 16, 0), D(2026, 11, 24));
    static const char *const thirty[] = {
        "2026-11-23 16:00 a1 s1", "2026-11-23 16:30 a1 s1",
        "2026-11-24 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 3, thirty);
    /* 45 minutes, step 45 from 14:00: 16:15-17:00 is the last one. */
    q = query(45, DT(2026, 11, 23, 15, 31), D(2026, 11, 24));
    static const char *const last45[] = {
        "2026-11-23 16:15 a1 s1", "2026-11-24 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 2, last45);
    /* From 16:16 the 16:15 slot has begun: Tuesday is next. */
    q.earliest = DT(2026, 11, 23, 16, 16);
    static const char *const tuesday[] = {"2026-11-24 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 1, tuesday);
    /* Closing at 16:59: 16:15 would end a minute late, 15:30 is last. */
    r[0].rule.end_minute = HM(16, 59);
    q.earliest = DT(2026, 11, 23, 15, 0);
    static const char *const early[] = {
        "2026-11-23 15:30 a1 s1", "2026-11-24 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 2, early);
    /* The last slot taken by an appointment ending at closing time. */
    r[0].rule.end_minute = HM(17, 0);
    struct interval busy = {M(2026, 11, 23, 16, 30), M(2026, 11, 23, 17, 0)};
    a.busy = &busy;
    a.busy_count = 1;
    q = query(30, DT(2026, 11, 23, 16, 0), D(2026, 11, 24));
    static const char *const taken[] = {
        "2026-11-23 16:00 a1 s1", "2026-11-24 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 2, taken);
}

static void test_busy_edges(void **state)
{
    (void)state;
    struct slot_rule r = rule(1, CIVIL_MONDAY, HM(9, 0), HM(12, 0));
    struct slot_agent a = agent(1, &r, 1);
    struct slot_query q = query(30, DT(2026, 11, 23, 0, 0), D(2026, 11, 23));

    /* Appointments exactly on slot bounds: the slots around them stay. */
    struct interval busy[] = {
        {M(2026, 11, 16, 9, 0), M(2026, 11, 16, 12, 0)}, /* a week before */
        {M(2026, 11, 23, 9, 0), M(2026, 11, 23, 9, 30)},
        {M(2026, 11, 23, 10, 0), M(2026, 11, 23, 10, 30)},
    };
    a.busy = busy;
    a.busy_count = N_ELEMS(busy);
    static const char *const around[] = {
        "2026-11-23 09:30 a1 s1", "2026-11-23 10:30 a1 s1",
        "2026-11-23 11:00 a1 s1", "2026-11-23 11:30 a1 s1", NULL};
    expect_slots(&q, &a, 1, 10, around);

    /* A quarter-hour step around 9:45-10:15: 9:15 may end at 9:45, 10:15
     * may start when it ends; 9:30 and 10:00 overlap it. */
    struct interval mid[] = {{M(2026, 11, 23, 9, 45), M(2026, 11, 23, 10, 15)}};
    a.busy = mid;
    a.busy_count = 1;
    q.step_minutes = 15;
    static const char *const quarter[] = {
        "2026-11-23 09:00 a1 s1", "2026-11-23 09:15 a1 s1",
        "2026-11-23 10:15 a1 s1", "2026-11-23 10:30 a1 s1", NULL};
    expect_slots(&q, &a, 1, 4, quarter);

    /* Overbooked: a long appointment and a short one inside it, sorted by
     * start (ends out of order). The short one must not hide the long. */
    struct interval over[] = {
        {M(2026, 11, 23, 9, 0), M(2026, 11, 23, 11, 0)},
        {M(2026, 11, 23, 9, 30), M(2026, 11, 23, 9, 45)},
    };
    a.busy = over;
    a.busy_count = 2;
    q.step_minutes = 0;
    static const char *const after[] = {
        "2026-11-23 11:00 a1 s1", "2026-11-23 11:30 a1 s1", NULL};
    expect_slots(&q, &a, 1, 10, after);

    /* One minute of overlap is an overlap. */
    struct interval minute[] = {{M(2026, 11, 23, 8, 50), M(2026, 11, 23, 9, 1)},
                                {M(2026, 11, 23, 10, 29), M(2026, 11, 23, 10, 31)}};
    a.busy = minute;
    a.busy_count = 2;
    static const char *const skip[] = {
        "2026-11-23 09:30 a1 s1", "2026-11-23 11:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 2, skip);

    /* Empty or reversed busy intervals are ignored. */
    struct interval odd[] = {
        {M(2026, 11, 23, 9, 0), M(2026, 11, 23, 9, 0)},
        {M(2026, 11, 23, 9, 40), M(2026, 11, 23, 9, 10)},
    };
    a.busy = odd;
    a.busy_count = 2;
    static const char *const first[] = {"2026-11-23 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 1, first);
}

static void test_holidays(void **state)
{
    (void)state;
    struct slot_rule rules[] = {
        rule(1, CIVIL_MONDAY, HM(9, 0), HM(10, 0)),
        rule(1, CIVIL_THURSDAY, HM(9, 0), HM(10, 0)),
        rule(1, CIVIL_FRIDAY, HM(9, 0), HM(10, 0)),
    };
    struct slot_agent a = agent(1, rules, N_ELEMS(rules));

    /* Christmas (Friday 2026-12-25) and New Year (Friday 2027-01-01). */
    struct slot_query q = query(60, DT(2026, 12, 24, 0, 0), D(2027, 1, 31));
    static const char *const christmas[] = {
        "2026-12-24 09:00 a1 s1", "2026-12-28 09:00 a1 s1",
        "2026-12-31 09:00 a1 s1", "2027-01-04 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 4, christmas);

    /* Easter Monday 2027-03-29; Good Friday 2027-03-26 only closes in
     * Alsace-Moselle. */
    q = query(60, DT(2027, 3, 26, 0, 0), D(2027, 4, 30));
    static const char *const easter[] = {
        "2027-03-26 09:00 a1 s1", "2027-04-01 09:00 a1 s1",
        "2027-04-02 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 3, easter);
    q.holiday_flags = HOLIDAYS_ALSACE_MOSELLE;
    static const char *const alsace[] = {
        "2027-04-01 09:00 a1 s1", "2027-04-02 09:00 a1 s1",
        "2027-04-05 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 3, alsace);
}

static void test_absences(void **state)
{
    (void)state;
    struct slot_rule rules[] = {
        rule(1, CIVIL_TUESDAY, HM(9, 0), HM(12, 0)),
        rule(1, CIVIL_TUESDAY, HM(14, 0), HM(17, 0)),
        rule(1, CIVIL_WEDNESDAY, HM(9, 0), HM(12, 0)),
        rule(1, CIVIL_WEDNESDAY, HM(14, 0), HM(17, 0)),
    };
    struct slot_agent a = agent(1, rules, N_ELEMS(rules));

    /* One-off, Tuesday 14:00 to Wednesday 12:00. */
    struct absence off = {0};
    off.kind = ABSENCE_ONE_OFF;
    off.from = DT(2026, 11, 24, 14, 0);
    off.until = DT(2026, 11, 25, 12, 0);
    a.absences = &off;
    a.absence_count = 1;
    struct slot_query q = query(60, DT(2026, 11, 24, 0, 0), D(2026, 11, 25));
    static const char *const across[] = {
        "2026-11-24 09:00 a1 s1", "2026-11-24 10:00 a1 s1",
        "2026-11-24 11:00 a1 s1", "2026-11-25 14:00 a1 s1",
        "2026-11-25 15:00 a1 s1", "2026-11-25 16:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 20, across);

    /* Every other Wednesday afternoon, from 2026-09-02. */
    struct slot_rule wed = rule(1, CIVIL_WEDNESDAY, HM(14, 0), HM(17, 0));
    struct slot_agent b = agent(2, &wed, 1);
    struct absence meeting = {0};
    meeting.kind = ABSENCE_WEEKLY;
    meeting.weekly = (struct opening_rule){CIVIL_WEDNESDAY, HM(14, 0), HM(17, 0),
                                           2, {2026, 9, 2}, {0, 0, 0}};
    b.absences = &meeting;
    b.absence_count = 1;
    q = query(180, DT(2026, 9, 1, 0, 0), D(2026, 12, 31));
    static const char *const fortnight[] = {
        "2026-09-09 14:00 a2 s1", "2026-09-23 14:00 a2 s1",
        "2026-10-07 14:00 a2 s1", "2026-10-21 14:00 a2 s1", NULL};
    expect_slots(&q, &b, 1, 4, fortnight);

    /* Half an hour away inside the afternoon. */
    meeting.weekly = (struct opening_rule){CIVIL_WEDNESDAY, HM(15, 0), HM(15, 30),
                                           1, {2026, 9, 2}, {0, 0, 0}};
    q = query(30, DT(2026, 9, 2, 0, 0), D(2026, 9, 2));
    static const char *const gap[] = {
        "2026-09-02 14:00 a2 s1", "2026-09-02 14:30 a2 s1",
        "2026-09-02 15:30 a2 s1", "2026-09-02 16:00 a2 s1",
        "2026-09-02 16:30 a2 s1", NULL};
    expect_slots(&q, &b, 1, 20, gap);
}

static void test_every_n_weeks_hours(void **state)
{
    (void)state;
    struct slot_rule r = rule(1, CIVIL_THURSDAY, HM(9, 0), HM(10, 0));
    r.rule.every_weeks = 2;
    r.rule.valid_from = D(2026, 1, 8);
    struct slot_agent a = agent(1, &r, 1);
    struct slot_query q = query(60, DT(2026, 1, 1, 0, 0), D(2026, 12, 31));
    static const char *const fortnight[] = {
        "2026-01-08 09:00 a1 s1", "2026-01-22 09:00 a1 s1",
        "2026-02-05 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 3, fortnight);

    /* Every 3 weeks, last day 2026-02-26 (inclusive): three dates only. */
    r.rule.every_weeks = 3;
    r.rule.valid_until = D(2026, 2, 26);
    static const char *const three[] = {
        "2026-01-08 09:00 a1 s1", "2026-01-29 09:00 a1 s1",
        "2026-02-19 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 10, three);
}

static void test_motif_restricted_rules(void **state)
{
    (void)state;
    static const int64_t social[] = {1, 2};
    static const int64_t housing[] = {3};
    struct slot_rule rules[] = {
        rule(1, CIVIL_MONDAY, HM(9, 0), HM(12, 0)),
        rule(1, CIVIL_MONDAY, HM(14, 0), HM(17, 0)),
        rule(1, CIVIL_TUESDAY, HM(9, 0), HM(10, 0)), /* every motif */
    };
    rules[0].motif_ids = social;
    rules[0].motif_count = 2;
    rules[1].motif_ids = housing;
    rules[1].motif_count = 1;
    struct slot_agent a = agent(1, rules, N_ELEMS(rules));
    struct slot_query q = query(60, DT(2026, 11, 23, 0, 0), D(2026, 11, 24));

    q.motif_id = 3;
    static const char *const m3[] = {
        "2026-11-23 14:00 a1 s1", "2026-11-23 15:00 a1 s1",
        "2026-11-23 16:00 a1 s1", "2026-11-24 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 20, m3);
    q.motif_id = 2;
    static const char *const m2[] = {
        "2026-11-23 09:00 a1 s1", "2026-11-23 10:00 a1 s1",
        "2026-11-23 11:00 a1 s1", "2026-11-24 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 20, m2);
    q.motif_id = 4;
    static const char *const m4[] = {"2026-11-24 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 20, m4);
    q.motif_id = 0;
    static const char *const any[] = {
        "2026-11-23 09:00 a1 s1", "2026-11-23 10:00 a1 s1",
        "2026-11-23 11:00 a1 s1", "2026-11-23 14:00 a1 s1",
        "2026-11-23 15:00 a1 s1", "2026-11-23 16:00 a1 s1",
        "2026-11-24 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 20, any);
}

static void test_sites_and_agents_merge(void **state)
{
    (void)state;
    struct slot_rule r1[] = {rule(1, CIVIL_MONDAY, HM(9, 0), HM(10, 0))};
    struct slot_rule r2[] = {
        rule(2, CIVIL_MONDAY, HM(9, 0), HM(10, 0)),
        rule(1, CIVIL_MONDAY, HM(10, 0), HM(11, 0)),
    };
    struct slot_agent agents[] = {agent(1, r1, 1), agent(2, r2, 2)};
    struct slot_query q = query(30, DT(2026, 11, 23, 0, 0), D(2026, 11, 23));
    static const char *const all[] = {
        "2026-11-23 09:00 a1 s1", "2026-11-23 09:00 a2 s2",
        "2026-11-23 09:30 a1 s1", "2026-11-23 09:30 a2 s2",
        "2026-11-23 10:00 a2 s1", "2026-11-23 10:30 a2 s1", NULL};
    expect_slots(&q, agents, 2, 20, all);

    q.site_id = 1;
    static const char *const site1[] = {
        "2026-11-23 09:00 a1 s1", "2026-11-23 09:30 a1 s1",
        "2026-11-23 10:00 a2 s1", "2026-11-23 10:30 a2 s1", NULL};
    expect_slots(&q, agents, 2, 20, site1);

    /* Ties follow the order of the agents given. */
    struct slot_agent swapped[] = {agents[1], agents[0]};
    q.site_id = 0;
    static const char *const ties[] = {
        "2026-11-23 09:00 a2 s2", "2026-11-23 09:00 a1 s1", NULL};
    expect_slots(&q, swapped, 2, 2, ties);

    /* One agent with the same hours at two sites: each start once, from the
     * first rule listed. */
    struct slot_rule twice[] = {
        rule(7, CIVIL_MONDAY, HM(9, 0), HM(10, 0)),
        rule(8, CIVIL_MONDAY, HM(9, 0), HM(10, 0)),
    };
    struct slot_agent both = agent(3, twice, 2);
    static const char *const once[] = {
        "2026-11-23 09:00 a3 s7", "2026-11-23 09:30 a3 s7", NULL};
    expect_slots(&q, &both, 1, 20, once);
}

/* ---- daylight saving: civil time does not move -------------------------- */

static void test_dst_sundays_and_mondays(void **state)
{
    (void)state;
    /* The process time zone must not matter: set one with DST anyway. */
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    struct slot_rule rules[] = {
        rule(1, CIVIL_SUNDAY, HM(9, 0), HM(12, 0)),
        rule(1, CIVIL_MONDAY, HM(9, 0), HM(12, 0)),
    };
    struct slot_agent a = agent(1, rules, 2);
    static const struct civil_date sundays[] = {
        {2026, 3, 22}, {2026, 3, 29}, {2026, 4, 12},  /* around spring forward */
        {2026, 10, 18}, {2026, 10, 25}, {2026, 11, 8}, /* around fall back */
    };  /* (not 4-5 or 11-1: Easter Monday and All Saints' Day are closed) */
    for (size_t i = 0; i < N_ELEMS(sundays); i++) {
        struct civil_date sun = sundays[i], mon;
        civil_date_add_days(sun, 1, &mon);
        struct slot_query q = query(30, (struct civil_datetime){sun, 0}, mon);
        struct slot out[20];
        size_t found = 0;
        assert_int_equal(slots_find(&q, &a, 1, out, 20, &found), SLOTS_OK);
        assert_int_equal(found, 12); /* 6 on Sunday, 6 on Monday */
        for (size_t k = 0; k < found; k++) {
            struct civil_date want = k < 6 ? sun : mon;
            assert_int_equal(civil_date_compare(out[k].start.date, want), 0);
            assert_int_equal(out[k].start.minute, HM(9, 0) + 30 * (int)(k % 6));
            assert_int_equal(out[k].end.minute, out[k].start.minute + 30);
        }
    }

    /* Hours across the change itself stay civil: 1:00-4:00 gives six
     * half-hours on both DST Sundays, 2:00 and 2:30 included. */
    struct slot_rule night = rule(1, CIVIL_SUNDAY, HM(1, 0), HM(4, 0));
    struct slot_agent n = agent(1, &night, 1);
    static const struct civil_date changes[] = {{2026, 3, 29}, {2026, 10, 25}};
    for (size_t i = 0; i < N_ELEMS(changes); i++) {
        struct slot_query q = query(30, (struct civil_datetime){changes[i], 0},
                                    changes[i]);
        struct slot out[10];
        size_t found = 0;
        assert_int_equal(slots_find(&q, &n, 1, out, 10, &found), SLOTS_OK);
        assert_int_equal(found, 6);
        for (size_t k = 0; k < found; k++)
            assert_int_equal(out[k].start.minute, HM(1, 0) + 30 * (int)k);
    }

    /* From the Saturday evening before, the first slot is Sunday 9:00. */
    struct slot_query q = query(30, DT(2026, 3, 28, 23, 0), D(2026, 4, 30));
    static const char *const first[] = {"2026-03-29 09:00 a1 s1", NULL};
    expect_slots(&q, &a, 1, 1, first);
    unsetenv("TZ");
    tzset();
}

/* ---- window, limit, bad input ------------------------------------------ */

static void test_window_and_limit(void **state)
{
    (void)state;
    struct slot_rule rules[] = {
        rule(1, CIVIL_MONDAY, HM(9, 0), HM(12, 0)),
        rule(1, CIVIL_MONDAY, HM(22, 0), 1440),
    };
    struct slot_agent a = agent(1, rules, 2);
    struct slot_query q = query(30, DT(2026, 11, 23, 0, 0), D(2026, 12, 31));
    struct slot out[4];
    size_t found = 99;

    assert_int_equal(slots_find(&q, &a, 1, out, 3, &found), SLOTS_OK);
    assert_int_equal(found, 3);
    assert_int_equal(out[2].start.minute, HM(10, 0));
    assert_int_equal(slots_find(&q, &a, 1, NULL, 0, &found), SLOTS_OK);
    assert_int_equal(found, 0);
    assert_int_equal(slots_find(&q, NULL, 0, out, 4, &found), SLOTS_OK);
    assert_int_equal(found, 0);

    /* A range to midnight: the last slot ends at the next day's 00:00. */
    q.earliest = DT(2026, 11, 23, 23, 15);
    assert_int_equal(slots_find(&q, &a, 1, out, 1, &found), SLOTS_OK);
    assert_int_equal(found, 1);
    char end[CIVIL_DATETIME_LEN];
    civil_format_datetime(out[0].end, end, sizeof end);
    assert_string_equal(end, "2026-11-24 00:00");
    assert_int_equal(out[0].start.minute, HM(23, 30));

    /* Slots on the latest day count; none after it. */
    q.earliest = DT(2026, 11, 24, 0, 0);
    q.latest = D(2026, 11, 30);
    assert_int_equal(slots_find(&q, &a, 1, out, 4, &found), SLOTS_OK);
    assert_int_equal(found, 4);
    assert_int_equal(civil_date_compare(out[3].start.date, D(2026, 11, 30)), 0);
    q.latest = D(2026, 11, 29);
    assert_int_equal(slots_find(&q, &a, 1, out, 4, &found), SLOTS_OK);
    assert_int_equal(found, 0);
    /* Earliest after latest. */
    q.earliest = DT(2026, 12, 1, 0, 0);
    assert_int_equal(slots_find(&q, &a, 1, out, 4, &found), SLOTS_OK);
    assert_int_equal(found, 0);
}

static void test_invalid_input(void **state)
{
    (void)state;
    struct slot_rule r = rule(1, CIVIL_MONDAY, HM(9, 0), HM(12, 0));
    struct slot_agent a = agent(1, &r, 1);
    struct slot out[2];
    size_t found = 99;
    const struct slot_query good = query(30, DT(2026, 11, 23, 0, 0), D(2026, 11, 30));
    struct slot_query q;

    q = good; q.duration_minutes = 0;
    assert_int_equal(slots_find(&q, &a, 1, out, 2, &found), SLOTS_ERR_INVALID);
    assert_int_equal(found, 0);
    q = good; q.duration_minutes = 1441;
    assert_int_equal(slots_find(&q, &a, 1, out, 2, &found), SLOTS_ERR_INVALID);
    q = good; q.step_minutes = -5;
    assert_int_equal(slots_find(&q, &a, 1, out, 2, &found), SLOTS_ERR_INVALID);
    q = good; q.earliest.date = D(2026, 2, 29);
    assert_int_equal(slots_find(&q, &a, 1, out, 2, &found), SLOTS_ERR_INVALID);
    q = good; q.earliest.minute = 1440;
    assert_int_equal(slots_find(&q, &a, 1, out, 2, &found), SLOTS_ERR_INVALID);
    q = good; q.latest = D(2026, 13, 1);
    assert_int_equal(slots_find(&q, &a, 1, out, 2, &found), SLOTS_ERR_INVALID);
    assert_int_equal(slots_find(NULL, &a, 1, out, 2, &found), SLOTS_ERR_INVALID);
    assert_int_equal(slots_find(&good, &a, 1, out, 2, NULL), SLOTS_ERR_INVALID);
    assert_int_equal(slots_find(&good, &a, 1, NULL, 2, &found), SLOTS_ERR_INVALID);
    assert_int_equal(slots_find(&good, NULL, 1, out, 2, &found), SLOTS_ERR_INVALID);

    struct interval unsorted[] = {
        {M(2026, 11, 23, 10, 0), M(2026, 11, 23, 10, 30)},
        {M(2026, 11, 23, 9, 0), M(2026, 11, 23, 9, 30)},
    };
    struct slot_agent bad = a;
    bad.busy = unsorted;
    bad.busy_count = 2;
    assert_int_equal(slots_find(&good, &bad, 1, out, 2, &found), SLOTS_ERR_INVALID);
    bad = a;
    bad.rules = NULL;
    assert_int_equal(slots_find(&good, &bad, 1, out, 2, &found), SLOTS_ERR_INVALID);

    /* Invalid rules are skipped, not fatal. */
    struct slot_rule broken[] = {r, r};
    broken[0].rule.every_weeks = 0;
    broken[1].rule.start_minute = HM(10, 0);
    struct slot_agent skip = agent(1, broken, 2);
    assert_int_equal(slots_find(&good, &skip, 1, out, 1, &found), SLOTS_OK);
    assert_int_equal(found, 1);
    assert_int_equal(out[0].start.minute, HM(10, 0));
}

/* ---- randomised comparison with a brute-force reference ------------------ */

static uint64_t rng_state;

static unsigned rnd(unsigned n) /* 0..n-1 */
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

struct ref_slot {
    int64_t start;
    size_t agent;
    int64_t site;
};

static int ref_cmp(const void *pa, const void *pb)
{
    const struct ref_slot *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->agent != b->agent)
        return a->agent < b->agent ? -1 : 1;
    return 0;
}

static int ref_rule_matches(const struct slot_rule *r, const struct slot_query *q)
{
    if (q->site_id && r->site_id != q->site_id)
        return 0;
    if (!q->motif_id || !r->motif_count)
        return 1;
    for (size_t i = 0; i < r->motif_count; i++)
        if (r->motif_ids[i] == q->motif_id)
            return 1;
    return 0;
}

/* Every free slot, straight from the rules, with no cleverness: for each
 * agent, day and rule, every aligned start; then the checks one by one. */
static size_t reference(const struct slot_query *q, const struct slot_agent *agents,
                        size_t n_agents, struct ref_slot *out, size_t cap)
{
    int step = q->step_minutes ? q->step_minutes : slots_default_step(q->duration_minutes);
    int64_t earliest = civil_datetime_to_minutes(q->earliest);
    size_t n = 0;
    for (size_t ai = 0; ai < n_agents; ai++) {
        const struct slot_agent *a = &agents[ai];
        for (struct civil_date d = q->earliest.date;
             civil_date_compare(d, q->latest) <= 0; civil_date_add_days(d, 1, &d)) {
            if (holiday_lookup(d, q->holiday_flags, NULL))
                continue;
            int64_t base = civil_datetime_to_minutes((struct civil_datetime){d, 0});
            for (size_t ri = 0; ri < a->rule_count; ri++) {
                const struct slot_rule *r = &a->rules[ri];
                if (!ref_rule_matches(r, q) || !opening_rule_applies(&r->rule, d))
                    continue;
                for (int64_t s = base + r->rule.start_minute;
                     s + q->duration_minutes <= base + r->rule.end_minute; s += step) {
                    struct interval w = {s, s + q->duration_minutes};
                    if (s < earliest)
                        continue;
                    int ok = 1;
                    for (size_t k = 0; ok && k < a->absence_count; k++)
                        ok = !absence_covers(&a->absences[k], w);
                    for (size_t k = 0; ok && k < a->busy_count; k++)
                        ok = !interval_overlaps(a->busy[k], w);
                    int dup = 0;
                    for (size_t k = 0; k < n; k++)
                        if (out[k].agent == ai && out[k].start == s)
                            dup = 1;
                    if (ok && !dup) {
                        assert_true(n < cap);
                        out[n++] = (struct ref_slot){s, ai, r->site_id};
                    }
                }
            }
        }
    }
    qsort(out, n, sizeof *out, ref_cmp);
    return n;
}

static int busy_cmp(const void *pa, const void *pb)
{
    const struct interval *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

enum { R_AGENTS = 4, R_RULES = 6, R_ABSENCES = 3, R_BUSY = 40, R_CAP = 8000 };

static void test_matches_brute_force(void **state)
{
    (void)state;
    static const int64_t motif_pool[] = {1, 2, 3};
    static struct slot_rule rules[R_AGENTS][R_RULES];
    static struct absence absences[R_AGENTS][R_ABSENCES];
    static struct interval busy[R_AGENTS][R_BUSY];
    static struct ref_slot ref[R_CAP];
    struct slot_agent agents[R_AGENTS];
    struct slot out[64];
    const struct civil_date origin = {2026, 3, 1}; /* DST, Easter, May holidays */
    rng_state = 0x9E3779B97F4A7C15ull;
    size_t nonempty = 0;

    for (int iter = 0; iter < 400; iter++) {
        size_t n_agents = 1 + rnd(R_AGENTS);
        for (size_t ai = 0; ai < n_agents; ai++) {
            struct slot_agent *a = &agents[ai];
            *a = agent((int64_t)(ai + 1), rules[ai], rnd(R_RULES + 1));
            for (size_t ri = 0; ri < a->rule_count; ri++) {
                struct slot_rule *r = &rules[ai][ri];
                int start = HM(7, 0) + 5 * (int)rnd(12 * 8);
                int end = start + 15 * (1 + (int)rnd(20));
                if (end > 1440)
                    end = 1440;
                struct civil_date from, until = {0, 0, 0};
                civil_date_add_days(origin, rnd(60), &from);
                if (rnd(2))
                    civil_date_add_days(from, rnd(90), &until);
                *r = (struct slot_rule){1 + rnd(2),
                    {1 + rnd(7), start, end, 1 + (int)rnd(3), from, until},
                    motif_pool + rnd(2), rnd(3)};
            }
            a->absences = absences[ai];
            a->absence_count = rnd(R_ABSENCES + 1);
            for (size_t k = 0; k < a->absence_count; k++) {
                struct absence *ab = &absences[ai][k];
                memset(ab, 0, sizeof *ab);
                struct civil_date d;
                civil_date_add_days(origin, 10 + rnd(60), &d);
                if (rnd(2)) {
                    ab->kind = ABSENCE_ONE_OFF;
                    ab->from = (struct civil_datetime){d, 5 * (int)rnd(288)};
                    civil_datetime_add_minutes(ab->from, 5 + 5 * rnd(800), &ab->until);
                } else {
                    int s = HM(7, 0) + 15 * (int)rnd(40);
                    ab->kind = ABSENCE_WEEKLY;
                    ab->weekly = (struct opening_rule){1 + rnd(7), s,
                        s + 15 * (1 + (int)rnd(12)), 1 + (int)rnd(3), d, {0, 0, 0}};
                }
            }
            a->busy = busy[ai];
            a->busy_count = rnd(R_BUSY + 1);
            for (size_t k = 0; k < a->busy_count; k++) {
                struct civil_date d;
                civil_date_add_days(origin, 15 + rnd(50), &d);
                int64_t s = civil_datetime_to_minutes(
                    (struct civil_datetime){d, HM(7, 0) + (int)rnd(720)});
                busy[ai][k] = (struct interval){s, s + 1 + rnd(150)};
            }
            qsort(busy[ai], a->busy_count, sizeof busy[ai][0], busy_cmp);
        }
        struct civil_date e;
        civil_date_add_days(origin, 20 + rnd(25), &e);
        struct slot_query q = query(1 + (int)rnd(120),
                                    (struct civil_datetime){e, (int)rnd(1440)}, e);
        civil_date_add_days(e, rnd(40), &q.latest);
        static const int steps[] = {0, 0, 5, 10, 15, 7};
        q.step_minutes = steps[rnd(N_ELEMS(steps))];
        q.site_id = rnd(3);
        q.motif_id = rnd(4);
        q.holiday_flags = rnd(2) ? HOLIDAYS_ALSACE_MOSELLE : HOLIDAYS_NATIONAL;
        size_t max = 1 + rnd(N_ELEMS(out));

        size_t n_ref = reference(&q, agents, n_agents, ref, R_CAP);
        size_t found = 0;
        assert_int_equal(slots_find(&q, agents, n_agents, out, max, &found), SLOTS_OK);
        size_t want = n_ref < max ? n_ref : max;
        if (found != want)
            fail_msg("iteration %d: found %zu, reference %zu", iter, found, want);
        for (size_t i = 0; i < found; i++) {
            if (out[i].when.start != ref[i].start ||
                out[i].agent_id != agents[ref[i].agent].agent_id ||
                out[i].site_id != ref[i].site)
                fail_msg("iteration %d, slot %zu differs", iter, i);
            assert_int_equal(out[i].when.end - out[i].when.start, q.duration_minutes);
        }
        nonempty += found > 0;
    }
    /* The generator must exercise real searches, not only empty ones. */
    assert_true(nonempty > 150);
}

/* ---- speed --------------------------------------------------------------- */

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

enum { SPEED_AGENTS = 12, SPEED_DAYS = 42 };

static void test_six_weeks_twelve_busy_agents_finds_the_one_free_slot(void **state)
{
    (void)state;
    /* Mornings and afternoons, Monday to Friday, for twelve agents, every
     * half-hour taken for six weeks except one on the last Friday (agent 8
     * at 16:00), plus two years of history before. */
    static struct slot_rule rules[10];
    for (int wd = CIVIL_MONDAY; wd <= CIVIL_FRIDAY; wd++) {
        rules[2 * (wd - 1)] = rule(1, wd, HM(8, 30), HM(12, 0));
        rules[2 * (wd - 1) + 1] = rule(1, wd, HM(13, 30), HM(17, 0));
    }
    const struct civil_date start = {2026, 11, 2}; /* a Monday */
    size_t cap = (size_t)(SPEED_DAYS + 730) * 14;
    struct interval *busy = calloc((size_t)SPEED_AGENTS * cap, sizeof *busy);
    assert_non_null(busy);
    struct slot_agent agents[SPEED_AGENTS];
    for (int ai = 0; ai < SPEED_AGENTS; ai++) {
        struct interval *b = busy + (size_t)ai * cap;
        size_t n = 0;
        for (int day = -730; day < SPEED_DAYS; day++) {
            struct civil_date d;
            civil_date_add_days(start, day, &d);
            if (civil_weekday(d) > CIVIL_FRIDAY)
                continue;
            for (int k = 0; k < 14; k++) {
                int m = k < 7 ? HM(8, 30) + 30 * k : HM(13, 30) + 30 * (k - 7);
                if (ai == 7 && day == SPEED_DAYS - 3 && m == HM(16, 0))
                    continue;
                int64_t s = civil_datetime_to_minutes((struct civil_datetime){d, m});
                b[n++] = (struct interval){s, s + 30};
            }
        }
        agents[ai] = agent(ai + 1, rules, N_ELEMS(rules));
        agents[ai].busy = b;
        agents[ai].busy_count = n;
    }
    struct civil_date last;
    civil_date_add_days(start, SPEED_DAYS - 1, &last);
    struct slot_query q = query(30, (struct civil_datetime){start, HM(8, 0)}, last);
    struct slot out[10];
    size_t found = 0;

    double t0 = seconds_now();
    enum { RUNS = 20 };
    for (int i = 0; i < RUNS; i++) {
        assert_int_equal(slots_find(&q, agents, SPEED_AGENTS, out, 10, &found), SLOTS_OK);
        assert_int_equal(found, 1);
    }
    double per_search = (seconds_now() - t0) / RUNS;
    char when[CIVIL_DATETIME_LEN];
    civil_format_datetime(out[0].start, when, sizeof when);
    assert_string_equal(when, "2026-12-11 16:00");
    assert_int_equal(out[0].agent_id, 8);
    print_message("slot search, 12 agents x 6 weeks, %zu busy each: %.3f ms\n",
                  agents[0].busy_count, per_search * 1e3);
    /* The time is printed, never asserted: tests must not depend on the
     * machine's speed. The answer (the one free slot) is what is checked. */
    free(busy);
}

/* ---- open or closed ------------------------------------------------------ */

static struct slot_rule closed_rules[3];
static const int64_t closed_motifs[] = {5};
static struct absence closed_absence;

static struct slot_agent closed_agent(void)
{
    closed_rules[0] = rule(1, CIVIL_MONDAY, HM(9, 0), HM(12, 0));
    closed_rules[1] = rule(1, CIVIL_MONDAY, HM(12, 0), HM(17, 0));
    closed_rules[2] = rule(2, CIVIL_TUESDAY, HM(9, 0), HM(12, 0));
    closed_rules[2].motif_ids = closed_motifs;
    closed_rules[2].motif_count = 1;
    memset(&closed_absence, 0, sizeof closed_absence);
    closed_absence.kind = ABSENCE_ONE_OFF;
    closed_absence.from = DT(2026, 11, 23, 15, 0);
    closed_absence.until = DT(2026, 11, 23, 16, 0);
    struct slot_agent a = agent(1, closed_rules, 3);
    a.absences = &closed_absence;
    a.absence_count = 1;
    return a;
}

static void test_closed_reasons(void **state)
{
    (void)state;
    struct slot_agent a = closed_agent();
    static const struct {
        int y, mo, d, h1, m1, d2, h2, m2;
        int64_t site, motif;
        unsigned want;
    } cases[] = {
        {2026, 11, 23, 9, 0, 23, 9, 30, 0, 0, SLOT_OPEN},
        {2026, 11, 23, 9, 0, 23, 9, 30, 1, 0, SLOT_OPEN},
        {2026, 11, 23, 9, 0, 23, 9, 30, 2, 0, SLOT_OUTSIDE_HOURS},
        {2026, 11, 23, 11, 30, 23, 12, 30, 0, 0, SLOT_OPEN}, /* ranges join */
        {2026, 11, 23, 8, 30, 23, 9, 30, 0, 0, SLOT_OUTSIDE_HOURS},
        {2026, 11, 23, 16, 30, 23, 17, 30, 0, 0, SLOT_OUTSIDE_HOURS},
        {2026, 11, 23, 16, 30, 23, 17, 0, 0, 0, SLOT_OPEN},
        {2026, 11, 23, 14, 30, 23, 15, 30, 0, 0, SLOT_ABSENT},
        {2026, 11, 23, 16, 0, 23, 16, 30, 0, 0, SLOT_OPEN},  /* absence ended */
        {2026, 11, 23, 14, 30, 23, 15, 0, 0, 0, SLOT_OPEN},  /* ends as it starts */
        {2026, 11, 23, 15, 30, 23, 17, 30, 0, 0, SLOT_ABSENT | SLOT_OUTSIDE_HOURS},
        {2026, 11, 24, 9, 0, 24, 9, 30, 2, 5, SLOT_OPEN},
        {2026, 11, 24, 9, 0, 24, 9, 30, 0, 5, SLOT_OPEN},
        {2026, 11, 24, 9, 0, 24, 9, 30, 2, 6, SLOT_OUTSIDE_HOURS},
        {2026, 11, 24, 9, 0, 24, 9, 30, 1, 5, SLOT_OUTSIDE_HOURS},
        {2026, 11, 23, 23, 30, 24, 0, 30, 0, 0, SLOT_OUTSIDE_HOURS},
        {2027, 3, 29, 10, 0, 29, 10, 30, 0, 0, SLOT_HOLIDAY}, /* Easter Monday */
        {2026, 11, 23, 10, 0, 23, 10, 0, 0, 0, SLOT_INVALID},
        {2026, 11, 23, 10, 0, 23, 9, 0, 0, 0, SLOT_INVALID},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct interval w = {M(cases[i].y, cases[i].mo, cases[i].d, cases[i].h1, cases[i].m1),
                             M(cases[i].y, cases[i].mo, cases[i].d2, cases[i].h2, cases[i].m2)};
        unsigned got = slots_closed_reasons(&a, cases[i].site, cases[i].motif,
                                            HOLIDAYS_NATIONAL, w);
        if (got != cases[i].want)
            fail_msg("case %zu: reasons %#x, expected %#x", i, got, cases[i].want);
        assert_int_equal(slots_is_open(&a, cases[i].site, cases[i].motif,
                                       HOLIDAYS_NATIONAL, w),
                         cases[i].want == SLOT_OPEN);
    }
    struct interval w = {M(2026, 11, 23, 9, 0), M(2026, 11, 23, 9, 30)};
    assert_int_equal(slots_closed_reasons(NULL, 0, 0, 0, w), SLOT_INVALID);
}

static void test_open_intervals_on(void **state)
{
    (void)state;
    struct slot_rule rules[] = {
        rule(1, CIVIL_MONDAY, HM(9, 0), HM(12, 0)),
        rule(1, CIVIL_MONDAY, HM(11, 0), HM(13, 0)),
        rule(1, CIVIL_MONDAY, HM(14, 0), HM(17, 0)),
        rule(2, CIVIL_MONDAY, HM(18, 0), HM(19, 0)),
    };
    struct absence away[2];
    memset(away, 0, sizeof away);
    away[0].kind = ABSENCE_WEEKLY;
    away[0].weekly = (struct opening_rule){CIVIL_MONDAY, HM(15, 0), HM(16, 0), 1,
                                           {2026, 1, 5}, {0, 0, 0}};
    away[1].kind = ABSENCE_ONE_OFF;
    away[1].from = DT(2026, 11, 30, 8, 0);
    away[1].until = DT(2026, 11, 30, 10, 0);
    struct slot_agent a = agent(1, rules, N_ELEMS(rules));
    a.absences = away;
    a.absence_count = 2;

    struct interval out[8];
    int n = slots_open_intervals_on(&a, 1, 0, 0, D(2026, 11, 23), out, 8);
    assert_int_equal(n, 3);
    assert_int_equal(out[0].start, M(2026, 11, 23, 9, 0));
    assert_int_equal(out[0].end, M(2026, 11, 23, 13, 0));
    assert_int_equal(out[1].start, M(2026, 11, 23, 14, 0));
    assert_int_equal(out[1].end, M(2026, 11, 23, 15, 0));
    assert_int_equal(out[2].start, M(2026, 11, 23, 16, 0));
    assert_int_equal(out[2].end, M(2026, 11, 23, 17, 0));

    /* Any site adds the evening range; a short buffer keeps the first. */
    assert_int_equal(slots_open_intervals_on(&a, 0, 0, 0, D(2026, 11, 23), out, 8), 4);
    assert_int_equal(out[3].start, M(2026, 11, 23, 18, 0));
    assert_int_equal(slots_open_intervals_on(&a, 0, 0, 0, D(2026, 11, 23), out, 2), 2);
    assert_int_equal(out[1].end, M(2026, 11, 23, 15, 0));

    /* An absence over the opening: the day starts at 10:00. */
    assert_int_equal(slots_open_intervals_on(&a, 1, 0, 0, D(2026, 11, 30), out, 8), 3);
    assert_int_equal(out[0].start, M(2026, 11, 30, 10, 0));

    /* Holiday, day without rules, bad input. */
    assert_int_equal(slots_open_intervals_on(&a, 1, 0, 0, D(2027, 3, 29), out, 8), 0);
    assert_int_equal(slots_open_intervals_on(&a, 1, 0, 0, D(2026, 11, 24), out, 8), 0);
    assert_int_equal(slots_open_intervals_on(&a, 1, 0, 0, D(2026, 11, 31), out, 8), -1);
    assert_int_equal(slots_open_intervals_on(NULL, 1, 0, 0, D(2026, 11, 23), out, 8), -1);
    /* Every minute the shading calls open is also open for slots_is_open. */
    n = slots_open_intervals_on(&a, 0, 0, 0, D(2026, 11, 23), out, 8);
    for (int i = 0; i < n; i++)
        assert_true(slots_is_open(&a, 0, 0, 0, out[i]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_step),
        cmocka_unit_test(test_weekday_mornings),
        cmocka_unit_test(test_alignment_and_step),
        cmocka_unit_test(test_last_slot_before_closing),
        cmocka_unit_test(test_busy_edges),
        cmocka_unit_test(test_holidays),
        cmocka_unit_test(test_absences),
        cmocka_unit_test(test_every_n_weeks_hours),
        cmocka_unit_test(test_motif_restricted_rules),
        cmocka_unit_test(test_sites_and_agents_merge),
        cmocka_unit_test(test_dst_sundays_and_mondays),
        cmocka_unit_test(test_window_and_limit),
        cmocka_unit_test(test_invalid_input),
        cmocka_unit_test(test_matches_brute_force),
        cmocka_unit_test(test_six_weeks_twelve_busy_agents_finds_the_one_free_slot),
        cmocka_unit_test(test_closed_reasons),
        cmocka_unit_test(test_open_intervals_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
