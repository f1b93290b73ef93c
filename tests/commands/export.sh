#!/usr/bin/env bash
# export.sh - `guichet export day`: the printable day sheet of a site in
# text and HTML on a demo database (every agent of the site, times, names,
# motifs, statuses, arrivals; HTML well formed with every text escaped, a
# person named like markup included), refusals with exit 2 naming the
# option, and the file unchanged by exporting.
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/export.db"
demo_db "$DB" || bail_out "cannot create the demo database"
SITE=$(sql "$DB" "SELECT name FROM site WHERE id = 1")
AGENT=$(sql "$DB" "SELECT agent_id FROM appointment WHERE site_id = 1
    AND starts_at LIKE '$TODAY %' ORDER BY starts_at LIMIT 1")

# someone whose name looks like markup, booked today and arrived
run person add --db "$DB" --last '<b>O'"'"'Hara & "Fils"</b>' --first 'Zoé' --force
P=$out
run appt add --db "$DB" --site 1 --agent "$AGENT" --motif 1 --person "$P" \
    --at "$TODAY 07:00" --force --note '<script>alert(1)</script>'
APPT=$out
run appt arrive --db "$DB" "$APPT"
expect "setup: a booked and arrived person" 0
# and a cancellation with a reason that looks like markup too
run appt add --db "$DB" --site 1 --agent "$AGENT" --motif 1 --person "$P" \
    --at "$TODAY 07:30" --force
CANCELLED=$out
run appt cancel --db "$DB" "$CANCELLED" --by person --reason 'Doublon <i>vu</i>'
expect "setup: a cancelled appointment with its reason" 0

snapshot "$DB"
run export day --db "$DB" --site "$SITE" --date "$TODAY"
expect "text: the day sheet" 0 "$SITE - 25/11/2026"
printf '%s\n' "$out" >"$TEST_TMP/day.txt"
while IFS='|' read -r last first; do
    check "text: agent $first $last has a part (first name first)" \
        grep -qxF "$first $last" "$TEST_TMP/day.txt"
done < <(sql "$DB" "SELECT a.last_name || '|' || a.first_name FROM agent_site s
    JOIN agent a ON a.id = s.agent_id WHERE s.site_id = 1")
N=$(sql "$DB" "SELECT count(*) FROM appointment WHERE site_id = 1 AND starts_at LIKE '$TODAY %'")
check "text: one line per appointment ($N)" \
    test "$(grep -cE '^  [0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}  ' "$TEST_TMP/day.txt")" = "$N"
FIRST=$(sql "$DB" "SELECT substr(a.starts_at, 12) || '-' || substr(a.ends_at, 12) || '  ' ||
    b.last_name || ' ' || b.first_name || ' | ' || m.name FROM appointment a
    JOIN beneficiary b ON b.id = a.beneficiary_id JOIN motif m ON m.id = a.motif_id
    WHERE a.site_id = 1 AND a.starts_at LIKE '$TODAY %' AND a.id <> $APPT
    ORDER BY a.starts_at DESC LIMIT 1")
check "text: times, name and motif on the line" grep -qF "  $FIRST | " "$TEST_TMP/day.txt"
check "text: status and arrival" grep -qF "07:00-07:30  <b>O'Hara & \"Fils\"</b> Zoé | Premier accueil social | to fill in, arrived 10:00" "$TEST_TMP/day.txt"
check "text: a cancellation with its reason" \
    grep -qF "07:30-08:00  <b>O'Hara & \"Fils\"</b> Zoé | Premier accueil social | excused, reason: Doublon <i>vu</i>" "$TEST_TMP/day.txt"

run export day --db "$DB" --site 1 --date "25/11/2026" --format html
expect "html: the day sheet" 0 "<!DOCTYPE html>"
printf '%s\n' "$out" >"$TEST_TMP/day.html"
check "html: markup in names is escaped" grep -qF "&lt;b&gt;O&#39;Hara &amp; &quot;Fils&quot;&lt;/b&gt; Zoé" "$TEST_TMP/day.html"
check "html: no raw markup from the data" test -z "$(grep -F -e '<script>' -e '<b>O' "$TEST_TMP/day.html")"
check "html: the note is escaped" grep -qF "&lt;script&gt;alert(1)&lt;/script&gt;" "$TEST_TMP/day.html"
check "html: a cancellation with its reason, escaped" \
    grep -qF "<td>excused, reason: Doublon &lt;i&gt;vu&lt;/i&gt;</td>" "$TEST_TMP/day.html"
check "html: UTF-8 declared" grep -qF '<meta charset="utf-8">' "$TEST_TMP/day.html"
check "html: one row per appointment" test "$(grep -cE '^<tr( class="cancelled")?><td>' "$TEST_TMP/day.html")" = "$N"
if command -v xmllint >/dev/null; then
    check "html: well formed" xmllint --html --noout "$TEST_TMP/day.html"
fi
unchanged "exports" "$DB"

run export day --db "$DB" --site "Nowhere" --date "$TODAY"
expect "refused: unknown site" 1 "--site"
run export day --db "$DB" --site 1 --date "2026-02-30"
expect "refused: impossible date" 2 "--date"
run export day --db "$DB" --site 1 --date "$TODAY" --format csv
expect "refused: csv is not a day-sheet format" 2 "--format"
run export day --db "$DB" --date "$TODAY"
expect "refused: missing --site" 2 "--site"
run export day --db "$DB" --site 1
expect "refused: missing --date" 2 "--date"
run export week --db "$DB"
expect "refused: unknown export" 2 "week"
run export day --db "$DB" --site 1 --date 2030-01-01
expect "an empty day still lists the agents" 0 "no appointment"
run export --help
expect "export --help" 0 "Usage: guichet export day"
finish
