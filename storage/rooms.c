/* rooms.c - the places and borrowers of room loans: collèges (a site plus
 * its UAI, académie and school-holiday zone), rooms with equipment,
 * associations (lending hours, closures and blackouts: closures.c). Each
 * write is one unit with its audit row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loans_internal.h"
#include "../common/i18n.h"

int loan_step(struct db *db, sqlite3_stmt *st, struct db_error *err)
{
    int rc = db_step_done(db, st, err);
    if (rc == DB_ERR_OVERLAP)
        db_set_error(err, DB_ERR_OVERLAP, "%s",
                     _("the room is already lent at that time (schema rule)"));
    return rc;
}

int loan_ref_id(const char *ref, int64_t *id)
{
    if (!ref || !*ref)
        return -1;
    char *end;
    long long v = strtoll(ref, &end, 10);
    if (*end || v <= 0)
        return -1;
    *id = v;
    return 0;
}

int loan_check_date(const char *s, const char *field, char out[11], struct db_error *err)
{
    struct civil_date d;
    if (!s || civil_parse_date(s, &d) != 0)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), field,
                            _("not a valid date"));
    civil_format_date(d, out, 11);
    return DB_OK;
}

/* ---- collèges -------------------------------------------------------- */

static const char SQL_SITE_INSERT[] =
    "INSERT INTO site (name, kind, address, holidays) VALUES (?1, 'college', ?2, ?3)";
static const char SQL_COLLEGE_INSERT[] =
    "INSERT INTO college (site_id, uai, academie, school_zone) VALUES (?1, ?2, ?3, ?4)";

static int uai_valid(const char *u)
{
    if (!u[0])
        return 1;
    if (strlen(u) != 8)
        return 0;
    for (int i = 0; i < 7; i++) {
        char c = u[i];
        int digit = c >= '0' && c <= '9';
        if (!(digit || (i == 2 && c >= 'A' && c <= 'Z')))
            return 0;
    }
    return u[7] >= 'A' && u[7] <= 'Z';
}

static int college_write(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct db_college *c = ctx;
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_INSERT, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, c->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->address, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, c->holiday_flags ? "alsace-moselle" : "national", -1,
                      SQLITE_STATIC);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_ERR_DUPLICATE)
        return db_set_error(err, rc, _("%s: %s"), _("site name"), c->name);
    if (rc != DB_OK)
        return rc;
    c->site_id = sqlite3_last_insert_rowid(db->conn);
    st = db_stmt(db, SQL_COLLEGE_INSERT, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, c->site_id);
    sqlite3_bind_text(st, 2, c->uai, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, c->academie, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, c->school_zone, -1, SQLITE_STATIC);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_ERR_DUPLICATE)
        return db_set_error(err, rc, _("%s: %s"), _("UAI"), c->uai);
    if (rc != DB_OK)
        return rc;
    u->id = c->site_id;
    db_unit_detail(u, "collège %s UAI %s académie %s %s", c->name, c->uai[0] ? c->uai : "-",
                   c->academie, c->school_zone);
    return DB_OK;
}

int loan_college_check(struct db_college *c, struct db_error *err)
{
    int rc = db_check_text(c->address, sizeof c->address, 0, _("address"), err);
    if (rc == DB_OK)
        rc = db_check_text(c->academie, sizeof c->academie, 0, _("académie"), err);
    if (rc == DB_OK)
        rc = db_check_text(c->school_zone, sizeof c->school_zone, 0, _("zone"), err);
    if (rc == DB_OK)
        rc = db_check_text(c->uai, sizeof c->uai, 0, _("UAI"), err);
    if (rc != DB_OK)
        return rc;
    for (char *p = c->uai; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    if (!uai_valid(c->uai))
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("UAI"),
                            _("expected 7 digits and a letter, like 0691234A"));
    const char *zone = NULL;
    if (c->school_zone[0]) {
        zone = school_zone_canonical(c->school_zone);
        if (!zone)
            return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("zone"),
                                _("expected A, B, C, Corse or an overseas académie"));
    } else if (c->academie[0]) {
        zone = school_zone_of_academie(c->academie);
        if (!zone)
            return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("académie"),
                                _("unknown académie: give its zone too"));
    } else {
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("académie"), _("required"));
    }
    snprintf(c->school_zone, sizeof c->school_zone, "%s", zone);
    return DB_OK;
}

