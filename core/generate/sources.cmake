# Sources of core/generate (paths relative to core/).
list(APPEND core_SOURCES
    generate/DemoLedger.cpp generate/DemoLedger.h
    generate/TransactionGenerator.cpp generate/TransactionGenerator.h
)
