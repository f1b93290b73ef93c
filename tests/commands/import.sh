#!/usr/bin/env bash
# import.sh - `guichet import appointments FILE.csv`: columns in any order,
# ';' with a BOM and ',' without, quoted fields, French status words;
# missing sites, services, agents and motifs created, people matched on
# person_ref and created once, the site's "unassigned" agent for an empty
# agent; importing twice adds nothing, nor a line repeated in the file; an
# appointment overlapping its agent's others (in the file or already in the
# database; cancelled ones aside) is stored as overbooked; every bad line (date, status, quote,
# field count, UTF-8, future no-show, missing column) stops the import with
# file, line, column and reason, exit 2, and the file unchanged.
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/import.db"
demo_db "$DB" || bail_out "cannot create the demo database"
BEFORE=$(sql "$DB" "SELECT count(*) FROM appointment")

printf '\xEF\xBB\xBF' >"$TEST_TMP/good.csv"
cat >>"$TEST_TMP/good.csv" <<'EOF'
status;starts_at;person_ref;last_name;first_name;site;motif;agent;booked_at;reminder_sent;sex;birth_date;phone;duration_min
vu;2026-10-01 09:00;P1;Dupont;"Jean; dit ""Jeannot""";Site importé;Suivi budgétaire;;2026-09-20 14:00:00;oui;M;1980-05-01;06 11 22 33 44;45
absent;2026-10-08 09:00;P1;Dupont;Jean;Site importé;Suivi budgétaire;;2026-09-21 10:00;non;M;1980-05-01;;
Excusé;2026-10-15 09:00;P1;Dupont;Jean;Site importé;Suivi budgétaire;;;;M;;;
unknown;2026-12-01 10:00;P2;Martin;Léa;Site importé;Suivi budgétaire;Marie Curie;;;F;;;30
EOF
snapshot "$DB"
run import appointments --db "$DB" "$TEST_TMP/good.csv"
expect "a ';' file with a BOM imports" 0 "4 appointments added, 0 already there"
check "4 appointments more" [ "$(sql "$DB" "SELECT count(*) FROM appointment")" -eq $((BEFORE + 4)) ]
check "person P1 created once, with the quoted first name" \
    [ "$(sql "$DB" "SELECT count(*) || '|' || first_name FROM beneficiary WHERE person_ref = 'P1'")" = '1|Jean; dit "Jeannot"' ]
check "the site was created" [ "$(sql "$DB" "SELECT count(*) FROM site WHERE name = 'Site importé'")" -eq 1 ]
check "an empty agent is the site's unassigned agent" \
    [ "$(sql "$DB" "SELECT DISTINCT g.last_name FROM appointment a JOIN agent g ON g.id = a.agent_id
        JOIN beneficiary b ON b.id = a.beneficiary_id WHERE b.person_ref = 'P1'")" = "(unassigned)" ]
check "a named agent is created and joins the site" \
    [ "$(sql "$DB" "SELECT count(*) FROM agent g JOIN agent_site s ON s.agent_id = g.id
        JOIN site t ON t.id = s.site_id WHERE g.last_name = 'Marie Curie' AND t.name = 'Site importé'")" -eq 1 ]
check "French statuses, booking time, reminder and duration (else the motif's) are kept" \
    [ "$(sql "$DB" "SELECT group_concat(a.status || ',' || a.created_at || ',' || a.booking_known || ',' ||
        a.reminder_sent || ',' || a.ends_at, ' ') FROM (SELECT a.* FROM appointment a
        JOIN beneficiary b ON b.id = a.beneficiary_id WHERE b.person_ref = 'P1' ORDER BY a.starts_at) a")" = \
      "seen,2026-09-20 14:00,1,1,2026-10-01 09:45 noshow,2026-09-21 10:00,1,0,2026-10-08 09:45 excused,2026-11-25 10:00,0,0,2026-10-15 09:45" ]
check "sex and birth date of the person" \
    [ "$(sql "$DB" "SELECT sex || birth_date FROM beneficiary WHERE person_ref = 'P1'")" = "M1980-05-01" ]
check "one audit row for the import" \
    [ "$(sql "$DB" "SELECT count(*) FROM audit WHERE entity = 'bulk' AND action = 'import'")" -ge 1 ]

