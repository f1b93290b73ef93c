/* loan_changes.c - the rows of a series (occurrences and exceptions) kept
 * in line with its pattern, moving one date, and series edits with a scope.
 *
 * Exceptions are keyed by the date the pattern gave (original_day); every
 * edit rebuilds the wanted occurrences from the pattern plus the stored
 * exceptions (model loan_series_occurrences), then updates rows: nothing is
 * deleted, dates that leave the series are cancelled with a reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loans_internal.h"
#include "../common/i18n.h"

static const char SQL_SERIES_ADD[] =
    "INSERT INTO loan_series (request_id, weekdays, every_weeks, start_minute, end_minute,"
    " first_day, last_day, uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
    " lower(hex(randomblob(16))) || '@guichet')";

static void bind_pattern(sqlite3_stmt *st, int at, const struct loan_pattern *p)
{
    char a[11], b[11];
    civil_format_date(p->first, a, sizeof a);
    civil_format_date(p->last, b, sizeof b);
    sqlite3_bind_int(st, at, (int)p->weekdays);
    sqlite3_bind_int(st, at + 1, p->every_weeks);
    sqlite3_bind_int(st, at + 2, p->start_minute);
    sqlite3_bind_int(st, at + 3, p->end_minute);
    sqlite3_bind_text(st, at + 4, a, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, at + 5, b, -1, SQLITE_TRANSIENT);
}

int loan_series_insert(struct db *db, int64_t request_id, const struct loan_pattern *p,
                       int64_t *series_id, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_SERIES_ADD, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, request_id);
    bind_pattern(st, 2, p);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK)
        *series_id = sqlite3_last_insert_rowid(db->conn);
    return rc;
}

/* ---- rows of a series ------------------------------------------------- */

static const char SQL_EXCEPTIONS[] =
    "SELECT original_day, kind, IFNULL(moved_day, ''), IFNULL(moved_start, 0),"
    " IFNULL(moved_end, 0) FROM loan_exception WHERE series_id = ?1 AND kind <> 'closure'";
static const char SQL_OCCS[] =
    "SELECT id, original_day, starts_at, ends_at, state FROM loan_occurrence"
    " WHERE series_id = ?1";
static const char SQL_OCC_ADD[] =
    "INSERT INTO loan_occurrence (series_id, room_id, original_day, starts_at, ends_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_OCC_TIMES[] =
    "UPDATE loan_occurrence SET starts_at = ?2, ends_at = ?3, version = version + 1"
    " WHERE id = ?1";
static const char SQL_OCC_CANCEL[] =
    "UPDATE loan_occurrence SET state = 'cancelled', reason = ?2, version = version + 1"
    " WHERE id = ?1";
static const char SQL_CLOSURE_EXC[] =
    "INSERT OR IGNORE INTO loan_exception (series_id, original_day, kind, reason, created_at)"
    " VALUES (?1, ?2, 'closure', ?3, ?4)";

static void read_exception(sqlite3_stmt *st, void *p)
{
    struct loan_exception *e = p;
    char text[16];
    db_column_text(st, 0, text, sizeof text);
    civil_parse_date(text, &e->original);
    db_column_text(st, 1, text, sizeof text);
    e->kind = strcmp(text, "moved") == 0       ? LOAN_EXC_MOVED
              : strcmp(text, "cancelled") == 0 ? LOAN_EXC_CANCELLED
                                               : LOAN_EXC_SKIPPED;
    db_column_text(st, 2, text, sizeof text);
    civil_parse_date(text, &e->moved_date);
    e->moved_start = sqlite3_column_int(st, 3);
    e->moved_end = sqlite3_column_int(st, 4);
}

struct existing {
    int64_t id;
    struct civil_date original;
    char starts[CIVIL_DATETIME_LEN], ends[CIVIL_DATETIME_LEN];
    enum db_loan_state state;
    int seen;
};

static void read_existing(sqlite3_stmt *st, void *p)
{
    struct existing *e = p;
    char text[16];
    e->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, text, sizeof text);
    civil_parse_date(text, &e->original);
    db_column_text(st, 2, e->starts, sizeof e->starts);
    db_column_text(st, 3, e->ends, sizeof e->ends);
    db_column_text(st, 4, text, sizeof text);
    e->state = loan_state_from_name(text);
}

