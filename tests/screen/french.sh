#!/usr/bin/env bash
# french.sh - under a French locale the dates are French (strftime gives
# the day and month names with no catalogue at all; the interface strings
# are French when po/fr.po is built).
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$' ||
    bail_out "the fr_FR.UTF-8 locale is missing (scripts/install-deps creates it)"

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

export LANG=fr_FR.UTF-8
start_console 80 24 --db "$DB"
check "the top line reads mercredi 25 novembre 2026" wait_for "mercredi 25 novembre 2026" 5
send ']'
check "] goes to jeudi 26 novembre 2026" wait_for "jeudi 26 novembre 2026" 3
send ']' ']' ']' ']' ']' ']'
check "a single-digit day has no double space (mercredi 2 décembre 2026)" \
    wait_for "mercredi 2 décembre 2026" 3
send Escape 0
check "Esc 0 quits" wait_for "exit=0" 3

finish
