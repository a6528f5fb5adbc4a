# Sources of core/ledger (paths relative to core/).
