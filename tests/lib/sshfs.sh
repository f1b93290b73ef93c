# tests/lib/sshfs.sh - "two PCs on one share" for the concurrency tests
# (DESIGN.md §10): an sshd on 127.0.0.1 exports a folder, mounted twice with
# sshfs without client caching: direct_io and dir_cache=no as in the recipe,
# and attr_timeout=0,entry_timeout=0 too - otherwise the kernel keeps a file
# size for up to a second and a desk reading right after another desk grew
# the file sees a truncated database ("malformed", a false alarm: the file
# itself is fine; seen once in a few runs of sshfs_share.sh). Byte-range
# locks taken through one mount are invisible to the other, as between two
# real PCs.
#
#   . tests/lib/sshfs.sh
#   sshfs_start WORKDIR || { echo "not ok 1 - sshfs: $SSHFS_WHY"; ... }
#   ... use $SSHFS_EXPORT (the server side), $SSHFS_MNT_A, $SSHFS_MNT_B ...
#   sshfs_stop
#
# sshfs_start returns 1 with the reason in SSHFS_WHY when FUSE, sshd or
# sshfs is not available: callers report that as a failure, never a skip.

SSHFS_DIR=""
SSHFS_WHY=""
SSHFS_EXPORT=""
SSHFS_MNT_A=""
SSHFS_MNT_B=""
SSHFS_PIDFILE=""

sshfs_start() {
    SSHFS_DIR=$1
    mkdir -p "$SSHFS_DIR"
    SSHFS_EXPORT="$SSHFS_DIR/export"
    SSHFS_MNT_A="$SSHFS_DIR/pc-a"
    SSHFS_MNT_B="$SSHFS_DIR/pc-b"
    SSHFS_PIDFILE="$SSHFS_DIR/sshd.pid"
    mkdir -p "$SSHFS_EXPORT" "$SSHFS_MNT_A" "$SSHFS_MNT_B"

    local tool
    for tool in /usr/sbin/sshd sshfs ssh-keygen fusermount3; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            SSHFS_WHY="$tool is not installed (scripts/install-deps installs openssh-server, sshfs, fuse3)"
            return 1
        fi
    done
    if [ ! -e /dev/fuse ]; then
        SSHFS_WHY="/dev/fuse does not exist: FUSE is not available on this machine (a container without the fuse device?)"
        return 1
    fi
    if [ ! -r /dev/fuse ] || [ ! -w /dev/fuse ]; then
        SSHFS_WHY="/dev/fuse is not readable and writable by $(id -un)"
        return 1
    fi

    mkdir -p /run/sshd 2>/dev/null # privilege separation directory
    ssh-keygen -q -t ed25519 -N '' -f "$SSHFS_DIR/host_key" >/dev/null || {
        SSHFS_WHY="ssh-keygen failed for the host key"; return 1; }
    ssh-keygen -q -t ed25519 -N '' -f "$SSHFS_DIR/client_key" >/dev/null || {
        SSHFS_WHY="ssh-keygen failed for the client key"; return 1; }
    cp "$SSHFS_DIR/client_key.pub" "$SSHFS_DIR/authorized_keys"
    chmod 600 "$SSHFS_DIR/authorized_keys"

    # A free high port: try a few.
    local port try
    for try in 1 2 3 4 5 6 7 8; do
        port=$(( 20000 + (RANDOM % 20000) ))
        cat >"$SSHFS_DIR/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $SSHFS_DIR/host_key
PidFile $SSHFS_PIDFILE
AuthorizedKeysFile $SSHFS_DIR/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin yes
UsePAM no
StrictModes no
Subsystem sftp internal-sftp
LogLevel ERROR
EOF
        rm -f "$SSHFS_PIDFILE"
        if /usr/sbin/sshd -f "$SSHFS_DIR/sshd_config" -E "$SSHFS_DIR/sshd.log"; then
            local i
            for i in $(seq 1 100); do
                [ -s "$SSHFS_PIDFILE" ] && break
                sleep 0.05
            done
            [ -s "$SSHFS_PIDFILE" ] && break
        fi
        port=""
    done
    if [ -z "$port" ]; then
        SSHFS_WHY="sshd did not start: $(tail -n 3 "$SSHFS_DIR/sshd.log" 2>/dev/null | tr '\n' ' ')"
        return 1
    fi
    SSHFS_PORT=$port

    local user mnt
    user=$(id -un)
    for mnt in "$SSHFS_MNT_A" "$SSHFS_MNT_B"; do
        if ! sshfs "$user@127.0.0.1:$SSHFS_EXPORT" "$mnt" -p "$port" \
            -o "IdentityFile=$SSHFS_DIR/client_key,StrictHostKeyChecking=no,UserKnownHostsFile=/dev/null,BatchMode=yes,LogLevel=ERROR" \
            -o direct_io,dir_cache=no,attr_timeout=0,entry_timeout=0,negative_timeout=0 \
            >"$SSHFS_DIR/sshfs.log" 2>&1; then
            SSHFS_WHY="sshfs could not mount $mnt: $(tr '\n' ' ' <"$SSHFS_DIR/sshfs.log")"
            sshfs_stop
            return 1
        fi
    done
    # Both "PCs" must see the same folder.
    echo hello >"$SSHFS_MNT_A/.probe"
    if [ "$(cat "$SSHFS_MNT_B/.probe" 2>/dev/null)" != hello ]; then
        SSHFS_WHY="the two sshfs mounts do not show the same folder"
        sshfs_stop
        return 1
    fi
    rm -f "$SSHFS_MNT_A/.probe"
    return 0
}

