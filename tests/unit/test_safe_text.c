/* test_safe_text.c - common/safe_text.c: what reaches the terminal from the
 * database, on the console's screen and in the commands' output. Control characters and escape sequences must never pass raw;
 * widths are display columns; truncation never splits a wide character. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "../../common/safe_formats.h"
#include "../../common/safe_text.h"

static int setup_utf8(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* No character of `s` may be a C0/C1 control, DEL or a bidi override. */
static void assert_all_safe(const wchar_t *s)
{
    for (; *s; s++) {
        unsigned c = (unsigned)*s;
        assert_false(c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0));
        assert_false(c >= 0x202A && c <= 0x202E);
        assert_false(c >= 0x2066 && c <= 0x2069);
    }
}

struct decode_case {
    const char *in;
    unsigned flags;
    const wchar_t *want;
};

static const struct decode_case decode_cases[] = {
    {"Dupont", 0, L"Dupont"},
    {"Hélène Lefèvre", 0, L"Hélène Lefèvre"},
    {NULL, 0, L""},
    {"", 0, L""},
    /* an escape sequence that would clear the screen */
    {"A\033[2JB", 0, L"A\xFFFD[2JB"},
    /* bell, backspace, carriage return, DEL */
    {"a\ab\bc\rd\x7F", 0, L"a\xFFFD" L"b\xFFFD" L"c\xFFFD" L"d\xFFFD"},
    /* tab and newline are harmless spacing */
    {"a\tb\nc", 0, L"a b c"},
    /* C1 control CSI (U+009B) encoded in UTF-8 */
    {"x\xC2\x9B" "2Jy", 0, L"x\xFFFD" L"2Jy"},
    /* right-to-left override and isolate */
    {"ab\xE2\x80\xAE" "cd\xE2\x81\xA6", 0, L"ab\xFFFD" L"cd\xFFFD"},
    /* invalid UTF-8: lone continuation, truncated sequence, overlong '/' */
    {"a\x80" "b", 0, L"a\xFFFD" L"b"},
    {"a\xC3", 0, L"a\xFFFD"},
    {"\xC0\xAF", 0, L"\xFFFD\xFFFD"},
    /* UTF-16 surrogate encoded in UTF-8 is invalid */
    {"\xED\xA0\x80", 0, L"\xFFFD\xFFFD\xFFFD"},
    /* upper-casing for family names */
    {"Lefèvre", UI_TEXT_UPPER, L"LEFÈVRE"},
    /* ASCII terminals: accents dropped, ligatures spelled out */
    {"Hélène Œuvray", UI_TEXT_ASCII, L"Helene OEuvray"},
    {"Zoé", UI_TEXT_ASCII | UI_TEXT_UPPER, L"ZOE"},
    {"l’école « ici »", UI_TEXT_ASCII, L"l'ecole \" ici \""},
    {"MDS Centre · agent", UI_TEXT_ASCII, L"MDS Centre - agent"},
    {"漢字", UI_TEXT_ASCII, L"??"},
    {"\033[31m", UI_TEXT_ASCII, L"?[31m"},
    /* the console's own signs have ASCII twins in both modes */
    {"a · b … ←→↑↓ ▶▸◂ ✓✗ │┆─┌", UI_TEXT_ASCII,
     L"a - b ... <>^v >>< vx ||-+"},
    /* --ascii on a UTF-8 terminal: signs only, letters keep their accents */
    {"Hélène · Zoé … ←→ ▶▸◂ ✓✗ │┆─┘", UI_TEXT_ASCII_MARKS,
     L"Hélène - Zoé ~ <> >>< vx ||-+"},
    {"Œuvray « ici » 漢", UI_TEXT_ASCII_MARKS, L"Œuvray « ici » 漢"},
    {"lefèvre · x", UI_TEXT_ASCII_MARKS | UI_TEXT_UPPER, L"LEFÈVRE - X"},
};

static void test_decode_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof decode_cases / sizeof decode_cases[0]; i++) {
        const struct decode_case *c = &decode_cases[i];
        wchar_t out[64];
        size_t n = ui_text_decode(c->in, out, 64, c->flags);
        if (wcscmp(out, c->want) != 0)
            fail_msg("case %zu: got \"%ls\", want \"%ls\"", i, out, c->want);
        assert_int_equal(n, wcslen(c->want));
        assert_all_safe(out);
    }
}

