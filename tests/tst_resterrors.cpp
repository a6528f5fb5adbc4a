// SPDX-License-Identifier: GPL-3.0-or-later
// The error paths docs/API.md names for a failing ledger, made to happen over real HTTP on 127.0.0.1: a 500 (with
// the database's message kept out of the answer) when the ledger file is damaged under a running server, and
// /health answering 503 when the ledger does not answer (another process holds it locked).
#include "api/RestServer.h"
#include "ledger/Ledger.h"
#include "rest_client.h"
#include "util/Clock.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'768'478'400'000; // 2026-01-15T12:00:00Z

using Response = testing::HttpResponse;

// A second SQLite connection to the same file, as another process would hold it.
class SideConnection
{
public:
    explicit SideConnection(const QString& path)
        : m_name(QStringLiteral("side-%1").arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_open = db.open();
    }
    ~SideConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_open; }
    // Empty when every statement ran; the first error otherwise.
    QString exec(const QStringList& statements)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        for (const QString& s : statements) {
            if (!q.exec(s))
                return s + QStringLiteral(": ") + q.lastError().text();
            while (q.next()) { }
        }
        return {};
    }

    // The root pages of a table and of its indexes.
    QList<qint64> rootPages(const QString& table)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        QList<qint64> pages;
        q.prepare(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE tbl_name = ? AND rootpage > 0"));
        q.addBindValue(table);
        if (q.exec()) {
            while (q.next())
                pages.append(q.value(0).toLongLong());
        }
        return pages;
    }

private:
    QString m_name;
    bool m_open = false;
};

} // namespace

class TestRestErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void damagedLedgerAnswers500_data();
    void damagedLedgerAnswers500();
    void healthAnswers503WhenLedgerDoesNotAnswer();

private:
    Response call(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body = {});
    void startServer(const Database::Options& options);

    ManualClock m_clock {kNow};
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<RestServer> m_server;
    QNetworkAccessManager m_nam;
    QString m_path;
    qint64 m_account = 0;
};

void TestRestErrors::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("ledger.sqlite"));
}

void TestRestErrors::startServer(const Database::Options& options)
{
    auto database = Database::open(m_path, options);
    QVERIFY2(database, qPrintable(database.status().toString()));
    m_ledger = std::make_unique<Ledger>(*database, m_clock);
    auto accounts = m_ledger->accounts();
    QVERIFY(accounts);
    if (accounts->isEmpty()) {
        auto account
            = m_ledger->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
        QVERIFY(account);
        m_account = account->id;
    } else {
        m_account = accounts->first().id;
    }
    m_server = std::make_unique<RestServer>(*m_ledger);
    RestServer::Options server;
    server.port = 0;
    QVERIFY(m_server->start(server).isOk());
}

void TestRestErrors::cleanup()
{
    m_server.reset();
    m_ledger.reset();
    m_nam.clearConnectionCache();
    m_dir.reset();
}

Response TestRestErrors::call(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body)
{
    return testing::httpCall(m_nam, m_server->url() + pathAndQuery, method, body);
}

void TestRestErrors::damagedLedgerAnswers500_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addRow("table gone") << "table";
    QTest::addRow("pages overwritten") << "pages";
}

