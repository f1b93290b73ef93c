#!/usr/bin/env bash
# form_errors.sh - a form shows every error at once, each beside its field:
# the booking form with no person, a wrong date, a wrong time and a zero
# length shows the four messages after one Enter (the form's own rule,
# "choose the person", together with the built-in checks), the cursor on
# the first wrong field, nothing written; mending one field leaves the
# others marked on the next Enter. In English and in French.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet
locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$' ||
    bail_out "the fr_FR.UTF-8 locale is missing (scripts/install-deps creates it)"

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
dump() { sqlite3 -batch "$DB" .dump | md5sum; }
BEFORE=$(dump)

# try LANG TITLE PERSON DATE TIME LENGTH HINT: one run of the booking form
# (HINT: the person field's help on the status line).
try() {
    local lang=$1 title=$2 person=$3 date=$4 time=$5 length=$6 hint=$7
    CONSOLE_ENV="LANG=$lang" start_console 80 24 --db "$DB"
    wait_for "2026" 5 || bail_out "the console did not open ($lang)"
    send Down Down n
    wait_for "$title" 3 >/dev/null
    # Motif, Person, Date: a wrong date; Time: a wrong time; Agent, Length: 0.
    send Tab Tab C-u
    send -l "32/11"
    send Tab C-u
    send -l "25h"
    send Tab Tab C-u
    send -l "0"
    send F2
    check "$lang: one Enter marks the four wrong fields at once" \
        eval 'wait_for "$person" 3 && wait_for "$date" 1 && wait_for "$time" 1 && wait_for "$length" 1'
    check "$lang: each message is under its own field" \
        eval 'screen | grep -A1 -E "│ (Person|Usager|Personne) " | tail -1 | grep -qF "$person" &&
              screen | grep -A1 "32/11" | tail -1 | grep -qF "$date" &&
              screen | grep -A1 "25h" | tail -1 | grep -qF "$time"'
    check "$lang: nothing is written" eval '[ "$(dump)" = "$BEFORE" ]'
    # The cursor went to the first wrong field (the person): the date is
    # next. Mend it only: the three others stay marked on the next Enter.
    check "$lang: the cursor is on the first wrong field" \
        eval 'wait_status "^$hint" 2'
    send Tab C-u
    send -l "26/11/2026"
    send F2
    check "$lang: a mended field loses its message, the others keep theirs" \
        eval 'wait_gone "$date" 3 && wait_for "$person" 1 && wait_for "$time" 1 && wait_for "$length" 1'
    check "$lang: still nothing written" eval '[ "$(dump)" = "$BEFORE" ]'
    send Escape
    wait_for "?" 2 >/dev/null
    send Enter
    wait_gone "$title" 3 >/dev/null
    send q
    wait_for "exit=" 5 >/dev/null
}

try C.UTF-8 "New appointment" "Choose the person: Enter on this field." \
    "Not a date: write dd/mm/yyyy" "Not a time: write hh:mm" "A whole number from 5 to 1440." "search by name, phone or birth date"
try fr_FR.UTF-8 "Nouveau rendez-vous" "Choisissez l'usager : Entrée sur ce champ." \
    "Date non valide : écrivez jj/mm/aaaa" "Heure non valide : écrivez hh:mm" \
    "Un nombre entier de 5 à 1440." "recherche par nom, téléphone ou date de naissance"
finish
