# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of core/report (the findings report PDF); they read the PDF back with poppler-utils (pdftotext, pdfinfo).
lg_add_test(tst_report SOURCES tst_report.cpp LIBS ledgerguard_report TIMEOUT 300)
