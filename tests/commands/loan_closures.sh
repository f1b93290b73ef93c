#!/usr/bin/env bash
# loan_closures.sh - when a collège lends its rooms, from the command line on
# a real file: `loan closure add|list|remove` (a site closed for some days),
# `room blackout add|list|remove` (one room), `loan hours add|list|remove`
# (lending hours per weekday). Each write prints what the README says, exits
# 0 and leaves its audit row (a removal's row names the period that went);
# a later request skips the closed days with their reasons and is refused
# outside the hours; bad dates, an end before the start, unknown ids, rooms
# and sites, overlapping hours and control characters exit as documented
# (2 bad input, 1 refused or unknown) and change nothing.
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/closures.db"
demo_db "$DB" || bail_out "cannot create the demo database"
U=(--db "$DB" --user desk-test)
audit() { sql "$DB" "SELECT COUNT(*) FROM audit WHERE actor = 'desk-test' AND $1"; }

run site add "${U[@]}" --name "Collège Test Fermetures" --kind college --academie Lyon
expect "a collège for the test" 0
SITE=$out
run room add "${U[@]}" --site "Collège Test Fermetures" --name "Gymnase F" --capacity 40
expect "a gym for the test" 0
GYM=$out
run room add "${U[@]}" --site "Collège Test Fermetures" --name "Salle F" --capacity 20
expect "a hall for the test" 0
run association add "${U[@]}" --name "Basket Test Fermetures" --insurance-until 2027-08-31
expect "an association for the test" 0

# ---- site closures ----
run loan closure add "${U[@]}" --site "Collège Test Fermetures" --from 2026-12-08 \
    --to 10/12/2026 --reason "Travaux du gymnase"
expect "closure add: prints the new id" 0
CLOSURE=$out
check "closure add: stored in ISO form" test "$(sql "$DB" "SELECT site_id || ' ' || first_day ||
    ' ' || last_day || ' ' || reason FROM site_closure WHERE id = ${CLOSURE:-0}")" = \
    "$SITE 2026-12-08 2026-12-10 Travaux du gymnase"
check "closure add: audited on the site" test "$(audit "entity = 'site' AND entity_id = $SITE
    AND action = 'closure' AND detail LIKE '%2026-12-08..2026-12-10 Travaux du gymnase'")" = 1
run loan closure add "${U[@]}" --site "Collège Test Fermetures" --from 2027-01-04
expect "closure add: one day when --to is left out" 0
ONEDAY=$out
check "...first and last day the same" test "$(sql "$DB" "SELECT first_day = last_day AND
    first_day = '2027-01-04' FROM site_closure WHERE id = ${ONEDAY:-0}")" = 1
run loan closure list "${U[@]}" --site "Collège Test Fermetures"
expect "closure list: the site's closures" 0 "$CLOSURE | Collège Test Fermetures | 2026-12-08..2026-12-10 | Travaux du gymnase"
check "closure list: by first day" test "$(printf '%s\n' "$out" | cut -d' ' -f1 | tr '\n' ' ')" = \
    "$CLOSURE $ONEDAY "
run loan closure list "${U[@]}"
expect "closure list: every site" 0 "Collège Test Fermetures"

snapshot "$DB"
run loan closure add "${U[@]}" --site "Collège Test Fermetures" --from 2026-12-10 --to 2026-12-08
expect "closure add refused: end before start" 2 "--to: must not be before the start"
run loan closure add "${U[@]}" --site "Collège Test Fermetures" --from 2026-02-30
expect "closure add refused: no such date" 2 "--from: not a valid date"
run loan closure add "${U[@]}" --site "Collège Test Fermetures" --to 2026-12-10
expect "closure add refused: no --from" 2 "--from"
run loan closure add "${U[@]}" --from 2026-12-10
expect "closure add refused: no --site" 2 "--site"
run loan closure add "${U[@]}" --site "Collège Nulle Part" --from 2026-12-10
expect "closure add refused: unknown site" 1 "Collège Nulle Part"
run loan closure add "${U[@]}" --site "Collège Test Fermetures" --from 2026-12-10 \
    --reason $'Travaux\x1b[2J'
