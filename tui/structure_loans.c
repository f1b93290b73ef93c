/* structure_loans.c - what room loans need in the structure screens (see
 * structure_int.h): a collège's school details in the site form (UAI,
 * académie, school-holiday zone), the room form (collège, name, kind,
 * capacity, equipment with quantities, accessibility), the closure form (a
 * whole collège or one room, first and last day, reason) and the
 * lending-hours form (collège, weekday, time range), and their removal.
 *
 * Each saves through st_save_from_form like every structure form: one
 * storage write unit, refused with the field in error and nothing written.
 * A date, a number or a time range that cannot be read is marked beside
 * its field before anything is tried. */
#include "structure_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../model/school_calendar.h"
#include "dialogs.h"

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

/* The collèges as choices (e->sites, names[] into `list`); *selected is
 * the one of `current`. */
static size_t college_choices(struct st_edit *e, const struct db_site *list, size_t n,
                              const char **names, int64_t current, size_t *selected)
{
    size_t k = 0;
    *selected = 0;
    for (size_t i = 0; i < n && k < ST_MAX_CHOICES; i++) {
        if (list[i].kind != DB_SITE_COLLEGE)
            continue;
        if (list[i].id == current)
            *selected = k;
        e->sites[k] = list[i].id;
        names[k++] = list[i].name;
    }
    e->site_count = k;
    return k;
}

/* The site shown in the day view, when it is a collège: what a new room or
 * closure is most likely for. */
static int64_t shown_site(struct ui_app *app)
{
    const struct db_site *s = ui_app_site(app);
    return s && s->kind == DB_SITE_COLLEGE ? s->id : 0;
}

/* ---- a collège's school details in the site form ----------------------- */

enum { COL_UAI, COL_ACADEMIE, COL_ZONE };
static const char *const zones[] = {"Zone A", "Zone B", "Zone C"};

int st_college_fields(struct ui_app *app, struct ui_form *f, struct st_edit *e)
{
    struct db_college cur;
    memset(&cur, 0, sizeof cur);
    if (e->id) {
        char ref[24];
        snprintf(ref, sizeof ref, "%lld", (long long)e->id);
        if (db_college_find(app->db, ref, &cur, NULL) != DB_OK)
            memset(&cur, 0, sizeof cur); /* a social office, or none yet */
    }
    /* The zone is chosen only when the académie does not give it. */
    size_t zone = 0;
    const char *derived = cur.academie[0] ? school_zone_of_academie(cur.academie) : NULL;
    for (size_t i = 0; i < 3; i++)
        if (strcmp(cur.school_zone, zones[i]) == 0 && (!derived || strcmp(derived, zones[i])))
            zone = i + 1;
    const char *choices[4] = {_("from the académie"), zones[0], zones[1], zones[2]};
    int *fld = &e->field[ST_COLLEGE_FIELD0];
    fld[COL_UAI] = ui_form_add_text(f, _("UAI"), cur.uai, DB_UAI_LEN - 1, 0);
    ui_form_set_hint(f, fld[COL_UAI], _("collège: 0691234A"));
    fld[COL_ACADEMIE] = ui_form_add_text(f, _("Académie"), cur.academie, 63, 0);
    ui_form_set_hint(f, fld[COL_ACADEMIE], _("collège: Lyon, Rennes..."));
    fld[COL_ZONE] = ui_form_add_choice(f, _("Holiday zone"), choices, 4, zone);
    return fld[COL_UAI] >= 0 && fld[COL_ACADEMIE] >= 0 && fld[COL_ZONE] >= 0 ? 0 : -1;
}

static int uai_valid(const char *u)
{
    if (!u[0])
        return 1;
    if (strlen(u) != 8)
        return 0;
    for (int i = 0; i < 7; i++) {
        char c = u[i];
        if (!((c >= '0' && c <= '9') || (i == 2 && c >= 'A' && c <= 'Z')))
            return 0;
    }
    return u[7] >= 'A' && u[7] <= 'Z';
}

