/* section_loans.c - the room-loan section of a summary in every format:
 * occupancy of each room (hours used by approved loans against hours open
 * for lending) with its site's and every site's sums and a bar, requests
 * waiting for a decision with their age, insurance certificates ending
 * within REPORT_INSURANCE_DAYS days (or missing) of borrowers with loans
 * to come. Shown only when there is something to say (report_has_loans). */
#include <stdlib.h>
#include <string.h>

#include "render_int.h"
#include "render_svg.h"
#include "../common/i18n.h"

/* "12,5" hours from minutes, in the user's notation. */
static void hours_text(long minutes, char point, char *buf, size_t size)
{
    report_decimal(minutes / 60.0, 1, point, buf, size);
}

static void date_fr(const char *iso, char *buf, size_t size)
{
    struct civil_date d;
    if (civil_parse_date(iso, &d) == 0)
        civil_format_date_fr(d, buf, size);
    else
        snprintf(buf, size, "%s", iso);
}

/* The rooms' rows, then each site's sum when there are several rooms in
 * it, then every room's sum when several sites; `name` of a sum row is
 * in `site`, with room "" */
static size_t occupancy_rows(const struct report *r, const struct db_report_room **rows)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nrooms; i++)
        rows[n++] = &r->rooms[i];
    if (r->nroom_sites > 1 || (r->nroom_sites == 1 && r->nrooms > 1))
        for (size_t i = 0; i < r->nroom_sites; i++)
            rows[n++] = &r->room_sites[i];
    if (r->nroom_sites > 1)
        rows[n++] = &r->room_total;
    return n;
}

static const char *row_site(const struct db_report_room *x)
{
    return x->site_id ? x->site : _("All");
}

static const char *row_room(const struct db_report_room *x)
{
    return x->room_id ? x->room : _("All rooms");
}

/* ---- text --------------------------------------------------------------- */

void report_loans_text(FILE *out, const struct report *r, int blocks)
{
    if (!report_has_loans(r))
        return;
    report_text_heading(out, _("Room loans"));
    char point = report_locale_point();
    size_t nrows = r->nrooms + r->nroom_sites + 1;
    const struct db_report_room **rows = calloc(nrows, sizeof *rows);
    size_t ncells = (nrows > r->npending ? nrows : r->npending) + r->ninsurance + 1;
    char *cells = calloc(ncells * 8, REPORT_CELL);
    if (!rows || !cells) {
        free(rows);
        free(cells);
        return;
    }
    if (r->nrooms) {
        nrows = occupancy_rows(r, rows);
        const char *h[6] = {_("Site"), _("Room"), _("Hours used"), _("Hours open"),
                            _("Occupancy"), ""};
        const int right[6] = {0, 0, 1, 1, 1, 0};
        for (size_t i = 0; i < nrows; i++) {
            char *c = cells + i * 6 * REPORT_CELL;
            double occ = report_occupancy(rows[i]->used_minutes, rows[i]->open_minutes);
            snprintf(c, REPORT_CELL, "%s", row_site(rows[i]));
            snprintf(c + REPORT_CELL, REPORT_CELL, "%s", row_room(rows[i]));
            hours_text(rows[i]->used_minutes, point, c + 2 * REPORT_CELL, REPORT_CELL);
            hours_text(rows[i]->open_minutes, point, c + 3 * REPORT_CELL, REPORT_CELL);
            report_rate_text(occ, c + 4 * REPORT_CELL, REPORT_CELL);
            /* the bar, drawn into its cell */
            char *bar = c + 5 * REPORT_CELL;
            FILE *f = fmemopen(bar, REPORT_CELL - 1, "w");
            if (f) {
                report_text_bar(f, occ > 1 ? 1 : occ, blocks);
                fclose(f);
            }
            memmove(bar, bar[0] == ' ' ? bar + 2 : bar, strlen(bar) + 1);
        }
        report_text_table(out, h, 6, right, cells, nrows);
        fputc('\n', out);
    }
    char now[CIVIL_DATE_LEN], line[256];
    civil_format_date_fr(r->req.now.date, now, sizeof now);
    fputs("  ", out);
    snprintf(line, sizeof line,
             ngettext("%zu request waiting for a decision on %s",
                      "%zu requests waiting for a decision on %s", r->npending),
             r->npending, now);
    ui_text_write(out, line);
    fputc('\n', out);
    if (r->npending) {
        const char *h[7] = {_("Request"), _("Association"), _("Room"), _("Site"),
                            _("Asked on"), _("Age (days)"), _("Dates waiting")};
        const int right[7] = {1, 0, 0, 0, 0, 1, 1};
        for (size_t i = 0; i < r->npending; i++) {
            const struct report_pending *x = &r->pending[i];
            char *c = cells + i * 7 * REPORT_CELL;
            snprintf(c, REPORT_CELL, "%lld", (long long)x->p.request_id);
            snprintf(c + REPORT_CELL, REPORT_CELL, "%s", x->p.association);
            snprintf(c + 2 * REPORT_CELL, REPORT_CELL, "%s", x->p.room);
            snprintf(c + 3 * REPORT_CELL, REPORT_CELL, "%s", x->p.site);
            char day[11];
            snprintf(day, sizeof day, "%.10s", x->p.created_at);
            date_fr(day, c + 4 * REPORT_CELL, REPORT_CELL);
            snprintf(c + 5 * REPORT_CELL, REPORT_CELL, "%ld", x->age_days);
            snprintf(c + 6 * REPORT_CELL, REPORT_CELL, "%ld", x->p.pending_dates);
        }
        report_text_table(out, h, 7, right, cells, r->npending);
    }
    fputc('\n', out);
    fputs("  ", out);
    snprintf(line, sizeof line, _("Insurance certificates ending within %d days or missing: %zu"),
             REPORT_INSURANCE_DAYS, r->ninsurance);
    ui_text_write(out, line);
    fputc('\n', out);
    if (r->ninsurance) {
        const char *h[4] = {_("Association"), _("Insured until"), _("Days left"),
                            _("Requests")};
        const int right[4] = {0, 0, 1, 1};
        for (size_t i = 0; i < r->ninsurance; i++) {
            const struct report_insurance *x = &r->insurance[i];
            char *c = cells + i * 4 * REPORT_CELL;
            snprintf(c, REPORT_CELL, "%s", x->a.name);
            if (x->known) {
                date_fr(x->a.insurance_until, c + REPORT_CELL, REPORT_CELL);
                snprintf(c + 2 * REPORT_CELL, REPORT_CELL, "%ld", x->days_left);
            } else {
                snprintf(c + REPORT_CELL, REPORT_CELL, "%s", _("none on file"));
                snprintf(c + 2 * REPORT_CELL, REPORT_CELL, "-");
            }
            snprintf(c + 3 * REPORT_CELL, REPORT_CELL, "%ld", x->a.requests);
        }
        report_text_table(out, h, 4, right, cells, r->ninsurance);
    }
    fputc('\n', out);
    free(rows);
    free(cells);
}

