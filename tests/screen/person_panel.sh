#!/usr/bin/env bash
# person_panel.sh - a person's panel is the shared list widget: its columns
# follow the terminal's width (at 120 columns the agent's site and a
# cancel reason show, two spaces apart; at 80 the site goes and the status
# word stays whole, the reason left to the details; narrower, the site
# goes before anything is cut), and the list keys
# (End, Home) move its cursor, read back through the details dialog (Enter).
# The person with the most appointments that has a cancelled one, on the
# demo file, more appointments than the screen has rows.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

read -r P_ID P_LAST P_FIRST < <(sql "$DB" "SELECT b.id, b.last_name, b.first_name
    FROM beneficiary b JOIN appointment a ON a.beneficiary_id = b.id
    WHERE b.last_name NOT LIKE '% %' AND b.first_name NOT LIKE '% %'
    GROUP BY b.id HAVING sum(a.status IN ('excused', 'revoked')) > 0 AND count(*) > 24
    ORDER BY count(*) DESC, b.id LIMIT 1" | tr '|' ' ')
[ -n "$P_ID" ] || bail_out "the demo data has nobody with over 24 appointments and a cancelled one"
REASON="Rendez-vous médical à la même heure"
CANCELLED=$(sql "$DB" "SELECT id FROM appointment WHERE beneficiary_id = $P_ID
    AND status IN ('excused', 'revoked') ORDER BY starts_at DESC LIMIT 1")
sql "$DB" "UPDATE appointment SET cancel_reason = '$REASON' WHERE id = $CANCELLED"
C_WHEN=$(sql "$DB" "SELECT strftime('%d/%m/%Y %H:%M', starts_at) FROM appointment WHERE id = $CANCELLED")
C_WORD=$(sql "$DB" "SELECT status FROM appointment WHERE id = $CANCELLED")
long_date() { LC_ALL=C date -d "$1" "+%A %-d %B %Y"; }
NEWEST=$(long_date "$(sql "$DB" "SELECT date(max(starts_at)) FROM appointment WHERE beneficiary_id = $P_ID")")
OLDEST=$(long_date "$(sql "$DB" "SELECT date(min(starts_at)) FROM appointment WHERE beneficiary_id = $P_ID")")

start_console 120 30 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"
press F3
wait_status "found" 2 >/dev/null
type_text "$P_LAST $P_FIRST"
wait_for "${P_LAST^^} $P_FIRST" 2 >/dev/null
press Enter
check "the panel opens" wait_for "${P_LAST^^} $P_FIRST  " 2
header() { screen | grep -m1 "^ When"; }
check "120 columns: the site has a column, all columns two spaces apart" \
    eval 'header | grep -qE "^ When +  Motif +  Agent +  Site +  Status"'
check "120 columns: the cancel reason follows the status word ($C_WHEN)" \
    eval 'screen | grep -F "$C_WHEN" | grep -qF "$C_WORD: $REASON"'

press End
press Enter
check "End then Enter: the details of the oldest appointment ($OLDEST)" wait_for "$OLDEST" 2
press Escape
press Home
press Enter
check "Home then Enter: the details of the newest ($NEWEST)" wait_for "$NEWEST" 2
press Escape

tmx resize-window -t "$SESSION" -x 80 -y 24
check "80 columns: single spaces between columns" \
    eval 'wait_for "${P_LAST^^}" 3 && header | grep -qE "^ When {13}Motif"'
check "80 columns: the status word alone, whole, the reason left to the details" \
    eval 'screen | grep -F "$C_WHEN" | grep -qE "$C_WORD\$" && ! screen | sed -n "5,22p" | grep -qF "…"'
tmx resize-window -t "$SESSION" -x 66 -y 24
check "66 columns: the site gives way first, the date, motif and status stay whole" \
    eval 'wait_gone "Site" 3 && ! screen | sed -n "5,22p" | grep -F "$C_WHEN" | grep -qF "…" &&
          screen | grep -F "$C_WHEN" | grep -qE "$C_WORD\$"'
press Escape
press Escape
send q
check "q quits" wait_for "exit=0" 3
finish
