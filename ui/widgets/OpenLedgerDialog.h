// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QString>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ledgerguard {

// File > Open ledger…: where the ledger to open lives, a file path (Browse… picks one; a file that does not exist
// becomes a new, empty ledger) or a PostgreSQL URL postgresql://USER@HOST[:PORT]/DBNAME[?sslmode=MODE]
// (docs/TEAM.md). Open is enabled for a non-empty location; a URL that carries a password is refused in the dialog
// (the error names it): the password comes from the password file or askLedgerPassword, never from a stored URL.
class OpenLedgerDialog : public QDialog
{
    Q_OBJECT
public:
    // `current`: the open ledger's location, shown selected.
    explicit OpenLedgerDialog(const QString& current, QWidget* parent = nullptr);

    // The trimmed location; a file path made absolute.
    QString location() const;
    QLineEdit* locationEdit() const { return m_location; }
    QPushButton* openButton() const { return m_open; }
    // Why Open is disabled; empty when it is enabled.
    QString errorText() const;

private:
    void validate();

    QLineEdit* m_location;
    QLabel* m_error;
    QPushButton* m_open;
};

// Asks for the password of the database at `url` when the server wants one the password file does not give: a
// masked field; returns the password, or a null QString when cancelled. The answer is neither stored nor logged.
QString askLedgerPassword(QWidget* parent, const QString& url);

// The status bar's text for the open ledger: the file's path, or for PostgreSQL the URL and who is connected
// ("Connected as USER on HOST").
QString ledgerStatusText(const QString& location, const QString& user, const QString& host);

} // namespace ledgerguard