/* ---- CSV ---------------------------------------------------------------- */

void report_loans_csv(FILE *out, const struct report *r)
{
    report_csv_title(out, _("Room occupancy"));
    const char *h[5] = {_("Site"), _("Room"), _("Hours used"), _("Hours open"),
                        _("Occupancy (%)")};
    report_csv_header(out, h, 5);
    const struct db_report_room **rows = calloc(r->nrooms + r->nroom_sites + 1, sizeof *rows);
    size_t n = rows ? occupancy_rows(r, rows) : 0;
    for (size_t i = 0; i < n; i++) {
        safe_csv_field(out, row_site(rows[i]), 1);
        safe_csv_field(out, row_room(rows[i]), 0);
        report_csv_decimal(out, rows[i]->used_minutes / 60.0, 1);
        report_csv_decimal(out, rows[i]->open_minutes / 60.0, 1);
        double occ = report_occupancy(rows[i]->used_minutes, rows[i]->open_minutes);
        report_csv_decimal(out, occ < 0 ? -1 : occ * 100.0, 1);
        safe_csv_end(out);
    }
    free(rows);
    safe_csv_end(out);

    report_csv_title(out, _("Requests waiting for a decision"));
    const char *hp[8] = {_("Request"), _("Association"), _("Room"), _("Site"),
                         _("Asked on"), _("Age (days)"), _("First date waiting"),
                         _("Dates waiting")};
    report_csv_header(out, hp, 8);
    for (size_t i = 0; i < r->npending; i++) {
        const struct report_pending *x = &r->pending[i];
        fprintf(out, "%lld", (long long)x->p.request_id);
        safe_csv_field(out, x->p.association, 0);
        safe_csv_field(out, x->p.room, 0);
        safe_csv_field(out, x->p.site, 0);
        safe_csv_field(out, x->p.created_at, 0);
        report_csv_num(out, x->age_days);
        safe_csv_field(out, x->p.first_date, 0);
        report_csv_num(out, x->p.pending_dates);
        safe_csv_end(out);
    }
    safe_csv_end(out);

    report_csv_title(out, _("Insurance certificates ending within 30 days or missing"));
    const char *hi[4] = {_("Association"), _("Insured until"), _("Days left"), _("Requests")};
    report_csv_header(out, hi, 4);
    for (size_t i = 0; i < r->ninsurance; i++) {
        const struct report_insurance *x = &r->insurance[i];
        safe_csv_field(out, x->a.name, 1);
        safe_csv_field(out, x->a.insurance_until, 0);
        if (x->known)
            fprintf(out, ";%ld", x->days_left);
        else
            fputc(';', out);
        report_csv_num(out, x->a.requests);
        safe_csv_end(out);
    }
    safe_csv_end(out);
}

