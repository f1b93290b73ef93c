/* cmd_import.c - `guichet import appointments FILE.csv`: past and future
 * appointments from another tool's export (storage/import.c). The whole
 * file is read into memory, imported in one transaction, and a progress
 * bar is drawn on standard error when it is a terminal. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "desk.h"
#include "../common/i18n.h"

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet import appointments [--db FILE] FILE.csv\n"
        "Imports past and future appointments. The header names the columns, in\n"
        "any order: person_ref, last_name, first_name, birth_date, sex, phone,\n"
        "email, site, service, motif, agent, starts_at, duration_min, booked_at,\n"
        "reminder_sent, status. Required: person_ref, site, motif, starts_at,\n"
        "status. ',' or ';' separators, UTF-8 with or without BOM. Missing sites,\n"
        "services, agents and motifs are created; people are matched on\n"
        "person_ref. One transaction: a bad line stops the import and nothing is\n"
        "written. Importing the same file twice adds nothing.\n"
        "  --db FILE      database file (config: db)\n"
        "Exit: 0 done, 1 failed, 2 bad input (the message names line and column).\n"), action);
}

/* ctx: the percentage last drawn (-1 at first), so that the bar is drawn
 * again only when it moves. */
static void progress_bar(void *ctx, size_t done, size_t total)
{
    int *shown = ctx, percent = total ? (int)((double)done * 100.0 / (double)total) : 100;
    if (percent == *shown)
        return;
    *shown = percent;
    int width = 40, filled = total ? (int)((double)done / (double)total * width) : width;
    fprintf(stderr, "\r[");
    for (int i = 0; i < width; i++)
        fputc(i < filled ? '#' : '.', stderr);
    fprintf(stderr, "] %3d %%", percent);
    if (done >= total)
        fputc('\n', stderr);
    fflush(stderr);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            if (ferror(f)) {
                free(buf);
                buf = NULL;
            }
            break;
        }
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            errno = ENOMEM;
        }
        buf = bigger;
        cap *= 2;
    }
    int saved = errno;
    fclose(f);
    errno = saved;
    *len = n;
    return buf;
}

static int import_appointments(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"help", no_argument, NULL, 'h'},
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
        case 'h': help(argv[0]); return CLI_EXIT_OK;
        case ':':
            cli_print_error(_("option %s needs a value"), argv[optind - 1]);
            return CLI_EXIT_USAGE;
        default:
            return cli_unknown_option(argv[optind - 1], "import appointments", longopts);
        }
    }
    if (optind >= argc)
        return desk_missing("FILE.csv", "import appointments");
    if (optind + 1 < argc) {
        cli_print_error(_("unexpected argument \"%s\" (see guichet %s --help)"),
                        argv[optind + 1], "import appointments");
        return CLI_EXIT_USAGE;
    }
    const char *path = argv[optind];
    size_t len = 0;
    char *data = read_file(path, &len);
    if (!data) {
        cli_print_error("%s: %s", path, strerror(errno));
        return CLI_EXIT_USAGE;
    }
    struct db *db = NULL;
    int rc = desk_open(&db);
    if (rc) {
        free(data);
        return rc;
    }
    struct db_import_stats stats;
    struct db_import_error where;
    struct db_error err = {0};
    int tty = isatty(STDERR_FILENO), shown = -1;
    int status = db_import_appointments(db, data, len, tty ? progress_bar : NULL, &shown,
                                        &stats, &where, &err);
    free(data);
    db_close(db);
    if (status == DB_ERR_INVALID && where.line) {
        if (tty)
            fputc('\n', stderr);
        if (where.column)
            cli_print_error(_("%s:%zu: column %zu (%s): %s; nothing was imported"), path,
                            where.line, where.column,
                            where.column_name[0] ? where.column_name : "?", where.reason);
        else
            cli_print_error(_("%s:%zu: %s; nothing was imported"), path, where.line,
                            where.reason);
        return CLI_EXIT_USAGE;
    }
    if (status != DB_OK) {
        if (tty)
            fputc('\n', stderr);
        if (where.line)
            cli_print_error(_("%s:%zu: %s; nothing was imported"), path, where.line,
                            where.reason);
        return desk_fail(path, &err);
    }
    printf(_("%zu lines read: %zu appointments added, %zu already there; created %zu "
             "people, %zu sites, %zu services, %zu agents, %zu motifs\n"),
           stats.rows, stats.added, stats.already, stats.people, stats.sites,
           stats.services, stats.agents, stats.motifs);
    return CLI_EXIT_OK;
}

int cli_cmd_import(int argc, char **argv)
{
    static const struct cli_action actions[] = {{"appointments", import_appointments}};
    return cli_run_action(argc, argv, "import", actions, 1, help);
}
