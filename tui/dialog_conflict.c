/* dialog_conflict.c - another desk saved first: who, when, what, and the
 * choice between reloading and re-applying (see dialog_conflict.h).
 *
 * The text is built once when the dialog opens (the audit row came with
 * the refused write: nothing is read here) and wrapped at draw time, so a
 * resize needs nothing special. The choice keys are the dialog's own and
 * are written in it; they act only while it is on top. */
#include "dialog_conflict.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "dialogs.h"
#include "draw.h"
#include "safe_text.h"
#include "theme.h"

enum { MAX_LINES = 16, LINE_LEN = DB_TEXT_LEN + 128 };

struct conflict_line {
    char text[LINE_LEN];
    int bold;
};

struct conflict_dialog {
    struct ui_layer layer;
    WINDOW *win;
    struct conflict_line lines[MAX_LINES];
    int count;
    int top;
    int row_gone;
    int64_t current_version;
    enum ui_conflict_choice choice;
    ui_conflict_done_fn done;
    void *ctx;
};

static void add(struct conflict_dialog *d, int bold, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add(struct conflict_dialog *d, int bold, const char *fmt, ...)
{
    if (d->count >= MAX_LINES)
        return;
    struct conflict_line *l = &d->lines[d->count++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->text, sizeof l->text, fmt, ap);
    va_end(ap);
    l->bold = bold;
}

/* Storage's audit action words, for a person to read. */
static const char *action_words(const char *action)
{
    static const struct {
        const char *name;
        const char *words;
    } table[] = {
        {"create", N_("created")},
        {"update", N_("changed")},
        {"edit", N_("changed")},
        {"move", N_("moved")},
        {"resize", N_("duration changed")},
        {"note", N_("note changed")},
        {"status", N_("status changed")},
        {"cancel", N_("cancelled")},
        {"arrive", N_("marked arrived")},
        {"arrival undone", N_("arrival taken back")},
        {"delete", N_("deleted")},
        {"motifs", N_("motifs changed")},
        {"join", N_("joined a site")},
        {"leave", N_("left a site")},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, action) == 0)
            return _(table[i].words);
    return action;
}

/* "2026-11-25 10:02:13" -> "25/11/2026 10:02:13" (French order, as the
 * rest of the console writes dates in forms); as stored when unparsable. */
static void format_when(const char *at, char *buf, size_t size)
{
    char minute[CIVIL_DATETIME_LEN];
    snprintf(minute, sizeof minute, "%.16s", at);
    struct civil_datetime dt;
    char date[CIVIL_DATE_LEN + 2];
    if (civil_parse_datetime(minute, &dt) != 0 ||
        civil_format_date_fr(dt.date, date, sizeof date) != 0) {
        snprintf(buf, size, "%s", at);
        return;
    }
    snprintf(buf, size, "%s %s", date, at + CIVIL_DATE_LEN);
}

/* The audit detail without the "; " storage ends each change with. */
static void trim_detail(const char *in, char *out, size_t size)
{
    snprintf(out, size, "%s", in);
    size_t n = strlen(out);
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == ';'))
        out[--n] = '\0';
}

void ui_conflict_summary(const struct db_conflict *c, char *buf, size_t size)
{
    if (!c || !c->has_audit) {
        snprintf(buf, size, "%s", _("Another desk changed it meanwhile."));
        return;
    }
    char when[48];
    format_when(c->last.at, when, sizeof when);
    char detail[DB_TEXT_LEN];
    trim_detail(c->last.detail, detail, sizeof detail);
    if (detail[0])
        snprintf(buf, size, _("Changed by %s at %s: %s (%s)"),
                 c->last.actor[0] ? c->last.actor : "?", when, action_words(c->last.action),
                 detail);
    else
        snprintf(buf, size, _("Changed by %s at %s: %s"), c->last.actor[0] ? c->last.actor : "?",
                 when, action_words(c->last.action));
}

static void build(struct conflict_dialog *d, const char *what, const char *mine,
                  const struct db_conflict *c)
{
    if (what && what[0])
        add(d, 1, "%s", what);
    if (d->row_gone)
        add(d, 0, "%s", _("Another desk deleted it while you were working on it."));
    else
        add(d, 0, "%s", _("Another desk saved a change while you were working on it."));
    if (c->has_audit) {
        char when[48];
        format_when(c->last.at, when, sizeof when);
        add(d, 0, "  %-10s %s", _("Who:"), c->last.actor[0] ? c->last.actor : "?");
        add(d, 0, "  %-10s %s", _("When:"), when);
        char detail[DB_TEXT_LEN];
        trim_detail(c->last.detail, detail, sizeof detail);
        if (detail[0])
            add(d, 0, "  %-10s %s: %s", _("What:"), action_words(c->last.action), detail);
        else
            add(d, 0, "  %-10s %s", _("What:"), action_words(c->last.action));
    } else {
        add(d, 0, "  %s", _("The audit log does not say who."));
    }
    if (mine && mine[0])
        add(d, 0, "  %-10s %s", _("Yours:"), mine);
    add(d, 0, "%s", _("Nothing of yours was saved."));
    add(d, 0, "%s", "");
    add(d, 1, "%s", _("r or Enter  Reload: see the current version, drop my change"));
    if (!d->row_gone)
        add(d, 1, "%s", _("a           Re-apply: save my change over theirs"));
    add(d, 1, "%s", _("Esc         Give up"));
}

