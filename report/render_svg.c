/* render_svg.c - the bar charts of the HTML summary, as inline SVG (no
 * script, no external file): status shares per service as stacked bars
 * and the no-show rate of the last 8 weeks as columns. Every bar carries
 * its figure as text and a <title>, and each status has a pattern as well
 * as a colour, so that the chart reads in black and white. */
#include "report.h"
#include "render_svg.h"
#include "render_int.h"

#include <string.h>
#include "../common/i18n.h"

/* Colours and fills of the six statuses in summary_shares() order. */
static const char *const share_fill[SUMMARY_SHARES] = {
    "#2e7d32", "#c62828", "#f9a825", "#6a1b9a", "#ef6c00", "#90a4ae",
};
static const char *const share_pattern[SUMMARY_SHARES] = {
    "", "url(#p-noshow)", "", "url(#p-revoked)", "url(#p-tofill)", "",
};

const char *report_share_label(int i)
{
    switch (i) {
    case 0: return _("Seen");
    case 1: return _("No-show");
    case 2: return _("Excused");
    case 3: return _("Revoked");
    case 4: return _("To fill in");
    default: return _("Upcoming");
    }
}

static void defs(FILE *out)
{
    fputs("<defs>"
          "<pattern id=\"p-noshow\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
          "<path d=\"M0,6 L6,0\" stroke=\"#fff\" stroke-width=\"1.5\"/></pattern>"
          "<pattern id=\"p-revoked\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
          "<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"#fff\"/></pattern>"
          "<pattern id=\"p-tofill\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
          "<path d=\"M0,3 L6,3\" stroke=\"#fff\" stroke-width=\"1.5\"/></pattern>"
          "</defs>\n", out);
}

static void rect(FILE *out, double x, double y, double w, double h, const char *fill,
                 const char *pattern, const char *title)
{
    fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">",
            x, y, w, h, fill);
    fputs("<title>", out);
    safe_html_text(out, title);
    fputs("</title></rect>", out);
    if (pattern && pattern[0])
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                x, y, w, h, pattern);
    fputc('\n', out);
}

static void text(FILE *out, double x, double y, const char *anchor, const char *s)
{
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor);
    safe_html_text(out, s);
    fputs("</text>\n", out);
}

void report_svg_shares(FILE *out, const struct report_line *l, size_t n)
{
    const double label_w = 180, bar_w = 440, row_h = 22, top = 28;
    double height = top + row_h * (double)n + 8;
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""
                 " viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" aria-label=\"",
            label_w + bar_w + 60, height);
    safe_html_text(out, _("Status shares per service"));
    fputs("\">\n", out);
    defs(out);
    /* legend */
    double x = 0;
    for (int k = 0; k < SUMMARY_SHARES; k++) {
        rect(out, x, 6, 12, 12, share_fill[k], share_pattern[k], report_share_label(k));
        text(out, x + 16, 16, "start", report_share_label(k));
        x += 16 + 7.0 * safe_text_columns(report_share_label(k)) + 18;
    }
    for (size_t i = 0; i < n; i++) {
        double y = top + row_h * (double)i;
        text(out, label_w - 6, y + 14, "end", l[i].name);
        int pm[SUMMARY_SHARES];
        summary_shares(&l[i].counts, pm);
        long parts[SUMMARY_SHARES] = {l[i].counts.seen, l[i].counts.noshow,
                                      l[i].counts.excused, l[i].counts.revoked,
                                      l[i].counts.to_fill_in, l[i].counts.upcoming};
        double bx = label_w;
        for (int k = 0; k < SUMMARY_SHARES; k++) {
            if (!pm[k])
                continue;
            double w = bar_w * pm[k] / 1000.0;
            char title[256], pct[16];
            report_decimal(pm[k] / 10.0, 1, report_locale_point(), pct, sizeof pct);
            snprintf(title, sizeof title, "%s: %ld (%s %%)", report_share_label(k), parts[k], pct);
            rect(out, bx, y + 2, w, row_h - 6, share_fill[k], share_pattern[k], title);
            bx += w;
        }
        char total[32];
        snprintf(total, sizeof total, "%ld", l[i].counts.booked);
        text(out, label_w + bar_w + 6, y + 14, "start", total);
    }
    fputs("</svg>\n", out);
}

