/* view_structure.c - the structure pane (see view_structure.h): one tab
 * per section (sites, services, agents, motifs, opening hours, absences,
 * and for room loans: rooms, closures, lending hours), the rows of the
 * section shown as a table, and the keys that open the forms
 * (structure_forms.c, structure_hours.c, structure_loans.c).
 *
 * Keys: Left/Right change section; Up/Down/PgUp/PgDn/Home/End move;
 * F2 or n creates; Enter, F4 or e edits; F8, x or Delete deletes (opening
 * hours, absences, closures and lending hours only: nothing else is ever
 * deleted, edit it instead);
 * in opening hours and absences Tab / Shift-Tab choose the agent; Esc
 * goes back to the day view.
 *
 * The rows of the section shown are read when the section, the agent or
 * the database changes, turned into display text once, and only the
 * visible ones are drawn. */
#include "view_structure.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../model/holidays.h"
#include "draw.h"
#include "keys.h"
#include "listbox.h"
#include "pane.h"
#include "../common/safe_text.h"
#include "structure_int.h"
#include "theme.h"

enum { COLS_MAX = 7, CELL_LEN = 192 };

struct st_line {
    int64_t id;
    int64_t version; /* absences: the version to delete with */
    /* closures: the room (0: the whole site) and the site; lending
     * hours: the site, weekday, start and end */
    int64_t key[4];
    char col[COLS_MAX][CELL_LEN];
};

struct structure_view {
    struct ui_layer layer; /* first: the layer pointer is the view pointer */
    WINDOW *win;
    enum st_section section;
    long cursor[ST_COUNT];    /* the line each section was left on */
    struct ui_listbox box;    /* cursor, paging, the filter typed after / */
    struct st_line *lines;
    size_t count;
    struct db_agent *agents; /* for opening hours and absences */
    size_t agent_count;
    size_t agent_at;
    long purge_due;          /* people past the retention (-1: unknown) */
    long purge_loans;        /* room-loan requests past theirs */
};

/* Columns as wide as what they hold (listbox.h); the GROW one takes the
 * rest, OPTIONAL ones give way first on a narrow screen. */
struct section_def {
    const char *title; /* msgid */
    int ncol;
    struct ui_list_column cols[COLS_MAX];
    int per_agent;
    int deletable; /* F8 removes a line (else: kept for the history) */
};

static const struct section_def sections[ST_COUNT] = {
    [ST_SITES] = {N_("Sites"), 5,
                  {{N_("Name"), 10, 0},
                   {N_("Kind"), 6, 0},
                   {N_("Public holidays"), 8, UI_LIST_OPTIONAL},
                   {N_("Address"), 8, UI_LIST_GROW},
                   {N_("Time zone"), 8, 0}},
                  0},
    [ST_SERVICES] = {N_("Services"), 1, {{N_("Name"), 20, UI_LIST_GROW}}, 0},
    [ST_AGENTS] = {N_("Agents"), 4,
                   {{N_("Name"), 12, 0},
                    {N_("Login"), 6, 0},
                    {N_("Service"), 8, 0},
                    {N_("Sites"), 8, UI_LIST_GROW}},
                   0},
    [ST_MOTIFS] = {N_("Motifs"), 5,
                   {{N_("Name"), 14, UI_LIST_GROW},
                    {N_("Service"), 8, 0},
                    {N_("Length"), 6, UI_LIST_RIGHT},
                    {N_("Colour"), 6, UI_LIST_OPTIONAL},
                    {N_("Location"), 8, 0}},
                   0},
    [ST_HOURS] = {N_("Opening hours"), 7,
                  {{N_("Site"), 8, 0},
                   {N_("Day"), 8, 0},
                   {N_("Hours"), 11, 0},
                   {N_("Rhythm"), 8, 0},
                   {N_("First day"), 10, 0},
                   {N_("Last day"), 10, UI_LIST_OPTIONAL},
                   {N_("Motifs"), 6, UI_LIST_GROW}},
                  1, 1},
    [ST_ABSENCES] = {N_("Absences"), 2,
                     {{N_("When"), 24, 0}, {N_("Reason"), 10, UI_LIST_GROW}},
                     1, 1},
    [ST_ROOMS] = {N_("Rooms"), 6,
                  {{N_("Collège"), 10, 0},
                   {N_("Room"), 8, 0},
                   {N_("Kind"), 6, UI_LIST_OPTIONAL},
                   {N_("Places"), 6, UI_LIST_RIGHT},
                   {N_("Equipment"), 10, UI_LIST_GROW},
                   {N_("Accessibility"), 8, UI_LIST_OPTIONAL}},
                  0, 0},
    [ST_CLOSURES] = {N_("Closures"), 4,
                     {{N_("Collège"), 10, 0},
                      {N_("Room"), 8, 0},
                      {N_("Days"), 12, 0},
                      {N_("Reason"), 8, UI_LIST_GROW}},
                     0, 1},
    [ST_LENDING] = {N_("Lending hours"), 3,
                    {{N_("Collège"), 12, UI_LIST_GROW}, {N_("Day"), 8, 0}, {N_("Hours"), 11, 0}},
                    0, 1},
};

