# Benchmarks of the ledger area: bench_ledger [--rows N] (full size: 1,000,000 rows, see docs/PERFORMANCE.md).
find_package(SQLite3 REQUIRED)
add_executable(bench_ledger bench_ledger.cpp)
target_link_libraries(bench_ledger PRIVATE ledgerguard_core SQLite::SQLite3)
add_test(NAME bench_ledger_smoke COMMAND bench_ledger --rows 20000 --samples 50)
set_tests_properties(bench_ledger_smoke PROPERTIES LABELS smoke TIMEOUT 120)
