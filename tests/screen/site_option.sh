#!/usr/bin/env bash
# site_option.sh - the console takes --site by name or by id like every
# command, and the common options before the command name too; an unknown
# site is refused before the screen is taken over, with the closest names
# and exit status 1.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
NORD=$(sql "$DB" "SELECT id FROM site WHERE name = 'MDS Nord'")
[ -n "$NORD" ] || bail_out "the demo has no MDS Nord"
q() { printf '%q' "$1"; }

start_console 100 30 --site "$NORD" --db "$DB"
check "--site by id opens that site" wait_for "· MDS Nord" 10
send q
check "... and quits cleanly" wait_for "exit=0" 10

start_shell 100 30 || bail_out "tmux did not start"
run_in_shell "clear; $(q "$GUICHET") --db $(q "$DB") --site 'mds nord'; echo exit=\$?"
check "--site by name, any case, the common options first" wait_for "· MDS Nord" 10
send q
check "... quits cleanly" wait_for "exit=0" 10

start_shell 100 30 || bail_out "tmux did not start"
run_in_shell "clear; $(q "$GUICHET") --db $(q "$DB") --site 'MDS Nrod'; echo exit=\$?"
check "an unknown site: refused before the screen, exit 1" wait_for "exit=1" 10
check "... naming the closest site" wait_for 'did you mean "MDS Nord"' 2
finish
