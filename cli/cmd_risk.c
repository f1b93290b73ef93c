/* cmd_risk.c - `guichet risk fit | evaluate --split DATE | list`: the
 * no-show model (model/risk.h) on the file's own history.
 *   fit       fits on every seen / no-show appointment and stores the
 *             coefficients with the fit date and the data range;
 *   evaluate  fits on appointments before DATE and measures on those from
 *             DATE on (nothing is stored); features of a measured
 *             appointment only use outcomes dated before it;
 *   list      coming appointments, riskiest first, with their reasons. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "../common/clock.h"
#include "../common/i18n.h"

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet risk fit [--db FILE]\n"
        "       guichet risk evaluate --split DATE [--format text|json] [--db FILE]\n"
        "       guichet risk list [--date D] [--site S] [--min PERCENT] [--db FILE]\n"
        "fit       fits the no-show model on the file's history and stores it\n"
        "evaluate  fits on appointments before DATE, reports on those from DATE on:\n"
        "          AUC (also without same-day bookings), Brier score and the\n"
        "          base-rate Brier, log loss, calibration error, precision and\n"
        "          recall in the riskiest 10 % and 20 %, a 10-bin calibration table\n"
        "list      appointments still to come by risk, with reasons (default: now\n"
        "          to the end of tomorrow; --date D: that day)\n"
        "Exit: 0 done, 1 failed, 2 bad input.\n"), action);
}

struct history {
    struct risk_appt *appts;
    struct risk_row *rows;
    size_t n;
};

static int load_history(struct db *db, struct history *h)
{
    struct db_error err = {0};
    memset(h, 0, sizeof *h);
    if (db_risk_history(db, &h->appts, &h->n, &err) != DB_OK)
        return desk_fail(NULL, &err);
    h->rows = malloc((h->n ? h->n : 1) * sizeof *h->rows);
    if (!h->rows || risk_features_build(h->appts, h->n, h->rows) != 0) {
        free(h->appts);
        free(h->rows);
        cli_print_error("%s", _("out of memory"));
        return CLI_EXIT_FAILURE;
    }
    return CLI_EXIT_OK;
}

static void free_history(struct history *h)
{
    free(h->appts);
    free(h->rows);
}

struct options {
    const char *split, *format, *date, *site, *min;
};

static int parse(int argc, char **argv, const char *command, struct options *o)
{
    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"split", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"date", required_argument, NULL, 'D'},
        {"min", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        int common = cli_common_option(c, optarg);
        if (common > 0)
            return common;
        if (common == 0)
            continue;
        switch (c) {
        case 's': o->split = optarg; break;
        case 'f': o->format = optarg; break;
        case 'D': o->date = optarg; break;
        case 'm': o->min = optarg; break;
        case 'h': help(argv[0]); return -1;
        case ':':
            cli_print_error(_("option %s needs a value"), argv[optind - 1]);
            return CLI_EXIT_USAGE;
        default:
            return cli_unknown_option(argv[optind - 1], command, longopts);
        }
    }
    if (optind < argc) {
        cli_print_error(_("unexpected argument \"%s\" (see guichet %s --help)"),
                        argv[optind], command);
        return CLI_EXIT_USAGE;
    }
    if (cli_settings()->site_given)
        o->site = cli_settings()->site;
    return CLI_EXIT_OK;
}

/* The model is the file's: one fit on every site's history together (a
 * site alone has too few no-shows to learn from). A --site given to fit or
 * evaluate would be silently ignored: refuse it instead. */
static int refuse_site(const struct options *o, const char *command)
{
    if (!o->site)
        return CLI_EXIT_OK;
    cli_print_error(_("%s works on the whole file's history, every site together: "
                      "--site does not apply"), command);
    return CLI_EXIT_USAGE;
}

