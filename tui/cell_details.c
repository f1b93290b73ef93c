/* cell_details.c - Enter on a cell of the day or the week view: the
 * details dialog of its appointment, or a list to choose one from when it
 * holds several (see cell_details.h). */
#include "cell_details.h"

#include <stdio.h>
#include <stdlib.h>

#include "../common/i18n.h"
#include "dialogs.h"

/* The appointment chooser's context: copies, as the day may reload. */
struct choice_ctx {
    size_t count;
    struct db_day_row rows[UI_CELL_CHOICES];
    char agent[2 * DB_NAME_LEN + 2];
};

static void choice_done(struct ui_app *app, void *ctx, long chosen)
{
    struct choice_ctx *c = ctx;
    if (app && chosen >= 0 && (size_t)chosen < c->count) {
        struct ui_layer *d = ui_details_new(app, &c->rows[chosen], c->agent);
        if (d)
            ui_app_push(app, d);
    }
    free(c);
}

void ui_cell_details(struct ui_app *app, const struct ui_day_appt *const *list, size_t n,
                     const char *agent)
{
    if (n > UI_CELL_CHOICES)
        n = UI_CELL_CHOICES;
    if (n == 0) {
        ui_app_message(app, 0, "%s", _("No appointment here."));
        return;
    }
    if (n == 1) {
        struct ui_layer *d = ui_details_new(app, list[0]->row, agent);
        if (d)
            ui_app_push(app, d);
        return;
    }
    struct choice_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return;
    c->count = n;
    snprintf(c->agent, sizeof c->agent, "%s", agent);
    char lines[UI_CELL_CHOICES][512];
    const char *items[UI_CELL_CHOICES];
    for (size_t i = 0; i < n; i++) {
        c->rows[i] = *list[i]->row;
        char s[CIVIL_TIME_LEN];
        civil_format_time(list[i]->start, s, sizeof s);
        enum ui_appt_look look = ui_appt_look(&list[i]->row->appt, list[i]->start_at, app->now);
        snprintf(lines[i], sizeof lines[i], "%s %s %s · %s · %s", s, list[i]->row->person_last,
                 list[i]->row->person_first, list[i]->row->motif_name, ui_appt_look_words(look));
        items[i] = lines[i];
    }
    struct ui_layer *l = ui_list_new(_("Appointments"), items, n, 0, choice_done, c);
    if (l)
        ui_app_push(app, l);
}
