/* closures.c - when a collège lends its rooms and when it does not: lending
 * hours per weekday (none for a weekday: any time), site closures and room
 * blackouts (periods of days with a reason). Added, listed and removed;
 * each write is one unit with its audit row (a removal's row says what was
 * removed). Removing a closure does not bring back the dates a series
 * already skipped for it: those are exception rows a person may look at. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loans_internal.h"
#include "../common/i18n.h"

/* ---- lending hours ---------------------------------------------------- */

struct hours_ctx {
    int64_t site_id;
    int weekday, start, end;
};

static const char SQL_COLLEGE_EXISTS[] = "SELECT 1 FROM college WHERE site_id = ?1";
static const char SQL_HOURS_OVERLAP[] =
    "SELECT start_minute, end_minute FROM college_hours WHERE site_id = ?1 AND weekday = ?2"
    " AND start_minute < ?4 AND end_minute > ?3 ORDER BY start_minute LIMIT 1";
static const char SQL_HOURS_ADD[] =
    "INSERT INTO college_hours (site_id, weekday, start_minute, end_minute)"
    " VALUES (?1, ?2, ?3, ?4)";
static const char SQL_HOURS_GET[] =
    "SELECT 1 FROM college_hours WHERE site_id = ?1 AND weekday = ?2"
    " AND start_minute = ?3 AND end_minute = ?4";
static const char SQL_HOURS_REMOVE[] =
    "DELETE FROM college_hours WHERE site_id = ?1 AND weekday = ?2 AND start_minute = ?3"
    " AND end_minute = ?4";

static sqlite3_stmt *hours_stmt(struct db *db, const char *sql, const struct hours_ctx *h,
                                struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (st) {
        sqlite3_bind_int64(st, 1, h->site_id);
        sqlite3_bind_int(st, 2, h->weekday);
        sqlite3_bind_int(st, 3, h->start);
        sqlite3_bind_int(st, 4, h->end);
    }
    return st;
}

static int hours_write(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct hours_ctx *h = ctx;
    int rc = db_require_row(db, SQL_COLLEGE_EXISTS, h->site_id, _("collège"), err);
    if (rc != DB_OK)
        return rc;
    /* Two ranges of one day that overlap would make "inside the hours"
     * ambiguous: the second is refused, naming the first. */
    sqlite3_stmt *st = hours_stmt(db, SQL_HOURS_OVERLAP, h, err);
    if (!st)
        return err->status;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        char other[16], range[16];
        loan_format_time_range(sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), other,
                               sizeof other);
        loan_format_time_range(h->start, h->end, range, sizeof range);
        db_stmt_done(db, st);
        return db_set_error(err, DB_ERR_REFUSED,
                            _("lending hours %s overlap %s, already set for that day"), range,
                            other);
    }
    db_stmt_done(db, st);
    if (step != SQLITE_DONE)
        return db_sqlite_error(db, step, err, NULL);
    if (!(st = hours_stmt(db, SQL_HOURS_ADD, h, err)))
        return err->status;
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc != DB_OK)
        return rc;
    char range[16];
    loan_format_time_range(h->start, h->end, range, sizeof range);
    db_unit_detail(u, "lending hours day %d %s", h->weekday, range);
    return DB_OK;
}

static int check_hours(int weekday, int start, int end, struct db_error *err)
{
    if (weekday < 1 || weekday > 7)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("lending hours"),
                            _("the weekday must be 1 (Monday) to 7 (Sunday)"));
    if (start < 0 || start >= 1440 || end > 1440 || end <= start)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("lending hours"),
                            _("the end must come after the start"));
    return DB_OK;
}

int db_college_hours_add(struct db *db, int64_t site_id, int weekday,
                         int start_minute, int end_minute, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = check_hours(weekday, start_minute, end_minute, err);
    if (rc != DB_OK)
        return rc;
    struct hours_ctx h = {site_id, weekday, start_minute, end_minute};
    struct db_unit u = db_unit_plain("site", site_id, "hours");
    return db_unit_run(db, &u, hours_write, &h, err);
}

