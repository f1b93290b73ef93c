/* form.c - the form widget (see form.h): the fields and their checks, the
 * keys, and the drawing of the form as a dialog layer (the editing of one
 * line of text, struct ui_edit, is in form_edit.c).
 *
 * The form never waits for a key itself: it is a layer of the event loop
 * (app.h), so resize, the idle poll of other desks' changes and a vanished
 * terminal are handled for it like for every other screen. */
#include "form.h"

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

/* ---- the form's data ------------------------------------------------------ */

struct field {
    enum ui_form_field_kind kind;
    char *label;
    struct ui_edit edit;      /* text, button and info values */
    unsigned flags;           /* enum ui_form_text_flags */
    long min, max;            /* UI_FORM_NUMBER */
    char **choices;
    size_t choice_count;
    size_t selected;
    int checked;
    char *hint;
    char *error;
    int hidden;
    size_t hscroll;           /* first character shown (text fields) */
    /* The value when the form was pushed (ui_form_changed). */
    char *start_text;
    size_t start_selected;
    int start_checked;
};

struct ui_form {
    struct ui_layer layer;    /* first: the layer pointer is the form pointer */
    WINDOW *win;
    char *title;
    struct field *fields;
    int count, cap;
    int focus;                /* -1 when nothing can take the focus */
    int top;                  /* first content line shown */
    char *foot_error;
    char *note;
    struct ui_form_hooks hooks;
    void *ctx;
    enum ui_form_result result;
    int started;              /* the start values are recorded */
    int asking_discard;       /* Esc on a changed form: "Discard...?" */
};

static char *dup_str(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

static void set_str(char **slot, const char *s)
{
    free(*slot);
    *slot = s ? dup_str(s) : NULL;
}

static int valid_field(const struct ui_form *f, int i)
{
    return f && i >= 0 && i < f->count;
}

static int focusable(const struct field *fd)
{
    return !fd->hidden && fd->kind != UI_FIELD_INFO;
}

static struct field *add_field(struct ui_form *f, enum ui_form_field_kind kind,
                               const char *label)
{
    if (!f)
        return NULL;
    if (f->count == f->cap) {
        int cap = f->cap ? f->cap * 2 : 8;
        struct field *nf = realloc(f->fields, (size_t)cap * sizeof *nf);
        if (!nf)
            return NULL;
        f->fields = nf;
        f->cap = cap;
    }
    struct field *fd = &f->fields[f->count];
    memset(fd, 0, sizeof *fd);
    fd->kind = kind;
    fd->max = 1000000;
    fd->label = dup_str(label);
    if (!fd->label)
        return NULL;
    f->count++;
    if (f->focus < 0 && focusable(fd))
        f->focus = f->count - 1;
    return fd;
}

static void free_choices(struct field *fd)
{
    for (size_t i = 0; i < fd->choice_count; i++)
        free(fd->choices[i]);
    free(fd->choices);
    fd->choices = NULL;
    fd->choice_count = 0;
}

static int copy_choices(struct field *fd, const char *const *choices, size_t count)
{
    char **c = count ? calloc(count, sizeof *c) : NULL;
    if (count && !c)
        return -1;
    for (size_t i = 0; i < count; i++) {
        c[i] = dup_str(choices[i]);
        if (!c[i]) {
            for (size_t j = 0; j < i; j++)
                free(c[j]);
            free(c);
            return -1;
        }
    }
    free_choices(fd);
    fd->choices = c;
    fd->choice_count = count;
    return 0;
}

/* ---- public: building ------------------------------------------------------ */

static void draw(struct ui_app *app, struct ui_layer *self);
static enum ui_result on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                             int key);
static void status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size);
static void destroy(struct ui_app *app, struct ui_layer *self);

struct ui_form *ui_form_new(const char *title, const struct ui_form_hooks *hooks, void *ctx)
{
    struct ui_form *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->title = dup_str(title);
    if (!f->title) {
        free(f);
        return NULL;
    }
    f->layer.draw = draw;
    f->layer.on_key = on_key;
    f->layer.status = status;
    f->layer.destroy = destroy;
    f->focus = -1;
    if (hooks)
        f->hooks = *hooks;
    f->ctx = ctx;
    f->result = UI_FORM_CANCELLED;
    return f;
}

