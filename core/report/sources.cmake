# SPDX-License-Identifier: GPL-3.0-or-later
# Sources of core/report, the findings report (paths relative to core/).
list(APPEND report_SOURCES
    report/ReportWriter.cpp report/ReportWriter.h
)
