/* rk_dict.h: a table of distinct strings, for dictionary-encoded text.
 *
 * Each distinct byte string gets a dense code 0..count-1 in order of first
 * appearance. Strings are stored once, NUL-terminated, in one growing arena;
 * codes stay valid as the dictionary grows (pointers into it do not: fetch
 * them again with rk_dict_str after an intern).
 */
#ifndef RK_DICT_H
#define RK_DICT_H

#include <stddef.h>
#include <stdint.h>

#define RK_NO_CODE UINT32_MAX   /* "missing" in a text column; never a valid code */

typedef struct rk_dict {
    char *arena;        /* the strings, each followed by a NUL */
    size_t arena_len;
    size_t arena_cap;
    size_t *offsets;    /* offsets[code] = start of that string in arena */
    uint32_t count;     /* number of distinct strings */
    uint32_t offsets_cap;
    uint64_t *slots;    /* open addressing: hash << 32 | (code + 1); 0 = empty. The
                           hash beside the code spares a memory access per probe */
    uint32_t *hashes;   /* hashes[code], so growing the table rehashes nothing */
    uint32_t nslots;    /* a power of two */
} rk_dict;

void rk_dict_init(rk_dict *d);
void rk_dict_free(rk_dict *d);

/* Returns the code of the string s[0..len), adding it if new; RK_NO_CODE if
 * memory ran out (the dictionary is unchanged then). */
uint32_t rk_dict_intern(rk_dict *d, const char *s, size_t len);

/* Returns the code of s, or RK_NO_CODE if absent. */
uint32_t rk_dict_find(const rk_dict *d, const char *s, size_t len);

static inline const char *rk_dict_str(const rk_dict *d, uint32_t code)
{
    return d->arena + d->offsets[code];
}

static inline size_t rk_dict_len(const rk_dict *d, uint32_t code)
{
    size_t end = code + 1 < d->count ? d->offsets[code + 1] : d->arena_len;
    return end - d->offsets[code] - 1;
}

#endif
