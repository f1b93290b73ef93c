#!/usr/bin/env bash
# Two "PCs" on one network share (DESIGN.md §10): an sshd on
# 127.0.0.1 exports a folder that is mounted twice with sshfs (direct_io,
# dir_cache=no). Byte-range locks taken through one mount are invisible to
# the other, as between two real PCs.
# - With the default POSIX locking, guichet must refuse to write there: the
#   booker tool exits 3 with the reason, `guichet demo` refuses to create a
#   file (exit 3), `guichet doctor` says UNSAFE (exit 3).
# - With `locking = dotfile`, 8 processes alternating between the two mounts
#   make 300 booking attempts each into overlapping slots: every booking a
#   process was told succeeded is there, no two overlap, integrity ok; and
#   `guichet doctor --locking dotfile` on the mount exits 0.
# When FUSE or sshd is missing this prints why and fails (never a skip).
set -u
BUILD=${GUICHET_BUILD:-build}
BOOKER="$BUILD/tools/booker"
GUICHET=${GUICHET_BIN:-./guichet}
export LC_ALL=C.UTF-8 LANGUAGE=
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else notok "$2"; fi; }

for f in "$BOOKER" "$GUICHET"; do
    [ -x "$f" ] || { notok "$f is missing (make BUILD=$BUILD guichet tests)"; exit 1; }
done
. tests/lib/sshfs.sh
work=$(mktemp -d /tmp/guichet-share-XXXXXX)
trap 'sshfs_stop; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"

if ! sshfs_start "$work/share"; then
    notok "two sshfs mounts of one folder: $SSHFS_WHY"
    exit 1
fi
ok "two sshfs mounts of one folder served by sshd on 127.0.0.1:$SSHFS_PORT"
A=$SSHFS_MNT_A
B=$SSHFS_MNT_B

# ---- POSIX locking on the share: refuse to write -------------------------
# The file is made on the server side (as if by the IT department).
"$BOOKER" init --db "$SSHFS_EXPORT/posix.db" --agents 2 >/dev/null 2>&1
"$BOOKER" book --db "$A/posix.db" --count 3 >"$work/p.out" 2>"$work/p.err"
rc=$?
check $(( rc != 3 )) "posix locking on sshfs: booking refused with exit 3 (got $rc)"
if grep -q 'FUSE' "$work/p.err" && grep -q 'locking = dotfile' "$work/p.err" && ! grep -q '^booked' "$work/p.out"; then
    ok "posix locking on sshfs: the refusal says why (FUSE) and what to do (locking = dotfile)"
else
    notok "posix locking on sshfs: the refusal says why and what to do"; sed 's/^/#   /' "$work/p.err"
fi
"$GUICHET" demo --db "$A/new.db" --quiet >"$work/d.out" 2>&1
rc=$?
check $(( rc != 3 || $(test -e "$SSHFS_EXPORT/new.db"; echo $?) == 0 )) \
    "posix locking on sshfs: guichet demo refuses to create a file (exit 3, got $rc), nothing created"
"$GUICHET" doctor --db "$A/posix.db" >"$work/doc1" 2>&1
rc=$?
check $(( rc != 3 )) "guichet doctor on sshfs with posix locking exits 3 (got $rc)"
if grep -q 'fuse.sshfs' "$work/doc1" && grep -q 'UNSAFE' "$work/doc1" && grep -q 'locking = dotfile' "$work/doc1"; then
    ok "guichet doctor names the filesystem, says UNSAFE and advises locking = dotfile"
else
    notok "guichet doctor names the filesystem, says UNSAFE and advises locking = dotfile"
fi
sed 's/^/#   /' "$work/doc1"

# ---- dot-file locking: 8 desks on two PCs ---------------------------------
"$BOOKER" init --db "$A/shared.db" --locking dotfile --agents 4 ||
    { notok "create the shared database through mount A"; exit 1; }
