/* render_text.c - the summary as plain text: one block per section, columns
 * aligned by display width, every database text made safe for a terminal
 * (ui_text_write). Numbers use the decimal point of the user's locale. */
#include <string.h>

#include "render_int.h"
#include "render_svg.h"
#include "../common/i18n.h"

void report_rate_text(double rate, char *buf, size_t size)
{
    if (rate < 0) {
        snprintf(buf, size, "-");
        return;
    }
    char n[24];
    report_decimal(rate * 100.0, 1, report_locale_point(), n, sizeof n);
    snprintf(buf, size, "%s %%", n);
}

static void minutes_text(double v, char *buf, size_t size)
{
    if (v < 0)
        snprintf(buf, size, "-");
    else
        report_decimal(v, v == (long)v ? 0 : 1, report_locale_point(), buf, size);
}

/* Width of the first column: the longest name or the header. */
static int name_width(const struct report_line *l, size_t n, const char *head,
                      const char *total)
{
    int w = safe_text_columns(head);
    if (total && safe_text_columns(total) > w)
        w = safe_text_columns(total);
    for (size_t i = 0; i < n; i++) {
        int x = safe_text_columns(l[i].name);
        if (l[i].detail[0])
            x += 3 + safe_text_columns(l[i].detail);
        if (x > w)
            w = x;
    }
    return w;
}

static const char *count_heads[8];

static void init_heads(void)
{
    count_heads[0] = _("Booked");
    count_heads[1] = _("Seen");
    count_heads[2] = _("No-show");
    count_heads[3] = _("Excused");
    count_heads[4] = _("Revoked");
    count_heads[5] = _("To fill in");
    count_heads[6] = _("Upcoming");
    count_heads[7] = _("No-show rate");
}

static void count_cells(FILE *out, const struct summary_counts *c)
{
    long v[7] = {c->booked, c->seen, c->noshow, c->excused, c->revoked,
                 c->to_fill_in, c->upcoming};
    for (int k = 0; k < 7; k++) {
        char n[24];
        snprintf(n, sizeof n, "%ld", v[k]);
        fputs("  ", out);
        safe_text_padded(out, n, safe_text_columns(count_heads[k]), 1);
    }
    char rate[32];
    report_rate_text(summary_counts_noshow_rate(c), rate, sizeof rate);
    fputs("  ", out);
    safe_text_padded(out, rate, safe_text_columns(count_heads[7]), 1);
    fputc('\n', out);
}

static void line_name(FILE *out, const struct report_line *l, int width)
{
    char buf[2 * REPORT_NAME_LEN + 4];
    if (l->detail[0])
        snprintf(buf, sizeof buf, "%s (%s)", l->name, l->detail);
    else
        snprintf(buf, sizeof buf, "%s", l->name);
    fputs("  ", out);
    safe_text_padded(out, buf, width, 0);
}

static void count_table(FILE *out, const char *head, const struct report_line *l,
                        size_t n, const struct summary_counts *total)
{
    const char *all = _("All");
    int w = name_width(l, n, head, total ? all : NULL);
    fputs("  ", out);
    safe_text_padded(out, head, w, 0);
    for (int k = 0; k < 8; k++) {
        fputs("  ", out);
        ui_text_write(out, count_heads[k]);
    }
    fputc('\n', out);
    for (size_t i = 0; i < n; i++) {
        line_name(out, &l[i], w);
        count_cells(out, &l[i].counts);
    }
    if (total && n > 1) {
        struct report_line t = {.counts = *total};
        snprintf(t.name, sizeof t.name, "%s", all);
        line_name(out, &t, w);
        count_cells(out, total);
    }
    fputc('\n', out);
}

void report_text_heading(FILE *out, const char *title)
{
    ui_text_write(out, title);
    fputc('\n', out);
    int w = safe_text_columns(title);
    for (int i = 0; i < w; i++)
        fputc('=', out);
    fputc('\n', out);
}

