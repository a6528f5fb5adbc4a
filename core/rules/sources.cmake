# SPDX-License-Identifier: GPL-3.0-or-later
# Sources of core/rules (paths relative to core/): the user's rules, above ledger/ and below pipeline/.
list(APPEND core_SOURCES
    rules/Rule.cpp rules/Rule.h
    rules/RuleEngine.cpp rules/RuleEngine.h
    rules/RuleBook.cpp rules/RuleBook.h
)
