/* agenda.c - the reads of issue 3: appointment lists (a range of days, an
 * agent's week, the "to fill in" list, a person's history), calendars for
 * the model's slot search and opening-hours shading, the slot finder and
 * the booking warnings. Every list is one indexed query; the calendar, the
 * slot finder and the check read in one read transaction so that they see
 * one state of the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk_internal.h"
#include "../common/clock.h"
#include "../common/i18n.h"

/* ---- appointment rows -------------------------------------------------- */

#define ROW_COLUMNS                                                          \
    "a.id, a.site_id, a.agent_id, a.motif_id, IFNULL(a.beneficiary_id, 0),"   \
    " a.starts_at, a.ends_at, a.status, a.overbooked, a.context,"             \
    " IFNULL(a.arrived_at, ''), a.created_at, a.created_by, a.version,"       \
    " IFNULL(b.last_name, ''), IFNULL(b.first_name, ''), m.name, m.colour,"   \
    " g.last_name, g.first_name, s.name, IFNULL(b.phone, ''),"                \
    " a.cancel_reason, IFNULL(a.seen_at, '')"
#define ROW_JOINS                                                            \
    " JOIN motif m ON m.id = a.motif_id JOIN agent g ON g.id = a.agent_id"    \
    " JOIN site s ON s.id = a.site_id"                                        \
    " LEFT JOIN beneficiary b ON b.id = a.beneficiary_id"

static void read_row(sqlite3_stmt *st, void *p)
{
    struct db_appt_row *r = p;
    struct db_appt *a = &r->day.appt;
    a->id = sqlite3_column_int64(st, 0);
    a->site_id = sqlite3_column_int64(st, 1);
    a->agent_id = sqlite3_column_int64(st, 2);
    a->motif_id = sqlite3_column_int64(st, 3);
    a->person_id = sqlite3_column_int64(st, 4);
    db_column_text(st, 5, a->starts_at, sizeof a->starts_at);
    db_column_text(st, 6, a->ends_at, sizeof a->ends_at);
    const char *status = (const char *)sqlite3_column_text(st, 7);
    if (!status || appt_status_parse(status, &a->status) != 0)
        a->status = APPT_UNKNOWN;
    a->overbooked = sqlite3_column_int(st, 8);
    db_column_text(st, 9, a->context, sizeof a->context);
    db_column_text(st, 10, a->arrived_at, sizeof a->arrived_at);
    db_column_text(st, 11, a->created_at, sizeof a->created_at);
    db_column_text(st, 12, a->created_by, sizeof a->created_by);
    a->version = sqlite3_column_int64(st, 13);
    db_column_text(st, 14, r->day.person_last, sizeof r->day.person_last);
    db_column_text(st, 15, r->day.person_first, sizeof r->day.person_first);
    db_column_text(st, 16, r->day.motif_name, sizeof r->day.motif_name);
    db_column_text(st, 17, r->day.motif_colour, sizeof r->day.motif_colour);
    db_column_text(st, 18, r->agent_last, sizeof r->agent_last);
    db_column_text(st, 19, r->agent_first, sizeof r->agent_first);
    db_column_text(st, 20, r->site_name, sizeof r->site_name);
    db_column_text(st, 21, r->person_phone, sizeof r->person_phone);
    db_column_text(st, 22, r->cancel_reason, sizeof r->cancel_reason);
    db_column_text(st, 23, r->seen_at, sizeof r->seen_at);
    struct civil_datetime arrived, seen;
    r->waited_minutes = -1;
    if (a->arrived_at[0] && r->seen_at[0] &&
        civil_parse_datetime(a->arrived_at, &arrived) == 0 &&
        civil_parse_datetime(r->seen_at, &seen) == 0) {
        int64_t w = civil_datetime_to_minutes(seen) -
                    civil_datetime_to_minutes(arrived);
        r->waited_minutes = w < 0 ? 0 : (int)(w > 100000 ? 100000 : w);
    }
}

static int collect_rows(struct db *db, sqlite3_stmt *st,
                        struct db_appt_row **out, size_t *count,
                        struct db_error *err)
{
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_row, &arr, count, err);
    *out = arr;
    return rc;
}

/* "YYYY-MM-DD 00:00" of d and of d + days. */
static int day_bounds(struct civil_date d, int days,
                      char from[CIVIL_DATETIME_LEN], char to[CIVIL_DATETIME_LEN])
{
    struct civil_date end;
    if (!civil_date_valid(d) || civil_date_add_days(d, days, &end) != 0 ||
        civil_format_datetime((struct civil_datetime){d, 0}, from,
                              CIVIL_DATETIME_LEN) != 0 ||
        civil_format_datetime((struct civil_datetime){end, 0}, to,
                              CIVIL_DATETIME_LEN) != 0)
        return -1;
    return 0;
}

