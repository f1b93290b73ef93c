/* view_day_draw.c - drawing the day view: the title line (date in words,
 * holiday, site, agents shown, user, read-only), the agent names, the time
 * column with the now-marker, and each visible cell: an appointment's first
 * row "? 09:30 DUPONT Marie" (status mark, time, person), its second row
 * "┆ motif" and its later rows "┆" (draw.h ui_draw_appt_cell, shared with
 * the week view), closed time hatched, an absence hatched with "absent".
 * Also the status line's description of the cell under the cursor. Only
 * visible rows and columns are drawn. */
#include "view_day_int.h"

#include <stdio.h>
#include <string.h>

#include "../common/i18n.h"
#include "draw.h"
#include "goto_dialog.h"
#include "../common/safe_text.h"
#include "theme.h"
#include "view_day.h"

/* Appends decoded UTF-8 to a wide buffer; returns the new length. */
static size_t wappend(wchar_t *buf, size_t cap, size_t len, const char *utf8, unsigned flags)
{
    if (len + 1 >= cap)
        return len;
    return len + ui_text_decode(utf8, buf + len, cap - len, flags | ui_draw_text_flags());
}

static size_t wappend_w(wchar_t *buf, size_t cap, size_t len, const wchar_t *s)
{
    while (*s && len + 1 < cap)
        buf[len++] = *s++;
    buf[len] = L'\0';
    return len;
}

static int is_today(const struct ui_app *app, const struct day_view *v)
{
    return civil_date_compare(v->day, app->now.date) == 0;
}

static void draw_title(struct ui_app *app, struct day_view *v, const struct day_layout *lo)
{
    /* Left: the date in words, the holiday, the site. Right: which agent
     * columns are shown, who is at the desk, read-only. */
    char date[128], left[512], right[512];
    ui_format_long_date(v->day, date, sizeof date);
    int n = snprintf(left, sizeof left, "%s", date);
    if (v->loaded && v->data.holiday && n >= 0 && (size_t)n < sizeof left)
        n += snprintf(left + n, sizeof left - (size_t)n, " (%s)", _(v->data.holiday));
    const struct db_site *site = ui_app_site(app);
    if (site && n >= 0 && (size_t)n < sizeof left)
        snprintf(left + n, sizeof left - (size_t)n, " · %s", site->name);

    n = 0;
    right[0] = '\0';
    if (lo->visible_agents && lo->visible_agents < v->agent_count)
        n = snprintf(right, sizeof right, _("agents %zu-%zu/%zu"), v->first_agent + 1,
                     v->first_agent + lo->visible_agents, v->agent_count);
    if (app->opts->user && app->opts->user[0] && n >= 0 && (size_t)n < sizeof right)
        n += snprintf(right + n, sizeof right - (size_t)n, "%s%s", n ? " · " : "",
                      app->opts->user);
    if (app->readonly && n >= 0 && (size_t)n < sizeof right)
        snprintf(right + n, sizeof right - (size_t)n, "%s%s", n ? " · " : "", _("read-only"));

    attr_t attr = ui_theme_attr(THEME_TITLE);
    wchar_t wright[256];
    int rw = ui_text_prepare(right, COLS / 2, ui_draw_text_flags(), wright, 256);
    ui_draw_fill(stdscr, 0, 0, COLS, L" ", attr);
    ui_draw_str(stdscr, 0, 1, COLS - rw - 3, left, attr, 0);
    ui_draw_wstr(stdscr, 0, COLS - rw - 1, rw, wright, attr, 0);
}

static void agent_name(const struct db_agent *a, wchar_t *buf, size_t cap)
{
    size_t n = wappend(buf, cap, 0, a->first_name, 0);
    n = wappend_w(buf, cap, n, L" ");
    wappend(buf, cap, n, a->last_name, UI_TEXT_UPPER);
}

