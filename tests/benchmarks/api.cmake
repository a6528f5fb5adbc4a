# Benchmarks of the api area: bench_api drives an in-process RestServer with wrk (Debian package wrk; full size:
# 1,000,000 transactions, see docs/PERFORMANCE.md "REST API"). The smoke run uses a small ledger and 1-second runs;
# it is skipped (exit code 77) where wrk is not installed, and fails there under CI (CI=true), where
# ./bootstrap.sh installs it.
add_executable(bench_api bench_api.cpp)
target_link_libraries(bench_api PRIVATE ledgerguard_api)
add_test(NAME bench_api_smoke COMMAND bench_api --transactions 5000 --accounts 4 --connections 8 --duration 1)
set_tests_properties(bench_api_smoke PROPERTIES LABELS smoke TIMEOUT 120 SKIP_RETURN_CODE 77)
