#!/usr/bin/env bash
# `guichet doctor`, `guichet unlock` and `guichet backup` on a local file,
# as a supervisor would run them. Doctor: what it prints and its
# exit codes (0 safe, 1 cannot be examined, 2 bad command line). Backup: a
# copy made while 4 desks keep booking passes integrity_check and holds at
# least every booking committed before it started; an existing destination
# is never overwritten. (Doctor on the sshfs mount: sshfs_share.sh.) TAP.
set -u
BUILD=${GUICHET_BUILD:-build}
BOOKER="$BUILD/tools/booker"
GUICHET=${GUICHET_BIN:-./guichet}
export LC_ALL=C.UTF-8 LANGUAGE=
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else notok "$2"; fi; }
show() { sed 's/^/#   /' "$1"; }

for f in "$BOOKER" "$GUICHET"; do
    [ -x "$f" ] || { notok "$f is missing (make BUILD=$BUILD guichet tests)"; exit 1; }
done
work=$(mktemp -d /tmp/guichet-doctor-XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"
db="$work/desk.db"
"$BOOKER" init --db "$db" --agents 4 || { notok "create the test database"; exit 1; }
"$BOOKER" book --db "$db" --count 200 --days 10 >/dev/null 2>&1

# ---- doctor ------------------------------------------------------------
"$GUICHET" doctor --db "$db" >"$work/doc" 2>&1
rc=$?
check $rc "doctor on a local file exits 0 (got $rc)"
missing=""
for want in 'Filesystem:.*(local)' 'Mounted on:' 'Mount options:' 'Locking mode: *posix' \
    'Journal mode: *delete' 'Synchronous: *2 (FULL)' 'Lock file: *absent' \
    'Schema version:' 'Integrity: *ok' 'Verdict: safe'; do
    grep -q "$want" "$work/doc" || missing="$missing [$want]"
done
check $([ -z "$missing" ]; echo $?) "doctor reports filesystem, mount, locking, journal, sync, lock, schema, integrity, verdict${missing:+ (missing:$missing)}"
show "$work/doc"

"$GUICHET" doctor --db "$work/nothing.db" >"$work/doc" 2>&1
rc=$?
check $(( rc != 1 )) "doctor on a missing file exits 1 (got $rc)"
grep -q 'does not exist' "$work/doc" || { notok "doctor says the file does not exist"; show "$work/doc"; }
"$GUICHET" doctor --db "$db" --locking sometimes >"$work/doc" 2>&1
rc=$?
check $(( rc != 2 )) "doctor with a bad --locking value exits 2 (got $rc)"
printf 'not a database at all, just text\n%.0s' $(seq 1 200) >"$work/junk.db"
"$GUICHET" doctor --db "$work/junk.db" >"$work/doc" 2>&1
rc=$?
check $(( rc != 1 )) "doctor on a file that is not a database exits 1 (got $rc)"

# A lock left by a desk that is gone: doctor says so, unlock clears it.
"$BOOKER" init --db "$work/dot.db" --locking dotfile --agents 2 >/dev/null 2>&1
mkdir "$work/dot.db.lock"
true & dead=$!   # a pid that no longer runs
wait $dead
printf 'host=%s\npid=%s\nsince=%s\nuser=agent-x\n' "$(uname -n)" "$dead" "$(date +%s)" \
    >"$work/dot.db.lock/owner-x"
"$GUICHET" doctor --db "$work/dot.db" --locking dotfile >"$work/doc" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q 'STALE' "$work/doc" && grep -q 'agent-x' "$work/doc" && grep -q 'guichet unlock' "$work/doc"; then
    ok "doctor reports a stale lock, its owner and the advice to run guichet unlock (exit 1)"
else
    notok "doctor reports a stale lock, its owner and the advice to run guichet unlock (exit $rc)"; show "$work/doc"
fi
"$GUICHET" unlock --db "$work/dot.db" >"$work/u" 2>&1
rc=$?
check $(( rc != 0 || $(test -e "$work/dot.db.lock"; echo $?) == 0 )) "unlock clears that lock (exit $rc)"
"$GUICHET" unlock --db "$work/dot.db" >"$work/u" 2>&1
rc=$?
check $(( rc != 0 )) "unlock with no lock: nothing to do, exit 0 (got $rc)"
grep -q 'nothing to do' "$work/u" || { notok "unlock says there was nothing to do"; show "$work/u"; }

# ---- backup while 4 desks book -------------------------------------------
"$BOOKER" check --db "$db" >"$work/before" 2>&1
before=$(sed -n 's/^appointments: //p' "$work/before")
for i in 1 2 3 4; do
    "$BOOKER" book --db "$db" --count 400 --days 40 --seed $((10 + i)) >"$work/w.$i" 2>&1 &
    pids+=($!)
done
# The backup starts once the desks are booking: the first of their commits
# is in the file (a read with a busy timeout: they hold the lock in turns).
for _ in $(seq 1 600); do
    n=$(sqlite3 -batch -noheader -cmd ".timeout 10000" "$db" \
        "SELECT count(*) FROM appointment" 2>/dev/null)
    [ "${n:-0}" -gt "$before" ] && break
    sleep 0.05
done
"$GUICHET" backup --db "$db" "$work/copy.db" >"$work/b" 2>&1
rc=$?
running=0
for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && running=$((running + 1)); done
for p in "${pids[@]}"; do wait "$p"; done
pids=()
show "$work/b"
check $rc "backup while 4 desks book exits 0 (got $rc; $running desks still booking when it ended)"
"$BOOKER" check --db "$work/copy.db" --min-rows "$before" >"$work/c" 2>&1
check $? "the copy passes integrity_check, no overlap, and has at least the $before appointments committed before"
show "$work/c"

cp "$work/copy.db" "$work/copy.orig"
"$GUICHET" backup --db "$db" "$work/copy.db" >"$work/b2" 2>&1
rc=$?
if [ $rc -eq 1 ] && cmp -s "$work/copy.db" "$work/copy.orig" && grep -q 'already exists' "$work/b2"; then
    ok "backup refuses to overwrite an existing file (exit 1, file unchanged)"
else
    notok "backup refuses to overwrite an existing file (exit $rc)"; show "$work/b2"
fi
"$GUICHET" backup --db "$db" >"$work/b3" 2>&1
rc=$?
check $(( rc != 2 )) "backup without a destination exits 2 (got $rc)"
