/* view_day.c - the day view layer (see view_day.h): its state, loading a
 * site-day, the layout, and the keys. Drawing is in view_day_draw.c.
 *
 * The cursor is kept as a minute of the day and an agent column rather than
 * a row index, so it stays on the same time when the row length changes
 * (resize, another day with other opening hours). */
#include "view_day.h"
#include "view_day_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/i18n.h"
#include "cell_details.h"
#include "desk.h"
#include "dialogs.h"
#include "goto_dialog.h"
#include "menu.h"
#include "view_alerts.h"
#include "view_summary.h"
#include "../model/goto_date.h"
#include "../common/safe_text.h"

void ui_format_long_date(struct civil_date d, char *buf, size_t size)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = d.year - 1900;
    tm.tm_mon = d.month - 1;
    tm.tm_mday = d.day;
    tm.tm_wday = (int)civil_weekday(d) % 7; /* civil: Monday 1 .. Sunday 7 */
    tm.tm_hour = 12;
    if (strftime(buf, size, "%A %e %B %Y", &tm) == 0)
        civil_format_date(d, buf, size);
    ui_text_squeeze_spaces(buf);
}

/* ---- loading ---------------------------------------------------------- */

static void load_agents(struct ui_app *app, struct day_view *v)
{
    free(v->agents);
    v->agents = NULL;
    v->agent_count = 0;
    v->agents_site = 0;
    const struct db_site *site = ui_app_site(app);
    if (!site)
        return;
    struct db_error err = {0};
    if (db_site_agents(app->db, site->id, &v->agents, &v->agent_count, &err) != DB_OK) {
        v->agents = NULL;
        v->agent_count = 0;
        ui_app_db_error(app, &err);
        return;
    }
    v->agents_site = site->id;
    if (v->cursor_agent >= v->agent_count)
        v->cursor_agent = v->agent_count ? v->agent_count - 1 : 0;
}

/* One db_day_list, one db_site_openings and one db_site_absences per day
 * change; the public holidays are the site's. */
