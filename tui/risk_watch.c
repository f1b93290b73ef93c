/* risk_watch.c - scores of the coming days and on-screen alerts for the
 * console (risk_watch.h). */
#include "risk_watch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "day_grid.h"
#include "wait_screen.h"

static int env_set(const char *name)
{
    const char *s = getenv(name);
    return s && s[0];
}

void ui_risk_init(struct ui_risk *r, const struct alert_settings *settings)
{
    memset(r, 0, sizeof *r);
    struct alert_settings s = {0};
    if (settings)
        s = *settings;
    alert_settings_resolve(&s);
    r->threshold = s.threshold;
    r->nmoments = s.nmoments;
    memcpy(r->moments, s.moments, sizeof r->moments);
    const char *mode = getenv("GUICHET_SCREEN_ALERTS");
    if (mode && strcmp(mode, "on") == 0)
        r->screen_alerts = 1;
    else if (mode && strcmp(mode, "off") == 0)
        r->screen_alerts = 0;
    else /* auto: an SSH session, or no desktop at all */
        r->screen_alerts = env_set("SSH_CONNECTION") || env_set("SSH_TTY") ||
                           (!env_set("DISPLAY") && !env_set("WAYLAND_DISPLAY"));
}

void ui_risk_free(struct ui_risk *r)
{
    free(r->items);
    free(r->banner);
    r->items = NULL;
    r->banner = NULL;
    r->count = r->banner_count = 0;
}

static int by_id(const void *a, const void *b)
{
    const struct db_risk_item *x = a, *y = b;
    return x->appointment_id < y->appointment_id ? -1 : x->appointment_id > y->appointment_id;
}

static void compute(struct ui_app *app)
{
    struct ui_risk *r = &app->risk;
    int64_t started = ui_app_monotonic_ms();
    struct civil_datetime now = app->now, end;
    end.minute = 0;
    if (civil_date_add_days(now.date, UI_RISK_DAYS, &end.date) != 0)
        return;
    char from[CIVIL_DATETIME_LEN], to[CIVIL_DATETIME_LEN];
    civil_format_datetime(now, from, sizeof from);
    civil_format_datetime(end, to, sizeof to);
    struct db_risk_item *items = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_risk_scores(app->db, from, to, 0, r->threshold, &items, &n, &err) != DB_OK) {
        /* keep what was shown; try again after the usual delay */
        r->computed_ms = started;
        return;
    }
    qsort(items, n, sizeof *items, by_id);
    free(r->items);
    r->items = items;
    r->count = n;
    r->computed = 1;
    r->stale = 0;
    r->computed_ms = ui_app_monotonic_ms();
    r->cost_ms = r->computed_ms - started;
}

/* Claims the alerts whose moment has come (site shown) and reads the
 * console's alerts not acknowledged yet. */
static void alerts(struct ui_app *app)
{
    struct ui_risk *r = &app->risk;
    const struct db_site *site = ui_app_site(app);
    if (!r->screen_alerts || app->readonly || !site)
        return;
    struct db_risk_item *mine = malloc((r->count ? r->count : 1) * sizeof *mine);
    if (!mine)
        return;
    size_t k = 0;
    for (size_t i = 0; i < r->count; i++)
        if (r->items[i].site_id == site->id)
            mine[k++] = r->items[i];
    struct db_alert *claimed = NULL;
    size_t nclaimed = 0;
    struct db_error err = {0};
    if (db_alerts_claim_items(app->db, mine, k, r->moments, r->nmoments, r->threshold,
                              DB_ALERT_CONSOLE, &claimed, &nclaimed, &err) != DB_OK &&
        err.status != DB_ERR_CANCELLED) /* a key stopped it: claimed later */
        ui_app_db_error(app, &err);
    free(claimed); /* shown through the list of those not acknowledged */
    free(mine);
    char from[CIVIL_DATETIME_LEN];
    civil_format_datetime(app->now, from, sizeof from);
    struct db_alert *pending = NULL;
    size_t npending = 0;
    if (db_alerts_unacknowledged(app->db, DB_ALERT_CONSOLE, from, site->id, &pending, &npending,
                                 &err) != DB_OK)
        return;
    /* riskiest first, with today's reasons when the score is known */
    for (size_t i = 0; i < npending; i++) {
        const struct db_risk_item *it = ui_risk_find(app, pending[i].item.appointment_id);
        if (it)
            snprintf(pending[i].item.reasons, sizeof pending[i].item.reasons, "%s", it->reasons);
    }
    free(r->banner);
    r->banner = pending;
    r->banner_count = npending;
}

void ui_risk_refresh(struct ui_app *app)
{
    compute(app);
    alerts(app);
}

int ui_risk_tick(struct ui_app *app)
{
    struct ui_risk *r = &app->risk;
    int64_t age = ui_app_monotonic_ms() - r->computed_ms;
    /* A refresh that took long waits long: scoring never takes more than
     * about 2 % of the time. Another desk's write brings it forward, but
     * not before 5 s. */
    int64_t wait = r->cost_ms * 50 > UI_RISK_REFRESH_MS ? r->cost_ms * 50 : UI_RISK_REFRESH_MS;
    int64_t soon = r->cost_ms * 50 > 5000 ? r->cost_ms * 50 : 5000;
    if (r->computed && age < wait && !(r->stale && age >= soon))
        return 0;
    /* Nobody waits for it: a key typed meanwhile stops it (wait_screen.h),
     * and it is tried again at a later tick. */
    db_io_count_mark("score"); /* GUICHET_COUNT_IO: when scoring runs */
    ui_wait_background(1);
    ui_risk_refresh(app);
    ui_wait_background(0);
    return 1;
}

const struct db_risk_item *ui_risk_find(const struct ui_app *app, int64_t appointment_id)
{
    const struct ui_risk *r = &app->risk;
    if (!r->count)
        return NULL;
    struct db_risk_item key;
    key.appointment_id = appointment_id;
    return bsearch(&key, r->items, r->count, sizeof key, by_id);
}

int ui_risk_marked(const struct ui_app *app, int64_t appointment_id, int look)
{
    return (look == UI_LOOK_UPCOMING || look == UI_LOOK_TODAY) &&
           ui_risk_find(app, appointment_id) != NULL;
}

size_t ui_risk_acknowledge(struct ui_app *app)
{
    struct ui_risk *r = &app->risk;
    size_t done = 0;
    struct db_error err = {0};
    for (size_t i = 0; i < r->banner_count; i++) {
        if (db_alert_acknowledge(app->db, r->banner[i].item.appointment_id, r->banner[i].moment,
                                 &err) != DB_OK) {
            ui_app_db_error(app, &err);
            break;
        }
        done++;
    }
    if (done == r->banner_count) {
        free(r->banner);
        r->banner = NULL;
        r->banner_count = 0;
    } else if (done) {
        memmove(r->banner, r->banner + done, (r->banner_count - done) * sizeof *r->banner);
        r->banner_count -= done;
    }
    return done;
}

void ui_risk_followup_changed(struct ui_app *app, int64_t appointment_id,
                              enum db_followup_mark mark, const char *note)
{
    struct db_risk_item *it = (struct db_risk_item *)ui_risk_find(app, appointment_id);
    if (!it)
        return;
    switch (mark) {
    case DB_FOLLOWUP_CALLED: it->called = 1; break;
    case DB_FOLLOWUP_CONFIRMED: it->confirmed = 1; break;
    case DB_FOLLOWUP_NO_ANSWER: it->no_answer = 1; break;
    case DB_FOLLOWUP_NOTE: snprintf(it->note, sizeof it->note, "%s", note ? note : ""); break;
    }
}
