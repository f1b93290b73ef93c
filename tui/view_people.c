/* view_people.c - people at the front desk: the search as you type (F3 or
 * /), the same search used to choose the person of a booking (the picker),
 * and a person's panel: their record, their appointments past and future
 * with statuses and waiting times, and how many times they did not come.
 *
 * The search runs one indexed storage query per key (db_person_search:
 * case and accents ignored, word prefixes, phone digits with any spacing,
 * a birth date "12/03/1980"), so results follow each key. Printable keys
 * always go into the search text: the letters bound to actions elsewhere
 * ("q", "n") are typed, and the F-keys do the rest.
 *
 * Both screens fill the terminal above the status line and the F-key bar,
 * in a window sized again on every draw (resize needs nothing more). */
#include "desk.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "day_grid.h"
#include "dialogs.h"
#include "draw.h"
#include "form.h"
#include "keys.h"
#include "listbox.h"
#include "pane.h"
#include "../common/safe_text.h"
#include "theme.h"

enum { SEARCH_LIMIT = 200, LINE_LEN = 512 };

static void say(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

/* A window covering the screen above the two bottom bars. */
static WINDOW *full_window(WINDOW **win)
{
    int rows = LINES - 2 > 1 ? LINES - 2 : 1;
    if (*win && (getmaxy(*win) != rows || getmaxx(*win) != COLS)) {
        delwin(*win);
        *win = NULL;
    }
    if (!*win)
        *win = newwin(rows, COLS, 0, 0);
    if (*win) {
        wbkgdset(*win, ' ' | ui_theme_attr(THEME_OPEN));
        werase(*win);
    }
    return *win;
}

/* "12/03/1980" from ISO, or "". */
static void french_date(const char *iso, char *buf, size_t size)
{
    struct civil_date d;
    if (iso[0] && civil_parse_date(iso, &d) == 0)
        say(buf, size, "%02d/%02d/%04d", d.day, d.month, d.year);
    else
        buf[0] = '\0';
}

/* ---- the search (and the picker) ------------------------------------------ */

struct people {
    struct ui_layer layer;
    WINDOW *win;
    int picking;                 /* the picker: Enter chooses */
    char title[128];
    struct ui_edit query;
    size_t hscroll;
    struct db_person_hit *hits;
    size_t count;
    struct ui_listbox box;       /* the hits: cursor, paging, columns */
    char cell[LINE_LEN];         /* the text of a cell being drawn */
    char error[UI_MESSAGE_LEN];
    /* picker */
    ui_person_chosen_fn done;
    void *ctx;
    int64_t chosen;
    int create;                  /* F2 in the picker: create, then choose */
};

static int64_t selected_id(const struct people *p)
{
    long i = ui_listbox_selected(&p->box);
    return i >= 0 && (size_t)i < p->count ? p->hits[i].id : 0;
}

static void search(struct ui_app *app, struct people *p)
{
    int64_t keep = selected_id(p);
    struct db_person_hit *hits = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_person_search(app->db, p->query.text, SEARCH_LIMIT, &hits, &n, &err) != DB_OK) {
        db_error_format(&err, p->error, sizeof p->error);
        return; /* keep the previous results */
    }
    p->error[0] = '\0';
    free(p->hits);
    p->hits = hits;
    p->count = n;
    p->box.cursor = p->box.top = 0;
    ui_listbox_set_count(&p->box, n);
    for (size_t i = 0; i < n; i++)
        if (keep && hits[i].id == keep)
            ui_listbox_select(&p->box, i);
}

/* Columns as wide as what they hold; the e-mail gives way first. */
static const struct ui_list_column people_columns[] = {
    {N_("Name"), 12, UI_LIST_GROW},
    {N_("Born"), 10, 0},
    {N_("Phone"), 10, 0},
    {N_("E-mail"), 10, UI_LIST_OPTIONAL},
};

