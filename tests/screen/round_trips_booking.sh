#!/usr/bin/env bash
# round_trips_booking.sh - a booking from the open console (a free cell,
# Enter, the person picked, Enter) must not make more file-system calls
# than stated here: on a share each is a round trip (see
# tests/commands/round_trips.sh for the first screen, day steps and appt
# add). Counted with GUICHET_COUNT_IO on a local file with dot-file
# locking; the calls of the last key (the one that books, checks and
# draws the day again), without those of idle ticks. Never timed.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

# ---- the stated numbers: the key that books --------------------------------
# (the checks and the booking under one lock, kept for the screens read
# again after it: db_hold_begin; the pages they need were read ahead while
# the form waited for Enter: db_appt_read_ahead)
BOOK_READS=3 BOOK_WRITES=14 BOOK_SYNCS=3 BOOK_META=21
# An idle second (nothing changed in the file): the header's change counter
# (one read); every other second the desk's heartbeat too.
IDLE_QUIET=2 IDLE_MEDIAN=9
# ----------------------------------------------------------------------------

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
mkdir -p "$XDG_CONFIG_HOME/guichet"
printf 'locking = dotfile\n' >"$XDG_CONFIG_HOME/guichet/config"
COUNTS=$TEST_TMP/console.counts
PREFIX=$(sql "$DB" "SELECT substr(word, 1, 3) p FROM person_word
                    WHERE word GLOB '[a-z][a-z][a-z]*'
                    GROUP BY p HAVING count(DISTINCT person_id) BETWEEN 2 AND 8
                    ORDER BY p LIMIT 1")
[ -n "$PREFIX" ] || bail_out "no suitable three-letter prefix in the demo data"
read -r PID PLAST PFIRST < <(sql "$DB" "SELECT b.id, b.last_name, b.first_name FROM beneficiary b
    WHERE EXISTS (SELECT 1 FROM person_word w WHERE w.person_id = b.id AND w.word LIKE '$PREFIX%')
    ORDER BY CASE WHEN b.search_key LIKE '$PREFIX%' THEN 0 ELSE 1 END, b.search_key, b.id LIMIT 1" | tr '|' ' ')

CONSOLE_ENV="GUICHET_COUNT_IO=$COUNTS" start_console 80 24 --db "$DB" --user accueil1
check "the console starts" wait_for "Wednesday 25 November 2026" 5

# An open cell without appointment, later today (as booking.sh finds it).
for _ in 1 2 3 4 5 6 7 8; do send h; done
found=""
for column in 1 2 3 4 5 6; do
    send Home
    wait_status '.' 2 >/dev/null
    for _ in $(seq 1 20); do
        if status_line | grep -qE '^[0-9:]+-[0-9:]+ free$' && [[ "$(status_line | cut -c1-5)" > "10:05" ]]; then
            found=1
            break
        fi
        before=$(status_line)
        send j
        for _ in $(seq 1 40); do [ "$(status_line)" != "$before" ] && break; sleep 0.05; done
    done
    [ -n "$found" ] && break
    send l
done
check "the cursor reaches a free open cell ($(status_line))" eval '[ -n "$found" ]'
FREE_TIME=$(status_line | cut -c1-5)
send Enter
wait_for "New appointment" 3 >/dev/null
send Tab
send Enter
wait_for "Choose the person" 3 >/dev/null
send -l "$PREFIX"
wait_for "${PLAST^^} $PFIRST" 3 >/dev/null
send Enter
check "the person is chosen, the form is ready" \
    eval 'wait_gone "Choose the person" 3 && wait_for "[ $PLAST $PFIRST" 2'
# Every key handled and drawn, and the form's reading ahead done (before
# the keys are reported): the next screen is the booking's.
check "the console has handled every key sent" wait_keys "$KEYS_SENT"
# After the last key (the person chosen): the form's idle work, which read
# pages of the file (the read-ahead).
AHEAD=$(awk '
    function val(k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] + 0 } return 0 }
    $1 == "key" { got = ""; open = 0 }
    $1 == "idle" { r = val("reads"); open = 1 }
    $1 == "idle-end" && open { got = val("reads") - r; open = 0 }
    END { print got }' "$COUNTS")
check "the form read ahead for the booking while it waited (${AHEAD:-nothing} reads)" \
    eval '[ "${AHEAD:-0}" -gt 0 ]'
SCREENS=$(grep -c '^screen ' "$COUNTS")
send Enter
check "Enter books the free cell" wait_status "^Booked: $PLAST $PFIRST.* at $FREE_TIME" 5
check "the booking is in the file" \
    test "$(sql "$DB" "SELECT count(*) FROM appointment WHERE starts_at = '${GUICHET_NOW%% *} $FREE_TIME' AND beneficiary_id = $PID")" = 1

# The calls from the Enter ("key" line) to the screen drawn after it.
COST=$(awk -v want="$SCREENS" '
    function val(k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] + 0 } return 0 }
    { r = val("reads"); w = val("writes"); s = val("syncs"); m = val("meta") + val("locks") }
    $1 == "key" { kr = r; kw = w; ks = s; km = m }
    $1 == "screen" { if (++n == want + 1) { print r - kr, w - kw, s - ks, m - km; exit } }' "$COUNTS")
read -r R W S M <<<"$COST"
within() {
    if [ -n "$2" ] && [ "$2" -le "$3" ] 2>/dev/null; then
        check "booking from the console: $1: $2 (at most $3)" true
    else
        check "booking from the console: $1: ${2:-nothing counted} (at most $3)" false
    fi
}
within "reads" "${R:-}" $BOOK_READS
within "writes (journal, database, lock record)" "${W:-}" $BOOK_WRITES
within "syncs" "${S:-}" $BOOK_SYNCS
within "metadata and lock calls" "${M:-}" $BOOK_META
check "the booking wrote and synced the file (the counting works)" \
    eval '[ "${W:-0}" -gt 0 ] && [ "${S:-0}" -ge 2 ]'

# The idle ticks ("tick" .. "tick-end" lines), in calls each: the first ones
# score the risk marks and the one after the booking reads the file again;
# the others find the change counter where it was and take no lock.
awk '
    function val(k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] + 0 } return 0 }
    { t = val("reads") + val("writes") + val("syncs") + val("meta") + val("locks") }
    $1 == "tick" { s = t }
    $1 == "tick-end" { print t - s }' "$COUNTS" | sort -n >"$TEST_TMP/ticks"
NTICKS=$(wc -l <"$TEST_TMP/ticks")
QUIET=$(head -n 1 "$TEST_TMP/ticks")
MEDIAN=$(sed -n "$(( (NTICKS + 1) / 2 ))p" "$TEST_TMP/ticks")
check "idle ticks were counted ($NTICKS)" test "$NTICKS" -ge 3
if [ -n "$QUIET" ] && [ "$QUIET" -le $IDLE_QUIET ]; then
    check "an idle tick without change: $QUIET calls (at most $IDLE_QUIET)" true
else
    check "an idle tick without change: ${QUIET:-none} calls (at most $IDLE_QUIET)" false
fi
if [ -n "$MEDIAN" ] && [ "$MEDIAN" -le $IDLE_MEDIAN ]; then
    check "idle ticks, median: $MEDIAN calls (at most $IDLE_MEDIAN)" true
else
    check "idle ticks, median: ${MEDIAN:-none} calls (at most $IDLE_MEDIAN)" false
fi
send q
check "q quits" wait_for "exit=0" 3
finish
