#!/bin/sh
# bench-guard.sh [--update] [BUILD_DIR] - accuracy guard for CI: runs the
# GTD/ACLED accuracy benchmark (BUILD_DIR/bench/bench_gtd, default build/;
# `make build/bench/bench_gtd` builds it) and the MUC-4 template benchmark
# (scripts/muc4-bench.sh, when build/bench/muc4_score is built) and the
# CrisisFACTS toll benchmark (when bench_crisisfacts is built) and the ECB+
# linking benchmark (when bench_ecb is built), reads their "metric NAME VALUE"
# lines and compares each with bench/baseline.txt (lines "NAME VALUE";
# lines starting with # are comments).
#
# Fails (exit 1) when a metric of the baseline is more than 1.0 point below
# it, or missing from the benchmark's output.  Metrics the baseline does not
# know are shown as "new" and do not fail.  Prints every metric with its
# baseline and the difference.  --update rewrites the baseline from this
# run (after an improvement; review the diff before committing it).
#
# The data come from $SITREP_DATA (default ../shared/data, relative to the
# repository); when they are absent the guard says "skipped" and exits 0.
set -u

cd "$(dirname "$0")/.."

update=0
if [ "${1:-}" = "--update" ]; then
    update=1
    shift
fi
B=${1:-build}
DATA=${SITREP_DATA:-../shared/data}
BASELINE=bench/baseline.txt
TOLERANCE=1.0

if [ ! -d "$DATA" ]; then
    echo "bench-guard: skipped: $DATA not found"
    exit 0
fi
BENCH=$B/bench/bench_gtd
[ -x "$BENCH" ] || { echo "bench-guard: $BENCH not built (make $BENCH)" >&2; exit 2; }

out=$(mktemp "${TMPDIR:-/tmp}/bench-guard.XXXXXX") || exit 2
trap 'rm -f "$out" "$out.new"' EXIT INT TERM

if ! "$BENCH" --data "$DATA" --gazetteer "$B/gazetteer.bin" --groups lexicon/groups.txt \
        > "$out" 2>&1; then
    echo "bench-guard: $BENCH failed:" >&2
    tail -n 20 "$out" >&2
    exit 1
fi

# The MUC-4 template benchmark adds its figures (muc4_tst12_f, ...) when its
# scorer is built.
if [ -x "$B/bench/muc4_score" ] && ! scripts/muc4-bench.sh "$B" >> "$out" 2>&1; then
    echo "bench-guard: scripts/muc4-bench.sh failed:" >&2
    tail -n 20 "$out" >&2
    exit 1
fi

# The CrisisFACTS consolidated-toll benchmark (store linking and the
# consolidation policy) adds crisisfacts_toll_match_pct when built.
if [ -x "$B/bench/bench_crisisfacts" ] &&
        ! "$B/bench/bench_crisisfacts" --data "$DATA/crisisfacts" --gazetteer "$B/gazetteer.bin" \
            >> "$out" 2>&1; then
    echo "bench-guard: bench_crisisfacts failed:" >&2
    tail -n 20 "$out" >&2
    exit 1
fi

# The ECB+ linking benchmark (store) adds ecb_bcubed_f1_pct and
# ecb_other_no_incident_pct when built.
if [ -x "$B/bench/bench_ecb" ] &&
        ! "$B/bench/bench_ecb" --data "$DATA/ecbplus" --gazetteer "$B/gazetteer.bin" \
            >> "$out" 2>&1; then
    echo "bench-guard: bench_ecb failed:" >&2
    tail -n 20 "$out" >&2
    exit 1
fi

# The last value of each metric, in order of first appearance.
metrics=$(awk '$1 == "metric" && NF == 3 { if (!($2 in v)) o[++n] = $2; v[$2] = $3 }
               END { for (i = 1; i <= n; i++) print o[i], v[o[i]] }' "$out")
if [ -z "$metrics" ]; then
    if grep -q 'skipped' "$out"; then
        echo "bench-guard: skipped: the benchmark found no data:"
        grep 'skipped' "$out" | sed 's/^/  /'
        exit 0
    fi
    echo "bench-guard: the benchmark printed no \"metric NAME VALUE\" line" >&2
    tail -n 20 "$out" >&2
    exit 1
fi

if [ $update -eq 1 ]; then
    {
        echo "# Accuracy baseline for scripts/bench-guard.sh (bench/bench_gtd on"
        echo "# ../shared/data/gtd-drone): NAME VALUE, in percent.  CI fails when a"
        echo "# metric drops more than $TOLERANCE point below its value here."
        echo "# Rewrite with: scripts/bench-guard.sh --update"
        printf '%s\n' "$metrics"
    } > "$out.new" && mv "$out.new" "$BASELINE" || exit 2
    echo "bench-guard: $BASELINE updated:"
    printf '%s\n' "$metrics" | sed 's/^/  /'
    exit 0
fi

[ -f "$BASELINE" ] || { echo "bench-guard: $BASELINE not found (scripts/bench-guard.sh --update)" >&2; exit 2; }

# Baseline first (file), then this run (standard input).
printf '%s\n' "$metrics" | awk -v tol="$TOLERANCE" '
    FNR == NR {
        if ($0 ~ /^[ \t]*(#|$)/) next
        if (NF != 2 || $2 !~ /^-?[0-9]+(\.[0-9]+)?$/) {
            printf "bench-guard: %s:%d: malformed line: %s\n", FILENAME, FNR, $0 > "/dev/stderr"
            bad = 1
            next
        }
        base[$1] = $2; order[++nb] = $1
        next
    }
    { now[$1] = $2; if (!($1 in base)) extra[++ne] = $1 }
    END {
        printf "%-20s %9s %9s %8s\n", "metric", "baseline", "now", "delta"
        for (i = 1; i <= nb; i++) {
            m = order[i]
            if (!(m in now)) {
                printf "%-20s %9.1f %9s %8s  FAIL (missing)\n", m, base[m], "-", "-"
                fail++
                continue
            }
            d = now[m] - base[m]
            # A drop of exactly the tolerance passes (values carry one decimal).
            verdict = (d < -tol - 1e-9) ? "FAIL" : "ok"
            if (verdict == "FAIL") fail++
            printf "%-20s %9.1f %9.1f %+8.1f  %s\n", m, base[m], now[m], d, verdict
        }
        for (i = 1; i <= ne; i++)
            printf "%-20s %9s %9.1f %8s  new (not in baseline)\n", extra[i], "-", now[extra[i]], "-"
        if (bad) fail++
        if (fail)
            printf "bench-guard: %d metric(s) more than %.1f point below the baseline (or missing)\n", fail, tol
        else
            printf "bench-guard: ok (%d metrics within %.1f point of the baseline)\n", nb, tol
        exit fail ? 1 : 0
    }' "$BASELINE" -
