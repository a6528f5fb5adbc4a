// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Background.h"
#include "ledger/Ledger.h"
#include "models/LiveReload.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QHash>
#include <functional>

class QTimer;

namespace ledgerguard {

// A table over one of the ledger's keyset-paged queries (Page / PageRequest cursors), for the views.
//
// Loading: every page is read on a worker thread (runInBackground(), Background.h; the Ledger gives each thread its
// own connection) and applied on the GUI thread, so a slow query (a sort no index serves, a text search over a
// million rows) never freezes the window. reload() (and a derived model's filter or sort change) reads a first page
// of kPageSize rows and replaces the rows inside one model reset; fetchMore() appends the next page (rowsInserted),
// one page at a time (a call while a page is being read is ignored). A newer reload supersedes every read still
// running (their results are dropped). The rows on screen stay until the new ones arrive; isLoading() says whether
// a read is running, loaded() when one has been applied (or failed, after loadFailed()).
//
// Live reloads: the ledger's change signals named by the derived model coalesce in a kLiveReloadMs single-shot
// timer into one reload, which reads as many rows as were loaded (kPageSize to kMaxPageSize), so a scrolled view
// stays where it was. GUI thread only. The destructor waits for running reads (they read through the Ledger, which
// must outlive the model).
class PagedTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int kPageSize = 200;
    // Delay that coalesces the ledger's change signals into one reload.
    static constexpr int kLiveReloadMs = 150;

    ~PagedTableModel() override;

    // True while a page is being read.
    bool isLoading() const { return m_resetPending || m_fetching; }

    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

public Q_SLOTS:
    // Reads the first page again now.
    void reload();

Q_SIGNALS:
    // A page could not be read (the ledger's message; never swallowed).
    void loadFailed(const QString& message);
    // A requested page has been applied (or failed).
    void loaded();

protected:
    // `changes`: the ledger signals that trigger a live reload. A derived constructor calls reload() once it is set up.
    PagedTableModel(Ledger& ledger, LedgerChanges changes, QObject* parent);

    Ledger& ledger() const { return m_ledger; }
    // Starts reading a page on the background pool: the first `limit` rows (`reset`) or the kPageSize rows after
    // `cursor`; delivers it with pageArrived() unless isCurrent(generation) no longer holds.
    virtual void requestPage(int limit, const QString& cursor, bool reset, int generation) = 0;
    virtual int loadedRowCount() const = 0;

    bool isCurrent(int generation) const { return generation == m_generation; }
    // Bookkeeping for a page that arrived: ends the pending read and moves the cursor (to the end after a failure).
    // Call before the rows change, so that a handler of rowsInserted may already ask for the next page.
    void pageArrived(bool reset, bool ok, const QString& nextCursor);
    // After the rows have been applied: loadFailed() for a failure, then loaded().
    void pageApplied(const Status& status);

private:
    void load(int limit);

    Ledger& m_ledger;
    QTimer* m_liveTimer;
    QString m_cursor;
    bool m_atEnd = false;
    bool m_resetPending = false; // a first page is being read
    bool m_fetching = false; // a next page is being read
    int m_generation = 0; // bumped by every reload; older results are dropped
};

// PagedTableModel over rows of type Row (Transaction, Anomaly), with the account names (id -> name) read beside
// each first page for display.
template<typename Row> class PagedRowsModel : public PagedTableModel
{
public:
    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }

protected:
    // Reads one page for the model's current filter and order. It runs on a worker thread: it holds copies of what
    // it needs (the filter), never the model.
    using PageReader = std::function<Result<Page<Row>>(const Ledger&, const PageRequest&)>;

    PagedRowsModel(Ledger& ledger, LedgerChanges changes, QObject* parent)
        : PagedTableModel(ledger, changes, parent)
    { }
    virtual PageReader pageReader() const = 0;

    const QList<Row>& rows() const { return m_rows; }
    // The account's name, or its id when the account is unknown.
    QString accountName(qint64 accountId) const { return m_accountNames.value(accountId, QString::number(accountId)); }

private:
    struct Batch
    {
        Result<Page<Row>> page = Page<Row> {};
        QHash<qint64, QString> accountNames; // read with a first page
    };

    int loadedRowCount() const final { return int(m_rows.size()); }

    void requestPage(int limit, const QString& cursor, bool reset, int generation) final
    {
        auto* watcher = new QFutureWatcher<Batch>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, reset, generation] {
            watcher->deleteLater();
            if (isCurrent(generation))
                apply(watcher->result(), reset);
        });
        watcher->setFuture(runInBackground([ledger = &ledger(), read = pageReader(), limit, cursor, reset] {
            Batch out;
            out.page = read(*ledger, {limit, cursor});
            if (reset && out.page) {
                if (auto accounts = ledger->accounts()) {
                    for (const Account& a : *accounts)
                        out.accountNames.insert(a.id, a.name);
                }
            }
            return out;
        }));
    }

    void apply(Batch batch, bool reset)
    {
        const bool ok = batch.page.isOk();
        const QString next = ok ? batch.page->nextCursor : QString();
        if (reset) {
            beginResetModel();
            pageArrived(true, ok, next);
            m_rows = ok ? std::move(batch.page->items) : QList<Row>();
            m_accountNames = std::move(batch.accountNames);
            endResetModel();
        } else {
            pageArrived(false, ok, next);
            if (ok && !batch.page->items.isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + batch.page->items.size() - 1));
                m_rows.append(std::move(batch.page->items));
                endInsertRows();
            }
        }
        pageApplied(batch.page.status());
    }

    QList<Row> m_rows;
    QHash<qint64, QString> m_accountNames;
};

} // namespace ledgerguard