static void draw_header(struct day_view *v, const struct day_layout *lo)
{
    attr_t attr = ui_theme_attr(THEME_HEADER);
    ui_draw_fill(stdscr, 1, 0, COLS, L" ", attr);
    for (size_t j = 0; j < lo->visible_agents; j++) {
        size_t agent = v->first_agent + j;
        int x = TIME_COLS + (int)j * (lo->col_width + 1);
        ui_draw_wstr(stdscr, 1, x, 1, ui_glyph(UI_GLYPH_VLINE), ui_theme_attr(THEME_GRID), 0);
        wchar_t name[256];
        agent_name(&v->agents[agent], name, 256);
        ui_text_fit(name, lo->col_width, ui_draw_text_flags());
        ui_draw_wstr(stdscr, 1, x + 1, lo->col_width, name, attr, UI_DRAW_CENTER);
    }
    if (v->first_agent > 0)
        ui_draw_wstr(stdscr, 1, TIME_COLS, 1, ui_glyph(UI_GLYPH_MORE_LEFT), attr | A_BOLD, 0);
    if (v->first_agent + lo->visible_agents < v->agent_count)
        ui_draw_wstr(stdscr, 1, COLS - 1, 1, ui_glyph(UI_GLYPH_MORE_RIGHT), attr | A_BOLD, 0);
}

/* `first_row`: the top row on screen, where a shaded span shows its words
 * even when it started above. */
static void draw_cell(struct ui_app *app, struct day_view *v, int y, int x, int width,
                      size_t agent, int minute, int step, int first_row, int is_cursor)
{
    struct ui_cell cell;
    ui_day_cell(&v->data, agent, minute, step, &cell);
    attr_t cursor = ui_theme_attr(THEME_CURSOR);
    if (!cell.appt) {
        if (cell.absent && !v->data.holiday) {
            /* Hatched as closed time, and in words on the absence's first
             * row: "absent" reads the same without colours. */
            attr_t a = is_cursor ? cursor : ui_theme_attr(THEME_CLOSED);
            ui_draw_fill(stdscr, y, x, width, ui_glyph(UI_GLYPH_CLOSED), a);
            if (first_row || !ui_day_is_absent(&v->data, agent, minute - step, minute, NULL))
                ui_draw_str(stdscr, y, x, width, _("absent"), a | A_BOLD, 0);
        } else if (cell.open) {
            ui_draw_fill(stdscr, y, x, width, L" ", is_cursor ? cursor : ui_theme_attr(THEME_OPEN));
        } else {
            attr_t a = ui_theme_attr(v->data.holiday ? THEME_HOLIDAY : THEME_CLOSED);
            ui_draw_fill(stdscr, y, x, width, ui_glyph(UI_GLYPH_CLOSED), is_cursor ? cursor : a);
        }
        return;
    }
    enum ui_appt_look look = ui_appt_look(&cell.appt->row->appt, cell.appt->start_at, app->now);
    /* At risk of a no-show (risk_watch.h): its own colour and, on the
     * first row, its own mark */
    int risky = ui_risk_marked(app, cell.appt->row->appt.id, (int)look);
    attr_t attr = is_cursor ? cursor
                            : ui_theme_attr(risky ? THEME_RISK : ui_appt_look_role(look));
    ui_draw_appt_cell(stdscr, y, x, width, &cell, look, attr,
                      UI_APPT_CELL_TIME | (risky ? UI_APPT_CELL_RISK : 0));
}

static void draw_empty_message(const char *msg, const struct day_layout *lo)
{
    int y = GRID_TOP + lo->grid_rows / 2;
    ui_draw_str(stdscr, y, 0, COLS, msg, ui_theme_attr(THEME_STATUS), UI_DRAW_CENTER);
}

static void draw_grid(struct ui_app *app, struct day_view *v, const struct day_layout *lo)
{
    int today = is_today(app, v);
    for (int i = 0; i < lo->grid_rows; i++) {
        int row = v->top_row + i;
        int y = GRID_TOP + i;
        if (row >= lo->row_count)
            break;
        int minute = lo->first_minute + row * lo->step;
        int now_row = today && app->now.minute >= minute && app->now.minute < minute + lo->step;
        char hhmm[CIVIL_TIME_LEN];
        civil_format_time(minute, hhmm, sizeof hhmm);
        attr_t tattr = ui_theme_attr(now_row ? THEME_NOW : THEME_TIME);
        ui_draw_wstr(stdscr, y, 0, 1, now_row ? ui_glyph(UI_GLYPH_NOW) : L" ", tattr, UI_DRAW_PAD);
        ui_draw_str(stdscr, y, 1, TIME_COLS - 1, hhmm, tattr, UI_DRAW_PAD);
        for (size_t j = 0; j < lo->visible_agents; j++) {
            size_t agent = v->first_agent + j;
            int x = TIME_COLS + (int)j * (lo->col_width + 1);
            ui_draw_wstr(stdscr, y, x, 1, ui_glyph(UI_GLYPH_VLINE),
                         ui_theme_attr(now_row ? THEME_NOW : THEME_GRID), 0);
            draw_cell(app, v, y, x + 1, lo->col_width, agent, minute, lo->step, i == 0,
                      row == lo->cursor_row && agent == v->cursor_agent);
        }
    }
    if (!ui_app_site(app))
        draw_empty_message(_("This database has no site yet."), lo);
    else if (v->agent_count == 0)
        draw_empty_message(_("No agent works at this site."), lo);
}

