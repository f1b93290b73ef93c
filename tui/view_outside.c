/* view_outside.c - the appointments left outside (see view_outside.h).
 *
 * What it shows: storage's db_appt_conflicts from now on (at each site's
 * clock) for a year (one read), of an agent at every site or of the site shown (s: every site),
 * by start; the why of each line ("agent absent", "outside opening
 * hours") in its own column and after the "!" mark, so that it never
 * rests on colour. The lines are a list widget (listbox.h): / filters.
 *
 * Keys on the line under the cursor: f (F2) the slot finder on the
 * appointment's motif and site, whose chosen slot opens the change form
 * (dialog_slots.c, appt_forms.c); e (F4) the change form as it is; x (F8)
 * the cancellation form, which starts as one by the service with the why
 * as its reason (appt_forms.c). Every write reloads every layer
 * (ui_desk_reload), this one included: a line moved or cancelled leaves
 * the list, and the cursor stays on the same line number, that is on the
 * next appointment to settle. */
#include "view_outside.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "desk.h"
#include "dialogs.h"
#include "draw.h"
#include "listbox.h"
#include "pane.h"
#include "theme.h"

enum {
    DAYS = 366,    /* from today: what a change can leave outside */
    HEAD_ROWS = 2, /* title + column names */
    FOOT_ROWS = 1, /* legend */
};

struct outside {
    struct ui_layer layer; /* first: the layer pointer is the list pointer */
    WINDOW *win;
    int64_t agent_id;      /* 0: every agent */
    char agent_name[2 * DB_NAME_LEN + 2];
    int all_sites;
    struct db_stranded *rows;
    size_t count;
    struct ui_listbox box;
    char cell[6][2 * DB_NAME_LEN + 64];
};

static const struct db_stranded *current(const struct outside *o)
{
    long i = ui_listbox_selected(&o->box);
    return i >= 0 && (size_t)i < o->count ? &o->rows[i] : NULL;
}

/* Appointments already started at their site's clock are history: what
 * is left outside from now on stays. */
static void drop_started(struct ui_app *app, struct outside *o)
{
    size_t kept = 0;
    for (size_t i = 0; i < o->count; i++) {
        const struct db_appt *a = &o->rows[i].row.day.appt;
        struct civil_datetime now = app->now, start;
        for (size_t k = 0; k < app->site_count; k++)
            if (app->sites[k].id == a->site_id)
                db_zone_now(app->sites[k].timezone, &now);
        if (civil_parse_datetime(a->starts_at, &start) == 0 &&
            civil_datetime_compare(start, now) < 0)
            continue;
        o->rows[kept++] = o->rows[i];
    }
    o->count = kept;
}

static void load(struct ui_app *app, struct outside *o)
{
    free(o->rows);
    o->rows = NULL;
    o->count = 0;
    const struct db_site *site = ui_app_site(app);
    int64_t site_id = o->all_sites || !site ? 0 : site->id;
    struct civil_date to;
    struct db_error err = {0};
    if (civil_date_add_days(app->now.date, DAYS, &to) != 0 ||
        db_appt_conflicts(app->db, site_id, o->agent_id, app->now.date, to, &o->rows, &o->count,
                          &err) != DB_OK) {
        o->rows = NULL;
        o->count = 0;
        if (err.status != DB_OK)
            ui_app_db_error(app, &err);
    }
    drop_started(app, o);
    ui_listbox_set_count(&o->box, o->count);
}

static void reload(struct ui_app *app, struct ui_layer *self)
{
    load(app, (struct outside *)self);
}

/* ---- drawing ---------------------------------------------------------- */

static const struct ui_list_column columns[] = {
    {N_("When"), 16, 0},
    {N_("Person"), 12, UI_LIST_GROW},
    {N_("Why"), 12, 0},
    {N_("Motif"), 8, UI_LIST_OPTIONAL},
    {N_("Agent"), 8, 0},
    {N_("Site"), 6, 0},
};

