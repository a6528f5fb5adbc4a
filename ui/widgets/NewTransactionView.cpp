// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/NewTransactionView.h"

#include "ledger/Ledger.h"
#include "money/Money.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ledgerguard {

NewTransactionView::NewTransactionView(Ledger& ledger, QWidget* parent)
    : QWidget(parent)
    , m_ledger(ledger)
    , m_account(new QComboBox(this))
    , m_amount(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_counterparty(new QLineEdit(this))
    , m_description(new QLineEdit(this))
    , m_when(new QDateTimeEdit(QDateTime::currentDateTime(), this))
    , m_save(new QPushButton(tr("Save transaction"), this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("NewTransactionView"));
    m_amount->setPlaceholderText(
        tr("e.g. %1 (negative for a payment)").arg(Money(-123456, QStringLiteral("EUR")).format(QLocale())));
    m_description->setPlaceholderText(tr("What is it for?"));
    m_counterparty->setPlaceholderText(tr("Who paid or was paid (optional)"));
    for (Category c : allCategories())
        m_category->addItem(categoryLabel(c), categoryKey(c));
    m_when->setCalendarPopup(true);
    m_when->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    m_save->setObjectName(QStringLiteral("primaryButton"));
    m_save->setDefault(true);
    m_result->setObjectName(QStringLiteral("formResult"));
    m_result->setWordWrap(true);

    auto* form = new QFormLayout;
    auto field = [&](const QString& label, QWidget* w, const QString& key) {
        auto* error = new QLabel(this);
        error->setObjectName(QStringLiteral("fieldError"));
        error->setWordWrap(true);
        m_errors.insert(key, error);
        auto* box = new QVBoxLayout;
        box->setSpacing(2);
        box->addWidget(w);
        box->addWidget(error);
        form->addRow(label, box);
    };
    field(tr("Account"), m_account, QStringLiteral("accountId"));
    field(tr("Amount"), m_amount, QStringLiteral("amount"));
    field(tr("Category"), m_category, QStringLiteral("category"));
    field(tr("Counterparty"), m_counterparty, QStringLiteral("counterparty"));
    field(tr("Description"), m_description, QStringLiteral("description"));
    field(tr("Date and time"), m_when, QStringLiteral("timestamp"));

    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("New transaction"), this);
    title->setObjectName(QStringLiteral("viewTitle"));
    layout->addWidget(title);
    auto* formBox = new QWidget(this);
    formBox->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('m')) * 60);
    formBox->setLayout(form);
    layout->addWidget(formBox);
    layout->addWidget(m_save, 0, Qt::AlignLeft);
    layout->addWidget(m_result);
    layout->addStretch(1);

    refreshAccounts();
    connect(m_amount, &QLineEdit::textChanged, this, &NewTransactionView::validate);
    connect(m_description, &QLineEdit::textChanged, this, &NewTransactionView::validate);
    connect(m_counterparty, &QLineEdit::textChanged, this, &NewTransactionView::validate);
    connect(m_account, &QComboBox::currentIndexChanged, this, &NewTransactionView::validate);
    connect(m_category, &QComboBox::currentIndexChanged, this, &NewTransactionView::validate);
    connect(m_when, &QDateTimeEdit::dateTimeChanged, this, &NewTransactionView::validate);
    connect(m_save, &QPushButton::clicked, this, &NewTransactionView::save);
    connect(m_amount, &QLineEdit::returnPressed, this, &NewTransactionView::save);
    connect(m_description, &QLineEdit::returnPressed, this, &NewTransactionView::save);
    connect(&m_ledger, &Ledger::accountChanged, this, &NewTransactionView::refreshAccounts);
    connect(&m_ledger, &Ledger::accountsChanged, this, &NewTransactionView::refreshAccounts);
    validate();
}

