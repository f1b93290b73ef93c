/* test_listbox.c - tui/listbox.c: the list widget's cursor and paging,
 * its filter (typed at once, or on demand after the search verb) and its
 * column widths. No terminal: only the logic (listbox_draw.c is seen in
 * the screen tests). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "../../tui/listbox.h"

enum { ROWS = 300 };

static char names[ROWS][32];

static const char *text(void *ctx, size_t row, int col)
{
    (void)ctx;
    if (col == 1)
        return row % 2 ? "Accueil social" : "PMI";
    return names[row];
}

static const struct ui_list_column two[] = {
    {"Name", 8, UI_LIST_GROW},
    {"Service", 6, 0},
};

static void fill(void)
{
    for (int i = 0; i < ROWS; i++)
        snprintf(names[i], sizeof names[i], "Agent %03d", i + 1);
}

static void type(struct ui_listbox *lb, const char *s)
{
    for (; *s; s++)
        ui_listbox_key(lb, UI_ACT_NONE, (unsigned char)*s);
}

static void test_no_cap_and_paging(void **state)
{
    (void)state;
    struct ui_listbox lb;
    ui_listbox_init(&lb, two, 2, text, NULL, 0);
    assert_int_equal(ui_listbox_set_count(&lb, ROWS), 0);
    lb.page = 20;
    ui_listbox_key(&lb, UI_ACT_LAST, 0);
    assert_int_equal(ui_listbox_selected(&lb), ROWS - 1);
    ui_listbox_key(&lb, UI_ACT_PAGE_UP, 0);
    assert_int_equal(ui_listbox_selected(&lb), ROWS - 1 - 19);
    ui_listbox_key(&lb, UI_ACT_FIRST, 0);
    ui_listbox_key(&lb, UI_ACT_UP, 0);
    assert_int_equal(ui_listbox_selected(&lb), 0);
    /* Without a filter, letters are not the list's. */
    assert_int_equal(ui_listbox_key(&lb, UI_ACT_NONE, 'a'), 0);
    assert_int_equal(ui_listbox_typing(&lb), 0);
    ui_listbox_free(&lb);
}

static void test_filter_as_typed(void **state)
{
    (void)state;
    struct ui_listbox lb;
    ui_listbox_init(&lb, two, 2, text, NULL, UI_LISTBOX_FILTER);
    ui_listbox_set_count(&lb, ROWS);
    assert_int_equal(ui_listbox_typing(&lb), 1);
    type(&lb, "AGENT 29");
    assert_int_equal(lb.shown_count, 10); /* 290..299 */
    type(&lb, "9");
    assert_int_equal(lb.shown_count, 1);
    assert_int_equal(ui_listbox_selected(&lb), 298);
    ui_listbox_key(&lb, UI_ACT_NONE, 'U' - 'A' + 1); /* ^U */
    assert_int_equal(lb.shown_count, ROWS);
    assert_int_equal(ui_listbox_selected(&lb), 298); /* the cursor stays on it */
    type(&lb, "zzz");
    assert_int_equal(ui_listbox_selected(&lb), -1);
    ui_listbox_free(&lb);
}

static void test_filter_on_demand(void **state)
{
    (void)state;
    struct ui_listbox lb;
    ui_listbox_init(&lb, two, 2, text, NULL, UI_LISTBOX_FILTER_ON_DEMAND);
    ui_listbox_set_count(&lb, ROWS);
    /* Letters are the screen's until the search verb. */
    assert_int_equal(ui_listbox_typing(&lb), 0);
    assert_int_equal(ui_listbox_key(&lb, UI_ACT_NEW, 'n'), 0);
    assert_int_equal(ui_listbox_key(&lb, UI_ACT_SEARCH, '/'), 1);
    assert_int_equal(ui_listbox_typing(&lb), 1);
    type(&lb, "150");
    assert_int_equal(lb.shown_count, 1);
    /* A key unknown to the filter (F5 as a curses key) still does nothing. */
    assert_int_equal(ui_listbox_key(&lb, UI_ACT_NONE, UI_KEY_CURSES(0410 + 5)), 1);
    /* Enter keeps the filter and gives the letters back. */
    assert_int_equal(ui_listbox_key(&lb, UI_ACT_OPEN, '\r'), 1);
    assert_int_equal(ui_listbox_typing(&lb), 0);
    assert_int_equal(lb.shown_count, 1);
    assert_int_equal(ui_listbox_key(&lb, UI_ACT_EDIT, 'e'), 0);
    assert_int_equal(ui_listbox_selected(&lb), 149);
    /* Esc clears a kept filter first, then belongs to the screen. */
    assert_int_equal(ui_listbox_key(&lb, UI_ACT_QUIT, 27), 1);
    assert_int_equal(lb.shown_count, ROWS);
    assert_int_equal(ui_listbox_selected(&lb), 149);
    assert_int_equal(ui_listbox_key(&lb, UI_ACT_QUIT, 27), 0);
    ui_listbox_free(&lb);
}

