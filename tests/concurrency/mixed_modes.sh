#!/usr/bin/env bash
# Two locking modes on one file. SQLite's default POSIX locks and
# the dot-file lock ignore each other: a dot-file desk writing beside a
# POSIX desk damaged the file (the POSIX desk got "disk I/O error" and
# integrity_check found broken indexes, 3 times of 3), and a dot-file desk
# opening could roll back a live POSIX writer's journal.
#
# In both orders, a desk books back to back on a copy of the demo file
# while 20 desks of the other mode try to join and book one slot each; it
# goes on until the test tells it to stop (a stop file, created once the
# last late desk has tried: no race with the machine's load). The
# late desks must all be refused, saying why (the other mode, and what to
# do); the first desk must go on undisturbed; afterwards every booking it
# was told succeeded is there, integrity_check is ok, and no announcement
# is left in <db>.desks. Then a POSIX writer holds a big transaction open
# (its journal on disk): a dot-file desk must refuse to write and `guichet
# unlock` must leave the journal alone, so the unit commits whole. TAP.
set -u
BUILD=${GUICHET_BUILD:-build}
BOOKER="$BUILD/tools/booker"
GUICHET=${GUICHET_BIN:-./guichet}
LATE=${MIXED_LATE_DESKS:-20}
export LC_ALL=C.UTF-8 LANGUAGE=
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else notok "$2"; fi; }
show() { sed 's/^/#   /' "$1"; }

for f in "$BOOKER" "$GUICHET"; do
    [ -x "$f" ] || { notok "$f is missing (make BUILD=$BUILD guichet tests)"; exit 1; }
done
work=$(mktemp -d /tmp/guichet-mixed-XXXXXX)
first=""
trap '[ -n "$first" ] && kill "$first" 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" # no personal configuration
if ! "$GUICHET" demo --db "$work/demo.db" >"$work/demo.out" 2>&1; then
    notok "make the demo database"; show "$work/demo.out"; exit 1
fi

# Waits (up to 10 s) until file $1 has a line matching $2 while pid $3 runs.
wait_line() {
    local i
    for i in $(seq 1 500); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || return 1
        sleep 0.02
    done
    return 1
}

# The words of the refusal a desk in mode $1 gives, in full (booker
# --show-unsafe) or in brief (the error of a refused write or opening):
# the other mode by name, and what to do.
refusal_of() {
    local what='(mixing locking modes|set "locking = dotfile")'
    case $1 in
    posix) echo "dot-file locking on this file; $what" ;;
    dotfile) echo "default (\(POSIX\) )?locking on this file; $what" ;;
    esac
}

