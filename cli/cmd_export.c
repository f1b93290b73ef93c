/* cmd_export.c - `guichet export day --site S --date D [--format
 * text|html]`: the printable day sheet of a site, one part per agent of
 * the site (and any other agent booked there that day) with times, names,
 * motifs, statuses (with the reason of a cancellation) and arrivals;
 * agents are named "First Last" as in the console. HTML is one self-contained page with
 * every text escaped and a print style. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "loans_cli.h"
#include "../common/clock.h"
#include "../common/i18n.h"

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet export day --site S --date D [--format text|html]\n"
        "Prints the day sheet of site S (name or id) for date D (YYYY-MM-DD or\n"
        "DD/MM/YYYY): each agent's appointments with times, people, motifs,\n"
        "statuses and arrival times.\n"
        "  --db FILE      database file (config: db)\n"
        "  --format F     text (default) or html (a page to print)\n"
        "Exit: 0 done, 1 failed, 2 bad input.\n"), action);
}

/* One part of the sheet: an agent and their rows (indexes into rows). */
struct part {
    int64_t agent_id;
    char name[2 * DB_NAME_LEN + 2];
    size_t first, count;
};

static void hhmm(const char *datetime, char out[CIVIL_TIME_LEN])
{
    snprintf(out, CIVIL_TIME_LEN, "%s", strlen(datetime) >= 16 ? datetime + 11 : "");
}

static void text_sheet(const struct db_site *site, const char *date,
                       const struct part *parts, size_t nparts,
                       const struct db_appt_row *rows, struct civil_datetime now)
{
    desk_print_line(stdout, "%s - %s", site->name, date);
    for (size_t p = 0; p < nparts; p++) {
        putchar('\n');
        desk_print_line(stdout, "%s", parts[p].name);
        if (parts[p].count == 0)
            desk_print_line(stdout, "  %s", _("no appointment"));
        for (size_t i = parts[p].first; i < parts[p].first + parts[p].count; i++) {
            const struct db_appt *a = &rows[i].day.appt;
            char s[CIVIL_TIME_LEN], e[CIVIL_TIME_LEN], t[CIVIL_TIME_LEN] = "";
            char reason[DB_TEXT_LEN + 64] = "", arrived[64] = "";
            hhmm(a->starts_at, s);
            hhmm(a->ends_at, e);
            if (rows[i].cancel_reason[0])
                snprintf(reason, sizeof reason, _(", reason: %s"), rows[i].cancel_reason);
            if (a->arrived_at[0]) {
                hhmm(a->arrived_at, t);
                snprintf(arrived, sizeof arrived, _(", arrived %s"), t);
            }
            desk_print_line(stdout, "  %s-%s  %s %s | %s | %s%s%s", s, e, rows[i].day.person_last,
                            rows[i].day.person_first, rows[i].day.motif_name,
                            desk_status_word(a, now), reason, arrived);
        }
    }
}

static void td(const char *s)
{
    fputs("<td>", stdout);
    safe_html_text(stdout, s);
    fputs("</td>", stdout);
}

static void html_sheet(const struct db_site *site, const char *date,
                       const struct part *parts, size_t nparts,
                       const struct db_appt_row *rows, struct civil_datetime now)
{
    /* TRANSLATORS: the language code of this catalogue, for HTML ("fr"). */
    const char *lang = _("en");
    printf("<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<title>", lang);
    safe_html_text(stdout, site->name);
    fputs(" - ", stdout);
    safe_html_text(stdout, date);
    fputs("</title>\n<style>\n"
          "body { font-family: sans-serif; font-size: 11pt; margin: 1.5em; }\n"
          "h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 1.2em; }\n"
          "table { border-collapse: collapse; width: 100%; }\n"
          "th, td { border: 1px solid #888; padding: 2px 6px; text-align: left; }\n"
          "tr.cancelled td { text-decoration: line-through; color: #555; }\n"
          "@media print { h2 { page-break-after: avoid; }"
          " table { page-break-inside: auto; } tr { page-break-inside: avoid; } }\n"
          "</style>\n</head>\n<body>\n<h1>", stdout);
    safe_html_text(stdout, site->name);
    fputs(" &ndash; ", stdout);
    safe_html_text(stdout, date);
    fputs("</h1>\n", stdout);
    for (size_t p = 0; p < nparts; p++) {
        fputs("<h2>", stdout);
        safe_html_text(stdout, parts[p].name);
        fputs("</h2>\n", stdout);
        if (parts[p].count == 0) {
            fputs("<p>", stdout);
            safe_html_text(stdout, _("no appointment"));
            fputs("</p>\n", stdout);
            continue;
        }
        fputs("<table>\n<tr>", stdout);
        const char *head[] = {_("Time"), _("Person"), _("Phone"), _("Motif"),
                              _("Status"), _("Arrived"), _("Note")};
        for (size_t k = 0; k < sizeof head / sizeof head[0]; k++) {
            fputs("<th>", stdout);
            safe_html_text(stdout, head[k]);
            fputs("</th>", stdout);
        }
        fputs("</tr>\n", stdout);
        for (size_t i = parts[p].first; i < parts[p].first + parts[p].count; i++) {
            const struct db_appt *a = &rows[i].day.appt;
            char when[2 * CIVIL_TIME_LEN + 1], s[CIVIL_TIME_LEN], e[CIVIL_TIME_LEN];
            char t[CIVIL_TIME_LEN] = "", who[2 * DB_NAME_LEN + 2];
            hhmm(a->starts_at, s);
            hhmm(a->ends_at, e);
            snprintf(when, sizeof when, "%s-%s", s, e);
            if (a->arrived_at[0])
                hhmm(a->arrived_at, t);
            snprintf(who, sizeof who, "%s %s", rows[i].day.person_last,
                     rows[i].day.person_first);
            printf("<tr%s>", appt_status_is_cancelled(a->status)
                                 ? " class=\"cancelled\"" : "");
            td(when);
            td(who);
            td(rows[i].person_phone);
            td(rows[i].day.motif_name);
            /* A cancellation says why, as the status column's second part. */
            char status[DB_TEXT_LEN + 128];
            snprintf(status, sizeof status, "%s", desk_status_word(a, now));
            if (rows[i].cancel_reason[0]) {
                size_t used = strlen(status);
                snprintf(status + used, sizeof status - used, _(", reason: %s"),
                         rows[i].cancel_reason);
            }
            td(status);
            td(t);
            td(a->context);
            fputs("</tr>\n", stdout);
        }
        fputs("</table>\n", stdout);
    }
    fputs("</body>\n</html>\n", stdout);
}

