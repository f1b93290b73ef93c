/* people.c - beneficiaries (the people who come to the desk). Each row
 * keeps a folded search key (model/search.h: lower case, no accents, one
 * space between words) built from last, first and birth names, so that a
 * name search is an indexed prefix query whatever accents or capitals were
 * typed. */
#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "frontdesk_internal.h"
#include "../common/i18n.h"
#include "../model/search.h"

static const char SQL_PERSON_EXISTS[] = "SELECT 1 FROM beneficiary WHERE id = ?1";

/* The texts, the birth date and the responsible person of a person, as
 * both adding and editing check them (frontdesk_internal.h). */
int fd_check_person_fields(struct db_person *p, struct db_error *err)
{
    static const struct {
        size_t offset, size;
        unsigned flags;
        const char *field;
    } texts[] = {
        {offsetof(struct db_person, last_name), DB_NAME_LEN, TEXT_REQUIRED,
         N_("last name")},
        {offsetof(struct db_person, first_name), DB_NAME_LEN, 0,
         N_("first name")},
        {offsetof(struct db_person, birth_name), DB_NAME_LEN, 0,
         N_("birth name")},
        {offsetof(struct db_person, phone), DB_SHORT_LEN, 0, N_("phone")},
        {offsetof(struct db_person, email), DB_NAME_LEN, 0, N_("e-mail")},
        {offsetof(struct db_person, address), DB_NAME_LEN, 0, N_("address")},
        {offsetof(struct db_person, notes), DB_TEXT_LEN, TEXT_MULTILINE,
         N_("notes")},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *s = (const char *)p + texts[i].offset;
        int rc = db_check_text(s, texts[i].size, texts[i].flags,
                               _(texts[i].field), err);
        if (rc != DB_OK)
            return rc;
    }
    int rc = db_check_date(p->birth_date, 1, _("birth date"), NULL, err);
    if (rc == DB_OK)
        rc = db_check_id(p->responsible_id, 1, _("responsible person"), err);
    return rc;
}

static int check_person(struct db_person *p, struct db_error *err)
{
    int rc = fd_check_person_fields(p, err);
    if (rc != DB_OK)
        return rc;
    p->notify_sms = p->notify_sms != 0;
    p->notify_email = p->notify_email != 0;
    return DB_OK;
}

static const char SQL_PERSON_ADD[] =
    "INSERT INTO beneficiary (last_name, first_name, birth_name, birth_date,"
    " phone, email, address, notes, notify_sms, notify_email, responsible_id,"
    " search_key, created_at, version, phone_digits)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14)";

int db_person_add(struct db *db, struct db_person *p, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = check_person(p, err);
    if (rc != DB_OK || (rc = db_write_begin(db, err)) != DB_OK)
        return rc;
    if (p->responsible_id)
        rc = db_require_row(db, SQL_PERSON_EXISTS, p->responsible_id,
                            _("responsible person"), err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, SQL_PERSON_ADD, err) : NULL;
    if (!st) {
        db_write_rollback(db);
        return err->status;
    }
    /* The same keys as an edit (people_search.c), so search finds both. */
    char key[DB_TEXT_LEN], digits[SEARCH_PHONE_LEN];
    char now[CIVIL_DATETIME_LEN];
    fd_person_keys(p, key, digits);
    db_now_text(now);
    sqlite3_bind_text(st, 1, p->last_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->first_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, p->birth_name, -1, SQLITE_STATIC);
    db_bind_text(st, 4, p->birth_date, 1);
    sqlite3_bind_text(st, 5, p->phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, p->email, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, p->address, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, p->notes, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 9, p->notify_sms);
    sqlite3_bind_int(st, 10, p->notify_email);
    db_bind_ref(st, 11, p->responsible_id);
    sqlite3_bind_text(st, 12, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 13, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 14, digits, -1, SQLITE_TRANSIENT);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (rc == DB_OK) {
        p->id = sqlite3_last_insert_rowid(db->conn);
        p->version = 1;
        if (db->bulk)
            db->bulk_rows++; /* one audit row for the bulk */
        else
            rc = db_audit_add(db, "person", p->id, "create", NULL, err);
    }
    if (rc == DB_OK)
        return db_write_commit(db, err);
    db_write_rollback(db);
    return rc;
}

static const char SQL_PERSON_GET[] =
    "SELECT id, last_name, first_name, birth_name, IFNULL(birth_date, ''),"
    " phone, email, address, notes, notify_sms, notify_email,"
    " IFNULL(responsible_id, 0), version FROM beneficiary WHERE id = ?1";

int db_person_get(struct db *db, int64_t id, struct db_person *out,
                  struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_PERSON_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    int result = DB_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->id = sqlite3_column_int64(st, 0);
        db_column_text(st, 1, out->last_name, sizeof out->last_name);
        db_column_text(st, 2, out->first_name, sizeof out->first_name);
        db_column_text(st, 3, out->birth_name, sizeof out->birth_name);
        db_column_text(st, 4, out->birth_date, sizeof out->birth_date);
        db_column_text(st, 5, out->phone, sizeof out->phone);
        db_column_text(st, 6, out->email, sizeof out->email);
        db_column_text(st, 7, out->address, sizeof out->address);
        db_column_text(st, 8, out->notes, sizeof out->notes);
        out->notify_sms = sqlite3_column_int(st, 9);
        out->notify_email = sqlite3_column_int(st, 10);
        out->responsible_id = sqlite3_column_int64(st, 11);
        out->version = sqlite3_column_int64(st, 12);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("person"),
                              (long long)id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}
