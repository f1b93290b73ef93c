/* test_actions.c - the key tables (tui/actions.h, tui/keytables.c) and key
 * names (tui/keys.h): every screen's table is well formed (names parse, no
 * key twice, F-keys labelled, help lines), the keys DESIGN.md §5 promises
 * are where a person expects them, letters are text where text is typed,
 * and the bar of a form is not the day view's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "../../tui/actions.h"
#include "../../tui/keys.h"
#include "../../tui/keytables.h"

static void test_every_table_is_well_formed(void **state)
{
    (void)state;
    int n = 0;
    for (const struct ui_keytable *const *t = ui_keytables; *t; t++, n++) {
        char err[256] = "";
        if (ui_keytable_check(*t, err, sizeof err) != 0)
            fail_msg("%s", err);
        assert_non_null((*t)->title);
        /* every screen can be left or quit, and has a help */
        assert_non_null(ui_keytable_find(*t, UI_ACT_QUIT));
        assert_non_null(ui_keytable_find(*t, UI_ACT_HELP));
    }
    assert_true(n >= 12);
    char err[256] = "";
    assert_int_equal(ui_keytable_check(&ui_keys_common, err, sizeof err), 0);
}

static void test_verb_names(void **state)
{
    (void)state;
    for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++) {
        const char *name = ui_action_name((enum ui_action)a);
        assert_true(strlen(name) > 1);
        assert_int_equal(ui_action_by_name(name), a);
        for (const char *p = name; *p; p++)
            assert_true((*p >= 'a' && *p <= 'z') || *p == '-');
    }
    assert_string_equal(ui_action_name(UI_ACT_NONE), "");
    assert_int_equal(ui_action_by_name("no-such-action"), UI_ACT_NONE);
    assert_int_equal(ui_action_by_name("next-page"), UI_ACT_PAGE_DOWN);
    assert_int_equal(ui_action_by_name("delete"), UI_ACT_DELETE);
}

static enum ui_action act(const struct ui_keytable *t, int key, int typing)
{
    const struct ui_binding *row = ui_keytable_lookup(t, key, typing);
    return row ? row->action : UI_ACT_NONE;
}

static int fkey_action(const struct ui_keytable *t, int f)
{
    return act(t, ui_key_for_fkey(f), 0);
}

static void test_day_view_bar(void **state)
{
    (void)state;
    /* DESIGN.md §5's bar: F1 help, F2 new, F3 search, F4 edit, F5 day/week,
     * F7 today, F8 cancel, F10 quit. */
    assert_int_equal(fkey_action(&ui_keys_day, 1), UI_ACT_HELP);
    assert_int_equal(fkey_action(&ui_keys_day, 2), UI_ACT_NEW);
    assert_int_equal(fkey_action(&ui_keys_day, 3), UI_ACT_SEARCH);
    assert_int_equal(fkey_action(&ui_keys_day, 4), UI_ACT_EDIT);
    assert_int_equal(fkey_action(&ui_keys_day, 5), UI_ACT_VIEW);
    assert_int_equal(fkey_action(&ui_keys_day, 7), UI_ACT_TODAY);
    assert_int_equal(fkey_action(&ui_keys_day, 8), UI_ACT_CANCEL_APPT);
    assert_int_equal(fkey_action(&ui_keys_day, 10), UI_ACT_QUIT);
}

struct binding_case {
    int key;
    enum ui_action action;
};

