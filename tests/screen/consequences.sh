#!/usr/bin/env bash
# consequences.sh - an appointment left outside by an absence saved later
# is marked in the day view ("!" before the name, not by colour alone),
# the status line and the details dialog say why ("agent absent"), a
# cancellation starts as one by the service with that reason, and the
# week view marks it too. The absence is added from the command line with
# --force after it listed the appointment. The list of appointments left
# outside (! in the day view) moves it with the slot finder to the first
# free slot. An absence saved in the structure screens over an appointment
# opens that list of the agent's appointments, where it is cancelled by
# the service with the reason filled in. The week view's ! lists the
# agent's. Deleting opening hours, then shortening others, each under an
# appointment: said before saving, then the list opens.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database" # around 2026-11-25
q() { sql "$DB" "$1"; }

DAY=2027-03-24 # a Wednesday, after the last demo appointment
export GUICHET_NOW="$DAY 10:05"
SITE=$(first_site_id "$DB")
A1=$(first_agent_ids "$DB" "$SITE" 1)
[ -n "$A1" ] || bail_out "no agent at the first site"
MOTIF=$(q "SELECT min(id) FROM motif")
SLOT=$("$GUICHET" appt slots --db "$DB" --motif "$MOTIF" --site "$SITE" --agent "$A1" \
    --from "$DAY 14:00" --days 1 --count 1 --format csv | tr -d '\r' | sed -n 2p | cut -d';' -f1)
[ "$SLOT" = "$DAY 14:00" ] || bail_out "the first agent is not free at 14:00 on $DAY ($SLOT)"
P=$(q "SELECT min(id) FROM beneficiary")
LAST=$(q "SELECT upper(last_name) FROM beneficiary WHERE id = $P")
ID=$("$GUICHET" appt add --db "$DB" --site "$SITE" --agent "$A1" --motif "$MOTIF" \
    --person "$P" --at "$SLOT")
[ -n "$ID" ] || bail_out "cannot book $SLOT"
"$GUICHET" absence add --db "$DB" --agent "$A1" --from "$DAY 13:00" --until "$DAY 17:00" \
    --reason Formation --force 2>"$TEST_TMP/absence.err" >/dev/null ||
    bail_out "cannot add the absence: $(cat "$TEST_TMP/absence.err")"
check "the command line listed the appointment before saving" \
    grep -q "^$ID | $SLOT-.*| agent absent\$" "$TEST_TMP/absence.err"

cell() { # ROW COLUMN
    screen | awk -F'│' -v row=" $1" -v col=$(($2 + 1)) '$1 == row { print $col; exit }'
}

start_console 80 24 --db "$DB"
wait_for "Wednesday 24 March 2027" 5 || { screen; bail_out "the console did not open on $DAY"; }
check "the appointment is marked \"!\" before the name in the grid" \
    eval 'cell 14:00 1 | grep -q "!.*$LAST"'
for _ in $(seq 1 8); do send j; done
check "the status line says the agent is absent" wait_status "^14:00-14:30 ! agent absent · " 2
send Enter
check "the details say it is left outside, and why" \
    eval 'wait_for "Left outside" 2 && screen | grep -q "Left outside.*agent absent"'
send Escape
send F8
check "a cancellation starts as one by the service, for that reason" \
    eval 'wait_for "Cancel the appointment" 2 && screen | grep -q "Reason.*agent absent" &&
          screen | grep -q "the service (revoked)"'
send Escape
# Keys typed while a dialog closes are discarded: wait until it is gone.
wait_gone "Cancel the appointment" 5
send F5
check "the week view marks it too" \
    eval 'wait_for "Week 12" 3 && screen | grep -q "^ 14:00│.*│ ! BRU"'
press '!'
check "! in the week view lists this agent's appointments left outside" \
    eval 'wait_for "Left outside · " 3 && screen | grep -q "^! 24/03/2027 14:00 $LAST .*agent absent"'
press Escape
check "Esc goes back to the week" wait_for "Week 12" 3
send Escape
wait_gone "Week 12" 3 >/dev/null

# ---- the list of appointments left outside: move one with the slot finder ----
# The first free slot of the motif at the site from now, as the command
# line finds it: where the finder's first line moves the appointment.
FIRST=$("$GUICHET" appt slots --db "$DB" --motif "$MOTIF" --site "$SITE" --count 1 \
    --format csv | tr -d '\r' | sed -n 2p)
TO=$(echo "$FIRST" | cut -d';' -f1) TO_AGENT=$(echo "$FIRST" | cut -d';' -f3)
[ -n "$TO" ] && [ "$TO" != "$SLOT" ] || bail_out "no other free slot than $SLOT ($FIRST)"
press '!'
check "! lists the appointments left outside, with why" \
    eval 'wait_for "Left outside · " 3 && screen | grep -q "^! 24/03/2027 14:00 $LAST .*agent absent"'
