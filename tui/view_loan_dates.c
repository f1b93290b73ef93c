/* view_loan_dates.c - a list of loan dates (see view_loans.h): the dates of
 * one request, or an association's season (every request of it in the
 * school year), each date with its state and, for a skipped or cancelled
 * one, the reason: closures (public and school holidays, site closures,
 * room blackouts) and the exceptions made by hand, which later edits of
 * the series keep. a / r / x decide or cancel the date under the cursor;
 * e moves it, or changes the series from it or all of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "draw.h"
#include "listbox.h"
#include "loans_int.h"
#include "pane.h"
#include "theme.h"

enum { COL_MARK, COL_DATE, COL_TIME, COL_ROOM, COL_REQUEST, COL_STATE, COL_REASON, NCOLS };

static const struct ui_list_column columns[NCOLS] = {
    {NULL, 1, 0},
    {N_("Date"), 14, 0},
    {N_("Time"), 11, 0},
    {N_("Room"), 12, 0},
    {N_("Req."), 4, UI_LIST_RIGHT},
    {N_("State"), 8, 0},
    {N_("Reason"), 8, UI_LIST_GROW},
};

struct dates {
    struct ui_layer layer; /* first */
    WINDOW *win;
    struct ui_listbox box;
    int64_t association_id, request_id;
    struct civil_date first, last; /* the school year */
    char association[128];
    struct db_loan_row *rows;
    size_t count;
    size_t n_skipped, n_approved, n_requested;
    char cell[NCOLS][300];
};

static const char *row_text(void *ctx, size_t row, int col)
{
    struct dates *d = ctx;
    if (row >= d->count || col < 0 || col >= NCOLS)
        return "";
    const struct db_loan_row *r = &d->rows[row];
    char *out = d->cell[col];
    size_t size = sizeof d->cell[col];
    struct civil_date day;
    switch (col) {
    case COL_MARK:
        return ui_loan_state_mark(r->state, r->skipped);
    case COL_DATE:
        if (civil_parse_date(r->date, &day) == 0) {
            char fr[CIVIL_DATE_LEN], wd[32];
            civil_format_date_fr(day, fr, sizeof fr);
            ui_loan_weekday(day, wd, sizeof wd);
            snprintf(out, size, "%s %s", wd, fr);
        } else {
            snprintf(out, size, "%s", r->date);
        }
        return out;
    case COL_TIME:
        ui_loan_times(r->start_minute, r->end_minute, out, size);
        return out;
    case COL_ROOM:
        snprintf(out, size, "%s, %s", r->room, r->site);
        return out;
    case COL_REQUEST:
        snprintf(out, size, "%lld", (long long)r->request_id);
        return out;
    case COL_STATE:
        return r->skipped ? _("skipped") : db_loan_state_label(r->state);
    case COL_REASON:
        /* public holidays are stored under their untranslated names */
        snprintf(out, size, "%s", r->skipped && r->reason[0] ? _(r->reason) : r->reason);
        return out;
    }
    return "";
}

static void load(struct ui_app *app, struct dates *d)
{
    free(d->rows);
    d->rows = NULL;
    d->count = d->n_skipped = d->n_approved = d->n_requested = 0;
    struct db_loan_filter f;
    memset(&f, 0, sizeof f);
    f.association_id = d->association_id;
    f.with_skipped = 1;
    struct civil_date after;
    civil_date_add_days(d->last, 1, &after);
    civil_format_date(d->first, f.from, sizeof f.from);
    civil_format_date(after, f.to, sizeof f.to);
    struct db_error err = {0};
    struct db_loan_row *rows = NULL;
    size_t n = 0;
    if (db_loan_list(app->db, &f, &rows, &n, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        n = 0;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (d->request_id && rows[i].request_id != d->request_id)
            continue;
        if (!d->association[0])
            snprintf(d->association, sizeof d->association, "%s", rows[i].association);
        if (rows[i].skipped)
            d->n_skipped++;
        else if (rows[i].state == DB_LOAN_APPROVED)
            d->n_approved++;
        else if (rows[i].state == DB_LOAN_REQUESTED)
            d->n_requested++;
        rows[k++] = rows[i];
    }
    d->rows = rows;
    d->count = k;
    if (ui_listbox_set_count(&d->box, d->count) != 0)
        ui_app_message(app, 1, "%s", _("out of memory"));
}

static void dates_draw(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct dates *d = (struct dates *)self;
    WINDOW *w = ui_pane_window(&d->win);
    if (!w)
        return;
    char left[256], right[96];
    if (d->request_id)
        snprintf(left, sizeof left, _("Request %lld · %s"), (long long)d->request_id,
                 d->association);
    else
        snprintf(left, sizeof left, _("Season %d-%d · %s"), d->first.year, d->last.year,
                 d->association);
    snprintf(right, sizeof right, _("%zu approved, %zu waiting, %zu skipped"), d->n_approved,
             d->n_requested, d->n_skipped);
    ui_pane_title(w, 0, left, right);
    int rows = getmaxy(w) - 1, cols = getmaxx(w);
    if (d->count == 0)
        ui_draw_str(w, 2, 1, cols - 2, _("No loan date in this school year."), A_NORMAL, 0);
    else
        ui_listbox_draw(&d->box, w, 1, 0, rows, cols);
    wnoutrefresh(w);
}

static void dates_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    (void)self;
    snprintf(buf, size, "%s",
             _("= approved ? waiting / refused x cancelled - skipped · a r x decide · e change"));
}

