/* test_day_grid.c - tui/day_grid.c: what each cell of the day view holds,
 * the row length chosen for a screen height, closed time, absences (one-off
 * over several days, weekly, every other week), national and
 * Alsace-Moselle holidays, and how a status looks. Plain data in, no
 * terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tui/day_grid.h"
#include "../../tui/draw.h"

struct step_case {
    int start, end, rows;
    int want_step, want_first, want_rows;
};

static void test_choose_step(void **state)
{
    (void)state;
    const struct step_case cases[] = {
        /* 9:00-17:00 at 80x24 (20 grid rows): 30 min; at 132x43: 15 min */
        {540, 1020, 20, 30, 540, 16},
        {540, 1020, 39, 15, 540, 32},
        {540, 1020, 48, 10, 540, 48},
        {540, 1020, 24, 20, 540, 24},
        /* too few rows even for an hour: hours, and the view scrolls */
        {540, 1020, 5, 60, 540, 8},
        /* rows are aligned on multiples of the step from midnight */
        {510, 1050, 20, 30, 510, 18},
        {510, 1050, 9, 60, 480, 10},
        {545, 550, 3, 10, 540, 1},
        /* a whole day */
        {0, 1440, 20, 60, 0, 24},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct step_case *c = &cases[i];
        int first, rows;
        int step = ui_day_choose_step(c->start, c->end, c->rows, &first, &rows);
        if (step != c->want_step || first != c->want_first || rows != c->want_rows)
            fail_msg("case %zu: step %d first %d rows %d, want %d %d %d", i, step, first, rows,
                     c->want_step, c->want_first, c->want_rows);
        /* the rows cover the range */
        assert_true(first <= c->start);
        assert_true(first + rows * step >= c->end);
    }
}

static const struct civil_date WEDNESDAY = {2026, 11, 25};
static const struct civil_date CHRISTMAS = {2026, 12, 25}; /* a Friday */

static const struct db_agent agents[] = {
    {.id = 10, .last_name = "Martin", .first_name = "Alice"},
    {.id = 20, .last_name = "Bernard", .first_name = "Bruno"},
    {.id = 30, .last_name = "Petit", .first_name = "Chloé"},
};

static struct db_day_row make_row(int64_t id, int64_t agent, const char *start, const char *end,
                                  enum appt_status status, const char *last)
{
    struct db_day_row r;
    memset(&r, 0, sizeof r);
    r.appt.id = id;
    r.appt.agent_id = agent;
    snprintf(r.appt.starts_at, sizeof r.appt.starts_at, "%s", start);
    snprintf(r.appt.ends_at, sizeof r.appt.ends_at, "%s", end);
    r.appt.status = status;
    snprintf(r.person_last, sizeof r.person_last, "%s", last);
    snprintf(r.person_first, sizeof r.person_first, "Test");
    snprintf(r.motif_name, sizeof r.motif_name, "Accueil");
    return r;
}

static struct db_opening rule(int64_t agent, enum civil_weekday wd, int from, int to)
{
    struct db_opening o;
    memset(&o, 0, sizeof o);
    o.agent_id = agent;
    o.rule.weekday = wd;
    o.rule.start_minute = from;
    o.rule.end_minute = to;
    o.rule.every_weeks = 1;
    o.rule.valid_from = (struct civil_date){2026, 1, 5};
    return o;
}

/* Builds one day of the three agents above. */
static int build(struct ui_day_data *d, struct civil_date day, unsigned holiday_flags,
                 struct db_day_row *rows, size_t nrows, const struct db_opening *open,
                 size_t nopen, const struct db_absence *absences, size_t nabs)
{
    struct ui_day_source src = {
        .day = day,
        .holiday_flags = holiday_flags,
        .agents = agents,
        .agent_count = 3,
        .rows = rows,
        .row_count = nrows,
        .openings = open,
        .opening_count = nopen,
        .absences = absences,
        .absence_count = nabs,
    };
    return ui_day_data_build(d, &src);
}

