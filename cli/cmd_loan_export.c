/* cmd_loan_export.c - `guichet export room --room R --week W --format
 * text|html` (the door sheet of a room for a week: each day's loans with
 * times, association and state, closed days with their reason) and
 * `guichet export loans --format csv|ics` (every date in the French
 * spreadsheet dialect, or one iCalendar VEVENT per series). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "loans_cli.h"
#include "../common/clock.h"
#include "../common/i18n.h"

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet export room --room R --week W [--format text|html]\n"
        "       guichet export loans --format csv|ics [--room R] [--association A]\n"
        "                            [--site S] [--from D] [--to D]\n"
        "  room: the door sheet of room R for week W (2026-W03, or any date of the\n"
        "        week): each day's loans and closures, to print\n"
        "  loans: csv = one line per date (';', UTF-8 with BOM); ics = iCalendar,\n"
        "        one event per series, skipped and cancelled dates excluded\n"
        "Exit: 0 done, 1 failed, 2 bad input.\n"), action);
}

struct export_args {
    const char *room, *week, *format, *association, *site, *from, *to;
    int help;
    const char *pos[1];
    int npos;
};

static const struct option longopts[] = {
    CLI_COMMON_OPTIONS,
    {"room", required_argument, NULL, 'r'},
    {"week", required_argument, NULL, 'w'},
    {"format", required_argument, NULL, 'f'},
    {"association", required_argument, NULL, 'a'},
    {"from", required_argument, NULL, 'F'},
    {"to", required_argument, NULL, 'T'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void set_option(void *args, int letter, const char *v)
{
    struct export_args *a = args;
    switch (letter) {
    case 'r': a->room = v; break;
    case 'w': a->week = v; break;
    case 'f': a->format = v; break;
    case 'a': a->association = v; break;
    case 's': a->site = v; break;
    case 'F': a->from = v; break;
    case 'T': a->to = v; break;
    }
}

/* "2026-W03" (ISO week) or a date: the Monday of that week. */
static int parse_week(const char *s, struct civil_date *monday)
{
    struct civil_date d;
    int year, week;
    char extra;
    if (sscanf(s, "%4d-W%2d%c", &year, &week, &extra) == 2 && week >= 1 && week <= 53) {
        struct civil_date jan4 = {year, 1, 4};
        if (!civil_date_valid(jan4))
            return -1;
        civil_date_add_days(jan4, 1 - (int)civil_weekday(jan4) + (week - 1) * 7, &d);
        int y, w;
        civil_iso_week(d, &y, &w);
        if (w != week)
            return -1;
    } else if (civil_parse_date(s, &d) != 0) {
        return -1;
    }
    return civil_date_add_days(d, 1 - (int)civil_weekday(d), monday);
}

static void minute_text(int m, char out[CIVIL_TIME_LEN])
{
    if (m >= 1440)
        snprintf(out, CIVIL_TIME_LEN, "24:00");
    else
        civil_format_time(m, out, CIVIL_TIME_LEN);
}

static const char *const day_names[7] = {N_("Monday"), N_("Tuesday"), N_("Wednesday"),
                                         N_("Thursday"), N_("Friday"), N_("Saturday"),
                                         N_("Sunday")};

