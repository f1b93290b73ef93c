/* view_day.h - the day view: one site, one day, a time row every N minutes
 * and one column per agent (DESIGN.md §5).
 *
 * Screen rows: 0 title (date in words, site, user, read-only), 1 agent
 * names, 2 .. LINES-3 the grid, then the status line and the F-key bar
 * (drawn by the event loop). The day's appointments are read once per day
 * change (or when another desk wrote) and only visible cells are drawn. */
#ifndef GUICHET_TUI_VIEW_DAY_H
#define GUICHET_TUI_VIEW_DAY_H

#include "app.h"

/* A new day view on today at the app's current site; NULL if out of
 * memory. It is the bottom layer of the stack. */
struct ui_layer *ui_day_view_new(struct ui_app *app);

/* The app's current site changed: reload agents and the day. */
void ui_day_view_site_changed(struct ui_app *app, struct ui_layer *view);

/* The top line's date in the user's language ("mercredi 25 novembre 2026",
 * "Wednesday 25 November 2026") via strftime. */
void ui_format_long_date(struct civil_date d, char *buf, size_t size);

#endif
