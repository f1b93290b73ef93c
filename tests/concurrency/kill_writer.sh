#!/usr/bin/env bash
# A desk dies in the middle of a write. 50 times, with dot-file
# locking: a writer holds a multi-row unit open (half of the times with a
# page cache so small that its pages already reached the file), `guichet
# unlock` must refuse while it lives, then it is killed with SIGKILL; the
# stale lock must remain, `guichet unlock` must clear it (rolling back the
# half-written unit), the file must pass integrity_check with no row of the
# unit left, and a new booking must work. Then 10 times the same with the
# default POSIX locks (no lock file; SQLite rolls back by itself). TAP.
set -u
BUILD=${GUICHET_BUILD:-build}
BOOKER="$BUILD/tools/booker"
GUICHET=${GUICHET_BIN:-./guichet}
ITERATIONS=${KILL_ITERATIONS:-50}
export LC_ALL=C.UTF-8 LANGUAGE=
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }
verdict() { if [ "$1" -eq 0 ]; then ok "$2"; else notok "$2 ($1 failures)"; fi; }

for f in "$BOOKER" "$GUICHET"; do
    [ -x "$f" ] || { notok "$f is missing (make BUILD=$BUILD guichet tests)"; exit 1; }
done
work=$(mktemp -d /tmp/guichet-kill-XXXXXX)
holder=""
trap '[ -n "$holder" ] && kill -9 "$holder" 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" # no personal configuration

# Waits (up to 10 s) until the holder says it is inside its transaction.
wait_holding() {
    local i
    for i in $(seq 1 500); do
        grep -q '^holding' "$1" 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.02
    done
    return 1
}

rows_of() { sed -n 's/^appointments: //p' "$1"; }
# A journal that must be rolled back: its header (magic number) is written.
hot_journal() { [ -s "$1" ] && [ -n "$(head -c 8 "$1" | tr -d '\0')" ]; }

run() {
    local mode=$1 iterations=$2 db="$work/$1.db"
    local f_hold=0 f_refuse=0 f_stale=0 f_unlock=0 f_check=0 f_rows=0 f_book=0 f_journal=0 hot=0
    local i spill rows before after
    "$BOOKER" init --db "$db" --locking "$mode" --agents 3 || { notok "$mode: create"; return; }
    "$BOOKER" book --db "$db" --locking "$mode" --count 20 >/dev/null 2>&1
    for i in $(seq 1 "$iterations"); do
        spill=""
        rows=3
        if [ $((i % 2)) -eq 0 ]; then spill=--spill; rows=300; fi
        "$BOOKER" check --db "$db" --locking "$mode" --busy-ms 3000 >"$work/before" 2>&1
        before=$(rows_of "$work/before")
        # Emptied here, not by the holder's redirection: that happens in
        # the child, and on a busy machine wait_holding could read the last
        # round's "holding" before it (unlock then found no lock yet).
        : >"$work/hold.out"
        "$BOOKER" hold --db "$db" --locking "$mode" --hold-ms 60000 --rows $rows $spill \
            >"$work/hold.out" 2>&1 &
        holder=$!
        if ! wait_holding "$work/hold.out" "$holder"; then
            f_hold=$((f_hold + 1))
            echo "# $mode #$i: the writer never reached its transaction:"; sed 's/^/#   /' "$work/hold.out"
            kill -9 "$holder" 2>/dev/null; wait "$holder" 2>/dev/null; holder=""
            continue
        fi
        if [ "$mode" = dotfile ]; then
            if "$GUICHET" unlock --db "$db" >"$work/u1" 2>&1; then
                f_refuse=$((f_refuse + 1))
                echo "# dotfile #$i: unlock did not refuse while the writer lived:"; sed 's/^/#   /' "$work/u1"
            elif ! grep -Eq 'alive|is running' "$work/u1"; then
                f_refuse=$((f_refuse + 1))
                echo "# dotfile #$i: the refusal does not say who holds the lock:"; sed 's/^/#   /' "$work/u1"
            fi
        fi
        kill -9 "$holder"
        wait "$holder" 2>/dev/null
        holder=""
        if [ "$mode" = dotfile ]; then
            if [ ! -d "$db.lock" ]; then
                f_stale=$((f_stale + 1))
                echo "# dotfile #$i: no stale lock after kill -9"
            fi
            hot_journal "$db-journal" && hot=$((hot + 1))
            if ! "$GUICHET" unlock --db "$db" >"$work/u2" 2>&1 || ! grep -q 'removed the stale lock' "$work/u2"; then
                f_unlock=$((f_unlock + 1))
                echo "# dotfile #$i: unlock did not clear the stale lock:"; sed 's/^/#   /' "$work/u2"
            fi
            # SQLite's dot-file VFS never rolls a journal back: unlock must.
            if hot_journal "$db-journal"; then
                f_journal=$((f_journal + 1))
                echo "# dotfile #$i: the killed unit's journal is still to be rolled back after unlock"
            fi
        fi
        if ! "$BOOKER" check --db "$db" --locking "$mode" --busy-ms 3000 >"$work/after" 2>&1; then
            f_check=$((f_check + 1))
            echo "# $mode #$i ($spill): check failed:"; sed 's/^/#   /' "$work/after"
        fi
        after=$(rows_of "$work/after")
        if [ "$before" != "$after" ]; then
            f_rows=$((f_rows + 1))
            echo "# $mode #$i: $before appointments before, $after after the killed unit"
        fi
        if ! "$BOOKER" book --db "$db" --locking "$mode" --count 1 --busy-ms 3000 --retries 0 --seed $((1000 + i)) >"$work/b" 2>&1; then
            f_book=$((f_book + 1))
            echo "# $mode #$i: writing failed after recovery:"; sed 's/^/#   /' "$work/b"
        fi
    done
    verdict $f_hold "$mode: $iterations writers killed with SIGKILL inside a transaction"
    if [ "$mode" = dotfile ]; then
        verdict $f_refuse "dotfile: guichet unlock refused while the writer was alive, naming it"
        verdict $f_stale "dotfile: the killed writer's lock stayed behind"
        verdict $f_unlock "dotfile: guichet unlock cleared the stale lock"
        verdict $f_journal "dotfile: guichet unlock rolled back the killed unit's journal"
        # The --spill half must really have left pages in the file.
        verdict $(( hot < iterations / 2 )) "dotfile: $hot of $iterations kills left a journal to roll back (at least half)"
    fi
    verdict $f_check "$mode: integrity ok and no partial unit after each kill"
    verdict $f_rows "$mode: no row of a killed unit remains"
    verdict $f_book "$mode: writes work again after each recovery"
}

run dotfile "$ITERATIONS"
run posix 10