int db_college_add(struct db *db, struct db_college *c, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(c->name, sizeof c->name, TEXT_REQUIRED, _("site name"), err);
    if (rc == DB_OK)
        rc = loan_college_check(c, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_create("site");
    return db_unit_run(db, &u, college_write, c, err);
}

static const char SQL_COLLEGE_OF[] =
    "SELECT uai, academie, school_zone FROM college WHERE site_id = ?1";
static const char SQL_COLLEGE_UPSERT[] =
    "INSERT INTO college (site_id, uai, academie, school_zone) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (site_id) DO UPDATE SET uai = excluded.uai, academie = excluded.academie,"
    " school_zone = excluded.school_zone, version = version + 1";

int loan_college_upsert(struct db *db, struct db_unit *u, int64_t site_id,
                        const struct db_college *c, struct db_error *err)
{
    char old[3][64] = {"", "", ""};
    sqlite3_stmt *st = db_stmt(db, SQL_COLLEGE_OF, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    int step = sqlite3_step(st);
    for (int i = 0; step == SQLITE_ROW && i < 3; i++)
        db_column_text(st, i, old[i], sizeof old[i]);
    db_stmt_done(db, st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return db_sqlite_error(db, step, err, NULL);
    if (!(st = db_stmt(db, SQL_COLLEGE_UPSERT, err)))
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    sqlite3_bind_text(st, 2, c->uai, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, c->academie, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, c->school_zone, -1, SQLITE_STATIC);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_ERR_DUPLICATE)
        return db_set_error(err, rc, _("%s: %s"), _("UAI"), c->uai);
    if (rc != DB_OK)
        return rc;
    db_unit_diff(u, "UAI", old[0], c->uai);
    db_unit_diff(u, "académie", old[1], c->academie);
    db_unit_diff(u, "zone", old[2], c->school_zone);
    return DB_OK;
}

static const char SQL_COLLEGE_BY_NAME[] =
    "SELECT s.id, s.name, s.address, c.uai, c.academie, c.school_zone, s.holidays"
    " FROM site s JOIN college c ON c.site_id = s.id WHERE s.name = ?1 OR s.id = ?2";

int db_college_find(struct db *db, const char *ref, struct db_college *out,
                    struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int64_t id = 0;
    loan_ref_id(ref, &id);
    sqlite3_stmt *st = db_stmt(db, SQL_COLLEGE_BY_NAME, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, ref ? ref : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, id);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->site_id = sqlite3_column_int64(st, 0);
        db_column_text(st, 1, out->name, sizeof out->name);
        db_column_text(st, 2, out->address, sizeof out->address);
        db_column_text(st, 3, out->uai, sizeof out->uai);
        db_column_text(st, 4, out->academie, sizeof out->academie);
        db_column_text(st, 5, out->school_zone, sizeof out->school_zone);
        const char *h = (const char *)sqlite3_column_text(st, 6);
        out->holiday_flags = h && strcmp(h, "alsace-moselle") == 0 ? 1u : 0u;
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, _("%s: %s"), _("collège"), ref ? ref : "");
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

/* ---- rooms ------------------------------------------------------------ */

void loan_read_room(sqlite3_stmt *st, void *p)
{
    struct db_room *r = p;
    r->id = sqlite3_column_int64(st, 0);
    r->site_id = sqlite3_column_int64(st, 1);
    db_column_text(st, 2, r->name, sizeof r->name);
    db_column_text(st, 3, r->kind, sizeof r->kind);
    r->capacity = sqlite3_column_int(st, 4);
    db_column_text(st, 5, r->accessibility, sizeof r->accessibility);
    db_column_text(st, 6, r->site_name, sizeof r->site_name);
    r->version = sqlite3_column_int64(st, 7);
}

static const char SQL_ROOM_ADD[] =
    "INSERT INTO room (site_id, name, kind, capacity, accessibility)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_SITE_EXISTS[] = "SELECT 1 FROM site WHERE id = ?1";

static int room_write(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct db_room *r = ctx;
    int rc = db_require_row(db, SQL_SITE_EXISTS, r->site_id, _("site"), err);
    if (rc != DB_OK)
        return rc;
    sqlite3_stmt *st = db_stmt(db, SQL_ROOM_ADD, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, r->site_id);
    sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r->kind, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, r->capacity);
    sqlite3_bind_text(st, 5, r->accessibility, -1, SQLITE_STATIC);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_ERR_DUPLICATE)
        return db_set_error(err, rc, _("%s: %s"), _("room name"), r->name);
    if (rc != DB_OK)
        return rc;
    r->id = sqlite3_last_insert_rowid(db->conn);
    r->version = 1;
    u->id = r->id;
    db_unit_detail(u, "room %s site %lld kind %s capacity %d", r->name, (long long)r->site_id,
                   r->kind, r->capacity);
    return DB_OK;
}

