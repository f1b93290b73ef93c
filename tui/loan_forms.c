/* loan_forms.c - the forms of the room-loan screens (see view_loans.h):
 *   - a new request: room, association, a weekly series or one date, time,
 *     first and last date (empty: the end of the school year), every N
 *     weeks, purpose, expected attendance. The first Enter shows, in the
 *     form, the dates the series gives, the dates it skips with their
 *     reasons (holidays, closures, blackouts) and those already lent to
 *     another association; Enter again (nothing changed) saves;
 *   - an association (name, RNA or SIRET, contact, insurance expiry);
 *   - the reason of a refusal or a cancellation;
 *   - the free-room finder, whose answer is a list: rooms free on every
 *     date first, then those taken on some dates (the first ones named).
 * Every write is one storage unit; a refusal leaves the form open with
 * storage's words and nothing written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "dialogs.h"
#include "form.h"
#include "loans_int.h"

static void date_fr(const char *iso, char *buf, size_t size)
{
    struct civil_date d;
    if (civil_parse_date(iso, &d) == 0)
        civil_format_date_fr(d, buf, size);
    else
        snprintf(buf, size, "%s", iso);
}

static void form_db_error(struct ui_form *form, const struct db_error *err)
{
    char msg[UI_MESSAGE_LEN];
    db_error_format(err, msg, sizeof msg);
    ui_form_set_error(form, -1, msg);
}

/* ---- new request ---------------------------------------------------------- */

enum { RQ_ROOM, RQ_ASSOC, RQ_KIND, RQ_DAYS, RQ_TIME, RQ_FROM, RQ_TO, RQ_EVERY, RQ_PURPOSE,
       RQ_ATTENDANCE, RQ_FIELDS };

struct request_form {
    int field[RQ_FIELDS];
    struct db_room *rooms;
    size_t n_rooms;
    struct db_association *assocs;
    size_t n_assocs;
    char previewed[1024]; /* the values the preview shown was made of */
    int64_t saved_id;
    size_t saved_dates, saved_skipped;
};

static void request_values(const struct ui_form *form, const struct request_form *rf, char *buf,
                           size_t size)
{
    snprintf(buf, size, "%zu|%zu|%zu|%s|%s|%s|%s|%s|%s", ui_form_choice(form, rf->field[RQ_ROOM]),
             ui_form_choice(form, rf->field[RQ_ASSOC]), ui_form_choice(form, rf->field[RQ_KIND]),
             ui_form_text(form, rf->field[RQ_DAYS]), ui_form_text(form, rf->field[RQ_TIME]),
             ui_form_text(form, rf->field[RQ_FROM]), ui_form_text(form, rf->field[RQ_TO]),
             ui_form_text(form, rf->field[RQ_EVERY]),
             ui_form_text(form, rf->field[RQ_ATTENDANCE]));
}

