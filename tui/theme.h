/* theme.h - a parsed theme (theme_file.h) turned into curses attributes.
 *
 * One colour pair per role (pair number = role + 1), set up once after
 * start_color(); drawing code asks ui_theme_attr(role) and never calls
 * init_pair itself. Without colours (no colour support, NO_COLOR, or
 * --theme monochrome) only the attributes are used. */
#ifndef GUICHET_TUI_THEME_H
#define GUICHET_TUI_THEME_H

#include <curses.h>

#include "theme_file.h"

/* Applies `t` (colours when `use_colour` and the terminal has them, else the
 * attributes only; `mono` is used when colours are off, falling back to the
 * built-in monochrome values when NULL). Returns 1 when colours are used. */
int ui_theme_apply(const struct theme *t, const struct theme *mono, int use_colour);

/* The curses attributes (colour pair included) of a role. */
attr_t ui_theme_attr(enum theme_role role);

/* Maps theme_attr bits to curses attributes. */
attr_t ui_theme_curses_attrs(unsigned theme_attrs);

#endif
