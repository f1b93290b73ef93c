#!/usr/bin/env bash
# keys_bars.sh - the quick part of the generic key test, in make check:
# on every screen listed in the key tables, in English and in French, the
# F-key bar and the help against the screen's table, and keys it does not
# advertise changing nothing. Pressing each advertised key takes longer:
# tests/slow/every_key.sh (make check-keys).
EVERY_KEY_PRESS=0 exec bash "$(dirname "$0")/../slow/every_key.sh"
