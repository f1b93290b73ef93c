/* theme_file.c - parser of theme files (format in theme_file.h). No curses
 * here: the parser is shared by the console and by `guichet` option checking,
 * so a bad theme is reported before the screen is taken over. */
#include "theme_file.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../common/settings.h"

static const char *const role_names[THEME_ROLE_COUNT] = {
#define THEME_NAME(id, name) name,
    THEME_ROLES(THEME_NAME)
#undef THEME_NAME
};

const char *theme_role_name(enum theme_role role)
{
    return (unsigned)role < THEME_ROLE_COUNT ? role_names[role] : "?";
}

/* The monochrome twin: meaning carried by attributes alone. */
void theme_init_monochrome(struct theme *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "monochrome");
    for (int i = 0; i < THEME_ROLE_COUNT; i++) {
        t->roles[i].fg = THEME_COLOR_DEFAULT;
        t->roles[i].bg = THEME_COLOR_DEFAULT;
        t->roles[i].attrs = 0;
    }
    t->roles[THEME_TITLE].attrs = THEME_ATTR_REVERSE | THEME_ATTR_BOLD;
    t->roles[THEME_HEADER].attrs = THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE;
    t->roles[THEME_TIME].attrs = THEME_ATTR_BOLD;
    t->roles[THEME_CLOSED].attrs = THEME_ATTR_DIM;
    t->roles[THEME_HOLIDAY].attrs = THEME_ATTR_DIM | THEME_ATTR_BOLD;
    t->roles[THEME_CURSOR].attrs = THEME_ATTR_REVERSE;
    t->roles[THEME_NOW].attrs = THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE;
    t->roles[THEME_APPT].attrs = 0;
    t->roles[THEME_APPT_ARRIVED].attrs = THEME_ATTR_BOLD;
    t->roles[THEME_APPT_SEEN].attrs = THEME_ATTR_DIM;
    t->roles[THEME_APPT_CANCELLED].attrs = THEME_ATTR_DIM;
    t->roles[THEME_APPT_NOSHOW].attrs = THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE;
    t->roles[THEME_APPT_TO_FILL].attrs = THEME_ATTR_UNDERLINE;
    t->roles[THEME_FKEY_KEY].attrs = THEME_ATTR_BOLD;
    t->roles[THEME_FKEY_LABEL].attrs = THEME_ATTR_REVERSE;
    t->roles[THEME_STATUS].attrs = 0;
    t->roles[THEME_ERROR].attrs = THEME_ATTR_BOLD | THEME_ATTR_REVERSE;
    t->roles[THEME_DIALOG].attrs = 0;
    t->roles[THEME_DIALOG_TITLE].attrs = THEME_ATTR_REVERSE | THEME_ATTR_BOLD;
    t->roles[THEME_HELP_KEY].attrs = THEME_ATTR_BOLD;
    t->roles[THEME_RISK].attrs = THEME_ATTR_BOLD;
    t->roles[THEME_RISK_ALERT].attrs = THEME_ATTR_REVERSE | THEME_ATTR_BOLD;
}

static const char *const colour_names[] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* "default", a name, "bright-NAME" or 0..255. */
static int parse_colour(const char *word, int *out)
{
    if (strcmp(word, "default") == 0) {
        *out = THEME_COLOR_DEFAULT;
        return 0;
    }
    int bright = 0;
    if (strncmp(word, "bright-", 7) == 0) {
        bright = 8;
        word += 7;
    }
    for (int i = 0; i < 8; i++) {
        if (strcmp(word, colour_names[i]) == 0) {
            *out = i + bright;
            return 0;
        }
    }
    if (bright || !isdigit((unsigned char)word[0]))
        return -1;
    char *end;
    errno = 0;
    long v = strtol(word, &end, 10);
    if (errno || *end || v < 0 || v > 255)
        return -1;
    *out = (int)v;
    return 0;
}

