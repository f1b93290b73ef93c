/* test_demo.c - the demo generator on real temporary database files.
 *
 * One scale-1 database (seed 42, around Wednesday 6 May 2026, so the span
 * covers Christmas, Easter Monday, 1 May, 8 May, Ascension and Whit Monday)
 * is generated once and inspected with plain SQL; further files check
 * determinism, other seeds, scale 2, a target count and bad options. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo/demo.h"
#include "demo/names.h"
#include "demo/rng.h"
#include "model/holidays.h"
#include "model/opening.h"
#include "model/text.h"

static const struct civil_date TODAY = { 2026, 5, 6 };
static const char TODAY_TEXT[] = "2026-05-06";

static char tmpdir[64];

/* ---- helpers ------------------------------------------------------------- */

static void make_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmpdir, name);
}

static struct db *open_new(const char *name)
{
    char path[256];
    make_path(path, sizeof path, name);
    unlink(path);
    struct db_open_options o = { .create = 1 };
    struct db *db = NULL;
    struct db_error err = { 0 };
    int rc = db_open(path, &o, &db, &err);
    if (rc != DB_OK)
        print_error("db_open %s: %d %s\n", path, rc, err.detail);
    assert_int_equal(rc, DB_OK);
    return db;
}

/* Generates into a new file; returns the status, fills counts. */
static int generate(const char *name, const struct demo_options *o,
                    struct demo_counts *counts)
{
    struct db *db = open_new(name);
    struct db_error err = { 0 };
    int rc = demo_generate(db, o, counts, &err);
    if (rc != DB_OK)
        print_message("demo_generate: %d %s\n", rc, err.detail);
    db_close(db);
    return rc;
}

static sqlite3 *open_sql(const char *name)
{
    char path[256];
    make_path(path, sizeof path, name);
    sqlite3 *s = NULL;
    assert_int_equal(sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    return s;
}

static int64_t sql_int(sqlite3 *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        print_error("%s: %s\n", sql, sqlite3_errmsg(s));
    assert_int_equal(rc, SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static double sql_double(sqlite3 *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    double v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* FNV-1a over every column of every row the query returns. */
static uint64_t sql_checksum(sqlite3 *s, const char *sql, long *rows)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
    uint64_t h = 0xcbf29ce484222325ULL;
    long n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const unsigned char *t = sqlite3_column_text(st, c);
            for (; t && *t; t++)
                h = (h ^ *t) * 0x100000001b3ULL;
            h = (h ^ 0x1f) * 0x100000001b3ULL; /* column separator */
        }
        n++;
    }
    sqlite3_finalize(st);
    if (rows)
        *rows = n;
    return h;
}

static const char APPT_ROWS[] = "SELECT * FROM appointment ORDER BY id";
/* beneficiary.created_at is the real time of insertion: left out. */
static const char PEOPLE_ROWS[] =
    "SELECT id, last_name, first_name, birth_name, birth_date, phone, email,"
    " address, notes, notify_sms, notify_email, responsible_id"
    " FROM beneficiary ORDER BY id";

static struct demo_options options(uint64_t seed)
{
    struct demo_options o = { 0 };
    o.seed = seed;
    o.scale = 1;
    o.today = TODAY;
    return o;
}

/* ---- the shared scale-1 database ---------------------------------------- */

static struct demo_counts main_counts;
static int progress_calls;
static char last_progress[200];

static void on_progress(void *ctx, const char *what)
{
    (void)ctx;
    progress_calls++;
    snprintf(last_progress, sizeof last_progress, "%s", what);
}

static int group_setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/guichet-demo-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    struct demo_options o = options(42);
    o.progress = on_progress;
    struct db *db = open_new("main.db");
    struct db_error err = { 0 };
    int rc = demo_generate(db, &o, &main_counts, &err);
    db_close(db);
    if (rc != DB_OK) {
        print_error("demo_generate: %d %s\n", rc, err.detail);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- structure and counts ------------------------------------------------ */

static void test_counts_scale_one(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    assert_int_equal(main_counts.sites, 2);
    assert_int_equal(main_counts.agents, 12);
    assert_in_range(main_counts.motifs, 8, 16);
    assert_in_range(main_counts.people, 2000, 5000);
    /* 12 agents, ~225 days of which ~155 working: ~5 booked slots per agent
     * and working day on average (part-time agents included). */
    assert_in_range(main_counts.appointments, 6000, 20000);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM site WHERE kind = 'social'"), main_counts.sites);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM agent"), main_counts.agents);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM motif"), main_counts.motifs);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM beneficiary"), main_counts.people);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment"),
                     main_counts.appointments);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM service"), 4);
    /* Every site has agents, and some agents work at two sites. */
    assert_int_equal(sql_int(s, "SELECT count(DISTINCT site_id) FROM agent_site"), 2);
    assert_true(sql_int(s, "SELECT count(*) FROM (SELECT agent_id FROM agent_site"
                           " GROUP BY agent_id HAVING count(*) > 1)") >= 1);
    /* Some agents log in, some professionals do not. */
    assert_true(sql_int(s, "SELECT count(*) FROM agent WHERE login <> ''") >= 6);
    assert_true(sql_int(s, "SELECT count(*) FROM agent WHERE login = ''") >= 1);
    /* Some opening hours every other week; all open-ended, from before the
     * history. */
    assert_true(sql_int(s, "SELECT count(*) FROM opening_hours WHERE every_weeks = 2") >= 1);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM opening_hours"
                                " WHERE valid_until IS NOT NULL"
                                " OR valid_from > (SELECT min(starts_at) FROM appointment)"),
                     0);
    sqlite3_close(s);
}

