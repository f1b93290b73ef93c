/* view_tofill.c - the "to fill in" list (see view_tofill.h).
 *
 * What it shows: appointments that started before now and whose status is
 * still unknown (storage's db_to_fill_in), of the current site or of every
 * site (s toggles), oldest first or newest first (Tab toggles), at most
 * LOAD_MAX of them with the total in the title. The lines are a list
 * widget (listbox.h): / filters them by any text they show.
 *
 * Keys on the line under the cursor, one per outcome, as the legend at the
 * foot of the list says:
 *   v  seen ("vu")           n or N  no-show ("non venu")
 *   e  excused (cancelled by the person)     r  revoked (by the service)
 * Excused and revoked ask for the reason in a small form first. Each
 * outcome is one storage write unit carrying the version the list was
 * read at: when another desk changed the appointment meanwhile, the
 * conflict dialog shows who and what, and offers to reload or re-apply.
 * After a write the list is read again and the cursor stays on the same
 * line number, that is on the next appointment to fill in. */
#include "view_tofill.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "dialog_conflict.h"
#include "desk.h"
#include "dialogs.h"
#include "draw.h"
#include "form.h"
#include "listbox.h"
#include "pane.h"
#include "../common/safe_text.h"
#include "theme.h"

enum {
    LOAD_MAX = 500, /* lines read at once: a desk fills in the recent ones */
    HEAD_ROWS = 2,  /* title + column names */
    FOOT_ROWS = 1,  /* legend */
    REASON_MAX = 200,
};

struct tofill {
    struct ui_layer layer; /* first: the layer pointer is the list pointer */
    WINDOW *win;
    struct db_appt_row *rows;
    size_t count;
    size_t total;
    int all_sites;
    enum db_order order;
    struct ui_listbox box; /* cursor, paging, the filter typed after / */
    char cell[5][2 * DB_NAME_LEN + 64]; /* the text of a cell being drawn */
};

/* The line under the cursor, or NULL. */
static const struct db_appt_row *current(const struct tofill *t)
{
    long i = ui_listbox_selected(&t->box);
    return i >= 0 && (size_t)i < t->count ? &t->rows[i] : NULL;
}

static void tofill_draw(struct ui_app *app, struct ui_layer *self);

/* The list, if it is still on the stack (callbacks run after dialogs
 * closed; the list may be gone by then). */
static struct tofill *find_list(struct ui_app *app)
{
    for (int i = 0; app && i < app->layer_count; i++)
        if (app->layers[i]->draw == tofill_draw)
            return (struct tofill *)app->layers[i];
    return NULL;
}

/* ---- loading ---------------------------------------------------------- */

static void load(struct ui_app *app, struct tofill *t)
{
    free(t->rows);
    t->rows = NULL;
    t->count = 0;
    t->total = 0;
    const struct db_site *site = ui_app_site(app);
    int64_t site_id = t->all_sites || !site ? 0 : site->id;
    struct db_error err = {0};
    if (db_to_fill_in(app->db, site_id, t->order, 0, LOAD_MAX, &t->rows, &t->count, &t->total,
                      &err) != DB_OK) {
        t->rows = NULL;
        t->count = 0;
        ui_app_db_error(app, &err);
    }
    ui_listbox_set_count(&t->box, t->count);
}

static void reload(struct ui_app *app, struct ui_layer *self)
{
    load(app, (struct tofill *)self);
}

/* ---- outcomes --------------------------------------------------------- */

struct outcome {
    int64_t id;
    int64_t version;
    enum appt_status to;
    char reason[REASON_MAX * 4 + 1];
    char what[DB_NAME_LEN * 3 + 64]; /* "DUPONT Marie, 24/11/2026 09:30" */
    struct db_conflict conflict;
    int conflicted;
};

static const char *outcome_words(enum appt_status s)
{
    switch (s) {
    case APPT_SEEN: return _("seen");
    case APPT_NOSHOW: return _("no-show");
    case APPT_EXCUSED: return _("excused (cancelled by the person)");
    case APPT_REVOKED: return _("revoked (cancelled by the service)");
    default: return _("to fill in");
    }
}

