/* structure_save.c - how every structure form saves (see structure_int.h):
 * one storage call per row (its own write unit, version checked), the
 * agent's sites and the opening's motifs after it, the conflict dialog
 * when another desk saved first, and the reload of what shows the
 * structure. Also the words shared by the structure screens. */
#include "structure_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "dialog_conflict.h"
#include "view_outside.h"

static const char *const entity_names[ST_COUNT] = {
    [ST_SITES] = "site",       [ST_SERVICES] = "service", [ST_AGENTS] = "agent",
    [ST_MOTIFS] = "motif",     [ST_HOURS] = "opening",    [ST_ABSENCES] = "absence",
    [ST_ROOMS] = "room", /* closures and lending hours have no version */
};

struct st_edit *st_edit_new(struct ui_app *app, enum st_section section, int64_t id,
                            int64_t agent_id)
{
    struct st_edit *e = calloc(1, sizeof *e);
    if (!e) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return NULL;
    }
    e->section = section;
    e->id = id;
    e->agent_id = agent_id;
    for (size_t i = 0; i < ST_MAX_FIELDS; i++)
        e->field[i] = -1;
    return e;
}

/* ---- writing ----------------------------------------------------------- */

static int64_t read_version(struct ui_app *app, const struct st_edit *e)
{
    int64_t v = 0;
    if (e->id && entity_names[e->section] &&
        db_row_version(app->db, entity_names[e->section], e->id, &v, NULL) != DB_OK)
        v = 0;
    return v;
}

static int apply_agent_sites(struct ui_app *app, struct st_edit *e, struct db_error *err)
{
    for (size_t i = 0; i < e->site_count; i++) {
        int rc = DB_OK;
        if (e->wants_site[i] && !e->was_at_site[i])
            rc = db_agent_join_site(app->db, e->id, e->sites[i], err);
        else if (!e->wants_site[i] && e->was_at_site[i])
            rc = db_agent_leave_site(app->db, e->id, e->sites[i], err);
        if (rc != DB_OK)
            return rc;
        e->was_at_site[i] = e->wants_site[i];
    }
    return DB_OK;
}

static int apply_opening_motifs(struct ui_app *app, struct st_edit *e, struct db_error *err)
{
    int differs = 0;
    int64_t ids[ST_MAX_CHOICES];
    size_t n = 0;
    for (size_t i = 0; i < e->motif_count; i++) {
        if (e->wants_motif[i] != e->had_motif[i])
            differs = 1;
        if (e->wants_motif[i])
            ids[n++] = e->motifs[i];
    }
    if (!differs)
        return DB_OK;
    int rc = db_opening_set_motifs(app->db, e->id, e->version, ids, n, &e->conflict, err);
    if (rc == DB_OK) {
        memcpy(e->had_motif, e->wants_motif, sizeof e->had_motif);
        e->version = read_version(app, e);
    }
    return rc;
}