int db_room_add(struct db *db, struct db_room *r, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(r->name, sizeof r->name, TEXT_REQUIRED, _("room name"), err);
    if (rc == DB_OK)
        rc = db_check_text(r->kind, sizeof r->kind, 0, _("kind"), err);
    if (rc == DB_OK)
        rc = db_check_text(r->accessibility, sizeof r->accessibility, 0,
                           _("accessibility"), err);
    if (rc == DB_OK && (r->capacity < 1 || r->capacity > 100000))
        rc = db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("capacity"),
                          _("expected a number of people from 1 to 100000"));
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_create("room");
    return db_unit_run(db, &u, room_write, r, err);
}

static const char SQL_ROOM_BY_ID[] =
    "SELECT " LOAN_ROOM_COLUMNS " FROM room r JOIN site s ON s.id = r.site_id WHERE r.id = ?1";
static const char SQL_ROOM_BY_NAME[] =
    "SELECT " LOAN_ROOM_COLUMNS " FROM room r JOIN site s ON s.id = r.site_id"
    " WHERE r.name = ?1 OR (s.name || '/' || r.name) = ?1 ORDER BY r.id LIMIT 2";

int db_room_find(struct db *db, const char *ref, struct db_room *out,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int64_t id;
    int by_id = loan_ref_id(ref, &id) == 0;
    sqlite3_stmt *st = db_stmt(db, by_id ? SQL_ROOM_BY_ID : SQL_ROOM_BY_NAME, err);
    if (!st)
        return err->status;
    if (by_id)
        sqlite3_bind_int64(st, 1, id);
    else
        sqlite3_bind_text(st, 1, ref ? ref : "", -1, SQLITE_STATIC);
    struct db_room *rows = NULL;
    size_t n = 0;
    int rc = db_collect(db, st, sizeof *rows, loan_read_room, (void **)&rows, &n, err);
    if (rc != DB_OK)
        return rc;
    if (n == 0)
        rc = db_set_error(err, DB_ERR_NO_ROW, _("%s: %s"), _("room"), ref ? ref : "");
    else if (n > 1)
        rc = db_set_error(err, DB_ERR_INVALID, _("%s: %s"), ref,
                          _("several rooms have this name: write site/room or its number"));
    else
        *out = rows[0];
    free(rows);
    return rc;
}

static const char SQL_ROOM_LIST[] =
    "SELECT " LOAN_ROOM_COLUMNS " FROM room r JOIN site s ON s.id = r.site_id"
    " WHERE (?1 = 0 OR r.site_id = ?1) AND r.capacity >= ?2 ORDER BY s.name, r.name";

int db_room_list(struct db *db, int64_t site_id, int min_capacity,
                 struct db_room **out, size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_ROOM_LIST, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    sqlite3_bind_int(st, 2, min_capacity);
    return db_collect(db, st, sizeof **out, loan_read_room, (void **)out, count, err);
}

struct equip_ctx {
    int64_t room_id;
    const char *name;
    int quantity;
};

static const char SQL_EQUIP_SET[] =
    "INSERT INTO room_equipment (room_id, name, quantity) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (room_id, name) DO UPDATE SET quantity = excluded.quantity";
static const char SQL_ROOM_EXISTS[] = "SELECT 1 FROM room WHERE id = ?1";

static int equip_write(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct equip_ctx *e = ctx;
    int rc = db_require_row(db, SQL_ROOM_EXISTS, e->room_id, _("room"), err);
    if (rc != DB_OK)
        return rc;
    sqlite3_stmt *st = db_stmt(db, SQL_EQUIP_SET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, e->room_id);
    sqlite3_bind_text(st, 2, e->name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, e->quantity);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc != DB_OK)
        return rc;
    db_unit_detail(u, "%s x%d", e->name, e->quantity);
    return DB_OK;
}

int db_room_equipment_set(struct db *db, int64_t room_id, const char *name,
                          int quantity, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(name, 64, TEXT_REQUIRED, _("equipment"), err);
    if (rc != DB_OK)
        return rc;
    if (quantity < 0 || quantity > 100000)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("quantity"), name);
    struct equip_ctx e = {room_id, name, quantity};
    struct db_unit u = db_unit_plain("room", room_id, "equipment");
    return db_unit_run(db, &u, equip_write, &e, err);
}

/* ---- associations ---------------------------------------------------- */

#define ASSOCIATION_COLUMNS \
    "id, name, rna, siret, contact, phone, email, IFNULL(insurance_until, ''), version"

