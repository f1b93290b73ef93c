#!/usr/bin/env bash
# appt.sh - `guichet appt` on a demo database with the clock fixed at
# Wednesday 2026-11-25 10:00: every action's success and refusal paths,
# exit codes, the audit rows written, the file unchanged (sqlite3 .dump)
# after each refusal, list formats (text, CSV in the French dialect, JSON),
# the slot finder's first slots bookable without --force, and two
# processes racing `appt add` for one slot 20 times: exactly one wins.
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/appt.db"
demo_db "$DB" || bail_out "cannot create the demo database"
U=(--db "$DB" --user desk-test)

# First free slots of motif 1 at site 1: "start;end;agent id;agent;site id;site".
run appt slots --db "$DB" --motif 1 --site 1 --count 3 --format csv
expect "slots: csv answer" 0
slot() { printf '%s\n' "$out" | tr -d '\r' | sed -n "$(($1 + 1))p" | cut -d';' -f"$2"; }
S1=$(slot 1 1); A1=$(slot 1 3); S2=$(slot 2 1); A2=$(slot 2 3)
[ -n "$S1" ] && [ -n "$A1" ] || bail_out "no free slot for motif 1 at site 1"
SITE1=$(sql "$DB" "SELECT name FROM site WHERE id = 1")
AGENT1=$(sql "$DB" "SELECT first_name || ' ' || last_name FROM agent WHERE id = $A1")
check "slots csv: the agent as \"First Last\" and the site by name" \
    test "$(slot 1 4)|$(slot 1 5)|$(slot 1 6)" = "$AGENT1|1|$SITE1"
E1=$(slot 1 2 | cut -c12-)
run appt slots --db "$DB" --motif 1 --site 1 --count 1
check "slots text: \"start-end | First Last | site name\"" \
    test "$out" = "$S1-$E1 | $AGENT1 | $SITE1"
P1=$(sql "$DB" "SELECT min(id) FROM beneficiary")
P2=$((P1 + 1)); P3=$((P1 + 2))

# ---- add ----
run appt add "${U[@]}" --site 1 --agent "$A1" --motif 1 --person "$P1" --at "$S1" \
    --note "Apporter l'avis d'imposition"
expect "add: a free slot is booked" 0
ID=$out
check "add: prints the new id" test -n "$ID" -a "$ID" -eq "$ID" 2>/dev/null
check "add: stored as asked" test "$(sql "$DB" "SELECT starts_at || '|' || status || '|' ||
    created_by || '|' || context || '|' || overbooked FROM appointment WHERE id = ${ID:-0}")" = \
    "$S1|unknown|desk-test|Apporter l'avis d'imposition|0"
check "add: audit row by the --user" test "$(sql "$DB" "SELECT actor || ' ' || action FROM audit
    WHERE entity = 'appointment' AND entity_id = ${ID:-0}")" = "desk-test create"

snapshot "$DB"
run appt add "${U[@]}" --site 1 --agent "$A1" --motif 1 --person "$P2" --at "$S1"
expect "add: the same slot is refused" 1 "already has an appointment"
unchanged "add overlap" "$DB"

run appt add "${U[@]}" --site 1 --agent "$A1" --motif 1 --person "$P2" --at "$S1" --overbook
expect "add: --overbook books it" 0
OVER=$out
check "add: the overbooking is recorded" test "$(sql "$DB" "SELECT overbooked FROM appointment
    WHERE id = ${OVER:-0}")" = 1

snapshot "$DB"
run appt add "${U[@]}" --site 1 --agent "$A1" --motif 1 --person "$P3" --at "2026-11-24 07:00"
expect "add: in the past and outside hours needs --force" 1 "in the past; outside opening hours"
unchanged "add in the past" "$DB"
run appt add "${U[@]}" --site 1 --agent "$A1" --motif 1 --person "$P3" --at "2026-11-26 21:00"
expect "add: outside opening hours needs --force" 1 "outside opening hours"
unchanged "add outside opening hours" "$DB"
run appt add "${U[@]}" --site 1 --agent "$A1" --motif 1 --person "$P3" --at "24/11/2026 07h00" --force
expect "add: --force accepts the warnings (French date form too)" 0 "warning accepted"