static int apply(struct ui_app *app, struct outcome *o, struct db_error *err)
{
    memset(&o->conflict, 0, sizeof o->conflict);
    if (o->to == APPT_EXCUSED || o->to == APPT_REVOKED)
        return db_appt_cancel(app->db, o->id, o->version, o->to, o->reason, &o->conflict, err);
    return db_appt_set_status(app->db, o->id, o->version, o->to, &o->conflict, err);
}

static void conflict_done(struct ui_app *app, void *ctx, enum ui_conflict_choice choice,
                          int64_t current_version);

/* What follows a write: a message, the list read again, or the conflict
 * dialog. Takes ownership of `o`. */
static void finish(struct ui_app *app, struct outcome *o, int rc, const struct db_error *err)
{
    struct tofill *t = find_list(app);
    if (rc == DB_ERR_CONFLICT) {
        char mine[128];
        snprintf(mine, sizeof mine, "%s", outcome_words(o->to));
        ui_conflict_show(app, o->what, mine, &o->conflict, conflict_done, o);
        return; /* the dialog owns o now */
    }
    if (rc == DB_OK)
        /* TRANSLATORS: "Dupont Marie, 24/11 09:00: seen." */
        ui_app_message(app, 0, _("%s: %s."), o->what, outcome_words(o->to));
    else
        ui_app_db_error(app, err);
    if (t)
        load(app, t);
    free(o);
}

static void conflict_done(struct ui_app *app, void *ctx, enum ui_conflict_choice choice,
                          int64_t current_version)
{
    struct outcome *o = ctx;
    if (!app) {
        free(o);
        return;
    }
    if (choice == UI_CONFLICT_REAPPLY) {
        o->version = current_version;
        struct db_error err = {0};
        int rc = apply(app, o, &err);
        finish(app, o, rc, &err);
        return;
    }
    struct tofill *t = find_list(app);
    if (t)
        load(app, t);
    if (choice == UI_CONFLICT_RELOAD)
        ui_app_message(app, 0, "%s", _("Reloaded: the list shows the current state."));
    free(o);
}

/* The reason form of excused and revoked: the write happens in validate so
 * a refusal keeps the form open with what was typed. */
static int reason_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct outcome *o = ctx;
    snprintf(o->reason, sizeof o->reason, "%s", ui_form_text(form, 0));
    struct db_error err = {0};
    int rc = apply(app, o, &err);
    if (rc == DB_OK)
        return 0;
    if (rc == DB_ERR_CONFLICT) {
        o->conflicted = 1;
        return 0; /* closes; done shows the conflict above what is below */
    }
    char msg[UI_MESSAGE_LEN];
    db_error_format(&err, msg, sizeof msg);
    ui_form_set_error(form, rc == DB_ERR_INVALID || rc == DB_ERR_REFUSED ? 0 : -1, msg);
    return 1;
}

static void reason_done(struct ui_app *app, struct ui_form *form, enum ui_form_result result,
                        void *ctx)
{
    (void)form;
    struct outcome *o = ctx;
    if (!app || result != UI_FORM_CONFIRMED) {
        free(o);
        return;
    }
    struct db_error err = {0};
    finish(app, o, o->conflicted ? DB_ERR_CONFLICT : DB_OK, &err);
}

