/* appointment.h - appointment statuses and the rules that govern them.
 *
 * Statuses follow RDV Solidarités: unknown, seen, excused (cancelled by the
 * person), revoked (cancelled by the service), noshow. For display, unknown
 * splits by time into upcoming / today / to fill in (past, still unknown).
 * Transitions (DESIGN.md §2):
 *   - a future appointment can only be cancelled (excused or revoked);
 *   - seen is allowed from the day of the appointment on;
 *   - noshow only once the start time has passed;
 *   - a final status (anything but unknown) goes back to unknown before it
 *     changes again.
 * "Arrived" is a timestamp, not a status. */
#ifndef GUICHET_MODEL_APPOINTMENT_H
#define GUICHET_MODEL_APPOINTMENT_H

#include "civil.h"

enum appt_status {
    APPT_UNKNOWN = 0,
    APPT_SEEN,
    APPT_EXCUSED,
    APPT_REVOKED,
    APPT_NOSHOW,
    APPT_STATUS_COUNT
};

enum appt_display {
    APPT_SHOW_UPCOMING,   /* unknown, on a later day */
    APPT_SHOW_TODAY,      /* unknown, today, not started yet */
    APPT_SHOW_TO_FILL_IN, /* unknown, start time passed */
    APPT_SHOW_SEEN,
    APPT_SHOW_EXCUSED,
    APPT_SHOW_REVOKED,
    APPT_SHOW_NOSHOW,
    APPT_DISPLAY_COUNT
};

/* Storage names ("unknown", "seen", ...; NULL for an invalid value); parse
 * returns 0, or -1 if the name is unknown. */
const char *appt_status_name(enum appt_status s);
int appt_status_parse(const char *name, enum appt_status *out);

/* Unknown shows as to-fill-in once start < now (same minute as noshow),
 * as today when on now's date and not started, upcoming otherwise. */
enum appt_display appt_display_status(enum appt_status s,
                                      struct civil_datetime start,
                                      struct civil_datetime now);

/* 1 if moving from `from` to `to` is allowed now, 0 otherwise. From unknown:
 * excused/revoked at any time (a past unknown may still be cancelled), seen
 * when start's date <= now's date, noshow when start < now. From any other
 * status: only to unknown. from == to is not a transition (0). */
int appt_transition_allowed(enum appt_status from, enum appt_status to,
                            struct civil_datetime start,
                            struct civil_datetime now);

/* 1 for excused and revoked: cancelled appointments free their slot. */
int appt_status_is_cancelled(enum appt_status s);

#endif
