/* safe_formats.c - stored text into CSV, JSON, HTML and padded terminal
 * text (safe_formats.h), on top of safe_text.c's decoding and rules. */
#include "safe_formats.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "safe_text.h"

int safe_text_columns(const char *s)
{
    int cols = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        long cp;
        p += ui_text_utf8_next(p, &cp);
        if (cp < 0 || ui_text_unsafe(cp)) {
            cols += 1; /* a space for tab and newline, else U+FFFD */
            continue;
        }
        int w = wcwidth((wchar_t)cp);
        cols += w < 0 ? 1 : w;
    }
    return cols;
}

void safe_text_padded(FILE *out, const char *s, int cols, int right)
{
    int pad = cols - safe_text_columns(s);
    if (right)
        for (int i = 0; i < pad; i++)
            fputc(' ', out);
    ui_text_write(out, s);
    if (!right)
        for (int i = 0; i < pad; i++)
            fputc(' ', out);
}

void safe_csv_bom(FILE *out)
{
    fputs("\xEF\xBB\xBF", out);
}

static int csv_formula_like(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

void safe_csv_field(FILE *out, const char *raw, int first)
{
    if (!first)
        fputc(';', out);
    if (!raw)
        raw = "";
    int formula = csv_formula_like(raw);
    size_t size = strlen(raw) * 3 + 1;
    char *s = malloc(size);
    if (!s)
        return;
    ui_text_terminal(raw, s, size);
    size_t n = strlen(s);
    int quote = formula || strpbrk(s, ";\"") != NULL ||
                (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
    if (!quote) {
        fputs(s, out);
        free(s);
        return;
    }
    fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
    free(s);
}

void safe_csv_end(FILE *out)
{
    fputs("\r\n", out);
}

void safe_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        long cp;
        size_t len = ui_text_utf8_next(p, &cp);
        switch (cp) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (cp < 0)
                fputs("\\ufffd", out); /* invalid UTF-8: JSON must be valid */
            else if (ui_text_unsafe(cp))
                fprintf(out, "\\u%04lx", cp); /* kept, but never raw */
            else
                fwrite(p, 1, len, out);
        }
        p += len;
    }
    fputc('"', out);
}

void safe_html_text(FILE *out, const char *raw)
{
    size_t size = strlen(raw ? raw : "") * 3 + 1;
    char *s = malloc(size);
    if (!s)
        return;
    ui_text_terminal(raw, s, size);
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*p, out);
        }
    }
    free(s);
}
