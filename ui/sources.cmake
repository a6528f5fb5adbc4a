# UI sources (paths relative to ui/).
list(APPEND ui_SOURCES
    Actor.h
    Background.cpp Background.h
    LedgerTime.h
    Theme.cpp Theme.h
    models/AccountTableModel.cpp models/AccountTableModel.h
    models/AnomalyTableModel.cpp models/AnomalyTableModel.h
    models/LiveReload.cpp models/LiveReload.h
    models/PagedTableModel.cpp models/PagedTableModel.h
    models/TransactionTableModel.cpp models/TransactionTableModel.h
    widgets/AccountChooser.cpp widgets/AccountChooser.h
    widgets/AccountsView.cpp widgets/AccountsView.h
    widgets/AuditSettingsDialog.cpp widgets/AuditSettingsDialog.h
    widgets/AnomaliesView.cpp widgets/AnomaliesView.h
    widgets/CasePane.cpp widgets/CasePane.h
    widgets/ColumnFit.cpp widgets/ColumnFit.h
    widgets/Charts.cpp widgets/Charts.h
    widgets/CsvExportButton.cpp widgets/CsvExportButton.h
    widgets/DashboardView.cpp widgets/DashboardView.h
    widgets/FileDialogs.cpp widgets/FileDialogs.h
    widgets/HelpDialogs.cpp widgets/HelpDialogs.h
    widgets/ImportDialog.cpp widgets/ImportDialog.h
    widgets/ImportHistoryDialog.cpp widgets/ImportHistoryDialog.h
    widgets/MainWindow.cpp widgets/MainWindow.h
    widgets/NewAccountDialog.cpp widgets/NewAccountDialog.h
    widgets/OpenLedgerDialog.cpp widgets/OpenLedgerDialog.h
    widgets/NewTransactionView.cpp widgets/NewTransactionView.h
    widgets/ReportDialog.cpp widgets/ReportDialog.h
    widgets/RiskBadgeDelegate.cpp widgets/RiskBadgeDelegate.h
    widgets/RowCountLabel.cpp widgets/RowCountLabel.h
    widgets/RulesDialog.cpp widgets/RulesDialog.h
    widgets/SettingsDialog.cpp widgets/SettingsDialog.h
    widgets/SortHeader.cpp widgets/SortHeader.h
    widgets/Services.h
    widgets/TableSelection.cpp widgets/TableSelection.h
    widgets/TestsView.cpp widgets/TestsView.h
    widgets/TransactionsView.cpp widgets/TransactionsView.h
    widgets/TrayNotifier.cpp widgets/TrayNotifier.h
)
