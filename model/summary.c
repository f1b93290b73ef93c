/* summary.c - summary arithmetic (see summary.h). */
#include "summary.h"

#include <stdlib.h>

void summary_count_add(struct summary_counts *c, enum appt_status s,
                       int started, long n)
{
    switch (s) {
    case APPT_UNKNOWN:
        if (started)
            c->to_fill_in += n;
        else
            c->upcoming += n;
        break;
    case APPT_SEEN: c->seen += n; break;
    case APPT_EXCUSED: c->excused += n; break;
    case APPT_REVOKED: c->revoked += n; break;
    case APPT_NOSHOW: c->noshow += n; break;
    default: return;
    }
    c->booked += n;
}

void summary_counts_merge(struct summary_counts *a,
                          const struct summary_counts *b)
{
    a->booked += b->booked;
    a->seen += b->seen;
    a->noshow += b->noshow;
    a->excused += b->excused;
    a->revoked += b->revoked;
    a->to_fill_in += b->to_fill_in;
    a->upcoming += b->upcoming;
}

double summary_noshow_rate(long seen, long noshow)
{
    if (seen < 0 || noshow < 0 || seen + noshow == 0)
        return -1;
    return (double)noshow / (double)(seen + noshow);
}

double summary_counts_noshow_rate(const struct summary_counts *c)
{
    return summary_noshow_rate(c->seen, c->noshow);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

double summary_median(int *values, size_t n)
{
    if (n == 0)
        return -1;
    qsort(values, n, sizeof *values, cmp_int);
    if (n % 2)
        return values[n / 2];
    return ((double)values[n / 2 - 1] + (double)values[n / 2]) / 2.0;
}

int summary_p90(int *values, size_t n)
{
    if (n == 0)
        return -1;
    qsort(values, n, sizeof *values, cmp_int);
    /* rank = ceil(0.9 n) in integers: (9 n + 9) / 10 */
    size_t rank = (9 * n + 9) / 10;
    return values[rank - 1];
}

void summary_shares(const struct summary_counts *c, int permille[SUMMARY_SHARES])
{
    long parts[SUMMARY_SHARES] = {c->seen, c->noshow, c->excused, c->revoked,
                                  c->to_fill_in, c->upcoming};
    long total = 0;
    for (int i = 0; i < SUMMARY_SHARES; i++)
        total += parts[i] > 0 ? parts[i] : 0;
    long rest[SUMMARY_SHARES];
    int given = 0;
    for (int i = 0; i < SUMMARY_SHARES; i++) {
        long p = parts[i] > 0 ? parts[i] : 0;
        permille[i] = total ? (int)(p * 1000 / total) : 0;
        rest[i] = total ? p * 1000 % total : 0;
        given += permille[i];
    }
    /* Largest remainders first; ties go to the earlier status. */
    while (total && given < 1000) {
        int best = 0;
        for (int i = 1; i < SUMMARY_SHARES; i++)
            if (rest[i] > rest[best])
                best = i;
        permille[best]++;
        rest[best] = -1;
        given++;
    }
}

struct civil_date summary_week_start(struct civil_date d)
{
    struct civil_date out = d;
    civil_date_add_days(d, -((int)civil_weekday(d) - 1), &out);
    return out;
}
