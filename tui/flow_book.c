/* flow_book.c - booking an appointment: the form opened from a free cell of
 * the day view (Enter or F2) or from a slot of the slot finder. The agent
 * chooses the motif and the person (a search opens on the Person field),
 * may adjust date, time, agent, length and add a note, and confirms.
 *
 * Confirming asks storage for the booking checks (model/booking.h) first:
 * errors refuse; warnings (in the past, outside opening hours, agent
 * absent, public holiday, same person same motif same day) are written in
 * the form and a second Enter goes ahead; an overlap with another
 * appointment of the agent shows an "Overbook" box that must be ticked, and
 * the booking is then recorded as overbooked. The write itself is one
 * storage unit (db_appt_book), which checks the overlap again inside its
 * transaction: if another desk took the slot meanwhile, the form says so
 * and offers the overbooking instead of booking twice silently. */
#include "desk.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../model/booking.h"

enum { NOTE_MAX_CHARS = 500, LINE_LEN = 512 };

static void say(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

/* ---- booking checks shared with the "change" form (desk.h) ---------------- */

/* The agent's live appointment overlapping `a` (not `a` itself), as
 * "10:15-10:45 DUPONT Marie" (with the date when it starts another day),
 * into buf; "" when none is found (another desk may have moved it). */
static void in_the_way(struct ui_app *app, const struct db_appt *a, char *buf, size_t size)
{
    buf[0] = '\0';
    struct civil_datetime start;
    struct civil_date from;
    if (civil_parse_datetime(a->starts_at, &start) != 0 ||
        civil_date_add_days(start.date, -1, &from) != 0)
        return;
    struct db_appt_row *rows = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_agent_week(app->db, a->agent_id, from, &rows, &n, &err) != DB_OK)
        return;
    for (size_t i = 0; i < n; i++) {
        const struct db_day_row *r = &rows[i].day;
        if (r->appt.id == a->id || appt_status_is_cancelled(r->appt.status) ||
            strcmp(r->appt.starts_at, a->ends_at) >= 0 ||
            strcmp(r->appt.ends_at, a->starts_at) <= 0)
            continue;
        struct civil_datetime s, e;
        if (civil_parse_datetime(r->appt.starts_at, &s) != 0 ||
            civil_parse_datetime(r->appt.ends_at, &e) != 0)
            continue;
        char from_s[32], to_s[CIVIL_TIME_LEN], who[2 * DB_NAME_LEN + 2];
        civil_format_time(s.minute, from_s, sizeof from_s);
        civil_format_time(e.minute, to_s, sizeof to_s);
        if (civil_date_compare(s.date, start.date) != 0) {
            char hhmm[CIVIL_TIME_LEN];
            civil_format_time(s.minute, hhmm, sizeof hhmm);
            say(from_s, sizeof from_s, "%02d/%02d %s", s.date.day, s.date.month, hhmm);
        }
        if (r->person_last[0] || r->person_first[0])
            say(who, sizeof who, "%s %s", r->person_last, r->person_first);
        else
            say(who, sizeof who, "%s", r->motif_name);
        say(buf, size, "%s-%s %s", from_s, to_s, who);
        break;
    }
    free(rows);
}

