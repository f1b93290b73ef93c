/* risk_history.c - what the no-show model reads and keeps: every
 * appointment as model/risk.h sees it, the fitted models (the latest is the
 * one in use). The scores of coming appointments are in risk_scores.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "risk_internal.h"
#include "../common/i18n.h"

static const char SQL_HISTORY[] =
    "SELECT " RISK_APPT_COLUMNS
    " FROM appointment a LEFT JOIN beneficiary b ON b.id = a.beneficiary_id";

/* "YYYY-MM-DD HH:MM" as stored (the schema checks the form). */
static int fast_datetime(const unsigned char *s, struct civil_datetime *out)
{
    if (!s || strlen((const char *)s) < 16)
        return -1;
    int v[5], pos[5] = {0, 5, 8, 11, 14}, len[5] = {4, 2, 2, 2, 2};
    for (int k = 0; k < 5; k++) {
        v[k] = 0;
        for (int i = 0; i < len[k]; i++) {
            unsigned char c = s[pos[k] + i];
            if (c < '0' || c > '9')
                return -1;
            v[k] = v[k] * 10 + (c - '0');
        }
    }
    *out = (struct civil_datetime){{v[0], v[1], v[2]}, v[3] * 60 + v[4]};
    return 0;
}

int risk_appt_read(sqlite3_stmt *st, int col, struct risk_appt *r, int *unknown)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, col);
    r->person_id = sqlite3_column_int64(st, col + 1);
    r->site_id = sqlite3_column_int64(st, col + 2);
    r->motif_id = sqlite3_column_int64(st, col + 3);
    r->agent_id = sqlite3_column_int64(st, col + 4);
    if (fast_datetime(sqlite3_column_text(st, col + 5), &r->starts) != 0)
        return -1;
    if (sqlite3_column_int(st, col + 7))
        fast_datetime(sqlite3_column_text(st, col + 6), &r->booked);
    r->reminder_sent = sqlite3_column_int(st, col + 8);
    const char *status = (const char *)sqlite3_column_text(st, col + 9);
    enum appt_status s = APPT_UNKNOWN;
    appt_status_parse(status ? status : "", &s);
    r->outcome = s == APPT_SEEN ? RISK_OUTCOME_SEEN
                 : s == APPT_NOSHOW ? RISK_OUTCOME_NOSHOW : RISK_OUTCOME_NONE;
    const char *sex = (const char *)sqlite3_column_text(st, col + 10);
    r->sex = sex && sex[0] == 'F' ? RISK_SEX_F : sex && sex[0] == 'M' ? RISK_SEX_M
                                                                      : RISK_SEX_UNKNOWN;
    const char *birth = (const char *)sqlite3_column_text(st, col + 11);
    if (birth && birth[0] && civil_parse_date(birth, &r->birth) != 0)
        r->birth = (struct civil_date){0};
    if (unknown)
        *unknown = s == APPT_UNKNOWN;
    return 0;
}

int risk_history_load(struct db *db, struct risk_appt **out, unsigned char **open,
                      size_t *count, struct db_error *err)
{
    *out = NULL;
    *count = 0;
    if (open)
        *open = NULL;
    sqlite3_stmt *st = db_stmt(db, SQL_HISTORY, err);
    if (!st)
        return err->status;
    size_t cap = 4096, n = 0;
    struct risk_appt *a = malloc(cap * sizeof *a);
    unsigned char *o = malloc(cap);
    int rc = a && o ? SQLITE_ROW : SQLITE_NOMEM;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap *= 2;
            struct risk_appt *b = realloc(a, cap * sizeof *a);
            unsigned char *p = b ? realloc(o, cap) : NULL;
            if (b)
                a = b;
            if (p)
                o = p;
            if (!b || !p) {
                rc = SQLITE_NOMEM;
                break;
            }
        }
        int unknown = 0;
        if (risk_appt_read(st, 0, &a[n], &unknown) != 0)
            continue; /* cannot happen: the schema checks it */
        o[n] = (unsigned char)unknown;
        n++;
    }
    int result = rc == SQLITE_DONE ? DB_OK
                 : rc == SQLITE_NOMEM ? db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"))
                                      : db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    if (result != DB_OK) {
        free(a);
        free(o);
        return result;
    }
    *out = a;
    *count = n;
    if (open)
        *open = o;
    else
        free(o);
    return DB_OK;
}

int db_risk_history(struct db *db, struct risk_appt **out, size_t *count,
                    struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    return risk_history_load(db, out, NULL, count, err);
}

/* ---- models ------------------------------------------------------------ */

