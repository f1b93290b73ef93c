/* output.c - writing what the desk commands print for other programs:
 * CSV in the French spreadsheet dialect, JSON strings, HTML text, and the
 * words shown for an appointment's status (see desk.h). */
#include <string.h>

#include "desk.h"
#include "../common/i18n.h"

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

void desk_csv_field(FILE *out, const char *s, int first)
{
    if (!first)
        fputc(';', out);
    if (!s)
        s = "";
    size_t n = strlen(s);
    int quote = strpbrk(s, ";\"\r\n") != NULL ||
                (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
    if (!quote) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

void desk_csv_end(FILE *out)
{
    fputs("\r\n", out);
}

void desk_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

void desk_html(FILE *out, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*p, out);
        }
    }
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