int ui_desk_check_booking(struct ui_app *app, struct ui_form *form, int overbook_field,
                          const struct db_appt *a, unsigned *shown, int *overbook)
{
    unsigned flags = 0;
    struct db_error err = {0};
    char words[LINE_LEN], msg[2 * LINE_LEN + 128];
    *overbook = 0;
    if (db_appt_check(app->db, a, &flags, &err) != DB_OK) {
        db_error_format(&err, msg, sizeof msg);
        ui_form_set_error(form, -1, msg);
        return 1;
    }
    db_booking_describe(flags, words, sizeof words);
    if (flags & BOOKING_ERRORS) {
        ui_form_set_error(form, -1, words);
        return 1;
    }
    int ticked = overbook_field >= 0 && ui_form_checked(form, overbook_field);
    if (flags & BOOKING_OVERLAP) {
        if (overbook_field >= 0)
            ui_form_set_hidden(form, overbook_field, 0);
        if (!ticked) {
            char who[LINE_LEN];
            in_the_way(app, a, who, sizeof who);
            if (who[0])
                /* TRANSLATORS: the warnings, then the appointment in the way
                 * ("10:15-10:45 DUPONT Marie"). */
                say(msg, sizeof msg,
                    _("Warning: %s. In the way: %s. Tick \"Overbook\" (Space) to book anyway."),
                    words, who);
            else
                say(msg, sizeof msg, _("Warning: %s. Tick \"Overbook\" (Space) to book anyway."),
                    words);
            ui_form_set_note(form, msg);
            if (overbook_field >= 0)
                ui_form_focus(form, overbook_field);
            *shown |= flags;
            return 1;
        }
    } else if (overbook_field >= 0) {
        ui_form_set_checked(form, overbook_field, 0);
        ui_form_set_hidden(form, overbook_field, 1);
    }
    unsigned warnings = flags & ~(unsigned)BOOKING_OVERLAP;
    if (warnings & ~*shown) {
        *shown |= flags;
        say(msg, sizeof msg, _("Warning: %s. Press Enter again to go ahead."), words);
        ui_form_set_note(form, msg);
        return 1;
    }
    *overbook = (flags & BOOKING_OVERLAP) != 0;
    return 0;
}

/* ---- the booking form -------------------------------------------------------- */

struct book {
    struct ui_form *form;
    int64_t site_id;
    char site_name[DB_NAME_LEN];
    struct db_agent *agents;
    size_t agent_count;
    struct db_motif *motifs;     /* in the order of the choice */
    size_t motif_count;
    int64_t person_id;
    char person_label[3 * DB_NAME_LEN];  /* with the birth date, in the form */
    char person_name[2 * DB_NAME_LEN + 2];
    int duration_edited;         /* the length was typed: a motif change keeps it */
    unsigned warnings_shown;
    struct db_appt read_ahead;   /* what prepare last read ahead for */
    struct db_appt booked;       /* what was written */
    int f_motif, f_person, f_date, f_time, f_agent, f_duration, f_note, f_overbook;
};

static void book_free(struct book *b)
{
    if (!b)
        return;
    free(b->agents);
    free(b->motifs);
    free(b);
}

/* "DUPONT Marie (12/03/1980)" */
static void person_label(const struct db_person *p, char *buf, size_t size)
{
    struct civil_date d;
    if (p->birth_date[0] && civil_parse_date(p->birth_date, &d) == 0)
        say(buf, size, "%s %s (%02d/%02d/%04d)", p->last_name, p->first_name, d.day, d.month,
            d.year);
    else
        say(buf, size, "%s %s", p->last_name, p->first_name);
}

