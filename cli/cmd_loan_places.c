/* cmd_loan_places.c - when a collège lends its rooms, from the command
 * line: `guichet loan closure add|list|remove` (a site closed for some
 * days), `guichet room blackout add|list|remove` (one room out of use) and
 * `guichet loan hours add|list|remove` (lending hours per weekday). Same
 * rules, messages and audit as the console; refused = nothing written. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loans_cli.h"
#include "../common/i18n.h"

struct places_args {
    struct desk_args base;
    const char *site, *room, *from, *to, *reason, *weekday, *time;
};

static const struct option longopts[] = {
    CLI_COMMON_OPTIONS,
    {"room", required_argument, NULL, 'r'},
    {"from", required_argument, NULL, 'F'},
    {"to", required_argument, NULL, 'T'},
    {"reason", required_argument, NULL, 'R'},
    {"weekday", required_argument, NULL, 'w'},
    {"time", required_argument, NULL, 't'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void set_option(void *args, int letter, const char *v)
{
    struct places_args *a = args;
    switch (letter) {
    case 's': a->site = v; break;
    case 'r': a->room = v; break;
    case 'F': a->from = v; break;
    case 'T': a->to = v; break;
    case 'R': a->reason = v; break;
    case 'w': a->weekday = v; break;
    case 't': a->time = v; break;
    }
}

static int parse(int argc, char **argv, void (*show_help)(const char *action),
                 const struct desk_action *act, struct places_args *a)
{
    const struct desk_options o = {longopts, set_option, show_help};
    return desk_parse_action(argc, argv, &o, act, a, sizeof *a);
}

/* A date option: checked before the file is opened, so that a bad one
 * names its option. */
static int check_date(const char *text, const char *option)
{
    struct civil_date d;
    if (text && civil_parse_date(text, &d) != 0) {
        cli_print_error(_("%s: not a valid date: \"%s\" (DD/MM/YYYY)"), option, text);
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

static int check_period(const struct places_args *a)
{
    int rc = check_date(a->from, "--from");
    if (rc == CLI_EXIT_OK)
        rc = check_date(a->to, "--to");
    struct civil_date f, t;
    if (rc == CLI_EXIT_OK && a->to && civil_parse_date(a->from, &f) == 0 &&
        civil_parse_date(a->to, &t) == 0 && civil_date_compare(t, f) < 0) {
        cli_print_error(_("%s: %s"), "--to", _("must not be before the start"));
        rc = CLI_EXIT_USAGE;
    }
    if (rc == CLI_EXIT_OK && a->reason && strlen(a->reason) > 95)
        rc = desk_bad_value("--reason", a->reason);
    return rc;
}

static void print_periods(const struct db_closure *c, size_t n, int rooms)
{
    for (size_t i = 0; i < n; i++) {
        if (rooms)
            desk_print_line(stdout, "%lld | %s / %s | %s..%s | %s", (long long)c[i].id,
                            c[i].site_name, c[i].room_name, c[i].first, c[i].last, c[i].reason);
        else
            desk_print_line(stdout, "%lld | %s | %s..%s | %s", (long long)c[i].id,
                            c[i].site_name, c[i].first, c[i].last, c[i].reason);
    }
    if (n == 0)
        printf("%s\n", rooms ? _("no blackout") : _("no closure"));
}

/* ---- loan closure ------------------------------------------------------ */

static void closure_help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet loan closure ACTION [options]\n"
        "  add --site S --from D [--to D] [--reason TEXT]\n"
        "          the collège lends no room from D to D (inclusive); prints the\n"
        "          closure's id. Series asked for later skip those days.\n"
        "  list [--site S]          closures by first day: id | site | days | reason\n"
        "  remove ID                the closure goes (dates already skipped stay so)\n"
        "Exit: 0 done, 1 refused or unknown, 2 bad input.\n"), action);
}

