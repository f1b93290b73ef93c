/* draw.c - curses drawing helpers (see draw.h). The two ASCII switches are
 * module state set once by the event loop before anything is drawn: the
 * console has one terminal, and passing them through every call would only
 * add noise. */
#include "draw.h"

#include <stdio.h>

#include "../common/safe_text.h"

static int text_ascii;
static int lines_ascii;

/* Unicode glyphs and their ASCII twins, indexed by enum ui_glyph. Marks do
 * not rest on colour: each status has its own character. */
static const wchar_t *const glyphs[UI_GLYPH_COUNT][2] = {
    [UI_GLYPH_VLINE] = {L"\x2502", L"|"},
    [UI_GLYPH_CLOSED] = {L"\x00B7", L"."},
    [UI_GLYPH_MORE_LEFT] = {L"\x25C2", L"<"},
    [UI_GLYPH_MORE_RIGHT] = {L"\x25B8", L">"},
    [UI_GLYPH_NOW] = {L"\x25B6", L">"},
    [UI_GLYPH_MARK_UPCOMING] = {L" ", L" "},
    [UI_GLYPH_MARK_TO_FILL] = {L"?", L"?"},
    [UI_GLYPH_MARK_SEEN] = {L"\x2713", L"v"},
    [UI_GLYPH_MARK_ARRIVED] = {L"\x2192", L"a"}, /* ">" is the now-marker */
    [UI_GLYPH_MARK_CANCELLED] = {L"\x2717", L"x"},
    [UI_GLYPH_MARK_NOSHOW] = {L"!", L"!"},
    [UI_GLYPH_CONTINUED] = {L"\x2506", L":"},
    [UI_GLYPH_MARK_RISK] = {L"\x25B2", L"^"},
};

void ui_draw_setup(int ascii_text, int ascii_lines)
{
    text_ascii = ascii_text;
    lines_ascii = ascii_lines || ascii_text;
}

int ui_draw_ascii_lines(void)
{
    return lines_ascii;
}

unsigned ui_draw_text_flags(void)
{
    return (text_ascii ? UI_TEXT_ASCII : 0) | (lines_ascii ? UI_TEXT_ASCII_MARKS : 0);
}

const wchar_t *ui_glyph(enum ui_glyph g)
{
    if ((unsigned)g >= UI_GLYPH_COUNT)
        return L"?";
    return glyphs[g][lines_ascii ? 1 : 0];
}

void ui_draw_fill(WINDOW *w, int y, int x, int width, const wchar_t *glyph, attr_t attr)
{
    if (width <= 0)
        return;
    wattrset(w, attr);
    wmove(w, y, x);
    for (int i = 0; i < width; i++)
        waddnwstr(w, glyph, 1);
}

int ui_draw_wstr(WINDOW *w, int y, int x, int width, const wchar_t *s, attr_t attr,
                 unsigned flags)
{
    if (width <= 0)
        return 0;
    int tw = ui_text_width(s);
    int lead = 0;
    if (tw < width && (flags & UI_DRAW_RIGHT))
        lead = width - tw;
    else if (tw < width && (flags & UI_DRAW_CENTER))
        lead = (width - tw) / 2;
    if (lead && (flags & UI_DRAW_PAD))
        ui_draw_fill(w, y, x, lead, L" ", attr);
    wattrset(w, attr);
    mvwaddwstr(w, y, x + lead, s);
    int used = lead + tw;
    if ((flags & UI_DRAW_PAD) && used < width)
        ui_draw_fill(w, y, x + used, width - used, L" ", attr);
    return (flags & UI_DRAW_PAD) ? width : used;
}

int ui_draw_str(WINDOW *w, int y, int x, int width, const char *utf8, attr_t attr,
                unsigned flags)
{
    wchar_t buf[1024];
    unsigned tf = ui_draw_text_flags() | (flags & UI_TEXT_UPPER);
    ui_text_prepare(utf8, width, tf, buf, sizeof buf / sizeof buf[0]);
    return ui_draw_wstr(w, y, x, width, buf, attr, flags);
}

