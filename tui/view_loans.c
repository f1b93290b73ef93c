/* view_loans.c - the pending queue of room loans (see view_loans.h): every
 * request with dates still waiting for a decision, by first date, on the
 * list widget. a approves the request under the cursor, or every request
 * marked with Space (each is its own write unit: one refused for a clash
 * leaves the others approved, and the status line says which); r refuses
 * with a reason that is kept. Also the helpers the other loan screens
 * share: approving with its insurance warning, reloading after a write. */
#include "view_loans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/i18n.h"
#include "dialogs.h"
#include "draw.h"
#include "listbox.h"
#include "loans_int.h"
#include "pane.h"
#include "theme.h"
#include "view_structure.h"

enum { COL_MARK, COL_FIRST, COL_WHEN, COL_ASSOC, COL_ROOM, COL_SITE, COL_DATES, COL_INSURANCE,
       NCOLS };

static const struct ui_list_column columns[NCOLS] = {
    {NULL, 1, 0},
    {N_("First"), 10, 0},
    {N_("Days and time"), 15, 0},
    {N_("Association"), 14, UI_LIST_GROW},
    {N_("Room"), 7, 0},
    {N_("Collège"), 7, 0},
    {N_("Dates"), 5, UI_LIST_RIGHT},
    {N_("Insurance"), 12, 0},
};

struct queue {
    struct ui_layer layer; /* first: the layer pointer is the queue pointer */
    WINDOW *win;
    struct ui_listbox box;
    struct db_loan_pending *rows;
    size_t count;
    int64_t *marked; /* request ids marked for a batch approval */
    size_t n_marked;
    char cell[NCOLS][300];
    struct civil_date today;
};

/* ---- helpers shared by the loan screens ----------------------------------- */

void ui_loan_reload_all(struct ui_app *app)
{
    for (int i = 0; i < app->layer_count; i++)
        if (app->layers[i]->reload)
            app->layers[i]->reload(app, app->layers[i]);
}

void ui_loan_school_year(struct civil_date d, struct civil_date *first, struct civil_date *last)
{
    int y = d.month >= 9 ? d.year : d.year - 1;
    *first = (struct civil_date){y, 9, 1};
    *last = (struct civil_date){y + 1, 8, 31};
}

void ui_loan_times(int start, int end, char *buf, size_t size)
{
    char a[8], b[8];
    civil_format_time(start, a, sizeof a);
    civil_format_time(end, b, sizeof b);
    snprintf(buf, size, "%s-%s", a, b);
}

void ui_loan_weekday(struct civil_date d, char *buf, size_t size)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = d.year - 1900;
    tm.tm_mon = d.month - 1;
    tm.tm_mday = d.day;
    tm.tm_wday = (int)civil_weekday(d) % 7;
    tm.tm_hour = 12;
    if (strftime(buf, size, "%a", &tm) == 0 && size)
        buf[0] = '\0';
}

/* A mark for each state, so that meaning never rests on colour alone. */
const char *ui_loan_state_mark(enum db_loan_state s, int skipped)
{
    if (skipped)
        return "-";
    switch (s) {
    case DB_LOAN_APPROVED: return "=";
    case DB_LOAN_REFUSED: return "/";
    case DB_LOAN_CANCELLED: return "x";
    default: return "?";
    }
}

static void insurance_warning(struct ui_app *app, const struct db_loan_outcome *out,
                              const char *done)
{
    if (!out->insurance_warning) {
        ui_app_message(app, 0, "%s", done);
        return;
    }
    if (out->insurance_until[0]) {
        struct civil_date u;
        char fr[CIVIL_DATE_LEN];
        civil_parse_date(out->insurance_until, &u);
        civil_format_date_fr(u, fr, sizeof fr);
        ui_app_message(app, 1, _("%s Warning: the association's insurance certificate runs "
                                 "out on %s."), done, fr);
    } else {
        ui_app_message(app, 1, _("%s Warning: no insurance certificate date for this "
                                 "association."), done);
    }
}

static void clash_message(struct ui_app *app, const struct db_loan_outcome *out)
{
    char d[CIVIL_DATE_LEN];
    civil_format_date_fr(out->clash.date, d, sizeof d);
    ui_app_message(app, 1, _("Not approved: the room is already lent on %s (%s). Nothing "
                             "was changed."), d, out->clash.reason);
}

