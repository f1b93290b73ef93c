/* structure_edit.c - the structure screens' reads and edits: sites,
 * services, agents (and the sites they work at), motifs, opening hours and
 * the motifs an opening range is for. structure.c and openings.c add rows;
 * this file gets, lists and changes them, each change one write unit with
 * a version check and an audit row saying what changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk_internal.h"
#include "../common/i18n.h"

static const char SQL_SERVICE_EXISTS[] = "SELECT 1 FROM service WHERE id = ?1";
static const char SQL_AGENT_EXISTS[] = "SELECT 1 FROM agent WHERE id = ?1";
static const char SQL_SITE_EXISTS[] = "SELECT 1 FROM site WHERE id = ?1";
static const char SQL_MOTIF_EXISTS[] = "SELECT 1 FROM motif WHERE id = ?1";

static const char *const site_kinds[] = {"social", "college"};
static const char *const locations[] = {"site", "phone", "home", "video"};

static int find_name(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (s && strcmp(names[i], s) == 0)
            return i;
    return 0;
}

/* Steps a bound statement that reads one row into `out` with `read`. */
static int get_one(struct db *db, sqlite3_stmt *st, void *out, size_t size,
                   void (*read)(sqlite3_stmt *, void *), const char *what,
                   int64_t id, struct db_error *err)
{
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, size);
        read(st, out);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", what,
                              (long long)id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

/* Runs the bound UPDATE `st` and the audit row, inside the open unit,
 * then commits (or rolls back on any error). */
static int finish_update(struct db *db, sqlite3_stmt *st, const char *entity,
                         int64_t id, const char *action, const char *detail,
                         struct db_error *err)
{
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK)
        rc = db_audit_add(db, entity, id, action, detail, err);
    if (rc == DB_OK)
        return db_write_commit(db, err);
    db_write_rollback(db);
    return rc;
}

/* ---- sites ------------------------------------------------------------- */

/* site.holidays <-> struct db_site holiday_flags (model/holidays.h). */
static const char *holidays_name(unsigned flags)
{
    return flags == HOLIDAYS_ALSACE_MOSELLE ? "alsace-moselle" : "national";
}

static void read_site(sqlite3_stmt *st, void *p)
{
    struct db_site *s = p;
    s->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, s->name, sizeof s->name);
    s->kind = (enum db_site_kind)find_name(
        site_kinds, 2, (const char *)sqlite3_column_text(st, 2));
    db_column_text(st, 3, s->address, sizeof s->address);
    db_column_text(st, 4, s->timezone, sizeof s->timezone);
    const char *holidays = (const char *)sqlite3_column_text(st, 5);
    s->holiday_flags = holidays && strcmp(holidays, "alsace-moselle") == 0
                           ? HOLIDAYS_ALSACE_MOSELLE
                           : HOLIDAYS_NATIONAL;
}

static const char SQL_SITE_GET[] =
    "SELECT id, name, kind, address, timezone, holidays FROM site"
    " WHERE id = ?1";

int db_site_get(struct db *db, int64_t id, struct db_site *out,
                struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    return get_one(db, st, out, sizeof *out, read_site, _("site"), id, err);
}

static int check_site(const struct db_site *s, struct db_error *err)
{
    int rc = db_check_id(s->id, 0, _("site"), err);
    if (rc == DB_OK)
        rc = db_check_text(s->name, sizeof s->name, TEXT_REQUIRED,
                           _("site name"), err);
    if (rc == DB_OK)
        rc = db_check_text(s->address, sizeof s->address, 0, _("address"),
                           err);
    if (rc == DB_OK)
        rc = db_check_text(s->timezone, sizeof s->timezone, TEXT_REQUIRED,
                           _("time zone"), err);
    for (const char *p = s->timezone; rc == DB_OK && *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9') || strchr("/_+-", *p)))
            rc = db_set_error(err, DB_ERR_INVALID, "%s: %s", _("time zone"),
                              s->timezone);
    if (rc == DB_OK && s->kind != DB_SITE_SOCIAL && s->kind != DB_SITE_COLLEGE)
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("site kind"));
    if (rc == DB_OK && s->holiday_flags != HOLIDAYS_NATIONAL &&
        s->holiday_flags != HOLIDAYS_ALSACE_MOSELLE)
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("public holidays"));
    return rc;
}

static const char SQL_SITE_UPDATE[] =
    "UPDATE site SET name = ?2, kind = ?3, address = ?4, timezone = ?5,"
    " holidays = ?6, version = version + 1 WHERE id = ?1";

