/* test_lists.c - the lists and searches of the front desk on a
 * real file, clock fixed at FX_NOW (Wednesday 2026-11-25 10:00): an
 * agent's week, a range of days, "to fill in" ordering and paging, a
 * person's history with no-shows, calendars for the model, the slot finder
 * (opening hours, busy times, absences, holidays, motif sets), each site's
 * public holidays (national or Alsace-Moselle) in the slot finder and the
 * booking warnings, the booking warnings, and a site's absences of a day. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "house_fixture.h"

static int64_t insert(struct fx *fx, int64_t site, int64_t agent,
                      int64_t person, const char *start, const char *end,
                      enum appt_status status)
{
    struct db_appt a;
    memset(&a, 0, sizeof a);
    a.site_id = site;
    a.agent_id = agent;
    a.motif_id = fx->motif;
    a.person_id = person;
    a.status = status;
    snprintf(a.starts_at, sizeof a.starts_at, "%s", start);
    snprintf(a.ends_at, sizeof a.ends_at, "%s", end);
    struct db_error err = {0};
    fx_must(db_appt_insert(fx->db, &a, &err), &err, "insert");
    return a.id;
}

static void test_agent_week(void **state)
{
    struct fx *fx = *state;
    int64_t mon_late = insert(fx, fx->centre, fx->agent1, fx->helene,
                              "2026-11-23 16:00", "2026-11-23 16:30", APPT_SEEN);
    int64_t mon = insert(fx, fx->centre, fx->agent1, fx->jean,
                         "2026-11-23 09:00", "2026-11-23 09:30", APPT_NOSHOW);
    int64_t nord = insert(fx, fx->nord, fx->agent1, 0, "2026-11-26 14:00",
                          "2026-11-26 14:30", APPT_UNKNOWN);
    int64_t sun = insert(fx, fx->centre, fx->agent1, 0, "2026-11-29 23:30",
                         "2026-11-30 00:00", APPT_UNKNOWN);
    insert(fx, fx->centre, fx->agent1, 0, "2026-11-30 00:00",
           "2026-11-30 00:30", APPT_UNKNOWN);              /* next week */
    insert(fx, fx->centre, fx->agent1, 0, "2026-11-22 23:00",
           "2026-11-22 23:30", APPT_UNKNOWN);              /* week before */
    insert(fx, fx->centre, fx->agent2, 0, "2026-11-24 09:00",
           "2026-11-24 09:30", APPT_UNKNOWN);              /* someone else */
    struct db_appt_row *rows = NULL;
    size_t n = 0;
    struct db_error err = {0};
    fx_must(db_agent_week(fx->db, fx->agent1, (struct civil_date){2026, 11, 23},
                          &rows, &n, &err), &err, "week");
    assert_int_equal(n, 4);
    assert_int_equal(rows[0].day.appt.id, mon);
    assert_int_equal(rows[1].day.appt.id, mon_late);
    assert_int_equal(rows[2].day.appt.id, nord);
    assert_int_equal(rows[3].day.appt.id, sun);
    assert_string_equal(rows[0].day.person_last, "Dupont-Martin");
    assert_string_equal(rows[0].day.motif_name, "Premier accueil");
    assert_string_equal(rows[0].agent_last, "Morel");
    assert_string_equal(rows[2].site_name, "MDS Nord");
    assert_string_equal(rows[1].person_phone, "0612345678"); /* stored as digits */
    free(rows);
    assert_int_equal(db_agent_week(fx->db, fx->agent1,
                                   (struct civil_date){2026, 2, 30}, &rows, &n,
                                   &err), DB_ERR_INVALID);
}

