/* app.c - ui_run(): the terminal, the event loop and the layer stack.
 *
 * The loop, in order of what can happen:
 *   - a key: decoded from what the terminal sent (keydecode.h: curses'
 *     keypad mode is off, so TERM does not matter), Esc then a digit made
 *     an F-key where no text is typed, looked up in the top layer's key
 *     table, refused there when it writes on a read-only file, given to
 *     the top layer, then the common meaning (help, redraw, quit); one
 *     redraw and one doupdate() per key. When a form closes, keys typed
 *     ahead are thrown away;
 *   - KEY_RESIZE (ncurses' own SIGWINCH handling): redraw at the new size,
 *     or a short message below UI_MIN_COLS x UI_MIN_LINES;
 *   - about once a second (ppoll timeout): the clock and PRAGMA
 *     data_version are checked; the screen is redrawn only when the minute
 *     or the data changed, so an idle console costs nothing;
 *   - SIGHUP, SIGTERM, SIGINT: a flag, then a clean exit (endwin);
 *   - the terminal going away (POLLHUP/POLLERR on stdin, or input that keeps
 *     reading as nothing): a clean exit instead of a spin.
 * Signals are blocked except inside ppoll, so one arriving between the flag
 * test and the wait cannot be missed. No threads. */
#define _GNU_SOURCE /* ppoll */
#include "app.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../common/clock.h"
#include "../common/i18n.h"
#include "../storage/storage.h"
#include "dialogs.h"
#include "draw.h"
#include "keydecode.h"
#include "keytables.h"
#include "theme.h"
#include "view_alerts.h"
#include "view_day.h"
#include "wait_screen.h"

enum {
    TICK_MS = 1000,        /* idle poll of the clock and data_version */
    ESC_DELAY_MS = 40,     /* Esc alone vs. an escape sequence */
    SEQ_DELAY_MS = 400,    /* a sequence under way, split by a slow link */
    ESC_PREFIX_MS = 1000,  /* Esc then digit must follow within this */
    EMPTY_READS_MAX = 20,  /* "readable" but no key this many times: gone */
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

int64_t ui_app_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- shared helpers (app.h) ------------------------------------------- */

int ui_app_push(struct ui_app *app, struct ui_layer *layer)
{
    /* While the stack is torn down, a closing list may try to open what
     * was chosen: refuse. */
    if (app->closing || app->layer_count >= UI_MAX_LAYERS) {
        layer->destroy(app, layer);
        return -1;
    }
    app->layers[app->layer_count++] = layer;
    return 0;
}

static void pop(struct ui_app *app)
{
    if (app->layer_count <= 1)
        return; /* the day view stays */
    struct ui_layer *l = app->layers[--app->layer_count];
    if (l->discard_typeahead)
        app->flush_input = 1;
    l->destroy(app, l);
}

const struct ui_keytable *ui_app_keys(const struct ui_app *app)
{
    struct ui_layer *top = app->layer_count ? app->layers[app->layer_count - 1] : NULL;
    return top && top->keys ? top->keys : &ui_keys_common;
}

static int top_is_typing(struct ui_app *app)
{
    struct ui_layer *top = app->layer_count ? app->layers[app->layer_count - 1] : NULL;
    return top && top->typing && top->typing(app, top);
}

void ui_app_message(struct ui_app *app, int is_error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->message, sizeof app->message, fmt, ap);
    va_end(ap);
    app->message_is_error = is_error;
}

void ui_app_db_error(struct ui_app *app, const struct db_error *err)
{
    char buf[UI_MESSAGE_LEN];
    if (err && err->status == DB_ERR_CANCELLED && ui_wait_stopped_reading()) {
        ui_app_message(app, 1, "%s", ui_wait_stopped_text());
        return;
    }
    db_error_format(err, buf, sizeof buf);
    ui_app_message(app, 1, "%s", buf);
}

void ui_app_now(const struct ui_app *app, struct civil_datetime *now)
{
    const struct db_site *site = app->sites ? ui_app_site(app) : NULL;
    db_zone_now(site ? site->timezone : "", now);
}

const struct db_site *ui_app_site(const struct ui_app *app)
{
    return app->site_index < app->site_count ? &app->sites[app->site_index] : NULL;
}

/* ---- sites ------------------------------------------------------------ */