static int closure_add(int argc, char **argv)
{
    static const struct desk_action act = {"loan closure add", "sFTR", "sF"};
    struct places_args a;
    int rc = parse(argc, argv, closure_help, &act, &a);
    if (rc || a.base.help || (rc = check_period(&a)))
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    int64_t site_id = 0, id = 0;
    struct db_error err = {0};
    if ((rc = loans_find_site(db, a.site, &site_id)) == CLI_EXIT_OK) {
        if (db_site_closure_add(db, site_id, a.from, a.to, a.reason, &id, &err) == DB_OK)
            printf("%lld\n", (long long)id);
        else
            rc = loans_fail(NULL, &err);
    }
    db_close(db);
    return rc;
}

static int closure_list(int argc, char **argv)
{
    static const struct desk_action act = {"loan closure list", "s"};
    struct places_args a;
    int rc = parse(argc, argv, closure_help, &act, &a);
    if (rc || a.base.help)
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    int64_t site_id = 0;
    struct db_closure *c = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (!a.site || (rc = loans_find_site(db, a.site, &site_id)) == CLI_EXIT_OK) {
        if (db_site_closure_list(db, site_id, &c, &n, &err) == DB_OK)
            print_periods(c, n, 0);
        else
            rc = loans_fail(NULL, &err);
    }
    free(c);
    db_close(db);
    return rc;
}

/* `... remove ID` of a closure or a blackout. */
static int remove_period(int argc, char **argv, const char *command,
                         void (*help)(const char *), int (*remove)(struct db *, int64_t,
                                                                   struct db_error *))
{
    const struct desk_action act = {command, "", "", 1, 1, "ID"};
    struct places_args a;
    int64_t id;
    int rc = parse(argc, argv, help, &act, &a);
    if (rc || a.base.help || (rc = desk_parse_id(a.base.pos[0], "ID", &id)))
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    if (remove(db, id, &err) != DB_OK)
        rc = loans_fail(NULL, &err);
    db_close(db);
    return rc;
}

static int closure_remove(int argc, char **argv)
{
    return remove_period(argc, argv, "loan closure remove", closure_help,
                         db_site_closure_remove);
}

int loans_closure_main(int argc, char **argv)
{
    static const struct cli_action actions[] = {
        {"add", closure_add}, {"list", closure_list}, {"remove", closure_remove}};
    return cli_run_action(argc, argv, "loan closure", actions, 3, closure_help);
}

/* ---- room blackout ----------------------------------------------------- */

static void blackout_help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet room blackout ACTION [options]\n"
        "  add --room R --from D [--to D] [--reason TEXT]\n"
        "          the room is not lent from D to D (inclusive); prints the\n"
        "          blackout's id. Series asked for later skip those days.\n"
        "  list [--room R] [--site S]   blackouts by first day:\n"
        "                               id | site / room | days | reason\n"
        "  remove ID                    the blackout goes\n"
        "Rooms are named by id, name or \"site/name\".\n"
        "Exit: 0 done, 1 refused or unknown, 2 bad input.\n"), action);
}

static int find_room(struct db *db, const char *text, int64_t *room_id)
{
    struct db_room r;
    struct db_error err = {0};
    if (db_room_find(db, text, &r, &err) != DB_OK)
        return loans_fail("--room", &err);
    *room_id = r.id;
    return CLI_EXIT_OK;
}

static int blackout_add(int argc, char **argv)
{
    static const struct desk_action act = {"room blackout add", "rFTR", "rF"};
    struct places_args a;
    int rc = parse(argc, argv, blackout_help, &act, &a);
    if (rc || a.base.help || (rc = check_period(&a)))
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    int64_t room_id = 0, id = 0;
    struct db_error err = {0};
    if ((rc = find_room(db, a.room, &room_id)) == CLI_EXIT_OK) {
        if (db_room_blackout_add(db, room_id, a.from, a.to, a.reason, &id, &err) == DB_OK)
            printf("%lld\n", (long long)id);
        else
            rc = loans_fail(NULL, &err);
    }
    db_close(db);
    return rc;
}

