/* loan_change_form.c - changing a loan from one of its dates (the loan
 * dates screen, see view_loans.h): the scope first,
 *   - this date only: the date moves to another day and/or time (a "moved"
 *     exception; an approved date stays approved only if the room is free
 *     then);
 *   - this date and the following ones: the series ends the day before and
 *     a new one starts there with the new weekdays, time, rhythm and end;
 *   - the whole series: its weekdays, time, rhythm and end change.
 * Exceptions made earlier (cancelled, moved, skipped dates) are kept by
 * storage whatever the scope. The fields that do not apply to the chosen
 * scope are hidden. One storage unit; a refusal leaves the form open with
 * storage's words and nothing written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "form.h"
#include "loans_int.h"

enum { CH_SCOPE, CH_DATE, CH_TIME, CH_DAYS, CH_EVERY, CH_UNTIL, CH_FIELDS };

struct change_form {
    int field[CH_FIELDS];
    int64_t request_id;
    char day[CIVIL_DATE_LEN];     /* the date the series gave */
    struct loan_pattern pattern;  /* the series holding it, as it is */
    enum loan_scope scope;        /* what was saved */
    struct civil_date moved_to;
};

static void show_scope_fields(struct ui_form *form, const struct change_form *cf)
{
    int one = ui_form_choice(form, cf->field[CH_SCOPE]) == LOAN_SCOPE_THIS;
    ui_form_set_hidden(form, cf->field[CH_DATE], !one);
    ui_form_set_hidden(form, cf->field[CH_DAYS], one);
    ui_form_set_hidden(form, cf->field[CH_EVERY], one);
    ui_form_set_hidden(form, cf->field[CH_UNTIL], one);
}

static void change_changed(struct ui_app *app, struct ui_form *form, int field, void *ctx)
{
    (void)app;
    struct change_form *cf = ctx;
    if (field == cf->field[CH_SCOPE])
        show_scope_fields(form, cf);
}

/* The pattern the form describes; 0, or -1 with a message under a field. */
static int pattern_from_form(struct ui_form *form, const struct change_form *cf,
                             enum loan_scope scope, struct loan_pattern *p)
{
    *p = cf->pattern;
    if (loan_parse_time_range(ui_form_text(form, cf->field[CH_TIME]), &p->start_minute,
                              &p->end_minute) != 0) {
        ui_form_set_error(form, cf->field[CH_TIME], _("A time range like 18:00-20:00."));
        return -1;
    }
    if (scope == LOAN_SCOPE_THIS) {
        if (ui_form_date(form, cf->field[CH_DATE], &p->first) != 0) {
            ui_form_set_error(form, cf->field[CH_DATE], _("A date like 25/11/2026."));
            return -1;
        }
        return 0;
    }
    if (loan_parse_weekdays(ui_form_text(form, cf->field[CH_DAYS]), &p->weekdays) != 0) {
        ui_form_set_error(form, cf->field[CH_DAYS],
                          _("Weekdays like tue or tue,thu (or mardi,jeudi)."));
        return -1;
    }
    long every = p->every_weeks;
    if (ui_form_number(form, cf->field[CH_EVERY], &every) != 0) {
        ui_form_set_error(form, cf->field[CH_EVERY], _("A number of weeks."));
        return -1;
    }
    p->every_weeks = (int)every;
    if (ui_form_date(form, cf->field[CH_UNTIL], &p->last) != 0) {
        ui_form_set_error(form, cf->field[CH_UNTIL], _("A date like 25/11/2026."));
        return -1;
    }
    return 0;
}

static int change_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct change_form *cf = ctx;
    enum loan_scope scope = (enum loan_scope)ui_form_choice(form, cf->field[CH_SCOPE]);
    struct loan_pattern p;
    if (pattern_from_form(form, cf, scope, &p) != 0)
        return 1;
    struct db_error err = {0};
    if (db_loan_edit(app->db, cf->request_id, cf->day, scope, &p, &err) != DB_OK) {
        char msg[UI_MESSAGE_LEN];
        db_error_format(&err, msg, sizeof msg);
        ui_form_set_error(form, -1, msg);
        return 1;
    }
    cf->scope = scope;
    cf->moved_to = p.first;
    return 0;
}

