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
/* Reads GUICHET_NOW again (tests that change it). */
void clock_reload(void);
/* 1 when GUICHET_NOW fixes the clock. */
int clock_is_fixed(void);

#endif