static const char SQL_ROW_GET[] =
    "SELECT " ROW_COLUMNS " FROM appointment a" ROW_JOINS " WHERE a.id = ?1";

int db_appt_get_row(struct db *db, int64_t id, struct db_appt_row *out,
                    struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_ROW_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        read_row(st, out);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("appointment"),
                              (long long)id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

#define RANGE_ORDER                                                          \
    " ORDER BY s.name, s.id, g.last_name COLLATE NOCASE,"                    \
    " g.first_name COLLATE NOCASE, g.id, a.starts_at, a.id"
static const char SQL_RANGE_SITE[] =
    "SELECT " ROW_COLUMNS " FROM appointment a INDEXED BY appointment_site_start"
    ROW_JOINS " WHERE a.site_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3"
    RANGE_ORDER;
/* Every site: one range per site on the same index. */
static const char SQL_RANGE_ALL[] =
    "SELECT " ROW_COLUMNS " FROM appointment a INDEXED BY appointment_site_start"
    ROW_JOINS " WHERE a.site_id IN (SELECT id FROM site)"
    " AND a.starts_at >= ?2 AND a.starts_at < ?3" RANGE_ORDER;

int db_appt_range(struct db *db, int64_t site_id, struct civil_date from,
                  struct civil_date to, struct db_appt_row **out,
                  size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    char a[CIVIL_DATETIME_LEN], b[CIVIL_DATETIME_LEN], ignored[CIVIL_DATETIME_LEN];
    if (day_bounds(from, 0, a, ignored) != 0 || day_bounds(to, 0, b, ignored) ||
        civil_date_compare(to, from) < 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("dates"));
    sqlite3_stmt *st = db_stmt(db, site_id ? SQL_RANGE_SITE : SQL_RANGE_ALL, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
    return collect_rows(db, st, out, count, err);
}

static const char SQL_AGENT_WEEK[] =
    "SELECT " ROW_COLUMNS " FROM appointment a INDEXED BY appointment_agent_start"
    ROW_JOINS " WHERE a.agent_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3"
    " ORDER BY a.starts_at, a.id";

int db_agent_week(struct db *db, int64_t agent_id, struct civil_date first_day,
                  struct db_appt_row **out, size_t *count,
                  struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    char a[CIVIL_DATETIME_LEN], b[CIVIL_DATETIME_LEN];
    if (day_bounds(first_day, 7, a, b) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("date"));
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_WEEK, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, agent_id);
    sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
    return collect_rows(db, st, out, count, err);
}

/* The partial index appointment_unknown_start serves these: its WHERE is
 * repeated word for word so that the planner may use it. */
#define FILL_WHERE " WHERE a.status = 'unknown' AND a.starts_at < ?1"
#define FILL_SITE " AND a.site_id = ?2"
#define FILL_PAGE " LIMIT ?3 OFFSET ?4"
static const char SQL_FILL_ALL_ASC[] =
    "SELECT " ROW_COLUMNS " FROM appointment a" ROW_JOINS FILL_WHERE
    " ORDER BY a.starts_at, a.id" FILL_PAGE;
static const char SQL_FILL_ALL_DESC[] =
    "SELECT " ROW_COLUMNS " FROM appointment a" ROW_JOINS FILL_WHERE
    " ORDER BY a.starts_at DESC, a.id DESC" FILL_PAGE;
static const char SQL_FILL_SITE_ASC[] =
    "SELECT " ROW_COLUMNS " FROM appointment a" ROW_JOINS FILL_WHERE FILL_SITE
    " ORDER BY a.starts_at, a.id" FILL_PAGE;
static const char SQL_FILL_SITE_DESC[] =
    "SELECT " ROW_COLUMNS " FROM appointment a" ROW_JOINS FILL_WHERE FILL_SITE
    " ORDER BY a.starts_at DESC, a.id DESC" FILL_PAGE;
static const char SQL_FILL_COUNT_ALL[] =
    "SELECT count(*) FROM appointment a" FILL_WHERE;
static const char SQL_FILL_COUNT_SITE[] =
    "SELECT count(*) FROM appointment a" FILL_WHERE FILL_SITE;

int db_to_fill_in(struct db *db, int64_t site_id, enum db_order order,
                  size_t offset, size_t limit, struct db_appt_row **out,
                  size_t *count, size_t *total, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    if (limit < 1 || limit > 1000)
        return db_set_error(err, DB_ERR_INVALID, "%s: %zu", _("limit"), limit);
    if (offset > (size_t)INT64_MAX)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("offset"));
    char now[CIVIL_DATETIME_LEN];
    db_now_text(now);
    int started = 0;
    int rc = fd_read_begin(db, &started, err);
    if (rc != DB_OK)
        return rc;
    const char *sql = site_id ? (order == DB_NEWEST_FIRST ? SQL_FILL_SITE_DESC
                                                          : SQL_FILL_SITE_ASC)
                              : (order == DB_NEWEST_FIRST ? SQL_FILL_ALL_DESC
                                                          : SQL_FILL_ALL_ASC);
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st) {
        fd_read_end(db, started);
        return err->status;
    }
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    if (site_id)
        sqlite3_bind_int64(st, 2, site_id);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)offset);
    rc = collect_rows(db, st, out, count, err);
    if (rc == DB_OK && total) {
        st = db_stmt(db, site_id ? SQL_FILL_COUNT_SITE : SQL_FILL_COUNT_ALL,
                     err);
        if (!st) {
            rc = err->status;
        } else {
            sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
            if (site_id)
                sqlite3_bind_int64(st, 2, site_id);
            int step = sqlite3_step(st);
            if (step == SQLITE_ROW)
                *total = (size_t)sqlite3_column_int64(st, 0);
            else
                rc = db_sqlite_error(db, step, err, NULL);
            db_stmt_done(db, st);
        }
    }
    fd_read_end(db, started);
    if (rc != DB_OK) {
        free(*out);
        *out = NULL;
        *count = 0;
    }
    return rc;
}

