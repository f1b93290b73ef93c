#!/usr/bin/env bash
# catalogue.sh - the French catalogue is complete: every message marked for
# translation in the sources (extracted afresh, as `make pot` does) has a
# French translation in po/fr.po that is neither missing, empty nor fuzzy,
# the catalogue compiles with msgfmt --check (format strings agree), and a
# message really comes out in French under a French locale.
. "$(dirname "$0")/lib/common.sh"
cd "$TEST_ROOT" || bail_out "cannot enter $TEST_ROOT"
for tool in xgettext msgcmp msgfmt; do
    command -v "$tool" >/dev/null || bail_out "$tool is missing (gettext; scripts/install-deps)"
done

pot="$TEST_TMP/guichet.pot"
if make -s --no-print-directory pot POT="$pot" >"$TEST_TMP/pot.log" 2>&1 && [ -s "$pot" ]; then
    ok "messages extracted from the sources ($(grep -c '^msgid ' "$pot") entries)"
else
    not_ok "make pot POT=FILE"; sed 's/^/#   /' "$TEST_TMP/pot.log"; finish
fi

if msgcmp po/fr.po "$pot" >"$TEST_TMP/cmp.log" 2>&1; then
    ok "every message of the sources has a French translation (none missing, untranslated or fuzzy)"
else
    not_ok "po/fr.po lacks translations ($(grep -c 'this message' "$TEST_TMP/cmp.log") messages)"
    head -n 40 "$TEST_TMP/cmp.log" | sed 's/^/#   /'
fi

if msgfmt --check --statistics -o /dev/null po/fr.po >"$TEST_TMP/fmt.log" 2>&1 &&
   ! grep -qE 'fuzzy|untranslated' "$TEST_TMP/fmt.log"; then
    ok "po/fr.po compiles with msgfmt --check: $(cat "$TEST_TMP/fmt.log")"
else
    not_ok "msgfmt --check po/fr.po"; sed 's/^/#   /' "$TEST_TMP/fmt.log"
fi

if locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
    en=$("$GUICHET" appt list 2>&1)
    fr=$(LC_ALL=fr_FR.UTF-8 LANGUAGE= "$GUICHET" appt list 2>&1)
    if [ -n "$fr" ] && [ "$fr" != "$en" ] && printf '%s' "$fr" | grep -q -- '--date'; then
        ok "under fr_FR.UTF-8 a message comes out in French: $fr"
    else
        not_ok "under fr_FR.UTF-8 a message comes out in French (got: $fr; in English: $en)"
    fi
else
    not_ok "the fr_FR.UTF-8 locale is missing (scripts/install-deps makes it)"
fi
finish
