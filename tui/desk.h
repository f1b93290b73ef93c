/* desk.h - the front desk's screens: people, booking,
 * the slot finder and the actions on one appointment. Entry points for
 * the day view (and any other view: week, to fill in, a person's panel)
 * plus the few helpers they share.
 *
 * Files:
 *   view_people.c    person search as you type; a person's panel (details,
 *                    past and future appointments, no-shows); the person
 *                    picker used by booking
 *   dialog_person.c  create / edit a person; duplicates shown first
 *   flow_book.c      the booking form: motif, person, confirm; booking
 *                    warnings and explicit overbooking
 *   dialog_slots.c   the slot finder: criteria, free slots, then booking
 *                    (or moving an appointment left outside)
 *   appt_actions.c   arrival, statuses, the status menu; what every write
 *                    does afterwards (reload, errors, conflicts)
 *   appt_forms.c     cancel, move / resize / note forms
 *   appt_day_keys.c  the day view's keys on appointments
 *   view_outside.c   the appointments left outside (view_outside.h)
 *
 * Every write goes through one storage call (one write unit). After it the
 * layers reload (another desk's writes arrive by the data_version poll; our
 * own must be reloaded by hand). Errors show storage's message; a
 * DB_ERR_CONFLICT opens the conflict dialog (dialog_conflict.h). */
#ifndef GUICHET_TUI_DESK_H
#define GUICHET_TUI_DESK_H

#include <stddef.h>
#include <stdint.h>

#include "../storage/storage.h"
#include "app.h"
#include "form.h"

/* ---- view_people.c ----------------------------------------------------- */

/* F3 or /: the person search (typing filters; Enter opens the person's
 * panel; F2 a new person; F4 edits). NULL if out of memory. */
struct ui_layer *ui_people_new(struct ui_app *app);

/* The same search, to choose someone: `done` runs once after it closed,
 * with the person's id, or 0 when the user backed out (or app->closing).
 * `initial` pre-fills the search (may be NULL). F2 creates a person, who is
 * then chosen. Returns 0, or -1 (done was called with 0). */
typedef void (*ui_person_chosen_fn)(struct ui_app *app, void *ctx, int64_t person_id);
int ui_people_pick(struct ui_app *app, const char *title, const char *initial,
                   ui_person_chosen_fn done, void *ctx);

/* A person's panel: their record, appointments past and future with
 * statuses, and the count of no-shows. Returns 0 or -1 (message shown). */
int ui_person_panel_open(struct ui_app *app, int64_t person_id);

/* ---- dialog_person.c ---------------------------------------------------- */

/* The person form: person_id 0 creates (duplicates found are shown first:
 * use the existing person or create anyway), else edits (version checked).
 * `initial_name` pre-fills the last name of a new person (may be NULL).
 * `done` (may be NULL) runs once with the saved or chosen person's id, or
 * 0 when cancelled. Returns 0 or -1 (done was called with 0). */
int ui_person_form_open(struct ui_app *app, int64_t person_id, const char *initial_name,
                        ui_person_chosen_fn done, void *ctx);

/* ---- dialog_erase.c ------------------------------------------------------ */

/* Asks why, naming the person, then erases `p` (read with its version)
 * at once (right to erasure). Returns 0, or -1 (read-only file or no
 * memory: message shown). */
int ui_person_erase_open(struct ui_app *app, const struct db_person *p);

/* ---- flow_book.c --------------------------------------------------------- */

struct ui_booking {
    int64_t site_id;               /* 0 = the site shown */
    int64_t agent_id;              /* 0 = the first agent of the site */
    int64_t motif_id;              /* 0 = none chosen yet */
    int64_t person_id;             /* 0 = choose one (the picker opens) */
    struct civil_datetime start;
    int duration_minutes;          /* 0 = the motif's */
};

