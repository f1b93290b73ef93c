/* dialog_erase.c - erasing a person from their panel (right to erasure):
 * a form that names the person, says what goes and what stays, and asks
 * why (required: the audit keeps who erased, when and why). Enter
 * anonymises them at once (db_person_erase, one write unit) with the
 * version the panel read: if another desk changed the person meanwhile,
 * nothing is written and the form says who and when. A read-only file, or
 * a person already anonymised, is refused before the form opens. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"

enum { REASON_CHARS = 200 };

struct erase_form {
    int64_t id, version;
    char name[2 * DB_NAME_LEN + 2];
    int f_reason;
};

static int validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct erase_form *e = ctx;
    struct db_error err = {0};
    struct db_conflict c;
    memset(&c, 0, sizeof c);
    if (db_person_erase(app->db, e->id, e->version, ui_form_text(form, e->f_reason), &c,
                        &err) == DB_OK)
        return 0;
    char msg[UI_MESSAGE_LEN];
    db_error_format(&err, msg, sizeof msg);
    ui_form_set_error(form, err.status == DB_ERR_INVALID ? e->f_reason : -1, msg);
    return 1;
}

static void done(struct ui_app *app, struct ui_form *form, enum ui_form_result result, void *ctx)
{
    (void)form;
    struct erase_form *e = ctx;
    if (app && !app->closing && result == UI_FORM_CONFIRMED) {
        ui_desk_reload(app);
        ui_app_message(app, 0, _("Anonymised: %s"), e->name);
    }
    free(e);
}

int ui_person_erase_open(struct ui_app *app, const struct db_person *p)
{
    if (ui_desk_refuse_readonly(app, _("Erase the person")))
        return -1;
    /* Someone already anonymised (by another desk, or a purge): say so
     * instead of asking for a reason that would be refused. */
    struct db_person_record rec;
    struct db_error err = {0};
    if (db_person_record_get(app->db, p->id, &rec, &err) == DB_OK && rec.anonymised_at[0]) {
        ui_app_message(app, 1, _("person %lld is already anonymised"), (long long)p->id);
        return -1;
    }
    struct erase_form *e = calloc(1, sizeof *e);
    if (!e) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    e->id = p->id;
    e->version = p->version;
    snprintf(e->name, sizeof e->name, "%s %s", p->last_name, p->first_name);
    struct ui_form_hooks hooks = {.validate = validate, .done = done};
    struct ui_form *f = ui_form_new(_("Erase a person"), &hooks, e);
    if (!f) {
        free(e);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    char who[sizeof e->name + 64];
    snprintf(who, sizeof who, "%s (%lld)", e->name, (long long)p->id);
    int ok = ui_form_add_info(f, _("Person"), who) >= 0 &&
             ui_form_add_info(f, _("Removed"),
                              _("identity, contact details, notes")) >= 0 &&
             ui_form_add_info(f, _("Kept"), _("appointments, as anonymous counts")) >= 0;
    e->f_reason = ui_form_add_text(f, _("Reason"), "", REASON_CHARS, UI_FORM_REQUIRED);
    if (!ok || e->f_reason < 0) {
        ui_form_free(f);
        free(e);
        ui_app_message(app, 1, "%s", _("out of memory"));
        return -1;
    }
    ui_form_set_hint(f, e->f_reason, _("why: the person's request, its date"));
    char note[sizeof e->name + 128];
    /* TRANSLATORS: the person's last and first names. */
    snprintf(note, sizeof note, _("Enter erases %s now; it cannot be undone."), e->name);
    ui_form_set_note(f, note);
    ui_form_focus(f, e->f_reason);
    return ui_app_push(app, ui_form_layer(f));
}
