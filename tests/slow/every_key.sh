#!/usr/bin/env bash
# every_key.sh - the generic key test: for every screen whose key table is
# listed in tui/keytables.c (read through build/tests/keys_dump, so a new
# screen is covered, or reported as unreachable, without editing any key
# list here), in English and in French:
#   - its F-key bar shows exactly the F-keys its table labels, with their
#     labels in the language of the run;
#   - its help (F1) lists every help line of its table, each beside its
#     F-key and its one-character key;
# and, in English:
#   - keys it does not advertise change neither the screen nor the file;
#   - each key it advertises acts: pressing it changes the screen (colours
#     and attributes included: a cursor that moves counts) or the file.
#     A "backward" key (left, up, previous...) is pressed after its forward
#     twin, "today" after a step away from today.
# Only the way to reach each screen is written here (REACH below); a table
# without one fails the test until someone says how to reach it.
#
# Speed: screens are checked by EVERY_KEY_JOBS workers at once (3 by
# default), each with its own terminal and copy of the file. After a key
# acted, the worker tries to come back to the screen as it was (the
# backward twin, or Esc) and keeps the console when the screen is exactly
# as before; otherwise it starts a fresh console on a fresh copy. Every
# check waits for a condition; none depends on how fast the machine is.
#   EVERY_KEY_ONLY="day month"   only these screens (while mending one)
#   EVERY_KEY_LANGS="en"         only English (default: "en fr")
#   EVERY_KEY_PRESS=0            no advertised key pressed: the bars, the
#                                help and the keys not advertised only
#                                (tests/screen/keys_bars.sh, in make check)
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DUMP_BIN="$GUICHET_BUILD_DIR/tests/keys_dump"
[ -x "$DUMP_BIN" ] || bail_out "missing $DUMP_BIN (make tests builds it)"
DUMP="$TEST_TMP/keys.tsv"
"$DUMP_BIN" >"$DUMP" || bail_out "keys_dump failed"
LOCALEDIR="$GUICHET_BUILD_DIR/locale"
[ -f "$LOCALEDIR/fr/LC_MESSAGES/guichet.mo" ] || bail_out "missing the French catalogue in $LOCALEDIR"
locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$' || bail_out "the fr_FR.UTF-8 locale is missing (scripts/install-deps)"

PRISTINE="$TEST_TMP/pristine.db"
demo_db "$PRISTINE" || bail_out "cannot create the demo database"

W=160 H=50 # wide: the bar and the help lines are never cut

# How to reach each screen from the day view: tmux key names, then a text
# (an English message, translated for the French run) that says the screen
# is up ("!NLABEL": once F-key N's LABEL, on the bar underneath, has gone).
# "-" marks a screen reached elsewhere, with why.
declare -A REACH READY
REACH[day]=""                        READY[day]=""
REACH[week]="w"                      READY[week]="!9Menu"
REACH[people]="F3"                   READY[people]="Search:"
REACH[person]="F3 m a r t Enter"     READY[person]="Reminders:"
REACH[to-fill-in]="R"                READY[to-fill-in]="To fill in"
REACH[left-outside]="S Right Right Right Right Right F2 Enter Enter" READY[left-outside]="Left outside"
REACH[structure]="S"                 READY[structure]="Opening hours"
REACH[form]="n"                      READY[form]="New appointment"
REACH[discard]="n Right Escape"      READY[discard]="Discard your changes? (Enter: discard · Esc: keep editing)"
REACH[list]="s"                      READY[list]="!9Menu"
REACH[help]="F1"                     READY[help]="Show this help"
REACH[details]="R Enter"             READY[details]="Booked"
REACH[month]="m"                     READY[month]="!9Menu"
REACH[summary]="B"                   READY[summary]="Summary"
REACH[alerts]="A"                    READY[alerts]="No answer"
REACH[loans]="L"                     READY[loans]="!9Menu"
REACH[loan-grid]="L w"               READY[loan-grid]="Week/Site"
REACH[loan-dates]="L Enter"          READY[loan-dates]="!9Menu"
REACH[conflict]="-"                  READY[conflict]="needs a second desk: tests/screen/conflict.sh"

