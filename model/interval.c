/* interval.c - half-open intervals [start, end) of civil minutes, the shape
 * used for appointments, opening hours and room loans. Adjacent intervals
 * ([9:00, 9:30) and [9:30, 10:00)) do not overlap. Invalid (empty or
 * reversed) intervals never overlap or contain anything. */
#include "interval.h"

int interval_valid(struct interval a)
{
    return a.start < a.end;
}

int interval_overlaps(struct interval a, struct interval b)
{
    return interval_valid(a) && interval_valid(b) && a.start < b.end &&
           b.start < a.end;
}

int interval_contains(struct interval a, int64_t minute)
{
    return interval_valid(a) && a.start <= minute && minute < a.end;
}

int interval_contains_interval(struct interval outer, struct interval inner)
{
    return interval_valid(outer) && interval_valid(inner) &&
           outer.start <= inner.start && inner.end <= outer.end;
}

int64_t interval_length(struct interval a)
{
    return interval_valid(a) ? a.end - a.start : 0;
}
