/* openings.c - weekly opening hours of agents at sites ("plages
 * d'ouverture") and the motifs each range is for. The rule itself
 * (weekday, range, every N weeks, validity) is model/opening.h; this file
 * stores and selects rules. */
#include <stdio.h>
#include <string.h>

#include "rows.h"
#include "../common/i18n.h"

#define OPENING_COLUMNS                                                      \
    "id, agent_id, site_id, weekday, start_minute, end_minute, every_weeks," \
    " valid_from, IFNULL(valid_until, '')"

/* The opening_hours table's one reader (rows.h)... */
void db_read_opening(sqlite3_stmt *st, void *p)
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

/* The dates of a rule as stored. */
struct opening_dates {
    char from[CIVIL_DATE_LEN], until[CIVIL_DATE_LEN];
};

static int check_opening(const struct db_opening *o, struct opening_dates *d,
                         struct db_error *err)
{
    d->until[0] = '\0';
    int rc = db_check_id(o->agent_id, 0, _("agent"), err);
    if (rc == DB_OK)
        rc = db_check_id(o->site_id, 0, _("site"), err);
    if (rc == DB_OK && (!opening_rule_valid(&o->rule) ||
                        civil_format_date(o->rule.valid_from, d->from,
                                          sizeof d->from) != 0 ||
                        (o->rule.valid_until.year != 0 &&
                         civil_format_date(o->rule.valid_until, d->until,
                                           sizeof d->until) != 0)))
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("opening hours"));
    return rc;
}

/* ...and its one binder: ?2..?9, ?1 being the id of an UPDATE. */
static void bind_opening(sqlite3_stmt *st, const struct db_opening *o,
                         const struct opening_dates *d)
{
    sqlite3_bind_int64(st, 2, o->agent_id);
    sqlite3_bind_int64(st, 3, o->site_id);
    sqlite3_bind_int(st, 4, (int)o->rule.weekday);
    sqlite3_bind_int(st, 5, o->rule.start_minute);
    sqlite3_bind_int(st, 6, o->rule.end_minute);
    sqlite3_bind_int(st, 7, o->rule.every_weeks);
    sqlite3_bind_text(st, 8, d->from, -1, SQLITE_STATIC);
    db_bind_text(st, 9, d->until, 1);
}

/* "agent 1 site 2 day 2 09:00-12:00 every 1 from 2026-09-01 to -" */
static void opening_text(const struct db_opening *o, char *buf, size_t size)
{
    char from[CIVIL_DATE_LEN] = "?", until[CIVIL_DATE_LEN] = "-";
    char s[CIVIL_TIME_LEN] = "?", e[CIVIL_TIME_LEN] = "?";
    civil_format_date(o->rule.valid_from, from, sizeof from);
    if (o->rule.valid_until.year)
        civil_format_date(o->rule.valid_until, until, sizeof until);
    civil_format_time(o->rule.start_minute, s, sizeof s);
    if (o->rule.end_minute == 1440)
        snprintf(e, sizeof e, "24:00");
    else
        civil_format_time(o->rule.end_minute, e, sizeof e);
    snprintf(buf, size, "agent %lld site %lld day %d %s-%s every %d from %s to %s",
             (long long)o->agent_id, (long long)o->site_id,
             (int)o->rule.weekday, s, e, o->rule.every_weeks, from, until);
}

/* ---- add, edit, delete ------------------------------------------------- */

static const char SQL_OPENING_ADD[] =
    "INSERT INTO opening_hours (agent_id, site_id, weekday, start_minute,"
    " end_minute, every_weeks, valid_from, valid_until)"
    " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_OPENING_UPDATE[] =
    "UPDATE opening_hours SET agent_id = ?2, site_id = ?3, weekday = ?4,"
    " start_minute = ?5, end_minute = ?6, every_weeks = ?7, valid_from = ?8,"
    " valid_until = ?9 WHERE id = ?1";

struct opening_write {
    const struct db_opening *o;
    struct opening_dates d;
};