static void waits_text(FILE *out, const struct report *r)
{
    report_text_heading(out, _("Arrivals and waiting time"));
    const char *h[5] = {_("Site"), _("Arrivals"), _("Seen after arrival"),
                        _("Median wait (min)"), _("90th percentile (min)")};
    int w = safe_text_columns(h[0]);
    for (size_t i = 0; i < r->nwaits; i++)
        if (safe_text_columns(r->waits[i].name) > w)
            w = safe_text_columns(r->waits[i].name);
    if (safe_text_columns(_("All")) > w)
        w = safe_text_columns(_("All"));
    fputs("  ", out);
    safe_text_padded(out, h[0], w, 0);
    for (int k = 1; k < 5; k++) {
        fputs("  ", out);
        ui_text_write(out, h[k]);
    }
    fputc('\n', out);
    for (size_t i = 0; i <= r->nwaits; i++) {
        const struct report_wait *x = i < r->nwaits ? &r->waits[i] : &r->wait_total;
        if (i == r->nwaits && r->nwaits == 1)
            break;
        char cells[4][32];
        snprintf(cells[0], sizeof cells[0], "%ld", x->arrivals);
        snprintf(cells[1], sizeof cells[1], "%ld", x->waits);
        minutes_text(x->median, cells[2], sizeof cells[2]);
        minutes_text(x->p90, cells[3], sizeof cells[3]);
        fputs("  ", out);
        safe_text_padded(out, i < r->nwaits ? x->name : _("All"), w, 0);
        for (int k = 0; k < 4; k++) {
            fputs("  ", out);
            safe_text_padded(out, cells[k], safe_text_columns(h[k + 1]), 1);
        }
        fputc('\n', out);
    }
    fputc('\n', out);
}

static void changes_text(FILE *out, const struct report *r)
{
    report_text_heading(out, _("Appointments created, moved and cancelled"));
    if (r->nchanges == 0) {
        fprintf(out, "  %s\n\n", _("No change in this period."));
        return;
    }
    const char *h[4] = {_("Who"), _("Created"), _("Moved"), _("Cancelled")};
    int w = safe_text_columns(h[0]);
    for (size_t i = 0; i < r->nchanges; i++)
        if (safe_text_columns(r->changes[i].actor) > w)
            w = safe_text_columns(r->changes[i].actor);
    if (safe_text_columns(_("All")) > w)
        w = safe_text_columns(_("All"));
    fputs("  ", out);
    safe_text_padded(out, h[0], w, 0);
    for (int k = 1; k < 4; k++) {
        fputs("  ", out);
        ui_text_write(out, h[k]);
    }
    fputc('\n', out);
    for (size_t i = 0; i <= r->nchanges; i++) {
        const struct db_report_changes *c = i < r->nchanges ? &r->changes[i] : &r->change_total;
        if (i == r->nchanges && r->nchanges == 1)
            break;
        const char *who = i < r->nchanges ? (c->actor[0] ? c->actor : "?") : _("All");
        long v[3] = {c->created, c->moved, c->cancelled};
        fputs("  ", out);
        safe_text_padded(out, who, w, 0);
        for (int k = 0; k < 3; k++) {
            char n[24];
            snprintf(n, sizeof n, "%ld", v[k]);
            fputs("  ", out);
            safe_text_padded(out, n, safe_text_columns(h[k + 1]), 1);
        }
        fputc('\n', out);
    }
    fputc('\n', out);
}

void report_text_table(FILE *out, const char *const *heads, int ncols, const int *right,
                       const char *cells, size_t nrows)
{
    int w[16] = {0};
    if (ncols > 16)
        ncols = 16;
    for (int k = 0; k < ncols; k++)
        w[k] = safe_text_columns(heads[k]);
    for (size_t i = 0; i < nrows; i++)
        for (int k = 0; k < ncols; k++) {
            int x = safe_text_columns(cells + ((size_t)i * ncols + k) * REPORT_CELL);
            if (x > w[k])
                w[k] = x;
        }
    for (size_t i = 0; i <= nrows; i++) {
        for (int k = 0; k < ncols; k++) {
            const char *c = i == 0 ? heads[k] : cells + ((size_t)(i - 1) * ncols + k) * REPORT_CELL;
            if (k == ncols - 1 && !right[k] && !c[0])
                break; /* nothing to end the line with */
            fputs("  ", out);
            if (k == ncols - 1 && !right[k])
                ui_text_write(out, c); /* the last column is not padded */
            else
                safe_text_padded(out, c, w[k], i > 0 && right[k]);
        }
        fputc('\n', out);
    }
}

void report_clock_text(int minute, char *buf, size_t size)
{
    if (minute < 0)
        snprintf(buf, size, "?");
    else
        snprintf(buf, size, "%02d:%02d", minute / 60, minute % 60);
}