/* A Wednesday: Alice 9:00-12:00, Bruno 13:30-17:00, Chloé nothing that day. */
static void build_wednesday(struct ui_day_data *d)
{
    struct db_day_row *rows = calloc(7, sizeof *rows);
    assert_non_null(rows);
    /* deliberately out of order: the grid sorts */
    rows[0] = make_row(5, 20, "2026-11-25 14:00", "2026-11-25 15:30", APPT_SEEN, "Bern");
    rows[1] = make_row(1, 10, "2026-11-25 09:00", "2026-11-25 09:20", APPT_UNKNOWN, "Un");
    rows[2] = make_row(3, 10, "2026-11-25 09:30", "2026-11-25 10:00", APPT_EXCUSED, "Gone");
    rows[3] = make_row(4, 10, "2026-11-25 09:40", "2026-11-25 10:00", APPT_UNKNOWN, "OnTop");
    rows[4] = make_row(2, 10, "2026-11-25 09:20", "2026-11-25 09:40", APPT_UNKNOWN, "Deux");
    /* an agent who left the site: not drawn */
    rows[5] = make_row(6, 99, "2026-11-25 08:00", "2026-11-25 09:00", APPT_UNKNOWN, "Ghost");
    /* late evening, ending after midnight: clamped to the day */
    rows[6] = make_row(7, 30, "2026-11-25 23:30", "2026-11-26 00:30", APPT_UNKNOWN, "Late");
    struct db_opening open[] = {
        rule(10, CIVIL_WEDNESDAY, 540, 720),
        rule(20, CIVIL_WEDNESDAY, 810, 1020),
        rule(30, CIVIL_THURSDAY, 480, 1080), /* not on Wednesdays */
        rule(99, CIVIL_WEDNESDAY, 420, 1200), /* not a column */
    };
    assert_int_equal(build(d, WEDNESDAY, HOLIDAYS_NATIONAL, rows, 7, open, 4, NULL, 0), 0);
}

static void test_build_groups_and_sorts(void **state)
{
    (void)state;
    struct ui_day_data d;
    build_wednesday(&d);
    assert_int_equal(d.appt_count, 6); /* the ghost agent's is left out */
    assert_int_equal(d.agent_first[0], 0);
    assert_int_equal(d.agent_first[1], 4);
    assert_int_equal(d.agent_first[2], 5);
    assert_int_equal(d.agent_first[3], 6);
    /* Alice's appointments in start order */
    assert_int_equal(d.appts[0].row->appt.id, 1);
    assert_int_equal(d.appts[1].row->appt.id, 2);
    assert_int_equal(d.appts[2].row->appt.id, 3);
    assert_int_equal(d.appts[3].row->appt.id, 4);
    assert_int_equal(d.appts[0].start, 540);
    assert_int_equal(d.appts[0].end, 560);
    /* after midnight: clamped */
    assert_int_equal(d.appts[5].start, 1410);
    assert_int_equal(d.appts[5].end, 1440);
    /* the range: opening hours widened to the late appointment */
    assert_int_equal(d.range_start, 540);
    assert_int_equal(d.range_end, 1440);
    assert_null(d.holiday);
    ui_day_data_free(&d);
}

/* Storage's list of appointments left outside marks them, by id, with
 * their reasons; the others are not marked. */
