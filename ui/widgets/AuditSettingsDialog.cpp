// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/AuditSettingsDialog.h"

#include "ledger/Ledger.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace ledgerguard {

namespace {

QSpinBox* spin(int lo, int hi, QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setRange(lo, hi);
    return box;
}

} // namespace

AuditSettingsDialog::AuditSettingsDialog(Ledger& ledger, QWidget* parent)
    : QDialog(parent)
    , m_ledger(ledger)
    , m_limit(spin(1, 1'000'000'000, this))
    , m_percent(new QDoubleSpinBox(this))
    , m_duplicateDays(spin(1, 365, this))
    , m_similarity(new QDoubleSpinBox(this))
    , m_roundUnit(spin(1, 1'000'000'000, this))
    , m_splitCount(spin(2, 100, this))
    , m_splitDays(spin(1, 365, this))
    , m_periodEndDays(spin(1, 10, this))
    , m_start(new QTimeEdit(this))
    , m_end(new QTimeEdit(this))
    , m_fixed(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Classic audit tests"));
    auto* tabs = new QTabWidget(this);

    auto* weights = new QWidget(tabs);
    auto* weightForm = new QFormLayout(weights);
    weightForm->addRow(
        new QLabel(tr("Each test's weight in a flagged transaction's score (0 turns its part off)."), weights));
    for (const QString& key : auditTestKeys()) {
        auto* box = new QDoubleSpinBox(weights);
        box->setRange(0, 1);
        box->setDecimals(2);
        box->setSingleStep(0.05);
        box->setObjectName(QStringLiteral("weight_") + key);
        m_weights.insert(key, box);
        weightForm->addRow(auditTestName(key), box);
    }
    tabs->addTab(weights, tr("Weights"));

    auto* params = new QWidget(tabs);
    auto* form = new QFormLayout(params);
    m_limit->setSuffix(tr(" (major units)"));
    m_limit->setToolTip(tr("In each account's currency"));
    form->addRow(tr("Approval limit"), m_limit);
    m_percent->setRange(0.1, 99.9);
    m_percent->setDecimals(1);
    m_percent->setSuffix(tr(" %"));
    form->addRow(tr("Just below: within"), m_percent);
    m_splitCount->setSuffix(tr(" payments"));
    form->addRow(tr("Split payment: at least"), m_splitCount);
    m_splitDays->setSuffix(tr(" days"));
    form->addRow(tr("Split payment: within"), m_splitDays);
    m_duplicateDays->setSuffix(tr(" days"));
    form->addRow(tr("Duplicates: within"), m_duplicateDays);
    m_similarity->setRange(0.5, 1);
    m_similarity->setDecimals(2);
    m_similarity->setSingleStep(0.05);
    form->addRow(tr("Near-duplicates: similarity from"), m_similarity);
    m_roundUnit->setSuffix(tr(" (major units)"));
    form->addRow(tr("Round amounts: multiples of"), m_roundUnit);
    m_periodEndDays->setSuffix(tr(" days"));
    form->addRow(tr("Period end: the last"), m_periodEndDays);
    for (QTimeEdit* t : {m_start, m_end})
        t->setDisplayFormat(QStringLiteral("HH:mm"));
    auto* hours = new QHBoxLayout;
    hours->addWidget(m_start);
    hours->addWidget(new QLabel(tr("to"), params));
    hours->addWidget(m_end);
    hours->addStretch(1);
    form->addRow(tr("Business hours"), hours);
    auto* weekend = new QGridLayout;
    for (int d = 1; d <= 7; ++d) {
        auto* box = new QCheckBox(QLocale().dayName(d, QLocale::ShortFormat), params);
        m_weekend << box;
        weekend->addWidget(box, 0, d - 1);
    }
    form->addRow(tr("Weekend days"), weekend);
    m_fixed->setPlaceholderText(tr("MM-DD or YYYY-MM-DD, separated by commas"));
    m_fixed->setToolTip(tr("Fixed holidays: MM-DD every year (12-25), YYYY-MM-DD once (2026-10-03)"));
    form->addRow(tr("Fixed holidays"), m_fixed);
    auto* presets = new QGridLayout;
    int i = 0;
    for (const QString& key : holidayPresetKeys()) {
        auto* box = new QCheckBox(holidayPresetLabel(key), params);
        m_presets.insert(key, box);
        presets->addWidget(box, i / 3, i % 3);
        ++i;
    }
    form->addRow(tr("Holidays from Easter"), presets);
    tabs->addTab(params, tr("Parameters"));

    m_error->setObjectName(QStringLiteral("fieldError"));
    m_error->setWordWrap(true);
    auto* defaults = m_buttons->addButton(tr("Defaults"), QDialogButtonBox::ResetRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    auto stored = loadAuditSettings(m_ledger);
    showSettings(stored ? *stored : AuditSettings::defaults());
    if (!stored)
        m_error->setText(stored.status().message());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_ledger.isReadOnly());
    connect(defaults, &QPushButton::clicked, this, [this] { showSettings(AuditSettings::defaults()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void AuditSettingsDialog::showSettings(const AuditSettings& s)
{
    for (auto it = m_weights.cbegin(); it != m_weights.cend(); ++it)
        it.value()->setValue(s.weight(it.key()));
    m_limit->setValue(int(std::min<qint64>(s.approvalLimit, m_limit->maximum())));
    m_percent->setValue(s.justBelowPercent);
    m_duplicateDays->setValue(s.duplicateWindowDays);
    m_similarity->setValue(s.nearDuplicateSimilarity);
    m_roundUnit->setValue(int(std::min<qint64>(s.roundUnit, m_roundUnit->maximum())));
    m_splitCount->setValue(s.splitCount);
    m_splitDays->setValue(s.splitWindowDays);
    m_periodEndDays->setValue(s.periodEndDays);
    m_start->setTime(QTime(0, 0).addSecs(s.businessStartMinute * 60));
    // 24:00 (the end of the day) shows as 23:59.
    m_end->setTime(s.businessEndMinute >= 24 * 60 ? QTime(23, 59) : QTime(0, 0).addSecs(s.businessEndMinute * 60));
    for (int d = 1; d <= 7; ++d)
        m_weekend[d - 1]->setChecked(s.weekendDays.contains(d));
    m_fixed->setText(s.fixedHolidays.join(QStringLiteral(", ")));
    for (auto it = m_presets.cbegin(); it != m_presets.cend(); ++it)
        it.value()->setChecked(s.holidayPresets.contains(it.key()));
    m_error->clear();
}

AuditSettings AuditSettingsDialog::edited() const
{
    AuditSettings s = AuditSettings::defaults();
    for (auto it = m_weights.cbegin(); it != m_weights.cend(); ++it)
        s.weights[it.key()] = it.value()->value();
    s.approvalLimit = m_limit->value();
    s.justBelowPercent = m_percent->value();
    s.duplicateWindowDays = m_duplicateDays->value();
    s.nearDuplicateSimilarity = m_similarity->value();
    s.roundUnit = m_roundUnit->value();
    s.splitCount = m_splitCount->value();
    s.splitWindowDays = m_splitDays->value();
    s.periodEndDays = m_periodEndDays->value();
    s.businessStartMinute = m_start->time().msecsSinceStartOfDay() / 60'000;
    s.businessEndMinute = m_end->time().msecsSinceStartOfDay() / 60'000;
    if (m_end->time() == QTime(23, 59))
        s.businessEndMinute = 24 * 60;
    s.weekendDays.clear();
    for (int d = 1; d <= 7; ++d)
        if (m_weekend[d - 1]->isChecked())
            s.weekendDays << d;
    s.fixedHolidays.clear();
    for (const QString& part : m_fixed->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            s.fixedHolidays << part.trimmed();
    s.holidayPresets.clear();
    for (const QString& key : holidayPresetKeys())
        if (m_presets.value(key)->isChecked())
            s.holidayPresets << key;
    return s;
}

QString AuditSettingsDialog::error() const
{
    return m_error->text();
}

bool AuditSettingsDialog::apply()
{
    const Status st = saveAuditSettings(m_ledger, edited());
    if (st.isOk()) {
        m_error->clear();
        return true;
    }
    m_error->setText(st.field().isEmpty() ? st.message() : tr("%1: %2").arg(st.field(), st.message()));
    return false;
}

} // namespace ledgerguard
