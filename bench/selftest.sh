#!/usr/bin/env bash
# bench/selftest.sh - checks the bench's own tools, fast, without guichet.
#
# Runs bench/pty_driver on bench/floor over a tiny database made with the
# sqlite3 shell (throw-away tables with the columns floor reads), and checks
# that what the driver reports is true: the screen it measured shows the
# day's appointments, the next-day key changes the day, byte counts and
# memory are plausible, one screen per key, the program quit cleanly; and
# that the driver fails as documented when the program cannot run or never
# draws. Prints TAP (tests/run-all sums it).
#   bench/selftest.sh            binaries from $GUICHET_BUILD (default build)
set -u
build=${GUICHET_BUILD:-build}
driver=$build/bench/pty_driver
floor=$build/bench/floor
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
# check NAME CONDITION-COMMAND...
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi; }
kv() { sed -n "s/^$2=//p" "$1" | tail -n 1; }
# gt VALUE MIN: VALUE is a number above MIN
gt() { awk -v v="$1" -v m="$2" 'BEGIN { exit !(v ~ /^[0-9.]+$/ && v + 0 > m + 0) }'; }

for f in "$driver" "$floor"; do
    if [ ! -x "$f" ]; then
        echo "not ok 1 - $f is built (make BUILD=$build $f)"
        exit 1
    fi
done
command -v sqlite3 >/dev/null || { echo "not ok 1 - the sqlite3 shell is installed"; exit 1; }

