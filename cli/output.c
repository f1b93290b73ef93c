/* output.c - writing what the desk commands print for people and other
 * programs: text lines, CSV in the French spreadsheet dialect, JSON
 * strings, HTML text, and the words shown for an appointment's status (see
 * desk.h). Stored text is never trusted: every writer here passes it
 * through common/safe_text.h or escapes it, so the output is valid UTF-8
 * without a raw control character. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "../common/i18n.h"
#include "../common/safe_text.h"

int desk_parse_format(const char *s, unsigned allowed)
{
    static const char *const names[] = {"text", "csv", "json", "html"};
    for (int i = 0; i < 4; i++)
        if (s && strcmp(s, names[i]) == 0 && (allowed & (1u << i)))
            return i;
    return -1;
}

void desk_csv_bom(FILE *out)
{
    fputs("\xEF\xBB\xBF", out);
}

void desk_print_line(FILE *out, const char *fmt, ...)
{
    char line[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    ui_text_write(out, line);
    fputc('\n', out);
}

/* OWASP's rule against formula injection: a cell a spreadsheet would read
 * as a formula (it begins with =, +, -, @, tab or carriage return) gets a
 * leading apostrophe, which spreadsheets show as text, and is quoted. */
static int csv_formula_like(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

void desk_csv_field(FILE *out, const char *raw, int first)
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

void desk_csv_end(FILE *out)
{
    fputs("\r\n", out);
}

void desk_json_string(FILE *out, const char *s)
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

void desk_html(FILE *out, const char *raw)
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

const char *desk_status_word(const struct db_appt *a,
                             struct civil_datetime now)
{
    struct civil_datetime start;
    if (civil_parse_datetime(a->starts_at, &start) != 0)
        return appt_status_name(a->status);
    switch (appt_display_status(a->status, start, now)) {
    case APPT_SHOW_UPCOMING: return _("upcoming");
    case APPT_SHOW_TODAY: return _("today");
    case APPT_SHOW_TO_FILL_IN: return _("to fill in");
    case APPT_SHOW_SEEN: return _("seen");
    case APPT_SHOW_EXCUSED: return _("excused");
    case APPT_SHOW_REVOKED: return _("revoked");
    case APPT_SHOW_NOSHOW: return _("no-show");
    default: return appt_status_name(a->status);
    }
}
