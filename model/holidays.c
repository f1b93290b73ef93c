/* holidays.c - French public holidays (jours fériés), computed for any year
 * from fixed dates and Easter Sunday (anonymous Gregorian algorithm, also
 * known as Meeus/Jones/Butcher).
 *
 * The current list is applied to every year: historical changes (8 May not
 * a holiday 1960-1981, Whit Monday as "journée de solidarité" in 2005-2007
 * for many employers) are not modelled. When two holidays fall on the same
 * date (Ascension on 1 May in 2008) both entries are listed. */
#include "holidays.h"

#include "../common/i18n.h"

int holiday_easter(int year, struct civil_date *out)
{
    if (year < 1583 || year > 9999)
        return -1;
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    out->year = year;
    out->month = month;
    out->day = day;
    return 0;
}

struct fixed_holiday {
    int month, day;
    unsigned flag; /* 0 = national */
    const char *name;
};

struct easter_holiday {
    int offset; /* days after Easter Sunday */
    unsigned flag;
    const char *name;
};

static const struct fixed_holiday fixed[] = {
    {1, 1, 0, N_("New Year's Day")},
    {5, 1, 0, N_("Labour Day")},
    {5, 8, 0, N_("Victory in Europe Day")},
    {7, 14, 0, N_("Bastille Day")},
    {8, 15, 0, N_("Assumption")},
    {11, 1, 0, N_("All Saints' Day")},
    {11, 11, 0, N_("Armistice Day")},
    {12, 25, 0, N_("Christmas Day")},
    {12, 26, HOLIDAYS_ALSACE_MOSELLE, N_("St Stephen's Day")},
};

static const struct easter_holiday moving[] = {
    {-2, HOLIDAYS_ALSACE_MOSELLE, N_("Good Friday")},
    {1, 0, N_("Easter Monday")},
    {39, 0, N_("Ascension Day")},
    {50, 0, N_("Whit Monday")},
};

enum {
    N_FIXED = sizeof fixed / sizeof fixed[0],
    N_MOVING = sizeof moving / sizeof moving[0],
};

int holidays_of_year(int year, unsigned flags, struct holiday out[HOLIDAYS_MAX_PER_YEAR])
{
    struct civil_date easter;
    struct holiday list[N_FIXED + N_MOVING];
    int n = 0;
    if (!out || holiday_easter(year, &easter) != 0)
        return -1;
    for (int i = 0; i < N_FIXED; i++) {
        if (fixed[i].flag && !(flags & fixed[i].flag))
            continue;
        list[n].date = (struct civil_date){year, fixed[i].month, fixed[i].day};
        list[n].name = fixed[i].name;
        n++;
    }
    for (int i = 0; i < N_MOVING; i++) {
        if (moving[i].flag && !(flags & moving[i].flag))
            continue;
        if (civil_date_add_days(easter, moving[i].offset, &list[n].date) != 0)
            return -1;
        list[n].name = moving[i].name;
        n++;
    }
    /* Insertion sort, stable: fixed entries stay first on a shared date. */
    for (int i = 1; i < n; i++) {
        struct holiday h = list[i];
        int j = i - 1;
        while (j >= 0 && civil_date_compare(list[j].date, h.date) > 0) {
            list[j + 1] = list[j];
            j--;
        }
        list[j + 1] = h;
    }
    for (int i = 0; i < n; i++)
        out[i] = list[i];
    return n;
}

int holiday_lookup(struct civil_date d, unsigned flags, const char **name)
{
    struct holiday list[HOLIDAYS_MAX_PER_YEAR];
    if (!civil_date_valid(d))
        return 0;
    int n = holidays_of_year(d.year, flags, list);
    for (int i = 0; i < n; i++) {
        if (civil_date_compare(list[i].date, d) == 0) {
            if (name)
                *name = list[i].name;
            return 1;
        }
    }
    return 0;
}