tmp=$(mktemp -d /tmp/guichet-bench-selftest.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
db=$tmp/t.db
sqlite3 "$db" <<'EOF'
CREATE TABLE site (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE motif (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE beneficiary (id INTEGER PRIMARY KEY, last_name TEXT, first_name TEXT);
CREATE TABLE appointment (id INTEGER PRIMARY KEY, site_id INT, agent_id INT,
  motif_id INT, beneficiary_id INT, starts_at TEXT, ends_at TEXT, status TEXT);
CREATE INDEX appointment_site_start ON appointment(site_id, starts_at);
INSERT INTO site VALUES (1, 'Site Un'), (2, 'Site Deux');
INSERT INTO motif VALUES (1, 'Premier accueil'), (2, 'Suivi RSA');
INSERT INTO beneficiary VALUES (1, 'MARTINEAU', 'Élodie'), (2, 'BERTRAND', 'Noël'),
  (3, 'Evil', char(27) || ']0;PWNED' || char(7));
INSERT INTO appointment VALUES
  (1, 1, 1, 1, 1, '2026-03-17 09:00', '2026-03-17 09:30', 'unknown'),
  (2, 1, 2, 2, 2, '2026-03-17 10:00', '2026-03-17 10:45', 'seen'),
  (3, 2, 3, 1, 2, '2026-03-17 11:00', '2026-03-17 11:30', 'unknown'),
  (4, 1, 1, 2, 3, '2026-03-18 14:00', '2026-03-18 14:30', 'unknown');
EOF

export TZ=Europe/Paris LC_ALL=C.UTF-8 GUICHET_NOW="2026-03-17 10:00"

# 1. Steps: two next-day steps then quit.
out=$tmp/steps.txt
"$driver" --steps 2 --dump "$tmp/steps.raw" -- "$floor" --db "$db" --site 1 >"$out" 2>"$tmp/steps.err"
rc=$?
check "driver exits 0 on a well-behaved program" test "$rc" -eq 0
check "first_screen_ms is reported and positive" gt "$(kv "$out" first_screen_ms)" 0
check "first_screen_bytes counts the terminal output" gt "$(kv "$out" first_screen_bytes)" 100
check "each step is timed" gt "$(kv "$out" step_2_ms)" 0
check "each step's bytes are counted" gt "$(kv "$out" step_1_bytes)" 10
check "steps=2 and a median are reported" test "$(kv "$out" steps)" = 2 -a -n "$(kv "$out" step_ms_median)"
check "one screen per key (extra_screens=0)" test "$(kv "$out" extra_screens)" = 0
check "the program quit by itself with status 0" test "$(kv "$out" exit_status)" = 0
check "peak memory comes from wait4 (> 1 MiB)" gt "$(kv "$out" maxrss_kib)" 1024
# What the driver saw is the screen: replay the terminal output it copied
# (--dump) in a tmux pane of the same size and read the pane. The sequence
# that leaves the alternate screen is dropped so the last screen stays.
render() {
    local sock=guichet-bench-selftest-$$
    sed 's/\x1b\[?1049l//g' "$1" >"$1.replay"
    tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 24 \
        "cat '$1.replay'; touch '$1.done'; sleep 30" || return 1
    for _ in $(seq 1 100); do [ -f "$1.done" ] && break; sleep 0.05; done
    sleep 0.1
    tmux -L "$sock" capture-pane -p
    tmux -L "$sock" kill-server 2>/dev/null
}
if command -v tmux >/dev/null; then
    "$driver" --steps 0 --dump "$tmp/day1.raw" -- "$floor" --db "$db" --site 1 >/dev/null 2>&1
    day1=$(render "$tmp/day1.raw")
    day2=$(render "$tmp/steps.raw") # after two "]": 2026-03-19
    check "the first screen shows the day and its 2 appointments" \
        grep -q '2026-03-17  site 1  2 appointments' <<<"$day1"
    check "the first screen lists them with names from the database (UTF-8)" \
        grep -q '09:00-09:30  MARTINEAU Élodie  Premier accueil  unknown' <<<"$day1"
    check "other sites are not shown" test "$(grep -c '11:00' <<<"$day1")" = 0
    check "the step key moved two days on" grep -q '2026-03-19  site 1  0 appointments' <<<"$day2"
    # --before: keys sent (untimed, each after the screen settled) before
    # the steps: one "]" before, one step: the day after next.
    "$driver" --before ']' --settle-ms 100 --steps 1 --dump "$tmp/before.raw" -- "$floor" --db "$db" --site 1 \
        >"$tmp/before.txt" 2>/dev/null
    check "--before: the step is still timed alone" test "$(kv "$tmp/before.txt" steps)" = 1
    check "--before: the key was sent before the step" \
        grep -q '2026-03-19  site 1  0 appointments' <<<"$(render "$tmp/before.raw")"
else
    not_ok "tmux is installed (scripts/install-deps) to read the screens"
fi
"$driver" --steps 1 --dump "$tmp/evil.raw" -- "$floor" --db "$db" --site 1 >/dev/null 2>&1
check "the next day's row with an escape in a name was drawn" grep -q 'Evil ?]0;PWNED' "$tmp/evil.raw"
check "an escape sequence stored in the data is not sent raw" \
    test "$(grep -c $'\e]0;PWNED' "$tmp/evil.raw")" = 0

# 2. Exit after the first screen.
out=$tmp/first.txt
"$driver" --exit-after-first -- "$floor" --db "$db" --site 1 >"$out" 2>"$tmp/first.err"
rc=$?
check "--exit-after-first: exit 0" test "$rc" -eq 0
# The driver may read the last bytes of the first screen after the child's
# exit was noticed: both figures are checked present, not ordered.
check "--exit-after-first: exit_ms and first_screen_ms are reported" awk -v e="$(kv "$out" exit_ms)" -v f="$(kv "$out" first_screen_ms)" 'BEGIN { exit !(e != "" && f != "" && e + 0 > 0 && f + 0 > 0) }'
check "--exit-after-first: no step is sent" test -z "$(kv "$out" step_1_ms)"

# 3. Size of the terminal.
"$driver" --size 132x43 --steps 0 --dump "$tmp/big.raw" -- "$floor" --db "$db" --site 1 >"$out" 2>/dev/null
check "--size 132x43 is reported" test "$(kv "$out" cols)x$(kv "$out" rows)" = 132x43

# 4. Failures.
"$driver" -- "$tmp/no-such-program" >"$out" 2>"$tmp/err"
rc=$?
check "a program that cannot run: exit 2 and a message" test "$rc" -eq 2 -a -s "$tmp/err"
"$driver" --timeout-ms 300 -- sleep 5 >"$out" 2>"$tmp/err"
rc=$?
check "a program that never draws: exit 1 after the timeout" test "$rc" -eq 1
check "... and it was stopped (not left running)" grep -q '^exit_status=signal-' "$out"
"$driver" -- true >"$out" 2>"$tmp/err"
rc=$?
check "a program that exits without drawing: exit 1" test "$rc" -eq 1
check "... the message says it exited" grep -q 'exited before' "$tmp/err"
"$driver" --steps 1 -- "$floor" --db "$tmp/missing.db" >"$out" 2>"$tmp/err"
rc=$?
check "floor on a missing file fails (driver exit 1)" test "$rc" -eq 1
"$driver" --key '' -- true >/dev/null 2>&1
check "an empty --key is refused (exit 2)" test $? -eq 2

echo "1..$n"
exit "$failed"
