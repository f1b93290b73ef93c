/* dialog_help.c - the help screen (F1, ?), generated from the key table of
 * the screen it was asked on (actions.h): one section per group, each row
 * with its keys and its help line, how Esc-then-digit works, and what the
 * status marks mean.
 *
 * The dialog is as wide as its longest line needs, from 80 up to
 * HELP_MAX_COLS columns when the terminal has them; a text still longer
 * than the dialog is wrapped onto the next lines (under its own column),
 * never cut. Scrolling counts wrapped lines, computed at each draw. */
#include "dialogs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keytables.h"
#include "../common/safe_text.h"
#include "theme.h"

enum help_kind { HELP_HEADING, HELP_ENTRY, HELP_TEXT };

struct help_line {
    enum help_kind kind;
    char keys[96];
    char text[256];
};

enum {
    HELP_MAX_LINES = 2 * UI_ACT_COUNT + UI_GROUP_COUNT * 2 + 8,
    HELP_MIN_COLS = 80,
    HELP_MAX_COLS = 110,
    HELP_TEXT_CAP = 256,
};

struct help {
    struct ui_layer layer;
    WINDOW *win;
    struct help_line lines[HELP_MAX_LINES];
    int count;
    int top;
    int key_width;
    char title[128];
};

static void add(struct help *h, enum help_kind kind, const char *keys, const char *text)
{
    if (h->count >= HELP_MAX_LINES)
        return;
    struct help_line *l = &h->lines[h->count++];
    l->kind = kind;
    snprintf(l->keys, sizeof l->keys, "%s", keys);
    snprintf(l->text, sizeof l->text, "%s", text);
}

struct build_ctx {
    struct help *h;
    int group;
    int ascii;
    int found;
};

static void add_row(const struct ui_binding *row, void *p)
{
    struct build_ctx *c = p;
    if ((int)row->group != c->group || (row->flags & UI_ACTF_HIDDEN))
        return;
    struct help *h = c->h;
    if (!c->found++) {
        if (h->count)
            add(h, HELP_TEXT, "", "");
        add(h, HELP_HEADING, "", ui_action_group_title((enum ui_action_group)c->group));
    }
    char keys[96];
    ui_binding_keys_text(row, c->ascii, keys, sizeof keys);
    add(h, HELP_ENTRY, keys, _(row->help));
    wchar_t w[96];
    int kw = ui_text_prepare(keys, 40, ui_draw_text_flags(), w, 96);
    if (kw > h->key_width)
        h->key_width = kw;
}

static void build(struct help *h, const struct ui_keytable *t, int esc_digits)
{
    struct build_ctx c = {h, 0, ui_draw_ascii_lines(), 0};
    for (int g = 0; g < UI_GROUP_COUNT; g++) {
        c.group = g;
        c.found = 0;
        ui_keytable_each(t, add_row, &c);
        /* Right under the F-keys, for terminals that eat F1 or F10. */
        if (g == UI_GROUP_GENERAL && esc_digits)
            add(h, HELP_TEXT, "",
                _("Esc then a digit works as an F-key: Esc 1 = F1, ..., Esc 0 = F10."));
    }
    add(h, HELP_TEXT, "", "");
    /* The legend uses the glyphs actually drawn (Unicode or ASCII). */
    char legend[256];
    char g[UI_GLYPH_COUNT][8];
    for (int i = 0; i < UI_GLYPH_COUNT; i++)
        snprintf(g[i], sizeof g[i], "%ls", ui_glyph((enum ui_glyph)i));
    snprintf(legend, sizeof legend, _("Marks: %s to fill in, %s seen, %s arrived, %s cancelled, "
                                      "%s no-show; %s closed time."),
             g[UI_GLYPH_MARK_TO_FILL], g[UI_GLYPH_MARK_SEEN], g[UI_GLYPH_MARK_ARRIVED],
             g[UI_GLYPH_MARK_CANCELLED], g[UI_GLYPH_MARK_NOSHOW], g[UI_GLYPH_CLOSED]);
    add(h, HELP_TEXT, "", legend);
}

/* Where the text of a line starts in the dialog, and its width there. */
static int text_x(const struct help_line *l, int kw)
{
    return l->kind == HELP_ENTRY ? 5 + kw : 2;
}

/* The dialog's width: what the longest line needs, within the limits. */
static int wanted_cols(const struct help *h)
{
    int want = HELP_MIN_COLS;
    for (int i = 0; i < h->count; i++) {
        wchar_t w[HELP_TEXT_CAP];
        int tw = ui_text_prepare(h->lines[i].text, 1000, ui_draw_text_flags(), w, HELP_TEXT_CAP);
        int need = text_x(&h->lines[i], h->key_width) + tw + 2;
        if (need > want)
            want = need;
    }
    return want < HELP_MAX_COLS ? want : HELP_MAX_COLS;
}

/* Help line `l` decoded into out[cap] and wrapped at `width` columns:
 * where each screen line starts (the first max_pieces of them) into
 * starts[]; returns how many screen lines it takes. */
