/* import_stage.c - the appointments of an import written in one statement
 * (import.h).
 *
 * Written one INSERT at a time, each appointment ran its triggers with a
 * statement journal of its own (a copy of every page it touched, so that
 * it alone could be undone when its agent was already busy): two thirds of
 * an import's time. The lines are kept in memory instead, and what those
 * single INSERTs decided is decided here the same way, in file order:
 *   - an appointment already there (same person, start and motif), in the
 *     file or earlier in this one, is skipped;
 *   - one that overlaps another of its agent (not cancelled, in the file
 *     or earlier in this one) is stored as overbooked, so the overlap
 *     trigger would never refuse it;
 * then every row goes into appointment with one INSERT ... SELECT in file
 * order, read from memory (import_write.c), with the triggers off: the
 * outcome counts they keep are added here once per group (add_counts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "../common/i18n.h"

static const char SQL_APPT_EXISTS[] =
    "SELECT 1 FROM appointment WHERE beneficiary_id = ?1 AND starts_at = ?2"
    " AND motif_id = ?3";
static const char SQL_LAST_PERSON[] = "SELECT IFNULL(max(id), 0) FROM beneficiary";
/* The agent's appointments that may overlap [?2 + 1 day, ?3): none lasts
 * more than a day (the schema's check). */
static const char SQL_AGENT_BUSY[] =
    "SELECT starts_at, ends_at FROM appointment WHERE agent_id = ?1"
    " AND starts_at > ?2 AND starts_at < ?3 AND status NOT IN ('excused', 'revoked')"
    " ORDER BY starts_at";

int import_stage_begin(struct db *db, struct import_stage *s, struct db_error *err)
{
    memset(s, 0, sizeof *s);
    sqlite3_stmt *st = db_stmt(db, SQL_LAST_PERSON, err);
    if (!st)
        return err->status;
    if (sqlite3_step(st) == SQLITE_ROW)
        s->person_before = sqlite3_column_int64(st, 0);
    db_stmt_done(db, st);
    return DB_OK;
}

void import_stage_free(struct import_stage *s)
{
    free(s->rows);
    memset(s, 0, sizeof *s);
}

int import_stage_add(struct import_stage *s, const struct import_row *r)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 4096;
        struct import_row *more = realloc(s->rows, cap * sizeof *more);
        if (!more)
            return -1;
        s->rows = more;
        s->cap = cap;
    }
    s->rows[s->n] = *r;
    s->rows[s->n].seq = s->n;
    s->n++;
    return 0;
}

static int cancelled(const struct import_row *r)
{
    return r->status == APPT_EXCUSED || r->status == APPT_REVOKED;
}

/* ---- already there ----------------------------------------------------- */

