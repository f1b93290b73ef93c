# common.sh - shared by the command tests (appt.sh, person.sh, export.sh): the
# real ./guichet on real temporary files, in a hermetic environment (fixed
# clock, English messages, empty HOME so no configuration file), with TAP
# output. Sourced, not run.
#
#   run CMD...            runs guichet CMD...; sets $rc, $out, $err
#   expect NAME RC [TEXT] ok when $rc = RC and (if given) TEXT occurs in
#                         $out or $err
#   snapshot F / unchanged NAME F
#                         sqlite3 .dump before; ok when the file is the same
#   sql F QUERY           one value a line
#   demo_db F             a demo database (seed 1) around GUICHET_NOW
#   finish                prints the plan; exit status 1 if anything failed
set -u
TEST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
GUICHET="${GUICHET_BIN:-$TEST_ROOT/guichet}"
export LC_ALL=C.UTF-8 LANGUAGE= LANG=C.UTF-8
export GUICHET_NOW="${GUICHET_NOW:-2026-11-25 10:00}"   # a Wednesday
TODAY=${GUICHET_NOW%% *}
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/guichet-cmd.XXXXXX")
export HOME="$TEST_TMP/home" XDG_CONFIG_HOME="$TEST_TMP/home/.config"
mkdir -p "$HOME"
trap 'rm -rf "$TEST_TMP"' EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() {
    n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"
    echo "#   exit status: ${rc:-?}"
    printf '%s\n' "${out:-}" | head -n 8 | sed 's/^/#   out: /'
    printf '%s\n' "${err:-}" | head -n 8 | sed 's/^/#   err: /'
}
finish() {
    echo "1..$n"
    [ "$failed" -eq 0 ]
    exit $?
}
bail_out() { not_ok "$*"; finish; }

if [ ! -x "$GUICHET" ]; then
    echo "not ok 1 - the guichet binary is missing at $GUICHET (run make first)"
    exit 1
fi
command -v sqlite3 >/dev/null || { echo "not ok 1 - sqlite3 is not installed"; exit 1; }

run() {
    out=$("$GUICHET" "$@" 2>"$TEST_TMP/stderr")
    rc=$?
    err=$(cat "$TEST_TMP/stderr")
}

expect() {
    local name=$1 want=$2 text=${3:-}
    if [ "$rc" -ne "$want" ]; then
        not_ok "$name (exit $rc, expected $want)"
    elif [ -n "$text" ] && ! printf '%s\n%s\n' "$out" "$err" | grep -qF -- "$text"; then
        not_ok "$name (no \"$text\" in the output)"
    else
        ok "$name"
    fi
}

check() { # NAME CONDITION...
    local name=$1
    shift
    if "$@"; then ok "$name"; else not_ok "$name"; fi
}

snapshot() { sqlite3 "$1" .dump >"$TEST_TMP/before.sql"; }
unchanged() {
    sqlite3 "$2" .dump >"$TEST_TMP/after.sql"
    if cmp -s "$TEST_TMP/before.sql" "$TEST_TMP/after.sql"; then
        ok "$1: the file is unchanged"
    else
        not_ok "$1: the file changed"
        diff "$TEST_TMP/before.sql" "$TEST_TMP/after.sql" | head -n 6 | sed 's/^/#   /'
    fi
}

sql() { sqlite3 -batch -noheader "$1" "$2"; }

# Generated once per clock and binary into the build directory, then
# copied: each test file gets its own database.
demo_db() {
    local build=${GUICHET_BUILD:-build}
    case "$build" in /*) ;; *) build="$TEST_ROOT/$build" ;; esac
    local cache="$build/commands-cache/demo-${TODAY}.db"
    if [ ! -f "$cache" ] || [ "$GUICHET" -nt "$cache" ]; then
        mkdir -p "$(dirname "$cache")"
        # Tests run two at a time may both make it: each in a file of its
        # own, put in place by one rename (the last one wins, both whole).
        local tmp="$cache.tmp.$$"
        rm -f "$tmp"
        "$GUICHET" demo --db "$tmp" --date "$TODAY" --seed 1 --quiet ||
            { rm -f "$tmp"; return 1; }
        mv "$tmp" "$cache"
    fi
    cp "$cache" "$1"
}

# Validates JSON on stdin (jq, else python3).
json_ok() {
    if command -v jq >/dev/null; then jq -e . >/dev/null 2>&1
    else python3 -m json.tool >/dev/null 2>&1; fi
}
