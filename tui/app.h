/* app.h - the console's inner face: the application state shared by the
 * views and dialogs, and the layer stack they live in.
 *
 * The screen is a stack of layers, the day view at the bottom and dialogs
 * (help, site list, details, forms) above it. Every layer names its key
 * table (actions.h, keytables.c); every input event goes to the top layer
 * as the action that table binds to the key (UI_ACT_NONE when it binds
 * none) plus the raw key; the layer returns UI_HANDLED, UI_IGNORED (the
 * event loop then applies the common meaning: help, redraw, quit),
 * UI_CLOSE (pop me) or UI_QUIT. After each
 * event the loop redraws the layers bottom-up (from the topmost full-screen
 * one: what it hides is not drawn) into their own windows with
 * wnoutrefresh and calls doupdate() once. Layers never loop on getch
 * themselves, so resize, the idle poll, signals and a vanished terminal are
 * handled in one place for all of them, dialogs and future forms included. */
#ifndef GUICHET_TUI_APP_H
#define GUICHET_TUI_APP_H

#include <curses.h>
#include <stdint.h>

#include "../storage/storage.h"
#include "actions.h"
#include "keytables.h"
#include "risk_watch.h"
#include "tui.h"

enum ui_result {
    UI_IGNORED = 0,
    UI_HANDLED = 1,
    UI_CLOSE = 2,
    UI_QUIT = 3,
};

struct ui_app;

struct ui_layer {
    /* Draws the layer (its own window or stdscr) and calls wnoutrefresh. */
    void (*draw)(struct ui_app *app, struct ui_layer *self);
    /* One input event: the action bound to `key` (may be UI_ACT_NONE). */
    enum ui_result (*on_key)(struct ui_app *app, struct ui_layer *self,
                             enum ui_action action, int key);
    /* Optional: a line for the status bar when there is no message. */
    void (*status)(struct ui_app *app, struct ui_layer *self, char *buf, size_t size);
    /* Optional: the database changed (another desk wrote): reload. */
    void (*reload)(struct ui_app *app, struct ui_layer *self);
    /* Frees the layer; called after it left the stack, so it may push
     * another layer (a list dialog opening the details of its choice). */
    void (*destroy)(struct ui_app *app, struct ui_layer *self);
    /* 1: draws over every line above the status line and the F-key bar
     * (a pane, pane.h), so the layers below it need not be drawn. */
    int full_screen;
    /* The layer's key table: its dispatch, F-key bar and help. */
    const struct ui_keytable *keys;
    /* Optional: 1 while a text field has the cursor; printable keys are
     * then text (never looked up in the table) and Esc then a digit is
     * not an F-key. */
    int (*typing)(struct ui_app *app, struct ui_layer *self);
    /* 1: keys typed ahead while this layer closes are thrown away rather
     * than given to the layer below (forms). */
    int discard_typeahead;
    /* Optional: work worth doing while the person reads the screen, such
     * as reading ahead what the next Enter will need (on a share, each
     * page not yet read is a round trip). Run once after the screen that
     * follows a key is drawn, when no key is waiting; a key typed meanwhile
     * stops it (its reads, or its wait for another desk's lock). Must not
     * write, nor change what is shown. */
    void (*idle)(struct ui_app *app, struct ui_layer *self);
    /* 1: while this layer is on top, background work (scoring the risk
     * marks, thousands of pages on a large file) waits, so that the pages
     * its idle read ahead stay in SQLite's page cache (forms: a person is
     * about to press Enter). */
    int hold_background;
};

enum { UI_MAX_LAYERS = 8, UI_MESSAGE_LEN = 256, UI_UNDO_SECONDS = 10 };

/* What the last one-key change (arrived, seen, no-show...) did, so that
 * "z" can take it back for UI_UNDO_SECONDS seconds. */
struct ui_undo {
    int64_t appt_id;      /* 0: nothing to undo */
    int64_t version;      /* the appointment's version after the change */
    int arrival;          /* 1: the arrival mark was toggled */
    int old_status;       /* else: enum appt_status before the change */
    int64_t at_ms;        /* monotonic time of the change */
};

/* Smallest terminal the console draws in; below it a short message. */
enum { UI_MIN_COLS = 60, UI_MIN_LINES = 16 };

struct ui_app {
    const struct ui_options *opts;
    struct db *db;
    int readonly;
    int utf8;                      /* the locale's charset is UTF-8 */
    struct civil_datetime now;     /* refreshed on every event and tick */

    struct db_site *sites;         /* every site, by name */
    size_t site_count;
    size_t site_index;             /* the one shown */

    struct ui_layer *layers[UI_MAX_LAYERS];
    int layer_count;

    char message[UI_MESSAGE_LEN];  /* status line, until the next key */
    int message_is_error;

    int closing;                   /* the stack is being torn down */
    int flush_input;               /* a form closed: drop type-ahead */
    int idle_due;                  /* a key was handled: the top layer's idle */
    struct ui_undo undo;           /* the last one-key status change */
    int bench_fd;                  /* GUICHET_BENCH_FD, or -1 */
    int keys_fd;                   /* GUICHET_TEST_KEYS_FD, or -1 */
    unsigned keys_unreported;      /* keys handled, not yet told keys_fd */
    struct ui_risk risk;           /* scores of the coming days, alerts */
    uint32_t change_counter;       /* the file's, at the last idle check */
    int change_counter_known;
};

/* Puts a layer on top; on failure (stack full) destroys it and returns -1. */
int ui_app_push(struct ui_app *app, struct ui_layer *layer);
/* A message in the status line until the next key. */
/* Refuses a write on a read-only or unsafe database, saying why; `what` is
 * the refused action in the help screen's words. */
void ui_app_refuse_write(struct ui_app *app, const char *what);
void ui_app_message(struct ui_app *app, int is_error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reports a storage error in the status line. */
void ui_app_db_error(struct ui_app *app, const struct db_error *err);
/* The site shown, or NULL when the database has none. */
const struct db_site *ui_app_site(const struct ui_app *app);
/* "Now" at the site shown: its civil time in its own zone. */
void ui_app_now(const struct ui_app *app, struct civil_datetime *now);
/* Reads the sites again (by name), keeping the one shown; on failure says
 * why in the status line and returns -1. */
int ui_app_reload_sites(struct ui_app *app);

/* Draws the whole screen into curses' virtual screen (wnoutrefresh only):
 * every layer from the topmost full-screen one up, the status line and the
 * F-key bar, or a short message when the terminal is too small. Send it
 * with ui_app_present. */
void ui_app_redraw(struct ui_app *app);

/* doupdate(), then the bench byte (GUICHET_BENCH_FD): the only way the
 * console sends a screen to the terminal. */
void ui_app_present(struct ui_app *app);

/* The key table of the top layer (the common table when it has none). */
const struct ui_keytable *ui_app_keys(const struct ui_app *app);
/* Milliseconds of a monotonic clock. */
int64_t ui_app_monotonic_ms(void);

/* Rows of the screen shared by every view: status line, F-key bar. */
void ui_status_draw(struct ui_app *app);
void ui_fkeybar_draw(struct ui_app *app);

#endif
