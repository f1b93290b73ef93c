/* desk.c - opening the database for a front-desk command, storage errors
 * as messages and exit codes, and finding sites, agents and motifs by the
 * names people type (see desk.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "../common/i18n.h"
#include "../model/search.h"

int desk_exit_code(enum db_status status)
{
    switch (status) {
    case DB_OK:
        return CLI_EXIT_OK;
    case DB_ERR_INVALID:
        return CLI_EXIT_USAGE;
    case DB_ERR_UNSAFE:
        return CLI_EXIT_UNSAFE;
    default:
        return CLI_EXIT_FAILURE;
    }
}

int desk_fail(const char *what, const struct db_error *err)
{
    char msg[1024];
    db_error_format(err, msg, sizeof msg);
    if (what)
        cli_print_error(_("%s: %s"), what, msg);
    else
        cli_print_error("%s", msg);
    return desk_exit_code(err->status);
}

static int open_desk(struct db **out, int keep_reading)
{
    *out = NULL;
    const struct cli_config *cfg = cli_settings();
    const char *path = cli_db_path(NULL);
    if (!path)
        return CLI_EXIT_USAGE;
    const char *user = cli_current_user(cfg);
    if (!user)
        return CLI_EXIT_USAGE;
    struct db_open_options opts = {0};
    opts.locking = cfg->locking;
    opts.file_mode = cfg->file_mode;
    opts.keep_reading = keep_reading;
    opts.brief = 1;
    struct db_error err = {0};
    if (db_open(path, &opts, out, &err) != DB_OK)
        return desk_fail(NULL, &err) == CLI_EXIT_UNSAFE ? CLI_EXIT_UNSAFE
                                                        : CLI_EXIT_FAILURE;
    db_set_actor(*out, user);
    return CLI_EXIT_OK;
}

int desk_open(struct db **out)
{
    return open_desk(out, 0);
}

int desk_open_reading(struct db **out)
{
    return open_desk(out, 1);
}

int desk_parse_id(const char *text, const char *what, int64_t *out)
{
    long v = 0;
    if (!text || cli_parse_long(text, 1, 0x7fffffffL, &v) != 0) {
        cli_print_error(_("%s: not a valid number: \"%s\""), what,
                        text ? text : "");
        return CLI_EXIT_USAGE;
    }
    *out = v;
    return CLI_EXIT_OK;
}

int desk_bad_value(const char *option, const char *value)
{
    cli_print_error(_("invalid value \"%s\" for %s"), value, option);
    return CLI_EXIT_USAGE;
}

int desk_missing(const char *option, const char *command)
{
    cli_print_error(_("%s needs %s (see guichet %s --help)"), command, option,
                    command);
    return CLI_EXIT_USAGE;
}

int desk_unknown_option(const char *arg, const char *command)
{
    return cli_unknown_option(arg, command, NULL);
}

/* ---- command lines ----------------------------------------------------- */

/* desk_parse_args, noting in given[] the letters that were set. */
static int parse_noting(int argc, char **argv, const struct option *longopts,
                        const char *allowed, const char *command, int *help,
                        const char **pos, int max_pos, int *npos,
                        desk_option_fn *set, void *args, unsigned char given[256])
{
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        if (c == ':')
            return cli_option_needs_value(argv[optind - 1]);
        int rc = cli_common_option(c, optarg);
        if (rc > 0)
            return rc;
        if (rc == 0)
            continue;
        if (c == 'h') {
            *help = 1;
            continue;
        }
        if (c == '?' || c <= 0 || c > 255 || !strchr(allowed, c))
            return cli_unknown_option(argv[optind - 1], command, longopts);
        set(args, c, optarg);
        given[c] = 1;
    }
    /* --site before or after the command, by name or id: the action's own
     * site when it takes one ('s') */
    if (strchr(allowed, 's') && cli_settings()->site_given) {
        set(args, 's', cli_settings()->site);
        given['s'] = 1;
    }
    for (int i = optind; i < argc; i++) {
        if (*npos == max_pos)
            return cli_unexpected_argument(argv[i], command);
        pos[(*npos)++] = argv[i];
    }
    return CLI_EXIT_OK;
}

