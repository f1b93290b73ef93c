/* dialog_details.c - every field of one appointment: person, motif, agent,
 * site, date and times, status in words, why and by whom it was cancelled
 * (or who recorded its outcome), arrival, seen time and waiting, the
 * overbooked flag, the note, who booked it and when. The appointment's
 * full row, the person's record and the appointment's audit rows are read
 * once when the dialog opens; long values are wrapped at draw time, so
 * resize just works.
 *
 * Dates: the console writes a date in figures dd/mm/yyyy whatever the
 * language (civil_format_date_fr), because that is what its forms ask for
 * ("dd/mm/yyyy") and what the person screens show; a day in words follows
 * the locale (ui_format_long_date: "mercredi 25 novembre 2026"); times
 * are hh:mm. A time on the appointment's own day is shown alone ("10:05"),
 * any other with its date ("25/11/2026 10:05"). */
#include "dialogs.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "day_grid.h"
#include "dialog_conflict.h"
#include "desk.h"
#include "draw.h"
#include "../common/safe_text.h"
#include "theme.h"
#include "view_alerts.h"
#include "view_day.h"

enum { MAX_FIELDS = 24, VALUE_LEN = DB_TEXT_LEN + 64 };

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

/* "1987-11-23" -> "23/11/1987" (as stored when it does not parse). */
static void format_date(const char *iso, char *buf, size_t size)
{
    struct civil_date d;
    if (civil_parse_date(iso, &d) != 0 || civil_format_date_fr(d, buf, size) != 0)
        snprintf(buf, size, "%s", iso);
}

/* "2026-11-25 14:30" (seconds allowed, as in the audit log) -> "14:30"
 * when on `day`, else "25/11/2026 14:30"; as stored when unreadable. */
static void format_when(const char *datetime, struct civil_date day, char *buf, size_t size)
{
    char minute[CIVIL_DATETIME_LEN];
    snprintf(minute, sizeof minute, "%s", datetime);
    struct civil_datetime t;
    char date[CIVIL_DATE_LEN], time[CIVIL_TIME_LEN];
    if (civil_parse_datetime(minute, &t) != 0 ||
        civil_format_time(t.minute, time, sizeof time) != 0) {
        snprintf(buf, size, "%s", datetime);
        return;
    }
    if (civil_date_compare(t.date, day) == 0 || civil_format_date_fr(t.date, date, sizeof date) != 0)
        snprintf(buf, size, "%s", time);
    else
        snprintf(buf, size, "%s %s", date, time);
}

/* The newest audit row that set the status (a cancellation or an outcome),
 * into *out; 0 when there is one. */
static int last_status_change(struct ui_app *app, int64_t id, struct db_audit_entry *out)
{
    struct db_audit_entry *log = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_audit_for(app->db, "appointment", id, &log, &n, &err) != DB_OK)
        return -1;
    int found = -1;
    for (size_t i = 0; i < n && found < 0; i++) {
        if (strcmp(log[i].action, "cancel") == 0 || strcmp(log[i].action, "status") == 0) {
            *out = log[i];
            found = 0;
        }
    }
    free(log);
    return found;
}

static void add_person(struct ui_app *app, struct details *d, const struct db_day_row *row)
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
        if (p.birth_date[0]) {
            char born[CIVIL_DATE_LEN + 8];
            format_date(p.birth_date, born, sizeof born);
            add(d, _("Born"), "%s", born);
        }
        char phone[48];
        if (p.phone[0])
            add(d, _("Phone"), "%s", ui_phone_text(p.phone, phone, sizeof phone));
        if (p.email[0])
            add(d, _("E-mail"), "%s", p.email);
    } else if (row->person_last[0] || row->person_first[0]) {
        add(d, _("Person"), "%s %s", row->person_last, row->person_first);
    } else {
        add(d, _("Person"), "%s", _("none"));
    }
}

/* Status, cancellation, arrival, seen time and waiting. */
static void add_outcome(struct ui_app *app, struct details *d, const struct db_appt_row *full,
                        int have_full, struct civil_datetime start)
{
    const struct db_appt *a = &full->day.appt;
    char when[64];
    add(d, _("Status"), "%s", ui_appt_look_words(ui_appt_look(a, start, app->now)));
    if (appt_status_is_cancelled(a->status) && have_full && full->cancel_reason[0])
        add(d, _("Reason"), "%s", full->cancel_reason);
    struct db_audit_entry last;
    if (a->status != APPT_UNKNOWN && last_status_change(app, a->id, &last) == 0) {
        struct civil_date never = {0, 0, 0}; /* always with its date */
        /* An instant: shown at the appointment's site's clock. */
        const char *zone = "";
        for (size_t i = 0; i < app->site_count; i++)
            if (app->sites[i].id == a->site_id)
                zone = app->sites[i].timezone;
        struct civil_datetime at;
        char civil[CIVIL_DATETIME_LEN];
        if (ui_audit_time(last.at, zone, &at, NULL) == 0 &&
            civil_format_datetime(at, civil, sizeof civil) == 0)
            format_when(civil, never, when, sizeof when);
        else
            format_when(last.at, never, when, sizeof when);
        add(d, appt_status_is_cancelled(a->status) ? _("Cancelled") : _("Recorded"),
            _("%s by %s"), when, last.actor[0] ? last.actor : "?");
    }
    if (a->arrived_at[0]) {
        format_when(a->arrived_at, start.date, when, sizeof when);
        struct civil_datetime arrived;
        long waiting = -1;
        if (a->status == APPT_UNKNOWN && civil_parse_datetime(a->arrived_at, &arrived) == 0 &&
            civil_date_compare(arrived.date, app->now.date) == 0)
            waiting = (long)(civil_datetime_to_minutes(app->now) -
                             civil_datetime_to_minutes(arrived));
        if (waiting >= 0)
            add(d, _("Arrived"), _("%s (waiting for %ld min)"), when, waiting);
        else
            add(d, _("Arrived"), "%s", when);
    } else if ((a->status == APPT_UNKNOWN || a->status == APPT_SEEN) &&
               civil_date_compare(start.date, app->now.date) <= 0) {
        add(d, _("Arrived"), "%s", _("not recorded"));
    }
    if (have_full && full->seen_at[0]) {
        format_when(full->seen_at, start.date, when, sizeof when);
        if (full->waited_minutes >= 0)
            add(d, _("Seen"), _("%s (waited %d min)"), when, full->waited_minutes);
        else
            add(d, _("Seen"), "%s", when);
    }
}

