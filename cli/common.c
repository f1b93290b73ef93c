/* common.c - what every sub-command shares: error messages, the
 * configuration of this run and the common options, the dispatch to an
 * action, suggestions for a mistyped name, the user at the desk. */
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
    const char *u = cfg && cfg->user[0] ? cfg->user : getenv("USER");
    if (!u || !u[0]) {
        struct passwd *pw = getpwuid(getuid());
        u = pw ? pw->pw_name : "?";
    }
    char why[256];
    if (cli_user_check(u, why, sizeof why)) {
        cli_print_error(_("%s: %s"), "user", why);
        return NULL;
    }
    return u;
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

/* The configuration of this run (see cli.h). */
static struct cli_config settings;

struct cli_config *cli_settings(void)
{
    return &settings;
}

int cli_settings_load(void)
{
    char path[4096], err[2048];
    if (cli_config_path(path, sizeof path))
        return 0;
    if (cli_config_load(path, &settings, err, sizeof err)) {
        cli_print_error("%s", err);
        return -1;
    }
    return 0;
}

int cli_common_option(int code, const char *value)
{
    struct cli_config *cfg = &settings;
    char *field;
    const char *option;
    switch (code) {
    case CLI_OPT_DB: field = cfg->db; option = "--db"; break;
    case CLI_OPT_USER: field = cfg->user; option = "--user"; break;
    case CLI_OPT_SITE: field = cfg->site; option = "--site"; break;
    case CLI_OPT_LOCKING:
        if (cli_locking_parse(value, &cfg->locking)) {
            cli_print_error(_("invalid value \"%s\" for %s"), value, "--locking");
            return CLI_EXIT_USAGE;
        }
        return CLI_EXIT_OK;
    default: return -1;
    }
    if (strlen(value) >= CLI_VALUE_LEN) {
        cli_print_error(_("%s: %s"), option, _("too long"));
        return CLI_EXIT_USAGE;
    }
    if (code == CLI_OPT_USER) {
        char why[256];
        if (cli_user_check(value, why, sizeof why)) {
            cli_print_error(_("%s: %s"), "--user", why);
            return CLI_EXIT_USAGE;
        }
    }
    snprintf(field, CLI_VALUE_LEN, "%s", value);
    if (code == CLI_OPT_SITE)
        cfg->site_given = 1;
    return CLI_EXIT_OK;
}

int cli_skip_common_options(int argc, char **argv, int first)
{
    static const struct option common[] = {CLI_COMMON_OPTIONS, {NULL, 0, NULL, 0}};
    int i = first;
    while (i < argc && argv[i][0] == '-' && argv[i][1] == '-' && argv[i][2]) {
        const char *arg = argv[i] + 2;
        size_t len = strcspn(arg, "=");
        int code = 0;
        for (size_t k = 0; common[k].name; k++)
            if (strlen(common[k].name) == len && strncmp(common[k].name, arg, len) == 0)
                code = common[k].val;
        if (!code)
            break;
        const char *value = arg[len] == '=' ? arg + len + 1 : i + 1 < argc ? argv[++i] : NULL;
        if (!value)
            return -cli_option_needs_value(argv[i]);
        int rc = cli_common_option(code, value);
        if (rc != CLI_EXIT_OK)
            return -rc;
        i++;
    }
    return i;
}

/* Levenshtein distance, bounded: more than 9 counts as 9. */
static int distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 9;
    int row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb] > 9 ? 9 : row[lb];
}

/* How far `typed` is from `name`: 0 when it is the name's start. */
static int closeness(const char *typed, const char *name)
{
    size_t tl = strlen(typed);
    return tl && strncmp(name, typed, tl) == 0 ? 0 : distance(typed, name);
}

size_t cli_closest(const char *typed, const char *const *names, size_t n, size_t *picked,
                   size_t max)
{
    size_t tl = strlen(typed);
    /* the start of a name, or a typo of one letter in four (at least one) */
    int limit = tl >= 4 ? (int)tl / 4 + 1 : 1;
    int best = limit + 1;
    for (size_t i = 0; i < n; i++) {
        int d = closeness(typed, names[i]);
        if (d < best)
            best = d;
    }
    size_t count = 0;
    for (size_t i = 0; i < n && count < max && best <= limit; i++)
        if (closeness(typed, names[i]) == best)
            picked[count++] = i;
    return count;
}

const char *cli_suggest(const char *typed, const char *const *names, size_t n, char *out,
                        size_t size)
{
    size_t picked[8], used = 0;
    size_t count = cli_closest(typed, names, n, picked, 8);
    out[0] = '\0';
    for (size_t i = 0; i < count && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "",
                                 names[picked[i]]);
    return out;
}

int cli_unknown_option(const char *arg, const char *command, const struct option *longopts)
{
    /* compared without the dashes: "--to" is not close to "--db" */
    const char *names[64];
    size_t n = 0;
    for (; longopts && longopts[n].name && n < 64; n++)
        names[n] = longopts[n].name;
    char typed[64], near[256] = "";
    const char *bare = strncmp(arg, "--", 2) == 0 ? arg + 2 : arg;
    snprintf(typed, sizeof typed, "%.*s", (int)strcspn(bare, "="), bare);
    size_t picked[8], used = 0;
    size_t count = typed[0] ? cli_closest(typed, names, n, picked, 8) : 0;
    for (size_t i = 0; i < count && used < sizeof near; i++)
        used += (size_t)snprintf(near + used, sizeof near - used, "%s--%s", i ? ", " : "",
                                 names[picked[i]]);
    const char *space = command[0] ? " " : "";
    if (near[0])
        cli_print_error(_("unknown option \"%s\" (did you mean %s? see guichet%s%s --help)"), arg,
                        near, space, command);
    else
        cli_print_error(_("unknown option \"%s\" (see guichet%s%s --help)"), arg, space, command);
    return CLI_EXIT_USAGE;
}

