/* test_structure.c - sites, services, agents, motifs, opening hours and
 * people on a real file: what goes in comes back, duplicates and unknown
 * references are refused with a status naming what, invalid text never
 * reaches the file, and each write leaves one audit row signed by the
 * actor. */
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

struct fx {
    char dir[64];
    char path[128];
    struct db *db;
    int64_t service;
};

static int rm_entry(const char *p, const struct stat *sb, int flag,
                    struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/guichet-struct-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/test.db", fx->dir);
    struct db_open_options o = {.create = 1};
    if (db_open(fx->path, &o, &fx->db, NULL) != DB_OK)
        return -1;
    db_set_actor(fx->db, "accueil1");
    struct db_service s = {.name = "Accueil social"};
    if (db_service_add(fx->db, &s, NULL) != DB_OK)
        return -1;
    fx->service = s.id;
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

static long writes(struct fx *fx)
{
    return raw_int(fx->db->conn, "SELECT (SELECT count(*) FROM site)"
                   " + (SELECT count(*) FROM service) + (SELECT count(*) FROM agent)"
                   " + (SELECT count(*) FROM motif) + (SELECT count(*) FROM beneficiary)"
                   " + (SELECT count(*) FROM opening_hours)"
                   " + (SELECT count(*) FROM agent_site) + (SELECT count(*) FROM audit)");
}

static void expect_error(int rc, const struct db_error *err, int status,
                         const char *detail)
{
    if (rc != status || !strstr(err->detail, detail))
        fail_msg("got %d '%s', expected %d '%s'", rc, err->detail, status,
                 detail);
}

/* ---- sites ------------------------------------------------------------- */

static void test_sites(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_site nord = {.name = "MDS Nord", .address = "3 rue des Lilas"};
    struct db_site col = {.name = "Collège Jean Moulin", .kind = DB_SITE_COLLEGE,
                          .timezone = "Europe/Paris"};
    assert_int_equal(db_site_add(fx->db, &nord, &err), DB_OK);
    assert_int_equal(db_site_add(fx->db, &col, &err), DB_OK);
    assert_string_equal(nord.timezone, "Europe/Paris"); /* default filled in */

    struct db_site *list = NULL;
    size_t n = 0;
    assert_int_equal(db_site_list(fx->db, &list, &n, &err), DB_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].name, "Collège Jean Moulin"); /* by name */
    assert_int_equal(list[0].kind, DB_SITE_COLLEGE);
    assert_string_equal(list[1].name, "MDS Nord");
    assert_string_equal(list[1].address, "3 rue des Lilas");
    assert_int_equal(list[1].kind, DB_SITE_SOCIAL);
    free(list);

    struct db_site found;
    assert_int_equal(db_site_find(fx->db, "MDS Nord", &found, &err), DB_OK);
    assert_int_equal(found.id, nord.id);
    expect_error(db_site_find(fx->db, "MDS Sud", &found, &err), &err,
                 DB_ERR_NO_ROW, "MDS Sud");

    long before = writes(fx);
    struct db_site dup = {.name = "MDS Nord"};
    expect_error(db_site_add(fx->db, &dup, &err), &err, DB_ERR_DUPLICATE,
                 "MDS Nord");
    assert_int_equal(writes(fx), before);
}

