#!/usr/bin/env bash
# resize.sh - the console follows the terminal's size: below the minimum
# (60x16) a short message replaces the drawing, back to a normal size the
# day is drawn again; dialogs follow too; q still quits when too small.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

resize() {
    tmx resize-window -t "$SESSION" -x "$1" -y "$2"
}

start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

resize 40 10
check "40x10 shows the too-small message" wait_for "Terminal too small (40x10)" 3
check "and says what size is needed" wait_for "needs 60x16" 1
resize 80 24
check "back to 80x24 the day is drawn again" wait_for "Wednesday 25 November 2026" 3
check "with its F-key bar" eval 'screen | tail -n 1 | grep -q "1Help.*10Quit"'

resize 60 16
check "60x16, the minimum, is drawn" wait_for "25 November 2026" 3
check "the F-key bar still fits at 60 columns" eval 'screen | tail -n 1 | grep -q "^1.*10"'

resize 100 30
send '?'
wait_for "Show this help" 3 >/dev/null
resize 70 20
check "the help follows a resize" eval 'wait_for "Show this help" 3 && [ "$(screen | head -n 1 | wc -L)" -le 70 ]'
resize 30 8
check "a dialog gives way to the too-small message" wait_for "Terminal too small" 3
resize 80 24
check "and comes back with the dialog still open" wait_for "Show this help" 3
send Escape
wait_gone "Show this help" 2 >/dev/null

resize 40 10
wait_for "Terminal too small" 3 >/dev/null
send q
check "q quits even when the terminal is too small" wait_for "exit=0" 3

finish
