/* form_keys.c - the keys of the form widget (form.h): moving the focus,
 * changing values, the choice list, the built-in checks run on confirm, the
 * "Discard your changes?" prompt on Esc, and the status line. */
#include "form.h"
#include "form_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../common/i18n.h"
#include "../model/search.h"
#include "../model/text.h"
#include "dialogs.h"
#include "draw.h"
#include "keys.h"
#include "safe_text.h"
#include "theme.h"

/* ---- checks ------------------------------------------------------------------ */

/* The built-in check of a text field: a translated message, or NULL. */
static const char *check_field(const struct ui_form *f, int i, char *buf, size_t size)
{
    const struct field *fd = &f->fields[i];
    if (fd->kind != UI_FIELD_TEXT || fd->hidden)
        return NULL;
    switch (text_validate(fd->edit.text, fd->edit.max_chars ? fd->edit.max_chars : SIZE_MAX,
                          (fd->flags & UI_FORM_REQUIRED) ? TEXT_REQUIRED : 0)) {
    case TEXT_OK: break;
    case TEXT_EMPTY: return _("Required.");
    case TEXT_TOO_LONG:
        snprintf(buf, size, _("Too long: at most %zu characters."), fd->edit.max_chars);
        return buf;
    case TEXT_BAD_UTF8:
    case TEXT_CONTROL_CHAR: return _("Control characters are not allowed.");
    }
    char t[64];
    ui_form_trimmed(fd->edit.text, t, sizeof t);
    if (!t[0])
        return NULL; /* empty and not required: nothing more to check */
    struct civil_date d;
    int minute;
    long n;
    if ((fd->flags & UI_FORM_DATE) && ui_form_date(f, i, &d) != 0)
        return _("Not a date: write dd/mm/yyyy, e.g. 25/11/2026.");
    if ((fd->flags & UI_FORM_TIME) && ui_form_time(f, i, &minute) != 0)
        return _("Not a time: write hh:mm, e.g. 14:30.");
    if (fd->flags & UI_FORM_NUMBER) {
        if (ui_form_number(f, i, &n) != 0 || n < fd->min || n > fd->max) {
            snprintf(buf, size, _("A whole number from %ld to %ld."), fd->min, fd->max);
            return buf;
        }
    }
    return NULL;
}

static void clear_errors(struct ui_form *f)
{
    for (int i = 0; i < f->count; i++)
        ui_form_set_str(&f->fields[i].error, NULL);
    ui_form_set_str(&f->foot_error, NULL);
}

static enum ui_result confirm(struct ui_app *app, struct ui_form *f)
{
    clear_errors(f);
    int first_bad = -1;
    for (int i = 0; i < f->count; i++) {
        char buf[128];
        const char *msg = check_field(f, i, buf, sizeof buf);
        if (msg) {
            ui_form_set_str(&f->fields[i].error, msg);
            if (first_bad < 0)
                first_bad = i;
        }
    }
    if (first_bad >= 0) {
        f->focus = first_bad;
        return UI_HANDLED;
    }
    if (f->hooks.validate && f->hooks.validate(app, f, f->ctx) != 0)
        return UI_HANDLED;
    f->result = UI_FORM_CONFIRMED;
    return UI_CLOSE;
}

/* A key refused because the field is full, or a value given to the field
 * cut to fit it (`was_cut`): say so under the field rather than dropping
 * text silently (cleared when the value changes). */
void ui_form_say_full(struct field *fd, int was_cut)
{
    char buf[160];
    size_t n = ui_edit_limit(&fd->edit);
    if (was_cut)
        snprintf(buf, sizeof buf,
                 ngettext("%zu character at most: the end was cut.",
                          "%zu characters at most: the end was cut.", n),
                 n);
    else
        snprintf(buf, sizeof buf,
                 ngettext("%zu character at most.", "%zu characters at most.", n), n);
    ui_form_set_str(&fd->error, buf);
}