static int hours_remove_step(struct db *db, struct db_unit *u, void *ctx,
                             struct db_error *err)
{
    struct hours_ctx *h = ctx;
    sqlite3_stmt *st = hours_stmt(db, SQL_HOURS_GET, h, err);
    if (!st)
        return err->status;
    int step = sqlite3_step(st);
    db_stmt_done(db, st);
    char range[16];
    loan_format_time_range(h->start, h->end, range, sizeof range);
    if (step == SQLITE_DONE)
        return db_set_error(err, DB_ERR_NO_ROW, _("%s: %s"), _("lending hours"), range);
    if (step != SQLITE_ROW)
        return db_sqlite_error(db, step, err, NULL);
    if (!(st = hours_stmt(db, SQL_HOURS_REMOVE, h, err)))
        return err->status;
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    db_unit_detail(u, "lending hours day %d %s", h->weekday, range);
    return rc;
}

/* A range moved: the old one removed and the new one added in one unit
 * (so the new one may overlap the old). */
struct hours_change {
    struct hours_ctx old, now;
};

static int hours_remove_step(struct db *db, struct db_unit *u, void *ctx,
                             struct db_error *err);

static int hours_change_step(struct db *db, struct db_unit *u, void *ctx,
                             struct db_error *err)
{
    struct hours_change *c = ctx;
    int rc = hours_remove_step(db, u, &c->old, err);
    if (rc == DB_OK) {
        db_unit_detail(u, " -> ");
        rc = hours_write(db, u, &c->now, err);
    }
    return rc;
}

int db_college_hours_change(struct db *db, int64_t site_id, int old_weekday, int old_start,
                            int old_end, int weekday, int start_minute, int end_minute,
                            struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = check_hours(old_weekday, old_start, old_end, err);
    if (rc == DB_OK)
        rc = check_hours(weekday, start_minute, end_minute, err);
    if (rc != DB_OK)
        return rc;
    struct hours_change c = {{site_id, old_weekday, old_start, old_end},
                             {site_id, weekday, start_minute, end_minute}};
    struct db_unit u = db_unit_plain("site", site_id, "hours changed");
    return db_unit_run(db, &u, hours_change_step, &c, err);
}

int db_college_hours_remove(struct db *db, int64_t site_id, int weekday, int start_minute,
                            int end_minute, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = check_hours(weekday, start_minute, end_minute, err);
    if (rc != DB_OK)
        return rc;
    struct hours_ctx h = {site_id, weekday, start_minute, end_minute};
    struct db_unit u = db_unit_plain("site", site_id, "hours removed");
    return db_unit_run(db, &u, hours_remove_step, &h, err);
}

static const char SQL_HOURS_LIST[] =
    "SELECT h.site_id, s.name, h.weekday, h.start_minute, h.end_minute"
    " FROM college_hours h JOIN site s ON s.id = h.site_id"
    " WHERE ?1 = 0 OR h.site_id = ?1 ORDER BY s.name, h.site_id, h.weekday, h.start_minute";

static void read_hours(sqlite3_stmt *st, void *p)
{
    struct db_lending_hours *h = p;
    h->site_id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, h->site_name, sizeof h->site_name);
    h->weekday = sqlite3_column_int(st, 2);
    h->start_minute = sqlite3_column_int(st, 3);
    h->end_minute = sqlite3_column_int(st, 4);
}

int db_college_hours_list(struct db *db, int64_t site_id, struct db_lending_hours **out,
                          size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_HOURS_LIST, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    return db_collect(db, st, sizeof **out, read_hours, (void **)out, count, err);
}

/* ---- closures and blackouts ------------------------------------------- */

/* A site closure or a room blackout: the same shape, two tables. */
struct period_kind {
    const char *entity, *action, *removed;
    const char *sql_add, *sql_get, *sql_remove, *sql_update;
};

