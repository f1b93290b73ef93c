#!/usr/bin/env bash
# statuses.sh - outcomes and arrivals from the day view (80x24, clock fixed
# at Wednesday 25 November 2026 10:05), tried as a new user: the keys offer
# only the transitions allowed at that moment (model/appointment.h):
#   - an appointment of 09:00 still to fill in: seen (v); seen again and
#     no-show are refused with a reason; undo (u); then no-show (N); an
#     arrival on a no-show is refused with a plain sentence (no "invalid
#     input", no English status name);
#   - one of later today: no-show is refused (not started); arrival (a) and
#     taking it back (a again); the outcome menu (o) lists only seen,
#     excused and revoked; revoked asks for the reason; its details (Enter)
#     give the reason and who cancelled it, when;
#   - one of tomorrow: seen and arrival are refused;
#   - in French: the refusal of an arrival reads "Arrivée impossible : ...",
#     and the details of the revoked one give its reason, who cancelled it
#     and when, in French words and dd/mm/yyyy dates.
# Each refusal writes nothing; sqlite3 then shows one audit row per write.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
TODAY=${GUICHET_NOW%% *}
AUDIT0=$(sql "$DB" "SELECT max(id) FROM audit")

start_console 80 24 --db "$DB" --user accueil3
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

# walk_to REGEX: from the top of each agent column, down until the status
# line (the cell under the cursor) matches; 0 when found.
walk_to() {
    local re=$1 column row
    for column in 1 2 3 4 5 6; do
        press Home
        for row in $(seq 1 20); do
            if status_line | grep -qE -- "$re"; then
                return 0
            fi
            press j
        done
        press l
    done
    echo "# no cell matching: $re"
    return 1
}

# "09:00-09:45 Poirier Gabrielle · Entretien prénatal précoce · to fill in..."
cell_person() { status_line | sed -E 's/^[0-9:]+-[0-9:]+ (.*) · .* · .*$/\1/'; }
cell_id() { # the appointment under the cursor, from the database
    local start=$(status_line | cut -c1-5) name=$(cell_person)
    sql "$DB" "SELECT p.id FROM appointment p JOIN beneficiary b ON b.id = p.beneficiary_id
               WHERE p.starts_at = '$1 $start' AND b.last_name || ' ' || b.first_name = '${name//\'/\'\'}'
               ORDER BY p.status = 'excused' OR p.status = 'revoked' LIMIT 1"
}
status_of() { sql "$DB" "SELECT status || '|' || ifnull(arrived_at, '') FROM appointment WHERE id = $1"; }
audit_count() { sql "$DB" "SELECT count(*) FROM audit WHERE id > $AUDIT0"; }

# ---- an appointment of this morning, still to fill in --------------------------
check "the cursor reaches an appointment to fill in" walk_to ' · to fill in'
PAST_ID=$(cell_id "$TODAY")
PAST_NAME=$(cell_person)
check "it is in the database ($PAST_NAME, no. $PAST_ID)" eval '[ -n "$PAST_ID" ]'
send v
check "v: seen" wait_status "^Seen: $PAST_NAME" 2
check "the database says seen" eval '[ "$(status_of $PAST_ID)" = "seen|" ]'
send v
check "v again is refused: it is already seen" wait_status "^It is already seen" 2
send N
check "N is refused while it is seen: undo first" wait_status "press u to undo" 2
check "the refusals wrote nothing" eval '[ "$(audit_count)" = 1 ]'
send u
check "u: back to no outcome" wait_status "^No outcome yet: $PAST_NAME" 2
send N
check "N: no-show (the start time has passed)" wait_status "^No-show: $PAST_NAME" 2
check "the database says noshow" eval '[ "$(status_of $PAST_ID)" = "noshow|" ]'
send a
check "a on a no-show is refused with a plain sentence" \
    wait_status "^Arrival is not possible: the appointment is marked no-show" 2
check "... not storage's \"invalid input\" nor its status name" \
    eval '! status_line | grep -qiE "invalid input|noshow"' 
check "... and nothing is written" eval '[ "$(status_of $PAST_ID)" = "noshow|" ] && [ "$(audit_count)" = 3 ]'

# ---- an appointment of later today ------------------------------------------------
check "the cursor reaches an appointment of later today" walk_to ' · today, not started$'
LATER_ID=$(cell_id "$TODAY")
LATER_NAME=$(cell_person)
LATER_START=$(status_line | cut -c1-5)
LATER_LAST=${LATER_NAME%% *}
LATER_LAST=${LATER_LAST^^}
check "it is in the database ($LATER_NAME, no. $LATER_ID)" eval '[ -n "$LATER_ID" ]'
send N
check "N is refused before the start time" wait_status "^No-show is possible once the start time has passed" 2
send a
check "a: arrived at 10:05" wait_status "^Arrived at 10:05: $LATER_NAME" 2
check "the database has the arrival time" eval '[ "$(status_of $LATER_ID)" = "unknown|$TODAY 10:05" ]'
# The cell's mark changes from a blank (today, not started) to the arrival
# mark (see the help's legend): "→ 10:15 PELLETIER".
check "the day view shows the arrival at a glance" \
    eval 'screen | grep -qE "│(→|a) $LATER_START $LATER_LAST"'
send a
check "a again takes the arrival back" wait_status "^Arrival taken back: $LATER_NAME" 2
check "the database has no arrival any more" eval '[ "$(status_of $LATER_ID)" = "unknown|" ]'
send o
check "o lists the outcomes allowed now: seen, excused, revoked" \
    eval 'wait_for "Seen (v)" 2 && wait_for "Excused: cancelled by the person" 1 && wait_for "Revoked: cancelled by the service" 1'
