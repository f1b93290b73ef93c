/* draw.c - curses drawing helpers (see draw.h). The two ASCII switches are
 * module state set once by the event loop before anything is drawn: the
 * console has one terminal, and passing them through every call would only
 * add noise. */
#include "draw.h"

#include "safe_text.h"

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
    [UI_GLYPH_MARK_ARRIVED] = {L"\x2192", L">"},
    [UI_GLYPH_MARK_CANCELLED] = {L"\x2717", L"x"},
    [UI_GLYPH_MARK_NOSHOW] = {L"!", L"!"},
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
    return text_ascii ? UI_TEXT_ASCII : 0;
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