/* ---- JSON --------------------------------------------------------------- */

static void json_hours(FILE *out, const char *key, long minutes)
{
    char buf[32];
    report_decimal(minutes / 60.0, 2, '.', buf, sizeof buf);
    fprintf(out, "\"%s\": %s", key, buf);
}

static void json_room(FILE *out, const struct db_report_room *x)
{
    json_hours(out, "hours_used", x->used_minutes);
    fputs(", ", out);
    json_hours(out, "hours_open", x->open_minutes);
    fputs(", \"occupancy\": ", out);
    report_json_rate(out, report_occupancy(x->used_minutes, x->open_minutes));
}

void report_loans_json(FILE *out, const struct report *r)
{
    fputs("  \"room_loans\": {\n    \"total\": {", out);
    json_room(out, &r->room_total);
    fputs("},\n    \"by_site\": [", out);
    for (size_t i = 0; i < r->nroom_sites; i++) {
        fprintf(out, "%s\n      {\"id\": %lld, \"name\": ", i ? "," : "",
                (long long)r->room_sites[i].site_id);
        safe_json_string(out, r->room_sites[i].site);
        fputs(", ", out);
        json_room(out, &r->room_sites[i]);
        fputc('}', out);
    }
    fputs(r->nroom_sites ? "\n    ],\n    \"by_room\": [" : "],\n    \"by_room\": [", out);
    for (size_t i = 0; i < r->nrooms; i++) {
        const struct db_report_room *x = &r->rooms[i];
        fprintf(out, "%s\n      {\"id\": %lld, \"name\": ", i ? "," : "", (long long)x->room_id);
        safe_json_string(out, x->room);
        fprintf(out, ", \"site_id\": %lld, \"site\": ", (long long)x->site_id);
        safe_json_string(out, x->site);
        fputs(", ", out);
        json_room(out, x);
        fputc('}', out);
    }
    fputs(r->nrooms ? "\n    ],\n    \"pending_requests\": [" : "],\n    \"pending_requests\": [",
          out);
    for (size_t i = 0; i < r->npending; i++) {
        const struct report_pending *x = &r->pending[i];
        fprintf(out, "%s\n      {\"request_id\": %lld, \"association\": ", i ? "," : "",
                (long long)x->p.request_id);
        safe_json_string(out, x->p.association);
        fputs(", \"room\": ", out);
        safe_json_string(out, x->p.room);
        fprintf(out, ", \"site_id\": %lld, \"site\": ", (long long)x->p.site_id);
        safe_json_string(out, x->p.site);
        fputs(", \"created_at\": ", out);
        safe_json_string(out, x->p.created_at);
        fprintf(out, ", \"age_days\": %ld, \"first_date\": ", x->age_days);
        safe_json_string(out, x->p.first_date);
        fprintf(out, ", \"dates_waiting\": %ld}", x->p.pending_dates);
    }
    fprintf(out, "%s\n    \"insurance_within_days\": %d,\n    \"insurance\": [",
            r->npending ? "\n    ]," : "],", REPORT_INSURANCE_DAYS);
    for (size_t i = 0; i < r->ninsurance; i++) {
        const struct report_insurance *x = &r->insurance[i];
        fprintf(out, "%s\n      {\"association_id\": %lld, \"name\": ", i ? "," : "",
                (long long)x->a.association_id);
        safe_json_string(out, x->a.name);
        fputs(", \"insured_until\": ", out);
        if (x->known) {
            safe_json_string(out, x->a.insurance_until);
            fprintf(out, ", \"days_left\": %ld", x->days_left);
        } else {
            fputs("null, \"days_left\": null", out);
        }
        fprintf(out, ", \"requests\": %ld}", x->a.requests);
    }
    fputs(r->ninsurance ? "\n    ]\n  },\n" : "]\n  },\n", out);
}

