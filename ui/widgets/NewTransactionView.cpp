// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/NewTransactionView.h"

#include "LedgerTime.h"
#include "ledger/Ledger.h"
#include "money/Money.h"
#include "widgets/AccountChooser.h"

#include <QCollator>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QStyle>
#include <QTimer>
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
    , m_when(new QDateTimeEdit(ledgerNow(m_ledger), this))
    , m_save(new QPushButton(tr("Save transaction"), this))
    , m_result(new QLabel(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("NewTransactionView"));
    m_amount->setPlaceholderText(
        tr("e.g. %1 (negative for a payment)").arg(Money(-123456, QStringLiteral("EUR")).format(QLocale())));
    m_description->setPlaceholderText(tr("What is it for?"));
    m_counterparty->setPlaceholderText(tr("Who paid or was paid (optional)"));
    // Categories in alphabetical order of their names, "Other" chosen until the analyst picks one; not the opening
    // balance, which is booked with its account (and left out of detection).
    QList<Category> categories = allCategories();
    categories.removeAll(Category::OpeningBalance);
    const QCollator collator;
    std::sort(categories.begin(), categories.end(),
              [&](Category a, Category b) { return collator.compare(categoryLabel(a), categoryLabel(b)) < 0; });
    for (Category c : std::as_const(categories))
        m_category->addItem(categoryLabel(c), categoryKey(c));
    m_category->setCurrentIndex(m_category->findData(QStringLiteral("other")));
    m_when->setCalendarPopup(true);
    m_when->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    m_save->setObjectName(QStringLiteral("primaryButton"));
    m_save->setDefault(true);
    m_result->setObjectName(QStringLiteral("formResult"));
    m_result->setWordWrap(true);

    auto* form = new QFormLayout;
    auto field = [&](const QString& label, QWidget* w, const QString& key) {
        m_labels.insert(key, label);
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
    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(m_save);
    saveRow->addWidget(m_hint, 1);
    layout->addLayout(saveRow);
    layout->addWidget(m_result);
    layout->addStretch(1);

    m_hint->setObjectName(QStringLiteral("formHint"));
    m_hint->setWordWrap(true);

    refreshAccounts();
    // A field shows its error once the analyst has edited it (or tried to save), not while the form is fresh.
    auto touch = [this](const QString& key) {
        return [this, key] {
            m_touched.insert(key);
            m_result->clear();
        };
    };
    connect(m_amount, &QLineEdit::textEdited, this, touch(QStringLiteral("amount")));
    connect(m_description, &QLineEdit::textEdited, this, touch(QStringLiteral("description")));
    connect(m_counterparty, &QLineEdit::textEdited, this, touch(QStringLiteral("counterparty")));
    connect(m_account, &QComboBox::activated, this, touch(QStringLiteral("accountId")));
    connect(m_category, &QComboBox::activated, this, touch(QStringLiteral("category")));
    connect(m_when, &QDateTimeEdit::editingFinished, this, touch(QStringLiteral("timestamp")));
    connect(m_when, &QDateTimeEdit::dateTimeChanged, this, [this] {
        if (!m_settingWhen)
            m_whenEdited = true;
    });
    auto* clock = new QTimer(this);
    clock->setInterval(1000);
    connect(clock, &QTimer::timeout, this, &NewTransactionView::followClock);
    clock->start();
    connect(m_amount, &QLineEdit::textChanged, this, &NewTransactionView::validate);
    connect(m_description, &QLineEdit::textChanged, this, &NewTransactionView::validate);
    connect(m_counterparty, &QLineEdit::textChanged, this, &NewTransactionView::validate);
    connect(m_account, &QComboBox::currentIndexChanged, this, &NewTransactionView::validate);
    connect(m_category, &QComboBox::currentIndexChanged, this, &NewTransactionView::validate);
    connect(m_when, &QDateTimeEdit::dateTimeChanged, this, &NewTransactionView::validate);
    connect(m_save, &QPushButton::clicked, this, &NewTransactionView::save);
    connect(m_amount, &QLineEdit::returnPressed, this, &NewTransactionView::save);
    connect(m_description, &QLineEdit::returnPressed, this, &NewTransactionView::save);
    // Ledger::accountsChanged always comes with accountChanged: one refresh per change.
    connect(&m_ledger, &Ledger::accountChanged, this, [this] { refreshAccounts(); });
    validate();
}

void NewTransactionView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_accountsStale)
        refreshAccounts();
}