static void draw(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct conflict_dialog *d = (struct conflict_dialog *)self;
    unsigned tf = ui_draw_text_flags();
    int cols = COLS - 4 < 74 ? COLS - 4 : 74;
    int width = cols - 4;
    if (width < 8)
        width = 8;
    static wchar_t wide[LINE_LEN];
    int total = 0;
    for (int i = 0; i < d->count; i++) {
        ui_text_decode(d->lines[i].text, wide, LINE_LEN, tf);
        const wchar_t *s = wide;
        do {
            s += ui_text_wrap(s, width);
            total++;
        } while (*s);
    }
    WINDOW *w = ui_dialog_window(&d->win, total + 2, cols, _("Changed by another desk"));
    if (!w)
        return;
    int height = getmaxy(w) - 2;
    ui_dialog_scroll_to(&d->top, d->top, height, total);
    attr_t normal = ui_theme_attr(THEME_DIALOG);
    int line = 0;
    for (int i = 0; i < d->count; i++) {
        ui_text_decode(d->lines[i].text, wide, LINE_LEN, tf);
        const wchar_t *s = wide;
        do {
            size_t n = ui_text_wrap(s, width);
            int y = 1 + line - d->top;
            if (y >= 1 && y <= height) {
                wchar_t piece[LINE_LEN];
                wmemcpy(piece, s, n);
                piece[n] = L'\0';
                ui_text_fit(piece, width, tf);
                ui_draw_wstr(w, y, 2, width, piece, normal | (d->lines[i].bold ? A_BOLD : 0),
                             0);
            }
            s += n;
            line++;
        } while (*s);
    }
    wnoutrefresh(w);
}

static void status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    struct conflict_dialog *d = (struct conflict_dialog *)self;
    snprintf(buf, size, "%s",
             d->row_gone ? _("r: reload · Esc: give up")
                         : _("r: reload · a: re-apply my change · Esc: give up"));
}

static enum ui_result on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                             int key)
{
    (void)app;
    struct conflict_dialog *d = (struct conflict_dialog *)self;
    if (key == 'r' || key == 'R' || action == UI_ACT_DETAILS) {
        d->choice = UI_CONFLICT_RELOAD;
        return UI_CLOSE;
    }
    if ((key == 'a' || key == 'A') && !d->row_gone) {
        d->choice = UI_CONFLICT_REAPPLY;
        return UI_CLOSE;
    }
    switch (action) {
    case UI_ACT_BACK:
    case UI_ACT_QUIT:
        d->choice = UI_CONFLICT_GIVE_UP;
        return UI_CLOSE;
    case UI_ACT_UP:
        if (d->top > 0)
            d->top--;
        return UI_HANDLED;
    case UI_ACT_DOWN:
        d->top++;
        return UI_HANDLED;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    default:
        return UI_HANDLED; /* nothing else may act behind this question */
    }
}

static void destroy(struct ui_app *app, struct ui_layer *self)
{
    struct conflict_dialog *d = (struct conflict_dialog *)self;
    ui_conflict_done_fn done = d->done;
    void *ctx = d->ctx;
    enum ui_conflict_choice choice = d->choice;
    int64_t version = d->current_version;
    if (d->win)
        delwin(d->win);
    free(d);
    if (app && app->closing)
        choice = UI_CONFLICT_GIVE_UP; /* the program is ending: write nothing */
    if (done)
        done(app, ctx, choice, version);
}

struct ui_layer *ui_conflict_new(struct ui_app *app, const char *what, const char *mine,
                                 const struct db_conflict *conflict,
                                 ui_conflict_done_fn done, void *ctx)
{
    (void)app;
    struct conflict_dialog *d = calloc(1, sizeof *d);
    if (!d || !conflict) {
        free(d);
        if (done)
            done(NULL, ctx, UI_CONFLICT_GIVE_UP, 0);
        return NULL;
    }
    d->layer.draw = draw;
    d->layer.on_key = on_key;
    d->layer.status = status;
    d->layer.destroy = destroy;
    d->done = done;
    d->ctx = ctx;
    d->choice = UI_CONFLICT_GIVE_UP;
    d->current_version = conflict->current_version;
    d->row_gone = conflict->current_version == 0;
    build(d, what, mine, conflict);
    return &d->layer;
}

int ui_conflict_show(struct ui_app *app, const char *what, const char *mine,
                     const struct db_conflict *conflict, ui_conflict_done_fn done, void *ctx)
{
    struct ui_layer *l = ui_conflict_new(app, what, mine, conflict, done, ctx);
    if (!l) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    if (ui_app_push(app, l) != 0) {
        /* The stack was full or closing: destroy() already told `done`. */
        ui_app_message(app, 1, "%s", _("Another desk changed it meanwhile."));
        return -1;
    }
    return 0;
}