static void set_person(struct ui_app *app, struct book *b, int64_t id)
{
    struct db_person p;
    struct db_error err = {0};
    if (db_person_get(app->db, id, &p, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        return;
    }
    b->person_id = id;
    person_label(&p, b->person_label, sizeof b->person_label);
    say(b->person_name, sizeof b->person_name, "%s %s", p.last_name, p.first_name);
    ui_form_set_text(b->form, b->f_person, b->person_label);
}

static void person_chosen(struct ui_app *app, void *ctx, int64_t person_id)
{
    struct book *b = ctx;
    /* The form is below the picker, so still alive; at the end of the
     * program nothing is done. */
    if (!app || app->closing || person_id == 0)
        return;
    set_person(app, b, person_id);
    b->warnings_shown = 0;
    ui_form_set_note(b->form, NULL);
    ui_form_focus(b->form, b->f_note); /* Enter now confirms */
}

static void activate(struct ui_app *app, struct ui_form *form, int field, void *ctx)
{
    struct book *b = ctx;
    (void)form;
    if (field == b->f_person)
        ui_people_pick(app, _("Choose the person"), NULL, person_chosen, b);
}

static void changed(struct ui_app *app, struct ui_form *form, int field, void *ctx)
{
    (void)app;
    struct book *b = ctx;
    if (field == b->f_overbook)
        return; /* the answer to the warnings, not a new booking */
    b->warnings_shown = 0;
    ui_form_set_note(form, NULL);
    if (field == b->f_duration)
        b->duration_edited = 1;
    if (field == b->f_motif && !b->duration_edited) {
        size_t m = ui_form_choice(form, b->f_motif);
        if (m < b->motif_count) {
            char d[16];
            say(d, sizeof d, "%d", b->motifs[m].duration_minutes);
            ui_form_set_text(form, b->f_duration, d);
        }
    }
    ui_form_set_checked(form, b->f_overbook, 0);
    ui_form_set_hidden(form, b->f_overbook, 1);
}

/* The booking's own field rules, checked with the form's built-in ones so
 * that one Enter marks every wrong field. */
static int check(struct ui_app *app, struct ui_form *form, void *ctx)
{
    (void)app;
    struct book *b = ctx;
    int marked = 0;
    if (b->person_id == 0) {
        ui_form_set_error(form, b->f_person, _("Choose the person: Enter on this field."));
        marked++;
    }
    if (ui_form_choice(form, b->f_motif) >= b->motif_count) {
        ui_form_set_error(form, b->f_motif, _("A motif is needed."));
        marked++;
    }
    if (ui_form_choice(form, b->f_agent) >= b->agent_count) {
        ui_form_set_error(form, b->f_agent, _("An agent is needed."));
        marked++;
    }
    struct civil_date d;
    int minute;
    long duration;
    struct civil_datetime end;
    if (ui_form_date(form, b->f_date, &d) == 0 && ui_form_time(form, b->f_time, &minute) == 0 &&
        ui_form_number(form, b->f_duration, &duration) == 0 &&
        civil_datetime_add_minutes((struct civil_datetime){d, minute}, duration, &end) != 0) {
        ui_form_set_error(form, b->f_date, _("Not a valid date and time."));
        marked++;
    }
    return marked;
}

/* The appointment the form describes, into *a; -1 when a field is still
 * missing or wrong. */
static int form_appt(struct book *b, struct ui_form *form, struct db_appt *a)
{
    size_t mi = ui_form_choice(form, b->f_motif), ai = ui_form_choice(form, b->f_agent);
    struct civil_date d;
    int minute;
    long duration;
    memset(a, 0, sizeof *a);
    if (mi >= b->motif_count || ai >= b->agent_count || b->person_id == 0 ||
        ui_form_date(form, b->f_date, &d) != 0 || ui_form_time(form, b->f_time, &minute) != 0 ||
        ui_form_number(form, b->f_duration, &duration) != 0)
        return -1;
    a->site_id = b->site_id;
    a->agent_id = b->agents[ai].id;
    a->motif_id = b->motifs[mi].id;
    a->person_id = b->person_id;
    struct civil_datetime start = {d, minute}, end;
    if (civil_datetime_add_minutes(start, duration, &end) != 0 ||
        civil_format_datetime(start, a->starts_at, sizeof a->starts_at) != 0 ||
        civil_format_datetime(end, a->ends_at, sizeof a->ends_at) != 0)
        return -1;
    return 0;
}

/* While the form waits for Enter: the pages the checks and the booking
 * will need, read once for each appointment the form describes. */
static void prepare(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct book *b = ctx;
    struct db_appt a;
    if (app->readonly || form_appt(b, form, &a) != 0 ||
        (b->read_ahead.agent_id == a.agent_id && b->read_ahead.motif_id == a.motif_id &&
         b->read_ahead.person_id == a.person_id &&
         strcmp(b->read_ahead.starts_at, a.starts_at) == 0 &&
         strcmp(b->read_ahead.ends_at, a.ends_at) == 0))
        return;
    if (db_appt_read_ahead(app->db, &a) == DB_OK)
        b->read_ahead = a; /* stopped by a key or a lock: tried again */
}

static int validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct book *b = ctx;
    struct db_appt a;
    /* check() has marked a missing person or choice: what is left is a
     * date and time that do not make an appointment. */
    if (form_appt(b, form, &a) != 0) {
        ui_form_set_error(form, b->f_date, _("Not a valid date and time."));
        return 1;
    }
    say(a.context, sizeof a.context, "%s", ui_form_text(form, b->f_note));
    int overbook = 0;
    /* The checks' reads and the booking in one read transaction: in
     * dot-file mode one lock for both (round trips on a share); the
     * booking's unit validates again under the write lock either way. */
    db_view_begin(app->db);
    int refused = ui_desk_check_booking(app, form, b->f_overbook, &a,
                                        &b->warnings_shown, &overbook);
    if (refused) {
        db_view_end(app->db);
        return 1;
    }
    a.overbooked = overbook;
    struct db_error err = {0};
    int rc = db_appt_book(app->db, &a, &err);
    db_view_end(app->db);
    if (rc == DB_OK) {
        b->booked = a;
        return 0;
    }
    if (rc == DB_ERR_OVERLAP) {
        /* Another desk booked the agent meanwhile: offer the overbooking. */
        ui_form_set_hidden(form, b->f_overbook, 0);
        ui_form_set_checked(form, b->f_overbook, 0);
        ui_form_focus(form, b->f_overbook);
    }
    char msg[UI_MESSAGE_LEN];
    db_error_format(&err, msg, sizeof msg);
    ui_form_set_error(form, -1, msg);
    return 1;
}

