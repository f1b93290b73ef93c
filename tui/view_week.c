/* view_week.c - the week of one agent (see view_week.h).
 *
 * One week is read at once: the agent's appointments of the seven days at
 * every site (db_agent_week, one indexed query), their opening hours and
 * their absences; then each day is turned into a struct ui_day_data with
 * one column (day_grid.h), so cells, marks, opening hours and absences
 * follow exactly the rules of the day view. Absences shade their time
 * ("absent"), a public holiday (those of the site shown) its whole day.
 * Only visible cells are drawn.
 *
 * The view is a pane (pane.h) over the day view; leaving it (F5, w, Esc)
 * moves the day view to the selected date and to this agent's column. */
#include "view_week.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/i18n.h"
#include "cell_details.h"
#include "day_grid.h"
#include "desk.h"
#include "goto_dialog.h"
#include "dialogs.h"
#include "draw.h"
#include "menu.h"
#include "pane.h"
#include "../common/safe_text.h"
#include "theme.h"
#include "view_day.h"
#include "view_day_int.h"
#include "view_outside.h"

enum {
    DAYS = 7,
    WEEK_TOP = 2,     /* title + day names, inside the pane */
    WEEK_TIME_COLS = 6,
    CHOICES = 32,
};

struct week_view {
    struct ui_layer layer; /* first: the layer pointer is the view pointer */
    WINDOW *win;
    struct db_agent agent;
    struct civil_date monday;
    int cursor_day;        /* 0 = Monday */
    int cursor_minute;
    int top_row;
    int loaded;
    struct ui_day_data days[DAYS];
};

struct week_layout {
    int step, first_minute, row_count;
    int grid_rows;
    int cursor_row;
    int col_width;
};

/* ---- loading ---------------------------------------------------------- */

static void unload(struct week_view *w)
{
    if (w->loaded)
        for (int i = 0; i < DAYS; i++)
            ui_day_data_free(&w->days[i]);
    w->loaded = 0;
}

static struct civil_date monday_of(struct civil_date d)
{
    struct civil_date m = d;
    civil_date_add_days(d, 1 - (int)civil_weekday(d), &m);
    return m;
}

static void load(struct ui_app *app, struct week_view *w)
{
    unload(w);
    struct db_error err = {0};
    struct db_appt_row *rows = NULL;
    size_t nrows = 0;
    struct db_opening *open = NULL;
    size_t nopen = 0;
    struct db_absence *absences = NULL;
    size_t nabs = 0;
    struct civil_date sunday;
    civil_date_add_days(w->monday, DAYS - 1, &sunday);
    if (db_agent_week(app->db, w->agent.id, w->monday, &rows, &nrows, &err) != DB_OK ||
        db_agent_openings(app->db, w->agent.id, &open, &nopen, &err) != DB_OK ||
        db_agent_absences(app->db, w->agent.id, w->monday, sunday, &absences, &nabs,
                          &err) != DB_OK) {
        ui_app_db_error(app, &err);
        free(rows);
        free(open);
        return;
    }
    const struct db_site *site = ui_app_site(app);
    struct db_stranded *stranded = NULL;
    size_t nstranded = 0;
    struct civil_date after;
    struct db_error ignored = {0};
    if (civil_date_add_days(w->monday, DAYS, &after) != 0 ||
        db_appt_conflicts(app->db, 0, w->agent.id, w->monday, after, &stranded,
                          &nstranded, &ignored) != DB_OK) {
        stranded = NULL;
        nstranded = 0;
    }
    int ok = 1, built = 0;
    for (int i = 0; i < DAYS && ok; i++) {
        struct civil_date day;
        civil_date_add_days(w->monday, i, &day);
        char prefix[CIVIL_DATE_LEN];
        civil_format_date(day, prefix, sizeof prefix);
        size_t n = 0;
        for (size_t k = 0; k < nrows; k++)
            if (strncmp(rows[k].day.appt.starts_at, prefix, CIVIL_DATE_LEN - 1) == 0)
                n++;
        struct db_day_row *mine = calloc(n ? n : 1, sizeof *mine);
        if (!mine) {
            ok = 0;
            break;
        }
        size_t j = 0;
        for (size_t k = 0; k < nrows; k++) {
            if (strncmp(rows[k].day.appt.starts_at, prefix, CIVIL_DATE_LEN - 1) != 0)
                continue;
            mine[j] = rows[k].day;
            if (site && mine[j].appt.site_id != site->id) {
                /* The agent is busy at another site: the time is taken,
                 * and the site's short name says where (no person). */
                snprintf(mine[j].person_last, sizeof mine[j].person_last, "%.12s",
                         rows[k].site_name);
                mine[j].person_first[0] = '\0';
                snprintf(mine[j].motif_name, sizeof mine[j].motif_name, "%s",
                         _("busy at another site"));
            }
            j++;
        }
        struct ui_day_source src = {
            .day = day,
            .holiday_flags = site ? site->holiday_flags : HOLIDAYS_NATIONAL,
            .agents = &w->agent,
            .agent_count = 1,
            .rows = mine,
            .row_count = n,
            .openings = open,
            .opening_count = nopen,
            .absences = absences,
            .absence_count = nabs,
            .stranded = stranded,
            .stranded_count = nstranded,
        };
        if (ui_day_data_build(&w->days[i], &src) != 0)
            ok = 0;
        else
            built = i + 1;
    }
    if (!ok) {
        for (int i = 0; i < built; i++)
            ui_day_data_free(&w->days[i]);
        ui_app_message(app, 1, "%s", _("out of memory"));
    } else {
        w->loaded = 1;
    }
    free(rows);
    free(open);
    free(absences);
    free(stranded);
}