static const char *cell_text(void *ctx, size_t row, int col)
{
    struct outside *o = ctx;
    if (row >= o->count || col < 0 || col > 5)
        return "";
    const struct db_stranded *s = &o->rows[row];
    const struct db_appt_row *r = &s->row;
    char *out = o->cell[col];
    size_t size = sizeof o->cell[col];
    switch (col) {
    case 0: {
        struct civil_datetime start;
        char date[CIVIL_DATE_LEN + 2];
        if (civil_parse_datetime(r->day.appt.starts_at, &start) == 0 &&
            civil_format_date_fr(start.date, date, sizeof date) == 0)
            snprintf(out, size, "%s %s", date, r->day.appt.starts_at + CIVIL_DATE_LEN);
        else
            snprintf(out, size, "%s", r->day.appt.starts_at);
        return out;
    }
    case 1: {
        char last[DB_NAME_LEN * 2];
        ui_pane_upper(r->day.person_last, last, sizeof last);
        snprintf(out, size, "%.*s %s", DB_NAME_LEN - 1, last, r->day.person_first);
        return out;
    }
    case 2:
        db_stranded_describe(s->reasons, out, size);
        return out;
    case 3: return r->day.motif_name;
    case 4: {
        char last[DB_NAME_LEN * 2];
        ui_pane_upper(r->agent_last, last, sizeof last);
        snprintf(out, size, "%s %.*s", r->agent_first, DB_NAME_LEN - 1, last);
        return out;
    }
    default: return r->site_name;
    }
}

static int row_role(void *ctx, size_t row)
{
    (void)ctx;
    (void)row;
    return THEME_APPT;
}

static const wchar_t *row_mark(void *ctx, size_t row)
{
    (void)ctx;
    (void)row;
    return L"!";
}

static void outside_draw(struct ui_app *app, struct ui_layer *self)
{
    struct outside *o = (struct outside *)self;
    WINDOW *w = ui_pane_window(&o->win);
    if (!w)
        return;
    int rows = getmaxy(w), cols = getmaxx(w);
    const struct db_site *site = ui_app_site(app);
    char left[4 * DB_NAME_LEN + 64], right[128];
    const char *where = o->all_sites || !site ? _("every site") : site->name;
    if (o->agent_id)
        snprintf(left, sizeof left, "%s · %s · %s", _("Left outside"), o->agent_name, where);
    else
        snprintf(left, sizeof left, "%s · %s", _("Left outside"), where);
    snprintf(right, sizeof right, ngettext("%zu appointment", "%zu appointments", o->count),
             o->count);
    ui_pane_title(w, 0, left, right);

    int height = rows - HEAD_ROWS - FOOT_ROWS;
    ui_listbox_draw(&o->box, w, 1, 0, height + 1, cols);
    if (o->count == 0)
        ui_draw_str(w, HEAD_ROWS + height / 2, 0, cols,
                    _("Nothing left outside from now on."),
                    ui_theme_attr(THEME_STATUS), UI_DRAW_CENTER);
    else if (o->box.shown_count == 0)
        ui_draw_str(w, HEAD_ROWS + height / 2, 0, cols, _("No line contains this text."),
                    ui_theme_attr(THEME_STATUS), UI_DRAW_CENTER);
    ui_draw_str(w, rows - 1, 0, cols,
                _(" f move · e change · x cancel · Enter details · s sites · Esc back"),
                ui_theme_attr(THEME_HEADER), UI_DRAW_PAD);
    wnoutrefresh(w);
}

static void outside_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    struct outside *o = (struct outside *)self;
    const struct db_stranded *s = current(o);
    if (!s) {
        snprintf(buf, size, "%s", _("Esc: back"));
        return;
    }
    char why[128];
    db_stranded_describe(s->reasons, why, sizeof why);
    const struct db_appt_row *r = &s->row;
    snprintf(buf, size, _("%d/%zu: ! %s · %s %s, %s · %s %s"),
             (int)ui_listbox_selected(&o->box) + 1, o->count, why, r->day.person_last,
             r->day.person_first, r->day.motif_name, r->agent_first, r->agent_last);
}

