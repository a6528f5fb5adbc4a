// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/RowCountLabel.h"

#include "Background.h"
#include "util/Plural.h"

#include <QLocale>

namespace ledgerguard {

RowCountLabel::RowCountLabel(CountFactory factory, Texts texts, QWidget* parent)
    : QLabel(parent)
    , m_factory(std::move(factory))
    , m_texts(std::move(texts))
    , m_watcher(new QFutureWatcher<Outcome>(this))
{
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_again) {
            m_again = false;
            recount(false);
            return;
        }
        m_pending = false;
        const Result<qint64>& n = m_watcher->result().count;
        if (!n) {
            // A database error can be long and span lines: its first line, shortened, and the whole in the tooltip,
            // so that the line never widens the window.
            const QString message = n.status().message();
            QString shown = message.section(QLatin1Char('\n'), 0, 0).simplified();
            if (shown.size() > kMaxErrorLength)
                shown = shown.left(kMaxErrorLength - 1) + QChar(0x2026);
            setText(m_texts.failed.arg(shown));
            setToolTip(message);
        } else {
            setText(plural(*n, m_texts.one, m_texts.many));
            setToolTip(QString());
        }
        Q_EMIT countChanged(text());
    });
}

RowCountLabel::~RowCountLabel()
{
    m_watcher->waitForFinished();
}

void RowCountLabel::showEvent(QShowEvent* event)
{
    QLabel::showEvent(event);
    if (m_stale)
        recount(false);
}

void RowCountLabel::recount(bool filterChanged)
{
    m_filterChanged = m_filterChanged || filterChanged;
    m_stale = !isVisible();
    if (m_stale) {
        m_pending = false; // counted again when shown
        if (m_filterChanged)
            clear();
        return;
    }
    if (m_watcher->isRunning()) {
        m_again = true;
        return;
    }
    if (m_filterChanged || text().isEmpty())
        setText(tr("Counting…"));
    m_filterChanged = false;
    m_pending = true;
    m_watcher->setFuture(runInBackground([work = m_factory()] { return Outcome {work()}; }));
}

} // namespace ledgerguard
