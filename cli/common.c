/* common.c - small helpers shared by the sub-commands. */
#include "cli.h"
#include "../common/i18n.h"
#include "../common/safe_text.h"

#include <pwd.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_print_error(const char *fmt, ...)
{
    /* Messages repeat what was typed and what is stored: made safe for the
     * terminal in one place, here. */
    char msg[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fputs("guichet: ", stderr);
    ui_text_write(stderr, msg);
    fputc('\n', stderr);
}

const char *cli_current_user(const struct cli_config *cfg)
{
    if (cfg && cfg->user[0])
        return cfg->user;
    const char *u = getenv("USER");
    if (u && u[0])
        return u;
    struct passwd *pw = getpwuid(getuid());
    return pw ? pw->pw_name : "?";
}

int cli_parse_long(const char *s, long min, long max, long *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int cli_load_config(struct cli_config *cfg)
{
    char path[4096], err[2048];
    if (cli_config_path(path, sizeof path))
        return 0;
    if (cli_config_load(path, cfg, err, sizeof err)) {
        cli_print_error("%s", err);
        return -1;
    }
    return 0;
}

int cli_parse_file_options(int argc, char **argv, const char *command, int with_locking,
                           void (*help)(void), struct cli_config *cfg)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"locking", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': snprintf(cfg->db, sizeof cfg->db, "%s", optarg); break;
        case 'l':
            if (!with_locking) {
                cli_print_error(_("unknown option \"%s\" (see guichet %s --help)"),
                                "--locking", command);
                return CLI_EXIT_USAGE;
            }
            if (cli_locking_parse(optarg, &cfg->locking)) {
                cli_print_error(_("invalid value \"%s\" for %s"), optarg, "--locking");
                return CLI_EXIT_USAGE;
            }
            break;
        case 'h': help(); return CLI_EXIT_OK;
        case ':':
            cli_print_error(_("option %s needs a value"), argv[optind - 1]);
            return CLI_EXIT_USAGE;
        default:
            cli_print_error(_("unknown option \"%s\" (see guichet %s --help)"),
                            argv[optind - 1], command);
            return CLI_EXIT_USAGE;
        }
    }
    return -1;
}
