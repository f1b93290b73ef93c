/* test_risk.c - the no-show model: features never see the future, the fit
 * recovers planted effects and ignores input order, metrics match hand
 * computations, reasons read as words. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/risk.h"

/* ---- a generator with known effects ------------------------------------ */

static uint64_t rng_state;
static double unit(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}
static int below(int n) { return (int)(unit() * n); }

struct truth {
    double lead;          /* per log(1 + lead days) */
    double reminder;
    double under_25;
    double lead_x_reminder;
};

/* n appointments of `people` persons over ~2 years, one every few minutes
 * of opening time; the person's hidden propensity makes prior no-shows
 * predictive. */
static struct risk_appt *generate(size_t n, int people, struct truth t,
                                  uint64_t seed)
{
    rng_state = seed;
    struct risk_appt *a = calloc(n, sizeof *a);
    double *propensity = malloc((size_t)people * sizeof *propensity);
    int *age = malloc((size_t)people * sizeof *age);
    assert_non_null(a);
    for (int p = 0; p < people; p++) {
        propensity[p] = unit() < 0.2 ? 1.6 : -0.4;
        age[p] = 18 + below(60);
    }
    struct civil_date day0 = {2024, 1, 1};
    for (size_t i = 0; i < n; i++) {
        int p = below(people);
        struct civil_date d;
        civil_date_add_days(day0, (int64_t)(i * 700 / n), &d);
        a[i].id = (int64_t)i + 1;
        a[i].person_id = p + 1;
        a[i].site_id = 1 + below(2);
        a[i].motif_id = 1 + below(5);
        a[i].agent_id = 1 + below(6);
        a[i].starts = (struct civil_datetime){d, 8 * 60 + (int)(i % 40) * 15};
        int lead = unit() < 0.1 ? 0 : 1 + below(60);
        struct civil_date b;
        civil_date_add_days(d, -lead, &b);
        a[i].booked = (struct civil_datetime){b, 9 * 60 + below(8 * 60)};
        a[i].reminder_sent = unit() < 0.5;
        a[i].sex = unit() < 0.5 ? RISK_SEX_F : RISK_SEX_M;
        a[i].birth = (struct civil_date){d.year - age[p], 6, 15};
        double eta = -2.2 + propensity[p] + t.lead * log1p(lead) +
                     t.reminder * a[i].reminder_sent +
                     t.lead_x_reminder * a[i].reminder_sent * log1p(lead) +
                     (age[p] < 25 ? t.under_25 : 0.0);
        double pr = 1.0 / (1.0 + exp(-eta));
        double u = unit();
        a[i].outcome = u < 0.05 ? RISK_OUTCOME_NONE /* cancelled */
                       : unit() < pr ? RISK_OUTCOME_NOSHOW : RISK_OUTCOME_SEEN;
    }
    free(propensity);
    free(age);
    return a;
}

static struct risk_row *build(const struct risk_appt *a, size_t n)
{
    struct risk_row *r = calloc(n, sizeof *r);
    assert_non_null(r);
    assert_int_equal(risk_features_build(a, n, r), 0);
    return r;
}

static const struct truth planted = {0.5, -0.7, 0.5, 0.0};

static void test_fit_recovers_planted_effects(void **state)
{
    (void)state;
    size_t n = 30000;
    struct risk_appt *a = generate(n, 4000, planted, 42);
    struct risk_row *r = build(a, n);
    struct risk_model m;
    assert_int_equal(risk_fit_set(r, n, NULL, 0, &m), 0);
    assert_false(m.is_default);
    /* Rough sizes: the hidden propensity is only partly seen through the
     * person's history, and odds ratios shrink towards 1 when part of the
     * variation is unobserved; a person-level effect (age) also travels
     * partly through that history. Signs must be right, sizes near. */
    assert_true(m.beta[RF_LOG_LEAD] > 0.3 && m.beta[RF_LOG_LEAD] < 0.7);
    assert_true(m.beta[RF_REMINDER] < -0.4 && m.beta[RF_REMINDER] > -0.9);
    assert_true(m.beta[RF_AGE_UNDER_25] > 0.15 && m.beta[RF_AGE_UNDER_25] < 0.75);
    assert_true(m.beta[RF_PERSON_RATE] > 0.3);
    /* nothing planted on sex or weekday */
    assert_true(fabs(m.beta[RF_SEX_M]) < 0.15);
    assert_true(fabs(m.beta[RF_FRIDAY]) < 0.25);
    free(a);
    free(r);
}