static void test_range_by_site(void **state)
{
    struct fx *fx = *state;
    insert(fx, fx->centre, fx->agent2, 0, "2026-11-25 09:00", "2026-11-25 09:30",
           APPT_UNKNOWN);
    insert(fx, fx->centre, fx->agent1, 0, "2026-11-25 11:00", "2026-11-25 11:30",
           APPT_UNKNOWN);
    insert(fx, fx->centre, fx->agent1, 0, "2026-11-25 08:00", "2026-11-25 08:30",
           APPT_UNKNOWN);
    insert(fx, fx->nord, fx->agent3, 0, "2026-11-25 10:00", "2026-11-25 10:30",
           APPT_UNKNOWN);
    insert(fx, fx->centre, fx->agent1, 0, "2026-11-26 08:00", "2026-11-26 08:30",
           APPT_UNKNOWN);
    struct db_appt_row *rows = NULL;
    size_t n = 0;
    struct db_error err = {0};
    struct civil_date d = {2026, 11, 25}, e = {2026, 11, 26};
    fx_must(db_appt_range(fx->db, fx->centre, d, e, &rows, &n, &err), &err,
            "centre");
    /* by agent name (Garnier before Morel), then time */
    assert_int_equal(n, 3);
    assert_string_equal(rows[0].agent_last, "Garnier");
    assert_string_equal(rows[1].day.appt.starts_at, "2026-11-25 08:00");
    assert_string_equal(rows[2].day.appt.starts_at, "2026-11-25 11:00");
    free(rows);
    fx_must(db_appt_range(fx->db, 0, d, e, &rows, &n, &err), &err, "all");
    assert_int_equal(n, 4);
    assert_string_equal(rows[3].site_name, "MDS Nord");
    free(rows);
}

