/* clock.h - the one place that reads the current civil time.
 *
 * GUICHET_NOW="YYYY-MM-DD HH:MM" (read once, for tests and reproducible
 * screens) fixes the clock; otherwise the system clock in the process's time
 * zone is used. */
#ifndef GUICHET_CLOCK_H
#define GUICHET_CLOCK_H

#include <time.h>
#include "../model/civil.h"

/* Current civil time; `seconds` (may be NULL) gets 0..59. */
void clock_now(struct civil_datetime *out, int *seconds);
/* 1 when GUICHET_NOW fixes the clock. */
int clock_is_fixed(void);

#endif
