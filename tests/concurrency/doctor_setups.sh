#!/usr/bin/env bash
# guichet doctor tells the truth about setups where desks cannot write
# safely, each with a warning and a non-zero exit: a read-only file, a
# read-only folder, a read-only file system, a full disk (real small tmpfs
# mounts), an sshfs mount without the options dot-file locking needs (read
# from the sshfs process), and not on a correct sshfs mount (exit 0).
# Leftovers (FUSE-hidden journals and records of guichet's, announcements
# of dead desks) are listed, removed by --fix, and a hidden file that is
# not guichet's is left alone. TAP.
set -u
BUILD=${GUICHET_BUILD:-build}
BOOKER="$BUILD/tools/booker"
GUICHET=${GUICHET_BIN:-./guichet}
export LC_ALL=C.UTF-8 LANGUAGE=
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }
show() { sed 's/^/#   /' "$1"; }
for f in "$BOOKER" "$GUICHET"; do
    [ -x "$f" ] || { notok "$f is missing (make BUILD=$BUILD guichet tests)"; exit 1; }
done
work=$(mktemp -d /tmp/guichet-doctor-XXXXXX)
. tests/lib/sshfs.sh
cleanup() {
    sshfs_stop
    for m in "$work/ro" "$work/full"; do mountpoint -q "$m" 2>/dev/null && umount "$m"; done
    chmod -R u+w "$work" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$work/config"

# expect LABEL WANT_EXIT PATTERN doctor-args...: exit and a line matching.
expect() {
    local label=$1 want=$2 pattern=$3 rc
    shift 3
    "$GUICHET" doctor "$@" >"$work/doc" 2>&1
    rc=$?
    if [ "$rc" -eq "$want" ] && grep -Eq "$pattern" "$work/doc"; then
        ok "$label (exit $rc)"
    else
        notok "$label (exit $rc, expected $want)"; show "$work/doc"
    fi
}

"$BOOKER" init --db "$work/base.db" --agents 2 >/dev/null 2>&1 || { notok "create a database"; exit 1; }
expect "a sound local file: safe" 0 'Writable: +yes' --db "$work/base.db"

mkdir "$work/a"; cp "$work/base.db" "$work/a/g.db"; chmod 444 "$work/a/g.db"
expect "a read-only file: warning, exit 3" 3 'NO: the file is read-only' --db "$work/a/g.db"
mkdir "$work/b"; cp "$work/base.db" "$work/b/g.db"; chmod 555 "$work/b"
expect "a read-only folder: warning, exit 3" 3 'NO: the folder is read-only' --db "$work/b/g.db"
chmod 755 "$work/b"

mkdir "$work/ro" "$work/full"
if mount -t tmpfs -o size=4m tmpfs "$work/ro" && cp "$work/base.db" "$work/ro/g.db" &&
    mount -o remount,ro "$work/ro"; then
    expect "a read-only file system: warning, exit 3" 3 'NO: the file system is mounted read-only' --db "$work/ro/g.db"
else
    notok "mount a read-only tmpfs (needs root)"
fi
if mount -t tmpfs -o size=3m tmpfs "$work/full" && cp "$work/base.db" "$work/full/g.db"; then
    dd if=/dev/zero of="$work/full/filler" bs=4k status=none 2>/dev/null
    expect "a full disk: warning, exit 3" 3 'FULL' --db "$work/full/g.db"
else
    notok "mount a small tmpfs (needs root)"
fi

# ---- leftovers -----------------------------------------------------------
db="$work/left.db"
cp "$work/base.db" "$db"
mkdir "$db.desks"
true & dead=$!
wait $dead
printf 'host=%s\npid=%s\nstart=1\nsince=0\nuser=x\nmode=dotfile\n' "$(uname -n)" "$dead" >"$db.desks/$(uname -n).$dead"
printf '\xd9\xd5\x05\xf9\x20\xa1\x63\xd7rest of a journal' >"$work/.fuse_hidden0000000100000001"
head -c 600 /dev/zero >"$work/.fuse_hidden0000000200000002"
echo "someone else's file" >"$work/.fuse_hidden0000000300000003"
expect "leftovers are listed, with the advice to run --fix" 0 'Left behind:.*fuse_hidden0000000100000001.*' --db "$db"
grep -q 'fuse_hidden0000000300000003' "$work/doc" && notok "a hidden file that is not guichet's is not listed"
expect "doctor --fix removes them" 0 '\(removed\)' --db "$db" --fix
left=$(ls -A "$work" | grep -E 'fuse_hidden000000010|fuse_hidden000000020|left\.db\.desks' | tr '\n' ' ')
if [ -z "$left" ] && [ -e "$work/.fuse_hidden0000000300000003" ]; then
    ok "guichet's leftovers are gone, the other hidden file stays"
else
    notok "guichet's leftovers are gone, the other hidden file stays (left: $left)"
fi

# ---- sshfs mounts ----------------------------------------------------------
if ! sshfs_start "$work/sshfs"; then
    notok "sshfs: $SSHFS_WHY"
else
    cp "$work/base.db" "$SSHFS_EXPORT/share.db"
    expect "sshfs with the safe options, dot-file locking: safe" 0 'Verdict: safe' \
        --db "$SSHFS_MNT_A/share.db" --locking dotfile
    if sshfs_mount_extra "$work/sshfs/pc-c" "direct_io"; then
        expect "sshfs without attr_timeout=0 etc.: warning naming the options, exit 3" 3 \
            'mounted without dir_cache=no,attr_timeout=0,entry_timeout=0,negative_timeout=0' \
            --db "$work/sshfs/pc-c/share.db" --locking dotfile
    else
        notok "mount sshfs with default caching: $SSHFS_WHY"
    fi
    sshfs_stop
fi
