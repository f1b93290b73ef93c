#!/usr/bin/env bash
# risk.sh - the no-show risk in the console, on the demo file at 80x24:
#   - appointments at risk (guichet risk list, 30 % or more) are marked in
#     the day view (and the week view): a mark (▲, ^ with --ascii) and their
#     own colour; with
#     NO_COLOR the mark alone, no colour sent;
#   - the alerts panel (A) lists today's and tomorrow's riskiest at the
#     site as `risk list` does, with their reasons; called (F2), confirmed
#     (y), no answer (r) and a note (e) are written to the real file, with
#     their audit rows;
#   - on-screen alerts: over SSH (SSH_TTY) or without any desktop, a banner
#     until someone opens the alerts panel; it comes back after a restart
#     while nobody acknowledged it, never after; claimed in the file once
#     for the console; none on a desktop (DISPLAY set, no SSH);
#   - the threshold and moments come from the configuration file's
#     alert_threshold and alert_moments, as guichet-notify's.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"
SITE_ID=$(first_site_id "$DB")
SITE=$(sql "$DB" "SELECT name FROM site WHERE id = $SITE_ID")
TODAY=${GUICHET_NOW%% *}

# wait_re REGEX [SECONDS]: until a line of the screen matches.
wait_re() {
    local re=$1 tries=$((${2:-10} * 20))
    while [ "$tries" -gt 0 ]; do
        screen | grep -qE -- "$re" && return 0
        sleep 0.05
        tries=$((tries - 1))
    done
    echo "# timed out waiting for a line matching: $re"
    return 1
}

# The risky appointments of the site today and tomorrow as the command
# line lists them: "HH:MM|Last First" (today's), riskiest first.
"$GUICHET" risk list --db "$DB" --site "$SITE" --min 30 >"$TEST_TMP/list.txt" 2>&1 ||
    bail_out "risk list failed: $(cat "$TEST_TMP/list.txt")"
check "the demo has appointments at risk today at $SITE" \
    grep -qE "^ *[0-9]+ %  $TODAY " "$TEST_TMP/list.txt"

# ---- marks ------------------------------------------------------------------

# The first marked cell on screen, "HH:MM Name" as drawn (capitals first).
marked_cell() { # MARK
    screen | grep -oE "[│|]\\$1 [0-9]{2}:[0-9]{2} [^│|]*" | head -n 1 | sed -E 's/^[^ ]+ //; s/ *$//'
}

