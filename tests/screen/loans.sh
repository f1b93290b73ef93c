#!/usr/bin/env bash
# loans.sh - room loans in the console, tried as a new user would at 80x24:
# L opens the queue of requests; A registers an association; n asks for
# Tuesdays 18:00-20:00 in a gym for the school year, and the form lists the
# skipped holidays before anything is saved; Enter again saves; two
# requests marked with Space are approved at once with a (naming the one
# whose insurance is out of date); one is refused
# with its reason; a clashing request is not approved and stays waiting;
# the association's season (c) shows the skipped dates, and x cancels one
# date; e moves another, then changes the whole series, and the moved and
# cancelled dates stay; the room's week grid shows the cancelled date and, in the autumn
# holidays, the skipped one with its reason, then the day of every room of
# the collège and its week (a row per room); f finds the rooms free on Thursday evenings (as many as
# `guichet room free` says). The real SQLite file is read after each
# write. Then French, monochrome and 120x40.
export GUICHET_NOW="2025-09-08 10:00" # in the school year of the shipped calendar
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/loans.db"
demo_db "$DB" || bail_out "cannot create the demo database"
"$GUICHET" holidays import --db "$DB" "$TEST_ROOT/data/calendrier-scolaire.csv" >/dev/null ||
    bail_out "cannot import the school calendar"
