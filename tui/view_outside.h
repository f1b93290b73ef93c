/* view_outside.h - the appointments left outside: booked (not cancelled)
 * from today on while their agent is absent or has no opening hours for
 * them (storage's db_appt_conflicts). Each line offers the slot finder to
 * move the appointment (f, F2), the change form (e, F4) and a cancellation
 * by the service with the reason filled in (x, F8). Opened from the day
 * view with ! (or the F9 menu), and by the structure screens right after
 * an absence or an opening-hours change that left appointments outside.
 * Moved or cancelled appointments leave the list when it is read again
 * (after each write). */
#ifndef GUICHET_TUI_VIEW_OUTSIDE_H
#define GUICHET_TUI_VIEW_OUTSIDE_H

#include <stdint.h>

#include "app.h"

/* A new list: of the agent `agent_id` at every site, or (agent_id 0) of
 * every agent of the site shown. NULL if out of memory. */
struct ui_layer *ui_outside_new(struct ui_app *app, int64_t agent_id);

/* Pushes that list (a message when out of memory). */
void ui_outside_open(struct ui_app *app, int64_t agent_id);

#endif
