# Tests of core/export (CSV writing).
lg_add_test(tst_csvwriter SOURCES tst_csvwriter.cpp)