static int export_room(int argc, char **argv)
{
    struct export_args a;
    memset(&a, 0, sizeof a);
    int rc = desk_parse_args(argc, argv, longopts, "rwf", "export room", &a.help,
                             a.pos, 0, &a.npos, set_option, &a);
    if (rc || a.help) {
        if (a.help)
            help(argv[0]);
        return rc;
    }
    if (!a.room)
        return desk_missing("--room", "export room");
    if (!a.week)
        return desk_missing("--week", "export room");
    int format = a.format ? desk_parse_format(a.format, 1u << DESK_TEXT | 1u << DESK_HTML)
                          : DESK_TEXT;
    if (format < 0)
        return desk_bad_value("--format", a.format);
    struct civil_date monday, sunday;
    if (parse_week(a.week, &monday) != 0)
        return desk_bad_value("--week", a.week);
    civil_date_add_days(monday, 6, &sunday);
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    struct db_room room;
    struct db_loan_row *rows = NULL;
    size_t n = 0;
    struct db_closures c;
    struct db_loan_filter f = {0};
    civil_format_date(monday, f.from, sizeof f.from);
    civil_format_date(sunday, f.to, sizeof f.to);
    if (db_room_find(db, a.room, &room, &err) != DB_OK) {
        db_close(db);
        return loans_fail("--room", &err);
    }
    f.room_id = room.id;
    if (db_loan_list(db, &f, &rows, &n, &err) != DB_OK ||
        db_room_closures(db, room.id, f.from, f.to, &c, &err) != DB_OK) {
        free(rows);
        db_close(db);
        return loans_fail(NULL, &err);
    }
    int year, week;
    civil_iso_week(monday, &year, &week);
    char from_fr[CIVIL_DATE_LEN], to_fr[CIVIL_DATE_LEN];
    civil_format_date_fr(monday, from_fr, sizeof from_fr);
    civil_format_date_fr(sunday, to_fr, sizeof to_fr);
    if (format == DESK_HTML) {
        /* TRANSLATORS: the language code of this catalogue, for HTML ("fr"). */
        printf("<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>",
               _("en"));
        safe_html_text(stdout, room.name);
        printf("</title><style>body{font-family:sans-serif}table{border-collapse:collapse;"
               "width:100%%}td,th{border:1px solid #444;padding:4px;text-align:left}"
               "@media print{body{margin:0}}</style></head><body>\n<h1>");
        safe_html_text(stdout, room.name);
        printf("</h1>\n<p>");
        safe_html_text(stdout, room.site_name);
        printf(" &mdash; ");
        printf(_("week %d, %s to %s"), week, from_fr, to_fr);
        printf("</p>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
               _("day"), _("time"), _("association"), _("state"));
    } else {
        printf("%s - %s\n", room.name, room.site_name);
        printf(_("week %d, %s to %s"), week, from_fr, to_fr);
        printf("\n");
    }
    for (int d = 0; d < 7; d++) {
        struct civil_date day;
        char iso[CIVIL_DATE_LEN], fr[CIVIL_DATE_LEN], label[64];
        civil_date_add_days(monday, d, &day);
        civil_format_date(day, iso, sizeof iso);
        civil_format_date_fr(day, fr, sizeof fr);
        snprintf(label, sizeof label, "%s %s", _(day_names[d]), fr);
        const char *why = NULL;
        enum loan_closure closed = loan_closed_on(&c.c, day, &why);
        char reason[160] = "";
        if (closed != LOAN_OPEN)
            snprintf(reason, sizeof reason, _("closed: %s"),
                     why && why[0] ? (closed == LOAN_CLOSED_PUBLIC_HOLIDAY ? _(why) : why) : "");
        int any = 0;
        if (format == DESK_TEXT)
            printf("\n%s%s%s\n", label, reason[0] ? "  " : "", reason);
        else if (reason[0]) {
            printf("<tr><td>");
            safe_html_text(stdout, label);
            printf("</td><td colspan=\"3\">");
            safe_html_text(stdout, reason);
            printf("</td></tr>\n");
            any = 1;
        }
        for (size_t i = 0; i < n; i++) {
            const struct db_loan_row *r = &rows[i];
            if (strcmp(r->date, iso) != 0 || r->skipped ||
                (r->state != DB_LOAN_APPROVED && r->state != DB_LOAN_REQUESTED))
                continue;
            char s[CIVIL_TIME_LEN], e[CIVIL_TIME_LEN], t[16];
            minute_text(r->start_minute, s);
            minute_text(r->end_minute, e);
            snprintf(t, sizeof t, "%s-%s", s, e);
            const char *state = db_loan_state_label(r->state);
            if (format == DESK_TEXT) {
                printf("  %s  %s (%s)\n", t, r->association, state);
            } else {
                printf("<tr><td>");
                safe_html_text(stdout, any ? "" : label);
                printf("</td><td>%s</td><td>", t);
                safe_html_text(stdout, r->association);
                printf("</td><td>");
                safe_html_text(stdout, state);
                printf("</td></tr>\n");
            }
            any = 1;
        }
        if (!any && format == DESK_TEXT && !reason[0])
            printf("  %s\n", _("free"));
        else if (!any && format == DESK_HTML) {
            printf("<tr><td>");
            safe_html_text(stdout, label);
            printf("</td><td colspan=\"3\">%s</td></tr>\n", _("free"));
        }
    }
    if (format == DESK_HTML)
        printf("</table>\n</body></html>\n");
    free(rows);
    db_closures_free(&c);
    db_close(db);
    return CLI_EXIT_OK;
}

static int export_loans(int argc, char **argv)
{
    struct export_args a;
    memset(&a, 0, sizeof a);
    int rc = desk_parse_args(argc, argv, longopts, "rfasFT", "export loans", &a.help,
                             a.pos, 0, &a.npos, set_option, &a);
    if (rc || a.help) {
        if (a.help)
            help(argv[0]);
        return rc;
    }
    if (!a.format)
        return desk_missing("--format", "export loans");
    if (strcmp(a.format, "csv") == 0)
        return loans_list_main(argc, argv); /* the same options, one line per date */
    if (strcmp(a.format, "ics") != 0)
        return desk_bad_value("--format", a.format);
    struct db_loan_filter f = {0};
    struct civil_date d;
    if (a.from) {
        if (civil_parse_date(a.from, &d) != 0)
            return desk_bad_value("--from", a.from);
        civil_format_date(d, f.from, sizeof f.from);
    }
    if (a.to) {
        if (civil_parse_date(a.to, &d) != 0)
            return desk_bad_value("--to", a.to);
        civil_format_date(d, f.to, sizeof f.to);
    }
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    if (a.room) {
        struct db_room r;
        if (db_room_find(db, a.room, &r, &err) != DB_OK) {
            db_close(db);
            return loans_fail("--room", &err);
        }
        f.room_id = r.id;
    }
    if (a.association) {
        struct db_association x;
        if (db_association_find(db, a.association, &x, &err) != DB_OK) {
            db_close(db);
            return loans_fail("--association", &err);
        }
        f.association_id = x.id;
    }
    if (a.site && (rc = loans_find_site(db, a.site, &f.site_id))) {
        db_close(db);
        return rc;
    }
    struct db_loan_series_export *s;
    size_t n;
    if (db_loan_series_for_export(db, &f, &s, &n, &err) != DB_OK) {
        db_close(db);
        return loans_fail(NULL, &err);
    }
    struct civil_datetime now;
    int sec;
    time_t t;
    struct tm tm;
    char stamp[32] = "19700101T000000Z";
    clock_now(&now, &sec);
    if (civil_to_instant(now, &t) == 0 && gmtime_r(&t, &tm))
        strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    ical_write_loans(stdout, s, n, "Europe/Paris", stamp);
    db_loan_series_export_free(s, n);
    db_close(db);
    return CLI_EXIT_OK;
}

int loans_export_room(int argc, char **argv) { return export_room(argc, argv); }
int loans_export_loans(int argc, char **argv) { return export_loans(argc, argv); }
