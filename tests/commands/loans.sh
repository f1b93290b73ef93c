#!/usr/bin/env bash
# loans.sh - room loans from the command line on a real file: a collège
# placed by its académie, a room with equipment, associations, the shipped
# school calendar imported into a new file and into the demo, which had
# imported it already (twice: nothing new; a malformed line: its number
# and nothing written), a school-year series of Tuesdays skipping holidays
# with their reasons, approval with the insurance warning, a clashing
# request listed before saving and refused at approval (exit 1, nothing
# written), one date cancelled, a date moved, the list in text, CSV and JSON,
# the free-room finder, the door sheet, and the iCalendar export read back by
# an independent parser (python3-icalendar): one event per series, RRULE,
# EXDATE for skipped and cancelled dates, stable UIDs, SEQUENCE raised by a
# change, CRLF and lines folded at 75 octets.
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/loans.db"
demo_db "$DB" || bail_out "cannot create the demo database"
U=(--db "$DB" --user desk-test)
CAL="$TEST_ROOT/data/calendrier-scolaire.csv"
HEADER='Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire'

# ---- places and borrowers ----
run site add "${U[@]}" --name "Collège Test Moulin" --kind college --academie Lyon --uai 0699999Z
expect "site add: a collège" 0
SITE=$out
check "site add: zone from the académie" test "$(sql "$DB" "SELECT uai || ' ' || academie ||
    ' ' || school_zone FROM college WHERE site_id = ${SITE:-0}")" = "0699999Z Lyon Zone A"
snapshot "$DB"
run site add "${U[@]}" --name "Collège X" --kind college --academie Atlantis
expect "site add refused: unknown académie" 2 "académie"
run site add "${U[@]}" --name "Collège X" --kind college
expect "site add refused: no académie" 2 "--academie"
run site add "${U[@]}" --name "Collège X" --kind college --academie Lyon --uai 12AB
expect "site add refused: bad UAI" 2 "UAI"
run site add "${U[@]}" --name "Collège Test Moulin" --kind college --academie Lyon
expect "site add refused: name taken" 1 "Collège Test Moulin"
run site add "${U[@]}" --name "Collège X" --kind lycee --academie Lyon
expect "site add refused: unknown kind" 2 "--kind"
unchanged "refused site adds" "$DB"

run room add "${U[@]}" --site "Collège Test Moulin" --name "Gymnase Test" --capacity 60 \
    --kind gymnase --equipment "tapis=20,panier de basket=2"
expect "room add: a gym with equipment" 0
ROOM=$out
check "room add: equipment stored" test "$(sql "$DB" "SELECT group_concat(name || '=' ||
    quantity, ',') FROM room_equipment WHERE room_id = ${ROOM:-0}")" = "panier de basket=2,tapis=20"
check "room add: the room and its equipment are one write (one audit row)" \
    test "$(sql "$DB" "SELECT count(*) FROM audit WHERE entity = 'room' AND entity_id = ${ROOM:-0}")" = 1
run room add "${U[@]}" --site "Collège Test Moulin" --name "Salle Test" --capacity 25
expect "room add: a hall" 0
HALL=$out
snapshot "$DB"
run room add "${U[@]}" --site "Collège Test Moulin" --name "Cour" --capacity 0
expect "room add refused: capacity 0" 2 "--capacity"
run room add "${U[@]}" --site "Nulle part" --name "Cour" --capacity 10
expect "room add refused: unknown site" 1 "Nulle part"
run room add "${U[@]}" --site "Collège Test Moulin" --name $'Cour\x1b[2J' --capacity 10
expect "room add refused: escape sequence" 2 "room name"
run room add "${U[@]}" --site "Collège Test Moulin" --name "Cour" --capacity 10 \
    --equipment "tapis=20,ballons=-3"
expect "room add refused: a bad piece of equipment, named (no room without it)" 2 "ballons=-3"
run room add "${U[@]}" --site "Collège Test Moulin" --name "Salle Test" --capacity 10 \
    --equipment "tapis=20"
expect "room add refused: name taken, the equipment not written either" 1 "Salle Test"
unchanged "refused room adds" "$DB"

