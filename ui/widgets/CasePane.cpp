// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/CasePane.h"

#include "Background.h"
#include "LedgerTime.h"
#include "ledger/Ledger.h"
#include "models/AnomalyTableModel.h"
#include "money/Money.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace ledgerguard {

namespace {

constexpr int kMaxTimelineEntries = 200;

QString statusWord(const QString& key)
{
    const auto status = anomalyStatusFromKey(key);
    return status ? AnomalyTableModel::statusLabel(*status) : key;
}

// One audit entry in words (without who and when).
QString auditText(const AuditEntry& e)
{
    const QString from = e.from.toHtmlEscaped(), to = e.to.toHtmlEscaped();
    if (e.action == QLatin1String("detected"))
        return CasePane::tr("Detected: case opened");
    if (e.action == QLatin1String("status"))
        return CasePane::tr("Status %1 → %2").arg(statusWord(e.from), statusWord(e.to));
    if (e.action == QLatin1String("assignee")) {
        if (e.to.isEmpty())
            return CasePane::tr("Unassigned (was %1)").arg(from);
        return e.from.isEmpty() ? CasePane::tr("Assigned to %1").arg(to)
                                : CasePane::tr("Reassigned from %1 to %2").arg(from, to);
    }
    if (e.action == QLatin1String("note"))
        return CasePane::tr("Note");
    if (e.action == QLatin1String("label") || e.action == QLatin1String("label_superseded")) {
        const QString label = e.to == QLatin1String("confirmed") ? CasePane::tr("fraud") : CasePane::tr("normal");
        if (e.action == QLatin1String("label_superseded"))
            return CasePane::tr("Marked as %1; a later decision stands").arg(label);
        return e.from.isEmpty()
            ? CasePane::tr("Marked as %1: case opened as %2").arg(label, statusWord(e.to))
            : CasePane::tr("Marked as %1: %2 → %3").arg(label, statusWord(e.from), statusWord(e.to));
    }
    if (e.action == QLatin1String("deleted"))
        return CasePane::tr("Transaction removed by an import undo");
    if (e.action == QLatin1String("migrated"))
        return CasePane::tr("Case carried over from an earlier ledger version");
    return e.action.toHtmlEscaped();
}

struct TimelineItem
{
    qint64 at = 0;
    int order = 0; // among items of the same time: scorings, then audit entries in write order
    QString who;
    QString what; // HTML
    QString note;
};

} // namespace