press f
check "f opens the slot finder on the appointment's motif and site" \
    eval 'wait_for "Move the appointment: find a free slot" 3 &&
          screen | grep -q "Motif .*$(q "SELECT name FROM motif WHERE id = $MOTIF")"'
press Enter
check "the finder lists the free slots" wait_for "Free slots:" 3
press Enter
check "the slot chosen opens the change form on it" \
    eval 'wait_for "Change the appointment" 3 && screen | grep -q "Time  *${TO#* }"'
press Enter
check "Enter moves it, and it leaves the list" \
    eval 'wait_status "^Moved to " 3 && wait_for "Nothing left outside from now on." 3'
check "in the database: the first free slot, status untouched" \
    eval '[ "$(q "SELECT starts_at || '"'|'"' || agent_id || '"'|'"' || status FROM appointment WHERE id = $ID")" = "$TO|$TO_AGENT|unknown" ]'
check "and it is no longer left outside" \
    eval '! "$GUICHET" appt list --db "$DB" --conflicts | grep -q "^$ID |"'
press Escape
send q
wait_for "exit=0" 3 >/dev/null

# ---- an absence entered in the console's structure screens ------------------
# The first agent of their list (the one the absences section opens on),
# with an appointment on one of the next days.
AG=$(q "SELECT id FROM agent ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT 1")
AG_SITE=$(q "SELECT site_id FROM opening_hours WHERE agent_id = $AG ORDER BY id LIMIT 1")
MOTIF3=$(q "SELECT min(id) FROM motif WHERE service_id = (SELECT service_id FROM agent WHERE id = $AG)")
SLOT3=$("$GUICHET" appt slots --db "$DB" --motif "$MOTIF3" --site "$AG_SITE" --agent "$AG" \
    --from "$DAY 11:00" --days 14 --count 1 --format csv | tr -d '\r' | sed -n 2p | cut -d';' -f1)
[ -n "$SLOT3" ] || bail_out "the first agent has no free slot in the two weeks after $DAY"
P3=$((P + 2))
ID3=$("$GUICHET" appt add --db "$DB" --site "$AG_SITE" --agent "$AG" --motif "$MOTIF3" \
    --person "$P3" --at "$SLOT3")
[ -n "$ID3" ] || bail_out "cannot book $SLOT3"
LAST3=$(q "SELECT last_name FROM beneficiary WHERE id = $P3")
D3=${SLOT3%% *}

