/* risk_unit.c - the write unit of the risk files (risk_unit.h). */
#include "risk_unit.h"

int risk_unit_run(struct db *db, const char *entity, const char *action,
                  risk_step step, void *ctx, int64_t *id, struct db_error *err)
{
    int64_t local = 0;
    if (!id)
        id = &local;
    *id = 0;
    int rc = db_write_begin(db, err);
    if (rc != DB_OK)
        return rc;
    char detail[DB_TEXT_LEN] = "";
    rc = step(db, ctx, id, detail, sizeof detail, err);
    if (rc == DB_OK && *id < 0) {
        db_write_rollback(db);
        return DB_OK;
    }
    if (rc == DB_OK)
        rc = db_audit_add(db, entity, *id, action, detail, err);
    if (rc == DB_OK)
        return db_write_commit(db, err);
    db_write_rollback(db);
    return rc;
}