/* The booking form pre-filled with `b`: date, time, agent, motif,
 * duration, person, note. Confirm checks (model/booking.h via storage):
 * errors refuse; warnings (past, outside hours, absence, holiday, same
 * person same motif same day) are shown and need a second Enter; an
 * overlap needs the "overbook" box ticked. On success the day view moves
 * to the new appointment. Returns 0 or -1 (message shown). */
int ui_book_open(struct ui_app *app, const struct ui_booking *b);

/* For a form that books or moves an appointment (`a`: id 0 when new):
 * storage's booking checks. Errors refuse (message at the form's foot);
 * warnings are written in the form's note and need a second confirm with
 * the same warnings (*shown remembers them); an overlap unhides the
 * `overbook_field` checkbox and needs it ticked (*overbook is then 1).
 * Returns 0 when the write may go ahead, 1 when the form stays open. */
int ui_desk_check_booking(struct ui_app *app, struct ui_form *form, int overbook_field,
                          const struct db_appt *a, unsigned *shown, int *overbook);

/* ---- dialog_slots.c ------------------------------------------------------ */

/* The slot finder: motif, optional site, agent, earliest date; the next
 * free slots; Enter on one opens the booking form (person_id pre-filled
 * when not 0). Returns 0 or -1 (message shown). */
int ui_slots_open(struct ui_app *app, int64_t person_id);
/* The slot finder to move the appointment of `row`: its motif and site
 * fixed, the agents of its site, slots as long as it is; Enter on a slot
 * opens the change form on it (ui_appt_open_move). Returns 0 or -1
 * (message shown). */
int ui_slots_move(struct ui_app *app, const struct db_day_row *row);

/* ---- appt_actions.c ------------------------------------------------------- */

/* An action of the action table on the appointment `row` (arrived, seen,
 * no-show, undo status, status menu, cancel, edit). Refused transitions
 * and read-only databases give a message. Usable from any list of
 * appointments (day, week, to fill in, a person's panel). Returns
 * UI_HANDLED, or UI_IGNORED when `action` is not an appointment action. */
enum ui_result ui_appt_act(struct ui_app *app, const struct db_day_row *row,
                           enum ui_action action);

/* The change form of the appointment of `row` with its date, time and
 * agent set to `start` and `agent_id` (a slot the finder found): Enter
 * moves it, with the booking warnings as in any change. */
void ui_appt_open_move(struct ui_app *app, const struct db_day_row *row,
                       struct civil_datetime start, int64_t agent_id);

/* The day view's keys that belong to the front desk: F2/n and Enter on a
 * free cell (book there), f (slot finder), F3 and / (people), and the
 * appointment actions on the cell under the cursor (a list first when the
 * cell holds several). `day_view` is the day view layer. Returns
 * UI_IGNORED for anything else (and for Enter on an appointment: the
 * details). */
enum ui_result ui_desk_day_key(struct ui_app *app, struct ui_layer *day_view,
                               enum ui_action action);

/* After a successful write: every layer reloads (the data_version poll
 * only sees other desks' writes). */
void ui_desk_reload(struct ui_app *app);

/* Moves the day view (the bottom layer, when it is one) to `day`, the
 * column of `agent_id` (when shown at the site) and `minute`, and reloads. */
void ui_desk_show_in_day(struct ui_app *app, int64_t site_id, struct civil_date day,
                         int64_t agent_id, int minute);

/* "DUPONT Marie, mer. 25/11 09:30" style name of an appointment for
 * messages and the conflict dialog. */
void ui_desk_appt_label(const struct db_day_row *row, char *buf, size_t size);

/* 1 (and a message in the status line) when the database is read-only. */
int ui_desk_refuse_readonly(struct ui_app *app, const char *what);
/* A stored phone as every screen shows it: its digits grouped in pairs
 * ("06 12 34 56 78"), or the text as it is when it holds no number. */
const char *ui_phone_text(const char *stored, char *buf, size_t size);
/* "z": takes back the last one-key change (arrived, seen, no-show, undo of
 * a status) for a few seconds after it, unless the row changed since. */
void ui_desk_undo(struct ui_app *app);

#endif
