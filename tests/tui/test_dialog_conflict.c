/* test_dialog_conflict.c - tui/dialog_conflict.c: the one-line summary of
 * "another desk changed this first" built from the audit row storage
 * returns with DB_ERR_CONFLICT (who, when in French date order, what in
 * words), with and without an audit row. No terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

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
};

static void test_summary_from_the_audit_row(void **state)
{
    (void)state;
    const struct summary_case cases[] = {
        {"marie", "2026-11-25 10:02:13", "status", "status: unknown -> seen; ",
         "Changed by marie at 25/11/2026 10:02:13: status changed (status: unknown -> seen)"},
        {"paul", "2026-11-25 09:00:00", "move", "start: 2026-11-25 09:00 -> 2026-11-25 10:00;",
         "Changed by paul at 25/11/2026 09:00:00: moved (start: 2026-11-25 09:00 -> "
         "2026-11-25 10:00)"},
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
        ui_conflict_summary(&c, buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
    }
}

static void test_summary_without_audit(void **state)
{
    (void)state;
    struct db_conflict c;
    memset(&c, 0, sizeof c);
    char buf[128];
    ui_conflict_summary(&c, buf, sizeof buf);
    assert_string_equal(buf, "Another desk changed it meanwhile.");
    ui_conflict_summary(NULL, buf, sizeof buf);
    assert_string_equal(buf, "Another desk changed it meanwhile.");
    /* A small buffer is cut, never overrun. */
    struct db_conflict d = conflict("marie", "2026-11-25 10:02:13", "edit", "x");
    char tiny[8];
    ui_conflict_summary(&d, tiny, sizeof tiny);
    assert_int_equal(strlen(tiny), 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_from_the_audit_row),
        cmocka_unit_test(test_summary_without_audit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
