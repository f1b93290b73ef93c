/* test_appointments.c - booking and the day list on a real file.
 *
 * Booking fills its fields and writes an audit row; an overlap is refused by
 * db_appt_book and by the schema trigger for raw SQL; cancelled appointments
 * free their slot; overbooking is explicit; invalid input writes nothing;
 * a full disk (PRAGMA max_page_count) fails cleanly with nothing half
 * written; the day list is one indexed range with its bounds and order;
 * bulk mode keeps each insert atomic. */
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
#include <unistd.h>

#include "storage/db_internal.h"

#define NOW "2026-11-25 08:30"

struct fx {
    char dir[64];
    char path[128];
    struct db *db;
    int64_t site, other_site, agent1, agent2, motif, person;
};

static int rm_entry(const char *p, const struct stat *sb, int flag,
                    struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

static void must(int rc, const struct db_error *err, const char *what)
{
    if (rc != DB_OK)
        fail_msg("%s: %d %s", what, rc, err->detail);
}

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    struct db_error err = {0};
    snprintf(fx->dir, sizeof fx->dir, "/tmp/guichet-appt-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/test.db", fx->dir);
    struct db_open_options o = {.create = 1};
    must(db_open(fx->path, &o, &fx->db, &err), &err, "open");
    db_set_actor(fx->db, "mdupont");

    struct db_site s1 = {.name = "MDS Centre"}, s2 = {.name = "MDS Nord"};
    must(db_site_add(fx->db, &s1, &err), &err, "site");
    must(db_site_add(fx->db, &s2, &err), &err, "site");
    struct db_service svc = {.name = "Accueil social"};
    must(db_service_add(fx->db, &svc, &err), &err, "service");
    struct db_agent a1 = {.last_name = "Dupont", .first_name = "Marie",
                          .login = "mdupont", .service_id = svc.id};
    struct db_agent a2 = {.last_name = "Bernard", .first_name = "Luc",
                          .service_id = svc.id};
    must(db_agent_add(fx->db, &a1, &err), &err, "agent");
    must(db_agent_add(fx->db, &a2, &err), &err, "agent");
    struct db_motif m = {.name = "Premier accueil", .service_id = svc.id,
                         .duration_minutes = 30, .colour = "#3366cc"};
    must(db_motif_add(fx->db, &m, &err), &err, "motif");
    struct db_person p = {.last_name = "Lefèvre", .first_name = "Hélène"};
    must(db_person_add(fx->db, &p, &err), &err, "person");
    fx->site = s1.id;
    fx->other_site = s2.id;
    fx->agent1 = a1.id;
    fx->agent2 = a2.id;
    fx->motif = m.id;
    fx->person = p.id;
    *state = fx;
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *fx = *state;
    if (fx->db) /* every test must leave no transaction open */
        assert_true(sqlite3_get_autocommit(fx->db->conn));
    db_close(fx->db);
    nftw(fx->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return 0;
}

static long raw_int(sqlite3 *c, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long v = -1;
    if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(c));
    if (sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static long count_appts(struct fx *fx)
{
    return raw_int(fx->db->conn, "SELECT count(*) FROM appointment");
}

static long count_audit(struct fx *fx)
{
    return raw_int(fx->db->conn, "SELECT count(*) FROM audit");
}

static struct db_appt appt(struct fx *fx, int64_t agent, const char *start,
                           const char *end)
{
    struct db_appt a = {.site_id = fx->site, .agent_id = agent,
                        .motif_id = fx->motif, .person_id = fx->person};
    snprintf(a.starts_at, sizeof a.starts_at, "%s", start);
    snprintf(a.ends_at, sizeof a.ends_at, "%s", end);
    return a;
}

static int64_t book(struct fx *fx, int64_t agent, const char *start,
                    const char *end, int expect)
{
    struct db_appt a = appt(fx, agent, start, end);
    struct db_error err = {0};
    int rc = db_appt_book(fx->db, &a, &err);
    if (rc != expect)
        fail_msg("book %s-%s: %d (%s), expected %d", start, end, rc,
                 err.detail, expect);
    return a.id;
}

/* ---- booking ----------------------------------------------------------- */

static void test_book_fills_fields(void **state)
{
    struct fx *fx = *state;
    /* French forms are accepted and stored in ISO form. */
    struct db_appt a = appt(fx, fx->agent1, "25/11/2026 14h30",
                            "2026-11-25 15:00");
    snprintf(a.context, sizeof a.context, "Dossier RSA\nà compléter");
    struct db_error err = {0};
    assert_int_equal(db_appt_book(fx->db, &a, &err), DB_OK);
    assert_true(a.id > 0);
    assert_int_equal(a.version, 1);
    assert_string_equal(a.starts_at, "2026-11-25 14:30");
    assert_string_equal(a.created_at, NOW);
    assert_string_equal(a.created_by, "mdupont");

    struct db_appt got;
    assert_int_equal(db_appt_get(fx->db, a.id, &got, &err), DB_OK);
    assert_int_equal(got.site_id, fx->site);
    assert_int_equal(got.agent_id, fx->agent1);
    assert_int_equal(got.motif_id, fx->motif);
    assert_int_equal(got.person_id, fx->person);
    assert_string_equal(got.starts_at, "2026-11-25 14:30");
    assert_string_equal(got.ends_at, "2026-11-25 15:00");
    assert_int_equal(got.status, APPT_UNKNOWN);
    assert_int_equal(got.overbooked, 0);
    assert_string_equal(got.context, "Dossier RSA\nà compléter");
    assert_string_equal(got.arrived_at, "");
    assert_string_equal(got.created_at, NOW);
    assert_string_equal(got.created_by, "mdupont");
    assert_int_equal(got.version, 1);

    assert_int_equal(db_appt_get(fx->db, a.id + 100, &got, &err),
                     DB_ERR_NO_ROW);
}

static void test_book_writes_audit(void **state)
{
    struct fx *fx = *state;
    int64_t id = book(fx, fx->agent1, "2026-11-26 09:00", "2026-11-26 09:30",
                      DB_OK);
    struct db_audit_entry *e = NULL;
    size_t n = 0;
    assert_int_equal(db_audit_for(fx->db, "appointment", id, &e, &n, NULL),
                     DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(e[0].entity_id, id);
    assert_string_equal(e[0].entity, "appointment");
    assert_string_equal(e[0].action, "create");
    assert_string_equal(e[0].actor, "mdupont");
    /* An instant in UTC: 08:30 in Paris (TZ, main) is 07:30 UTC. */
    assert_string_equal(e[0].at, "2026-11-25T07:30:00+00:00");
    assert_non_null(strstr(e[0].detail, "2026-11-26 09:00"));
    free(e);
}

static void test_overlap_refused(void **state)
{
    struct fx *fx = *state;
    int64_t first = book(fx, fx->agent1, "2026-11-25 10:00",
                         "2026-11-25 10:30", DB_OK);
    long appts = count_appts(fx), audits = count_audit(fx);

    struct db_appt a = appt(fx, fx->agent1, "2026-11-25 10:15",
                            "2026-11-25 10:45");
    struct db_error err = {0};
    assert_int_equal(db_appt_book(fx->db, &a, &err), DB_ERR_OVERLAP);
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)first);
    assert_non_null(strstr(err.detail, id)); /* says with which one */
    assert_non_null(strstr(err.detail, "10:00"));
    assert_int_equal(a.id, 0);
    /* Enclosing and enclosed intervals overlap too. */
    book(fx, fx->agent1, "2026-11-25 09:00", "2026-11-25 12:00",
         DB_ERR_OVERLAP);
    book(fx, fx->agent1, "2026-11-25 10:10", "2026-11-25 10:20",
         DB_ERR_OVERLAP);
    assert_int_equal(count_appts(fx), appts);
    assert_int_equal(count_audit(fx), audits);

    /* Touching is not overlapping; another agent is free then. */
    book(fx, fx->agent1, "2026-11-25 10:30", "2026-11-25 11:00", DB_OK);
    book(fx, fx->agent1, "2026-11-25 09:30", "2026-11-25 10:00", DB_OK);
    book(fx, fx->agent2, "2026-11-25 10:00", "2026-11-25 10:30", DB_OK);
}

/* Another client writing raw SQL meets the trigger, and storage maps that
 * SQLite error to DB_ERR_OVERLAP. */
static void test_overlap_refused_by_trigger(void **state)
{
    struct fx *fx = *state;
    book(fx, fx->agent1, "2026-11-25 10:00", "2026-11-25 10:30", DB_OK);
    char sql[400];
    snprintf(sql, sizeof sql,
             "INSERT INTO appointment (site_id, agent_id, motif_id, starts_at,"
             " ends_at, created_at) VALUES (%lld, %lld, %lld,"
             " '2026-11-25 10:29', '2026-11-25 10:59', '" NOW "')",
             (long long)fx->site, (long long)fx->agent1, (long long)fx->motif);
    long before = count_appts(fx);
    int rc = sqlite3_exec(fx->db->conn, sql, NULL, NULL, NULL);
    assert_int_equal(rc, SQLITE_CONSTRAINT_TRIGGER);
    assert_int_equal(db_status_from_sqlite(fx->db, rc), DB_ERR_OVERLAP);
    struct db_error err = {0};
    assert_int_equal(db_sqlite_error(fx->db, rc, &err, NULL), DB_ERR_OVERLAP);
    assert_int_equal(count_appts(fx), before);
}

static void test_cancelled_do_not_block(void **state)
{
    struct fx *fx = *state;
    int64_t id = book(fx, fx->agent1, "2026-11-27 14:00", "2026-11-27 14:30",
                      DB_OK);
    char sql[128];
    snprintf(sql, sizeof sql,
             "UPDATE appointment SET status = 'excused' WHERE id = %lld",
             (long long)id);
    assert_int_equal(sqlite3_exec(fx->db->conn, sql, NULL, NULL, NULL),
                     SQLITE_OK);
    int64_t again = book(fx, fx->agent1, "2026-11-27 14:00",
                         "2026-11-27 14:30", DB_OK);
    assert_true(again != id);
    /* A revoked one imported as such does not block either, nor is it
     * blocked itself. */
    struct db_appt r = appt(fx, fx->agent1, "2026-11-27 14:10",
                            "2026-11-27 14:20");
    r.status = APPT_REVOKED;
    assert_int_equal(db_appt_insert(fx->db, &r, NULL), DB_OK);
    book(fx, fx->agent1, "2026-11-27 14:30", "2026-11-27 15:00", DB_OK);
    /* Seen and no-show ones still hold their slot. */
    snprintf(sql, sizeof sql,
             "UPDATE appointment SET status = 'noshow' WHERE id = %lld",
             (long long)again);
    assert_int_equal(sqlite3_exec(fx->db->conn, sql, NULL, NULL, NULL),
                     SQLITE_OK);
    book(fx, fx->agent1, "2026-11-27 14:00", "2026-11-27 14:30",
         DB_ERR_OVERLAP);
}

static void test_overbooked_allowed(void **state)
{
    struct fx *fx = *state;
    book(fx, fx->agent1, "2026-11-28 09:00", "2026-11-28 10:00", DB_OK);
    struct db_appt a = appt(fx, fx->agent1, "2026-11-28 09:30",
                            "2026-11-28 09:45");
    a.overbooked = 7; /* any nonzero means yes */
    assert_int_equal(db_appt_book(fx->db, &a, NULL), DB_OK);
    struct db_appt got;
    assert_int_equal(db_appt_get(fx->db, a.id, &got, NULL), DB_OK);
    assert_int_equal(got.overbooked, 1);
    /* A third, not overbooked, still collides with both. */
    book(fx, fx->agent1, "2026-11-28 09:40", "2026-11-28 09:50",
         DB_ERR_OVERLAP);
}

/* ---- invalid input ----------------------------------------------------- */

enum { F_SITE, F_AGENT, F_MOTIF, F_PERSON, F_START, F_END, F_STATUS,
       F_CONTEXT, F_ARRIVED };

static const struct {
    const char *name;
    int field;
    const char *value;
    int64_t id;
    int expect;
    const char *detail; /* expected in err.detail */
} invalid_cases[] = {
    {"no site", F_SITE, NULL, 0, DB_ERR_INVALID, "site"},
    {"unknown site", F_SITE, NULL, 999, DB_ERR_NO_ROW, "site 999"},
    {"unknown agent", F_AGENT, NULL, 999, DB_ERR_NO_ROW, "agent 999"},
    {"negative motif", F_MOTIF, NULL, -3, DB_ERR_INVALID, "motif"},
    {"unknown motif", F_MOTIF, NULL, 999, DB_ERR_NO_ROW, "motif 999"},
    {"unknown person", F_PERSON, NULL, 999, DB_ERR_NO_ROW, "person 999"},
    {"month 13", F_START, "2026-13-01 10:00", 0, DB_ERR_INVALID, "start"},
    {"29 February 2026", F_START, "2026-02-29 10:00", 0, DB_ERR_INVALID,
     "start"},
    {"empty end", F_END, "", 0, DB_ERR_INVALID, "end"},
    {"end before start", F_END, "2026-11-25 09:00", 0, DB_ERR_INVALID, "end"},
    {"end equals start", F_END, "2026-11-25 10:00", 0, DB_ERR_INVALID, "end"},
    {"longer than a day", F_END, "2026-11-26 10:01", 0, DB_ERR_INVALID, "end"},
    {"booked as seen", F_STATUS, NULL, APPT_SEEN, DB_ERR_INVALID, "status"},
    {"status out of range", F_STATUS, NULL, 42, DB_ERR_INVALID, "status"},
    {"escape in context", F_CONTEXT, "ok\x1b[2Jwiped", 0, DB_ERR_INVALID,
     "context"},
    {"bad UTF-8 in context", F_CONTEXT, "caf\xe9", 0, DB_ERR_INVALID,
     "context"},
    {"arrived at booking", F_ARRIVED, "2026-11-25 09:55", 0, DB_ERR_INVALID,
     "arrival"},
};

static void test_invalid_inputs_write_nothing(void **state)
{
    struct fx *fx = *state;
    long appts = count_appts(fx), audits = count_audit(fx);
    for (size_t i = 0; i < sizeof invalid_cases / sizeof invalid_cases[0];
         i++) {
        struct db_appt a = appt(fx, fx->agent1, "2026-11-25 10:00",
                                "2026-11-25 10:30");
        switch (invalid_cases[i].field) {
        case F_SITE: a.site_id = invalid_cases[i].id; break;
        case F_AGENT: a.agent_id = invalid_cases[i].id; break;
        case F_MOTIF: a.motif_id = invalid_cases[i].id; break;
        case F_PERSON: a.person_id = invalid_cases[i].id; break;
        case F_START:
            snprintf(a.starts_at, sizeof a.starts_at, "%s",
                     invalid_cases[i].value);
            break;
        case F_END:
            snprintf(a.ends_at, sizeof a.ends_at, "%s", invalid_cases[i].value);
            break;
        case F_STATUS: a.status = (enum appt_status)invalid_cases[i].id; break;
        case F_CONTEXT:
            snprintf(a.context, sizeof a.context, "%s", invalid_cases[i].value);
            break;
        case F_ARRIVED:
            snprintf(a.arrived_at, sizeof a.arrived_at, "%s",
                     invalid_cases[i].value);
            break;
        }
        struct db_error err = {0};
        int rc = db_appt_book(fx->db, &a, &err);
        if (rc != invalid_cases[i].expect ||
            !strstr(err.detail, invalid_cases[i].detail))
            fail_msg("%s: %d '%s', expected %d '%s'", invalid_cases[i].name,
                     rc, err.detail, invalid_cases[i].expect,
                     invalid_cases[i].detail);
        assert_int_equal(a.id, 0);
        assert_true(sqlite3_get_autocommit(fx->db->conn));
    }
    assert_int_equal(count_appts(fx), appts);
    assert_int_equal(count_audit(fx), audits);
    /* The same appointment with valid fields goes in. */
    book(fx, fx->agent1, "2026-11-25 10:00", "2026-11-25 10:30", DB_OK);
}

/* ---- disk full --------------------------------------------------------- */

static void test_disk_full_writes_nothing_partial(void **state)
{
    struct fx *fx = *state;
    long pages = raw_int(fx->db->conn, "PRAGMA page_count");
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld", pages + 4);
    assert_int_equal(sqlite3_exec(fx->db->conn, sql, NULL, NULL, NULL),
                     SQLITE_OK);
    long ok = 0;
    int rc = DB_OK;
    struct db_error err = {0};
    for (int i = 0; i < 500 && rc == DB_OK; i++) {
        struct db_appt a = appt(fx, fx->agent1, "", "");
        snprintf(a.starts_at, sizeof a.starts_at, "2027-01-%02d %02d:00",
                 1 + i / 10, 8 + i % 10);
        snprintf(a.ends_at, sizeof a.ends_at, "2027-01-%02d %02d:30",
                 1 + i / 10, 8 + i % 10);
        memset(a.context, 'z', 1000);
        rc = db_appt_book(fx->db, &a, &err);
        if (rc == DB_OK)
            ok++;
    }
    assert_int_equal(rc, DB_ERR_FULL);
    assert_non_null(strstr(err.detail, fx->path));
    assert_true(ok > 0);
    assert_true(sqlite3_get_autocommit(fx->db->conn));
    /* Every appointment that went in has its audit row, and no other. */
    assert_int_equal(raw_int(fx->db->conn, "SELECT count(*) FROM appointment"
                                           " WHERE starts_at >= '2027'"), ok);
    assert_int_equal(raw_int(fx->db->conn, "SELECT count(*) FROM audit"
                                           " WHERE entity = 'appointment'"), ok);
    int good = 0;
    assert_int_equal(db_integrity_check(fx->db, &good, NULL, 0, NULL), DB_OK);
    assert_true(good);
    /* Room again: the same unit of work now succeeds. */
    assert_int_equal(sqlite3_exec(fx->db->conn, "PRAGMA max_page_count = 1000000",
                                  NULL, NULL, NULL), SQLITE_OK);
    book(fx, fx->agent1, "2027-02-01 09:00", "2027-02-01 09:30", DB_OK);
}

/* ---- day list ---------------------------------------------------------- */

static void test_day_list_bounds_and_order(void **state)
{
    struct fx *fx = *state;
    book(fx, fx->agent1, "2026-11-24 23:30", "2026-11-25 00:15", DB_OK);
    int64_t a_midnight = book(fx, fx->agent2, "2026-11-25 00:00",
                              "2026-11-25 00:30", DB_OK);
    int64_t a_11 = book(fx, fx->agent1, "2026-11-25 11:00", "2026-11-25 11:30",
                        DB_OK);
    int64_t a_08 = book(fx, fx->agent1, "2026-11-25 08:00", "2026-11-25 08:30",
                        DB_OK);
    int64_t a_late = book(fx, fx->agent2, "2026-11-25 23:59",
                          "2026-11-26 00:29", DB_OK);
    book(fx, fx->agent1, "2026-11-26 00:00", "2026-11-26 00:30", DB_OK);
    struct db_appt other = appt(fx, fx->agent2, "2026-11-25 14:00",
                                "2026-11-25 14:30");
    other.site_id = fx->other_site;
    assert_int_equal(db_appt_book(fx->db, &other, NULL), DB_OK);
    /* Without a person, names come back empty. */
    struct db_appt anon = appt(fx, fx->agent2, "2026-11-25 09:00",
                               "2026-11-25 09:20");
    anon.person_id = 0;
    assert_int_equal(db_appt_book(fx->db, &anon, NULL), DB_OK);

    struct db_day_row *rows = NULL;
    size_t n = 0;
    struct civil_date day = {2026, 11, 25};
    assert_int_equal(db_day_list(fx->db, fx->site, day, &rows, &n, NULL),
                     DB_OK);
    assert_int_equal(n, 5);
    int64_t expect[5] = {a_08, a_11, a_midnight, anon.id, a_late};
    if (fx->agent2 < fx->agent1) {
        int64_t t[5] = {a_midnight, anon.id, a_late, a_08, a_11};
        memcpy(expect, t, sizeof t);
    }
    for (size_t i = 0; i < n; i++)
        assert_int_equal(rows[i].appt.id, expect[i]);
    assert_string_equal(rows[0].person_last, "Lefèvre");
    assert_string_equal(rows[0].person_first, "Hélène");
    assert_string_equal(rows[0].motif_name, "Premier accueil");
    assert_string_equal(rows[0].motif_colour, "#3366cc");
    for (size_t i = 0; i < n; i++)
        if (rows[i].appt.id == anon.id)
            assert_string_equal(rows[i].person_last, "");
    free(rows);

    /* A day with nothing: no rows, no array. */
    struct civil_date empty = {2026, 12, 25};
    assert_int_equal(db_day_list(fx->db, fx->site, empty, &rows, &n, NULL),
                     DB_OK);
    assert_int_equal(n, 0);
    assert_null(rows);
}

/* One indexed range query, prepared once per connection. */
static void test_day_list_plan_and_cache(void **state)
{
    struct fx *fx = *state;
    struct db_day_row *rows = NULL;
    size_t n = 0;
    struct civil_date day = {2026, 11, 25};
    assert_int_equal(db_day_list(fx->db, fx->site, day, &rows, &n, NULL),
                     DB_OK);
    free(rows);
    sqlite3_stmt *day_stmt = NULL;
    for (int i = 0; i < DB_STMT_CACHE; i++)
        if (fx->db->cache[i].sql && strstr(fx->db->cache[i].sql,
                                           "INDEXED BY appointment_site_start"
                                           " JOIN motif"))
            day_stmt = fx->db->cache[i].stmt;
    assert_non_null(day_stmt);
    int prepared = 0;
    for (sqlite3_stmt *s = NULL; (s = sqlite3_next_stmt(fx->db->conn, s));)
        prepared++;
    struct civil_date next = {2026, 11, 26};
    assert_int_equal(db_day_list(fx->db, fx->site, next, &rows, &n, NULL),
                     DB_OK);
    free(rows);
    int after = 0;
    for (sqlite3_stmt *s = NULL; (s = sqlite3_next_stmt(fx->db->conn, s));)
        after++;
    assert_int_equal(after, prepared); /* nothing new was prepared */
    assert_int_equal(sqlite3_stmt_busy(day_stmt), 0); /* and it was reset */

    char sql[2048];
    snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", sqlite3_sql(day_stmt));
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(fx->db->conn, sql, -1, &st, NULL),
                     SQLITE_OK);
    char plan[1024] = "";
    while (sqlite3_step(st) == SQLITE_ROW) {
        strncat(plan, (const char *)sqlite3_column_text(st, 3),
                sizeof plan - strlen(plan) - 2);
        strcat(plan, ";");
    }
    sqlite3_finalize(st);
    assert_non_null(strstr(plan, "SEARCH a USING INDEX appointment_site_start"
                                 " (site_id=? AND starts_at>? AND starts_at<?)"));
    assert_null(strstr(plan, "SCAN a"));
}

