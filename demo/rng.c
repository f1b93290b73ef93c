/* rng.c - xoshiro256** with splitmix64 seeding (public-domain algorithms by
 * Blackman and Vigna), see rng.h for why the demo has its own generator. */
#include "rng.h"

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
    uint64_t st = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&st);
    /* splitmix64 never yields four zero words in a row, but be explicit:
     * the all-zero state is the one xoshiro cannot leave. */
    if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
        r->s[0] = 1;
}

void demo_rng_fork(const struct demo_rng *r, uint64_t label,
                   struct demo_rng *out)
{
    uint64_t st = r->s[0] ^ rotl(r->s[1], 17) ^ (label * 0xd1342543de82ef95ULL);
    demo_rng_seed(out, splitmix64(&st));
}

uint64_t demo_rng_next(struct demo_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t demo_rng_below(struct demo_rng *r, uint64_t n)
{
    if (n == 0)
        return 0;
    /* Reject the few top values that would favour small results. */
    uint64_t threshold = (0 - n) % n;
    for (;;) {
        uint64_t x = demo_rng_next(r);
        if (x >= threshold)
            return x % n;
    }
}

int demo_rng_range(struct demo_rng *r, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int)demo_rng_below(r, (uint64_t)((int64_t)hi - lo + 1));
}

double demo_rng_unit(struct demo_rng *r)
{
    return (double)(demo_rng_next(r) >> 11) * 0x1.0p-53;
}

int demo_rng_chance(struct demo_rng *r, double p)
{
    return demo_rng_unit(r) < p;
}
