// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/AuditSettings.h"

#include <QDialog>
#include <QMap>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimeEdit;

namespace ledgerguard {

class Ledger;

// The classic audit tests' settings (core/audit/AuditSettings.h), stored in the ledger so a team shares them: the
// tests' weights in the combined score (tab "Weights") and their parameters (tab "Parameters": approval limit and
// "just below" band, duplicate and split windows, near-duplicate similarity, round unit, period-end days, business
// hours, weekend days, fixed holidays and holiday presets). OK validates (AuditSettings::validate; the error names
// the field and the dialog stays open) and stores them with saveAuditSettings; "Defaults" fills in the defaults.
// A read-only ledger shows them without OK.
class AuditSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AuditSettingsDialog(Ledger& ledger, QWidget* parent = nullptr);

    // The settings as edited.
    AuditSettings edited() const;
    // Fills the fields.
    void showSettings(const AuditSettings& settings);
    // The validation or storage error, empty when none.
    QString error() const;
    QDoubleSpinBox* weightBox(const QString& key) const { return m_weights.value(key); }
    QSpinBox* approvalLimit() const { return m_limit; }
    QLineEdit* fixedHolidays() const { return m_fixed; }
    QTimeEdit* businessStart() const { return m_start; }
    QTimeEdit* businessEnd() const { return m_end; }
    QDialogButtonBox* buttons() const { return m_buttons; }
    // Validates and stores; false (with the error shown) when refused.
    bool apply();

private:
    Ledger& m_ledger;
    QMap<QString, QDoubleSpinBox*> m_weights;
    QSpinBox* m_limit;
    QDoubleSpinBox* m_percent;
    QSpinBox* m_duplicateDays;
    QDoubleSpinBox* m_similarity;
    QSpinBox* m_roundUnit;
    QSpinBox* m_splitCount;
    QSpinBox* m_splitDays;
    QSpinBox* m_periodEndDays;
    QTimeEdit* m_start;
    QTimeEdit* m_end;
    QList<QCheckBox*> m_weekend; // Monday .. Sunday
    QLineEdit* m_fixed;
    QMap<QString, QCheckBox*> m_presets;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
};

} // namespace ledgerguard
