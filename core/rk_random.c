#include "rk_random.h"

void rk_random_seed(rk_random *r, uint64_t seed)
{
    r->state = seed;
}

uint64_t rk_random_next(rk_random *r)
{
    uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

double rk_random_uniform(rk_random *r)
{
    return (double)(rk_random_next(r) >> 11) * 0x1.0p-53;
}
