#!/usr/bin/env bash
# week_booking.sh - the week view does what the day view does: Enter on a
# free cell (or F2) books there for that agent at the site shown; Enter on
# an appointment opens it; x cancels it; an appointment of the agent at
# another site is drawn busy with that site's name and cannot be changed
# from here.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
SITE=$(first_site_id "$DB")
# An agent of the first site who also works at another site, with an
# appointment there this week (Mon 23 - Sun 29 November).
read -r AGENT OTHER_SITE OTHER_START < <(sql "$DB" "SELECT a.agent_id, p.site_id, p.starts_at
    FROM agent_site a JOIN appointment p ON p.agent_id = a.agent_id AND p.site_id <> $SITE
    WHERE a.site_id = $SITE AND p.starts_at >= '2026-11-23' AND p.starts_at < '2026-11-30'
      AND p.status NOT IN ('excused', 'revoked')
    ORDER BY a.agent_id, p.starts_at LIMIT 1" | tr '|' ' ')
[ -n "$AGENT" ] || bail_out "no agent of two sites with an appointment at the other this week"
OTHER_NAME=$(sql "$DB" "SELECT name FROM site WHERE id = $OTHER_SITE")
AGENT_NAME=$(sql "$DB" "SELECT first_name || ' ' || last_name FROM agent WHERE id = $AGENT")
# Its column in the day view (agents by last, first name).
COLUMN=$(sql "$DB" "SELECT count(*) FROM agent a JOIN agent_site s ON s.agent_id = a.id
    WHERE s.site_id = $SITE AND (a.last_name COLLATE NOCASE, a.first_name COLLATE NOCASE, a.id) <
      (SELECT last_name COLLATE NOCASE, first_name COLLATE NOCASE, id FROM agent WHERE id = $AGENT)")

start_console 100 40 --db "$DB" --user accueil4
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"
for _ in $(seq 1 "$COLUMN"); do send Right; done
send F5
check "F5 opens the week of $AGENT_NAME" wait_for "$AGENT_NAME" 3

# A free cell of this agent later today (Wednesday): Enter books there.
press Home
found=""
for _ in $(seq 1 48); do
    if status_line | grep -qE '^[0-9/]{10} 1[1-8]:[0-9]{2}-[0-9:]+ free$'; then found=1; break; fi
    press j
done
check "the cursor reaches a free cell later today ($(status_line))" eval '[ -n "$found" ]'
FREE=$(status_line | cut -c12-16)
send Enter
check "Enter on a free cell of the week opens the booking form at $FREE" \
    eval 'wait_for "New appointment" 3 && wait_for "$FREE" 1 && screen | grep -qF "$AGENT_NAME"'
send Escape
wait_gone "New appointment" 3 >/dev/null
send F2
check "F2 does the same" wait_for "New appointment" 3
send Escape
check "Esc closes it, back in the week" eval 'wait_gone "New appointment" 3 && wait_for "$AGENT_NAME" 1'

# The other site's appointment: its day, its row; x is refused with words.
OTHER_DAY=$(date -d "${OTHER_START%% *}" +%u)
TODAY_DOW=3
send t
for _ in $(seq $TODAY_DOW $((OTHER_DAY - 1))); do send Right; done
for _ in $(seq $OTHER_DAY $((TODAY_DOW - 1))); do send Left; done
press Home
found=""
for _ in $(seq 1 30); do
    if status_line | grep -qF "${OTHER_NAME:0:12}"; then found=1; break; fi
    press j
done
check "the cursor reaches the appointment at $OTHER_NAME" eval '[ -n "$found" ]'
check "it is drawn busy with the site's name, no person's" \
    eval 'screen | grep -qF "${OTHER_NAME:0:12}" && status_line | grep -qF "busy at another site"'
BEFORE=$(sql "$DB" "SELECT group_concat(status || version) FROM appointment WHERE agent_id = $AGENT")
send x
check "x on it says it belongs to the other site's day view" \
    eval 'wait_status "^Busy at " 3 && ! screen | grep -qF "Cancel the appointment"'
check "nothing was written" \
    eval '[ "$(sql "$DB" "SELECT group_concat(status || version) FROM appointment WHERE agent_id = $AGENT")" = "$BEFORE" ]'

send F5
send q
check "q quits" wait_for "exit=0" 3
finish
