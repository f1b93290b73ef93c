/* form_int.h - what form.c (fields, building, values), form_keys.c (keys,
 * checks, discard prompt, status line) and form_draw.c (drawing) share.
 * Internal to tui/: the face of the form widget is form.h. */
#ifndef GUICHET_TUI_FORM_INT_H
#define GUICHET_TUI_FORM_INT_H

#include "form.h"

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
    int fresh;                /* a filled text field the cursor just reached:
                               * the first character typed replaces it (-1) */
    int last_focus;           /* the focus when `fresh` was last decided */
};

/* form.c */
/* Frees *slot and puts a copy of s there (NULL when s is NULL). */
void ui_form_set_str(char **slot, const char *s);
/* The text without surrounding spaces, into buf. */
const char *ui_form_trimmed(const char *s, char *buf, size_t size);
/* The next focusable field from `from` in direction `dir` (wrapping), or
 * -1 when there is none. */
int ui_form_next_focusable(const struct ui_form *f, int from, int dir);
/* Records the values the form starts with, once. */
void ui_form_record_start(struct ui_form *f);

/* form_keys.c */
/* The cursor is now on field i (or moved): a filled text field becomes
 * "fresh" (the first character typed replaces its value). */
void ui_form_note_focus(struct ui_form *f);
int ui_form_typing(struct ui_app *app, struct ui_layer *self);
enum ui_result ui_form_on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                              int key);
void ui_form_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size);
/* Says under the field that it is full, or that a value was cut to fit. */
void ui_form_say_full(struct field *fd, int was_cut);
const char *ui_form_discard_question(void);

/* form_draw.c */
void ui_form_draw(struct ui_app *app, struct ui_layer *self);

#endif