static const char SQL_PERSON_APPTS[] =
    "SELECT " ROW_COLUMNS " FROM appointment a"
    " INDEXED BY appointment_beneficiary_start" ROW_JOINS
    " WHERE a.beneficiary_id = ?1 ORDER BY a.starts_at DESC, a.id DESC";

int db_person_appts(struct db *db, int64_t person_id,
                    struct db_appt_row **out, size_t *count,
                    int *noshow_count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    if (noshow_count)
        *noshow_count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_PERSON_APPTS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, person_id);
    int rc = collect_rows(db, st, out, count, err);
    if (rc == DB_OK && noshow_count)
        for (size_t i = 0; i < *count; i++)
            if ((*out)[i].day.appt.status == APPT_NOSHOW)
                (*noshow_count)++;
    return rc;
}

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

static void read_rule(sqlite3_stmt *st, void *p)
{
    struct db_opening *o = p;
    char text[CIVIL_DATE_LEN];
    o->id = sqlite3_column_int64(st, 0);
    o->agent_id = sqlite3_column_int64(st, 1);
    o->site_id = sqlite3_column_int64(st, 2);
    o->rule.weekday = (enum civil_weekday)sqlite3_column_int(st, 3);
    o->rule.start_minute = sqlite3_column_int(st, 4);
    o->rule.end_minute = sqlite3_column_int(st, 5);
    o->rule.every_weeks = sqlite3_column_int(st, 6);
    db_column_text(st, 7, text, sizeof text);
    civil_parse_date(text, &o->rule.valid_from);
    db_column_text(st, 8, text, sizeof text);
    if (!text[0] || civil_parse_date(text, &o->rule.valid_until) != 0)
        memset(&o->rule.valid_until, 0, sizeof o->rule.valid_until);
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
                      struct civil_date to, struct loaded *l,
                      struct db_error *err)
{
    char first[CIVIL_DATE_LEN], last[CIVIL_DATE_LEN];
    char busy_from[CIVIL_DATETIME_LEN], busy_to[CIVIL_DATETIME_LEN], x[CIVIL_DATETIME_LEN];
    struct civil_date before;
    if (civil_format_date(from, first, sizeof first) != 0 ||
        civil_format_date(to, last, sizeof last) != 0 ||
        civil_date_add_days(from, -1, &before) != 0 ||
        day_bounds(before, 0, busy_from, x) != 0 ||
        day_bounds(to, 1, x, busy_to) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("dates"));
    static const char *const sql[] = {SQL_CAL_RULES, SQL_CAL_MOTIFS,
                                      SQL_CAL_BUSY};
    void *arr[3] = {NULL, NULL, NULL};
    size_t n[3] = {0, 0, 0};
    static const size_t elem[3] = {sizeof(struct db_opening),
                                   2 * sizeof(int64_t),
                                   sizeof(struct interval)};
    static void (*const readers[3])(sqlite3_stmt *, void *) = {
        read_rule, read_pair, read_busy};
    int rc = DB_OK;
    for (int i = 0; i < 3 && rc == DB_OK; i++) {
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
static int calendar_load(struct db *db, const int64_t *ids, size_t n,
                         struct civil_date from, struct civil_date to,
                         struct db_calendar **out, struct db_error *err)
{
    struct loaded *l = calloc(n ? n : 1, sizeof *l);
    if (!l)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    int rc = DB_OK;
    for (size_t i = 0; i < n && rc == DB_OK; i++)
        rc = load_agent(db, ids[i], from, to, &l[i], err);
    if (rc == DB_OK) {
        *out = pack(ids, l, n);
        if (!*out)
            rc = db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    }
    loaded_free(l, n);
    return rc;
}

enum { CALENDAR_MAX_DAYS = 400, CALENDAR_MAX_AGENTS = 1000 };

int db_calendar_load(struct db *db, const int64_t *agent_ids,
                     size_t agent_count, struct civil_date from,
                     struct civil_date to, struct db_calendar **out,
                     struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    if (!civil_date_valid(from) || !civil_date_valid(to) ||
        civil_date_diff_days(to, from) < 0 ||
        civil_date_diff_days(to, from) > CALENDAR_MAX_DAYS)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("dates"));
    if (agent_count > CALENDAR_MAX_AGENTS || (agent_count && !agent_ids))
        return db_set_error(err, DB_ERR_INVALID, "%s", _("agents"));
    int started = 0;
    int rc = fd_read_begin(db, &started, err);
    if (rc != DB_OK)
        return rc;
    rc = calendar_load(db, agent_ids, agent_count, from, to, out, err);
    fd_read_end(db, started);
    return rc;
}

/* ---- slot finder ------------------------------------------------------- */

static const char SQL_MOTIF_INFO[] =
    "SELECT duration_minutes, service_id FROM motif WHERE id = ?1";
static const char SQL_AGENT_EXISTS[] = "SELECT 1 FROM agent WHERE id = ?1";

/* Agents with opening hours in the window (at the site when given) for the
 * motif: ranges listing it, or ranges listing no motif held by an agent of
 * the motif's service (or of no service). */
static const char SQL_SLOT_AGENTS[] =
    "SELECT DISTINCT o.agent_id FROM opening_hours o"
    " JOIN agent g ON g.id = o.agent_id"
    " WHERE (?1 = 0 OR o.site_id = ?1) AND o.valid_from <= ?3"
    " AND (o.valid_until IS NULL OR o.valid_until >= ?2)"
    " AND (EXISTS (SELECT 1 FROM opening_hours_motif x"
    "   WHERE x.opening_id = o.id AND x.motif_id = ?4)"
    "  OR (NOT EXISTS (SELECT 1 FROM opening_hours_motif x"
    "   WHERE x.opening_id = o.id)"
    "   AND (g.service_id IS NULL OR g.service_id = ?5)))"
    " ORDER BY o.agent_id";

static int motif_info(struct db *db, int64_t motif_id, int *duration,
                      int64_t *service, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_MOTIF_INFO, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, motif_id);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        *duration = sqlite3_column_int(st, 0);
        *service = sqlite3_column_int64(st, 1);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("motif"),
                              (long long)motif_id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

static void read_id(sqlite3_stmt *st, void *p)
{
    *(int64_t *)p = sqlite3_column_int64(st, 0);
}

/* ---- each site's public holidays ---------------------------------------- *
 * site.holidays (migration 3) decides which days close a site: storage reads
 * it itself, so the console, the command line and every desk agree. */

static const char SQL_SITE_HOLIDAYS[] =
    "SELECT holidays = 'alsace-moselle' FROM site WHERE id = ?1";
static const char SQL_ALSACE_SITES[] =
    "SELECT id FROM site WHERE holidays = 'alsace-moselle' ORDER BY id";

/* The enum holiday_flags of a site; DB_ERR_NO_ROW naming it when unknown. */
static int site_holiday_flags(struct db *db, int64_t site_id, unsigned *flags,
                              struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_HOLIDAYS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW)
        *flags = sqlite3_column_int(st, 0) ? HOLIDAYS_ALSACE_MOSELLE
                                           : HOLIDAYS_NATIONAL;
    else if (rc == SQLITE_DONE)
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("site"),
                              (long long)site_id);
    else
        result = db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    return result;
}

