/* cmd_loan.c - `guichet loan request|approve|refuse|cancel|move|edit|list|
 * pending` (closure and hours: cmd_loan_places.c): room loans from the command line, with the rules, messages and
 * audit of the console. A request prints its id and the dates it skips with
 * their reasons, and the dates that clash with approved loans; a refused
 * command exits non-zero and writes nothing. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loans_cli.h"
#include "../common/i18n.h"

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet loan ACTION [options]\n"
        "  request --room R --association A (--weekdays tue[,thu] --time 18:00-20:00\n"
        "          --from D [--to D] [--every N] | --on D --time HH:MM-HH:MM)\n"
        "          [--purpose TEXT] [--attendance N]\n"
        "          prints the request id, the skipped dates with their reasons and\n"
        "          the dates already lent to others; --to defaults to the end of the\n"
        "          school year\n"
        "  approve|refuse|cancel ID [--date D] [--reason TEXT]\n"
        "          the whole request, or one date of it\n"
        "  move ID --date D --to-date D [--time HH:MM-HH:MM]   one date elsewhere\n"
        "  edit ID --date D --scope following|all [--weekdays W] [--time T]\n"
        "          [--every N] [--to D]   change the series from that date on, or all\n"
        "  list [--room R] [--association A] [--site S] [--from D --to D]\n"
        "       [--skipped] [--format text|csv|json]   one line per date\n"
        "  pending                    requests waiting for a decision, by first date\n"
        "  closure add|list|remove    days a collège lends no room (guichet loan\n"
        "                             closure --help)\n"
        "  hours add|list|remove      a collège's lending hours per weekday\n"
        "Rooms are named by id, name or \"site/name\"; associations by id or name.\n"
        "Exit: 0 done, 1 refused (a clash, nothing to do), 2 bad input.\n"), action);
}

struct loan_args {
    struct desk_args base;
    const char *room, *association, *site, *weekdays, *time, *from, *to, *every, *on,
        *purpose, *attendance, *date, *reason, *format, *to_date, *scope;
    int skipped;
};

static const struct option longopts[] = {
    CLI_COMMON_OPTIONS,
    {"room", required_argument, NULL, 'r'},
    {"association", required_argument, NULL, 'a'},
    {"weekdays", required_argument, NULL, 'w'},
    {"weekday", required_argument, NULL, 'w'},
    {"time", required_argument, NULL, 't'},
    {"from", required_argument, NULL, 'F'},
    {"to", required_argument, NULL, 'T'},
    {"every", required_argument, NULL, 'e'},
    {"on", required_argument, NULL, 'o'},
    {"purpose", required_argument, NULL, 'p'},
    {"attendance", required_argument, NULL, 'n'},
    {"date", required_argument, NULL, 'D'},
    {"reason", required_argument, NULL, 'R'},
    {"format", required_argument, NULL, 'f'},
    {"to-date", required_argument, NULL, 'M'},
    {"scope", required_argument, NULL, 'S'},
    {"skipped", no_argument, NULL, 'k'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void set_option(void *args, int letter, const char *v)
{
    struct loan_args *a = args;
    switch (letter) {
    case 'r': a->room = v; break;
    case 'a': a->association = v; break;
    case 's': a->site = v; break;
    case 'w': a->weekdays = v; break;
    case 't': a->time = v; break;
    case 'F': a->from = v; break;
    case 'T': a->to = v; break;
    case 'e': a->every = v; break;
    case 'o': a->on = v; break;
    case 'p': a->purpose = v; break;
    case 'n': a->attendance = v; break;
    case 'D': a->date = v; break;
    case 'R': a->reason = v; break;
    case 'f': a->format = v; break;
    case 'M': a->to_date = v; break;
    case 'S': a->scope = v; break;
    case 'k': a->skipped = 1; break;
    }
}

static int parse(int argc, char **argv, void (*show_help)(const char *action),
                 const struct desk_action *act, struct loan_args *a)
{
    const struct desk_options o = {longopts, set_option, show_help};
    return desk_parse_action(argc, argv, &o, act, a, sizeof *a);
}

static int parse_date(const char *text, const char *option, struct civil_date *out)
{
    if (civil_parse_date(text, out) != 0) {
        cli_print_error(_("%s: not a valid date: \"%s\" (DD/MM/YYYY)"), option, text);
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

/* A skipped date's reason for a person: public holidays have translated
 * names; school holidays and closures are shown as written. */