void ui_draw_frame(WINDOW *w, attr_t attr, const char *title, attr_t title_attr)
{
    wattrset(w, attr);
    if (lines_ascii)
        wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
    else
        box(w, 0, 0);
    int cols = getmaxx(w);
    if (title && title[0] && cols > 6) {
        wchar_t buf[256];
        ui_text_prepare(title, cols - 6, ui_draw_text_flags(), buf, sizeof buf / sizeof buf[0]);
        int tw = ui_text_width(buf);
        int x = (cols - tw - 2) / 2;
        ui_draw_fill(w, 0, x, 1, L" ", title_attr);
        ui_draw_wstr(w, 0, x + 1, tw, buf, title_attr, 0);
        ui_draw_fill(w, 0, x + 1 + tw, 1, L" ", title_attr);
    }
}

/* Appends UTF-8 made safe to a wide buffer; returns the new length. */
static size_t wappend(wchar_t *buf, size_t cap, size_t len, const char *utf8, unsigned flags)
{
    if (len + 1 >= cap)
        return len;
    return len + ui_text_decode(utf8, buf + len, cap - len, flags | ui_draw_text_flags());
}

static size_t wappend_w(wchar_t *buf, size_t cap, size_t len, const wchar_t *s)
{
    while (*s && len + 1 < cap)
        buf[len++] = *s++;
    buf[len] = L'\0';
    return len;
}

void ui_draw_appt_cell(WINDOW *w, int y, int x, int width, const struct ui_cell *cell,
                       enum ui_appt_look look, attr_t attr, unsigned flags)
{
    if (!cell->appt || width <= 0)
        return;
    const struct db_day_row *r = cell->appt->row;
    int narrow = width < 8;
    const wchar_t *gap = narrow ? L"" : L" ";
    wchar_t text[512];
    size_t n = 0;
    text[0] = L'\0';
    if (cell->kind == UI_CELL_APPT_FIRST || (flags & UI_APPT_CELL_TOP)) {
        /* An upcoming appointment has a blank mark: at risk, the risk
         * mark takes its place (an arrival or an outcome replaces it). */
        int risky = (flags & UI_APPT_CELL_RISK) &&
                    (look == UI_LOOK_UPCOMING || look == UI_LOOK_TODAY);
        n = wappend_w(text, 512, n, ui_glyph(risky ? UI_GLYPH_MARK_RISK : ui_appt_look_glyph(look)));
        /* Left outside (agent absent, outside opening hours): a mark that
         * does not rest on colour; the status line and details say why. */
        if (cell->appt->stranded)
            n = wappend_w(text, 512, n, L"!");
        n = wappend_w(text, 512, n, gap);
        if (flags & UI_APPT_CELL_TIME) {
            char hhmm[CIVIL_TIME_LEN];
            civil_format_time(cell->appt->start_at.minute, hhmm, sizeof hhmm);
            n = wappend(text, 512, n, hhmm, 0);
            n = wappend_w(text, 512, n, L" ");
        }
        if (r->person_last[0] || r->person_first[0]) {
            n = wappend(text, 512, n, r->person_last, UI_TEXT_UPPER);
            n = wappend_w(text, 512, n, L" ");
            wappend(text, 512, n, r->person_first, 0);
        } else {
            wappend(text, 512, n, r->motif_name, 0);
        }
    } else {
        n = wappend_w(text, 512, n, ui_glyph(UI_GLYPH_CONTINUED));
        if (cell->kind == UI_CELL_APPT_SECOND) {
            n = wappend_w(text, 512, n, gap);
            wappend(text, 512, n, r->motif_name, 0);
        }
    }
    /* "+2": more appointments start in this row, hidden (Enter lists them). */
    wchar_t more[16] = L"";
    int extra = cell->kind == UI_CELL_APPT_FIRST ? cell->starting - 1 : 0;
    if (extra > 0)
        swprintf(more, 16, L"+%d", extra);
    int mw = ui_text_width(more);
    if (mw >= width)
        mw = 0; /* no room: the status line still counts them */
    ui_text_fit(text, width - (mw ? mw + (narrow ? 0 : 1) : 0), ui_draw_text_flags());
    ui_draw_wstr(w, y, x, width, text, attr, UI_DRAW_PAD);
    if (mw)
        ui_draw_wstr(w, y, x + width - mw, mw, more, attr | A_BOLD, 0);
}
