/* test_csv.c - the CSV reader: separators, quotes, BOM, line numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "common/csv.h"

static size_t read_all(const char *text, char sep, char out[][8][32], size_t *lines,
                       size_t *counts)
{
    struct csv_reader r;
    csv_init(&r, text, strlen(text), sep);
    char **f;
    size_t n, line, col, records = 0;
    enum csv_result rc;
    while ((rc = csv_next(&r, &f, &n, &line, &col)) == CSV_RECORD) {
        counts[records] = n;
        lines[records] = line;
        for (size_t i = 0; i < n && i < 8; i++)
            snprintf(out[records][i], 32, "%s", f[i]);
        records++;
    }
    assert_int_equal(rc, CSV_END);
    csv_free(&r);
    return records;
}

static void test_semicolons_quotes_bom_crlf(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBFperson_ref;last_name;note\r\n"
                       "A1;\"Dupont; Jean\";\"dit \"\"Jeannot\"\"\"\r\n"
                       "\r\n"
                       "A2;Élise;\"deux\nlignes\"\r\n"
                       "A3;;\r\n";
    char out[8][8][32];
    size_t lines[8], counts[8];
    size_t n = read_all(text, 0, out, lines, counts);
    assert_int_equal(n, 4);
    assert_string_equal(out[0][0], "person_ref"); /* BOM gone */
    assert_string_equal(out[1][1], "Dupont; Jean");
    assert_string_equal(out[1][2], "dit \"Jeannot\"");
    assert_int_equal(lines[1], 2);
    assert_string_equal(out[2][2], "deux\nlignes");
    assert_int_equal(lines[2], 4);
    assert_int_equal(lines[3], 6); /* after the two-line field */
    assert_int_equal(counts[3], 3);
    assert_string_equal(out[3][1], "");
    assert_string_equal(out[3][2], "");
}

static void test_commas_detected(void **state)
{
    (void)state;
    const char *text = "a,b,\"c;d\"\nx,\"y,z\",w";
    char out[8][8][32];
    size_t lines[8], counts[8];
    assert_int_equal(read_all(text, 0, out, lines, counts), 2);
    assert_int_equal(counts[0], 3);
    assert_string_equal(out[0][2], "c;d");
    assert_string_equal(out[1][1], "y,z");
    assert_string_equal(out[1][2], "w"); /* no final newline */
}

static void test_unclosed_quote_says_where(void **state)
{
    (void)state;
    const char *text = "a;b\n1;2\n3;\"open\n4;5\n";
    struct csv_reader r;
    csv_init(&r, text, strlen(text), 0);
    char **f;
    size_t n, line, col;
    assert_int_equal(csv_next(&r, &f, &n, &line, &col), CSV_RECORD);
    assert_int_equal(csv_next(&r, &f, &n, &line, &col), CSV_RECORD);
    assert_int_equal(csv_next(&r, &f, &n, &line, &col), CSV_ERR_QUOTE);
    assert_int_equal(line, 3);
    assert_int_equal(col, 2);
    csv_free(&r);

    const char *junk = "a;b\n\"x\"y;2\n";
    csv_init(&r, junk, strlen(junk), 0);
    assert_int_equal(csv_next(&r, &f, &n, &line, &col), CSV_RECORD);
    assert_int_equal(csv_next(&r, &f, &n, &line, &col), CSV_ERR_QUOTE);
    assert_int_equal(line, 2);
    assert_int_equal(col, 1);
    csv_free(&r);
}

static void test_empty_input(void **state)
{
    (void)state;
    struct csv_reader r;
    csv_init(&r, "", 0, 0);
    char **f;
    size_t n, line, col;
    assert_int_equal(csv_next(&r, &f, &n, &line, &col), CSV_END);
    csv_free(&r);
    csv_init(&r, "\xEF\xBB\xBF\r\n\n", 5, 0);
    assert_int_equal(csv_next(&r, &f, &n, &line, &col), CSV_END);
    csv_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_semicolons_quotes_bom_crlf),
        cmocka_unit_test(test_commas_detected),
        cmocka_unit_test(test_unclosed_quote_says_where),
        cmocka_unit_test(test_empty_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