static const struct period_kind site_closure = {
    "site", "closure", "closure removed",
    "INSERT INTO site_closure (site_id, first_day, last_day, reason) VALUES (?1, ?2, ?3, ?4)",
    "SELECT c.id, c.site_id, 0, s.name, '', c.first_day, c.last_day, c.reason"
    " FROM site_closure c JOIN site s ON s.id = c.site_id WHERE c.id = ?1",
    "DELETE FROM site_closure WHERE id = ?1",
    "UPDATE site_closure SET first_day = ?2, last_day = ?3, reason = ?4 WHERE id = ?1",
};
static const struct period_kind room_blackout = {
    "room", "blackout", "blackout removed",
    "INSERT INTO room_blackout (room_id, first_day, last_day, reason) VALUES (?1, ?2, ?3, ?4)",
    "SELECT b.id, r.site_id, b.room_id, s.name, r.name, b.first_day, b.last_day, b.reason"
    " FROM room_blackout b JOIN room r ON r.id = b.room_id JOIN site s ON s.id = r.site_id"
    " WHERE b.id = ?1",
    "DELETE FROM room_blackout WHERE id = ?1",
    "UPDATE room_blackout SET first_day = ?2, last_day = ?3, reason = ?4 WHERE id = ?1",
};

struct period_ctx {
    const struct period_kind *kind;
    int64_t owner;
    char first[11], last[11];
    const char *reason;
    int64_t id;
};

static void read_closure(sqlite3_stmt *st, void *p);

/* An existing period (p->id) changed: its dates and reason. */
static int period_update(struct db *db, struct db_unit *u, struct period_ctx *p,
                         struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, p->kind->sql_get, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, p->id);
    struct db_closure old;
    const char *what = p->kind == &site_closure ? _("closure") : _("blackout");
    int rc = db_get_one(db, st, &old, sizeof old, read_closure, what, p->id, err);
    if (rc != DB_OK)
        return rc;
    if (!(st = db_stmt(db, p->kind->sql_update, err)))
        return err->status;
    sqlite3_bind_int64(st, 1, p->id);
    sqlite3_bind_text(st, 2, p->first, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, p->last, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, p->reason, -1, SQLITE_STATIC);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    u->id = p->kind == &site_closure ? old.site_id : old.room_id;
    db_unit_detail(u, "%s %lld: ", p->kind->action, (long long)p->id);
    db_unit_diff(u, "from", old.first, p->first);
    db_unit_diff(u, "to", old.last, p->last);
    db_unit_diff(u, "reason", old.reason, p->reason);
    return rc;
}

static int period_write(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct period_ctx *p = ctx;
    if (p->id)
        return period_update(db, u, p, err);
    sqlite3_stmt *st = db_stmt(db, p->kind->sql_add, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, p->owner);
    sqlite3_bind_text(st, 2, p->first, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, p->last, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, p->reason, -1, SQLITE_STATIC);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_ERR_NO_ROW)
        return db_set_error(err, rc, "%s %lld", _(p->kind->entity), (long long)p->owner);
    if (rc != DB_OK)
        return rc;
    p->id = db_last_insert_id(db);
    db_unit_detail(u, "%s %lld %s..%s %s", p->kind->action, (long long)p->id, p->first,
                   p->last, p->reason);
    return DB_OK;
}

static int add_period(struct db *db, struct period_ctx *p, const char *first,
                      const char *last, int64_t *id, struct db_error *err)
{
    int rc = loan_check_date(first, _("from"), p->first, err);
    if (rc == DB_OK)
        rc = loan_check_date(last && *last ? last : first, _("to"), p->last, err);
    if (rc == DB_OK && strcmp(p->last, p->first) < 0)
        rc = db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("to"),
                          _("must not be before the start"));
    if (rc == DB_OK)
        rc = db_check_text(p->reason ? p->reason : "", 96, 0, _("reason"), err);
    if (rc != DB_OK)
        return rc;
    if (!p->reason)
        p->reason = "";
    char action[32];
    snprintf(action, sizeof action, "%s%s", p->kind->action, p->id ? " changed" : "");
    struct db_unit u = db_unit_plain(p->kind->entity, p->owner, action);
    rc = db_unit_run(db, &u, period_write, p, err);
    if (rc == DB_OK && id)
        *id = p->id;
    return rc;
}

int db_site_closure_add(struct db *db, int64_t site_id, const char *first, const char *last,
                        const char *reason, int64_t *id, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct period_ctx p = {&site_closure, site_id, "", "", reason, 0};
    return add_period(db, &p, first, last, id, err);
}

