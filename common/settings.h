/* settings.h - the one reader of guichet's "key = value" files: the
 * configuration (cli/config.c) and the themes (tui/theme_file.c).
 *
 * One setting a line:
 *     key = value          blanks around the key and the value are ignored
 *     key = value  # why   '#' starts a comment at the start of a line or
 *                          after a blank; inside a word it stays (a#3)
 *     key = "a # b "       double quotes keep '#' and blanks; \" and \\
 *                          inside stand for " and \
 *     (blank lines)
 * A key is letters, digits, '-', '_' or '.'. A value is valid UTF-8 without
 * control characters. Every error names the file and the line; what a key
 * means is the caller's business (an unknown key is refused there, with
 * its line). */
#ifndef GUICHET_COMMON_SETTINGS_H
#define GUICHET_COMMON_SETTINGS_H

#include <stddef.h>

enum { SETTINGS_LINE_MAX = 2048 };

/* Called once per setting, in file order. Returns 0, or -1 with a short
 * reason in why[whysize] (the reader adds "FILE:LINE: "). */
typedef int settings_fn(void *ctx, const char *key, const char *value, char *why,
                        size_t whysize);

enum settings_result {
    SETTINGS_OK = 0,
    SETTINGS_ERROR = -1,  /* errbuf says "FILE:LINE: what" or "FILE: why" */
    SETTINGS_MISSING = 1, /* the file does not exist (errbuf says so too) */
};

/* Reads `path`, calling fn for each setting; stops at the first error. */
enum settings_result settings_read(const char *path, settings_fn *fn, void *ctx, char *errbuf,
                                   size_t errsize);

/* Parses one line (without its newline) into key and value, in place.
 * Returns 1 for a setting, 0 for a blank or comment line, -1 with why set. */
int settings_parse_line(char *line, char **key, char **value, char *why, size_t whysize);

#endif
