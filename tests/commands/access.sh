#!/usr/bin/env bash
# access.sh - a person's right of access: `guichet person export ID` on a
# hand-made person (fixtures/access_person.sql: identity with an imported
# number, a dependant, appointments with their follow-up, no-show alerts,
# reminders and receipts, their audit history including alerts' and
# reminders' rows, audit rows about the person) prints exactly what
# fixtures/access_person.json says, parsed back with python's json module
# (another person's alert and a sender's claim for another appointment
# stay out, and so does a row of another record naming the person only in
# its free text); the text format holds the same facts; unknown ids and bad
# options are refused; a read-only file can still be exported; after an
# erasure the export shows the person, their follow-ups, reminders and
# audit without the erased data.
. "$(dirname "$0")/lib/common.sh"
FIX="$(dirname "$0")/fixtures"
PY=/usr/bin/python3
[ -x "$PY" ] || bail_out "$PY is missing"

DB="$TEST_TMP/access.db"
demo_db "$DB" || bail_out "cannot create the demo database"
sqlite3 "$DB" <"$FIX/access_person.sql" || bail_out "cannot load the fixture"
# A row of another record that names Émilie only in its free text (a note on
# her son's appointment): left out of her export on purpose (a search by
# name would find namesakes and hand over other people's rows), cleared by
# her erasure.
sql "$DB" "INSERT INTO audit (id, at, actor, entity, entity_id, action, detail) VALUES
    (900090, '2026-11-21 09:00:00', 'bdesk', 'appointment', 90004, 'note',
     'note: \"\" -> \"Venu avec sa mère Émilie Fixture\"; ')"

# JSON parsed and compared as data (order of keys aside), with the first
# difference printed.
compare_json() { # FILE EXPECTED
    "$PY" -c '
import json, sys
got = json.load(open(sys.argv[1], encoding="utf-8"))
want = json.load(open(sys.argv[2], encoding="utf-8"))
def diff(a, b, path="$"):
    if type(a) != type(b):
        return "%s: %r != %r" % (path, a, b)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s.%s: only on one side" % (path, k)
            d = diff(a[k], b[k], path + "." + k)
            if d: return d
    elif isinstance(a, list):
        if len(a) != len(b):
            return "%s: %d items != %d" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, "%s[%d]" % (path, i))
            if d: return d
    elif a != b:
        return "%s: %r != %r" % (path, a, b)
    return None
d = diff(got, want)
if d:
    print("# " + d)
    sys.exit(1)
' "$1" "$2"
}

run person export 9001 --db "$DB"
expect "export: JSON by default" 0
printf '%s\n' "$out" >"$TEST_TMP/got.json"
check "export: valid JSON" "$PY" -c 'import json,sys; json.load(open(sys.argv[1]))' "$TEST_TMP/got.json"
check "export: everything the fixture holds, nothing else" compare_json "$TEST_TMP/got.json" "$FIX/access_person.json"
run person export 9001 --db "$DB" --format json
check "export --format json: the same" compare_json <(printf '%s\n' "$out") "$FIX/access_person.json"

run person export 9001 --db "$DB" --format text
expect "export text" 0
for fact in "Person 9001" "Last name: Fixture" "First name: Émilie" "Birth date: 12/03/1980" \
    "Phone: 06 11 22 33 44" "E-mail: emilie.fixture@example.org" "Responsible for: 9002" \
    "3 appointments" "90001  2026-10-05 09:00 - 09:30  MDS Fixture  Agent Alice  Motif Fixture  seen" \
    "Cancel reason: Rendez-vous médical" "Note: Apporter l'avis d'imposition" \
    "2026-10-05 08:52:10  aagent  appointment 90001  arrive: 2026-10-05 08:52" \
    "Sex: F" "Number in the previous tool: ANC-0042" "Booking time: not known (imported)" \
    "Reminder sent: yes" "Follow-up: called 2026-11-30 10:10 no answer 2026-11-30 09:40 (by bdesk)" \
    "Follow-up note: Rappelée : viendra avec sa fille" \
    "Alert: day-before (desktop) shown 2026-11-30 10:00 by pc-accueil, risk 42 %, read 2026-11-30 10:05" \
    "Reminder 9301: sms to 0611223344, planned 2026-11-30 10:00, sent, 2 attempts" \
    "2026-11-30 10:00:03  failed: passerelle SMS injoignable" "2026-11-30 11:00:04  sent: accepté" \
    "2026-11-30 10:00:02  remind  reminder 0  claim: sms appointment 90003 attempt 1" \
    "2026-11-30 10:00:01  pc-accueil  risk_alert 90003  shown: day-before desktop 0.42" \
    "3 audit rows about the person" \
    "2025-02-01 10:00:00  bdesk  person 9001  edit: phone: 06 00 00 00 00 -> 06 11 22 33 44"; do
    check "export text: $fact" grep -qF -- "$fact" <<<"$out"
