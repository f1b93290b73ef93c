#!/usr/bin/env bash
# readme_config.sh - the configuration printed in README.md works as
# printed: the example block is copied out of README.md (only the database
# path is pointed at a test file), guichet starts with it and opens the
# example's site; the commands read it too (database, user for the audit).
# A value's trailing comment, quotes and blanks are the settings reader's.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

README="$(cd "$(dirname "$0")/../.." && pwd)/README.md"
# The first ``` block after the "### Configuration" heading.
awk '/^### Configuration/ {inside = 1} inside && /^```/ {if (copying) exit; copying = 1; next}
     copying {print}' "$README" >"$TEST_TMP/example"
check "README.md has an example configuration with a trailing comment" \
    grep -qE '^locking *= *posix +#' "$TEST_TMP/example"
mkdir -p "$XDG_CONFIG_HOME/guichet"
sed "s|^db *=.*|db = $DB|" "$TEST_TMP/example" >"$XDG_CONFIG_HOME/guichet/config"
SITE=$(sed -n 's/^site *= *//p' "$TEST_TMP/example" | sed 's/ *#.*//')
USER_NAME=$(sed -n 's/^user *= *//p' "$TEST_TMP/example" | sed 's/ *#.*//')

start_console 80 24
check "the console starts with the README's configuration and opens $SITE" wait_for "· $SITE" 10
check "no configuration error" eval '! screen | grep -q "config"'
send q
check "q quits with status 0" wait_for "exit=0" 5

# The commands read the same file: no --db, the audit names the user.
ID=$(GUICHET_NOW="$GUICHET_NOW" LC_ALL=C.UTF-8 "$GUICHET" appt list --date "${GUICHET_NOW%% *}" \
    --format csv 2>"$TEST_TMP/err" | sed -n 2p | cut -d';' -f1)
check "appt list finds the database through the configuration" test -n "$ID"
"$GUICHET" appt cancel "$ID" --by service --reason "test" 2>>"$TEST_TMP/err"
check "a change is recorded under the configuration's user ($USER_NAME)" \
    test "$(sql "$DB" "SELECT actor FROM audit WHERE entity_id = ${ID:-0} AND action = 'cancel'")" = "$USER_NAME"

finish