static int compare_sites(const void *a, const void *b)
{
    return strcoll(((const struct db_site *)a)->name, ((const struct db_site *)b)->name);
}

/* (Re)reads the sites, keeping the one shown by id (or `wanted` first). */
static int load_sites(struct ui_app *app, int64_t wanted, struct db_error *err)
{
    const struct db_site *cur = ui_app_site(app);
    int64_t keep = cur ? cur->id : wanted;
    struct db_site *sites = NULL;
    size_t n = 0;
    if (db_site_list(app->db, &sites, &n, err) != DB_OK)
        return -1;
    qsort(sites, n, sizeof *sites, compare_sites);
    free(app->sites);
    app->sites = sites;
    app->site_count = n;
    app->site_index = 0;
    for (size_t i = 0; i < n; i++)
        if (sites[i].id == keep)
            app->site_index = i;
    return 0;
}

int ui_app_reload_sites(struct ui_app *app)
{
    struct db_error err = {0};
    if (load_sites(app, 0, &err) != 0) {
        ui_app_db_error(app, &err);
        return -1;
    }
    return 0;
}

/* ---- drawing ---------------------------------------------------------- */

static int too_small(void)
{
    return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

static void draw_too_small(void)
{
    werase(stdscr);
    char line1[128], line2[128];
    snprintf(line1, sizeof line1, _("Terminal too small (%dx%d)."), COLS, LINES);
    snprintf(line2, sizeof line2, _("guichet needs %dx%d."), UI_MIN_COLS, UI_MIN_LINES);
    int y = LINES / 2 - 1;
    if (y < 0)
        y = 0;
    ui_draw_str(stdscr, y, 0, COLS, line1, A_BOLD, UI_DRAW_CENTER);
    if (y + 1 < LINES)
        ui_draw_str(stdscr, y + 1, 0, COLS, line2, A_NORMAL, UI_DRAW_CENTER);
    wnoutrefresh(stdscr);
}

void ui_app_present(struct ui_app *app)
{
    doupdate();
    /* With GUICHET_COUNT_IO, the file-system calls so far, per screen. */
    db_io_count_mark("screen");
    if (app->bench_fd >= 0) {
        ssize_t w = write(app->bench_fd, "S", 1);
        (void)w;
    }
}

void ui_app_redraw(struct ui_app *app)
{
    if (too_small()) {
        draw_too_small();
        return;
    }
    if (app->layer_count == 0)
        return;
    /* The day view (bottom) draws stdscr whole; a pane above it covers
     * everything but the two bottom lines: start from the topmost. */
    int from = 0;
    for (int i = app->layer_count - 1; i > 0 && from == 0; i--)
        if (app->layers[i]->full_screen)
            from = i;
    if (from == 0)
        app->layers[0]->draw(app, app->layers[0]);
    ui_status_draw(app);
    ui_fkeybar_draw(app);
    wnoutrefresh(stdscr);
    for (int i = from ? from : 1; i < app->layer_count; i++)
        app->layers[i]->draw(app, app->layers[i]);
    ui_alerts_banner_draw(app); /* over every layer, until acknowledged */
}

/* ---- keys ------------------------------------------------------------- */

struct esc_state {
    int pending;     /* Esc alone was the last key */
    int64_t at_ms;
};

/* Esc then a digit is the F-key of that digit (desktop terminals eat F1
 * and F10): at once (Alt-digit), or within ESC_PREFIX_MS of an Esc that
 * already acted on its own (it closed a dialog without waiting). Never
 * where text is typed: there a digit is a digit. */
static int translate_key(struct ui_app *app, struct esc_state *esc, int key)
{
    int64_t now = ui_app_monotonic_ms();
    int typing = top_is_typing(app);
    int was_pending = esc->pending && now - esc->at_ms <= ESC_PREFIX_MS;
    esc->pending = key == UI_KEY_ESC;
    esc->at_ms = now;
    if (UI_KEY_IS_ALT_DIGIT(key)) {
        if (typing)
            return 0; /* nothing: Alt-digit is no text either */
        int d = key - UI_KEY_ALT_DIGIT(0);
        return ui_key_for_fkey(d == 0 ? 10 : d);
    }
    if (was_pending && !typing && key >= '0' && key <= '9')
        return ui_key_for_fkey(key == '0' ? 10 : key - '0');
    return key;
}

/* What a common action means when the top layer did not use it. */
static void global_action(struct ui_app *app, enum ui_action action)
{
    switch (action) {
    case UI_ACT_QUIT: /* a dialog that did not close itself */
        if (app->layer_count > 1)
            pop(app);
        return;
    case UI_ACT_HELP: {
        struct ui_layer *h = ui_help_new(app, ui_app_keys(app), !top_is_typing(app));
        if (h)
            ui_app_push(app, h);
        return;
    }
    case UI_ACT_REDRAW:
        clearok(curscr, TRUE);
        return;
    default:
        break;
    }
}

/* Returns 1 when the program should end. */
static int handle_key(struct ui_app *app, struct esc_state *esc, int key)
{
    app->keys_unreported++;
    app->idle_due = 1;
    /* The key's reads and writes, and the screen drawn after it, share
     * one lock (dot-file mode); let go in run_loop before waiting. */
    db_hold_begin(app->db);
    db_slow_restart(app->db); /* a key's reads are timed from the key */
    db_io_count_mark("key"); /* GUICHET_COUNT_IO: the bench times keys */
    key = translate_key(app, esc, key);
    app->message[0] = '\0';
    ui_app_now(app, &app->now);
    if (key == 0)
        return 0;
    const struct ui_binding *row = ui_keytable_lookup(ui_app_keys(app), key, top_is_typing(app));
    enum ui_action action = row ? row->action : UI_ACT_NONE;
    if (too_small()) {
        if (action == UI_ACT_QUIT && app->layer_count == 1)
            return 1;
        if (action == UI_ACT_REDRAW)
            clearok(curscr, TRUE);
        return 0;
    }
    /* The one place where writes are refused on this desk. */
    if (row && (row->flags & UI_ACTF_WRITES) && app->readonly) {
        ui_app_refuse_write(app, _(row->help));
        return 0;
    }
    int depth = app->layer_count;
    struct ui_layer *top = app->layers[app->layer_count - 1];
    enum ui_result r = top->on_key(app, top, action, key);
    switch (r) {
    case UI_CLOSE:
        pop(app);
        break;
    case UI_QUIT:
        return 1;
    case UI_IGNORED:
        if (action == UI_ACT_QUIT && app->layer_count == 1)
            return 1;
        global_action(app, action);
        break;
    case UI_HANDLED:
        break;
    }
    /* A layer closed: an Esc that closed it is spent, it does not make
     * the next digit an F-key on the layer below. */
    if (app->layer_count < depth)
        esc->pending = 0;
    return 0;
}

/* The one wording for a write refused on this desk, wherever it is asked:
 * the reason first (the line may be cut at the right), then what was
 * refused in the words of the help screen. */
void ui_app_refuse_write(struct ui_app *app, const char *what)
{
    /* An unsafe share is not the same as a read-only file: say which. */
    const char *why = db_unsafe_reason(app->db);
    if (why)
        /* TRANSLATORS: why writes are refused on this desk (a sentence
         * about the shared file), then what was refused (a help text). */
        ui_app_message(app, 1, _("Not done (%s): %s"), why, what);
    else
        /* TRANSLATORS: what was refused, as the help screen says it:
         * "Book a new appointment (on the cell under the cursor)". */
        ui_app_message(app, 1, _("Not done (read-only database): %s"), what);
}

/* ---- idle tick -------------------------------------------------------- */

/* The risk scores, unless the top layer holds background work back. */
static int background_tick(struct ui_app *app)
{
    if (app->layer_count > 0 && app->layers[app->layer_count - 1]->hold_background)
        return 0;
    return ui_risk_tick(app);
}

/* Returns 1 when something visible changed. */
static int tick(struct ui_app *app, int64_t *data_version)
{
    int changed = 0;
    struct civil_datetime now;
    ui_app_now(app, &now);
    if (civil_datetime_compare(now, app->now) != 0) {
        app->now = now;
        changed = 1; /* the now-marker and "to fill in" move with the minute */
    }
    /* Dot-file mode: an idle desk must still look alive to the others,
     * or its lock could be taken for a crashed PC's. */
    /* GUICHET_COUNT_IO: the idle tick's calls apart from the keys'. */
    db_io_count_mark("tick");
    db_slow_restart(app->db); /* its reads are timed from the tick */
    db_heartbeat(app->db);
    /* The header's change counter first (one read, no lock): the check
     * under the lock only when it moved. Read before that check, so that
     * a commit landing in between moves it again for the next tick. */
    uint32_t counter = 0;
    int have_counter = db_change_counter(app->db, &counter, NULL) == DB_OK;
    if (have_counter && app->change_counter_known &&
        counter == app->change_counter) {
        changed |= background_tick(app);
        db_io_count_mark("tick-end");
        return changed;
    }
    app->change_counter = counter;
    app->change_counter_known = have_counter;
    int64_t v;
    /* The check and the reloads in one read transaction (one lock). */
    db_view_begin(app->db);
    if (db_data_version(app->db, &v, NULL) == DB_OK && v != *data_version) {
        *data_version = v;
        ui_app_reload_sites(app);
        for (int i = 0; i < app->layer_count; i++)
            if (app->layers[i]->reload)
                app->layers[i]->reload(app, app->layers[i]);
        app->risk.stale = 1;
        changed = 1;
    }
    db_view_end(app->db);
    /* Scores and on-screen alerts: after the first screen, then now and
     * then (risk_watch.h) */
    if (background_tick(app))
        changed = 1;
    db_io_count_mark("tick-end");
    return changed;
}

/* ---- set-up and tear-down ---------------------------------------------- */

static int fd_from_env(const char *name)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return -1;
    char *end;
    long fd = strtol(s, &end, 10);
    return (*end == '\0' && fd >= 0 && fd < 65536) ? (int)fd : -1;
}

