/* test_loan_series.c - series expansion, closures of each zone, every N
 * weeks, school-year boundaries, exceptions surviving edits, edit scopes,
 * capacity and overlap. School holidays are the 2025-2026 pupils' dates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/loan_series.h"
#include "model/holidays.h"

#define D(y, m, d) ((struct civil_date){(y), (m), (d)})

/* 2025-2026 pupils' holidays, first day off .. day before classes resume. */
static const struct loan_period zone_a[] = {
    {{2025, 10, 18}, {2025, 11, 2}, "Vacances de la Toussaint"},
    {{2025, 12, 20}, {2026, 1, 4}, "Vacances de Noël"},
    {{2026, 2, 7}, {2026, 2, 22}, "Vacances d'hiver"},
    {{2026, 4, 4}, {2026, 4, 19}, "Vacances de printemps"},
    {{2026, 7, 4}, {2026, 8, 31}, "Vacances d'été"},
};
static const struct loan_period zone_b[] = {
    {{2025, 10, 18}, {2025, 11, 2}, "Vacances de la Toussaint"},
    {{2025, 12, 20}, {2026, 1, 4}, "Vacances de Noël"},
    {{2026, 2, 14}, {2026, 3, 1}, "Vacances d'hiver"},
    {{2026, 4, 11}, {2026, 4, 26}, "Vacances de printemps"},
    {{2026, 7, 4}, {2026, 8, 31}, "Vacances d'été"},
};
static const struct loan_period zone_c[] = {
    {{2025, 10, 18}, {2025, 11, 2}, "Vacances de la Toussaint"},
    {{2025, 12, 20}, {2026, 1, 4}, "Vacances de Noël"},
    {{2026, 2, 21}, {2026, 3, 8}, "Vacances d'hiver"},
    {{2026, 7, 4}, {2026, 8, 31}, "Vacances d'été"},
};

static struct loan_pattern tuesdays(struct civil_date first, struct civil_date last)
{
    return (struct loan_pattern){LOAN_DAY(CIVIL_TUESDAY), 1, 18 * 60, 20 * 60, first, last};
}

static int find(const struct loan_date *d, size_t n, struct civil_date x)
{
    for (size_t i = 0; i < n; i++)
        if (civil_date_compare(d[i].date, x) == 0)
            return (int)i;
    return -1;
}

static void test_weekdays_parse_format(void **state)
{
    (void)state;
    unsigned b;
    char buf[64];
    assert_int_equal(loan_parse_weekdays("tue", &b), 0);
    assert_int_equal(b, LOAN_DAY(CIVIL_TUESDAY));
    assert_int_equal(loan_parse_weekdays("tue,thu", &b), 0);
    assert_int_equal(b, LOAN_DAY(CIVIL_TUESDAY) | LOAN_DAY(CIVIL_THURSDAY));
    assert_int_equal(loan_parse_weekdays("Mardi,jeudi", &b), 0);
    assert_int_equal(b, LOAN_DAY(CIVIL_TUESDAY) | LOAN_DAY(CIVIL_THURSDAY));
    assert_int_equal(loan_parse_weekdays("sun", &b), 0);
    assert_int_equal(b, LOAN_DAY(CIVIL_SUNDAY));
    assert_int_equal(loan_parse_weekdays("m", &b), -1);
    assert_int_equal(loan_parse_weekdays("tue,", &b), -1);
    assert_int_equal(loan_parse_weekdays("", &b), -1);
    assert_int_equal(loan_parse_weekdays("tuesdayy", &b), -1);
    assert_int_equal(loan_format_weekdays(LOAN_DAY(CIVIL_MONDAY) | LOAN_DAY(CIVIL_FRIDAY),
                                          buf, sizeof buf), 0);
    assert_string_equal(buf, "mon,fri");
    assert_int_equal(loan_format_weekdays(0, buf, sizeof buf), -1);
    /* What a person is shown in French reads back as the same days. */
    static const char *const french[7] = {"lun", "mar", "mer", "jeu", "ven", "sam", "dim"};
    for (int d = 0; d < 7; d++) {
        assert_int_equal(loan_parse_weekdays(french[d], &b), 0);
        assert_int_equal(b, 1u << d);
    }
    assert_int_equal(loan_parse_weekdays("mar,mer,sam", &b), 0);
    assert_int_equal(b, LOAN_DAY(CIVIL_TUESDAY) | LOAN_DAY(CIVIL_WEDNESDAY) |
                            LOAN_DAY(CIVIL_SATURDAY));
    /* Without a catalogue (the C locale) the shown names are the English ones. */
    assert_int_equal(loan_format_weekdays_shown(LOAN_DAY(CIVIL_TUESDAY) |
                                                    LOAN_DAY(CIVIL_SATURDAY), buf, sizeof buf), 0);
    assert_string_equal(buf, "tue,sat");
    assert_int_equal(loan_format_weekdays(LOAN_ALL_DAYS, buf, 8), -1);
}

