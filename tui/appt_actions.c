/* appt_actions.c - what the front desk does to one appointment: arrival
 * (mark and take back), statuses (only the transitions allowed now, by
 * model/appointment.h), the status menu, and the entry point ui_appt_act
 * (desk.h). The cancel and move / resize / note forms are in appt_forms.c,
 * the day view's keys that lead here in appt_day_keys.c; appt_int.h is what
 * they share.
 *
 * A change is an "operation" kept as data (struct op) so that, when
 * another desk changed the row first (DB_ERR_CONFLICT), the conflict
 * dialog can re-apply exactly the same change on the current version. */
#include "desk.h"
#include "appt_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../model/appointment.h"
#include "../model/search.h"
#include "day_grid.h"
#include "dialog_conflict.h"
#include "dialogs.h"
#include "form.h"
#include "view_day.h"
#include "view_day_int.h"

void ui_appt_say(char *buf, size_t size, const char *fmt, ...)
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

const char *ui_phone_text(const char *stored, char *buf, size_t size)
{
    char digits[SEARCH_PHONE_LEN];
    if (stored && search_phone_digits(stored, digits, sizeof digits) >= SEARCH_PHONE_MIN_DIGITS &&
        search_phone_grouped(digits, buf, size) == 0)
        return buf;
    snprintf(buf, size, "%s", stored ? stored : "");
    return buf;
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
        ui_appt_say(when, sizeof when, "%02d/%02d %02d:%02d", s.date.day, s.date.month,
                 s.minute / 60, s.minute % 60);
    if (row->person_last[0] || row->person_first[0])
        ui_appt_say(buf, size, "%s %s, %s", row->person_last, row->person_first, when);
    else
        ui_appt_say(buf, size, "%s, %s", row->motif_name, when);
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

int ui_appt_op_run(struct ui_app *app, struct op *op, struct db_conflict *c, struct db_error *err)
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

void ui_appt_conflict_done(struct ui_app *app, void *ctx, enum ui_conflict_choice choice,
                           int64_t current_version)
{
    struct op *op = ctx;
    if (app && !app->closing) {
        if (choice == UI_CONFLICT_REAPPLY) {
            op->version = current_version;
            struct db_conflict c;
            struct db_error err = {0};
            memset(&c, 0, sizeof c);
            int rc = ui_appt_op_run(app, op, &c, &err);
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
                ui_appt_say(extra, sizeof extra, _(" (waited %d min)"), row.waited_minutes);
        }
        struct db_appt now;
        if (op->one_key && db_appt_get(app->db, op->id, &now, NULL) == DB_OK) {
            /* Remember how to take it back, and say so. */
            app->undo.appt_id = op->id;
            app->undo.version = now.version;
            app->undo.arrival = op->kind == OP_ARRIVE;
            app->undo.old_status = op->from;
            app->undo.at_ms = ui_app_monotonic_ms();
            /* TRANSLATORS: after a status change: what was done, then
             * the key that takes it back. */
            ui_app_message(app, 0, _("%s%s · z: undo"), op->done_msg, extra);
            return;
        }
        ui_app_message(app, 0, "%s%s", op->done_msg, extra);
        return;
    }
    if (rc == DB_ERR_CONFLICT) {
        struct op *again = malloc(sizeof *again);
        if (again) {
            *again = *op;
            ui_desk_reload(app);
            ui_conflict_show(app, op->label, op->mine, c, ui_appt_conflict_done, again);
            return;
        }
    }
    ui_desk_reload(app); /* the row may have changed under us */
    if (rc == DB_ERR_INVALID || rc == DB_ERR_REFUSED)
        say_refused(app, op, err);
    else
        ui_app_db_error(app, err);
}

void ui_appt_op_execute(struct ui_app *app, struct op *op)
{
    struct db_conflict c;
    struct db_error err = {0};
    memset(&c, 0, sizeof c);
    int rc = ui_appt_op_run(app, op, &c, &err);
    op_report(app, op, rc, &c, &err);
}

void ui_appt_op_init(struct op *op, enum op_kind kind, const struct db_day_row *row)
{
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->id = row->appt.id;
    op->version = row->appt.version;
    ui_desk_appt_label(row, op->label, sizeof op->label);
}

/* ---- statuses ----------------------------------------------------------------- */

const char *ui_appt_status_words(enum appt_status s)
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
void ui_appt_refusal(enum appt_status from, enum appt_status to, struct civil_datetime start,
                     struct civil_datetime now, char *buf, size_t size)
{
    if (from == to)
        ui_appt_say(buf, size, _("It is already %s."), ui_appt_status_words(to));
    else if (from != APPT_UNKNOWN)
        ui_appt_say(buf, size, _("It is %s: press u to undo that status first."),
                 ui_appt_status_words(from));
    else if (to == APPT_SEEN && civil_date_compare(start.date, now.date) > 0)
        ui_appt_say(buf, size, "%s", _("Seen is possible from the day of the appointment."));
    else if (to == APPT_NOSHOW)
        ui_appt_say(buf, size, "%s", _("No-show is possible once the start time has passed."));
    else
        ui_appt_say(buf, size, "%s", _("That change is not possible now."));
}

int ui_appt_parse_start(const struct db_day_row *row, struct civil_datetime *start)
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
        ui_appt_say(buf, size, _("Arrival is not possible: the appointment is %s."),
            ui_appt_status_words(a->status));
    else if (a->status == APPT_NOSHOW)
        ui_appt_say(buf, size, "%s",
            _("Arrival is not possible: the appointment is marked no-show (u to undo that)."));
    else if (a->status == APPT_SEEN)
        ui_appt_say(buf, size, "%s", _("Arrival is not possible: the person was already seen."));
    else if (civil_date_compare(start.date, now.date) != 0)
        ui_appt_say(buf, size, "%s", _("Arrival can be marked only on the day of the appointment."));
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
            ui_appt_refusal(now.status, op->to, start, app->now, why, sizeof why);
        else if (op->kind == OP_STATUS && op->to == APPT_NOSHOW && now.arrived_at[0])
            ui_appt_say(why, sizeof why, "%s",
                _("No-show is not possible: the person arrived (a to take the arrival back)."));
    }
    if (!why[0])
        ui_appt_say(why, sizeof why, "%s",
            err && err->detail[0] ? err->detail : _("That change is not possible now."));
    ui_app_message(app, 1, "%s", why);
}

