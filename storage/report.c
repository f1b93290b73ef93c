/* report.c - the queries of the supervisors' summaries (report.h).
 *
 * Every query binds ?1 = first day, ?2 = day after the last (civil dates
 * compared as text with "YYYY-MM-DD HH:MM": '2026-11-25 09:00' >=
 * '2026-11-25'), ?3 = site id or 0 for all, ?4 = now. The site filter is
 * written `site_id IN (SELECT id FROM site WHERE ...)` so that SQLite walks
 * appointment(site_id, starts_at) once per site instead of scanning the
 * table when every site is asked for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "../common/clock.h"
#include "unit.h"

#define SITES " a.site_id IN (SELECT id FROM site WHERE ?3 = 0 OR id = ?3)"
#define PERIOD " a.starts_at >= ?1 AND a.starts_at < ?2"

/* Counted here (db_report_groups) rather than by GROUP BY: over a year
 * SQLite would sort some 200,000 rows into a few thousand groups, most of
 * the year's time; a hash table of the groups costs one probe a row. */
static const char SQL_GROUPS[] =
    "SELECT a.site_id, a.agent_id, a.motif_id, a.status, a.starts_at < ?4"
    " FROM appointment a WHERE" SITES " AND" PERIOD;

/* Civil minutes between two "YYYY-MM-DD HH:MM" texts, as the console's
 * details dialog counts them (storage/agenda.c). */
static const char SQL_ARRIVALS[] =
    "SELECT a.site_id, CASE WHEN a.seen_at IS NULL THEN -1 ELSE"
    " max(0, min(100000, CAST(round((julianday(a.seen_at)"
    " - julianday(a.arrived_at)) * 1440) AS INTEGER))) END"
    " FROM appointment a WHERE" SITES " AND" PERIOD
    " AND a.arrived_at IS NOT NULL";

/* Audit times are instants in UTC ("YYYY-MM-DDTHH:MM:SS+00:00"): ?1 and ?2
 * are the period's bounds as such (db_report_changes). Status changes
 * write "status: OLD -> NEW; " (unit.c db_unit_diff). */
static const char SQL_CHANGES[] =
    "SELECT u.actor, sum(u.action = 'create'),"
    " sum(u.action IN ('move', 'resize')),"
    " sum(u.action = 'cancel' OR (u.action = 'status' AND"
    "  (u.detail LIKE '%-> excused;%' OR u.detail LIKE '%-> revoked;%')))"
    " FROM audit u WHERE u.entity = 'appointment'"
    " AND u.at >= ?1 AND u.at < ?2"
    " AND u.action IN ('create', 'move', 'resize', 'cancel', 'status')"
    " AND (?3 = 0 OR EXISTS (SELECT 1 FROM appointment a"
    "  WHERE a.id = u.entity_id AND a.site_id = ?3))"
    " GROUP BY u.actor ORDER BY u.actor";

static const char SQL_AGENDA[] =
    "SELECT a.site_id, a.agent_id, count(*), min(a.starts_at), max(a.ends_at)"
    " FROM appointment a WHERE" SITES " AND" PERIOD
    " AND a.status NOT IN ('excused', 'revoked')"
    " GROUP BY 1, 2";

/* The counts kept per site and day by triggers (schema.c, migration 10):
 * a few rows per day instead of every appointment of 8 weeks or a year.
 * A day whose counts fell back to zero is left out, as before. */
static const char SQL_DAYS[] =
    "SELECT d.day, sum(d.seen), sum(d.noshow) FROM appointment_outcome_day d"
    " WHERE d.site_id IN (SELECT id FROM site WHERE ?3 = 0 OR id = ?3)"
    " AND d.day >= ?1 AND d.day < ?2"
    " GROUP BY d.day HAVING sum(d.seen) + sum(d.noshow) > 0 ORDER BY d.day";

static const char *const report_sql[] = {
    SQL_GROUPS, SQL_ARRIVALS, SQL_CHANGES, SQL_AGENDA, SQL_DAYS,
    db_report_sql_room_use, db_report_sql_pending, db_report_sql_insurance,
    db_report_sql_alerts, db_report_sql_alerted, db_report_sql_reminders,
};

const char *db_report_sql(int index)
{
    if (index < 0 || index >= (int)(sizeof report_sql / sizeof report_sql[0]))
        return NULL;
    return report_sql[index];
}