static void structure_draw(struct ui_app *app, struct ui_layer *self);

/* ---- loading ---------------------------------------------------------- */

static struct st_line *grow(struct structure_view *s, size_t n)
{
    free(s->lines);
    s->lines = calloc(n ? n : 1, sizeof *s->lines);
    s->count = 0;
    return s->lines;
}

static const char *service_name(const struct db_service *list, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].id == id)
            return list[i].name;
    return id ? "?" : "";
}

static const char *site_name(const struct db_site *list, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].id == id)
            return list[i].name;
    return "?";
}

/* snprintf into a cell; cutting a long name is fine (and vsnprintf keeps
 * the compiler from warning about it at every call). */
static void cellf(char *cell, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void cellf(char *cell, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cell, CELL_LEN, fmt, ap);
    va_end(ap);
}

/* Appends ", name" (or "name") to a cell. */
static void join(char *cell, const char *name)
{
    size_t len = strlen(cell);
    if (len + 3 < CELL_LEN)
        snprintf(cell + len, CELL_LEN - len, "%s%s", len ? ", " : "", name);
}

static void fmt_date(struct civil_date d, char *buf, size_t size)
{
    if (d.year == 0 || civil_format_date_fr(d, buf, size) != 0)
        buf[0] = '\0';
}

static void fmt_rule_times(const struct opening_rule *r, char *buf, size_t size)
{
    char a[CIVIL_TIME_LEN] = "", b[CIVIL_TIME_LEN] = "";
    civil_format_time(r->start_minute, a, sizeof a);
    civil_format_time(r->end_minute % 1440, b, sizeof b);
    snprintf(buf, size, "%s-%s", a, b);
}

static int load_sites(struct ui_app *app, struct structure_view *s, struct db_error *err)
{
    struct db_site *sites = NULL;
    size_t n = 0;
    int rc = db_site_list(app->db, &sites, &n, err);
    if (rc == DB_OK && grow(s, n)) {
        for (size_t i = 0; i < n; i++) {
            struct st_line *l = &s->lines[s->count++];
            l->id = sites[i].id;
            cellf(l->col[0], "%s", sites[i].name);
            cellf(l->col[1], "%s", st_site_kind_words(sites[i].kind));
            /* Which public holidays close it: the day view, the slot
             * finder and the booking checks follow this. */
            cellf(l->col[2], "%s",
                  (sites[i].holiday_flags & HOLIDAYS_ALSACE_MOSELLE) ? _("Alsace-Moselle")
                                                                     : _("national"));
            cellf(l->col[3], "%s", sites[i].address);
            cellf(l->col[4], "%s", sites[i].timezone);
        }
    }
    free(sites);
    return rc;
}

static int load_services(struct ui_app *app, struct structure_view *s, struct db_error *err)
{
    struct db_service *list = NULL;
    size_t n = 0;
    int rc = db_service_list(app->db, &list, &n, err);
    if (rc == DB_OK && grow(s, n)) {
        for (size_t i = 0; i < n; i++) {
            struct st_line *l = &s->lines[s->count++];
            l->id = list[i].id;
            cellf(l->col[0], "%s", list[i].name);
        }
    }
    free(list);
    return rc;
}