snapshot "$DB"
run import appointments --db "$DB" "$TEST_TMP/good.csv"
expect "importing the same file again adds nothing" 0 "0 appointments added, 4 already there"
unchanged "second import" "$DB"

# ',' without BOM, columns in another order, an optional column absent
cat >"$TEST_TMP/comma.csv" <<'EOF'
person_ref,site,motif,starts_at,status,service
P3,"Site importé, annexe",Accueil,2026-09-01 14:00,seen,Accueil social
EOF
run import appointments --db "$DB" "$TEST_TMP/comma.csv"
expect "a ',' file without BOM imports" 0 "1 appointments added"
check "the service was created with its motif" \
    [ "$(sql "$DB" "SELECT count(*) FROM motif m JOIN service s ON s.id = m.service_id
        WHERE m.name = 'Accueil' AND s.name = 'Accueil social'")" -eq 1 ]
check "a person without a name is named after person_ref" \
    [ "$(sql "$DB" "SELECT last_name FROM beneficiary WHERE person_ref = 'P3'")" = "P3" ]

bad() { # NAME FILE-CONTENT EXPECTED-TEXT
    printf '%b' "$2" >"$TEST_TMP/bad.csv"
    snapshot "$DB"
    run import appointments --db "$DB" "$TEST_TMP/bad.csv"
    expect "$1" 2 "$3"
    check "$1: says nothing was imported" grep -qF "nothing was imported" <<<"$err"
    unchanged "$1" "$DB"
}
H='person_ref;site;motif;starts_at;status'
bad "a bad date on line 3 after a good line" \
    "$H
N1;Site importé;Accueil;2026-09-02 09:00;seen
N2;Site importé;Accueil;2026-13-40 09:00;seen
" "bad.csv:3: column 4 (starts_at): \"2026-13-40 09:00\" is not a date and time"
bad "an unknown status" \
    "$H
N1;Site importé;Accueil;2026-09-02 09:00;peut-être
" "bad.csv:2: column 5 (status):"
bad "a quoted field never closed" \
    "$H
N1;Site importé;\"Accueil;2026-09-02 09:00;seen
N2;Site importé;Accueil;2026-09-02 10:00;seen
" "bad.csv:2: column 3"
bad "a line with too few fields" \
    "$H
N1;Site importé;Accueil;2026-09-02 09:00
" "bad.csv:2: 4 fields where the header has 5"
bad "a required value empty" \
    "$H
;Site importé;Accueil;2026-09-02 09:00;seen
" "bad.csv:2: column 1 (person_ref): required"
bad "a no-show in the future" \
    "$H
N1;Site importé;Accueil;2026-12-02 09:00;noshow
" "bad.csv:2: column 5 (status): a no-show for an appointment not started yet"
bad "bytes that are not UTF-8" \
    "$H
N1;Site \xe9;Accueil;2026-09-02 09:00;seen
" "bad.csv:2: column 2 (site): not valid UTF-8 text"
bad "a required column missing" \
    "person_ref;site;starts_at;status
N1;Site importé;2026-09-02 09:00;seen
" "bad.csv:1: the required column \"motif\" is missing"
bad "an unknown column" \
    "$H;colour
N1;Site importé;Accueil;2026-09-02 09:00;seen;red
" "unknown column \"colour\""
bad "a booking after the start" \
    "$H;booked_at
N1;Site importé;Accueil;2026-09-02 09:00;seen;2026-09-03 10:00
" "column 6 (booked_at): booked after the appointment's start"
bad "an empty file" "" "the file is empty"

run import appointments --db "$DB" "$TEST_TMP/missing.csv"
expect "a missing file is refused" 2 "missing.csv"
run import appointments --db "$DB"
expect "no file named" 2 "FILE.csv"