static const char SQL_MODEL_ADD[] =
    "INSERT INTO risk_model (fitted_at, data_from, data_until, n_train, n_noshow,"
    " is_default, extended, intercept) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_COEF_ADD[] =
    "INSERT INTO risk_coefficient (model_id, feature, beta, ref) VALUES (?1, ?2, ?3, ?4)";

struct save {
    const struct risk_model *m;
    struct db_risk_fit_info *info;
};

static int save_step(struct db *db, struct db_unit *u, void *ctx, struct db_error *err)
{
    struct save *s = ctx;
    sqlite3_stmt *st = db_stmt(db, SQL_MODEL_ADD, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, s->info->fitted_at, -1, SQLITE_STATIC);
    db_bind_text(st, 2, s->info->data_from, 1);
    db_bind_text(st, 3, s->info->data_until, 1);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)s->m->n_train);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)s->m->n_noshow);
    sqlite3_bind_int(st, 6, s->m->is_default != 0);
    sqlite3_bind_int(st, 7, s->m->extended != 0);
    sqlite3_bind_double(st, 8, s->m->intercept);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    u->id = sqlite3_last_insert_rowid(db->conn);
    for (int f = 0; rc == DB_OK && f < RISK_FEATURES; f++) {
        if (s->m->beta[f] == 0.0 && s->m->ref[f] == 0.0)
            continue;
        if (!(st = db_stmt(db, SQL_COEF_ADD, err)))
            return err->status;
        sqlite3_bind_int64(st, 1, u->id);
        sqlite3_bind_text(st, 2, risk_feature_name((enum risk_feature)f), -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 3, s->m->beta[f]);
        sqlite3_bind_double(st, 4, s->m->ref[f]);
        rc = db_step_done(db, st, err);
        db_stmt_done(db, st);
    }
    db_unit_detail(u, "%zu rows, %zu no-shows%s", s->m->n_train, s->m->n_noshow,
             s->m->is_default ? ", defaults" : "");
    return rc;
}

int db_risk_model_save(struct db *db, const struct risk_model *m,
                       struct db_risk_fit_info *info, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    db_now_text(info->fitted_at);
    struct save s = {m, info};
    struct db_unit u = db_unit_create("risk_model");
    u.action = "fit";
    int rc = db_unit_run(db, &u, save_step, &s, err);
    if (rc == DB_OK)
        info->id = u.id;
    return rc;
}

static const char SQL_MODEL_LATEST[] =
    "SELECT id, fitted_at, IFNULL(data_from, ''), IFNULL(data_until, ''), n_train,"
    " n_noshow, is_default, extended, intercept FROM risk_model ORDER BY id DESC LIMIT 1";
static const char SQL_COEFS[] =
    "SELECT feature, beta, ref FROM risk_coefficient WHERE model_id = ?1";

int db_risk_model_load(struct db *db, struct risk_model *m,
                       struct db_risk_fit_info *info, int *found,
                       struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    risk_model_default(m);
    memset(info, 0, sizeof *info);
    *found = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_MODEL_LATEST, err);
    if (!st)
        return err->status;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        int result = rc == SQLITE_DONE ? DB_OK : db_sqlite_error(db, rc, err, NULL);
        db_stmt_done(db, st);
        return result;
    }
    struct risk_model stored = {0};
    info->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, info->fitted_at, sizeof info->fitted_at);
    db_column_text(st, 2, info->data_from, sizeof info->data_from);
    db_column_text(st, 3, info->data_until, sizeof info->data_until);
    stored.n_train = (size_t)sqlite3_column_int64(st, 4);
    stored.n_noshow = (size_t)sqlite3_column_int64(st, 5);
    stored.is_default = sqlite3_column_int(st, 6);
    stored.extended = sqlite3_column_int(st, 7);
    stored.intercept = sqlite3_column_double(st, 8);
    db_stmt_done(db, st);
    if (!(st = db_stmt(db, SQL_COEFS, err)))
        return err->status;
    sqlite3_bind_int64(st, 1, info->id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        enum risk_feature f;
        /* a feature this version does not know is left out */
        if (risk_feature_parse((const char *)sqlite3_column_text(st, 0), &f) == 0) {
            stored.beta[f] = sqlite3_column_double(st, 1);
            stored.ref[f] = sqlite3_column_double(st, 2);
        }
    }
    int result = rc == SQLITE_DONE ? DB_OK : db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    if (result == DB_OK && isfinite(stored.intercept)) {
        *m = stored;
        *found = 1;
    }
    return result;
}