static int load_agents_section(struct ui_app *app, struct structure_view *s,
                               struct db_error *err)
{
    struct db_service *services = NULL;
    struct db_site *sites = NULL;
    size_t nservices = 0, nsites = 0;
    int rc = db_service_list(app->db, &services, &nservices, err);
    if (rc == DB_OK)
        rc = db_site_list(app->db, &sites, &nsites, err);
    if (rc == DB_OK && grow(s, s->agent_count)) {
        for (size_t i = 0; i < s->agent_count && rc == DB_OK; i++) {
            const struct db_agent *a = &s->agents[i];
            struct st_line *l = &s->lines[s->count++];
            l->id = a->id;
            char last[DB_NAME_LEN * 2];
            ui_pane_upper(a->last_name, last, sizeof last);
            cellf(l->col[0], "%s %s", last, a->first_name);
            cellf(l->col[1], "%s", a->login);
            cellf(l->col[2], "%s", service_name(services, nservices, a->service_id));
            int64_t *ids = NULL;
            size_t n = 0;
            rc = db_agent_sites(app->db, a->id, &ids, &n, err);
            for (size_t k = 0; rc == DB_OK && k < n; k++)
                join(l->col[3], site_name(sites, nsites, ids[k]));
            free(ids);
        }
    }
    free(services);
    free(sites);
    return rc;
}

static int load_motifs(struct ui_app *app, struct structure_view *s, struct db_error *err)
{
    struct db_service *services = NULL;
    struct db_motif *motifs = NULL;
    size_t nservices = 0, n = 0;
    int rc = db_service_list(app->db, &services, &nservices, err);
    if (rc == DB_OK)
        rc = db_motif_list(app->db, &motifs, &n, err);
    if (rc == DB_OK && grow(s, n)) {
        for (size_t i = 0; i < n; i++) {
            const struct db_motif *m = &motifs[i];
            struct st_line *l = &s->lines[s->count++];
            l->id = m->id;
            cellf(l->col[0], "%s", m->name);
            cellf(l->col[1], "%s", service_name(services, nservices, m->service_id));
            cellf(l->col[2], _("%d min"), m->duration_minutes);
            cellf(l->col[3], "%s", m->colour);
            cellf(l->col[4], "%s", st_location_words(m->location));
        }
    }
    free(services);
    free(motifs);
    return rc;
}

static int load_hours(struct ui_app *app, struct structure_view *s, struct db_error *err)
{
    if (s->agent_at >= s->agent_count) {
        grow(s, 0);
        return DB_OK;
    }
    struct db_site *sites = NULL;
    struct db_motif *motifs = NULL;
    struct db_opening *open = NULL;
    size_t nsites = 0, nmotifs = 0, n = 0;
    int rc = db_site_list(app->db, &sites, &nsites, err);
    if (rc == DB_OK)
        rc = db_motif_list(app->db, &motifs, &nmotifs, err);
    if (rc == DB_OK)
        rc = db_agent_openings(app->db, s->agents[s->agent_at].id, &open, &n, err);
    if (rc == DB_OK && grow(s, n)) {
        for (size_t i = 0; i < n && rc == DB_OK; i++) {
            const struct opening_rule *r = &open[i].rule;
            struct st_line *l = &s->lines[s->count++];
            l->id = open[i].id;
            cellf(l->col[0], "%s", site_name(sites, nsites, open[i].site_id));
            cellf(l->col[1], "%s", st_weekday_words((int)r->weekday));
            fmt_rule_times(r, l->col[2], CELL_LEN);
            st_every_words(r->every_weeks, l->col[3], CELL_LEN);
            fmt_date(r->valid_from, l->col[4], CELL_LEN);
            fmt_date(r->valid_until, l->col[5], CELL_LEN);
            int64_t *ids = NULL;
            size_t k = 0;
            rc = db_opening_motifs(app->db, open[i].id, &ids, &k, err);
            if (rc == DB_OK && k == 0)
                cellf(l->col[6], "%s", _("all"));
            for (size_t j = 0; rc == DB_OK && j < k; j++)
                for (size_t m = 0; m < nmotifs; m++)
                    if (motifs[m].id == ids[j])
                        join(l->col[6], motifs[m].name);
            free(ids);
        }
    }
    free(sites);
    free(motifs);
    free(open);
    return rc;
}

