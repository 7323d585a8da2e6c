/*
 * fuzz_extract.c - libFuzzer target: arbitrary bytes as the text of one
 * article given to sitrep_extract() on a handle without gazetteer; the
 * result is written as JSON, CSV and MUC-4 templates (whose writer reads
 * the text around targets for victims' names) to a discarding sink.  The handle is
 * created once and reused, as a long-running caller would.
 */
#include <stdlib.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sitrep *handle;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!handle) {
        char msg[256];
        sitrep_config cfg;
        memset(&cfg, 0, sizeof cfg);
        if (sitrep_create(&cfg, &handle, msg, sizeof msg) != SITREP_OK)
            abort(); /* the fuzzer cannot run without a handle */
    }
    sitrep_article a;
    memset(&a, 0, sizeof a);
    a.id.ptr = "fuzz";
    a.id.len = 4;
    /* a copy of exactly size bytes, so that reading past the end is caught */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    a.text.ptr = text;
    a.text.len = size;
    sitrep_date none = {0, 0, 0};
    const sitrep_result *res = NULL;
    if (sitrep_extract(handle, &a, none, &res) == SITREP_OK && res) {
        size_t sum = 0;
        (void)sitrep_write_json(&a, res, fz_sink, &sum);
        (void)sitrep_write_csv(&a, res, fz_sink, &sum);
        (void)sitrep_write_muc4(&a, res, fz_sink, &sum);
    } else {
        (void)sitrep_errmsg(handle);
    }
    free(text);
    return 0;
}
