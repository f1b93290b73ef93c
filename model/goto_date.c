/* goto_date.c - parsing the date typed after "g" (see goto_date.h). */
#include "goto_date.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"

int goto_add_months(struct civil_date d, int months, struct civil_date *out)
{
    long m = (long)d.year * 12 + (d.month - 1) + months;
    if (m < 0)
        return -1;
    struct civil_date r = {(int)(m / 12), (int)(m % 12) + 1, d.day};
    int len = civil_days_in_month(r.year, r.month);
    if (len == 0)
        return -1;
    if (r.day > len)
        r.day = len;
    if (!civil_date_valid(r))
        return -1;
    *out = r;
    return 0;
}

static int make(int y, int m, int d, struct civil_date *out)
{
    struct civil_date r = {y, m, d};
    if (!civil_date_valid(r))
        return -1;
    *out = r;
    return 0;
}

/* dd/mm without a year: the year that brings it nearest to today. */
static int nearest(int m, int d, struct civil_date today, struct civil_date *out)
{
    struct civil_date best = {0, 0, 0};
    int64_t best_gap = -1;
    for (int y = today.year - 1; y <= today.year + 1; y++) {
        struct civil_date c = {y, m, d};
        if (!civil_date_valid(c))
            continue;
        int64_t gap = llabs(civil_date_diff_days(c, today));
        if (best_gap < 0 || gap < best_gap) {
            best = c;
            best_gap = gap;
        }
    }
    if (best_gap < 0)
        return -1;
    *out = best;
    return 0;
}

static int year_of(int y, int digits)
{
    return digits == 2 ? 2000 + y : y;
}

static const struct {
    const char *name;
    int weekday; /* 1 = Monday */
} weekdays[] = {
    {"lundi", 1}, {"mardi", 2}, {"mercredi", 3}, {"jeudi", 4}, {"vendredi", 5},
    {"samedi", 6}, {"dimanche", 7}, {"monday", 1}, {"tuesday", 2}, {"wednesday", 3},
    {"thursday", 4}, {"friday", 5}, {"saturday", 6}, {"sunday", 7},
};

static int weekday_named(const char *folded)
{
    size_t len = strlen(folded);
    if (len < 2)
        return 0;
    int found = 0;
    for (size_t i = 0; i < sizeof weekdays / sizeof weekdays[0]; i++) {
        if (strncmp(weekdays[i].name, folded, len) != 0)
            continue;
        if (found && found != weekdays[i].weekday)
            return -1; /* "m": mardi or mercredi or monday */
        found = weekdays[i].weekday;
    }
    return found;
}

int goto_date_parse(const char *text, struct civil_date shown, struct civil_date today,
                    struct civil_date *out)
{
    if (!text || !out)
        return -1;
    char folded[SEARCH_KEY_LEN];
    if (search_fold(text, folded, sizeof folded) != 0 || !folded[0]) {
        /* search_fold turns "-" and "." into spaces: look at the raw text
         * for numbers, the folded one for names. */
        if (!folded[0] && !strpbrk(text, "+-0123456789"))
            return -1;
    }
    /* Trimmed raw text. */
    while (*text == ' ')
        text++;
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == ' ')
        n--;
    if (n == 0 || n > 16)
        return -1;
    char t[17];
    memcpy(t, text, n);
    t[n] = '\0';

    if (strcmp(folded, "t") == 0 || strcmp(folded, "today") == 0 ||
        strcmp(folded, "aujourd hui") == 0 || strcmp(folded, "auj") == 0) {
        *out = today;
        return 0;
    }
    if (t[0] == '+' || t[0] == '-') {
        char *end;
        long k = strtol(t + 1, &end, 10);
        if (end == t + 1 || *end || k > 36600)
            return -1;
        return civil_date_add_days(shown, t[0] == '+' ? k : -k, out) == 0 ? 0 : -1;
    }
    if (isalpha((unsigned char)folded[0])) {
        int wd = weekday_named(folded);
        if (wd <= 0)
            return -1;
        int cur = (int)civil_weekday(shown);
        int ahead = (wd - cur + 7) % 7;
        return civil_date_add_days(shown, ahead ? ahead : 7, out) == 0 ? 0 : -1;
    }
    /* Numbers separated by / . - or space, or digits only. */
    int parts[3], digits[3], count = 0;
    const char *p = t;
    int all_digits = 1;
    for (const char *q = t; *q; q++)
        if (!isdigit((unsigned char)*q))
            all_digits = 0;
    if (all_digits) {
        switch (n) {
        case 4: /* ddmm */
            return nearest(atoi((char[]){t[2], t[3], 0}), atoi((char[]){t[0], t[1], 0}), today,
                           out);
        case 6: /* ddmmyy */
        case 8: /* ddmmyyyy */
            return make(year_of(atoi(t + 4), (int)n - 4), atoi((char[]){t[2], t[3], 0}),
                        atoi((char[]){t[0], t[1], 0}), out);
        default:
            return -1;
        }
    }
    while (*p && count < 3) {
        if (!isdigit((unsigned char)*p))
            return -1;
        char *end;
        long v = strtol(p, &end, 10);
        digits[count] = (int)(end - p);
        if (digits[count] > 4)
            return -1;
        parts[count++] = (int)v;
        p = end;
        if (*p == '/' || *p == '.' || *p == '-' || *p == ' ')
            p++;
        else if (*p)
            return -1;
    }
    if (*p)
        return -1;
    if (count == 3 && digits[0] == 4) /* ISO */
        return make(parts[0], parts[1], parts[2], out);
    if (count == 3 && digits[0] <= 2 && digits[1] <= 2 && (digits[2] == 2 || digits[2] == 4))
        return make(year_of(parts[2], digits[2]), parts[1], parts[0], out);
    if (count == 2 && digits[0] <= 2 && digits[1] <= 2)
        return nearest(parts[1], parts[0], today, out);
    return -1;
}
