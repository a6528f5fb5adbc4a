# Benchmarks of the ledger area.