static const char *hit_text(void *ctx, size_t row, int col)
{
    struct people *p = ctx;
    if (row >= p->count)
        return "";
    const struct db_person_hit *h = &p->hits[row];
    switch (col) {
    case 0: {
        /* "DUPONT Marie (MARTIN)": family name in capitals, birth name too. */
        char last[LINE_LEN / 2], birth[LINE_LEN / 4];
        ui_pane_upper(h->last_name, last, sizeof last);
        ui_pane_upper(h->birth_name, birth, sizeof birth);
        if (h->birth_name[0])
            say(p->cell, sizeof p->cell, "%s %s (%s)", last, h->first_name, birth);
        else
            say(p->cell, sizeof p->cell, "%s %s", last, h->first_name);
        return p->cell;
    }
    case 1: french_date(h->birth_date, p->cell, sizeof p->cell); return p->cell;
    case 2: return ui_phone_text(h->phone, p->cell, sizeof p->cell);
    default: return h->email;
    }
}

static void people_reload(struct ui_app *app, struct ui_layer *self)
{
    search(app, (struct people *)self);
}

static void people_draw(struct ui_app *app, struct ui_layer *self)
{
    struct people *p = (struct people *)self;
    WINDOW *w = full_window(&p->win);
    if (!w)
        return;
    int rows = getmaxy(w), cols = getmaxx(w);
    attr_t normal = ui_theme_attr(THEME_OPEN);
    ui_draw_fill(w, 0, 0, cols, L" ", ui_theme_attr(THEME_TITLE));
    ui_draw_str(w, 0, 1, cols - 2, p->title, ui_theme_attr(THEME_TITLE), 0);
    const char *label = _("Search:");
    int lw = ui_draw_str(w, 1, 1, 20, label, normal | A_BOLD, 0);
    int fx = 1 + lw + 1;
    ui_edit_draw(w, 1, fx, cols - fx - 1 > 4 ? cols - fx - 1 : 4, &p->query, &p->hscroll, 1);
    int cy, cx;
    getyx(w, cy, cx);

    int list_top = 2, height = rows - list_top;
    if (height < 2)
        height = 2;
    ui_listbox_draw(&p->box, w, list_top, 0, height, cols);
    if (p->error[0])
        ui_draw_str(w, list_top + 1, 1, cols - 2, p->error, ui_theme_attr(THEME_ERROR), 0);
    else if (p->count == 0)
        ui_draw_str(w, list_top + 2, 1, cols - 2,
                    _("Nobody found. F2: a new person with this name."), normal, 0);
    /* The typing cursor stays in the search field. */
    int on_top = app->layer_count > 0 && app->layers[app->layer_count - 1] == self;
    if (on_top) {
        wmove(w, cy, cx);
        leaveok(w, FALSE);
        curs_set(1);
    } else {
        curs_set(0);
    }
    wnoutrefresh(w);
}

static void people_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    struct people *p = (struct people *)self;
    char found[64];
    if (p->count >= SEARCH_LIMIT)
        say(found, sizeof found, ngettext("first %zu found", "first %zu found", p->count),
            p->count);
    else
        say(found, sizeof found, ngettext("%zu found", "%zu found", p->count), p->count);
    say(buf, size, "%s · %s", found,
        p->picking ? _("Enter: choose · F2: new person · Esc: back")
                   : _("Enter: open · F2: new person · F4: edit · Esc: close"));
}

static void created_then_open(struct ui_app *app, void *ctx, int64_t person_id)
{
    (void)ctx;
    if (app && !app->closing && person_id)
        ui_person_panel_open(app, person_id);
}

static void edited(struct ui_app *app, void *ctx, int64_t person_id)
{
    (void)ctx;
    (void)person_id;
    (void)app; /* the form's save reloads every layer */
}

static int people_typing(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    (void)self;
    return 1; /* the search field always has the cursor */
}