static void test_stranded_marks(void **state)
{
    (void)state;
    struct db_day_row *rows = calloc(2, sizeof *rows);
    assert_non_null(rows);
    rows[0] = make_row(1, 10, "2026-11-25 09:00", "2026-11-25 09:30", APPT_UNKNOWN, "In");
    rows[1] = make_row(2, 10, "2026-11-25 13:00", "2026-11-25 13:30", APPT_UNKNOWN, "Out");
    struct db_opening open[] = {rule(10, CIVIL_WEDNESDAY, 540, 720)};
    struct db_stranded out[1];
    memset(out, 0, sizeof out);
    out[0].row.day = rows[1];
    out[0].reasons = DB_STRANDED_OUTSIDE_HOURS | DB_STRANDED_ABSENT;
    struct ui_day_source src = {
        .day = WEDNESDAY, .holiday_flags = HOLIDAYS_NATIONAL, .agents = agents,
        .agent_count = 3, .rows = rows, .row_count = 2, .openings = open,
        .opening_count = 1, .stranded = out, .stranded_count = 1,
    };
    struct ui_day_data d;
    assert_int_equal(ui_day_data_build(&d, &src), 0);
    assert_int_equal(d.appt_count, 2);
    assert_int_equal(d.appts[0].row->appt.id, 1);
    assert_int_equal(d.appts[0].stranded, 0);
    assert_int_equal(d.appts[1].row->appt.id, 2);
    assert_int_equal(d.appts[1].stranded, DB_STRANDED_OUTSIDE_HOURS | DB_STRANDED_ABSENT);
    ui_day_data_free(&d);
}

static void test_open_and_closed(void **state)
{
    (void)state;
    struct ui_day_data d;
    build_wednesday(&d);
    assert_true(ui_day_is_open(&d, 0, 540, 570));
    assert_true(ui_day_is_open(&d, 0, 690, 750)); /* partly open */
    assert_false(ui_day_is_open(&d, 0, 720, 750)); /* [start, end) */
    assert_false(ui_day_is_open(&d, 0, 810, 840));
    assert_true(ui_day_is_open(&d, 1, 810, 840));
    assert_false(ui_day_is_open(&d, 2, 540, 570)); /* Thursday rule */
    assert_false(ui_day_is_open(&d, 7, 540, 570)); /* no such column */
    ui_day_data_free(&d);
}

static void test_cells(void **state)
{
    (void)state;
    struct ui_day_data d;
    build_wednesday(&d);
    struct ui_cell c;

    /* 30-minute rows. 9:00: two appointments start (9:00 and 9:20). */
    ui_day_cell(&d, 0, 540, 30, &c);
    assert_int_equal(c.kind, UI_CELL_APPT_FIRST);
    assert_int_equal(c.appt->row->appt.id, 1);
    assert_int_equal(c.starting, 2);
    assert_true(c.open);

    /* 9:30: the excused one and the one booked on top both start; the live
     * one is drawn. */
    ui_day_cell(&d, 0, 570, 30, &c);
    assert_int_equal(c.kind, UI_CELL_APPT_FIRST);
    assert_int_equal(c.appt->row->appt.id, 4);
    assert_int_equal(c.starting, 2);
    assert_int_equal(c.overlapping, 3); /* 9:20-9:40 still runs */

    /* 10:00: nothing, open */
    ui_day_cell(&d, 0, 600, 30, &c);
    assert_int_equal(c.kind, UI_CELL_EMPTY);
    assert_null(c.appt);
    assert_true(c.open);

    /* Bruno 14:00-15:30: first row, motif row, then more */
    ui_day_cell(&d, 1, 840, 30, &c);
    assert_int_equal(c.kind, UI_CELL_APPT_FIRST);
    ui_day_cell(&d, 1, 870, 30, &c);
    assert_int_equal(c.kind, UI_CELL_APPT_SECOND);
    assert_int_equal(c.appt->row->appt.id, 5);
    ui_day_cell(&d, 1, 900, 30, &c);
    assert_int_equal(c.kind, UI_CELL_APPT_MORE);
    ui_day_cell(&d, 1, 930, 30, &c);
    assert_int_equal(c.kind, UI_CELL_EMPTY);
    assert_true(c.open);

    /* 10-minute rows: 9:10 is the second row of 9:00-9:20 */
    ui_day_cell(&d, 0, 550, 10, &c);
    assert_int_equal(c.kind, UI_CELL_APPT_SECOND);
    assert_int_equal(c.appt->row->appt.id, 1);
    assert_int_equal(c.starting, 0);

    /* closed, empty */
    ui_day_cell(&d, 2, 600, 30, &c);
    assert_int_equal(c.kind, UI_CELL_EMPTY);
    assert_false(c.open);
    ui_day_data_free(&d);
}