start=$(date +%s)
pids=()
for i in 1 2 3 4 5 6 7 8; do
    if [ $((i % 2)) -eq 1 ]; then m=$A; else m=$B; fi
    "$BOOKER" book --db "$m/shared.db" --locking dotfile --count 300 --days 10 --seed "$i" \
        --busy-ms 20000 >"$work/out.$i" 2>"$work/err.$i" &
    pids+=($!)
done
rc=0
for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { rc=1; echo "# booker $((i + 1)) failed:"; sed 's/^/#   /' "$work/err.$((i + 1))"; }
done
secs=$(( $(date +%s) - start ))
check $rc "dotfile on sshfs: 8 processes on two mounts x 300 bookings ran without error (${secs}s)"
cat "$work"/out.* >"$work/all"
booked=$(grep -c '^booked ' "$work/all")
echo "# dotfile on sshfs: $booked bookings succeeded of 2400 attempts"
check $(( booked <= 100 || booked >= 2400 )) "dotfile on sshfs: some bookings succeeded ($booked), overlapping ones refused"
"$BOOKER" check --db "$A/shared.db" --locking dotfile --expect "$work/all" >"$work/check" 2>&1
check $? "dotfile on sshfs: every reported booking present, no overlap, audit complete, integrity ok"
sed 's/^/#   /' "$work/check"
# The same seen from the server's disk, with plain SQLite.
"$BOOKER" check --db "$SSHFS_EXPORT/shared.db" --expect "$work/all" >"$work/check2" 2>&1
check $? "the file on the server's disk agrees (integrity ok, every booking present)"
check $(( $(ls -d "$SSHFS_EXPORT/shared.db.lock" 2>/dev/null | wc -l) )) "no lock left behind after the desks finished"
# A file removed while this mount still had it open is renamed .fuse_hidden*
# by sshfs and unlinked when the last handle is released. The kernel sends
# that release after close() has returned, so a ghost may outlive the desk
# by a moment: wait for the event (bounded), never sample once.
hidden_count() { ls -A "$SSHFS_EXPORT" | grep -c '^\.fuse_hidden'; }
hidden=$(hidden_count)
for i in $(seq 1 600); do [ "$hidden" -eq 0 ] && break; sleep 0.05; hidden=$(hidden_count); done
check $(( hidden != 0 )) "no .fuse_hidden file left on the share once the desks' files are released ($hidden)"

"$GUICHET" doctor --db "$B/shared.db" --locking dotfile >"$work/doc2" 2>&1
rc=$?
check $rc "guichet doctor on sshfs with dotfile locking exits 0 (got $rc)"
sed 's/^/#   /' "$work/doc2"

# ---- a desk killed in the middle of a write, on the share ------------------
"$BOOKER" check --db "$A/shared.db" --locking dotfile >"$work/k0" 2>&1
before=$(sed -n 's/^appointments: //p' "$work/k0")
"$BOOKER" hold --db "$A/shared.db" --locking dotfile --hold-ms 60000 --rows 300 --spill \
    >"$work/hold" 2>&1 &
holder=$!
for i in $(seq 1 300); do grep -q '^holding' "$work/hold" && break; sleep 0.05; done
"$GUICHET" unlock --db "$B/shared.db" >"$work/u1" 2>&1
rc1=$?
kill -9 "$holder"; wait "$holder" 2>/dev/null
"$GUICHET" unlock --db "$B/shared.db" >"$work/u2" 2>&1
rc2=$?
if [ $rc1 -eq 1 ] && [ $rc2 -eq 0 ] && grep -q 'rolled back' "$work/u2"; then
    ok "on the share: unlock from the other mount refuses while the writer lives, then rolls back and clears"
else
    notok "on the share: unlock refuses while the writer lives ($rc1), then clears ($rc2)"
    sed 's/^/#   /' "$work/hold" "$work/u1" "$work/u2"
fi
"$BOOKER" check --db "$B/shared.db" --locking dotfile >"$work/k1" 2>&1
rc=$?
after=$(sed -n 's/^appointments: //p' "$work/k1")
check $(( rc != 0 || before != after )) "on the share: integrity ok, nothing of the killed unit left ($before -> $after appointments)"
