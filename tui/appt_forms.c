/* appt_forms.c - the forms on one appointment (desk.h): cancel as excused
 * or revoked with a reason; move / resize / note, with the booking warnings
 * and explicit overbooking. Each form builds an operation (appt_int.h) that
 * appt_actions.c runs, with the conflict dialog when another desk changed
 * the row first. */
#include "desk.h"
#include "appt_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../model/appointment.h"
#include "day_grid.h"
#include "dialog_conflict.h"
#include "dialogs.h"
#include "form.h"
#include "view_day.h"
#include "view_day_int.h"

/* ---- cancel (form) -------------------------------------------------------------- */

struct form_ctx {
    struct db_day_row row;
    struct op op;
    int conflict_pending;        /* show the conflict dialog when closed */
    struct db_conflict conflict;
    /* fields */
    int f_how, f_reason;
    int f_date, f_time, f_agent, f_duration, f_note, f_overbook;
    struct db_agent *agents;
    size_t agent_count;
    unsigned warnings_shown;
};

static void form_ctx_free(struct form_ctx *c)
{
    if (!c)
        return;
    free(c->agents);
    free(c);
}

/* Runs the operation from a form's validate hook. Returns 0 to close the
 * form (success, or a conflict to show once it is closed), 1 to stay. */
static int form_run(struct ui_app *app, struct ui_form *form, struct form_ctx *c)
{
    struct db_error err = {0};
    memset(&c->conflict, 0, sizeof c->conflict);
    int rc = ui_appt_op_run(app, &c->op, &c->conflict, &err);
    if (rc == DB_OK)
        return 0;
    if (rc == DB_ERR_CONFLICT) {
        c->conflict_pending = 1;
        return 0;
    }
    if (rc == DB_ERR_OVERLAP && c->f_overbook >= 0) {
        ui_form_set_hidden(form, c->f_overbook, 0);
        ui_form_focus(form, c->f_overbook);
    }
    char msg[UI_MESSAGE_LEN];
    db_error_format(&err, msg, sizeof msg);
    ui_form_set_error(form, -1, msg);
    return 1;
}

/* The done hook of the cancel and edit forms. */
static void form_done(struct ui_app *app, struct ui_form *form, enum ui_form_result result,
                      void *ctx)
{
    (void)form;
    struct form_ctx *c = ctx;
    if (app && !app->closing && result == UI_FORM_CONFIRMED) {
        if (c->conflict_pending) {
            struct op *again = malloc(sizeof *again);
            if (again) {
                *again = c->op;
                ui_desk_reload(app);
                ui_conflict_show(app, c->op.label, c->op.mine, &c->conflict, ui_appt_conflict_done,
                                 again);
            }
        } else {
            ui_desk_reload(app);
            ui_app_message(app, 0, "%s", c->op.done_msg);
        }
    }
    form_ctx_free(c);
}

static int cancel_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct form_ctx *c = ctx;
    c->op.to = ui_form_choice(form, c->f_how) == 0 ? APPT_EXCUSED : APPT_REVOKED;
    ui_appt_say(c->op.text, sizeof c->op.text, "%s", ui_form_text(form, c->f_reason));
    ui_appt_say(c->op.mine, sizeof c->op.mine, _("cancel (%s): %s"), ui_appt_status_words(c->op.to),
             c->op.text);
    ui_appt_say(c->op.done_msg, sizeof c->op.done_msg, _("%s: %s"),
        c->op.to == APPT_EXCUSED ? _("Cancelled (excused)") : _("Cancelled (revoked)"),
        c->op.label);
    return form_run(app, form, c);
}

/* Why the appointment is left outside (agent absent, outside opening
 * hours) into buf, "" when it is not: a cancellation by the service then
 * starts with that reason. */
static void stranded_reason(struct ui_app *app, const struct db_appt *a,
                            struct civil_datetime start, char *buf, size_t size)
{
    struct civil_date next;
    struct db_stranded *l = NULL;
    size_t n = 0;
    struct db_error err = {0};
    buf[0] = '\0';
    if (civil_date_add_days(start.date, 1, &next) != 0 ||
        db_appt_conflicts(app->db, a->site_id, a->agent_id, start.date, next, &l, &n, &err) !=
            DB_OK)
        return;
    for (size_t i = 0; i < n; i++)
        if (l[i].row.day.appt.id == a->id)
            db_stranded_describe(l[i].reasons, buf, size);
    free(l);
}

