/* cmd_report.c - `guichet report [--date D | --from D --to D] [--site S]
 * [--format text|csv|json|html] [--out FILE]`: the supervisors' summary of
 * a day or a period (report/). Works without a terminal (cron): with --out
 * the file is written atomically (temporary file in the same folder, then
 * rename) and a file that cannot be written is a message and exit 1. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "desk.h"
#include "../common/clock.h"
#include "../common/i18n.h"
#include "../report/report.h"

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet report [--date D | --from D --to D] [--site S]\n"
        "                      [--format text|csv|json|html] [--out FILE]\n"
        "Summary of a day (default: today) or of the days from D to D (both\n"
        "included): appointments by site, service, agent and motif with the\n"
        "no-show rate, arrivals and waiting times, appointments created, moved\n"
        "and cancelled and by whom, the next day's appointments, the no-show rate\n"
        "of the last 8 weeks. Dates: YYYY-MM-DD or DD/MM/YYYY.\n"
        "  --db FILE      database file (config: db)\n"
        "  --site S       one site (name or id); default: every site\n"
        "  --format F     text (default), csv (French spreadsheets), json, html\n"
        "  --out FILE     write FILE (atomically) instead of the standard output\n"
        "Exit: 0 done, 1 failed (database, output file), 2 bad input.\n"), action);
}

struct report_args {
    const char *date, *from, *to, *site, *format, *out;
};

static void set_option(void *args, int letter, const char *value)
{
    struct report_args *a = args;
    switch (letter) {
    case 'D': a->date = value; break;
    case 'F': a->from = value; break;
    case 'T': a->to = value; break;
    case 's': a->site = value; break;
    case 'f': a->format = value; break;
    case 'o': a->out = value; break;
    }
}

static int parse_date(const char *option, const char *text, struct civil_date *out)
{
    if (civil_parse_date(text, out) != 0)
        return desk_bad_value(option, text);
    return CLI_EXIT_OK;
}

int cli_cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"date", required_argument, NULL, 'D'},
        {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},
        {"format", required_argument, NULL, 'f'},
        {"out", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct report_args a = {0};
    int want_help = 0, npos = 0;
    const char *pos[1];
    int rc = desk_parse_args(argc, argv, longopts, "DFTsfo", "report", &want_help,
                             pos, 0, &npos, set_option, &a);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (want_help) {
        help(NULL);
        return CLI_EXIT_OK;
    }
    struct report_request req = {0};
    clock_now(&req.now, NULL);
    req.from = req.to = req.now.date;
    if (a.date && (a.from || a.to)) {
        cli_print_error("%s", _("give either --date or --from and --to"));
        return CLI_EXIT_USAGE;
    }
    if (a.date && (rc = parse_date("--date", a.date, &req.from)))
        return rc;
    if (a.date)
        req.to = req.from;
    if ((a.from != NULL) != (a.to != NULL))
        return desk_missing(a.from ? "--to" : "--from", "report");
    if (a.from && ((rc = parse_date("--from", a.from, &req.from)) ||
                   (rc = parse_date("--to", a.to, &req.to))))
        return rc;
    struct civil_date after;
    if (civil_date_compare(req.from, req.to) > 0) {
        cli_print_error(_("--from %s is after --to %s"), a.from, a.to);
        return CLI_EXIT_USAGE;
    }
    if (civil_date_add_days(req.to, 1, &after) != 0)
        return desk_bad_value(a.to ? "--to" : "--date", a.to ? a.to : a.date);
    int format = a.format ? desk_parse_format(a.format, 0xF) : DESK_TEXT;
    if (format < 0)
        return desk_bad_value("--format", a.format);
    if (a.out && !a.out[0])
        return desk_bad_value("--out", a.out);

    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    db_report_read_mapped(db);
    if (a.site) {
        struct db_site site;
        if ((rc = desk_find_site(db, a.site, &site))) {
            db_close(db);
            return rc;
        }
        req.site_id = site.id;
    }
    struct report r;
    struct db_error err = {0};
    if (report_build(db, &req, &r, &err) != DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    db_close(db);

    static const enum report_format formats[] = {
        [DESK_TEXT] = REPORT_TEXT, [DESK_CSV] = REPORT_CSV,
        [DESK_JSON] = REPORT_JSON, [DESK_HTML] = REPORT_HTML,
    };
    if (!a.out) {
        rc = report_render(stdout, &r, formats[format]) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
        if (rc)
            cli_print_error(_("cannot write the report: %s"), strerror(errno));
        report_free(&r);
        return rc;
    }
    struct report_file f;
    int opened = report_file_open(&f, a.out);
    if (opened == -2) {
        cli_print_error(_("cannot write %s: not a regular file"), a.out);
        report_free(&r);
        return CLI_EXIT_FAILURE;
    }
    if (opened != 0) {
        cli_print_error(_("cannot write %s: %s"), a.out, strerror(errno));
        report_free(&r);
        return CLI_EXIT_FAILURE;
    }
    if (report_render(f.fp, &r, formats[format]) != 0) {
        int e = errno;
        report_file_abort(&f);
        cli_print_error(_("cannot write %s: %s"), a.out, strerror(e));
        rc = CLI_EXIT_FAILURE;
    } else if (report_file_commit(&f) != 0) {
        cli_print_error(_("cannot write %s: %s"), a.out, strerror(errno));
        rc = CLI_EXIT_FAILURE;
    }
    report_free(&r);
    return rc;
}
