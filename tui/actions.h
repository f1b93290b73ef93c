/* actions.h - every action of the console, declared once (DESIGN.md §5).
 *
 * UI_ACTIONS is an X-macro, in the manner of tig's request.h: the enum, the
 * key dispatch, the F-key bar, the help screen and (later) the keymap file
 * parser are all generated from it, so help never disagrees with the keys.
 *
 *   X(id, name, fkey, keys, label, help, group, flags)
 *     id     the enum constant
 *     name   the name a keymap file will use ("next-day")
 *     fkey   F-key number 1..10, 0 for none; every F-key also works as Esc
 *            then digit (Esc 1 = F1, ..., Esc 0 = F10)
 *     keys   other default keys: key names (keys.h) separated by spaces
 *     label  short label for the F-key bar (NULL: not on the bar), a msgid
 *     help   one line for the help screen, a msgid
 *     group  help screen section (enum ui_action_group)
 *     flags  UI_ACTF_WRITES: changes the database (refused when read-only)
 *            UI_ACTF_LATER: shown but not available yet (issue 3)
 *
 * Order matters twice: the help screen lists actions in table order inside
 * each group, and the F-key bar in F-key order. */
#ifndef GUICHET_TUI_ACTIONS_H
#define GUICHET_TUI_ACTIONS_H

#include <stddef.h>

#include "../common/i18n.h"
#include "keys.h"

/* Help screen sections, in the order shown: general keys (help, quit)
 * first, as they are what a newcomer looks for. */
enum ui_action_group {
    UI_GROUP_GENERAL,
    UI_GROUP_MOVE,
    UI_GROUP_DAYS,
    UI_GROUP_APPOINTMENTS,
    UI_GROUP_COUNT
};

enum ui_action_flags {
    UI_ACTF_WRITES = 1 << 0,
    UI_ACTF_LATER = 1 << 1,
};

