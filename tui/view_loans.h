/* view_loans.h - the room-loan screens of the console (collèges lending
 * rooms to associations), opened from the day view with L or the F9 menu:
 *   view_loans.c      the pending queue (by first date): approve, refuse
 *                     with a reason, mark several and approve them at once;
 *   view_loan_dates.c a list of dates: one request's, or an association's
 *                     season (its series with their skipped, cancelled and
 *                     moved dates); decide or cancel one date;
 *   view_loan_grid.c  a room's week (hours x days) and the day of every room
 *                     of its collège (hours x rooms);
 *   loan_forms.c      the forms: new request (skipped dates and clashes
 *                     shown before saving), association, reason, free-room
 *                     finder and its result.
 * Every write goes through storage (db_loan_*), one unit each. */
#ifndef GUICHET_TUI_VIEW_LOANS_H
#define GUICHET_TUI_VIEW_LOANS_H

#include "app.h"

/* The pending queue; NULL if out of memory. */
struct ui_layer *ui_loans_new(struct ui_app *app);

#endif
