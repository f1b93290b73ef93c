/* numbers.c - decimals for the summaries (report.h), written the same
 * whatever the C locale: the renderers choose the decimal point (the
 * user's for text and HTML, ',' for French CSV, '.' for JSON). */
#include <locale.h>
#include <math.h>

#include "report.h"

void report_decimal(double v, int places, char point, char *buf, size_t size)
{
    if (places < 0 || places > 6 || !isfinite(v)) {
        snprintf(buf, size, "0");
        return;
    }
    long long scale = 1;
    for (int i = 0; i < places; i++)
        scale *= 10;
    int neg = v < 0;
    long long q = llround(fabs(v) * (double)scale);
    if (places == 0)
        snprintf(buf, size, "%s%lld", neg && q ? "-" : "", q);
    else
        snprintf(buf, size, "%s%lld%c%0*lld", neg && q ? "-" : "", q / scale, point,
                 places, q % scale);
}

char report_locale_point(void)
{
    const struct lconv *lc = localeconv();
    if (lc && lc->decimal_point && lc->decimal_point[0] && !lc->decimal_point[1])
        return lc->decimal_point[0];
    return '.';
}