sqlite3_stmt *db_report_stmt(struct db *db, const char *sql, int64_t site_id,
                             struct civil_date from, struct civil_date to,
                             const struct civil_datetime *now, struct db_error *err)
{
    char f[CIVIL_DATE_LEN], t[CIVIL_DATE_LEN], n[CIVIL_DATETIME_LEN] = "";
    if (civil_format_date(from, f, sizeof f) != 0 ||
        civil_format_date(to, t, sizeof t) != 0 ||
        (now && civil_format_datetime(*now, n, sizeof n) != 0) ||
        site_id < 0) {
        db_set_error(err, DB_ERR_INVALID, "%s", "period");
        return NULL;
    }
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, f, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, t, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, site_id);
    if (now)
        sqlite3_bind_text(st, 4, n, -1, SQLITE_TRANSIENT);
    return st;
}

/* Open addressing on (site, agent, motif, status, started); a slot with a
 * count of 0 is empty. Kept at most half full. */
struct group_table {
    struct db_report_group *slot;
    size_t used, cap; /* cap: a power of two */
};

static size_t group_hash(const struct db_report_group *g, size_t cap)
{
    uint64_t h = 1469598103934665603u;
    const uint64_t parts[4] = {(uint64_t)g->site_id, (uint64_t)g->agent_id,
                               (uint64_t)g->motif_id,
                               (uint64_t)g->status * 2u + (uint64_t)(g->started != 0)};
    for (int i = 0; i < 4; i++)
        h = (h ^ parts[i]) * 1099511628211u;
    return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

static int group_same(const struct db_report_group *a, const struct db_report_group *b)
{
    return a->site_id == b->site_id && a->agent_id == b->agent_id &&
           a->motif_id == b->motif_id && a->status == b->status &&
           a->started == b->started;
}

static struct db_report_group *group_slot(struct db_report_group *slot, size_t cap,
                                          const struct db_report_group *g)
{
    size_t i = group_hash(g, cap);
    while (slot[i].count && !group_same(&slot[i], g))
        i = (i + 1) & (cap - 1);
    return &slot[i];
}

static int group_add(struct group_table *t, const struct db_report_group *g)
{
    if ((t->used + 1) * 2 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        struct db_report_group *slot = calloc(cap, sizeof *slot);
        if (!slot)
            return -1;
        for (size_t i = 0; i < t->cap; i++)
            if (t->slot[i].count)
                *group_slot(slot, cap, &t->slot[i]) = t->slot[i];
        free(t->slot);
        t->slot = slot;
        t->cap = cap;
    }
    struct db_report_group *s = group_slot(t->slot, t->cap, g);
    if (!s->count) {
        *s = *g;
        s->count = 0;
        t->used++;
    }
    s->count++;
    return 0;
}

static int group_order(const void *pa, const void *pb)
{
    const struct db_report_group *a = pa, *b = pb;
    const int64_t x[5] = {a->site_id, a->agent_id, a->motif_id, a->status, a->started};
    const int64_t y[5] = {b->site_id, b->agent_id, b->motif_id, b->status, b->started};
    for (int i = 0; i < 5; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

int db_report_groups(struct db *db, int64_t site_id, struct civil_date from,
                     struct civil_date to, struct civil_datetime now,
                     struct db_report_group **out, size_t *count,
                     struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_report_stmt(db, SQL_GROUPS, site_id, from, to, &now, err);
    if (!st)
        return err->status;
    struct group_table t = {NULL, 0, 0};
    int rc, result = DB_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct db_report_group g;
        g.site_id = sqlite3_column_int64(st, 0);
        g.agent_id = sqlite3_column_int64(st, 1);
        g.motif_id = sqlite3_column_int64(st, 2);
        const char *s = (const char *)sqlite3_column_text(st, 3);
        if (!s || appt_status_parse(s, &g.status) != 0)
            g.status = APPT_STATUS_COUNT; /* ignored by summary_count_add */
        g.started = sqlite3_column_int(st, 4);
        g.count = 1;
        if (group_add(&t, &g) != 0) {
            result = db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
            break;
        }
    }
    if (result == DB_OK && rc != SQLITE_DONE)
        result = db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    size_t n = 0;
    for (size_t i = 0; result == DB_OK && i < t.cap; i++)
        if (t.slot[i].count)
            t.slot[n++] = t.slot[i];
    if (result != DB_OK) {
        free(t.slot);
        return result;
    }
    if (n)
        qsort(t.slot, n, sizeof *t.slot, group_order);
    *out = t.slot; /* NULL when nothing was counted */
    *count = n;
    return DB_OK;
}

static void read_arrival(sqlite3_stmt *st, void *p)
{
    struct db_report_arrival *a = p;
    a->site_id = sqlite3_column_int64(st, 0);
    a->wait_minutes = sqlite3_column_int(st, 1);
}

int db_report_arrivals(struct db *db, int64_t site_id, struct civil_date from,
                       struct civil_date to, struct db_report_arrival **out,
                       size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_report_stmt(db, SQL_ARRIVALS, site_id, from, to, NULL, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_arrival, &arr, count, err);
    *out = arr;
    return rc;
}

static void read_changes(sqlite3_stmt *st, void *p)
{
    struct db_report_changes *c = p;
    db_column_text(st, 0, c->actor, sizeof c->actor);
    c->created = (long)sqlite3_column_int64(st, 1);
    c->moved = (long)sqlite3_column_int64(st, 2);
    c->cancelled = (long)sqlite3_column_int64(st, 3);
}

int db_report_changes(struct db *db, int64_t site_id, struct civil_date from,
                      struct civil_date to, struct db_report_changes **out,
                      size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    /* The days are the site's (every site: the zone they share, or this
     * machine's); the audit's times are instants. */
    char zone[DB_SHORT_LEN] = "";
    if (site_id > 0) {
        struct db_site s;
        if (db_site_get(db, site_id, &s, NULL) == DB_OK)
            snprintf(zone, sizeof zone, "%s", s.timezone);
    } else {
        struct db_site *sites = NULL;
        size_t n = 0;
        if (db_site_list(db, &sites, &n, NULL) == DB_OK && n > 0) {
            snprintf(zone, sizeof zone, "%s", sites[0].timezone);
            for (size_t i = 1; i < n; i++)
                if (strcmp(sites[i].timezone, zone) != 0)
                    zone[0] = '\0';
        }
        free(sites);
    }
    char f[DB_STAMP_LEN], t[DB_STAMP_LEN];
    struct civil_datetime a = {from, 0}, b = {to, 0};
    if (site_id < 0 || clock_stamp_from_civil(a, 0, zone, f) != 0 ||
        clock_stamp_from_civil(b, 0, zone, t) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", "period");
    sqlite3_stmt *st = db_stmt(db, SQL_CHANGES, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, f, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, t, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, site_id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_changes, &arr, count, err);
    *out = arr;
    return rc;
}

static void read_agenda(sqlite3_stmt *st, void *p)
{
    struct db_report_agenda *a = p;
    a->site_id = sqlite3_column_int64(st, 0);
    a->agent_id = sqlite3_column_int64(st, 1);
    a->count = (long)sqlite3_column_int64(st, 2);
    db_column_text(st, 3, a->first_start, sizeof a->first_start);
    db_column_text(st, 4, a->last_end, sizeof a->last_end);
}

int db_report_agenda(struct db *db, int64_t site_id, struct civil_date from,
                     struct civil_date to, struct db_report_agenda **out,
                     size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_report_stmt(db, SQL_AGENDA, site_id, from, to, NULL, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_agenda, &arr, count, err);
    *out = arr;
    return rc;
}

static void read_day(sqlite3_stmt *st, void *p)
{
    struct db_report_day *d = p;
    const char *s = (const char *)sqlite3_column_text(st, 0);
    if (!s || civil_parse_date(s, &d->date) != 0)
        memset(&d->date, 0, sizeof d->date);
    d->seen = (long)sqlite3_column_int64(st, 1);
    d->noshow = (long)sqlite3_column_int64(st, 2);
}

int db_report_days(struct db *db, int64_t site_id, struct civil_date from,
                   struct civil_date to, struct db_report_day **out,
                   size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_report_stmt(db, SQL_DAYS, site_id, from, to, NULL, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_day, &arr, count, err);
    *out = arr;
    return rc;
}

/* Reading pages through a memory map instead of one read call each: a
 * day's summary reads some 500 pages, and each call costs more than the
 * page. Only on a local disk: on a share, a read error through a map is a
 * signal that ends the program instead of an error SQLite can report. */
enum { MAPPED_READ_BYTES = 1 << 30 };

void db_report_read_mapped(struct db *db)
{
    if (!db->shared.fs_known || db->shared.fs.kind != FS_LOCAL)
        return;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA mmap_size = %d", MAPPED_READ_BYTES);
    sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
}

int db_report_begin(struct db *db, int *started, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    return db_read_begin(db, started, err);
}

void db_report_end(struct db *db, int started)
{
    db_read_end(db, started);
}
