/* risk_fit.c - regularised logistic regression by Newton/IRLS.
 *
 * Features are standardised on the training rows (so one L2 penalty suits
 * them all; the intercept is not penalised), the Newton step solves
 * (X'WX + lambda I) d = X'(y - p) - lambda b by Cholesky, with step halving
 * should the penalised likelihood ever go down. Rows are summed in (start,
 * id) order, so reordering the input changes nothing, to the last bit.
 * The coefficients are then given back in the features' own units, around
 * the training means (struct risk_model). */
#include "risk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LAMBDA 2.0
#define MAX_ITER 40
#define TOLERANCE 1e-7
/* The extended set must lower the held-out log loss by this much per row. */
#define EXTENDED_GAIN 0.0005

static const char *const feature_names[RISK_FEATURES] = {
    [RF_PERSON_RATE] = "person_rate", [RF_PRIOR_COUNT] = "prior_count",
    [RF_LAST_NOSHOW] = "last_noshow", [RF_LOG_LEAD] = "log_lead",
    [RF_SAME_DAY] = "same_day", [RF_LEAD_UNKNOWN] = "lead_unknown",
    [RF_REMINDER] = "reminder", [RF_AGE_UNDER_25] = "age_under_25",
    [RF_AGE_40_59] = "age_40_59", [RF_AGE_60_PLUS] = "age_60_plus",
    [RF_AGE_UNKNOWN] = "age_unknown", [RF_SEX_M] = "sex_m",
    [RF_SEX_UNKNOWN] = "sex_unknown", [RF_TUESDAY] = "tuesday",
    [RF_WEDNESDAY] = "wednesday", [RF_THURSDAY] = "thursday",
    [RF_FRIDAY] = "friday", [RF_SATURDAY] = "saturday",
    [RF_BEFORE_10] = "before_10", [RF_NOON] = "noon",
    [RF_AFTERNOON] = "afternoon", [RF_AFTER_16] = "after_16",
    [RF_BOOKED_AFTERNOON] = "booked_afternoon", [RF_SITE_RATE] = "site_rate",
    [RF_MOTIF_RATE] = "motif_rate", [RF_AGENT_RATE] = "agent_rate",
    [RF_LEAD_8_30] = "lead_8_30", [RF_LEAD_31_PLUS] = "lead_31_plus",
    [RF_LEAD_X_REMINDER] = "lead_x_reminder",
};

const char *risk_feature_name(enum risk_feature f)
{
    return (unsigned)f < RISK_FEATURES ? feature_names[f] : NULL;
}

int risk_feature_parse(const char *name, enum risk_feature *out)
{
    for (int f = 0; f < RISK_FEATURES; f++)
        if (name && strcmp(name, feature_names[f]) == 0) {
            *out = (enum risk_feature)f;
            return 0;
        }
    return -1;
}

/* Published evidence (DESIGN.md §8): prior no-shows and lead time first,
 * reminders help; about one appointment in six missed. Raw units. */
void risk_model_default(struct risk_model *m)
{
    memset(m, 0, sizeof *m);
    m->is_default = 1;
    m->intercept = -1.6;
    m->beta[RF_PERSON_RATE] = 0.9;
    m->beta[RF_LAST_NOSHOW] = 0.4;
    m->beta[RF_LOG_LEAD] = 0.35;
    m->ref[RF_LOG_LEAD] = log1p(7.0);
    m->beta[RF_SAME_DAY] = -0.3;
    m->beta[RF_REMINDER] = -0.3;
    m->ref[RF_REMINDER] = 0.5;
    m->beta[RF_AGE_UNDER_25] = 0.3;
    m->beta[RF_AGE_60_PLUS] = -0.3;
    m->beta[RF_SITE_RATE] = 1.0;
    m->beta[RF_MOTIF_RATE] = 1.0;
    m->beta[RF_AGENT_RATE] = 0.5;
}

double risk_score(const struct risk_model *m, const struct risk_row *r)
{
    double eta = m->intercept;
    for (int j = 0; j < RISK_FEATURES; j++)
        eta += m->beta[j] * ((double)r->x[j] - m->ref[j]);
    return 1.0 / (1.0 + exp(-eta));
}