static void test_site_invalid_text(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    long before = writes(fx);
    struct db_site s = {.name = ""};
    expect_error(db_site_add(fx->db, &s, &err), &err, DB_ERR_INVALID,
                 "site name");
    s = (struct db_site){.name = "   "};
    expect_error(db_site_add(fx->db, &s, &err), &err, DB_ERR_INVALID,
                 "site name");
    s = (struct db_site){.name = "Site\x1b]0;pwned\x07"};
    expect_error(db_site_add(fx->db, &s, &err), &err, DB_ERR_INVALID,
                 "site name");
    s = (struct db_site){.name = "Site", .address = "ligne 1\nligne 2"};
    expect_error(db_site_add(fx->db, &s, &err), &err, DB_ERR_INVALID,
                 "address");
    memset(s.name, 'a', sizeof s.name); /* no terminating NUL */
    s.address[0] = '\0';
    expect_error(db_site_add(fx->db, &s, &err), &err, DB_ERR_INVALID,
                 "site name");
    s = (struct db_site){.name = "Site", .timezone = "Europe/Paris'; --"};
    expect_error(db_site_add(fx->db, &s, &err), &err, DB_ERR_INVALID,
                 "time zone");
    s = (struct db_site){.name = "Site", .kind = (enum db_site_kind)5};
    expect_error(db_site_add(fx->db, &s, &err), &err, DB_ERR_INVALID,
                 "site kind");
    assert_int_equal(writes(fx), before);
    /* 127 bytes of accented letters and one ASCII: fits exactly. */
    s = (struct db_site){.name = ""};
    for (int i = 0; i < 63; i++)
        strcat(s.name, "é");
    strcat(s.name, "e");
    assert_int_equal(strlen(s.name), 127);
    assert_int_equal(db_site_add(fx->db, &s, &err), DB_OK);
}

/* ---- agents ------------------------------------------------------------ */

static int64_t add_agent(struct fx *fx, const char *last, const char *first,
                         const char *login)
{
    struct db_agent a = {.service_id = fx->service};
    struct db_error err = {0};
    snprintf(a.last_name, sizeof a.last_name, "%s", last);
    snprintf(a.first_name, sizeof a.first_name, "%s", first);
    snprintf(a.login, sizeof a.login, "%s", login);
    if (db_agent_add(fx->db, &a, &err) != DB_OK)
        fail_msg("agent %s: %s", last, err.detail);
    return a.id;
}

static void test_agents_and_sites(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_site site = {.name = "MDS Centre"}, other = {.name = "MDS Est"};
    assert_int_equal(db_site_add(fx->db, &site, &err), DB_OK);
    assert_int_equal(db_site_add(fx->db, &other, &err), DB_OK);
    int64_t martin = add_agent(fx, "Martin", "Zoé", "zmartin");
    int64_t durand = add_agent(fx, "durand", "Benoît", "");
    int64_t dubois = add_agent(fx, "Dubois", "Chloé", ""); /* two empty logins */
    int64_t leroy = add_agent(fx, "Leroy", "Paul", "pleroy");

    long before = writes(fx);
    struct db_agent dup = {.last_name = "Autre", .login = "zmartin"};
    expect_error(db_agent_add(fx->db, &dup, &err), &err, DB_ERR_DUPLICATE,
                 "zmartin");
    struct db_agent orphan = {.last_name = "Autre", .service_id = 999};
    expect_error(db_agent_add(fx->db, &orphan, &err), &err, DB_ERR_NO_ROW,
                 "service 999");
    struct db_agent nameless = {.first_name = "Anne"};
    expect_error(db_agent_add(fx->db, &nameless, &err), &err, DB_ERR_INVALID,
                 "last name");
    assert_int_equal(writes(fx), before);

    assert_int_equal(db_agent_join_site(fx->db, martin, site.id, &err), DB_OK);
    assert_int_equal(db_agent_join_site(fx->db, durand, site.id, &err), DB_OK);
    assert_int_equal(db_agent_join_site(fx->db, dubois, site.id, &err), DB_OK);
    assert_int_equal(db_agent_join_site(fx->db, leroy, other.id, &err), DB_OK);
    before = writes(fx);
    assert_int_equal(db_agent_join_site(fx->db, martin, site.id, &err), DB_OK);
    assert_int_equal(writes(fx), before); /* joining twice changes nothing */
    expect_error(db_agent_join_site(fx->db, martin, 999, &err), &err,
                 DB_ERR_NO_ROW, "site 999");
    expect_error(db_agent_join_site(fx->db, 999, site.id, &err), &err,
                 DB_ERR_NO_ROW, "agent 999");

    struct db_agent *list = NULL;
    size_t n = 0;
    assert_int_equal(db_site_agents(fx->db, site.id, &list, &n, &err), DB_OK);
    assert_int_equal(n, 3); /* Leroy works elsewhere */
    assert_string_equal(list[0].last_name, "Dubois"); /* case-insensitive */
    assert_string_equal(list[1].last_name, "durand");
    assert_string_equal(list[2].last_name, "Martin");
    assert_string_equal(list[2].first_name, "Zoé");
    assert_int_equal(list[2].service_id, fx->service);
    free(list);

    struct db_agent found;
    assert_int_equal(db_agent_find_login(fx->db, "pleroy", &found, &err), DB_OK);
    assert_int_equal(found.id, leroy);
    expect_error(db_agent_find_login(fx->db, "", &found, &err), &err,
                 DB_ERR_NO_ROW, "login");
    expect_error(db_agent_find_login(fx->db, "nobody", &found, &err), &err,
                 DB_ERR_NO_ROW, "nobody");
}

