/*
 * fuzz_warc.c - libFuzzer target: arbitrary bytes through the warc reader
 * (SITREP_FORMAT_WARC, and AUTO detection when bit 4 of the first byte is
 * set), every article written as JSON (with source offsets where the
 * article has a source map) and CSV to a discarding sink; bit 7 of the
 * first byte defers the pages to sitrep_page_parse (as --jobs does).
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_drain(data, size, size && (data[0] & 16) ? SITREP_FORMAT_AUTO : SITREP_FORMAT_WARC);
    return 0;
}
