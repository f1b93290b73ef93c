/* cmd_absence.c - `guichet absence add`: an agent's one-off absence, with
 * the appointments it would leave outside listed before anything is saved
 * (refused unless --force when there are any). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "../common/i18n.h"

struct absence_args {
    struct desk_args base;
    const char *agent, *from, *until, *reason;
    int force;
};

static const struct option longopts[] = {
    CLI_COMMON_OPTIONS,
    {"agent", required_argument, NULL, 'a'},
    {"from", required_argument, NULL, 'F'},
    {"until", required_argument, NULL, 'T'},
    {"reason", required_argument, NULL, 'r'},
    {"force", no_argument, NULL, 'X'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void set_option(void *args, int letter, const char *value)
{
    struct absence_args *a = args;
    switch (letter) {
    case 'a': a->agent = value; break;
    case 'F': a->from = value; break;
    case 'T': a->until = value; break;
    case 'r': a->reason = value; break;
    case 'X': a->force = 1; break;
    }
}

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet absence add --agent A --from \"YYYY-MM-DD HH:MM\"\n"
        "           --until \"YYYY-MM-DD HH:MM\" [--reason TEXT] [--force]\n"
        "  An agent's absence. The appointments it would leave outside are\n"
        "  listed first; then nothing is written unless --force.\n"
        "Common options: --db FILE, --user NAME.\n"
        "Exit: 0 done, 1 refused or failed, 2 bad input, 3 unsafe shared file.\n"), action);
}

static const struct desk_options options = {longopts, set_option, help};

static int parse_when(const char *option, const char *text,
                      struct civil_datetime *out)
{
    if (civil_parse_datetime(text, out) != 0)
        return desk_bad_value(option, text);
    return CLI_EXIT_OK;
}

static int absence_add(int argc, char **argv)
{
    static const struct desk_action act = {"absence add", "aFTrX", "aFT"};
    struct absence_args a;
    int rc = desk_parse_action(argc, argv, &options, &act, &a, sizeof a);
    if (rc || a.base.help)
        return rc;
    struct db_absence abs;
    memset(&abs, 0, sizeof abs);
    abs.absence.kind = ABSENCE_ONE_OFF;
    if ((rc = parse_when("--from", a.from, &abs.absence.from)) ||
        (rc = parse_when("--until", a.until, &abs.absence.until)))
        return rc;
    if (a.reason && strlen(a.reason) >= sizeof abs.reason)
        return desk_bad_value("--reason", a.reason);
    snprintf(abs.reason, sizeof abs.reason, "%s", a.reason ? a.reason : "");
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_agent agent;
    if ((rc = desk_find_agent(db, a.agent, &agent))) {
        db_close(db);
        return rc;
    }
    abs.agent_id = agent.id;
    struct db_stranded *l = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_absence_preview(db, &abs, &l, &n, NULL, &err) != DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    rc = desk_vet_consequences(l, n, a.force);
    free(l);
    if (rc == CLI_EXIT_OK && db_absence_add(db, &abs, &err) != DB_OK)
        rc = desk_fail(NULL, &err);
    else if (rc == CLI_EXIT_OK)
        printf("%lld\n", (long long)abs.id);
    db_close(db);
    return rc;
}

int cli_cmd_absence(int argc, char **argv)
{
    static const struct cli_action actions[] = {{"add", absence_add}};
    return cli_run_action(argc, argv, "absence", actions, 1, help);
}
