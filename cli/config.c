/* config.c - the configuration file, read with the one settings reader
 * (common/settings.h: comments after a value, quotes, blanks) into typed
 * values; the locking word is read here and nowhere else. Keys: db, site, theme, locking (posix | dotfile), user, ascii (yes | no),
 * file_mode (octal, e.g. 0660: the permissions of new database files),
 * alert_threshold and alert_moments (model/alerts.h: the on-screen alerts,
 * as guichet-notify reads them from the same file).
 * Command-line options override what the file says. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../common/settings.h"
#include "../model/text.h"
#include "../storage/storage.h"

int cli_locking_parse(const char *word, enum db_locking *out)
{
    if (strcmp(word, "posix") == 0)
        *out = DB_LOCKING_POSIX;
    else if (strcmp(word, "dotfile") == 0)
        *out = DB_LOCKING_DOTFILE;
    else
        return -1;
    return 0;
}

int cli_user_check(const char *user, char *why, size_t whysize)
{
    const char *problem = NULL;
    if (strlen(user) >= CLI_USER_LEN)
        problem = _("too long");
    else
        switch (text_validate(user, CLI_USER_LEN - 1, TEXT_REQUIRED)) {
        case TEXT_OK: break;
        case TEXT_TOO_LONG: problem = _("too long"); break;
        case TEXT_BAD_UTF8: problem = _("not valid UTF-8 text"); break;
        case TEXT_CONTROL_CHAR: problem = _("contains a control character"); break;
        case TEXT_EMPTY: problem = _("required"); break;
        }
    if (!problem)
        return 0;
    snprintf(why, whysize, "%s", problem);
    return -1;
}

static int parse_bool(const char *v, int *out)
{
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "oui")) {
        *out = 1;
        return 0;
    }
    if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "non")) {
        *out = 0;
        return 0;
    }
    return -1;
}

static int set_key(void *ctx, const char *key, const char *value, char *why, size_t whysize)
{
    struct cli_config *cfg = ctx;
    struct {
        const char *name;
        char *field;
    } text_keys[] = {
        {"db", cfg->db}, {"site", cfg->site}, {"theme", cfg->theme}, {"user", cfg->user},
    };
    for (size_t i = 0; i < sizeof text_keys / sizeof text_keys[0]; i++) {
        if (strcmp(key, text_keys[i].name) == 0) {
            if (strlen(value) >= CLI_VALUE_LEN) {
                snprintf(why, whysize, _("%s: %s"), key, _("too long"));
                return -1;
            }
            char problem[256];
            if (strcmp(key, "user") == 0 && cli_user_check(value, problem, sizeof problem)) {
                snprintf(why, whysize, _("%s: %s"), key, problem);
                return -1;
            }
            snprintf(text_keys[i].field, CLI_VALUE_LEN, "%s", value);
            return 0;
        }
    }
    if (strcmp(key, "locking") == 0) {
        if (cli_locking_parse(value, &cfg->locking)) {
            snprintf(why, whysize, _("locking must be \"posix\" or \"dotfile\", not \"%s\""), value);
            return -1;
        }
        return 0;
    }
    if (strcmp(key, "ascii") == 0) {
        if (parse_bool(value, &cfg->ascii)) {
            snprintf(why, whysize, _("ascii must be yes or no, not \"%s\""), value);
            return -1;
        }
        return 0;
    }
    if (strcmp(key, "file_mode") == 0) {
        char *end = NULL;
        unsigned long mode = strtoul(value, &end, 8);
        if (!value[0] || *end || !db_file_mode_valid((unsigned)mode) || mode > 0666) {
            snprintf(why, whysize, _("file_mode must be an octal mode such as 0660 or 0600 "
                                     "(read and write bits, the owner reading and writing), "
                                     "not \"%s\""), value);
            return -1;
        }
        cfg->file_mode = (unsigned)mode;
        return 0;
    }
    switch (alert_settings_apply(&cfg->alerts, key, value, why, whysize)) {
    case 1: return 0;
    case -1: return -1;
    default: break;
    }
    snprintf(why, whysize, _("unknown setting \"%s\" (known: db, site, theme, locking, user, ascii, file_mode, alert_threshold, alert_moments)"), key);
    return -1;
}

int cli_config_load(const char *path, struct cli_config *cfg, char *errbuf, size_t errsize)
{
    struct cli_config tmp = *cfg;
    switch (settings_read(path, set_key, &tmp, errbuf, errsize)) {
    case SETTINGS_OK:
        *cfg = tmp;
        return 0;
    case SETTINGS_MISSING:
        return 0;
    default:
        return -1;
    }
}
