# Tests of the packaging area (see lg_add_test in CMakeLists.txt).
