/* appt_actions.c - what the front desk does to one appointment: arrival
 * (mark and take back), statuses (only the transitions allowed now, by
 * model/appointment.h), cancel as excused or revoked with a reason, move /
 * resize / note; and the day view's keys that lead there (desk.h).
 *
 * A change is an "operation" kept as data (struct op) so that, when
 * another desk changed the row first (DB_ERR_CONFLICT), the conflict
 * dialog can re-apply exactly the same change on the current version. */
#include "desk.h"

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

enum {
    REASON_MAX_CHARS = 200,
    NOTE_MAX_CHARS = 500,
    LABEL_LEN = 320,
};

/* snprintf for sentences and labels, where cutting a long name short is
 * the right outcome (and the compiler need not be told so each time). */
static void say(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

/* ---- shared helpers (desk.h) ---------------------------------------------- */

void ui_desk_reload(struct ui_app *app)
{
    for (int i = 0; i < app->layer_count; i++)
        if (app->layers[i]->reload)
            app->layers[i]->reload(app, app->layers[i]);
}

int ui_desk_refuse_readonly(struct ui_app *app, const char *what)
{
    if (!app->readonly)
        return 0;
    ui_app_refuse_write(app, what);
    return 1;
}

void ui_desk_appt_label(const struct db_day_row *row, char *buf, size_t size)
{
    struct civil_datetime s;
    char when[32] = "";
    if (civil_parse_datetime(row->appt.starts_at, &s) == 0)
        say(when, sizeof when, "%02d/%02d %02d:%02d", s.date.day, s.date.month,
                 s.minute / 60, s.minute % 60);
    if (row->person_last[0] || row->person_first[0])
        say(buf, size, "%s %s, %s", row->person_last, row->person_first, when);
    else
        say(buf, size, "%s, %s", row->motif_name, when);
}

/* The bottom layer as a day view, or NULL (another view is at the bottom). */
static struct day_view *bottom_day_view(struct ui_app *app)
{
    if (app->layer_count < 1 || app->layers[0]->draw != ui_day_draw)
        return NULL;
    return day_view_of(app->layers[0]);
}

void ui_desk_show_in_day(struct ui_app *app, int64_t site_id, struct civil_date day,
                         int64_t agent_id, int minute)
{
    struct day_view *v = bottom_day_view(app);
    if (!v || !civil_date_valid(day))
        return;
    const struct db_site *cur = ui_app_site(app);
    if (site_id && (!cur || cur->id != site_id)) {
        for (size_t i = 0; i < app->site_count; i++) {
            if (app->sites[i].id == site_id) {
                app->site_index = i;
                ui_day_view_site_changed(app, &v->layer);
                break;
            }
        }
    }
    v->day = day;
    v->cursor_minute = minute;
    v->layer.reload(app, &v->layer);
    for (size_t i = 0; i < v->agent_count; i++)
        if (v->agents[i].id == agent_id)
            v->cursor_agent = i;
}

/* ---- operations ----------------------------------------------------------- */

enum op_kind { OP_ARRIVE, OP_STATUS, OP_CANCEL, OP_EDIT };

struct op {
    enum op_kind kind;
    int64_t id, version;
    int undo;                    /* OP_ARRIVE: take the mark back */
    enum appt_status to;         /* OP_STATUS; OP_CANCEL: excused or revoked */
    int do_move;                 /* OP_EDIT */
    struct db_reschedule move;
    int do_note;
    char text[DB_TEXT_LEN];      /* cancel reason, or the note */
    char label[LABEL_LEN];       /* the appointment, for people */
    char mine[LABEL_LEN];        /* what was being done */
    char done_msg[LABEL_LEN];    /* said when it worked */
};

static int op_run(struct ui_app *app, struct op *op, struct db_conflict *c, struct db_error *err)
{
    switch (op->kind) {
    case OP_ARRIVE:
        return db_appt_arrive(app->db, op->id, op->version, op->undo, c, err);
    case OP_STATUS:
        return db_appt_set_status(app->db, op->id, op->version, op->to, c, err);
    case OP_CANCEL:
        return db_appt_cancel(app->db, op->id, op->version, op->to, op->text, c, err);
    case OP_EDIT: {
        int64_t version = op->version;
        if (op->do_move) {
            int rc = db_appt_reschedule(app->db, op->id, version, &op->move, c, err);
            if (rc != DB_OK)
                return rc;
            struct db_appt now;
            if ((rc = db_appt_get(app->db, op->id, &now, err)) != DB_OK)
                return rc;
            version = now.version;
        }
        if (op->do_note)
            return db_appt_set_context(app->db, op->id, version, op->text, c, err);
        return DB_OK;
    }
    }
    return DB_ERR_INTERNAL;
}

static void op_report(struct ui_app *app, struct op *op, int rc, const struct db_conflict *c,
                      const struct db_error *err);
static void say_refused(struct ui_app *app, const struct op *op, const struct db_error *err);

static void conflict_done(struct ui_app *app, void *ctx, enum ui_conflict_choice choice,
                          int64_t current_version)
{
    struct op *op = ctx;
    if (app && !app->closing) {
        if (choice == UI_CONFLICT_REAPPLY) {
            op->version = current_version;
            struct db_conflict c;
            struct db_error err = {0};
            memset(&c, 0, sizeof c);
            int rc = op_run(app, op, &c, &err);
            op_report(app, op, rc, &c, &err);
        } else if (choice == UI_CONFLICT_RELOAD) {
            ui_desk_reload(app);
            ui_app_message(app, 0, "%s", _("Reloaded: this is what the other desk saved."));
        }
    }
    free(op);
}

/* Tells how it went: the success message and a reload, storage's message,
 * or the conflict dialog (with a copy of the operation to re-apply). */
static void op_report(struct ui_app *app, struct op *op, int rc, const struct db_conflict *c,
                      const struct db_error *err)
{
    if (rc == DB_OK) {
        ui_desk_reload(app);
        char extra[64] = "";
        if (op->kind == OP_STATUS && op->to == APPT_SEEN) {
            struct db_appt_row row;
            if (db_appt_get_row(app->db, op->id, &row, NULL) == DB_OK && row.waited_minutes >= 0)
                say(extra, sizeof extra, _(" (waited %d min)"), row.waited_minutes);
        }
        ui_app_message(app, 0, "%s%s", op->done_msg, extra);
        return;
    }
    if (rc == DB_ERR_CONFLICT) {
        struct op *again = malloc(sizeof *again);
        if (again) {
            *again = *op;
            ui_desk_reload(app);
            ui_conflict_show(app, op->label, op->mine, c, conflict_done, again);
            return;
        }
    }
    ui_desk_reload(app); /* the row may have changed under us */
    if (rc == DB_ERR_INVALID)
        say_refused(app, op, err);
    else
        ui_app_db_error(app, err);
}

static void op_execute(struct ui_app *app, struct op *op)
{
    struct db_conflict c;
    struct db_error err = {0};
    memset(&c, 0, sizeof c);
    int rc = op_run(app, op, &c, &err);
    op_report(app, op, rc, &c, &err);
}

static void op_init(struct op *op, enum op_kind kind, const struct db_day_row *row)
{
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->id = row->appt.id;
    op->version = row->appt.version;
    ui_desk_appt_label(row, op->label, sizeof op->label);
}

/* ---- statuses ----------------------------------------------------------------- */

static const char *status_words(enum appt_status s)
{
    switch (s) {
    case APPT_UNKNOWN: return _("no outcome yet");
    case APPT_SEEN: return _("seen");
    case APPT_EXCUSED: return _("excused (cancelled by the person)");
    case APPT_REVOKED: return _("revoked (cancelled by the service)");
    case APPT_NOSHOW: return _("no-show");
    case APPT_STATUS_COUNT: break;
    }
    return "?";
}

/* Why `from` -> `to` is refused now, for the status line. */
static void refusal(enum appt_status from, enum appt_status to, struct civil_datetime start,
                    struct civil_datetime now, char *buf, size_t size)
{
    if (from == to)
        say(buf, size, _("It is already %s."), status_words(to));
    else if (from != APPT_UNKNOWN)
        say(buf, size, _("It is %s: press u to undo that status first."),
                 status_words(from));
    else if (to == APPT_SEEN && civil_date_compare(start.date, now.date) > 0)
        say(buf, size, "%s", _("Seen is possible from the day of the appointment."));
    else if (to == APPT_NOSHOW)
        say(buf, size, "%s", _("No-show is possible once the start time has passed."));
    else
        say(buf, size, "%s", _("That change is not possible now."));
}

static int parse_start(const struct db_day_row *row, struct civil_datetime *start)
{
    return civil_parse_datetime(row->appt.starts_at, start);
}

/* Why marking `a` arrived is refused now, as a plain sentence (the same
 * rules as db_appt_arrive); 0 when it is allowed. */
static int arrival_refusal(const struct db_appt *a, struct civil_datetime now, char *buf,
                           size_t size)
{
    struct civil_datetime start;
    if (civil_parse_datetime(a->starts_at, &start) != 0)
        return 0; /* storage will say */
    if (appt_status_is_cancelled(a->status))
        say(buf, size, _("Arrival is not possible: the appointment is %s."),
            status_words(a->status));
    else if (a->status == APPT_NOSHOW)
        say(buf, size, "%s",
            _("Arrival is not possible: the appointment is marked no-show (u to undo that)."));
    else if (a->status == APPT_SEEN)
        say(buf, size, "%s", _("Arrival is not possible: the person was already seen."));
    else if (civil_date_compare(start.date, now.date) != 0)
        say(buf, size, "%s", _("Arrival can be marked only on the day of the appointment."));
    else
        return 0;
    return 1;
}

/* A change storage refused as invalid (the row may have changed since it
 * was drawn): the reason as a plain sentence, from the row as it is now,
 * rather than storage's "invalid input: ..." with its English status
 * names. */
static void say_refused(struct ui_app *app, const struct op *op, const struct db_error *err)
{
    char why[UI_MESSAGE_LEN] = "";
    struct db_appt now;
    struct civil_datetime start;
    if (db_appt_get(app->db, op->id, &now, NULL) == DB_OK &&
        civil_parse_datetime(now.starts_at, &start) == 0) {
        if (op->kind == OP_ARRIVE && !op->undo)
            arrival_refusal(&now, app->now, why, sizeof why);
        else if ((op->kind == OP_STATUS || op->kind == OP_CANCEL) &&
                 !appt_transition_allowed(now.status, op->to, start, app->now))
            refusal(now.status, op->to, start, app->now, why, sizeof why);
        else if (op->kind == OP_STATUS && op->to == APPT_NOSHOW && now.arrived_at[0])
            say(why, sizeof why, "%s",
                _("No-show is not possible: the person arrived (a to take the arrival back)."));
    }
    if (!why[0])
        say(why, sizeof why, "%s",
            err && err->detail[0] ? err->detail : _("That change is not possible now."));
    ui_app_message(app, 1, "%s", why);
}

static void set_status(struct ui_app *app, const struct db_day_row *row, enum appt_status to)
{
    struct civil_datetime start;
    if (parse_start(row, &start) != 0)
        return;
    enum appt_status from = row->appt.status;
    if (!appt_transition_allowed(from, to, start, app->now)) {
        char why[256];
        refusal(from, to, start, app->now, why, sizeof why);
        ui_app_message(app, 1, "%s", why);
        return;
    }
    if (to == APPT_NOSHOW && row->appt.arrived_at[0]) {
        ui_app_message(app, 1, "%s",
                       _("No-show is not possible: the person arrived (a to take the arrival "
                         "back)."));
        return;
    }
    struct op op;
    op_init(&op, OP_STATUS, row);
    op.to = to;
    say(op.mine, sizeof op.mine, _("status: %s"), status_words(to));
    if (to == APPT_UNKNOWN)
        say(op.done_msg, sizeof op.done_msg, _("No outcome yet: %s"), op.label);
    else
        say(op.done_msg, sizeof op.done_msg, _("%s: %s"), status_words(to), op.label);
    /* Capitalised first letter reads better at the start of the line. */
    if (op.done_msg[0] >= 'a' && op.done_msg[0] <= 'z')
        op.done_msg[0] = (char)(op.done_msg[0] - 'a' + 'A');
    op_execute(app, &op);
}

static void arrive(struct ui_app *app, const struct db_day_row *row)
{
    char why[256];
    if (!row->appt.arrived_at[0] && arrival_refusal(&row->appt, app->now, why, sizeof why)) {
        ui_app_message(app, 1, "%s", why);
        return;
    }
    struct op op;
    op_init(&op, OP_ARRIVE, row);
    op.undo = row->appt.arrived_at[0] != '\0';
    say(op.mine, sizeof op.mine, "%s",
             op.undo ? _("take the arrival back") : _("mark arrived"));
    char hhmm[8];
    say(hhmm, sizeof hhmm, "%02d:%02d", app->now.minute / 60, app->now.minute % 60);
    if (op.undo)
        say(op.done_msg, sizeof op.done_msg, _("Arrival taken back: %s"), op.label);
    else
        say(op.done_msg, sizeof op.done_msg, _("Arrived at %s: %s"), hhmm, op.label);
    op_execute(app, &op);
}

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
    int rc = op_run(app, &c->op, &c->conflict, &err);
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
                ui_conflict_show(app, c->op.label, c->op.mine, &c->conflict, conflict_done,
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
    say(c->op.text, sizeof c->op.text, "%s", ui_form_text(form, c->f_reason));
    say(c->op.mine, sizeof c->op.mine, _("cancel (%s): %s"), status_words(c->op.to),
             c->op.text);
    say(c->op.done_msg, sizeof c->op.done_msg, _("%s: %s"),
        c->op.to == APPT_EXCUSED ? _("Cancelled (excused)") : _("Cancelled (revoked)"),
        c->op.label);
    return form_run(app, form, c);
}

static void open_cancel(struct ui_app *app, const struct db_day_row *row, enum appt_status how)
{
    struct civil_datetime start;
    if (parse_start(row, &start) != 0)
        return;
    enum appt_status from = row->appt.status;
    if (appt_status_is_cancelled(from)) {
        ui_app_message(app, 1, _("It is already %s."), status_words(from));
        return;
    }
    if (!appt_transition_allowed(from, APPT_EXCUSED, start, app->now)) {
        char why[256];
        refusal(from, APPT_EXCUSED, start, app->now, why, sizeof why);
        ui_app_message(app, 1, "%s", why);
        return;
    }
    struct form_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return;
    c->row = *row;
    c->f_overbook = -1;
    op_init(&c->op, OP_CANCEL, row);
    struct ui_form_hooks hooks = {.validate = cancel_validate, .done = form_done};
    struct ui_form *f = ui_form_new(_("Cancel the appointment"), &hooks, c);
    if (!f) {
        form_ctx_free(c);
        return;
    }
    const char *who[2] = {_("the person (excused)"), _("the service (revoked)")};
    ui_form_add_info(f, _("Appointment"), c->op.label);
    ui_form_add_info(f, _("Motif"), row->motif_name);
    c->f_how = ui_form_add_choice(f, _("Cancelled by"), who, 2, how == APPT_REVOKED ? 1 : 0);
    c->f_reason = ui_form_add_text(f, _("Reason"), "", REASON_MAX_CHARS, UI_FORM_REQUIRED);
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
        say(op->move.starts_at, sizeof op->move.starts_at, "%s", starts);
    if (agent != old->agent_id)
        op->move.agent_id = agent;
    if (duration != old_duration)
        op->move.duration_minutes = (int)duration;
    const char *note = ui_form_text(form, c->f_note);
    /* The form shows a note's line breaks as spaces: unchanged text is
     * compared that way, so an untouched note is not rewritten. */
    struct ui_edit shown;
    ui_edit_set(&shown, old->context, 0);
    op->do_note = strcmp(note, shown.text) != 0;
    say(op->text, sizeof op->text, "%s", note);
    if (!op->do_move && !op->do_note) {
        ui_form_set_error(form, -1, _("Nothing changed."));
        return 1;
    }
    if (op->do_move) {
        struct db_appt a = *old;
        say(a.starts_at, sizeof a.starts_at, "%s", starts);
        say(a.ends_at, sizeof a.ends_at, "%s", ends);
        a.agent_id = agent;
        int overbook = 0;
        if (ui_desk_check_booking(app, form, c->f_overbook, &a, &c->warnings_shown, &overbook))
            return 1;
        op->move.overbook = overbook;
    }
    char when[32];
    say(when, sizeof when, "%02d/%02d %02d:%02d", d.day, d.month, minute / 60, minute % 60);
    if (op->do_move && op->do_note)
        say(op->mine, sizeof op->mine, _("move to %s, %ld min, and change the note"), when,
                 duration);
    else if (op->do_move)
        say(op->mine, sizeof op->mine, _("move to %s, %ld min"), when, duration);
    else
        say(op->mine, sizeof op->mine, _("note: %s"), note);
    say(op->done_msg, sizeof op->done_msg, _("Changed: %s"), op->label);
    if (op->do_move) {
        int r = form_run(app, form, c);
        if (r == 0 && !c->conflict_pending) {
            ui_desk_show_in_day(app, old->site_id, d, agent, minute);
            say(op->done_msg, sizeof op->done_msg, _("Moved to %s: %s"), when,
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

static void open_edit(struct ui_app *app, const struct db_day_row *row)
{
    struct civil_datetime start;
    if (parse_start(row, &start) != 0)
        return;
    struct form_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return;
    c->row = *row;
    op_init(&c->op, OP_EDIT, row);
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
    say(date, sizeof date, "%02d/%02d/%04d", start.date.day, start.date.month,
             start.date.year);
    civil_format_time(start.minute, time, sizeof time);
    say(dur, sizeof dur, "%d", minutes_between(row->appt.starts_at, row->appt.ends_at));
    const char **names = calloc(c->agent_count + 1, sizeof *names);
    char (*buf)[2 * DB_NAME_LEN + 2] = calloc(c->agent_count + 1, sizeof *buf);
    size_t sel = 0;
    size_t n = 0;
    if (names && buf) {
        for (size_t i = 0; i < c->agent_count; i++) {
            say(buf[i], sizeof buf[i], "%s %s", c->agents[i].first_name,
                     c->agents[i].last_name);
            names[i] = buf[i];
            if (c->agents[i].id == row->appt.agent_id)
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
    c->f_note = ui_form_add_text(f, _("Note"), row->appt.context, NOTE_MAX_CHARS, 0);
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
    ui_form_set_hint(f, c->f_overbook, _("tick to book over the agent's other appointment"));
    ui_form_set_hidden(f, c->f_overbook, 1);
    ui_form_focus(f, c->f_time);
    ui_app_push(app, ui_form_layer(f));
}

/* ---- the status menu ------------------------------------------------------------------ */

struct menu_ctx {
    struct db_day_row row;
    size_t count;
    enum appt_status to[APPT_STATUS_COUNT];
};

static void menu_done(struct ui_app *app, void *ctx, long chosen)
{
    struct menu_ctx *m = ctx;
    if (app && !app->closing && chosen >= 0 && (size_t)chosen < m->count) {
        enum appt_status to = m->to[chosen];
        if (appt_status_is_cancelled(to))
            open_cancel(app, &m->row, to); /* asks for the reason */
        else
            set_status(app, &m->row, to);
    }
    free(m);
}

static void status_menu(struct ui_app *app, const struct db_day_row *row)
{
    struct civil_datetime start;
    if (parse_start(row, &start) != 0)
        return;
    enum appt_status from = row->appt.status;
    struct menu_ctx *m = calloc(1, sizeof *m);
    if (!m)
        return;
    m->row = *row;
    const char *items[APPT_STATUS_COUNT];
    char lines[APPT_STATUS_COUNT][160];
    /* Every target status, with its key where it has one. */
    static const struct {
        enum appt_status to;
        const char *words;
    } choices[] = {
        {APPT_SEEN, N_("Seen (v)")},
        {APPT_NOSHOW, N_("No-show (N)")},
        {APPT_EXCUSED, N_("Excused: cancelled by the person (x)")},
        {APPT_REVOKED, N_("Revoked: cancelled by the service")},
        {APPT_UNKNOWN, N_("No outcome yet: undo the status (u)")},
    };
    for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++) {
        if (!appt_transition_allowed(from, choices[i].to, start, app->now))
            continue;
        say(lines[m->count], sizeof lines[m->count], "%s", _(choices[i].words));
        items[m->count] = lines[m->count];
        m->to[m->count++] = choices[i].to;
    }
    if (m->count == 0) {
        ui_app_message(app, 1, _("No status change is possible now (it is %s)."),
                       status_words(from));
        free(m);
        return;
    }
    char title[LABEL_LEN + 32];
    ui_desk_appt_label(row, title, sizeof title);
    struct ui_layer *l = ui_list_new(title, items, m->count, 0, menu_done, m);
    if (l)
        ui_app_push(app, l);
}

/* ---- entry points ---------------------------------------------------------------------- */

enum ui_result ui_appt_act(struct ui_app *app, const struct db_day_row *row,
                           enum ui_action action)
{
    const struct ui_action_info *info = ui_action_info(action);
    switch (action) {
    case UI_ACT_ARRIVED:
    case UI_ACT_SEEN:
    case UI_ACT_NOSHOW:
    case UI_ACT_UNDO_STATUS:
    case UI_ACT_STATUS:
    case UI_ACT_CANCEL_APPT:
    case UI_ACT_EDIT:
        break;
    default:
        return UI_IGNORED;
    }
    if (ui_desk_refuse_readonly(app, _(info->help)))
        return UI_HANDLED;
    switch (action) {
    case UI_ACT_ARRIVED: arrive(app, row); break;
    case UI_ACT_SEEN: set_status(app, row, APPT_SEEN); break;
    case UI_ACT_NOSHOW: set_status(app, row, APPT_NOSHOW); break;
    case UI_ACT_UNDO_STATUS: set_status(app, row, APPT_UNKNOWN); break;
    case UI_ACT_STATUS: status_menu(app, row); break;
    case UI_ACT_CANCEL_APPT: open_cancel(app, row, APPT_EXCUSED); break;
    case UI_ACT_EDIT: open_edit(app, row); break;
    default: break;
    }
    return UI_HANDLED;
}

/* ---- the day view's keys ------------------------------------------------------------------ */

struct pick_ctx {
    enum ui_action action;
    size_t count;
    struct db_day_row rows[CELL_CHOICES];
};

static void pick_done(struct ui_app *app, void *ctx, long chosen)
{
    struct pick_ctx *p = ctx;
    if (app && !app->closing && chosen >= 0 && (size_t)chosen < p->count)
        ui_appt_act(app, &p->rows[chosen], p->action);
    free(p);
}

static int is_appt_action(enum ui_action a)
{
    switch (a) {
    case UI_ACT_ARRIVED:
    case UI_ACT_SEEN:
    case UI_ACT_NOSHOW:
    case UI_ACT_UNDO_STATUS:
    case UI_ACT_STATUS:
    case UI_ACT_CANCEL_APPT:
    case UI_ACT_EDIT:
        return 1;
    default:
        return 0;
    }
}

/* Whether an appointment is a likely target of `action`: arrival and
 * outcomes concern appointments still standing, undo concerns those with
 * a status. */
static int fits(enum ui_action action, const struct db_appt *a)
{
    switch (action) {
    case UI_ACT_UNDO_STATUS:
        return a->status != APPT_UNKNOWN;
    case UI_ACT_ARRIVED:
    case UI_ACT_SEEN:
    case UI_ACT_NOSHOW:
    case UI_ACT_CANCEL_APPT:
        return !appt_status_is_cancelled(a->status);
    default:
        return 1;
    }
}

/* The appointment action on the cursor cell: on the one appointment it is
 * about (the only likely target, preferring the one starting in the row,
 * as drawn), else after choosing in a list. */
static void act_on_cell(struct ui_app *app, struct day_view *v, const struct day_layout *lo,
                        enum ui_action action)
{
    int a = lo->first_minute + lo->cursor_row * lo->step;
    const struct ui_day_appt *list[CELL_CHOICES];
    size_t n = 0;
    if (v->loaded && v->cursor_agent < v->agent_count)
        n = ui_day_cell_appts(&v->data, v->cursor_agent, a, a + lo->step, list, CELL_CHOICES);
    if (n > CELL_CHOICES)
        n = CELL_CHOICES;
    if (n == 0) {
        ui_app_message(app, 0, "%s", _("No appointment here."));
        return;
    }
    const struct ui_day_appt *cand[CELL_CHOICES];
    size_t nc = 0, starting = 0;
    const struct ui_day_appt *first_starting = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!fits(action, &list[i]->row->appt))
            continue;
        cand[nc++] = list[i];
        if (list[i]->start >= a && list[i]->start < a + lo->step) {
            if (!starting++)
                first_starting = list[i];
        }
    }
    if (starting == 1) {
        ui_appt_act(app, first_starting->row, action);
        return;
    }
    if (nc == 1 || (nc == 0 && n == 1)) {
        ui_appt_act(app, nc ? cand[0]->row : list[0]->row, action);
        return;
    }
    if (nc == 0) { /* none fits: let the person see them all */
        for (size_t i = 0; i < n; i++)
            cand[i] = list[i];
        nc = n;
    }
    struct pick_ctx *p = calloc(1, sizeof *p);
    if (!p)
        return;
    p->action = action;
    p->count = nc;
    char lines[CELL_CHOICES][LABEL_LEN + 128];
    const char *items[CELL_CHOICES];
    for (size_t i = 0; i < nc; i++) {
        p->rows[i] = *cand[i]->row;
        char label[LABEL_LEN];
        ui_desk_appt_label(cand[i]->row, label, sizeof label);
        enum ui_appt_look look = ui_appt_look(&cand[i]->row->appt, cand[i]->start_at, app->now);
        say(lines[i], sizeof lines[i], "%s · %s · %s", label, cand[i]->row->motif_name,
            ui_appt_look_words(look));
        items[i] = lines[i];
    }
    struct ui_layer *l = ui_list_new(_("Which appointment?"), items, nc, 0, pick_done, p);
    if (l)
        ui_app_push(app, l);
}

static void book_on_cell(struct ui_app *app, struct day_view *v, const struct day_layout *lo)
{
    const struct db_site *site = ui_app_site(app);
    if (!site || v->cursor_agent >= v->agent_count) {
        ui_app_message(app, 1, "%s", _("No agent here to book with."));
        return;
    }
    struct ui_booking b;
    memset(&b, 0, sizeof b);
    b.site_id = site->id;
    b.agent_id = v->agents[v->cursor_agent].id;
    b.start.date = v->day;
    b.start.minute = lo->first_minute + lo->cursor_row * lo->step;
    ui_book_open(app, &b);
}

enum ui_result ui_desk_day_key(struct ui_app *app, struct ui_layer *day_view,
                               enum ui_action action)
{
    struct day_view *v = day_view_of(day_view);
    struct day_layout lo;
    ui_day_compute_layout(v, &lo);
    if (action == UI_ACT_SEARCH) {
        struct ui_layer *l = ui_people_new(app);
        if (l)
            ui_app_push(app, l);
        return UI_HANDLED;
    }
    if (action == UI_ACT_DETAILS) {
        /* Enter on a free cell books there; on an appointment: details. */
        int a = lo.first_minute + lo.cursor_row * lo.step;
        const struct ui_day_appt *list[1];
        if (!v->loaded || v->cursor_agent >= v->agent_count ||
            ui_day_cell_appts(&v->data, v->cursor_agent, a, a + lo.step, list, 1) > 0)
            return UI_IGNORED;
        if (ui_desk_refuse_readonly(app, _(ui_action_info(UI_ACT_NEW)->help)))
            return UI_HANDLED;
        book_on_cell(app, v, &lo);
        return UI_HANDLED;
    }
    const struct ui_action_info *info = ui_action_info(action);
    /* Write actions on a read-only database: the event loop says so. */
    if (!info || ((info->flags & UI_ACTF_WRITES) && app->readonly))
        return UI_IGNORED;
    if (action == UI_ACT_NEW) {
        book_on_cell(app, v, &lo);
        return UI_HANDLED;
    }
    if (action == UI_ACT_FIND_SLOT) {
        ui_slots_open(app, 0);
        return UI_HANDLED;
    }
    if (is_appt_action(action)) {
        act_on_cell(app, v, &lo, action);
        return UI_HANDLED;
    }
    return UI_IGNORED;
}