int cli_unknown_name(const char *what_fmt, const char *typed, const char *command,
                     const char *const *names, size_t n)
{
    char msg[1024], near[256];
    size_t used = (size_t)snprintf(msg, sizeof msg, what_fmt, typed);
    if (cli_suggest(typed, names, n, near, sizeof near)[0] && used < sizeof msg)
        used += (size_t)snprintf(msg + used, sizeof msg - used, _(" (did you mean %s?)"), near);
    if (command && used < sizeof msg)
        snprintf(msg + used, sizeof msg - used, _(" (see guichet %s --help)"), command);
    cli_print_error("%s", msg);
    return CLI_EXIT_USAGE;
}

int cli_option_needs_value(const char *arg)
{
    cli_print_error(_("option %s needs a value"), arg);
    return CLI_EXIT_USAGE;
}

int cli_unexpected_argument(const char *arg, const char *command)
{
    cli_print_error(_("unexpected argument \"%s\" (see guichet %s --help)"), arg, command);
    return CLI_EXIT_USAGE;
}

static int is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 || strcmp(arg, "help") == 0;
}

int cli_run_action(int argc, char **argv, const char *command, const struct cli_action *actions,
                   size_t n, void (*help)(const char *action))
{
    int i = cli_skip_common_options(argc, argv, 1);
    if (i < 0)
        return -i;
    if (i >= argc) {
        help(NULL);
        return CLI_EXIT_USAGE;
    }
    if (is_help(argv[i])) {
        /* "guichet appt help move" prints move's help */
        help(i + 1 < argc && argv[i + 1][0] != '-' ? argv[i + 1] : NULL);
        return CLI_EXIT_OK;
    }
    for (size_t k = 0; k < n; k++)
        if (strcmp(argv[i], actions[k].name) == 0)
            /* the action sees its name first (common options given before
             * it are already applied) */
            return actions[k].run(argc - i, argv + i);
    const char *names[32];
    size_t m = 0;
    for (; m < n && m < 32; m++)
        names[m] = actions[m].name;
    return cli_unknown_name(_("unknown action \"%s\""), argv[i], command, names, m);
}

int cli_parse_file_options(int argc, char **argv, const char *command, void (*help)(void),
                           struct cli_config *cfg)
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
        if (c == 'h') {
            help();
            return CLI_EXIT_OK;
        }
        if (c == ':')
            return cli_option_needs_value(argv[optind - 1]);
        int rc = cli_common_option(c, optarg);
        if (rc > 0)
            return rc;
        if (rc < 0)
            return cli_unknown_option(argv[optind - 1], command, longopts);
    }
    *cfg = settings;
    return -1;
}

const char *cli_db_path(const char *command)
{
    if (settings.db[0])
        return settings.db;
    if (command && command[0])
        cli_print_error(_("guichet %s needs a database: give --db FILE (or db = FILE in the "
                          "configuration file)"), command);
    else
        cli_print_error("%s", _("no database: give --db FILE (or db = FILE in the "
                                "configuration file)"));
    return NULL;
}

/* Help text layout: a "Usage" line, then entries (two blanks and the
 * action's name, continued by lines indented further), and general lines
 * (anything else: notes, common options, exit codes). */
static int entry_start(const char *line, size_t len)
{
    return len > 2 && line[0] == ' ' && line[1] == ' ' && line[2] >= 'a' && line[2] <= 'z';
}

/* Whether the entry line names `action` ("approve|refuse|cancel ID"). */
static int entry_names(const char *line, size_t len, const char *action)
{
    const char *p = line + 2, *end = line + len;
    size_t al = strlen(action);
    while (p < end) {
        size_t w = strcspn(p, "| \n");
        if (w == al && strncmp(p, action, al) == 0)
            return 1;
        if (p + w >= end || p[w] != '|')
            return 0;
        p += w + 1;
    }
    return 0;
}

void cli_print_help(const char *text, const char *action)
{
    if (action) {
        /* print only the action's entry when the text has one */
        int found = 0;
        for (const char *l = text; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0))
            if (entry_start(l, strcspn(l, "\n")) && entry_names(l, strcspn(l, "\n"), action))
                found = 1;
        if (found) {
            int keep = 0, first = 1;
            for (const char *l = text; *l;) {
                size_t len = strcspn(l, "\n");
                if (first)
                    keep = 1;
                else if (entry_start(l, len))
                    keep = entry_names(l, len, action);
                else if (!(len > 2 && l[0] == ' ' && l[1] == ' ' && l[2] == ' '))
                    keep = 1; /* a general line */
                if (keep)
                    fwrite(l, 1, len + (l[len] == '\n'), stdout);
                first = 0;
                l += len + (l[len] == '\n');
            }
            return;
        }
    }
    fputs(text, stdout);
}
