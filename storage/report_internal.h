/* report_internal.h - what the summary queries' files share (report.c,
 * report_loans.c, report_risk.c): the statement binder and the SQL texts
 * that db_report_sql lists for the bench. storage/ only. */
#ifndef GUICHET_STORAGE_REPORT_INTERNAL_H
#define GUICHET_STORAGE_REPORT_INTERNAL_H

#include "db_internal.h"

/* Prepares `sql` and binds ?1 from, ?2 to, ?3 site id, and ?4 now when
 * `now` is not NULL. NULL with err set on a bad period or site. */
sqlite3_stmt *db_report_stmt(struct db *db, const char *sql, int64_t site_id,
                             struct civil_date from, struct civil_date to,
                             const struct civil_datetime *now, struct db_error *err);

extern const char db_report_sql_room_use[];
extern const char db_report_sql_pending[];
extern const char db_report_sql_insurance[];
extern const char db_report_sql_alerts[];
extern const char db_report_sql_alerted[];
extern const char db_report_sql_reminders[];

#endif