static void next_text(FILE *out, const struct report *r)
{
    char date[CIVIL_DATE_LEN], title[128];
    civil_format_date_fr(r->next_day, date, sizeof date);
    snprintf(title, sizeof title, _("Next day, %s"), date);
    report_text_heading(out, title);
    fputs("  ", out);
    fprintf(out, ngettext("%ld appointment", "%ld appointments", (unsigned long)r->next_total),
            r->next_total);
    fputs("\n", out);
    if (r->nnext == 0) {
        fputc('\n', out);
        return;
    }
    const char *h[5] = {_("Site"), _("Agent"), _("Appointments"), _("From"), _("To")};
    int ws = safe_text_columns(h[0]), wa = safe_text_columns(h[1]);
    for (size_t i = 0; i < r->nnext; i++) {
        if (safe_text_columns(r->next[i].site) > ws)
            ws = safe_text_columns(r->next[i].site);
        if (safe_text_columns(r->next[i].agent) > wa)
            wa = safe_text_columns(r->next[i].agent);
    }
    fputs("  ", out);
    safe_text_padded(out, h[0], ws, 0);
    fputs("  ", out);
    safe_text_padded(out, h[1], wa, 0);
    for (int k = 2; k < 5; k++) {
        fputs("  ", out);
        safe_text_padded(out, h[k], k == 2 ? 0 : 5, 0);
    }
    fputc('\n', out);
    for (size_t i = 0; i < r->nnext; i++) {
        char n[24], a[16], b[16];
        snprintf(n, sizeof n, "%ld", r->next[i].count);
        report_clock_text(r->next[i].first_minute, a, sizeof a);
        report_clock_text(r->next[i].last_minute, b, sizeof b);
        fputs("  ", out);
        safe_text_padded(out, r->next[i].site, ws, 0);
        fputs("  ", out);
        safe_text_padded(out, r->next[i].agent, wa, 0);
        fputs("  ", out);
        safe_text_padded(out, n, safe_text_columns(h[2]), 1);
        fprintf(out, "  %-5s  %s\n", a, b);
    }
    fputc('\n', out);
}

/* Bar characters of the six statuses (summary_shares order): different
 * shades, so that the bar reads without colour. */
static const char *const share_block[SUMMARY_SHARES] = {
    "\u2588", "\u2593", "\u2592", "\u2591", "\u2596", "\u00B7"};
static const char share_ascii[SUMMARY_SHARES] = {'#', 'X', '=', '-', '+', '.'};

enum { SHARE_BAR = 40, WEEK_BAR = 20 };

/* The summary screen is read at 80 columns, in every language: the
 * legend's keys go on lines of their own under the title, wrapped before
 * SHARE_COLS, and the bars are shortened (down to SHARE_BAR_MIN) so that a
 * long service name does not push their end off the screen. */
enum { SHARE_COLS = 78, LEGEND_INDENT = 4, SHARE_BAR_MIN = 20 };

static void shares_text(FILE *out, const struct report *r, int blocks)
{
    fputs("  ", out);
    ui_text_write(out, _("Status shares per service"));
    fputs(":\n", out);
    int col = 0;
    for (int k = 0; k < SUMMARY_SHARES; k++) {
        int item = 2 + safe_text_columns(report_share_label(k)); /* "# Seen" */
        if (col > 0 && col + 2 + item > SHARE_COLS) {
            fputc('\n', out);
            col = 0;
        }
        if (col == 0) {
            fprintf(out, "%*s", LEGEND_INDENT, "");
            col = LEGEND_INDENT;
        } else {
            fputs("  ", out);
            col += 2;
        }
        if (blocks)
            fputs(share_block[k], out);
        else
            fputc(share_ascii[k], out);
        fputc(' ', out);
        ui_text_write(out, report_share_label(k));
        col += item;
    }
    fputc('\n', out);
    int w = 0;
    for (size_t i = 0; i < r->nservices; i++)
        if (safe_text_columns(r->services[i].name) > w)
            w = safe_text_columns(r->services[i].name);
    int bar = SHARE_COLS - 2 - w - 2;
    bar = bar > SHARE_BAR ? SHARE_BAR : bar < SHARE_BAR_MIN ? SHARE_BAR_MIN : bar;
    for (size_t i = 0; i < r->nservices; i++) {
        int pm[SUMMARY_SHARES], cum = 0, done = 0;
        summary_shares(&r->services[i].counts, pm);
        fputs("  ", out);
        safe_text_padded(out, r->services[i].name, w, 0);
        fputs("  ", out);
        for (int k = 0; k < SUMMARY_SHARES; k++) {
            cum += pm[k];
            /* cumulative rounding: the segments always fill the bar */
            int end = (cum * bar + 500) / 1000;
            for (; done < end; done++) {
                if (blocks)
                    fputs(share_block[k], out);
                else
                    fputc(share_ascii[k], out);
            }
        }
        fputc('\n', out);
    }
    fputc('\n', out);
}

