/* dialog_list.c - a list to choose one line from (the sites; several
 * appointments sharing a cell; a form's choices), on the list widget
 * (listbox.h): Enter chooses, Esc backs out, and a long list filters as
 * the person types. The caller learns the outcome through its done
 * callback when the list has left the stack. */
#include "dialogs.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "listbox.h"
#include "../common/safe_text.h"
#include "theme.h"

struct list {
    struct ui_layer layer;
    WINDOW *win;
    char *title;
    char **items;
    size_t count;
    struct ui_listbox box;
    long chosen;
    ui_list_done_fn done;
    void *ctx;
};

static const struct ui_list_column list_column[] = {{NULL, 1, UI_LIST_GROW}};

static const char *item_text(void *ctx, size_t row, int col)
{
    (void)col;
    struct list *l = ctx;
    return row < l->count ? l->items[row] : "";
}

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
    int fw = 32; /* the filter line */
    if (w < fw)
        w = fw;
    return w > tw + 4 ? w : tw + 4;
}

static void draw(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct list *l = (struct list *)self;
    int extra = ui_listbox_extra_lines(&l->box);
    WINDOW *w = ui_dialog_window(&l->win, (int)l->count + 2 + extra, widest(l) + 6, l->title);
    if (!w)
        return;
    int rows, cols;
    getmaxyx(w, rows, cols);
    ui_listbox_draw(&l->box, w, 1, 2, rows - 2, cols - 4);
    wnoutrefresh(w);
}

static int typing(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    return ui_listbox_typing(&((struct list *)self)->box);
}

static enum ui_result on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                             int key)
{
    (void)app;
    struct list *l = (struct list *)self;
    switch (action) {
    case UI_ACT_QUIT:
        l->chosen = -1;
        return UI_CLOSE;
    case UI_ACT_OPEN:
        l->chosen = ui_listbox_selected(&l->box);
        if (l->chosen < 0)
            return UI_HANDLED; /* the filter keeps nothing: nothing chosen */
        return UI_CLOSE;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    default:
        ui_listbox_key(&l->box, action, key);
        return UI_HANDLED;
    }
}

static void free_list(struct list *l)
{
    if (l->win)
        delwin(l->win);
    ui_listbox_free(&l->box);
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
    l->layer.keys = &ui_keys_list;
    l->layer.typing = typing;
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
    /* Typing filters every list: letters never act on the screen below,
     * and a person can always narrow a long list by name. */
    ui_listbox_init(&l->box, list_column, 1, item_text, l, UI_LISTBOX_FILTER);
    if (ui_listbox_set_count(&l->box, count) != 0)
        goto fail;
    if (selected < count)
        ui_listbox_select(&l->box, selected);
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
