/* cmd_person.c - `guichet person`: placeholder until issue 3 lands it. */
#include "cli.h"
#include "../common/i18n.h"

int cli_cmd_person(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_print_error("%s", _("this command is not available yet"));
    return CLI_EXIT_USAGE;
}
