/* test_duplicates.c - why a new person may be an existing one: same names
 * and birth date (accents, case, hyphens, birth name, swapped fields), same
 * phone in any spelling, same e-mail in any case. All people are made up. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/duplicates.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

enum {
    NB = DUPLICATE_NAME_BIRTH,
    PH = DUPLICATE_PHONE,
    EM = DUPLICATE_EMAIL,
};

static void test_reasons(void **state)
{
    (void)state;
    const struct duplicate_person existing = {
        "Dupont-Martin", "Hélène", "Lefèvre", {1980, 3, 12},
        "06 12 34 56 78", "Helene.Dupont@example.org"};
    static const struct {
        struct duplicate_person candidate;
        unsigned want;
    } cases[] = {
        /* the same, typed differently */
        {{"DUPONT MARTIN", "helene", NULL, {1980, 3, 12}, NULL, NULL}, NB},
        {{"dupont-martin", "HÉLÈNE", "", {1980, 3, 12}, "", ""}, NB},
        /* under her birth name */
        {{"Lefevre", "Helene", NULL, {1980, 3, 12}, NULL, NULL}, NB},
        /* first and last names swapped */
        {{"Hélène", "Dupont-Martin", NULL, {1980, 3, 12}, NULL, NULL}, NB},
        /* same names, other birth date or none: not by name */
        {{"Dupont-Martin", "Hélène", NULL, {1980, 3, 13}, NULL, NULL}, 0},
        {{"Dupont-Martin", "Hélène", NULL, {0, 0, 0}, NULL, NULL}, 0},
        /* other first name, same birth date */
        {{"Dupont-Martin", "Hélèna", NULL, {1980, 3, 12}, NULL, NULL}, 0},
        /* phone in other spellings */
        {{"Bernard", "Paul", NULL, {0, 0, 0}, "+33 6 12 34 56 78", NULL}, PH},
        {{"Bernard", "Paul", NULL, {0, 0, 0}, "0612345678", NULL}, PH},
        {{"Bernard", "Paul", NULL, {0, 0, 0}, "06.12.34.56.79", NULL}, 0},
        /* e-mail, case and spaces ignored */
        {{"Bernard", "Paul", NULL, {0, 0, 0}, NULL, " helene.dupont@EXAMPLE.org "}, EM},
        {{"Bernard", "Paul", NULL, {0, 0, 0}, NULL, "helene.dupont@example.com"}, 0},
        /* everything at once */
        {{"Dupont Martin", "Helene", NULL, {1980, 3, 12}, "+33 (0)6 12 34 56 78",
          "HELENE.DUPONT@EXAMPLE.ORG"}, NB | PH | EM},
        /* a stranger */
        {{"Bernard", "Paul", "", {1975, 6, 1}, "07 00 00 00 00", "p@example.net"}, 0},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        unsigned got = duplicate_reasons(&cases[i].candidate, &existing);
        if (got != cases[i].want)
            fail_msg("case %zu (%s %s): reasons %#x, expected %#x", i,
                     cases[i].candidate.first_name, cases[i].candidate.last_name,
                     got, cases[i].want);
    }
}

static void test_empty_fields_never_match(void **state)
{
    (void)state;
    /* Two records with nothing filled in are not "the same phone" or "the
     * same e-mail"; short phone fragments do not count either. */
    const struct duplicate_person a = {"Petit", "Louis", NULL, {0, 0, 0}, "", "  "};
    const struct duplicate_person b = {"Grand", "Louise", NULL, {0, 0, 0}, NULL, ""};
    assert_int_equal(duplicate_reasons(&a, &b), 0);
    const struct duplicate_person c = {"Petit", "Louis", NULL, {0, 0, 0}, "12 34", NULL};
    const struct duplicate_person d = {"Grand", "Louise", NULL, {0, 0, 0}, "1234", NULL};
    assert_int_equal(duplicate_reasons(&c, &d), 0);
    /* Empty names with the same birth date are not a name match. */
    const struct duplicate_person e = {"", "", NULL, {2001, 1, 1}, NULL, NULL};
    assert_int_equal(duplicate_reasons(&e, &e), 0);
    /* An invalid birth date does not match itself. */
    const struct duplicate_person f = {"Petit", "Louis", NULL, {2001, 2, 30}, NULL, NULL};
    assert_int_equal(duplicate_reasons(&f, &f), 0);
    assert_int_equal(duplicate_reasons(NULL, &a), 0);
    assert_int_equal(duplicate_reasons(&a, NULL), 0);
}

static void test_symmetric(void **state)
{
    (void)state;
    const struct duplicate_person a = {"Lefèvre", "Hélène", NULL, {1980, 3, 12},
                                       "+33 6 12 34 56 78", "h@example.org"};
    const struct duplicate_person b = {"Dupont", "HELENE", "LEFEVRE", {1980, 3, 12},
                                       "06 12 34 56 78", "H@Example.org"};
    assert_int_equal(duplicate_reasons(&a, &b), NB | PH | EM);
    assert_int_equal(duplicate_reasons(&b, &a), NB | PH | EM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reasons),
        cmocka_unit_test(test_empty_fields_never_match),
        cmocka_unit_test(test_symmetric),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