static int run_id_text(struct db *db, const char *sql, int64_t id, const char *a,
                       const char *b, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, a, -1, SQLITE_TRANSIENT);
    if (b)
        sqlite3_bind_text(st, 3, b, -1, SQLITE_TRANSIENT);
    int rc = loan_step(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

static int active(enum db_loan_state s)
{
    return s == DB_LOAN_REQUESTED || s == DB_LOAN_APPROVED;
}

int loan_series_materialize(struct db *db, int64_t series_id, int64_t room_id,
                            const struct loan_pattern *p, const struct loan_closures *c,
                            struct db_error *err)
{
    struct loan_exception *exc = NULL;
    struct existing *ex = NULL;
    struct loan_occurrence *want = NULL;
    size_t n_exc = 0, n_ex = 0, n_want = 0;
    char now[CIVIL_DATETIME_LEN];
    db_now_text(now);
    sqlite3_stmt *st = db_stmt(db, SQL_EXCEPTIONS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, series_id);
    int rc = db_collect(db, st, sizeof *exc, read_exception, (void **)&exc, &n_exc, err);
    if (rc != DB_OK)
        return rc;
    st = db_stmt(db, SQL_OCCS, err);
    if (!st) {
        free(exc);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, series_id);
    rc = db_collect(db, st, sizeof *ex, read_existing, (void **)&ex, &n_ex, err);
    if (rc != DB_OK) {
        free(exc);
        return rc;
    }
    size_t cap = 800 + n_exc;
    want = calloc(cap, sizeof *want);
    if (!want || loan_series_occurrences(p, c, exc, n_exc, want, cap, &n_want) != 0) {
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("weekdays, time or every-N-weeks"));
        goto out;
    }
    for (size_t i = 0; i < n_want && rc == DB_OK; i++) {
        const struct loan_occurrence *w = &want[i];
        char day[11];
        civil_format_date(w->original, day, sizeof day);
        struct existing *e = NULL;
        for (size_t k = 0; k < n_ex; k++)
            if (civil_date_compare(ex[k].original, w->original) == 0) {
                e = &ex[k];
                e->seen = 1;
                break;
            }
        if (w->state == LOAN_OCC_SKIPPED || w->state == LOAN_OCC_CANCELLED) {
            if (w->closure != LOAN_OPEN) {
                st = db_stmt(db, SQL_CLOSURE_EXC, err);
                if (!st) {
                    rc = err->status;
                    break;
                }
                sqlite3_bind_int64(st, 1, series_id);
                sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(st, 3, w->reason ? w->reason : "", -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
                rc = db_step_done(db, st, err);
                db_stmt_done(db, st);
            }
            if (rc == DB_OK && e && active(e->state))
                rc = run_id_text(db, SQL_OCC_CANCEL, e->id,
                                 w->closure != LOAN_OPEN && w->reason ? w->reason
                                                                      : "cancelled",
                                 NULL, err);
            continue;
        }
        char starts[CIVIL_DATETIME_LEN], ends[CIVIL_DATETIME_LEN];
        loan_minutes_text(w->date, w->start_minute, starts);
        loan_minutes_text(w->date, w->end_minute, ends);
        if (!e) {
            st = db_stmt(db, SQL_OCC_ADD, err);
            if (!st) {
                rc = err->status;
                break;
            }
            sqlite3_bind_int64(st, 1, series_id);
            sqlite3_bind_int64(st, 2, room_id);
            sqlite3_bind_text(st, 3, day, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 4, starts, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 5, ends, -1, SQLITE_TRANSIENT);
            rc = loan_step(db, st, err);
            db_stmt_done(db, st);
        } else if (strcmp(e->starts, starts) != 0 || strcmp(e->ends, ends) != 0) {
            if (e->state == DB_LOAN_APPROVED) {
                int64_t other;
                char d[11] = "";
                rc = loan_clash_of(db, room_id, starts, ends, e->id, &other, d, err);
                if (rc == DB_OK && other)
                    rc = db_set_error(err, DB_ERR_OVERLAP,
                                      _("%s: the room is already lent then (request %lld)"),
                                      d, (long long)other);
            }
            if (rc == DB_OK)
                rc = run_id_text(db, SQL_OCC_TIMES, e->id, starts, ends, err);
        }
    }
    for (size_t k = 0; k < n_ex && rc == DB_OK; k++)
        if (!ex[k].seen && active(ex[k].state))
            rc = run_id_text(db, SQL_OCC_CANCEL, ex[k].id, "no longer in the series", NULL, err);
out:
    free(exc);
    free(ex);
    free(want);
    return rc;
}

/* ---- moving one date -------------------------------------------------- */

struct series_row {
    int64_t id, room_id;
    struct loan_pattern p;
};

static const char SQL_SERIES_OF_DATE[] =
    "SELECT s.id, r.room_id, s.weekdays, s.every_weeks, s.start_minute, s.end_minute,"
    " s.first_day, s.last_day FROM loan_series s JOIN loan_request r ON r.id = s.request_id"
    " WHERE s.request_id = ?1 AND (?2 = '' OR (s.first_day <= ?2 AND s.last_day >= ?2))"
    " ORDER BY s.first_day DESC LIMIT 1";

static int series_of(struct db *db, int64_t request_id, const char *day, struct series_row *out,
                     struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_SERIES_OF_DATE, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, request_id);
    sqlite3_bind_text(st, 2, day ? day : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        char text[16];
        out->id = sqlite3_column_int64(st, 0);
        out->room_id = sqlite3_column_int64(st, 1);
        out->p.weekdays = (unsigned)sqlite3_column_int(st, 2);
        out->p.every_weeks = sqlite3_column_int(st, 3);
        out->p.start_minute = sqlite3_column_int(st, 4);
        out->p.end_minute = sqlite3_column_int(st, 5);
        db_column_text(st, 6, text, sizeof text);
        civil_parse_date(text, &out->p.first);
        db_column_text(st, 7, text, sizeof text);
        civil_parse_date(text, &out->p.last);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, _("%s: %s"), _("date"),
                              day && *day ? day : "-");
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

int db_loan_series_at(struct db *db, int64_t request_id, const char *date,
                      struct loan_pattern *out, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct civil_date d;
    if (!date || civil_parse_date(date, &d) != 0)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("date"), _("not a valid date"));
    struct series_row s;
    int rc = series_of(db, request_id, date, &s, err);
    if (rc == DB_OK)
        *out = s.p;
    return rc;
}