int ui_loan_approve(struct ui_app *app, int64_t request_id, const char *date)
{
    struct db_loan_outcome out;
    struct db_error err = {0};
    memset(&out, 0, sizeof out);
    int rc = db_loan_decide(app->db, request_id, date, DB_DECIDE_APPROVE, NULL, &out, &err);
    if (rc == DB_OK) {
        char done[96];
        snprintf(done, sizeof done,
                 ngettext("%zu date approved.", "%zu dates approved.", out.changed),
                 out.changed);
        insurance_warning(app, &out, done);
        ui_loan_reload_all(app);
    } else if (rc == DB_ERR_OVERLAP) {
        clash_message(app, &out);
    } else {
        ui_app_db_error(app, &err);
    }
    return rc;
}

/* ---- the queue ------------------------------------------------------------ */

static int is_marked(const struct queue *q, int64_t id)
{
    for (size_t i = 0; i < q->n_marked; i++)
        if (q->marked[i] == id)
            return 1;
    return 0;
}

static void toggle_mark(struct queue *q, int64_t id)
{
    for (size_t i = 0; i < q->n_marked; i++)
        if (q->marked[i] == id) {
            q->marked[i] = q->marked[--q->n_marked];
            return;
        }
    int64_t *m = realloc(q->marked, (q->n_marked + 1) * sizeof *m);
    if (!m)
        return;
    q->marked = m;
    q->marked[q->n_marked++] = id;
}

static const char *row_text(void *ctx, size_t row, int col)
{
    struct queue *q = ctx;
    if (row >= q->count || col < 0 || col >= NCOLS)
        return "";
    const struct db_loan_pending *p = &q->rows[row];
    char *out = q->cell[col];
    size_t size = sizeof q->cell[col];
    struct civil_date d;
    switch (col) {
    case COL_MARK:
        return is_marked(q, p->request_id) ? "*" : " ";
    case COL_FIRST:
        if (civil_parse_date(p->first, &d) == 0)
            civil_format_date_fr(d, out, size);
        else
            snprintf(out, size, "%s", p->first);
        return out;
    case COL_WHEN: {
        char days[64], times[16];
        loan_format_weekdays_shown(p->weekdays, days, sizeof days);
        ui_loan_times(p->start_minute, p->end_minute, times, sizeof times);
        snprintf(out, size, "%s %s", days, times);
        return out;
    }
    case COL_ROOM:
        return p->room;
    case COL_SITE:
        return p->site;
    case COL_ASSOC:
        return p->association;
    case COL_DATES:
        snprintf(out, size, "%zu", p->pending_dates);
        return out;
    case COL_INSURANCE:
        /* "!" beside an insurance that is unknown or runs out before the
         * last date: approving then warns (storage's rule). */
        if (!p->insurance_until[0])
            return _("! unknown");
        snprintf(out, size, "%s", p->insurance_until);
        if (civil_parse_date(p->insurance_until, &d) == 0) {
            char fr[CIVIL_DATE_LEN];
            civil_format_date_fr(d, fr, sizeof fr);
            snprintf(out, size, "%s%s", strcmp(p->insurance_until, p->last) < 0 ? "! " : "",
                     fr);
        }
        return out;
    }
    return "";
}

static void load(struct ui_app *app, struct queue *q)
{
    free(q->rows);
    q->rows = NULL;
    q->count = 0;
    struct db_error err = {0};
    if (db_loan_pending_list(app->db, &q->rows, &q->count, &err) != DB_OK)
        ui_app_db_error(app, &err);
    /* marks of requests no longer waiting go */
    for (size_t i = 0; i < q->n_marked;) {
        int found = 0;
        for (size_t k = 0; k < q->count && !found; k++)
            found = q->rows[k].request_id == q->marked[i];
        if (found)
            i++;
        else
            q->marked[i] = q->marked[--q->n_marked];
    }
    if (ui_listbox_set_count(&q->box, q->count) != 0)
        ui_app_message(app, 1, "%s", _("out of memory"));
}

static const struct db_loan_pending *current(const struct queue *q)
{
    long sel = ui_listbox_selected(&q->box);
    return sel >= 0 && (size_t)sel < q->count ? &q->rows[sel] : NULL;
}