static void test_decode_every_byte_is_safe(void **state)
{
    (void)state;
    /* Every single byte value, alone and in pairs: nothing unsafe survives. */
    char in[3] = {0};
    wchar_t out[8];
    for (int a = 1; a < 256; a++) {
        in[0] = (char)a;
        in[1] = 0;
        ui_text_decode(in, out, 8, 0);
        assert_all_safe(out);
        for (int b = 1; b < 256; b++) {
            in[1] = (char)b;
            ui_text_decode(in, out, 8, 0);
            assert_all_safe(out);
        }
    }
}

static void test_decode_respects_capacity(void **state)
{
    (void)state;
    wchar_t out[4] = {L'x', L'x', L'x', L'x'};
    size_t n = ui_text_decode("abcdef", out, 4, 0);
    assert_int_equal(n, 3);
    assert_true(wcscmp(out, L"abc") == 0);
    /* capacity 1: only the terminator */
    n = ui_text_decode("abc", out, 1, 0);
    assert_int_equal(n, 0);
    assert_int_equal(out[0], 0);
    /* multi-letter ASCII spelling cut at the end, still terminated */
    n = ui_text_decode("aæ", out, 3, UI_TEXT_ASCII);
    assert_int_equal(n, 2);
    assert_true(wcscmp(out, L"aa") == 0);
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(ui_text_width(L""), 0);
    assert_int_equal(ui_text_width(L"Hélène"), 6);
    assert_int_equal(ui_text_width(L"漢字"), 4);
    /* e + combining acute accent: one column */
    assert_int_equal(ui_text_width(L"e\x0301"), 1);
}

struct fit_case {
    const wchar_t *in;
    int max;
    unsigned flags;
    const wchar_t *want;
    int width;
};

static const struct fit_case fit_cases[] = {
    {L"DUPONT Marie", 20, 0, L"DUPONT Marie", 12},
    {L"DUPONT Marie", 12, 0, L"DUPONT Marie", 12},
    {L"DUPONT Marie", 11, 0, L"DUPONT Mar\x2026", 11},
    {L"DUPONT Marie", 11, UI_TEXT_ASCII, L"DUPONT Mar~", 11},
    {L"Hélène", 4, UI_TEXT_ASCII_MARKS, L"Hél~", 4},
    {L"DUPONT Marie", 1, 0, L"\x2026", 1},
    {L"DUPONT Marie", 0, 0, L"", 0},
    {L"Hélène", 4, 0, L"Hél\x2026", 4},
    /* a double-width character never straddles the limit */
    {L"漢字漢字", 5, 0, L"漢字\x2026", 5},
    {L"漢字漢字", 4, 0, L"漢\x2026", 3},
    {L"a漢字", 3, 0, L"a\x2026", 2},
};

static void test_fit_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof fit_cases / sizeof fit_cases[0]; i++) {
        const struct fit_case *c = &fit_cases[i];
        wchar_t buf[64];
        wcscpy(buf, c->in);
        int w = ui_text_fit(buf, c->max, c->flags);
        if (wcscmp(buf, c->want) != 0)
            fail_msg("case %zu: got \"%ls\", want \"%ls\"", i, buf, c->want);
        assert_int_equal(w, c->width);
        assert_true(w <= (c->max > 0 ? c->max : 0));
        assert_int_equal(ui_text_width(buf), w);
    }
}

static void test_prepare_sanitizes_and_fits(void **state)
{
    (void)state;
    wchar_t out[64];
    int w = ui_text_prepare("\033]0;pwned\007Nom très long", 10, 0, out, 64);
    assert_int_equal(w, 10);
    assert_all_safe(out);
    assert_int_equal(out[0], 0xFFFD);
}

static void test_wrap(void **state)
{
    (void)state;
    assert_int_equal(ui_text_wrap(L"short", 10), 5);
    /* breaks after the last space that fits */
    assert_int_equal(ui_text_wrap(L"one two three", 9), 8);
    /* a word longer than the line is cut */
    assert_int_equal(ui_text_wrap(L"abcdefghij", 4), 4);
    /* never zero for a non-empty string, even in a 0-wide line */
    assert_int_equal(ui_text_wrap(L"abc", 0), 1);
    assert_int_equal(ui_text_wrap(L"", 5), 0);
    /* a wide character that does not fit goes to the next line */
    assert_int_equal(ui_text_wrap(L"ab漢", 3), 2);
}