/* ---- bulk mode --------------------------------------------------------- */

static void test_bulk_insert(void **state)
{
    struct fx *fx = *state;
    long audits = count_audit(fx);
    assert_int_equal(db_bulk_begin(fx->db, NULL), DB_OK);
    for (int i = 0; i < 100; i++) {
        struct db_appt a = appt(fx, fx->agent1, "", "");
        snprintf(a.starts_at, sizeof a.starts_at, "2026-10-%02d %02d:00",
                 1 + i / 8, 9 + i % 8);
        snprintf(a.ends_at, sizeof a.ends_at, "2026-10-%02d %02d:45",
                 1 + i / 8, 9 + i % 8);
        a.status = i % 10 == 0 ? APPT_NOSHOW : APPT_SEEN;
        if (a.status == APPT_SEEN)
            snprintf(a.arrived_at, sizeof a.arrived_at, "%.11s%02d:55",
                     a.starts_at, 8 + i % 8);
        snprintf(a.created_at, sizeof a.created_at, "2026-09-01 10:00");
        snprintf(a.created_by, sizeof a.created_by, "lbernard");
        assert_int_equal(db_appt_insert(fx->db, &a, NULL), DB_OK);
    }
    /* One refused insert undoes only itself. */
    struct db_appt bad = appt(fx, fx->agent1, "2026-10-01 09:15",
                              "2026-10-01 09:30");
    struct db_error err = {0};
    assert_int_equal(db_appt_insert(fx->db, &bad, &err), DB_ERR_OVERLAP);
    assert_int_equal(db_bulk_commit(fx->db, &err), DB_OK);

    assert_int_equal(raw_int(fx->db->conn, "SELECT count(*) FROM appointment"
                                           " WHERE starts_at LIKE '2026-10-%'"),
                     100);
    assert_int_equal(raw_int(fx->db->conn, "SELECT count(*) FROM appointment"
                                           " WHERE status = 'noshow'"), 10);
    assert_int_equal(raw_int(fx->db->conn, "SELECT count(*) FROM appointment"
                                           " WHERE created_by = 'lbernard'"
                                           " AND created_at = '2026-09-01 10:00'"
                                           " AND (arrived_at IS NOT NULL) ="
                                           " (status = 'seen')"), 100);
    /* One audit row for the whole bulk. */
    assert_int_equal(count_audit(fx), audits + 1);
    assert_int_equal(raw_int(fx->db->conn, "SELECT count(*) FROM audit"
                                           " WHERE entity = 'bulk'"
                                           " AND detail = '100 rows'"), 1);
}

