/* structure_hours.c - an agent's opening hours and absences: their forms
 * and their deletion (see structure_int.h).
 *
 * Opening hours ("plages d'ouverture"): site, weekday, start and end
 * times, every N weeks (the rhythm counts from the week of the first
 * date), first and last dates, and the motifs they are for (none ticked:
 * every motif). Absences: one-off, from a date (and time) to a date (and
 * time), which may span several days (empty times: whole days), or weekly
 * like opening hours; a reason. The form shows the fields of the kind
 * chosen. Deleting asks first, then is one write unit with the version
 * the list was read at. */
#include "structure_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/clock.h"
#include "../common/i18n.h"
#include "dialog_conflict.h"
#include "dialogs.h"
#include "view_outside.h"

static int push_form(struct ui_app *app, struct ui_form *f, struct st_edit *e, int ok)
{
    if (!f || !ok) {
        if (f)
            ui_form_free(f);
        free(e);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    ui_app_push(app, ui_form_layer(f));
    return 0;
}

static int fail(struct ui_app *app, struct st_edit *e, const struct db_error *err)
{
    ui_app_db_error(app, err);
    free(e);
    return -1;
}

static void format_date(struct civil_date d, char *buf, size_t size)
{
    if (d.year == 0 || civil_format_date_fr(d, buf, size) != 0)
        buf[0] = '\0';
}

static void format_time(int minute, char *buf, size_t size)
{
    if (minute < 0 || civil_format_time(minute, buf, size) != 0)
        buf[0] = '\0';
}

/* ---- opening hours ------------------------------------------------------ */

enum { OPEN_SITE, OPEN_DAY, OPEN_START, OPEN_END, OPEN_EVERY, OPEN_FROM, OPEN_UNTIL,
       OPEN_MOTIF_NOTE, OPEN_MOTIF0 };

static int opening_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct st_edit *e = ctx;
    struct db_opening *o = &e->v.opening;
    memset(o, 0, sizeof *o);
    size_t s = ui_form_choice(form, e->field[OPEN_SITE]);
    o->site_id = s < e->site_count ? e->sites[s] : 0;
    o->rule.weekday = (enum civil_weekday)(ui_form_choice(form, e->field[OPEN_DAY]) + 1);
    long every = 1;
    if (ui_form_time(form, e->field[OPEN_START], &o->rule.start_minute) != 0 ||
        ui_form_time(form, e->field[OPEN_END], &o->rule.end_minute) != 0)
        return 1; /* the built-in checks said why */
    ui_form_number(form, e->field[OPEN_EVERY], &every);
    o->rule.every_weeks = (int)every;
    if (ui_form_date(form, e->field[OPEN_FROM], &o->rule.valid_from) != 0)
        return 1;
    if (ui_form_date(form, e->field[OPEN_UNTIL], &o->rule.valid_until) != 0)
        memset(&o->rule.valid_until, 0, sizeof o->rule.valid_until); /* open-ended */
    if (o->rule.end_minute <= o->rule.start_minute) {
        ui_form_set_error(form, e->field[OPEN_END], _("The end must be after the start."));
        return 1;
    }
    if (o->rule.valid_until.year &&
        civil_date_compare(o->rule.valid_until, o->rule.valid_from) < 0) {
        ui_form_set_error(form, e->field[OPEN_UNTIL],
                          _("The last day must not be before the first day."));
        return 1;
    }
    if (o->site_id == 0) {
        ui_form_set_error(form, e->field[OPEN_SITE], _("Create a site first."));
        return 1;
    }
    for (size_t i = 0; i < e->motif_count; i++)
        e->wants_motif[i] = ui_form_checked(form, e->field[OPEN_MOTIF0 + i]);
    char from[CIVIL_TIME_LEN], to[CIVIL_TIME_LEN];
    format_time(o->rule.start_minute, from, sizeof from);
    format_time(o->rule.end_minute, to, sizeof to);
    snprintf(e->what, sizeof e->what, "%s %s %s-%s", _("opening hours"),
             st_weekday_words((int)o->rule.weekday), from, to);
    return st_save_from_form(app, form, e);
}

