/* view_alerts.h - the alerts panel: today's and tomorrow's appointments at
 * risk of a no-show, riskiest first, with their reasons, where the agent
 * records what the call gave (called, confirmed, no answer, a note); and
 * the banner of on-screen alerts (risk_watch.h) drawn over every screen. */
#ifndef GUICHET_TUI_VIEW_ALERTS_H
#define GUICHET_TUI_VIEW_ALERTS_H

#include "app.h"

/* A new alerts panel on the site shown; opening it acknowledges the alerts
 * of the banner. NULL if out of memory. */
struct ui_layer *ui_alerts_new(struct ui_app *app);

/* The banner above the status line while on-screen alerts wait for
 * acknowledgement (nothing otherwise). Called by the event loop after
 * every layer was drawn. */
void ui_alerts_banner_draw(struct ui_app *app);
/* Frees the banner's window (before endwin). */
void ui_alerts_banner_free(void);

/* Words for an item's follow-up ("confirmed", "called", "no answer", ""). */
const char *ui_alerts_followup_words(const struct db_risk_item *it);

#endif
