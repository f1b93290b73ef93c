/* test_structure_save.c - tui/structure_save.c: how the structure forms
 * write, on a real temporary SQLite file. A new row is added, an edit
 * carries the version its form was opened on, and when another desk saved
 * first nothing is written and the conflict says who and what; re-applying
 * with the current version then succeeds. An agent's ticked sites become
 * joins and leaves, an opening's ticked motifs its motif set; bad input
 * writes nothing. */
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

#include "../../tui/structure_int.h"

struct ctx {
    char dir[64];
    char path[128];
    struct db *db;
    struct db *other; /* a second desk on the same file */
    struct ui_app app;
};

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    assert_non_null(c);
    snprintf(c->dir, sizeof c->dir, "/tmp/guichet-structure-XXXXXX");
    assert_non_null(mkdtemp(c->dir));
    snprintf(c->path, sizeof c->path, "%s/test.db", c->dir);
    struct db_open_options o = {.create = 1};
    struct db_error err = {0};
    assert_int_equal(db_open(c->path, &o, &c->db, &err), DB_OK);
    struct db_open_options o2 = {0};
    assert_int_equal(db_open(c->path, &o2, &c->other, &err), DB_OK);
    db_set_actor(c->db, "marie");
    db_set_actor(c->other, "paul");
    c->app.db = c->db;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    db_close(c->db);
    db_close(c->other);
    nftw(c->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(c);
    return 0;
}

static struct st_edit *edit(enum st_section s, int64_t id, int64_t agent)
{
    struct st_edit *e = calloc(1, sizeof *e);
    assert_non_null(e);
    e->section = s;
    e->id = id;
    e->agent_id = agent;
    return e;
}

static int64_t version_of(struct ctx *c, const char *entity, int64_t id)
{
    int64_t v = -1;
    assert_int_equal(db_row_version(c->db, entity, id, &v, NULL), DB_OK);
    return v;
}

static int64_t add_site(struct ctx *c, const char *name)
{
    struct st_edit *e = edit(ST_SITES, 0, 0);
    snprintf(e->v.site.name, sizeof e->v.site.name, "%s", name);
    e->v.site.kind = DB_SITE_COLLEGE;
    struct db_error err = {0};
    assert_int_equal(st_apply(&c->app, e, &err), DB_OK);
    int64_t id = e->id;
    assert_true(id > 0);
    free(e);
    return id;
}

static void test_site_added_then_conflict_then_reapplied(void **state)
{
    struct ctx *c = *state;
    int64_t id = add_site(c, "Collège Jean Moulin");
    struct db_site s;
    assert_int_equal(db_site_get(c->db, id, &s, NULL), DB_OK);
    assert_int_equal(s.kind, DB_SITE_COLLEGE);
    assert_string_equal(s.timezone, "Europe/Paris");

    /* Marie opens the form (version 1)... */
    struct st_edit *mine = edit(ST_SITES, id, 0);
    mine->version = version_of(c, "site", id);
    mine->v.site = s;
    snprintf(mine->v.site.address, sizeof mine->v.site.address, "%s", "2 rue des Écoles");
    /* ...while Paul, at another desk, renames the site. */
    struct db_site other = s;
    snprintf(other.name, sizeof other.name, "%s", "Collège J. Moulin");
    assert_int_equal(db_site_update(c->other, &other, 1, NULL, NULL), DB_OK);

    struct db_error err = {0};
    assert_int_equal(st_apply(&c->app, mine, &err), DB_ERR_CONFLICT);
    assert_int_equal(mine->conflict.seen_version, 1);
    assert_int_equal(mine->conflict.current_version, 2);
    assert_true(mine->conflict.has_audit);
    assert_string_equal(mine->conflict.last.actor, "paul");
    assert_string_equal(mine->conflict.last.action, "edit");
    assert_non_null(strstr(mine->conflict.last.detail, "Collège J. Moulin"));
    /* Nothing of Marie's was written. */
    assert_int_equal(db_site_get(c->db, id, &s, NULL), DB_OK);
    assert_string_equal(s.address, "");
    assert_string_equal(s.name, "Collège J. Moulin");

    /* Re-apply: her values over his, with the version now in the file. */
    mine->version = mine->conflict.current_version;
    memset(&err, 0, sizeof err);
    assert_int_equal(st_apply(&c->app, mine, &err), DB_OK);
    assert_int_equal(db_site_get(c->db, id, &s, NULL), DB_OK);
    assert_string_equal(s.address, "2 rue des Écoles");
    assert_string_equal(s.name, "Collège Jean Moulin");
    assert_int_equal(version_of(c, "site", id), 3);
    free(mine);
}

