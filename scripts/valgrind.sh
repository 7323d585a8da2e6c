#!/bin/sh
# valgrind.sh [BUILD_DIR] - memory checks with valgrind (make valgrind),
# in addition to the AddressSanitizer run: valgrind sees reads of
# uninitialised memory, which ASan does not, and checks the optimised build
# that users run.
#
# Runs `sitrep extract` on the bundled examples and on malformed inputs
# (invalid UTF-8, a malformed JSON Lines record, binary data, an empty file,
# a corrupt gazetteer, a line over --max-bytes, a full disk), then the unit
# test programs, each under
#   valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect
# A case passes when valgrind reports nothing and the exit code is the one
# the same command has without valgrind.  (valgrind's --error-exitcode is 97,
# not 1: exit 1 is also sitrep's "some inputs could not be read".)
# Prints one line per case and "valgrind: N passed, N failed"; exits 1 when
# a case failed, 2 when valgrind or the build is missing.
set -u

cd "$(dirname "$0")/.."
B=${1:-build}
SITREP=$B/sitrep

command -v valgrind >/dev/null 2>&1 || {
    echo "valgrind.sh: valgrind not found (scripts/setup.sh installs it)" >&2
    exit 2
}
[ -x "$SITREP" ] || { echo "valgrind.sh: $SITREP not built (run make)" >&2; exit 2; }

VG="valgrind -q --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite,indirect"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-vg.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL SITREP tmp
# The command's default gazetteer is the one next to it; the unit tests
# look for build/gazetteer.bin or $SITREP_GAZETTEER.
[ -f "$B/gazetteer.bin" ] && { SITREP_GAZETTEER=$B/gazetteer.bin; export SITREP_GAZETTEER; }

pass=0
fail=0

# vg_case NAME 'SHELL LINE': the line uses $RUN before the program under
# test; it is run once with RUN empty (for the expected exit code) and once
# with RUN=valgrind...  Output goes to $tmp.
vg_case() {
    name=$1
    line=$2
    RUN= sh -c "$line" >"$tmp/out" 2>"$tmp/err"
    want=$?
    log=$tmp/$name.vg
    RUN="$VG --log-file=$log" sh -c "$line" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ] && [ "$got" -ne 97 ] && [ ! -s "$log" ]; then
        echo "ok   $name"
        pass=$((pass + 1))
    else
        echo "FAIL $name (exit $got, expected $want; valgrind log below)"
        sed 's/^/    /' "$log" 2>/dev/null | head -n 60
        fail=$((fail + 1))
    fi
}

# A JSON Lines input with one 2 MB line between two good records.
{
    printf '{"id":"a","text":"A bomb killed two people in the market on Monday."}\n'
    printf '{"id":"big","text":"'
    head -c 2000000 /dev/zero | tr '\000' a
    printf '"}\n{"id":"c","text":"Gunmen kidnapped four engineers."}\n'
} > "$tmp/long.jsonl"
# Binary data; a JSON Lines record with a raw NUL byte after a good one.
printf 'abc\000def\n' > "$tmp/binary.dat"
printf '{"id":"n1","text":"A bomb killed two people."}\n{"id":"n2","text":"x\000y"}\n' > "$tmp/nul.jsonl"

vg_case examples-json '$RUN "$SITREP" extract examples/'
vg_case examples-csv '$RUN "$SITREP" extract --format csv examples/'
vg_case no-gazetteer '$RUN "$SITREP" extract --no-gazetteer examples/'
vg_case golden-articles '$RUN "$SITREP" extract --published 2023-06-14 tests/golden/*.txt'
vg_case directory '$RUN "$SITREP" extract tests/cli/data/dir'
vg_case invalid-utf8 '$RUN "$SITREP" extract tests/cli/data/latin1.txt'
vg_case jsonl-malformed '$RUN "$SITREP" extract tests/cli/data/mixed.jsonl'
vg_case empty-file '$RUN "$SITREP" extract tests/cli/data/empty.txt'
vg_case published-option '$RUN "$SITREP" extract --published 2023-06-14 tests/cli/data/nodate.txt'
vg_case binary-stdin '$RUN "$SITREP" extract - < "$tmp/binary.dat"'
vg_case jsonl-nul-stdin '$RUN "$SITREP" extract - < "$tmp/nul.jsonl"'
vg_case missing-and-good '$RUN "$SITREP" extract tests/cli/data/no-such-file.txt examples/wire.txt'
vg_case gazetteer-corrupt '$RUN "$SITREP" extract --gazetteer tests/cli/data/nodate.txt examples/wire.txt'
vg_case long-line-limit '$RUN "$SITREP" extract --max-bytes 1M "$tmp/long.jsonl"'
vg_case output-full '$RUN "$SITREP" extract examples/ > /dev/full'
vg_case bad-option '$RUN "$SITREP" extract --published yesterday examples/wire.txt'

for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    vg_case "unit-$(basename "$t")" "\$RUN $t"
done

echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
