#!/usr/bin/env bash
# readme_tasks.sh - every front-desk task of README.md ("The front desk's
# tasks, key by key") replayed from the README text itself, so that the
# documentation and the console cannot drift apart. The table's keys are
# typed one at a time as written (`Enter`, `↑`, `x`...); *words in italics*
# are what a person types there, given below for each task. Each task
# starts from the state its "from" column names, and what it did is then
# checked on screen and in the database.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

README="$TEST_ROOT/README.md"
DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
TODAY=${GUICHET_NOW%% *}

# ---- the table, from README.md ----------------------------------------------------
# Rows of the table under the tasks heading: "task<TAB>from<TAB>keys".
readme_rows() {
    awk '/^### The front desk.s tasks, key by key/ {on = 1; next}
         on && /^\| task \| from \| keys \|/ {table = 1; next}
         table && /^\|---/ {next}
         table && /^\|/ {
             line = $0
             sub(/^\| */, "", line); sub(/ *\|$/, "", line)
             n = split(line, f, / *\| */)
             print f[1] "\t" f[2] "\t" f[3]
             next
         }
         table {exit}' "$README"
}
ROWS=$(readme_rows)
[ "$(printf '%s\n' "$ROWS" | grep -c .)" -ge 8 ] || bail_out "the README's task table was not found"

keys_of() { # TASK -> the keys column
    printf '%s\n' "$ROWS" | awk -F'\t' -v t="$1" '$1 == t {print $3}'
}

# One README key token to tmux: `x` -> a key name or literal text.
tmux_key() {
    case "$1" in
        Enter) echo Enter ;; Space) echo Space ;; Tab) echo Tab ;; Esc) echo Escape ;;
        "↑") echo Up ;; "↓") echo Down ;; "←") echo Left ;; "→") echo Right ;;
        F[0-9]|F1[0-2]) echo "$1" ;;
        *) return 1 ;;
    esac
}

# Sends one key (or text) and waits until the screen shows its effect.
send_settled() { # tmux-args...
    local before tries=100
    before=$(screen)
    send "$@"
    while [ $tries -gt 0 ]; do
        [ "$(screen)" != "$before" ] && return 0
        sleep 0.05
        tries=$((tries - 1))
    done
    echo "# no visible effect of: $*"
    return 1
}