static void reload(struct ui_app *app, struct ui_layer *self)
{
    load(app, (struct week_view *)self);
}

/* ---- layout ----------------------------------------------------------- */

static void compute_layout(struct week_view *w, struct week_layout *lo)
{
    memset(lo, 0, sizeof *lo);
    lo->grid_rows = LINES - 2 - WEEK_TOP;
    if (lo->grid_rows < 1)
        lo->grid_rows = 1;
    int start = UI_DAY_DEFAULT_START, end = UI_DAY_DEFAULT_END;
    if (w->loaded) {
        start = 1440;
        end = 0;
        for (int i = 0; i < DAYS; i++) {
            if (w->days[i].range_start < start)
                start = w->days[i].range_start;
            if (w->days[i].range_end > end)
                end = w->days[i].range_end;
        }
    }
    lo->step = ui_day_choose_step(start, end, lo->grid_rows, &lo->first_minute, &lo->row_count);
    int last = lo->first_minute + (lo->row_count - 1) * lo->step;
    if (w->cursor_minute < lo->first_minute)
        w->cursor_minute = lo->first_minute;
    if (w->cursor_minute > last + lo->step - 1)
        w->cursor_minute = last;
    lo->cursor_row = (w->cursor_minute - lo->first_minute) / lo->step;
    if (w->top_row > lo->cursor_row)
        w->top_row = lo->cursor_row;
    if (w->top_row < lo->cursor_row - lo->grid_rows + 1)
        w->top_row = lo->cursor_row - lo->grid_rows + 1;
    if (w->top_row > lo->row_count - lo->grid_rows)
        w->top_row = lo->row_count - lo->grid_rows;
    if (w->top_row < 0)
        w->top_row = 0;
    lo->col_width = (COLS - WEEK_TIME_COLS) / DAYS - 1;
    if (lo->col_width < 3)
        lo->col_width = 3;
}

/* ---- drawing ---------------------------------------------------------- */

static int is_today(const struct ui_app *app, struct civil_date d)
{
    return civil_date_compare(d, app->now.date) == 0;
}