static void value_changed(struct ui_app *app, struct ui_form *f, int i)
{
    ui_form_set_str(&f->fields[i].error, NULL);
    if (f->hooks.changed)
        f->hooks.changed(app, f, i, f->ctx);
}

/* ---- choices ------------------------------------------------------------------ */

/* First letter of a text, folded ("É" -> 'e'), or 0. */
static char folded_initial(const char *s)
{
    char key[SEARCH_KEY_LEN];
    if (search_fold(s, key, sizeof key) < 0 && !key[0])
        return 0;
    return key[0];
}

/* The next choice (after the selected one, wrapping) whose first letter is
 * the key's, ignoring case and accents; -1 if none. */
static long choice_by_letter(const struct field *fd, int key)
{
    char enc[5];
    size_t n = ui_edit_encode(key, enc);
    enc[n] = '\0';
    char want = folded_initial(enc);
    if (!want || fd->choice_count == 0)
        return -1;
    for (size_t step = 1; step <= fd->choice_count; step++) {
        size_t i = (fd->selected + step) % fd->choice_count;
        if (folded_initial(fd->choices[i]) == want)
            return (long)i;
    }
    return -1;
}

struct choice_list_ctx {
    struct ui_form *form;
    int field;
};

static void choice_list_done(struct ui_app *app, void *ctx, long chosen)
{
    struct choice_list_ctx *c = ctx;
    /* app is NULL when the list could not be made; the form is below the
     * list on the stack, so it is still alive when the list closes. */
    if (app && !app->closing && chosen >= 0 && c->form) {
        struct field *fd = &c->form->fields[c->field];
        if ((size_t)chosen < fd->choice_count && (size_t)chosen != fd->selected) {
            fd->selected = (size_t)chosen;
            value_changed(app, c->form, c->field);
        }
    }
    free(c);
}

static void open_choice_list(struct ui_app *app, struct ui_form *f, int i)
{
    struct field *fd = &f->fields[i];
    if (!app || fd->choice_count == 0)
        return;
    struct choice_list_ctx *c = malloc(sizeof *c);
    if (!c)
        return;
    c->form = f;
    c->field = i;
    struct ui_layer *l = ui_list_new(fd->label, (const char *const *)fd->choices,
                                     fd->choice_count, fd->selected, choice_list_done, c);
    if (l)
        ui_app_push(app, l);
}

/* ---- keys ---------------------------------------------------------------------- */

static int is_enter(int key)
{
    return key == '\r' || key == '\n' || key == UI_KEY_CURSES(KEY_ENTER);
}

static void move_focus(struct ui_form *f, int dir)
{
    if (f->focus < 0)
        return;
    int n = ui_form_next_focusable(f, f->focus, dir);
    if (n >= 0)
        f->focus = n;
}

static void activate(struct ui_app *app, struct ui_form *f, int i)
{
    if (f->hooks.activate)
        f->hooks.activate(app, f, i, f->ctx);
}