static enum ui_result people_key(struct ui_app *app, struct ui_layer *self,
                                 enum ui_action action, int key)
{
    struct people *p = (struct people *)self;
    switch (action) {
    case UI_ACT_QUIT:
        p->chosen = 0;
        return UI_CLOSE;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    case UI_ACT_NEW: /* refused on a read-only file by the event loop */
        if (p->picking) {
            p->create = 1; /* after the picker closed: the form, then choose */
            return UI_CLOSE;
        }
        ui_person_form_open(app, 0, p->query.text, created_then_open, NULL);
        return UI_HANDLED;
    case UI_ACT_EDIT: {
        int64_t id = selected_id(p);
        if (!id)
            ui_app_message(app, 0, "%s", _("Nobody selected."));
        else
            ui_person_form_open(app, id, NULL, edited, NULL);
        return UI_HANDLED;
    }
    case UI_ACT_OPEN: {
        int64_t id = selected_id(p);
        if (!id) {
            ui_app_message(app, 0, "%s", _("Nobody selected: type part of a name."));
            return UI_HANDLED;
        }
        if (p->picking) {
            p->chosen = id;
            return UI_CLOSE;
        }
        ui_person_panel_open(app, id);
        return UI_HANDLED;
    }
    case UI_ACT_NONE:
    case UI_ACT_TEXT: {
        int changed = 0;
        if (ui_edit_key(&p->query, key, &changed) && changed) {
            p->box.cursor = p->box.top = 0; /* the best match first */
            search(app, p);
        }
        return UI_HANDLED;
    }
    default:
        ui_listbox_key(&p->box, action, key); /* moves */
        return UI_HANDLED;
    }
}

/* After the picker's F2: the person form; its result is the choice, and
 * backing out of it comes back to the picker as it was. */
struct create_ctx {
    ui_person_chosen_fn done;
    void *ctx;
    char title[128];
    char query[UI_EDIT_MAX_BYTES];
};

static void picked_after_create(struct ui_app *app, void *ctx, int64_t person_id)
{
    struct create_ctx *c = ctx;
    if (app && !app->closing && person_id == 0)
        ui_people_pick(app, c->title, c->query, c->done, c->ctx);
    else if (c->done)
        c->done(app, c->ctx, person_id);
    free(c);
}

static void people_destroy(struct ui_app *app, struct ui_layer *self)
{
    struct people *p = (struct people *)self;
    if (p->win)
        delwin(p->win);
    if (stdscr)
        curs_set(0);
    ui_person_chosen_fn done = p->done;
    void *ctx = p->ctx;
    int64_t chosen = p->chosen;
    struct create_ctx *c = NULL;
    if (p->picking && p->create && app && !app->closing) {
        c = calloc(1, sizeof *c);
        if (c) {
            c->done = done;
            c->ctx = ctx;
            say(c->title, sizeof c->title, "%s", p->title);
            say(c->query, sizeof c->query, "%s", p->query.text);
        }
    }
    ui_listbox_free(&p->box);
    free(p->hits);
    free(p);
    if (c) {
        char query[UI_EDIT_MAX_BYTES];
        say(query, sizeof query, "%s", c->query);
        ui_person_form_open(app, 0, query, picked_after_create, c);
        return;
    }
    if (done)
        done(app, ctx, app && !app->closing ? chosen : 0);
}

static struct people *people_make(struct ui_app *app, const char *title, const char *initial)
{
    struct people *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->layer.draw = people_draw;
    p->layer.on_key = people_key;
    p->layer.keys = &ui_keys_people;
    p->layer.typing = people_typing;
    p->layer.status = people_status;
    p->layer.reload = people_reload;
    p->layer.destroy = people_destroy;
    say(p->title, sizeof p->title, "%s", title);
    ui_edit_set(&p->query, initial, 80);
    /* The search field is the filter: the storage query does the folding
     * and the ordering (surname matches first), the list shows its hits. */
    ui_listbox_init(&p->box, people_columns, 4, hit_text, p, 0);
    p->box.normal_role = THEME_OPEN;
    p->box.header_role = THEME_HEADER;
    p->box.gutter = 1;
    search(app, p);
    return p;
}

struct ui_layer *ui_people_new(struct ui_app *app)
{
    struct people *p = people_make(app, _("Find a person"), NULL);
    return p ? &p->layer : NULL;
}

int ui_people_pick(struct ui_app *app, const char *title, const char *initial,
                   ui_person_chosen_fn done, void *ctx)
{
    struct people *p = people_make(app, title, initial);
    if (!p) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        if (done)
            done(app, ctx, 0);
        return -1;
    }
    p->picking = 1;
    p->done = done;
    p->ctx = ctx;
    return ui_app_push(app, &p->layer);
}

/* ---- a person's panel ------------------------------------------------------- */

enum { PCOL_WHEN, PCOL_MOTIF, PCOL_AGENT, PCOL_SITE, PCOL_STATUS, PCOL_COUNT };

