#!/usr/bin/env bash
# conflict.sh - two desks, one file, one row: two
# consoles in two tmux panes open the edit of the same row; the first
# saves; the second's save writes nothing and shows who changed what and
# when (from the audit log), then offers to reload or to re-apply.
# Tried twice: on an appointment (F4 in the "to fill in" list, the form of
# the day view) and on a motif (structure screens).
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
SITE=$(first_site_id "$DB")
ID=$(sql "$DB" "SELECT id FROM appointment WHERE site_id = $SITE AND status = 'unknown'
                AND starts_at < '$GUICHET_NOW' ORDER BY starts_at, id LIMIT 1")
note_of() { sql "$DB" "SELECT context FROM appointment WHERE id = $ID"; }
version_of() { sql "$DB" "SELECT version FROM appointment WHERE id = $ID"; }

# Pane helpers: pane 0 is Marie's desk (left), pane 1 Paul's (right).
sendp() { local p=$1; shift; tmx send-keys -t "$SESSION:0.$p" "$@"; }
screenp() { tmx capture-pane -p -t "$SESSION:0.$1"; }
wait_forp() { # PANE TEXT [SECONDS]
    local tries=$(( ${3:-5} * 20 * WAIT_SCALE ))
    while [ "$tries" -gt 0 ]; do
        screenp "$1" | grep -qF -- "$2" && return 0
        sleep 0.05
        tries=$((tries - 1))
    done
    echo "# pane $1 timed out waiting for: $2"
    screenp "$1" | sed 's/^/# |/'
    return 1
}
wait_gone_p() { # PANE TEXT [SECONDS]
    local tries=$(( ${3:-5} * 20 * WAIT_SCALE ))
    while [ "$tries" -gt 0 ]; do
        screenp "$1" | grep -qF -- "$2" || return 0
        sleep 0.05
        tries=$((tries - 1))
    done
    echo "# pane $1 still shows: $2"
    screenp "$1" | sed 's/^/# |/'
    return 1
}
console_cmd() { # USER PANE: the console logs its keys for pressp
    printf 'clear; GUICHET_TEST_KEYS_FD=9 %q --db %q --user %q 9>%q; echo exit=$?' \
        "$GUICHET" "$DB" "$1" "$TEST_TMP/keys.pane$2"
}
# pressp PANE KEY...: sends the keys, then waits until that console has
# handled them (tests/lib/tmux.sh press, for a pane).
pressp() {
    local p=$1 before tries=$((5 * 20 * WAIT_SCALE))
    shift
    before=$(stat -c %s "$TEST_TMP/keys.pane$p" 2>/dev/null || echo 0)
    sendp "$p" "$@"
    while [ "$(stat -c %s "$TEST_TMP/keys.pane$p")" -lt $((before + $#)) ]; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || { echo "# pane $p did not handle: $*"; return 1; }
        sleep 0.05
    done
}

start_shell 161 24 || bail_out "tmux did not start"
tmx split-window -h -t "$SESSION:0" -c "$TEST_ROOT" \
    "exec bash --rcfile '$TEST_TMP/bashrc' --noprofile -i" || bail_out "no second pane"
wait_forp 1 '$' 5 >/dev/null || bail_out "the second pane has no prompt"
sendp 0 -l "$(console_cmd marie 0)"
sendp 0 Enter
sendp 1 -l "$(console_cmd paul 1)"
sendp 1 Enter
wait_forp 0 "November 2026" 5 || bail_out "Marie's console did not open"
wait_forp 1 "November 2026" 5 || bail_out "Paul's console did not open"

# ---- an appointment ------------------------------------------------------------
V0=$(version_of)
for p in 0 1; do
    sendp $p R
    wait_forp $p "oldest first" 3 >/dev/null
    sendp $p F4
done
check "both desks have the edit form of the same appointment open" \
    eval 'wait_forp 0 "Change the appointment" 3 && wait_forp 1 "Change the appointment" 3'
# The cursor starts on the time; the note is three fields further.
for p in 0 1; do sendp $p Tab Tab Tab C-u; done
sendp 0 -l "Rappelée par Marie"
sendp 0 F2 # in a note with text, Enter is a new line
check "Marie saves first" eval 'wait_forp 0 "Changed:" 3 && [ "$(note_of)" = "Rappelée par Marie" ]'
sendp 1 -l "Dossier complet (Paul)"
sendp 1 F2
check "Paul's save shows the conflict dialog" wait_forp 1 "Changed by another desk" 3
check "it names who changed it" wait_forp 1 "marie" 1
check "and what was changed (her note)" wait_forp 1 "-> Rappelée" 1
check "Paul's note was not written" \
    eval '[ "$(note_of)" = "Rappelée par Marie" ] && [ "$(version_of)" -eq $((V0 + 1)) ]'
sendp 1 a
check "re-apply saves Paul's note over Marie's" \
    eval 'wait_gone_p 1 "Changed by another desk" && [ "$(note_of)" = "Dossier complet (Paul)" ]'
check "with an audit row by paul" \
    eval '[ "$(sql "$DB" "SELECT actor FROM audit WHERE entity = '"'appointment'"' AND entity_id = $ID
                          ORDER BY id DESC LIMIT 1")" = "paul" ]'
# One Escape at a time: keys typed ahead of a form that closes are dropped.
for p in 0 1; do pressp $p Escape; done
for p in 0 1; do pressp $p Escape; done

# ---- a cancellation from the command line meanwhile -------------------------------
# The dialog tells what happened in the console's words: status codes and
# field names are not shown as storage writes them ("unknown -> excused").
wait_forp 1 "November 2026" 3 >/dev/null
sendp 1 R
wait_forp 1 "oldest first" 3 >/dev/null
sendp 1 F4
wait_forp 1 "Change the appointment" 3 >/dev/null
"$GUICHET" appt cancel "$ID" --db "$DB" --user marie --by person --reason "Doublon" \
    >/dev/null 2>&1
sendp 1 Tab Tab Tab C-u
sendp 1 -l "Encore Paul"
sendp 1 F2
check "a save after a cancellation elsewhere shows the conflict dialog" \
    wait_forp 1 "Changed by another desk" 3
check "which says in words what changed: status and reason" \
    eval 'screenp 1 | sed "s/^[^│]*│ *//; s/ *│.*//" | tr "\n" " " | tr -s " " |
          grep -qF "cancelled: status: no outcome yet -> excused; reason: Doublon"'
pressp 1 Escape
pressp 1 Escape
pressp 1 Escape

# ---- a motif (structure screens) ---------------------------------------------------
MOTIF=$(sql "$DB" "SELECT id || '|' || name || '|' || duration_minutes FROM motif
                   ORDER BY service_id, name, id LIMIT 1")
MID=${MOTIF%%|*}
rest=${MOTIF#*|}
MNAME=${rest%|*}
MDUR=${rest##*|}
NEWDUR=$((MDUR == 45 ? 50 : 45))
motif_of() { sql "$DB" "SELECT name || '|' || duration_minutes FROM motif WHERE id = $MID"; }
for p in 0 1; do
    wait_forp $p "November 2026" 3 >/dev/null
    sendp $p S
    wait_forp $p "Structure" 3 >/dev/null
    sendp $p Right Right Right
    wait_forp $p "Location" 3 >/dev/null
    sendp $p Enter
done
check "both desks have the form of the same motif open" \
    eval 'wait_forp 0 "Edit the motif" 3 && wait_forp 1 "Edit the motif" 3'
sendp 0 C-u
sendp 0 -l "Accueil renouvelé"
sendp 0 Enter
check "Marie renames the motif" \
    eval 'wait_forp 0 "Saved: motif Accueil renouvelé" 3 &&
          [ "$(motif_of)" = "Accueil renouvelé|$MDUR" ]'
sendp 1 Tab Tab C-u
sendp 1 -l "$NEWDUR"
sendp 1 Enter
check "Paul's change of its length meets the conflict dialog" \
    wait_forp 1 "Changed by another desk" 3
check "which says Marie renamed it" \
    eval 'wait_forp 1 "marie" 1 && wait_forp 1 "Accueil renouvelé" 1'
check "nothing of Paul's was written" eval '[ "$(motif_of)" = "Accueil renouvelé|$MDUR" ]'
sendp 1 r
check "reload opens the form again on the motif as it is now" \
    eval 'wait_forp 1 "Edit the motif" 3 && wait_forp 1 "Accueil renouvelé" 1'
sendp 1 Tab Tab C-u
sendp 1 -l "$NEWDUR"
sendp 1 Enter
check "then Paul's change is saved on top of Marie's" \
    eval 'wait_forp 1 "Saved: motif Accueil renouvelé" 3 &&
          [ "$(motif_of)" = "Accueil renouvelé|$NEWDUR" ]'
check "the audit log has both, by their authors" \
    eval '[ "$(sql "$DB" "SELECT group_concat(actor) FROM (SELECT actor FROM audit
                          WHERE entity = '"'motif'"' AND entity_id = $MID
                          AND action <> '"'create'"' ORDER BY id)")" = "marie,paul" ]'
check "and the file is consistent" eval '[ "$(sql "$DB" "PRAGMA integrity_check")" = "ok" ]'

for p in 0 1; do
    pressp $p Escape
    sendp $p q
done
check "both consoles quit cleanly" eval 'wait_forp 0 "exit=0" 3 && wait_forp 1 "exit=0" 3'
finish
