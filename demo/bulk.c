/* bulk.c - bounded bulk transactions for the demo generator.
 *
 * One transaction per chunk of rows: far faster than a transaction per row
 * (each COMMIT is an fsync with synchronous=FULL), while keeping the
 * rollback journal and the time the file stays locked bounded. */
#include "plan.h"

int demo_bulk_start(struct demo_bulk *b, struct db *db, long chunk,
                    struct db_error *err)
{
    b->db = db;
    b->chunk = chunk > 0 ? chunk : 50000;
    b->in_transaction = 0;
    b->open = 0;
    int rc = db_bulk_begin(db, err);
    if (rc == DB_OK)
        b->open = 1;
    return rc;
}

int demo_bulk_row(struct demo_bulk *b, int *committed, struct db_error *err)
{
    if (committed)
        *committed = 0;
    if (++b->in_transaction < b->chunk)
        return DB_OK;
    /* On a failed commit the transaction stays "open" so that
     * demo_bulk_abort() rolls it back. */
    int rc = db_bulk_commit(b->db, err);
    if (rc != DB_OK)
        return rc;
    b->open = 0;
    b->in_transaction = 0;
    if (committed)
        *committed = 1;
    rc = db_bulk_begin(b->db, err);
    if (rc == DB_OK)
        b->open = 1;
    return rc;
}

int demo_bulk_finish(struct demo_bulk *b, struct db_error *err)
{
    if (!b->open)
        return DB_OK;
    int rc = db_bulk_commit(b->db, err);
    if (rc == DB_OK)
        b->open = 0;
    return rc;
}

void demo_bulk_abort(struct demo_bulk *b)
{
    if (b->open)
        db_bulk_rollback(b->db);
    b->open = 0;
}
