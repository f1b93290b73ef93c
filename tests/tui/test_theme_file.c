/* test_theme_file.c - theme files: the shipped themes load, every error names
 * the file and the line, unknown names are reported with where we looked. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/theme_file.h"

static char dir[] = "/tmp/guichet-theme-XXXXXX";

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void shipped_themes_load(void **state)
{
    (void)state;
    const char *dirs[] = {"themes", NULL};
    const char *names[] = {"default", "high-contrast", "monochrome"};
    for (size_t i = 0; i < 3; i++) {
        struct theme t;
        char err[512] = "";
        assert_int_equal(theme_load_named(names[i], dirs, &t, err, sizeof err), 0);
        assert_string_equal(t.name, names[i]);
        assert_int_equal(t.uses_color, i != 2);
    }
    struct theme t;
    char err[512];
    assert_int_equal(theme_load_named("default", dirs, &t, err, sizeof err), 0);
    assert_int_equal(t.roles[THEME_TITLE].fg, 7);  /* white */
    assert_int_equal(t.roles[THEME_TITLE].bg, 4);  /* blue */
    assert_true(t.roles[THEME_TITLE].attrs & THEME_ATTR_BOLD);
    assert_int_equal(t.roles[THEME_CLOSED].fg, 8); /* bright-black */
}

static void monochrome_never_uses_colour(void **state)
{
    (void)state;
    struct theme t;
    theme_init_monochrome(&t);
    for (int i = 0; i < THEME_ROLE_COUNT; i++) {
        assert_int_equal(t.roles[i].fg, THEME_COLOR_DEFAULT);
        assert_int_equal(t.roles[i].bg, THEME_COLOR_DEFAULT);
    }
    /* Roles that carry meaning differ by attribute. */
    assert_int_not_equal(t.roles[THEME_CURSOR].attrs, t.roles[THEME_OPEN].attrs);
    assert_int_not_equal(t.roles[THEME_CLOSED].attrs, t.roles[THEME_OPEN].attrs);
    assert_int_not_equal(t.roles[THEME_APPT_NOSHOW].attrs, t.roles[THEME_APPT].attrs);
}

static void errors_name_file_and_line(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *expect; /* substring of the message */
    } cases[] = {
        {"# comment\n\ntitle = white blue\nbogus = red blue\n", ":4: unknown element \"bogus\""},
        {"title = purple blue\n", ":1: unknown colour \"purple\""},
        {"title = white blue blink\n", ":1: unknown attribute \"blink\""},
        {"title white blue\n", ":1: expected"},
        {"title = white\n", ":1: expected a foreground and a background"},
        {"title = 256 blue\n", ":1: unknown colour \"256\""},
        {"title = bright-7 blue\n", ":1: unknown colour"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file("bad.theme", cases[i].text);
        char path[256], err[512] = "";
        snprintf(path, sizeof path, "%s/bad.theme", dir);
        struct theme t;
        theme_init_monochrome(&t);
        t.roles[THEME_TITLE].fg = 42;
        assert_int_equal(theme_load_file(path, &t, err, sizeof err), -1);
        if (!strstr(err, cases[i].expect) || !strstr(err, path))
            fail_msg("case %zu: got \"%s\", want \"%s\"", i, err, cases[i].expect);
        assert_int_equal(t.roles[THEME_TITLE].fg, 42); /* unchanged on error */
    }
}

static void numbers_and_comments(void **state)
{
    (void)state;
    write_file("n.theme", "  title = 202 default bold underline  # orange\ncursor=default 17\n");
    char path[256], err[512] = "";
    snprintf(path, sizeof path, "%s/n.theme", dir);
    struct theme t;
    assert_int_equal(theme_load_file(path, &t, err, sizeof err), 0);
    assert_int_equal(t.roles[THEME_TITLE].fg, 202);
    assert_int_equal(t.roles[THEME_TITLE].bg, THEME_COLOR_DEFAULT);
    assert_int_equal(t.roles[THEME_TITLE].attrs, THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE);
    assert_int_equal(t.roles[THEME_CURSOR].bg, 17);
    assert_string_equal(t.name, "n");
}

static void unknown_name_says_where_it_looked(void **state)
{
    (void)state;
    const char *dirs[] = {dir, "themes", NULL};
    struct theme t;
    char err[512] = "";
    assert_int_equal(theme_load_named("nosuch", dirs, &t, err, sizeof err), -1);
    assert_non_null(strstr(err, "nosuch"));
    assert_non_null(strstr(err, dir));
    assert_int_equal(theme_load_named("../etc/passwd", dirs, &t, err, sizeof err), -1);
    assert_non_null(strstr(err, "invalid theme name"));
}

static void every_role_named_in_shipped_files(void **state)
{
    (void)state;
    /* Each shipped theme sets every role explicitly: no silent fallback. */
    const char *files[] = {"themes/default.theme", "themes/high-contrast.theme",
                           "themes/monochrome.theme"};
    for (size_t f = 0; f < 3; f++) {
        FILE *fp = fopen(files[f], "r");
        assert_non_null(fp);
        char text[8192];
        size_t n = fread(text, 1, sizeof text - 1, fp);
        text[n] = '\0';
        fclose(fp);
        for (int r = 0; r < THEME_ROLE_COUNT; r++) {
            char key[64];
            snprintf(key, sizeof key, "\n%s ", theme_role_name((enum theme_role)r));
            if (!strstr(text, key))
                fail_msg("%s does not set %s", files[f], theme_role_name((enum theme_role)r));
        }
    }
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_themes_load),
        cmocka_unit_test(monochrome_never_uses_colour),
        cmocka_unit_test(errors_name_file_and_line),
        cmocka_unit_test(numbers_and_comments),
        cmocka_unit_test(unknown_name_says_where_it_looked),
        cmocka_unit_test(every_role_named_in_shipped_files),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return rc;
}
