/* report_fixture.c - writes the small database whose summary figures were
 * computed by hand (tests/commands/report.sh lists them):
 *
 *   report_fixture FILE
 *
 * Two sites, two services, three agents, three motifs; 14 appointments on
 * Wednesday 2026-11-25 (every status, arrivals with known waits), one the
 * day before, three the day after, audit rows of creations, moves,
 * resizes and cancellations, appointments around the autumn
 * daylight-saving change (Sunday 2026-10-25) and some names that try to
 * break each output format (markup, a spreadsheet formula, ';' and quotes,
 * an escape sequence and an invalid UTF-8 byte). Exit 0, or 1 with a
 * message. */
#include <stdio.h>

#include "storage/db_internal.h"

static const char FIXTURE[] =
    "INSERT INTO site (id, name) VALUES (1, 'MDS Centre'), (2, 'MDS \"Nord\"; annexe');\n"
    /* an escape sequence and an invalid byte in a service name */
    "INSERT INTO service (id, name) VALUES (1, 'Accueil social'),"
    " (2, CAST(X'504D491B5B33316DFF' AS TEXT));\n"
    "INSERT INTO agent (id, last_name, first_name, login, service_id) VALUES"
    " (1, 'Martin', 'Anne', 'amartin', 1), (2, '<b>Durand</b>', 'Paul', 'pdurand', 1),"
    " (3, 'Petit', 'Léa', 'lpetit', 2);\n"
    "INSERT INTO agent_site VALUES (1, 1), (2, 1), (3, 2), (3, 1);\n"
    "INSERT INTO motif (id, name, service_id, duration_minutes) VALUES"
    " (1, 'Premier accueil', 1, 30), (2, '=SOMME(1;2)', 1, 30), (3, 'Consultation', 2, 30);\n"
    "INSERT INTO beneficiary (id, last_name, first_name, created_at) VALUES"
    " (1, 'Dupont', 'Jean', '2026-01-01 09:00');\n"
    "INSERT INTO appointment (id, site_id, agent_id, motif_id, beneficiary_id, starts_at,"
    " ends_at, status, arrived_at, seen_at, created_at, created_by) VALUES"
    /* the day: Centre */
    " (1, 1, 1, 1, 1, '2026-11-25 09:00', '2026-11-25 09:30', 'seen', '2026-11-25 08:55', '2026-11-25 09:05', '2026-11-01 10:00', 'amartin'),"
    " (2, 1, 1, 1, 1, '2026-11-25 09:30', '2026-11-25 10:00', 'seen', '2026-11-25 09:20', '2026-11-25 09:40', '2026-11-01 10:00', 'amartin'),"
    " (3, 1, 1, 2, 1, '2026-11-25 10:00', '2026-11-25 10:30', 'noshow', NULL, NULL, '2026-11-01 10:00', 'amartin'),"
    " (4, 1, 1, 2, 1, '2026-11-25 10:30', '2026-11-25 11:00', 'excused', NULL, NULL, '2026-11-01 10:00', 'amartin'),"
    " (5, 1, 2, 1, 1, '2026-11-25 09:00', '2026-11-25 09:30', 'seen', '2026-11-25 09:00', '2026-11-25 09:30', '2026-11-01 10:00', 'amartin'),"
    " (6, 1, 2, 1, 1, '2026-11-25 09:30', '2026-11-25 10:00', 'unknown', NULL, NULL, '2026-11-01 10:00', 'amartin'),"
    " (7, 1, 2, 2, 1, '2026-11-25 14:00', '2026-11-25 14:30', 'revoked', NULL, NULL, '2026-11-01 10:00', 'amartin'),"
    " (8, 1, 2, 2, 1, '2026-11-25 18:30', '2026-11-25 19:00', 'unknown', NULL, NULL, '2026-11-01 10:00', 'amartin'),"
    " (9, 1, 2, 1, 1, '2026-11-25 15:00', '2026-11-25 15:30', 'unknown', '2026-11-25 14:50', NULL, '2026-11-01 10:00', 'amartin'),"
    " (14, 1, 3, 3, 1, '2026-11-25 16:00', '2026-11-25 16:30', 'seen', '2026-11-25 15:58', '2026-11-25 16:00', '2026-11-01 10:00', 'amartin'),"
    /* the day: Nord */
    " (10, 2, 3, 3, 1, '2026-11-25 09:00', '2026-11-25 09:30', 'seen', '2026-11-25 08:50', '2026-11-25 09:30', '2026-11-01 10:00', 'lpetit'),"
    " (11, 2, 3, 3, 1, '2026-11-25 10:00', '2026-11-25 10:30', 'noshow', NULL, NULL, '2026-11-01 10:00', 'lpetit'),"
    " (12, 2, 3, 3, 1, '2026-11-25 11:00', '2026-11-25 11:30', 'noshow', NULL, NULL, '2026-11-01 10:00', 'lpetit'),"
    " (13, 2, 3, 3, 1, '2026-11-25 12:00', '2026-11-25 12:30', 'seen', '2026-11-25 11:59', '2026-11-25 12:04', '2026-11-01 10:00', 'lpetit'),"
    /* the next day: two to come, one cancelled in advance */
    " (15, 1, 1, 1, 1, '2026-11-26 09:00', '2026-11-26 09:30', 'unknown', NULL, NULL, '2026-11-20 10:00', 'amartin'),"
    " (16, 1, 2, 2, 1, '2026-11-26 10:00', '2026-11-26 10:30', 'revoked', NULL, NULL, '2026-11-20 10:00', 'amartin'),"
    " (17, 2, 3, 3, 1, '2026-11-26 14:00', '2026-11-26 15:00', 'unknown', NULL, NULL, '2026-11-20 10:00', 'lpetit'),"
    /* the day before */
    " (18, 1, 1, 1, 1, '2026-11-24 09:00', '2026-11-24 09:30', 'noshow', NULL, NULL, '2026-11-01 10:00', 'amartin'),"
    /* around the autumn change: 02:00-03:00 happens twice on 2026-10-25 */
    " (19, 1, 1, 1, 1, '2026-10-24 23:30', '2026-10-25 00:00', 'seen', '2026-10-24 23:20', '2026-10-24 23:30', '2026-10-01 10:00', 'amartin'),"
    " (20, 1, 1, 1, 1, '2026-10-25 02:30', '2026-10-25 03:00', 'noshow', NULL, NULL, '2026-10-01 10:00', 'amartin'),"
    " (21, 1, 1, 1, 1, '2026-10-25 23:30', '2026-10-26 00:00', 'seen', '2026-10-25 23:25', '2026-10-25 23:37', '2026-10-01 10:00', 'amartin'),"
    " (22, 1, 1, 1, 1, '2026-10-26 00:00', '2026-10-26 00:30', 'noshow', NULL, NULL, '2026-10-01 10:00', 'amartin'),"
    " (23, 1, 1, 1, 1, '2026-10-23 23:59', '2026-10-24 00:29', 'noshow', NULL, NULL, '2026-10-01 10:00', 'amartin');\n"
    "INSERT INTO audit (at, actor, entity, entity_id, action, detail) VALUES"
    " ('2026-11-25 08:01:00', 'amartin', 'appointment', 1, 'create', ''),"
    " ('2026-11-25 08:02:00', 'amartin', 'appointment', 2, 'create', ''),"
    " ('2026-11-25 08:03:00', 'amartin', 'appointment', 3, 'create', ''),"
    " ('2026-11-25 08:04:00', 'lpetit', 'appointment', 10, 'create', ''),"
    " ('2026-11-25 09:10:00', 'amartin', 'appointment', 5, 'move', 'starts: 2026-11-25 08:30 -> 2026-11-25 09:00; '),"
    " ('2026-11-25 09:11:00', 'lpetit', 'appointment', 6, 'resize', 'ends: 2026-11-25 09:45 -> 2026-11-25 10:00; '),"
    " ('2026-11-25 11:00:00', 'lpetit', 'appointment', 7, 'cancel', 'status: unknown -> revoked; reason: absent'),"
    " ('2026-11-25 11:05:00', 'amartin', 'appointment', 4, 'status', 'status: unknown -> excused; '),"
    " ('2026-11-25 12:00:00', 'amartin', 'appointment', 1, 'status', 'status: unknown -> seen; '),"
    " ('2026-11-25 23:59:59', 'amartin', 'appointment', 2, 'arrive', '2026-11-25 09:20'),"
    " ('2026-11-25 12:30:00', 'amartin', 'person', 1, 'create', ''),"
    " ('2026-11-24 17:00:00', 'amartin', 'appointment', 18, 'create', ''),"
    " ('2026-11-26 00:00:00', 'amartin', 'appointment', 15, 'create', '');\n";

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: report_fixture FILE\n");
        return 1;
    }
    struct db_open_options o = {.create = 1};
    struct db *db = NULL;
    struct db_error err = {0};
    if (db_open(argv[1], &o, &db, &err) != DB_OK ||
        db_exec(db, "BEGIN IMMEDIATE", &err) != DB_OK ||
        db_exec(db, FIXTURE, &err) != DB_OK ||
        db_exec(db, "COMMIT", &err) != DB_OK) {
        fprintf(stderr, "report_fixture: %s: %s\n", argv[1], err.detail);
        db_close(db);
        return 1;
    }
    db_close(db);
    return 0;
}
