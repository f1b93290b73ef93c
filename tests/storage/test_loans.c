/* test_loans.c - room loans on real files: collèges, rooms, associations,
 * school holidays imported from the export format, requests skipping
 * closures, approvals that never let two approved loans of a room overlap
 * (in the unit, in the schema, and between two processes approving clashing
 * requests at the same moment), cancelled and moved dates surviving series
 * edits, nothing deleted, an audit row for each change. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "storage/db_internal.h"

#define D(y, m, d) ((struct civil_date){(y), (m), (d)})

/* Zone A, 2025-2026, as the national export writes it. */
static const char EXPORT[] =
    "\xEF\xBB\xBF"
    "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\r\n"
    "Vacances de la Toussaint;-;2025-10-18T00:00:00+02:00;2025-11-03T00:00:00+01:00;"
    "Lyon;Zone A;2025-2026\r\n"
    "Vacances de Noël;-;2025-12-20T00:00:00+01:00;2026-01-05T00:00:00+01:00;"
    "Lyon;Zone A;2025-2026\r\n"
    "Vacances d'Hiver;Élèves;2026-02-07T00:00:00+01:00;2026-02-23T00:00:00+01:00;"
    "Lyon;Zone A;2025-2026\r\n"
    "Vacances d'Hiver;Enseignants;2026-02-06T00:00:00+01:00;2026-02-23T00:00:00+01:00;"
    "Lyon;Zone A;2025-2026\r\n"
    "Vacances de Printemps;-;2026-04-04T00:00:00+02:00;2026-04-20T00:00:00+02:00;"
    "Lyon;Zone A;2025-2026\r\n"
    "Vacances d'Été;-;2026-07-04T00:00:00+02:00;;Lyon;Zone A;2025-2026\r\n"
    "Vacances d'Hiver;-;2026-02-21T00:00:00+01:00;2026-03-09T00:00:00+01:00;"
    "Paris;Zone C;2025-2026\r\n";

struct fx {
    char dir[64];
    char path[128];
    struct db *db;
    struct db_college college;
    struct db_room gym, hall;
    struct db_association judo, chorale;
};

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

struct rows {
    struct school_holiday r[32];
    size_t n;
};

static int collect(void *ctx, const struct school_holiday *h)
{
    struct rows *rows = ctx;
    rows->r[rows->n++] = *h;
    return 0;
}

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/guichet-loans-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/test.db", fx->dir);
    struct db_open_options o = {.create = 1};
    if (db_open(fx->path, &o, &fx->db, NULL) != DB_OK)
        return -1;
    db_set_actor(fx->db, "accueil1");
    struct db_college c = {.name = "Collège Jean Moulin", .academie = "Lyon", .uai = "0691234a"};
    if (db_college_add(fx->db, &c, NULL) != DB_OK)
        return -1;
    fx->college = c;
    struct db_room g = {.site_id = c.site_id, .name = "Gymnase", .kind = "gymnase",
                        .capacity = 60};
    struct db_room h = {.site_id = c.site_id, .name = "Salle polyvalente", .capacity = 30};
    if (db_room_add(fx->db, &g, NULL) != DB_OK || db_room_add(fx->db, &h, NULL) != DB_OK)
        return -1;
    fx->gym = g;
    fx->hall = h;
    struct db_association j = {.name = "Judo Club", .rna = "W691234567",
                               .insurance_until = "2026-08-31"};
    struct db_association ch = {.name = "Chorale"};
    if (db_association_add(fx->db, &j, NULL) != DB_OK ||
        db_association_add(fx->db, &ch, NULL) != DB_OK)
        return -1;
    fx->judo = j;
    fx->chorale = ch;
    struct rows rows = {0};
    if (school_calendar_parse(EXPORT, sizeof EXPORT - 1, collect, &rows, NULL) != 0)
        return -1;
    size_t added;
    if (db_school_holidays_import(fx->db, rows.r, rows.n, &added, NULL) != DB_OK ||
        added != rows.n)
        return -1;
    *state = fx;
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *fx = *state;
    assert_true(sqlite3_get_autocommit(fx->db->conn));
    db_close(fx->db);
    nftw(fx->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return 0;
}

static long long raw_int(struct fx *fx, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(fx->db->conn, sql, -1, &st, NULL), SQLITE_OK);
    long long v = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static struct db_loan_request tuesdays(struct fx *fx, struct db_room *room,
                                       struct db_association *a)
{
    struct db_loan_request r = {room->id, a->id,
                                {LOAN_DAY(CIVIL_TUESDAY), 1, 18 * 60, 20 * 60,
                                 {2025, 9, 1}, {0, 0, 0}},
                                "entraînement", 25};
    (void)fx;
    return r;
}

static int has_skip(const struct db_loan_preview *p, struct civil_date d, const char *reason)
{
    for (size_t i = 0; i < p->n_skipped; i++)
        if (civil_date_compare(p->skipped[i].date, d) == 0)
            return strcmp(p->skipped[i].reason, reason) == 0;
    return 0;
}