static const struct {
    const char *name;
    unsigned bit;
} attr_names[] = {
    {"none", 0},
    {"bold", THEME_ATTR_BOLD},
    {"dim", THEME_ATTR_DIM},
    {"underline", THEME_ATTR_UNDERLINE},
    {"reverse", THEME_ATTR_REVERSE},
    {"standout", THEME_ATTR_STANDOUT},
    {"italic", THEME_ATTR_ITALIC},
};

static int parse_attr(const char *word, unsigned *bits)
{
    for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++) {
        if (strcmp(word, attr_names[i].name) == 0) {
            *bits |= attr_names[i].bit;
            return 0;
        }
    }
    return -1;
}

static int find_role(const char *name)
{
    for (int i = 0; i < THEME_ROLE_COUNT; i++)
        if (strcmp(name, role_names[i]) == 0)
            return i;
    return -1;
}

/* Splits `line` in place on blanks; returns the number of words (max n). */
static int split_words(char *line, char *words[], int n)
{
    int count = 0;
    char *save = NULL;
    for (char *w = strtok_r(line, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (count == n)
            return n + 1;
        words[count++] = w;
    }
    return count;
}

/* One "element = foreground background [attributes]" setting. */
static int set_role(void *ctx, const char *key, const char *value, char *why, size_t whysize)
{
    struct theme *t = ctx;
    int role = find_role(key);
    if (role < 0) {
        snprintf(why, whysize, _("unknown element \"%s\""), key);
        return -1;
    }
    char copy[SETTINGS_LINE_MAX];
    snprintf(copy, sizeof copy, "%s", value);
    char *words[10];
    int n = split_words(copy, words, 9);
    if (n < 2 || n > 9) {
        snprintf(why, whysize, "%s", _("expected a foreground and a background colour, then attributes"));
        return -1;
    }
    struct theme_style st = {0, 0, 0};
    if (parse_colour(words[0], &st.fg) || parse_colour(words[1], &st.bg)) {
        snprintf(why, whysize, _("unknown colour \"%s\" (use default, black, red, green, yellow, blue, "
                                 "magenta, cyan, white, bright-NAME or 0..255)"),
                 parse_colour(words[0], &st.fg) ? words[0] : words[1]);
        return -1;
    }
    for (int i = 2; i < n; i++) {
        if (parse_attr(words[i], &st.attrs)) {
            snprintf(why, whysize, _("unknown attribute \"%s\""), words[i]);
            return -1;
        }
    }
    t->roles[role] = st;
    return 0;
}

int theme_load_file(const char *path, struct theme *t, char *errbuf, size_t errsize)
{
    struct theme tmp;
    theme_init_monochrome(&tmp);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(tmp.name, sizeof tmp.name, "%.*s", (int)strcspn(base, "."), base);
    if (settings_read(path, set_role, &tmp, errbuf, errsize) != SETTINGS_OK)
        return -1;
    tmp.uses_color = 0;
    for (int i = 0; i < THEME_ROLE_COUNT; i++)
        if (tmp.roles[i].fg != THEME_COLOR_DEFAULT || tmp.roles[i].bg != THEME_COLOR_DEFAULT)
            tmp.uses_color = 1;
    *t = tmp;
    return 0;
}

int theme_load_named(const char *name, const char *const dirs[], struct theme *t,
                     char *errbuf, size_t errsize)
{
    /* A name is a plain word: no path tricks through the theme option. */
    if (!name[0] || strchr(name, '/') || name[0] == '.') {
        snprintf(errbuf, errsize, _("invalid theme name \"%s\""), name);
        return -1;
    }
    char looked[512] = "";
    for (int i = 0; dirs[i]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.theme", dirs[i], name);
        FILE *f = fopen(path, "r");
        if (f) {
            fclose(f);
            return theme_load_file(path, t, errbuf, errsize);
        }
        size_t used = strlen(looked);
        snprintf(looked + used, sizeof looked - used, "%s%s", used ? ", " : "", dirs[i]);
    }
    snprintf(errbuf, errsize, _("unknown theme \"%s\" (looked in %s)"), name, looked);
    return -1;
}
