# SPDX-License-Identifier: GPL-3.0-or-later
# Soak of the headless binary over 127.0.0.1 (docs/PERFORMANCE.md, "Soak"). The full run is started by hand:
#   cmake --build build --target bench_soak ledgerguard && build/tests/benchmarks/bench_soak
# (64 connections, 60 s, generator and detector every second). CTest runs a 3-second smoke version (label "smoke")
# that checks the same invariants: no errors, every acknowledged write stored once, `ledgerguard check` passes.
add_executable(bench_soak bench_soak.cpp)
target_include_directories(bench_soak PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/..)
target_link_libraries(bench_soak PRIVATE ledgerguard_core Qt6::Network Qt6::Sql)
target_compile_definitions(bench_soak PRIVATE LG_APP_PATH="$<TARGET_FILE:ledgerguard>")
add_dependencies(bench_soak ledgerguard)
add_test(NAME bench_soak_smoke COMMAND bench_soak --connections 16 --duration 3 --days 10)
set_tests_properties(bench_soak_smoke PROPERTIES LABELS smoke TIMEOUT 120
    PASS_REGULAR_EXPRESSION "soak invariants: ok")