static const char *reason_text(const struct db_loan_date *d)
{
    return d->closure == LOAN_CLOSED_PUBLIC_HOLIDAY && d->reason[0] ? _(d->reason) : d->reason;
}

static void print_preview(const struct db_loan_preview *p)
{
    char first[CIVIL_DATE_LEN], last[CIVIL_DATE_LEN];
    civil_format_date_fr(p->pattern.first, first, sizeof first);
    civil_format_date_fr(p->pattern.last, last, sizeof last);
    printf(ngettext("%zu date from %s to %s\n", "%zu dates from %s to %s\n", p->n_dates),
           p->n_dates, first, last);
    if (p->n_skipped)
        printf(ngettext("%zu date skipped:\n", "%zu dates skipped:\n", p->n_skipped),
               p->n_skipped);
    for (size_t i = 0; i < p->n_skipped; i++) {
        char d[CIVIL_DATE_LEN];
        civil_format_date_fr(p->skipped[i].date, d, sizeof d);
        printf("  %s  %s\n", d, reason_text(&p->skipped[i]));
    }
    if (p->n_clashes)
        printf(ngettext("%zu date already lent to another association:\n",
                        "%zu dates already lent to another association:\n", p->n_clashes),
               p->n_clashes);
    for (size_t i = 0; i < p->n_clashes; i++) {
        char d[CIVIL_DATE_LEN];
        civil_format_date_fr(p->clashes[i].date, d, sizeof d);
        printf("  %s  %s\n", d, p->clashes[i].reason);
    }
}

static int find_room_assoc(struct db *db, const struct loan_args *a, int64_t *room,
                           int64_t *association)
{
    struct db_error err = {0};
    if (a->room) {
        struct db_room r;
        if (db_room_find(db, a->room, &r, &err) != DB_OK)
            return loans_fail("--room", &err);
        *room = r.id;
    }
    if (a->association) {
        struct db_association x;
        if (db_association_find(db, a->association, &x, &err) != DB_OK)
            return loans_fail("--association", &err);
        *association = x.id;
    }
    return CLI_EXIT_OK;
}

static int loan_request(int argc, char **argv)
{
    static const struct desk_action act = {"loan request", "rawtFTeopn", "rat"};
    struct loan_args a;
    int rc = parse(argc, argv, help, &act, &a);
    if (rc || a.base.help)
        return rc;
    struct db_loan_request req;
    memset(&req, 0, sizeof req);
    req.pattern.every_weeks = 1;
    if (loan_parse_time_range(a.time, &req.pattern.start_minute, &req.pattern.end_minute) != 0)
        return desk_bad_value("--time", a.time);
    if (a.on) {
        if (a.weekdays || a.from || a.to || a.every) {
            cli_print_error("%s", _("--on is a single date: no --weekdays, --from, --to or "
                                    "--every with it"));
            return CLI_EXIT_USAGE;
        }
        if ((rc = parse_date(a.on, "--on", &req.pattern.first)))
            return rc;
        req.pattern.last = req.pattern.first;
        req.pattern.weekdays = LOAN_DAY(civil_weekday(req.pattern.first));
    } else {
        if (!a.weekdays)
            return desk_missing("--weekdays", "loan request");
        if (!a.from)
            return desk_missing("--from", "loan request");
        if (loan_parse_weekdays(a.weekdays, &req.pattern.weekdays) != 0)
            return desk_bad_value("--weekdays", a.weekdays);
        if ((rc = parse_date(a.from, "--from", &req.pattern.first)))
            return rc;
        if (a.to && (rc = parse_date(a.to, "--to", &req.pattern.last)))
            return rc;
        long every = 1;
        if (a.every && cli_parse_long(a.every, 1, LOAN_MAX_EVERY_WEEKS, &every) != 0)
            return desk_bad_value("--every", a.every);
        req.pattern.every_weeks = (int)every;
    }
    long attendance = 0;
    if (a.attendance && cli_parse_long(a.attendance, 1, 100000, &attendance) != 0)
        return desk_bad_value("--attendance", a.attendance);
    req.attendance = (int)attendance;
    if ((rc = loans_copy(req.purpose, sizeof req.purpose, a.purpose, "--purpose")))
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    if ((rc = find_room_assoc(db, &a, &req.room_id, &req.association_id))) {
        db_close(db);
        return rc;
    }
    struct db_error err = {0};
    struct db_loan_preview p;
    int64_t id;
    if (db_loan_request_add(db, &req, &id, &p, &err) == DB_OK) {
        printf(_("request %lld\n"), (long long)id);
        print_preview(&p);
        db_loan_preview_free(&p);
    } else {
        rc = loans_fail(NULL, &err);
    }
    db_close(db);
    return rc;
}

