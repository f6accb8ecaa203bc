/* rk_random.h: a seeded pseudo-random generator whose draws are the same on
 * every build and machine, so that a result made "with seed 1" can be made
 * again anywhere. (Lua's math.random changed its algorithm between Lua
 * versions and may differ between builds, so it is not used for results.)
 *
 * The algorithm is SplitMix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014): the state advances by the
 * odd constant 0x9E3779B97F4A7C15 and each output is the state mixed by
 *   z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
 *   z = (z ^ (z >> 27)) * 0x94D049BB133111EB
 *   z =  z ^ (z >> 31)
 * in unsigned 64-bit arithmetic. The seed is the initial state. A uniform
 * draw takes the top 53 bits of an output: (z >> 11) * 2^-53, in [0, 1).
 * Not for cryptography.
 */
#ifndef RK_RANDOM_H
#define RK_RANDOM_H

#include <stdint.h>

typedef struct rk_random {
    uint64_t state;
} rk_random;

void rk_random_seed(rk_random *r, uint64_t seed);

/* The next 64-bit output. */
uint64_t rk_random_next(rk_random *r);

/* The next draw, uniform in [0, 1), a multiple of 2^-53. */
double rk_random_uniform(rk_random *r);

#endif
