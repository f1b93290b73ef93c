#!/usr/bin/env bash
# cli.sh - the command line, consistently: common options (--db, --user,
# --site, --locking) before or after the command and its action; --site by
# name or id; `ACTION --help` is that action's help; the usage lists every
# command; a mistyped name gets the closest ones; exit codes 0 done,
# 1 refused, 2 malformed, 3 unsafe shared file, for every command;
# `guichet init`; --user checked like any text; `person find ''` refused;
# birth dates in a plausible range; a moved appointment keeps its status
# rules; `appt slots --format csv` in the French dialect. The commands
# added for absences, opening hours, room loans, risk, summaries and
# privacy follow the same rules.
# time-limit: 600
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/cli.db"
demo_db "$DB" || bail_out "cannot create the demo database"
COUNT1=$(sql "$DB" "SELECT count(*) FROM appointment WHERE site_id = 1 AND starts_at LIKE '$TODAY %'")
lines() { printf '%s\n' "$out" | grep -c .; }

# ---- common options anywhere ----
run --db "$DB" appt list --date "$TODAY" --site 1
expect "--db before the command" 0
check "... lists the day of site 1" test "$(lines)" = "$COUNT1"
run appt --db "$DB" --site "MDS Centre" list --date "$TODAY"
expect "--db and --site between the command and its action" 0
check "... the same day" test "$(lines)" = "$COUNT1"
run --site=1 appt list --date "$TODAY" --db="$DB"
expect "--site=1 before, --db=FILE after" 0
check "... the same day" test "$(lines)" = "$COUNT1"
run --db "$DB" --locking posix --user desk-x person find Martin
expect "--locking and --user before the command" 0
run --locking nfs appt list --db "$DB" --date "$TODAY"
expect "a bad --locking before the command is malformed" 2 "--locking"
run --db "$DB" export day --site 1 --date "$TODAY"
expect "export day: --db before" 0
run --db "$DB" doctor
expect "doctor: --db before" 0 "Verdict"
run doctor --db "$DB" --site 1
expect "doctor: the common options are accepted after it too" 0

# ---- help ----
run --help
expect "guichet --help" 0
for c in init demo appt person absence hours export doctor unlock backup report purge \
         retention import risk remind site room association loan holidays slots; do
    check "the usage lists $c" grep -q "guichet .*$c" <<<"$out"
done
run appt move --help
expect "appt move --help" 0 "move ID"
check "... is move's help only" eval '! grep -q "cancel ID" <<<"$out"'
run appt slots --help
expect "appt slots --help" 0 "slots --motif"
check "... without add" eval '! grep -q "add --site" <<<"$out"'
run person find --help
expect "person find --help" 0 "find TEXT"
check "... without add" eval '! grep -q "add --last" <<<"$out"'
run hours change --help
expect "hours change --help" 0 "change ID"
check "... without list" eval '! grep -q "list --agent" <<<"$out"'
run loan approve --help
expect "loan approve --help: its entry (approve|refuse|cancel)" 0 "approve|refuse|cancel"
check "... without request" eval '! grep -q "request --room" <<<"$out"'
run room free --help
expect "room free --help" 0 "free --weekday"
check "... without add" eval '! grep -q "add --site" <<<"$out"'
run appt help move
expect "appt help move: the same as appt move --help" 0 "move ID"
check "... move only" eval '! grep -q "cancel ID" <<<"$out"'
run appt --help
check "appt --help lists every action" eval 'for a in add move cancel status arrive list slots; do
    grep -q "^  $a " <<<"$out" || exit 1; done'

# ---- suggestions ----
run apt list
expect "unknown command" 2 "did you mean appt"
run appt lsit --db "$DB"
expect "unknown action" 2 "did you mean list"
run person fnd x
expect "unknown person action" 2 "did you mean find"
run appt list --db "$DB" --dtae "$TODAY"
expect "unknown option" 2 "did you mean --date"
run appt list --db "$DB" --date "$TODAY" --site "MDS Centr"
expect "unknown site: refused" 1 'did you mean "MDS Centre"'
run appt slots --db "$DB" --motif "Premier accueil socal"
expect "unknown motif" 1 'did you mean "Premier accueil social"'
run hours lst
expect "unknown hours action" 2 "did you mean list"
run loan aprove 1
expect "unknown loan action" 2 "did you mean approve"
run room fre
expect "unknown room action" 2 "did you mean free"
run risk evalute
expect "unknown risk action" 2 "did you mean evaluate"
run exprot day
expect "unknown command near export" 2 "did you mean export"
run report --db "$DB" --dtae "$TODAY"
expect "report: a mistyped option gets the closest one" 2 "did you mean --date"
run absence add --db "$DB" --to x
expect "absence add: no far-fetched suggestion for --to" 2 "unknown option"
check "... none at all" eval '! grep -q "did you mean" <<<"$err"'