expect "closure add refused: escape sequence in the reason" 2 "reason"
run loan closure add "${U[@]}" --site "Collège Test Fermetures" --from 2026-12-10 \
    --reason "$(printf 'x%.0s' {1..96})"
expect "closure add refused: reason too long" 2 "--reason"
run loan closure remove "${U[@]}" 999999
expect "closure remove refused: unknown id" 1 "closure 999999"
run loan closure remove "${U[@]}" abc
expect "closure remove refused: not a number" 2 "abc"
run loan closure remove "${U[@]}"
expect "closure remove refused: no id" 2 "ID"
unchanged "refused closure commands" "$DB"

# ---- room blackouts ----
run room blackout add "${U[@]}" --room "Collège Test Fermetures/Gymnase F" --from 2026-12-15 \
    --to 2026-12-16 --reason "Compétition UNSS"
expect "blackout add: prints the new id" 0
BLACKOUT=$out
check "blackout add: audited on the room" test "$(audit "entity = 'room' AND entity_id = $GYM
    AND action = 'blackout' AND detail LIKE '%2026-12-15..2026-12-16 Compétition UNSS'")" = 1
run room blackout list "${U[@]}" --room "$GYM"
expect "blackout list: the room's blackouts" 0 "$BLACKOUT | Collège Test Fermetures / Gymnase F | 2026-12-15..2026-12-16 | Compétition UNSS"
run room blackout list "${U[@]}" --room "Collège Test Fermetures/Salle F"
expect "blackout list: none for the hall" 0 "no blackout"
run room blackout list "${U[@]}" --site "Collège Test Fermetures"
expect "blackout list: by site" 0 "Gymnase F"
snapshot "$DB"
run room blackout add "${U[@]}" --room "Salle Inconnue" --from 2026-12-15
expect "blackout add refused: unknown room" 1 "Salle Inconnue"
run room blackout add "${U[@]}" --room "$GYM" --from 16/12/2026 --to 15/12/2026
expect "blackout add refused: end before start" 2 "--to"
run room blackout add "${U[@]}" --room "$GYM" --from demain
expect "blackout add refused: not a date" 2 "--from"
run room blackout remove "${U[@]}" 999999
expect "blackout remove refused: unknown id" 1 "blackout 999999"
unchanged "refused blackout commands" "$DB"

# ---- a request skips them, with their reasons ----
run loan request "${U[@]}" --room "$GYM" --association "Basket Test Fermetures" \
    --weekdays tue,wed --time 18:00-20:00 --from 2026-12-01 --to 2026-12-16
expect "request: the closed days are skipped" 0 "Travaux du gymnase"
check "...the closure's Tuesday and Wednesday" grep -qE '(08|09)/12/2026 +Travaux du gymnase' <<<"$out"
check "...the blackout's Tuesday and Wednesday" grep -qE '1[56]/12/2026 +Compétition UNSS' <<<"$out"

# ---- removals ----
run loan closure remove "${U[@]}" "$CLOSURE"
expect "closure remove" 0
check "closure remove: gone from the file" test "$(sql "$DB" "SELECT COUNT(*) FROM site_closure
    WHERE id = $CLOSURE")" = 0
check "closure remove: its audit row names what went" test "$(audit "entity = 'site' AND
    entity_id = $SITE AND action = 'closure removed'
    AND detail LIKE '%2026-12-08..2026-12-10 Travaux du gymnase'")" = 1
run loan closure remove "${U[@]}" "$CLOSURE"
expect "closure remove twice: unknown the second time" 1 "closure $CLOSURE"
run room blackout remove "${U[@]}" "$BLACKOUT"
expect "blackout remove" 0
check "blackout remove: audited on the room" test "$(audit "entity = 'room' AND entity_id = $GYM
    AND action = 'blackout removed' AND detail LIKE '%Compétition UNSS'")" = 1
run room blackout list "${U[@]}" --room "$GYM"
expect "blackout list: empty after the removal" 0 "no blackout"