static void queue_draw(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct queue *q = (struct queue *)self;
    WINDOW *w = ui_pane_window(&q->win);
    if (!w)
        return;
    char right[96];
    snprintf(right, sizeof right,
             ngettext("%zu request waiting", "%zu requests waiting", q->count), q->count);
    ui_pane_title(w, 0, _("Room loans: requests to decide"), right);
    int rows = getmaxy(w) - 1, cols = getmaxx(w);
    if (q->count == 0) {
        ui_draw_str(w, 2, 1, cols - 2, _("No request is waiting for a decision."), A_NORMAL, 0);
        ui_draw_str(w, 3, 1, cols - 2,
                    _("n: new request · f: find a free room · A: register an association"),
                    A_DIM, 0);
    } else {
        ui_listbox_draw(&q->box, w, 1, 0, rows, cols);
    }
    wnoutrefresh(w);
}

static void queue_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    struct queue *q = (struct queue *)self;
    if (q->n_marked)
        snprintf(buf, size,
                 ngettext("%zu request marked: a approves it",
                          "%zu requests marked: a approves them all", q->n_marked),
                 q->n_marked);
    else
        snprintf(buf, size, "%s",
                 _("a approve · r refuse · Space mark · Enter dates · w room week · c season"));
}

/* The associations approved in a batch whose insurance is unknown or runs
 * out too soon, each once: ", "-separated into buf. */
static void batch_uninsured(const struct queue *q, const int64_t *ids, const int *results,
                            const struct db_loan_outcome *outs, size_t n, char *buf,
                            size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (results[i] != DB_OK || !outs[i].insurance_warning)
            continue;
        const char *name = NULL;
        for (size_t k = 0; k < q->count && !name; k++)
            if (q->rows[k].request_id == ids[i])
                name = q->rows[k].association;
        if (!name)
            continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            for (size_t k = 0; k < q->count; k++)
                if (q->rows[k].request_id == ids[j] && results[j] == DB_OK &&
                    outs[j].insurance_warning && strcmp(q->rows[k].association, name) == 0)
                    seen = 1;
        if (seen || used >= size - 1)
            continue;
        used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "", name);
    }
}

static void approve_marked(struct ui_app *app, struct queue *q)
{
    size_t n = q->n_marked;
    int64_t *ids = calloc(n, sizeof *ids);
    int *results = calloc(n, sizeof *results);
    struct db_loan_outcome *outs = calloc(n, sizeof *outs);
    if (!ids || !results || !outs) {
        free(ids);
        free(results);
        free(outs);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    /* in the order of the queue: the earliest first dates first */
    size_t k = 0;
    for (size_t i = 0; i < q->count; i++)
        if (is_marked(q, q->rows[i].request_id))
            ids[k++] = q->rows[i].request_id;
    n = k;
    struct db_error err = {0};
    db_loan_approve_many(app->db, ids, n, results, outs, &err);
    size_t approved = 0, refused = 0;
    char which[128] = "";
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (results[i] == DB_OK) {
            approved++;
        } else {
            refused++;
            if (used < sizeof which - 24)
                used += (size_t)snprintf(which + used, sizeof which - used, " %lld",
                                         (long long)ids[i]);
        }
    }
    char done[256], uninsured[256];
    if (refused)
        snprintf(done, sizeof done,
                 _("%zu approved; %zu not approved (a clash or a change meanwhile), "
                   "still waiting: request%s"),
                 approved, refused, which);
    else
        snprintf(done, sizeof done,
                 ngettext("%zu request approved.", "%zu requests approved.", approved),
                 approved);
    batch_uninsured(q, ids, results, outs, n, uninsured, sizeof uninsured);
    if (uninsured[0])
        /* the same rule as one approval: unknown, over, or ending before
         * the last approved date */
        ui_app_message(app, 1, _("%s Insurance missing or out of date: %s."), done,
                       uninsured);
    else
        ui_app_message(app, refused != 0, "%s", done);
    q->n_marked = 0;
    free(ids);
    free(results);
    free(outs);
    ui_loan_reload_all(app);
}

/* Any association's season, not only those with a request waiting: the
 * list of every association, the one under the cursor chosen first. */
struct season_choice {
    struct db_association *list;
    size_t count;
};