static void done(struct ui_app *app, struct ui_form *form, enum ui_form_result result, void *ctx)
{
    struct book *b = ctx;
    if (app && !app->closing && result == UI_FORM_CONFIRMED && b->booked.id) {
        struct civil_datetime s;
        db_view_begin(app->db); /* the screens read again: one lock */
        if (civil_parse_datetime(b->booked.starts_at, &s) == 0)
            ui_desk_show_in_day(app, b->booked.site_id, s.date, b->booked.agent_id, s.minute);
        ui_desk_reload(app);
        db_view_end(app->db);
        size_t mi = ui_form_choice(form, b->f_motif);
        const char *motif = mi < b->motif_count ? b->motifs[mi].name : "";
        if (b->booked.overbooked)
            /* TRANSLATORS: status line after a booking over another
             * appointment: person, date (day, month, year), time (hh:mm), motif. */
            ui_app_message(app, 0, _("Booked (overbooked): %s, %s at %s · %s"), b->person_name,
                           ui_form_text(form, b->f_date), ui_form_text(form, b->f_time), motif);
        else
            /* TRANSLATORS: status line after a booking: person, date (day,
             * month, year), time (hh:mm), motif. */
            ui_app_message(app, 0, _("Booked: %s, %s at %s · %s"), b->person_name,
                           ui_form_text(form, b->f_date), ui_form_text(form, b->f_time), motif);
    }
    book_free(b);
}

/* Motifs of the agent's service first (the likely ones), then the others,
 * each group in the storage order (by name). */
static int order_motifs(struct book *b, int64_t service_id)
{
    struct db_motif *all = b->motifs;
    struct db_motif *sorted = malloc((b->motif_count ? b->motif_count : 1) * sizeof *sorted);
    if (!sorted)
        return -1;
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < b->motif_count; i++)
            if ((all[i].service_id == service_id) == (pass == 0))
                sorted[n++] = all[i];
    free(all);
    b->motifs = sorted;
    return 0;
}