static void test_reordered_input_same_model(void **state)
{
    (void)state;
    size_t n = 8000;
    struct risk_appt *a = generate(n, 1500, planted, 7);
    struct risk_row *r = build(a, n);
    struct risk_model m1, m2;
    assert_int_equal(risk_fit(r, n, INT64_MAX, &m1), 0);

    /* reverse, then swap pairs: another order of the same appointments */
    for (size_t i = 0; i < n / 2; i++) {
        struct risk_appt t = a[i];
        a[i] = a[n - 1 - i];
        a[n - 1 - i] = t;
    }
    for (size_t i = 0; i + 1 < n; i += 2) {
        struct risk_appt t = a[i];
        a[i] = a[i + 1];
        a[i + 1] = t;
    }
    struct risk_row *r2 = build(a, n);
    assert_int_equal(risk_fit(r2, n, INT64_MAX, &m2), 0);
    assert_memory_equal(&m1, &m2, sizeof m1);
    /* and each appointment has the same features wherever it sits */
    for (size_t i = 0; i < n; i++) {
        const struct risk_row *x = &r2[i];
        const struct risk_row *y = &r[x->id - 1];
        assert_int_equal(x->id, y->id);
        assert_memory_equal(x->x, y->x, sizeof x->x);
    }
    free(a);
    free(r);
    free(r2);
}

/* Rewriting every outcome dated at or after an appointment changes none of
 * its features. */
static void test_no_feature_uses_later_outcomes(void **state)
{
    (void)state;
    size_t n = 6000;
    struct risk_appt *a = generate(n, 500, planted, 11);
    struct risk_row *before = build(a, n);
    size_t pivot = n / 2;
    int64_t at = civil_datetime_to_minutes(a[pivot].starts);
    for (size_t i = 0; i < n; i++)
        if (civil_datetime_to_minutes(a[i].starts) >= at)
            a[i].outcome = a[i].outcome == RISK_OUTCOME_NOSHOW ? RISK_OUTCOME_SEEN
                                                               : RISK_OUTCOME_NOSHOW;
    struct risk_row *after = build(a, n);
    size_t same = 0, changed = 0;
    for (size_t i = 0; i < n; i++) {
        if (before[i].starts <= at) {
            assert_memory_equal(before[i].x, after[i].x, sizeof before[i].x);
            assert_memory_equal(&before[i].facts, &after[i].facts, sizeof before[i].facts);
            same++;
        } else if (memcmp(before[i].x, after[i].x, sizeof before[i].x) != 0) {
            changed++;
        }
    }
    assert_true(same > n / 3);
    assert_true(changed > n / 3); /* the test can see a leak */
    free(a);
    free(before);
    free(after);
}

/* Two appointments of one person: the second sees the first's no-show, the
 * first sees nothing; one at the same minute sees neither. */
static void test_history_is_strictly_before(void **state)
{
    (void)state;
    struct risk_appt a[3] = {0};
    for (int i = 0; i < 3; i++) {
        a[i].id = i + 1;
        a[i].person_id = 9;
        a[i].site_id = a[i].motif_id = a[i].agent_id = 1;
        a[i].outcome = RISK_OUTCOME_NOSHOW;
    }
    a[0].starts = (struct civil_datetime){{2026, 3, 2}, 600};
    a[1].starts = (struct civil_datetime){{2026, 3, 2}, 600};
    a[2].starts = (struct civil_datetime){{2026, 3, 9}, 600};
    struct risk_row r[3];
    assert_int_equal(risk_features_build(a, 3, r), 0);
    assert_int_equal(r[0].facts.prior_count, 0);
    assert_int_equal(r[1].facts.prior_count, 0);
    assert_int_equal(r[2].facts.prior_count, 2);
    assert_int_equal(r[2].facts.prior_noshows, 2);
    assert_int_equal(r[2].facts.last_noshow, 1);
    assert_true(r[2].x[RF_PERSON_RATE] > 0.5f);
    assert_true(r[0].x[RF_PERSON_RATE] == 0.0f);
    assert_int_equal(r[2].facts.lead_days, -1);
    assert_true(r[2].x[RF_LEAD_UNKNOWN] == 1.0f);
}

static void test_shuffled_labels_auc_near_half(void **state)
{
    (void)state;
    size_t n = 20000;
    struct risk_appt *a = generate(n, 3000, planted, 5);
    /* permute outcomes: any link between facts and labels is gone */
    rng_state = 99;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = (size_t)(unit() * (double)(i + 1));
        enum risk_outcome t = a[i].outcome;
        a[i].outcome = a[j].outcome;
        a[j].outcome = t;
    }
    struct risk_row *r = build(a, n);
    int64_t split = r[n / 2].starts;
    struct risk_model m;
    assert_int_equal(risk_fit(r, n, split, &m), 0);
    double *p = malloc(n * sizeof *p);
    int *y = malloc(n * sizeof *y);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (r[i].starts >= split && r[i].label >= 0) {
            p[k] = risk_score(&m, &r[i]);
            y[k++] = r[i].label;
        }
    double auc = risk_auc(p, y, k);
    assert_true(k > n / 3);
    if (!(auc > 0.45 && auc < 0.55))
        fail_msg("AUC %.3f with shuffled labels", auc);
    free(p);
    free(y);
    free(a);
    free(r);
}