# Screens checked at another size: their scrolling keys act only when
# what they show does not fit (the summary's wide tables, the details).
declare -A SIZE=([summary]="80 24" [details]="60 16")

# Screens where letters are text (a field or a filter has the cursor).
declare -A TYPING=([people]=1 [form]=1 [list]=1)

# A backward key acts once its forward twin moved away; "today" after a
# step away from today (the first of these its table has).
declare -A TWIN=([left]=right [up]=down [previous-page]=next-page [first]=last
    [previous-group]=next-group [previous-month]=next-month [previous-day]=next-day
    [previous-field]=next-field)
TODAY_STEPS="next-day next-month next-page right"

tables=$(cut -f1 "$DUMP" | awk '!seen[$0]++')
[ -n "${EVERY_KEY_ONLY:-}" ] && tables=$EVERY_KEY_ONLY
LANGS=${EVERY_KEY_LANGS:-en fr}
JOBS=${EVERY_KEY_JOBS:-3}
PRESS=${EVERY_KEY_PRESS:-1}

# ---- per worker -------------------------------------------------------------

# Results go to the worker's file as "ok - ..." / "not ok - ..." and "#"
# comments; the main shell numbers them at the end.
OUT=/dev/stdout
r_ok() { echo "ok - $*" >>"$OUT"; }
r_not_ok() {
    echo "not ok - $*" >>"$OUT"
    screen 2>/dev/null | sed 's/^/# | /' >>"$OUT"
}
r_check() {
    local desc=$1
    shift
    if "$@"; then r_ok "$desc"; else r_not_ok "$desc"; fi
}

DB=""
LANG_RUN=en
tr_msg() { # the text a person reads for an English message
    if [ "$LANG_RUN" = fr ]; then
        TEXTDOMAINDIR="$LOCALEDIR" LANGUAGE=fr LC_ALL=fr_FR.UTF-8 gettext -d guichet -- "$1"
    else
        printf '%s' "$1"
    fi
}
help_mark() { # the help's title, whatever screen it is for
    local m
    m=$(tr_msg "Help: %s")
    printf '%s' "${m%%%s*}"
}
day_title() {
    if [ "$LANG_RUN" = fr ]; then echo "mercredi 25 novembre 2026"; else echo "Wednesday 25 November 2026"; fi
}

# The screen with its colours and attributes (a cursor that moves shows).
look() { tmx capture-pane -e -p -t "$SESSION"; }
file_sum() { md5sum <"$DB" | cut -c1-32; }
state() { printf '%s\n%s' "$(file_sum)" "$(look)"; }

# wait_change BEFORE: until the screen or the file differs from BEFORE.
wait_change() {
    local before=$1 tries=$((2 * 20 * WAIT_SCALE))
    while [ "$tries" -gt 0 ]; do
        [ "$(state)" != "$before" ] && return 0
        sleep 0.05
        tries=$((tries - 1))
    done
    return 1
}

# tmux name of a key as the key tables write it.
tmux_key() {
    case "$1" in
    Esc) echo Escape ;;
    PgUp) echo PPage ;;
    PgDn) echo NPage ;;
    Insert) echo IC ;;
    Delete) echo DC ;;
    Backspace) echo BSpace ;;
    ^?) echo "C-$(echo "${1#^}" | tr 'A-Z' 'a-z')" ;;
    *) echo "$1" ;;
    esac
}
press() { # a key as the tables write it
    if [ "${#1}" = 1 ]; then send -l "$1"; else send "$(tmux_key "$1")"; fi
}