static void test_cell_appts_lists_live_first(void **state)
{
    (void)state;
    struct ui_day_data d;
    build_wednesday(&d);
    const struct ui_day_appt *list[8];
    size_t n = ui_day_cell_appts(&d, 0, 570, 600, list, 8);
    assert_int_equal(n, 3);
    assert_int_equal(list[0]->row->appt.id, 2); /* 9:20, live */
    assert_int_equal(list[1]->row->appt.id, 4); /* 9:40, live */
    assert_int_equal(list[2]->row->appt.id, 3); /* excused, last */
    /* the count is complete even when the array is short */
    n = ui_day_cell_appts(&d, 0, 540, 600, list, 1);
    assert_int_equal(n, 4);
    assert_int_equal(ui_day_cell_appts(&d, 0, 600, 700, list, 8), 0);
    ui_day_data_free(&d);
}

static void test_holiday_closes_the_day(void **state)
{
    (void)state;
    struct db_day_row *rows = calloc(1, sizeof *rows);
    assert_non_null(rows);
    struct db_opening open[] = {rule(10, CIVIL_FRIDAY, 510, 1050)};
    struct ui_day_data d;
    assert_int_equal(build(&d, CHRISTMAS, HOLIDAYS_NATIONAL, rows, 0, open, 1, NULL, 0), 0);
    assert_non_null(d.holiday);
    assert_string_equal(d.holiday, "Christmas Day");
    assert_false(ui_day_is_open(&d, 0, 600, 630));
    /* the grid keeps the usual hours, drawn closed */
    assert_int_equal(d.range_start, 510);
    assert_int_equal(d.range_end, 1050);
    ui_day_data_free(&d);
}

static void test_day_without_hours_uses_default_range(void **state)
{
    (void)state;
    struct ui_day_data d;
    struct civil_date sunday = {2026, 11, 29};
    assert_int_equal(build(&d, sunday, HOLIDAYS_NATIONAL, NULL, 0, NULL, 0, NULL, 0), 0);
    assert_int_equal(d.range_start, UI_DAY_DEFAULT_START);
    assert_int_equal(d.range_end, UI_DAY_DEFAULT_END);
    assert_false(ui_day_is_open(&d, 0, 600, 630));
    ui_day_data_free(&d);
}

static struct db_absence one_off(int64_t agent, const char *from, const char *until,
                                 const char *reason)
{
    struct db_absence a;
    memset(&a, 0, sizeof a);
    a.agent_id = agent;
    a.absence.kind = ABSENCE_ONE_OFF;
    assert_int_equal(civil_parse_datetime(from, &a.absence.from), 0);
    assert_int_equal(civil_parse_datetime(until, &a.absence.until), 0);
    snprintf(a.reason, sizeof a.reason, "%s", reason);
    return a;
}

static struct db_absence weekly(int64_t agent, enum civil_weekday wd, int from, int to,
                                int every, struct civil_date valid_from, const char *reason)
{
    struct db_absence a;
    memset(&a, 0, sizeof a);
    a.agent_id = agent;
    a.absence.kind = ABSENCE_WEEKLY;
    a.absence.weekly = rule(agent, wd, from, to).rule;
    a.absence.weekly.every_weeks = every;
    a.absence.weekly.valid_from = valid_from;
    snprintf(a.reason, sizeof a.reason, "%s", reason);
    return a;
}

/* Alice: a training from Tuesday 14:00 to Wednesday 10:00 and a medical
 * appointment 11:00-11:30 (listed first); Bruno: the weekly team meeting on
 * Wednesdays 15:00-16:00, and one every other week at 9:00 that is not this
 * week; Chloé: Thursday only; an agent who is not a column. */
