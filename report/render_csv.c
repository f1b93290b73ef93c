/* render_csv.c - the summary as CSV in the French spreadsheet dialect
 * (what LibreOffice and Excel open by default under a French locale): UTF-8
 * with a byte order mark, ';' between fields, CRLF after each record,
 * decimal comma, ISO dates. The file is one block per section: a title
 * record, a header record, the data records, an empty record. Text cells
 * that a spreadsheet would run as a formula are neutralised (common/safe_formats.h). */
#include "render_int.h"
#include "../common/i18n.h"

void report_csv_num(FILE *out, long v)
{
    fprintf(out, ";%ld", v);
}

void report_csv_decimal(FILE *out, double v, int places)
{
    if (v < 0) {
        fputc(';', out);
        return;
    }
    char buf[32];
    report_decimal(v, places, ',', buf, sizeof buf);
    fprintf(out, ";%s", buf);
}

void report_csv_title(FILE *out, const char *t)
{
    safe_csv_field(out, t, 1);
    safe_csv_end(out);
}

void report_csv_header(FILE *out, const char *const *h, int n)
{
    for (int i = 0; i < n; i++)
        safe_csv_field(out, h[i], i == 0);
    safe_csv_end(out);
}

static void count_block(FILE *out, const char *t, const char *first,
                        const struct report_line *l, size_t n, int with_detail,
                        const struct summary_counts *total)
{
    report_csv_title(out, t);
    const char *h[] = {first, _("Service"), _("Booked"), _("Seen"), _("No-show"),
                       _("Excused"), _("Revoked"), _("To fill in"), _("Upcoming"),
                       _("No-show rate (%)")};
    if (with_detail)
        report_csv_header(out, h, 10);
    else {
        safe_csv_field(out, h[0], 1);
        for (int i = 2; i < 10; i++)
            safe_csv_field(out, h[i], 0);
        safe_csv_end(out);
    }
    for (size_t i = 0; i <= n; i++) {
        const struct summary_counts *c = i < n ? &l[i].counts : total;
        if (i == n && !total)
            break;
        safe_csv_field(out, i < n ? l[i].name : _("All"), 1);
        if (with_detail)
            safe_csv_field(out, i < n ? l[i].detail : "", 0);
        report_csv_num(out, c->booked);
        report_csv_num(out, c->seen);
        report_csv_num(out, c->noshow);
        report_csv_num(out, c->excused);
        report_csv_num(out, c->revoked);
        report_csv_num(out, c->to_fill_in);
        report_csv_num(out, c->upcoming);
        double rate = summary_counts_noshow_rate(c);
        report_csv_decimal(out, rate < 0 ? -1 : rate * 100.0, 1);
        safe_csv_end(out);
    }
    safe_csv_end(out);
}

