# Desktop responsiveness benchmark: bench_ui [--db FILE] [--scale S] [--days N] [--scroll PAGES] [--no-detect] [--settle S] (see docs/PERFORMANCE.md).
add_executable(bench_ui bench_ui.cpp)
target_link_libraries(bench_ui PRIVATE ledgerguard_ui ledgerguard_core)
add_test(NAME bench_ui_smoke COMMAND bench_ui --scale 1 --days 30 --scroll 3)
set_tests_properties(bench_ui_smoke PROPERTIES LABELS smoke TIMEOUT 120 ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
    PASS_REGULAR_EXPRESSION "invariants after the run: ok")
