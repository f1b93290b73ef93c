/* dialog_slots.c - the slot finder (f): choose a motif and, if wanted, a
 * site, an agent and the earliest date; the next free slots are listed
 * (opening hours, absences, each site's public holidays - national or
 * Alsace-Moselle, read by storage from the site -, the motif's length and
 * the agents' existing appointments respected: storage's db_slots_find
 * over model/slots.h); the arrows pick one and Enter opens the booking form on
 * it (flow_book.c), where the person is chosen (or already known when the
 * finder was opened from a person's panel, where the motif of their
 * latest appointment is the one proposed) and the booking confirmed.
 *
 * The three steps are three layers one after the other, never stacked:
 * criteria form -> list of slots -> booking form. Esc in the list comes
 * back to the criteria as they were typed.
 *
 * To move an appointment (ui_slots_move: an appointment left outside by an
 * absence or changed opening hours), the motif and the site are the
 * appointment's, the agents those of its site, the slots as long as it is,
 * and the slot chosen opens the change form on it (appt_forms.c) instead
 * of the booking form. */
#include "desk.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/i18n.h"
#include "dialogs.h"

enum {
    SLOTS_MAX = 40,   /* slots listed */
    SLOTS_DAYS = 60,  /* days searched */
    LINE_LEN = 256,
};

struct finder {
    int64_t person_id;
    struct db_motif *motifs;
    size_t motif_count;
    struct db_agent *agents;   /* every agent, by name */
    size_t agent_count;
    int64_t *site_ids;         /* the app's sites when the finder opened */
    char (*site_names)[DB_NAME_LEN];
    size_t site_count;
    /* the criteria as last typed */
    size_t motif_sel, site_sel, agent_sel; /* site/agent 0 = any */
    char from[32];
    /* the result */
    struct slot *slots;
    size_t slot_count;
    int f_motif, f_site, f_agent, f_from;
    /* moving an appointment rather than booking one */
    int moving;
    struct db_day_row move_row;
    int move_minutes;          /* its length */
};

static void say(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

static void finder_free(struct finder *fd)
{
    if (!fd)
        return;
    free(fd->motifs);
    free(fd->agents);
    free(fd->site_ids);
    free(fd->site_names);
    free(fd->slots);
    free(fd);
}

static const struct db_agent *agent_by_id(const struct finder *fd, int64_t id)
{
    for (size_t i = 0; i < fd->agent_count; i++)
        if (fd->agents[i].id == id)
            return &fd->agents[i];
    return NULL;
}

static const char *site_name(const struct finder *fd, int64_t id)
{
    for (size_t i = 0; i < fd->site_count; i++)
        if (fd->site_ids[i] == id)
            return fd->site_names[i];
    return "";
}

/* "Wed 25/11/2026 10:30-11:00" in the user's language. */
static void slot_when(const struct slot *s, char *buf, size_t size)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = s->start.date.year - 1900;
    tm.tm_mon = s->start.date.month - 1;
    tm.tm_mday = s->start.date.day;
    tm.tm_wday = (int)civil_weekday(s->start.date) % 7;
    tm.tm_hour = 12;
    char day[64];
    if (strftime(day, sizeof day, "%a %d/%m/%Y", &tm) == 0)
        civil_format_date(s->start.date, day, sizeof day);
    char a[CIVIL_TIME_LEN], b[CIVIL_TIME_LEN];
    civil_format_time(s->start.minute, a, sizeof a);
    civil_format_time(s->end.minute, b, sizeof b);
    say(buf, size, "%s %s-%s", day, a, b);
}

static int open_criteria(struct ui_app *app, struct finder *fd);

/* ---- step 2: the list of slots ------------------------------------------ */