static void say_full(struct field *fd, int was_cut);

/* Sets a text field's value; a value longer than the field allows (a note
 * written at the command line) is cut, and the field says so rather than
 * losing the end silently. */
static void set_text_value(struct field *fd, const char *utf8, size_t max_chars)
{
    ui_edit_set(&fd->edit, utf8, max_chars);
    if (fd->kind != UI_FIELD_TEXT || !utf8)
        return;
    static struct ui_edit whole; /* the same text without the limit */
    ui_edit_set(&whole, utf8, 0);
    if (whole.len > fd->edit.len)
        say_full(fd, 1);
}

int ui_form_add_text(struct ui_form *f, const char *label, const char *initial,
                     size_t max_chars, unsigned flags)
{
    struct field *fd = add_field(f, UI_FIELD_TEXT, label);
    if (!fd)
        return -1;
    fd->flags = flags;
    set_text_value(fd, initial, max_chars);
    return f->count - 1;
}

int ui_form_add_choice(struct ui_form *f, const char *label, const char *const *choices,
                       size_t count, size_t selected)
{
    struct field *fd = add_field(f, UI_FIELD_CHOICE, label);
    if (!fd)
        return -1;
    if (copy_choices(fd, choices, count) != 0)
        return -1;
    fd->selected = selected < count ? selected : 0;
    return f->count - 1;
}

int ui_form_add_check(struct ui_form *f, const char *label, int checked)
{
    struct field *fd = add_field(f, UI_FIELD_CHECK, label);
    if (!fd)
        return -1;
    fd->checked = checked != 0;
    return f->count - 1;
}

int ui_form_add_button(struct ui_form *f, const char *label, const char *value)
{
    struct field *fd = add_field(f, UI_FIELD_BUTTON, label);
    if (!fd)
        return -1;
    ui_edit_set(&fd->edit, value, 0);
    return f->count - 1;
}

int ui_form_add_info(struct ui_form *f, const char *label, const char *value)
{
    struct field *fd = add_field(f, UI_FIELD_INFO, label);
    if (!fd)
        return -1;
    ui_edit_set(&fd->edit, value, 0);
    return f->count - 1;
}

void ui_form_set_range(struct ui_form *f, int field, long min, long max)
{
    if (!valid_field(f, field))
        return;
    f->fields[field].min = min;
    f->fields[field].max = max;
}

void ui_form_set_hint(struct ui_form *f, int field, const char *hint)
{
    if (valid_field(f, field))
        set_str(&f->fields[field].hint, hint);
}

/* ---- public: values ----------------------------------------------------------- */

const char *ui_form_text(const struct ui_form *f, int field)
{
    return valid_field(f, field) ? f->fields[field].edit.text : "";
}

size_t ui_form_choice(const struct ui_form *f, int field)
{
    return valid_field(f, field) ? f->fields[field].selected : 0;
}

int ui_form_checked(const struct ui_form *f, int field)
{
    return valid_field(f, field) ? f->fields[field].checked : 0;
}

/* The text without surrounding spaces, into buf. */
static const char *trimmed(const char *s, char *buf, size_t size)
{
    while (*s == ' ')
        s++;
    snprintf(buf, size, "%s", s);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == ' ')
        buf[--n] = '\0';
    return buf;
}

int ui_form_date(const struct ui_form *f, int field, struct civil_date *out)
{
    char buf[64];
    if (!valid_field(f, field))
        return -1;
    trimmed(f->fields[field].edit.text, buf, sizeof buf);
    return buf[0] && civil_parse_date(buf, out) == 0 ? 0 : -1;
}

int ui_form_time(const struct ui_form *f, int field, int *minute_out)
{
    char buf[64];
    if (!valid_field(f, field))
        return -1;
    trimmed(f->fields[field].edit.text, buf, sizeof buf);
    return buf[0] && civil_parse_time(buf, minute_out) == 0 ? 0 : -1;
}

