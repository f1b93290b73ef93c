/* test_site_clock.c - "now" at a site is the site's civil time in its IANA
 * zone whatever TZ the machine has. The process runs with TZ=UTC; one site
 * is in Europe/Paris, one in Indian/Reunion (UTC+4, no daylight saving);
 * the clock is fixed at instants (GUICHET_NOW "...Z") on 2026-03-29, the
 * day Paris goes from UTC+1 to UTC+2 at 01:00 UTC. Checked: the site's
 * now before and after the change, arrival times, what may become a
 * no-show, "to fill in" at one site and across sites, the slot finder's
 * first slot and the booking time. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "storage/storage.h"

struct house {
    char dir[64], path[128];
    struct db *db;
    int64_t paris, reunion, agent_p, agent_r, motif;
};

static void must(int rc, const struct db_error *err, const char *what)
{
    if (rc != DB_OK)
        fail_msg("%s: status %d: %s", what, rc, err->detail);
}

static void set_now(const char *instant)
{
    setenv("GUICHET_NOW", instant, 1);
    clock_reload();
}

static int rm_entry(const char *p, const struct stat *sb, int flag,
                    struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

static int setup(void **state)
{
    struct house *h = calloc(1, sizeof *h);
    struct db_error err = {0};
    snprintf(h->dir, sizeof h->dir, "/tmp/guichet-clock-XXXXXX");
    if (!mkdtemp(h->dir))
        return -1;
    snprintf(h->path, sizeof h->path, "%s/t.db", h->dir);
    struct db_open_options o = {.create = 1};
    must(db_open(h->path, &o, &h->db, &err), &err, "open");
    struct db_site p = {.name = "MDS Centre", .timezone = "Europe/Paris"};
    struct db_site r = {.name = "MDS Saint-Denis",
                        .timezone = "Indian/Reunion"};
    must(db_site_add(h->db, &p, &err), &err, "site");
    must(db_site_add(h->db, &r, &err), &err, "site");
    struct db_service s = {.name = "Accueil"};
    must(db_service_add(h->db, &s, &err), &err, "service");
    struct db_agent ap = {.last_name = "Morel", .service_id = s.id};
    struct db_agent ar = {.last_name = "Payet", .service_id = s.id};
    must(db_agent_add(h->db, &ap, &err), &err, "agent");
    must(db_agent_add(h->db, &ar, &err), &err, "agent");
    must(db_agent_join_site(h->db, ap.id, p.id, &err), &err, "join");
    must(db_agent_join_site(h->db, ar.id, r.id, &err), &err, "join");
    struct db_motif m = {.name = "Accueil", .service_id = s.id,
                         .duration_minutes = 30};
    must(db_motif_add(h->db, &m, &err), &err, "motif");
    /* Sunday hours, 08:00-18:00, at each site (a test, not a real office) */
    struct db_opening op = {.agent_id = ap.id, .site_id = p.id,
                            .rule = {CIVIL_SUNDAY, 480, 1080, 1,
                                     {2026, 1, 4}, {0, 0, 0}}};
    struct db_opening orr = op;
    orr.agent_id = ar.id;
    orr.site_id = r.id;
    must(db_opening_add(h->db, &op, &err), &err, "opening");
    must(db_opening_add(h->db, &orr, &err), &err, "opening");
    h->paris = p.id;
    h->reunion = r.id;
    h->agent_p = ap.id;
    h->agent_r = ar.id;
    h->motif = m.id;
    *state = h;
    return 0;
}

