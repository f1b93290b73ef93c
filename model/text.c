/* text.c - validation of text typed by people or read from files before it
 * is stored and later drawn on a terminal.
 *
 * The decoder is strict UTF-8 (RFC 3629): no overlong forms, no surrogates,
 * nothing above U+10FFFF. Characters that could move the cursor, change
 * terminal state or reorder what is displayed are refused: C0 controls
 * (newline only in multi-line fields; tab always, it breaks column layout),
 * DEL, C1 controls (U+0080..U+009F, 8-bit escapes for some terminals) and
 * the bidirectional embedding/override/isolate characters (U+202A..U+202E,
 * U+2066..U+2069, "Trojan source"). */
#include "text.h"

#include <stdint.h>

/* Decodes one code point at s; returns its byte length, or 0 if invalid. */
static int decode(const unsigned char *s, uint32_t *cp)
{
    unsigned char c = s[0];
    int len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0; /* continuation byte, C0/C1 overlong lead, or F5..FF */
    }
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0; /* also stops at the NUL terminator */
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

static int is_forbidden(uint32_t cp, unsigned flags)
{
    if (cp == '\n')
        return !(flags & TEXT_MULTILINE);
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Spaces that make a required field look filled when it is not. */
static int is_blank(uint32_t cp)
{
    return cp == ' ' || cp == '\n' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

enum text_check text_validate(const char *s, size_t max_chars, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t count = 0;
    int bad_control = 0, only_blank = 1;
    while (*p) {
        if (*p > ' ' && *p < 0x7F) { /* printable ASCII, the common case */
            only_blank = 0;
            count++;
            p++;
            continue;
        }
        uint32_t cp;
        int n = decode(p, &cp);
        if (n == 0)
            return TEXT_BAD_UTF8;
        if (is_forbidden(cp, flags))
            bad_control = 1;
        if (!is_blank(cp))
            only_blank = 0;
        count++;
        p += n;
    }
    if (bad_control)
        return TEXT_CONTROL_CHAR;
    if ((flags & TEXT_REQUIRED) && only_blank)
        return TEXT_EMPTY;
    if (count > max_chars)
        return TEXT_TOO_LONG;
    return TEXT_OK;
}

long text_utf8_length(const char *s)
{
    if (!s)
        return -1;
    const unsigned char *p = (const unsigned char *)s;
    long count = 0;
    while (*p) {
        uint32_t cp;
        int n = decode(p, &cp);
        if (n == 0)
            return -1;
        count++;
        p += n;
    }
    return count;
}
