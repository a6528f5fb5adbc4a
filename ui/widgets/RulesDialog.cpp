// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/RulesDialog.h"

#include "Actor.h"
#include "Background.h"
#include "LedgerTime.h"
#include "ledger/Ledger.h"
#include "money/Money.h"
#include "rules/RuleBook.h"
#include "util/Plural.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

Q_DECLARE_METATYPE(ledgerguard::rules::Preview)

namespace ledgerguard {

namespace {

using rules::Rule;

// The fields a row offers: (label, key). "amount" and "signedAmount" are the amount with and without its sign.
const QList<QPair<QString, QString>>& fieldChoices()
{
    static const QList<QPair<QString, QString>> fields {
        {QObject::tr("Amount (either sign)"), QStringLiteral("amount")},
        {QObject::tr("Amount (signed)"), QStringLiteral("signedAmount")},
        {QObject::tr("Counterparty"), QStringLiteral("counterparty")},
        {QObject::tr("Description"), QStringLiteral("description")},
        {QObject::tr("Category"), QStringLiteral("category")},
        {QObject::tr("Currency"), QStringLiteral("currency")},
        {QObject::tr("Account"), QStringLiteral("account")},
        {QObject::tr("Weekday"), QStringLiteral("weekday")},
        {QObject::tr("Time of day"), QStringLiteral("timeOfDay")},
        {QObject::tr("Day of month"), QStringLiteral("dayOfMonth")},
        {QObject::tr("First payment"), QStringLiteral("firstPayment")},
        {QObject::tr("Transactions in a window"), QStringLiteral("window")},
    };
    return fields;
}

const QStringList kComparisons {QStringLiteral(">"),  QStringLiteral(">="), QStringLiteral("<"),
                                QStringLiteral("<="), QStringLiteral("="),  QStringLiteral("between")};

QJsonValue number(const QString& text)
{
    bool ok = false;
    const qint64 n = text.trimmed().toLongLong(&ok);
    return ok ? QJsonValue(n) : QJsonValue(text.trimmed());
}

QString errorStyle()
{
    return QStringLiteral("color: #b00020;");
}

} // namespace

// ---- RulesDialog ----

RulesDialog::RulesDialog(Ledger& ledger, QWidget* parent)
    : QDialog(parent)
    , m_ledger(ledger)
    , m_table(new QTableWidget(0, 4, this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Rules"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Enabled"), tr("Effect"), tr("Cases")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_status->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    auto button = [&](const QString& text, const QString& name, auto slot) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
        return b;
    };
    button(tr("&New…"), QStringLiteral("newRule"), [this] {
        RuleEditorDialog editor(m_ledger, std::nullopt, false, this);
        if (editor.exec() == QDialog::Accepted)
            reload();
    });
    button(tr("&Edit…"), QStringLiteral("editRule"), [this] { edit(false); });
    button(tr("D&uplicate…"), QStringLiteral("duplicateRule"), [this] { edit(true); });
    button(tr("&Delete"), QStringLiteral("deleteRule"), [this] {
        const QString id = selectedId();
        if (id.isEmpty())
            return;
        if (Status s = rules::RuleBook(m_ledger).remove(id, operatingSystemUser()); !s.isOk())
            showError(s.message());
        reload();
    });
    button(tr("Enable / d&isable"), QStringLiteral("toggleRule"), [this] {
        const QString id = selectedId();
        for (const Rule& r : std::as_const(m_rules)) {
            if (r.id != id)
                continue;
            QJsonObject json = rules::toJson(r);
            json.insert(QStringLiteral("enabled"), !r.enabled);
            if (auto saved = rules::RuleBook(m_ledger).save(json, operatingSystemUser(), id); !saved)
                showError(saved.status().message());
        }
        reload();
    });
    button(tr("Add &default rules"), QStringLiteral("defaultRules"), [this] {
        auto accounts = m_ledger.accounts();
        const QString currency = accounts && !accounts->isEmpty() ? accounts->first().currency : QStringLiteral("EUR");
        for (const QJsonObject& json : rules::RuleBook::defaultRules(currency))
            if (auto saved = rules::RuleBook(m_ledger).save(json, operatingSystemUser()); !saved)
                showError(saved.status().message());
        reload();
    });
    buttons->addStretch();
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    buttons->addWidget(close);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] { edit(false); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &RulesDialog::updateButtons);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Rules flag, raise, lower or suppress alerts beside the anomaly detector. They run on "
                                "every new transaction and in every detection run."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(m_table);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(760, 420);
    reload();
}

