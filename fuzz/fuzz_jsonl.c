/*
 * fuzz_jsonl.c - libFuzzer target: arbitrary bytes through the JSON Lines
 * reader (SITREP_FORMAT_JSONL), draining every article and error, every
 * article written as JSON and CSV to a discarding sink.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_drain(data, size, SITREP_FORMAT_JSONL);
    return 0;
}
