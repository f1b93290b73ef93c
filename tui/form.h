/* form.h - a reusable form: labelled fields in a framed dialog layer.
 *
 * Field kinds: text (one line, cursor editing, UTF-8 aware, scrolls
 * horizontally), choice (one of a list: Left/Right cycle, a letter jumps to
 * the next choice starting with it, accents ignored; Space opens the whole
 * list), checkbox (Space toggles), button (Enter or Space calls the activate
 * hook: "choose a person...") and read-only lines of information.
 *
 * Keys: Tab / Down go to the next field, Shift-Tab / Up to the previous
 * one; in a text field Left/Right/Home/End/^A/^E move, Backspace/Delete
 * erase, ^U clears the field, ^K cuts to the end, ^W the word before.
 * Enter or F2 confirms the form (Enter on a button activates it instead).
 * Esc or F10 backs out: at once when nothing was changed, else after
 * asking "Discard your changes? (Enter: discard · Esc: keep editing)".
 * "Changed" compares the values with those the form had when it was
 * pushed (ui_form_layer), so typing then erasing is no change, and a value
 * set by a hook after that (a person chosen) is one. F1 shows the help, ^L
 * redraws; KEY_RESIZE needs nothing: the window is sized again on every
 * draw, like every dialog (dialogs.h). Printable keys always go to a text
 * field, so letters bound to actions elsewhere ("q", "n") are typed as
 * text.
 *
 * Validation: each text field may carry a kind (date, time, number) and
 * limits (required, maximum length: model/text.h rules, no control
 * characters). A key that would go past the maximum length is refused and
 * "N characters at most" shows under the field until its value changes.
 * On confirm the built-in checks run first, then the validate hook; a
 * message is shown under the field it concerns (or at the foot of the
 * form, field -1) and the form stays open with the cursor on the first
 * field in error. Only when everything passes does the form close and the
 * done hook run with confirmed = 1. The validate hook may perform the
 * write itself and report a storage error with ui_form_set_error(form, -1,
 * msg): the form then stays open, nothing lost.
 *
 * The form is a struct ui_layer (app.h): it never loops on getch. Create it
 * with ui_form_new, add fields, then ui_app_push(app, ui_form_layer(form)).
 *
 * The editing logic of a text field (struct ui_edit, form_edit.c) is
 * separate from drawing and has no curses call, so it is unit-tested
 * (tests/tui/test_form.c). */
#ifndef GUICHET_TUI_FORM_H
#define GUICHET_TUI_FORM_H

#include <stddef.h>

#include "../model/civil.h"
#include "app.h"

/* ---- one line of editable UTF-8 text (no curses) ---------------------- */

enum { UI_EDIT_MAX_BYTES = 1024 };

struct ui_edit {
    char text[UI_EDIT_MAX_BYTES]; /* valid UTF-8, NUL-terminated */
    size_t len;                   /* bytes */
    size_t cursor;                /* byte offset, always on a character start */
    size_t max_chars;             /* characters accepted (0 = as many as fit) */
    int multiline;                /* Enter inserts a line break ('\n') */
};

/* Sets the text (invalid UTF-8 and control characters are dropped, the
 * text cut at max_chars) and puts the cursor at its end. */
void ui_edit_set(struct ui_edit *e, const char *utf8, size_t max_chars);
/* The same for a multi-line text (a note): line breaks are kept and Enter
 * inserts one. */
void ui_edit_set_lines(struct ui_edit *e, const char *utf8, size_t max_chars);
/* Inserts one character at the cursor. Returns 0, or -1 when refused
 * (control character, field full: ui_edit_fits tells which). */
int ui_edit_insert(struct ui_edit *e, int codepoint);
/* 1 when `codepoint` would still fit (max_chars and the byte buffer),
 * 0 when the field is full: the form then says "N characters at most"
 * instead of silently dropping the key. */
int ui_edit_fits(const struct ui_edit *e, int codepoint);
/* The most characters the field takes: max_chars, or, without one, as
 * many as it holds now when its byte buffer is full. */
size_t ui_edit_limit(const struct ui_edit *e);
/* Erasing: the character before / under the cursor, everything, from the
 * cursor to the end. Each returns 1 when the text changed, else 0. */