static void start_outcome(struct ui_app *app, struct tofill *t, enum appt_status to)
{
    if (app->readonly) {
        ui_app_message(app, 1, "%s", _("read-only database"));
        return;
    }
    const struct db_appt_row *r = current(t);
    if (!r)
        return;
    struct outcome *o = calloc(1, sizeof *o);
    if (!o) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    o->id = r->day.appt.id;
    o->version = r->day.appt.version;
    o->to = to;
    struct civil_datetime start;
    char date[CIVIL_DATE_LEN + 2] = "";
    if (civil_parse_datetime(r->day.appt.starts_at, &start) == 0)
        civil_format_date_fr(start.date, date, sizeof date);
    snprintf(o->what, sizeof o->what, "%s %s, %s %s", r->day.person_last, r->day.person_first,
             date, r->day.appt.starts_at + CIVIL_DATE_LEN);
    if (to == APPT_SEEN || to == APPT_NOSHOW) {
        struct db_error err = {0};
        int rc = apply(app, o, &err);
        finish(app, o, rc, &err);
        return;
    }
    struct ui_form_hooks hooks = {.validate = reason_validate, .done = reason_done};
    char title[DB_NAME_LEN * 3 + 96];
    snprintf(title, sizeof title, _("%s: %s"),
             to == APPT_EXCUSED ? _("Excused") : _("Revoked"), o->what);
    struct ui_form *f = ui_form_new(title, &hooks, o);
    if (!f) {
        free(o);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    if (ui_form_add_text(f, _("Reason"), "", REASON_MAX, UI_FORM_REQUIRED) < 0) {
        ui_form_free(f);
        free(o);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    ui_form_set_hint(f, 0,
                     to == APPT_EXCUSED ? _("why the person cancelled")
                                        : _("why the service cancelled"));
    ui_app_push(app, ui_form_layer(f));
}

/* ---- drawing ---------------------------------------------------------- */

/* Widths come from what the lines hold (listbox.h); the site only when
 * every site is listed. */
static const struct ui_list_column columns[] = {
    {N_("When"), 16, 0},
    {N_("Person"), 12, UI_LIST_GROW},
    {N_("Motif"), 8, 0},
    {N_("Agent"), 8, 0},
    {N_("Site"), 6, 0},
};

static const char *cell_text(void *ctx, size_t row, int col)
{
    struct tofill *t = ctx;
    if (row >= t->count || col < 0 || col > 4)
        return "";
    const struct db_appt_row *r = &t->rows[row];
    char *out = t->cell[col];
    size_t size = sizeof t->cell[col];
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
    case 2: return r->day.motif_name;
    case 3: {
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
    return THEME_APPT_TO_FILL;
}

static const wchar_t *row_mark(void *ctx, size_t row)
{
    (void)ctx;
    (void)row;
    return ui_glyph(UI_GLYPH_MARK_TO_FILL);
}

static void tofill_draw(struct ui_app *app, struct ui_layer *self)
{
    struct tofill *t = (struct tofill *)self;
    WINDOW *w = ui_pane_window(&t->win);
    if (!w)
        return;
    int rows = getmaxy(w), cols = getmaxx(w);
    const struct db_site *site = ui_app_site(app);
    char left[256], right[128];
    snprintf(left, sizeof left, "%s · %s", _("To fill in"),
             t->all_sites || !site ? _("every site") : site->name);
    if (t->total > t->count)
        snprintf(right, sizeof right, _("%zu appointments, the first %zu · %s"), t->total,
                 t->count,
                 t->order == DB_OLDEST_FIRST ? _("oldest first") : _("newest first"));
    else
        snprintf(right, sizeof right, _("%zu appointments · %s"), t->total,
                 t->order == DB_OLDEST_FIRST ? _("oldest first") : _("newest first"));
    ui_pane_title(w, 0, left, right);

    int height = rows - HEAD_ROWS - FOOT_ROWS;
    ui_listbox_draw(&t->box, w, 1, 0, height + 1, cols);
    if (t->count == 0)
        ui_draw_str(w, HEAD_ROWS + height / 2, 0, cols,
                    _("Nothing to fill in: every past appointment has its outcome."),
                    ui_theme_attr(THEME_STATUS), UI_DRAW_CENTER);
    else if (t->box.shown_count == 0)
        ui_draw_str(w, HEAD_ROWS + height / 2, 0, cols, _("No line contains this text."),
                    ui_theme_attr(THEME_STATUS), UI_DRAW_CENTER);
    ui_draw_str(w, rows - 1, 0, cols,
                _(" v seen · n no-show · e excused · r revoked · / filter · s sites · "
                  "Esc back"),
                ui_theme_attr(THEME_HEADER), UI_DRAW_PAD);
    wnoutrefresh(w);
}

static void tofill_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    struct tofill *t = (struct tofill *)self;
    const struct db_appt_row *r = current(t);
    if (!r) {
        snprintf(buf, size, "%s", _("Esc: back to the day view"));
        return;
    }
    snprintf(buf, size, _("%d/%zu: %s %s, %s · %s %s · booked by %s"),
             (int)ui_listbox_selected(&t->box) + 1, t->total,
             r->day.person_last, r->day.person_first, r->day.motif_name, r->agent_first,
             r->agent_last, r->day.appt.created_by[0] ? r->day.appt.created_by : "?");
}

/* ---- keys ------------------------------------------------------------- */

static void open_details(struct ui_app *app, struct tofill *t)
{
    const struct db_appt_row *r = current(t);
    if (!r)
        return;
    char agent[2 * DB_NAME_LEN + 2];
    snprintf(agent, sizeof agent, "%s %s", r->agent_first, r->agent_last);
    struct ui_layer *d = ui_details_new(app, &r->day, agent);
    if (d)
        ui_app_push(app, d);
}

static int tofill_typing(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    return ui_listbox_typing(&((struct tofill *)self)->box);
}

static void set_columns(struct tofill *t)
{
    ui_listbox_set_columns(&t->box, columns, t->all_sites ? 5 : 4);
}

static enum ui_result tofill_key(struct ui_app *app, struct ui_layer *self,
                                 enum ui_action action, int key)
{
    struct tofill *t = (struct tofill *)self;
    if (ui_listbox_key(&t->box, action, key))
        return UI_HANDLED; /* moves, and the filter typed after / */
    const struct db_appt_row *r = current(t);
    switch (action) {
    case UI_ACT_SEEN: start_outcome(app, t, APPT_SEEN); return UI_HANDLED;
    case UI_ACT_NOSHOW: start_outcome(app, t, APPT_NOSHOW); return UI_HANDLED;
    case UI_ACT_EXCUSED: start_outcome(app, t, APPT_EXCUSED); return UI_HANDLED;
    case UI_ACT_REVOKED: start_outcome(app, t, APPT_REVOKED); return UI_HANDLED;
    case UI_ACT_SORT: /* Tab: oldest first <-> newest first */
        t->order = t->order == DB_OLDEST_FIRST ? DB_NEWEST_FIRST : DB_OLDEST_FIRST;
        t->box.cursor = t->box.top = 0;
        load(app, t);
        ui_listbox_key(&t->box, UI_ACT_FIRST, 0);
        return UI_HANDLED;
    case UI_ACT_QUIT:
        return UI_CLOSE;
    case UI_ACT_SITE: /* s: this site <-> every site */
        t->all_sites = !t->all_sites;
        t->box.cursor = t->box.top = 0;
        set_columns(t);
        load(app, t);
        ui_listbox_key(&t->box, UI_ACT_FIRST, 0);
        return UI_HANDLED;
    case UI_ACT_OPEN: open_details(app, t); return UI_HANDLED;
    case UI_ACT_UNDO: ui_desk_undo(app); return UI_HANDLED;
    case UI_ACT_ARRIVED:     /* the day view's appointment actions work */
    case UI_ACT_UNDO_STATUS: /* here too, on the line under the cursor */
    case UI_ACT_STATUS:
    case UI_ACT_CANCEL_APPT:
    case UI_ACT_EDIT:
        if (r)
            ui_appt_act(app, &r->day, action);
        return UI_HANDLED;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    default:
        return UI_HANDLED; /* keys this table does not bind mean nothing */
    }
}

static void tofill_destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct tofill *t = (struct tofill *)self;
    if (t->win)
        delwin(t->win);
    ui_listbox_free(&t->box);
    free(t->rows);
    free(t);
}

struct ui_layer *ui_tofill_new(struct ui_app *app)
{
    struct tofill *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->layer.draw = tofill_draw;
    t->layer.full_screen = 1; /* a pane: the day view below need not be drawn */
    t->layer.on_key = tofill_key;
    t->layer.keys = &ui_keys_tofill;
    t->layer.status = tofill_status;
    t->layer.reload = reload;
    t->layer.destroy = tofill_destroy;
    t->layer.typing = tofill_typing;
    t->order = DB_OLDEST_FIRST;
    ui_listbox_init(&t->box, columns, 4, cell_text, t, UI_LISTBOX_FILTER_ON_DEMAND);
    t->box.normal_role = THEME_OPEN;
    t->box.header_role = THEME_HEADER;
    t->box.row_role = row_role;
    t->box.mark = row_mark;
    t->box.gutter = 2;
    load(app, t);
    return &t->layer;
}
