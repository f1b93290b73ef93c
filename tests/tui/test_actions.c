/* test_actions.c - the action table (tui/actions.h) and key names
 * (tui/keys.h): every action is documented, no key does two things, and the
 * keys promised by issue 2 and DESIGN.md §5 are bound. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <string.h>

#include "../../tui/actions.h"
#include "../../tui/keys.h"

static int setup(void **state)
{
    (void)state;
    char err[256] = "";
    if (ui_actions_init(err, sizeof err) != 0) {
        print_error("ui_actions_init: %s\n", err);
        return -1;
    }
    return 0;
}

static void test_every_action_is_documented(void **state)
{
    (void)state;
    for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++) {
        const struct ui_action_info *info = ui_action_info((enum ui_action)a);
        assert_non_null(info);
        assert_int_equal(info->id, a);
        assert_non_null(info->name);
        assert_true(strlen(info->name) > 0);
        assert_non_null(info->help);
        assert_true(strlen(info->help) > 3);
        assert_true(info->group < UI_GROUP_COUNT);
        assert_true(info->fkey >= 0 && info->fkey <= 10);
        /* an F-key needs a label in the bar, and only F-keys have one */
        assert_int_equal(info->fkey != 0, info->label != NULL);
        assert_int_equal(ui_action_by_name(info->name), a);
        /* every action can be reached from the keyboard */
        assert_true(info->fkey || info->keys[0]);
    }
    assert_null(ui_action_info(UI_ACT_NONE));
    assert_null(ui_action_info(UI_ACT_COUNT));
    assert_int_equal(ui_action_by_name("no-such-action"), UI_ACT_NONE);
}

/* Collects every code of every action straight from the table, without
 * ui_actions_init, and compares them pairwise. */
static void test_no_two_actions_share_a_key(void **state)
{
    (void)state;
    struct {
        int key;
        int action;
    } seen[256];
    size_t n = 0;
    for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++) {
        const struct ui_action_info *info = ui_action_info((enum ui_action)a);
        int codes[64];
        int count = 0;
        if (info->fkey)
            codes[count++] = ui_key_for_fkey(info->fkey);
        char keys[128];
        snprintf(keys, sizeof keys, "%s", info->keys);
        for (char *tok = strtok(keys, " "); tok; tok = strtok(NULL, " ")) {
            int c[UI_KEY_MAX_ALIASES];
            int k = ui_key_parse(tok, c);
            if (k == 0)
                fail_msg("action %s: key name \"%s\" does not parse", info->name, tok);
            for (int i = 0; i < k; i++)
                codes[count++] = c[i];
        }
        for (int i = 0; i < count; i++) {
            for (size_t j = 0; j < n; j++)
                if (seen[j].key == codes[i])
                    fail_msg("key %d bound to %s and %s", codes[i],
                             ui_action_info((enum ui_action)seen[j].action)->name, info->name);
            seen[n].key = codes[i];
            seen[n].action = a;
            n++;
        }
    }
    assert_true(n > 20);
}

static void test_fkeys_are_unique(void **state)
{
    (void)state;
    int used[11] = {0};
    for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++) {
        int f = ui_action_info((enum ui_action)a)->fkey;
        if (!f)
            continue;
        assert_int_equal(used[f], 0);
        used[f] = a;
    }
    /* DESIGN.md §5's bar: F1 help, F2 new, F3 search, F4 edit, F5 day/week,
     * F7 today, F8 cancel, F10 quit. */
    assert_int_equal(used[1], UI_ACT_HELP);
    assert_int_equal(used[2], UI_ACT_NEW);
    assert_int_equal(used[3], UI_ACT_SEARCH);
    assert_int_equal(used[4], UI_ACT_EDIT);
    assert_int_equal(used[5], UI_ACT_VIEW);
    assert_int_equal(used[7], UI_ACT_TODAY);
    assert_int_equal(used[8], UI_ACT_CANCEL_APPT);
    assert_int_equal(used[10], UI_ACT_QUIT);
}

struct binding_case {
    int key;
    enum ui_action action;
};

