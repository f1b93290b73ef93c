#!/usr/bin/env bash
# desktop.sh - guichet-notify against a real notification server: inside
# dbus-run-session, Xvfb and `dunst -print` (DESIGN.md §10). Checks the
# summary, body and urgency dunst received for the riskiest appointment;
# that a second run (a restart, another PC) shows nothing again; that a
# hung server (dunst stopped) costs a bounded wait and is reported; that
# the configuration file's alert_threshold and alert_moments (shared with
# the console's on-screen alerts) apply and the options override them; and
# that without any D-Bus session the program says so and exits 1.
. "$(dirname "$0")/../commands/lib/common.sh"

NOTIFY="${GUICHET_NOTIFY_BIN:-$TEST_ROOT/guichet-notify}"
[ -x "$NOTIFY" ] || bail_out "guichet-notify is missing at $NOTIFY (run make)"
for tool in dbus-run-session dbus-send Xvfb xdpyinfo dunst; do
    command -v "$tool" >/dev/null || bail_out "$tool is missing (scripts/install-deps installs it)"
done

DB="$TEST_TMP/notify.db"
demo_db "$DB" || bail_out "cannot create the demo database"
run risk fit --db "$DB"
expect "setup: the model is fitted" 0

# What should be shown: appointments starting within 3 hours with a risk of
# 20 % or more, as `guichet risk list` scores them.
run risk list --db "$DB" --date "$TODAY" --min 20
printf '%s\n' "$out" | awk -v now="${GUICHET_NOW#* }" '/^ *[0-9]+ %  [0-9][0-9][0-9][0-9]-/ {
    split($4, t, ":"); m = t[1] * 60 + t[2]; split(now, n, ":"); nm = n[1] * 60 + n[2]
    if (m > nm && m <= nm + 180) print }' >"$TEST_TMP/expected"
EXPECTED=$(wc -l <"$TEST_TMP/expected")
check "setup: some appointments are due an alert ($EXPECTED)" [ "$EXPECTED" -ge 1 ]
TOP=$(head -n 1 "$TEST_TMP/expected")
TOP_PCT=$(awk '{ print $1 }' <<<"$TOP")
TOP_PERSON=$(sed 's/^ *[0-9]* %  [0-9-]* [0-9:]*  //; s/ | .*//' <<<"$TOP")

# The configuration says 99 % at a moment of its own: the options of the
# first two runs override both. A second configuration (the "config" run)
# says 20 % three hours before, as the options did.
mkdir -p "$XDG_CONFIG_HOME/guichet" "$TEST_TMP/cfg2/guichet"
printf 'alert_threshold = 99  # percent\nalert_moments = never=-1m\n' >"$XDG_CONFIG_HOME/guichet/config"
printf 'db = %s\nalert_threshold = 20\nalert_moments = "from-config=-3h"\n' "$DB" \
    >"$TEST_TMP/cfg2/guichet/config"

# The session: everything below runs inside dbus-run-session.
cat >"$TEST_TMP/session.sh" <<'EOF'
set -u
dir=$1 notify=$2 db=$3
log() { echo "$*" >>"$dir/session.log"; }
wait_for() { # SECONDS COMMAND...: polls every 50 ms
    local end=$(( $(date +%s) + $1 )); shift
    until "$@"; do [ "$(date +%s)" -ge "$end" ] && return 1; sleep 0.05; done
}
exec 4>"$dir/xvfb.num"
Xvfb -displayfd 4 -nolisten tcp >"$dir/xvfb.log" 2>&1 &
xpid=$!
wait_for 30 test -s "$dir/xvfb.num" || { log "Xvfb did not start"; kill $xpid; exit 1; }
display=:$(cat "$dir/xvfb.num")
wait_for 30 xdpyinfo -display "$display" >/dev/null 2>&1 || { log "no X display"; kill $xpid; exit 1; }
DISPLAY=$display dunst -print >"$dir/dunst.out" 2>"$dir/dunst.err" &
dpid=$!
owned() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
        grep -q "boolean true"
}
wait_for 30 owned || { log "dunst never owned the name"; kill $dpid $xpid; exit 1; }

"$notify" --db "$db" --once --moment soon=-3h --threshold 20 >"$dir/first.out" 2>&1
echo "first=$?" >>"$dir/status"
# every notification printed by dunst ends with a line "}"
wait_for 30 sh -c "[ \$(grep -c '^}' '$dir/dunst.out') -ge \$(grep -c ' shown: ' '$dir/first.out') ]"
"$notify" --db "$db" --once --moment soon=-3h --threshold 20 >"$dir/second.out" 2>&1
echo "second=$?" >>"$dir/status"
before=$(grep -c '^}' "$dir/dunst.out")
XDG_CONFIG_HOME="$dir/cfg2" "$notify" --once >"$dir/config.out" 2>&1
echo "config=$?" >>"$dir/status"
wait_for 30 sh -c "[ \$(grep -c '^}' '$dir/dunst.out') -ge \$(( $before + \$(grep -c ' shown: ' '$dir/config.out') )) ]"
# a hung server: dunst stopped, still owning the name
kill -STOP $dpid
"$notify" --db "$db" --once --moment later=-3h --threshold 20 >"$dir/hung.out" 2>&1
echo "hung=$?" >>"$dir/status"
kill -CONT $dpid
kill $dpid; wait $dpid 2>/dev/null
kill $xpid; wait $xpid 2>/dev/null
exit 0
EOF
timeout 300 dbus-run-session -- bash "$TEST_TMP/session.sh" "$TEST_TMP" "$NOTIFY" "$DB" \
    >"$TEST_TMP/dbus.log" 2>&1
