/* privacy_loans.c - retention of room-loan requests: a request refused or
 * cancelled longer ago than the loan retention (12 months by default) is
 * kept as a row (nothing is ever deleted from loans, the states and dates
 * stay for the statistics) but loses its text: purpose, the reasons of its
 * dates and of its hand-made exceptions (closures are not about anyone),
 * and the details of its audit rows. An association whose every request
 * is so past also loses its contact person (name, phone, e-mail): the
 * file held them only for those requests.
 *
 * "Refused or cancelled": none of its dates is requested or approved, at
 * least one was refused or cancelled. "Longer ago": the request's latest
 * audit row (its decision, or a later edit) is before the limit; a request
 * without audit rows counts from its creation. Served by audit(entity,
 * entity_id), loan_series(request_id) and loan_request(association_id). */
#include "privacy_internal.h"

/* Request r is due with limit ?1 ("YYYY-MM-DD"). */
#define LOAN_DUE(r)                                                            \
    "NOT EXISTS (SELECT 1 FROM loan_series s JOIN loan_occurrence o"          \
    "  ON o.series_id = s.id WHERE s.request_id = " r ".id"                   \
    "  AND o.state IN ('requested', 'approved'))"                              \
    " AND EXISTS (SELECT 1 FROM loan_series s JOIN loan_occurrence o"         \
    "  ON o.series_id = s.id WHERE s.request_id = " r ".id"                   \
    "  AND o.state IN ('refused', 'cancelled'))"                               \
    " AND IFNULL((SELECT max(a.at) FROM audit a WHERE a.entity = 'loan_request'" \
    "  AND a.entity_id = " r ".id), " r ".created_at) < ?1"
#define DUE_IDS "(SELECT r.id FROM loan_request r WHERE " LOAN_DUE("r") ")"
#define DUE_SERIES                                                             \
    "(SELECT s.id FROM loan_series s WHERE s.request_id IN " DUE_IDS ")"

/* Request q still holds text a purge clears. */
#define TEXT_LEFT(q)                                                           \
    "(" q ".purpose <> ''"                                                    \
    "  OR EXISTS (SELECT 1 FROM loan_series s JOIN loan_occurrence o"         \
    "   ON o.series_id = s.id WHERE s.request_id = " q ".id AND o.reason <> '')" \
    "  OR EXISTS (SELECT 1 FROM loan_series s JOIN loan_exception e"          \
    "   ON e.series_id = s.id WHERE s.request_id = " q ".id AND e.reason <> ''" \
    "   AND e.kind <> 'closure')"                                              \
    "  OR EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'loan_request'"      \
    "   AND a.entity_id = " q ".id AND a.detail <> ''))"

/* Due requests with text left: what a purge counts. */
static const char SQL_COUNT_REQUESTS[] =
    "SELECT count(*) FROM loan_request q WHERE q.id IN " DUE_IDS
    " AND " TEXT_LEFT("q");

/* Associations with a contact left, at least one request, all due. */
#define CONTACT_DUE(x)                                                         \
    "(" x ".contact <> '' OR " x ".phone <> '' OR " x ".email <> '')"          \
    " AND EXISTS (SELECT 1 FROM loan_request q WHERE q.association_id = " x ".id)" \
    " AND NOT EXISTS (SELECT 1 FROM loan_request r WHERE r.association_id = " x ".id" \
    "  AND NOT (" LOAN_DUE("r") "))"
static const char SQL_COUNT_CONTACTS[] =
    "SELECT count(*) FROM association x WHERE " CONTACT_DUE("x");

/* In this order: the contacts are found through requests, which stay due
 * whatever text they lose. */
static const char *const SQL_CLEAR[] = {
    "UPDATE association SET contact = '', phone = '', email = '',"
    " version = version + 1 WHERE id IN"
    " (SELECT x.id FROM association x WHERE " CONTACT_DUE("x") ")",
    "UPDATE audit SET detail = '' WHERE detail <> ''"
    " AND entity = 'loan_request' AND entity_id IN " DUE_IDS,
    "UPDATE loan_request SET purpose = '', version = version + 1"
    " WHERE purpose <> '' AND id IN " DUE_IDS,
    "UPDATE loan_occurrence SET reason = '', version = version + 1"
    " WHERE reason <> '' AND series_id IN " DUE_SERIES,
    "UPDATE loan_exception SET reason = '' WHERE reason <> ''"
    " AND kind <> 'closure' AND series_id IN " DUE_SERIES,
};

/* Listed by a dry run: due requests with text left, or whose association
 * loses its contact. */
static const char SQL_LIST[] =
    "SELECT q.id, x.name, substr(IFNULL((SELECT max(a.at) FROM audit a"
    "  WHERE a.entity = 'loan_request' AND a.entity_id = q.id), q.created_at), 1, 10),"
    " CASE WHEN " CONTACT_DUE("x") " THEN 1 ELSE 0 END"
    " FROM loan_request q JOIN association x ON x.id = q.association_id"
    " WHERE q.id IN " DUE_IDS " AND (" CONTACT_DUE("x") " OR " TEXT_LEFT("q") ")"
    " ORDER BY x.name, q.id";

static void read_loan(sqlite3_stmt *st, void *p)
{
    struct db_purge_loan *l = p;
    l->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, l->association, sizeof l->association);
    db_column_text(st, 2, l->last_day, sizeof l->last_day);
    l->contact_cleared = sqlite3_column_int(st, 3);
}

int privacy_loans_list(struct db *db, const char *day, struct db_purge_loan **out,
                       size_t *count, struct db_error *err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_LIST, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_loan, &arr, count, err);
    *out = arr;
    return rc;
}

static int run_with_day(struct db *db, const char *sql, const char *day,
                        long *count, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW && count)
        *count = (long)sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        result = db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    return result;
}

int privacy_loans_count(struct db *db, const char *day, long *requests,
                        long *contacts, struct db_error *err)
{
    *requests = *contacts = 0;
    int rc = run_with_day(db, SQL_COUNT_REQUESTS, day, requests, err);
    if (rc == DB_OK)
        rc = run_with_day(db, SQL_COUNT_CONTACTS, day, contacts, err);
    return rc;
}

int privacy_loans_purge(struct db *db, const char *day, long *requests,
                        long *contacts, struct db_error *err)
{
    int rc = privacy_loans_count(db, day, requests, contacts, err);
    for (size_t i = 0; rc == DB_OK && i < sizeof SQL_CLEAR / sizeof SQL_CLEAR[0]; i++)
        rc = run_with_day(db, SQL_CLEAR[i], day, NULL, err);
    return rc;
}
