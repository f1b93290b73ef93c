/* duplicates.h - "is this new person perhaps someone we already know?"
 *
 * Before a beneficiary is created (or edited), the caller fetches likely
 * matches (same folded names, same phone digits, same e-mail) and asks here,
 * for each, whether and why they may be the same person; the form shows the
 * match first and asks the agent. Reasons are a bit set so that the
 * message can list them all ("same name and birth date, same phone").
 * Pure C11 + libc. */
#ifndef GUICHET_MODEL_DUPLICATES_H
#define GUICHET_MODEL_DUPLICATES_H

#include "civil.h"

/* The fields compared. Strings may be NULL (= empty); birth_date.year 0
 * means unknown. */
struct duplicate_person {
    const char *last_name;
    const char *first_name;
    const char *birth_name;   /* nom de naissance, may differ after marriage */
    struct civil_date birth_date;
    const char *phone;
    const char *email;
};

enum duplicate_reason {
    DUPLICATE_NONE = 0,
    /* Same folded first name and birth date, and the same folded family name
     * (last or birth name of one equal to last or birth name of the other),
     * or first and last names swapped. Needs a known birth date. */
    DUPLICATE_NAME_BIRTH = 1 << 0,
    /* Same phone digits (search_phone_digits; "+33 6..." = "06..."), at
     * least DUPLICATE_PHONE_MIN_DIGITS of them. */
    DUPLICATE_PHONE = 1 << 1,
    /* Same e-mail address, ignoring case and surrounding spaces. */
    DUPLICATE_EMAIL = 1 << 2,
};

enum { DUPLICATE_PHONE_MIN_DIGITS = 6 };

/* Bit set of enum duplicate_reason (0: no reason to think they are the
 * same). NULL arguments give 0. */
unsigned duplicate_reasons(const struct duplicate_person *candidate,
                           const struct duplicate_person *existing);

#endif
