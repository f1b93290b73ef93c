/* render_int.h - pieces the renderers share with the section files
 * (section_loans.c, section_risk.c), so that every section of a format
 * looks the same. Defined in the render_<format>.c file they belong to. */
#ifndef GUICHET_REPORT_RENDER_INT_H
#define GUICHET_REPORT_RENDER_INT_H

#include "report.h"

/* text (render_text.c) */
void report_text_heading(FILE *out, const char *title);     /* title, then "====" */
void report_rate_text(double rate, char *buf, size_t size); /* "33,3 %" or "-" */
/* "  " then a bar of 20 columns for x = 1 (blocks, or '#'). */
void report_text_bar(FILE *out, double x, int blocks);

/* A table: a header line, then nrows lines of ncols cells (cells[(i *
 * ncols + k) * REPORT_CELL]), columns as wide as their widest text,
 * right[k] right-aligns column k's figures; at most 16 columns. */
enum { REPORT_CELL = 2 * REPORT_NAME_LEN };
void report_text_table(FILE *out, const char *const *heads, int ncols, const int *right,
                       const char *cells, size_t nrows);

/* CSV (render_csv.c): each number is preceded by its ';' */
void report_csv_num(FILE *out, long v);
void report_csv_decimal(FILE *out, double v, int places);   /* v < 0: empty */
void report_csv_title(FILE *out, const char *t);
void report_csv_header(FILE *out, const char *const *h, int n);

/* HTML (render_html.c) */
void report_html_tag(FILE *out, const char *tag, const char *s);
void report_html_num(FILE *out, long v);
void report_html_cell(FILE *out, const char *s, int numeric);
void report_html_head_row(FILE *out, const char *const *h, int n); /* opens <tbody> */
void report_html_rate(FILE *out, double rate);

/* JSON (render_json.c) */
void report_json_rate(FILE *out, double v);                 /* 4 decimals or null */
void report_json_date(FILE *out, struct civil_date d);

/* The sections (section_loans.c, section_risk.c). `blocks` as in
 * report_render_text_bars. */
void report_loans_text(FILE *out, const struct report *r, int blocks);
void report_loans_csv(FILE *out, const struct report *r);
void report_loans_json(FILE *out, const struct report *r);
void report_loans_html(FILE *out, const struct report *r);
void report_alerts_text(FILE *out, const struct report *r);
void report_alerts_csv(FILE *out, const struct report *r);
void report_alerts_json(FILE *out, const struct report *r);
void report_alerts_html(FILE *out, const struct report *r);
/* The next day's riskiest appointments and reminders. */
void report_tomorrow_risk_text(FILE *out, const struct report *r);
void report_tomorrow_risk_csv(FILE *out, const struct report *r);
void report_tomorrow_risk_json(FILE *out, const struct report *r);
void report_tomorrow_risk_html(FILE *out, const struct report *r);
/* Occupancy per room as inline SVG bars (render_svg.c). */
void report_svg_occupancy(FILE *out, const struct db_report_room *rooms, size_t n);

#endif