static void test_squeeze_spaces(void **state)
{
    (void)state;
    char s1[] = "mercredi  4 novembre 2026";
    ui_text_squeeze_spaces(s1);
    assert_string_equal(s1, "mercredi 4 novembre 2026");
    char s2[] = "  a   b  ";
    ui_text_squeeze_spaces(s2);
    assert_string_equal(s2, "a b");
    char s3[] = "";
    ui_text_squeeze_spaces(s3);
    assert_string_equal(s3, "");
}

static void test_pad_by_display_width(void **state)
{
    (void)state;
    char buf[32];
    /* "É" is two bytes but one column: both end at column 10 */
    assert_string_equal(ui_text_pad("Qui :", 10, buf, sizeof buf), "Qui :     ");
    assert_string_equal(ui_text_pad("Écrit :", 10, buf, sizeof buf), "Écrit :   ");
    assert_int_equal(strlen(ui_text_pad("Écrit :", 10, buf, sizeof buf)), 11);
    /* double-width characters take two columns */
    assert_string_equal(ui_text_pad("漢字", 6, buf, sizeof buf), "漢字  ");
    /* longer than the width: unchanged; NULL counts as "" */
    assert_string_equal(ui_text_pad("beaucoup trop long", 4, buf, sizeof buf),
                        "beaucoup trop long");
    assert_string_equal(ui_text_pad(NULL, 3, buf, sizeof buf), "   ");
    /* a small buffer is cut, never overrun */
    char tiny[5];
    assert_string_equal(ui_text_pad("ab", 10, tiny, sizeof tiny), "ab  ");
}

/* ---- terminal text for the commands (bytes in, bytes out) ---- */

/* Valid UTF-8 without a C0/C1 control, DEL or bidi override. */
static void assert_terminal_safe(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        long cp;
        p += ui_text_utf8_next(p, &cp);
        assert_true(cp >= 0);
        assert_false(ui_text_unsafe(cp));
    }
}

struct terminal_case {
    const char *in, *want;
};

static const struct terminal_case terminal_cases[] = {
    {"Hélène Lefèvre", "Hélène Lefèvre"},
    {NULL, ""},
    /* retitles the terminal (OSC 0), clears it (CSI 2J) */
    {"MDS\033]0;pwned\007 Centre", "MDS\xEF\xBF\xBD]0;pwned\xEF\xBF\xBD Centre"},
    {"a\033[2Jb", "a\xEF\xBF\xBD[2Jb"},
    /* C1 CSI, right-to-left override */
    {"x\xC2\x9B" "2J", "x\xEF\xBF\xBD" "2J"},
    {"ab\xE2\x80\xAE" "c", "ab\xEF\xBF\xBD" "c"},
    /* invalid UTF-8, each bad byte one placeholder */
    {"a\xFF" "b\xC3", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD"},
    {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},
    /* tab and newline are spacing */
    {"a\tb\nc", "a b c"},
};

static void test_terminal_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof terminal_cases / sizeof terminal_cases[0]; i++) {
        char out[128];
        ui_text_terminal(terminal_cases[i].in, out, sizeof out);
        assert_string_equal(out, terminal_cases[i].want);
        assert_terminal_safe(out);
    }
}

static void test_terminal_every_byte_is_safe(void **state)
{
    (void)state;
    char in[3], out[16];
    for (int a = 1; a < 256; a++)
        for (int b = 0; b < 256; b++) {
            in[0] = (char)a;
            in[1] = (char)b;
            in[2] = '\0';
            ui_text_terminal(in, out, sizeof out);
            assert_terminal_safe(out);
        }
}

static void test_terminal_cuts_between_characters(void **state)
{
    (void)state;
    char out[6];
    /* "é" is 2 bytes: 5 bytes of room take "aé" and "é" no more */
    ui_text_terminal("aééé", out, sizeof out);
    assert_string_equal(out, "a\xC3\xA9\xC3\xA9");
    char tiny[3];
    ui_text_terminal("\033x", tiny, sizeof tiny); /* the placeholder needs 3 */
    assert_string_equal(tiny, "");
}

static void test_write_matches_terminal(void **state)
{
    (void)state;
    char buf[256] = "", want[256];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    assert_non_null(f);
    ui_text_write(f, "Z\033[31m\xFF\xC2\x9Bé\n");
    fclose(f);
    ui_text_terminal("Z\033[31m\xFF\xC2\x9Bé\n", want, sizeof want);
    assert_string_equal(buf, want);
    assert_terminal_safe(buf);
}

