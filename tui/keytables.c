/* keytables.c - every screen's key table, in one file so that a person (or
 * a test) sees the whole keyboard of the console at a glance.
 *
 * How a new screen declares its keys (see also docs/console.md):
 *   1. Add its rows here: one struct ui_binding per action the screen
 *      offers: {verb, F-key or 0, "other keys", bar label or NULL, help line,
 *      help section, flags}. Reuse an existing verb (actions.h: new, open,
 *      edit, delete, next-page...) when the meaning is the same; add a verb
 *      to UI_VERBS only for something new. Mark writing actions
 *      UI_ACTF_WRITES: the event loop then refuses them on a read-only or
 *      refused file, with the row's help line, before the screen sees them.
 *   2. UI_KEYTABLE(ui_keys_NAME, "name", N_("Help title"), rows) and list it
 *      in ui_keytables[] at the bottom (the tests check every table listed:
 *      key names parse, no key twice, F-keys labelled, help lines present).
 *      Declare it in keytables.h.
 *   3. In the screen's constructor: layer.keys = &ui_keys_NAME. Its on_key
 *      then switches on the action; a key the table does not bind arrives as
 *      UI_ACT_NONE and must change nothing (text typed in a field, or the
 *      list widget's filter, are the only users of raw keys). Return
 *      UI_IGNORED for help, quit and redraw: the event loop does them.
 *   4. A screen where text is typed sets layer.typing (app.h): printable
 *      keys then never reach the table, and Esc then a digit is not an
 *      F-key there.
 * The F-key bar and the help screen come from the same rows: nothing else
 * to write. Rows of the common table (help, quit, redraw) are added to
 * every table; a screen row for the same verb replaces the common one. */
#include "keytables.h"

#define ROW(action, fkey, keys, label, help, group, flags) \
    {action, fkey, keys, label, help, group, flags}

/* ---- common: in every table ---------------------------------------------- */

