/* dialog_details.c - every field of one appointment: person, motif, agent,
 * date and times, status in words, arrival, context, who booked it and
 * when. The person's record is read once when the dialog opens; long
 * values are wrapped at draw time, so resize just works. */
#include "dialogs.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "day_grid.h"
#include "draw.h"
#include "safe_text.h"
#include "theme.h"
#include "view_day.h"

enum { MAX_FIELDS = 16, VALUE_LEN = DB_TEXT_LEN + 64 };

struct field {
    char label[64];
    char value[VALUE_LEN];
};

struct details {
    struct ui_layer layer;
    WINDOW *win;
    struct field fields[MAX_FIELDS];
    int count;
    int top;
    int line_count; /* wrapped lines at the last draw */
};

static void add(struct details *d, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add(struct details *d, const char *label, const char *fmt, ...)
{
    if (d->count >= MAX_FIELDS)
        return;
    struct field *f = &d->fields[d->count++];
    snprintf(f->label, sizeof f->label, "%s", label);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->value, sizeof f->value, fmt, ap);
    va_end(ap);
}

/* "2026-11-25 14:30" -> "14:30" when on `day`, else as stored. */
static const char *time_or_datetime(const char *dt, struct civil_date day)
{
    struct civil_datetime t;
    if (civil_parse_datetime(dt, &t) == 0 && civil_date_compare(t.date, day) == 0)
        return dt + CIVIL_DATE_LEN;
    return dt;
}

static void build(struct ui_app *app, struct details *d, const struct db_day_row *row,
                  const char *agent_name)
{
    const struct db_appt *a = &row->appt;
    struct db_person p;
    int have_person = 0;
    if (a->person_id) {
        struct db_error err = {0};
        have_person = db_person_get(app->db, a->person_id, &p, &err) == DB_OK;
        if (!have_person)
            ui_app_db_error(app, &err);
    }
    if (have_person) {
        add(d, _("Person"), "%s %s", p.last_name, p.first_name);
        if (p.birth_name[0])
            add(d, _("Birth name"), "%s", p.birth_name);
        if (p.birth_date[0])
            add(d, _("Born"), "%s", p.birth_date);
        if (p.phone[0])
            add(d, _("Phone"), "%s", p.phone);
        if (p.email[0])
            add(d, _("E-mail"), "%s", p.email);
    } else if (row->person_last[0] || row->person_first[0]) {
        add(d, _("Person"), "%s %s", row->person_last, row->person_first);
    } else {
        add(d, _("Person"), "%s", _("none"));
    }
    add(d, _("Motif"), "%s", row->motif_name);
    add(d, _("Agent"), "%s", agent_name);

    struct civil_datetime start;
    int minutes = 0;
    char date[128] = "";
    if (civil_parse_datetime(a->starts_at, &start) == 0) {
        ui_format_long_date(start.date, date, sizeof date);
        struct civil_datetime end;
        if (civil_parse_datetime(a->ends_at, &end) == 0)
            minutes = (int)(civil_datetime_to_minutes(end) - civil_datetime_to_minutes(start));
        add(d, _("Date"), "%s", date);
        add(d, _("Time"), _("%s to %s (%d min)"), a->starts_at + CIVIL_DATE_LEN,
            time_or_datetime(a->ends_at, start.date), minutes);
        add(d, _("Status"), "%s", ui_appt_look_words(ui_appt_look(a, start, app->now)));
        add(d, _("Arrived"), "%s",
            a->arrived_at[0] ? time_or_datetime(a->arrived_at, start.date) : _("not recorded"));
    } else {
        add(d, _("Time"), "%s - %s", a->starts_at, a->ends_at);
    }
    if (a->overbooked)
        add(d, _("Overbooked"), "%s", _("yes (the agent accepted an overlap)"));
    if (a->context[0])
        add(d, _("Context"), "%s", a->context);
    add(d, _("Booked"), _("%s by %s"), a->created_at, a->created_by[0] ? a->created_by : "?");
    add(d, _("Reference"), _("no. %lld, version %lld"), (long long)a->id, (long long)a->version);
}

static void draw(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct details *d = (struct details *)self;
    unsigned tf = ui_draw_text_flags();
    int label_width = 0;
    for (int i = 0; i < d->count; i++) {
        wchar_t w[64];
        int lw = ui_text_prepare(d->fields[i].label, 30, tf, w, 64);
        if (lw > label_width)
            label_width = lw;
    }
    int cols = COLS - 4 < 76 ? COLS - 4 : 76;
    int value_width = cols - 4 - label_width - 2;
    if (value_width < 8)
        value_width = 8;
    /* Wrap every value; remember where each field's lines start. */
    static wchar_t wide[VALUE_LEN];
    int lines = 0;
    for (int i = 0; i < d->count; i++) {
        ui_text_decode(d->fields[i].value, wide, VALUE_LEN, tf);
        const wchar_t *s = wide;
        do {
            size_t n = ui_text_wrap(s, value_width);
            s += n;
            while (*s == L' ')
                s++;
            lines++;
        } while (*s);
    }
    d->line_count = lines;
    WINDOW *w = ui_dialog_window(&d->win, lines + 2, cols, _("Appointment"));
    if (!w)
        return;
    int height = getmaxy(w) - 2;
    ui_dialog_scroll_to(&d->top, d->top, height, lines);
    attr_t normal = ui_theme_attr(THEME_DIALOG);
    int line = 0;
    for (int i = 0; i < d->count; i++) {
        ui_text_decode(d->fields[i].value, wide, VALUE_LEN, tf);
        const wchar_t *s = wide;
        int first = 1;
        do {
            size_t n = ui_text_wrap(s, value_width);
            int y = 1 + line - d->top;
            if (y >= 1 && y <= height) {
                if (first)
                    ui_draw_str(w, y, 2, label_width, d->fields[i].label, normal | A_BOLD, 0);
                wchar_t piece[VALUE_LEN];
                wmemcpy(piece, s, n);
                piece[n] = L'\0';
                ui_text_fit(piece, value_width, tf);
                ui_draw_wstr(w, y, 4 + label_width, value_width, piece, normal, 0);
            }
            s += n;
            while (*s == L' ')
                s++;
            line++;
            first = 0;
        } while (*s);
    }
    wnoutrefresh(w);
}

static enum ui_result on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                             int key)
{
    (void)app;
    (void)key;
    struct details *d = (struct details *)self;
    switch (action) {
    case UI_ACT_BACK:
    case UI_ACT_QUIT:
    case UI_ACT_DETAILS:
        return UI_CLOSE;
    case UI_ACT_UP: d->top--; break;
    case UI_ACT_DOWN: d->top++; break;
    case UI_ACT_FIRST: d->top = 0; break;
    case UI_ACT_LAST: d->top = d->line_count; break;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW: return UI_IGNORED;
    default: break;
    }
    if (d->top < 0)
        d->top = 0;
    return UI_HANDLED;
}

static void destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct details *d = (struct details *)self;
    if (d->win)
        delwin(d->win);
    free(d);
}

struct ui_layer *ui_details_new(struct ui_app *app, const struct db_day_row *row,
                                const char *agent_name)
{
    struct details *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->layer.draw = draw;
    d->layer.on_key = on_key;
    d->layer.destroy = destroy;
    build(app, d, row, agent_name);
    return &d->layer;
}
