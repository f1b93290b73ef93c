/* wait_screen.c - the screen stays alive while another desk holds the lock
 * (see wait_screen.h). Runs inside storage's busy handler, so it never
 * calls storage and never blocks: keys are read without waiting (the
 * console's stdscr is in nodelay mode) and the terminal is written only
 * when the shown number of seconds changes or the size did. */
#include "wait_screen.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../common/i18n.h"
#include "keys.h"

enum {
    SHOW_AFTER_MS = 100, /* shorter waits (an ordinary commit) show nothing */
    READ_SHOW_AFTER_MS = 1000, /* a read says so after a second */
};

static struct {
    int showing;                      /* our sentence is in the status line */
    int reading;                      /* ...about a slow read, not a lock */
    int gave_up;                      /* Esc during the last wait */
    int shown_seconds;                /* -1: not drawn yet */
    char saved[UI_MESSAGE_LEN];       /* the message before the wait */
    int saved_is_error;
    char text[UI_MESSAGE_LEN];        /* the sentence we put there */
} wait_state = {.shown_seconds = -1};

void ui_wait_attach(struct ui_app *app)
{
    memset(&wait_state, 0, sizeof wait_state);
    wait_state.shown_seconds = -1;
    db_set_wait_callback(app->db, ui_wait_callback, app);
    db_set_slow_callback(app->db, ui_slow_callback, app);
}

void ui_wait_detach(struct ui_app *app)
{
    db_set_wait_callback(app->db, NULL, NULL);
    db_set_slow_callback(app->db, NULL, NULL);
}

static int background;

void ui_wait_background(int on)
{
    background = on;
}

int ui_wait_gave_up(void)
{
    return wait_state.gave_up;
}

int ui_wait_stopped_reading(void)
{
    return wait_state.gave_up && wait_state.reading;
}

const char *ui_wait_stopped_text(void)
{
    return _("Stopped reading the file: what is shown may be incomplete.");
}

