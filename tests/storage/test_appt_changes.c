/* test_appt_changes.c - changing appointments on a real file, with the
 * clock fixed at FX_NOW (Wednesday 2026-11-25 10:00): moves and resizes
 * under the overlap rule (explicit overbooking recorded), notes, cancel
 * with a reason, status transitions as the clock allows them, arrival and
 * waiting time, version conflicts between two connections with the first
 * desk's audit row, bad input writing nothing, and two processes racing
 * for one slot 20 times: exactly one wins each time. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/wait.h>

#include "house_fixture.h"

static long audit_count(struct fx *fx)
{
    return fx_int(fx->db, "SELECT count(*) FROM audit");
}

static struct db_audit_entry last_audit(struct fx *fx, int64_t id)
{
    struct db_audit_entry *log = NULL, e;
    size_t n = 0;
    struct db_error err = {0};
    fx_must(db_audit_for(fx->db, "appointment", id, &log, &n, &err), &err,
            "audit");
    assert_true(n > 0);
    e = log[0];
    free(log);
    return e;
}

static struct db_reschedule move_to(const char *start, int64_t agent,
                                    int duration, int overbook)
{
    struct db_reschedule r;
    memset(&r, 0, sizeof r);
    snprintf(r.starts_at, sizeof r.starts_at, "%s", start);
    r.agent_id = agent;
    r.duration_minutes = duration;
    r.overbook = overbook;
    return r;
}

static void test_move_keeps_history(void **state)
{
    struct fx *fx = *state;
    int64_t id = fx_book(fx, fx->agent1, fx->helene, "2026-11-26 09:00",
                         "2026-11-26 09:30");
    struct db_appt before = fx_get(fx, id);
    struct db_error err = {0};
    struct db_reschedule r = move_to("26/11/2026 14h30", 0, 0, 0);
    fx_must(db_appt_reschedule(fx->db, id, before.version, &r, NULL, &err),
            &err, "move");
    struct db_appt after = fx_get(fx, id);
    assert_string_equal(after.starts_at, "2026-11-26 14:30");
    assert_string_equal(after.ends_at, "2026-11-26 15:00");
    assert_int_equal(after.version, before.version + 1);
    assert_string_equal(after.created_at, before.created_at);
    assert_string_equal(after.created_by, before.created_by);
    assert_int_equal(after.overbooked, 0);
    struct db_audit_entry e = last_audit(fx, id);
    assert_string_equal(e.action, "move");
    assert_string_equal(e.actor, "accueil1");
    assert_non_null(strstr(e.detail,
                           "start: 2026-11-26 09:00 -> 2026-11-26 14:30"));
    /* another agent, same time */
    r = move_to("", fx->agent2, 0, 0);
    fx_must(db_appt_reschedule(fx->db, id, after.version, &r, NULL, &err),
            &err, "agent");
    after = fx_get(fx, id);
    assert_int_equal(after.agent_id, fx->agent2);
    assert_string_equal(after.starts_at, "2026-11-26 14:30");
    assert_non_null(strstr(last_audit(fx, id).detail, "agent: "));
    /* longer */
    r = move_to("", 0, 45, 0);
    fx_must(db_appt_reschedule(fx->db, id, after.version, &r, NULL, &err),
            &err, "resize");
    after = fx_get(fx, id);
    assert_string_equal(after.ends_at, "2026-11-26 15:15");
    assert_string_equal(last_audit(fx, id).action, "resize");
    /* no change: nothing written */
    long audits = audit_count(fx);
    fx_must(db_appt_reschedule(fx->db, id, after.version, &r, NULL, &err),
            &err, "same");
    assert_int_equal(audit_count(fx), audits);
    assert_int_equal(fx_get(fx, id).version, after.version);
}