# ---- lending hours ----
run loan hours list "${U[@]}" --site "Collège Test Fermetures"
expect "hours list: none yet, any time" 0 "any time"
run loan hours add "${U[@]}" --site "Collège Test Fermetures" --weekday tue --time 17:00-21:00
expect "hours add: Tuesdays 17:00-21:00" 0
run loan hours add "${U[@]}" --site "Collège Test Fermetures" --weekday mardi --time 8h-12h
expect "hours add: a second range, the day in French" 0
run loan hours add --site "Collège Test Fermetures" "${U[@]}" --weekday sat --time 14:00-24:00
expect "hours add: until midnight" 0
check "hours add: audited on the site" test "$(audit "entity = 'site' AND entity_id = $SITE
    AND action = 'hours' AND detail = 'lending hours day 2 17:00-21:00'")" = 1
run loan hours list "${U[@]}" --site "Collège Test Fermetures"
expect "hours list: by weekday and start" 0
check "hours list: the three ranges" test "$out" = "Collège Test Fermetures | tue | 08:00-12:00
Collège Test Fermetures | tue | 17:00-21:00
Collège Test Fermetures | sat | 14:00-24:00"
out=$(LC_ALL=fr_FR.UTF-8 "$GUICHET" loan hours list "${U[@]}" --site "Collège Test Fermetures")
check "hours list in French: the weekdays translated" grep -qF "| sam | 14:00-24:00" <<<"$out"
run loan request "${U[@]}" --room "$GYM" --association "Basket Test Fermetures" \
    --weekdays tue --time 20:00-22:00 --from 2027-01-05 --to 2027-01-26
expect "request outside the hours: refused" 2 "outside the hours"

snapshot "$DB"
run loan hours add "${U[@]}" --site "Collège Test Fermetures" --weekday tue --time 20:00-22:00
expect "hours add refused: overlaps a range of the day" 1 "17:00-21:00"
run loan hours add "${U[@]}" --site "Collège Test Fermetures" --weekday tue --time 21:00-20:00
expect "hours add refused: end before start" 2 "--time"
run loan hours add "${U[@]}" --site "Collège Test Fermetures" --weekday tue,thu --time 10:00-11:00
expect "hours add refused: two weekdays at once" 2 "--weekday"
run loan hours add "${U[@]}" --site "Collège Test Fermetures" --weekday xyz --time 10:00-11:00
expect "hours add refused: no such weekday" 2 "--weekday"
run loan hours add "${U[@]}" --site "Collège Test Fermetures" --weekday tue
expect "hours add refused: no --time" 2 "--time"
SOCIAL=$(sql "$DB" "SELECT name FROM site WHERE kind = 'social' ORDER BY id LIMIT 1")
run loan hours add "${U[@]}" --site "$SOCIAL" --weekday tue --time 10:00-11:00
expect "hours add refused: a site that is no collège" 1 "collège"
run loan hours remove "${U[@]}" --site "Collège Test Fermetures" --weekday tue --time 17:00-20:00
expect "hours remove refused: no such range" 1 "17:00-20:00"
unchanged "refused hours commands" "$DB"
run loan hours remove "${U[@]}" --site "Collège Test Fermetures" --weekday tue --time 17:00-21:00
expect "hours remove" 0
check "hours remove: audited" test "$(audit "entity = 'site' AND entity_id = $SITE
    AND action = 'hours removed' AND detail = 'lending hours day 2 17:00-21:00'")" = 1
check "hours remove: two ranges left" test "$(sql "$DB" "SELECT COUNT(*) FROM college_hours
    WHERE site_id = $SITE")" = 2

# ---- help ----
run loan closure --help
expect "loan closure --help" 0 "guichet loan closure"
run room blackout --help
expect "room blackout --help" 0 "guichet room blackout"
run loan hours --help
expect "loan hours --help" 0 "guichet loan hours"
run loan closure frobnicate "${U[@]}"
expect "loan closure: unknown action" 2 "frobnicate"
finish
