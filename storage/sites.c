/* sites.c - sites (a social-services office or a collège), each with its
 * IANA time zone and its public holidays, and the site's clock: "now" at a
 * site is its own civil time, whatever TZ the machine has. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loans_internal.h"
#include "rows.h"
#include "../common/clock.h"
#include "../common/i18n.h"

static const char *const site_kinds[] = {"social", "college"};

/* site.holidays <-> struct db_site holiday_flags (model/holidays.h). */
static const char *holidays_name(unsigned flags)
{
    return flags == HOLIDAYS_ALSACE_MOSELLE ? "alsace-moselle" : "national";
}

static unsigned holidays_flags(const char *name)
{
    return name && strcmp(name, "alsace-moselle") == 0 ? HOLIDAYS_ALSACE_MOSELLE
                                                      : HOLIDAYS_NATIONAL;
}

#define SITE_COLUMNS "id, name, kind, address, timezone, holidays"

/* The site table's one reader... */
static void read_site(sqlite3_stmt *st, void *p)
{
    struct db_site *s = p;
    s->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, s->name, sizeof s->name);
    const char *kind = (const char *)sqlite3_column_text(st, 2);
    s->kind = kind && strcmp(kind, "college") == 0 ? DB_SITE_COLLEGE
                                                   : DB_SITE_SOCIAL;
    db_column_text(st, 3, s->address, sizeof s->address);
    db_column_text(st, 4, s->timezone, sizeof s->timezone);
    s->holiday_flags = holidays_flags((const char *)sqlite3_column_text(st, 5));
}

/* ...and its one binder: ?2..?6, ?1 being the id of an UPDATE. */
static void bind_site(sqlite3_stmt *st, const struct db_site *s)
{
    sqlite3_bind_text(st, 2, s->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, site_kinds[s->kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, s->address, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, s->timezone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, holidays_name(s->holiday_flags), -1,
                      SQLITE_STATIC);
}

/* An IANA name the system knows ("Europe/Paris", "Indian/Reunion"): its
 * file under TZDIR or /usr/share/zoneinfo. */
static int zone_known(const char *tz)
{
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir && dir[0] ? dir : "/usr/share/zoneinfo", tz);
    return tz[0] != '/' && !strstr(tz, "..") && access(path, R_OK) == 0;
}

/* Fields of a site, added or edited (an empty zone is allowed on adding:
 * it becomes Europe/Paris). */
static int check_site(const struct db_site *s, struct db_error *err)
{
    int rc = db_check_text(s->name, sizeof s->name, TEXT_REQUIRED,
                           _("site name"), err);
    if (rc == DB_OK)
        rc = db_check_text(s->address, sizeof s->address, 0, _("address"),
                           err);
    if (rc == DB_OK)
        rc = db_check_text(s->timezone, sizeof s->timezone, 0,
                           _("time zone"), err);
    for (const char *p = s->timezone; rc == DB_OK && *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9') || strchr("/_+-", *p)))
            rc = db_set_error(err, DB_ERR_INVALID, "%s: %s", _("time zone"),
                              s->timezone);
    if (rc == DB_OK && s->timezone[0] && !zone_known(s->timezone))
        rc = db_set_error(err, DB_ERR_INVALID, _("%s: unknown \"%s\""), _("time zone"),
                          s->timezone);
    if (rc == DB_OK && s->kind != DB_SITE_SOCIAL && s->kind != DB_SITE_COLLEGE)
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("site kind"));
    if (rc == DB_OK && s->holiday_flags != HOLIDAYS_NATIONAL &&
        s->holiday_flags != HOLIDAYS_ALSACE_MOSELLE)
        rc = db_set_error(err, DB_ERR_INVALID, "%s", _("public holidays"));
    return rc;
}

/* ---- add and edit ------------------------------------------------------ */

static const char SQL_SITE_ADD[] =
    "INSERT INTO site (name, kind, address, timezone, holidays)"
    " VALUES (?2, ?3, ?4, ?5, ?6)";

