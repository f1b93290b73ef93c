/* test_text.c - validation of user text: UTF-8 (overlongs, surrogates,
 * beyond U+10FFFF, truncated sequences), control characters (C0, DEL, C1,
 * bidi overrides), multi-line fields, required fields and lengths. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/text.h"

static void test_valid_text(void **state)
{
    (void)state;
    static const char *ok[] = {
        "", "Dupont", "Élodie Lefèvre-Ngô", "rendez-vous à 14h30 : « RSA »",
        "\xE2\x82\xAC", /* € */
        "\xF0\x9F\x98\x80", /* U+1F600 */
        "\xF4\x8F\xBF\xBF", /* U+10FFFF */
        "\xED\x9F\xBF", /* U+D7FF, just below the surrogates */
        "\xEE\x80\x80", /* U+E000 */
        "\xC2\xA0", /* U+00A0 NBSP, first after C1 */
        "\xE2\x80\x8F", /* U+200F RLM: a mark, not an override */
        "\xE2\x81\xAA", /* U+206A, just after the isolates */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        if (text_validate(ok[i], 100, 0) != TEXT_OK)
            fail_msg("rejected case %zu", i);
    }
}

static void test_bad_utf8(void **state)
{
    (void)state;
    static const char *bad[] = {
        "\x80", "\xBF", "abc\xC3", "\xC3(", "\xC0\xAF", "\xC1\xBF",   /* stray, truncated, overlong 2 */
        "\xE0\x80\xAF", "\xE0\x9F\xBF",                               /* overlong 3 */
        "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF",                       /* overlong 4 */
        "\xED\xA0\x80", "\xED\xBF\xBF", "\xED\xB0\x80",               /* surrogates */
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF7\xBF\xBF\xBF",   /* > U+10FFFF */
        "\xF8\x88\x80\x80\x80", "\xFE", "\xFF",                       /* never valid */
        "\xE2\x82", "\xF0\x9F\x98", "a\xE2\x82" "b",                   /* truncated */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (text_validate(bad[i], 100, 0) != TEXT_BAD_UTF8)
            fail_msg("accepted bad UTF-8 case %zu", i);
        assert_int_equal(text_utf8_length(bad[i]), -1);
    }
    /* Bad UTF-8 wins over a control character elsewhere. */
    assert_int_equal(text_validate("\x1b[31m\xC0\xAF", 100, 0), TEXT_BAD_UTF8);
}

static void test_control_chars(void **state)
{
    (void)state;
    static const char *bad[] = {
        "a\x01" "b", "\x1b[2J", "tab\there", "cr\rlf", "\x7f", "bell\a",
        "\xC2\x80", "\xC2\x9B" "31m", "\xC2\x9F",                           /* C1 */
        "\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
        "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",     /* isolates */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (text_validate(bad[i], 100, 0) != TEXT_CONTROL_CHAR)
            fail_msg("accepted control case %zu", i);
        /* Multi-line allows newline only: these stay refused. */
        assert_int_equal(text_validate(bad[i], 100, TEXT_MULTILINE), TEXT_CONTROL_CHAR);
    }
}

static void test_multiline(void **state)
{
    (void)state;
    assert_int_equal(text_validate("line 1\nline 2", 100, 0), TEXT_CONTROL_CHAR);
    assert_int_equal(text_validate("line 1\nline 2", 100, TEXT_MULTILINE), TEXT_OK);
    assert_int_equal(text_validate("a\tb\nc", 100, TEXT_MULTILINE), TEXT_CONTROL_CHAR);
    assert_int_equal(text_validate("a\r\nb", 100, TEXT_MULTILINE), TEXT_CONTROL_CHAR);
}

static void test_required(void **state)
{
    (void)state;
    assert_int_equal(text_validate("", 10, 0), TEXT_OK);
    assert_int_equal(text_validate(NULL, 10, 0), TEXT_OK);
    assert_int_equal(text_validate("", 10, TEXT_REQUIRED), TEXT_EMPTY);
    assert_int_equal(text_validate(NULL, 10, TEXT_REQUIRED), TEXT_EMPTY);
    assert_int_equal(text_validate("   ", 10, TEXT_REQUIRED), TEXT_EMPTY);
    assert_int_equal(text_validate("\xC2\xA0 ", 10, TEXT_REQUIRED), TEXT_EMPTY);
    assert_int_equal(text_validate(" \n ", 10, TEXT_REQUIRED | TEXT_MULTILINE), TEXT_EMPTY);
    assert_int_equal(text_validate(" x ", 10, TEXT_REQUIRED), TEXT_OK);
    /* Control is reported before emptiness. */
    assert_int_equal(text_validate(" \t ", 10, TEXT_REQUIRED), TEXT_CONTROL_CHAR);
}

static void test_length_in_code_points(void **state)
{
    (void)state;
    static const struct { const char *s; long len; } cases[] = {
        {"", 0}, {"abc", 3}, {"Élodie", 6}, {"\xE2\x82\xAC\xE2\x82\xAC", 2},
        {"\xF0\x9F\x98\x80x", 2}, {"a\nb", 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(text_utf8_length(cases[i].s), cases[i].len);
    assert_int_equal(text_utf8_length(NULL), -1);
    /* "Élodie" is 7 bytes but 6 characters: fits in 6, not in 5. */
    assert_int_equal(text_validate("Élodie", 6, 0), TEXT_OK);
    assert_int_equal(text_validate("Élodie", 5, 0), TEXT_TOO_LONG);
    assert_int_equal(text_validate("\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", 3, 0), TEXT_OK);
    assert_int_equal(text_validate("\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", 2, 0), TEXT_TOO_LONG);
    assert_int_equal(text_validate("x", 0, 0), TEXT_TOO_LONG);
    assert_int_equal(text_validate("", 0, 0), TEXT_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_text),
        cmocka_unit_test(test_bad_utf8),
        cmocka_unit_test(test_control_chars),
        cmocka_unit_test(test_multiline),
        cmocka_unit_test(test_required),
        cmocka_unit_test(test_length_in_code_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
