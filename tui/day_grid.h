/* day_grid.h - what the day view shows, computed without curses.
 *
 * One site-day is loaded once per day change (one db_day_list and one
 * db_site_openings call) into a struct ui_day_data: appointments parsed to
 * minutes and grouped per agent column, each agent's open spans, the public
 * holiday if any, and the day's time range (the union of the opening hours
 * of that day, widened to every appointment). Drawing then asks, for each
 * visible row and column only, what the cell holds (ui_day_cell).
 *
 * Rows are `step` minutes long, aligned on multiples of `step` from
 * midnight; the step is the smallest of 10/15/20/30/60 that fits the range
 * in the rows available (ui_day_choose_step). Unit-tested in
 * tests/tui/test_day_grid.c. */
#ifndef GUICHET_TUI_DAY_GRID_H
#define GUICHET_TUI_DAY_GRID_H

#include <stddef.h>

#include "../storage/storage.h"

/* Range used on a day without any opening hours (weekend, empty site). */
enum { UI_DAY_DEFAULT_START = 9 * 60, UI_DAY_DEFAULT_END = 17 * 60 };

struct ui_day_appt {
    const struct db_day_row *row;
    struct civil_datetime start_at;
    int start;  /* minutes since midnight of the day */
    int end;    /* exclusive, at most 1440 */
    size_t agent; /* column index */
};

struct ui_span {
    int start, end; /* minutes, [start, end) */
};

struct ui_day_data {
    struct civil_date day;
    struct db_day_row *rows;   /* owned: from db_day_list */
    size_t row_count;
    struct ui_day_appt *appts; /* sorted by agent, start, end */
    size_t appt_count;
    size_t agent_count;
    size_t *agent_first;       /* [agent_count + 1]: appts of agent i are
                                  appts[agent_first[i] .. agent_first[i+1]) */
    struct ui_span *open;      /* open spans sorted by agent */
    size_t *open_first;        /* [agent_count + 1], as agent_first */
    const char *holiday;       /* msgid of the public holiday, or NULL */
    int range_start, range_end;
};

/* Builds `d` for `day`. Takes ownership of `rows` (freed by
 * ui_day_data_free, even on failure). Appointments of agents not in
 * `agents` are left out. Returns 0, or -1 when out of memory. */
int ui_day_data_build(struct ui_day_data *d, struct civil_date day,
                      const struct db_agent *agents, size_t agent_count,
                      struct db_day_row *rows, size_t row_count,
                      const struct db_opening *openings, size_t opening_count);
void ui_day_data_free(struct ui_day_data *d);

/* Chooses the row length for [range_start, range_end) in `rows_available`
 * rows: the smallest of 10, 15, 20, 30, 60 that fits, else 60 (the view
 * then scrolls). Stores the first row's minute and the number of rows. */
int ui_day_choose_step(int range_start, int range_end, int rows_available, int *first_minute,
                       int *row_count);

/* 1 when agent column `agent` is open for some of [a, b). */
int ui_day_is_open(const struct ui_day_data *d, size_t agent, int a, int b);

enum ui_cell_kind {
    UI_CELL_EMPTY,       /* no appointment (open or closed: see `open`) */
    UI_CELL_APPT_FIRST,  /* the row where the appointment starts */
    UI_CELL_APPT_SECOND, /* the next row (shows the motif) */
    UI_CELL_APPT_MORE,   /* later rows of a long appointment */
};

struct ui_cell {
    enum ui_cell_kind kind;
    const struct ui_day_appt *appt; /* the one drawn, or NULL */
    int starting;    /* appointments starting in the row */
    int overlapping; /* appointments overlapping the row */
    int open;
};

/* What the row [a, a + step) of agent column `agent` holds. The drawn
 * appointment is the first one starting in the row, preferring one that is
 * not cancelled (a cancelled appointment frees its slot, so a new one may
 * sit on top of it); without any starting, the first overlapping one. */
void ui_day_cell(const struct ui_day_data *d, size_t agent, int a, int step,
                 struct ui_cell *out);

/* Appointments of column `agent` overlapping [a, b), into out[cap]
 * (non-cancelled first, then by start); returns how many there are in all. */
size_t ui_day_cell_appts(const struct ui_day_data *d, size_t agent, int a, int b,
                         const struct ui_day_appt **out, size_t cap);

/* How an appointment looks: its status for display, "arrived" included
 * (status unknown with an arrival time). */
enum ui_appt_look {
    UI_LOOK_UPCOMING,
    UI_LOOK_TODAY,
    UI_LOOK_TO_FILL_IN,
    UI_LOOK_ARRIVED,
    UI_LOOK_SEEN,
    UI_LOOK_EXCUSED,
    UI_LOOK_REVOKED,
    UI_LOOK_NOSHOW,
    UI_LOOK_COUNT
};

enum ui_appt_look ui_appt_look(const struct db_appt *a, struct civil_datetime start,
                               struct civil_datetime now);
/* Translated words for a look ("to fill in", "seen", ...). */
const char *ui_appt_look_words(enum ui_appt_look look);

/* Minutes since midnight of the time part of "YYYY-MM-DD HH:MM" relative
 * to `day` (a time on the next day counts from 1440 up); -1 if unparsable. */
int ui_day_minute_of(const char *datetime, struct civil_date day);

#endif
