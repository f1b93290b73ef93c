/* theme_file.h - theme files (themes/NAME.theme), parsed without curses.
 *
 * Format: common/settings.h (comments after a value, quotes, blanks), one
 * setting per line:
 *     element = foreground background [attribute...]
 *     title   = white blue bold
 *     closed  = default default dim
 * Colours: default, black, red, green, yellow, blue, magenta, cyan, white,
 * bright-black .. bright-white, or a number 0..255. Attributes: bold, dim,
 * underline, reverse, standout, italic (or none). Elements are the semantic
 * roles below; a role a file does not name keeps the built-in value of the
 * monochrome twin so meaning never rests on colour alone. The monochrome
 * theme uses only "default default" plus attributes. */
#ifndef GUICHET_TUI_THEME_FILE_H
#define GUICHET_TUI_THEME_FILE_H

#include <stddef.h>

/* X(role, name in the file) */
#define THEME_ROLES(X)                          \
    X(THEME_TITLE, "title")                     \
    X(THEME_HEADER, "header")                   \
    X(THEME_TIME, "time")                       \
    X(THEME_GRID, "grid")                       \
    X(THEME_OPEN, "open")                       \
    X(THEME_CLOSED, "closed")                   \
    X(THEME_HOLIDAY, "holiday")                 \
    X(THEME_CURSOR, "cursor")                   \
    X(THEME_NOW, "now")                         \
    X(THEME_APPT, "appointment")                \
    X(THEME_APPT_ARRIVED, "arrived")            \
    X(THEME_APPT_SEEN, "seen")                  \
    X(THEME_APPT_CANCELLED, "cancelled")        \
    X(THEME_APPT_NOSHOW, "noshow")              \
    X(THEME_APPT_TO_FILL, "to-fill-in")         \
    X(THEME_FKEY_KEY, "fkey-key")               \
    X(THEME_FKEY_LABEL, "fkey-label")           \
    X(THEME_STATUS, "status")                   \
    X(THEME_ERROR, "error")                     \
    X(THEME_DIALOG, "dialog")                   \
    X(THEME_DIALOG_TITLE, "dialog-title")       \
    X(THEME_HELP_KEY, "help-key")               \
    X(THEME_RISK, "risk")                       \
    X(THEME_RISK_ALERT, "alert")

enum theme_role {
#define THEME_ENUM(id, name) id,
    THEME_ROLES(THEME_ENUM)
#undef THEME_ENUM
    THEME_ROLE_COUNT
};

enum theme_attr {
    THEME_ATTR_BOLD = 1 << 0,
    THEME_ATTR_DIM = 1 << 1,
    THEME_ATTR_UNDERLINE = 1 << 2,
    THEME_ATTR_REVERSE = 1 << 3,
    THEME_ATTR_STANDOUT = 1 << 4,
    THEME_ATTR_ITALIC = 1 << 5,
};

enum { THEME_COLOR_DEFAULT = -1 };

struct theme_style {
    int fg;           /* THEME_COLOR_DEFAULT or 0..255 */
    int bg;
    unsigned attrs;   /* enum theme_attr bits */
};

struct theme {
    char name[64];
    int uses_color;   /* 0 when every role is default/default */
    struct theme_style roles[THEME_ROLE_COUNT];
};

/* The built-in monochrome values (attributes only). */
void theme_init_monochrome(struct theme *t);

/* Parses `path` into `t` (starting from the monochrome values). On error
 * returns -1 and writes "FILE:LINE: what is wrong" into errbuf. */
int theme_load_file(const char *path, struct theme *t, char *errbuf, size_t errsize);

/* Looks for NAME.theme in `dirs` (a NULL-terminated list) and loads it; an
 * unknown name gives "unknown theme NAME (looked in ...)". */
int theme_load_named(const char *name, const char *const dirs[], struct theme *t,
                     char *errbuf, size_t errsize);

const char *theme_role_name(enum theme_role role);

#endif