/* Room loans: collèges with rooms, associations (one whose insurance has
 * run out), a season of weekly loans, some pending, never two approved
 * loans of one room at once. */
static void test_demo_loans(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    assert_int_equal(main_counts.loans.colleges, 3);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM site WHERE kind = 'college'"), 3);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM college WHERE school_zone IN"
                                " ('Zone A', 'Zone B', 'Zone C')"), 3);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM room"), main_counts.loans.rooms);
    assert_true(main_counts.loans.associations >= 4);
    assert_true(sql_int(s, "SELECT count(*) FROM association WHERE insurance_until"
                           " < '2026-05-06'") >= 1);
    assert_true(main_counts.loans.pending >= 1);
    assert_true(sql_int(s, "SELECT count(*) FROM loan_occurrence WHERE state = 'approved'"
                           " AND starts_at < '2026-05-06'") >= 50);
    assert_true(sql_int(s, "SELECT count(*) FROM loan_occurrence WHERE state = 'requested'") >= 10);
    /* The school year started on 1 September 2025; the series end the day
     * before the summer holidays of the shipped calendar (4 July 2026). */
    assert_int_equal(sql_int(s, "SELECT count(*) FROM loan_series WHERE first_day <> '2025-09-01'"
                                " OR last_day <> '2026-07-03'"), 0);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM loan_occurrence a JOIN loan_occurrence b"
                                " ON a.room_id = b.room_id AND a.id < b.id"
                                " AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
                                " WHERE a.state = 'approved' AND b.state = 'approved'"), 0);
    assert_true(sql_int(s, "SELECT count(*) FROM loan_exception WHERE kind = 'closure'") >= 10);
    /* The shipped school calendar is imported (every row of it) and the
     * series skip each collège's own zone: Tuesday 10 February 2026 falls
     * in zone A's winter holidays (Lyon) but not zone C's (Toulouse). */
    assert_int_equal(main_counts.loans.holiday_rows, 139);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM school_holiday"), 139);
    static const char *on_feb_10 =
        "SELECT count(*) FROM loan_occurrence o JOIN room r ON r.id = o.room_id"
        " JOIN college c ON c.site_id = r.site_id"
        " WHERE o.original_day = '2026-02-10' AND c.academie = '%s'";
    char q[512];
    snprintf(q, sizeof q, on_feb_10, "Lyon");
    assert_int_equal(sql_int(s, q), 0);
    snprintf(q, sizeof q, on_feb_10, "Toulouse");
    assert_true(sql_int(s, q) >= 1);
    sqlite3_close(s);
}

static void test_motifs_realistic(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    assert_int_equal(sql_int(s, "SELECT count(*) FROM motif WHERE duration_minutes"
                                " NOT BETWEEN 15 AND 60"), 0);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM motif WHERE colour NOT GLOB"
                                " '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'"), 0);
    assert_true(sql_int(s, "SELECT count(DISTINCT location) FROM motif") >= 3);
    /* Every appointment's motif belongs to the agent's service and its
     * length is the motif's duration. */
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment a"
                                " JOIN motif m ON m.id = a.motif_id"
                                " JOIN agent g ON g.id = a.agent_id"
                                " WHERE m.service_id IS NOT g.service_id"), 0);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment a"
                                " JOIN motif m ON m.id = a.motif_id"
                                " WHERE (julianday(a.ends_at) - julianday(a.starts_at))"
                                " * 1440 NOT BETWEEN m.duration_minutes - 0.01"
                                " AND m.duration_minutes + 0.01"), 0);
    /* Appointments are at a site where their agent works. */
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment a WHERE NOT EXISTS"
                                " (SELECT 1 FROM agent_site x WHERE x.agent_id = a.agent_id"
                                " AND x.site_id = a.site_id)"), 0);
    sqlite3_close(s);
}