struct sorted {
    int64_t starts, id;
    const struct risk_row *row;
};

static int sorted_cmp(const void *a, const void *b)
{
    const struct sorted *x = a, *y = b;
    if (x->starts != y->starts)
        return x->starts < y->starts ? -1 : 1;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return 0;
}

/* Rows with use[i] (or every labelled row when use is NULL), in canonical
 * order. */
static struct sorted *canonical(const struct risk_row *rows, size_t n,
                                const unsigned char *use, size_t *count)
{
    struct sorted *s = malloc((n ? n : 1) * sizeof *s);
    if (!s)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].label >= 0 && (!use || use[i]))
            s[k++] = (struct sorted){rows[i].starts, rows[i].id, &rows[i]};
    qsort(s, k, sizeof *s, sorted_cmp);
    *count = k;
    return s;
}

/* Solves A x = b for a symmetric positive definite A (dim d, upper part
 * filled) by Cholesky; returns -1 when A is not positive definite. */
static int cholesky_solve(double *a, double *b, int d)
{
    for (int j = 0; j < d; j++) {
        for (int i = j + 1; i < d; i++)
            a[i * d + j] = a[j * d + i];
    }
    for (int j = 0; j < d; j++) {
        double s = a[j * d + j];
        for (int k = 0; k < j; k++)
            s -= a[j * d + k] * a[j * d + k];
        if (!(s > 1e-12))
            return -1;
        a[j * d + j] = sqrt(s);
        for (int i = j + 1; i < d; i++) {
            double t = a[i * d + j];
            for (int k = 0; k < j; k++)
                t -= a[i * d + k] * a[j * d + k];
            a[i * d + j] = t / a[j * d + j];
        }
    }
    for (int i = 0; i < d; i++) {
        double t = b[i];
        for (int k = 0; k < i; k++)
            t -= a[i * d + k] * b[k];
        b[i] = t / a[i * d + i];
    }
    for (int i = d - 1; i >= 0; i--) {
        double t = b[i];
        for (int k = i + 1; k < d; k++)
            t -= a[k * d + i] * b[k];
        b[i] = t / a[i * d + i];
    }
    return 0;
}

enum { MAX_DIM = RISK_FEATURES + 1 };

struct problem {
    const struct sorted *rows;
    size_t n;
    int d;                      /* intercept + active features */
    int feature[MAX_DIM];       /* column -> feature (column 0: intercept) */
    double mean[MAX_DIM], sd[MAX_DIM];
};

/* Penalised log-likelihood at b (standardised coefficients); with
 * grad/hess, also its derivatives. The sums run over the raw features,
 * skipping zeros (most indicators are 0), and are standardised afterwards:
 * with z = (x - m) / s, sum w z_j z_k = (S_jk - m_j S_k - m_k S_j
 * + m_j m_k S) / (s_j s_k), where S = sum w, S_j = sum w x_j,
 * S_jk = sum w x_j x_k. Same result, a fifth of the work. */