struct panel {
    struct ui_layer layer;
    WINDOW *win;
    int64_t person_id;
    struct db_person person;
    int have_person;
    struct db_appt_row *appts;
    size_t count;
    int noshows;
    struct ui_listbox box;          /* the appointments: cursor, paging, columns */
    struct civil_datetime now;      /* the statuses' "today" (the app's clock) */
    char cell[PCOL_COUNT][LINE_LEN];
    char word[LINE_LEN];            /* the status's short form */
};

static long panel_selected(const struct panel *p)
{
    long i = ui_listbox_selected(&p->box);
    return i >= 0 && (size_t)i < p->count ? i : -1;
}

static void panel_reload(struct ui_app *app, struct ui_layer *self)
{
    struct panel *p = (struct panel *)self;
    struct db_error err = {0};
    p->now = app->now;
    p->have_person = db_person_get(app->db, p->person_id, &p->person, &err) == DB_OK;
    if (!p->have_person) {
        ui_app_db_error(app, &err);
        return;
    }
    long at = panel_selected(p);
    int64_t keep = at >= 0 ? p->appts[at].day.appt.id : 0;
    struct db_appt_row *rows = NULL;
    size_t n = 0;
    int noshows = 0;
    if (db_person_appts(app->db, p->person_id, &rows, &n, &noshows, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        return;
    }
    /* An appointment that was not there before (just booked from this
     * panel) is the one to show. */
    int64_t fresh = 0;
    for (size_t i = 0; i < n && p->appts; i++) {
        int known = 0;
        for (size_t j = 0; j < p->count && !known; j++)
            known = p->appts[j].day.appt.id == rows[i].day.appt.id;
        if (!known)
            fresh = rows[i].day.appt.id;
    }
    if (fresh)
        keep = fresh;
    free(p->appts);
    p->appts = rows;
    p->count = n;
    p->noshows = noshows;
    /* Start on the next appointment to come (the list is newest first). */
    size_t selected = 0;
    for (size_t i = 0; i < n; i++) {
        if (keep) {
            if (rows[i].day.appt.id == keep)
                selected = i;
            continue;
        }
        struct civil_datetime s;
        if (civil_parse_datetime(rows[i].day.appt.starts_at, &s) == 0 &&
            civil_date_compare(s.date, app->now.date) >= 0)
            selected = i;
    }
    ui_listbox_set_count(&p->box, n);
    ui_listbox_select(&p->box, selected);
}

/* The status in one or two words for the panel's column ("excused",
 * "seen"): the long explanations ("cancelled by the person") are in the
 * details dialog (Enter), and a short word leaves the motif room to read
 * in full at 80 columns. */
static const char *short_look_words(enum ui_appt_look look)
{
    switch (look) {
    case UI_LOOK_UPCOMING: return _("upcoming");
    case UI_LOOK_TODAY: return _("today");
    case UI_LOOK_TO_FILL_IN: return _("to fill in");
    case UI_LOOK_ARRIVED: return _("arrived");
    case UI_LOOK_SEEN: return _("seen");
    case UI_LOOK_EXCUSED: return _("excused");
    case UI_LOOK_REVOKED: return _("revoked");
    case UI_LOOK_NOSHOW: return _("no-show");
    case UI_LOOK_COUNT: break;
    }
    return "";
}

/* The status of an appointment: its word alone into `word`, and with the
 * waiting time or the cancel reason into `buf`. */
static void appt_state(const struct panel *p, const struct db_appt_row *r, char *word,
                       size_t word_size, char *buf, size_t size)
{
    struct civil_datetime s;
    if (civil_parse_datetime(r->day.appt.starts_at, &s) != 0) {
        word[0] = buf[0] = '\0';
        return;
    }
    const char *words = short_look_words(ui_appt_look(&r->day.appt, s, p->now));
    say(word, word_size, "%s", words);
    if (r->day.appt.status == APPT_SEEN && r->waited_minutes >= 0)
        say(buf, size, _("%s, waited %d min"), words, r->waited_minutes);
    else if (appt_status_is_cancelled(r->day.appt.status) && r->cancel_reason[0])
        say(buf, size, _("%s: %s"), words, r->cancel_reason);
    else
        say(buf, size, "%s", words);
}

/* The appointment list's columns (listbox.h): the date and the status word
 * are never cut, the motif gives way only once the agent's name is down
 * to 12 cells (so that at 80 columns the longest motif reads in full), the
 * agent's site shows when there is room for it, and the status's reason
 * or waiting time takes the room left. */
static const struct ui_list_column panel_columns[PCOL_COUNT] = {
    [PCOL_WHEN] = {N_("When"), 16, UI_LIST_WHOLE}, /* "25/11/2026 10:05" */
    [PCOL_MOTIF] = {N_("Motif"), 6, UI_LIST_KEEP},
    [PCOL_AGENT] = {N_("Agent"), 12, 0},
    [PCOL_SITE] = {N_("Site"), 4, UI_LIST_OPTIONAL},
    [PCOL_STATUS] = {N_("Status"), 4, UI_LIST_WHOLE | UI_LIST_GROW},
};

static const char *appt_text(void *ctx, size_t row, int col)
{
    struct panel *p = ctx;
    if (row >= p->count || col < 0 || col >= PCOL_COUNT)
        return "";
    const struct db_appt_row *r = &p->appts[row];
    char *out = p->cell[col];
    size_t size = sizeof p->cell[col];
    switch (col) {
    case PCOL_WHEN: {
        struct civil_datetime s;
        out[0] = '\0';
        if (civil_parse_datetime(r->day.appt.starts_at, &s) == 0)
            say(out, size, "%02d/%02d/%04d %02d:%02d", s.date.day, s.date.month, s.date.year,
                s.minute / 60, s.minute % 60);
        return out;
    }
    case PCOL_MOTIF: return r->day.motif_name;
    case PCOL_AGENT: say(out, size, "%s %s", r->agent_first, r->agent_last); return out;
    case PCOL_SITE: return r->site_name;
    default: {
        char word[LINE_LEN];
        appt_state(p, r, word, sizeof word, out, size);
        return out;
    }
    }
}

/* The status word alone, when the status says more (a reason, a wait). */
static const char *appt_short_text(void *ctx, size_t row, int col)
{
    struct panel *p = ctx;
    if (col != PCOL_STATUS || row >= p->count)
        return NULL;
    char full[LINE_LEN];
    appt_state(p, &p->appts[row], p->word, sizeof p->word, full, sizeof full);
    return strcmp(full, p->word) ? p->word : NULL;
}

static void panel_draw(struct ui_app *app, struct ui_layer *self)
{
    struct panel *p = (struct panel *)self;
    WINDOW *w = full_window(&p->win);
    if (!w)
        return;
    p->now = app->now;
    int rows = getmaxy(w), cols = getmaxx(w);
    attr_t normal = ui_theme_attr(THEME_OPEN);
    attr_t title = ui_theme_attr(THEME_TITLE);
    ui_draw_fill(w, 0, 0, cols, L" ", title);
    if (!p->have_person) {
        ui_draw_str(w, 0, 1, cols - 2, _("Person"), title, 0);
        wnoutrefresh(w);
        return;
    }
    const struct db_person *pe = &p->person;
    char line[LINE_LEN * 2];
    wchar_t wl[LINE_LEN];
    size_t n = ui_text_decode(pe->last_name, wl, LINE_LEN, UI_TEXT_UPPER | ui_draw_text_flags());
    if (n + 2 < LINE_LEN) {
        wl[n++] = L' ';
        ui_text_decode(pe->first_name, wl + n, LINE_LEN - n, ui_draw_text_flags());
    }
    int used = ui_draw_wstr(w, 0, 1, cols / 2, wl, title | A_BOLD, 0);
    if (pe->birth_name[0])
        say(line, sizeof line, _("born %s · "), pe->birth_name);
    else
        line[0] = '\0';
    char tail[LINE_LEN], appts[64], noshows[64];
    say(appts, sizeof appts, ngettext("%d appointment", "%d appointments", p->count),
        (int)p->count);
    say(noshows, sizeof noshows, ngettext("%d no-show", "%d no-shows", (unsigned long)p->noshows),
        p->noshows);
    /* TRANSLATORS: the panel's title: "born NAME · " (or nothing), then
     * "22 appointments", then "1 no-show". */
    say(tail, sizeof tail, _("%s%s, %s"), line, appts, noshows);
    ui_draw_str(w, 0, used + 3, cols - used - 4, tail,
                p->noshows ? title | A_BOLD : title, 0);

    char born[16], phone[48];
    french_date(pe->birth_date, born, sizeof born);
    say(line, sizeof line, "%s %s · %s %s · %s %s", _("Born"), born[0] ? born : "-",
        _("Phone"), pe->phone[0] ? ui_phone_text(pe->phone, phone, sizeof phone) : "-", _("E-mail"),
        pe->email[0] ? pe->email : "-");
    ui_draw_str(w, 1, 1, cols - 2, line, normal, 0);
    say(line, sizeof line, "%s %s · %s %s%s%s", _("Address"), pe->address[0] ? pe->address : "-",
        _("Reminders:"), pe->notify_sms ? _("SMS") : "",
        pe->notify_sms && pe->notify_email ? ", " : "",
        pe->notify_email ? _("e-mail") : (pe->notify_sms ? "" : _("none")));
    ui_draw_str(w, 2, 1, cols - 2, line, normal, 0);
    int y = 3;
    if (pe->notes[0]) {
        say(line, sizeof line, "%s %s", _("Notes:"), pe->notes);
        ui_draw_str(w, y++, 1, cols - 2, line, normal, 0);
    }
    int height = rows - y;
    if (height < 2)
        height = 2;
    ui_listbox_draw(&p->box, w, y, 0, height, cols);
    if (p->count == 0)
        ui_draw_str(w, y + 2, 1, cols - 2, _("No appointment yet. f: find a free slot."), normal,
                    0);
    wnoutrefresh(w);
}

static void panel_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    (void)self;
    say(buf, size, "%s", _("f: book · F4: edit person · Enter: details · a v N u o x · Esc: back"));
}