static void draw_title(struct ui_app *app, struct week_view *w, WINDOW *win)
{
    int iso_year, week;
    civil_iso_week(w->monday, &iso_year, &week);
    struct civil_date sunday;
    civil_date_add_days(w->monday, DAYS - 1, &sunday);
    char from[CIVIL_DATE_LEN + 2], to[CIVIL_DATE_LEN + 2];
    civil_format_date_fr(w->monday, from, sizeof from);
    civil_format_date_fr(sunday, to, sizeof to);
    char left[512], right[256] = "";
    snprintf(left, sizeof left, _("Week %d · %s - %s · %s %s"), week, from, to,
             w->agent.first_name, w->agent.last_name);
    int n = 0;
    if (app->opts->user && app->opts->user[0])
        n = snprintf(right, sizeof right, "%s", app->opts->user);
    if (app->readonly && n >= 0 && (size_t)n < sizeof right)
        snprintf(right + n, sizeof right - (size_t)n, "%s%s", n ? " · " : "", _("read-only"));
    ui_pane_title(win, 0, left, right);
}

static int utf8_width(const char *s)
{
    wchar_t wide[64];
    ui_text_decode(s, wide, 64, ui_draw_text_flags());
    return ui_text_width(wide);
}

/* The longest day heading that fits `width` columns: "lun. 23/11",
 * "lun. 23", "lu 23" (two letters of the day's name), "23/11", "23". */
static void day_header(const struct tm *tm, int width, char *buf, size_t size)
{
    static const char *const formats[] = {"%a %d/%m", "%a %d", NULL, "%d/%m", "%d"};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (formats[i]) {
            if (strftime(buf, size, formats[i], tm) == 0)
                continue;
        } else {
            /* Two characters of the abbreviated name, then the day. */
            char abbr[32], day[8];
            wchar_t wide[32];
            if (strftime(abbr, sizeof abbr, "%a", tm) == 0 ||
                strftime(day, sizeof day, "%d", tm) == 0)
                continue;
            ui_text_decode(abbr, wide, 32, 0);
            if (wcslen(wide) < 2)
                continue;
            wide[2] = L'\0';
            char two[16];
            if (wcstombs(two, wide, sizeof two) == (size_t)-1)
                continue;
            snprintf(buf, size, "%s %s", two, day);
        }
        if (utf8_width(buf) <= width)
            return;
    }
}

static void draw_header(struct ui_app *app, struct week_view *w, WINDOW *win,
                        const struct week_layout *lo)
{
    attr_t attr = ui_theme_attr(THEME_HEADER);
    ui_draw_fill(win, 1, 0, getmaxx(win), L" ", attr);
    for (int i = 0; i < DAYS; i++) {
        struct civil_date d;
        civil_date_add_days(w->monday, i, &d);
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        tm.tm_year = d.year - 1900;
        tm.tm_mon = d.month - 1;
        tm.tm_mday = d.day;
        tm.tm_wday = (int)civil_weekday(d) % 7;
        tm.tm_hour = 12;
        char name[64];
        day_header(&tm, lo->col_width, name, sizeof name);
        int x = WEEK_TIME_COLS + i * (lo->col_width + 1);
        ui_draw_wstr(win, 1, x, 1, ui_glyph(UI_GLYPH_VLINE), ui_theme_attr(THEME_GRID), 0);
        attr_t a = is_today(app, d) ? ui_theme_attr(THEME_NOW) | A_BOLD : attr;
        if (i == w->cursor_day)
            a |= A_UNDERLINE;
        ui_draw_str(win, 1, x + 1, lo->col_width, name, a, UI_DRAW_CENTER | UI_DRAW_PAD);
    }
}