int st_college_read(struct ui_form *form, struct st_edit *e, int is_college)
{
    const int *fld = &e->field[ST_COLLEGE_FIELD0];
    struct db_college *c = &e->college;
    memset(c, 0, sizeof *c);
    snprintf(c->uai, sizeof c->uai, "%s", ui_form_text(form, fld[COL_UAI]));
    for (char *p = c->uai; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    snprintf(c->academie, sizeof c->academie, "%s", ui_form_text(form, fld[COL_ACADEMIE]));
    size_t zone = ui_form_choice(form, fld[COL_ZONE]);
    e->has_college = 0;
    int errors = 0;
    if (!is_college) {
        if (c->uai[0] || c->academie[0]) {
            ui_form_set_error(form, fld[c->uai[0] ? COL_UAI : COL_ACADEMIE],
                              _("For a collège only (see Kind)."));
            return 1;
        }
        return 0;
    }
    if (!uai_valid(c->uai)) {
        ui_form_set_error(form, fld[COL_UAI], _("7 digits and a letter, like 0691234A."));
        errors++;
    }
    if (zone >= 1 && zone <= 3) {
        snprintf(c->school_zone, sizeof c->school_zone, "%s", zones[zone - 1]);
    } else if (!c->academie[0]) {
        ui_form_set_error(form, fld[COL_ACADEMIE],
                          _("Required for a collège (or choose the zone)."));
        errors++;
    } else if (!school_zone_of_academie(c->academie)) {
        ui_form_set_error(form, fld[COL_ACADEMIE],
                          _("Unknown académie: choose its zone."));
        errors++;
    }
    e->has_college = errors == 0;
    return errors ? 1 : 0;
}

/* ---- rooms ------------------------------------------------------------- */

enum { ROOM_SITE, ROOM_NAME, ROOM_KIND, ROOM_CAPACITY, ROOM_EQUIPMENT, ROOM_ACCESS };

static int room_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct st_edit *e = ctx;
    struct db_room *r = &e->v.room;
    if (e->site_count == 0) {
        ui_form_set_error(form, -1, _("No collège yet: create one in Sites (kind collège)."));
        return 1;
    }
    size_t s = ui_form_choice(form, e->field[ROOM_SITE]);
    r->id = e->id;
    r->site_id = s < e->site_count ? e->sites[s] : 0;
    snprintf(r->name, sizeof r->name, "%s", ui_form_text(form, e->field[ROOM_NAME]));
    snprintf(r->kind, sizeof r->kind, "%s", ui_form_text(form, e->field[ROOM_KIND]));
    snprintf(r->accessibility, sizeof r->accessibility, "%s",
             ui_form_text(form, e->field[ROOM_ACCESS]));
    long capacity = 0;
    ui_form_number(form, e->field[ROOM_CAPACITY], &capacity);
    r->capacity = (int)capacity;
    char bad[64];
    if (db_equipment_parse(ui_form_text(form, e->field[ROOM_EQUIPMENT]), e->equipment,
                           DB_ROOM_MAX_EQUIPMENT, &e->equipment_count, bad, sizeof bad) != 0) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 _("Not name=number: \"%s\"."),
                 bad);
        ui_form_set_error(form, e->field[ROOM_EQUIPMENT], msg);
        return 1;
    }
    snprintf(e->what, sizeof e->what, "%s %s", _("room"), r->name);
    return st_save_from_form(app, form, e);
}

