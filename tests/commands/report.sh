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
#   alerts     shown for 3 (noshow, called), 4 (excused), 8 (upcoming, confirmed),
#              10 (seen, called + confirmed), 11 (noshow): flagged 5 = seen 1, noshow 2,
#              cancelled 1, not known 1, rate 2/3; called 3 10: 1 1 0 0, 1/2;
#              confirmed 8 10: 1 0 0 1, 0/1; neither 4 11: 0 1 1 0, 1/1
#   riskiest   next day, alerted and not cancelled: 15 (0.71), 17 (0.45, called); 16 revoked
#   reminders  next day: sms 15 failed, 17 sent; e-mail 17 to send (its person asks for it)
#   rooms      Collège Jean Moulin, Wednesday lending hours 14:00-22:00 = 8 h per room;
#              Gymnase approved 18:00-20:00 + 20:00-21:30 = 3.5 h: 43.75 %; Salle 12:
#              a request waiting and a cancelled date: 0 h: 0 %; site 3.5 / 16 = 21.875 %
#              Tuesday 24 (hours 18:00-22:00): Gymnase 4 h open, Salle 12 closed (blackout)
#   waiting    request 3 (Échecs) asked 15/10 = 41 days, 2 dates; request 2 (=Chorale)
#              asked 20/11 = 5 days, 2 dates from 02/12
#   insurance  until 25/12: judo 10/12 (15 days left), =Chorale none on file; Échecs
#              ends in 2027; Théâtre ended 01/11 but its only date to come is cancelled
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
def outcome(what, o, n, s, ns, c, u, rate):
    eq(what, (o["appointments"], o["seen"], o["noshow"], o["cancelled"], o["not_known_yet"],
              o["noshow_rate"]), (n, s, ns, c, u, rate))
al = d["alerts"]
outcome("alerts flagged", al["flagged"], 5, 1, 2, 1, 1, 0.6667)
outcome("alerts called", al["called"], 2, 1, 1, 0, 0, 0.5)
outcome("alerts confirmed", al["confirmed"], 2, 1, 0, 0, 1, 0.0)
outcome("alerts neither", al["not_contacted"], 2, 0, 1, 1, 0, 1.0)
eq("riskiest", [(x["appointment_id"], x["risk"], x["called"], x["confirmed"], x["site"])
   for x in n["riskiest"]], [(15, 0.71, False, False, "MDS Centre"),
                             (17, 0.45, True, False, "MDS \"Nord\"; annexe")])
rm = n["reminders"]
eq("reminders total", rm["total"], {"to_send": 1, "sending": 0, "sent": 1, "failed": 1})
eq("reminders by channel", rm["by_channel"], [
   {"channel": "sms", "to_send": 0, "sending": 0, "sent": 1, "failed": 1},
   {"channel": "email", "to_send": 1, "sending": 0, "sent": 0, "failed": 0}])
lo = d["room_loans"]
eq("rooms total", lo["total"], {"hours_used": 3.5, "hours_open": 16.0, "occupancy": 0.2188})
eq("rooms by site", [(x["name"], x["hours_used"], x["hours_open"], x["occupancy"])
   for x in lo["by_site"]], [("Collège Jean Moulin", 3.5, 16.0, 0.2188)])
eq("rooms", [(x["name"], x["hours_used"], x["hours_open"], x["occupancy"]) for x in lo["by_room"]],
   [("Gymnase", 3.5, 8.0, 0.4375), ("Salle 12", 0.0, 8.0, 0.0)])
eq("pending", [(x["request_id"], x["association"], x["age_days"], x["first_date"], x["dates_waiting"])
   for x in lo["pending_requests"]], [(3, "Échecs", 41, "2026-11-25", 2), (2, "=Chorale", 5, "2026-12-02", 2)])
eq("insurance", [(x["name"], x["insured_until"], x["days_left"], x["requests"]) for x in lo["insurance"]],
   [("Club de judo", "2026-12-10", 15, 1), ("=Chorale", None, None, 1)])
