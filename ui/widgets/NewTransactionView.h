// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"
#include "util/Status.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ledgerguard {

class Ledger;

// The form for a new transaction: validated as you type (Money::parse in the user's locale for the amount,
// Ledger::validate for the rest; each field's error beside it once the field has been edited, Save enabled only
// when the whole form is valid, and a hint beside Save naming what is missing), saved through
// Ledger::addTransaction; the confirmation or the core's error is shown, never swallowed.
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
    // The error shown beside `field` ("amount", "description", ...), empty when none is shown.
    QString errorFor(const QString& field) const;
    // The hint beside Save ("To save, complete: Amount, Description"), empty when the form is valid.
    QString hint() const;
    QString confirmation() const;

Q_SIGNALS:
    void transactionSaved(const QString& id);

public Q_SLOTS:
    void save();

protected:
    void showEvent(QShowEvent* event) override;

private:
    // Fills the account chooser (a query that grows with the anomalies): only while shown, unless `force`.
    void refreshAccounts(bool force = false);
    void validate();
    // Every field's current error (key "" for one that belongs to no field).
    QHash<QString, QString> errors() const;
    void setResult(const QString& text, bool error);
    // Shows the ledger's current time in the date/time field unless the analyst has chosen a time.
    void followClock();
    std::optional<NewTransaction> current(Status* status) const;

    Ledger& m_ledger;
    bool m_accountsStale = true; // the account chooser waits until the view is shown
    // False until the analyst changes the date/time field: until then the transaction is booked at the moment
    // Save is pressed, and the field follows the clock.
    bool m_whenEdited = false;
    bool m_settingWhen = false; // the form, not the analyst, is changing the field
    QComboBox* m_account;
    QLineEdit* m_amount;
    QComboBox* m_category;
    QLineEdit* m_counterparty;
    QLineEdit* m_description;
    QDateTimeEdit* m_when;
    QPushButton* m_save;
    QLabel* m_result;
    QLabel* m_hint;
    QHash<qint64, QString> m_currencies; // of the accounts in the chooser, for parsing the amount
    QHash<QString, QLabel*> m_errors;
    QHash<QString, QString> m_labels; // field key -> its label
    QSet<QString> m_touched; // fields the analyst has edited
};

} // namespace ledgerguard
