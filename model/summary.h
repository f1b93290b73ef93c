/* summary.h - the arithmetic of the supervisors' summaries: status counts
 * and their no-show rate, medians and 90th percentiles of waiting times,
 * week buckets. Pure C11; no I/O.
 *
 * Definitions (also in docs/report-json.md, so that figures can be rebuilt
 * in a spreadsheet):
 *   - booked: every appointment starting in the period, whatever its status;
 *     booked = seen + noshow + excused + revoked + to_fill_in + upcoming.
 *   - to_fill_in: status still unknown and start time passed; upcoming:
 *     unknown and not started yet.
 *   - no-show rate = noshow / (seen + noshow): among appointments whose
 *     outcome is known and that were not cancelled (cancelled ones free the
 *     slot, unknown ones have no outcome yet). Undefined when seen + noshow
 *     is 0.
 *   - median: the middle value, or the mean of the two middle values.
 *   - 90th percentile: nearest rank, the ceil(0.9 n)-th smallest value (so
 *     at least 90 % of the waits are shorter or equal, and it is always a
 *     waiting time that happened). */
#ifndef GUICHET_MODEL_SUMMARY_H
#define GUICHET_MODEL_SUMMARY_H

#include <stddef.h>

#include "appointment.h"
#include "civil.h"

struct summary_counts {
    long booked;
    long seen;
    long noshow;
    long excused;
    long revoked;
    long to_fill_in;
    long upcoming;
};

/* Adds `n` appointments of status `s`; `started` tells for unknown ones
 * whether their start time has passed. Invalid statuses are ignored. */
void summary_count_add(struct summary_counts *c, enum appt_status s,
                       int started, long n);
/* Adds every field of `b` into `a`. */
void summary_counts_merge(struct summary_counts *a,
                          const struct summary_counts *b);

/* No-show rate in [0, 1]; -1 when seen + noshow is 0. */
double summary_noshow_rate(long seen, long noshow);
double summary_counts_noshow_rate(const struct summary_counts *c);

/* Median and nearest-rank 90th percentile of `n` values, which are sorted
 * in place. Return -1 when n is 0. */
double summary_median(int *values, size_t n);
int summary_p90(int *values, size_t n);

/* Shares of the statuses of `c` out of c->booked, in per mille, rounded so
 * that they add up to exactly 1000 (largest remainder); all 0 when nothing
 * was booked. Order: seen, noshow, excused, revoked, to_fill_in, upcoming. */
enum { SUMMARY_SHARES = 6 };
void summary_shares(const struct summary_counts *c, int permille[SUMMARY_SHARES]);

/* The Monday of the ISO week holding `d`. */
struct civil_date summary_week_start(struct civil_date d);

#endif
