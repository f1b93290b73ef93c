#!/usr/bin/env bash
# A stalled desk must never cost another desk its bookings (dot-file
# locking). A writing desk W stops itself (SIGSTOP, through the test hook
# GUICHET_TEST_STALL of storage/lock_vfs.c) at each step of its commit:
# before its owner record is in place (unsigned), after it (signed), with
# its journal written (journal), after its first write to the database
# (db-write), with everything written and synced (db-synced), commit done
# but lock not yet released (unlocking). Then:
#  1. same machine: `guichet unlock` refuses while W lives and says it
#     checked that process; another desk B waiting for the lock is told who
#     holds it and that it is alive; W resumes and books, then B books.
#  2. another machine (W runs under another host name, `unshare -u`), on a
#     local disk and over two sshfs mounts of one folder (W on one, B and
#     unlock on the other): once W's signs of life are older than the limit
#     (GUICHET_TEST_STALE_S=3 here, 30 s in real use), B is told that W is
#     gone and to run guichet unlock; unlock clears the lock and says what
#     it checked; B books; W resumes and either finds its lock gone and
#     says nothing was saved, or (stopped before taking the lock, or after
#     its commit) books normally.
#  3. kill -9 at each step, same machine: the next desk books, without
#     anyone running unlock (a generous timeout, no time bound asserted).
# After each case: integrity_check ok, every booking a desk was told was
# saved is there as reported, no aside lock directory is left. The waits
# are for conditions (files, process states), never sleeps. TAP.
set -u
BUILD=${GUICHET_BUILD:-build}
BOOKER="$BUILD/tools/booker"
GUICHET=${GUICHET_BIN:-./guichet}
GUICHET=$(cd "$(dirname "$GUICHET")" && pwd)/$(basename "$GUICHET")
BOOKER=$(cd "$(dirname "$BOOKER")" && pwd)/$(basename "$BOOKER")
STEPS="unsigned signed journal db-write db-synced unlocking"
export LC_ALL=C.UTF-8 LANGUAGE=
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else notok "$2"; fi; }
show() { sed 's/^/#   /' "$1"; }

for f in "$BOOKER" "$GUICHET"; do
    [ -x "$f" ] || { notok "$f is missing (make BUILD=$BUILD guichet tests)"; exit 1; }
