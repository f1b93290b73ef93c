/* loan_series.h - room loans to associations: the weekly pattern of a
 * request, its expansion into dated occurrences, the closures a series skips,
 * exceptions (cancelled, moved, skipped dates) that survive later edits of
 * the series, edit scopes, the capacity check and overlap between loans.
 *
 * A series is a pattern: a set of weekdays, every N weeks counted from the
 * week (Monday to Sunday) of its first date, a time range, a first and a last
 * date (inclusive). A one-off loan is a pattern whose first and last dates are
 * the same day with that day's weekday.
 *
 * Expansion lists every date the pattern gives, in order, each either kept or
 * skipped with the closure that removed it: French public holidays, school
 * holidays of the site's zone (pupils' dates), site closures, room blackouts
 * (checked in that order; the first one that applies is the reason).
 *
 * Exceptions are keyed by the date the pattern originally gave, never by a
 * position, so editing the pattern later (other time, other last date) keeps
 * them: a cancelled date stays cancelled, a moved date stays moved, and a
 * moved date whose original date is no longer in the pattern is kept as it
 * was moved (a person decided it).
 *
 * Pure C11 + libc. Functions return 0 on success, -1 on invalid input. */
#ifndef GUICHET_MODEL_LOAN_SERIES_H
#define GUICHET_MODEL_LOAN_SERIES_H

#include <stddef.h>

#include "civil.h"

/* Weekday bits: LOAN_DAY(CIVIL_TUESDAY) | LOAN_DAY(CIVIL_THURSDAY). */
#define LOAN_DAY(wd) (1u << ((unsigned)(wd) - 1u))
enum { LOAN_ALL_DAYS = 0x7f, LOAN_MAX_EVERY_WEEKS = 52, LOAN_REASON_LEN = 96 };

struct loan_pattern {
    unsigned weekdays;          /* LOAN_DAY bits, at least one */
    int every_weeks;            /* 1..LOAN_MAX_EVERY_WEEKS */
    int start_minute;           /* 0..1439 */
    int end_minute;             /* start_minute < end_minute <= 1440 */
    struct civil_date first;    /* inclusive */
    struct civil_date last;     /* inclusive, >= first */
};

int loan_pattern_valid(const struct loan_pattern *p); /* 1 valid, 0 not */

/* Parses "tue", "mon,thu", "mardi,jeudi", "ma,je" (English or French names,
 * any case, 2 or more letters of the name) into LOAN_DAY bits. */
int loan_parse_weekdays(const char *s, unsigned *out);
/* Formats bits as "tue,thu" (English three-letter names: audit rows and
 * anything a script reads). */
int loan_format_weekdays(unsigned days, char *buf, size_t size);
/* The same for a person, in the user's language ("mar,jeu" in French);
 * loan_parse_weekdays reads both back. */
int loan_format_weekdays_shown(unsigned days, char *buf, size_t size);
/* Parses "18:00-20:00" or "18h-20h" into minutes (end may be 24:00). */
int loan_parse_time_range(const char *s, int *start, int *end);
/* The other way: "18:00-20:00" ("22:00-24:00" for an end at 1440). */
int loan_format_time_range(int start, int end, char *buf, size_t size);

/* A closed period: first..last inclusive, with the name shown as reason. */
struct loan_period {
    struct civil_date first;
    struct civil_date last;
    char name[LOAN_REASON_LEN];
};

enum loan_closure {
    LOAN_OPEN = 0,
    LOAN_CLOSED_PUBLIC_HOLIDAY,
    LOAN_CLOSED_SCHOOL_HOLIDAY,
    LOAN_CLOSED_SITE,
    LOAN_CLOSED_ROOM_BLACKOUT,
};

/* What closes a room on a date. Arrays belong to the caller; any may be
 * empty. School holidays are the pupils' dates of the site's zone, from the
 * first day off to the day before classes resume. */
struct loan_closures {
    unsigned holiday_flags;            /* enum holiday_flags */
    const struct loan_period *school;  size_t n_school;
    const struct loan_period *site;    size_t n_site;
    const struct loan_period *room;    size_t n_room;
};

/* Why `d` is closed (LOAN_OPEN if it is not); *reason gets the holiday's
 * untranslated name or the period's name. */
enum loan_closure loan_closed_on(const struct loan_closures *c,
                                 struct civil_date d, const char **reason);