void NewTransactionView::refreshAccounts(bool force)
{
    m_accountsStale = !force && !isVisible();
    if (m_accountsStale)
        return;
    const QLocale locale;
    if (auto accounts = m_ledger.accounts()) {
        accounts->removeIf([](const Account& a) { return a.closedAt.has_value(); }); // they take no transactions
        m_currencies.clear();
        for (const Account& a : std::as_const(*accounts))
            m_currencies.insert(a.id, a.currency);
        fillAccountChooser(m_account, *accounts, {}, [&](const Account& a) {
            return tr("%1 — balance %2").arg(a.name, Money(a.balance, a.currency).formatWithCurrency(locale));
        });
    }
    validate(); // the chooser changed under the signal blocker
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

QString NewTransactionView::hint() const
{
    return m_hint->text();
}

std::optional<NewTransaction> NewTransactionView::current(Status* status) const
{
    NewTransaction t;
    t.accountId = m_account->currentData().toLongLong();
    const QString currency = m_currencies.value(t.accountId, QStringLiteral("EUR"));
    auto money = Money::parse(m_amount->text(), currency, QLocale());
    if (!money) {
        *status = money.status();
        return std::nullopt;
    }
    t.amount = money->minorUnits();
    t.category = m_category->currentData().toString();
    t.counterparty = m_counterparty->text();
    t.description = m_description->text();
    t.timestamp = m_whenEdited ? m_when->dateTime().toMSecsSinceEpoch() : m_ledger.clock().nowMs();
    t.source = Source::Manual;
    *status = Status::ok();
    return t;
}

QHash<QString, QString> NewTransactionView::errors() const
{
    // Every field is checked on its own, so that all errors are known at once, not just the first.
    QHash<QString, QString> out;
    Status status;
    auto t = current(&status);
    if (!t) {
        out.insert(status.field().isEmpty() ? QStringLiteral("amount") : status.field(), status.message());
        // Check the other fields with a placeholder amount.
        NewTransaction rest;
        rest.accountId = m_account->currentData().toLongLong();
        rest.amount = 1;
        rest.category = m_category->currentData().toString();
        rest.counterparty = m_counterparty->text();
        rest.description = m_description->text();
        rest.timestamp = m_whenEdited ? m_when->dateTime().toMSecsSinceEpoch() : m_ledger.clock().nowMs();
        t = rest;
    }
    for (int guard = 0; guard < 8; ++guard) {
        const Status s = m_ledger.validate(*t);
        if (s.isOk())
            break;
        const QString field = m_errors.contains(s.field()) ? s.field() : QString();
        if (!out.contains(field))
            out.insert(field, s.message());
        // Neutralise the reported field and look for further errors.
        if (s.field() == QLatin1String("description"))
            t->description = QStringLiteral("x");
        else if (s.field() == QLatin1String("counterparty"))
            t->counterparty.clear();
        else if (s.field() == QLatin1String("timestamp"))
            t->timestamp.reset();
        else if (s.field() == QLatin1String("amount"))
            t->amount = 1;
        else if (s.field() == QLatin1String("category"))
            t->category = QStringLiteral("other");
        else
            break;
    }
    return out;
}

void NewTransactionView::validate()
{
    const QHash<QString, QString> found = errors();
    auto sentence = [](QString message) {
        if (!message.isEmpty())
            message[0] = message[0].toUpper();
        return message;
    };
    QStringList missing;
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        const bool show = m_touched.contains(it.key()) && found.contains(it.key());
        it.value()->setText(show ? sentence(found.value(it.key())) : QString());
    }
    // Fields in form order for the hint beside the Save button.
    for (const char* key : {"accountId", "amount", "category", "counterparty", "description", "timestamp"}) {
        if (found.contains(QLatin1String(key)))
            missing << m_labels.value(QLatin1String(key));
    }
    if (found.contains(QString()))
        missing << sentence(found.value(QString())); // an error of no one field
    m_hint->setText(missing.isEmpty() ? QString()
                                      : tr("To save, complete: %1").arg(missing.join(QStringLiteral(", "))));
    m_save->setEnabled(found.isEmpty());
}

void NewTransactionView::setResult(const QString& text, bool error)
{
    m_result->setText(text);
    m_result->setProperty("error", error);
    // The style sheet selects on the property: re-polish so that the colour follows.
    m_result->style()->unpolish(m_result);
    m_result->style()->polish(m_result);
}

void NewTransactionView::followClock()
{
    if (m_whenEdited || m_when->hasFocus())
        return;
    const QScopedValueRollback guard(m_settingWhen, true);
    m_when->setDateTime(ledgerNow(m_ledger));
}

void NewTransactionView::save()
{
    Status status;
    auto t = current(&status);
    if (!t || !m_save->isEnabled()) {
        // A save attempt shows every field's error, edited or not.
        for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
            m_touched.insert(it.key());
        validate();
        return;
    }
    auto saved = m_ledger.addTransaction(*t);
    if (!saved) {
        if (QLabel* l = m_errors.value(saved.status().field()))
            l->setText(saved.status().message());
        setResult(tr("Not saved: %1").arg(saved.status().toString()), true);
        return;
    }
    const auto account = m_ledger.account(saved->accountId);
    const qint64 balance = account ? account->balance : saved->runningBalance;
    const QString confirmation = tr("Saved %1 to %2; new balance %3.")
                                     .arg(Money(saved->amount, saved->currency).formatWithCurrency(QLocale()),
                                          m_account->currentText().section(QStringLiteral(" — "), 0, 0),
                                          Money(balance, saved->currency).formatWithCurrency(QLocale()));
    m_touched.clear(); // a fresh form again
    m_amount->clear();
    m_description->clear();
    m_counterparty->clear();
    m_whenEdited = false;
    followClock();
    setResult(confirmation, false);
    Q_EMIT transactionSaved(saved->id);
}

} // namespace ledgerguard
