#!/usr/bin/env bash
# live_refresh.sh - another desk writes to the shared file: the console
# notices (PRAGMA data_version, polled about once a second while idle) and
# redraws without a key press. What it draws from the database is made safe:
# an escape sequence stored in a name shows as a placeholder and never
# reaches the terminal. Also the bench hooks (GUICHET_BENCH_FD,
# GUICHET_EXIT_AFTER_FIRST_SCREEN).
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
TODAY=${GUICHET_NOW%% *}
SITE=$(first_site_id "$DB")
AGENTS=$(first_agent_ids "$DB" "$SITE" 3)
PERSON=$(sql "$DB" "SELECT p.beneficiary_id FROM appointment p
    WHERE p.site_id = $SITE AND p.agent_id IN ($AGENTS)
      AND p.starts_at >= '$TODAY 00:00' AND p.starts_at < '$TODAY 24:00'
      AND p.status NOT IN ('excused', 'revoked')
    ORDER BY p.starts_at, p.id LIMIT 1")
[ -n "$PERSON" ] || bail_out "no appointment today in the demo data"

start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

# Another desk renames the person (raw SQL, as a second program would).
sql "$DB" "UPDATE beneficiary SET last_name = 'Zorglub', version = version + 1
           WHERE id = $PERSON"
check "a change made by another program appears without a key press" wait_for "ZORGLUB" 4

# A name holding an escape sequence (clear screen) and a bell, stored by
# something that skipped guichet's validation.
sql "$DB" "UPDATE beneficiary SET last_name = 'Evil' || char(27) || '[2J' || char(7)
           WHERE id = $PERSON"
check "control characters from the database show as placeholders" wait_for "EVIL�[2J�" 4
check "and the screen was not cleared by them" wait_for "Wednesday 25 November 2026" 1
send q
wait_for "exit=0" 3 >/dev/null

# Bench hooks: one byte per completed screen on the given descriptor, and an
# exit right after the first screen.
run_in_shell "clear; GUICHET_EXIT_AFTER_FIRST_SCREEN=1 GUICHET_BENCH_FD=3 '$GUICHET' --db '$DB' 3>'$TEST_TMP/bench.out'; echo bench-exit=\$?"
check "GUICHET_EXIT_AFTER_FIRST_SCREEN quits after the first screen" wait_for "bench-exit=0" 5
check "GUICHET_BENCH_FD received one byte for that screen" \
    eval '[ "$(wc -c <"$TEST_TMP/bench.out")" -eq 1 ]'

finish
