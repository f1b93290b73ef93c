#!/usr/bin/env bash
# hostile.sh - every output is safe whatever the file holds: a site named
# with an escape sequence that retitles the terminal, a motif that clears
# it, invalid UTF-8 and a C1 control in names, names a spreadsheet would
# read as formulas. Text, CSV, JSON and HTML of `appt list`, `appt slots`,
# `person find` and `export day`, and the error messages that repeat what
# was typed: no raw control character, always valid UTF-8, JSON that a
# strict reader accepts, CSV cells neutralised as OWASP says.
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/hostile.db"
demo_db "$DB" || bail_out "cannot create the demo database"
command -v python3 >/dev/null || bail_out "python3 is not installed"

# One appointment today at site 1 whose person gets the hostile names.
AID=$(sql "$DB" "SELECT min(id) FROM appointment WHERE site_id = 1 AND starts_at LIKE '$TODAY %'")
PID=$(sql "$DB" "SELECT beneficiary_id FROM appointment WHERE id = $AID")
MID=$(sql "$DB" "SELECT motif_id FROM appointment WHERE id = $AID")
sqlite3 "$DB" "UPDATE site SET name = 'MDS' || char(27) || ']0;pwned' || char(7) || ' Centre' WHERE id = 1;
    UPDATE motif SET name = 'Accueil' || char(27) || '[2J' || char(155) || 'x' WHERE id = $MID;
    UPDATE beneficiary SET last_name = '=HYPERLINK(\"http://evil.example\";\"clic\")',
        first_name = CAST(X'41FF42C3' AS TEXT), phone = '+33 6 12 34 56 78',
        email = '@SUM(1+1)', birth_name = '-2+3' || char(8238) || 'abc',
        search_key = 'hyperlink http evil example clic' WHERE id = $PID;
    UPDATE appointment SET context = char(9) || '=1+1' || char(13) || char(10) || 'x' WHERE id = $AID;" ||
    bail_out "cannot write the hostile text"

# safe FILE [csv]: valid UTF-8, no C0/C1 control but newline (and CR before
# a newline in CSV), no DEL, no bidi override.
safe() {
    python3 - "$@" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    print("# invalid UTF-8:", e); sys.exit(1)
if len(sys.argv) > 2:
    text = text.replace("\r\n", "\n")
    if text.endswith("\r"):  # $(...) took the last newline away
        text = text[:-1]
for i, c in enumerate(text):
    o = ord(c)
    if (o < 32 and c != "\n") or 0x7f <= o < 0xa0 or 0x202a <= o <= 0x202e or 0x2066 <= o <= 0x2069:
        print("# unsafe character U+%04X at %d: %r" % (o, i, text[max(0, i - 20):i + 20])); sys.exit(1)
PY
}
save() { printf '%s' "$out" >"$TEST_TMP/$1"; printf '%s' "$err" >"$TEST_TMP/$1.err"; }

run appt list --db "$DB" --date "$TODAY" --site 1
save list.txt
expect "list text: answers" 0 "pwned"
check "list text: no raw control, valid UTF-8" safe "$TEST_TMP/list.txt"
check "list text: the names are still shown" grep -q "MDS.]0;pwned. Centre" "$TEST_TMP/list.txt"

run appt list --db "$DB" --date "$TODAY" --site 1 --format csv
save list.csv
expect "list csv: answers" 0
check "list csv: no raw control, valid UTF-8" safe "$TEST_TMP/list.csv" csv
check "list csv: a formula-like name starts with an apostrophe, quoted" \
    grep -qF '"'"'"'=HYPERLINK(""http://evil.example"";""clic"")"' "$TEST_TMP/list.csv"
