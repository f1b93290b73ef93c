# bench/report.sh - the summary figures of `make bench`: `guichet report`
# for one day and for a year (every site, JSON to /dev/null), each beside
# the sqlite3 shell running the same queries (tests/tools/report_sql
# prints them from storage/report.c) on the same file in the same run.
# Both are timed from exec to exit (wall clock, and CPU time: user +
# system), one warm-up then $runs runs, medians.
# The bound set by the issue: a day under 50 ms, a year under 1 s ("!"
# marks a figure over it).
#
# Sourced by bench/run (section_report, with its variables: db, guichet,
# build, runs, day, out, markdown). Also runs alone:
#   bench/report.sh --db FILE [--build DIR] [--guichet PROGRAM] [--runs N] [--date D]

# report_time COMMAND...: "WALL CPU" in milliseconds from exec to exit
# (bash's `time`: real, and user + system of the child), output discarded;
# nothing when the command failed. CPU time leaves out the time spent
# waiting for a core on a busy machine.
report_time() {
    local t TIMEFORMAT='%3R %3U %3S'
    t=$( { time "$@" >/dev/null 2>>"$out/report.err"; } 2>&1 ) || return 1
    awk '{ printf "%.1f %.1f\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$t"
}

report_median() {
    printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -g |
        awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2];
                                   else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# report_case LABEL FROM TO BOUND_MS
report_case() {
    local label=$1 from=$2 to=$3 bound=$4 r t sql gw=() gc=() sw=() sc=()
    sql=$out/report-$from-$to.sql
    "$build/tools/report_sql" "$from" "$to" 0 "$day 10:00" >"$sql" ||
        { echo "bench: report_sql failed" >&2; failed=1; return; }
    # warm-up: the file into the page cache
    report_time "$guichet" report --db "$db" --from "$from" --to "$to" --format json >/dev/null
    report_time sqlite3 -batch "$db" <"$sql" >/dev/null
    for r in $(seq 1 "$runs"); do
        t=$(report_time env LANG="${lang:-C.UTF-8}" LC_ALL="${lang:-C.UTF-8}" \
            "$guichet" report --db "$db" --from "$from" --to "$to" --format json)
        gw+=("${t% *}") gc+=("${t#* }")
        t=$(report_time sqlite3 -batch "$db" <"$sql")
        sw+=("${t% *}") sc+=("${t#* }")
    done
    local g c s2 c2 mark
    g=$(report_median "${gw[@]}") c=$(report_median "${gc[@]}")
    s2=$(report_median "${sw[@]}") c2=$(report_median "${sc[@]}")
    mark=$(awk -v g="$g" -v b="$bound" 'BEGIN { print (g != "n/a" && g + 0 > b) ? " !" : "" }')
    if [ "${markdown:-0}" = 1 ]; then
        printf '| %s | %s%s | %s | %s | %s | %s |\n' "$label" "$g" "$mark" "$c" "$s2" "$c2" "$bound"
    else
        printf '  %-36s %9s %8s %9s %8s %6s\n' "$label" "$g$mark" "$c" "$s2" "$c2" "$bound"
    fi
    case "$g" in n/a) echo "bench: guichet report failed (see $out/report.err)" >&2; failed=1 ;; esac
}

section_report() {
    local year_from
    year_from=$(date -d "$day -1 year +1 day" +%F 2>/dev/null) || year_from=$day
    echo
    if [ "${markdown:-0}" = 1 ]; then
        echo "| guichet report, every site, JSON (ms) | guichet | cpu | sqlite3 | cpu | bound |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    else
        printf '  %-36s %9s %8s %9s %8s %6s\n' "guichet report, every site (ms)" guichet cpu sqlite3 cpu bound
    fi
    report_case "one day ($day)" "$day" "$day" 50
    report_case "a year ($year_from to $day)" "$year_from" "$day" 1000
    echo "  sqlite3: the shell running the same queries (tests/tools/report_sql);"
    echo "  both timed from exec to exit (wall; cpu = user + system), medians of $runs runs after"
    echo "  a warm-up; \"!\": over the bound (wall)."
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -u
    root=$(cd "$(dirname "$0")/.." && pwd)
    build=$root/build db="" guichet=$root/guichet runs=7 day=2026-03-17 markdown=0 failed=0
    while [ $# -gt 0 ]; do
        case "$1" in
            --db) db=$2; shift 2 ;;
            --build) build=$2; shift 2 ;;
            --guichet) guichet=$2; shift 2 ;;
            --runs) runs=$2; shift 2 ;;
            --date) day=$2; shift 2 ;;
            *) echo "usage: bench/report.sh --db FILE [--build DIR] [--guichet P] [--runs N] [--date D]" >&2; exit 2 ;;
        esac
    done
    [ -f "$db" ] || { echo "bench/report.sh: give --db FILE" >&2; exit 2; }
    export TZ=Europe/Paris GUICHET_NOW="$day 10:00" LC_ALL=C
    out=$build/bench/out
    mkdir -p "$out"
    lang=C.UTF-8
    section_report
    exit "$failed"
fi
