# bench/net.sh - the console and `appt add` on a network share, sourced by
# bench/run (section_network).
#
# The bench file is copied into a folder that sshd (127.0.0.1) exports
# (tests/lib/sshfs.sh) and mounted with sshfs without client caching, as
# README says a share must be: direct_io, dir_cache=no, attr_timeout=0,
# entry_timeout=0, negative_timeout=0; locking = dotfile, as required there.
# Links, each its own mount of the same folder:
#   local     the exported file itself, on the local disk
#   0 ms      sshfs straight to sshd
#   2 ms      sshfs through bench/delay_proxy, 1 ms each way (a good LAN)
#   10 ms     the same, 5 ms each way (a remote site over a VPN)
# Per link, median of net_runs runs: exec to first complete screen and one
# day step ("]") in the console (bench/pty_driver), a booking from the open
# console (the next free slot found with "f", a person typed in the search,
# then the key that books: from the console reading it to the screen drawn
# after it, by the clock of the counts file), and the whole
# `guichet appt add` process (a free slot each time, found beforehand with
# `appt slots`); beside each time, the calls that reached the file system
# (GUICHET_COUNT_IO, storage/io_count.c): all of them, then reads / writes /
# syncs / metadata (open, stat, mkdir, unlink...). On sshfs each call is a
# round trip. The floor (bench/floor.c: open, one indexed query, draw;
# SQLite's default locks, as it runs alone) is measured the same way: the
# least a day view needs.
net_runs=${net_runs:-3}
net_steps=${net_steps:-8}

# calls FILE LINE: "TOTAL (R/W/S/M)" from line LINE of a counts file.
net_calls_line() {
    sed -n "$2p" "$1" | awk '{
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        t = v["reads"] + v["writes"] + v["syncs"] + v["meta"] + v["locks"]
        printf "%d %d %d %d %d\n", t, v["reads"], v["writes"], v["syncs"], v["meta"] + v["locks"] }'
}

# Per-step calls: the median over consecutive "screen" lines after the
# first, as "TOTAL R W S M".
net_step_calls() {
    grep '^screen ' "$1" | awk '{
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        t = v["reads"] + v["writes"] + v["syncs"] + v["meta"] + v["locks"]
        if (NR > 1) printf "%d %d %d %d %d\n", t - pt, v["reads"] - pr, v["writes"] - pw, v["syncs"] - ps, v["meta"] + v["locks"] - pm
        pt = t; pr = v["reads"]; pw = v["writes"]; ps = v["syncs"]; pm = v["meta"] + v["locks"] }' |
        sort -n | awk '{ l[NR] = $0 } END { if (NR) print l[int((NR + 1) / 2)] }'
}

# "T (r/w/s/m)" from "T R W S M"
net_fmt_calls() {
    [ -n "$1" ] || { echo "n/a"; return; }
    set -- $1
    printf '%s (%s/%s/%s/%s)' "$1" "$2" "$3" "$4" "$5"
}

net_median() { median "$@"; }

# net_console LINK PROGRAM ARGS...: sets nc_first nc_step nc_first_calls
# nc_step_calls.
net_console() {
    local link=$1 r log cf firsts=() stepts=() fc="" sc=""
    shift
    for r in $(seq 1 "$net_runs"); do
        log=$net_dir/out/$link-$(basename "$1")-$r.txt
        cf=$log.counts
        rm -f "$cf"
        # Screen alerts off: their first scoring pass (an idle tick after
        # the first screen) reads the people's histories and, on the 1M
        # file through sshfs at 2 ms, kept the console from answering for
        # over 10 s (a day step timed out); measured apart, not here.
        if ! GUICHET_SCREEN_ALERTS=off GUICHET_COUNT_IO=$cf LANG=$lang LC_ALL=$lang XDG_CONFIG_HOME=$net_dir/config \
                "$driver" --size "$size" --term "$term" --steps "$net_steps" --key ']' --quit 'q' \
                --timeout-ms 60000 -- "$@" >"$log" 2>"$log.err"; then
            echo "bench: network $link: $(basename "$1") failed: $(tail -n 1 "$log.err")" >&2
            failed=1
            # A program that drew every step but did not quit in time (an
            # idle tick's long read when q came) still gives its figures.
            [ -n "$(kv "$log" step_ms_median)" ] || continue
        fi
        firsts+=("$(kv "$log" first_screen_ms)")
        stepts+=("$(kv "$log" step_ms_median)")
        [ -n "$fc" ] || fc=$(net_calls_line "$cf" 1)
        [ -n "$sc" ] || sc=$(net_step_calls "$cf")
    done
    nc_first=$(median "${firsts[@]}")
    nc_step=$(median "${stepts[@]}")
    nc_first_calls=$fc
    nc_step_calls=$sc
}