static int is_listed(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return 1;
    return 0;
}

/* A search at any site over sites with different holidays: the agents of
 * `cal` keeping only the rules at sites whose holidays are `flags` (the
 * Alsace-Moselle sites are `alsace`). One block: free() releases it. */
static struct slot_agent *agents_for_holidays(const struct db_calendar *cal,
                                              const int64_t *alsace,
                                              size_t nalsace, unsigned flags)
{
    size_t rules = 0;
    for (size_t i = 0; i < cal->agent_count; i++)
        rules += cal->agents[i].rule_count;
    size_t head = cal->agent_count * sizeof(struct slot_agent);
    head = (head + 7) & ~(size_t)7;
    char *block = calloc(1, head + (rules ? rules : 1) * sizeof(struct slot_rule));
    if (!block)
        return NULL;
    struct slot_agent *agents = (struct slot_agent *)block;
    struct slot_rule *rp = (struct slot_rule *)(block + head);
    for (size_t i = 0; i < cal->agent_count; i++) {
        const struct slot_agent *from = &cal->agents[i];
        agents[i] = *from;
        agents[i].rules = rp;
        agents[i].rule_count = 0;
        for (size_t r = 0; r < from->rule_count; r++) {
            int at_alsace = is_listed(alsace, nalsace, from->rules[r].site_id);
            if ((flags == HOLIDAYS_ALSACE_MOSELLE) == at_alsace) {
                *rp++ = from->rules[r];
                agents[i].rule_count++;
            }
        }
    }
    return agents;
}

