/* audit.c - reading the audit log (rows are written by each unit of work
 * through db_audit_add, in txn.c). */
#include "db_internal.h"

static void read_entry(sqlite3_stmt *st, void *p)
{
    struct db_audit_entry *e = p;
    e->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, e->at, sizeof e->at);
    db_column_text(st, 2, e->actor, sizeof e->actor);
    db_column_text(st, 3, e->entity, sizeof e->entity);
    e->entity_id = sqlite3_column_int64(st, 4);
    db_column_text(st, 5, e->action, sizeof e->action);
    db_column_text(st, 6, e->detail, sizeof e->detail);
}

/* Newest first: ids grow with time, and ties of `at` (same second) keep
 * their order. Served by audit(entity, entity_id). */
static const char SQL_AUDIT_FOR[] =
    "SELECT id, at, actor, entity, entity_id, action, detail FROM audit"
    " WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC";

int db_audit_for(struct db *db, const char *entity, int64_t entity_id,
                 struct db_audit_entry **out, size_t *count,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_AUDIT_FOR, err);
    *out = NULL;
    *count = 0;
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, entity ? entity : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, entity_id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_entry, &arr, count, err);
    *out = arr;
    return rc;
}