static int load_absences(struct ui_app *app, struct structure_view *s, struct db_error *err)
{
    if (s->agent_at >= s->agent_count) {
        grow(s, 0);
        return DB_OK;
    }
    struct db_absence *list = NULL;
    size_t n = 0;
    struct civil_date lo = {1, 1, 1}, hi = {9998, 12, 31};
    int rc = db_agent_absences(app->db, s->agents[s->agent_at].id, lo, hi, &list, &n, err);
    if (rc == DB_OK && grow(s, n)) {
        for (size_t i = 0; i < n; i++) {
            const struct absence *a = &list[i].absence;
            struct st_line *l = &s->lines[s->count++];
            l->id = list[i].id;
            l->version = list[i].version;
            char from[40], until[40], d[16];
            if (a->kind == ABSENCE_ONE_OFF) {
                civil_format_date_fr(a->from.date, d, sizeof d);
                snprintf(from, sizeof from, "%s", d);
                if (a->from.minute) {
                    char t[8];
                    civil_format_time(a->from.minute, t, sizeof t);
                    snprintf(from, sizeof from, "%s %s", d, t);
                }
                if (a->until.minute == 0) { /* whole days: up to midnight */
                    struct civil_date last;
                    civil_date_add_days(a->until.date, -1, &last);
                    civil_format_date_fr(last, d, sizeof d);
                    snprintf(until, sizeof until, "%s", d);
                } else {
                    char t[8];
                    civil_format_date_fr(a->until.date, d, sizeof d);
                    civil_format_time(a->until.minute, t, sizeof t);
                    snprintf(until, sizeof until, "%s %s", d, t);
                }
                if (strcmp(from, until) == 0)
                    cellf(l->col[0], "%s", from);
                else
                    cellf(l->col[0], _("from %s to %s"), from, until);
            } else {
                char times[16], every[48], first[16], last[16];
                fmt_rule_times(&a->weekly, times, sizeof times);
                st_every_words(a->weekly.every_weeks, every, sizeof every);
                fmt_date(a->weekly.valid_from, first, sizeof first);
                fmt_date(a->weekly.valid_until, last, sizeof last);
                cellf(l->col[0], _("%s %s, %s, from %s%s%s"),
                         st_weekday_words((int)a->weekly.weekday), times, every, first,
                         last[0] ? _(" to ") : "", last);
            }
            cellf(l->col[1], "%s", list[i].reason);
        }
    }
    free(list);
    return rc;
}

/* ---- room loans: rooms, closures, lending hours ----------------------- */

static int load_rooms(struct ui_app *app, struct structure_view *s, struct db_error *err)
{
    struct db_room *rooms = NULL;
    struct db_equipment *eq = NULL;
    size_t n = 0, neq = 0;
    int rc = db_room_list(app->db, 0, 0, &rooms, &n, err);
    if (rc == DB_OK)
        rc = db_room_equipment_list(app->db, 0, &eq, &neq, err);
    if (rc == DB_OK && grow(s, n)) {
        for (size_t i = 0; i < n; i++) {
            struct st_line *l = &s->lines[s->count++];
            l->id = rooms[i].id;
            cellf(l->col[0], "%s", rooms[i].site_name);
            cellf(l->col[1], "%s", rooms[i].name);
            cellf(l->col[2], "%s", rooms[i].kind);
            cellf(l->col[3], "%d", rooms[i].capacity);
            /* the room's pieces: a run of the list, which is by room */
            size_t k = 0, m = 0;
            while (k < neq && eq[k].room_id != rooms[i].id)
                k++;
            while (k + m < neq && eq[k + m].room_id == rooms[i].id)
                m++;
            db_equipment_format(eq + k, m, l->col[4], CELL_LEN);
            cellf(l->col[5], "%s", rooms[i].accessibility);
        }
    }
    free(rooms);
    free(eq);
    return rc;
}

/* "12/01/2027" or "12/01/2027-15/01/2027". */
static void period_days(const char *first, const char *last, char *cell)
{
    struct civil_date a, b;
    char fa[CIVIL_DATE_LEN] = "", fb[CIVIL_DATE_LEN] = "";
    if (civil_parse_date(first, &a) == 0)
        civil_format_date_fr(a, fa, sizeof fa);
    if (civil_parse_date(last, &b) == 0)
        civil_format_date_fr(b, fb, sizeof fb);
    if (strcmp(first, last) == 0)
        cellf(cell, "%s", fa);
    else
        cellf(cell, "%s-%s", fa, fb);
}

