# The suites that run on both engines (docs/LEDGER.md "Engines"; tests/test_engine.h): each is registered a second
# time as <name>_pg with LG_TEST_ENGINE=postgresql, taking its server from LG_TEST_PG_URL (a database where the test
# may CREATE DATABASE). Registered when LG_TEST_PG_URL is set at configure time.
lg_add_test(tst_engine SOURCES tst_engine.cpp)

set(lg_engine_suites tst_engine tst_ledger tst_ledger_import tst_ledger_lifecycle tst_rules tst_audit tst_pipeline
    tst_restserver)
if(DEFINED ENV{LG_TEST_PG_URL})
    foreach(suite IN LISTS lg_engine_suites)
        add_test(NAME ${suite}_pg COMMAND ${suite})
        # Every ledger a test opens is a new database (CREATE DATABASE), so a suite takes longer than on SQLite.
        get_test_property(${suite} TIMEOUT suite_timeout)
        math(EXPR suite_timeout "${suite_timeout} * 3")
        set_tests_properties(${suite}_pg PROPERTIES TIMEOUT ${suite_timeout} LABELS postgresql
            ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8;LG_TEST_ENGINE=postgresql;LG_TEST_PG_URL=$ENV{LG_TEST_PG_URL}")
    endforeach()
endif()