static void test_places_and_borrowers(void **state)
{
    struct fx *fx = *state;
    assert_string_equal(fx->college.school_zone, "Zone A");
    assert_string_equal(fx->college.uai, "0691234A");
    struct db_college found;
    assert_int_equal(db_college_find(fx->db, "Collège Jean Moulin", &found, NULL), DB_OK);
    assert_string_equal(found.academie, "Lyon");
    struct db_error err;
    struct db_college bad = {.name = "Collège X", .academie = "Atlantis"};
    assert_int_equal(db_college_add(fx->db, &bad, &err), DB_ERR_INVALID);
    struct db_college bad_uai = {.name = "Collège Y", .academie = "Lyon", .uai = "12345"};
    assert_int_equal(db_college_add(fx->db, &bad_uai, &err), DB_ERR_INVALID);
    struct db_college same_uai = {.name = "Collège Z", .academie = "Lyon", .uai = "0691234A"};
    assert_int_equal(db_college_add(fx->db, &same_uai, &err), DB_ERR_DUPLICATE);
    struct db_room dup = {.site_id = fx->college.site_id, .name = "Gymnase", .capacity = 10};
    assert_int_equal(db_room_add(fx->db, &dup, &err), DB_ERR_DUPLICATE);
    struct db_room zero = {.site_id = fx->college.site_id, .name = "Cour", .capacity = 0};
    assert_int_equal(db_room_add(fx->db, &zero, &err), DB_ERR_INVALID);
    struct db_room ctl = {.site_id = fx->college.site_id, .name = "Salle\x1b[2J", .capacity = 5};
    assert_int_equal(db_room_add(fx->db, &ctl, &err), DB_ERR_INVALID);
    struct db_association rna = {.name = "Foot", .rna = "691234567"};
    assert_int_equal(db_association_add(fx->db, &rna, &err), DB_ERR_INVALID);
    struct db_association siret = {.name = "Foot", .siret = "1234"};
    assert_int_equal(db_association_add(fx->db, &siret, &err), DB_ERR_INVALID);
    struct db_association date = {.name = "Foot", .insurance_until = "31/02/2026"};
    assert_int_equal(db_association_add(fx->db, &date, &err), DB_ERR_INVALID);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM association"), 2);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM site"), 1);
    assert_int_equal(db_room_equipment_set(fx->db, fx->gym.id, "tapis", 20, NULL), DB_OK);
    assert_int_equal(db_room_equipment_set(fx->db, fx->gym.id, "tapis", 24, NULL), DB_OK);
    assert_int_equal(raw_int(fx, "SELECT quantity FROM room_equipment"), 24);
    struct db_room r;
    assert_int_equal(db_room_find(fx->db, "Collège Jean Moulin/Gymnase", &r, NULL), DB_OK);
    assert_int_equal(r.id, fx->gym.id);
    assert_int_equal(db_room_find(fx->db, "Piscine", &r, &err), DB_ERR_NO_ROW);
    /* One audit row per write, signed. */
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit WHERE entity = 'room'"
                                 " AND actor = 'accueil1'"), 4);
    /* Nothing can be deleted, not even by another program. */
    assert_int_not_equal(sqlite3_exec(fx->db->conn, "DELETE FROM association", NULL, NULL,
                                      NULL), SQLITE_OK);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM association"), 2);
}

static void test_request_skips_closures(void **state)
{
    struct fx *fx = *state;
    struct db_loan_request r = tuesdays(fx, &fx->gym, &fx->judo);
    struct db_loan_preview p;
    int64_t id;
    assert_int_equal(db_loan_request_add(fx->db, &r, &id, &p, NULL), DB_OK);
    /* Default end: the day before the summer holidays. */
    assert_int_equal(civil_date_compare(p.pattern.last, D(2026, 7, 3)), 0);
    assert_true(has_skip(&p, D(2025, 10, 21), "Vacances de la Toussaint"));
    assert_true(has_skip(&p, D(2025, 11, 11), "Armistice Day"));
    assert_true(has_skip(&p, D(2025, 12, 23), "Vacances de Noël"));
    assert_true(has_skip(&p, D(2026, 2, 10), "Vacances d'Hiver"));
    assert_true(has_skip(&p, D(2026, 4, 7), "Vacances de Printemps"));
    /* Zone C's winter and the teachers' dates do not apply here. */
    for (size_t i = 0; i < p.n_skipped; i++)
        assert_int_not_equal(civil_date_compare(p.skipped[i].date, D(2026, 3, 3)), 0);
    /* 44 Tuesdays from 2 Sept 2025 to 30 June 2026; 2+2+2+2 holiday weeks
     * + Armistice = 9 skipped. */
    assert_int_equal(p.n_dates + p.n_skipped, 44);
    assert_int_equal(p.n_skipped, 9);
    assert_int_equal(p.n_clashes, 0);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_occurrence WHERE state = 'requested'"),
                     35);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_exception WHERE kind = 'closure'"), 9);
    db_loan_preview_free(&p);
    /* Over capacity, unknown room, bad pattern: refused, nothing written. */
    struct db_error err;
    r.attendance = 61;
    assert_int_equal(db_loan_request_add(fx->db, &r, &id, NULL, &err), DB_ERR_INVALID);
    assert_non_null(strstr(err.detail, "60"));
    r.attendance = 10;
    r.room_id = 999;
    assert_int_equal(db_loan_request_add(fx->db, &r, &id, NULL, &err), DB_ERR_NO_ROW);
    r.room_id = fx->gym.id;
    r.pattern.end_minute = r.pattern.start_minute;
    assert_int_equal(db_loan_request_add(fx->db, &r, &id, NULL, &err), DB_ERR_INVALID);
    /* Only closed dates: refused. */
    struct db_loan_request xmas = {fx->hall.id, fx->chorale.id,
                                   {LOAN_DAY(CIVIL_MONDAY), 1, 600, 660, {2025, 12, 22},
                                    {2025, 12, 29}}, "", 0};
    assert_int_equal(db_loan_request_add(fx->db, &xmas, &id, NULL, &err), DB_ERR_INVALID);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_request"), 1);
}

