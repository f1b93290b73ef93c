#!/usr/bin/env bash
# loan_retention.sh - retention of room-loan requests on a real demo file:
#   requests whose dates are all refused or cancelled, last decided more
#   than the loan retention (12 months) ago, lose their purpose, their
#   dates' reasons and their audit details at `guichet purge`, while their
#   rows, rooms, dates and states stay; an association whose requests are
#   all so past loses its contact person (name, phone, e-mail); --dry-run
#   lists the requests due with their association and last decision; a request
#   refused recently, an old approved request and an association with a
#   request still kept are untouched; --dry-run counts and writes nothing;
#   a longer retention makes nothing due; a second purge finds nothing; the
#   raw file keeps no trace of the cleared text.
. "$(dirname "$0")/lib/common.sh"

DB="$TEST_TMP/loans.db"
demo_db "$DB" || bail_out "cannot create the demo database"
U=(--db "$DB" --user desk-test)
ROOM=$(sql "$DB" "SELECT id FROM room ORDER BY id LIMIT 1")
[ -n "$ROOM" ] || bail_out "the demo file has no room"

# at DATE CMD...: runs guichet with the clock at DATE 10:00.
at() {
    local day=$1
    shift
    GUICHET_NOW="$day 10:00" run "$@"
}
request_id() { sed -n 's/^request \([0-9]*\)$/\1/p' <<<"$out"; }

at 2025-03-01 association add "${U[@]}" --name "Amicale Oubliettes" --contact "Mme Oubliettina" \
    --phone "04 99 99 99 01" --email oubliettina@example.org --insurance-until 2027-08-31
expect "setup: an association whose requests will all be past" 0
OLD_ASSOC=$out
at 2025-03-01 association add "${U[@]}" --name "Club Mixte" --contact "M. Mixtus" \
    --phone "04 99 99 99 02" --insurance-until 2027-08-31
expect "setup: an association with an old and a current request" 0
MIX_ASSOC=$out
at 2025-03-01 association add "${U[@]}" --name "Cercle Récent" --contact "Mme Recentia" \
    --insurance-until 2027-08-31
expect "setup: an association refused recently" 0
NEW_ASSOC=$out

# Old, refused: due.
at 2025-03-01 loan request "${U[@]}" --room "$ROOM" --association "Amicale Oubliettes" \
    --on 2025-04-08 --time 18:00-19:00 --purpose "répétition Oubliettina"
expect "setup: old request" 0
R_REFUSED=$(request_id)
at 2025-03-02 loan refuse "${U[@]}" "$R_REFUSED" --reason "salle prise, Oubliettina prévenue"
expect "setup: old request refused" 0
# Old, approved then cancelled: due.
at 2025-03-01 loan request "${U[@]}" --room "$ROOM" --association "Amicale Oubliettes" \
    --on 2025-04-15 --time 18:00-19:00 --purpose "assemblée Oubliettes"
R_CANCELLED=$(request_id)
at 2025-03-02 loan approve "${U[@]}" "$R_CANCELLED"
at 2025-03-20 loan cancel "${U[@]}" "$R_CANCELLED" --reason "annulée par Oubliettina"
expect "setup: old request cancelled" 0
# Old, refused, of an association with an approved request: due, but the
# association keeps its contact.
at 2025-03-01 loan request "${U[@]}" --room "$ROOM" --association "Club Mixte" \
    --on 2025-04-22 --time 18:00-19:00 --purpose "tournoi Mixtus"
R_MIX_OLD=$(request_id)
at 2025-03-02 loan refuse "${U[@]}" "$R_MIX_OLD" --reason "refus Mixtus"
at 2025-03-01 loan request "${U[@]}" --room "$ROOM" --association "Club Mixte" \
    --on 2025-04-29 --time 18:00-19:00 --purpose "entraînement Mixtus"
R_MIX_APPROVED=$(request_id)
at 2025-03-02 loan approve "${U[@]}" "$R_MIX_APPROVED"
expect "setup: an old approved request" 0
# Refused six months ago: kept.
at 2026-05-01 loan request "${U[@]}" --room "$ROOM" --association "Cercle Récent" \
    --on 2026-06-02 --time 18:00-19:00 --purpose "atelier Recentia"
R_RECENT=$(request_id)
at 2026-05-20 loan refuse "${U[@]}" "$R_RECENT" --reason "refus Recentia"
expect "setup: a recent refusal" 0
check "setup: every request has an id" test -n "$R_REFUSED" -a -n "$R_CANCELLED" -a -n "$R_MIX_OLD" \
    -a -n "$R_MIX_APPROVED" -a -n "$R_RECENT"

