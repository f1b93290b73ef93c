/* test_config.c - the configuration file: settings read, bad lines named by
 * file and line, nothing applied from a file with an error. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static char dir[] = "/tmp/guichet-config-XXXXXX";

static const char *write_config(const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/config", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void reads_every_key(void **state)
{
    (void)state;
    const char *path = write_config("# desk 3\n db = /srv/partage/guichet.db \n"
                                    "site=MDS Nord\ntheme = high-contrast\n"
                                    "locking = dotfile\nuser = mdupont\nascii = oui\n");
    struct cli_config cfg = {0};
    char err[512] = "";
    assert_int_equal(cli_config_load(path, &cfg, err, sizeof err), 0);
    assert_string_equal(cfg.db, "/srv/partage/guichet.db");
    assert_string_equal(cfg.site, "MDS Nord");
    assert_string_equal(cfg.theme, "high-contrast");
    assert_int_equal(cfg.locking, DB_LOCKING_DOTFILE);
    assert_string_equal(cfg.user, "mdupont");
    assert_int_equal(cfg.ascii, 1);
}

/* The README's example: comments after values, as a person copies it. */
static void comment_after_a_value(void **state)
{
    (void)state;
    const char *path = write_config("theme = default          # default, high-contrast\n"
                                    "locking = posix          # or dotfile\n"
                                    "db = /srv/partage#3/guichet.db\n");
    struct cli_config cfg = {0};
    cfg.locking = DB_LOCKING_DOTFILE;
    char err[512] = "";
    assert_int_equal(cli_config_load(path, &cfg, err, sizeof err), 0);
    assert_string_equal(cfg.theme, "default");
    assert_int_equal(cfg.locking, DB_LOCKING_POSIX);
    assert_string_equal(cfg.db, "/srv/partage#3/guichet.db");

    /* quotes keep a '#' after a blank and the blanks themselves */
    path = write_config("site = \"MDS # Centre \"   # the office\n");
    assert_int_equal(cli_config_load(path, &cfg, err, sizeof err), 0);
    assert_string_equal(cfg.site, "MDS # Centre ");
}

static void missing_file_is_fine(void **state)
{
    (void)state;
    struct cli_config cfg = {0};
    strcpy(cfg.db, "keep");
    char err[512] = "";
    assert_int_equal(cli_config_load("/nonexistent/guichet/config", &cfg, err, sizeof err), 0);
    assert_string_equal(cfg.db, "keep");
}

static void bad_lines_are_named_and_change_nothing(void **state)
{
    (void)state;
    static const struct {
        const char *text, *expect;
    } cases[] = {
        {"db = a.db\ncolour = red\n", ":2: unknown setting \"colour\""},
        {"db = a.db\njust words\n", ":2: expected \"key = value\""},
        {"locking = nfs\n", ":1: locking must be"},
        {"ascii = maybe\n", ":1: ascii must be yes or no"},
        {"user = a\033[2Jb\n", ":1: contains a control character"},
        {"user = \"\"\n", ":1: user: required"},
        {"user = \"a\xff\"\n", ":1: not valid UTF-8"},
        {"user = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
         ":1: user: too long"},
        {"site = \"unterminated\n", ":1: the closing quote is missing"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *path = write_config(cases[i].text);
        struct cli_config cfg = {0};
        strcpy(cfg.db, "before");
        char err[512] = "";
        assert_int_equal(cli_config_load(path, &cfg, err, sizeof err), -1);
        if (!strstr(err, cases[i].expect) || !strstr(err, path))
            fail_msg("case %zu: got \"%s\"", i, err);
        assert_string_equal(cfg.db, "before");
    }
}

static void parse_long_is_strict(void **state)
{
    (void)state;
    long v = 0;
    assert_int_equal(cli_parse_long("42", 1, 100, &v), 0);
    assert_int_equal(v, 42);
    assert_int_equal(cli_parse_long("0", 1, 100, &v), -1);
    assert_int_equal(cli_parse_long("101", 1, 100, &v), -1);
    assert_int_equal(cli_parse_long("4x", 1, 100, &v), -1);
    assert_int_equal(cli_parse_long("", 1, 100, &v), -1);
    assert_int_equal(cli_parse_long("99999999999999999999", 1, 100, &v), -1);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_every_key),
        cmocka_unit_test(comment_after_a_value),
        cmocka_unit_test(missing_file_is_fine),
        cmocka_unit_test(bad_lines_are_named_and_change_nothing),
        cmocka_unit_test(parse_long_is_strict),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return rc;
}
