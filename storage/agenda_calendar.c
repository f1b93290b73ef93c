/* agenda_calendar.c - calendars for the model's slot search and the
 * opening-hours shading: each agent's opening rules, their motifs, absences
 * and busy times, read in one read transaction and packed into one block
 * (db_calendar_load; db_calendar_load_locked for the slot finder and the booking
 * check, which already hold a read transaction). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"
#include "../common/i18n.h"

/* ---- calendars --------------------------------------------------------- */

/* What is read for one agent before it is packed into the block. */
struct loaded {
    struct db_opening *rules;
    size_t rule_count;
    int64_t *motif_pairs; /* (opening id, motif id) pairs */
    size_t pair_count;
    struct db_absence *absences;
    size_t absence_count;
    struct interval *busy;
    size_t busy_count;
};

static void loaded_free(struct loaded *l, size_t n)
{
    for (size_t i = 0; l && i < n; i++) {
        free(l[i].rules);
        free(l[i].motif_pairs);
        free(l[i].absences);
        free(l[i].busy);
    }
    free(l);
}

static void read_pair(sqlite3_stmt *st, void *p)
{
    int64_t *pair = p;
    pair[0] = sqlite3_column_int64(st, 0);
    pair[1] = sqlite3_column_int64(st, 1);
}

static void read_busy(sqlite3_stmt *st, void *p)
{
    struct interval *iv = p;
    struct civil_datetime s, e;
    const char *a = (const char *)sqlite3_column_text(st, 0);
    const char *b = (const char *)sqlite3_column_text(st, 1);
    if (a && b && civil_parse_datetime(a, &s) == 0 &&
        civil_parse_datetime(b, &e) == 0) {
        iv->start = civil_datetime_to_minutes(s);
        iv->end = civil_datetime_to_minutes(e);
    } /* else left {0, 0}: invalid, ignored by the model */
}

static const char SQL_CAL_RULES[] =
    "SELECT id, agent_id, site_id, weekday, start_minute, end_minute,"
    " every_weeks, valid_from, IFNULL(valid_until, '') FROM opening_hours"
    " WHERE agent_id = ?1 AND valid_from <= ?3"
    " AND (valid_until IS NULL OR valid_until >= ?2)"
    " ORDER BY site_id, weekday, start_minute, id";
static const char SQL_CAL_MOTIFS[] =
    "SELECT o.id, x.motif_id FROM opening_hours o"
    " JOIN opening_hours_motif x ON x.opening_id = o.id"
    " WHERE o.agent_id = ?1 AND o.valid_from <= ?3"
    " AND (o.valid_until IS NULL OR o.valid_until >= ?2)"
    " ORDER BY o.id, x.motif_id";
/* Appointments end at most a day after they start. */
static const char SQL_CAL_BUSY[] =
    "SELECT starts_at, ends_at FROM appointment"
    " INDEXED BY appointment_agent_start WHERE agent_id = ?1"
    " AND starts_at >= ?4 AND starts_at < ?5"
    " AND status NOT IN ('excused', 'revoked') ORDER BY starts_at, id";

static int load_agent(struct db *db, int64_t agent_id, struct civil_date from,
                      struct civil_date to, int with_busy, struct loaded *l,
                      struct db_error *err)
{
    char first[CIVIL_DATE_LEN], last[CIVIL_DATE_LEN];
    char busy_from[CIVIL_DATETIME_LEN], busy_to[CIVIL_DATETIME_LEN], x[CIVIL_DATETIME_LEN];
    struct civil_date before;
    if (civil_format_date(from, first, sizeof first) != 0 ||
        civil_format_date(to, last, sizeof last) != 0 ||
        civil_date_add_days(from, -1, &before) != 0 ||
        db_day_bounds(before, 0, busy_from, x) != 0 ||
        db_day_bounds(to, 1, x, busy_to) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("dates"));
    static const char *const sql[] = {SQL_CAL_RULES, SQL_CAL_MOTIFS,
                                      SQL_CAL_BUSY};
    void *arr[3] = {NULL, NULL, NULL};
    size_t n[3] = {0, 0, 0};
    static const size_t elem[3] = {sizeof(struct db_opening),
                                   2 * sizeof(int64_t),
                                   sizeof(struct interval)};
    static void (*const readers[3])(sqlite3_stmt *, void *) = {
        db_read_opening, read_pair, read_busy};
    int rc = DB_OK;
    for (int i = 0; i < (with_busy ? 3 : 2) && rc == DB_OK; i++) {
        sqlite3_stmt *st = db_stmt(db, sql[i], err);
        if (!st) {
            rc = err->status;
            break;
        }
        sqlite3_bind_int64(st, 1, agent_id);
        sqlite3_bind_text(st, 2, first, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, last, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, busy_from, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, busy_to, -1, SQLITE_STATIC);
        rc = db_collect(db, st, elem[i], readers[i], &arr[i], &n[i], err);
    }
    l->rules = arr[0];
    l->rule_count = n[0];
    l->motif_pairs = arr[1];
    l->pair_count = n[1];
    l->busy = arr[2];
    l->busy_count = n[2];
    if (rc == DB_OK)
        rc = db_agent_absences(db, agent_id, from, to, &l->absences,
                               &l->absence_count, err);
    return rc;
}

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

