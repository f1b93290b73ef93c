/* search.c - folding of names for accent- and case-insensitive search,
 * phone digits, and the classification of a typed query.
 *
 * The folding table holds runs of code points that fold to the same ASCII
 * text; a code point not listed and not a separator is copied unchanged.
 * It is deliberately small and explicit (no locale, no libc towlower) so
 * that the stored key does not depend on the machine that wrote it: several
 * desks share one file. */
#include "search.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

struct fold_run {
    uint32_t first, last;
    const char *to;
};

/* Sorted by code point. */
static const struct fold_run fold_runs[] = {
    /* Latin-1 supplement (U+00D7 x and U+00F7 / are kept) */
    {0xC0, 0xC5, "a"}, {0xC6, 0xC6, "ae"}, {0xC7, 0xC7, "c"},
    {0xC8, 0xCB, "e"}, {0xCC, 0xCF, "i"}, {0xD0, 0xD0, "d"},
    {0xD1, 0xD1, "n"}, {0xD2, 0xD6, "o"}, {0xD8, 0xD8, "o"},
    {0xD9, 0xDC, "u"}, {0xDD, 0xDD, "y"}, {0xDE, 0xDE, "th"},
    {0xDF, 0xDF, "ss"}, {0xE0, 0xE5, "a"}, {0xE6, 0xE6, "ae"},
    {0xE7, 0xE7, "c"}, {0xE8, 0xEB, "e"}, {0xEC, 0xEF, "i"},
    {0xF0, 0xF0, "d"}, {0xF1, 0xF1, "n"}, {0xF2, 0xF6, "o"},
    {0xF8, 0xF8, "o"}, {0xF9, 0xFC, "u"}, {0xFD, 0xFD, "y"},
    {0xFE, 0xFE, "th"}, {0xFF, 0xFF, "y"},
    /* Latin Extended-A: upper and lower case alternate within each run */
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"},
    {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
    {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"},
    {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
    {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
    {0x174, 0x175, "w"}, {0x176, 0x178, "y"}, {0x179, 0x17E, "z"},
    {0x17F, 0x17F, "s"},
    /* Romanian S and T with comma below */
    {0x218, 0x219, "s"}, {0x21A, 0x21B, "t"},
    /* capital sharp S */
    {0x1E9E, 0x1E9E, "ss"},
};

static const char *fold_lookup(uint32_t cp)
{
    size_t lo = 0, hi = sizeof fold_runs / sizeof fold_runs[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < fold_runs[mid].first)
            hi = mid;
        else if (cp > fold_runs[mid].last)
            lo = mid + 1;
        else
            return fold_runs[mid].to;
    }
    return NULL;
}

static int is_separator(uint32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
    case '-': case '\'': case '.': case ',': case ';': case '_':
    case 0xA0:           /* no-break space */
    case 0x2BC:          /* modifier letter apostrophe */
    case 0x2018: case 0x2019: /* quotation marks used as apostrophes */
    case 0x202F:         /* narrow no-break space (French typography) */
    case 0x2212:         /* minus sign */
        return 1;
    }
    return (cp >= 0x2000 && cp <= 0x200A) || /* spaces */
           (cp >= 0x2010 && cp <= 0x2015);   /* hyphens and dashes */
}

/* Characters dropped without a trace: controls, soft hyphen, combining
 * accents (text typed in decomposed form), zero-width characters. */
static int is_dropped(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
           cp == 0xAD || (cp >= 0x300 && cp <= 0x36F) ||
           (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF;
}

/* Decodes one UTF-8 character at s; returns its length in bytes, or 0 for
 * an invalid sequence (overlong, surrogate, beyond U+10FFFF, truncated). */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n;
    uint32_t c, min;
    if ((s[0] & 0xE0) == 0xC0) {
        n = 2; c = s[0] & 0x1F; min = 0x80;
    } else if ((s[0] & 0xF0) == 0xE0) {
        n = 3; c = s[0] & 0x0F; min = 0x800;
    } else if ((s[0] & 0xF8) == 0xF0) {
        n = 4; c = s[0] & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

int search_fold(const char *utf8, char *out, size_t size)
{
    if (!out || size == 0)
        return -1;
    out[0] = '\0';
    if (!utf8)
        return -1;
    const unsigned char *p = (const unsigned char *)utf8;
    size_t len = 0;
    int pending_space = 0;
    while (*p) {
        uint32_t cp;
        size_t n = utf8_decode(p, &cp);
        if (n == 0) {
            p++; /* invalid byte: dropped */
            continue;
        }
        const char *text = (const char *)p;
        size_t text_len = n;
        char lower;
        p += n;
        if (is_separator(cp)) {
            pending_space = len > 0;
            continue;
        }
        if (is_dropped(cp))
            continue;
        if (cp < 0x80) {
            lower = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
            text = &lower;
        } else {
            const char *folded = fold_lookup(cp);
            if (folded) {
                text = folded;
                text_len = strlen(folded);
            }
        }
        if (len + (size_t)pending_space + text_len >= size) {
            out[len] = '\0';
            return -1;
        }
        if (pending_space)
            out[len++] = ' ';
        pending_space = 0;
        memcpy(out + len, text, text_len);
        len += text_len;
    }
    out[len] = '\0';
    return 0;
}

/* ---- phone numbers ----------------------------------------------------- */

int search_phone_digits(const char *text, char *out, size_t size)
{
    if (!out || size == 0)
        return -1;
    out[0] = '\0';
    if (!text)
        return -1;
    char digits[SEARCH_PHONE_LEN * 2];
    size_t n = 0;
    int plus = 0, seen_digit = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '+' && !seen_digit)
            plus = 1;
        if (*p < '0' || *p > '9')
            continue;
        seen_digit = 1;
        if (n + 1 >= sizeof digits)
            return -1;
        digits[n++] = *p;
    }
    digits[n] = '\0';

    const char *rest = digits;
    const char *prefix = "";
    if (!plus && strncmp(rest, "00", 2) == 0) {
        plus = 1;
        rest += 2;
    }
    if (plus) {
        if (strncmp(rest, "33", 2) == 0) {
            rest += 2;
            if (*rest == '0') /* "+33 (0)6 ..." */
                rest++;
            prefix = "0";
        } else {
            prefix = "00";
        }
    }
    size_t total = strlen(prefix) + strlen(rest);
    if (total >= size)
        return -1;
    strcpy(out, prefix);
    strcat(out, rest);
    return (int)total;
}

/* ---- queries ------------------------------------------------------------ */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

/* Phone-like: only digits, spaces and + . - ( ), with enough digits. */
static int looks_like_phone(const char *s)
{
    int digits = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits++;
        else if (!is_space(*s) && !strchr("+.-()", *s))
            return 0;
    }
    return digits >= SEARCH_PHONE_MIN_DIGITS;
}

/* The typed text without surrounding ASCII white space, in buf; 0, or -1
 * when too long to be a date. */
static int trimmed(const char *s, char *buf, size_t size)
{
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        n--;
    if (n >= size)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return 0;
}

static void split_words(struct search_query *q)
{
    const char *p = q->folded;
    q->word_count = 0;
    while (*p && q->word_count < SEARCH_MAX_WORDS) {
        size_t n = strcspn(p, " ");
        char *w = q->words[q->word_count++];
        size_t keep = n < SEARCH_WORD_LEN ? n : SEARCH_WORD_LEN - 1;
        /* Cut at a character boundary, not inside a UTF-8 sequence. */
        while (keep > 0 && keep < n && ((unsigned char)p[keep] & 0xC0) == 0x80)
            keep--;
        memcpy(w, p, keep);
        w[keep] = '\0';
        p += n;
        while (*p == ' ')
            p++;
    }
}

/* A birth date as people type it at a desk: 23/02/1971, 23/02/71,
 * 23021971, 23.02.1971 (two-digit years, with slashes only: the latest century
 * that does not put the date in the future), or ISO. */
static int birth_date_typed(const char *s, struct civil_date *out)
{
    if (civil_parse_date(s, out) == 0)
        return 0;
    int v[3] = {0, 0, 0}, digits[3] = {0, 0, 0}, n = 0;
    const char *p = s;
    size_t len = strlen(s);
    if (len == 8) {
        /* digits only: ddmmyyyy (six digits would be a phone's start) */
        for (size_t i = 0; i < len; i++)
            if (s[i] < '0' || s[i] > '9')
                goto separated;
        v[0] = (s[0] - '0') * 10 + (s[1] - '0');
        v[1] = (s[2] - '0') * 10 + (s[3] - '0');
        v[2] = 0;
        for (size_t i = 4; i < len; i++)
            v[2] = v[2] * 10 + (s[i] - '0');
        digits[2] = (int)len - 4;
        n = 3;
        goto check;
    }
separated:
    while (*p && n < 3) {
        if (*p < '0' || *p > '9')
            return -1;
        while (*p >= '0' && *p <= '9') {
            if (++digits[n] > 4)
                return -1;
            v[n] = v[n] * 10 + (*p - '0');
            p++;
        }
        n++;
        if (n < 3) {
            if (*p != '/' && *p != '.' && *p != '-')
                return -1;
            p++;
        }
    }
    if (*p || n != 3 || digits[0] > 2 || digits[1] > 2)
        return -1;
    /* "06.12.34" is the start of a phone number: two-digit years only
     * with slashes, as dates are written. */
    if (digits[2] == 2 && strchr(s, '/') == NULL)
        return -1;
check:
    if (digits[2] == 2) {
        time_t now = time(NULL);
        struct tm tm;
        int year = 2026;
        if (gmtime_r(&now, &tm))
            year = tm.tm_year + 1900;
        v[2] += 2000;
        if (v[2] > year)
            v[2] -= 100;
    } else if (digits[2] != 4) {
        return -1;
    }
    struct civil_date d = {v[2], v[1], v[0]};
    if (!civil_date_valid(d) || d.year < 1900)
        return -1;
    *out = d;
    return 0;
}

int search_query_parse(const char *typed, struct search_query *q)
{
    if (!typed || !q)
        return -1;
    memset(q, 0, sizeof *q);
    search_fold(typed, q->folded, sizeof q->folded); /* a cut query is fine */

    char buf[32];
    if (trimmed(typed, buf, sizeof buf) == 0 && birth_date_typed(buf, &q->birth_date) == 0) {
        q->kind = SEARCH_BIRTH_DATE;
        return 0;
    }
    /* On the folded text, so that no-break spaces pasted from a web page
     * count as spaces (dots and hyphens have become spaces too). */
    if (looks_like_phone(q->folded) &&
        search_phone_digits(typed, q->phone, sizeof q->phone) >= 0) {
        q->kind = SEARCH_PHONE;
        return 0;
    }
    if (q->folded[0] == '\0') {
        q->kind = SEARCH_EMPTY;
        return 0;
    }
    q->kind = SEARCH_NAME;
    split_words(q);
    return 0;
}

static int word_prefix_in(const char *key, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = key; *p; p++)
        if ((p == key || p[-1] == ' ') && strncmp(p, word, n) == 0)
            return 1;
    return 0;
}

