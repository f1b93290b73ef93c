# tests/lib/tmux.sh - helpers for screen tests: the real ./guichet runs in a
# private tmux server, keys are sent with send-keys, and assertions read the
# captured pane as a person would read the screen. Sourced by
# tests/screen/*.sh (bash). Output is TAP: "ok N - ..." / "not ok N - ...",
# with the captured screen printed as "# " comments when a check fails.
#
# Hermetic: private sockets (tmux -L guichet-test-PID-N -f /dev/null), a
# temporary HOME and XDG_CONFIG_HOME, TZ=Europe/Paris, LANG=C.UTF-8 and a
# fixed clock (GUICHET_NOW), on-screen alerts off (GUICHET_SCREEN_ALERTS). The tmux server and the temporary directory are
# removed at exit, whatever happens.
#
#   start_shell W H            a session W x H running a plain bash prompt
#   run_in_shell CMD           types CMD and Enter at that prompt
#   start_console W H ARGS...  start_shell + "./guichet ARGS; echo exit=$?"
#                              (with CONSOLE_ENV="VAR=value ..." in its environment)
#   send KEY...                tmux send-keys (names like Escape, Enter, F1)
#   press KEY...               send, then wait until the console has handled
#                              those keys and drawn the result (one key each)
#   type_text TEXT             the same for text (one key a character)
#   screen                     the pane's text now
#   wait_for TEXT [SECONDS]    until TEXT is on screen (polls every 50 ms)
#   wait_gone TEXT [SECONDS]   until TEXT is no longer on screen
#   wait_status REGEX [SECONDS] until the status line matches REGEX
#   check DESCRIPTION CMD...   runs CMD; prints ok/not ok (+ the screen)
#   demo_db FILE               a demo database (seed 1) around GUICHET_NOW
#   sql FILE QUERY             sqlite3 query on a database, one value a line
#   finish                     prints the plan; exit status 1 if anything failed

set -u

