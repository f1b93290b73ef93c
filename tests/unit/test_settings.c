/* test_settings.c - common/settings.c, the one reader of "key = value"
 * files (configuration and themes): comments after a value, quotes,
 * blanks, every error named with its file and line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/settings.h"

struct line_case {
    const char *line;
    int want;                 /* 1 setting, 0 nothing, -1 error */
    const char *key, *value;  /* for settings; the error's words for -1 */
};

static const struct line_case line_cases[] = {
    {"db = /srv/partage/guichet.db", 1, "db", "/srv/partage/guichet.db"},
    {"  locking = posix          # or dotfile, for network shares", 1, "locking", "posix"},
    {"db=/srv/partage#3/guichet.db # a '#' inside a word stays", 1, "db", "/srv/partage#3/guichet.db"},
    {"locking=dotfile#", 1, "locking", "dotfile#"},
    {"theme =# nothing but a comment", 1, "theme", ""},
    {"\tsite\t=\tMDS Centre\t", 1, "site", "MDS Centre"},
    {"site = \"MDS # Centre \"  # quoted: the # and the blank stay", 1, "site", "MDS # Centre "},
    {"note = \"say \\\"hi\\\" \\\\ bye\"", 1, "note", "say \"hi\" \\ bye"},
    {"empty =", 1, "empty", ""},
    {"empty = \"\"", 1, "empty", ""},
    {"fkey-key = white default bold", 1, "fkey-key", "white default bold"},
    {"", 0, NULL, NULL},
    {"    ", 0, NULL, NULL},
    {"# a comment = not a setting", 0, NULL, NULL},
    {"   # indented comment", 0, NULL, NULL},
    {"just words", -1, "key = value", NULL},
    {"= value", -1, "key = value", NULL},
    {"two words = x", -1, "key = value", NULL},
    {"site = \"unterminated", -1, "closing quote", NULL},
    {"site = \"a\" b", -1, "after the closing quote", NULL},
    {"user = a\033[2Jb", -1, "control character", NULL},
    {"user = a\xff" "b", -1, "UTF-8", NULL},
};

static void test_lines(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof line_cases / sizeof line_cases[0]; i++) {
        const struct line_case *c = &line_cases[i];
        char line[256], why[256] = "", *key = NULL, *value = NULL;
        snprintf(line, sizeof line, "%s", c->line);
        int got = settings_parse_line(line, &key, &value, why, sizeof why);
        if (got != c->want)
            fail_msg("case %zu \"%s\": got %d (%s)", i, c->line, got, why);
        if (got == 1) {
            assert_string_equal(key, c->key);
            assert_string_equal(value, c->value);
        } else if (got < 0 && !strstr(why, c->key)) {
            fail_msg("case %zu: \"%s\" does not say \"%s\"", i, why, c->key);
        }
    }
}

static char dir[] = "/tmp/guichet-settings-XXXXXX";

static const char *write_file(const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/file", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

struct seen {
    char text[512];
};

static int collect(void *ctx, const char *key, const char *value, char *why, size_t whysize)
{
    struct seen *s = ctx;
    if (strcmp(key, "known") != 0) {
        snprintf(why, whysize, "unknown setting \"%s\"", key);
        return -1;
    }
    size_t used = strlen(s->text);
    snprintf(s->text + used, sizeof s->text - used, "[%s]", value);
    return 0;
}

static void test_files(void **state)
{
    (void)state;
    struct seen s = {""};
    char err[512] = "";
    const char *path = write_file("# header\r\nknown = a  # one\r\n\r\nknown = \"b c\"\n");
    assert_int_equal(settings_read(path, collect, &s, err, sizeof err), SETTINGS_OK);
    assert_string_equal(s.text, "[a][b c]");

    /* an unknown key is named with its file and line */
    path = write_file("known = a\n\n# c\nmystery = 1\nknown = never\n");
    memset(&s, 0, sizeof s);
    assert_int_equal(settings_read(path, collect, &s, err, sizeof err), SETTINGS_ERROR);
    char want[300];
    snprintf(want, sizeof want, "%s:4: unknown setting \"mystery\"", path);
    assert_string_equal(err, want);
    assert_string_equal(s.text, "[a]"); /* stops at the first error */

    /* a syntax error too */
    path = write_file("known = a\nknown = \"b\n");
    assert_int_equal(settings_read(path, collect, &s, err, sizeof err), SETTINGS_ERROR);
    assert_non_null(strstr(err, ":2: "));

    /* a line longer than the reader takes */
    char *big = malloc(SETTINGS_LINE_MAX + 16);
    assert_non_null(big);
    memset(big, 'x', SETTINGS_LINE_MAX + 8);
    memcpy(big, "known = ", 8);
    big[SETTINGS_LINE_MAX + 8] = '\0';
    path = write_file(big);
    free(big);
    assert_int_equal(settings_read(path, collect, &s, err, sizeof err), SETTINGS_ERROR);
    assert_non_null(strstr(err, ":1: line too long"));

    /* missing and unreadable files */
    snprintf(want, sizeof want, "%s/none", dir);
    assert_int_equal(settings_read(want, collect, &s, err, sizeof err), SETTINGS_MISSING);
    assert_int_equal(settings_read(dir, collect, &s, err, sizeof err), SETTINGS_ERROR);
}

static int make_dir(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/file", dir);
    unlink(path);
    return rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_files),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
