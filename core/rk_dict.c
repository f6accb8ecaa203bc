#include "rk_dict.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a over the bytes: short keys dominate, and it is cheap and good enough
 * with a power-of-two table since the mixing below spreads the low bits. */
static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    h ^= h >> 15;
    return h;
}

void rk_dict_init(rk_dict *d)
{
    memset(d, 0, sizeof *d);
}

void rk_dict_free(rk_dict *d)
{
    free(d->arena);
    free(d->offsets);
    free(d->slots);
    free(d->hashes);
    memset(d, 0, sizeof *d);
}

static int equal_at(const rk_dict *d, uint32_t code, const char *s, size_t len)
{
    return rk_dict_len(d, code) == len && memcmp(rk_dict_str(d, code), s, len) == 0;
}

static uint32_t probe(const rk_dict *d, uint32_t h, const char *s, size_t len, uint32_t *slot_out)
{
    uint32_t mask = d->nslots - 1;
    uint32_t i = h & mask;
    for (;;) {
        uint64_t entry = d->slots[i];
        if (entry == 0) {
            *slot_out = i;
            return RK_NO_CODE;
        }
        uint32_t code = (uint32_t)entry - 1;
        if ((uint32_t)(entry >> 32) == h && equal_at(d, code, s, len))
            return code;
        i = (i + 1) & mask;
    }
}

uint32_t rk_dict_find(const rk_dict *d, const char *s, size_t len)
{
    if (d->nslots == 0)
        return RK_NO_CODE;
    uint32_t slot;
    return probe(d, hash_bytes(s, len), s, len, &slot);
}

static int grow_table(rk_dict *d)
{
    uint32_t nslots = d->nslots ? d->nslots * 2 : 64;
    uint64_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (uint32_t code = 0; code < d->count; code++) {
        uint32_t i = d->hashes[code] & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (uint64_t)d->hashes[code] << 32 | (code + 1);
    }
    free(d->slots);
    d->slots = slots;
    d->nslots = nslots;
    return 0;
}

uint32_t rk_dict_intern(rk_dict *d, const char *s, size_t len)
{
    /* Keep the load factor at most one half. */
    if ((uint64_t)(d->count + 1) * 2 > d->nslots && grow_table(d) != 0)
        return RK_NO_CODE;
    uint32_t h = hash_bytes(s, len);
    uint32_t slot;
    uint32_t code = probe(d, h, s, len, &slot);
    if (code != RK_NO_CODE)
        return code;
    if (d->count == RK_NO_CODE - 1)
        return RK_NO_CODE;

    if (d->count == d->offsets_cap) {
        uint32_t cap = d->offsets_cap ? d->offsets_cap * 2 : 64;
        size_t *offsets = realloc(d->offsets, cap * sizeof *offsets);
        if (!offsets)
            return RK_NO_CODE;
        d->offsets = offsets;
        uint32_t *hashes = realloc(d->hashes, cap * sizeof *hashes);
        if (!hashes)
            return RK_NO_CODE;
        d->hashes = hashes;
        d->offsets_cap = cap;
    }
    if (d->arena_len + len + 1 > d->arena_cap) {
        size_t cap = d->arena_cap ? d->arena_cap : 1024;
        while (cap < d->arena_len + len + 1)
            cap *= 2;
        char *arena = realloc(d->arena, cap);
        if (!arena)
            return RK_NO_CODE;
        d->arena = arena;
        d->arena_cap = cap;
    }
    code = d->count++;
    d->offsets[code] = d->arena_len;
    d->hashes[code] = h;
    memcpy(d->arena + d->arena_len, s, len);
    d->arena[d->arena_len + len] = '\0';
    d->arena_len += len + 1;
    d->slots[slot] = (uint64_t)h << 32 | (code + 1);
    return code;
}
