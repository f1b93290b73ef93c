/* cmd_hours.c - `guichet hours list|change|delete`: agents' weekly opening
 * hours. A change or a deletion lists the appointments it would leave
 * outside before anything is saved (refused unless --force when there are
 * any). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "../common/i18n.h"

struct hours_args {
    struct desk_args base;
    const char *agent, *weekday, *start, *end, *until;
    int force;
};

static const struct option longopts[] = {
    CLI_COMMON_OPTIONS,
    {"agent", required_argument, NULL, 'a'},
    {"weekday", required_argument, NULL, 'w'},
    {"start", required_argument, NULL, 'S'},
    {"end", required_argument, NULL, 'E'},
    {"until", required_argument, NULL, 'T'},
    {"force", no_argument, NULL, 'X'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void set_option(void *args, int letter, const char *value)
{
    struct hours_args *a = args;
    switch (letter) {
    case 'a': a->agent = value; break;
    case 'w': a->weekday = value; break;
    case 'S': a->start = value; break;
    case 'E': a->end = value; break;
    case 'T': a->until = value; break;
    case 'X': a->force = 1; break;
    }
}

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet hours ACTION [options]\n"
        "  list --agent A      the agent's opening hours, one range a line:\n"
        "                      ID | site | weekday (1 = Monday) | HH:MM-HH:MM |\n"
        "                      every N weeks | from | until\n"
        "  change ID [--weekday 1-7] [--start HH:MM] [--end HH:MM]\n"
        "      [--until YYYY-MM-DD|none] [--force]\n"
        "  delete ID [--force]\n"
        "  A change or a deletion first lists the appointments it would leave\n"
        "  outside opening hours; then nothing is written unless --force.\n"
        "Common options: --db FILE, --user NAME.\n"
        "Exit: 0 done, 1 refused or failed, 2 bad input, 3 unsafe shared file.\n"), action);
}

static const struct desk_options options = {longopts, set_option, help};

static void hhmm(int minute, char out[CIVIL_TIME_LEN])
{
    if (minute >= 1440)
        snprintf(out, CIVIL_TIME_LEN, "24:00");
    else
        civil_format_time(minute, out, CIVIL_TIME_LEN);
}

static int hours_list(int argc, char **argv)
{
    struct hours_args a;
    static const struct desk_action act = {"hours list", "a", "a"};
    int rc = desk_parse_action(argc, argv, &options, &act, &a, sizeof a);
    if (rc || a.base.help)
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_agent agent;
    struct db_opening *o = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if ((rc = desk_find_agent(db, a.agent, &agent)) == CLI_EXIT_OK &&
        db_agent_openings(db, agent.id, &o, &n, &err) != DB_OK)
        rc = desk_fail(NULL, &err);
    for (size_t i = 0; rc == CLI_EXIT_OK && i < n; i++) {
        char s[CIVIL_TIME_LEN], e[CIVIL_TIME_LEN];
        char from[CIVIL_DATE_LEN], until[CIVIL_DATE_LEN] = "-";
        hhmm(o[i].rule.start_minute, s);
        hhmm(o[i].rule.end_minute, e);
        civil_format_date(o[i].rule.valid_from, from, sizeof from);
        if (o[i].rule.valid_until.year)
            civil_format_date(o[i].rule.valid_until, until, sizeof until);
        printf("%lld | %lld | %d | %s-%s | %d | %s | %s\n", (long long)o[i].id,
               (long long)o[i].site_id, (int)o[i].rule.weekday, s, e,
               o[i].rule.every_weeks, from, until);
    }
    free(o);
    db_close(db);
    return rc;
}

/* HH:MM or 24:00 into minutes. */
static int parse_minute(const char *option, const char *text, int *out)
{
    if (strcmp(text, "24:00") == 0) {
        *out = 1440;
        return CLI_EXIT_OK;
    }
    if (civil_parse_time(text, out) != 0)
        return desk_bad_value(option, text);
    return CLI_EXIT_OK;
}

/* The changes asked for, applied to `o`. */
static int apply(const struct hours_args *a, struct db_opening *o)
{
    int rc = CLI_EXIT_OK;
    if (a->weekday) {
        long w = 0;
        if (cli_parse_long(a->weekday, 1, 7, &w) != 0)
            return desk_bad_value("--weekday", a->weekday);
        o->rule.weekday = (enum civil_weekday)w;
    }
    if (a->start && (rc = parse_minute("--start", a->start,
                                       &o->rule.start_minute)))
        return rc;
    if (a->end && (rc = parse_minute("--end", a->end, &o->rule.end_minute)))
        return rc;
    if (a->until) {
        if (strcmp(a->until, "none") == 0)
            memset(&o->rule.valid_until, 0, sizeof o->rule.valid_until);
        else if (civil_parse_date(a->until, &o->rule.valid_until) != 0)
            return desk_bad_value("--until", a->until);
    }
    return CLI_EXIT_OK;
}

static int hours_change_or_delete(int argc, char **argv, int deleting)
{
    struct hours_args a;
    static const struct desk_action change = {
        "hours change", "wSETX", "", 1, 1, N_("opening hours id")};
    static const struct desk_action delete = {
        "hours delete", "X", "", 1, 1, N_("opening hours id")};
    int rc = desk_parse_action(argc, argv, &options, deleting ? &delete : &change,
                               &a, sizeof a);
    if (rc || a.base.help)
        return rc;
    int64_t id = 0;
    if ((rc = desk_parse_id(a.base.pos[0], _("opening hours"), &id)))
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_opening o;
    int64_t version = 0;
    struct db_error err = {0};
    if (db_opening_get(db, id, &o, &err) != DB_OK ||
        db_row_version(db, "opening", id, &version, &err) != DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    if (!deleting && (rc = apply(&a, &o))) {
        db_close(db);
        return rc;
    }
    struct db_stranded *l = NULL;
    size_t n = 0;
    if (db_opening_preview(db, &o, version, deleting, &l, &n, NULL, &err) !=
        DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    rc = desk_vet_consequences(l, n, a.force);
    free(l);
    if (rc == CLI_EXIT_OK &&
        (deleting ? db_opening_delete(db, id, version, NULL, &err)
                  : db_opening_update(db, &o, version, NULL, &err)) != DB_OK)
        rc = desk_fail(NULL, &err);
    db_close(db);
    return rc;
}

static int hours_change(int argc, char **argv)
{
    return hours_change_or_delete(argc, argv, 0);
}

static int hours_delete(int argc, char **argv)
{
    return hours_change_or_delete(argc, argv, 1);
}

int cli_cmd_hours(int argc, char **argv)
{
    static const struct cli_action actions[] = {
        {"list", hours_list},
        {"change", hours_change},
        {"delete", hours_delete},
    };
    return cli_run_action(argc, argv, "hours", actions,
                          sizeof actions / sizeof actions[0], help);
}