# start: the console alone in a terminal of its own (no shell before it:
# quicker to start), on a fresh copy of the file; when it ends, the pane
# shows exit=STATUS and stays.
start() {
    local env="LANG=C.UTF-8"
    [ "$LANG_RUN" = fr ] && env="LANG=fr_FR.UTF-8"
    DB="$WORK/demo.db"
    cp "$PRISTINE" "$DB" || return 1
    tmx kill-server >/dev/null 2>&1
    TMUX_SERVERS=$((TMUX_SERVERS + 1))
    TMUX_SOCKET="guichet-test-$$-$TMUX_SERVERS"
    tmx new-session -d -s "$SESSION" -x "$W" -y "$H" -c "$TEST_ROOT" \
        "env $env $(printf '%q' "$GUICHET") --db $(printf '%q' "$DB"); echo exit=\$?; exec cat"
}

# settle: once the help has come and gone, every key sent before was read
# and the screen is drawn whole (not on the help's own screen: F1 closes it).
settle() {
    [ "$1" = help ] && return 0
    send F1
    wait_for "$(help_mark)" 3 >/dev/null || return 1
    send Escape
    wait_gone "$(help_mark)" 3 >/dev/null || return 1
    stable
}

# stable: until two captures in a row agree (a frame tmux received in
# several parts is whole).
stable() {
    local a b tries=20
    a=$(look)
    while [ "$tries" -gt 0 ]; do
        b=$(look)
        [ "$a" = "$b" ] && return 0
        a=$b
        tries=$((tries - 1))
    done
    return 0
}

# open TABLE: a fresh console on a fresh copy of the file, on TABLE's screen.
open() {
    local t=$1
    start || return 1
    wait_for "$(day_title)" 5 >/dev/null || return 1
    # The day view draws the no-show risk marks at its first idle second:
    # the screen is settled once they are there.
    wait_for "▲" 20 >/dev/null || return 1
    reach "$t"
}

# on_day_view: the day view is the top screen (its title, its bar).
on_day_view() {
    local s
    s=$(screen)
    echo "$s" | head -n 1 | grep -qF -- "$(day_title)" &&
        echo "$s" | tail -n 1 | grep -qF -- "9$(tr_msg Menu)" &&
        ! echo "$s" | grep -qF -- "$(help_mark)"
}

# reach TABLE: from the day view to TABLE's screen, settled.
reach() {
    local t=$1 k ready
    for k in ${REACH[$t]}; do
        send "$k"
    done
    ready=${READY[$t]}
    case "$ready" in
    "") ;;
    !*)
        ready=${ready#!}
        local n=${ready%%[!0-9]*}
        wait_gone "$n$(tr_msg "${ready#"$n"}")" 3 >/dev/null || return 1
        ;;
    *) wait_for "$(tr_msg "$ready")" 3 >/dev/null || return 1 ;;
    esac
    settle "$t"
}

bar() { screen | tail -n 1; }

