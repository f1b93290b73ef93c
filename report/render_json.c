/* render_json.c - the summary as JSON, in the shape documented in
 * docs/report-json.md ("format": "guichet-report", "version": 1). Keys are
 * English and never translated; numbers use a dot; rates are fractions in
 * [0, 1] with 4 decimals, or null when undefined; text is always valid
 * UTF-8 (common/safe_formats.h). A new field may be added in a later version 1; a field
 * is never renamed or removed without raising "version". */
#include "render_int.h"

static void key(FILE *out, const char *k)
{
    fprintf(out, "\"%s\": ", k);
}

void report_json_rate(FILE *out, double v)
{
    if (v < 0) {
        fputs("null", out);
        return;
    }
    char buf[32];
    report_decimal(v, 4, '.', buf, sizeof buf);
    fputs(buf, out);
}

static void counts(FILE *out, const struct summary_counts *c)
{
    fprintf(out, "\"booked\": %ld, \"seen\": %ld, \"noshow\": %ld, \"excused\": %ld,"
                 " \"revoked\": %ld, \"to_fill_in\": %ld, \"upcoming\": %ld, \"noshow_rate\": ",
            c->booked, c->seen, c->noshow, c->excused, c->revoked, c->to_fill_in,
            c->upcoming);
    report_json_rate(out, summary_counts_noshow_rate(c));
}

static void lines(FILE *out, const char *name, const struct report_line *l, size_t n,
                  const char *detail_key)
{
    fprintf(out, "    \"%s\": [", name);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%s\n      {\"id\": %lld, \"name\": ", i ? "," : "", (long long)l[i].id);
        safe_json_string(out, l[i].name);
        if (detail_key) {
            fprintf(out, ", \"%s\": ", detail_key);
            safe_json_string(out, l[i].detail);
        }
        fputs(", ", out);
        counts(out, &l[i].counts);
        fputc('}', out);
    }
    fputs(n ? "\n    ]" : "]", out);
}

static void wait(FILE *out, const struct report_wait *w)
{
    fprintf(out, "\"arrivals\": %ld, \"seen_after_arrival\": %ld, \"wait_median_minutes\": ",
            w->arrivals, w->waits);
    if (w->median < 0)
        fputs("null", out);
    else {
        char buf[32];
        report_decimal(w->median, 1, '.', buf, sizeof buf);
        fputs(buf, out);
    }
    fputs(", \"wait_p90_minutes\": ", out);
    if (w->p90 < 0)
        fputs("null", out);
    else
        fprintf(out, "%d", w->p90);
}

void report_json_date(FILE *out, struct civil_date d)
{
    char buf[CIVIL_DATE_LEN];
    civil_format_date(d, buf, sizeof buf);
    fprintf(out, "\"%s\"", buf);
}