rc=$?
out=$(cat "$TEST_TMP/session.log" 2>/dev/null) err=$(cat "$TEST_TMP/dbus.log")
check "a headless session ran (Xvfb, dunst on the session bus)" [ "$rc" -eq 0 ]
status() { sed -n "s/^$1=//p" "$TEST_TMP/status" 2>/dev/null; }
out=$(cat "$TEST_TMP/first.out" 2>/dev/null) err=""
check "first run: exit 0" [ "$(status first)" = 0 ]
SHOWN=$(grep -c " shown: " "$TEST_TMP/first.out")
check "first run: one notification per appointment due ($SHOWN of $EXPECTED)" [ "$SHOWN" -eq "$EXPECTED" ]
out=$(cat "$TEST_TMP/dunst.out" 2>/dev/null)
check "dunst received them all (the first run's and the configuration run's)" \
    [ "$(grep -c '^}' "$TEST_TMP/dunst.out")" -eq "$((2 * EXPECTED))" ]
check "the riskiest first: summary with its risk and person" \
    grep -qF "summary: 'No-show risk $TOP_PCT %: $TOP_PERSON, 25/11/2026" <(grep -m1 "summary:" "$TEST_TMP/dunst.out")
check "the body gives the reasons as odds multipliers" \
    grep -q "×[0-9]" <(sed -n '/body:/,/icon:/p' "$TEST_TMP/dunst.out" | head -n 4)
URG=$(grep -m1 "urgency:" "$TEST_TMP/dunst.out" | awk '{ print $2 }')
WANT=LOW
[ "$TOP_PCT" -ge 30 ] && WANT=NORMAL
[ "$TOP_PCT" -ge 40 ] && WANT=CRITICAL
check "urgency grows with the risk ($TOP_PCT % -> $URG, expected $WANT)" [ "$URG" = "$WANT" ]
check "each alert is recorded in the file" \
    [ "$(sql "$DB" "SELECT count(*) FROM risk_alert WHERE moment = 'soon' AND channel = 'desktop'")" -eq "$EXPECTED" ]

out=$(cat "$TEST_TMP/second.out" 2>/dev/null)
check "second run (a restart, another PC): exit 0" [ "$(status second)" = 0 ]
check "second run: nothing shown again" [ "$(grep -c " shown: " "$TEST_TMP/second.out")" -eq 0 ]

check "the options override the configuration's 99 % and moment (none claimed for it)" \
    [ "$(sql "$DB" "SELECT count(*) FROM risk_alert WHERE moment = 'never'")" -eq 0 ]
check "the configuration alone (db, alert_threshold, alert_moments): exit 0" [ "$(status config)" = 0 ]
check "the configuration's moment and threshold: the same appointments ($EXPECTED)" \
    [ "$(grep -c " shown: " "$TEST_TMP/config.out")" -eq "$EXPECTED" ]
check "recorded under the configuration's moment" \
    [ "$(sql "$DB" "SELECT count(*) FROM risk_alert WHERE moment = 'from-config' AND channel = 'desktop'")" -eq "$EXPECTED" ]
out=$(cat "$TEST_TMP/hung.out" 2>/dev/null)
check "a hung server: the notifier still finished (exit $(status hung))" [ -n "$(status hung)" ]
check "a hung server: reported as not answering" grep -q "did not answer" "$TEST_TMP/hung.out"

# No D-Bus session at all.
run_nobus() {
    out=$(env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY XDG_RUNTIME_DIR="$TEST_TMP/none" \
        "$NOTIFY" --db "$DB" --once 2>&1)
    rc=$?
}
run_nobus
check "without a D-Bus session: exit 1" [ "$rc" -eq 1 ]
check "without a D-Bus session: says so" grep -q "no desktop notifications here" <<<"$out"

run_bad() { out=$("$NOTIFY" "$@" 2>&1); rc=$?; }
run_bad --db "$DB" --moment "soon=tomorrow"
check "a bad --moment: exit 2" [ "$rc" -eq 2 ]
run_bad --db "$DB" --threshold 0
check "a bad --threshold: exit 2" [ "$rc" -eq 2 ]
mkdir -p "$TEST_TMP/bad/guichet"
printf '# alerts\nalert_threshold = 0\n' >"$TEST_TMP/bad/guichet/config"
out=$(XDG_CONFIG_HOME="$TEST_TMP/bad" "$NOTIFY" --db "$DB" --once 2>&1); rc=$?
check "a bad alert_threshold in the configuration: exit 2" [ "$rc" -eq 2 ]
check "... naming the file and line" grep -q "bad/guichet/config:2: alert_threshold" <<<"$out"
printf 'alert_moments = soon=tomorrow\n' >"$TEST_TMP/bad/guichet/config"
out=$(XDG_CONFIG_HOME="$TEST_TMP/bad" "$NOTIFY" --db "$DB" --once 2>&1); rc=$?
check "a bad alert_moments in the configuration: exit 2 ($out)" [ "$rc" -eq 2 ]

finish
