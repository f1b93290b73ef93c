#!/usr/bin/env bash
# terminals.sh - the keys of the terminals desks really use, sent as raw
# bytes (tmux send-keys -H) whatever TERM claims: PuTTY's default ESC[n~
# F-keys, its Linux and SCO modes, the Linux console, xterm's SS3 and CSI
# forms, VT100 PF keys, rxvt. Each F-key must do its action and never move
# the day (PuTTY's F1 was read as Esc then "[" = previous day); an unknown
# sequence is swallowed whole.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
TODAY="Wednesday 25 November 2026"
TOMORROW="Thursday 26 November 2026"

hex() { # "1b 5b 31 31 7e" -> tmux send-keys -H
    # shellcheck disable=SC2086
    tmx send-keys -t "$SESSION" -H $1
}

top_line() { screen | head -n 1; }

# day_is DATE: the top line shows DATE (and no dialog asked anything).
day_is() {
    local tries=100
    while [ $tries -gt 0 ]; do
        top_line | grep -qF "$1" && return 0
        sleep 0.05
        tries=$((tries - 1))
    done
    echo "# top line: $(top_line)"
    return 1
}

# fkey_opens NAME BYTES TEXT: the bytes open a dialog showing TEXT; Esc
# closes it; the day has not moved.
fkey_opens() {
    local name=$1 bytes=$2 text=$3
    hex "$bytes"
    check "$TERM_NAME: $name opens \"$text\"" wait_for "$text" 5
    send Escape
    check "$TERM_NAME: Esc closes it" wait_gone "$text" 5
    check "$TERM_NAME: the day did not move" day_is "$TODAY"
}

for TERM_NAME in xterm vt100 linux screen rxvt; do
    CONSOLE_ENV="TERM=$TERM_NAME" start_console 100 30 --db "$DB"
    wait_for "$TODAY" 10 || bail_out "the console did not open with TERM=$TERM_NAME"

    fkey_opens "PuTTY F1 (ESC[11~)" "1b 5b 31 31 7e" "Show this help"
    fkey_opens "PuTTY F2 (ESC[12~)" "1b 5b 31 32 7e" "New appointment"
    fkey_opens "PuTTY F3 (ESC[13~)" "1b 5b 31 33 7e" "Find a person"
    fkey_opens "xterm/VT100 F1 (ESC O P)" "1b 4f 50" "Show this help"
    fkey_opens "xterm F2 (ESC O Q)" "1b 4f 51" "New appointment"
    fkey_opens "Linux console F1 (ESC[[A)" "1b 5b 5b 41" "Show this help"
    fkey_opens "Linux console F3 (ESC[[C)" "1b 5b 5b 43" "Find a person"
    fkey_opens "PuTTY SCO F1 (ESC[M)" "1b 5b 4d" "Show this help"
    fkey_opens "PuTTY SCO F2 (ESC[N)" "1b 5b 4e" "New appointment"

    # PgDn in its VT220 form, then F7 (today) in four forms.
    for f7 in "1b 5b 31 38 7e" "1b 5b 53"; do
        hex "1b 5b 36 7e"
        check "$TERM_NAME: PgDn (ESC[6~) goes to the next day" day_is "$TOMORROW"
        hex "$f7"
        check "$TERM_NAME: F7 ($f7) comes back to today" day_is "$TODAY"
    done

    # In the booking form, PuTTY's F2 confirms (here: refuses, nothing
    # chosen) and never closes the form or moves the day.
    hex "1b 5b 31 32 7e"
    wait_for "New appointment" 5 >/dev/null
    hex "1b 5b 31 32 7e"
    check "$TERM_NAME: PuTTY F2 in the form confirms it (the form says what is missing)" \
        eval 'wait_for "New appointment" 5 && wait_for "Choose the person: Enter on this field." 5'
    send Escape
    wait_for "Discard" 3 >/dev/null && send Enter
    check "$TERM_NAME: the form closed, the day did not move" \
        eval 'wait_gone "New appointment" 5 && day_is "$TODAY"'

    # Unknown sequences vanish whole: afterwards "]" moves one day, so
    # had their "[" been read, the day would still be today.
    hex "1b 5b 39 39 7e"        # ESC[99~
    hex "1b 5b 31 3b 39 39 78"  # ESC[1;99x
    hex "1b 4f 7e"              # ESC O ~
    send ']'
    check "$TERM_NAME: unknown sequences change nothing (one ] = one day)" day_is "$TOMORROW"
    send t
    day_is "$TODAY" >/dev/null

    hex "1b 5b 32 31 7e"        # F10 in its VT220 form
    check "$TERM_NAME: F10 (ESC[21~) quits" wait_for "exit=0" 5
done

finish
