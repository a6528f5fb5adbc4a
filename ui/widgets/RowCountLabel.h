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
    // The text for a count or its error.
    using Formatter = std::function<QString(const Result<qint64>&)>;

    RowCountLabel(CountFactory factory, Formatter format, QWidget* parent = nullptr);
    ~RowCountLabel() override;

    void recount(bool filterChanged);
    // True while a count runs whose result is not shown yet.
    bool isCounting() const { return m_pending; }

Q_SIGNALS:
    void countChanged(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Outcome
    {
        Result<qint64> count = qint64(0);
    };

    CountFactory m_factory;
    Formatter m_format;
    QFutureWatcher<Outcome>* m_watcher;
    bool m_again = false;
    bool m_filterChanged = false;
    bool m_pending = false;
    bool m_stale = false; // the count waits until the label is shown
};

} // namespace ledgerguard
