# Tests of the ui area (see lg_add_test in CMakeLists.txt).
