#!/bin/sh
# check-summary.sh LOG COMMAND... - run the test command (from `make check`:
# `make test asan valgrind`), keep its output in LOG, and finish with one line
#   check: N passed, N failed
# summing the totals the runners print ("unit (DIR): N passed, N failed" from
# scripts/run-unit.sh, "cli: N passed, N failed" from tests/cli/run.sh,
# "valgrind: N passed, N failed" from scripts/valgrind.sh, "serve: N passed,
# N failed" from tests/serve/run.sh).  grep -a: a stray NUL byte in the log
# must not turn it into a "binary file" and the totals into zero.
# Exits non-zero when the command failed, even if no test reported a failure
# (a build error, a crash before a summary line).
set -u

[ $# -ge 2 ] || { echo "usage: $0 LOG COMMAND..." >&2; exit 2; }
log=$1
shift
mkdir -p "$(dirname "$log")"
status_file=$log.status

# POSIX sh has no pipefail: the command's status goes through a file.
{ "$@" 2>&1; echo $? > "$status_file"; } | tee "$log"
rc=$(cat "$status_file" 2>/dev/null || echo 1)
rm -f "$status_file"

totals=$(grep -aE '^(unit \([^)]*\)|cli|valgrind|serve): [0-9]+ passed, [0-9]+ failed$' "$log")
pass=0
fail=0
runs=0
for n in $(printf '%s\n' "$totals" | sed -n 's/.*: \([0-9]*\) passed.*/\1/p'); do
    pass=$((pass + n)); runs=$((runs + 1))
done
for n in $(printf '%s\n' "$totals" | sed -n 's/.* \([0-9]*\) failed$/\1/p'); do
    fail=$((fail + n))
done

echo
echo "check: $pass passed, $fail failed ($runs test runs; log in $log)"
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
    echo "check: the test command failed (exit $rc) before all tests ran; see $log" >&2
fi
[ "$rc" -eq 0 ] && [ "$fail" -eq 0 ]