/* Real labels on the same data: the model does see the planted effects. */
static void test_time_split_auc_and_calibration(void **state)
{
    (void)state;
    size_t n = 30000;
    struct risk_appt *a = generate(n, 4000, planted, 3);
    struct risk_row *r = build(a, n);
    int64_t split = r[(n * 3) / 4].starts;
    struct risk_model m;
    assert_int_equal(risk_fit(r, n, split, &m), 0);
    double *p = malloc(n * sizeof *p);
    int *y = malloc(n * sizeof *y);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (r[i].starts >= split && r[i].label >= 0) {
            p[k] = risk_score(&m, &r[i]);
            y[k++] = r[i].label;
        }
    struct risk_metrics mt;
    assert_int_equal(risk_metrics_compute(p, y, NULL, k, 0.25, &mt), 0);
    if (!(mt.auc > 0.65) || !(mt.ece < 0.03) || !(mt.brier < mt.brier_base))
        fail_msg("auc %.3f ece %.3f brier %.4f base %.4f", mt.auc, mt.ece, mt.brier,
                 mt.brier_base);
    free(p);
    free(y);
    free(a);
    free(r);
}

static void test_interaction_chosen_when_held_out_confirms(void **state)
{
    (void)state;
    struct truth t = {0.6, 0.3, 0.0, -0.6}; /* reminders help long leads */
    size_t n = 30000;
    struct risk_appt *a = generate(n, 4000, t, 8);
    struct risk_row *r = build(a, n);
    struct risk_model m;
    assert_int_equal(risk_fit(r, n, INT64_MAX, &m), 0);
    assert_int_equal(m.extended, 1);
    assert_true(m.beta[RF_LEAD_X_REMINDER] < -0.3);
    free(a);
    free(r);
}

static void test_small_history_gets_defaults(void **state)
{
    (void)state;
    size_t n = 120;
    struct risk_appt *a = generate(n, 50, planted, 1);
    struct risk_row *r = build(a, n);
    struct risk_model m;
    assert_int_equal(risk_fit(r, n, INT64_MAX, &m), 0);
    assert_true(m.is_default);
    assert_true(m.n_train > 0 && m.n_train < RISK_MIN_TRAIN);
    /* the defaults rank a repeat no-show above a first visit */
    struct risk_row x = {0}, y = {0};
    x.x[RF_PERSON_RATE] = 1.5f;
    x.x[RF_LAST_NOSHOW] = 1;
    assert_true(risk_score(&m, &x) > risk_score(&m, &y));
    double p = risk_score(&m, &y);
    assert_true(p > 0.05 && p < 0.4);
    free(a);
    free(r);
}

/* ---- metrics on hand-computed cases ------------------------------------ */

static void test_auc_by_hand(void **state)
{
    (void)state;
    double p[] = {0.1, 0.4, 0.35, 0.8};
    int y[] = {0, 0, 1, 1};
    /* pairs (pos, neg): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4: 3 of 4 */
    assert_float_equal(risk_auc(p, y, 4), 0.75, 1e-12);
    double tie[] = {0.5, 0.5, 0.5};
    int ty[] = {0, 1, 0};
    assert_float_equal(risk_auc(tie, ty, 3), 0.5, 1e-12);
    int one[] = {1, 1, 1};
    assert_true(isnan(risk_auc(tie, one, 3)));
    double perfect[] = {0.9, 0.1, 0.8, 0.2};
    int py[] = {1, 0, 1, 0};
    assert_float_equal(risk_auc(perfect, py, 4), 1.0, 1e-12);
}