int desk_parse_args(int argc, char **argv, const struct option *longopts,
                    const char *allowed, const char *command, int *help,
                    const char **pos, int max_pos, int *npos,
                    desk_option_fn *set, void *args)
{
    unsigned char given[256] = {0};
    return parse_noting(argc, argv, longopts, allowed, command, help, pos,
                        max_pos, npos, set, args, given);
}

int desk_parse_action(int argc, char **argv, const struct desk_options *o,
                      const struct desk_action *act, void *args, size_t size)
{
    struct desk_args *base = args;
    unsigned char given[256] = {0};
    memset(args, 0, size);
    int max_pos = act->max_pos < DESK_MAX_POS ? act->max_pos : DESK_MAX_POS;
    int rc = parse_noting(argc, argv, o->longopts, act->allowed, act->command,
                          &base->help, base->pos, max_pos, &base->npos, o->set,
                          args, given);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (base->help) {
        o->help(argv[0]);
        return CLI_EXIT_OK;
    }
    if (base->npos < act->min_pos)
        return desk_missing(_(act->pos_name), act->command);
    for (const char *r = act->required ? act->required : ""; *r; r++) {
        if (given[(unsigned char)*r])
            continue;
        const char *name = *r == 's' ? "site" : "?"; /* the common --site */
        for (const struct option *l = o->longopts; l->name; l++)
            if (l->val == *r)
                name = l->name;
        char option[64];
        snprintf(option, sizeof option, "--%s", name);
        return desk_missing(option, act->command);
    }
    return CLI_EXIT_OK;
}

/* ---- names ------------------------------------------------------------- */

