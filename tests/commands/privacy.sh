#!/usr/bin/env bash
# privacy.sh - right to erasure and retention on a demo file:
#   person erase: the person is anonymised at once (names, birth date,
#     phone, e-mail, address, notes, appointment notes and cancel reasons,
#     audit details about them), appointments and statistics unchanged, the
#     audit keeps who erased, when and why; the raw bytes of the file (and
#     of any journal left) hold none of the erased strings;
#   purge: --dry-run lists who is due and writes nothing; the purge
#     anonymises exactly them in one unit with counts, clears older notes
#     and audit details, statistics unchanged, the erased e-mails gone from
#     the raw file; retention is a setting of the file;
#   everything that writes is refused on a read-only file (exit 1, message,
#     file unchanged); bad input is refused with exit 2 and changes nothing.
. "$(dirname "$0")/lib/common.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || bail_out "$PY is missing"

DB="$TEST_TMP/privacy.db"
demo_db "$DB" || bail_out "cannot create the demo database"
U=(--db "$DB" --user desk-test)

# What statistics read: appointments per site, agent, motif, status, day,
# with arrival and service times, and how many distinct people.
stats() {
    sql "$1" "SELECT site_id, agent_id, motif_id, status, substr(starts_at, 1, 10),
        count(*), count(DISTINCT beneficiary_id), sum(arrived_at IS NOT NULL),
        sum(seen_at IS NOT NULL) FROM appointment GROUP BY 1, 2, 3, 4, 5"
}
# Occurrences of each string in the raw bytes (case ignored) of FILE and
# of its journal if one is left: "string=count" for each found.
raw_traces() { # FILE STRING...
    local f=$1
    shift
    "$PY" - "$f" "$@" <<'PYEOF'
import os, sys
path = sys.argv[1]
data = b""
for p in (path, path + "-journal"):
    if os.path.exists(p):
        data += open(p, "rb").read().lower()
for s in sys.argv[2:]:
    n = data.count(s.lower().encode("utf-8"))
    if n:
        print("%s=%d" % (s, n))
PYEOF
}
# Runs guichet as a user who may not write the file (root may write any).
as_reader() {
    if [ "$(id -u)" -eq 0 ]; then
        HOME="$TEST_TMP/nobody" XDG_CONFIG_HOME="$TEST_TMP/nobody" \
            setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
    else
        "$@"
    fi
}
mkdir -p "$TEST_TMP/nobody" && chmod 777 "$TEST_TMP/nobody"
run_ro() {
    out=$(as_reader "$GUICHET" "$@" 2>"$TEST_TMP/stderr")
    rc=$?
    err=$(cat "$TEST_TMP/stderr")
}

# ---- a person whose strings appear nowhere else in the file ----
SECRETS=(Quarkovitch Zéphyrinette Zephyrinette Vlamoutsi "06 98 71 23 45" 0698712345
         zephyr.quark@example.net "impasse Xylophone" "dossier Borgnefesse"
         "Ulcère Krampouezh" "suivi Wimbleton")
run person add "${U[@]}" --last Quarkovitch --first Zéphyrinette --birth-name Vlamoutsi \
    --birth 03/04/1977 --phone "06 98 71 23 45" --email zephyr.quark@example.net \
    --address "9 impasse Xylophone"
expect "setup: the person" 0
P=$out
[ -n "$P" ] || bail_out "no person id"
# Notes as the console's person form writes them, and the audit detail of
# an edit that named her.
sql "$DB" "UPDATE beneficiary SET notes = 'suivi Wimbleton' WHERE id = $P;
    INSERT INTO audit (at, actor, entity, entity_id, action, detail) VALUES
    ('2026-11-25 09:00:00', 'desk-test', 'person', $P, 'edit',
     'last name: Quarkovich -> Quarkovitch; '),
    ('2026-11-25 09:01:00', 'desk-test', 'site', 1, 'edit',
     'address: rendez-vous Quarkovitch -> 1 rue; ')"
