/* goto_date.h - the date a person types to jump to ("g" in the console):
 *   "18/08" or "18.08" or "18-08"  that day in the year that brings it
 *                                  nearest to today (within six months);
 *   "18/08/2027", "18/08/27"       a full date (two-digit years: 20yy);
 *   "18082027", "180827", "1808"   the same, digits only;
 *   "2027-08-18"                   ISO;
 *   "lundi", "mon", "ven"...       the next such weekday after the day shown
 *                                  (French or English, accents optional,
 *                                  at least two letters);
 *   "+7", "-3"                     days from the day shown;
 *   "t", "today", "aujourd'hui"    today.
 * Pure C11. */
#ifndef GUICHET_MODEL_GOTO_DATE_H
#define GUICHET_MODEL_GOTO_DATE_H

#include "civil.h"

/* 0 and *out on success; -1 when the text is not a date (or not a real
 * one: 31/02). */
int goto_date_parse(const char *text, struct civil_date shown, struct civil_date today,
                    struct civil_date *out);

/* The same day `months` months later (or earlier), the day clamped to the
 * month's length (31/01 + 1 month = 28 or 29/02). 0, or -1 out of range. */
int goto_add_months(struct civil_date d, int months, struct civil_date *out);

#endif
