/* tui.h - the face of tui/: the ncurses console.
 *
 * ui_run() owns the terminal from initscr() to endwin(): the event loop,
 * views (day view, help, site choice, appointment details), the action table
 * that drives keys, the F-key bar and the help screen (tui/actions.h), and
 * theme application. It talks to storage only through storage/storage.h.
 *
 * Test and benchmark hooks (environment):
 *   GUICHET_NOW="YYYY-MM-DD HH:MM"  fixed clock (common/clock.h)
 *   GUICHET_BENCH_FD=N              after every doupdate() the console writes
 *                                   one byte to fd N (bench/ measures from
 *                                   outside when a screen is complete)
 *   GUICHET_TEST_KEYS_FD=N          once the screen that follows is on the
 *                                   terminal, one byte to fd N per key
 *                                   handled (screen tests wait for their
 *                                   keys' effect: tests/lib/tmux.sh press)
 *   GUICHET_EXIT_AFTER_FIRST_SCREEN=1  quit right after the first screen */
#ifndef GUICHET_TUI_H
#define GUICHET_TUI_H

#include <stddef.h>
#include <stdint.h>

#include "../storage/storage.h"
#include "theme_file.h"

struct ui_options {
    struct db *db;
    int64_t site_id;            /* 0 = the first site by name */
    const struct theme *theme;  /* colour theme (already loaded) */
    const struct theme *mono;   /* monochrome twin, used without colours */
    int force_monochrome;       /* NO_COLOR set or asked */
    const char *user;           /* shown in the top line */
    int ascii_lines;            /* ASCII instead of line-drawing characters */
    /* threshold and moments of the risk marks and on-screen alerts (the
     * configuration's, as guichet-notify's); NULL: the defaults */
    const struct alert_settings *alerts;
    /* The caller began the first screen's read transaction (db_view_begin
     * or db_open's keep_reading: site_id looked up in it, one lock less on
     * a share); ui_run ends it before the first drawing, on every path. */
    int first_view_begun;
};

/* Runs the console until the user quits or the terminal goes away.
 * Returns 0, or -1 with a message for the person in errbuf. */
int ui_run(const struct ui_options *opts, char *errbuf, size_t errsize);

#endif
