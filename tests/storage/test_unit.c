/* test_unit.c - the one unit runner (storage/unit.h) on a real file: a
 * failure injected at each step of a unit - BEGIN, version check, after
 * the step has written, version bump, audit row, COMMIT - leaves the file
 * exactly as it was (same dump: no row, no audit row, same versions) and
 * no transaction open, for a create and for an edit; the next unit then
 * works. Also: a stale version is refused with who changed it, and a
 * change that changes nothing writes nothing (no audit row, same
 * version). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "house_fixture.h"

static const enum db_unit_phase create_phases[] = {
    DB_UNIT_PHASE_BEGIN, DB_UNIT_PHASE_STEP, DB_UNIT_PHASE_AUDIT,
    DB_UNIT_PHASE_COMMIT,
};
static const enum db_unit_phase edit_phases[] = {
    DB_UNIT_PHASE_BEGIN, DB_UNIT_PHASE_VERSION, DB_UNIT_PHASE_STEP,
    DB_UNIT_PHASE_BUMP, DB_UNIT_PHASE_AUDIT, DB_UNIT_PHASE_COMMIT,
};

static struct db_appt new_appt(struct fx *fx, const char *start,
                               const char *end)
{
    struct db_appt a;
    memset(&a, 0, sizeof a);
    a.site_id = fx->centre;
    a.agent_id = fx->agent1;
    a.motif_id = fx->motif;
    a.person_id = fx->helene;
    snprintf(a.starts_at, sizeof a.starts_at, "%s", start);
    snprintf(a.ends_at, sizeof a.ends_at, "%s", end);
    return a;
}

static void test_create_fails_at_each_step(void **state)
{
    struct fx *fx = *state;
    for (size_t i = 0; i < sizeof create_phases / sizeof create_phases[0];
         i++) {
        char *before = fx_dump(fx->db);
        long audits = fx_int(fx->db, "SELECT count(*) FROM audit");
        struct db_appt a = new_appt(fx, "2026-11-26 09:00", "2026-11-26 09:30");
        struct db_error err = {0};
        db_unit_fail_at(create_phases[i]);
        int rc = db_appt_book(fx->db, &a, &err);
        db_unit_fail_at(DB_UNIT_PHASE_NONE);
        if (rc != DB_ERR_IO)
            fail_msg("phase %d: status %d", (int)create_phases[i], rc);
        assert_non_null(strstr(err.detail, "injected"));
        assert_int_equal(a.id, 0);
        assert_true(sqlite3_get_autocommit(fx->db->conn));
        char *after = fx_dump(fx->db);
        assert_string_equal(before, after);
        assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM audit"), audits);
        assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM appointment"), 0);
        free(before);
        free(after);
    }
    /* nothing was left behind: the same booking now goes through */
    struct db_appt a = new_appt(fx, "2026-11-26 09:00", "2026-11-26 09:30");
    struct db_error err = {0};
    fx_must(db_appt_book(fx->db, &a, &err), &err, "book");
    assert_int_equal(a.version, 1);
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM audit WHERE"
                                    " entity = 'appointment'"), 1);
}

static void test_edit_fails_at_each_step(void **state)
{
    struct fx *fx = *state;
    int64_t id = fx_book(fx, fx->agent1, fx->helene, "2026-11-26 09:00",
                         "2026-11-26 09:30");
    for (size_t i = 0; i < sizeof edit_phases / sizeof edit_phases[0]; i++) {
        char *before = fx_dump(fx->db);
        struct db_error err = {0};
        db_unit_fail_at(edit_phases[i]);
        int rc = db_appt_set_context(fx->db, id, 1, "rappeler la CAF", NULL,
                                     &err);
        db_unit_fail_at(DB_UNIT_PHASE_NONE);
        if (rc != DB_ERR_IO)
            fail_msg("phase %d: status %d", (int)edit_phases[i], rc);
        assert_true(sqlite3_get_autocommit(fx->db->conn));
        char *after = fx_dump(fx->db);
        assert_string_equal(before, after);
        struct db_appt a = fx_get(fx, id);
        assert_int_equal(a.version, 1);
        assert_string_equal(a.context, "");
        free(before);
        free(after);
    }
    /* a person edit and a delete, failing after their step wrote */
    struct db_person p;
    struct db_error err = {0};
    fx_must(db_person_get(fx->db, fx->helene, &p, &err), &err, "person");
    snprintf(p.phone, sizeof p.phone, "01 02 03 04 05");
    char *before = fx_dump(fx->db);
    db_unit_fail_at(DB_UNIT_PHASE_AUDIT);
    assert_int_equal(db_person_update(fx->db, &p, NULL, &err), DB_ERR_IO);
    db_unit_fail_at(DB_UNIT_PHASE_COMMIT);
    assert_int_equal(db_opening_delete(fx->db, fx->opening_am, 0, NULL, &err),
                     DB_ERR_IO);
    db_unit_fail_at(DB_UNIT_PHASE_NONE);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
    /* and then it works, with one audit row and the next version */
    fx_must(db_appt_set_context(fx->db, id, 1, "rappeler la CAF", NULL, &err),
            &err, "note");
    struct db_appt a = fx_get(fx, id);
    assert_int_equal(a.version, 2);
    assert_string_equal(a.context, "rappeler la CAF");
    assert_int_equal(fx_int(fx->db, "SELECT count(*) FROM audit WHERE"
                                    " entity = 'appointment' AND action = 'note'"),
                     1);
}

static void test_stale_version_and_no_change(void **state)
{
    struct fx *fx = *state;
    int64_t id = fx_book(fx, fx->agent1, fx->helene, "2026-11-26 09:00",
                         "2026-11-26 09:30");
    struct db_error err = {0};
    fx_must(db_appt_set_context(fx->db, id, 1, "premier", NULL, &err), &err,
            "note");
    /* the user saw version 1: refused, says who changed it, writes nothing */
    char *before = fx_dump(fx->db);
    struct db_conflict c;
    assert_int_equal(db_appt_set_context(fx->db, id, 1, "second", &c, &err),
                     DB_ERR_CONFLICT);
    assert_int_equal(c.seen_version, 1);
    assert_int_equal(c.current_version, 2);
    assert_true(c.has_audit);
    assert_string_equal(c.last.actor, "accueil1");
    assert_non_null(strstr(err.detail, "accueil1"));
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(after);
    /* the same text again: nothing to write, no audit row, same version */
    fx_must(db_appt_set_context(fx->db, id, 2, "premier", NULL, &err), &err,
            "same note");
    after = fx_dump(fx->db);
    assert_string_equal(before, after);
    assert_int_equal(fx_get(fx, id).version, 2);
    free(before);
    free(after);
    /* a row that is gone */
    assert_int_equal(db_appt_set_context(fx->db, 9999, 0, "x", NULL, &err),
                     DB_ERR_NO_ROW);
}

int main(void)
{
    setenv("GUICHET_NOW", FX_NOW, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_fails_at_each_step, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_edit_fails_at_each_step, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_stale_version_and_no_change, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