/* The request the form describes; 0, or -1 with a message under a field. */
static int request_from_form(struct ui_form *form, struct request_form *rf,
                             struct db_loan_request *req)
{
    memset(req, 0, sizeof *req);
    if (rf->n_rooms == 0 || rf->n_assocs == 0) {
        ui_form_set_error(form, -1, rf->n_rooms ? _("Register an association first (A).")
                                                : _("No room to lend yet: add a collège and "
                                                    "its rooms (guichet room add)."));
        return -1;
    }
    req->room_id = rf->rooms[ui_form_choice(form, rf->field[RQ_ROOM])].id;
    req->association_id = rf->assocs[ui_form_choice(form, rf->field[RQ_ASSOC])].id;
    int one_date = ui_form_choice(form, rf->field[RQ_KIND]) == 1;
    struct loan_pattern *p = &req->pattern;
    if (ui_form_date(form, rf->field[RQ_FROM], &p->first) != 0) {
        ui_form_set_error(form, rf->field[RQ_FROM], _("A date like 25/11/2026."));
        return -1;
    }
    if (loan_parse_time_range(ui_form_text(form, rf->field[RQ_TIME]), &p->start_minute,
                              &p->end_minute) != 0) {
        ui_form_set_error(form, rf->field[RQ_TIME], _("A time range like 18:00-20:00."));
        return -1;
    }
    p->every_weeks = 1;
    if (one_date) {
        p->weekdays = LOAN_DAY(civil_weekday(p->first));
        p->last = p->first;
    } else {
        if (loan_parse_weekdays(ui_form_text(form, rf->field[RQ_DAYS]), &p->weekdays) != 0) {
            ui_form_set_error(form, rf->field[RQ_DAYS],
                              _("Weekdays like tue or tue,thu (or mardi,jeudi)."));
            return -1;
        }
        const char *to = ui_form_text(form, rf->field[RQ_TO]);
        if (to[0] && ui_form_date(form, rf->field[RQ_TO], &p->last) != 0) {
            ui_form_set_error(form, rf->field[RQ_TO], _("A date like 25/11/2026."));
            return -1;
        }
        long every = 1;
        if (ui_form_text(form, rf->field[RQ_EVERY])[0])
            ui_form_number(form, rf->field[RQ_EVERY], &every);
        p->every_weeks = (int)every;
    }
    long att = 0;
    if (ui_form_text(form, rf->field[RQ_ATTENDANCE])[0])
        ui_form_number(form, rf->field[RQ_ATTENDANCE], &att);
    req->attendance = (int)att;
    snprintf(req->purpose, sizeof req->purpose, "%s", ui_form_text(form, rf->field[RQ_PURPOSE]));
    return 0;
}

/* The preview in words: dates, skipped dates grouped by reason, clashes. */
static void preview_text(const struct db_loan_preview *p, char *buf, size_t size)
{
    char a[CIVIL_DATE_LEN], b[CIVIL_DATE_LEN];
    civil_format_date_fr(p->pattern.first, a, sizeof a);
    civil_format_date_fr(p->pattern.last, b, sizeof b);
    size_t used = (size_t)snprintf(
        buf, size, ngettext("%zu date from %s to %s.", "%zu dates from %s to %s.", p->n_dates),
        p->n_dates, a, b);
    if (p->n_skipped && used < size)
        used += (size_t)snprintf(buf + used, size - used,
                                 ngettext(" %zu skipped:", " %zu skipped:", p->n_skipped),
                                 p->n_skipped);
    const char *last_reason = NULL;
    for (size_t i = 0; i < p->n_skipped && used < size; i++) {
        const struct db_loan_date *d = &p->skipped[i];
        const char *why = d->closure == LOAN_CLOSED_PUBLIC_HOLIDAY && d->reason[0]
                              ? _(d->reason) : d->reason;
        char day[CIVIL_DATE_LEN];
        snprintf(day, sizeof day, "%02d/%02d", d->date.day, d->date.month);
        if (last_reason && strcmp(last_reason, why) == 0)
            used += (size_t)snprintf(buf + used, size - used, ", %s", day);
        else
            used += (size_t)snprintf(buf + used, size - used, "%s %s %s", last_reason ? ";" : "",
                                     why, day);
        last_reason = why;
    }
    if (p->n_clashes && used < size)
        used += (size_t)snprintf(buf + used, size - used,
                                 ngettext(". Already lent to another association on %zu date:",
                                          ". Already lent to another association on %zu dates:",
                                          p->n_clashes),
                                 p->n_clashes);
    for (size_t i = 0; i < p->n_clashes && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, " %02d/%02d (%s)",
                                 p->clashes[i].date.day, p->clashes[i].date.month,
                                 p->clashes[i].reason);
    if (used < size)
        snprintf(buf + used, size - used, ". %s", _("Enter again saves the request."));
}

