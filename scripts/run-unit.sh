#!/bin/sh
# Run the unit-test programs given; print each one's line and a total
# "N passed, N failed" line. Exit 1 when any failed.
b=$1; shift
pass=0; fail=0; status=0
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -v ' passed, ' >&2
    line=$(printf '%s\n' "$out" | grep ' passed, ' | tail -n 1)
    echo "$line"
    p=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) passed.*/\1/p')
    f=$(printf '%s' "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
    [ -n "$p" ] || { p=0; f=1; echo "$t: crashed or printed no summary (exit $rc)" >&2; }
    [ $rc -eq 0 ] || { [ "$f" -gt 0 ] || f=1; status=1; }
    pass=$((pass + p)); fail=$((fail + f))
done
echo "unit ($b): $pass passed, $fail failed"
exit $status
