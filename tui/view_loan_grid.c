/* view_loan_grid.c - the week grid of one room, the day of every room of
 * its collège, and the week of every room of the collège (see
 * view_loans.h). In the first two, rows are hours (08:00 to 22:00: rooms
 * are lent outside school time), columns the seven days of the week or the
 * rooms of the site; in the site's week, rows are the rooms and columns
 * the days, a cell holding the room's loans of that day. A cell shows each loan that overlaps the hour with a
 * mark for its state (= approved, ? waiting, / refused, x cancelled, -
 * skipped: never by colour alone) and the association, or for a date the
 * series skips, the closure or the reason of the exception. The line under
 * the grid says everything about the cell under the cursor, and the week's
 * skipped dates are listed with their reasons. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "draw.h"
#include "loans_int.h"
#include "pane.h"
#include "theme.h"
#include "view_structure.h"

enum { FIRST_HOUR = 8, LAST_HOUR = 22, HOURS = LAST_HOUR - FIRST_HOUR, TIME_COLS = 6,
       MIN_COL = 9, DAYS = 7 };

struct grid {
    struct ui_layer layer; /* first */
    WINDOW *win;
    int site_day;              /* GRID_ROOM_WEEK, GRID_SITE_DAY or GRID_SITE_WEEK */
    struct db_room room;       /* the room of the week */
    struct db_room *rooms;     /* the rooms of its site */
    size_t n_rooms;
    struct civil_date day;     /* the cursor's day */
    int col, hour;             /* cursor: column, hour index */
    int left, top;             /* first column and hour shown */
    int row, row_top;          /* site's week: the room row under the cursor, the first shown */
    struct db_loan_row *rows;
    size_t count;
};

static struct civil_date monday_of(struct civil_date d)
{
    struct civil_date m = d;
    civil_date_add_days(d, 1 - (int)civil_weekday(d), &m);
    return m;
}

static int ncols(const struct grid *g)
{
    return g->site_day == GRID_SITE_DAY ? (int)g->n_rooms : DAYS;
}

static int site_week(const struct grid *g)
{
    return g->site_day == GRID_SITE_WEEK;
}

