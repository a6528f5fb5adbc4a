# SPDX-License-Identifier: GPL-3.0-or-later
# The suites that run on both engines (docs/LEDGER.md "Engines"; tests/test_engine.h): each is registered a second
# time as <name>_pg with LG_TEST_ENGINE=postgresql; its databases are created on the throw-away cluster the test
# process starts (support/PgTestServer.h), or on LG_TEST_PG_URL's server when that is set when the test runs. Where
# the server binaries are missing the _pg tests fail, naming the packages to install.
lg_add_test(tst_engine SOURCES tst_engine.cpp)

set(lg_engine_suites tst_engine tst_ledger tst_ledger_import tst_ledger_lifecycle tst_decisions tst_rules tst_audit
    tst_pipeline tst_restserver)
# Every test that includes test_engine.h (directly or through ledger_fixture.h) links the cluster's helper.
foreach(target IN LISTS lg_engine_suites ITEMS tst_restsecurity)
    target_link_libraries(${target} PRIVATE lg_pgtest)
endforeach()
foreach(suite IN LISTS lg_engine_suites)
    add_test(NAME ${suite}_pg COMMAND ${suite})
    # Every ledger a test opens is a new database (CREATE DATABASE), so a suite takes longer than on SQLite.
    get_test_property(${suite} TIMEOUT suite_timeout)
    math(EXPR suite_timeout "${suite_timeout} * 3")
    set_tests_properties(${suite}_pg PROPERTIES TIMEOUT ${suite_timeout} LABELS postgresql
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8;LG_TEST_ENGINE=postgresql")
endforeach()
