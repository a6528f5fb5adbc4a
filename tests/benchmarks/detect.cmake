# Benchmarks of the detect area.
# The full benchmark (every ODDS data set, 5 seeds, 1 and 2 threads, beside scikit-learn) is run by hand:
#   python3 tests/benchmarks/bench_iforest.py --cli <build>/app/ledgerguard-iforest
# (see docs/PERFORMANCE.md). CTest only runs a smoke version on a 60-row CSV.
add_test(NAME bench_iforest_cli_smoke
    COMMAND ledgerguard-iforest ${CMAKE_CURRENT_SOURCE_DIR}/bench_iforest.smoke.csv --json --trees 20 --threads 2)
set_tests_properties(bench_iforest_cli_smoke PROPERTIES LABELS "smoke" TIMEOUT 60
    PASS_REGULAR_EXPRESSION "\"auc\":1[,}]")
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
    add_test(NAME bench_iforest_script_smoke
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/bench_iforest.py
            --cli $<TARGET_FILE:ledgerguard-iforest> --data ${CMAKE_CURRENT_SOURCE_DIR}/bench_iforest.smoke.csv
            --seeds 0,1 --threads 1,2 --repeat 1 --no-sklearn)
    set_tests_properties(bench_iforest_script_smoke PROPERTIES LABELS "smoke" TIMEOUT 60
        PASS_REGULAR_EXPRESSION "\\| bench_iforest.smoke \\| 60 \\| 2 \\|")
endif()
