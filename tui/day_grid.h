/* day_grid.h - what the day view shows, computed without curses.
 *
 * One site-day is loaded once per day change (one db_day_list, one
 * db_site_openings and one db_site_absences call) into a struct
 * ui_day_data: appointments parsed to minutes and grouped per agent column,
 * each agent's open spans and absent spans, the public holiday if any (by
 * the site's holidays: national or Alsace-Moselle), and the day's time
 * range (the union of the opening hours of that day, widened to every
 * appointment). Drawing then asks, for each visible row and column only,
 * what the cell holds (ui_day_cell). The week view builds one per day with
 * a single column, so both views follow the same rules.
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
    unsigned stranded; /* enum db_stranded_reason: left outside (absent,
                        * outside opening hours), marked in every view */
};

struct ui_span {
    int start, end; /* minutes, [start, end) */
};

/* The part of one absence on the day. */
struct ui_day_absence {
    int start, end;           /* minutes, [start, end), end at most 1440 */
    char reason[DB_NAME_LEN]; /* "congés", "formation"; may be empty */
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
    struct ui_day_absence *absent; /* absent spans sorted by agent, start */
    size_t *absent_first;      /* [agent_count + 1], as agent_first */
    const char *holiday;       /* msgid of the public holiday, or NULL */
    int range_start, range_end;
};

/* What one day is built from: storage's lists for the day. */
struct ui_day_source {
    struct civil_date day;
    unsigned holiday_flags;            /* the site's (struct db_site) */
    const struct db_agent *agents;     /* the columns, in order */
    size_t agent_count;
    struct db_day_row *rows;           /* owned by the data once built */
    size_t row_count;
    const struct db_opening *openings; /* rules of any day: filtered here */
    size_t opening_count;
    const struct db_absence *absences; /* of any day: clipped here */
    size_t absence_count;
    const struct db_stranded *stranded; /* db_appt_conflicts; may be NULL */
    size_t stranded_count;
};

/* Builds `d` from `src`. Takes ownership of src->rows (freed by
 * ui_day_data_free, even on failure); copies what it keeps of the rest.
 * Appointments, hours and absences of agents not in src->agents are left
 * out. Returns 0, or -1 when out of memory. */
int ui_day_data_build(struct ui_day_data *d, const struct ui_day_source *src);
void ui_day_data_free(struct ui_day_data *d);

/* Chooses the row length for [range_start, range_end) in `rows_available`
 * rows: the smallest of 10, 15, 20, 30, 60 that fits, else 60 (the view
 * then scrolls). Stores the first row's minute and the number of rows. */
int ui_day_choose_step(int range_start, int range_end, int rows_available, int *first_minute,
                       int *row_count);

/* 1 when agent column `agent` is open for some of [a, b) by its opening
 * hours (absences aside: see ui_day_is_absent). */
int ui_day_is_open(const struct ui_day_data *d, size_t agent, int a, int b);

/* 1 when an absence of agent column `agent` takes some of [a, b); its
 * reason (inside `d`, maybe "") in *reason when not NULL. */
int ui_day_is_absent(const struct ui_day_data *d, size_t agent, int a, int b,
                     const char **reason);

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
    int open;        /* ui_day_is_open */
    int absent;      /* ui_day_is_absent */
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
/* Translated words for a look ("to fill in", "seen", ...). Its theme
 * role and mark (ui_appt_look_role, ui_appt_look_glyph) are in draw.h. */
const char *ui_appt_look_words(enum ui_appt_look look);

/* Minutes since midnight of the time part of "YYYY-MM-DD HH:MM" relative
 * to `day` (a time on the next day counts from 1440 up); -1 if unparsable. */
int ui_day_minute_of(const char *datetime, struct civil_date day);

#endif