int db_room_blackout_add(struct db *db, int64_t room_id, const char *first, const char *last,
                         const char *reason, int64_t *id, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct period_ctx p = {&room_blackout, room_id, "", "", reason, 0};
    return add_period(db, &p, first, last, id, err);
}

static void read_closure(sqlite3_stmt *st, void *p)
{
    struct db_closure *c = p;
    c->id = sqlite3_column_int64(st, 0);
    c->site_id = sqlite3_column_int64(st, 1);
    c->room_id = sqlite3_column_int64(st, 2);
    db_column_text(st, 3, c->site_name, sizeof c->site_name);
    db_column_text(st, 4, c->room_name, sizeof c->room_name);
    db_column_text(st, 5, c->first, sizeof c->first);
    db_column_text(st, 6, c->last, sizeof c->last);
    db_column_text(st, 7, c->reason, sizeof c->reason);
}

static int remove_step(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    const struct period_kind *k = ctx;
    sqlite3_stmt *st = db_stmt(db, k->sql_get, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    struct db_closure old;
    const char *what = k == &site_closure ? _("closure") : _("blackout");
    int rc = db_get_one(db, st, &old, sizeof old, read_closure, what, u->id, err);
    if (rc != DB_OK)
        return rc;
    if (!(st = db_stmt(db, k->sql_remove, err)))
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    /* The audit row is about the site or the room, naming what went. */
    int64_t removed = u->id;
    u->id = k == &site_closure ? old.site_id : old.room_id;
    db_unit_detail(u, "%s %lld %s..%s %s", k->action, (long long)removed, old.first, old.last,
                   old.reason);
    return rc;
}

static int remove_period(struct db *db, const struct period_kind *k, int64_t id,
                         struct db_error *err)
{
    int rc = db_check_id(id, 0, k == &site_closure ? _("closure") : _("blackout"), err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_plain(k->entity, id, k->removed);
    return db_unit_run(db, &u, remove_step, (void *)k, err);
}

int db_site_closure_update(struct db *db, int64_t id, const char *first, const char *last,
                           const char *reason, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(id, 0, _("closure"), err);
    struct period_ctx p = {&site_closure, 0, "", "", reason, id};
    return rc == DB_OK ? add_period(db, &p, first, last, NULL, err) : rc;
}

int db_room_blackout_update(struct db *db, int64_t id, const char *first, const char *last,
                            const char *reason, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(id, 0, _("blackout"), err);
    struct period_ctx p = {&room_blackout, 0, "", "", reason, id};
    return rc == DB_OK ? add_period(db, &p, first, last, NULL, err) : rc;
}

int db_site_closure_remove(struct db *db, int64_t id, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    return remove_period(db, &site_closure, id, err);
}

int db_room_blackout_remove(struct db *db, int64_t id, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    return remove_period(db, &room_blackout, id, err);
}

static const char SQL_CLOSURE_LIST[] =
    "SELECT c.id, c.site_id, 0, s.name, '', c.first_day, c.last_day, c.reason"
    " FROM site_closure c JOIN site s ON s.id = c.site_id"
    " WHERE ?1 = 0 OR c.site_id = ?1 ORDER BY c.first_day, s.name, c.id";
static const char SQL_BLACKOUT_LIST[] =
    "SELECT b.id, r.site_id, b.room_id, s.name, r.name, b.first_day, b.last_day, b.reason"
    " FROM room_blackout b JOIN room r ON r.id = b.room_id JOIN site s ON s.id = r.site_id"
    " WHERE (?1 = 0 OR r.site_id = ?1) AND (?2 = 0 OR b.room_id = ?2)"
    " ORDER BY b.first_day, s.name, r.name, b.id";

int db_site_closure_list(struct db *db, int64_t site_id, struct db_closure **out,
                         size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_CLOSURE_LIST, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    return db_collect(db, st, sizeof **out, read_closure, (void **)out, count, err);
}

int db_room_blackout_list(struct db *db, int64_t site_id, int64_t room_id,
                          struct db_closure **out, size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_BLACKOUT_LIST, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    sqlite3_bind_int64(st, 2, room_id);
    return db_collect(db, st, sizeof **out, read_closure, (void **)out, count, err);
}
