/* absences.c - agents' absences (model/absence.h): one-off, from a civil
 * datetime to another, possibly over several days; or weekly, with the
 * shape of an opening rule. The slot finder and the day view's shading read
 * them; each change is one write unit with a version check and audit row. */
#include <stdio.h>
#include <string.h>

#include "frontdesk_internal.h"
#include "../common/i18n.h"

static const char SQL_AGENT_EXISTS[] = "SELECT 1 FROM agent WHERE id = ?1";

#define ABSENCE_COLUMNS                                                      \
    "id, agent_id, kind, IFNULL(starts_at, ''), IFNULL(ends_at, ''),"        \
    " IFNULL(weekday, 0), IFNULL(start_minute, 0), IFNULL(end_minute, 0),"   \
    " IFNULL(every_weeks, 0), IFNULL(valid_from, ''),"                       \
    " IFNULL(valid_until, ''), reason, version"

static void read_absence(sqlite3_stmt *st, void *p)
{
    struct db_absence *a = p;
    char text[CIVIL_DATETIME_LEN];
    a->id = sqlite3_column_int64(st, 0);
    a->agent_id = sqlite3_column_int64(st, 1);
    const char *kind = (const char *)sqlite3_column_text(st, 2);
    a->absence.kind = kind && strcmp(kind, "weekly") == 0 ? ABSENCE_WEEKLY
                                                          : ABSENCE_ONE_OFF;
    db_column_text(st, 3, text, sizeof text);
    civil_parse_datetime(text, &a->absence.from);
    db_column_text(st, 4, text, sizeof text);
    civil_parse_datetime(text, &a->absence.until);
    struct opening_rule *w = &a->absence.weekly;
    w->weekday = (enum civil_weekday)sqlite3_column_int(st, 5);
    w->start_minute = sqlite3_column_int(st, 6);
    w->end_minute = sqlite3_column_int(st, 7);
    w->every_weeks = sqlite3_column_int(st, 8);
    db_column_text(st, 9, text, sizeof text);
    civil_parse_date(text, &w->valid_from);
    db_column_text(st, 10, text, sizeof text);
    civil_parse_date(text, &w->valid_until);
    db_column_text(st, 11, a->reason, sizeof a->reason);
    a->version = sqlite3_column_int64(st, 12);
}

/* The texts stored for an absence; fills them after checking it. */
struct absence_text {
    char from[CIVIL_DATETIME_LEN], until[CIVIL_DATETIME_LEN];
    char valid_from[CIVIL_DATE_LEN], valid_until[CIVIL_DATE_LEN];
};

static int check_absence(const struct db_absence *a, struct absence_text *t,
                         struct db_error *err)
{
    memset(t, 0, sizeof *t);
    int rc = db_check_id(a->agent_id, 0, _("agent"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->reason, sizeof a->reason, 0, _("reason"), err);
    if (rc != DB_OK)
        return rc;
    const struct absence *x = &a->absence;
    if (x->kind == ABSENCE_ONE_OFF) {
        if (civil_format_datetime(x->from, t->from, sizeof t->from) != 0)
            return db_set_error(err, DB_ERR_INVALID, "%s: %s", _("from"),
                                _("not a valid date and time"));
        if (civil_format_datetime(x->until, t->until, sizeof t->until) != 0)
            return db_set_error(err, DB_ERR_INVALID, "%s: %s", _("until"),
                                _("not a valid date and time"));
        if (civil_datetime_compare(x->until, x->from) <= 0)
            return db_set_error(err, DB_ERR_INVALID, "%s: %s", _("until"),
                                _("must be after the start"));
        return DB_OK;
    }
    if (x->kind != ABSENCE_WEEKLY)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("absence kind"));
    if (!opening_rule_valid(&x->weekly) ||
        civil_format_date(x->weekly.valid_from, t->valid_from,
                          sizeof t->valid_from) != 0 ||
        (x->weekly.valid_until.year != 0 &&
         civil_format_date(x->weekly.valid_until, t->valid_until,
                           sizeof t->valid_until) != 0))
        return db_set_error(err, DB_ERR_INVALID, "%s", _("weekly absence"));
    return DB_OK;
}

