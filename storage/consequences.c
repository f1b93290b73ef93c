/* consequences.c - appointments left outside: booked where their agent has
 * no opening hours (for their motif) or is absent. Listed for a range
 * (`guichet appt list --conflicts`, the marks of the day and week views)
 * and, before an absence or a change of opening hours is saved, as the
 * difference the change would make (db_absence_preview,
 * db_opening_preview: the change is written in a unit that is rolled back,
 * and the same list is read inside it). The rule itself is the model's
 * (slots_closed_reasons), the one the slot finder and the booking warnings
 * use: written once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"
#include "../common/i18n.h"

/* Non-cancelled appointments starting in [?3, ?4), of a site (?1, 0 =
 * every site) and an agent (?2, 0 = every agent). One statement per case:
 * with "?1 = 0 OR a.site_id = ?1" SQLite cannot use the (site, start) or
 * (agent, start) index and reads the whole table (a day view on a share:
 * every page of it, one round trip each). Only what the rule needs: for a
 * site the (site, start, status, agent, motif, end) index answers alone,
 * and the whole row, with its person and agent, is read for the few
 * appointments left outside (a day view's marks read the people's pages of
 * every appointment of the day before: 25 round trips per day on a share). */
#define CONFLICT_SELECT                                                       \
    "SELECT a.id, a.site_id, a.agent_id, a.motif_id, a.starts_at, a.ends_at"  \
    " FROM appointment a WHERE a.starts_at >= ?3 AND a.starts_at < ?4"        \
    " AND a.status NOT IN ('excused', 'revoked')"
#define CONFLICT_ORDER " ORDER BY a.starts_at, a.agent_id, a.id"
static const char SQL_CONFLICT_CANDIDATES[] =
    CONFLICT_SELECT " AND (?1 = 0 OR a.site_id = ?1)"
    " AND (?2 = 0 OR a.agent_id = ?2)" CONFLICT_ORDER;
static const char SQL_CONFLICT_CANDIDATES_SITE[] =
    CONFLICT_SELECT " AND a.site_id = ?1 AND (?2 = 0 OR a.agent_id = ?2)"
    CONFLICT_ORDER;
static const char SQL_CONFLICT_CANDIDATES_AGENT[] =
    CONFLICT_SELECT " AND a.agent_id = ?2 AND (?1 = 0 OR a.site_id = ?1)"
    CONFLICT_ORDER;

/* A row of CONFLICT_SELECT: what judge() reads. */
static void read_candidate(sqlite3_stmt *st, void *p)
{
    struct db_appt *a = &((struct db_appt_row *)p)->day.appt;
    a->id = sqlite3_column_int64(st, 0);
    a->site_id = sqlite3_column_int64(st, 1);
    a->agent_id = sqlite3_column_int64(st, 2);
    a->motif_id = sqlite3_column_int64(st, 3);
    db_column_text(st, 4, a->starts_at, sizeof a->starts_at);
    db_column_text(st, 5, a->ends_at, sizeof a->ends_at);
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The distinct agents of `rows`, sorted. */
static int64_t *agents_of(const struct db_appt_row *rows, size_t n,
                          size_t *count)
{
    int64_t *ids = malloc((n ? n : 1) * sizeof *ids);
    if (!ids)
        return NULL;
    for (size_t i = 0; i < n; i++)
        ids[i] = rows[i].day.appt.agent_id;
    qsort(ids, n, sizeof *ids, cmp_id);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || ids[k - 1] != ids[i])
            ids[k++] = ids[i];
    *count = k;
    return ids;
}

static const struct slot_agent *find_agent(const struct db_calendar *cal,
                                           int64_t id)
{
    for (size_t i = 0; i < cal->agent_count; i++)
        if (cal->agents[i].agent_id == id)
            return &cal->agents[i];
    return NULL;
}

