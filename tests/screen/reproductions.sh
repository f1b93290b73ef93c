#!/usr/bin/env bash
# reproductions.sh - the five ways the console's keys were found wanting,
# replayed in English and in French, each of which must now hold:
#  1. text typed in a form stays text: Esc, Esc then "2 au fond" in the
#     note (the 2 was F2, the rest ran in the day view: a arrived, f the
#     slot finder); Enter in a note with text is a new line, not "book";
#  2. PuTTY's F-keys (ESC [ 1 1 ~ ...) do their action and never move the
#     day, in a form as well;
#  3. cancelling "by the service" with x, Up, Right, then the reason saves
#     "revoked" (letters used to switch the choice back);
#  4. each screen's bar is its own: a form's bar has no Day/Week nor Cancel;
#     the to-fill-in list's n is no-show and its bar has no New;
#  5. g goes to a date; at 80x24 the form's hints are not cut mid-word.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$' ||
    bail_out "the fr_FR.UTF-8 locale is missing (scripts/install-deps creates it)"

TODAY=${GUICHET_NOW%% *}
bar() { screen | tail -n 1; }
hex() { # shellcheck disable=SC2086
    tmx send-keys -t "$SESSION" -H $1
}
wait_sql() { # QUERY EXPECTED: polls the database for up to 5 seconds
    local tries=100
    while [ $tries -gt 0 ]; do
        [ "$(sql "$DB" "$1")" = "$2" ] && return 0
        sleep 0.05
        tries=$((tries - 1))
    done
    echo "# the database says: $(sql "$DB" "$1") (expected $2)"
    return 1
}
walk_to() { # REGEX on the status line, column by column
    local column row
    for column in 1 2 3 4 5 6; do
        press Home
        for row in $(seq 1 20); do
            status_line | grep -qE -- "$1" && return 0
            press j
        done
        press l
    done
    return 1
}