static void load(struct ui_app *app, struct grid *g)
{
    free(g->rows);
    g->rows = NULL;
    g->count = 0;
    struct db_error err = {0};
    free(g->rooms);
    g->rooms = NULL;
    g->n_rooms = 0;
    if (db_room_list(app->db, g->room.site_id, 0, &g->rooms, &g->n_rooms, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        return;
    }
    struct db_loan_filter f;
    memset(&f, 0, sizeof f);
    f.with_skipped = 1;
    int one_day = g->site_day == GRID_SITE_DAY;
    struct civil_date from = one_day ? g->day : monday_of(g->day), to;
    civil_date_add_days(from, one_day ? 1 : DAYS, &to);
    civil_format_date(from, f.from, sizeof f.from);
    civil_format_date(to, f.to, sizeof f.to);
    if (g->site_day != GRID_ROOM_WEEK)
        f.site_id = g->room.site_id;
    else
        f.room_id = g->room.id;
    if (db_loan_list(app->db, &f, &g->rows, &g->count, &err) != DB_OK)
        ui_app_db_error(app, &err);
    if (one_day) {
        for (size_t i = 0; i < g->n_rooms; i++)
            if (g->rooms[i].id == g->room.id)
                g->col = (int)i;
    } else {
        g->col = (int)civil_weekday(g->day) - 1;
        for (size_t i = 0; i < g->n_rooms; i++)
            if (g->rooms[i].id == g->room.id)
                g->row = (int)i;
    }
}

/* The loans of column `col` that overlap hour index `h`; *first gets the
 * first one (NULL when none). */
static size_t cell_loans(const struct grid *g, int col, int h, const struct db_loan_row **first)
{
    char date[CIVIL_DATE_LEN];
    struct civil_date d = g->day;
    int64_t room = g->room.id;
    *first = NULL;
    if (g->site_day == GRID_SITE_DAY) {
        if (col < 0 || (size_t)col >= g->n_rooms)
            return 0;
        room = g->rooms[col].id;
    } else {
        civil_date_add_days(monday_of(g->day), col, &d);
    }
    /* the site's week: h is the room's row, the cell the whole day */
    if (site_week(g)) {
        if (h < 0 || (size_t)h >= g->n_rooms)
            return 0;
        room = g->rooms[h].id;
    }
    civil_format_date(d, date, sizeof date);
    int a = (FIRST_HOUR + h) * 60, b = a + 60;
    size_t n = 0;
    for (size_t i = 0; i < g->count; i++) {
        const struct db_loan_row *r = &g->rows[i];
        if (r->room_id != room || strcmp(r->date, date) != 0 ||
            (!site_week(g) && !loan_times_overlap(a, b, r->start_minute, r->end_minute)))
            continue;
        /* what happens comes before what does not */
        if (!*first || ((*first)->skipped || (*first)->state >= DB_LOAN_REFUSED))
            if (!r->skipped && r->state < DB_LOAN_REFUSED)
                *first = r;
        if (!*first)
            *first = r;
        n++;
    }
    return n;
}

static enum theme_role role_of(const struct db_loan_row *r)
{
    if (r->skipped)
        return THEME_HOLIDAY;
    switch (r->state) {
    case DB_LOAN_APPROVED: return THEME_APPT_SEEN;
    case DB_LOAN_REQUESTED: return THEME_APPT;
    default: return THEME_APPT_CANCELLED;
    }
}

static const char *reason_of(const struct db_loan_row *r)
{
    return r->skipped && r->reason[0] ? _(r->reason) : r->reason;
}

static void draw_cell(const struct grid *g, WINDOW *w, int y, int x, int width, int col, int h,
                      int cursor)
{
    const struct db_loan_row *r;
    size_t n = cell_loans(g, col, h, &r);
    attr_t a = cursor ? ui_theme_attr(THEME_CURSOR) : A_NORMAL;
    if (!r) {
        ui_draw_fill(w, y, x, width, L" ", a);
        if (cursor)
            ui_draw_str(w, y, x, width, "", a, UI_DRAW_PAD);
        return;
    }
    if (!cursor)
        a = ui_theme_attr(role_of(r));
    char text[300];
    int starts = r->start_minute >= (FIRST_HOUR + h) * 60 || h == g->top;
    const char *what = r->skipped ? reason_of(r) : r->association;
    if (site_week(g)) {
        char t[8];
        civil_format_time(r->start_minute, t, sizeof t);
        snprintf(text, sizeof text, "%s%s %s", ui_loan_state_mark(r->state, r->skipped), t,
                 what);
    } else if (starts)
        snprintf(text, sizeof text, "%s%s", ui_loan_state_mark(r->state, r->skipped), what);
    else
        snprintf(text, sizeof text, "%s ...", ui_loan_state_mark(r->state, r->skipped));
    if (n > 1) {
        char more[32];
        snprintf(more, sizeof more, "+%zu", n - 1);
        int mw = (int)strlen(more);
        ui_draw_str(w, y, x, width - mw, text, a, UI_DRAW_PAD);
        ui_draw_str(w, y, x + width - mw, mw, more, a | A_BOLD, 0);
    } else {
        ui_draw_str(w, y, x, width, text, a, UI_DRAW_PAD);
    }
}

static void column_title(const struct grid *g, int col, char *buf, size_t size)
{
    if (g->site_day == GRID_SITE_DAY) {
        snprintf(buf, size, "%s (%d)", g->rooms[col].name, g->rooms[col].capacity);
        return;
    }
    struct civil_date d;
    civil_date_add_days(monday_of(g->day), col, &d);
    char wd[32];
    ui_loan_weekday(d, wd, sizeof wd);
    /* "lun. 31/08" is one cell wider than a day column at 80x24: the
     * abbreviation without its dot reads as well ("lun 31/08"). */
    size_t n = strlen(wd);
    if (n && wd[n - 1] == '.')
        wd[n - 1] = '\0';
    snprintf(buf, size, "%s %02d/%02d", wd, d.day, d.month);
}

/* The site's week: one row per room, its name and capacity first, then a
 * column per day. Returns the number of screen rows used. */
static int draw_site_week(struct grid *g, WINDOW *w, int rows, int cols)
{
    int name_w = cols / 5 < 12 ? 12 : cols / 5;
    int avail = cols - name_w;
    int width = avail / DAYS - 1;
    if (width < 1)
        width = 1;
    int shown = rows - 2 - 3;
    if (shown < 1)
        shown = 1;
    if (g->row < g->row_top)
        g->row_top = g->row;
    if (g->row >= g->row_top + shown)
        g->row_top = g->row - shown + 1;
    attr_t head = ui_theme_attr(THEME_HEADER);
    ui_draw_fill(w, 1, 0, cols, L" ", head);
    ui_draw_str(w, 1, 0, name_w, _("Room"), head, UI_DRAW_PAD);
    for (int c = 0; c < DAYS; c++) {
        char t[200];
        column_title(g, c, t, sizeof t);
        if (width < 9) { /* "Tue 02" rather than "Tue 02/…" */
            struct civil_date d;
            char wd[32];
            civil_date_add_days(monday_of(g->day), c, &d);
            ui_loan_weekday(d, wd, sizeof wd);
            snprintf(t, sizeof t, "%s %02d", wd, d.day);
        }
        int x = name_w + c * (width + 1);
        ui_draw_wstr(w, 1, x, 1, ui_glyph(UI_GLYPH_VLINE), ui_theme_attr(THEME_GRID), 0);
        attr_t at = head | (c == g->col ? A_UNDERLINE : 0);
        ui_draw_str(w, 1, x + 1, width, t, at, UI_DRAW_CENTER | UI_DRAW_PAD);
    }
    int used = 0;
    for (int i = 0; i < shown && (size_t)(g->row_top + i) < g->n_rooms; i++, used++) {
        int r = g->row_top + i, y = 2 + i;
        char name[200];
        snprintf(name, sizeof name, "%s (%d)", g->rooms[r].name, g->rooms[r].capacity);
        ui_draw_str(w, y, 0, name_w, name, ui_theme_attr(THEME_TIME) |
                    (r == g->row ? A_BOLD : 0), UI_DRAW_PAD);
        for (int c = 0; c < DAYS; c++) {
            int x = name_w + c * (width + 1);
            ui_draw_wstr(w, y, x, 1, ui_glyph(UI_GLYPH_VLINE), ui_theme_attr(THEME_GRID), 0);
            draw_cell(g, w, y, x + 1, width, c, r, c == g->col && r == g->row);
        }
    }
    if (g->n_rooms == 0) {
        ui_draw_str(w, 2, 1, cols - 2, _("This collège has no room."), A_NORMAL, 0);
        used = 1;
    }
    return used;
}

static void grid_draw(struct ui_app *app, struct ui_layer *self)
{
    struct grid *g = (struct grid *)self;
    WINDOW *w = ui_pane_window(&g->win);
    if (!w)
        return;
    int rows = getmaxy(w), cols = getmaxx(w);
    char left[300], right[160], a[CIVIL_DATE_LEN], b[CIVIL_DATE_LEN];
    if (g->site_day == GRID_SITE_DAY) {
        civil_format_date_fr(g->day, a, sizeof a);
        char wd[32];
        ui_loan_weekday(g->day, wd, sizeof wd);
        snprintf(left, sizeof left, "%s · %s %s", g->room.site_name, wd, a);
        snprintf(right, sizeof right, ngettext("%zu room", "%zu rooms", g->n_rooms), g->n_rooms);
    } else {
        struct civil_date m = monday_of(g->day), s;
        civil_date_add_days(m, 6, &s);
        civil_format_date_fr(m, a, sizeof a);
        civil_format_date_fr(s, b, sizeof b);
        int iy, wk;
        civil_iso_week(m, &iy, &wk);
        if (site_week(g))
            snprintf(left, sizeof left, _("%s · every room"), g->room.site_name);
        else
            snprintf(left, sizeof left, "%s · %s", g->room.name, g->room.site_name);
        snprintf(right, sizeof right, _("week %d, %s-%s"), wk, a, b);
    }
    ui_pane_title(w, 0, left, right);

    int hours;
    if (site_week(g)) {
        hours = draw_site_week(g, w, rows, cols);
    } else {
        int n = ncols(g);
        int avail = cols - TIME_COLS;
        int shown = g->site_day ? avail / (MIN_COL + 1) : DAYS;
        if (shown > n)
            shown = n;
        if (shown < 1)
            shown = 1;
        if (g->col < g->left)
            g->left = g->col;
        if (g->col >= g->left + shown)
            g->left = g->col - shown + 1;
        int width = avail / shown - 1;
        if (width < 1)
            width = 1;
        int footer = 3;
        hours = rows - 2 - footer;
        if (hours > HOURS)
            hours = HOURS;
        if (hours < 1)
            hours = 1;
        ui_pane_scroll(&g->top, g->hour, hours, HOURS);

        attr_t head = ui_theme_attr(THEME_HEADER);
        ui_draw_fill(w, 1, 0, cols, L" ", head);
        for (int c = 0; c < shown && g->left + c < n; c++) {
            char t[200];
            column_title(g, g->left + c, t, sizeof t);
            int x = TIME_COLS + c * (width + 1);
            ui_draw_wstr(w, 1, x, 1, ui_glyph(UI_GLYPH_VLINE), ui_theme_attr(THEME_GRID), 0);
            attr_t at = head | (g->left + c == g->col ? A_UNDERLINE : 0);
            ui_draw_str(w, 1, x + 1, width, t, at, UI_DRAW_CENTER | UI_DRAW_PAD);
        }
        for (int i = 0; i < hours && g->top + i < HOURS; i++) {
            int h = g->top + i, y = 2 + i;
            char t[8];
            civil_format_time((FIRST_HOUR + h) * 60, t, sizeof t);
            ui_draw_str(w, y, 0, TIME_COLS, t, ui_theme_attr(THEME_TIME), UI_DRAW_PAD);
            for (int c = 0; c < shown && g->left + c < n; c++) {
                int x = TIME_COLS + c * (width + 1);
                ui_draw_wstr(w, y, x, 1, ui_glyph(UI_GLYPH_VLINE), ui_theme_attr(THEME_GRID), 0);
                draw_cell(g, w, y, x + 1, width, g->left + c, h,
                          g->left + c == g->col && h == g->hour);
            }
        }
    }

    /* the cell under the cursor, in words */
    int y = 2 + hours;
    const struct db_loan_row *r;
    size_t count = cell_loans(g, g->col, site_week(g) ? g->row : g->hour, &r);
    char line[600];
    if (r) {
        char times[16], when[64], fr[CIVIL_DATE_LEN], wd[32];
        struct civil_date rd;
        ui_loan_times(r->start_minute, r->end_minute, times, sizeof times);
        civil_parse_date(r->date, &rd);
        civil_format_date_fr(rd, fr, sizeof fr);
        ui_loan_weekday(rd, wd, sizeof wd);
        snprintf(when, sizeof when, "%s %s", wd, fr);
        if (r->skipped)
            snprintf(line, sizeof line, _("%s %s %s: skipped (%s), request %lld"), when,
                     times, r->association, reason_of(r), (long long)r->request_id);
        else
            snprintf(line, sizeof line, _("%s %s %s: %s%s%s, request %lld%s"), when, times,
                     r->association, db_loan_state_label(r->state), r->reason[0] ? " - " : "",
                     r->reason, (long long)r->request_id,
                     count > 1 ? _(" (and others: Enter)") : "");
    } else {
        snprintf(line, sizeof line, "%s", _("Free. n: new request here"));
    }
    ui_draw_str(w, y, 0, cols, line, A_BOLD, UI_DRAW_PAD);

    /* the skipped dates of what is shown, with their reasons */
    char skipped[600] = "";
    size_t used = 0;
    for (size_t i = 0; i < g->count && used < sizeof skipped - 1; i++) {
        const struct db_loan_row *s = &g->rows[i];
        if (!s->skipped)
            continue;
        /* "21/10" from "2025-10-21" */
        int k = snprintf(skipped + used, sizeof skipped - used, "%s%.2s/%.2s %s",
                         used ? "; " : "", s->date + 8, s->date + 5, reason_of(s));
        if (k < 0)
            break;
        used += (size_t)k;
    }
    if (used >= sizeof skipped)
        used = sizeof skipped - 1;
    char out[700];
    snprintf(out, sizeof out, "%s %s", _("Skipped:"), used ? skipped : _("none"));
    ui_draw_str(w, y + 1, 0, cols, out, A_NORMAL, UI_DRAW_PAD);
    ui_draw_str(w, y + 2, 0, cols,
                _("= approved  ? waiting  / refused  x cancelled  - skipped (closure)"), A_DIM,
                UI_DRAW_PAD);
    (void)app;
    wnoutrefresh(w);
}

static void set_day(struct ui_app *app, struct grid *g, struct civil_date d)
{
    if (!civil_date_valid(d))
        return;
    g->day = d;
    load(app, g);
}

static void set_room(struct ui_app *app, struct grid *g, int index)
{
    if (g->n_rooms == 0)
        return;
    if (index < 0)
        index = (int)g->n_rooms - 1;
    if ((size_t)index >= g->n_rooms)
        index = 0;
    g->room = g->rooms[index];
    load(app, g);
}

static const struct db_loan_row *under_cursor(struct ui_app *app, const struct grid *g)
{
    const struct db_loan_row *r;
    cell_loans(g, g->col, site_week(g) ? g->row : g->hour, &r);
    if (!r)
        ui_app_message(app, 1, "%s", _("No loan under the cursor."));
    return r;
}

static enum ui_result grid_key(struct ui_app *app, struct ui_layer *self, enum ui_action action,
                               int key)
{
    (void)key;
    struct grid *g = (struct grid *)self;
    struct civil_date d;
    int step = g->site_day == GRID_SITE_DAY ? 1 : 7;
    int room_index = 0;
    for (size_t i = 0; i < g->n_rooms; i++)
        if (g->rooms[i].id == g->room.id)
            room_index = (int)i;
    switch (action) {
    case UI_ACT_QUIT:
    case UI_ACT_BACK:
        return UI_CLOSE;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    case UI_ACT_UP:
    case UI_ACT_DOWN: {
        int dir = action == UI_ACT_UP ? -1 : 1;
        if (site_week(g)) {
            /* rows are rooms: the room under the cursor follows */
            int r = g->row + dir;
            if (r >= 0 && (size_t)r < g->n_rooms) {
                g->row = r;
                g->room = g->rooms[r];
            }
        } else if (g->hour + dir >= 0 && g->hour + dir < HOURS) {
            g->hour += dir;
        }
        return UI_HANDLED;
    }
    case UI_ACT_LEFT:
    case UI_ACT_RIGHT: {
        int dir = action == UI_ACT_LEFT ? -1 : 1;
        if (g->site_day == GRID_SITE_DAY) {
            int c = g->col + dir;
            if (c >= 0 && c < (int)g->n_rooms) {
                g->col = c;
                g->room = g->rooms[c];
            }
        } else if (civil_date_add_days(g->day, dir, &d) == 0) {
            set_day(app, g, d);
        }
        return UI_HANDLED;
    }
    case UI_ACT_PAGE_UP:
    case UI_ACT_PAGE_DOWN:
        if (civil_date_add_days(g->day, action == UI_ACT_PAGE_UP ? -step : step, &d) == 0)
            set_day(app, g, d);
        return UI_HANDLED;
    case UI_ACT_NEXT_GROUP:
        set_room(app, g, room_index + 1);
        return UI_HANDLED;
    case UI_ACT_PREV_GROUP:
        set_room(app, g, room_index - 1);
        return UI_HANDLED;
    case UI_ACT_TODAY:
        set_day(app, g, app->now.date);
        return UI_HANDLED;
    case UI_ACT_VIEW:
        /* the room's week <-> the site's day; from the site's week: the
         * week of the room under the cursor */
        g->site_day = g->site_day == GRID_ROOM_WEEK ? GRID_SITE_DAY : GRID_ROOM_WEEK;
        load(app, g);
        return UI_HANDLED;
    case UI_ACT_SITE_WEEK:
        /* the site's week; from it: the site's day under the cursor */
        g->site_day = site_week(g) ? GRID_SITE_DAY : GRID_SITE_WEEK;
        load(app, g);
        return UI_HANDLED;
    case UI_ACT_NEW:
        ui_loan_request_form(app, g->room.id, g->day);
        return UI_HANDLED;
    case UI_ACT_OPEN:
    case UI_ACT_SEASON: {
        const struct db_loan_row *r = under_cursor(app, g);
        if (r)
            ui_loan_dates_open(app, r->association_id,
                               action == UI_ACT_OPEN ? r->request_id : 0, g->day);
        return UI_HANDLED;
    }
    case UI_ACT_STRUCTURE: { /* this room's line: capacity, equipment, blackouts */
        struct ui_layer *l = ui_structure_new_loans(app, g->room.id);
        if (l)
            ui_app_push(app, l);
        else
            ui_app_message(app, 1, "%s", _("out of memory"));
        return UI_HANDLED;
    }
    case UI_ACT_APPROVE:
    case UI_ACT_REFUSE:
    case UI_ACT_CANCEL_APPT: {
        const struct db_loan_row *r = under_cursor(app, g);
        if (!r)
            return UI_HANDLED;
        if (r->skipped) {
            ui_app_message(app, 1, "%s", _("This date is skipped: there is nothing to decide."));
            return UI_HANDLED;
        }
        int64_t id = r->request_id;
        char date[CIVIL_DATE_LEN];
        snprintf(date, sizeof date, "%s", r->date);
        if (action == UI_ACT_APPROVE)
            ui_loan_approve(app, id, date);
        else
            ui_loan_reason_form(app, id, date,
                                action == UI_ACT_REFUSE ? DB_DECIDE_REFUSE : DB_DECIDE_CANCEL);
        return UI_HANDLED;
    }
    default:
        return UI_HANDLED;
    }
}

static void grid_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    struct grid *g = (struct grid *)self;
    const char *help;
    switch (g->site_day) {
    case GRID_SITE_DAY:
        help = _("Left/Right room · [ ] day · d room's week · Enter the loan's dates");
        break;
    case GRID_SITE_WEEK:
        help = _("Up/Down room · Left/Right day · [ ] week · s that day · d room's week");
        break;
    default:
        help = _("Left/Right day · [ ] week · Tab room · d every room · Enter dates");
    }
    snprintf(buf, size, "%s", help);
}

static void grid_reload(struct ui_app *app, struct ui_layer *self)
{
    load(app, (struct grid *)self);
}

static void grid_destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct grid *g = (struct grid *)self;
    if (g->win)
        delwin(g->win);
    free(g->rows);
    free(g->rooms);
    free(g);
}

void ui_loan_grid_open(struct ui_app *app, int64_t room_id, struct civil_date day, int mode)
{
    struct grid *g = calloc(1, sizeof *g);
    if (!g) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        return;
    }
    char ref[32];
    snprintf(ref, sizeof ref, "%lld", (long long)room_id);
    struct db_error err = {0};
    if (db_room_find(app->db, ref, &g->room, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        free(g);
        return;
    }
    g->layer.draw = grid_draw;
    g->layer.on_key = grid_key;
    g->layer.status = grid_status;
    g->layer.reload = grid_reload;
    g->layer.destroy = grid_destroy;
    g->layer.full_screen = 1;
    g->layer.keys = &ui_keys_loan_grid;
    g->site_day = mode;
    g->day = civil_date_valid(day) ? day : app->now.date;
    g->hour = 18 - FIRST_HOUR; /* evenings: when most loans are */
    load(app, g);
    ui_app_push(app, &g->layer);
}
