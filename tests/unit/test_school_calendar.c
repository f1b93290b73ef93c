/* test_school_calendar.c - the national school-calendar export (BOM, ';',
 * quoted fields, dates with offsets, populations, malformed lines with their
 * numbers) and the académie -> zone table. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/school_calendar.h"

#define HEADER "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire"
#define BOM "\xEF\xBB\xBF"

struct rows {
    struct school_holiday r[16];
    int n;
};

static int collect(void *ctx, const struct school_holiday *h)
{
    struct rows *rows = ctx;
    if (rows->n < 16)
        rows->r[rows->n] = *h;
    rows->n++;
    return 0;
}

static int parse(const char *text, struct rows *rows, struct school_parse_error *err)
{
    memset(rows, 0, sizeof *rows);
    memset(err, 0, sizeof *err);
    return school_calendar_parse(text, strlen(text), collect, rows, err);
}

static void test_export_dates(void **state)
{
    (void)state;
    struct civil_date d;
    assert_int_equal(school_parse_export_date("2025-10-18T00:00:00+02:00", &d), 0);
    assert_int_equal(d.year * 10000 + d.month * 100 + d.day, 20251018);
    /* Midnight in Paris written in UTC: the next day. */
    assert_int_equal(school_parse_export_date("2025-10-17T22:00:00+00:00", &d), 0);
    assert_int_equal(d.day, 18);
    assert_int_equal(school_parse_export_date("2025-12-31T23:00:00Z", &d), 0);
    assert_int_equal(d.year * 10000 + d.month * 100 + d.day, 20260101);
    /* Guadeloupe midnight in UTC: 04:00 the same day. */
    assert_int_equal(school_parse_export_date("2025-10-18T04:00:00+00:00", &d), 0);
    assert_int_equal(d.day, 18);
    assert_int_equal(school_parse_export_date("2025-10-18", &d), 0);
    assert_int_equal(school_parse_export_date("2025-10-18T00:00:00.000+02:00", &d), 0);
    assert_int_equal(school_parse_export_date("18/10/2025", &d), -1);
    assert_int_equal(school_parse_export_date("2025-02-30T00:00:00+01:00", &d), -1);
    assert_int_equal(school_parse_export_date("2025-10-18T00:00:00+2", &d), -1);
    assert_int_equal(school_parse_export_date("2025-10-18T25:00:00+02:00", &d), -1);
    assert_int_equal(school_parse_export_date("", &d), -1);
}

static void test_parse_good_file(void **state)
{
    (void)state;
    const char *text =
        BOM HEADER "\r\n"
        "Vacances de la Toussaint;-;2025-10-18T00:00:00+02:00;2025-11-03T00:00:00+01:00;"
        "Lyon;Zone A;2025-2026\r\n"
        "Vacances d'Hiver;Élèves;2026-02-06T23:00:00+00:00;2026-02-23T00:00:00+01:00;"
        "Lyon;Zone A;2025-2026\r\n"
        "Pont de l'Ascension;Enseignants;2026-05-15T00:00:00+02:00;2026-05-18T00:00:00+02:00;"
        "Lyon;Zone A;2025-2026\r\n"
        "\"Vacances d'Été; fin\";Élèves;2026-07-04T00:00:00+02:00;;"
        "\"Orléans-Tours\";Zone B;2025-2026\r\n"
        "Vacances de Carnaval;Élèves de Mayotte (1er degré);2026-02-14T00:00:00+03:00;"
        "2026-03-02T00:00:00+03:00;Mayotte;Mayotte;2025-2026\r\n"
        "\r\n";
    struct rows rows;
    struct school_parse_error err;
    assert_int_equal(parse(text, &rows, &err), 0);
    assert_int_equal(rows.n, 5);
    assert_string_equal(rows.r[0].description, "Vacances de la Toussaint");
    assert_int_equal(rows.r[0].population, SCHOOL_POP_ALL);
    assert_int_equal(rows.r[0].start.day, 18);
    assert_int_equal(rows.r[0].resume.month, 11);
    assert_int_equal(rows.r[0].resume.day, 3);
    assert_true(rows.r[0].has_resume);
    assert_string_equal(rows.r[0].academie, "Lyon");
    assert_string_equal(rows.r[0].zone, "Zone A");
    assert_string_equal(rows.r[0].school_year, "2025-2026");
    assert_int_equal(rows.r[1].population, SCHOOL_POP_PUPILS);
    assert_int_equal(rows.r[1].start.day, 7);
    assert_true(school_holiday_for_pupils(&rows.r[1]));
    assert_int_equal(rows.r[2].population, SCHOOL_POP_TEACHERS);
    assert_false(school_holiday_for_pupils(&rows.r[2]));
    assert_string_equal(rows.r[3].description, "Vacances d'Été; fin");
    assert_false(rows.r[3].has_resume);
    assert_string_equal(rows.r[3].academie, "Orléans-Tours");
    assert_int_equal(rows.r[4].population, SCHOOL_POP_PUPILS);
    /* Without BOM and with LF only: accepted as well. */
    assert_int_equal(parse(HEADER "\nVacances de Noël;-;2025-12-20T00:00:00+01:00;"
                           "2026-01-05T00:00:00+01:00;Paris;Zone C;2025-2026",
                           &rows, &err), 0);
    assert_int_equal(rows.n, 1);
}