static int wrapped(const struct help_line *l, int width, wchar_t *out, size_t cap,
                   size_t starts[], int max_pieces)
{
    ui_text_decode(l->text, out, cap, ui_draw_text_flags());
    int n = 0;
    size_t pos = 0, len = wcslen(out);
    if (width < 1)
        width = 1;
    do {
        if (n < max_pieces)
            starts[n] = pos;
        n++;
        pos += ui_text_wrap(out + pos, width);
        while (pos < len && out[pos] == L' ')
            pos++;
    } while (pos < len);
    return n;
}

enum { MAX_PIECES = 16 };

static void draw(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct help *h = (struct help *)self;
    /* The width first (the height depends on the wrapping). */
    int cols = wanted_cols(h);
    if (cols > COLS - 2)
        cols = COLS - 2;
    int kw = h->key_width < cols / 3 ? h->key_width : cols / 3;
    static wchar_t text[HELP_TEXT_CAP];
    size_t starts[MAX_PIECES];
    int total = 0;
    for (int i = 0; i < h->count; i++) {
        int x = text_x(&h->lines[i], kw);
        total += wrapped(&h->lines[i], cols - x - 2, text, HELP_TEXT_CAP, starts, MAX_PIECES);
    }
    WINDOW *w = ui_dialog_window(&h->win, total + 2, cols, h->title);
    if (!w)
        return;
    int rows;
    getmaxyx(w, rows, cols);
    int height = rows - 2;
    ui_dialog_scroll_to(&h->top, h->top, height, total);
    attr_t normal = ui_theme_attr(THEME_DIALOG);
    int line = 0;
    for (int i = 0; i < h->count && line < h->top + height; i++) {
        const struct help_line *l = &h->lines[i];
        int x = text_x(l, kw);
        int width = cols - x - 2;
        int pieces = wrapped(l, width, text, HELP_TEXT_CAP, starts, MAX_PIECES);
        size_t len = wcslen(text);
        for (int k = 0; k < pieces; k++, line++) {
            int y = 1 + line - h->top;
            if (y < 1 || y > height || k >= MAX_PIECES)
                continue;
            if (k == 0 && l->kind == HELP_ENTRY)
                ui_draw_str(w, y, 3, kw, l->keys, ui_theme_attr(THEME_HELP_KEY), 0);
            size_t end = k + 1 < pieces && k + 1 < MAX_PIECES ? starts[k + 1] : len;
            wchar_t piece[HELP_TEXT_CAP];
            size_t n = end - starts[k];
            wmemcpy(piece, text + starts[k], n);
            while (n > 0 && piece[n - 1] == L' ')
                n--;
            piece[n] = L'\0';
            ui_draw_wstr(w, y, x, width, piece, l->kind == HELP_HEADING ? normal | A_BOLD : normal,
                         0);
        }
    }
    /* Scroll position when everything does not fit. */
    if (total > height) {
        char pos[32];
        snprintf(pos, sizeof pos, " %d-%d/%d ", h->top + 1,
                 h->top + height < total ? h->top + height : total, total);
        ui_draw_str(w, rows - 1, cols - 2 - (int)strlen(pos), (int)strlen(pos), pos, normal, 0);
    }
    wnoutrefresh(w);
}

static enum ui_result on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                             int key)
{
    (void)app;
    (void)key;
    struct help *h = (struct help *)self;
    int page = h->win ? getmaxy(h->win) - 3 : 10;
    switch (action) {
    case UI_ACT_QUIT:
    case UI_ACT_HELP:
        return UI_CLOSE;
    case UI_ACT_UP: h->top--; break;
    case UI_ACT_DOWN: h->top++; break;
    case UI_ACT_PAGE_UP: h->top -= page; break;
    case UI_ACT_PAGE_DOWN: h->top += page; break;
    case UI_ACT_FIRST: h->top = 0; break;
    case UI_ACT_LAST: h->top = h->count; break;
    default: return action == UI_ACT_REDRAW ? UI_IGNORED : UI_HANDLED;
    }
    /* Clamped at the next draw, which knows the window height. */
    if (h->top < 0)
        h->top = 0;
    return UI_HANDLED;
}

static void destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct help *h = (struct help *)self;
    if (h->win)
        delwin(h->win);
    free(h);
}

struct ui_layer *ui_help_new(struct ui_app *app, const struct ui_keytable *t, int esc_digits)
{
    (void)app;
    struct help *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->layer.draw = draw;
    h->layer.on_key = on_key;
    h->layer.destroy = destroy;
    h->layer.keys = &ui_keys_help;
    if (t && t->title && strcmp(t->title, "Help") != 0)
        /* TRANSLATORS: title of the help screen: "Help: Day view". */
        snprintf(h->title, sizeof h->title, _("Help: %s"), _(t->title));
    else
        snprintf(h->title, sizeof h->title, "%s", _("Help"));
    build(h, t ? t : &ui_keys_common, esc_digits);
    return &h->layer;
}