int st_room_form(struct ui_app *app, struct st_edit *e)
{
    struct db_room cur;
    memset(&cur, 0, sizeof cur);
    cur.site_id = shown_site(app);
    struct db_error err = {0};
    struct db_site *sites = NULL;
    struct db_equipment *eq = NULL;
    size_t nsites = 0, neq = 0;
    int rc = DB_OK;
    if (e->id) {
        char ref[24];
        snprintf(ref, sizeof ref, "%lld", (long long)e->id);
        rc = db_room_find(app->db, ref, &cur, &err);
        if (rc == DB_OK)
            rc = db_room_equipment_list(app->db, e->id, &eq, &neq, &err);
        if (rc == DB_OK)
            rc = db_row_version(app->db, "room", e->id, &e->version, &err);
    }
    if (rc == DB_OK)
        rc = db_site_list(app->db, &sites, &nsites, &err);
    if (rc != DB_OK) {
        free(sites);
        free(eq);
        return fail(app, e, &err);
    }
    struct ui_form_hooks hooks = {.validate = room_validate, .done = st_form_done};
    struct ui_form *f = ui_form_new(e->id ? _("Edit the room") : _("New room"), &hooks, e);
    int ok = f != NULL;
    if (f) {
        const char **names = calloc(ST_MAX_CHOICES, sizeof *names);
        size_t selected = 0, n = names ? college_choices(e, sites, nsites, names, cur.site_id,
                                                        &selected)
                                       : 0;
        char capacity[16] = "", equipment[1024];
        if (cur.capacity)
            snprintf(capacity, sizeof capacity, "%d", cur.capacity);
        db_equipment_format(eq, neq, equipment, sizeof equipment);
        e->field[ROOM_SITE] = n ? ui_form_add_choice(f, _("Collège"), names, n, selected)
                                : ui_form_add_info(f, _("Collège"),
                                                   _("none yet: create one in Sites"));
        e->field[ROOM_NAME] = ui_form_add_text(f, _("Name"), cur.name, sizeof cur.name - 1,
                                               UI_FORM_REQUIRED);
        e->field[ROOM_KIND] = ui_form_add_text(f, _("Kind"), cur.kind, sizeof cur.kind - 1, 0);
        ui_form_set_hint(f, e->field[ROOM_KIND], _("gymnase, salle polyvalente..."));
        e->field[ROOM_CAPACITY] = ui_form_add_text(f, _("Capacity"), capacity, 6,
                                                   UI_FORM_REQUIRED | UI_FORM_NUMBER);
        ui_form_set_range(f, e->field[ROOM_CAPACITY], 1, 100000);
        ui_form_set_hint(f, e->field[ROOM_CAPACITY], _("people"));
        e->field[ROOM_EQUIPMENT] = ui_form_add_text(f, _("Equipment"), equipment, 1000, 0);
        ui_form_set_hint(f, e->field[ROOM_EQUIPMENT], _("tapis=20, banc=4"));
        e->field[ROOM_ACCESS] = ui_form_add_text(f, _("Accessibility"), cur.accessibility,
                                                 sizeof cur.accessibility - 1, 0);
        ui_form_set_hint(f, e->field[ROOM_ACCESS], _("access for wheelchairs, lift..."));
        ok = names && e->field[ROOM_SITE] >= 0 && e->field[ROOM_NAME] >= 0 &&
             e->field[ROOM_KIND] >= 0 && e->field[ROOM_CAPACITY] >= 0 &&
             e->field[ROOM_EQUIPMENT] >= 0 && e->field[ROOM_ACCESS] >= 0;
        free(names);
    }
    free(sites);
    free(eq);
    return push_form(app, f, e, ok);
}

/* ---- closures and blackouts ------------------------------------------- */

enum { CL_WHERE, CL_FROM, CL_TO, CL_REASON };

static int closure_check(struct ui_app *app, struct ui_form *form, void *ctx)
{
    (void)app;
    struct st_edit *e = ctx;
    struct civil_date from, to;
    if (ui_form_date(form, e->field[CL_FROM], &from) == 0 &&
        ui_form_date(form, e->field[CL_TO], &to) == 0 && civil_date_compare(to, from) < 0) {
        ui_form_set_error(form, e->field[CL_TO], _("The last date must not be before the first."));
        return 1;
    }
    return 0;
}