static void draw_cell(struct ui_app *app, struct week_view *w, WINDOW *win, int y, int x,
                      int width, int i, int minute, int step, int first_row, int is_cursor)
{
    const struct ui_day_data *d = &w->days[i];
    struct ui_cell cell;
    ui_day_cell(d, 0, minute, step, &cell);
    attr_t cursor = ui_theme_attr(THEME_CURSOR);
    if (!cell.appt) {
        if (d->holiday) {
            attr_t a = is_cursor ? cursor : ui_theme_attr(THEME_HOLIDAY);
            ui_draw_fill(win, y, x, width, ui_glyph(UI_GLYPH_CLOSED), a);
            if (first_row)
                ui_draw_str(win, y, x, width, _(d->holiday), a, 0);
        } else if (cell.absent) {
            attr_t a = is_cursor ? cursor : ui_theme_attr(THEME_CLOSED);
            ui_draw_fill(win, y, x, width, ui_glyph(UI_GLYPH_CLOSED), a);
            /* Words, not only a pattern, on the first row of the absence. */
            if (first_row || !ui_day_is_absent(d, 0, minute - step, minute, NULL))
                ui_draw_str(win, y, x, width, _("absent"), a | A_BOLD, 0);
        } else if (cell.open) {
            ui_draw_fill(win, y, x, width, L" ", is_cursor ? cursor : ui_theme_attr(THEME_OPEN));
        } else {
            ui_draw_fill(win, y, x, width, ui_glyph(UI_GLYPH_CLOSED),
                         is_cursor ? cursor : ui_theme_attr(THEME_CLOSED));
        }
        return;
    }
    enum ui_appt_look look = ui_appt_look(&cell.appt->row->appt, cell.appt->start_at, app->now);
    /* at risk of a no-show: as in the day view (not another site's
     * appointment, shown only as busy) */
    const struct db_site *shown = ui_app_site(app);
    int risky = (!shown || cell.appt->row->appt.site_id == shown->id) &&
                ui_risk_marked(app, cell.appt->row->appt.id, (int)look);
    attr_t attr = is_cursor ? cursor
                            : ui_theme_attr(risky ? THEME_RISK : ui_appt_look_role(look));
    unsigned flags = (width >= 16 ? UI_APPT_CELL_TIME : 0) | (first_row ? UI_APPT_CELL_TOP : 0) |
                     (risky ? UI_APPT_CELL_RISK : 0);
    ui_draw_appt_cell(win, y, x, width, &cell, look, attr, flags);
}

static void week_draw(struct ui_app *app, struct ui_layer *self)
{
    struct week_view *w = (struct week_view *)self;
    WINDOW *win = ui_pane_window(&w->win);
    if (!win)
        return;
    struct week_layout lo;
    compute_layout(w, &lo);
    draw_title(app, w, win);
    draw_header(app, w, win, &lo);
    if (!w->loaded) {
        wnoutrefresh(win);
        return;
    }
    int today = -1;
    for (int i = 0; i < DAYS; i++)
        if (is_today(app, w->days[i].day))
            today = i;
    for (int k = 0; k < lo.grid_rows; k++) {
        int row = w->top_row + k;
        if (row >= lo.row_count)
            break;
        int y = WEEK_TOP + k;
        int minute = lo.first_minute + row * lo.step;
        int now_row = today >= 0 && app->now.minute >= minute && app->now.minute < minute + lo.step;
        char hhmm[CIVIL_TIME_LEN];
        civil_format_time(minute, hhmm, sizeof hhmm);
        attr_t tattr = ui_theme_attr(now_row ? THEME_NOW : THEME_TIME);
        ui_draw_wstr(win, y, 0, 1, now_row ? ui_glyph(UI_GLYPH_NOW) : L" ", tattr, UI_DRAW_PAD);
        ui_draw_str(win, y, 1, WEEK_TIME_COLS - 1, hhmm, tattr, UI_DRAW_PAD);
        for (int i = 0; i < DAYS; i++) {
            int x = WEEK_TIME_COLS + i * (lo.col_width + 1);
            ui_draw_wstr(win, y, x, 1, ui_glyph(UI_GLYPH_VLINE),
                         ui_theme_attr(now_row && i == today ? THEME_NOW : THEME_GRID), 0);
            draw_cell(app, w, win, y, x + 1, lo.col_width, i, minute, lo.step, k == 0,
                      row == lo.cursor_row && i == w->cursor_day);
        }
    }
    wnoutrefresh(win);
}

