/* test_form.c - the form widget (tui/form.h) without a terminal: the
 * editing logic of one line of UTF-8 text (cursor by character, multibyte
 * erase, limits, refused control characters), and the form's keys and
 * checks driven through its layer as the event loop would (Tab, Enter,
 * F2, Esc, choices, checkboxes, hooks). Nothing here draws: stdscr stays
 * NULL and the form never touches curses outside its draw callback. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <string.h>

#include "../../tui/form.h"
#include "../../tui/keys.h"

#define K(code) UI_KEY_CURSES(code)

/* ---- struct ui_edit --------------------------------------------------------- */

static void insert_all(struct ui_edit *e, const int *cps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ui_edit_insert(e, cps[i]), 0);
}

static void test_edit_insert_ascii_and_utf8(void **state)
{
    (void)state;
    struct ui_edit e;
    ui_edit_set(&e, "", 0);
    const int cps[] = {'H', 0xE9, 'l', 0xE8, 'n', 'e'}; /* Hélène */
    insert_all(&e, cps, 6);
    assert_string_equal(e.text, "H\xc3\xa9l\xc3\xa8ne");
    assert_int_equal(e.len, 8);
    assert_int_equal(ui_edit_cursor_chars(&e), 6);
    /* a CJK character (3 bytes) and an emoji (4 bytes) */
    assert_int_equal(ui_edit_insert(&e, 0x6F22), 0);
    assert_int_equal(ui_edit_insert(&e, 0x1F600), 0);
    assert_int_equal(e.len, 15);
    assert_int_equal(ui_edit_cursor_chars(&e), 8);
}

static void test_edit_cursor_moves_by_character(void **state)
{
    (void)state;
    struct ui_edit e;
    ui_edit_set(&e, "a\xc3\xa9\xe6\xbc\xa2z", 0); /* a é 漢 z */
    assert_int_equal(e.cursor, e.len);
    ui_edit_left(&e);
    assert_int_equal(ui_edit_cursor_chars(&e), 3);
    ui_edit_left(&e);
    assert_int_equal(ui_edit_cursor_chars(&e), 2);
    assert_int_equal(e.cursor, 3); /* before 漢, on a character start */
    ui_edit_left(&e);
    ui_edit_left(&e);
    ui_edit_left(&e); /* stays at 0 */
    assert_int_equal(e.cursor, 0);
    ui_edit_right(&e);
    assert_int_equal(e.cursor, 1);
    ui_edit_end(&e);
    ui_edit_right(&e);
    assert_int_equal(e.cursor, e.len);
    ui_edit_home(&e);
    assert_int_equal(e.cursor, 0);
}

static void test_edit_erase_multibyte(void **state)
{
    (void)state;
    struct ui_edit e;
    ui_edit_set(&e, "caf\xc3\xa9", 0); /* café */
    assert_int_equal(ui_edit_backspace(&e), 1);
    assert_string_equal(e.text, "caf");
    ui_edit_set(&e, "\xc3\xa9t\xc3\xa9", 0); /* été */
    ui_edit_home(&e);
    assert_int_equal(ui_edit_delete(&e), 1);
    assert_string_equal(e.text, "t\xc3\xa9");
    assert_int_equal(e.cursor, 0);
    assert_int_equal(ui_edit_backspace(&e), 0); /* nothing before */
    ui_edit_end(&e);
    assert_int_equal(ui_edit_delete(&e), 0); /* nothing under */
    /* insert in the middle */
    ui_edit_home(&e);
    ui_edit_right(&e);
    assert_int_equal(ui_edit_insert(&e, 0x153), 0); /* œ */
    assert_string_equal(e.text, "t\xc5\x93\xc3\xa9");
}