static void test_parse_errors_name_the_line(void **state)
{
    (void)state;
    struct rows rows;
    struct school_parse_error err;
    static const struct {
        const char *text;
        long line;
        const char *field;
    } bad[] = {
        {"", 1, ""},
        {BOM "Description,Population\n", 1, ""},
        {HEADER "\nA;-;2025-10-18;2025-11-03;Lyon;Zone A\n", 2, ""},
        {HEADER "\nA;-;2025-10-18;2025-11-03;Lyon;Zone A;2025-2026;x\n", 2, ""},
        {HEADER "\nA;-;2025-10-18;2025-11-03;Lyon;Zone A;2025-2026\n"
                "B;-;18/10/2025;2025-11-03;Lyon;Zone A;2025-2026\n", 3, "Date de début"},
        {HEADER "\nA;-;2025-10-18;2025-10-18;Lyon;Zone A;2025-2026\n", 2, "Date de fin"},
        {HEADER "\nA;-;2025-10-18;2025-11-03;Lyon;Zone A;2025\n", 2, "annee_scolaire"},
        {HEADER "\nA;-;2025-10-18;2025-11-03;Lyon;Zone A;2025-2027\n", 2, "annee_scolaire"},
        {HEADER "\n;-;2025-10-18;2025-11-03;Lyon;Zone A;2025-2026\n", 2, "Description"},
        {HEADER "\nA;-;2025-10-18;2025-11-03;;;2025-2026\n", 2, "Académies"},
        {HEADER "\nA\x1b[2J;-;2025-10-18;2025-11-03;Lyon;Zone A;2025-2026\n", 2, "Description"},
        {HEADER "\n\"A;-;2025-10-18;2025-11-03;Lyon;Zone A;2025-2026\n", 2, ""},
        {HEADER "\nA\xff;-;2025-10-18;2025-11-03;Lyon;Zone A;2025-2026\n", 2, "Description"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = parse(bad[i].text, &rows, &err);
        if (rc != -1 || err.line != bad[i].line || strcmp(err.field, bad[i].field) != 0)
            fail_msg("case %zu: rc %d line %ld field '%s' (%s)", i, rc, err.line,
                     err.field, err.message ? err.message : "-");
        assert_non_null(err.message);
    }
    /* A NUL byte: not a text file. */
    static const char nul[] = HEADER "\nA;-;2025\0-10-18;2025-11-03;Lyon;Zone A;2025-2026\n";
    memset(&err, 0, sizeof err);
    assert_int_equal(school_calendar_parse(nul, sizeof nul - 1, collect, &rows, &err), -1);
}

static int stop_at_two(void *ctx, const struct school_holiday *h)
{
    (void)h;
    int *n = ctx;
    return ++*n == 2 ? 7 : 0;
}

static void test_callback_stops(void **state)
{
    (void)state;
    const char *text = HEADER "\nA;-;2025-10-18;2025-11-03;Lyon;Zone A;2025-2026\n"
                              "B;-;2025-12-20;2026-01-05;Lyon;Zone A;2025-2026\n"
                              "C;-;2026-02-07;2026-02-23;Lyon;Zone A;2025-2026\n";
    int n = 0;
    assert_int_equal(school_calendar_parse(text, strlen(text), stop_at_two, &n, NULL), 7);
    assert_int_equal(n, 2);
}

static void test_zones(void **state)
{
    (void)state;
    assert_string_equal(school_zone_of_academie("Lyon"), "Zone A");
    assert_string_equal(school_zone_of_academie("Besancon"), "Zone A");
    assert_string_equal(school_zone_of_academie("orléans tours"), "Zone B");
    assert_string_equal(school_zone_of_academie("Académie de Rennes"), "Zone B");
    assert_string_equal(school_zone_of_academie("Caen"), "Zone B");
    assert_string_equal(school_zone_of_academie("Normandie"), "Zone B");
    assert_string_equal(school_zone_of_academie("CRÉTEIL"), "Zone C");
    assert_string_equal(school_zone_of_academie("Toulouse"), "Zone C");
    assert_string_equal(school_zone_of_academie("Corse"), "Corse");
    assert_string_equal(school_zone_of_academie("La Réunion"), "Réunion");
    assert_string_equal(school_zone_of_academie("Guadeloupe"), "Guadeloupe");
    assert_null(school_zone_of_academie("Atlantis"));
    assert_null(school_zone_of_academie(""));
    assert_string_equal(school_zone_canonical("a"), "Zone A");
    assert_string_equal(school_zone_canonical("Zone B"), "Zone B");
    assert_string_equal(school_zone_canonical("zone c"), "Zone C");
    assert_string_equal(school_zone_canonical("corse"), "Corse");
    assert_string_equal(school_zone_canonical("Martinique"), "Martinique");
    assert_null(school_zone_canonical("Zone D"));
    assert_true(school_name_equal("Aix-Marseille", "aix marseille"));
    assert_false(school_name_equal("Paris", "Versailles"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_dates),
        cmocka_unit_test(test_parse_good_file),
        cmocka_unit_test(test_parse_errors_name_the_line),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_zones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