static int env_flag(const char *name)
{
    const char *s = getenv(name);
    return s && *s && strcmp(s, "0") != 0;
}

struct saved_signals {
    struct sigaction hup, term, intr;
    sigset_t mask;
};

/* Catches `sig` unless it was ignored on entry (nohup, a shell's background
 * job): that choice belongs to whoever started us. */
static void catch_signal(int sig, struct sigaction *old)
{
    sigaction(sig, NULL, old);
    if (old->sa_handler == SIG_IGN)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: ppoll returns EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void install_signals(struct saved_signals *saved, sigset_t *wait_mask)
{
    catch_signal(SIGHUP, &saved->hup);
    catch_signal(SIGTERM, &saved->term);
    catch_signal(SIGINT, &saved->intr);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGHUP);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGWINCH);
    sigprocmask(SIG_BLOCK, &block, &saved->mask);
    *wait_mask = saved->mask;
    sigdelset(wait_mask, SIGHUP);
    sigdelset(wait_mask, SIGTERM);
    sigdelset(wait_mask, SIGINT);
    sigdelset(wait_mask, SIGWINCH);
}

static void restore_signals(const struct saved_signals *saved)
{
    sigaction(SIGHUP, &saved->hup, NULL);
    sigaction(SIGTERM, &saved->term, NULL);
    sigaction(SIGINT, &saved->intr, NULL);
    sigprocmask(SIG_SETMASK, &saved->mask, NULL);
}