# Overlaps and repeats, in file order as single inserts would decide them.
cat >"$TEST_TMP/overlap.csv" <<'EOF'
person_ref;site;motif;agent;starts_at;duration_min;status
O1;Site O;Suivi;Agent O;2026-10-05 09:00;30;seen
O2;Site O;Suivi;Agent O;2026-10-05 09:15;30;seen
O2;Site O;Suivi;Agent O;2026-10-05 09:15;30;seen
O3;Site O;Suivi;Agent O;2026-10-05 10:00;30;excused
O4;Site O;Suivi;Agent O;2026-10-05 10:15;30;noshow
O5;Site O;Suivi;Agent O;2026-10-04 23:00;120;seen
EOF
run import appointments --db "$DB" "$TEST_TMP/overlap.csv"
expect "a file with overlaps and a repeated line" 0 "5 appointments added, 1 already there"
overbooked() { sql "$DB" "SELECT group_concat(b.person_ref || '=' || a.overbooked, ' ') FROM
    (SELECT a.* FROM appointment a JOIN agent g ON g.id = a.agent_id WHERE g.last_name = 'Agent O'
     ORDER BY a.starts_at, a.id) a JOIN beneficiary b ON b.id = a.beneficiary_id"; }
check "the later of two overlapping lines is overbooked; a cancelled one neither is nor makes one" \
    [ "$(overbooked)" = "O5=0 O1=0 O2=1 O3=0 O4=0" ]
cat >"$TEST_TMP/overlap2.csv" <<'EOF'
person_ref;site;motif;agent;starts_at;duration_min;status
O6;Site O;Suivi;Agent O;2026-10-05 10:20;30;seen
O4;Site O;Suivi;Agent O;2026-10-05 10:15;30;noshow
O7;Site O;Suivi;Agent O;2026-10-05 11:00;30;seen
EOF
run import appointments --db "$DB" "$TEST_TMP/overlap2.csv"
expect "a second file: one already there" 0 "2 appointments added, 1 already there"
check "overlapping what the database held: overbooked; the next one not" \
    [ "$(overbooked)" = "O5=0 O1=0 O2=1 O3=0 O4=0 O6=1 O7=0" ]

# The import's INSERTs do not evaluate the schema's CHECK constraints again
# (every value is checked before): values at their limits, then
# integrity_check, which evaluates every CHECK of every row.
long127=$(printf 'é%.0s' $(seq 63))x   # 127 bytes
ref63=$(printf 'R%.0s' $(seq 63))
phone63=$(printf '0%.0s' $(seq 63))
email127=$(printf 'm%.0s' $(seq 115))@exemple.fr
{
    echo "person_ref;last_name;first_name;phone;email;site;motif;agent;starts_at;duration_min;booked_at;status;birth_date;sex;reminder_sent"
    echo "$ref63;$long127;$long127;$phone63;$email127;Site L;Limites;Agent L;2026-10-07 23:59;1440;2026-10-07 23:59:59;seen;0001-01-01;f;yes"
    echo "L2;   ;;;;Site L;Limites;Agent L;2026-10-09 00:00;1;;excusé;;;"
} >"$TEST_TMP/limits.csv"
run import appointments --db "$DB" "$TEST_TMP/limits.csv"
expect "values at their limits import" 0 "2 appointments added"
check "the 24-hour appointment ends the next day at the same minute" \
    [ "$(sql "$DB" "SELECT ends_at FROM appointment a JOIN beneficiary b ON b.id = a.beneficiary_id
        WHERE b.person_ref = '$ref63'")" = "2026-10-08 23:59" ]
check "every CHECK constraint holds on every row (integrity_check)" \
    [ "$(sql "$DB" "PRAGMA integrity_check")" = ok ]

# What the schema's triggers keep for every other writer, the import writes
# itself (its INSERTs run with the triggers off): the outcome counts per
# site, motif and agent and per site and day, and the words of each new
# person's search key. Each equal to what the history gives afresh.
counts_match() {
    sql "$DB" "SELECT (SELECT count(*) FROM (
        SELECT site_id, motif_id, agent_id, n, noshows FROM risk_tally WHERE n <> 0
        EXCEPT SELECT site_id, motif_id, agent_id, count(*), sum(status = 'noshow')
        FROM appointment WHERE status IN ('seen', 'noshow') GROUP BY 1, 2, 3))
      + (SELECT count(*) FROM (
        SELECT site_id, motif_id, agent_id, count(*), sum(status = 'noshow')
        FROM appointment WHERE status IN ('seen', 'noshow') GROUP BY 1, 2, 3
        EXCEPT SELECT site_id, motif_id, agent_id, n, noshows FROM risk_tally))
      + (SELECT count(*) FROM (
        SELECT site_id, day, seen, noshow FROM appointment_outcome_day WHERE seen + noshow > 0
        EXCEPT SELECT site_id, substr(starts_at, 1, 10), sum(status = 'seen'),
        sum(status = 'noshow') FROM appointment WHERE status IN ('seen', 'noshow') GROUP BY 1, 2))
      + (SELECT count(*) FROM (
        SELECT site_id, substr(starts_at, 1, 10), sum(status = 'seen'), sum(status = 'noshow')
        FROM appointment WHERE status IN ('seen', 'noshow') GROUP BY 1, 2
        EXCEPT SELECT site_id, day, seen, noshow FROM appointment_outcome_day))"
}
# person_word against every search key split as the schema's trigger does
words_match() {
    local words="'[\"' || replace(replace(replace(b.search_key, '\\', '\\\\'), '\"', '\\\"'),
        ' ', '\",\"') || '\"]'"
    sql "$DB" "WITH w AS (SELECT DISTINCT j.value AS word, b.id AS person_id FROM beneficiary b,
        json_each(CASE WHEN json_valid($words) THEN $words ELSE '[]' END) j WHERE j.value <> '')
        SELECT (SELECT count(*) FROM (SELECT word, person_id FROM person_word EXCEPT SELECT * FROM w))
             + (SELECT count(*) FROM (SELECT * FROM w EXCEPT SELECT word, person_id FROM person_word))"
}
check "outcome counts per site, motif, agent and day equal the history after the imports" \
    [ "$(counts_match)" = 0 ]