static int load_closures(struct ui_app *app, struct structure_view *s, struct db_error *err)
{
    struct db_closure *sites = NULL, *rooms = NULL;
    size_t ns = 0, nr = 0;
    int rc = db_site_closure_list(app->db, 0, &sites, &ns, err);
    if (rc == DB_OK)
        rc = db_room_blackout_list(app->db, 0, 0, &rooms, &nr, err);
    if (rc == DB_OK && grow(s, ns + nr)) {
        /* the two lists merged by first day */
        size_t i = 0, j = 0;
        while (i < ns || j < nr) {
            int site_first = j == nr || (i < ns && strcmp(sites[i].first, rooms[j].first) <= 0);
            const struct db_closure *c = site_first ? &sites[i++] : &rooms[j++];
            struct st_line *l = &s->lines[s->count++];
            l->id = c->id;
            l->key[0] = c->room_id;
            l->key[1] = c->site_id;
            cellf(l->col[0], "%s", c->site_name);
            cellf(l->col[1], "%s", c->room_id ? c->room_name : _("(every room)"));
            period_days(c->first, c->last, l->col[2]);
            cellf(l->col[3], "%s", c->reason);
        }
    }
    free(sites);
    free(rooms);
    return rc;
}

static int load_lending(struct ui_app *app, struct structure_view *s, struct db_error *err)
{
    struct db_lending_hours *h = NULL;
    size_t n = 0;
    int rc = db_college_hours_list(app->db, 0, &h, &n, err);
    if (rc == DB_OK && grow(s, n)) {
        for (size_t i = 0; i < n; i++) {
            struct st_line *l = &s->lines[s->count++];
            l->id = (int64_t)i + 1; /* no id of its own: the key below */
            l->key[0] = h[i].site_id;
            l->key[1] = h[i].weekday;
            l->key[2] = h[i].start_minute;
            l->key[3] = h[i].end_minute;
            cellf(l->col[0], "%s", h[i].site_name);
            cellf(l->col[1], "%s", st_weekday_words(h[i].weekday));
            loan_format_time_range(h[i].start_minute, h[i].end_minute, l->col[2], CELL_LEN);
        }
    }
    free(h);
    return rc;
}

static void load(struct ui_app *app, struct structure_view *s)
{
    struct db_error err = {0};
    int64_t keep = s->agent_at < s->agent_count ? s->agents[s->agent_at].id : 0;
    free(s->agents);
    s->agents = NULL;
    s->agent_count = 0;
    int rc = db_agent_list(app->db, &s->agents, &s->agent_count, &err);
    if (rc != DB_OK) {
        s->agents = NULL;
        s->agent_count = 0;
    }
    s->agent_at = 0;
    for (size_t i = 0; i < s->agent_count; i++)
        if (s->agents[i].id == keep)
            s->agent_at = i;
    if (rc == DB_OK) {
        switch (s->section) {
        case ST_SITES: rc = load_sites(app, s, &err); break;
        case ST_SERVICES: rc = load_services(app, s, &err); break;
        case ST_AGENTS: rc = load_agents_section(app, s, &err); break;
        case ST_MOTIFS: rc = load_motifs(app, s, &err); break;
        case ST_HOURS: rc = load_hours(app, s, &err); break;
        case ST_ABSENCES: rc = load_absences(app, s, &err); break;
        case ST_ROOMS: rc = load_rooms(app, s, &err); break;
        case ST_CLOSURES: rc = load_closures(app, s, &err); break;
        case ST_LENDING: rc = load_lending(app, s, &err); break;
        default: break;
        }
    }
    if (rc != DB_OK) {
        ui_app_db_error(app, &err);
        s->count = 0;
    }
    ui_listbox_set_columns(&s->box, sections[s->section].cols, sections[s->section].ncol);
    ui_listbox_set_count(&s->box, s->count);
}

static const char *line_text(void *ctx, size_t row, int col)
{
    const struct structure_view *s = ctx;
    return row < s->count && col >= 0 && col < COLS_MAX ? s->lines[row].col[col] : "";
}

/* The line under the cursor, or NULL. */
static const struct st_line *current(const struct structure_view *s)
{
    long i = ui_listbox_selected(&s->box);
    return i >= 0 && (size_t)i < s->count ? &s->lines[i] : NULL;
}

/* Supervisors look here: how many people are past the file's retention
 * and wait for `guichet purge`. */
static void load_purge_due(struct ui_app *app, struct structure_view *s)
{
    if (db_purge_due_count(app->db, &s->purge_due, &s->purge_loans, NULL) != DB_OK)
        s->purge_due = s->purge_loans = -1;
}

