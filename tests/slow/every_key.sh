#!/usr/bin/env bash
# every_key.sh - the generic key test: for every screen whose key table is
# listed in tui/keytables.c (read through build/tests/keys_dump, so a new
# screen is covered, or reported as unreachable, without editing any key
# list here):
#   - its F-key bar shows exactly the F-keys its table labels;
#   - its help (F1) lists every help line of its table;
#   - keys it does not advertise change neither the screen nor the file;
#   - each F-key on its bar acts: from a fresh console, pressing it changes
#     the screen (a form opens, the view changes, the screen closes...).
# Only the way to reach each screen is written here (REACH below); a table
# without one fails the test until someone says how to reach it.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DUMP_BIN="$GUICHET_BUILD_DIR/tests/keys_dump"
[ -x "$DUMP_BIN" ] || bail_out "missing $DUMP_BIN (make tests builds it)"
DUMP="$TEST_TMP/keys.tsv"
"$DUMP_BIN" >"$DUMP" || bail_out "keys_dump failed"

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
dump() { sqlite3 -batch "$DB" .dump | md5sum; }

W=160 H=50 # wide: the bar and the help lines are never cut

# How to reach each screen from the day view: tmux key names, then a text
# that says the screen is up ("!TEXT": once TEXT, the day view's bar, has
# gone). "-" marks a screen reached elsewhere, with why.
declare -A REACH READY
REACH[day]=""                        READY[day]="Wednesday 25 November 2026"
REACH[week]="w"                      READY[week]="!9Menu"
REACH[people]="F3"                   READY[people]="Search:"
REACH[person]="F3 m a r t Enter"     READY[person]="Reminders:"
REACH[to-fill-in]="R"                READY[to-fill-in]="To fill in ·"
REACH[structure]="S"                 READY[structure]="Opening hours"
REACH[form]="n"                      READY[form]="New appointment"
REACH[discard]="n Right Escape"      READY[discard]="Discard"
REACH[list]="s"                      READY[list]="Type to filter"
REACH[help]="F1"                     READY[help]="Show this help"
REACH[details]="R Enter"             READY[details]="Booked"
REACH[month]="m"                     READY[month]="!9Menu"
REACH[summary]="B"                   READY[summary]="Summary"
REACH[alerts]="A"                    READY[alerts]="No answer"
REACH[loans]="L"                     READY[loans]="!9Menu"
REACH[loan-grid]="L w"               READY[loan-grid]="!9Menu"
REACH[loan-dates]="L Enter"          READY[loan-dates]="!9Menu"
REACH[conflict]="-"                  READY[conflict]="needs a second desk: tests/screen/conflict.sh"

# Screens where letters are text (a field or a filter has the cursor).
declare -A TYPING=([people]=1 [form]=1 [list]=1)

tables=$(cut -f1 "$DUMP" | awk '!seen[$0]++')
[ -n "${EVERY_KEY_ONLY:-}" ] && tables=$EVERY_KEY_ONLY # while mending one screen

# open TABLE: a fresh console on the screen of TABLE.
open() {
    local t=$1
    start_console "$W" "$H" --db "$DB" || return 1
    wait_for "Wednesday 25 November 2026" 5 >/dev/null || return 1
    # The day view draws the no-show risk marks at its first idle second:
    # the screen is settled once they are there.
    wait_for "▲" 20 >/dev/null || return 1
    local k
    for k in ${REACH[$t]}; do
        send "$k"
        sleep 0.05 # keys typed ahead while a dialog opens are kept; this only paces tmux
    done
    case "${READY[$t]}" in
    !*) wait_gone "${READY[$t]#!}" 3 >/dev/null ;;
    *) wait_for "${READY[$t]}" 3 >/dev/null ;;
    esac
}

bar() { screen | tail -n 1; }

