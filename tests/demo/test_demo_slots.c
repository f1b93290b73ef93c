/* test_demo_slots.c - the slot finder and the booking warnings agree
 * with each other on a generated demo database (clock fixed at a Wednesday
 * 10:00): for every motif and site, each slot found starts after now, in
 * time order, lies in its agent's opening hours, off holidays and
 * absences, overlaps none of the agent's live appointments (checked in
 * SQL), gets no warning from db_appt_check, and can be booked; after
 * booking the first one, it is found no more. Also the "to fill in" list
 * and the week view on realistic data. */
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

#include "demo/demo.h"
#include "storage/db_internal.h"

#define NOW "2026-11-25 10:00"

struct fx {
    char dir[64];
    char path[128];
    struct db *db;
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

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    struct db_error err = {0};
    snprintf(fx->dir, sizeof fx->dir, "/tmp/guichet-fddemo-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/demo.db", fx->dir);
    struct db_open_options o = {.create = 1};
    must(db_open(fx->path, &o, &fx->db, &err), &err, "open");
    db_set_actor(fx->db, "test");
    struct demo_options opts = {.seed = 1, .scale = 1,
                                .today = {2026, 11, 25}};
    struct demo_counts counts;
    must(demo_generate(fx->db, &opts, &counts, &err), &err, "demo");
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    db_close(fx->db);
    nftw(fx->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return 0;
}

static long overlapping(struct db *db, int64_t agent, const char *s,
                        const char *e)
{
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db->conn,
                       "SELECT count(*) FROM appointment WHERE agent_id = ?1"
                       " AND starts_at < ?3 AND ends_at > ?2"
                       " AND status NOT IN ('excused', 'revoked')",
                       -1, &st, NULL);
    sqlite3_bind_int64(st, 1, agent);
    sqlite3_bind_text(st, 2, s, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, e, -1, SQLITE_STATIC);
    long n = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_slots_are_free_and_bookable(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_motif *motifs = NULL;
    struct db_site *sites = NULL;
    size_t nmotifs = 0, nsites = 0, checked = 0;
    must(db_motif_list(fx->db, &motifs, &nmotifs, &err), &err, "motifs");
    must(db_site_list(fx->db, &sites, &nsites, &err), &err, "sites");
    assert_true(nmotifs > 0 && nsites > 0);
    struct civil_datetime now;
    civil_parse_datetime(NOW, &now);
    for (size_t m = 0; m < nmotifs; m++) {
        for (size_t s = 0; s < nsites; s++) {
            struct db_slot_search q = {.motif_id = motifs[m].id,
                                       .site_id = sites[s].id};
            struct slot *slots = NULL;
            size_t n = 0;
            must(db_slots_find(fx->db, &q, 20, &slots, &n, &err), &err, "find");
            for (size_t i = 0; i < n; i++) {
                const struct slot *x = &slots[i];
                char a[CIVIL_DATETIME_LEN], b[CIVIL_DATETIME_LEN];
                civil_format_datetime(x->start, a, sizeof a);
                civil_format_datetime(x->end, b, sizeof b);
                assert_true(civil_datetime_compare(x->start, now) >= 0);
                if (i > 0)
                    assert_true(civil_datetime_compare(slots[i - 1].start,
                                                       x->start) <= 0);
                assert_int_equal(x->site_id, sites[s].id);
                assert_int_equal(interval_length(x->when),
                                 motifs[m].duration_minutes);
                if (overlapping(fx->db, x->agent_id, a, b) != 0)
                    fail_msg("motif %lld slot %s agent %lld is busy",
                             (long long)motifs[m].id, a,
                             (long long)x->agent_id);
                struct db_appt appt = {.site_id = x->site_id,
                                       .agent_id = x->agent_id,
                                       .motif_id = motifs[m].id};
                memcpy(appt.starts_at, a, sizeof a);
                memcpy(appt.ends_at, b, sizeof b);
                unsigned flags = 0;
                must(db_appt_check(fx->db, &appt, &flags, &err), &err,
                     "check");
                if (flags != 0)
                    fail_msg("motif %lld slot %s agent %lld: warnings %#x",
                             (long long)motifs[m].id, a,
                             (long long)x->agent_id, flags);
                checked++;
            }
            if (n > 0) {
                /* book the first: it is found no more */
                struct db_appt appt = {.site_id = slots[0].site_id,
                                       .agent_id = slots[0].agent_id,
                                       .motif_id = motifs[m].id};
                civil_format_datetime(slots[0].start, appt.starts_at,
                                      sizeof appt.starts_at);
                civil_format_datetime(slots[0].end, appt.ends_at,
                                      sizeof appt.ends_at);
                must(db_appt_book(fx->db, &appt, &err), &err, "book");
                struct slot *again = NULL;
                size_t n2 = 0;
                must(db_slots_find(fx->db, &q, 20, &again, &n2, &err), &err,
                     "again");
                for (size_t i = 0; i < n2; i++)
                    assert_false(again[i].agent_id == slots[0].agent_id &&
                                 civil_datetime_compare(again[i].start,
                                                        slots[0].start) == 0);
                free(again);
            }
            free(slots);
        }
    }
    print_message("%zu slots checked\n", checked);
    assert_true(checked > 50);
    free(motifs);
    free(sites);
}

static void test_fill_in_and_week_on_demo(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_appt_row *rows = NULL;
    size_t n = 0, total = 0;
    must(db_to_fill_in(fx->db, 0, DB_NEWEST_FIRST, 0, 100, &rows, &n, &total,
                       &err), &err, "fill in");
    assert_true(total > 0);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rows[i].day.appt.status, APPT_UNKNOWN);
        assert_true(strcmp(rows[i].day.appt.starts_at, NOW) < 0);
        if (i > 0)
            assert_true(strcmp(rows[i - 1].day.appt.starts_at,
                               rows[i].day.appt.starts_at) >= 0);
    }
    free(rows);
    struct db_agent *agents = NULL;
    size_t na = 0;
    must(db_agent_list(fx->db, &agents, &na, &err), &err, "agents");
    size_t seen = 0;
    for (size_t a = 0; a < na; a++) {
        must(db_agent_week(fx->db, agents[a].id, (struct civil_date){2026, 11, 23},
                           &rows, &n, &err), &err, "week");
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(rows[i].day.appt.agent_id, agents[a].id);
            assert_true(strcmp(rows[i].day.appt.starts_at, "2026-11-23") > 0);
            assert_true(strcmp(rows[i].day.appt.starts_at, "2026-11-30") < 0);
        }
        seen += n;
        free(rows);
    }
    free(agents);
    assert_true(seen > 0);
}

int main(void)
{
    setenv("GUICHET_NOW", NOW, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_slots_are_free_and_bookable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fill_in_and_week_on_demo, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