# bad input: exit 2, the message names the field, nothing written
snapshot "$DB"
bad_add() { # NAME TEXT ARGS...
    local name=$1 text=$2
    shift 2
    run appt add "${U[@]}" "$@"
    expect "add refused: $name" 2 "$text"
}
base=(--site 1 --agent "$A1" --motif 1 --person "$P3")
bad_add "impossible date" "--at" "${base[@]}" --at "2026-02-30 10:00"
bad_add "not a date" "--at" "${base[@]}" --at "tomorrow"
bad_add "hour 25" "--at" "${base[@]}" --at "2026-11-26 25:00"
# an unknown id or name is a refusal (exit 1), not malformed input
refused_add() { # NAME TEXT ARGS...
    local name=$1 text=$2
    shift 2
    run appt add "${U[@]}" "$@"
    expect "add refused: $name" 1 "$text"
}
refused_add "unknown agent" "--agent" --site 1 --agent "Nobody" --motif 1 --person "$P3" --at "$S2"
refused_add "unknown motif" "--motif" --site 1 --agent "$A1" --motif "no such motif" --person "$P3" --at "$S2"
refused_add "unknown site" "site" --site 999 --agent "$A1" --motif 1 --person "$P3" --at "$S2"
refused_add "unknown person" "person" "${base[@]/$P3/999999}" --at "$S2"
bad_add "person not a number" "--person" --site 1 --agent "$A1" --motif 1 --person abc --at "$S2"
bad_add "zero duration" "--duration" "${base[@]}" --at "$S2" --duration 0
bad_add "duration over a day" "--duration" "${base[@]}" --at "$S2" --duration 2000
bad_add "missing person" "--person" --site 1 --agent "$A1" --motif 1 --at "$S2"
bad_add "control character in the note" "control character" "${base[@]}" --at "$S2" --note $'a\x1b[2Jb'
bad_add "over-long note" "--note" "${base[@]}" --at "$S2" --note "$(printf 'x%.0s' $(seq 1 1100))"
bad_add "unknown option" "--bogus" "${base[@]}" --at "$S2" --bogus
unchanged "bad input to add" "$DB"

# ---- move ----
CREATED=$(sql "$DB" "SELECT created_at || created_by FROM appointment WHERE id = $ID")
run appt move "$ID" "${U[@]}" --at "$S2" --agent "$A2"
expect "move: to the next free slot" 0
check "move: new time and agent, booking date and author kept, version 2" \
    test "$(sql "$DB" "SELECT starts_at || '|' || agent_id || '|' || created_at || created_by ||
        '|' || version FROM appointment WHERE id = $ID")" = "$S2|$A2|$CREATED|2"
check "move: audit row says what moved" test "$(sql "$DB" "SELECT count(*) FROM audit
    WHERE entity = 'appointment' AND entity_id = $ID AND action = 'move'
    AND detail LIKE '%start: $S1 -> $S2%'")" = 1
snapshot "$DB"
run appt move "$OVER" "${U[@]}" --at "$S2" --agent "$A2"
expect "move: onto a busy slot is refused" 1 "already has an appointment"
unchanged "move onto a busy slot" "$DB"
run appt move 999999 "${U[@]}" --at "$S2"
expect "move: unknown appointment" 1 "appointment 999999"
run appt move "$ID" "${U[@]}"
expect "move: nothing to change" 2 "--at, --agent or --duration"
run appt move "$ID" "${U[@]}" --duration 0
expect "move: bad duration" 2 "--duration"
unchanged "refused moves" "$DB"
run appt move "$OVER" "${U[@]}" --at "$S2" --agent "$A2" --overbook
expect "move: --overbook moves it onto the busy slot" 0

# ---- cancel ----
snapshot "$DB"
run appt cancel "$OVER" "${U[@]}" --by person
expect "cancel: a reason is required" 2 "--reason"
run appt cancel "$OVER" "${U[@]}" --by nobody --reason x
expect "cancel: --by person or service" 2 "--by"
run appt cancel "$OVER" "${U[@]}" --by person --reason ""
expect "cancel: an empty reason" 2 "reason"
unchanged "refused cancels" "$DB"
run appt cancel "$OVER" "${U[@]}" --by person --reason "malade"
expect "cancel: excused by the person" 0
check "cancel: status and reason stored" test "$(sql "$DB" "SELECT status || '|' ||
    cancel_reason FROM appointment WHERE id = $OVER")" = "excused|malade"
snapshot "$DB"
run appt cancel "$OVER" "${U[@]}" --by service --reason "fermeture"
expect "cancel: excused cannot become revoked directly" 1 "unknown first"
unchanged "cancel twice" "$DB"

