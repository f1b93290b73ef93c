/* room_save.c - a room and its equipment written together (the console's
 * room form): added or changed with its version checked, the equipment
 * made exactly the list given, in one unit with one audit row; and the
 * equipment as people type it ("tapis=20, panier de basket=2"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loans_internal.h"
#include "../common/i18n.h"

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    size_t k = 0;
    while (s[k] == ' ' || s[k] == '\t')
        k++;
    memmove(s, s + k, n - k + 1);
}

int db_equipment_parse(const char *text, struct db_equipment *out, size_t max, size_t *n,
                       char *bad, size_t bad_size)
{
    *n = 0;
    if (bad_size)
        bad[0] = '\0';
    const char *p = text ? text : "";
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char item[256];
        if (len >= sizeof item) {
            snprintf(bad, bad_size, "%.*s", (int)(len > 40 ? 40 : len), p);
            return -1;
        }
        memcpy(item, p, len);
        item[len] = '\0';
        p += len + (end ? 1 : 0);
        trim(item);
        if (!item[0])
            continue;
        snprintf(bad, bad_size, "%s", item);
        char *eq = strchr(item, '=');
        long qty = 1;
        if (eq) {
            *eq = '\0';
            char *num = eq + 1, *stop;
            trim(num);
            qty = strtol(num, &stop, 10);
            if (!*num || *stop || qty < 0 || qty > 100000)
                return -1;
            trim(item);
        }
        if (!item[0] || strlen(item) >= sizeof out->name || *n == max)
            return -1;
        for (size_t i = 0; i < *n; i++)
            if (strcmp(out[i].name, item) == 0)
                return -1; /* named twice */
        snprintf(out[*n].name, sizeof out[*n].name, "%s", item);
        out[(*n)++].quantity = (int)qty;
    }
    if (bad_size)
        bad[0] = '\0';
    return 0;
}

void db_equipment_format(const struct db_equipment *eq, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        int k = snprintf(buf + used, size - used, "%s%s=%d", i ? ", " : "", eq[i].name,
                         eq[i].quantity);
        if (k < 0 || (size_t)k >= size - used) {
            buf[used] = '\0';
            return;
        }
        used += (size_t)k;
    }
}

static const char SQL_EQUIPMENT_LIST[] =
    "SELECT name, quantity, room_id FROM room_equipment WHERE ?1 = 0 OR room_id = ?1"
    " ORDER BY room_id, name";

static void read_equipment(sqlite3_stmt *st, void *p)
{
    struct db_equipment *e = p;
    db_column_text(st, 0, e->name, sizeof e->name);
    e->quantity = sqlite3_column_int(st, 1);
    e->room_id = sqlite3_column_int64(st, 2);
}

int db_room_equipment_list(struct db *db, int64_t room_id, struct db_equipment **out,
                           size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_EQUIPMENT_LIST, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, room_id);
    return db_collect(db, st, sizeof **out, read_equipment, (void **)out, count, err);
}

/* ---- the unit ------------------------------------------------------------ */

struct room_save {
    struct db_room *room;
    const struct db_equipment *eq;
    size_t n;
};

static const char SQL_ROOM_INSERT[] =
    "INSERT INTO room (site_id, name, kind, capacity, accessibility) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_ROOM_UPDATE[] =
    "UPDATE room SET site_id = ?1, name = ?2, kind = ?3, capacity = ?4, accessibility = ?5"
    " WHERE id = ?6";
static const char SQL_ROOM_GET[] =
    "SELECT " LOAN_ROOM_COLUMNS " FROM room r JOIN site s ON s.id = r.site_id WHERE r.id = ?1";
static const char SQL_EQUIPMENT_CLEAR[] = "DELETE FROM room_equipment WHERE room_id = ?1";
static const char SQL_EQUIPMENT_ADD[] =
    "INSERT INTO room_equipment (room_id, name, quantity) VALUES (?1, ?2, ?3)";
static const char SQL_COLLEGE_OF_SITE[] = "SELECT 1 FROM college WHERE site_id = ?1";

