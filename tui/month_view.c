/* month_view.c - the month calendar (goto_dialog.h): ISO week numbers,
 * today, the site's public holidays and closed days (no agent opens), as a
 * dialog on "m" and, on wide terminals, beside the day view. Marks do not
 * rely on colour: ">" today, "*" public holiday, "-" closed. Whether a day
 * is closed costs one db_site_openings query per day shown, so the month
 * is computed once per site and month (and after another desk wrote). */
#include "goto_dialog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/i18n.h"
#include "../model/goto_date.h"
#include "../model/holidays.h"
#include "../model/opening.h"
#include "dialogs.h"
#include "draw.h"
#include "theme.h"

enum { GRID_DAYS = 42 };

struct month_cache {
    int64_t site_id;
    int year, month;
    int64_t data_version;
    struct civil_date first; /* the Monday the grid starts on */
    unsigned char closed[GRID_DAYS];
    int valid;
};

static struct month_cache cache;

static struct civil_date grid_start(struct civil_date month)
{
    struct civil_date first = {month.year, month.month, 1}, start;
    civil_date_add_days(first, 1 - (int)civil_weekday(first), &start);
    return start;
}

static void fill_cache(struct ui_app *app, struct civil_date month)
{
    const struct db_site *site = ui_app_site(app);
    int64_t version = 0;
    db_data_version(app->db, &version, NULL);
    int64_t site_id = site ? site->id : 0;
    if (cache.valid && cache.site_id == site_id && cache.year == month.year &&
        cache.month == month.month && cache.data_version == version)
        return;
    memset(&cache, 0, sizeof cache);
    cache.site_id = site_id;
    cache.year = month.year;
    cache.month = month.month;
    cache.data_version = version;
    cache.first = grid_start(month);
    for (int i = 0; i < GRID_DAYS && site; i++) {
        struct civil_date d;
        civil_date_add_days(cache.first, i, &d);
        struct db_opening *o = NULL;
        size_t n = 0;
        int open = 0;
        if (db_site_openings(app->db, site_id, d, &o, &n, NULL) == DB_OK) {
            for (size_t k = 0; k < n && !open; k++)
                open = opening_rule_applies(&o[k].rule, d);
            free(o);
        } else {
            open = 1; /* unknown: not marked */
        }
        cache.closed[i] = !open;
    }
    cache.valid = 1;
}

static void month_title(struct civil_date month, char *buf, size_t size)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = month.year - 1900;
    tm.tm_mon = month.month - 1;
    tm.tm_mday = 1;
    tm.tm_hour = 12;
    if (strftime(buf, size, "%B %Y", &tm) == 0)
        snprintf(buf, size, "%02d/%04d", month.month, month.year);
}

static void weekday_letters(char *buf, size_t size)
{
    /* Two letters a day, in the user's language, Monday first. */
    size_t used = 0;
    /* TRANSLATORS: two letters: the ISO week number column ("Sem"
     * does not fit: "S." is fine). */
    used += (size_t)snprintf(buf, size, "%-2.2s", _("Wk"));
    for (int wd = 1; wd <= 7 && used < size; wd++) {
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        tm.tm_wday = wd % 7;
        char name[32];
        if (strftime(name, sizeof name, "%a", &tm) == 0)
            snprintf(name, sizeof name, "%d", wd);
        /* First two characters (UTF-8 aware enough for day names). */
        char two[16];
        size_t k = 0, chars = 0;
        while (name[k] && chars < 2 && k < sizeof two - 1) {
            two[k] = name[k];
            k++;
            while (name[k] && ((unsigned char)name[k] & 0xC0) == 0x80 && k < sizeof two - 1) {
                two[k] = name[k];
                k++;
            }
            chars++;
        }
        two[k] = '\0';
        used += (size_t)snprintf(buf + used, size - used, " %s", two);
        if (chars < 2 && used < size - 1)
            used += (size_t)snprintf(buf + used, size - used, " ");
    }
}