static const char SQL_MOVE_EXCEPTION[] =
    "INSERT INTO loan_exception (series_id, original_day, kind, moved_day, moved_start,"
    " moved_end, created_at) VALUES (?1, ?2, 'moved', ?3, ?4, ?5, ?6)"
    " ON CONFLICT (series_id, original_day) DO UPDATE SET kind = 'moved',"
    " moved_day = excluded.moved_day, moved_start = excluded.moved_start,"
    " moved_end = excluded.moved_end";
static const char SQL_BUMP_ONE[] =
    "UPDATE loan_series SET sequence = sequence + 1, version = version + 1 WHERE id = ?1";

static int bump(struct db *db, int64_t series_id, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_BUMP_ONE, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, series_id);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

/* Refreshes the rows of a series whose pattern or exceptions changed. */
static int refresh(struct db *db, const struct series_row *s, struct db_error *err)
{
    char a[11], b[11];
    civil_format_date(s->p.first, a, sizeof a);
    civil_format_date(s->p.last, b, sizeof b);
    struct db_closures c;
    int rc = db_room_closures(db, s->room_id, a, b, &c, err);
    if (rc != DB_OK)
        return rc;
    rc = loan_series_materialize(db, s->id, s->room_id, &s->p, &c.c, err);
    db_closures_free(&c);
    if (rc == DB_OK)
        rc = bump(db, s->id, err);
    return rc;
}

struct move_ctx {
    int64_t request_id;
    char day[11], new_day[11];
    int start, end;
};

static int move_write(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct move_ctx *m = ctx;
    struct series_row s;
    int rc = series_of(db, m->request_id, m->day, &s, err);
    if (rc != DB_OK)
        return rc;
    /* The date must be one the series has. */
    sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM loan_occurrence WHERE series_id = ?1"
                                   " AND original_day = ?2", err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, s.id);
    sqlite3_bind_text(st, 2, m->day, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    db_stmt_done(db, st);
    if (rc != SQLITE_ROW)
        return db_set_error(err, DB_ERR_NO_ROW, _("%s: %s"), _("date"), m->day);
    struct db_closures c;
    char now[CIVIL_DATETIME_LEN];
    db_now_text(now);
    rc = db_room_closures(db, s.room_id, m->new_day, m->new_day, &c, err);
    if (rc != DB_OK)
        return rc;
    struct civil_date nd;
    civil_parse_date(m->new_day, &nd);
    const char *why;
    enum loan_closure closed = loan_closed_on(&c.c, nd, &why);
    char reason[128];
    snprintf(reason, sizeof reason, "%s", why ? _(why) : "");
    db_closures_free(&c);
    if (closed != LOAN_OPEN)
        return db_set_error(err, DB_ERR_INVALID, _("%s: closed (%s)"), m->new_day, reason);
    st = db_stmt(db, SQL_MOVE_EXCEPTION, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, s.id);
    sqlite3_bind_text(st, 2, m->day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, m->new_day, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, m->start);
    sqlite3_bind_int(st, 5, m->end);
    sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK)
        rc = refresh(db, &s, err);
    if (rc != DB_OK)
        return rc;
    db_unit_detail(u, "%s -> %s %d-%d", m->day, m->new_day, m->start, m->end);
    return DB_OK;
}