static int closure_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct st_edit *e = ctx;
    struct db_closure *c = &e->v.closure;
    if (!e->id) {
        size_t k = ui_form_choice(form, e->field[CL_WHERE]);
        if (k >= e->site_count) {
            ui_form_set_error(form, -1, _("No collège yet: create one in Sites (kind collège)."));
            return 1;
        }
        c->site_id = e->sites[k];
        c->room_id = e->rooms[k];
    }
    struct civil_date d;
    ui_form_date(form, e->field[CL_FROM], &d);
    civil_format_date(d, c->first, sizeof c->first);
    c->last[0] = '\0';
    if (ui_form_date(form, e->field[CL_TO], &d) == 0)
        civil_format_date(d, c->last, sizeof c->last);
    snprintf(c->reason, sizeof c->reason, "%s", ui_form_text(form, e->field[CL_REASON]));
    snprintf(e->what, sizeof e->what, "%s %s", c->room_id ? _("blackout") : _("closure"),
             c->first);
    return st_save_from_form(app, form, e);
}

/* Every collège, then each of its rooms: where a closure applies. */
static size_t where_choices(struct st_edit *e, const struct db_site *sites, size_t nsites,
                            const struct db_room *rooms, size_t nrooms, char (*labels)[192],
                            const char **names, int64_t site, size_t *selected)
{
    size_t k = 0;
    *selected = 0;
    for (size_t i = 0; i < nsites && k < ST_MAX_CHOICES; i++) {
        if (sites[i].kind != DB_SITE_COLLEGE)
            continue;
        if (sites[i].id == site)
            *selected = k;
        snprintf(labels[k], 192, _("All rooms · %s"), sites[i].name);
        e->sites[k] = sites[i].id;
        e->rooms[k] = 0;
        names[k] = labels[k];
        k++;
        for (size_t j = 0; j < nrooms && k < ST_MAX_CHOICES; j++) {
            if (rooms[j].site_id != sites[i].id)
                continue;
            snprintf(labels[k], 192, "%s · %s", rooms[j].name, sites[i].name);
            e->sites[k] = sites[i].id;
            e->rooms[k] = rooms[j].id;
            names[k] = labels[k];
            k++;
        }
    }
    e->site_count = k;
    return k;
}

static int closure_current(struct ui_app *app, struct st_edit *e, struct db_closure *cur,
                           struct db_error *err)
{
    struct db_closure *list = NULL;
    size_t n = 0;
    int rc = e->v.closure.room_id
                 ? db_room_blackout_list(app->db, 0, e->v.closure.room_id, &list, &n, err)
                 : db_site_closure_list(app->db, e->v.closure.site_id, &list, &n, err);
    if (rc != DB_OK)
        return rc;
    rc = DB_ERR_NO_ROW;
    for (size_t i = 0; i < n; i++)
        if (list[i].id == e->id) {
            *cur = list[i];
            rc = DB_OK;
        }
    free(list);
    if (rc != DB_OK) {
        err->status = DB_ERR_NO_ROW;
        snprintf(err->detail, sizeof err->detail, "%s %lld",
                 e->v.closure.room_id ? _("blackout") : _("closure"), (long long)e->id);
    }
    return rc;
}