/* ---- motifs ------------------------------------------------------------ */

static void test_motifs(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_service pmi = {.name = "PMI"};
    assert_int_equal(db_service_add(fx->db, &pmi, &err), DB_OK);
    struct db_motif a = {.name = "Consultation", .service_id = pmi.id,
                         .duration_minutes = 45, .colour = "#AA3300",
                         .location = DB_LOC_HOME};
    struct db_motif b = {.name = "Consultation", .service_id = fx->service,
                         .duration_minutes = 20, .location = DB_LOC_PHONE};
    assert_int_equal(db_motif_add(fx->db, &a, &err), DB_OK);
    assert_int_equal(db_motif_add(fx->db, &b, &err), DB_OK); /* other service */
    assert_string_equal(b.colour, "#808080");

    long before = writes(fx);
    struct db_motif dup = {.name = "Consultation", .service_id = pmi.id,
                           .duration_minutes = 30};
    expect_error(db_motif_add(fx->db, &dup, &err), &err, DB_ERR_DUPLICATE,
                 "Consultation");
    struct db_motif bad = {.name = "X", .service_id = pmi.id,
                           .duration_minutes = 30, .colour = "rouge"};
    expect_error(db_motif_add(fx->db, &bad, &err), &err, DB_ERR_INVALID,
                 "colour");
    bad = (struct db_motif){.name = "X", .service_id = pmi.id,
                            .duration_minutes = 0};
    expect_error(db_motif_add(fx->db, &bad, &err), &err, DB_ERR_INVALID,
                 "duration");
    bad = (struct db_motif){.name = "X", .service_id = 999,
                            .duration_minutes = 30};
    expect_error(db_motif_add(fx->db, &bad, &err), &err, DB_ERR_NO_ROW,
                 "service 999");
    bad = (struct db_motif){.name = "X", .service_id = pmi.id,
                            .duration_minutes = 30,
                            .location = (enum db_location)9};
    expect_error(db_motif_add(fx->db, &bad, &err), &err, DB_ERR_INVALID,
                 "location");
    assert_int_equal(writes(fx), before);

    struct db_motif *list = NULL;
    size_t n = 0;
    assert_int_equal(db_motif_list(fx->db, &list, &n, &err), DB_OK);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        const struct db_motif *want = list[i].id == a.id ? &a : &b;
        assert_int_equal(list[i].service_id, want->service_id);
        assert_int_equal(list[i].duration_minutes, want->duration_minutes);
        assert_string_equal(list[i].colour, want->colour);
        assert_int_equal(list[i].location, want->location);
    }
    free(list);
}

/* ---- opening hours ----------------------------------------------------- */