static void test_to_fill_in(void **state)
{
    struct fx *fx = *state;
    int64_t ids[5];
    /* past and unknown, in creation order not time order */
    ids[2] = insert(fx, fx->centre, fx->agent1, fx->helene, "2026-11-20 09:00",
                    "2026-11-20 09:30", APPT_UNKNOWN);
    ids[0] = insert(fx, fx->centre, fx->agent1, fx->jean, "2026-10-01 09:00",
                    "2026-10-01 09:30", APPT_UNKNOWN);
    ids[3] = insert(fx, fx->nord, fx->agent3, fx->pierre, "2026-11-25 09:59",
                    "2026-11-25 10:29", APPT_UNKNOWN);
    ids[1] = insert(fx, fx->centre, fx->agent2, fx->helene, "2026-11-02 14:00",
                    "2026-11-02 14:30", APPT_UNKNOWN);
    /* not to fill in: outcome known, not started, cancelled */
    insert(fx, fx->centre, fx->agent1, 0, "2026-11-19 09:00", "2026-11-19 09:30",
           APPT_SEEN);
    insert(fx, fx->centre, fx->agent1, 0, "2026-11-25 10:00", "2026-11-25 10:30",
           APPT_UNKNOWN);
    insert(fx, fx->centre, fx->agent1, 0, "2026-11-18 09:00", "2026-11-18 09:30",
           APPT_EXCUSED);
    struct db_appt_row *rows = NULL;
    size_t n = 0, total = 0;
    struct db_error err = {0};
    fx_must(db_to_fill_in(fx->db, 0, DB_OLDEST_FIRST, 0, 10, &rows, &n, &total,
                          &err), &err, "oldest");
    assert_int_equal(n, 4);
    assert_int_equal(total, 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(rows[i].day.appt.id, ids[i]);
    free(rows);
    fx_must(db_to_fill_in(fx->db, 0, DB_NEWEST_FIRST, 1, 2, &rows, &n, &total,
                          &err), &err, "newest page");
    assert_int_equal(n, 2);
    assert_int_equal(total, 4);
    assert_int_equal(rows[0].day.appt.id, ids[2]);
    assert_int_equal(rows[1].day.appt.id, ids[1]);
    free(rows);
    fx_must(db_to_fill_in(fx->db, fx->centre, DB_NEWEST_FIRST, 0, 10, &rows, &n,
                          &total, &err), &err, "site");
    assert_int_equal(n, 3);
    assert_int_equal(total, 3);
    assert_int_equal(rows[0].day.appt.id, ids[2]);
    free(rows);
    fx_must(db_to_fill_in(fx->db, 0, DB_OLDEST_FIRST, 10, 10, &rows, &n, NULL,
                          &err), &err, "past the end");
    assert_int_equal(n, 0);
    assert_int_equal(db_to_fill_in(fx->db, 0, DB_OLDEST_FIRST, 0, 0, &rows, &n,
                                   NULL, &err), DB_ERR_INVALID);
    /* filling one in takes it off the list */
    fx_must(db_appt_set_status(fx->db, ids[0], 1, APPT_SEEN, NULL, &err), &err,
            "seen");
    fx_must(db_to_fill_in(fx->db, 0, DB_OLDEST_FIRST, 0, 10, &rows, &n, &total,
                          &err), &err, "after");
    assert_int_equal(total, 3);
    assert_int_equal(rows[0].day.appt.id, ids[1]);
    free(rows);
}

static void test_person_history(void **state)
{
    struct fx *fx = *state;
    insert(fx, fx->centre, fx->agent1, fx->helene, "2026-10-01 09:00",
           "2026-10-01 09:30", APPT_NOSHOW);
    insert(fx, fx->centre, fx->agent1, fx->helene, "2026-10-08 09:00",
           "2026-10-08 09:30", APPT_SEEN);
    insert(fx, fx->centre, fx->agent2, fx->helene, "2026-10-15 09:00",
           "2026-10-15 09:30", APPT_NOSHOW);
    int64_t next = insert(fx, fx->nord, fx->agent3, fx->helene,
                          "2026-12-01 09:00", "2026-12-01 09:30", APPT_UNKNOWN);
    insert(fx, fx->centre, fx->agent1, fx->jean, "2026-10-01 10:00",
           "2026-10-01 10:30", APPT_NOSHOW);
    struct db_appt_row *rows = NULL;
    size_t n = 0;
    int noshows = -1;
    struct db_error err = {0};
    fx_must(db_person_appts(fx->db, fx->helene, &rows, &n, &noshows, &err),
            &err, "history");
    assert_int_equal(n, 4);
    assert_int_equal(noshows, 2);
    assert_int_equal(rows[0].day.appt.id, next); /* newest first */
    assert_int_equal(rows[3].day.appt.status, APPT_NOSHOW);
    free(rows);
    fx_must(db_person_appts(fx->db, 999, &rows, &n, &noshows, &err), &err,
            "nobody");
    assert_int_equal(n, 0);
    assert_int_equal(noshows, 0);
}

static void test_calendar_block(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    int64_t motifs[] = {fx->motif_long};
    fx_must(db_opening_set_motifs(fx->db, fx->opening_am, 0, motifs, 1, NULL,
                                  &err), &err, "motifs");
    struct db_absence abs;
    memset(&abs, 0, sizeof abs);
    abs.agent_id = fx->agent1;
    abs.absence.kind = ABSENCE_ONE_OFF;
    abs.absence.from = (struct civil_datetime){{2026, 11, 30}, 0};
    abs.absence.until = (struct civil_datetime){{2026, 12, 1}, 0};
    fx_must(db_absence_add(fx->db, &abs, &err), &err, "absence");
    insert(fx, fx->centre, fx->agent1, 0, "2026-11-30 09:00",
           "2026-11-30 09:30", APPT_UNKNOWN);
    insert(fx, fx->centre, fx->agent1, 0, "2026-11-30 08:00",
           "2026-11-30 08:30", APPT_EXCUSED); /* cancelled: not busy */
    int64_t agents[] = {fx->agent1, fx->agent3};
    struct db_calendar *cal = NULL;
    fx_must(db_calendar_load(fx->db, agents, 2, (struct civil_date){2026, 11, 30},
                             (struct civil_date){2026, 12, 6}, &cal, &err),
            &err, "calendar");
    assert_int_equal(cal->agent_count, 2);
    const struct slot_agent *a = &cal->agents[0];
    assert_int_equal(a->agent_id, fx->agent1);
    assert_int_equal(a->rule_count, 10);
    size_t restricted = 0;
    for (size_t i = 0; i < a->rule_count; i++)
        if (a->rules[i].motif_count) {
            restricted++;
            assert_int_equal(a->rules[i].motif_ids[0], fx->motif_long);
        }
    assert_int_equal(restricted, 1);
    assert_int_equal(a->absence_count, 1);
    assert_int_equal(a->busy_count, 1);
    assert_int_equal(cal->agents[1].rule_count, 0);
    /* the model reads it: Monday 30th is closed by the absence */
    struct interval open[8];
    assert_int_equal(slots_open_intervals_on(a, fx->centre, 0, 0,
                                             (struct civil_date){2026, 11, 30},
                                             open, 8), 0);
    assert_int_equal(slots_open_intervals_on(a, fx->centre, 0, 0,
                                             (struct civil_date){2026, 12, 1},
                                             open, 8), 2);
    free(cal); /* one block */
}

/* Slots as "agent@YYYY-MM-DD HH:MM" joined by spaces. */
static void find(struct fx *fx, const struct db_slot_search *q, size_t max,
                 char *buf, size_t size)
{
    struct slot *slots = NULL;
    size_t n = 0;
    struct db_error err = {0};
    fx_must(db_slots_find(fx->db, q, max, &slots, &n, &err), &err, "slots");
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char t[CIVIL_DATETIME_LEN];
        civil_format_datetime(slots[i].start, t, sizeof t);
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%lld@%s", i ? " " : "",
                 (long long)(slots[i].agent_id == fx->agent1 ? 1
                             : slots[i].agent_id == fx->agent2 ? 2 : 3), t);
    }
    free(slots);
}