# ---- exit codes, command by command ----
AID=$(sql "$DB" "SELECT min(id) FROM appointment WHERE status = 'unknown' AND starts_at >= '2026-11-27'")
U=(--db "$DB" --user desk-test)
snapshot "$DB"
run appt add "${U[@]}" --site 1 --agent 999 --motif 1 --person 1 --at "2026-11-27 10:00"
expect "appt add: unknown agent id is refused" 1
run appt add "${U[@]}" --site 1 --agent 1 --motif 1 --person 1 --at "someday"
expect "appt add: malformed --at" 2
run appt move 999999 "${U[@]}" --at "2026-11-27 10:00"
expect "appt move: unknown id is refused" 1 "999999"
run appt move x "${U[@]}" --at "2026-11-27 10:00"
expect "appt move: malformed id" 2
run appt cancel 999999 "${U[@]}" --by person --reason x
expect "appt cancel: unknown id is refused" 1
run appt cancel "$AID" "${U[@]}" --by nobody --reason x
expect "appt cancel: malformed --by" 2
run appt status "$AID" "${U[@]}" seen
expect "appt status: the clock refuses seen in the future" 1 "day of the appointment"
run appt status "$AID" "${U[@]}" sen
expect "appt status: malformed status" 2
run appt arrive "$AID" "${U[@]}"
expect "appt arrive: refused on another day" 1
run appt arrive "$AID" "${U[@]}" extra
expect "appt arrive: malformed (extra argument)" 2
run appt list "${U[@]}" --date 2026-02-30
expect "appt list: malformed date" 2
run appt slots "${U[@]}" --motif 1 --count 0
expect "appt slots: malformed count" 2
run absence add "${U[@]}" --agent 999 --from "2026-12-01 09:00" --until "2026-12-01 12:00"
expect "absence add: unknown agent is refused" 1
run absence add "${U[@]}" --agent 1 --from "someday" --until "2026-12-01 12:00"
expect "absence add: malformed --from" 2
run hours list "${U[@]}" --agent 999
expect "hours list: unknown agent is refused" 1
run hours change 999999 "${U[@]}" --start 09:00
expect "hours change: unknown id is refused" 1
run hours change x "${U[@]}" --start 09:00
expect "hours change: malformed id" 2
run hours delete 999999 "${U[@]}"
expect "hours delete: unknown id is refused" 1
run person export 999999 "${U[@]}"
expect "person export: unknown id is refused" 1
run person erase 999999 "${U[@]}" --reason x
expect "person erase: unknown id is refused" 1
run person erase 1 "${U[@]}"
expect "person erase: malformed (no --reason)" 2
run report "${U[@]}" --date "$TODAY" --site 999
expect "report: unknown site id is refused" 1
run report "${U[@]}" --date 2026-13-01
expect "report: malformed date" 2
run risk list "${U[@]}" --site 999
expect "risk list: unknown site id is refused" 1
run risk list "${U[@]}" --min lots
expect "risk list: malformed --min" 2
# The model is fitted on the whole file: a --site would be ignored, so it
# is refused, before or after the command, and nothing is stored.
FITS0=$(sql "$DB" "SELECT count(*) FROM risk_model" 2>/dev/null)
run risk fit "${U[@]}" --site 1
expect "risk fit --site is refused (the model is the whole file's)" 2 "--site does not apply"
run --site 1 risk evaluate "${U[@]}" --split 2026-06-01
expect "risk evaluate with --site before the command is refused" 2 "--site does not apply"
check "... and no model was stored" test "$(sql "$DB" "SELECT count(*) FROM risk_model" 2>/dev/null)" = "$FITS0"
run purge "${U[@]}" --before someday
expect "purge: malformed --before" 2
run retention "${U[@]}" --months 0
expect "retention: malformed --months" 2
run remind "${U[@]}"
expect "remind: neither --dry-run nor --send is malformed" 2
run import appointments "${U[@]}"
expect "import: malformed (no file)" 2
run room add "${U[@]}" --site 999 --name "Salle X" --capacity 10
expect "room add: unknown site is refused" 1
run room add "${U[@]}" --site 1 --name "Salle X" --capacity lots
expect "room add: malformed capacity" 2
run room list "${U[@]}" --site 999
expect "room list: unknown site is refused" 1
run loan approve 999999 "${U[@]}"
expect "loan approve: unknown request is refused" 1
run loan approve x "${U[@]}"
expect "loan approve: malformed id" 2
run loan list "${U[@]}" --site 999
expect "loan list: unknown site is refused" 1
run association add "${U[@]}"
expect "association add: malformed (no --name)" 2
run site add "${U[@]}" --name "X" --kind castle
expect "site add: malformed --kind" 2
run holidays import "$TEST_TMP/none.csv" "${U[@]}"
expect "holidays import: a missing file cannot be read" 1
run person add "${U[@]}" --last "$(sql "$DB" "SELECT last_name FROM beneficiary WHERE id = 1")" \
    --first "$(sql "$DB" "SELECT first_name FROM beneficiary WHERE id = 1")" \
    --birth "$(sql "$DB" "SELECT strftime('%d/%m/%Y', birth_date) FROM beneficiary WHERE id = 1")"