check "each person's words are their search key's" [ "$(words_match)" = 0 ]
# The names a day view shows, copied into each appointment (schema.c).
names_match() {
    sql "$DB" "SELECT count(*) FROM appointment a LEFT JOIN beneficiary b ON b.id = a.beneficiary_id
        WHERE a.person_last IS NOT b.last_name OR a.person_first IS NOT b.first_name"
}
check "each appointment carries its person's names" \
    [ "$(names_match) $(sql "$DB" "SELECT count(person_last) > 0 FROM appointment")" = "0 1" ]
check "a new person's words: the folded key split on spaces" \
    [ "$(sql "$DB" "SELECT group_concat(w.word, ' ') FROM (SELECT word FROM person_word p
        JOIN beneficiary b ON b.id = p.person_id WHERE b.person_ref = 'P1' ORDER BY word) w")" = \
      "$(sql "$DB" "SELECT search_key FROM beneficiary WHERE person_ref = 'P1'" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')" ]

# A trigger the import does not know (a later schema, another tool's) keeps
# every trigger on: it fires for each row, and the counts are not doubled.
cp "$DB" "$TEST_TMP/trigger.db"
DB="$TEST_TMP/trigger.db"
sql "$DB" "CREATE TABLE seen_insert (appointment_id INTEGER);
    CREATE TRIGGER test_seen_insert AFTER INSERT ON appointment
    BEGIN INSERT INTO seen_insert VALUES (NEW.id); END;
    CREATE TRIGGER test_person_insert AFTER INSERT ON beneficiary
    BEGIN INSERT INTO seen_insert VALUES (-NEW.id); END;"
cat >"$TEST_TMP/more.csv" <<'EOF'
person_ref;site;motif;agent;starts_at;duration_min;status;last_name;first_name
T1;Site T;Suivi;Agent T;2026-10-06 09:00;30;seen;Trigger;Anne Marie
T1;Site T;Suivi;Agent T;2026-10-06 09:30;30;noshow;Trigger;Anne Marie
T2;Site T;Suivi;Agent T;2026-10-06 09:45;30;seen;Autre;Paul
EOF
run import appointments --db "$DB" "$TEST_TMP/more.csv"
expect "an import beside a trigger it does not know" 0 "3 appointments added"
check "the unknown triggers fired for every appointment and person" \
    [ "$(sql "$DB" "SELECT sum(appointment_id > 0) || ' ' || sum(appointment_id < 0) FROM seen_insert")" = "3 2" ]
check "the counts are the history's, not doubled" [ "$(counts_match)" = 0 ]
check "the new people's words too" [ "$(words_match)" = 0 ]
check "and their names in the appointments" [ "$(names_match)" = 0 ]
check "the overlap trigger refused nothing; the overlap is marked" \
    [ "$(sql "$DB" "SELECT group_concat(overbooked, ' ') FROM (SELECT a.overbooked FROM appointment a
        JOIN beneficiary b ON b.id = a.beneficiary_id WHERE b.person_ref IN ('T1', 'T2')
        ORDER BY a.starts_at)")" = "0 0 1" ]

finish
