/* clock.h - the one place that reads the current civil time.
 *
 * "Now" at a site is the site's civil time in its IANA zone
 * (clock_now_in_zone), whatever TZ the machine has: a server in UTC serves
 * sites in Europe/Paris and Indian/Reunion. clock_now is the process's own
 * zone, for what belongs to no site (file names, logs).
 *
 * GUICHET_NOW (read once, for tests and reproducible screens) fixes the
 * clock: "YYYY-MM-DD HH:MM" fixes the wall clock (every zone reads that
 * civil time), "YYYY-MM-DD HH:MMZ" fixes an instant in UTC (each zone
 * reads its own civil time for it). */
#ifndef GUICHET_CLOCK_H
#define GUICHET_CLOCK_H

#include <time.h>
#include "../model/civil.h"

/* Current civil time; `seconds` (may be NULL) gets 0..59. */
void clock_now(struct civil_datetime *out, int *seconds);
/* Current civil time in `zone` ("Europe/Paris"); an empty or unknown
 * zone falls back to clock_now. */
void clock_now_in_zone(const char *zone, struct civil_datetime *out,
                       int *seconds);
/* 1 when `zone` names a time zone this machine knows (tzdata). */
int clock_zone_known(const char *zone);
/* ---- instants as text: audit times ---------------------------------- *
 * A time stamp is an instant in ISO 8601 with its UTC offset, stored in
 * UTC ("2026-11-25T09:05:13+00:00"): texts sort as the instants do, and
 * whoever reads one shows it in the zone of the site it concerns. */
enum { CLOCK_STAMP_LEN = 26 }; /* "YYYY-MM-DDTHH:MM:SS+00:00" and NUL */

/* The current instant (GUICHET_NOW's wall clock is read in the process's
 * zone). */
void clock_stamp_now(char out[CLOCK_STAMP_LEN]);
/* The instant of civil time `civil` (and `seconds`) in `zone` (empty or
 * unknown: the process's zone). Returns 0, or -1 for an invalid time. */
int clock_stamp_from_civil(struct civil_datetime civil, int seconds, const char *zone,
                           char out[CLOCK_STAMP_LEN]);
/* The civil time in `zone` (empty or unknown: the process's zone) of a
 * stamp with any offset ("Z", "+hh:mm", "-hh:mm"). Returns 0, or -1 when
 * `stamp` is not one. */
int clock_stamp_to_civil(const char *stamp, const char *zone, struct civil_datetime *out,
                         int *seconds);

/* Runs fn(ctx) with the process's local time set to `zone` (TZ switched,
 * so the C library and SQLite's 'localtime' and 'utc' modifiers follow
 * it), then puts it back; an empty or unknown zone runs it as it is.
 * Returns what fn returned. */
int clock_run_in_zone(const char *zone, int (*fn)(void *ctx), void *ctx);

/* Reads GUICHET_NOW again (tests that change it). */
void clock_reload(void);
/* 1 when GUICHET_NOW fixes the clock. */
int clock_is_fixed(void);

#endif
