/* motifs.c - motifs (the users' word for a reason to come: "RSA first
 * interview"), each of a service, with a default duration, a colour and
 * where it happens (on site, phone, home, video). */
#include <stdio.h>
#include <string.h>

#include "rows.h"
#include "../common/i18n.h"

static const char *const locations[] = {"site", "phone", "home", "video"};

static enum db_location location_of(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (name && strcmp(locations[i], name) == 0)
            return (enum db_location)i;
    return DB_LOC_SITE;
}

#define MOTIF_COLUMNS "id, name, service_id, duration_minutes, colour, location"

/* The motif table's one reader... */
static void read_motif(sqlite3_stmt *st, void *p)
{
    struct db_motif *m = p;
    m->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, m->name, sizeof m->name);
    m->service_id = sqlite3_column_int64(st, 2);
    m->duration_minutes = sqlite3_column_int(st, 3);
    db_column_text(st, 4, m->colour, sizeof m->colour);
    m->location = location_of((const char *)sqlite3_column_text(st, 5));
}

/* ...and its one binder: ?2..?6, ?1 being the id of an UPDATE. */
static void bind_motif(sqlite3_stmt *st, const struct db_motif *m)
{
    sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, m->service_id);
    sqlite3_bind_int(st, 4, m->duration_minutes);
    sqlite3_bind_text(st, 5, m->colour, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, locations[m->location], -1, SQLITE_STATIC);
}

/* "#rrggbb" inside a char[size]. */
static int colour_valid(const char *c, size_t size)
{
    if (strnlen(c, size) != 7 || c[0] != '#')
        return 0;
    for (int i = 1; i < 7; i++)
        if (!strchr("0123456789abcdefABCDEF", c[i]))
            return 0;
    return 1;
}

static int check_motif(const struct db_motif *m, struct db_error *err)
{
    int rc = db_check_text(m->name, sizeof m->name, TEXT_REQUIRED,
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
    return rc;
}

/* ---- add and edit ------------------------------------------------------ */

static const char SQL_MOTIF_ADD[] =
    "INSERT INTO motif (name, service_id, duration_minutes, colour, location)"
    " VALUES (?2, ?3, ?4, ?5, ?6)";
static const char SQL_MOTIF_UPDATE[] =
    "UPDATE motif SET name = ?2, service_id = ?3, duration_minutes = ?4,"
    " colour = ?5, location = ?6 WHERE id = ?1";

static int write_step(struct db *db, struct db_unit *u, void *ctx,
                      struct db_error *err)
{
    const struct db_motif *m = ctx;
    struct db_motif old;
    int creating = !u->versioned;
    int rc = db_require(db, "service", m->service_id, err);
    if (rc == DB_OK && !creating)
        rc = db_motif_get(db, m->id, &old, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, creating ? SQL_MOTIF_ADD
                                                          : SQL_MOTIF_UPDATE,
                                             err)
                                   : NULL;
    if (!st)
        return err->status;
    if (!creating)
        sqlite3_bind_int64(st, 1, m->id);
    bind_motif(st, m);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (creating) {
        u->id = db_last_insert_id(db);
        db_unit_detail(u, "%s", m->name);
        return rc;
    }
    char o[24], n[24];
    db_unit_diff(u, "name", old.name, m->name);
    snprintf(o, sizeof o, "%lld", (long long)old.service_id);
    snprintf(n, sizeof n, "%lld", (long long)m->service_id);
    db_unit_diff(u, "service", o, n);
    snprintf(o, sizeof o, "%d", old.duration_minutes);
    snprintf(n, sizeof n, "%d", m->duration_minutes);
    db_unit_diff(u, "duration", o, n);
    db_unit_diff(u, "colour", old.colour, m->colour);
    db_unit_diff(u, "location", locations[old.location],
                 locations[m->location]);
    return rc;
}

/* An empty colour means grey "#808080" (written back into `m`). */
int db_motif_add(struct db *db, struct db_motif *m, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    if (strnlen(m->colour, sizeof m->colour) == 0)
        snprintf(m->colour, sizeof m->colour, "#808080");
    int rc = check_motif(m, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_create("motif");
    rc = db_unit_run(db, &u, write_step, m, err);
    if (rc == DB_OK)
        m->id = u.id;
    else if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("motif name"), m->name);
    return rc;
}

int db_motif_update(struct db *db, const struct db_motif *m, int64_t version,
                    struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(m->id, 0, _("motif"), err);
    if (rc == DB_OK)
        rc = check_motif(m, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("motif", m->id, version, "edit", conflict);
    rc = db_unit_run(db, &u, write_step, (void *)m, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("motif name"), m->name);
    return rc;
}

/* ---- reads ------------------------------------------------------------- */

static const char SQL_MOTIF_LIST[] =
    "SELECT " MOTIF_COLUMNS " FROM motif ORDER BY service_id, name, id";
static const char SQL_MOTIF_GET[] =
    "SELECT " MOTIF_COLUMNS " FROM motif WHERE id = ?1";

int db_motif_list(struct db *db, struct db_motif **out, size_t *count,
                  struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_MOTIF_LIST, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_motif, &arr, count, err);
    *out = arr;
    return rc;
}

int db_motif_get(struct db *db, int64_t id, struct db_motif *out,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_MOTIF_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    return db_get_one(db, st, out, sizeof *out, read_motif, _("motif"), id,
                      err);
}
