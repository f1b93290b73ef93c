/* test_keydecode.c - terminal byte sequences to keys (tui/keydecode.h), as
 * xterm, PuTTY (ESC[n~, Linux and SCO modes), the Linux console, rxvt,
 * VT100/VT220, screen/tmux and Windows' OpenSSH console send them; unknown
 * sequences swallowed whole; Esc alone; Esc with a digit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <string.h>

#include "../../tui/keydecode.h"

#define CK(k) UI_KEY_CURSES(k)
#define F(n) ui_key_for_fkey(n)

struct seq_case {
    const char *who;
    const char *bytes;
    int key;
};

static void check_cases(const struct seq_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int out[8];
        int got = ui_keydec_string(cases[i].bytes, out, 8);
        if (got != 1 || out[0] != cases[i].key)
            fail_msg("%s: %zu keys, first %d, want one key %d", cases[i].who, (size_t)got,
                     got ? out[0] : -1, cases[i].key);
    }
}

static void test_function_keys(void **state)
{
    (void)state;
    const struct seq_case cases[] = {
        /* xterm, VT100 PF1-PF4, Windows OpenSSH, screen/tmux */
        {"xterm F1", "\033OP", F(1)},      {"xterm F4", "\033OS", F(4)},
        {"xterm F5", "\033[15~", F(5)},    {"xterm F6", "\033[17~", F(6)},
        {"xterm F10", "\033[21~", F(10)},  {"xterm F11", "\033[23~", F(11)},
        {"xterm F12", "\033[24~", F(12)},  {"xterm shift-F1", "\033[1;2P", F(1)},
        {"xterm ctrl-F5", "\033[15;5~", F(5)}, {"old xterm F1", "\033O2P", F(1)},
        /* PuTTY default (ESC[n~), rxvt, VT220 */
        {"putty F1", "\033[11~", F(1)},    {"putty F2", "\033[12~", F(2)},
        {"putty F3", "\033[13~", F(3)},    {"putty F4", "\033[14~", F(4)},
        {"putty F5", "\033[15~", F(5)},    {"rxvt ctrl-F2", "\033[12^", F(2)},
        {"rxvt shift-F3", "\033[25~", -2}, /* F13: nothing here */
        /* Linux console, PuTTY Linux mode */
        {"linux F1", "\033[[A", F(1)},     {"linux F5", "\033[[E", F(5)},
        {"linux F6", "\033[17~", F(6)},
        /* PuTTY SCO mode */
        {"sco F1", "\033[M", F(1)},        {"sco F2", "\033[N", F(2)},
        {"sco F10", "\033[V", F(10)},      {"sco F12", "\033[X", F(12)},
    };
    size_t n = sizeof cases / sizeof cases[0];
    for (size_t i = 0; i < n; i++) {
        if (cases[i].key == -2) {
            int out[8];
            assert_int_equal(ui_keydec_string(cases[i].bytes, out, 8), 0);
            continue;
        }
        check_cases(&cases[i], 1);
    }
}