/* ---- determinism --------------------------------------------------------- */

static void test_same_seed_same_data(void **state)
{
    (void)state;
    struct demo_options o = options(42);
    struct demo_counts c;
    assert_int_equal(generate("again.db", &o, &c), DB_OK);
    assert_int_equal(c.appointments, main_counts.appointments);
    sqlite3 *a = open_sql("main.db"), *b = open_sql("again.db");
    long ra = 0, rb = 0;
    assert_true(sql_checksum(a, APPT_ROWS, &ra) == sql_checksum(b, APPT_ROWS, &rb));
    assert_int_equal(ra, rb);
    assert_int_equal(ra, main_counts.appointments);
    assert_true(sql_checksum(a, PEOPLE_ROWS, NULL) == sql_checksum(b, PEOPLE_ROWS, NULL));
    const char *agents = "SELECT * FROM agent ORDER BY id";
    assert_true(sql_checksum(a, agents, NULL) == sql_checksum(b, agents, NULL));
    sqlite3_close(a);
    sqlite3_close(b);
}

static void test_other_seed_differs(void **state)
{
    (void)state;
    struct demo_options o = options(43);
    struct demo_counts c;
    assert_int_equal(generate("other.db", &o, &c), DB_OK);
    sqlite3 *a = open_sql("main.db"), *b = open_sql("other.db");
    assert_false(sql_checksum(a, APPT_ROWS, NULL) == sql_checksum(b, APPT_ROWS, NULL));
    assert_false(sql_checksum(a, PEOPLE_ROWS, NULL) == sql_checksum(b, PEOPLE_ROWS, NULL));
    /* Same shape all the same. */
    assert_int_equal(c.sites, main_counts.sites);
    assert_int_equal(c.agents, main_counts.agents);
    assert_in_range(c.appointments, main_counts.appointments * 9 / 10,
                    main_counts.appointments * 11 / 10);
    sqlite3_close(a);
    sqlite3_close(b);
}

/* ---- calendar ------------------------------------------------------------ */

static void test_no_overlap_per_agent(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    /* Cancelled ones included: the generator never re-books a slot. */
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment a"
                                " JOIN appointment b ON b.agent_id = a.agent_id"
                                " AND b.id > a.id AND b.starts_at < a.ends_at"
                                " AND a.starts_at < b.ends_at"), 0);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment WHERE overbooked <> 0"), 0);
    sqlite3_close(s);
}

static void test_no_weekend_or_holiday(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(s, "SELECT DISTINCT substr(starts_at, 1, 10)"
                                           " FROM appointment", -1, &st, NULL),
                     SQLITE_OK);
    int days = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct civil_date d;
        const char *text = (const char *)sqlite3_column_text(st, 0);
        assert_int_equal(civil_parse_date(text, &d), 0);
        if (civil_weekday(d) >= CIVIL_SATURDAY || holiday_lookup(d, 0, NULL) == 1)
            fail_msg("appointment on %s", text);
        days++;
    }
    sqlite3_finalize(st);
    assert_in_range(days, 130, 170); /* ~182 + 42 days, 5 of 7, minus holidays */
    /* The span covers holidays that would be working days otherwise. */
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at"
                                " LIKE '2026-04-06%' OR starts_at LIKE '2026-05-01%'"
                                " OR starts_at LIKE '2026-05-14%'"), 0);
    assert_true(sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at"
                           " LIKE '2026-04-07%'") > 0);
    sqlite3_close(s);
}

struct rule_row {
    int64_t agent, site;
    struct opening_rule rule;
};