/* The conflicts among `rows` (all of one read), into a new array. */
static int judge(struct db *db, struct db_appt_row *rows, size_t n,
                 struct civil_date from, struct civil_date to,
                 struct db_stranded **out, size_t *count,
                 struct db_error *err)
{
    size_t nagents = 0;
    int64_t *agents = agents_of(rows, n, &nagents);
    struct db_stranded *list = calloc(n ? n : 1, sizeof *list);
    if (!agents || !list) {
        free(agents);
        free(list);
        return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    }
    struct db_calendar *cal = NULL;
    /* open or not, not taken or not: no appointments in the calendar */
    int rc = nagents ? db_calendar_load_locked(db, agents, nagents, from, to, 0,
                                               &cal, err)
                     : DB_OK;
    free(agents);
    size_t kept = 0;
    int64_t site = 0;
    unsigned holidays = HOLIDAYS_NATIONAL;
    for (size_t i = 0; rc == DB_OK && i < n; i++) {
        const struct db_appt *a = &rows[i].day.appt;
        struct civil_datetime s, e;
        if (civil_parse_datetime(a->starts_at, &s) != 0 ||
            civil_parse_datetime(a->ends_at, &e) != 0)
            continue;
        if (a->site_id != site) {
            site = a->site_id;
            struct db_error ignored = {0};
            if (db_site_holiday_flags(db, site, &holidays, &ignored) != DB_OK)
                holidays = HOLIDAYS_NATIONAL;
        }
        struct interval when = {civil_datetime_to_minutes(s),
                                civil_datetime_to_minutes(e)};
        unsigned closed = slots_closed_reasons(find_agent(cal, a->agent_id),
                                               a->site_id, a->motif_id,
                                               holidays, when);
        unsigned reasons = 0;
        if (closed & SLOT_OUTSIDE_HOURS)
            reasons |= DB_STRANDED_OUTSIDE_HOURS;
        if (closed & SLOT_ABSENT)
            reasons |= DB_STRANDED_ABSENT;
        if (!reasons)
            continue;
        /* left outside: the whole row, for the lists and the details */
        rc = db_appt_get_row(db, a->id, &list[kept].row, err);
        list[kept].reasons = reasons;
        kept++;
    }
    free(cal);
    if (rc != DB_OK || kept == 0) {
        free(list);
        list = NULL;
        kept = 0;
    }
    *out = list;
    *count = kept;
    return rc;
}

/* The body of db_appt_conflicts, inside a transaction the caller holds. */
static int conflicts_locked(struct db *db, int64_t site_id, int64_t agent_id,
                            struct civil_date from, struct civil_date to,
                            struct db_stranded **out, size_t *count,
                            struct db_error *err)
{
    char a[CIVIL_DATETIME_LEN], b[CIVIL_DATETIME_LEN], x[CIVIL_DATETIME_LEN];
    if (db_day_bounds(from, 0, a, x) != 0 || db_day_bounds(to, 0, b, x) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("dates"));
    sqlite3_stmt *st = db_stmt(db, agent_id ? SQL_CONFLICT_CANDIDATES_AGENT
                                   : site_id ? SQL_CONFLICT_CANDIDATES_SITE
                                             : SQL_CONFLICT_CANDIDATES,
                               err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    sqlite3_bind_int64(st, 2, agent_id);
    sqlite3_bind_text(st, 3, a, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, b, -1, SQLITE_TRANSIENT);
    void *arr = NULL;
    size_t n = 0;
    int rc = db_collect(db, st, sizeof(struct db_appt_row), read_candidate, &arr, &n, err);
    if (rc == DB_OK)
        rc = judge(db, arr, n, from, to, out, count, err);
    free(arr);
    return rc;
}

enum { CONFLICT_MAX_DAYS = DB_CALENDAR_MAX_DAYS };

int db_appt_conflicts(struct db *db, int64_t site_id, int64_t agent_id,
                      struct civil_date from, struct civil_date to,
                      struct db_stranded **out, size_t *count,
                      struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    if (!civil_date_valid(from) || !civil_date_valid(to) ||
        civil_date_diff_days(to, from) < 1 ||
        civil_date_diff_days(to, from) > CONFLICT_MAX_DAYS)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("dates"));
    int started = 0;
    int rc = db_read_begin(db, &started, err);
    if (rc != DB_OK)
        return rc;
    rc = conflicts_locked(db, site_id, agent_id, from, to, out, count, err);
    db_read_end(db, started);
    return rc;
}

