/* view_week.h - the week of one agent: seven day columns
 * from Monday, time rows, the same marks and shading as the day view
 * (opening hours, absences, public holidays). F5 (or w) toggles between
 * the day view and this view, keeping the selected date; the agent is the
 * one under the day view's cursor, Tab and Shift-Tab go to the next or
 * previous agent of the site. */
#ifndef GUICHET_TUI_VIEW_WEEK_H
#define GUICHET_TUI_VIEW_WEEK_H

#include "app.h"

/* Opens the week of the agent under the day view's cursor (the day view is
 * the bottom layer), on the week of the day view's date. Says why in the
 * status line when there is no agent. */
void ui_week_open(struct ui_app *app);

#endif
