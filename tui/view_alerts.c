/* view_alerts.c - the alerts panel and the on-screen alerts banner
 * (view_alerts.h).
 *
 * The panel lists, from the console's scores (risk_watch.h), the
 * appointments at risk from now to the end of tomorrow at the site shown
 * (or every site), riskiest first: risk, when, person, phone, motif and
 * what was done. Below the list, the cursor line's reasons (the model's
 * odds multipliers in words) and its note. Each mark is one write unit in
 * storage (db_followup_set: audited, like every write); the list follows
 * at once. */
#include "view_alerts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wchar.h>

#include "../common/i18n.h"
#include "../common/safe_text.h"
#include "draw.h"
#include "form.h"
#include "listbox.h"
#include "pane.h"
#include "risk_watch.h"
#include "theme.h"

enum { FOOT_ROWS = 3, COL_COUNT = 6, CELL_LEN = 2 * DB_NAME_LEN + 8 };

struct alerts {
    struct ui_layer layer;
    WINDOW *win;
    struct ui_listbox box;
    int all_sites;
    struct db_risk_item *items; /* the rows, riskiest first */
    size_t count;
    const struct db_risk_item *source; /* risk_watch's array they came from */
    char cell[CELL_LEN];
};

static const struct ui_list_column columns[COL_COUNT] = {
    {N_("Risk"), 5, UI_LIST_RIGHT},
    {N_("When"), 11, 0},
    {N_("Person"), 12, UI_LIST_GROW},
    {N_("Phone"), 10, 0},
    {N_("Motif"), 8, 0},
    {N_("Done"), 6, 0},
};

const char *ui_alerts_followup_words(const struct db_risk_item *it)
{
    if (it->confirmed)
        return _("confirmed");
    if (it->called)
        return _("called");
    if (it->no_answer)
        return _("no answer");
    return "";
}

static int riskiest_first(const void *a, const void *b)
{
    const struct db_risk_item *x = a, *y = b;
    if (x->risk != y->risk)
        return x->risk > y->risk ? -1 : 1;
    int c = strcmp(x->starts_at, y->starts_at);
    return c ? c : (x->appointment_id > y->appointment_id) - (x->appointment_id < y->appointment_id);
}

/* "jeu. 26/11 09:00" would need the locale's day names: "26/11 09:00". */
static void short_when(const char *starts_at, char *buf, size_t size)
{
    struct civil_datetime t;
    if (civil_parse_datetime(starts_at, &t) != 0) {
        snprintf(buf, size, "%s", starts_at);
        return;
    }
    char hhmm[CIVIL_TIME_LEN];
    civil_format_time(t.minute, hhmm, sizeof hhmm);
    snprintf(buf, size, "%02d/%02d %s", t.date.day, t.date.month, hhmm);
}

static const char *row_text(void *ctx, size_t row, int col)
{
    struct alerts *a = ctx;
    if (row >= a->count)
        return "";
    const struct db_risk_item *it = &a->items[row];
    switch (col) {
    case 0:
        snprintf(a->cell, sizeof a->cell, "%d %%", (int)(100.0 * it->risk + 0.5));
        return a->cell;
    case 1:
        short_when(it->starts_at, a->cell, sizeof a->cell);
        return a->cell;
    case 2:
        return it->person[0] ? it->person : "-";
    case 3:
        return it->phone;
    case 4:
        return it->motif_name;
    default:
        snprintf(a->cell, sizeof a->cell, "%s%s", ui_alerts_followup_words(it),
                 it->note[0] ? " +" : "");
        return a->cell;
    }
}

/* Rebuilds the rows from the console's scores, keeping the cursor on the
 * same appointment. */