int st_apply(struct ui_app *app, struct st_edit *e, struct db_error *err)
{
    struct db *db = app->db;
    int rc;
    int was_new = e->id == 0;
    memset(&e->conflict, 0, sizeof e->conflict);
    switch (e->section) {
    case ST_SITES:
        e->v.site.id = e->id;
        rc = db_site_save(db, &e->v.site, e->has_college ? &e->college : NULL, e->version,
                          &e->conflict, err);
        if (rc == DB_OK)
            e->id = e->v.site.id;
        break;
    case ST_SERVICES:
        e->v.service.id = e->id;
        rc = was_new ? db_service_add(db, &e->v.service, err)
                     : db_service_update(db, &e->v.service, e->version, &e->conflict, err);
        if (rc == DB_OK)
            e->id = e->v.service.id;
        break;
    case ST_AGENTS:
        e->v.agent.id = e->id;
        rc = was_new ? db_agent_add(db, &e->v.agent, err)
                     : db_agent_update(db, &e->v.agent, e->version, &e->conflict, err);
        if (rc == DB_OK) {
            e->id = e->v.agent.id;
            e->version = read_version(app, e);
            rc = apply_agent_sites(app, e, err);
        }
        break;
    case ST_MOTIFS:
        e->v.motif.id = e->id;
        rc = was_new ? db_motif_add(db, &e->v.motif, err)
                     : db_motif_update(db, &e->v.motif, e->version, &e->conflict, err);
        if (rc == DB_OK)
            e->id = e->v.motif.id;
        break;
    case ST_HOURS:
        e->v.opening.id = e->id;
        e->v.opening.agent_id = e->agent_id;
        rc = was_new ? db_opening_add(db, &e->v.opening, err)
                     : db_opening_update(db, &e->v.opening, e->version, &e->conflict, err);
        if (rc == DB_OK) {
            e->id = e->v.opening.id;
            e->version = read_version(app, e);
            rc = apply_opening_motifs(app, e, err);
        }
        break;
    case ST_ABSENCES:
        e->v.absence.id = e->id;
        e->v.absence.agent_id = e->agent_id;
        e->v.absence.version = e->version;
        rc = was_new ? db_absence_add(db, &e->v.absence, err)
                     : db_absence_update(db, &e->v.absence, &e->conflict, err);
        if (rc == DB_OK) {
            e->id = e->v.absence.id;
            e->version = e->v.absence.version;
        }
        break;
    case ST_ROOMS:
        e->v.room.id = e->id;
        rc = db_room_save(db, &e->v.room, e->equipment, e->equipment_count, e->version,
                          &e->conflict, err);
        if (rc == DB_OK) {
            e->id = e->v.room.id;
            e->version = e->v.room.version;
        }
        break;
    case ST_CLOSURES: {
        const struct db_closure *c = &e->v.closure;
        if (was_new && c->room_id)
            rc = db_room_blackout_add(db, c->room_id, c->first, c->last, c->reason, &e->id, err);
        else if (was_new)
            rc = db_site_closure_add(db, c->site_id, c->first, c->last, c->reason, &e->id, err);
        else if (c->room_id)
            rc = db_room_blackout_update(db, e->id, c->first, c->last, c->reason, err);
        else
            rc = db_site_closure_update(db, e->id, c->first, c->last, c->reason, err);
        break;
    }
    case ST_LENDING: {
        const struct db_lending_hours *h = &e->v.hours, *was = &e->hours_was;
        rc = was_new ? db_college_hours_add(db, h->site_id, h->weekday, h->start_minute,
                                            h->end_minute, err)
                     : db_college_hours_change(db, h->site_id, was->weekday, was->start_minute,
                                               was->end_minute, h->weekday, h->start_minute,
                                               h->end_minute, err);
        if (rc == DB_OK) {
            e->hours_was = *h; /* a second save moves the range from here */
            e->id = e->id ? e->id : 1;
        }
        break;
    }
    default:
        rc = DB_ERR_INTERNAL;
        break;
    }
    return rc;
}

/* ---- after a write ----------------------------------------------------- */

void st_after_write(struct ui_app *app)
{
    ui_app_reload_sites(app);
    for (int i = 0; i < app->layer_count; i++)
        if (app->layers[i]->reload)
            app->layers[i]->reload(app, app->layers[i]);
}

/* ---- forms and conflicts ------------------------------------------------ */

static void saved_message(struct ui_app *app, const struct st_edit *e, int was_new)
{
    ui_app_message(app, 0, was_new ? _("Created: %s.") : _("Saved: %s."), e->what);
}

/* Saved over the appointments listed before: those of the agent left
 * outside, each with the slot finder and the cancellation. */
static void show_outside(struct ui_app *app, const struct st_edit *e)
{
    if (e->outside_shown && e->agent_id &&
        (e->section == ST_HOURS || e->section == ST_ABSENCES))
        ui_outside_open(app, e->agent_id);
}

/* Opening hours changed or an absence: the appointments it would leave
 * outside, listed in the form before anything is saved; saving again
 * confirms, and the list of the agent's appointments left outside opens
 * (view_outside.h: the slot finder to move each, or a cancellation by the
 * service with the reason filled in; they are also marked "!" in the
 * views). 1 when the form stays open with the list. */
static int list_outside(struct ui_app *app, struct ui_form *form, struct st_edit *e)
{
    struct db_stranded *l = NULL;
    size_t n = 0;
    struct db_error err = {0};
    int rc;
    if (e->outside_shown)
        return 0;
    if (e->section == ST_HOURS && e->id) {
        e->v.opening.id = e->id;
        e->v.opening.agent_id = e->agent_id;
        rc = db_opening_preview(app->db, &e->v.opening, e->version, 0, &l, &n, NULL, &err);
    } else if (e->section == ST_ABSENCES) {
        e->v.absence.id = e->id;
        e->v.absence.agent_id = e->agent_id;
        e->v.absence.version = e->version;
        rc = db_absence_preview(app->db, &e->v.absence, &l, &n, NULL, &err);
    } else {
        return 0;
    }
    if (rc != DB_OK || n == 0) {
        free(l);
        return 0; /* the save itself says what is wrong */
    }
    char msg[UI_MESSAGE_LEN];
    int used = snprintf(msg, sizeof msg,
                        ngettext("This leaves %zu appointment outside:",
                                 "This leaves %zu appointments outside:", n), n);
    for (size_t i = 0; i < n && used > 0 && (size_t)used < sizeof msg; i++) {
        const struct db_appt_row *r = &l[i].row;
        char why[128];
        db_stranded_describe(l[i].reasons, why, sizeof why);
        const char *at = r->day.appt.starts_at; /* "YYYY-MM-DD HH:MM" */
        used += snprintf(msg + used, sizeof msg - (size_t)used, " %.2s/%.2s %.5s %s %s (%s);",
                         at + 8, at + 5, at + 11, r->day.person_last, r->day.person_first, why);
    }
    if (used > 0 && (size_t)used < sizeof msg)
        snprintf(msg + used, sizeof msg - (size_t)used, " %s",
                 _("save again to confirm: a list then offers to move or cancel each."));
    free(l);
    ui_form_set_error(form, -1, msg);
    e->outside_shown = 1;
    return 1;
}

