// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"
#include "util/Status.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ledgerguard {

class Ledger;

// The form for a new transaction: validated as you type (each field's error beside it, Save enabled only when
// the whole form is valid), amount parsed in the user's locale, saved through Ledger::addTransaction; the
// confirmation or the core's error is shown, never swallowed.
class NewTransactionView : public QWidget
{
    Q_OBJECT
public:
    explicit NewTransactionView(Ledger& ledger, QWidget* parent = nullptr);

    QLineEdit* amountField() const { return m_amount; }
    QLineEdit* descriptionField() const { return m_description; }
    QLineEdit* counterpartyField() const { return m_counterparty; }
    QComboBox* accountField() const { return m_account; }
    QComboBox* categoryField() const { return m_category; }
    QPushButton* saveButton() const { return m_save; }
    QString errorFor(const QString& field) const;
    QString confirmation() const;

Q_SIGNALS:
    void transactionSaved(const QString& id);

public Q_SLOTS:
    void save();

private:
    void refreshAccounts();
    void validate();
    std::optional<NewTransaction> current(Status* status) const;

    Ledger& m_ledger;
    QComboBox* m_account;
    QLineEdit* m_amount;
    QComboBox* m_category;
    QLineEdit* m_counterparty;
    QLineEdit* m_description;
    QDateTimeEdit* m_when;
    QPushButton* m_save;
    QLabel* m_result;
    QHash<QString, QLabel*> m_errors;
};

} // namespace ledgerguard