# in_list "HH:MM LAST First": that appointment of today is in risk list.
in_list() {
    local time=${1%% *} name=${1#* }
    local last=${name%% *}
    grep -iE "^ *[0-9]+ %  $TODAY $time  " "$TEST_TMP/list.txt" | grep -qiF "$last"
}

start_console 80 24 --db "$DB"
wait_re "│▲ [0-9]{2}:[0-9]{2} " || bail_out "no risk mark appeared"
cell=$(marked_cell ▲)
check "a marked appointment ($cell) is one of risk list's" in_list "$cell"
# every marked appointment on screen is at risk, and none to fill in is marked
bad=0
while read -r c; do
    in_list "$c" || { echo "# marked but not at risk: $c"; bad=1; }
done < <(screen | grep -oE "│▲ [0-9]{2}:[0-9]{2} [^│]*" | sed -E 's/^[^ ]+ //; s/ *$//')
check "every marked appointment on screen is at risk" eval '[ $bad -eq 0 ]'
check "the risk mark has its own colour (magenta, default theme)" \
    eval "tmx capture-pane -e -p -t '$SESSION' | grep -E '▲ [0-9]{2}:' | grep -qE $'\\e\\\\[[0-9;]*(45|35)[;m]'"
# the week of the agent under the cursor (the first, whose marks are shown)
send w
wait_re "^ Week [0-9]+ " 5 || show_screen
check "the week view marks them too" eval 'screen | sed -n "3,\$p" | grep -qF "▲"'
send Escape
wait_gone " Week " 5 >/dev/null
send q
wait_for "exit=0" 3 >/dev/null

CONSOLE_ENV="NO_COLOR=1" start_console 80 24 --db "$DB"
wait_re "│▲ [0-9]{2}:[0-9]{2} " || bail_out "NO_COLOR: no risk mark appeared"
n=$(tmx capture-pane -e -p -t "$SESSION" | grep -oE $'\e\\[[0-9;]*m' | tr -d '\033[m' |
    tr ';' '\n' | grep -cE '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$')
check "NO_COLOR: marks without any colour ($n colour codes)" eval "[ $n -eq 0 ]"
send q
wait_for "exit=0" 3 >/dev/null

CONSOLE_ENV="NO_COLOR=1" start_console 80 24 --db "$DB" --ascii
wait_re "\|\^ [0-9]{2}:[0-9]{2} " || bail_out "--ascii: no ^ mark appeared"
cell=$(marked_cell '^')
check "--ascii: the mark is ^ ($cell)" in_list "$cell"
send q
wait_for "exit=0" 3 >/dev/null

# ---- the alerts panel -----------------------------------------------------------

top=$(sed -n 1p "$TEST_TMP/list.txt")
top_time=$(echo "$top" | awk '{print $4}')
top_day=$(echo "$top" | awk '{print $3}')
top_last=$(echo "$top" | awk '{print $5}')
top_why=$(sed -n 2p "$TEST_TMP/list.txt" | sed 's/^ *//' | cut -c1-30)
top_id=$(sql "$DB" "SELECT a.id FROM appointment a JOIN beneficiary b ON b.id = a.beneficiary_id
    WHERE a.site_id = $SITE_ID AND a.starts_at = '$top_day $top_time' AND b.last_name = '$top_last'")

start_console 80 24 --db "$DB"
wait_re "│▲ " || bail_out "no mark before opening the alerts"
send A
wait_for "Alerts: risk of no-show today and tomorrow" 5 || bail_out "the alerts panel did not open"
dd=${top_day:8:2}/${top_day:5:2}
check "the panel's first line is risk list's riskiest ($dd $top_time $top_last)" \
    eval "screen | sed -n 3p | grep -qF '$dd $top_time $top_last'"
check "its reasons are shown (Why: $top_why...)" eval "screen | grep -qF 'Why: $top_why'"
check "the F-key bar offers the outcomes" \
    eval "screen | tail -n 1 | grep -qE '2Called.*3Confirmed.*4Note.*5No answer'"

send F2
wait_status "Recorded: called" || show_screen
check "F2: called is in the file" \
    eval "[ -n \"\$(sql '$DB' 'SELECT called_at FROM appointment_followup WHERE appointment_id = $top_id')\" ]"
check "F2: and in the audit" \
    eval "sql '$DB' \"SELECT action || ' ' || detail FROM audit WHERE entity = 'appointment' AND entity_id = $top_id\" | grep -qx 'follow-up called'"
send y
wait_status "Recorded: confirmed" || show_screen
check "y: confirmed is in the file" \
    eval "[ -n \"\$(sql '$DB' 'SELECT confirmed_at FROM appointment_followup WHERE appointment_id = $top_id')\" ]"
check "the list says confirmed" eval "screen | sed -n 3p | grep -qF confirmed"
send r
wait_status "Recorded: no answer" || show_screen
check "r: no answer is in the file" \
    eval "[ -n \"\$(sql '$DB' 'SELECT no_answer_at FROM appointment_followup WHERE appointment_id = $top_id')\" ]"
send e
wait_for "Note about the call" 5 || show_screen
send -l "rappeler après 17h"
send F2
wait_status "Note saved" || show_screen
check "e: the note is in the file" \
    eval "[ \"\$(sql '$DB' 'SELECT note FROM appointment_followup WHERE appointment_id = $top_id')\" = 'rappeler après 17h' ]"
check "the note shows under the list" eval "screen | grep -qF 'Note: rappeler après 17h'"
send Escape
wait_gone "Alerts: risk of no-show" 5 || show_screen
send q
wait_for "exit=0" 3 >/dev/null

# ---- on-screen alerts --------------------------------------------------------------

console_alerts() { # DB: console alerts claimed / acknowledged
    sql "$1" "SELECT count(*) || ' ' || count(acknowledged_at) FROM risk_alert WHERE channel = 'console'"
}
BANNER="A: alerts · no-show risk"

DB2="$TEST_TMP/ssh.db"
demo_db "$DB2" || bail_out "cannot copy the demo database"
CONSOLE_ENV="GUICHET_SCREEN_ALERTS=auto DISPLAY=:99" start_console 80 24 --db "$DB2"
wait_re "│▲ " || bail_out "desktop: no mark appeared"
check "on a desktop (DISPLAY, no SSH): no banner" eval "! screen | grep -qF '$BANNER'"
check "on a desktop: nothing claimed for the console" eval "[ \"\$(console_alerts '$DB2')\" = '0 0' ]"
send q
wait_for "exit=0" 3 >/dev/null

CONSOLE_ENV="GUICHET_SCREEN_ALERTS=auto DISPLAY=:99 SSH_TTY=/dev/pts/9" start_console 80 24 --db "$DB2"
wait_for "$BANNER" 10 || bail_out "over SSH: no banner"
check "over SSH: the banner sits above the status line" \
    eval "screen | tail -n 3 | head -n 1 | grep -qF '$BANNER'"
claimed=$(console_alerts "$DB2")
check "over SSH: alerts claimed for the console, none acknowledged ($claimed)" \
    eval "[ '${claimed% *}' -gt 0 ] && [ '${claimed#* }' -eq 0 ]"
send q
wait_for "exit=0" 3 >/dev/null

# not acknowledged: back after a restart
CONSOLE_ENV="-u DISPLAY -u WAYLAND_DISPLAY GUICHET_SCREEN_ALERTS=auto" start_console 80 24 --db "$DB2"
wait_for "$BANNER" 10
check "without a desktop: the banner not acknowledged is back after a restart" \
    eval "screen | grep -qF '$BANNER'"
check "the same alerts: none claimed twice" eval "[ \"\$(console_alerts '$DB2')\" = '$claimed' ]"
send A
wait_for "Alerts: risk of no-show today and tomorrow" 5 || show_screen
check "opening the alerts panel acknowledges them (status line)" \
    wait_status "on-screen alerts? acknowledged"
check "the banner is gone" eval "! screen | grep -qF '$BANNER'"
check "every console alert is acknowledged in the file" \
    eval "[ \"\$(console_alerts '$DB2')\" = '${claimed% *} ${claimed% *}' ]"
send Escape
wait_gone "Alerts: risk of no-show" 5
check "back in the day view: no banner" eval "! screen | grep -qF '$BANNER'"
send q
wait_for "exit=0" 3 >/dev/null

CONSOLE_ENV="GUICHET_SCREEN_ALERTS=auto SSH_TTY=/dev/pts/9" start_console 80 24 --db "$DB2"
wait_re "│▲ " || bail_out "no mark after acknowledging"
# the scores and the alerts come in the same idle tick: the mark is there,
# so a banner would be too
check "acknowledged alerts do not come back" eval "! screen | grep -qF '$BANNER'"
send q
wait_for "exit=0" 3 >/dev/null

# ---- the notifier's settings, from the configuration file -----------------------

DB3="$TEST_TMP/settings.db"
demo_db "$DB3" || bail_out "cannot copy the demo database"
"$GUICHET" risk list --db "$DB3" --site "$SITE" --min 15 >"$TEST_TMP/list15.txt" 2>&1
check "setup: the site has appointments between 15 and 29 % today or tomorrow" \
    eval "grep -qE '^ *(1[5-9]|2[0-9]) %  ' '$TEST_TMP/list15.txt'"
mkdir -p "$XDG_CONFIG_HOME/guichet"
printf 'alert_threshold = 15\nalert_moments = soon=-3d@08:00, 1h-before=-1h\n' \
    >"$XDG_CONFIG_HOME/guichet/config"
CONSOLE_ENV="GUICHET_SCREEN_ALERTS=on" start_console 80 24 --db "$DB3"
wait_for "$BANNER" 10 || bail_out "configured alerts: no banner"
moments=$(sql "$DB3" "SELECT group_concat(moment, ' ') FROM
    (SELECT DISTINCT moment FROM risk_alert WHERE channel = 'console' ORDER BY moment)")
check "the alerts are claimed at the configuration's moments only ($moments)" \
    eval "[ '$moments' = '1h-before soon' ] || [ '$moments' = soon ]"
check "at the configuration's threshold: 15 % or more" \
    eval "[ \"\$(sql '$DB3' \"SELECT count(*) FROM risk_alert WHERE risk < 0.15\")\" = 0 ]"
check "below the default 30 % too" \
    eval "[ \"\$(sql '$DB3' \"SELECT count(*) FROM risk_alert WHERE risk < 0.30\")\" -gt 0 ]"
send A
wait_for "Alerts: risk of no-show today and tomorrow (15 % or more)" 5 ||
    { show_screen; check "the alerts panel says 15 % or more" false; }
send Escape
wait_gone "Alerts: risk of no-show" 5
send q
wait_for "exit=0" 3 >/dev/null
printf 'alert_threshold = 101\n' >"$XDG_CONFIG_HOME/guichet/config"
out=$("$GUICHET" --db "$DB3" 2>&1); rc=$?
check "a bad alert_threshold: the console refuses to start (exit $rc), naming the line" \
    eval "[ $rc -eq 2 ] && grep -qF 'config:1: alert_threshold' <<<\"\$out\""
rm -f "$XDG_CONFIG_HOME/guichet/config"

finish