int db_loan_move(struct db *db, int64_t request_id, const char *date,
                 const char *new_date, int start_minute, int end_minute,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct move_ctx m = {request_id, "", "", start_minute, end_minute};
    struct civil_date a, b;
    if (!date || civil_parse_date(date, &a) != 0)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("date"), _("not a valid date"));
    if (!new_date || civil_parse_date(new_date, &b) != 0)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("new date"),
                            _("not a valid date"));
    if (start_minute < 0 || end_minute <= start_minute || end_minute > 1440)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("time range"));
    civil_format_date(a, m.day, sizeof m.day);
    civil_format_date(b, m.new_day, sizeof m.new_day);
    struct db_unit u = db_unit_plain("loan_request", request_id, "move");
    return db_unit_run(db, &u, move_write, &m, err);
}

/* ---- series edits ------------------------------------------------------ */

struct edit_ctx {
    int64_t request_id;
    char day[11];
    enum loan_scope scope;
    struct loan_pattern edited;
};

static const char SQL_SERIES_SET[] =
    "UPDATE loan_series SET weekdays = ?2, every_weeks = ?3, start_minute = ?4,"
    " end_minute = ?5, first_day = ?6, last_day = ?7 WHERE id = ?1";
static const char SQL_REASSIGN_OCCS[] =
    "UPDATE loan_occurrence SET series_id = ?2 WHERE series_id = ?1 AND original_day >= ?3";
static const char SQL_REASSIGN_EXC[] =
    "UPDATE loan_exception SET series_id = ?2 WHERE series_id = ?1 AND original_day >= ?3";

static int set_pattern(struct db *db, int64_t id, const struct loan_pattern *p,
                       struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_SERIES_SET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    bind_pattern(st, 2, p);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

static int reassign(struct db *db, const char *sql, int64_t from, int64_t to, const char *day,
                    struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

static int edit_write(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct edit_ctx *x = ctx;
    struct series_row s;
    int rc = series_of(db, x->request_id, x->day, &s, err);
    if (rc != DB_OK)
        return rc;
    struct civil_date at;
    civil_parse_date(x->day, &at);
    struct loan_edit e;
    if (loan_series_edit(&s.p, at, x->scope, &x->edited, &e) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("weekdays, time or every-N-weeks"));
    if (x->scope == LOAN_SCOPE_ALL) {
        s.p = e.keep;
        rc = set_pattern(db, s.id, &s.p, err);
        if (rc == DB_OK)
            rc = refresh(db, &s, err);
    } else {
        struct series_row split = {0, s.room_id, e.split};
        rc = loan_series_insert(db, x->request_id, &e.split, &split.id, err);
        if (rc == DB_OK)
            rc = reassign(db, SQL_REASSIGN_OCCS, s.id, split.id, x->day, err);
        if (rc == DB_OK)
            rc = reassign(db, SQL_REASSIGN_EXC, s.id, split.id, x->day, err);
        if (rc == DB_OK)
            rc = refresh(db, &split, err);
        if (rc == DB_OK && e.has_keep) {
            s.p = e.keep;
            rc = set_pattern(db, s.id, &s.p, err);
            if (rc == DB_OK)
                rc = refresh(db, &s, err);
        } else if (rc == DB_OK) {
            /* Nothing of the old series is left: its pattern ends where
             * it started, and it has no rows any more. */
            s.p.last = s.p.first;
            rc = set_pattern(db, s.id, &s.p, err);
            if (rc == DB_OK)
                rc = bump(db, s.id, err);
        }
    }
    if (rc != DB_OK)
        return rc;
    char days[64];
    loan_format_weekdays(x->edited.weekdays, days, sizeof days);
    db_unit_detail(u, "%s from %s: %s every %d weeks %d-%d",
                   x->scope == LOAN_SCOPE_ALL ? "whole series" : "this and following", x->day,
                   days, x->edited.every_weeks, x->edited.start_minute, x->edited.end_minute);
    return DB_OK;
}

int db_loan_edit(struct db *db, int64_t request_id, const char *date,
                 enum loan_scope scope, const struct loan_pattern *edited,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct civil_date d;
    if (!date || civil_parse_date(date, &d) != 0)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("date"), _("not a valid date"));
    if (scope == LOAN_SCOPE_THIS) {
        char day[11];
        civil_format_date(edited->first, day, sizeof day);
        return db_loan_move(db, request_id, date, day, edited->start_minute,
                            edited->end_minute, err);
    }
    struct edit_ctx x = {request_id, "", scope, *edited};
    civil_format_date(d, x.day, sizeof x.day);
    struct db_unit u = db_unit_plain("loan_request", request_id, "edit");
    return db_unit_run(db, &u, edit_write, &x, err);
}
