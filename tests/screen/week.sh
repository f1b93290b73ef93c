#!/usr/bin/env bash
# week.sh - the week of one agent: F5 from the day view opens the week of
# the agent under the cursor on the week of the day shown; seven day
# columns with the day view's marks; absences and public holidays shaded
# with words; Tab goes to the next agent; F5 goes back to the day view on
# the day selected in the week, and to that agent's column.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
SITE=$(first_site_id "$DB")
AGENTS=$(first_agent_ids "$DB" "$SITE" 2)
A1=${AGENTS%%,*}
A2=${AGENTS##*,}
name_of() { sql "$DB" "SELECT first_name || ' ' || last_name FROM agent WHERE id = $1"; }
NAME1=$(name_of "$A1")
NAME2=$(name_of "$A2")
# A seen appointment of the first agent this week (Mon 23 - Sun 29).
SEEN=$(sql "$DB" "SELECT b.last_name FROM appointment a JOIN beneficiary b ON b.id = a.beneficiary_id
                  WHERE a.agent_id = $A1 AND a.status = 'seen'
                    AND a.starts_at >= '2026-11-23' AND a.starts_at < '2026-11-30'
                  ORDER BY a.starts_at LIMIT 1")
[ -n "$SEEN" ] || bail_out "no seen appointment this week in the demo data"
SEEN=${SEEN^^}
# A day of that week without appointments of the first agent, for an absence.
FREE_DAY=""
for d in 24 26 28; do
    n=$(sql "$DB" "SELECT count(*) FROM appointment WHERE agent_id = $A1
                   AND starts_at >= '2026-11-$d 00:00' AND starts_at < '2026-11-$d 24:00'")
    if [ "$n" -eq 0 ]; then FREE_DAY=$d; break; fi
done
[ -n "$FREE_DAY" ] || bail_out "the first agent has appointments every day of the week"

start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

send F5
check "F5 opens the week of the agent under the cursor" \
    wait_for "Week 48 · 23/11/2026 - 29/11/2026 · $NAME1" 3
check "seven day columns, Monday to Sunday" \
    eval 'screen | sed -n 2p | grep -q "Mon 23.*Tue 24.*Wed 25.*Thu 26.*Fri 27.*Sat 28.*Sun 29"'
check "a seen appointment shows the seen mark and the name, as in the day view" \
    wait_for "✓ ${SEEN:0:4}" 1
check "the status line describes the cell under the cursor (Wednesday)" \
    wait_status "^25/11/2026 " 2

# Another desk records an absence on a free day: the week shows it.
sql "$DB" "INSERT INTO absence (agent_id, kind, starts_at, ends_at, reason)
           VALUES ($A1, 'one-off', '2026-11-$FREE_DAY 00:00', '2026-11-$((FREE_DAY + 1)) 00:00',
                   'Formation')"
check "an absence saved by another program appears (live refresh) in words" wait_for "absent" 4
left=$((25 - FREE_DAY))
if [ "$left" -gt 0 ]; then for _ in $(seq 1 $left); do send Left; done; fi
if [ "$left" -lt 0 ]; then for _ in $(seq 1 $((-left))); do send Right; done; fi
check "on that day the status line says absent, with the reason" \
    wait_status "^$FREE_DAY/11/2026 .*absent: Formation" 2

# Friday, then back to the day view: same date, same agent.
for _ in $(seq 1 $((27 - FREE_DAY))); do send Right; done
wait_status "^27/11/2026 " 2 >/dev/null
send F5
check "F5 goes back to the day view on the day chosen in the week" \
    wait_for "Friday 27 November 2026" 2

# Tab in the week: the next agent; the day view follows that agent.
send F5
wait_for "Week 48" 2 >/dev/null
send Tab
check "Tab shows the next agent's week" wait_for "Week 48 · 23/11/2026 - 29/11/2026 · $NAME2" 2
send Escape
wait_for "Friday 27 November 2026" 2 >/dev/null
send w
check "w (like F5) from the day view opens the week of that agent, whose column is now selected" \
    wait_for "$NAME2" 2

# Two weeks back: Wednesday 11 November is a public holiday.
send PageUp
send PageUp
check "PgUp goes a week back (twice: week 46)" wait_for "Week 46 · 09/11/2026 - 15/11/2026" 2
check "the public holiday closes its day, in words" wait_for "Armistic" 1
send t
check "t comes back to this week" wait_for "Week 48" 2

send R
check "R in the week view opens the list to fill in" wait_for "oldest first" 2
send Escape
check "Esc closes it, back in the week" wait_for "Week 48" 2

send Escape
check "Esc goes back to the day view" wait_for "November 2026 · " 2
send q
check "q quits" wait_for "exit=0" 3

# The smallest terminal the console draws in: 60x16, 6-column days.
# Headings keep the day's number, and a cell with "+N" (more appointments
# in the hour) still starts with the person's name.
plus_cells() { screen | sed -n '3,14p' | grep -oE "│[^│]*\+[0-9]+"; }
start_console 60 16 --db "$DB"
wait_for "November 2026" 5 || bail_out "the console did not open at 60x16"
send F5
wait_for "Week 48" 3 >/dev/null
check "60x16: every day heading has its number (Mon 23 ... Sun 29)" \
    eval 'screen | sed -n 2p | grep -qE "Mon 23.*Tue 24.*Wed 25.*Thu 26.*Fri 27.*Sat 28.*Sun 29"'
check "60x16: some cells hold several appointments ($(plus_cells | tr '\n' ' '))" \
    eval '[ -n "$(plus_cells)" ]'
check "60x16: each \"+N\" cell starts with a name (mark, then two capitals)" \
    eval '[ -z "$(plus_cells | grep -vE "^│.[[:upper:]]{2}")" ]'
send q
wait_for "exit=0" 3 >/dev/null

if locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$'; then
    CONSOLE_ENV="LANG=fr_FR.UTF-8" start_console 60 16 --db "$DB"
    wait_for "novembre 2026" 5 >/dev/null
    send F5
    wait_for "Semaine 48" 3 >/dev/null
    check "60x16 in French: short headings \"lu 23\" ... \"di 29\" (not \"lun. …\")" \
        eval 'screen | sed -n 2p | grep -qE "lu 23.*ma 24.*me 25.*je 26.*ve 27.*sa 28.*di 29"'
    send q
    wait_for "exit=0" 3 >/dev/null
fi
finish
