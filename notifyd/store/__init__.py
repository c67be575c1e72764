"""SQLite: the ledger, notices, outbox and response log; the only place SQL is written."""
