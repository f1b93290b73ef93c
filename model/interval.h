/* interval.h - half-open intervals [start, end) of civil minutes
 * (civil_datetime_to_minutes). Empty or reversed intervals are invalid. */
#ifndef GUICHET_MODEL_INTERVAL_H
#define GUICHET_MODEL_INTERVAL_H

#include <stdint.h>

struct interval {
    int64_t start;
    int64_t end;
};

int interval_valid(struct interval a);                       /* start < end */
int interval_overlaps(struct interval a, struct interval b); /* share a minute */
int interval_contains(struct interval a, int64_t minute);    /* start <= m < end */
int interval_contains_interval(struct interval outer, struct interval inner);
int64_t interval_length(struct interval a);                  /* 0 if invalid */

#endif
