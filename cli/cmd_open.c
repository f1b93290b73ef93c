/* cmd_open.c - `guichet [--db FILE] [--site S] [--theme NAME]`: resolves
 * configuration and options, opens the database and the theme before the
 * screen is taken over (so their errors print as plain lines), then runs the
 * console. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "desk.h"
#include "../common/i18n.h"
#include "../storage/storage.h"
#include "../tui/tui.h"

/* The site to open, by name or id (desk_find_site); none: the console
 * picks. */
static int pick_site(struct db *db, const char *text, int64_t *site_id)
{
    struct db_site site;
    *site_id = 0;
    if (!text[0])
        return CLI_EXIT_OK;
    int rc = desk_find_site(db, text, &site);
    if (rc == CLI_EXIT_OK)
        *site_id = site.id;
    return rc;
}

int cli_cmd_open(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"theme", required_argument, NULL, 't'},
        {"ascii", no_argument, NULL, 'a'},
        {NULL, 0, NULL, 0},
    };
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
        case 't':
            if (strlen(optarg) >= CLI_VALUE_LEN)
                return desk_bad_value("--theme", optarg);
            snprintf(cli_settings()->theme, CLI_VALUE_LEN, "%s", optarg);
            break;
        case 'a': cli_settings()->ascii = 1; break;
        case ':':
            cli_print_error(_("option %s needs a value"), argv[optind - 1]);
            return CLI_EXIT_USAGE;
        default:
            return cli_unknown_option(argv[optind - 1], "", longopts);
        }
    }
    const struct cli_config cfg = *cli_settings();
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

    /* Who is at the desk first: asking the system (a directory service on
     * an office PC) may take a while, and the opening's lock is then held
     * until the first screen is read. */
    const char *user = cli_current_user(&cfg);
    if (!user)
        return CLI_EXIT_USAGE;
    struct db_open_options o = {0};
    o.locking = cfg.locking;
    o.file_mode = cfg.file_mode;
    /* The opening's lock serves the first screen too (ui_run ends it). */
    o.keep_reading = 1;
    struct db *db = NULL;
    struct db_error err = {0};
    if (db_open(cfg.db, &o, &db, &err) != DB_OK) {
        db_error_format(&err, msg, sizeof msg);
        cli_print_error("%s", msg);
        if (err.status == DB_ERR_MISSING)
            fprintf(stderr, "%s\n", _("(guichet demo --db FILE creates a database with demo data)"));
        return err.status == DB_ERR_UNSAFE ? CLI_EXIT_UNSAFE : CLI_EXIT_FAILURE;
    }
    db_set_actor(db, user);
    /* On a share: the roots the first screen reads, in one go. */
    db_day_read_ahead_roots(db);

    struct ui_options ui = {0};
    ui.db = db;
    ui.theme = &theme;
    ui.mono = &mono;
    const char *no_color = getenv("NO_COLOR");
    ui.force_monochrome = no_color && no_color[0];
    ui.user = user;
    ui.ascii_lines = cfg.ascii;
    ui.alerts = &cfg.alerts;
    /* The site looked up in the opening's read transaction, which the
     * first screen's reads share. */
    ui.first_view_begun = 1;
    int rc = pick_site(db, cfg.site, &ui.site_id);
    if (rc) {
        db_view_end(db);
        db_close(db);
        return rc;
    }
    rc = ui_run(&ui, msg, sizeof msg);
    db_close(db);
    if (rc) {
        cli_print_error("%s", msg);
        return CLI_EXIT_FAILURE;
    }
    return CLI_EXIT_OK;
}
