/* structure_forms.c - the forms of sites (a collège's school details:
 * structure_loans.c), services, agents and motifs (see structure_int.h). Each reads the row and the choices it needs when
 * it opens, remembers the row's version, and saves through
 * st_save_from_form: one write unit, refused with storage's message in the
 * form (which stays open), or the conflict dialog when another desk saved
 * first. An agent's sites are ticked boxes: joining or leaving a site is
 * written after the agent itself. */
#include "structure_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"

/* Shared end of every form builder: push it, or undo everything. */
static int push_form(struct ui_app *app, struct ui_form *f, struct st_edit *e, int ok)
{
    if (!f || !ok) {
        if (f)
            ui_form_free(f);
        free(e);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    ui_app_push(app, ui_form_layer(f)); /* on failure done() frees e */
    return 0;
}

static int fail(struct ui_app *app, struct st_edit *e, const struct db_error *err)
{
    ui_app_db_error(app, err);
    free(e);
    return -1;
}

static int64_t version_of(struct ui_app *app, const char *entity, int64_t id)
{
    int64_t v = 0;
    db_row_version(app->db, entity, id, &v, NULL);
    return v;
}

/* The services as choices; index 0 is "none" when `optional`. Fills
 * e->services and names[] (pointing into `list`). */
static size_t service_choices(struct st_edit *e, const struct db_service *list, size_t n,
                              int optional, const char **names, int64_t current,
                              size_t *selected)
{
    size_t k = 0;
    *selected = 0;
    if (optional) {
        e->services[k] = 0;
        names[k++] = _("(none)");
    }
    for (size_t i = 0; i < n && k < ST_MAX_CHOICES; i++) {
        if (list[i].id == current)
            *selected = k;
        e->services[k] = list[i].id;
        names[k++] = list[i].name;
    }
    e->service_count = k;
    return k;
}

/* ---- site ------------------------------------------------------------- */

enum { SITE_NAME, SITE_KIND, SITE_ADDRESS, SITE_TZ, SITE_HOLIDAYS };

/* The site's public holidays, in the order of the choice field. */
static const unsigned holiday_choices[2] = {HOLIDAYS_NATIONAL, HOLIDAYS_ALSACE_MOSELLE};

static int site_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct st_edit *e = ctx;
    struct db_site *s = &e->v.site;
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", ui_form_text(form, e->field[SITE_NAME]));
    s->kind = ui_form_choice(form, e->field[SITE_KIND]) == 1 ? DB_SITE_COLLEGE : DB_SITE_SOCIAL;
    snprintf(s->address, sizeof s->address, "%s", ui_form_text(form, e->field[SITE_ADDRESS]));
    snprintf(s->timezone, sizeof s->timezone, "%s", ui_form_text(form, e->field[SITE_TZ]));
    s->holiday_flags = holiday_choices[ui_form_choice(form, e->field[SITE_HOLIDAYS]) == 1];
    snprintf(e->what, sizeof e->what, "%s %s", _("site"), s->name);
    if (st_college_read(form, e, s->kind == DB_SITE_COLLEGE))
        return 1;
    return st_save_from_form(app, form, e);
}