/* "Left outside: agent absent, outside opening hours", by storage's rule
 * (the same list as the grid's marks). */
static void add_stranded(struct ui_app *app, struct details *d, const struct db_appt *a)
{
    struct civil_datetime start;
    struct civil_date next;
    if (appt_status_is_cancelled(a->status) || civil_parse_datetime(a->starts_at, &start) != 0 ||
        civil_date_add_days(start.date, 1, &next) != 0)
        return;
    struct db_stranded *l = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_appt_conflicts(app->db, a->site_id, a->agent_id, start.date, next, &l, &n, &err) !=
        DB_OK)
        return;
    for (size_t i = 0; i < n; i++) {
        if (l[i].row.day.appt.id != a->id)
            continue;
        char why[128];
        db_stranded_describe(l[i].reasons, why, sizeof why);
        add(d, _("Left outside"), "%s", why);
    }
    free(l);
}

static void build(struct ui_app *app, struct details *d, const struct db_day_row *row,
                  const char *agent_name)
{
    /* The full row: cancel reason, seen time, waiting, site; and the
     * current state of the appointment rather than the caller's copy. */
    struct db_appt_row full;
    memset(&full, 0, sizeof full);
    struct db_error err = {0};
    int have_full = db_appt_get_row(app->db, row->appt.id, &full, &err) == DB_OK;
    if (!have_full)
        full.day = *row;
    const struct db_appt *a = &full.day.appt;
    add_person(app, d, &full.day);
    add(d, _("Motif"), "%s", full.day.motif_name);
    add(d, _("Agent"), "%s", agent_name);
    if (have_full && full.site_name[0])
        add(d, _("Site"), "%s", full.site_name);

    struct civil_datetime start;
    char when[64];
    if (civil_parse_datetime(a->starts_at, &start) == 0) {
        char date[128] = "";
        ui_format_long_date(start.date, date, sizeof date);
        int minutes = 0;
        struct civil_datetime end;
        if (civil_parse_datetime(a->ends_at, &end) == 0)
            minutes = (int)(civil_datetime_to_minutes(end) - civil_datetime_to_minutes(start));
        format_when(a->ends_at, start.date, when, sizeof when);
        add(d, _("Date"), "%s", date);
        add(d, _("Time"), _("%s to %s (%d min)"), a->starts_at + CIVIL_DATE_LEN, when, minutes);
        add_outcome(app, d, &full, have_full, start);
    } else {
        add(d, _("Time"), "%s - %s", a->starts_at, a->ends_at);
    }
    if (a->overbooked)
        add(d, _("Overbooked"), "%s", _("yes (the agent accepted an overlap)"));
    add_stranded(app, d, a);
    /* At risk of a no-show: the score and its reasons, in words
     * (risk_watch.h), and what the calls gave */
    const struct db_risk_item *risk = ui_risk_find(app, a->id);
    if (risk && a->status == APPT_UNKNOWN && !a->arrived_at[0]) {
        const char *done = ui_alerts_followup_words(risk);
        add(d, _("No-show risk"), "%d %% · %s%s%s", (int)(100.0 * risk->risk + 0.5),
            risk->reasons[0] ? risk->reasons : _("no particular reason"), done[0] ? " · " : "",
            done);
        if (risk->note[0])
            add(d, _("Call note"), "%s", risk->note);
    }
    if (a->context[0])
        add(d, _("Note"), "%s", a->context);
    struct civil_date never = {0, 0, 0};
    format_when(a->created_at, never, when, sizeof when);
    add(d, _("Booked"), _("%s by %s"), when, a->created_by[0] ? a->created_by : "?");
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
    case UI_ACT_QUIT:
        return UI_CLOSE;
    case UI_ACT_UP: d->top--; break;
    case UI_ACT_DOWN: d->top++; break;
    case UI_ACT_PAGE_UP: d->top -= 10; break;
    case UI_ACT_PAGE_DOWN: d->top += 10; break;
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
    d->layer.keys = &ui_keys_details;
    d->layer.destroy = destroy;
    build(app, d, row, agent_name);
    return &d->layer;
}
