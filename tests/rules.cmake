# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of core/rules and the combined score (see lg_add_test in CMakeLists.txt).
lg_add_test(tst_rules SOURCES tst_rules.cpp)
