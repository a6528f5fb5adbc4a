// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace ledgerguard {

class Ledger;

// "New account…": name, type, currency (ISO 4217) and an optional opening balance (Money::parse in the user's
// locale and the chosen currency). OK creates the account through Ledger::createAccount (the opening balance is its
// first transaction); the core's error, naming the field, stays in the dialog, which closes only after a success.
class NewAccountDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewAccountDialog(Ledger& ledger, QWidget* parent = nullptr);

    QLineEdit* nameField() const { return m_name; }
    QComboBox* typeField() const { return m_type; }
    QLineEdit* currencyField() const { return m_currency; }
    QLineEdit* openingBalanceField() const { return m_opening; }
    // The error shown, empty when none.
    QString error() const;
    // The account created by the last successful OK, 0 before.
    qint64 createdAccountId() const { return m_created; }

public Q_SLOTS:
    // Creates the account; accepts the dialog on success, else shows the error.
    void create();

private:
    Ledger& m_ledger;
    QLineEdit* m_name;
    QComboBox* m_type;
    QLineEdit* m_currency;
    QLineEdit* m_opening;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    qint64 m_created = 0;
};

} // namespace ledgerguard