void ui_appt_open_cancel(struct ui_app *app, const struct db_day_row *row, enum appt_status how)
{
    struct civil_datetime start;
    if (ui_appt_parse_start(row, &start) != 0)
        return;
    enum appt_status from = row->appt.status;
    if (appt_status_is_cancelled(from)) {
        ui_app_message(app, 1, _("It is already %s."), ui_appt_status_words(from));
        return;
    }
    if (!appt_transition_allowed(from, APPT_EXCUSED, start, app->now)) {
        char why[256];
        ui_appt_refusal(from, APPT_EXCUSED, start, app->now, why, sizeof why);
        ui_app_message(app, 1, "%s", why);
        return;
    }
    struct form_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return;
    c->row = *row;
    c->f_overbook = -1;
    ui_appt_op_init(&c->op, OP_CANCEL, row);
    struct ui_form_hooks hooks = {.validate = cancel_validate, .done = form_done};
    struct ui_form *f = ui_form_new(_("Cancel the appointment"), &hooks, c);
    if (!f) {
        form_ctx_free(c);
        return;
    }
    const char *who[2] = {_("the person (excused)"), _("the service (revoked)")};
    char outside[128];
    stranded_reason(app, &row->appt, start, outside, sizeof outside);
    ui_form_add_info(f, _("Appointment"), c->op.label);
    ui_form_add_info(f, _("Motif"), row->motif_name);
    c->f_how = ui_form_add_choice(f, _("Cancelled by"), who, 2,
                                  how == APPT_REVOKED || outside[0] ? 1 : 0);
    c->f_reason = ui_form_add_text(f, _("Reason"), outside, REASON_MAX_CHARS, UI_FORM_REQUIRED);
    if (c->f_how < 0 || c->f_reason < 0) {
        ui_form_free(f);
        form_ctx_free(c);
        return;
    }
    ui_form_set_hint(f, c->f_reason, _("why, in a few words"));
    ui_form_focus(f, c->f_reason);
    ui_app_push(app, ui_form_layer(f));
}

/* ---- move / resize / note (form) -------------------------------------------------- */

static int minutes_between(const char *a, const char *b)
{
    struct civil_datetime x, y;
    if (civil_parse_datetime(a, &x) != 0 || civil_parse_datetime(b, &y) != 0)
        return 0;
    return (int)(civil_datetime_to_minutes(y) - civil_datetime_to_minutes(x));
}

static int edit_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct form_ctx *c = ctx;
    const struct db_appt *old = &c->row.appt;
    struct civil_date d;
    int minute;
    long duration;
    /* The built-in checks passed, so these parse. */
    ui_form_date(form, c->f_date, &d);
    ui_form_time(form, c->f_time, &minute);
    ui_form_number(form, c->f_duration, &duration);
    struct civil_datetime start = {d, minute}, end;
    char starts[CIVIL_DATETIME_LEN], ends[CIVIL_DATETIME_LEN];
    if (civil_datetime_add_minutes(start, duration, &end) != 0 ||
        civil_format_datetime(start, starts, sizeof starts) != 0 ||
        civil_format_datetime(end, ends, sizeof ends) != 0) {
        ui_form_set_error(form, c->f_date, _("Not a valid date and time."));
        return 1;
    }
    size_t ai = ui_form_choice(form, c->f_agent);
    int64_t agent = ai < c->agent_count ? c->agents[ai].id : old->agent_id;
    int old_duration = minutes_between(old->starts_at, old->ends_at);

    struct op *op = &c->op;
    op->do_move = strcmp(starts, old->starts_at) != 0 || agent != old->agent_id ||
                  duration != old_duration;
    memset(&op->move, 0, sizeof op->move);
    if (strcmp(starts, old->starts_at) != 0)
        ui_appt_say(op->move.starts_at, sizeof op->move.starts_at, "%s", starts);
    if (agent != old->agent_id)
        op->move.agent_id = agent;
    if (duration != old_duration)
        op->move.duration_minutes = (int)duration;
    const char *note = ui_form_text(form, c->f_note);
    /* Compared as the form shows it (control characters dropped), so an
     * untouched note is not rewritten. */
    struct ui_edit shown;
    ui_edit_set_lines(&shown, old->context, 0);
    op->do_note = strcmp(note, shown.text) != 0;
    ui_appt_say(op->text, sizeof op->text, "%s", note);
    if (!op->do_move && !op->do_note) {
        ui_form_set_error(form, -1, _("Nothing changed."));
        return 1;
    }
    if (op->do_move) {
        struct db_appt a = *old;
        ui_appt_say(a.starts_at, sizeof a.starts_at, "%s", starts);
        ui_appt_say(a.ends_at, sizeof a.ends_at, "%s", ends);
        a.agent_id = agent;
        int overbook = 0;
        if (ui_desk_check_booking(app, form, c->f_overbook, &a, &c->warnings_shown, &overbook))
            return 1;
        op->move.overbook = overbook;
    }
    char when[32];
    ui_appt_say(when, sizeof when, "%02d/%02d %02d:%02d", d.day, d.month, minute / 60, minute % 60);
    if (op->do_move && op->do_note)
        ui_appt_say(op->mine, sizeof op->mine, _("move to %s, %ld min, and change the note"), when,
                 duration);
    else if (op->do_move)
        ui_appt_say(op->mine, sizeof op->mine, _("move to %s, %ld min"), when, duration);
    else
        ui_appt_say(op->mine, sizeof op->mine, _("note: %s"), note);
    ui_appt_say(op->done_msg, sizeof op->done_msg, _("Changed: %s"), op->label);
    if (op->do_move) {
        int r = form_run(app, form, c);
        if (r == 0 && !c->conflict_pending) {
            ui_desk_show_in_day(app, old->site_id, d, agent, minute);
            ui_appt_say(op->done_msg, sizeof op->done_msg, _("Moved to %s: %s"), when,
                     c->op.label);
        }
        return r;
    }
    return form_run(app, form, c);
}