void RulesDialog::reload()
{
    rules::RuleBook book(m_ledger);
    auto all = book.rules();
    auto hits = m_ledger.ruleHits();
    if (!all || !hits) {
        showError((all ? hits.status() : all.status()).message());
        return;
    }
    m_rules = *all;
    m_table->setRowCount(int(m_rules.size()));
    for (int i = 0; i < m_rules.size(); ++i) {
        const Rule& r = m_rules[i];
        auto* name = new QTableWidgetItem(r.name);
        name->setData(Qt::UserRole, r.id);
        name->setToolTip(rules::conditionText(r.condition));
        m_table->setItem(i, 0, name);
        m_table->setItem(i, 1, new QTableWidgetItem(r.enabled ? tr("yes") : tr("no")));
        m_table->setItem(i, 2, new QTableWidgetItem(rules::effectText(r.effect)));
        auto* cases = new QTableWidgetItem(QLocale().toString(hits->value(r.id)));
        cases->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(i, 3, cases);
    }
    if (m_table->rowCount() > 0 && m_table->currentRow() < 0)
        m_table->selectRow(0);
    m_status->setStyleSheet(QString());
    m_status->setText(m_rules.isEmpty() ? tr("No rules yet: New… writes one, Add default rules adds three common ones.")
                                        : QString());
    updateButtons();
}

void RulesDialog::updateButtons()
{
    // The buttons that act on the selected rule are off while none is selected (no rules yet).
    const bool selected = !selectedId().isEmpty();
    for (const char* name : {"editRule", "duplicateRule", "deleteRule", "toggleRule"})
        if (auto* b = findChild<QPushButton*>(QLatin1String(name)))
            b->setEnabled(selected);
}

QString RulesDialog::selectedId() const
{
    const int row = m_table->currentRow();
    return row >= 0 && m_table->item(row, 0) ? m_table->item(row, 0)->data(Qt::UserRole).toString() : QString();
}

void RulesDialog::edit(bool duplicate)
{
    const QString id = selectedId();
    for (const Rule& r : std::as_const(m_rules)) {
        if (r.id != id)
            continue;
        RuleEditorDialog editor(m_ledger, r, duplicate, this);
        if (editor.exec() == QDialog::Accepted)
            reload();
        return;
    }
}

void RulesDialog::showError(const QString& message)
{
    m_status->setStyleSheet(errorStyle());
    m_status->setText(message);
}

// ---- RuleEditorDialog ----

