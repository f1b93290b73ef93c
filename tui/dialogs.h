/* dialogs.h - the layers drawn over the day view: help, a list to choose
 * from (sites; several appointments in one cell), and the details of an
 * appointment. Each is a struct ui_layer (app.h): it draws into its own
 * centred window, sized again on every draw so resize needs nothing
 * special, and closes on Esc (or q). */
#ifndef GUICHET_TUI_DIALOGS_H
#define GUICHET_TUI_DIALOGS_H

#include <stddef.h>

#include "app.h"

/* ---- dialog.c: shared frame ---- */

/* (Re)creates *win centred on the screen, `rows` x `cols` clamped to the
 * screen less a margin, keeping the F-key bar visible; draws the frame and
 * title. Returns the window (NULL if curses refused). */
WINDOW *ui_dialog_window(WINDOW **win, int rows, int cols, const char *title);
/* Scroll helper: clamps *top so that `line` is visible in `height` lines
 * of a `count`-line text. */
void ui_dialog_scroll_to(int *top, int line, int height, int count);

/* ---- dialog_help.c ---- */
/* The help of the screen whose key table is `t`; `esc_digits` adds the
 * line on Esc then a digit (not where text is typed). */
struct ui_layer *ui_help_new(struct ui_app *app, const struct ui_keytable *t, int esc_digits);

/* ---- dialog_list.c ---- */

/* Called once when the list closes: `chosen` is the index, or -1 when the
 * person backed out (or the program is ending). It runs after the list left
 * the stack, so it may push another layer. It owns `ctx`. */
typedef void (*ui_list_done_fn)(struct ui_app *app, void *ctx, long chosen);

/* A list of `count` lines (copied, no limit) with `selected` highlighted;
 * typing filters it (the list widget, listbox.h). NULL if out of memory
 * (`done` is then called with -1). */
struct ui_layer *ui_list_new(const char *title, const char *const *items, size_t count,
                             size_t selected, ui_list_done_fn done, void *ctx);

/* ---- dialog_details.c ---- */

/* Every field of one appointment; reads the person's record. `agent_name`
 * is shown as given. */
struct ui_layer *ui_details_new(struct ui_app *app, const struct db_day_row *row,
                                const char *agent_name);

#endif