static enum ui_result panel_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                                int key)
{
    struct panel *p = (struct panel *)self;
    if (ui_listbox_key(&p->box, action, key))
        return UI_HANDLED; /* up, down, pages, first, last */
    long at = panel_selected(p);
    const struct db_appt_row *cur = at >= 0 ? &p->appts[at] : NULL;
    switch (action) {
    case UI_ACT_QUIT:
        return UI_CLOSE;
    case UI_ACT_NEW:
        ui_slots_open(app, p->person_id);
        return UI_HANDLED;
    case UI_ACT_EDIT:
        ui_person_form_open(app, p->person_id, NULL, NULL, NULL);
        return UI_HANDLED;
    case UI_ACT_DELETE:
        if (p->have_person)
            ui_person_erase_open(app, &p->person);
        return UI_HANDLED;
    case UI_ACT_UNDO:
        ui_desk_undo(app);
        return UI_HANDLED;
    case UI_ACT_OPEN:
        if (cur) {
            char agent[2 * DB_NAME_LEN + 2];
            say(agent, sizeof agent, "%s %s", cur->agent_first, cur->agent_last);
            struct ui_layer *d = ui_details_new(app, &cur->day, agent);
            if (d)
                ui_app_push(app, d);
        }
        return UI_HANDLED;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    default:
        if (cur && ui_appt_act(app, &cur->day, action) == UI_HANDLED)
            return UI_HANDLED;
        return UI_IGNORED;
    }
}

static void panel_destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct panel *p = (struct panel *)self;
    if (p->win)
        delwin(p->win);
    ui_listbox_free(&p->box);
    free(p->appts);
    free(p);
}

int ui_person_panel_open(struct ui_app *app, int64_t person_id)
{
    struct panel *p = calloc(1, sizeof *p);
    if (!p) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    p->layer.draw = panel_draw;
    p->layer.on_key = panel_key;
    p->layer.keys = &ui_keys_panel;
    p->layer.status = panel_status;
    p->layer.reload = panel_reload;
    p->layer.destroy = panel_destroy;
    p->person_id = person_id;
    ui_listbox_init(&p->box, panel_columns, PCOL_COUNT, appt_text, p, 0);
    p->box.short_text = appt_short_text;
    p->box.normal_role = THEME_OPEN;
    p->box.header_role = THEME_HEADER;
    p->box.gutter = 1;
    p->box.spacious = 1;
    panel_reload(app, &p->layer);
    if (!p->have_person) {
        panel_destroy(app, &p->layer);
        return -1;
    }
    return ui_app_push(app, &p->layer);
}