TEST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
GUICHET="${GUICHET_BIN:-$TEST_ROOT/guichet}" # GUICHET_BIN: another build to try
GUICHET_BUILD_DIR="${GUICHET_BUILD:-build}"
case "$GUICHET_BUILD_DIR" in /*) ;; *) GUICHET_BUILD_DIR="$TEST_ROOT/$GUICHET_BUILD_DIR" ;; esac

# One private server per terminal started (guichet-test-PID-N): a new
# session never races with the shutdown of the previous server.
TMUX_SERVERS=0
TMUX_SOCKET="guichet-test-$$-0"
SESSION="t"
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/guichet-screen.XXXXXX")

export HOME="$TEST_TMP/home"
export XDG_CONFIG_HOME="$TEST_TMP/config"
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
export TZ=Europe/Paris
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LC_TIME LC_CTYPE LANGUAGE NO_COLOR TMUX
export GUICHET_NOW="${GUICHET_NOW:-2026-11-25 10:05}"
# On-screen alerts (banner above the status line) are on in an SSH session
# or without a desktop, which is how tests run: off unless a test asks
# (tests/screen/risk.sh tests them and the detection).
export GUICHET_SCREEN_ALERTS="${GUICHET_SCREEN_ALERTS:-off}"
unset SSH_CONNECTION SSH_TTY SSH_CLIENT
# The pane's shell: no user configuration, a plain "$ " prompt.
printf '%s\n' "PS1='\$ '" "PROMPT_COMMAND=" >"$TEST_TMP/bashrc"

tmx() {
    tmux -L "$TMUX_SOCKET" -f /dev/null "$@"
}

_tmux_cleanup() {
    local i dir="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)"
    for i in $(seq 0 "$TMUX_SERVERS"); do
        tmux -L "guichet-test-$$-$i" -f /dev/null kill-server >/dev/null 2>&1
        rm -f "$dir/guichet-test-$$-$i" # a killed server may leave its socket
    done
    chmod -R u+w "$TEST_TMP" 2>/dev/null # a test may leave read-only parts
    rm -rf "$TEST_TMP"
}
trap _tmux_cleanup EXIT

# ---- TAP ----------------------------------------------------------------

T_COUNT=0
T_FAILED=0

ok() {
    T_COUNT=$((T_COUNT + 1))
    echo "ok $T_COUNT - $*"
}

not_ok() {
    T_COUNT=$((T_COUNT + 1))
    T_FAILED=$((T_FAILED + 1))
    echo "not ok $T_COUNT - $*"
}

show_screen() {
    echo "# --- screen ---"
    screen 2>/dev/null | sed 's/^/# |/'
    echo "# --------------"
}

# check DESCRIPTION CMD...: one TAP line; the screen when it fails.
check() {
    local desc=$1
    shift
    if "$@"; then
        ok "$desc"
    else
        not_ok "$desc"
        show_screen
    fi
}

# skip_all REASON: nothing can run here (TAP "skip" keeps the runner happy
# only when at least one test passed, so this reports one failure instead).
bail_out() {
    not_ok "$*"
    finish
}

finish() {
    echo "1..$T_COUNT"
    [ "$T_FAILED" -eq 0 ]
    exit $?
}

# ---- the terminal ---------------------------------------------------------

start_shell() {
    local w=$1 h=$2
    tmx kill-server >/dev/null 2>&1
    TMUX_SERVERS=$((TMUX_SERVERS + 1))
    TMUX_SOCKET="guichet-test-$$-$TMUX_SERVERS"
    tmx new-session -d -s "$SESSION" -x "$w" -y "$h" -c "$TEST_ROOT" \
        "exec bash --rcfile '$TEST_TMP/bashrc' --noprofile -i" || return 1
    wait_for '$' 5 >/dev/null
}

run_in_shell() {
    tmx send-keys -t "$SESSION" -l "$1"
    tmx send-keys -t "$SESSION" Enter
}

# The console at W x H with ARGS; when it ends, the shell prints exit=STATUS.
# It tells KEYS_LOG one byte per key handled (GUICHET_TEST_KEYS_FD): press
# and type_text wait on that instead of sleeping.
KEYS_LOG=/dev/null
start_console() {
    local w=$1 h=$2
    shift 2
    start_shell "$w" "$h" || return 1
    KEYS_LOG="$TEST_TMP/keys.$TMUX_SERVERS"
    KEYS_SENT=0
    : >"$KEYS_LOG"
    local cmd="clear; GUICHET_TEST_KEYS_FD=9 ${CONSOLE_ENV:+env $CONSOLE_ENV }$(printf '%q' "$GUICHET")"
    local a
    for a in "$@"; do
        cmd+=" $(printf '%q' "$a")"
    done
    run_in_shell "$cmd 9>$(printf '%q' "$KEYS_LOG"); echo exit=\$?"
}

send() {
    count_sent "$@"
    tmx send-keys -t "$SESSION" "$@"
}

# How many keys the console started by start_console has handled (and drawn).
keys_handled() {
    stat -c %s "$KEYS_LOG" 2>/dev/null || echo 0
}

# Keys sent to that console so far (by send, press, type_text).
KEYS_SENT=0
count_sent() { # send's arguments
    case "${1:-}" in
    -l) KEYS_SENT=$((KEYS_SENT + ${#2})) ;;
    -*) ;; # raw bytes (-H...): not counted
    *)
        while [ $# -gt 0 ]; do
            # Esc then a digit in one call reaches the console as one key
            if [ "$1" = Escape ] && [[ "${2:-}" =~ ^[0-9]$ ]]; then shift; fi
            KEYS_SENT=$((KEYS_SENT + 1))
            shift
        done
        ;;
    esac
}

# wait_keys N [SECONDS]: until the console has handled N keys in all.
wait_keys() {
    local want=$1 timeout=${2:-5}
    local tries=$((timeout * 20 * WAIT_SCALE))
    while [ "$(keys_handled)" -lt "$want" ]; do
        tries=$((tries - 1))
        if [ "$tries" -le 0 ]; then
            echo "# the console handled $(keys_handled) keys, not $want"
            KEYS_SENT=$(keys_handled) # counted wrong: start again from here
            return 1
        fi
        sleep 0.05
    done
}

# press KEY...: tmux key names, one key each; then waits until the console
# has handled them, and every key sent before, and drawn the result. Keys
# typed ahead of a form that closes are thrown away and counted as handled.
press() {
    local before
    before=$(keys_handled)
    send "$@"
    local want=$((before + $#))
    [ "$KEYS_SENT" -gt "$want" ] && want=$KEYS_SENT
    wait_keys "$want"
}

# type_text TEXT: typed as it is (send -l), one key a character.
type_text() {
    local before
    before=$(keys_handled)
    send -l "$1"
    local want=$((before + ${#1}))
    [ "$KEYS_SENT" -gt "$want" ] && want=$KEYS_SENT
    wait_keys "$want"
}

screen() {
    tmx capture-pane -p -t "$SESSION"
}

pane_alternate_on() {
    tmx display-message -p -t "$SESSION" '#{alternate_on}'
}

# Process id of the program started from the pane's shell (empty if none).
console_pid() {
    local shell
    shell=$(tmx display-message -p -t "$SESSION" '#{pane_pid}' 2>/dev/null) || return 0
    pgrep -P "$shell" -x "$(basename "$GUICHET" | cut -c1-15)" | head -n 1
}

# Waits end as soon as their condition holds; their limits only catch a
# screen that never comes. A busy machine (make check beside other work)
# is slower than the author's: every limit is stretched by WAIT_SCALE.
WAIT_SCALE=${GUICHET_TEST_WAIT_SCALE:-3}

# wait_for TEXT [SECONDS]: fixed-string search, polled every 50 ms.
wait_for() {
    local text=$1 timeout=${2:-5}
    local tries=$((timeout * 20 * WAIT_SCALE))
    while [ "$tries" -gt 0 ]; do
        if screen | grep -qF -- "$text"; then
            return 0
        fi
        sleep 0.05
        tries=$((tries - 1))
    done
    echo "# timed out waiting for: $text"
    return 1
}

# wait_status REGEX [SECONDS]: until the status line (above the F-key bar)
# matches an extended regular expression.
status_line() {
    screen | tail -n 2 | head -n 1
}

wait_status() {
    local re=$1 timeout=${2:-5}
    local tries=$((timeout * 20 * WAIT_SCALE))
    while [ "$tries" -gt 0 ]; do
        if status_line | grep -qE -- "$re"; then
            return 0
        fi
        sleep 0.05
        tries=$((tries - 1))
    done
    echo "# timed out waiting for a status line matching: $re"
    return 1
}

wait_gone() {
    local text=$1 timeout=${2:-5}
    local tries=$((timeout * 20 * WAIT_SCALE))
    while [ "$tries" -gt 0 ]; do
        if ! screen | grep -qF -- "$text"; then
            return 0
        fi
        sleep 0.05
        tries=$((tries - 1))
    done
    echo "# still on screen after ${timeout}s: $text"
    return 1
}

# ---- data -------------------------------------------------------------------

sql() {
    sqlite3 -batch -noheader "$1" "$2"
}

# demo_db FILE: seed 1 around GUICHET_NOW's date. Generated once per clock and
# binary into the build directory, then copied (each test gets its own file).
demo_db() {
    local file=$1
    local day=${GUICHET_NOW%% *}
    local cache_dir="$GUICHET_BUILD_DIR/screen-cache"
    local cache="$cache_dir/demo-seed1-$day.db"
    mkdir -p "$cache_dir"
    if [ ! -s "$cache" ] || [ "$GUICHET" -nt "$cache" ]; then
        # Tests run two at a time may both make it: each in a file of its
        # own, put in place by one rename (the last one wins, both whole).
        local tmp="$cache.tmp.$$"
        rm -f "$tmp"
        "$GUICHET" demo --db "$tmp" --seed 1 >/dev/null 2>"$TEST_TMP/demo.err" || {
            echo "# guichet demo failed:"
            sed 's/^/#   /' "$TEST_TMP/demo.err"
            rm -f "$tmp"
            return 1
        }
        mv "$tmp" "$cache"
    fi
    cp "$cache" "$file"
}

# The site the console opens first, and its first agents in column order
# (the orders of storage's db_site_list and db_site_agents).
first_site_id() {
    sql "$1" "SELECT id FROM site ORDER BY name, id LIMIT 1"
}

first_agent_ids() { # DB SITE_ID COUNT
    sql "$1" "SELECT a.id FROM agent a JOIN agent_site s ON s.agent_id = a.id
              WHERE s.site_id = $2
              ORDER BY a.last_name COLLATE NOCASE, a.first_name COLLATE NOCASE, a.id
              LIMIT $3" | paste -sd, -
}

# earliest_name DB SITE DAY AGENT_IDS: "LAST|First" of the earliest
# appointment still standing (not excused/revoked) on DAY among those agents.
earliest_name() {
    sql "$1" "SELECT b.last_name || '|' || b.first_name
              FROM appointment p JOIN beneficiary b ON b.id = p.beneficiary_id
              WHERE p.site_id = $2 AND p.agent_id IN ($4)
                AND p.starts_at >= '$3 00:00' AND p.starts_at < '$3 24:00'
                AND p.status NOT IN ('excused', 'revoked')
              ORDER BY p.starts_at, p.id LIMIT 1"
}

# Start of the family name as the grid shows it: upper case, and cut to 12
# characters because a narrow column may truncate a long name.
grid_name() {
    local last=${1%%|*}
    last=${last^^}
    printf '%s' "${last:0:12}"
}

require_guichet() {
    if [ ! -x "$GUICHET" ]; then
        bail_out "the guichet binary is missing at $GUICHET (run make first)"
    fi
    command -v tmux >/dev/null || bail_out "tmux is not installed"
    command -v sqlite3 >/dev/null || bail_out "sqlite3 is not installed"
}