static void test_time_range(void **state)
{
    (void)state;
    int s, e;
    assert_int_equal(loan_parse_time_range("18:00-20:00", &s, &e), 0);
    assert_int_equal(s, 1080);
    assert_int_equal(e, 1200);
    assert_int_equal(loan_parse_time_range("18h-20h30", &s, &e), 0);
    assert_int_equal(e, 1230);
    assert_int_equal(loan_parse_time_range("22:00-24:00", &s, &e), 0);
    assert_int_equal(e, 1440);
    assert_int_equal(loan_parse_time_range("20:00-18:00", &s, &e), -1);
    assert_int_equal(loan_parse_time_range("18:00", &s, &e), -1);
    assert_int_equal(loan_parse_time_range("18:00-18:00", &s, &e), -1);
}

static void test_pattern_valid(void **state)
{
    (void)state;
    struct loan_pattern p = tuesdays(D(2025, 9, 1), D(2026, 7, 3));
    assert_true(loan_pattern_valid(&p));
    p.weekdays = 0;
    assert_false(loan_pattern_valid(&p));
    p = tuesdays(D(2025, 9, 1), D(2025, 8, 31));
    assert_false(loan_pattern_valid(&p));
    p = tuesdays(D(2025, 9, 1), D(2026, 7, 3));
    p.every_weeks = 0;
    assert_false(loan_pattern_valid(&p));
    p.every_weeks = 1;
    p.end_minute = p.start_minute;
    assert_false(loan_pattern_valid(&p));
}

/* A plain year of Tuesdays with no closure: every Tuesday, in order. */
static void test_expand_plain(void **state)
{
    (void)state;
    struct loan_pattern p = tuesdays(D(2025, 9, 1), D(2026, 7, 3));
    struct loan_date out[64];
    size_t n;
    assert_int_equal(loan_series_expand(&p, NULL, out, 64, &n), 0);
    assert_int_equal(n, 44);
    assert_int_equal(civil_date_compare(out[0].date, D(2025, 9, 2)), 0);
    assert_int_equal(civil_date_compare(out[n - 1].date, D(2026, 6, 30)), 0);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(civil_weekday(out[i].date), CIVIL_TUESDAY);
        assert_int_equal(out[i].closure, LOAN_OPEN);
        assert_null(out[i].reason);
    }
    /* Too small an array: the count is still told, and -1. */
    assert_int_equal(loan_series_expand(&p, NULL, out, 10, &n), -1);
    assert_int_equal(n, 44);
}

/* Each zone skips its own winter holidays, the shared ones and the
 * public holidays, and says why. */
