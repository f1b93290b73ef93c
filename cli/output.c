/* output.c - writing what the desk commands print for people: text lines
 * and the words shown for an appointment's status (see desk.h). Stored
 * text is never trusted: lines pass through common/safe_text.h; CSV, JSON
 * and HTML cells are common/safe_formats.h's, as in the summaries. */
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