/* Every appointment lies inside an opening rule of its agent at its site. */
static void test_inside_opening_hours(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    sqlite3_stmt *st = NULL;
    struct rule_row rules[256];
    int nr = 0;
    assert_int_equal(sqlite3_prepare_v2(s, "SELECT agent_id, site_id, weekday,"
                     " start_minute, end_minute, every_weeks, valid_from"
                     " FROM opening_hours", -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW && nr < 256) {
        struct rule_row *r = &rules[nr++];
        memset(r, 0, sizeof *r);
        r->agent = sqlite3_column_int64(st, 0);
        r->site = sqlite3_column_int64(st, 1);
        r->rule.weekday = sqlite3_column_int(st, 2);
        r->rule.start_minute = sqlite3_column_int(st, 3);
        r->rule.end_minute = sqlite3_column_int(st, 4);
        r->rule.every_weeks = sqlite3_column_int(st, 5);
        assert_int_equal(civil_parse_date((const char *)sqlite3_column_text(st, 6),
                                          &r->rule.valid_from), 0);
    }
    sqlite3_finalize(st);
    assert_in_range(nr, 20, 255);

    assert_int_equal(sqlite3_prepare_v2(s, "SELECT agent_id, site_id, starts_at,"
                     " ends_at FROM appointment", -1, &st, NULL), SQLITE_OK);
    long checked = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct civil_datetime a, b;
        int64_t agent = sqlite3_column_int64(st, 0), site = sqlite3_column_int64(st, 1);
        assert_int_equal(civil_parse_datetime((const char *)sqlite3_column_text(st, 2), &a), 0);
        assert_int_equal(civil_parse_datetime((const char *)sqlite3_column_text(st, 3), &b), 0);
        int inside = 0;
        for (int i = 0; i < nr && !inside; i++)
            inside = rules[i].agent == agent && rules[i].site == site &&
                     opening_rule_applies(&rules[i].rule, a.date) &&
                     civil_date_compare(a.date, b.date) == 0 &&
                     a.minute >= rules[i].rule.start_minute &&
                     b.minute <= rules[i].rule.end_minute;
        if (!inside)
            fail_msg("appointment of agent %lld at %s outside opening hours",
                     (long long)agent, (const char *)sqlite3_column_text(st, 2));
        checked++;
    }
    sqlite3_finalize(st);
    assert_int_equal(checked, main_counts.appointments);
    sqlite3_close(s);
}

/* Days are realistic: full on the past, fuller near today than far ahead. */
static void test_fill_rates(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    /* Booked minutes per agent-session would need the rules; the count of
     * appointments per agent and day is enough to see overfull days. */
    assert_in_range(sql_int(s, "SELECT max(n) FROM (SELECT count(*) n FROM appointment"
                               " GROUP BY agent_id, substr(starts_at, 1, 10))"), 5, 40);
    int64_t near = sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at"
                              " >= '2026-05-07' AND starts_at < '2026-05-14'");
    int64_t far = sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at"
                             " >= '2026-06-08' AND starts_at < '2026-06-15'");
    int64_t past = sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at"
                              " >= '2026-03-09' AND starts_at < '2026-03-14'");
    print_message("past week %lld, next week %lld, in five weeks %lld\n",
                  (long long)past, (long long)near, (long long)far);
    assert_true(near > far * 2);
    assert_true(past > near);
    assert_true(far > 0);
    /* Nothing beyond the booked future (42 days). */
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at"
                                " >= '2026-06-18'"), 0);
    assert_true(sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at"
                           " < '2025-11-10'") > 0);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at"
                                " < '2025-11-05'"), 0);
    sqlite3_close(s);
}

/* ---- outcomes ------------------------------------------------------------ */

static void test_noshow_rates(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT avg(status = 'noshow') FROM appointment"
             " WHERE starts_at < '%s' AND status IN ('seen', 'noshow')", TODAY_TEXT);
    double rate = sql_double(s, sql);
    snprintf(sql, sizeof sql, "SELECT avg(status = 'noshow') FROM appointment"
             " WHERE starts_at < '%s'", TODAY_TEXT);
    double rate_all = sql_double(s, sql);
    const char *lead = "julianday(substr(starts_at, 1, 10)) - julianday(substr(created_at, 1, 10))";
    snprintf(sql, sizeof sql, "SELECT avg(status = 'noshow') FROM appointment"
             " WHERE starts_at < '%s' AND status IN ('seen', 'noshow') AND %s > 14",
             TODAY_TEXT, lead);
    double long_lead = sql_double(s, sql);
    snprintf(sql, sizeof sql, "SELECT avg(status = 'noshow') FROM appointment"
             " WHERE starts_at < '%s' AND status IN ('seen', 'noshow') AND %s < 3",
             TODAY_TEXT, lead);
    double short_lead = sql_double(s, sql);
    print_message("no-shows %.3f (of all past %.3f), lead < 3 days %.3f,"
                  " lead > 14 days %.3f\n", rate, rate_all, short_lead, long_lead);
    assert_true(rate >= 0.05 && rate <= 0.20);
    assert_true(rate_all >= 0.05 && rate_all <= 0.20);
    assert_true(long_lead > short_lead * 1.5);
    /* Some excused and revoked in the past too. */
    snprintf(sql, sizeof sql, "SELECT avg(status IN ('excused', 'revoked'))"
             " FROM appointment WHERE starts_at < '%s'", TODAY_TEXT);
    double cancelled = sql_double(s, sql);
    assert_true(cancelled > 0.02 && cancelled < 0.15);
    sqlite3_close(s);
}

