#!/bin/sh
# muc4-bench.sh [BUILD_DIR] - the MUC-4 benchmark: split the TST1+TST2,
# TST3 and DEV corpora of ../shared/data/muc4 into articles (bench/muc4-jsonl.sh),
# run `sitrep extract --format muc4` on them and score the templates with
# bench/muc4_score against the official keys.  Prints the score reports'
# summary and one "metric NAME VALUE" line per figure (recall, precision, F
# on TST1+TST2, TST3 and DEV), which scripts/bench-guard.sh guards.  Skips with
# a message when the data are absent.
set -u
cd "$(dirname "$0")/.."
B=${1:-build}
DATA=${SITREP_DATA:-../shared/data}
M=$DATA/muc4
if [ ! -d "$M/tst3" ]; then
    echo "muc4-bench: skipped: $M not found"
    exit 0
fi
for x in "$B/sitrep" "$B/bench/muc4_score"; do
    [ -x "$x" ] || { echo "muc4-bench: $x not built" >&2; exit 2; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/muc4-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
cat "$M/tst1/tst1-muc3" "$M/tst2/tst2-muc4" | bench/muc4-jsonl.sh > "$tmp/tst12.jsonl"
bench/muc4-jsonl.sh "$M/tst3/tst3-muc4" > "$tmp/tst3.jsonl"
status=0
run() { # name jsonl key...
    name=$1 in=$2
    shift 2
    keys=""
    for k in "$@"; do keys="$keys --key $k"; done
    if ! "$B/sitrep" extract --format muc4 --gazetteer "$B/gazetteer.bin" "$in" > "$tmp/$name.resp"; then
        echo "muc4-bench: extraction failed on $name" >&2
        status=1
        return
    fi
    # shellcheck disable=SC2086
    "$B/bench/muc4_score" $keys --response "$tmp/$name.resp" > "$tmp/$name.score" || status=1
    echo "== $name"
    grep -E '^(messages|ALL TEMPLATES|F-MEASURE)' "$tmp/$name.score"
    awk -v n="$name" '/^muc4 all-templates/ {
        print "metric muc4_" n "_recall", $4; print "metric muc4_" n "_precision", $6; print "metric muc4_" n "_f", $8 }' \
        "$tmp/$name.score"
}
run tst12 "$tmp/tst12.jsonl" "$M/tst1/key-tst1.v7" "$M/tst2/key-tst2.v4"
run tst3 "$tmp/tst3.jsonl" "$M/tst3/key-tst3.v2"
# The role-filler metric of the neural papers (GRIT, GTT, IterX) on
# gtt-processed/dev.json, which holds the TST1+TST2 documents
G=$M/gtt-processed/dev.json
if [ -f "$G" ] && [ -x "$B/bench/gtt_score" ] && [ -s "$tmp/tst12.resp" ]; then
    "$B/bench/gtt_score" --gold "$G" --muc4 "$tmp/tst12.resp" > "$tmp/gtt.score" || status=1
    echo "== gtt role-filler (gtt-processed/dev.json)"
    grep '^gtt ' "$tmp/gtt.score"
    awk '/^gtt micro/ { print "metric muc4_gtt_micro_p", $4; print "metric muc4_gtt_micro_r", $6;
        print "metric muc4_gtt_micro_f", $8 }' "$tmp/gtt.score"
fi
# DEV (1300 texts) is the development set: reported, and guarded like the others
if ls "$M"/dev/dev-muc3-* >/dev/null 2>&1; then
    cat "$M"/dev/dev-muc3-* | bench/muc4-jsonl.sh > "$tmp/dev.jsonl"
    # shellcheck disable=SC2046 # one key file per word
    run dev "$tmp/dev.jsonl" $(ls "$M"/dev/key-dev-*)
fi
exit $status
