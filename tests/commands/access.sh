#!/usr/bin/env bash
# access.sh - a person's right of access: `guichet person export ID` on a
# hand-made person (fixtures/access_person.sql: identity, a dependant,
# appointments with their audit history, audit rows about the person)
# prints exactly what fixtures/access_person.json says, parsed back with
# python's json module; the text format holds the same facts; unknown ids
# and bad options are refused; a read-only file can still be exported.
. "$(dirname "$0")/lib/common.sh"
FIX="$(dirname "$0")/fixtures"
PY=/usr/bin/python3
[ -x "$PY" ] || bail_out "$PY is missing"

DB="$TEST_TMP/access.db"
demo_db "$DB" || bail_out "cannot create the demo database"
sqlite3 "$DB" <"$FIX/access_person.sql" || bail_out "cannot load the fixture"

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
    "3 audit rows about the person" \
    "2025-02-01 10:00:00  bdesk  person 9001  edit: phone: 06 00 00 00 00 -> 06 11 22 33 44"; do
    check "export text: $fact" grep -qF -- "$fact" <<<"$out"
done
check "export text: the notes' second line is indented" grep -qx "    Seconde ligne" <<<"$out"
check "export text: another person's appointment is not there" eval '! grep -q 90004 <<<"$out"'

run person export 9002 --db "$DB"
check "export: the dependant names the responsible person" \
    "$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["person"]["responsible_id"] == 9001 and d["person"]["birth_date"] is None and len(d["appointments"]) == 1' "$out"

run person export 999999 --db "$DB"
expect "export: unknown person" 2 "person 999999"
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

finish