static void bind_absence(sqlite3_stmt *st, const struct db_absence *a,
                         const struct absence_text *t)
{
    const struct absence *x = &a->absence;
    int weekly = x->kind == ABSENCE_WEEKLY;
    sqlite3_bind_int64(st, 2, a->agent_id);
    sqlite3_bind_text(st, 3, weekly ? "weekly" : "one-off", -1, SQLITE_STATIC);
    db_bind_text(st, 4, weekly ? "" : t->from, 1);
    db_bind_text(st, 5, weekly ? "" : t->until, 1);
    for (int i = 6; i <= 9; i++)
        sqlite3_bind_null(st, i);
    if (weekly) {
        sqlite3_bind_int(st, 6, (int)x->weekly.weekday);
        sqlite3_bind_int(st, 7, x->weekly.start_minute);
        sqlite3_bind_int(st, 8, x->weekly.end_minute);
        sqlite3_bind_int(st, 9, x->weekly.every_weeks);
    }
    db_bind_text(st, 10, weekly ? t->valid_from : "", 1);
    db_bind_text(st, 11, weekly ? t->valid_until : "", 1);
    sqlite3_bind_text(st, 12, a->reason, -1, SQLITE_STATIC);
}

/* "one-off 2026-11-25 14:00 - 2026-11-27 00:00 (congés)" */
static void absence_text(const struct db_absence *a,
                         const struct absence_text *t, char *buf, size_t size)
{
    const struct absence *x = &a->absence;
    char s[CIVIL_TIME_LEN] = "?", e[CIVIL_TIME_LEN] = "24:00";
    if (x->kind == ABSENCE_ONE_OFF) {
        snprintf(buf, size, "agent %lld one-off %s - %s", (long long)a->agent_id,
                 t->from, t->until);
    } else {
        civil_format_time(x->weekly.start_minute, s, sizeof s);
        if (x->weekly.end_minute < 1440)
            civil_format_time(x->weekly.end_minute, e, sizeof e);
        snprintf(buf, size, "agent %lld weekly day %d %s-%s every %d from %s to %s",
                 (long long)a->agent_id, (int)x->weekly.weekday, s, e,
                 x->weekly.every_weeks, t->valid_from,
                 t->valid_until[0] ? t->valid_until : "-");
    }
    if (a->reason[0])
        fd_append(buf, size, " (%s)", a->reason);
}

static const char SQL_ABSENCE_ADD[] =
    "INSERT INTO absence (agent_id, kind, starts_at, ends_at, weekday,"
    " start_minute, end_minute, every_weeks, valid_from, valid_until, reason,"
    " version) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1)";