int st_opening_form(struct ui_app *app, struct st_edit *e)
{
    struct db_opening cur;
    memset(&cur, 0, sizeof cur);
    struct civil_datetime now;
    clock_now(&now, NULL);
    cur.rule.weekday = CIVIL_MONDAY;
    cur.rule.start_minute = 9 * 60;
    cur.rule.end_minute = 12 * 60;
    cur.rule.every_weeks = 1;
    cur.rule.valid_from = now.date;
    const struct db_site *shown = ui_app_site(app);
    cur.site_id = shown ? shown->id : 0;
    struct db_error err = {0};
    struct db_site *sites = NULL;
    struct db_motif *motifs = NULL;
    int64_t *chosen = NULL;
    size_t nsites = 0, nmotifs = 0, nchosen = 0;
    int rc = DB_OK;
    if (e->id) {
        rc = db_opening_get(app->db, e->id, &cur, &err);
        if (rc == DB_OK)
            rc = db_opening_motifs(app->db, e->id, &chosen, &nchosen, &err);
        if (rc == DB_OK)
            rc = db_row_version(app->db, "opening", e->id, &e->version, &err);
    }
    if (rc == DB_OK)
        rc = db_site_list(app->db, &sites, &nsites, &err);
    if (rc == DB_OK)
        rc = db_motif_list(app->db, &motifs, &nmotifs, &err);
    if (rc != DB_OK) {
        free(sites);
        free(motifs);
        free(chosen);
        return fail(app, e, &err);
    }
    struct ui_form_hooks hooks = {.validate = opening_validate, .done = st_form_done};
    struct ui_form *f =
        ui_form_new(e->id ? _("Edit the opening hours") : _("New opening hours"), &hooks, e);
    int ok = f != NULL;
    if (f) {
        const char *site_names[ST_MAX_CHOICES];
        size_t site_sel = 0;
        e->site_count = 0;
        for (size_t i = 0; i < nsites && e->site_count < ST_MAX_CHOICES; i++) {
            if (sites[i].id == cur.site_id)
                site_sel = e->site_count;
            e->sites[e->site_count] = sites[i].id;
            site_names[e->site_count++] = sites[i].name;
        }
        const char *days[7];
        for (int d = 0; d < 7; d++)
            days[d] = st_weekday_words(d + 1);
        char start[CIVIL_TIME_LEN], end[CIVIL_TIME_LEN], every[16];
        char from[CIVIL_DATE_LEN + 2], until[CIVIL_DATE_LEN + 2];
        format_time(cur.rule.start_minute, start, sizeof start);
        format_time(cur.rule.end_minute, end, sizeof end);
        snprintf(every, sizeof every, "%d", cur.rule.every_weeks > 0 ? cur.rule.every_weeks : 1);
        format_date(cur.rule.valid_from, from, sizeof from);
        format_date(cur.rule.valid_until, until, sizeof until);
        e->field[OPEN_SITE] =
            e->site_count ? ui_form_add_choice(f, _("Site"), site_names, e->site_count, site_sel)
                          : ui_form_add_info(f, _("Site"), _("none yet: create a site first"));
        size_t day = cur.rule.weekday >= 1 && cur.rule.weekday <= 7 ? cur.rule.weekday - 1 : 0;
        e->field[OPEN_DAY] = ui_form_add_choice(f, _("Weekday"), days, 7, day);
        e->field[OPEN_START] = ui_form_add_text(f, _("From"), start, 5,
                                                UI_FORM_REQUIRED | UI_FORM_TIME);
        e->field[OPEN_END] = ui_form_add_text(f, _("To"), end, 5, UI_FORM_REQUIRED | UI_FORM_TIME);
        e->field[OPEN_EVERY] = ui_form_add_text(f, _("Every N weeks"), every, 2,
                                                UI_FORM_REQUIRED | UI_FORM_NUMBER);
        ui_form_set_range(f, e->field[OPEN_EVERY], 1, 52);
        ui_form_set_hint(f, e->field[OPEN_EVERY], _("1: every week, 2: every other week"));
        e->field[OPEN_FROM] = ui_form_add_text(f, _("First day"), from, 10,
                                               UI_FORM_REQUIRED | UI_FORM_DATE);
        ui_form_set_hint(f, e->field[OPEN_FROM], _("dd/mm/yyyy"));
        e->field[OPEN_UNTIL] = ui_form_add_text(f, _("Last day"), until, 10, UI_FORM_DATE);
        ui_form_set_hint(f, e->field[OPEN_UNTIL], _("empty: no end"));
        e->field[OPEN_MOTIF_NOTE] =
            ui_form_add_info(f, _("Motifs"), _("none ticked: every motif"));
        ok = e->field[OPEN_SITE] >= 0 && e->field[OPEN_DAY] >= 0 && e->field[OPEN_START] >= 0 &&
             e->field[OPEN_END] >= 0 && e->field[OPEN_EVERY] >= 0 && e->field[OPEN_FROM] >= 0 &&
             e->field[OPEN_UNTIL] >= 0 && e->field[OPEN_MOTIF_NOTE] >= 0;
        e->motif_count = 0;
        for (size_t i = 0; i < nmotifs && e->motif_count < ST_MAX_CHOICES &&
                           OPEN_MOTIF0 + e->motif_count < ST_MAX_FIELDS;
             i++) {
            size_t k = e->motif_count++;
            e->motifs[k] = motifs[i].id;
            for (size_t j = 0; j < nchosen; j++)
                if (chosen[j] == motifs[i].id)
                    e->had_motif[k] = 1;
            char label[DB_NAME_LEN + 16];
            snprintf(label, sizeof label, _("For %s"), motifs[i].name);
            e->field[OPEN_MOTIF0 + k] = ui_form_add_check(f, label, e->had_motif[k]);
            if (e->field[OPEN_MOTIF0 + k] < 0)
                ok = 0;
        }
    }
    free(sites);
    free(motifs);
    free(chosen);
    return push_form(app, f, e, ok);
}

