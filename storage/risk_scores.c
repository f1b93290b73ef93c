/* risk_scores.c - the no-show risk of coming appointments, with reasons
 * (db_risk_scores in risk_store.h).
 *
 * An appointment's features use the outcomes (seen, no-show) of every
 * appointment that started before it: overall, at its site, for its motif,
 * with its agent, and of its person (model/risk_features.c). Reading the
 * whole history for that would cost seconds on a large file, so only what
 * a period needs is read:
 *   - the period's open appointments (index on unknown appointments);
 *   - risk_tally, the outcomes per (site, motif, agent) that triggers keep
 *     on every write (schema.c, migration 9): a few hundred rows;
 *   - minus the outcomes starting at or after each appointment, read from
 *     the period's start on (usually none or a few: today's seen ones);
 *   - the person's own outcomes before it, by the (person, start) index.
 * The result is the same as the sweep over the whole history would give
 * (tests/storage/test_risk_store.c compares both). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "risk_internal.h"
#include "../common/i18n.h"

static const char SQL_OPEN[] =
    "SELECT " RISK_APPT_COLUMNS ", s.name, IFNULL(b.last_name, ''), IFNULL(b.first_name, ''),"
    " IFNULL(b.phone, ''), m.name, f.called_at IS NOT NULL, f.confirmed_at IS NOT NULL,"
    " IFNULL(f.note, ''), f.no_answer_at IS NOT NULL"
    " FROM appointment a JOIN site s ON s.id = a.site_id JOIN motif m ON m.id = a.motif_id"
    " LEFT JOIN beneficiary b ON b.id = a.beneficiary_id"
    " LEFT JOIN appointment_followup f ON f.appointment_id = a.id"
    " WHERE a.status = 'unknown' AND a.starts_at >= ?1 AND a.starts_at < ?2"
    " AND (?3 = 0 OR a.site_id = ?3)";
static const char SQL_TALLY[] =
    "SELECT site_id, motif_id, agent_id, n, noshows FROM risk_tally";
/* Site by site so that the (site, start, status, agent, motif) index
 * answers alone. */
static const char SQL_LATER_OUTCOMES[] =
    "SELECT a.site_id, a.motif_id, a.agent_id, a.starts_at, a.status = 'noshow'"
    " FROM site s CROSS JOIN appointment a ON a.site_id = s.id"
    " WHERE a.starts_at >= ?1 AND a.status IN ('seen', 'noshow')";
static const char SQL_PERSON[] =
    "SELECT status = 'noshow' FROM appointment"
    " WHERE beneficiary_id = ?1 AND starts_at < ?2 AND status IN ('seen', 'noshow')"
    " ORDER BY starts_at DESC, id DESC";

/* ---- counts per site, motif and agent ---------------------------------- */

enum { KIND_SITE, KIND_MOTIF, KIND_AGENT };

struct group {
    int64_t key;         /* id * 4 + kind + 1; 0 = free slot */
    struct risk_tally total, later; /* later: starting at or after the row */
};

struct groups {
    struct group *slots;
    size_t mask;
    struct risk_tally overall_total, overall_later;
};

static int groups_init(struct groups *g, size_t n)
{
    size_t size = 64;
    while (size < 2 * n + 16)
        size *= 2;
    memset(g, 0, sizeof *g);
    g->slots = calloc(size, sizeof *g->slots);
    g->mask = size - 1;
    return g->slots ? 0 : -1;
}

static struct group *groups_get(struct groups *g, int kind, int64_t id)
{
    int64_t key = id * 4 + kind + 1;
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 17) & g->mask;
    while (g->slots[i].key && g->slots[i].key != key)
        i = (i + 1) & g->mask;
    g->slots[i].key = key;
    return &g->slots[i];
}

static void tally_plus(struct risk_tally *t, int n, int noshows)
{
    t->n += n;
    t->noshows += noshows;
}

static struct risk_tally tally_minus(const struct risk_tally *a, const struct risk_tally *b)
{
    return (struct risk_tally){a->n - b->n, a->noshows - b->noshows, 0};
}

struct later {
    int64_t site, motif, agent;
    char starts_at[CIVIL_DATETIME_LEN];
    int noshow;
};

/* ---- candidates -------------------------------------------------------- */

struct candidate {
    struct risk_appt appt;
    char starts_at[CIVIL_DATETIME_LEN];
    struct db_risk_item item;
};

static int by_start_desc(const void *x, const void *y)
{
    const struct candidate *a = x, *b = y;
    return -strcmp(a->starts_at, b->starts_at);
}

