/*
 * fuzz_numdate.c - libFuzzer target for the number and date parsers: every
 * offset of the input is given to sr_num_parse, sr_date_parse_at (against a
 * fixed reference date and without one), sr_date_parse_full and
 * sr_dateline_parse.  Consumed lengths must stay inside the input.
 */
#include <stdlib.h>
#include <string.h>

#include "numdate/sr_numdate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *p = malloc(size ? size : 1);
    if (!p)
        return 0;
    if (size)
        memcpy(p, data, size);
    sitrep_date ref = {2024, 3, 1}, none = {0, 0, 0};
    for (size_t i = 0; i < size && i < 4096; i++) {
        sr_num n;
        sr_date_expr de;
        sitrep_date d;
        if (sr_num_parse(p + i, size - i, &n) > size - i)
            abort();
        if (sr_date_parse_at(p + i, size - i, ref, &de) > size - i)
            abort();
        if (sr_date_parse_at(p + i, size - i, none, &de) > size - i)
            abort();
        if (sr_date_parse_full(p + i, size - i, &d) > size - i)
            abort();
    }
    sr_dateline dl;
    if (sr_dateline_parse(p, size, ref, &dl) && (dl.end > size || dl.place_end > size))
        abort();
    free(p);
    return 0;
}
