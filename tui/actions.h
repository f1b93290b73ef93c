/* actions.h - the console's actions (neutral verbs) and the key tables
 * that bind them, one table per screen (DESIGN.md §5).
 *
 * An action is a verb with a name ("new", "open", "next-page"): what it does
 * is up to the screen it is pressed on. A key table (struct ui_keytable) is
 * a screen's whole keyboard: for each action it offers, the keys, the F-key,
 * the short label of the F-key bar, the help line, its help section and
 * whether it writes. The event loop (app.c) uses the table of the top layer
 * and nothing else:
 *   - dispatch: a key that the top table (or the common table it includes:
 *     help, quit, redraw) does not bind reaches the layer as UI_ACT_NONE;
 *   - the F-key bar (bars.c) and the help screen (dialog_help.c) are drawn
 *     from the same rows, so they cannot disagree with the keys;
 *   - a row flagged UI_ACTF_WRITES is refused on a read-only or refused
 *     file before the layer sees it (one place: ui_app_refuse_write).
 * The tables themselves live in keytables.c (see its header comment for how
 * a new screen declares one). Modelled on tmux's key tables (one per mode)
 * and htop's per-panel function bar; tig's request table for the verbs. */
#ifndef GUICHET_TUI_ACTIONS_H
#define GUICHET_TUI_ACTIONS_H

#include <stddef.h>

#include "../common/i18n.h"
#include "keys.h"

/* Help screen sections, in the order shown. */
enum ui_action_group {
    UI_GROUP_GENERAL,
    UI_GROUP_MOVE,
    UI_GROUP_DAYS,
    UI_GROUP_APPOINTMENTS,
    UI_GROUP_EDITING,
    UI_GROUP_LOANS,
    UI_GROUP_COUNT
};

enum ui_action_flags {
    UI_ACTF_WRITES = 1 << 0, /* changes the file: refused when read-only */
    UI_ACTF_HIDDEN = 1 << 1, /* works, but not listed in the help */
};

/* X(id, name): every verb once. Names are what a keymap file would use. */
#define UI_VERBS(X)                                 \
    X(UI_ACT_HELP, "help")                          \
    X(UI_ACT_QUIT, "quit")                          \
    X(UI_ACT_BACK, "back")                          \
    X(UI_ACT_REDRAW, "redraw")                      \
    X(UI_ACT_NEW, "new")                            \
    X(UI_ACT_OPEN, "open")                          \
    X(UI_ACT_EDIT, "edit")                          \
    X(UI_ACT_DELETE, "delete")                      \
    X(UI_ACT_SEARCH, "search")                      \
    X(UI_ACT_VIEW, "switch-view")                   \
    X(UI_ACT_SITE, "switch-site")                   \
    X(UI_ACT_TODAY, "today")                        \
    X(UI_ACT_GOTO_DATE, "go-to-date")               \
    X(UI_ACT_MONTH, "month")                        \
    X(UI_ACT_PREV_MONTH, "previous-month")          \
    X(UI_ACT_NEXT_MONTH, "next-month")              \
    X(UI_ACT_CANCEL_APPT, "cancel")                 \
    X(UI_ACT_FIND_SLOT, "find-slot")                \
    X(UI_ACT_ARRIVED, "mark-arrived")               \
    X(UI_ACT_SEEN, "mark-seen")                     \
    X(UI_ACT_NOSHOW, "mark-no-show")                \
    X(UI_ACT_EXCUSED, "mark-excused")               \
    X(UI_ACT_REVOKED, "mark-revoked")               \
    X(UI_ACT_UNDO_STATUS, "clear-status")           \
    X(UI_ACT_STATUS, "status")                      \
    X(UI_ACT_UNDO, "undo")                          \
    X(UI_ACT_TO_FILL, "to-fill-in")                 \
    X(UI_ACT_OUTSIDE, "left-outside")               \
    X(UI_ACT_MENU, "menu")                          \
    X(UI_ACT_STRUCTURE, "structure")                \
    X(UI_ACT_SUMMARY, "summary")                    \
    X(UI_ACT_ALERTS, "alerts")                      \
    X(UI_ACT_CALLED, "mark-called")                 \
    X(UI_ACT_CONFIRMED, "mark-confirmed")           \
    X(UI_ACT_NO_ANSWER, "mark-no-answer")           \
    X(UI_ACT_NOTE, "note")                          \
    X(UI_ACT_SORT, "sort")                          \
    X(UI_ACT_RELOAD, "reload")                      \
    X(UI_ACT_OVERWRITE, "overwrite")                \
    X(UI_ACT_LEFT, "left")                          \
    X(UI_ACT_RIGHT, "right")                        \
    X(UI_ACT_UP, "up")                              \
    X(UI_ACT_DOWN, "down")                          \
    X(UI_ACT_FIRST, "first")                        \
    X(UI_ACT_LAST, "last")                          \
    X(UI_ACT_NEXT_GROUP, "next-group")              \
    X(UI_ACT_PREV_GROUP, "previous-group")          \
    X(UI_ACT_PREV_DAY, "previous-day")              \
    X(UI_ACT_NEXT_DAY, "next-day")                  \
    X(UI_ACT_PAGE_UP, "previous-page")              \
    X(UI_ACT_PAGE_DOWN, "next-page")                \
    X(UI_ACT_NEXT_FIELD, "next-field")              \
    X(UI_ACT_PREV_FIELD, "previous-field")          \
    X(UI_ACT_CONFIRM, "confirm")                    \
    X(UI_ACT_CHOOSE, "choose")                      \
    X(UI_ACT_TEXT, "edit-text")                     \
    X(UI_ACT_NEWLINE, "new-line")                   \
    X(UI_ACT_LOANS, "room-loans")                   \
    X(UI_ACT_APPROVE, "approve")                    \
    X(UI_ACT_REFUSE, "refuse")                      \
    X(UI_ACT_MARK, "mark")                          \
    X(UI_ACT_NEW_BORROWER, "new-borrower")          \
    X(UI_ACT_SEASON, "season")                      \
    X(UI_ACT_FIND_ROOM, "find-room")                \
    X(UI_ACT_SITE_WEEK, "site-week")