/* People who already missed miss more often. */
static void test_noshow_history(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    const char *with_history =
        "WITH h AS (SELECT status, coalesce(sum(status = 'noshow') OVER ("
        " PARTITION BY beneficiary_id ORDER BY starts_at ROWS BETWEEN"
        " UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS missed FROM appointment"
        " WHERE starts_at < '2026-05-06' AND status IN ('seen', 'noshow'))";
    char sql[768];
    snprintf(sql, sizeof sql, "%s SELECT avg(status = 'noshow') FROM h WHERE missed = 0",
             with_history);
    double never = sql_double(s, sql);
    snprintf(sql, sizeof sql, "%s SELECT avg(status = 'noshow') FROM h WHERE missed > 0",
             with_history);
    double missed = sql_double(s, sql);
    print_message("no-show rate: never missed %.3f, missed before %.3f\n", never, missed);
    assert_true(missed > never * 1.5);
    sqlite3_close(s);
}

static void test_today_unknown(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    assert_true(sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at LIKE '2026-05-06%'") > 20);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at"
                                " LIKE '2026-05-06%' AND (status <> 'unknown'"
                                " OR arrived_at IS NOT NULL)"), 0);
    sqlite3_close(s);
}

static void test_future_statuses(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at >= '2026-05-07'"
                                " AND (status NOT IN ('unknown', 'excused', 'revoked')"
                                " OR arrived_at IS NOT NULL)"), 0);
    assert_true(sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at >= '2026-05-07'"
                           " AND status IN ('excused', 'revoked')") > 0);
    assert_true(sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at >= '2026-05-07'"
                           " AND status = 'unknown'") > 100);
    sqlite3_close(s);
}

/* A few past outcomes are "to fill in", mostly on the last days. */
static void test_past_to_fill_in(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    int64_t recent = sql_int(s, "SELECT count(*) FROM appointment WHERE status = 'unknown'"
                                " AND starts_at >= '2026-04-28' AND starts_at < '2026-05-06'");
    int64_t old = sql_int(s, "SELECT count(*) FROM appointment WHERE status = 'unknown'"
                             " AND starts_at < '2026-04-06'");
    assert_true(recent > 0);
    assert_true(recent > old);
    assert_true(sql_double(s, "SELECT avg(status = 'unknown') FROM appointment"
                              " WHERE starts_at < '2026-05-06'") < 0.03);
    sqlite3_close(s);
}

static void test_arrivals_and_booking_times(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    /* Arrival only for seen ones, within minutes of the start. */
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment WHERE arrived_at IS NOT NULL"
                                " AND status <> 'seen'"), 0);
    assert_true(sql_double(s, "SELECT avg(arrived_at IS NOT NULL) FROM appointment"
                              " WHERE status = 'seen'") > 0.5);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment WHERE arrived_at IS NOT NULL"
                                " AND abs(julianday(arrived_at) - julianday(starts_at)) * 1440 > 30"),
                     0);
    /* Booked before the start, on or before today, by an agent with a login. */
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment WHERE created_at >= starts_at"
                                " OR created_at >= '2026-05-07'"), 0);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment a WHERE NOT EXISTS"
                                " (SELECT 1 FROM agent g WHERE g.login = a.created_by"
                                " AND g.login <> '')"), 0);
    /* Lead times: many within the week, some months ahead. */
    const char *lead = "julianday(substr(starts_at, 1, 10)) - julianday(substr(created_at, 1, 10))";
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT avg(%s <= 7) FROM appointment", lead);
    double week = sql_double(s, sql);
    snprintf(sql, sizeof sql, "SELECT avg(%s > 30) FROM appointment", lead);
    double months = sql_double(s, sql);
    assert_true(week > 0.3 && week < 0.8);
    assert_true(months > 0.03 && months < 0.3);
    sqlite3_close(s);
}