QString CasePane::timelineHtml(const AnomalyHistory& history)
{
    const QLocale locale;
    QList<TimelineItem> items;
    // Runs of identical scorings (a detection run rescoring an unchanged account) are one line.
    for (qsizetype i = 0; i < history.scores.size();) {
        const ScoreEntry& s = history.scores[i];
        const QString score = locale.toString(s.score, 'f', 3);
        qsizetype j = i + 1;
        while (j < history.scores.size() && history.scores[j].risk == s.risk
               && locale.toString(history.scores[j].score, 'f', 3) == score)
            ++j;
        const qint64 runs = j - i;
        QString what = tr("Scored %1 · %2").arg(score, riskName(s.risk));
        if (runs > 1)
            what = tr("%1 (%2 runs, the first %3)").arg(what).arg(runs).arg(shortLocalTime(locale, s.scoredAt));
        items.append({history.scores[j - 1].scoredAt, int(items.size()), tr("detector"), what, {}});
        i = j;
    }
    for (const AuditEntry& e : history.audit)
        items.append({e.at, int(items.size()), e.actor, auditText(e), e.note});
    std::sort(items.begin(), items.end(), [](const TimelineItem& a, const TimelineItem& b) {
        return a.at != b.at ? a.at > b.at : a.order > b.order;
    });
    if (items.isEmpty())
        return tr("<p>Nothing recorded yet.</p>");
    QString html;
    for (qsizetype i = 0; i < items.size() && i < kMaxTimelineEntries; ++i) {
        const TimelineItem& item = items[i];
        html += QStringLiteral("<p><b>%1</b> · %2<br>%3")
                    .arg(shortLocalTime(locale, item.at), item.who.toHtmlEscaped(), item.what);
        if (!item.note.isEmpty())
            html += QStringLiteral("<br><i>%1</i>")
                        .arg(item.note.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
        html += QStringLiteral("</p>");
    }
    if (items.size() > kMaxTimelineEntries)
        html += tr("<p>… and %1 earlier entries.</p>").arg(items.size() - kMaxTimelineEntries);
    return html;
}

CasePane::CasePane(Ledger& ledger, QWidget* parent)
    : QWidget(parent)
    , m_ledger(ledger)
    , m_detail(new QTextBrowser(this))
    , m_timeline(new QTextBrowser(this))
    , m_assignee(new QComboBox(this))
    , m_assign(new QPushButton(tr("Assign"), this))
    , m_note(new QPlainTextEdit(this))
    , m_addNote(new QPushButton(tr("Add note"), this))
    , m_history(new QFutureWatcher<HistoryRead>(this))
{
    m_detail->setObjectName(QStringLiteral("detail"));
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_assignee->setObjectName(QStringLiteral("assigneeBox"));
    m_assign->setObjectName(QStringLiteral("assignButton"));
    m_note->setObjectName(QStringLiteral("noteBox"));
    m_addNote->setObjectName(QStringLiteral("addNoteButton"));
    m_assignee->setEditable(true);
    m_assignee->setInsertPolicy(QComboBox::NoInsert);
    m_assignee->lineEdit()->setPlaceholderText(tr("Nobody"));
    m_assignee->lineEdit()->setMaxLength(kMaxAssigneeLength);
    m_assignee->setMinimumContentsLength(8);
    m_assignee->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_assignee->setToolTip(tr("Who works on this case; empty: nobody"));
    m_assign->setToolTip(tr("Store the assignee of this case"));
    m_note->setPlaceholderText(tr("Add a note to this case…"));
    m_note->setTabChangesFocus(true);
    const int lines = 3;
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * lines + 2 * m_note->frameWidth()
                           + int(m_note->document()->documentMargin() * 2));
    const QKeySequence addNoteKey(Qt::CTRL | Qt::Key_Return);
    m_addNote->setToolTip(
        tr("Add the note to the case's timeline (%1)").arg(addNoteKey.toString(QKeySequence::NativeText)));
    auto* shortcut = new QShortcut(addNoteKey, m_note);
    shortcut->setContext(Qt::WidgetShortcut);
    auto* shortcutEnter = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), m_note);
    shortcutEnter->setContext(Qt::WidgetShortcut);
    for (QShortcut* s : {shortcut, shortcutEnter}) { // listed by Help > Keyboard shortcuts
        s->setWhatsThis(tr("Add the note to the case"));
        s->setProperty("shortcutArea", tr("Case note"));
    }

    auto title = [this](const QString& text) {
        auto* label = new QLabel(text, this);
        label->setObjectName(QStringLiteral("sectionTitle"));
        return label;
    };
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title(tr("Why was it flagged?")));
    layout->addWidget(m_detail, 3);
    layout->addWidget(title(tr("Timeline")));
    layout->addWidget(m_timeline, 2);
    auto* assignRow = new QHBoxLayout;
    auto* assigneeLabel = new QLabel(tr("Assignee:"), this);
    assigneeLabel->setBuddy(m_assignee);
    assignRow->addWidget(assigneeLabel);
    assignRow->addWidget(m_assignee, 1);
    assignRow->addWidget(m_assign);
    layout->addLayout(assignRow);
    layout->addWidget(m_note);
    auto* noteRow = new QHBoxLayout;
    noteRow->addStretch(1);
    noteRow->addWidget(m_addNote);
    layout->addLayout(noteRow);

    auto requestNote = [this] {
        if (m_addNote->isEnabled())
            Q_EMIT noteRequested(m_note->toPlainText().trimmed());
    };
    connect(m_addNote, &QPushButton::clicked, this, requestNote);
    connect(shortcut, &QShortcut::activated, this, requestNote);
    connect(shortcutEnter, &QShortcut::activated, this, requestNote);
    connect(m_note, &QPlainTextEdit::textChanged, this, &CasePane::updateControls);
    auto requestAssignee = [this] {
        if (m_assign->isEnabled())
            Q_EMIT assigneeRequested(m_assignee->currentText().trimmed());
    };
    connect(m_assign, &QPushButton::clicked, this, requestAssignee);
    connect(m_assignee->lineEdit(), &QLineEdit::returnPressed, this, requestAssignee);
    connect(m_history, &QFutureWatcherBase::finished, this, [this] {
        m_loading = false;
        if (m_again) {
            m_again = false;
            refreshTimeline();
            return;
        }
        const HistoryRead read = m_history->result();
        if (read.id != m_id)
            return;
        m_timeline->setHtml(
            read.history
                ? timelineHtml(*read.history)
                : tr("<p>Could not read the timeline: %1</p>").arg(read.history.status().message().toHtmlEscaped()));
        Q_EMIT timelineLoaded();
    });
    setAnomaly(nullptr);
}

CasePane::~CasePane()
{
    m_history->waitForFinished();
}

void CasePane::setAnomaly(const Anomaly* anomaly)
{
    const QString id = anomaly ? anomaly->id : QString();
    if (id != m_id) {
        // A typed note stays with its case: kept as a draft while another case is shown.
        if (!m_id.isEmpty() && !m_note->toPlainText().isEmpty())
            m_drafts.insert(m_id, m_note->toPlainText());
        else
            m_drafts.remove(m_id);
        m_note->setPlainText(m_drafts.take(id));
        m_timeline->clear();
        m_id = id;
        m_state.clear();
        m_shownAssignee.reset();
    }
    if (!anomaly) {
        setDetailHtml(tr("<p>Select an anomaly to see why it was flagged.</p>"));
        m_assignee->setEditText(QString());
        updateControls();
        return;
    }
    showExplanation(*anomaly);
    if (m_shownAssignee != anomaly->assignee) { // what the analyst is typing stays until the stored value changes
        m_shownAssignee = anomaly->assignee;
        m_assignee->setEditText(anomaly->assignee);
    }
    const QString state = QStringLiteral("%1|%2|%3|%4|%5")
                              .arg(anomalyStatusKey(anomaly->status), anomaly->assignee)
                              .arg(anomaly->scoredAt.value_or(0))
                              .arg(anomaly->decidedAt.value_or(0))
                              .arg(anomaly->statusChangedAt.value_or(0));
    if (state != m_state) {
        m_state = state;
        refreshTimeline();
    }
    updateControls();
}

