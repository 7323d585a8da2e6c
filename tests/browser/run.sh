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
exec node "$here/browser-test.mjs" "$SITREP" "$GAZ" "$OUT"
