#!/usr/bin/env bash
# day_view.sh - a new user's first minute with the console, at 80x24 and at
# 132x43: open it, read today's date and an appointment, go to the next day
# and back, return to today, open and close help (as wide as the terminal
# allows up to 110 columns, long texts wrapped rather than cut), open an
# appointment's details (dates as dd/mm/yyyy, never ISO), quit; the
# terminal must come back as it was (shell prompt, exit status 0,
# alternate screen off).
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

TODAY=${GUICHET_NOW%% *}                 # 2026-11-25, a Wednesday
TOMORROW=$(date -d "$TODAY + 1 day" +%F)
SITE=$(first_site_id "$DB")
# The first three agent columns are visible at both sizes.
AGENTS=$(first_agent_ids "$DB" "$SITE" 3)
NAME_TODAY=$(earliest_name "$DB" "$SITE" "$TODAY" "$AGENTS")
NAME_TOMORROW=$(earliest_name "$DB" "$SITE" "$TOMORROW" "$AGENTS")
[ -n "$NAME_TODAY" ] && [ -n "$NAME_TOMORROW" ] ||
    bail_out "the demo data has no appointment today or tomorrow for the first agents"

FIRST_AGENT=${AGENTS%%,*}

# The status line describes the cell under the cursor:
# "10:15-10:45 Gonzalez Achille · Consultation PMI enfant · today, not started".
cursor_person() {
    status_line | sed -n 's/^[0-9][0-9]:[0-9][0-9]-[0-9][0-9]:[0-9][0-9] \(.*\) · .* · .*$/\1/p'
}

# Moves down from the current time until the cursor is on one appointment,
# as a person would, opens it and checks the details name the same person,
# who must be one of the first agent's appointments today in the database.
details_of_an_appointment() {
    local person="" i
    for i in $(seq 1 16); do
        person=$(cursor_person)
        [ -n "$person" ] && break
        press j
    done
    [ -n "$person" ] || { echo "# no appointment under the cursor"; return 1; }
    local known
    known=$(sql "$DB" "SELECT count(*) FROM appointment p
        JOIN beneficiary b ON b.id = p.beneficiary_id
        WHERE p.site_id = $SITE AND p.agent_id = $FIRST_AGENT
          AND p.starts_at >= '$TODAY 00:00' AND p.starts_at < '$TODAY 24:00'
          AND b.last_name || ' ' || b.first_name = '${person//\'/\'\'}'")
    [ "$known" -ge 1 ] || { echo "# \"$person\" is not an appointment of the first agent today"; return 1; }
    send Enter
    wait_for "Motif" 3 && wait_for "Status" 1 && wait_for "$person" 1
}

# The details give dates the way the forms take them (dd/mm/yyyy), not
# ISO; the booking line reads "Booked  20/11/2026 14:03 by login".
details_dates_readable() {
    screen | grep -qE "Booked +[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2} by " || {
        echo "# no \"Booked dd/mm/yyyy hh:mm by\" line"; return 1; }
    ! screen | grep -qE "[0-9]{4}-[0-9]{2}-[0-9]{2}" || { echo "# an ISO date is shown"; return 1; }
}

# The help dialog's inside, one line each (between its frame's corners).
help_box() {
    local line prefix frame col width inside=0
    while IFS= read -r line; do
        if [ $inside = 0 ] && [[ $line == *┌*Help*┐* ]]; then
            prefix=${line%%┌*}
            col=${#prefix}
            frame=${line#"$prefix"}
            frame=${frame%%┐*}
            width=$((${#frame} + 1))
            inside=1
            continue
        fi
        [ $inside = 1 ] || continue
        [[ ${line:col:1} == └ ]] && break
        echo "${line:col+1:width-2}"
    done < <(screen)
}

help_width() {
    local line prefix frame
    line=$(screen | grep -m1 "┌.*Help.*┐")
    prefix=${line%%┌*}
    frame=${line#"$prefix"}
    frame=${frame%%┐*}
    echo $((${#frame} + 1))
}

terminal_restored() {
    wait_for "exit=0" 5 || return 1
    [ "$(pane_alternate_on)" = "0" ] || { echo "# alternate screen still on"; return 1; }
    # the shell prompt is back on the last non-empty line
    screen | grep -v '^$' | tail -n 1 | grep -q '^\$ *$'
}

for size in 80x24 132x43; do
    W=${size%x*}
    H=${size#*x}
    start_console "$W" "$H" --db "$DB" --user agent-test

    if ! wait_for "Wednesday 25 November 2026" 5; then
        not_ok "$size: the console opens on today's date in words"
        show_screen
        continue # the rest would only time out
    fi
    ok "$size: the console opens on today's date in words"
    check "$size: top line names the site and the user" \
        wait_for "agent-test" 1
    check "$size: F-key bar shows 1Help and 10Quit" \
        eval 'screen | tail -n 1 | grep -q "1Help.*10Quit"'
    check "$size: a person of today is shown ($(grid_name "$NAME_TODAY"))" \
        wait_for "$(grid_name "$NAME_TODAY")" 2

    send ']'
    check "$size: ] shows the next day" wait_for "Thursday 26 November 2026" 3
    check "$size: the next day's appointment is shown ($(grid_name "$NAME_TOMORROW"))" \
        wait_for "$(grid_name "$NAME_TOMORROW")" 2
    send '['
    check "$size: [ comes back" wait_for "Wednesday 25 November 2026" 3
    send ']' ']'
    wait_for "Friday 27 November 2026" 3 >/dev/null
    send t
    check "$size: t returns to today" wait_for "Wednesday 25 November 2026" 3

    send '?'
    check "$size: ? opens the help with the keys" \
        eval 'wait_for "Show this help" 3 && wait_for "F10 q" 1 && wait_for "Esc then a digit" 1'
    if [ "$W" -gt 112 ]; then
        check "$size: the help grows with the terminal ($(help_width) columns, 81 to 110)" \
            eval '[ "$(help_width)" -gt 80 ] && [ "$(help_width)" -le 110 ]'
        check "$size: a long help text reads on one line" \
            wait_for "Change the appointment under the cursor: time, agent, length, note" 1
    else
        check "$size: at 80 columns the help fits the screen" eval '[ "$(help_width)" -le 78 ]'
    fi
    check "$size: no help text is cut (wrapped instead)" eval '! help_box | grep -qF "…"'
    send End
    check "$size: the help scrolls to the legend of the marks" wait_for "Marks:" 2
    check "$size: ... no help text is cut there either" eval '! help_box | grep -qF "…"'
    send Escape
    check "$size: Esc closes the help" wait_gone "Marks:" 2

    check "$size: Enter shows the appointment under the cursor" details_of_an_appointment
    check "$size: the details write dates dd/mm/yyyy" details_dates_readable
    send Escape
    check "$size: Esc closes the details" wait_gone "Reference" 2

    send q
    check "$size: q quits and restores the terminal" terminal_restored
done

finish
