/* test_goto_date.c - the dates typed after "g" (model/goto_date.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "../../model/goto_date.h"

struct goto_case {
    const char *text;
    int ok;
    int y, m, d;
};

/* Shown: Wednesday 25/11/2026; today: the same. */
static void test_forms(void **state)
{
    (void)state;
    const struct civil_date shown = {2026, 11, 25}, today = {2026, 11, 25};
    const struct goto_case cases[] = {
        {"18/08/2027", 1, 2027, 8, 18},  {"18/8/2027", 1, 2027, 8, 18},
        {"18.08.2027", 1, 2027, 8, 18},  {"18-08-2027", 1, 2027, 8, 18},
        {"18/08/27", 1, 2027, 8, 18},    {"18082027", 1, 2027, 8, 18},
        {"180827", 1, 2027, 8, 18},      {"2027-08-18", 1, 2027, 8, 18},
        {" 18/08/2027 ", 1, 2027, 8, 18},
        /* no year: the nearest to today (within six months) */
        {"18/08", 1, 2026, 8, 18},       {"05/01", 1, 2027, 1, 5},
        {"0501", 1, 2027, 1, 5},         {"25/11", 1, 2026, 11, 25},
        {"29/02/2028", 1, 2028, 2, 29},
        /* weekdays: the next one after the day shown */
        {"lundi", 1, 2026, 11, 30},      {"Lun", 1, 2026, 11, 30},
        {"monday", 1, 2026, 11, 30},     {"mercredi", 1, 2026, 12, 2},
        {"ven", 1, 2026, 11, 27},        {"VENDREDI", 1, 2026, 11, 27},
        {"sa", 1, 2026, 11, 28},         {"di", 1, 2026, 11, 29},
        {"je", 1, 2026, 11, 26},         {"thu", 1, 2026, 11, 26},
        /* relative */
        {"+7", 1, 2026, 12, 2},          {"-1", 1, 2026, 11, 24},
        {"+0", 1, 2026, 11, 25},         {"+36", 1, 2026, 12, 31},
        {"t", 1, 2026, 11, 25},          {"aujourd'hui", 1, 2026, 11, 25},
        /* refused */
        {"", 0, 0, 0, 0},                {"31/02/2027", 0, 0, 0, 0},
        {"32/01", 0, 0, 0, 0},           {"m", 0, 0, 0, 0},
        {"ma", 1, 2026, 12, 1} /* mardi */,  {"29/02", 0, 0, 0, 0}, /* no leap year near */
        {"trente", 0, 0, 0, 0},          {"+x", 0, 0, 0, 0},
        {"12345", 0, 0, 0, 0},           {"18/08/202", 0, 0, 0, 0},
        {"18//08", 0, 0, 0, 0},          {"+99999999", 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct civil_date out = {0, 0, 0};
        int rc = goto_date_parse(cases[i].text, shown, today, &out);
        if ((rc == 0) != cases[i].ok)
            fail_msg("\"%s\": rc %d", cases[i].text, rc);
        if (rc == 0 && cases[i].ok &&
            (out.year != cases[i].y || out.month != cases[i].m || out.day != cases[i].d))
            fail_msg("\"%s\": %04d-%02d-%02d, want %04d-%02d-%02d", cases[i].text, out.year,
                     out.month, out.day, cases[i].y, cases[i].m, cases[i].d);
    }
}

static void test_months(void **state)
{
    (void)state;
    struct civil_date out;
    assert_int_equal(goto_add_months((struct civil_date){2027, 1, 31}, 1, &out), 0);
    assert_int_equal(out.month, 2);
    assert_int_equal(out.day, 28);
    assert_int_equal(goto_add_months((struct civil_date){2026, 11, 25}, 2, &out), 0);
    assert_int_equal(out.year, 2027);
    assert_int_equal(out.month, 1);
    assert_int_equal(goto_add_months((struct civil_date){2026, 1, 15}, -1, &out), 0);
    assert_int_equal(out.year, 2025);
    assert_int_equal(out.month, 12);
    assert_int_equal(out.day, 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_months),
    };
    return cmocka_run_group_tests_name("goto_date", tests, NULL, NULL);
}