static const struct ui_binding common_rows[] = {
    ROW(UI_ACT_HELP, 1, "?", N_("Help"), N_("Show this help"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_QUIT, 10, "q", N_("Quit"), N_("Quit (in a dialog: close it)"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_REDRAW, 0, "^L", NULL, N_("Redraw the screen"), UI_GROUP_GENERAL, 0),
};
const struct ui_keytable ui_keys_common = {"common", N_("Help"), common_rows,
                                           sizeof common_rows / sizeof common_rows[0], 0};

/* The outcome keys of an appointment, in every screen that lists
 * appointments (day, week, person panel, to-fill-in): the same key does the
 * same thing everywhere. `noshow_keys`: the to-fill-in list also takes n
 * (it books nothing). */
#define STATUS_ROWS(noshow_keys)                                                               \
    ROW(UI_ACT_ARRIVED, 0, "a", NULL, N_("The person has arrived (again: take the mark back)"), \
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),                                                \
    ROW(UI_ACT_SEEN, 0, "v", NULL, N_("Seen (\"vu\"): the appointment took place"),            \
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),                                                \
    ROW(UI_ACT_NOSHOW, 0, noshow_keys, NULL, N_("No-show: the person did not come"),           \
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),                                                \
    ROW(UI_ACT_UNDO_STATUS, 0, "u", NULL, N_("Undo the status: back to no outcome yet"),       \
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),                                                \
    ROW(UI_ACT_STATUS, 0, "o", NULL, N_("Outcome: choose among the statuses allowed now"),     \
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),                                                \
    ROW(UI_ACT_UNDO, 0, "z", NULL,                                                             \
        N_("Undo the last arrival or status change (for a few seconds after it)"),           \
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES)

#define CANCEL_APPT_ROW                                                                        \
    ROW(UI_ACT_CANCEL_APPT, 8, "x", N_("Cancel"),                                              \
        N_("Cancel the appointment under the cursor (by the person or the service)"),        \
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES)

/* Appointment actions of the day and week views. */
#define APPT_ROWS                                                                              \
    ROW(UI_ACT_EDIT, 4, "e", N_("Edit"),                                                       \
        N_("Change the appointment under the cursor: time, agent, length, note"),            \
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),                                                \
    CANCEL_APPT_ROW,                                                                           \
    STATUS_ROWS("N")

#define MOVE_ROWS(up_help, down_help)                                                 \
    ROW(UI_ACT_UP, 0, "Up k", NULL, up_help, UI_GROUP_MOVE, 0),                       \
    ROW(UI_ACT_DOWN, 0, "Down j", NULL, down_help, UI_GROUP_MOVE, 0)

#define LIST_ROWS                                                                          \
    ROW(UI_ACT_UP, 0, "Up", NULL, N_("Previous line"), UI_GROUP_MOVE, 0),                  \
    ROW(UI_ACT_DOWN, 0, "Down", NULL, N_("Next line"), UI_GROUP_MOVE, 0),                  \
    ROW(UI_ACT_PAGE_UP, 0, "PgUp", NULL, N_("Page up"), UI_GROUP_MOVE, 0),                 \
    ROW(UI_ACT_PAGE_DOWN, 0, "PgDn", NULL, N_("Page down"), UI_GROUP_MOVE, 0),             \
    ROW(UI_ACT_FIRST, 0, "Home", NULL, N_("First line"), UI_GROUP_MOVE, 0),                \
    ROW(UI_ACT_LAST, 0, "End", NULL, N_("Last line"), UI_GROUP_MOVE, 0)

/* The filter of a list whose letters are actions: typed after / or F3. */
#define LIST_FILTER_ROW                                                                      \
    ROW(UI_ACT_SEARCH, 3, "/", N_("Filter"),                                                 \
        N_("Filter the lines: type part of what they show; Enter keeps the filter, Esc "     \
           "clears it"),                                                                     \
        UI_GROUP_MOVE, 0)

/* ---- day view -------------------------------------------------------------- */

static const struct ui_binding day_rows[] = {
    ROW(UI_ACT_NEW, 2, "n", N_("New"), N_("Book a new appointment (on the cell under the cursor)"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_SEARCH, 3, "/", N_("Search"),
        N_("Find a person (type part of a name, a phone or a birth date)"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_VIEW, 5, "w", N_("Day/Week"), N_("Switch between the day and the week view"),
        UI_GROUP_DAYS, 0),
    ROW(UI_ACT_SITE, 6, "s", N_("Site"), N_("Choose the site"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_TODAY, 7, "t", N_("Today"), N_("Go to today"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_MENU, 9, "M", N_("Menu"), N_("Menu: to fill in, week, structure, summary"),
        UI_GROUP_APPOINTMENTS, 0),
    APPT_ROWS,
    ROW(UI_ACT_FIND_SLOT, 0, "f", NULL, N_("Find the next free slots for a motif, then book one"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_OPEN, 0, "Enter", NULL,
        N_("Details of the appointment under the cursor (on a free cell: book there)"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_TO_FILL, 0, "R", NULL, N_("Past appointments still to fill in (record their outcome)"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_OUTSIDE, 0, "!", NULL,
        N_("Left outside (agent absent, no opening hours): move or cancel"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_STRUCTURE, 0, "S", NULL,
        N_("Structure: sites, services, agents, motifs, hours, absences"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_SUMMARY, 0, "B", NULL,
        N_("Day summary (\"bilan\"): figures, waits, changes, next day"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_ALERTS, 0, "A", NULL,
        N_("Alerts: today's and tomorrow's appointments at risk of a no-show, to call "
           "(acknowledges the on-screen alerts)"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_LOANS, 0, "L", NULL,
        N_("Room loans in collèges: requests, room weeks, free rooms"),
        UI_GROUP_LOANS, 0),
    ROW(UI_ACT_LEFT, 0, "Left h", NULL, N_("Previous agent"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_RIGHT, 0, "Right l", NULL, N_("Next agent"), UI_GROUP_MOVE, 0),
    MOVE_ROWS(N_("Earlier time"), N_("Later time")),
    ROW(UI_ACT_FIRST, 0, "Home", NULL, N_("First time of the day"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_LAST, 0, "End", NULL, N_("Last time of the day"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_NEXT_GROUP, 0, "Tab", NULL, N_("Next group of agent columns"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_PREV_GROUP, 0, "BTab", NULL, N_("Previous group of agent columns"),
        UI_GROUP_MOVE, 0),
    ROW(UI_ACT_PREV_DAY, 0, "PgUp [", NULL, N_("Previous day"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_NEXT_DAY, 0, "PgDn ]", NULL, N_("Following day"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_GOTO_DATE, 0, "g", NULL,
        N_("Go to a date: 18/08, 18/08/2027, 18082027, a weekday name, +7 or -7 days"),
        UI_GROUP_DAYS, 0),
    ROW(UI_ACT_PREV_MONTH, 0, "<", NULL, N_("Same day, previous month"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_NEXT_MONTH, 0, ">", NULL, N_("Same day, next month"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_MONTH, 0, "m", NULL,
        N_("Month calendar: ISO weeks, today, holidays and closures (shown beside the day when "
           "the screen is wide)"),
        UI_GROUP_DAYS, 0),
};
UI_KEYTABLE(ui_keys_day, "day", N_("Day view"), day_rows);

/* ---- week view (one agent) ----------------------------------------------- */

static const struct ui_binding week_rows[] = {
    ROW(UI_ACT_NEW, 2, "n", N_("New"), N_("Book a new appointment (on the cell under the cursor)"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_SEARCH, 3, "/", N_("Search"),
        N_("Find a person (type part of a name, a phone or a birth date)"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_VIEW, 5, "w Esc", N_("Day/Week"), N_("Back to the day view (on the selected day)"),
        UI_GROUP_DAYS, 0),
    ROW(UI_ACT_TODAY, 7, "t", N_("Today"), N_("Go to today"), UI_GROUP_DAYS, 0),
    APPT_ROWS,
    ROW(UI_ACT_FIND_SLOT, 0, "f", NULL, N_("Find the next free slots for a motif, then book one"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_OPEN, 0, "Enter", NULL,
        N_("Details of the appointment under the cursor (on a free cell: book there)"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_TO_FILL, 0, "R", NULL, N_("Past appointments still to fill in (record their outcome)"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_OUTSIDE, 0, "!", NULL,
        N_("This agent's appointments left outside (absent, no opening hours): move or cancel"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_LEFT, 0, "Left h", NULL, N_("Previous day"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_RIGHT, 0, "Right l", NULL, N_("Following day"), UI_GROUP_MOVE, 0),
    MOVE_ROWS(N_("Earlier time"), N_("Later time")),
    ROW(UI_ACT_FIRST, 0, "Home", NULL, N_("First time of the day"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_LAST, 0, "End", NULL, N_("Last time of the day"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_NEXT_GROUP, 0, "Tab", NULL, N_("Next agent"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_PREV_GROUP, 0, "BTab", NULL, N_("Previous agent"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_PAGE_UP, 0, "PgUp [", NULL, N_("Previous week"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_PAGE_DOWN, 0, "PgDn ]", NULL, N_("Next week"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_GOTO_DATE, 0, "g", NULL,
        N_("Go to a date: 18/08, 18/08/2027, 18082027, a weekday name, +7 or -7 days"),
        UI_GROUP_DAYS, 0),
};
UI_KEYTABLE(ui_keys_week, "week", N_("Week view"), week_rows);

/* ---- people search (a text field has the cursor) ------------------------- */

static const struct ui_binding people_rows[] = {
    ROW(UI_ACT_NEW, 2, NULL, N_("New"), N_("Create a person (with what is typed)"),
        UI_GROUP_GENERAL, UI_ACTF_WRITES),
    ROW(UI_ACT_EDIT, 4, NULL, N_("Edit"), N_("Edit the person under the cursor"),
        UI_GROUP_GENERAL, UI_ACTF_WRITES),
    ROW(UI_ACT_OPEN, 0, "Enter", NULL, N_("Open the person (when booking: choose the person)"),
        UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_QUIT, 10, "Esc", N_("Back"), N_("Close the search"), UI_GROUP_GENERAL, 0),
    LIST_ROWS,
    ROW(UI_ACT_TEXT, 0, "Left Right Backspace Delete ^A ^E ^U ^K ^W", NULL,
        N_("Type part of a name, a phone or a birth date; ^U clears"), UI_GROUP_EDITING, 0),
};
UI_KEYTABLE(ui_keys_people, "people", N_("Find a person"), people_rows);

/* ---- a person's panel ------------------------------------------------------ */

static const struct ui_binding panel_rows[] = {
    ROW(UI_ACT_NEW, 2, "n f", N_("Book"), N_("Book for this person (find a free slot)"),
        UI_GROUP_GENERAL, UI_ACTF_WRITES),
    ROW(UI_ACT_EDIT, 4, "e", N_("Edit"), N_("Edit the person"), UI_GROUP_GENERAL, UI_ACTF_WRITES),
    ROW(UI_ACT_DELETE, 0, "D", NULL,
        N_("Erase the person (right to erasure): anonymise them now, after a confirmation"),
        UI_GROUP_GENERAL, UI_ACTF_WRITES),
    ROW(UI_ACT_OPEN, 0, "Enter", NULL, N_("Details of the appointment under the cursor"),
        UI_GROUP_APPOINTMENTS, 0),
    CANCEL_APPT_ROW,
    STATUS_ROWS("N"),
    ROW(UI_ACT_QUIT, 10, "Esc q", N_("Back"), N_("Close this panel"), UI_GROUP_GENERAL, 0),
    LIST_ROWS,
};
UI_KEYTABLE(ui_keys_panel, "person", N_("Person"), panel_rows);

/* ---- to fill in ------------------------------------------------------------ */

static const struct ui_binding tofill_rows[] = {
    STATUS_ROWS("N n"),
    ROW(UI_ACT_EXCUSED, 0, "e", NULL, N_("Excused: cancelled by the person"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_REVOKED, 0, "r", NULL, N_("Revoked: cancelled by the service"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_EDIT, 4, NULL, N_("Edit"),
        N_("Change the appointment under the cursor: time, agent, length, note"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    CANCEL_APPT_ROW,
    ROW(UI_ACT_OPEN, 0, "Enter", NULL, N_("Details of the appointment under the cursor"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_SORT, 0, "Tab BTab", NULL, N_("Oldest first / newest first"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_SITE, 6, "s", N_("Sites"), N_("This site / every site"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_QUIT, 10, "Esc q R", N_("Back"), N_("Close this list"), UI_GROUP_GENERAL, 0),
    LIST_ROWS,
    LIST_FILTER_ROW,
};
UI_KEYTABLE(ui_keys_tofill, "to-fill-in", N_("To fill in"), tofill_rows);

/* ---- appointments left outside (agent absent, outside opening hours) ------- */

static const struct ui_binding outside_rows[] = {
    ROW(UI_ACT_FIND_SLOT, 2, "f", N_("Move"),
        N_("Move the appointment under the cursor: the slot finder on its motif and site, then "
           "the change form on the slot chosen"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_EDIT, 4, "e", N_("Edit"),
        N_("Change the appointment under the cursor by hand: time, agent, length, note"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_CANCEL_APPT, 8, "x", N_("Cancel"),
        N_("Cancel the appointment under the cursor (by the service, the reason filled in)"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_OPEN, 0, "Enter", NULL, N_("Details of the appointment under the cursor"),
        UI_GROUP_APPOINTMENTS, 0),
    ROW(UI_ACT_SITE, 6, "s", N_("Sites"), N_("This site / every site"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_QUIT, 10, "Esc q !", N_("Back"),
        N_("Close this list (the appointments stay marked \"!\" in the views)"),
        UI_GROUP_GENERAL, 0),
    LIST_ROWS,
    LIST_FILTER_ROW,
};
UI_KEYTABLE(ui_keys_outside, "left-outside", N_("Left outside"), outside_rows);

/* ---- structure lists ------------------------------------------------------- */

static const struct ui_binding structure_rows[] = {
    ROW(UI_ACT_NEW, 2, "n", N_("New"), N_("Add a line to this list"), UI_GROUP_GENERAL,
        UI_ACTF_WRITES),
    ROW(UI_ACT_EDIT, 4, "e Enter", N_("Edit"), N_("Change the line under the cursor"),
        UI_GROUP_GENERAL, UI_ACTF_WRITES),
    ROW(UI_ACT_DELETE, 8, "Delete", N_("Delete"), N_("Delete the line under the cursor (asks first)"),
        UI_GROUP_GENERAL, UI_ACTF_WRITES),
    ROW(UI_ACT_LEFT, 0, "Left", NULL, N_("Previous list"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_RIGHT, 0, "Right", NULL, N_("Next list"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_NEXT_GROUP, 0, "Tab", NULL, N_("Next agent (or next list)"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_PREV_GROUP, 0, "BTab", NULL, N_("Previous agent (or previous list)"),
        UI_GROUP_MOVE, 0),
    ROW(UI_ACT_QUIT, 10, "Esc q S", N_("Back"), N_("Close the structure screen"),
        UI_GROUP_GENERAL, 0),
    LIST_ROWS,
    LIST_FILTER_ROW,
};
UI_KEYTABLE(ui_keys_structure, "structure", N_("Structure"), structure_rows);

/* ---- forms ------------------------------------------------------------------- */

static const struct ui_binding form_rows[] = {
    ROW(UI_ACT_CONFIRM, 2, "Enter", N_("Confirm"),
        N_("Confirm the form (once a note has text, Enter starts a new line there: use F2)"),
        UI_GROUP_GENERAL,
        0),
    ROW(UI_ACT_QUIT, 10, "Esc", N_("Back"), N_("Back out (asks first when something changed)"),
        UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_NEXT_FIELD, 0, "Tab Down", NULL, N_("Next field"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_PREV_FIELD, 0, "BTab Up", NULL, N_("Previous field"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_CHOOSE, 0, "Space Insert", NULL,
        N_("On a choice: the whole list; on a box: tick or untick; on a button: press it"),
        UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_TEXT, 0, "Left Right Home End Backspace Delete ^A ^E ^U ^K ^W", NULL,
        N_("In a text field: move and erase; the first key typed replaces a filled field; "
           "^U clears, ^K cuts to the end, ^W the word before. On a choice: Left/Right "
           "change it and go to the next field"),
        UI_GROUP_EDITING, 0),
};
UI_KEYTABLE(ui_keys_form, "form", N_("Form"), form_rows);

static const struct ui_binding discard_rows[] = {
    ROW(UI_ACT_CONFIRM, 0, "Enter", NULL, N_("Discard the changes and close the form"),
        UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_QUIT, 10, "Esc", N_("Back"), N_("Keep editing"), UI_GROUP_GENERAL, 0),
};
UI_KEYTABLE(ui_keys_discard, "discard", N_("Discard your changes?"), discard_rows);

/* ---- list dialog (a filter is typed) ----------------------------------------- */

static const struct ui_binding list_rows[] = {
    ROW(UI_ACT_OPEN, 0, "Enter", NULL, N_("Choose the line under the cursor"), UI_GROUP_GENERAL,
        0),
    ROW(UI_ACT_QUIT, 10, "Esc", N_("Back"), N_("Close without choosing"), UI_GROUP_GENERAL, 0),
    LIST_ROWS,
    ROW(UI_ACT_TEXT, 0, "Backspace ^U", NULL,
        N_("Type to keep only the lines containing the text; Backspace, ^U: less"),
        UI_GROUP_EDITING, 0),
};
UI_KEYTABLE(ui_keys_list, "list", N_("List"), list_rows);

/* ---- help, details, conflict --------------------------------------------------- */

static const struct ui_binding help_rows[] = {
    ROW(UI_ACT_QUIT, 10, "Esc q Enter", N_("Back"), N_("Close the help"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_HELP, 1, "?", N_("Back"), N_("Close the help"), UI_GROUP_GENERAL, 0),
    LIST_ROWS,
};
UI_KEYTABLE(ui_keys_help, "help", N_("Help"), help_rows);

static const struct ui_binding details_rows[] = {
    ROW(UI_ACT_QUIT, 10, "Esc q Enter", N_("Back"), N_("Close the details"), UI_GROUP_GENERAL,
        0),
    LIST_ROWS,
};
UI_KEYTABLE(ui_keys_details, "details", N_("Details"), details_rows);

static const struct ui_binding conflict_rows[] = {
    ROW(UI_ACT_RELOAD, 0, "r R Enter", NULL, N_("Reload: see the other desk's change"),
        UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_OVERWRITE, 0, "a A", NULL, N_("Apply my change again over theirs"),
        UI_GROUP_GENERAL, UI_ACTF_WRITES),
    ROW(UI_ACT_QUIT, 10, "Esc q", N_("Give up"), N_("Give up my change"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_UP, 0, "Up", NULL, N_("Scroll up"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_DOWN, 0, "Down", NULL, N_("Scroll down"), UI_GROUP_MOVE, 0),
};
UI_KEYTABLE(ui_keys_conflict, "conflict", N_("Changed by another desk"), conflict_rows);

/* ---- month calendar ------------------------------------------------------------- */

static const struct ui_binding month_rows[] = {
    ROW(UI_ACT_OPEN, 0, "Enter", NULL, N_("Show the chosen day"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_QUIT, 10, "Esc q m", N_("Back"), N_("Close the calendar"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_LEFT, 0, "Left h", NULL, N_("Previous day"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_RIGHT, 0, "Right l", NULL, N_("Following day"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_UP, 0, "Up k", NULL, N_("Previous week"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_DOWN, 0, "Down j", NULL, N_("Next week"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_PREV_MONTH, 0, "PgUp < [", NULL, N_("Previous month"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_NEXT_MONTH, 0, "PgDn > ]", NULL, N_("Next month"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_TODAY, 7, "t", N_("Today"), N_("Go to today"), UI_GROUP_DAYS, 0),
};
UI_KEYTABLE(ui_keys_month, "month", N_("Month"), month_rows);

/* ---- summary for supervisors ---------------------------------------------- */

static const struct ui_binding summary_rows[] = {
    ROW(UI_ACT_VIEW, 5, "w", N_("Period"), N_("Summary of the day, the week or the month"),
        UI_GROUP_DAYS, 0),
    ROW(UI_ACT_SITE, 6, "s", N_("Sites"), N_("This site or every site"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_TODAY, 7, "t", N_("Today"), N_("Go to today"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_PREV_DAY, 0, "[", NULL, N_("Previous day, week or month"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_NEXT_DAY, 0, "]", NULL, N_("Next day, week or month"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_QUIT, 10, "Esc q B", N_("Back"), N_("Close the summary"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_UP, 0, "Up k", NULL, N_("Scroll up"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_DOWN, 0, "Down j", NULL, N_("Scroll down"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_PAGE_UP, 0, "PgUp", NULL, N_("Page up"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_PAGE_DOWN, 0, "PgDn Space", NULL, N_("Page down"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_FIRST, 0, "Home", NULL, N_("Top"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_LAST, 0, "End", NULL, N_("Bottom"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_LEFT, 0, "Left h", NULL, N_("Scroll left (wide tables)"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_RIGHT, 0, "Right l", NULL, N_("Scroll right (wide tables)"), UI_GROUP_MOVE, 0),
};
UI_KEYTABLE(ui_keys_summary, "summary", N_("Summary"), summary_rows);

/* ---- alerts: appointments at risk of a no-show, to call ---------------- */

static const struct ui_binding alerts_rows[] = {
    ROW(UI_ACT_CALLED, 2, "c", N_("Called"), N_("Called: the person answered"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_CONFIRMED, 3, "y", N_("Confirmed"), N_("Confirmed: the person says they will come"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_NOTE, 4, "e", N_("Note"), N_("Write a note about the call (replaces the last one)"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_NO_ANSWER, 5, "r", N_("No answer"), N_("No answer: called, nobody answered"),
        UI_GROUP_APPOINTMENTS, UI_ACTF_WRITES),
    ROW(UI_ACT_SITE, 6, "s", N_("Sites"), N_("This site / every site"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_QUIT, 10, "Esc q A", N_("Back"), N_("Close the alerts"), UI_GROUP_GENERAL, 0),
    LIST_ROWS,
};
UI_KEYTABLE(ui_keys_alerts, "alerts", N_("Alerts"), alerts_rows);
/* ---- room loans: the pending queue ------------------------------------------ */

static const struct ui_binding loans_rows[] = {
    ROW(UI_ACT_NEW, 2, "n", N_("New"),
        N_("New loan request: one date or a weekly series (shows the skipped dates first)"),
        UI_GROUP_GENERAL, UI_ACTF_WRITES),
    ROW(UI_ACT_FIND_ROOM, 3, "f", N_("Free room"),
        N_("Find a room free on every date of a period (weekday, time, capacity)"),
        UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_VIEW, 5, "w", N_("Week"), N_("Week grid of the room of the request under the cursor"),
        UI_GROUP_DAYS, 0),
    ROW(UI_ACT_APPROVE, 0, "a", NULL,
        N_("Approve the request under the cursor, or every marked request"),
        UI_GROUP_LOANS, UI_ACTF_WRITES),
    ROW(UI_ACT_REFUSE, 0, "r", NULL,
        N_("Refuse the request under the cursor (the reason asked is kept)"),
        UI_GROUP_LOANS, UI_ACTF_WRITES),
    ROW(UI_ACT_MARK, 0, "Space", NULL, N_("Mark or unmark the request for a batch approval"),
        UI_GROUP_LOANS, 0),
    ROW(UI_ACT_OPEN, 0, "Enter", NULL,
        N_("The dates of the request: approve, refuse or cancel single dates"),
        UI_GROUP_LOANS, 0),
    ROW(UI_ACT_SEASON, 0, "c", NULL,
        N_("An association's season (chosen in a list): its series, skipped and cancelled "
           "dates"),
        UI_GROUP_LOANS, 0),
    ROW(UI_ACT_NEW_BORROWER, 0, "A", NULL,
        N_("Register an association (name, RNA, contact, insurance)"), UI_GROUP_GENERAL,
        UI_ACTF_WRITES),
    ROW(UI_ACT_STRUCTURE, 0, "S", NULL,
        N_("Collèges' rooms, closures and lending hours (the structure screen; a collège's "
           "UAI and zone in its Sites list)"),
        UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_QUIT, 10, "Esc q", N_("Back"), N_("Back to the day view"), UI_GROUP_GENERAL, 0),
    LIST_ROWS,
};
UI_KEYTABLE(ui_keys_loans, "loans", N_("Room loans: requests to decide"), loans_rows);

/* ---- room loans: a list of dates (a request, an association's season) -------- */

static const struct ui_binding loan_dates_rows[] = {
    ROW(UI_ACT_APPROVE, 0, "a", NULL, N_("Approve the date under the cursor"),
        UI_GROUP_LOANS, UI_ACTF_WRITES),
    ROW(UI_ACT_REFUSE, 0, "r", NULL, N_("Refuse the date under the cursor (with a reason)"),
        UI_GROUP_LOANS, UI_ACTF_WRITES),
    ROW(UI_ACT_CANCEL_APPT, 8, "x", N_("Cancel"),
        N_("Cancel the date under the cursor (the series keeps it as an exception)"),
        UI_GROUP_LOANS, UI_ACTF_WRITES),
    ROW(UI_ACT_EDIT, 4, "e", N_("Change"),
        N_("Move the date under the cursor, or change the series from it or all of it "
           "(earlier exceptions are kept)"),
        UI_GROUP_LOANS, UI_ACTF_WRITES),
    ROW(UI_ACT_VIEW, 5, "w Enter", N_("Week"), N_("Week grid of the room on that date"),
        UI_GROUP_DAYS, 0),
    ROW(UI_ACT_QUIT, 10, "Esc q", N_("Back"), N_("Close the list"), UI_GROUP_GENERAL, 0),
    LIST_ROWS,
};
UI_KEYTABLE(ui_keys_loan_dates, "loan-dates", N_("Loan dates"), loan_dates_rows);

/* ---- room loans: week grid of a room, day of a site's rooms ------------------ */

static const struct ui_binding loan_grid_rows[] = {
    ROW(UI_ACT_NEW, 2, "n", N_("New"), N_("New loan request in this room from the day under the cursor"),
        UI_GROUP_LOANS, UI_ACTF_WRITES),
    ROW(UI_ACT_VIEW, 5, "d", N_("Week/Site"),
        N_("Switch between the room's week and the day of every room of the site"),
        UI_GROUP_DAYS, 0),
    ROW(UI_ACT_SITE_WEEK, 6, "s", N_("Site week"),
        N_("The week of every room of the collège, a row per room (again: that day)"),
        UI_GROUP_DAYS, 0),
    ROW(UI_ACT_TODAY, 7, "t", N_("Today"), N_("Go to today"), UI_GROUP_DAYS, 0),
    ROW(UI_ACT_APPROVE, 0, "a", NULL, N_("Approve the date under the cursor"),
        UI_GROUP_LOANS, UI_ACTF_WRITES),
    ROW(UI_ACT_REFUSE, 0, "r", NULL, N_("Refuse the date under the cursor (with a reason)"),
        UI_GROUP_LOANS, UI_ACTF_WRITES),
    ROW(UI_ACT_CANCEL_APPT, 8, "x", N_("Cancel"),
        N_("Cancel the date under the cursor (the series keeps it as an exception)"),
        UI_GROUP_LOANS, UI_ACTF_WRITES),
    ROW(UI_ACT_OPEN, 0, "Enter", NULL, N_("The dates of the loan under the cursor"),
        UI_GROUP_LOANS, 0),
    ROW(UI_ACT_SEASON, 0, "c", NULL,
        N_("The season of the association under the cursor"), UI_GROUP_LOANS, 0),
    ROW(UI_ACT_STRUCTURE, 0, "S", NULL,
        N_("This room in the structure screen: capacity, equipment, blackouts; the "
           "collège's closures and lending hours"),
        UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_QUIT, 10, "Esc q", N_("Back"), N_("Close the grid"), UI_GROUP_GENERAL, 0),
    ROW(UI_ACT_LEFT, 0, "Left h", NULL, N_("Previous day (site: previous room)"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_RIGHT, 0, "Right l", NULL, N_("Following day (site: next room)"), UI_GROUP_MOVE, 0),
    MOVE_ROWS(N_("Earlier hour (site's week: room above)"),
              N_("Later hour (site's week: room below)")),
    ROW(UI_ACT_NEXT_GROUP, 0, "Tab", NULL, N_("Next room of the site"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_PREV_GROUP, 0, "BTab", NULL, N_("Previous room of the site"), UI_GROUP_MOVE, 0),
    ROW(UI_ACT_PAGE_UP, 0, "PgUp [", NULL, N_("Previous week (site: previous day)"),
        UI_GROUP_DAYS, 0),
    ROW(UI_ACT_PAGE_DOWN, 0, "PgDn ]", NULL, N_("Next week (site: next day)"), UI_GROUP_DAYS, 0),
};
UI_KEYTABLE(ui_keys_loan_grid, "loan-grid", N_("Room week"), loan_grid_rows);

const struct ui_keytable *const ui_keytables[] = {
    &ui_keys_day,    &ui_keys_week,     &ui_keys_people,   &ui_keys_panel,
    &ui_keys_tofill, &ui_keys_outside, &ui_keys_structure, &ui_keys_form,    &ui_keys_discard,
    &ui_keys_list,   &ui_keys_help,     &ui_keys_details,  &ui_keys_conflict,
    &ui_keys_month,  &ui_keys_summary, &ui_keys_alerts,
    &ui_keys_loans,  &ui_keys_loan_dates, &ui_keys_loan_grid,
    NULL,
};