static void load_day(struct ui_app *app, struct day_view *v)
{
    if (v->loaded)
        ui_day_data_free(&v->data);
    v->loaded = 0;
    const struct db_site *site = ui_app_site(app);
    if (!site)
        return;
    /* One read transaction for the day's reads: one lock (round trips on
     * a share), one state of the file. */
    db_view_begin(app->db);
    if (v->agents_site != site->id)
        load_agents(app, v);
    struct db_error err = {0};
    struct db_day_row *rows = NULL;
    size_t nrows = 0;
    struct db_opening *openings = NULL;
    size_t nopen = 0;
    struct db_absence *absences = NULL;
    size_t nabs = 0;
    if (db_day_list(app->db, site->id, v->day, &rows, &nrows, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        rows = NULL;
        nrows = 0;
    } else if (db_site_openings(app->db, site->id, v->day, &openings, &nopen, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        openings = NULL;
        nopen = 0;
    } else if (db_site_absences(app->db, site->id, v->day, &absences, &nabs, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        absences = NULL;
        nabs = 0;
    }
    /* Appointments left outside (agent absent, outside opening hours):
     * storage's rule, marked in the grid. */
    struct db_stranded *stranded = NULL;
    size_t nstranded = 0;
    struct civil_date next;
    struct db_error ignored = {0};
    if (civil_date_add_days(v->day, 1, &next) != 0 ||
        db_appt_conflicts(app->db, site->id, 0, v->day, next, &stranded,
                          &nstranded, &ignored) != DB_OK) {
        stranded = NULL;
        nstranded = 0;
    }
    struct ui_day_source src = {
        .day = v->day,
        .holiday_flags = site->holiday_flags,
        .agents = v->agents,
        .agent_count = v->agent_count,
        .rows = rows,
        .row_count = nrows,
        .openings = openings,
        .opening_count = nopen,
        .absences = absences,
        .absence_count = nabs,
        .stranded = stranded,
        .stranded_count = nstranded,
    };
    db_view_end(app->db);
    if (ui_day_data_build(&v->data, &src) != 0)
        ui_app_message(app, 1, "%s", _("out of memory"));
    else
        v->loaded = 1;
    free(openings);
    free(absences);
    free(stranded);
}

static void set_day(struct ui_app *app, struct day_view *v, struct civil_date day)
{
    if (!civil_date_valid(day))
        return;
    v->day = day;
    load_day(app, v);
}

static void reload(struct ui_app *app, struct ui_layer *self)
{
    struct day_view *v = day_view_of(self);
    load_agents(app, v);
    load_day(app, v);
}

void ui_day_view_site_changed(struct ui_app *app, struct ui_layer *view)
{
    struct day_view *v = day_view_of(view);
    v->cursor_agent = 0;
    v->first_agent = 0;
    reload(app, view);
}

/* ---- layout ----------------------------------------------------------- */

void ui_day_compute_layout(struct day_view *v, struct day_layout *lo)
{
    memset(lo, 0, sizeof *lo);
    lo->grid_rows = LINES - GRID_TOP - BARS;
    if (lo->grid_rows < 1)
        lo->grid_rows = 1;
    int start = v->loaded ? v->data.range_start : UI_DAY_DEFAULT_START;
    int end = v->loaded ? v->data.range_end : UI_DAY_DEFAULT_END;
    lo->step = ui_day_choose_step(start, end, lo->grid_rows, &lo->first_minute, &lo->row_count);

    if (v->cursor_minute < lo->first_minute)
        v->cursor_minute = lo->first_minute;
    int last = lo->first_minute + (lo->row_count - 1) * lo->step;
    if (v->cursor_minute > last + lo->step - 1)
        v->cursor_minute = last;
    lo->cursor_row = (v->cursor_minute - lo->first_minute) / lo->step;

    if (v->top_row > lo->cursor_row)
        v->top_row = lo->cursor_row;
    if (v->top_row < lo->cursor_row - lo->grid_rows + 1)
        v->top_row = lo->cursor_row - lo->grid_rows + 1;
    if (v->top_row > lo->row_count - lo->grid_rows)
        v->top_row = lo->row_count - lo->grid_rows;
    if (v->top_row < 0)
        v->top_row = 0;

    int width = COLS;
    if (COLS >= SIDE_MONTH_MIN_COLS && LINES >= GRID_TOP + UI_MONTH_ROWS + BARS) {
        lo->side_x = COLS - UI_MONTH_COLS - 1;
        width = lo->side_x - 1;
    }
    int avail = width - TIME_COLS;
    size_t fit = avail > 0 ? (size_t)(avail / (MIN_COL_WIDTH + 1)) : 0;
    if (fit < 1)
        fit = 1;
    lo->visible_agents = v->agent_count < fit ? v->agent_count : fit;
    if (lo->visible_agents) {
        lo->col_width = avail / (int)lo->visible_agents - 1;
        if (lo->col_width > MAX_COL_WIDTH)
            lo->col_width = MAX_COL_WIDTH;
    }
    if (v->cursor_agent >= v->agent_count)
        v->cursor_agent = v->agent_count ? v->agent_count - 1 : 0;
    if (v->cursor_agent < v->first_agent)
        v->first_agent = v->cursor_agent;
    if (lo->visible_agents && v->cursor_agent >= v->first_agent + lo->visible_agents)
        v->first_agent = v->cursor_agent - lo->visible_agents + 1;
    if (v->first_agent + lo->visible_agents > v->agent_count)
        v->first_agent = v->agent_count - lo->visible_agents;
}

static void open_details(struct ui_app *app, struct day_view *v)
{
    struct day_layout lo;
    ui_day_compute_layout(v, &lo);
    if (!v->loaded || v->cursor_agent >= v->agent_count) {
        ui_app_message(app, 0, "%s", _("No appointment here."));
        return;
    }
    int a = lo.first_minute + lo.cursor_row * lo.step;
    const struct ui_day_appt *list[CELL_CHOICES];
    size_t n = ui_day_cell_appts(&v->data, v->cursor_agent, a, a + lo.step, list, CELL_CHOICES);
    if (n > CELL_CHOICES)
        n = CELL_CHOICES;
    const struct db_agent *ag = &v->agents[v->cursor_agent];
    char agent[2 * DB_NAME_LEN + 2];
    snprintf(agent, sizeof agent, "%s %s", ag->first_name, ag->last_name);
    ui_cell_details(app, list, n, agent);
}

static void site_done(struct ui_app *app, void *ctx, long chosen)
{
    struct ui_layer *view = ctx;
    if (chosen < 0 || (size_t)chosen >= app->site_count || (size_t)chosen == app->site_index)
        return;
    app->site_index = (size_t)chosen;
    ui_day_view_site_changed(app, view);
}

static void choose_site(struct ui_app *app, struct day_view *v)
{
    if (app->site_count == 0) {
        ui_app_message(app, 0, "%s", _("This database has no site yet."));
        return;
    }
    const char **items = calloc(app->site_count, sizeof *items);
    if (!items)
        return;
    for (size_t i = 0; i < app->site_count; i++)
        items[i] = app->sites[i].name;
    struct ui_layer *l =
        ui_list_new(_("Choose the site"), items, app->site_count, app->site_index, site_done, v);
    free(items);
    if (l)
        ui_app_push(app, l);
}

/* ---- keys ------------------------------------------------------------- */

/* The date chosen with g or in the month calendar (ctx: the day view). */
static void day_chosen(struct ui_app *app, void *ctx, struct civil_date day)
{
    set_day(app, day_view_of(ctx), day);
}

static enum ui_result on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                             int key)
{
    (void)key;
    struct day_view *v = day_view_of(self);
    struct day_layout lo;
    ui_day_compute_layout(v, &lo);
    int last = lo.first_minute + (lo.row_count - 1) * lo.step;
    int row_start = lo.first_minute + lo.cursor_row * lo.step;
    struct civil_date d;
    switch (action) {
    case UI_ACT_UP:
        v->cursor_minute = row_start > lo.first_minute ? row_start - lo.step : lo.first_minute;
        return UI_HANDLED;
    case UI_ACT_DOWN:
        v->cursor_minute = row_start < last ? row_start + lo.step : last;
        return UI_HANDLED;
    case UI_ACT_FIRST:
        v->cursor_minute = lo.first_minute;
        return UI_HANDLED;
    case UI_ACT_LAST:
        v->cursor_minute = last;
        return UI_HANDLED;
    case UI_ACT_LEFT:
        if (v->cursor_agent > 0)
            v->cursor_agent--;
        return UI_HANDLED;
    case UI_ACT_RIGHT:
        if (v->cursor_agent + 1 < v->agent_count)
            v->cursor_agent++;
        return UI_HANDLED;
    case UI_ACT_NEXT_GROUP:
        if (lo.visible_agents == 0)
            return UI_HANDLED;
        v->first_agent += lo.visible_agents;
        if (v->first_agent >= v->agent_count)
            v->first_agent = 0;
        v->cursor_agent = v->first_agent;
        return UI_HANDLED;
    case UI_ACT_PREV_GROUP:
        if (lo.visible_agents == 0)
            return UI_HANDLED;
        if (v->first_agent == 0)
            v->first_agent = v->agent_count - (v->agent_count - 1) % lo.visible_agents - 1;
        else
            v->first_agent = v->first_agent > lo.visible_agents ? v->first_agent - lo.visible_agents
                                                                : 0;
        v->cursor_agent = v->first_agent;
        return UI_HANDLED;
    case UI_ACT_PREV_DAY:
    case UI_ACT_NEXT_DAY:
        if (civil_date_add_days(v->day, action == UI_ACT_NEXT_DAY ? 1 : -1, &d) == 0)
            set_day(app, v, d);
        return UI_HANDLED;
    case UI_ACT_TODAY:
        v->cursor_minute = app->now.minute;
        set_day(app, v, app->now.date);
        return UI_HANDLED;
    case UI_ACT_GOTO_DATE:
        ui_goto_date_open(app, v->day, day_chosen, self);
        return UI_HANDLED;
    case UI_ACT_MONTH:
        ui_month_open(app, v->day, day_chosen, self);
        return UI_HANDLED;
    case UI_ACT_PREV_MONTH:
    case UI_ACT_NEXT_MONTH:
        if (goto_add_months(v->day, action == UI_ACT_NEXT_MONTH ? 1 : -1, &d) == 0)
            set_day(app, v, d);
        return UI_HANDLED;
    case UI_ACT_SITE:
        choose_site(app, v);
        return UI_HANDLED;
    case UI_ACT_OPEN:
        /* A free cell books there (desk.h); an appointment shows details. */
        if (ui_desk_day_key(app, self, action) == UI_HANDLED)
            return UI_HANDLED;
        open_details(app, v);
        return UI_HANDLED;
    case UI_ACT_VIEW:      /* F5: the week of the agent under the cursor */
    case UI_ACT_TO_FILL:   /* R */
    case UI_ACT_OUTSIDE:   /* ! */
    case UI_ACT_MENU:      /* F9 */
    case UI_ACT_STRUCTURE: /* S */
    case UI_ACT_LOANS:     /* L */
        return ui_menu_action(app, action) ? UI_HANDLED : UI_IGNORED;
    case UI_ACT_ALERTS: { /* A: appointments at risk, to call */
        struct ui_layer *l = ui_alerts_new(app);
        if (!l)
            ui_app_message(app, 1, "%s", _("out of memory"));
        else
            ui_app_push(app, l);
        return UI_HANDLED;
    }
    case UI_ACT_SUMMARY: { /* B: the summary of the day shown */
        struct ui_layer *l = ui_summary_new(app, v->day);
        if (!l)
            ui_app_message(app, 1, "%s", _("out of memory"));
        else
            ui_app_push(app, l);
        return UI_HANDLED;
    }
    default: /* booking, people, appointment actions (desk.h) */
        return ui_desk_day_key(app, self, action);
    }
}

static void destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct day_view *v = day_view_of(self);
    if (v->loaded)
        ui_day_data_free(&v->data);
    free(v->agents);
    free(v);
}

struct ui_layer *ui_day_view_new(struct ui_app *app)
{
    struct day_view *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->layer.draw = ui_day_draw;
    v->layer.on_key = on_key;
    v->layer.keys = &ui_keys_day;
    v->layer.status = ui_day_status;
    v->layer.reload = reload;
    v->layer.destroy = destroy;
    v->day = app->now.date;
    v->cursor_minute = app->now.minute;
    reload(app, &v->layer);
    return &v->layer;
}