static int by_key(const void *x, const void *y)
{
    const struct import_row *a = *(struct import_row *const *)x, *b = *(struct import_row *const *)y;
    if (a->person != b->person)
        return a->person < b->person ? -1 : 1;
    if (a->motif != b->motif)
        return a->motif < b->motif ? -1 : 1;
    int c = strcmp(a->starts_at, b->starts_at);
    if (c)
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int mark_already(struct db *db, struct import_stage *s, struct import_row **idx,
                        struct db_error *err)
{
    for (size_t i = 0; i < s->n; i++)
        idx[i] = &s->rows[i];
    qsort(idx, s->n, sizeof *idx, by_key);
    for (size_t i = 1; i < s->n; i++)
        if (idx[i - 1]->person == idx[i]->person && idx[i - 1]->motif == idx[i]->motif &&
            strcmp(idx[i - 1]->starts_at, idx[i]->starts_at) == 0)
            idx[i]->skip = 1; /* the same appointment earlier in the file */
    /* only people known before the import can have appointments already */
    for (size_t i = 0; i < s->n; i++) {
        struct import_row *r = &s->rows[i];
        if (r->skip || r->person > s->person_before)
            continue;
        sqlite3_stmt *st = db_stmt(db, SQL_APPT_EXISTS, err);
        if (!st)
            return err->status;
        sqlite3_bind_int64(st, 1, r->person);
        sqlite3_bind_text(st, 2, r->starts_at, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, r->motif);
        int rc = sqlite3_step(st);
        db_stmt_done(db, st);
        if (rc == SQLITE_ROW)
            r->skip = 1;
        else if (rc != SQLITE_DONE)
            return db_sqlite_error(db, rc, err, NULL);
    }
    return DB_OK;
}

/* ---- overlaps ---------------------------------------------------------- */

struct busy {
    char starts_at[CIVIL_DATETIME_LEN], ends_at[CIVIL_DATETIME_LEN];
};

static int by_agent_start(const void *x, const void *y)
{
    const struct import_row *a = *(struct import_row *const *)x, *b = *(struct import_row *const *)y;
    if (a->agent != b->agent)
        return a->agent < b->agent ? -1 : 1;
    int c = strcmp(a->starts_at, b->starts_at);
    if (c)
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void read_busy(sqlite3_stmt *st, void *out)
{
    struct busy *b = out;
    db_column_text(st, 0, b->starts_at, sizeof b->starts_at);
    db_column_text(st, 1, b->ends_at, sizeof b->ends_at);
}

/* "YYYY-MM-DD HH:MM" a day earlier. */
static void day_before(const char *t, char out[CIVIL_DATETIME_LEN])
{
    struct civil_datetime d;
    if (civil_parse_datetime(t, &d) != 0 || civil_date_add_days(d.date, -1, &d.date) != 0 ||
        civil_format_datetime(d, out, CIVIL_DATETIME_LEN) != 0)
        snprintf(out, CIVIL_DATETIME_LEN, "%s", "0000-00-00 00:00");
}

/* Rows g[0..n) of one agent, by start, none skipped or cancelled. */
static int mark_agent(struct db *db, struct import_row **g, size_t n, struct db_error *err)
{
    char from[CIVIL_DATETIME_LEN], until[CIVIL_DATETIME_LEN] = "";
    day_before(g[0]->starts_at, from);
    for (size_t i = 0; i < n; i++)
        if (strcmp(g[i]->ends_at, until) > 0)
            snprintf(until, sizeof until, "%s", g[i]->ends_at);
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_BUSY, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, g[0]->agent);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, until, -1, SQLITE_STATIC);
    struct busy *busy = NULL;
    size_t nbusy = 0, lo = 0;
    int rc = db_collect(db, st, sizeof *busy, read_busy, (void **)&busy, &nbusy, err);
    if (rc != DB_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        struct import_row *r = g[i];
        char bound[CIVIL_DATETIME_LEN];
        day_before(r->starts_at, bound);
        /* what was there before the import */
        while (lo < nbusy && strcmp(busy[lo].starts_at, bound) <= 0)
            lo++;
        for (size_t k = lo; k < nbusy && strcmp(busy[k].starts_at, r->ends_at) < 0; k++)
            if (strcmp(busy[k].ends_at, r->starts_at) > 0)
                r->overbooked = 1;
        /* earlier lines of the file: starting a day before at most */
        for (size_t k = i; !r->overbooked && k-- > 0 && strcmp(g[k]->starts_at, bound) > 0;)
            if (g[k]->seq < r->seq && strcmp(g[k]->ends_at, r->starts_at) > 0)
                r->overbooked = 1;
        for (size_t k = i + 1; !r->overbooked && k < n &&
                               strcmp(g[k]->starts_at, r->ends_at) < 0; k++)
            if (g[k]->seq < r->seq)
                r->overbooked = 1;
    }
    free(busy);
    return DB_OK;
}

static int mark_overlaps(struct db *db, struct import_stage *s, struct import_row **idx,
                         struct db_error *err)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        if (!s->rows[i].skip && !cancelled(&s->rows[i]))
            idx[n++] = &s->rows[i];
    qsort(idx, n, sizeof *idx, by_agent_start);
    int rc = DB_OK;
    for (size_t g = 0; rc == DB_OK && g < n;) {
        size_t end = g;
        while (end < n && idx[end]->agent == idx[g]->agent)
            end++;
        rc = mark_agent(db, idx + g, end - g, err);
        g = end;
    }
    return rc;
}

/* ---- writing ------------------------------------------------------------ */