int ui_form_number(const struct ui_form *f, int field, long *out)
{
    char buf[64];
    if (!valid_field(f, field))
        return -1;
    trimmed(f->fields[field].edit.text, buf, sizeof buf);
    if (!buf[0] || strlen(buf) > 9)
        return -1;
    long v = 0;
    for (const char *p = buf; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return 0;
}

void ui_form_set_text(struct ui_form *f, int field, const char *utf8)
{
    if (!valid_field(f, field))
        return;
    struct field *fd = &f->fields[field];
    set_str(&fd->error, NULL);
    set_text_value(fd, utf8, fd->edit.max_chars);
    fd->hscroll = 0;
}

void ui_form_set_choice(struct ui_form *f, int field, size_t selected)
{
    if (!valid_field(f, field))
        return;
    struct field *fd = &f->fields[field];
    if (selected < fd->choice_count)
        fd->selected = selected;
}

void ui_form_set_checked(struct ui_form *f, int field, int checked)
{
    if (valid_field(f, field))
        f->fields[field].checked = checked != 0;
}

int ui_form_set_choices(struct ui_form *f, int field, const char *const *choices,
                        size_t count, size_t selected)
{
    if (!valid_field(f, field))
        return -1;
    struct field *fd = &f->fields[field];
    if (copy_choices(fd, choices, count) != 0)
        return -1;
    fd->selected = selected < count ? selected : 0;
    return 0;
}

/* The next focusable field from `from` in direction `dir` (wrapping), or
 * -1 when there is none. */
static int next_focusable(const struct ui_form *f, int from, int dir)
{
    for (int step = 1; step <= f->count; step++) {
        int i = ((from + dir * step) % f->count + f->count) % f->count;
        if (focusable(&f->fields[i]))
            return i;
    }
    return -1;
}

void ui_form_set_hidden(struct ui_form *f, int field, int hidden)
{
    if (!valid_field(f, field))
        return;
    f->fields[field].hidden = hidden != 0;
    if (hidden && f->focus == field)
        f->focus = next_focusable(f, field, 1);
    if (!hidden && f->focus < 0 && focusable(&f->fields[field]))
        f->focus = field;
}

void ui_form_set_error(struct ui_form *f, int field, const char *msg)
{
    if (!f)
        return;
    if (field < 0) {
        set_str(&f->foot_error, msg);
        return;
    }
    if (!valid_field(f, field))
        return;
    set_str(&f->fields[field].error, msg);
    if (msg && focusable(&f->fields[field]))
        f->focus = field;
}

const char *ui_form_error(const struct ui_form *f, int field)
{
    if (!f)
        return NULL;
    if (field < 0)
        return f->foot_error;
    return valid_field(f, field) ? f->fields[field].error : NULL;
}

void ui_form_set_note(struct ui_form *f, const char *msg)
{
    if (f)
        set_str(&f->note, msg);
}

void ui_form_focus(struct ui_form *f, int field)
{
    if (valid_field(f, field) && focusable(&f->fields[field]))
        f->focus = field;
}

int ui_form_focused(const struct ui_form *f)
{
    return f ? f->focus : -1;
}

/* Records the values the form starts with, once. */
static void record_start(struct ui_form *f)
{
    if (f->started)
        return;
    f->started = 1;
    for (int i = 0; i < f->count; i++) {
        struct field *fd = &f->fields[i];
        set_str(&fd->start_text, fd->edit.text);
        fd->start_selected = fd->selected;
        fd->start_checked = fd->checked;
    }
}

struct ui_layer *ui_form_layer(struct ui_form *f)
{
    if (!f)
        return NULL;
    record_start(f);
    return &f->layer;
}

int ui_form_changed(const struct ui_form *f)
{
    if (!f || !f->started)
        return 0;
    for (int i = 0; i < f->count; i++) {
        const struct field *fd = &f->fields[i];
        switch (fd->kind) {
        case UI_FIELD_TEXT:
        case UI_FIELD_BUTTON:
            if (strcmp(fd->edit.text, fd->start_text ? fd->start_text : "") != 0)
                return 1;
            break;
        case UI_FIELD_CHOICE:
            if (fd->selected != fd->start_selected)
                return 1;
            break;
        case UI_FIELD_CHECK:
            if (fd->checked != fd->start_checked)
                return 1;
            break;
        case UI_FIELD_INFO:
            break;
        }
    }
    return 0;
}

int ui_form_asking_discard(const struct ui_form *f)
{
    return f ? f->asking_discard : 0;
}

struct ui_form *ui_form_of_layer(struct ui_layer *layer)
{
    if (!layer || layer->draw != draw)
        return NULL;
    return (struct ui_form *)layer;
}

void ui_form_free(struct ui_form *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->count; i++) {
        struct field *fd = &f->fields[i];
        free(fd->label);
        free(fd->hint);
        free(fd->error);
        free(fd->start_text);
        free_choices(fd);
    }
    free(f->fields);
    free(f->title);
    free(f->foot_error);
    free(f->note);
    if (f->win)
        delwin(f->win);
    free(f);
}

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
    trimmed(fd->edit.text, t, sizeof t);
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
        set_str(&f->fields[i].error, NULL);
    set_str(&f->foot_error, NULL);
}