/* ---- people -------------------------------------------------------------- */

static void test_people_fake_and_valid(void **state)
{
    (void)state;
    sqlite3 *s = open_sql("main.db");
    assert_int_equal(sql_int(s, "SELECT count(*) FROM beneficiary WHERE phone <> ''"
                                " AND phone NOT GLOB '063998[0-9][0-9][0-9][0-9]'"
                                " AND phone NOT GLOB '019900[0-9][0-9][0-9][0-9]'"), 0);
    assert_true(sql_int(s, "SELECT count(*) FROM beneficiary WHERE phone <> ''") > 1000);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM beneficiary WHERE email <> ''"
                                " AND email NOT GLOB '[a-z]*.[a-z]*@example.fr'"), 0);
    assert_true(sql_int(s, "SELECT count(*) FROM beneficiary WHERE email <> ''") > 500);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM beneficiary WHERE birth_date IS NOT NULL"
                                " AND (birth_date < '1940-01-01' OR birth_date > '2020-12-31')"), 0);
    assert_true(sql_int(s, "SELECT count(*) FROM beneficiary WHERE birth_date < '1950-01-01'") > 0);
    assert_true(sql_int(s, "SELECT count(*) FROM beneficiary WHERE birth_date > '2015-01-01'") > 0);
    /* Accents survive the trip. */
    assert_true(sql_int(s, "SELECT count(*) FROM beneficiary WHERE first_name GLOB '*[éèëïçô]*'"
                           " OR last_name GLOB '*[éèëïçô]*'") > 100);
    /* Children: a responsible adult with the same last name. */
    assert_true(sql_int(s, "SELECT count(*) FROM beneficiary WHERE responsible_id IS NOT NULL") > 200);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM beneficiary c JOIN beneficiary p"
                                " ON p.id = c.responsible_id WHERE p.responsible_id IS NOT NULL"
                                " OR p.last_name <> c.last_name OR p.birth_date >= '2008-01-01'"
                                " OR c.birth_date < '2008-01-01'"), 0);
    /* Child motifs go to children. */
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment a JOIN motif m ON m.id = a.motif_id"
                                " JOIN beneficiary b ON b.id = a.beneficiary_id"
                                " WHERE m.name = 'Consultation PMI enfant' AND b.responsible_id IS NULL"), 0);
    /* Every text a person reads passes validation. */
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(s, "SELECT last_name, first_name, birth_name, phone,"
                     " email, address, notes FROM beneficiary UNION ALL SELECT last_name,"
                     " first_name, login, '', '', '', '' FROM agent UNION ALL SELECT name,"
                     " address, timezone, '', '', '', '' FROM site UNION ALL SELECT name,"
                     " colour, '', '', '', '', '' FROM motif UNION ALL SELECT context, created_by,"
                     " '', '', '', '', '' FROM appointment", -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        for (int c = 0; c < 7; c++) {
            const char *t = (const char *)sqlite3_column_text(st, c);
            if (text_validate(t ? t : "", DB_NAME_LEN - 1, 0) != TEXT_OK)
                fail_msg("invalid text '%s'", t);
        }
    sqlite3_finalize(st);
    /* Logins are plain lower-case ASCII. */
    assert_int_equal(sql_int(s, "SELECT count(*) FROM agent WHERE login <> ''"
                                " AND (login GLOB '*[^a-z0-9]*' OR length(login) < 2)"), 0);
    sqlite3_close(s);
}

/* ---- sizes --------------------------------------------------------------- */

static void test_scale_two(void **state)
{
    (void)state;
    struct demo_options o = options(7);
    o.scale = 2;
    o.history_days = 30;
    o.future_days = 14;
    struct demo_counts c;
    assert_int_equal(generate("scale2.db", &o, &c), DB_OK);
    assert_int_equal(c.sites, 3);
    assert_int_equal(c.agents, 24);
    assert_int_equal(c.people, 6000);
    sqlite3 *s = open_sql("scale2.db");
    assert_int_equal(sql_int(s, "SELECT count(*) FROM site WHERE kind = 'social'"), 3);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment"), c.appointments);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment WHERE starts_at < '2026-04-01'"
                                " OR starts_at > '2026-05-21'"), 0);
    assert_int_equal(sql_int(s, "SELECT count(DISTINCT site_id) FROM appointment"), 3);
    sqlite3_close(s);
}