void NewTransactionView::refreshAccounts()
{
    const QVariant current = m_account->currentData();
    QSignalBlocker block(m_account);
    m_account->clear();
    const QLocale locale;
    if (auto accounts = m_ledger.accounts()) {
        for (const Account& a : *accounts)
            m_account->addItem(
                tr("%1 — balance %2").arg(a.name, Money(a.balance, a.currency).formatWithCurrency(locale)), a.id);
    }
    const int i = m_account->findData(current);
    m_account->setCurrentIndex(i < 0 ? 0 : i);
}

QString NewTransactionView::errorFor(const QString& field) const
{
    QLabel* l = m_errors.value(field);
    return l ? l->text() : QString();
}

QString NewTransactionView::confirmation() const
{
    return m_result->text();
}

std::optional<NewTransaction> NewTransactionView::current(Status* status) const
{
    NewTransaction t;
    t.accountId = m_account->currentData().toLongLong();
    QString currency = QStringLiteral("EUR");
    if (auto a = m_ledger.account(t.accountId))
        currency = a->currency;
    auto money = Money::parse(m_amount->text(), currency, QLocale());
    if (!money) {
        *status = money.status();
        return std::nullopt;
    }
    t.amount = money->minorUnits();
    t.category = m_category->currentData().toString();
    t.counterparty = m_counterparty->text();
    t.description = m_description->text();
    t.timestamp = m_when->dateTime().toMSecsSinceEpoch();
    t.source = Source::Manual;
    *status = Status::ok();
    return t;
}

void NewTransactionView::validate()
{
    for (QLabel* l : std::as_const(m_errors))
        l->clear();
    // Every field is checked on its own, so that all errors show at once, not just the first.
    Status status;
    auto t = current(&status);
    if (!t) {
        m_errors.value(status.field())->setText(status.message());
        // Check the other fields with a placeholder amount.
        NewTransaction rest;
        rest.accountId = m_account->currentData().toLongLong();
        rest.amount = 1;
        rest.category = m_category->currentData().toString();
        rest.counterparty = m_counterparty->text();
        rest.description = m_description->text();
        rest.timestamp = m_when->dateTime().toMSecsSinceEpoch();
        t = rest;
    }
    bool valid = status.isOk();
    for (int guard = 0; guard < 6; ++guard) {
        const Status s = m_ledger.validate(*t);
        if (s.isOk())
            break;
        valid = false;
        if (QLabel* l = m_errors.value(s.field())) {
            if (l->text().isEmpty())
                l->setText(s.message());
        } else {
            m_result->setText(s.toString());
            break;
        }
        // Neutralise the reported field and look for further errors.
        if (s.field() == QLatin1String("description"))
            t->description = QStringLiteral("x");
        else if (s.field() == QLatin1String("counterparty"))
            t->counterparty.clear();
        else if (s.field() == QLatin1String("timestamp"))
            t->timestamp.reset();
        else if (s.field() == QLatin1String("amount"))
            t->amount = 1;
        else
            break;
    }
    m_save->setEnabled(valid);
}

void NewTransactionView::save()
{
    Status status;
    auto t = current(&status);
    if (!t || !m_save->isEnabled()) {
        validate();
        return;
    }
    auto saved = m_ledger.addTransaction(*t);
    if (!saved) {
        if (QLabel* l = m_errors.value(saved.status().field()))
            l->setText(saved.status().message());
        m_result->setText(tr("Not saved: %1").arg(saved.status().toString()));
        m_result->setProperty("error", true);
        return;
    }
    m_result->setProperty("error", false);
    const qint64 balance = m_ledger.account(saved->accountId).isOk() ? m_ledger.account(saved->accountId)->balance
                                                                     : saved->runningBalance;
    m_result->setText(tr("Saved %1 to %2; new balance %3.")
                          .arg(Money(saved->amount, saved->currency).formatWithCurrency(QLocale()),
                               m_account->currentText().section(QStringLiteral(" — "), 0, 0),
                               Money(balance, saved->currency).formatWithCurrency(QLocale())));
    m_amount->clear();
    m_description->clear();
    m_counterparty->clear();
    m_when->setDateTime(QDateTime::currentDateTime());
    Q_EMIT transactionSaved(saved->id);
}

} // namespace ledgerguard
