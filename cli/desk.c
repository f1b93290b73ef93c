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
    case DB_ERR_NO_ROW:
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

int desk_open(const struct desk_options *o, struct db **out)
{
    struct cli_config cfg;
    memset(&cfg, 0, sizeof cfg);
    if (cli_load_config(&cfg))
        return CLI_EXIT_USAGE;
    const char *path = o->db_path ? o->db_path : cfg.db[0] ? cfg.db : NULL;
    if (!path) {
        cli_print_error("%s", _("no database: give --db FILE (or db = FILE "
                                "in the configuration file)"));
        return CLI_EXIT_USAGE;
    }
    struct db_open_options opts = {0};
    opts.locking = cfg.locking;
    opts.file_mode = cfg.file_mode;
    struct db_error err = {0};
    *out = NULL;
    if (db_open(path, &opts, out, &err) != DB_OK)
        return desk_fail(NULL, &err) == CLI_EXIT_UNSAFE ? CLI_EXIT_UNSAFE
                                                        : CLI_EXIT_FAILURE;
    db_set_actor(*out, o->user ? o->user : cli_current_user(&cfg));
    return CLI_EXIT_OK;
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
    cli_print_error(_("unknown option \"%s\" (see guichet %s --help)"), arg,
                    command);
    return CLI_EXIT_USAGE;
}

/* ---- command lines ----------------------------------------------------- */

int desk_parse_args(int argc, char **argv, const struct option *longopts,
                    const char *allowed, const char *command,
                    struct desk_options *desk, int *help, const char **pos,
                    int max_pos, int *npos, desk_option_fn *set, void *args)
{
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        if (c == ':') {
            cli_print_error(_("option %s needs a value"), argv[optind - 1]);
            return CLI_EXIT_USAGE;
        }
        if (c == '?' || (c != 'h' && c != 'd' && c != 'u' && !strchr(allowed, c)))
            return desk_unknown_option(argv[optind - 1], command);
        switch (c) {
        case 'd': desk->db_path = optarg; break;
        case 'u': desk->user = optarg; break;
        case 'h': *help = 1; break;
        default: set(args, c, optarg); break;
        }
    }
    for (int i = optind; i < argc; i++) {
        if (*npos == max_pos) {
            cli_print_error(_("unexpected argument \"%s\" (see guichet %s --help)"),
                            argv[i], command);
            return CLI_EXIT_USAGE;
        }
        pos[(*npos)++] = argv[i];
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

static int none_or_many(const char *option, const char *text, int many)
{
    if (many)
        cli_print_error(_("%s: \"%s\" names several; give the id"), option,
                        text);
    else
        cli_print_error(_("%s: unknown \"%s\""), option, text);
    return CLI_EXIT_USAGE;
}

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
    free(all);
    return found == 1 ? CLI_EXIT_OK : none_or_many("--site", text, found > 1);
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
    free(all);
    return found == 1 ? CLI_EXIT_OK : none_or_many("--agent", text, found > 1);
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
    free(all);
    return found == 1 ? CLI_EXIT_OK : none_or_many("--motif", text, found > 1);
}
