# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of core/report (the findings report PDF); they read the PDF back with poppler-utils (pdftotext, pdfinfo).
lg_add_test(tst_report SOURCES tst_report.cpp LIBS ledgerguard_report TIMEOUT 300)
# `ledgerguard report` end to end (starts app/ledgerguard without a display).
lg_add_test(tst_report_command SOURCES tst_report_command.cpp TIMEOUT 300)
target_compile_definitions(tst_report_command PRIVATE LG_APP_PATH="$<TARGET_FILE:ledgerguard>")
add_dependencies(tst_report_command ledgerguard)