# check_bar_and_help TABLE ROWS: the bar and the help, in the run's language.
check_bar_and_help() {
    local t=$1 rows=$2 lang="[$LANG_RUN]"
    local want missing="" extra w n
    want=$(echo "$rows" | awk -F'\t' '$3 > 0 && $5 != "" {print $3 "\t" $5}' | sort -u |
        while IFS=$'\t' read -r n w; do echo "$n$(tr_msg "$w")"; done)
    while IFS= read -r w; do
        [ -n "$w" ] && ! bar | grep -qF -- "$w" && missing+=" [$w]"
    done <<<"$want"
    extra=$(bar | grep -oE '(^| )(1[0-2]|[1-9])[[:alpha:]]' | tr -d ' ' | sed 's/.$//' | while read -r n; do
        echo "$want" | grep -q "^$n[^0-9]" || echo "F$n"
    done)
    r_check "$t $lang: the bar shows its table's F-keys${missing:+ (missing$missing)}${extra:+ (extra $extra)}" \
        eval '[ -z "$missing" ] && [ -z "$extra" ]'

    # The help: every line of the table, after its F-key and its key.
    local seen prev i range shown fk keys help h30 line c nohelp="" nokey=""
    if [ "$t" != help ]; then
        send F1
        wait_for "$(help_mark)" 3 >/dev/null
    fi
    # A help longer than the screen says which lines it shows ("1-46/52"):
    # page until the last one.
    seen=$(screen)
    for i in 1 2 3 4 5 6; do
        range=$(screen | grep -oE '[0-9]+-[0-9]+/[0-9]+ ─' | tail -n 1)
        range=${range% ─}
        [ -n "$range" ] || break
        shown=${range#*-}
        [ "${shown%/*}" -lt "${shown#*/}" ] || break
        prev=$(look)
        send NPage
        wait_change "$(file_sum)"$'\n'"$prev" || break
        stable
        seen+=$'\n'"$(screen)"
    done
    seen=$(echo "$seen" | tr -s ' ')
    while IFS=$'\x1f' read -r fk keys help; do
        h30=$(tr_msg "$help" | tr -s ' ')
        h30=${h30:0:30}
        line=$(echo "$seen" | grep -F -- "$h30" | head -n 1)
        if [ -z "$line" ]; then
            nohelp+=" [$h30]"
            continue
        fi
        line=${line%%"$h30"*}
        [ "$fk" -gt 0 ] && ! echo "$line" | grep -qE "(^|[^0-9])F$fk( |$)" && nokey+=" [F$fk: $h30]"
        for c in $keys; do
            if [ "${#c}" = 1 ]; then
                echo " $line " | grep -qF -- " $c " || nokey+=" [$c: $h30]"
                break
            fi
        done
    done < <(echo "$rows" | awk -F'\t' '{print $3 "\x1f" $4 "\x1f" $7}' | sort -u)
    # The help's own table has no help: F1 there closes it (its bar is
    # checked above).
    if [ "$t" != help ]; then
        r_check "$t $lang: the help lists every action of its table${nohelp:+ (missing$nohelp)}" \
            eval '[ -z "$nohelp" ]'
        r_check "$t $lang: the help shows each action's F-key and key${nokey:+ (missing$nokey)}" \
            eval '[ -z "$nokey" ]'
    fi
    if [ "$t" != help ]; then
        send Escape
        wait_gone "$(help_mark)" 3 >/dev/null && stable
    fi
}

# check_narrow TABLE ROWS: at 80x24, the bar still shows every label whole
# and the status line (the hints) is whole or loses whole parts (" · ..."),
# never a word cut in two.
check_narrow() {
    local t=$1 rows=$2 lang="[$LANG_RUN]" wide narrow want w missing="" cut=""
    wide=$(screen | tail -n 2 | head -n 1 | sed 's/ *$//')
    tmx resize-window -t "$SESSION" -x 80 -y 24
    settle "$t"
    stable
    narrow=$(screen | tail -n 2 | head -n 1 | sed 's/ *$//')
    want=$(echo "$rows" | awk -F'\t' '$3 > 0 && $5 != "" {print $3 "\t" $5}' | sort -u |
        while IFS=$'\t' read -r n w; do echo "$n$(tr_msg "$w")"; done)
    while IFS= read -r w; do
        [ -n "$w" ] && ! bar | grep -qF -- "$w" && missing+=" [$w]"
    done <<<"$want"
    r_check "$t $lang: at 80x24 the bar keeps its labels whole${missing:+ (cut:$missing)}" \
        eval '[ -z "$missing" ]'
    # The day and week views' status line describes the cell under the
    # cursor, which another size moves (another time step): no hint there.
    if [ "$t" != day ] && [ "$t" != week ] && [ "$narrow" != "$wide" ]; then
        case "$wide" in
        "$narrow · "* | "$narrow  "*) ;;
        *) cut="[$narrow] of [$wide]" ;;
        esac
    fi
    r_check "$t $lang: at 80x24 the hints lose whole parts, never a word cut${cut:+ ($cut)}" \
        eval '[ -z "$cut" ]'
    tmx resize-window -t "$SESSION" -x "$W" -y "$H"
    settle "$t"
    stable
}

