#!/bin/sh
# fuzz.sh - build the libFuzzer targets (fuzz/fuzz_*.c) against every library
# source and run each for a bounded time.
#
#   scripts/fuzz.sh [SECONDS [TARGET...]]   default 30 seconds per target,
#                                           every fuzz/fuzz_*.c target
#
# Needs clang with libFuzzer.  Builds in build-fuzz/; the seeds of
# fuzz/corpus/<target>/ are read, new inputs go to build-fuzz/corpus/<target>/
# (the repository's seed directories are never written).  Crashes are saved
# as build-fuzz/crash-* and make the script exit 1.
set -eu

secs=${1:-30}
[ $# -gt 0 ] && shift
case $secs in
    ''|*[!0-9]*) echo "fuzz.sh: seconds must be a number: $secs" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."

CLANG=${CLANG:-clang}
command -v "$CLANG" >/dev/null 2>&1 || { echo "fuzz.sh: $CLANG not found" >&2; exit 2; }

out=build-fuzz
mkdir -p "$out"

# The lexicons and the report's world map are compiled into the library as
# generated C.
make -s build/gen/lexicon_data.c build/gen/map_data.c

FLAGS="-std=c17 -g -O1 -fno-sanitize-recover=all -fno-omit-frame-pointer \
 -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L"
LIBS="-lutf8proc -lgumbo -lexpat -lz -lzstd -lsqlite3 -lm -lpthread"

# The library is compiled once (instrumented, without libFuzzer's main) and
# linked into every target; source file names are unique across src/.
echo "== library: build"
rm -rf "$out/obj"
mkdir -p "$out/obj"
# shellcheck disable=SC2086
(cd "$out/obj" && $CLANG $FLAGS -I../../include -I../../src \
    -fsanitize=fuzzer-no-link,address,undefined \
    -c ../../src/*/*.c ../../build/gen/lexicon_data.c ../../build/gen/map_data.c)

# Per target: -max_len (bytes).  The readers read 64 KiB chunks, so their
# inputs may be larger than one chunk; extraction is given article-sized text.
max_len() {
    case $1 in
        fuzz_text|fuzz_jsonl|fuzz_html|fuzz_feed|fuzz_warc|fuzz_gzip) echo 200000 ;;
        *) echo 65536 ;;
    esac
}

# Per target: sources outside the library that it tests (build tools, the
# service's request checks with the command helpers they use).
extra_src() {
    case $1 in
        fuzz_topojson) echo tools/topojson.c ;;
        fuzz_http) echo cli/cli_http.c cli/cmd_store.c cli/cli_json.c ;;
    esac
}

if [ $# -gt 0 ]; then
    targets=
    for t in "$@"; do
        t=fuzz_${t#fuzz_}
        [ -f "fuzz/$t.c" ] || { echo "fuzz.sh: no target fuzz/$t.c" >&2; exit 2; }
        targets="$targets fuzz/$t.c"
    done
else
    targets=$(echo fuzz/fuzz_*.c)
fi

status=0
for src in $targets; do
    t=$(basename "$src" .c)
    echo "== $t: build"
    # shellcheck disable=SC2086
    if ! $CLANG $FLAGS -fsanitize=fuzzer,address,undefined "$src" $(extra_src "$t") "$out"/obj/*.o $LIBS \
            -o "$out/$t"; then
        echo "fuzz.sh: $t: build failed" >&2
        status=1
        continue
    fi
    mkdir -p "$out/corpus/$t"
    dict=
    [ -f "fuzz/${t#fuzz_}.dict" ] && dict="-dict=fuzz/${t#fuzz_}.dict"
    echo "== $t: run ${secs}s"
    # shellcheck disable=SC2086
    if ! "$out/$t" -max_total_time="$secs" -max_len="$(max_len "$t")" \
            -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
            -artifact_prefix="$out/crash-$t-" $dict \
            "$out/corpus/$t" "fuzz/corpus/$t" 2>"$out/$t.log"; then
        echo "fuzz.sh: $t: failure, see $out/$t.log" >&2
        tail -n 40 "$out/$t.log" >&2
        status=1
    else
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$out/$t.log" || true
    fi
done
[ $status -eq 0 ] && echo "fuzz: all targets ran ${secs}s without failure"
exit $status