/* The triggers on appointment, by name (import_triggers_off). Those that
 * fire on INSERT are off for the import's INSERT, their work done here: the
 * overlap check by mark_overlaps above (an overlapping row is stored
 * overbooked, which the trigger lets through), the outcome counts by
 * add_counts below, once per group instead of once per row. */
static const char *const known_triggers[] = {
    "appointment_overlap_insert", "appointment_overlap_update",
    "risk_tally_insert", "risk_tally_delete", "risk_tally_update",
    "appointment_outcome_insert", "appointment_outcome_delete", "appointment_outcome_update",
    "appointment_names_insert", /* its work: the names in SQL_APPT_WRITE */
    "appointment_names_update",
};

static int outcome(const struct import_row *r)
{
    return !r->skip && (r->status == APPT_SEEN || r->status == APPT_NOSHOW);
}

static int by_site_motif_agent(const void *x, const void *y)
{
    const struct import_row *a = *(struct import_row *const *)x, *b = *(struct import_row *const *)y;
    if (a->site != b->site)
        return a->site < b->site ? -1 : 1;
    if (a->motif != b->motif)
        return a->motif < b->motif ? -1 : 1;
    return a->agent < b->agent ? -1 : a->agent > b->agent;
}

static int by_site_day(const void *x, const void *y)
{
    const struct import_row *a = *(struct import_row *const *)x, *b = *(struct import_row *const *)y;
    if (a->site != b->site)
        return a->site < b->site ? -1 : 1;
    return strncmp(a->starts_at, b->starts_at, CIVIL_DATE_LEN - 1);
}

/* What risk_tally_insert and appointment_outcome_insert add, row by row. */
static const char SQL_TALLY_ADD[] =
    "INSERT INTO risk_tally (site_id, motif_id, agent_id, n, noshows)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (site_id, motif_id, agent_id)"
    " DO UPDATE SET n = n + excluded.n, noshows = noshows + excluded.noshows";
static const char SQL_OUTCOME_ADD[] =
    "INSERT INTO appointment_outcome_day (site_id, day, seen, noshow)"
    " VALUES (?1, substr(?2, 1, 10), ?3, ?4) ON CONFLICT (site_id, day)"
    " DO UPDATE SET seen = seen + excluded.seen, noshow = noshow + excluded.noshow";

static int add_counts(struct db *db, struct import_stage *s, struct import_row **idx,
                      struct db_error *err)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        if (outcome(&s->rows[i]))
            idx[n++] = &s->rows[i];
    int rc = DB_OK;
    qsort(idx, n, sizeof *idx, by_site_motif_agent);
    for (size_t g = 0, end; rc == DB_OK && g < n; g = end) {
        int noshows = 0;
        for (end = g; end < n && by_site_motif_agent(&idx[g], &idx[end]) == 0; end++)
            noshows += idx[end]->status == APPT_NOSHOW;
        sqlite3_stmt *st = db_stmt(db, SQL_TALLY_ADD, err);
        if (!st)
            return err->status;
        sqlite3_bind_int64(st, 1, idx[g]->site);
        sqlite3_bind_int64(st, 2, idx[g]->motif);
        sqlite3_bind_int64(st, 3, idx[g]->agent);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)(end - g));
        sqlite3_bind_int(st, 5, noshows);
        rc = db_step_done(db, st, err);
        db_stmt_done(db, st);
    }
    qsort(idx, n, sizeof *idx, by_site_day);
    for (size_t g = 0, end; rc == DB_OK && g < n; g = end) {
        int noshows = 0;
        for (end = g; end < n && by_site_day(&idx[g], &idx[end]) == 0; end++)
            noshows += idx[end]->status == APPT_NOSHOW;
        sqlite3_stmt *st = db_stmt(db, SQL_OUTCOME_ADD, err);
        if (!st)
            return err->status;
        sqlite3_bind_int64(st, 1, idx[g]->site);
        sqlite3_bind_text(st, 2, idx[g]->starts_at, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)(end - g) - noshows);
        sqlite3_bind_int(st, 4, noshows);
        rc = db_step_done(db, st, err);
        db_stmt_done(db, st);
    }
    return rc;
}

/* ---- the rows read by SQL (import_write.c) ---- */