int db_site_update(struct db *db, const struct db_site *site, int64_t version,
                   struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = check_site(site, err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    struct db_site old;
    rc = fd_check_version(db, "site", site->id, version, NULL, conflict, err);
    if (rc == DB_OK)
        rc = db_site_get(db, site->id, &old, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_SITE_UPDATE, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, site->id);
    sqlite3_bind_text(st, 2, site->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, site_kinds[site->kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, site->address, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, site->timezone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, holidays_name(site->holiday_flags), -1,
                      SQLITE_STATIC);
    char detail[DB_TEXT_LEN] = "";
    fd_diff(detail, sizeof detail, "name", old.name, site->name);
    fd_diff(detail, sizeof detail, "kind", site_kinds[old.kind],
            site_kinds[site->kind]);
    fd_diff(detail, sizeof detail, "address", old.address, site->address);
    fd_diff(detail, sizeof detail, "time zone", old.timezone, site->timezone);
    fd_diff(detail, sizeof detail, "holidays", holidays_name(old.holiday_flags),
            holidays_name(site->holiday_flags));
    rc = finish_update(db, st, "site", site->id, "edit", detail, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("site name"), site->name);
    return rc;
}

/* ---- services ---------------------------------------------------------- */

static void read_service(sqlite3_stmt *st, void *p)
{
    struct db_service *s = p;
    s->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, s->name, sizeof s->name);
}

static const char SQL_SERVICE_LIST[] =
    "SELECT id, name FROM service ORDER BY name, id";
static const char SQL_SERVICE_GET[] = "SELECT id, name FROM service WHERE id = ?1";

int db_service_list(struct db *db, struct db_service **out, size_t *count,
                    struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_SERVICE_LIST, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_service, &arr, count, err);
    *out = arr;
    return rc;
}

static const char SQL_SERVICE_UPDATE[] =
    "UPDATE service SET name = ?2, version = version + 1 WHERE id = ?1";

int db_service_update(struct db *db, const struct db_service *s,
                      int64_t version, struct db_conflict *conflict,
                      struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(s->id, 0, _("service"), err);
    if (rc == DB_OK)
        rc = db_check_text(s->name, sizeof s->name, TEXT_REQUIRED,
                           _("service name"), err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    struct db_service old;
    rc = fd_check_version(db, "service", s->id, version, NULL, conflict, err);
    sqlite3_stmt *st = NULL;
    if (rc == DB_OK && (st = db_stmt(db, SQL_SERVICE_GET, err)) != NULL) {
        sqlite3_bind_int64(st, 1, s->id);
        rc = get_one(db, st, &old, sizeof old, read_service, _("service"),
                     s->id, err);
    }
    st = rc == DB_OK ? db_stmt(db, SQL_SERVICE_UPDATE, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_text(st, 2, s->name, -1, SQLITE_STATIC);
    char detail[DB_TEXT_LEN] = "";
    fd_diff(detail, sizeof detail, "name", old.name, s->name);
    rc = finish_update(db, st, "service", s->id, "edit", detail, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("service name"), s->name);
    return rc;
}

/* ---- agents ------------------------------------------------------------ */

/* One row of FD_AGENT_COLUMNS into a struct db_agent (frontdesk_internal.h). */
void fd_read_agent(sqlite3_stmt *st, void *p)
{
    struct db_agent *a = p;
    a->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, a->last_name, sizeof a->last_name);
    db_column_text(st, 2, a->first_name, sizeof a->first_name);
    db_column_text(st, 3, a->login, sizeof a->login);
    a->service_id = sqlite3_column_int64(st, 4);
}

static const char SQL_AGENT_LIST[] =
    "SELECT " FD_AGENT_COLUMNS " FROM agent a ORDER BY a.last_name COLLATE NOCASE,"
    " a.first_name COLLATE NOCASE, a.id";
static const char SQL_AGENT_GET[] =
    "SELECT " FD_AGENT_COLUMNS " FROM agent a WHERE a.id = ?1";

int db_agent_list(struct db *db, struct db_agent **out, size_t *count,
                  struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_LIST, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, fd_read_agent, &arr, count, err);
    *out = arr;
    return rc;
}

int db_agent_get(struct db *db, int64_t id, struct db_agent *out,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    return get_one(db, st, out, sizeof *out, fd_read_agent, _("agent"), id, err);
}

static const char SQL_AGENT_UPDATE[] =
    "UPDATE agent SET last_name = ?2, first_name = ?3, login = ?4,"
    " service_id = ?5, version = version + 1 WHERE id = ?1";

