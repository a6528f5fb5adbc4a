# Tests of the detect area (see lg_add_test in CMakeLists.txt).