static size_t agent_rank(const struct db_calendar *cal, int64_t agent_id)
{
    for (size_t i = 0; i < cal->agent_count; i++)
        if (cal->agents[i].agent_id == agent_id)
            return i;
    return cal->agent_count;
}

/* Merges two slots_find results (each earliest first, ties in agent order)
 * into out[max]: the same order, an agent never twice at one start. Each
 * list holds its search's first slots, so their merge holds the union's. */
static size_t merge_slots(const struct db_calendar *cal, const struct slot *a,
                          size_t na, const struct slot *b, size_t nb,
                          struct slot *out, size_t max)
{
    size_t i = 0, j = 0, n = 0;
    while (n < max && (i < na || j < nb)) {
        int take_a;
        if (i == na)
            take_a = 0;
        else if (j == nb)
            take_a = 1;
        else if (a[i].when.start != b[j].when.start)
            take_a = a[i].when.start < b[j].when.start;
        else {
            size_t ra = agent_rank(cal, a[i].agent_id);
            size_t rb = agent_rank(cal, b[j].agent_id);
            if (ra == rb) { /* the same agent and start: once */
                j++;
                continue;
            }
            take_a = ra < rb;
        }
        out[n++] = take_a ? a[i++] : b[j++];
    }
    return n;
}

/* slots_find over `cal` with each site's holidays. With a site, its
 * holidays are in sq->holiday_flags already. At any site: one search when
 * every site the agents work at has the same holidays, else one per kind
 * of holidays, merged. Returns a db_status. */
static int find_by_site_holidays(struct db *db, struct slot_query *sq,
                                 const struct db_calendar *cal,
                                 struct slot *out, size_t max, size_t *found,
                                 struct db_error *err)
{
    *found = 0;
    int64_t *alsace = NULL;
    size_t nalsace = 0;
    int kinds = 1; /* bit 0: national rules, bit 1: Alsace-Moselle rules */
    if (!sq->site_id) {
        sqlite3_stmt *st = db_stmt(db, SQL_ALSACE_SITES, err);
        if (!st)
            return err->status;
        void *arr = NULL;
        int rc = db_collect(db, st, sizeof *alsace, read_id, &arr, &nalsace,
                            err);
        alsace = arr;
        if (rc != DB_OK)
            return rc;
        kinds = 0;
        for (size_t i = 0; i < cal->agent_count; i++)
            for (size_t r = 0; r < cal->agents[i].rule_count; r++)
                kinds |= is_listed(alsace, nalsace,
                                   cal->agents[i].rules[r].site_id) ? 2 : 1;
        sq->holiday_flags = kinds == 2 ? HOLIDAYS_ALSACE_MOSELLE
                                       : HOLIDAYS_NATIONAL;
    }
    int s;
    if (kinds != 3) {
        s = slots_find(sq, cal->agents, cal->agent_count, out, max, found);
    } else {
        struct slot_agent *national = agents_for_holidays(
            cal, alsace, nalsace, HOLIDAYS_NATIONAL);
        struct slot_agent *eastern = agents_for_holidays(
            cal, alsace, nalsace, HOLIDAYS_ALSACE_MOSELLE);
        struct slot *a = calloc(max, sizeof *a), *b = calloc(max, sizeof *b);
        size_t na = 0, nb = 0;
        s = national && eastern && a && b ? SLOTS_OK : SLOTS_ERR_NO_MEMORY;
        if (s == SLOTS_OK) {
            sq->holiday_flags = HOLIDAYS_NATIONAL;
            s = slots_find(sq, national, cal->agent_count, a, max, &na);
        }
        if (s == SLOTS_OK) {
            sq->holiday_flags = HOLIDAYS_ALSACE_MOSELLE;
            s = slots_find(sq, eastern, cal->agent_count, b, max, &nb);
        }
        if (s == SLOTS_OK)
            *found = merge_slots(cal, a, na, b, nb, out, max);
        free(national);
        free(eastern);
        free(a);
        free(b);
    }
    free(alsace);
    if (s != SLOTS_OK)
        return db_set_error(err, s == SLOTS_ERR_NO_MEMORY ? DB_ERR_INTERNAL
                                                          : DB_ERR_INVALID,
                            "%s", _("slot search"));
    return DB_OK;
}