static void load(struct ui_app *app, struct alerts *a)
{
    long sel = ui_listbox_selected(&a->box);
    int64_t keep = sel >= 0 && (size_t)sel < a->count ? a->items[sel].appointment_id : 0;
    free(a->items);
    a->items = NULL;
    a->count = 0;
    const struct ui_risk *r = &app->risk;
    a->source = r->items;
    const struct db_site *site = ui_app_site(app);
    struct civil_date after;
    char end[CIVIL_DATETIME_LEN] = "9999";
    if (civil_date_add_days(app->now.date, 2, &after) == 0)
        civil_format_datetime((struct civil_datetime){after, 0}, end, sizeof end);
    char now[CIVIL_DATETIME_LEN];
    civil_format_datetime(app->now, now, sizeof now);
    a->items = malloc((r->count ? r->count : 1) * sizeof *a->items);
    if (!a->items) {
        ui_listbox_set_count(&a->box, 0);
        return;
    }
    for (size_t i = 0; i < r->count; i++) {
        const struct db_risk_item *it = &r->items[i];
        if ((!a->all_sites && site && it->site_id != site->id) ||
            strcmp(it->starts_at, now) < 0 || strcmp(it->starts_at, end) >= 0)
            continue;
        a->items[a->count++] = *it;
    }
    qsort(a->items, a->count, sizeof *a->items, riskiest_first);
    ui_listbox_set_count(&a->box, a->count);
    for (size_t i = 0; i < a->count; i++)
        if (a->items[i].appointment_id == keep)
            ui_listbox_select(&a->box, i);
}

static const struct db_risk_item *selected(struct alerts *a)
{
    long sel = ui_listbox_selected(&a->box);
    return sel >= 0 && (size_t)sel < a->count ? &a->items[sel] : NULL;
}

/* ---- drawing ----------------------------------------------------------- */

static void draw(struct ui_app *app, struct ui_layer *self)
{
    struct alerts *a = (struct alerts *)self;
    if (a->source != app->risk.items)
        load(app, a); /* the scores were refreshed */
    WINDOW *w = ui_pane_window(&a->win);
    if (!w)
        return;
    int rows = getmaxy(w), cols = getmaxx(w);
    char left[200], right[200];
    snprintf(left, sizeof left, _("Alerts: risk of no-show today and tomorrow (%d %% or more)"),
             (int)(100.0 * app->risk.threshold + 0.5));
    const struct db_site *site = ui_app_site(app);
    snprintf(right, sizeof right, "%s", a->all_sites || !site ? _("every site") : site->name);
    ui_pane_title(w, 0, left, right);
    int list_rows = rows - 1 - FOOT_ROWS;
    if (list_rows < 2)
        list_rows = 2;
    if (!app->risk.computed) {
        ui_draw_str(w, 2, 1, cols - 2, _("Scoring the coming appointments..."),
                    ui_theme_attr(THEME_STATUS), 0);
    } else if (a->count == 0) {
        ui_draw_str(w, 2, 1, cols - 2, _("No appointment at risk today or tomorrow."),
                    ui_theme_attr(THEME_STATUS), 0);
    } else {
        ui_listbox_draw(&a->box, w, 1, 0, list_rows, cols);
    }
    const struct db_risk_item *it = selected(a);
    int y = rows - FOOT_ROWS;
    if (it && y > 1) {
        char line[DB_TEXT_LEN + 600];
        snprintf(line, sizeof line, "%s %s", _("Why:"),
                 it->reasons[0] ? it->reasons : _("no particular reason"));
        /* on two lines: what does not fit the first goes on the next */
        wchar_t wide[1024];
        ui_text_decode(line, wide, 1024, ui_draw_text_flags());
        int used = 0;
        size_t k = 0;
        for (; wide[k]; k++) {
            int cw = wcwidth(wide[k]);
            if (used + (cw > 0 ? cw : 0) > cols - 2)
                break;
            used += cw > 0 ? cw : 0;
        }
        /* cut at a space when there is one in the second half */
        size_t cut = k;
        while (wide[k] && cut > k / 2 && wide[cut - 1] != L' ')
            cut--;
        if (wide[k] && cut > k / 2)
            k = cut;
        wchar_t rest[1024];
        wcscpy(rest, wide + k);
        wide[k] = L'\0';
        ui_draw_wstr(w, y, 1, cols - 2, wide, ui_theme_attr(THEME_STATUS), UI_DRAW_PAD);
        if (rest[0] && y + 1 < rows) {
            ui_text_fit(rest, cols - 2, ui_draw_text_flags());
            ui_draw_wstr(w, y + 1, 1, cols - 2, rest, ui_theme_attr(THEME_STATUS), 0);
        }
        if (it->note[0] && y + 2 < rows) {
            snprintf(line, sizeof line, "%s %s", _("Note:"), it->note);
            for (char *p = line; *p; p++)
                if (*p == '\n')
                    *p = ' ';
            ui_draw_str(w, y + 2, 1, cols - 2, line, ui_theme_attr(THEME_STATUS), 0);
        }
    }
    wnoutrefresh(w);
}

