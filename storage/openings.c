/* openings.c - weekly opening hours of agents at sites ("plages
 * d'ouverture"). The rule itself (weekday, range, every N weeks, validity)
 * is model/opening.h; this file stores and selects rules. */
#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "frontdesk_internal.h"
#include "../common/i18n.h"

static const char SQL_SITE_EXISTS[] = "SELECT 1 FROM site WHERE id = ?1";
static const char SQL_AGENT_EXISTS[] = "SELECT 1 FROM agent WHERE id = ?1";

static const char SQL_OPENING_ADD[] =
    "INSERT INTO opening_hours (agent_id, site_id, weekday, start_minute,"
    " end_minute, every_weeks, valid_from, valid_until)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

int db_opening_add(struct db *db, struct db_opening *o, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    char from[CIVIL_DATE_LEN], until[CIVIL_DATE_LEN] = "";
    int rc = db_check_id(o->agent_id, 0, _("agent"), err);
    if (rc == DB_OK)
        rc = db_check_id(o->site_id, 0, _("site"), err);
    if (rc == DB_OK && (!opening_rule_valid(&o->rule) ||
                        civil_format_date(o->rule.valid_from, from,
                                          sizeof from) != 0 ||
                        (o->rule.valid_until.year != 0 &&
                         civil_format_date(o->rule.valid_until, until,
                                           sizeof until) != 0)))
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("opening hours"));
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    rc = db_require_row(db, SQL_AGENT_EXISTS, o->agent_id, _("agent"), err);
    if (rc == DB_OK)
        rc = db_require_row(db, SQL_SITE_EXISTS, o->site_id, _("site"), err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_OPENING_ADD, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, o->agent_id);
    sqlite3_bind_int64(st, 2, o->site_id);
    sqlite3_bind_int(st, 3, (int)o->rule.weekday);
    sqlite3_bind_int(st, 4, o->rule.start_minute);
    sqlite3_bind_int(st, 5, o->rule.end_minute);
    sqlite3_bind_int(st, 6, o->rule.every_weeks);
    sqlite3_bind_text(st, 7, from, -1, SQLITE_TRANSIENT);
    db_bind_text(st, 8, until, 1);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK) {
        char detail[96];
        o->id = sqlite3_last_insert_rowid(db->conn);
        snprintf(detail, sizeof detail,
                 "agent %lld site %lld day %d %d-%d every %d from %s to %s",
                 (long long)o->agent_id, (long long)o->site_id,
                 (int)o->rule.weekday, o->rule.start_minute,
                 o->rule.end_minute, o->rule.every_weeks, from,
                 until[0] ? until : "-");
        rc = db_audit_add(db, "opening", o->id, "create", detail, err);
    }
    if (rc == DB_OK)
        return db_write_commit(db, err);
    db_write_rollback(db);
    return rc;
}

/* One opening_hours row (id, agent, site, weekday, start, end, every_weeks,
 * valid_from, valid_until) into a struct db_opening (frontdesk_internal.h). */
void fd_read_opening(sqlite3_stmt *st, void *p)
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

/* Candidates by SQL (site, weekday, validity); the every-N-weeks rhythm is
 * decided by the model, the one place that knows it. */
static const char SQL_SITE_OPENINGS[] =
    "SELECT id, agent_id, site_id, weekday, start_minute, end_minute,"
    " every_weeks, valid_from, valid_until FROM opening_hours"
    " WHERE site_id = ?1 AND weekday = ?2 AND valid_from <= ?3"
    " AND (valid_until IS NULL OR valid_until >= ?3)"
    " ORDER BY agent_id, start_minute, id";

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
    int rc = db_collect(db, st, sizeof **out, fd_read_opening, &arr, &n, err);
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