/* ---- absences ---------------------------------------------------------- */

enum { ABS_KIND, ABS_FROM_DATE, ABS_FROM_TIME, ABS_UNTIL_DATE, ABS_UNTIL_TIME, ABS_DAY,
       ABS_START, ABS_END, ABS_EVERY, ABS_WFROM, ABS_WUNTIL, ABS_REASON, ABS_FIELDS };

static void absence_show_kind(struct ui_form *form, const struct st_edit *e)
{
    int weekly = ui_form_choice(form, e->field[ABS_KIND]) == 1;
    for (int i = ABS_FROM_DATE; i <= ABS_UNTIL_TIME; i++)
        ui_form_set_hidden(form, e->field[i], weekly);
    for (int i = ABS_DAY; i <= ABS_WUNTIL; i++)
        ui_form_set_hidden(form, e->field[i], !weekly);
}

static void absence_changed(struct ui_app *app, struct ui_form *form, int field, void *ctx)
{
    (void)app;
    struct st_edit *e = ctx;
    if (field == e->field[ABS_KIND])
        absence_show_kind(form, e);
}

static int absence_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct st_edit *e = ctx;
    struct db_absence *a = &e->v.absence;
    memset(a, 0, sizeof *a);
    snprintf(a->reason, sizeof a->reason, "%s", ui_form_text(form, e->field[ABS_REASON]));
    char label[96];
    if (ui_form_choice(form, e->field[ABS_KIND]) == 0) {
        a->absence.kind = ABSENCE_ONE_OFF;
        struct civil_date from, until;
        int from_minute = 0, until_minute = -1;
        if (ui_form_date(form, e->field[ABS_FROM_DATE], &from) != 0 ||
            ui_form_date(form, e->field[ABS_UNTIL_DATE], &until) != 0)
            return 1;
        if (ui_form_time(form, e->field[ABS_FROM_TIME], &from_minute) != 0)
            from_minute = 0; /* empty: from the start of the day */
        a->absence.from = (struct civil_datetime){from, from_minute};
        if (ui_form_time(form, e->field[ABS_UNTIL_TIME], &until_minute) != 0) {
            /* empty: the whole last day, up to the next midnight */
            struct civil_date next;
            if (civil_date_add_days(until, 1, &next) != 0)
                return 1;
            a->absence.until = (struct civil_datetime){next, 0};
        } else {
            a->absence.until = (struct civil_datetime){until, until_minute};
        }
        if (civil_datetime_compare(a->absence.until, a->absence.from) <= 0) {
            ui_form_set_error(form, e->field[ABS_UNTIL_DATE],
                              _("The end must be after the start."));
            return 1;
        }
        char d[CIVIL_DATE_LEN + 2];
        format_date(from, d, sizeof d);
        snprintf(label, sizeof label, "%s", d);
    } else {
        a->absence.kind = ABSENCE_WEEKLY;
        struct opening_rule *r = &a->absence.weekly;
        r->weekday = (enum civil_weekday)(ui_form_choice(form, e->field[ABS_DAY]) + 1);
        long every = 1;
        if (ui_form_time(form, e->field[ABS_START], &r->start_minute) != 0 ||
            ui_form_time(form, e->field[ABS_END], &r->end_minute) != 0 ||
            ui_form_date(form, e->field[ABS_WFROM], &r->valid_from) != 0)
            return 1;
        ui_form_number(form, e->field[ABS_EVERY], &every);
        r->every_weeks = (int)every;
        if (ui_form_date(form, e->field[ABS_WUNTIL], &r->valid_until) != 0)
            memset(&r->valid_until, 0, sizeof r->valid_until);
        if (r->end_minute <= r->start_minute) {
            ui_form_set_error(form, e->field[ABS_END], _("The end must be after the start."));
            return 1;
        }
        if (r->valid_until.year && civil_date_compare(r->valid_until, r->valid_from) < 0) {
            ui_form_set_error(form, e->field[ABS_WUNTIL],
                              _("The last day must not be before the first day."));
            return 1;
        }
        snprintf(label, sizeof label, "%s", st_weekday_words((int)r->weekday));
    }
    snprintf(e->what, sizeof e->what, "%s %s", _("absence"), label);
    return st_save_from_form(app, form, e);
}