run association add "${U[@]}" --name "Judo Club Test" --rna W691234567 --contact "M. Dupont" \
    --phone "04 78 00 00 00" --email judo@example.org --insurance-until 2027-08-31
expect "association add" 0
JUDO=$out
run association add "${U[@]}" --name "Chorale Test" --insurance-until 01/01/2025
expect "association add: insurance date in French form" 0
CHORALE=$out
snapshot "$DB"
run association add "${U[@]}" --name "Foot" --rna 12345
expect "association add refused: bad RNA" 2 "RNA"
run association add "${U[@]}" --name "Foot" --insurance-until 31/02/2026
expect "association add refused: impossible date" 2 "insurance"
unchanged "refused association adds" "$DB"

# ---- school calendar ----
# A new file: the shipped calendar imported once, then again (nothing new).
FRESH="$TEST_TMP/fresh.db"
run init --db "$FRESH" --site "Collège Neuf" --kind college
expect "init: a new collège file" 0
run holidays import --db "$FRESH" --user desk-test "$CAL"
expect "holidays import: the shipped calendar into a new file" 0 "139 rows read, 139 new"
check "holidays import: every row stored" test "$(sql "$FRESH" \
    "SELECT count(*) FROM school_holiday")" = 139
snapshot "$FRESH"
run holidays import --db "$FRESH" --user desk-test "$CAL"
expect "holidays import twice: nothing new" 0 "139 rows read, 0 new"
unchanged "second import" "$FRESH"
# guichet demo imported the same file: importing it again changes nothing.
snapshot "$DB"
run holidays import "${U[@]}" "$CAL"
expect "holidays import into the demo: it had imported them" 0 "139 rows read, 0 new"
unchanged "import into the demo" "$DB"
{ printf '\xef\xbb\xbf%s\r\n' "$HEADER"
  printf 'Vacances de Noël;-;2026-12-19T00:00:00+01:00;2027-01-04T00:00:00+01:00;Lyon;Zone A;2026-2027\r\n'
  printf 'Vacances de Noël;-;19/12/2026;2027-01-04T00:00:00+01:00;Paris;Zone C;2026-2027\r\n'
} >"$TEST_TMP/bad.csv"
run holidays import "${U[@]}" "$TEST_TMP/bad.csv"
expect "holidays import refused: malformed line named" 2 "bad.csv:3: Date de début"
check "holidays import refused: says nothing was imported" grep -q "nothing was imported" <<<"$err"
printf 'date;zone\n2026-12-19;A\n' >"$TEST_TMP/other.csv"
run holidays import "${U[@]}" "$TEST_TMP/other.csv"
expect "holidays import refused: not the export's header" 2 "other.csv:1"
run holidays import "${U[@]}" "$TEST_TMP/missing.csv"
expect "holidays import refused: missing file" 1 "missing.csv"
unchanged "refused imports" "$DB"

# ---- a season of Tuesdays ----
snapshot "$DB"
run loan request "${U[@]}" --room "Gymnase Test" --association "Judo Club Test" --weekdays tue \
    --time 18:00-20:00 --from 2025-09-01 --attendance 80
expect "request refused: attendance over capacity" 2 "capacity of 60"
run loan request "${U[@]}" --room "Gymnase Test" --association "Judo Club Test" --weekdays tue \
    --time 20:00-18:00 --from 2025-09-01
expect "request refused: reversed times" 2 "--time"
run loan request "${U[@]}" --room "Gymnase Test" --association "Personne" --weekdays tue \
    --time 18:00-20:00 --from 2025-09-01
expect "request refused: unknown association" 1 "Personne"
unchanged "refused requests" "$DB"

run loan request "${U[@]}" --room "Gymnase Test" --association "Judo Club Test" --weekdays tue \
    --time 18:00-20:00 --from 2025-09-01 --purpose "entraînement" --attendance 25