static int too_small(void)
{
    return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

/* A signal that ends the program arrived while it was blocked. */
static int ending_signal_pending(void)
{
    sigset_t set;
    if (sigpending(&set) != 0)
        return 0;
    return sigismember(&set, SIGHUP) == 1 || sigismember(&set, SIGTERM) == 1 ||
           sigismember(&set, SIGINT) == 1;
}

static int terminal_gone(void)
{
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* The terminal changed size. SIGWINCH is blocked outside the event loop's
 * ppoll, so curses has not heard of it: ask the terminal, and resize the
 * screen ourselves (the loop's own KEY_RESIZE later only redraws again). */
static int check_size(void)
{
    sigset_t set;
    if (sigpending(&set) != 0 || sigismember(&set, SIGWINCH) != 1)
        return 0;
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0)
        return 0;
    if (ws.ws_row == LINES && ws.ws_col == COLS)
        return 0;
    resizeterm(ws.ws_row, ws.ws_col);
    return 1;
}

/* Keys read while looking for Esc, kept in order for the event loop
 * (ui_wait_next_key): text typed while the file is slow is not lost. */
enum { HELD_MAX = 4096, LONE_ESC_MS = 40 };
static struct {
    int r;
    wint_t wch;
} held[HELD_MAX];
static unsigned held_first, held_count;

static void hold(int r, wint_t wch)
{
    if (held_count == HELD_MAX)
        return; /* four thousand keys typed during one wait: the rest go */
    unsigned i = (held_first + held_count++) % HELD_MAX;
    held[i].r = r;
    held[i].wch = wch;
}

int ui_wait_next_key(wint_t *wch)
{
    if (held_count == 0)
        return wget_wch(stdscr, wch);
    int r = held[held_first].r;
    *wch = held[held_first].wch;
    held_first = (held_first + 1) % HELD_MAX;
    held_count--;
    return r;
}

int ui_wait_keys_held(void)
{
    return held_count > 0;
}

static int input_within(int ms)
{
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, ms) > 0 && (p.revents & POLLIN);
}

/* Reads what was typed and holds it for later. Returns 1 on an Esc typed
 * alone (the person gives up; an Esc that starts a function key's or an
 * arrow's sequence is held with the rest of it), which the screens never
 * see but which counts as handled for the tests' GUICHET_TEST_KEYS_FD;
 * sets *resized on KEY_RESIZE. */
static int read_keys(struct ui_app *app, int *resized)
{
    wint_t wch;
    int r;
    while ((r = wget_wch(stdscr, &wch)) != ERR) {
        if (r == KEY_CODE_YES && wch == KEY_RESIZE) {
            *resized = 1;
            continue;
        }
        if (r == OK && wch == UI_KEY_ESC && !input_within(LONE_ESC_MS)) {
            app->keys_unreported++;
            return 1;
        }
        hold(r, wch);
    }
    return 0;
}

/* The sentence in the status line, each second, or the whole screen after
 * a resize. */
static void show(struct ui_app *app, int ms, int reading, int resized)
{
    if (!wait_state.showing) {
        snprintf(wait_state.saved, sizeof wait_state.saved, "%s", app->message);
        wait_state.saved_is_error = app->message_is_error;
        wait_state.showing = 1;
        wait_state.shown_seconds = -1;
    }
    wait_state.reading = reading;
    int seconds = ms / 1000;
    if (seconds == wait_state.shown_seconds && !resized)
        return;
    wait_state.shown_seconds = seconds;
    if (reading)
        snprintf(wait_state.text, sizeof wait_state.text,
                 _("Reading the file... %d s (Esc: stop)"), seconds);
    else
        snprintf(wait_state.text, sizeof wait_state.text,
                 _("Waiting for another desk... %d s (Esc: give up)"), seconds);
    ui_app_message(app, 0, "%s", wait_state.text);
    if (resized) {
        ui_app_redraw(app); /* the whole stack, as the event loop draws it */
    } else if (!too_small()) {
        ui_status_draw(app);
        wnoutrefresh(stdscr);
    }
    ui_app_present(app);
}

int ui_wait_callback(void *ctx, int waited_ms)
{
    struct ui_app *app = ctx;
    if (!app || app->layer_count == 0)
        return 0;
    if (ending_signal_pending() || terminal_gone())
        return 1;
    /* Work nobody asked for (the risk marks, a form reading ahead) waits
     * for another desk without a word, and gives way to any key at once
     * (the key is then handled; the work is done again later). */
    if (background)
        return ui_wait_key_pending();
    int resized = check_size();
    if (read_keys(app, &resized)) {
        wait_state.gave_up = 1;
        return 1;
    }
    if (waited_ms < SHOW_AFTER_MS && !resized)
        return 0;
    show(app, waited_ms, 0, resized);
    return 0;
}

int ui_wait_key_pending(void)
{
    if (held_count > 0)
        return 1;
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

int ui_slow_callback(void *ctx, int elapsed_ms)
{
    struct ui_app *app = ctx;
    if (!app || app->layer_count == 0)
        return 0;
    if (ending_signal_pending() || terminal_gone())
        return 1;
    /* Work nobody asked for (scoring the risk marks) gives way to any key
     * at once, leaving it to the event loop; it is done again later. */
    if (background)
        return ui_wait_key_pending();
    if (elapsed_ms < READ_SHOW_AFTER_MS)
        return 0;
    int resized = check_size();
    if (read_keys(app, &resized)) {
        wait_state.gave_up = 1;
        wait_state.reading = 1;
        return 1;
    }
    show(app, elapsed_ms, 1, resized);
    return 0;
}

int ui_wait_done(struct ui_app *app)
{
    int was_showing = wait_state.showing;
    int gave_up = wait_state.gave_up;
    wait_state.showing = 0;
    wait_state.gave_up = 0;
    int reading = wait_state.reading;
    wait_state.reading = 0;
    wait_state.shown_seconds = -1;
    if (!was_showing && !gave_up)
        return 0;
    int untouched = !app->message[0] || strcmp(app->message, wait_state.text) == 0;
    if (!untouched)
        return 1; /* the caller reported the outcome itself */
    if (gave_up && reading)
        ui_app_message(app, 1, "%s", ui_wait_stopped_text());
    else if (gave_up)
        ui_app_message(app, 1, "%s",
                       _("Gave up waiting for another desk: nothing was changed."));
    else
        ui_app_message(app, wait_state.saved_is_error, "%s", wait_state.saved);
    return 1;
}
