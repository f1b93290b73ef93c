/* build_int.h - the parts of report_build (build.c) gathered in their own
 * files: room loans (build_loans.c) and no-show risk (build_risk.c). Each
 * fills its fields of `r` and returns a db_status; report_free releases
 * what they allocated. */
#ifndef GUICHET_REPORT_BUILD_INT_H
#define GUICHET_REPORT_BUILD_INT_H

#include "report.h"

/* end: the day after the period. */
int report_add_loans(struct db *db, struct report *r, struct civil_date end,
                     struct db_error *err);
int report_add_risk(struct db *db, struct report *r, struct civil_date end,
                    struct db_error *err);

#endif
