/* risk_metrics.c - how good are the scores on appointments not fitted on.
 *
 *   AUC          probability that a no-show scores above a seen appointment,
 *                ties counted half (Mann-Whitney U over mid-ranks);
 *   Brier        mean (p - y)^2; the base-rate Brier forecasts the training
 *                rate for everyone: a model must do better than that;
 *   log loss     mean -log p(y), p clipped to [1e-12, 1 - 1e-12];
 *   ECE          expected calibration error: over 10 equal-width bins of p,
 *                the row-weighted mean |mean p - observed rate|;
 *   top k %      the ceil(k n / 100) highest scores (ties by input order):
 *                share that were no-shows, share of all no-shows caught. */
#include "risk.h"

#include <math.h>
#include <stdlib.h>

struct ranked {
    double p;
    size_t index;
};

static int by_score(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* AUC of the rows with keep[i] (all when keep is NULL), -2 out of memory. */
static double auc_of(const double *p, const int *y, const int *drop, size_t n)
{
    struct ranked *r = malloc((n ? n : 1) * sizeof *r);
    if (!r)
        return -2.0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!drop || !drop[i])
            r[m++] = (struct ranked){p[i], i};
    qsort(r, m, sizeof *r, by_score);
    double rank_sum = 0.0;
    size_t pos = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && r[j].p == r[i].p)
            j++;
        double mid = 0.5 * (double)(i + 1 + j); /* mean of ranks i+1..j */
        for (size_t k = i; k < j; k++)
            if (y[r[k].index]) {
                rank_sum += mid;
                pos++;
            }
        i = j;
    }
    free(r);
    size_t neg = m - pos;
    if (pos == 0 || neg == 0)
        return NAN;
    return (rank_sum - 0.5 * (double)pos * (double)(pos + 1)) /
           ((double)pos * (double)neg);
}

double risk_auc(const double *p, const int *y, size_t n)
{
    double a = auc_of(p, y, NULL, n);
    return a == -2.0 ? NAN : a;
}

static void top_share(const struct ranked *desc, size_t n, const int *y,
                      size_t positives, int percent, double *precision,
                      double *recall)
{
    size_t k = ((size_t)percent * n + 99) / 100;
    size_t hits = 0;
    for (size_t i = 0; i < k; i++)
        hits += y[desc[i].index] != 0;
    *precision = k ? (double)hits / (double)k : NAN;
    *recall = positives ? (double)hits / (double)positives : NAN;
}

static int by_score_desc(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->p != y->p)
        return x->p > y->p ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

int risk_metrics_compute(const double *p, const int *y, const int *same_day,
                         size_t n, double base_rate, struct risk_metrics *out)
{
    *out = (struct risk_metrics){0};
    out->n = n;
    double brier = 0, base = 0, loss = 0;
    double bin_p[RISK_CALIBRATION_BINS] = {0}, bin_y[RISK_CALIBRATION_BINS] = {0};
    for (size_t i = 0; i < n; i++) {
        double q = p[i], t = y[i] ? 1.0 : 0.0;
        out->positives += y[i] != 0;
        brier += (q - t) * (q - t);
        base += (base_rate - t) * (base_rate - t);
        double c = q < 1e-12 ? 1e-12 : q > 1 - 1e-12 ? 1 - 1e-12 : q;
        loss -= y[i] ? log(c) : log(1 - c);
        int bin = (int)(q * RISK_CALIBRATION_BINS);
        bin = bin < 0 ? 0 : bin >= RISK_CALIBRATION_BINS ? RISK_CALIBRATION_BINS - 1 : bin;
        out->calibration[bin].n++;
        bin_p[bin] += q;
        bin_y[bin] += t;
    }
    double dn = n ? (double)n : 1.0;
    out->brier = n ? brier / dn : NAN;
    out->brier_base = n ? base / dn : NAN;
    out->log_loss = n ? loss / dn : NAN;
    double ece = 0;
    for (int b = 0; b < RISK_CALIBRATION_BINS; b++) {
        struct risk_calibration_bin *c = &out->calibration[b];
        if (!c->n)
            continue;
        c->mean_predicted = bin_p[b] / (double)c->n;
        c->observed = bin_y[b] / (double)c->n;
        ece += (double)c->n / dn * fabs(c->mean_predicted - c->observed);
    }
    out->ece = n ? ece : NAN;

    out->auc = auc_of(p, y, NULL, n);
    out->auc_not_same_day = same_day ? auc_of(p, y, same_day, n) : out->auc;
    if (out->auc == -2.0 || out->auc_not_same_day == -2.0)
        return -1;

    struct ranked *r = malloc((n ? n : 1) * sizeof *r);
    if (!r)
        return -1;
    for (size_t i = 0; i < n; i++)
        r[i] = (struct ranked){p[i], i};
    qsort(r, n, sizeof *r, by_score_desc);
    top_share(r, n, y, out->positives, 10, &out->precision_top10, &out->recall_top10);
    top_share(r, n, y, out->positives, 20, &out->precision_top20, &out->recall_top20);
    free(r);
    return 0;
}
