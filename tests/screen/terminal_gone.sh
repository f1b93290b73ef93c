#!/usr/bin/env bash
# terminal_gone.sh - the console never spins: idle, it sleeps in its poll
# (about one wake-up a second); when its terminal goes away (pane killed,
# SSH link dropped) it ends by itself, whether it gets SIGHUP or, started
# under nohup, only sees the terminal hang up.
. "$(dirname "$0")/../lib/tmux.sh"
require_guichet

DB="$TEST_TMP/demo.db"
demo_db "$DB" || bail_out "cannot create the demo database"

# CPU time (user + system, clock ticks) of a process.
cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null
}

# Waits up to 3 s for a process to end (a zombie waiting for its new parent
# to reap it counts as ended); 0 if it did.
ended() {
    local pid=$1 state
    for _ in $(seq 1 60); do
        state=$(ps -o stat= -p "$pid" 2>/dev/null) || return 0
        case "$state" in Z*|"") return 0 ;; esac
        sleep 0.05
    done
    echo "# process $pid still running: $(ps -o pid=,stat=,pcpu=,time=,args= -p "$pid")"
    return 1
}

no_guichet_left() {
    local left
    left=$(pgrep -f "guichet --db $DB" | while read -r p; do
        case "$(ps -o stat= -p "$p")" in Z*) ;; *) echo "$p" ;; esac
    done)
    [ -z "$left" ] || { echo "# left behind: $left"; return 1; }
}

# ---- idle, then the pane killed (SIGHUP) ----
start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"
PID=$(console_pid)
[ -n "$PID" ] || bail_out "cannot find the console's process"

before=$(cpu_ticks "$PID")
# Time passing is what is tested here: the CPU the console uses while
# nothing happens. It is counted in CPU ticks, not wall time, so a busy
# machine does not change the figure (the console only gets less of it).
sleep 2
after=$(cpu_ticks "$PID")
check "idle for 2 s it uses almost no CPU ($((after - before)) ticks)" \
    eval "[ $((after - before)) -le 10 ]"

tmx kill-pane -t "$SESSION"
check "killing the pane ends the console" ended "$PID"
check "no guichet process is left" no_guichet_left

# ---- SIGHUP ignored (nohup): the hang-up is seen on the terminal itself ----
TMUX_SERVERS=$((TMUX_SERVERS + 1))
TMUX_SOCKET="guichet-test-$$-$TMUX_SERVERS"
tmx new-session -d -s "$SESSION" -x 80 -y 24 -c "$TEST_ROOT" \
    "trap '' HUP; exec '$GUICHET' --db '$DB'"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open under nohup"
PID=$(tmx display-message -p -t "$SESSION" '#{pane_pid}')
tmx kill-server
check "with SIGHUP ignored, a vanished terminal still ends it" ended "$PID"
check "no guichet process is left" no_guichet_left

# ---- SIGTERM: a clean exit, terminal restored ----
start_console 80 24 --db "$DB"
wait_for "Wednesday 25 November 2026" 5 || bail_out "the console did not open"
PID=$(console_pid)
kill -TERM "$PID"
check "SIGTERM ends it cleanly (the shell prints its status)" wait_for "exit=0" 3
check "and the terminal is restored" eval '[ "$(pane_alternate_on)" = 0 ]'

finish