/* Tests: one byte to GUICHET_TEST_KEYS_FD per key handled, once the screen
 * that follows is on the terminal. A test that counts them knows when the
 * keys it sent have had their effect, whatever the machine's load, instead
 * of sleeping and hoping. */
static void report_keys(struct ui_app *app)
{
    static const char bytes[64] = {0};
    while (app->keys_fd >= 0 && app->keys_unreported > 0) {
        size_t n = app->keys_unreported < sizeof bytes ? app->keys_unreported : sizeof bytes;
        ssize_t w = write(app->keys_fd, bytes, n);
        if (w <= 0) {
            app->keys_fd = -1;
            break;
        }
        app->keys_unreported -= (unsigned)w;
    }
}

/* Throws away what was typed ahead (flushinp), counting the keys for
 * report_keys as if handled: a test waiting for them is not left waiting. */
static void discard_typeahead(struct ui_app *app, struct ui_keydec *dec)
{
    wint_t wch;
    int r;
    while ((r = ui_wait_next_key(&wch)) != ERR) {
        if (r == KEY_CODE_YES) { /* a resize is drawn right after anyway */
            if (wch != KEY_RESIZE)
                app->keys_unreported++;
            continue;
        }
        if (ui_keydec_feed(dec, (int)wch) >= 0) {
            app->keys_unreported++;
            if (ui_keydec_pop(dec) >= 0) /* Esc and a key together */
                app->keys_unreported++;
        }
    }
    if (ui_keydec_waiting(dec) == 1)
        app->keys_unreported++; /* a lone Esc */
    flushinp();
    ui_keydec_reset(dec);
}

