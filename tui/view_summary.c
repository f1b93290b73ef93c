/* view_summary.c - the supervisors' summary screen (see view_summary.h).
 *
 * The figures come from report_build() and are laid out by the same text
 * renderer as `guichet report` (report_render_text_bars), so the screen
 * and the command always agree; here that text is shown in a pane that
 * scrolls both ways, its section titles in the title role (their "===="
 * underlines dropped). The period is the day shown, its ISO week or its
 * month (w cycles); [ and ] move by one period; s switches between the
 * site shown and every site; another desk's write reloads the figures. */
#include "view_summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../report/report.h"
#include "draw.h"
#include "pane.h"
#include "../common/safe_text.h"
#include "theme.h"

enum span { SPAN_DAY, SPAN_WEEK, SPAN_MONTH, SPAN_COUNT };
enum { LINE_MAX_COLS = 1024, HEAD_ROWS = 1 };

struct summary_line {
    char *text;
    int heading;
};

struct summary {
    struct ui_layer layer; /* first: the layer pointer is the pane pointer */
    WINDOW *win;
    struct civil_date day;
    enum span span;
    int all_sites;
    struct summary_line *lines;
    size_t count;
    int widest;
    int top, left;
};

static void period(const struct summary *s, struct civil_date *from, struct civil_date *to)
{
    *from = *to = s->day;
    if (s->span == SPAN_WEEK) {
        *from = summary_week_start(s->day);
        civil_date_add_days(*from, 6, to);
    } else if (s->span == SPAN_MONTH) {
        from->day = 1;
        to->day = civil_days_in_month(s->day.year, s->day.month);
    }
}

/* Rows of text the pane shows: LINES less the status line, the F-key bar
 * and the title (known before the pane's first draw). */
static int text_rows(void)
{
    return LINES - 2 - HEAD_ROWS > 1 ? LINES - 2 - HEAD_ROWS : 1;
}

/* Keeps the first line shown within the text. */
static void clamp(struct summary *s)
{
    int max_top = (int)s->count - text_rows();
    if (s->top > max_top)
        s->top = max_top;
    if (s->top < 0)
        s->top = 0;
}

static void free_lines(struct summary *s)
{
    for (size_t i = 0; i < s->count; i++)
        free(s->lines[i].text);
    free(s->lines);
    s->lines = NULL;
    s->count = 0;
    s->widest = 0;
}

/* A line made only of '=': the underline of the line above. */
static int is_underline(const char *t)
{
    if (!*t)
        return 0;
    for (; *t; t++)
        if (*t != '=')
            return 0;
    return 1;
}

/* Splits the rendered text into lines, marking headings. */
static int split(struct summary *s, char *text)
{
    size_t cap = 64, n = 0;
    struct summary_line *v = calloc(cap, sizeof *v);
    if (!v)
        return -1;
    for (char *p = text; p && *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (is_underline(p)) {
            if (n)
                v[n - 1].heading = 1;
        } else {
            if (n == cap) {
                struct summary_line *w = realloc(v, 2 * cap * sizeof *v);
                if (!w)
                    break;
                v = w;
                cap *= 2;
            }
            v[n].text = strdup(p);
            if (!v[n].text)
                break;
            n++;
        }
        p = nl ? nl + 1 : NULL;
    }
    /* the renderer's own title repeats the pane's */
    if (n && v[0].heading) {
        free(v[0].text);
        memmove(v, v + 1, (n - 1) * sizeof *v);
        n--;
    }
    s->lines = v;
    s->count = n;
    return 0;
}

static void load(struct ui_app *app, struct summary *s)
{
    free_lines(s);
    struct report_request req = {0};
    period(s, &req.from, &req.to);
    const struct db_site *site = ui_app_site(app);
    req.site_id = s->all_sites || !site ? 0 : site->id;
    req.now = app->now;
    struct report r;
    struct db_error err = {0};
    if (report_build(app->db, &req, &r, &err) != DB_OK) {
        ui_app_db_error(app, &err);
        return;
    }
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    int blocks = app->utf8 && !(ui_draw_text_flags() & (UI_TEXT_ASCII | UI_TEXT_ASCII_MARKS));
    if (!f || report_render_text_bars(f, &r, blocks) != 0 || fclose(f) != 0 ||
        split(s, text) != 0)
        ui_app_message(app, 1, "%s", _("out of memory"));
    free(text);
    report_free(&r);
    for (size_t i = 0; i < s->count; i++) {
        wchar_t wide[LINE_MAX_COLS];
        ui_text_decode(s->lines[i].text, wide, LINE_MAX_COLS, 0);
        int w = ui_text_width(wide);
        if (w > s->widest)
            s->widest = w;
    }
}

/* ---- drawing ------------------------------------------------------------ */

static const char *span_words(enum span span)
{
    switch (span) {
    case SPAN_WEEK: return _("week");
    case SPAN_MONTH: return _("month");
    default: return _("day");
    }
}