static void test_slot_finder(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    char got[512];
    struct db_slot_search q;
    memset(&q, 0, sizeof q);
    q.motif_id = fx->motif;
    q.site_id = fx->centre;
    /* from now (Wednesday 10:00): 10:00 for both agents, then 10:30 */
    find(fx, &q, 4, got, sizeof got);
    assert_string_equal(got, "1@2026-11-25 10:00 2@2026-11-25 10:00 "
                             "1@2026-11-25 10:30 2@2026-11-25 10:30");
    /* busy times, an absence, one agent */
    insert(fx, fx->centre, fx->agent1, 0, "2026-11-25 10:00",
           "2026-11-25 11:00", APPT_UNKNOWN);
    struct db_absence abs;
    memset(&abs, 0, sizeof abs);
    abs.agent_id = fx->agent1;
    abs.absence.kind = ABSENCE_ONE_OFF;
    abs.absence.from = (struct civil_datetime){{2026, 11, 25}, 11 * 60 + 30};
    abs.absence.until = (struct civil_datetime){{2026, 11, 26}, 15 * 60};
    fx_must(db_absence_add(fx->db, &abs, &err), &err, "absence");
    q.agent_id = fx->agent1;
    find(fx, &q, 3, got, sizeof got);
    assert_string_equal(got, "1@2026-11-25 11:00 1@2026-11-26 15:00 "
                             "1@2026-11-26 15:30");
    /* a 60-minute motif fits 11:00-12:00 only if 11:30 is free: not today */
    q.motif_id = fx->motif_long;
    find(fx, &q, 1, got, sizeof got);
    assert_string_equal(got, "1@2026-11-26 15:00");
    /* a holiday closes the day: 2026-11-11 (Armistice), a Wednesday */
    q.motif_id = fx->motif;
    q.agent_id = fx->agent2;
    snprintf(q.earliest, sizeof q.earliest, "2026-11-10 16:30");
    find(fx, &q, 2, got, sizeof got);
    assert_string_equal(got, "2@2026-11-10 16:30 2@2026-11-12 09:00");
    /* motif sets: Monday mornings of agent 1 are only for the long motif */
    int64_t only_long[] = {fx->motif_long};
    fx_must(db_opening_set_motifs(fx->db, fx->opening_am, 0, only_long, 1, NULL,
                                  &err), &err, "motifs");
    q.agent_id = fx->agent1;
    snprintf(q.earliest, sizeof q.earliest, "2026-11-30 00:00");
    find(fx, &q, 1, got, sizeof got);
    assert_string_equal(got, "1@2026-11-30 14:00");
    q.motif_id = fx->motif_long;
    find(fx, &q, 1, got, sizeof got);
    assert_string_equal(got, "1@2026-11-30 09:00");
    /* the Nord agent has no opening hours: nothing */
    q.agent_id = fx->agent3;
    find(fx, &q, 5, got, sizeof got);
    assert_string_equal(got, "");
    /* bad queries */
    struct slot *s = NULL;
    size_t n = 0;
    q.agent_id = 0;
    q.motif_id = 999;
    assert_int_equal(db_slots_find(fx->db, &q, 5, &s, &n, &err), DB_ERR_NO_ROW);
    q.motif_id = fx->motif;
    snprintf(q.earliest, sizeof q.earliest, "2026-13-01 00:00");
    assert_int_equal(db_slots_find(fx->db, &q, 5, &s, &n, &err), DB_ERR_INVALID);
    assert_non_null(strstr(err.detail, "earliest"));
    q.earliest[0] = '\0';
    assert_int_equal(db_slots_find(fx->db, &q, 0, &s, &n, &err), DB_ERR_INVALID);
    q.days = 5000;
    assert_int_equal(db_slots_find(fx->db, &q, 5, &s, &n, &err), DB_ERR_INVALID);
}

