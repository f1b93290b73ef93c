#!/usr/bin/env bash
# people.sh - beneficiaries at the front desk, tried as a new user on the
# demo database (80x24): the search as you type (three letters without the
# accent find "Éthan"; a phone typed with other spacing; a birth date), a
# person's panel (appointments and no-shows as in the database), creating a
# person (an impossible birth date is refused in the form and nothing is
# written), creating the same person again (the match is shown first and
# using it writes nothing), creating someone else who shares the phone
# ("create anyway"), the form's limits (a name cut at its maximum says so;
# Esc on a changed form asks before discarding), editing a person (version
# and audit row), and the panel's columns at 80 columns (the longest motif
# and the status read in full).
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

# Someone whose first name starts with É, found by three letters typed
# without the accent.
read -r ACC_ID ACC_LAST ACC_FIRST < <(sql "$DB" "SELECT id, last_name, first_name FROM beneficiary
    WHERE first_name LIKE 'É%' AND first_name NOT LIKE '% %' AND last_name NOT LIKE '% %'
    ORDER BY id LIMIT 1" | tr '|' ' ')
ACC_TYPED=$(echo "${ACC_FIRST:1:2}" | tr '[:upper:]' '[:lower:]')
ACC_TYPED="e$ACC_TYPED"
# Someone with a mobile phone (stored as its ten digits, shown grouped
# "06 xx xx xx xx") and a birth date nobody else has.
read -r PH_ID PH_LAST PH_FIRST PH_BIRTH < <(sql "$DB" "SELECT id, last_name, first_name, birth_date
    FROM beneficiary WHERE phone GLOB '06[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
      AND last_name NOT LIKE '% %' AND first_name NOT LIKE '% %'
      AND birth_date IN (SELECT birth_date FROM beneficiary GROUP BY birth_date HAVING count(*) = 1)
    ORDER BY id LIMIT 1" | tr '|' ' ')
PH_DIGITS=$(sql "$DB" "SELECT phone FROM beneficiary WHERE id = $PH_ID")
[ -n "$ACC_ID" ] && [ -n "$PH_ID" ] || bail_out "the demo data lacks the people this test needs"
PH_PHONE=$(echo "$PH_DIGITS" | sed -E 's/(..)(..)(..)(..)(..)/\1 \2 \3 \4 \5/')
# "06 39 98 17 89" typed as "0639.981.789" (dots, another grouping).
PH_TYPED="${PH_DIGITS:0:4}.${PH_DIGITS:4:3}.${PH_DIGITS:7:3}"
PH_BIRTH_FR=$(date -d "$PH_BIRTH" +%d/%m/%Y)

start_console 80 24 --db "$DB" --user accueil2
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

send F3
check "F3 opens the person search, listing people at once" \
    eval 'wait_for "Find a person" 2 && wait_status "found" 1'
# Results follow each key: the count shrinks as letters come.
counts=""
for ((i = 0; i < ${#ACC_TYPED}; i++)); do
    type_text "${ACC_TYPED:i:1}"
    counts+="$(status_line | grep -oE '^(first )?[0-9]+' | grep -oE '[0-9]+') "
done
check "each key narrows the list (counts: $counts)" \
    eval 'set -- $counts; [ $# = 3 ] && [ "$1" -ge "$2" ] && [ "$2" -ge "$3" ] && [ "$3" -ge 1 ] && [ "$1" -gt "$3" ]'
check "\"$ACC_TYPED\" finds $ACC_FIRST ${ACC_LAST^^} (accents and case ignored)" \
    wait_for "${ACC_LAST^^} $ACC_FIRST" 2

send C-u
send -l "$PH_TYPED"
check "a phone with other spacing ($PH_TYPED) finds ${PH_LAST^^} $PH_FIRST" \
    eval 'wait_for "${PH_LAST^^} $PH_FIRST" 2 && screen | sed -n 4p | grep -qF "$PH_PHONE"'
send C-u
send -l "$PH_BIRTH_FR"
check "a birth date ($PH_BIRTH_FR) finds only ${PH_LAST^^} $PH_FIRST" \
    eval 'wait_status "^1 found" 2 && screen | sed -n 4p | grep -qF "${PH_LAST^^} $PH_FIRST"'

send Enter
N_APPTS=$(sql "$DB" "SELECT count(*) FROM appointment WHERE beneficiary_id = $PH_ID")
N_NOSHOW=$(sql "$DB" "SELECT count(*) FROM appointment WHERE beneficiary_id = $PH_ID AND status = 'noshow'")
plural() { [ "$1" = 1 ] && echo "$1 $2" || echo "$1 $2s"; } # English ngettext
COUNTS="$(plural "$N_APPTS" appointment), $(plural "$N_NOSHOW" no-show)"
check "Enter opens the panel: $COUNTS" wait_for "$COUNTS" 2
LAST_APPT=$(sql "$DB" "SELECT strftime('%d/%m/%Y %H:%M', starts_at) FROM appointment
    WHERE beneficiary_id = $PH_ID ORDER BY starts_at DESC LIMIT 1")
if [ -n "$LAST_APPT" ]; then
    check "the panel lists the latest appointment ($LAST_APPT)" wait_for "$LAST_APPT" 1
fi
send Escape
check "Esc goes back to the search" wait_for "Search:" 2

# ---- a new person -----------------------------------------------------------
count_people() { sql "$DB" "SELECT count(*) FROM beneficiary WHERE last_name = '$1'"; }
AUDIT0=$(sql "$DB" "SELECT max(id) FROM audit")
send C-u
type_text "Testperson anne"
send F2
check "F2 opens a new person form with the name typed" \
    eval 'wait_for "New person" 2 && wait_for "Testperson" 1 && wait_for "Anne" 1'
send -l "31/02/1990"
send Enter
check "an impossible birth date is refused in the form" wait_for "Not a date" 2
check "... and nothing was written" eval '[ "$(count_people Testperson)" = 0 ]'
send C-u
send -l "12/03/1990"
send Tab
send -l "06 11 22 33 44"
send Enter
check "Enter creates the person and opens their panel" \
    eval 'wait_for "TESTPERSON Anne" 2 && wait_for "0 appointments, 0 no-shows" 1'
NEW_ID=$(sql "$DB" "SELECT id FROM beneficiary WHERE last_name = 'Testperson'")
check "the database has the person as typed" \
    eval '[ "$(sql "$DB" "SELECT first_name, birth_date, phone FROM beneficiary WHERE id = ${NEW_ID:-0}")" = "Anne|1990-03-12|0611223344" ]'

# ---- the same person again: the match first ------------------------------------
send Escape
wait_for "Search:" 2 >/dev/null
send C-u
type_text "testperson anne"
send F2
wait_for "New person" 2 >/dev/null
send -l "12/03/1990"
send Enter
check "creating her again shows the match first" \
    eval 'wait_for "may already be known" 2 && wait_for "Use Testperson Anne, born 12/03/1990" 1'
send Enter
check "Enter uses the person already known" wait_status "^Using the person already known: Testperson Anne" 2
check "... and writes nothing" eval '[ "$(count_people Testperson)" = 1 ]'

# ---- someone else with the same phone: create anyway ----------------------------
send Escape
wait_for "Search:" 2 >/dev/null
send C-u
type_text "Autrenom Paul"
send F2
wait_for "New person" 2 >/dev/null
send Tab
send -l "06.11.22.33.44"
send Enter
check "a shared phone is shown as a possible match" \
    eval 'wait_for "may already be known" 2 && wait_for "Use Testperson Anne" 1'
send Left
check "Left offers to create anyway" wait_for "Create a new person anyway" 1
send Enter
check "Enter then creates the new person" \
    eval 'wait_for "AUTRENOM Paul" 2 && [ "$(count_people Autrenom)" = 1 ]'

# ---- the form's limits and Esc ----------------------------------------------------
send F4
check "F4 in the panel edits the person" wait_for "Edit the person" 2
send End
send -l "$(printf 'x%.0s' $(seq 1 60))" # "Autrenom" + 60 letters: 8 too many
check "typing past a field's maximum says so under the field" wait_for "60 characters at most." 2
send Escape
check "Esc on a changed form asks before discarding" \
    eval 'wait_for "Discard your changes?" 2 && wait_for "Edit the person" 1'
send Escape
check "Esc again goes back to the form as it was" \
    eval 'wait_gone "Discard your changes?" 2 && wait_for "Edit the person" 1 && wait_for "60 characters at most." 1'
send Escape
wait_for "Discard your changes?" 2 >/dev/null
send Enter
check "Enter discards: the form closes and nothing was written" \
    eval 'wait_gone "Edit the person" 2 && [ "$(sql "$DB" "SELECT last_name || version FROM beneficiary WHERE last_name LIKE '"'Autrenom%'"'")" = "Autrenom1" ]'
send F4
wait_for "Edit the person" 2 >/dev/null
send Escape
check "Esc on an unchanged form closes it at once" wait_gone "Edit the person" 2

# ---- edit --------------------------------------------------------------------------
send F4
check "F4 in the panel edits the person again" wait_for "Edit the person" 2
send Tab Tab Tab
send C-u
send -l "03/04/1985"
send Enter
check "Enter saves the change" wait_status "^Saved: Autrenom Paul" 2
check "the database has the new birth date and version 2" \
    eval '[ "$(sql "$DB" "SELECT birth_date, version FROM beneficiary WHERE last_name = '"'Autrenom'"'")" = "1985-04-03|2" ]'
AUDIT=$(sql "$DB" "SELECT entity || ' ' || action || ' ' || actor FROM audit WHERE id > $AUDIT0 ORDER BY id")
check "audit: two creations and one edit, by accueil2" \
    eval '[ "$AUDIT" = "person create accueil2
person create accueil2
person edit accueil2" ] || { echo "# audit was:"; echo "$AUDIT" | sed "s/^/#   /"; false; }'

# ---- the panel's columns at 80 columns ------------------------------------------------
# Someone with a cancelled appointment for the longest motif, and few
# enough appointments for all of them to be on the screen.
LONG_MOTIF=$(sql "$DB" "SELECT name FROM motif ORDER BY length(name) DESC, id LIMIT 1")
read -r CX_LAST CX_FIRST < <(sql "$DB" "SELECT b.last_name, b.first_name FROM beneficiary b
    WHERE b.last_name NOT LIKE '% %' AND b.first_name NOT LIKE '% %'
      AND (SELECT count(*) FROM appointment WHERE beneficiary_id = b.id) <= 12
      AND EXISTS (SELECT 1 FROM appointment a JOIN motif m ON m.id = a.motif_id
                  WHERE a.beneficiary_id = b.id AND m.name = '${LONG_MOTIF//\'/\'\'}'
                    AND a.status IN ('excused', 'revoked'))
    ORDER BY b.id LIMIT 1" | tr '|' ' ')
send Escape
wait_for "Search:" 2 >/dev/null
if [ -n "$CX_LAST" ]; then
    send C-u
    type_text "$CX_LAST $CX_FIRST"
    send Enter
    wait_for "${CX_LAST^^} $CX_FIRST" 2 >/dev/null
    check "80 columns: the longest motif ($LONG_MOTIF) reads in full, with its status word" \
        eval 'screen | grep -F "$LONG_MOTIF" | grep -qE "(excused|revoked)( |$)"'
    check "80 columns: no motif nor status cut on the panel's rows" \
        eval '! screen | sed -n "5,22p" | grep -qF "…"'
    send Escape
    wait_for "Search:" 2 >/dev/null
else
    not_ok "the demo data has nobody with a cancelled \"$LONG_MOTIF\""
fi

send Escape
check "Esc is back on the day view" wait_for "Wednesday 25 November 2026" 2
send q
check "q quits" wait_for "exit=0" 3
finish