static void list_done(struct ui_app *app, void *ctx, long chosen)
{
    struct finder *fd = ctx;
    if (!app || app->closing) {
        finder_free(fd);
        return;
    }
    if (chosen < 0 || (size_t)chosen >= fd->slot_count) {
        open_criteria(app, fd); /* back to the criteria; it owns fd now */
        return;
    }
    const struct slot *s = &fd->slots[chosen];
    if (fd->moving) {
        struct db_day_row row = fd->move_row;
        struct civil_datetime start = s->start;
        int64_t agent = s->agent_id;
        finder_free(fd);
        ui_appt_open_move(app, &row, start, agent);
        return;
    }
    struct ui_booking b;
    memset(&b, 0, sizeof b);
    b.site_id = s->site_id;
    b.agent_id = s->agent_id;
    b.motif_id = fd->motifs[fd->motif_sel].id;
    b.person_id = fd->person_id;
    b.start = s->start;
    b.duration_minutes = (int)(s->when.end - s->when.start);
    finder_free(fd);
    ui_book_open(app, &b);
}

static void show_slots(struct ui_app *app, struct finder *fd)
{
    const char **items = calloc(fd->slot_count, sizeof *items);
    char (*lines)[LINE_LEN] = calloc(fd->slot_count, sizeof *lines);
    if (!items || !lines) {
        free(items);
        free(lines);
        finder_free(fd);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    for (size_t i = 0; i < fd->slot_count; i++) {
        const struct slot *s = &fd->slots[i];
        char when[96];
        slot_when(s, when, sizeof when);
        const struct db_agent *a = agent_by_id(fd, s->agent_id);
        say(lines[i], sizeof lines[i], "%s · %s %s · %s", when, a ? a->first_name : "",
            a ? a->last_name : "?", site_name(fd, s->site_id));
        items[i] = lines[i];
    }
    char title[LINE_LEN];
    say(title, sizeof title, _("Free slots: %s"), fd->motifs[fd->motif_sel].name);
    struct ui_layer *l = ui_list_new(title, items, fd->slot_count, 0, list_done, fd);
    free(items);
    free(lines);
    if (l)
        ui_app_push(app, l);
}

/* ---- step 1: the criteria ------------------------------------------------- */

static void remember(struct finder *fd, struct ui_form *form)
{
    if (fd->f_motif >= 0)
        fd->motif_sel = ui_form_choice(form, fd->f_motif);
    if (fd->f_site >= 0)
        fd->site_sel = ui_form_choice(form, fd->f_site);
    fd->agent_sel = ui_form_choice(form, fd->f_agent);
    say(fd->from, sizeof fd->from, "%s", ui_form_text(form, fd->f_from));
}

static int validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct finder *fd = ctx;
    remember(fd, form);
    if (fd->motif_sel >= fd->motif_count)
        return 1;
    struct db_slot_search q;
    memset(&q, 0, sizeof q);
    q.motif_id = fd->motifs[fd->motif_sel].id;
    q.site_id = fd->site_sel > 0 && fd->site_sel <= fd->site_count ? fd->site_ids[fd->site_sel - 1]
                                                                     : 0;
    q.agent_id = fd->agent_sel > 0 && fd->agent_sel <= fd->agent_count
                     ? fd->agents[fd->agent_sel - 1].id
                     : 0;
    q.days = SLOTS_DAYS;
    if (fd->moving)
        q.duration_minutes = fd->move_minutes;
    struct civil_date from = app->now.date;
    if (fd->from[0] && ui_form_date(form, fd->f_from, &from) != 0)
        return 1; /* the built-in check said why */
    /* From today: from now on. A later day: from its start. */
    if (civil_date_compare(from, app->now.date) > 0) {
        struct civil_datetime dt = {from, 0};
        civil_format_datetime(dt, q.earliest, sizeof q.earliest);
    }
    free(fd->slots);
    fd->slots = NULL;
    fd->slot_count = 0;
    struct db_error err = {0};
    if (db_slots_find(app->db, &q, SLOTS_MAX, &fd->slots, &fd->slot_count, &err) != DB_OK) {
        char msg[UI_MESSAGE_LEN];
        db_error_format(&err, msg, sizeof msg);
        ui_form_set_error(form, -1, msg);
        return 1;
    }
    if (fd->slot_count == 0) {
        char msg[UI_MESSAGE_LEN];
        say(msg, sizeof msg, _("No free slot in the %d days from %02d/%02d/%04d."), SLOTS_DAYS,
            from.day, from.month, from.year);
        ui_form_set_error(form, -1, msg);
        return 1;
    }
    return 0;
}

