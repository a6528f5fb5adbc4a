# Benchmarks of the pipeline: bench_pipeline [--scale S] [--days D] (full size about 1,000,000 transactions).
add_executable(bench_pipeline bench_pipeline.cpp)
target_link_libraries(bench_pipeline PRIVATE ledgerguard_core Qt6::Test)
add_test(NAME bench_pipeline_smoke COMMAND bench_pipeline --scale 2 --days 20)
set_tests_properties(bench_pipeline_smoke PROPERTIES LABELS smoke TIMEOUT 120
    PASS_REGULAR_EXPRESSION "invariants after the run: ok")