static int request_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct request_form *rf = ctx;
    struct db_loan_request req;
    if (request_from_form(form, rf, &req) != 0)
        return 1;
    char values[sizeof rf->previewed];
    request_values(form, rf, values, sizeof values);
    struct db_error err = {0};
    struct db_loan_preview pv;
    memset(&pv, 0, sizeof pv);
    if (strcmp(values, rf->previewed) != 0) {
        /* first the dates, the skipped ones and the clashes: nothing saved */
        if (db_loan_preview(app->db, &req, &pv, &err) != DB_OK) {
            form_db_error(form, &err);
            return 1;
        }
        char text[1500];
        preview_text(&pv, text, sizeof text);
        db_loan_preview_free(&pv);
        ui_form_set_note(form, text);
        snprintf(rf->previewed, sizeof rf->previewed, "%s", values);
        return 1;
    }
    int64_t id = 0;
    if (db_loan_request_add(app->db, &req, &id, &pv, &err) != DB_OK) {
        form_db_error(form, &err);
        rf->previewed[0] = '\0';
        return 1;
    }
    rf->saved_id = id;
    rf->saved_dates = pv.n_dates;
    rf->saved_skipped = pv.n_skipped;
    db_loan_preview_free(&pv);
    return 0;
}

static void request_changed(struct ui_app *app, struct ui_form *form, int field, void *ctx)
{
    (void)app;
    struct request_form *rf = ctx;
    if (field == rf->field[RQ_KIND]) {
        int one = ui_form_choice(form, rf->field[RQ_KIND]) == 1;
        ui_form_set_hidden(form, rf->field[RQ_DAYS], one);
        ui_form_set_hidden(form, rf->field[RQ_TO], one);
        ui_form_set_hidden(form, rf->field[RQ_EVERY], one);
    }
}

static void request_done(struct ui_app *app, struct ui_form *form, enum ui_form_result result,
                         void *ctx)
{
    (void)form;
    struct request_form *rf = ctx;
    if (result == UI_FORM_CONFIRMED && !app->closing) {
        ui_app_message(app, 0,
                       _("Request %lld saved: %zu dates waiting for a decision, %zu skipped."),
                       (long long)rf->saved_id, rf->saved_dates, rf->saved_skipped);
        ui_loan_reload_all(app);
    }
    free(rf->rooms);
    free(rf->assocs);
    free(rf);
}