static int later_by_start_desc(const void *x, const void *y)
{
    const struct later *a = x, *b = y;
    return -strcmp(a->starts_at, b->starts_at);
}

static int by_risk(const void *x, const void *y)
{
    const struct db_risk_item *a = x, *b = y;
    if (a->risk != b->risk)
        return a->risk > b->risk ? -1 : 1;
    int c = strcmp(a->starts_at, b->starts_at);
    if (c)
        return c;
    return a->appointment_id < b->appointment_id ? -1 : a->appointment_id > b->appointment_id;
}

static void read_candidate(sqlite3_stmt *st, void *out)
{
    struct candidate *c = out;
    risk_appt_read(st, 0, &c->appt, NULL);
    int k = RISK_APPT_NCOLUMNS;
    struct db_risk_item *it = &c->item;
    char last[DB_NAME_LEN], first[DB_NAME_LEN];
    db_column_text(st, 5, c->starts_at, sizeof c->starts_at);
    it->appointment_id = c->appt.id;
    it->site_id = c->appt.site_id;
    snprintf(it->starts_at, sizeof it->starts_at, "%s", c->starts_at);
    db_column_text(st, k, it->site_name, sizeof it->site_name);
    db_column_text(st, k + 1, last, sizeof last);
    db_column_text(st, k + 2, first, sizeof first);
    snprintf(it->person, sizeof it->person, "%s%s%s", last, first[0] ? " " : "", first);
    db_column_text(st, k + 3, it->phone, sizeof it->phone);
    db_column_text(st, k + 4, it->motif_name, sizeof it->motif_name);
    it->called = sqlite3_column_int(st, k + 5);
    it->confirmed = sqlite3_column_int(st, k + 6);
    db_column_text(st, k + 7, it->note, sizeof it->note);
    it->no_answer = sqlite3_column_int(st, k + 8);
}

static void read_later(sqlite3_stmt *st, void *out)
{
    struct later *l = out;
    l->site = sqlite3_column_int64(st, 0);
    l->motif = sqlite3_column_int64(st, 1);
    l->agent = sqlite3_column_int64(st, 2);
    db_column_text(st, 3, l->starts_at, sizeof l->starts_at);
    l->noshow = sqlite3_column_int(st, 4);
}

/* The person's outcomes before `starts_at`, the latest first. */
static int person_tally(struct db *db, int64_t person, const char *starts_at,
                        struct risk_tally *t, struct db_error *err)
{
    memset(t, 0, sizeof *t);
    if (!person)
        return DB_OK;
    sqlite3_stmt *st = db_stmt(db, SQL_PERSON, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_text(st, 2, starts_at, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int miss = sqlite3_column_int(st, 0);
        if (t->n == 0)
            t->last_noshow = miss;
        t->n++;
        t->noshows += miss;
    }
    int result = rc == SQLITE_DONE ? DB_OK : db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    return result;
}

/* Totals per site, motif and agent (and overall) from risk_tally, and the
 * outcomes from `from` on, latest first, in *later. */
static int read_groups(struct db *db, const char *from, struct groups *g,
                       struct later **later, size_t *nlater, struct db_error *err)
{
    *later = NULL;
    *nlater = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_LATER_OUTCOMES, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    int rc = db_collect(db, st, sizeof **later, read_later, (void **)later, nlater, err);
    if (rc != DB_OK)
        return rc;
    if (*nlater)
        qsort(*later, *nlater, sizeof **later, later_by_start_desc);

    struct { int64_t site, motif, agent; int n, noshows; } *rows = NULL;
    size_t nrows = 0, cap = 0;
    if (!(st = db_stmt(db, SQL_TALLY, err)))
        return err->status;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (nrows == cap) {
            cap = cap ? 2 * cap : 256;
            void *more = realloc(rows, cap * sizeof *rows);
            if (!more) {
                rc = SQLITE_NOMEM;
                break;
            }
            rows = more;
        }
        rows[nrows].site = sqlite3_column_int64(st, 0);
        rows[nrows].motif = sqlite3_column_int64(st, 1);
        rows[nrows].agent = sqlite3_column_int64(st, 2);
        rows[nrows].n = sqlite3_column_int(st, 3);
        rows[nrows].noshows = sqlite3_column_int(st, 4);
        nrows++;
    }
    int result = rc == SQLITE_DONE ? DB_OK
                 : rc == SQLITE_NOMEM ? db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"))
                                      : db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    if (result == DB_OK && groups_init(g, 3 * (nrows + *nlater)) != 0)
        result = db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    for (size_t i = 0; result == DB_OK && i < nrows; i++) {
        tally_plus(&g->overall_total, rows[i].n, rows[i].noshows);
        tally_plus(&groups_get(g, KIND_SITE, rows[i].site)->total, rows[i].n, rows[i].noshows);
        tally_plus(&groups_get(g, KIND_MOTIF, rows[i].motif)->total, rows[i].n, rows[i].noshows);
        tally_plus(&groups_get(g, KIND_AGENT, rows[i].agent)->total, rows[i].n, rows[i].noshows);
    }
    free(rows);
    return result;
}