run appt add "${U[@]}" --site 1 --agent 1 --motif 1 --person "$P" --at "2026-11-20 07:00" \
    --force --note "Apporter le dossier Borgnefesse"
expect "setup: a past appointment with a note" 0
A1=$out
run appt add "${U[@]}" --site 1 --agent 1 --motif 1 --person "$P" --at "2026-11-27 21:00" --force
expect "setup: an upcoming appointment" 0
A2=$out
run appt cancel "${U[@]}" "$A2" --by person --reason "Ulcère Krampouezh"
expect "setup: cancelled with a reason" 0
check "setup: the strings are in the file before" test -n "$(raw_traces "$DB" "${SECRETS[@]}")"

STATS_BEFORE=$(stats "$DB")
PEOPLE_BEFORE=$(sql "$DB" "SELECT count(*) FROM beneficiary")

# ---- erase refused: bad input, read-only ----
snapshot "$DB"
run person erase "$P" "${U[@]}"
expect "erase: --reason is required" 2 "--reason"
run person erase "$P" "${U[@]}" --reason ""
expect "erase: an empty reason" 2 "reason"
run person erase "$P" "${U[@]}" --reason $'a\x1b[2Jb'
expect "erase: a control character in the reason" 2 "reason"
run person erase 999999 "${U[@]}" --reason "demande"
expect "erase: unknown person" 1 "person 999999"
run person erase zz "${U[@]}" --reason "demande"
expect "erase: not a number" 2 "not a valid number"
unchanged "refused erasures" "$DB"

chmod 755 "$TEST_TMP"
chmod 644 "$DB"
BYTES_BEFORE=$(cksum <"$DB")
run_ro person erase "$P" --db "$DB" --reason "demande de la personne"
expect "erase on a read-only file: refused" 1 "read-only"
check "erase on a read-only file: not a byte changed" test "$(cksum <"$DB")" = "$BYTES_BEFORE"

# ---- erase ----
run person erase "$P" "${U[@]}" --reason "demande de la personne (courrier du 20/11)"
expect "erase: done, the confirmation names the person" 0 "Quarkovitch Zéphyrinette"
check "erase: the person is anonymised" test "$(sql "$DB" "SELECT last_name || '|' ||
    first_name || birth_name || IFNULL(birth_date, '') || phone || email || address || notes ||
    '|' || (anonymised_at IS NOT NULL) FROM beneficiary WHERE id = $P")" = "Anonyme||1"
check "erase: their appointments stay" test "$(sql "$DB" "SELECT count(*) FROM appointment
    WHERE beneficiary_id = $P")" = 2
check "erase: notes and cancel reasons are cleared" test "$(sql "$DB" "SELECT count(*) FROM
    appointment WHERE beneficiary_id = $P AND (context <> '' OR cancel_reason <> '')")" = 0
check "erase: statistics unchanged" test "$(stats "$DB")" = "$STATS_BEFORE"
check "erase: no person added or removed" test "$(sql "$DB" "SELECT count(*) FROM beneficiary")" = "$PEOPLE_BEFORE"
check "erase: the audit says who erased and why" test "$(sql "$DB" "SELECT actor || '|' || action
    || '|' || detail FROM audit WHERE entity = 'person' AND entity_id = $P ORDER BY id DESC
    LIMIT 1")" = "desk-test|erase|demande de la personne (courrier du 20/11)"
check "erase: earlier audit details about them are cleared" test "$(sql "$DB" "SELECT count(*)
    FROM audit WHERE detail <> '' AND action <> 'erase' AND ((entity = 'person' AND entity_id = $P)
    OR (entity = 'appointment' AND entity_id IN ($A1, $A2)))")" = 0
check "erase: so is another row's detail naming them" test "$(sql "$DB" "SELECT count(*) FROM
    audit WHERE entity = 'site' AND detail LIKE '%Quarkovitch%'")" = 0
check "erase: the audit rows themselves stay" test "$(sql "$DB" "SELECT count(*) FROM audit
    WHERE entity = 'appointment' AND entity_id IN ($A1, $A2)")" -ge 3
