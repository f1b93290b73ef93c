/* render_html.c - the summary as one self-contained HTML page: no script,
 * no external style, font or image (the charts are inline SVG,
 * render_svg.c), a print style for A4, real tables with <th> headers, and
 * every text from the database escaped (common/safe_formats.h). */
#include "render_int.h"
#include "render_svg.h"
#include "../common/i18n.h"

static const char STYLE[] =
    "body { font-family: sans-serif; font-size: 10.5pt; margin: 1.5em; color: #000; }\n"
    "h1 { font-size: 15pt; margin-bottom: 0.2em; } h2 { font-size: 12.5pt; margin-top: 1.4em; }\n"
    "h3 { font-size: 11pt; margin: 0.8em 0 0.3em; }\n"
    "p.meta { color: #444; margin-top: 0; }\n"
    "table { border-collapse: collapse; margin-bottom: 0.8em; }\n"
    "th, td { border: 1px solid #888; padding: 2px 6px; }\n"
    "th { background: #eee; text-align: left; } td.n { text-align: right; }\n"
    "tr.total td { font-weight: bold; }\n"
    "svg.chart { max-width: 17cm; display: block; margin: 0.4em 0 1em; font-size: 11px; }\n"
    "@page { size: A4; margin: 14mm 12mm; }\n"
    "@media print { body { margin: 0; font-size: 9.5pt; }"
    " h2 { break-after: avoid; page-break-after: avoid; }"
    " table, svg.chart { break-inside: avoid; page-break-inside: avoid; }"
    " th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }\n";

void report_html_tag(FILE *out, const char *tag, const char *s)
{
    fprintf(out, "<%s>", tag);
    safe_html_text(out, s);
    fprintf(out, "</%s>", tag);
}

void report_html_num(FILE *out, long v)
{
    fprintf(out, "<td class=\"n\">%ld</td>", v);
}

void report_html_cell(FILE *out, const char *s, int numeric)
{
    fputs(numeric ? "<td class=\"n\">" : "<td>", out);
    safe_html_text(out, s);
    fputs("</td>", out);
}

