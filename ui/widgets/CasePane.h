// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/Types.h"
#include "util/Status.h"

#include <QFutureWatcher>
#include <QHash>
#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace ledgerguard {

class Ledger;

// The anomalies view's pane for the current case: why it was flagged (the explanation in words), the case's
// timeline (its score history and audit trail, newest first: who, when, from -> to, note; read with
// Ledger::anomalyHistory on the views' background pool), its assignee and a note box with "Add note"
// (Ctrl+Return). The pane writes nothing: noteRequested() and assigneeRequested() ask the view, which writes
// through the Ledger and then calls refreshTimeline(). GUI thread only; the destructor waits for a running read.
class CasePane : public QWidget
{
    Q_OBJECT
public:
    explicit CasePane(Ledger& ledger, QWidget* parent = nullptr);
    ~CasePane() override;

    // Shows this case (nullptr: none); reads its timeline again when the case or its state changed.
    void setAnomaly(const Anomaly* anomaly);
    // Reads the current case's timeline again.
    void refreshTimeline();
    // The names offered by the assignee box (the assignees present, as Ledger::anomalyAssignees lists them).
    void setAssignees(const QStringList& names);
    // While a write runs, the note and assignee controls are disabled.
    void setWriting(bool writing);
    // Clears the typed note of this case (after it was stored).
    void clearNote(const QString& id);

    QPlainTextEdit* noteBox() const { return m_note; }
    QComboBox* assigneeBox() const { return m_assignee; }
    QTextBrowser* timeline() const { return m_timeline; }
    // True while the timeline is being read (timelineLoaded() follows).
    bool isLoadingTimeline() const { return m_loading; }

    // The timeline of `history` as HTML, newest first; runs of scorings with the same score and risk are one line.
    static QString timelineHtml(const AnomalyHistory& history);

Q_SIGNALS:
    void noteRequested(const QString& note);
    void assigneeRequested(const QString& assignee);
    void timelineLoaded();

private:
    struct HistoryRead
    {
        QString id;
        Result<AnomalyHistory> history = AnomalyHistory {};
    };

    void showExplanation(const Anomaly& a);
    void setDetailHtml(const QString& html);
    void updateControls();

    Ledger& m_ledger;
    QTextBrowser* m_detail;
    QTextBrowser* m_timeline;
    QComboBox* m_assignee;
    QPushButton* m_assign;
    QPlainTextEdit* m_note;
    QPushButton* m_addNote;
    QFutureWatcher<HistoryRead>* m_history;
    QString m_id; // the case shown; empty when none
    QString m_state; // what the shown case's timeline was read for (status, assignee, scoring, decision)
    std::optional<QString> m_shownAssignee; // the stored assignee last put in the assignee box
    QString m_detailHtml;
    QHash<QString, QString> m_drafts; // case id -> a note typed but not added, while another case is shown
    bool m_loading = false;
    bool m_again = false; // read once more after the running read
    bool m_writing = false;
};

} // namespace ledgerguard
