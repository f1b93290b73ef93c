/* menu.h - the screens beyond the day view, and the F9 menu that lists
 * them: the week of an agent (F5, w), the "to fill in" list (R), the
 * appointments left outside (!) and the structure screens (S). The day
 * view hands these actions over here. */
#ifndef GUICHET_TUI_MENU_H
#define GUICHET_TUI_MENU_H

#include "app.h"

/* Runs UI_ACT_MENU, UI_ACT_VIEW, UI_ACT_TO_FILL, UI_ACT_OUTSIDE,
 * UI_ACT_STRUCTURE or UI_ACT_LOANS from the day view. Returns 1 when `action` was one of them, else 0. */
int ui_menu_action(struct ui_app *app, enum ui_action action);

#endif
