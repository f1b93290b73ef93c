/* pane.h - full-screen views above the status line and the F-key bar (the
 * week view, the "to fill in" list, the structure screens), and the
 * column layout of their tables.
 *
 * A pane is a layer pushed over the day view that draws into its own
 * window covering rows 0 .. LINES-3, so the event loop's status line and
 * F-key bar stay visible and keep describing the top layer. Like dialogs,
 * the window is sized again on every draw: resize needs nothing special. */
#ifndef GUICHET_TUI_PANE_H
#define GUICHET_TUI_PANE_H

#include <curses.h>
#include <stddef.h>

/* (Re)creates *win over the screen less the two bottom lines and erases
 * it. Returns it, or NULL if curses refused. */
WINDOW *ui_pane_window(WINDOW **win);

/* A title line (theme role "title") with `left` and `right` texts. */
void ui_pane_title(WINDOW *w, int y, const char *left, const char *right);

/* Table columns: each gets `min` display columns, and what is left of the
 * width is shared in proportion to `weight`. One space separates them. */
struct ui_column {
    int min;
    int weight;
    unsigned flags; /* draw.h UI_DRAW_RIGHT..., safe_text.h UI_TEXT_UPPER */
};

/* Widths of `n` columns (n <= 16) in `total` display columns into out[]. */
void ui_pane_layout(const struct ui_column *cols, size_t n, int total, int *out);

/* One table line at (y, x): values[i] (UTF-8, made safe) in width[i]
 * columns, the whole line padded in `attr`. */
void ui_pane_row(WINDOW *w, int y, int x, const struct ui_column *cols, const int *widths,
                 size_t n, const char *const *values, attr_t attr);

/* `utf8` in capitals ("Dupont" -> "DUPONT": family names in lists, as in
 * the day view), made safe, into out[size]. */
void ui_pane_upper(const char *utf8, char *out, size_t size);

/* Keeps a cursor line visible: adjusts *top for `count` lines shown in
 * `height` rows. */
void ui_pane_scroll(int *top, int cursor, int height, int count);

#endif