RuleEditorDialog::RuleEditorDialog(Ledger& ledger, const std::optional<Rule>& rule, bool duplicate, QWidget* parent)
    : QDialog(parent)
    , m_ledger(ledger)
    , m_name(new QLineEdit(this))
    , m_nameError(new QLabel(this))
    , m_enabled(new QCheckBox(tr("Enabled"), this))
    , m_match(new QComboBox(this))
    , m_rowsLayout(new QVBoxLayout)
    , m_conditionNote(new QLabel(this))
    , m_effect(new QComboBox(this))
    , m_weight(new QDoubleSpinBox(this))
    , m_until(new QDateEdit(this))
    , m_effectError(new QLabel(this))
    , m_previewCount(new QLabel(this))
    , m_preview(new QTableWidget(0, 4, this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_debounce(new QTimer(this))
    , m_watcher(new QFutureWatcher<QVariant>(this))
{
    setWindowTitle(rule && !duplicate ? tr("Edit rule") : tr("New rule"));
    auto accounts = m_ledger.accounts();
    m_currency = accounts && !accounts->isEmpty() ? accounts->first().currency : QStringLiteral("EUR");
    m_enabled->setChecked(true);
    m_match->addItem(tr("all of these are true"), QStringLiteral("all"));
    m_match->addItem(tr("any of these is true"), QStringLiteral("any"));
    m_match->addItem(tr("none of these is true"), QStringLiteral("none"));
    m_effect->addItem(tr("Flag as HIGH risk"), QStringLiteral("flag:HIGH"));
    m_effect->addItem(tr("Flag as MEDIUM risk"), QStringLiteral("flag:MEDIUM"));
    m_effect->addItem(tr("Raise the score by"), QStringLiteral("raise"));
    m_effect->addItem(tr("Lower the score by"), QStringLiteral("lower"));
    m_effect->addItem(tr("Suppress alerts until"), QStringLiteral("suppress"));
    m_weight->setRange(0.05, 1.0);
    m_weight->setSingleStep(0.05);
    m_weight->setValue(0.5);
    m_until->setCalendarPopup(true);
    m_until->setDate(ledgerToday(m_ledger).addMonths(1));
    for (QLabel* l : {m_nameError, m_effectError, m_conditionNote}) {
        l->setStyleSheet(errorStyle());
        l->setWordWrap(true);
        l->hide();
    }
    m_preview->setHorizontalHeaderLabels({tr("Booked"), tr("Amount"), tr("Counterparty"), tr("Why")});
    m_preview->verticalHeader()->hide();
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    for (int c = 0; c < 3; ++c)
        m_preview->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_previewCount->setWordWrap(true);

    auto* form = new QFormLayout;
    auto* nameBox = new QVBoxLayout;
    nameBox->addWidget(m_name);
    nameBox->addWidget(m_nameError);
    auto* nameRow = new QHBoxLayout;
    nameRow->addLayout(nameBox, 1);
    nameRow->addWidget(m_enabled, 0, Qt::AlignTop);
    auto* nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    form->addRow(nameLabel, nameRow);
    form->addRow(tr("&Match when:"), m_match);
    auto* conditions = new QVBoxLayout;
    conditions->addLayout(m_rowsLayout);
    conditions->addWidget(m_conditionNote);
    auto* addButton = new QPushButton(tr("&Add condition"), this);
    addButton->setObjectName(QStringLiteral("addCondition"));
    connect(addButton, &QPushButton::clicked, this, [this] {
        addRow();
        schedulePreview();
    });
    conditions->addWidget(addButton, 0, Qt::AlignLeft);
    form->addRow(tr("Conditions:"), conditions);
    auto* effectRow = new QHBoxLayout;
    effectRow->addWidget(m_effect);
    effectRow->addWidget(m_weight);
    effectRow->addWidget(m_until);
    effectRow->addStretch();
    auto* effectBox = new QVBoxLayout;
    effectBox->addLayout(effectRow);
    effectBox->addWidget(m_effectError);
    auto* effectLabel = new QLabel(tr("&Effect:"), this);
    effectLabel->setBuddy(m_effect);
    form->addRow(effectLabel, effectBox);

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &RuleEditorDialog::save);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("<b>Preview</b> (past transactions this rule would have flagged)"), this));
    layout->addWidget(m_previewCount);
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);
    resize(900, 640);

    auto effectChanged = [this] {
        const QString e = m_effect->currentData().toString();
        m_weight->setVisible(e == QLatin1String("raise") || e == QLatin1String("lower"));
        m_until->setVisible(e == QLatin1String("suppress"));
        schedulePreview();
    };
    connect(m_effect, &QComboBox::currentIndexChanged, this, effectChanged);
    connect(m_weight, &QDoubleSpinBox::valueChanged, this, &RuleEditorDialog::schedulePreview);
    connect(m_until, &QDateEdit::dateChanged, this, &RuleEditorDialog::schedulePreview);
    connect(m_name, &QLineEdit::textChanged, this, &RuleEditorDialog::schedulePreview);
    connect(m_match, &QComboBox::currentIndexChanged, this, &RuleEditorDialog::schedulePreview);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &RuleEditorDialog::runPreview);
    connect(m_watcher, &QFutureWatcher<QVariant>::finished, this, [this] {
        m_running = false;
        const QVariant v = m_watcher->result();
        const int generation = v.toMap().value(QStringLiteral("generation")).toInt();
        if (generation != m_generation) {
            runPreview(); // the form changed meanwhile
            return;
        }
        const auto preview = v.toMap().value(QStringLiteral("preview")).value<rules::Preview>();
        const QString error = v.toMap().value(QStringLiteral("error")).toString();
        if (!error.isEmpty()) {
            m_previewCount->setText(error);
            return;
        }
        QString text = preview.total == 0 ? tr("It would have flagged no past transaction.")
                                          : plural(preview.total, tr("It would have flagged %n past transaction."),
                                                   tr("It would have flagged %n past transactions."));
        if (preview.hits.size() < preview.total)
            text += u' ' + tr("The newest %1 are shown.").arg(preview.hits.size());
        m_previewCount->setText(text);
        m_preview->setRowCount(int(preview.hits.size()));
        const QLocale locale;
        for (int i = 0; i < preview.hits.size(); ++i) {
            const rules::PreviewHit& h = preview.hits[i];
            m_preview->setItem(i, 0, new QTableWidgetItem(bookingTime(locale, h.transaction.timestamp)));
            auto* amount
                = new QTableWidgetItem(Money(h.transaction.amount, h.transaction.currency).formatWithCurrency(locale));
            amount->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_preview->setItem(i, 1, amount);
            m_preview->setItem(i, 2, new QTableWidgetItem(h.transaction.counterparty));
            auto* why = new QTableWidgetItem(h.text);
            why->setToolTip(h.text);
            m_preview->setItem(i, 3, why);
        }
    });

    if (rule) {
        loadRule(*rule);
        if (!duplicate)
            m_id = rule->id;
        else
            m_name->setText(tr("Copy of %1").arg(rule->name));
    } else {
        addRow();
    }
    effectChanged();
}