static void test_no_overlap_rule(void **state)
{
    struct fx *fx = *state;
    struct db_loan_request a = tuesdays(fx, &fx->gym, &fx->judo);
    int64_t ida, idb;
    assert_int_equal(db_loan_request_add(fx->db, &a, &ida, NULL, NULL), DB_OK);
    struct db_loan_outcome out;
    assert_int_equal(db_loan_decide(fx->db, ida, NULL, DB_DECIDE_APPROVE, NULL, &out, NULL),
                     DB_OK);
    assert_int_equal(out.changed, 35);
    assert_false(out.insurance_warning); /* insured until 31 August 2026 */
    /* A second request at 19:00-21:00 lists its clashes before saving. */
    struct db_loan_request b = tuesdays(fx, &fx->gym, &fx->chorale);
    b.pattern.start_minute = 19 * 60;
    b.pattern.end_minute = 21 * 60;
    struct db_loan_preview p;
    assert_int_equal(db_loan_preview(fx->db, &b, &p, NULL), DB_OK);
    assert_int_equal(p.n_clashes, 35);
    assert_int_equal(p.clashes[0].other_request, ida);
    db_loan_preview_free(&p);
    assert_int_equal(db_loan_request_add(fx->db, &b, &idb, NULL, NULL), DB_OK);
    struct db_error err;
    assert_int_equal(db_loan_decide(fx->db, idb, NULL, DB_DECIDE_APPROVE, NULL, &out, &err),
                     DB_ERR_OVERLAP);
    assert_int_equal(out.clash.other_request, ida);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_occurrence WHERE state = 'approved'"),
                     35);
    /* The schema refuses it too, whatever program writes. */
    int rc = sqlite3_exec(fx->db->conn,
                          "UPDATE loan_occurrence SET state = 'approved' WHERE id ="
                          " (SELECT MAX(id) FROM loan_occurrence)", NULL, NULL, NULL);
    assert_int_equal(rc & 0xff, SQLITE_CONSTRAINT);
    assert_int_not_equal(sqlite3_exec(fx->db->conn, "DELETE FROM loan_occurrence", NULL, NULL,
                                      NULL), SQLITE_OK);
    /* Back to back is not an overlap; another room is free. */
    struct db_loan_request c = tuesdays(fx, &fx->gym, &fx->chorale);
    c.pattern.start_minute = 20 * 60;
    c.pattern.end_minute = 22 * 60;
    int64_t idc;
    assert_int_equal(db_loan_request_add(fx->db, &c, &idc, NULL, NULL), DB_OK);
    assert_int_equal(db_loan_decide(fx->db, idc, NULL, DB_DECIDE_APPROVE, NULL, &out, NULL),
                     DB_OK);
    /* The chorale has no insurance date: approving warns. */
    assert_true(out.insurance_warning);
    /* Refusing keeps the reason; refusing again has nothing to refuse. */
    assert_int_equal(db_loan_decide(fx->db, idb, NULL, DB_DECIDE_REFUSE, "créneau pris", &out,
                                    NULL), DB_OK);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_occurrence WHERE state = 'refused'"
                                 " AND reason = 'créneau pris'"), 35);
    assert_int_equal(db_loan_decide(fx->db, idb, NULL, DB_DECIDE_REFUSE, NULL, &out, &err),
                     DB_ERR_INVALID);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit WHERE entity = 'loan_request'"
                                 " AND action IN ('approve', 'refuse')"), 3);
}

/* Batch approval says, for each request, what a single approval says:
 * the insurance warning (the chorale has no date) and a clash. */
static void test_batch_insurance_warning(void **state)
{
    struct fx *fx = *state;
    struct db_loan_request a = tuesdays(fx, &fx->gym, &fx->judo);
    struct db_loan_request b = tuesdays(fx, &fx->hall, &fx->chorale);
    struct db_loan_request c = tuesdays(fx, &fx->gym, &fx->chorale);
    int64_t ids[3];
    assert_int_equal(db_loan_request_add(fx->db, &a, &ids[0], NULL, NULL), DB_OK);
    assert_int_equal(db_loan_request_add(fx->db, &b, &ids[1], NULL, NULL), DB_OK);
    assert_int_equal(db_loan_request_add(fx->db, &c, &ids[2], NULL, NULL), DB_OK);
    int results[3];
    struct db_loan_outcome outs[3];
    struct db_error err;
    assert_int_equal(db_loan_approve_many(fx->db, ids, 3, results, outs, &err),
                     DB_ERR_OVERLAP);
    assert_int_equal(results[0], DB_OK);
    assert_false(outs[0].insurance_warning); /* insured until 31 August 2026 */
    assert_int_equal(results[1], DB_OK);
    assert_true(outs[1].insurance_warning);
    assert_string_equal(outs[1].insurance_until, "");
    assert_int_equal(results[2], DB_ERR_OVERLAP);
    assert_int_equal(outs[2].clash.other_request, ids[0]);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_occurrence WHERE state = 'approved'"),
                     70);
}