static void test_target_appointments(void **state)
{
    (void)state;
    struct demo_options o = options(2024);
    o.history_days = 365;
    o.target_appointments = 50000;
    struct demo_counts c;
    assert_int_equal(generate("target.db", &o, &c), DB_OK);
    print_message("target 50000: %ld appointments, %ld agents, %ld sites, %ld people\n",
                  c.appointments, c.agents, c.sites, c.people);
    assert_in_range(c.appointments, 45000, 55000);
    assert_true(c.agents > 12);
    assert_true(c.sites >= 3);
    sqlite3 *s = open_sql("target.db");
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment"), c.appointments);
    /* More agents, not fuller days. */
    assert_in_range(sql_int(s, "SELECT max(n) FROM (SELECT count(*) n FROM appointment"
                               " GROUP BY agent_id, substr(starts_at, 1, 10))"), 5, 40);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM appointment a"
                                " JOIN appointment b ON b.agent_id = a.agent_id"
                                " AND b.id > a.id AND b.starts_at < a.ends_at"
                                " AND a.starts_at < b.ends_at"), 0);
    sqlite3_close(s);
}

static void test_small_target(void **state)
{
    (void)state;
    struct demo_options o = options(5);
    o.history_days = 60;
    o.future_days = 10;
    o.target_appointments = 300;
    struct demo_counts c;
    assert_int_equal(generate("small.db", &o, &c), DB_OK);
    assert_int_equal(c.agents, 1);
    assert_in_range(c.appointments, 270, 330);
}

/* ---- errors and progress ------------------------------------------------- */

static void test_bad_options(void **state)
{
    (void)state;
    struct db *db = open_new("bad.db");
    struct db_error err = { 0 };
    struct demo_options o = options(1);
    o.scale = -1;
    assert_int_equal(demo_generate(db, &o, NULL, &err), DB_ERR_INVALID);
    assert_string_equal(err.detail, "scale");
    o = options(1);
    o.today = (struct civil_date){ 2026, 2, 30 };
    assert_int_equal(demo_generate(db, &o, NULL, &err), DB_ERR_INVALID);
    o = options(1);
    o.history_days = -3;
    assert_int_equal(demo_generate(db, &o, NULL, NULL), DB_ERR_INVALID);
    o = options(1);
    o.target_appointments = -10;
    assert_int_equal(demo_generate(db, &o, NULL, &err), DB_ERR_INVALID);
    o = options(1);
    o.today = (struct civil_date){ 1, 1, 10 }; /* history would leave year 1 */
    assert_int_equal(demo_generate(db, &o, NULL, &err), DB_ERR_INVALID);
    assert_int_equal(demo_generate(db, NULL, NULL, &err), DB_ERR_INVALID);
    db_close(db);
    sqlite3 *s = open_sql("bad.db");
    assert_int_equal(sql_int(s, "SELECT count(*) FROM site"), 0);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM beneficiary"), 0);
    sqlite3_close(s);
}

/* The generator refuses a database that already holds data. */
static void test_refuses_non_empty(void **state)
{
    (void)state;
    struct db *db = open_new("twice.db");
    struct demo_options o = options(3);
    o.history_days = 7;
    o.future_days = 7;
    struct db_error err = { 0 };
    assert_int_equal(demo_generate(db, &o, NULL, &err), DB_OK);
    struct demo_counts c;
    assert_int_equal(demo_generate(db, &o, &c, &err), DB_ERR_INVALID);
    assert_int_equal(c.appointments, 0);
    assert_true(err.detail[0] != '\0');
    db_close(db);
    sqlite3 *s = open_sql("twice.db");
    assert_int_equal(sql_int(s, "SELECT count(*) FROM site WHERE kind = 'social'"), 2);
    sqlite3_close(s);
}

/* A file that cannot be written gives an error, not a crash. */
static void test_readonly_database(void **state)
{
    (void)state;
    db_close(open_new("ro.db"));
    char path[256];
    make_path(path, sizeof path, "ro.db");
    struct db_open_options ro = { .readonly = 1 };
    struct db *db = NULL;
    struct db_error err = { 0 };
    assert_int_equal(db_open(path, &ro, &db, &err), DB_OK);
    struct demo_options o = options(1);
    struct demo_counts c;
    int rc = demo_generate(db, &o, &c, &err);
    assert_int_not_equal(rc, DB_OK);
    assert_int_equal(err.status, rc);
    assert_int_equal(c.appointments, 0);
    db_close(db);
}

static void test_progress_reported(void **state)
{
    (void)state;
    /* Phases, then a last word with the number of appointments. */
    char number[32];
    snprintf(number, sizeof number, "%ld", main_counts.appointments);
    assert_true(progress_calls >= 3);
    assert_non_null(strstr(last_progress, number));
}