static int slots_body(struct db *db, const struct db_slot_search *q,
                      struct slot_query *sq, size_t max, struct slot **out,
                      size_t *count, struct db_error *err)
{
    int duration = 0;
    int64_t service = 0;
    int rc = motif_info(db, q->motif_id, &duration, &service, err);
    if (rc == DB_OK && q->site_id)
        rc = site_holiday_flags(db, q->site_id, &sq->holiday_flags, err);
    if (rc == DB_OK && q->agent_id)
        rc = db_require_row(db, SQL_AGENT_EXISTS, q->agent_id, _("agent"), err);
    if (rc != DB_OK)
        return rc;
    if (!sq->duration_minutes)
        sq->duration_minutes = duration;

    int64_t *ids = NULL;
    size_t n = 0;
    if (q->agent_id) {
        ids = malloc(sizeof *ids);
        if (!ids)
            return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
        ids[0] = q->agent_id;
        n = 1;
    } else {
        char first[CIVIL_DATE_LEN], last[CIVIL_DATE_LEN];
        civil_format_date(sq->earliest.date, first, sizeof first);
        civil_format_date(sq->latest, last, sizeof last);
        sqlite3_stmt *st = db_stmt(db, SQL_SLOT_AGENTS, err);
        if (!st)
            return err->status;
        sqlite3_bind_int64(st, 1, q->site_id);
        sqlite3_bind_text(st, 2, first, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, last, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 4, q->motif_id);
        sqlite3_bind_int64(st, 5, service);
        void *arr = NULL;
        rc = db_collect(db, st, sizeof *ids, read_id, &arr, &n, err);
        ids = arr;
        if (rc != DB_OK)
            return rc;
        if (n > CALENDAR_MAX_AGENTS)
            n = CALENDAR_MAX_AGENTS;
    }
    struct db_calendar *cal = NULL;
    rc = calendar_load(db, ids, n, sq->earliest.date, sq->latest, &cal, err);
    free(ids);
    if (rc != DB_OK)
        return rc;
    struct slot *slots = calloc(max, sizeof *slots);
    if (!slots) {
        free(cal);
        return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    }
    size_t found = 0;
    rc = find_by_site_holidays(db, sq, cal, slots, max, &found, err);
    free(cal);
    if (rc != DB_OK) {
        free(slots);
        return rc;
    }
    if (found == 0) {
        free(slots);
        slots = NULL;
    }
    *out = slots;
    *count = found;
    return DB_OK;
}

enum { SLOTS_DEFAULT_DAYS = 60, SLOTS_MAX_DAYS = 366, SLOTS_MAX = 500 };