int report_render_json(FILE *out, const struct report *r)
{
    char now[CIVIL_DATETIME_LEN];
    civil_format_datetime(r->req.now, now, sizeof now);
    fprintf(out, "{\n  \"format\": \"guichet-report\",\n  \"version\": 1,\n"
                 "  \"generated_at\": \"%s\",\n  \"period\": {\"from\": ", now);
    report_json_date(out, r->req.from);
    fputs(", \"to\": ", out);
    report_json_date(out, r->req.to);
    fprintf(out, ", \"days\": %d},\n  ", r->days);
    key(out, "site");
    if (r->req.site_id) {
        fprintf(out, "{\"id\": %lld, \"name\": ", (long long)r->req.site_id);
        safe_json_string(out, r->site_name);
        fputc('}', out);
    } else {
        fputs("null", out);
    }
    fprintf(out, ",\n  \"empty\": %s,\n", report_is_empty(r) ? "true" : "false");

    fputs("  \"appointments\": {\n    \"total\": {", out);
    counts(out, &r->total);
    fputs("},\n", out);
    lines(out, "by_site", r->sites, r->nsites, NULL);
    fputs(",\n", out);
    lines(out, "by_service", r->services, r->nservices, NULL);
    fputs(",\n", out);
    lines(out, "by_agent", r->agents, r->nagents, NULL);
    fputs(",\n", out);
    lines(out, "by_motif", r->motifs, r->nmotifs, "service");
    fputs("\n  },\n", out);

    fputs("  \"arrivals\": {\n    \"total\": {", out);
    wait(out, &r->wait_total);
    fputs("},\n    \"by_site\": [", out);
    for (size_t i = 0; i < r->nwaits; i++) {
        fprintf(out, "%s\n      {\"id\": %lld, \"name\": ", i ? "," : "",
                (long long)r->waits[i].id);
        safe_json_string(out, r->waits[i].name);
        fputs(", ", out);
        wait(out, &r->waits[i]);
        fputc('}', out);
    }
    fputs(r->nwaits ? "\n    ]\n  },\n" : "]\n  },\n", out);

    fprintf(out, "  \"changes\": {\n    \"total\": {\"created\": %ld, \"moved\": %ld,"
                 " \"cancelled\": %ld},\n    \"by_actor\": [",
            r->change_total.created, r->change_total.moved, r->change_total.cancelled);
    for (size_t i = 0; i < r->nchanges; i++) {
        fprintf(out, "%s\n      {\"actor\": ", i ? "," : "");
        safe_json_string(out, r->changes[i].actor);
        fprintf(out, ", \"created\": %ld, \"moved\": %ld, \"cancelled\": %ld}",
                r->changes[i].created, r->changes[i].moved, r->changes[i].cancelled);
    }
    fputs(r->nchanges ? "\n    ]\n  },\n" : "]\n  },\n", out);
    report_alerts_json(out, r);
    report_loans_json(out, r);

    fputs("  \"next_day\": {\n    \"date\": ", out);
    report_json_date(out, r->next_day);
    fprintf(out, ",\n    \"appointments\": %ld,\n    \"by_site\": [", r->next_total);
    for (size_t i = 0; i < r->nnext_sites; i++) {
        fprintf(out, "%s\n      {\"id\": %lld, \"name\": ", i ? "," : "",
                (long long)r->next_sites[i].id);
        safe_json_string(out, r->next_sites[i].name);
        fprintf(out, ", \"appointments\": %ld}", r->next_sites[i].counts.booked);
    }
    fputs(r->nnext_sites ? "\n    ],\n    \"by_agent\": [" : "],\n    \"by_agent\": [", out);
    for (size_t i = 0; i < r->nnext; i++) {
        char a[16], b[16];
        report_clock_text(r->next[i].first_minute, a, sizeof a);
        report_clock_text(r->next[i].last_minute, b, sizeof b);
        fprintf(out, "%s\n      {\"site_id\": %lld, \"site\": ", i ? "," : "",
                (long long)r->next[i].site_id);
        safe_json_string(out, r->next[i].site);
        fputs(", \"agent\": ", out);
        safe_json_string(out, r->next[i].agent);
        fprintf(out, ", \"appointments\": %ld, \"first_start\": \"%s\", \"last_end\": \"%s\"}",
                r->next[i].count, a, b);
    }
    fputs(r->nnext ? "\n    ]" : "]", out);
    report_tomorrow_risk_json(out, r);
    fputs("\n  },\n", out);

    fputs("  \"noshow_weeks\": [", out);
    for (int i = 0; i < REPORT_WEEKS; i++) {
        fprintf(out, "%s\n    {\"week_start\": ", i ? "," : "");
        report_json_date(out, r->weeks[i].start);
        fprintf(out, ", \"seen\": %ld, \"noshow\": %ld, \"noshow_rate\": ", r->weeks[i].seen,
                r->weeks[i].noshow);
        report_json_rate(out, summary_noshow_rate(r->weeks[i].seen, r->weeks[i].noshow));
        fputc('}', out);
    }
    fputs("\n  ]\n}\n", out);
    fflush(out);
    return ferror(out) ? -1 : 0;
}
