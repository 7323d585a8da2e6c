/*
 * fuzz_text.c - libFuzzer target: arbitrary bytes through the plain-text
 * reader (SITREP_FORMAT_TEXT, and AUTO detection when the first byte is
 * odd), every article written as JSON and CSV to a discarding sink.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_drain(data, size, size && (data[0] & 16) ? SITREP_FORMAT_AUTO : SITREP_FORMAT_TEXT);
    return 0;
}