static void test_editing_keys(void **state)
{
    (void)state;
    const struct seq_case cases[] = {
        {"csi up", "\033[A", CK(KEY_UP)},       {"ss3 up", "\033OA", CK(KEY_UP)},
        {"csi down", "\033[B", CK(KEY_DOWN)},   {"ss3 right", "\033OC", CK(KEY_RIGHT)},
        {"csi left", "\033[D", CK(KEY_LEFT)},   {"ctrl-left", "\033[1;5D", CK(KEY_LEFT)},
        {"xterm home", "\033[H", CK(KEY_HOME)}, {"xterm ss3 home", "\033OH", CK(KEY_HOME)},
        {"xterm end", "\033[F", CK(KEY_END)},   {"xterm ss3 end", "\033OF", CK(KEY_END)},
        {"vt220 home", "\033[1~", CK(KEY_HOME)}, {"vt220 end", "\033[4~", CK(KEY_END)},
        {"rxvt home", "\033[7~", CK(KEY_HOME)}, {"rxvt end", "\033[8~", CK(KEY_END)},
        {"insert", "\033[2~", CK(KEY_IC)},      {"delete", "\033[3~", CK(KEY_DC)},
        {"rxvt shift-ins", "\033[2$", CK(KEY_IC)},
        {"pgup", "\033[5~", CK(KEY_PPAGE)},     {"pgdn", "\033[6~", CK(KEY_NPAGE)},
        {"sco pgup", "\033[I", CK(KEY_PPAGE)},  {"sco pgdn", "\033[G", CK(KEY_NPAGE)},
        {"sco insert", "\033[L", CK(KEY_IC)},
        {"shift-tab", "\033[Z", CK(KEY_BTAB)},
        {"keypad enter", "\033OM", '\r'},       {"keypad 7", "\033Ow", '7'},
        {"esc alone", "\033", UI_KEY_ESC},
        {"esc then 2", "\0332", UI_KEY_ALT_DIGIT(2)},
        {"letter", "a", 'a'},                   {"accent", "\xC3\xA9", 0xE9},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

/* An unknown sequence never reads as Esc then letters: nothing at all,
 * and what follows it is read normally. */
static void test_unknown_sequences_are_swallowed(void **state)
{
    (void)state;
    const char *unknown[] = {
        "\033[99~", "\033[1;2;3;4x", "\033[?1049h", "\033O~", "\033[[Z",
        "\033[E", "\033[200~",
    };
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        char buf[64];
        strcpy(buf, unknown[i]);
        strcat(buf, "n");
        int out[8];
        int n = ui_keydec_string(buf, out, 8);
        if (n != 1 || out[0] != 'n')
            fail_msg("\"\\033%s\": %d keys, first %d", unknown[i] + 1, n, n ? out[0] : -1);
    }
    /* An absurdly long parameter list is dropped too. */
    char longseq[200] = "\033[";
    for (int i = 0; i < 150; i++)
        strcat(longseq, "1");
    strcat(longseq, "~q");
    int out[8];
    int n = ui_keydec_string(longseq, out, 8);
    assert_int_equal(n, 1);
    assert_int_equal(out[0], 'q');
}

static void test_sequences_in_a_row(void **state)
{
    (void)state;
    /* Esc then a letter at once: Esc, then the letter (never lost). */
    int two[4];
    assert_int_equal(ui_keydec_string("\033q", two, 4), 2);
    assert_int_equal(two[0], UI_KEY_ESC);
    assert_int_equal(two[1], 'q');
    assert_int_equal(ui_keydec_string("\033\033q", two, 4), 3);
    assert_int_equal(two[1], UI_KEY_ESC);
    assert_int_equal(two[2], 'q');
    /* PuTTY F2 then text: the text stays text. */
    int out[16];
    int n = ui_keydec_string("\033[12~ab\033\033[A", out, 16);
    assert_int_equal(n, 5);
    assert_int_equal(out[0], F(2));
    assert_int_equal(out[1], 'a');
    assert_int_equal(out[2], 'b');
    assert_int_equal(out[3], UI_KEY_ESC);
    assert_int_equal(out[4], CK(KEY_UP));
}

static void test_timeouts(void **state)
{
    (void)state;
    struct ui_keydec d = {0};
    assert_int_equal(ui_keydec_waiting(&d), 0);
    assert_int_equal(ui_keydec_feed(&d, 27), UI_KEYDEC_MORE);
    assert_int_equal(ui_keydec_waiting(&d), 1);
    assert_int_equal(ui_keydec_timeout(&d), UI_KEY_ESC);
    assert_int_equal(ui_keydec_waiting(&d), 0);
    /* a sequence cut short by a slow link is dropped, not Esc + "[1" */
    assert_int_equal(ui_keydec_feed(&d, 27), UI_KEYDEC_MORE);
    assert_int_equal(ui_keydec_feed(&d, '['), UI_KEYDEC_MORE);
    assert_int_equal(ui_keydec_feed(&d, '1'), UI_KEYDEC_MORE);
    assert_int_equal(ui_keydec_waiting(&d), 2);
    assert_int_equal(ui_keydec_timeout(&d), UI_KEYDEC_SWALLOWED);
    assert_int_equal(ui_keydec_feed(&d, 'x'), 'x');
    /* reset forgets a sequence under way */
    ui_keydec_feed(&d, 27);
    ui_keydec_feed(&d, '[');
    ui_keydec_reset(&d);
    assert_int_equal(ui_keydec_feed(&d, 'A'), 'A');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_function_keys),
        cmocka_unit_test(test_editing_keys),
        cmocka_unit_test(test_unknown_sequences_are_swallowed),
        cmocka_unit_test(test_sequences_in_a_row),
        cmocka_unit_test(test_timeouts),
    };
    return cmocka_run_group_tests_name("tui_keydecode", tests, NULL, NULL);
}
