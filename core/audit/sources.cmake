# SPDX-License-Identifier: GPL-3.0-or-later
# Sources of core/audit, the classic audit tests (paths relative to core/).
list(APPEND core_SOURCES
    audit/AuditScoreParts.cpp audit/AuditScoreParts.h
    audit/AuditSettings.cpp audit/AuditSettings.h
    audit/AuditTests.cpp audit/AuditTests.h
)
