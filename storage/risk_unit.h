/* risk_unit.h - internal to the risk files of storage/.
 *
 * risk_unit_run is one write unit: BEGIN IMMEDIATE, the step (re-read,
 * check, write), an audit row naming the entity, its id and the step's
 * detail, COMMIT; ROLLBACK on any error. Steps are written as
 * "check and write" functions so that they move to the shared unit runner
 * unchanged in spirit. */
#ifndef GUICHET_STORAGE_RISK_UNIT_H
#define GUICHET_STORAGE_RISK_UNIT_H

#include "db_internal.h"

/* A step writes and may set *id (the row the audit row names) and detail.
 * Returning DB_OK with *id < 0 means "nothing to do": rolled back, no
 * audit row, success. */
typedef int (*risk_step)(struct db *db, void *ctx, int64_t *id, char *detail,
                         size_t size, struct db_error *err);

int risk_unit_run(struct db *db, const char *entity, const char *action,
                  risk_step step, void *ctx, int64_t *id, struct db_error *err);

/* Every appointment for the model; open[i] = 1 when its status is still
 * unknown (may be NULL). */
int risk_history_load(struct db *db, struct risk_appt **out, unsigned char **open,
                      size_t *count, struct db_error *err);

#endif