static void build_absent_wednesday(struct ui_day_data *d)
{
    struct db_day_row *rows = calloc(1, sizeof *rows);
    assert_non_null(rows);
    rows[0] = make_row(1, 10, "2026-11-25 09:00", "2026-11-25 09:30", APPT_UNKNOWN, "Booked");
    struct db_opening open[] = {
        rule(10, CIVIL_WEDNESDAY, 540, 720),
        rule(20, CIVIL_WEDNESDAY, 810, 1020),
    };
    const struct db_absence abs[] = {
        one_off(10, "2026-11-25 11:00", "2026-11-25 11:30", "Rendez-vous médical"),
        one_off(10, "2026-11-24 14:00", "2026-11-25 10:00", "Formation"),
        weekly(20, CIVIL_WEDNESDAY, 900, 960, 1, (struct civil_date){2026, 9, 2},
               "Réunion d'équipe"),
        weekly(20, CIVIL_WEDNESDAY, 540, 600, 2, (struct civil_date){2026, 11, 18}, "Tous les 15 jours"),
        one_off(30, "2026-11-26 00:00", "2026-11-27 00:00", "Congés"),
        one_off(99, "2026-11-25 00:00", "2026-11-26 00:00", "Ghost"),
    };
    assert_int_equal(build(d, WEDNESDAY, HOLIDAYS_NATIONAL, rows, 1, open, 2, abs,
                           sizeof abs / sizeof abs[0]), 0);
}

struct absent_case {
    size_t agent;
    int a, b;
    int want;
    const char *reason; /* when want */
};

static void test_absences(void **state)
{
    (void)state;
    struct ui_day_data d;
    build_absent_wednesday(&d);
    /* grouped by column, in time order */
    assert_int_equal(d.absent_first[0], 0);
    assert_int_equal(d.absent_first[1], 2);
    assert_int_equal(d.absent_first[2], 3);
    assert_int_equal(d.absent_first[3], 3);
    assert_int_equal(d.absent[0].start, 0); /* from Tuesday: the whole morning */
    assert_int_equal(d.absent[0].end, 600);
    assert_string_equal(d.absent[0].reason, "Formation");
    assert_int_equal(d.absent[1].start, 660);
    assert_int_equal(d.absent[2].start, 900);
    assert_int_equal(d.absent[2].end, 960);
    const struct absent_case cases[] = {
        {0, 540, 570, 1, "Formation"},
        {0, 570, 600, 1, "Formation"},
        {0, 600, 630, 0, NULL},       /* ends at 10:00: [start, end) */
        {0, 645, 675, 1, "Rendez-vous médical"}, /* partly */
        {0, 690, 720, 0, NULL},
        {1, 900, 930, 1, "Réunion d'équipe"},
        {1, 930, 960, 1, "Réunion d'équipe"},
        {1, 960, 990, 0, NULL},
        {1, 540, 600, 0, NULL},       /* every other week: not this one */
        {2, 0, 1440, 0, NULL},        /* Thursday only */
        {7, 0, 1440, 0, NULL},        /* no such column */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *reason = "unset";
        int got = ui_day_is_absent(&d, cases[i].agent, cases[i].a, cases[i].b, &reason);
        if (got != cases[i].want)
            fail_msg("case %zu: absent %d, want %d", i, got, cases[i].want);
        if (got)
            assert_string_equal(reason, cases[i].reason);
        else
            assert_string_equal(reason, "unset");
    }
    assert_int_equal(ui_day_is_absent(&d, 0, 540, 570, NULL), 1);

    /* cells: an appointment in an absence is still drawn; the cell says
     * both, so the view can hatch the empty part of an absence */
    struct ui_cell c;
    ui_day_cell(&d, 0, 540, 30, &c);
    assert_int_equal(c.kind, UI_CELL_APPT_FIRST);
    assert_true(c.absent);
    ui_day_cell(&d, 0, 660, 30, &c);
    assert_int_equal(c.kind, UI_CELL_EMPTY);
    assert_true(c.open);   /* within the opening hours... */
    assert_true(c.absent); /* ...but absent */
    ui_day_cell(&d, 0, 600, 30, &c);
    assert_true(c.open);
    assert_false(c.absent);
    ui_day_cell(&d, 1, 900, 30, &c);
    assert_true(c.absent);
    /* absences do not widen the range: the opening hours do */
    assert_int_equal(d.range_start, 540);
    assert_int_equal(d.range_end, 1020);
    ui_day_data_free(&d);
}