for t in $tables; do
    if [ -z "${REACH[$t]+set}" ]; then
        not_ok "$t: no way to reach this screen is written in every_key.sh (REACH)"
        continue
    fi
    if [ "${REACH[$t]}" = "-" ]; then
        ok "$t: # SKIP ${READY[$t]}"
        continue
    fi
    if ! open "$t"; then
        not_ok "$t: the screen did not open with '${REACH[$t]}'"
        screen | sed 's/^/# | /'
        continue
    fi
    rows=$(awk -F'\t' -v t="$t" '$1 == t' "$DUMP")

    # The bar: every labelled F-key, and no other F-key.
    want=$(echo "$rows" | awk -F'\t' '$3 > 0 && $5 != "" {print $3 $5}' | sort -u)
    missing=""
    while IFS= read -r w; do
        [ -n "$w" ] && ! bar | grep -qF -- "$w" && missing+=" [$w]"
    done <<<"$want"
    extra=$(bar | grep -oE '(^| )(1[0-2]|[1-9])[A-Z]' | tr -d ' ' | sed 's/.$//' | while read -r n; do
        echo "$want" | grep -q "^$n[^0-9]" || echo "F$n"
    done)
    check "$t: the bar shows its table's F-keys${missing:+ (missing$missing)}${extra:+ (extra $extra)}" \
        eval '[ -z "$missing" ] && [ -z "$extra" ]'

    # Keys not advertised: nothing changes, on screen or in the file.
    bound=" $(echo "$rows" | cut -f4 | tr '\n' ' ') "
    if [ -n "${TYPING[$t]:-}" ]; then
        candidates="F11 F12 C-t C-y"
    else
        candidates=""
        for c in b c d i j k p y C D E F G H I J K L O P Q T U V W X Y Z 0 5 9 '#' '%' '=' F11 F12 C-t; do
            case "$bound" in *" $c "*) ;; *) candidates+=" $c" ;; esac
        done
    fi
    before_screen=$(screen)
    before_file=$(dump)
    for c in $candidates; do
        case "$c" in F* | C-*) send "$c" ;; *) send -l "$c" ;; esac
    done
    # The help is the barrier: once it shows, the keys above were read (in
    # order); closing it gives back the screen as it was.
    if [ "$t" = help ]; then
        send Escape
        wait_gone "Close the help" 3 >/dev/null
        check "$t: keys it does not advertise ($candidates) change nothing" \
            eval '[ "$(dump)" = "$before_file" ]'
        continue
    fi
    send F1
    wait_for "Close the help" 3 >/dev/null
    seen=$(screen)
    for i in 1 2 3 4; do
        send NPage
        seen+=$'\n'"$(screen)"
    done
    nohelp=""
    while IFS= read -r h; do
        h30=$(echo "${h:0:30}" | tr -s ' ')
        echo "$seen" | tr -s ' ' | grep -qF -- "$h30" || nohelp+=" [$h30]"
    done < <(echo "$rows" | cut -f7 | sort -u)
    check "$t: the help lists every action of its table${nohelp:+ (missing$nohelp)}" \
        eval '[ -z "$nohelp" ]'
    send Escape
    wait_gone "Close the help" 3 >/dev/null
    check "$t: keys it does not advertise ($candidates) change nothing" \
        eval '[ "$(screen)" = "$before_screen" ] && [ "$(dump)" = "$before_file" ]'

    # Each F-key on the bar acts (a fresh console each time).
    for fk in $(echo "$want" | grep -oE '^[0-9]+' | sort -un); do
        open "$t" || continue
        # "Today" acts once elsewhere: first a step with the table's own key.
        if echo "$rows" | awk -F'\t' -v f="$fk" '$3 == f && $2 == "today"' | grep -q .; then
            step=$(echo "$rows" | awk -F'\t' '$2 ~ /^(next-day|next-page|next-month|right)$/ {print $4; exit}' | awk '{print $1}')
            moved_from=$(screen)
            case "$step" in
            PgDn) send NPage ;;
            Right) send Right ;;
            ?*) send -l "$step" ;;
            esac
            for i in $(seq 60); do
                [ "$(screen)" != "$moved_from" ] && break
                sleep 0.05
            done
        fi
        before_screen=$(screen)
        send "F$fk"
        acted=0
        for i in $(seq 40); do
            if [ "$(screen)" != "$before_screen" ]; then
                acted=1
                break
            fi
            sleep 0.05
        done
        check "$t: F$fk ($(echo "$want" | grep "^$fk[^0-9]" | head -1 | sed 's/^[0-9]*//')) acts" \
            eval '[ "$acted" = 1 ]'
    done
done

finish
