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
 * an escape sequence and an invalid UTF-8 byte); a collège with two rooms,
 * four associations and their loans (approved, waiting, cancelled, a room
 * blackout, insurance ending soon, missing or past), alerts shown for
 * appointments of the day and of the next day with follow-up marks, and
 * reminders of the next day; around the daylight-saving change too (alerts,
 * room loans in the weekend, the Monday's reminders). Exit 0, or 1 with a
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
    "INSERT INTO beneficiary (id, last_name, first_name, phone, phone_digits, email,"
    " notify_sms, notify_email, created_at) VALUES (2, 'Martin', 'Claire', '06 12 34 56 78',"
    " '0612345678', 'claire@example.org', 1, 1, '2026-01-01 09:00');\n"
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
    " (17, 2, 3, 3, 2, '2026-11-26 14:00', '2026-11-26 15:00', 'unknown', NULL, NULL, '2026-11-20 10:00', 'lpetit'),"
    /* the day before */
    " (18, 1, 1, 1, 1, '2026-11-24 09:00', '2026-11-24 09:30', 'noshow', NULL, NULL, '2026-11-01 10:00', 'amartin'),"
    /* around the autumn change: 02:00-03:00 happens twice on 2026-10-25 */
    " (19, 1, 1, 1, 1, '2026-10-24 23:30', '2026-10-25 00:00', 'seen', '2026-10-24 23:20', '2026-10-24 23:30', '2026-10-01 10:00', 'amartin'),"
    " (20, 1, 1, 1, 1, '2026-10-25 02:30', '2026-10-25 03:00', 'noshow', NULL, NULL, '2026-10-01 10:00', 'amartin'),"
    " (21, 1, 1, 1, 1, '2026-10-25 23:30', '2026-10-26 00:00', 'seen', '2026-10-25 23:25', '2026-10-25 23:37', '2026-10-01 10:00', 'amartin'),"
    " (22, 1, 1, 1, 1, '2026-10-26 00:00', '2026-10-26 00:30', 'noshow', NULL, NULL, '2026-10-01 10:00', 'amartin'),"
    " (23, 1, 1, 1, 1, '2026-10-23 23:59', '2026-10-24 00:29', 'noshow', NULL, NULL, '2026-10-01 10:00', 'amartin'),"
    /* the Monday after the change, for Claire (SMS and e-mail) */
    " (24, 1, 1, 1, 2, '2026-10-26 09:00', '2026-10-26 09:30', 'unknown', NULL, NULL, '2026-10-01 10:00', 'amartin');\n"
    /* audit times are instants in UTC: 08:01 in Paris is 07:01 UTC; the
     * last one, midnight in Paris, belongs to the next day */
    "INSERT INTO audit (at, actor, entity, entity_id, action, detail) VALUES"
    " ('2026-11-25T07:01:00+00:00', 'amartin', 'appointment', 1, 'create', ''),"
    " ('2026-11-25T07:02:00+00:00', 'amartin', 'appointment', 2, 'create', ''),"
    " ('2026-11-25T07:03:00+00:00', 'amartin', 'appointment', 3, 'create', ''),"
    " ('2026-11-25T07:04:00+00:00', 'lpetit', 'appointment', 10, 'create', ''),"
    " ('2026-11-25T08:10:00+00:00', 'amartin', 'appointment', 5, 'move', 'starts: 2026-11-25 08:30 -> 2026-11-25 09:00; '),"
    " ('2026-11-25T08:11:00+00:00', 'lpetit', 'appointment', 6, 'resize', 'ends: 2026-11-25 09:45 -> 2026-11-25 10:00; '),"
    " ('2026-11-25T10:00:00+00:00', 'lpetit', 'appointment', 7, 'cancel', 'status: unknown -> revoked; reason: absent'),"
    " ('2026-11-25T10:05:00+00:00', 'amartin', 'appointment', 4, 'status', 'status: unknown -> excused; '),"
    " ('2026-11-25T11:00:00+00:00', 'amartin', 'appointment', 1, 'status', 'status: unknown -> seen; '),"
    " ('2026-11-25T22:59:59+00:00', 'amartin', 'appointment', 2, 'arrive', '2026-11-25 09:20'),"
    " ('2026-11-25T11:30:00+00:00', 'amartin', 'person', 1, 'create', ''),"
    " ('2026-11-24T16:00:00+00:00', 'amartin', 'appointment', 18, 'create', ''),"
    " ('2026-11-25T23:00:00+00:00', 'amartin', 'appointment', 15, 'create', '');\n"
    /* alerts shown: of the day 3 (called), 4, 8 (confirmed), 10 (called and
     * confirmed), 11; of the next day 15, 17 and 16 (cancelled since) */
    "INSERT INTO risk_alert (appointment_id, moment, channel, shown_at, shown_by, risk) VALUES"
    " (3, 'day-before', 'desktop', '2026-11-24 16:00', 'amartin', 0.62),"
    " (3, '2h-before', 'console', '2026-11-25 08:00', 'amartin', 0.64),"
    " (4, 'day-before', 'desktop', '2026-11-24 16:00', 'amartin', 0.5),"
    " (8, 'day-before', 'desktop', '2026-11-24 16:00', 'amartin', 0.3),"
    " (10, 'day-before', 'desktop', '2026-11-24 16:00', 'lpetit', 0.4),"
    " (11, 'day-before', 'desktop', '2026-11-24 16:00', 'lpetit', 0.55),"
    " (15, 'day-before', 'desktop', '2026-11-25 16:00', 'amartin', 0.71),"
    " (16, 'day-before', 'desktop', '2026-11-25 16:00', 'amartin', 0.9),"
    " (17, 'day-before', 'console', '2026-11-25 16:00', 'lpetit', 0.45),"
    /* around the autumn change: 19 and 20 (in the repeated hour) in the
     * weekend, 23 the Friday before, 22 and 24 the Monday after */
    " (19, 'day-before', 'desktop', '2026-10-23 16:00', 'amartin', 0.35),"
    " (20, 'day-before', 'console', '2026-10-24 16:00', 'amartin', 0.66),"
    " (23, 'day-before', 'desktop', '2026-10-22 16:00', 'amartin', 0.5),"
    " (22, 'day-before', 'desktop', '2026-10-25 16:00', 'amartin', 0.6),"
    " (24, 'day-before', 'desktop', '2026-10-25 16:00', 'amartin', 0.8);\n"
    "INSERT INTO appointment_followup (appointment_id, called_at, confirmed_at) VALUES"
    " (3, '2026-11-24 16:30', NULL), (10, '2026-11-24 16:40', '2026-11-24 16:41'),"
    " (8, NULL, '2026-11-25 09:00'), (17, '2026-11-25 16:10', NULL),"
    " (20, '2026-10-24 16:30', NULL), (24, NULL, '2026-10-25 16:30');\n"
    /* next day's reminders: 15 by SMS failed (its person no longer asks for
     * them), 17 by SMS sent, by e-mail still to send */
    "INSERT INTO reminder (id, appointment_id, channel, address, planned_at, state, attempts)"
    " VALUES (1, 15, 'sms', '0600000000', '2026-11-25 09:00', 'failed', 3),"
    " (2, 17, 'sms', '0612345678', '2026-11-25 14:00', 'sent', 1),"
    /* the Monday after the change: 24 by SMS sent, by e-mail to send; 22 (a
     * no-show) and 21 (the Sunday) are not that day's reminders */
    " (3, 24, 'sms', '0612345678', '2026-10-25 09:00', 'sent', 1),"
    " (4, 22, 'email', 'jean@example.org', '2026-10-25 00:00', 'failed', 2),"
    " (5, 21, 'sms', '0600000000', '2026-10-24 23:30', 'failed', 1);\n"
    /* a collège: lending hours Monday to Friday 18:00-22:00, Wednesday
     * also 14:00-18:00; none at the week-end (any time) */
    "INSERT INTO site (id, name, kind) VALUES (3, 'Collège Jean Moulin', 'college');\n"
    "INSERT INTO college (site_id, academie, school_zone) VALUES (3, 'Lyon', 'Zone A');\n"
    "INSERT INTO college_hours (site_id, weekday, start_minute, end_minute) VALUES"
    " (3, 1, 1080, 1320), (3, 2, 1080, 1320), (3, 3, 840, 1080), (3, 3, 1080, 1320),"
    " (3, 4, 1080, 1320), (3, 5, 1080, 1320);\n"
    "INSERT INTO room (id, site_id, name, capacity) VALUES (1, 3, 'Gymnase', 100),"
    " (2, 3, 'Salle 12', 30);\n"
    "INSERT INTO room_blackout (room_id, first_day, last_day, reason) VALUES"
    " (2, '2026-11-24', '2026-11-24', 'peinture');\n"
    "INSERT INTO association (id, name, insurance_until) VALUES"
    " (1, 'Club de judo', '2026-12-10'), (2, '=Chorale', NULL),"
    " (3, 'Échecs', '2027-06-30'), (4, 'Théâtre', '2026-11-01');\n"
    "INSERT INTO loan_request (id, room_id, association_id, created_at) VALUES"
    " (1, 1, 1, '2026-11-01 10:00'), (2, 1, 2, '2026-11-20 09:00'),"
    " (3, 2, 3, '2026-10-15 14:00'), (4, 2, 4, '2026-09-01 10:00'),"
    " (5, 1, 3, '2026-10-01 10:00');\n"
    "INSERT INTO loan_series (id, request_id, weekdays, every_weeks, start_minute, end_minute,"
    " first_day, last_day, uid) VALUES"
    " (1, 1, 4, 1, 1080, 1200, '2026-11-18', '2026-12-02', 's1@fixture'),"
    " (2, 2, 4, 1, 1200, 1290, '2026-11-25', '2026-12-09', 's2@fixture'),"
    " (3, 3, 4, 1, 840, 960, '2026-11-25', '2026-12-02', 's3@fixture'),"
    " (4, 4, 4, 3, 1080, 1200, '2026-11-04', '2026-11-25', 's4@fixture'),"
    /* the weekend of the change: Saturday 20:00-22:00, Sunday 01:30-03:30 */
    " (5, 5, 32, 1, 1200, 1320, '2026-10-24', '2026-10-24', 's5@fixture'),"
    " (6, 5, 64, 1, 90, 210, '2026-10-25', '2026-10-25', 's6@fixture');\n"
    "INSERT INTO loan_occurrence (series_id, room_id, original_day, starts_at, ends_at, state)"
    " VALUES (1, 1, '2026-11-18', '2026-11-18 18:00', '2026-11-18 20:00', 'approved'),"
    " (1, 1, '2026-11-25', '2026-11-25 18:00', '2026-11-25 20:00', 'approved'),"
    " (1, 1, '2026-12-02', '2026-12-02 18:00', '2026-12-02 20:00', 'approved'),"
    " (2, 1, '2026-11-25', '2026-11-25 20:00', '2026-11-25 21:30', 'approved'),"
    " (2, 1, '2026-12-02', '2026-12-02 20:00', '2026-12-02 21:30', 'requested'),"
    " (2, 1, '2026-12-09', '2026-12-09 20:00', '2026-12-09 21:30', 'requested'),"
    " (3, 2, '2026-11-25', '2026-11-25 14:00', '2026-11-25 16:00', 'requested'),"
    " (3, 2, '2026-12-02', '2026-12-02 14:00', '2026-12-02 16:00', 'requested'),"
    " (4, 2, '2026-11-04', '2026-11-04 18:00', '2026-11-04 20:00', 'approved'),"
    " (4, 2, '2026-11-25', '2026-11-25 18:00', '2026-11-25 19:00', 'cancelled'),"
    " (5, 1, '2026-10-24', '2026-10-24 20:00', '2026-10-24 22:00', 'approved'),"
    " (6, 1, '2026-10-25', '2026-10-25 01:30', '2026-10-25 03:30', 'approved');\n";

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
