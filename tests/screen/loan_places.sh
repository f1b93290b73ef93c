#!/usr/bin/env bash
# loan_places.sh - what room loans need, set up from the console at 80x24 as
# a new user would: from the queue of requests (L), S opens the structure
# screen on the collèges' rooms; a new room with its equipment (a capacity
# that is not a number and equipment without a quantity refused beside
# their fields, nothing written), then its capacity changed; a site
# closure (an end before the start refused) and a room blackout, the
# blackout's reason changed, the closure deleted; lending hours (a bad
# range and an overlapping one refused, nothing written), one moved; a
# collège's UAI (a bad one refused) and a new collège placed by its
# académie (an unknown one refused). Each step is read back in the real
# file with its audit row; Esc goes back to the queue.
export GUICHET_NOW="2025-09-08 10:00"
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/places.db"
demo_db "$DB" || bail_out "cannot create the demo database"
q() { sql "$DB" "$1"; }
dump() { sqlite3 -batch "$DB" .dump | md5sum; }
eq() { [ "$1" = "$2" ] || { echo "# got \"$1\", expected \"$2\""; return 1; }; }
RENNES=$(q "SELECT id FROM site WHERE name = 'Rennes - Collège Anne de Bretagne'")
[ -n "$RENNES" ] || bail_out "the demo has no collège in Rennes"