static void status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    struct alerts *a = (struct alerts *)self;
    const struct db_risk_item *it = selected(a);
    if (!it) {
        buf[0] = '\0';
        return;
    }
    char when[32];
    short_when(it->starts_at, when, sizeof when);
    const char *done = ui_alerts_followup_words(it);
    snprintf(buf, size, "%s %s · %s%s%s", when, it->person, it->site_name, done[0] ? " · " : "",
             done);
}

/* ---- marks -------------------------------------------------------------- */

static void mark(struct ui_app *app, struct alerts *a, enum db_followup_mark what,
                 const char *note)
{
    const struct db_risk_item *it = selected(a);
    if (!it) {
        ui_app_message(app, 0, "%s", _("No appointment here."));
        return;
    }
    struct db_error err = {0};
    int64_t id = it->appointment_id;
    if (db_followup_set(app->db, id, what, note, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        return;
    }
    ui_risk_followup_changed(app, id, what, note);
    load(app, a);
    const char *words = what == DB_FOLLOWUP_NOTE ? _("note saved")
                        : what == DB_FOLLOWUP_CALLED ? _("called")
                        : what == DB_FOLLOWUP_CONFIRMED ? _("confirmed")
                                                        : _("no answer");
    /* TRANSLATORS: "Recorded: called · DUPONT Marie" */
    ui_app_message(app, 0, _("Recorded: %s · %s"), words, it->person);
}

struct note_ctx {
    struct alerts *panel;
    int64_t appointment_id;
};

static int note_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct note_ctx *n = ctx;
    struct db_error err = {0};
    const char *text = ui_form_text(form, 0);
    if (db_followup_set(app->db, n->appointment_id, DB_FOLLOWUP_NOTE, text, &err) != DB_OK) {
        char msg[UI_MESSAGE_LEN];
        db_error_format(&err, msg, sizeof msg);
        ui_form_set_error(form, -1, msg);
        return 1;
    }
    ui_risk_followup_changed(app, n->appointment_id, DB_FOLLOWUP_NOTE, text);
    return 0;
}

static void note_done(struct ui_app *app, struct ui_form *form, enum ui_form_result result,
                      void *ctx)
{
    (void)form;
    struct note_ctx *n = ctx;
    if (app && !app->closing && result == UI_FORM_CONFIRMED) {
        load(app, n->panel);
        ui_app_message(app, 0, "%s", _("Note saved."));
    }
    free(n);
}

static void edit_note(struct ui_app *app, struct alerts *a)
{
    const struct db_risk_item *it = selected(a);
    if (!it) {
        ui_app_message(app, 0, "%s", _("No appointment here."));
        return;
    }
    struct note_ctx *n = calloc(1, sizeof *n);
    if (!n)
        return;
    n->panel = a;
    n->appointment_id = it->appointment_id;
    struct ui_form_hooks hooks = {.validate = note_validate, .done = note_done};
    char title[160];
    snprintf(title, sizeof title, _("Note about the call: %s"), it->person);
    struct ui_form *f = ui_form_new(title, &hooks, n);
    if (!f) {
        free(n);
        return;
    }
    if (ui_form_add_text(f, _("Note"), it->note, DB_TEXT_LEN - 1, UI_FORM_MULTILINE) < 0) {
        ui_form_free(f);
        free(n);
        return;
    }
    ui_form_hint_readable(f, 0);
    ui_form_focus(f, 0);
    ui_app_push(app, ui_form_layer(f));
}

