/* privacy_access.c - what the file holds about one person, for their right
 * of access (`guichet person export`): the row as stored, the audit rows
 * about them, the people they are responsible for. Their appointments come
 * from db_person_appts and each appointment's history from db_audit_for. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../common/i18n.h"

static const char SQL_RECORD[] =
    "SELECT id, last_name, first_name, birth_name, IFNULL(birth_date, ''),"
    " phone, email, address, notes, notify_sms, notify_email,"
    " IFNULL(responsible_id, 0), version, created_at,"
    " IFNULL(anonymised_at, ''), sex, IFNULL(person_ref, '')"
    " FROM beneficiary WHERE id = ?1";

static void read_record(sqlite3_stmt *st, void *p)
{
    struct db_person_record *r = p;
    struct db_person *o = &r->person;
    o->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, o->last_name, sizeof o->last_name);
    db_column_text(st, 2, o->first_name, sizeof o->first_name);
    db_column_text(st, 3, o->birth_name, sizeof o->birth_name);
    db_column_text(st, 4, o->birth_date, sizeof o->birth_date);
    db_column_text(st, 5, o->phone, sizeof o->phone);
    db_column_text(st, 6, o->email, sizeof o->email);
    db_column_text(st, 7, o->address, sizeof o->address);
    db_column_text(st, 8, o->notes, sizeof o->notes);
    o->notify_sms = sqlite3_column_int(st, 9);
    o->notify_email = sqlite3_column_int(st, 10);
    o->responsible_id = sqlite3_column_int64(st, 11);
    o->version = sqlite3_column_int64(st, 12);
    db_column_text(st, 13, r->created_at, sizeof r->created_at);
    db_column_text(st, 14, r->anonymised_at, sizeof r->anonymised_at);
    db_column_text(st, 15, r->sex, sizeof r->sex);
    db_column_text(st, 16, r->person_ref, sizeof r->person_ref);
}

int db_person_record_get(struct db *db, int64_t id,
                         struct db_person_record *out, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_RECORD, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    struct db_person_record *rows = NULL;
    size_t n = 0;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof *rows, read_record, &arr, &n, err);
    rows = arr;
    if (rc == DB_OK && n == 0)
        rc = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("person"),
                          (long long)id);
    if (rc == DB_OK)
        *out = rows[0];
    free(rows);
    return rc;
}

static void read_entry(sqlite3_stmt *st, void *p)
{
    struct db_audit_entry *e = p;
    e->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, e->at, sizeof e->at);
    db_column_text(st, 2, e->actor, sizeof e->actor);
    db_column_text(st, 3, e->entity, sizeof e->entity);
    e->entity_id = sqlite3_column_int64(st, 4);
    db_column_text(st, 5, e->action, sizeof e->action);
    db_column_text(st, 6, e->detail, sizeof e->detail);
}

static const char SQL_PERSON_AUDIT[] =
    "SELECT id, at, actor, entity, entity_id, action, detail FROM audit"
    " WHERE entity = 'person' AND entity_id = ?1 ORDER BY id";

int db_person_audit(struct db *db, int64_t id, struct db_audit_entry **out,
                    size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_PERSON_AUDIT, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_entry, &arr, count, err);
    *out = arr;
    return rc;
}

static const char SQL_DEPENDANTS[] =
    "SELECT id FROM beneficiary WHERE responsible_id = ?1 ORDER BY id";

static void read_id(sqlite3_stmt *st, void *p)
{
    *(int64_t *)p = sqlite3_column_int64(st, 0);
}

int db_person_dependants(struct db *db, int64_t id, int64_t **out,
                         size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_DEPENDANTS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_id, &arr, count, err);
    *out = arr;
    return rc;
}
