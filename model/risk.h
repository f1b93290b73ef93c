/* risk.h - the no-show ("lapin") risk of an appointment.
 *
 * A regularised logistic regression on facts known before the appointment
 * (DESIGN.md §8):
 *   risk_features.c  one sweep in time order turns appointments into feature
 *                    rows; an appointment's features only use outcomes dated
 *                    strictly before its start (leakage-free by design, for
 *                    the training, test and upcoming rows alike);
 *   risk_fit.c       Newton/IRLS with an L2 penalty on standardised
 *                    features, default coefficients when history is small,
 *                    the choice of an extended feature set only when a
 *                    held-out time split confirms it;
 *   risk_reasons.c   a score's reasons as odds multipliers, in words;
 *   risk_metrics.c   AUC, Brier, log loss, calibration, top-k precision.
 * Results do not depend on the order of the input: rows are processed in
 * (start, id) order. Pure C11 + libc (gettext for the words). */
#ifndef GUICHET_MODEL_RISK_H
#define GUICHET_MODEL_RISK_H

#include <stddef.h>
#include <stdint.h>

#include "civil.h"

/* What happened: only seen (0) and noshow (1) are labels. Unknown (still to
 * come or to fill in) and cancelled appointments teach nothing. */
enum risk_outcome { RISK_OUTCOME_NONE = 0, RISK_OUTCOME_SEEN, RISK_OUTCOME_NOSHOW };

enum risk_sex { RISK_SEX_UNKNOWN = 0, RISK_SEX_F, RISK_SEX_M };

/* One appointment as the model sees it. */
struct risk_appt {
    int64_t id;
    int64_t person_id;            /* 0 = no person */
    int64_t site_id, motif_id, agent_id;
    struct civil_datetime starts;
    struct civil_datetime booked; /* date.year == 0: booking time unknown */
    int reminder_sent;            /* 1 when a reminder went out before */
    enum risk_sex sex;
    struct civil_date birth;      /* year == 0: unknown */
    enum risk_outcome outcome;
};

/* Features. The first RISK_BASE_FEATURES form the baseline; the others
 * (lead-time bins, lead x reminder) are the extended set. */
enum risk_feature {
    RF_PERSON_RATE,      /* logit(person's smoothed rate) - logit(site's) */
    RF_PRIOR_COUNT,      /* log(1 + prior appointments with an outcome) */
    RF_LAST_NOSHOW,      /* the last known outcome was a no-show */
    RF_LOG_LEAD,         /* log(1 + days between booking and start) */
    RF_SAME_DAY,
    RF_LEAD_UNKNOWN,
    RF_REMINDER,
    RF_AGE_UNDER_25, RF_AGE_40_59, RF_AGE_60_PLUS, RF_AGE_UNKNOWN, /* ref 25-39 */
    RF_SEX_M, RF_SEX_UNKNOWN,                                      /* ref F */
    RF_TUESDAY, RF_WEDNESDAY, RF_THURSDAY, RF_FRIDAY, RF_SATURDAY, /* ref Mon */
    RF_BEFORE_10, RF_NOON, RF_AFTERNOON, RF_AFTER_16,  /* ref 10:00-12:00 */
    RF_BOOKED_AFTERNOON, /* booked at or after 12:00 */
    RF_SITE_RATE,        /* logit(site's smoothed rate) - logit(overall) */
    RF_MOTIF_RATE,
    RF_AGENT_RATE,
    RISK_BASE_FEATURES,
    RF_LEAD_8_30 = RISK_BASE_FEATURES,
    RF_LEAD_31_PLUS,
    RF_LEAD_X_REMINDER,  /* log lead when a reminder was sent */
    RISK_FEATURES
};

/* The facts behind a row's features, kept for the words of its reasons. */
struct risk_facts {
    int prior_count;     /* earlier appointments with an outcome */
    int prior_noshows;
    int last_noshow;
    int lead_days;       /* -1 unknown */
    int reminder_sent;
    int age;             /* years at the appointment, -1 unknown */
    enum risk_sex sex;
    int weekday;         /* 1 = Monday */
    int minute;          /* start, minutes since midnight */
    double site_rate, motif_rate, agent_rate; /* smoothed, 0..1 */
};

struct risk_row {
    int64_t id;
    int64_t starts;      /* civil minutes (civil_datetime_to_minutes) */
    int label;           /* -1 no label, 0 seen, 1 no-show */
    float x[RISK_FEATURES];
    struct risk_facts facts;
};

/* Builds out[i] for in[i]. Returns 0, -1 when out of memory. */
int risk_features_build(const struct risk_appt *in, size_t n,
                        struct risk_row *out);