static int add_step(struct db *db, struct db_unit *u, void *ctx,
                    struct db_error *err)
{
    const struct db_site *s = ctx;
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_ADD, err);
    if (!st)
        return err->status;
    bind_site(st, s);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    u->id = db_last_insert_id(db);
    db_unit_detail(u, "%s", s->name);
    return rc;
}

int db_site_add(struct db *db, struct db_site *site, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = check_site(site, err);
    if (rc != DB_OK)
        return rc;
    if (!site->timezone[0])
        snprintf(site->timezone, sizeof site->timezone, "Europe/Paris");
    struct db_unit u = db_unit_create("site");
    rc = db_unit_run(db, &u, add_step, site, err);
    if (rc == DB_OK)
        site->id = u.id;
    else if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("site name"), site->name);
    return rc;
}

static const char SQL_SITE_UPDATE[] =
    "UPDATE site SET name = ?2, kind = ?3, address = ?4, timezone = ?5,"
    " holidays = ?6 WHERE id = ?1";

static int update_step(struct db *db, struct db_unit *u, void *ctx,
                       struct db_error *err)
{
    const struct db_site *s = ctx;
    struct db_site old;
    int rc = db_site_get(db, s->id, &old, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_SITE_UPDATE, err) : NULL;
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, s->id);
    bind_site(st, s);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    db_unit_diff(u, "name", old.name, s->name);
    db_unit_diff(u, "kind", site_kinds[old.kind], site_kinds[s->kind]);
    db_unit_diff(u, "address", old.address, s->address);
    db_unit_diff(u, "time zone", old.timezone, s->timezone);
    db_unit_diff(u, "holidays", holidays_name(old.holiday_flags),
                 holidays_name(s->holiday_flags));
    return rc;
}

int db_site_update(struct db *db, const struct db_site *site, int64_t version,
                   struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(site->id, 0, _("site"), err);
    if (rc == DB_OK)
        rc = check_site(site, err);
    if (rc == DB_OK && !site->timezone[0])
        rc = db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("time zone"),
                          _("required"));
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("site", site->id, version, "edit",
                                    conflict);
    rc = db_unit_run(db, &u, update_step, (void *)site, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("site name"), site->name);
    return rc;
}

/* A site and, for a collège, its school details in one unit (the
 * console's site form). */
struct site_save {
    struct db_site *site;
    const struct db_college *college;
};

static int save_step(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct site_save *x = ctx;
    int rc = x->site->id ? update_step(db, u, x->site, err) : add_step(db, u, x->site, err);
    if (rc == DB_OK && x->college)
        rc = loan_college_upsert(db, u, u->id, x->college, err);
    return rc;
}

int db_site_save(struct db *db, struct db_site *site, struct db_college *college,
                 int64_t version, struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = check_site(site, err);
    if (rc == DB_OK && college && site->kind != DB_SITE_COLLEGE)
        rc = db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("UAI"),
                          _("only a collège has school details"));
    if (rc == DB_OK && college)
        rc = loan_college_check(college, err);
    if (rc != DB_OK)
        return rc;
    if (!site->timezone[0])
        snprintf(site->timezone, sizeof site->timezone, "Europe/Paris");
    struct site_save x = {site, college};
    struct db_unit u = site->id ? db_unit_edit("site", site->id, version, "edit", conflict)
                                : db_unit_create("site");
    rc = db_unit_run(db, &u, save_step, &x, err);
    if (rc == DB_OK)
        site->id = u.id;
    else if (rc == DB_ERR_DUPLICATE && !strstr(err->detail, "UAI"))
        db_set_error(err, rc, "%s: %s", _("site name"), site->name);
    return rc;
}

/* ---- reads ------------------------------------------------------------- */

static const char SQL_SITE_LIST[] =
    "SELECT " SITE_COLUMNS " FROM site ORDER BY name, id";
static const char SQL_SITE_FIND[] =
    "SELECT " SITE_COLUMNS " FROM site WHERE name = ?1";
