# risk.sh - sourced by bench/run: importing 110,000 appointments from CSV,
# and the no-show model's fit and evaluation on them, each beside a floor
# measured in the same run (sqlite3's own .import of the same file into a
# bare table in one transaction; one query reading the same history).

# gen_csv FILE ROWS: appointments of 20 agents, 8 a day, 20,000 people,
# over about three years, with booking times and outcomes (awk, fixed seed).
gen_csv() {
    awk -v rows="$2" 'BEGIN {
        srand(1)
        print "person_ref;last_name;first_name;birth_date;sex;phone;site;service;motif;agent;starts_at;duration_min;booked_at;reminder_sent;status"
        n = 0; day = 0
        while (n < rows) {
            t = mktime("2023 01 02 00 00 00") + day * 86400 + 43200; day++
            wd = strftime("%u", t)
            if (wd >= 6) continue
            date = strftime("%Y-%m-%d", t)
            for (ag = 0; ag < 20 && n < rows; ag++)
                for (slot = 0; slot < 8 && n < rows; slot++) {
                    p = int(rand() * 20000); lead = int(rand() * 60)
                    booked = strftime("%Y-%m-%d", t - lead * 86400) " 07:" sprintf("%02d", int(rand() * 60)) ":00"
                    st = rand() < 0.15 ? "noshow" : "seen"
                    if (date >= "2026-01-01") st = "unknown"
                    printf "P%d;Nom%d;Prenom%d;1980-01-01;%s;0600000000;Site %d;Service %d;Motif %d;Agent %d;%s %02d:00;30;%s;%s;%s\n",
                        p, p, p, (p % 2 ? "F" : "M"), ag % 3, ag % 4, slot % 10, ag, date, 8 + slot,
                        booked, (rand() < 0.5 ? "oui" : "non"), st
                    n++
                }
        }
    }' >"$1"
}

section_risk() {
    local dir=$out/risk rows=110000 start g f
    mkdir -p "$dir" || { failed=1; return 1; }
    local csv=$dir/appointments.csv
    [ -f "$csv" ] || gen_csv "$csv" "$rows"
    local empty=$dir/empty.db target=$dir/import.db
    rm -f "$empty" && "$guichet" demo --db "$empty" --seed "$seed" --date "$day" --quiet \
        >"$dir/demo.log" 2>&1 || { echo "bench: guichet demo failed ($dir/demo.log)" >&2; failed=1; return 1; }
    local imp=() again=() flr=() fit=() ev=() rd=() ls=() lsf=()
    for k in 1 2 3; do
        rm -f "$target" && cp "$empty" "$target"
        start=$(now)
        LANG=$lang "$guichet" import appointments --db "$target" "$csv" >"$dir/import.log" 2>&1 ||
            { echo "bench: import failed ($dir/import.log)" >&2; failed=1; return 1; }
        imp+=("$(elapsed "$start" "$(now)")")
        start=$(now)
        LANG=$lang "$guichet" import appointments --db "$target" "$csv" >"$dir/again.log" 2>&1
        again+=("$(elapsed "$start" "$(now)")")
        rm -f "$dir/floor.db"
        start=$(now)
        printf 'BEGIN;\n.mode csv\n.separator ";"\n.import %s raw\nCOMMIT;\n' "$csv" |
            sqlite3 "$dir/floor.db" >/dev/null 2>&1
        flr+=("$(elapsed "$start" "$(now)")")
        start=$(now)
        LANG=$lang "$guichet" risk evaluate --db "$target" --split 2025-06-01 >"$dir/evaluate.log" 2>&1
        ev+=("$(elapsed "$start" "$(now)")")
        start=$(now)
        LANG=$lang "$guichet" risk fit --db "$target" >"$dir/fit.log" 2>&1
        fit+=("$(elapsed "$start" "$(now)")")
        start=$(now)
        sqlite3 "$target" "SELECT count(*), sum(length(a.starts_at) + length(a.created_at) + length(IFNULL(b.sex, '')))
            FROM appointment a LEFT JOIN beneficiary b ON b.id = a.beneficiary_id" >/dev/null
        rd+=("$(elapsed "$start" "$(now)")")
        start=$(now)
        LANG=$lang "$guichet" risk list --db "$target" >"$dir/list.log" 2>&1
        ls+=("$(elapsed "$start" "$(now)")")
        start=$(now)
        sqlite3 "$target" "SELECT count(*), sum(length(b.last_name) + length(m.name))
            FROM appointment a JOIN motif m ON m.id = a.motif_id
            LEFT JOIN beneficiary b ON b.id = a.beneficiary_id
            WHERE a.status = 'unknown' AND a.starts_at >= '$day 10:00'
            AND a.starts_at < date('$day', '+2 days')" >/dev/null
        lsf+=("$(elapsed "$start" "$(now)")")
    done
    echo
    echo "  import and no-show risk: $rows CSV lines ($(head -c 0 "$csv"; wc -c <"$csv") bytes), medians of 3, seconds"
    printf '  %-44s %8s %8s\n' "" guichet floor
    printf '  %-44s %8s %8s   (floor: sqlite3 .import into a bare table)\n' "import appointments (goal < 2 s)" \
        "$(median "${imp[@]}")" "$(median "${flr[@]}")"
    printf '  %-44s %8s\n' "the same file again (adds nothing)" "$(median "${again[@]}")"
    printf '  %-44s %8s %8s   (floor: one query reading the history)\n' "risk evaluate --split (goal < 2 s)" \
        "$(median "${ev[@]}")" "$(median "${rd[@]}")"
    printf '  %-44s %8s\n' "risk fit (fit and store)" "$(median "${fit[@]}")"
    printf '  %-44s %8s %8s   (floor: one query reading those appointments)\n' \
        "risk list, next 2 days ($(grep -c '^ *[0-9]* %' "$dir/list.log") scored)" \
        "$(median "${ls[@]}")" "$(median "${lsf[@]}")"
    sed -n '1p' "$dir/import.log" | sed 's/^/  /'
}
