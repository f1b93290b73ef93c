#!/usr/bin/env bash
# structure.sh - the structure screens (S), tried as a new user setting up
# a new service: a site, a service, an agent working at the site shown,
# a motif, the agent's opening hours for that motif, a one-off absence
# and a weekly one; bad input refused in the form with nothing written;
# an edit and a deletion. Each step is checked in the database, and the
# day and week views show the new agent's hours and absence.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
q() { sql "$DB" "$1"; }
dump() { sqlite3 -batch "$DB" .dump | md5sum; }

start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

send S
check "S opens the structure screens on the sites" \
    eval 'wait_for "Structure" 3 && wait_for "Time zone" 1 && wait_for "MDS Centre" 1'

# ---- a site -------------------------------------------------------------------
send F2
wait_for "New site" 2 >/dev/null
BEFORE=$(dump)
send F2
check "an empty name is refused in the form" wait_for "Required." 2
check "and nothing is written" eval '[ "$(dump)" = "$BEFORE" ]'
send -l "Collège Jean Moulin"
send Tab Right # a choice changes with Right, and the cursor goes on
send -l "2 rue des Écoles"
send Tab Tab Tab Tab # time zone, public holidays, UAI, académie (a collège's)
send -l "Lyon"
send Enter
check "a new site is created" wait_status "Created: site Collège Jean Moulin" 3
check "as a collège, with its address" \
    eval '[ "$(q "SELECT kind || '"'|'"' || address FROM site WHERE name = '"'Collège Jean Moulin'"'")" = "college|2 rue des Écoles" ]'
check "with its académie and the holiday zone it gives" \
    eval '[ "$(q "SELECT academie || '"'|'"' || school_zone FROM college JOIN site ON site.id = college.site_id WHERE name = '"'Collège Jean Moulin'"'")" = "Lyon|Zone A" ]'
check "and listed" wait_for "Collège Jean Moulin" 1

# ---- a service ------------------------------------------------------------------
send Right
wait_for "Services" 1 >/dev/null
send F2
wait_for "New service" 2 >/dev/null
send -l "Espace jeunes"
send Enter
check "a new service is created" wait_status "Created: service Espace jeunes" 3
SERVICE=$(q "SELECT id FROM service WHERE name = 'Espace jeunes'")

# ---- an agent -----------------------------------------------------------------
send Right
wait_for "Login" 2 >/dev/null
send F2
check "the agent form offers the sites, the one shown already ticked" \
    eval 'wait_for "New agent" 2 && screen | grep -q "Works at MDS Centre *\[x\]"'
send -l "Zeller"
send Tab
send -l "Camille"
send Tab
send -l "czeller"
send Tab Space
wait_for "Type to filter" 2 >/dev/null
send -l "espace"
send Enter
check "Space lists the services, typing filters, Enter chooses" wait_for "Espace jeunes" 1
send F2
check "a new agent is created" wait_status "Created: agent Camille Zeller" 3
AGENT=$(q "SELECT id FROM agent WHERE login = 'czeller'")
check "in that service, working at the site shown" \
    eval '[ "$(q "SELECT service_id FROM agent WHERE id = $AGENT")" = "$SERVICE" ] &&
          [ "$(q "SELECT count(*) FROM agent_site a JOIN site s ON s.id = a.site_id
                  WHERE a.agent_id = $AGENT AND s.name = '"'MDS Centre'"'")" = 1 ]'
check "and listed with capitals, as in the day view" wait_for "ZELLER Camille" 1

# ---- a motif: a bad colour first ----------------------------------------------------
send Right
wait_for "Location" 2 >/dev/null
send F2
wait_for "New motif" 2 >/dev/null
send -l "Atelier CV"
send Tab Space
wait_for "Type to filter" 2 >/dev/null
send -l "espace"
send Enter
send C-u
send -l "60"
send Tab C-u
send -l "rouge"
BEFORE=$(dump)
send Enter
check "a bad colour is refused with storage's words in the form" wait_for "colour (#rrggbb)" 3
check "and nothing is written" eval '[ "$(dump)" = "$BEFORE" ]'
send C-u
send -l "#2a9d8f"
send Enter
check "the motif is created" wait_status "Created: motif Atelier CV" 3
MOTIF=$(q "SELECT id FROM motif WHERE name = 'Atelier CV'")
check "with its service, length and colour" \
    eval '[ "$(q "SELECT service_id || '"'|'"' || duration_minutes || '"'|'"' || colour FROM motif WHERE id = $MOTIF")" = "$SERVICE|60|#2a9d8f" ]'

# ---- opening hours for that motif ------------------------------------------------------
send Right
wait_for "Rhythm" 2 >/dev/null
send BTab
check "Shift-Tab chooses the agent (the last one by name: the new one)" \
    wait_for "Agent: Camille Zeller" 2
