#!/usr/bin/env bash
# purge_failures.sh - a purge that fails or is interrupted halfway leaves
# nothing half-written: it is one unit, so the file holds everything it
# held before, and the command says that nothing was purged and why.
#   - the database refuses a write in the middle of the purge (a RAISE
#     trigger, installed in the test's copy, on one of the people due);
#   - it refuses the purge's own audit row, the unit's last write;
#   - the system refuses to write the file (a file-size limit, as a full
#     disk or a quota would);
#   - the process is killed (SIGKILL) while its transaction is open (its
#     journal exists): the next command finds the file as it was, and a
#     purge then goes through (SQLite deals with the journal left behind).
# Each time: the whole file compared (sqlite3 .dump) and its integrity
# checked. A demo file two years later, when many people are due.
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/purge.db"
demo_db "$DB" || bail_out "cannot create the demo database"
export GUICHET_NOW="2028-12-15 10:00"
run purge --db "$DB" --dry-run
DUE=$(grep -oE '[0-9]+ people anonymised' <<<"$out" | grep -oE '^[0-9]+')
[ -n "$DUE" ] && [ "$DUE" -gt 2 ] || bail_out "the demo file should have people due in 2028 (${DUE:-none})"
# One due in the middle of the list, by id (the order rows are updated in).
MIDDLE=$(sql "$DB" "SELECT id FROM beneficiary WHERE anonymised_at IS NULL AND id IN (
    SELECT beneficiary_id FROM appointment GROUP BY beneficiary_id
    HAVING max(starts_at) < '2026-12-15') ORDER BY id LIMIT 1 OFFSET $((DUE / 2))")
[ -n "$MIDDLE" ] || bail_out "no person in the middle of those due"
integrity() { [ "$(sql "$1" "PRAGMA integrity_check")" = ok ]; }
no_journal() { [ ! -e "$1-journal" ]; }

# ---- the database refuses a write halfway ----
sql "$DB" "CREATE TRIGGER test_refuse BEFORE UPDATE OF last_name ON beneficiary
    WHEN OLD.id = $MIDDLE BEGIN SELECT RAISE(ABORT, 'test: cannot write this person'); END;"
snapshot "$DB"
run purge --db "$DB" --user chef
check "a write refused halfway: the purge fails (exit $rc)" test "$rc" -ne 0
expect "a write refused halfway: says nothing was purged, and why" "$rc" \
    "Nothing was purged: "
expect "a write refused halfway: the reason" "$rc" "cannot write this person"
unchanged "a write refused halfway" "$DB"
check "a write refused halfway: the file is sound, no journal left" eval 'integrity "$DB" && no_journal "$DB"'
sql "$DB" "DROP TRIGGER test_refuse"

# ---- the unit's last write (its audit row) refused ----
sql "$DB" "CREATE TRIGGER test_refuse BEFORE INSERT ON audit WHEN NEW.action = 'purge'
    BEGIN SELECT RAISE(ABORT, 'test: the audit is full'); END;"
snapshot "$DB"
run purge --db "$DB" --user chef
check "the audit row refused: the purge fails (exit $rc)" test "$rc" -ne 0
expect "the audit row refused: says nothing was purged, and why" "$rc" \
    "Nothing was purged: "
unchanged "the audit row refused" "$DB"
check "the audit row refused: the file is sound" integrity "$DB"
sql "$DB" "DROP TRIGGER test_refuse"

# ---- the system refuses to write (file-size limit: EFBIG, like a full disk) ----
# The limit (1 MiB) is below the file's size: the first page written past it
# fails, whichever of the journal and the file it is. The shell ignores
# SIGXFSZ so that the write fails instead of the process being killed.
snapshot "$DB"
SIZE=$(stat -c %s "$DB")
check "setup: the file is larger than the limit ($SIZE bytes)" test "$SIZE" -gt $((1024 * 1024))
out=$( (trap '' XFSZ; ulimit -f 1024; exec "$GUICHET" purge --db "$DB" --user chef) \
       2>"$TEST_TMP/stderr")
rc=$?
err=$(cat "$TEST_TMP/stderr")
check "a write the system refuses: the purge fails (exit $rc)" test "$rc" -ne 0
expect "a write the system refuses: says nothing was purged, and why" "$rc" \
    "Nothing was purged: "
run purge --db "$DB" --dry-run
expect "a write the system refuses: the next command opens the file" 0 "$DUE people anonymised"
unchanged "a write the system refuses" "$DB"
check "a write the system refuses: the file is sound, no journal left" \
    eval 'integrity "$DB" && no_journal "$DB"'

# ---- killed while writing ----
# Each person anonymised costs some work (a trigger that counts), so the
# unit is still open when its journal appears; then SIGKILL. The wait is for
# a condition (the journal file), with a generous limit.
sql "$DB" "CREATE TRIGGER test_slow AFTER UPDATE OF last_name ON beneficiary BEGIN
    SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c
    WHERE x < 100000) SELECT x FROM c); END;"
snapshot "$DB"
"$GUICHET" purge --db "$DB" --user chef >"$TEST_TMP/killed.out" 2>&1 &
PURGE=$!
tries=1200
while [ ! -e "$DB-journal" ] && kill -0 "$PURGE" 2>/dev/null && [ $tries -gt 0 ]; do
    sleep 0.05
    tries=$((tries - 1))
done
check "killed while writing: the purge was caught with its journal open" test -e "$DB-journal"
kill -KILL "$PURGE" 2>/dev/null
wait "$PURGE" 2>/dev/null
rc=$?
check "killed while writing: it was killed (status $rc)" test "$rc" -eq 137
run purge --db "$DB" --dry-run
expect "killed while writing: the next command opens the file" 0 "$DUE people anonymised"
unchanged "killed while writing" "$DB"
check "killed while writing: the file is sound" integrity "$DB"
sql "$DB" "DROP TRIGGER test_slow"
run purge --db "$DB" --user chef
expect "after all that, the purge goes through" 0 "$DUE people anonymised"
check "and anonymised them all" test "$(sql "$DB" "SELECT count(*) FROM beneficiary
    WHERE anonymised_at IS NOT NULL")" = "$DUE"
check "with one audit row, and no journal left" eval '[ "$(sql "$DB" "SELECT count(*) FROM audit
    WHERE action = '"'purge'"'")" = 1 ] && no_journal "$DB"'
finish