static void test_cancel_move_and_edit(void **state)
{
    struct fx *fx = *state;
    struct db_loan_request a = tuesdays(fx, &fx->gym, &fx->judo);
    int64_t id;
    assert_int_equal(db_loan_request_add(fx->db, &a, &id, NULL, NULL), DB_OK);
    assert_int_equal(db_loan_decide(fx->db, id, NULL, DB_DECIDE_APPROVE, NULL, NULL, NULL), DB_OK);
    /* Cancel one date, move another to the Thursday at 19:00. */
    assert_int_equal(db_loan_decide(fx->db, id, "2025-09-16", DB_DECIDE_CANCEL, "stage", NULL,
                                    NULL), DB_OK);
    assert_int_equal(db_loan_move(fx->db, id, "2025-09-23", "2025-09-25", 19 * 60, 21 * 60, NULL),
                     DB_OK);
    struct db_error err;
    /* Moving onto a closed day is refused. */
    assert_int_equal(db_loan_move(fx->db, id, "2025-09-30", "2025-11-11", 1080, 1200, &err),
                     DB_ERR_INVALID);
    /* Whole series now 17:30-19:30: the moved and cancelled dates stay. */
    struct loan_pattern edited = {LOAN_DAY(CIVIL_TUESDAY), 1, 17 * 60 + 30, 19 * 60 + 30,
                                  {2025, 9, 1}, {2026, 7, 3}};
    assert_int_equal(db_loan_edit(fx->db, id, "2025-09-02", LOAN_SCOPE_ALL, &edited, NULL), DB_OK);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_occurrence WHERE original_day ="
                                 " '2025-09-23' AND starts_at = '2025-09-25 19:00'"
                                 " AND state = 'approved'"), 1);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_occurrence WHERE original_day ="
                                 " '2025-09-16' AND state = 'cancelled'"), 1);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_occurrence WHERE original_day ="
                                 " '2025-09-30' AND starts_at = '2025-09-30 17:30'"), 1);
    /* This and following from 6 January: Thursdays instead. */
    edited.weekdays = LOAN_DAY(CIVIL_THURSDAY);
    edited.start_minute = 18 * 60;
    edited.end_minute = 20 * 60;
    assert_int_equal(db_loan_edit(fx->db, id, "2026-01-06", LOAN_SCOPE_FOLLOWING, &edited, NULL),
                     DB_OK);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_series WHERE request_id = "
                                 "(SELECT MAX(id) FROM loan_request)"), 2);
    /* Old Tuesdays after the split are cancelled, not deleted; Thursdays
     * are requested anew; autumn dates untouched. */
    assert_int_equal(raw_int(fx, "SELECT state = 'cancelled' FROM loan_occurrence"
                                 " WHERE original_day = '2026-01-13'"), 1);
    assert_int_equal(raw_int(fx, "SELECT state = 'requested' FROM loan_occurrence"
                                 " WHERE original_day = '2026-01-08'"), 1);
    assert_int_equal(raw_int(fx, "SELECT state = 'approved' FROM loan_occurrence"
                                 " WHERE original_day = '2025-12-16'"), 1);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_series WHERE last_day ="
                                 " '2026-01-05'"), 1);
    /* Every change is audited; the series' SEQUENCE went up. */
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit WHERE entity = 'loan_request'"
                                 " AND action IN ('cancel', 'move', 'edit')"), 4);
    assert_true(raw_int(fx, "SELECT sequence FROM loan_series WHERE id ="
                            " (SELECT MIN(id) FROM loan_series)") >= 4);
    /* The list shows the cancelled date and, when asked, skipped ones. */
    struct db_loan_filter f = {.room_id = fx->gym.id, .from = "2025-09-01", .to = "2025-11-30",
                               .with_skipped = 1};
    struct db_loan_row *rows;
    size_t n;
    assert_int_equal(db_loan_list(fx->db, &f, &rows, &n, NULL), DB_OK);
    int cancelled = 0, skipped = 0, moved = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].date, "2025-09-16") == 0 && rows[i].state == DB_LOAN_CANCELLED)
            cancelled = 1;
        /* a moved date shows where it is and the date the series gave */
        if (strcmp(rows[i].date, "2025-09-25") == 0 &&
            strcmp(rows[i].original_day, "2025-09-23") == 0)
            moved = 1;
        if (!rows[i].skipped && strcmp(rows[i].date, "2025-09-16") != 0 &&
            strcmp(rows[i].date, "2025-09-25") != 0)
            assert_string_equal(rows[i].original_day, rows[i].date);
        if (rows[i].skipped && strcmp(rows[i].reason, "Armistice Day") == 0)
            skipped = 1;
        if (i)
            assert_true(strcmp(rows[i - 1].date, rows[i].date) <= 0);
    }
    free(rows);
    assert_true(cancelled);
    assert_true(skipped);
    assert_true(moved);
    /* The series holding a date, as the console's change form starts from
     * it: before the split the Tuesdays, after it the Thursdays. */
    struct loan_pattern p;
    assert_int_equal(db_loan_series_at(fx->db, id, "2025-09-23", &p, NULL), DB_OK);
    assert_int_equal(p.weekdays, LOAN_DAY(CIVIL_TUESDAY));
    assert_int_equal(p.start_minute, 17 * 60 + 30);
    assert_int_equal(p.last.year * 10000 + p.last.month * 100 + p.last.day, 20260105);
    assert_int_equal(db_loan_series_at(fx->db, id, "2026-01-08", &p, NULL), DB_OK);
    assert_int_equal(p.weekdays, LOAN_DAY(CIVIL_THURSDAY));
    assert_int_equal(db_loan_series_at(fx->db, id, "2026-08-20", &p, &err), DB_ERR_NO_ROW);
    assert_int_equal(db_loan_series_at(fx->db, id, "2026-02-30", &p, &err), DB_ERR_INVALID);
}

/* A site closure skips every room of the collège; a room blackout only
 * that room; both with their reasons, as exception rows. Lending hours:
 * a series outside them is refused, nothing written; a weekday without
 * hours set takes any time. Bad periods are refused, nothing written. */
