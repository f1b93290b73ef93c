/* booking.h - checks on a booking (new, moved or resized) before it is
 * written, returned as flags that the console and the command line turn into
 * messages.
 *
 * Errors refuse the booking: bad date or time, end not after start, longer
 * than a day. Warnings let the agent go on after confirming: in the past,
 * outside opening hours, agent absent, public holiday, the same person
 * already booked that day for the same motif, and overlap with another
 * appointment of the agent (which, once confirmed, is written as an
 * overbooking). Storage re-checks the overlap inside its write transaction;
 * this is the early, friendly answer. Pure C11 + libc. */
#ifndef GUICHET_MODEL_BOOKING_H
#define GUICHET_MODEL_BOOKING_H

#include <stddef.h>
#include <stdint.h>

#include "appointment.h"
#include "civil.h"
#include "holidays.h"
#include "interval.h"
#include "slots.h"

/* An existing appointment, as far as these checks need it. */
struct booking_appt {
    int64_t id;
    int64_t person_id;            /* 0 = none */
    int64_t motif_id;
    struct interval when;         /* civil minutes */
    enum appt_status status;      /* cancelled ones are ignored */
};

struct booking_request {
    int64_t appointment_id;       /* 0 = new; else the one being changed */
    int64_t site_id;
    int64_t motif_id;
    int64_t person_id;            /* 0 = no person chosen yet */
    struct civil_datetime start;
    struct civil_datetime end;
};

struct booking_context {
    struct civil_datetime now;
    unsigned holiday_flags;       /* enum holiday_flags */
    /* Opening rules and absences of the agent; NULL = not checked (the
     * holiday check still runs). Its busy list is not used here. */
    const struct slot_agent *agent;
    /* The agent's appointments around the requested time (any site). */
    const struct booking_appt *agent_appts;
    size_t agent_appt_count;
    /* The person's appointments on the requested day. */
    const struct booking_appt *person_appts;
    size_t person_appt_count;
};

enum booking_flag {
    BOOKING_OK = 0,
    /* errors */
    BOOKING_INVALID_TIME = 1 << 0,     /* not a real date, minute out of range */
    BOOKING_END_NOT_AFTER_START = 1 << 1,
    BOOKING_TOO_LONG = 1 << 2,         /* more than 24 hours */
    /* warnings */
    BOOKING_IN_PAST = 1 << 8,          /* starts before now */
    BOOKING_OUTSIDE_HOURS = 1 << 9,    /* see slots_closed_reasons */
    BOOKING_AGENT_ABSENT = 1 << 10,
    BOOKING_HOLIDAY = 1 << 11,
    BOOKING_SAME_DAY_MOTIF = 1 << 12,  /* person already booked that day for it */
    BOOKING_OVERLAP = 1 << 13,         /* agent busy: needs an explicit overbooking */
};

#define BOOKING_ERRORS \
    (BOOKING_INVALID_TIME | BOOKING_END_NOT_AFTER_START | BOOKING_TOO_LONG)

enum { BOOKING_MAX_MINUTES = 1440 };

/* Bit set of enum booking_flag. When an error is found the warnings are not
 * computed. The appointment being changed (request.appointment_id) never
 * conflicts with itself. NULL request or context gives BOOKING_INVALID_TIME. */
unsigned booking_check(const struct booking_request *req,
                       const struct booking_context *ctx);

#endif