/* A bar of WEEK_BAR columns for 100 %, in eighths of a column with block
 * characters. */
void report_text_bar(FILE *out, double x, int blocks)
{
    static const char *const eighth[8] = {"", "\u258F", "\u258E", "\u258D",
                                          "\u258C", "\u258B", "\u258A", "\u2589"};
    if (x <= 0)
        return;
    fputs("  ", out);
    if (!blocks) {
        for (int k = 0; k < (int)(x * WEEK_BAR + 0.5); k++)
            fputc('#', out);
        return;
    }
    int units = (int)(x * WEEK_BAR * 8 + 0.5);
    for (int k = 0; k < units / 8; k++)
        fputs("\u2588", out);
    fputs(eighth[units % 8], out);
}

static void weeks_text(FILE *out, const struct report *r, int blocks)
{
    report_text_heading(out, _("No-show rate, last 8 weeks"));
    const char *h[4] = {_("Week of"), _("Seen"), _("No-show"), _("No-show rate")};
    fputs("  ", out);
    safe_text_padded(out, h[0], 10, 0);
    for (int k = 1; k < 4; k++) {
        fputs("  ", out);
        ui_text_write(out, h[k]);
    }
    fputc('\n', out);
    for (int i = 0; i < REPORT_WEEKS; i++) {
        const struct report_week *w = &r->weeks[i];
        char d[CIVIL_DATE_LEN], s[24], n[24], rate[32];
        civil_format_date_fr(w->start, d, sizeof d);
        snprintf(s, sizeof s, "%ld", w->seen);
        snprintf(n, sizeof n, "%ld", w->noshow);
        double x = summary_noshow_rate(w->seen, w->noshow);
        report_rate_text(x, rate, sizeof rate);
        fputs("  ", out);
        safe_text_padded(out, d, safe_text_columns(h[0]) > 10 ? safe_text_columns(h[0]) : 10, 0);
        fputs("  ", out);
        safe_text_padded(out, s, safe_text_columns(h[1]), 1);
        fputs("  ", out);
        safe_text_padded(out, n, safe_text_columns(h[2]), 1);
        fputs("  ", out);
        safe_text_padded(out, rate, safe_text_columns(h[3]), 1);
        report_text_bar(out, x, blocks);
        fputc('\n', out);
    }
}

void report_period_words(const struct report *r, char *buf, size_t size)
{
    char a[CIVIL_DATE_LEN], b[CIVIL_DATE_LEN];
    civil_format_date_fr(r->req.from, a, sizeof a);
    civil_format_date_fr(r->req.to, b, sizeof b);
    if (r->days == 1)
        snprintf(buf, size, "%s", a);
    else
        snprintf(buf, size, _("from %s to %s"), a, b);
}

int report_render_text(FILE *out, const struct report *r)
{
    return report_render_text_bars(out, r, 0);
}

int report_render_text_bars(FILE *out, const struct report *r, int blocks)
{
    init_heads();
    char period[64], now[CIVIL_DATE_LEN], clock[16];
    report_period_words(r, period, sizeof period);
    civil_format_date_fr(r->req.now.date, now, sizeof now);
    report_clock_text(r->req.now.minute, clock, sizeof clock);
    char title[512];
    snprintf(title, sizeof title, "%s - %s - %s", _("Summary"),
             r->site_name[0] ? r->site_name : _("every site"), period);
    report_text_heading(out, title);
    fprintf(out, _("as of %s %s"), now, clock);
    fputs("\n\n", out);
    if (report_is_empty(r))
        fprintf(out, "%s\n\n", _("No appointment and no change in this period."));
    if (r->total.booked > 0) {
        report_text_heading(out, _("Appointments"));
        count_table(out, _("Site"), r->sites, r->nsites, &r->total);
        count_table(out, _("Service"), r->services, r->nservices, &r->total);
        shares_text(out, r, blocks);
        count_table(out, _("Agent"), r->agents, r->nagents, &r->total);
        count_table(out, _("Motif"), r->motifs, r->nmotifs, &r->total);
        waits_text(out, r);
    }
    if (!report_is_empty(r))
        changes_text(out, r);
    report_alerts_text(out, r);
    report_loans_text(out, r, blocks);
    next_text(out, r);
    report_tomorrow_risk_text(out, r);
    weeks_text(out, r, blocks);
    fflush(out);
    return ferror(out) ? -1 : 0;
}
