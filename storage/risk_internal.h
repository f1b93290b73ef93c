/* risk_internal.h - internal to the risk files of storage/ (risk_store.h):
 * their writes go through the one unit runner (unit.h). */
#ifndef GUICHET_STORAGE_RISK_INTERNAL_H
#define GUICHET_STORAGE_RISK_INTERNAL_H

#include "unit.h"

/* The columns risk_appt_read reads, in order (a: appointment, b: its
 * beneficiary, LEFT JOINed). */
#define RISK_APPT_COLUMNS \
    "a.id, IFNULL(a.beneficiary_id, 0), a.site_id, a.motif_id, a.agent_id," \
    " a.starts_at, a.created_at, a.booking_known, a.reminder_sent, a.status," \
    " IFNULL(b.sex, ''), IFNULL(b.birth_date, '')"
enum { RISK_APPT_NCOLUMNS = 12 };

/* Reads RISK_APPT_COLUMNS from column `col` on; *unknown = 1 when the
 * status is still unknown. -1 on a start that cannot be read. */
int risk_appt_read(sqlite3_stmt *st, int col, struct risk_appt *r, int *unknown);

/* Every appointment for the model; open[i] = 1 when its status is still
 * unknown (may be NULL). */
int risk_history_load(struct db *db, struct risk_appt **out, unsigned char **open,
                      size_t *count, struct db_error *err);

#endif