done
check "export text: the notes' second line is indented" grep -qx "    Seconde ligne" <<<"$out"
check "export text: another person's appointment is not there" eval '! grep -q 90004 <<<"$out"'
check "export text: nor a row of another record naming her in its free text" \
    eval '! grep -qF "Venu avec" <<<"$out"'
check "export text: nor another person's alert, nor a claim for another appointment" \
    eval '! grep -qE "37 %|900030" <<<"$out"'

run person export 9002 --db "$DB"
check "export: the dependant names the responsible person" \
    "$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["person"]["responsible_id"] == 9001 and d["person"]["birth_date"] is None and len(d["appointments"]) == 1' "$out"

run person export 999999 --db "$DB"
expect "export: unknown person" 1 "person 999999"
run person export abc --db "$DB"
expect "export: not a number" 2 "not a valid number"
run person export --db "$DB"
expect "export: no id" 2 "ID"
run person export 9001 --db "$DB" --format csv
expect "export: csv is not offered" 2 "--format"

chmod 444 "$DB"
run person export 9001 --db "$DB" --format json
check "export: works on a read-only file" compare_json <(printf '%s\n' "$out") "$FIX/access_person.json"
chmod 644 "$DB"

# ---- after an erasure: the same rows, without the erased data ----
check "before erasure: the raw file holds the reminder's phone and the follow-up note" \
    eval 'grep -qaF 0611223344 "$DB" && grep -qaF Rappelée "$DB"'
run person erase 9001 --db "$DB" --user dpo --reason "demande du 24/11/2026"
expect "erase the fixture's person" 0
run person export 9001 --db "$DB"
expect "export after erasure" 0
check "export after erasure: identity, follow-up note, reminder address, receipts and history details are gone" \
    "$PY" -c '
import json, sys
d = json.loads(sys.argv[1])
p = d["person"]
assert p["last_name"] == "Anonyme" and p["first_name"] == "" and p["phone"] == "" and p["email"] == "", p
assert p["sex"] is None and p["person_ref"] is None and p["notes"] == "" and p["anonymised_at"], p
a = {x["id"]: x for x in d["appointments"]}
assert len(a) == 3, a.keys()
assert a[90003]["follow_up"]["note"] == "" and a[90003]["follow_up"]["called_at"] == "2026-11-30 10:10"
assert a[90003]["alerts"][0]["risk"] == 0.42
r = a[90003]["reminders"][0]
assert r["address"] == "-" and r["state"] == "sent" and [c["detail"] for c in r["receipts"]] == ["", ""], r
assert a[90003]["note"] == "" and a[90002]["cancel_reason"] == ""
gone = ["Fixture", "Émilie", "Essai", "06 11 22 33 44", "0611223344", "emilie", "Guillemets",
        "Première", "Rendez-vous médical", "imposition", "Rappelée", "passerelle", "accepté"]
erase = [h for h in d["audit"] if h["action"] == "erase"]
assert len(erase) == 1 and erase[0]["actor"] == "dpo" and erase[0]["detail"] == "demande du 24/11/2026", erase
rows = [h for x in a.values() for h in x["history"]] + [h for h in d["audit"] if h["action"] != "erase"]
assert len(rows) == 17, len(rows)
for h in rows:
    assert not any(g in h["detail"] for g in gone), h
    # only a sender\x27s claim keeps its detail: which appointment, which attempt
    assert h["detail"] == "" or (h["action"] == "claim" and h["entity_id"] == 0), h
print(json.dumps(d, ensure_ascii=False), file=open(sys.argv[2], "w"))
' "$out" "$TEST_TMP/erased.json"
check "the raw file holds none of the erased strings" \
    eval '! grep -qaE "0611223344|06 11 22 33 44|emilie\.fixture|Rappelée|passerelle SMS" "$DB"'
check "erasure: another person's alert is untouched" \
    test "$(sql "$DB" "SELECT risk || '|' || detail FROM risk_alert JOIN audit ON audit.entity_id = 90004
        AND audit.entity = 'risk_alert' WHERE appointment_id = 90004")" = "0.37|day-before desktop 0.37"
check "erasure: a row of another record naming her in its free text loses its detail" \
    test "$(sql "$DB" "SELECT action || '|' || detail FROM audit WHERE id = 900090")" = "note|"
check "erasure: a claim for another appointment keeps its detail" \
    test "$(sql "$DB" "SELECT detail FROM audit WHERE id = 900018")" = "sms appointment 900030 attempt 1"

finish