expect "person add: a possible duplicate is refused" 1
run person add "${U[@]}"
expect "person add: malformed (no --last)" 2
run person find "${U[@]}" ""
expect "person find '': refused as malformed, not everyone" 2 "search text"
check "... and lists nobody" test -z "$out"
run person find "${U[@]}" "   "
expect "person find '   ': the same" 2
run export day "${U[@]}" --site 999 --date "$TODAY"
expect "export day: unknown site id is refused" 1
run export day "${U[@]}" --site 1 --date tomorrow
expect "export day: malformed date" 2
unchanged "refusals" "$DB"
run unlock --db "$TEST_TMP/none.db"
expect "unlock: a missing file is not an error (nothing to clear)" 0
run unlock --db "$DB" --frob
expect "unlock: malformed option" 2
run doctor --db "$TEST_TMP/none.db"
expect "doctor: a missing file cannot be examined" 1
run doctor --frob
expect "doctor: malformed option" 2
run backup --db "$DB" "$TEST_TMP/b1.db"
expect "backup: done" 0
run backup --db "$DB" "$TEST_TMP/b1.db"
expect "backup: an existing target is refused" 1 "already exists"
check "... with no \"invalid input\"" eval '! grep -q "invalid input" <<<"$err"'
run backup --db "$DB"
expect "backup: malformed (no destination)" 2
run demo --db "$DB"
expect "demo: a file holding data is refused" 1
run demo --db "$TEST_TMP/d.db" --scale 0
expect "demo: malformed scale" 2

# exit 3: a POSIX desk writes while this one uses dot-file locking
BUILD_DIR=${GUICHET_BUILD:-build}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$TEST_ROOT/$BUILD_DIR" ;; esac
BOOKER="$BUILD_DIR/tools/booker"
if [ -x "$BOOKER" ]; then
    M="$TEST_TMP/mixed.db"
    "$BOOKER" init --db "$M" --agents 2 >/dev/null 2>&1 || not_ok "booker init"
    MP=$("$GUICHET" person add --db "$M" --last Mixte --force 2>/dev/null)
    MA=$("$GUICHET" appt add --db "$M" --site "Site test" --agent 1 --motif 1 --person "$MP" \
        --at "2026-11-27 10:00" --force 2>/dev/null)
    "$BOOKER" hold --db "$M" --locking posix --hold-ms 120000 --rows 2 >"$TEST_TMP/hold.out" 2>&1 &
    HOLDER=$!
    for _ in $(seq 1 400); do grep -q holding "$TEST_TMP/hold.out" && break; sleep 0.05; done
    if grep -q holding "$TEST_TMP/hold.out"; then
        for args in "appt cancel $MA --by person --reason x" "appt status $MA revoked --reason x" \
                    "person add --last Unsafe --force"; do
            # shellcheck disable=SC2086
            run $args --db "$M" --locking dotfile --user desk-test
            expect "${args%% [0-9-]*}: unsafe shared file (mixed locking) exits 3" 3
        done
    else
        not_ok "the POSIX desk did not start holding"; cat "$TEST_TMP/hold.out"
    fi
    kill "$HOLDER" 2>/dev/null; wait "$HOLDER" 2>/dev/null
else
    not_ok "the booker tool is missing at $BOOKER (make tests)"
fi

# ---- guichet init ----
NEW="$TEST_TMP/office.db"
run init --db "$NEW" --site "MDS Sud" --timezone Indian/Reunion --user installer
expect "init: creates an empty database" 0 "MDS Sud"
check "... with its one site and nothing else" test "$(sql "$NEW" "SELECT name || '|' || timezone FROM site")|$(sql "$NEW" \
    "SELECT count(*) FROM agent") $(sql "$NEW" "SELECT count(*) FROM appointment")" = "MDS Sud|Indian/Reunion|0 0"
