// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rules/Rule.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QJsonObject>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTimer;
class QVBoxLayout;

namespace ledgerguard {

class Ledger;

// Review > Rules: the ledger's rules (name, enabled, effect, cases) with New, Edit, Duplicate, Delete, Enable or
// Disable and "Add default rules"; every change is saved at once through rules::RuleBook with the OS user as actor.
class RulesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RulesDialog(Ledger& ledger, QWidget* parent = nullptr);
    // Re-reads the rules and their cases.
    void reload();
    QTableWidget* table() const { return m_table; }

private:
    QString selectedId() const;
    void edit(bool duplicate);
    void updateButtons();
    void showError(const QString& message);

    Ledger& m_ledger;
    QTableWidget* m_table;
    QLabel* m_status;
    QList<rules::Rule> m_rules;
};

// The rule editor: a form that builds the condition (rows of field, operator and value under "all of", "any of" or
// "none of"; no code to type), the effect, and a live preview of how many and which past transactions the rule would
// have flagged, computed on the background pool as the form changes. Errors show next to their row or field.
// Save stores the rule (a new one, or the next version of the rule being edited).
class RuleEditorDialog : public QDialog
{
    Q_OBJECT
public:
    // `rule`: the rule to edit (nullopt: a new one); with `duplicate`, a copy saved as a new rule.
    RuleEditorDialog(Ledger& ledger, const std::optional<rules::Rule>& rule, bool duplicate = false,
                     QWidget* parent = nullptr);
    ~RuleEditorDialog() override;

    // One row of the condition builder (for tests: the widgets a user clicks and types in).
    struct Row
    {
        QWidget* widget = nullptr;
        QComboBox* field = nullptr;
        QComboBox* op = nullptr;
        QLineEdit* value = nullptr;
        QLineEdit* value2 = nullptr;
        QLineEdit* extra = nullptr;
        QLabel* error = nullptr;
        QPushButton* remove = nullptr;
    };
    Row& addRow();
    const QList<Row>& rows() const { return m_rows; }
    QLineEdit* nameEdit() const { return m_name; }
    QComboBox* matchCombo() const { return m_match; }
    QComboBox* effectCombo() const { return m_effect; }
    QLabel* previewCount() const { return m_previewCount; }
    QTableWidget* previewTable() const { return m_preview; }
    QPushButton* saveButton() const { return m_save; }
    // The rule's JSON as the form stands.
    QJsonObject ruleJson() const;
    // True while a preview is computing or waiting to.
    bool previewPending() const;
    // The stored rule after a successful save.
    const std::optional<rules::Rule>& saved() const { return m_saved; }

private:
    void configureRow(Row& row);
    void schedulePreview();
    void runPreview();
    void showErrors(const Status& status);
    void save();
    QJsonObject rowJson(const Row& row) const;
    void loadRule(const rules::Rule& rule);

    Ledger& m_ledger;
    QString m_id; // empty: a new rule
    QString m_currency; // default for amounts: the first account's
    QLineEdit* m_name;
    QLabel* m_nameError;
    QCheckBox* m_enabled;
    QComboBox* m_match;
    QVBoxLayout* m_rowsLayout;
    QLabel* m_conditionNote;
    QComboBox* m_effect;
    QDoubleSpinBox* m_weight;
    QDateEdit* m_until;
    QLabel* m_effectError;
    QLabel* m_previewCount;
    QTableWidget* m_preview;
    QPushButton* m_save;
    QTimer* m_debounce;
    QFutureWatcher<QVariant>* m_watcher;
    int m_generation = 0;
    bool m_running = false;
    std::optional<QJsonObject> m_fixedCondition; // a nested condition the rows cannot show: kept as it is
    QList<Row> m_rows;
    std::optional<rules::Rule> m_saved;
};

} // namespace ledgerguard
