#!/usr/bin/env bash
# erase.sh - the right to erasure from the person panel (80x24, demo file):
#   D opens a confirmation that names the person; Esc (on the untouched
#   form, and after a reason was typed then discarded) changes nothing in
#   the file; Enter without a reason is refused and writes nothing; with a
#   reason the person is anonymised at once (names, birth date, phone,
#   e-mail, notes, their appointments' notes and follow-up notes, their
#   reminders' copies of the phone), their appointments stay, and the audit
#   keeps who erased, when and why without the erased data; the raw file
#   holds the name no more; on a read-only file D is refused.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

# Someone found by a birth date nobody else has, with appointments; given a
# last name and a phone nobody else has, so that the raw file can be
# searched for them afterwards.
read -r P_ID P_FIRST P_BIRTH < <(sql "$DB" "SELECT b.id, b.first_name, b.birth_date
    FROM beneficiary b WHERE b.first_name NOT LIKE '% %' AND length(b.first_name) >= 4
      AND b.birth_date IN (SELECT birth_date FROM beneficiary GROUP BY birth_date HAVING count(*) = 1)
      AND (SELECT count(*) FROM appointment a WHERE a.beneficiary_id = b.id) >= 2
    ORDER BY b.id LIMIT 1" | tr '|' ' ')
[ -n "$P_ID" ] || bail_out "the demo data lacks a person this test needs"
P_LAST=Zorglubet
P_PHONE=0699887766
[ "$(sql "$DB" "SELECT count(*) FROM beneficiary WHERE last_name = '$P_LAST' OR phone = '$P_PHONE'")" = 0 ] ||
    bail_out "the made-up name or phone is already in the demo file"
sql "$DB" "UPDATE beneficiary SET last_name = '$P_LAST', phone = '$P_PHONE' WHERE id = $P_ID" ||
    bail_out "cannot rename the person"
P_BIRTH_FR=$(date -d "$P_BIRTH" +%d/%m/%Y)
APPT=$(sql "$DB" "SELECT id FROM appointment WHERE beneficiary_id = $P_ID ORDER BY starts_at LIMIT 1")
# What the desk wrote about them: a note on an appointment, a follow-up
# note, a reminder sent to their phone with its receipt.
sql "$DB" "UPDATE appointment SET context = 'Dossier logement $P_LAST' WHERE id = $APPT;
    INSERT INTO appointment_followup (appointment_id, called_at, note, updated_by)
      VALUES ($APPT, '2026-11-20 09:00', 'Rappeler $P_FIRST sur son portable', 'accueil2');
    INSERT INTO reminder (appointment_id, channel, address, planned_at, state, attempts)
      VALUES ($APPT, 'sms', '$P_PHONE', '2026-11-19 18:00', 'sent', 1);
    INSERT INTO reminder_receipt (reminder_id, at, result, detail)
      VALUES (last_insert_rowid(), '2026-11-19 18:00:05', 'sent', 'delivered to $P_PHONE')" ||
    bail_out "cannot add the note, follow-up and reminder"
N_APPTS=$(sql "$DB" "SELECT count(*) FROM appointment WHERE beneficiary_id = $P_ID")
COUNT_TEXT="$N_APPTS appointments"

# Everything the erase would touch, as one text to compare.
state() {
    sql "$DB" "SELECT * FROM beneficiary WHERE id = $P_ID;
        SELECT id, context, cancel_reason, version FROM appointment WHERE beneficiary_id = $P_ID ORDER BY id;
        SELECT * FROM appointment_followup WHERE appointment_id = $APPT;
        SELECT * FROM reminder WHERE appointment_id = $APPT;
        SELECT count(*), IFNULL(max(id), 0) FROM audit;
        SELECT group_concat(detail, '|') FROM audit"
}
BEFORE=$(state)

open_panel() {
    send F3
    wait_for "Find a person" 3 || return 1
    send -l "$P_BIRTH_FR"
    wait_status "^1 found" 3 || return 1
    send Enter
    wait_for "$COUNT_TEXT" 3
}

start_console 80 24 --db "$DB" --user accueil1
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"
open_panel || bail_out "cannot open ${P_LAST^^} $P_FIRST's panel"

send D
check "D opens the erase form, naming the person and their number" \
    eval 'wait_for "Erase a person" 3 && wait_for "$P_LAST $P_FIRST ($P_ID)" 1'
check "the form says what goes, what stays, and that it cannot be undone" \
    eval 'screen | grep -qF "identity, contact details, notes" &&
          screen | grep -qF "anonymous counts" && screen | grep -qF "it cannot be"'
send Escape
check "Esc on the untouched form closes it" wait_gone "Erase a person" 3
check "cancelling changes nothing in the file" eval '[ "$(state)" = "$BEFORE" ]'

send D
wait_for "Erase a person" 3 || bail_out "D did not open the form again"
send -l "Demande"
wait_for "Demande" 2 >/dev/null
send Escape
check "Esc after typing a reason asks before discarding" wait_for "Discard" 3
send Enter
wait_gone "Erase a person" 3 >/dev/null
check "discarding a typed reason changes nothing in the file" eval '[ "$(state)" = "$BEFORE" ]'

send D
wait_for "Erase a person" 3 || bail_out "D did not open the form a third time"
send Enter
check "Enter without a reason is refused in the form" \
    eval 'wait_for "Required" 3 && screen | grep -qF "Erase a person"'
check "a refused erase writes nothing" eval '[ "$(state)" = "$BEFORE" ]'

REASON="Demande écrite du 20/11/2026"
send -l "$REASON"
wait_for "Demande écrite" 2 >/dev/null
send Enter
check "Enter erases: the status line says who was anonymised" \
    eval 'wait_gone "Erase a person" 3 && wait_status "Anonymised: $P_LAST $P_FIRST" 3'
check "the panel now shows the anonymous person with the same appointments" \
    eval 'wait_for "ANONYME" 3 && wait_for "$N_APPTS appointments" 1 && ! screen | grep -qF "${P_LAST^^}"'

send D
check "D again: the person is already anonymised, no form" \
    eval 'wait_status "already anonymised" 3 && ! screen | grep -qF "Erase a person"'
send Escape
wait_for "Find a person" 3 >/dev/null
send Escape
wait_gone "Find a person" 3 >/dev/null
send q
wait_for "exit=0" 5 || bail_out "the console did not quit"

check "the person's row holds nothing of them any more" \
    eval '[ "$(sql "$DB" "SELECT last_name, first_name, birth_name, birth_date IS NULL, phone, email,
        address, notes, notify_sms, notify_email, anonymised_at IS NOT NULL
        FROM beneficiary WHERE id = $P_ID")" = "Anonyme|||1|||||0|0|1" ]'
