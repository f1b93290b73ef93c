#!/usr/bin/env bash
# waiting.sh - another desk holds the shared file's write lock (here: the
# sqlite3 shell inside BEGIN IMMEDIATE, kept open through a fifo) while
# the console tries to write (an outcome in the "to fill in" list):
#   - the status line says "Waiting for another desk..." at once and counts
#     the seconds; the screen stays alive (a resize redraws it);
#   - Esc gives up: a clear message, and the database is unchanged;
#   - when the other desk lets go, the write goes through by itself;
#   - without Esc, storage's timeout ends the wait with a clear message
#     and nothing written.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
SITE=$(first_site_id "$DB")
NOW=$GUICHET_NOW
oldest() {
    sql "$DB" "SELECT id FROM appointment WHERE site_id = $SITE AND status = 'unknown'
               AND starts_at < '$NOW' ORDER BY starts_at, id LIMIT 1"
}
status_of() { sql "$DB" "SELECT status FROM appointment WHERE id = $1"; }
audit_count() { sql "$DB" "SELECT count(*) FROM audit"; }

LOCK_PID=""
trap '[ -n "$LOCK_PID" ] && kill "$LOCK_PID" 2>/dev/null; _tmux_cleanup' EXIT

# Is the write lock free? (a writer that does not wait at all)
lock_free() {
    sqlite3 -batch -cmd ".timeout 0" "$DB" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1
}

hold_lock() {
    local fifo="$TEST_TMP/lock.fifo"
    rm -f "$fifo"
    mkfifo "$fifo"
    # A busy timeout: the probe below may hold the lock for an instant.
    sqlite3 -batch -cmd ".timeout 5000" "$DB" <"$fifo" >/dev/null 2>&1 &
    LOCK_PID=$!
    exec 7>"$fifo"
    echo "BEGIN IMMEDIATE;" >&7
    local tries=100
    while lock_free && [ "$tries" -gt 0 ]; do
        sleep 0.05
        tries=$((tries - 1))
    done
    ! lock_free
}

release_lock() {
    echo "ROLLBACK;" >&7
    exec 7>&-
    wait "$LOCK_PID" 2>/dev/null
    LOCK_PID=""
}

now_ms() { date +%s%3N; }

start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"
send R
wait_for "oldest first" 3 || bail_out "the list to fill in did not open"

# ---- 1. Esc gives up ---------------------------------------------------------
ID=$(oldest)
AUDIT=$(audit_count)
check "another process holds the write lock" hold_lock
start=$(now_ms)
send v
wait_status "Waiting for another desk\.\.\. [0-9]+ s \(Esc: give up\)" 3
shown=$(( $(now_ms) - start ))
check "the status line says the console waits for another desk, at once (${shown} ms)" \
    eval "[ $shown -lt 1000 ]"
check "and counts the seconds" wait_status "Waiting for another desk\.\.\. [1-9] s" 3
tmx resize-window -t "$SESSION" -x 100 -y 30 2>/dev/null
# The status line is the next to last line: at 30 lines, line 29.
status_at_29() {
    local tries=40
    while [ "$tries" -gt 0 ]; do
        screen | sed -n 29p | grep -q "Waiting for another desk" && return 0
        sleep 0.05
        tries=$((tries - 1))
    done
    return 1
}
check "the screen stays alive: a resize while waiting redraws at the new size" status_at_29
send Escape
check "Esc gives up with a clear message" wait_status "gave up waiting for another desk" 3
check "nothing was written: the appointment is still to fill in" \
    eval '[ "$(status_of $ID)" = "unknown" ]'
release_lock
check "and no audit row was added" eval '[ "$(audit_count)" -eq "$AUDIT" ]'
check "the list is still there, usable" wait_for "oldest first" 1

# ---- 2. the other desk lets go: the write goes through ---------------------------
hold_lock >/dev/null || bail_out "could not take the lock again"
send v
wait_status "Waiting for another desk" 3 >/dev/null
release_lock
check "when the other desk commits, the waiting write goes through" wait_status "seen\.$" 5
check "and is in the database" eval '[ "$(status_of $ID)" = "seen" ]'
check "the waiting message is gone" wait_gone "Waiting for another desk" 2

# ---- 3. nobody gives up: storage's timeout -------------------------------------
ID=$(oldest)
AUDIT=$(audit_count)
hold_lock >/dev/null || bail_out "could not take the lock a third time"
send n
check "after the timeout a clear message says another desk kept the lock" \
    wait_status "another desk kept the database locked too long" 15
check "nothing half-done: the appointment is unchanged" eval '[ "$(status_of $ID)" = "unknown" ]'
release_lock
check "and no audit row was added" eval '[ "$(audit_count)" -eq "$AUDIT" ]'
check "the database is consistent" eval '[ "$(sql "$DB" "PRAGMA integrity_check")" = "ok" ]'

send Escape
send q
check "q quits" wait_for "exit=0" 3
finish