check "who has no opening hours yet" wait_for "Nothing here yet" 1
send F2
wait_for "New opening hours" 2 >/dev/null
send Tab Space
wait_for "Type to filter" 2 >/dev/null
send -l "wed"
send Enter
send C-u
send -l "09:00"
send Tab C-u
send -l "08:00"
BEFORE=$(dump)
send F2
check "an end before the start is refused in the form" \
    wait_for "The end must be after the start." 3
check "and nothing is written" eval '[ "$(dump)" = "$BEFORE" ]'
send C-u
send -l "12:30"
# The motifs are last: Shift-Tab from the first field reaches the last box
# (the new motif, of the newest service).
send BTab BTab BTab BTab
send Space
check "the new motif's box is ticked" wait_for "For Atelier CV" 1
send F2
check "opening hours are created" wait_status "Created: opening hours Wednesday 09:00-12:30" 3
check "in the database, for that motif only" \
    eval '[ "$(q "SELECT o.weekday || '"'|'"' || o.start_minute || '"'|'"' || o.end_minute || '"'|'"' || m.motif_id
                  FROM opening_hours o JOIN opening_hours_motif m ON m.opening_id = o.id
                  WHERE o.agent_id = $AGENT")" = "3|540|750|$MOTIF" ]'
check "and listed" wait_for "Atelier CV" 1

# ---- absences ------------------------------------------------------------------------
send Right
wait_for "Reason" 2 >/dev/null
send F2
wait_for "New absence" 2 >/dev/null
send Tab Tab
send -l "11:00"
send Tab Tab
send -l "12:00"
send Tab C-u
send -l "Réunion"
send Enter
check "a one-off absence is created" wait_status "Created: absence" 3
check "in the database, from 11:00 to 12:00 today" \
    eval '[ "$(q "SELECT starts_at || '"'|'"' || ends_at || '"'|'"' || reason FROM absence WHERE agent_id = $AGENT")" = "2026-11-25 11:00|2026-11-25 12:00|Réunion" ]'
send F2
wait_for "New absence" 2 >/dev/null
send Right
check "the weekly kind shows the weekly fields" wait_for "Every N weeks" 2
send Space
wait_for "Type to filter" 2 >/dev/null
send -l "fri"
send Enter
send Tab Tab C-u
send -l "2"
send Tab Tab Tab C-u
send -l "Équipe"
send Enter
check "a weekly absence is created" wait_status "Created: absence Friday" 3
check "every other Friday afternoon" \
    eval '[ "$(q "SELECT weekday || '"'|'"' || start_minute || '"'|'"' || end_minute || '"'|'"' || every_weeks
                  FROM absence WHERE agent_id = $AGENT AND kind = '"'weekly'"'")" = "5|840|1020|2" ]'
check "both are listed" eval 'wait_for "Réunion" 1 && wait_for "every 2 weeks" 1'

# Edit the first one: its reason.
send Home Enter
wait_for "Edit the absence" 2 >/dev/null
check "the form shows the absence as saved" wait_for "11:00" 1
send BTab C-u
send -l "Réunion d'équipe"
send Enter
check "the edit is saved" \
    eval 'wait_status "Saved: absence" 3 &&
          [ "$(q "SELECT reason || '"'|'"' || version FROM absence WHERE agent_id = $AGENT AND kind = '"'one-off'"'")" = "Réunion d'"'"'équipe|2" ]'

# Delete the weekly one: asked first.
send End F8
check "F8 asks before deleting" wait_for "Yes, delete it" 2
send Escape
check "Esc keeps it" eval 'wait_gone "Yes, delete it" 2 && [ "$(q "SELECT count(*) FROM absence WHERE agent_id = $AGENT")" = 2 ]'
send F8
wait_for "Yes, delete it" 2 >/dev/null
send Down Enter
check "Yes deletes it" \
    eval 'wait_status "Deleted: absence" 3 && [ "$(q "SELECT count(*) FROM absence WHERE agent_id = $AGENT")" = 1 ]'

# ---- what the views show ----------------------------------------------------------------
send Escape
wait_for "Wednesday 25 November 2026" 2 >/dev/null
for _ in $(seq 1 8); do send Right; done
check "the day view has a column for the new agent" wait_for "Camille ZELLER" 2
send t
check "who is open this morning" wait_status "free$" 2
send F5
check "the week view of the new agent" wait_for "Week 48 · 23/11/2026 - 29/11/2026 · Camille Zeller" 2
check "shows the absence in words" wait_for "absent" 1

send Escape
send q
check "q quits" wait_for "exit=0" 3
finish