static int blackout_list(int argc, char **argv)
{
    static const struct desk_action act = {"room blackout list", "rs"};
    struct places_args a;
    int rc = parse(argc, argv, blackout_help, &act, &a);
    if (rc || a.base.help)
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    int64_t site_id = 0, room_id = 0;
    struct db_closure *c = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (a.site)
        rc = loans_find_site(db, a.site, &site_id);
    if (rc == CLI_EXIT_OK && a.room)
        rc = find_room(db, a.room, &room_id);
    if (rc == CLI_EXIT_OK) {
        if (db_room_blackout_list(db, site_id, room_id, &c, &n, &err) == DB_OK)
            print_periods(c, n, 1);
        else
            rc = loans_fail(NULL, &err);
    }
    free(c);
    db_close(db);
    return rc;
}

static int blackout_remove(int argc, char **argv)
{
    return remove_period(argc, argv, "room blackout remove", blackout_help,
                         db_room_blackout_remove);
}

int loans_blackout_main(int argc, char **argv)
{
    static const struct cli_action actions[] = {
        {"add", blackout_add}, {"list", blackout_list}, {"remove", blackout_remove}};
    return cli_run_action(argc, argv, "room blackout", actions, 3, blackout_help);
}

/* ---- loan hours -------------------------------------------------------- */

static void hours_help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet loan hours ACTION [options]\n"
        "  add --site S --weekday W --time HH:MM-HH:MM\n"
        "          the collège lends its rooms then (several ranges a day, none\n"
        "          overlapping); a weekday without hours: any time\n"
        "  list [--site S]          site | weekday | hours\n"
        "  remove --site S --weekday W --time HH:MM-HH:MM   that range goes\n"
        "Loans asked for outside the hours of their weekday are refused.\n"
        "Exit: 0 done, 1 refused or unknown, 2 bad input.\n"), action);
}

static int hours_change(int argc, char **argv)
{
    int add = strcmp(argv[0], "add") == 0;
    const struct desk_action act = {add ? "loan hours add" : "loan hours remove", "swt",
                                    "swt"};
    struct places_args a;
    int rc = parse(argc, argv, hours_help, &act, &a);
    if (rc || a.base.help)
        return rc;
    unsigned days;
    int start, end;
    if (loan_parse_weekdays(a.weekday, &days) != 0 || (days & (days - 1)) != 0)
        return desk_bad_value("--weekday", a.weekday);
    if (loan_parse_time_range(a.time, &start, &end) != 0)
        return desk_bad_value("--time", a.time);
    int weekday = 1;
    while (!(days & LOAN_DAY(weekday)))
        weekday++;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    int64_t site_id = 0;
    struct db_error err = {0};
    if ((rc = loans_find_site(db, a.site, &site_id)) == CLI_EXIT_OK) {
        int st = add ? db_college_hours_add(db, site_id, weekday, start, end, &err)
                     : db_college_hours_remove(db, site_id, weekday, start, end, &err);
        if (st != DB_OK)
            rc = loans_fail(NULL, &err);
    }
    db_close(db);
    return rc;
}

static int hours_list(int argc, char **argv)
{
    static const struct desk_action act = {"loan hours list", "s"};
    struct places_args a;
    int rc = parse(argc, argv, hours_help, &act, &a);
    if (rc || a.base.help)
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    int64_t site_id = 0;
    struct db_lending_hours *h = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (!a.site || (rc = loans_find_site(db, a.site, &site_id)) == CLI_EXIT_OK) {
        if (db_college_hours_list(db, site_id, &h, &n, &err) == DB_OK) {
            for (size_t i = 0; i < n; i++) {
                char day[16], range[16];
                loan_format_weekdays_shown(LOAN_DAY(h[i].weekday), day, sizeof day);
                loan_format_time_range(h[i].start_minute, h[i].end_minute, range,
                                       sizeof range);
                desk_print_line(stdout, "%s | %s | %s", h[i].site_name, day, range);
            }
            if (n == 0)
                printf("%s\n", _("no lending hours: rooms may be lent at any time"));
        } else {
            rc = loans_fail(NULL, &err);
        }
    }
    free(h);
    db_close(db);
    return rc;
}

int loans_hours_main(int argc, char **argv)
{
    static const struct cli_action actions[] = {
        {"add", hours_change}, {"list", hours_list}, {"remove", hours_change}};
    return cli_run_action(argc, argv, "loan hours", actions, 3, hours_help);
}
