#!/usr/bin/env bash
# Many desks, one local file: 8 processes each make 300 booking
# attempts into deliberately overlapping slots (tests/tools/booker.c). Then
# every booking a process was told succeeded must be there as reported, no
# two live appointments of one agent may overlap (SQL self-join), every
# booking has its audit row, and integrity_check says ok. Run once with the
# default POSIX locks and once with dot-file locking. Prints TAP.
set -u
BUILD=${GUICHET_BUILD:-build}
BOOKER="$BUILD/tools/booker"
export LC_ALL=C.UTF-8 LANGUAGE=
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }

if [ ! -x "$BOOKER" ]; then
    notok "booker tool missing: make BUILD=$BUILD $BOOKER"
    exit 1
fi
work=$(mktemp -d /tmp/guichet-local-XXXXXX)
trap 'rm -rf "$work"' EXIT

run_mode() {
    local mode=$1 db="$work/$1.db" pids=() i rc=0 start end
    "$BOOKER" init --db "$db" --locking "$mode" --agents 4 ||
        { notok "$mode: create the test database"; return; }
    start=$(date +%s.%N)
    for i in 1 2 3 4 5 6 7 8; do
        "$BOOKER" book --db "$db" --locking "$mode" --count 300 --days 10 --seed "$i" \
            >"$work/$mode.out.$i" 2>"$work/$mode.err.$i" &
        pids+=($!)
    done
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || { rc=1; echo "# booker $((i + 1)) failed:"; sed 's/^/#   /' "$work/$mode.err.$((i + 1))"; }
    done
    end=$(date +%s.%N)
    if [ $rc -eq 0 ]; then ok "$mode: 8 processes x 300 bookings ran without error"; else notok "$mode: 8 processes x 300 bookings ran without error"; fi
    cat "$work/$mode".out.* >"$work/$mode.all"
    local booked
    booked=$(grep -c '^booked ' "$work/$mode.all")
    echo "# $mode: $booked bookings succeeded of 2400 attempts in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s"
    # Overlapping slots: many must be refused, some must succeed.
    if [ "$booked" -gt 100 ] && [ "$booked" -lt 2400 ]; then
        ok "$mode: some bookings succeeded ($booked), the overlapping ones were refused"
    else
        notok "$mode: expected between 100 and 2400 successful bookings, got $booked"
    fi
    if "$BOOKER" check --db "$db" --locking "$mode" --expect "$work/$mode.all" >"$work/$mode.check" 2>&1; then
        ok "$mode: every reported booking present, no overlap, audit complete, integrity ok"
    else
        notok "$mode: every reported booking present, no overlap, audit complete, integrity ok"
    fi
    sed 's/^/# /' "$work/$mode.check"
}

run_mode posix
run_mode dotfile
[ -e "$work/dotfile.db.lock" ] && notok "dotfile: the lock was left behind" || ok "dotfile: no lock left behind"