check "... the site written by the --user" test "$(sql "$NEW" "SELECT actor FROM audit WHERE entity = 'site'")" = installer
run appt list --db "$NEW" --date "$TODAY" --site "MDS Sud"
expect "... ready: the commands open it" 0
snapshot "$NEW"
run init --db "$NEW" --site "Other"
expect "init: an existing path is refused" 1 "already exists"
unchanged "init over an existing file" "$NEW"
ln -s "$TEST_TMP/elsewhere.db" "$TEST_TMP/link.db"
run init --db "$TEST_TMP/link.db" --site "X"
expect "init: a symbolic link is refused" 1
check "... its target was not created" test ! -e "$TEST_TMP/elsewhere.db"
run init --db "$TEST_TMP/n2.db"
expect "init: --site is required" 2 "--site"
check "... and nothing was created" test ! -e "$TEST_TMP/n2.db"
run init --db "$TEST_TMP/n3.db" --site $'bad\tname'
expect "init: a site name with a control character" 2
check "... leaves no file behind" test ! -e "$TEST_TMP/n3.db"
run init --db "$TEST_TMP/n4.db" --site "X" --timezone Mars/Olympus
expect "init: an unknown time zone" 2 "time zone"
check "... leaves no file behind" test ! -e "$TEST_TMP/n4.db"
run init --site "X"
expect "init: --db is required" 2 "--db"
run --db "$TEST_TMP/n5.db" --site "MDS Est" init --timezone Europe/Paris
expect "init: common options before the command" 0 "MDS Est"

# ---- --user is text like any other ----
snapshot "$DB"
run appt cancel "$AID" --db "$DB" --by person --reason x --user $'desk\xff'
expect "--user: invalid UTF-8 is refused" 2 "UTF-8"
run appt cancel "$AID" --db "$DB" --by person --reason x --user $'desk\e[2J'
expect "--user: a control character is refused" 2 "control character"
run appt cancel "$AID" --db "$DB" --by person --reason x --user "$(printf 'u%.0s' $(seq 1 64))"
expect "--user: 64 bytes are refused, not cut" 2 "too long"
run appt cancel "$AID" --db "$DB" --by person --reason x --user ""
expect "--user: empty" 2
unchanged "refused users" "$DB"
LONGEST=$(printf 'é%.0s' $(seq 1 31))  # 62 bytes
run appt cancel "$AID" --db "$DB" --by person --reason x --user "$LONGEST"
expect "--user: 62 bytes of accents are taken whole" 0
check "... and stored whole" test "$(sql "$DB" "SELECT actor FROM audit WHERE entity_id = $AID ORDER BY id DESC LIMIT 1")" = "$LONGEST"

# ---- birth dates ----
snapshot "$DB"
for d in 01/01/1800 12/03/3000 26/11/2026 31/12/1899; do
    run person add --db "$DB" --last Plausible --birth "$d" --force
    expect "person add: birth date $d is refused" 2 "birth date"
done
unchanged "implausible birth dates" "$DB"
run person add --db "$DB" --last Plausible --birth 01/01/1900 --force
expect "person add: born 1 January 1900 is accepted" 0

# ---- a move keeps the status rules ----
SEEN=$(sql "$DB" "SELECT min(id) FROM appointment WHERE status = 'seen' AND starts_at < '$TODAY'")
FREE=$(sql "$DB" "SELECT '2026-12-0' || (1 + abs(random()) % 4) || ' 07:00'")
snapshot "$DB"
run appt move "$SEEN" --db "$DB" --at "2026-12-02 07:00" --force --overbook
expect "a past seen appointment moved into the future is refused" 1 "unknown first"
unchanged "refused move of a seen appointment" "$DB"
run appt status "$SEEN" --db "$DB" unknown
expect "... back to unknown" 0
run appt move "$SEEN" --db "$DB" --at "2026-12-02 07:00" --force --overbook
expect "... then it moves" 0

# ---- slots CSV: the French dialect, like appt list ----
run appt slots --db "$DB" --motif 1 --count 3 --format csv
printf '%s' "$out" >"$TEST_TMP/slots.csv"
check "slots csv: starts with the UTF-8 byte order mark" \
    test "$(head -c 3 "$TEST_TMP/slots.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "slots csv: ';' separated header" grep -q "Start;End;Agent id;Agent;Site id;Site" "$TEST_TMP/slots.csv"
check "slots csv: every line ends with CRLF (header and 3 slots)" \
    test "$(grep -c $'\r$' "$TEST_TMP/slots.csv")" = 4
finish
