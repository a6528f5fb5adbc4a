# Benchmarks of the ledger area. The full run (1,000,000 rows; see docs/PERFORMANCE.md, "Ledger") is started by hand:
#   cmake --build build --target bench_ledger && build/tests/benchmarks/bench_ledger [--rows N] [--batch N]
# CTest runs a small smoke version (label "smoke") that also checks the invariants after the run.
# SQLite's C API is linked here only, for the raw reference; the ledger itself goes through Qt Sql.
find_package(SQLite3 REQUIRED)
add_executable(bench_ledger bench_ledger.cpp)
target_link_libraries(bench_ledger PRIVATE ledgerguard_core SQLite::SQLite3)
add_test(NAME bench_ledger_smoke COMMAND bench_ledger --rows 20000 --batch 5000 --samples 50)
set_tests_properties(bench_ledger_smoke PROPERTIES LABELS smoke TIMEOUT 120
    PASS_REGULAR_EXPRESSION "invariants after the run: ok")
# Bulk decisions (Ledger::labelTransactions): bench_labels [--rows N]; docs/PERFORMANCE.md, "Decisions".
add_executable(bench_labels bench_labels.cpp)
target_link_libraries(bench_labels PRIVATE ledgerguard_core)
add_test(NAME bench_labels_smoke COMMAND bench_labels --rows 20000)
set_tests_properties(bench_labels_smoke PROPERTIES LABELS smoke TIMEOUT 120 PASS_REGULAR_EXPRESSION "counts: ok")