static void test_edit_kill_clear_word(void **state)
{
    (void)state;
    struct ui_edit e;
    ui_edit_set(&e, "jean pierre  dupont", 0);
    int changed = 0;
    assert_int_equal(ui_edit_key(&e, 23, &changed), 1); /* ^W */
    assert_true(changed);
    assert_string_equal(e.text, "jean pierre  ");
    ui_edit_key(&e, 23, &changed); /* spaces, then the word */
    assert_string_equal(e.text, "jean ");
    ui_edit_home(&e);
    ui_edit_right(&e);
    assert_int_equal(ui_edit_kill_to_end(&e), 1);
    assert_string_equal(e.text, "j");
    assert_int_equal(ui_edit_clear(&e), 1);
    assert_string_equal(e.text, "");
    assert_int_equal(ui_edit_clear(&e), 0);
}

static void test_edit_limits(void **state)
{
    (void)state;
    struct ui_edit e;
    ui_edit_set(&e, "", 3);
    assert_int_equal(ui_edit_insert(&e, 0xE9), 0);
    assert_int_equal(ui_edit_insert(&e, 0xE9), 0);
    assert_int_equal(ui_edit_insert(&e, 0xE9), 0);
    assert_int_equal(ui_edit_insert(&e, 'x'), -1); /* 3 characters, not bytes */
    assert_int_equal(e.len, 6);
    assert_false(ui_edit_fits(&e, 'x'));
    assert_int_equal(ui_edit_limit(&e), 3);
    ui_edit_backspace(&e);
    assert_true(ui_edit_fits(&e, 'x'));
    /* the byte buffer is never overrun */
    ui_edit_set(&e, "", 0);
    int refused = 0;
    for (int i = 0; i < UI_EDIT_MAX_BYTES; i++)
        if (ui_edit_insert(&e, 0x6F22) != 0)
            refused = 1;
    assert_true(refused);
    assert_false(ui_edit_fits(&e, 0x6F22));
    assert_int_equal(ui_edit_limit(&e), ui_edit_cursor_chars(&e)); /* as many as it holds */
    assert_true(e.len < UI_EDIT_MAX_BYTES);
    assert_int_equal(strlen(e.text), e.len);
    /* ui_edit_set cuts at max_chars too */
    ui_edit_set(&e, "abcdef", 4);
    assert_string_equal(e.text, "abcd");
}

static void test_edit_refuses_control_characters(void **state)
{
    (void)state;
    static const int bad[] = {0x00, 0x07, 0x09, 0x0A, 0x1B, 0x7F, 0x85, 0x9B,
                              0x202E, 0x2066, 0xD800, 0x110000};
    struct ui_edit e;
    ui_edit_set(&e, "ok", 0);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (ui_edit_insert(&e, bad[i]) == 0)
            fail_msg("code point U+%04X was accepted", (unsigned)bad[i]);
    }
    assert_string_equal(e.text, "ok");
    /* Set from the database: escapes dropped, line breaks become spaces,
     * invalid UTF-8 dropped. */
    ui_edit_set(&e, "a\x1b[2Jb\nc\td\xff" "e", 0);
    assert_string_equal(e.text, "a[2Jb c de");
}