static void test_day_view_keys(void **state)
{
    (void)state;
    const struct binding_case cases[] = {
        {UI_KEY_CURSES(KEY_LEFT), UI_ACT_LEFT},  {'h', UI_ACT_LEFT},
        {UI_KEY_CURSES(KEY_RIGHT), UI_ACT_RIGHT}, {'l', UI_ACT_RIGHT},
        {UI_KEY_CURSES(KEY_UP), UI_ACT_UP},      {'k', UI_ACT_UP},
        {UI_KEY_CURSES(KEY_DOWN), UI_ACT_DOWN},  {'j', UI_ACT_DOWN},
        {UI_KEY_CURSES(KEY_PPAGE), UI_ACT_PREV_DAY}, {'[', UI_ACT_PREV_DAY},
        {UI_KEY_CURSES(KEY_NPAGE), UI_ACT_NEXT_DAY}, {']', UI_ACT_NEXT_DAY},
        {'t', UI_ACT_TODAY},                     {'g', UI_ACT_GOTO_DATE},
        {'s', UI_ACT_SITE},                      {'\r', UI_ACT_OPEN},
        {'\n', UI_ACT_OPEN},                     {UI_KEY_CURSES(KEY_ENTER), UI_ACT_OPEN},
        {'?', UI_ACT_HELP},                      {'q', UI_ACT_QUIT},
        {12 /* ^L */, UI_ACT_REDRAW},            {'\t', UI_ACT_NEXT_GROUP},
        {'/', UI_ACT_SEARCH},                    {'z', UI_ACT_UNDO},
        {'Z', UI_ACT_NONE},                      {0x101 /* ā, not KEY_* */, UI_ACT_NONE},
        {UI_KEY_ESC, UI_ACT_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (act(&ui_keys_day, cases[i].key, 0) != cases[i].action)
            fail_msg("case %zu: key %d -> %d, want %d", i, cases[i].key,
                     act(&ui_keys_day, cases[i].key, 0), cases[i].action);
}

/* Each screen's own words: the to-fill-in list's n is no-show (its bar has
 * no "New"), the structure screen deletes lines rather than cancelling
 * appointments, a form's F2 confirms and its bar has no Day/Week. */
static void test_screens_have_their_own_keys(void **state)
{
    (void)state;
    assert_int_equal(act(&ui_keys_tofill, 'n', 0), UI_ACT_NOSHOW);
    assert_int_equal(fkey_action(&ui_keys_tofill, 2), UI_ACT_NONE);
    assert_int_equal(fkey_action(&ui_keys_structure, 8), UI_ACT_DELETE);
    assert_int_equal(act(&ui_keys_structure, UI_KEY_CURSES(KEY_DC), 0), UI_ACT_DELETE);
    assert_null(ui_keytable_find(&ui_keys_structure, UI_ACT_CANCEL_APPT));
    assert_int_equal(fkey_action(&ui_keys_form, 2), UI_ACT_CONFIRM);
    assert_int_equal(fkey_action(&ui_keys_form, 5), UI_ACT_NONE);
    assert_int_equal(fkey_action(&ui_keys_form, 8), UI_ACT_NONE);
    assert_int_equal(act(&ui_keys_form, UI_KEY_ESC, 0), UI_ACT_QUIT);
    assert_int_equal(fkey_action(&ui_keys_form, 10), UI_ACT_QUIT);
    assert_int_equal(act(&ui_keys_week, '\r', 0), UI_ACT_OPEN);
    assert_int_equal(fkey_action(&ui_keys_week, 2), UI_ACT_NEW);
}

/* Where text is typed, printable keys (Space included) are text. */
static void test_typing_keeps_letters(void **state)
{
    (void)state;
    const int text[] = {'q', '?', 'n', 'a', 'v', '2', ' ', 0xE9};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
        assert_int_equal(act(&ui_keys_form, text[i], 1), UI_ACT_NONE);
        assert_int_equal(act(&ui_keys_people, text[i], 1), UI_ACT_NONE);
    }
    assert_int_equal(act(&ui_keys_form, ui_key_for_fkey(2), 1), UI_ACT_CONFIRM);
    assert_int_equal(act(&ui_keys_form, '\t', 1), UI_ACT_NEXT_FIELD);
    assert_int_equal(act(&ui_keys_form, 21 /* ^U */, 1), UI_ACT_TEXT);
    /* not typing: Space is the choice list */
    assert_int_equal(act(&ui_keys_form, ' ', 0), UI_ACT_CHOOSE);
    assert_int_equal(act(&ui_keys_form, 'q', 0), UI_ACT_NONE);
}

static void test_write_actions_are_marked(void **state)
{
    (void)state;
    assert_true(ui_keytable_find(&ui_keys_day, UI_ACT_NEW)->flags & UI_ACTF_WRITES);
    assert_true(ui_keytable_find(&ui_keys_day, UI_ACT_EDIT)->flags & UI_ACTF_WRITES);
    assert_true(ui_keytable_find(&ui_keys_day, UI_ACT_CANCEL_APPT)->flags & UI_ACTF_WRITES);
    assert_true(ui_keytable_find(&ui_keys_week, UI_ACT_SEEN)->flags & UI_ACTF_WRITES);
    assert_true(ui_keytable_find(&ui_keys_structure, UI_ACT_DELETE)->flags & UI_ACTF_WRITES);
    assert_false(ui_keytable_find(&ui_keys_day, UI_ACT_TODAY)->flags & UI_ACTF_WRITES);
    assert_false(ui_keytable_find(&ui_keys_day, UI_ACT_OPEN)->flags & UI_ACTF_WRITES);
}

struct parse_case {
    const char *name;
    int count;
    int first;
};

static void test_key_names(void **state)
{
    (void)state;
    const struct parse_case cases[] = {
        {"q", 1, 'q'},
        {"?", 1, '?'},
        {"é", 1, 0xE9},
        {"Left", 1, UI_KEY_CURSES(KEY_LEFT)},
        {"PgDn", 1, UI_KEY_CURSES(KEY_NPAGE)},
        {"Enter", 3, '\r'},
        {"Esc", 1, 27},
        {"Tab", 1, '\t'},
        {"Space", 1, ' '},
        {"^L", 1, 12},
        {"^a", 1, 1},
        {"F1", 1, UI_KEY_CURSES(KEY_F(1))},
        {"F12", 1, UI_KEY_CURSES(KEY_F(12))},
        {"F13", 0, 0},
        {"F0", 0, 0},
        {"^1", 0, 0},
        {"", 0, 0},
        {" ", 0, 0},
        {"ab", 0, 0},
        {"left", 0, 0},
        {"\xC3", 0, 0}, /* truncated UTF-8 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int codes[UI_KEY_MAX_ALIASES];
        int n = ui_key_parse(cases[i].name, codes);
        if (n != cases[i].count)
            fail_msg("case %zu (\"%s\"): %d codes, want %d", i, cases[i].name, n,
                     cases[i].count);
        if (n)
            assert_int_equal(codes[0], cases[i].first);
    }
    assert_int_equal(ui_key_fkey_number(ui_key_for_fkey(10)), 10);
    assert_int_equal(ui_key_fkey_number('q'), 0);
}

static void test_keys_text_for_help(void **state)
{
    (void)state;
    char buf[64];
    ui_binding_keys_text(ui_keytable_find(&ui_keys_day, UI_ACT_HELP), 1, buf, sizeof buf);
    assert_string_equal(buf, "F1 ?");
    ui_binding_keys_text(ui_keytable_find(&ui_keys_day, UI_ACT_NEXT_DAY), 1, buf, sizeof buf);
    assert_string_equal(buf, "PgDn ]");
    ui_binding_keys_text(ui_keytable_find(&ui_keys_day, UI_ACT_LEFT), 1, buf, sizeof buf);
    assert_string_equal(buf, "Left h");
    ui_binding_keys_text(ui_keytable_find(&ui_keys_day, UI_ACT_LEFT), 0, buf, sizeof buf);
    assert_string_equal(buf, "\xE2\x86\x90 h"); /* ← h */
    /* a small buffer is cut, never overrun */
    char small[4];
    ui_binding_keys_text(ui_keytable_find(&ui_keys_day, UI_ACT_QUIT), 1, small, sizeof small);
    assert_true(strlen(small) < sizeof small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_table_is_well_formed),
        cmocka_unit_test(test_verb_names),
        cmocka_unit_test(test_day_view_bar),
        cmocka_unit_test(test_day_view_keys),
        cmocka_unit_test(test_screens_have_their_own_keys),
        cmocka_unit_test(test_typing_keeps_letters),
        cmocka_unit_test(test_write_actions_are_marked),
        cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_keys_text_for_help),
    };
    return cmocka_run_group_tests_name("tui_actions", tests, NULL, NULL);
}
