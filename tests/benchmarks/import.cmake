# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark of the import path. The full run (1,000,000 rows; see docs/PERFORMANCE.md, "Import") is started by hand:
#   cmake --build build --target bench_import && build/tests/benchmarks/bench_import --detect
# CTest runs a small smoke version (label "smoke", newest-first rows so every chunk is back-dated) that checks its
# invariants: every row imported, each balance the sum of its rows, running balances exact.
add_executable(bench_import bench_import.cpp)
target_include_directories(bench_import PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/..)
target_link_libraries(bench_import PRIVATE ledgerguard_core)
# SQLite's C API for the floor measured beside the import (the same library Qt's driver runs on), when present.
find_package(SQLite3)
if(SQLite3_FOUND)
    target_link_libraries(bench_import PRIVATE SQLite::SQLite3)
    target_compile_definitions(bench_import PRIVATE LG_BENCH_SQLITE_API=1)
else()
    target_compile_definitions(bench_import PRIVATE LG_BENCH_SQLITE_API=0)
endif()
add_test(NAME bench_import_smoke COMMAND bench_import --rows 20000 --accounts 3 --newest-first --detect)
set_tests_properties(bench_import_smoke PROPERTIES LABELS smoke TIMEOUT 120
    PASS_REGULAR_EXPRESSION "invariants after the run: ok")