RuleEditorDialog::~RuleEditorDialog()
{
    m_watcher->waitForFinished();
}

RuleEditorDialog::Row& RuleEditorDialog::addRow()
{
    Row row;
    row.widget = new QWidget(this);
    row.field = new QComboBox(row.widget);
    for (const auto& [label, key] : fieldChoices())
        row.field->addItem(label, key);
    row.op = new QComboBox(row.widget);
    row.value = new QLineEdit(row.widget);
    row.value2 = new QLineEdit(row.widget);
    row.extra = new QLineEdit(row.widget);
    row.error = new QLabel(row.widget);
    row.error->setStyleSheet(errorStyle());
    row.error->setWordWrap(true);
    row.error->hide();
    row.remove = new QPushButton(tr("Remove"), row.widget);
    row.remove->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    auto* line = new QHBoxLayout;
    line->setContentsMargins(0, 0, 0, 0);
    line->addWidget(row.field);
    line->addWidget(row.op);
    line->addWidget(row.value, 1);
    line->addWidget(row.value2, 1);
    line->addWidget(row.extra);
    line->addStretch(0);
    line->addWidget(row.remove);
    auto* box = new QVBoxLayout(row.widget);
    box->setContentsMargins(0, 0, 0, 0);
    box->addLayout(line);
    box->addWidget(row.error);
    m_rowsLayout->addWidget(row.widget);
    m_rows.append(row);
    QWidget* key = row.widget;
    auto find = [this, key]() -> Row* {
        for (Row& r : m_rows)
            if (r.widget == key)
                return &r;
        return nullptr;
    };
    connect(row.field, &QComboBox::currentIndexChanged, this, [this, find] {
        if (Row* r = find())
            configureRow(*r);
        schedulePreview();
    });
    connect(row.op, &QComboBox::currentIndexChanged, this, [this, find] {
        if (Row* r = find()) {
            const QString op = r->op->currentData().toString();
            const QString field = r->field->currentData().toString();
            r->value2->setVisible(op == QLatin1String("between") || field == QLatin1String("timeOfDay")
                                  || field == QLatin1String("window"));
        }
        schedulePreview();
    });
    for (QLineEdit* e : {row.value, row.value2, row.extra})
        connect(e, &QLineEdit::textChanged, this, &RuleEditorDialog::schedulePreview);
    connect(row.remove, &QPushButton::clicked, this, [this, key] {
        for (qsizetype i = 0; i < m_rows.size(); ++i)
            if (m_rows[i].widget == key) {
                m_rows.removeAt(i);
                key->deleteLater();
            }
        schedulePreview();
    });
    configureRow(m_rows.last());
    return m_rows.last();
}

