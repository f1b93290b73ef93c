/* escape.c - writing database text safely into each output format
 * (report.h). UTF-8 is decoded by hand so that an invalid byte is handled
 * the same in every locale: one replacement per bad byte. */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "report.h"

/* Decodes one UTF-8 sequence at s: returns its length and sets *cp, or
 * returns 1 with *cp = -1 for an invalid byte (overlong forms, surrogates
 * and values past U+10FFFF are invalid). */
static int decode(const unsigned char *s, long *cp)
{
    unsigned char c = s[0];
    int len;
    long v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = -1;
        return 1;
    }
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = -1;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = -1;
        return 1;
    }
    *cp = v;
    return len;
}

/* Characters that must never reach a terminal or a page raw: C0, DEL, C1,
 * and the bidi controls that reorder what follows. */
static int is_control(long cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200E && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

void report_put_text(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        long cp;
        int len = decode(p, &cp);
        if (cp < 0 || is_control(cp))
            fputs(cp == '\t' || cp == '\n' ? " " : "?", out);
        else
            fwrite(p, 1, (size_t)len, out);
        p += len;
    }
}

/* East Asian wide and fullwidth ranges: two columns. */
static int is_wide(long cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Combining marks (the common blocks): no column of their own. */
static int is_combining(long cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

int report_text_width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        long cp;
        p += decode(p, &cp);
        if (cp < 0 || is_control(cp))
            w += 1;
        else if (!is_combining(cp))
            w += is_wide(cp) ? 2 : 1;
    }
    return w;
}

void report_put_padded(FILE *out, const char *s, int width, int right)
{
    int pad = width - report_text_width(s);
    if (right)
        for (int i = 0; i < pad; i++)
            fputc(' ', out);
    report_put_text(out, s);
    if (!right)
        for (int i = 0; i < pad; i++)
            fputc(' ', out);
}

void report_put_json(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    fputc('"', out);
    while (*p) {
        long cp;
        int len = decode(p, &cp);
        if (cp < 0)
            fputs(REPLACEMENT, out);
        else if (cp == '"')
            fputs("\\\"", out);
        else if (cp == '\\')
            fputs("\\\\", out);
        else if (cp == '\n')
            fputs("\\n", out);
        else if (cp == '\r')
            fputs("\\r", out);
        else if (cp == '\t')
            fputs("\\t", out);
        else if (cp < 0x20 || cp == 0x7F || (cp >= 0x2028 && cp <= 0x2029))
            fprintf(out, "\\u%04lx", cp);
        else
            fwrite(p, 1, (size_t)len, out);
        p += len;
    }
    fputc('"', out);
}

/* Valid UTF-8 copy of s without control characters (tabs and line breaks
 * become spaces), into buf. */
static void clean(const char *s, char *buf, size_t size)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = 0;
    while (*p) {
        long cp;
        int len = decode(p, &cp);
        const char *piece = (const char *)p;
        size_t plen = (size_t)len;
        if (cp < 0 || (is_control(cp) && cp != '\t' && cp != '\n' && cp != '\r')) {
            piece = REPLACEMENT;
            plen = 3;
        } else if (cp == '\t' || cp == '\n' || cp == '\r') {
            piece = " ";
            plen = 1;
        }
        if (n + plen + 1 > size)
            break;
        memcpy(buf + n, piece, plen);
        n += plen;
        p += len;
    }
    buf[n] = '\0';
}

void report_put_csv(FILE *out, const char *s, int first)
{
    char buf[2 * REPORT_NAME_LEN + 8];
    clean(s, buf + 1, sizeof buf - 1);
    const char *v = buf + 1;
    /* A spreadsheet runs a cell that starts with = + - @ as a formula
     * (OWASP "CSV injection"): an apostrophe makes it text. Numbers are
     * written by the renderers without this function. */
    if (strchr("=+-@", v[0]) && v[0]) {
        buf[0] = '\'';
        v = buf;
    }
    if (!first)
        fputc(';', out);
    size_t n = strlen(v);
    int quote = strpbrk(v, ";\"") != NULL || (n > 0 && (v[0] == ' ' || v[n - 1] == ' '));
    if (!quote) {
        fputs(v, out);
        return;
    }
    fputc('"', out);
    for (; *v; v++) {
        if (*v == '"')
            fputc('"', out);
        fputc(*v, out);
    }
    fputc('"', out);
}

void report_put_csv_end(FILE *out)
{
    fputs("\r\n", out);
}

void report_put_html(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        long cp;
        int len = decode(p, &cp);
        switch (cp) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (cp < 0 || is_control(cp))
                fputs(cp == '\n' || cp == '\t' ? " " : REPLACEMENT, out);
            else
                fwrite(p, 1, (size_t)len, out);
        }
        p += len;
    }
}

void report_decimal(double v, int places, char point, char *buf, size_t size)
{
    if (places < 0 || places > 6 || !isfinite(v)) {
        snprintf(buf, size, "0");
        return;
    }
    long long scale = 1;
    for (int i = 0; i < places; i++)
        scale *= 10;
    int neg = v < 0;
    long long q = llround(fabs(v) * (double)scale);
    if (places == 0)
        snprintf(buf, size, "%s%lld", neg && q ? "-" : "", q);
    else
        snprintf(buf, size, "%s%lld%c%0*lld", neg && q ? "-" : "", q / scale, point,
                 places, q % scale);
}

char report_locale_point(void)
{
    const struct lconv *lc = localeconv();
    if (lc && lc->decimal_point && lc->decimal_point[0] && !lc->decimal_point[1])
        return lc->decimal_point[0];
    return '.';
}