static int is_number(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static int same_folded(const char *a, const char *b)
{
    char fa[SEARCH_KEY_LEN], fb[SEARCH_KEY_LEN];
    search_fold(a, fa, sizeof fa);
    search_fold(b, fb, sizeof fb);
    return fa[0] && strcmp(fa, fb) == 0;
}

static int by_id(int rc, const struct db_error *err, const char *option)
{
    if (rc == DB_OK)
        return CLI_EXIT_OK;
    return desk_fail(option, err);
}

/* None matches: an unknown name is refused (exit 1) naming the closest
 * known names (compared without accents or case); several: the text is
 * ambiguous (exit 2). */
static int none_or_many(const char *option, const char *text, int many,
                        const char *const *names, size_t n)
{
    if (many) {
        cli_print_error(_("%s: \"%s\" names several; give the id"), option,
                        text);
        return CLI_EXIT_USAGE;
    }
    char near[512] = "";
    const char **keys = calloc(n + 1, sizeof *keys);
    char (*store)[SEARCH_KEY_LEN] = calloc(n + 1, sizeof *store);
    if (keys && store) {
        char folded[SEARCH_KEY_LEN];
        search_fold(text, folded, sizeof folded);
        for (size_t i = 0; i < n; i++) {
            search_fold(names[i], store[i], sizeof store[i]);
            keys[i] = store[i];
        }
        size_t picked[5], used = 0;
        size_t count = cli_closest(folded, keys, n, picked, 5);
        for (size_t i = 0; i < count && used < sizeof near; i++)
            used += (size_t)snprintf(near + used, sizeof near - used, "%s\"%s\"",
                                     i ? ", " : "", names[picked[i]]);
    }
    free(keys);
    free(store);
    if (near[0])
        cli_print_error(_("%s: unknown \"%s\" (did you mean %s?)"), option, text, near);
    else
        cli_print_error(_("%s: unknown \"%s\""), option, text);
    return CLI_EXIT_FAILURE;
}

/* The names of n records (for suggestions); NULL when out of memory. */
#define NAMES_OF(n, expr)                                       \
    const char **names = calloc((n) + 1, sizeof *names);        \
    for (size_t i = 0; names && i < (n); i++)                   \
        names[i] = (expr);

int desk_find_site(struct db *db, const char *text, struct db_site *out)
{
    struct db_error err = {0};
    int64_t id = 0;
    if (is_number(text) && desk_parse_id(text, "--site", &id) == CLI_EXIT_OK)
        return by_id(db_site_get(db, id, out, &err), &err, "--site");
    struct db_site *all = NULL;
    size_t n = 0, found = 0;
    if (db_site_list(db, &all, &n, &err) != DB_OK)
        return desk_fail("--site", &err);
    for (size_t i = 0; i < n; i++)
        if (same_folded(all[i].name, text)) {
            if (found++ == 0)
                *out = all[i];
        }
    int rc = CLI_EXIT_OK;
    if (found != 1) {
        NAMES_OF(n, all[i].name)
        rc = none_or_many("--site", text, found > 1, names, names ? n : 0);
        free(names);
    }
    free(all);
    return rc;
}

int desk_find_agent(struct db *db, const char *text, struct db_agent *out)
{
    struct db_error err = {0};
    int64_t id = 0;
    if (is_number(text) && desk_parse_id(text, "--agent", &id) == CLI_EXIT_OK)
        return by_id(db_agent_get(db, id, out, &err), &err, "--agent");
    struct db_agent *all = NULL;
    size_t n = 0, found = 0;
    if (db_agent_list(db, &all, &n, &err) != DB_OK)
        return desk_fail("--agent", &err);
    /* a login names one agent; else full names; else a last name alone */
    for (int pass = 0; pass < 3 && found == 0; pass++)
        for (size_t i = 0; i < n; i++) {
            char a[2 * DB_NAME_LEN + 2], b[2 * DB_NAME_LEN + 2];
            snprintf(a, sizeof a, "%s %s", all[i].last_name, all[i].first_name);
            snprintf(b, sizeof b, "%s %s", all[i].first_name, all[i].last_name);
            int match = pass == 0 ? all[i].login[0] &&
                                        strcmp(all[i].login, text) == 0
                      : pass == 1 ? same_folded(a, text) || same_folded(b, text)
                                  : same_folded(all[i].last_name, text);
            if (match && found++ == 0)
                *out = all[i];
        }
    int rc = CLI_EXIT_OK;
    if (found != 1) {
        char (*full)[2 * DB_NAME_LEN + 2] = calloc(n + 1, sizeof *full);
        for (size_t i = 0; full && i < n; i++)
            snprintf(full[i], sizeof full[i], "%s %s", all[i].first_name, all[i].last_name);
        size_t m = full ? n : 0;
        NAMES_OF(m, full[i])
        rc = none_or_many("--agent", text, found > 1, names, names ? m : 0);
        free(names);
        free(full);
    }
    free(all);
    return rc;
}

int desk_find_motif(struct db *db, const char *text, struct db_motif *out)
{
    struct db_error err = {0};
    int64_t id = 0;
    if (is_number(text) && desk_parse_id(text, "--motif", &id) == CLI_EXIT_OK)
        return by_id(db_motif_get(db, id, out, &err), &err, "--motif");
    struct db_motif *all = NULL;
    size_t n = 0, found = 0;
    if (db_motif_list(db, &all, &n, &err) != DB_OK)
        return desk_fail("--motif", &err);
    for (size_t i = 0; i < n; i++)
        if (same_folded(all[i].name, text) && found++ == 0)
            *out = all[i];
    int rc = CLI_EXIT_OK;
    if (found != 1) {
        NAMES_OF(n, all[i].name)
        rc = none_or_many("--motif", text, found > 1, names, names ? n : 0);
        free(names);
    }
    free(all);
    return rc;
}
