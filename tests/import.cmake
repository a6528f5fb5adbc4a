# Tests of the import area (core/import statement parsers) and the fuzz drivers (tests/fuzz).
lg_add_test(tst_import_text SOURCES tst_import_text.cpp)
lg_add_test(tst_import_csv SOURCES tst_import_csv.cpp)
lg_add_test(tst_import_ofx SOURCES tst_import_ofx.cpp)
lg_add_test(tst_import_camt SOURCES tst_import_camt.cpp tst_import_camt_data.cpp)
lg_add_test(tst_import_qif SOURCES tst_import_qif.cpp)
lg_add_test(tst_import_importer SOURCES tst_import_importer.cpp)
include(fuzz/fuzz.cmake)
