/* structure_int.h - what the structure screens share inside tui/:
 * view_structure.c (the pane: sections, lists, keys), structure_forms.c
 * (site, service, agent and motif forms), structure_hours.c (opening
 * hours and absences forms, deletions) and structure_loans.c (what room
 * loans need: a collège's school details in the site form, rooms,
 * closures and blackouts, lending hours), plus the save path they all use
 * (structure_save.c: one storage write unit per save, version checks,
 * the conflict dialog, reloading what shows the structure).
 *
 * Forms read what their choices need (sites, services, motifs) when they
 * open, so they depend on nothing but the row they edit. */
#ifndef GUICHET_TUI_STRUCTURE_INT_H
#define GUICHET_TUI_STRUCTURE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "../storage/storage.h"
#include "app.h"
#include "form.h"

enum st_section {
    ST_SITES,
    ST_SERVICES,
    ST_AGENTS,
    ST_MOTIFS,
    ST_HOURS,
    ST_ABSENCES,
    ST_ROOMS,     /* room loans: the rooms of every collège */
    ST_CLOSURES,  /* site closures and room blackouts */
    ST_LENDING,   /* lending hours of every collège */
    ST_COUNT
};


/* Room for a département's structure (200 agents, 80 motifs) many times over:
 * the edit is allocated, and the form scrolls. */
enum { ST_MAX_CHOICES = 1024, ST_MAX_FIELDS = 1100 };

/* One edit in progress: the form's context, then (after a conflict) the
 * conflict dialog's. Holds the values to write so that "re-apply" can
 * write them again once the form is gone. */
struct st_edit {
    enum st_section section;
    int64_t id;               /* 0: a new row */
    int64_t version;          /* the version the form was opened on */
    int64_t agent_id;         /* opening hours and absences */
    int field[ST_MAX_FIELDS]; /* form field indices, by the form's own order */

    /* Choices shown in the form, by index: ids behind them. */
    int64_t services[ST_MAX_CHOICES];
    size_t service_count;
    int64_t sites[ST_MAX_CHOICES];
    size_t site_count;
    int64_t motifs[ST_MAX_CHOICES];
    size_t motif_count;

    /* Agent: sites the agent worked at when the form opened, and wanted. */
    int was_at_site[ST_MAX_CHOICES];
    int wants_site[ST_MAX_CHOICES];
    /* Opening hours: motif set when opened, and wanted. */
    int had_motif[ST_MAX_CHOICES];
    int wants_motif[ST_MAX_CHOICES];

    /* Site of kind collège: its school details, written with it. */
    int has_college;
    struct db_college college;
    /* Room: its equipment as typed. */
    struct db_equipment equipment[DB_ROOM_MAX_EQUIPMENT];
    size_t equipment_count;
    /* Closures: the "where" choices (a room id, or 0 for the whole site). */
    int64_t rooms[ST_MAX_CHOICES];
    /* Lending hours: the range edited (id != 0), as it was. */
    struct db_lending_hours hours_was;

    /* The values to write. */
    union {
        struct db_site site;
        struct db_service service;
        struct db_agent agent;
        struct db_motif motif;
        struct db_opening opening;
        struct db_absence absence;
        struct db_room room;
        struct db_closure closure;
        struct db_lending_hours hours;
    } v;

    char what[DB_NAME_LEN * 2 + 64]; /* "Motif Suivi social" for messages */
    int created;              /* the save created the row */
    int conflicted;           /* the save met another desk's change */
    int outside_shown;        /* the appointments the change leaves outside
                               * were listed; saving again confirms */
    struct db_conflict conflict;
};

/* ---- structure_save.c ---- */

/* Writes e->v (add or update with e->version, then the agent's sites or
 * the opening's motifs). Returns a db_status. */
int st_apply(struct ui_app *app, struct st_edit *e, struct db_error *err);

/* The validate hook of every structure form, after the form-specific
 * reading into e->v: writes, and keeps the form open with storage's
 * message on a refusal. On a conflict the form closes and st_form_done
 * shows the conflict dialog. */
int st_save_from_form(struct ui_app *app, struct ui_form *form, struct st_edit *e);

/* The done hook of every structure form. */
void st_form_done(struct ui_app *app, struct ui_form *form, enum ui_form_result result,
                  void *ctx);

/* After a write of ours: the app's site list, the structure pane and every
 * other layer read again (the data_version poll only sees other desks). */
void st_after_write(struct ui_app *app);

/* Opens the form of e->section on row e->id (0: new) again, after a
 * reload: reads the row afresh. Takes ownership of e. */
void st_reopen(struct ui_app *app, struct st_edit *e);

/* A new edit context (zeroed) or NULL with a message. */
struct st_edit *st_edit_new(struct ui_app *app, enum st_section section, int64_t id,
                            int64_t agent_id);

/* ---- structure_forms.c ---- */

/* Each opens the form on row e->id (0: new), takes ownership of e, and
 * returns 0 or -1 (message shown, e freed). */
int st_site_form(struct ui_app *app, struct st_edit *e);
int st_service_form(struct ui_app *app, struct st_edit *e);
int st_agent_form(struct ui_app *app, struct st_edit *e);
int st_motif_form(struct ui_app *app, struct st_edit *e);

/* ---- structure_hours.c ---- */

int st_opening_form(struct ui_app *app, struct st_edit *e);
int st_absence_form(struct ui_app *app, struct st_edit *e);
/* Asks, then deletes (one write unit, version checked). */
void st_opening_delete(struct ui_app *app, int64_t opening_id, const char *what);
void st_absence_delete(struct ui_app *app, int64_t absence_id, int64_t version,
                       const char *what);

/* ---- structure_loans.c ---- */

/* The site form's collège fields: added after the site's own (their
 * indices in e->field from ST_COLLEGE_FIELD0), filled from the file for an
 * existing collège; read back into e->college (e->has_college) when the
 * kind is collège. Returns 0, or -1 when out of memory. */
enum { ST_COLLEGE_FIELD0 = 16 };
int st_college_fields(struct ui_app *app, struct ui_form *f, struct st_edit *e);
/* 0 when read (e->has_college set for a collège); 1 with the errors
 * beside their fields. */
int st_college_read(struct ui_form *form, struct st_edit *e, int is_college);
int st_room_form(struct ui_app *app, struct st_edit *e);
int st_closure_form(struct ui_app *app, struct st_edit *e);
int st_lending_form(struct ui_app *app, struct st_edit *e);
/* Asks, then removes a closure (room_id 0) or a blackout, or a range of
 * lending hours. */
void st_closure_delete(struct ui_app *app, int64_t id, int blackout, const char *what);
void st_lending_delete(struct ui_app *app, const struct db_lending_hours *h, const char *what);

/* ---- shared words ---- */

const char *st_location_words(enum db_location l);
const char *st_site_kind_words(enum db_site_kind k);
/* "Monday".."Sunday" (translated) for 1..7. */
const char *st_weekday_words(int weekday);
/* "every week", "every 2 weeks" into buf. */
void st_every_words(int every_weeks, char *buf, size_t size);

#endif
