#!/bin/sh
# muc4-validate.sh - validate the MUC-4 scorer against history: score every
# site's official 1992 TST3 response file with build/bench/muc4_score and
# compare the ALL TEMPLATES recall, precision and F with the site's official
# NRaD score report (results-tst3/scores/SITE/scores.tst3-pass1.nrad).
# Target (issue 4): |delta R| and |delta P| <= 3 points for every site, and
# the sites in the same order by F.  Prints a table; exits 1 when the target
# fails, 0 when it holds or when the data is absent (skipped).
# Usage: scripts/muc4-validate.sh [BUILD_DIR]   (default build)
# Data from $SITREP_DATA (default ../shared/data).
set -u
B=${1:-build}
DATA=${SITREP_DATA:-../shared/data}
M="$DATA/muc4"
SCORER=${MUC4_SCORER:-$B/bench/muc4_score}
TOL=${MUC4_TOLERANCE:-3}

if [ ! -d "$M/results-tst3/responses" ] || [ ! -f "$M/tst3/key-tst3.v2" ]; then
    echo "muc4-validate: skipped ($M/results-tst3 not found)"
    exit 0
fi
if [ ! -x "$SCORER" ]; then
    echo "muc4-validate: $SCORER missing (run: make B=$B $B/bench/muc4_score)" >&2
    exit 2
fi

tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT
for dir in "$M"/results-tst3/responses/*/; do
    site=$(basename "$dir")
    off="$M/results-tst3/scores/$site/scores.tst3-pass1.nrad"
    [ -f "$off" ] && [ -f "$dir/response.tst3" ] || continue
    # official: ALL TEMPLATES  POS ACT|COR PAR INC|ICR IPA|SPU MIS NON|REC PRE ...
    orow=$(grep '^ALL TEMPLATES' "$off" | head -1 | tr '|' ' ')
    ours=$("$SCORER" --key "$M/tst3/key-tst3.v2" --response "$dir/response.tst3" | grep '^muc4 all-templates')
    [ -n "$orow" ] && [ -n "$ours" ] || { echo "muc4-validate: cannot score $site" >&2; exit 1; }
    echo "$site $orow | $ours" >>"$tmp"
done

awk -v tol="$TOL" '
function f(r, p) { return (r + p) > 0 ? 2 * r * p / (r + p) : 0 }
function abs(x) { return x < 0 ? -x : x }
{
    # $1 site, $2 "ALL", $3 "TEMPLATES", $4 POS $5 ACT $6 COR $7 PAR ...
    site[NR] = $1
    orr[NR] = 100 * ($6 + 0.5 * $7) / $4
    opp[NR] = $5 > 0 ? 100 * ($6 + 0.5 * $7) / $5 : 0
    off[NR] = f(orr[NR], opp[NR])
    for (i = 1; i <= NF; i++) {
        if ($i == "recall") our_r[NR] = $(i + 1)
        if ($i == "precision") our_p[NR] = $(i + 1)
        if ($i == "f") our_f[NR] = $(i + 1)
    }
    n = NR
}
END {
    fail = 0
    printf "| site | official R | P | F | ours R | P | F | dR | dP | dF |\n"
    printf "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= n; i++) {
        dr = our_r[i] - orr[i]; dp = our_p[i] - opp[i]; df = our_f[i] - off[i]
        mark = (abs(dr) > tol || abs(dp) > tol) ? " FAIL" : ""
        if (mark != "") fail = 1
        printf "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %+.1f | %+.1f | %+.1f |%s\n", \
            site[i], orr[i], opp[i], off[i], our_r[i], our_p[i], our_f[i], dr, dp, df, mark
        if (abs(dr) > maxr) maxr = abs(dr)
        if (abs(dp) > maxp) maxp = abs(dp)
    }
    # order by F: count pairs ranked differently (ties within 0.05 ignored)
    inv = 0
    for (i = 1; i <= n; i++) for (j = 1; j <= n; j++) {
        if (off[i] > off[j] + 0.05 && our_f[i] < our_f[j]) { inv++; printf "order: %s above %s officially (%.2f > %.2f), below in ours (%.2f < %.2f)\n", site[i], site[j], off[i], off[j], our_f[i], our_f[j] }
    }
    printf "max |dR| %.2f  max |dP| %.2f  order inversions %d\n", maxr, maxp, inv
    if (inv > 0) fail = 1
    if (fail) { print "muc4-validate: FAIL (target: within " tol " points, same order by F)"; exit 1 }
    print "muc4-validate: ok (within " tol " points for every site, same order by F)"
}' "$tmp"
