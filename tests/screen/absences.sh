#!/usr/bin/env bash
# absences.sh - the day view shades absences and follows each site's public
# holidays. On a Wednesday without appointments (March 2027, after the demo
# data): an afternoon training of the first agent and the weekly team
# meeting of the second, saved with sqlite3 as another program would, are
# hatched with the word "absent" (with and without colours, in ASCII too)
# and the status line gives the reason; one saved while the console runs
# appears by itself. Then Good Friday: an ordinary day at a national site
# until the site form sets it to Alsace-Moselle holidays; then the day view
# and the week view close it, and the command line's slot finder agrees.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database" # around 2026-11-25
q() { sql "$DB" "$1"; }

DAY=2027-03-24 # a Wednesday, after the last demo appointment
export GUICHET_NOW="$DAY 10:05"
SITE=$(first_site_id "$DB")
SITE_NAME=$(q "SELECT name FROM site WHERE id = $SITE")
AGENTS=$(first_agent_ids "$DB" "$SITE" 3)
IFS=, read -r A1 A2 A3 <<<"$AGENTS"
[ -n "$A3" ] || bail_out "the first site has fewer than three agents"
[ "$(q "SELECT count(*) FROM appointment WHERE starts_at >= '$DAY'")" = 0 ] ||
    bail_out "the demo data has appointments after $DAY"
# Both first agents work on Wednesday afternoons there.
open_on() { # AGENT FROM TO (minutes): an opening range covers it on Wednesdays
    q "SELECT count(*) FROM opening_hours WHERE agent_id = $1 AND site_id = $SITE
       AND weekday = 3 AND start_minute <= $2 AND end_minute >= $3"
}
[ "$(open_on "$A1" 840 960)" -ge 1 ] && [ "$(open_on "$A2" 900 990)" -ge 1 ] ||
    bail_out "the first agents have other opening hours than expected"

q "INSERT INTO absence (agent_id, kind, starts_at, ends_at, reason)
   VALUES ($A1, 'one-off', '$DAY 14:00', '$DAY 16:00', 'Formation')"
q "INSERT INTO absence (agent_id, kind, weekday, start_minute, end_minute,
                        every_weeks, valid_from, reason)
   VALUES ($A2, 'weekly', 3, 900, 960, 1, '2027-01-06', 'Réunion d''équipe')"

# cell ROW COLUMN: the text of agent column COLUMN (1 = first) in the grid
# row that starts at ROW ("14:00").
cell() {
    screen | awk -F'│' -v row=" $1" -v col=$(($2 + 1)) '$1 == row { print $col; exit }'
}
cell_starts() { # ROW COLUMN TEXT
    local got
    got=$(cell "$1" "$2")
    case "$got" in "$3"*) return 0 ;; esac
    echo "# cell $1 column $2 is \"$got\", expected \"$3...\""
    return 1
}
# Hatched, without words: the closed-time pattern only.
cell_hatched() { # ROW COLUMN
    local got
    got=$(cell "$1" "$2")
    [[ "$got" =~ ^(·)+$ ]] && return 0
    echo "# cell $1 column $2 is \"$got\", expected only hatching"
    return 1
}

start_console 80 24 --db "$DB"
wait_for "Wednesday 24 March 2027" 5 || bail_out "the console did not open on $DAY"

check "the first agent's training is shaded with the word \"absent\" on its first row" \
    cell_starts 14:00 1 "absent"
check "and hatched on its next rows" cell_hatched 15:30 1
check "the time after it is open again" eval '[ -z "$(cell 16:00 1 | tr -d " ")" ]'
check "the second agent's weekly meeting is shaded too" cell_starts 15:00 2 "absent"
check "and hatched on its next row" cell_hatched 15:30 2
check "the third agent is not absent" eval '! cell 15:00 3 | grep -q absent'

for _ in $(seq 1 8); do send j; done
check "on the training, the status line says absent, with the reason" \
    wait_status "^14:00-14:30 absent: Formation$" 2