static enum ui_result dates_key(struct ui_app *app, struct ui_layer *self,
                                enum ui_action action, int key)
{
    struct dates *d = (struct dates *)self;
    long sel = ui_listbox_selected(&d->box);
    const struct db_loan_row *r = sel >= 0 && (size_t)sel < d->count ? &d->rows[sel] : NULL;
    struct civil_date day = {0, 0, 0};
    if (r)
        civil_parse_date(r->date, &day);
    switch (action) {
    case UI_ACT_QUIT:
    case UI_ACT_BACK:
        return UI_CLOSE;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    case UI_ACT_APPROVE:
    case UI_ACT_REFUSE:
    case UI_ACT_CANCEL_APPT:
        if (!r)
            return UI_HANDLED;
        if (r->skipped) {
            ui_app_message(app, 1, "%s", _("This date is skipped: there is nothing to decide."));
            return UI_HANDLED;
        }
        if (action == UI_ACT_APPROVE)
            ui_loan_approve(app, r->request_id, r->date);
        else
            ui_loan_reason_form(app, r->request_id, r->date,
                                action == UI_ACT_REFUSE ? DB_DECIDE_REFUSE : DB_DECIDE_CANCEL);
        return UI_HANDLED;
    case UI_ACT_EDIT:
        if (!r)
            return UI_HANDLED;
        if (r->skipped) {
            ui_app_message(app, 1, "%s", _("This date is skipped: there is nothing to change."));
            return UI_HANDLED;
        }
        ui_loan_change_form(app, r->request_id, r->original_day, r->date, r->start_minute,
                            r->end_minute);
        return UI_HANDLED;
    case UI_ACT_VIEW:
        if (r)
            ui_loan_grid_open(app, r->room_id, day, 0);
        return UI_HANDLED;
    default:
        ui_listbox_key(&d->box, action, key);
        return UI_HANDLED;
    }
}

static void dates_reload(struct ui_app *app, struct ui_layer *self)
{
    load(app, (struct dates *)self);
}

static void dates_destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct dates *d = (struct dates *)self;
    if (d->win)
        delwin(d->win);
    ui_listbox_free(&d->box);
    free(d->rows);
    free(d);
}

void ui_loan_dates_open(struct ui_app *app, int64_t association_id, int64_t request_id,
                        struct civil_date around)
{
    struct dates *d = calloc(1, sizeof *d);
    if (!d) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    d->layer.draw = dates_draw;
    d->layer.on_key = dates_key;
    d->layer.status = dates_status;
    d->layer.reload = dates_reload;
    d->layer.destroy = dates_destroy;
    d->layer.full_screen = 1;
    d->layer.keys = &ui_keys_loan_dates;
    d->association_id = association_id;
    d->request_id = request_id;
    ui_loan_school_year(civil_date_valid(around) ? around : app->now.date, &d->first, &d->last);
    ui_listbox_init(&d->box, columns, NCOLS, row_text, d, 0);
    load(app, d);
    /* the cursor on the first date from today on */
    char today[CIVIL_DATE_LEN];
    civil_format_date(app->now.date, today, sizeof today);
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->rows[i].date, today) >= 0) {
            ui_listbox_select(&d->box, i);
            break;
        }
    ui_app_push(app, &d->layer);
}