check "their $N_APPTS appointments stay, without notes" \
    eval '[ "$(sql "$DB" "SELECT count(*), sum(context = '"''"' AND cancel_reason = '"''"')
        FROM appointment WHERE beneficiary_id = $P_ID")" = "$N_APPTS|$N_APPTS" ]'
check "the follow-up note is cleared, the call time stays" \
    eval '[ "$(sql "$DB" "SELECT note, called_at FROM appointment_followup WHERE appointment_id = $APPT")" = "|2026-11-20 09:00" ]'
check "the reminder stays as a sent SMS, without the phone; its receipt without detail" \
    eval '[ "$(sql "$DB" "SELECT r.channel, r.state, r.address <> '"'$P_PHONE'"', c.detail
        FROM reminder r JOIN reminder_receipt c ON c.reminder_id = r.id WHERE r.appointment_id = $APPT")" = "sms|sent|1|" ]'
check "the audit says who erased, and why" \
    eval '[ "$(sql "$DB" "SELECT actor, action, detail FROM audit WHERE entity = '"'person'"'
        AND entity_id = $P_ID ORDER BY id DESC LIMIT 1")" = "accueil1|erase|$REASON" ]'
check "no audit detail names them or holds their phone any more" \
    eval '[ "$(sql "$DB" "SELECT count(*) FROM audit WHERE instr(detail, '"'$P_LAST'"')
        OR instr(detail, '"'$P_PHONE'"') OR instr(detail, '"'$P_FIRST sur'"')")" = 0 ]'
check "the raw file holds neither their last name nor their phone" \
    eval '! grep -qaF "$P_LAST" "$DB" && ! grep -qaF "$P_PHONE" "$DB"'

# ---- a read-only file: refused before the form opens ----
# As user "nobody" (root may write whatever the permissions say).
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || bail_out "setpriv is needed to run as another user"
    AS_NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
else
    AS_NOBODY=""
fi
RO="$TEST_TMP/ro"
mkdir -p "$RO" "$TEST_TMP/nobody-home"
cp "$DB" "$RO/demo.db"
read -r Q_ID Q_BIRTH < <(sql "$RO/demo.db" "SELECT id, birth_date FROM beneficiary WHERE anonymised_at IS NULL
    AND birth_date IN (SELECT birth_date FROM beneficiary GROUP BY birth_date HAVING count(*) = 1)
    AND (SELECT count(*) FROM appointment a WHERE a.beneficiary_id = beneficiary.id) >= 2
    ORDER BY id LIMIT 1" | tr '|' ' ')
P_BIRTH_FR=$(date -d "$Q_BIRTH" +%d/%m/%Y)
COUNT_TEXT="$(sql "$RO/demo.db" "SELECT count(*) FROM appointment WHERE beneficiary_id = $Q_ID") appointments"
Q_ROW=$(sql "$RO/demo.db" "SELECT * FROM beneficiary WHERE id = $Q_ID")
chmod 755 "$TEST_TMP"
chmod 777 "$TEST_TMP/nobody-home"
chmod 444 "$RO/demo.db"
chmod 555 "$RO"
start_shell 80 24 || bail_out "no shell"
run_in_shell "clear; HOME='$TEST_TMP/nobody-home' XDG_CONFIG_HOME='$TEST_TMP/nobody-home' $AS_NOBODY '$GUICHET' --db '$RO/demo.db' --user accueil1; echo exit=\$?"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open read-only"
open_panel || bail_out "cannot open a panel on the read-only file"
send D
check "read-only file: D is refused with a message, no form" \
    eval 'wait_status "read-only" 3 && ! screen | grep -qF "Erase a person"'
check "read-only file: nothing changed" \
    eval '[ "$(sql "$RO/demo.db" "SELECT * FROM beneficiary WHERE id = $Q_ID")" = "$Q_ROW" ]'
send Escape
send Escape
send q
wait_for "exit=0" 5 >/dev/null
chmod 755 "$RO"
finish