static void read_association(sqlite3_stmt *st, void *p)
{
    struct db_association *a = p;
    a->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, a->name, sizeof a->name);
    db_column_text(st, 2, a->rna, sizeof a->rna);
    db_column_text(st, 3, a->siret, sizeof a->siret);
    db_column_text(st, 4, a->contact, sizeof a->contact);
    db_column_text(st, 5, a->phone, sizeof a->phone);
    db_column_text(st, 6, a->email, sizeof a->email);
    db_column_text(st, 7, a->insurance_until, sizeof a->insurance_until);
    a->version = sqlite3_column_int64(st, 8);
}

static const char SQL_ASSOCIATION_ADD[] =
    "INSERT INTO association (name, rna, siret, contact, phone, email, insurance_until)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static int association_write(struct db *db, struct db_unit *u, void *ctx,
                             struct db_error *err)
{
    struct db_association *a = ctx;
    sqlite3_stmt *st = db_stmt(db, SQL_ASSOCIATION_ADD, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, a->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a->rna, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a->siret, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, a->contact, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, a->phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, a->email, -1, SQLITE_STATIC);
    db_bind_text(st, 7, a->insurance_until, 1);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_ERR_DUPLICATE)
        return db_set_error(err, rc, _("%s: %s"), _("association name"), a->name);
    if (rc != DB_OK)
        return rc;
    a->id = sqlite3_last_insert_rowid(db->conn);
    a->version = 1;
    u->id = a->id;
    db_unit_detail(u, "association %s RNA %s SIRET %s insurance until %s", a->name,
                   a->rna[0] ? a->rna : "-", a->siret[0] ? a->siret : "-",
                   a->insurance_until[0] ? a->insurance_until : "-");
    return DB_OK;
}

int db_association_add(struct db *db, struct db_association *a, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_text(a->name, sizeof a->name, TEXT_REQUIRED, _("association name"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->contact, sizeof a->contact, 0, _("contact"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->phone, sizeof a->phone, 0, _("phone"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->email, sizeof a->email, 0, _("e-mail"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->rna, sizeof a->rna, 0, _("RNA number"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->siret, sizeof a->siret, 0, _("SIRET number"), err);
    if (rc != DB_OK)
        return rc;
    if (a->rna[0]) {
        if (a->rna[0] == 'w')
            a->rna[0] = 'W';
        int ok = strlen(a->rna) == 10 && a->rna[0] == 'W';
        for (int i = 2; ok && i < 10; i++)
            ok = a->rna[i] >= '0' && a->rna[i] <= '9';
        ok = ok && ((a->rna[1] >= '0' && a->rna[1] <= '9') ||
                    (a->rna[1] >= 'A' && a->rna[1] <= 'Z'));
        if (!ok)
            return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("RNA number"),
                                _("expected W and 9 characters, like W691234567"));
    }
    if (a->siret[0]) {
        int ok = strlen(a->siret) == 14;
        for (int i = 0; ok && i < 14; i++)
            ok = a->siret[i] >= '0' && a->siret[i] <= '9';
        if (!ok)
            return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("SIRET number"),
                                _("expected 14 digits"));
    }
    if (a->insurance_until[0]) {
        char iso[11];
        rc = loan_check_date(a->insurance_until, _("insurance until"), iso, err);
        if (rc != DB_OK)
            return rc;
        memcpy(a->insurance_until, iso, sizeof iso);
    }
    struct db_unit u = db_unit_create("association");
    return db_unit_run(db, &u, association_write, a, err);
}

static const char SQL_ASSOCIATION_FIND[] =
    "SELECT " ASSOCIATION_COLUMNS " FROM association WHERE name = ?1 OR id = ?2";
static const char SQL_ASSOCIATION_LIST[] =
    "SELECT " ASSOCIATION_COLUMNS " FROM association ORDER BY name";

int db_association_find(struct db *db, const char *ref, struct db_association *out,
                        struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int64_t id = 0;
    loan_ref_id(ref, &id);
    sqlite3_stmt *st = db_stmt(db, SQL_ASSOCIATION_FIND, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, ref ? ref : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, id);
    struct db_association *rows = NULL;
    size_t n = 0;
    int rc = db_collect(db, st, sizeof *rows, read_association, (void **)&rows, &n, err);
    if (rc != DB_OK)
        return rc;
    if (n == 0)
        rc = db_set_error(err, DB_ERR_NO_ROW, _("%s: %s"), _("association"), ref ? ref : "");
    else
        *out = rows[0];
    free(rows);
    return rc;
}

int db_association_list(struct db *db, struct db_association **out, size_t *count,
                        struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_ASSOCIATION_LIST, err);
    if (!st)
        return err->status;
    return db_collect(db, st, sizeof **out, read_association, (void **)out, count, err);
}
