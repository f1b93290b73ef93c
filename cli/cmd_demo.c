/* cmd_demo.c - `guichet demo --db FILE [--scale N] [--seed N] [--date D]
 * [--appointments N] [--years N]`: creates a database full of generated,
 * entirely fake data around a date (today by default). Refuses a file that
 * already holds data: demo data must never mix with real records. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "../common/clock.h"
#include "../common/i18n.h"
#include "../demo/demo.h"
#include "../storage/storage.h"

static void print_help(void)
{
    printf("%s", _("Usage: guichet demo --db FILE [options]\n"
                   "Creates FILE with realistic, entirely fake demo data.\n"
                   "\n"
                   "  --db FILE            database to create (must not hold data yet)\n"
                   "  --scale N            size: 1 = one office (default), N = N times more\n"
                   "  --seed N             same seed, same data (default 1)\n"
                   "  --date YYYY-MM-DD    the day the data is centred on (default today)\n"
                   "  --appointments N     about N appointments (for benchmarks)\n"
                   "  --years N            history length in years (with --appointments)\n"
                   "  --quiet              no progress messages\n"));
}

static void progress(void *ctx, const char *what)
{
    (void)ctx;
    fprintf(stderr, "guichet demo: %s\n", what);
}

/* Removes a database file this command created, and its journal. */
static int remove_created(const char *path)
{
    char journal[4200];
    snprintf(journal, sizeof journal, "%s-journal", path);
    unlink(journal);
    return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

static int bad_value(const char *option, const char *value)
{
    cli_print_error(_("invalid value \"%s\" for %s"), value, option);
    return CLI_EXIT_USAGE;
}

int cli_cmd_demo(int argc, char **argv)
{
    struct demo_options opts = {0};
    opts.seed = 1;
    opts.scale = 1;
    struct civil_datetime now;
    clock_now(&now, NULL);
    opts.today = now.date;
    int quiet = 0;

    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"scale", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'S'},
        {"date", required_argument, NULL, 'D'},
        {"appointments", required_argument, NULL, 'a'},
        {"years", required_argument, NULL, 'y'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    long v;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        int common = cli_common_option(c, optarg);
        if (common > 0)
            return common;
        if (common == 0)
            continue;
        switch (c) {
        case 's':
            if (cli_parse_long(optarg, 1, 1000, &v))
                return bad_value("--scale", optarg);
            opts.scale = (int)v;
            break;
        case 'S':
            if (cli_parse_long(optarg, 0, 2147483647L, &v))
                return bad_value("--seed", optarg);
            opts.seed = (uint64_t)v;
            break;
        case 'D':
            if (civil_parse_date(optarg, &opts.today))
                return bad_value("--date", optarg);
            break;
        case 'a':
            if (cli_parse_long(optarg, 1, 100000000L, &v))
                return bad_value("--appointments", optarg);
            opts.target_appointments = v;
            break;
        case 'y':
            if (cli_parse_long(optarg, 1, 50, &v))
                return bad_value("--years", optarg);
            opts.history_days = (int)(v * 365 + v / 4);
            break;
        case 'q': quiet = 1; break;
        case 'h': print_help(); return CLI_EXIT_OK;
        case ':':
            cli_print_error(_("option %s needs a value"), argv[optind - 1]);
            return CLI_EXIT_USAGE;
        default:
            return cli_unknown_option(argv[optind - 1], "demo", longopts);
        }
    }
    if (optind < argc) {
        cli_print_error(_("unexpected argument \"%s\" (see guichet demo --help)"), argv[optind]);
        return CLI_EXIT_USAGE;
    }
    const struct cli_config cfg = *cli_settings();
    const char *db_path = cli_db_path("demo");
    if (!db_path)
        return CLI_EXIT_USAGE;
    if (!quiet)
        opts.progress = progress;

    /* A demo that fails (a full disk...) leaves nothing behind: no empty
     * or half-made file that a desk could take for a database later. Only
     * what this command created is removed. */
    struct stat before;
    int existed = stat(db_path, &before) == 0;
    struct db_open_options o = {0};
    o.create = 1;
    o.locking = cfg.locking;
    o.file_mode = cfg.file_mode;
    struct db *db = NULL;
    struct db_error err = {0};
    char msg[1024];
    if (db_open(db_path, &o, &db, &err) != DB_OK) {
        db_error_format(&err, msg, sizeof msg);
        cli_print_error("%s", msg);
        if (!existed)
            remove_created(db_path);
        return err.status == DB_ERR_UNSAFE ? CLI_EXIT_UNSAFE : CLI_EXIT_FAILURE;
    }
    if (db_is_readonly(db)) {
        /* Read-only because the share's locks cannot be trusted, or
         * because the file itself cannot be written. */
        const char *why = db_unsafe_reason(db);
        if (why)
            cli_print_error("%s", why);
        else
            cli_print_error(_("%s: the file is read-only"), db_path);
        db_close(db);
        return why ? CLI_EXIT_UNSAFE : CLI_EXIT_FAILURE;
    }
    struct db_site *sites = NULL;
    size_t nsites = 0;
    if (db_site_list(db, &sites, &nsites, &err) != DB_OK || nsites > 0) {
        free(sites);
        if (nsites > 0)
            cli_print_error(_("%s already holds data: demo data goes into a new file"), db_path);
        else {
            db_error_format(&err, msg, sizeof msg);
            cli_print_error("%s", msg);
        }
        db_close(db);
        return CLI_EXIT_FAILURE;
    }
    free(sites);
    db_set_actor(db, "demo");

    struct demo_counts counts = {0};
    if (demo_generate(db, &opts, &counts, &err) != DB_OK) {
        db_error_format(&err, msg, sizeof msg);
        db_close(db);
        if (!existed && remove_created(db_path) == 0)
            cli_print_error(_("%s; %s was removed (nothing of it is left)"), msg, db_path);
        else
            cli_print_error("%s", msg);
        return CLI_EXIT_FAILURE;
    }
    db_close(db);
    if (!quiet)
        printf(_("%s: %ld sites, %ld agents, %ld motifs, %ld people, %ld appointments\n"), db_path,
               counts.sites, counts.agents, counts.motifs, counts.people, counts.appointments);
    return CLI_EXIT_OK;
}
