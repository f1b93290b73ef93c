#!/usr/bin/env bash
# run_all.sh - the test runner itself: a test that hangs is stopped at its
# time limit, named, counted as a failure, and what it started is stopped
# with it; a test that says nothing or exits non-zero counts as a failure.
# time-limit: 120
. "$(dirname "$0")/lib/common.sh"

RUNNER="$TEST_ROOT/tests/run-all"
cat >"$TEST_TMP/hang.sh" <<SCRIPT
# time-limit: 2
echo "ok 1 - started"
sleep 300 & # a test that hangs: what the time limit is for
echo \$! >"$TEST_TMP/child.pid"
wait
SCRIPT
printf 'echo "ok 1 - fine"\n' >"$TEST_TMP/fine.sh"
printf 'exit 0\n' >"$TEST_TMP/silent.sh"
printf 'echo "ok 1 - said ok"; exit 3\n' >"$TEST_TMP/crash.sh"

out=$("$RUNNER" --build "$TEST_TMP/b" "$TEST_TMP/fine.sh" "$TEST_TMP/hang.sh" 2>&1)
rc=$?
err=
expect "a hanging test makes the run fail" 1
check "the one that overran is named with its limit" \
    grep -q "hang.sh overran its time limit of 2s" <<<"$out"
check "the others still count" grep -q "^ok   fine.sh" <<<"$out"
check "the closing line counts the overrun as a failure" \
    test "$(tail -n 1 <<<"$out")" = "2 passed, 1 failed"
child=$(cat "$TEST_TMP/child.pid" 2>/dev/null)
gone=0
for _ in $(seq 1 200); do
    if [ -n "$child" ] && ! kill -0 "$child" 2>/dev/null; then gone=1; break; fi
    sleep 0.05
done
check "what the hanging test started was stopped with it" test "$gone" = 1

out=$("$RUNNER" --build "$TEST_TMP/b" "$TEST_TMP/silent.sh" "$TEST_TMP/crash.sh" 2>&1)
rc=$?
expect "silence and a crash are failures" 1
check "a test reporting nothing is named" grep -q "silent.sh reported no test" <<<"$out"
check "a test exiting non-zero is named" grep -q "crash.sh exited with status 3" <<<"$out"
finish