# net_book LINK DBFILE: sets nb_time nb_calls (whole `appt add` processes).
net_book() {
    local link=$1 file=$2 r times=() cf start end slot calls=""
    for r in $(seq 1 "$net_runs"); do
        slot=$(sed -n "${net_slot}p" "$net_dir/slots")
        net_slot=$((net_slot + 1))
        cf=$net_dir/out/$link-add-$r.counts
        rm -f "$cf"
        start=$(now)
        if ! GUICHET_COUNT_IO=$cf XDG_CONFIG_HOME=$net_dir/config "$guichet" appt add --db "$file" \
                --site "$site_name" --agent "$net_agent" --motif "$net_motif" --person "$net_person" \
                --at "$slot" --force >"$net_dir/out/$link-add-$r.log" 2>&1; then
            echo "bench: network $link: appt add at $slot failed: $(cat "$net_dir/out/$link-add-$r.log")" >&2
            failed=1
            continue
        fi
        end=$(now)
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) * 1000 }')")
        [ -n "$calls" ] || calls=$(net_calls_line "$cf" 1)
    done
    nb_time=$(median "${times[@]}")
    nb_calls=$calls
}

# The last key that wrote (the booking): from its "key" line to the
# "screen" line after it in a counts file, as "MS TOTAL R W S M" (ms: the
# console's own clock, from reading the key to the screen drawn).
net_key_cost() {
    awk '
    function val(k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] + 0 } return 0 }
    { r = val("reads"); w = val("writes"); s = val("syncs"); m = val("meta") + val("locks"); t = val("ms") }
    $1 == "key" { kr = r; kw = w; ks = s; km = m; kt = t; k = 1 }
    $1 == "screen" && k {
        if (s > ks) { out = sprintf("%d %d %d %d %d %d", t - kt, r - kr + w - kw + s - ks + m - km, r - kr, w - kw, s - ks, m - km) }
        k = 0 }
    END { if (out != "") print out }' "$1"
}