static void test_closures_blackouts_hours(void **state)
{
    struct fx *fx = *state;
    struct db_error err;
    int64_t site = fx->college.site_id;
    assert_int_equal(db_site_closure_add(fx->db, site, "2025-09-15", "2025-09-19", "Travaux",
                                         NULL, NULL), DB_OK);
    assert_int_equal(db_room_blackout_add(fx->db, fx->gym.id, "2025-09-30", "2025-09-30",
                                          "Compétition UNSS", NULL, NULL), DB_OK);
    /* refused: end before start, impossible date, escape sequence, unknown
     * room or site */
    assert_int_equal(db_site_closure_add(fx->db, site, "2025-09-19", "2025-09-15", "x", NULL, &err),
                     DB_ERR_INVALID);
    assert_int_equal(db_room_blackout_add(fx->db, fx->gym.id, "2025-02-30", "2025-03-01", "x",
                                          NULL, &err), DB_ERR_INVALID);
    assert_int_equal(db_room_blackout_add(fx->db, fx->gym.id, "2025-10-01", "2025-10-01",
                                          "x\x1b[2J", NULL, &err), DB_ERR_INVALID);
    assert_int_not_equal(db_room_blackout_add(fx->db, 9999, "2025-10-01", "2025-10-01", "x",
                                              NULL, &err), DB_OK);
    assert_int_not_equal(db_site_closure_add(fx->db, 9999, "2025-10-01", "2025-10-01", "x",
                                             NULL, &err), DB_OK);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM site_closure"), 1);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM room_blackout"), 1);

    struct db_loan_request gym = tuesdays(fx, &fx->gym, &fx->judo);
    struct db_loan_request hall = tuesdays(fx, &fx->hall, &fx->chorale);
    struct db_loan_preview p;
    int64_t id;
    assert_int_equal(db_loan_request_add(fx->db, &gym, &id, &p, NULL), DB_OK);
    assert_true(has_skip(&p, D(2025, 9, 16), "Travaux"));
    assert_true(has_skip(&p, D(2025, 9, 30), "Compétition UNSS"));
    assert_int_equal(p.n_skipped, 9 + 2);
    db_loan_preview_free(&p);
    assert_int_equal(db_loan_request_add(fx->db, &hall, &id, &p, NULL), DB_OK);
    assert_true(has_skip(&p, D(2025, 9, 16), "Travaux"));
    assert_false(has_skip(&p, D(2025, 9, 30), "Compétition UNSS"));
    assert_int_equal(p.n_skipped, 9 + 1);
    db_loan_preview_free(&p);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_exception e JOIN loan_series s"
                                 " ON s.id = e.series_id WHERE e.kind = 'closure'"
                                 " AND e.original_day IN ('2025-09-16', '2025-09-30')"), 3);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_occurrence WHERE original_day"
                                 " IN ('2025-09-16', '2025-09-30')"), 1); /* the hall's 30/09 */

    /* Lending hours on Tuesdays 17:00-21:00 (and 8:00-12:00). */
    assert_int_equal(db_college_hours_add(fx->db, site, CIVIL_TUESDAY, 17 * 60, 21 * 60, NULL),
                     DB_OK);
    assert_int_equal(db_college_hours_add(fx->db, site, CIVIL_TUESDAY, 8 * 60, 12 * 60, NULL),
                     DB_OK);
    int requests = raw_int(fx, "SELECT COUNT(*) FROM loan_request");
    int occurrences = raw_int(fx, "SELECT COUNT(*) FROM loan_occurrence");
    struct db_loan_request late = tuesdays(fx, &fx->hall, &fx->judo);
    late.pattern.start_minute = 20 * 60;
    late.pattern.end_minute = 22 * 60;
    assert_int_equal(db_loan_request_add(fx->db, &late, &id, NULL, &err), DB_ERR_INVALID);
    assert_non_null(strstr(err.detail, "outside the hours"));
    struct db_loan_request noon = late;
    noon.pattern.start_minute = 11 * 60; /* across the two ranges' gap */
    noon.pattern.end_minute = 13 * 60;
    assert_int_equal(db_loan_request_add(fx->db, &noon, &id, NULL, &err), DB_ERR_INVALID);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_request"), requests);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_occurrence"), occurrences);
    /* Within a range: accepted. A Thursday has no hours set: any time. */
    struct db_loan_request morning = late;
    morning.pattern.start_minute = 9 * 60;
    morning.pattern.end_minute = 11 * 60;
    assert_int_equal(db_loan_request_add(fx->db, &morning, &id, NULL, NULL), DB_OK);
    struct db_loan_request thursday = late;
    thursday.pattern.weekdays = LOAN_DAY(CIVIL_THURSDAY);
    assert_int_equal(db_loan_request_add(fx->db, &thursday, &id, NULL, NULL), DB_OK);
}

/* Closures, blackouts and lending hours listed and removed, each removal
 * audited with what went; unknown ids and overlapping hours refused with
 * nothing written; a removed closure no longer skips a new request. */
