/* view_structure.h - the structure screens ("Paramètres"):
 * sites, services, agents, motifs, opening hours (weekly or every N weeks,
 * start and end dates, per agent and site, for a set of motifs) and
 * absences (one-off or weekly, one day or several). Opened with S or from
 * the F9 menu. */
#ifndef GUICHET_TUI_VIEW_STRUCTURE_H
#define GUICHET_TUI_VIEW_STRUCTURE_H

#include "app.h"

/* The structure pane; NULL if out of memory. */
struct ui_layer *ui_structure_new(struct ui_app *app);
/* The same, open on the room-loan lists (rooms, then closures and lending
 * hours), the cursor on room_id when not 0: what the room-loan screens open
 * with S. */
struct ui_layer *ui_structure_new_loans(struct ui_app *app, int64_t room_id);

#endif