# net_console_book LINK DBFILE: sets ncb_time ncb_calls. Each run books
# the next free slot for another person (no appointment in the two months
# after the bench day, so no warning to confirm), typed as "LAST FIRST"
# (four letters each) in the search; the booking is checked in the file.
net_console_book() {
    local link=$1 file=$2 r times=() calls="" log cf row pid typed before n cost
    for r in $(seq 1 "$net_runs"); do
        row=$(sed -n "${net_who}p" "$net_dir/people")
        net_who=$((net_who + 1))
        pid=${row%%|*}
        typed=${row#*|}
        before=(--before f --before '\r' --before '\r' --before '\r')
        for ((n = 0; n < ${#typed}; n++)); do before+=(--before "${typed:n:1}"); done
        before+=(--before '\r')
        log=$net_dir/out/$link-book-$r.txt
        cf=$log.counts
        rm -f "$cf"
        # Its exit may wait for the first idle second's scoring (the
        # people's histories: seconds at 10 ms); the booking is measured
        # from the counts, and checked in the file.
        GUICHET_SCREEN_ALERTS=off GUICHET_COUNT_IO=$cf LANG=$lang LC_ALL=$lang XDG_CONFIG_HOME=$net_dir/config \
            "$driver" --size "$size" --term "$term" "${before[@]}" --settle-ms 1500 --steps 1 --key '\r' --quit 'q' \
            --timeout-ms 60000 --step-timeout-ms 60000 -- "$guichet" --db "$file" --site "$site_name" \
            >"$log" 2>"$log.err" ||
            echo "bench: network $link: the console booking for person $pid: $(tail -n 1 "$log.err")" >&2
        n=$(sqlite3 "$SSHFS_EXPORT/bench.db" "SELECT count(*) FROM appointment WHERE beneficiary_id = $pid AND starts_at >= '$day' AND starts_at < date('$day', '+60 days');")
        if [ "$n" != 1 ]; then
            echo "bench: network $link: the console did not book for person $pid ($typed): $n appointments" >&2
            failed=1
            continue
        fi
        cost=$(net_key_cost "$cf")
        if [ -z "$cost" ]; then
            echo "bench: network $link: no booking key in $cf" >&2
            failed=1
            continue
        fi
        times+=("${cost%% *}")
        [ -n "$calls" ] || calls=${cost#* }
    done
    ncb_time=$(median "${times[@]}")
    ncb_calls=$calls
}

# Five columns: a link, then a time (ms) and its calls, twice.
net_row() {
    if [ "$markdown" = 1 ]; then
        printf '| %s | %s | %s | %s | %s |\n' "$@"
    else
        printf '  %-14s %8s %-22s %8s %s\n' "$@"
    fi
}

# net_head TITLE FIVE-HEADINGS...
net_head() {
    local title=$1
    shift
    if [ "$markdown" = 1 ]; then
        echo "$title"
        echo
        net_row "$1" "$2 ms" "$3" "$4 ms" "$5"
        echo "| --- | ---: | --- | ---: | --- |"
    else
        echo "  $title"
        net_row "$@"
        net_row "" "ms" "" "ms" ""
    fi
}

section_network() {
    echo
    local proxy=$build/bench/delay_proxy
    net_dir=$out/net
    if [ ! -x "$proxy" ]; then
        echo "bench: $proxy is missing: run make bench" >&2
        failed=1
        return 1
    fi
    . "$root/tests/lib/sshfs.sh"
    rm -rf "$net_dir"
    mkdir -p "$net_dir/out" "$net_dir/config/guichet" || { failed=1; return 1; }
    printf 'locking = dotfile\n' >"$net_dir/config/guichet/config"
    if ! sshfs_start "$net_dir/share"; then
        echo "bench: network: sshfs is not available: $SSHFS_WHY" >&2
        failed=1
        return 1
    fi
    local pids=() ms port
    net_cleanup() {
        sshfs_stop
        local p
        for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    }
    cp "$db" "$SSHFS_EXPORT/bench.db" || { net_cleanup; failed=1; return 1; }
    for ms in 1 5; do
        rm -f "$net_dir/proxy$ms.port"
        "$proxy" --target "$SSHFS_PORT" --delay-ms "$ms" --port-file "$net_dir/proxy$ms.port" \
            2>"$net_dir/proxy$ms.err" &
        pids+=($!)
        local i
        for i in $(seq 1 200); do [ -s "$net_dir/proxy$ms.port" ] && break; sleep 0.05; done
        port=$(cat "$net_dir/proxy$ms.port" 2>/dev/null)
        if [ -z "$port" ] || ! sshfs_mount_port "$net_dir/share/rtt$((ms * 2))" "$port"; then
            echo "bench: network: the delaying proxy or its mount failed: $SSHFS_WHY $(cat "$net_dir/proxy$ms.err")" >&2
            net_cleanup
            failed=1
            return 1
        fi
    done
    # What `appt add` books: an agent of the site, one of its motifs, a
    # person, and free slots from a month after the bench day (the
    # console's bookings take the first free slots from the bench day on).
    local sq=${site_name//\'/\'\'}
    local row
    row=$(sqlite3 -separator ' ' "$SSHFS_EXPORT/bench.db" "SELECT a.id, m.id FROM agent a JOIN agent_site s ON s.agent_id = a.id JOIN site t ON t.id = s.site_id JOIN motif m ON m.service_id = a.service_id WHERE t.name = '$sq' AND m.location = 'site' ORDER BY a.id, m.id LIMIT 1;")
    net_agent=${row%% *}
    net_motif=${row#* }
    net_person=$(sqlite3 "$SSHFS_EXPORT/bench.db" 'SELECT min(id) FROM beneficiary;')
    XDG_CONFIG_HOME=$net_dir/config "$guichet" appt slots --db "$SSHFS_EXPORT/bench.db" --motif "$net_motif" \
        --site "$site_name" --agent "$net_agent" --from "$(date -d "$day +30 days" +%F) 08:00" --days 60 \
        --count $((net_runs * 4 + 4)) --format csv 2>"$net_dir/slots.err" |
        tail -n +2 | cut -d';' -f1 >"$net_dir/slots"
    net_slot=1
    # Whom the console books: people without an appointment in the two
    # months from the bench day, found by "LAST FIRST" (four letters of
    # each word of their search key) that fits no one else.
    sqlite3 "$SSHFS_EXPORT/bench.db" "WITH c AS (
            SELECT b.id, substr(b.search_key, 1, 4) AS w1,
                   substr(b.search_key, instr(b.search_key, ' ') + 1, 4) AS w2
            FROM beneficiary b
            WHERE b.search_key GLOB '[a-z][a-z][a-z][a-z]* [a-z][a-z][a-z][a-z]*'
              AND b.search_key NOT GLOB '* * *' AND b.id <> $net_person
              AND NOT EXISTS (SELECT 1 FROM appointment a WHERE a.beneficiary_id = b.id
                              AND a.starts_at >= '$day' AND a.starts_at < date('$day', '+60 days'))
            LIMIT 5000)
        SELECT id, w1 || ' ' || w2 FROM c
        WHERE (SELECT count(DISTINCT p.person_id) FROM person_word p JOIN person_word q ON q.person_id = p.person_id
               WHERE p.word >= c.w1 AND p.word < c.w1 || '{' AND q.word >= c.w2 AND q.word < c.w2 || '{') = 1
        LIMIT $((net_runs * 4));" >"$net_dir/people" 2>"$net_dir/people.err"
    net_who=1
    if [ "$(wc -l <"$net_dir/people")" -lt $((net_runs * 4)) ]; then
        echo "bench: network: not enough people to book from the console: $(cat "$net_dir/people.err")" >&2
        net_cleanup
        failed=1
        return 1
    fi
    if [ "$(wc -l <"$net_dir/slots")" -lt $((net_runs * 4)) ]; then
        echo "bench: network: not enough free slots for appt add: $(cat "$net_dir/slots.err")" >&2
        net_cleanup
        failed=1
        return 1
    fi

    local title="network share: sshfs (no client cache), dot-file locking, $net_runs runs, medians"
    net_head "$title" "link" "first screen" "calls (r/w/s/m)" "day step" "calls"
    local link file writes=()
    for link in local 0ms 2ms 10ms; do
        case $link in
            local) file=$SSHFS_EXPORT/bench.db ;;
            0ms) file=$SSHFS_MNT_A/bench.db ;;
            2ms) file=$net_dir/share/rtt2/bench.db ;;
            10ms) file=$net_dir/share/rtt10/bench.db ;;
        esac
        net_console "$link" "$guichet" --db "$file" --site "$site_name"
        local g_first=$nc_first g_step=$nc_step g_fc=$nc_first_calls g_sc=$nc_step_calls
        net_book "$link" "$file"
        net_console_book "$link" "$file"
        writes+=("$link guichet|$(fmt "$ncb_time" 0)|$(net_fmt_calls "$ncb_calls")|$(fmt "$nb_time" 0)|$(net_fmt_calls "$nb_calls")")
        net_console "$link" "$floor" --db "$file" --site "$site_id"
        net_row "$link guichet" "$(fmt "$g_first" 0)" "$(net_fmt_calls "$g_fc")" "$(fmt "$g_step" 1)" \
            "$(net_fmt_calls "$g_sc")"
        net_row "$link floor" "$(fmt "$nc_first" 0)" "$(net_fmt_calls "$nc_first_calls")" "$(fmt "$nc_step" 1)" \
            "$(net_fmt_calls "$nc_step_calls")"
    done
    [ "$markdown" = 1 ] && echo
    echo
    net_head "bookings on the same share (each a free slot, another person)" \
        "link" "from the console" "calls (r/w/s/m)" "appt add" "calls"
    local w
    for w in "${writes[@]}"; do
        IFS='|' read -r -a row <<<"$w"
        net_row "${row[@]}"
    done
    [ "$markdown" = 1 ] && echo
    echo "  calls: every call that reached the file system (reads/writes/syncs/metadata and locks),"
    echo "  counted by GUICHET_COUNT_IO; on sshfs each one waits for the server: a round trip."
    echo "  floor: open, one indexed query, draw (bench/floor.c). Logs: ${net_dir#"$root"/}/out/"
    net_cleanup
}
