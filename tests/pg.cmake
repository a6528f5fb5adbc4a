# SPDX-License-Identifier: GPL-3.0-or-later
# Tests that need a PostgreSQL server. lg_pgtest (support/PgTestServer.h) starts a throw-away cluster once per test
# process, or uses LG_TEST_PG_URL's server; a test links it with LIBS ledgerguard_core lg_pgtest.
find_package(Qt6 REQUIRED COMPONENTS Sql)
add_library(lg_pgtest STATIC support/PgTestServer.cpp support/PgTestServer.h)
target_include_directories(lg_pgtest PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/support)
target_link_libraries(lg_pgtest PUBLIC Qt6::Core Qt6::Sql)

lg_add_test(tst_pgserver SOURCES tst_pgserver.cpp LIBS lg_pgtest TIMEOUT 120 LABELS postgresql)
lg_add_test(tst_pgchanges SOURCES tst_pgchanges.cpp LIBS ledgerguard_core lg_pgtest TIMEOUT 120 LABELS postgresql)
lg_add_test(tst_migrate SOURCES tst_migrate.cpp LIBS ledgerguard_core lg_pgtest TIMEOUT 120 LABELS postgresql)
