/* cell_details.h - the details of the appointments of one grid cell, shared
 * by the day view and the week view (Enter on a cell). */
#ifndef GUICHET_TUI_CELL_DETAILS_H
#define GUICHET_TUI_CELL_DETAILS_H

#include <stddef.h>

#include "app.h"
#include "day_grid.h"

/* The most appointments listed for one cell. */
enum { UI_CELL_CHOICES = 32 };

/* For the n appointments of a cell (list[], at most UI_CELL_CHOICES are
 * used) of the agent named `agent`: says "No appointment here." when there
 * are none, opens the details dialog for one, and a list to choose from for
 * several. */
void ui_cell_details(struct ui_app *app, const struct ui_day_appt *const *list, size_t n,
                     const char *agent);

#endif
