/* school_holidays.c - school holidays from the national export, and what
 * closes a room on a range of dates (model/loan_series.h closures).
 *
 * A site is placed by its académie: the export has one row per académie,
 * and an académie may differ from its zone (Corse, overseas, a local
 * change). Rows that name only a zone apply to the académies of that zone
 * that have no row of their own for the same holiday and school year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loans_internal.h"
#include "../common/i18n.h"

struct import_ctx {
    const struct school_holiday *rows;
    size_t n, added;
};

static const char SQL_HOLIDAY_ADD[] =
    "INSERT OR IGNORE INTO school_holiday (school_year, zone, academie, description,"
    " population, pupils, first_day, resume_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

static int import_write(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct import_ctx *x = ctx;
    x->added = 0;
    for (size_t i = 0; i < x->n; i++) {
        const struct school_holiday *h = &x->rows[i];
        char first[11], resume[11] = "";
        civil_format_date(h->start, first, sizeof first);
        if (h->has_resume)
            civil_format_date(h->resume, resume, sizeof resume);
        sqlite3_stmt *st = db_stmt(db, SQL_HOLIDAY_ADD, err);
        if (!st)
            return err->status;
        sqlite3_bind_text(st, 1, h->school_year, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, h->zone, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, h->academie, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, h->description, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, h->population_text, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 6, school_holiday_for_pupils(h));
        sqlite3_bind_text(st, 7, first, -1, SQLITE_STATIC);
        db_bind_text(st, 8, resume, 1);
        int rc = db_step_done(db, st, err);
        db_stmt_done(db, st);
        if (rc != DB_OK)
            return rc;
        x->added += (size_t)sqlite3_changes(db->conn);
    }
    if (x->added == 0) {
        u->unchanged = 1; /* importing twice changes nothing, not even the log */
        return DB_OK;
    }
    db_unit_detail(u, "%zu rows of %zu", x->added, x->n);
    return DB_OK;
}

int db_school_holidays_import(struct db *db, const struct school_holiday *rows,
                              size_t n, size_t *added, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct import_ctx x = {rows, n, 0};
    struct db_unit u = db_unit_plain("school_holiday", 0, "import");
    int rc = db_unit_run(db, &u, import_write, &x, err);
    if (added)
        *added = rc == DB_OK ? x.added : 0;
    return rc;
}

/* ---- closures of a room --------------------------------------------- */

static const char SQL_ROOM_PLACE[] =
    "SELECT r.site_id, s.holidays, IFNULL(c.academie, ''), IFNULL(c.school_zone, '')"
    " FROM room r JOIN site s ON s.id = r.site_id"
    " LEFT JOIN college c ON c.site_id = r.site_id WHERE r.id = ?1";

/* Pupils' holidays overlapping [from, to]: the académie's rows, plus the
 * zone's rows for a holiday (school year + description) the académie has no
 * row of. The end is the day before classes resume, or 31 August. */
static const char SQL_SCHOOL[] =
    "SELECT h.first_day,"
    " IFNULL(date(h.resume_day, '-1 day'), substr(h.school_year, 6, 4) || '-08-31'),"
    " h.description FROM school_holiday h"
    " WHERE h.pupils = 1 AND h.first_day <= ?4"
    "  AND IFNULL(h.resume_day, substr(h.school_year, 6, 4) || '-09-01') > ?3"
    "  AND ((?1 <> '' AND h.academie = ?1)"
    "   OR (?2 <> '' AND h.zone = ?2 AND NOT EXISTS (SELECT 1 FROM school_holiday a"
    "       WHERE a.academie = ?1 AND ?1 <> '' AND a.school_year = h.school_year"
    "       AND a.description = h.description AND a.pupils = 1)))"
    " ORDER BY h.first_day";
static const char SQL_SITE_CLOSURES[] =
    "SELECT first_day, last_day, reason FROM site_closure"
    " WHERE site_id = ?1 AND first_day <= ?3 AND last_day >= ?2 ORDER BY first_day";
static const char SQL_ROOM_BLACKOUTS[] =
    "SELECT first_day, last_day, reason FROM room_blackout"
    " WHERE room_id = ?1 AND first_day <= ?3 AND last_day >= ?2 ORDER BY first_day";