int db_agent_update(struct db *db, const struct db_agent *a, int64_t version,
                    struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(a->id, 0, _("agent"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->last_name, sizeof a->last_name, TEXT_REQUIRED,
                           _("last name"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->first_name, sizeof a->first_name, 0,
                           _("first name"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->login, sizeof a->login, 0, _("login"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->service_id, 1, _("service"), err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    struct db_agent old;
    rc = fd_check_version(db, "agent", a->id, version, NULL, conflict, err);
    if (rc == DB_OK)
        rc = db_agent_get(db, a->id, &old, err);
    if (rc == DB_OK && a->service_id)
        rc = db_require_row(db, SQL_SERVICE_EXISTS, a->service_id,
                            _("service"), err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_AGENT_UPDATE, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, a->id);
    sqlite3_bind_text(st, 2, a->last_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a->first_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, a->login, -1, SQLITE_STATIC);
    db_bind_ref(st, 5, a->service_id);
    char detail[DB_TEXT_LEN] = "", o[24], n[24];
    fd_diff(detail, sizeof detail, "last name", old.last_name, a->last_name);
    fd_diff(detail, sizeof detail, "first name", old.first_name,
            a->first_name);
    fd_diff(detail, sizeof detail, "login", old.login, a->login);
    snprintf(o, sizeof o, "%lld", (long long)old.service_id);
    snprintf(n, sizeof n, "%lld", (long long)a->service_id);
    fd_diff(detail, sizeof detail, "service", o, n);
    rc = finish_update(db, st, "agent", a->id, "edit", detail, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("login"), a->login);
    return rc;
}

static void read_id(sqlite3_stmt *st, void *p)
{
    *(int64_t *)p = sqlite3_column_int64(st, 0);
}

static const char SQL_AGENT_SITES[] =
    "SELECT s.id FROM agent_site x JOIN site s ON s.id = x.site_id"
    " WHERE x.agent_id = ?1 ORDER BY s.name, s.id";

int db_agent_sites(struct db *db, int64_t agent_id, int64_t **out,
                   size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_SITES, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, agent_id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_id, &arr, count, err);
    *out = arr;
    return rc;
}

static const char SQL_LEAVE[] =
    "DELETE FROM agent_site WHERE agent_id = ?1 AND site_id = ?2";

/* Links or unlinks an agent and a site (SQL_JOIN of structure.c, SQL_LEAVE)
 * in one write unit, audited as `action` on the agent when a row changed
 * (frontdesk_internal.h). */
int fd_agent_site_write(struct db *db, const char *sql, const char *action,
                        int64_t agent_id, int64_t site_id, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(agent_id, 0, _("agent"), err);
    if (rc == DB_OK)
        rc = db_check_id(site_id, 0, _("site"), err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    rc = db_require_row(db, SQL_AGENT_EXISTS, agent_id, _("agent"), err);
    if (rc == DB_OK)
        rc = db_require_row(db, SQL_SITE_EXISTS, site_id, _("site"), err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, sql, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, agent_id);
    sqlite3_bind_int64(st, 2, site_id);
    rc = db_step_done(db, st, err);
    int changed = sqlite3_changes(db->conn);
    db_stmt_done(db, st);
    if (rc == DB_OK && changed) {
        char detail[32];
        snprintf(detail, sizeof detail, "site %lld", (long long)site_id);
        rc = db_audit_add(db, "agent", agent_id, action, detail, err);
    }
    if (rc == DB_OK)
        return db_write_commit(db, err);
    db_write_rollback(db);
    return rc;
}

/* Leaving a site one is not at is not an error (nothing is written). */
int db_agent_leave_site(struct db *db, int64_t agent_id, int64_t site_id,
                        struct db_error *err)
{
    return fd_agent_site_write(db, SQL_LEAVE, "leave", agent_id, site_id, err);
}

/* ---- motifs ------------------------------------------------------------ */

static void read_motif(sqlite3_stmt *st, void *p)
{
    struct db_motif *m = p;
    m->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, m->name, sizeof m->name);
    m->service_id = sqlite3_column_int64(st, 2);
    m->duration_minutes = sqlite3_column_int(st, 3);
    db_column_text(st, 4, m->colour, sizeof m->colour);
    m->location = (enum db_location)find_name(
        locations, 4, (const char *)sqlite3_column_text(st, 5));
}

static const char SQL_MOTIF_GET[] =
    "SELECT id, name, service_id, duration_minutes, colour, location"
    " FROM motif WHERE id = ?1";

int db_motif_get(struct db *db, int64_t id, struct db_motif *out,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_MOTIF_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    return get_one(db, st, out, sizeof *out, read_motif, _("motif"), id, err);
}

static int colour_valid(const char *c, size_t size)
{
    if (strnlen(c, size) != 7 || c[0] != '#')
        return 0;
    for (int i = 1; i < 7; i++)
        if (!strchr("0123456789abcdefABCDEF", c[i]))
            return 0;
    return 1;
}

static const char SQL_MOTIF_UPDATE[] =
    "UPDATE motif SET name = ?2, service_id = ?3, duration_minutes = ?4,"
    " colour = ?5, location = ?6, version = version + 1 WHERE id = ?1";

int db_motif_update(struct db *db, const struct db_motif *m, int64_t version,
                    struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(m->id, 0, _("motif"), err);
    if (rc == DB_OK)
        rc = db_check_text(m->name, sizeof m->name, TEXT_REQUIRED,
                           _("motif name"), err);
    if (rc == DB_OK)
        rc = db_check_id(m->service_id, 0, _("service"), err);
    if (rc == DB_OK && (m->duration_minutes < 1 || m->duration_minutes > 1440))
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %d", _("duration"),
                          m->duration_minutes);
    if (rc == DB_OK && !colour_valid(m->colour, sizeof m->colour))
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("colour (#rrggbb)"));
    if (rc == DB_OK && ((int)m->location < 0 || m->location > DB_LOC_VIDEO))
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("location"));
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    struct db_motif old;
    rc = fd_check_version(db, "motif", m->id, version, NULL, conflict, err);
    if (rc == DB_OK)
        rc = db_motif_get(db, m->id, &old, err);
    if (rc == DB_OK)
        rc = db_require_row(db, SQL_SERVICE_EXISTS, m->service_id,
                            _("service"), err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_MOTIF_UPDATE, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, m->id);
    sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, m->service_id);
    sqlite3_bind_int(st, 4, m->duration_minutes);
    sqlite3_bind_text(st, 5, m->colour, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, locations[m->location], -1, SQLITE_STATIC);
    char detail[DB_TEXT_LEN] = "", o[24], n[24];
    fd_diff(detail, sizeof detail, "name", old.name, m->name);
    snprintf(o, sizeof o, "%lld", (long long)old.service_id);
    snprintf(n, sizeof n, "%lld", (long long)m->service_id);
    fd_diff(detail, sizeof detail, "service", o, n);
    snprintf(o, sizeof o, "%d", old.duration_minutes);
    snprintf(n, sizeof n, "%d", m->duration_minutes);
    fd_diff(detail, sizeof detail, "duration", o, n);
    fd_diff(detail, sizeof detail, "colour", old.colour, m->colour);
    fd_diff(detail, sizeof detail, "location", locations[old.location],
            locations[m->location]);
    rc = finish_update(db, st, "motif", m->id, "edit", detail, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("motif name"), m->name);
    return rc;
}