int search_match_name(const char *folded_key, const struct search_query *q)
{
    if (!q)
        return 0;
    if (q->kind == SEARCH_EMPTY)
        return 1;
    if (q->kind != SEARCH_NAME || !folded_key)
        return 0;
    for (size_t i = 0; i < q->word_count; i++)
        if (!word_prefix_in(folded_key, q->words[i]))
            return 0;
    return 1;
}

/* 1 if `word` begins the key at a word start once the key's separators
 * from there on are left out ("nguyen" in "n guyen de la tour"). */
static int joined_prefix_in(const char *key, const char *word)
{
    for (const char *p = key; *p; p++) {
        if (p != key && p[-1] != ' ')
            continue;
        const char *k = p, *w = word;
        while (*w && *k) {
            if (*k == ' ') {
                k++;
                continue;
            }
            if (*k != *w)
                break;
            k++;
            w++;
        }
        if (!*w)
            return 1;
    }
    return 0;
}

int search_match_name_joined(const char *folded_key, const struct search_query *q)
{
    if (!q)
        return 0;
    if (q->kind == SEARCH_EMPTY)
        return 1;
    if (q->kind != SEARCH_NAME || !folded_key)
        return 0;
    for (size_t i = 0; i < q->word_count; i++)
        if (!joined_prefix_in(folded_key, q->words[i]))
            return 0;
    return 1;
}