void RuleEditorDialog::configureRow(Row& row)
{
    const QString field = row.field->currentData().toString();
    const QSignalBlocker block(row.op);
    row.op->clear();
    row.value->clear();
    row.value2->clear();
    row.extra->clear();
    row.value->setVisible(true);
    row.value2->setVisible(false);
    row.extra->setVisible(false);
    row.value->setPlaceholderText(QString());
    row.value2->setPlaceholderText(QString());
    if (field == QLatin1String("amount") || field == QLatin1String("signedAmount")) {
        for (const QString& op : kComparisons)
            row.op->addItem(op == QLatin1String("between") ? tr("between") : op, op);
        row.value->setPlaceholderText(tr("amount, e.g. 5000.00"));
        row.value2->setPlaceholderText(tr("and at most"));
        row.extra->setVisible(true);
        row.extra->setText(m_currency);
        row.extra->setMaximumWidth(60);
        row.extra->setToolTip(tr("Currency (ISO 4217); transactions in other currencies never match"));
    } else if (field == QLatin1String("counterparty") || field == QLatin1String("description")) {
        if (field == QLatin1String("counterparty"))
            row.op->addItem(tr("is"), QStringLiteral("equals"));
        row.op->addItem(tr("contains"), QStringLiteral("contains"));
        row.op->addItem(tr("matches the pattern"), QStringLiteral("regex"));
        if (field == QLatin1String("counterparty"))
            row.op->addItem(tr("is in the list"), QStringLiteral("inList"));
        row.value->setPlaceholderText(tr("text (case is ignored)"));
    } else if (field == QLatin1String("category")) {
        for (Category c : allCategories())
            row.op->addItem(categoryLabel(c), categoryKey(c));
        row.value->setVisible(false);
    } else if (field == QLatin1String("currency")) {
        row.op->addItem(tr("is"), QStringLiteral("in"));
        row.value->setText(m_currency);
        row.value->setPlaceholderText(tr("codes, e.g. USD, GBP"));
    } else if (field == QLatin1String("account")) {
        if (auto accounts = m_ledger.accounts())
            for (const Account& a : *accounts)
                row.op->addItem(a.name, a.id);
        row.value->setVisible(false);
    } else if (field == QLatin1String("weekday")) {
        row.op->addItem(tr("is Saturday or Sunday"), QStringLiteral("6,7"));
        row.op->addItem(tr("is Monday to Friday"), QStringLiteral("1,2,3,4,5"));
        for (int d = 1; d <= 7; ++d)
            row.op->addItem(tr("is %1").arg(QLocale().dayName(d)), QString::number(d));
        row.value->setVisible(false);
    } else if (field == QLatin1String("timeOfDay")) {
        row.op->addItem(tr("is from"), QStringLiteral("between"));
        row.value->setText(QStringLiteral("22:00"));
        row.value2->setText(QStringLiteral("06:00"));
        row.value->setPlaceholderText(tr("HH:MM"));
        row.value2->setPlaceholderText(tr("to HH:MM"));
        row.value2->setVisible(true);
    } else if (field == QLatin1String("dayOfMonth")) {
        row.op->addItem(tr("is day"), QStringLiteral("in"));
        row.op->addItem(tr("is in the month's last … days"), QStringLiteral("lastDays"));
        row.value->setPlaceholderText(tr("1 to 31"));
    } else if (field == QLatin1String("firstPayment")) {
        row.op->addItem(tr("to a counterparty this account never paid"), QStringLiteral("first"));
        row.value->setVisible(false);
    } else if (field == QLatin1String("window")) {
        row.op->addItem(tr("count >"), QStringLiteral("count:>"));
        row.op->addItem(tr("count >="), QStringLiteral("count:>="));
        row.op->addItem(tr("sum of amounts >"), QStringLiteral("sum:>"));
        row.op->addItem(tr("sum of amounts >="), QStringLiteral("sum:>="));
        row.value->setPlaceholderText(tr("how many (or amount)"));
        row.value2->setVisible(true);
        row.value2->setText(QStringLiteral("60"));
        row.value2->setPlaceholderText(tr("minutes"));
        row.value2->setToolTip(tr("The window in minutes, ending at the transaction (at most 2880)"));
        row.extra->setVisible(true);
        row.extra->setText(m_currency);
        row.extra->setMaximumWidth(60);
        row.extra->setToolTip(tr("Currency of the sum"));
    }
}

