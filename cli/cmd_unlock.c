/* cmd_unlock.c - `guichet unlock [--db FILE]`: clears the dot-file lock a
 * crashed desk left behind, after rolling back the write it was
 * in the middle of. Refuses while the lock's owner may still be alive: its
 * process runs on this PC, or its heartbeat on the share is fresh, or an
 * unsigned lock is too young to tell. With POSIX locking there is never a
 * lock to clear (the system drops a dead process's locks).
 * Exit: 0 cleared or nothing to clear, 1 refused or failed. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../common/i18n.h"
#include "../storage/storage.h"

static void print_help(void)
{
    printf("%s", _("Usage: guichet unlock [--db FILE]\n"
                   "Removes the lock a crashed desk left on FILE (dot-file locking), after\n"
                   "rolling back its interrupted write. Refuses while a live desk may hold it.\n"
                   "\n"
                   "  --db FILE      database file (config: db)\n"
                   "\n"
                   "Exit status: 0 cleared (or nothing to clear), 1 refused or failed.\n"));
}

int cli_cmd_unlock(int argc, char **argv)
{
    struct cli_config cfg;
    int rc = cli_parse_file_options(argc, argv, "unlock", print_help, &cfg);
    if (rc >= 0)
        return rc;
    if (optind < argc) {
        cli_print_error(_("unexpected argument \"%s\" (see guichet unlock --help)"), argv[optind]);
        return CLI_EXIT_USAGE;
    }
    if (!cfg.db[0]) {
        cli_print_error("%s", _("no database given: use --db FILE or set \"db = FILE\" in the configuration file"));
        return CLI_EXIT_USAGE;
    }

    struct db_setup found;
    char msg[1024];
    switch (db_unlock_stale(cfg.db, &found, msg, sizeof msg)) {
    case DB_UNLOCK_CLEARED:
        printf(_("%s: removed the stale lock (%s)%s\n"), cfg.db, found.lock_why,
               found.hot_journal ? _("; the interrupted write was rolled back") : "");
        return CLI_EXIT_OK;
    case DB_UNLOCK_NOTHING:
        printf(_("%s: not locked; nothing to do%s\n"), cfg.db,
               found.hot_journal ? _(" (a journal left by an interrupted write was rolled back)") : "");
        return CLI_EXIT_OK;
    case DB_UNLOCK_REFUSED:
        cli_print_error(_("%s: the lock is %s; nothing was removed. Try again when that desk has "
                          "finished, or once it is known to be switched off"),
                        cfg.db, found.lock_why);
        return CLI_EXIT_FAILURE;
    case DB_UNLOCK_FAILED:
        break;
    }
    cli_print_error("%s", msg);
    return CLI_EXIT_FAILURE;
}