# The agent's opening hours in the order of the opening-hours section.
opening() { # N: the Nth line
    q "SELECT id, site_id, weekday, start_minute, end_minute FROM opening_hours
       WHERE agent_id = $AG ORDER BY site_id, weekday, start_minute, id LIMIT 1 OFFSET $(($1 - 1))" |
        tr '|' ' '
}
# The first free slot of the agent in those hours (SITE WEEKDAY START END),
# starting after START when AFTER is 1, on another day than the absence.
slot_in() { # SITE WEEKDAY START END AFTER
    "$GUICHET" appt slots --db "$DB" --motif "$MOTIF3" --site "$1" --agent "$AG" \
        --from "$DAY 00:00" --days 60 --count 500 --format csv | tr -d '\r' | sed 1d | cut -d';' -f1 |
        while read -r at; do
            case "$at" in "$D3 "*) continue ;; esac
            m=$((10#${at:11:2} * 60 + 10#${at:14:2}))
            if [ "$(date -d "${at%% *}" +%u)" = "$2" ] && [ "$m" -ge $(($3 + $5)) ] && [ "$m" -lt "$4" ]; then
                echo "$at"
                break
            fi
        done
}

# An appointment in their first opening hours (deleted below), and one in
# their second (changed below, once the first is gone).
read -r OP OP_SITE OP_DAY OP_START OP_END <<<"$(opening 1)"
read -r OP2 OP2_SITE OP2_DAY OP2_START OP2_END <<<"$(opening 2)"
[ -n "$OP2" ] || bail_out "the first agent has only one line of opening hours"
SLOT4=$(slot_in "$OP_SITE" "$OP_DAY" "$OP_START" "$OP_END" 0)
[ -n "$SLOT4" ] || bail_out "no free slot in the first opening hours ($OP) of the first agent"
SLOT5=$(slot_in "$OP2_SITE" "$OP2_DAY" "$OP2_START" "$OP2_END" 1)
[ -n "$SLOT5" ] || bail_out "no free slot after the start of the second opening hours ($OP2)"
P4=$((P + 3)) P5=$((P + 4))
ID4=$("$GUICHET" appt add --db "$DB" --site "$OP_SITE" --agent "$AG" --motif "$MOTIF3" \
    --person "$P4" --at "$SLOT4")
[ -n "$ID4" ] || bail_out "cannot book $SLOT4"
ID5=$("$GUICHET" appt add --db "$DB" --site "$OP2_SITE" --agent "$AG" --motif "$MOTIF3" \
    --person "$P5" --at "$SLOT5")
[ -n "$ID5" ] || bail_out "cannot book $SLOT5"
LAST5=$(q "SELECT last_name FROM beneficiary WHERE id = $P5")

start_console 80 24 --db "$DB"
wait_for "Wednesday 24 March 2027" 5 || bail_out "the console did not open again"
send S
wait_for "Structure" 3 >/dev/null
send Right Right Right Right Right
wait_for "Reason" 2 >/dev/null
send F2
wait_for "New absence" 2 >/dev/null
BEFORE=$(sqlite3 "$DB" .dump)
send Tab C-u
send -l "$D3"
send Tab C-u
send -l "00:00"
send Tab C-u
send -l "$D3"
send Tab C-u
send -l "23:59"
send Tab C-u
send -l "Formation"
send Enter
check "before saving, the form lists the appointment it would leave outside" \
    eval 'wait_for "This leaves 1 appointment outside" 2 && screen | grep -q "$LAST3"'
check "and nothing is saved yet" eval '[ "$(sqlite3 "$DB" .dump)" = "$BEFORE" ]'
send Enter
check "saving again saves the absence" wait_status "Created: absence" 3
check "in the database, over the appointment" \
    eval '[ "$(q "SELECT count(*) FROM absence WHERE agent_id = $AG AND starts_at = '"'$D3 00:00'"'")" = 1 ]'
check "then the agent's appointments left outside are listed" \
    eval 'wait_for "Left outside · " 3 && screen | grep -q "^! .* ${SLOT3#* } .*${LAST3^^}.*agent absent"'
press x
check "x: a cancellation by the service, the reason filled in" \
    eval 'wait_for "Cancel the appointment" 3 && screen | grep -q "Reason.*agent absent" &&
          screen | grep -q "the service (revoked)"'
press Enter
check "Enter cancels it, and it leaves the list" \
    eval 'wait_status "^Cancelled \(revoked\)" 3 && wait_for "Nothing left outside from now on." 3'
check "in the database: revoked, for that reason" \
    eval '[ "$(q "SELECT status || '"'|'"' || cancel_reason FROM appointment WHERE id = $ID3")" = "revoked|agent absent" ]'
press Escape
check "Esc goes back to the structure screen" wait_for "Reason" 3

# ---- deleting opening hours under an appointment -----------------------------
press Left
wait_for "Rhythm" 3 >/dev/null
press F8
check "deleting opening hours says first how many appointments it leaves outside" \
    wait_for "Yes, delete it: 1 appointment left outside" 3
press Down Enter
check "once deleted, the list of the agent's appointments left outside opens" \
    eval 'wait_for "Left outside · " 3 &&
          screen | grep -q "^! .* ${SLOT4#* } .*outside opening h"'
check "in the database: the opening hours are gone, the appointment stays" \
    eval '[ "$(q "SELECT count(*) FROM opening_hours WHERE id = $OP") $(q "SELECT status FROM appointment WHERE id = $ID4")" = "0 unknown" ]'
press Escape
wait_for "Rhythm" 3 >/dev/null

# ---- changing opening hours under an appointment ------------------------------
# The second line is now the first: end it where the appointment starts.
hhmm() { printf '%02d:%02d' $(($1 / 60)) $(($1 % 60)); }
press e
check "e edits the opening hours that are now the first line" \
    eval 'wait_for "Edit the opening hours" 3 &&
          screen | grep -q "From  *$(hhmm "$OP2_START")" && screen | grep -q "To  *$(hhmm "$OP2_END")"'
BEFORE=$(sqlite3 "$DB" .dump)
send Tab Tab Tab C-u
send -l "${SLOT5#* }"
send Enter
check "before saving, the form lists the appointment the change leaves outside" \
    eval 'wait_for "This leaves 1 appointment outside" 3 && screen | grep -q "$LAST5"'
check "the form is taller than 80x24: the message stands under the field changed" \
    eval 'screen | grep -A1 "To  *${SLOT5#* }" | grep -q "This leaves 1 appointment outside"'
check "and nothing is saved yet" eval '[ "$(sqlite3 "$DB" .dump)" = "$BEFORE" ]'
press Enter
check "saving again saves the shorter hours" wait_status "^Saved: " 3
check "in the database: the hours end at the appointment, which stays booked" \
    eval '[ "$(q "SELECT end_minute FROM opening_hours WHERE id = $OP2") $(q "SELECT status FROM appointment WHERE id = $ID5")" = "$((10#${SLOT5:11:2} * 60 + 10#${SLOT5:14:2})) unknown" ]'
check "then the agent's appointments left outside are listed, this one with them" \
    eval 'wait_for "Left outside · " 3 &&
          screen | grep -q "^! .* ${SLOT5#* } .*${LAST5^^}.*outside opening h"'
send Escape
send Escape
send q
wait_for "exit=0" 3 >/dev/null
finish