static void season_done(struct ui_app *app, void *ctx, long chosen)
{
    struct season_choice *c = ctx;
    if (app && !app->closing && chosen >= 0 && (size_t)chosen < c->count)
        ui_loan_dates_open(app, c->list[chosen].id, 0, app->now.date);
    free(c->list);
    free(c);
}

static void choose_season(struct ui_app *app, int64_t association_id)
{
    struct season_choice *c = calloc(1, sizeof *c);
    struct db_error err = {0};
    if (!c) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    if (db_association_list(app->db, &c->list, &c->count, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        free(c);
        return;
    }
    if (c->count == 0) {
        ui_app_message(app, 1, "%s", _("Register an association first (A)."));
        season_done(app, c, -1);
        return;
    }
    const char **names = calloc(c->count, sizeof *names);
    if (!names) {
        season_done(app, c, -1);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    size_t sel = 0;
    for (size_t i = 0; i < c->count; i++) {
        names[i] = c->list[i].name;
        if (c->list[i].id == association_id)
            sel = i;
    }
    struct ui_layer *l = ui_list_new(_("Season of which association?"), names, c->count, sel,
                                     season_done, c);
    free(names);
    if (l)
        ui_app_push(app, l);
}

static enum ui_result queue_key(struct ui_app *app, struct ui_layer *self,
                                enum ui_action action, int key)
{
    struct queue *q = (struct queue *)self;
    const struct db_loan_pending *p = current(q);
    struct civil_date first = {0, 0, 0};
    if (p)
        civil_parse_date(p->first, &first);
    switch (action) {
    case UI_ACT_QUIT:
    case UI_ACT_BACK:
        return UI_CLOSE;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    case UI_ACT_NEW:
        ui_loan_request_form(app, 0, app->now.date);
        return UI_HANDLED;
    case UI_ACT_NEW_BORROWER:
        ui_loan_association_form(app);
        return UI_HANDLED;
    case UI_ACT_FIND_ROOM:
        ui_loan_finder_form(app);
        return UI_HANDLED;
    case UI_ACT_APPROVE:
        if (q->n_marked)
            approve_marked(app, q);
        else if (p)
            ui_loan_approve(app, p->request_id, NULL);
        else
            ui_app_message(app, 1, "%s", _("No request is waiting for a decision."));
        return UI_HANDLED;
    case UI_ACT_REFUSE:
        if (p)
            ui_loan_reason_form(app, p->request_id, NULL, DB_DECIDE_REFUSE);
        return UI_HANDLED;
    case UI_ACT_MARK:
        if (p) {
            toggle_mark(q, p->request_id);
            ui_listbox_key(&q->box, UI_ACT_DOWN, 0);
        }
        return UI_HANDLED;
    case UI_ACT_OPEN:
        if (p)
            ui_loan_dates_open(app, p->association_id, p->request_id, first);
        return UI_HANDLED;
    case UI_ACT_SEASON:
        choose_season(app, p ? p->association_id : 0);
        return UI_HANDLED;
    case UI_ACT_VIEW:
        if (p)
            ui_loan_grid_open(app, p->room_id, first, 0);
        return UI_HANDLED;
    case UI_ACT_STRUCTURE: { /* rooms, closures, lending hours */
        struct ui_layer *l = ui_structure_new_loans(app, p ? p->room_id : 0);
        if (l)
            ui_app_push(app, l);
        return UI_HANDLED;
    }
    default:
        ui_listbox_key(&q->box, action, key);
        return UI_HANDLED;
    }
}

static void queue_reload(struct ui_app *app, struct ui_layer *self)
{
    load(app, (struct queue *)self);
}

static void queue_destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct queue *q = (struct queue *)self;
    if (q->win)
        delwin(q->win);
    ui_listbox_free(&q->box);
    free(q->rows);
    free(q->marked);
    free(q);
}

struct ui_layer *ui_loans_new(struct ui_app *app)
{
    struct queue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->layer.draw = queue_draw;
    q->layer.on_key = queue_key;
    q->layer.status = queue_status;
    q->layer.reload = queue_reload;
    q->layer.destroy = queue_destroy;
    q->layer.full_screen = 1;
    q->layer.keys = &ui_keys_loans;
    ui_listbox_init(&q->box, columns, NCOLS, row_text, q, 0);
    load(app, q);
    return &q->layer;
}