int ui_edit_backspace(struct ui_edit *e);
int ui_edit_delete(struct ui_edit *e);
int ui_edit_clear(struct ui_edit *e);
int ui_edit_kill_to_end(struct ui_edit *e);
/* Cursor moves by one character, and to either end. */
void ui_edit_left(struct ui_edit *e);
void ui_edit_right(struct ui_edit *e);
void ui_edit_home(struct ui_edit *e);
void ui_edit_end(struct ui_edit *e);
/* Characters before the cursor (its position for a person to count). */
size_t ui_edit_cursor_chars(const struct ui_edit *e);
/* UTF-8 bytes of one code point into out; returns their count (1..4). */
size_t ui_edit_encode(int codepoint, char out[4]);
/* Applies one key (keys.h codes: characters and UI_KEY_CURSES(...)).
 * Returns 1 when the key was an editing key (text or cursor changed or
 * would have), 0 when it means something else (Tab, Enter, Esc, F-keys,
 * Up/Down). *changed is set to 1 when the text itself changed. */
int ui_edit_key(struct ui_edit *e, int key, int *changed);
/* Draws the text in `width` columns at (y, x) of `w`, scrolled so that the
 * cursor is visible (*hscroll: first character shown, kept between calls);
 * when `focused`, the cursor cell is shown in reverse and the window's
 * cursor is left there. The one curses function of this section. */
void ui_edit_draw(WINDOW *w, int y, int x, int width, const struct ui_edit *e, size_t *hscroll,
                  int focused);
/* A multi-line text in `rows` x `width` cells: its lines (cut at line
 * breaks, wrapped at the width), scrolled so the cursor's line shows. */
void ui_edit_draw_lines(WINDOW *w, int y, int x, int width, int rows, const struct ui_edit *e,
                        int focused);
/* Rows a multi-line field takes in a form. */
enum { UI_FORM_NOTE_ROWS = 3 };

/* ---- the form ---------------------------------------------------------- */

struct ui_form;

enum ui_form_field_kind {
    UI_FIELD_TEXT,
    UI_FIELD_CHOICE,
    UI_FIELD_CHECK,
    UI_FIELD_BUTTON,
    UI_FIELD_INFO,   /* read-only text, never focused */
};

/* Flags of text fields (several may be combined). */
enum ui_form_text_flags {
    UI_FORM_REQUIRED = 1 << 0,  /* empty (or only spaces) is refused */
    UI_FORM_DATE = 1 << 1,      /* "25/11/2026" or "2026-11-25" (civil_parse_date) */
    UI_FORM_TIME = 1 << 2,      /* "14:30", "14h30", "9h" (civil_parse_time) */
    UI_FORM_NUMBER = 1 << 3,    /* digits only, within [min, max] (ui_form_set_range) */
    UI_FORM_MULTILINE = 1 << 4, /* several lines: Enter is a new line (a note) */
};

enum ui_form_result {
    UI_FORM_CANCELLED = 0,
    UI_FORM_CONFIRMED = 1,
};

struct ui_form_hooks {
    /* Optional. Enter/F2 after the built-in checks passed. Return 0 to
     * close the form (done runs with UI_FORM_CONFIRMED), non-zero to keep
     * it open (set messages with ui_form_set_error first). */
    int (*validate)(struct ui_app *app, struct ui_form *form, void *ctx);
    /* Optional. A field's value changed (each key in a text field, each
     * choice or checkbox change): lets a caller update other fields. */
    void (*changed)(struct ui_app *app, struct ui_form *form, int field, void *ctx);
    /* Optional. Enter on a button field. May push a layer above the form
     * (a person search) whose result later fills a field. */
    void (*activate)(struct ui_app *app, struct ui_form *form, int field, void *ctx);
    /* Called once, after the form left the stack (so it may push another
     * layer), also when the program ends with the form open (cancelled,
     * with app->closing set: nothing can be pushed then). Values remain
     * readable during the call; the form is freed after it. It owns ctx. */
    void (*done)(struct ui_app *app, struct ui_form *form, enum ui_form_result result,
                 void *ctx);
    /* Optional. Enter/F2, together with the built-in checks (required,
     * dates, times, numbers, lengths): marks every field of the caller's
     * own rules that is wrong with ui_form_set_error, all at once, and
     * returns how many it marked. A person sees every error beside its
     * field after one Enter; validate runs only when nothing was marked. */
    int (*check)(struct ui_app *app, struct ui_form *form, void *ctx);
    /* Optional. The form is drawn and no key waits (the layer's idle,
     * app.h): read ahead what validate will need, so that Enter is quick
     * on a share. Must not write nor change the form. */
    void (*prepare)(struct ui_app *app, struct ui_form *form, void *ctx);
};