static int loan_decide(int argc, char **argv, enum db_loan_decision what, const char *command)
{
    const struct desk_action act = {command, "DR", "", 1, 1, "ID"};
    struct loan_args a;
    int rc = parse(argc, argv, help, &act, &a);
    if (rc || a.base.help)
        return rc;
    int64_t id;
    if ((rc = desk_parse_id(a.base.pos[0], "ID", &id)))
        return rc;
    struct civil_date d;
    char date[CIVIL_DATE_LEN] = "";
    if (a.date) {
        if ((rc = parse_date(a.date, "--date", &d)))
            return rc;
        civil_format_date(d, date, sizeof date);
    }
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    struct db_loan_outcome out;
    if (db_loan_decide(db, id, date, what, a.reason, &out, &err) == DB_OK) {
        switch (what) {
        case DB_DECIDE_APPROVE:
            printf(ngettext("%zu date approved\n", "%zu dates approved\n", out.changed),
                   out.changed);
            break;
        case DB_DECIDE_REFUSE:
            printf(ngettext("%zu date refused\n", "%zu dates refused\n", out.changed),
                   out.changed);
            break;
        case DB_DECIDE_CANCEL:
            printf(ngettext("%zu date cancelled\n", "%zu dates cancelled\n", out.changed),
                   out.changed);
            break;
        }
        if (out.insurance_warning) {
            if (out.insurance_until[0]) {
                struct civil_date u;
                char fr[CIVIL_DATE_LEN];
                civil_parse_date(out.insurance_until, &u);
                civil_format_date_fr(u, fr, sizeof fr);
                fprintf(stderr, _("guichet: warning: the association's insurance "
                                  "certificate runs out on %s\n"), fr);
            } else {
                fprintf(stderr, "%s\n", _("guichet: warning: no insurance certificate "
                                          "date for this association"));
            }
        }
    } else {
        rc = loans_fail(NULL, &err);
    }
    db_close(db);
    return rc;
}

static int loan_move(int argc, char **argv)
{
    static const struct desk_action act = {"loan move", "DMt", "DM", 1, 1, "ID"};
    struct loan_args a;
    int rc = parse(argc, argv, help, &act, &a);
    if (rc || a.base.help)
        return rc;
    int64_t id;
    if ((rc = desk_parse_id(a.base.pos[0], "ID", &id)))
        return rc;
    struct civil_date d, nd;
    if ((rc = parse_date(a.date, "--date", &d)) || (rc = parse_date(a.to_date, "--to-date", &nd)))
        return rc;
    int start = -1, end = -1;
    if (a.time && loan_parse_time_range(a.time, &start, &end) != 0)
        return desk_bad_value("--time", a.time);
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    char day[CIVIL_DATE_LEN], nday[CIVIL_DATE_LEN];
    civil_format_date(d, day, sizeof day);
    civil_format_date(nd, nday, sizeof nday);
    struct db_error err = {0};
    if (start < 0) {
        /* Keep the time of that date. */
        struct db_loan_filter f = {0};
        snprintf(f.from, sizeof f.from, "%s", day);
        snprintf(f.to, sizeof f.to, "%s", day);
        struct db_loan_row *rows;
        size_t n;
        if (db_loan_list(db, &f, &rows, &n, &err) != DB_OK) {
            db_close(db);
            return loans_fail(NULL, &err);
        }
        for (size_t i = 0; i < n; i++)
            if (rows[i].request_id == id) {
                start = rows[i].start_minute;
                end = rows[i].end_minute;
            }
        free(rows);
        if (start < 0) {
            db_close(db);
            cli_print_error(_("%s: no such date in request %lld"), day, (long long)id);
            return CLI_EXIT_USAGE;
        }
    }
    if (db_loan_move(db, id, day, nday, start, end, &err) == DB_OK)
        printf("%s\n", _("date moved"));
    else
        rc = loans_fail(NULL, &err);
    db_close(db);
    return rc;
}

