#!/usr/bin/env bash
# tofill.sh - "fill in a past outcome", tried as a new user would: R (or
# the F9 menu) lists the past appointments still unknown, oldest first;
# Tab puts the newest first; one key per outcome: v seen, n no-show,
# e excused and r revoked (both ask for a reason); each writes exactly
# that appointment, with an audit row, and the list shrinks by one. On a
# read-only file the list still opens and every outcome is refused.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
NOW=$GUICHET_NOW
SITE=$(first_site_id "$DB")
FILL_WHERE="site_id = $SITE AND status = 'unknown' AND starts_at < '$NOW'"
count_to_fill() { sql "$DB" "SELECT count(*) FROM appointment WHERE $FILL_WHERE"; }
TOTAL=$(count_to_fill)
[ "$TOTAL" -ge 6 ] || bail_out "the demo has only $TOTAL appointments to fill in"
# id|Last of the n-th oldest / newest still to fill in.
nth() { # ORDER N
    sql "$DB" "SELECT a.id || '|' || b.last_name FROM appointment a
               JOIN beneficiary b ON b.id = a.beneficiary_id
               WHERE a.$FILL_WHERE ORDER BY a.starts_at $1, a.id $1 LIMIT 1 OFFSET $2"
}
OLDEST=$(nth ASC 0)
NEWEST=$(nth DESC 0)
status_of() { sql "$DB" "SELECT status || '|' || cancel_reason FROM appointment WHERE id = $1"; }
audit_of() { sql "$DB" "SELECT action FROM audit WHERE entity = 'appointment' AND entity_id = $1
                        ORDER BY id DESC LIMIT 1"; }
upper_name() { local n=${1#*|}; n=${n^^}; printf '%s' "${n:0:12}"; }

start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

send F9
check "F9 opens the menu, which offers the list to fill in" wait_for "still to fill in" 2
send Escape
wait_gone "still to fill in" 2 >/dev/null

send R
check "R opens the list with its total" wait_for "$TOTAL appointments · oldest first" 3
check "the oldest appointment to fill in comes first" \
    eval 'screen | sed -n 3p | grep -qF "$(upper_name "$OLDEST")"'
check "the legend says which key records which outcome" wait_for "v seen · n no-show" 1

send Tab
check "Tab puts the newest first" wait_for "newest first" 2
check "and the newest appointment is on top" \
    eval 'screen | sed -n 3p | grep -qF "$(upper_name "$NEWEST")"'
send Tab
wait_for "oldest first" 2 >/dev/null

# v: seen, on the line under the cursor (the oldest).
ID=${OLDEST%%|*}
send v
check "v records 'seen' and says so" wait_status "seen\.$" 3
check "the oldest appointment is now seen in the database" eval '[ "$(status_of $ID)" = "seen|" ]'
check "with an audit row" eval '[ "$(audit_of $ID)" = "status" ]'
check "the list shrank by one" wait_for "$((TOTAL - 1)) appointments" 2

# n: no-show, now on the next oldest.
NEXT=$(nth ASC 0)
ID2=${NEXT%%|*}
send n
check "n records a no-show" wait_status "no-show\.$" 3
check "the database has it" eval '[ "$(status_of $ID2)" = "noshow|" ]'

# e: excused asks for the reason; an empty reason is refused in the form.
NEXT=$(nth ASC 0)
ID3=${NEXT%%|*}
send e
check "e asks why the person cancelled" wait_for "Reason" 2
send Enter
check "an empty reason is refused in the form" wait_for "Required." 2
check "and nothing was written" eval '[ "$(status_of $ID3)" = "unknown|" ]'
send -l "Malade, prévenu par téléphone"
send Enter
check "then it is recorded as excused" wait_status "excused" 3
check "with its reason in the database" \
    eval '[ "$(status_of $ID3)" = "excused|Malade, prévenu par téléphone" ]'
check "and an audit row of the cancellation" eval '[ "$(audit_of $ID3)" = "cancel" ]'

# r: revoked; Esc in the reason form writes nothing.
NEXT=$(nth ASC 0)
ID4=${NEXT%%|*}
send r
wait_for "Reason" 2 >/dev/null
send Escape
check "Esc in the reason form writes nothing" \
    eval 'wait_gone "Reason" 2 && [ "$(status_of $ID4)" = "unknown|" ]'
send r
wait_for "Reason" 2 >/dev/null
send -l "Agent en formation"
send Enter
check "r records a revocation by the service" wait_status "revoked" 3
check "the database has it with the reason" \
    eval '[ "$(status_of $ID4)" = "revoked|Agent en formation" ]'
check "four outcomes later the list counts four fewer" \
    eval 'wait_for "$((TOTAL - 4)) appointments" 2 && [ "$(count_to_fill)" -eq $((TOTAL - 4)) ]'
check "nothing else changed: exactly four appointments have audit rows from this session" \
    eval '[ "$(sql "$DB" "SELECT count(DISTINCT entity_id) FROM audit
                          WHERE entity = '"'appointment'"' AND at >= '"'$NOW'"'")" -eq 4 ]'

send Escape
check "Esc goes back to the day view" wait_for "Wednesday 25 November 2026" 2
send q
check "q quits" wait_for "exit=0" 3

# A read-only file (as in readonly.sh: run as nobody, since root writes
# anything): the list opens, outcomes and structure edits are refused.
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || bail_out "setpriv is needed to run as another user"
    AS_NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
else
    AS_NOBODY=""
fi
RO="$TEST_TMP/ro"
mkdir -p "$RO" "$TEST_TMP/nobody-home"
cp "$DB" "$RO/demo.db"
chmod 755 "$TEST_TMP"
chmod 444 "$RO/demo.db"
chmod 555 "$RO"
chmod 777 "$TEST_TMP/nobody-home"
RO_BEFORE=$(sqlite3 -batch "$RO/demo.db" .dump | md5sum)
start_shell 80 24 || bail_out "no shell"
run_in_shell "clear; HOME='$TEST_TMP/nobody-home' XDG_CONFIG_HOME='$TEST_TMP/nobody-home' $AS_NOBODY '$GUICHET' --db '$RO/demo.db' --user desk; echo exit=\$?"
wait_for "read-only" 5 >/dev/null || bail_out "the read-only database did not open"
send R
check "read-only: the list to fill in opens" wait_for "oldest first" 3
send v
check "read-only: an outcome is refused in the status line" wait_status "read-only database" 2
send e
check "read-only: a cancellation does not even ask for a reason" \
    eval 'wait_status "read-only database" 2 && ! screen | grep -q "Reason"'
send Escape
wait_gone "oldest first" 3 >/dev/null
send S
wait_for "Time zone" 3 >/dev/null
send F2
check "read-only: the structure forms are refused too" wait_status "read-only database" 2
send Escape Escape
wait_for "November 2026 · " 3 >/dev/null
send F2
check "read-only: F2 in the day view says what was refused in full (not the key's label)" \
    wait_status "^Not done \(read-only database\): Book a new appointment" 2
check "read-only: the file is unchanged" \
    eval '[ "$(sqlite3 -batch "$RO/demo.db" .dump | md5sum)" = "$RO_BEFORE" ]'
send q
check "q quits" wait_for "exit=0" 3

finish
