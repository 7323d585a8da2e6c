/*
 * fuzz_html.c - libFuzzer target: arbitrary bytes through the html reader
 * (SITREP_FORMAT_HTML, and AUTO detection when bit 4 of the first byte is
 * set), every article written as JSON (with source offsets where the
 * article has a source map) and CSV to a discarding sink.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_drain(data, size, size && (data[0] & 16) ? SITREP_FORMAT_AUTO : SITREP_FORMAT_HTML);
    return 0;
}
