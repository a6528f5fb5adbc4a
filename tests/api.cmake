# Tests of the api area (see lg_add_test in CMakeLists.txt).
lg_add_test(tst_restserver SOURCES tst_restserver.cpp LIBS ledgerguard_api Qt6::Network Qt6::Sql TIMEOUT 120)
# The headless binary end to end (starts app/ledgerguard).
lg_add_test(tst_headless SOURCES tst_headless.cpp LIBS ledgerguard_core Qt6::Network TIMEOUT 120)
target_compile_definitions(tst_headless PRIVATE LG_APP_PATH="$<TARGET_FILE:ledgerguard>")
add_dependencies(tst_headless ledgerguard)
# The server against hostile clients: raw bytes over real sockets (limits, timeouts, syntax, strict parsing).
lg_add_test(tst_restsecurity SOURCES tst_restsecurity.cpp LIBS ledgerguard_api Qt6::Network Qt6::Sql TIMEOUT 300)
# The error paths of a failing ledger over HTTP: 500 for a damaged file, /health 503 when the ledger does not answer.
lg_add_test(tst_resterrors SOURCES tst_resterrors.cpp LIBS ledgerguard_api Qt6::Network Qt6::Sql TIMEOUT 60)
# Rules over real HTTP (GET/POST /rules, /rules/{id}, /rules/preview, /rule-lists) and `ledgerguard rules`.
lg_add_test(tst_rest_rules SOURCES tst_rest_rules.cpp LIBS ledgerguard_api Qt6::Network Qt6::Sql TIMEOUT 120)
target_compile_definitions(tst_rest_rules PRIVATE LG_APP_PATH="$<TARGET_FILE:ledgerguard>")
add_dependencies(tst_rest_rules ledgerguard)