#define UI_ACTIONS(X)                                                                    \
    X(UI_ACT_HELP, "help", 1, "?", N_("Help"),                                           \
      N_("Show this help"), UI_GROUP_GENERAL, 0)                                         \
    X(UI_ACT_NEW, "new", 2, "n", N_("New"),                                              \
      N_("Book a new appointment (on the cell under the cursor)"), UI_GROUP_APPOINTMENTS, \
      UI_ACTF_WRITES)                                                                    \
    X(UI_ACT_SEARCH, "search", 3, "/", N_("Search"),                                     \
      N_("Find a person (type part of a name, a phone or a birth date)"),               \
      UI_GROUP_APPOINTMENTS, 0)                                                          \
    X(UI_ACT_EDIT, "edit", 4, "e", N_("Edit"),                                           \
      N_("Change the appointment under the cursor: time, agent, length, note"),        \
      UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES)                                             \
    X(UI_ACT_VIEW, "day-week", 5, "w", N_("Day/Week"),                                   \
      N_("Switch between the day and the week view"), UI_GROUP_DAYS, 0)                 \
    X(UI_ACT_SITE, "site", 6, "s", N_("Site"),                                           \
      N_("Choose the site"), UI_GROUP_GENERAL, 0)                                        \
    X(UI_ACT_TODAY, "today", 7, "t", N_("Today"),                                        \
      N_("Go to today"), UI_GROUP_DAYS, 0)                                               \
    X(UI_ACT_CANCEL_APPT, "cancel", 8, "x", N_("Cancel"),                                \
      N_("Cancel the appointment under the cursor (by the person or the service)"),    \
      UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES)                                             \
    X(UI_ACT_FIND_SLOT, "find-slot", 0, "f", NULL,                                       \
      N_("Find the next free slots for a motif, then book one"),                        \
      UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES)                                             \
    X(UI_ACT_ARRIVED, "arrived", 0, "a", NULL,                                           \
      N_("The person has arrived (again: take the mark back)"),                         \
      UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES)                                             \
    X(UI_ACT_SEEN, "seen", 0, "v", NULL,                                                 \
      N_("Seen (\"vu\"): the appointment took place"), UI_GROUP_APPOINTMENTS,            \
      UI_ACTF_WRITES)                                                                    \
    X(UI_ACT_NOSHOW, "no-show", 0, "N", NULL,                                            \
      N_("No-show: the person did not come"), UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES)    \
    X(UI_ACT_UNDO_STATUS, "undo-status", 0, "u", NULL,                                   \
      N_("Undo the status: back to no outcome yet"), UI_GROUP_APPOINTMENTS,             \
      UI_ACTF_WRITES)                                                                    \
    X(UI_ACT_STATUS, "status", 0, "o", NULL,                                             \
      N_("Outcome: choose among the statuses allowed now"), UI_GROUP_APPOINTMENTS,      \
      UI_ACTF_WRITES)                                                                    \
    X(UI_ACT_TO_FILL, "to-fill-in", 0, "R", NULL,                                        \
      N_("Past appointments still to fill in (record their outcome)"),                  \
      UI_GROUP_APPOINTMENTS, 0)                                                          \
    X(UI_ACT_MENU, "menu", 9, "M", N_("Menu"),                                           \
      N_("Menu: to fill in, week, structure"), UI_GROUP_APPOINTMENTS, 0)                 \
    X(UI_ACT_STRUCTURE, "structure", 0, "S", NULL,                                       \
      N_("Structure: sites, services, agents, motifs, opening hours, absences"),         \
      UI_GROUP_APPOINTMENTS, 0)                                                          \
    X(UI_ACT_QUIT, "quit", 10, "q", N_("Quit"),                                          \
      N_("Quit (in a dialog: close it)"), UI_GROUP_GENERAL, 0)                           \
    X(UI_ACT_LEFT, "left", 0, "Left h", NULL,                                            \
      N_("Previous agent"), UI_GROUP_MOVE, 0)                                            \
    X(UI_ACT_RIGHT, "right", 0, "Right l", NULL,                                         \
      N_("Next agent"), UI_GROUP_MOVE, 0)                                                \
    X(UI_ACT_UP, "up", 0, "Up k", NULL,                                                  \
      N_("Earlier time"), UI_GROUP_MOVE, 0)                                              \
    X(UI_ACT_DOWN, "down", 0, "Down j", NULL,                                            \
      N_("Later time"), UI_GROUP_MOVE, 0)                                                \
    X(UI_ACT_FIRST, "first", 0, "Home g", NULL,                                          \
      N_("First time of the day"), UI_GROUP_MOVE, 0)                                     \
    X(UI_ACT_LAST, "last", 0, "End G", NULL,                                             \
      N_("Last time of the day"), UI_GROUP_MOVE, 0)                                      \
    X(UI_ACT_NEXT_GROUP, "next-agents", 0, "Tab", NULL,                                  \
      N_("Next group of agent columns"), UI_GROUP_MOVE, 0)                               \
    X(UI_ACT_PREV_GROUP, "previous-agents", 0, "BTab", NULL,                             \
      N_("Previous group of agent columns"), UI_GROUP_MOVE, 0)                           \
    X(UI_ACT_PREV_DAY, "previous-day", 0, "PgUp [", NULL,                                \
      N_("Previous day (in a list: page up)"), UI_GROUP_DAYS, 0)                         \
    X(UI_ACT_NEXT_DAY, "next-day", 0, "PgDn ]", NULL,                                    \
      N_("Next day (in a list: page down)"), UI_GROUP_DAYS, 0)                           \
    X(UI_ACT_DETAILS, "details", 0, "Enter", NULL,                                       \
      N_("Details of the appointment under the cursor"), UI_GROUP_APPOINTMENTS, 0)       \
    X(UI_ACT_BACK, "back", 0, "Esc", NULL,                                               \
      N_("Close a dialog or the help"), UI_GROUP_GENERAL, 0)                             \
    X(UI_ACT_REDRAW, "redraw", 0, "^L", NULL,                                            \
      N_("Redraw the screen"), UI_GROUP_GENERAL, 0)

enum ui_action {
    UI_ACT_NONE = 0,
#define UI_ACTION_ENUM(id, name, fkey, keys, label, help, group, flags) id,
    UI_ACTIONS(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
    UI_ACT_COUNT
};

struct ui_action_info {
    enum ui_action id;
    const char *name;
    int fkey;
    const char *keys;
    const char *label; /* msgid or NULL */
    const char *help;  /* msgid */
    enum ui_action_group group;
    unsigned flags;
};

/* The table entry of an action (NULL for UI_ACT_NONE or out of range). */
const struct ui_action_info *ui_action_info(enum ui_action a);

/* The action named `name` ("next-day"), or UI_ACT_NONE. */
enum ui_action ui_action_by_name(const char *name);

/* Builds the key -> action bindings from the table. Returns 0, or -1 when a
 * key name does not parse or two actions share a key; `errbuf` then names
 * the action and the key. Called once at start-up (and by the tests). */
int ui_actions_init(char *errbuf, size_t errsize);

/* The action bound to `key` (keys.h), or UI_ACT_NONE. */
enum ui_action ui_action_for_key(int key);

/* Translated title of a help screen section. */
const char *ui_action_group_title(enum ui_action_group g);

/* "F1 ?" style list of the keys of an action for a person to read (the
 * F-key first, then the other keys by their display names). */
void ui_action_keys_text(enum ui_action a, int ascii, char *buf, size_t size);

#endif
