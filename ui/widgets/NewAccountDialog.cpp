// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/NewAccountDialog.h"

#include "ledger/Ledger.h"
#include "money/Money.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace ledgerguard {

NewAccountDialog::NewAccountDialog(Ledger& ledger, QWidget* parent)
    : QDialog(parent)
    , m_ledger(ledger)
    , m_name(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_currency(new QLineEdit(this))
    , m_opening(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("NewAccountDialog"));
    setWindowTitle(tr("New account"));
    m_name->setObjectName(QStringLiteral("accountName"));
    m_type->setObjectName(QStringLiteral("accountType"));
    m_currency->setObjectName(QStringLiteral("accountCurrency"));
    m_opening->setObjectName(QStringLiteral("openingBalance"));
    m_error->setObjectName(QStringLiteral("newAccountError"));
    m_name->setMaxLength(kMaxAccountNameLength);
    for (AccountType t : allAccountTypes())
        m_type->addItem(accountTypeLabel(t), int(t));
    const QString localCurrency = QLocale().currencySymbol(QLocale::CurrencyIsoCode);
    m_currency->setText(Money::isKnownCurrency(localCurrency) ? localCurrency : QStringLiteral("EUR"));
    m_currency->setMaxLength(3);
    m_currency->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{0,3}")), m_currency));
    m_currency->setToolTip(tr("ISO 4217 code, for example EUR, USD, CHF; it cannot be changed later"));
    m_opening->setPlaceholderText(tr("0"));
    m_opening->setToolTip(tr("The balance the account starts with, booked as its first transaction"));
    m_error->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create account"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Type"), m_type);
    form->addRow(tr("&Currency"), m_currency);
    form->addRow(tr("&Opening balance"), m_opening);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewAccountDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_currency, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (text != text.toUpper())
            m_currency->setText(text.toUpper());
    });
}

QString NewAccountDialog::error() const
{
    return m_error->text();
}

void NewAccountDialog::create()
{
    NewAccount account;
    account.name = m_name->text();
    account.type = AccountType(m_type->currentData().toInt());
    account.currency = m_currency->text().trimmed().toUpper();
    const auto fieldLabel = [this](const QString& field) {
        if (field == QLatin1String("name"))
            return tr("Name");
        if (field == QLatin1String("currency"))
            return tr("Currency");
        if (field == QLatin1String("openingBalance"))
            return tr("Opening balance");
        return field;
    };
    if (!Money::isKnownCurrency(account.currency)) {
        m_error->setText(tr("Currency: '%1' is not a known ISO 4217 code").arg(account.currency));
        m_currency->setFocus();
        return;
    }
    if (!m_opening->text().trimmed().isEmpty()) {
        auto money = Money::parse(m_opening->text(), account.currency, QLocale());
        if (!money) {
            m_error->setText(tr("Opening balance: %1").arg(money.status().message()));
            m_opening->setFocus();
            return;
        }
        account.openingBalance = money->minorUnits();
    }
    auto created = m_ledger.createAccount(account);
    if (!created) {
        const Status& s = created.status();
        m_error->setText(s.field().isEmpty() ? s.message() : tr("%1: %2").arg(fieldLabel(s.field()), s.message()));
        return;
    }
    m_error->clear();
    m_created = created->id;
    accept();
}

} // namespace ledgerguard