/* ---- keys ----------------------------------------------------------------- */

static enum ui_result on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                             int key)
{
    struct alerts *a = (struct alerts *)self;
    switch (action) {
    case UI_ACT_CALLED:
        mark(app, a, DB_FOLLOWUP_CALLED, NULL);
        return UI_HANDLED;
    case UI_ACT_CONFIRMED:
        mark(app, a, DB_FOLLOWUP_CONFIRMED, NULL);
        return UI_HANDLED;
    case UI_ACT_NO_ANSWER:
        mark(app, a, DB_FOLLOWUP_NO_ANSWER, NULL);
        return UI_HANDLED;
    case UI_ACT_NOTE:
        edit_note(app, a);
        return UI_HANDLED;
    case UI_ACT_SITE:
        a->all_sites = !a->all_sites;
        load(app, a);
        return UI_HANDLED;
    case UI_ACT_QUIT:
        return UI_CLOSE;
    default:
        if (ui_listbox_key(&a->box, action, key))
            return UI_HANDLED;
        return UI_IGNORED;
    }
}

static void reload(struct ui_app *app, struct ui_layer *self)
{
    load(app, (struct alerts *)self);
}

static void destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct alerts *a = (struct alerts *)self;
    if (a->win)
        delwin(a->win);
    ui_listbox_free(&a->box);
    free(a->items);
    free(a);
}

struct ui_layer *ui_alerts_new(struct ui_app *app)
{
    struct alerts *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->layer.draw = draw;
    a->layer.on_key = on_key;
    a->layer.status = status;
    a->layer.reload = reload;
    a->layer.destroy = destroy;
    a->layer.full_screen = 1;
    a->layer.keys = &ui_keys_alerts;
    ui_listbox_init(&a->box, columns, COL_COUNT, row_text, a, 0);
    /* old scores (or none yet): the person asked, score now */
    if (!app->risk.computed ||
        ui_app_monotonic_ms() - app->risk.computed_ms >= UI_RISK_REFRESH_MS)
        ui_risk_refresh(app);
    size_t acknowledged = ui_risk_acknowledge(app);
    load(app, a);
    if (acknowledged)
        ui_app_message(app, 0, ngettext("%zu on-screen alert acknowledged.",
                                        "%zu on-screen alerts acknowledged.", acknowledged),
                       acknowledged);
    return &a->layer;
}

/* ---- the banner -------------------------------------------------------------- */

static WINDOW *banner_win;

void ui_alerts_banner_free(void)
{
    if (banner_win)
        delwin(banner_win);
    banner_win = NULL;
}

void ui_alerts_banner_draw(struct ui_app *app)
{
    const struct ui_risk *r = &app->risk;
    ui_alerts_banner_free();
    if (r->banner_count == 0 || LINES < UI_MIN_LINES || COLS < UI_MIN_COLS)
        return;
    banner_win = newwin(1, COLS, LINES - 3, 0);
    if (!banner_win)
        return;
    const struct db_risk_item *it = &r->banner[0].item;
    char when[32], text[1024], more[64] = "";
    short_when(it->starts_at, when, sizeof when);
    if (r->banner_count > 1)
        snprintf(more, sizeof more, _(" (+%zu more)"), r->banner_count - 1);
    /* "!!" first: the banner does not rest on its colour */
    int n = snprintf(text, sizeof text, "%s ", ui_draw_ascii_lines() ? "!!" : "\u203C");
    /* TRANSLATORS: the on-screen alert: the key that shows and
     * acknowledges alerts first (a narrow screen cuts the end), then the
     * risk, when, person, phone and how many more. */
    snprintf(text + n, sizeof text - (size_t)n, _("A: alerts · no-show risk %d %%: %s %s%s%s%s"),
             (int)(100.0 * it->risk + 0.5), when, it->person[0] ? it->person : "-",
             it->phone[0] ? " " : "", it->phone, more);
    ui_draw_str(banner_win, 0, 0, COLS, text, ui_theme_attr(THEME_RISK_ALERT), UI_DRAW_PAD);
    wnoutrefresh(banner_win);
}
