/* section_risk.c - the no-show risk parts of a summary in every format:
 * what became of the period's appointments an alert was shown for (all,
 * called, confirmed, neither), and for the next day its riskiest
 * appointments already alerted (with the risk they were alerted with) and
 * its reminders per channel. The riskiest are shown without the person's
 * name or phone: the summary is mailed and filed, the appointment number
 * opens it in the console. */
#include <string.h>

#include "render_int.h"
#include "../common/i18n.h"

static const char *outcome_name(int k)
{
    switch (k) {
    case 0: return _("Flagged");
    case 1: return _("Called");
    case 2: return _("Confirmed");
    default: return _("Neither called nor confirmed");
    }
}

static const struct summary_counts *outcome(const struct report_alerts *a, int k)
{
    switch (k) {
    case 0: return &a->flagged;
    case 1: return &a->called;
    case 2: return &a->confirmed;
    default: return &a->not_contacted;
    }
}

/* Cancelled: excused or revoked; not known yet: to fill in or upcoming. */
static void outcome_figures(const struct summary_counts *c, long v[5])
{
    v[0] = c->booked;
    v[1] = c->seen;
    v[2] = c->noshow;
    v[3] = c->excused + c->revoked;
    v[4] = c->to_fill_in + c->upcoming;
}

static const char *channel_name(const char *channel)
{
    if (strcmp(channel, "sms") == 0)
        return _("SMS");
    if (strcmp(channel, "email") == 0)
        return _("E-mail");
    return channel[0] ? channel : _("All");
}

static void init_outcome_heads(const char *h[7])
{
    h[0] = _("Alerted appointments");
    h[1] = _("Appointments");
    h[2] = _("Seen (kept)");
    h[3] = _("No-show (missed)");
    h[4] = _("Cancelled");
    h[5] = _("Not known yet");
    h[6] = _("No-show rate");
}

static void init_reminder_heads(const char *h[5])
{
    h[0] = _("Reminders");
    h[1] = _("To send");
    h[2] = _("Sending");
    h[3] = _("Sent");
    h[4] = _("Failed");
}

/* ---- text --------------------------------------------------------------- */

void report_alerts_text(FILE *out, const struct report *r)
{
    report_text_heading(out, _("No-show alerts"));
    if (r->alerts.flagged.booked == 0) {
        fprintf(out, "  %s\n\n", _("No alert was shown for this period's appointments."));
        return;
    }
    const char *h[7];
    init_outcome_heads(h);
    const int right[7] = {0, 1, 1, 1, 1, 1, 1};
    char cells[4 * 7][REPORT_CELL];
    for (int k = 0; k < 4; k++) {
        long v[5];
        outcome_figures(outcome(&r->alerts, k), v);
        snprintf(cells[k * 7], REPORT_CELL, "%s", outcome_name(k));
        for (int j = 0; j < 5; j++)
            snprintf(cells[k * 7 + 1 + j], REPORT_CELL, "%ld", v[j]);
        report_rate_text(summary_counts_noshow_rate(outcome(&r->alerts, k)),
                         cells[k * 7 + 6], REPORT_CELL);
    }
    report_text_table(out, h, 7, right, &cells[0][0], 4);
    fputc('\n', out);
}

static void risk_percent(double risk, char *buf, size_t size)
{
    char n[24];
    report_decimal(risk * 100.0, 0, report_locale_point(), n, sizeof n);
    snprintf(buf, size, "%s %%", n);
}

void report_tomorrow_risk_text(FILE *out, const struct report *r)
{
    if (r->nriskiest) {
        fputs("  ", out);
        ui_text_write(out, _("Riskiest appointments already alerted"));
        fputc('\n', out);
        const char *h[7] = {_("Appointment"), _("Time"), _("Site"), _("Motif"), _("Risk"),
                            _("Called"), _("Confirmed")};
        const int right[7] = {1, 0, 0, 0, 1, 0, 0};
        char cells[REPORT_RISKIEST * 7][REPORT_CELL];
        for (size_t i = 0; i < r->nriskiest; i++) {
            const struct db_risk_item *x = &r->riskiest[i];
            char (*c)[REPORT_CELL] = &cells[i * 7];
            snprintf(c[0], REPORT_CELL, "%lld", (long long)x->appointment_id);
            snprintf(c[1], REPORT_CELL, "%.5s", strlen(x->starts_at) > 11 ? x->starts_at + 11 : "?");
            snprintf(c[2], REPORT_CELL, "%s", x->site_name);
            snprintf(c[3], REPORT_CELL, "%s", x->motif_name);
            risk_percent(x->risk, c[4], REPORT_CELL);
            snprintf(c[5], REPORT_CELL, "%s", x->called ? _("yes") : _("no"));
            snprintf(c[6], REPORT_CELL, "%s", x->confirmed ? _("yes") : _("no"));
        }
        report_text_table(out, h, 7, right, &cells[0][0], r->nriskiest);
        fputc('\n', out);
    }
    const char *h[5];
    init_reminder_heads(h);
    const int right[5] = {0, 1, 1, 1, 1};
    char cells[4 * 5][REPORT_CELL];
    size_t n = 0;
    for (size_t i = 0; r->nreminders && i <= r->nreminders && n < 4; i++) {
        const struct db_report_reminders *x = i < r->nreminders ? &r->reminders[i]
                                                                : &r->reminder_total;
        if (i == r->nreminders && r->nreminders == 1)
            break;
        long v[4] = {x->to_send, x->sending, x->sent, x->failed};
        snprintf(cells[n * 5], REPORT_CELL, "%s", channel_name(i < r->nreminders ? x->channel : ""));
        for (int k = 0; k < 4; k++)
            snprintf(cells[n * 5 + 1 + k], REPORT_CELL, "%ld", v[k]);
        n++;
    }
    if (n)
        report_text_table(out, h, 5, right, &cells[0][0], n);
    else
        fprintf(out, "  %s\n", _("No reminder to send for the next day."));
    fputc('\n', out);
}

