#!/usr/bin/env bash
# monochrome.sh - meaning never rests on colour alone: with NO_COLOR the
# console sends no colour at all and still shows every status mark; with
# --ascii the marks and lines have ASCII twins.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

# SGR colour parameters in the captured pane: 30-37, 40-47, 90-97, 100-107,
# 38;... and 48;... (39 and 49, "the terminal's own colour", do not count).
colour_codes() {
    tmx capture-pane -e -p -t "$SESSION" | grep -oE $'\e\\[[0-9;]*m' |
        tr -d '\033[m' | tr ';' '\n' | grep -cE '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$'
}

# The reference: the default theme does use colours (so the check below
# can fail).
start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"
n=$(colour_codes)
check "the default theme sends colours ($n colour codes)" eval "[ $n -gt 0 ]"
send q
wait_for "exit=0" 3 >/dev/null

CONSOLE_ENV="NO_COLOR=1" start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open with NO_COLOR"
n=$(colour_codes)
check "NO_COLOR: no colour is sent ($n colour codes)" eval "[ $n -eq 0 ]"
check "NO_COLOR: past appointments of today are marked ? (to fill in)" \
    eval 'screen | grep -qE "│\? [0-9]{2}:[0-9]{2} "'
check "NO_COLOR: closed time is drawn with a pattern" eval 'screen | grep -qF "·····"'
send '['
wait_for "Tuesday 24 November 2026" 3 >/dev/null
check "NO_COLOR: yesterday's appointments seen are marked ✓" \
    eval 'screen | grep -qE "│✓ [0-9]{2}:[0-9]{2} "'
send q
wait_for "exit=0" 3 >/dev/null

CONSOLE_ENV="NO_COLOR=1" start_console 80 24 --db "$DB" --ascii
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open with --ascii"
send '['
wait_for "Tuesday 24 November 2026" 3 >/dev/null
check "--ascii: columns separated by |, no line-drawing character" \
    eval 'screen | grep -qE "^ [0-9]{2}:[0-9]{2}\|" && ! screen | grep -qF "│"'
check "--ascii: seen is marked v" eval 'screen | grep -qE "\|v [0-9]{2}:[0-9]{2} "'
check "--ascii: closed time is drawn with dots" eval 'screen | grep -qF "|......"'
send q
check "--ascii: quits with status 0" wait_for "exit=0" 3

finish
