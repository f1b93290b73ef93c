/* model.h - the face of model/: pure domain logic, C11 + libc only.
 *   civil.h        civil dates and times, parsing, formatting, instants
 *   interval.h     half-open intervals and overlap
 *   holidays.h     French public holidays (Alsace-Moselle behind a flag)
 *   opening.h      weekly opening-hour rules (every N weeks)
 *   appointment.h  statuses, display states and allowed transitions
 *   text.h         validation of user text (length, control characters)
 *   absence.h      agents' absences, one-off or weekly
 *   slots.h        free-slot search, open/closed time of an agent
 *   search.h       name folding, phone digits, typed-query classification
 *   duplicates.h   reasons why a new person may be an existing one
 *   booking.h      errors and warnings before a booking is written
 *   risk.h         no-show risk: features, logistic fit, reasons, metrics
 *   loan_series.h  room loans: series expansion, closures, exceptions, scopes
 *   school_calendar.h  school-holiday export parser, académie zones
 * No I/O, no SQLite, no curses. */
#ifndef GUICHET_MODEL_H
#define GUICHET_MODEL_H
#include "civil.h"
#include "interval.h"
#include "holidays.h"
#include "opening.h"
#include "appointment.h"
#include "text.h"
#include "absence.h"
#include "slots.h"
#include "search.h"
#include "duplicates.h"
#include "booking.h"
#include "risk.h"
#include "loan_series.h"
#include "school_calendar.h"
#endif