static int write_equipment(struct db *db, struct db_unit *u, const struct room_save *x,
                           struct db_error *err)
{
    struct db_equipment *old = NULL;
    size_t nold = 0;
    int rc = db_room_equipment_list(db, u->id, &old, &nold, err);
    char before[1024], after[1024];
    db_equipment_format(old, nold, before, sizeof before);
    free(old);
    db_equipment_format(x->eq, x->n, after, sizeof after);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_EQUIPMENT_CLEAR, err) : NULL;
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    for (size_t i = 0; rc == DB_OK && i < x->n; i++) {
        if (!(st = db_stmt(db, SQL_EQUIPMENT_ADD, err)))
            return err->status;
        sqlite3_bind_int64(st, 1, u->id);
        sqlite3_bind_text(st, 2, x->eq[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, x->eq[i].quantity);
        rc = db_step_done(db, st, err);
        db_stmt_done(db, st);
    }
    if (rc == DB_OK)
        db_unit_diff(u, "equipment", before, after);
    return rc;
}

static int save_step(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct room_save *x = ctx;
    struct db_room *r = x->room;
    /* Rooms are lent by collèges: their school details give the holidays. */
    int rc = db_require_row(db, SQL_COLLEGE_OF_SITE, r->site_id, _("collège"), err);
    struct db_room old;
    memset(&old, 0, sizeof old);
    if (rc == DB_OK && r->id) {
        sqlite3_stmt *get = db_stmt(db, SQL_ROOM_GET, err);
        if (!get)
            return err->status;
        sqlite3_bind_int64(get, 1, r->id);
        rc = db_get_one(db, get, &old, sizeof old, loan_read_room, _("room"), r->id, err);
    }
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, r->id ? SQL_ROOM_UPDATE : SQL_ROOM_INSERT, err)
                                   : NULL;
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, r->site_id);
    sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r->kind, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, r->capacity);
    sqlite3_bind_text(st, 5, r->accessibility, -1, SQLITE_STATIC);
    if (r->id)
        sqlite3_bind_int64(st, 6, r->id);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_ERR_DUPLICATE)
        return db_set_error(err, rc, _("%s: %s"), _("room name"), r->name);
    if (rc != DB_OK)
        return rc;
    if (!r->id) {
        u->id = db_last_insert_id(db);
        db_unit_detail(u, "room %s site %lld kind %s capacity %d; ", r->name,
                       (long long)r->site_id, r->kind, r->capacity);
    } else {
        char a[24], b[24];
        snprintf(a, sizeof a, "%lld", (long long)old.site_id);
        snprintf(b, sizeof b, "%lld", (long long)r->site_id);
        db_unit_diff(u, "site", a, b);
        db_unit_diff(u, "name", old.name, r->name);
        db_unit_diff(u, "kind", old.kind, r->kind);
        snprintf(a, sizeof a, "%d", old.capacity);
        snprintf(b, sizeof b, "%d", r->capacity);
        db_unit_diff(u, "capacity", a, b);
        db_unit_diff(u, "accessibility", old.accessibility, r->accessibility);
    }
    return write_equipment(db, u, x, err);
}

int db_room_save(struct db *db, struct db_room *r, const struct db_equipment *eq, size_t n,
                 int64_t version, struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(r->name, sizeof r->name, TEXT_REQUIRED, _("room name"), err);
    if (rc == DB_OK)
        rc = db_check_text(r->kind, sizeof r->kind, 0, _("kind"), err);
    if (rc == DB_OK)
        rc = db_check_text(r->accessibility, sizeof r->accessibility, 0, _("accessibility"),
                           err);
    if (rc == DB_OK && (r->capacity < 1 || r->capacity > 100000))
        rc = db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("capacity"),
                          _("expected a number of people from 1 to 100000"));
    for (size_t i = 0; rc == DB_OK && i < n; i++) {
        rc = db_check_text(eq[i].name, sizeof eq[i].name, TEXT_REQUIRED, _("equipment"), err);
        if (rc == DB_OK && (eq[i].quantity < 0 || eq[i].quantity > 100000))
            rc = db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("quantity"), eq[i].name);
    }
    if (rc != DB_OK)
        return rc;
    struct room_save x = {r, eq, n};
    struct db_unit u = r->id ? db_unit_edit("room", r->id, version, "edit", conflict)
                             : db_unit_create("room");
    rc = db_unit_run(db, &u, save_step, &x, err);
    if (rc == DB_OK) {
        r->id = u.id;
        r->version = u.version;
    }
    return rc;
}
