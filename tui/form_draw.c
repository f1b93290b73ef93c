/* form_draw.c - the drawing of the form widget (form.h) as a framed
 * dialog: fields with their values (an empty one shows its hint), errors
 * wrapped under them, the note, the discard prompt and the key line,
 * scrolled to the focus; and ui_edit_draw, one line of text with its
 * cursor. */
#include "form.h"
#include "form_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../common/i18n.h"
#include "../model/search.h"
#include "../model/text.h"
#include "dialogs.h"
#include "draw.h"
#include "keys.h"
#include "../common/safe_text.h"
#include "theme.h"

/* ---- drawing --------------------------------------------------------------------- */

enum line_kind {
    LINE_BLANK, LINE_CONT, LINE_FIELD, LINE_ERROR, LINE_NOTE, LINE_FOOT_ERROR, LINE_ASK, LINE_KEYS
};

struct line {
    enum line_kind kind;
    int field;            /* LINE_FIELD, LINE_ERROR */
    size_t from, count;   /* LINE_NOTE, LINE_FOOT_ERROR, LINE_ASK: a wrapped piece */
};

enum { NOTE_CAP = 1024, MAX_LINES = 512 };

/* Appends the wrapped lines of `text` (decoded into w) to lines[]. */
static int wrap_lines(struct line *lines, int n, enum line_kind kind, const wchar_t *w, int width)
{
    size_t pos = 0, len = wcslen(w);
    while (pos < len && n < MAX_LINES) {
        size_t k = ui_text_wrap(w + pos, width);
        lines[n].kind = kind;
        lines[n].field = -1;
        lines[n].from = pos;
        lines[n].count = k;
        n++;
        pos += k;
        while (pos < len && w[pos] == L' ')
            pos++;
    }
    return n;
}

void ui_edit_draw(WINDOW *w, int y, int x, int width, const struct ui_edit *e, size_t *hscroll,
                  int focused)
{
    static wchar_t wide[UI_EDIT_MAX_BYTES + 1];
    ui_text_decode(e->text, wide, UI_EDIT_MAX_BYTES + 1, ui_draw_text_flags());
    size_t len = wcslen(wide);
    size_t cur = ui_edit_cursor_chars(e);
    if (cur > len)
        cur = len;
    attr_t base = ui_theme_attr(THEME_DIALOG) | A_UNDERLINE | (focused ? A_BOLD : 0);
    ui_draw_fill(w, y, x, width, L" ", base);
    if (width < 2)
        return;
    /* Scroll so that the cursor (one column after the text at the end) is
     * visible. */
    if (*hscroll > cur)
        *hscroll = cur;
    for (;;) {
        int cols = 1; /* the cursor cell */
        for (size_t k = *hscroll; k < cur; k++) {
            int cw = wcwidth(wide[k]);
            cols += cw > 0 ? cw : 0;
        }
        if (cols <= width || *hscroll >= cur)
            break;
        (*hscroll)++;
    }
    int col = 0;
    int cursor_x = x;
    for (size_t k = *hscroll; k <= len; k++) {
        if (k == cur)
            cursor_x = x + col;
        if (k == len)
            break;
        int cw = wcwidth(wide[k]);
        if (cw < 0)
            cw = 0;
        if (col + cw > width)
            break;
        wchar_t one[2] = {wide[k], L'\0'};
        attr_t a = base;
        if (focused && k == cur)
            a |= A_REVERSE;
        ui_draw_wstr(w, y, x + col, cw ? cw : 1, one, a, 0);
        col += cw;
    }
    if (focused && cur == len && cursor_x < x + width)
        ui_draw_wstr(w, y, cursor_x, 1, L" ", base | A_REVERSE, 0);
    if (focused)
        wmove(w, y, cursor_x < x + width ? cursor_x : x + width - 1);
}