static double evaluate(const struct problem *pb, const double *b, double *grad,
                       double *hess)
{
    int d = pb->d;
    /* raw coefficients: eta = b0 + sum b_j (x_j - m_j) / s_j */
    double raw[MAX_DIM], b0 = b[0];
    for (int c = 1; c < d; c++) {
        raw[c] = b[c] / pb->sd[c];
        b0 -= raw[c] * pb->mean[c];
    }
    double s0 = 0.0, g0 = 0.0, ll = 0.0;
    double s1[MAX_DIM] = {0}, g1[MAX_DIM] = {0};
    double *s2 = hess; /* raw sums first, in place */
    if (grad)
        memset(s2, 0, (size_t)d * d * sizeof *s2);
    for (size_t i = 0; i < pb->n; i++) {
        const struct risk_row *r = pb->rows[i].row;
        int nz[MAX_DIM], k = 0;
        double v[MAX_DIM];
        double eta = b0;
        for (int c = 1; c < d; c++) {
            double x = (double)r->x[pb->feature[c]];
            if (x != 0.0) {
                nz[k] = c;
                v[k++] = x;
                eta += raw[c] * x;
            }
        }
        /* one exp for both p and log(1 + e^eta), without overflow */
        double e = exp(-fabs(eta));
        double p = eta >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        int y = r->label;
        ll += y * eta - ((eta > 0 ? eta : 0.0) + log1p(e));
        if (!grad)
            continue;
        double w = p * (1.0 - p), err = y - p;
        s0 += w;
        g0 += err;
        for (int a = 0; a < k; a++) {
            double wx = w * v[a];
            s1[nz[a]] += wx;
            g1[nz[a]] += err * v[a];
            double *row = &s2[nz[a] * d];
            for (int c = a; c < k; c++)
                row[nz[c]] += wx * v[c];
        }
    }
    if (grad) {
        const double *m = pb->mean, *sd = pb->sd;
        grad[0] = g0;
        hess[0] = s0;
        for (int j = 1; j < d; j++) {
            grad[j] = (g1[j] - m[j] * g0) / sd[j];
            hess[j] = (s1[j] - m[j] * s0) / sd[j]; /* row 0 */
            for (int k = j; k < d; k++)
                hess[j * d + k] = (s2[j * d + k] - m[j] * s1[k] - m[k] * s1[j] +
                                   m[j] * m[k] * s0) / (sd[j] * sd[k]);
        }
    }
    for (int c = 1; c < d; c++) {
        ll -= 0.5 * LAMBDA * b[c] * b[c];
        if (grad) {
            grad[c] -= LAMBDA * b[c];
            hess[c * d + c] += LAMBDA;
        }
    }
    return ll;
}

static int newton(const struct problem *pb, double *b)
{
    int d = pb->d;
    double grad[MAX_DIM] = {0}, prev[MAX_DIM] = {0}, step[MAX_DIM] = {0};
    double *hess = malloc((size_t)d * d * sizeof *hess);
    if (!hess)
        return -1;
    double best = -INFINITY;
    int halvings = 0, rc = -1;
    for (int iter = 0; iter < MAX_ITER + 30; iter++) {
        double obj = evaluate(pb, b, grad, hess);
        if (!isfinite(obj))
            break;
        if (obj < best - 1e-9) {
            /* overshot: go halfway back */
            if (++halvings > 30)
                break;
            for (int c = 0; c < d; c++)
                b[c] = 0.5 * (b[c] + prev[c]);
            continue;
        }
        best = obj;
        memcpy(step, grad, (size_t)d * sizeof *step);
        if (cholesky_solve(hess, step, d) != 0)
            break;
        double largest = 0.0;
        for (int c = 0; c < d; c++) {
            prev[c] = b[c];
            b[c] += step[c];
            if (fabs(step[c]) > largest)
                largest = fabs(step[c]);
        }
        if (largest < TOLERANCE) {
            rc = 0;
            break;
        }
        if (iter >= MAX_ITER) {
            rc = 0; /* close enough: the penalty makes the optimum flat */
            break;
        }
    }
    free(hess);
    return rc;
}

/* Fits on rows[0..n) (canonical order) with the given set; `start` (may
 * be NULL) is a model to begin Newton's steps from. */
