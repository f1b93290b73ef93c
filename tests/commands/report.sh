#!/usr/bin/env bash
# report.sh - `guichet report`: every figure of the summary checked against
# a small database computed by hand (tests/tools/report_fixture.c), the four
# formats parsed back (JSON by a JSON parser, CSV by a CSV reader in the
# French dialect, HTML by an HTML parser), names that try to break each
# format, one site, a range, an empty day, a range across the autumn
# daylight-saving change, --out written atomically, refusals.
#
# The fixture's day, Wednesday 2026-11-25, seen at 18:00 (hand-computed):
#   appointments 1-9 and 14 at MDS Centre, 10-13 at MDS "Nord"; annexe
#   status     seen 1 2 5 10 13 14 | noshow 3 11 12 | excused 4 | revoked 7
#              unknown, started: 6 9 (to fill in) | unknown at 18:30: 8 (upcoming)
#   total      booked 14 = 6 + 3 + 1 + 1 + 2 + 1; no-show rate 3 / (6 + 3)
#   Centre     10: seen 4 (1 2 5 14), noshow 1, excused 1, revoked 1, to fill 2, upcoming 1; 1/5
#   Nord       4: seen 2, noshow 2; 2/4
#   Accueil    (motifs 1, 2; appointments 1-9) 9: 3 1 1 1 2 1; 1/4
#   PMI        (motif 3; 10-14) 5: seen 3, noshow 2; 2/5
#   agents     Anne Martin (1-4) 4: 2 1 1 0 0 0, 1/3; Paul Durand (5-9) 5: 1 0 0 1 2 1,
#              0/1; Léa Petit (10-14) 5: 3 2, 2/5
#   motifs     Premier accueil (1 2 5 6 9) 5: seen 3, to fill 2, 0/3;
#              =SOMME (3 4 7 8) 4: 0 1 1 1 0 1, 1/1; Consultation (10-14) 5: 3 2, 2/5
#   arrivals   1 2 5 9 14 (Centre), 10 13 (Nord) = 7; 9 not seen; waits 10 20 30 2 | 40 5
#              Centre: median (10+20)/2 = 15, 90th = 4th of 4 = 30
#              Nord: median (5+40)/2 = 22.5, 90th = 2nd of 2 = 40
#              all: 2 5 10 20 30 40: median 15, 90th = 6th of 6 = 40
#   audit      amartin: created 1 2 3, moved 5, cancelled 4 (status -> excused);
#              lpetit: created 10, resized 6, cancelled 7; not counted: a status
#              -> seen, an arrival, a person, the day before, the day after
#   next day   15 (Centre, Anne Martin 09:00-09:30), 17 (Nord, Léa Petit
#              14:00-15:00); 16 is cancelled
. "$(dirname "$0")/lib/common.sh"

