/* model.h - the face of model/: pure domain logic, C11 + libc only.
 *   civil.h        civil dates and times, parsing, formatting, instants
 *   interval.h     half-open intervals and overlap
 *   holidays.h     French public holidays (Alsace-Moselle behind a flag)
 *   opening.h      weekly opening-hour rules (every N weeks)
 *   appointment.h  statuses, display states and allowed transitions
 *   text.h         validation of user text (length, control characters)
 * No I/O, no SQLite, no curses. */
#ifndef GUICHET_MODEL_H
#define GUICHET_MODEL_H
#include "civil.h"
#include "interval.h"
#include "holidays.h"
#include "opening.h"
#include "appointment.h"
#include "text.h"
#endif