enum ui_action {
    UI_ACT_NONE = 0,
#define UI_VERB_ENUM(id, name) id,
    UI_VERBS(UI_VERB_ENUM)
#undef UI_VERB_ENUM
    UI_ACT_COUNT
};

/* One row of a key table. `keys` are key names (keys.h) separated by
 * spaces; `fkey` 1..12 or 0; `label` (msgid) puts the action on the F-key
 * bar; `help` (msgid) is its line in the help screen. */
struct ui_binding {
    enum ui_action action;
    int fkey;
    const char *keys;
    const char *label;
    const char *help;
    enum ui_action_group group;
    unsigned flags;
};

/* A screen's key table. `include_common` adds the common table (help,
 * quit, redraw) after the screen's own rows; a row of the screen for the
 * same action replaces the common one (a form's quit is not "q"). */
struct ui_keytable {
    const char *name;      /* "day", "form"...: for tests and messages */
    const char *title;     /* msgid: the help screen's title */
    const struct ui_binding *rows;
    size_t count;
    int include_common;
};

#define UI_KEYTABLE(var, name, title, rows) \
    const struct ui_keytable var = {name, title, rows, sizeof rows / sizeof rows[0], 1}

/* The verb's name ("next-page"), or "" for UI_ACT_NONE / out of range. */
const char *ui_action_name(enum ui_action a);
/* The action named `name`, or UI_ACT_NONE. */
enum ui_action ui_action_by_name(const char *name);

/* The row that `key` selects in table `t` (the common table included), or
 * NULL. When `typing` (a text field has the cursor), printable characters
 * and Space belong to the text and select nothing. */
const struct ui_binding *ui_keytable_lookup(const struct ui_keytable *t, int key, int typing);
/* The row of `action` in `t` (common included), or NULL. */
const struct ui_binding *ui_keytable_find(const struct ui_keytable *t, enum ui_action action);
/* Visits every row of `t`, the screen's first, then the common rows the
 * screen does not replace. */
void ui_keytable_each(const struct ui_keytable *t,
                      void (*fn)(const struct ui_binding *row, void *ctx), void *ctx);
/* Checks a table: every key name parses, no key selects two rows, no
 * F-key twice, F-key rows have labels and every row a help line.
 * Returns 0, or -1 with a message in errbuf. */
int ui_keytable_check(const struct ui_keytable *t, char *errbuf, size_t errsize);

/* Translated title of a help screen section. */
const char *ui_action_group_title(enum ui_action_group g);
/* "F1 ?" style list of a row's keys for a person to read (the F-key
 * first, then the other keys by their display names). */
void ui_binding_keys_text(const struct ui_binding *row, int ascii, char *buf, size_t size);

/* Every screen's table (keytables.c), NULL-terminated: tests walk it. */
extern const struct ui_keytable *const ui_keytables[];
extern const struct ui_keytable ui_keys_common;

#endif