void report_html_head_row(FILE *out, const char *const *h, int n)
{
    fputs("<thead><tr>", out);
    for (int i = 0; i < n; i++) {
        fputs("<th scope=\"col\">", out);
        safe_html_text(out, h[i]);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
}

void report_html_rate(FILE *out, double rate)
{
    char buf[32] = "-";
    if (rate >= 0) {
        char n[24];
        report_decimal(rate * 100.0, 1, report_locale_point(), n, sizeof n);
        snprintf(buf, sizeof buf, "%s %%", n);
    }
    report_html_cell(out, buf, 1);
}

static void count_table(FILE *out, const char *title, const char *first,
                        const struct report_line *l, size_t n, int with_detail,
                        const struct summary_counts *total)
{
    report_html_tag(out, "h3", title);
    fputs("\n<table>\n", out);
    const char *h[] = {first, _("Service"), _("Booked"), _("Seen"), _("No-show"),
                       _("Excused"), _("Revoked"), _("To fill in"), _("Upcoming"),
                       _("No-show rate")};
    if (with_detail) {
        report_html_head_row(out, h, 10);
    } else {
        const char *h2[] = {h[0], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9]};
        report_html_head_row(out, h2, 9);
    }
    for (size_t i = 0; i <= n; i++) {
        if (i == n && (!total || n < 2))
            break;
        const struct summary_counts *c = i < n ? &l[i].counts : total;
        fputs(i < n ? "<tr>" : "<tr class=\"total\">", out);
        report_html_cell(out, i < n ? l[i].name : _("All"), 0);
        if (with_detail)
            report_html_cell(out, i < n ? l[i].detail : "", 0);
        report_html_num(out, c->booked);
        report_html_num(out, c->seen);
        report_html_num(out, c->noshow);
        report_html_num(out, c->excused);
        report_html_num(out, c->revoked);
        report_html_num(out, c->to_fill_in);
        report_html_num(out, c->upcoming);
        report_html_rate(out, summary_counts_noshow_rate(c));
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

static void minutes_cell(FILE *out, double v)
{
    char buf[32] = "-";
    if (v >= 0)
        report_decimal(v, v == (long)v ? 0 : 1, report_locale_point(), buf, sizeof buf);
    report_html_cell(out, buf, 1);
}

static void waits(FILE *out, const struct report *r)
{
    report_html_tag(out, "h2", _("Arrivals and waiting time"));
    fputs("\n<table>\n", out);
    const char *h[] = {_("Site"), _("Arrivals"), _("Seen after arrival"),
                       _("Median wait (min)"), _("90th percentile (min)")};
    report_html_head_row(out, h, 5);
    for (size_t i = 0; i <= r->nwaits; i++) {
        if (i == r->nwaits && r->nwaits == 1)
            break;
        const struct report_wait *w = i < r->nwaits ? &r->waits[i] : &r->wait_total;
        fputs(i < r->nwaits ? "<tr>" : "<tr class=\"total\">", out);
        report_html_cell(out, i < r->nwaits ? w->name : _("All"), 0);
        report_html_num(out, w->arrivals);
        report_html_num(out, w->waits);
        minutes_cell(out, w->median);
        minutes_cell(out, w->p90);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

static void changes(FILE *out, const struct report *r)
{
    report_html_tag(out, "h2", _("Appointments created, moved and cancelled"));
    fputc('\n', out);
    if (r->nchanges == 0) {
        report_html_tag(out, "p", _("No change in this period."));
        fputc('\n', out);
        return;
    }
    fputs("<table>\n", out);
    const char *h[] = {_("Who"), _("Created"), _("Moved"), _("Cancelled")};
    report_html_head_row(out, h, 4);
    for (size_t i = 0; i <= r->nchanges; i++) {
        if (i == r->nchanges && r->nchanges == 1)
            break;
        const struct db_report_changes *c = i < r->nchanges ? &r->changes[i] : &r->change_total;
        fputs(i < r->nchanges ? "<tr>" : "<tr class=\"total\">", out);
        report_html_cell(out, i < r->nchanges ? c->actor : _("All"), 0);
        report_html_num(out, c->created);
        report_html_num(out, c->moved);
        report_html_num(out, c->cancelled);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

static void next_day(FILE *out, const struct report *r)
{
    char date[CIVIL_DATE_LEN], title[128], line[128];
    civil_format_date_fr(r->next_day, date, sizeof date);
    snprintf(title, sizeof title, _("Next day, %s"), date);
    report_html_tag(out, "h2", title);
    snprintf(line, sizeof line,
             ngettext("%ld appointment", "%ld appointments", (unsigned long)r->next_total),
             r->next_total);
    fputc('\n', out);
    report_html_tag(out, "p", line);
    fputc('\n', out);
    if (r->nnext == 0)
        return;
    fputs("<table>\n", out);
    const char *h[] = {_("Site"), _("Agent"), _("Appointments"), _("From"), _("To")};
    report_html_head_row(out, h, 5);
    for (size_t i = 0; i < r->nnext; i++) {
        char a[16], b[16];
        report_clock_text(r->next[i].first_minute, a, sizeof a);
        report_clock_text(r->next[i].last_minute, b, sizeof b);
        fputs("<tr>", out);
        report_html_cell(out, r->next[i].site, 0);
        report_html_cell(out, r->next[i].agent, 0);
        report_html_num(out, r->next[i].count);
        report_html_cell(out, a, 0);
        report_html_cell(out, b, 0);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

static void weeks(FILE *out, const struct report *r)
{
    report_html_tag(out, "h2", _("No-show rate, last 8 weeks"));
    fputc('\n', out);
    report_svg_weeks(out, r->weeks, REPORT_WEEKS);
    fputs("<table>\n", out);
    const char *h[] = {_("Week of"), _("Seen"), _("No-show"), _("No-show rate")};
    report_html_head_row(out, h, 4);
    for (int i = 0; i < REPORT_WEEKS; i++) {
        char d[CIVIL_DATE_LEN];
        civil_format_date_fr(r->weeks[i].start, d, sizeof d);
        fputs("<tr>", out);
        report_html_cell(out, d, 0);
        report_html_num(out, r->weeks[i].seen);
        report_html_num(out, r->weeks[i].noshow);
        report_html_rate(out, summary_noshow_rate(r->weeks[i].seen, r->weeks[i].noshow));
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

int report_render_html(FILE *out, const struct report *r)
{
    char period[64], now[CIVIL_DATE_LEN], clock[16], title[512];
    report_period_words(r, period, sizeof period);
    civil_format_date_fr(r->req.now.date, now, sizeof now);
    report_clock_text(r->req.now.minute, clock, sizeof clock);
    snprintf(title, sizeof title, "%s - %s - %s", _("Summary"),
             r->site_name[0] ? r->site_name : _("every site"), period);
    /* TRANSLATORS: the language code of this catalogue, for HTML ("fr"). */
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", _("en"));
    report_html_tag(out, "title", title);
    fprintf(out, "\n<style>\n%s</style>\n</head>\n<body>\n", STYLE);
    report_html_tag(out, "h1", title);
    char meta[128];
    snprintf(meta, sizeof meta, _("as of %s %s"), now, clock);
    fputs("\n<p class=\"meta\">", out);
    safe_html_text(out, meta);
    fputs("</p>\n", out);
    if (report_is_empty(r)) {
        fputs("<p class=\"empty\">", out);
        safe_html_text(out, _("No appointment and no change in this period."));
        fputs("</p>\n", out);
    }
    if (r->total.booked > 0) {
        report_html_tag(out, "h2", _("Appointments"));
        fputc('\n', out);
        report_html_tag(out, "h3", _("Status shares per service"));
        fputc('\n', out);
        report_svg_shares(out, r->services, r->nservices);
        count_table(out, _("By site"), _("Site"), r->sites, r->nsites, 0, &r->total);
        count_table(out, _("By service"), _("Service"), r->services, r->nservices, 0, &r->total);
        count_table(out, _("By agent"), _("Agent"), r->agents, r->nagents, 0, &r->total);
        count_table(out, _("By motif"), _("Motif"), r->motifs, r->nmotifs, 1, &r->total);
        waits(out, r);
    }
    if (!report_is_empty(r))
        changes(out, r);
    report_alerts_html(out, r);
    report_loans_html(out, r);
    next_day(out, r);
    report_tomorrow_risk_html(out, r);
    weeks(out, r);
    fputs("</body>\n</html>\n", out);
    fflush(out);
    return ferror(out) ? -1 : 0;
}