eq("insurance window", lo["insurance_within_days"], 30)
print("\n".join(problems) if problems else "ok")
' "$TEST_TMP/day.json"
# Every key the day's summary emits (all its lists hold rows) is in the
# documented shape, as a key of its example or named in its table; every key
# of the example is emitted; the man page names the top-level keys and those
# of alerts, room_loans and next_day.
export REPORT_JSON_DOC="$TEST_ROOT/docs/report-json.md" REPORT_JSON_MAN="$TEST_ROOT/docs/guichet.1"
py "json: every key emitted is in docs/report-json.md and every key shown there is emitted" '
import json, os, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
doc = open(os.environ["REPORT_JSON_DOC"], encoding="utf-8").read()
before, rest = doc.split("```json", 1)
block, after = rest.split("```", 1)
shown = set(re.findall(r"\"([a-z_0-9]+)\":", block))
described = set()
for tok in re.findall(r"`([^`]+)`", before + after):
    described.update(re.findall(r"[a-z_0-9]+", tok))
emitted = {}
def walk(v, path):
    if isinstance(v, dict):
        for k, x in v.items():
            emitted.setdefault(k, path + "." + k)
            walk(x, path + "." + k)
    elif isinstance(v, list):
        for x in v:
            walk(x, path + "[]")
walk(d, "")
problems = ["emitted, not documented: " + w for k, w in sorted(emitted.items())
            if k not in shown and k not in described]
problems += ["documented, never emitted: " + k for k in sorted(shown - set(emitted))]
for section in ("alerts", "room_loans", "next_day"):
    if section not in emitted:
        problems.append("no " + section)
# the man page names the top-level keys and those of the sections
man = open(os.environ["REPORT_JSON_MAN"], encoding="utf-8").read().replace("\\-", "-")
names = list(d) + [k for s in ("alerts", "room_loans", "next_day") for k in d[s]]
problems += ["not in the man page: " + k for k in names if not re.search(r"\b" + k + r"\b", man)]
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
py "json: one site's alerts, reminders and no room of another site" '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
f = d["alerts"]["flagged"]
lo = d["room_loans"]
got = ((f["appointments"], f["seen"], f["noshow"], f["cancelled"], f["not_known_yet"], f["noshow_rate"]),
       [x["appointment_id"] for x in d["next_day"]["riskiest"]], d["next_day"]["reminders"]["by_channel"],
       lo["by_room"], lo["pending_requests"], lo["insurance"], lo["total"]["occupancy"])
want = ((3, 0, 1, 1, 1, 1.0), [15], [{"channel": "sms", "to_send": 0, "sending": 0, "sent": 0, "failed": 1}],
        [], [], [], None)
print("ok" if got == want else "%r != %r" % (got, want))
' "$TEST_TMP/site.json"
run report --db "$DB" --date 2026-11-25 --site "Collège Jean Moulin" --format json
expect "json: a collège" 0
printf '%s' "$out" >"$TEST_TMP/college.json"
py "json: a collège: its rooms, requests and certificates, no appointment" '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
lo = d["room_loans"]
got = (d["appointments"]["total"]["booked"], [x["name"] for x in lo["by_room"]],
       [x["request_id"] for x in lo["pending_requests"]], [x["name"] for x in lo["insurance"]],
       d["alerts"]["flagged"]["appointments"], d["next_day"]["riskiest"])
want = (0, ["Gymnase", "Salle 12"], [3, 2], ["Club de judo", "=Chorale"], 0, [])
print("ok" if got == want else "%r != %r" % (got, want))
' "$TEST_TMP/college.json"
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
py "json: occupancy over two days (lending hours per weekday, a room blackout)" '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
got = [(x["name"], x["hours_used"], x["hours_open"], x["occupancy"]) for x in d["room_loans"]["by_room"]]
want = [("Gymnase", 3.5, 12.0, 0.2917), ("Salle 12", 0.0, 8.0, 0.0)]
print("ok" if got == want else "%r != %r" % (got, want))
' "$TEST_TMP/range.json"

# ---- across the autumn daylight-saving change ---------------------------------
# 10-24 23:30 seen (waited 10), 10-25 02:30 no-show (the hour that happens
# twice), 10-25 23:30 seen (waited 12); 10-23 23:59 and 10-26 00:00 are outside.
# Alerts shown for 19 (seen, not contacted) and 20 (no-show, called); 23 the
# Friday before is outside: flagged 2, seen 1, no-show 1, rate 1/2; called 1
# (no-show, 1/1); confirmed 0 (null); neither 1 (seen, 0/1).
# Rooms, civil hours (the collège sets no week-end hours: any time, 24 h a
# day, the Sunday of the change too): Gymnase Saturday 20:00-22:00 and Sunday
# 01:30-03:30 (2 h on the clock although 3 h pass) = 4 h of 48: 0.0833;
# Salle 12 0 of 48; in all 4 of 96: 0.0417.
# Monday 10-26: 22 (00:00, no-show) and 24 (09:00, Claire) = 2; riskiest 24
# (0.8, confirmed) then 22 (0.6); reminders of 24: SMS sent, e-mail to send;
# the failed e-mail of 22 (not unknown) and SMS of 21 (Sunday) are not counted.
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
want = (3, 2, 1, 0.3333, 2, 11, 12, "2026-10-26", 2,
        {"week_start": "2026-10-19", "seen": 2, "noshow": 2, "noshow_rate": 0.5})