start_console 80 24 --db "$DB"
wait_for "Monday 8 September 2025" 5 || bail_out "the console did not open"
press L
wait_for "Room loans: requests to decide" 3 || bail_out "L did not open the queue"
# The first request of the queue (by first date waiting): its room's site.
FIRST_SITE=$(q "SELECT si.name FROM loan_occurrence o JOIN room r ON r.id = o.room_id
    JOIN site si ON si.id = r.site_id WHERE o.state = 'requested'
    ORDER BY substr(o.starts_at, 1, 10), (SELECT request_id FROM loan_series WHERE id = o.series_id)
    LIMIT 1")
press S
check "S in the queue opens the structure screen on the room of the request under the cursor" \
    eval 'wait_status "^Rooms [1-9]/9: $FIRST_SITE" 3 && wait_for "Places" 1'
press Home
check "Home: the first room" wait_for "Rooms 1/9: Rennes - Collège Anne de Bretagne" 3
check "...each room with its capacity and equipment" \
    eval 'screen | grep -qE "Rennes - Collège Anne de… +Gymnase +gymnase +60 tapis=24"'

# ---- a room ---------------------------------------------------------------------
press F2
wait_for "New room" 3 >/dev/null
BEFORE=$(dump)
press Tab # the collège: the first one, Rennes
type_text "Salle Test"
press Tab
type_text "salle de classe"
press Tab
type_text "douze"
check "a capacity that is not a number: the letters are refused, saying so" \
    wait_for "Digits only." 2
type_text "0"
press Tab
type_text "tables=12, chaises=beaucoup"
press Enter
check "a capacity of 0 is refused beside its field" wait_for "A whole number from 1 to 100000." 2
check "...and nothing is written" eq "$(dump)" "$BEFORE"
press C-u # the cursor is on the field in error
type_text "30"
press Enter
check "equipment without a number is refused, naming the piece" \
    wait_for 'Not name=number: "chaises=beaucoup".' 2
check "...and nothing is written" eq "$(dump)" "$BEFORE"
press C-u
type_text "tables=12, chaises=30"
press Tab
type_text "plain-pied"
press Enter
check "the room is created" wait_status "Created: room Salle Test" 3
ROOM=$(q "SELECT id FROM room WHERE name = 'Salle Test' AND site_id = $RENNES")
check "...in the collège, with its kind, capacity and accessibility" \
    eq "$(q "SELECT kind || '|' || capacity || '|' || accessibility FROM room WHERE id = ${ROOM:-0}")" \
    "salle de classe|30|plain-pied"
check "...and its equipment" eq "$(q "SELECT group_concat(name || '=' || quantity, ',') FROM
    (SELECT * FROM room_equipment WHERE room_id = ${ROOM:-0} ORDER BY name)")" "chaises=30,tables=12"
check "...audited" eq "$(q "SELECT COUNT(*) FROM audit WHERE entity = 'room' AND
    entity_id = ${ROOM:-0} AND action = 'create'")" 1
check "...and listed" wait_for "Salle Test" 2

press /
type_text "Salle Test"
press Enter
press Enter
wait_for "Edit the room" 3 >/dev/null
press Tab Tab Tab
type_text "35"
press Enter
check "the room's capacity is changed" wait_status "Saved: room Salle Test" 3
check "...in the file, version and audit" eq "$(q "SELECT capacity || '|' || version FROM room
    WHERE id = ${ROOM:-0}")|$(q "SELECT COUNT(*) FROM audit WHERE entity = 'room' AND
    entity_id = ${ROOM:-0} AND action = 'edit' AND detail LIKE '%capacity: 30 -> 35%'")" "35|2|1"
press Escape # the filter

# ---- closures and blackouts -------------------------------------------------------
press Right
check "Right: the closures, none yet" \
    eval 'wait_for "Closures" 2 && wait_for "Nothing here yet" 2'
press F2
wait_for "New closure" 3 >/dev/null
check "a closure is for a whole collège or one room" \
    eval 'screen | grep -q "All rooms · Rennes - Collège Anne de"'
BEFORE=$(dump)
press Tab
type_text "20/10/2025"
press Tab
type_text "17/10/2025"
press Tab
type_text "Travaux"
press Enter
check "an end before the start is refused beside the last day" \
    wait_for "The last date must not be before the first." 2
check "...and nothing is written" eq "$(dump)" "$BEFORE"
press C-u # the cursor is on the field in error
type_text "31/10/2025"
press Enter
check "the closure is created" wait_status "Created: closure 2025-10-20" 3
check "...in the file for the whole collège" eq "$(q "SELECT first_day || '|' || last_day || '|' ||
    reason FROM site_closure WHERE site_id = $RENNES")" "2025-10-20|2025-10-31|Travaux"
check "...audited on the site" eq "$(q "SELECT COUNT(*) FROM audit WHERE entity = 'site' AND
    entity_id = $RENNES AND action = 'closure'")" 1
check "...and listed with its days" \
    eval 'wait_for "20/10/2025-31/10/2025" 2 && screen | grep -q "(every room)"'

press F2
wait_for "New closure" 3 >/dev/null
press Right # the next choice: the first room of that collège
check "Right chooses one room" eval 'screen | grep -q "Gymnase · Rennes - Collège Anne de Bretagne"'
type_text "05/11/2025"
press Tab Tab
type_text "UNSS"
press Enter
check "a room blackout is created" wait_status "Created: blackout 2025-11-05" 3
GYM=$(q "SELECT id FROM room WHERE name = 'Gymnase' AND site_id = $RENNES")
check "...for that room, one day" eq "$(q "SELECT first_day || '|' || last_day || '|' || reason
    FROM room_blackout WHERE room_id = ${GYM:-0}")" "2025-11-05|2025-11-05|UNSS"
press End
press Enter
wait_for "Edit the closure" 3 >/dev/null
check "editing it shows where it applies" eval 'screen | grep -q "Where .*Gymnase"'
press Tab Tab
type_text "Compétition UNSS"
press Enter
check "the blackout's reason is changed" wait_status "Saved: blackout 2025-11-05" 3
check "...in the file, audited" eq "$(q "SELECT reason FROM room_blackout WHERE room_id = ${GYM:-0}
    ")|$(q "SELECT COUNT(*) FROM audit WHERE action = 'blackout changed' AND entity_id = ${GYM:-0}")" \
    "Compétition UNSS|1"
press Home
press F8
wait_for "Delete closure" 3 >/dev/null
press Down Enter
check "F8 deletes the closure after asking" wait_status "Deleted: closure" 3
check "...gone from the file, the blackout kept" eq "$(q "SELECT COUNT(*) FROM site_closure
    ")|$(q "SELECT COUNT(*) FROM room_blackout")|$(q "SELECT COUNT(*) FROM audit WHERE
    action = 'closure removed'")" "0|1|1"

# ---- lending hours ----------------------------------------------------------------
press Right
wait_for "Lending hours 1/18" 3 >/dev/null
check "Right: the lending hours of every collège" \
    eval 'screen | grep -qE "Rennes - Collège Anne de Bretagne +Monday +12:00-22:00"'
press F2
wait_for "New lending hours" 3 >/dev/null
BEFORE=$(dump)
press Tab Tab # the collège (Rennes), the day (Monday)
type_text "23:00-22:00"
press Enter
check "a range that ends before it starts is refused beside its field" \
    wait_for "A time range like 18:00-20:00." 2
press C-u
type_text "11:00-13:00"
press Enter
check "a range overlapping the day's hours is refused, naming them" \
    eval 'wait_for "already set for that day" 2 && screen | grep -q "12:00-22:00, already"'
check "...and nothing is written" eq "$(dump)" "$BEFORE"
press C-u
type_text "08:00-10:00"
press Enter
check "lending hours are added" wait_status "Created: lending hours Monday 08:00-10:00" 3
check "...in the file" eq "$(q "SELECT COUNT(*) FROM college_hours WHERE site_id = $RENNES AND
    weekday = 1 AND start_minute = 480 AND end_minute = 600")" 1
press Home
press Enter
wait_for "Edit the lending hours" 3 >/dev/null
press Tab # from the day (the collège stays) to the hours
type_text "09:00-11:00"
press Enter
check "a range is moved" wait_status "Saved: lending hours Monday 09:00-11:00" 3
check "...in one write: the old range gone, the new one there, audited" \
    eq "$(q "SELECT group_concat(start_minute || '-' || end_minute) FROM (SELECT * FROM
    college_hours WHERE site_id = $RENNES AND weekday = 1 ORDER BY start_minute)")|$(q "SELECT
    COUNT(*) FROM audit WHERE action = 'hours changed' AND entity_id = $RENNES")" "540-660,720-1320|1"

# ---- a collège's school details -----------------------------------------------------
press Right
wait_for "Sites 1/" 3 >/dev/null
press /
type_text "Rennes"
press Enter
press Enter
wait_for "Edit the site" 3 >/dev/null
check "the site form shows the collège's UAI and académie" \
    eval 'screen | grep -q "UAI .*0359902B" && screen | grep -q "Académie .*Rennes"'
BEFORE=$(dump)
press Tab Tab Tab Tab Tab
type_text "12AB"
press Enter
check "a bad UAI is refused beside its field" wait_for "7 digits and a letter, like 0691234A." 2
check "...and nothing is written" eq "$(dump)" "$BEFORE"
press C-u
type_text "0351234x"
press Enter
check "a UAI is changed" wait_status "Saved: site Rennes - Collège Anne de Bretagne" 3
check "...in the file (upper case), audited" eq "$(q "SELECT uai FROM college WHERE site_id = $RENNES
    ")|$(q "SELECT COUNT(*) FROM audit WHERE entity = 'site' AND entity_id = $RENNES AND
    action = 'edit' AND detail LIKE '%UAI: 0359902B -> 0351234X%'")" "0351234X|1"
press Escape

press F2
wait_for "New site" 3 >/dev/null
BEFORE=$(dump)
type_text "Collège Test Neuf"
press Tab Right # the kind: collège; the cursor goes on to the address
press Tab Tab Tab Tab # time zone, holidays, UAI, académie
type_text "Atlantis"
press Enter
check "an unknown académie is refused beside its field" \
    wait_for "Unknown académie: choose its zone." 2
check "...and nothing is written" eq "$(dump)" "$BEFORE"
press C-u
type_text "Bordeaux"
press Enter
check "a new collège is created" wait_status "Created: site Collège Test Neuf" 3
check "...with its académie and zone" eq "$(q "SELECT s.kind || '|' || c.academie || '|' ||
    c.school_zone FROM site s JOIN college c ON c.site_id = s.id
    WHERE s.name = 'Collège Test Neuf'")" "college|Bordeaux|Zone A"

press Escape
check "Esc goes back to the queue" wait_for "Room loans: requests to decide" 3
press q
wait_for "Monday 8 September 2025" 3 >/dev/null
press q
wait_for "exit=0" 5 >/dev/null
finish
