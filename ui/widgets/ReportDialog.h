// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/ReportWriter.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QMessageBox>

class QDateEdit;
class QDialogButtonBox;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QRadioButton;

namespace ledgerguard {

// File > Export report…: the period (first and last day, UTC), the accounts (all, or a multi-selection) and the PDF
// file of the findings report (core/report). "Write report" writes it on the background pool with a busy bar; the
// dialog closes when the file is written and shows an error box (window-modal, not blocking) when it is not. It cannot
// be closed while writing.
class ReportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ReportDialog(const Ledger& ledger, QWidget* parent = nullptr);
    ~ReportDialog() override;

    // The options the dialog's fields give (generatedAtMs from the ledger's clock).
    ReportOptions options() const;
    QString outputPath() const;
    void setOutputPath(const QString& path);
    void setPeriod(const QDate& from, const QDate& to);
    // Selects these accounts (an empty list selects all).
    void setAccounts(const QList<qint64>& accountIds);
    // Starts writing; false (and nothing started) when a field is invalid or a report is being written.
    bool startWriting();
    bool isWriting() const;
    // The outcome of the last write, for the status bar: "Report written: N pages, FILE" or the error.
    QString resultMessage() const { return m_message; }
    // Closes the dialog, except while writing.
    void reject() override;

Q_SIGNALS:
    void finished(bool ok, const QString& message);

private:
    void browse();
    void onFinished();
    // A window-modal message box that does not block (objectName "reportMessage").
    void showMessage(QMessageBox::Icon icon, const QString& text);

    const Ledger& m_ledger;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QRadioButton* m_all;
    QRadioButton* m_selected;
    QListWidget* m_accounts;
    QLineEdit* m_path;
    QProgressBar* m_busy;
    QDialogButtonBox* m_buttons;
    QFutureWatcher<Result<ReportResult>>* m_watcher;
    QString m_message;
};

} // namespace ledgerguard
