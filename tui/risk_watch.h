/* risk_watch.h - the console's view of the no-show risk: the scores of
 * the appointments of the coming days (day view marks, the alerts panel)
 * and, when the agent has no desktop (over SSH), the notifier's alerts
 * shown on screen until acknowledged.
 *
 * Scoring reads the window's appointments, each person's past and the
 * outcome counts the file keeps (storage/risk_scores.c): milliseconds on a
 * service's file, about a hundred on a million appointments; it still
 * never runs in a key handler or before the first screen: the idle tick
 * (app.c) refreshes the scores when they are missing
 * or old (ui_risk_tick), and waits the longer between two refreshes the
 * longer one took. Scores are kept for every site from now to the end of
 * the UI_RISK_DAYS-th day; an appointment of that window at or above the
 * threshold is "at risk".
 *
 * On-screen alerts (GUICHET_SCREEN_ALERTS = auto | on | off; auto: on in
 * an SSH session or without any desktop, i.e. neither DISPLAY nor
 * WAYLAND_DISPLAY): at each refresh the appointments of the site shown
 * whose moment has come (the notifier's moments and threshold, from the
 * same configuration file: alert_moments, alert_threshold; by default the
 * day before at 16:00 and two hours before, 30 %) are claimed in the file
 * for the console
 * channel, once for all desks and notifiers (storage/alerts.c); the
 * console's alerts nobody acknowledged yet are shown in a banner, and
 * opening the alerts panel acknowledges them. No curses here. */
#ifndef GUICHET_TUI_RISK_WATCH_H
#define GUICHET_TUI_RISK_WATCH_H

#include <stddef.h>
#include <stdint.h>

#include "../storage/storage.h"

enum {
    UI_RISK_DAYS = 7,               /* today and the next six days */
    UI_RISK_REFRESH_MS = 60 * 1000, /* scores older than this are redone */
};

struct ui_app;

struct ui_risk {
    double threshold;
    struct db_risk_item *items;    /* at or above the threshold, by id */
    size_t count;
    int computed;                  /* items hold a computation */
    int64_t computed_ms;           /* monotonic time of the last one */
    int64_t cost_ms;               /* how long it took */
    int stale;                     /* a write: redo at the next tick */
    int screen_alerts;             /* 1: alerts are shown on screen */
    struct alert_moment moments[ALERT_MAX_MOMENTS];
    int nmoments;
    struct db_alert *banner;       /* console alerts not acknowledged */
    size_t banner_count;
};

/* Reads GUICHET_SCREEN_ALERTS and the session's environment. */
/* settings: the configuration's alert_threshold and alert_moments (NULL:
 * the defaults), the same as guichet-notify's. */
void ui_risk_init(struct ui_risk *r, const struct alert_settings *settings);
void ui_risk_free(struct ui_risk *r);

/* The idle tick: refreshes scores and alerts when due. Returns 1 when
 * something shown may have changed. */
int ui_risk_tick(struct ui_app *app);
/* Refreshes now (the alerts panel opening on old scores). */
void ui_risk_refresh(struct ui_app *app);

/* The score of an appointment at risk, or NULL. */
const struct db_risk_item *ui_risk_find(const struct ui_app *app, int64_t appointment_id);

/* 1 when an appointment drawn with `look` (day_grid.h) is marked at
 * risk: still to come (upcoming or today, not arrived) and scored at or
 * above the threshold. The day and week views use it. */
int ui_risk_marked(const struct ui_app *app, int64_t appointment_id, int look);

/* Acknowledges every alert of the banner (the person opened the alerts
 * panel). Returns how many were acknowledged. */
size_t ui_risk_acknowledge(struct ui_app *app);

/* The follow-up of an appointment changed (the alerts panel wrote it):
 * keeps the cached item in step. */
void ui_risk_followup_changed(struct ui_app *app, int64_t appointment_id,
                              enum db_followup_mark mark, const char *note);

#endif