int st_absence_form(struct ui_app *app, struct st_edit *e)
{
    struct db_absence cur;
    memset(&cur, 0, sizeof cur);
    struct civil_datetime now;
    clock_now(&now, NULL);
    cur.absence.kind = ABSENCE_ONE_OFF;
    cur.absence.from = (struct civil_datetime){now.date, 0};
    cur.absence.until = (struct civil_datetime){now.date, -1};
    cur.absence.weekly.weekday = CIVIL_MONDAY;
    cur.absence.weekly.start_minute = 14 * 60;
    cur.absence.weekly.end_minute = 17 * 60;
    cur.absence.weekly.every_weeks = 1;
    cur.absence.weekly.valid_from = now.date;
    if (e->id) {
        /* No "get one" in storage: read the agent's absences around it. */
        struct db_absence *list = NULL;
        size_t n = 0;
        struct db_error err = {0};
        struct civil_date lo = {1, 1, 1}, hi = {9998, 12, 31};
        if (db_agent_absences(app->db, e->agent_id, lo, hi, &list, &n, &err) != DB_OK)
            return fail(app, e, &err);
        int found = 0;
        for (size_t i = 0; i < n; i++)
            if (list[i].id == e->id) {
                cur = list[i];
                found = 1;
            }
        free(list);
        if (!found) {
            err.status = DB_ERR_NO_ROW;
            snprintf(err.detail, sizeof err.detail, "%s %lld", _("absence"), (long long)e->id);
            return fail(app, e, &err);
        }
        e->version = cur.version;
    }
    struct ui_form_hooks hooks = {
        .validate = absence_validate, .changed = absence_changed, .done = st_form_done};
    struct ui_form *f = ui_form_new(e->id ? _("Edit the absence") : _("New absence"), &hooks, e);
    if (!f)
        return push_form(app, NULL, e, 0);

    const struct absence *a = &cur.absence;
    const struct opening_rule *r = &a->weekly;
    char from_d[16] = "", from_t[8] = "", until_d[16] = "", until_t[8] = "";
    if (a->kind == ABSENCE_ONE_OFF) {
        format_date(a->from.date, from_d, sizeof from_d);
        if (a->from.minute > 0)
            format_time(a->from.minute, from_t, sizeof from_t);
        /* Until midnight: shown as the whole previous day. */
        struct civil_date last = a->until.date;
        if (a->until.minute == 0 && e->id)
            civil_date_add_days(a->until.date, -1, &last);
        else if (a->until.minute > 0)
            format_time(a->until.minute, until_t, sizeof until_t);
        format_date(last, until_d, sizeof until_d);
    }
    char start[8], end[8], every[16], wfrom[16], wuntil[16];
    format_time(r->start_minute, start, sizeof start);
    format_time(r->end_minute, end, sizeof end);
    snprintf(every, sizeof every, "%d", r->every_weeks > 0 ? r->every_weeks : 1);
    format_date(r->valid_from, wfrom, sizeof wfrom);
    format_date(r->valid_until, wuntil, sizeof wuntil);
    const char *kinds[2] = {_("One-off (one day or several)"), _("Weekly (every N weeks)")};
    const char *days[7];
    for (int d = 0; d < 7; d++)
        days[d] = st_weekday_words(d + 1);

    e->field[ABS_KIND] = ui_form_add_choice(f, _("Kind"), kinds, 2,
                                            a->kind == ABSENCE_WEEKLY ? 1 : 0);
    e->field[ABS_FROM_DATE] = ui_form_add_text(f, _("From (day)"), from_d, 10,
                                               UI_FORM_REQUIRED | UI_FORM_DATE);
    ui_form_set_hint(f, e->field[ABS_FROM_DATE], _("dd/mm/yyyy"));
    e->field[ABS_FROM_TIME] = ui_form_add_text(f, _("From (time)"), from_t, 5, UI_FORM_TIME);
    ui_form_set_hint(f, e->field[ABS_FROM_TIME], _("empty: the whole day"));
    e->field[ABS_UNTIL_DATE] = ui_form_add_text(f, _("To (day)"), until_d, 10,
                                                UI_FORM_REQUIRED | UI_FORM_DATE);
    e->field[ABS_UNTIL_TIME] = ui_form_add_text(f, _("To (time)"), until_t, 5, UI_FORM_TIME);
    ui_form_set_hint(f, e->field[ABS_UNTIL_TIME], _("empty: the whole day"));
    size_t day = r->weekday >= 1 && r->weekday <= 7 ? r->weekday - 1 : 0;
    e->field[ABS_DAY] = ui_form_add_choice(f, _("Weekday"), days, 7, day);
    e->field[ABS_START] = ui_form_add_text(f, _("From"), start, 5, UI_FORM_REQUIRED | UI_FORM_TIME);
    e->field[ABS_END] = ui_form_add_text(f, _("To"), end, 5, UI_FORM_REQUIRED | UI_FORM_TIME);
    e->field[ABS_EVERY] = ui_form_add_text(f, _("Every N weeks"), every, 2,
                                           UI_FORM_REQUIRED | UI_FORM_NUMBER);
    ui_form_set_range(f, e->field[ABS_EVERY], 1, 52);
    e->field[ABS_WFROM] = ui_form_add_text(f, _("First day"), wfrom, 10,
                                           UI_FORM_REQUIRED | UI_FORM_DATE);
    e->field[ABS_WUNTIL] = ui_form_add_text(f, _("Last day"), wuntil, 10, UI_FORM_DATE);
    ui_form_set_hint(f, e->field[ABS_WUNTIL], _("empty: no end"));
    e->field[ABS_REASON] = ui_form_add_text(f, _("Reason"), cur.reason, DB_NAME_LEN - 1, 0);
    ui_form_set_hint(f, e->field[ABS_REASON], _("leave, training..."));
    int ok = 1;
    for (int i = 0; i < ABS_FIELDS; i++)
        if (e->field[i] < 0)
            ok = 0;
    if (ok)
        absence_show_kind(f, e);
    return push_form(app, f, e, ok);
}

