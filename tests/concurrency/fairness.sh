#!/usr/bin/env bash
# Fair turns between desks. A desk that commits and begins again
# at once used to keep the lock while the others slept 10-50 ms between
# polls: in 3 s runs the least-served of 8 desks made 1 booking. Now
# waiting desks poll at short random intervals and ask the holder to step
# aside briefly after its unit (storage/db.c busy handler, storage/shared.c).
#
# For each locking mode, 4 desks book free slots back to back for 3 s,
# starting together. Each desk must get at least 5% of the bookings (a
# share of the count, not a timing: a fair share is 25%), and every booking
# a desk was told succeeded must be present, with integrity_check ok.
# Prints the per-desk counts. TAP.
set -u
BUILD=${GUICHET_BUILD:-build}
BOOKER="$BUILD/tools/booker"
DESKS=${FAIRNESS_DESKS:-4}
SECONDS_EACH=${FAIRNESS_SECONDS:-3}
MIN_PERCENT=5
export LC_ALL=C.UTF-8 LANGUAGE=
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }
show() { sed 's/^/#   /' "$1"; }

if [ ! -x "$BOOKER" ]; then
    notok "booker tool missing: make BUILD=$BUILD $BOOKER"
    exit 1
fi
work=$(mktemp -d /tmp/guichet-fair-XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT

run_mode() {
    local mode=$1 db="$work/$1.db" k rc=0 counts="" total=0 least=-1 at
    "$BOOKER" init --db "$db" --locking "$mode" --agents 4 ||
        { notok "$mode: create the test database"; return; }
    # Open first, then start together one second later.
    at=$(awk -v t="$(date +%s.%N)" 'BEGIN { printf "%.3f", t + 1 }')
    pids=()
    for k in $(seq 1 "$DESKS"); do
        "$BOOKER" book --db "$db" --locking "$mode" --free "$k/$DESKS" \
            --seconds "$SECONDS_EACH" --count 100000000 --start-at "$at" \
            >"$work/$mode.out.$k" 2>"$work/$mode.err.$k" &
        pids+=($!)
    done
    for k in "${!pids[@]}"; do
        wait "${pids[$k]}" || { rc=1; echo "# $mode desk $((k + 1)) failed:"; show "$work/$mode.err.$((k + 1))"; }
    done
    pids=()
    for k in $(seq 1 "$DESKS"); do
        local c
        c=$(grep -c '^booked ' "$work/$mode.out.$k")
        counts="$counts $c"
        total=$((total + c))
        if [ $least -lt 0 ] || [ "$c" -lt $least ]; then least=$c; fi
    done
    local pct=0
    [ $total -gt 0 ] && pct=$((100 * least / total))
    echo "# $mode: bookings per desk:$counts (total $total in ${SECONDS_EACH} s; least-served desk $pct%)"
    if [ $rc -eq 0 ]; then ok "$mode: $DESKS desks booked back to back without error"; else notok "$mode: $DESKS desks booked back to back without error"; fi
    # A ratio needs enough bookings to mean something.
    if [ $total -ge $((DESKS * 20)) ] && [ $((100 * least)) -ge $((MIN_PERCENT * total)) ]; then
        ok "$mode: every desk got at least $MIN_PERCENT% of the bookings (least $least of $total)"
    else
        notok "$mode: every desk got at least $MIN_PERCENT% of the bookings (least $least of $total; at least $((DESKS * 20)) in all expected)"
    fi
    cat "$work/$mode".out.* >"$work/$mode.all"
    if "$BOOKER" check --db "$db" --locking "$mode" --expect "$work/$mode.all" >"$work/$mode.check" 2>&1; then
        ok "$mode: every reported booking present, no overlap, integrity ok"
    else
        notok "$mode: every reported booking present, no overlap, integrity ok"
    fi
    show "$work/$mode.check"
}

run_mode posix
run_mode dotfile