void report_svg_weeks(FILE *out, const struct report_week *w, int n)
{
    const double left = 40, col = 70, chart_h = 140, top = 16, bottom = 36;
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""
                 " viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" aria-label=\"",
            left + col * n + 10, top + chart_h + bottom);
    safe_html_text(out, _("No-show rate, last 8 weeks"));
    fputs("\">\n", out);
    /* scale: the highest rate rounded up to 10 %, at least 10 % */
    double max = 0.1;
    for (int i = 0; i < n; i++) {
        double r = summary_noshow_rate(w[i].seen, w[i].noshow);
        if (r > max)
            max = r;
    }
    max = (double)(int)(max * 10.0 + 0.999) / 10.0;
    if (max > 1)
        max = 1;
    for (int g = 0; g <= 2; g++) {
        double y = top + chart_h - chart_h * g / 2.0;
        char lab[40], pct[16];
        report_decimal(max * 100.0 * g / 2.0, 0, '.', pct, sizeof pct);
        snprintf(lab, sizeof lab, "%s %%", pct);
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\"/>\n",
                left, y, left + col * n, y);
        text(out, left - 4, y + 4, "end", lab);
    }
    for (int i = 0; i < n; i++) {
        double r = summary_noshow_rate(w[i].seen, w[i].noshow);
        double x = left + col * i;
        char date[CIVIL_DATE_LEN], pct[32], title[128];
        civil_format_date_fr(w[i].start, date, sizeof date);
        date[5] = '\0'; /* "dd/mm" */
        if (r >= 0) {
            double h = chart_h * r / max;
            report_decimal(r * 100.0, 1, report_locale_point(), pct, sizeof pct);
            snprintf(title, sizeof title, "%s: %s %% (%ld / %ld)", date, pct, w[i].noshow,
                     w[i].seen + w[i].noshow);
            rect(out, x + 12, top + chart_h - h, col - 24, h, "#c62828", "", title);
            char lab[40];
            snprintf(lab, sizeof lab, "%s %%", pct);
            text(out, x + col / 2, top + chart_h - h - 3, "middle", lab);
        } else {
            text(out, x + col / 2, top + chart_h - 3, "middle", "-");
        }
        text(out, x + col / 2, top + chart_h + 16, "middle", date);
    }
    fputs("</svg>\n", out);
}

/* Occupancy of each room: a bar for hours used out of hours open, on a
 * scale of 100 % (a room used beyond its hours reaches the end and says
 * so in its figure). */
void report_svg_occupancy(FILE *out, const struct db_report_room *rooms, size_t n)
{
    const double label_w = 220, bar_w = 400, row_h = 22, top = 8;
    double height = top + row_h * (double)n + 8;
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""
                 " viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" aria-label=\"",
            label_w + bar_w + 70, height);
    safe_html_text(out, _("Room occupancy"));
    fputs("\">\n", out);
    for (size_t i = 0; i < n; i++) {
        double y = top + row_h * (double)i;
        char label[2 * REPORT_NAME_LEN + 8];
        snprintf(label, sizeof label, "%s, %s", rooms[i].site, rooms[i].room);
        text(out, label_w - 6, y + 14, "end", label);
        /* the frame of 100 %, then the part used */
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\""
                     " stroke=\"#888\"/>\n", label_w, y + 2, bar_w, row_h - 6);
        double occ = report_occupancy(rooms[i].used_minutes, rooms[i].open_minutes);
        char pct[32] = "-", title[2 * REPORT_NAME_LEN + 64];
        if (occ >= 0) {
            report_decimal(occ * 100.0, 1, report_locale_point(), pct, sizeof pct);
            strcat(pct, " %");
            snprintf(title, sizeof title, "%s: %s", label, pct);
            rect(out, label_w, y + 2, bar_w * (occ > 1 ? 1 : occ), row_h - 6, "#1565c0", "",
                 title);
        }
        text(out, label_w + bar_w + 6, y + 14, "start", pct);
    }
    fputs("</svg>\n", out);
}
