/* risk_internal.h - internal to the risk files of storage/ (risk_store.h):
 * their writes go through the one unit runner (unit.h). */
#ifndef GUICHET_STORAGE_RISK_INTERNAL_H
#define GUICHET_STORAGE_RISK_INTERNAL_H

#include "unit.h"

/* Every appointment for the model; open[i] = 1 when its status is still
 * unknown (may be NULL). */
int risk_history_load(struct db *db, struct risk_appt **out, unsigned char **open,
                      size_t *count, struct db_error *err);

#endif
