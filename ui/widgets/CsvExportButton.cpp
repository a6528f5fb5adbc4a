// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/CsvExportButton.h"

#include "Background.h"
#include "widgets/FileDialogs.h"

#include <QFileDialog>

namespace ledgerguard {

CsvExportButton::CsvExportButton(const QString& dialogTitle, const QString& defaultFileName, JobFactory factory,
                                 QWidget* parent)
    : QPushButton(tr("Export CSV…"), parent)
    , m_title(dialogTitle)
    , m_fileName(defaultFileName)
    , m_factory(std::move(factory))
    , m_watcher(new QFutureWatcher<Status>(this))
{
    connect(this, &QPushButton::clicked, this, &CsvExportButton::startWithDialog);
    connect(m_watcher, &QFutureWatcher<Status>::finished, this, [this] {
        const Status s = m_watcher->result();
        m_running = false;
        setEnabled(true);
        Q_EMIT finished(s.isOk(), s.isOk() ? tr("Exported to %1").arg(m_path) : s.toString());
    });
}

CsvExportButton::~CsvExportButton()
{
    m_watcher->waitForFinished();
}

void CsvExportButton::startWithDialog()
{
    if (m_running)
        return;
    const QString path = saveFileName(this, m_title, m_fileName, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        start(path);
}

bool CsvExportButton::start(const QString& path)
{
    if (m_running)
        return false;
    m_running = true;
    m_path = path;
    setEnabled(false);
    m_watcher->setFuture(runInBackground(m_factory(path)));
    Q_EMIT started();
    return true;
}

} // namespace ledgerguard