/* ---- opening hours ----------------------------------------------------- */

#define OPENING_COLUMNS                                                      \
    "id, agent_id, site_id, weekday, start_minute, end_minute, every_weeks," \
    " valid_from, IFNULL(valid_until, '')"

static const char SQL_AGENT_OPENINGS[] =
    "SELECT " OPENING_COLUMNS " FROM opening_hours WHERE agent_id = ?1"
    " ORDER BY site_id, weekday, start_minute, id";
static const char SQL_OPENING_GET[] =
    "SELECT " OPENING_COLUMNS " FROM opening_hours WHERE id = ?1";

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
    int rc = db_collect(db, st, sizeof **out, fd_read_opening, &arr, count, err);
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
    return get_one(db, st, out, sizeof *out, fd_read_opening, _("opening hours"),
                   id, err);
}

/* "day 2 09:00-12:00 every 1 from 2026-09-01 to -" */
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

static const char SQL_OPENING_UPDATE[] =
    "UPDATE opening_hours SET agent_id = ?2, site_id = ?3, weekday = ?4,"
    " start_minute = ?5, end_minute = ?6, every_weeks = ?7, valid_from = ?8,"
    " valid_until = ?9, version = version + 1 WHERE id = ?1";

int db_opening_update(struct db *db, const struct db_opening *o,
                      int64_t version, struct db_conflict *conflict,
                      struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    char from[CIVIL_DATE_LEN], until[CIVIL_DATE_LEN] = "";
    int rc = db_check_id(o->id, 0, _("opening hours"), err);
    if (rc == DB_OK)
        rc = db_check_id(o->agent_id, 0, _("agent"), err);
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
    struct db_opening old;
    rc = fd_check_version(db, "opening", o->id, version, NULL, conflict, err);
    if (rc == DB_OK)
        rc = db_opening_get(db, o->id, &old, err);
    if (rc == DB_OK)
        rc = db_require_row(db, SQL_AGENT_EXISTS, o->agent_id, _("agent"), err);
    if (rc == DB_OK)
        rc = db_require_row(db, SQL_SITE_EXISTS, o->site_id, _("site"), err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_OPENING_UPDATE, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, o->id);
    sqlite3_bind_int64(st, 2, o->agent_id);
    sqlite3_bind_int64(st, 3, o->site_id);
    sqlite3_bind_int(st, 4, (int)o->rule.weekday);
    sqlite3_bind_int(st, 5, o->rule.start_minute);
    sqlite3_bind_int(st, 6, o->rule.end_minute);
    sqlite3_bind_int(st, 7, o->rule.every_weeks);
    sqlite3_bind_text(st, 8, from, -1, SQLITE_TRANSIENT);
    db_bind_text(st, 9, until, 1);
    char a[160], b[160], detail[DB_TEXT_LEN] = "";
    opening_text(&old, a, sizeof a);
    opening_text(o, b, sizeof b);
    fd_diff(detail, sizeof detail, "rule", a, b);
    return finish_update(db, st, "opening", o->id, "edit", detail, err);
}