static void test_closures_listed_and_removed(void **state)
{
    struct fx *fx = *state;
    struct db_error err;
    int64_t site = fx->college.site_id, closure = 0, blackout = 0;
    assert_int_equal(db_site_closure_add(fx->db, site, "15/09/2025", "", "Travaux", &closure,
                                         NULL), DB_OK);
    assert_int_equal(db_room_blackout_add(fx->db, fx->gym.id, "2025-09-30", "2025-10-01",
                                          "UNSS", &blackout, NULL), DB_OK);
    assert_true(closure > 0 && blackout > 0);
    struct db_closure *c;
    size_t n;
    assert_int_equal(db_site_closure_list(fx->db, site, &c, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(c[0].id, closure);
    assert_string_equal(c[0].first, "2025-09-15");
    assert_string_equal(c[0].last, "2025-09-15");
    assert_string_equal(c[0].reason, "Travaux");
    assert_string_equal(c[0].site_name, fx->college.name);
    free(c);
    assert_int_equal(db_room_blackout_list(fx->db, 0, fx->gym.id, &c, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(c[0].room_id, fx->gym.id);
    assert_string_equal(c[0].room_name, fx->gym.name);
    assert_string_equal(c[0].last, "2025-10-01");
    free(c);
    assert_int_equal(db_room_blackout_list(fx->db, 0, fx->hall.id, &c, &n, NULL), DB_OK);
    assert_int_equal(n, 0);
    free(c);

    long long audit = raw_int(fx, "SELECT COUNT(*) FROM audit");
    assert_int_equal(db_site_closure_remove(fx->db, closure + blackout + 100, &err),
                     DB_ERR_NO_ROW);
    assert_int_equal(db_room_blackout_remove(fx->db, 0, &err), DB_ERR_INVALID);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit"), audit);
    assert_int_equal(db_site_closure_remove(fx->db, closure, NULL), DB_OK);
    assert_int_equal(db_site_closure_remove(fx->db, closure, &err), DB_ERR_NO_ROW);
    assert_int_equal(db_room_blackout_remove(fx->db, blackout, NULL), DB_OK);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM site_closure"), 0);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM room_blackout"), 0);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit WHERE action = 'closure removed'"
                                 " AND entity = 'site' AND detail LIKE '%2025-09-15%Travaux'"), 1);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit WHERE action = 'blackout removed'"
                                 " AND entity = 'room' AND detail LIKE '%UNSS'"), 1);
    struct db_loan_request gym = tuesdays(fx, &fx->gym, &fx->judo);
    struct db_loan_preview p;
    int64_t id;
    assert_int_equal(db_loan_request_add(fx->db, &gym, &id, &p, NULL), DB_OK);
    assert_false(has_skip(&p, D(2025, 9, 16), "Travaux"));
    assert_false(has_skip(&p, D(2025, 9, 30), "UNSS"));
    db_loan_preview_free(&p);

    /* Hours: an overlapping range and a site that is no collège refused. */
    assert_int_equal(db_college_hours_add(fx->db, site, CIVIL_TUESDAY, 17 * 60, 21 * 60, NULL),
                     DB_OK);
    assert_int_equal(db_college_hours_add(fx->db, site, CIVIL_TUESDAY, 20 * 60, 1440, NULL),
                     DB_ERR_REFUSED);
    assert_int_equal(db_college_hours_add(fx->db, site, CIVIL_TUESDAY, 16 * 60, 17 * 60, NULL),
                     DB_OK); /* touching is not overlapping */
    assert_int_equal(db_college_hours_add(fx->db, site, CIVIL_TUESDAY, 20 * 60, 22 * 60, &err),
                     DB_ERR_REFUSED);
    assert_non_null(strstr(err.detail, "17:00-21:00"));
    assert_int_equal(db_college_hours_add(fx->db, 9999, CIVIL_TUESDAY, 8 * 60, 9 * 60, &err),
                     DB_ERR_NO_ROW);
    assert_int_equal(db_college_hours_add(fx->db, site, 8, 8 * 60, 9 * 60, &err),
                     DB_ERR_INVALID);
    assert_int_equal(db_college_hours_add(fx->db, site, CIVIL_MONDAY, 9 * 60, 8 * 60, &err),
                     DB_ERR_INVALID);
    struct db_lending_hours *h;
    assert_int_equal(db_college_hours_list(fx->db, site, &h, &n, NULL), DB_OK);
    assert_int_equal(n, 2);
    assert_int_equal(h[0].start_minute, 16 * 60);
    assert_int_equal(h[1].end_minute, 21 * 60);
    assert_int_equal(h[1].weekday, CIVIL_TUESDAY);
    free(h);
    audit = raw_int(fx, "SELECT COUNT(*) FROM audit");
    assert_int_equal(db_college_hours_remove(fx->db, site, CIVIL_TUESDAY, 18 * 60, 21 * 60,
                                             &err), DB_ERR_NO_ROW);
    assert_int_equal(db_college_hours_remove(fx->db, site, CIVIL_TUESDAY, 17 * 60, 20 * 60,
                                             &err), DB_ERR_NO_ROW);
    assert_non_null(strstr(err.detail, "17:00-20:00"));
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit"), audit);
    assert_int_equal(db_college_hours_remove(fx->db, site, CIVIL_TUESDAY, 17 * 60, 21 * 60,
                                             NULL), DB_OK);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM college_hours"), 1);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit WHERE action = 'hours removed'"
                                 " AND detail = 'lending hours day 2 17:00-21:00'"), 1);
}

/* The console's forms: a collège's site and school details in one unit (a
 * bad UAI, a UAI taken or school details on a social office change
 * nothing); a room with exactly its equipment, version checked; a closure's
 * dates changed; a lending-hours range moved in one unit. */
