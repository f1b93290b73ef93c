#!/usr/bin/env bash
# typed_ahead.sh - keys typed ahead on a somewhat slow link are all
# handled, and q after them quits. Every call that reaches the file system
# waits 2 ms here (GUICHET_IO_DELAY_US: a good LAN to a busy file server):
# a day step then takes some tenths of a second, never a second. Thirty
# day steps typed at once are thirty reads back to back; before, they
# counted as one read "over a second", and the keys typed meanwhile were
# taken for that read's own (only Esc counts there) and dropped: the day
# shown was wrong and a q typed after the steps was lost (the console did
# not quit). Ordered by the keys the console reports handled
# (GUICHET_TEST_KEYS_FD), never by elapsed time.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

CONSOLE_ENV="GUICHET_SCREEN_ALERTS=off GUICHET_COUNT_IO=$TEST_TMP/counts GUICHET_IO_DELAY_US=2000" \
    start_console 80 24 --db "$DB"
check "the console opens on a slow link" wait_for "Wednesday 25 November 2026" 40
keys=()
for i in $(seq 1 30); do keys+=(']'); done
send "${keys[@]}"
check "thirty day steps typed at once are all handled" wait_keys 30 120
check "the thirtieth day after is shown" wait_for "Friday 25 December 2026" 20
send q
check "q after them quits" wait_for "exit=0" 60
finish