static void test_promised_bindings(void **state)
{
    (void)state;
    const struct binding_case cases[] = {
        {UI_KEY_CURSES(KEY_LEFT), UI_ACT_LEFT},  {'h', UI_ACT_LEFT},
        {UI_KEY_CURSES(KEY_RIGHT), UI_ACT_RIGHT}, {'l', UI_ACT_RIGHT},
        {UI_KEY_CURSES(KEY_UP), UI_ACT_UP},      {'k', UI_ACT_UP},
        {UI_KEY_CURSES(KEY_DOWN), UI_ACT_DOWN},  {'j', UI_ACT_DOWN},
        {UI_KEY_CURSES(KEY_PPAGE), UI_ACT_PREV_DAY}, {'[', UI_ACT_PREV_DAY},
        {UI_KEY_CURSES(KEY_NPAGE), UI_ACT_NEXT_DAY}, {']', UI_ACT_NEXT_DAY},
        {'t', UI_ACT_TODAY},                     {UI_KEY_CURSES(KEY_F(7)), UI_ACT_TODAY},
        {'s', UI_ACT_SITE},                      {'\r', UI_ACT_DETAILS},
        {'\n', UI_ACT_DETAILS},                  {UI_KEY_CURSES(KEY_ENTER), UI_ACT_DETAILS},
        {'?', UI_ACT_HELP},                      {UI_KEY_CURSES(KEY_F(1)), UI_ACT_HELP},
        {'q', UI_ACT_QUIT},                      {UI_KEY_CURSES(KEY_F(10)), UI_ACT_QUIT},
        {12 /* ^L */, UI_ACT_REDRAW},            {'\t', UI_ACT_NEXT_GROUP},
        {UI_KEY_ESC, UI_ACT_BACK},               {'/', UI_ACT_SEARCH},
        {'Z', UI_ACT_NONE},                      {0x101 /* ā, not KEY_* */, UI_ACT_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (ui_action_for_key(cases[i].key) != cases[i].action)
            fail_msg("case %zu: key %d -> %d, want %d", i, cases[i].key,
                     ui_action_for_key(cases[i].key), cases[i].action);
}

static void test_write_actions_are_marked(void **state)
{
    (void)state;
    /* Issue 3 implements them; until then they say so, and a read-only
     * database refuses the ones that write. */
    assert_true(ui_action_info(UI_ACT_NEW)->flags & UI_ACTF_WRITES);
    assert_true(ui_action_info(UI_ACT_EDIT)->flags & UI_ACTF_WRITES);
    assert_true(ui_action_info(UI_ACT_CANCEL_APPT)->flags & UI_ACTF_WRITES);
    assert_false(ui_action_info(UI_ACT_TODAY)->flags & UI_ACTF_WRITES);
    assert_false(ui_action_info(UI_ACT_DETAILS)->flags & UI_ACTF_LATER);
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
    ui_action_keys_text(UI_ACT_HELP, 1, buf, sizeof buf);
    assert_string_equal(buf, "F1 ?");
    ui_action_keys_text(UI_ACT_NEXT_DAY, 1, buf, sizeof buf);
    assert_string_equal(buf, "PgDn ]");
    ui_action_keys_text(UI_ACT_LEFT, 1, buf, sizeof buf);
    assert_string_equal(buf, "Left h");
    ui_action_keys_text(UI_ACT_LEFT, 0, buf, sizeof buf);
    assert_string_equal(buf, "\xE2\x86\x90 h"); /* ← h */
    /* a small buffer is cut, never overrun */
    char small[4];
    ui_action_keys_text(UI_ACT_QUIT, 1, small, sizeof small);
    assert_true(strlen(small) < sizeof small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_action_is_documented),
        cmocka_unit_test(test_no_two_actions_share_a_key),
        cmocka_unit_test(test_fkeys_are_unique),
        cmocka_unit_test(test_promised_bindings),
        cmocka_unit_test(test_write_actions_are_marked),
        cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_keys_text_for_help),
    };
    return cmocka_run_group_tests_name("tui_actions", tests, setup, NULL);
}