static void test_places_edited(void **state)
{
    struct fx *fx = *state;
    struct db_error err;
    struct db_site site;
    assert_int_equal(db_site_get(fx->db, fx->college.site_id, &site, NULL), DB_OK);
    int64_t version = 0;
    assert_int_equal(db_row_version(fx->db, "site", site.id, &version, NULL), DB_OK);
    long long audit = raw_int(fx, "SELECT COUNT(*) FROM audit");
    struct db_college c = {.academie = "Lyon", .uai = "12AB"};
    snprintf(site.address, sizeof site.address, "1 rue Neuve");
    assert_int_equal(db_site_save(fx->db, &site, &c, version, NULL, &err), DB_ERR_INVALID);
    assert_non_null(strstr(err.detail, "0691234A"));
    struct db_college taken = {.academie = "Lyon", .uai = "0691234A"};
    struct db_site other = {.name = "Collège Neuf", .kind = DB_SITE_COLLEGE};
    assert_int_equal(db_site_save(fx->db, &other, &taken, 0, NULL, &err), DB_ERR_DUPLICATE);
    assert_non_null(strstr(err.detail, "UAI"));
    struct db_site social = {.name = "Accueil Neuf", .kind = DB_SITE_SOCIAL};
    struct db_college some = {.academie = "Lyon"};
    assert_int_equal(db_site_save(fx->db, &social, &some, 0, NULL, &err), DB_ERR_INVALID);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit"), audit);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM site WHERE name IN ('Collège Neuf',"
                                 " 'Accueil Neuf')"), 0);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM site WHERE address = '1 rue Neuve'"), 0);
    struct db_college good = {.academie = "Rennes", .uai = "0351234b"};
    assert_int_equal(db_site_save(fx->db, &site, &good, version, NULL, NULL), DB_OK);
    struct db_college now;
    assert_int_equal(db_college_find(fx->db, site.name, &now, NULL), DB_OK);
    assert_string_equal(now.uai, "0351234B");
    assert_string_equal(now.school_zone, "Zone B");
    assert_string_equal(now.address, "1 rue Neuve");
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit WHERE entity = 'site' AND"
                                 " action = 'edit' AND detail LIKE '%UAI: 0691234A -> 0351234B%'"),
                     1);
    /* a new collège with its details */
    struct db_site fresh = {.name = "Collège Neuf", .kind = DB_SITE_COLLEGE};
    struct db_college details = {.academie = "Corse"};
    assert_int_equal(db_site_save(fx->db, &fresh, &details, 0, NULL, NULL), DB_OK);
    assert_true(fresh.id > 0);
    assert_int_equal(db_college_find(fx->db, "Collège Neuf", &now, NULL), DB_OK);
    assert_string_equal(now.school_zone, "Corse");

    /* a room with its equipment */
    struct db_equipment eq[8];
    size_t n;
    char bad[64];
    assert_int_equal(db_equipment_parse(" tapis = 20, panier de basket=2,,banc", eq, 8, &n,
                                        bad, sizeof bad), 0);
    assert_int_equal(n, 3);
    assert_string_equal(eq[1].name, "panier de basket");
    assert_int_equal(eq[2].quantity, 1);
    assert_int_equal(db_equipment_parse("tapis=beaucoup", eq, 8, &n, bad, sizeof bad), -1);
    assert_string_equal(bad, "tapis=beaucoup");
    assert_int_equal(db_equipment_parse("tapis=2, tapis=3", eq, 8, &n, bad, sizeof bad), -1);
    assert_int_equal(db_equipment_parse("tapis=2", eq, 8, &n, bad, sizeof bad), 0);
    struct db_room gym = fx->gym;
    assert_int_equal(db_row_version(fx->db, "room", gym.id, &version, NULL), DB_OK);
    gym.capacity = 0;
    assert_int_equal(db_room_save(fx->db, &gym, eq, n, version, NULL, &err), DB_ERR_INVALID);
    gym.capacity = 80;
    snprintf(gym.accessibility, sizeof gym.accessibility, "Plain-pied, rampe");
    assert_int_equal(db_room_save(fx->db, &gym, eq, n, version, NULL, NULL), DB_OK);
    struct db_conflict conflict;
    assert_int_equal(db_room_save(fx->db, &gym, eq, n, version, &conflict, &err),
                     DB_ERR_CONFLICT);
    assert_int_equal(raw_int(fx, "SELECT capacity FROM room WHERE id = (SELECT id FROM room"
                                 " WHERE name = 'Gymnase')"), 80);
    struct db_equipment *got;
    size_t ngot;
    assert_int_equal(db_room_equipment_list(fx->db, gym.id, &got, &ngot, NULL), DB_OK);
    assert_int_equal(ngot, 1);
    assert_string_equal(got[0].name, "tapis");
    free(got);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit WHERE entity = 'room' AND"
                                 " action = 'edit' AND detail LIKE '%capacity: %-> 80%'"), 1);
    struct db_room hall2 = {.site_id = fx->college.site_id, .name = "Gymnase", .capacity = 5};
    assert_int_equal(db_room_save(fx->db, &hall2, NULL, 0, 0, NULL, &err), DB_ERR_DUPLICATE);
    struct db_room in_social = {.site_id = 0, .name = "Salle X", .capacity = 5};
    struct db_site office = {.name = "Accueil Sud", .kind = DB_SITE_SOCIAL};
    assert_int_equal(db_site_add(fx->db, &office, NULL), DB_OK);
    in_social.site_id = office.id;
    assert_int_equal(db_room_save(fx->db, &in_social, NULL, 0, 0, NULL, &err), DB_ERR_NO_ROW);

    /* a closure's dates changed, a blackout's reason */
    int64_t closure;
    assert_int_equal(db_site_closure_add(fx->db, site.id, "2025-09-15", "", "Travaux", &closure,
                                         NULL), DB_OK);
    assert_int_equal(db_site_closure_update(fx->db, closure, "2025-09-20", "2025-09-10", "x",
                                            &err), DB_ERR_INVALID);
    assert_int_equal(db_site_closure_update(fx->db, closure + 50, "2025-09-20", "", "x", &err),
                     DB_ERR_NO_ROW);
    assert_int_equal(db_site_closure_update(fx->db, closure, "2025-09-15", "2025-09-17",
                                            "Travaux", NULL), DB_OK);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM site_closure WHERE last_day ="
                                 " '2025-09-17'"), 1);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit WHERE action = 'closure changed'"
                                 " AND detail LIKE '%to: 2025-09-15 -> 2025-09-17%'"), 1);

    /* lending hours moved in one unit */
    assert_int_equal(db_college_hours_add(fx->db, site.id, CIVIL_TUESDAY, 17 * 60, 21 * 60, NULL),
                     DB_OK);
    assert_int_equal(db_college_hours_change(fx->db, site.id, CIVIL_TUESDAY, 17 * 60, 21 * 60,
                                             CIVIL_TUESDAY, 18 * 60, 22 * 60, NULL), DB_OK);
    assert_int_equal(db_college_hours_change(fx->db, site.id, CIVIL_TUESDAY, 17 * 60, 21 * 60,
                                             CIVIL_MONDAY, 18 * 60, 22 * 60, &err),
                     DB_ERR_NO_ROW);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM college_hours WHERE start_minute = 1080"
                                 " AND end_minute = 1320 AND weekday = 2"), 1);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM college_hours"), 1);
}

