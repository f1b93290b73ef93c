#!/usr/bin/env bash
# Damage is never read silently, and nothing is turned into a database by
# accident:
#  - a 0-byte file and a text file are refused by every command (clear
#    message, exit 1) and left exactly as they were;
#  - `guichet demo` on a full disk (a real 200 KiB tmpfs) fails and leaves
#    nothing behind; on an existing 0-byte file it refuses and keeps it;
#  - after an unclean stop (a writer killed with a journal to roll back)
#    on a file that is also damaged elsewhere, opening it runs a quick
#    check and refuses, saying to restore the latest backup; doctor runs
#    the full check, exits non-zero and says how to restore. TAP.
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
work=$(mktemp -d /tmp/guichet-damage-XXXXXX)
tiny="$work/tiny"
holder=""
cleanup() {
    [ -n "$holder" ] && kill -9 "$holder" 2>/dev/null
    mountpoint -q "$tiny" 2>/dev/null && umount "$tiny"
    rm -rf "$work"
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$work/config"

# ---- files that are not databases ------------------------------------------
: >"$work/empty.db"
printf 'Liste des rendez-vous\n%.0s' $(seq 1 300) >"$work/text.db"
sum_text=$(md5sum <"$work/text.db")
for f in empty text; do
    for cmd in "appt list --date 2026-11-25" "person find Martin" "doctor"; do
        # shellcheck disable=SC2086
        "$GUICHET" $cmd --db "$work/$f.db" >"$work/out" 2>&1
        rc=$?
        if [ $rc -ne 0 ] && grep -Eq 'empty \(0 bytes\)|does not start like an SQLite database' "$work/out"; then
            ok "$f file: guichet $cmd refuses and says why (exit $rc)"
        else
            notok "$f file: guichet $cmd refuses and says why (exit $rc)"; show "$work/out"
        fi
    done
done
check $([ ! -s "$work/empty.db" ]; echo $?) "the 0-byte file is still 0 bytes"
check $([ "$(md5sum <"$work/text.db")" = "$sum_text" ]; echo $?) "the text file is unchanged"
"$GUICHET" demo --db "$work/empty.db" --quiet >"$work/out" 2>&1
rc=$?
check $(( rc == 0 )) "demo on an existing 0-byte file refuses (exit $rc)"
check $([ -e "$work/empty.db" ] && [ ! -s "$work/empty.db" ]; echo $?) "demo left the existing 0-byte file as it was"

# ---- demo on a full disk ------------------------------------------------------
mkdir -p "$tiny"
if ! mount -t tmpfs -o size=200k tmpfs "$tiny" 2>"$work/mount.err"; then
    notok "mount a 200 KiB tmpfs for the full-disk case (needs root): $(cat "$work/mount.err")"
else
    "$GUICHET" demo --db "$tiny/demo.db" --quiet >"$work/out" 2>&1
    rc=$?
    left=$(ls -A "$tiny" | tr '\n' ' ')
    check $(( rc == 0 )) "demo on a full disk fails (exit $rc)"
    grep -q 'full' "$work/out" || { notok "demo on a full disk says the disk is full"; show "$work/out"; }
    check $([ -z "$left" ]; echo $?) "a failed demo leaves nothing behind${left:+ (left: $left)}"
    umount "$tiny"
fi

# ---- damage after an unclean stop ----------------------------------------------
db="$work/demo.db"
"$GUICHET" demo --db "$db" --quiet >"$work/out" 2>&1 || { notok "make the demo database"; show "$work/out"; exit 1; }
"$GUICHET" backup --db "$db" "$work/backup.db" >"$work/out" 2>&1 || { notok "backup"; show "$work/out"; }
"$BOOKER" hold --db "$db" --site "MDS Centre" --hold-ms 600000 --rows 300 --spill >"$work/hold.out" 2>&1 &
holder=$!
for i in $(seq 1 600); do
    grep -q '^holding' "$work/hold.out" 2>/dev/null && break
    kill -0 "$holder" 2>/dev/null || break
    sleep 0.05
done
kill -9 "$holder"
wait "$holder" 2>/dev/null
holder=""
if [ -n "$(head -c 8 "$db-journal" 2>/dev/null | tr -d '\0')" ]; then
    ok "the killed writer left a journal to roll back"
else
    notok "the killed writer left a journal to roll back"
fi
# Damage a page the killed unit did not touch: the root of the people's
# name index (the journal cannot repair it).
page=$(sqlite3 "file:$work/backup.db?mode=ro" "SELECT rootpage FROM sqlite_master WHERE type='index' AND tbl_name='beneficiary' LIMIT 1" 2>/dev/null)
psize=$(sqlite3 "file:$work/backup.db?mode=ro" "PRAGMA page_size")
if [ -z "$page" ] || [ -z "$psize" ]; then
    notok "find an index page of the person table"
else
    head -c 400 /dev/urandom | dd of="$db" bs=1 seek=$(( (page - 1) * psize + 8 )) conv=notrunc status=none
    "$GUICHET" appt list --db "$db" --date 2026-11-25 >"$work/out" 2>&1
    rc=$?
    if [ $rc -ne 0 ] && grep -q 'is damaged' "$work/out" && grep -q 'guichet backup' "$work/out"; then
        ok "after the unclean stop, opening the damaged file refuses and says to restore the backup (exit $rc)"
    else
        notok "after the unclean stop, opening the damaged file refuses and says to restore the backup (exit $rc)"; show "$work/out"
    fi
    "$GUICHET" doctor --db "$db" >"$work/doc" 2>&1
    rc=$?
    if [ $rc -ne 0 ] && grep -q 'guichet backup' "$work/doc" && grep -q 'cp ' "$work/doc"; then
        ok "doctor finds the damage, exits non-zero and says how to restore from a backup (exit $rc)"
    else
        notok "doctor finds the damage, exits non-zero and says how to restore from a backup (exit $rc)"; show "$work/doc"
    fi
fi
