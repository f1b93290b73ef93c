/* cmd_backup.c - `guichet backup [--db FILE] [--locking MODE] DEST`: a
 * consistent copy of the database while desks keep working (SQLite's backup
 * API, see storage/backup.c). Never overwrites DEST. The database is opened
 * read-only with the configured locking mode, so a backup works on any
 * setup, and in dot-file mode honours the other desks' locks.
 * Exit: 0 done, 1 failed (DEST is then removed), 2 bad command line. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../common/i18n.h"
#include "../storage/storage.h"

static void print_help(void)
{
    printf("%s", _("Usage: guichet backup [--db FILE] [--locking posix|dotfile] DEST\n"
                   "Copies FILE into DEST (which must not exist) while desks keep working,\n"
                   "then checks the copy's integrity. The copy has pages of 16 KiB.\n"
                   "\n"
                   "  --db FILE          database file (config: db)\n"
                   "  --locking MODE     posix or dotfile (config: locking; default posix)\n"));
}

int cli_cmd_backup(int argc, char **argv)
{
    struct cli_config cfg;
    int rc = cli_parse_file_options(argc, argv, "backup", print_help, &cfg);
    if (rc >= 0)
        return rc;
    if (optind != argc - 1) {
        cli_print_error("%s", optind >= argc ? _("guichet backup needs a destination file (see guichet backup --help)")
                                             : _("guichet backup takes one destination file (see guichet backup --help)"));
        return CLI_EXIT_USAGE;
    }
    const char *dest = argv[optind];
    if (!cfg.db[0]) {
        cli_print_error("%s", _("no database given: use --db FILE or set \"db = FILE\" in the configuration file"));
        return CLI_EXIT_USAGE;
    }

    struct db_open_options o = {0};
    o.readonly = 1;
    o.locking = cfg.locking;
    o.file_mode = cfg.file_mode;
    struct db *db = NULL;
    struct db_error err = {0};
    char msg[1024];
    if (db_open(cfg.db, &o, &db, &err) != DB_OK) {
        db_error_format(&err, msg, sizeof msg);
        cli_print_error("%s", msg);
        return CLI_EXIT_FAILURE;
    }
    struct db_backup_stats stats;
    rc = db_backup(db, dest, &stats, &err);
    db_close(db);
    if (rc != DB_OK) {
        db_error_format(&err, msg, sizeof msg);
        cli_print_error("%s", msg);
        return CLI_EXIT_FAILURE;
    }
    /* Two counts, two plurals: each piece is chosen by its own number. */
    char pages[64], restarts[128];
    snprintf(pages, sizeof pages, ngettext("%ld page", "%ld pages", (unsigned long)stats.pages),
             stats.pages);
    snprintf(restarts, sizeof restarts,
             ngettext("%d restart because desks wrote meanwhile",
                      "%d restarts because desks wrote meanwhile", (unsigned long)stats.restarts),
             stats.restarts);
    /* TRANSLATORS: database, backup file, "%ld pages", "%d restarts because
     * desks wrote meanwhile". */
    printf(_("%s: copied into %s (%s, %s); integrity ok\n"), cfg.db, dest, pages, restarts);
    if (stats.page_size != stats.source_page_size)
        printf(_("%s: pages of %ld bytes in the copy (%ld in the file): fewer reads on a network share "
                 "once it is restored\n"), dest, stats.page_size, stats.source_page_size);
    return CLI_EXIT_OK;
}
