#!/bin/sh
# bench.sh - run the benchmarks (make bench): accuracy on the GTD/ACLED
# drone-attack database, then speed/memory/start-up on the MUC-4 dev texts.
# Usage: scripts/bench.sh [BUILD_DIR]   (default build)
# Data comes from $SITREP_DATA (default ../shared/data); a benchmark whose
# data is absent says "skipped" and does not fail.  docs/benchmarks.md
# explains every figure.  The "metric NAME VALUE" lines are for CI.
set -u
B=${1:-build}
DATA=${SITREP_DATA:-../shared/data}
status=0

if [ ! -x "$B/bench/bench_gtd" ] || [ ! -x "$B/bench/bench_speed" ]; then
    echo "bench.sh: $B/bench/bench_gtd or bench_speed missing (run: make bench)" >&2
    exit 2
fi

echo "== accuracy: gtd-drone"
"$B/bench/bench_gtd" --data "$DATA" --gazetteer "$B/gazetteer.bin" \
    --groups lexicon/groups.txt || status=1

echo
echo "== speed: muc4 dev x30"
# --timeout bounds the run at 3 minutes even for a very slow build.
"$B/bench/bench_speed" --sitrep "$B/sitrep" --muc "$DATA/muc4/dev" \
    --work "$B/bench" --repeat 30 --startup-runs 20 --timeout 180 || status=1

echo
echo "== readers: WARC (gzip per record) of generated pages, 50 and 500 MB of HTML"
# Built by make bench; the input is generated in $B/bench at run time.
if [ -x "$B/bench/bench_warc" ]; then
    "$B/bench/bench_warc" --sitrep "$B/sitrep" --gazetteer "$B/gazetteer.bin" \
        --work "$B/bench" --small 50 --large 500 || status=1
else
    echo "bench_warc: skipped ($B/bench/bench_warc missing)"
fi

for b in bench_ecb bench_crisisfacts bench_store_scale bench_report; do
    if [ -x "$B/bench/$b" ]; then
        case $b in
            bench_ecb) "$B/bench/$b" --data "${SITREP_DATA:-../shared/data}/ecbplus" --gazetteer "$B/gazetteer.bin" || status=1 ;;
            bench_crisisfacts) "$B/bench/$b" --data "$DATA/crisisfacts" --gazetteer "$B/gazetteer.bin" || status=1 ;;
            *) "$B/bench/$b" --gazetteer "$B/gazetteer.bin" || status=1 ;;
        esac
    fi
done
echo
echo "== service: wrk on loopback against sitrep serve (10,000 incidents; POST 60 s, 8 clients)"
if command -v wrk >/dev/null 2>&1; then
    bench/bench_serve.sh "$B/sitrep" "$B/gazetteer.bin" || status=1
else
    echo "bench_serve: skipped (wrk not installed: scripts/setup.sh installs it)"
fi
scripts/muc4-bench.sh "$B" || status=1
exit $status