# replay TASK: types the README's keys of TASK; placeholders come from the
# associative array TEXT ("three letters of the name" -> "dup").
declare -A TEXT
replay() {
    local task=$1 keys rest token k
    keys=$(keys_of "$task")
    [ -n "$keys" ] || { echo "# README has no task: $task"; return 1; }
    rest=$keys
    while [ -n "$rest" ]; do
        rest=${rest#"${rest%%[![:space:]]*}"}
        case "$rest" in
            '`'*)
                token=${rest#\`}; token=${token%%\`*}
                rest=${rest#\`"$token"\`}
                if k=$(tmux_key "$token"); then
                    send_settled "$k" || return 1
                else
                    send_settled -l "$token" || return 1
                fi ;;
            '*'*)
                token=${rest#\*}; token=${token%%\**}
                rest=${rest#\*"$token"\*}
                [ -n "${TEXT[$token]:-}" ] || { echo "# no text for *$token*"; return 1; }
                send_settled -l "${TEXT[$token]}" || return 1 ;;
            '') ;;
            *) echo "# cannot read the keys: $rest"; return 1 ;;
        esac
    done
}

# ---- helpers ------------------------------------------------------------------------
walk_to() { # REGEX on the status line, column by column from the first row
    local column row
    for column in 1 2 3 4 5 6; do
        press Home
        for row in $(seq 1 20); do
            status_line | grep -qE -- "$1" && return 0
            press j
        done
        press l
    done
    echo "# no cell matching: $1"
    return 1
}
cell_id() {
    local line start name i
    # One reading of the status line, whole: caught while the console
    # rewrites its end (the risk mark of an idle second), it is read again.
    for i in $(seq 1 $((40 * ${GUICHET_TEST_WAIT_SCALE:-3}))); do
        line=$(status_line)
        printf '%s\n' "$line" | grep -qE '^[0-9:]+-[0-9:]+ .* · .* · .+$' && break
        sleep 0.05
    done
    start=$(printf '%s\n' "$line" | cut -c1-5)
    name=$(printf '%s\n' "$line" | sed -E 's/^[0-9:]+-[0-9:]+ (.*) · .* · .*$/\1/')
    sql "$DB" "SELECT p.id FROM appointment p JOIN beneficiary b ON b.id = p.beneficiary_id
               WHERE p.starts_at = '$TODAY $start' AND b.last_name || ' ' || b.first_name = '${name//\'/\'\'}'
                 AND p.status NOT IN ('excused', 'revoked') LIMIT 1"
}
status_of() { sql "$DB" "SELECT status || '|' || ifnull(arrived_at, '') || '|' || ifnull(cancel_reason, '') FROM appointment WHERE id = $1"; }
back_to_day() {
    local i
    for i in 1 2 3 4; do
        screen | head -n 1 | grep -qF "November 2026 · " && ! screen | grep -qF "┌" && return 0
        press Escape
    done
    send t
    wait_for "Wednesday 25 November 2026" 3 >/dev/null
}

# Two people found by three letters (as booking.sh chooses them): the
# first hit, surname matches first as storage lists them.
person_for_prefix() { # N -> "PREFIX|ID|LAST|FIRST" of the Nth suitable prefix
    local prefix
    prefix=$(sql "$DB" "SELECT substr(word, 1, 3) p FROM person_word
                        WHERE word GLOB '[a-z][a-z][a-z]*'
                        GROUP BY p HAVING count(DISTINCT person_id) BETWEEN 2 AND 8
                        ORDER BY p LIMIT 1 OFFSET $1")
    sql "$DB" "SELECT '$prefix', b.id, b.last_name, b.first_name FROM beneficiary b
               WHERE EXISTS (SELECT 1 FROM person_word w WHERE w.person_id = b.id AND w.word LIKE '$prefix%')
               ORDER BY CASE WHEN b.search_key LIKE '$prefix%' THEN 0 ELSE 1 END, b.search_key, b.id LIMIT 1"
}
IFS='|' read -r PREFIX PID PLAST PFIRST < <(person_for_prefix 0)
IFS='|' read -r PREFIX2 PID2 PLAST2 PFIRST2 < <(person_for_prefix 1)
[ -n "$PID" ] && [ -n "$PID2" ] || bail_out "demo data without two people to find"

start_console 80 24 --db "$DB" --user accueil2
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"

# ---- find a person ---------------------------------------------------------------------
TEXT["three letters of the name"]=$PREFIX
check "README: find a person by three letters ($PREFIX) opens $PLAST $PFIRST's panel" \
    eval 'replay "find a person by three letters of their name" &&
          wait_for "no-show" 3 && screen | head -n 1 | grep -qF "${PLAST^^} $PFIRST"'

# ---- the slot finder -----------------------------------------------------------------------
COUNT0=$(sql "$DB" "SELECT count(*) FROM appointment WHERE beneficiary_id = $PID")
check "README: book their next free slot with the slot finder" \
    eval 'replay "book their next free slot with the slot finder" && wait_status "^Booked: $PLAST $PFIRST" 5'
check "... one more appointment for $PLAST $PFIRST" \
    eval '[ "$(sql "$DB" "SELECT count(*) FROM appointment WHERE beneficiary_id = $PID")" -eq $((COUNT0 + 1)) ]'
back_to_day

# ---- arrived, seen, undo ---------------------------------------------------------------------
check "an appointment of later today is under the cursor" walk_to ' · today, not started$'
AID=$(cell_id)
check "README: mark them arrived, then seen (no. $AID)" \
    eval 'replay "mark them arrived, then seen" && wait_status "^Seen: .*z: undo" 3 &&
          [ "$(status_of "$AID")" = "seen|$TODAY 10:05|" ]'
check "README: take back the last change (z): no outcome again, still arrived" \
    eval 'replay "take back the last change" && wait_status "^Undone: " 3 &&
          [ "$(status_of "$AID")" = "unknown|$TODAY 10:05|" ]'

# ---- book from the day view -----------------------------------------------------------------------
check "a free open cell later today is under the cursor" \
    eval 'walk_to "^1[1-7]:[0-9]{2}-[0-9:]+ free$"'
FREE=$(status_line | cut -c1-5)
send Enter
wait_for "New appointment" 3 >/dev/null
TEXT["motif"]=$(screen | sed -n 's/.*Motif *‹ \(.*\) ›.*/\1/p' | head -n 1)
send Escape
wait_gone "New appointment" 3 >/dev/null
TEXT["three letters of the name"]=$PREFIX2
check "README: book from the day view (${TEXT[motif]}, $PLAST2 $PFIRST2 at $FREE)" \
    eval 'replay "book from the day view" && wait_status "^Booked: $PLAST2 $PFIRST2.* at $FREE" 5'
check "... in the database" \
    eval '[ "$(sql "$DB" "SELECT count(*) FROM appointment WHERE beneficiary_id = $PID2 AND starts_at = '"'$TODAY $FREE'"'")" = 1 ]'

# ---- cancel by the service ------------------------------------------------------------------------
check "another appointment of later today is under the cursor" walk_to ' · today, not started$'
CID=$(cell_id)
TEXT["reason"]="Agent en formation"
check "README: cancel an appointment by the service (no. $CID): revoked, with the reason" \
    eval 'replay "cancel an appointment by the service" && wait_status "^Cancelled \(revoked\)" 3 &&
          [ "$(status_of "$CID")" = "revoked||Agent en formation" ]'

# ---- go to a date ------------------------------------------------------------------------------------
TEXT["date"]="18/08/2027"
check "README: go to a date (18/08/2027)" \
    eval 'replay "go to a date" && wait_for "Wednesday 18 August 2027" 3'
send t
wait_for "Wednesday 25 November 2026" 3 >/dev/null

# ---- fill in past outcomes --------------------------------------------------------------------------------
FIRST=$(sql "$DB" "SELECT id FROM appointment WHERE status = 'unknown' AND ends_at <= '$GUICHET_NOW'
                   AND site_id = (SELECT id FROM site ORDER BY name, id LIMIT 1)
                   ORDER BY starts_at, id LIMIT 1")
check "README: fill in a past outcome as seen (no. $FIRST)" \
    eval 'replay "fill in a past outcome as seen" && wait_status "seen\.$" 3 &&
          [ "$(sql "$DB" "SELECT status FROM appointment WHERE id = $FIRST")" = seen ]'
send Escape
wait_gone "oldest first" 3 >/dev/null
NEXT=$(sql "$DB" "SELECT id FROM appointment WHERE status = 'unknown' AND ends_at <= '$GUICHET_NOW'
                  AND site_id = (SELECT id FROM site ORDER BY name, id LIMIT 1)
                  ORDER BY starts_at, id LIMIT 1")
TEXT["reason"]="Fermeture exceptionnelle"
check "README: fill in a past outcome as revoked (no. $NEXT)" \
    eval 'replay "fill in a past outcome as revoked" && wait_status "revoked" 3 &&
          [ "$(sql "$DB" "SELECT status || '"'|'"' || cancel_reason FROM appointment WHERE id = $NEXT")" = "revoked|Fermeture exceptionnelle" ]'

# Every task of the table was replayed above.
for task in $(printf '%s\n' "$ROWS" | cut -f1 | tr ' ' '_'); do
    grep -qF "replay \"${task//_/ }\"" "$0" || not_ok "README task without a replay here: ${task//_/ }"
done
send Escape
finish