void ui_edit_draw_lines(WINDOW *w, int y, int x, int width, int rows, const struct ui_edit *e,
                        int focused)
{
    static wchar_t wide[UI_EDIT_MAX_BYTES + 1];
    /* Decoded without the line breaks' mark: they are cut here. */
    size_t len = 0;
    {
        const char *p = e->text;
        mbstate_t st;
        memset(&st, 0, sizeof st);
        while (*p && len < UI_EDIT_MAX_BYTES) {
            wchar_t wc;
            size_t n = mbrtowc(&wc, p, MB_CUR_MAX, &st);
            if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
                wc = L'?';
                n = 1;
                memset(&st, 0, sizeof st);
            }
            if (wc != L'\n' && (wc < 0x20 || wc == 0x7F))
                wc = L'?';
            wide[len++] = wc;
            p += n;
        }
        wide[len] = L'\0';
    }
    size_t cur = ui_edit_cursor_chars(e);
    if (cur > len)
        cur = len;
    attr_t base = ui_theme_attr(THEME_DIALOG) | A_UNDERLINE | (focused ? A_BOLD : 0);
    if (width < 2 || rows < 1)
        return;
    /* Visual lines: start index of each. */
    enum { MAXV = 256 };
    size_t starts[MAXV];
    int nv = 0, cur_line = 0, col = 0;
    starts[nv++] = 0;
    for (size_t k = 0; k < len && nv < MAXV; k++) {
        if (k == cur)
            cur_line = nv - 1;
        int cw = wide[k] == L'\n' ? 0 : wcwidth(wide[k]);
        if (cw < 0)
            cw = 0;
        if (wide[k] == L'\n') {
            starts[nv++] = k + 1;
            col = 0;
            continue;
        }
        if (col + cw > width - 1) {
            starts[nv++] = k;
            col = 0;
        }
        col += cw;
    }
    if (cur == len)
        cur_line = nv - 1;
    int first = cur_line - rows + 1 > 0 ? cur_line - rows + 1 : 0;
    int cursor_y = y, cursor_x = x;
    for (int r = 0; r < rows; r++) {
        ui_draw_fill(w, y + r, x, width, L" ", base);
        int li = first + r;
        if (li >= nv)
            continue;
        size_t end = li + 1 < nv ? starts[li + 1] : len;
        int c = 0;
        for (size_t k = starts[li]; k <= end && k <= len; k++) {
            if (k == cur) {
                cursor_y = y + r;
                cursor_x = x + c;
            }
            if (k == end || k == len || wide[k] == L'\n')
                break;
            int cw = wcwidth(wide[k]);
            if (cw < 0)
                cw = 0;
            wchar_t one[2] = {wide[k], L'\0'};
            ui_draw_wstr(w, y + r, x + c, cw ? cw : 1, one, base | (focused && k == cur ? A_REVERSE : 0), 0);
            c += cw;
        }
    }
    if (focused) {
        if (cur == len || wide[cur] == L'\n')
            ui_draw_wstr(w, cursor_y, cursor_x, 1, L" ", base | A_REVERSE, 0);
        wmove(w, cursor_y, cursor_x);
    }
}

static void draw_value(WINDOW *w, int y, int x, int width, struct field *fd, int focused)
{
    attr_t normal = ui_theme_attr(THEME_DIALOG);
    attr_t cursor = ui_theme_attr(THEME_CURSOR);
    int ascii = ui_draw_ascii_lines();
    char buf[UI_EDIT_MAX_BYTES + 16];
    switch (fd->kind) {
    case UI_FIELD_TEXT:
        if (fd->edit.multiline)
            ui_edit_draw_lines(w, y, x, width, UI_FORM_NOTE_ROWS, &fd->edit, focused);
        else
            ui_edit_draw(w, y, x, width, &fd->edit, &fd->hscroll, focused);
        /* An empty field shows its hint, dimmed, until the cursor comes
         * (the key line shows it then): "dd/mm/yyyy", or that the person
         * may read a note. */
        if (!focused && fd->edit.len == 0 && fd->hint && fd->hint[0])
            ui_draw_str(w, y, x, width, fd->hint, normal | A_UNDERLINE | A_DIM, 0);
        return;
    case UI_FIELD_CHOICE: {
        const char *v = fd->choice_count ? fd->choices[fd->selected] : "";
        snprintf(buf, sizeof buf, "%s %s %s", ascii ? "<" : "\u2039", v, ascii ? ">" : "\u203a");
        ui_draw_str(w, y, x, width, buf, focused ? cursor : normal, UI_DRAW_PAD);
        return;
    }
    case UI_FIELD_CHECK:
        ui_draw_str(w, y, x, width, fd->checked ? "[x]" : "[ ]", focused ? cursor : normal, 0);
        return;
    case UI_FIELD_BUTTON:
        snprintf(buf, sizeof buf, "[ %s ]", fd->edit.text);
        ui_draw_str(w, y, x, width, buf, focused ? cursor : normal | A_BOLD, 0);
        return;
    case UI_FIELD_INFO:
        ui_draw_str(w, y, x, width, fd->edit.text, normal, 0);
        return;
    }
}