static unsigned check(struct fx *fx, int64_t agent, int64_t person,
                      const char *start, const char *end)
{
    struct db_appt a;
    memset(&a, 0, sizeof a);
    a.site_id = fx->centre;
    a.agent_id = agent;
    a.motif_id = fx->motif;
    a.person_id = person;
    snprintf(a.starts_at, sizeof a.starts_at, "%s", start);
    snprintf(a.ends_at, sizeof a.ends_at, "%s", end);
    unsigned flags = 0xdead;
    struct db_error err = {0};
    fx_must(db_appt_check(fx->db, &a, &flags, &err), &err, "check");
    return flags;
}

static void test_booking_warnings(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    insert(fx, fx->centre, fx->agent1, fx->helene, "2026-11-26 09:00",
           "2026-11-26 09:30", APPT_UNKNOWN);
    struct db_absence abs;
    memset(&abs, 0, sizeof abs);
    abs.agent_id = fx->agent2;
    abs.absence.kind = ABSENCE_WEEKLY;
    abs.absence.weekly = fx_rule(4, 14 * 60, 15 * 60); /* Thursdays 14-15 */
    fx_must(db_absence_add(fx->db, &abs, &err), &err, "weekly absence");
    const struct {
        int64_t agent, person;
        const char *start, *end;
        unsigned flags;
    } cases[] = {
        {fx->agent1, 0, "2026-11-26 10:00", "2026-11-26 10:30", BOOKING_OK},
        {fx->agent1, 0, "2026-11-24 10:00", "2026-11-24 10:30", BOOKING_IN_PAST},
        {fx->agent1, 0, "2026-11-26 12:00", "2026-11-26 12:30",
         BOOKING_OUTSIDE_HOURS},
        {fx->agent1, 0, "2026-11-26 11:45", "2026-11-26 12:15",
         BOOKING_OUTSIDE_HOURS},
        {fx->agent2, 0, "2026-11-26 14:30", "2026-11-26 15:00",
         BOOKING_AGENT_ABSENT},
        {fx->agent2, 0, "2026-12-03 14:30", "2026-12-03 15:00",
         BOOKING_AGENT_ABSENT},
        {fx->agent1, 0, "2026-12-25 10:00", "2026-12-25 10:30", BOOKING_HOLIDAY},
        {fx->agent2, fx->helene, "2026-11-26 16:00", "2026-11-26 16:30",
         BOOKING_SAME_DAY_MOTIF},
        {fx->agent1, 0, "2026-11-26 09:15", "2026-11-26 09:45", BOOKING_OVERLAP},
        {fx->agent1, 0, "2026-11-26 09:30", "2026-11-26 10:00", BOOKING_OK},
        {fx->agent1, 0, "2026-11-26 10:00", "2026-11-26 10:00",
         BOOKING_END_NOT_AFTER_START},
        {fx->agent1, 0, "2026-02-30 10:00", "2026-02-30 10:30",
         BOOKING_INVALID_TIME},
        {fx->agent1, 0, "2026-11-26 10:00", "2026-11-27 10:30", BOOKING_TOO_LONG},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned f = check(fx, cases[i].agent, cases[i].person, cases[i].start,
                           cases[i].end);
        if (f != cases[i].flags)
            fail_msg("case %zu (%s): flags %#x, expected %#x", i,
                     cases[i].start, f, cases[i].flags);
    }
    struct db_appt a;
    memset(&a, 0, sizeof a);
    a.site_id = fx->centre;
    a.agent_id = 999;
    a.motif_id = fx->motif;
    snprintf(a.starts_at, sizeof a.starts_at, "2026-11-26 10:00");
    snprintf(a.ends_at, sizeof a.ends_at, "2026-11-26 10:30");
    unsigned flags;
    assert_int_equal(db_appt_check(fx->db, &a, &flags, &err), DB_ERR_NO_ROW);
    assert_non_null(strstr(err.detail, "agent"));
    a.agent_id = fx->agent1;
    a.motif_id = 999;
    assert_int_equal(db_appt_check(fx->db, &a, &flags, &err), DB_ERR_NO_ROW);
    assert_non_null(strstr(err.detail, "motif"));
    char text[256];
    db_booking_describe(BOOKING_IN_PAST | BOOKING_OVERLAP, text, sizeof text);
    assert_string_equal(text, "in the past; the agent already has an "
                              "appointment then");
}

