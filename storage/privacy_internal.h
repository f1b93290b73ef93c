/* privacy_internal.h - what privacy.c takes from privacy_loans.c: the
 * room-loan part of a purge, run inside the purge's own unit.
 * Includes unit.h (so sqlite3.h): storage/ only. */
#ifndef GUICHET_STORAGE_PRIVACY_INTERNAL_H
#define GUICHET_STORAGE_PRIVACY_INTERNAL_H

#include "unit.h"

/* `day` is the loan limit, "YYYY-MM-DD". *requests: refused or cancelled
 * requests due that still hold text; *contacts: associations whose
 * contact person would be cleared. */
int privacy_loans_count(struct db *db, const char *day, long *requests,
                        long *contacts, struct db_error *err);
/* What a dry run lists (privacy.h: db_purge_loans_due). */
int privacy_loans_list(struct db *db, const char *day, struct db_purge_loan **out,
                       size_t *count, struct db_error *err);
/* Clears them (inside a write unit); the same counts. */
int privacy_loans_purge(struct db *db, const char *day, long *requests,
                        long *contacts, struct db_error *err);

#endif
