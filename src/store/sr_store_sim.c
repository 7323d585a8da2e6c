/*
 * sr_store_sim.c - text fingerprints for the store: a 128-bit content hash
 * (exact duplicates) and a 64-bit SimHash over word 3-shingles (syndicated
 * copies that differ by a headline, a byline or a trailing paragraph).
 */
#include "store/sr_store.h"

/* 64-bit mix (SplitMix64 finaliser). */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

void sr_content_hash(const char *p, size_t n, char out[33])
{
    /* Two FNV-1a lanes with different offsets, each finalised. */
    uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL ^ (uint64_t)n;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        h1 = (h1 ^ c) * 0x100000001b3ULL;
        h2 = (h2 ^ c) * 0x100000001b3ULL;
        h2 ^= h2 >> 29;
    }
    h1 = mix64(h1 ^ (uint64_t)n);
    h2 = mix64(h2 + h1);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[i] = hex[(h1 >> (60 - 4 * i)) & 15];
        out[16 + i] = hex[(h2 >> (60 - 4 * i)) & 15];
    }
    out[32] = '\0';
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

uint64_t sr_simhash(const char *p, size_t n, size_t *nshingles)
{
    int32_t acc[64] = {0};
    uint64_t w[3] = {0, 0, 0};
    size_t nwords = 0, ns = 0, i = 0;
    while (i < n) {
        while (i < n && !is_word_byte((unsigned char)p[i]))
            i++;
        if (i >= n)
            break;
        uint64_t h = 0xcbf29ce484222325ULL;
        while (i < n && is_word_byte((unsigned char)p[i])) {
            unsigned char c = (unsigned char)p[i++];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            h = (h ^ c) * 0x100000001b3ULL;
        }
        w[0] = w[1];
        w[1] = w[2];
        w[2] = h;
        if (++nwords < 3)
            continue;
        uint64_t s = mix64(w[0] * 31 + mix64(w[1] * 17 + mix64(w[2])));
        for (int b = 0; b < 64; b++)
            acc[b] += (s >> b) & 1 ? 1 : -1;
        ns++;
    }
    uint64_t out = 0;
    for (int b = 0; b < 64; b++)
        if (acc[b] > 0)
            out |= (uint64_t)1 << b;
    if (nshingles)
        *nshingles = ns;
    return out;
}

int sr_hamming64(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ b;
    int c = 0;
    while (x) {
        x &= x - 1;
        c++;
    }
    return c;
}