/* The site's agents (even without appointments), then any other agent
 * booked there that day; rows are ordered by agent name, so each agent's
 * rows are contiguous. */
static struct part *make_parts(const struct db_agent *agents, size_t nagents,
                               const struct db_appt_row *rows, size_t nrows,
                               size_t *nparts)
{
    struct part *parts = calloc(nagents + nrows + 1, sizeof *parts);
    if (!parts)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < nagents; i++) {
        parts[n].agent_id = agents[i].id;
        snprintf(parts[n].name, sizeof parts[n].name, "%s %s",
                 agents[i].first_name, agents[i].last_name);
        n++;
    }
    for (size_t i = 0; i < nrows; i++) {
        int64_t id = rows[i].day.appt.agent_id;
        size_t k = 0;
        while (k < n && parts[k].agent_id != id)
            k++;
        if (k == n) {
            parts[n].agent_id = id;
            snprintf(parts[n].name, sizeof parts[n].name, "%s %s",
                     rows[i].agent_first, rows[i].agent_last);
            n++;
        }
        if (parts[k].count == 0)
            parts[k].first = i;
        parts[k].count++;
    }
    *nparts = n;
    return parts;
}

static int export_day(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"date", required_argument, NULL, 'D'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *site_text = NULL, *date_text = NULL, *format_text = NULL;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        int common = cli_common_option(c, optarg);
        if (common > 0)
            return common;
        if (common == 0)
            continue;
        switch (c) {
        case 'D': date_text = optarg; break;
        case 'f': format_text = optarg; break;
        case 'h': help(argv[0]); return CLI_EXIT_OK;
        case ':':
            cli_print_error(_("option %s needs a value"), argv[optind - 1]);
            return CLI_EXIT_USAGE;
        default:
            return cli_unknown_option(argv[optind - 1], "export day", longopts);
        }
    }
    if (optind < argc) {
        cli_print_error(_("unexpected argument \"%s\" (see guichet %s --help)"),
                        argv[optind], "export day");
        return CLI_EXIT_USAGE;
    }
    if (cli_settings()->site_given)
        site_text = cli_settings()->site;
    if (!site_text)
        return desk_missing("--site", "export day");
    if (!date_text)
        return desk_missing("--date", "export day");
    struct civil_date day, next;
    if (civil_parse_date(date_text, &day) != 0 ||
        civil_date_add_days(day, 1, &next) != 0)
        return desk_bad_value("--date", date_text);
    int format = format_text ? desk_parse_format(format_text, 0x9) : DESK_TEXT;
    if (format < 0)
        return desk_bad_value("--format", format_text);
    struct db *db = NULL;
    int rc = desk_open(&db);
    if (rc)
        return rc;
    struct db_site site;
    if ((rc = desk_find_site(db, site_text, &site))) {
        db_close(db);
        return rc;
    }
    struct db_agent *agents = NULL;
    struct db_appt_row *rows = NULL;
    size_t nagents = 0, nrows = 0, nparts = 0;
    struct db_error err = {0};
    if (db_site_agents(db, site.id, &agents, &nagents, &err) != DB_OK ||
        db_appt_range(db, site.id, day, next, &rows, &nrows, &err) != DB_OK) {
        free(agents);
        db_close(db);
        return desk_fail(NULL, &err);
    }
    struct part *parts = make_parts(agents, nagents, rows, nrows, &nparts);
    char date[CIVIL_DATE_LEN];
    civil_format_date_fr(day, date, sizeof date);
    struct civil_datetime now;
    db_site_now(db, site.id, &now); /* the site's own clock */
    if (!parts) {
        cli_print_error("%s", _("out of memory"));
        rc = CLI_EXIT_FAILURE;
    } else if (format == DESK_HTML) {
        html_sheet(&site, date, parts, nparts, rows, now);
    } else {
        text_sheet(&site, date, parts, nparts, rows, now);
    }
    free(parts);
    free(agents);
    free(rows);
    db_close(db);
    return rc;
}

int cli_cmd_export(int argc, char **argv)
{
    static const struct cli_action actions[] = {
        {"day", export_day},
        {"room", loans_export_room},
        {"loans", loans_export_loans},
    };
    return cli_run_action(argc, argv, "export", actions,
                          sizeof actions / sizeof actions[0], help);
}