int ui_book_open(struct ui_app *app, const struct ui_booking *req)
{
    const struct db_site *cur = ui_app_site(app);
    int64_t site_id = req->site_id ? req->site_id : (cur ? cur->id : 0);
    if (!site_id) {
        ui_app_message(app, 1, "%s", _("This database has no site yet."));
        return -1;
    }
    struct book *b = calloc(1, sizeof *b);
    if (!b) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    b->site_id = site_id;
    b->f_overbook = -1;
    struct db_error err = {0};
    struct db_site site;
    if (db_site_get(app->db, site_id, &site, &err) != DB_OK ||
        db_site_agents(app->db, site_id, &b->agents, &b->agent_count, &err) != DB_OK ||
        db_motif_list(app->db, &b->motifs, &b->motif_count, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        book_free(b);
        return -1;
    }
    say(b->site_name, sizeof b->site_name, "%s", site.name);
    if (b->agent_count == 0 || b->motif_count == 0) {
        ui_app_message(app, 1, "%s",
                       b->agent_count ? _("No motif yet: add one in the structure screens.")
                                      : _("No agent works at this site."));
        book_free(b);
        return -1;
    }
    size_t agent_sel = 0;
    for (size_t i = 0; i < b->agent_count; i++)
        if (b->agents[i].id == req->agent_id)
            agent_sel = i;
    if (order_motifs(b, b->agents[agent_sel].service_id) != 0) {
        book_free(b);
        return -1;
    }
    size_t motif_sel = 0;
    for (size_t i = 0; i < b->motif_count; i++)
        if (b->motifs[i].id == req->motif_id)
            motif_sel = i;

    const char **agent_names = calloc(b->agent_count, sizeof *agent_names);
    const char **motif_names = calloc(b->motif_count, sizeof *motif_names);
    char (*abuf)[2 * DB_NAME_LEN + 2] = calloc(b->agent_count, sizeof *abuf);
    struct ui_form_hooks hooks = {.check = check, .validate = validate, .changed = changed,
                                  .activate = activate, .done = done, .prepare = prepare};
    struct ui_form *f = agent_names && motif_names && abuf
                            ? ui_form_new(_("New appointment"), &hooks, b)
                            : NULL;
    if (!f) {
        free(agent_names);
        free(motif_names);
        free(abuf);
        book_free(b);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    b->form = f;
    for (size_t i = 0; i < b->agent_count; i++) {
        say(abuf[i], sizeof abuf[i], "%s %s", b->agents[i].first_name, b->agents[i].last_name);
        agent_names[i] = abuf[i];
    }
    for (size_t i = 0; i < b->motif_count; i++)
        motif_names[i] = b->motifs[i].name;
    char date[16], time[8], dur[16];
    say(date, sizeof date, "%02d/%02d/%04d", req->start.date.day, req->start.date.month,
        req->start.date.year);
    civil_format_time(req->start.minute, time, sizeof time);
    say(dur, sizeof dur, "%d",
        req->duration_minutes ? req->duration_minutes : b->motifs[motif_sel].duration_minutes);
    b->duration_edited = req->duration_minutes != 0;

    ui_form_add_info(f, _("Site"), b->site_name);
    b->f_motif = ui_form_add_choice(f, _("Motif"), motif_names, b->motif_count, motif_sel);
    b->f_person = ui_form_add_button(f, _("Person"), _("choose..."));
    b->f_date = ui_form_add_text(f, _("Date"), date, 10, UI_FORM_REQUIRED | UI_FORM_DATE);
    b->f_time = ui_form_add_text(f, _("Time"), time, 5, UI_FORM_REQUIRED | UI_FORM_TIME);
    b->f_agent = ui_form_add_choice(f, _("Agent"), agent_names, b->agent_count, agent_sel);
    b->f_duration = ui_form_add_text(f, _("Length (min)"), dur, 4,
                                     UI_FORM_REQUIRED | UI_FORM_NUMBER);
    b->f_note = ui_form_add_text(f, _("Note"), "", NOTE_MAX_CHARS, UI_FORM_MULTILINE);
    b->f_overbook = ui_form_add_check(f, _("Overbook"), 0);
    free(agent_names);
    free(motif_names);
    free(abuf);
    if (b->f_motif < 0 || b->f_person < 0 || b->f_date < 0 || b->f_time < 0 || b->f_agent < 0 ||
        b->f_duration < 0 || b->f_note < 0 || b->f_overbook < 0) {
        ui_form_free(f);
        book_free(b);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    ui_form_set_range(f, b->f_duration, 5, BOOKING_MAX_MINUTES);
    ui_form_set_hint(f, b->f_date, _("dd/mm/yyyy"));
    ui_form_hint_readable(f, b->f_note);
    ui_form_set_hint(f, b->f_time, _("hh:mm"));
    ui_form_set_hint(f, b->f_person, _("search by name, phone or birth date"));
    ui_form_set_hint(f, b->f_overbook,
                     _("tick to book over the agent's other appointment"));
    ui_form_set_hidden(f, b->f_overbook, 1);
    if (req->person_id)
        set_person(app, b, req->person_id);
    /* From a slot everything is chosen: the cursor waits on the note, and
     * Enter books. From a cell, the motif comes first. */
    ui_form_focus(f, req->person_id && req->motif_id ? b->f_note
                     : req->motif_id                 ? b->f_person
                                                     : b->f_motif);
    if (ui_app_push(app, ui_form_layer(f)) != 0)
        return -1;
    return 0;
}