int db_risk_scores(struct db *db, const char *from, const char *to,
                   int64_t site_id, double min_risk,
                   struct db_risk_item **out, size_t *count,
                   struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    struct civil_datetime lo, hi;
    if (civil_parse_datetime(from, &lo) != 0 || civil_parse_datetime(to, &hi) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("a date and time is expected"));
    char lo_text[CIVIL_DATETIME_LEN], hi_text[CIVIL_DATETIME_LEN];
    civil_format_datetime(lo, lo_text, sizeof lo_text);
    civil_format_datetime(hi, hi_text, sizeof hi_text);

    int started = 0;
    int rc = db_read_begin(db, &started, err);
    if (rc != DB_OK)
        return rc;
    struct risk_model model;
    struct db_risk_fit_info info;
    int found;
    struct candidate *cand = NULL;
    struct later *later = NULL;
    size_t ncand = 0, nlater = 0, k = 0;
    struct groups g = {0};
    struct db_risk_item *items = NULL;
    rc = db_risk_model_load(db, &model, &info, &found, err);
    if (rc == DB_OK) {
        sqlite3_stmt *st = db_stmt(db, SQL_OPEN, err);
        if (!st) {
            rc = err->status;
        } else {
            sqlite3_bind_text(st, 1, lo_text, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, hi_text, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 3, site_id);
            rc = db_collect(db, st, sizeof *cand, read_candidate, (void **)&cand, &ncand, err);
        }
    }
    if (rc == DB_OK && ncand)
        rc = read_groups(db, lo_text, &g, &later, &nlater, err);
    if (rc == DB_OK && ncand && !(items = malloc(ncand * sizeof *items)))
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    /* latest first: the outcomes at or after each start are added as the
     * starts go down, and taken from the totals */
    if (ncand)
        qsort(cand, ncand, sizeof *cand, by_start_desc);
    size_t j = 0;
    for (size_t i = 0; rc == DB_OK && i < ncand; i++) {
        struct candidate *c = &cand[i];
        for (; j < nlater && strcmp(later[j].starts_at, c->starts_at) >= 0; j++) {
            tally_plus(&g.overall_later, 1, later[j].noshow);
            tally_plus(&groups_get(&g, KIND_SITE, later[j].site)->later, 1, later[j].noshow);
            tally_plus(&groups_get(&g, KIND_MOTIF, later[j].motif)->later, 1, later[j].noshow);
            tally_plus(&groups_get(&g, KIND_AGENT, later[j].agent)->later, 1, later[j].noshow);
        }
        const struct group *site = groups_get(&g, KIND_SITE, c->appt.site_id);
        const struct group *motif = groups_get(&g, KIND_MOTIF, c->appt.motif_id);
        const struct group *agent = groups_get(&g, KIND_AGENT, c->appt.agent_id);
        struct risk_tally overall = tally_minus(&g.overall_total, &g.overall_later);
        struct risk_tally st = tally_minus(&site->total, &site->later);
        struct risk_tally mt = tally_minus(&motif->total, &motif->later);
        struct risk_tally at = tally_minus(&agent->total, &agent->later);
        struct risk_tally person;
        rc = person_tally(db, c->appt.person_id, c->starts_at, &person, err);
        if (rc != DB_OK)
            break;
        struct risk_row row;
        risk_features_one(&c->appt, &overall, &st, &mt, &at, &person, &row);
        double p = risk_score(&model, &row);
        if (p < min_risk)
            continue;
        c->item.risk = p;
        risk_reasons_text(&model, &row, 3, c->item.reasons, sizeof c->item.reasons);
        items[k++] = c->item;
    }
    db_read_end(db, started);
    free(g.slots);
    free(later);
    free(cand);
    if (rc != DB_OK) {
        free(items);
        return rc;
    }
    if (k)
        qsort(items, k, sizeof *items, by_risk);
    *out = items;
    *count = k;
    return DB_OK;
}
