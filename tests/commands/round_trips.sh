#!/usr/bin/env bash
# round_trips.sh - on a network share every call that reaches the file
# system is a round trip to the server, so the calls guichet makes are
# counted (GUICHET_COUNT_IO, storage/io_count.c) and must stay under the
# numbers stated here: opening the console up to its first screen, one day
# step ("]") in it, `guichet appt add`, and a booking from the console.
# Counted, never timed; on a local file, since the counts do not depend on
# the file system (bench/net.sh shows the same counts through sshfs).
# Locking is dot-file, as on a share. A change that adds calls fails here:
# lower the numbers when a change saves some, raise them only with a reason
# (and the bench figures, README "On a network share").
# time-limit: 300
. "$(dirname "$0")/lib/common.sh"
build=${GUICHET_BUILD:-build}
case "$build" in /*) ;; *) build="$TEST_ROOT/$build" ;; esac
DRIVER=$build/bench/pty_driver
[ -x "$DRIVER" ] || bail_out "$DRIVER is missing (make $DRIVER)"

# ---- the stated numbers -------------------------------------------------
# open + first screen (demo file, 80x24; made by `guichet demo`, so with
# the page size of new files, 16 KiB; opening takes the lock once, and the
# first screen's reads, the site of --site included, share it)
FIRST_READS=23 FIRST_WRITES=2 FIRST_SYNCS=0 FIRST_META=32
# one day step, median of 6
STEP_READS=3 STEP_WRITES=1 STEP_SYNCS=0 STEP_META=10
# `guichet appt add`, the whole process (the lookups, the checks and the
# booking under one lock; a brief desk: its announcement is not renamed,
# the folder of announcements stays). The root pages a booking reads are
# read together, about one round trip for all (db_appt_read_ahead_roots):
# one of them, the index of sites by name, for nothing here (--site 1).
ADD_READS=35 ADD_WRITES=15 ADD_SYNCS=3 ADD_META=41
# ----------------------------------------------------------------------------

mkdir -p "$XDG_CONFIG_HOME/guichet"
printf 'locking = dotfile\n' >"$XDG_CONFIG_HOME/guichet/config"
DB="$TEST_TMP/rt.db"
demo_db "$DB" || bail_out "cannot create the demo database"
export TZ=Europe/Paris

# field LINE KEY: the value of KEY=N in a counts line
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# Per key: the calls between two screens, without those of idle ticks in
# between (lines "tick" .. "tick-end"); one line "reads writes syncs meta"
# (meta includes byte-range locks) per screen after the first.
key_costs() {
    awk '
    function val(k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] + 0 } return 0 }
    { r = val("reads"); w = val("writes"); s = val("syncs"); m = val("meta") + val("locks") }
    $1 == "tick" { tr = r; tw = w; ts = s; tm = m }
    $1 == "tick-end" { xr += r - tr; xw += w - tw; xs += s - ts; xm += m - tm }
    $1 == "screen" {
        if (seen) print r - pr - xr, w - pw - xw, s - ps - xs, m - pm - xm
        seen = 1; pr = r; pw = w; ps = s; pm = m; xr = xw = xs = xm = 0 }' "$1"
}

# within NAME VALUE MAX
within() {
    if [ -n "$2" ] && [ "$2" -le "$3" ] 2>/dev/null; then
        ok "$1: $2 (at most $3)"
    else
        not_ok "$1: ${2:-nothing counted} (at most $3)"
    fi
}

# ---- the console: first screen and day steps --------------------------------
COUNTS=$TEST_TMP/console.counts
GUICHET_COUNT_IO=$COUNTS "$DRIVER" --size 80x24 --term xterm --steps 6 --key ']' --quit q \
    --timeout-ms 60000 -- "$GUICHET" --db "$DB" >"$TEST_TMP/driver.out" 2>"$TEST_TMP/driver.err"
rc=$?
out=$(cat "$TEST_TMP/driver.out")
err=$(cat "$TEST_TMP/driver.err")
check "the console ran 6 day steps and quit" test "$rc" = 0
FIRST=$(grep -m1 '^screen ' "$COUNTS" 2>/dev/null)
check "the counts are written after each screen (GUICHET_COUNT_IO)" \
    test "$(grep -c '^screen ' "$COUNTS" 2>/dev/null)" -ge 7
check "the first screen read the file (the counting works)" test "$(field "$FIRST" reads)" -gt 0 2>/dev/null
within "first screen: reads" "$(field "$FIRST" reads)" $FIRST_READS
within "first screen: writes (lock owner record, desk announcement)" "$(field "$FIRST" writes)" $FIRST_WRITES
within "first screen: syncs" "$(field "$FIRST" syncs)" $FIRST_SYNCS
within "first screen: metadata and lock calls" \
    "$(( $(field "$FIRST" meta) + $(field "$FIRST" locks) ))" $FIRST_META
key_costs "$COUNTS" | head -n 6 >"$TEST_TMP/steps"
check "six day steps measured" test "$(wc -l <"$TEST_TMP/steps")" = 6
med() { cut -d' ' -f"$1" "$TEST_TMP/steps" | sort -n | sed -n 3p; }
within "day step: reads (median of 6)" "$(med 1)" $STEP_READS
within "day step: writes (the lock's owner record)" "$(med 2)" $STEP_WRITES
within "day step: syncs" "$(med 3)" $STEP_SYNCS
within "day step: metadata and lock calls" "$(med 4)" $STEP_META

# ---- appt add ------------------------------------------------------------------
run appt slots --db "$DB" --motif 1 --site 1 --count 1 --format csv
SLOT=$(printf '%s\n' "$out" | tr -d '\r' | sed -n 2p)
P1=$(sql "$DB" "SELECT min(id) FROM beneficiary")
[ -n "$SLOT" ] || bail_out "no free slot for motif 1 at site 1"
ADD=$TEST_TMP/add.counts
out=$(GUICHET_COUNT_IO=$ADD "$GUICHET" appt add --db "$DB" --site 1 --agent "$(echo "$SLOT" | cut -d';' -f3)" \
    --motif 1 --person "$P1" --at "$(echo "$SLOT" | cut -d';' -f1)" 2>"$TEST_TMP/stderr")
rc=$?
err=$(cat "$TEST_TMP/stderr")
expect "appt add books" 0
L=$(grep '^exit ' "$ADD" 2>/dev/null)
within "appt add: reads" "$(field "$L" reads)" $ADD_READS
within "appt add: writes (database, journal, lock record)" "$(field "$L" writes)" $ADD_WRITES
within "appt add: syncs (journal, database: synchronous=FULL)" "$(field "$L" syncs)" $ADD_SYNCS
check "appt add: the journal and the database were synced" test "$(field "$L" syncs)" -ge 2 2>/dev/null
within "appt add: metadata and lock calls" "$(( $(field "$L" meta) + $(field "$L" locks) ))" $ADD_META

finish
