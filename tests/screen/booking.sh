#!/usr/bin/env bash
# booking.sh - a receptionist's morning, tried as a new user on the demo
# database (80x24, clock fixed at Wednesday 25 November 2026 10:05):
#   find a person by typing three letters of their name, open them,
#   book their next free slot with the slot finder (it proposes the motif
#   of their latest appointment; the first motif from there with a free
#   slot today),
#   mark them arrived, then seen, go back to the day and cancel another
#   appointment with a reason;
# then sqlite3 must show exactly those changes (one new appointment, one
# cancelled, nobody else touched) and one audit row per write.
# Then, from the day view: booking a free cell (Enter), a closed one (the
# "outside opening hours" warning needs a second Enter) and a busy one (the
# overlap needs the Overbook box; the row is recorded as overbooked).
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
USER_NAME=accueil1
TODAY=${GUICHET_NOW%% *}

# Three letters that start a name word of a few people (2 to 8): the list
# then fits on the screen and the person is found by reading it.
PREFIX=$(sql "$DB" "SELECT substr(word, 1, 3) p FROM person_word
                    WHERE word GLOB '[a-z][a-z][a-z]*'
                    GROUP BY p HAVING count(DISTINCT person_id) BETWEEN 2 AND 8
                    ORDER BY p LIMIT 1")
[ -n "$PREFIX" ] || bail_out "no suitable three-letter prefix in the demo data"
# The first hit, in the order storage lists them (last names that match
# first, then folded name, then id).
read -r PID PLAST PFIRST < <(sql "$DB" "SELECT b.id, b.last_name, b.first_name FROM beneficiary b
    WHERE EXISTS (SELECT 1 FROM person_word w WHERE w.person_id = b.id AND w.word LIKE '$PREFIX%')
    ORDER BY CASE WHEN b.search_key LIKE '$PREFIX%' THEN 0 ELSE 1 END, b.search_key, b.id LIMIT 1" | tr '|' ' ')
[ -n "$PID" ] || bail_out "demo data without the expected person"

snapshot() { # DIR: every row of the tables a booking may touch
    mkdir -p "$1"
    sql "$DB" "SELECT * FROM appointment ORDER BY id" >"$1/appointment"
    sql "$DB" "SELECT * FROM beneficiary ORDER BY id" >"$1/beneficiary"
    sql "$DB" "SELECT max(id) FROM audit" >"$1/audit_max"
}
snapshot "$TEST_TMP/before"
AUDIT0=$(cat "$TEST_TMP/before/audit_max")

start_console 80 24 --db "$DB" --user "$USER_NAME"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

# ---- find the person ------------------------------------------------------
send /
check "/ opens the person search" wait_for "Find a person" 2
send -l "$PREFIX"
check "three letters ($PREFIX) list $PLAST $PFIRST first" \
    eval 'wait_for "${PLAST^^} $PFIRST" 2 && screen | sed -n 4p | grep -qF "${PLAST^^} $PFIRST"'
check "the list says how many were found" wait_status "^[2-8] found" 2
send Enter
check "Enter opens the person's panel" \
    eval 'wait_for "no-show" 2 && screen | head -n 1 | grep -qF "${PLAST^^} $PFIRST"'

# ---- book the next free slot --------------------------------------------------
send f
check "f opens the slot finder for this person" \
    eval 'wait_for "Find a free slot" 2 && wait_for "$PLAST $PFIRST" 1'
LATEST_MOTIF=$(sql "$DB" "SELECT m.name FROM appointment a JOIN motif m ON m.id = a.motif_id
                          WHERE a.beneficiary_id = $PID ORDER BY a.starts_at DESC, a.id DESC LIMIT 1")
check "the motif proposed is the one of the person's latest appointment ($LATEST_MOTIF)" \
    eval '[ -n "$LATEST_MOTIF" ] && screen | grep -qF "‹ $LATEST_MOTIF ›"'
# The next free slot of that motif; when it is not today (arrival is
# only possible on the day), Esc comes back to the criteria and Right tries
# the next motif (the cursor then goes on to the next field: Shift-Tab
# brings it back), as a receptionist would.
SLOT=""
for try in $(seq 1 13); do
    send Enter
    wait_for "Free slots: " 3 >/dev/null || break
    # "Wed 25/11/2026 14:00-14:30 · Josiane Martinez · MDS Centre"
    SLOT=$(screen | grep -m1 -oE '[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2} · [^·]+ · ')
    case "$SLOT" in "25/11/2026 "*) break ;; esac
    SLOT=""
    send Escape
    wait_for "Find a free slot" 2 >/dev/null
    send Right BTab
done
MOTIF=$(screen | sed -n 's/.*Free slots: \([^─]*[^─ ]\) *─.*/\1/p' | head -n 1)
MOTIF_ID=$(sql "$DB" "SELECT id FROM motif WHERE name = '${MOTIF//\'/\'\'}'")
check "a motif has a free slot today ($MOTIF: $SLOT)" eval '[ -n "$SLOT" ] && [ -n "$MOTIF_ID" ]'
SLOT_DATE=$(echo "$SLOT" | awk '{split($1, d, "/"); print d[3] "-" d[2] "-" d[1]}')
SLOT_START=$(echo "$SLOT" | awk '{print substr($2, 1, 5)}')
SLOT_AGENT=$(echo "$SLOT" | awk -F' · ' '{print $2}')
send Enter
check "Enter on the slot opens the booking form, person filled in" \
    eval 'wait_for "New appointment" 2 && wait_for "[ $PLAST $PFIRST" 1'
send Enter
check "Enter books: the status line says so" wait_status "^Booked: $PLAST $PFIRST" 3
NEW_ID=$(sql "$DB" "SELECT max(id) FROM appointment")
check "the new appointment is in the database as chosen" \
    eval '[ "$(sql "$DB" "SELECT p.beneficiary_id, p.motif_id, p.starts_at, p.status, p.created_by,
              a.first_name || '"' '"' || a.last_name FROM appointment p JOIN agent a ON a.id = p.agent_id
              WHERE p.id = $NEW_ID")" = "$PID|$MOTIF_ID|$SLOT_DATE $SLOT_START|unknown|$USER_NAME|$SLOT_AGENT" ]'
check "a free slot: booked without overbooking" \
    eval '[ "$(sql "$DB" "SELECT overbooked FROM appointment WHERE id = $NEW_ID")" = 0 ]'
# The panel's row of the new appointment ("25/11/2026 15:30  motif ... status").
panel_row_has() { # REGEX, polled for up to 2 seconds
    local tries=40
    while [ $tries -gt 0 ]; do
        screen | grep -F "${SLOT:0:16}" | grep -qE "$1" && return 0
        sleep 0.05
        tries=$((tries - 1))
    done
    return 1
}
check "the panel shows it, not started yet" panel_row_has "today|not started"

# ---- arrived, then seen ------------------------------------------------------------
send a
check "a marks the person arrived" wait_status "^Arrived at 10:05: $PLAST $PFIRST" 2
check "the panel shows the arrival" panel_row_has "arrived"
send v
check "v marks the appointment seen, with the waiting time" \
    wait_status "^Seen: $PLAST $PFIRST.*\(waited 0 min\)" 2
check "arrival and seen times are stored" \
    eval '[ "$(sql "$DB" "SELECT status, arrived_at, seen_at FROM appointment WHERE id = $NEW_ID")" = "seen|$TODAY 10:05|$TODAY 10:05" ]'

# ---- cancel another appointment from the day view ---------------------------------------
send Escape
wait_gone "Motif  " 2 >/dev/null # the panel's table heading
send Escape
check "Esc twice comes back to the day view, on the day of the booking" \
    wait_for "$(date -d "$SLOT_DATE" '+%A %-d %B %Y')" 2
# Walk down (then up) the agent's column to an appointment of today that
# has not started: the status line describes the cell under the cursor.
cancellable() {
    status_line | grep -qE '^[0-9:]+-[0-9:]+ .* · (today, not started|upcoming)$' &&
        ! status_line | grep -qF "$PLAST $PFIRST"
}
# One cursor step: the key, then wait until the console has handled it
# and drawn the result (at an edge nothing changes).
step() {
    press "$1"
}
found=""
for key in j j j j j j j j j j j j j j j j k k k k k k k k k k k k k k k k k k k k k k k k; do
    if cancellable; then found=1; break; fi
    step "$key"
done
check "the cursor reaches another appointment to cancel" eval '[ -n "$found" ]'
OTHER=$(status_line | sed -E 's/^([0-9:]+)-[0-9:]+ (.*) · .* · .*$/\1|\2/')
OTHER_TIME=${OTHER%%|*}
OTHER_NAME=${OTHER#*|}
send x
check "x opens the cancel form for $OTHER_NAME" \
    eval 'wait_for "Cancel the appointment" 2 && wait_for "Cancelled by" 1'
send Enter
check "the reason is required" wait_for "Required." 2
send -l "Rendez-vous reporté à la demande de la famille"
send Enter
check "Enter cancels it (excused)" wait_status "^Cancelled \(excused\): $OTHER_NAME" 2
CANCELLED_ID=$(sql "$DB" "SELECT id FROM appointment WHERE status = 'excused'
    AND cancel_reason = 'Rendez-vous reporté à la demande de la famille'")
check "the cancelled appointment keeps its reason" \
    eval '[ -n "$CANCELLED_ID" ] && [ "$(sql "$DB" "SELECT substr(starts_at, 12) FROM appointment WHERE id = $CANCELLED_ID")" = "$OTHER_TIME" ]'

# ---- exactly those changes ------------------------------------------------------------------
snapshot "$TEST_TMP/after"
changed_rows() { diff "$TEST_TMP/before/$1" "$TEST_TMP/after/$1" | grep -c "^$2"; }
check "appointments: one row replaced (the cancelled one), two new versions in all" \
    eval '[ "$(changed_rows appointment "<")" = 1 ] && [ "$(changed_rows appointment ">")" = 2 ]'
check "appointments: the changed rows are the new one and the cancelled one" \
    eval 'diff "$TEST_TMP/before/appointment" "$TEST_TMP/after/appointment" | grep "^>" |
          cut -d"|" -f1 | tr -d "> " | sort -n | paste -sd, - | grep -qx "$CANCELLED_ID,$NEW_ID\|$NEW_ID,$CANCELLED_ID"'
check "people: nobody was changed" \
    eval 'cmp -s "$TEST_TMP/before/beneficiary" "$TEST_TMP/after/beneficiary"'
AUDIT=$(sql "$DB" "SELECT entity || ' ' || entity_id || ' ' || action || ' ' || actor FROM audit
                   WHERE id > $AUDIT0 ORDER BY id")
EXPECTED="appointment $NEW_ID create $USER_NAME
appointment $NEW_ID arrive $USER_NAME
appointment $NEW_ID status $USER_NAME
appointment $CANCELLED_ID cancel $USER_NAME"
check "audit: exactly four rows (create, arrive, status, cancel) by $USER_NAME" \
    eval '[ "$AUDIT" = "$EXPECTED" ] || { echo "# audit was:"; echo "$AUDIT" | sed "s/^/#   /"; false; }'

# ---- booking from the day view ------------------------------------------------------------------
send t
wait_for "Wednesday 25 November 2026" 2 >/dev/null
# An open cell without appointment, later today: column by column, move
# down until the status line says "free".
for _ in 1 2 3 4 5 6 7 8; do send h; done
found=""
for column in 1 2 3 4 5 6; do
    step Home
    for _ in $(seq 1 20); do
        if status_line | grep -qE '^[0-9:]+-[0-9:]+ free$' && [[ "$(status_line | cut -c1-5)" > "10:05" ]]; then
            found=1
            break
        fi
        step j
    done
    [ -n "$found" ] && break
    step l
done
check "the cursor reaches a free open cell ($(status_line))" eval '[ -n "$found" ]'
FREE_TIME=$(status_line | cut -c1-5)
send Enter
check "Enter on a free cell opens the booking form at that time" \
    eval 'wait_for "New appointment" 2 && wait_for "$FREE_TIME" 1'
CELL_AGENT=$(screen | sed -n 's/.*Agent *‹ \(.*\) ›.*/\1/p')
CELL_AGENT_ID=$(sql "$DB" "SELECT id FROM agent WHERE first_name || ' ' || last_name = '${CELL_AGENT//\'/\'\'}'")
send Tab
send Enter
check "Enter on Person opens the person picker" wait_for "Choose the person" 2
send -l "$PREFIX"
wait_for "${PLAST^^} $PFIRST" 2 >/dev/null
send Enter
check "Enter chooses the person, back in the form" \
    eval 'wait_gone "Choose the person" 2 && wait_for "[ $PLAST $PFIRST" 1'
send Enter
check "Enter books the free cell without warning" wait_status "^Booked: $PLAST $PFIRST.* at $FREE_TIME" 3
check "it is in the database, for the agent of the column ($CELL_AGENT), not overbooked" \
    eval '[ -n "$CELL_AGENT_ID" ] && [ "$(sql "$DB" "SELECT agent_id, overbooked FROM appointment WHERE starts_at = '"'$TODAY $FREE_TIME'"' AND beneficiary_id = $PID")" = "$CELL_AGENT_ID|0" ]'

# The form's text as one line: its rows without the borders, joined.
dialog_text() {
    screen | sed -n 's/^[^│]*│.│ \(.*[^ ]\) *│.*$/\1/p' | tr '\n' ' '
}

# A busy cell: the same cell again.
send F2
wait_for "New appointment" 2 >/dev/null
send Tab Enter
wait_for "Choose the person" 2 >/dev/null
send -l "$PREFIX"
wait_for "${PLAST^^} $PFIRST" 2 >/dev/null
send Enter
wait_gone "Choose the person" 2 >/dev/null
send Enter
check "booking over it warns of the overlap and shows the Overbook box" \
    eval 'wait_for "already has an appointment then" 2 && wait_for "Overbook" 1'
check "the warning says which appointment is in the way ($FREE_TIME, $PLAST)" \
    eval 'dialog_text | grep -qE "In the way: $FREE_TIME-[0-9]{2}:[0-9]{2} $PLAST $PFIRST\."'
BUSY_BEFORE=$(sql "$DB" "SELECT count(*) FROM appointment")
send Enter
send Space
# Keys are read in order: once Space has ticked the box, the Enter before it
# has been handled, so the count tells whether Enter alone booked.
check "Space ticks Overbook in the form (the Enter before it was handled)" \
    eval 'wait_for "Overbook      [x]" 3 && wait_for "New appointment" 1'
check "Enter alone did not overbook" \
    eval '[ "$(sql "$DB" "SELECT count(*) FROM appointment")" = "$BUSY_BEFORE" ]'
send Enter
check "ticking Overbook (Space) and Enter books it" wait_status "^Booked \(overbooked\): $PLAST $PFIRST" 3
check "the database records the overbooking" \
    eval '[ "$(sql "$DB" "SELECT count(*) FROM appointment WHERE starts_at = '"'$TODAY $FREE_TIME'"' AND overbooked = 1")" = 1 ]'

send q
check "q quits" wait_for "exit=0" 3
finish
