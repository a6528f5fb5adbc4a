# Tests of the import area (core/import statement parsers) and the fuzz drivers (tests/fuzz).
lg_add_test(tst_import_text SOURCES tst_import_text.cpp)
lg_add_test(tst_import_csv SOURCES tst_import_csv.cpp)
lg_add_test(tst_import_ofx SOURCES tst_import_ofx.cpp)
lg_add_test(tst_import_camt SOURCES tst_import_camt.cpp tst_import_camt_data.cpp)
lg_add_test(tst_import_qif SOURCES tst_import_qif.cpp)
lg_add_test(tst_import_mt940 SOURCES tst_import_mt940.cpp)
lg_add_test(tst_import_importer SOURCES tst_import_importer.cpp)
# The import service on real ledgers, and `ledgerguard import` / `detect` as real processes.
lg_add_test(tst_import_service SOURCES tst_import_service.cpp TIMEOUT 300)
target_compile_definitions(tst_import_service PRIVATE LG_APP_PATH="$<TARGET_FILE:ledgerguard>")
add_dependencies(tst_import_service ledgerguard)
include(fuzz/fuzz.cmake)
# Saved CSV mapping profiles and `ledgerguard import --profile` as a real process.
lg_add_test(tst_mapping_profiles SOURCES tst_mapping_profiles.cpp)
target_compile_definitions(tst_mapping_profiles PRIVATE LG_APP_PATH="$<TARGET_FILE:ledgerguard>")
add_dependencies(tst_mapping_profiles ledgerguard)