/* ---- CSV ---------------------------------------------------------------- */

void report_alerts_csv(FILE *out, const struct report *r)
{
    report_csv_title(out, _("No-show alerts"));
    const char *h[7];
    init_outcome_heads(h);
    h[6] = _("No-show rate (%)");
    report_csv_header(out, h, 7);
    for (int k = 0; k < 4; k++) {
        long v[5];
        outcome_figures(outcome(&r->alerts, k), v);
        safe_csv_field(out, outcome_name(k), 1);
        for (int j = 0; j < 5; j++)
            report_csv_num(out, v[j]);
        double rate = summary_counts_noshow_rate(outcome(&r->alerts, k));
        report_csv_decimal(out, rate < 0 ? -1 : rate * 100.0, 1);
        safe_csv_end(out);
    }
    safe_csv_end(out);
}

void report_tomorrow_risk_csv(FILE *out, const struct report *r)
{
    char next[CIVIL_DATE_LEN];
    civil_format_date(r->next_day, next, sizeof next);
    report_csv_title(out, _("Riskiest appointments of the next day"));
    const char *h[7] = {_("Appointment"), _("Starts at"), _("Site"), _("Motif"),
                        _("Risk (%)"), _("Called"), _("Confirmed")};
    report_csv_header(out, h, 7);
    for (size_t i = 0; i < r->nriskiest; i++) {
        const struct db_risk_item *x = &r->riskiest[i];
        fprintf(out, "%lld", (long long)x->appointment_id);
        safe_csv_field(out, x->starts_at, 0);
        safe_csv_field(out, x->site_name, 0);
        safe_csv_field(out, x->motif_name, 0);
        report_csv_decimal(out, x->risk * 100.0, 1);
        safe_csv_field(out, x->called ? _("yes") : _("no"), 0);
        safe_csv_field(out, x->confirmed ? _("yes") : _("no"), 0);
        safe_csv_end(out);
    }
    safe_csv_end(out);
    report_csv_title(out, _("Reminders of the next day"));
    const char *hr[6] = {_("Date"), _("Channel"), _("To send"), _("Sending"), _("Sent"),
                         _("Failed")};
    report_csv_header(out, hr, 6);
    for (size_t i = 0; i <= r->nreminders; i++) {
        const struct db_report_reminders *x = i < r->nreminders ? &r->reminders[i]
                                                                : &r->reminder_total;
        safe_csv_field(out, next, 1);
        safe_csv_field(out, channel_name(i < r->nreminders ? x->channel : ""), 0);
        report_csv_num(out, x->to_send);
        report_csv_num(out, x->sending);
        report_csv_num(out, x->sent);
        report_csv_num(out, x->failed);
        safe_csv_end(out);
    }
    safe_csv_end(out);
}

/* ---- JSON --------------------------------------------------------------- */

static void json_outcome(FILE *out, const char *key, const struct summary_counts *c, int last)
{
    long v[5];
    outcome_figures(c, v);
    fprintf(out, "    \"%s\": {\"appointments\": %ld, \"seen\": %ld, \"noshow\": %ld,"
                 " \"cancelled\": %ld, \"not_known_yet\": %ld, \"noshow_rate\": ",
            key, v[0], v[1], v[2], v[3], v[4]);
    report_json_rate(out, summary_counts_noshow_rate(c));
    fputs(last ? "}\n" : "},\n", out);
}

void report_alerts_json(FILE *out, const struct report *r)
{
    fputs("  \"alerts\": {\n", out);
    json_outcome(out, "flagged", &r->alerts.flagged, 0);
    json_outcome(out, "called", &r->alerts.called, 0);
    json_outcome(out, "confirmed", &r->alerts.confirmed, 0);
    json_outcome(out, "not_contacted", &r->alerts.not_contacted, 1);
    fputs("  },\n", out);
}

static void json_reminders(FILE *out, const struct db_report_reminders *x)
{
    fprintf(out, "\"to_send\": %ld, \"sending\": %ld, \"sent\": %ld, \"failed\": %ld",
            x->to_send, x->sending, x->sent, x->failed);
}

