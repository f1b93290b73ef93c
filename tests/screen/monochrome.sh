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

# Long appointments of the demo day at MDS Centre, one a line
# "Last|HH:MM": a row inside it, after its first two rows (the row starting
# 30 minutes in, which no other appointment of that agent touches).
long_appts() {
    sql "$DB" "SELECT ag.last_name, strftime('%H:%M', a.starts_at, '+30 minutes')
        FROM appointment a JOIN agent ag ON ag.id = a.agent_id JOIN site s ON s.id = a.site_id
        WHERE s.name = 'MDS Centre' AND a.starts_at LIKE '${GUICHET_NOW%% *} %'
          AND a.ends_at >= strftime('%Y-%m-%d %H:%M', a.starts_at, '+45 minutes')
          AND a.status NOT IN ('excused', 'revoked')
          AND NOT EXISTS (SELECT 1 FROM appointment o WHERE o.agent_id = a.agent_id
              AND o.id <> a.id
              AND o.starts_at < strftime('%Y-%m-%d %H:%M', a.starts_at, '+45 minutes')
              AND o.ends_at > strftime('%Y-%m-%d %H:%M', a.starts_at, '+30 minutes'))
        ORDER BY a.starts_at"
}

# cell_start SEPARATOR: the first character of the cell of a long
# appointment's third row ("Last HH:MM c"), for the first such appointment
# whose agent's column is on screen. The column is where the agent's name
# stands in the header (characters, not bytes: LANG is C.UTF-8).
cell_start() {
    local sep=$1 last time header prefix row
    header=$(screen | sed -n 2p)
    while IFS='|' read -r last time; do
        last=${last^^}
        case "$header" in *"$last"*) ;; *) continue ;; esac
        prefix=${header%%"$last"*}
        prefix=${prefix%"$sep"*}
        row=$(screen | grep -E "^.$time[$sep]" | head -n 1)
        [ -n "$row" ] || continue
        echo "$last $time ${row:$((${#prefix} + 1)):1}"
        return 0
    done < <(long_appts)
    return 1
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
send q
wait_for "exit=0" 3 >/dev/null

# Inside a long appointment, below its two rows of words, every row still
# says "busy": a continuation mark in the cell's first column.
CONSOLE_ENV="NO_COLOR=1" start_console 132 43 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open at 132x43"
got=$(cell_start "│")
check "NO_COLOR: a long appointment's third row starts with ┆ ($got)" \
    eval '[ "${got##* }" = "┆" ]'
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

CONSOLE_ENV="NO_COLOR=1" start_console 132 43 --db "$DB" --ascii
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open with --ascii"
got=$(cell_start "|")
check "--ascii: a long appointment's third row starts with : ($got)" \
    eval '[ "${got##* }" = ":" ]'
# The console's own signs (ellipsis, separators, arrows, marks, lines) are
# ASCII everywhere; names keep their accents.
no_signs() {
    ! screen | grep -qE "[…·▶▸◂✓✗←→↑↓┆│─┌┐└┘]"
}
check "--ascii: the day view has no sign outside ASCII" no_signs
check "--ascii: names keep their accents" eval 'screen | grep -qE "[éèçÉÈÇ]"'
send F1
wait_for "Show this help" 3 >/dev/null
check "--ascii: the help has no sign outside ASCII" no_signs
send Escape
wait_gone "Show this help" 3 >/dev/null
send F5
wait_for "Week 48" 3 >/dev/null
check "--ascii: the week view has no sign outside ASCII" no_signs
send F5
wait_gone "Week 48" 3 >/dev/null
send F9
wait_for "Menu" 3 >/dev/null
check "--ascii: the menu has no sign outside ASCII" no_signs
send Escape
send q
wait_for "exit=0" 3 >/dev/null

finish