/* ---- deleting ----------------------------------------------------------- */

struct deletion {
    enum st_section section;
    int64_t id;
    int64_t version;
    int64_t agent_id;  /* opening hours: whose */
    size_t outside;    /* appointments the deletion leaves outside */
    char what[DB_NAME_LEN * 2 + 64];
    struct db_conflict conflict;
};

static int delete_now(struct ui_app *app, struct deletion *d, struct db_error *err)
{
    memset(&d->conflict, 0, sizeof d->conflict);
    if (d->section == ST_HOURS)
        return db_opening_delete(app->db, d->id, d->version, &d->conflict, err);
    return db_absence_delete(app->db, d->id, d->version, &d->conflict, err);
}

static void delete_conflict_done(struct ui_app *app, void *ctx, enum ui_conflict_choice choice,
                                 int64_t current_version);

static void delete_finish(struct ui_app *app, struct deletion *d, int rc,
                          const struct db_error *err)
{
    if (rc == DB_ERR_CONFLICT) {
        ui_conflict_show(app, d->what, _("delete it"), &d->conflict, delete_conflict_done, d);
        return;
    }
    if (rc == DB_OK)
        ui_app_message(app, 0, _("Deleted: %s."), d->what);
    else
        ui_app_db_error(app, err);
    st_after_write(app);
    /* The appointments it left outside, to move or cancel. */
    if (rc == DB_OK && d->outside > 0 && d->agent_id)
        ui_outside_open(app, d->agent_id);
    free(d);
}