static void test_widths(void **state)
{
    (void)state;
    static const struct ui_list_column cols[] = {
        {"Name", 8, UI_LIST_GROW},
        {"Born", 10, 0},
        {"E-mail", 10, UI_LIST_OPTIONAL},
    };
    struct ui_listbox lb;
    ui_listbox_init(&lb, cols, 3, text, NULL, 0);
    ui_listbox_set_count(&lb, ROWS);
    int w[3];
    /* Room: natural widths, the GROW column takes the rest. */
    ui_listbox_widths(&lb, 60, w);
    assert_int_equal(w[1], 14); /* "Accueil social" */
    assert_int_equal(w[2], 10); /* "Agent 300" is 9, the minimum 10 */
    assert_int_equal(w[0] + w[1] + w[2] + 2, 60);
    /* Too narrow for the optional column at its minimum: it goes whole. */
    ui_listbox_widths(&lb, 25, w);
    assert_int_equal(w[2], 0);
    assert_int_equal(w[0] + w[1] + 1, 25);
    ui_listbox_free(&lb);
}

/* The person panel's shape: a date and a status word never cut, a motif
 * read in full before the agent's name, the site only when there is room,
 * the status's reason drawn when its column holds it. */
static const char *panel_text(void *ctx, size_t row, int col)
{
    (void)ctx;
    static const char *const cells[2][5] = {
        {"25/11/2026 10:05", "Aide aux démarches administratives", "Stéphane François",
         "MDS Nord", "excused: moved away"},
        {"24/11/2026 09:00", "Suivi social", "Jean Fleury", "MDS Nord", "seen"},
    };
    return cells[row % 2][col];
}

static const char *panel_short(void *ctx, size_t row, int col)
{
    (void)ctx;
    return col == 4 && row % 2 == 0 ? "excused" : NULL;
}

static const struct ui_list_column panel_cols[] = {
    {"When", 16, UI_LIST_WHOLE},
    {"Motif", 6, UI_LIST_KEEP},
    {"Agent", 12, 0},
    {"Site", 4, UI_LIST_OPTIONAL},
    {"Status", 4, UI_LIST_WHOLE | UI_LIST_GROW},
};

static void test_widths_whole_keep_short(void **state)
{
    (void)state;
    struct ui_listbox lb;
    ui_listbox_init(&lb, panel_cols, 5, panel_text, NULL, 0);
    lb.short_text = panel_short;
    ui_listbox_set_count(&lb, 2);
    int w[5];
    /* Natural widths count the status's short form: 16 34 17 8 7. */
    ui_listbox_widths(&lb, 200, w);
    assert_int_equal(w[0], 16);
    assert_int_equal(w[1], 34);
    assert_int_equal(w[2], 17);
    assert_int_equal(w[3], 8);
    assert_int_equal(w[4], 200 - 16 - 34 - 17 - 8 - 4); /* the GROW column */
    /* 80 columns less the gutter: the site goes, everything else whole. */
    ui_listbox_widths(&lb, 79, w);
    assert_int_equal(w[3], 0);
    assert_int_equal(w[0], 16);
    assert_int_equal(w[1], 34);
    assert_int_equal(w[2], 17);
    assert_int_equal(w[0] + w[1] + w[2] + w[4] + 3, 79);
    /* Narrower: the agent gives way first, to its minimum 12... */
    ui_listbox_widths(&lb, 72, w);
    assert_int_equal(w[1], 34);
    assert_int_equal(w[2], 12);
    assert_int_equal(w[4], 7);
    /* ...then the motif (KEEP); the date and the status word stay whole. */
    ui_listbox_widths(&lb, 59, w);
    assert_int_equal(w[0], 16);
    assert_int_equal(w[2], 12);
    assert_int_equal(w[4], 7);
    assert_int_equal(w[1], 59 - 16 - 12 - 7 - 3);
    /* Only when nothing else can give does a WHOLE column. */
    ui_listbox_widths(&lb, 30, w);
    assert_int_equal(w[0], 16);
    assert_int_equal(w[4], 7);
    assert_int_equal(w[1] + w[2], 4);
    ui_listbox_widths(&lb, 20, w);
    assert_true(w[1] == 1 && w[2] == 1 && w[0] < 16);
    assert_int_equal(w[0] + w[1] + w[2] + w[4] + 3, 20);
    /* Two spaces between columns when a spacious list fits so. */
    assert_int_equal(ui_listbox_gap(&lb, 200), 1);
    lb.spacious = 1;
    assert_int_equal(ui_listbox_gap(&lb, 200), 2);
    assert_int_equal(ui_listbox_gap(&lb, 16 + 34 + 17 + 8 + 7 + 8), 2);
    assert_int_equal(ui_listbox_gap(&lb, 16 + 34 + 17 + 8 + 7 + 7), 1);
    ui_listbox_free(&lb);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    fill();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_cap_and_paging),
        cmocka_unit_test(test_filter_as_typed),
        cmocka_unit_test(test_filter_on_demand),
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_widths_whole_keep_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