static void edit_changed(struct ui_app *app, struct ui_form *form, int field, void *ctx)
{
    (void)app;
    struct form_ctx *c = ctx;
    if (field == c->f_overbook || field == c->f_note)
        return; /* the answer to the warnings; a note changes no warning */
    /* Another time, agent or length: warnings must be shown again. */
    c->warnings_shown = 0;
    ui_form_set_note(form, NULL);
    ui_form_set_checked(form, c->f_overbook, 0);
    ui_form_set_hidden(form, c->f_overbook, 1);
}

/* The change form, on the appointment as it is or (to not NULL) with the
 * date, time and agent of a slot found for it. */
static void open_edit(struct ui_app *app, const struct db_day_row *row,
                      const struct civil_datetime *to, int64_t to_agent)
{
    struct civil_datetime start;
    if (ui_appt_parse_start(row, &start) != 0)
        return;
    int64_t agent_id = to ? to_agent : row->appt.agent_id;
    if (to)
        start = *to;
    struct form_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return;
    c->row = *row;
    ui_appt_op_init(&c->op, OP_EDIT, row);
    struct db_error err = {0};
    if (db_site_agents(app->db, row->appt.site_id, &c->agents, &c->agent_count, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        form_ctx_free(c);
        return;
    }
    struct ui_form_hooks hooks = {.validate = edit_validate, .changed = edit_changed,
                                  .done = form_done};
    struct ui_form *f = ui_form_new(_("Change the appointment"), &hooks, c);
    if (!f) {
        form_ctx_free(c);
        return;
    }
    char date[16], time[8], dur[16];
    ui_appt_say(date, sizeof date, "%02d/%02d/%04d", start.date.day, start.date.month,
             start.date.year);
    civil_format_time(start.minute, time, sizeof time);
    ui_appt_say(dur, sizeof dur, "%d", minutes_between(row->appt.starts_at, row->appt.ends_at));
    const char **names = calloc(c->agent_count + 1, sizeof *names);
    char (*buf)[2 * DB_NAME_LEN + 2] = calloc(c->agent_count + 1, sizeof *buf);
    size_t sel = 0;
    size_t n = 0;
    if (names && buf) {
        for (size_t i = 0; i < c->agent_count; i++) {
            ui_appt_say(buf[i], sizeof buf[i], "%s %s", c->agents[i].first_name,
                     c->agents[i].last_name);
            names[i] = buf[i];
            if (c->agents[i].id == agent_id)
                sel = i;
        }
        n = c->agent_count;
    }
    ui_form_add_info(f, _("Appointment"), c->op.label);
    ui_form_add_info(f, _("Motif"), row->motif_name);
    c->f_date = ui_form_add_text(f, _("Date"), date, 10, UI_FORM_REQUIRED | UI_FORM_DATE);
    c->f_time = ui_form_add_text(f, _("Time"), time, 5, UI_FORM_REQUIRED | UI_FORM_TIME);
    c->f_agent = ui_form_add_choice(f, _("Agent"), names, n, sel);
    c->f_duration = ui_form_add_text(f, _("Length (min)"), dur, 4,
                                     UI_FORM_REQUIRED | UI_FORM_NUMBER);
    c->f_note = ui_form_add_text(f, _("Note"), row->appt.context, NOTE_MAX_CHARS,
                                 UI_FORM_MULTILINE);
    c->f_overbook = ui_form_add_check(f, _("Overbook"), 0);
    free(names);
    free(buf);
    if (c->f_date < 0 || c->f_time < 0 || c->f_agent < 0 || c->f_duration < 0 || c->f_note < 0 ||
        c->f_overbook < 0) {
        ui_form_free(f);
        form_ctx_free(c);
        return;
    }
    ui_form_set_range(f, c->f_duration, 5, BOOKING_MAX_MINUTES);
    ui_form_set_hint(f, c->f_date, _("dd/mm/yyyy"));
    ui_form_set_hint(f, c->f_time, _("hh:mm"));
    ui_form_hint_readable(f, c->f_note);
    ui_form_set_hint(f, c->f_overbook, _("tick to book over the agent's other appointment"));
    ui_form_set_hidden(f, c->f_overbook, 1);
    ui_form_focus(f, c->f_time);
    ui_app_push(app, ui_form_layer(f));
}

void ui_appt_open_edit(struct ui_app *app, const struct db_day_row *row)
{
    open_edit(app, row, NULL, 0);
}

void ui_appt_open_move(struct ui_app *app, const struct db_day_row *row,
                       struct civil_datetime start, int64_t agent_id)
{
    open_edit(app, row, &start, agent_id);
}
