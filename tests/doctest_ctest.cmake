# Registers every doctest TEST_CASE of amorce_unit_tests as its own CTest test, without
# running the binary at configure time (works under sanitizers and cross builds).
file(GLOB _unit_sources ${CMAKE_CURRENT_SOURCE_DIR}/unit/*.cpp)
foreach(_src ${_unit_sources})
  file(STRINGS ${_src} _cases REGEX "^TEST_CASE\\(\"[^\"]+\"")
  foreach(_case ${_cases})
    string(REGEX REPLACE "^TEST_CASE\\(\"([^\"]+)\".*" "\\1" _name "${_case}")
    string(REPLACE "," "\\," _filter "${_name}")
    add_test(NAME "unit.${_name}" COMMAND amorce_unit_tests "--test-case=${_filter}" --no-version)
    set_tests_properties("unit.${_name}" PROPERTIES LABELS unit TIMEOUT 120)
  endforeach()
endforeach()
