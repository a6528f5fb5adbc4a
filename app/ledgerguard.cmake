# ledgerguard: the desktop application and headless server.
