/* common.c - small helpers shared by the sub-commands. */
#include "cli.h"

#include <pwd.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void cli_print_error(const char *fmt, ...)
{
    va_list ap;
    fputs("guichet: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
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
