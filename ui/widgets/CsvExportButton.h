// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QFutureWatcher>
#include <QPushButton>
#include <functional>

namespace ledgerguard {

// The "Export CSV…" button of a view: asks for a file name, runs the view's export on the views' background pool
// (ui/Background.h), is disabled while it runs and reports through started() / finished(ok, message) ("Exported to
// PATH" or the error in words). One export at a time; the destructor waits for a running one.
class CsvExportButton : public QPushButton
{
    Q_OBJECT
public:
    // Called on the GUI thread when an export starts: returns the work to run on a worker (capturing the view's
    // filter at that moment, never the view).
    using JobFactory = std::function<std::function<Status()>(const QString& path)>;

    CsvExportButton(const QString& dialogTitle, const QString& defaultFileName, JobFactory factory,
                    QWidget* parent = nullptr);
    ~CsvExportButton() override;

    // Starts the export to `path`. False if one is already running.
    bool start(const QString& path);
    // Asks for a file name, then start().
    void startWithDialog();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void started();
    void finished(bool ok, const QString& message);

private:
    QString m_title;
    QString m_fileName;
    JobFactory m_factory;
    QFutureWatcher<Status>* m_watcher;
    QString m_path;
    bool m_running = false; // until finished() is emitted
};

} // namespace ledgerguard
