/*
 * fuzz_lexicon.c - libFuzzer target for the lexicon parser: arbitrary bytes
 * as the content of one lexicon file given to sr_lex_create_from.  A bad
 * line must give SITREP_E_DATA with a message, never a crash; a good lexicon
 * is then matched against its own text.
 */
#include <stdlib.h>
#include <string.h>

#include "lexicon/sr_lexicon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sr_alloc a;
    sr_alloc_init(&a, NULL);
    char *p = malloc(size ? size : 1);
    if (!p)
        return 0;
    if (size)
        memcpy(p, data, size);
    sr_embedded_file f = {"fuzz.txt", p, size};
    sr_lex *lx = NULL;
    char err[256];
    if (sr_lex_create_from(&a, &f, 1, &lx, err, sizeof err) == SITREP_OK) {
        sr_arena ar;
        sr_arena_init(&ar, &a, 4096);
        sr_tokens t;
        sr_match *m;
        size_t n;
        if (sr_tokenize(&ar, p, size, &t) == SITREP_OK)
            (void)sr_lex_match_all(lx, &t, &ar, &m, &n);
        sr_arena_free(&ar);
        sr_lex_free(lx);
    }
    free(p);
    return 0;
}
