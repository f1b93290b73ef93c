#!/usr/bin/env bash
# live.sh - live refresh with real commands: a booking made by another
# process (guichet appt add, as a script or another desk would) appears in
# an open console without a key press (about a second: it looks once a
# second; printed, not asserted), and so does its
# cancellation; an idle console with nothing changing draws nothing (the
# GUICHET_BENCH_FD hook counts every screen sent to the terminal).
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
SITE=$(first_site_id "$DB")
DAY=${GUICHET_NOW%% *}
SCREENS="$TEST_TMP/screens"
screens() { wc -c <"$SCREENS"; }
now_ms() { date +%s%3N; }

# Every agent of the site in one screen.
start_shell 160 30 || bail_out "tmux did not start"
run_in_shell "clear; GUICHET_BENCH_FD=3 $(printf '%q' "$GUICHET") --db $(printf '%q' "$DB") 3>$(printf '%q' "$SCREENS"); echo exit=\$?"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

# The console may still draw what it does at its first idle seconds (the
# no-show risk marks once scored): wait until it has settled, then watch.
# Settled: nothing drawn for 3 s running (the risk marks are scored again
# a few seconds after another desk's change, and drawn if they moved).
settle() {
    local a b i quiet=0
    a=$(screens)
    for i in $(seq 1 120); do
        sleep 0.5; b=$(screens)
        if [ "$a" -eq "$b" ]; then
            quiet=$((quiet + 1))
            [ "$quiet" -ge 6 ] && return 0
        else
            quiet=0
        fi
        a=$b
    done
    return 1
}
wait_for "▲" 20 || bail_out "the no-show risk marks were never drawn"
settle
n0=$(screens)
# Time passing is what is tested: idle for 3 s, the console sends nothing
# (a count of screens, not a time, is asserted).
sleep 3
n1=$(screens)
check "an idle console with nothing changing sends no screen (${n0} then ${n1} in 3 s)" \
    eval "[ $n1 -eq $n0 ]"

# A person and a free slot today, found by the command line as a script would.
PERSON=$("$GUICHET" person add --db "$DB" --user script --last Zyxland --first Noé --force 2>&1)
[[ "$PERSON" =~ ^[0-9]+$ ]] || bail_out "person add failed: $PERSON"
MOTIF=$(sql "$DB" "SELECT id FROM motif ORDER BY id LIMIT 1")
SLOT=$("$GUICHET" appt slots --db "$DB" --site "$SITE" --motif "$MOTIF" --count 20 --format csv |
       tr -d '\r' | awk -F';' -v d="$DAY" 'index($1, d) == 1 { print $1 ";" $3; exit }')
[ -n "$SLOT" ] || bail_out "no free slot today at the first site"
AT=${SLOT%%;*}
AGENT=${SLOT##*;}

start=$(now_ms)
ID=$("$GUICHET" appt add --db "$DB" --user script --site "$SITE" --agent "$AGENT" \
     --motif "$MOTIF" --person "$PERSON" --at "$AT" 2>&1)
[[ "$ID" =~ ^[0-9]+$ ]] || bail_out "appt add failed: $ID"
wait_for "ZYXLAND" 15
took=$(( $(now_ms) - start ))
# The console looks once a second: about a second on an idle machine (the
# time is printed, not asserted: a busy machine is slower).
check "a booking made by another process appears without a key press (${took} ms)" \
    eval "screen | grep -qF 'ZYXLAND'"
check "with its time, as the day view draws it" wait_for "${AT#* } ZYXLAND" 1

settle
n2=$(screens)
# Time passing is what is tested, as above: three idle seconds. Another
# desk's change makes the risk marks be scored again once, no sooner than
# 5 s after the last scoring and later on a busy machine (50 times what a
# scoring costs): that one screen may fall here, after settle's quiet 3 s.
# A console that kept drawing would send one at each of the idle seconds.
sleep 3.5
n3=$(screens)
check "then the console is quiet again (${n2} then ${n3}: at most the one screen of the scoring)" \
    eval "[ $n3 -le $((n2 + 1)) ]"

start=$(now_ms)
"$GUICHET" appt cancel "$ID" --db "$DB" --user script --by service --reason "Test" >/dev/null 2>&1 ||
    bail_out "appt cancel failed"
wait_for "✗ ${AT#* } ZYXLAND" 15
took=$(( $(now_ms) - start ))
check "its cancellation by another process shows without a key press too (${took} ms)" \
    eval "screen | grep -qF '✗ ${AT#* } ZYXLAND'"

send q
check "q quits" wait_for "exit=0" 3
finish
