/* bars.c - the two bottom lines shared by every view: the status line
 * (a message, or what is under the cursor) and the F-key bar in the style
 * of htop and Midnight Commander ("1Help 2New ... 10Quit"), generated from
 * the top layer's key table so the bar never disagrees with the keys. */
#include "app.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "draw.h"
#include "../common/safe_text.h"
#include "theme.h"

void ui_status_draw(struct ui_app *app)
{
    int y = LINES - 2;
    if (y < 0)
        return;
    if (app->message[0]) {
        attr_t a = ui_theme_attr(app->message_is_error ? THEME_ERROR : THEME_STATUS);
        ui_draw_fill(stdscr, y, 0, COLS, L" ", ui_theme_attr(THEME_STATUS));
        ui_draw_str(stdscr, y, 0, COLS, app->message, a, 0);
        return;
    }
    char hint[512] = "";
    struct ui_layer *top = app->layer_count ? app->layers[app->layer_count - 1] : NULL;
    if (top && top->status)
        top->status(app, top, hint, sizeof hint);
    else if (app->layer_count > 1)
        snprintf(hint, sizeof hint, "%s", _("Esc: close"));
    /* A hint is never cut mid-word: whole " · " parts are left out from
     * the end until it fits (or, for one long part, whole words). */
    static wchar_t w[512];
    ui_text_decode(hint, w, 512, ui_draw_text_flags());
    if (ui_text_width(w) > COLS) {
        size_t len = wcslen(w);
        while (len > 0 && ui_text_width(w) > COLS) {
            wchar_t *dot = NULL;
            for (size_t i = 0; i + 2 < len; i++)
                if (w[i] == L' ' && w[i + 1] == L'\x00B7' && w[i + 2] == L' ')
                    dot = &w[i];
            if (!dot) {
                wchar_t *sp = wcsrchr(w, L' ');
                if (!sp)
                    break;
                dot = sp;
            }
            *dot = L'\0';
            len = wcslen(w);
        }
        ui_draw_fill(stdscr, y, 0, COLS, L" ", ui_theme_attr(THEME_STATUS));
        ui_draw_wstr(stdscr, y, 0, COLS, w, ui_theme_attr(THEME_STATUS), UI_DRAW_PAD);
        return;
    }
    ui_draw_str(stdscr, y, 0, COLS, hint, ui_theme_attr(THEME_STATUS), UI_DRAW_PAD);
}

struct fkey_slot {
    int fkey;
    wchar_t number[4];
    wchar_t label[64];
    int label_width;
};

struct bar_ctx {
    struct fkey_slot slots[12];
    const struct ui_binding *rows[13];
};

static void note_fkey(const struct ui_binding *row, void *p)
{
    struct bar_ctx *c = p;
    if (row->fkey >= 1 && row->fkey <= 12 && row->label && !c->rows[row->fkey])
        c->rows[row->fkey] = row;
}

void ui_fkeybar_draw(struct ui_app *app)
{
    /* The top layer's table, and nothing else: the bar of a form is the
     * form's. */
    struct bar_ctx c;
    memset(&c, 0, sizeof c);
    ui_keytable_each(ui_app_keys(app), note_fkey, &c);
    struct fkey_slot *slots = c.slots;
    int n = 0;
    for (int f = 1; f <= 12; f++) {
        const struct ui_binding *row = c.rows[f];
        if (!row)
            continue;
        struct fkey_slot *s = &slots[n++];
        s->fkey = f;
        swprintf(s->number, 4, L"%d", f);
        ui_text_decode(_(row->label), s->label, 64, ui_draw_text_flags());
        s->label_width = ui_text_width(s->label);
    }
    if (n == 0)
        return;
    /* Each slot: number, label, one space. Shrink the longest labels until
     * the bar fits, then share what is left evenly. */
    int total = 0;
    for (int i = 0; i < n; i++)
        total += (int)wcslen(slots[i].number) + slots[i].label_width + 1;
    while (total > COLS) {
        int longest = 0;
        for (int i = 1; i < n; i++)
            if (slots[i].label_width > slots[longest].label_width)
                longest = i;
        if (slots[longest].label_width <= 1)
            break;
        slots[longest].label_width--;
        total--;
    }
    int extra = COLS > total ? (COLS - total) / n : 0;
    int y = LINES - 1;
    int x = 0;
    attr_t key_attr = ui_theme_attr(THEME_FKEY_KEY);
    attr_t label_attr = ui_theme_attr(THEME_FKEY_LABEL);
    ui_draw_fill(stdscr, y, 0, COLS, L" ", label_attr);
    for (int i = 0; i < n && x < COLS; i++) {
        int nw = (int)wcslen(slots[i].number);
        ui_draw_wstr(stdscr, y, x, nw, slots[i].number, key_attr, 0);
        x += nw;
        int width = slots[i].label_width + 1 + extra;
        if (x + width > COLS)
            width = COLS - x;
        ui_text_fit(slots[i].label, slots[i].label_width, ui_draw_text_flags());
        ui_draw_wstr(stdscr, y, x, width, slots[i].label, label_attr, UI_DRAW_PAD);
        x += width;
    }
}
