# Tests of the api area (see lg_add_test in CMakeLists.txt).
