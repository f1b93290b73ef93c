/* test_dialog_conflict.c - tui/dialog_conflict.c: the one-line summary of
 * "another desk changed this first" built from the audit row storage
 * returns with DB_ERR_CONFLICT (who, when in French date order, what in
 * words), with and without an audit row; the audit detail read back in
 * words (field names and status codes from the catalogue, stored dates in
 * French order, anything unknown as stored), in English and, when the
 * French catalogue is built, in French. No terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../tui/dialog_conflict.h"

static struct db_conflict conflict(const char *actor, const char *at, const char *action,
                                   const char *detail)
{
    struct db_conflict c;
    memset(&c, 0, sizeof c);
    c.seen_version = 3;
    c.current_version = 4;
    c.has_audit = 1;
    snprintf(c.last.actor, sizeof c.last.actor, "%s", actor);
    snprintf(c.last.at, sizeof c.last.at, "%s", at);
    snprintf(c.last.action, sizeof c.last.action, "%s", action);
    snprintf(c.last.detail, sizeof c.last.detail, "%s", detail);
    return c;
}

struct summary_case {
    const char *actor, *at, *action, *detail;
    const char *want;
    const char *zone; /* the site's; NULL: Europe/Paris */
};

static void test_summary_from_the_audit_row(void **state)
{
    (void)state;
    const struct summary_case cases[] = {
        /* audit times are instants in UTC, shown at the site's clock */
        {"marie", "2026-11-25T09:02:13+00:00", "status", "status: unknown -> seen; ",
         "Changed by marie at 25/11/2026 10:02:13: status changed (status: no outcome yet -> "
         "seen)"},
        {"marie", "2026-11-25T09:02:13+00:00", "arrive", "",
         "Changed by marie at 25/11/2026 13:02:13: marked arrived", "Indian/Reunion"},
        {"marie", "2026-07-01T09:02:13+00:00", "arrive", "",
         "Changed by marie at 01/07/2026 11:02:13: marked arrived"},
        /* any offset is read */
        {"marie", "2026-11-25T11:02:13+02:00", "arrive", "",
         "Changed by marie at 25/11/2026 10:02:13: marked arrived"},
        /* written before audit times were instants: civil, as it stands */
        {"paul", "2026-11-25 09:00:00", "move", "start: 2026-11-25 09:00 -> 2026-11-25 10:00;",
         "Changed by paul at 25/11/2026 09:00:00: moved (start: 25/11/2026 09:00 -> "
         "25/11/2026 10:00)"},
        /* no detail: just the action in words */
        {"marie", "2026-11-25 10:02:13", "arrive", "", "Changed by marie at 25/11/2026 "
                                                       "10:02:13: marked arrived"},
        /* an action this dialog does not know is shown as stored */
        {"", "2026-11-25 10:02:13", "merge", "",
         "Changed by ? at 25/11/2026 10:02:13: merge"},
        /* an unparsable time is shown as stored */
        {"marie", "yesterday", "edit", "name: A -> B",
         "Changed by marie at yesterday: changed (name: A -> B)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct db_conflict c =
            conflict(cases[i].actor, cases[i].at, cases[i].action, cases[i].detail);
        char buf[512];
        ui_conflict_summary(&c, cases[i].zone ? cases[i].zone : "Europe/Paris", buf,
                            sizeof buf);
        assert_string_equal(buf, cases[i].want);
    }
}

struct detail_case {
    const char *action, *detail, *want;
};

static void test_detail_in_words(void **state)
{
    (void)state;
    const struct detail_case cases[] = {
        /* a cancellation: status codes in words, the reason whole (it may
         * hold "; " and "->" itself) */
        {"cancel", "status: unknown -> excused; reason: Doublon; vu -> au tel",
         "cancelled (status: no outcome yet -> excused; reason: Doublon; vu -> au tel)"},
        {"status", "status: unknown -> noshow; ", "status changed (status: no outcome yet -> "
                                                   "no-show)"},
        {"status", "status: revoked -> unknown; ", "status changed (status: revoked -> no "
                                                    "outcome yet)"},
        {"status",
         "status: unknown -> seen; arrived 2026-11-25 09:58, seen 2026-11-25 10:20",
         "status changed (status: no outcome yet -> seen; arrived 25/11/2026 09:58, seen "
         "25/11/2026 10:20)"},
        {"move", "start: 2026-11-25 09:00 -> 2026-11-25 10:00; end: 2026-11-25 09:30 -> "
                 "2026-11-25 10:30; agent: 3 -> 5; overbooked",
         "moved (start: 25/11/2026 09:00 -> 25/11/2026 10:00; end: 25/11/2026 09:30 -> "
         "25/11/2026 10:30; agent: 3 -> 5; overbooked)"},
        {"note", "note: a; b -> c; d; ", "note changed (note: a; b -> c; d)"},
        {"edit", "last name: Dupont -> Dupond; notes; ",
         "changed (last name: Dupont -> Dupond; notes)"},
        /* unknown fields, unknown status codes and other shapes: as stored */
        {"edit", "frobs: a -> b; status: x -> seen",
         "changed (frobs: a -> b; status: x -> seen)"},
        {"create", "2026-11-25 09:00 - 2026-11-25 09:30 agent 3 motif 4 person 5",
         "created (2026-11-25 09:00 - 2026-11-25 09:30 agent 3 motif 4 person 5)"},
        {"edit", ";; ; ", "changed"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct db_conflict c =
            conflict("marie", "2026-11-25 10:02:13", cases[i].action, cases[i].detail);
        char buf[1024], want[1024];
        ui_conflict_summary(&c, "", buf, sizeof buf);
        snprintf(want, sizeof want, "Changed by marie at 25/11/2026 10:02:13: %s",
                 cases[i].want);
        assert_string_equal(buf, want);
    }
}

/* The French catalogue next to the test binary ($(BUILD)/locale; the
 * Makefile builds it with the tests and install-deps makes the locale). */
static int french(void)
{
    char exe[PATH_MAX], dir[PATH_MAX + 32], mo[PATH_MAX + 64];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    snprintf(dir, sizeof dir, "%s/../locale", exe);
    snprintf(mo, sizeof mo, "%s/fr/LC_MESSAGES/guichet.mo", dir);
    if (access(mo, R_OK) != 0 || !setlocale(LC_ALL, "fr_FR.UTF-8"))
        return 0;
    bindtextdomain("guichet", dir);
    bind_textdomain_codeset("guichet", "UTF-8");
    textdomain("guichet");
    return 1;
}

static void test_detail_in_french(void **state)
{
    (void)state;
    if (!french()) {
        setlocale(LC_ALL, "C");
        fail_msg("no French catalogue next to the test or no fr_FR.UTF-8 locale: "
                 "a missing catalogue must not pass silently");
    }
    struct db_conflict c = conflict("marie", "2026-11-25 10:02:13", "cancel",
                                    "status: unknown -> excused; reason: Doublon");
    char buf[1024];
    ui_conflict_summary(&c, "", buf, sizeof buf);
    setlocale(LC_ALL, "C");
    /* no English word of storage's left: field names and codes in French */
    if (!strstr(buf, "statut: non renseigné -> excusé; raison: Doublon"))
        fail_msg("got \"%s\"", buf);
    assert_null(strstr(buf, "unknown"));
    assert_null(strstr(buf, "status"));
}

static void test_summary_without_audit(void **state)
{
    (void)state;
    struct db_conflict c;
    memset(&c, 0, sizeof c);
    char buf[128];
    ui_conflict_summary(&c, "", buf, sizeof buf);
    assert_string_equal(buf, "Another desk changed it meanwhile.");
    ui_conflict_summary(NULL, "", buf, sizeof buf);
    assert_string_equal(buf, "Another desk changed it meanwhile.");
    /* A small buffer is cut, never overrun. */
    struct db_conflict d = conflict("marie", "2026-11-25 10:02:13", "edit", "x");
    char tiny[8];
    ui_conflict_summary(&d, "", tiny, sizeof tiny);
    assert_int_equal(strlen(tiny), 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_from_the_audit_row),
        cmocka_unit_test(test_summary_without_audit),
        cmocka_unit_test(test_detail_in_words),
        cmocka_unit_test(test_detail_in_french),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