static void set_status(struct ui_app *app, const struct db_day_row *row, enum appt_status to)
{
    struct civil_datetime start;
    if (ui_appt_parse_start(row, &start) != 0)
        return;
    enum appt_status from = row->appt.status;
    if (!appt_transition_allowed(from, to, start, app->now)) {
        char why[256];
        ui_appt_refusal(from, to, start, app->now, why, sizeof why);
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
    ui_appt_op_init(&op, OP_STATUS, row);
    op.to = to;
    op.from = from;
    op.one_key = 1;
    ui_appt_say(op.mine, sizeof op.mine, _("status: %s"), ui_appt_status_words(to));
    if (to == APPT_UNKNOWN)
        ui_appt_say(op.done_msg, sizeof op.done_msg, _("No outcome yet: %s"), op.label);
    else
        ui_appt_say(op.done_msg, sizeof op.done_msg, _("%s: %s"), ui_appt_status_words(to), op.label);
    /* Capitalised first letter reads better at the start of the line. */
    if (op.done_msg[0] >= 'a' && op.done_msg[0] <= 'z')
        op.done_msg[0] = (char)(op.done_msg[0] - 'a' + 'A');
    ui_appt_op_execute(app, &op);
}

static void arrive(struct ui_app *app, const struct db_day_row *row)
{
    char why[256];
    if (!row->appt.arrived_at[0] && arrival_refusal(&row->appt, app->now, why, sizeof why)) {
        ui_app_message(app, 1, "%s", why);
        return;
    }
    struct op op;
    ui_appt_op_init(&op, OP_ARRIVE, row);
    op.undo = row->appt.arrived_at[0] != '\0';
    op.one_key = 1;
    ui_appt_say(op.mine, sizeof op.mine, "%s",
             op.undo ? _("take the arrival back") : _("mark arrived"));
    char hhmm[8];
    ui_appt_say(hhmm, sizeof hhmm, "%02d:%02d", app->now.minute / 60, app->now.minute % 60);
    if (op.undo)
        ui_appt_say(op.done_msg, sizeof op.done_msg, _("Arrival taken back: %s"), op.label);
    else
        ui_appt_say(op.done_msg, sizeof op.done_msg, _("Arrived at %s: %s"), hhmm, op.label);
    ui_appt_op_execute(app, &op);
}

void ui_desk_undo(struct ui_app *app)
{
    ui_appt_undo(app);
}

void ui_appt_undo(struct ui_app *app)
{
    struct ui_undo u = app->undo;
    int64_t age = ui_app_monotonic_ms() - u.at_ms;
    if (!u.appt_id || age > UI_UNDO_SECONDS * 1000) {
        ui_app_message(app, 0, "%s", _("Nothing to undo (z works for a few seconds after a change)."));
        return;
    }
    memset(&app->undo, 0, sizeof app->undo);
    struct db_day_row row;
    struct db_error err = {0};
    struct db_appt_row full;
    if (db_appt_get_row(app->db, u.appt_id, &full, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        return;
    }
    row = full.day;
    if (row.appt.version != u.version) {
        ui_app_message(app, 1, "%s", _("Not undone: the appointment changed since."));
        return;
    }
    struct op op;
    if (u.arrival) {
        ui_appt_op_init(&op, OP_ARRIVE, &row);
        op.undo = row.appt.arrived_at[0] != '\0';
        ui_appt_say(op.mine, sizeof op.mine, "%s", _("undo"));
    } else {
        ui_appt_op_init(&op, OP_STATUS, &row);
        op.to = (enum appt_status)u.old_status;
        op.from = row.appt.status;
        ui_appt_say(op.mine, sizeof op.mine, _("status: %s"), ui_appt_status_words(op.to));
    }
    ui_appt_say(op.done_msg, sizeof op.done_msg, _("Undone: %s"), op.label);
    ui_appt_op_execute(app, &op);
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
            ui_appt_open_cancel(app, &m->row, to); /* asks for the reason */
        else
            set_status(app, &m->row, to);
    }
    free(m);
}

static void status_menu(struct ui_app *app, const struct db_day_row *row)
{
    struct civil_datetime start;
    if (ui_appt_parse_start(row, &start) != 0)
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
        ui_appt_say(lines[m->count], sizeof lines[m->count], "%s", _(choices[i].words));
        items[m->count] = lines[m->count];
        m->to[m->count++] = choices[i].to;
    }
    if (m->count == 0) {
        ui_app_message(app, 1, _("No status change is possible now (it is %s)."),
                       ui_appt_status_words(from));
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
    /* Writes on a read-only file were refused by the event loop (the
     * key table says these write); a list chosen from later came from
     * such a key too. */
    switch (action) {
    case UI_ACT_ARRIVED: arrive(app, row); break;
    case UI_ACT_SEEN: set_status(app, row, APPT_SEEN); break;
    case UI_ACT_NOSHOW: set_status(app, row, APPT_NOSHOW); break;
    case UI_ACT_UNDO_STATUS: set_status(app, row, APPT_UNKNOWN); break;
    case UI_ACT_STATUS: status_menu(app, row); break;
    case UI_ACT_CANCEL_APPT: ui_appt_open_cancel(app, row, APPT_EXCUSED); break;
    case UI_ACT_EDIT: ui_appt_open_edit(app, row); break;
    default: break;
    }
    return UI_HANDLED;
}
