/*
 * fuzz_gzip.c - libFuzzer target: the decompression layer.  The input after
 * the knob byte is taken as gzip (or zstd) framing around any format, read
 * with AUTO detection (bit 4 of the knob) or as WARC, so damaged members,
 * truncated frames, trailing garbage and resynchronisation are exercised
 * together with the readers above them.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_drain(data, size, size && (data[0] & 16) ? SITREP_FORMAT_AUTO : SITREP_FORMAT_WARC);
    return 0;
}
