/* dialog_list.c - a list to choose one line from (the sites; several
 * appointments sharing a cell). Enter chooses, Esc or q backs out; the
 * caller learns the outcome through its done callback when the list has
 * left the stack. */
#include "dialogs.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "safe_text.h"
#include "theme.h"

struct list {
    struct ui_layer layer;
    WINDOW *win;
    char *title;
    char **items;
    size_t count;
    int selected;
    int top;
    long chosen;
    ui_list_done_fn done;
    void *ctx;
};

static int widest(const struct list *l)
{
    int w = 0;
    wchar_t buf[256];
    for (size_t i = 0; i < l->count; i++) {
        int iw = ui_text_prepare(l->items[i], 200, ui_draw_text_flags(), buf, 256);
        if (iw > w)
            w = iw;
    }
    int tw = ui_text_prepare(l->title, 200, ui_draw_text_flags(), buf, 256);
    return w > tw + 4 ? w : tw + 4;
}

static void draw(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct list *l = (struct list *)self;
    WINDOW *w = ui_dialog_window(&l->win, (int)l->count + 2, widest(l) + 6, l->title);
    if (!w)
        return;
    int rows, cols;
    getmaxyx(w, rows, cols);
    int height = rows - 2;
    ui_dialog_scroll_to(&l->top, l->selected, height, (int)l->count);
    for (int i = 0; i < height && l->top + i < (int)l->count; i++) {
        int index = l->top + i;
        attr_t a = ui_theme_attr(index == l->selected ? THEME_CURSOR : THEME_DIALOG);
        ui_draw_fill(w, 1 + i, 1, cols - 2, L" ", a);
        ui_draw_str(w, 1 + i, 3, cols - 6, l->items[index], a, 0);
    }
    wnoutrefresh(w);
}

static enum ui_result on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                             int key)
{
    (void)app;
    (void)key;
    struct list *l = (struct list *)self;
    int last = (int)l->count - 1;
    int page = l->win ? getmaxy(l->win) - 3 : 10;
    switch (action) {
    case UI_ACT_BACK:
    case UI_ACT_QUIT:
        l->chosen = -1;
        return UI_CLOSE;
    case UI_ACT_DETAILS:
        l->chosen = l->selected;
        return UI_CLOSE;
    case UI_ACT_UP: l->selected--; break;
    case UI_ACT_DOWN: l->selected++; break;
    case UI_ACT_PREV_DAY: l->selected -= page; break;
    case UI_ACT_NEXT_DAY: l->selected += page; break;
    case UI_ACT_FIRST: l->selected = 0; break;
    case UI_ACT_LAST: l->selected = last; break;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW: return UI_IGNORED;
    default: break;
    }
    if (l->selected > last)
        l->selected = last;
    if (l->selected < 0)
        l->selected = 0;
    return UI_HANDLED;
}

static void free_list(struct list *l)
{
    if (l->win)
        delwin(l->win);
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    free(l->title);
    free(l);
}

static void destroy(struct ui_app *app, struct ui_layer *self)
{
    struct list *l = (struct list *)self;
    ui_list_done_fn done = l->done;
    void *ctx = l->ctx;
    long chosen = l->chosen;
    free_list(l);
    if (done)
        done(app, ctx, chosen);
}

static char *copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

struct ui_layer *ui_list_new(const char *title, const char *const *items, size_t count,
                             size_t selected, ui_list_done_fn done, void *ctx)
{
    struct list *l = calloc(1, sizeof *l);
    if (!l || count == 0)
        goto fail;
    l->layer.draw = draw;
    l->layer.on_key = on_key;
    l->layer.destroy = destroy;
    l->chosen = -1;
    l->done = done;
    l->ctx = ctx;
    l->title = copy(title);
    l->items = calloc(count, sizeof *l->items);
    if (!l->title || !l->items)
        goto fail;
    for (size_t i = 0; i < count; i++) {
        l->items[i] = copy(items[i]);
        if (!l->items[i])
            goto fail;
        l->count = i + 1;
    }
    l->selected = selected < count ? (int)selected : 0;
    return &l->layer;
fail:
    if (l) {
        l->done = NULL;
        free_list(l);
    }
    if (done)
        done(NULL, ctx, -1);
    return NULL;
}
