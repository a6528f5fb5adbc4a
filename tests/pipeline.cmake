# Tests of the pipeline area (see lg_add_test in CMakeLists.txt).
