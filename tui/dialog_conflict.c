/* dialog_conflict.c - another desk saved first: who, when, what, and the
 * choice between reloading and re-applying (see dialog_conflict.h).
 *
 * The text is built once when the dialog opens (the audit row came with
 * the refused write: nothing is read here) and wrapped at draw time, so a
 * resize needs nothing special. The audit detail storage wrote in English
 * ("status: unknown -> excused; reason: ...") is read back in the
 * catalogue's words where its shape is known, as stored otherwise. The choice keys are the dialog's own and
 * are written in it; they act only while it is on top. */
#include "dialog_conflict.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/clock.h"
#include "../common/i18n.h"
#include "dialogs.h"
#include "draw.h"
#include "../common/safe_text.h"
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
/* An audit time (an instant, in UTC) as the civil time of `zone`:
 * "25/11/2026 10:02:13". */
static void format_when(const char *at, const char *zone, char *buf, size_t size)
{
    struct civil_datetime dt;
    int sec = 0;
    char date[CIVIL_DATE_LEN + 2], time[CIVIL_TIME_LEN];
    if (ui_audit_time(at, zone, &dt, &sec) != 0 ||
        civil_format_date_fr(dt.date, date, sizeof date) != 0 ||
        civil_format_time(dt.minute, time, sizeof time) != 0) {
        snprintf(buf, size, "%s", at);
        return;
    }
    snprintf(buf, size, "%s %s:%02d", date, time, sec);
}

int ui_audit_time(const char *at, const char *zone, struct civil_datetime *out, int *seconds)
{
    if (clock_stamp_to_civil(at, zone, out, seconds) == 0)
        return 0;
    /* Written before audit times were instants: civil as it stands. */
    char minute[CIVIL_DATETIME_LEN];
    snprintf(minute, sizeof minute, "%.16s", at ? at : "");
    if (civil_parse_datetime(minute, out) != 0)
        return -1;
    if (seconds)
        *seconds = strlen(at) == 19 ? atoi(at + 17) % 60 : 0;
    return 0;
}

/* ---- the audit detail in words ------------------------------------------
 * Storage writes what changed as "field: old -> new; " items
 * (storage/unit.c db_unit_diff), plus a few fixed phrases: "reason: TEXT"
 * after a cancellation, "overbooked", "arrived X, seen Y", "notes". Those
 * are English field names and status codes; here they become the words
 * of the catalogue. Anything not recognised is shown as stored. */

static const struct {
    const char *name;  /* as storage writes it */
    const char *words; /* msgid */
    int free_text;     /* its value may hold "; ": it runs to the end */
} detail_fields[] = {
    {"status", N_("status"), 0},
    {"reason", N_("reason"), 1},
    {"note", N_("note"), 1},
    {"start", N_("start"), 0},
    {"end", N_("end"), 0},
    {"agent", N_("agent"), 0},
    {"duration", N_("duration"), 0},
    {"absence", N_("absence"), 0},
    {"last name", N_("last name"), 0},
    {"first name", N_("first name"), 0},
    {"birth name", N_("birth name"), 0},
    {"birth date", N_("birth date"), 0},
    {"phone", N_("phone"), 0},
    {"e-mail", N_("e-mail"), 0},
    {"address", N_("address"), 0},
    {"time zone", N_("time zone"), 0},
    {"login", N_("login"), 0},
    {"service", N_("service"), 0},
    {"location", N_("location"), 0},
    {"name", N_("name"), 0},
    {"kind", N_("kind"), 0},
    {"colour", N_("colour"), 0},
    {"holidays", N_("holidays"), 0},
    {"responsible", N_("responsible"), 0},
    {"rule", N_("rule"), 0},
    {"notify sms/e-mail", N_("notify sms/e-mail"), 0},
};

/* Status codes as stored (model/appointment.h) in the console's words. */
static const char *status_words(const char *code, size_t len)
{
    static const struct {
        const char *code, *words;
    } table[] = {
        {"unknown", N_("no outcome yet")}, {"seen", N_("seen")},
        {"excused", N_("excused")},        {"revoked", N_("revoked")},
        {"noshow", N_("no-show")},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strlen(table[i].code) == len && strncmp(table[i].code, code, len) == 0)
            return _(table[i].words);
    return NULL;
}

