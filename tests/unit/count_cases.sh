#!/bin/sh
# count_cases.sh UNIT_TESTS REGISTERED: every doctest case must be registered in CTest.
n=$("$1" --count --no-version | sed -n 's/.*passing the current filters: \([0-9]*\).*/\1/p')
echo "doctest counts $n test cases, CTest registered $2"
test "$n" = "$2"