static int loan_edit(int argc, char **argv)
{
    static const struct desk_action act = {"loan edit", "DSwteT", "DS", 1, 1, "ID"};
    struct loan_args a;
    int rc = parse(argc, argv, help, &act, &a);
    if (rc || a.base.help)
        return rc;
    int64_t id;
    if ((rc = desk_parse_id(a.base.pos[0], "ID", &id)))
        return rc;
    enum loan_scope scope;
    if (strcmp(a.scope, "following") == 0)
        scope = LOAN_SCOPE_FOLLOWING;
    else if (strcmp(a.scope, "all") == 0)
        scope = LOAN_SCOPE_ALL;
    else
        return desk_bad_value("--scope", a.scope);
    struct civil_date d;
    if ((rc = parse_date(a.date, "--date", &d)))
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    /* Start from the series' current pattern at that date. */
    struct db_error err = {0};
    struct loan_pattern p = {0};
    char at[CIVIL_DATE_LEN];
    civil_format_date(d, at, sizeof at);
    int found = db_loan_series_at(db, id, at, &p, &err);
    if (found == DB_ERR_NO_ROW) {
        db_close(db);
        cli_print_error(_("%s: no such date in request %lld"), a.date, (long long)id);
        return CLI_EXIT_USAGE;
    }
    if (found != DB_OK) {
        db_close(db);
        return loans_fail(NULL, &err);
    }
    if (a.weekdays && loan_parse_weekdays(a.weekdays, &p.weekdays) != 0)
        rc = desk_bad_value("--weekdays", a.weekdays);
    else if (a.time && loan_parse_time_range(a.time, &p.start_minute, &p.end_minute) != 0)
        rc = desk_bad_value("--time", a.time);
    else if (a.to && parse_date(a.to, "--to", &p.last) != 0)
        rc = CLI_EXIT_USAGE;
    long every = p.every_weeks;
    if (!rc && a.every && cli_parse_long(a.every, 1, LOAN_MAX_EVERY_WEEKS, &every) != 0)
        rc = desk_bad_value("--every", a.every);
    p.every_weeks = (int)every;
    if (!rc) {
        char day[CIVIL_DATE_LEN];
        civil_format_date(d, day, sizeof day);
        if (db_loan_edit(db, id, day, scope, &p, &err) == DB_OK)
            printf("%s\n", _("series changed"));
        else
            rc = loans_fail(NULL, &err);
    }
    db_close(db);
    return rc;
}

static void minute_text(int m, char out[CIVIL_TIME_LEN])
{
    if (m >= 1440)
        snprintf(out, CIVIL_TIME_LEN, "24:00");
    else
        civil_format_time(m, out, CIVIL_TIME_LEN);
}

