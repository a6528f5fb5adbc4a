# ledgerguard-iforest: the detector's command-line tool (issue 3).