static int fit(int argc, char **argv)
{
    struct options o;
    int rc = parse(argc, argv, "risk fit", &o);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if ((rc = refuse_site(&o, "risk fit")))
        return rc;
    if (o.split || o.format || o.date || o.min)
        return desk_unknown_option(o.split ? "--split" : o.format ? "--format"
                                   : o.date ? "--date" : "--min",
                                   "risk fit");
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct history h;
    if ((rc = load_history(db, &h))) {
        db_close(db);
        return rc;
    }
    struct risk_model m;
    risk_fit(h.rows, h.n, INT64_MAX, &m);
    struct db_risk_fit_info info = {0};
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t i = 0; i < h.n; i++)
        if (h.rows[i].label >= 0) {
            lo = h.rows[i].starts < lo ? h.rows[i].starts : lo;
            hi = h.rows[i].starts > hi ? h.rows[i].starts : hi;
        }
    struct civil_datetime t;
    if (lo <= hi && civil_datetime_from_minutes(lo, &t) == 0)
        civil_format_datetime(t, info.data_from, sizeof info.data_from);
    if (lo <= hi && civil_datetime_from_minutes(hi, &t) == 0)
        civil_format_datetime(t, info.data_until, sizeof info.data_until);
    free_history(&h);
    struct db_error err = {0};
    if (db_risk_model_save(db, &m, &info, &err) != DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    db_close(db);
    if (m.is_default)
        printf(_("Too little history (%zu appointments seen or missed, %zu no-shows; at least "
                 "%d and %d needed): default coefficients stored.\n"),
               m.n_train, m.n_noshow, RISK_MIN_TRAIN, RISK_MIN_NOSHOWS);
    else
        printf(_("Fitted on %zu appointments (%zu no-shows, %.1f %%) from %s to %s%s.\n"),
               m.n_train, m.n_noshow, 100.0 * (double)m.n_noshow / (double)m.n_train,
               info.data_from, info.data_until,
               m.extended ? _(", with lead-time bins and lead x reminder") : "");
    printf("%s\n", _("Odds multiplier per unit of each feature:"));
    for (int f = 0; f < RISK_FEATURES; f++)
        if (m.beta[f] != 0.0)
            printf("  %-18s x%.2f\n", risk_feature_name((enum risk_feature)f), exp(m.beta[f]));
    return CLI_EXIT_OK;
}

static void json_number(double v)
{
    if (isfinite(v))
        printf("%.6f", v);
    else
        fputs("null", stdout);
}

static int evaluate(int argc, char **argv)
{
    struct options o;
    int rc = parse(argc, argv, "risk evaluate", &o);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if ((rc = refuse_site(&o, "risk evaluate")))
        return rc;
    if (!o.split)
        return desk_missing("--split", "risk evaluate");
    struct civil_date split;
    if (civil_parse_date(o.split, &split) != 0)
        return desk_bad_value("--split", o.split);
    int json = 0;
    if (o.format && strcmp(o.format, "json") == 0)
        json = 1;
    else if (o.format && strcmp(o.format, "text") != 0)
        return desk_bad_value("--format", o.format);
    if (o.date || o.min)
        return desk_unknown_option(o.date ? "--date" : "--min",
                                   "risk evaluate");
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct history h;
    rc = load_history(db, &h);
    db_close(db);
    if (rc)
        return rc;
    int64_t until = civil_datetime_to_minutes((struct civil_datetime){split, 0});
    struct risk_model m;
    risk_fit(h.rows, h.n, until, &m);
    double *p = malloc((h.n ? h.n : 1) * sizeof *p);
    int *y = malloc((h.n ? h.n : 1) * sizeof *y);
    int *same = malloc((h.n ? h.n : 1) * sizeof *same);
    struct risk_metrics mt;
    size_t k = 0;
    if (p && y && same) {
        for (size_t i = 0; i < h.n; i++)
            if (h.rows[i].label >= 0 && h.rows[i].starts >= until) {
                p[k] = risk_score(&m, &h.rows[i]);
                y[k] = h.rows[i].label;
                same[k++] = h.rows[i].facts.lead_days == 0;
            }
    }
    double base = m.n_train ? (double)m.n_noshow / (double)m.n_train : 0.0;
    if (!p || !y || !same || risk_metrics_compute(p, y, same, k, base, &mt) != 0) {
        free(p), free(y), free(same), free_history(&h);
        cli_print_error("%s", _("out of memory"));
        return CLI_EXIT_FAILURE;
    }
    free(p), free(y), free(same), free_history(&h);
    if (json) {
        static const char *const keys[] = {
            "auc", "auc_not_same_day", "brier", "brier_base", "log_loss", "ece",
            "precision_top10", "recall_top10", "precision_top20", "recall_top20",
        };
        double values[] = {mt.auc, mt.auc_not_same_day, mt.brier, mt.brier_base,
                           mt.log_loss, mt.ece, mt.precision_top10, mt.recall_top10,
                           mt.precision_top20, mt.recall_top20};
        putchar('{');
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            printf("\"%s\": ", keys[i]);
            json_number(values[i]);
            fputs(", ", stdout);
        }
        printf("\"n_train\": %zu, \"n_test\": %zu, \"calibration\": [", m.n_train, k);
        for (int b = 0; b < RISK_CALIBRATION_BINS; b++) {
            const struct risk_calibration_bin *c = &mt.calibration[b];
            printf("%s{\"from\": %.1f, \"to\": %.1f, \"n\": %zu, \"predicted\": ",
                   b ? ", " : "", b / 10.0, (b + 1) / 10.0, c->n);
            json_number(c->n ? c->mean_predicted : NAN);
            fputs(", \"observed\": ", stdout);
            json_number(c->n ? c->observed : NAN);
            putchar('}');
        }
        puts("]}");
        return CLI_EXIT_OK;
    }
    printf(_("Trained on %zu appointments before %s (%zu no-shows)%s; tested on %zu from "
             "then on (%zu no-shows).\n"),
           m.n_train, o.split, m.n_noshow,
           m.is_default ? _(", too few: default coefficients")
           : m.extended ? _(", with lead-time bins and lead x reminder") : "",
           k, mt.positives);
    printf("  %-28s %.3f\n", _("AUC"), mt.auc);
    printf("  %-28s %.3f\n", _("AUC, not same-day"), mt.auc_not_same_day);
    printf("  %-28s %.4f\n", _("Brier score"), mt.brier);
    printf("  %-28s %.4f\n", _("Brier, base rate"), mt.brier_base);
    printf("  %-28s %.4f\n", _("Log loss"), mt.log_loss);
    printf("  %-28s %.4f\n", _("Calibration error (ECE)"), mt.ece);
    printf("  %-28s %.3f / %.3f\n", _("Top 10 %: precision / recall"), mt.precision_top10,
           mt.recall_top10);
    printf("  %-28s %.3f / %.3f\n", _("Top 20 %: precision / recall"), mt.precision_top20,
           mt.recall_top20);
    printf("%s\n", _("  predicted   appointments   mean predicted   observed"));
    for (int b = 0; b < RISK_CALIBRATION_BINS; b++) {
        const struct risk_calibration_bin *c = &mt.calibration[b];
        printf("  %3d-%3d %%   %12zu", b * 10, b * 10 + 10, c->n);
        if (c->n)
            printf("   %13.3f   %8.3f\n", c->mean_predicted, c->observed);
        else
            putchar('\n');
    }
    return CLI_EXIT_OK;
}

