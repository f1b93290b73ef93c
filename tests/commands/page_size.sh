#!/usr/bin/env bash
# page_size.sh - files made before new files got pages of 16 KiB (fewer
# reads on a network share) are converted: by `guichet backup` (the copy
# has the new pages, the file is left alone) and by `guichet doctor --fix`
# in place, only when no desk uses the file (the rewrite holds the lock
# throughout); `doctor` alone advises it. The rows and their integrity are
# the same after; nothing is changed when the conversion is refused.
# time-limit: 120
. "$(dirname "$0")/lib/common.sh"

NEW=16384
DB="$TEST_TMP/old.db"
demo_db "$DB" || bail_out "cannot create the demo database"
check "a new file has pages of 16 KiB" test "$(sql "$DB" 'PRAGMA page_size')" = $NEW
# An old file: the same rows with pages of 4 KiB, as guichet made them before.
sqlite3 "$DB" 'PRAGMA page_size = 4096; VACUUM;'
check "the old file has pages of 4 KiB" test "$(sql "$DB" 'PRAGMA page_size')" = 4096
ROWS=$(sql "$DB" 'SELECT count(*), sum(id), group_concat(status) FROM appointment' | md5sum)
PEOPLE=$(sql "$DB" 'SELECT count(*), group_concat(last_name) FROM beneficiary' | md5sum)
same_rows() { # FILE
    [ "$(sql "$1" 'SELECT count(*), sum(id), group_concat(status) FROM appointment' | md5sum)" = "$ROWS" ] &&
        [ "$(sql "$1" 'SELECT count(*), group_concat(last_name) FROM beneficiary' | md5sum)" = "$PEOPLE" ] &&
        [ "$(sql "$1" 'PRAGMA integrity_check')" = ok ]
}

run doctor --db "$DB"
expect "doctor: an old file is safe (exit 0)" 0
expect "doctor advises the conversion" 0 "run guichet doctor --fix to convert it"
check "doctor alone changes nothing" test "$(sql "$DB" 'PRAGMA page_size')" = 4096

# backup: the copy has the new pages
run backup --db "$DB" "$TEST_TMP/copy.db"
expect "backup of an old file" 0 "pages of $NEW bytes in the copy (4096 in the file)"
check "the copy has pages of 16 KiB" test "$(sql "$TEST_TMP/copy.db" 'PRAGMA page_size')" = $NEW
check "the copy holds the same rows, sound" same_rows "$TEST_TMP/copy.db"
check "the file itself is left alone by backup" test "$(sql "$DB" 'PRAGMA page_size')" = 4096
run backup --db "$TEST_TMP/copy.db" "$TEST_TMP/copy2.db"
expect "backup of a new file" 0 "integrity ok"
check "...says nothing of pages" eval '! printf "%s\n" "$out" | grep -q "pages of .* bytes in the copy"'

# doctor --fix while the lock is held (another program): doctor cannot
# even read the file then; nothing changed
mkdir -p "$XDG_CONFIG_HOME/guichet"
printf 'locking = dotfile\n' >"$XDG_CONFIG_HOME/guichet/config"
mkdir "$DB.lock"
run doctor --db "$DB" --fix
expect "doctor --fix while the file is locked: not converted (exit 1)" 1
check "...the file is unchanged" test "$(sql "$DB" 'PRAGMA page_size')" = 4096
rmdir "$DB.lock"

# doctor --fix while a desk (a console, idle) has the file open: refused
mkfifo "$TEST_TMP/keys"
TERM=xterm script -qfc "$(printf '%q ' "$GUICHET" --db "$DB")" /dev/null <"$TEST_TMP/keys" >/dev/null 2>&1 &
DESK=$!
exec 7>"$TEST_TMP/keys"
for i in $(seq 1 600); do
    ls "$DB.desks" 2>/dev/null | grep -qv joining && break
    sleep 0.05
done
check "a desk is announced" eval 'ls "$DB.desks" 2>/dev/null | grep -qv joining'
run doctor --db "$DB" --fix
expect "doctor --fix while a desk works: not converted" 0 "Not converted to pages of $NEW bytes: desks are using the file"
check "...the file is unchanged" test "$(sql "$DB" 'PRAGMA page_size')" = 4096
printf 'q' >&7
exec 7>&-
for i in $(seq 1 600); do kill -0 "$DESK" 2>/dev/null || break; sleep 0.05; done
kill "$DESK" 2>/dev/null
wait "$DESK" 2>/dev/null
for i in $(seq 1 200); do [ -z "$(ls "$DB.desks" 2>/dev/null)" ] && break; sleep 0.05; done

# doctor --fix with no desk: converted in place
run doctor --db "$DB" --fix
expect "doctor --fix converts" 0 "converted from 4096 to $NEW bytes"
check "the file has pages of 16 KiB" test "$(sql "$DB" 'PRAGMA page_size')" = $NEW
check "the same rows, sound" same_rows "$DB"
check "no lock or journal left" eval '[ ! -e "$DB.lock" ] && [ ! -e "$DB-journal" ]'
run doctor --db "$DB"
expect "doctor after: safe" 0
check "...and nothing more to convert" eval '! printf "%s\n" "$out" | grep -q "doctor --fix to convert"'
run appt list --db "$DB" --site 1 --date "$TODAY"
expect "the converted file is used as before" 0

# read-only: doctor --fix does not try
DB2="$TEST_TMP/ro.db"
cp "$TEST_TMP/copy.db" "$DB2"
sqlite3 "$DB2" 'PRAGMA page_size = 4096; VACUUM;'
chmod a-w "$DB2"
run doctor --db "$DB2" --fix
check "doctor --fix on a read-only file: no conversion" test "$(sql "$DB2" 'PRAGMA page_size')" = 4096
finish
