/* opening.h - weekly opening hours ("plages d'ouverture") of an agent at a
 * site: a weekday, a time range, repeated every N weeks from a first date,
 * optionally until a last date. The N-week rhythm is anchored on the ISO week
 * of `valid_from`. */
#ifndef GUICHET_MODEL_OPENING_H
#define GUICHET_MODEL_OPENING_H

#include "civil.h"

struct opening_rule {
    enum civil_weekday weekday;
    int start_minute;              /* minutes since midnight */
    int end_minute;                /* exclusive, > start_minute */
    int every_weeks;               /* 1 = every week, 2 = every other week... */
    struct civil_date valid_from;  /* first day the rule may apply */
    struct civil_date valid_until; /* last day, inclusive; year 0 = open-ended */
};

/* Valid: weekday 1..7, 0 <= start < end <= 1440, every_weeks 1..52,
 * valid_from a real date, valid_until open-ended or >= valid_from. */
int opening_rule_valid(const struct opening_rule *r);      /* 1 valid, 0 not */
int opening_rule_applies(const struct opening_rule *r, struct civil_date d);

#endif
