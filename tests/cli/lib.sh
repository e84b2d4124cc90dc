# Shared by the CLI test scripts (sourced): a counted check and a few file predicates.
passed=0
failed=0
check() { # check NAME COMMAND... : the command must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failed=$((failed + 1)); fi
}
contains() { grep -qF -- "$2" "$1"; }
lines() { test "$(grep -c '' "$1")" -eq "$2"; }