static void test_agent_sites_join_and_leave(void **state)
{
    struct ctx *c = *state;
    int64_t a = add_site(c, "MDS Centre"), b = add_site(c, "MDS Nord");
    struct st_edit *e = edit(ST_AGENTS, 0, 0);
    snprintf(e->v.agent.last_name, sizeof e->v.agent.last_name, "%s", "Zeller");
    snprintf(e->v.agent.first_name, sizeof e->v.agent.first_name, "%s", "Camille");
    e->site_count = 2;
    e->sites[0] = a;
    e->sites[1] = b;
    e->wants_site[0] = 1;
    struct db_error err = {0};
    assert_int_equal(st_apply(&c->app, e, &err), DB_OK);
    int64_t agent = e->id;
    int64_t *ids = NULL;
    size_t n = 0;
    assert_int_equal(db_agent_sites(c->db, agent, &ids, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], a);
    free(ids);

    /* The same form, saved again with the other box ticked instead. */
    e->wants_site[0] = 0;
    e->wants_site[1] = 1;
    assert_int_equal(st_apply(&c->app, e, &err), DB_OK);
    assert_int_equal(db_agent_sites(c->db, agent, &ids, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], b);
    free(ids);
    free(e);
}

static void test_opening_motif_set_and_bad_input(void **state)
{
    struct ctx *c = *state;
    int64_t site = add_site(c, "MDS Centre");
    struct db_service svc = {0};
    snprintf(svc.name, sizeof svc.name, "%s", "Espace jeunes");
    assert_int_equal(db_service_add(c->db, &svc, NULL), DB_OK);
    struct db_agent ag = {0};
    snprintf(ag.last_name, sizeof ag.last_name, "%s", "Zeller");
    assert_int_equal(db_agent_add(c->db, &ag, NULL), DB_OK);

    /* A motif with a bad colour: refused, nothing written. */
    struct st_edit *m = edit(ST_MOTIFS, 0, 0);
    snprintf(m->v.motif.name, sizeof m->v.motif.name, "%s", "Atelier CV");
    m->v.motif.service_id = svc.id;
    m->v.motif.duration_minutes = 60;
    snprintf(m->v.motif.colour, sizeof m->v.motif.colour, "%s", "rouge");
    struct db_error err = {0};
    assert_int_equal(st_apply(&c->app, m, &err), DB_ERR_INVALID);
    assert_int_equal(m->id, 0);
    struct db_motif *motifs = NULL;
    size_t n = 0;
    assert_int_equal(db_motif_list(c->db, &motifs, &n, NULL), DB_OK);
    assert_int_equal(n, 0);
    free(motifs);
    snprintf(m->v.motif.colour, sizeof m->v.motif.colour, "%s", "#2a9d8f");
    assert_int_equal(st_apply(&c->app, m, &err), DB_OK);
    int64_t motif = m->id;
    free(m);

    /* Opening hours for that motif only. */
    struct st_edit *o = edit(ST_HOURS, 0, ag.id);
    o->v.opening.site_id = site;
    o->v.opening.rule = (struct opening_rule){CIVIL_WEDNESDAY, 540, 750, 2, {2026, 11, 25},
                                              {0, 0, 0}};
    o->motif_count = 1;
    o->motifs[0] = motif;
    o->wants_motif[0] = 1;
    assert_int_equal(st_apply(&c->app, o, &err), DB_OK);
    int64_t *ids = NULL;
    assert_int_equal(db_opening_motifs(c->db, o->id, &ids, &n, NULL), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], motif);
    free(ids);
    struct db_opening back;
    assert_int_equal(db_opening_get(c->db, o->id, &back, NULL), DB_OK);
    assert_int_equal(back.agent_id, ag.id);
    assert_int_equal(back.rule.every_weeks, 2);

    /* Untick: every motif again, in the same form (its version followed). */
    o->wants_motif[0] = 0;
    assert_int_equal(st_apply(&c->app, o, &err), DB_OK);
    assert_int_equal(db_opening_motifs(c->db, o->id, &ids, &n, NULL), DB_OK);
    assert_int_equal(n, 0);
    free(ids);

    /* End before start: storage refuses, the row keeps its hours. */
    o->v.opening.rule.end_minute = 480;
    assert_int_equal(st_apply(&c->app, o, &err), DB_ERR_INVALID);
    assert_int_equal(db_opening_get(c->db, o->id, &back, NULL), DB_OK);
    assert_int_equal(back.rule.end_minute, 750);
    free(o);
}

