/* listbox.c - the list widget's logic (listbox.h): filter, cursor, paging,
 * column widths. No curses call here except through listbox_draw.c. */
#include "listbox.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../model/search.h"
#include "form.h"
#include "../common/safe_text.h"
#include "draw.h"
#include "theme.h"

static void refilter_keep(struct ui_listbox *lb);

void ui_listbox_init(struct ui_listbox *lb, const struct ui_list_column *cols, int ncols,
                     ui_list_text_fn text, void *ctx, unsigned flags)
{
    memset(lb, 0, sizeof *lb);
    lb->cols = cols;
    lb->ncols = ncols;
    lb->text = text;
    lb->ctx = ctx;
    lb->flags = flags;
    lb->page = 10;
    lb->normal_role = THEME_DIALOG;
    lb->header_role = THEME_DIALOG;
}

void ui_listbox_set_columns(struct ui_listbox *lb, const struct ui_list_column *cols, int ncols)
{
    lb->cols = cols;
    lb->ncols = ncols;
    refilter_keep(lb);
}

void ui_listbox_free(struct ui_listbox *lb)
{
    free(lb->shown);
    lb->shown = NULL;
    lb->shown_count = lb->cap = lb->count = 0;
}

static const char *cell(const struct ui_listbox *lb, size_t row, int col)
{
    const char *s = lb->text(lb->ctx, row, col);
    return s ? s : "";
}

int ui_listbox_matches(const struct ui_listbox *lb, size_t row)
{
    if (!lb->filter[0])
        return 1;
    char want[SEARCH_KEY_LEN], have[SEARCH_KEY_LEN];
    search_fold(lb->filter, want, sizeof want);
    if (!want[0])
        return 1;
    for (int c = 0; c < lb->ncols; c++) {
        search_fold(cell(lb, row, c), have, sizeof have);
        if (strstr(have, want))
            return 1;
    }
    return 0;
}

static void clamp(struct ui_listbox *lb)
{
    if (lb->shown_count == 0) {
        lb->cursor = lb->top = 0;
        return;
    }
    if (lb->cursor >= lb->shown_count)
        lb->cursor = lb->shown_count - 1;
    if (lb->top > lb->cursor)
        lb->top = lb->cursor;
    size_t page = lb->page > 0 ? (size_t)lb->page : 1;
    if (lb->cursor >= lb->top + page)
        lb->top = lb->cursor - page + 1;
}

/* Filters again, keeping the cursor on the same row when it stays. */
static int refilter(struct ui_listbox *lb)
{
    long keep = ui_listbox_selected(lb);
    if (lb->count > lb->cap) {
        size_t *n = realloc(lb->shown, lb->count * sizeof *n);
        if (!n) {
            lb->shown_count = 0;
            return -1;
        }
        lb->shown = n;
        lb->cap = lb->count;
    }
    lb->shown_count = 0;
    for (size_t i = 0; i < lb->count; i++)
        if (ui_listbox_matches(lb, i))
            lb->shown[lb->shown_count++] = i;
    lb->cursor = 0;
    for (size_t i = 0; keep >= 0 && i < lb->shown_count; i++)
        if (lb->shown[i] == (size_t)keep)
            lb->cursor = i;
    clamp(lb);
    return 0;
}

int ui_listbox_set_count(struct ui_listbox *lb, size_t count)
{
    long keep = ui_listbox_selected(lb);
    lb->count = count;
    int rc = refilter(lb);
    if (keep >= 0 && lb->shown_count && ui_listbox_selected(lb) != keep) {
        /* The row under the cursor went: stay at the same place. */
        lb->cursor = (size_t)keep < lb->shown_count ? (size_t)keep : lb->shown_count - 1;
        clamp(lb);
    }
    return rc;
}

long ui_listbox_selected(const struct ui_listbox *lb)
{
    if (lb->cursor >= lb->shown_count)
        return -1;
    return (long)lb->shown[lb->cursor];
}

void ui_listbox_select(struct ui_listbox *lb, size_t row)
{
    for (size_t i = 0; i < lb->shown_count; i++)
        if (lb->shown[i] == row) {
            lb->cursor = i;
            clamp(lb);
            return;
        }
}