enum ui_result ui_form_on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                              int key)
{
    struct ui_form *f = (struct ui_form *)self;
    ui_form_record_start(f); /* a form driven without ui_form_layer */
    if (key == ui_key_for_fkey(1) || action == UI_ACT_REDRAW)
        return UI_IGNORED; /* help, redraw: the event loop's */
    int back = key == UI_KEY_ESC || key == ui_key_for_fkey(10);
    if (f->asking_discard) {
        /* Only Enter discards; Esc goes back to the form as it was, and
         * any other key is swallowed: the question waits for an answer. */
        if (is_enter(key)) {
            f->result = UI_FORM_CANCELLED;
            return UI_CLOSE;
        }
        if (back)
            f->asking_discard = 0;
        return UI_HANDLED;
    }
    if (back) {
        if (ui_form_changed(f)) {
            f->asking_discard = 1;
            return UI_HANDLED;
        }
        f->result = UI_FORM_CANCELLED;
        return UI_CLOSE;
    }
    if (key == ui_key_for_fkey(2))
        return confirm(app, f);
    if (key == '\t' || key == UI_KEY_CURSES(KEY_DOWN)) {
        move_focus(f, 1);
        return UI_HANDLED;
    }
    if (key == UI_KEY_CURSES(KEY_BTAB) || key == UI_KEY_CURSES(KEY_UP)) {
        move_focus(f, -1);
        return UI_HANDLED;
    }
    if (f->focus < 0)
        return is_enter(key) ? confirm(app, f) : UI_HANDLED;
    int i = f->focus;
    struct field *fd = &f->fields[i];
    if (is_enter(key)) {
        if (fd->kind == UI_FIELD_BUTTON) {
            activate(app, f, i);
            return UI_HANDLED;
        }
        return confirm(app, f);
    }
    int changed = 0;
    long pick;
    switch (fd->kind) {
    case UI_FIELD_TEXT:
        if (ui_edit_key(&fd->edit, key, &changed) && changed)
            value_changed(app, f, i);
        else if (!changed && key >= 0x20 && key < UI_KEY_CURSES_BASE && key != 0x7F &&
                 !ui_edit_fits(&fd->edit, key))
            ui_form_say_full(fd, 0);
        break;
    case UI_FIELD_CHOICE:
        if (fd->choice_count == 0)
            break;
        if (key == UI_KEY_CURSES(KEY_RIGHT)) {
            fd->selected = (fd->selected + 1) % fd->choice_count;
            value_changed(app, f, i);
        } else if (key == UI_KEY_CURSES(KEY_LEFT)) {
            fd->selected = (fd->selected + fd->choice_count - 1) % fd->choice_count;
            value_changed(app, f, i);
        } else if (key == ' ' || key == UI_KEY_CURSES(KEY_IC)) {
            open_choice_list(app, f, i);
        } else if (key == UI_KEY_CURSES(KEY_HOME) || key == UI_KEY_CURSES(KEY_END)) {
            size_t want = key == UI_KEY_CURSES(KEY_HOME) ? 0 : fd->choice_count - 1;
            if (want != fd->selected) {
                fd->selected = want;
                value_changed(app, f, i);
            }
        } else if (key > ' ' && key < UI_KEY_CURSES_BASE && (pick = choice_by_letter(fd, key)) >= 0
                   && (size_t)pick != fd->selected) {
            fd->selected = (size_t)pick;
            value_changed(app, f, i);
        }
        break;
    case UI_FIELD_CHECK:
        if (key == ' ' || key == 'x' || key == 'X') {
            fd->checked = !fd->checked;
            value_changed(app, f, i);
        }
        break;
    case UI_FIELD_BUTTON:
        if (key == ' ')
            activate(app, f, i);
        break;
    case UI_FIELD_INFO:
        break;
    }
    /* Every other key is swallowed: a letter in a form must never act on
     * the day view below it. */
    return UI_HANDLED;
}

const char *ui_form_discard_question(void)
{
    return _("Discard your changes? (Enter: discard · Esc: keep editing)");
}

void ui_form_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    struct ui_form *f = (struct ui_form *)self;
    if (f->asking_discard) {
        snprintf(buf, size, "%s", ui_form_discard_question());
        return;
    }
    const char *what = "";
    const char *hint = "";
    if (f->focus >= 0) {
        const struct field *fd = &f->fields[f->focus];
        hint = fd->hint ? fd->hint : "";
        switch (fd->kind) {
        case UI_FIELD_CHOICE: what = _("Left/Right or a letter: change, Space: list"); break;
        case UI_FIELD_CHECK: what = _("Space: tick or untick"); break;
        case UI_FIELD_BUTTON: what = _("Enter: choose"); break;
        default: break;
        }
    }
    snprintf(buf, size, "%s%s%s%s%s", hint, hint[0] ? " · " : "", what, what[0] ? " · " : "",
             _("Enter/F2: confirm · Esc: back · Tab: next field"));
}
