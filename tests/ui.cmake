# Tests of the desktop (models, views, form, main window), offscreen (see lg_add_test in CMakeLists.txt). Each
# builds a small demo ledger on a ManualClock (tests/desktop_fixture.h).
lg_add_test(tst_transactionmodel SOURCES tst_transactionmodel.cpp desktop_fixture.h LIBS ledgerguard_ui ledgerguard_core)
lg_add_test(tst_anomalymodel SOURCES tst_anomalymodel.cpp desktop_fixture.h LIBS ledgerguard_ui ledgerguard_core)
lg_add_test(tst_transactionsview SOURCES tst_transactionsview.cpp desktop_fixture.h view_checks.h LIBS ledgerguard_ui ledgerguard_core)
lg_add_test(tst_anomaliesview SOURCES tst_anomaliesview.cpp desktop_fixture.h view_checks.h LIBS ledgerguard_ui ledgerguard_core)
lg_add_test(tst_newtransactionform SOURCES tst_newtransactionform.cpp desktop_fixture.h
            LIBS ledgerguard_ui ledgerguard_core)
lg_add_test(tst_mainwindow SOURCES tst_mainwindow.cpp desktop_fixture.h view_checks.h LIBS ledgerguard_ui ledgerguard_core)
lg_add_test(tst_importdialog SOURCES tst_importdialog.cpp LIBS ledgerguard_ui ledgerguard_core)
lg_add_test(tst_reportdialog SOURCES tst_reportdialog.cpp desktop_fixture.h LIBS ledgerguard_ui ledgerguard_core)
lg_add_test(tst_theme SOURCES tst_theme.cpp LIBS ledgerguard_ui)
lg_add_test(tst_accountsview SOURCES tst_accountsview.cpp desktop_fixture.h LIBS ledgerguard_ui ledgerguard_core)
lg_add_test(tst_helpsettings SOURCES tst_helpsettings.cpp desktop_fixture.h LIBS ledgerguard_ui ledgerguard_core)
# Review > Rules: the rule editor built by clicking and typing, its live preview and the rule then flagging.
lg_add_test(tst_ruleeditor SOURCES tst_ruleeditor.cpp LIBS ledgerguard_ui ledgerguard_core)
# File > Open ledger… and the status bar's ledger text (a file, or a PostgreSQL URL and who is connected).
lg_add_test(tst_openledger SOURCES tst_openledger.cpp LIBS ledgerguard_ui ledgerguard_core)
