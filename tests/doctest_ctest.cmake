# Registers every doctest TEST_CASE of amorce_unit_tests as its own CTest test, without
# running the binary at configure time (works under sanitizers and cross builds).
file(GLOB _unit_sources ${CMAKE_CURRENT_SOURCE_DIR}/unit/*.cpp)
foreach(_src ${_unit_sources})
  file(STRINGS ${_src} _cases ENCODING UTF-8 REGEX "^TEST_CASE\\(\"[^\"]+\"")
  foreach(_case ${_cases})
    string(REGEX REPLACE "^TEST_CASE\\(\"([^\"]+)\".*" "\\1" _name "${_case}")
    string(REPLACE "," "\\," _filter "${_name}")
    add_test(NAME "unit.${_name}" COMMAND amorce_unit_tests "--test-case=${_filter}" --no-version)
    # Pass only if exactly this one case ran and passed: a filter that matches nothing must fail.
    set_tests_properties("unit.${_name}" PROPERTIES LABELS unit TIMEOUT 120
      PASS_REGULAR_EXPRESSION "test cases: +1 \\| +1 passed \\| +0 failed")
  endforeach()
endforeach()

# Guard against a TEST_CASE written so that the regex above misses it (it would never run):
# the binary's own count must equal the number registered here.
set(_registered 0)
foreach(_src ${_unit_sources})
  file(STRINGS ${_src} _cases ENCODING UTF-8 REGEX "^TEST_CASE\\(\"[^\"]+\"")
  list(LENGTH _cases _n)
  math(EXPR _registered "${_registered} + ${_n}")
endforeach()
add_test(NAME unit.all_cases_registered
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/unit/count_cases.sh $<TARGET_FILE:amorce_unit_tests> ${_registered})
set_tests_properties(unit.all_cases_registered PROPERTIES LABELS unit)