/* ---- HTML --------------------------------------------------------------- */

void report_loans_html(FILE *out, const struct report *r)
{
    if (!report_has_loans(r))
        return;
    char point = report_locale_point();
    report_html_tag(out, "h2", _("Room loans"));
    fputc('\n', out);
    if (r->nrooms) {
        report_html_tag(out, "h3", _("Room occupancy"));
        fputc('\n', out);
        report_svg_occupancy(out, r->rooms, r->nrooms);
        fputs("<table>\n", out);
        const char *h[5] = {_("Site"), _("Room"), _("Hours used"), _("Hours open"),
                            _("Occupancy")};
        report_html_head_row(out, h, 5);
        const struct db_report_room **rows =
            calloc(r->nrooms + r->nroom_sites + 1, sizeof *rows);
        size_t n = rows ? occupancy_rows(r, rows) : 0;
        for (size_t i = 0; i < n; i++) {
            char a[32], b[32];
            hours_text(rows[i]->used_minutes, point, a, sizeof a);
            hours_text(rows[i]->open_minutes, point, b, sizeof b);
            fputs(rows[i]->room_id ? "<tr>" : "<tr class=\"total\">", out);
            report_html_cell(out, row_site(rows[i]), 0);
            report_html_cell(out, row_room(rows[i]), 0);
            report_html_cell(out, a, 1);
            report_html_cell(out, b, 1);
            report_html_rate(out, report_occupancy(rows[i]->used_minutes,
                                                   rows[i]->open_minutes));
            fputs("</tr>\n", out);
        }
        free(rows);
        fputs("</tbody>\n</table>\n", out);
    }
    char now[CIVIL_DATE_LEN], line[256];
    civil_format_date_fr(r->req.now.date, now, sizeof now);
    snprintf(line, sizeof line,
             ngettext("%zu request waiting for a decision on %s",
                      "%zu requests waiting for a decision on %s", r->npending),
             r->npending, now);
    report_html_tag(out, "h3", _("Requests waiting for a decision"));
    fputc('\n', out);
    report_html_tag(out, "p", line);
    fputc('\n', out);
    if (r->npending) {
        fputs("<table>\n", out);
        const char *h[7] = {_("Request"), _("Association"), _("Room"), _("Site"),
                            _("Asked on"), _("Age (days)"), _("Dates waiting")};
        report_html_head_row(out, h, 7);
        for (size_t i = 0; i < r->npending; i++) {
            const struct report_pending *x = &r->pending[i];
            char day[11], asked[CIVIL_DATE_LEN];
            snprintf(day, sizeof day, "%.10s", x->p.created_at);
            date_fr(day, asked, sizeof asked);
            fputs("<tr>", out);
            report_html_num(out, (long)x->p.request_id);
            report_html_cell(out, x->p.association, 0);
            report_html_cell(out, x->p.room, 0);
            report_html_cell(out, x->p.site, 0);
            report_html_cell(out, asked, 0);
            report_html_num(out, x->age_days);
            report_html_num(out, x->p.pending_dates);
            fputs("</tr>\n", out);
        }
        fputs("</tbody>\n</table>\n", out);
    }
    snprintf(line, sizeof line, _("Insurance certificates ending within %d days or missing: %zu"),
             REPORT_INSURANCE_DAYS, r->ninsurance);
    report_html_tag(out, "h3", _("Insurance certificates"));
    fputc('\n', out);
    report_html_tag(out, "p", line);
    fputc('\n', out);
    if (r->ninsurance) {
        fputs("<table>\n", out);
        const char *h[4] = {_("Association"), _("Insured until"), _("Days left"),
                            _("Requests")};
        report_html_head_row(out, h, 4);
        for (size_t i = 0; i < r->ninsurance; i++) {
            const struct report_insurance *x = &r->insurance[i];
            char until[64], left[24];
            if (x->known) {
                date_fr(x->a.insurance_until, until, sizeof until);
                snprintf(left, sizeof left, "%ld", x->days_left);
            } else {
                snprintf(until, sizeof until, "%s", _("none on file"));
                snprintf(left, sizeof left, "-");
            }
            fputs("<tr>", out);
            report_html_cell(out, x->a.name, 0);
            report_html_cell(out, until, 0);
            report_html_cell(out, left, 1);
            report_html_num(out, x->a.requests);
            fputs("</tr>\n", out);
        }
        fputs("</tbody>\n</table>\n", out);
    }
}