static void week_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    struct week_view *w = (struct week_view *)self;
    buf[0] = '\0';
    if (!w->loaded)
        return;
    struct week_layout lo;
    compute_layout(w, &lo);
    const struct ui_day_data *d = &w->days[w->cursor_day];
    int a = lo.first_minute + lo.cursor_row * lo.step;
    char day[CIVIL_DATE_LEN + 2], from[CIVIL_TIME_LEN], to[CIVIL_TIME_LEN];
    civil_format_date_fr(d->day, day, sizeof day);
    civil_format_time(a, from, sizeof from);
    civil_format_time((a + lo.step) % 1440, to, sizeof to);
    const struct ui_day_appt *list[CHOICES];
    size_t n = ui_day_cell_appts(d, 0, a, a + lo.step, list, CHOICES);
    if (n == 0) {
        const char *reason = NULL;
        if (d->holiday)
            snprintf(buf, size, "%s %s-%s %s: %s", day, from, to, _("closed"), _(d->holiday));
        else if (ui_day_is_absent(d, 0, a, a + lo.step, &reason))
            snprintf(buf, size, "%s %s-%s %s%s%s", day, from, to, _("absent"),
                     reason && reason[0] ? ": " : "", reason ? reason : "");
        else
            snprintf(buf, size, "%s %s-%s %s", day, from, to,
                     ui_day_is_open(d, 0, a, a + lo.step) ? _("free") : _("closed"));
        return;
    }
    if (n > 1) {
        snprintf(buf, size, _("%s %s-%s %zu appointments (Enter to choose)"), day, from, to, n);
        return;
    }
    const struct ui_day_appt *p = list[0];
    char s[CIVIL_TIME_LEN], e[CIVIL_TIME_LEN];
    civil_format_time(p->start, s, sizeof s);
    civil_format_time(p->end % 1440, e, sizeof e);
    enum ui_appt_look look = ui_appt_look(&p->row->appt, p->start_at, app->now);
    /* Left outside: said first, so that a narrow status line keeps it. */
    char why[128] = "";
    if (p->stranded) {
        memcpy(why, " ! ", 4);
        db_stranded_describe(p->stranded, why + 3, sizeof why - 6);
        strcat(why, " ·");
    }
    snprintf(buf, size, "%s %s-%s%s %s %s · %s · %s", day, s, e, why, p->row->person_last,
             p->row->person_first, p->row->motif_name, ui_appt_look_words(look));
}

/* ---- keys ------------------------------------------------------------- */

static void open_details(struct ui_app *app, struct week_view *w)
{
    if (!w->loaded)
        return;
    struct week_layout lo;
    compute_layout(w, &lo);
    int a = lo.first_minute + lo.cursor_row * lo.step;
    const struct ui_day_appt *list[CHOICES];
    size_t n = ui_day_cell_appts(&w->days[w->cursor_day], 0, a, a + lo.step, list, CHOICES);
    if (n > CHOICES)
        n = CHOICES;
    char agent[2 * DB_NAME_LEN + 2];
    snprintf(agent, sizeof agent, "%s %s", w->agent.first_name, w->agent.last_name);
    ui_cell_details(app, list, n, agent);
}

/* An appointment action of the action table on the cell under the cursor
 * (the live appointment drawn there). */
static enum ui_result appt_action(struct ui_app *app, struct week_view *w, enum ui_action action)
{
    if (!w->loaded)
        return UI_IGNORED;
    struct week_layout lo;
    compute_layout(w, &lo);
    int a = lo.first_minute + lo.cursor_row * lo.step;
    const struct ui_day_appt *list[CHOICES];
    size_t n = ui_day_cell_appts(&w->days[w->cursor_day], 0, a, a + lo.step, list, CHOICES);
    if (n == 0)
        return UI_IGNORED;
    const struct db_site *site = ui_app_site(app);
    if (n == 1 && site && list[0]->row->appt.site_id != site->id) {
        ui_app_message(app, 0, _("Busy at %s: that site's day view changes it."),
                       list[0]->row->person_last);
        return UI_HANDLED;
    }
    if (n > 1 && action != UI_ACT_OPEN) {
        /* Several: the day view has the chooser; do not guess here. */
        switch (action) {
        case UI_ACT_ARRIVED: case UI_ACT_SEEN: case UI_ACT_NOSHOW: case UI_ACT_UNDO_STATUS:
        case UI_ACT_STATUS: case UI_ACT_CANCEL_APPT: case UI_ACT_EDIT:
            ui_app_message(app, 0, "%s",
                           _("Several appointments here: Enter lists them, or F5 for the day."));
            return UI_HANDLED;
        default:
            return UI_IGNORED;
        }
    }
    return ui_appt_act(app, list[0]->row, action);
}