// docs/API.md: IoError, Corruption and Internal answer 500; the database's own message stays in the server log.
void TestRestErrors::damagedLedgerAnswers500()
{
    QFETCH(QString, damage);
    Database::Options options;
    options.quickCheck = false; // the damage happens after the open checks, as under a running server
    startServer(options);
    if (QTest::currentTestFailed())
        return;
    const QByteArray post = QStringLiteral("{\"accountId\":%1,\"amount\":\"-12.34\",\"description\":\"Rent\","
                                           "\"category\":\"rent\",\"counterparty\":\"Landlord Ltd\"}")
                                .arg(m_account)
                                .toUtf8();
    for (int i = 0; i < 300; ++i)
        QVERIFY(m_ledger
                    ->addTransaction({m_account,
                                      -1000 - i,
                                      QStringLiteral("Supplies"),
                                      QStringLiteral("supplier_payment"),
                                      QStringLiteral("Staples"),
                                      {}})
                    .isOk());
    QCOMPARE(call("GET", QStringLiteral("/transactions?accountId=%1&limit=5").arg(m_account)).status, 200);
    QCOMPARE(call("POST", QStringLiteral("/transactions"), post).status, 201);

    if (damage == QLatin1String("table")) {
        SideConnection side(m_path);
        QVERIFY(side.isOpen());
        const QString error = side.exec({QStringLiteral("ALTER TABLE transactions RENAME TO transactions_lost")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    } else {
        // The root pages of the transactions table and its indexes overwritten (the schema still reads, so the file
        // opens without the quick check): every read or write of a transaction meets garbage.
        QList<qint64> roots;
        {
            SideConnection side(m_path);
            QVERIFY(side.isOpen());
            QVERIFY(side.exec({QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")}).isEmpty());
            roots = side.rootPages(QStringLiteral("transactions"));
        }
        QVERIFY(!roots.isEmpty());
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 pageSize = 4096;
        QByteArray garbage(int(pageSize), '\0');
        for (qsizetype i = 0; i < garbage.size(); ++i)
            garbage[i] = char((i * 131 + 7) % 251);
        for (qint64 page : roots) {
            QVERIFY(page > 1);
            QVERIFY(file.seek((page - 1) * pageSize));
            QCOMPARE(file.write(garbage), pageSize);
        }
        file.close();
        startServer(options);
        if (QTest::currentTestFailed())
            return;
    }

    for (const auto& [method, path, body] :
         {std::tuple(QByteArray("GET"), QStringLiteral("/transactions?accountId=%1&limit=5").arg(m_account),
                     QByteArray()),
          std::tuple(QByteArray("POST"), QStringLiteral("/transactions"), post)}) {
        const Response r = call(method, path, body);
        QVERIFY2(r.status == 500,
                 qPrintable(QStringLiteral("%1 %2 -> %3 %4")
                                .arg(QString::fromLatin1(method), path)
                                .arg(r.status)
                                .arg(QString::fromUtf8(r.body))));
        const QString code = r.json.value(QLatin1String("code")).toString();
        QVERIFY2(code == QLatin1String("IoError") || code == QLatin1String("Corruption")
                     || code == QLatin1String("Internal"),
                 r.body.constData());
        QVERIFY2(!r.json.value(QLatin1String("error")).toString().isEmpty(), r.body.constData());
        for (const char* sqlText : {"no such table", "malformed", "SELECT", "INSERT", "sqlite"})
            QVERIFY2(!r.body.contains(sqlText), r.body.constData());
    }
}

// docs/API.md: GET /health answers 503 when the ledger does not answer. Another process holds the file in SQLite's
// exclusive locking mode, so every read waits out the busy timeout and fails.
void TestRestErrors::healthAnswers503WhenLedgerDoesNotAnswer()
{
    Database::Options options;
    options.busyTimeoutMs = 200;
    startServer(options);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(call("GET", QStringLiteral("/health")).status, 200);
    // Another process takes the file for itself while no connection of this one is open: the server's connections
    // go with its ledger, and a new server on the same file opens its own on its first requests.
    m_server.reset();
    m_ledger.reset();
    m_nam.clearConnectionCache();
    auto database = Database::open(m_path, options);
    QVERIFY2(database, qPrintable(database.status().toString()));
    (*database)->closeThreadConnection();
    SideConnection side(m_path);
    QVERIFY(side.isOpen());
    const QString error
        = side.exec({QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"), QStringLiteral("BEGIN EXCLUSIVE"),
                     QStringLiteral("UPDATE meta SET value = value WHERE 0"), QStringLiteral("COMMIT")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_ledger = std::make_unique<Ledger>(*database, m_clock);
    m_server = std::make_unique<RestServer>(*m_ledger);
    RestServer::Options server;
    server.port = 0;
    QVERIFY(m_server->start(server).isOk());
    const Response locked = call("GET", QStringLiteral("/health"));
    QVERIFY2(locked.status == 503, qPrintable(QStringLiteral("%1 %2").arg(locked.status).arg(locked.body)));
    QCOMPARE(locked.json.value(QLatin1String("status")).toString(), QStringLiteral("error"));
    QVERIFY(!locked.json.value(QLatin1String("error")).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestRestErrors)
#include "tst_resterrors.moc"