void ui_month_draw(struct ui_app *app, WINDOW *w, int y, int x, struct civil_date month,
                   struct civil_date cursor)
{
    fill_cache(app, month);
    const struct db_site *site = ui_app_site(app);
    unsigned hflags = site ? site->holiday_flags : 0;
    attr_t normal = ui_theme_attr(THEME_DIALOG);
    char line[128];
    month_title(month, line, sizeof line);
    ui_draw_str(w, y, x, UI_MONTH_COLS, line, normal | A_BOLD, UI_DRAW_CENTER | UI_DRAW_PAD);
    weekday_letters(line, sizeof line);
    ui_draw_str(w, y + 1, x, UI_MONTH_COLS, line, normal | A_UNDERLINE, UI_DRAW_PAD);
    for (int week = 0; week < 6; week++) {
        struct civil_date monday;
        civil_date_add_days(cache.first, week * 7, &monday);
        int iso_year, iso_week;
        civil_iso_week(monday, &iso_year, &iso_week);
        char wk[8];
        snprintf(wk, sizeof wk, "%2d", iso_week);
        int row = y + 2 + week;
        ui_draw_fill(w, row, x, UI_MONTH_COLS, L" ", normal);
        ui_draw_str(w, row, x, 2, wk, normal | A_DIM, 0);
        for (int wd = 0; wd < 7; wd++) {
            struct civil_date d;
            civil_date_add_days(monday, wd, &d);
            int i = week * 7 + wd;
            int in_month = d.month == month.month;
            char cell[8];
            char mark = ' ';
            attr_t a = normal;
            if (!in_month) {
                snprintf(cell, sizeof cell, "   ");
            } else {
                if (holiday_lookup(d, hflags, NULL)) {
                    mark = '*';
                    a = ui_theme_attr(THEME_HOLIDAY);
                } else if (cache.closed[i]) {
                    mark = '-';
                    a = ui_theme_attr(THEME_CLOSED);
                }
                if (civil_date_compare(d, app->now.date) == 0) {
                    mark = '>';
                    a |= A_BOLD;
                }
                snprintf(cell, sizeof cell, "%2d%c", d.day, mark);
            }
            if (in_month && civil_date_compare(d, cursor) == 0)
                a = ui_theme_attr(THEME_CURSOR);
            ui_draw_str(w, row, x + 3 + wd * 3, 3, cell, a, 0);
        }
    }
    /* TRANSLATORS: legend of the month calendar's marks; keep it short
     * (26 columns). */
    ui_draw_str(w, y + 8, x, UI_MONTH_COLS, _("> today * holiday - closed"), normal | A_DIM,
                UI_DRAW_PAD);
}

/* ---- the dialog ------------------------------------------------------------ */

struct month_dialog {
    struct ui_layer layer;
    WINDOW *win;
    struct civil_date cursor;
    int chosen;
    ui_date_chosen_fn done;
    void *ctx;
};

static void draw(struct ui_app *app, struct ui_layer *self)
{
    struct month_dialog *m = (struct month_dialog *)self;
    WINDOW *w = ui_dialog_window(&m->win, UI_MONTH_ROWS + 1, UI_MONTH_COLS + 4, _("Month"));
    if (!w)
        return;
    ui_month_draw(app, w, 1, 2, m->cursor, m->cursor);
    wnoutrefresh(w);
}

static void move_days(struct month_dialog *m, int n)
{
    struct civil_date d;
    if (civil_date_add_days(m->cursor, n, &d) == 0)
        m->cursor = d;
}

static enum ui_result on_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                             int key)
{
    (void)key;
    struct month_dialog *m = (struct month_dialog *)self;
    struct civil_date d;
    switch (action) {
    case UI_ACT_QUIT: return UI_CLOSE;
    case UI_ACT_OPEN: m->chosen = 1; return UI_CLOSE;
    case UI_ACT_LEFT: move_days(m, -1); break;
    case UI_ACT_RIGHT: move_days(m, 1); break;
    case UI_ACT_UP: move_days(m, -7); break;
    case UI_ACT_DOWN: move_days(m, 7); break;
    case UI_ACT_TODAY: m->cursor = app->now.date; break;
    case UI_ACT_PREV_MONTH:
    case UI_ACT_NEXT_MONTH:
        if (goto_add_months(m->cursor, action == UI_ACT_NEXT_MONTH ? 1 : -1, &d) == 0)
            m->cursor = d;
        break;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW: return UI_IGNORED;
    default: break;
    }
    return UI_HANDLED;
}

static void status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    (void)self;
    snprintf(buf, size, "%s", _("Arrows: day · PgUp/PgDn: month · Enter: show it · Esc: back"));
}

static void destroy(struct ui_app *app, struct ui_layer *self)
{
    struct month_dialog *m = (struct month_dialog *)self;
    if (m->win)
        delwin(m->win);
    if (app && !app->closing && m->chosen && m->done)
        m->done(app, m->ctx, m->cursor);
    free(m);
}

void ui_month_open(struct ui_app *app, struct civil_date shown, ui_date_chosen_fn done,
                   void *ctx)
{
    struct month_dialog *m = calloc(1, sizeof *m);
    if (!m)
        return;
    m->layer.draw = draw;
    m->layer.on_key = on_key;
    m->layer.status = status;
    m->layer.destroy = destroy;
    m->layer.keys = &ui_keys_month;
    m->cursor = shown;
    m->done = done;
    m->ctx = ctx;
    ui_app_push(app, &m->layer);
}
