/* wait_screen.h - "waiting for another desk".
 *
 * While another desk holds the shared file's lock, storage's busy handler
 * calls back every 10 to 50 ms (db_wait_fn, storage.h) until the lock is
 * free or its timeout passes. The console answers from here: after about
 * 100 ms the status line says "Waiting for another desk... N s (Esc: give
 * up)", a resize redraws the screen at its new size, and Esc gives up: the
 * storage call then fails with DB_ERR_CANCELLED before anything was
 * written (a write unit waits at BEGIN IMMEDIATE, so giving up never
 * leaves half a unit), and the status line says so. Other keys typed while
 * waiting are kept, in order, for the event loop (ui_wait_next_key): a
 * person typing a name while another desk commits loses no letter (when a
 * form closes, the event loop throws away what was typed ahead of it
 * anyway). A signal that ends the program (HUP, TERM, INT: blocked outside the
 * event loop's ppoll, so pending here) or a vanished terminal also gives
 * up.
 *
 * One console per process: the wait state is module state. */
#ifndef GUICHET_TUI_WAIT_SCREEN_H
#define GUICHET_TUI_WAIT_SCREEN_H

#include "app.h"

/* Installs the callback on the app's database (db_set_wait_callback). */
void ui_wait_attach(struct ui_app *app);
/* Removes it (before the layers and the terminal go). */
void ui_wait_detach(struct ui_app *app);

/* The next key, as wget_wch(stdscr) returns it: first those read while
 * waiting, then the terminal's. */
int ui_wait_next_key(wint_t *wch);
/* 1 when keys read while waiting are still to be taken. */
int ui_wait_keys_held(void);
/* 1 when a key was typed: on the terminal, or already read and held. */
int ui_wait_key_pending(void);

/* The db_wait_fn; `ctx` is the struct ui_app. Returns 1 to give up. */
int ui_wait_callback(void *ctx, int waited_ms);

/* The db_slow_fn (a read without pause): after a second the status line
 * says "Reading the file... N s (Esc: stop)" and Esc stops the read (the
 * storage call fails with DB_ERR_CANCELLED; reads only, never a write).
 * Inside ui_wait_background(1) - work nobody is waiting for, such as the
 * risk marks' scoring - any key typed stops it at once and is left for the
 * event loop, so the console answers. */
int ui_slow_callback(void *ctx, int elapsed_ms);
void ui_wait_background(int on);

/* After each event that may have waited (a key, an idle tick): when the
 * status line still shows the waiting sentence, puts back what was there
 * before, or "gave up" when the person pressed Esc and the code that
 * called storage did not report it. Cheap when nothing waited. Returns 1
 * when a wait happened (the status line needs drawing), else 0. */
int ui_wait_done(struct ui_app *app);

/* Since the last ui_wait_done: 1 when the person gave up with Esc. */
int ui_wait_gave_up(void);
/* ...and it was a slow read that Esc stopped (not a wait for the lock);
 * the sentence that says so. */
int ui_wait_stopped_reading(void);
const char *ui_wait_stopped_text(void);

#endif