static void summary_draw(struct ui_app *app, struct ui_layer *self)
{
    struct summary *s = (struct summary *)self;
    WINDOW *w = ui_pane_window(&s->win);
    if (!w)
        return;
    int rows = getmaxy(w), cols = getmaxx(w);
    struct civil_date from, to;
    period(s, &from, &to);
    char a[CIVIL_DATE_LEN], b[CIVIL_DATE_LEN], left[160], right[200];
    civil_format_date_fr(from, a, sizeof a);
    civil_format_date_fr(to, b, sizeof b);
    if (s->span == SPAN_DAY)
        snprintf(left, sizeof left, "%s \xC2\xB7 %s", _("Summary"), a);
    else
        snprintf(left, sizeof left, "%s \xC2\xB7 %s %s-%s", _("Summary"), span_words(s->span), a, b);
    const struct db_site *site = ui_app_site(app);
    snprintf(right, sizeof right, "%s", s->all_sites || !site ? _("every site") : site->name);
    ui_pane_title(w, 0, left, right);
    int height = rows - HEAD_ROWS;
    clamp(s);
    for (int y = 0; y < height && s->top + y < (int)s->count; y++) {
        const struct summary_line *l = &s->lines[s->top + y];
        wchar_t wide[LINE_MAX_COLS];
        ui_text_decode(l->text, wide, LINE_MAX_COLS, ui_draw_text_flags());
        /* skip `left` display columns */
        const wchar_t *p = wide;
        for (int skipped = 0; *p && skipped < s->left; p++) {
            int cw = wcwidth(*p);
            skipped += cw > 0 ? cw : 0;
        }
        attr_t attr = l->heading ? ui_theme_attr(THEME_TITLE) : A_NORMAL;
        ui_draw_wstr(w, HEAD_ROWS + y, 0, cols, p, attr, UI_DRAW_PAD);
    }
    wnoutrefresh(w);
}

static void summary_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    struct summary *s = (struct summary *)self;
    int height = text_rows();
    snprintf(buf, size, _("lines %d-%d of %zu; [ ] previous/next %s, w day/week/month, s site"),
             s->count ? s->top + 1 : 0,
             s->top + height < (int)s->count ? s->top + height : (int)s->count, s->count,
             span_words(s->span));
}

static void move_period(struct summary *s, int dir)
{
    struct civil_date d = s->day;
    if (s->span == SPAN_DAY) {
        civil_date_add_days(s->day, dir, &d);
    } else if (s->span == SPAN_WEEK) {
        civil_date_add_days(s->day, 7 * dir, &d);
    } else {
        int m = s->day.month + dir, y = s->day.year;
        if (m < 1) {
            m = 12;
            y--;
        } else if (m > 12) {
            m = 1;
            y++;
        }
        d.year = y;
        d.month = m;
        d.day = s->day.day;
        if (d.day > civil_days_in_month(y, m))
            d.day = civil_days_in_month(y, m);
    }
    if (civil_date_valid(d))
        s->day = d;
}

static enum ui_result summary_key(struct ui_app *app, struct ui_layer *self,
                                  enum ui_action action, int key)
{
    struct summary *s = (struct summary *)self;
    int page = text_rows() - 1;
    int cols = s->win ? getmaxx(s->win) : 80;
    (void)key;
    if (page < 1)
        page = 1;
    switch (action) {
    case UI_ACT_QUIT:
    case UI_ACT_BACK:
        return UI_CLOSE;
    case UI_ACT_PREV_DAY: move_period(s, -1); break;
    case UI_ACT_NEXT_DAY: move_period(s, 1); break;
    case UI_ACT_TODAY: s->day = app->now.date; break;
    case UI_ACT_VIEW: s->span = (enum span)((s->span + 1) % SPAN_COUNT); break;
    case UI_ACT_SITE: s->all_sites = !s->all_sites; break;
    case UI_ACT_UP: s->top--; clamp(s); return UI_HANDLED;
    case UI_ACT_DOWN: s->top++; clamp(s); return UI_HANDLED;
    case UI_ACT_PAGE_UP: s->top -= page; clamp(s); return UI_HANDLED;
    case UI_ACT_PAGE_DOWN: s->top += page; clamp(s); return UI_HANDLED;
    case UI_ACT_FIRST: s->top = 0; clamp(s); return UI_HANDLED;
    case UI_ACT_LAST: s->top = (int)s->count; clamp(s); return UI_HANDLED;
    case UI_ACT_LEFT:
        s->left = s->left > 8 ? s->left - 8 : 0;
        return UI_HANDLED;
    case UI_ACT_RIGHT:
        if (s->left + cols < s->widest)
            s->left += 8;
        return UI_HANDLED;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    default:
        return UI_HANDLED;
    }
    s->top = 0;
    load(app, s);
    return UI_HANDLED;
}

static void summary_reload(struct ui_app *app, struct ui_layer *self)
{
    load(app, (struct summary *)self);
}

static void summary_destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct summary *s = (struct summary *)self;
    if (s->win)
        delwin(s->win);
    free_lines(s);
    free(s);
}

struct ui_layer *ui_summary_new(struct ui_app *app, struct civil_date day)
{
    struct summary *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->layer.draw = summary_draw;
    s->layer.on_key = summary_key;
    s->layer.status = summary_status;
    s->layer.reload = summary_reload;
    s->layer.destroy = summary_destroy;
    s->layer.full_screen = 1;
    s->layer.keys = &ui_keys_summary;
    s->day = civil_date_valid(day) ? day : app->now.date;
    load(app, s);
    return &s->layer;
}