static void test_free_rooms_and_pending(void **state)
{
    struct fx *fx = *state;
    struct db_loan_request a = tuesdays(fx, &fx->gym, &fx->judo);
    int64_t id;
    assert_int_equal(db_loan_request_add(fx->db, &a, &id, NULL, NULL), DB_OK);
    struct db_loan_pending *pend;
    size_t n;
    assert_int_equal(db_loan_pending_list(fx->db, &pend, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(pend[0].pending_dates, 35);
    assert_string_equal(pend[0].first, "2025-09-02");
    free(pend);
    int results[1];
    assert_int_equal(db_loan_approve_many(fx->db, &id, 1, results, NULL, NULL), DB_OK);
    assert_int_equal(results[0], DB_OK);
    struct db_free_room *free_rooms;
    assert_int_equal(db_room_free(fx->db, CIVIL_TUESDAY, 19 * 60, 21 * 60, "2025-09-01",
                                  "2026-07-03", 0, 0, &free_rooms, &n, NULL), DB_OK);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        if (free_rooms[i].room.id == fx->gym.id) {
            assert_int_equal(free_rooms[i].n_clashes, 35);
            assert_string_equal(free_rooms[i].clashes[0], "2025-09-02");
        } else {
            assert_int_equal(free_rooms[i].n_clashes, 0);
            assert_int_equal(free_rooms[i].n_dates, 35);
        }
    }
    free(free_rooms);
    assert_int_equal(db_room_free(fx->db, CIVIL_THURSDAY, 18 * 60, 20 * 60, "2025-09-01",
                                  "2026-07-03", fx->college.site_id, 40, &free_rooms, &n, NULL),
                     DB_OK);
    assert_int_equal(n, 1); /* only the gym holds 40 */
    assert_int_equal(free_rooms[0].n_clashes, 0);
    free(free_rooms);
}

static void test_import_twice(void **state)
{
    struct fx *fx = *state;
    struct rows rows = {0};
    assert_int_equal(school_calendar_parse(EXPORT, sizeof EXPORT - 1, collect, &rows, NULL), 0);
    size_t added = 99;
    long long audit = raw_int(fx, "SELECT COUNT(*) FROM audit");
    assert_int_equal(db_school_holidays_import(fx->db, rows.r, rows.n, &added, NULL), DB_OK);
    assert_int_equal(added, 0);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM school_holiday"), (long long)rows.n);
    assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM audit"), audit);
}

/* Two processes approve clashing requests at the same moment: each opens
 * the file, says it is ready, and waits for the start signal (the parent
 * closes a pipe); exactly one approval succeeds. */
static void test_two_processes_approve_at_once(void **state)
{
    struct fx *fx = *state;
    int64_t ids[2];
    for (int i = 0; i < 2; i++) {
        struct db_loan_request r = tuesdays(fx, &fx->gym, i ? &fx->chorale : &fx->judo);
        r.pattern.start_minute = 18 * 60 + 30 * i;
        assert_int_equal(db_loan_request_add(fx->db, &r, &ids[i], NULL, NULL), DB_OK);
    }
    for (int round = 0; round < 3; round++) {
        int ready[2], go[2];
        assert_int_equal(pipe(ready), 0);
        assert_int_equal(pipe(go), 0);
        pid_t pids[2];
        for (int i = 0; i < 2; i++) {
            pids[i] = fork();
            assert_true(pids[i] >= 0);
            if (pids[i] == 0) {
                close(ready[0]);
                close(go[1]);
                struct db *db;
                struct db_open_options o = {.busy_timeout_ms = 30000};
                if (db_open(fx->path, &o, &db, NULL) != DB_OK)
                    _exit(3);
                db_set_actor(db, i ? "accueil2" : "accueil3");
                char c = 'r', x;
                if (write(ready[1], &c, 1) != 1 || read(go[0], &x, 1) != 0)
                    _exit(4);
                int rc = db_loan_decide(db, ids[i], NULL, DB_DECIDE_APPROVE, NULL, NULL, NULL);
                db_close(db);
                _exit(rc == DB_OK ? 0 : rc == DB_ERR_OVERLAP ? 1 : 2);
            }
        }
        close(ready[1]);
        close(go[0]);
        char buf[2];
        size_t got = 0;
        while (got < 2) {
            ssize_t r = read(ready[0], buf + got, 2 - got);
            assert_true(r > 0);
            got += (size_t)r;
        }
        close(go[1]); /* both start now */
        close(ready[0]);
        int ok = 0, overlap = 0;
        for (int i = 0; i < 2; i++) {
            int status;
            assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
            assert_true(WIFEXITED(status));
            ok += WEXITSTATUS(status) == 0;
            overlap += WEXITSTATUS(status) == 1;
        }
        assert_int_equal(ok, 1);
        assert_int_equal(overlap, 1);
        assert_int_equal(raw_int(fx, "SELECT COUNT(*) FROM loan_occurrence a JOIN loan_occurrence b"
                                     " ON a.room_id = b.room_id AND a.id < b.id"
                                     " AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
                                     " WHERE a.state = 'approved' AND b.state = 'approved'"), 0);
        /* Set up the next round: cancel what was approved. */
        for (int i = 0; i < 2; i++)
            db_loan_decide(fx->db, ids[i], NULL, DB_DECIDE_CANCEL, "round", NULL, NULL);
        for (int i = 0; i < 2; i++) {
            struct db_loan_request r = tuesdays(fx, &fx->gym, i ? &fx->chorale : &fx->judo);
            r.pattern.start_minute = 18 * 60 + 30 * i;
            assert_int_equal(db_loan_request_add(fx->db, &r, &ids[i], NULL, NULL), DB_OK);
        }
    }
    int ok;
    assert_int_equal(db_integrity_check(fx->db, &ok, NULL, 0, NULL), DB_OK);
    assert_true(ok);
}

int main(void)
{
    setenv("GUICHET_NOW", "2025-08-20 10:00", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_places_and_borrowers, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_request_skips_closures, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_closures_blackouts_hours, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_closures_listed_and_removed, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_places_edited, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_no_overlap_rule, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_batch_insurance_warning, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_cancel_move_and_edit, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_free_rooms_and_pending, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_import_twice, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_two_processes_approve_at_once, fx_setup,
                                        fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
