/* clock.c - current civil time, optionally fixed by GUICHET_NOW (tests). */
#include "clock.h"

#include <stdlib.h>

static int fixed_state = -1; /* -1 unknown, 0 system clock, 1 fixed */
static struct civil_datetime fixed_now;

static void load_fixed(void)
{
    const char *s = getenv("GUICHET_NOW");
    fixed_state = (s && civil_parse_datetime(s, &fixed_now) == 0) ? 1 : 0;
}

int clock_is_fixed(void)
{
    if (fixed_state < 0)
        load_fixed();
    return fixed_state;
}

void clock_now(struct civil_datetime *out, int *seconds)
{
    if (clock_is_fixed()) {
        *out = fixed_now;
        if (seconds)
            *seconds = 0;
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    out->date.year = tm.tm_year + 1900;
    out->date.month = tm.tm_mon + 1;
    out->date.day = tm.tm_mday;
    out->minute = tm.tm_hour * 60 + tm.tm_min;
    if (seconds)
        *seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec;
}
