/* rng.h - the demo generator's own pseudo-random numbers.
 *
 * xoshiro256** seeded through splitmix64: fast, good enough for fake data,
 * and above all the same sequence on every machine for a given seed, which
 * rand() does not promise. Never seeded from the clock. */
#ifndef GUICHET_DEMO_RNG_H
#define GUICHET_DEMO_RNG_H

#include <stdint.h>

struct demo_rng {
    uint64_t s[4];
};

void demo_rng_seed(struct demo_rng *r, uint64_t seed);
/* An independent stream derived from `r`'s seed and a label, so that one
 * part of the data does not shift when another part draws more numbers. */
void demo_rng_fork(const struct demo_rng *r, uint64_t label,
                   struct demo_rng *out);
uint64_t demo_rng_next(struct demo_rng *r);
/* Uniform in [0, n); 0 when n is 0. Unbiased. */
uint64_t demo_rng_below(struct demo_rng *r, uint64_t n);
/* Uniform in [lo, hi], lo <= hi. */
int demo_rng_range(struct demo_rng *r, int lo, int hi);
/* Uniform in [0, 1). */
double demo_rng_unit(struct demo_rng *r);
/* 1 with probability p. */
int demo_rng_chance(struct demo_rng *r, double p);

#endif