static void reload(struct ui_app *app, struct ui_layer *self)
{
    load(app, (struct structure_view *)self);
    load_purge_due(app, (struct structure_view *)self);
}

/* ---- drawing ---------------------------------------------------------- */

static int columns(const char *utf8)
{
    wchar_t wide[96];
    ui_text_decode(utf8, wide, 96, ui_draw_text_flags());
    return ui_text_width(wide);
}

/* The tabs; when they do not all fit, they start further on so that the
 * current one shows, a "<" saying some are left out before it. */
static void draw_tabs(struct structure_view *s, WINDOW *w)
{
    int cols = getmaxx(w);
    ui_draw_fill(w, 1, 0, cols, L" ", ui_theme_attr(THEME_HEADER));
    int first = 0;
    for (;;) {
        int width = first ? 2 : 1;
        for (int i = first; i <= (int)s->section; i++)
            width += columns(_(sections[i].title)) + 3;
        if (width <= cols || first == (int)s->section)
            break;
        first++;
    }
    int x = 1;
    if (first) {
        ui_draw_str(w, 1, 0, 1, "<", ui_theme_attr(THEME_HEADER), 0);
        x = 2;
    }
    for (int i = first; i < ST_COUNT && x < cols; i++) {
        char label[96];
        snprintf(label, sizeof label, " %s ", _(sections[i].title));
        attr_t a = i == (int)s->section ? ui_theme_attr(THEME_CURSOR) | A_BOLD
                                        : ui_theme_attr(THEME_HEADER);
        x += ui_draw_str(w, 1, x, cols - x, label, a, 0) + 1;
    }
}

static void structure_draw(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct structure_view *s = (struct structure_view *)self;
    WINDOW *w = ui_pane_window(&s->win);
    if (!w)
        return;
    int rows = getmaxy(w), cols = getmaxx(w);
    const struct section_def *def = &sections[s->section];
    char right[160];
    /* What is due for purge takes the place of the line count (the status
     * line says "3/5" too): at 80 columns both would not fit. */
    if (s->purge_due > 0 && s->purge_loans > 0)
        /* TRANSLATORS: "12 due for purge, 1 loan request": people, then
         * room-loan requests past the retention. */
        snprintf(right, sizeof right,
                   ngettext("%ld due for purge, %ld loan request",
                            "%ld due for purge, %ld loan requests",
                            (unsigned long)s->purge_loans),
                   s->purge_due, s->purge_loans);
    else if (s->purge_due > 0)
        snprintf(right, sizeof right,
                 ngettext("%ld due for purge", "%ld due for purge", (unsigned long)s->purge_due),
                 s->purge_due);
    else if (s->purge_loans > 0)
        snprintf(right, sizeof right,
                 ngettext("%ld loan request due for purge", "%ld loan requests due for purge",
                          (unsigned long)s->purge_loans),
                 s->purge_loans);
    else
        snprintf(right, sizeof right,
                 ngettext("%zu line", "%zu lines", (unsigned long)s->count), s->count);
    ui_pane_title(w, 0, _("Structure"), right);
    draw_tabs(s, w);
    int y = 2;
    if (def->per_agent) {
        char who[3 * DB_NAME_LEN];
        if (s->agent_at < s->agent_count)
            snprintf(who, sizeof who, _("Agent: %s %s   (Tab: next agent, Shift-Tab: previous)"),
                     s->agents[s->agent_at].first_name, s->agents[s->agent_at].last_name);
        else
            snprintf(who, sizeof who, "%s", _("No agent yet: create one in Agents."));
        ui_draw_str(w, y++, 1, cols - 2, who, ui_theme_attr(THEME_OPEN) | A_BOLD, UI_DRAW_PAD);
    }
    ui_listbox_draw(&s->box, w, y, 0, rows - 1 - y, cols);
    int height = rows - 1 - y;
    if (s->count == 0)
        ui_draw_str(w, y + height / 2, 0, cols, _("Nothing here yet: F2 creates one."),
                    ui_theme_attr(THEME_STATUS), UI_DRAW_CENTER);
    else if (s->box.shown_count == 0)
        ui_draw_str(w, y + height / 2, 0, cols, _("No line contains this text."),
                    ui_theme_attr(THEME_STATUS), UI_DRAW_CENTER);
    const char *legend =
        def->per_agent   ? _(" ←→ list · F2 new · Enter edit · F8 delete · Tab agent · / filter")
        : def->deletable ? _(" ←→ list · F2 new · Enter edit · F8 delete · / filter · Esc back")
                         : _(" ←→ list · F2 new · Enter edit · / filter · Esc back");
    ui_draw_str(w, rows - 1, 0, cols, legend, ui_theme_attr(THEME_HEADER), UI_DRAW_PAD);
    wnoutrefresh(w);
}

