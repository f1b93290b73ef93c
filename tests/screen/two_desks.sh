#!/usr/bin/env bash
# two_desks.sh - two consoles in tmux on one file: a booking made
# at one desk appears at the other within 2 seconds, with no key pressed
# there. Both desks open the same person's panel; the left desk books the
# person's next free slot with the slot finder; the right desk's panel must
# count one more appointment and show its date and time.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

# Three letters that find a few people; the first hit is the person.
PREFIX=$(sql "$DB" "SELECT substr(word, 1, 3) p FROM person_word
                    WHERE word GLOB '[a-z][a-z][a-z]*'
                    GROUP BY p HAVING count(DISTINCT person_id) BETWEEN 2 AND 8
                    ORDER BY p LIMIT 1")
[ -n "$PREFIX" ] || bail_out "no suitable three-letter prefix in the demo data"
read -r PID PLAST < <(sql "$DB" "SELECT b.id, b.last_name FROM beneficiary b
    WHERE EXISTS (SELECT 1 FROM person_word w WHERE w.person_id = b.id AND w.word LIKE '$PREFIX%')
    ORDER BY b.search_key, b.id LIMIT 1" | tr '|' ' ')
COUNT0=$(sql "$DB" "SELECT count(*) FROM appointment WHERE beneficiary_id = $PID")

sendp() { local p=$1; shift; tmx send-keys -t "$SESSION:0.$p" "$@"; }
screenp() { tmx capture-pane -p -t "$SESSION:0.$1"; }
wait_forp() { # PANE TEXT SECONDS: polls every 50 ms
    local tries=$(( $3 * 20 * WAIT_SCALE ))
    while [ "$tries" -gt 0 ]; do
        screenp "$1" | grep -qF -- "$2" && return 0
        sleep 0.05
        tries=$((tries - 1))
    done
    echo "# pane $1 timed out waiting for: $2"
    screenp "$1" | sed 's/^/# |/'
    return 1
}

start_shell 161 24 || bail_out "tmux did not start"
tmx split-window -h -t "$SESSION:0" -c "$TEST_ROOT" \
    "exec bash --rcfile '$TEST_TMP/bashrc' --noprofile -i" || bail_out "no second pane"
wait_forp 1 '$' 5 >/dev/null || bail_out "the second pane has no prompt"
for p in 0 1; do
    sendp $p -l "clear; $(printf '%q --db %q --user desk%d' "$GUICHET" "$DB" "$p"); echo exit=\$?"
    sendp $p Enter
done
check "both consoles open on the same file" \
    eval 'wait_forp 0 "November 2026" 5 && wait_forp 1 "November 2026" 5'

for p in 0 1; do
    sendp $p /
    wait_forp $p "Find a person" 2 >/dev/null
    sendp $p -l "$PREFIX"
    wait_forp $p "Search: $PREFIX" 2 >/dev/null # the list follows each key
    sendp $p Enter
done
check "both desks show the person's panel with $COUNT0 appointment" \
    eval 'wait_forp 0 "$COUNT0 appointment" 3 && wait_forp 1 "$COUNT0 appointment" 3'

sendp 0 f
wait_forp 0 "Find a free slot" 2 >/dev/null
sendp 0 Enter
wait_forp 0 "Free slots: " 3 >/dev/null
SLOT=$(screenp 0 | grep -m1 -oE '[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}' | head -n 1)
check "the left desk finds a free slot ($SLOT)" eval '[ -n "$SLOT" ]'
sendp 0 Enter
wait_forp 0 "New appointment" 2 >/dev/null
sendp 0 Enter
check "the left desk books it" wait_forp 0 "Booked:" 3
check "the database has it" \
    eval '[ "$(sql "$DB" "SELECT count(*) FROM appointment WHERE beneficiary_id = $PID")" -eq $((COUNT0 + 1)) ]'
# No key is pressed at the right desk from here on.
check "within 2 seconds the right desk counts one more appointment" \
    wait_forp 1 "$((COUNT0 + 1)) appointment" 2
check "and lists it with its date and time" wait_forp 1 "$SLOT" 1

for p in 0 1; do sendp $p Escape Escape q; done
check "both consoles quit cleanly" eval 'wait_forp 0 "exit=0" 3 && wait_forp 1 "exit=0" 3'
finish