static struct day_view *bottom_day_view(struct ui_app *app)
{
    return app->layer_count > 0 ? day_view_of(app->layers[0]) : NULL;
}

/* Back to the day view on the selected date and this agent's column. */
static void back_to_day(struct ui_app *app, struct week_view *w)
{
    struct day_view *dv = bottom_day_view(app);
    if (!dv)
        return;
    civil_date_add_days(w->monday, w->cursor_day, &dv->day);
    dv->cursor_minute = w->cursor_minute;
    for (size_t i = 0; i < dv->agent_count; i++)
        if (dv->agents[i].id == w->agent.id)
            dv->cursor_agent = i;
    dv->layer.reload(app, &dv->layer);
}

static void set_week(struct ui_app *app, struct week_view *w, struct civil_date any_day)
{
    if (!civil_date_valid(any_day))
        return;
    struct civil_date m = monday_of(any_day);
    w->cursor_day = (int)civil_weekday(any_day) - 1;
    if (civil_date_compare(m, w->monday) != 0) {
        w->monday = m;
        load(app, w);
    }
}

static void move_days(struct ui_app *app, struct week_view *w, int delta)
{
    struct civil_date cur, next;
    civil_date_add_days(w->monday, w->cursor_day, &cur);
    if (civil_date_add_days(cur, delta, &next) == 0)
        set_week(app, w, next);
}

static void other_agent(struct ui_app *app, struct week_view *w, int delta)
{
    struct day_view *dv = bottom_day_view(app);
    if (!dv || dv->agent_count == 0)
        return;
    size_t n = dv->agent_count, at = 0;
    for (size_t i = 0; i < n; i++)
        if (dv->agents[i].id == w->agent.id)
            at = i;
    at = (at + n + (size_t)(delta > 0 ? 1 : n - 1)) % n;
    w->agent = dv->agents[at];
    load(app, w);
}

/* Booking on the cell under the cursor, at the site shown. */
static void book_here(struct ui_app *app, struct week_view *w)
{
    const struct db_site *site = ui_app_site(app);
    if (!site) {
        ui_app_message(app, 1, "%s", _("This database has no site yet."));
        return;
    }
    struct week_layout lo;
    compute_layout(w, &lo);
    struct ui_booking b;
    memset(&b, 0, sizeof b);
    b.site_id = site->id;
    b.agent_id = w->agent.id;
    civil_date_add_days(w->monday, w->cursor_day, &b.start.date);
    b.start.minute = lo.first_minute + lo.cursor_row * lo.step;
    ui_book_open(app, &b);
}

/* 1 when the cell under the cursor holds no appointment. */
static int cell_free(struct week_view *w)
{
    if (!w->loaded)
        return 0;
    struct week_layout lo;
    compute_layout(w, &lo);
    int a = lo.first_minute + lo.cursor_row * lo.step;
    const struct ui_day_appt *list[1];
    return ui_day_cell_appts(&w->days[w->cursor_day], 0, a, a + lo.step, list, 1) == 0;
}

static void week_chosen(struct ui_app *app, void *ctx, struct civil_date day)
{
    set_week(app, ctx, day);
}

