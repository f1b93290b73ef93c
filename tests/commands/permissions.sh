#!/usr/bin/env bash
# permissions.sh - the files the real binary creates hold personal data:
# a new database and its backups are 0660 (or the configured file_mode)
# under umask 022 and 077 alike, never more than the folder lets through;
# doctor warns when the file or its folder is open to other users and
# prints the command that fixes it; a bad file_mode is refused.
. "$(dirname "$0")/lib/common.sh"

mode() { stat -c %a "$1" 2>/dev/null; }

for mask in 022 077; do
    D="$TEST_TMP/share-$mask"
    mkdir -p "$D" && chmod 2770 "$D"
    out=$( (umask $mask; "$GUICHET" demo --db "$D/g.db" --date "$TODAY" --scale 1 --quiet) 2>&1)
    rc=$?
    expect "umask $mask: demo creates the file" 0
    check "umask $mask: the new file is 660 (got $(mode "$D/g.db"))" test "$(mode "$D/g.db")" = 660
    out=$( (umask $mask; "$GUICHET" backup --db "$D/g.db" "$D/copy.db") 2>&1)
    rc=$?
    expect "umask $mask: backup" 0
    check "umask $mask: the backup is 660 (got $(mode "$D/copy.db"))" test "$(mode "$D/copy.db")" = 660
done

P="$TEST_TMP/private"
mkdir -p "$P" && chmod 700 "$P"
run demo --db "$P/g.db" --date "$TODAY" --scale 1 --quiet
check "a private folder gives a private file (got $(mode "$P/g.db"))" test "$(mode "$P/g.db")" = 600

mkdir -p "$XDG_CONFIG_HOME/guichet"
printf 'file_mode = 0640\n' >"$XDG_CONFIG_HOME/guichet/config"
C="$TEST_TMP/conf" && mkdir -p "$C" && chmod 770 "$C"
run demo --db "$C/g.db" --date "$TODAY" --scale 1 --quiet
check "file_mode = 0640 in the configuration (got $(mode "$C/g.db"))" test "$(mode "$C/g.db")" = 640
printf 'file_mode = 0755\n' >"$XDG_CONFIG_HOME/guichet/config"
run demo --db "$C/other.db" --date "$TODAY" --scale 1 --quiet
expect "file_mode = 0755 is refused" 2 "file_mode"
check "nothing created with a bad file_mode" test ! -e "$C/other.db"
rm -f "$XDG_CONFIG_HOME/guichet/config"

# doctor: quiet about a closed file, then warns with the commands.
run doctor --db "$C/g.db"
check "doctor: no warning for a 640 file in a 770 folder" \
    eval '! grep -q "Other users" <<<"$out"'
chmod 755 "$C" && chmod 644 "$C/g.db"
run doctor --db "$C/g.db"
expect "doctor: warns about the file" 0 "chmod o-rwx '$C/g.db'"
expect "doctor: warns about the folder" 0 "chmod o-rwx '$C'"
chmod o-rwx "$C/g.db" "$C"
run doctor --db "$C/g.db"
check "doctor: the printed commands fix it" eval '! grep -q "Other users" <<<"$out"'

finish