int st_closure_form(struct ui_app *app, struct st_edit *e)
{
    struct db_closure cur;
    memset(&cur, 0, sizeof cur);
    struct db_error err = {0};
    struct db_site *sites = NULL;
    struct db_room *rooms = NULL;
    size_t nsites = 0, nrooms = 0;
    int rc = e->id ? closure_current(app, e, &cur, &err) : DB_OK;
    if (rc == DB_OK && !e->id)
        rc = db_site_list(app->db, &sites, &nsites, &err);
    if (rc == DB_OK && !e->id)
        rc = db_room_list(app->db, 0, 0, &rooms, &nrooms, &err);
    if (rc != DB_OK) {
        free(sites);
        free(rooms);
        return fail(app, e, &err);
    }
    e->v.closure = cur;
    struct ui_form_hooks hooks = {.validate = closure_validate, .check = closure_check,
                                  .done = st_form_done};
    struct ui_form *f =
        ui_form_new(e->id ? _("Edit the closure") : _("New closure"), &hooks, e);
    int ok = f != NULL;
    if (f) {
        char first[CIVIL_DATE_LEN] = "", last[CIVIL_DATE_LEN] = "";
        struct civil_date d;
        if (civil_parse_date(cur.first, &d) == 0)
            civil_format_date_fr(d, first, sizeof first);
        if (civil_parse_date(cur.last, &d) == 0)
            civil_format_date_fr(d, last, sizeof last);
        if (e->id) {
            char where[2 * 128 + 8];
            if (cur.room_id)
                snprintf(where, sizeof where, "%s · %s", cur.room_name, cur.site_name);
            else
                snprintf(where, sizeof where, _("All rooms · %s"), cur.site_name);
            e->field[CL_WHERE] = ui_form_add_info(f, _("Where"), where);
        } else {
            char (*labels)[192] = calloc(ST_MAX_CHOICES, sizeof *labels);
            const char **names = calloc(ST_MAX_CHOICES, sizeof *names);
            size_t selected = 0, n = labels && names
                                         ? where_choices(e, sites, nsites, rooms, nrooms,
                                                         labels, names, shown_site(app),
                                                         &selected)
                                         : 0;
            e->field[CL_WHERE] =
                n ? ui_form_add_choice(f, _("Where"), names, n, selected)
                  : ui_form_add_info(f, _("Where"), _("no collège yet: create one in Sites"));
            ok = labels && names;
            free(labels);
            free(names);
        }
        e->field[CL_FROM] = ui_form_add_text(f, _("From (day)"), first, 10,
                                             UI_FORM_REQUIRED | UI_FORM_DATE);
        ui_form_set_hint(f, e->field[CL_FROM], _("dd/mm/yyyy"));
        e->field[CL_TO] = ui_form_add_text(f, _("To (day)"), last, 10, UI_FORM_DATE);
        ui_form_set_hint(f, e->field[CL_TO], _("empty: the first day only"));
        e->field[CL_REASON] = ui_form_add_text(f, _("Reason"), cur.reason, 95, 0);
        ok = ok && e->field[CL_WHERE] >= 0 && e->field[CL_FROM] >= 0 && e->field[CL_TO] >= 0 &&
             e->field[CL_REASON] >= 0;
    }
    free(sites);
    free(rooms);
    return push_form(app, f, e, ok);
}

/* ---- lending hours ---------------------------------------------------- */

enum { LH_SITE, LH_DAY, LH_TIME };

static int lending_check(struct ui_app *app, struct ui_form *form, void *ctx)
{
    (void)app;
    struct st_edit *e = ctx;
    int start, end;
    if (loan_parse_time_range(ui_form_text(form, e->field[LH_TIME]), &start, &end) != 0) {
        ui_form_set_error(form, e->field[LH_TIME], _("A time range like 18:00-20:00."));
        return 1;
    }
    return 0;
}

static int lending_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct st_edit *e = ctx;
    struct db_lending_hours *h = &e->v.hours;
    if (!e->id) {
        size_t k = ui_form_choice(form, e->field[LH_SITE]);
        if (k >= e->site_count) {
            ui_form_set_error(form, -1, _("No collège yet: create one in Sites (kind collège)."));
            return 1;
        }
        h->site_id = e->sites[k];
    } else {
        h->site_id = e->hours_was.site_id;
    }
    h->weekday = (int)ui_form_choice(form, e->field[LH_DAY]) + 1;
    loan_parse_time_range(ui_form_text(form, e->field[LH_TIME]), &h->start_minute,
                          &h->end_minute);
    char range[16] = "";
    loan_format_time_range(h->start_minute, h->end_minute, range, sizeof range);
    snprintf(e->what, sizeof e->what, "%s %s %s", _("lending hours"),
             st_weekday_words(h->weekday), range);
    return st_save_from_form(app, form, e);
}