int st_save_from_form(struct ui_app *app, struct ui_form *form, struct st_edit *e)
{
    struct db_error err = {0};
    int was_new = e->id == 0;
    if (list_outside(app, form, e))
        return 1;
    int rc = st_apply(app, e, &err);
    if (rc == DB_OK) {
        e->created = was_new;
        return 0;
    }
    if (rc == DB_ERR_CONFLICT) {
        e->conflicted = 1;
        return 0; /* closes; st_form_done shows who changed what */
    }
    char msg[UI_MESSAGE_LEN];
    db_error_format(&err, msg, sizeof msg);
    ui_form_set_error(form, -1, msg);
    return 1;
}

static void conflict_done(struct ui_app *app, void *ctx, enum ui_conflict_choice choice,
                          int64_t current_version)
{
    struct st_edit *e = ctx;
    if (!app) {
        free(e);
        return;
    }
    switch (choice) {
    case UI_CONFLICT_REAPPLY: {
        e->version = current_version;
        struct db_error err = {0};
        int rc = st_apply(app, e, &err);
        if (rc == DB_ERR_CONFLICT) {
            ui_conflict_show(app, e->what, _("your values, again"), &e->conflict, conflict_done,
                             e);
            return;
        }
        if (rc == DB_OK)
            saved_message(app, e, 0);
        else
            ui_app_db_error(app, &err);
        st_after_write(app);
        if (rc == DB_OK)
            show_outside(app, e);
        free(e);
        return;
    }
    case UI_CONFLICT_RELOAD:
        st_after_write(app);
        st_reopen(app, e);
        return;
    default:
        st_after_write(app);
        free(e);
        return;
    }
}

void st_form_done(struct ui_app *app, struct ui_form *form, enum ui_form_result result,
                  void *ctx)
{
    (void)form;
    struct st_edit *e = ctx;
    if (!app || result != UI_FORM_CONFIRMED) {
        free(e);
        return;
    }
    if (e->conflicted) {
        ui_conflict_show(app, e->what, _("the values in your form"), &e->conflict,
                         conflict_done, e);
        return;
    }
    saved_message(app, e, e->created);
    st_after_write(app);
    show_outside(app, e);
    free(e);
}

void st_reopen(struct ui_app *app, struct st_edit *e)
{
    struct st_edit *fresh = st_edit_new(app, e->section, e->id, e->agent_id);
    enum st_section section = e->section;
    free(e);
    if (!fresh)
        return;
    switch (section) {
    case ST_SITES: st_site_form(app, fresh); break;
    case ST_SERVICES: st_service_form(app, fresh); break;
    case ST_AGENTS: st_agent_form(app, fresh); break;
    case ST_MOTIFS: st_motif_form(app, fresh); break;
    case ST_HOURS: st_opening_form(app, fresh); break;
    case ST_ABSENCES: st_absence_form(app, fresh); break;
    case ST_ROOMS: st_room_form(app, fresh); break;
    default: free(fresh); break; /* closures and lending hours meet no conflict */
    }
}

/* ---- words ------------------------------------------------------------ */

const char *st_location_words(enum db_location l)
{
    switch (l) {
    case DB_LOC_SITE: return _("on site");
    case DB_LOC_PHONE: return _("by phone");
    case DB_LOC_HOME: return _("at home");
    case DB_LOC_VIDEO: return _("by video");
    }
    return "?";
}

const char *st_site_kind_words(enum db_site_kind k)
{
    switch (k) {
    case DB_SITE_SOCIAL: return _("social-services office");
    case DB_SITE_COLLEGE: return _("collège");
    }
    return "?";
}

const char *st_weekday_words(int weekday)
{
    static const char *const names[] = {
        N_("Monday"), N_("Tuesday"),  N_("Wednesday"), N_("Thursday"),
        N_("Friday"), N_("Saturday"), N_("Sunday"),
    };
    if (weekday < 1 || weekday > 7)
        return "?";
    return _(names[weekday - 1]);
}

void st_every_words(int every_weeks, char *buf, size_t size)
{
    if (every_weeks <= 1)
        snprintf(buf, size, "%s", _("every week"));
    else
        snprintf(buf, size, _("every %d weeks"), every_weeks);
}
