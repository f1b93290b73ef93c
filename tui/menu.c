/* menu.c - the F9 menu: a list of the screens beyond the day view, each
 * with the key that opens it directly (see menu.h). The list is the
 * ordinary list dialog; its keys come from the day view's key table, so the menu
 * never disagrees with the help screen. */
#include "menu.h"

#include <stdio.h>
#include <stdlib.h>

#include "../common/i18n.h"
#include "dialogs.h"
#include "../common/safe_text.h"
#include "view_loans.h"
#include "view_outside.h"
#include "view_structure.h"
#include "view_tofill.h"
#include "view_week.h"

static const enum ui_action menu_items[] = {
    UI_ACT_TO_FILL,
    UI_ACT_OUTSIDE,
    UI_ACT_VIEW,
    UI_ACT_STRUCTURE,
    UI_ACT_SUMMARY,
    UI_ACT_LOANS,
};
enum { MENU_COUNT = sizeof menu_items / sizeof menu_items[0] };

static void open_screen(struct ui_app *app, enum ui_action action)
{
    struct ui_layer *l = NULL;
    switch (action) {
    case UI_ACT_VIEW:
        ui_week_open(app);
        return;
    case UI_ACT_TO_FILL:
        l = ui_tofill_new(app);
        break;
    case UI_ACT_OUTSIDE:
        l = ui_outside_new(app, 0);
        break;
    case UI_ACT_STRUCTURE:
        l = ui_structure_new(app);
        break;
    case UI_ACT_LOANS:
        l = ui_loans_new(app);
        break;
    case UI_ACT_SUMMARY:
        /* the day view opens it on the day it shows */
        if (app->layer_count > 0)
            app->layers[0]->on_key(app, app->layers[0], UI_ACT_SUMMARY, 0);
        return;
    default:
        return;
    }
    if (!l)
        ui_app_message(app, 1, "%s", _("out of memory"));
    else
        ui_app_push(app, l);
}

static void menu_done(struct ui_app *app, void *ctx, long chosen)
{
    (void)ctx;
    if (app && chosen >= 0 && chosen < MENU_COUNT)
        open_screen(app, menu_items[chosen]);
}

static void open_menu(struct ui_app *app)
{
    char lines[MENU_COUNT][320];
    const char *items[MENU_COUNT];
    for (int i = 0; i < MENU_COUNT; i++) {
        /* The day view's own row: the menu says what its keys say. */
        const struct ui_binding *info = ui_keytable_find(&ui_keys_day, menu_items[i]);
        char keys[64];
        ui_binding_keys_text(info, !app->utf8, keys, sizeof keys);
        char padded[96];
        snprintf(lines[i], sizeof lines[i], "%s %s", ui_text_pad(keys, 8, padded, sizeof padded),
                 _(info->help));
        items[i] = lines[i];
    }
    struct ui_layer *l = ui_list_new(_("Menu"), items, MENU_COUNT, 0, menu_done, NULL);
    if (l)
        ui_app_push(app, l);
}

int ui_menu_action(struct ui_app *app, enum ui_action action)
{
    switch (action) {
    case UI_ACT_MENU:
        open_menu(app);
        return 1;
    case UI_ACT_VIEW:
    case UI_ACT_TO_FILL:
    case UI_ACT_OUTSIDE:
    case UI_ACT_STRUCTURE:
    case UI_ACT_LOANS:
        open_screen(app, action);
        return 1;
    default:
        return 0;
    }
}