static void structure_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size)
{
    (void)app;
    struct structure_view *s = (struct structure_view *)self;
    const struct st_line *l = current(s);
    if (!l) {
        snprintf(buf, size, "%s", _(sections[s->section].title));
        return;
    }
    /* TRANSLATORS: "Sites 2/3: Enter edit..." */
    snprintf(buf, size, _("%s %d/%zu: %s"), _(sections[s->section].title),
             (int)(l - s->lines) + 1, s->count, l->col[0]);
}

/* ---- keys ------------------------------------------------------------- */

static int64_t current_agent(const struct structure_view *s)
{
    return s->agent_at < s->agent_count ? s->agents[s->agent_at].id : 0;
}

static void open_form(struct ui_app *app, struct structure_view *s, int creating)
{
    if (app->readonly) {
        ui_app_message(app, 1, "%s", _("read-only database"));
        return;
    }
    const struct st_line *cur = current(s);
    if (!creating && !cur) {
        ui_app_message(app, 0, "%s", _("Nothing to edit here: F2 creates one."));
        return;
    }
    int64_t agent = current_agent(s);
    if (sections[s->section].per_agent && !agent) {
        ui_app_message(app, 0, "%s", _("No agent yet: create one in Agents."));
        return;
    }
    struct st_edit *e = st_edit_new(app, s->section, creating ? 0 : cur->id, agent);
    if (!e)
        return;
    switch (s->section) {
    case ST_SITES: st_site_form(app, e); break;
    case ST_SERVICES: st_service_form(app, e); break;
    case ST_AGENTS: st_agent_form(app, e); break;
    case ST_MOTIFS: st_motif_form(app, e); break;
    case ST_HOURS: st_opening_form(app, e); break;
    case ST_ABSENCES: st_absence_form(app, e); break;
    case ST_ROOMS: st_room_form(app, e); break;
    case ST_CLOSURES:
        if (cur && !creating) {
            e->v.closure.room_id = cur->key[0];
            e->v.closure.site_id = cur->key[1];
        }
        st_closure_form(app, e);
        break;
    case ST_LENDING:
        if (cur && !creating) {
            struct db_lending_hours *h = &e->hours_was;
            h->site_id = cur->key[0];
            h->weekday = (int)cur->key[1];
            h->start_minute = (int)cur->key[2];
            h->end_minute = (int)cur->key[3];
            cellf(h->site_name, "%s", cur->col[0]);
        }
        st_lending_form(app, e);
        break;
    default: free(e); break;
    }
}

static void delete_line(struct ui_app *app, struct structure_view *s)
{
    if (s->section == ST_ROOMS) {
        ui_app_message(app, 0, "%s",
                       _("Rooms are kept for the history of their loans: edit them instead."));
        return;
    }
    if (!sections[s->section].deletable) {
        ui_app_message(app, 0, "%s",
                       _("Sites, services, agents and motifs are kept for the history: "
                         "edit them instead."));
        return;
    }
    if (app->readonly) {
        ui_app_message(app, 1, "%s", _("read-only database"));
        return;
    }
    const struct st_line *l = current(s);
    if (!l)
        return;
    char what[CELL_LEN];
    if (s->section == ST_CLOSURES) {
        cellf(what, "%s %s %s", l->key[0] ? _("blackout") : _("closure"), l->col[0], l->col[2]);
        st_closure_delete(app, l->id, l->key[0] != 0, what);
    } else if (s->section == ST_LENDING) {
        struct db_lending_hours h = {l->key[0], "", (int)l->key[1], (int)l->key[2],
                                     (int)l->key[3]};
        cellf(what, "%s %s %s", _("lending hours"), l->col[1], l->col[2]);
        st_lending_delete(app, &h, what);
    } else if (s->section == ST_HOURS) {
        cellf(what, "%s %s %s", _("opening hours"), l->col[1], l->col[2]);
        st_opening_delete(app, l->id, what);
    } else {
        cellf(what, "%s %s", _("absence"), l->col[0]);
        st_absence_delete(app, l->id, l->version, what);
    }
}