static void test_move_onto_busy_slot(void **state)
{
    struct fx *fx = *state;
    int64_t busy = fx_book(fx, fx->agent1, fx->jean, "2026-11-26 10:00",
                           "2026-11-26 10:30");
    int64_t id = fx_book(fx, fx->agent1, fx->helene, "2026-11-26 09:00",
                         "2026-11-26 09:30");
    struct db_error err = {0};
    char *before = fx_dump(fx->db);
    const char *starts[] = {"2026-11-26 10:00", "2026-11-26 09:45",
                            "2026-11-26 10:15"};
    for (size_t i = 0; i < 3; i++) {
        struct db_reschedule r = move_to(starts[i], 0, 0, 0);
        assert_int_equal(db_appt_reschedule(fx->db, id, 1, &r, NULL, &err),
                         DB_ERR_OVERLAP);
        char want[32];
        snprintf(want, sizeof want, "appointment %lld", (long long)busy);
        assert_non_null(strstr(err.detail, want));
    }
    /* resizing into it is a move too */
    struct db_reschedule grow = move_to("", 0, 90, 0);
    assert_int_equal(db_appt_reschedule(fx->db, id, 1, &grow, NULL, &err),
                     DB_ERR_OVERLAP);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
    /* touching is not overlapping */
    struct db_reschedule r = move_to("2026-11-26 09:30", 0, 0, 0);
    fx_must(db_appt_reschedule(fx->db, id, 1, &r, NULL, &err), &err, "adjacent");
    /* explicit overbooking is recorded */
    r = move_to("2026-11-26 10:00", 0, 0, 1);
    fx_must(db_appt_reschedule(fx->db, id, 2, &r, NULL, &err), &err,
            "overbook");
    struct db_appt a = fx_get(fx, id);
    assert_int_equal(a.overbooked, 1);
    assert_non_null(strstr(last_audit(fx, id).detail, "overbooked"));
    /* moved away again, it is no longer an overbooking */
    r = move_to("2026-11-26 11:00", 0, 0, 1);
    fx_must(db_appt_reschedule(fx->db, id, 3, &r, NULL, &err), &err, "away");
    assert_int_equal(fx_get(fx, id).overbooked, 0);
}