void ui_form_draw(struct ui_app *app, struct ui_layer *self)
{
    struct ui_form *f = (struct ui_form *)self;
    ui_form_record_start(f);
    ui_form_note_focus(f);
    unsigned tf = ui_draw_text_flags();
    int label_w = 0;
    for (int i = 0; i < f->count; i++) {
        wchar_t lw[128];
        int wdt = ui_text_prepare(f->fields[i].label, 28, tf, lw, 128);
        if (wdt > label_w)
            label_w = wdt;
    }
    int cols = label_w + 6 + 46;
    if (cols < 56)
        cols = 56;
    if (cols > COLS - 4)
        cols = COLS - 4;
    int inner = cols - 4;
    int value_x = 2 + label_w + 2;
    int value_w = cols - value_x - 2;
    if (value_w < 8) { /* very narrow: labels shrink */
        value_w = 8;
        value_x = cols - 2 - value_w;
    }

    /* The content, line by line. */
    static struct line lines[MAX_LINES];
    static wchar_t note[NOTE_CAP], foot[NOTE_CAP], ask[NOTE_CAP];
    int n = 0, focus_line = 0;
    lines[n++].kind = LINE_BLANK;
    for (int i = 0; i < f->count && n < MAX_LINES - 8; i++) {
        if (f->fields[i].hidden)
            continue;
        if (i == f->focus)
            focus_line = n;
        lines[n].kind = LINE_FIELD;
        lines[n++].field = i;
        if (f->fields[i].kind == UI_FIELD_TEXT && f->fields[i].edit.multiline)
            for (int r = 1; r < UI_FORM_NOTE_ROWS; r++) {
                lines[n].kind = LINE_CONT;
                lines[n++].field = i;
            }
        if (f->fields[i].error) {
            lines[n].kind = LINE_ERROR;
            lines[n++].field = i;
        }
    }
    note[0] = foot[0] = L'\0';
    if (f->note || f->foot_error)
        lines[n++].kind = LINE_BLANK;
    if (f->note) {
        ui_text_decode(f->note, note, NOTE_CAP, tf);
        n = wrap_lines(lines, n, LINE_NOTE, note, inner);
    }
    int foot_first = -1;
    if (f->foot_error) {
        ui_text_decode(f->foot_error, foot, NOTE_CAP, tf);
        foot_first = n;
        n = wrap_lines(lines, n, LINE_FOOT_ERROR, foot, inner);
    }
    int foot_end = foot_first >= 0 ? n : -1;
    if (n < MAX_LINES)
        lines[n++].kind = LINE_BLANK;
    /* The keys, or the question after Esc on a changed form (wrapped: it
     * is longer than a narrow form in French). */
    if (f->asking_discard) {
        ui_text_decode(ui_form_discard_question(), ask, NOTE_CAP, tf);
        n = wrap_lines(lines, n, LINE_ASK, ask, inner);
    } else if (n < MAX_LINES) {
        lines[n++].kind = LINE_KEYS;
    }

    WINDOW *w = ui_dialog_window(&f->win, n + 2, cols, f->title);
    if (!w)
        return;
    int rows, wcols;
    getmaxyx(w, rows, wcols);
    (void)wcols;
    int height = rows - 2;
    /* Keep the focused field and its message visible; show the foot (keys,
     * messages) whenever it fits. */
    int want_bottom = focus_line + 1 < n && lines[focus_line + 1].kind == LINE_ERROR
                          ? focus_line + 1
                          : focus_line;
    /* A message about the whole form ("this leaves 2 appointments outside:
     * save again to confirm") must be read before the next Enter: below the
     * fields when they fit on the screen with it, else moved up to just
     * under the focused field (a form taller than the screen, such as
     * opening hours with a check box per motif at 80x24). */
    if (foot_first >= 0 && !f->asking_discard) {
        if (foot_end - focus_line > height) {
            struct line moved[MAX_LINES];
            int count = foot_end - foot_first, at = want_bottom + 1;
            memcpy(moved, lines + foot_first, (size_t)count * sizeof *lines);
            memmove(lines + at + count, lines + at, (size_t)(foot_first - at) * sizeof *lines);
            memcpy(lines + at, moved, (size_t)count * sizeof *lines);
            foot_end = at + count;
        }
        want_bottom = foot_end - 1;
    }
    if (f->asking_discard)
        want_bottom = n - 1; /* the question must be seen */
    if (f->top > focus_line)
        f->top = focus_line;
    if (want_bottom >= f->top + height)
        f->top = want_bottom - height + 1;
    if (f->top > n - height)
        f->top = n - height;
    if (f->top < 0)
        f->top = 0;

    attr_t normal = ui_theme_attr(THEME_DIALOG);
    attr_t error = ui_theme_attr(THEME_ERROR);
    int cursor_y = -1, cursor_x = -1;
    for (int k = 0; k < height && f->top + k < n; k++) {
        const struct line *l = &lines[f->top + k];
        int y = 1 + k;
        switch (l->kind) {
        case LINE_BLANK:
        case LINE_CONT: /* drawn with its field */
            break;
        case LINE_FIELD: {
            struct field *fd = &f->fields[l->field];
            int focused = l->field == f->focus;
            ui_draw_str(w, y, 2, value_x - 4, fd->label,
                        normal | (focused ? A_BOLD : 0), 0);
            if (focused && f->fresh == l->field && !f->asking_discard) {
                /* Filled, just reached: shown selected, as typing replaces it. */
                ui_draw_str(w, y, value_x, value_w, fd->edit.text,
                            ui_theme_attr(THEME_CURSOR), UI_DRAW_PAD);
                wmove(w, y, value_x);
            } else {
                draw_value(w, y, value_x, value_w, fd, focused);
            }
            if (focused && fd->kind == UI_FIELD_TEXT)
                getyx(w, cursor_y, cursor_x);
            break;
        }
        case LINE_ERROR:
            ui_draw_str(w, y, value_x, value_w, f->fields[l->field].error, error, 0);
            break;
        case LINE_NOTE:
        case LINE_FOOT_ERROR:
        case LINE_ASK: {
            const wchar_t *src = l->kind == LINE_NOTE ? note : l->kind == LINE_ASK ? ask : foot;
            wchar_t piece[NOTE_CAP];
            wmemcpy(piece, src + l->from, l->count);
            piece[l->count] = L'\0';
            attr_t a = l->kind == LINE_NOTE  ? normal | A_BOLD
                       : l->kind == LINE_ASK ? error | A_BOLD
                                             : error;
            ui_draw_wstr(w, y, 2, inner, piece, a, 0);
            break;
        }
        case LINE_KEYS:
            ui_draw_str(w, y, 2, inner,
                        f->focus >= 0 && f->fields[f->focus].edit.multiline &&
                                f->fields[f->focus].edit.len > 0 &&
                                f->fields[f->focus].kind == UI_FIELD_TEXT
                            ? _("Enter: new line    F2: confirm    Esc: back")
                            : _("Enter/F2: confirm    Esc: back"),
                        normal, UI_DRAW_CENTER);
            break;
        }
    }
    /* The terminal's cursor sits in the text being typed, when the form is
     * on top; otherwise it stays hidden as everywhere else. */
    int on_top = app && app->layer_count > 0 && app->layers[app->layer_count - 1] == self;
    if (on_top && cursor_y >= 0) {
        wmove(w, cursor_y, cursor_x);
        leaveok(w, FALSE);
        curs_set(1);
    } else {
        curs_set(0);
    }
    wnoutrefresh(w);
}
