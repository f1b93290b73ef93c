#!/usr/bin/env bash
# slow_read.sh - on a slow link the console keeps answering. Every call
# that reaches the file system waits 80 ms here (GUICHET_IO_DELAY_US, a
# round trip of a remote site, on a local file), so that reads take
# seconds:
#   - the risk marks' scoring, which nobody waits for, gives way to a key
#     typed meanwhile: the day step is drawn at once (without marks, its
#     scoring stopped half-way: fewer calls than a complete one), and the
#     marks come at a later idle second;
#   - a read the person waits for (the summary) says so in the status line
#     after a second ("Reading the file... N s (Esc: stop)"), and Esc stops
#     it.
# Ordered by what the counts file (GUICHET_COUNT_IO) and the screen show,
# never by elapsed time.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
COUNTS=$TEST_TMP/console.counts

# The last kind of line in the counts file ("screen", "tick", "tick-end").
last_mark() { tail -n 1 "$COUNTS" 2>/dev/null | cut -d' ' -f1; }
# wait_mark KIND SECONDS
wait_mark() {
    local i
    for i in $(seq 1 $(($2 * 20 * ${GUICHET_TEST_WAIT_SCALE:-3}))); do
        [ "$(last_mark)" = "$1" ] && return 0
        sleep 0.05
    done
    return 1
}
# Calls (all kinds) between the Nth "tick" line and the "tick-end" after it.
tick_calls() {
    awk -v want="$1" '
        function val(k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] + 0 } return 0 }
        { t = val("reads") + val("writes") + val("syncs") + val("meta") + val("locks") }
        $1 == "tick" { n++; if (n == want) s = t }
        $1 == "tick-end" && n == want { print t - s; exit }' "$COUNTS"
}

CONSOLE_ENV="GUICHET_SCREEN_ALERTS=off GUICHET_COUNT_IO=$COUNTS GUICHET_IO_DELAY_US=80000" \
    start_console 80 24 --db "$DB"
check "the console opens on a slow link" wait_for "Wednesday 25 November 2026" 40
# The first idle second scores the coming days (hundreds of calls, seconds
# here): a key typed meanwhile is handled at once.
check "the first idle second begins (scoring the risk marks)" wait_mark tick 20
send ']'
check "the day step is drawn" wait_for "Thursday 26 November 2026" 20
check "before the scoring has finished: no risk mark yet" eval '! screen | grep -q "▲"'
FIRST=$(tick_calls 1)
check "the scoring gave way: its idle second ended" test -n "$FIRST"
check "the marks come at a later idle second" wait_for "▲" 60
# The idle second that scored completely: the one before the marks.
FULL=0
n=2
while c=$(tick_calls $n) && [ -n "$c" ]; do
    [ "$c" -gt "$FULL" ] && FULL=$c
    n=$((n + 1))
done
check "the stopped scoring made fewer calls ($FIRST) than a complete one ($FULL)" \
    eval '[ "${FIRST:-0}" -lt "$FULL" ]'

# A read the person waits for: the summary of the day.
send B
check "a read over a second says so in the status line" wait_status "^Reading the file\.\.\. [0-9]+ s \(Esc: stop\)" 20
send Escape
check "Esc stops it and says so" wait_status "^Stopped reading the file: what is shown may be incomplete" 20
send Escape
send q
check "q quits" wait_for "exit=0" 20
finish