/* A new empty form; NULL if out of memory (done is then not called: the
 * caller still owns ctx). Labels are aligned on the widest one. */
struct ui_form *ui_form_new(const char *title, const struct ui_form_hooks *hooks, void *ctx);

/* Adding fields, in display order. Each returns the field's index (0, 1,
 * ...) or -1 when out of memory (the form then refuses to open: call
 * ui_form_free). Labels and choices are copied (translate them first). */
int ui_form_add_text(struct ui_form *f, const char *label, const char *initial,
                     size_t max_chars, unsigned flags);
int ui_form_add_choice(struct ui_form *f, const char *label, const char *const *choices,
                       size_t count, size_t selected);
int ui_form_add_check(struct ui_form *f, const char *label, int checked);
int ui_form_add_button(struct ui_form *f, const char *label, const char *value);
int ui_form_add_info(struct ui_form *f, const char *label, const char *value);

/* Number limits of a UI_FORM_NUMBER field (default 0 .. 1000000). */
void ui_form_set_range(struct ui_form *f, int field, long min, long max);
/* A hint shown in grey after a text field's label or under it ("dd/mm/yyyy"). */
void ui_form_set_hint(struct ui_form *f, int field, const char *hint);
/* The hint of every free-text note about a person: the person may ask to
 * read what the file holds about them, notes included. */
void ui_form_hint_readable(struct ui_form *f, int field);

/* Reading values (any time, also in done). */
const char *ui_form_text(const struct ui_form *f, int field); /* text, button, info */
size_t ui_form_choice(const struct ui_form *f, int field);    /* index of the choice */
int ui_form_checked(const struct ui_form *f, int field);
/* Parsed values of DATE/TIME/NUMBER fields; 0 on success, -1 if empty or bad. */
int ui_form_date(const struct ui_form *f, int field, struct civil_date *out);
int ui_form_time(const struct ui_form *f, int field, int *minute_out);
int ui_form_number(const struct ui_form *f, int field, long *out);

/* Changing values (from hooks): text of text/button/info fields, the
 * selected choice, a checkbox, and the choices themselves (copied; the
 * selection is clamped). */
void ui_form_set_text(struct ui_form *f, int field, const char *utf8);
void ui_form_set_choice(struct ui_form *f, int field, size_t selected);
void ui_form_set_checked(struct ui_form *f, int field, int checked);
int ui_form_set_choices(struct ui_form *f, int field, const char *const *choices,
                        size_t count, size_t selected);
/* Hides or shows a field (a hidden field is neither drawn nor focused). */
void ui_form_set_hidden(struct ui_form *f, int field, int hidden);

/* A message under `field` (-1: at the foot of the form), shown until the
 * field's value changes or the next confirm; NULL clears it. Copied. When
 * `field` >= 0 the cursor goes to it. */
void ui_form_set_error(struct ui_form *f, int field, const char *msg);
/* The message under `field` (-1: at the foot), or NULL when there is none. */
const char *ui_form_error(const struct ui_form *f, int field);
/* A neutral (not error) line at the foot of the form, e.g. a warning to
 * confirm; NULL clears it. */
void ui_form_set_note(struct ui_form *f, const char *msg);
/* Moves the cursor to a field. */
void ui_form_focus(struct ui_form *f, int field);
int ui_form_focused(const struct ui_form *f);

/* The layer to push (ui_app_push). Once pushed, the stack owns the form:
 * it is freed after done. The first call also records the values the
 * form starts with (what "changed" is compared with). */
struct ui_layer *ui_form_layer(struct ui_form *f);
/* 1 when a value differs from what the form started with (text of text
 * and button fields, choices, checkboxes; info lines do not count). */
int ui_form_changed(const struct ui_form *f);
/* 1 while the form asks whether to discard the changes (after Esc). */
int ui_form_asking_discard(const struct ui_form *f);
/* The form behind a layer made by ui_form_layer, or NULL for another layer. */
struct ui_form *ui_form_of_layer(struct ui_layer *layer);
/* Frees a form that was never pushed (done is not called). */
void ui_form_free(struct ui_form *f);

#endif