# ---- status ----
FUTURE=$(sql "$DB" "SELECT min(id) FROM appointment WHERE status = 'unknown'
    AND starts_at >= '2026-11-27'")
PAST=$(sql "$DB" "SELECT min(id) FROM appointment WHERE status = 'unknown'
    AND starts_at < '$GUICHET_NOW' AND arrived_at IS NULL")
snapshot "$DB"
run appt status "$FUTURE" "${U[@]}" seen
expect "status: a future appointment cannot be seen" 1 "day of the appointment"
run appt status "$FUTURE" "${U[@]}" noshow
expect "status: nor a no-show" 1 "start time has passed"
run appt status "$FUTURE" "${U[@]}" excused
expect "status: excused needs a reason" 2 "--reason"
run appt status "$FUTURE" "${U[@]}" maybe
expect "status: unknown status word" 2 "maybe"
unchanged "refused statuses" "$DB"
run appt status "$PAST" "${U[@]}" noshow
expect "status: a past appointment is a no-show" 0
run appt status "$PAST" "${U[@]}" seen
expect "status: no-show to seen goes through unknown" 1 "unknown first"
run appt status "$PAST" "${U[@]}" unknown
expect "status: back to unknown" 0
run appt status "$PAST" "${U[@]}" seen
expect "status: then seen" 0
check "status: seen time stored" test "$(sql "$DB" "SELECT status || '|' || seen_at
    FROM appointment WHERE id = $PAST")" = "seen|$GUICHET_NOW"
run appt status "$FUTURE" "${U[@]}" revoked --reason "agent en formation"
expect "status: revoked with a reason" 0

# ---- arrive ----
LATER=$(sql "$DB" "SELECT min(id) FROM appointment WHERE status = 'unknown'
    AND starts_at >= '$GUICHET_NOW' AND starts_at < '$TODAY 23:59' AND arrived_at IS NULL")
run appt arrive "$LATER" "${U[@]}"
expect "arrive: today's appointment" 0
check "arrive: time stored" test "$(sql "$DB" "SELECT arrived_at FROM appointment
    WHERE id = $LATER")" = "$GUICHET_NOW"
snapshot "$DB"
run appt arrive "$LATER" "${U[@]}"
expect "arrive: not twice" 1 "already arrived"
NEXT_DAY=$(sql "$DB" "SELECT min(id) FROM appointment WHERE status = 'unknown'
    AND starts_at >= '2026-11-26'")
run appt arrive "$NEXT_DAY" "${U[@]}"
expect "arrive: only on the day" 1 "day of the appointment"
unchanged "refused arrivals" "$DB"
run appt arrive "$LATER" "${U[@]}" --undo
expect "arrive --undo" 0
check "arrive --undo: mark cleared" test -z "$(sql "$DB" "SELECT arrived_at FROM appointment
    WHERE id = $LATER")"

# ---- list ----
# the appointment cancelled above ("malade"): the reason in every format
ODAY=$(sql "$DB" "SELECT substr(starts_at, 1, 10) FROM appointment WHERE id = $OVER")
OAGENT=$(sql "$DB" "SELECT a.first_name || ' ' || a.last_name FROM appointment p
    JOIN agent a ON a.id = p.agent_id WHERE p.id = $OVER")
run appt list --db "$DB" --date "$ODAY"
check "list text: the agent as \"First Last\", a cancellation with its reason" \
    eval 'printf "%s\n" "$out" | grep -E "^$OVER \| " | grep -qF "| $OAGENT | " &&
          printf "%s\n" "$out" | grep -E "^$OVER \| " | grep -qF ", reason: malade"'
run appt list --db "$DB" --date "$ODAY" --format csv
check "list csv: a \"Cancellation reason\" column, after the status" \
    eval 'printf "%s\n" "$out" | grep -q "Status;Cancellation reason;Arrived;Note" &&
          printf "%s\n" "$out" | grep -E "^$OVER;" | grep -qF ";$OAGENT;" &&
          printf "%s\n" "$out" | grep -E "^$OVER;" | grep -qF ";excused;malade;"'
COUNT=$(sql "$DB" "SELECT count(*) FROM appointment WHERE starts_at LIKE '$TODAY %'")
run appt list --db "$DB" --date "$TODAY"
expect "list: text" 0
check "list: one line per appointment of the day" test "$(printf '%s\n' "$out" | grep -c .)" = "$COUNT"
COUNT1=$(sql "$DB" "SELECT count(*) FROM appointment WHERE site_id = 1 AND starts_at LIKE '$TODAY %'")
run appt list --db "$DB" --date "25/11/2026" --site "MDS Centre"
check "list --site: that site only" test "$(printf '%s\n' "$out" | grep -c .)" = "$COUNT1"

run person add --db "$DB" --last 'Du;pont "Jo"' --first 'Ann' --force
QP=$out
run appt add "${U[@]}" --site 1 --agent "$A1" --motif 1 --person "$QP" --at "$TODAY 07:00" --force
run appt list --db "$DB" --date "$TODAY" --format csv
printf '%s' "$out" >"$TEST_TMP/list.csv"
check "csv: starts with the UTF-8 byte order mark" test "$(head -c 3 "$TEST_TMP/list.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf"
check "csv: ';' separated header" grep -q "^.*Id;Date;Start;End;Site;Agent;Motif" "$TEST_TMP/list.csv"
check "csv: every line ends with CRLF" test "$(grep -c $'\r$' "$TEST_TMP/list.csv")" = "$((COUNT + 2))"
check "csv: quotes doubled, field with ';' quoted" grep -qF '"Du;pont ""Jo"""' "$TEST_TMP/list.csv"
check "csv: French dates" grep -q ";25/11/2026;" "$TEST_TMP/list.csv"
run appt list --db "$DB" --date "$TODAY" --format json
check "json: valid" json_ok <<<"$out"
if command -v jq >/dev/null; then
    check "json: one object per appointment" test "$(jq length <<<"$out")" = "$((COUNT + 1))"
    check "json: names kept as they are" test "$(jq -r '.[] | select(.person_id == '"$QP"') | .last_name' <<<"$out")" = 'Du;pont "Jo"'
fi
run appt list --db "$DB" --date "2026-13-01"
expect "list: bad date" 2 "--date"
run appt list --db "$DB" --date "$TODAY" --format xml
expect "list: bad format" 2 "--format"
run appt list --db "$TEST_TMP/missing.db" --date "$TODAY"
expect "list: a missing file" 1 "missing.db"
check "list: a missing file is not created" test ! -e "$TEST_TMP/missing.db"

# ---- the slot finder's first slot is bookable as it is ----
for motif in 1 2 3 4 5; do
    run appt slots --db "$DB" --motif "$motif" --count 1 --format csv
    line=$(printf '%s\n' "$out" | tr -d '\r' | sed -n 2p)
    if [ -z "$line" ]; then not_ok "slots: motif $motif has a free slot"; continue; fi
    person=$(sql "$DB" "SELECT id FROM beneficiary WHERE id NOT IN (SELECT beneficiary_id
        FROM appointment WHERE beneficiary_id IS NOT NULL AND starts_at LIKE '${line:0:10}%')
        ORDER BY id LIMIT 1")
    run appt add "${U[@]}" --site "$(cut -d';' -f5 <<<"$line")" --agent "$(cut -d';' -f3 <<<"$line")" \
        --motif "$motif" --person "$person" --at "$(cut -d';' -f1 <<<"$line")"
    expect "slots: motif $motif's first slot is booked without --force" 0
done
run appt slots --db "$DB" --motif 999
expect "slots: unknown motif" 1 "--motif"

# ---- two processes racing for one slot, 20 times ----
run appt slots --db "$DB" --motif 1 --agent "$A1" --count 20 --format csv
mapfile -t RACE < <(printf '%s\n' "$out" | tr -d '\r' | sed 1d | cut -d';' -f1,5)
race_ok=0
for round in $(seq 0 19); do
    at=${RACE[$round]%%;*}
    site=${RACE[$round]##*;}
    [ -n "$at" ] || break
    pa=$((P1 + 10 + 2 * round)); pb=$((pa + 1))
    "$GUICHET" appt add "${U[@]}" --site "$site" --agent "$A1" --motif 1 --person "$pa" \
        --at "$at" --force >/dev/null 2>"$TEST_TMP/race.a" & ja=$!
    "$GUICHET" appt add "${U[@]}" --site "$site" --agent "$A1" --motif 1 --person "$pb" \
        --at "$at" --force >/dev/null 2>"$TEST_TMP/race.b" & jb=$!
    wait "$ja"; ra=$?
    wait "$jb"; rb=$?
    live=$(sql "$DB" "SELECT count(*) FROM appointment WHERE agent_id = $A1 AND starts_at = '$at'
        AND status NOT IN ('excused', 'revoked')")
    if [ $((ra + rb)) -eq 1 ] && [ "$live" = 1 ]; then
        race_ok=$((race_ok + 1))
    else
        echo "# round $round at $at: exits $ra and $rb, $live live appointments"
        sed 's/^/#   /' "$TEST_TMP/race.a" "$TEST_TMP/race.b"
    fi
done
check "race: 20 rounds, exactly one winner each ($race_ok)" test "$race_ok" = 20

# ---- help and mistakes ----
run appt --help
expect "appt --help" 0 "Usage: guichet appt"
run appt frobnicate
expect "appt: unknown action" 2 "frobnicate"
run appt add --help
expect "appt add --help" 0 "--overbook"
check "integrity after all this" test "$(sql "$DB" "PRAGMA integrity_check")" = ok
finish
