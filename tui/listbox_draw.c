/* listbox_draw.c - drawing the list widget (listbox.h). */
#include "listbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "draw.h"
#include "../common/safe_text.h"
#include "theme.h"

static int has_header(const struct ui_listbox *lb)
{
    for (int c = 0; c < lb->ncols; c++)
        if (lb->cols[c].title)
            return 1;
    return 0;
}

int ui_listbox_extra_lines(const struct ui_listbox *lb)
{
    return has_header(lb) + ((lb->flags & UI_LISTBOX_FILTER) ? 1 : 0);
}

enum { MAX_COLS = 16 };

static void draw_row(const struct ui_listbox *lb, WINDOW *w, int y, int x, const int *widths,
                     size_t row, int header, attr_t attr)
{
    int cx = x;
    for (int c = 0; c < lb->ncols && c < MAX_COLS; c++) {
        const char *s = header ? (lb->cols[c].title ? _(lb->cols[c].title) : "")
                               : lb->text(lb->ctx, row, c);
        ui_draw_str(w, y, cx, widths[c], s ? s : "", attr,
                    (lb->cols[c].flags & UI_LIST_RIGHT) ? UI_DRAW_RIGHT : 0);
        cx += widths[c] + 1;
    }
}

void ui_listbox_draw(struct ui_listbox *lb, WINDOW *w, int y, int x, int rows, int width)
{
    int widths[MAX_COLS];
    int ncols = lb->ncols < MAX_COLS ? lb->ncols : MAX_COLS;
    struct ui_listbox view = *lb;
    view.ncols = ncols;
    ui_listbox_widths(&view, width, widths);
    attr_t normal = ui_theme_attr(THEME_DIALOG);
    if (has_header(lb) && rows > 0) {
        ui_draw_fill(w, y, x, width, L" ", normal | A_BOLD);
        draw_row(&view, w, y, x, widths, 0, 1, normal | A_BOLD);
        y++;
        rows--;
    }
    int filter_line = (lb->flags & UI_LISTBOX_FILTER) && rows > 1;
    if (filter_line)
        rows--;
    lb->page = rows > 0 ? rows : 1;
    /* Keep the cursor visible at this height. */
    if (lb->cursor < lb->top)
        lb->top = lb->cursor;
    if (lb->shown_count && lb->cursor >= lb->top + (size_t)lb->page)
        lb->top = lb->cursor - (size_t)lb->page + 1;
    for (int i = 0; i < rows; i++) {
        size_t at = lb->top + (size_t)i;
        ui_draw_fill(w, y + i, x, width, L" ", normal);
        if (at >= lb->shown_count)
            continue;
        attr_t a = ui_theme_attr(at == lb->cursor ? THEME_CURSOR : THEME_DIALOG);
        ui_draw_fill(w, y + i, x, width, L" ", a);
        draw_row(&view, w, y + i, x, widths, lb->shown[at], 0, a);
    }
    if (filter_line) {
        char line[UI_LISTBOX_FILTER_LEN + 96];
        if (lb->filter[0])
            /* TRANSLATORS: the text typed to filter a list, and how many
             * lines match it out of all. */
            snprintf(line, sizeof line, _("Filter: %s_  (%zu/%zu)"), lb->filter,
                     lb->shown_count, lb->count);
        else
            snprintf(line, sizeof line, _("Type to filter (%zu lines)"), lb->count);
        ui_draw_str(w, y + rows, x, width, line, normal | A_DIM, UI_DRAW_PAD);
    }
}