/* Packs the loaded data into one block whose pointers point into itself. */
static struct db_calendar *pack(const int64_t *ids, const struct loaded *l,
                                size_t n)
{
    size_t rules = 0, pairs = 0, absences = 0, busy = 0;
    for (size_t i = 0; i < n; i++) {
        rules += l[i].rule_count;
        pairs += l[i].pair_count;
        absences += l[i].absence_count;
        busy += l[i].busy_count;
    }
    size_t off_agents = align8(sizeof(struct db_calendar));
    size_t off_rules = align8(off_agents + n * sizeof(struct slot_agent));
    size_t off_motifs = align8(off_rules + rules * sizeof(struct slot_rule));
    size_t off_busy = align8(off_motifs + pairs * sizeof(int64_t));
    size_t off_abs = align8(off_busy + busy * sizeof(struct interval));
    size_t total = off_abs + absences * sizeof(struct absence);
    char *block = calloc(1, total);
    if (!block)
        return NULL;
    struct db_calendar *cal = (struct db_calendar *)block;
    cal->agent_count = n;
    cal->agents = (struct slot_agent *)(block + off_agents);
    struct slot_rule *rp = (struct slot_rule *)(block + off_rules);
    int64_t *mp = (int64_t *)(block + off_motifs);
    struct interval *bp = (struct interval *)(block + off_busy);
    struct absence *ap = (struct absence *)(block + off_abs);
    for (size_t i = 0; i < n; i++) {
        struct slot_agent *a = &cal->agents[i];
        a->agent_id = ids[i];
        a->rules = rp;
        a->rule_count = l[i].rule_count;
        for (size_t r = 0; r < l[i].rule_count; r++, rp++) {
            rp->site_id = l[i].rules[r].site_id;
            rp->rule = l[i].rules[r].rule;
            rp->motif_ids = NULL;
            rp->motif_count = 0;
            /* pairs are ordered by opening id */
            for (size_t k = 0; k < l[i].pair_count; k++) {
                if (l[i].motif_pairs[2 * k] != l[i].rules[r].id)
                    continue;
                if (!rp->motif_ids)
                    rp->motif_ids = mp;
                *mp++ = l[i].motif_pairs[2 * k + 1];
                rp->motif_count++;
            }
        }
        a->busy = bp;
        a->busy_count = l[i].busy_count;
        if (l[i].busy_count)
            memcpy(bp, l[i].busy, l[i].busy_count * sizeof *bp);
        bp += l[i].busy_count;
        a->absences = ap;
        a->absence_count = l[i].absence_count;
        for (size_t k = 0; k < l[i].absence_count; k++)
            *ap++ = l[i].absences[k].absence;
    }
    return cal;
}

/* The body of db_calendar_load, inside a read transaction. */
int db_calendar_load_locked(struct db *db, const int64_t *ids, size_t n,
                            struct civil_date from, struct civil_date to, int with_busy,
                            struct db_calendar **out, struct db_error *err)
{
    struct loaded *l = calloc(n ? n : 1, sizeof *l);
    if (!l)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    int rc = DB_OK;
    for (size_t i = 0; i < n && rc == DB_OK; i++)
        rc = load_agent(db, ids[i], from, to, with_busy, &l[i], err);
    if (rc == DB_OK) {
        *out = pack(ids, l, n);
        if (!*out)
            rc = db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    }
    loaded_free(l, n);
    return rc;
}

int db_calendar_load(struct db *db, const int64_t *agent_ids,
                     size_t agent_count, struct civil_date from,
                     struct civil_date to, struct db_calendar **out,
                     struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    if (!civil_date_valid(from) || !civil_date_valid(to) ||
        civil_date_diff_days(to, from) < 0 ||
        civil_date_diff_days(to, from) > DB_CALENDAR_MAX_DAYS)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("dates"));
    if (agent_count > DB_CALENDAR_MAX_AGENTS || (agent_count && !agent_ids))
        return db_set_error(err, DB_ERR_INVALID, "%s", _("agents"));
    int started = 0;
    int rc = db_read_begin(db, &started, err);
    if (rc != DB_OK)
        return rc;
    rc = db_calendar_load_locked(db, agent_ids, agent_count, from, to, 1, out, err);
    db_read_end(db, started);
    return rc;
}