static int teardown(void **state)
{
    struct house *h = *state;
    db_close(h->db);
    nftw(h->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(h);
    return 0;
}

static void assert_now(struct db *db, int64_t site, const char *want)
{
    struct civil_datetime now;
    char text[CIVIL_DATETIME_LEN];
    assert_int_equal(db_site_now(db, site, &now), DB_OK);
    civil_format_datetime(now, text, sizeof text);
    assert_string_equal(text, want);
}

static int64_t book(struct house *h, int64_t site, int64_t agent,
                    const char *start, const char *end)
{
    struct db_appt a;
    memset(&a, 0, sizeof a);
    a.site_id = site;
    a.agent_id = agent;
    a.motif_id = h->motif;
    snprintf(a.starts_at, sizeof a.starts_at, "%s", start);
    snprintf(a.ends_at, sizeof a.ends_at, "%s", end);
    struct db_error err = {0};
    must(db_appt_book(h->db, &a, &err), &err, "book");
    return a.id;
}

static void test_site_now_across_the_change(void **state)
{
    struct house *h = *state;
    set_now("2026-03-29 00:30Z"); /* Paris still on winter time */
    assert_now(h->db, h->paris, "2026-03-29 01:30");
    assert_now(h->db, h->reunion, "2026-03-29 04:30");
    set_now("2026-03-29 01:30Z"); /* an hour later: Paris skipped 02:00-03:00 */
    assert_now(h->db, h->paris, "2026-03-29 03:30");
    assert_now(h->db, h->reunion, "2026-03-29 05:30");
    set_now("2026-03-29 08:30Z");
    assert_now(h->db, h->paris, "2026-03-29 10:30");
    assert_now(h->db, h->reunion, "2026-03-29 12:30");
    /* the machine's own clock is UTC, and is not what a site reads */
    struct civil_datetime machine;
    clock_now(&machine, NULL);
    assert_int_equal(machine.minute, 8 * 60 + 30);
    /* a wall-clock GUICHET_NOW reads the same at every site */
    set_now("2026-03-29 09:15");
    assert_now(h->db, h->paris, "2026-03-29 09:15");
    assert_now(h->db, h->reunion, "2026-03-29 09:15");
}

static void test_arrival_and_no_show_use_the_site_clock(void **state)
{
    struct house *h = *state;
    set_now("2026-03-29 08:30Z"); /* Paris 10:30, Reunion 12:30 */
    int64_t p = book(h, h->paris, h->agent_p, "2026-03-29 10:45",
                     "2026-03-29 11:15");
    int64_t r = book(h, h->reunion, h->agent_r, "2026-03-29 11:00",
                     "2026-03-29 11:30");
    struct db_appt a;
    struct db_error err = {0};
    must(db_appt_get(h->db, p, &a, &err), &err, "get");
    assert_string_equal(a.created_at, "2026-03-29 10:30"); /* Paris time */
    must(db_appt_get(h->db, r, &a, &err), &err, "get");
    assert_string_equal(a.created_at, "2026-03-29 12:30"); /* Reunion time */
    /* 11:00 has passed at Saint-Denis, 10:45 has not in Paris */
    assert_int_equal(db_appt_set_status(h->db, p, 0, APPT_NOSHOW, NULL, &err),
                     DB_ERR_REFUSED);
    must(db_appt_set_status(h->db, r, 0, APPT_NOSHOW, NULL, &err), &err,
         "no-show at Reunion");
    must(db_appt_arrive(h->db, p, 0, 0, NULL, &err), &err, "arrive");
    must(db_appt_get(h->db, p, &a, &err), &err, "get");
    assert_string_equal(a.arrived_at, "2026-03-29 10:30");
}

static void test_to_fill_in_per_site(void **state)
{
    struct house *h = *state;
    set_now("2026-03-29 08:30Z"); /* Paris 10:30, Reunion 12:30 */
    book(h, h->paris, h->agent_p, "2026-03-29 11:00", "2026-03-29 11:30");
    int64_t r = book(h, h->reunion, h->agent_r, "2026-03-29 11:00",
                     "2026-03-29 11:30");
    int64_t p_past = book(h, h->paris, h->agent_p, "2026-03-29 10:00",
                          "2026-03-29 10:30");
    struct db_appt_row *rows = NULL;
    size_t n = 0, total = 0;
    struct db_error err = {0};
    must(db_to_fill_in(h->db, 0, DB_OLDEST_FIRST, 0, 100, &rows, &n, &total,
                       &err), &err, "to fill in");
    assert_int_equal(n, 2);
    assert_int_equal(total, 2);
    int seen_r = 0, seen_p = 0;
    for (size_t i = 0; i < n; i++) {
        seen_r += rows[i].day.appt.id == r;
        seen_p += rows[i].day.appt.id == p_past;
    }
    assert_int_equal(seen_r + seen_p, 2);
    free(rows);
    must(db_to_fill_in(h->db, h->paris, DB_OLDEST_FIRST, 0, 100, &rows, &n,
                       &total, &err), &err, "to fill in, Paris");
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].day.appt.id, p_past);
    free(rows);
}

static void test_slot_finder_starts_at_the_site_now(void **state)
{
    struct house *h = *state;
    set_now("2026-03-29 08:30Z"); /* Paris 10:30, Reunion 12:30 */
    struct db_slot_search q = {.motif_id = h->motif, .site_id = h->reunion,
                               .days = 1};
    struct slot *slots = NULL;
    size_t n = 0;
    struct db_error err = {0};
    must(db_slots_find(h->db, &q, 5, &slots, &n, &err), &err, "slots");
    assert_true(n > 0);
    assert_int_equal(slots[0].start.minute, 12 * 60 + 30);
    free(slots);
    /* at any site: each site's slots start at its own now */
    q.site_id = 0;
    must(db_slots_find(h->db, &q, 100, &slots, &n, &err), &err, "slots");
    int first_p = -1, first_r = -1;
    for (size_t i = 0; i < n; i++) {
        if (slots[i].site_id == h->paris && first_p < 0)
            first_p = slots[i].start.minute;
        if (slots[i].site_id == h->reunion && first_r < 0)
            first_r = slots[i].start.minute;
    }
    assert_int_equal(first_p, 10 * 60 + 30);
    assert_int_equal(first_r, 12 * 60 + 30);
    free(slots);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    set_now("2026-03-29 08:30Z");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_site_now_across_the_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_arrival_and_no_show_use_the_site_clock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_to_fill_in_per_site, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slot_finder_starts_at_the_site_now, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