/* Bas-Rhin, Haut-Rhin and Moselle: 26 December and Good Friday close the
 * site too; elsewhere they are ordinary days. */
static void test_alsace_moselle_holidays(void **state)
{
    (void)state;
    const struct {
        struct civil_date day;
        enum civil_weekday weekday;
        unsigned flags;
        const char *holiday; /* NULL: an ordinary day */
    } cases[] = {
        {{2026, 12, 26}, CIVIL_SATURDAY, HOLIDAYS_NATIONAL, NULL},
        {{2026, 12, 26}, CIVIL_SATURDAY, HOLIDAYS_ALSACE_MOSELLE, "St Stephen's Day"},
        {{2027, 3, 26}, CIVIL_FRIDAY, HOLIDAYS_NATIONAL, NULL},
        {{2027, 3, 26}, CIVIL_FRIDAY, HOLIDAYS_ALSACE_MOSELLE, "Good Friday"},
        {{2026, 12, 25}, CIVIL_FRIDAY, HOLIDAYS_ALSACE_MOSELLE, "Christmas Day"},
        {{2026, 12, 25}, CIVIL_FRIDAY, HOLIDAYS_NATIONAL, "Christmas Day"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct db_opening open[] = {rule(10, cases[i].weekday, 540, 720)};
        struct ui_day_data d;
        assert_int_equal(build(&d, cases[i].day, cases[i].flags, NULL, 0, open, 1, NULL, 0), 0);
        if (cases[i].holiday) {
            if (!d.holiday || strcmp(d.holiday, cases[i].holiday) != 0)
                fail_msg("case %zu: holiday %s, want %s", i, d.holiday ? d.holiday : "none",
                         cases[i].holiday);
            assert_false(ui_day_is_open(&d, 0, 540, 570));
        } else {
            if (d.holiday)
                fail_msg("case %zu: holiday %s, want none", i, d.holiday);
            assert_true(ui_day_is_open(&d, 0, 540, 570));
        }
        ui_day_data_free(&d);
    }
}

struct look_case {
    enum appt_status status;
    const char *arrived;
    const char *start;
    enum ui_appt_look want;
};

static void test_looks(void **state)
{
    (void)state;
    struct civil_datetime now;
    assert_int_equal(civil_parse_datetime("2026-11-25 10:05", &now), 0);
    const struct look_case cases[] = {
        {APPT_UNKNOWN, "", "2026-11-26 09:00", UI_LOOK_UPCOMING},
        {APPT_UNKNOWN, "", "2026-11-25 11:00", UI_LOOK_TODAY},
        {APPT_UNKNOWN, "", "2026-11-25 09:00", UI_LOOK_TO_FILL_IN},
        {APPT_UNKNOWN, "", "2026-11-20 09:00", UI_LOOK_TO_FILL_IN},
        {APPT_UNKNOWN, "2026-11-25 09:55", "2026-11-25 10:00", UI_LOOK_ARRIVED},
        {APPT_SEEN, "2026-11-25 08:55", "2026-11-25 09:00", UI_LOOK_SEEN},
        {APPT_EXCUSED, "", "2026-11-25 09:00", UI_LOOK_EXCUSED},
        {APPT_REVOKED, "", "2026-11-27 09:00", UI_LOOK_REVOKED},
        {APPT_NOSHOW, "", "2026-11-24 09:00", UI_LOOK_NOSHOW},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct db_appt a;
        memset(&a, 0, sizeof a);
        a.status = cases[i].status;
        snprintf(a.arrived_at, sizeof a.arrived_at, "%s", cases[i].arrived);
        struct civil_datetime start;
        assert_int_equal(civil_parse_datetime(cases[i].start, &start), 0);
        enum ui_appt_look got = ui_appt_look(&a, start, now);
        if (got != cases[i].want)
            fail_msg("case %zu: look %d, want %d", i, got, cases[i].want);
        assert_true(strlen(ui_appt_look_words(got)) > 0);
    }
}

/* Every look has its own mark (meaning never rests on colour alone), and
 * the roles the views colour them with. */
static void test_look_marks_and_roles(void **state)
{
    (void)state;
    const struct {
        enum ui_appt_look look;
        enum ui_glyph glyph;
        enum theme_role role;
    } cases[] = {
        {UI_LOOK_UPCOMING, UI_GLYPH_MARK_UPCOMING, THEME_APPT},
        {UI_LOOK_TODAY, UI_GLYPH_MARK_UPCOMING, THEME_APPT},
        {UI_LOOK_TO_FILL_IN, UI_GLYPH_MARK_TO_FILL, THEME_APPT_TO_FILL},
        {UI_LOOK_ARRIVED, UI_GLYPH_MARK_ARRIVED, THEME_APPT_ARRIVED},
        {UI_LOOK_SEEN, UI_GLYPH_MARK_SEEN, THEME_APPT_SEEN},
        {UI_LOOK_EXCUSED, UI_GLYPH_MARK_CANCELLED, THEME_APPT_CANCELLED},
        {UI_LOOK_REVOKED, UI_GLYPH_MARK_CANCELLED, THEME_APPT_CANCELLED},
        {UI_LOOK_NOSHOW, UI_GLYPH_MARK_NOSHOW, THEME_APPT_NOSHOW},
    };
    assert_int_equal(sizeof cases / sizeof cases[0], UI_LOOK_COUNT);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (ui_appt_look_glyph(cases[i].look) != cases[i].glyph)
            fail_msg("case %zu: glyph %d", i, ui_appt_look_glyph(cases[i].look));
        if (ui_appt_look_role(cases[i].look) != cases[i].role)
            fail_msg("case %zu: role %d", i, ui_appt_look_role(cases[i].look));
    }
}

