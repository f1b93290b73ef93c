/* risk_history.c - what the no-show model reads and keeps: every
 * appointment as model/risk.h sees it, the fitted models (the latest is the
 * one in use), and the scores of coming appointments with their reasons.
 *
 * Scores are computed, not stored: features of an appointment depend on
 * every outcome recorded before it, so they are rebuilt from the history
 * (one query, one sweep) whenever asked. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "risk_internal.h"
#include "../common/i18n.h"

static const char SQL_HISTORY[] =
    "SELECT a.id, IFNULL(a.beneficiary_id, 0), a.site_id, a.motif_id, a.agent_id,"
    " a.starts_at, a.created_at, a.booking_known, a.reminder_sent, a.status,"
    " IFNULL(b.sex, ''), IFNULL(b.birth_date, '')"
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
        struct risk_appt *r = &a[n];
        memset(r, 0, sizeof *r);
        r->id = sqlite3_column_int64(st, 0);
        r->person_id = sqlite3_column_int64(st, 1);
        r->site_id = sqlite3_column_int64(st, 2);
        r->motif_id = sqlite3_column_int64(st, 3);
        r->agent_id = sqlite3_column_int64(st, 4);
        if (fast_datetime(sqlite3_column_text(st, 5), &r->starts) != 0)
            continue; /* cannot happen: the schema checks it */
        if (sqlite3_column_int(st, 7))
            fast_datetime(sqlite3_column_text(st, 6), &r->booked);
        r->reminder_sent = sqlite3_column_int(st, 8);
        const char *status = (const char *)sqlite3_column_text(st, 9);
        enum appt_status s = APPT_UNKNOWN;
        appt_status_parse(status ? status : "", &s);
        r->outcome = s == APPT_SEEN ? RISK_OUTCOME_SEEN
                     : s == APPT_NOSHOW ? RISK_OUTCOME_NOSHOW : RISK_OUTCOME_NONE;
        const char *sex = (const char *)sqlite3_column_text(st, 10);
        r->sex = sex && sex[0] == 'F' ? RISK_SEX_F : sex && sex[0] == 'M' ? RISK_SEX_M
                                                                          : RISK_SEX_UNKNOWN;
        const char *birth = (const char *)sqlite3_column_text(st, 11);
        if (birth && birth[0] && civil_parse_date(birth, &r->birth) != 0)
            r->birth = (struct civil_date){0};
        o[n] = s == APPT_UNKNOWN;
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

/* ---- scores of coming appointments ------------------------------------ */

static const char SQL_ITEM[] =
    "SELECT a.starts_at, s.name, IFNULL(b.last_name, ''), IFNULL(b.first_name, ''),"
    " IFNULL(b.phone, ''), m.name, f.called_at IS NOT NULL, f.confirmed_at IS NOT NULL,"
    " IFNULL(f.note, ''), f.no_answer_at IS NOT NULL"
    " FROM appointment a JOIN site s ON s.id = a.site_id JOIN motif m ON m.id = a.motif_id"
    " LEFT JOIN beneficiary b ON b.id = a.beneficiary_id"
    " LEFT JOIN appointment_followup f ON f.appointment_id = a.id WHERE a.id = ?1";

static int by_risk(const void *x, const void *y)
{
    const struct db_risk_item *a = x, *b = y;
    if (a->risk != b->risk)
        return a->risk > b->risk ? -1 : 1;
    int c = strcmp(a->starts_at, b->starts_at);
    if (c)
        return c;
    return a->appointment_id < b->appointment_id ? -1 : a->appointment_id > b->appointment_id;
}

int db_risk_scores(struct db *db, const char *from, const char *to,
                   int64_t site_id, double min_risk,
                   struct db_risk_item **out, size_t *count,
                   struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    struct civil_datetime lo, hi;
    if (civil_parse_datetime(from, &lo) != 0 || civil_parse_datetime(to, &hi) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("a date and time is expected"));
    int64_t lo_m = civil_datetime_to_minutes(lo), hi_m = civil_datetime_to_minutes(hi);
    struct risk_model model;
    struct db_risk_fit_info info;
    int found;
    int rc = db_risk_model_load(db, &model, &info, &found, err);
    struct risk_appt *hist = NULL;
    unsigned char *open = NULL;
    size_t n = 0;
    if (rc == DB_OK)
        rc = risk_history_load(db, &hist, &open, &n, err);
    if (rc != DB_OK)
        return rc;
    struct risk_row *rows = malloc((n ? n : 1) * sizeof *rows);
    struct db_risk_item *items = NULL;
    size_t k = 0;
    if (!rows || risk_features_build(hist, n, rows) != 0) {
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
        goto out;
    }
    size_t cap = 64;
    items = malloc(cap * sizeof *items);
    for (size_t i = 0; items && i < n; i++) {
        if (!open[i] || rows[i].starts < lo_m || rows[i].starts >= hi_m ||
            (site_id && hist[i].site_id != site_id))
            continue;
        double p = risk_score(&model, &rows[i]);
        if (p < min_risk)
            continue;
        if (k == cap) {
            struct db_risk_item *more = realloc(items, 2 * cap * sizeof *items);
            if (!more) {
                free(items);
                items = NULL;
                break;
            }
            items = more;
            cap *= 2;
        }
        struct db_risk_item *it = &items[k++];
        memset(it, 0, sizeof *it);
        it->appointment_id = hist[i].id;
        it->site_id = hist[i].site_id;
        it->risk = p;
        risk_reasons_text(&model, &rows[i], 3, it->reasons, sizeof it->reasons);
    }
    if (!items) {
        rc = db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
        goto out;
    }
    for (size_t i = 0; i < k && rc == DB_OK; i++) {
        sqlite3_stmt *st = db_stmt(db, SQL_ITEM, err);
        if (!st) {
            rc = err->status;
            break;
        }
        struct db_risk_item *it = &items[i];
        sqlite3_bind_int64(st, 1, it->appointment_id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            char last[DB_NAME_LEN], first[DB_NAME_LEN];
            db_column_text(st, 0, it->starts_at, sizeof it->starts_at);
            db_column_text(st, 1, it->site_name, sizeof it->site_name);
            db_column_text(st, 2, last, sizeof last);
            db_column_text(st, 3, first, sizeof first);
            snprintf(it->person, sizeof it->person, "%s%s%s", last, first[0] ? " " : "", first);
            db_column_text(st, 4, it->phone, sizeof it->phone);
            db_column_text(st, 5, it->motif_name, sizeof it->motif_name);
            it->called = sqlite3_column_int(st, 6);
            it->confirmed = sqlite3_column_int(st, 7);
            db_column_text(st, 8, it->note, sizeof it->note);
            it->no_answer = sqlite3_column_int(st, 9);
        }
        db_stmt_done(db, st);
    }
    if (rc == DB_OK) {
        qsort(items, k, sizeof *items, by_risk);
        *out = items;
        *count = k;
        items = NULL;
    }
out:
    free(items);
    free(rows);
    free(hist);
    free(open);
    return rc;
}
