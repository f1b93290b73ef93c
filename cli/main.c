/* main.c - guichet's entry point: locale, catalogue and time zone once, then
 * the sub-command (the console when there is none). */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "loans_cli.h"
#include "../common/i18n.h"

static void print_usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: guichet [--db FILE] [--site S] [--theme NAME]     open the console\n"
              "       guichet init --db FILE --site NAME [--timezone TZ] an empty database\n"
              "       guichet demo --db FILE [--scale N] [--seed N]      create demo data\n"
              "       guichet appt add|move|cancel|status|arrive|list|slots\n"
              "                                                          appointments\n"
              "       guichet person add|find|export|erase               beneficiaries\n"
              "       guichet absence add                                an agent's absence\n"
              "       guichet hours list|change|delete                   opening hours\n"
              "       guichet export day|room|loans                      day sheet, door sheet, loans\n"
              "       guichet doctor [--db FILE]                         is the file safe to share?\n"
              "       guichet unlock [--db FILE]                         clear a crashed desk's lock\n"
              "       guichet backup [--db FILE] DEST                    consistent copy while desks work\n"
              "       guichet report [--date D | --from D --to D]        supervisors' summary\n"
              "       guichet purge [--dry-run] [--before DATE]          anonymise what is past the retention\n"
              "       guichet retention [--months N]                     how long personal data is kept\n"
              "       guichet import appointments FILE.csv               history from another tool\n"
              "       guichet risk fit|evaluate|list                     no-show risk\n"
              "       guichet remind --dry-run|--send                    reminders by SMS or e-mail\n"
              "       guichet site add                                   a collège or an office\n"
              "       guichet room add|list|free                         rooms of a collège\n"
              "       guichet association add|list                       associations borrowing rooms\n"
              "       guichet loan request|approve|refuse|cancel|move|edit|list|pending\n"
              "                                                          room loans\n"
              "       guichet holidays import FILE                       school calendar\n"
              "       guichet --help | --version\n"
              "\n"
              "Common options, before or after the command: --db FILE, --user NAME,\n"
              "--site S (a name or an id), --locking posix|dotfile.\n"
              "Exit status: 0 done, 1 refused (rules, clock, unknown id or name, existing\n"
              "target) or failed, 2 malformed input, 3 unsafe shared file.\n"
              "Run 'guichet COMMAND --help' (or 'guichet COMMAND ACTION --help') for a\n"
              "command's options; 'man guichet' for more.\n"));
}

/* Every command, in the order of the usage. */
static const struct cli_action commands[] = {
    {"init", cli_cmd_init},
    {"demo", cli_cmd_demo},
    {"appt", cli_cmd_appt},
    {"person", cli_cmd_person},
    {"absence", cli_cmd_absence},
    {"hours", cli_cmd_hours},
    {"export", cli_cmd_export},
    {"doctor", cli_cmd_doctor},
    {"unlock", cli_cmd_unlock},
    {"backup", cli_cmd_backup},
    {"report", cli_cmd_report},
    {"purge", cli_cmd_purge},
    {"retention", cli_cmd_retention},
    {"import", cli_cmd_import},
    {"risk", cli_cmd_risk},
    {"remind", cli_cmd_remind},
    {"site", cli_cmd_site},
    {"room", cli_cmd_room},
    {"association", cli_cmd_association},
    {"loan", cli_cmd_loan},
    {"holidays", cli_cmd_holidays},
};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static int unknown_command(const char *typed)
{
    const char *names[NCOMMANDS + 1];
    for (size_t i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i].name;
    names[NCOMMANDS] = "help";
    int rc = cli_unknown_name(_("unknown command \"%s\""), typed, NULL, names, NCOMMANDS + 1);
    print_usage(stderr);
    return rc;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    cli_i18n_init();
    tzset();

    /* The configuration file once, for every command. */
    if (cli_settings_load())
        return CLI_EXIT_USAGE;
    /* Common options before the command's name ("guichet --db F appt list
     * ..."); the first other option belongs to the console. */
    int i = cli_skip_common_options(argc, argv, 1);
    if (i < 0)
        return -i;
    if (i < argc && argv[i][0] != '-') {
        for (size_t k = 0; k < NCOMMANDS; k++)
            if (strcmp(argv[i], commands[k].name) == 0)
                return commands[k].run(argc - i, argv + i);
        if (strcmp(argv[i], "help") == 0) {
            print_usage(stdout);
            return CLI_EXIT_OK;
        }
        return unknown_command(argv[i]);
    }
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--version") == 0) {
            printf("guichet %s\n", GUICHET_VERSION);
            return CLI_EXIT_OK;
        }
        if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
            print_usage(stdout);
            printf("\n%s", _("Console options:\n"
                             "  --db FILE      database file (config: db)\n"
                             "  --site S       site to open, by name or id (config: site)\n"
                             "  --theme NAME   colour theme: default, high-contrast, monochrome (config: theme)\n"
                             "  --ascii        ASCII line drawing (config: ascii = yes)\n"
                             "  --user NAME    who is at the desk (config: user; default: login name)\n"
                             "  --locking MODE posix or dotfile (config: locking; default posix)\n"));
            return CLI_EXIT_OK;
        }
    }
    return cli_cmd_open(argc, argv);
}