static void test_openings(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_site site = {.name = "MDS Centre"};
    assert_int_equal(db_site_add(fx->db, &site, &err), DB_OK);
    int64_t ag = add_agent(fx, "Martin", "Zoé", "");
    /* Mondays 9:00-12:30 from Monday 5 January 2026, open-ended. */
    struct db_opening weekly = {.agent_id = ag, .site_id = site.id,
        .rule = {CIVIL_MONDAY, 540, 750, 1, {2026, 1, 5}, {0, 0, 0}}};
    /* Tuesdays 13:30-17:00 every other week, until 23 June 2026. */
    struct db_opening fortnight = {.agent_id = ag, .site_id = site.id,
        .rule = {CIVIL_TUESDAY, 810, 1020, 2, {2026, 1, 6}, {2026, 6, 23}}};
    assert_int_equal(db_opening_add(fx->db, &weekly, &err), DB_OK);
    assert_int_equal(db_opening_add(fx->db, &fortnight, &err), DB_OK);
    assert_true(weekly.id > 0 && fortnight.id > weekly.id);

    long before = writes(fx);
    struct db_opening bad = weekly;
    bad.rule.end_minute = 500; /* before the start */
    expect_error(db_opening_add(fx->db, &bad, &err), &err, DB_ERR_INVALID,
                 "opening");
    bad = weekly;
    bad.agent_id = 999;
    expect_error(db_opening_add(fx->db, &bad, &err), &err, DB_ERR_NO_ROW,
                 "agent 999");
    assert_int_equal(writes(fx), before);

    static const struct {
        struct civil_date day;
        int64_t expect; /* 0: none, 1: weekly, 2: fortnight */
    } days[] = {
        {{2026, 1, 5}, 1},  {{2026, 11, 23}, 1}, {{2025, 12, 29}, 0},
        {{2026, 1, 6}, 2},  {{2026, 1, 13}, 0},  {{2026, 1, 20}, 2},
        {{2026, 6, 23}, 2}, {{2026, 6, 30}, 0},  {{2026, 7, 7}, 0},
        {{2026, 1, 7}, 0},
    };
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        struct db_opening *list = NULL;
        size_t n = 0;
        assert_int_equal(db_site_openings(fx->db, site.id, days[i].day, &list,
                                          &n, &err), DB_OK);
        if (days[i].expect == 0) {
            if (n != 0)
                fail_msg("%d-%02d-%02d: %zu rules, expected none",
                         days[i].day.year, days[i].day.month, days[i].day.day,
                         n);
        } else {
            const struct db_opening *want =
                days[i].expect == 1 ? &weekly : &fortnight;
            assert_int_equal(n, 1);
            assert_int_equal(list[0].id, want->id);
            assert_int_equal(list[0].agent_id, ag);
            assert_int_equal(list[0].rule.start_minute, want->rule.start_minute);
            assert_int_equal(list[0].rule.end_minute, want->rule.end_minute);
            assert_int_equal(list[0].rule.every_weeks, want->rule.every_weeks);
            assert_int_equal(list[0].rule.valid_until.year,
                             want->rule.valid_until.year);
        }
        free(list);
    }
}

/* ---- people ------------------------------------------------------------ */

