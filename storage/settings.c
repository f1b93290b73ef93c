/* settings.c - per-file settings (table `setting`, migration 4): what
 * every desk sharing the file must apply alike, such as how long personal
 * data is kept. A desk's own preferences stay in its configuration file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../common/i18n.h"

static const char SQL_SETTING_GET[] =
    "SELECT value FROM setting WHERE name = ?1";
static const char SQL_SETTING_SET[] =
    "INSERT INTO setting (name, value) VALUES (?1, ?2)"
    " ON CONFLICT (name) DO UPDATE SET value = excluded.value,"
    " version = version + 1";

/* An integer setting; `fallback` when the row is missing. */
static int setting_int(struct db *db, const char *name, int fallback,
                       int *out, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_SETTING_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), result = DB_OK;
    *out = fallback;
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    else if (rc != SQLITE_DONE)
        result = db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    return result;
}

static int setting_set_int(struct db *db, const char *name, int value,
                           struct db_error *err)
{
    char text[16];
    snprintf(text, sizeof text, "%d", value);
    sqlite3_stmt *st = db_stmt(db, SQL_SETTING_SET, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
    int rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    return rc;
}

static int read_retention(struct db *db, struct db_retention *out,
                          struct db_error *err)
{
    int rc = setting_int(db, "retention_months", DB_RETENTION_DEFAULT_MONTHS,
                         &out->months, err);
    if (rc == DB_OK)
        rc = setting_int(db, "loan_retention_months",
                         DB_LOAN_RETENTION_DEFAULT_MONTHS, &out->loan_months,
                         err);
    return rc;
}

int db_retention_get(struct db *db, struct db_retention *out,
                     struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int started = 0;
    int rc = db_read_begin(db, &started, err);
    if (rc == DB_OK)
        rc = read_retention(db, out, err);
    db_read_end(db, started);
    return rc;
}

/* The write unit's step: set both, say what changed. */
static int set_retention_step(struct db *db, struct db_unit *u, void *ctx,
                              struct db_error *err)
{
    const struct db_retention *r = ctx;
    struct db_retention old;
    int rc = read_retention(db, &old, err);
    if (rc == DB_OK)
        rc = setting_set_int(db, "retention_months", r->months, err);
    if (rc == DB_OK)
        rc = setting_set_int(db, "loan_retention_months", r->loan_months, err);
    if (rc == DB_OK) {
        char a[16], b[16];
        snprintf(a, sizeof a, "%d", old.months);
        snprintf(b, sizeof b, "%d", r->months);
        db_unit_diff(u, "months", a, b);
        snprintf(a, sizeof a, "%d", old.loan_months);
        snprintf(b, sizeof b, "%d", r->loan_months);
        db_unit_diff(u, "loan months", a, b);
    }
    return rc;
}

int db_retention_set(struct db *db, const struct db_retention *r,
                     struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    if (!r || r->months < 1 || r->months > DB_RETENTION_MAX_MONTHS ||
        r->loan_months < 1 || r->loan_months > DB_RETENTION_MAX_MONTHS)
        return db_set_error(err, DB_ERR_INVALID, _("retention: between 1 and "
                                                   "%d months"),
                            DB_RETENTION_MAX_MONTHS);
    struct db_unit u = db_unit_plain("setting", 0, "retention");
    return db_unit_run(db, &u, set_retention_step, (void *)r, err);
}

struct civil_date db_retention_limit(struct civil_date today, int months)
{
    struct civil_date d = today;
    int total = today.year * 12 + (today.month - 1) - months;
    d.year = total / 12;
    d.month = total % 12 + 1;
    int last = civil_days_in_month(d.year, d.month);
    if (d.day > last)
        d.day = last;
    return d;
}
