#!/usr/bin/env bash
# privacy.sh - personal data in the console (80x24, demo file):
#   every note field about a person says, while it is empty, that the
#   person may read it (right of access), and again on the key line when
#   the cursor is in it: the booking form, the appointment's edit form, the
#   person form and the alerts panel's note about a call;
#   the structure screen (supervisors) shows how many people and room-loan
#   requests are due for purge, and nothing once they are purged.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
HINT="the person may read it (right of access)"

start_console 80 24 --db "$DB" --user accueil1
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"
# The console scores the no-show risk at its first idle second and then
# marks the day view: keys typed meanwhile would be read late. Start once
# the marks are there.
wait_for "▲" 20 || bail_out "the no-show risk marks were never drawn"

# step KEY: one key, then wait until the console has handled it and drawn
# the key line (which names the field under the cursor).
step() {
    press "$1"
}

# ---- the booking form ----
send F2
wait_for "New appointment" 3 || bail_out "F2 did not open the booking form"
check "booking form: the empty note says the person may read it" \
    eval 'screen | tr -s " " | grep -qF "Note $HINT"'
for _ in 1 2 3 4 5 6 7; do
    status_line | grep -qF "$HINT" && break
    step Down
done
check "booking form: the key line says it too when the cursor is in the note" \
    eval 'status_line | grep -qF "$HINT"'
send -l "Demande d'aide"
check "booking form: typed text replaces the reminder in the field" \
    eval 'wait_for "Note          Demande d'"'"'aide" 2 && status_line | grep -qF "$HINT"'
send Escape
wait_for "Discard" 2 >/dev/null && send Enter
wait_gone "New appointment" 3 >/dev/null

# ---- the appointment's edit form (F4 in the "to fill in" list) ----
send R
wait_for "oldest first" 3 || bail_out "R did not open the list to fill in"
send F4
wait_for "Change the appointment" 3 || bail_out "F4 did not open the edit form"
# The oldest appointment to fill in has no note: the field says it.
check "edit form: the empty note says the person may read it" \
    eval 'screen | tr -s " " | grep -qF "Note $HINT"'
check "edit form: the cursor starts on the time" wait_status "^hh:mm" 2
# time, agent, length, then the note
for _ in 1 2 3; do step Tab; done
check "edit form: the key line says it when the cursor is in the note" \
    eval 'status_line | grep -qF "$HINT"'
send -l "Rappeler lundi"
check "edit form: typed text replaces the reminder in the field, the key line keeps it" \
    eval 'wait_for "Note          Rappeler lundi" 2 && status_line | grep -qF "$HINT"'
send Escape
wait_for "Discard" 2 >/dev/null && send Enter
check "edit form: Esc and discard write nothing" \
    eval 'wait_gone "Change the appointment" 3 &&
          [ "$(sql "$DB" "SELECT count(*) FROM appointment WHERE context LIKE '"'%Rappeler lundi%'"'")" = 0 ]'
send Escape
wait_gone "oldest first" 3 >/dev/null

# ---- the person form ----
send F3
wait_for "Find a person" 3 || bail_out "F3 did not open the search"
send F2
check "person form: the empty notes field says the person may read them" \
    eval 'wait_for "New person" 3 && screen | tr -s " " | grep -qF "Notes $HINT"'
send Escape
wait_gone "New person" 3 >/dev/null
send Escape
wait_gone "Find a person" 3 >/dev/null

# ---- the alerts panel: a note about a call ----
send A
wait_for "Alerts: risk of no-show" 5 || bail_out "A did not open the alerts panel"
send e
# Its one field has the cursor from the start: the key line says it.
check "alerts panel: the note about a call says the person may read it" \
    eval 'wait_for "Note about the call" 3 && status_line | grep -qF "$HINT"'
send Escape
wait_gone "Note about the call" 3 >/dev/null
send Escape
wait_gone "Alerts: risk of no-show" 3 >/dev/null

# ---- supervisors: how many are due for purge ----
send q
wait_for "exit=0" 5 >/dev/null
# A room-loan request refused in June 2027: past the loan retention (12
# months) in December 2028.
ROOM=$(sql "$DB" "SELECT id FROM room ORDER BY id LIMIT 1")
ASSOC=$(sql "$DB" "SELECT name FROM association ORDER BY id LIMIT 1")
REQ=$(GUICHET_NOW="2027-06-01 10:00" "$GUICHET" loan request --db "$DB" --user chef --room "$ROOM" \
    --association "$ASSOC" --on 2027-06-15 --time 18:00-19:00 --purpose "essai" | sed -n 's/^request \([0-9]*\)$/\1/p')
[ -n "$REQ" ] && GUICHET_NOW="2027-06-02 10:00" "$GUICHET" loan refuse --db "$DB" --user chef "$REQ" \
    --reason "salle prise" >/dev/null || bail_out "cannot add a refused loan request"
DRY=$(GUICHET_NOW="2028-12-15 10:00" "$GUICHET" purge --db "$DB" --dry-run)
DUE=$(grep -oE '[0-9]+ people anonymised' <<<"$DRY" | grep -oE '^[0-9]+')
LOANS=$(grep -oE '[0-9]+ room-loan requests? cleared' <<<"$DRY" | grep -oE '^[0-9]+')
[ -n "$DUE" ] && [ "$DUE" -gt 0 ] || bail_out "the demo file should have people due in 2028 ($DUE)"
[ "$LOANS" = 1 ] || bail_out "the refused request should be the one loan request due ($LOANS)"
CONSOLE_ENV="GUICHET_NOW='2028-12-15 10:00'" start_console 80 24 --db "$DB" --user chef
wait_for "15 December 2028" 5 || bail_out "the console did not open in 2028"
send S
check "structure screen: $DUE people and the loan request due for purge, in its title" \
    wait_for "$DUE due for purge, 1 loan request" 3
send Escape
wait_gone "Structure" 3 >/dev/null
send q
wait_for "exit=0" 5 || bail_out "the console did not quit"
GUICHET_NOW="2028-12-15 10:00" "$GUICHET" purge --db "$DB" --user chef >/dev/null
CONSOLE_ENV="GUICHET_NOW='2028-12-15 10:00'" start_console 80 24 --db "$DB" --user chef
wait_for "15 December 2028" 5 || bail_out "the console did not open in 2028"
send S
check "structure screen: nothing due after the purge" \
    eval 'wait_for "Structure" 3 && ! screen | grep -q "due for purge"'
send Escape
wait_gone "Structure" 3 >/dev/null
send q
check "q quits" wait_for "exit=0" 5
finish
