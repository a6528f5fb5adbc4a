# Tests of the ledger file's safety through the binary (core/backup, demo ledger creation, read-only serving).
lg_add_test(tst_integrity SOURCES tst_integrity.cpp LIBS ledgerguard_core Qt6::Network Qt6::Sql TIMEOUT 300)
target_compile_definitions(tst_integrity PRIVATE LG_APP_PATH="$<TARGET_FILE:ledgerguard>")
add_dependencies(tst_integrity ledgerguard)