static const char SQL_SITE_GET[] =
    "SELECT " SITE_COLUMNS " FROM site WHERE id = ?1";

int db_site_list(struct db *db, struct db_site **out, size_t *count,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_LIST, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_site, &arr, count, err);
    *out = arr;
    return rc;
}

int db_site_find(struct db *db, const char *name, struct db_site *out,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_FIND, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_TRANSIENT);
    int rc = db_get_one(db, st, out, sizeof *out, read_site, _("site"), 0, err);
    if (rc == DB_ERR_NO_ROW)
        db_set_error(err, rc, "%s: %s", _("site"), name ? name : "");
    return rc;
}

int db_site_get(struct db *db, int64_t id, struct db_site *out,
                struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    return db_get_one(db, st, out, sizeof *out, read_site, _("site"), id, err);
}

/* ---- public holidays --------------------------------------------------- *
 * site.holidays (migration 3) decides which days close a site: storage reads
 * it itself, so the console, the command line and every desk agree. */

static const char SQL_SITE_HOLIDAYS[] =
    "SELECT holidays, timezone FROM site WHERE id = ?1";

/* The holidays and the zone of a site in one read. */
static int site_calendar(struct db *db, int64_t site_id, unsigned *flags,
                         char zone[DB_SHORT_LEN], struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_HOLIDAYS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        if (flags)
            *flags = holidays_flags((const char *)sqlite3_column_text(st, 0));
        if (zone)
            db_column_text(st, 1, zone, DB_SHORT_LEN);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("site"),
                              (long long)site_id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

int db_site_holiday_flags(struct db *db, int64_t site_id, unsigned *flags,
                          struct db_error *err)
{
    return site_calendar(db, site_id, flags, NULL, err);
}

/* ---- the site's clock -------------------------------------------------- */

void db_zone_now(const char *zone, struct civil_datetime *now)
{
    clock_now_in_zone(zone, now, NULL);
}

int db_site_now(struct db *db, int64_t site_id, struct civil_datetime *now)
{
    char zone[DB_SHORT_LEN] = "";
    struct db_error ignored = {0};
    int rc = site_id ? site_calendar(db, site_id, NULL, zone, &ignored)
                     : DB_ERR_NO_ROW;
    /* An unknown site (a bug or a race with a deletion) still gets a
     * clock: the machine's. */
    clock_now_in_zone(rc == DB_OK ? zone : "", now, NULL);
    return rc;
}

static const char SQL_SITE_ZONES[] = "SELECT id, timezone FROM site";

int db_sites_now(struct db *db, char latest[CIVIL_DATETIME_LEN],
                 char **json, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_ZONES, err);
    if (!st)
        return err->status;
    size_t cap = 256, used = 0;
    char *buf = malloc(cap);
    int rc, result = DB_OK;
    struct civil_datetime now, max;
    clock_now(&max, NULL);
    int first = 1;
    if (buf)
        used = (size_t)snprintf(buf, cap, "{");
    while (buf && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        char zone[DB_SHORT_LEN], text[CIVIL_DATETIME_LEN];
        db_column_text(st, 1, zone, sizeof zone);
        clock_now_in_zone(zone, &now, NULL);
        if (first || civil_datetime_compare(now, max) > 0)
            max = now;
        if (civil_format_datetime(now, text, sizeof text) != 0)
            continue;
        if (used + 64 >= cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        used += (size_t)snprintf(buf + used, cap - used, "%s\"s%lld\":\"%s\"",
                                 first ? "" : ",",
                                 (long long)sqlite3_column_int64(st, 0), text);
        first = 0;
    }
    if (!buf)
        result = db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    else if (rc != SQLITE_DONE)
        result = db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    if (result != DB_OK) {
        free(buf);
        return result;
    }
    snprintf(buf + used, cap - used, "}");
    if (civil_format_datetime(max, latest, CIVIL_DATETIME_LEN) != 0)
        latest[0] = '\0';
    *json = buf;
    return DB_OK;
}
