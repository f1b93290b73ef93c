#!/usr/bin/env bash
# keys.sh - the keys a front desk relies on beyond the first minute:
# Esc then a digit as an F-key (desktop terminals eat F1 and F10), Esc
# closing a dialog, F2 opening the booking form and Esc 3 the person
# search, the site list, moving the cursor, and Esc 0 quitting.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
SECOND_SITE=$(sql "$DB" "SELECT name FROM site ORDER BY name, id LIMIT 1 OFFSET 1")

start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

send Escape 1
check "Esc then 1 opens the help (F1)" wait_for "Show this help" 2

# Esc alone closes a dialog without waiting for a second key (the timing
# itself is measured by make bench, never asserted here).
send Escape
check "Esc closes the help" wait_gone "Show this help" 5

send F2
check "F2 (New) opens the booking form" wait_for "New appointment" 2
send Escape
check "Esc closes the form at once" wait_gone "New appointment" 2
send Escape 3
check "Esc 3 (F3, Search) opens the person search" wait_for "Find a person" 2
send Escape
check "Esc closes the search" wait_gone "Find a person" 2

send F7
check "F7 goes to today" wait_for "Wednesday 25 November 2026" 2

send s
check "s opens the site list" eval 'wait_for "Choose the site" 2 && wait_for "$SECOND_SITE" 1'
send Down Enter
check "choosing the second site shows it in the top line" \
    eval 'wait_gone "Choose the site" 2 && screen | head -n 1 | grep -qF "$SECOND_SITE"'

# Cursor movement reads back in the status line (time range of the cell).
send Home
check "Home goes to the first row of the day" wait_status "^0[789]:[0-9][0-9]-" 5
send End
check "End goes to the last row of the day" wait_status "^1[6-9]:[0-9][0-9]-" 5

send Tab
check "Tab shows the next agent columns" wait_for "agents 4-" 2

send C-l
check "Ctrl-L redraws" wait_for "Wednesday 25 November 2026" 2

send Escape 0
check "Esc 0 (F10) quits with status 0" wait_for "exit=0" 3
check "the alternate screen is off after quitting" eval '[ "$(pane_alternate_on)" = 0 ]'

finish