static void change_done(struct ui_app *app, struct ui_form *form, enum ui_form_result result,
                        void *ctx)
{
    (void)form;
    struct change_form *cf = ctx;
    if (result == UI_FORM_CONFIRMED && !app->closing) {
        char fr[CIVIL_DATE_LEN], from[CIVIL_DATE_LEN];
        struct civil_date d;
        civil_format_date_fr(cf->moved_to, fr, sizeof fr);
        if (civil_parse_date(cf->day, &d) == 0)
            civil_format_date_fr(d, from, sizeof from);
        else
            snprintf(from, sizeof from, "%s", cf->day);
        switch (cf->scope) {
        case LOAN_SCOPE_THIS:
            ui_app_message(app, 0, _("The date of %s is moved to %s."), from, fr);
            break;
        case LOAN_SCOPE_FOLLOWING:
            ui_app_message(app, 0, _("The series is changed from %s on; earlier exceptions kept."),
                           from);
            break;
        default:
            ui_app_message(app, 0, "%s", _("The whole series is changed; exceptions kept."));
        }
        ui_loan_reload_all(app);
    }
    free(cf);
}

void ui_loan_change_form(struct ui_app *app, int64_t request_id, const char *original_day,
                         const char *current_day, int start_minute, int end_minute)
{
    struct change_form *cf = calloc(1, sizeof *cf);
    if (!cf) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    cf->request_id = request_id;
    snprintf(cf->day, sizeof cf->day, "%s", original_day);
    struct db_error err = {0};
    if (db_loan_series_at(app->db, request_id, cf->day, &cf->pattern, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        free(cf);
        return;
    }
    char title[160], fr[CIVIL_DATE_LEN], now_fr[CIVIL_DATE_LEN], times[16], days[64],
        every[8], until[CIVIL_DATE_LEN];
    struct civil_date d;
    civil_parse_date(cf->day, &d);
    civil_format_date_fr(d, fr, sizeof fr);
    if (civil_parse_date(current_day, &d) == 0)
        civil_format_date_fr(d, now_fr, sizeof now_fr);
    else
        snprintf(now_fr, sizeof now_fr, "%s", fr);
    ui_loan_times(start_minute, end_minute, times, sizeof times);
    loan_format_weekdays_shown(cf->pattern.weekdays, days, sizeof days);
    snprintf(every, sizeof every, "%d", cf->pattern.every_weeks);
    civil_format_date_fr(cf->pattern.last, until, sizeof until);
    snprintf(title, sizeof title, _("Change request %lld from %s"), (long long)request_id, fr);
    struct ui_form_hooks hooks = {.validate = change_validate, .changed = change_changed,
                                  .done = change_done};
    struct ui_form *f = ui_form_new(title, &hooks, cf);
    if (!f) {
        free(cf);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    const char *scopes[3] = {_("this date only"), _("this date and the following ones"),
                             _("the whole series")};
    cf->field[CH_SCOPE] = ui_form_add_choice(f, _("Change"), scopes, 3, 0);
    cf->field[CH_DATE] = ui_form_add_text(f, _("New date"), now_fr, 10,
                                          UI_FORM_REQUIRED | UI_FORM_DATE);
    cf->field[CH_TIME] = ui_form_add_text(f, _("Time"), times, 16, UI_FORM_REQUIRED);
    ui_form_set_hint(f, cf->field[CH_TIME], "18:00-20:00");
    cf->field[CH_DAYS] = ui_form_add_text(f, _("Weekdays"), days, 40, UI_FORM_REQUIRED);
    ui_form_set_hint(f, cf->field[CH_DAYS], _("tue or tue,thu"));
    cf->field[CH_EVERY] = ui_form_add_text(f, _("Every N weeks"), every, 2,
                                           UI_FORM_REQUIRED | UI_FORM_NUMBER);
    ui_form_set_range(f, cf->field[CH_EVERY], 1, LOAN_MAX_EVERY_WEEKS);
    cf->field[CH_UNTIL] = ui_form_add_text(f, _("Until"), until, 10,
                                           UI_FORM_REQUIRED | UI_FORM_DATE);
    for (int i = 0; i < CH_FIELDS; i++)
        if (cf->field[i] < 0) {
            ui_form_free(f);
            free(cf);
            ui_app_message(app, 1, "%s", _("out of memory"));
            return;
        }
    show_scope_fields(f, cf);
    ui_app_push(app, ui_form_layer(f));
}