TRACES=$(raw_traces "$DB" "${SECRETS[@]}")
check "erase: no erased string left in the raw file or a journal${TRACES:+ (found $TRACES)}" test -z "$TRACES"
check "erase: no journal left behind" test ! -e "$DB-journal"
run person find --db "$DB" "quarko"
check "erase: search finds nothing" test -z "$out"
run person export "$P" --db "$DB"
check "erase: the export shows an anonymous person" "$PY" -c 'import json,sys; d=json.loads(sys.argv[1])
p=d["person"]; assert p["last_name"]=="Anonyme" and p["phone"]=="" and p["anonymised_at"] and len(d["appointments"])==2' "$out"

snapshot "$DB"
run person erase "$P" "${U[@]}" --reason "encore"
expect "erase: twice is refused" 2 "already anonymised"
unchanged "erase twice" "$DB"

# ---- retention ----
run retention --db "$DB"
expect "retention: default 24 months" 0 "People: 24 months after their last appointment."
expect "retention: default 12 months for loans" 0 "room-loan requests: 12 months."
snapshot "$DB"
for bad in 0 601 abc -3; do
    run retention "${U[@]}" --months "$bad"
    expect "retention: --months $bad refused" 2 "--months"
done
run_ro retention --db "$DB" --months 36
expect "retention on a read-only file: refused" 1 "read-only"
unchanged "refused retention changes" "$DB"

# ---- purge on a fresh demo file, as if two years had passed ----
PDB="$TEST_TMP/purge.db"
demo_db "$PDB" || bail_out "cannot create the demo database"
chmod 644 "$PDB"
export GUICHET_NOW="2028-12-15 10:00"
LIMIT=2026-12-15
DUE_SQL="SELECT count(*) FROM beneficiary b WHERE anonymised_at IS NULL AND NOT EXISTS (SELECT 1
    FROM appointment a WHERE a.beneficiary_id = b.id AND a.starts_at >= '$LIMIT') AND NOT EXISTS
    (SELECT 1 FROM beneficiary c WHERE c.responsible_id = b.id AND EXISTS (SELECT 1 FROM
    appointment a WHERE a.beneficiary_id = c.id AND a.starts_at >= '$LIMIT'))"
