#!/bin/sh
# crash.sh SITREP - crash and re-ingest tests of the incident store.
#
# 1. Crash: `sitrep ingest --ack` is killed with SIGKILL at several moments
#    while it ingests generated reports.  After each kill the database must
#    pass `sitrep db-check` (SQLite integrity check + the store's
#    invariants) and hold every article whose ingest was acknowledged
#    ("ack ID" printed after its batch committed): re-ingesting exactly those
#    articles must add nothing.
# 2. Re-ingest: ingesting everything again adds nothing and leaves the
#    incident list byte for byte the same.
#
# Prints one line per check and "store-crash: N passed, N failed"; exits 1
# when a check failed.  Needs no data outside the repository.
set -u
[ $# -ge 1 ] || { echo "usage: $0 SITREP" >&2; exit 2; }
case $1 in /*) sitrep=$1 ;; *) sitrep=$(pwd)/$1 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-crash.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; }

db=$tmp/store.db
n=${CRASH_REPORTS:-20000}
sh "$here/gen.sh" "$n" 7 > "$tmp/all.jsonl"
# Gazetteer: the one given in the environment, else none (faster; places
# stay unresolved, which is enough for durability).
gaz=--no-gazetteer
[ -n "${SITREP_GAZETTEER:-}" ] && gaz="--gazetteer=$SITREP_GAZETTEER"

round=0
for delay in 0.2 0.5 0.8 1.2; do
    round=$((round + 1))
    "$sitrep" ingest --db "$db" --batch 25 --ack $gaz "$tmp/all.jsonl" > "$tmp/ack.$round" 2> "$tmp/err.$round" &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    acked=$(grep -c '^ack ' "$tmp/ack.$round")
    if "$sitrep" db-check --db "$db" > "$tmp/check.$round" 2>&1; then
        ok "round $round: killed after ${delay}s ($acked acknowledged in this run): db-check $(cut -c1-60 "$tmp/check.$round")"
    else
        ko "round $round: db-check after kill: $(cat "$tmp/check.$round")"
    fi
    # Every acknowledged article (of every round so far) is stored.
    cat "$tmp"/ack.* | sed -n 's/^ack //p' | sort -u > "$tmp/acked.ids"
    awk 'NR == FNR { want["\"" $0 "\""] = 1; next }
         { if (match($0, /"id":"[^"]*"/)) { id = substr($0, RSTART + 5, RLENGTH - 5); if (id in want) print } }' \
        "$tmp/acked.ids" "$tmp/all.jsonl" > "$tmp/acked.jsonl"
    nacked=$(wc -l < "$tmp/acked.ids")
    "$sitrep" ingest --db "$db" $gaz "$tmp/acked.jsonl" > /dev/null 2> "$tmp/re.$round"
    if [ "$nacked" -eq 0 ] || grep -q ": 0 new " "$tmp/re.$round"; then
        ok "round $round: all $nacked acknowledged articles survived"
    else
        ko "round $round: acknowledged articles lost: $(cat "$tmp/re.$round")"
    fi
done

# Finish the ingest, then the re-ingest test.
"$sitrep" ingest --db "$db" $gaz "$tmp/all.jsonl" > /dev/null 2> "$tmp/final.err"
rc=$?
if [ $rc -eq 0 ] && "$sitrep" db-check --db "$db" > /dev/null 2>&1; then
    ok "complete ingest after the crashes: $(sed -n 's/.*store: //p' "$tmp/final.err")"
else
    ko "complete ingest after the crashes (exit $rc): $(cat "$tmp/final.err")"
fi
"$sitrep" incidents --db "$db" --format jsonl > "$tmp/before.jsonl"
"$sitrep" ingest --db "$db" $gaz "$tmp/all.jsonl" > /dev/null 2> "$tmp/again.err"
"$sitrep" incidents --db "$db" --format jsonl > "$tmp/after.jsonl"
if grep -q ": 0 new (0 syndicated copies), $n already stored" "$tmp/again.err"; then
    ok "re-ingest of all $n articles: nothing new"
else
    ko "re-ingest added something: $(cat "$tmp/again.err")"
fi
if [ -s "$tmp/before.jsonl" ] && cmp -s "$tmp/before.jsonl" "$tmp/after.jsonl"; then
    ok "re-ingest: incident list unchanged ($(wc -l < "$tmp/after.jsonl") incidents)"
else
    ko "re-ingest: incident list changed or empty"
fi
# The same articles in another order, under other ids: content hashes
# catch them.
sed 's/"id":"gen-/"id":"other-/; s/"url":"[^"]*",//' "$tmp/all.jsonl" | sort > "$tmp/renamed.jsonl"
"$sitrep" ingest --db "$db" $gaz "$tmp/renamed.jsonl" > /dev/null 2> "$tmp/renamed.err"
if grep -q ": 0 new " "$tmp/renamed.err"; then
    ok "same texts under new ids and without URLs: nothing new"
else
    ko "same texts under new ids were stored again: $(cat "$tmp/renamed.err")"
fi

echo "store-crash: $pass passed, $fail failed"
[ $fail -eq 0 ]