# check_unadvertised TABLE ROWS: keys the table does not bind change nothing.
check_unadvertised() {
    local t=$1 rows=$2 bound candidates c before before_file
    bound=" $(echo "$rows" | cut -f4 | tr '\n' ' ') "
    if [ -n "${TYPING[$t]:-}" ]; then
        candidates="F11 F12 C-t C-y"
    else
        candidates=""
        for c in b c d i j k p y C D E F G H I J K L O P Q T U V W X Y Z 0 5 9 '#' '%' '=' F11 F12 C-t; do
            case "$bound" in *" $c "*) ;; *) candidates+=" $c" ;; esac
        done
    fi
    before=$(state)
    before_file=$(file_sum)
    for c in $candidates; do
        case "$c" in F* | C-*) send "$c" ;; *) send -l "$c" ;; esac
    done
    # The help is the barrier: once it shows, the keys above were read (in
    # order); closing it gives back the screen as it was.
    if [ "$t" = help ]; then
        send Escape
        wait_gone "$(help_mark)" 3 >/dev/null
        r_check "$t: keys it does not advertise ($candidates) change nothing" \
            eval '[ "$(file_sum)" = "$before_file" ]'
        return
    fi
    send F1
    wait_for "$(help_mark)" 3 >/dev/null
    send Escape
    wait_gone "$(help_mark)" 3 >/dev/null
    r_check "$t: keys it does not advertise ($candidates) change nothing" \
        eval '[ "$(state)" = "$before" ]'
}

# first_key ROWS ACTION: the first key a table gives an action.
first_key() {
    echo "$1" | awk -F'\t' -v a="$2" '$2 == a {if ($3 > 0) print "F" $3; else {split($4, k, " "); print k[1]}; exit}'
}

# check_keys TABLE ROWS: each advertised key acts.
check_keys() {
    local t=$1 rows=$2 action fk keys k twin step before acted
    local baseline="" baseline_file=""
    if [ "$t" != help ] && ! screen | grep -qF -- "$(help_mark)"; then
        baseline=$(state) # the screen as open left it
        baseline_file=$(file_sum)
    fi
    local -a todo=()
    while IFS=$'\t' read -r action fk keys; do
        case "$action" in redraw | edit-text) continue ;; esac
        [ "$fk" -gt 0 ] && todo+=("$action F$fk")
        for k in $keys; do
            [ -n "${TYPING[$t]:-}" ] && [ "${#k}" = 1 ] && continue # text there
            todo+=("$action $k")
        done
    done < <(echo "$rows" | awk -F'\t' '{print $2 "\t" $3 "\t" $4}')
    local item
    for item in "${todo[@]}"; do
        action=${item%% *}
        k=${item#* }
        if [ -z "$baseline" ] || [ "$(state)" != "$baseline" ]; then
            [ -n "${EVERY_KEY_DEBUG:-}" ] && echo "# $(date +%s.%N | cut -c1-14) reopen before $k ($action)" >>"$OUT"
            if ! open "$t"; then
                r_not_ok "$t: $k ($action): the screen did not open again"
                baseline=""
                continue
            fi
            baseline=$(state)
            baseline_file=$(file_sum)
        fi
        # Backward keys and today: first a step the other way.
        step=""
        if [ -n "${TWIN[$action]:-}" ]; then
            step=$(first_key "$rows" "${TWIN[$action]}")
        elif [ "$action" = today ]; then
            for twin in $TODAY_STEPS; do
                step=$(first_key "$rows" "$twin")
                [ -n "$step" ] && break
            done
        fi
        if [ -n "$step" ]; then
            before=$(state)
            press "$step"
            if ! wait_change "$before" || ! settle "$t"; then
                r_not_ok "$t: $k ($action): $step, pressed first, did not move"
                baseline=""
                continue
            fi
        fi
        before=$(state)
        press "$k"
        acted=0
        wait_change "$before" && acted=1
        r_check "$t: $k ($action) acts" eval '[ "$acted" = 1 ]'
        # Back to the screen as it was, or a fresh console next time.
        [ "$acted" = 1 ] || continue
        [ "$(state)" = "$baseline" ] && continue
        [ "$(file_sum)" = "$baseline_file" ] || continue
        if [ -n "${TWIN[$action]:-}" ]; then
            continue # the step was the way forward; nothing cheap brings it back
        fi
        local back=Escape
        for twin in "${!TWIN[@]}"; do
            [ "${TWIN[$twin]}" = "$action" ] && back=$(tmux_key "$(first_key "$rows" "$twin")")
        done
        [ -n "$back" ] || continue
        screen | grep -q '^exit=' && continue
        send "$back"
        # No verdict rests on this wait: a screen not back in time is
        # started afresh. Back on the day view, the way in is taken again.
        local until=$((SECONDS + 2 * WAIT_SCALE))
        while [ "$SECONDS" -lt "$until" ] && [ "$(state)" != "$baseline" ]; do
            if [ "$t" != day ] && on_day_view; then
                reach "$t"
                break
            fi
            sleep 0.05
        done
    done
}

