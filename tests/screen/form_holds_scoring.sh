#!/usr/bin/env bash
# form_holds_scoring.sh - while a form is open the console does not score
# the risk marks in the background: on a large file that reads thousands
# of pages, which would push out of SQLite's cache the pages the form read
# ahead for its Enter (on a share, each a round trip again). Scoring that
# fell due meanwhile runs once the form is closed. Another process's write
# makes it due (it brings the next scoring forward to 5 s after the last).
# Counted with GUICHET_COUNT_IO ("score" and "tick" lines); the waits are
# for lines in that file, never for a time.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
COUNTS=$TEST_TMP/console.counts

# lines KIND: how many lines of that kind the counts file has
lines() { local n; n=$(grep -c "^$1 " "$COUNTS" 2>/dev/null); echo "${n:-0}"; }
# wait_lines KIND N SECONDS: until it has N of them
wait_lines() {
    local tries=$(( $3 * 20 * WAIT_SCALE ))
    while [ "$(lines "$1")" -lt "$2" ]; do
        tries=$((tries - 1))
        [ "$tries" -le 0 ] && { echo "# $(lines "$1") '$1' lines, not $2"; return 1; }
        sleep 0.05
    done
}

CONSOLE_ENV="GUICHET_COUNT_IO=$COUNTS" start_console 80 24 --db "$DB" --user accueil1
check "the console starts" wait_for "Wednesday 25 November 2026" 5
check "an idle second scores the risk marks" wait_lines score 1 5

press F2
check "F2 opens the booking form" wait_for "New appointment" 3
SCORES=$(lines score)
sql "$DB" "UPDATE site SET name = name WHERE id = (SELECT min(id) FROM site)"
TICKS=$(lines tick)
check "eight idle seconds pass with the form open" wait_lines tick $((TICKS + 8)) 20
check "no scoring while the form is open ($(( $(lines score) - SCORES )) times)" \
    test "$(lines score)" -eq "$SCORES"

press Escape
check "Esc closes the form" wait_gone "New appointment" 3
check "the scoring that fell due runs once the form is closed" \
    wait_lines score $((SCORES + 1)) 10
send q
check "q quits" wait_for "exit=0" 3
finish