DUE_IDS="$R_REFUSED, $R_CANCELLED, $R_MIX_OLD"
# Rows, rooms, dates and states of every loan: what must not change.
loans_shape() {
    sql "$DB" "SELECT r.id, r.room_id, r.association_id, o.original_day, o.starts_at, o.ends_at, o.state
        FROM loan_request r JOIN loan_series s ON s.request_id = r.id
        JOIN loan_occurrence o ON o.series_id = s.id ORDER BY o.id;
        SELECT count(*) FROM audit WHERE entity = 'loan_request'"
}
SHAPE=$(loans_shape)
check "setup: the raw file holds the text a purge must clear" \
    eval 'grep -qaF "Oubliettina" "$DB" && grep -qaF "tournoi Mixtus" "$DB"'

# ---- a longer loan retention: nothing due ----
run retention "${U[@]}" --loan-months 36
expect "retention: 36 months for loan requests" 0 "Refused or cancelled room-loan requests: 36 months."
run purge --db "$DB" --dry-run
expect "dry run, 36 months: no request due" 0 "0 room-loan requests cleared"
expect "dry run, 36 months: no contact due" 0 "0 association contacts cleared"
run retention "${U[@]}" --loan-months 12
expect "retention: back to 12 months" 0

# ---- dry run ----
snapshot "$DB"
run purge --db "$DB" --dry-run
expect "dry run: three requests due" 0 "3 room-loan requests cleared"
expect "dry run: one association contact due" 0 "1 association contact cleared"
check "dry run: lists the old refused request, with its association's contact" \
    grep -qxF "  loan request $R_REFUSED | Amicale Oubliettes | 2025-03-02 | and the association's contact" <<<"$out"
check "dry run: lists the old cancelled request, dated by its cancellation" \
    grep -qxF "  loan request $R_CANCELLED | Amicale Oubliettes | 2025-03-20 | and the association's contact" <<<"$out"
check "dry run: lists the old refused request of an association still lending, without its contact" \
    grep -qxF "  loan request $R_MIX_OLD | Club Mixte | 2025-03-02" <<<"$out"
check "dry run: lists no other request" test "$(grep -c '^  loan request ' <<<"$out")" = 3
unchanged "dry run" "$DB"

# ---- purge ----
run purge --db "$DB" --user chef
expect "purge: three requests cleared" 0 "3 room-loan requests cleared"
expect "purge: one association contact cleared" 0 "1 association contact cleared"
check "purge: the due requests keep no purpose" \
    test "$(sql "$DB" "SELECT count(*) FROM loan_request WHERE id IN ($DUE_IDS) AND purpose = ''")" = 3
check "purge: their dates keep no reason" \
    test "$(sql "$DB" "SELECT count(*) FROM loan_occurrence o JOIN loan_series s ON s.id = o.series_id
        WHERE s.request_id IN ($DUE_IDS) AND o.reason <> ''")" = 0
check "purge: their audit rows stay, without details" \
    test "$(sql "$DB" "SELECT count(*) || '|' || sum(detail = '') FROM audit
        WHERE entity = 'loan_request' AND entity_id IN ($DUE_IDS)")" = "7|7"
check "purge: rows, rooms, dates and states unchanged" test "$(loans_shape)" = "$SHAPE"
check "purge: the association whose requests are all past has no contact left" \
    test "$(sql "$DB" "SELECT name || '|' || contact || '|' || phone || '|' || email
        FROM association WHERE id = $OLD_ASSOC")" = "Amicale Oubliettes|||"
check "purge: an association with an approved request keeps its contact" \
    test "$(sql "$DB" "SELECT contact || '|' || phone FROM association WHERE id = $MIX_ASSOC")" = \
    "M. Mixtus|04 99 99 99 02"
check "purge: the old approved request keeps its purpose" \
    test "$(sql "$DB" "SELECT purpose FROM loan_request WHERE id = $R_MIX_APPROVED")" = "entraînement Mixtus"
check "purge: a request refused six months ago keeps its purpose and reason" \
    test "$(sql "$DB" "SELECT r.purpose || '|' || o.reason FROM loan_request r
        JOIN loan_series s ON s.request_id = r.id JOIN loan_occurrence o ON o.series_id = s.id
        WHERE r.id = $R_RECENT")" = "atelier Recentia|refus Recentia"
check "purge: that association keeps its contact" \
    test "$(sql "$DB" "SELECT contact FROM association WHERE id = $NEW_ASSOC")" = "Mme Recentia"
check "purge: audited with the loan counts" \
    test "$(sql "$DB" "SELECT actor || ' ' || action FROM audit WHERE entity = 'purge'
        AND detail LIKE '%loans before 2025-11-25: 3 requests, 1 contacts%'")" = "chef purge"
check "purge: the raw file holds none of the cleared text" \
    eval '! grep -qaF "Oubliettina" "$DB" && ! grep -qaF "tournoi Mixtus" "$DB" && ! grep -qaF "refus Mixtus" "$DB"'

snapshot "$DB"
run purge --db "$DB" --dry-run
expect "a second dry run: nothing left" 0 "0 room-loan requests cleared"
expect "a second dry run: no contact left" 0 "0 association contacts cleared"
unchanged "second dry run" "$DB"

finish