static int write_step(struct db *db, struct db_unit *u, void *ctx,
                      struct db_error *err)
{
    const struct opening_write *w = ctx;
    struct db_opening old;
    int creating = !u->versioned;
    int rc = creating ? DB_OK : db_opening_get(db, u->id, &old, err);
    if (rc == DB_OK)
        rc = db_require(db, "agent", w->o->agent_id, err);
    if (rc == DB_OK)
        rc = db_require(db, "site", w->o->site_id, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, creating ? SQL_OPENING_ADD
                                                          : SQL_OPENING_UPDATE,
                                             err)
                                   : NULL;
    if (!st)
        return err->status;
    if (!creating)
        sqlite3_bind_int64(st, 1, u->id);
    bind_opening(st, w->o, &w->d);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    char a[160], b[160];
    opening_text(w->o, b, sizeof b);
    if (creating) {
        u->id = db_last_insert_id(db);
        db_unit_detail(u, "%s", b);
    } else {
        opening_text(&old, a, sizeof a);
        db_unit_diff(u, "rule", a, b);
    }
    return rc;
}

int db_opening_add(struct db *db, struct db_opening *o, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct opening_write w = {o, {{0}, {0}}};
    int rc = check_opening(o, &w.d, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_create("opening");
    rc = db_unit_run(db, &u, write_step, &w, err);
    if (rc == DB_OK)
        o->id = u.id;
    return rc;
}

int db_opening_update(struct db *db, const struct db_opening *o,
                      int64_t version, struct db_conflict *conflict,
                      struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct opening_write w = {o, {{0}, {0}}};
    int rc = db_check_id(o->id, 0, _("opening hours"), err);
    if (rc == DB_OK)
        rc = check_opening(o, &w.d, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("opening", o->id, version, "edit",
                                    conflict);
    return db_unit_run(db, &u, write_step, &w, err);
}

static const char SQL_OPENING_MOTIFS_CLEAR[] =
    "DELETE FROM opening_hours_motif WHERE opening_id = ?1";
static const char SQL_OPENING_DELETE[] =
    "DELETE FROM opening_hours WHERE id = ?1";

/* Runs `sql` with ?1 = id. */
static int run_on_id(struct db *db, const char *sql, int64_t id,
                     struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, sql, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

static int delete_step(struct db *db, struct db_unit *u, void *ctx,
                       struct db_error *err)
{
    (void)ctx;
    struct db_opening old;
    int rc = db_opening_get(db, u->id, &old, err);
    if (rc == DB_OK)
        rc = run_on_id(db, SQL_OPENING_MOTIFS_CLEAR, u->id, err);
    if (rc == DB_OK)
        rc = run_on_id(db, SQL_OPENING_DELETE, u->id, err);
    char detail[160];
    opening_text(&old, detail, sizeof detail);
    db_unit_detail(u, "%s", detail);
    u->deleted = 1;
    return rc;
}

int db_opening_delete(struct db *db, int64_t id, int64_t version,
                      struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(id, 0, _("opening hours"), err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("opening", id, version, "delete",
                                    conflict);
    return db_unit_run(db, &u, delete_step, NULL, err);
}

/* ---- the motifs of a range --------------------------------------------- */

static void read_id(sqlite3_stmt *st, void *p)
{
    *(int64_t *)p = sqlite3_column_int64(st, 0);
}

static const char SQL_OPENING_MOTIFS[] =
    "SELECT motif_id FROM opening_hours_motif WHERE opening_id = ?1"
    " ORDER BY motif_id";
static const char SQL_OPENING_MOTIF_ADD[] =
    "INSERT OR IGNORE INTO opening_hours_motif (opening_id, motif_id)"
    " VALUES (?1, ?2)";

int db_opening_motifs(struct db *db, int64_t opening_id, int64_t **out,
                      size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_OPENING_MOTIFS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, opening_id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_id, &arr, count, err);
    *out = arr;
    return rc;
}

enum { OPENING_MOTIFS_MAX = 200 };

struct motif_set {
    const int64_t *ids;
    size_t count;
};

static int motifs_step(struct db *db, struct db_unit *u, void *ctx,
                       struct db_error *err)
{
    const struct motif_set *m = ctx;
    int rc = DB_OK;
    for (size_t i = 0; rc == DB_OK && i < m->count; i++)
        rc = db_require(db, "motif", m->ids[i], err);
    if (rc == DB_OK)
        rc = run_on_id(db, SQL_OPENING_MOTIFS_CLEAR, u->id, err);
    db_unit_detail(u, "motifs:");
    for (size_t i = 0; rc == DB_OK && i < m->count; i++) {
        sqlite3_stmt *st = db_stmt(db, SQL_OPENING_MOTIF_ADD, err);
        if (!st)
            return err->status;
        sqlite3_bind_int64(st, 1, u->id);
        sqlite3_bind_int64(st, 2, m->ids[i]);
        rc = db_step_done(db, st, err);
        db_stmt_done(db, st);
        db_unit_detail(u, " %lld", (long long)m->ids[i]);
    }
    if (m->count == 0)
        db_unit_detail(u, " %s", "all");
    return rc;
}

int db_opening_set_motifs(struct db *db, int64_t opening_id, int64_t version,
                          const int64_t *motif_ids, size_t motif_count,
                          struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(opening_id, 0, _("opening hours"), err);
    if (rc == DB_OK && motif_count > OPENING_MOTIFS_MAX)
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %s", _("motifs"),
                          _("too many"));
    if (rc == DB_OK && motif_count && !motif_ids)
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("motifs"));
    for (size_t i = 0; rc == DB_OK && i < motif_count; i++)
        rc = db_check_id(motif_ids[i], 0, _("motif"), err);
    if (rc != DB_OK)
        return rc;
    struct motif_set m = {motif_ids, motif_count};
    struct db_unit u = db_unit_edit("opening", opening_id, version, "motifs",
                                    conflict);
    return db_unit_run(db, &u, motifs_step, &m, err);
}

/* ---- reads ------------------------------------------------------------- */

static const char SQL_AGENT_OPENINGS[] =
    "SELECT " OPENING_COLUMNS " FROM opening_hours WHERE agent_id = ?1"
    " ORDER BY site_id, weekday, start_minute, id";
static const char SQL_OPENING_GET[] =
    "SELECT " OPENING_COLUMNS " FROM opening_hours WHERE id = ?1";
/* Candidates by SQL (site, weekday, validity); the every-N-weeks rhythm is
 * decided by the model, the one place that knows it. */
static const char SQL_SITE_OPENINGS[] =
    "SELECT " OPENING_COLUMNS " FROM opening_hours"
    " WHERE site_id = ?1 AND weekday = ?2 AND valid_from <= ?3"
    " AND (valid_until IS NULL OR valid_until >= ?3)"
    " ORDER BY agent_id, start_minute, id";

int db_agent_openings(struct db *db, int64_t agent_id,
                      struct db_opening **out, size_t *count,
                      struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_OPENINGS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, agent_id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, db_read_opening, &arr, count,
                        err);
    *out = arr;
    return rc;
}

