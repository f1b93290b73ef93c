/* house_fixture.h - the small house the storage tests of the front desk work in:
 * a real temporary SQLite file with two sites, one service, three agents
 * (two at Centre, one at Nord), two motifs, weekday opening hours 9:00-12:00
 * and 14:00-17:00 for the Centre agents, and a few people with generated
 * names. The clock is fixed by GUICHET_NOW = FX_NOW (a Wednesday), set by
 * each test's main() before anything reads it.
 * Included by one test file each (static helpers). */
#ifndef GUICHET_TESTS_HOUSE_FIXTURE_H
#define GUICHET_TESTS_HOUSE_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage/rows.h"

#define FX_NOW "2026-11-25 10:00"

struct fx {
    char dir[64];
    char path[128];
    struct db *db;
    int64_t centre, nord, service, agent1, agent2, agent3;
    int64_t motif, motif_long, opening_am, opening_pm;
    int64_t helene, jean, pierre;
};

static int fx_rm_entry(const char *p, const struct stat *sb, int flag,
                       struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

static void fx_must(int rc, const struct db_error *err, const char *what)
{
    if (rc != DB_OK)
        fail_msg("%s: status %d: %s", what, rc, err->detail);
}

static struct opening_rule fx_rule(int weekday, int start, int end)
{
    struct opening_rule r = {(enum civil_weekday)weekday, start, end, 1,
                             {2026, 1, 5}, {0, 0, 0}};
    return r;
}

__attribute__((unused)) static struct db_person fx_person(const char *last, const char *first,
                                  const char *birth, const char *phone,
                                  const char *email)
{
    struct db_person p;
    memset(&p, 0, sizeof p);
    snprintf(p.last_name, sizeof p.last_name, "%s", last);
    snprintf(p.first_name, sizeof p.first_name, "%s", first);
    snprintf(p.birth_date, sizeof p.birth_date, "%s", birth);
    snprintf(p.phone, sizeof p.phone, "%s", phone);
    snprintf(p.email, sizeof p.email, "%s", email);
    return p;
}

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    struct db_error err = {0};
    snprintf(fx->dir, sizeof fx->dir, "/tmp/guichet-desk-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/test.db", fx->dir);
    struct db_open_options o = {.create = 1};
    fx_must(db_open(fx->path, &o, &fx->db, &err), &err, "open");
    db_set_actor(fx->db, "accueil1");

    struct db_site s1 = {.name = "MDS Centre"}, s2 = {.name = "MDS Nord"};
    fx_must(db_site_add(fx->db, &s1, &err), &err, "site");
    fx_must(db_site_add(fx->db, &s2, &err), &err, "site");
    struct db_service svc = {.name = "Accueil social"};
    fx_must(db_service_add(fx->db, &svc, &err), &err, "service");
    struct db_agent a1 = {.last_name = "Morel", .first_name = "Claire",
                          .login = "cmorel", .service_id = svc.id};
    struct db_agent a2 = {.last_name = "Garnier", .first_name = "Paul",
                          .service_id = svc.id};
    struct db_agent a3 = {.last_name = "Roux", .first_name = "Anne",
                          .service_id = svc.id};
    fx_must(db_agent_add(fx->db, &a1, &err), &err, "agent");
    fx_must(db_agent_add(fx->db, &a2, &err), &err, "agent");
    fx_must(db_agent_add(fx->db, &a3, &err), &err, "agent");
    fx_must(db_agent_join_site(fx->db, a1.id, s1.id, &err), &err, "join");
    fx_must(db_agent_join_site(fx->db, a2.id, s1.id, &err), &err, "join");
    fx_must(db_agent_join_site(fx->db, a3.id, s2.id, &err), &err, "join");
    struct db_motif m = {.name = "Premier accueil", .service_id = svc.id,
                         .duration_minutes = 30, .colour = "#3366cc"};
    struct db_motif m2 = {.name = "Instruction RSA", .service_id = svc.id,
                          .duration_minutes = 60, .colour = "#cc6633"};
    fx_must(db_motif_add(fx->db, &m, &err), &err, "motif");
    fx_must(db_motif_add(fx->db, &m2, &err), &err, "motif");
    for (int day = 1; day <= 5; day++) {
        int64_t agents[2] = {a1.id, a2.id};
        for (int k = 0; k < 2; k++) {
            struct db_opening am = {.agent_id = agents[k], .site_id = s1.id,
                                    .rule = fx_rule(day, 540, 720)};
            struct db_opening pm = {.agent_id = agents[k], .site_id = s1.id,
                                    .rule = fx_rule(day, 840, 1020)};
            fx_must(db_opening_add(fx->db, &am, &err), &err, "opening");
            fx_must(db_opening_add(fx->db, &pm, &err), &err, "opening");
            if (day == 1 && k == 0) {
                fx->opening_am = am.id;
                fx->opening_pm = pm.id;
            }
        }
    }
    struct db_person h = fx_person("Lefèvre", "Hélène", "1980-03-12",
                                   "06 12 34 56 78", "helene.lefevre@example.org");
    struct db_person j = fx_person("Dupont-Martin", "Jean-Pierre", "",
                                   "+33 7 11 22 33 44", "");
    struct db_person p = fx_person("Durand", "Pierre", "1975-07-01", "", "");
    fx_must(db_person_add(fx->db, &h, &err), &err, "person");
    fx_must(db_person_add(fx->db, &j, &err), &err, "person");
    fx_must(db_person_add(fx->db, &p, &err), &err, "person");
    fx->centre = s1.id;
    fx->nord = s2.id;
    fx->service = svc.id;
    fx->agent1 = a1.id;
    fx->agent2 = a2.id;
    fx->agent3 = a3.id;
    fx->motif = m.id;
    fx->motif_long = m2.id;
    fx->helene = h.id;
    fx->jean = j.id;
    fx->pierre = p.id;
    *state = fx;
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *fx = *state;
    if (fx->db) /* every test must leave no transaction open */
        assert_true(sqlite3_get_autocommit(fx->db->conn));
    db_close(fx->db);
    nftw(fx->dir, fx_rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return 0;
}

/* A second connection to the same file (another desk). */
__attribute__((unused)) static struct db *fx_open_other(struct fx *fx, const char *actor)
{
    struct db *db = NULL;
    struct db_error err = {0};
    struct db_open_options o = {0};
    fx_must(db_open(fx->path, &o, &db, &err), &err, "open other");
    db_set_actor(db, actor);
    return db;
}

__attribute__((unused)) static long fx_int(struct db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long v = -1;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db->conn));
    if (sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The whole content of the file as text (every table, in order): compared
 * before and after a refused change, it proves nothing was written. */
__attribute__((unused)) static char *fx_dump(struct db *db)
{
    static const char sql[] =
        "SELECT group_concat(x, char(10)) FROM ("
        " SELECT 'A' || quote(id) || quote(site_id) || quote(agent_id) ||"
        "  quote(motif_id) || quote(beneficiary_id) || starts_at || ends_at ||"
        "  status || overbooked || quote(context) || quote(arrived_at) ||"
        "  created_at || created_by || version || quote(cancel_reason) ||"
        "  quote(seen_at) AS x FROM appointment"
        " UNION ALL SELECT 'B' || id || last_name || first_name || birth_name"
        "  || quote(birth_date) || phone || email || address || notes ||"
        "  quote(phone_digits) || search_key || version FROM beneficiary"
        " UNION ALL SELECT 'W' || word || person_id FROM person_word"
        " UNION ALL SELECT 'U' || id || at || actor || entity || entity_id ||"
        "  action || detail FROM audit"
        " UNION ALL SELECT 'S' || id || name || address || version FROM site"
        " UNION ALL SELECT 'G' || id || last_name || login || version FROM agent"
        " UNION ALL SELECT 'M' || id || name || duration_minutes || version"
        "  FROM motif"
        " UNION ALL SELECT 'O' || id || agent_id || weekday || start_minute ||"
        "  end_minute || version FROM opening_hours"
        " UNION ALL SELECT 'X' || opening_id || motif_id FROM opening_hours_motif"
        " UNION ALL SELECT 'Z' || id || kind || quote(starts_at) ||"
        "  quote(ends_at) || reason || version FROM absence"
        " ORDER BY 1)";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("dump: %s", sqlite3_errmsg(db->conn));
    char *out = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        out = strdup(t ? t : "");
    }
    sqlite3_finalize(st);
    assert_non_null(out);
    return out;
}

/* Books an appointment of the Centre with the first motif. */
__attribute__((unused)) static int64_t fx_book(struct fx *fx, int64_t agent, int64_t person,
                       const char *start, const char *end)
{
    struct db_appt a;
    memset(&a, 0, sizeof a);
    a.site_id = fx->centre;
    a.agent_id = agent;
    a.motif_id = fx->motif;
    a.person_id = person;
    snprintf(a.starts_at, sizeof a.starts_at, "%s", start);
    snprintf(a.ends_at, sizeof a.ends_at, "%s", end);
    struct db_error err = {0};
    fx_must(db_appt_book(fx->db, &a, &err), &err, "book");
    return a.id;
}

__attribute__((unused)) static struct db_appt fx_get(struct fx *fx, int64_t id)
{
    struct db_appt a;
    struct db_error err = {0};
    fx_must(db_appt_get(fx->db, id, &a, &err), &err, "get");
    return a;
}

#endif
