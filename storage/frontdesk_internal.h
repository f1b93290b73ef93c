/* frontdesk_internal.h - what the issue-3 files of storage/ share and
 * nothing else sees: version checks with their conflict report, read
 * transactions, audit "what changed" texts, the person keys kept with each
 * beneficiary. Includes db_internal.h (so sqlite3.h): storage/ and
 * tests/storage only. */
#ifndef GUICHET_STORAGE_FRONTDESK_INTERNAL_H
#define GUICHET_STORAGE_FRONTDESK_INTERNAL_H

#include "db_internal.h"
#include "../model/search.h"

/* ---- versions (versions.c) ---- */

/* Inside a write unit: reads the version of row `id` of `entity` (a name
 * accepted by db_row_version). DB_ERR_NO_ROW naming the entity when it is
 * gone; DB_ERR_CONFLICT when `seen` is not DB_VERSION_CURRENT and differs,
 * with err->detail "changed by WHO at WHEN: WHAT" and `conflict` (may be
 * NULL) filled from the latest audit row. *current (may be NULL) receives
 * the version read. */
int fd_check_version(struct db *db, const char *entity, int64_t id,
                     int64_t seen, int64_t *current,
                     struct db_conflict *conflict, struct db_error *err);

/* UPDATE <table of entity> SET version = version + 1 WHERE id = ?. */
int fd_bump_version(struct db *db, const char *entity, int64_t id,
                    struct db_error *err);

/* A read transaction (BEGIN DEFERRED) so that several SELECTs see one
 * state of the file; nothing is done when a transaction is already open.
 * fd_read_end always ends what fd_read_begin started. */
int fd_read_begin(struct db *db, int *started, struct db_error *err);
void fd_read_end(struct db *db, int started);

/* ---- audit texts (versions.c) ---- */

/* Appends printf output to the NUL-terminated text in buf[size], cutting
 * on a UTF-8 character boundary when it does not fit. */
void fd_append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Appends "field: old -> new; " when old and new differ (texts cut to 60
 * bytes); returns 1 if they differ. */
int fd_diff(char *buf, size_t size, const char *field, const char *old_value,
            const char *new_value);

/* ---- people keys (people_search.c) ---- */

/* The folded search key (last, first and birth names) and the phone
 * digits stored with a beneficiary. */
void fd_person_keys(const struct db_person *p, char key[DB_TEXT_LEN],
                    char digits[SEARCH_PHONE_LEN]);

/* ---- schema (schema.c) ---- */

/* The SQL of migration `index` (0 = from version 0 to 1), NULL past the
 * last: for tests that build an old file. */
const char *db_migration_sql(int index);

#endif
