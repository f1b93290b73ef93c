#!/usr/bin/env bash
# summary.sh - the supervisors' summary screen, as a supervisor uses it: B
# (or the F9 menu) opens the summary of the day shown, with the same
# figures as `guichet report` (the hand-computed fixture of
# tests/commands/report.sh), bars in block characters (ASCII with
# --ascii), its own F-key bar and help; s switches between the site and
# every site, ] and [ move by a day, w shows the week then the month, the
# pane scrolls, Esc goes back to the day view; at 80x24 and larger. On a
# tall terminal the whole summary of every site at once: alerts and their
# outcomes, room loans (occupancy with block bars, requests waiting,
# insurance certificates), the next day's riskiest appointments and
# reminders, with the same figures as the command.
export GUICHET_NOW="2026-11-25 18:00"
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

FIXTURE_TOOL="$GUICHET_BUILD_DIR/tools/report_fixture"
[ -x "$FIXTURE_TOOL" ] || bail_out "$FIXTURE_TOOL is missing (make tests)"
DB="$TEST_TMP/summary.db"
"$FIXTURE_TOOL" "$DB" || bail_out "cannot write the fixture"
has() { screen | grep -qE -- "$1"; }

start_console 80 24 --db "$DB" --site "MDS Centre"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

send B
check "B opens the summary of the day shown, for the site shown" \
    wait_for "Summary · 25/11/2026" 3
check "the pane names the site" has 'Summary · 25/11/2026 +MDS Centre *$'
check "the site's figures, as guichet report counts them" \
    has '^  MDS Centre +10 +4 +1 +1 +1 +2 +1'
check "the services of the site (one PMI appointment here)" \
    has '^  PMI�\[31m� +1 +1 +0'
check "status shares drawn with block characters" has '^  Accueil social +█+▓+▒+░+▖+·+ *$'
check "its own F-key bar" has '5Period +6Sites +7Today +10Back'
check "the status line says how to move" wait_status "previous/next day" 2

send s
check "s: every site" wait_for "every site" 2
check "every site's total: 14 booked, 6 seen, 3 no-show (80 columns: the rate is to the right)" \
    has '^  All +14 +6 +3 +1 +1 +2 *$'
send Right Right Right Right
check "Right scrolls the wide tables: the rate column" has '^ 6 +3 +1 +1 +2 +1 +33\.3 % *$'
send Left Left Left Left
send End
check "End: the bottom, with the 8 weeks of no-show rates as bars" \
    wait_for "No-show rate, last 8 weeks" 2
check "a week at 40 % is a bar of 8 blocks" has '^  23/11/2026 +6 +4 +40\.0 % +████████ *$'
check "and above it the next day's riskiest appointments and reminders" \
    has '^  Riskiest appointments already alerted *$'
send PPage
check "PgUp: the next day's appointments" wait_for "  2 appointments" 2
send Home

send ']'
check "] shows the next day" wait_for "Summary · 26/11/2026" 2
check "with its figures (3 booked, 2 to come, 1 revoked)" has '^  All +3 +0 +0 +0 +1 +0 +2'
send '['
check "[ comes back" wait_for "Summary · 25/11/2026" 2
send w
check "w: the week" wait_for "Summary · week 23/11/2026-29/11/2026" 2
check "the week's total includes the other days" has '^  All +18 +6 +4 +1 +2 +2 +3'
send w
check "w again: the month" wait_for "Summary · month 01/11/2026-30/11/2026" 2
send w
wait_for "Summary · 25/11/2026" 2 >/dev/null

send F1
check "F1: the help comes from the summary's key table" wait_for "This site or every site" 3
send Escape
wait_gone "This site or every site" 3 >/dev/null
send Escape
check "Esc goes back to the day view" wait_gone "Summary ·" 3
check "on the day it was on" wait_for "Wednesday 25 November 2026" 2

send F9
check "the F9 menu offers the summary" wait_for "summary (\"bilan\")" 3
press Escape
wait_gone "summary (\"bilan\")" 2 >/dev/null
send q
wait_for "exit=0" 5 >/dev/null

start_console 120 40 --db "$DB" --site "MDS Centre" --ascii
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open (--ascii)"
send B
wait_for "Summary" 3 >/dev/null
check "at 120x40 the widest table fits" has '^  MDS Centre +10 +4 +1 +1 +1 +2 +1 +20\.0 %'
check "--ascii: bars in ASCII" has '^  Accueil social +#+X+=+-+\++\.+ *$'
check "--ascii: no block character" eval '! screen | grep -q "[█▓▒░]"'
send q
check "q closes the summary" wait_gone "Summary ·" 3
send q
check "the console ends normally" wait_for "exit=0" 5

start_console 200 150 --db "$DB" --site "MDS Centre"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open (200x150)"
send B
wait_for "Summary · 25/11/2026" 3 >/dev/null
send s
check "200x150, every site: the whole summary at once" wait_for "No-show rate, last 8 weeks" 3
check "alerts: what became of the flagged appointments" \
    has '^  Flagged +5 +1 +2 +1 +1 +66\.7 % *$'
check "alerts: those called" has '^  Called +2 +1 +1 +0 +0 +50\.0 % *$'
check "room loans: a room's occupancy with a bar of block characters" \
    has '^  Collège Jean Moulin +Gymnase +3\.5 +8\.0 +43\.8 % +████████▊ *$'
check "room loans: the collège's rooms together" \
    has '^  Collège Jean Moulin +All rooms +3\.5 +16\.0 +21\.9 % +████▍ *$'
check "requests waiting, the oldest first with its age" \
    has '^ +3 +Échecs +Salle 12 +Collège Jean Moulin +15/10/2026 +41 +2 *$'
check "insurance certificates ending soon or missing" has '^  =Chorale +none on file +- +1 *$'
check "the next day's riskiest appointment" has '^ +15 +09:00 +MDS Centre +Premier accueil +71 % +no +no *$'
check "the next day's reminders" has '^  E-mail +1 +0 +0 +0 *$'
send s
check "s: the site alone" wait_gone "every site" 2
check "the site alone has no room" eval '! screen | grep -q "Room loans"'
check "its flagged appointments only" has '^  Flagged +3 +0 +1 +1 +1 +100\.0 % *$'
send q
wait_gone "Summary ·" 3 >/dev/null
send q
check "the console ends normally (200x150)" wait_for "exit=0" 5
finish