/* What a writer of safe_formats.h puts out for `in`. */
enum fmt { FMT_CSV, FMT_CSV_NEXT, FMT_JSON, FMT_HTML, FMT_PAD_LEFT, FMT_PAD_RIGHT };
static void written(enum fmt how, const char *in, char *buf, size_t size)
{
    memset(buf, 0, size);
    FILE *f = fmemopen(buf, size - 1, "w");
    assert_non_null(f);
    switch (how) {
    case FMT_CSV: safe_csv_field(f, in, 1); break;
    case FMT_CSV_NEXT: safe_csv_field(f, in, 0); break;
    case FMT_JSON: safe_json_string(f, in); break;
    case FMT_HTML: safe_html_text(f, in); break;
    case FMT_PAD_LEFT: safe_text_padded(f, in, 6, 0); break;
    case FMT_PAD_RIGHT: safe_text_padded(f, in, 6, 1); break;
    }
    fclose(f);
}

static void test_formats_table(void **state)
{
    (void)state;
    static const struct {
        enum fmt how;
        const char *in, *want;
    } cases[] = {
        {FMT_CSV, "plain", "plain"},
        {FMT_CSV_NEXT, "plain", ";plain"},
        {FMT_CSV, "a;b", "\"a;b\""},
        {FMT_CSV, "say \"hi\"", "\"say \"\"hi\"\"\""},
        {FMT_CSV, " padded", "\" padded\""},
        {FMT_CSV, "=SOMME(1;2)", "\"'=SOMME(1;2)\""},
        {FMT_CSV, "+33", "\"'+33\""},
        {FMT_CSV, "-1", "\"'-1\""},
        {FMT_CSV, "@x", "\"'@x\""},
        {FMT_CSV, "\tx", "\"' x\""},
        {FMT_CSV, "two\nlines", "two lines"},
        {FMT_CSV, "PMI\033[31m\xFF", "PMI\xEF\xBF\xBD[31m\xEF\xBF\xBD"},
        {FMT_JSON, "a\"b\\c", "\"a\\\"b\\\\c\""},
        {FMT_JSON, "x\ny\tz", "\"x\\ny\\tz\""},
        {FMT_JSON, "\033[2J\xFF", "\"\\u001b[2J\\ufffd\""},
        {FMT_JSON, "L\xC3\xA9" "a", "\"L\xC3\xA9" "a\""},
        {FMT_HTML, "Paul <b>Durand</b> & 'co' \"x\"",
         "Paul &lt;b&gt;Durand&lt;/b&gt; &amp; &#39;co&#39; &quot;x&quot;"},
        {FMT_HTML, "\033x\n", "\xEF\xBF\xBDx "},
        {FMT_PAD_LEFT, "L\xC3\xA9" "a", "L\xC3\xA9" "a   "},
        {FMT_PAD_RIGHT, "42", "    42"},
        {FMT_PAD_LEFT, "toolong", "toolong"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[256];
        written(cases[i].how, cases[i].in, buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
    }
}

static void test_columns(void **state)
{
    (void)state;
    assert_int_equal(safe_text_columns(NULL), 0);
    assert_int_equal(safe_text_columns("abc"), 3);
    assert_int_equal(safe_text_columns("L\xC3\xA9" "a"), 3);             /* é: one column */
    assert_int_equal(safe_text_columns("\xE6\xBC\xA2"), 2);           /* 漢: two */
    assert_int_equal(safe_text_columns("e\xCC\x81"), 1);              /* combining accent: none */
    assert_int_equal(safe_text_columns("\033[2J\xFF"), 5);           /* each replaced: one */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_table),
        cmocka_unit_test(test_decode_every_byte_is_safe),
        cmocka_unit_test(test_decode_respects_capacity),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_fit_table),
        cmocka_unit_test(test_prepare_sanitizes_and_fits),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_squeeze_spaces),
        cmocka_unit_test(test_pad_by_display_width),
        cmocka_unit_test(test_terminal_table),
        cmocka_unit_test(test_terminal_every_byte_is_safe),
        cmocka_unit_test(test_terminal_cuts_between_characters),
        cmocka_unit_test(test_write_matches_terminal),
        cmocka_unit_test(test_formats_table),
        cmocka_unit_test(test_columns),
    };
    return cmocka_run_group_tests_name("tui_text", tests, setup_utf8, NULL);
}