void ui_day_draw(struct ui_app *app, struct ui_layer *self)
{
    struct day_view *v = day_view_of(self);
    struct day_layout lo;
    ui_day_compute_layout(v, &lo);
    werase(stdscr);
    draw_title(app, v, &lo);
    draw_header(v, &lo);
    if (v->loaded || !ui_app_site(app))
        draw_grid(app, v, &lo);
    /* A wide screen: the month beside the day, the day shown as its
     * cursor (the calendar dialog on m is the same drawing). */
    if (lo.side_x && ui_app_site(app))
        ui_month_draw(app, stdscr, GRID_TOP, lo.side_x, v->day, v->day);
    wnoutrefresh(stdscr);
}

/* ---- the cursor cell -------------------------------------------------- */

void ui_day_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    struct day_view *v = day_view_of(self);
    struct day_layout lo;
    ui_day_compute_layout(v, &lo);
    buf[0] = '\0';
    if (!v->loaded || v->cursor_agent >= v->agent_count)
        return;
    int a = lo.first_minute + lo.cursor_row * lo.step;
    char from[CIVIL_TIME_LEN], to[CIVIL_TIME_LEN];
    civil_format_time(a, from, sizeof from);
    civil_format_time((a + lo.step) % 1440, to, sizeof to);
    const struct ui_day_appt *list[CELL_CHOICES];
    size_t n = ui_day_cell_appts(&v->data, v->cursor_agent, a, a + lo.step, list, CELL_CHOICES);
    if (n == 0) {
        const char *reason = NULL;
        if (v->data.holiday)
            snprintf(buf, size, "%s-%s %s: %s", from, to, _("closed"), _(v->data.holiday));
        else if (ui_day_is_absent(&v->data, v->cursor_agent, a, a + lo.step, &reason))
            snprintf(buf, size, "%s-%s %s%s%s", from, to, _("absent"), reason[0] ? ": " : "",
                     reason);
        else
            snprintf(buf, size, "%s-%s %s", from, to,
                     ui_day_is_open(&v->data, v->cursor_agent, a, a + lo.step) ? _("free")
                                                                              : _("closed"));
        return;
    }
    if (n > 1) {
        snprintf(buf, size, _("%s-%s %zu appointments (Enter to choose)"), from, to, n);
        return;
    }
    const struct ui_day_appt *p = list[0];
    const struct db_day_row *r = p->row;
    char s[CIVIL_TIME_LEN], e[CIVIL_TIME_LEN];
    civil_format_time(p->start, s, sizeof s);
    civil_format_time(p->end % 1440, e, sizeof e);
    enum ui_appt_look look = ui_appt_look(&r->appt, p->start_at, app->now);
    /* Left outside: said first, so that a narrow status line keeps it. */
    char why[128] = "";
    if (p->stranded) {
        memcpy(why, " ! ", 4);
        db_stranded_describe(p->stranded, why + 3, sizeof why - 6);
        strcat(why, " ·");
    }
    /* At risk: the score after its look (the details, Enter, give the
     * reasons) */
    const struct db_risk_item *risk = NULL;
    if (look == UI_LOOK_UPCOMING || look == UI_LOOK_TODAY)
        risk = ui_risk_find(app, r->appt.id);
    char pct[96] = "";
    if (risk)
        /* TRANSLATORS: after "today, not started" in the status line */
        snprintf(pct, sizeof pct, _(", %ls no-show risk %d %% (Enter: why)"),
                 ui_glyph(UI_GLYPH_MARK_RISK), (int)(100.0 * risk->risk + 0.5));
    snprintf(buf, size, "%s-%s%s %s %s · %s · %s%s", s, e, why, r->person_last, r->person_first,
             r->motif_name, ui_appt_look_words(look), pct);
}
