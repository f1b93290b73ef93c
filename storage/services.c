/* services.c - services (the department's teams: "RSA", "PMI"...), which
 * agents and motifs belong to. */
#include <stdio.h>
#include <string.h>

#include "rows.h"
#include "../common/i18n.h"

static void read_service(sqlite3_stmt *st, void *p)
{
    struct db_service *s = p;
    s->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, s->name, sizeof s->name);
}

static const char SQL_SERVICE_ADD[] = "INSERT INTO service (name) VALUES (?1)";
static const char SQL_SERVICE_LIST[] =
    "SELECT id, name FROM service ORDER BY name, id";
static const char SQL_SERVICE_GET[] =
    "SELECT id, name FROM service WHERE id = ?1";
static const char SQL_SERVICE_UPDATE[] =
    "UPDATE service SET name = ?2 WHERE id = ?1";

static int add_step(struct db *db, struct db_unit *u, void *ctx,
                    struct db_error *err)
{
    const struct db_service *s = ctx;
    sqlite3_stmt *st = db_stmt(db, SQL_SERVICE_ADD, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, s->name, -1, SQLITE_STATIC);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    u->id = db_last_insert_id(db);
    db_unit_detail(u, "%s", s->name);
    return rc;
}

int db_service_add(struct db *db, struct db_service *s, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(s->name, sizeof s->name, TEXT_REQUIRED,
                           _("service name"), err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_create("service");
    rc = db_unit_run(db, &u, add_step, s, err);
    if (rc == DB_OK)
        s->id = u.id;
    else if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("service name"), s->name);
    return rc;
}

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

static int update_step(struct db *db, struct db_unit *u, void *ctx,
                       struct db_error *err)
{
    const struct db_service *s = ctx;
    struct db_service old;
    sqlite3_stmt *st = db_stmt(db, SQL_SERVICE_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, s->id);
    int rc = db_get_one(db, st, &old, sizeof old, read_service, _("service"),
                        s->id, err);
    st = rc == DB_OK ? db_stmt(db, SQL_SERVICE_UPDATE, err) : NULL;
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_text(st, 2, s->name, -1, SQLITE_STATIC);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    db_unit_diff(u, "name", old.name, s->name);
    return rc;
}

int db_service_update(struct db *db, const struct db_service *s,
                      int64_t version, struct db_conflict *conflict,
                      struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(s->id, 0, _("service"), err);
    if (rc == DB_OK)
        rc = db_check_text(s->name, sizeof s->name, TEXT_REQUIRED,
                           _("service name"), err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("service", s->id, version, "edit",
                                    conflict);
    rc = db_unit_run(db, &u, update_step, (void *)s, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("service name"), s->name);
    return rc;
}