/* Table: what ui_edit_key does with each kind of key. */
static void test_edit_key_table(void **state)
{
    (void)state;
    static const struct {
        int key;
        int is_edit;
        const char *after; /* from "ab|c" (cursor after b) */
        size_t cursor;
    } cases[] = {
        {'x', 1, "abxc", 3},
        {0xE9, 1, "ab\xc3\xa9" "c", 4},
        {K(KEY_BACKSPACE), 1, "ac", 1},
        {127, 1, "ac", 1},
        {8, 1, "ac", 1},
        {K(KEY_DC), 1, "ab", 2},
        {K(KEY_LEFT), 1, "abc", 1},
        {K(KEY_RIGHT), 1, "abc", 3},
        {K(KEY_HOME), 1, "abc", 0},
        {1, 1, "abc", 0},  /* ^A */
        {K(KEY_END), 1, "abc", 3},
        {5, 1, "abc", 3},  /* ^E */
        {21, 1, "", 0},    /* ^U */
        {11, 1, "ab", 2},  /* ^K */
        {'\t', 0, "abc", 2},
        {'\r', 0, "abc", 2},
        {27, 0, "abc", 2},
        {K(KEY_UP), 0, "abc", 2},
        {K(KEY_DOWN), 0, "abc", 2},
        {K(KEY_F(2)), 0, "abc", 2},
        {K(KEY_BTAB), 0, "abc", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ui_edit e;
        ui_edit_set(&e, "abc", 0);
        ui_edit_left(&e);
        int changed = -1;
        int r = ui_edit_key(&e, cases[i].key, &changed);
        if (r != cases[i].is_edit || strcmp(e.text, cases[i].after) != 0 ||
            e.cursor != cases[i].cursor)
            fail_msg("case %zu (key %d): got %d \"%s\" cursor %zu", i, cases[i].key, r, e.text,
                     e.cursor);
        assert_int_equal(changed, strcmp(cases[i].after, "abc") != 0);
    }
}

/* ---- the form, through its layer ------------------------------------------------ */

struct probe {
    int validate_calls;
    int validate_result;
    int changed_calls;
    int last_changed;
    int activate_calls;
    int done_calls;
    enum ui_form_result result;
    char seen_text[64];
};

static int probe_validate(struct ui_app *app, struct ui_form *f, void *ctx)
{
    (void)app;
    struct probe *p = ctx;
    p->validate_calls++;
    if (p->validate_result)
        ui_form_set_error(f, -1, "refused by the hook");
    return p->validate_result;
}

static void probe_changed(struct ui_app *app, struct ui_form *f, int field, void *ctx)
{
    (void)app;
    (void)f;
    struct probe *p = ctx;
    p->changed_calls++;
    p->last_changed = field;
}

static void probe_activate(struct ui_app *app, struct ui_form *f, int field, void *ctx)
{
    (void)app;
    (void)f;
    (void)field;
    ((struct probe *)ctx)->activate_calls++;
}

static void probe_done(struct ui_app *app, struct ui_form *f, enum ui_form_result r, void *ctx)
{
    (void)app;
    struct probe *p = ctx;
    p->done_calls++;
    p->result = r;
    snprintf(p->seen_text, sizeof p->seen_text, "%s", ui_form_text(f, 1));
}

static const struct ui_form_hooks probe_hooks = {probe_validate, probe_changed, probe_activate,
                                                 probe_done};

static struct ui_app app; /* never drawn: zeroed is enough */

/* As the event loop does it: the key looked up in the form's own key
 * table (a text field takes printable keys as text), then given to it. */
static enum ui_result press(struct ui_form *f, int key)
{
    struct ui_layer *l = ui_form_layer(f);
    int typing = l->typing && l->typing(&app, l);
    const struct ui_binding *row = ui_keytable_lookup(l->keys, key, typing);
    return l->on_key(&app, l, row ? row->action : UI_ACT_NONE, key);
}

static void type_text(struct ui_form *f, const char *ascii)
{
    for (; *ascii; ascii++)
        press(f, (unsigned char)*ascii);
}

/* info, name (required), date, time, number 5..240, choice, check, button */
static struct ui_form *sample(struct probe *p)
{
    struct ui_form *f = ui_form_new("Sample", &probe_hooks, p);
    assert_non_null(f);
    static const char *const motifs[] = {"Accueil", "\xc3\x89" "coute", "Entretien", "Visite"};
    assert_int_equal(ui_form_add_info(f, "Site", "MDS Centre"), 0);
    assert_int_equal(ui_form_add_text(f, "Name", "", 10, UI_FORM_REQUIRED), 1);
    assert_int_equal(ui_form_add_text(f, "Date", "", 10, UI_FORM_DATE), 2);
    assert_int_equal(ui_form_add_text(f, "Time", "9h30", 5, UI_FORM_TIME), 3);
    assert_int_equal(ui_form_add_text(f, "Length", "30", 4, UI_FORM_NUMBER), 4);
    ui_form_set_range(f, 4, 5, 240);
    assert_int_equal(ui_form_add_choice(f, "Motif", motifs, 4, 0), 5);
    assert_int_equal(ui_form_add_check(f, "SMS", 0), 6);
    assert_int_equal(ui_form_add_button(f, "Person", "choose..."), 7);
    return f;
}

static void test_form_focus_skips_info_and_hidden(void **state)
{
    (void)state;
    struct probe p = {0};
    struct ui_form *f = sample(&p);
    assert_int_equal(ui_form_focused(f), 1); /* the info line is never focused */
    press(f, '\t');
    assert_int_equal(ui_form_focused(f), 2);
    ui_form_set_hidden(f, 3, 1);
    press(f, K(KEY_DOWN));
    assert_int_equal(ui_form_focused(f), 4);
    press(f, K(KEY_BTAB));
    assert_int_equal(ui_form_focused(f), 2);
    press(f, K(KEY_UP));
    press(f, K(KEY_UP)); /* wraps to the last field */
    assert_int_equal(ui_form_focused(f), 7);
    ui_form_free(f);
}

static void test_form_letters_are_text(void **state)
{
    (void)state;
    struct probe p = {0};
    struct ui_form *f = sample(&p);
    /* "q" quits and "n" books elsewhere: in a text field they are letters */
    assert_int_equal(press(f, 'q'), UI_HANDLED);
    assert_int_equal(press(f, 'n'), UI_HANDLED);
    press(f, 0xE9);
    assert_string_equal(ui_form_text(f, 1), "qn\xc3\xa9");
    assert_int_equal(p.changed_calls, 3);
    assert_int_equal(p.last_changed, 1);
    /* help and redraw still reach the event loop */
    assert_int_equal(press(f, K(KEY_F(1))), UI_IGNORED);
    ui_form_free(f);
}

static void test_form_builtin_checks(void **state)
{
    (void)state;
    static const struct {
        int field;
        const char *text;
        int ok;
    } cases[] = {
        {2, "25/11/2026", 1}, {2, "2026-11-25", 1}, {2, "31/02/2026", 0},
        {2, "tomorrow", 0},   {2, "", 1},           {3, "14:30", 1},
        {3, "14h", 1},        {3, "25:00", 0},      {3, "9.30", 0},
        {4, "5", 1},          {4, "240", 1},        {4, "241", 0},
        {4, "4", 0},          {4, "-5", 0},         {4, "1e3", 0},
        {1, "   ", 0},        {1, "Dupont", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct probe p = {0};
        struct ui_form *f = sample(&p);
        ui_form_set_text(f, 1, "Dupont");
        ui_form_set_text(f, cases[i].field, cases[i].text);
        enum ui_result r = press(f, K(KEY_F(2)));
        if (cases[i].ok) {
            if (r != UI_CLOSE)
                fail_msg("case %zu (\"%s\"): refused: %s", i, cases[i].text,
                         ui_form_error(f, cases[i].field));
            assert_int_equal(p.validate_calls, 1);
        } else {
            if (r != UI_HANDLED)
                fail_msg("case %zu (\"%s\"): accepted", i, cases[i].text);
            assert_non_null(ui_form_error(f, cases[i].field));
            assert_int_equal(ui_form_focused(f), cases[i].field);
            assert_int_equal(p.validate_calls, 0); /* the hook never sees bad input */
        }
        ui_form_free(f);
    }
}

static void test_form_error_cleared_when_typing(void **state)
{
    (void)state;
    struct probe p = {0};
    struct ui_form *f = sample(&p);
    assert_int_equal(press(f, '\r'), UI_HANDLED); /* name is required */
    assert_non_null(ui_form_error(f, 1));
    assert_int_equal(ui_form_focused(f), 1);
    type_text(f, "D");
    assert_null(ui_form_error(f, 1));
    ui_form_free(f);
}

/* The caller's own rule ("choose the person", on a button) is checked
 * with the built-in ones: one confirm marks every wrong field, the cursor
 * goes to the first, and validate is not called. */
static int person_rule(struct ui_app *a, struct ui_form *f, void *ctx)
{
    (void)a;
    (void)ctx;
    if (strcmp(ui_form_text(f, 7), "choose...") != 0)
        return 0;
    ui_form_set_error(f, 7, "Choose the person.");
    return 1;
}

static void test_form_all_errors_at_once(void **state)
{
    (void)state;
    struct probe p = {0};
    struct ui_form_hooks hooks = probe_hooks;
    hooks.check = person_rule;
    struct ui_form *f = ui_form_new("Sample", &hooks, &p);
    assert_non_null(f);
    ui_form_add_info(f, "Site", "MDS Centre");
    ui_form_add_text(f, "Name", "", 10, UI_FORM_REQUIRED);
    ui_form_add_text(f, "Date", "", 10, UI_FORM_DATE);
    ui_form_add_text(f, "Time", "9h30", 5, UI_FORM_TIME);
    ui_form_add_text(f, "Length", "30", 4, UI_FORM_NUMBER);
    ui_form_set_range(f, 4, 5, 240);
    ui_form_add_check(f, "SMS", 0);
    ui_form_add_check(f, "E-mail", 0);
    assert_int_equal(ui_form_add_button(f, "Person", "choose..."), 7);
    ui_form_set_text(f, 2, "32/11");
    ui_form_set_text(f, 4, "0");
    ui_form_focus(f, 4);
    assert_int_equal(press(f, K(KEY_F(2))), UI_HANDLED);
    assert_non_null(ui_form_error(f, 1)); /* required */
    assert_non_null(ui_form_error(f, 2)); /* not a date */
    assert_null(ui_form_error(f, 3));
    assert_non_null(ui_form_error(f, 4)); /* out of range */
    assert_string_equal(ui_form_error(f, 7), "Choose the person.");
    assert_int_equal(ui_form_focused(f), 1); /* the first wrong field */
    assert_int_equal(p.validate_calls, 0);
    /* Only the caller's rule left: still marked, still not validated. */
    ui_form_set_text(f, 1, "Dupont");
    ui_form_set_text(f, 2, "");
    ui_form_set_text(f, 4, "30");
    assert_int_equal(press(f, K(KEY_F(2))), UI_HANDLED);
    assert_null(ui_form_error(f, 1));
    assert_non_null(ui_form_error(f, 7));
    assert_int_equal(ui_form_focused(f), 7);
    assert_int_equal(p.validate_calls, 0);
    ui_form_free(f);
}

static void test_form_validate_hook_keeps_open(void **state)
{
    (void)state;
    struct probe p = {0};
    p.validate_result = 1;
    struct ui_form *f = sample(&p);
    type_text(f, "Dupont");
    assert_int_equal(press(f, '\r'), UI_HANDLED);
    assert_int_equal(p.validate_calls, 1);
    assert_string_equal(ui_form_error(f, -1), "refused by the hook");
    p.validate_result = 0;
    assert_int_equal(press(f, '\r'), UI_CLOSE);
    assert_null(ui_form_error(f, -1)); /* cleared at each confirm */
    /* closing: the stack destroys the layer, which calls done */
    struct ui_layer *l = ui_form_layer(f);
    l->destroy(&app, l);
    assert_int_equal(p.done_calls, 1);
    assert_int_equal(p.result, UI_FORM_CONFIRMED);
    assert_string_equal(p.seen_text, "Dupont");
}

static void test_form_escape_cancels(void **state)
{
    (void)state;
    /* Nothing changed: Esc (or F10) closes at once. Typing then erasing is
     * no change either. */
    static const int keys[] = {27, K(KEY_F(10))};
    for (size_t i = 0; i < 2; i++) {
        struct probe p = {0};
        struct ui_form *f = sample(&p);
        type_text(f, "x");
        press(f, K(KEY_BACKSPACE));
        assert_false(ui_form_changed(f));
        assert_int_equal(press(f, keys[i]), UI_CLOSE);
        struct ui_layer *l = ui_form_layer(f);
        l->destroy(&app, l);
        assert_int_equal(p.done_calls, 1);
        assert_int_equal(p.result, UI_FORM_CANCELLED);
        assert_int_equal(p.validate_calls, 0);
    }
}

static void test_form_escape_asks_when_changed(void **state)
{
    (void)state;
    static const int keys[] = {27, K(KEY_F(10))};
    for (size_t i = 0; i < 2; i++) {
        struct probe p = {0};
        struct ui_form *f = sample(&p);
        type_text(f, "Dupont");
        assert_true(ui_form_changed(f));
        /* Esc asks first: the form stays, with what was typed */
        assert_int_equal(press(f, keys[i]), UI_HANDLED);
        assert_true(ui_form_asking_discard(f));
        /* other keys wait for the answer (letters are not typed); help
         * still reaches the event loop */
        assert_int_equal(press(f, 'q'), UI_HANDLED);
        assert_int_equal(press(f, K(KEY_F(1))), UI_IGNORED);
        assert_string_equal(ui_form_text(f, 1), "Dupont");
        assert_true(ui_form_asking_discard(f));
        /* Esc again: keep editing */
        assert_int_equal(press(f, 27), UI_HANDLED);
        assert_false(ui_form_asking_discard(f));
        type_text(f, "x");
        assert_string_equal(ui_form_text(f, 1), "Dupontx");
        /* Esc, then Enter: discarded, nothing validated */
        assert_int_equal(press(f, keys[i]), UI_HANDLED);
        assert_int_equal(press(f, '\r'), UI_CLOSE);
        struct ui_layer *l = ui_form_layer(f);
        l->destroy(&app, l);
        assert_int_equal(p.done_calls, 1);
        assert_int_equal(p.result, UI_FORM_CANCELLED);
        assert_int_equal(p.validate_calls, 0);
    }
    /* choices, checkboxes and values set by hooks after the form was
     * pushed count as changes; values set before do not */
    struct probe p = {0};
    struct ui_form *f = sample(&p);
    ui_form_set_text(f, 2, "25/11/2026");
    (void)ui_form_layer(f); /* pushed */
    assert_false(ui_form_changed(f));
    ui_form_focus(f, 5);
    press(f, K(KEY_RIGHT));
    assert_true(ui_form_changed(f));
    ui_form_focus(f, 5); /* Right went on to the next field */
    press(f, K(KEY_LEFT));
    assert_false(ui_form_changed(f));
    ui_form_set_checked(f, 6, 1);
    assert_true(ui_form_changed(f));
    ui_form_set_checked(f, 6, 0);
    ui_form_set_text(f, 7, "DUPONT Marie"); /* a person chosen */
    assert_true(ui_form_changed(f));
    assert_int_equal(press(f, 27), UI_HANDLED);
    assert_true(ui_form_asking_discard(f));
    ui_form_free(f);
}

static void test_form_full_field_says_so(void **state)
{
    (void)state;
    struct probe p = {0};
    struct ui_form *f = sample(&p); /* Name: 10 characters at most */
    type_text(f, "Dupont-Mar");
    assert_null(ui_form_error(f, 1));
    int before = p.changed_calls;
    press(f, 't'); /* the 11th */
    assert_string_equal(ui_form_text(f, 1), "Dupont-Mar");
    assert_int_equal(p.changed_calls, before);
    assert_non_null(ui_form_error(f, 1));
    assert_string_equal(ui_form_error(f, 1), "10 characters at most.");
    /* cursor keys do not clear it; a change does */
    press(f, K(KEY_LEFT));
    assert_non_null(ui_form_error(f, 1));
    press(f, K(KEY_BACKSPACE));
    assert_null(ui_form_error(f, 1));
    /* a refused control character is not "full" */
    ui_form_set_text(f, 1, "ab");
    press(f, 0x9B);
    assert_null(ui_form_error(f, 1));
    /* the text is valid: confirm passes */
    ui_form_set_text(f, 1, "Dupont-Mar");
    press(f, 'x');
    assert_non_null(ui_form_error(f, 1));
    assert_int_equal(press(f, K(KEY_F(2))), UI_CLOSE);
    ui_form_free(f);
    /* A value longer than the field (a note written elsewhere) is cut, and
     * the field says so from the start, without taking the cursor. */
    struct ui_form *g = ui_form_new("Note", &probe_hooks, &p);
    assert_int_equal(ui_form_add_text(g, "Name", "Dupont", 10, 0), 0);
    assert_int_equal(ui_form_add_text(g, "Note", "abcdefghijkl", 10, 0), 1);
    assert_string_equal(ui_form_text(g, 1), "abcdefghij");
    assert_string_equal(ui_form_error(g, 1), "10 characters at most: the end was cut.");
    assert_null(ui_form_error(g, 0));
    assert_int_equal(ui_form_focused(g), 0);
    ui_form_set_text(g, 0, "Dupont-Martin");
    assert_string_equal(ui_form_text(g, 0), "Dupont-Mar");
    assert_non_null(ui_form_error(g, 0));
    ui_form_set_text(g, 0, "Durand"); /* fits: the message goes */
    assert_null(ui_form_error(g, 0));
    ui_form_free(g);
}

/* A choice changes only with Left/Right, and the cursor then goes on to
 * the next field (so that what is typed next lands there); letters change
 * nothing (they were switching "by whom" back while a reason was typed). */
static void test_form_choice_keys(void **state)
{
    (void)state;
    struct probe p = {0};
    struct ui_form *f = sample(&p);
    ui_form_focus(f, 5);
    press(f, K(KEY_RIGHT));
    assert_int_equal(ui_form_choice(f, 5), 1);
    assert_int_equal(ui_form_focused(f), 6);
    ui_form_focus(f, 5);
    press(f, K(KEY_LEFT));
    ui_form_focus(f, 5);
    press(f, K(KEY_LEFT)); /* wraps */
    assert_int_equal(ui_form_choice(f, 5), 3);
    assert_int_equal(p.last_changed, 5);
    ui_form_focus(f, 5);
    int before = p.changed_calls;
    const int letters[] = {'e', 'E', 'z', 'q', '2', 0xE9};
    for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++) {
        assert_int_equal(press(f, letters[i]), UI_HANDLED);
        assert_int_equal(ui_form_choice(f, 5), 3);
        assert_int_equal(ui_form_focused(f), 5);
    }
    assert_int_equal(p.changed_calls, before);
    /* Enter on a choice confirms the form (here: the name is missing) */
    assert_int_equal(press(f, '\r'), UI_HANDLED);
    assert_int_equal(ui_form_focused(f), 1);
    /* choices can be replaced; the selection is clamped */
    static const char *const two[] = {"a", "b"};
    assert_int_equal(ui_form_set_choices(f, 5, two, 2, 7), 0);
    assert_int_equal(ui_form_choice(f, 5), 0);
    ui_form_free(f);
}

/* The first key typed on a filled text field replaces it; a number field
 * takes digits only; a multi-line field takes Enter as a new line once it
 * has text (an empty one lets Enter confirm). */
static void test_form_typing_rules(void **state)
{
    (void)state;
    struct ui_form *f = ui_form_new("t", NULL, NULL);
    int name = ui_form_add_text(f, "Name", "Dupont", 20, 0);
    int n = ui_form_add_text(f, "Length", "30", 4, UI_FORM_NUMBER);
    int note = ui_form_add_text(f, "Note", "", 100, UI_FORM_MULTILINE);
    ui_form_focus(f, name);
    (void)ui_form_layer(f);
    press(f, 'M');
    assert_string_equal(ui_form_text(f, name), "M");
    press(f, 'a');
    assert_string_equal(ui_form_text(f, name), "Ma");
    press(f, '\t');
    assert_int_equal(ui_form_focused(f), n);
    press(f, 't'); /* "trente": refused, the value stays */
    assert_string_equal(ui_form_text(f, n), "30");
    assert_non_null(ui_form_error(f, n));
    press(f, '4');
    assert_string_equal(ui_form_text(f, n), "4"); /* replaced */
    press(f, '5');
    assert_string_equal(ui_form_text(f, n), "45");
    press(f, '\t');
    assert_int_equal(ui_form_focused(f), note);
    const char *typed = "Apporter :";
    for (const char *c = typed; *c; c++)
        press(f, (unsigned char)*c);
    assert_int_equal(press(f, '\r'), UI_HANDLED); /* a new line, not a confirm */
    press(f, 'a');
    assert_string_equal(ui_form_text(f, note), "Apporter :\na");
    assert_int_equal(press(f, K(KEY_F(2))), UI_CLOSE);
    ui_form_free(f);
}

static void test_form_check_and_button(void **state)
{
    (void)state;
    struct probe p = {0};
    struct ui_form *f = sample(&p);
    ui_form_focus(f, 6);
    press(f, ' ');
    assert_int_equal(ui_form_checked(f, 6), 1);
    press(f, ' ');
    assert_int_equal(ui_form_checked(f, 6), 0);
    ui_form_focus(f, 7);
    assert_int_equal(press(f, '\r'), UI_HANDLED); /* Enter on a button activates */
    assert_int_equal(p.activate_calls, 1);
    assert_int_equal(p.validate_calls, 0);
    ui_form_set_text(f, 7, "DUPONT Marie");
    assert_string_equal(ui_form_text(f, 7), "DUPONT Marie");
    /* F2 confirms from anywhere */
    ui_form_set_text(f, 1, "Dupont");
    assert_int_equal(press(f, K(KEY_F(2))), UI_CLOSE);
    ui_form_free(f);
}

static void test_form_parsed_values(void **state)
{
    (void)state;
    struct probe p = {0};
    struct ui_form *f = sample(&p);
    ui_form_set_text(f, 2, " 5/1/2027 ");
    struct civil_date d;
    assert_int_equal(ui_form_date(f, 2, &d), 0);
    assert_int_equal(d.year, 2027);
    assert_int_equal(d.month, 1);
    assert_int_equal(d.day, 5);
    int minute;
    assert_int_equal(ui_form_time(f, 3, &minute), 0);
    assert_int_equal(minute, 9 * 60 + 30);
    long n;
    assert_int_equal(ui_form_number(f, 4, &n), 0);
    assert_int_equal(n, 30);
    ui_form_set_text(f, 4, "");
    assert_int_equal(ui_form_number(f, 4, &n), -1);
    assert_int_equal(ui_form_date(f, 99, &d), -1);
    assert_string_equal(ui_form_text(f, 99), "");
    /* a layer that is not a form */
    struct ui_layer other = {0};
    assert_null(ui_form_of_layer(&other));
    assert_ptr_equal(ui_form_of_layer(ui_form_layer(f)), f);
    ui_form_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edit_insert_ascii_and_utf8),
        cmocka_unit_test(test_edit_cursor_moves_by_character),
        cmocka_unit_test(test_edit_erase_multibyte),
        cmocka_unit_test(test_edit_kill_clear_word),
        cmocka_unit_test(test_edit_limits),
        cmocka_unit_test(test_edit_refuses_control_characters),
        cmocka_unit_test(test_edit_key_table),
        cmocka_unit_test(test_form_focus_skips_info_and_hidden),
        cmocka_unit_test(test_form_letters_are_text),
        cmocka_unit_test(test_form_builtin_checks),
        cmocka_unit_test(test_form_error_cleared_when_typing),
        cmocka_unit_test(test_form_all_errors_at_once),
        cmocka_unit_test(test_form_validate_hook_keeps_open),
        cmocka_unit_test(test_form_escape_cancels),
        cmocka_unit_test(test_form_escape_asks_when_changed),
        cmocka_unit_test(test_form_full_field_says_so),
        cmocka_unit_test(test_form_choice_keys),
        cmocka_unit_test(test_form_typing_rules),
        cmocka_unit_test(test_form_check_and_button),
        cmocka_unit_test(test_form_parsed_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
