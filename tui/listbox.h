/* listbox.h - the one list widget: a cursor over rows, paging, an
 * incremental filter typed by the person, optional column headers, columns
 * sized by what they hold and the width there is, and no fixed cap on the
 * number of rows. Screens and dialogs embed a struct ui_listbox and give it
 * their rows through a callback (tmux's mode-tree and calcurse's listbox
 * play the same part).
 *
 * Keys: the screen's key table binds up, down, previous-page, next-page,
 * first and last (LIST_ROWS in keytables.c); the screen passes those actions
 * to ui_listbox_key. With a filter, printable keys typed (UI_ACT_NONE) add
 * to it, Backspace takes one back, ^U clears it: the screen sets its layer's
 * `typing` from ui_listbox_typing so that letters are text there.
 * A screen whose letters are actions (the to-fill-in and structure lists)
 * asks for UI_LISTBOX_FILTER_ON_DEMAND instead: the search verb (`/`, F3)
 * starts typing the filter, Enter keeps it and gives the letters back to
 * the screen, Esc clears it (and, with a filter kept, Esc clears it before
 * it closes anything).
 *
 * Columns: a minimum width each; WHOLE ones are never cut (a date, a
 * status word), KEEP ones give way after the others (a motif to read in
 * full before the agent's name), OPTIONAL ones are left out when the
 * others need the room (ui_listbox_widths has the rule).
 *
 * Use:
 *   static const struct ui_list_column cols[] = {{N_("Name"), 8, 0}, ...};
 *   ui_listbox_init(&lb, cols, 2, row_text, ctx, UI_LISTBOX_FILTER);
 *   ui_listbox_set_count(&lb, n);       after (re)loading the rows
 *   ui_listbox_key(&lb, action, key);   in on_key; 1 = it used the key
 *   ui_listbox_draw(&lb, win, y, x, rows, cols);
 *   ui_listbox_selected(&lb)            the row under the cursor, or -1
 *   ui_listbox_free(&lb);
 * The draw part is the only curses code (listbox_draw.c); the rest is
 * unit-tested. */
#ifndef GUICHET_TUI_LISTBOX_H
#define GUICHET_TUI_LISTBOX_H

#include <curses.h>
#include <stddef.h>

#include "actions.h"

enum ui_list_column_flags {
    UI_LIST_RIGHT = 1 << 0, /* numbers: aligned on the right */
    UI_LIST_GROW = 1 << 1,  /* takes what is left of the width */
    UI_LIST_OPTIONAL = 1 << 2, /* left out when the natural widths do not fit */
    UI_LIST_WHOLE = 1 << 3, /* never cut: its natural width is its minimum */
    UI_LIST_KEEP = 1 << 4,  /* gives way only once the others are at their minimum */
};

struct ui_list_column {
    const char *title; /* msgid, or NULL without a header line */
    int min_width;     /* never narrower (0: the title's width) */
    unsigned flags;
};

/* Text of row `row`, column `col` (UTF-8, made safe when drawn); NULL = "". */
typedef const char *(*ui_list_text_fn)(void *ctx, size_t row, int col);

/* Optional: a shorter form of a cell ("excused" for "excused: moved
 * away"), or NULL when it has none. The returned text stays valid until the
 * next call of the same callback (a buffer of its own, not the text
 * callback's). */
typedef const char *(*ui_list_short_fn)(void *ctx, size_t row, int col);

/* Optional: the theme role of row `row` when it is not under the cursor
 * (enum theme_role), and a mark drawn in the gutter before it. */
typedef int (*ui_list_role_fn)(void *ctx, size_t row);
typedef const wchar_t *(*ui_list_mark_fn)(void *ctx, size_t row);

enum ui_listbox_flags {
    UI_LISTBOX_FILTER = 1 << 0,           /* typed text keeps the matching rows */
    UI_LISTBOX_FILTER_ON_DEMAND = 1 << 1, /* the same, once the search verb started it */
};