static int list(int argc, char **argv)
{
    struct options o;
    int rc = parse(argc, argv, "risk list", &o);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (o.split || o.format)
        return desk_unknown_option(o.split ? "--split" : "--format", "risk list");
    struct civil_datetime now, from, to;
    clock_now(&now, NULL);
    if (o.date) {
        struct civil_date d;
        if (civil_parse_date(o.date, &d) != 0)
            return desk_bad_value("--date", o.date);
        from = (struct civil_datetime){d, 0};
        if (civil_date_compare(d, now.date) == 0)
            from = now; /* the rest of today */
    } else {
        from = now;
    }
    struct civil_date end;
    if (civil_date_add_days(o.date ? from.date : now.date, o.date ? 1 : 2, &end) != 0)
        return desk_bad_value("--date", o.date ? o.date : "");
    to = (struct civil_datetime){end, 0};
    long min = 0;
    if (o.min && cli_parse_long(o.min, 0, 100, &min) != 0)
        return desk_bad_value("--min", o.min);
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_site site = {0};
    if (o.site && (rc = desk_find_site(db, o.site, &site))) {
        db_close(db);
        return rc;
    }
    char a[CIVIL_DATETIME_LEN], b[CIVIL_DATETIME_LEN];
    civil_format_datetime(from, a, sizeof a);
    civil_format_datetime(to, b, sizeof b);
    struct db_risk_item *items = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_risk_scores(db, a, b, site.id, (double)min / 100.0, &items, &n, &err) != DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    db_close(db);
    if (n == 0)
        printf("%s\n", _("No appointment to come in that period."));
    for (size_t i = 0; i < n; i++) {
        const struct db_risk_item *it = &items[i];
        printf("%3.0f %%  %s  %s | %s | %s", 100.0 * it->risk, it->starts_at,
               it->person[0] ? it->person : "-", it->site_name, it->motif_name);
        if (it->phone[0])
            printf(" | %s", it->phone);
        if (it->called)
            printf(" | %s", _("called"));
        if (it->confirmed)
            printf(" | %s", _("confirmed"));
        if (it->no_answer)
            printf(" | %s", _("no answer"));
        printf("\n      %s\n", it->reasons[0] ? it->reasons : _("no particular reason"));
    }
    free(items);
    return CLI_EXIT_OK;
}

int cli_cmd_risk(int argc, char **argv)
{
    static const struct cli_action actions[] = {
        {"fit", fit},
        {"evaluate", evaluate},
        {"list", list},
    };
    return cli_run_action(argc, argv, "risk", actions,
                          sizeof actions / sizeof actions[0], help);
}
