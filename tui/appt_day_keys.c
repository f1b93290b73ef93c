/* appt_day_keys.c - the day view's keys that act on appointments
 * (ui_desk_day_key, desk.h): the action on the appointment under the
 * cursor, a choice list when the cell holds several, booking an empty
 * cell. */
#include "desk.h"
#include "appt_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../model/appointment.h"
#include "day_grid.h"
#include "dialog_conflict.h"
#include "dialogs.h"
#include "form.h"
#include "view_day.h"
#include "view_day_int.h"

/* ---- the day view's keys ------------------------------------------------------------------ */

struct pick_ctx {
    enum ui_action action;
    size_t count;
    struct db_day_row rows[CELL_CHOICES];
};

static void pick_done(struct ui_app *app, void *ctx, long chosen)
{
    struct pick_ctx *p = ctx;
    if (app && !app->closing && chosen >= 0 && (size_t)chosen < p->count)
        ui_appt_act(app, &p->rows[chosen], p->action);
    free(p);
}

static int is_appt_action(enum ui_action a)
{
    switch (a) {
    case UI_ACT_ARRIVED:
    case UI_ACT_SEEN:
    case UI_ACT_NOSHOW:
    case UI_ACT_UNDO_STATUS:
    case UI_ACT_STATUS:
    case UI_ACT_CANCEL_APPT:
    case UI_ACT_EDIT:
        return 1;
    default:
        return 0;
    }
}

/* Whether an appointment is a likely target of `action`: arrival and
 * outcomes concern appointments still standing, undo concerns those with
 * a status. */
static int fits(enum ui_action action, const struct db_appt *a)
{
    switch (action) {
    case UI_ACT_UNDO_STATUS:
        return a->status != APPT_UNKNOWN;
    case UI_ACT_ARRIVED:
    case UI_ACT_SEEN:
    case UI_ACT_NOSHOW:
    case UI_ACT_CANCEL_APPT:
        return !appt_status_is_cancelled(a->status);
    default:
        return 1;
    }
}

/* The appointment action on the cursor cell: on the one appointment it is
 * about (the only likely target, preferring the one starting in the row,
 * as drawn), else after choosing in a list. */
static void act_on_cell(struct ui_app *app, struct day_view *v, const struct day_layout *lo,
                        enum ui_action action)
{
    int a = lo->first_minute + lo->cursor_row * lo->step;
    const struct ui_day_appt *list[CELL_CHOICES];
    size_t n = 0;
    if (v->loaded && v->cursor_agent < v->agent_count)
        n = ui_day_cell_appts(&v->data, v->cursor_agent, a, a + lo->step, list, CELL_CHOICES);
    if (n > CELL_CHOICES)
        n = CELL_CHOICES;
    if (n == 0) {
        ui_app_message(app, 0, "%s", _("No appointment here."));
        return;
    }
    const struct ui_day_appt *cand[CELL_CHOICES];
    size_t nc = 0, starting = 0;
    const struct ui_day_appt *first_starting = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!fits(action, &list[i]->row->appt))
            continue;
        cand[nc++] = list[i];
        if (list[i]->start >= a && list[i]->start < a + lo->step) {
            if (!starting++)
                first_starting = list[i];
        }
    }
    if (starting == 1) {
        ui_appt_act(app, first_starting->row, action);
        return;
    }
    if (nc == 1 || (nc == 0 && n == 1)) {
        ui_appt_act(app, nc ? cand[0]->row : list[0]->row, action);
        return;
    }
    if (nc == 0) { /* none fits: let the person see them all */
        for (size_t i = 0; i < n; i++)
            cand[i] = list[i];
        nc = n;
    }
    struct pick_ctx *p = calloc(1, sizeof *p);
    if (!p)
        return;
    p->action = action;
    p->count = nc;
    char lines[CELL_CHOICES][LABEL_LEN + 128];
    const char *items[CELL_CHOICES];
    for (size_t i = 0; i < nc; i++) {
        p->rows[i] = *cand[i]->row;
        char label[LABEL_LEN];
        ui_desk_appt_label(cand[i]->row, label, sizeof label);
        enum ui_appt_look look = ui_appt_look(&cand[i]->row->appt, cand[i]->start_at, app->now);
        ui_appt_say(lines[i], sizeof lines[i], "%s · %s · %s", label, cand[i]->row->motif_name,
            ui_appt_look_words(look));
        items[i] = lines[i];
    }
    struct ui_layer *l = ui_list_new(_("Which appointment?"), items, nc, 0, pick_done, p);
    if (l)
        ui_app_push(app, l);
}

static void book_on_cell(struct ui_app *app, struct day_view *v, const struct day_layout *lo)
{
    const struct db_site *site = ui_app_site(app);
    if (!site || v->cursor_agent >= v->agent_count) {
        ui_app_message(app, 1, "%s", _("No agent here to book with."));
        return;
    }
    struct ui_booking b;
    memset(&b, 0, sizeof b);
    b.site_id = site->id;
    b.agent_id = v->agents[v->cursor_agent].id;
    b.start.date = v->day;
    b.start.minute = lo->first_minute + lo->cursor_row * lo->step;
    ui_book_open(app, &b);
}

enum ui_result ui_desk_day_key(struct ui_app *app, struct ui_layer *day_view,
                               enum ui_action action)
{
    struct day_view *v = day_view_of(day_view);
    struct day_layout lo;
    ui_day_compute_layout(v, &lo);
    if (action == UI_ACT_SEARCH) {
        struct ui_layer *l = ui_people_new(app);
        if (l)
            ui_app_push(app, l);
        return UI_HANDLED;
    }
    if (action == UI_ACT_OPEN) {
        /* Enter on a free cell books there; on an appointment: details. */
        int a = lo.first_minute + lo.cursor_row * lo.step;
        const struct ui_day_appt *list[1];
        if (!v->loaded || v->cursor_agent >= v->agent_count ||
            ui_day_cell_appts(&v->data, v->cursor_agent, a, a + lo.step, list, 1) > 0)
            return UI_IGNORED;
        if (ui_desk_refuse_readonly(app, _("Book a new appointment (on the cell under the cursor)")))
            return UI_HANDLED;
        book_on_cell(app, v, &lo);
        return UI_HANDLED;
    }
    /* Write actions on a read-only database: the event loop refused them. */
    if (action == UI_ACT_NEW) {
        book_on_cell(app, v, &lo);
        return UI_HANDLED;
    }
    if (action == UI_ACT_UNDO) {
        ui_appt_undo(app);
        return UI_HANDLED;
    }
    if (action == UI_ACT_FIND_SLOT) {
        ui_slots_open(app, 0);
        return UI_HANDLED;
    }
    if (is_appt_action(action)) {
        act_on_cell(app, v, &lo, action);
        return UI_HANDLED;
    }
    return UI_IGNORED;
}
