/* test_pane.c - tui/pane.c: the column layout of the full-screen lists
 * (week, to fill in, structure), keeping a cursor line in view, and family
 * names in capitals. No terminal: only the arithmetic and the text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "../../tui/pane.h"

struct layout_case {
    int total;
    int want[4];
};

static void test_layout_shares_extra_by_weight(void **state)
{
    (void)state;
    /* The "to fill in" table: date fixed, then person 3, motif 2, agent 2. */
    const struct ui_column cols[4] = {{16, 0, 0}, {16, 3, 0}, {10, 2, 0}, {10, 2, 0}};
    const struct layout_case cases[] = {
        /* exactly the minimum: 52 + 3 separators */
        {55, {16, 16, 10, 10}},
        /* 77 columns at 80x24: 22 more, 3/7, 2/7, 2/7 and the rest last */
        {77, {16, 25, 16, 17}},
        /* 129 at 132 columns */
        {129, {16, 47, 31, 32}},
        /* too narrow: the right-hand columns shrink first, never below 1 */
        {45, {16, 16, 10, 0}},
        {10, {4, 1, 1, 1}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int out[4];
        ui_pane_layout(cols, 4, cases[i].total, out);
        int sum = 3;
        for (int k = 0; k < 4; k++)
            sum += out[k];
        if (cases[i].want[3] == 0) {
            /* shrinking case: checked by its sum and the untouched left */
            assert_int_equal(sum, cases[i].total);
            assert_int_equal(out[0], 16);
            continue;
        }
        for (int k = 0; k < 4; k++)
            assert_int_equal(out[k], cases[i].want[k]);
        if (cases[i].total >= 55)
            assert_int_equal(sum, cases[i].total);
    }
}

static void test_layout_without_weights_keeps_minimums(void **state)
{
    (void)state;
    const struct ui_column cols[2] = {{9, 0, 0}, {11, 0, 0}};
    int out[2];
    ui_pane_layout(cols, 2, 100, out);
    assert_int_equal(out[0], 9);
    assert_int_equal(out[1], 11);
}

struct scroll_case {
    int top, cursor, height, count, want_top;
};

static void test_scroll_keeps_cursor_visible(void **state)
{
    (void)state;
    const struct scroll_case cases[] = {
        {0, 0, 10, 100, 0},    /* already visible */
        {0, 9, 10, 100, 0},    /* last visible line */
        {0, 10, 10, 100, 1},   /* one below: scroll by one */
        {50, 20, 10, 100, 20}, /* above: the cursor becomes the top */
        {95, 99, 10, 100, 90}, /* never past the end */
        {3, 2, 10, 5, 0},      /* fewer lines than the height */
        {0, 0, 0, 0, 0},       /* empty list, no height */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int top = cases[i].top;
        ui_pane_scroll(&top, cases[i].cursor, cases[i].height, cases[i].count);
        assert_int_equal(top, cases[i].want_top);
    }
}

static void test_upper_family_names(void **state)
{
    (void)state;
    char out[64];
    ui_pane_upper("Dupont", out, sizeof out);
    assert_string_equal(out, "DUPONT");
    ui_pane_upper("Bérénice-Œuvrard", out, sizeof out);
    assert_string_equal(out, "BÉRÉNICE-ŒUVRARD");
    /* Control characters never come back raw. */
    ui_pane_upper("Evil\033[2J", out, sizeof out);
    assert_null(strchr(out, '\033'));
    /* Cut to the buffer, still a string. */
    ui_pane_upper("Abcdefghij", out, 5);
    assert_true(strlen(out) < 5);
    ui_pane_upper(NULL, out, sizeof out);
    assert_string_equal(out, "");
}

int main(void)
{
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_shares_extra_by_weight),
        cmocka_unit_test(test_layout_without_weights_keeps_minimums),
        cmocka_unit_test(test_scroll_keeps_cursor_visible),
        cmocka_unit_test(test_upper_family_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