int st_site_form(struct ui_app *app, struct st_edit *e)
{
    struct db_site cur;
    memset(&cur, 0, sizeof cur);
    snprintf(cur.timezone, sizeof cur.timezone, "Europe/Paris");
    struct db_error err = {0};
    if (e->id) {
        if (db_site_get(app->db, e->id, &cur, &err) != DB_OK)
            return fail(app, e, &err);
        e->version = version_of(app, "site", e->id);
    }
    struct ui_form_hooks hooks = {.validate = site_validate, .done = st_form_done};
    struct ui_form *f = ui_form_new(e->id ? _("Edit the site") : _("New site"), &hooks, e);
    if (!f)
        return push_form(app, NULL, e, 0);
    const char *kinds[2] = {st_site_kind_words(DB_SITE_SOCIAL),
                            st_site_kind_words(DB_SITE_COLLEGE)};
    e->field[SITE_NAME] = ui_form_add_text(f, _("Name"), cur.name, DB_NAME_LEN - 1,
                                           UI_FORM_REQUIRED);
    e->field[SITE_KIND] = ui_form_add_choice(f, _("Kind"), kinds, 2,
                                             cur.kind == DB_SITE_COLLEGE ? 1 : 0);
    e->field[SITE_ADDRESS] = ui_form_add_text(f, _("Address"), cur.address, DB_NAME_LEN - 1, 0);
    e->field[SITE_TZ] = ui_form_add_text(f, _("Time zone"), cur.timezone, DB_SHORT_LEN - 1,
                                         UI_FORM_REQUIRED);
    ui_form_set_hint(f, e->field[SITE_TZ], "Europe/Paris");
    /* Bas-Rhin, Haut-Rhin and Moselle close on two more days: every desk
     * and the command line read this from the site. */
    const char *holidays[2] = {_("national"), _("Alsace-Moselle (+ Good Friday, 26 December)")};
    e->field[SITE_HOLIDAYS] = ui_form_add_choice(
        f, _("Public holidays"), holidays, 2,
        cur.holiday_flags == HOLIDAYS_ALSACE_MOSELLE ? 1 : 0);
    int ok = e->field[SITE_NAME] >= 0 && e->field[SITE_KIND] >= 0 &&
             e->field[SITE_ADDRESS] >= 0 && e->field[SITE_TZ] >= 0 &&
             e->field[SITE_HOLIDAYS] >= 0 && st_college_fields(app, f, e) == 0;
    return push_form(app, f, e, ok);
}

/* ---- service ---------------------------------------------------------- */

static int service_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct st_edit *e = ctx;
    memset(&e->v.service, 0, sizeof e->v.service);
    snprintf(e->v.service.name, sizeof e->v.service.name, "%s", ui_form_text(form, e->field[0]));
    snprintf(e->what, sizeof e->what, "%s %s", _("service"), e->v.service.name);
    return st_save_from_form(app, form, e);
}

int st_service_form(struct ui_app *app, struct st_edit *e)
{
    char name[DB_NAME_LEN] = "";
    if (e->id) {
        struct db_service *list = NULL;
        size_t n = 0;
        struct db_error err = {0};
        if (db_service_list(app->db, &list, &n, &err) != DB_OK)
            return fail(app, e, &err);
        int found = 0;
        for (size_t i = 0; i < n; i++)
            if (list[i].id == e->id) {
                snprintf(name, sizeof name, "%s", list[i].name);
                found = 1;
            }
        free(list);
        if (!found) {
            err.status = DB_ERR_NO_ROW;
            snprintf(err.detail, sizeof err.detail, "%s %lld", _("service"), (long long)e->id);
            return fail(app, e, &err);
        }
        e->version = version_of(app, "service", e->id);
    }
    struct ui_form_hooks hooks = {.validate = service_validate, .done = st_form_done};
    struct ui_form *f =
        ui_form_new(e->id ? _("Edit the service") : _("New service"), &hooks, e);
    if (!f)
        return push_form(app, NULL, e, 0);
    e->field[0] = ui_form_add_text(f, _("Name"), name, DB_NAME_LEN - 1, UI_FORM_REQUIRED);
    return push_form(app, f, e, e->field[0] >= 0);
}

/* ---- agent ------------------------------------------------------------ */

enum { AGENT_LAST, AGENT_FIRST, AGENT_LOGIN, AGENT_SERVICE, AGENT_SITE0 };

static int agent_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct st_edit *e = ctx;
    struct db_agent *a = &e->v.agent;
    memset(a, 0, sizeof *a);
    snprintf(a->last_name, sizeof a->last_name, "%s", ui_form_text(form, e->field[AGENT_LAST]));
    snprintf(a->first_name, sizeof a->first_name, "%s",
             ui_form_text(form, e->field[AGENT_FIRST]));
    snprintf(a->login, sizeof a->login, "%s", ui_form_text(form, e->field[AGENT_LOGIN]));
    size_t s = ui_form_choice(form, e->field[AGENT_SERVICE]);
    a->service_id = s < e->service_count ? e->services[s] : 0;
    for (size_t i = 0; i < e->site_count; i++)
        e->wants_site[i] = ui_form_checked(form, e->field[AGENT_SITE0 + i]);
    snprintf(e->what, sizeof e->what, "%s %s %s", _("agent"), a->first_name, a->last_name);
    return st_save_from_form(app, form, e);
}