/* ---- keys ------------------------------------------------------------- */

static void open_details(struct ui_app *app, const struct db_appt_row *r)
{
    char agent[2 * DB_NAME_LEN + 2];
    snprintf(agent, sizeof agent, "%s %s", r->agent_first, r->agent_last);
    struct ui_layer *d = ui_details_new(app, &r->day, agent);
    if (d)
        ui_app_push(app, d);
}

static int outside_typing(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    return ui_listbox_typing(&((struct outside *)self)->box);
}

static void set_columns(struct outside *o)
{
    ui_listbox_set_columns(&o->box, columns, o->all_sites ? 6 : 5);
}

static enum ui_result outside_key(struct ui_app *app, struct ui_layer *self,
                                  enum ui_action action, int key)
{
    struct outside *o = (struct outside *)self;
    if (ui_listbox_key(&o->box, action, key))
        return UI_HANDLED; /* moves, and the filter typed after / */
    const struct db_stranded *s = current(o);
    switch (action) {
    case UI_ACT_FIND_SLOT:
    case UI_ACT_EDIT:
    case UI_ACT_CANCEL_APPT:
    case UI_ACT_OPEN:
        if (!s)
            ui_app_message(app, 0, "%s", _("No appointment here."));
        else if (action == UI_ACT_FIND_SLOT)
            ui_slots_move(app, &s->row.day);
        else if (action == UI_ACT_OPEN)
            open_details(app, &s->row);
        else
            ui_appt_act(app, &s->row.day, action);
        return UI_HANDLED;
    case UI_ACT_SITE: /* s: this site <-> every site */
        o->all_sites = !o->all_sites;
        o->box.cursor = o->box.top = 0;
        set_columns(o);
        load(app, o);
        ui_listbox_key(&o->box, UI_ACT_FIRST, 0);
        return UI_HANDLED;
    case UI_ACT_QUIT:
        return UI_CLOSE;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    default:
        return UI_HANDLED; /* keys this table does not bind mean nothing */
    }
}

static void outside_destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct outside *o = (struct outside *)self;
    if (o->win)
        delwin(o->win);
    ui_listbox_free(&o->box);
    free(o->rows);
    free(o);
}

struct ui_layer *ui_outside_new(struct ui_app *app, int64_t agent_id)
{
    struct outside *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->layer.draw = outside_draw;
    o->layer.full_screen = 1;
    o->layer.on_key = outside_key;
    o->layer.keys = &ui_keys_outside;
    o->layer.status = outside_status;
    o->layer.reload = reload;
    o->layer.destroy = outside_destroy;
    o->layer.typing = outside_typing;
    o->agent_id = agent_id;
    /* An agent's appointments: wherever they work. */
    o->all_sites = agent_id != 0;
    if (agent_id) {
        struct db_agent a;
        if (db_agent_get(app->db, agent_id, &a, NULL) == DB_OK)
            snprintf(o->agent_name, sizeof o->agent_name, "%s %s", a.first_name, a.last_name);
    }
    ui_listbox_init(&o->box, columns, o->all_sites ? 6 : 5, cell_text, o,
                    UI_LISTBOX_FILTER_ON_DEMAND);
    o->box.normal_role = THEME_OPEN;
    o->box.header_role = THEME_HEADER;
    o->box.row_role = row_role;
    o->box.mark = row_mark;
    o->box.gutter = 2;
    load(app, o);
    return &o->layer;
}

void ui_outside_open(struct ui_app *app, int64_t agent_id)
{
    struct ui_layer *l = ui_outside_new(app, agent_id);
    if (!l)
        ui_app_message(app, 1, "%s", _("out of memory"));
    else
        ui_app_push(app, l);
}