static enum ui_result week_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                               int key)
{
    (void)key;
    struct week_view *w = (struct week_view *)self;
    struct week_layout lo;
    compute_layout(w, &lo);
    int last = lo.first_minute + (lo.row_count - 1) * lo.step;
    int row_start = lo.first_minute + lo.cursor_row * lo.step;
    switch (action) {
    case UI_ACT_VIEW:
        back_to_day(app, w);
        return UI_CLOSE;
    case UI_ACT_UP:
        w->cursor_minute = row_start > lo.first_minute ? row_start - lo.step : lo.first_minute;
        return UI_HANDLED;
    case UI_ACT_DOWN:
        w->cursor_minute = row_start < last ? row_start + lo.step : last;
        return UI_HANDLED;
    case UI_ACT_FIRST:
        w->cursor_minute = lo.first_minute;
        return UI_HANDLED;
    case UI_ACT_LAST:
        w->cursor_minute = last;
        return UI_HANDLED;
    case UI_ACT_LEFT:
        move_days(app, w, -1);
        return UI_HANDLED;
    case UI_ACT_RIGHT:
        move_days(app, w, 1);
        return UI_HANDLED;
    case UI_ACT_PAGE_UP:
        move_days(app, w, -DAYS);
        return UI_HANDLED;
    case UI_ACT_PAGE_DOWN:
        move_days(app, w, DAYS);
        return UI_HANDLED;
    case UI_ACT_TODAY:
        w->cursor_minute = app->now.minute;
        set_week(app, w, app->now.date);
        return UI_HANDLED;
    case UI_ACT_NEXT_GROUP:
        other_agent(app, w, 1);
        return UI_HANDLED;
    case UI_ACT_PREV_GROUP:
        other_agent(app, w, -1);
        return UI_HANDLED;
    case UI_ACT_NEW:
        book_here(app, w);
        return UI_HANDLED;
    case UI_ACT_FIND_SLOT:
        ui_slots_open(app, 0);
        return UI_HANDLED;
    case UI_ACT_SEARCH: {
        struct ui_layer *l = ui_people_new(app);
        if (l)
            ui_app_push(app, l);
        return UI_HANDLED;
    }
    case UI_ACT_OPEN:
        if (cell_free(w)) {
            /* Enter on a free cell books there, as in the day view. */
            if (!ui_desk_refuse_readonly(app, _("Book a new appointment (on the cell under the cursor)")))
                book_here(app, w);
            return UI_HANDLED;
        }
        open_details(app, w);
        return UI_HANDLED;
    case UI_ACT_UNDO:
        ui_desk_undo(app);
        return UI_HANDLED;
    case UI_ACT_GOTO_DATE: {
        struct civil_date cur;
        civil_date_add_days(w->monday, w->cursor_day, &cur);
        ui_goto_date_open(app, cur, week_chosen, w);
        return UI_HANDLED;
    }
    case UI_ACT_TO_FILL:
        /* The list of past appointments to fill in: the week of an agent
         * is where a receptionist sees what is missing. */
        ui_menu_action(app, action);
        return UI_HANDLED;
    case UI_ACT_OUTSIDE:
        /* the week is one agent's: their appointments left outside */
        ui_outside_open(app, w->agent.id);
        return UI_HANDLED;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    default:
        /* The appointment actions (arrived, seen, cancel...) act on the
         * cell under the cursor, as in the day view. Booking and the
         * rest belong to the day view: say how to get there. */
        if (appt_action(app, w, action) == UI_HANDLED)
            return UI_HANDLED;
        if (action != UI_ACT_NONE)
            ui_app_message(app, 0, "%s", _("No appointment here."));
        return UI_HANDLED;
    }
}

static void week_destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct week_view *w = (struct week_view *)self;
    unload(w);
    if (w->win)
        delwin(w->win);
    free(w);
}

void ui_week_open(struct ui_app *app)
{
    struct day_view *dv = bottom_day_view(app);
    if (!dv || dv->agent_count == 0 || dv->cursor_agent >= dv->agent_count) {
        ui_app_message(app, 0, "%s", _("No agent here: the week view shows one agent."));
        return;
    }
    struct week_view *w = calloc(1, sizeof *w);
    if (!w) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    w->layer.draw = week_draw;
    w->layer.on_key = week_key;
    w->layer.keys = &ui_keys_week;
    w->layer.status = week_status;
    w->layer.reload = reload;
    w->layer.destroy = week_destroy;
    w->layer.full_screen = 1;
    w->agent = dv->agents[dv->cursor_agent];
    w->monday = monday_of(dv->day);
    w->cursor_day = (int)civil_weekday(dv->day) - 1;
    w->cursor_minute = dv->cursor_minute;
    load(app, w);
    ui_app_push(app, &w->layer);
}
