/* view_summary.h - the supervisors' summary screen: the figures of
 * `guichet report` (report/) for a day, a week or a month, of the site
 * shown or of every site, with bars drawn in block characters (ASCII with
 * --ascii or a non-UTF-8 terminal). Its keys: ui_keys_summary. */
#ifndef GUICHET_TUI_VIEW_SUMMARY_H
#define GUICHET_TUI_VIEW_SUMMARY_H

#include "app.h"

/* A new summary pane for the day shown (`day`), or NULL (out of memory). */
struct ui_layer *ui_summary_new(struct ui_app *app, struct civil_date day);

#endif