print("ok" if got == want else "%r != %r" % (got, want))
' "$TEST_TMP/dst.json"
py "json: alerts, room occupancy and the next day's riskiest and reminders across the change" '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
problems = []
def eq(what, got, want):
    if got != want:
        problems.append("%s: %r != %r" % (what, got, want))
a = d["alerts"]
o = lambda k: tuple(a[k][f] for f in ("appointments", "seen", "noshow", "cancelled",
                                       "not_known_yet", "noshow_rate"))
eq("flagged", o("flagged"), (2, 1, 1, 0, 0, 0.5))
eq("called", o("called"), (1, 0, 1, 0, 0, 1.0))
eq("confirmed", o("confirmed"), (0, 0, 0, 0, 0, None))
eq("neither", o("not_contacted"), (1, 1, 0, 0, 0, 0.0))
lo = d["room_loans"]
eq("rooms", [(x["name"], x["hours_used"], x["hours_open"], x["occupancy"]) for x in lo["by_room"]],
   [("Gymnase", 4.0, 48.0, 0.0833), ("Salle 12", 0.0, 48.0, 0.0)])
eq("rooms in all", (lo["total"]["hours_used"], lo["total"]["hours_open"], lo["total"]["occupancy"]),
   (4.0, 96.0, 0.0417))
eq("site", [(x["name"], x["hours_used"], x["hours_open"]) for x in lo["by_site"]],
   [("Collège Jean Moulin", 4.0, 96.0)])
n = d["next_day"]
eq("riskiest", [(x["appointment_id"], x["starts_at"], x["risk"], x["called"], x["confirmed"])
                for x in n["riskiest"]],
   [(24, "2026-10-26 09:00", 0.8, False, True), (22, "2026-10-26 00:00", 0.6, False, False)])
r = n["reminders"]
eq("reminders", r["total"], {"to_send": 1, "sending": 0, "sent": 1, "failed": 0})
eq("by channel", r["by_channel"],
   [{"channel": "sms", "to_send": 0, "sending": 0, "sent": 1, "failed": 0},
    {"channel": "email", "to_send": 1, "sending": 0, "sent": 0, "failed": 0}])
print("\n".join(problems) if problems else "ok")
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
py "json: an empty day (a public holiday): rooms closed, no alert, requests still waiting" '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
lo = d["room_loans"]
got = (lo["total"], d["alerts"]["flagged"]["appointments"], d["alerts"]["flagged"]["noshow_rate"],
       len(lo["pending_requests"]), d["next_day"]["riskiest"], d["next_day"]["reminders"]["total"])
want = ({"hours_used": 0.0, "hours_open": 0.0, "occupancy": None}, 0, None, 2, [],
        {"to_send": 0, "sending": 0, "sent": 0, "failed": 0})