int db_opening_get(struct db *db, int64_t id, struct db_opening *out,
                   struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_OPENING_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    return db_get_one(db, st, out, sizeof *out, db_read_opening,
                      _("opening hours"), id, err);
}

int db_site_openings(struct db *db, int64_t site_id, struct civil_date day,
                     struct db_opening **out, size_t *count,
                     struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    char text[CIVIL_DATE_LEN];
    *out = NULL;
    *count = 0;
    if (civil_format_date(day, text, sizeof text) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("date"));
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_OPENINGS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    sqlite3_bind_int(st, 2, (int)civil_weekday(day));
    sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
    void *arr = NULL;
    size_t n = 0;
    int rc = db_collect(db, st, sizeof **out, db_read_opening, &arr, &n, err);
    if (rc != DB_OK)
        return rc;
    struct db_opening *list = arr;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (opening_rule_applies(&list[i].rule, day))
            list[kept++] = list[i];
    *out = list;
    *count = kept;
    return DB_OK;
}

/* ---- consequences ------------------------------------------------------ */

int db_opening_preview(struct db *db, const struct db_opening *o,
                       int64_t version, int deleting,
                       struct db_stranded **out, size_t *count,
                       struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    struct opening_write w = {o, {{0}, {0}}};
    struct db_opening old;
    int rc = DB_OK;
    if (deleting || o->id)
        rc = db_check_id(o->id, 0, _("opening hours"), err);
    if (rc == DB_OK && (deleting || o->id))
        rc = db_opening_get(db, o->id, &old, err);
    if (rc == DB_OK && !deleting)
        rc = check_opening(o, &w.d, err);
    if (rc != DB_OK)
        return rc;
    /* Adding hours leaves nobody outside; an edit may move them to another
     * agent: both agents are looked at. */
    struct db_preview p = {{deleting ? old.agent_id : o->agent_id,
                            o->id ? old.agent_id : o->agent_id},
                           2, NULL, 0, out, count};
    rc = db_preview_start(db, &p, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = o->id || deleting
                           ? db_unit_edit("opening", o->id, version,
                                          deleting ? "delete" : "edit",
                                          conflict)
                           : db_unit_create("opening");
    rc = db_unit_preview(db, &u, deleting ? delete_step : write_step, &w,
                         db_preview_probe, &p, err);
    db_preview_end(&p);
    return rc;
}