expect "request: Tuesdays for the school year" 0 "35 dates from 01/09/2025 to 03/07/2026"
REQ=$(sed -n 's/^request \([0-9]*\)$/\1/p' <<<"$out")
check "request: prints its id" test -n "$REQ"
check "request: Toussaint skipped" grep -q "21/10/2025  Vacances de la Toussaint" <<<"$out"
check "request: Armistice Day skipped" grep -q "11/11/2025  Armistice Day" <<<"$out"
check "request: winter holidays of zone A skipped" grep -q "10/02/2026  Vacances d'Hiver" <<<"$out"
check "request: 9 dates skipped" grep -q "^9 dates skipped" <<<"$out"
check "request: audited" test "$(sql "$DB" "SELECT actor || ' ' || action FROM audit
    WHERE entity = 'loan_request' AND entity_id = ${REQ:-0}")" = "desk-test create"

run loan approve "${U[@]}" "$REQ"
expect "approve: the whole series" 0 "35 dates approved"
check "approve: insured, no warning" test -z "$err"

snapshot "$DB"
run loan request "${U[@]}" --room "Gymnase Test" --association "Chorale Test" --on 2025-09-09 \
    --time 19:00-21:00
expect "clash: listed before saving" 0 "1 date already lent to another association"
REQ2=$(sed -n 's/^request \([0-9]*\)$/\1/p' <<<"$out")
snapshot "$DB"
run loan approve "${U[@]}" "$REQ2"
expect "clash: approval refused" 1 "the room is already lent then (request $REQ)"
unchanged "refused approval" "$DB"
run loan refuse "${U[@]}" "$REQ2" --reason "créneau déjà prêté"
expect "refuse: reason kept" 0 "1 date refused"
check "refuse: nothing deleted" test "$(sql "$DB" "SELECT state || '|' || reason FROM
    loan_occurrence WHERE series_id IN (SELECT id FROM loan_series WHERE request_id = ${REQ2:-0})")" = \
    "refused|créneau déjà prêté"

run loan request "${U[@]}" --room "Salle Test" --association "Chorale Test" --weekdays mon,thu \
    --time 18:30-20:00 --from 2025-09-01 --to 2025-12-31 --every 2
expect "request: every other week, two weekdays" 0
REQ3=$(sed -n 's/^request \([0-9]*\)$/\1/p' <<<"$out")
run loan approve "${U[@]}" "$REQ3"
expect "approve with an expired insurance: warns" 0 "insurance certificate runs out on 01/01/2025"

# ---- changes ----
run loan cancel "${U[@]}" "$REQ" --date 16/09/2025 --reason stage
expect "cancel one date" 0 "1 date cancelled"
check "cancel: an exception row" test "$(sql "$DB" "SELECT kind || '|' || reason FROM loan_exception
    WHERE original_day = '2025-09-16'")" = "cancelled|stage"
run loan move "${U[@]}" "$REQ" --date 2025-09-23 --to-date 2025-09-25 --time 19:00-21:00
expect "move one date" 0 "date moved"
run loan edit "${U[@]}" "$REQ" --date 2025-09-02 --scope all --time 17:30-19:30
expect "edit the whole series" 0 "series changed"
check "edit: the moved date stays moved" test "$(sql "$DB" "SELECT starts_at FROM loan_occurrence
    WHERE original_day = '2025-09-23' AND series_id IN (SELECT id FROM loan_series
    WHERE request_id = ${REQ:-0})")" = "2025-09-25 19:00"
check "edit: the cancelled date stays cancelled" test "$(sql "$DB" "SELECT state FROM
    loan_occurrence WHERE original_day = '2025-09-16'")" = "cancelled"
check "edit: the others follow" test "$(sql "$DB" "SELECT starts_at FROM loan_occurrence
    WHERE original_day = '2025-09-30' AND room_id = ${ROOM:-0}")" = "2025-09-30 17:30"
snapshot "$DB"
run loan cancel "${U[@]}" "$REQ" --date 2025-09-17
expect "cancel refused: no such date" 1 "2025-09-17"
run loan approve "${U[@]}" 99999
expect "approve refused: unknown request" 1 "99999"
run loan approve "${U[@]}" "$REQ"
expect "approve refused: nothing left to approve" 2 "nothing to approve"
unchanged "refused changes" "$DB"
check "changes audited" test "$(sql "$DB" "SELECT group_concat(action, ',') FROM (SELECT action
    FROM audit WHERE entity = 'loan_request' AND entity_id = ${REQ:-0} ORDER BY id)")" = \
    "create,approve,cancel,move,edit"