# run FIRST LATE: a FIRST-mode desk books; LATE-mode desks try to join.
run() {
    local mode=$1 late=$2 db="$work/$1-first.db" i rc
    local refused=0 wrong=0 late_booked=0 alive=1
    cp "$work/demo.db" "$db"
    rm -f "$work/stop"
    "$BOOKER" book --db "$db" --locking "$mode" --site "MDS Centre" --free 1/2 \
        --until-file "$work/stop" --count 100000000 >"$work/first.out" 2>"$work/first.err" &
    first=$!
    if ! wait_line "$work/first.out" '^booked ' "$first"; then
        notok "$mode first: the first desk never booked"; show "$work/first.err"
        kill "$first" 2>/dev/null; wait "$first" 2>/dev/null; first=""
        return
    fi
    : >"$work/late.all"
    for i in $(seq 1 "$LATE"); do
        "$BOOKER" book --db "$db" --locking "$late" --site "MDS Centre" --free 2/2 \
            --count 1 --seed "$i" --show-unsafe >"$work/late.out" 2>"$work/late.err"
        rc=$?
        cat "$work/late.out" >>"$work/late.all"
        if grep -q '^booked ' "$work/late.out"; then
            late_booked=$((late_booked + 1))
        fi
        if [ $rc -ne 0 ] && grep -Eq "$(refusal_of "$late")" "$work/late.err" &&
            ! grep -q '^booked ' "$work/late.out"; then
            refused=$((refused + 1))
        else
            wrong=$((wrong + 1))
            if [ $wrong -le 3 ]; then
                echo "# $late desk #$i (exit $rc) was not refused as expected:"; show "$work/late.err"
            fi
        fi
    done
    kill -0 "$first" 2>/dev/null || alive=0
    : >"$work/stop"
    wait "$first"
    rc=$?
    first=""
    local made
    made=$(grep -c '^booked ' "$work/first.out")
    check $(( rc != 0 || made == 0 )) "$mode first: the $mode desk kept booking undisturbed while $late desks tried to join (exit $rc, $made bookings)"
    [ $rc -ne 0 ] && show "$work/first.err"
    check $(( alive == 0 )) "$mode first: it was still booking when the last $late desk had tried"
    check $(( refused != LATE )) "$mode first: every $late desk was refused and said why, naming the other mode ($refused of $LATE)"
    check $(( late_booked != 0 )) "$mode first: no $late desk booked anything ($late_booked did)"
    cat "$work/first.out" "$work/late.all" >"$work/all"
    if "$BOOKER" check --db "$db" --locking "$mode" --expect "$work/all" >"$work/check" 2>&1; then
        ok "$mode first: integrity ok, every reported booking present, no overlap"
    else
        notok "$mode first: integrity ok, every reported booking present, no overlap"
    fi
    show "$work/check"
    local left
    left=$(ls -A "$db.desks" 2>/dev/null | tr '\n' ' ')
    check $([ -z "$left" ]; echo $?) "$mode first: no desk announcement left in $db.desks${left:+ (left: $left)}"
}

run posix dotfile
run dotfile posix

# ---- a POSIX writer's journal is never rolled back by dot-file desks ----
db="$work/journal.db"
cp "$work/demo.db" "$db"
"$BOOKER" hold --db "$db" --site "MDS Centre" --hold-ms 3000 --rows 300 --spill \
    >"$work/hold.out" 2>&1 &
first=$!
if ! wait_line "$work/hold.out" '^holding' "$first"; then
    notok "posix writer: never reached its transaction"; show "$work/hold.out"
else
    hot=0
    [ -s "$db-journal" ] && [ -n "$(head -c 8 "$db-journal" | tr -d '\0')" ] && hot=1
    # First unlock (it must not roll the live journal back), then a desk
    # (once refused, it reads with the writer's locks: it waits for it).
    "$GUICHET" unlock --db "$db" >"$work/u" 2>&1
    rc=$?
    if [ $hot -eq 1 ]; then
        if [ $rc -ne 0 ] && grep -q 'POSIX' "$work/u"; then
            ok "guichet unlock leaves the live POSIX writer's journal alone and says why"
        else
            notok "guichet unlock leaves the live POSIX writer's journal alone and says why (exit $rc)"
        fi
    else
        ok "guichet unlock beside a POSIX writer (# no journal on disk this time: exit $rc)"
    fi
    show "$work/u"
    "$BOOKER" book --db "$db" --locking dotfile --site "MDS Centre" --free 2/2 --count 1 \
        --show-unsafe >"$work/late.out" 2>"$work/late.err"
    rc=$?
    if [ $rc -ne 0 ] && grep -Eq "$(refusal_of dotfile)" "$work/late.err"; then
        ok "dot-file desk beside a POSIX writer in mid-transaction: refused, saying why"
    else
        notok "dot-file desk beside a POSIX writer in mid-transaction: refused, saying why (exit $rc)"
        show "$work/late.err"
    fi
    wait "$first"
    rc=$?
    first=""
    if [ $rc -eq 0 ] && grep -q '^committed' "$work/hold.out"; then
        ok "the POSIX writer committed its unit"
    else
        notok "the POSIX writer committed its unit (exit $rc)"; show "$work/hold.out"
    fi
    if "$BOOKER" check --db "$db" >"$work/check" 2>&1 && grep -q 'partial units: 0 (of 1 committed)' "$work/check"; then
        ok "integrity ok and the 300-row unit is whole"
    else
        notok "integrity ok and the 300-row unit is whole"
    fi
    show "$work/check"
fi