print("ok" if got == want else "%r != %r" % (got, want))
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
check "text: alert outcomes" grep -qE '^  Flagged +5 +1 +2 +1 +1 +66\.7 %$' "$TEST_TMP/day.txt"
check "text: alerts neither called nor confirmed" grep -qE '^  Neither called nor confirmed +2 +0 +1 +1 +0 +100\.0 %$' "$TEST_TMP/day.txt"
check "text: a room's occupancy with its bar" grep -qE '^  Collège Jean Moulin +Gymnase +3\.5 +8\.0 +43\.8 % +#########$' "$TEST_TMP/day.txt"
check "text: the site's rooms together" grep -qE '^  Collège Jean Moulin +All rooms +3\.5 +16\.0 +21\.9 % +####$' "$TEST_TMP/day.txt"
check "text: requests waiting" grep -qF "2 requests waiting for a decision on 25/11/2026" "$TEST_TMP/day.txt"
check "text: the oldest request first with its age" grep -qE '^ +3 +Échecs +Salle 12 +Collège Jean Moulin +15/10/2026 +41 +2$' "$TEST_TMP/day.txt"
check "text: a certificate ending soon" grep -qE '^  Club de judo +10/12/2026 +15 +1$' "$TEST_TMP/day.txt"
check "text: a certificate missing" grep -qE '^  =Chorale +none on file +- +1$' "$TEST_TMP/day.txt"
check "text: the riskiest of the next day" grep -qE '^ +15 +09:00 +MDS Centre +Premier accueil +71 % +no +no$' "$TEST_TMP/day.txt"
check "text: reminders by channel" grep -qE '^  SMS +0 +0 +1 +1$' "$TEST_TMP/day.txt"
check "text: no line ends with a space" test -z "$(grep -n ' $' "$TEST_TMP/day.txt" | grep -v 'From   To' | head -n 1)"
# The status shares (legend and bars) are read on the 80-column summary
# screen: their section fits in 78 columns, in English and in French.
shares_width() { sed -n '/^  \(Status shares per service\|Statuts par service\):$/,/^$/p' "$1" | wc -L; }
check "text: the status legend goes under its title" grep -qE '^    # Seen  X No-show  = Excused  - Revoked  \+ To fill in  \. Upcoming$' "$TEST_TMP/day.txt"
check "text: the status shares fit in 78 columns ($(shares_width "$TEST_TMP/day.txt"))" \
    eval '[ "$(shares_width "$TEST_TMP/day.txt")" -gt 60 ] && [ "$(shares_width "$TEST_TMP/day.txt")" -le 78 ]'
if locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
    LC_ALL=fr_FR.UTF-8 "$GUICHET" report --db "$DB" >"$TEST_TMP/day-fr.txt" 2>&1
    check "text, French: the status shares fit in 78 columns ($(shares_width "$TEST_TMP/day-fr.txt"))" \
        eval 'grep -q "^  Statuts par service:$" "$TEST_TMP/day-fr.txt" && [ "$(shares_width "$TEST_TMP/day-fr.txt")" -gt 50 ] && [ "$(shares_width "$TEST_TMP/day-fr.txt")" -le 78 ]'
else
    not_ok "the fr_FR.UTF-8 locale is missing (scripts/install-deps generates it)"
fi
# French (scripts/install-deps makes the fr_FR.UTF-8 locale)
out=$(LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 LANGUAGE=fr "$GUICHET" report --db "$DB" 2>"$TEST_TMP/stderr")
rc=$? err=$(cat "$TEST_TMP/stderr")
expect "text in French: the new sections translated" 0 "Prêts de salles"
check "text in French: occupancy with a decimal comma" grep -qE 'Gymnase +3,5 +8,0 +43,8 %' <<<"$out"
check "text in French: alerts and reminders" grep -qE '^  (Ni appelé|Rappels)' <<<"$out"

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
if row("Room occupancy", "Collège Jean Moulin")[1:] != ["Gymnase", "3,5", "8,0", "43,8"]:
    problems.append("occupancy row %r" % row("Room occupancy", "Collège Jean Moulin"))
p = row("Requests waiting for a decision", "2")
if p[1:] != ["\x27=Chorale", "Gymnase", "Collège Jean Moulin", "2026-11-20 09:00", "5", "2026-12-02", "2"]:
    problems.append("waiting request row %r" % p)
if row("Insurance certificates ending within 30 days or missing", "Club de judo")[1:] != ["2026-12-10", "15", "1"]:
    problems.append("insurance row")
if row("No-show alerts", "Called")[1:] != ["2", "1", "1", "0", "0", "50,0"]:
    problems.append("alerts row %r" % row("No-show alerts", "Called"))
if row("Riskiest appointments of the next day", "17")[1:6] != ["2026-11-26 14:00", "MDS \"Nord\"; annexe", "Consultation", "45,0", "yes"]:
    problems.append("riskiest row")
if [r[1:] for r in blocks.get("Reminders of the next day", [])[1:]] != [
        ["SMS", "0", "0", "1", "1"], ["E-mail", "1", "0", "0", "0"], ["All", "1", "0", "1", "1"]]:
    problems.append("reminders rows %r" % blocks.get("Reminders of the next day"))
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
if p.tags.get("svg", 0) < 3: pr.append("charts missing (%d svg)" % p.tags.get("svg", 0))
if p.tags.get("table", 0) < 12: pr.append("tables missing (%d)" % p.tags.get("table", 0))
for words in ("Room occupancy", "Gymnase", "43.8 %", "Requests waiting for a decision", "=Chorale",
              "none on file", "No-show alerts", "Neither called nor confirmed", "Riskiest appointments already alerted",
              "Reminders"):
    if words not in text: pr.append("missing: " + words)
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
