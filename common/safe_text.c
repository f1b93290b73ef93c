/* safe_text.c - sanitising, measuring and truncating text for display (see
 * safe_text.h), on the console's screen and in the commands' output. UTF-8
 * is decoded by hand rather than with mbrtowc so that invalid bytes are
 * handled the same in every locale and each bad byte becomes exactly one
 * placeholder. */
#include "safe_text.h"

#include <string.h>
#include <wctype.h>

/* ASCII spellings of U+00C0..U+00FF (Latin-1 letters). */
static const char *const latin1_ascii[64] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    "D", "N", "O", "O", "O", "O", "O", "x", "O", "U", "U", "U", "U", "Y", "Th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y",
};

struct translit {
    unsigned cp;
    const char *ascii;
};

static const struct translit other_ascii[] = {
    {0x00A0, " "},   {0x00AB, "\""},  {0x00B7, "-"},   {0x00BB, "\""},  {0x0152, "OE"}, {0x0153, "oe"},
    {0x0178, "Y"},   {0x2013, "-"},   {0x2014, "-"},   {0x2018, "'"},  {0x2019, "'"},
    {0x201C, "\""},  {0x201D, "\""},  {0x2026, "..."}, {0x202F, " "},  {0x20AC, "EUR"},
};

/* The console's own signs and their ASCII twins (UI_TEXT_ASCII_MARKS), by
 * code point. Line drawing (U+2500..U+257F) is handled apart. */
static const struct translit mark_ascii[] = {
    {0x00B7, "-"}, {0x2026, "~"}, {0x2190, "<"}, {0x2191, "^"}, {0x2192, ">"},
    {0x2193, "v"}, {0x2713, "v"}, {0x2717, "x"}, {0x25B6, ">"}, {0x25B8, ">"},
    {0x25C0, "<"}, {0x25C2, "<"}, {0x2022, "*"},
};

static wchar_t mark_twin(long cp)
{
    if (cp >= 0x2500 && cp <= 0x257F) {
        /* light and heavy verticals, dashed ones; horizontals; the rest
         * (corners, tees, crosses) */
        static const unsigned short vertical[] = {0x2502, 0x2503, 0x2506, 0x2507, 0x250A,
                                                  0x250B, 0x2551, 0x257D, 0x257F};
        static const unsigned short horizontal[] = {0x2500, 0x2501, 0x2504, 0x2505, 0x2508,
                                                    0x2509, 0x2550, 0x257C, 0x257E};
        for (size_t i = 0; i < sizeof vertical / sizeof vertical[0]; i++)
            if (vertical[i] == cp)
                return L'|';
        for (size_t i = 0; i < sizeof horizontal / sizeof horizontal[0]; i++)
            if (horizontal[i] == cp)
                return L'-';
        return L'+';
    }
    for (size_t i = 0; i < sizeof mark_ascii / sizeof mark_ascii[0]; i++)
        if (mark_ascii[i].cp == (unsigned long)cp)
            return (wchar_t)mark_ascii[i].ascii[0];
    return 0;
}

/* Characters that reorder or break lines: never sent raw. */
static int is_format_control(unsigned cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

size_t ui_text_utf8_next(const unsigned char *p, long *cp)
{
    unsigned c = p[0];
    size_t len;
    long v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
    } else {
        *cp = -1;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *cp = -1;
            return 1;
        }
        v = (v << 6) | (p[i] & 0x3F);
    }
    if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
        (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = -1;
        return 1;
    }
    *cp = v;
    return len;
}

int ui_text_unsafe(long cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || is_format_control((unsigned)cp);
}

/* The next piece of terminal text for the character at *p (advanced past
 * it): its own bytes, a space for tab and newline, or the placeholder. */
static const char *terminal_piece(const unsigned char **p, size_t *len)
{
    static const char placeholder[] = "\xEF\xBF\xBD"; /* U+FFFD */
    const unsigned char *at = *p;
    long cp;
    size_t n = ui_text_utf8_next(at, &cp);
    *p += n;
    if (cp == '\t' || cp == '\n') {
        *len = 1;
        return " ";
    }
    if (ui_text_unsafe(cp)) {
        *len = sizeof placeholder - 1;
        return placeholder;
    }
    *len = n;
    return (const char *)at;
}

const char *ui_text_terminal(const char *in, char *out, size_t size)
{
    if (size == 0)
        return out;
    size_t used = 0;
    const unsigned char *p = (const unsigned char *)(in ? in : "");
    while (*p) {
        size_t len;
        const char *piece = terminal_piece(&p, &len);
        if (used + len >= size)
            break; /* cut before a character that does not fit whole */
        memcpy(out + used, piece, len);
        used += len;
    }
    out[used] = '\0';
    return out;
}

void ui_text_write(FILE *f, const char *in)
{
    const unsigned char *p = (const unsigned char *)(in ? in : "");
    while (*p) {
        size_t len;
        const char *piece = terminal_piece(&p, &len);
        fwrite(piece, 1, len, f);
    }
}