void CasePane::setDetailHtml(const QString& html)
{
    if (html == m_detailHtml)
        return; // a live reload that changed nothing keeps the reader's scroll position
    m_detailHtml = html;
    m_detail->setHtml(html);
}

void CasePane::refreshTimeline()
{
    if (m_id.isEmpty())
        return;
    if (m_loading) {
        m_again = true;
        return;
    }
    m_loading = true;
    m_history->setFuture(runInBackground([ledger = &m_ledger, id = m_id] {
        return HistoryRead {id, ledger->anomalyHistory(id)};
    }));
}

void CasePane::setAssignees(const QStringList& names)
{
    const QString text = m_assignee->currentText();
    m_assignee->clear();
    m_assignee->addItems(names);
    m_assignee->setEditText(text);
}

void CasePane::setWriting(bool writing)
{
    m_writing = writing;
    updateControls();
}

void CasePane::clearNote(const QString& id)
{
    if (id == m_id)
        m_note->clear();
    else
        m_drafts.remove(id);
}

void CasePane::updateControls()
{
    const bool has = !m_id.isEmpty() && !m_writing;
    m_assignee->setEnabled(!m_id.isEmpty());
    m_assign->setEnabled(has);
    m_note->setEnabled(!m_id.isEmpty());
    m_addNote->setEnabled(has && !m_note->toPlainText().trimmed().isEmpty());
}

void CasePane::showExplanation(const Anomaly& a)
{
    const QLocale locale;
    QString html = QStringLiteral("<h3>%1 · %2</h3>")
                       .arg(riskName(a.risk), Money(a.amount, a.currency).formatWithCurrency(locale).toHtmlEscaped());
    auto when = [&locale](qint64 ms) { return shortLocalTime(locale, ms); };
    QString status = AnomalyTableModel::statusLabel(a.status);
    if (a.status != AnomalyStatus::Open && a.statusChangedAt)
        status = tr("%1 on %2").arg(status, when(*a.statusChangedAt));
    if (!a.decidedBy.isEmpty() && (a.status == AnomalyStatus::Confirmed || a.status == AnomalyStatus::Dismissed))
        status = tr("%1 by %2").arg(status, a.decidedBy.toHtmlEscaped());
    html += tr("<p>%1<br>booked %2 · detected %3<br>score %4 · %5</p>")
                .arg(a.description.toHtmlEscaped(), bookingTime(locale, a.transactionTimestamp), when(a.detectedAt),
                     a.scored ? locale.toString(a.score, 'f', 3) : tr("not scored yet"), status);
    if (!a.explanation.isEmpty()) {
        // Each entry's part of the score in score points (its contribution, a share of the final score, times the
        // score): the parts add up to the score, a part that lowers it is negative, and the forest's features split
        // the forest's part. (Shares in percent read as over 100 % once a part lowers the score.)
        html += QStringLiteral("<table cellpadding='4'><tr><th align='left'>%1</th><th align='right'>%2</th><th "
                               "align='left'>%3</th></tr>")
                    .arg(tr("Feature"), tr("Points"), tr("In words"));
        for (const QJsonValue& v : a.explanation) {
            const QJsonObject e = v.toObject();
            const double points = a.score * e.value(QStringLiteral("contribution")).toDouble();
            QString shown = locale.toString(std::abs(points), 'f', 2);
            if (points <= -0.005)
                shown.prepend(QChar(0x2212));
            // The sentence states the values in words and money; the raw feature values stay in the JSON (REST).
            html += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td>%3</td></tr>")
                        .arg((e.contains(QStringLiteral("name")) ? e.value(QStringLiteral("name")).toString()
                                                                 : e.value(QStringLiteral("feature")).toString())
                                 .replace(QLatin1Char('_'), QLatin1Char(' '))
                                 .toHtmlEscaped(),
                             shown, e.value(QStringLiteral("text")).toString().toHtmlEscaped());
        }
        html += QStringLiteral("</table>");
        html += tr("<p><small>Points: each part's share of the score %1; a part that lowers the score is negative, "
                   "and the features split the forest's part.</small></p>")
                    .arg(locale.toString(a.score, 'f', 2));
    } else if (a.source == CaseSource::Analyst) {
        html += tr("<p>Reported by an analyst, not flagged by the detector.</p>");
    }
    setDetailHtml(html);
}

} // namespace ledgerguard