FIXTURE_TOOL="${GUICHET_BUILD:-build}/tools/report_fixture"
case "$FIXTURE_TOOL" in /*) ;; *) FIXTURE_TOOL="$TEST_ROOT/$FIXTURE_TOOL" ;; esac
[ -x "$FIXTURE_TOOL" ] || bail_out "$FIXTURE_TOOL is missing (make tests)"
command -v python3 >/dev/null || bail_out "python3 is needed to parse the formats back"
export GUICHET_NOW="2026-11-25 18:00"
DB="$TEST_TMP/report.db"
"$FIXTURE_TOOL" "$DB" || bail_out "cannot write the fixture"
snapshot "$DB"

# py NAME SCRIPT FILE: runs a Python check on FILE; it prints "ok" or why not.
py() {
    local name=$1 script=$2 file=$3 said
    said=$(python3 -c "$script" "$file" 2>&1)
    if [ "$said" = ok ]; then ok "$name"; else out=$said; rc=0; not_ok "$name"; fi
}

# ---- JSON: every figure ------------------------------------------------------
run report --db "$DB" --date 2026-11-25 --format json
expect "json: the day's summary" 0
printf '%s' "$out" >"$TEST_TMP/day.json"
py "json: every count and rate of the day" '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
problems = []
def eq(what, got, want):
    if got != want:
        problems.append("%s: %r, expected %r" % (what, got, want))
def counts(what, o, b, s, n, e, r, f, u, rate):
    for k, v in zip(("booked", "seen", "noshow", "excused", "revoked", "to_fill_in", "upcoming"),
                    (b, s, n, e, r, f, u)):
        eq(what + "." + k, o[k], v)
    eq(what + ".noshow_rate", o["noshow_rate"], rate)
eq("format", d["format"], "guichet-report")
eq("version", d["version"], 1)
eq("generated_at", d["generated_at"], "2026-11-25 18:00")
eq("period", d["period"], {"from": "2026-11-25", "to": "2026-11-25", "days": 1})
eq("site", d["site"], None)
eq("empty", d["empty"], False)
a = d["appointments"]
counts("total", a["total"], 14, 6, 3, 1, 1, 2, 1, 0.3333)
site = {x["name"]: x for x in a["by_site"]}
eq("sites", sorted(site), sorted(["MDS Centre", "MDS \"Nord\"; annexe"]))
counts("Centre", site["MDS Centre"], 10, 4, 1, 1, 1, 2, 1, 0.2)
counts("Nord", site["MDS \"Nord\"; annexe"], 4, 2, 2, 0, 0, 0, 0, 0.5)
svc = {x["name"]: x for x in a["by_service"]}
pmi = "PMI\x1b[31m\ufffd"
eq("services", sorted(svc), sorted(["Accueil social", pmi]))
counts("Accueil social", svc["Accueil social"], 9, 3, 1, 1, 1, 2, 1, 0.25)
counts("PMI", svc[pmi], 5, 3, 2, 0, 0, 0, 0, 0.4)
ag = {x["name"]: x for x in a["by_agent"]}
eq("agents", sorted(ag), sorted(["Anne Martin", "Paul <b>Durand</b>", "Léa Petit"]))
counts("Anne Martin", ag["Anne Martin"], 4, 2, 1, 1, 0, 0, 0, 0.3333)
counts("Paul Durand", ag["Paul <b>Durand</b>"], 5, 1, 0, 0, 1, 2, 1, 0.0)
counts("Léa Petit", ag["Léa Petit"], 5, 3, 2, 0, 0, 0, 0, 0.4)
mo = {x["name"]: x for x in a["by_motif"]}
eq("motifs", sorted(mo), sorted(["Premier accueil", "=SOMME(1;2)", "Consultation"]))
counts("Premier accueil", mo["Premier accueil"], 5, 3, 0, 0, 0, 2, 0, 0.0)
counts("=SOMME", mo["=SOMME(1;2)"], 4, 0, 1, 1, 1, 0, 1, 1.0)
counts("Consultation", mo["Consultation"], 5, 3, 2, 0, 0, 0, 0, 0.4)
eq("motif service", mo["Consultation"]["service"], pmi)
w = d["arrivals"]
eq("arrivals total", w["total"], {"arrivals": 7, "seen_after_arrival": 6,
   "wait_median_minutes": 15, "wait_p90_minutes": 40})
ws = {x["name"]: x for x in w["by_site"]}
eq("arrivals Centre", {k: v for k, v in ws["MDS Centre"].items() if k not in ("id", "name")},
   {"arrivals": 5, "seen_after_arrival": 4, "wait_median_minutes": 15, "wait_p90_minutes": 30})
eq("arrivals Nord", {k: v for k, v in ws["MDS \"Nord\"; annexe"].items() if k not in ("id", "name")},
   {"arrivals": 2, "seen_after_arrival": 2, "wait_median_minutes": 22.5, "wait_p90_minutes": 40})
c = d["changes"]
eq("changes total", c["total"], {"created": 4, "moved": 2, "cancelled": 2})
eq("changes by actor", c["by_actor"], [
   {"actor": "amartin", "created": 3, "moved": 1, "cancelled": 1},
   {"actor": "lpetit", "created": 1, "moved": 1, "cancelled": 1}])
n = d["next_day"]
eq("next day", (n["date"], n["appointments"]), ("2026-11-26", 2))
eq("next day by site", sorted((x["name"], x["appointments"]) for x in n["by_site"]),
   sorted([("MDS Centre", 1), ("MDS \"Nord\"; annexe", 1)]))
eq("next day by agent", sorted((x["agent"], x["appointments"], x["first_start"], x["last_end"])
   for x in n["by_agent"]), [("Anne Martin", 1, "09:00", "09:30"), ("Léa Petit", 1, "14:00", "15:00")])
wk = d["noshow_weeks"]
eq("weeks", [x["week_start"] for x in wk], ["2026-10-05", "2026-10-12", "2026-10-19",
   "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"])
eq("week of 19/10", (wk[2]["seen"], wk[2]["noshow"], wk[2]["noshow_rate"]), (2, 2, 0.5))
eq("week of 26/10", (wk[3]["seen"], wk[3]["noshow"], wk[3]["noshow_rate"]), (0, 1, 1.0))
eq("week of 23/11", (wk[7]["seen"], wk[7]["noshow"], wk[7]["noshow_rate"]), (6, 4, 0.4))
eq("an empty week", (wk[0]["seen"], wk[0]["noshow"], wk[0]["noshow_rate"]), (0, 0, None))
print("\n".join(problems) if problems else "ok")
' "$TEST_TMP/day.json"
py "json: valid UTF-8 (invalid bytes of the file replaced)" '
import sys
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")
print("ok" if b"\xff" not in raw and b"\x1b" not in raw else "raw bytes passed through")
' "$TEST_TMP/day.json"

# ---- one site, a range -------------------------------------------------------
run report --db "$DB" --date 25/11/2026 --site "MDS Centre" --format json
expect "json: one site" 0
printf '%s' "$out" >"$TEST_TMP/site.json"
py "json: one site's figures, its audit rows only" '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
t = d["appointments"]["total"]
got = (d["site"]["name"], t["booked"], t["seen"], t["noshow"], t["noshow_rate"],
       [x["name"] for x in d["appointments"]["by_site"]], d["changes"]["by_actor"],
       d["next_day"]["appointments"], d["arrivals"]["total"]["arrivals"])
want = ("MDS Centre", 10, 4, 1, 0.2, ["MDS Centre"],
        [{"actor": "amartin", "created": 3, "moved": 1, "cancelled": 1},
         {"actor": "lpetit", "created": 0, "moved": 1, "cancelled": 1}], 1, 5)
print("ok" if got == want else "%r != %r" % (got, want))
' "$TEST_TMP/site.json"
run report --db "$DB" --from 2026-11-24 --to 2026-11-25 --format json
expect "json: a range of two days" 0
printf '%s' "$out" >"$TEST_TMP/range.json"
py "json: the range adds the day before" '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
t = d["appointments"]["total"]
got = (d["period"], t["booked"], t["noshow"], t["noshow_rate"], d["changes"]["total"], d["next_day"]["date"])
want = ({"from": "2026-11-24", "to": "2026-11-25", "days": 2}, 15, 4, 0.4,
        {"created": 5, "moved": 2, "cancelled": 2}, "2026-11-26")
print("ok" if got == want else "%r != %r" % (got, want))
' "$TEST_TMP/range.json"

# ---- across the autumn daylight-saving change ---------------------------------
# 10-24 23:30 seen (waited 10), 10-25 02:30 no-show (the hour that happens
# twice), 10-25 23:30 seen (waited 12); 10-23 23:59 and 10-26 00:00 are outside.
run report --db "$DB" --from 2026-10-24 --to 2026-10-25 --format json
expect "json: a range across the daylight-saving change" 0
printf '%s' "$out" >"$TEST_TMP/dst.json"
py "json: civil days across the change, nothing lost or doubled" '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
t = d["appointments"]["total"]
w = d["arrivals"]["total"]
got = (t["booked"], t["seen"], t["noshow"], t["noshow_rate"], w["arrivals"],
       w["wait_median_minutes"], w["wait_p90_minutes"], d["next_day"]["date"],
       d["next_day"]["appointments"], d["noshow_weeks"][-1])
want = (3, 2, 1, 0.3333, 2, 11, 12, "2026-10-26", 1,
        {"week_start": "2026-10-19", "seen": 2, "noshow": 2, "noshow_rate": 0.5})
print("ok" if got == want else "%r != %r" % (got, want))
' "$TEST_TMP/dst.json"

# ---- an empty day ----------------------------------------------------------------
run report --db "$DB" --date 2026-12-25 --format json
expect "json: an empty day" 0
printf '%s' "$out" >"$TEST_TMP/empty.json"
py "json: an empty day says so, with zero counts and null rates" '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
t = d["appointments"]["total"]
got = (d["empty"], t["booked"], t["noshow_rate"], d["appointments"]["by_site"],
       d["arrivals"]["total"]["wait_median_minutes"], d["changes"]["by_actor"])
print("ok" if got == (True, 0, None, [], None, []) else repr(got))
' "$TEST_TMP/empty.json"
run report --db "$DB" --date 2026-12-25
expect "text: an empty day says so" 0 "No appointment and no change in this period."
run report --db "$DB" --date 2026-12-25 --format html
expect "html: an empty day says so" 0 "No appointment and no change in this period."
run report --db "$DB" --date 2026-12-25 --format csv
expect "csv: an empty day says so" 0 "No appointment and no change in this period."

# ---- text ------------------------------------------------------------------------
run report --db "$DB"
expect "text: today by default" 0 "Summary - every site - 25/11/2026"
printf '%s\n' "$out" >"$TEST_TMP/day.txt"
check "text: totals line" grep -qE '^  All +14 +6 +3 +1 +1 +2 +1 +33\.3 %$' "$TEST_TMP/day.txt"
check "text: a site line" grep -qE '^  MDS Centre +10 +4 +1 +1 +1 +2 +1 +20\.0 %$' "$TEST_TMP/day.txt"
check "text: waits of every site" grep -qE '^  All +7 +6 +15 +40$' "$TEST_TMP/day.txt"
check "text: a motif with its service" grep -qF "=SOMME(1;2) (Accueil social)" "$TEST_TMP/day.txt"
check "text: no escape character reaches the terminal" test -z "$(tr -d '\n' <"$TEST_TMP/day.txt" | LC_ALL=C grep -c $'\x1b' | grep -v '^0$')"
check "text: the escape sequence is shown as text" grep -qF "PMI�[31m�" "$TEST_TMP/day.txt"
check "text: changes by whom" grep -qE '^  lpetit +1 +1 +1$' "$TEST_TMP/day.txt"
check "text: the next day" grep -qF "Next day, 26/11/2026" "$TEST_TMP/day.txt"

# ---- CSV -------------------------------------------------------------------------
run report --db "$DB" --format csv --out "$TEST_TMP/day.csv"
expect "csv: written with --out" 0
py "csv: French dialect (BOM, ';', CRLF), figures and neutralised formulas" '
import csv, io, sys
raw = open(sys.argv[1], "rb").read()
problems = []
if not raw.startswith(b"\xef\xbb\xbf"): problems.append("no byte order mark")
body = raw[3:]
if body.replace(b"\r\n", b"").count(b"\n") or body.count(b"\r") != body.count(b"\r\n"):
    problems.append("a record not ended by CRLF")
rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline=""), delimiter=";"))
blocks, cur = {}, None
for r in rows:
    if len(r) == 1 and r[0] and cur is None: cur = r[0]; blocks[cur] = []; continue
    if not r: cur = None; continue
    if cur is not None: blocks[cur].append(r)
def row(block, name):
    for r in blocks.get(block, [])[1:]:
        if r[0] == name: return r
    problems.append("%s: no row %r" % (block, name))
    return []
if row("Appointments by site", "All") != ["All", "14", "6", "3", "1", "1", "2", "1", "33,3"]:
    problems.append("total row %r" % row("Appointments by site", "All"))
if row("Appointments by site", "MDS \"Nord\"; annexe")[1:] != ["4", "2", "2", "0", "0", "0", "0", "50,0"]:
    problems.append("quoted site name row")
m = row("Appointments by motif", "\x27=SOMME(1;2)")
if m[:3] != ["\x27=SOMME(1;2)", "Accueil social", "4"] or m[-1] != "100,0":
    problems.append("formula motif row %r" % m)
if any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r):
    problems.append("a cell starts like a formula")
if row("Arrivals and waiting time", "MDS \"Nord\"; annexe")[1:] != ["2", "2", "22,5", "40"]:
    problems.append("waits row")
if row("Appointments created, moved and cancelled", "amartin")[1:] != ["3", "1", "1"]:
    problems.append("changes row")
if blocks.get("Appointments by site", [[]])[0][:2] != ["Site", "Booked"]:
    problems.append("header row")
if "\x1b" in body.decode("utf-8"): problems.append("escape character in a cell")
print("\n".join(problems) if problems else "ok")
' "$TEST_TMP/day.csv"

# ---- HTML ------------------------------------------------------------------------
run report --db "$DB" --format html --out "$TEST_TMP/day.html"
expect "html: written with --out" 0
py "html: well formed, self-contained, real tables, SVG charts, text escaped" '
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "img", "input", "link", "hr", "col", "wbr"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.tags, self.text = [], [], {}, []
        self.th_in_table, self.table_th = 0, []
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for k, v in attrs:
            if k in ("src", "href") or (v and ("http:" in v or "https:" in v) and k != "xmlns"):
                self.problems.append("external reference %s=%r" % (k, v))
        if tag == "table": self.table_th.append(0)
        if tag == "th" and self.table_th: self.table_th[-1] += 1
        if tag not in VOID and not (tag in ("rect", "path", "circle", "line") and False):
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes %s" % (tag, self.stack[-1:] or "nothing"))
        else: self.stack.pop()
    def handle_data(self, d): self.text.append(d)
src = open(sys.argv[1], encoding="utf-8").read()
p = P(); p.feed(src); p.close()
text = "".join(p.text)
pr = p.problems
if p.stack: pr.append("unclosed %r" % p.stack)
if p.tags.get("script"): pr.append("a script")
if p.tags.get("b"): pr.append("markup from the data became a tag")
if "Paul <b>Durand</b>" not in text: pr.append("the agent name is not shown as text")
if "=SOMME(1;2)" not in text: pr.append("motif missing")
if p.tags.get("svg", 0) < 2: pr.append("charts missing (%d svg)" % p.tags.get("svg", 0))
if p.tags.get("table", 0) < 7: pr.append("tables missing")
if any(n == 0 for n in p.table_th): pr.append("a table without header cells")
if "@page" not in src or "A4" not in src or "@media print" not in src: pr.append("no A4 print style")
if "@import" in src or "url(http" in src: pr.append("an external style")
if "\x1b" in src or "\ufffd" not in text: pr.append("control character not replaced")
if "33,3 %" not in text and "33.3 %" not in text: pr.append("rate missing")
print("\n".join(pr) if pr else "ok")
' "$TEST_TMP/day.html"

# ---- --out for cron ----------------------------------------------------------------
echo "previous report" >"$TEST_TMP/keep.txt"
run report --db "$DB" --out "$TEST_TMP/keep.txt"
expect "out: an existing file is replaced" 0
check "out: the new report is in place" grep -qF "Summary - every site" "$TEST_TMP/keep.txt"
check "out: no temporary file left" test -z "$(ls -A "$TEST_TMP" | grep '^\.keep\.txt\.')"
run report --db "$DB" --out "$TEST_TMP/no/such/folder/r.txt"
expect "out: a folder that does not exist: exit 1 naming the file" 1 "$TEST_TMP/no/such/folder/r.txt"
run report --db "$DB" --out "$TEST_TMP/keep.txt/r.txt"
expect "out: a folder that is a file: exit 1 with a message" 1 "cannot write"
mkdir "$TEST_TMP/ro"
echo "old" >"$TEST_TMP/ro/r.txt"
chmod 555 "$TEST_TMP/ro"
if [ "$(id -u)" -ne 0 ]; then # root writes anywhere: the case above stands in
    run report --db "$DB" --out "$TEST_TMP/ro/r.txt"
    expect "out: a read-only folder: exit 1 with a message" 1 "cannot write"
    check "out: the previous file is untouched" grep -qx old "$TEST_TMP/ro/r.txt"
fi
chmod 755 "$TEST_TMP/ro"
mkfifo "$TEST_TMP/pipe"
run report --db "$DB" --out "$TEST_TMP/pipe"
expect "out: a pipe is not replaced: exit 1" 1 "not a regular file"
check "out: the pipe is still a pipe" test -p "$TEST_TMP/pipe"
run report --db "$DB" --out "$TEST_TMP/ro"
expect "out: a folder: exit 1" 1 "not a regular file"
run report --db "$DB" --format json </dev/null
expect "cron: no terminal needed" 0 '"format": "guichet-report"'

# ---- refusals ------------------------------------------------------------------------
run report --db "$DB" --date 2026-02-30
expect "refused: impossible date" 2 "--date"
run report --db "$DB" --from 2026-11-25 --to 2026-11-24
expect "refused: --from after --to" 2 "--from"
run report --db "$DB" --from 2026-11-25
expect "refused: --from without --to" 2 "--to"
run report --db "$DB" --date 2026-11-25 --from 2026-11-24 --to 2026-11-25
expect "refused: --date with a range" 2 "--date"
run report --db "$DB" --site Nowhere
expect "refused: unknown site" 1 "--site"
run report --db "$DB" --format xml
expect "refused: unknown format" 2 "--format"
run report --db "$DB" extra
expect "refused: an unexpected argument" 2 "extra"
run report --db "$TEST_TMP/missing.db"
expect "refused: a missing database" 1 "missing.db"
run report --help
expect "help" 0 "--format"
unchanged "reports" "$DB"
finish
