/* view_day_int.h - what view_day.c (state, loading, layout, keys) and
 * view_day_draw.c (drawing, the status line) share. Internal to tui/: the
 * face of the day view is view_day.h. */
#ifndef GUICHET_TUI_VIEW_DAY_INT_H
#define GUICHET_TUI_VIEW_DAY_INT_H

#include "app.h"
#include "day_grid.h"

enum {
    TIME_COLS = 6,      /* "▶10:00": now mark + time */
    MIN_COL_WIDTH = 22, /* "? 09:00 DUPONT Marie" and a bit more */
    MAX_COL_WIDTH = 48,
    GRID_TOP = 2,       /* title + agent names above */
    BARS = 2,           /* status line + F-key bar below */
    CELL_CHOICES = 32,  /* appointments listed when a cell holds several */
    /* From this width on, the month calendar stands at the right of the
     * grid (it would cost an agent column below it). */
    SIDE_MONTH_MIN_COLS = 110,
};

struct day_view {
    struct ui_layer layer; /* first: the layer pointer is the view pointer */
    struct civil_date day;
    int64_t agents_site;   /* site the agents were loaded for (0 = none) */
    struct db_agent *agents;
    size_t agent_count;
    int loaded;
    struct ui_day_data data;

    int cursor_minute;
    size_t cursor_agent;
    int top_row;
    size_t first_agent;
};

/* Layout for the current screen size and day (recomputed on every draw
 * and key: a handful of integer operations). */
struct day_layout {
    int step, first_minute, row_count;
    int grid_rows;      /* screen lines for rows */
    int cursor_row;
    size_t visible_agents;
    int col_width;      /* content columns of one agent (a separator precedes it) */
    int side_x;         /* column of the month calendar at the right, 0: none */
};


static inline struct day_view *day_view_of(struct ui_layer *l)
{
    return (struct day_view *)l;
}

/* Fits the cursor and the scroll positions to the screen, fills `lo`. */
void ui_day_compute_layout(struct day_view *v, struct day_layout *lo);

/* The layer's draw and status callbacks (view_day_draw.c). */
void ui_day_draw(struct ui_app *app, struct ui_layer *self);
void ui_day_status(struct ui_app *app, struct ui_layer *self, char *buf, size_t size);

#endif