static void delete_conflict_done(struct ui_app *app, void *ctx, enum ui_conflict_choice choice,
                                 int64_t current_version)
{
    struct deletion *d = ctx;
    if (app && choice == UI_CONFLICT_REAPPLY) {
        d->version = current_version;
        struct db_error err = {0};
        int rc = delete_now(app, d, &err);
        delete_finish(app, d, rc, &err);
        return;
    }
    if (app)
        st_after_write(app);
    free(d);
}

static void confirm_done(struct ui_app *app, void *ctx, long chosen)
{
    struct deletion *d = ctx;
    if (!app || chosen != 1) {
        free(d);
        return;
    }
    struct db_error err = {0};
    int rc = delete_now(app, d, &err);
    delete_finish(app, d, rc, &err);
}

static void ask_delete(struct ui_app *app, enum st_section section, int64_t id, int64_t version,
                       int64_t agent_id, const char *what)
{
    struct deletion *d = calloc(1, sizeof *d);
    if (!d) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    d->section = section;
    d->id = id;
    d->version = version;
    d->agent_id = agent_id;
    snprintf(d->what, sizeof d->what, "%s", what);
    /* Opening hours: the appointments they leave outside are said before
     * the choice (the list of them opens once deleted). */
    if (section == ST_HOURS) {
        struct db_opening o = {.id = id, .agent_id = agent_id};
        struct db_stranded *l = NULL;
        struct db_error err = {0};
        if (db_opening_preview(app->db, &o, version, 1, &l, &d->outside, NULL, &err) != DB_OK)
            d->outside = 0; /* the deletion itself says what is wrong */
        free(l);
    }
    char yes[160];
    if (d->outside > 0)
        snprintf(yes, sizeof yes,
                 ngettext("Yes, delete it: %zu appointment left outside",
                          "Yes, delete it: %zu appointments left outside", d->outside),
                 d->outside);
    else
        snprintf(yes, sizeof yes, "%s", _("Yes, delete it"));
    const char *items[2] = {_("No, keep it"), yes};
    char title[DB_NAME_LEN * 2 + 96];
    snprintf(title, sizeof title, _("Delete %s?"), what);
    struct ui_layer *l = ui_list_new(title, items, 2, 0, confirm_done, d);
    if (l)
        ui_app_push(app, l);
}

void st_opening_delete(struct ui_app *app, int64_t opening_id, const char *what)
{
    int64_t version = 0;
    struct db_opening o;
    struct db_error err = {0};
    if (db_row_version(app->db, "opening", opening_id, &version, &err) != DB_OK ||
        db_opening_get(app->db, opening_id, &o, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        return;
    }
    ask_delete(app, ST_HOURS, opening_id, version, o.agent_id, what);
}

void st_absence_delete(struct ui_app *app, int64_t absence_id, int64_t version,
                       const char *what)
{
    ask_delete(app, ST_ABSENCES, absence_id, version, 0, what);
}