static void change_section(struct ui_app *app, struct structure_view *s, int delta)
{
    s->cursor[s->section] = ui_listbox_selected(&s->box);
    s->section = (enum st_section)(((int)s->section + ST_COUNT + delta) % ST_COUNT);
    s->box.filter[0] = '\0'; /* a filter of agents means nothing among motifs */
    s->box.filtering = 0;
    s->box.cursor = s->box.top = 0;
    load(app, s);
    if (s->cursor[s->section] > 0)
        ui_listbox_select(&s->box, (size_t)s->cursor[s->section]);
}

static void change_agent(struct ui_app *app, struct structure_view *s, int delta)
{
    if (s->agent_count == 0)
        return;
    s->agent_at = (s->agent_at + s->agent_count + (size_t)(delta > 0 ? 1 : s->agent_count - 1)) %
                  s->agent_count;
    s->box.cursor = s->box.top = 0;
    load(app, s);
    ui_listbox_key(&s->box, UI_ACT_FIRST, 0);
}

static int structure_typing(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    return ui_listbox_typing(&((struct structure_view *)self)->box);
}

static enum ui_result structure_key(struct ui_app *app, struct ui_layer *self,
                                    enum ui_action action, int key)
{
    struct structure_view *s = (struct structure_view *)self;
    if (ui_listbox_key(&s->box, action, key))
        return UI_HANDLED; /* moves, and the filter typed after / */
    switch (action) {
    case UI_ACT_QUIT:
        return UI_CLOSE;
    case UI_ACT_LEFT: change_section(app, s, -1); return UI_HANDLED;
    case UI_ACT_RIGHT: change_section(app, s, 1); return UI_HANDLED;
    case UI_ACT_NEXT_GROUP:
    case UI_ACT_PREV_GROUP:
        if (sections[s->section].per_agent)
            change_agent(app, s, action == UI_ACT_NEXT_GROUP ? 1 : -1);
        else
            change_section(app, s, action == UI_ACT_NEXT_GROUP ? 1 : -1);
        return UI_HANDLED;
    case UI_ACT_NEW: open_form(app, s, 1); return UI_HANDLED;
    case UI_ACT_EDIT: open_form(app, s, 0); return UI_HANDLED;
    case UI_ACT_DELETE: delete_line(app, s); return UI_HANDLED;
    case UI_ACT_HELP:
    case UI_ACT_REDRAW:
        return UI_IGNORED;
    default:
        return UI_HANDLED;
    }
}

static void structure_destroy(struct ui_app *app, struct ui_layer *self)
{
    (void)app;
    struct structure_view *s = (struct structure_view *)self;
    if (s->win)
        delwin(s->win);
    ui_listbox_free(&s->box);
    free(s->lines);
    free(s->agents);
    free(s);
}

struct ui_layer *ui_structure_new_loans(struct ui_app *app, int64_t room_id)
{
    struct ui_layer *l = ui_structure_new(app);
    if (l) {
        struct structure_view *s = (struct structure_view *)l;
        s->section = ST_ROOMS;
        load(app, s);
        for (size_t i = 0; room_id && i < s->count; i++)
            if (s->lines[i].id == room_id)
                ui_listbox_select(&s->box, i);
    }
    return l;
}

struct ui_layer *ui_structure_new(struct ui_app *app)
{
    struct structure_view *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->layer.draw = structure_draw;
    s->layer.full_screen = 1; /* a pane: the day view below need not be drawn */
    s->layer.on_key = structure_key;
    s->layer.keys = &ui_keys_structure;
    s->layer.status = structure_status;
    s->layer.reload = reload;
    s->layer.destroy = structure_destroy;
    s->layer.typing = structure_typing;
    s->section = ST_SITES;
    ui_listbox_init(&s->box, sections[ST_SITES].cols, sections[ST_SITES].ncol, line_text, s,
                    UI_LISTBOX_FILTER_ON_DEMAND);
    s->box.normal_role = THEME_OPEN;
    s->box.header_role = THEME_HEADER;
    s->box.gutter = 1;
    load(app, s);
    load_purge_due(app, s);
    return &s->layer;
}