int st_agent_form(struct ui_app *app, struct st_edit *e)
{
    struct db_agent cur;
    memset(&cur, 0, sizeof cur);
    struct db_error err = {0};
    struct db_service *services = NULL;
    struct db_site *sites = NULL;
    int64_t *member = NULL;
    size_t nservices = 0, nsites = 0, nmember = 0;
    int rc = DB_OK;
    if (e->id) {
        rc = db_agent_get(app->db, e->id, &cur, &err);
        if (rc == DB_OK)
            rc = db_agent_sites(app->db, e->id, &member, &nmember, &err);
        e->version = version_of(app, "agent", e->id);
    }
    if (rc == DB_OK)
        rc = db_service_list(app->db, &services, &nservices, &err);
    if (rc == DB_OK)
        rc = db_site_list(app->db, &sites, &nsites, &err);
    if (rc != DB_OK) {
        free(services);
        free(sites);
        free(member);
        return fail(app, e, &err);
    }
    struct ui_form_hooks hooks = {.validate = agent_validate, .done = st_form_done};
    struct ui_form *f = ui_form_new(e->id ? _("Edit the agent") : _("New agent"), &hooks, e);
    int ok = f != NULL;
    if (f) {
        const char *names[ST_MAX_CHOICES];
        size_t selected;
        size_t n = service_choices(e, services, nservices, 1, names, cur.service_id, &selected);
        e->field[AGENT_LAST] = ui_form_add_text(f, _("Last name"), cur.last_name,
                                                DB_NAME_LEN - 1, UI_FORM_REQUIRED);
        e->field[AGENT_FIRST] = ui_form_add_text(f, _("First name"), cur.first_name,
                                                 DB_NAME_LEN - 1, 0);
        e->field[AGENT_LOGIN] = ui_form_add_text(f, _("Login"), cur.login, DB_SHORT_LEN - 1, 0);
        ui_form_set_hint(f, e->field[AGENT_LOGIN], _("empty: no access to the console"));
        e->field[AGENT_SERVICE] = ui_form_add_choice(f, _("Service"), names, n, selected);
        ok = e->field[AGENT_LAST] >= 0 && e->field[AGENT_FIRST] >= 0 &&
             e->field[AGENT_LOGIN] >= 0 && e->field[AGENT_SERVICE] >= 0;
        e->site_count = 0;
        for (size_t i = 0; i < nsites && e->site_count < ST_MAX_CHOICES &&
                           AGENT_SITE0 + e->site_count < ST_MAX_FIELDS;
             i++) {
            size_t k = e->site_count++;
            e->sites[k] = sites[i].id;
            for (size_t j = 0; j < nmember; j++)
                if (member[j] == sites[i].id)
                    e->was_at_site[k] = 1;
            /* A new agent is offered the site shown, joined on save. */
            char label[DB_NAME_LEN + 32];
            snprintf(label, sizeof label, _("Works at %s"), sites[i].name);
            int checked = e->was_at_site[k] ||
                          (e->id == 0 && ui_app_site(app) && ui_app_site(app)->id == sites[i].id);
            e->field[AGENT_SITE0 + k] = ui_form_add_check(f, label, checked);
            if (e->field[AGENT_SITE0 + k] < 0)
                ok = 0;
        }
    }
    free(services);
    free(sites);
    free(member);
    return push_form(app, f, e, ok);
}

/* ---- motif ------------------------------------------------------------ */

enum { MOTIF_NAME, MOTIF_SERVICE, MOTIF_DURATION, MOTIF_COLOUR, MOTIF_LOCATION };

