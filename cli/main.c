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
            _("Usage: guichet [--db FILE] [--site NAME] [--theme NAME]   open the console\n"
              "       guichet demo --db FILE [--scale N] [--seed N]      create demo data\n"
              "       guichet appt add|move|cancel|status|arrive|list    appointments\n"
              "       guichet person add|find|export|erase               beneficiaries\n"
              "       guichet absence add                                an agent's absence\n"
              "       guichet hours list|change|delete                   opening hours\n"
              "       guichet export day --site S --date D               printable day sheet\n"
              "       guichet doctor [--db FILE]                         is the file safe to share?\n"
              "       guichet unlock [--db FILE]                         clear a crashed desk's lock\n"
              "       guichet backup [--db FILE] DEST                    consistent copy while desks work\n"
              "       guichet report [--date D | --from D --to D]        supervisors' summary\n"
              "       guichet purge [--dry-run] [--before DATE]          anonymise what is past the retention\n"
              "       guichet retention [--months N]                     how long personal data is kept\n"
              "       guichet import appointments FILE.csv               history from another tool\n"
              "       guichet risk fit|evaluate|list                     no-show risk\n"
              "       guichet remind --dry-run|--send                    reminders by SMS or e-mail\n"
              "       guichet --help | --version\n"
              "\n"
              "Run 'guichet COMMAND --help' for a command's options; 'man guichet' for more.\n"));
    fprintf(out, "%s",
            _("Room loans in collèges:\n"
              "       guichet site add|room add|list|free|association add|list\n"
              "       guichet loan request|approve|refuse|cancel|move|edit|list|pending\n"
              "       guichet holidays import FILE                       school calendar\n"
              "       guichet export room|loans                          door sheet, CSV, iCalendar\n"));
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    cli_i18n_init();
    tzset();

    /* Sub-commands: name -> function; argv passed from the name on. */
    static const struct {
        const char *name;
        int (*run)(int argc, char **argv);
    } commands[] = {
        {"demo", cli_cmd_demo},
        {"appt", cli_cmd_appt},
        {"person", cli_cmd_person},
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
        {"absence", cli_cmd_absence},
        {"hours", cli_cmd_hours},
    };
    if (argc >= 2 && argv[1][0] != '-') {
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(argv[1], commands[i].name) == 0)
                return commands[i].run(argc - 1, argv + 1);
        if (strcmp(argv[1], "help") == 0) {
            print_usage(stdout);
            return CLI_EXIT_OK;
        }
        cli_print_error(_("unknown command \"%s\""), argv[1]);
        print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            printf("guichet %s\n", GUICHET_VERSION);
            return CLI_EXIT_OK;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_usage(stdout);
            printf("\n%s", _("Options:\n"
                             "  --db FILE      database file (config: db)\n"
                             "  --site NAME    site to open (config: site)\n"
                             "  --theme NAME   colour theme: default, high-contrast, monochrome (config: theme)\n"
                             "  --ascii        ASCII line drawing (config: ascii = yes)\n"
                             "  --user NAME    who is at the desk (config: user; default: login name)\n"));
            return CLI_EXIT_OK;
        }
    }
    return cli_cmd_open(argc, argv);
}