void ui_loan_request_form(struct ui_app *app, int64_t room_id, struct civil_date day)
{
    struct request_form *rf = calloc(1, sizeof *rf);
    struct db_error err = {0};
    if (!rf) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    if (db_room_list(app->db, 0, 0, &rf->rooms, &rf->n_rooms, &err) != DB_OK ||
        db_association_list(app->db, &rf->assocs, &rf->n_assocs, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        free(rf->rooms);
        free(rf);
        return;
    }
    const char **rooms = calloc(rf->n_rooms + 1, sizeof *rooms);
    char (*room_names)[300] = calloc(rf->n_rooms + 1, sizeof *room_names);
    const char **assocs = calloc(rf->n_assocs + 1, sizeof *assocs);
    struct ui_form_hooks hooks = {.validate = request_validate, .changed = request_changed,
                                  .done = request_done};
    struct ui_form *f = rooms && room_names && assocs ? ui_form_new(_("New loan request"), &hooks, rf)
                                                      : NULL;
    if (!f) {
        free(rooms);
        free(room_names);
        free(assocs);
        free(rf->rooms);
        free(rf->assocs);
        free(rf);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    size_t room_sel = 0;
    for (size_t i = 0; i < rf->n_rooms; i++) {
        snprintf(room_names[i], sizeof room_names[i], _("%s/%s (%d places)"),
                 rf->rooms[i].site_name, rf->rooms[i].name, rf->rooms[i].capacity);
        rooms[i] = room_names[i];
        if (rf->rooms[i].id == room_id)
            room_sel = i;
    }
    for (size_t i = 0; i < rf->n_assocs; i++)
        assocs[i] = rf->assocs[i].name;
    const char *none = _("none yet");
    const char *kinds[2] = {_("every week (a series)"), _("one date")};
    char from[CIVIL_DATE_LEN] = "";
    if (civil_date_valid(day))
        civil_format_date_fr(day, from, sizeof from);
    rf->field[RQ_ROOM] = ui_form_add_choice(f, _("Room"), rf->n_rooms ? rooms : &none,
                                            rf->n_rooms ? rf->n_rooms : 1, room_sel);
    rf->field[RQ_ASSOC] = ui_form_add_choice(f, _("Association"), rf->n_assocs ? assocs : &none,
                                             rf->n_assocs ? rf->n_assocs : 1, 0);
    rf->field[RQ_KIND] = ui_form_add_choice(f, _("Kind"), kinds, 2, 0);
    rf->field[RQ_DAYS] = ui_form_add_text(f, _("Weekdays"), "", 40, 0);
    ui_form_set_hint(f, rf->field[RQ_DAYS], _("tue or tue,thu"));
    rf->field[RQ_TIME] = ui_form_add_text(f, _("Time"), "", 16, UI_FORM_REQUIRED);
    ui_form_set_hint(f, rf->field[RQ_TIME], "18:00-20:00");
    rf->field[RQ_FROM] = ui_form_add_text(f, _("From"), from, 10, UI_FORM_REQUIRED | UI_FORM_DATE);
    rf->field[RQ_TO] = ui_form_add_text(f, _("Until"), "", 10, UI_FORM_DATE);
    ui_form_set_hint(f, rf->field[RQ_TO], _("empty: end of the school year"));
    rf->field[RQ_EVERY] = ui_form_add_text(f, _("Every N weeks"), "1", 2, UI_FORM_NUMBER);
    ui_form_set_range(f, rf->field[RQ_EVERY], 1, LOAN_MAX_EVERY_WEEKS);
    rf->field[RQ_PURPOSE] = ui_form_add_text(f, _("Purpose"), "", DB_PURPOSE_LEN - 1, 0);
    rf->field[RQ_ATTENDANCE] = ui_form_add_text(f, _("Attendance"), "", 6, UI_FORM_NUMBER);
    ui_form_set_range(f, rf->field[RQ_ATTENDANCE], 0, 100000);
    free(rooms);
    free(room_names);
    free(assocs);
    for (int i = 0; i < RQ_FIELDS; i++)
        if (rf->field[i] < 0) {
            ui_form_free(f);
            free(rf->rooms);
            free(rf->assocs);
            free(rf);
            ui_app_message(app, 1, "%s", _("out of memory"));
            return;
        }
    ui_app_push(app, ui_form_layer(f));
}

/* ---- association ------------------------------------------------------------ */

enum { AS_NAME, AS_RNA, AS_SIRET, AS_CONTACT, AS_PHONE, AS_EMAIL, AS_INSURANCE, AS_FIELDS };

struct association_form {
    int field[AS_FIELDS];
    struct db_association saved;
};

static int association_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct association_form *af = ctx;
    struct db_association *a = &af->saved;
    memset(a, 0, sizeof *a);
    snprintf(a->name, sizeof a->name, "%s", ui_form_text(form, af->field[AS_NAME]));
    snprintf(a->rna, sizeof a->rna, "%s", ui_form_text(form, af->field[AS_RNA]));
    snprintf(a->siret, sizeof a->siret, "%s", ui_form_text(form, af->field[AS_SIRET]));
    snprintf(a->contact, sizeof a->contact, "%s", ui_form_text(form, af->field[AS_CONTACT]));
    snprintf(a->phone, sizeof a->phone, "%s", ui_form_text(form, af->field[AS_PHONE]));
    snprintf(a->email, sizeof a->email, "%s", ui_form_text(form, af->field[AS_EMAIL]));
    struct civil_date d;
    if (ui_form_text(form, af->field[AS_INSURANCE])[0] &&
        ui_form_date(form, af->field[AS_INSURANCE], &d) == 0)
        civil_format_date(d, a->insurance_until, sizeof a->insurance_until);
    struct db_error err = {0};
    if (db_association_add(app->db, a, &err) != DB_OK) {
        form_db_error(form, &err);
        return 1;
    }
    return 0;
}

static void association_done(struct ui_app *app, struct ui_form *form,
                             enum ui_form_result result, void *ctx)
{
    (void)form;
    struct association_form *af = ctx;
    if (result == UI_FORM_CONFIRMED && !app->closing) {
        ui_app_message(app, 0, _("Created: %s."), af->saved.name);
        ui_loan_reload_all(app);
    }
    free(af);
}

void ui_loan_association_form(struct ui_app *app)
{
    struct association_form *af = calloc(1, sizeof *af);
    struct ui_form_hooks hooks = {.validate = association_validate, .done = association_done};
    struct ui_form *f = af ? ui_form_new(_("New association"), &hooks, af) : NULL;
    if (!f) {
        free(af);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    af->field[AS_NAME] = ui_form_add_text(f, _("Name"), "", 127, UI_FORM_REQUIRED);
    af->field[AS_RNA] = ui_form_add_text(f, _("RNA number"), "", DB_RNA_LEN - 1, 0);
    ui_form_set_hint(f, af->field[AS_RNA], "W691234567");
    af->field[AS_SIRET] = ui_form_add_text(f, _("SIRET"), "", DB_SIRET_LEN - 1, 0);
    af->field[AS_CONTACT] = ui_form_add_text(f, _("Contact person"), "", 127, 0);
    af->field[AS_PHONE] = ui_form_add_text(f, _("Phone"), "", 20, 0);
    af->field[AS_EMAIL] = ui_form_add_text(f, _("E-mail"), "", 127, 0);
    af->field[AS_INSURANCE] = ui_form_add_text(f, _("Insured until"), "", 10, UI_FORM_DATE);
    ui_form_set_hint(f, af->field[AS_INSURANCE], _("date on the insurance certificate"));
    for (int i = 0; i < AS_FIELDS; i++)
        if (af->field[i] < 0) {
            ui_form_free(f);
            free(af);
            ui_app_message(app, 1, "%s", _("out of memory"));
            return;
        }
    ui_app_push(app, ui_form_layer(f));
}

/* ---- reason of a refusal or a cancellation ------------------------------------ */

struct reason_form {
    int field;
    int64_t request_id;
    char date[CIVIL_DATE_LEN];
    enum db_loan_decision what;
    size_t changed;
};

static int reason_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct reason_form *rf = ctx;
    struct db_loan_outcome out;
    memset(&out, 0, sizeof out);
    struct db_error err = {0};
    if (db_loan_decide(app->db, rf->request_id, rf->date[0] ? rf->date : NULL, rf->what,
                       ui_form_text(form, rf->field), &out, &err) != DB_OK) {
        form_db_error(form, &err);
        return 1;
    }
    rf->changed = out.changed;
    return 0;
}

static void reason_done(struct ui_app *app, struct ui_form *form, enum ui_form_result result,
                        void *ctx)
{
    (void)form;
    struct reason_form *rf = ctx;
    if (result == UI_FORM_CONFIRMED && !app->closing) {
        if (rf->what == DB_DECIDE_REFUSE)
            ui_app_message(app, 0, ngettext("%zu date refused.", "%zu dates refused.", rf->changed),
                           rf->changed);
        else
            ui_app_message(app, 0,
                           ngettext("%zu date cancelled.", "%zu dates cancelled.", rf->changed),
                           rf->changed);
        ui_loan_reload_all(app);
    }
    free(rf);
}

void ui_loan_reason_form(struct ui_app *app, int64_t request_id, const char *date,
                         enum db_loan_decision what)
{
    struct reason_form *rf = calloc(1, sizeof *rf);
    if (!rf) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    rf->request_id = request_id;
    rf->what = what;
    snprintf(rf->date, sizeof rf->date, "%s", date ? date : "");
    char title[160], fr[CIVIL_DATE_LEN];
    date_fr(rf->date, fr, sizeof fr);
    if (what == DB_DECIDE_REFUSE)
        snprintf(title, sizeof title,
                 rf->date[0] ? _("Refuse request %lld on %s") : _("Refuse request %lld"),
                 (long long)request_id, fr);
    else
        snprintf(title, sizeof title,
                 rf->date[0] ? _("Cancel request %lld on %s") : _("Cancel request %lld"),
                 (long long)request_id, fr);
    struct ui_form_hooks hooks = {.validate = reason_validate, .done = reason_done};
    struct ui_form *f = ui_form_new(title, &hooks, rf);
    if (!f) {
        free(rf);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    rf->field = ui_form_add_text(f, _("Reason"), "", 200,
                                 what == DB_DECIDE_REFUSE ? UI_FORM_REQUIRED : 0);
    ui_form_set_hint(f, rf->field, _("kept with the request, shown to the association"));
    if (rf->field < 0) {
        ui_form_free(f);
        free(rf);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    ui_app_push(app, ui_form_layer(f));
}

/* ---- free-room finder ------------------------------------------------------------ */

enum { FD_SITE, FD_CAPACITY, FD_WEEKDAY, FD_TIME, FD_FROM, FD_TO, FD_FIELDS };

struct finder_form {
    int field[FD_FIELDS];
    int64_t site_ids[64];
    size_t n_sites;
    struct db_free_room *found;
    size_t n_found;
    struct civil_date from;
};

static int finder_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct finder_form *ff = ctx;
    int start, end;
    if (loan_parse_time_range(ui_form_text(form, ff->field[FD_TIME]), &start, &end) != 0) {
        ui_form_set_error(form, ff->field[FD_TIME], _("A time range like 18:00-20:00."));
        return 1;
    }
    struct civil_date from, to;
    ui_form_date(form, ff->field[FD_FROM], &from);
    ui_form_date(form, ff->field[FD_TO], &to);
    if (civil_date_compare(to, from) < 0) {
        ui_form_set_error(form, ff->field[FD_TO], _("The last date must not be before the first."));
        return 1;
    }
    long cap = 0;
    if (ui_form_text(form, ff->field[FD_CAPACITY])[0])
        ui_form_number(form, ff->field[FD_CAPACITY], &cap);
    int weekday = (int)ui_form_choice(form, ff->field[FD_WEEKDAY]) + 1;
    size_t site = ui_form_choice(form, ff->field[FD_SITE]);
    int64_t site_id = site == 0 || site > ff->n_sites ? 0 : ff->site_ids[site - 1];
    char f[CIVIL_DATE_LEN], t[CIVIL_DATE_LEN];
    civil_format_date(from, f, sizeof f);
    civil_format_date(to, t, sizeof t);
    struct db_error err = {0};
    free(ff->found);
    ff->found = NULL;
    if (db_room_free(app->db, weekday, start, end, f, t, site_id, (int)cap, &ff->found,
                     &ff->n_found, &err) != DB_OK) {
        form_db_error(form, &err);
        return 1;
    }
    ff->from = from;
    return 0;
}

struct finder_result {
    int64_t *rooms;
    struct civil_date from;
};

static void result_done(struct ui_app *app, void *ctx, long chosen)
{
    struct finder_result *r = ctx;
    if (app && !app->closing && chosen >= 0)
        ui_loan_grid_open(app, r->rooms[chosen], r->from, 0);
    free(r->rooms);
    free(r);
}

static void finder_done(struct ui_app *app, struct ui_form *form, enum ui_form_result result,
                        void *ctx)
{
    (void)form;
    struct finder_form *ff = ctx;
    if (result == UI_FORM_CONFIRMED && !app->closing) {
        size_t n = ff->n_found, k = 0, n_free = 0;
        char **lines = calloc(n ? n : 1, sizeof *lines);
        struct finder_result *res = calloc(1, sizeof *res);
        if (res)
            res->rooms = calloc(n ? n : 1, sizeof *res->rooms);
        if (!lines || !res || !res->rooms) {
            ui_app_message(app, 1, "%s", _("out of memory"));
        } else if (n == 0) {
            ui_app_message(app, 1, "%s", _("No room matches."));
        } else {
            /* free rooms first, then the others with their first clashes */
            for (int pass = 0; pass < 2; pass++)
                for (size_t i = 0; i < n; i++) {
                    const struct db_free_room *r = &ff->found[i];
                    if ((pass == 0) != (r->n_clashes == 0))
                        continue;
                    /* the verdict first: it must show at 80 columns */
                    char text[700], verdict[128], dates[200] = "";
                    if (r->n_clashes == 0) {
                        n_free++;
                        snprintf(verdict, sizeof verdict,
                                 ngettext("free on all %zu date", "free on all %zu dates",
                                          r->n_dates),
                                 r->n_dates);
                    } else {
                        snprintf(verdict, sizeof verdict,
                                 ngettext("taken on %zu date of %zu", "taken on %zu dates of %zu",
                                          r->n_clashes),
                                 r->n_clashes, r->n_dates);
                        size_t used = 0;
                        for (size_t c = 0; c < r->n_clashes && c < 8 && used < sizeof dates;
                             c++) {
                            char fr[CIVIL_DATE_LEN];
                            date_fr(r->clashes[c], fr, sizeof fr);
                            used += (size_t)snprintf(dates + used, sizeof dates - used, " %s",
                                                     fr);
                        }
                    }
                    snprintf(text, sizeof text, _("%s · %s (%d places) · %s%s%s"), verdict,
                             r->room.name, r->room.capacity, r->room.site_name,
                             dates[0] ? " ·" : "", dates);
                    lines[k] = strdup(text);
                    res->rooms[k] = r->room.id;
                    k++;
                }
            res->from = ff->from;
            char title[120];
            snprintf(title, sizeof title,
                     ngettext("%zu room free on every date", "%zu rooms free on every date",
                              n_free),
                     n_free);
            struct ui_layer *l = ui_list_new(title, (const char *const *)lines, k, 0, result_done,
                                             res);
            res = NULL; /* the list owns it now (done is called even on failure) */
            if (l)
                ui_app_push(app, l);
        }
        for (size_t i = 0; lines && i < k; i++)
            free(lines[i]);
        free(lines);
        if (res) {
            free(res->rooms);
            free(res);
        }
    }
    free(ff->found);
    free(ff);
}

void ui_loan_finder_form(struct ui_app *app)
{
    struct finder_form *ff = calloc(1, sizeof *ff);
    struct ui_form_hooks hooks = {.validate = finder_validate, .done = finder_done};
    struct ui_form *f = ff ? ui_form_new(_("Find a free room"), &hooks, ff) : NULL;
    if (!f) {
        free(ff);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    const char *sites[65];
    size_t ns = 0;
    sites[ns++] = _("every collège");
    for (size_t i = 0; i < app->site_count && ff->n_sites < 64; i++)
        if (app->sites[i].kind == DB_SITE_COLLEGE) {
            ff->site_ids[ff->n_sites++] = app->sites[i].id;
            sites[ns++] = app->sites[i].name;
        }
    const char *days[7] = {_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"),
                           _("Friday"), _("Saturday"), _("Sunday")};
    struct civil_date first, last;
    ui_loan_school_year(app->now.date, &first, &last);
    char from[CIVIL_DATE_LEN], to[CIVIL_DATE_LEN];
    civil_format_date_fr(app->now.date, from, sizeof from);
    civil_format_date_fr(last, to, sizeof to);
    ff->field[FD_SITE] = ui_form_add_choice(f, _("Collège"), sites, ns, 0);
    ff->field[FD_CAPACITY] = ui_form_add_text(f, _("At least (places)"), "", 6, UI_FORM_NUMBER);
    ui_form_set_range(f, ff->field[FD_CAPACITY], 0, 100000);
    ff->field[FD_WEEKDAY] = ui_form_add_choice(f, _("Weekday"), days, 7, 0);
    ff->field[FD_TIME] = ui_form_add_text(f, _("Time"), "18:00-20:00", 16, UI_FORM_REQUIRED);
    ff->field[FD_FROM] = ui_form_add_text(f, _("From"), from, 10, UI_FORM_REQUIRED | UI_FORM_DATE);
    ff->field[FD_TO] = ui_form_add_text(f, _("Until"), to, 10, UI_FORM_REQUIRED | UI_FORM_DATE);
    for (int i = 0; i < FD_FIELDS; i++)
        if (ff->field[i] < 0) {
            ui_form_free(f);
            free(ff);
            ui_app_message(app, 1, "%s", _("out of memory"));
            return;
        }
    ui_app_push(app, ui_form_layer(f));
}