int db_absence_add(struct db *db, struct db_absence *a, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct absence_text t;
    int rc = check_absence(a, &t, err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    rc = db_require_row(db, SQL_AGENT_EXISTS, a->agent_id, _("agent"), err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_ABSENCE_ADD, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    bind_absence(st, a, &t);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    int64_t id = rc == DB_OK ? sqlite3_last_insert_rowid(db->conn) : 0;
    if (rc == DB_OK) {
        char detail[DB_TEXT_LEN];
        absence_text(a, &t, detail, sizeof detail);
        rc = db_audit_add(db, "absence", id, "create", detail, err);
    }
    if (rc == DB_OK)
        rc = db_write_commit(db, err);
    else
        db_write_rollback(db);
    if (rc == DB_OK) {
        a->id = id;
        a->version = 1;
    }
    return rc;
}

static const char SQL_ABSENCE_GET[] =
    "SELECT " ABSENCE_COLUMNS " FROM absence WHERE id = ?1";
static const char SQL_ABSENCE_UPDATE[] =
    "UPDATE absence SET agent_id = ?2, kind = ?3, starts_at = ?4, ends_at = ?5,"
    " weekday = ?6, start_minute = ?7, end_minute = ?8, every_weeks = ?9,"
    " valid_from = ?10, valid_until = ?11, reason = ?12,"
    " version = version + 1 WHERE id = ?1";

static int get_absence(struct db *db, int64_t id, struct db_absence *out,
                       struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_ABSENCE_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        read_absence(st, out);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("absence"),
                              (long long)id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

int db_absence_update(struct db *db, struct db_absence *a,
                      struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct absence_text t, ot;
    int rc = db_check_id(a->id, 0, _("absence"), err);
    if (rc == DB_OK)
        rc = check_absence(a, &t, err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    int64_t version = 0;
    struct db_absence old;
    rc = fd_check_version(db, "absence", a->id, a->version, &version, conflict,
                          err);
    if (rc == DB_OK)
        rc = get_absence(db, a->id, &old, err);
    if (rc == DB_OK)
        rc = db_require_row(db, SQL_AGENT_EXISTS, a->agent_id, _("agent"), err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_ABSENCE_UPDATE, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, a->id);
    bind_absence(st, a, &t);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK) {
        char before[400], after[400], detail[DB_TEXT_LEN] = "";
        struct db_error ignored = {0};
        check_absence(&old, &ot, &ignored);
        absence_text(&old, &ot, before, sizeof before);
        absence_text(a, &t, after, sizeof after);
        fd_diff(detail, sizeof detail, "absence", before, after);
        rc = db_audit_add(db, "absence", a->id, "edit", detail, err);
    }
    if (rc == DB_OK)
        rc = db_write_commit(db, err);
    else
        db_write_rollback(db);
    if (rc == DB_OK)
        a->version = version + 1;
    return rc;
}

static const char SQL_ABSENCE_DELETE[] = "DELETE FROM absence WHERE id = ?1";

int db_absence_delete(struct db *db, int64_t id, int64_t version,
                      struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(id, 0, _("absence"), err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    struct db_absence old;
    rc = fd_check_version(db, "absence", id, version, NULL, conflict, err);
    if (rc == DB_OK)
        rc = get_absence(db, id, &old, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_ABSENCE_DELETE, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, id);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK) {
        struct absence_text t;
        struct db_error ignored = {0};
        char detail[DB_TEXT_LEN];
        check_absence(&old, &t, &ignored);
        absence_text(&old, &t, detail, sizeof detail);
        rc = db_audit_add(db, "absence", id, "delete", detail, err);
    }
    if (rc == DB_OK)
        return db_write_commit(db, err);
    db_write_rollback(db);
    return rc;
}

/* One-off ones overlapping the days, then weekly ones valid on them
 * (?2/?3: first day 00:00 / day after the last 00:00; ?4/?5: last / first
 * day). */
#define ABSENCES_ON_DAYS                                                     \
    " AND ((kind = 'one-off' AND starts_at < ?3 AND ends_at > ?2) OR"        \
    " (kind = 'weekly' AND valid_from <= ?4"                                 \
    "  AND (valid_until IS NULL OR valid_until >= ?5)))"
static const char SQL_AGENT_ABSENCES[] =
    "SELECT " ABSENCE_COLUMNS " FROM absence WHERE agent_id = ?1"
    ABSENCES_ON_DAYS
    " ORDER BY kind = 'weekly', starts_at, weekday, start_minute, id";
/* Every agent of the site at once (absence_agent index per agent). */
static const char SQL_SITE_ABSENCES[] =
    "SELECT " ABSENCE_COLUMNS " FROM absence WHERE agent_id IN"
    " (SELECT agent_id FROM agent_site WHERE site_id = ?1)"
    ABSENCES_ON_DAYS
    " ORDER BY agent_id, kind = 'weekly', starts_at, weekday, start_minute, id";

/* Runs one of the queries above for [from, to] (days, inclusive). */
static int list_absences(struct db *db, const char *sql, int64_t id,
                         struct civil_date from, struct civil_date to,
                         struct db_absence **out, size_t *count,
                         struct db_error *err)
{
    *out = NULL;
    *count = 0;
    struct civil_date after;
    char start[CIVIL_DATETIME_LEN], end[CIVIL_DATETIME_LEN];
    char first[CIVIL_DATE_LEN], last[CIVIL_DATE_LEN];
    if (civil_date_compare(to, from) < 0 ||
        civil_date_add_days(to, 1, &after) != 0 ||
        civil_format_datetime((struct civil_datetime){from, 0}, start,
                              sizeof start) != 0 ||
        civil_format_datetime((struct civil_datetime){after, 0}, end,
                              sizeof end) != 0 ||
        civil_format_date(from, first, sizeof first) != 0 ||
        civil_format_date(to, last, sizeof last) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("dates"));
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, start, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, end, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, last, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, first, -1, SQLITE_STATIC);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_absence, &arr, count, err);
    *out = arr;
    return rc;
}

int db_agent_absences(struct db *db, int64_t agent_id, struct civil_date from,
                      struct civil_date to, struct db_absence **out,
                      size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    return list_absences(db, SQL_AGENT_ABSENCES, agent_id, from, to, out,
                         count, err);
}

int db_site_absences(struct db *db, int64_t site_id, struct civil_date day,
                     struct db_absence **out, size_t *count,
                     struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    return list_absences(db, SQL_SITE_ABSENCES, site_id, day, day, out, count,
                         err);
}
