#!/usr/bin/env bash
# consequences.sh - an absence or a change of opening hours lists, before
# saving, the appointments it would leave outside; nothing is written
# unless --force; once saved, `appt list --conflicts` lists them with the
# reason. On a demo database, clock fixed at Wednesday 2026-11-25 10:00.
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/consequences.db"
demo_db "$DB" || bail_out "cannot create the demo database"
U=(--db "$DB" --user desk-test)

# A free slot of motif 1 at site 1 tomorrow or later, booked.
run appt slots --db "$DB" --motif 1 --site 1 --from "2026-11-26 08:00" --count 1 --format csv
S1=$(printf '%s\n' "$out" | tr -d '\r' | sed -n 2p | cut -d';' -f1)
A1=$(printf '%s\n' "$out" | tr -d '\r' | sed -n 2p | cut -d';' -f3)
[ -n "$S1" ] && [ -n "$A1" ] || bail_out "no free slot for motif 1 at site 1"
P1=$(sql "$DB" "SELECT min(id) FROM beneficiary")
run appt add "${U[@]}" --site 1 --agent "$A1" --motif 1 --person "$P1" --at "$S1"
expect "a free slot is booked" 0
ID=$out
DAY=${S1%% *}
TIME=${S1#* }
MIN=$((10#${TIME%%:*} * 60 + 10#${TIME#*:}))
WD=$(date -d "$DAY" +%u)
NEXT=$(date -d "$DAY + 1 day" +%F)
OPENING=$(sql "$DB" "SELECT id FROM opening_hours WHERE agent_id = $A1 AND site_id = 1
    AND weekday = $WD AND start_minute <= $MIN AND end_minute > $MIN ORDER BY id LIMIT 1")
[ -n "$OPENING" ] || bail_out "no opening range holds $S1"

run appt list --db "$DB" --conflicts --date "$DAY"
expect "conflicts: the day's list answers" 0
check "conflicts: the new appointment is not outside" \
    sh -c "! printf '%s\n' \"\$1\" | grep -q \"^$ID |\"" _ "$out"

run hours list --db "$DB" --agent "$A1"
expect "hours list: the agent's ranges" 0 "$OPENING | 1 | $WD |"

# ---- opening hours cut before the appointment: listed, refused ----
snapshot "$DB"
run hours change "${U[@]}" "$OPENING" --end "$TIME"
expect "hours change: refused while it leaves an appointment outside" 1 \
    "nothing was written (--force"
check "hours change: names the appointment and why" \
    sh -c "printf '%s\n' \"\$1\" | grep -q \"^$ID | $S1-.*| outside opening hours\$\"" _ "$err"
unchanged "hours change refused" "$DB"
run hours delete "${U[@]}" "$OPENING"
expect "hours delete: refused the same way" 1 "outside opening hours"
unchanged "hours delete refused" "$DB"

# ---- an absence over it ----
run absence add "${U[@]}" --agent "$A1" --from "$DAY 00:00" --until "$NEXT 00:00" --reason formation
N_DAY=$(sql "$DB" "SELECT count(*) FROM appointment WHERE agent_id = $A1
    AND starts_at >= '$DAY' AND starts_at < '$NEXT' AND status NOT IN ('excused', 'revoked')")
expect "absence add: refused while it leaves the day's appointments outside" 1 \
    "this leaves $N_DAY appointments outside"
check "absence add: names the appointment and why" \
    sh -c "printf '%s\n' \"\$1\" | grep -q \"^$ID | $S1-.*| agent absent\$\"" _ "$err"
unchanged "absence add refused" "$DB"
run absence add "${U[@]}" --agent "$A1" --from "$DAY 00:00" --until "$NEXT 00:00" --reason formation --force
expect "absence add --force: saved" 0
check "absence add --force: one absence row, audited" test \
    "$(sql "$DB" "SELECT count(*) FROM absence a JOIN audit u ON u.entity = 'absence'
        AND u.entity_id = a.id AND u.actor = 'desk-test' WHERE a.agent_id = $A1
        AND a.reason = 'formation'")" = 1

run appt list --db "$DB" --conflicts --date "$DAY"
expect "conflicts: listed after the absence" 0 "$ID | $S1-"
check "conflicts: with the reason" \
    sh -c "printf '%s\n' \"\$1\" | grep -q \"^$ID | .*| agent absent\$\"" _ "$out"

run hours change "${U[@]}" "$OPENING" --end "$TIME" --force
expect "hours change --force: saved although already outside" 0
run appt list --db "$DB" --conflicts --site 1
expect "conflicts: from today for a year, one site" 0
check "conflicts: both reasons" \
    sh -c "printf '%s\n' \"\$1\" | grep -q \"^$ID | .*| agent absent, outside opening hours\$\"" _ "$out"
run appt list --db "$DB" --conflicts --date "$DAY" --format csv
check "conflicts csv: BOM, CRLF and the reasons" \
    sh -c "printf '%s' \"\$1\" | head -c 3 | od -An -tx1 | grep -q 'ef bb bf' &&
           printf '%s\n' \"\$1\" | grep -q \"^$ID;.*;agent absent, outside opening hours\$(printf '\r')\$\"" _ "$out"
run appt list --db "$DB" --conflicts --date "$DAY" --format json
if printf '%s' "$out" | json_ok; then ok "conflicts json: valid"; else not_ok "conflicts json: valid"; fi

# ---- bad input changes nothing ----
snapshot "$DB"
run hours change "${U[@]}" "$OPENING" --end "25:99"
expect "hours change: a bad time is bad input" 2 "--end"
run hours change "${U[@]}" 999999 --end "12:00"
check "hours change: an unknown range is refused, named" \
    sh -c "[ $rc -ne 0 ] && printf '%s' \"\$1\" | grep -q 'opening hours 999999'" _ "$err"
run absence add "${U[@]}" --agent "$A1" --from "$NEXT 10:00" --until "$NEXT 09:00"
expect "absence add: until before from is bad input" 2 "until"
run absence add "${U[@]}" --agent nobody-at-all --from "$NEXT 10:00" --until "$NEXT 11:00"
check "absence add: an unknown agent is refused, named" \
    sh -c "[ $rc -ne 0 ] && printf '%s' \"\$1\" | grep -q 'nobody-at-all'" _ "$err"
unchanged "bad input" "$DB"
finish
