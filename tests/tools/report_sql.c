/* report_sql.c - prints, for the sqlite3 shell, the GROUP BY queries that
 * `guichet report` runs (storage/report.c, db_report_sql), with their
 * parameters bound, so that `make bench` can time the same SQL text beside
 * guichet in the same run:
 *
 *   report_sql FROM TO SITE NOW | sqlite3 FILE
 *
 * FROM and TO are the first and last day (YYYY-MM-DD, TO included), SITE
 * an id or 0 for every site, NOW "YYYY-MM-DD HH:MM". The next-day and
 * 8-week queries get their own periods, as report/build.c gives them. */
#include <stdio.h>
#include <stdlib.h>

#include "model/summary.h"
#include "storage/storage.h"

static void params(struct civil_date from, struct civil_date to_excl, long site,
                   const char *now)
{
    char f[CIVIL_DATE_LEN], t[CIVIL_DATE_LEN];
    civil_format_date(from, f, sizeof f);
    civil_format_date(to_excl, t, sizeof t);
    printf(".parameter set ?1 \"'%s'\"\n.parameter set ?2 \"'%s'\"\n"
           ".parameter set ?3 %ld\n.parameter set ?4 \"'%s'\"\n", f, t, site, now);
}

int main(int argc, char **argv)
{
    struct civil_date from, to, end, after, week0;
    struct civil_datetime now;
    char *rest = NULL;
    long site = argc == 5 ? strtol(argv[3], &rest, 10) : -1;
    if (argc != 5 || civil_parse_date(argv[1], &from) != 0 ||
        civil_parse_date(argv[2], &to) != 0 || !rest || *rest || site < 0 ||
        civil_parse_datetime(argv[4], &now) != 0 ||
        civil_date_add_days(to, 1, &end) != 0 || civil_date_add_days(end, 1, &after) != 0 ||
        civil_date_add_days(summary_week_start(to), -7 * 7, &week0) != 0) {
        fprintf(stderr, "usage: report_sql FROM TO SITE NOW\n");
        return 2;
    }
    /* db_report_sql order: groups, arrivals, changes, next-day agenda, days,
     * room use, requests waiting, insurance, alerts, alerted next day,
     * next day's reminders */
    for (int i = 0; db_report_sql(i); i++) {
        if (i == 3 || i == 10)
            params(end, after, site, argv[4]);
        else if (i == 9) { /* the alerted next day: ?4 is its limit */
            params(end, after, site, argv[4]);
            printf(".parameter set ?4 5\n");
        }
        else if (i == 4)
            params(week0, end, site, argv[4]);
        else
            params(from, end, site, argv[4]);
        printf("%s;\n", db_report_sql(i));
    }
    return 0;
}
