/* form.c - the form widget (see form.h): its fields, building a form,
 * reading and setting values, its life as a layer. The keys, the checks and
 * the discard prompt are in form_keys.c, the drawing in form_draw.c, the
 * editing of one line of text (struct ui_edit) in form_edit.c; form_int.h
 * is what they share.
 *
 * The form never waits for a key itself: it is a layer of the event loop
 * (app.h), so resize, the idle poll of other desks' changes and a vanished
 * terminal are handled for it like for every other screen. */
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

/* ---- helpers ---------------------------------------------------------------- */

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

void ui_form_set_str(char **slot, const char *s)
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

static void destroy(struct ui_app *app, struct ui_layer *self);

static void idle(struct ui_app *app, struct ui_layer *self)
{
    struct ui_form *f = (struct ui_form *)self;
    if (f->hooks.prepare)
        f->hooks.prepare(app, f, f->ctx);
}

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
    f->layer.draw = ui_form_draw;
    f->layer.on_key = ui_form_on_key;
    f->layer.keys = &ui_keys_form;
    f->layer.typing = ui_form_typing;
    f->layer.discard_typeahead = 1;
    f->fresh = -1;
    f->last_focus = -2;
    f->layer.status = ui_form_status;
    f->layer.destroy = destroy;
    f->layer.idle = idle;
    f->layer.hold_background = 1;
    f->focus = -1;
    if (hooks)
        f->hooks = *hooks;
    f->ctx = ctx;
    f->result = UI_FORM_CANCELLED;
    return f;
}


/* Sets a text field's value; a value longer than the field allows (a note
 * written at the command line) is cut, and the field says so rather than
 * losing the end silently. */
static void set_text_value(struct field *fd, const char *utf8, size_t max_chars)
{
    if (fd->kind == UI_FIELD_TEXT && (fd->flags & UI_FORM_MULTILINE))
        ui_edit_set_lines(&fd->edit, utf8, max_chars);
    else
        ui_edit_set(&fd->edit, utf8, max_chars);
    if (fd->kind != UI_FIELD_TEXT || !utf8)
        return;
    static struct ui_edit whole; /* the same text without the limit */
    ui_edit_set(&whole, utf8, 0);
    if (whole.len > fd->edit.len)
        ui_form_say_full(fd, 1);
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
        ui_form_set_str(&f->fields[field].hint, hint);
}

void ui_form_hint_readable(struct ui_form *f, int field)
{
    ui_form_set_hint(f, field, _("the person may read it (right of access)"));
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
const char *ui_form_trimmed(const char *s, char *buf, size_t size)
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
    ui_form_trimmed(f->fields[field].edit.text, buf, sizeof buf);
    return buf[0] && civil_parse_date(buf, out) == 0 ? 0 : -1;
}

int ui_form_time(const struct ui_form *f, int field, int *minute_out)
{
    char buf[64];
    if (!valid_field(f, field))
        return -1;
    ui_form_trimmed(f->fields[field].edit.text, buf, sizeof buf);
    return buf[0] && civil_parse_time(buf, minute_out) == 0 ? 0 : -1;
}

int ui_form_number(const struct ui_form *f, int field, long *out)
{
    char buf[64];
    if (!valid_field(f, field))
        return -1;
    ui_form_trimmed(f->fields[field].edit.text, buf, sizeof buf);
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
    ui_form_set_str(&fd->error, NULL);
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
int ui_form_next_focusable(const struct ui_form *f, int from, int dir)
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
        f->focus = ui_form_next_focusable(f, field, 1);
    if (!hidden && f->focus < 0 && focusable(&f->fields[field]))
        f->focus = field;
}

void ui_form_set_error(struct ui_form *f, int field, const char *msg)
{
    if (!f)
        return;
    if (field < 0) {
        ui_form_set_str(&f->foot_error, msg);
        return;
    }
    if (!valid_field(f, field))
        return;
    ui_form_set_str(&f->fields[field].error, msg);
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
        ui_form_set_str(&f->note, msg);
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
void ui_form_record_start(struct ui_form *f)
{
    if (f->started)
        return;
    f->started = 1;
    for (int i = 0; i < f->count; i++) {
        struct field *fd = &f->fields[i];
        ui_form_set_str(&fd->start_text, fd->edit.text);
        fd->start_selected = fd->selected;
        fd->start_checked = fd->checked;
    }
}

struct ui_layer *ui_form_layer(struct ui_form *f)
{
    if (!f)
        return NULL;
    ui_form_record_start(f);
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
    if (!layer || layer->draw != ui_form_draw)
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


static void destroy(struct ui_app *app, struct ui_layer *self)
{
    struct ui_form *f = (struct ui_form *)self;
    if (stdscr)
        curs_set(0); /* stdscr is NULL in unit tests, without a terminal */
    if (f->hooks.done)
        f->hooks.done(app, f, f->result, f->ctx);
    ui_form_free(f);
}