static void read_period(sqlite3_stmt *st, void *p)
{
    struct loan_period *x = p;
    char text[16];
    db_column_text(st, 0, text, sizeof text);
    civil_parse_date(text, &x->first);
    db_column_text(st, 1, text, sizeof text);
    civil_parse_date(text, &x->last);
    db_column_text(st, 2, x->name, sizeof x->name);
}

void db_closures_free(struct db_closures *c)
{
    if (!c)
        return;
    free(c->school);
    free(c->site);
    free(c->room);
    memset(c, 0, sizeof *c);
}

/* Pupils' holidays and closures of a site (`room` left empty). */
static int site_part(struct db *db, int64_t site_id, const char *academie, const char *zone,
                     const char *from, const char *to, struct db_closures *out,
                     struct db_error *err)
{
    size_t n;
    sqlite3_stmt *st = db_stmt(db, SQL_SCHOOL, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, academie, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, zone, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, to, -1, SQLITE_TRANSIENT);
    int rc = db_collect(db, st, sizeof *out->school, read_period, (void **)&out->school, &n, err);
    out->c.n_school = n;
    if (rc != DB_OK)
        return rc;
    if ((st = db_stmt(db, SQL_SITE_CLOSURES, err)) == NULL)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
    rc = db_collect(db, st, sizeof *out->site, read_period, (void **)&out->site, &n, err);
    out->c.n_site = n;
    return rc;
}

/* Blackouts of a room (replacing any in `out`). */
int loan_room_blackouts(struct db *db, int64_t room_id, const char *from, const char *to,
                        struct db_closures *out, struct db_error *err)
{
    size_t n = 0;
    free(out->room);
    out->room = NULL;
    out->c.n_room = 0;
    out->c.room = NULL;
    sqlite3_stmt *st = db_stmt(db, SQL_ROOM_BLACKOUTS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, room_id);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
    int rc = db_collect(db, st, sizeof *out->room, read_period, (void **)&out->room, &n, err);
    out->c.n_room = n;
    out->c.room = out->room;
    return rc;
}

int loan_room_place(struct db *db, int64_t room_id, int64_t *site_id, unsigned *flags,
                    char academie[96], char zone[96], struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_ROOM_PLACE, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, room_id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        int result = rc == SQLITE_DONE
                         ? db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("room"),
                                        (long long)room_id)
                         : db_sqlite_error(db, rc, err, NULL);
        db_stmt_done(db, st);
        return result;
    }
    *site_id = sqlite3_column_int64(st, 0);
    const char *h = (const char *)sqlite3_column_text(st, 1);
    *flags = h && strcmp(h, "alsace-moselle") == 0 ? 1u : 0u;
    db_column_text(st, 2, academie, 96);
    db_column_text(st, 3, zone, 96);
    db_stmt_done(db, st);
    return DB_OK;
}

int loan_site_closures(struct db *db, int64_t site_id, unsigned flags, const char *academie,
                       const char *zone, const char *from, const char *to,
                       struct db_closures *out, struct db_error *err)
{
    memset(out, 0, sizeof *out);
    out->c.holiday_flags = flags;
    int rc = site_part(db, site_id, academie, zone, from, to, out, err);
    if (rc != DB_OK) {
        db_closures_free(out);
        return rc;
    }
    out->c.school = out->school;
    out->c.site = out->site;
    return DB_OK;
}

int db_room_closures(struct db *db, int64_t room_id, const char *from,
                     const char *to, struct db_closures *out, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    memset(out, 0, sizeof *out);
    int64_t site_id;
    unsigned flags;
    char academie[96], zone[96];
    int rc = loan_room_place(db, room_id, &site_id, &flags, academie, zone, err);
    if (rc == DB_OK)
        rc = loan_site_closures(db, site_id, flags, academie, zone, from, to, out, err);
    if (rc == DB_OK)
        rc = loan_room_blackouts(db, room_id, from, to, out, err);
    if (rc != DB_OK)
        db_closures_free(out);
    return rc;
}
