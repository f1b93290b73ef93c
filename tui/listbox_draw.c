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

/* The filter line: always on a filtered list, on demand while typed or
 * kept. */
static int has_filter_line(const struct ui_listbox *lb)
{
    return (lb->flags & UI_LISTBOX_FILTER) || lb->filtering || lb->filter[0];
}

int ui_listbox_extra_lines(const struct ui_listbox *lb)
{
    return has_header(lb) + has_filter_line(lb);
}

/* The full text when the column holds it; cut when the column leaves
 * CUT_ROOM cells more than the short form (a reason cut there still says
 * something, a waiting time cut short would not); else the short form. */
enum { CUT_ROOM = 20 };

static const char *fitting_form(const struct ui_listbox *lb, size_t row, int col,
                                const char *full, int width)
{
    wchar_t buf[512];
    if (ui_text_prepare(full, 400, ui_draw_text_flags(), buf, 512) <= width)
        return full;
    const char *shorter = lb->short_text(lb->ctx, row, col);
    if (!shorter)
        return full;
    if (width >= ui_text_prepare(shorter, 400, ui_draw_text_flags(), buf, 512) + CUT_ROOM)
        return full;
    return shorter;
}

static void draw_row(const struct ui_listbox *lb, WINDOW *w, int y, int x, const int *widths,
                     int gap, size_t row, int header, attr_t attr)
{
    int cx = x;
    for (int c = 0; c < lb->ncols && c < UI_LIST_COLS_MAX; c++) {
        if (widths[c] <= 0)
            continue; /* an optional column left out */
        const char *s = header ? (lb->cols[c].title ? _(lb->cols[c].title) : "")
                               : lb->text(lb->ctx, row, c);
        if (!header && lb->short_text && s)
            s = fitting_form(lb, row, c, s, widths[c]);
        ui_draw_str(w, y, cx, widths[c], s ? s : "", attr,
                    (lb->cols[c].flags & UI_LIST_RIGHT) ? UI_DRAW_RIGHT : 0);
        cx += widths[c] + gap;
    }
}

void ui_listbox_draw(struct ui_listbox *lb, WINDOW *w, int y, int x, int rows, int width)
{
    int widths[UI_LIST_COLS_MAX];
    int ncols = lb->ncols < UI_LIST_COLS_MAX ? lb->ncols : UI_LIST_COLS_MAX;
    struct ui_listbox view = *lb;
    view.ncols = ncols;
    int gutter = lb->gutter > 0 && lb->gutter < width ? lb->gutter : 0;
    int cx = x + gutter, cwidth = width - gutter;
    int gap = ui_listbox_gap(&view, cwidth);
    ui_listbox_widths(&view, cwidth - (gap - 1) * (ncols - 1), widths);
    attr_t normal = ui_theme_attr((enum theme_role)lb->normal_role);
    attr_t header = ui_theme_attr((enum theme_role)lb->header_role);
    if (lb->header_role == lb->normal_role)
        header |= A_BOLD;
    if (has_header(lb) && rows > 0) {
        ui_draw_fill(w, y, x, width, L" ", header);
        draw_row(&view, w, y, cx, widths, gap, 0, 1, header);
        y++;
        rows--;
    }
    int filter_line = has_filter_line(lb) && rows > 1;
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
        size_t row = lb->shown[at];
        int role = lb->row_role ? lb->row_role(lb->ctx, row) : lb->normal_role;
        attr_t a = ui_theme_attr(at == lb->cursor ? THEME_CURSOR : (enum theme_role)role);
        ui_draw_fill(w, y + i, x, width, L" ", a);
        if (gutter && lb->mark) {
            const wchar_t *m = lb->mark(lb->ctx, row);
            if (m)
                ui_draw_wstr(w, y + i, x, gutter, m, a, 0);
        }
        draw_row(&view, w, y + i, cx, widths, gap, row, 0, a);
    }
    if (filter_line) {
        char line[UI_LISTBOX_FILTER_LEN + 160];
        if (lb->filtering)
            /* TRANSLATORS: the text being typed to filter a list, how many
             * lines match it out of all, and the keys that end it. */
            snprintf(line, sizeof line, _("Filter: %s_  (%zu/%zu) · Enter: keep · Esc: clear"),
                     lb->filter, lb->shown_count, lb->count);
        else if (lb->filter[0] && (lb->flags & UI_LISTBOX_FILTER_ON_DEMAND))
            /* TRANSLATORS: a filter kept on a list; "/" types it again. */
            snprintf(line, sizeof line, _("Filter: %s  (%zu/%zu) · /: change · Esc: clear"),
                     lb->filter, lb->shown_count, lb->count);
        else if (lb->filter[0])
            /* TRANSLATORS: the text typed to filter a list, and how many
             * lines match it out of all. */
            snprintf(line, sizeof line, _("Filter: %s_  (%zu/%zu)"), lb->filter,
                     lb->shown_count, lb->count);
        else
            snprintf(line, sizeof line, _("Type to filter (%zu lines)"), lb->count);
        ui_draw_str(w, y + rows, x, width, line, normal | A_DIM, UI_DRAW_PAD);
    }
}