QJsonObject RuleEditorDialog::rowJson(const Row& row) const
{
    const QString field = row.field->currentData().toString();
    const QString op = row.op->currentData().toString();
    const QString value = row.value->text().trimmed();
    auto comparison = [&](QJsonObject o, const QString& compareOp, bool money) {
        o.insert(QStringLiteral("op"), compareOp);
        auto v = [&](const QString& t) { return money ? QJsonValue(t) : number(t); };
        if (compareOp == QLatin1String("between")) {
            o.insert(QStringLiteral("min"), v(value));
            o.insert(QStringLiteral("max"), v(row.value2->text().trimmed()));
        } else {
            o.insert(QStringLiteral("value"), v(value));
        }
        return o;
    };
    if (field == QLatin1String("amount") || field == QLatin1String("signedAmount")) {
        QJsonObject o {{QStringLiteral("field"), QStringLiteral("amount")},
                       {QStringLiteral("currency"), row.extra->text().trimmed().toUpper()}};
        if (field == QLatin1String("signedAmount"))
            o.insert(QStringLiteral("signed"), true);
        return comparison(o, op, true);
    }
    if (field == QLatin1String("counterparty") || field == QLatin1String("description")) {
        const QString key = op == QLatin1String("regex") ? QStringLiteral("pattern")
            : op == QLatin1String("inList")              ? QStringLiteral("list")
                                                         : QStringLiteral("value");
        return {{QStringLiteral("field"), field}, {QStringLiteral("op"), op}, {key, row.value->text()}};
    }
    if (field == QLatin1String("category"))
        return {{QStringLiteral("field"), field}, {QStringLiteral("in"), QJsonArray {op}}};
    if (field == QLatin1String("currency")) {
        QJsonArray codes;
        for (const QString& c : value.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
            codes.append(c.toUpper());
        return {{QStringLiteral("field"), field}, {QStringLiteral("in"), codes}};
    }
    if (field == QLatin1String("account"))
        return {{QStringLiteral("field"), field},
                {QStringLiteral("in"), QJsonArray {row.op->currentData().toLongLong()}}};
    if (field == QLatin1String("weekday")) {
        QJsonArray days;
        for (const QString& d : op.split(u','))
            days.append(d.toInt());
        return {{QStringLiteral("field"), field}, {QStringLiteral("in"), days}};
    }
    if (field == QLatin1String("timeOfDay"))
        return {{QStringLiteral("field"), field},
                {QStringLiteral("from"), value},
                {QStringLiteral("to"), row.value2->text().trimmed()}};
    if (field == QLatin1String("dayOfMonth")) {
        if (op == QLatin1String("lastDays"))
            return {{QStringLiteral("field"), field}, {QStringLiteral("lastDays"), number(value)}};
        return {{QStringLiteral("field"), field}, {QStringLiteral("in"), QJsonArray {number(value)}}};
    }
    if (field == QLatin1String("firstPayment"))
        return {{QStringLiteral("field"), field}};
    const bool sum = op.startsWith(QLatin1String("sum"));
    QJsonObject o {{QStringLiteral("field"), QStringLiteral("window")},
                   {QStringLiteral("measure"), sum ? QStringLiteral("sum") : QStringLiteral("count")},
                   {QStringLiteral("minutes"), number(row.value2->text())}};
    if (sum)
        o.insert(QStringLiteral("currency"), row.extra->text().trimmed().toUpper());
    return comparison(o, op.section(u':', 1), sum);
}

QJsonObject RuleEditorDialog::ruleJson() const
{
    QJsonObject condition;
    if (m_fixedCondition) {
        condition = *m_fixedCondition;
    } else {
        QJsonArray items;
        for (const Row& r : m_rows)
            items.append(rowJson(r));
        const QString match = m_match->currentData().toString();
        if (match == QLatin1String("none"))
            condition = {{QStringLiteral("not"), QJsonObject {{QStringLiteral("any"), items}}}};
        else
            condition = {{match, items}};
    }
    const QString e = m_effect->currentData().toString();
    QJsonObject effect;
    if (e.startsWith(QLatin1String("flag:")))
        effect = {{QStringLiteral("type"), QStringLiteral("flag")}, {QStringLiteral("risk"), e.mid(5)}};
    else if (e == QLatin1String("suppress"))
        effect = {{QStringLiteral("type"), e}, {QStringLiteral("until"), m_until->date().toString(Qt::ISODate)}};
    else
        effect = {{QStringLiteral("type"), e}, {QStringLiteral("weight"), m_weight->value()}};
    return {{QStringLiteral("name"), m_name->text()},
            {QStringLiteral("enabled"), m_enabled->isChecked()},
            {QStringLiteral("condition"), condition},
            {QStringLiteral("effect"), effect}};
}

void RuleEditorDialog::loadRule(const Rule& rule)
{
    m_name->setText(rule.name);
    m_enabled->setChecked(rule.enabled);
    const rules::Condition* group = &rule.condition;
    QString match = QStringLiteral("all");
    if (group->kind == rules::Condition::Kind::Not && group->children.front().kind == rules::Condition::Kind::Any) {
        group = &group->children.front();
        match = QStringLiteral("none");
    } else if (group->kind == rules::Condition::Kind::Any) {
        match = QStringLiteral("any");
    }
    QList<QJsonObject> leaves;
    bool flat = group->kind == rules::Condition::Kind::All || group->kind == rules::Condition::Kind::Any;
    if (flat) {
        for (const rules::Condition& c : group->children) {
            if (!c.children.empty() || c.kind == rules::Condition::Kind::All || c.kind == rules::Condition::Kind::Any)
                flat = false;
            leaves.append(rules::toJson(c));
        }
    } else {
        match = QStringLiteral("all");
        leaves.append(rules::toJson(*group));
        flat = group->kind != rules::Condition::Kind::Not;
    }
    m_match->setCurrentIndex(m_match->findData(match));
    const QJsonObject effect = rules::toJson(rule.effect);
    const QString type = effect.value(QStringLiteral("type")).toString();
    m_effect->setCurrentIndex(m_effect->findData(
        type == QLatin1String("flag") ? QStringLiteral("flag:") + riskName(rule.effect.risk) : type));
    if (type == QLatin1String("raise") || type == QLatin1String("lower"))
        m_weight->setValue(rule.effect.weight);
    if (type == QLatin1String("suppress"))
        m_until->setDate(QDate::fromString(effect.value(QStringLiteral("until")).toString(), Qt::ISODate));
    if (!flat) {
        m_fixedCondition = rules::toJson(rule.condition);
        m_match->setEnabled(false);
        m_conditionNote->setText(tr("This rule's condition has nested groups: %1. It is kept as it is; change it over "
                                    "the REST API or with `ledgerguard rules add`.")
                                     .arg(rules::conditionText(rule.condition)));
        m_conditionNote->setStyleSheet(QString());
        m_conditionNote->show();
        return;
    }
    for (const QJsonObject& leaf : std::as_const(leaves)) {
        Row& row = addRow();
        QString field = leaf.value(QStringLiteral("field")).toString();
        if (field == QLatin1String("amount") && leaf.value(QStringLiteral("signed")).toBool())
            field = QStringLiteral("signedAmount");
        row.field->setCurrentIndex(row.field->findData(field));
        const QString op = leaf.value(QStringLiteral("op")).toString();
        auto text = [](const QJsonValue& v) { return v.isDouble() ? QString::number(v.toInteger()) : v.toString(); };
        auto setOp = [&](const QVariant& data) {
            const int i = row.op->findData(data);
            if (i >= 0)
                row.op->setCurrentIndex(i);
        };
        const QJsonArray in = leaf.value(QStringLiteral("in")).toArray();
        if (field == QLatin1String("amount") || field == QLatin1String("signedAmount")
            || field == QLatin1String("window")) {
            setOp(field == QLatin1String("window") ? leaf.value(QStringLiteral("measure")).toString() + u':' + op : op);
            row.value->setText(text(leaf.value(op == QLatin1String("between") ? "min" : "value")));
            if (op == QLatin1String("between"))
                row.value2->setText(text(leaf.value(QStringLiteral("max"))));
            if (field == QLatin1String("window"))
                row.value2->setText(text(leaf.value(QStringLiteral("minutes"))));
            if (leaf.contains(QStringLiteral("currency")))
                row.extra->setText(leaf.value(QStringLiteral("currency")).toString());
        } else if (field == QLatin1String("counterparty") || field == QLatin1String("description")) {
            setOp(op);
            row.value->setText(leaf.value(QStringLiteral("value")).toString()
                               + leaf.value(QStringLiteral("pattern")).toString()
                               + leaf.value(QStringLiteral("list")).toString());
        } else if (field == QLatin1String("category") || field == QLatin1String("account")) {
            setOp(field == QLatin1String("account") ? QVariant(in.first().toInteger())
                                                    : QVariant(in.first().toString()));
        } else if (field == QLatin1String("currency")) {
            QStringList codes;
            for (const QJsonValue& v : in)
                codes.append(v.toString());
            row.value->setText(codes.join(QStringLiteral(", ")));
        } else if (field == QLatin1String("weekday")) {
            QStringList days;
            for (const QJsonValue& v : in)
                days.append(QString::number(v.toInt()));
            setOp(days.join(u','));
        } else if (field == QLatin1String("timeOfDay")) {
            row.value->setText(leaf.value(QStringLiteral("from")).toString());
            row.value2->setText(leaf.value(QStringLiteral("to")).toString());
        } else if (field == QLatin1String("dayOfMonth")) {
            if (leaf.contains(QStringLiteral("lastDays"))) {
                setOp(QStringLiteral("lastDays"));
                row.value->setText(text(leaf.value(QStringLiteral("lastDays"))));
            } else {
                row.value->setText(text(in.first()));
            }
        }
    }
}

bool RuleEditorDialog::previewPending() const
{
    return m_debounce->isActive() || m_running;
}

void RuleEditorDialog::schedulePreview()
{
    ++m_generation;
    m_debounce->start();
}

void RuleEditorDialog::showErrors(const Status& status)
{
    for (QLabel* l : {m_nameError, m_effectError})
        l->hide();
    for (Row& r : m_rows)
        r.error->hide();
    if (status.isOk())
        return;
    const QString field = status.field();
    const QString text = status.isInvalidArgument() ? status.message() : status.toString();
    if (field.startsWith(QLatin1String("condition"))) {
        static const QRegularExpression index(QStringLiteral("\\[(\\d+)\\]"));
        const auto m = index.match(field);
        const int i = m.hasMatch() ? m.captured(1).toInt() : 0;
        if (i < m_rows.size() && !m_fixedCondition) {
            const QString what = field.section(u'.', -1);
            m_rows[i].error->setText(what.contains(u'[') ? text : QStringLiteral("%1: %2").arg(what, text));
            m_rows[i].error->show();
            return;
        }
        m_conditionNote->setStyleSheet(errorStyle());
        m_conditionNote->setText(m_rows.isEmpty() && !m_fixedCondition ? tr("Add at least one condition.") : text);
        m_conditionNote->show();
        return;
    }
    QLabel* label = field.startsWith(QLatin1String("effect")) ? m_effectError : m_nameError;
    label->setText(text);
    label->show();
}

void RuleEditorDialog::runPreview()
{
    if (m_running)
        return; // the finished handler runs it again for the newest form
    const QJsonObject json = ruleJson();
    auto lists = m_ledger.ruleLists();
    QStringList names;
    if (lists)
        for (const RuleList& l : *lists)
            names.append(l.name);
    auto rule = rules::parseRule(json, names);
    if (m_rows.isEmpty() && !m_fixedCondition)
        rule = Status::invalidArgument(QStringLiteral("condition"), tr("Add at least one condition."));
    showErrors(rule ? Status::ok() : rule.status());
    m_save->setEnabled(rule.isOk());
    if (!rule) {
        m_previewCount->setText(tr("Fix the fields marked in red to see the preview."));
        m_preview->setRowCount(0);
        return;
    }
    m_previewCount->setText(tr("Computing the preview…"));
    m_running = true;
    Ledger* ledger = &m_ledger;
    const int generation = m_generation;
    m_watcher->setFuture(runInBackground([ledger, rule = *rule, generation]() -> QVariant {
        QVariantMap out {{QStringLiteral("generation"), generation}};
        auto preview = rules::RuleBook(*ledger).preview(rule, 0, 50);
        if (!preview)
            out.insert(QStringLiteral("error"), preview.status().message());
        else
            out.insert(QStringLiteral("preview"), QVariant::fromValue(*preview));
        return out;
    }));
}

void RuleEditorDialog::save()
{
    auto saved = rules::RuleBook(m_ledger).save(ruleJson(), operatingSystemUser(), m_id);
    if (!saved) {
        showErrors(saved.status());
        if (!saved.status().isInvalidArgument())
            QMessageBox::warning(this, tr("Rule not saved"), saved.status().message());
        return;
    }
    m_saved = *saved;
    accept();
}

} // namespace ledgerguard
