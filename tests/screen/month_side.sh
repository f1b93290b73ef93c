#!/usr/bin/env bash
# month_side.sh - on a wide terminal (110 columns or more) the month
# calendar stands at the right of the day view and follows the day shown;
# narrower, the day view keeps its width for the agents (the calendar is
# on m).
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

# The right part of each line from column N (characters, not bytes).
right_part() {
    local line
    screen | while IFS= read -r line; do printf '%s\n' "${line:$1}"; done
}

start_console 120 30 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open at 120x30"
check "at 120 columns: the month beside the day" eval 'right_part 90 | grep -q "November 2026"'
check "...with its ISO weeks and today marked" eval 'right_part 90 | grep -qE "^ *48 23 24 25>26"'
check "...and its legend" eval 'right_part 90 | grep -qF "> today * holiday - closed"'
check "...the grid stops before it" eval '! right_part 92 | sed -n 3,12p | grep -q "[│·]"'
send '>'
check "next month: the calendar follows the day" wait_for "Friday 25 December 2026" 3
check "...December beside it, Christmas marked" eval 'right_part 90 | grep -q "December 2026" && right_part 90 | grep -qE "25\*"'
send q
wait_for "exit=0" 3 >/dev/null

start_console 100 30 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open at 100x30"
check "at 100 columns: no calendar beside the day" eval '! screen | grep -q "November 2026 *$"'
send m
check "...it is on m" wait_for "Wk Mo Tu We" 3
send Escape
wait_gone "Wk Mo Tu We" 3 >/dev/null
send q
wait_for "exit=0" 3 >/dev/null

CONSOLE_ENV="LANG=fr_FR.UTF-8" start_console 120 30 --db "$DB"
wait_for "mercredi 25 novembre 2026" 5 || bail_out "the console did not open in French"
check "in French: the month beside the day" eval 'right_part 90 | grep -qi "novembre 2026"'
check "...its legend fits its width" eval 'screen | grep -qE "> auj"'
send q
wait_for "exit=0" 3 >/dev/null
finish
