/* report.h - the face of report/: end-of-day summaries for supervisors.
 *
 * report_build() asks storage for the figures of a period (GROUP BY
 * queries, storage/report.h) and puts them together with model/summary.h's
 * arithmetic; the render functions write them as text, CSV (French
 * spreadsheet dialect), JSON (docs/report-json.md) or HTML (one
 * self-contained page, A4 print style, inline SVG charts). Layers:
 * cli -> report -> storage -> model.
 *
 * Files:
 *   build.c        gathering the figures into struct report
 *   numbers.c      decimals in the user's or a format's notation
 *   render_text.c  plain text for a terminal or a mail
 *   render_csv.c   CSV: one block per section
 *   render_json.c  JSON, stable shape
 *   render_html.c  HTML page; render_svg.c its bar charts
 *   out_file.c     writing a file atomically (temporary file, rename) */
#ifndef GUICHET_REPORT_REPORT_H
#define GUICHET_REPORT_REPORT_H

#include <stdio.h>

#include "../common/safe_formats.h"
#include "../common/safe_text.h"
#include "../model/summary.h"
#include "../storage/storage.h"

enum { REPORT_NAME_LEN = 2 * DB_NAME_LEN + 2, REPORT_WEEKS = 8, REPORT_RISKIEST = 5,
       REPORT_INSURANCE_DAYS = 30 };

/* What to summarise: [from, to] civil days (both included), one site
 * (site_id != 0) or every site, as seen at `now`. */
struct report_request {
    struct civil_date from;
    struct civil_date to;
    int64_t site_id;
    struct civil_datetime now;
};

/* Counts of one site, service, agent or motif. `detail` is the service
 * of a motif; empty otherwise. */
struct report_line {
    int64_t id;
    char name[REPORT_NAME_LEN];
    char detail[REPORT_NAME_LEN];
    struct summary_counts counts;
};

/* Arrivals at the desk and waiting times (seen - arrived) of one site or
 * of all (id 0). median and p90 are -1 without any wait. */
struct report_wait {
    int64_t id;
    char name[REPORT_NAME_LEN];
    long arrivals;
    long waits;
    double median;
    int p90;
};

/* One agent's appointments of the day after the period. */
struct report_next {
    int64_t site_id;
    char site[REPORT_NAME_LEN];
    char agent[REPORT_NAME_LEN];
    long count;
    int first_minute;  /* first start, minutes since midnight */
    int last_minute;   /* last end; 1440 past midnight */
};

struct report_week {
    struct civil_date start; /* a Monday */
    long seen;
    long noshow;
};

/* Room loans (build_loans.c): a room's approved minutes in the period
 * against its open minutes (storage/report.h db_report_rooms); per site,
 * the sum of its rooms (room_id 0, room ""). */
struct report_pending {
    struct db_report_pending p;
    long age_days;                     /* from the request to now */
};
struct report_insurance {
    struct db_report_insurance a;
    int known;                         /* 0: no certificate on file */
    long days_left;                    /* negative: already ended */
};

/* What became of the appointments of the period an alert was shown for
 * (build_risk.c): all of them, those called, those confirmed, and those
 * neither called nor confirmed. */
struct report_alerts {
    struct summary_counts flagged;
    struct summary_counts called;
    struct summary_counts confirmed;
    struct summary_counts not_contacted;
};

struct report {
    struct report_request req;
    int days;                          /* days in the period */
    char site_name[REPORT_NAME_LEN];   /* "" = every site */
    struct summary_counts total;
    struct report_line *sites, *services, *agents, *motifs;
    size_t nsites, nservices, nagents, nmotifs;
    struct report_wait wait_total;
    struct report_wait *waits;         /* per site */
    size_t nwaits;
    struct db_report_changes change_total;  /* actor "" */
    struct db_report_changes *changes;      /* per actor */
    size_t nchanges;
    struct civil_date next_day;        /* the day after the period */
    long next_total;
    struct report_line *next_sites;    /* counts.booked only */
    size_t nnext_sites;
    struct report_next *next;          /* per agent */
    size_t nnext;
    struct report_week weeks[REPORT_WEEKS]; /* oldest first, last = period's end */
    /* room loans; pending and insurance as of req.now */
    struct db_report_room *rooms;      /* by site, then room */
    size_t nrooms;
    struct db_report_room *room_sites; /* per site, by name */
    size_t nroom_sites;
    struct db_report_room room_total;
    struct report_pending *pending;    /* oldest request first */
    size_t npending;
    struct report_insurance *insurance;/* ending soonest first, none last */
    size_t ninsurance;
    /* no-show risk */
    struct report_alerts alerts;
    struct db_risk_item *riskiest;     /* next day, riskiest first */
    size_t nriskiest;
    struct db_report_reminders *reminders; /* next day, per channel */
    size_t nreminders;
    struct db_report_reminders reminder_total; /* channel "" */
};

int report_build(struct db *db, const struct report_request *req,
                 struct report *out, struct db_error *err);
void report_free(struct report *r);
/* 1 when no appointment starts in the period and nothing was changed. */
/* Occupancy in [0, ...]: used / open; -1 when nothing was open. */
double report_occupancy(long used_minutes, long open_minutes);
/* 1 when there is anything to say about room loans (rooms, requests
 * waiting, certificates). */
int report_has_loans(const struct report *r);
int report_is_empty(const struct report *r);

enum report_format { REPORT_TEXT = 0, REPORT_CSV, REPORT_JSON, REPORT_HTML };

/* Writes `r` to `out`; returns 0, or -1 when writing failed (errno). */
int report_render(FILE *out, const struct report *r, enum report_format f);
/* Text with ASCII bars ('#'), as the command prints it. */
int report_render_text(FILE *out, const struct report *r);
/* Text with bars drawn with Unicode block characters when `blocks` (the
 * console on a UTF-8 terminal), else ASCII. */
int report_render_text_bars(FILE *out, const struct report *r, int blocks);
int report_render_csv(FILE *out, const struct report *r);
int report_render_json(FILE *out, const struct report *r);
int report_render_html(FILE *out, const struct report *r);

/* ---- helpers shared by the renderers (numbers.c) ----
 * Database text goes out through common/safe_text.h (ui_text_write) and
 * common/safe_formats.h (padded text, CSV fields, JSON strings, HTML), the
 * same writers as every other command's. */
/* A decimal with `places` decimals and `point` as the decimal separator
 * ("37,5"); independent of the C locale. */
void report_decimal(double v, int places, char point, char *buf, size_t size);
/* The decimal point of the user's locale (LC_NUMERIC), one character. */
char report_locale_point(void);

/* "25/11/2026" or "from 24/11/2026 to 25/11/2026" (translated). */
void report_period_words(const struct report *r, char *buf, size_t size);
/* "09:30" from minutes since midnight ("24:15" past it, "?" if < 0). */
void report_clock_text(int minute, char *buf, size_t size);

/* ---- out_file.c ---- */
/* A file written atomically: data go to a temporary file in the same
 * folder, renamed over `path` by report_file_commit only when everything
 * was written and flushed to disk. */
struct report_file {
    FILE *fp;
    char path[4096];
    char tmp[4096];
};
/* 0, or -1 with errno set (the folder cannot be written...), or -2 when
 * `path` exists and is not a regular file (a folder, a device, a pipe). */
int report_file_open(struct report_file *f, const char *path);
/* 0 when the file is in place; -1 (errno) otherwise, nothing left behind. */
int report_file_commit(struct report_file *f);
void report_file_abort(struct report_file *f);

#endif
