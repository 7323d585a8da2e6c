/*
 * fuzz_gazcompile.c - libFuzzer target for the gazetteer compiler's source
 * parsers (GeoNames TSV, admin1 JSON, ISO 3166 JSON): the first input byte
 * picks which of the three sources the rest replaces; the other two are the
 * small fixtures of tests/data/gaz.  A bad source must give an error naming
 * the file and position, never a crash; a good one must compile to a file
 * that opens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gazetteer/sr_gaz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    if (n)
        fwrite(p, 1, n, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char src[64], out[64];
    snprintf(src, sizeof src, "/tmp/sitrep-fuzz-gc-%ld.in", (long)getpid());
    snprintf(out, sizeof out, "/tmp/sitrep-fuzz-gc-%ld.bin", (long)getpid());
    put(src, data + 1, size - 1);
    const char *cities = "tests/data/gaz/cities.txt";
    const char *admin1 = "tests/data/gaz/admin1.json";
    const char *countries = "tests/data/gaz/countries.json";
    const char *admin2 = "tests/data/gaz/admin2.json";
    switch (data[0] % 4) {
    case 0: cities = src; break;
    case 1: admin1 = src; break;
    case 3: admin2 = src; break;
    default: countries = src; break;
    }
    sr_alloc a;
    sr_alloc_init(&a, NULL);
    char err[512];
    if (sr_gaz_compile(&a, cities, admin1, admin2, countries, out, err, sizeof err) == SITREP_OK) {
        sr_gaz *g = NULL;
        if (sr_gaz_open(&a, out, &g, err, sizeof err) != SITREP_OK)
            abort(); /* what the compiler writes must open */
        sr_gaz_close(g);
    }
    unlink(src);
    unlink(out);
    return 0;
}
