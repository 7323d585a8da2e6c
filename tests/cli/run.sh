#!/bin/sh
# run.sh SITREP GAZETTEER [--update] [CASE...] - command-line tests of sitrep.
#
# Case directories, in the manner of zstd's cli-tests:
#   tests/cli/cases/NAME/cmd          shell line run from the repository root
#                                     ($SITREP is the command under test,
#                                     $CASE_TMP a scratch directory)
#   tests/cli/cases/NAME/stdin        optional standard input (default: none)
#   tests/cli/cases/NAME/stdout       expected standard output, exactly
#   tests/cli/cases/NAME/stdout.grep  or: lines that must each occur (grep -F)
#   tests/cli/cases/NAME/stderr       expected standard error, exactly
#   tests/cli/cases/NAME/stderr.grep  or: lines that must each occur (grep -F)
#   tests/cli/cases/NAME/exit         expected exit code (default 0)
# Output that has no expectation file is not checked.
#
# Golden extraction tests: tests/golden/NAME.txt (an article) is run with
# `sitrep extract` (plus the arguments in NAME.args, if any) from
# tests/golden, and standard output must equal NAME.json.  With --update the
# runner rewrites every NAME.json from the current output instead of
# comparing (review the diff before committing it).
#
# Prints one line per case and "cli: N passed, N failed"; exits 1 when a
# case failed.  SITREP_GAZETTEER is set to GAZETTEER for every case.
set -u

[ $# -ge 2 ] || { echo "usage: $0 SITREP GAZETTEER [--update] [CASE...]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
case $1 in /*) sitrep=$1 ;; *) sitrep=$(pwd)/$1 ;; esac
case $2 in /*) gaz=$2 ;; *) gaz=$(pwd)/$2 ;; esac
shift 2
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
only="$*"

cd "$root" || exit 2
[ -x "$sitrep" ] || { echo "cli: $sitrep is not an executable" >&2; exit 2; }

SITREP=$sitrep
SITREP_GAZETTEER=$gaz
export SITREP SITREP_GAZETTEER
# Messages and sorting must not depend on the caller's locale.
LC_ALL=C
export LC_ALL
# A case that takes longer than this (seconds) fails; the 100 MB case runs
# under AddressSanitizer too.
limit=${CLI_TIMEOUT:-600}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-cli.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass=0
fail=0

selected() {
    [ -z "$only" ] && return 0
    for o in $only; do [ "$o" = "$1" ] && return 0; done
    return 1
}

# check_exact NAME WHAT EXPECTED_FILE ACTUAL_FILE: 0 when equal, else a diff.
check_exact() {
    if cmp -s "$3" "$4"; then return 0; fi
    echo "  $2 differs (- expected, + actual):"
    diff -u "$3" "$4" | sed -n '3,40p' | sed 's/^/    /'
    return 1
}

# check_grep WHAT PATTERNS_FILE ACTUAL_FILE: every line must occur.
check_grep() {
    st=0
    while IFS= read -r pat || [ -n "$pat" ]; do
        [ -z "$pat" ] && continue
        if ! grep -qF -- "$pat" "$3"; then
            echo "  $1 lacks: $pat"
            st=1
        fi
    done < "$2"
    if [ $st -ne 0 ]; then
        echo "  $1 was:"
        head -c 2000 "$3" | sed 's/^/    /'
    fi
    return $st
}

for dir in tests/cli/cases/*/; do
    [ -f "$dir/cmd" ] || continue
    name=$(basename "$dir")
    selected "$name" || continue
    CASE_TMP=$tmp/$name
    mkdir -p "$CASE_TMP"
    export CASE_TMP
    in=/dev/null
    [ -f "$dir/stdin" ] && in=$dir/stdin
    timeout "$limit" sh -c "$(cat "$dir/cmd")" < "$in" > "$CASE_TMP/.stdout" 2> "$CASE_TMP/.stderr"
    rc=$?
    want=0
    [ -f "$dir/exit" ] && want=$(tr -d ' \n' < "$dir/exit")
    report=$CASE_TMP/.report
    : > "$report"
    ok=1
    if [ $rc -eq 124 ]; then
        echo "  timed out after ${limit}s" >> "$report"; ok=0
    elif [ "$rc" != "$want" ]; then
        echo "  exit code $rc, expected $want" >> "$report"; ok=0
    fi
    if [ -f "$dir/stdout" ]; then
        check_exact "$name" stdout "$dir/stdout" "$CASE_TMP/.stdout" >> "$report" || ok=0
    elif [ -f "$dir/stdout.grep" ]; then
        check_grep stdout "$dir/stdout.grep" "$CASE_TMP/.stdout" >> "$report" || ok=0
    fi
    if [ -f "$dir/stderr" ]; then
        check_exact "$name" stderr "$dir/stderr" "$CASE_TMP/.stderr" >> "$report" || ok=0
    elif [ -f "$dir/stderr.grep" ]; then
        check_grep stderr "$dir/stderr.grep" "$CASE_TMP/.stderr" >> "$report" || ok=0
    fi
    if [ $ok -eq 1 ]; then
        echo "ok   $name"
        pass=$((pass + 1))
    else
        echo "FAIL $name"
        cat "$report"
        [ -s "$CASE_TMP/.stderr" ] && [ ! -f "$dir/stderr" ] && [ ! -f "$dir/stderr.grep" ] &&
            { echo "  stderr was:"; head -c 2000 "$CASE_TMP/.stderr" | sed 's/^/    /'; }
        fail=$((fail + 1))
    fi
    rm -rf "$CASE_TMP"
done

for input in tests/golden/*.txt; do
    [ -f "$input" ] || continue
    base=$(basename "$input" .txt)
    name=golden/$base
    selected "$name" || selected golden || continue
    args=""
    [ -f "tests/golden/$base.args" ] && args=$(cat "tests/golden/$base.args")
    out=$tmp/golden.out
    # shellcheck disable=SC2086 # args are words
    (cd tests/golden && timeout "$limit" "$sitrep" extract $args "$base.txt") > "$out" 2> "$tmp/golden.err"
    rc=$?
    expected=tests/golden/$base.json
    if [ $update -eq 1 ] && [ $rc -eq 0 ]; then
        if cmp -s "$out" "$expected"; then
            echo "ok   $name"
        else
            cp "$out" "$expected"
            echo "ok   $name (updated $expected)"
        fi
        pass=$((pass + 1))
    elif [ $rc -ne 0 ]; then
        echo "FAIL $name"
        echo "  exit code $rc, expected 0"
        sed 's/^/    /' "$tmp/golden.err"
        fail=$((fail + 1))
    elif [ ! -f "$expected" ]; then
        echo "FAIL $name"
        echo "  $expected missing (create it with: $0 SITREP GAZETTEER --update)"
        fail=$((fail + 1))
    elif cmp -s "$expected" "$out"; then
        echo "ok   $name"
        pass=$((pass + 1))
    else
        # One JSON line per article: split at commas so the diff shows the
        # fields that changed rather than one long line.
        tr ',' '\n' < "$expected" > "$tmp/golden.want"
        tr ',' '\n' < "$out" > "$tmp/golden.got"
        echo "FAIL $name"
        check_exact "$name" "output (split at commas)" "$tmp/golden.want" "$tmp/golden.got"
        fail=$((fail + 1))
    fi
done

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
