# SPDX-License-Identifier: GPL-3.0-or-later
# Scale benchmark (issue 15 item 4; docs/PERFORMANCE.md, "Scale"), started by hand:
#   cmake --build build --target bench_scale && nice build/tests/benchmarks/bench_scale --transactions 10000000
# It runs bench_api and bench_ui on the ledger it built, so it depends on them. CTest runs a small smoke version
# (label "smoke", without the child benchmarks) that checks its invariants.
add_executable(bench_scale bench_scale.cpp)
target_include_directories(bench_scale PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/..)
target_link_libraries(bench_scale PRIVATE ledgerguard_core)
add_dependencies(bench_scale bench_api bench_ui)
target_compile_definitions(bench_scale PRIVATE LG_BENCH_API="$<TARGET_FILE:bench_api>"
                                               LG_BENCH_UI="$<TARGET_FILE:bench_ui>")
add_test(NAME bench_scale_smoke COMMAND bench_scale --transactions 20000 --days 30 --chunk 5000 --import-rows 5000
                                        --no-children)
set_tests_properties(bench_scale_smoke PROPERTIES LABELS smoke TIMEOUT 300
    PASS_REGULAR_EXPRESSION "invariants after the run: ok")
