/* config.c - the configuration file: "key = value" lines, '#' comments.
 * Keys: db, site, theme, locking (posix | dotfile), user, ascii (yes | no),
 * file_mode (octal, e.g. 0660: the permissions of new database files).
 * Command-line options override what the file says. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../storage/storage.h"

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = '\0';
    return s;
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

static int set_key(struct cli_config *cfg, const char *key, const char *value,
                   char *why, size_t whysize)
{
    struct {
        const char *name;
        char *field;
    } text_keys[] = {
        {"db", cfg->db}, {"site", cfg->site}, {"theme", cfg->theme},
        {"locking", cfg->locking}, {"user", cfg->user},
    };
    for (size_t i = 0; i < sizeof text_keys / sizeof text_keys[0]; i++) {
        if (strcmp(key, text_keys[i].name) == 0) {
            for (const char *p = value; *p; p++) {
                if ((unsigned char)*p < 0x20 || *p == 0x7f) {
                    snprintf(why, whysize, _("control character in the value of \"%s\""), key);
                    return -1;
                }
            }
            if (strcmp(key, "locking") == 0 && strcmp(value, "posix") && strcmp(value, "dotfile")) {
                snprintf(why, whysize, _("locking must be \"posix\" or \"dotfile\", not \"%s\""), value);
                return -1;
            }
            snprintf(text_keys[i].field, CLI_VALUE_LEN, "%s", value);
            return 0;
        }
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
    snprintf(why, whysize, _("unknown setting \"%s\" (known: db, site, theme, locking, user, ascii, file_mode)"), key);
    return -1;
}

int cli_config_load(const char *path, struct cli_config *cfg, char *errbuf, size_t errsize)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        snprintf(errbuf, errsize, "%s: %s", path, strerror(errno));
        return -1;
    }
    struct cli_config tmp = *cfg;
    char line[CLI_VALUE_LEN + 64];
    int lineno = 0, rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            snprintf(errbuf, errsize, _("%s:%d: line too long"), path, lineno);
            rc = -1;
            break;
        }
        line[strcspn(line, "\r\n")] = '\0';
        char *p = trim(line);
        if (*p == '\0' || *p == '#')
            continue;
        char *eq = strchr(p, '=');
        if (!eq) {
            snprintf(errbuf, errsize, _("%s:%d: expected \"key = value\""), path, lineno);
            rc = -1;
            break;
        }
        *eq = '\0';
        /* A comment may follow a value ("locking = posix   # or dotfile"):
         * '#' after a blank starts it; a '#' inside a word stays. */
        for (char *c = eq + 1; *c; c++)
            if (*c == '#' && (c[-1] == ' ' || c[-1] == '\t')) {
                *c = '\0';
                break;
            }
        char why[512];
        if (set_key(&tmp, trim(p), trim(eq + 1), why, sizeof why)) {
            snprintf(errbuf, errsize, "%s:%d: %s", path, lineno, why);
            rc = -1;
            break;
        }
    }
    fclose(f);
    if (rc == 0)
        *cfg = tmp;
    return rc;
}