/* Outcomes counted so far for a person, site, motif or agent, or overall.
 * last_noshow: the latest one (in (start, id) order) was a no-show. */
struct risk_tally {
    int n, noshows, last_noshow;
};
/* Adds one outcome, the latest so far. */
void risk_tally_add(struct risk_tally *t, int noshow);
/* The features of one appointment from the outcomes of the appointments
 * that started before it (the same computation risk_features_build makes
 * in its sweep), for a caller that keeps the counts elsewhere: the scores
 * of a day need only that day's rows and the counts. */
void risk_features_one(const struct risk_appt *a, const struct risk_tally *overall,
                       const struct risk_tally *site, const struct risk_tally *motif,
                       const struct risk_tally *agent, const struct risk_tally *person,
                       struct risk_row *out);

/* logit p = intercept + sum beta[j] * (x[j] - ref[j]). */
struct risk_model {
    double intercept;
    double beta[RISK_FEATURES];
    double ref[RISK_FEATURES];  /* the training means: "an average case" */
    int extended;               /* 1 when the extended features are in */
    int is_default;             /* 1: too little history, built-in values */
    size_t n_train;             /* labelled rows fitted on */
    size_t n_noshow;
};

/* Below these, risk_fit returns the defaults. */
enum { RISK_MIN_TRAIN = 300, RISK_MIN_NOSHOWS = 30 };

void risk_model_default(struct risk_model *m);
/* Fits on the rows with a label whose start is < until (INT64_MAX: all).
 * Chooses the extended set only when it lowers the log loss on the latest
 * fifth of those rows, fitted on the earlier four fifths. Returns 0, -1
 * when out of memory or numerically hopeless (m then holds the defaults). */
int risk_fit(const struct risk_row *rows, size_t n, int64_t until,
             struct risk_model *m);
/* Fits exactly the given feature set (no choice) on a row mask. */
int risk_fit_set(const struct risk_row *rows, size_t n, const unsigned char *use,
                 int extended, struct risk_model *m);
double risk_score(const struct risk_model *m, const struct risk_row *r);

/* Names of the coefficients, stable (stored in the database). */
const char *risk_feature_name(enum risk_feature f);
int risk_feature_parse(const char *name, enum risk_feature *out);

/* ---- reasons ---------------------------------------------------------- */

enum risk_reason_kind {
    RISK_REASON_HISTORY, RISK_REASON_LEAD, RISK_REASON_REMINDER,
    RISK_REASON_AGE, RISK_REASON_SEX, RISK_REASON_WEEKDAY, RISK_REASON_TIME,
    RISK_REASON_BOOKED_AFTERNOON, RISK_REASON_SITE, RISK_REASON_MOTIF,
    RISK_REASON_AGENT, RISK_REASON_COUNT
};

struct risk_reason {
    enum risk_reason_kind kind;
    double multiplier;   /* odds multiplier against an average case */
};

/* The reasons that raise the odds the most (multiplier >= 1.1), largest
 * first; returns how many (<= max). */
size_t risk_reasons(const struct risk_model *m, const struct risk_row *r,
                    struct risk_reason *out, size_t max);
/* "3 no-shows out of 5 before", "booked 40 days ahead" (translated). */
void risk_reason_words(const struct risk_reason *reason,
                       const struct risk_facts *f, char *buf, size_t size);
/* "3 no-shows out of 5 before ×2.1; booked 40 days ahead ×1.6" */
void risk_reasons_text(const struct risk_model *m, const struct risk_row *r,
                       size_t max, char *buf, size_t size);

/* ---- metrics ---------------------------------------------------------- */

enum { RISK_CALIBRATION_BINS = 10 };

struct risk_calibration_bin {
    size_t n;
    double mean_predicted;
    double observed;     /* share of no-shows */
};

struct risk_metrics {
    double auc, auc_not_same_day;  /* NaN when one class is missing */
    double brier, brier_base;      /* brier_base: always the base rate */
    double log_loss, ece;
    double precision_top10, recall_top10, precision_top20, recall_top20;
    size_t n;
    size_t positives;
    struct risk_calibration_bin calibration[RISK_CALIBRATION_BINS];
};

/* AUC with ties counted half (Mann-Whitney); NaN without both classes. */
double risk_auc(const double *p, const int *y, size_t n);
/* p: predictions, y: labels 0/1, same_day: 1 for same-day bookings (may be
 * NULL), base_rate: the forecast brier_base uses (the training rate).
 * Returns 0, -1 when out of memory. */
int risk_metrics_compute(const double *p, const int *y, const int *same_day,
                         size_t n, double base_rate, struct risk_metrics *out);

#endif
