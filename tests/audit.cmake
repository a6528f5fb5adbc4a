# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of the classic audit tests (core/audit), their view and report section (see lg_add_test in CMakeLists.txt).
lg_add_test(tst_audit SOURCES tst_audit.cpp)