int st_lending_form(struct ui_app *app, struct st_edit *e)
{
    struct db_error err = {0};
    struct db_site *sites = NULL;
    size_t nsites = 0;
    if (db_site_list(app->db, &sites, &nsites, &err) != DB_OK)
        return fail(app, e, &err);
    struct ui_form_hooks hooks = {.validate = lending_validate, .check = lending_check,
                                  .done = st_form_done};
    struct ui_form *f =
        ui_form_new(e->id ? _("Edit the lending hours") : _("New lending hours"), &hooks, e);
    int ok = f != NULL;
    if (f) {
        const struct db_lending_hours *was = &e->hours_was;
        const char *days[7];
        for (int d = 0; d < 7; d++)
            days[d] = st_weekday_words(d + 1);
        char range[16] = "";
        if (e->id)
            loan_format_time_range(was->start_minute, was->end_minute, range, sizeof range);
        if (e->id) {
            e->field[LH_SITE] = ui_form_add_info(f, _("Collège"), was->site_name);
        } else {
            const char **names = calloc(ST_MAX_CHOICES, sizeof *names);
            size_t selected = 0, n = names ? college_choices(e, sites, nsites, names,
                                                            shown_site(app), &selected)
                                           : 0;
            e->field[LH_SITE] = n ? ui_form_add_choice(f, _("Collège"), names, n, selected)
                                  : ui_form_add_info(f, _("Collège"),
                                                     _("none yet: create one in Sites"));
            ok = names != NULL;
            free(names);
        }
        e->field[LH_DAY] = ui_form_add_choice(f, _("Day"), days, 7,
                                              e->id ? (size_t)(was->weekday - 1) : 0);
        e->field[LH_TIME] = ui_form_add_text(f, _("Hours"), range, 11, UI_FORM_REQUIRED);
        ui_form_set_hint(f, e->field[LH_TIME], "17:00-22:00");
        ok = ok && e->field[LH_SITE] >= 0 && e->field[LH_DAY] >= 0 && e->field[LH_TIME] >= 0;
    }
    free(sites);
    return push_form(app, f, e, ok);
}

/* ---- removal ---------------------------------------------------------- */

struct removal {
    int64_t id;
    int blackout;
    int lending;
    struct db_lending_hours hours;
    char what[DB_NAME_LEN * 2 + 64];
};

static void removal_done(struct ui_app *app, void *ctx, long chosen)
{
    struct removal *r = ctx;
    if (!app || chosen != 1) {
        free(r);
        return;
    }
    struct db_error err = {0};
    int rc;
    if (r->lending)
        rc = db_college_hours_remove(app->db, r->hours.site_id, r->hours.weekday,
                                     r->hours.start_minute, r->hours.end_minute, &err);
    else if (r->blackout)
        rc = db_room_blackout_remove(app->db, r->id, &err);
    else
        rc = db_site_closure_remove(app->db, r->id, &err);
    if (rc == DB_OK)
        ui_app_message(app, 0, _("Deleted: %s."), r->what);
    else
        ui_app_db_error(app, &err);
    st_after_write(app);
    free(r);
}

static void ask_removal(struct ui_app *app, struct removal *r, const char *what)
{
    snprintf(r->what, sizeof r->what, "%s", what);
    const char *items[2] = {_("No, keep it"), _("Yes, delete it")};
    char title[DB_NAME_LEN * 2 + 96];
    snprintf(title, sizeof title, _("Delete %s?"), what);
    struct ui_layer *l = ui_list_new(title, items, 2, 0, removal_done, r);
    if (l) /* else the list's done already freed r */
        ui_app_push(app, l);
}

void st_closure_delete(struct ui_app *app, int64_t id, int blackout, const char *what)
{
    struct removal *r = calloc(1, sizeof *r);
    if (!r) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    r->id = id;
    r->blackout = blackout;
    ask_removal(app, r, what);
}

void st_lending_delete(struct ui_app *app, const struct db_lending_hours *h, const char *what)
{
    struct removal *r = calloc(1, sizeof *r);
    if (!r) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    r->lending = 1;
    r->hours = *h;
    ask_removal(app, r, what);
}