/* Slots as "agent@HH:MM" of day `day`, and the sites they are at. */
static void find_sites(struct fx *fx, const struct db_slot_search *q, size_t max,
                       char *buf, size_t size, int64_t *sites)
{
    struct slot *slots = NULL;
    size_t n = 0;
    struct db_error err = {0};
    fx_must(db_slots_find(fx->db, q, max, &slots, &n, &err), &err, "slots");
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%d@%02d:%02d", i ? " " : "",
                 slots[i].agent_id == fx->agent1 ? 1 : slots[i].agent_id == fx->agent2 ? 2 : 3,
                 slots[i].start.minute / 60, slots[i].start.minute % 60);
        sites[i] = slots[i].site_id;
    }
    free(slots);
}

static void set_holidays(struct fx *fx, int64_t site_id, unsigned flags)
{
    struct db_error err = {0};
    struct db_site s;
    fx_must(db_site_get(fx->db, site_id, &s, &err), &err, "site");
    s.holiday_flags = flags;
    fx_must(db_site_update(fx->db, &s, DB_VERSION_CURRENT, NULL, &err), &err, "holidays");
}

/* Good Friday 2027 (26 March) and 26 December close the Alsace-Moselle
 * sites only; the slot finder and the booking warnings read each site's
 * holidays from the file, whoever asks. */
