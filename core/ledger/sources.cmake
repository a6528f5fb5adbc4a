# Sources of core/ledger (paths relative to core/).
list(APPEND core_SOURCES
    ledger/ChangeFeed.cpp ledger/ChangeFeed_p.h
    ledger/Database.cpp ledger/Database.h
    ledger/DatabaseUrl.cpp ledger/DatabaseUrl.h
    ledger/Dialect.cpp ledger/Dialect_p.h
    ledger/Ledger.cpp ledger/Ledger.h
    ledger/LedgerCases.cpp
    ledger/LedgerFeatures.cpp
    ledger/LedgerImport.cpp
    ledger/LedgerLifecycle.cpp
    ledger/LedgerModels.cpp
    ledger/LedgerQueries.cpp
    ledger/LedgerRisk.cpp
    ledger/LedgerRules.cpp
    ledger/Migrate.cpp ledger/Migrate.h
    ledger/Risk.cpp ledger/Risk.h
    ledger/Schema.cpp ledger/Schema.h
    ledger/SchemaPostgres.cpp
    ledger/ScoreParts.h
    ledger/SqlRows_p.h
    ledger/SqliteApi.cpp ledger/SqliteApi_p.h
    ledger/TransactionColumns.h
    ledger/UnscoredRows.h
    ledger/Types.cpp ledger/Types.h
)