/* Length of the country code at the start of `d` (ITU-T E.164 zones:
 * 1 and 7 alone, then two or three digits by zone). */
static size_t country_code_digits(const char *d, size_t n)
{
    if (n < 2)
        return n;
    char a = d[0], b = d[1];
    size_t cc;
    switch (a) {
    case '1': case '7': cc = 1; break;
    case '2': cc = (b == '0' || b == '7') ? 2 : 3; break;
    case '3': cc = (b == '5' || b == '7' || b == '8') ? 3 : 2; break;
    case '4': cc = b == '2' ? 3 : 2; break;
    case '5': cc = (b == '0' || b == '9') ? 3 : 2; break;
    case '6': cc = b >= '7' ? 3 : 2; break;
    case '8': cc = (b == '0' || b == '5' || b == '7' || b == '8' || b == '9') ? 3 : 2; break;
    case '9': cc = (b == '6' || b == '7' || b == '9') ? 3 : 2; break;
    default: cc = 2; break;
    }
    return cc < n ? cc : n;
}

int search_phone_grouped(const char *digits, char *out, size_t size)
{
    if (!digits || !out || size == 0)
        return -1;
    size_t n = strlen(digits), o = 0;
    for (size_t i = 0; i < n; i++)
        if (digits[i] < '0' || digits[i] > '9')
            return -1;
    const char *d = digits;
    if (n > 2 && d[0] == '0' && d[1] == '0') {
        /* International: "+32 2 123 45 67" style, pairs from the end. */
        if (o + 1 < size)
            out[o++] = '+';
        d += 2;
        n -= 2;
        size_t cc = country_code_digits(d, n);
        for (size_t i = 0; i < cc && o + 1 < size; i++)
            out[o++] = *d++;
        n -= cc;
        if (n && o + 1 < size)
            out[o++] = ' ';
    }
    /* The rest in pairs, an odd first digit alone ("6 12 34 56 78"). */
    size_t first = n % 2;
    for (size_t i = 0; i < n && o + 1 < size; i++) {
        if (i && (i - first) % 2 == 0 && i >= first && o + 1 < size)
            out[o++] = ' ';
        out[o++] = d[i];
    }
    out[o] = '\0';
    return o + 1 < size ? 0 : -1;
}

int search_match_phone(const char *phone_digits, const struct search_query *q)
{
    if (!q || q->kind != SEARCH_PHONE || !phone_digits || !q->phone[0])
        return 0;
    return strstr(phone_digits, q->phone) != NULL;
}