/* The top layer's work while the person reads the screen (app.h), done
 * under the lock the key kept when it read something (handle_key): then
 * it costs no lock of its own on a share. Skipped when a key already
 * waits; a key typed during it stops it, reading or waiting for another
 * desk's lock (background, as the risk scores). Before the keys are
 * reported, so a test that waits for them finds it done. Returns 1 when
 * the status line must be drawn again. */
static int run_idle(struct ui_app *app)
{
    app->idle_due = 0;
    struct ui_layer *top = app->layer_count ? app->layers[app->layer_count - 1] : NULL;
    if (!top || !top->idle || too_small() || ui_wait_key_pending())
        return 0;
    db_io_count_mark("idle"); /* GUICHET_COUNT_IO: apart from the keys' */
    ui_wait_background(1);
    top->idle(app, top);
    ui_wait_background(0);
    db_io_count_mark("idle-end");
    return ui_wait_done(app);
}

/* The event loop; returns when the person quits, a signal arrives or the
 * terminal is gone. */
static void run_loop(struct ui_app *app, const sigset_t *wait_mask)
{
    int exit_after_first = env_flag("GUICHET_EXIT_AFTER_FIRST_SCREEN");
    int64_t data_version = 0;
    db_data_version(app->db, &data_version, NULL);
    /* The reads of the first screen end here (ui_app_run), before
     * anything is written to the terminal. */
    db_view_end(app->db);
    struct esc_state esc = {0};
    struct ui_keydec dec = {0};
    int empty_reads = 0;
    int need_draw = 1;
    int64_t next_tick = ui_app_monotonic_ms() + TICK_MS;

    for (;;) {
        if (need_draw) {
            ui_app_redraw(app);
            ui_app_present(app);
            if (app->idle_due && run_idle(app)) {
                ui_app_redraw(app);
                ui_app_present(app);
            }
            report_keys(app);
            need_draw = 0;
            if (exit_after_first)
                return;
        }
        /* Never holding the lock while waiting (handle_key). */
        db_hold_end(app->db);
        if (got_signal)
            return;
        /* Keys already read by curses (a sequence's tail, a paste) are
         * taken before waiting on the file descriptor. */
        wint_t wch;
        int r = ui_wait_next_key(&wch);
        if (r != ERR) {
            empty_reads = 0;
            if (r == KEY_CODE_YES && wch == KEY_RESIZE) {
                need_draw = 1;
                continue;
            }
            int key = r == KEY_CODE_YES ? UI_KEY_CURSES((int)wch) : (int)wch;
            if (r != KEY_CODE_YES)
                key = ui_keydec_feed(&dec, key);
            if (key == UI_KEYDEC_MORE)
                continue;
            if (key == UI_KEYDEC_SWALLOWED)
                continue; /* an unknown sequence: nothing happens */
            if (handle_key(app, &esc, key))
                return;
            int more = app->flush_input ? UI_KEYDEC_MORE : ui_keydec_pop(&dec);
            if (more >= 0 && handle_key(app, &esc, more))
                return;
            if (app->flush_input) {
                /* A form closed: what was typed ahead was meant for it. */
                discard_typeahead(app, &dec);
                esc.pending = 0;
                app->flush_input = 0;
            }
            ui_wait_done(app);
            need_draw = 1;
            continue;
        }
        if (ui_keydec_waiting(&dec)) {
            /* Esc alone, or a sequence cut short: wait a little for the
             * rest, then decide. */
            if (ui_wait_keys_held())
                continue; /* the rest was read while waiting: take it above */
            int ms = ui_keydec_waiting(&dec) == 1 ? ESC_DELAY_MS : SEQ_DELAY_MS;
            struct pollfd pf = {.fd = STDIN_FILENO, .events = POLLIN};
            struct timespec wt = {.tv_sec = 0, .tv_nsec = (long)ms * 1000000};
            int pr = ppoll(&pf, 1, &wt, wait_mask);
            if (pr > 0 && !(pf.revents & (POLLHUP | POLLERR | POLLNVAL)))
                continue; /* read it above */
            if (pr < 0 && errno == EINTR)
                continue;
            int key = ui_keydec_timeout(&dec);
            if (key >= 0) {
                if (handle_key(app, &esc, key))
                    return;
                if (app->flush_input) {
                    discard_typeahead(app, &dec);
                    app->flush_input = 0;
                }
                ui_wait_done(app);
                need_draw = 1;
            }
            continue;
        }
        int64_t now = ui_app_monotonic_ms();
        if (now >= next_tick) {
            need_draw = tick(app, &data_version);
            if (ui_wait_done(app))
                need_draw = 1;
            next_tick = now + TICK_MS;
            continue;
        }
        struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
        int64_t wait = next_tick - now;
        struct timespec ts = {.tv_sec = wait / 1000, .tv_nsec = (long)(wait % 1000) * 1000000};
        int pr = ppoll(&p, 1, &ts, wait_mask);
        if (pr < 0) {
            if (errno == EINTR)
                continue; /* a signal: flag or resize, seen next turn */
            return;
        }
        if (pr == 0)
            continue;
        if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
            return; /* the terminal went away */
        /* Readable: the next wget_wch must return something. A descriptor
         * that keeps reading as nothing (end of file) means the terminal is
         * gone; never spin on it. */
        if (++empty_reads > EMPTY_READS_MAX)
            return;
    }
}