static void test_expand_zones(void **state)
{
    (void)state;
    struct {
        const struct loan_period *p;
        size_t n;
        struct civil_date winter_tuesday, open_tuesday;
    } zones[] = {
        {zone_a, 5, {2026, 2, 10}, {2026, 3, 3}},
        {zone_b, 5, {2026, 2, 17}, {2026, 2, 10}},
        {zone_c, 4, {2026, 3, 3}, {2026, 2, 17}},
    };
    for (int z = 0; z < 3; z++) {
        struct loan_closures c = {HOLIDAYS_NATIONAL, zones[z].p, zones[z].n, NULL, 0, NULL, 0};
        struct loan_pattern p = tuesdays(D(2025, 9, 1), D(2026, 7, 3));
        struct loan_date out[64];
        size_t n;
        assert_int_equal(loan_series_expand(&p, &c, out, 64, &n), 0);
        int i = find(out, n, zones[z].winter_tuesday);
        assert_true(i >= 0);
        assert_int_equal(out[i].closure, LOAN_CLOSED_SCHOOL_HOLIDAY);
        assert_string_equal(out[i].reason, "Vacances d'hiver");
        /* Another zone's winter Tuesday is open here. */
        int j = find(out, n, zones[z].open_tuesday);
        assert_int_equal(out[j].closure, LOAN_OPEN);
        i = find(out, n, D(2025, 10, 28));
        assert_int_equal(out[i].closure, LOAN_CLOSED_SCHOOL_HOLIDAY);
        assert_string_equal(out[i].reason, "Vacances de la Toussaint");
        i = find(out, n, D(2025, 12, 23));
        assert_string_equal(out[i].reason, "Vacances de Noël");
        /* The day classes resume is open (Tuesday 4 Nov 2025). */
        i = find(out, n, D(2025, 11, 4));
        assert_int_equal(out[i].closure, LOAN_OPEN);
    }
}

static void test_public_holiday_and_order(void **state)
{
    (void)state;
    /* Tuesday 11 Nov 2025 is Armistice Day; Monday 25 May 2026 Whit Monday. */
    struct loan_period site[] = {{{2025, 11, 11}, {2025, 11, 11}, "inventaire"}};
    struct loan_period room[] = {{{2026, 5, 26}, {2026, 6, 2}, "peinture du gymnase"}};
    struct loan_closures c = {HOLIDAYS_NATIONAL, zone_a, 5, site, 1, room, 1};
    struct loan_pattern p = {LOAN_DAY(CIVIL_MONDAY) | LOAN_DAY(CIVIL_TUESDAY), 1, 1080, 1200,
                             D(2025, 11, 1), D(2026, 6, 30)};
    struct loan_date out[128];
    size_t n;
    assert_int_equal(loan_series_expand(&p, &c, out, 128, &n), 0);
    int i = find(out, n, D(2025, 11, 11));
    assert_int_equal(out[i].closure, LOAN_CLOSED_PUBLIC_HOLIDAY);
    assert_string_equal(out[i].reason, "Armistice Day");
    i = find(out, n, D(2026, 5, 25));
    assert_int_equal(out[i].closure, LOAN_CLOSED_PUBLIC_HOLIDAY);
    i = find(out, n, D(2026, 5, 26));
    assert_int_equal(out[i].closure, LOAN_CLOSED_ROOM_BLACKOUT);
    assert_string_equal(out[i].reason, "peinture du gymnase");
    i = find(out, n, D(2026, 6, 2));
    assert_int_equal(out[i].closure, LOAN_CLOSED_ROOM_BLACKOUT);
    i = find(out, n, D(2026, 6, 8));
    assert_int_equal(out[i].closure, LOAN_OPEN);
    /* Alsace-Moselle: Good Friday 2026 (3 April) is closed there only. */
    struct loan_pattern fri = {LOAN_DAY(CIVIL_FRIDAY), 1, 1080, 1200, D(2026, 4, 3),
                               D(2026, 4, 3)};
    struct loan_closures am = {HOLIDAYS_ALSACE_MOSELLE, NULL, 0, NULL, 0, NULL, 0};
    assert_int_equal(loan_series_expand(&fri, &am, out, 4, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].closure, LOAN_CLOSED_PUBLIC_HOLIDAY);
    struct loan_closures nat = {HOLIDAYS_NATIONAL, NULL, 0, NULL, 0, NULL, 0};
    assert_int_equal(loan_series_expand(&fri, &nat, out, 4, &n), 0);
    assert_int_equal(out[0].closure, LOAN_OPEN);
}

