/* demo.h - generator of realistic, entirely fake French data around a date.
 *
 * 2-3 sites (social-services offices; collèges later), services, a dozen
 * agents with opening hours, motifs with colours and durations, thousands of
 * beneficiaries with generated names, months of past appointments with
 * outcomes (no-shows more frequent with long lead times and for people who
 * missed before) and the coming weeks booked. Deterministic for a seed.
 * Writes through storage/ only, in bulk transactions. */
#ifndef GUICHET_DEMO_H
#define GUICHET_DEMO_H

#include <stdint.h>
#include "../storage/storage.h"

struct demo_options {
    uint64_t seed;            /* same seed, same data */
    int scale;                /* 1 = one département office size; N = N times */
    struct civil_date today;  /* data is generated around this day */
    int history_days;         /* past covered; 0 = default (about 6 months) */
    int future_days;          /* future booked; 0 = default (about 6 weeks) */
    long target_appointments; /* 0 = what scale implies; else about this many */
    void (*progress)(void *ctx, const char *what); /* may be NULL */
    void *progress_ctx;
};

/* Room loans (loans.c). */
struct demo_loan_counts {
    long colleges, rooms, associations, requests, pending;
    long holiday_rows; /* rows of the shipped school calendar imported */
};

/* data/calendrier-scolaire.csv, compiled in by make. */
extern const unsigned char demo_school_calendar_csv[];
extern const size_t demo_school_calendar_csv_len;

struct demo_counts {
    long sites, agents, motifs, people, appointments; /* sites: social-services */
    struct demo_loan_counts loans;
};

/* Fills an empty database. Returns DB_OK or a db_status (err filled). */
int demo_generate(struct db *db, const struct demo_options *opts,
                  struct demo_counts *counts, struct db_error *err);

/* The shipped school calendar, then collèges, rooms, associations and a
 * season of weekly loans around `today` that skips its holidays (called by
 * demo_generate after the appointments). */
int demo_loans_write(struct db *db, struct civil_date today, struct demo_loan_counts *counts,
                     struct db_error *err);

#endif
