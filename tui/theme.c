/* theme.c - applying a theme to curses (see theme.h). The parser lives in
 * theme_file.c and makes no curses call; this file makes the only
 * init_pair() calls of the program, once, at start-up. */
#include "theme.h"

static attr_t role_attrs[THEME_ROLE_COUNT];

attr_t ui_theme_curses_attrs(unsigned a)
{
    attr_t r = A_NORMAL;
    if (a & THEME_ATTR_BOLD)
        r |= A_BOLD;
    if (a & THEME_ATTR_DIM)
        r |= A_DIM;
    if (a & THEME_ATTR_UNDERLINE)
        r |= A_UNDERLINE;
    if (a & THEME_ATTR_REVERSE)
        r |= A_REVERSE;
    if (a & THEME_ATTR_STANDOUT)
        r |= A_STANDOUT;
#ifdef A_ITALIC
    if (a & THEME_ATTR_ITALIC)
        r |= A_ITALIC;
#endif
    return r;
}

/* A colour the terminal can show: bright colours (8..15) fall back to their
 * base colour on 8-colour terminals; anything else out of range to default. */
static short usable_colour(int c)
{
    if (c < 0)
        return -1;
    if (c < COLORS)
        return (short)c;
    if (c < 16)
        return (short)(c - 8);
    return -1;
}

int ui_theme_apply(const struct theme *t, const struct theme *mono, int use_colour)
{
    struct theme builtin;
    if (!mono) {
        theme_init_monochrome(&builtin);
        mono = &builtin;
    }
    /* Without colours the monochrome twin carries the meaning; a theme made
     * of attributes only (uses_color == 0) is used as it is. */
    const struct theme *src = (use_colour && t && has_colors()) ? t : mono;
    int colour = src == t && t->uses_color && start_color() == OK;
    int have_default = colour && use_default_colors() == OK;
    for (int r = 0; r < THEME_ROLE_COUNT; r++) {
        role_attrs[r] = ui_theme_curses_attrs(src->roles[r].attrs);
        if (!colour || r + 1 >= COLOR_PAIRS)
            continue;
        struct theme_style st = src->roles[r];
        /* Help keys are drawn inside the help dialog: "default" there
         * means the dialog's colours, not the terminal's. */
        if (r == THEME_HELP_KEY) {
            if (st.fg == THEME_COLOR_DEFAULT)
                st.fg = src->roles[THEME_DIALOG].fg;
            if (st.bg == THEME_COLOR_DEFAULT)
                st.bg = src->roles[THEME_DIALOG].bg;
        }
        short fg = usable_colour(st.fg);
        short bg = usable_colour(st.bg);
        if (!have_default) { /* -1 means "the terminal's own" only with it */
            if (fg < 0)
                fg = COLOR_WHITE;
            if (bg < 0)
                bg = COLOR_BLACK;
        }
        if (init_pair((short)(r + 1), fg, bg) == OK)
            role_attrs[r] |= COLOR_PAIR(r + 1);
    }
    return colour;
}

attr_t ui_theme_attr(enum theme_role role)
{
    return (unsigned)role < THEME_ROLE_COUNT ? role_attrs[role] : A_NORMAL;
}
