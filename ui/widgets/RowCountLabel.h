// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QFutureWatcher>
#include <QLabel>
#include <functional>

namespace ledgerguard {

// The "1,234 transactions" line under a view's table: counts the rows of the view's current filter on the views'
// background pool (ui/Background.h), since a COUNT can scan the table for a text search.
//
// recount(filterChanged) asks for a count: only while the label is visible (otherwise the label waits and counts
// when shown; a new filter's old figure is cleared meanwhile). A new filter replaces the shown figure with
// "Counting…" at once; a live update keeps the last figure until the new one arrives. A recount while a count runs
// runs once more after it (the running one is for an older state). The destructor waits for a running count.
class RowCountLabel : public QLabel
{
    Q_OBJECT
public:
    // Called on the GUI thread when a count starts: returns the work for a worker (capturing the view's filter at
    // that moment, never the view).
    using CountFactory = std::function<std::function<Result<qint64>()>()>;
    // The texts: for one row and for n rows, with %n for the number ("%n anomaly", "%n anomalies"; plural(),
    // util/Plural.h), and for a failed count with %1 for the error ("Could not count the anomalies: %1").
    struct Texts
    {
        QString one;
        QString many;
        QString failed;
    };

    RowCountLabel(CountFactory factory, Texts texts, QWidget* parent = nullptr);
    ~RowCountLabel() override;

    void recount(bool filterChanged);
    // True while a count runs whose result is not shown yet.
    bool isCounting() const { return m_pending; }

Q_SIGNALS:
    void countChanged(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    static constexpr qsizetype kMaxErrorLength = 100; // characters of a failed count's error shown in the line

    struct Outcome
    {
        Result<qint64> count = qint64(0);
    };

    CountFactory m_factory;
    Texts m_texts;
    QFutureWatcher<Outcome>* m_watcher;
    bool m_again = false;
    bool m_filterChanged = false;
    bool m_pending = false;
    bool m_stale = false; // the count waits until the label is shown
};

} // namespace ledgerguard
