# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of the classic audit tests (core/audit), their view and report section (see lg_add_test in CMakeLists.txt).
lg_add_test(tst_audit SOURCES tst_audit.cpp)
lg_add_test(tst_testsview SOURCES tst_testsview.cpp desktop_fixture.h view_checks.h LIBS ledgerguard_ui ledgerguard_core)
lg_add_test(tst_report_classictests SOURCES tst_report_classictests.cpp LIBS ledgerguard_report)