# sshfs_mount_extra MNT [OPTIONS]: one more mount of the export (after
# sshfs_start), with these -o options instead of the safe ones; unmounted
# by sshfs_stop.
SSHFS_EXTRA=""
sshfs_mount_extra() {
    local mnt=$1 opts=${2:-}
    mkdir -p "$mnt"
    sshfs "$(id -un)@127.0.0.1:$SSHFS_EXPORT" "$mnt" -p "$SSHFS_PORT" \
        -o "IdentityFile=$SSHFS_DIR/client_key,StrictHostKeyChecking=no,UserKnownHostsFile=/dev/null,BatchMode=yes,LogLevel=ERROR" \
        ${opts:+-o "$opts"} >"$SSHFS_DIR/sshfs.log" 2>&1 || {
        SSHFS_WHY="sshfs could not mount $mnt: $(tr '\n' ' ' <"$SSHFS_DIR/sshfs.log")"
        return 1
    }
    SSHFS_EXTRA="$SSHFS_EXTRA $mnt"
}

# sshfs_mount_port MNT PORT: one more mount of the export with the safe
# options, through another port (a delaying proxy in front of sshd, for
# bench/net.sh); unmounted by sshfs_stop.
sshfs_mount_port() {
    local mnt=$1 port=$2
    mkdir -p "$mnt"
    sshfs "$(id -un)@127.0.0.1:$SSHFS_EXPORT" "$mnt" -p "$port" \
        -o "IdentityFile=$SSHFS_DIR/client_key,StrictHostKeyChecking=no,UserKnownHostsFile=/dev/null,BatchMode=yes,LogLevel=ERROR" \
        -o direct_io,dir_cache=no,attr_timeout=0,entry_timeout=0,negative_timeout=0 \
        >"$SSHFS_DIR/sshfs.log" 2>&1 || {
        SSHFS_WHY="sshfs could not mount $mnt: $(tr '\n' ' ' <"$SSHFS_DIR/sshfs.log")"
        return 1
    }
    SSHFS_EXTRA="$SSHFS_EXTRA $mnt"
}

sshfs_stop() {
    local mnt
    for mnt in "$SSHFS_MNT_A" "$SSHFS_MNT_B" $SSHFS_EXTRA; do
        [ -n "$mnt" ] && mountpoint -q "$mnt" 2>/dev/null &&
            { fusermount3 -u "$mnt" 2>/dev/null || fusermount3 -uz "$mnt" 2>/dev/null; }
    done
    if [ -n "$SSHFS_PIDFILE" ] && [ -s "$SSHFS_PIDFILE" ]; then
        kill "$(cat "$SSHFS_PIDFILE")" 2>/dev/null
        rm -f "$SSHFS_PIDFILE"
    fi
    return 0
}