done
work=$(mktemp -d /tmp/guichet-stall-XXXXXX)
wpid=""
. tests/lib/sshfs.sh
cleanup() {
    [ -n "$wpid" ] && kill -9 "$wpid" 2>/dev/null
    sshfs_stop
    rm -rf "$work"
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$work/config" # no personal configuration

if ! unshare -u true 2>/dev/null; then
    notok "unshare -u (a second host name for the 'other machine' cases) is not permitted here: run as root or in a user namespace"
    exit 1
fi

# Waits (up to 30 s) for a line in the stall file, then for the process to
# be stopped; sets wpid to the stopped process.
wait_stopped() {
    local i
    wpid=""
    for i in $(seq 1 600); do
        [ -s "$1" ] && break
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.05
    done
    wpid=$(awk '{print $2; exit}' "$1")
    [ -n "$wpid" ] || return 1
    for i in $(seq 1 600); do
        [ "$(awk '{print $3}' "/proc/$wpid/stat" 2>/dev/null)" = T ] && return 0
        sleep 0.05
    done
    return 1
}

# Repeats a command (up to 60 s) until it succeeds; its output in $1.
until_ok() {
    local out=$1 i
    shift
    for i in $(seq 1 600); do
        "$@" >"$out" 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

day=0
next_day() { day=$((day + 1)); from=$(date -d "2031-03-03 + $day days" +%F); }

# writer DB STEP STALLFILE OUT [HOST]: a desk booking one slot, stopping
# itself at STEP; in the background (its pid in $!).
writer() {
    local db=$1 step=$2 sf=$3 out=$4 host=${5:-}
    if [ -n "$host" ]; then
        unshare -u sh -c 'hostname "$1"; shift; exec "$@"' sh "$host" \
            env GUICHET_TEST_STALL="$step" GUICHET_TEST_STALL_FILE="$sf" \
            "$BOOKER" book --db "$db" --locking dotfile --count 1 --retries 0 \
            --free 1/2 --from "$from" --busy-ms 20000 >"$out" 2>"$out.err" &
    else
        GUICHET_TEST_STALL="$step" GUICHET_TEST_STALL_FILE="$sf" \
            "$BOOKER" book --db "$db" --locking dotfile --count 1 --retries 0 \
            --free 1/2 --from "$from" --busy-ms 20000 >"$out" 2>"$out.err" &
    fi
}

# verify DB LABEL FILES...: integrity and every reported booking present.
verify() {
    local db=$1 label=$2
    shift 2
    cat "$@" >"$work/all" 2>/dev/null
    if "$BOOKER" check --db "$db" --locking dotfile --expect "$work/all" >"$work/check" 2>&1; then
        ok "$label: integrity ok, every acknowledged booking present"
    else
        notok "$label: integrity ok, every acknowledged booking present"; show "$work/check"
    fi
    local aside
    aside=$(ls -d "$db".lock-new-* 2>/dev/null | tr '\n' ' ')
    check $([ -z "$aside" ]; echo $?) "$label: no lock directory left aside${aside:+ ($aside)}"
}

# ---- 1. same machine: a live owner is never overridden -------------------
db="$work/local.db"
"$BOOKER" init --db "$db" --locking dotfile --agents 2 >/dev/null 2>&1 || { notok "create $db"; exit 1; }
for step in $STEPS; do
    next_day
    sf="$work/stall.$step"
    writer "$db" "$step" "$sf" "$work/w.out"
    spawned=$!
    if ! wait_stopped "$sf" "$spawned"; then
        notok "local $step: the writer never stopped at $step"; show "$work/w.out.err"
        kill -9 "$spawned" 2>/dev/null; wait "$spawned" 2>/dev/null; wpid=""; continue
    fi
    held=0
    [ -d "$db.lock" ] && held=1
    "$GUICHET" unlock --db "$db" >"$work/u" 2>&1
    rc=$?
    if [ $held -eq 1 ]; then
        if [ $rc -ne 0 ] && grep -q 'on this machine; that process is running (checked)' "$work/u"; then
            ok "local $step: unlock refuses while the stopped owner lives, saying what it checked"
        else
            notok "local $step: unlock refuses while the stopped owner lives, saying what it checked (exit $rc)"; show "$work/u"
        fi
        "$BOOKER" book --db "$db" --locking dotfile --count 1 --retries 0 --free 2/2 \
            --from "$from" --busy-ms 800 >"$work/b0" 2>"$work/b0.err"
        rc=$?
        if [ $rc -ne 0 ] && grep -q "held by booker on $(uname -n) since" "$work/b0.err" &&
            grep -q 'alive' "$work/b0.err"; then
            ok "local $step: a waiting desk is told who holds the lock, since when, and that it is alive"
        else
            notok "local $step: a waiting desk is told who holds the lock, since when, and that it is alive (exit $rc)"
            show "$work/b0.err"
        fi
    else
        check $(( rc != 0 )) "local $step: no lock taken yet; unlock finds nothing to remove (exit $rc)"
    fi
    kill -CONT "$wpid"
    wait "$spawned"
    rc=$?
    wpid=""
    check $(( rc != 0 )) "local $step: the resumed writer books (exit $rc)"
    [ $rc -ne 0 ] && show "$work/w.out.err"
    "$BOOKER" book --db "$db" --locking dotfile --count 1 --free 2/2 --from "$from" \
        --busy-ms 20000 >"$work/b.out" 2>"$work/b.err" || show "$work/b.err"
    verify "$db" "local $step" "$work/w.out" "$work/b.out"
done

# ---- 2. another machine: broken only after its signs of life stopped -----
export GUICHET_TEST_STALE_S=3

# remote_case DB_W DB_B LABEL: W writes through DB_W as host pc-a; B and
# unlock use DB_B (the same file, maybe through another mount).
remote_case() {
    local dbw=$1 dbb=$2 label=$3 step rc lost
    for step in $STEPS; do
        next_day
        local sf="$work/stall.r.$label.$step"
        writer "$dbw" "$step" "$sf" "$work/w.out" pc-a
        local spawned=$!
        if ! wait_stopped "$sf" "$spawned"; then
            notok "$label $step: the writer never stopped at $step"; show "$work/w.out.err"
            kill -9 "$spawned" 2>/dev/null; wait "$spawned" 2>/dev/null; wpid=""; continue
        fi
        if [ -d "$dbb.lock" ]; then
            # B waits until W counts as gone: then it is told to run unlock.
            if until_ok "$work/b0.err" sh -c '! "$1" book --db "$2" --locking dotfile --count 1 --retries 0 --free 2/2 --from "$3" --busy-ms 500 >/dev/null 2>"$4"; grep -q "guichet unlock" "$4"' \
                sh "$BOOKER" "$dbb" "$from" "$work/b0.msg" &&
                grep -Eq "$( [ $step = unsigned ] && echo 'did not sign' || echo 'on pc-a since')" "$work/b0.msg"; then
                ok "$label $step: once the stopped desk is silent past the limit, a waiting desk is told it is gone and to run guichet unlock"
            else
                notok "$label $step: once the stopped desk is silent past the limit, a waiting desk is told it is gone and to run guichet unlock"
                show "$work/b0.msg"
            fi
            if until_ok "$work/u" "$GUICHET" unlock --db "$dbb" && grep -Eq 'on another machine, which has given no sign of life for [0-9]+ s \(limit 3 s\)|no owner record' "$work/u"; then
                ok "$label $step: unlock clears the lock and says what it checked"
            else
                notok "$label $step: unlock clears the lock and says what it checked"; show "$work/u"
            fi
        else
            ok "$label $step: stopped before taking the lock"
        fi
        "$BOOKER" book --db "$dbb" --locking dotfile --count 1 --free 2/2 --from "$from" \
            --busy-ms 20000 >"$work/b.out" 2>"$work/b.err"
        rc=$?
        check $(( rc != 0 )) "$label $step: another desk books meanwhile (exit $rc)"
        [ $rc -ne 0 ] && show "$work/b.err"
        kill -CONT "$wpid"
        wait "$spawned"
        rc=$?
        wpid=""
        lost=0
        grep -q 'nothing of this change was saved' "$work/w.out.err" && lost=1
        if { [ $rc -eq 0 ] && grep -q '^booked ' "$work/w.out"; } ||
            { [ $rc -ne 0 ] && [ $lost -eq 1 ] && ! grep -q '^booked ' "$work/w.out"; }; then
            ok "$label $step: the resumed writer either booked or said nothing was saved (exit $rc)"
        else
            notok "$label $step: the resumed writer either booked or said nothing was saved (exit $rc)"
            show "$work/w.out"; show "$work/w.out.err"
        fi
        case $step in
        journal | db-write | db-synced)
            check $(( lost != 1 )) "$label $step: the writer found its lock gone and wrote nothing" ;;
        esac
        verify "$dbb" "$label $step" "$work/w.out" "$work/b.out"
    done
}

db="$work/remote.db"
"$BOOKER" init --db "$db" --locking dotfile --agents 2 >/dev/null 2>&1 || { notok "create $db"; exit 1; }
remote_case "$db" "$db" "other machine, local disk"

if ! sshfs_start "$work/sshfs"; then
    notok "sshfs: $SSHFS_WHY"
else
    "$BOOKER" init --db "$SSHFS_MNT_A/share.db" --locking dotfile --agents 2 >/dev/null 2>&1 ||
        notok "create the database on the share"
    remote_case "$SSHFS_MNT_A/share.db" "$SSHFS_MNT_B/share.db" "other machine, sshfs"
    sshfs_stop
fi
unset GUICHET_TEST_STALE_S

# ---- 3. kill -9 at each step: the next desk writes without help ----------
db="$work/killed.db"
"$BOOKER" init --db "$db" --locking dotfile --agents 2 >/dev/null 2>&1 || { notok "create $db"; exit 1; }
for step in $STEPS; do
    next_day
    sf="$work/stall.k.$step"
    writer "$db" "$step" "$sf" "$work/w.out"
    spawned=$!
    if ! wait_stopped "$sf" "$spawned"; then
        notok "kill $step: the writer never stopped at $step"; show "$work/w.out.err"
        kill -9 "$spawned" 2>/dev/null; wait "$spawned" 2>/dev/null; wpid=""; continue
    fi
    kill -9 "$wpid"
    wait "$spawned" 2>/dev/null
    wpid=""
    "$BOOKER" book --db "$db" --locking dotfile --count 1 --retries 0 --free 2/2 --from "$from" \
        --busy-ms 60000 >"$work/b.out" 2>"$work/b.err"
    rc=$?
    check $(( rc != 0 )) "kill $step: after kill -9 the next desk books without anyone running unlock (exit $rc)"
    [ $rc -ne 0 ] && show "$work/b.err"
    # the killed writer's booking counts only if it was told so
    verify "$db" "kill $step" "$work/w.out" "$work/b.out"
done