static void test_brier_logloss_ece_by_hand(void **state)
{
    (void)state;
    double p[] = {0.1, 0.4, 0.35, 0.8};
    int y[] = {0, 0, 1, 1};
    int same_day[] = {0, 1, 0, 0};
    struct risk_metrics m;
    assert_int_equal(risk_metrics_compute(p, y, same_day, 4, 0.5, &m), 0);
    /* (0.01 + 0.16 + 0.4225 + 0.04) / 4 */
    assert_float_equal(m.brier, 0.158125, 1e-12);
    assert_float_equal(m.brier_base, 0.25, 1e-12);
    double ll = -(log(0.9) + log(0.6) + log(0.35) + log(0.8)) / 4;
    assert_float_equal(m.log_loss, ll, 1e-12);
    /* without the same-day 0.4: 0.35>0.1, 0.8>0.1 */
    assert_float_equal(m.auc_not_same_day, 1.0, 1e-12);
    /* bins: 1 -> 0.1 (y 0), 3 -> 0.35 (y 1), 4 -> 0.4 (y 0), 8 -> 0.8 (y 1) */
    double ece = (0.1 + 0.65 + 0.4 + 0.2) / 4;
    assert_float_equal(m.ece, ece, 1e-12);
    assert_int_equal(m.calibration[3].n, 1);
    assert_float_equal(m.calibration[8].observed, 1.0, 1e-12);
    /* top 10 % of 4 = 1 row (0.8, a no-show); top 20 % = 1 row too */
    assert_float_equal(m.precision_top10, 1.0, 1e-12);
    assert_float_equal(m.recall_top10, 0.5, 1e-12);

    double q[10] = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};
    int z[10] = {0, 1, 1, 0, 0, 0, 1, 0, 0, 0};
    assert_int_equal(risk_metrics_compute(q, z, NULL, 10, 0.3, &m), 0);
    assert_float_equal(m.precision_top10, 0.0, 1e-12); /* 0.9 was seen */
    assert_float_equal(m.precision_top20, 0.5, 1e-12);
    assert_float_equal(m.recall_top20, 1.0 / 3.0, 1e-12);
    assert_float_equal(m.brier_base, (3 * 0.49 + 7 * 0.09) / 10, 1e-12);
}

/* ---- reasons ----------------------------------------------------------- */

static void test_reasons_in_words(void **state)
{
    (void)state;
    struct risk_model m;
    risk_model_default(&m);
    struct risk_row r = {0};
    r.facts.prior_count = 5;
    r.facts.prior_noshows = 3;
    r.facts.lead_days = 40;
    r.facts.age = 30;
    r.x[RF_PERSON_RATE] = 1.4f;
    r.x[RF_LOG_LEAD] = (float)log1p(40.0);
    r.x[RF_REMINDER] = 1; /* lowers the odds: not a reason */
    r.facts.reminder_sent = 1;
    char text[512];
    risk_reasons_text(&m, &r, 3, text, sizeof text);
    assert_non_null(strstr(text, "3 no-shows out of 5 before ×"));
    assert_non_null(strstr(text, "booked 40 days ahead ×"));
    assert_null(strstr(text, "reminder"));
    /* history first: it weighs more */
    assert_true(strstr(text, "no-shows") < strstr(text, "booked"));

    struct risk_reason reason = {RISK_REASON_LEAD, 1.5};
    r.facts.lead_days = 0;
    risk_reason_words(&reason, &r.facts, text, sizeof text);
    assert_string_equal(text, "booked the same day");
    reason.kind = RISK_REASON_HISTORY;
    r.facts.prior_noshows = 1;
    r.facts.prior_count = 1;
    r.facts.last_noshow = 1;
    risk_reason_words(&reason, &r.facts, text, sizeof text);
    assert_string_equal(text, "1 no-show out of 1 before, the last one missed");
    /* a buffer too small keeps whole reasons only */
    char small[12];
    risk_reasons_text(&m, &r, 3, small, sizeof small);
    assert_true(strlen(small) < sizeof small);
}

static void test_feature_names_round_trip(void **state)
{
    (void)state;
    for (int f = 0; f < RISK_FEATURES; f++) {
        enum risk_feature back;
        assert_non_null(risk_feature_name((enum risk_feature)f));
        assert_int_equal(risk_feature_parse(risk_feature_name((enum risk_feature)f), &back), 0);
        assert_int_equal(back, f);
    }
    enum risk_feature x;
    assert_int_equal(risk_feature_parse("nope", &x), -1);
}

int main(void)
{
    setlocale(LC_ALL, "C");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit_recovers_planted_effects),
        cmocka_unit_test(test_reordered_input_same_model),
        cmocka_unit_test(test_no_feature_uses_later_outcomes),
        cmocka_unit_test(test_history_is_strictly_before),
        cmocka_unit_test(test_shuffled_labels_auc_near_half),
        cmocka_unit_test(test_time_split_auc_and_calibration),
        cmocka_unit_test(test_interaction_chosen_when_held_out_confirms),
        cmocka_unit_test(test_small_history_gets_defaults),
        cmocka_unit_test(test_auc_by_hand),
        cmocka_unit_test(test_brier_logloss_ece_by_hand),
        cmocka_unit_test(test_reasons_in_words),
        cmocka_unit_test(test_feature_names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