send j j j j
check "after it, the status line says free" wait_status "^16:00-16:30 free$" 2
send Right k k
check "on the weekly meeting, the status line gives its reason" \
    wait_status "^15:00-15:30 absent: Réunion d'équipe$" 2

# Another desk records an absence: it appears without a key.
q "INSERT INTO absence (agent_id, kind, starts_at, ends_at, reason)
   VALUES ($A3, 'one-off', '$DAY 11:00', '$DAY 12:00', 'Congés')"
check "an absence saved by another program appears by itself" \
    eval 'for _ in $(seq 1 80); do cell 11:00 3 | grep -q "^absent" && break; sleep 0.05; done
          cell_starts 11:00 3 absent'
send q
wait_for "exit=0" 3 >/dev/null

CONSOLE_ENV="NO_COLOR=1" start_console 80 24 --db "$DB" --ascii
wait_for "Wednesday 24 March 2027" 5 || bail_out "the console did not open with NO_COLOR --ascii"
check "without colours and in ASCII, absences still read \"absent\"" \
    eval 'screen | grep -qE "^ 14:00\|absent"'
check "and are hatched with dots" eval 'screen | grep -qE "^ 14:30\|\.{10}"'
send q
wait_for "exit=0" 3 >/dev/null

# ---- Good Friday, 26 March 2027 ----------------------------------------------
start_console 80 24 --db "$DB"
wait_for "Wednesday 24 March 2027" 5 || bail_out "the console did not open again"
send ']' ']'
check "at a national site Good Friday is an ordinary day" \
    eval 'wait_for "Friday 26 March 2027 · $SITE_NAME" 3 && ! screen | grep -q "Good Friday"'
check "with open time (blank cells) for the agents working on Fridays" \
    eval 'screen | grep -qE "│ {20}"'

send S
wait_for "Structure" 3 >/dev/null
send Enter
check "the site form shows the site's public holidays" \
    eval 'wait_for "Edit the site" 2 && screen | grep -q "Public holidays.*national"'
send Tab Tab Tab Tab Right
check "the choice offers Alsace-Moselle" wait_for "Alsace-Moselle" 2
send Enter
check "saving the site" wait_status "Saved: site $SITE_NAME" 3
check "stores alsace-moselle in the file" \
    eval '[ "$(q "SELECT holidays FROM site WHERE id = $SITE")" = alsace-moselle ]'
send Escape
check "back in the day view, Good Friday closes the site" \
    wait_for "Friday 26 March 2027 (Good Friday) · $SITE_NAME" 3
check "the status line says why" wait_status "closed: Good Friday$" 2
check "and no cell is open any more" eval '! screen | grep -qE "│ {20}"'
send F5
check "the week view closes the day too" \
    eval 'wait_for "Week 12" 3 && screen | grep -q "Good Fri"'
send Escape
wait_for "(Good Friday)" 2 >/dev/null

# The command line reads the same setting from the file.
MOTIF=$(q "SELECT min(id) FROM motif")
slots_at() { # SITE: first slot on Good Friday, or nothing
    "$GUICHET" appt slots --db "$DB" --motif "$MOTIF" --site "$1" \
        --from "2027-03-26 00:00" --days 1 --count 1 --format csv | tr -d '\r' | sed -n 2p
}
check "the command line's slot finder has nothing on Good Friday there" \
    eval '[ -z "$(slots_at "$SITE")" ]'
OTHER=$(q "SELECT s.id FROM site s WHERE s.id <> $SITE AND EXISTS (SELECT 1 FROM opening_hours o
           WHERE o.site_id = s.id AND o.weekday = 5) ORDER BY s.id LIMIT 1")
if [ -n "$OTHER" ]; then
    check "but finds slots at a national site" eval '[ -n "$(slots_at "$OTHER")" ]'
fi

# Another program sets the site back to national: the view follows.
q "UPDATE site SET holidays = 'national', version = version + 1 WHERE id = $SITE"
check "a site set back to national by another program opens Good Friday again" \
    wait_gone "(Good Friday)" 4
send q
check "q quits" wait_for "exit=0" 3
finish