int ui_run(const struct ui_options *opts, char *errbuf, size_t errsize)
{
    if (!opts || !opts->db) {
        snprintf(errbuf, errsize, "%s", _("no database to show"));
        return -1;
    }
    /* cli/main.c sets the locale; a program embedding the console without
     * doing so would get neither accents nor day names. */
    const char *ctype = setlocale(LC_CTYPE, NULL);
    if (!ctype || strcmp(ctype, "C") == 0 || strcmp(ctype, "POSIX") == 0)
        setlocale(LC_ALL, "");

    struct ui_app app;
    memset(&app, 0, sizeof app);
    app.opts = opts;
    app.db = opts->db;
    app.readonly = db_is_readonly(opts->db);
    app.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    app.bench_fd = fd_from_env("GUICHET_BENCH_FD");
    app.keys_fd = fd_from_env("GUICHET_TEST_KEYS_FD");
    struct db_error err = {0};
    /* Everything the first screen reads, in one read transaction (ended
     * by run_loop before the first drawing, or below on failure). */
    if (!opts->first_view_begun)
        db_view_begin(app.db);
    if (load_sites(&app, opts->site_id, &err) != 0) {
        db_view_end(app.db);
        db_error_format(&err, errbuf, errsize);
        return -1;
    }
    ui_app_now(&app, &app.now);
    ui_risk_init(&app.risk, opts->alerts);

    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        const char *term = getenv("TERM");
        snprintf(errbuf, errsize, _("cannot use this terminal (TERM=%s)"), term ? term : "");
        db_view_end(app.db);
        free(app.sites);
        return -1;
    }
    set_term(screen);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, FALSE);  /* keydecode.c reads sequences, whatever TERM says */
    nodelay(stdscr, TRUE);  /* the loop waits in ppoll, not in curses */
    set_escdelay(ESC_DELAY_MS);
    typeahead(-1);          /* finish every screen: the bench times them */
    curs_set(0);
    ui_theme_apply(opts->theme, opts->mono, !opts->force_monochrome);
    ui_draw_setup(!app.utf8, opts->ascii_lines);

    struct saved_signals saved;
    sigset_t wait_mask;
    got_signal = 0;
    install_signals(&saved, &wait_mask);
    ui_wait_attach(&app);

    int rc = 0;
    struct ui_layer *view = ui_day_view_new(&app);
    if (!view) {
        db_view_end(app.db);
        snprintf(errbuf, errsize, "%s", _("out of memory"));
        rc = -1;
    } else {
        ui_app_push(&app, view);
        run_loop(&app, &wait_mask);
        report_keys(&app); /* the key that ended it */
    }

    app.closing = 1;
    while (app.layer_count > 0) {
        struct ui_layer *l = app.layers[--app.layer_count];
        l->destroy(&app, l);
    }
    ui_wait_detach(&app);
    ui_alerts_banner_free();
    restore_signals(&saved); /* before curses goes: its handlers come back */
    endwin();
    delscreen(screen);
    free(app.sites);
    ui_risk_free(&app.risk);
    return rc;
}