/* Every CHECK of appointment holds for these values by construction, so
 * the INSERT skips them (import_feed.checked): starts_at, ends_at and
 * created_at written by civil_format_datetime from parsed dates (created_at
 * is the booking time or now); ends_at 1 to 1440 minutes after starts_at
 * (duration_min checked in import.c, else the motif's, which the schema
 * keeps in that range); status a name of appt_status; overbooked,
 * booking_known and reminder_sent 0 or 1; created_by the actor (at most 63
 * bytes, db_set_actor); the other columns their defaults.
 * tests/commands/import.sh runs PRAGMA integrity_check, which checks them
 * all, on imported files. */
static const char ROW_COLUMNS[] =
    "CREATE TABLE x(site_id, agent_id, motif_id, beneficiary_id, starts_at, ends_at,"
    " status, overbooked, created_at, booking_known, reminder_sent)";
static const char SQL_APPT_WRITE[] =
    "INSERT INTO main.appointment (site_id, agent_id, motif_id, beneficiary_id,"
    " starts_at, ends_at, status, overbooked, created_at, created_by, version,"
    " booking_known, reminder_sent, person_last, person_first)"
    " SELECT site_id, agent_id, motif_id, beneficiary_id, starts_at, ends_at, status,"
    " overbooked, created_at, ?1, 1, booking_known, reminder_sent,"
    " (SELECT last_name FROM main.beneficiary b WHERE b.id = beneficiary_id),"
    " (SELECT first_name FROM main.beneficiary b WHERE b.id = beneficiary_id)"
    " FROM import_row ORDER BY rowid";

static int row_skipped(const void *rows, size_t i)
{
    return ((const struct import_row *)rows)[i].skip;
}

static void row_column(const void *rows, size_t i, int col, sqlite3_context *out)
{
    const struct import_row *r = &((const struct import_row *)rows)[i];
    switch (col) {
    case 0: sqlite3_result_int64(out, r->site); break;
    case 1: sqlite3_result_int64(out, r->agent); break;
    case 2: sqlite3_result_int64(out, r->motif); break;
    case 3: sqlite3_result_int64(out, r->person); break;
    case 4: sqlite3_result_text(out, r->starts_at, -1, SQLITE_STATIC); break;
    case 5: sqlite3_result_text(out, r->ends_at, -1, SQLITE_STATIC); break;
    case 6: sqlite3_result_text(out, appt_status_name(r->status), -1, SQLITE_STATIC); break;
    case 7: sqlite3_result_int(out, r->overbooked); break;
    case 8: sqlite3_result_text(out, r->created, -1, SQLITE_STATIC); break;
    case 9: sqlite3_result_int(out, r->booking_known); break;
    case 10: sqlite3_result_int(out, r->reminder_sent); break;
    default: sqlite3_result_null(out); break;
    }
}

int import_stage_write(struct db *db, struct import_stage *s, size_t *added, size_t *already,
                       struct import_progress *progress, struct db_error *err)
{
    *added = *already = 0;
    struct import_row **idx = malloc((s->n ? s->n : 1) * sizeof *idx);
    if (!idx)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    import_progress_stage(progress, 400, 440);
    int rc = mark_already(db, s, idx, err);
    import_progress_stage(progress, 440, 480);
    if (rc == DB_OK)
        rc = mark_overlaps(db, s, idx, err);
    import_progress_stage(progress, 480, 900);
    for (size_t i = 0; i < s->n; i++)
        *already += s->rows[i].skip != 0;
    int off = 0;
    if (rc == DB_OK)
        rc = import_triggers_off(db, "appointment", known_triggers,
                                 sizeof known_triggers / sizeof known_triggers[0], &off, err);
    if (rc == DB_OK) {
        struct import_feed feed = {"import_row", ROW_COLUMNS, s->rows, s->n, row_skipped,
                                   row_column, 1, progress};
        rc = import_feed_run(db, &feed, SQL_APPT_WRITE, db->actor, added, err);
    }
    if (off)
        import_triggers_on(db);
    import_progress_stage(progress, 900, 950);
    if (rc == DB_OK && off)
        rc = add_counts(db, s, idx, err);
    free(idx);
    return rc;
}
