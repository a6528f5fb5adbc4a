# Tests of the core area (see lg_add_test in CMakeLists.txt).
lg_add_test(tst_money SOURCES tst_money.cpp)
lg_add_test(tst_text SOURCES tst_text.cpp)
lg_add_test(tst_database SOURCES tst_database.cpp)
lg_add_test(tst_backup SOURCES tst_backup.cpp)
lg_add_test(tst_ledger SOURCES tst_ledger.cpp)
lg_add_test(tst_ledger_import SOURCES tst_ledger_import.cpp)
lg_add_test(tst_ledger_lifecycle SOURCES tst_ledger_lifecycle.cpp)
lg_add_test(tst_ledger_property SOURCES tst_ledger_property.cpp TIMEOUT 600)
lg_add_test(tst_decisions SOURCES tst_decisions.cpp)
# tst_decisions also runs `ledgerguard label` as a real process.
target_compile_definitions(tst_decisions PRIVATE LG_APP_PATH="$<TARGET_FILE:ledgerguard>")
add_dependencies(tst_decisions ledgerguard)