static void test_site_holidays(void **state)
{
    struct fx *fx = *state;
    char got[512];
    int64_t sites[16];
    struct db_slot_search q;
    memset(&q, 0, sizeof q);
    q.motif_id = fx->motif;
    q.site_id = fx->centre;
    q.agent_id = fx->agent1;
    q.days = 1;
    snprintf(q.earliest, sizeof q.earliest, "2027-03-26 00:00");
    /* national: an ordinary Friday */
    find_sites(fx, &q, 2, got, sizeof got, sites);
    assert_string_equal(got, "1@09:00 1@09:30");
    assert_int_equal(check(fx, fx->agent1, 0, "2027-03-26 10:00", "2027-03-26 10:30"),
                     BOOKING_OK);
    assert_int_equal(check(fx, fx->agent1, 0, "2026-12-26 10:00", "2026-12-26 10:30"),
                     BOOKING_OUTSIDE_HOURS); /* a Saturday, not a holiday */

    set_holidays(fx, fx->centre, HOLIDAYS_ALSACE_MOSELLE);
    find_sites(fx, &q, 2, got, sizeof got, sites);
    assert_string_equal(got, "");
    assert_int_equal(check(fx, fx->agent1, 0, "2027-03-26 10:00", "2027-03-26 10:30"),
                     BOOKING_HOLIDAY);
    assert_int_equal(check(fx, fx->agent1, 0, "2026-12-26 10:00", "2026-12-26 10:30"),
                     BOOKING_OUTSIDE_HOURS | BOOKING_HOLIDAY);
    /* the next Friday is open again; Easter Monday closes every site */
    snprintf(q.earliest, sizeof q.earliest, "2027-03-29 00:00");
    q.days = 5;
    find_sites(fx, &q, 1, got, sizeof got, sites);
    assert_string_equal(got, "1@09:00"); /* Tuesday 30 */
    assert_int_equal(check(fx, fx->agent1, 0, "2027-03-29 10:00", "2027-03-29 10:30"),
                     BOOKING_HOLIDAY);

    /* Agent 1 also works at Nord (national) on Friday mornings: at any
     * site, Good Friday still has Nord's slots, and only those. */
    struct db_error err = {0};
    struct db_opening nord = {.agent_id = fx->agent1, .site_id = fx->nord,
                              .rule = fx_rule(5, 540, 720)};
    fx_must(db_opening_add(fx->db, &nord, &err), &err, "opening at Nord");
    fx_must(db_agent_join_site(fx->db, fx->agent1, fx->nord, &err), &err, "join");
    q.site_id = 0;
    q.agent_id = 0;
    q.days = 1;
    snprintf(q.earliest, sizeof q.earliest, "2027-03-26 00:00");
    find_sites(fx, &q, 3, got, sizeof got, sites);
    assert_string_equal(got, "1@09:00 1@09:30 1@10:00");
    for (int i = 0; i < 3; i++)
        assert_int_equal(sites[i], fx->nord);
    q.site_id = fx->nord;
    find_sites(fx, &q, 1, got, sizeof got, sites);
    assert_string_equal(got, "1@09:00");
    q.site_id = fx->centre;
    find_sites(fx, &q, 1, got, sizeof got, sites);
    assert_string_equal(got, "");
    /* an ordinary Friday at any site: both agents, merged in time then
     * agent order, agent 1 once per start although open at two sites */
    q.site_id = 0;
    snprintf(q.earliest, sizeof q.earliest, "2027-04-02 09:00");
    find_sites(fx, &q, 5, got, sizeof got, sites);
    assert_string_equal(got, "1@09:00 2@09:00 1@09:30 2@09:30 1@10:00");
    /* every site national again: one search, the same answer */
    set_holidays(fx, fx->centre, HOLIDAYS_NATIONAL);
    find_sites(fx, &q, 5, got, sizeof got, sites);
    assert_string_equal(got, "1@09:00 2@09:00 1@09:30 2@09:30 1@10:00");
    /* unknown site */
    struct slot *s = NULL;
    size_t n = 0;
    q.site_id = 999;
    assert_int_equal(db_slots_find(fx->db, &q, 5, &s, &n, &err), DB_ERR_NO_ROW);
    assert_non_null(strstr(err.detail, "site"));
    struct db_appt a;
    memset(&a, 0, sizeof a);
    a.site_id = 999;
    a.agent_id = fx->agent1;
    a.motif_id = fx->motif;
    snprintf(a.starts_at, sizeof a.starts_at, "2027-04-02 10:00");
    snprintf(a.ends_at, sizeof a.ends_at, "2027-04-02 10:30");
    unsigned flags;
    assert_int_equal(db_appt_check(fx->db, &a, &flags, &err), DB_ERR_NO_ROW);
    assert_non_null(strstr(err.detail, "site"));
}

