# Tests of the api area (see lg_add_test in CMakeLists.txt).
lg_add_test(tst_restserver SOURCES tst_restserver.cpp LIBS ledgerguard_core Qt6::Network TIMEOUT 120)
