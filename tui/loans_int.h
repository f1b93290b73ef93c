/* loans_int.h - what the room-loan screens share (view_loans.h lists the
 * files). Not for other screens. */
#ifndef GUICHET_TUI_LOANS_INT_H
#define GUICHET_TUI_LOANS_INT_H

#include <stdint.h>

#include "app.h"

/* A list of dates: one request's (request_id != 0) or the association's
 * season (every request of it) for the school year holding `around`. */
void ui_loan_dates_open(struct ui_app *app, int64_t association_id, int64_t request_id,
                        struct civil_date around);
/* The grids of view_loan_grid.c: a room's week, the day of every room of
 * its collège, the week of every room of its collège. */
enum { GRID_ROOM_WEEK = 0, GRID_SITE_DAY = 1, GRID_SITE_WEEK = 2 };
/* The grid `mode` (GRID_...) of a room, or of its collège, around `day`. */
void ui_loan_grid_open(struct ui_app *app, int64_t room_id, struct civil_date day, int mode);

/* Forms (loan_forms.c). room_id 0 / day invalid: nothing pre-filled. */
void ui_loan_request_form(struct ui_app *app, int64_t room_id, struct civil_date day);
void ui_loan_association_form(struct ui_app *app);
void ui_loan_finder_form(struct ui_app *app);
/* Refuse (what = DB_DECIDE_REFUSE, reason required) or cancel a request or
 * one date of it after asking for the reason; approve needs no form. */
void ui_loan_reason_form(struct ui_app *app, int64_t request_id, const char *date,
                         enum db_loan_decision what);
/* Moves one date of a request or changes its series from that date or
 * all of it (loan_change_form.c). original_day: the date the series gave;
 * current_day and the minutes: where it is now (once moved, elsewhere). */
void ui_loan_change_form(struct ui_app *app, int64_t request_id, const char *original_day,
                         const char *current_day, int start_minute, int end_minute);
/* Approves a request or one date; says what happened (insurance warning,
 * clash) in the status line. Returns the storage status. */
int ui_loan_approve(struct ui_app *app, int64_t request_id, const char *date);

/* Every layer with a reload hook reads its rows again (after this desk
 * wrote: data_version only tells about other desks). */
void ui_loan_reload_all(struct ui_app *app);
/* The school year (1 September .. 31 August) holding `d`. */
void ui_loan_school_year(struct civil_date d, struct civil_date *first, struct civil_date *last);
/* "Tue 18:00-20:00" style texts. */
void ui_loan_times(int start, int end, char *buf, size_t size);
/* The weekday's short name in the user's language ("mar." / "Tue"). */
void ui_loan_weekday(struct civil_date d, char *buf, size_t size);
const char *ui_loan_state_mark(enum db_loan_state s, int skipped);

#endif