int db_slots_find(struct db *db, const struct db_slot_search *q, size_t max,
                  struct slot **out, size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    struct slot_query sq;
    memset(&sq, 0, sizeof sq);
    int rc = db_check_id(q->motif_id, 0, _("motif"), err);
    if (rc == DB_OK)
        rc = db_check_id(q->site_id, 1, _("site"), err);
    if (rc == DB_OK)
        rc = db_check_id(q->agent_id, 1, _("agent"), err);
    if (rc == DB_OK && (max < 1 || max > SLOTS_MAX))
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %zu", _("limit"), max);
    if (rc == DB_OK && (q->days < 0 || q->days > SLOTS_MAX_DAYS))
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %d", _("days"), q->days);
    if (rc == DB_OK && (q->duration_minutes < 0 ||
                        q->duration_minutes > BOOKING_MAX_MINUTES))
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %d", _("duration"),
                          q->duration_minutes);
    if (rc != DB_OK)
        return rc;
    if (q->earliest[0]) {
        char text[CIVIL_DATETIME_LEN];
        if (strnlen(q->earliest, sizeof q->earliest) >= sizeof q->earliest)
            return db_set_error(err, DB_ERR_INVALID, "%s", _("earliest"));
        memcpy(text, q->earliest, sizeof text);
        rc = db_check_datetime(text, _("earliest"), &sq.earliest, err);
        if (rc != DB_OK)
            return rc;
    } else {
        clock_now(&sq.earliest, NULL);
    }
    if (civil_date_add_days(sq.earliest.date,
                            (q->days ? q->days : SLOTS_DEFAULT_DAYS) - 1,
                            &sq.latest) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("earliest"));
    sq.site_id = q->site_id;
    sq.motif_id = q->motif_id;
    sq.duration_minutes = q->duration_minutes;
    int started = 0;
    rc = fd_read_begin(db, &started, err);
    if (rc != DB_OK)
        return rc;
    rc = slots_body(db, q, &sq, max, out, count, err);
    fd_read_end(db, started);
    return rc;
}

/* ---- booking warnings -------------------------------------------------- */

static const char SQL_PERSON_EXISTS[] = "SELECT 1 FROM beneficiary WHERE id = ?1";
static const char SQL_MOTIF_EXISTS[] = "SELECT 1 FROM motif WHERE id = ?1";
static const char SQL_CHECK_AGENT_APPTS[] =
    "SELECT id, IFNULL(beneficiary_id, 0), motif_id, starts_at, ends_at, status"
    " FROM appointment INDEXED BY appointment_agent_start WHERE agent_id = ?1"
    " AND starts_at > strftime('%Y-%m-%d %H:%M', ?2, '-1 day')"
    " AND starts_at < ?3 ORDER BY starts_at, id";
static const char SQL_CHECK_PERSON_APPTS[] =
    "SELECT id, IFNULL(beneficiary_id, 0), motif_id, starts_at, ends_at, status"
    " FROM appointment INDEXED BY appointment_beneficiary_start"
    " WHERE beneficiary_id = ?1 AND starts_at >= ?2 AND starts_at < ?3"
    " ORDER BY starts_at, id";

static void read_booking_appt(sqlite3_stmt *st, void *p)
{
    struct booking_appt *b = p;
    b->id = sqlite3_column_int64(st, 0);
    b->person_id = sqlite3_column_int64(st, 1);
    b->motif_id = sqlite3_column_int64(st, 2);
    struct civil_datetime s, e;
    const char *a = (const char *)sqlite3_column_text(st, 3);
    const char *z = (const char *)sqlite3_column_text(st, 4);
    if (a && z && civil_parse_datetime(a, &s) == 0 &&
        civil_parse_datetime(z, &e) == 0) {
        b->when.start = civil_datetime_to_minutes(s);
        b->when.end = civil_datetime_to_minutes(e);
    }
    const char *status = (const char *)sqlite3_column_text(st, 5);
    if (!status || appt_status_parse(status, &b->status) != 0)
        b->status = APPT_UNKNOWN;
}

/* Reads what booking_check needs and calls it (inside a read
 * transaction). */