static void test_reschedule_bad_input(void **state)
{
    struct fx *fx = *state;
    int64_t id = fx_book(fx, fx->agent1, fx->helene, "2026-11-26 09:00",
                         "2026-11-26 09:30");
    char *before = fx_dump(fx->db);
    struct db_error err = {0};
    const struct {
        struct db_reschedule r;
        int64_t id;
        enum db_status expect;
        const char *detail;
    } cases[] = {
        {move_to("2026-02-30 10:00", 0, 0, 0), id, DB_ERR_INVALID, "start"},
        {move_to("2026-11-26 25:00", 0, 0, 0), id, DB_ERR_INVALID, "start"},
        {move_to("demain", 0, 0, 0), id, DB_ERR_INVALID, "start"},
        {move_to("", 0, -5, 0), id, DB_ERR_INVALID, "duration"},
        {move_to("", 0, 1441, 0), id, DB_ERR_INVALID, "duration"},
        {move_to("", 999, 0, 0), id, DB_ERR_NO_ROW, "agent"},
        {move_to("", -3, 0, 0), id, DB_ERR_INVALID, "agent"},
        {move_to("2026-11-26 11:00", 0, 0, 0), 999, DB_ERR_NO_ROW, "appointment"},
        {move_to("2026-11-26 11:00", 0, 0, 0), 0, DB_ERR_INVALID, "appointment"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(&err, 0, sizeof err);
        int rc = db_appt_reschedule(fx->db, cases[i].id, DB_VERSION_CURRENT,
                                    &cases[i].r, NULL, &err);
        if (rc != (int)cases[i].expect || !strstr(err.detail, cases[i].detail))
            fail_msg("case %zu: status %d detail \"%s\"", i, rc, err.detail);
    }
    /* notes */
    assert_int_equal(db_appt_set_context(fx->db, id, 0, "a\x07" "b", NULL, &err),
                     DB_ERR_INVALID);
    assert_non_null(strstr(err.detail, "note"));
    char long_note[DB_TEXT_LEN + 10];
    memset(long_note, 'x', sizeof long_note - 1);
    long_note[sizeof long_note - 1] = '\0';
    assert_int_equal(db_appt_set_context(fx->db, id, 0, long_note, NULL, &err),
                     DB_ERR_INVALID);
    /* cancel */
    assert_int_equal(db_appt_cancel(fx->db, id, 0, APPT_EXCUSED, "", NULL, &err),
                     DB_ERR_INVALID);
    assert_non_null(strstr(err.detail, "reason"));
    assert_int_equal(db_appt_cancel(fx->db, id, 0, APPT_EXCUSED, "a\nb", NULL,
                                    &err), DB_ERR_INVALID);
    assert_int_equal(db_appt_cancel(fx->db, id, 0, APPT_SEEN, "x", NULL, &err),
                     DB_ERR_INVALID);
    assert_int_equal(db_appt_set_status(fx->db, id, 0, (enum appt_status)42,
                                        NULL, &err), DB_ERR_INVALID);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_note(void **state)
{
    struct fx *fx = *state;
    int64_t id = fx_book(fx, fx->agent1, fx->helene, "2026-11-26 09:00",
                         "2026-11-26 09:30");
    struct db_error err = {0};
    fx_must(db_appt_set_context(fx->db, id, 1, "Apporter l'avis d'imposition\n"
                                "et un RIB", NULL, &err), &err, "note");
    struct db_appt a = fx_get(fx, id);
    assert_string_equal(a.context, "Apporter l'avis d'imposition\net un RIB");
    assert_int_equal(a.version, 2);
    struct db_audit_entry e = last_audit(fx, id);
    assert_string_equal(e.action, "note");
    assert_null(strchr(e.detail, '\n')); /* audit rows stay on one line */
}

static void test_cancel_frees_slot(void **state)
{
    struct fx *fx = *state;
    int64_t id = fx_book(fx, fx->agent1, fx->helene, "2026-11-26 09:00",
                         "2026-11-26 09:30");
    struct db_error err = {0};
    fx_must(db_appt_cancel(fx->db, id, 1, APPT_EXCUSED, "malade", NULL, &err),
            &err, "cancel");
    struct db_appt_row row;
    fx_must(db_appt_get_row(fx->db, id, &row, &err), &err, "row");
    assert_int_equal(row.day.appt.status, APPT_EXCUSED);
    assert_string_equal(row.cancel_reason, "malade");
    struct db_audit_entry e = last_audit(fx, id);
    assert_string_equal(e.action, "cancel");
    assert_non_null(strstr(e.detail, "unknown -> excused"));
    assert_non_null(strstr(e.detail, "malade"));
    /* the slot is free for someone else */
    int64_t other = fx_book(fx, fx->agent1, fx->jean, "2026-11-26 09:00",
                            "2026-11-26 09:30");
    /* a cancelled appointment is not moved */
    struct db_reschedule r = move_to("2026-11-26 11:00", 0, 0, 0);
    assert_int_equal(db_appt_reschedule(fx->db, id, 0, &r, NULL, &err),
                     DB_ERR_REFUSED);
    /* taking the cancellation back would overlap: refused */
    char *before = fx_dump(fx->db);
    assert_int_equal(db_appt_set_status(fx->db, id, 0, APPT_UNKNOWN, NULL, &err),
                     DB_ERR_OVERLAP);
    /* ...and the refusal names the appointment in the way */
    char in_the_way[96];
    snprintf(in_the_way, sizeof in_the_way,
             "appointment %lld, 2026-11-26 09:00 to 09:30", (long long)other);
    assert_string_equal(err.detail, in_the_way);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
    /* revoked by the service is a cancellation too; excused -> revoked
     * must go through unknown */
    assert_int_equal(db_appt_cancel(fx->db, id, 0, APPT_REVOKED, "agent absent",
                                    NULL, &err), DB_ERR_REFUSED);
    assert_non_null(strstr(err.detail, "unknown first"));
}

/* Transitions at FX_NOW = 2026-11-25 10:00. */
static void test_status_transitions(void **state)
{
    struct fx *fx = *state;
    const struct {
        const char *start;
        enum appt_status from;
        enum appt_status to;
        enum db_status expect;
        const char *why; /* part of the refusal */
    } cases[] = {
        /* future day: only cancellations */
        {"2026-11-26 09:00", APPT_UNKNOWN, APPT_SEEN, DB_ERR_REFUSED, "day of the"},
        {"2026-11-26 09:00", APPT_UNKNOWN, APPT_NOSHOW, DB_ERR_REFUSED, "start time"},
        {"2026-11-26 09:00", APPT_UNKNOWN, APPT_REVOKED, DB_OK, NULL},
        {"2026-11-26 09:00", APPT_UNKNOWN, APPT_EXCUSED, DB_OK, NULL},
        /* later today: seen yes, no-show not yet */
        {"2026-11-25 11:00", APPT_UNKNOWN, APPT_SEEN, DB_OK, NULL},
        {"2026-11-25 11:00", APPT_UNKNOWN, APPT_NOSHOW, DB_ERR_REFUSED, "start time"},
        /* started: both */
        {"2026-11-25 09:00", APPT_UNKNOWN, APPT_NOSHOW, DB_OK, NULL},
        {"2026-11-24 15:00", APPT_UNKNOWN, APPT_SEEN, DB_OK, NULL},
        /* final statuses go back to unknown first */
        {"2026-11-24 15:00", APPT_SEEN, APPT_NOSHOW, DB_ERR_REFUSED, "unknown first"},
        {"2026-11-24 15:00", APPT_NOSHOW, APPT_SEEN, DB_ERR_REFUSED, "unknown first"},
        {"2026-11-24 15:00", APPT_NOSHOW, APPT_UNKNOWN, DB_OK, NULL},
        {"2026-11-24 15:00", APPT_SEEN, APPT_SEEN, DB_ERR_REFUSED, "already"},
        {"2026-11-24 15:00", APPT_UNKNOWN, APPT_UNKNOWN, DB_ERR_REFUSED, "already"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct db_error err = {0};
        struct db_appt a;
        memset(&a, 0, sizeof a);
        a.site_id = fx->centre;
        a.agent_id = fx->agent1;
        a.motif_id = fx->motif;
        a.person_id = fx->helene;
        a.status = cases[i].from;
        snprintf(a.starts_at, sizeof a.starts_at, "%s", cases[i].start);
        struct civil_datetime s, e;
        civil_parse_datetime(cases[i].start, &s);
        civil_datetime_add_minutes(s, 30, &e);
        civil_format_datetime(e, a.ends_at, sizeof a.ends_at);
        fx_must(db_appt_insert(fx->db, &a, &err), &err, "insert");
        char *before = fx_dump(fx->db);
        int rc = db_appt_set_status(fx->db, a.id, a.version, cases[i].to, NULL,
                                    &err);
        if (rc != (int)cases[i].expect ||
            (cases[i].why && !strstr(err.detail, cases[i].why)))
            fail_msg("case %zu (%s -> %s at %s): status %d \"%s\"", i,
                     appt_status_name(cases[i].from),
                     appt_status_name(cases[i].to), cases[i].start, rc,
                     err.detail);
        struct db_appt_row row;
        fx_must(db_appt_get_row(fx->db, a.id, &row, &err), &err, "row");
        if (rc == DB_OK) {
            assert_int_equal(row.day.appt.status, cases[i].to);
            assert_int_equal(row.day.appt.version, a.version + 1);
            if (cases[i].to == APPT_SEEN)
                assert_string_equal(row.seen_at, FX_NOW);
            else
                assert_string_equal(row.seen_at, "");
            assert_string_equal(last_audit(fx, a.id).action, "status");
        } else {
            char *after = fx_dump(fx->db);
            assert_string_equal(before, after);
            free(after);
        }
        free(before);
        /* free the agent for the next case */
        if (!appt_status_is_cancelled(row.day.appt.status)) {
            struct db_error ignored = {0};
            db_appt_set_status(fx->db, a.id, 0, APPT_UNKNOWN, NULL, &ignored);
            fx_must(db_appt_cancel(fx->db, a.id, 0, APPT_REVOKED, "test",
                                   NULL, &err), &err, "clean");
        }
    }
}

static void test_arrival_and_waiting_time(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    int64_t today = fx_book(fx, fx->agent1, fx->helene, "2026-11-25 10:30",
                            "2026-11-25 11:00");
    fx_must(db_appt_arrive(fx->db, today, 1, 0, NULL, &err), &err, "arrive");
    struct db_appt a = fx_get(fx, today);
    assert_string_equal(a.arrived_at, FX_NOW);
    assert_int_equal(a.version, 2);
    assert_int_equal(db_appt_arrive(fx->db, today, 0, 0, NULL, &err),
                     DB_ERR_REFUSED);
    assert_non_null(strstr(err.detail, "already arrived"));
    fx_must(db_appt_arrive(fx->db, today, 2, 1, NULL, &err), &err, "undo");
    assert_string_equal(fx_get(fx, today).arrived_at, "");
    assert_string_equal(last_audit(fx, today).action, "arrival undone");
    assert_int_equal(db_appt_arrive(fx->db, today, 0, 1, NULL, &err),
                     DB_ERR_REFUSED);
    /* only on the day */
    int64_t tomorrow = fx_book(fx, fx->agent1, fx->helene, "2026-11-26 10:30",
                               "2026-11-26 11:00");
    assert_int_equal(db_appt_arrive(fx->db, tomorrow, 0, 0, NULL, &err),
                     DB_ERR_REFUSED);
    assert_non_null(strstr(err.detail, "day of the appointment"));
    /* cancelled */
    fx_must(db_appt_cancel(fx->db, today, 0, APPT_REVOKED, "fermeture", NULL,
                           &err), &err, "cancel");
    assert_int_equal(db_appt_arrive(fx->db, today, 0, 0, NULL, &err),
                     DB_ERR_REFUSED);

    /* arrived at 9:35 (imported as given), seen at 10:00: waited 25 min */
    struct db_appt w;
    memset(&w, 0, sizeof w);
    w.site_id = fx->centre;
    w.agent_id = fx->agent2;
    w.motif_id = fx->motif;
    w.person_id = fx->jean;
    snprintf(w.starts_at, sizeof w.starts_at, "2026-11-25 09:30");
    snprintf(w.ends_at, sizeof w.ends_at, "2026-11-25 10:00");
    snprintf(w.arrived_at, sizeof w.arrived_at, "2026-11-25 09:35");
    fx_must(db_appt_insert(fx->db, &w, &err), &err, "insert");
    /* a person who arrived is not a no-show */
    assert_int_equal(db_appt_set_status(fx->db, w.id, 0, APPT_NOSHOW, NULL,
                                        &err), DB_ERR_REFUSED);
    fx_must(db_appt_set_status(fx->db, w.id, 0, APPT_SEEN, NULL, &err), &err,
            "seen");
    struct db_appt_row row;
    fx_must(db_appt_get_row(fx->db, w.id, &row, &err), &err, "row");
    assert_string_equal(row.seen_at, FX_NOW);
    assert_int_equal(row.waited_minutes, 25);
    assert_non_null(strstr(last_audit(fx, w.id).detail, "arrived"));
}

/* Two desks: the second edit with the version it saw gets the conflict
 * and the first desk's audit row. */
static void test_conflict_two_connections(void **state)
{
    struct fx *fx = *state;
    int64_t id = fx_book(fx, fx->agent1, fx->helene, "2026-11-26 09:00",
                         "2026-11-26 09:30");
    struct db *other = fx_open_other(fx, "accueil2");
    struct db_error err = {0};
    struct db_appt seen_here = fx_get(fx, id), seen_there;
    fx_must(db_appt_get(other, id, &seen_there, &err), &err, "get");
    struct db_reschedule r = move_to("2026-11-26 15:00", 0, 0, 0);
    fx_must(db_appt_reschedule(other, id, seen_there.version, &r, NULL, &err),
            &err, "first desk");

    const char *ops[] = {"note", "move", "cancel", "status", "arrive"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        char *before = fx_dump(fx->db);
        struct db_conflict c;
        memset(&c, 0, sizeof c);
        int rc;
        struct db_reschedule r2 = move_to("2026-11-26 11:00", 0, 0, 0);
        switch (i) {
        case 0: rc = db_appt_set_context(fx->db, id, seen_here.version, "x", &c, &err); break;
        case 1: rc = db_appt_reschedule(fx->db, id, seen_here.version, &r2, &c, &err); break;
        case 2: rc = db_appt_cancel(fx->db, id, seen_here.version, APPT_EXCUSED, "x", &c, &err); break;
        case 3: rc = db_appt_set_status(fx->db, id, seen_here.version, APPT_REVOKED, &c, &err); break;
        default: rc = db_appt_arrive(fx->db, id, seen_here.version, 0, &c, &err); break;
        }
        if (rc != DB_ERR_CONFLICT)
            fail_msg("%s: status %d \"%s\"", ops[i], rc, err.detail);
        assert_int_equal(c.seen_version, 1);
        assert_int_equal(c.current_version, 2);
        assert_true(c.has_audit);
        assert_string_equal(c.last.actor, "accueil2");
        assert_string_equal(c.last.action, "move");
        assert_non_null(strstr(c.last.detail, "2026-11-26 15:00"));
        assert_non_null(strstr(err.detail, "accueil2"));
        char *after = fx_dump(fx->db);
        assert_string_equal(before, after);
        free(before);
        free(after);
    }
    /* DB_VERSION_CURRENT (the command line) applies to what is there */
    fx_must(db_appt_set_context(fx->db, id, DB_VERSION_CURRENT, "ok", NULL,
                                &err), &err, "current");
    assert_int_equal(fx_get(fx, id).version, 3);
    db_close(other);
}

/* ---- two processes racing for one slot ---------------------------------- */

/* Child: opens its own connection, waits for the start signal (a file),
 * books, exits 0 if it won, 1 if refused with DB_ERR_OVERLAP, 2 else. */
static int racer(const char *path, const char *go, int64_t site,
                 int64_t agent, int64_t motif, const char *start,
                 const char *end)
{
    struct db *db = NULL;
    struct db_error err = {0};
    struct db_open_options o = {0};
    if (db_open(path, &o, &db, &err) != DB_OK)
        return 2;
    while (access(go, F_OK) != 0)
        usleep(200);
    struct db_appt a;
    memset(&a, 0, sizeof a);
    a.site_id = site;
    a.agent_id = agent;
    a.motif_id = motif;
    snprintf(a.starts_at, sizeof a.starts_at, "%s", start);
    snprintf(a.ends_at, sizeof a.ends_at, "%s", end);
    int rc = db_appt_book(db, &a, &err);
    db_close(db);
    return rc == DB_OK ? 0 : rc == DB_ERR_OVERLAP ? 1 : 2;
}

static void test_two_processes_race(void **state)
{
    struct fx *fx = *state;
    char go[160];
    snprintf(go, sizeof go, "%s/go", fx->dir);
    for (int round = 0; round < 20; round++) {
        char start[CIVIL_DATETIME_LEN], end[CIVIL_DATETIME_LEN];
        snprintf(start, sizeof start, "2026-12-%02d 09:00", 1 + round);
        snprintf(end, sizeof end, "2026-12-%02d 09:30", 1 + round);
        unlink(go);
        pid_t pids[2];
        for (int k = 0; k < 2; k++) {
            pids[k] = fork();
            assert_true(pids[k] >= 0);
            if (pids[k] == 0)
                _exit(racer(fx->path, go, fx->centre, fx->agent1, fx->motif,
                            start, end));
        }
        FILE *f = fopen(go, "w");
        assert_non_null(f);
        fclose(f);
        int wins = 0, refused = 0;
        for (int k = 0; k < 2; k++) {
            int status = 0;
            assert_int_equal(waitpid(pids[k], &status, 0), pids[k]);
            assert_true(WIFEXITED(status));
            if (WEXITSTATUS(status) == 0)
                wins++;
            else if (WEXITSTATUS(status) == 1)
                refused++;
        }
        if (wins != 1 || refused != 1)
            fail_msg("round %d: %d won, %d refused", round, wins, refused);
        char sql[160];
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM appointment WHERE starts_at = '%s'",
                 start);
        assert_int_equal(fx_int(fx->db, sql), 1);
    }
}

/* A final status stays true when the appointment moves: seen only up to
 * today, a no-show only before now; unknown first, then it moves. */
static void test_move_keeps_status_rules(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    const struct {
        enum appt_status status;
        const char *to;
        enum db_status expect;
    } cases[] = {
        {APPT_SEEN, "2026-11-27 09:00", DB_ERR_REFUSED},
        {APPT_SEEN, "2026-11-25 16:00", DB_OK}, /* later today: still seen that day */
        {APPT_NOSHOW, "2026-11-25 16:00", DB_ERR_REFUSED},
        {APPT_NOSHOW, "2026-11-23 09:00", DB_OK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct db_appt a;
        memset(&a, 0, sizeof a);
        a.site_id = fx->centre;
        a.agent_id = fx->agent1;
        a.motif_id = fx->motif;
        a.person_id = fx->helene;
        a.status = cases[i].status;
        snprintf(a.starts_at, sizeof a.starts_at, "2026-11-24 %02zu:00", 9 + i);
        snprintf(a.ends_at, sizeof a.ends_at, "2026-11-24 %02zu:30", 9 + i);
        fx_must(db_appt_insert(fx->db, &a, &err), &err, "insert");
        char *before = fx_dump(fx->db);
        struct db_reschedule r = move_to(cases[i].to, 0, 0, 1);
        int rc = db_appt_reschedule(fx->db, a.id, 0, &r, NULL, &err);
        if (rc != (int)cases[i].expect)
            fail_msg("case %zu: %s moved to %s: status %d \"%s\"", i,
                     appt_status_name(cases[i].status), cases[i].to, rc, err.detail);
        if (rc != DB_OK) {
            assert_non_null(strstr(err.detail, "unknown first"));
            char *after = fx_dump(fx->db);
            assert_string_equal(before, after);
            free(after);
            /* back to unknown, then the move is allowed */
            fx_must(db_appt_set_status(fx->db, a.id, 0, APPT_UNKNOWN, NULL, &err), &err,
                    "unknown");
            fx_must(db_appt_reschedule(fx->db, a.id, 0, &r, NULL, &err), &err, "move");
        }
        free(before);
    }
}

int main(void)
{
    setenv("GUICHET_NOW", FX_NOW, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_move_keeps_history, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_move_onto_busy_slot, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_reschedule_bad_input, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_note, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_cancel_frees_slot, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_status_transitions, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_move_keeps_status_rules, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_arrival_and_waiting_time, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_conflict_two_connections, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_two_processes_race, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
