#!/usr/bin/env bash
# remind.sh - `guichet remind` with a recording command: --dry-run lists
# what is due and writes nothing; --send runs the command once per message
# with the text on stdin and GUICHET_CHANNEL/TO/APPOINTMENT set, records a
# receipt and marks the appointment; a second --send sends nothing; never
# for a cancelled or started appointment; a failing command is recorded
# with its words and retried at most three times in all.
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/remind.db"
demo_db "$DB" || bail_out "cannot create the demo database"
OUTBOX="$TEST_TMP/outbox"
mkdir -p "$OUTBOX"
cat >"$TEST_TMP/record.sh" <<EOF
#!/bin/sh
f="$OUTBOX/\$GUICHET_APPOINTMENT.\$GUICHET_CHANNEL"
[ -e "\$f" ] && echo twice >>"$OUTBOX/TWICE"
cat >"\$f"
echo "to=\$GUICHET_TO" >>"\$f"
echo "queued as \$GUICHET_APPOINTMENT"
EOF
chmod +x "$TEST_TMP/record.sh"

# A person who accepts SMS, booked: later today (due), earlier today
# (started: never), tomorrow but cancelled (never), in three days (not due).
P=$(sql "$DB" "SELECT id FROM beneficiary WHERE phone <> '' ORDER BY id LIMIT 1")
sql "$DB" "UPDATE beneficiary SET notify_sms = 1, notify_email = 1, email = 'p@example.org' WHERE id = $P"
add() { # START STATUS -> id
    sql "$DB" "INSERT INTO appointment (site_id, agent_id, motif_id, beneficiary_id, starts_at,
        ends_at, status, overbooked, created_at) SELECT 1, agent_id, 1, $P, '$1',
        strftime('%Y-%m-%d %H:%M', '$1', '+15 minutes'), '$2', 1, '2026-11-01 09:00'
        FROM agent_site WHERE site_id = 1 LIMIT 1; SELECT last_insert_rowid();"
}
LATER=$(add "$TODAY 16:00" unknown)
STARTED=$(add "$TODAY 09:30" unknown)
CANCELLED=$(add "2026-11-26 11:00" excused)
FAR=$(add "2026-11-28 11:00" unknown)
DUE=$(sql "$DB" "SELECT (SELECT count(*) FROM appointment a JOIN beneficiary b ON b.id = a.beneficiary_id
    WHERE a.status = 'unknown' AND a.starts_at > '$GUICHET_NOW' AND a.starts_at <= '2026-11-27 10:00'
    AND b.notify_sms = 1 AND b.phone <> '') + (SELECT count(*) FROM appointment a
    JOIN beneficiary b ON b.id = a.beneficiary_id WHERE a.status = 'unknown'
    AND a.starts_at > '$GUICHET_NOW' AND a.starts_at <= '2026-11-27 10:00'
    AND b.notify_email = 1 AND b.email <> '')")

snapshot "$DB"
run remind --db "$DB" --dry-run
expect "--dry-run lists what is due" 0 "$DUE reminders would be sent"
check "--dry-run shows the text" grep -qF "Reminder: you have an appointment on 25/11/2026 at 16h" <<<"$out"
unchanged "--dry-run" "$DB"
check "--dry-run runs nothing" [ -z "$(ls "$OUTBOX")" ]

run remind --db "$DB" --send --command "$TEST_TMP/record.sh"
expect "--send" 0 "$DUE sent, 0 failed"
check "one message per reminder due ($DUE)" [ "$(ls "$OUTBOX" | wc -l)" -eq "$DUE" ]
check "the SMS of the appointment later today, text on stdin, number in GUICHET_TO" \
    grep -qF "Reminder: you have an appointment on 25/11/2026 at 16h" "$OUTBOX/$LATER.sms"
check "the e-mail too, to the address" grep -qx "to=p@example.org" "$OUTBOX/$LATER.email"
check "never for a started appointment" [ ! -e "$OUTBOX/$STARTED.sms" ]
check "never for a cancelled appointment" [ ! -e "$OUTBOX/$CANCELLED.sms" ]
check "not yet for one in three days" [ ! -e "$OUTBOX/$FAR.sms" ]
check "a receipt per message, with the command's words" \
    [ "$(sql "$DB" "SELECT count(*) FROM reminder_receipt WHERE result = 'sent' AND detail LIKE 'queued as %'")" -eq "$DUE" ]
check "the appointment is marked reminder_sent" \
    [ "$(sql "$DB" "SELECT reminder_sent FROM appointment WHERE id = $LATER")" = 1 ]

snapshot "$DB"
run remind --db "$DB" --send --command "$TEST_TMP/record.sh"
expect "a second --send" 0 "0 sent, 0 failed"
check "never twice" [ ! -e "$OUTBOX/TWICE" ]
unchanged "a second --send" "$DB"

# a failing gateway: recorded, retried, given up after three attempts
NEW=$(add "2026-11-26 15:00" unknown)
for attempt in 1 2 3; do
    run remind --db "$DB" --send --command 'cat >/dev/null; echo "gateway down" >&2; exit 3'
    expect "a failing command, attempt $attempt" 1 "gateway down"
done
check "a failed receipt per channel and attempt, with the exit status and words" \
    [ "$(sql "$DB" "SELECT count(*) FROM reminder_receipt r JOIN reminder m ON m.id = r.reminder_id
        WHERE m.appointment_id = $NEW AND r.result = 'failed' AND r.detail LIKE 'exit status 3: gateway down%'")" = 6 ]
run remind --db "$DB" --send --command "$TEST_TMP/record.sh"
expect "given up after three attempts" 0 "0 sent, 0 failed"
check "the appointment is not marked" [ "$(sql "$DB" "SELECT reminder_sent FROM appointment WHERE id = $NEW")" = 0 ]

run remind --db "$DB" --send
expect "--send without a command" 2 "--command"
run remind --db "$DB"
expect "neither --dry-run nor --send" 2 "--dry-run"
run remind --db "$DB" --dry-run --hours 0
expect "a bad --hours" 2 "--hours"

finish
