/* risk_reasons.c - why a score is high, in a receptionist's words.
 *
 * Each reason groups the features that tell one fact (the person's history,
 * the lead time, ...). Its odds multiplier is exp of the group's share of the
 * score against an average case (the model's reference values): "booked 40
 * days ahead ×1.6" means the odds of a no-show are 1.6 times those of an
 * appointment booked the usual time ahead, everything else equal. */
#include "risk.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/i18n.h"

static enum risk_reason_kind kind_of(int feature)
{
    switch (feature) {
    case RF_PERSON_RATE: case RF_PRIOR_COUNT: case RF_LAST_NOSHOW:
        return RISK_REASON_HISTORY;
    case RF_LOG_LEAD: case RF_SAME_DAY: case RF_LEAD_UNKNOWN: case RF_LEAD_8_30:
    case RF_LEAD_31_PLUS: case RF_LEAD_X_REMINDER:
        return RISK_REASON_LEAD;
    case RF_REMINDER:
        return RISK_REASON_REMINDER;
    case RF_AGE_UNDER_25: case RF_AGE_40_59: case RF_AGE_60_PLUS: case RF_AGE_UNKNOWN:
        return RISK_REASON_AGE;
    case RF_SEX_M: case RF_SEX_UNKNOWN:
        return RISK_REASON_SEX;
    case RF_TUESDAY: case RF_WEDNESDAY: case RF_THURSDAY: case RF_FRIDAY:
    case RF_SATURDAY:
        return RISK_REASON_WEEKDAY;
    case RF_BEFORE_10: case RF_NOON: case RF_AFTERNOON: case RF_AFTER_16:
        return RISK_REASON_TIME;
    case RF_BOOKED_AFTERNOON:
        return RISK_REASON_BOOKED_AFTERNOON;
    case RF_SITE_RATE:
        return RISK_REASON_SITE;
    case RF_MOTIF_RATE:
        return RISK_REASON_MOTIF;
    default:
        return RISK_REASON_AGENT;
    }
}

size_t risk_reasons(const struct risk_model *m, const struct risk_row *r,
                    struct risk_reason *out, size_t max)
{
    double part[RISK_REASON_COUNT] = {0};
    for (int j = 0; j < RISK_FEATURES; j++)
        part[kind_of(j)] += m->beta[j] * ((double)r->x[j] - m->ref[j]);
    size_t count = 0;
    /* selection of the largest, ties by kind order: deterministic */
    int taken[RISK_REASON_COUNT] = {0};
    while (count < max) {
        int best = -1;
        for (int k = 0; k < RISK_REASON_COUNT; k++)
            if (!taken[k] && (best < 0 || part[k] > part[best]))
                best = k;
        if (best < 0 || exp(part[best]) < 1.1)
            break;
        taken[best] = 1;
        out[count++] = (struct risk_reason){(enum risk_reason_kind)best, exp(part[best])};
    }
    return count;
}

static const char *const weekdays[] = {
    N_("on a Monday"), N_("on a Tuesday"), N_("on a Wednesday"),
    N_("on a Thursday"), N_("on a Friday"), N_("on a Saturday"), N_("on a Sunday"),
};

static void history_words(const struct risk_facts *f, char *buf, size_t size)
{
    if (f->prior_count == 0) {
        snprintf(buf, size, "%s", _("first appointment"));
        return;
    }
    char what[128];
    if (f->prior_noshows == 0)
        snprintf(what, sizeof what,
                 ngettext("came to the appointment before", "came to all %d before",
                          f->prior_count), f->prior_count);
    else
        snprintf(what, sizeof what,
                 ngettext("%d no-show out of %d before", "%d no-shows out of %d before",
                          f->prior_noshows), f->prior_noshows, f->prior_count);
    if (f->last_noshow)
        snprintf(buf, size, _("%s, the last one missed"), what);
    else
        snprintf(buf, size, "%s", what);
}

static int percent(double rate)
{
    return (int)lround(rate * 100.0);
}

void risk_reason_words(const struct risk_reason *reason,
                       const struct risk_facts *f, char *buf, size_t size)
{
    char hhmm[CIVIL_TIME_LEN];
    switch (reason->kind) {
    case RISK_REASON_HISTORY:
        history_words(f, buf, size);
        break;
    case RISK_REASON_LEAD:
        if (f->lead_days < 0)
            snprintf(buf, size, "%s", _("booking date unknown"));
        else if (f->lead_days == 0)
            snprintf(buf, size, "%s", _("booked the same day"));
        else
            snprintf(buf, size, ngettext("booked %d day ahead", "booked %d days ahead",
                                         f->lead_days), f->lead_days);
        break;
    case RISK_REASON_REMINDER:
        snprintf(buf, size, "%s", f->reminder_sent ? _("reminder sent") : _("no reminder sent"));
        break;
    case RISK_REASON_AGE:
        if (f->age < 0)
            snprintf(buf, size, "%s", _("age unknown"));
        else
            snprintf(buf, size, ngettext("aged %d", "aged %d", f->age), f->age);
        break;
    case RISK_REASON_SEX:
        snprintf(buf, size, "%s", f->sex == RISK_SEX_M ? _("a man")
                                  : f->sex == RISK_SEX_F ? _("a woman")
                                                         : _("sex not recorded"));
        break;
    case RISK_REASON_WEEKDAY:
        snprintf(buf, size, "%s",
                 f->weekday >= 1 && f->weekday <= 7 ? _(weekdays[f->weekday - 1]) : "?");
        break;
    case RISK_REASON_TIME:
        if (civil_format_time(f->minute, hhmm, sizeof hhmm) != 0)
            strcpy(hhmm, "?");
        snprintf(buf, size, _("starts at %s"), hhmm);
        break;
    case RISK_REASON_BOOKED_AFTERNOON:
        snprintf(buf, size, "%s", _("booked in the afternoon"));
        break;
    case RISK_REASON_SITE:
        snprintf(buf, size, _("%d %% missed at this site"), percent(f->site_rate));
        break;
    case RISK_REASON_MOTIF:
        snprintf(buf, size, _("%d %% missed for this motif"), percent(f->motif_rate));
        break;
    default:
        snprintf(buf, size, _("%d %% missed with this agent"), percent(f->agent_rate));
        break;
    }
}

void risk_reasons_text(const struct risk_model *m, const struct risk_row *r,
                       size_t max, char *buf, size_t size)
{
    struct risk_reason reasons[RISK_REASON_COUNT];
    if (max > RISK_REASON_COUNT)
        max = RISK_REASON_COUNT;
    size_t n = risk_reasons(m, r, reasons, max);
    if (size)
        buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < n && used + 1 < size; i++) {
        char words[160];
        risk_reason_words(&reasons[i], &r->facts, words, sizeof words);
        int w = snprintf(buf + used, size - used, "%s%s ×%.1f", i ? "; " : "", words,
                         reasons[i].multiplier);
        if (w < 0 || (size_t)w >= size - used) {
            buf[used] = '\0'; /* whole reasons only */
            break;
        }
        used += (size_t)w;
    }
}