void db_stranded_describe(unsigned reasons, char *buf, size_t size)
{
    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    if (reasons & DB_STRANDED_ABSENT)
        db_text_append(buf, size, "%s", _("agent absent"));
    if (reasons & DB_STRANDED_OUTSIDE_HOURS)
        db_text_append(buf, size, "%s%s", buf[0] ? ", " : "",
                       _("outside opening hours"));
}

/* ---- previews ---------------------------------------------------------- */

/* The window a preview looks at: from yesterday (the sites' days differ)
 * for a year; appointments already started at their site are dropped. */
enum { PREVIEW_DAYS = 366 };

static void preview_window(struct civil_date *from, struct civil_date *to)
{
    struct civil_datetime now;
    db_zone_now("", &now);
    civil_date_add_days(now.date, -1, from);
    civil_date_add_days(*from, PREVIEW_DAYS, to);
}

/* Every conflict of the preview's agents, in one array. */
static int preview_list(struct db *db, const struct db_preview *p,
                        struct db_stranded **out, size_t *count,
                        struct db_error *err)
{
    struct civil_date from, to;
    preview_window(&from, &to);
    *out = NULL;
    *count = 0;
    for (size_t i = 0; i < p->agent_count; i++) {
        if (i == 1 && p->agents[1] == p->agents[0])
            break;
        struct db_stranded *part = NULL;
        size_t n = 0;
        int rc = conflicts_locked(db, 0, p->agents[i], from, to, &part, &n,
                                  err);
        if (rc != DB_OK) {
            free(*out);
            *out = NULL;
            *count = 0;
            return rc;
        }
        if (n == 0)
            continue;
        struct db_stranded *all = realloc(*out, (*count + n) * sizeof *all);
        if (!all) {
            free(part);
            free(*out);
            *out = NULL;
            *count = 0;
            return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
        }
        memcpy(all + *count, part, n * sizeof *part);
        *out = all;
        *count += n;
        free(part);
    }
    return DB_OK;
}

int db_preview_start(struct db *db, struct db_preview *p,
                     struct db_error *err)
{
    int started = 0;
    int rc = db_read_begin(db, &started, err);
    if (rc == DB_OK)
        rc = preview_list(db, p, &p->before, &p->before_count, err);
    db_read_end(db, started);
    return rc;
}

void db_preview_end(struct db_preview *p)
{
    free(p->before);
    p->before = NULL;
    p->before_count = 0;
}

static int was_before(const struct db_preview *p, int64_t id)
{
    for (size_t i = 0; i < p->before_count; i++)
        if (p->before[i].row.day.appt.id == id)
            return 1;
    return 0;
}

int db_preview_probe(struct db *db, struct db_unit *u, void *ctx,
                     struct db_error *err)
{
    (void)u;
    struct db_preview *p = ctx;
    struct db_stranded *after = NULL;
    size_t n = 0;
    int rc = preview_list(db, p, &after, &n, err);
    if (rc != DB_OK)
        return rc;
    size_t kept = 0;
    int64_t site = 0;
    struct civil_datetime now = {{0, 0, 0}, 0};
    for (size_t i = 0; i < n; i++) {
        const struct db_appt *a = &after[i].row.day.appt;
        struct civil_datetime start;
        if (a->site_id != site) {
            site = a->site_id;
            db_site_now(db, site, &now);
        }
        if (was_before(p, a->id) ||
            civil_parse_datetime(a->starts_at, &start) != 0 ||
            civil_datetime_compare(start, now) < 0)
            continue;
        after[kept++] = after[i];
    }
    if (kept == 0) {
        free(after);
        after = NULL;
    }
    *p->out = after;
    *p->count = kept;
    return DB_OK;
}