static void done(struct ui_app *app, struct ui_form *form, enum ui_form_result result, void *ctx)
{
    struct finder *fd = ctx;
    remember(fd, form);
    if (!app || app->closing || result != UI_FORM_CONFIRMED) {
        finder_free(fd);
        return;
    }
    show_slots(app, fd);
}

static int open_criteria(struct ui_app *app, struct finder *fd)
{
    size_t nsite = fd->site_count + 1, nagent = fd->agent_count + 1;
    const char **motifs = calloc(fd->motif_count, sizeof *motifs);
    const char **sites = calloc(nsite, sizeof *sites);
    const char **agents = calloc(nagent, sizeof *agents);
    char (*abuf)[2 * DB_NAME_LEN + 2] = calloc(nagent, sizeof *abuf);
    struct ui_form_hooks hooks = {.validate = validate, .done = done};
    struct ui_form *f = motifs && sites && agents && abuf
                            ? ui_form_new(fd->moving ? _("Move the appointment: find a free slot")
                                                     : _("Find a free slot"),
                                          &hooks, fd)
                            : NULL;
    int rc = -1;
    if (f) {
        for (size_t i = 0; i < fd->motif_count; i++)
            motifs[i] = fd->motifs[i].name;
        sites[0] = _("any site");
        for (size_t i = 0; i < fd->site_count; i++)
            sites[i + 1] = fd->site_names[i];
        agents[0] = _("any agent");
        for (size_t i = 0; i < fd->agent_count; i++) {
            say(abuf[i + 1], sizeof abuf[i + 1], "%s %s", fd->agents[i].first_name,
                fd->agents[i].last_name);
            agents[i + 1] = abuf[i + 1];
        }
        if (fd->moving) {
            char label[2 * DB_NAME_LEN + 64];
            ui_desk_appt_label(&fd->move_row, label, sizeof label);
            ui_form_add_info(f, _("Appointment"), label);
            ui_form_add_info(f, _("Motif"), fd->move_row.motif_name);
            ui_form_add_info(f, _("Site"), site_name(fd, fd->move_row.appt.site_id));
            fd->f_motif = fd->f_site = -1;
        } else if (fd->person_id) {
            struct db_person p;
            if (db_person_get(app->db, fd->person_id, &p, NULL) == DB_OK) {
                char who[2 * DB_NAME_LEN + 2];
                say(who, sizeof who, "%s %s", p.last_name, p.first_name);
                ui_form_add_info(f, _("Person"), who);
            }
        }
        if (!fd->moving) {
            fd->f_motif =
                ui_form_add_choice(f, _("Motif"), motifs, fd->motif_count, fd->motif_sel);
            fd->f_site = ui_form_add_choice(f, _("Site"), sites, nsite, fd->site_sel);
        }
        fd->f_agent = ui_form_add_choice(f, _("Agent"), agents, nagent, fd->agent_sel);
        fd->f_from = ui_form_add_text(f, _("From"), fd->from, 10, UI_FORM_DATE);
        if ((fd->moving || (fd->f_motif >= 0 && fd->f_site >= 0)) && fd->f_agent >= 0 &&
            fd->f_from >= 0) {
            ui_form_set_hint(f, fd->f_from, _("dd/mm/yyyy; empty: from now"));
            ui_form_focus(f, fd->moving ? fd->f_agent : fd->f_motif);
            rc = 0;
        } else {
            ui_form_free(f);
            f = NULL;
        }
    }
    free(motifs);
    free(sites);
    free(agents);
    free(abuf);
    if (!f) {
        finder_free(fd);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    ui_app_push(app, ui_form_layer(f)); /* on failure the form's done frees fd */
    return rc;
}

/* For a person, the motif of their latest appointment (they most often
 * come back for the same thing); else the first one. */
static size_t latest_motif(struct ui_app *app, const struct finder *fd, int64_t person_id)
{
    struct db_appt_row *rows = NULL;
    size_t n = 0, sel = 0;
    struct db_error err = {0};
    if (db_person_appts(app->db, person_id, &rows, &n, NULL, &err) == DB_OK && n > 0)
        for (size_t i = 0; i < fd->motif_count; i++)
            if (fd->motifs[i].id == rows[0].day.appt.motif_id)
                sel = i;
    free(rows);
    return sel;
}

/* The finder for a new booking (row NULL) or to move `row`. */
static int finder_open(struct ui_app *app, int64_t person_id, const struct db_day_row *row)
{
    struct finder *fd = calloc(1, sizeof *fd);
    if (!fd) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    fd->person_id = person_id;
    struct db_error err = {0};
    if (row) {
        struct civil_datetime s, e;
        fd->moving = 1;
        fd->move_row = *row;
        if (civil_parse_datetime(row->appt.starts_at, &s) == 0 &&
            civil_parse_datetime(row->appt.ends_at, &e) == 0)
            fd->move_minutes =
                (int)(civil_datetime_to_minutes(e) - civil_datetime_to_minutes(s));
    }
    if (db_motif_list(app->db, &fd->motifs, &fd->motif_count, &err) != DB_OK ||
        (row ? db_site_agents(app->db, row->appt.site_id, &fd->agents, &fd->agent_count, &err)
             : db_agent_list(app->db, &fd->agents, &fd->agent_count, &err)) != DB_OK) {
        ui_app_db_error(app, &err);
        finder_free(fd);
        return -1;
    }
    if (fd->motif_count == 0) {
        ui_app_message(app, 1, "%s", _("No motif yet: add one in the structure screens."));
        finder_free(fd);
        return -1;
    }
    if (person_id)
        fd->motif_sel = latest_motif(app, fd, person_id);
    if (row) {
        fd->motif_sel = fd->motif_count;
        for (size_t i = 0; i < fd->motif_count; i++)
            if (fd->motifs[i].id == row->appt.motif_id)
                fd->motif_sel = i;
        if (fd->motif_sel == fd->motif_count) {
            ui_app_message(app, 1, "%s", db_status_message(DB_ERR_NO_ROW));
            finder_free(fd);
            return -1;
        }
    }
    fd->site_count = app->site_count;
    fd->site_ids = calloc(app->site_count + 1, sizeof *fd->site_ids);
    fd->site_names = calloc(app->site_count + 1, sizeof *fd->site_names);
    if (!fd->site_ids || !fd->site_names) {
        finder_free(fd);
        return -1;
    }
    for (size_t i = 0; i < app->site_count; i++) {
        fd->site_ids[i] = app->sites[i].id;
        say(fd->site_names[i], sizeof fd->site_names[i], "%s", app->sites[i].name);
    }
    /* The site shown is the likely one (the appointment's when moving). */
    fd->site_sel = app->site_count ? app->site_index + 1 : 0;
    for (size_t i = 0; row && i < app->site_count; i++)
        if (app->sites[i].id == row->appt.site_id)
            fd->site_sel = i + 1;
    struct civil_date today = app->now.date;
    say(fd->from, sizeof fd->from, "%02d/%02d/%04d", today.day, today.month, today.year);
    return open_criteria(app, fd);
}

int ui_slots_open(struct ui_app *app, int64_t person_id)
{
    return finder_open(app, person_id, NULL);
}

int ui_slots_move(struct ui_app *app, const struct db_day_row *row)
{
    if (app->readonly) {
        ui_app_message(app, 1, "%s", _("read-only database"));
        return -1;
    }
    return finder_open(app, 0, row);
}