/* The absences of every agent of a site touching one day, in one call. */
static void test_site_absences(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_absence list[] = {
        {.agent_id = fx->agent2, .absence = {.kind = ABSENCE_ONE_OFF,
            .from = {{2026, 11, 30}, 0}, .until = {{2026, 12, 2}, 12 * 60}}, .reason = "Congés"},
        {.agent_id = fx->agent1, .absence = {.kind = ABSENCE_WEEKLY,
            .weekly = fx_rule(2, 14 * 60, 15 * 60)}, .reason = "Réunion"},
        {.agent_id = fx->agent1, .absence = {.kind = ABSENCE_ONE_OFF,
            .from = {{2026, 12, 1}, 9 * 60}, .until = {{2026, 12, 1}, 10 * 60}}, .reason = ""},
        {.agent_id = fx->agent1, .absence = {.kind = ABSENCE_ONE_OFF,
            .from = {{2026, 12, 2}, 9 * 60}, .until = {{2026, 12, 2}, 10 * 60}}, .reason = "Le lendemain"},
        {.agent_id = fx->agent3, .absence = {.kind = ABSENCE_ONE_OFF,
            .from = {{2026, 12, 1}, 0}, .until = {{2026, 12, 2}, 0}}, .reason = "Nord"},
    };
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        fx_must(db_absence_add(fx->db, &list[i], &err), &err, "absence");
    struct db_absence *got = NULL;
    size_t n = 0;
    /* Tuesday 1 December at the Centre: agent 1's one-off then weekly,
     * then agent 2's leave; not the next day's, not Nord's */
    fx_must(db_site_absences(fx->db, fx->centre, (struct civil_date){2026, 12, 1}, &got, &n,
                             &err), &err, "site absences");
    assert_int_equal(n, 3);
    assert_int_equal(got[0].id, list[2].id);
    assert_int_equal(got[1].id, list[1].id);
    assert_string_equal(got[1].reason, "Réunion");
    assert_int_equal(got[2].id, list[0].id);
    assert_int_equal(got[2].agent_id, fx->agent2);
    free(got);
    /* Monday: the leave, and the weekly one, which may touch any day it
     * is valid on (model absence_intervals_on says it does not) */
    fx_must(db_site_absences(fx->db, fx->centre, (struct civil_date){2026, 11, 30}, &got, &n,
                             &err), &err, "monday");
    assert_int_equal(n, 2);
    assert_int_equal(got[0].id, list[1].id);
    assert_int_equal(got[1].id, list[0].id);
    struct interval part;
    assert_false(absence_intervals_on(&got[0].absence, (struct civil_date){2026, 11, 30}, &part));
    assert_true(absence_intervals_on(&got[1].absence, (struct civil_date){2026, 11, 30}, &part));
    free(got);
    fx_must(db_site_absences(fx->db, fx->nord, (struct civil_date){2026, 12, 1}, &got, &n,
                             &err), &err, "nord");
    assert_int_equal(n, 1);
    assert_string_equal(got[0].reason, "Nord");
    free(got);
    /* before the weekly one starts (valid from 5 January 2026) */
    fx_must(db_site_absences(fx->db, fx->centre, (struct civil_date){2025, 12, 2}, &got, &n,
                             &err), &err, "a year before");
    assert_int_equal(n, 0);
    assert_null(got);
    assert_int_equal(db_site_absences(fx->db, fx->centre, (struct civil_date){2026, 2, 30},
                                      &got, &n, &err), DB_ERR_INVALID);
}

int main(void)
{
    setenv("GUICHET_NOW", FX_NOW, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_agent_week, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_range_by_site, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_to_fill_in, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_person_history, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_calendar_block, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_slot_finder, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_booking_warnings, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_site_holidays, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_site_absences, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
