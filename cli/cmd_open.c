/* cmd_open.c - `guichet [--db FILE] [--site NAME] [--theme NAME]`: resolves
 * configuration and options, opens the database and the theme before the
 * screen is taken over (so their errors print as plain lines), then runs the
 * console. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../common/i18n.h"
#include "../storage/storage.h"
#include "../tui/tui.h"

static int pick_site(struct db *db, const char *name, int64_t *site_id)
{
    struct db_error err = {0};
    struct db_site site;
    *site_id = 0;
    if (!name[0])
        return 0;
    int rc = db_site_find(db, name, &site, &err);
    if (rc == DB_ERR_NO_ROW) {
        cli_print_error(_("unknown site \"%s\"; the sites are:"), name);
        struct db_site *sites = NULL;
        size_t n = 0;
        if (db_site_list(db, &sites, &n, NULL) == DB_OK)
            for (size_t i = 0; i < n; i++)
                fprintf(stderr, "  %s\n", sites[i].name);
        free(sites);
        return -1;
    }
    if (rc != DB_OK) {
        char msg[512];
        db_error_format(&err, msg, sizeof msg);
        cli_print_error("%s", msg);
        return -1;
    }
    *site_id = site.id;
    return 0;
}

int cli_cmd_open(int argc, char **argv)
{
    struct cli_config cfg = {0};
    if (cli_load_config(&cfg))
        return CLI_EXIT_USAGE;

    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"site", required_argument, NULL, 's'},
        {"theme", required_argument, NULL, 't'},
        {"user", required_argument, NULL, 'u'},
        {"ascii", no_argument, NULL, 'a'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': snprintf(cfg.db, sizeof cfg.db, "%s", optarg); break;
        case 's': snprintf(cfg.site, sizeof cfg.site, "%s", optarg); break;
        case 't': snprintf(cfg.theme, sizeof cfg.theme, "%s", optarg); break;
        case 'u': snprintf(cfg.user, sizeof cfg.user, "%s", optarg); break;
        case 'a': cfg.ascii = 1; break;
        case ':':
            cli_print_error(_("option %s needs a value"), argv[optind - 1]);
            return CLI_EXIT_USAGE;
        default:
            cli_print_error(_("unknown option \"%s\" (see guichet --help)"), argv[optind - 1]);
            return CLI_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_print_error(_("unexpected argument \"%s\" (see guichet --help)"), argv[optind]);
        return CLI_EXIT_USAGE;
    }
    if (!cfg.db[0]) {
        cli_print_error("%s", _("no database given: use --db FILE or set \"db = FILE\" in the configuration "
                                "file (guichet demo --db FILE creates a demo database)"));
        return CLI_EXIT_USAGE;
    }

    /* Theme first: a typo in its name must not cost a screen flash. */
    char msg[2048];
    struct theme theme, mono;
    const char *const *dirs = cli_theme_dirs();
    if (theme_load_named(cfg.theme[0] ? cfg.theme : "default", dirs, &theme, msg, sizeof msg)) {
        cli_print_error("%s", msg);
        return CLI_EXIT_USAGE;
    }
    if (theme_load_named("monochrome", dirs, &mono, msg, sizeof msg))
        theme_init_monochrome(&mono); /* the built-in twin is always there */

    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        cli_print_error("%s", _("the console needs a terminal (for scripts, see the sub-commands in guichet --help)"));
        return CLI_EXIT_USAGE;
    }

    struct db_open_options o = {0};
    o.locking = cfg.locking;
    o.file_mode = cfg.file_mode;
    struct db *db = NULL;
    struct db_error err = {0};
    if (db_open(cfg.db, &o, &db, &err) != DB_OK) {
        db_error_format(&err, msg, sizeof msg);
        cli_print_error("%s", msg);
        if (err.status == DB_ERR_MISSING)
            fprintf(stderr, "%s\n", _("(guichet demo --db FILE creates a database with demo data)"));
        return err.status == DB_ERR_UNSAFE ? CLI_EXIT_UNSAFE : CLI_EXIT_FAILURE;
    }
    const char *user = cli_current_user(&cfg);
    db_set_actor(db, user);

    struct ui_options ui = {0};
    ui.db = db;
    ui.theme = &theme;
    ui.mono = &mono;
    const char *no_color = getenv("NO_COLOR");
    ui.force_monochrome = no_color && no_color[0];
    ui.user = user;
    ui.ascii_lines = cfg.ascii;
    if (pick_site(db, cfg.site, &ui.site_id)) {
        db_close(db);
        return CLI_EXIT_USAGE;
    }
    int rc = ui_run(&ui, msg, sizeof msg);
    db_close(db);
    if (rc) {
        cli_print_error("%s", msg);
        return CLI_EXIT_FAILURE;
    }
    return CLI_EXIT_OK;
}