/* ---- internals ----------------------------------------------------------- */

static void test_rng(void **state)
{
    (void)state;
    struct demo_rng a, b, c;
    demo_rng_seed(&a, 99);
    demo_rng_seed(&b, 99);
    demo_rng_seed(&c, 100);
    int same = 1, differ = 0;
    for (int i = 0; i < 100; i++) {
        uint64_t x = demo_rng_next(&a), y = demo_rng_next(&b), z = demo_rng_next(&c);
        same &= x == y;
        differ += x != z;
    }
    assert_true(same);
    assert_true(differ > 95);
    /* Roughly uniform below 10, and range bounds respected. */
    int hist[10] = { 0 };
    for (int i = 0; i < 100000; i++)
        hist[demo_rng_below(&a, 10)]++;
    for (int i = 0; i < 10; i++)
        assert_in_range(hist[i], 9500, 10500);
    for (int i = 0; i < 1000; i++) {
        int v = demo_rng_range(&a, -3, 4);
        assert_true(v >= -3 && v <= 4);
        double u = demo_rng_unit(&a);
        assert_true(u >= 0.0 && u < 1.0);
    }
    assert_int_equal(demo_rng_below(&a, 0), 0);
    assert_int_equal(demo_rng_range(&a, 5, 5), 5);
    /* A fork is its own stream, reproducible. */
    struct demo_rng f1, f2, f3;
    demo_rng_fork(&b, 1, &f1);
    demo_rng_fork(&b, 1, &f2);
    demo_rng_fork(&b, 2, &f3);
    uint64_t v1 = demo_rng_next(&f1);
    assert_true(v1 == demo_rng_next(&f2));
    assert_false(v1 == demo_rng_next(&f3));
}

static void test_ascii_fold(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int hyphen;
        const char *out;
    } cases[] = {
        { "Hélène", 0, "helene" },
        { "Benoît", 0, "benoit" },
        { "Lefèvre", 1, "lefevre" },
        { "N'Diaye", 0, "ndiaye" },
        { "N'Diaye", 1, "n-diaye" },
        { "Le Gall", 1, "le-gall" },
        { "Anne-Sophie", 0, "annesophie" },
        { "Œuvrard", 0, "oeuvrard" },
        { "Maëlys", 0, "maelys" },
        { "François ", 1, "francois" },
        { "", 0, "" },
    };
    char buf[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        demo_ascii_fold(cases[i].in, cases[i].hyphen, buf, sizeof buf);
        assert_string_equal(buf, cases[i].out);
    }
    char tiny[4];
    assert_int_equal(demo_ascii_fold("Bérénice", 0, tiny, sizeof tiny), 3);
    assert_string_equal(tiny, "ber");
    /* Every listed name folds to something usable in a login. */
    const struct demo_name_list *lists[] = { &demo_female_first, &demo_male_first,
                                             &demo_surnames };
    for (int l = 0; l < 3; l++) {
        assert_true(lists[l]->count >= 80);
        for (size_t i = 0; i < lists[l]->count; i++)
            assert_true(demo_ascii_fold(lists[l]->items[i], 0, buf, sizeof buf) >= 2);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_scale_one),
        cmocka_unit_test(test_demo_loans),
        cmocka_unit_test(test_motifs_realistic),
        cmocka_unit_test(test_same_seed_same_data),
        cmocka_unit_test(test_other_seed_differs),
        cmocka_unit_test(test_no_overlap_per_agent),
        cmocka_unit_test(test_no_weekend_or_holiday),
        cmocka_unit_test(test_inside_opening_hours),
        cmocka_unit_test(test_fill_rates),
        cmocka_unit_test(test_noshow_rates),
        cmocka_unit_test(test_noshow_history),
        cmocka_unit_test(test_today_unknown),
        cmocka_unit_test(test_future_statuses),
        cmocka_unit_test(test_past_to_fill_in),
        cmocka_unit_test(test_arrivals_and_booking_times),
        cmocka_unit_test(test_people_fake_and_valid),
        cmocka_unit_test(test_scale_two),
        cmocka_unit_test(test_target_appointments),
        cmocka_unit_test(test_small_target),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_refuses_non_empty),
        cmocka_unit_test(test_readonly_database),
        cmocka_unit_test(test_progress_reported),
        cmocka_unit_test(test_rng),
        cmocka_unit_test(test_ascii_fold),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