# ---- lists ----
run loan list --db "$DB" --room "Gymnase Test" --from 2025-09-01 --to 2025-11-15 --skipped
expect "list: one line per date" 0
check "list: the cancelled date with its reason" \
    grep -q "^16/09/2025 18:00-20:00 | Gymnase Test | Judo Club Test | $REQ | cancelled | stage" <<<"$out"
check "list: the moved date" grep -q "^25/09/2025 19:00-21:00 | Gymnase Test" <<<"$out"
check "list: the skipped holiday" grep -q "^11/11/2025 .* | skipped | Armistice Day" <<<"$out"
run loan list --db "$DB" --association "Judo Club Test" --format csv
expect "list: CSV" 0
check "list CSV: BOM and ';'" test "$(head -c 3 <<<"$out" | od -An -tx1 | tr -d ' ')" = "efbbbf"
check "list CSV: header" grep -q "date;start;end;site;room;association;request;state;reason" <<<"$out"
run export loans --db "$DB" --format csv --room "Gymnase Test"
expect "export loans: CSV" 0 "Judo Club Test"
check "export loans CSV: CRLF records" grep -q $'\r$' <<<"$out"
run loan list --db "$DB" --room "Gymnase Test" --format json
expect "list: JSON" 0
check "list JSON: valid" json_ok <<<"$out"
run loan pending --db "$DB"
expect "pending: nothing waiting for the test requests" 0
check "pending: decided requests are not listed" bash -c "! grep -q '^$REQ |' <<<\"\$1\"" _ "$out"
check "pending: the weekdays in English otherwise" \
    grep -qE '\| (mon|tue|wed|thu|fri|sat|sun)(,[a-z]{3})* [0-9]{2}:[0-9]{2}-' <<<"$out"
out=$(LC_ALL=fr_FR.UTF-8 "$GUICHET" loan pending --db "$DB" 2>&1); rc=$?
check "pending in French: the weekdays translated (mar, mer, sam...)" \
    grep -qE '\| (lun|mar|mer|jeu|ven|sam|dim)(,[a-z]{3})* [0-9]{2}:[0-9]{2}-' <<<"$out"
check "...none left in English" bash -c '! grep -qE "\| (mon|tue|wed|thu|fri|sat|sun)[ ,]" <<<"$1"' _ "$out"

# ---- free rooms ----
run room free --db "$DB" --weekday thu --time 18:00-20:00 --from 2025-09-01 --to 2026-06-30 \
    --site "Collège Test Moulin"
expect "free: Thursday evenings" 0
check "free: the gym is taken on the Thursday a loan was moved to" \
    grep -q "^$ROOM | Collège Test Moulin | Gymnase Test | 60 | taken on 1 date of 34: 25/09/2025$" <<<"$out"
check "free: the hall is taken every other Thursday until December" \
    grep -q "^$HALL | .* | taken on 7 dates of 34: 04/09/2025 18/09/2025" <<<"$out"
run room free --db "$DB" --weekday wed --time 18:00-20:00 --from 2025-09-01 --to 2026-06-30 \
    --site "Collège Test Moulin"
expect "free: Wednesday evenings" 0
check "free: both rooms free every Wednesday" test "$(grep -c "| free on all 35 dates$" <<<"$out")" -eq 2
run room free --db "$DB" --weekday tue --time 18:00-19:00 --from 2025-09-01 --to 2026-06-30 \
    --site "Collège Test Moulin" --capacity 50
expect "free: Tuesdays, 50 places" 0 "no room is free on every date"
run room free --db "$DB" --weekday xyz --time 18:00-19:00 --from 2025-09-01 --to 2026-06-30
expect "free refused: bad weekday" 2 "--weekday"

# ---- door sheet ----
run export room --db "$DB" --room "Gymnase Test" --week 2025-W39
expect "door sheet: text" 0 "Thursday 25/09/2025"
check "door sheet: the moved loan" grep -q "19:00-21:00  Judo Club Test (approved)" <<<"$out"
run export room --db "$DB" --room "Gymnase Test" --week 2025-11-12 --format html
expect "door sheet: HTML" 0 "<!DOCTYPE html>"
check "door sheet: the closed day and why" grep -q "closed: Armistice Day" <<<"$out"
run export room --db "$DB" --room "Gymnase Test" --week 2025-W60
expect "door sheet refused: bad week" 2 "--week"