/* Fields of "next_day", after its "by_agent". */
void report_tomorrow_risk_json(FILE *out, const struct report *r)
{
    fputs(",\n    \"riskiest\": [", out);
    for (size_t i = 0; i < r->nriskiest; i++) {
        const struct db_risk_item *x = &r->riskiest[i];
        char risk[32];
        report_decimal(x->risk, 4, '.', risk, sizeof risk);
        fprintf(out, "%s\n      {\"appointment_id\": %lld, \"starts_at\": ", i ? "," : "",
                (long long)x->appointment_id);
        safe_json_string(out, x->starts_at);
        fprintf(out, ", \"site_id\": %lld, \"site\": ", (long long)x->site_id);
        safe_json_string(out, x->site_name);
        fputs(", \"motif\": ", out);
        safe_json_string(out, x->motif_name);
        fprintf(out, ", \"risk\": %s, \"called\": %s, \"confirmed\": %s}", risk,
                x->called ? "true" : "false", x->confirmed ? "true" : "false");
    }
    fputs(r->nriskiest ? "\n    ],\n    \"reminders\": {\"total\": {"
                       : "],\n    \"reminders\": {\"total\": {", out);
    json_reminders(out, &r->reminder_total);
    fputs("}, \"by_channel\": [", out);
    for (size_t i = 0; i < r->nreminders; i++) {
        fprintf(out, "%s{\"channel\": ", i ? ", " : "");
        safe_json_string(out, r->reminders[i].channel);
        fputs(", ", out);
        json_reminders(out, &r->reminders[i]);
        fputc('}', out);
    }
    fputs("]}", out);
}

/* ---- HTML --------------------------------------------------------------- */

void report_alerts_html(FILE *out, const struct report *r)
{
    report_html_tag(out, "h2", _("No-show alerts"));
    fputc('\n', out);
    if (r->alerts.flagged.booked == 0) {
        report_html_tag(out, "p", _("No alert was shown for this period's appointments."));
        fputc('\n', out);
        return;
    }
    const char *h[7];
    init_outcome_heads(h);
    fputs("<table>\n", out);
    report_html_head_row(out, h, 7);
    for (int k = 0; k < 4; k++) {
        long v[5];
        outcome_figures(outcome(&r->alerts, k), v);
        fputs(k == 0 ? "<tr class=\"total\">" : "<tr>", out);
        report_html_cell(out, outcome_name(k), 0);
        for (int j = 0; j < 5; j++)
            report_html_num(out, v[j]);
        report_html_rate(out, summary_counts_noshow_rate(outcome(&r->alerts, k)));
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

void report_tomorrow_risk_html(FILE *out, const struct report *r)
{
    if (r->nriskiest) {
        report_html_tag(out, "h3", _("Riskiest appointments already alerted"));
        fputs("\n<table>\n", out);
        const char *h[7] = {_("Appointment"), _("Time"), _("Site"), _("Motif"), _("Risk"),
                            _("Called"), _("Confirmed")};
        report_html_head_row(out, h, 7);
        for (size_t i = 0; i < r->nriskiest; i++) {
            const struct db_risk_item *x = &r->riskiest[i];
            char time[8], risk[32];
            snprintf(time, sizeof time, "%.5s", strlen(x->starts_at) > 11 ? x->starts_at + 11 : "?");
            risk_percent(x->risk, risk, sizeof risk);
            fputs("<tr>", out);
            report_html_num(out, (long)x->appointment_id);
            report_html_cell(out, time, 0);
            report_html_cell(out, x->site_name, 0);
            report_html_cell(out, x->motif_name, 0);
            report_html_cell(out, risk, 1);
            report_html_cell(out, x->called ? _("yes") : _("no"), 0);
            report_html_cell(out, x->confirmed ? _("yes") : _("no"), 0);
            fputs("</tr>\n", out);
        }
        fputs("</tbody>\n</table>\n", out);
    }
    report_html_tag(out, "h3", _("Reminders"));
    fputc('\n', out);
    if (r->nreminders == 0) {
        report_html_tag(out, "p", _("No reminder to send for the next day."));
        fputc('\n', out);
        return;
    }
    const char *h[5];
    init_reminder_heads(h);
    h[0] = _("Channel");
    fputs("<table>\n", out);
    report_html_head_row(out, h, 5);
    for (size_t i = 0; i <= r->nreminders; i++) {
        if (i == r->nreminders && r->nreminders == 1)
            break;
        const struct db_report_reminders *x = i < r->nreminders ? &r->reminders[i]
                                                                : &r->reminder_total;
        fputs(i < r->nreminders ? "<tr>" : "<tr class=\"total\">", out);
        report_html_cell(out, channel_name(i < r->nreminders ? x->channel : ""), 0);
        report_html_num(out, x->to_send);
        report_html_num(out, x->sending);
        report_html_num(out, x->sent);
        report_html_num(out, x->failed);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}
