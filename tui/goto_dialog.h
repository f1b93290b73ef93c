/* goto_dialog.h - "g": a one-field form asking for a date (the forms of
 * model/goto_date.h), and the month calendar ("m", month_view.c). */
#ifndef GUICHET_TUI_GOTO_DIALOG_H
#define GUICHET_TUI_GOTO_DIALOG_H

#include "app.h"

/* Called with the date chosen, once, while the dialog closes. */
typedef void (*ui_date_chosen_fn)(struct ui_app *app, void *ctx, struct civil_date day);

/* Asks for a date relative to `shown`; a wrong one is said beside the
 * field and the form stays open. */
void ui_goto_date_open(struct ui_app *app, struct civil_date shown, ui_date_chosen_fn done,
                       void *ctx);

/* The month calendar of `shown` at the current site: ISO week numbers,
 * today, public holidays and closed days marked; Enter goes to the day
 * under the cursor. */
void ui_month_open(struct ui_app *app, struct civil_date shown, ui_date_chosen_fn done,
                   void *ctx);

/* Draws the calendar of `month` (any day in it), `cursor` highlighted, in
 * a box at (y, x) of `w`: UI_MONTH_ROWS x UI_MONTH_COLS cells. Shared by
 * the dialog and the day view's side panel on wide terminals. */
enum { UI_MONTH_ROWS = 10, UI_MONTH_COLS = 26 };
void ui_month_draw(struct ui_app *app, WINDOW *w, int y, int x, struct civil_date month,
                   struct civil_date cursor);

#endif