# ---- iCalendar, read back by an independent parser ----
PY=/usr/bin/python3
if ! "$PY" -c "import icalendar" 2>/dev/null; then
    bail_out "python3-icalendar is not installed (scripts/install-deps)"
fi
"$GUICHET" export loans --db "$DB" --format ics --room "Gymnase Test" >"$TEST_TMP/a.ics"
rc=$?
out=$(head -n 5 "$TEST_TMP/a.ics")
err=
expect "ics: export" 0
check "ics: CRLF line ends" test "$(grep -c $'\r$' "$TEST_TMP/a.ics")" -eq "$(wc -l <"$TEST_TMP/a.ics")"
check "ics: no line over 75 octets" test "$(LC_ALL=C awk '{ sub(/\r$/, ""); if (length($0) > 75) n++ } END { print n + 0 }' "$TEST_TMP/a.ics")" -eq 0
cat >"$TEST_TMP/read.py" <<'EOF'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    ex = []
    for prop in (ev.get('EXDATE') if isinstance(ev.get('EXDATE'), list) else [ev.get('EXDATE')] if ev.get('EXDATE') else []):
        ex += [d.dt.strftime('%Y-%m-%d') for d in prop.dts]
    rr = ev.get('RRULE')
    print('|'.join([str(ev['UID']), str(ev.get('SEQUENCE')), str(ev['SUMMARY']),
                    ev['DTSTART'].dt.strftime('%Y-%m-%d %H:%M'), str(ev['DTSTART'].dt.tzinfo),
                    ','.join(rr['BYDAY']) if rr else '-',
                    str(rr['INTERVAL'][0]) if rr else '-',
                    ev['RECURRENCE-ID'].dt.strftime('%Y-%m-%d') if ev.get('RECURRENCE-ID') else '-',
                    ','.join(ex)]))
EOF
PARSED=$("$PY" "$TEST_TMP/read.py" "$TEST_TMP/a.ics" 2>&1)
check "ics: parsed by python3-icalendar" test $? -eq 0
printf '%s\n' "$PARSED" | sed 's/^/# parsed: /'
judo() { grep '|Judo Club Test - Gymnase Test|' | grep '|TU|1|-|'; }
check "ics: one series event with its RRULE" test "$(judo <<<"$PARSED" | wc -l)" -eq 1
check "ics: DTSTART in Europe/Paris at the new time" grep -q "|2025-09-02 17:30|Europe/Paris|TU|1|-|" <<<"$PARSED"
check "ics: EXDATE has the cancelled date" grep -q "2025-09-16" <<<"$(judo <<<"$PARSED")"
check "ics: EXDATE has the skipped holidays" grep -q "2025-10-21.*2025-11-11" <<<"$(judo <<<"$PARSED")"
check "ics: the moved date is an override" grep -q "|2025-09-25 19:00|Europe/Paris|-|-|2025-09-23|" <<<"$PARSED"
check "ics: the refused request's date is excluded" \
    grep -q "|Chorale Test - Gymnase Test|2025-09-09 19:00|Europe/Paris|TU|1|-|2025-09-09$" <<<"$PARSED"
UID1=$(judo <<<"$PARSED" | cut -d'|' -f1)
SEQ1=$(judo <<<"$PARSED" | cut -d'|' -f2)
run loan cancel "${U[@]}" "$REQ" --date 2025-09-30
"$GUICHET" export loans --db "$DB" --format ics --room "Gymnase Test" >"$TEST_TMP/b.ics"
PARSED2=$("$PY" "$TEST_TMP/read.py" "$TEST_TMP/b.ics")
check "ics: the UID is stable" test "$(judo <<<"$PARSED2" | cut -d'|' -f1)" = "$UID1"
check "ics: SEQUENCE goes up on change" test "$(judo <<<"$PARSED2" | cut -d'|' -f2)" -gt "${SEQ1:-99}"
check "ics: the new cancellation is an EXDATE" grep -q "2025-09-30" <<<"$(judo <<<"$PARSED2")"

finish
