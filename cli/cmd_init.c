/* cmd_init.c - `guichet init --db FILE --site NAME [--timezone TZ]
 * [--kind social|college] [--holidays national|alsace-moselle]`: an empty
 * database ready for a real office: the schema and its first site, nothing
 * else (services, agents, motifs and opening hours are entered in the
 * console's structure screens, key S). Never writes into an existing path
 * (refused, exit 1); what a failed init created is removed again. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk.h"
#include "../common/i18n.h"
#include "../model/holidays.h"

static void print_help(void)
{
    printf("%s", _("Usage: guichet init --db FILE --site NAME [options]\n"
                   "Creates FILE, an empty database for a real office, with its first site.\n"
                   "FILE must not exist. Then open it (guichet --db FILE) and enter the\n"
                   "services, agents, motifs and opening hours (key S, structure).\n"
                   "\n"
                   "  --db FILE            the database to create\n"
                   "  --site NAME          the first site's name\n"
                   "  --timezone TZ        its IANA time zone (default Europe/Paris)\n"
                   "  --kind K             social (default) or college\n"
                   "  --holidays H         national (default) or alsace-moselle\n"
                   "  --locking MODE       posix or dotfile (config: locking)\n"
                   "\n"
                   "Exit: 0 created, 1 refused (FILE exists) or failed, 2 malformed input,\n"
                   "3 unsafe shared file.\n"));
}

/* Removes what a failed init created (the file and any journal). */
static void remove_created(const char *path)
{
    char journal[4200];
    snprintf(journal, sizeof journal, "%s-journal", path);
    unlink(journal);
    unlink(path);
}

int cli_cmd_init(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"timezone", required_argument, NULL, 'z'},
        {"kind", required_argument, NULL, 'k'},
        {"holidays", required_argument, NULL, 'H'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct db_site site;
    memset(&site, 0, sizeof site);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        int common = cli_common_option(c, optarg);
        if (common > 0)
            return common;
        if (common == 0)
            continue;
        switch (c) {
        case 'z':
            if (strlen(optarg) >= sizeof site.timezone)
                return desk_bad_value("--timezone", optarg);
            snprintf(site.timezone, sizeof site.timezone, "%s", optarg);
            break;
        case 'k':
            if (strcmp(optarg, "social") == 0)
                site.kind = DB_SITE_SOCIAL;
            else if (strcmp(optarg, "college") == 0)
                site.kind = DB_SITE_COLLEGE;
            else
                return desk_bad_value("--kind", optarg);
            break;
        case 'H':
            if (strcmp(optarg, "national") == 0)
                site.holiday_flags = HOLIDAYS_NATIONAL;
            else if (strcmp(optarg, "alsace-moselle") == 0)
                site.holiday_flags = HOLIDAYS_ALSACE_MOSELLE;
            else
                return desk_bad_value("--holidays", optarg);
            break;
        case 'h': print_help(); return CLI_EXIT_OK;
        case ':': return cli_option_needs_value(argv[optind - 1]);
        default: return cli_unknown_option(argv[optind - 1], "init", longopts);
        }
    }
    if (optind < argc)
        return cli_unexpected_argument(argv[optind], "init");
    const struct cli_config cfg = *cli_settings();
    const char *path = cli_db_path("init");
    if (!path)
        return CLI_EXIT_USAGE;
    if (!cfg.site_given)
        return desk_missing("--site NAME", "init");
    if (strlen(cfg.site) >= sizeof site.name) {
        cli_print_error(_("%s: %s"), "--site", _("too long"));
        return CLI_EXIT_USAGE;
    }
    snprintf(site.name, sizeof site.name, "%s", cfg.site);
    if (!site.timezone[0])
        snprintf(site.timezone, sizeof site.timezone, "%s", "Europe/Paris");
    const char *user = cli_current_user(&cfg);
    if (!user)
        return CLI_EXIT_USAGE;

    /* An existing file, link or directory is never touched. */
    struct stat st;
    if (lstat(path, &st) == 0) {
        cli_print_error(_("%s already exists: guichet init only creates a new file"), path);
        return CLI_EXIT_FAILURE;
    }
    struct db_open_options o = {0};
    o.create = 1;
    o.locking = cfg.locking;
    o.file_mode = cfg.file_mode;
    struct db *db = NULL;
    struct db_error err = {0};
    int rc = CLI_EXIT_OK;
    if (db_open(path, &o, &db, &err) != DB_OK) {
        rc = desk_fail(NULL, &err) == CLI_EXIT_UNSAFE ? CLI_EXIT_UNSAFE : CLI_EXIT_FAILURE;
    } else if (db_is_readonly(db)) {
        const char *why = db_unsafe_reason(db);
        if (why)
            cli_print_error("%s", why);
        else
            cli_print_error(_("%s: the file is read-only"), path);
        rc = why ? CLI_EXIT_UNSAFE : CLI_EXIT_FAILURE;
    } else {
        db_set_actor(db, user);
        if (db_site_add(db, &site, &err) != DB_OK)
            rc = desk_fail("--site", &err);
    }
    if (db)
        db_close(db);
    if (rc != CLI_EXIT_OK) {
        remove_created(path);
        return rc;
    }
    desk_print_line(stdout,
                    _("%s: created with site %s (%s); open it with guichet --db %s and enter "
                      "services, agents, motifs and opening hours (key S)"),
                    path, site.name, site.timezone, path);
    return CLI_EXIT_OK;
}
