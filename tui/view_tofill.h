/* view_tofill.h - the "to fill in" list ("à renseigner"):
 * past appointments whose status is still unknown, oldest or newest first,
 * with one key per outcome (seen, no-show, excused, revoked). Opened from
 * the day view with R (or the F9 menu). */
#ifndef GUICHET_TUI_VIEW_TOFILL_H
#define GUICHET_TUI_VIEW_TOFILL_H

#include "app.h"

/* A new list for the app's current site; NULL if out of memory. */
struct ui_layer *ui_tofill_new(struct ui_app *app);

#endif