static int motif_validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct st_edit *e = ctx;
    struct db_motif *m = &e->v.motif;
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", ui_form_text(form, e->field[MOTIF_NAME]));
    size_t s = ui_form_choice(form, e->field[MOTIF_SERVICE]);
    m->service_id = s < e->service_count ? e->services[s] : 0;
    long minutes = 0;
    ui_form_number(form, e->field[MOTIF_DURATION], &minutes);
    m->duration_minutes = (int)minutes;
    snprintf(m->colour, sizeof m->colour, "%s", ui_form_text(form, e->field[MOTIF_COLOUR]));
    m->location = (enum db_location)ui_form_choice(form, e->field[MOTIF_LOCATION]);
    if (m->service_id == 0) {
        ui_form_set_error(form, e->field[MOTIF_SERVICE], _("Choose the service of this motif."));
        return 1;
    }
    snprintf(e->what, sizeof e->what, "%s %s", _("motif"), m->name);
    return st_save_from_form(app, form, e);
}

int st_motif_form(struct ui_app *app, struct st_edit *e)
{
    struct db_motif cur;
    memset(&cur, 0, sizeof cur);
    cur.duration_minutes = 30;
    snprintf(cur.colour, sizeof cur.colour, "#808080");
    struct db_error err = {0};
    struct db_service *services = NULL;
    size_t nservices = 0;
    int rc = DB_OK;
    if (e->id) {
        rc = db_motif_get(app->db, e->id, &cur, &err);
        e->version = version_of(app, "motif", e->id);
    }
    if (rc == DB_OK)
        rc = db_service_list(app->db, &services, &nservices, &err);
    if (rc != DB_OK) {
        free(services);
        return fail(app, e, &err);
    }
    struct ui_form_hooks hooks = {.validate = motif_validate, .done = st_form_done};
    struct ui_form *f = ui_form_new(e->id ? _("Edit the motif") : _("New motif"), &hooks, e);
    int ok = f != NULL;
    if (f) {
        const char *names[ST_MAX_CHOICES];
        size_t selected;
        size_t n = service_choices(e, services, nservices, 0, names, cur.service_id, &selected);
        const char *locations[4] = {st_location_words(DB_LOC_SITE),
                                    st_location_words(DB_LOC_PHONE),
                                    st_location_words(DB_LOC_HOME),
                                    st_location_words(DB_LOC_VIDEO)};
        char minutes[16];
        snprintf(minutes, sizeof minutes, "%d", cur.duration_minutes);
        e->field[MOTIF_NAME] = ui_form_add_text(f, _("Name"), cur.name, DB_NAME_LEN - 1,
                                                UI_FORM_REQUIRED);
        e->field[MOTIF_SERVICE] = n ? ui_form_add_choice(f, _("Service"), names, n, selected)
                                    : ui_form_add_info(f, _("Service"),
                                                       _("none yet: create a service first"));
        e->field[MOTIF_DURATION] = ui_form_add_text(f, _("Duration (min)"), minutes, 4,
                                                    UI_FORM_REQUIRED | UI_FORM_NUMBER);
        ui_form_set_range(f, e->field[MOTIF_DURATION], 1, 720);
        e->field[MOTIF_COLOUR] = ui_form_add_text(f, _("Colour"), cur.colour, 7,
                                                  UI_FORM_REQUIRED);
        ui_form_set_hint(f, e->field[MOTIF_COLOUR], "#rrggbb");
        e->field[MOTIF_LOCATION] = ui_form_add_choice(f, _("Location"), locations, 4,
                                                      (size_t)cur.location <= 3
                                                          ? (size_t)cur.location
                                                          : 0);
        ok = e->field[MOTIF_NAME] >= 0 && e->field[MOTIF_SERVICE] >= 0 &&
             e->field[MOTIF_DURATION] >= 0 && e->field[MOTIF_COLOUR] >= 0 &&
             e->field[MOTIF_LOCATION] >= 0;
    }
    free(services);
    return push_form(app, f, e, ok);
}
