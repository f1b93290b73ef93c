/* render_svg.h - inline SVG bar charts for render_html.c (render_svg.c). */
#ifndef GUICHET_REPORT_RENDER_SVG_H
#define GUICHET_REPORT_RENDER_SVG_H

#include "report.h"

/* Translated name of status share `i` (summary_shares() order). */
const char *report_share_label(int i);
/* Stacked bars: each line's statuses as shares of what was booked. */
void report_svg_shares(FILE *out, const struct report_line *l, size_t n);
/* Columns: the no-show rate of each week. */
void report_svg_weeks(FILE *out, const struct report_week *w, int n);

#endif