for LANG_RUN in en fr; do
    DB="$TEST_TMP/demo-$LANG_RUN.db"
    demo_db "$DB" || bail_out "cannot create the demo database"
    if [ "$LANG_RUN" = fr ]; then
        export LANG=fr_FR.UTF-8
        DAY="mercredi 25 novembre 2026"; NEXTDAY="jeudi 26 novembre 2026"
        NEWAPPT="Nouveau rendez-vous"; DISCARD="Abandonner"; DAYWEEK="Jour/Semaine"
        CANCEL_BAR="Annuler"; NEW_BAR="Nouveau"; FIND_PERSON="Trouver une personne"
        AUGUST="mercredi 18 août 2027"; ARRIVED="Arrivé"; FINDSLOT="Chercher un créneau"
    else
        export LANG=C.UTF-8
        DAY="Wednesday 25 November 2026"; NEXTDAY="Thursday 26 November 2026"
        NEWAPPT="New appointment"; DISCARD="Discard"; DAYWEEK="Day/Week"
        CANCEL_BAR="Cancel"; NEW_BAR="New"; FIND_PERSON="Find a person"
        AUGUST="Wednesday 18 August 2027"; ARRIVED="Arrived"; FINDSLOT="Find a free slot"
    fi
    start_console 80 24 --db "$DB" --user accueil5
    wait_for "$DAY" 5 || bail_out "$LANG_RUN: the console did not open"
    AUDIT0=$(sql "$DB" "SELECT count(*) FROM audit")

    # ---- 1. typed text stays text ------------------------------------------------
    send F2
    wait_for "$NEWAPPT" 3 >/dev/null
    # to the note: motif, person, date, time, agent, length, note
    for _ in 1 2 3 4 5 6; do send Tab; done
    send -l "Salle "
    send Escape
    check "$LANG_RUN 1: Esc on a changed form asks before discarding" wait_for "$DISCARD" 3
    send Escape
    wait_gone "$DISCARD" 3 >/dev/null
    send -l "2 au fond"
    check "$LANG_RUN 1: \"2 au fond\" after Esc Esc is typed into the note" \
        eval 'wait_for "Salle 2 au fond" 3 && wait_for "$NEWAPPT" 1'
    send Enter
    send -l "avis impots"
    check "$LANG_RUN 1: Enter in a note with text starts a new line; the form stays" \
        eval 'wait_for "avis impots" 3 && wait_for "$NEWAPPT" 1'
    check "$LANG_RUN 1: nothing was written, no arrival, no slot finder" \
        eval '[ "$(sql "$DB" "SELECT count(*) FROM audit")" = "$AUDIT0" ] && ! screen | grep -qF "$FINDSLOT"'
    send Escape
    wait_for "$DISCARD" 3 >/dev/null
    send Enter
    check "$LANG_RUN 1: the form closes on the same day" \
        eval 'wait_gone "$NEWAPPT" 3 && screen | head -n 1 | grep -qF "$DAY"'

    # ---- 2. PuTTY's F-keys --------------------------------------------------------
    hex "1b 5b 31 31 7e"  # F1
    check "$LANG_RUN 2: PuTTY's F1 opens the help, the day stays" \
        eval 'wait_for "F1 ?" 3 && ! screen | grep -qF "$NEXTDAY"'
    send Escape
    hex "1b 5b 31 32 7e"  # F2
    check "$LANG_RUN 2: PuTTY's F2 opens the booking form" wait_for "$NEWAPPT" 3
    hex "1b 5b 31 32 7e"  # F2 in the form: confirm (refused: no person)
    check "$LANG_RUN 2: PuTTY's F2 in the form confirms it and it stays open, same day" \
        eval 'wait_for "$NEWAPPT" 2 && screen | head -n 1 | grep -qF "$DAY"'
    send Escape
    wait_gone "$NEWAPPT" 3 >/dev/null
    check "$LANG_RUN 2: still $DAY" eval 'screen | head -n 1 | grep -qF "$DAY"'

    # ---- 4. each screen's bar ---------------------------------------------------------
    send F2
    wait_for "$NEWAPPT" 3 >/dev/null
    check "$LANG_RUN 4: the form's bar has neither Day/Week nor Cancel" \
        eval '! bar | grep -qF "$DAYWEEK" && ! bar | grep -qF "8$CANCEL_BAR"'
    send Escape
    wait_gone "$NEWAPPT" 3 >/dev/null
    send R
    wait_gone "$DAY" 3 >/dev/null
    check "$LANG_RUN 4: the to-fill-in bar has no New" eval '! bar | grep -qF "2$NEW_BAR"'
    FIRST=$(sql "$DB" "SELECT id FROM appointment WHERE status = 'unknown' AND ends_at <= '$GUICHET_NOW'
                       AND site_id = (SELECT id FROM site ORDER BY name, id LIMIT 1)
                       ORDER BY starts_at, id LIMIT 1")
    send n
    check "$LANG_RUN 4: n there records a no-show (as its help says)" \
        wait_sql "SELECT status FROM appointment WHERE id = $FIRST" noshow
    send Escape
    wait_for "$DAY" 3 >/dev/null

    # ---- 3. cancel by the service -------------------------------------------------------------
    walk_to ' · (today, not started|aujourd.hui, à venir)$' >/dev/null
    ID=$(sql "$DB" "SELECT p.id FROM appointment p JOIN beneficiary b ON b.id = p.beneficiary_id
        WHERE p.starts_at = '$TODAY $(status_line | cut -c1-5)' AND p.status = 'unknown'
          AND b.last_name || ' ' || b.first_name = '$(status_line | sed -E 's/^[0-9:]+-[0-9:]+ (.*) · .* · .*$/\1/' | sed "s/'/''/g")' LIMIT 1")
    send x Up Right
    send -l "Agent en formation"
    send Enter
    check "$LANG_RUN 3: x Up Right then the reason saves revoked (no. $ID)" \
        eval '[ -n "$ID" ] && wait_sql "SELECT status || '"'|'"' || cancel_reason FROM appointment WHERE id = $ID" "revoked|Agent en formation"'

    # ---- 5. go to a date; hints at 80x24 --------------------------------------------------------
    send g
    send -l "18/08/2027"
    send Enter
    check "$LANG_RUN 5: g 18/08/2027 Enter shows $AUGUST" wait_for "$AUGUST" 3
    send t
    wait_for "$DAY" 3 >/dev/null
    send F2
    wait_for "$NEWAPPT" 3 >/dev/null
    check "$LANG_RUN 5: at 80x24 the status line's hint is not cut (no …)" \
        eval '! status_line | grep -qF "…"'
    send Escape
    wait_gone "$NEWAPPT" 3 >/dev/null
    send q
    check "$LANG_RUN: q quits" wait_for "exit=0" 3
done
finish
