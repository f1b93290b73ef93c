/* goto_dialog.c - the "go to a date" form (goto_dialog.h). */
#include "goto_dialog.h"

#include <stdlib.h>

#include "../common/i18n.h"
#include "../model/goto_date.h"
#include "form.h"

struct goto_ctx {
    struct civil_date shown;
    struct civil_date chosen;
    ui_date_chosen_fn done;
    void *ctx;
};

static int validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct goto_ctx *g = ctx;
    if (goto_date_parse(ui_form_text(form, 0), g->shown, app->now.date, &g->chosen) != 0) {
        ui_form_set_error(form, 0,
                          _("Not a date: 18/08, 18/08/2027, 18082027, lundi, +7 or -7."));
        return 1;
    }
    return 0;
}

static void done(struct ui_app *app, struct ui_form *form, enum ui_form_result result, void *ctx)
{
    (void)form;
    struct goto_ctx *g = ctx;
    if (app && !app->closing && result == UI_FORM_CONFIRMED && g->done)
        g->done(app, g->ctx, g->chosen);
    free(g);
}

void ui_goto_date_open(struct ui_app *app, struct civil_date shown, ui_date_chosen_fn cb,
                       void *cb_ctx)
{
    struct goto_ctx *g = calloc(1, sizeof *g);
    if (!g)
        return;
    g->shown = shown;
    g->done = cb;
    g->ctx = cb_ctx;
    struct ui_form_hooks hooks = {.validate = validate, .done = done};
    struct ui_form *f = ui_form_new(_("Go to a date"), &hooks, g);
    if (!f) {
        free(g);
        return;
    }
    if (ui_form_add_text(f, _("Date"), "", 16, UI_FORM_REQUIRED) < 0) {
        ui_form_free(f);
        free(g);
        return;
    }
    ui_form_set_hint(f, 0, _("18/08, 18/08/2027, 18082027, lundi, +7, -7"));
    ui_form_focus(f, 0);
    ui_app_push(app, ui_form_layer(f));
}