int ui_listbox_typing(const struct ui_listbox *lb)
{
    return (lb->flags & UI_LISTBOX_FILTER) != 0 || lb->filtering;
}

static void refilter_keep(struct ui_listbox *lb)
{
    refilter(lb);
}

static int is_enter(int key)
{
    return key == '\r' || key == '\n' || key == UI_KEY_CURSES(KEY_ENTER);
}

static void move_cursor(struct ui_listbox *lb, long delta)
{
    long c = (long)lb->cursor + delta;
    if (c < 0)
        c = 0;
    if (lb->shown_count && c >= (long)lb->shown_count)
        c = (long)lb->shown_count - 1;
    lb->cursor = (size_t)(c < 0 ? 0 : c);
    clamp(lb);
}

static int filter_key(struct ui_listbox *lb, int key)
{
    size_t len = strlen(lb->filter);
    if (key == 127 || key == 8 || key == UI_KEY_CURSES(KEY_BACKSPACE)) {
        if (len == 0)
            return 1;
        /* Back one UTF-8 character. */
        do
            len--;
        while (len > 0 && ((unsigned char)lb->filter[len] & 0xC0) == 0x80);
        lb->filter[len] = '\0';
    } else if (key == 'U' - 'A' + 1) { /* ^U */
        lb->filter[0] = '\0';
    } else if (key >= ' ' && key < UI_KEY_CURSES_BASE && key != 127) {
        char enc[5];
        size_t n = ui_edit_encode(key, enc);
        if (len + n + 1 > sizeof lb->filter)
            return 1;
        memcpy(lb->filter + len, enc, n);
        lb->filter[len + n] = '\0';
    } else {
        return 0;
    }
    refilter(lb);
    return 1;
}

/* The filter typed on demand: the search verb starts it, Enter keeps it,
 * Esc (or the quit verb) clears it. Returns 1 when the key was used. */
static int on_demand_key(struct ui_listbox *lb, enum ui_action action, int key)
{
    if (action == UI_ACT_SEARCH && !lb->filtering) {
        lb->filtering = 1;
        return 1;
    }
    if (action == UI_ACT_QUIT && (lb->filtering || lb->filter[0])) {
        lb->filtering = 0;
        lb->filter[0] = '\0';
        refilter(lb);
        return 1;
    }
    if (lb->filtering && is_enter(key)) {
        lb->filtering = 0;
        return 1;
    }
    if (lb->filtering && (action == UI_ACT_NONE || action == UI_ACT_TEXT ||
                          action == UI_ACT_SEARCH)) {
        filter_key(lb, key); /* nothing typed acts on the screen */
        return 1;
    }
    return 0;
}

int ui_listbox_key(struct ui_listbox *lb, enum ui_action action, int key)
{
    long page = lb->page > 1 ? lb->page - 1 : 1;
    if ((lb->flags & UI_LISTBOX_FILTER_ON_DEMAND) && on_demand_key(lb, action, key))
        return 1;
    switch (action) {
    case UI_ACT_UP: move_cursor(lb, -1); return 1;
    case UI_ACT_DOWN: move_cursor(lb, 1); return 1;
    case UI_ACT_PAGE_UP: move_cursor(lb, -page); return 1;
    case UI_ACT_PAGE_DOWN: move_cursor(lb, page); return 1;
    case UI_ACT_FIRST: move_cursor(lb, -(long)lb->shown_count); return 1;
    case UI_ACT_LAST: move_cursor(lb, (long)lb->shown_count); return 1;
    case UI_ACT_NONE:
    case UI_ACT_TEXT:
        if (lb->flags & UI_LISTBOX_FILTER)
            return filter_key(lb, key);
        return 0;
    default:
        return 0;
    }
}

static int text_width(const char *s)
{
    wchar_t buf[512];
    return ui_text_prepare(s, 400, ui_draw_text_flags(), buf, 512);
}

/* A cell's width as its column counts it: its short form where it has
 * one (the full text is drawn when the column is wider). */
