/*
 * fuzz_gazetteer.c - libFuzzer target for the gazetteer file reader: the
 * input is written to a temporary file and opened with sr_gaz_open; a file
 * that opens is looked up and read back.  A corrupt file must give
 * SITREP_E_DATA, never a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gazetteer/sr_gaz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/sitrep-fuzz-gaz-%ld.bin", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    if (size)
        fwrite(data, 1, size, f);
    fclose(f);
    sr_alloc a;
    sr_alloc_init(&a, NULL);
    sr_gaz *g = NULL;
    char err[256];
    if (sr_gaz_open(&a, path, &g, err, sizeof err) == SITREP_OK) {
        sr_place out[8];
        (void)sr_gaz_lookup(g, "kabul", 5, out, 8);
        (void)sr_gaz_country(g, "AF", out);
        for (uint32_t i = 0; i < 64; i++)
            (void)sr_gaz_get(g, i, out);
        sr_gaz_close(g);
    }
    unlink(path);
    return 0;
}