static int fit_sorted(const struct sorted *rows, size_t n, int extended,
                      const struct risk_model *start, struct risk_model *m)
{
    struct problem pb = {.rows = rows, .n = n, .d = 1};
    size_t noshows = 0;
    for (size_t i = 0; i < n; i++)
        noshows += rows[i].row->label == 1;
    int limit = extended ? RISK_FEATURES : RISK_BASE_FEATURES;
    /* one pass over the rows for every mean and spread */
    double sum[RISK_FEATURES] = {0}, sq[RISK_FEATURES] = {0};
    for (size_t i = 0; i < n; i++) {
        const float *x = rows[i].row->x;
        for (int f = 0; f < limit; f++) {
            sum[f] += x[f];
            sq[f] += (double)x[f] * x[f];
        }
    }
    for (int f = 0; f < limit; f++) {
        double mean = n ? sum[f] / (double)n : 0.0;
        double var = n ? sq[f] / (double)n - mean * mean : 0.0;
        double sd = var > 0 ? sqrt(var) : 0.0;
        if (sd < 1e-6)
            continue; /* constant here: nothing to learn */
        pb.feature[pb.d] = f;
        pb.mean[pb.d] = mean;
        pb.sd[pb.d] = sd;
        pb.d++;
    }
    double b[MAX_DIM] = {0};
    double rate = n ? ((double)noshows + 0.5) / ((double)n + 1.0) : 0.5;
    b[0] = log(rate / (1.0 - rate));
    if (start) {
        /* the same predictions, in this problem's standardised units */
        b[0] = start->intercept;
        for (int c = 1; c < pb.d; c++) {
            int f = pb.feature[c];
            b[c] = start->beta[f] * pb.sd[c];
            b[0] += start->beta[f] * (pb.mean[c] - start->ref[f]);
        }
    }
    if (newton(&pb, b) != 0)
        return -1;
    memset(m, 0, sizeof *m);
    m->intercept = b[0];
    for (int c = 1; c < pb.d; c++) {
        m->beta[pb.feature[c]] = b[c] / pb.sd[c];
        m->ref[pb.feature[c]] = pb.mean[c];
    }
    m->extended = extended;
    m->n_train = n;
    m->n_noshow = noshows;
    return 0;
}

int risk_fit_set(const struct risk_row *rows, size_t n, const unsigned char *use,
                 int extended, struct risk_model *m)
{
    size_t k;
    struct sorted *s = canonical(rows, n, use, &k);
    if (!s)
        return -1;
    int rc = fit_sorted(s, k, extended, NULL, m);
    free(s);
    return rc;
}

static double log_loss_of(const struct risk_model *m, const struct sorted *rows, size_t n)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double p = risk_score(m, rows[i].row);
        p = p < 1e-12 ? 1e-12 : p > 1 - 1e-12 ? 1 - 1e-12 : p;
        sum -= rows[i].row->label ? log(p) : log(1 - p);
    }
    return n ? sum / (double)n : 0.0;
}

int risk_fit(const struct risk_row *rows, size_t n, int64_t until,
             struct risk_model *m)
{
    unsigned char *use = malloc(n ? n : 1);
    if (!use) {
        risk_model_default(m);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        use[i] = rows[i].label >= 0 && rows[i].starts < until;
    size_t k;
    struct sorted *s = canonical(rows, n, use, &k);
    free(use);
    if (!s) {
        risk_model_default(m);
        return -1;
    }
    size_t noshows = 0;
    for (size_t i = 0; i < k; i++)
        noshows += s[i].row->label == 1;
    if (k < RISK_MIN_TRAIN || noshows < RISK_MIN_NOSHOWS) {
        free(s);
        risk_model_default(m);
        m->n_train = k;
        m->n_noshow = noshows;
        return 0;
    }
    /* Held-out time split: the latest fifth, cut between two minutes. */
    size_t cut = k - k / 5;
    while (cut > 0 && cut < k && s[cut].starts == s[cut - 1].starts)
        cut++;
    int extended = 0, held_out = 0;
    struct risk_model base, ext;
    if (cut >= RISK_MIN_TRAIN && k - cut >= 100 && fit_sorted(s, cut, 0, NULL, &base) == 0 &&
        fit_sorted(s, cut, 1, &base, &ext) == 0) {
        held_out = 1;
        extended = log_loss_of(&ext, s + cut, k - cut) <
                   log_loss_of(&base, s + cut, k - cut) - EXTENDED_GAIN;
    }
    int rc = fit_sorted(s, k, extended, held_out ? (extended ? &ext : &base) : NULL, m);
    free(s);
    if (rc != 0) {
        risk_model_default(m);
        m->n_train = k;
        m->n_noshow = noshows;
    }
    return rc;
}
