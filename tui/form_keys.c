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
#include "../common/safe_text.h"
#include "theme.h"

/* ---- checks ------------------------------------------------------------------ */

/* The built-in check of a text field: a translated message, or NULL. */
static const char *check_field(const struct ui_form *f, int i, char *buf, size_t size)
{
    const struct field *fd = &f->fields[i];
    if (fd->kind != UI_FIELD_TEXT || fd->hidden)
        return NULL;
    switch (text_validate(fd->edit.text, fd->edit.max_chars ? fd->edit.max_chars : SIZE_MAX,
                          ((fd->flags & UI_FORM_REQUIRED) ? TEXT_REQUIRED : 0) |
                              (fd->edit.multiline ? TEXT_MULTILINE : 0))) {
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
    /* The caller's own rules at the same time: every error on one Enter. */
    int marked = f->hooks.check ? f->hooks.check(app, f, f->ctx) : 0;
    if (marked > 0 || first_bad >= 0) {
        for (int i = 0; i < f->count; i++)
            if (f->fields[i].error) {
                f->focus = i; /* the first wrong field, whoever found it */
                break;
            }
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

static void move_focus(struct ui_form *f, int dir);

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
        if ((size_t)chosen < fd->choice_count && c->form->focus == c->field)
            move_focus(c->form, 1); /* chosen: on to the next field */
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

void ui_form_note_focus(struct ui_form *f)
{
    if (f->focus == f->last_focus)
        return;
    f->last_focus = f->focus;
    f->fresh = -1;
    if (f->focus < 0)
        return;
    const struct field *fd = &f->fields[f->focus];
    /* A note is added to rather than replaced: its cursor goes to the end. */
    if (fd->kind == UI_FIELD_TEXT && fd->edit.len > 0 && !fd->edit.multiline)
        f->fresh = f->focus;
}

int ui_form_typing(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct ui_form *f = (struct ui_form *)self;
    return !f->asking_discard && f->focus >= 0 && f->fields[f->focus].kind == UI_FIELD_TEXT;
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

static int is_printable(int key)
{
    return key >= 0x20 && key < UI_KEY_CURSES_BASE && key != 0x7F;
}

/* A key in a text field: editing keys and text. A number field takes
 * digits only; the first character typed on a filled field replaces it. */
static void text_key(struct ui_app *app, struct ui_form *f, int i, int key)
{
    struct field *fd = &f->fields[i];
    if ((fd->flags & UI_FORM_NUMBER) && is_printable(key) && !(key >= '0' && key <= '9')) {
        ui_form_set_str(&fd->error, _("Digits only."));
        return;
    }
    int changed = 0;
    if (f->fresh == i && is_printable(key)) {
        changed = ui_edit_clear(&fd->edit);
    }
    f->fresh = -1;
    int c2 = 0;
    if (ui_edit_key(&fd->edit, key, &c2) && (c2 || changed))
        value_changed(app, f, i);
    else if (changed)
        value_changed(app, f, i);
    else if (!c2 && is_printable(key) && !ui_edit_fits(&fd->edit, key))
        ui_form_say_full(fd, 0);
}

/* Left/Right on a choice: the next or previous choice, then the cursor
 * goes on to the next field (what was chosen is what the person meant;
 * Up comes back). */
static void choice_step(struct ui_app *app, struct ui_form *f, int i, int dir)
{
    struct field *fd = &f->fields[i];
    if (fd->choice_count == 0)
        return;
    fd->selected = (fd->selected + fd->choice_count + (size_t)(dir > 0 ? 1 : fd->choice_count - 1)) %
                   fd->choice_count;
    value_changed(app, f, i);
    move_focus(f, 1);
}

enum ui_result ui_form_on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                              int key)
{
    struct ui_form *f = (struct ui_form *)self;
    ui_form_record_start(f); /* a form driven without ui_form_layer */
    ui_form_note_focus(f);
    if (action == UI_ACT_HELP || action == UI_ACT_REDRAW)
        return UI_IGNORED; /* help, redraw: the event loop's */
    if (f->asking_discard) {
        /* Only Enter discards; Esc goes back to the form as it was, and
         * any other key is swallowed: the question waits for an answer. */
        if (action == UI_ACT_CONFIRM) {
            f->result = UI_FORM_CANCELLED;
            return UI_CLOSE;
        }
        if (action == UI_ACT_QUIT) {
            f->asking_discard = 0;
            f->layer.keys = &ui_keys_form;
        }
        return UI_HANDLED;
    }
    if (action == UI_ACT_QUIT) {
        if (ui_form_changed(f)) {
            f->asking_discard = 1;
            f->layer.keys = &ui_keys_discard;
            return UI_HANDLED;
        }
        f->result = UI_FORM_CANCELLED;
        return UI_CLOSE;
    }
    if (action == UI_ACT_NEXT_FIELD || action == UI_ACT_PREV_FIELD) {
        move_focus(f, action == UI_ACT_NEXT_FIELD ? 1 : -1);
        ui_form_note_focus(f);
        return UI_HANDLED;
    }
    if (f->focus < 0)
        return action == UI_ACT_CONFIRM ? confirm(app, f) : UI_HANDLED;
    int i = f->focus;
    struct field *fd = &f->fields[i];
    if (action == UI_ACT_CONFIRM) {
        if (is_enter(key) && fd->kind == UI_FIELD_BUTTON) {
            activate(app, f, i);
            return UI_HANDLED;
        }
        if (is_enter(key) && fd->kind == UI_FIELD_TEXT && fd->edit.multiline &&
            fd->edit.len > 0) {
            /* A note being written: Enter is a new line (F2 confirms). An
             * empty note lets Enter confirm, as in every other field. */
            f->fresh = -1;
            if (ui_edit_insert(&fd->edit, '\n') == 0)
                value_changed(app, f, i);
            else
                ui_form_say_full(fd, 0);
            return UI_HANDLED;
        }
        enum ui_result r = confirm(app, f);
        ui_form_note_focus(f);
        return r;
    }
    switch (fd->kind) {
    case UI_FIELD_TEXT:
        if (action == UI_ACT_TEXT || action == UI_ACT_NONE)
            text_key(app, f, i, key);
        break;
    case UI_FIELD_CHOICE:
        if (action == UI_ACT_TEXT && key == UI_KEY_CURSES(KEY_RIGHT))
            choice_step(app, f, i, 1);
        else if (action == UI_ACT_TEXT && key == UI_KEY_CURSES(KEY_LEFT))
            choice_step(app, f, i, -1);
        else if (action == UI_ACT_CHOOSE)
            open_choice_list(app, f, i);
        break;
    case UI_FIELD_CHECK:
        if (action == UI_ACT_CHOOSE) {
            fd->checked = !fd->checked;
            value_changed(app, f, i);
        }
        break;
    case UI_FIELD_BUTTON:
        if (action == UI_ACT_CHOOSE)
            activate(app, f, i);
        break;
    case UI_FIELD_INFO:
        break;
    }
    ui_form_note_focus(f);
    /* Every other key is swallowed: a letter in a form must never act on
     * the screen below it. */
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
        case UI_FIELD_CHOICE: what = _("Left/Right: change · Space: list"); break;
        case UI_FIELD_CHECK: what = _("Space: tick or untick"); break;
        case UI_FIELD_BUTTON: what = _("Enter: choose"); break;
        case UI_FIELD_TEXT:
            if (fd->edit.multiline && fd->edit.len > 0)
                what = _("Enter: new line");
            else if (f->fresh == f->focus)
                what = _("typing replaces · ^U: clear");
            break;
        default: break;
        }
    }
    snprintf(buf, size, "%s%s%s%s%s", hint, hint[0] ? " · " : "", what, what[0] ? " · " : "",
             _("F2: confirm · Esc: back · Tab: next"));
}
