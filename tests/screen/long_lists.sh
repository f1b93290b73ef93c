#!/usr/bin/env bash
# long_lists.sh - the list widget on a département's structure: 300 agents
# and 120 motifs written into the test's real SQLite file, then every list
# that shows them scrolled to its last line and filtered as a person would:
# the structure lists (End, PgDn, / then text, Enter keeps, Esc clears), a
# form's choice list (the slot finder's motif and agent, Space then End),
# the opening-hours form offering every motif, the to-fill-in list and the
# people search. Letters typed into a filter never act on the screen, and
# nothing is written while looking.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/long.db"
demo_db "$DB" || bail_out "cannot create the demo database"
q() { sql "$DB" "$1"; }
dump() { sqlite3 -batch "$DB" .dump | md5sum; }

# The demo has a dozen agents and motifs: up to 300 and 120, named so that
# the generated ones sort after the demo's (ZAGENT001..., "Zz motif 001"...
# in the last service: motifs are listed by service, then name).
AGENTS=$(q "SELECT count(*) FROM agent")
MOTIFS=$(q "SELECT count(*) FROM motif")
MORE_AGENTS=$((300 - AGENTS))
MORE_MOTIFS=$((120 - MOTIFS))
sqlite3 -batch "$DB" "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $MORE_AGENTS)
INSERT INTO agent(last_name, first_name, login, service_id)
    SELECT printf('Zagent%03d', i), 'Prénom', printf('zag%03d', i), 1 FROM n;
INSERT INTO agent_site SELECT id, 1 FROM agent WHERE login LIKE 'zag%';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $MORE_MOTIFS)
INSERT INTO motif(name, service_id, duration_minutes)
    SELECT printf('Zz motif %03d', i), (SELECT max(id) FROM service), 30 FROM n;" || bail_out "cannot add agents and motifs"
LAST_AGENT=$(printf 'ZAGENT%03d' "$MORE_AGENTS")
LAST_MOTIF=$(printf 'Zz motif %03d' "$MORE_MOTIFS")
check "the file holds 300 agents and 120 motifs" \
    eval '[ "$(q "SELECT count(*) FROM agent")" = 300 ] && [ "$(q "SELECT count(*) FROM motif")" = 120 ]'
BEFORE=$(dump)

start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

# ---- structure: agents ---------------------------------------------------------
send S
wait_for "Structure" 3 >/dev/null
send Right Right
check "the agents list counts 300 lines" eval 'wait_for "300 lines" 3 && wait_status "^Agents 1/300" 2'
send End
check "End reaches the 300th agent" \
    eval 'wait_status "^Agents 300/300: $LAST_AGENT" 3 && wait_for "$LAST_AGENT Prénom" 1'
send Home PPage NPage
check "PgDn moves a page, not a line" eval 'wait_status "^Agents (1[0-9]|2[0-9])/300" 3'
send /
check "/ starts a filter" wait_for "Filter: _  (300/300)" 3
send -l "zag150n"
check "letters typed into the filter are text (n opens no form)" \
    eval 'wait_for "Filter: zag150n_  (0/300)" 3 && ! screen | grep -q "New agent"'
send BSpace
check "Backspace takes one back: one agent left" \
    eval 'wait_for "Filter: zag150_  (1/300)" 3 && wait_status "^Agents [0-9]+/300: ZAGENT150" 2'
send Enter
check "Enter keeps the filter and gives the keys back" \
    eval 'wait_for "Filter: zag150  (1/300)" 3'
send e
check "e then edits the agent the filter kept" eval 'wait_for "Zagent150" 3 && wait_for "zag150" 1'
send Escape
wait_gone "Enter/F2: confirm" 3 >/dev/null
send Escape
check "Esc clears the filter before it closes anything" \
    eval 'wait_gone "Filter:" 3 && wait_for "300 lines" 1 && wait_status "^Agents [0-9]+/300: ZAGENT150" 2'

# ---- structure: motifs -----------------------------------------------------------
send Right
check "the motifs list counts 120 lines" eval 'wait_for "120 lines" 3'
send End
check "End reaches the 120th motif" eval 'wait_status "^Motifs 120/120: $LAST_MOTIF" 3'
send F3
send -l "MOTIF 00"
check "F3 filters too, case and accents ignored" eval 'wait_for "(9/120)" 3'
send Escape

# ---- the opening-hours form offers every motif --------------------------------------
send Right
wait_for "Opening hours" 2 >/dev/null
send F2
wait_for "Enter/F2: confirm" 3 >/dev/null
check "the opening-hours form ticks any of the 120 motifs, the last included" \
    eval 'send BTab; wait_for "For $LAST_MOTIF" 5' # from the first field to the last
send Escape
wait_for "Discard" 2 >/dev/null && send Enter
wait_gone "Enter/F2: confirm" 3 >/dev/null
send Escape
wait_gone "Structure" 3 >/dev/null

# ---- a form's choice lists --------------------------------------------------------
send f
wait_for "Find a free slot" 3 >/dev/null
send Space
check "the motif choice lists all 120" wait_for "Type to filter (120 lines)" 3
send End Enter
check "End then Enter chooses the last motif" wait_for "‹ $LAST_MOTIF ›" 3
send Tab Space # choosing moved the cursor on to the site
check "the agent choice lists all 300 and 'any agent'" wait_for "Type to filter (301 lines)" 3
send End Enter
check "End then Enter chooses the 300th agent" wait_for "‹ Prénom Zagent$(printf %03d "$MORE_AGENTS") ›" 3
send BTab Space
send -l "agent150"
check "typing filters the choice list" wait_for "Filter: agent150_  (1/301)" 3
send Enter
check "and Enter chooses what the filter kept" wait_for "‹ Prénom Zagent150 ›" 3
send Escape
wait_for "Discard" 2 >/dev/null && send Enter
wait_gone "Find a free slot" 3 >/dev/null

# ---- to fill in ------------------------------------------------------------------
send R
wait_for "To fill in" 3 >/dev/null
COUNT=$(screen | sed -n '1s/.* \([0-9][0-9]*\) appointments.*/\1/p')
send End
check "End reaches the last line to fill in" eval 'wait_status "^$COUNT/$COUNT: " 3'
PERSON=$(status_line | sed 's/^[0-9]*\/[0-9]*: \([^ ]*\) .*/\1/')
send /
send -l "$PERSON"
check "a filter keeps that person's lines" \
    eval 'wait_for "Filter: $PERSON" 3 && ! screen | sed -n "3,20p" | grep "^[?]" | grep -vi "$PERSON" | grep -q .'
send Escape Escape
wait_gone "To fill in" 3 >/dev/null

# ---- people search ------------------------------------------------------------------
send F3
wait_for "Search:" 3 >/dev/null
send -l "mar"
wait_status "found" 3 >/dev/null
send End Enter
check "End then Enter opens the last person found" eval 'wait_for "appointment" 3'
send Escape Escape

check "looking wrote nothing" eval '[ "$(dump)" = "$BEFORE" ]'
send q
finish