static enum ui_result confirm(struct ui_app *app, struct ui_form *f)
{
    clear_errors(f);
    int first_bad = -1;
    for (int i = 0; i < f->count; i++) {
        char buf[128];
        const char *msg = check_field(f, i, buf, sizeof buf);
        if (msg) {
            set_str(&f->fields[i].error, msg);
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
static void say_full(struct field *fd, int was_cut)
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
    set_str(&fd->error, buf);
}

static void value_changed(struct ui_app *app, struct ui_form *f, int i)
{
    set_str(&f->fields[i].error, NULL);
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
    int n = next_focusable(f, f->focus, dir);
    if (n >= 0)
        f->focus = n;
}

static void activate(struct ui_app *app, struct ui_form *f, int i)
{
    if (f->hooks.activate)
        f->hooks.activate(app, f, i, f->ctx);
}

static enum ui_result on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                             int key)
{
    struct ui_form *f = (struct ui_form *)self;
    record_start(f); /* a form driven without ui_form_layer */
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
            say_full(fd, 0);
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

static const char *discard_question(void)
{
    return _("Discard your changes? (Enter: discard · Esc: keep editing)");
}

static void status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    struct ui_form *f = (struct ui_form *)self;
    if (f->asking_discard) {
        snprintf(buf, size, "%s", discard_question());
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

/* ---- drawing --------------------------------------------------------------------- */

enum line_kind {
    LINE_BLANK, LINE_FIELD, LINE_ERROR, LINE_NOTE, LINE_FOOT_ERROR, LINE_ASK, LINE_KEYS
};

struct line {
    enum line_kind kind;
    int field;            /* LINE_FIELD, LINE_ERROR */
    size_t from, count;   /* LINE_NOTE, LINE_FOOT_ERROR, LINE_ASK: a wrapped piece */
};

enum { NOTE_CAP = 1024, MAX_LINES = 512 };

/* Appends the wrapped lines of `text` (decoded into w) to lines[]. */
static int wrap_lines(struct line *lines, int n, enum line_kind kind, const wchar_t *w, int width)
{
    size_t pos = 0, len = wcslen(w);
    while (pos < len && n < MAX_LINES) {
        size_t k = ui_text_wrap(w + pos, width);
        lines[n].kind = kind;
        lines[n].field = -1;
        lines[n].from = pos;
        lines[n].count = k;
        n++;
        pos += k;
        while (pos < len && w[pos] == L' ')
            pos++;
    }
    return n;
}

void ui_edit_draw(WINDOW *w, int y, int x, int width, const struct ui_edit *e, size_t *hscroll,
                  int focused)
{
    static wchar_t wide[UI_EDIT_MAX_BYTES + 1];
    ui_text_decode(e->text, wide, UI_EDIT_MAX_BYTES + 1, ui_draw_text_flags());
    size_t len = wcslen(wide);
    size_t cur = ui_edit_cursor_chars(e);
    if (cur > len)
        cur = len;
    attr_t base = ui_theme_attr(THEME_DIALOG) | A_UNDERLINE | (focused ? A_BOLD : 0);
    ui_draw_fill(w, y, x, width, L" ", base);
    if (width < 2)
        return;
    /* Scroll so that the cursor (one column after the text at the end) is
     * visible. */
    if (*hscroll > cur)
        *hscroll = cur;
    for (;;) {
        int cols = 1; /* the cursor cell */
        for (size_t k = *hscroll; k < cur; k++) {
            int cw = wcwidth(wide[k]);
            cols += cw > 0 ? cw : 0;
        }
        if (cols <= width || *hscroll >= cur)
            break;
        (*hscroll)++;
    }
    int col = 0;
    int cursor_x = x;
    for (size_t k = *hscroll; k <= len; k++) {
        if (k == cur)
            cursor_x = x + col;
        if (k == len)
            break;
        int cw = wcwidth(wide[k]);
        if (cw < 0)
            cw = 0;
        if (col + cw > width)
            break;
        wchar_t one[2] = {wide[k], L'\0'};
        attr_t a = base;
        if (focused && k == cur)
            a |= A_REVERSE;
        ui_draw_wstr(w, y, x + col, cw ? cw : 1, one, a, 0);
        col += cw;
    }
    if (focused && cur == len && cursor_x < x + width)
        ui_draw_wstr(w, y, cursor_x, 1, L" ", base | A_REVERSE, 0);
    if (focused)
        wmove(w, y, cursor_x < x + width ? cursor_x : x + width - 1);
}

static void draw_value(WINDOW *w, int y, int x, int width, struct field *fd, int focused)
{
    attr_t normal = ui_theme_attr(THEME_DIALOG);
    attr_t cursor = ui_theme_attr(THEME_CURSOR);
    int ascii = ui_draw_ascii_lines();
    char buf[UI_EDIT_MAX_BYTES + 16];
    switch (fd->kind) {
    case UI_FIELD_TEXT:
        ui_edit_draw(w, y, x, width, &fd->edit, &fd->hscroll, focused);
        return;
    case UI_FIELD_CHOICE: {
        const char *v = fd->choice_count ? fd->choices[fd->selected] : "";
        snprintf(buf, sizeof buf, "%s %s %s", ascii ? "<" : "\u2039", v, ascii ? ">" : "\u203a");
        ui_draw_str(w, y, x, width, buf, focused ? cursor : normal, UI_DRAW_PAD);
        return;
    }
    case UI_FIELD_CHECK:
        ui_draw_str(w, y, x, width, fd->checked ? "[x]" : "[ ]", focused ? cursor : normal, 0);
        return;
    case UI_FIELD_BUTTON:
        snprintf(buf, sizeof buf, "[ %s ]", fd->edit.text);
        ui_draw_str(w, y, x, width, buf, focused ? cursor : normal | A_BOLD, 0);
        return;
    case UI_FIELD_INFO:
        ui_draw_str(w, y, x, width, fd->edit.text, normal, 0);
        return;
    }
}

static void draw(struct ui_app *app, struct ui_layer *self)
{
    struct ui_form *f = (struct ui_form *)self;
    unsigned tf = ui_draw_text_flags();
    int label_w = 0;
    for (int i = 0; i < f->count; i++) {
        wchar_t lw[128];
        int wdt = ui_text_prepare(f->fields[i].label, 28, tf, lw, 128);
        if (wdt > label_w)
            label_w = wdt;
    }
    int cols = label_w + 6 + 46;
    if (cols < 56)
        cols = 56;
    if (cols > COLS - 4)
        cols = COLS - 4;
    int inner = cols - 4;
    int value_x = 2 + label_w + 2;
    int value_w = cols - value_x - 2;
    if (value_w < 8) { /* very narrow: labels shrink */
        value_w = 8;
        value_x = cols - 2 - value_w;
    }

    /* The content, line by line. */
    static struct line lines[MAX_LINES];
    static wchar_t note[NOTE_CAP], foot[NOTE_CAP], ask[NOTE_CAP];
    int n = 0, focus_line = 0;
    lines[n++].kind = LINE_BLANK;
    for (int i = 0; i < f->count && n < MAX_LINES - 8; i++) {
        if (f->fields[i].hidden)
            continue;
        if (i == f->focus)
            focus_line = n;
        lines[n].kind = LINE_FIELD;
        lines[n++].field = i;
        if (f->fields[i].error) {
            lines[n].kind = LINE_ERROR;
            lines[n++].field = i;
        }
    }
    note[0] = foot[0] = L'\0';
    if (f->note || f->foot_error)
        lines[n++].kind = LINE_BLANK;
    if (f->note) {
        ui_text_decode(f->note, note, NOTE_CAP, tf);
        n = wrap_lines(lines, n, LINE_NOTE, note, inner);
    }
    if (f->foot_error) {
        ui_text_decode(f->foot_error, foot, NOTE_CAP, tf);
        n = wrap_lines(lines, n, LINE_FOOT_ERROR, foot, inner);
    }
    if (n < MAX_LINES)
        lines[n++].kind = LINE_BLANK;
    /* The keys, or the question after Esc on a changed form (wrapped: it
     * is longer than a narrow form in French). */
    if (f->asking_discard) {
        ui_text_decode(discard_question(), ask, NOTE_CAP, tf);
        n = wrap_lines(lines, n, LINE_ASK, ask, inner);
    } else if (n < MAX_LINES) {
        lines[n++].kind = LINE_KEYS;
    }

    WINDOW *w = ui_dialog_window(&f->win, n + 2, cols, f->title);
    if (!w)
        return;
    int rows, wcols;
    getmaxyx(w, rows, wcols);
    (void)wcols;
    int height = rows - 2;
    /* Keep the focused field and its message visible; show the foot (keys,
     * messages) whenever it fits. */
    int want_bottom = focus_line + 1 < n && lines[focus_line + 1].kind == LINE_ERROR
                          ? focus_line + 1
                          : focus_line;
    if (f->asking_discard)
        want_bottom = n - 1; /* the question must be seen */
    if (f->top > focus_line)
        f->top = focus_line;
    if (want_bottom >= f->top + height)
        f->top = want_bottom - height + 1;
    if (f->top > n - height)
        f->top = n - height;
    if (f->top < 0)
        f->top = 0;

    attr_t normal = ui_theme_attr(THEME_DIALOG);
    attr_t error = ui_theme_attr(THEME_ERROR);
    int cursor_y = -1, cursor_x = -1;
    for (int k = 0; k < height && f->top + k < n; k++) {
        const struct line *l = &lines[f->top + k];
        int y = 1 + k;
        switch (l->kind) {
        case LINE_BLANK:
            break;
        case LINE_FIELD: {
            struct field *fd = &f->fields[l->field];
            int focused = l->field == f->focus;
            ui_draw_str(w, y, 2, value_x - 4, fd->label,
                        normal | (focused ? A_BOLD : 0), 0);
            draw_value(w, y, value_x, value_w, fd, focused);
            if (focused && fd->kind == UI_FIELD_TEXT)
                getyx(w, cursor_y, cursor_x);
            break;
        }
        case LINE_ERROR:
            ui_draw_str(w, y, value_x, value_w, f->fields[l->field].error, error, 0);
            break;
        case LINE_NOTE:
        case LINE_FOOT_ERROR:
        case LINE_ASK: {
            const wchar_t *src = l->kind == LINE_NOTE ? note : l->kind == LINE_ASK ? ask : foot;
            wchar_t piece[NOTE_CAP];
            wmemcpy(piece, src + l->from, l->count);
            piece[l->count] = L'\0';
            attr_t a = l->kind == LINE_NOTE  ? normal | A_BOLD
                       : l->kind == LINE_ASK ? error | A_BOLD
                                             : error;
            ui_draw_wstr(w, y, 2, inner, piece, a, 0);
            break;
        }
        case LINE_KEYS:
            ui_draw_str(w, y, 2, inner, _("Enter/F2: confirm    Esc: back"), normal,
                        UI_DRAW_CENTER);
            break;
        }
    }
    /* The terminal's cursor sits in the text being typed, when the form is
     * on top; otherwise it stays hidden as everywhere else. */
    int on_top = app && app->layer_count > 0 && app->layers[app->layer_count - 1] == self;
    if (on_top && cursor_y >= 0) {
        wmove(w, cursor_y, cursor_x);
        leaveok(w, FALSE);
        curs_set(1);
    } else {
        curs_set(0);
    }
    wnoutrefresh(w);
}

static void destroy(struct ui_app *app, struct ui_layer *self)
{
    struct ui_form *f = (struct ui_form *)self;
    if (stdscr)
        curs_set(0); /* stdscr is NULL in unit tests, without a terminal */
    if (f->hooks.done)
        f->hooks.done(app, f, f->result, f->ctx);
    ui_form_free(f);
}
