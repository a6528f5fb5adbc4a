# Tests of the core area (see lg_add_test in CMakeLists.txt).