# check_table TABLE: every check of one screen, in the run's language.
check_table() {
    local t=$1 rows
    if [ -z "${REACH[$t]+set}" ]; then
        r_not_ok "$t: no way to reach this screen is written in every_key.sh (REACH)"
        return
    fi
    if [ "${REACH[$t]}" = "-" ]; then
        r_ok "$t [$LANG_RUN]: # SKIP ${READY[$t]}"
        return
    fi
    rows=$(awk -F'\t' -v t="$t" '$1 == t' "$DUMP")
    read -r W H <<<"${SIZE[$t]:-160 50}"
    if ! open "$t"; then
        r_not_ok "$t [$LANG_RUN]: the screen did not open with '${REACH[$t]}'"
        return
    fi
    if [ "$LANG_RUN" = en ]; then
        check_unadvertised "$t" "$rows"
        [ "$t" = help ] && open "$t"
    fi
    check_bar_and_help "$t" "$rows"
    [ "$t" != help ] && check_narrow "$t" "$rows"
    if [ "$LANG_RUN" = en ] && [ "$PRESS" = 1 ]; then
        check_keys "$t" "$rows"
    fi
}

# worker N ITEMS...: "lang:table" items, one terminal of its own.
worker() {
    local n=$1 item
    shift
    OUT="$TEST_TMP/worker-$n.tap"
    WORK="$TEST_TMP/worker-$n"
    mkdir -p "$WORK"
    : >"$OUT"
    TMUX_SERVERS=$((n * 100000)) # own tmux sockets (guichet-test-PID-N...)
    for item in "$@"; do
        LANG_RUN=${item%%:*}
        check_table "${item#*:}"
    done
    tmx kill-server >/dev/null 2>&1
}

_every_key_cleanup() {
    local s dir="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)"
    for s in "$dir"/guichet-test-$$-*; do
        [ -e "$s" ] || continue
        tmux -L "$(basename "$s")" -f /dev/null kill-server >/dev/null 2>&1
        rm -f "$s"
    done
    _tmux_cleanup
}
trap _every_key_cleanup EXIT

# Deal the screens to the workers, longest tables first.
items=()
for l in $LANGS; do
    for t in $(for t in $tables; do echo "$(grep -c "^$t	" "$DUMP") $t"; done | sort -rn | cut -d' ' -f2); do
        items+=("$l:$t")
    done
done
pids=()
for n in $(seq 1 "$JOBS"); do
    mine=()
    for i in "${!items[@]}"; do
        [ $((i % JOBS + 1)) = "$n" ] && mine+=("${items[$i]}")
    done
    [ "${#mine[@]}" -gt 0 ] || continue
    worker "$n" "${mine[@]}" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

for n in $(seq 1 "$JOBS"); do
    [ -f "$TEST_TMP/worker-$n.tap" ] || continue
    while IFS= read -r line; do
        case "$line" in
        "ok - "*) ok "${line#ok - }" ;;
        "not ok - "*) not_ok "${line#not ok - }" ;;
        *) echo "$line" ;;
        esac
    done <"$TEST_TMP/worker-$n.tap"
done
finish