int loans_list_main(int argc, char **argv)
{
    static const struct desk_action act = {"loan list", "rasFTfk"};
    struct loan_args a;
    int rc = parse(argc, argv, help, &act, &a);
    if (rc || a.base.help)
        return rc;
    int format = a.format ? desk_parse_format(a.format, 1u << DESK_TEXT | 1u << DESK_CSV |
                                                            1u << DESK_JSON)
                          : DESK_TEXT;
    if (format < 0)
        return desk_bad_value("--format", a.format);
    struct db_loan_filter f = {0};
    f.with_skipped = a.skipped;
    struct civil_date d;
    if (a.from) {
        if ((rc = parse_date(a.from, "--from", &d)))
            return rc;
        civil_format_date(d, f.from, sizeof f.from);
    }
    if (a.to) {
        if ((rc = parse_date(a.to, "--to", &d)))
            return rc;
        civil_format_date(d, f.to, sizeof f.to);
    }
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    if ((rc = find_room_assoc(db, &a, &f.room_id, &f.association_id)) ||
        (a.site && (rc = loans_find_site(db, a.site, &f.site_id)))) {
        db_close(db);
        return rc;
    }
    struct db_error err = {0};
    struct db_loan_row *rows;
    size_t n;
    if (db_loan_list(db, &f, &rows, &n, &err) != DB_OK) {
        db_close(db);
        return loans_fail(NULL, &err);
    }
    if (format == DESK_CSV) {
        safe_csv_bom(stdout);
        const char *head[] = {_("date"), _("start"), _("end"), _("site"), _("room"),
                              _("association"), _("request"), _("state"), _("reason")};
        for (size_t i = 0; i < 9; i++)
            safe_csv_field(stdout, head[i], i == 0);
        safe_csv_end(stdout);
    } else if (format == DESK_JSON) {
        fputs("[", stdout);
    }
    for (size_t i = 0; i < n; i++) {
        const struct db_loan_row *r = &rows[i];
        char s[CIVIL_TIME_LEN], e[CIVIL_TIME_LEN], req[24];
        minute_text(r->start_minute, s);
        minute_text(r->end_minute, e);
        snprintf(req, sizeof req, "%lld", (long long)r->request_id);
        const char *state = r->skipped ? _("skipped") : db_loan_state_label(r->state);
        /* Public holidays are stored by their untranslated names. */
        const char *reason = r->skipped && r->reason[0] ? _(r->reason) : r->reason;
        if (format == DESK_CSV) {
            const char *fields[] = {r->date, s, e, r->site, r->room, r->association, req,
                                    state, reason};
            for (size_t k = 0; k < 9; k++)
                safe_csv_field(stdout, fields[k], k == 0);
            safe_csv_end(stdout);
        } else if (format == DESK_JSON) {
            printf("%s\n {\"date\": \"%s\", \"start\": \"%s\", \"end\": \"%s\", \"site\": ",
                   i ? "," : "", r->date, s, e);
            safe_json_string(stdout, r->site);
            fputs(", \"room\": ", stdout);
            safe_json_string(stdout, r->room);
            fputs(", \"association\": ", stdout);
            safe_json_string(stdout, r->association);
            printf(", \"request\": %lld, \"state\": \"%s\", \"reason\": ",
                   (long long)r->request_id,
                   r->skipped ? "skipped" : db_loan_state_name(r->state));
            safe_json_string(stdout, r->reason);
            fputs("}", stdout);
        } else {
            struct civil_date day;
            char fr[CIVIL_DATE_LEN];
            civil_parse_date(r->date, &day);
            civil_format_date_fr(day, fr, sizeof fr);
            printf("%s %s-%s | %s | %s | %s | %s%s%s\n", fr, s, e, r->room, r->association,
                   req, state, reason[0] ? " | " : "", reason);
        }
    }
    if (format == DESK_JSON)
        fputs(n ? "\n]\n" : "]\n", stdout);
    free(rows);
    db_close(db);
    return rc;
}

static int loan_pending(int argc, char **argv)
{
    static const struct desk_action act = {"loan pending", ""};
    struct loan_args a;
    int rc = parse(argc, argv, help, &act, &a);
    if (rc || a.base.help)
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    struct db_loan_pending *p;
    size_t n;
    if (db_loan_pending_list(db, &p, &n, &err) != DB_OK) {
        db_close(db);
        return loans_fail(NULL, &err);
    }
    for (size_t i = 0; i < n; i++) {
        char days[64], s[CIVIL_TIME_LEN], e[CIVIL_TIME_LEN];
        loan_format_weekdays_shown(p[i].weekdays, days, sizeof days);
        minute_text(p[i].start_minute, s);
        minute_text(p[i].end_minute, e);
        printf("%lld | %s | %s / %s | %s %s-%s | %s..%s | ", (long long)p[i].request_id,
               p[i].association, p[i].site, p[i].room, days, s, e, p[i].first, p[i].last);
        printf(ngettext("%zu date waiting", "%zu dates waiting", p[i].pending_dates),
               p[i].pending_dates);
        printf("%s\n", p[i].insurance_until[0] ? "" : _(" | insurance unknown"));
    }
    if (n == 0)
        printf("%s\n", _("no request waiting"));
    free(p);
    db_close(db);
    return rc;
}

static int loan_approve(int argc, char **argv)
{
    return loan_decide(argc, argv, DB_DECIDE_APPROVE, "loan approve");
}

static int loan_refuse(int argc, char **argv)
{
    return loan_decide(argc, argv, DB_DECIDE_REFUSE, "loan refuse");
}

static int loan_cancel(int argc, char **argv)
{
    return loan_decide(argc, argv, DB_DECIDE_CANCEL, "loan cancel");
}

int cli_cmd_loan(int argc, char **argv)
{
    static const struct cli_action actions[] = {
        {"request", loan_request}, {"approve", loan_approve}, {"refuse", loan_refuse},
        {"cancel", loan_cancel},   {"move", loan_move},       {"edit", loan_edit},
        {"list", loans_list_main}, {"pending", loan_pending},
        {"closure", loans_closure_main}, {"hours", loans_hours_main},
    };
    return cli_run_action(argc, argv, "loan", actions,
                          sizeof actions / sizeof actions[0], help);
}