struct loan_date {
    struct civil_date date;
    enum loan_closure closure;  /* LOAN_OPEN = an occurrence */
    const char *reason;         /* NULL when open; points into closures */
};

/* Every date of the pattern in order. Writes at most `cap` entries and sets
 * *count to the number of dates the pattern has (so a too-small array is
 * detected: *count > cap, return -1). closures may be NULL. */
int loan_series_expand(const struct loan_pattern *p,
                       const struct loan_closures *c,
                       struct loan_date *out, size_t cap, size_t *count);

/* The last day of the school year that contains `first`, used as the
 * default last date: the day before the summer holidays when the zone's
 * school holidays include them (a period starting in June, July or August
 * after `first`), otherwise 31 August (the school year runs September to
 * August; from July on, the coming one is meant). school may be NULL. */
int loan_school_year_end(struct civil_date first,
                         const struct loan_period *school, size_t n_school,
                         struct civil_date *out);

/* ---- exceptions ---------------------------------------------------- */

enum loan_exception_kind {
    LOAN_EXC_CANCELLED = 1,     /* this date will not happen */
    LOAN_EXC_MOVED,             /* this date happens at another date/time */
    LOAN_EXC_SKIPPED,           /* skipped by hand (not a closure) */
};

struct loan_exception {
    struct civil_date original;      /* the date the pattern gave */
    enum loan_exception_kind kind;
    struct civil_date moved_date;    /* LOAN_EXC_MOVED only */
    int moved_start, moved_end;      /* LOAN_EXC_MOVED only */
};

enum loan_occ_state {
    LOAN_OCC_PLANNED = 0,   /* happens as the pattern says */
    LOAN_OCC_MOVED,         /* happens at moved date/time */
    LOAN_OCC_CANCELLED,
    LOAN_OCC_SKIPPED,       /* closure or skipped by hand */
};

struct loan_occurrence {
    struct civil_date original;  /* the pattern's date (key) */
    struct civil_date date;      /* when it happens */
    int start_minute, end_minute;
    enum loan_occ_state state;
    enum loan_closure closure;   /* why skipped, when a closure */
    const char *reason;          /* closure name, NULL otherwise */
};

/* The occurrences of a series: the expansion of `p` with `exc` applied by
 * original date, plus moved exceptions whose original date is no longer in
 * the pattern (kept, state MOVED). Sorted by original date. Same count/cap
 * contract as loan_series_expand. */
int loan_series_occurrences(const struct loan_pattern *p,
                            const struct loan_closures *c,
                            const struct loan_exception *exc, size_t n_exc,
                            struct loan_occurrence *out, size_t cap,
                            size_t *count);

/* ---- edit scopes ----------------------------------------------------- */

enum loan_scope {
    LOAN_SCOPE_THIS = 0,       /* one date: becomes a moved exception */
    LOAN_SCOPE_FOLLOWING,      /* this date and the following ones */
    LOAN_SCOPE_ALL,            /* the whole series */
};

/* The result of editing series `old` at date `at` (an original date of it)
 * with the new pattern `edited`:
 *   THIS:      an exception MOVED at `at` to the date edited->first with
 *              edited's times; the series itself is unchanged.
 *   FOLLOWING: keep = old ending the day before `at`; split = edited from
 *              max(at, edited->first) to edited->last; exceptions on or
 *              after `at` belong to the split series.
 *   ALL:       keep = edited (first and last as given).
 * has_keep is 0 when nothing of the old series remains (FOLLOWING at its
 * first date). */
struct loan_edit {
    int has_keep;
    struct loan_pattern keep;
    int has_split;
    struct loan_pattern split;
    int has_exception;
    struct loan_exception exception;
};

int loan_series_edit(const struct loan_pattern *old, struct civil_date at,
                     enum loan_scope scope, const struct loan_pattern *edited,
                     struct loan_edit *out);

/* ---- checks -------------------------------------------------------- */

enum loan_capacity_check {
    LOAN_CAPACITY_OK = 0,
    LOAN_CAPACITY_EXCEEDED,   /* more people expected than the room holds */
    LOAN_CAPACITY_INVALID,    /* attendance < 0 or capacity < 1 */
};
/* attendance 0 = not given (accepted). */
enum loan_capacity_check loan_check_capacity(int attendance, int capacity);

/* Two loans of one room on `date` overlap when their half-open time ranges
 * share a minute. */
int loan_times_overlap(int start_a, int end_a, int start_b, int end_b);

#endif
