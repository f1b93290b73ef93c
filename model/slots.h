/* slots.h - free-slot search and "is this time open?" for agents.
 *
 * The caller (storage, tui, cli) loads, for each candidate agent, the opening
 * rules (per site, optionally limited to some motifs), the absences and the
 * busy intervals (non-cancelled appointments, every site), and passes them in
 * arrays; nothing here does I/O or keeps state.
 *
 * Rules of a free slot (DESIGN.md §2):
 *   - it lies wholly inside ONE opening range of one applicable rule (a rule
 *     applies on the day per opening_rule_applies, at the wanted site, for
 *     the wanted motif);
 *   - slots start at the range's start and every `step` minutes after it;
 *   - the day is not a public holiday (holiday_lookup, Alsace-Moselle by
 *     flag): a holiday closes the whole day;
 *   - no absence takes any minute of it;
 *   - it overlaps no busy interval; intervals are half-open, so a slot may
 *     start when another appointment ends, or end when one starts;
 *   - it starts at or after `earliest` and on or before `latest`.
 * All times are civil minutes (civil_datetime_to_minutes): a 9:00 range on a
 * daylight-saving Sunday gives a 9:00 slot, and no hour is lost or gained.
 *
 * Cost: each agent is walked lazily in time order and the k agents are
 * merged, stopping at the wanted number of results; busy lists (sorted by
 * start) are walked once with an index, never rescanned per candidate. */
#ifndef GUICHET_MODEL_SLOTS_H
#define GUICHET_MODEL_SLOTS_H

#include <stddef.h>
#include <stdint.h>

#include "absence.h"
#include "civil.h"
#include "holidays.h"
#include "interval.h"
#include "opening.h"

/* One opening rule of an agent at a site. motif_ids lists the motifs the
 * range is for; motif_count 0 (motif_ids may then be NULL) means every
 * motif. */
struct slot_rule {
    int64_t site_id;
    struct opening_rule rule;
    const int64_t *motif_ids;
    size_t motif_count;
};

/* Everything known about one candidate agent. `busy` must be sorted by start
 * (ends in any order: overbooked appointments may overlap); invalid (empty or
 * reversed) busy intervals are ignored, as are invalid rules and absences. */
struct slot_agent {
    int64_t agent_id;
    const struct slot_rule *rules;
    size_t rule_count;
    const struct absence *absences;
    size_t absence_count;
    const struct interval *busy;
    size_t busy_count;
};

struct slot_query {
    int64_t site_id;              /* 0 = any site */
    int64_t motif_id;             /* 0 = ignore rules' motif lists */
    int duration_minutes;         /* 1..1440 */
    int step_minutes;             /* 0 = slots_default_step(duration) */
    struct civil_datetime earliest; /* first possible start (e.g. now) */
    struct civil_date latest;     /* last day a slot may start on, inclusive */
    unsigned holiday_flags;       /* enum holiday_flags */
};

struct slot {
    int64_t agent_id;
    int64_t site_id;              /* site of the rule the slot comes from */
    struct civil_datetime start;
    struct civil_datetime end;    /* start + duration */
    struct interval when;         /* the same, in civil minutes */
};

enum slots_error {
    SLOTS_OK = 0,
    SLOTS_ERR_INVALID = -1,       /* bad query, NULL arrays, unsorted busy */
    SLOTS_ERR_NO_MEMORY = -2,
};

/* Default step: the duration rounded up to a multiple of 5 (at least 5). */
int slots_default_step(int duration_minutes);

/* Up to `max` free slots, earliest first (ties: order of `agents`; the same
 * agent never twice at one start: the first matching rule gives the site).
 * *found receives the count. Returns SLOTS_OK or a negative enum
 * slots_error (then *found is 0). */
int slots_find(const struct slot_query *q, const struct slot_agent *agents,
               size_t agent_count, struct slot *out, size_t max,
               size_t *found);

/* Why `when` is not an open time for the agent, as a bit set (0 = open).
 * site_id 0 = any site; motif_id 0 = ignore motif lists. Busy intervals are
 * not looked at: this is about opening hours, for the "outside opening
 * hours" warning and the shading of the day view. Unlike slots_find,
 * adjacent or overlapping ranges join up here (9:00-12:00 and 12:00-17:00
 * make 11:30-12:30 open): an appointment booked by hand across them is
 * within opening hours. The bits are independent: a holiday inside the
 * rules' hours is SLOT_HOLIDAY alone. */
enum slot_closed {
    SLOT_OPEN = 0,
    SLOT_OUTSIDE_HOURS = 1 << 0,  /* some minute outside every opening range */
    SLOT_ABSENT = 1 << 1,         /* an absence takes part of it */
    SLOT_HOLIDAY = 1 << 2,        /* a public holiday touches it */
    SLOT_INVALID = 1 << 3,        /* empty or reversed interval, NULL agent */
};
unsigned slots_closed_reasons(const struct slot_agent *agent, int64_t site_id,
                              int64_t motif_id, unsigned holiday_flags,
                              struct interval when);
/* 1 if slots_closed_reasons() is SLOT_OPEN, 0 otherwise. */
int slots_is_open(const struct slot_agent *agent, int64_t site_id,
                  int64_t motif_id, unsigned holiday_flags,
                  struct interval when);

/* The open time of an agent on day `d`, for shading a day view: the union of
 * the applicable opening ranges minus absences, as disjoint intervals in time
 * order (none on a holiday). Returns how many were stored in `out` (at most
 * `max`; later ones are dropped), or -1 on invalid arguments. */
int slots_open_intervals_on(const struct slot_agent *agent, int64_t site_id,
                            int64_t motif_id, unsigned holiday_flags,
                            struct civil_date d, struct interval *out,
                            size_t max);

#endif