check "... and not no-show nor undo" \
    eval '! screen | grep -qF "No-show (N)" && ! screen | grep -qF "No outcome yet: undo"'
send Down Down
send Enter
check "choosing Revoked asks for the reason, revoked chosen" \
    eval 'wait_for "Cancel the appointment" 2 && wait_for "the service (revoked)" 1'
send -l "Agent en formation ce jour-là"
send Enter
check "Enter revokes it" wait_status "^Cancelled \(revoked\): $LATER_NAME" 2
check "the database says revoked, with the reason" \
    eval '[ "$(sql "$DB" "SELECT status, cancel_reason FROM appointment WHERE id = $LATER_ID")" = "revoked|Agent en formation ce jour-là" ]'
# The details of the revoked appointment: reason, who and when. The cell
# may hold another appointment booked over the freed slot: then a list.
open_details_of() { # NAME
    press Enter
    if screen | grep -qF "Which appointment?"; then
        local i
        for i in 1 2 3 4 5 6; do
            screen | grep -F "$1" | grep -qF "▶" && break
            press Down
        done
        send Enter
    fi
    wait_for "Reference" 2
}
check "Enter on the revoked appointment shows its details" open_details_of "$LATER_NAME"
# Labels are aligned on the widest one (a birth name widens them).
details_line() { # LABEL VALUE: polled for up to 2 seconds
    local tries=40
    while [ $tries -gt 0 ]; do
        screen | grep -qE "$1 +$2" && return 0
        sleep 0.05
        tries=$((tries - 1))
    done
    echo "# no details line: $1 $2"
    return 1
}
check "the details give the reason" details_line "Reason" "Agent en formation ce jour-là"
check "... and who cancelled it, when (25/11/2026 10:05 by accueil3)" \
    details_line "Cancelled" "25/11/2026 10:05 by accueil3"
send Escape
wait_gone "Reference" 2 >/dev/null

# ---- tomorrow -----------------------------------------------------------------------
send ']'
wait_for "Thursday 26 November 2026" 2 >/dev/null
TOMORROW=$(date -d "$TODAY + 1 day" +%F)
check "the cursor reaches an appointment of tomorrow" walk_to ' · upcoming$'
NEXT_ID=$(cell_id "$TOMORROW")
before=$(audit_count)
send v
check "v on tomorrow's appointment is refused" \
    wait_status "^Seen is possible from the day of the appointment" 2
send a
check "a on tomorrow's appointment is refused" wait_status "only on the day" 2
check "nothing written for tomorrow (no. $NEXT_ID)" \
    eval '[ -n "$NEXT_ID" ] && [ "$(status_of $NEXT_ID)" = "unknown|" ] && [ "$(audit_count)" = "$before" ]'

# ---- the audit log ---------------------------------------------------------------------
AUDIT=$(sql "$DB" "SELECT entity_id || ' ' || action || ' ' || actor FROM audit WHERE id > $AUDIT0 ORDER BY id")
EXPECTED="$PAST_ID status accueil3
$PAST_ID status accueil3
$PAST_ID status accueil3
$LATER_ID arrive accueil3
$LATER_ID arrival undone accueil3
$LATER_ID cancel accueil3"
check "audit: one row per write, none for refusals" \
    eval '[ "$AUDIT" = "$EXPECTED" ] || { echo "# audit was:"; echo "$AUDIT" | sed "s/^/#   /"; false; }'

send q
check "q quits" wait_for "exit=0" 3

# ---- in French -------------------------------------------------------------------------
if locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$'; then
    export LANG=fr_FR.UTF-8
    sql "$DB" "UPDATE appointment SET context = 'Apporter le livret de famille' WHERE id = $LATER_ID"
    start_console 80 24 --db "$DB" --user accueil3
    wait_for "mercredi 25 novembre 2026" 5 >/dev/null
    check "fr: the cursor reaches a no-show" walk_to ' · absent \(non excusé\)$'
    send a
    check "fr: a on a no-show: Arrivée impossible : le rendez-vous est noté absent" \
        wait_status "^Arrivée impossible : le rendez-vous est noté absent" 2
    check "fr: ... with no English word nor \"saisie non valide\"" \
        eval '! status_line | grep -qE "saisie|noshow|invalid"'
    # The revoked appointment, from the person's panel (it starts on
    # today's appointment).
    send F3
    wait_for "Chercher un usager" 2 >/dev/null
    type_text "$LATER_NAME"
    send Enter
    check "fr: the panel shows the revoked appointment of today, status in full" \
        eval 'wait_for "25/11/2026 $LATER_START" 2 && screen | grep -F "25/11/2026 $LATER_START" | grep -qF "révoqué"'
    send Enter
    check "fr: the details in French: reason, who and when" \
        eval 'details_line "Raison" "Agent en formation ce jour-là" && details_line "Annulé" "25/11/2026 10:05 par accueil3"'
    check "fr: the note's label reads Note, as in the forms (not Contexte)" \
        eval 'screen | grep -qE "Note +Apporter le livret de famille" && ! screen | grep -qF "Contexte"'
    press Escape Escape Escape
    send q
    check "fr: q quits" wait_for "exit=0" 3
else
    not_ok "the fr_FR.UTF-8 locale is missing (scripts/install-deps creates it)"
fi
finish
