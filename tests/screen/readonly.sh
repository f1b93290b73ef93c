#!/usr/bin/env bash
# readonly.sh - a database file the desk may read but not write (a share
# mounted read-only, a file owned by someone else) opens read-only: the top
# line says so, everything can be browsed, and write actions are refused in
# the status line. The console runs as user "nobody" because root may write
# whatever the file's permissions say.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || bail_out "setpriv is needed to run as another user"
    AS_NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
else
    AS_NOBODY=""
fi

RO="$TEST_TMP/ro"
mkdir -p "$RO"
demo_db "$RO/demo.db" || bail_out "cannot create the demo database"
chmod 755 "$TEST_TMP" "$RO"
chmod 444 "$RO/demo.db"
chmod 555 "$RO"
# nobody needs a home of its own for the configuration lookup
mkdir -p "$TEST_TMP/nobody-home"
chmod 777 "$TEST_TMP/nobody-home"

start_shell 80 24 || bail_out "no shell"
run_in_shell "clear; HOME='$TEST_TMP/nobody-home' XDG_CONFIG_HOME='$TEST_TMP/nobody-home' $AS_NOBODY '$GUICHET' --db '$RO/demo.db' --user desk; echo exit=\$?"

if ! wait_for "Wednesday 25 November 2026" 5; then
    not_ok "a read-only database opens"
    show_screen
    finish
fi
ok "a read-only database opens"
check "the top line says read-only" eval 'screen | head -n 1 | grep -qF "read-only"'
send F2
check "F2 (New) is refused: read-only database" wait_for "Not done (read-only database): Book a new appointment" 2
send x
check "x (Cancel) is refused too" wait_for "Not done (read-only database): Cancel the appointment" 2
send A
check "the alerts panel opens on a read-only file" wait_for "Alerts: risk of no-show" 5
send F2
check "F2 there (Called) is refused: nothing is written" \
    wait_for "Not done (read-only database): Called: the person answered" 2
send Escape
wait_gone "Alerts: risk of no-show" 3 >/dev/null
send ']'
check "browsing still works" wait_for "Thursday 26 November 2026" 2
send q
check "q quits with status 0" wait_for "exit=0" 3
check "the file was not modified" \
    eval 'cmp -s "$RO/demo.db" "$GUICHET_BUILD_DIR/screen-cache/demo-seed1-${GUICHET_NOW%% *}.db"'

chmod 755 "$RO" # let the cleanup remove it
finish