static int cell_width(const struct ui_listbox *lb, size_t row, int col)
{
    const char *shorter = lb->short_text ? lb->short_text(lb->ctx, row, col) : NULL;
    return text_width(shorter ? shorter : cell(lb, row, col));
}

/* Which columns give way in each pass while the list is too wide, and how
 * far: the ordinary ones to their minimum, then the KEEP ones to theirs,
 * then any but the WHOLE ones to one cell, then those too. */
enum { PASS_ORDINARY, PASS_KEEP, PASS_ANY, PASS_WHOLE, PASS_COUNT };

static int gives_in_pass(const struct ui_list_column *col, int pass)
{
    int whole = (col->flags & UI_LIST_WHOLE) != 0, keep = (col->flags & UI_LIST_KEEP) != 0;
    switch (pass) {
    case PASS_ORDINARY: return !whole && !keep;
    case PASS_KEEP: return !whole && keep;
    case PASS_ANY: return !whole;
    default: return 1;
    }
}

/* Natural widths (and each column's floor); returns their sum with one
 * space between columns. */
static int natural_widths(const struct ui_listbox *lb, int ncols, int *widths, int *floor)
{
    int total = 0;
    for (int c = 0; c < ncols; c++) {
        int w = lb->cols[c].title ? text_width(_(lb->cols[c].title)) : 0;
        if (lb->cols[c].min_width > w)
            w = lb->cols[c].min_width;
        for (size_t i = 0; i < lb->count; i++) {
            int tw = cell_width(lb, i, c);
            if (tw > w)
                w = tw;
        }
        widths[c] = w;
        floor[c] = lb->cols[c].min_width > 0 ? lb->cols[c].min_width : 1;
        if ((lb->cols[c].flags & UI_LIST_WHOLE) && w > floor[c])
            floor[c] = w;
        total += w + (c ? 1 : 0);
    }
    return total;
}

int ui_listbox_gap(const struct ui_listbox *lb, int width)
{
    int ncols = lb->ncols < UI_LIST_COLS_MAX ? lb->ncols : UI_LIST_COLS_MAX;
    if (!lb->spacious || ncols < 2)
        return 1;
    int widths[UI_LIST_COLS_MAX], floor[UI_LIST_COLS_MAX];
    return natural_widths(lb, ncols, widths, floor) + ncols - 1 <= width ? 2 : 1;
}

void ui_listbox_widths(const struct ui_listbox *lb, int width, int *widths)
{
    int grow = -1;
    int ncols = lb->ncols < UI_LIST_COLS_MAX ? lb->ncols : UI_LIST_COLS_MAX;
    int floor[UI_LIST_COLS_MAX];
    for (int c = 0; c < lb->ncols; c++)
        widths[c] = 0;
    if (ncols == 0)
        return;
    int total = natural_widths(lb, ncols, widths, floor);
    for (int c = 0; c < ncols; c++)
        if (lb->cols[c].flags & UI_LIST_GROW)
            grow = c;
    /* An optional column gives way whole when the others at their natural
     * width would not leave it its minimum. */
    for (int c = ncols - 1; c >= 0 && total > width; c--) {
        int least = lb->cols[c].min_width > 0 ? lb->cols[c].min_width : 1;
        if ((lb->cols[c].flags & UI_LIST_OPTIONAL) && total - widths[c] + least > width) {
            total -= widths[c] + 1;
            widths[c] = 0;
        }
    }
    if (grow < 0 || widths[grow] == 0)
        grow = ncols - 1;
    while (grow > 0 && widths[grow] == 0)
        grow--;
    if (total < width) {
        widths[grow] += width - total;
        return;
    }
    /* Too wide: the widest column that may gives one cell at a time. */
    for (int pass = 0; pass < PASS_COUNT && total > width; pass++) {
        while (total > width) {
            int widest = -1;
            for (int c = 0; c < ncols; c++) {
                int least = pass >= PASS_ANY ? 1 : floor[c];
                if (gives_in_pass(&lb->cols[c], pass) && widths[c] > least &&
                    (widest < 0 || widths[c] > widths[widest]))
                    widest = c;
            }
            if (widest < 0)
                break;
            widths[widest]--;
            total--;
        }
    }
}