static void test_people(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_person mother = {.last_name = "Lefèvre", .first_name = "Hélène",
        .birth_name = "Œuvray", .birth_date = "03/04/1985",
        .phone = "06 39 98 12 34", .email = "helene.lefevre@example.fr",
        .address = "12 rue des Écoles, Villeneuve",
        .notes = "Préfère les rendez-vous le matin.\nVient avec sa fille.",
        .notify_sms = 1, .notify_email = 5};
    assert_int_equal(db_person_add(fx->db, &mother, &err), DB_OK);
    assert_int_equal(mother.version, 1);
    assert_string_equal(mother.birth_date, "1985-04-03"); /* normalised */
    struct db_person child = {.last_name = "LEFÈVRE", .first_name = "Zoé",
                              .responsible_id = mother.id};
    assert_int_equal(db_person_add(fx->db, &child, &err), DB_OK);

    struct db_person got;
    assert_int_equal(db_person_get(fx->db, mother.id, &got, &err), DB_OK);
    assert_string_equal(got.last_name, "Lefèvre");
    assert_string_equal(got.birth_name, "Œuvray");
    assert_string_equal(got.birth_date, "1985-04-03");
    assert_string_equal(got.phone, "0639981234"); /* stored as digits */
    assert_string_equal(got.email, "helene.lefevre@example.fr");
    assert_string_equal(got.address, "12 rue des Écoles, Villeneuve");
    assert_string_equal(got.notes, mother.notes);
    assert_int_equal(got.notify_sms, 1);
    assert_int_equal(got.notify_email, 1);
    assert_int_equal(got.responsible_id, 0);
    assert_int_equal(got.version, 1);
    assert_int_equal(db_person_get(fx->db, child.id, &got, &err), DB_OK);
    assert_int_equal(got.responsible_id, mother.id);
    assert_string_equal(got.birth_date, "");

    /* The stored search key is folded: accents and capitals gone. */
    assert_int_equal(raw_int(fx->db->conn, "SELECT count(*) FROM beneficiary"
                             " WHERE search_key = 'lefevre helene oeuvray'"), 1);
    assert_int_equal(raw_int(fx->db->conn, "SELECT count(*) FROM beneficiary"
                             " WHERE search_key = 'lefevre zoe'"), 1);

    long before = writes(fx);
    struct db_person bad = {.last_name = "Petit", .birth_date = "31/02/1990"};
    expect_error(db_person_add(fx->db, &bad, &err), &err, DB_ERR_INVALID,
                 "birth date");
    bad = (struct db_person){.last_name = "Petit", .responsible_id = 999};
    expect_error(db_person_add(fx->db, &bad, &err), &err, DB_ERR_NO_ROW,
                 "responsible person 999");
    bad = (struct db_person){.last_name = "Petit", .phone = "06\t12"};
    expect_error(db_person_add(fx->db, &bad, &err), &err, DB_ERR_INVALID,
                 "phone");
    bad = (struct db_person){.first_name = "Jean"};
    expect_error(db_person_add(fx->db, &bad, &err), &err, DB_ERR_INVALID,
                 "last name");
    bad = (struct db_person){.last_name = "Petit", .notes = "a\x7f"};
    expect_error(db_person_add(fx->db, &bad, &err), &err, DB_ERR_INVALID,
                 "notes");
    assert_int_equal(writes(fx), before);
    expect_error(db_person_get(fx->db, 999, &got, &err), &err, DB_ERR_NO_ROW,
                 "999");
}

/* ---- audit ------------------------------------------------------------- */

static void test_audit_rows(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    struct db_site site = {.name = "MDS Ouest"};
    assert_int_equal(db_site_add(fx->db, &site, &err), DB_OK);
    int64_t ag = add_agent(fx, "Roux", "Inès", "iroux");
    db_set_actor(fx->db, "iroux");
    assert_int_equal(db_agent_join_site(fx->db, ag, site.id, &err), DB_OK);

    struct db_audit_entry *e = NULL;
    size_t n = 0;
    assert_int_equal(db_audit_for(fx->db, "agent", ag, &e, &n, &err), DB_OK);
    assert_int_equal(n, 2);
    assert_string_equal(e[0].action, "join"); /* newest first */
    assert_string_equal(e[0].actor, "iroux");
    assert_string_equal(e[1].action, "create");
    assert_string_equal(e[1].actor, "accueil1");
    /* An instant in UTC: 08:30 in Paris (TZ, main) is 07:30 UTC. */
    assert_string_equal(e[1].at, "2026-11-25T07:30:00+00:00");
    assert_non_null(strstr(e[1].detail, "Roux"));
    free(e);
    assert_int_equal(db_audit_for(fx->db, "site", site.id, &e, &n, &err), DB_OK);
    assert_int_equal(n, 1);
    free(e);
    assert_int_equal(db_audit_for(fx->db, "site", 999, &e, &n, &err), DB_OK);
    assert_int_equal(n, 0);
    assert_null(e);

    /* The actor is kept printable and within its field. */
    db_set_actor(fx->db, "bad\x1b[31mactor");
    assert_null(strchr(fx->db->actor, '\x1b'));
    char longname[200];
    memset(longname, 'x', sizeof longname - 3);
    strcpy(longname + sizeof longname - 3, "é");
    db_set_actor(fx->db, longname);
    assert_true(strlen(fx->db->actor) < DB_SHORT_LEN);
}

int main(void)
{
    setenv("GUICHET_NOW", "2026-11-25 08:30", 1);
    setenv("TZ", "Europe/Paris", 1); /* the wall clock's zone: audit times */
    tzset();
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_sites),
        T(test_site_invalid_text),
        T(test_agents_and_sites),
        T(test_motifs),
        T(test_openings),
        T(test_people),
        T(test_audit_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