DUE=$(sql "$PDB" "$DUE_SQL")
KEPT=$(sql "$PDB" "SELECT count(*) FROM beneficiary") ; KEPT=$((KEPT - DUE))
check "purge setup: some people are due, some kept ($DUE due)" test "$DUE" -gt 0 -a "$KEPT" -gt 0
# e-mails of people due (unique in the demo) and of one kept
GONE=($(sql "$PDB" "SELECT email FROM beneficiary b WHERE email <> '' AND id IN (SELECT id FROM
    beneficiary b WHERE anonymised_at IS NULL AND NOT EXISTS (SELECT 1 FROM appointment a WHERE
    a.beneficiary_id = b.id AND a.starts_at >= '$LIMIT') AND NOT EXISTS (SELECT 1 FROM
    beneficiary c WHERE c.responsible_id = b.id)) ORDER BY id LIMIT 5"))
STAY=$(sql "$PDB" "SELECT b.email FROM beneficiary b JOIN appointment a ON a.beneficiary_id = b.id
    WHERE a.starts_at >= '$LIMIT' AND b.email <> '' LIMIT 1")
check "purge setup: e-mails to follow" test "${#GONE[@]}" -eq 5 -a -n "$STAY"
PSTATS=$(stats "$PDB")

snapshot "$PDB"
run purge --db "$PDB" --dry-run
expect "dry run: answers" 0 "Limit: $LIMIT."
check "dry run: lists every person due" test "$(grep -cE '^  [0-9]+ \| ' <<<"$out")" = "$DUE"
expect "dry run: the count" 0 "$DUE people anonymised"
unchanged "dry run" "$PDB"
run_ro purge --db "$PDB" --dry-run
expect "dry run on a read-only file: allowed" 0 "$DUE people anonymised"

BYTES_BEFORE=$(cksum <"$PDB")
run_ro purge --db "$PDB"
expect "purge on a read-only file: refused" 1 "read-only"
check "purge on a read-only file: not a byte changed" test "$(cksum <"$PDB")" = "$BYTES_BEFORE"

run purge --db "$PDB" --before "2029-02-01"
expect "purge --before a day after today: refused" 2 "after today"
run purge --db "$PDB" --before "31/02/2027"
expect "purge --before an impossible date: refused" 2 "--before"
run purge --db "$PDB" --bogus
expect "purge: unknown option" 2 "--bogus"
unchanged "refused purges" "$PDB"

NOTES_OLD=$(sql "$PDB" "SELECT count(*) FROM appointment WHERE starts_at < '$LIMIT' AND
    (context <> '' OR cancel_reason <> '')")
run purge --db "$PDB" --user supervisor
expect "purge: done" 0 "Purged what was before $LIMIT:"
expect "purge: counts the people" 0 "$DUE people anonymised"
expect "purge: counts the notes" 0 "$NOTES_OLD appointment notes cleared"
check "purge: exactly those people are anonymised" test "$(sql "$PDB" "SELECT count(*) FROM
    beneficiary WHERE anonymised_at IS NOT NULL AND last_name = 'Anonyme' AND phone = ''
    AND email = '' AND birth_date IS NULL AND notes = ''")" = "$DUE"
check "purge: the others are kept" test "$(sql "$PDB" "SELECT count(*) FROM beneficiary
    WHERE anonymised_at IS NULL")" = "$KEPT"
check "purge: statistics unchanged" test "$(stats "$PDB")" = "$PSTATS"
check "purge: no note older than the limit" test "$(sql "$PDB" "SELECT count(*) FROM appointment
    WHERE starts_at < '$LIMIT' AND (context <> '' OR cancel_reason <> '')")" = 0
check "purge: newer notes stay" test "$(sql "$PDB" "SELECT count(*) FROM appointment
    WHERE starts_at >= '$LIMIT' AND context <> ''")" -gt 0
check "purge: no audit detail older than the limit" test "$(sql "$PDB" "SELECT count(*) FROM audit
    WHERE at < '$LIMIT' AND detail <> ''")" = 0
check "purge: one audit row with the counts" test "$(sql "$PDB" "SELECT count(*) FROM audit
    WHERE action = 'purge' AND actor = 'supervisor'
    AND detail LIKE 'before $LIMIT: $DUE people, $NOTES_OLD appointment notes, %'")" = 1
TRACES=$(raw_traces "$PDB" "${GONE[@]}")
check "purge: the e-mails of people purged are gone from the raw file${TRACES:+ ($TRACES)}" test -z "$TRACES"
check "purge: a kept person's e-mail is still there" test -n "$(raw_traces "$PDB" "$STAY")"

run purge --db "$PDB"
expect "purge again: nothing more to do" 0 "0 people anonymised"

# --before: an earlier limit than the retention's
export GUICHET_NOW="2026-12-20 10:00"
BDB="$TEST_TMP/before.db"
demo_db "$BDB" || bail_out "cannot create the demo database"
sql "$BDB" "UPDATE beneficiary SET created_at = '2025-06-01 09:00'"
WANT=$(sql "$BDB" "${DUE_SQL//$LIMIT/2026-10-01}")
run purge --db "$BDB" --before 01/10/2026 --dry-run
expect "purge --before DD/MM/YYYY: the limit" 0 "Limit: 2026-10-01."
expect "purge --before: those whose last appointment is before it ($WANT)" 0 "$WANT people anonymised"
run retention --db "$BDB" --months 36
expect "retention --months 36" 0 "People: 36 months"
check "retention: audited" test "$(sql "$BDB" "SELECT detail FROM audit WHERE entity = 'setting'
    AND action = 'retention'")" = "months: 24 -> 36; "
run purge --db "$BDB" --dry-run
expect "purge: the stored retention decides the limit" 0 "Limit: 2023-12-20."

finish