static const char SQL_OPENING_MOTIFS_CLEAR[] =
    "DELETE FROM opening_hours_motif WHERE opening_id = ?1";
static const char SQL_OPENING_DELETE[] =
    "DELETE FROM opening_hours WHERE id = ?1";

int db_opening_delete(struct db *db, int64_t id, int64_t version,
                      struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(id, 0, _("opening hours"), err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    struct db_opening old;
    rc = fd_check_version(db, "opening", id, version, NULL, conflict, err);
    if (rc == DB_OK)
        rc = db_opening_get(db, id, &old, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_OPENING_MOTIFS_CLEAR, err)
                                   : NULL;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        rc = db_step_done(db, st, err);
        db_stmt_done(db, st);
        st = rc == DB_OK ? db_stmt(db, SQL_OPENING_DELETE, err) : NULL;
    }
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, id);
    char detail[160];
    opening_text(&old, detail, sizeof detail);
    return finish_update(db, st, "opening", id, "delete", detail, err);
}

static const char SQL_OPENING_MOTIFS[] =
    "SELECT motif_id FROM opening_hours_motif WHERE opening_id = ?1"
    " ORDER BY motif_id";

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

static const char SQL_OPENING_MOTIF_ADD[] =
    "INSERT OR IGNORE INTO opening_hours_motif (opening_id, motif_id)"
    " VALUES (?1, ?2)";

enum { OPENING_MOTIFS_MAX = 200 };

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
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    rc = fd_check_version(db, "opening", opening_id, version, NULL, conflict,
                          err);
    for (size_t i = 0; rc == DB_OK && i < motif_count; i++)
        rc = db_require_row(db, SQL_MOTIF_EXISTS, motif_ids[i], _("motif"),
                            err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_OPENING_MOTIFS_CLEAR, err)
                                   : NULL;
    if (st) {
        sqlite3_bind_int64(st, 1, opening_id);
        rc = db_step_done(db, st, err);
        db_stmt_done(db, st);
    }
    char detail[DB_TEXT_LEN] = "motifs:";
    for (size_t i = 0; st && rc == DB_OK && i < motif_count; i++) {
        st = db_stmt(db, SQL_OPENING_MOTIF_ADD, err);
        if (!st)
            break;
        sqlite3_bind_int64(st, 1, opening_id);
        sqlite3_bind_int64(st, 2, motif_ids[i]);
        rc = db_step_done(db, st, err);
        db_stmt_done(db, st);
        fd_append(detail, sizeof detail, " %lld", (long long)motif_ids[i]);
    }
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    if (motif_count == 0)
        fd_append(detail, sizeof detail, " %s", "all");
    if (rc == DB_OK)
        rc = fd_bump_version(db, "opening", opening_id, err);
    if (rc == DB_OK)
        rc = db_audit_add(db, "opening", opening_id, "motifs", detail, err);
    if (rc == DB_OK)
        return db_write_commit(db, err);
    db_write_rollback(db);
    return rc;
}
