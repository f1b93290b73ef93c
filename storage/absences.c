/* absences.c - agents' absences (model/absence.h): one-off, from a civil
 * datetime to another, possibly over several days; or weekly, with the
 * shape of an opening rule. The slot finder and the day view's shading read
 * them; each change is one write unit with a version check and audit row. */
#include <stdio.h>
#include <string.h>

#include "rows.h"
#include "../common/i18n.h"

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
        db_text_append(buf, size, " (%s)", a->reason);
}

static const char SQL_ABSENCE_ADD[] =
    "INSERT INTO absence (agent_id, kind, starts_at, ends_at, weekday,"
    " start_minute, end_minute, every_weeks, valid_from, valid_until, reason,"
    " version) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1)";
static const char SQL_ABSENCE_GET[] =
    "SELECT " ABSENCE_COLUMNS " FROM absence WHERE id = ?1";
static const char SQL_ABSENCE_UPDATE[] =
    "UPDATE absence SET agent_id = ?2, kind = ?3, starts_at = ?4, ends_at = ?5,"
    " weekday = ?6, start_minute = ?7, end_minute = ?8, every_weeks = ?9,"
    " valid_from = ?10, valid_until = ?11, reason = ?12 WHERE id = ?1";
static const char SQL_ABSENCE_DELETE[] = "DELETE FROM absence WHERE id = ?1";

int db_absence_get(struct db *db, int64_t id, struct db_absence *out,
                   struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_ABSENCE_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    return db_get_one(db, st, out, sizeof *out, read_absence, _("absence"),
                      id, err);
}

/* The audit text of a stored absence. */
static void stored_text(const struct db_absence *a, char *buf, size_t size)
{
    struct absence_text t;
    struct db_error ignored = {0};
    check_absence(a, &t, &ignored);
    absence_text(a, &t, buf, size);
}

struct absence_write {
    const struct db_absence *a;
    struct absence_text t;
};

static int write_step(struct db *db, struct db_unit *u, void *ctx,
                      struct db_error *err)
{
    const struct absence_write *w = ctx;
    int creating = !u->versioned;
    struct db_absence old;
    int rc = creating ? DB_OK : db_absence_get(db, u->id, &old, err);
    if (rc == DB_OK)
        rc = db_require(db, "agent", w->a->agent_id, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, creating ? SQL_ABSENCE_ADD
                                                          : SQL_ABSENCE_UPDATE,
                                             err)
                                   : NULL;
    if (!st)
        return err->status;
    if (!creating)
        sqlite3_bind_int64(st, 1, u->id);
    bind_absence(st, w->a, &w->t);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    char before[400], after[400];
    absence_text(w->a, &w->t, after, sizeof after);
    if (creating) {
        u->id = db_last_insert_id(db);
        db_unit_detail(u, "%s", after);
    } else {
        stored_text(&old, before, sizeof before);
        db_unit_diff(u, "absence", before, after);
    }
    return rc;
}

int db_absence_add(struct db *db, struct db_absence *a, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct absence_write w = {a, {{0}}};
    int rc = check_absence(a, &w.t, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_create("absence");
    rc = db_unit_run(db, &u, write_step, &w, err);
    if (rc == DB_OK) {
        a->id = u.id;
        a->version = u.version;
    }
    return rc;
}

int db_absence_update(struct db *db, struct db_absence *a,
                      struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct absence_write w = {a, {{0}}};
    int rc = db_check_id(a->id, 0, _("absence"), err);
    if (rc == DB_OK)
        rc = check_absence(a, &w.t, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("absence", a->id, a->version, "edit",
                                    conflict);
    rc = db_unit_run(db, &u, write_step, &w, err);
    if (rc == DB_OK)
        a->version = u.version;
    return rc;
}

static int delete_step(struct db *db, struct db_unit *u, void *ctx,
                       struct db_error *err)
{
    (void)ctx;
    struct db_absence old;
    int rc = db_absence_get(db, u->id, &old, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_ABSENCE_DELETE, err)
                                   : NULL;
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    char detail[DB_TEXT_LEN];
    stored_text(&old, detail, sizeof detail);
    db_unit_detail(u, "%s", detail);
    u->deleted = 1;
    return rc;
}

int db_absence_delete(struct db *db, int64_t id, int64_t version,
                      struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(id, 0, _("absence"), err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("absence", id, version, "delete",
                                    conflict);
    return db_unit_run(db, &u, delete_step, NULL, err);
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

/* ---- consequences ------------------------------------------------------ */

int db_absence_preview(struct db *db, const struct db_absence *a,
                       struct db_stranded **out, size_t *count,
                       struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    struct absence_write w = {a, {{0}}};
    int rc = a->id ? db_check_id(a->id, 0, _("absence"), err) : DB_OK;
    if (rc == DB_OK)
        rc = check_absence(a, &w.t, err);
    if (rc != DB_OK)
        return rc;
    struct db_preview p = {{a->agent_id, a->agent_id}, 1, NULL, 0, out, count};
    if (a->id) { /* an edit may move the absence to another agent */
        struct db_absence old;
        if (db_absence_get(db, a->id, &old, err) == DB_OK) {
            p.agents[1] = old.agent_id;
            p.agent_count = 2;
        }
    }
    rc = db_preview_start(db, &p, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = a->id ? db_unit_edit("absence", a->id, a->version,
                                            "edit", conflict)
                             : db_unit_create("absence");
    rc = db_unit_preview(db, &u, write_step, &w, db_preview_probe, &p, err);
    db_preview_end(&p);
    return rc;
}
