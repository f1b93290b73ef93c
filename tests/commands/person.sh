#!/usr/bin/env bash
# person.sh - `guichet person add|find` on a demo database: creation with
# its audit row, likely duplicates shown and refused without --force (name
# and birth date, phone with other spacing, e-mail in other case), bad input
# refused with exit 2 naming the field and the file unchanged, search as the
# console does it (accents and case, word prefixes, phone, birth date) in
# text, CSV and JSON.
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/person.db"
demo_db "$DB" || bail_out "cannot create the demo database"
U=(--db "$DB" --user desk-test)

# ---- add ----
run person add "${U[@]}" --last "Lefèvre-Dubois" --first "Hélène" --birth 12/03/1981 \
    --phone "06 55 44 33 22" --email "Helene.LD@example.org"
expect "add: a new person" 0
ID=$out
check "add: prints the new id" test -n "$ID" -a "$ID" -eq "$ID" 2>/dev/null
check "add: stored with an ISO birth date and the phone's digits" test "$(sql "$DB" "SELECT last_name || '|' ||
    first_name || '|' || birth_date || '|' || phone FROM beneficiary WHERE id = ${ID:-0}")" = \
    "Lefèvre-Dubois|Hélène|1981-03-12|0655443322"
check "add: audit row" test "$(sql "$DB" "SELECT actor || ' ' || action FROM audit
    WHERE entity = 'person' AND entity_id = ${ID:-0}")" = "desk-test create"

snapshot "$DB"
run person add "${U[@]}" --last "LEFEVRE DUBOIS" --first "helene" --birth 1981-03-12
expect "duplicate: same name and birth date is refused" 1 "same name and birth date"
check "duplicate: the match is shown" grep -q "^  $ID | Lefèvre-Dubois Hélène" <<<"$err"
run person add "${U[@]}" --last "Autre" --first "Nom" --phone "+33 6 55 44 33 22"
expect "duplicate: same phone, other spacing" 1 "same phone"
run person add "${U[@]}" --last "Autre" --first "Nom" --email " helene.ld@EXAMPLE.org"
expect "duplicate: same e-mail, other case" 1 "same e-mail"
unchanged "refused duplicates" "$DB"
run person add "${U[@]}" --last "Lefèvre-Dubois" --first "Hélène" --birth 12/03/1981 --force
expect "duplicate: --force creates anyway" 0 "may be someone already known"

snapshot "$DB"
bad_add() { # NAME TEXT ARGS...
    local name=$1 text=$2
    shift 2
    run person add "${U[@]}" "$@"
    expect "add refused: $name" 2 "$text"
}
bad_add "impossible birth date" "--birth" --last Martin --birth 31/02/1980
bad_add "birth date not a date" "--birth" --last Martin --birth hier
bad_add "missing last name" "--last" --first Jean
bad_add "empty last name" "last name" --last "  " --first Jean
bad_add "control character" "last name" --last $'Mar\x07tin'
bad_add "escape sequence" "first name" --last Martin --first $'\x1b[31mJean'
bad_add "invalid UTF-8" "last name" --last $'Mart\xc3'
bad_add "over-long name" "--last" --last "$(printf 'a%.0s' $(seq 1 200))"
bad_add "over-long phone" "--phone" --last Martin --phone "$(printf '0%.0s' $(seq 1 80))"
bad_add "stray argument" "Dupont" --last Martin Dupont
unchanged "bad input to add" "$DB"

# ---- find ----
find_ids() { run person find --db "$DB" "$@"; printf '%s\n' "$out" | cut -d' ' -f1 | tr '\n' ' '; }
check "find: helene finds Hélène" grep -qw "$ID" <<<"$(find_ids "helene lefevre")"
check "find: capitals and accents" grep -qw "$ID" <<<"$(find_ids "HÉLÈNE LEF")"
check "find: word prefixes, any order" grep -qw "$ID" <<<"$(find_ids "dub hel")"
check "find: phone with other spacing" grep -qw "$ID" <<<"$(find_ids "0655443322")"
check "find: the end of a phone number" grep -qw "$ID" <<<"$(find_ids "33 22")"
check "find: birth date" grep -qw "$ID" <<<"$(find_ids "12/03/1981")"
check "find: birth date, ISO" grep -qw "$ID" <<<"$(find_ids "1981-03-12")"
run person find --db "$DB" "ubois"
check "find: not inside words" test -z "$(grep -w "$ID" <<<"$out")"
run person find --db "$DB" "zzzzqqq"
expect "find: nothing is not an error" 0
check "find: nothing prints nothing" test -z "$out"
run person find --db "$DB" "a" --limit 5
check "find --limit" test "$(printf '%s\n' "$out" | grep -c .)" = 5

# Text lines: " | " between fields, none after the last one filled (no
# trailing empty columns); an empty field in the middle keeps its place.
run person add "${U[@]}" --last "Sanscourriel" --first "Paul"
P_NAME=$out
run person add "${U[@]}" --last "Sanscourriel" --first "Lise" --birth 02/05/1990
P_BORN=$out
run person add "${U[@]}" --last "Sanscourriel" --first "Marc" --phone "07 11 22 33 44"
P_PHONE=$out
run person find --db "$DB" "sanscourriel"
check "find text: only a name, no trailing \" | \"" grep -qx "$P_NAME | Sanscourriel Paul" <<<"$out"
check "find text: name and birth date, nothing after" \
    grep -qx "$P_BORN | Sanscourriel Lise | 02/05/1990" <<<"$out"
check "find text: an empty birth date in the middle keeps its place" \
    grep -qx "$P_PHONE | Sanscourriel Marc |  | 07 11 22 33 44" <<<"$out"
check "find text: no line ends with a separator" eval '! grep -qE "\| ?$" <<<"$out"'
run person find --db "$DB" "sanscourriel" --format csv
check "find csv: every column kept (7 fields, 6 separators)" \
    eval '[ "$(printf "%s\n" "$out" | tr -d "\r" | grep -F "Sanscourriel;Paul" | tr -cd ";" | wc -c)" = 6 ]'

run person find --db "$DB" "lefevre dubois" --format csv
printf '%s' "$out" >"$TEST_TMP/find.csv"
check "find csv: byte order mark, header, CRLF" \
    test "$(head -c 3 "$TEST_TMP/find.csv" | od -An -tx1 | tr -d ' ')" = efbbbf -a \
    "$(grep -c $'\r$' "$TEST_TMP/find.csv")" = 3
check "find csv: French birth date" grep -q ";12/03/1981;" "$TEST_TMP/find.csv"
run person find --db "$DB" "lefevre dubois" --format json
check "find json: valid" json_ok <<<"$out"
check "find json: ISO birth date" grep -q '"birth_date": "1981-03-12"' <<<"$out"
run person find --db "$DB" "x" --format html
expect "find: html is not a find format" 2 "--format"
run person find --db "$DB"
expect "find: needs the text" 2 "TEXT"
run person find --db "$DB" "x" --limit 0
expect "find: bad limit" 2 "--limit"

run person --help
expect "person --help" 0 "Usage: guichet person"
run person delete 3
expect "person: unknown action" 2 "delete"
finish