static void test_minute_of(void **state)
{
    (void)state;
    assert_int_equal(ui_day_minute_of("2026-11-25 00:00", WEDNESDAY), 0);
    assert_int_equal(ui_day_minute_of("2026-11-25 14:30", WEDNESDAY), 870);
    assert_int_equal(ui_day_minute_of("2026-11-26 00:30", WEDNESDAY), 1470);
    assert_int_equal(ui_day_minute_of("2026-11-24 23:00", WEDNESDAY), 0);
    assert_int_equal(ui_day_minute_of("garbage", WEDNESDAY), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_choose_step),
        cmocka_unit_test(test_build_groups_and_sorts),
        cmocka_unit_test(test_stranded_marks),
        cmocka_unit_test(test_open_and_closed),
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_cell_appts_lists_live_first),
        cmocka_unit_test(test_holiday_closes_the_day),
        cmocka_unit_test(test_day_without_hours_uses_default_range),
        cmocka_unit_test(test_absences),
        cmocka_unit_test(test_alsace_moselle_holidays),
        cmocka_unit_test(test_looks),
        cmocka_unit_test(test_look_marks_and_roles),
        cmocka_unit_test(test_minute_of),
    };
    return cmocka_run_group_tests_name("tui_day_grid", tests, NULL, NULL);
}
