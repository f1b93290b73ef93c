/* settings.c - reading "key = value" files (see settings.h). */
#include "settings.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "safe_text.h"

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int is_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}

/* Valid UTF-8 without control characters (tab aside: it is a blank). */
static int value_ok(const char *v, char *why, size_t whysize)
{
    const unsigned char *p = (const unsigned char *)v;
    while (*p) {
        long cp;
        p += ui_text_utf8_next(p, &cp);
        if (cp < 0) {
            snprintf(why, whysize, "%s", _("not valid UTF-8 text"));
            return -1;
        }
        if (cp != '\t' && ui_text_unsafe(cp)) {
            snprintf(why, whysize, "%s", _("contains a control character"));
            return -1;
        }
    }
    return 0;
}

int settings_parse_line(char *line, char **key, char **value, char *why, size_t whysize)
{
    char *p = line;
    while (is_blank(*p))
        p++;
    if (*p == '\0' || *p == '#')
        return 0;
    *key = p;
    while (is_key_char(*p))
        p++;
    char *key_end = p;
    while (is_blank(*p))
        p++;
    if (key_end == *key || *p != '=') {
        snprintf(why, whysize, "%s", _("expected \"key = value\""));
        return -1;
    }
    *key_end = '\0';
    p++;
    while (is_blank(*p))
        p++;
    if (*p == '"') {
        /* Quoted: unescape in place up to the closing quote. */
        char *out = ++p;
        *value = out;
        for (;;) {
            if (*p == '\0') {
                snprintf(why, whysize, "%s", _("the closing quote is missing"));
                return -1;
            }
            if (*p == '"')
                break;
            if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
                p++;
            *out++ = *p++;
        }
        p++;
        while (is_blank(*p))
            p++;
        if (*p != '\0' && *p != '#') {
            snprintf(why, whysize, "%s", _("text after the closing quote"));
            return -1;
        }
        *out = '\0';
    } else {
        /* '#' starts a comment at the start of the value or after a
         * blank ("locking = posix   # or dotfile"); inside a word it stays
         * ("/srv/partage#3/guichet.db"). */
        *value = p;
        while (*p && !(*p == '#' && (p == *value || is_blank(p[-1]))))
            p++;
        while (p > *value && is_blank(p[-1]))
            p--;
        *p = '\0';
    }
    return value_ok(*value, why, whysize) ? -1 : 1;
}

enum settings_result settings_read(const char *path, settings_fn *fn, void *ctx, char *errbuf,
                                   size_t errsize)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        int missing = errno == ENOENT;
        snprintf(errbuf, errsize, "%s: %s", path, strerror(errno));
        return missing ? SETTINGS_MISSING : SETTINGS_ERROR;
    }
    char line[SETTINGS_LINE_MAX];
    int lineno = 0;
    enum settings_result rc = SETTINGS_OK;
    while (rc == SETTINGS_OK && fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n' && !feof(f)) {
            snprintf(errbuf, errsize, _("%s:%d: line too long"), path, lineno);
            rc = SETTINGS_ERROR;
            break;
        }
        line[strcspn(line, "\r\n")] = '\0';
        char *key, *value, why[512];
        int got = settings_parse_line(line, &key, &value, why, sizeof why);
        if (got == 1 && fn(ctx, key, value, why, sizeof why) != 0)
            got = -1;
        if (got < 0) {
            snprintf(errbuf, errsize, "%s:%d: %s", path, lineno, why);
            rc = SETTINGS_ERROR;
        }
    }
    if (rc == SETTINGS_OK && ferror(f)) {
        snprintf(errbuf, errsize, "%s: %s", path, strerror(errno));
        rc = SETTINGS_ERROR;
    }
    fclose(f);
    return rc;
}
