/* holidays.h - French public holidays (jours fériés) for any year 1583..9999.
 *
 * The eleven national holidays, three of them moving with Easter (Easter
 * Monday, Ascension, Whit Monday), and behind HOLIDAYS_ALSACE_MOSELLE the two
 * extra days of the Bas-Rhin, Haut-Rhin and Moselle (Good Friday, St Stephen).
 * Names are returned untranslated (English msgids marked N_): the caller
 * translates them with gettext at display time. */
#ifndef GUICHET_MODEL_HOLIDAYS_H
#define GUICHET_MODEL_HOLIDAYS_H

#include "civil.h"

enum holiday_flags {
    HOLIDAYS_NATIONAL = 0,
    HOLIDAYS_ALSACE_MOSELLE = 1 << 0,
};

enum { HOLIDAYS_MAX_PER_YEAR = 13 };

struct holiday {
    struct civil_date date;
    const char *name; /* static msgid, e.g. "Easter Monday" */
};

/* Gregorian Easter Sunday (anonymous algorithm). -1 outside 1583..9999. */
int holiday_easter(int year, struct civil_date *out);

/* Holidays of `year` in date order; returns their count (11, or 13 with
 * Alsace-Moselle) or -1. Two holidays on one date (Ascension on 1 May, as in
 * 2008) are both listed. The current list applies to every year. */
int holidays_of_year(int year, unsigned flags, struct holiday out[HOLIDAYS_MAX_PER_YEAR]);

/* 1 if `d` is a holiday (name stored in *name when not NULL), 0 if not. */
int holiday_lookup(struct civil_date d, unsigned flags, const char **name);

#endif