int report_render_csv(FILE *out, const struct report *r)
{
    fputs("\xEF\xBB\xBF", out);
    char from[CIVIL_DATE_LEN], to[CIVIL_DATE_LEN], now[CIVIL_DATETIME_LEN];
    civil_format_date(r->req.from, from, sizeof from);
    civil_format_date(r->req.to, to, sizeof to);
    civil_format_datetime(r->req.now, now, sizeof now);
    report_csv_title(out, _("Summary"));
    const char *h0[] = {_("Site"), _("From"), _("To"), _("As of")};
    report_csv_header(out, h0, 4);
    safe_csv_field(out, r->site_name[0] ? r->site_name : _("every site"), 1);
    safe_csv_field(out, from, 0);
    safe_csv_field(out, to, 0);
    safe_csv_field(out, now, 0);
    safe_csv_end(out);
    if (report_is_empty(r)) {
        safe_csv_field(out, _("No appointment and no change in this period."), 1);
        safe_csv_end(out);
    }
    safe_csv_end(out);

    count_block(out, _("Appointments by site"), _("Site"), r->sites, r->nsites, 0, &r->total);
    count_block(out, _("Appointments by service"), _("Service"), r->services,
                r->nservices, 0, NULL);
    count_block(out, _("Appointments by agent"), _("Agent"), r->agents, r->nagents, 0, NULL);
    count_block(out, _("Appointments by motif"), _("Motif"), r->motifs, r->nmotifs, 1, NULL);

    report_csv_title(out, _("Arrivals and waiting time"));
    const char *hw[] = {_("Site"), _("Arrivals"), _("Seen after arrival"),
                        _("Median wait (min)"), _("90th percentile (min)")};
    report_csv_header(out, hw, 5);
    for (size_t i = 0; i <= r->nwaits; i++) {
        const struct report_wait *w = i < r->nwaits ? &r->waits[i] : &r->wait_total;
        safe_csv_field(out, i < r->nwaits ? w->name : _("All"), 1);
        report_csv_num(out, w->arrivals);
        report_csv_num(out, w->waits);
        report_csv_decimal(out, w->median, 1);
        report_csv_decimal(out, w->p90, 0);
        safe_csv_end(out);
    }
    safe_csv_end(out);

    report_csv_title(out, _("Appointments created, moved and cancelled"));
    const char *hc[] = {_("Who"), _("Created"), _("Moved"), _("Cancelled")};
    report_csv_header(out, hc, 4);
    for (size_t i = 0; i <= r->nchanges; i++) {
        const struct db_report_changes *c = i < r->nchanges ? &r->changes[i] : &r->change_total;
        safe_csv_field(out, i < r->nchanges ? c->actor : _("All"), 1);
        report_csv_num(out, c->created);
        report_csv_num(out, c->moved);
        report_csv_num(out, c->cancelled);
        safe_csv_end(out);
    }
    safe_csv_end(out);

    report_alerts_csv(out, r);
    report_loans_csv(out, r);

    char next[CIVIL_DATE_LEN];
    civil_format_date(r->next_day, next, sizeof next);
    report_csv_title(out, _("The next day"));
    const char *hn[] = {_("Date"), _("Site"), _("Agent"), _("Appointments"), _("From"), _("To")};
    report_csv_header(out, hn, 6);
    for (size_t i = 0; i <= r->nnext; i++) {
        safe_csv_field(out, next, 1);
        if (i == r->nnext) {
            safe_csv_field(out, _("All"), 0);
            safe_csv_field(out, "", 0);
            report_csv_num(out, r->next_total);
            fputs(";;", out);
        } else {
            char a[16], b[16];
            report_clock_text(r->next[i].first_minute, a, sizeof a);
            report_clock_text(r->next[i].last_minute, b, sizeof b);
            safe_csv_field(out, r->next[i].site, 0);
            safe_csv_field(out, r->next[i].agent, 0);
            report_csv_num(out, r->next[i].count);
            safe_csv_field(out, a, 0);
            safe_csv_field(out, b, 0);
        }
        safe_csv_end(out);
    }
    safe_csv_end(out);

    report_tomorrow_risk_csv(out, r);

    report_csv_title(out, _("No-show rate, last 8 weeks"));
    const char *hk[] = {_("Week of"), _("Seen"), _("No-show"), _("No-show rate (%)")};
    report_csv_header(out, hk, 4);
    for (int i = 0; i < REPORT_WEEKS; i++) {
        char d[CIVIL_DATE_LEN];
        civil_format_date(r->weeks[i].start, d, sizeof d);
        safe_csv_field(out, d, 1);
        report_csv_num(out, r->weeks[i].seen);
        report_csv_num(out, r->weeks[i].noshow);
        double rate = summary_noshow_rate(r->weeks[i].seen, r->weeks[i].noshow);
        report_csv_decimal(out, rate < 0 ? -1 : rate * 100.0, 1);
        safe_csv_end(out);
    }
    fflush(out);
    return ferror(out) ? -1 : 0;
}