static void test_absence_added_and_edited_with_its_version(void **state)
{
    struct ctx *c = *state;
    struct db_agent ag = {0};
    snprintf(ag.last_name, sizeof ag.last_name, "%s", "Zeller");
    assert_int_equal(db_agent_add(c->db, &ag, NULL), DB_OK);
    struct st_edit *e = edit(ST_ABSENCES, 0, ag.id);
    e->v.absence.absence.kind = ABSENCE_ONE_OFF;
    e->v.absence.absence.from = (struct civil_datetime){{2026, 11, 25}, 660};
    e->v.absence.absence.until = (struct civil_datetime){{2026, 11, 25}, 720};
    snprintf(e->v.absence.reason, sizeof e->v.absence.reason, "%s", "Réunion");
    struct db_error err = {0};
    assert_int_equal(st_apply(&c->app, e, &err), DB_OK);
    assert_true(e->id > 0);
    assert_int_equal(e->version, 1);

    /* Another desk moves it; our stale edit is refused. */
    struct db_absence other = e->v.absence;
    other.id = e->id;
    other.version = 1;
    other.absence.until.minute = 750;
    assert_int_equal(db_absence_update(c->other, &other, NULL, NULL), DB_OK);
    snprintf(e->v.absence.reason, sizeof e->v.absence.reason, "%s", "Réunion d'équipe");
    assert_int_equal(st_apply(&c->app, e, &err), DB_ERR_CONFLICT);
    assert_string_equal(e->conflict.last.actor, "paul");
    e->version = e->conflict.current_version;
    assert_int_equal(st_apply(&c->app, e, &err), DB_OK);
    assert_int_equal(e->version, 3);

    struct db_absence *list = NULL;
    size_t n = 0;
    assert_int_equal(db_agent_absences(c->db, ag.id, (struct civil_date){2026, 11, 1},
                                       (struct civil_date){2026, 11, 30}, &list, &n, NULL),
                     DB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].reason, "Réunion d'équipe");
    /* Re-applied: our values, the other desk's end time overwritten. */
    assert_int_equal(list[0].absence.until.minute, 720);
    free(list);
    free(e);
}

int main(void)
{
    setenv("GUICHET_NOW", "2026-11-25 10:05", 1);
    setenv("TZ", "Europe/Paris", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_site_added_then_conflict_then_reapplied, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_agent_sites_join_and_leave, setup, teardown),
        cmocka_unit_test_setup_teardown(test_opening_motif_set_and_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_absence_added_and_edited_with_its_version, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