has() { screen | grep -qE -- "$1"; }
status_lacks() { ! status_line | grep -qF -- "$1"; }
q() { sql "$DB" "$1"; }
eq() { [ "$1" = "$2" ] || { echo "# got \"$1\", expected \"$2\""; return 1; }; }
GYM="Rennes - Collège Anne de Bretagne/Gymnase"
GYM_ID=$(q "SELECT r.id FROM room r JOIN site s ON s.id = r.site_id
            WHERE s.name = 'Rennes - Collège Anne de Bretagne' AND r.name = 'Gymnase'")
[ -n "$GYM_ID" ] || bail_out "the demo has no gym in Rennes"
[ "$(q "SELECT COUNT(*) FROM loan_occurrence WHERE room_id = $GYM_ID
        AND starts_at >= '2025-09-09' AND strftime('%w', starts_at) = '2'")" = 0 ] ||
    bail_out "the demo already lends the Rennes gym on Tuesdays"

start_console 80 24 --db "$DB"
wait_for "Monday 8 September 2025" 5 || bail_out "the console did not open"

send L
check "L opens the queue of requests to decide" wait_for "Room loans: requests to decide" 3
check "the queue's own F-key bar" has '2New +3Free room +5Week +10Back'
check "an insurance that runs out before the last date is marked !" has '! unknown'

# ---- register an association ----
send A
wait_for "New association" 3 >/dev/null
send -l "ASC Volley Test"
send Tab
send -l "W691111111"
send Tab Tab
send -l "Mme Martin"
send Tab Tab Tab
send -l "31/08/2026"
send Enter
check "the association is registered" wait_status "Created: ASC Volley Test" 3
check "...in the file, with its RNA number and insurance date" \
    eq "$(q "SELECT rna || ' ' || contact || ' ' || insurance_until FROM association
               WHERE name = 'ASC Volley Test'")" "W691111111 Mme Martin 2026-08-31"
ASSOC=$(q "SELECT id FROM association WHERE name = 'ASC Volley Test'")

# ---- request Tuesdays 18:00-20:00 in the gym for the school year ----
send n
wait_for "New loan request" 3 >/dev/null
send Space
wait_for "Type to filter" 3 >/dev/null
send -l "Bretagne/Gym"
wait_for "(1/" 3 >/dev/null
send Enter
check "the room is chosen in its list" wait_for "‹ $GYM" 3
wait_gone "Type to filter" 3 >/dev/null
send Space # a choice made in a list moves on to the next field: the association
wait_for "Type to filter" 3 >/dev/null
send -l "ASC Volley"
wait_for "(1/" 3 >/dev/null
send Enter
wait_gone "Type to filter" 3 >/dev/null
check "the association is chosen in its list" has "‹ ASC Volley Test ›"
send Tab # from the kind (a weekly series) to the weekdays
send -l "tue"
send Tab
send -l "18:00-20:00"
send Tab Tab Tab Tab
send -l "Entraînement"
send Tab
send -l "30"
send Enter
check "Enter first lists the dates: to the day before the summer holidays" \
    wait_for "34 dates from 08/09/2025 to 03/07/2026." 3
check "...with the skipped school holidays and their dates" \
    has "de la Toussaint 21/10, 28/10;"
check "...and the public holiday on a Tuesday" has "Armistice Day 11/11"
check "nothing is written before the second Enter" \
    eq "$(q "SELECT COUNT(*) FROM loan_request WHERE association_id = $ASSOC")" 0
send Enter
check "Enter again saves the request" wait_status "saved: 34 dates waiting for a decision, 9 skipped" 3
REQ=$(q "SELECT id FROM loan_request WHERE association_id = $ASSOC")
check "...in the file: 34 requested dates in the gym" \
    eq "$(q "SELECT COUNT(*) FROM loan_occurrence o JOIN loan_series s ON s.id = o.series_id
               WHERE s.request_id = ${REQ:-0} AND o.state = 'requested'
                 AND o.room_id = $GYM_ID AND substr(o.starts_at, 12) = '18:00'")" 34
check "...and 9 skipped dates kept as closure exceptions" \
    eq "$(q "SELECT COUNT(*) FROM loan_exception e JOIN loan_series s ON s.id = e.series_id
               WHERE s.request_id = ${REQ:-0} AND e.kind = 'closure'")" 9
check "the queue shows the new request, by first date" \
    has '^  09/09/2025 tue 18:00-20:00 ASC Volley Te'

# ---- batch approval, refusal with a reason, a clash ----
# the waiting request of an association (the demo gives some two requests)
waiting_request() {
    q "SELECT DISTINCT s.request_id FROM loan_occurrence o
       JOIN loan_series s ON s.id = o.series_id JOIN loan_request r ON r.id = s.request_id
       JOIN association a ON a.id = r.association_id
       WHERE a.name = '$1' AND o.state = 'requested'"
}
CHORALE=$(waiting_request "Chorale À Cœur Joie")
THEATRE=$(waiting_request "Théâtre du Préau")
CHESS=$(waiting_request "Club d''échecs du Plateau")
send Home Down Down Space
check "Space marks a request" wait_status "1 request marked" 3
check "...with a * in the list" has '^\* 03/09/2025 wed 14:00-16:00 Chorale'
send Down Space
wait_status "2 requests marked" 3 >/dev/null
send a
check "a approves every marked request" wait_status "2 requests approved" 3
# the chorale's certificate runs out in May, before its last date in July
check "...and names the association whose insurance is out of date" \
    wait_status "Insurance missing or out of date: Chorale À Cœur Joie\." 3
check "...only that one (ASC Volley Test is insured to the end)" \
    status_lacks "ASC Volley"
check "...in the file: no date of either is still waiting, 34 + 36 approved" \
    eq "$(q "SELECT SUM(o.state = 'requested') || ' ' || SUM(o.state = 'approved')
               FROM loan_occurrence o JOIN loan_series s ON s.id = o.series_id
               WHERE s.request_id IN (${CHORALE:-0}, ${REQ:-0})")" "0 70"
check "...and they left the queue" wait_gone "ASC Volley Test" 3
send Home Down r
wait_for "Refuse request ${THEATRE:-?}" 3 >/dev/null
send Enter
check "a refusal needs its reason" wait_for "Required." 3
send -l "Salle en travaux"
send Enter
check "r refuses the request with its reason" wait_status "36 dates refused" 3
check "...in the file: refused, the reason kept, nothing deleted" \
    eq "$(q "SELECT COUNT(*) || ' ' || MIN(o.reason) FROM loan_occurrence o
               JOIN loan_series s ON s.id = o.series_id
               WHERE s.request_id = ${THEATRE:-0} AND o.state = 'refused'")" "36 Salle en travaux"
send Home
BEFORE=$(q "SELECT COUNT(*) FROM loan_occurrence o JOIN loan_series s ON s.id = o.series_id
            WHERE s.request_id = ${CHESS:-0} AND o.state = 'requested'")
send a
check "a clashing request is not approved, and the status line says when" \
    wait_status "Not approved: the room is already lent on 02/09/2025" 3
check "...nothing changed in the file" \
    eq "$(q "SELECT COUNT(*) FROM loan_occurrence o JOIN loan_series s ON s.id = o.series_id
               WHERE s.request_id = ${CHESS:-0} AND o.state = 'requested'")" "$BEFORE"

# ---- the association's season; cancel one date ----
send c
wait_for "Season of which association?" 3 >/dev/null
send -l "ASC Volley"
wait_for "(1/" 3 >/dev/null
send Enter
check "c opens the association's season" wait_for "Season 2025-2026 · ASC Volley Test" 3
check "...34 approved dates, 9 skipped" has "34 approved, 0 waiting, 9 skipped"
check "...the skipped dates with their reason" \
    has '^- Tue 21/10/2025 18:00-20:00 Gymnase.* skipped +Vacances de la'
check "...the cursor on the first date from today" has '^= Tue 09/09/2025'
send x
wait_for "Cancel request ${REQ:-?} on 09/09/2025" 3 >/dev/null
send -l "Gymnase réservé"
send Enter
check "x cancels the date under the cursor" wait_status "1 date cancelled" 3
check "...shown with its mark and reason" has '^x Tue 09/09/2025 .* cancelled +Gymnase réservé'
check "...in the file: a cancelled exception for that date, the occurrence kept" \
    eq "$(q "SELECT e.kind || ' ' || o.state FROM loan_exception e
               JOIN loan_series s ON s.id = e.series_id
               JOIN loan_occurrence o ON o.series_id = s.id AND o.starts_at = '2025-09-09 18:00'
               WHERE s.request_id = ${REQ:-0} AND e.original_day = '2025-09-09'")" \
         "cancelled cancelled"

# ---- move one date; change the whole series: earlier exceptions stay ----
send Down
send e
check "e opens the change form of the date under the cursor" \
    wait_for "Change request ${REQ:-?} from 16/09/2025" 3
check "...this date only first: a new date and time" has 'New date +16/09/2025'
send Tab
send -l "17/09/2025"
send Tab
send -l "19:00-21:00"
send Enter
check "Enter moves the date" wait_status "The date of 16/09/2025 is moved to 17/09/2025\." 3
check "...shown on its new day, still approved (the room is free then)" \
    has '^= Wed 17/09/2025 19:00-21:00'
check "...in the file: a moved exception, the occurrence on its new day" \
    eq "$(q "SELECT e.moved_day || ' ' || o.starts_at || ' ' || o.state FROM loan_exception e
               JOIN loan_series s ON s.id = e.series_id
               JOIN loan_occurrence o ON o.series_id = s.id AND o.original_day = e.original_day
               WHERE s.request_id = ${REQ:-0} AND e.kind = 'moved'")" \
         "2025-09-17 2025-09-17 19:00 approved"
send Home
send e
check "e on the first date, a cancelled one, also changes the series" \
    wait_for "Change request ${REQ:-?} from 09/09/2025" 3
send Left # the scope wraps round to the whole series; the cursor goes on to the time
check "the whole series: its weekdays, rhythm and end, no new date" \
    wait_for "‹ the whole series ›" 3
check "...the series' own values filled in" has 'Until +03/07/2026'
send Tab Tab Tab
send -l "26/06/2026"
send Enter
check "Enter changes the whole series" wait_status "The whole series is changed; exceptions kept\." 3
check "...the moved date stays where it was moved" has '^= Wed 17/09/2025 19:00-21:00'
check "...the cancelled date stays cancelled with its reason" \
    has '^x Tue 09/09/2025 .* cancelled +Gymnase réservé'
check "...in the file: the series ends on 26/06, the 30/06 date cancelled, not deleted" \
    eq "$(q "SELECT MAX(s.last_day) || ' ' || (SELECT o.state FROM loan_occurrence o
               JOIN loan_series t ON t.id = o.series_id WHERE t.request_id = ${REQ:-0}
               AND o.original_day = '2026-06-30') FROM loan_series s
               WHERE s.request_id = ${REQ:-0}")" "2026-06-26 cancelled"
check "...both changes audited" \
    eq "$(q "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit
               WHERE entity = 'loan_request' AND entity_id = ${REQ:-0}
               AND action IN ('move', 'edit') ORDER BY id)")" "move edit"
send Home # back on 09/09 for the week below

# ---- the room's week, the collège's day and week ----
send w
check "w shows the room's week" wait_for "Gymnase · Rennes - Collège Anne de Bretagne" 3
check "...week 37 with the cancelled date marked x" has '18:00 │.*│xASC Vol'
send ']' ']' ']' ']' ']' ']'
check "] moves by a week: the autumn holidays" wait_for "week 43, 20/10/2025-26/10/2025" 3
check "...the skipped Tuesday shows its reason in the grid" has '18:00 │.*│-Vacance'
check "...and under it" has 'Skipped: .*21/10 Vacances de la Toussaint'
press S
check "S: this room in the structure screen (capacity, equipment, blackouts)" \
    eval 'wait_status "^Rooms [1-9]/[0-9]+: Rennes - Collège Anne de Bretagne" 3 &&
          has "Gymnase +gymnase +60"'
press Escape
check "...Esc: back to the room's week" wait_for "week 43, 20/10/2025-26/10/2025" 3
send d
check "d: every room of the collège on that day" wait_for "Rennes - Collège Anne de Bretagne · " 3
check "...one column per room with its capacity" has 'Gymnase \(60\).*Salle'
send s
check "s: the week of every room of the collège" \
    wait_for "Rennes - Collège Anne de Bretagne · every room" 3
check "...a row per room, the holiday week's loans skipped (-)" \
    has '^Gymnase \(60\) +│-18:00'
check "...every room of the collège listed" has '^Salle polyvalen'
send ']'
wait_for "week 44, 27/10/2025-02/11/2025" 3 >/dev/null
send ']'
check "] moves the site's week on: after the holidays" wait_for "week 45, 03/11/2025-09/11/2025" 3
check "...Monday's basket and Tuesday's volley approved (=) in the gym's row" \
    has '^Gymnase \(60\) +│=18:00.*│=18:00'
check "...the cell under the cursor in words" \
    has 'Tue 04/11/2025 18:00-20:00 ASC Volley Test: approved'
send s
check "s again: every room on the cursor's day" wait_for "Bretagne · Tue 04/11/2025" 3
send Escape
wait_gone "Rennes - Collège Anne de Bretagne · " 3 >/dev/null
send Escape
wait_for "Room loans: requests to decide" 3 >/dev/null

# ---- free rooms on Thursday evenings ----
send f
wait_for "Find a free room" 3 >/dev/null
send Tab Tab Space
wait_for "Type to filter" 3 >/dev/null
send -l "thu"
wait_for "(1/" 3 >/dev/null
send Enter
check "the finder asks the weekday" wait_for "‹ Thursday ›" 3
send Enter
FREE=$("$GUICHET" room free --db "$DB" --weekday thu --time 18:00-20:00 --from 2025-09-08 \
    --to 2026-08-31 | grep -c "free on all")
check "f lists as many rooms free on every Thursday as guichet room free" \
    wait_for "$FREE rooms free on every date" 3
check "...the free ones first" has '│ free on all [0-9]+ dates · '
send Escape
wait_gone "free on every date" 3 >/dev/null

send F1
check "F1: the queue's help comes from its key table" wait_for "Register an association" 3
send Escape
wait_gone "Register an association" 3 >/dev/null
send Escape
check "Esc goes back to the day view" wait_for "Monday 8 September 2025" 3
send F9
check "the F9 menu offers the room loans" wait_for "Room loans in collèges" 3
send Escape
wait_gone "Room loans in collèges" 3 >/dev/null
send q
wait_for "exit=0" 5 >/dev/null

# ---- French, monochrome, wider ----
CONSOLE_ENV="LANG=fr_FR.UTF-8 NO_COLOR=1" start_console 120 40 --db "$DB"
wait_for "lundi 8 septembre 2025" 5 || bail_out "the console did not open in French"
send L
check "in French: the queue's title" wait_for "Prêts de salles" 3
check "in French: the queue's weekdays (mar, mer, sam...)" has ' (lun|mar|mer|jeu|ven|sam|dim) [0-9]{2}:[0-9]{2}'
check "...none left in English" bash -c '! grep -qE " (mon|tue|wed|thu|fri|sat|sun)[ ,]" <<<"$1"' _ "$(screen)"
send c
wait_for "(7" 3 >/dev/null
send -l "ASC Volley"
wait_for "(1/" 3 >/dev/null
send Enter
check "in French: the season, the holidays named as the ministry writes them" \
    wait_for "Vacances de la Toussaint" 3
check "...and the public holiday translated" has "11/11/2025 .*Armistice|11 novembre"
send w
wait_for "Gymnase · Rennes" 3 >/dev/null
check "monochrome: the states are marks, not colours" has '│xASC Volley'
send q
wait_for "exit=0" 5 >/dev/null

finish