static const char *ascii_spelling(long cp)
{
    if (cp >= 0xC0 && cp <= 0xFF)
        return latin1_ascii[cp - 0xC0];
    for (size_t i = 0; i < sizeof other_ascii / sizeof other_ascii[0]; i++)
        if (other_ascii[i].cp == (unsigned long)cp)
            return other_ascii[i].ascii;
    return "?";
}

size_t ui_text_decode(const char *in, wchar_t *out, size_t cap, unsigned flags)
{
    if (cap == 0)
        return 0;
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)(in ? in : "");
    int ascii = (flags & UI_TEXT_ASCII) != 0;
    int upper = (flags & UI_TEXT_UPPER) != 0;
    int marks = (flags & UI_TEXT_ASCII_MARKS) != 0;
    while (*p && n + 1 < cap) {
        long cp;
        p += ui_text_utf8_next(p, &cp);
        if (cp == '\t' || cp == '\n') {
            cp = ' ';
        } else if (ui_text_unsafe(cp)) {
            out[n++] = ascii ? UI_TEXT_PLACEHOLDER_ASCII : UI_TEXT_PLACEHOLDER;
            continue;
        }
        if (ascii) {
            const char *s = cp < 0x80 ? NULL : ascii_spelling(cp);
            if (s && s[0] == '?' && mark_twin(cp)) {
                out[n++] = mark_twin(cp); /* a sign of the console's own */
                continue;
            }
            if (!s) {
                out[n++] = (wchar_t)(upper && cp >= 'a' && cp <= 'z' ? cp - 'a' + 'A' : cp);
                continue;
            }
            for (; *s && n + 1 < cap; s++)
                out[n++] = (wchar_t)(upper && *s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s);
            continue;
        }
        wchar_t wc = (wchar_t)cp;
        if (marks && cp >= 0x80 && mark_twin(cp)) {
            out[n++] = mark_twin(cp);
            continue;
        }
        int w = wcwidth(wc);
        if (w < 0) {
            /* Unassigned or not printable in this locale. */
            out[n++] = UI_TEXT_PLACEHOLDER;
            continue;
        }
        if (w == 0 && n == 0)
            continue; /* a leading combining mark would join the previous cell */
        out[n++] = upper ? (wchar_t)towupper((wint_t)wc) : wc;
    }
    out[n] = L'\0';
    return n;
}

static int char_width(wchar_t c)
{
    int w = wcwidth(c);
    return w < 0 ? 1 : w;
}

int ui_text_width(const wchar_t *s)
{
    int w = 0;
    for (; *s; s++)
        w += char_width(*s);
    return w;
}

int ui_text_fit(wchar_t *s, int max_cols, unsigned flags)
{
    if (max_cols <= 0) {
        s[0] = L'\0';
        return 0;
    }
    int total = ui_text_width(s);
    if (total <= max_cols)
        return total;
    wchar_t ellipsis = (flags & (UI_TEXT_ASCII | UI_TEXT_ASCII_MARKS)) ? L'~' : L'\x2026';
    int room = max_cols - 1; /* the ellipsis takes one column */
    int w = 0;
    size_t i = 0;
    while (s[i]) {
        int cw = char_width(s[i]);
        if (w + cw > room)
            break;
        w += cw;
        i++;
    }
    /* total > max_cols >= w + 1 means at least one character was dropped,
     * so the ellipsis fits where it was. */
    s[i] = ellipsis;
    s[i + 1] = L'\0';
    return w + 1;
}

int ui_text_prepare(const char *in, int max_cols, unsigned flags, wchar_t *out, size_t cap)
{
    ui_text_decode(in, out, cap, flags);
    return ui_text_fit(out, max_cols, flags);
}

size_t ui_text_wrap(const wchar_t *s, int width)
{
    size_t i = 0, last_space = 0;
    int w = 0;
    while (s[i]) {
        int cw = char_width(s[i]);
        if (w + cw > width)
            break;
        w += cw;
        if (s[i] == L' ')
            last_space = i + 1;
        i++;
    }
    if (!s[i])
        return i;          /* the rest fits */
    if (last_space)
        return last_space; /* break after a space */
    return i ? i : 1;
}

const char *ui_text_pad(const char *in, int cols, char *out, size_t size)
{
    if (size == 0)
        return out;
    wchar_t wide[256];
    ui_text_decode(in, wide, sizeof wide / sizeof wide[0], 0);
    int pad = cols - ui_text_width(wide);
    size_t n = strlen(in ? in : "");
    if (n > size - 1)
        n = size - 1;
    memcpy(out, in ? in : "", n);
    while (pad-- > 0 && n + 1 < size)
        out[n++] = ' ';
    out[n] = '\0';
    return out;
}

void ui_text_squeeze_spaces(char *s)
{
    char *w = s;
    int pending_space = 0;
    for (const char *r = s; *r; r++) {
        if (*r == ' ') {
            pending_space = w != s;
            continue;
        }
        if (pending_space)
            *w++ = ' ';
        pending_space = 0;
        *w++ = *r;
    }
    *w = '\0';
}