enum { UI_LISTBOX_FILTER_LEN = 128, UI_LIST_COLS_MAX = 16 /* more are not drawn */ };

struct ui_listbox {
    const struct ui_list_column *cols;
    int ncols;
    ui_list_text_fn text;
    void *ctx;
    unsigned flags;
    size_t count;        /* rows given */
    size_t *shown;       /* rows kept by the filter, in order */
    size_t shown_count;
    size_t cap;
    size_t cursor;       /* index into shown */
    size_t top;          /* first shown row drawn */
    int page;            /* rows drawn last time (paging) */
    char filter[UI_LISTBOX_FILTER_LEN];
    int filtering;       /* on demand: the filter is being typed */
    /* Looks (defaults: the dialog's roles, no gutter): set after init. */
    int normal_role, header_role; /* enum theme_role */
    ui_list_role_fn row_role;
    ui_list_mark_fn mark;
    ui_list_short_fn short_text;
    int gutter;          /* cells before the first column (the mark) */
    int spacious;        /* two spaces between columns when all fit so */
};

void ui_listbox_init(struct ui_listbox *lb, const struct ui_list_column *cols, int ncols,
                     ui_list_text_fn text, void *ctx, unsigned flags);
/* The rows changed (count rows now): filter again, keep the cursor in
 * range. Returns 0, or -1 when out of memory (the list is then empty). */
int ui_listbox_set_count(struct ui_listbox *lb, size_t count);
void ui_listbox_free(struct ui_listbox *lb);
/* Other columns (a list that shows one more when asked): the rows stay. */
void ui_listbox_set_columns(struct ui_listbox *lb, const struct ui_list_column *cols, int ncols);

/* An action (or, with UI_ACT_NONE / UI_ACT_TEXT, a raw key for the filter).
 * Returns 1 when the list used it. */
int ui_listbox_key(struct ui_listbox *lb, enum ui_action action, int key);
/* 1 when printable keys are text: a filtered list, or one whose filter
 * is being typed (on demand). */
int ui_listbox_typing(const struct ui_listbox *lb);

/* The row under the cursor, or -1 when none is shown. */
long ui_listbox_selected(const struct ui_listbox *lb);
/* Puts the cursor on row `row` when it is shown. */
void ui_listbox_select(struct ui_listbox *lb, size_t row);
/* Whether row `row` matches the filter (folded, accents and case ignored,
 * any column contains it). */
int ui_listbox_matches(const struct ui_listbox *lb, size_t row);

/* Column widths for `width` columns. Natural width: the widest text (its
 * short form where it has one) or title, at least min_width. When they fit,
 * the GROW column (or the last) takes the rest: a cell with a short form is
 * drawn in full when its column holds it (or cut, when the column leaves
 * twenty cells more than the short form: a cut reason still says
 * something), its short form otherwise. When they do not fit: OPTIONAL columns are left
 * out (the last first) if that is not enough, then the widest column gives
 * one cell at a time down to its min_width, the KEEP columns only once no
 * other can, and a WHOLE column (whose minimum is its natural width) only
 * when nothing else can give; last of all any column down to one cell.
 * widths[] gets ncols values. Uses the text's display width (wcwidth). */
void ui_listbox_widths(const struct ui_listbox *lb, int width, int *widths);

/* The spaces between columns in `width` cells: 2 for a spacious list
 * whose columns all fit at their natural width so, else 1. */
int ui_listbox_gap(const struct ui_listbox *lb, int width);

/* Draws the header (when a column has a title), the rows from `top` with
 * the cursor row highlighted, and the filter line when one is typed, in
 * `rows` x `width` cells at (y, x) of `w`. */
void ui_listbox_draw(struct ui_listbox *lb, WINDOW *w, int y, int x, int rows, int width);
/* Lines the list needs besides its rows (header and filter line). */
int ui_listbox_extra_lines(const struct ui_listbox *lb);

#endif