struct out_buf {
    char *p;
    size_t size, len;
};

static void put(struct out_buf *o, const char *s, size_t n)
{
    if (o->size == 0)
        return;
    if (n > o->size - 1 - o->len)
        n = o->size - 1 - o->len;
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void puts_(struct out_buf *o, const char *s)
{
    put(o, s, strlen(s));
}

/* A value: a status code or a stored date-time in words, else as is. */
static void put_value(struct out_buf *o, const char *field, const char *v, size_t n)
{
    if (strcmp(field, "status") == 0) {
        const char *w = status_words(v, n);
        if (w) {
            puts_(o, w);
            return;
        }
    }
    char stamp[CIVIL_DATETIME_LEN];
    struct civil_datetime dt;
    char date[CIVIL_DATE_LEN + 2], hhmm[CIVIL_TIME_LEN];
    if (n == CIVIL_DATETIME_LEN - 1) {
        memcpy(stamp, v, n);
        stamp[n] = '\0';
        if (civil_parse_datetime(stamp, &dt) == 0 &&
            civil_format_date_fr(dt.date, date, sizeof date) == 0 &&
            civil_format_time(dt.minute, hhmm, sizeof hhmm) == 0) {
            puts_(o, date);
            puts_(o, " ");
            puts_(o, hhmm);
            return;
        }
    }
    put(o, v, n);
}

/* "field: old -> new" (or "field: value") with a known field, in words;
 * returns 0 when the item is not of that shape. *rest_used is set when
 * the field's value ran to the end of the whole detail. */
static int put_field(struct out_buf *o, const char *item, size_t len, const char *whole_end,
                     int *rest_used)
{
    const char *colon = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (item[i] == ':' && item[i + 1] == ' ') {
            colon = item + i;
            break;
        }
    if (!colon)
        return 0;
    size_t flen = (size_t)(colon - item);
    for (size_t k = 0; k < sizeof detail_fields / sizeof detail_fields[0]; k++) {
        const char *name = detail_fields[k].name;
        if (strlen(name) != flen || strncmp(name, item, flen) != 0)
            continue;
        const char *v = colon + 2;
        const char *end = item + len;
        if (detail_fields[k].free_text) {
            end = whole_end;
            *rest_used = 1;
        }
        puts_(o, _(detail_fields[k].words));
        puts_(o, ": ");
        const char *arrow = NULL;
        if (!detail_fields[k].free_text)
            for (const char *a = v; a + 4 <= end; a++)
                if (strncmp(a, " -> ", 4) == 0) {
                    arrow = a;
                    break;
                }
        if (arrow) {
            put_value(o, name, v, (size_t)(arrow - v));
            puts_(o, " -> ");
            put_value(o, name, arrow + 4, (size_t)(end - arrow - 4));
        } else {
            put_value(o, name, v, (size_t)(end - v));
        }
        return 1;
    }
    return 0;
}

/* A fixed phrase of storage's, in words; 0 when it is not one. */
static int put_phrase(struct out_buf *o, const char *item, size_t len)
{
    if (len == strlen("overbooked") && strncmp(item, "overbooked", len) == 0) {
        puts_(o, _("overbooked"));
        return 1;
    }
    if (len == strlen("notes") && strncmp(item, "notes", len) == 0) {
        puts_(o, _("notes"));
        return 1;
    }
    /* "arrived 2026-11-25 09:58, seen 2026-11-25 10:20" */
    const char *a = "arrived ", *s = ", seen ";
    size_t al = strlen(a), sl = strlen(s), dl = CIVIL_DATETIME_LEN - 1;
    if (len == al + dl + sl + dl && strncmp(item, a, al) == 0 &&
        strncmp(item + al + dl, s, sl) == 0) {
        char arrived[64] = "", seen[64] = "";
        struct out_buf ao = {arrived, sizeof arrived, 0}, so = {seen, sizeof seen, 0};
        put_value(&ao, "", item + al, dl);
        put_value(&so, "", item + al + dl + sl, dl);
        char line[160];
        snprintf(line, sizeof line, _("arrived %s, seen %s"), arrived, seen);
        puts_(o, line);
        return 1;
    }
    return 0;
}

/* The audit detail in words (see above), without the "; " storage ends each
 * change with. */
static void detail_words(const char *in, char *out, size_t size)
{
    struct out_buf o = {out, size, 0};
    if (size)
        out[0] = '\0';
    size_t total = strlen(in);
    while (total > 0 && (in[total - 1] == ' ' || in[total - 1] == ';'))
        total--;
    const char *whole_end = in + total;
    const char *p = in;
    int first = 1;
    while (p < whole_end) {
        const char *sep = NULL;
        for (const char *q = p; q + 1 < whole_end; q++)
            if (q[0] == ';' && q[1] == ' ') {
                sep = q;
                break;
            }
        size_t len = sep ? (size_t)(sep - p) : (size_t)(whole_end - p);
        if (len > 0) {
            if (!first)
                puts_(&o, "; ");
            first = 0;
            int rest_used = 0;
            if (!put_field(&o, p, len, whole_end, &rest_used) && !put_phrase(&o, p, len))
                put(&o, p, len);
            if (rest_used)
                break;
        }
        p = sep ? sep + 2 : whole_end;
    }
}

void ui_conflict_summary(const struct db_conflict *c, const char *zone, char *buf, size_t size)
{
    if (!c || !c->has_audit) {
        snprintf(buf, size, "%s", _("Another desk changed it meanwhile."));
        return;
    }
    char when[48];
    format_when(c->last.at, zone, when, sizeof when);
    char detail[2 * DB_TEXT_LEN];
    detail_words(c->last.detail, detail, sizeof detail);
    if (detail[0])
        snprintf(buf, size, _("Changed by %s at %s: %s (%s)"),
                 c->last.actor[0] ? c->last.actor : "?", when, action_words(c->last.action),
                 detail);
    else
        snprintf(buf, size, _("Changed by %s at %s: %s"), c->last.actor[0] ? c->last.actor : "?",
                 when, action_words(c->last.action));
}

/* The labels "Who:", "When:"... padded to one display width so the
 * values line up whatever the translation. */
static const char *label(const char *text, char *buf, size_t size)
{
    return ui_text_pad(text, 10, buf, size);
}

static void build(struct conflict_dialog *d, const char *what, const char *mine,
                  const struct db_conflict *c, const char *zone)
{
    char lab[64];
    if (what && what[0])
        add(d, 1, "%s", what);
    if (d->row_gone)
        add(d, 0, "%s", _("Another desk deleted it while you were working on it."));
    else
        add(d, 0, "%s", _("Another desk saved a change while you were working on it."));
    if (c->has_audit) {
        char when[48];
        format_when(c->last.at, zone, when, sizeof when);
        add(d, 0, "  %s %s", label(_("Who:"), lab, sizeof lab),
            c->last.actor[0] ? c->last.actor : "?");
        add(d, 0, "  %s %s", label(_("When:"), lab, sizeof lab), when);
        char detail[2 * DB_TEXT_LEN];
        detail_words(c->last.detail, detail, sizeof detail);
        if (detail[0])
            add(d, 0, "  %s %s: %s", label(_("What:"), lab, sizeof lab),
                action_words(c->last.action), detail);
        else
            add(d, 0, "  %s %s", label(_("What:"), lab, sizeof lab), action_words(c->last.action));
    } else {
        add(d, 0, "  %s", _("The audit log does not say who."));
    }
    if (mine && mine[0])
        add(d, 0, "  %s %s", label(_("Yours:"), lab, sizeof lab), mine);
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
    (void)key;
    if (action == UI_ACT_RELOAD) {
        d->choice = UI_CONFLICT_RELOAD;
        return UI_CLOSE;
    }
    if (action == UI_ACT_OVERWRITE && !d->row_gone) {
        d->choice = UI_CONFLICT_REAPPLY;
        return UI_CLOSE;
    }
    switch (action) {
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
    d->layer.keys = &ui_keys_conflict;
    d->layer.status = status;
    d->layer.destroy = destroy;
    d->done = done;
    d->ctx = ctx;
    d->choice = UI_CONFLICT_GIVE_UP;
    d->current_version = conflict->current_version;
    d->row_gone = conflict->current_version == 0;
    const struct db_site *site = ui_app_site(app);
    build(d, what, mine, conflict, site ? site->timezone : "");
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
