#!/bin/sh
# run.sh SITREP GAZETTEER [OUTDIR] - the browser test (browser-test.mjs):
# installs Debian's Chromium and playwright-core when missing
# (scripts/setup.sh --browser), then drives the live page and the report.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
SITREP=$1
GAZ=$2
OUT=${3:-$(dirname "$SITREP")/browser}
"$here/../../scripts/setup.sh" --browser
# The 10,000-incident report: a store made by bench_report (built here when
# missing, from the same build directory).
B=$(dirname "$SITREP")
mkdir -p "$OUT"
rm -f "$OUT/big.db" "$OUT/big.db-wal" "$OUT/big.db-shm"
if make -s -C "$here/../.." "B=$B" "$B/bench/bench_report" >/dev/null &&
   "$B/bench/bench_report" --gazetteer "$GAZ" --n 10000 --db "$OUT/big.db" >/dev/null; then
    BIG_DB=$OUT/big.db
    export BIG_DB
else
    echo "browser: could not build the 10,000-incident store" >&2
    exit 1
fi
exec node "$here/browser-test.mjs" "$SITREP" "$GAZ" "$OUT"