static void test_bulk_rollback(void **state)
{
    struct fx *fx = *state;
    long appts = count_appts(fx), audits = count_audit(fx);
    assert_int_equal(db_bulk_begin(fx->db, NULL), DB_OK);
    assert_int_equal(db_bulk_begin(fx->db, NULL), DB_ERR_INTERNAL);
    book(fx, fx->agent1, "2026-12-01 09:00", "2026-12-01 09:30", DB_OK);
    struct db_person p = {.last_name = "Martin"};
    assert_int_equal(db_person_add(fx->db, &p, NULL), DB_OK);
    db_bulk_rollback(fx->db);
    assert_int_equal(count_appts(fx), appts);
    assert_int_equal(count_audit(fx), audits);
    struct db_person got;
    assert_int_equal(db_person_get(fx->db, p.id, &got, NULL), DB_ERR_NO_ROW);
    assert_int_equal(db_bulk_commit(fx->db, NULL), DB_ERR_INTERNAL);
}

int main(void)
{
    setenv("GUICHET_NOW", NOW, 1);
    setenv("TZ", "Europe/Paris", 1); /* the wall clock's zone: audit times */
    tzset();
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_book_fills_fields),
        T(test_book_writes_audit),
        T(test_overlap_refused),
        T(test_overlap_refused_by_trigger),
        T(test_cancelled_do_not_block),
        T(test_overbooked_allowed),
        T(test_invalid_inputs_write_nothing),
        T(test_disk_full_writes_nothing_partial),
        T(test_day_list_bounds_and_order),
        T(test_day_list_plan_and_cache),
        T(test_bulk_insert),
        T(test_bulk_rollback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
