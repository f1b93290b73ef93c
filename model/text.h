/* text.h - rules for text typed by people or read from files before it is
 * stored: valid UTF-8, no control characters (newline allowed only where a
 * field is multi-line; tab never), no C1 controls or bidi overrides, a
 * maximum length in characters. Checks run in the order of the enum below
 * after decoding: bad UTF-8 first, then control, empty, too long. */
#ifndef GUICHET_MODEL_TEXT_H
#define GUICHET_MODEL_TEXT_H

#include <stddef.h>

enum text_check {
    TEXT_OK = 0,
    TEXT_TOO_LONG,      /* more than max_chars characters */
    TEXT_BAD_UTF8,      /* not valid UTF-8 */
    TEXT_CONTROL_CHAR,  /* a control character or escape */
    TEXT_EMPTY,         /* empty (or only spaces) where a value is required */
};

enum text_flags {
    TEXT_REQUIRED = 1 << 0,
    TEXT_MULTILINE = 1 << 1, /* newline allowed */
};

/* Checks `s` against the rules; `max_chars` counts code points. NULL is
 * treated as "". "Only spaces" includes newlines and Unicode spaces (NBSP). */
enum text_check text_validate(const char *s, size_t max_chars, unsigned flags);

/* Number of code points in valid UTF-8 `s` (-1 if invalid). */
long text_utf8_length(const char *s);

#endif