check "list csv: so does a phone beginning with +" grep -qF ";\"'+33 6 12 34 56 78\";" "$TEST_TMP/list.csv"
check "list csv: and a note beginning with a tab" grep -qF "\"' =1+1" "$TEST_TMP/list.csv"
check "list csv: the BOM and CRLF are kept" \
    eval 'test "$(head -c 3 "$TEST_TMP/list.csv" | od -An -tx1 | tr -d " ")" = efbbbf &&
          test "$(grep -c $'"'\r\$'"' "$TEST_TMP/list.csv")" = "$(grep -c . "$TEST_TMP/list.csv")"'

run appt list --db "$DB" --date "$TODAY" --site 1 --format json
save list.json
expect "list json: answers" 0
check "list json: no raw control, valid UTF-8" safe "$TEST_TMP/list.json"
check "list json: a strict reader accepts it and keeps the data" python3 - "$TEST_TMP/list.json" "$AID" <<'PY'
import json, sys
rows = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
row = [r for r in rows if r["id"] == int(sys.argv[2])][0]
assert row["site"] == "MDS\x1b]0;pwned\x07 Centre", row["site"]
assert row["last_name"].startswith("=HYPERLINK"), row["last_name"]
assert row["first_name"] == "A\ufffdB\ufffd", row["first_name"]
assert row["note"] == "\t=1+1\r\nx", row["note"]
PY

run appt slots --db "$DB" --motif 1 --site 1 --count 2
save slots.txt
expect "slots text: answers" 0 "pwned"
check "slots text: no raw control" safe "$TEST_TMP/slots.txt"
for f in csv json; do
    run appt slots --db "$DB" --motif 1 --site 1 --count 2 --format $f
    save slots.$f
    check "slots $f: no raw control, valid UTF-8" safe "$TEST_TMP/slots.$f" $f
done
check "slots json: a strict reader accepts it" python3 -c \
    'import json,sys; json.loads(open(sys.argv[1],"rb").read().decode("utf-8"))' "$TEST_TMP/slots.json"

run person find --db "$DB" HYPERLINK
save find.txt
expect "person find: finds the hostile name" 0 "HYPERLINK"
check "person find text: no raw control, valid UTF-8" safe "$TEST_TMP/find.txt"
run person find --db "$DB" HYPERLINK --format csv
save find.csv
check "person find csv: neutralised" grep -qF ";\"'@SUM(1+1)\"" "$TEST_TMP/find.csv"
check "person find csv: no raw control (the bidi override replaced)" safe "$TEST_TMP/find.csv" csv
run person find --db "$DB" HYPERLINK --format json
save find.json
check "person find json: a strict reader accepts it" python3 -c \
    'import json,sys; json.loads(open(sys.argv[1],"rb").read().decode("utf-8"))' "$TEST_TMP/find.json"
check "person find json: the bidi override escaped, not raw" grep -qF '\u202e' "$TEST_TMP/find.json"

for f in text html; do
    run export day --db "$DB" --site 1 --date "$TODAY" --format $f
    save export.$f
    expect "export day $f: answers" 0 "pwned"
    check "export day $f: no raw control, valid UTF-8" safe "$TEST_TMP/export.$f"
done

# Error messages repeat what was typed, made safe.
run appt list --db "$DB" --date "$TODAY" --site $'\e]0;typed\a\xff'
save err1
check "an unknown --site is named safely in the message" \
    eval 'grep -q "typed" "$TEST_TMP/err1.err" && safe "$TEST_TMP/err1.err"'
run appt list --db "$DB" --date $'\e[2J2026'
save err2
check "a bad --date is named safely" eval 'grep -q "2J2026" "$TEST_TMP/err2.err" && safe "$TEST_TMP/err2.err"'
run appt frob$'\e[2J'
save err3
check "an unknown action is named safely" eval 'grep -q "frob" "$TEST_TMP/err3.err" && safe "$TEST_TMP/err3.err"'
run --db "$DB" $'\e]0;x\a'
save err4
check "an unknown command is named safely" eval 'test "$rc" = 2 && safe "$TEST_TMP/err4.err"'
finish
