/* pane.c - full-screen views' window, title line and table rows (see
 * pane.h). */
#include "pane.h"

#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "../common/safe_text.h"
#include "theme.h"

WINDOW *ui_pane_window(WINDOW **win)
{
    int rows = LINES - 2, cols = COLS;
    if (rows < 1)
        rows = 1;
    if (cols < 1)
        cols = 1;
    if (*win) {
        int h, w;
        getmaxyx(*win, h, w);
        if (h != rows || w != cols) {
            delwin(*win);
            *win = NULL;
        }
    }
    if (!*win) {
        *win = newwin(rows, cols, 0, 0);
        if (!*win)
            return NULL;
        keypad(*win, TRUE);
    }
    wbkgdset(*win, ' ' | ui_theme_attr(THEME_OPEN));
    werase(*win);
    return *win;
}

void ui_pane_title(WINDOW *w, int y, const char *left, const char *right)
{
    int cols = getmaxx(w);
    attr_t attr = ui_theme_attr(THEME_TITLE);
    ui_draw_fill(w, y, 0, cols, L" ", attr);
    int rw = 0;
    if (right && right[0]) {
        wchar_t wr[256];
        rw = ui_text_prepare(right, cols / 2, ui_draw_text_flags(), wr, 256);
        ui_draw_wstr(w, y, cols - rw - 1, rw, wr, attr, 0);
    }
    ui_draw_str(w, y, 1, cols - rw - 3, left ? left : "", attr, 0);
}

void ui_pane_layout(const struct ui_column *cols, size_t n, int total, int *out)
{
    int used = n > 0 ? (int)n - 1 : 0; /* separators */
    int weights = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = cols[i].min;
        used += cols[i].min;
        weights += cols[i].weight;
    }
    int extra = total - used;
    if (extra > 0 && weights > 0) {
        int given = 0;
        for (size_t i = 0; i < n; i++) {
            int share = extra * cols[i].weight / weights;
            out[i] += share;
            given += share;
        }
        /* Rounding leftovers go to the last weighted column. */
        for (size_t i = n; i-- > 0;)
            if (cols[i].weight) {
                out[i] += extra - given;
                break;
            }
    } else if (extra < 0) {
        /* Too narrow: shrink from the right, keeping at least 1. */
        for (size_t i = n; i-- > 0 && extra < 0;) {
            int can = out[i] - 1;
            int take = -extra < can ? -extra : can;
            out[i] -= take;
            extra += take;
        }
    }
}

void ui_pane_row(WINDOW *w, int y, int x, const struct ui_column *cols, const int *widths,
                 size_t n, const char *const *values, attr_t attr)
{
    int limit = getmaxx(w);
    ui_draw_fill(w, y, x, limit - x, L" ", attr);
    for (size_t i = 0; i < n && x < limit; i++) {
        int width = widths[i];
        if (x + width > limit)
            width = limit - x;
        unsigned flags = cols[i].flags | UI_DRAW_PAD;
        ui_draw_str(w, y, x, width, values[i] ? values[i] : "", attr, flags);
        x += widths[i] + 1;
    }
}

void ui_pane_scroll(int *top, int cursor, int height, int count)
{
    if (height < 1)
        height = 1;
    if (cursor < *top)
        *top = cursor;
    if (cursor >= *top + height)
        *top = cursor - height + 1;
    if (*top > count - height)
        *top = count - height;
    if (*top < 0)
        *top = 0;
}

void ui_pane_upper(const char *utf8, char *out, size_t size)
{
    if (size == 0)
        return;
    wchar_t wide[256];
    ui_text_decode(utf8, wide, sizeof wide / sizeof wide[0], UI_TEXT_UPPER);
    size_t n = wcstombs(out, wide, size);
    if (n == (size_t)-1)
        snprintf(out, size, "%s", utf8 ? utf8 : "");
    else if (n == size)
        out[size - 1] = '\0';
}