static void test_every_n_weeks(void **state)
{
    (void)state;
    /* Every 2 weeks on Tuesday and Thursday from Wednesday 3 Sept 2025:
     * the first week counts (Thursday 4), the next is off. */
    struct loan_pattern p = {LOAN_DAY(CIVIL_TUESDAY) | LOAN_DAY(CIVIL_THURSDAY), 2, 600, 660,
                             D(2025, 9, 3), D(2025, 10, 10)};
    struct loan_date out[32];
    size_t n;
    assert_int_equal(loan_series_expand(&p, NULL, out, 32, &n), 0);
    static const struct civil_date want[] = {
        {2025, 9, 4}, {2025, 9, 16}, {2025, 9, 18}, {2025, 9, 30}, {2025, 10, 2},
    };
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(civil_date_compare(out[i].date, want[i]), 0);
    /* Every 3 weeks on Sundays (a week runs Monday to Sunday). */
    struct loan_pattern q = {LOAN_DAY(CIVIL_SUNDAY), 3, 600, 660, D(2025, 9, 7),
                             D(2025, 10, 31)};
    assert_int_equal(loan_series_expand(&q, NULL, out, 32, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(civil_date_compare(out[1].date, D(2025, 9, 28)), 0);
    assert_int_equal(civil_date_compare(out[2].date, D(2025, 10, 19)), 0);
}

static void test_school_year_end(void **state)
{
    (void)state;
    struct civil_date end;
    /* With the zone's summer holidays: the day before they start. */
    assert_int_equal(loan_school_year_end(D(2025, 9, 2), zone_a, 5, &end), 0);
    assert_int_equal(civil_date_compare(end, D(2026, 7, 3)), 0);
    /* Started in spring: same school year. */
    assert_int_equal(loan_school_year_end(D(2026, 3, 10), zone_b, 5, &end), 0);
    assert_int_equal(civil_date_compare(end, D(2026, 7, 3)), 0);
    /* Without data: 31 August. */
    assert_int_equal(loan_school_year_end(D(2026, 9, 1), NULL, 0, &end), 0);
    assert_int_equal(civil_date_compare(end, D(2027, 8, 31)), 0);
    assert_int_equal(loan_school_year_end(D(2027, 1, 15), NULL, 0, &end), 0);
    assert_int_equal(civil_date_compare(end, D(2027, 8, 31)), 0);
    /* From July on, the coming school year (no data for it: 31 August). */
    assert_int_equal(loan_school_year_end(D(2026, 7, 10), zone_a, 5, &end), 0);
    assert_int_equal(civil_date_compare(end, D(2027, 8, 31)), 0);
    assert_int_equal(loan_school_year_end(D(2025, 8, 25), zone_a, 5, &end), 0);
    assert_int_equal(civil_date_compare(end, D(2026, 7, 3)), 0);
    /* A series ending on the boundary keeps its last Tuesday of June. */
    struct loan_pattern p = tuesdays(D(2025, 9, 1), D(2026, 7, 3));
    struct loan_date out[64];
    size_t n;
    struct loan_closures c = {0, zone_a, 5, NULL, 0, NULL, 0};
    assert_int_equal(loan_series_expand(&p, &c, out, 64, &n), 0);
    assert_int_equal(civil_date_compare(out[n - 1].date, D(2026, 6, 30)), 0);
    assert_int_equal(out[n - 1].closure, LOAN_OPEN);
}

static int occ_find(const struct loan_occurrence *o, size_t n, struct civil_date orig)
{
    for (size_t i = 0; i < n; i++)
        if (civil_date_compare(o[i].original, orig) == 0)
            return (int)i;
    return -1;
}

/* A date moved, another cancelled, then the whole series edited (new time,
 * then new weekday): both exceptions stay. */
static void test_exceptions_survive_edit(void **state)
{
    (void)state;
    struct loan_pattern p = tuesdays(D(2026, 1, 5), D(2026, 3, 31));
    struct loan_exception exc[] = {
        {{2026, 1, 13}, LOAN_EXC_MOVED, {2026, 1, 15}, 1140, 1260},
        {{2026, 1, 20}, LOAN_EXC_CANCELLED, {0, 0, 0}, 0, 0},
    };
    struct loan_occurrence o[32];
    size_t n;
    assert_int_equal(loan_series_occurrences(&p, NULL, exc, 2, o, 32, &n), 0);
    assert_int_equal(n, 13);
    int i = occ_find(o, n, D(2026, 1, 13));
    assert_int_equal(o[i].state, LOAN_OCC_MOVED);
    assert_int_equal(civil_date_compare(o[i].date, D(2026, 1, 15)), 0);
    assert_int_equal(o[i].start_minute, 1140);
    i = occ_find(o, n, D(2026, 1, 20));
    assert_int_equal(o[i].state, LOAN_OCC_CANCELLED);

    /* Whole series now 17:30-19:30: exceptions kept, others follow. */
    struct loan_pattern edited = p;
    edited.start_minute = 1050;
    edited.end_minute = 1170;
    struct loan_edit e;
    assert_int_equal(loan_series_edit(&p, D(2026, 1, 6), LOAN_SCOPE_ALL, &edited, &e), 0);
    assert_true(e.has_keep);
    assert_false(e.has_split);
    assert_int_equal(loan_series_occurrences(&e.keep, NULL, exc, 2, o, 32, &n), 0);
    i = occ_find(o, n, D(2026, 1, 13));
    assert_int_equal(o[i].state, LOAN_OCC_MOVED);
    assert_int_equal(o[i].start_minute, 1140);
    i = occ_find(o, n, D(2026, 1, 27));
    assert_int_equal(o[i].state, LOAN_OCC_PLANNED);
    assert_int_equal(o[i].start_minute, 1050);
    assert_int_equal(o[occ_find(o, n, D(2026, 1, 20))].state, LOAN_OCC_CANCELLED);

    /* Moved to Thursdays: the moved date stays where it was moved, the
     * cancelled Tuesday simply no longer exists. */
    edited.weekdays = LOAN_DAY(CIVIL_THURSDAY);
    assert_int_equal(loan_series_edit(&p, D(2026, 1, 6), LOAN_SCOPE_ALL, &edited, &e), 0);
    assert_int_equal(loan_series_occurrences(&e.keep, NULL, exc, 2, o, 32, &n), 0);
    i = occ_find(o, n, D(2026, 1, 13));
    assert_true(i >= 0);
    assert_int_equal(o[i].state, LOAN_OCC_MOVED);
    assert_int_equal(civil_date_compare(o[i].date, D(2026, 1, 15)), 0);
    for (size_t k = 1; k < n; k++)
        assert_true(civil_date_compare(o[k - 1].original, o[k].original) <= 0);
}

static void test_cancel_overrides_closure_and_skip_by_hand(void **state)
{
    (void)state;
    struct loan_closures c = {HOLIDAYS_NATIONAL, zone_a, 5, NULL, 0, NULL, 0};
    struct loan_pattern p = tuesdays(D(2025, 10, 1), D(2025, 11, 30));
    struct loan_exception exc[] = {
        {{2025, 11, 18}, LOAN_EXC_SKIPPED, {0, 0, 0}, 0, 0},
        {{2025, 10, 21}, LOAN_EXC_MOVED, {2025, 10, 16}, 1080, 1200},
    };
    struct loan_occurrence o[16];
    size_t n;
    assert_int_equal(loan_series_occurrences(&p, &c, exc, 2, o, 16, &n), 0);
    int i = occ_find(o, n, D(2025, 10, 28));
    assert_int_equal(o[i].state, LOAN_OCC_SKIPPED);
    assert_int_equal(o[i].closure, LOAN_CLOSED_SCHOOL_HOLIDAY);
    i = occ_find(o, n, D(2025, 11, 18));
    assert_int_equal(o[i].state, LOAN_OCC_SKIPPED);
    assert_int_equal(o[i].closure, LOAN_OPEN);
    /* A holiday date moved out of the holidays happens. */
    i = occ_find(o, n, D(2025, 10, 21));
    assert_int_equal(o[i].state, LOAN_OCC_MOVED);
    assert_null(o[i].reason);
}

static void test_edit_scopes(void **state)
{
    (void)state;
    struct loan_pattern p = tuesdays(D(2026, 1, 5), D(2026, 6, 30));
    struct loan_pattern edited = p;
    edited.start_minute = 1140;
    edited.end_minute = 1260;
    struct loan_edit e;

    /* This date: a moved exception, series untouched. */
    struct loan_pattern one = edited;
    one.first = D(2026, 2, 5);
    assert_int_equal(loan_series_edit(&p, D(2026, 2, 3), LOAN_SCOPE_THIS, &one, &e), 0);
    assert_true(e.has_exception);
    assert_int_equal(e.exception.kind, LOAN_EXC_MOVED);
    assert_int_equal(civil_date_compare(e.exception.original, D(2026, 2, 3)), 0);
    assert_int_equal(civil_date_compare(e.exception.moved_date, D(2026, 2, 5)), 0);
    assert_int_equal(e.exception.moved_start, 1140);
    assert_int_equal(memcmp(&e.keep, &p, sizeof p), 0);

    /* This and following: old ends the day before, new starts there. */
    assert_int_equal(loan_series_edit(&p, D(2026, 3, 3), LOAN_SCOPE_FOLLOWING, &edited, &e), 0);
    assert_true(e.has_keep);
    assert_int_equal(civil_date_compare(e.keep.last, D(2026, 3, 2)), 0);
    assert_int_equal(e.keep.start_minute, 1080);
    assert_true(e.has_split);
    assert_int_equal(civil_date_compare(e.split.first, D(2026, 3, 3)), 0);
    assert_int_equal(civil_date_compare(e.split.last, D(2026, 6, 30)), 0);
    assert_int_equal(e.split.start_minute, 1140);

    /* Following from the very first date: nothing of the old one left. */
    assert_int_equal(loan_series_edit(&p, D(2026, 1, 5), LOAN_SCOPE_FOLLOWING, &edited, &e), 0);
    assert_false(e.has_keep);
    assert_true(e.has_split);

    /* Outside the series, or an invalid edit: refused. */
    assert_int_equal(loan_series_edit(&p, D(2025, 12, 30), LOAN_SCOPE_ALL, &edited, &e), -1);
    edited.end_minute = edited.start_minute;
    assert_int_equal(loan_series_edit(&p, D(2026, 3, 3), LOAN_SCOPE_ALL, &edited, &e), -1);
    assert_int_equal(loan_series_edit(&p, D(2026, 3, 3), LOAN_SCOPE_FOLLOWING, &edited, &e), -1);
}

static void test_capacity_and_overlap(void **state)
{
    (void)state;
    assert_int_equal(loan_check_capacity(0, 30), LOAN_CAPACITY_OK);
    assert_int_equal(loan_check_capacity(30, 30), LOAN_CAPACITY_OK);
    assert_int_equal(loan_check_capacity(31, 30), LOAN_CAPACITY_EXCEEDED);
    assert_int_equal(loan_check_capacity(-1, 30), LOAN_CAPACITY_INVALID);
    assert_int_equal(loan_check_capacity(5, 0), LOAN_CAPACITY_INVALID);
    assert_true(loan_times_overlap(1080, 1200, 1140, 1260));
    assert_true(loan_times_overlap(1080, 1200, 1080, 1200));
    assert_true(loan_times_overlap(1080, 1200, 1100, 1110));
    assert_false(loan_times_overlap(1080, 1200, 1200, 1260)); /* back to back */
    assert_false(loan_times_overlap(1200, 1260, 1080, 1200));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weekdays_parse_format),
        cmocka_unit_test(test_time_range),
        cmocka_unit_test(test_pattern_valid),
        cmocka_unit_test(test_expand_plain),
        cmocka_unit_test(test_expand_zones),
        cmocka_unit_test(test_public_holiday_and_order),
        cmocka_unit_test(test_every_n_weeks),
        cmocka_unit_test(test_school_year_end),
        cmocka_unit_test(test_exceptions_survive_edit),
        cmocka_unit_test(test_cancel_overrides_closure_and_skip_by_hand),
        cmocka_unit_test(test_edit_scopes),
        cmocka_unit_test(test_capacity_and_overlap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