static int check_body(struct db *db, const struct db_appt *a,
                      const struct booking_request *req,
                      struct booking_context *ctx, unsigned *flags,
                      struct db_error *err)
{
    int rc = site_holiday_flags(db, a->site_id, &ctx->holiday_flags, err);
    if (rc == DB_OK)
        rc = db_require_row(db, SQL_AGENT_EXISTS, a->agent_id, _("agent"), err);
    if (rc == DB_OK)
        rc = db_require_row(db, SQL_MOTIF_EXISTS, a->motif_id, _("motif"), err);
    if (rc == DB_OK && a->person_id)
        rc = db_require_row(db, SQL_PERSON_EXISTS, a->person_id, _("person"),
                            err);
    if (rc != DB_OK)
        return rc;
    struct db_calendar *cal = NULL;
    struct booking_appt *agent_appts = NULL, *person_appts = NULL;
    size_t nagent = 0, nperson = 0;
    rc = calendar_load(db, &a->agent_id, 1, req->start.date, req->end.date,
                       &cal, err);
    char start[CIVIL_DATETIME_LEN], end[CIVIL_DATETIME_LEN];
    civil_format_datetime(req->start, start, sizeof start);
    civil_format_datetime(req->end, end, sizeof end);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_CHECK_AGENT_APPTS, err)
                                   : NULL;
    if (st) {
        sqlite3_bind_int64(st, 1, a->agent_id);
        sqlite3_bind_text(st, 2, start, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, end, -1, SQLITE_STATIC);
        void *arr = NULL;
        rc = db_collect(db, st, sizeof *agent_appts, read_booking_appt, &arr,
                        &nagent, err);
        agent_appts = arr;
    } else if (rc == DB_OK) {
        rc = err->status;
    }
    if (rc == DB_OK && a->person_id) {
        char from[CIVIL_DATETIME_LEN], to[CIVIL_DATETIME_LEN];
        day_bounds(req->start.date, 1, from, to);
        st = db_stmt(db, SQL_CHECK_PERSON_APPTS, err);
        if (!st) {
            rc = err->status;
        } else {
            sqlite3_bind_int64(st, 1, a->person_id);
            sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
            void *arr = NULL;
            rc = db_collect(db, st, sizeof *person_appts, read_booking_appt,
                            &arr, &nperson, err);
            person_appts = arr;
        }
    }
    if (rc == DB_OK) {
        ctx->agent = &cal->agents[0];
        ctx->agent_appts = agent_appts;
        ctx->agent_appt_count = nagent;
        ctx->person_appts = person_appts;
        ctx->person_appt_count = nperson;
        *flags = booking_check(req, ctx);
    }
    free(cal);
    free(agent_appts);
    free(person_appts);
    return rc;
}

int db_appt_check(struct db *db, const struct db_appt *a, unsigned *flags,
                  struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *flags = 0;
    int rc = db_check_id(a->site_id, 0, _("site"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->agent_id, 0, _("agent"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->motif_id, 0, _("motif"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->person_id, 1, _("person"), err);
    if (rc != DB_OK)
        return rc;
    struct booking_request req;
    memset(&req, 0, sizeof req);
    req.appointment_id = a->id;
    req.site_id = a->site_id;
    req.motif_id = a->motif_id;
    req.person_id = a->person_id;
    char s[CIVIL_DATETIME_LEN], e[CIVIL_DATETIME_LEN];
    if (strnlen(a->starts_at, sizeof a->starts_at) >= sizeof a->starts_at ||
        strnlen(a->ends_at, sizeof a->ends_at) >= sizeof a->ends_at ||
        civil_parse_datetime(memcpy(s, a->starts_at, sizeof s), &req.start) ||
        civil_parse_datetime(memcpy(e, a->ends_at, sizeof e), &req.end)) {
        *flags = BOOKING_INVALID_TIME;
        return DB_OK;
    }
    struct booking_context ctx;
    memset(&ctx, 0, sizeof ctx);
    clock_now(&ctx.now, NULL);
    /* Errors first, without reading anything (the site's holidays are read
     * with the rest, in check_body). */
    unsigned early = booking_check(&req, &ctx);
    if (early & BOOKING_ERRORS) {
        *flags = early;
        return DB_OK;
    }
    int started = 0;
    rc = fd_read_begin(db, &started, err);
    if (rc != DB_OK)
        return rc;
    rc = check_body(db, a, &req, &ctx, flags, err);
    fd_read_end(db, started);
    return rc;
}

void db_booking_describe(unsigned flags, char *buf, size_t size)
{
    static const struct {
        unsigned bit;
        const char *text;
    } phrases[] = {
        {BOOKING_INVALID_TIME, N_("not a valid date and time")},
        {BOOKING_END_NOT_AFTER_START, N_("the end is not after the start")},
        {BOOKING_TOO_LONG, N_("longer than a day")},
        {BOOKING_IN_PAST, N_("in the past")},
        {BOOKING_OUTSIDE_HOURS, N_("outside opening hours")},
        {BOOKING_AGENT_ABSENT, N_("the agent is absent")},
        {BOOKING_HOLIDAY, N_("a public holiday")},
        {BOOKING_SAME_DAY_MOTIF,
         N_("the person is already booked that day for this motif")},
        {BOOKING_OVERLAP, N_("the agent already has an appointment then")},
    };
    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
        if (flags & phrases[i].bit)
            fd_append(buf, size, "%s%s", buf[0] ? "; " : "",
                      _(phrases[i].text));
}
