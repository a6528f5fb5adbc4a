# Tests of the detect area (see lg_add_test in CMakeLists.txt).
lg_add_test(tst_risk SOURCES tst_risk.cpp TIMEOUT 30)
lg_add_test(tst_isolationforest SOURCES tst_isolationforest.cpp TIMEOUT 120)
lg_add_test(tst_isolationforest_tools SOURCES tst_isolationforest_tools.cpp TIMEOUT 30)
add_dependencies(tst_isolationforest_tools ledgerguard-iforest)
target_compile_definitions(tst_isolationforest_tools PRIVATE LG_IFOREST_CLI="$<TARGET_FILE:ledgerguard-iforest>")
