// SPDX-License-Identifier: GPL-3.0-or-later
// Soak: the headless binary (`ledgerguard --headless --serve`, generator and detector every second) on a demo
// ledger under C keep-alive connections of mixed reads and writes for S seconds, over 127.0.0.1. Reports
// requests/s, latency percentiles and errors (any answer other than 2xx, or a request left unanswered: must be 0),
// then stops the server and verifies that every acknowledged write is stored exactly once and that `ledgerguard
// check` passes (integrity, balances = sums, running balances = prefix sums). Exit code 1 when any of it fails.
//
//   bench_soak [--app PATH] [--connections C] [--duration S] [--days D] [--write-share P]
//   (full run: 64 connections for 60 s; docs/PERFORMANCE.md, "Soak")
#include "headless_server.h"
#include "ledger/Ledger.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <algorithm>
#include <cstdio>

using namespace ledgerguard;

namespace {

struct Totals
{
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 writesAcknowledged = 0;
    std::vector<double> latencyMs;
    QSet<QString> acknowledged;
    QMap<QString, qint64> errorKinds;
};

// One keep-alive connection: sends a request, reads its answer (Content-Length framing), sends the next.
class Client : public QObject
{
public:
    Client(quint16 port, const QList<qint64>& accounts, int id, double writeShare, Totals& totals)
        : m_port(port)
        , m_accounts(accounts)
        , m_id(id)
        , m_writeShare(writeShare)
        , m_totals(totals)
        , m_random(quint32(id) + 1)
    {
        connect(&m_socket, &QTcpSocket::connected, this, [this] { sendNext(); });
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { readAnswer(); });
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
            if (m_waiting) {
                fail(QStringLiteral("connection closed before the answer"));
                m_waiting = false;
            }
            if (!m_stopping)
                QTimer::singleShot(0, this, [this] { m_socket.connectToHost(QStringLiteral("127.0.0.1"), m_port); });
        });
    }

    void start() { m_socket.connectToHost(QStringLiteral("127.0.0.1"), m_port); }
    void stop() { m_stopping = true; }
    bool idle() const { return !m_waiting; }

private:
    void fail(const QString& kind)
    {
        ++m_totals.errors;
        ++m_totals.errorKinds[kind];
    }

    void sendNext()
    {
        if (m_stopping || m_waiting || m_socket.state() != QAbstractSocket::ConnectedState)
            return;
        const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(m_port) + "\r\n";
        const qint64 account = m_accounts.at(int(m_random.bounded(qsizetype(m_accounts.size()))));
        m_write.clear();
        QByteArray request;
        if (m_random.generateDouble() < m_writeShare) {
            m_write = QStringLiteral("soak c%1 n%2").arg(m_id).arg(m_sent);
            const qint64 cents = 100 + qint64(m_random.bounded(5'000'000));
            const QByteArray body = testing::paymentBody(account, cents, m_write, QStringLiteral("Soak Supplies Ltd"));
            request = "POST /transactions HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        } else {
            static const char* const reads[] = {"/health",
                                                "/accounts",
                                                "/anomalies?limit=20",
                                                "/transactions?limit=50",
                                                "/transactions?accountId=%1&limit=50",
                                                "/anomalies/by-account/%1?limit=20"};
            const QByteArray target
                = QByteArray(reads[m_random.bounded(int(std::size(reads)))]).replace("%1", QByteArray::number(account));
            request = "GET " + target + " HTTP/1.1\r\n" + host + "\r\n";
        }
        ++m_sent;
        m_in.clear();
        m_waiting = true;
        m_timer.start();
        m_socket.write(request);
    }

    void readAnswer()
    {
        m_in += m_socket.readAll();
        const qsizetype end = m_in.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = m_in.left(end).toLower();
        const qsizetype cl = head.indexOf("content-length:");
        const qint64 length = cl < 0 ? 0 : head.mid(cl + 15, head.indexOf("\r\n", cl) - cl - 15).trimmed().toLongLong();
        if (m_in.size() < end + 4 + length)
            return;
        const int status = m_in.mid(9, 3).toInt();
        m_totals.latencyMs.push_back(double(m_timer.nsecsElapsed()) / 1e6);
        ++m_totals.requests;
        m_waiting = false;
        if (status < 200 || status >= 300) {
            fail(QStringLiteral("status %1: %2").arg(status).arg(QString::fromUtf8(m_in.mid(end + 4, 120))));
        } else if (!m_write.isEmpty()) {
            ++m_totals.writesAcknowledged;
            m_totals.acknowledged.insert(m_write);
        }
        m_in.remove(0, end + 4 + length);
        if (head.contains("connection: close"))
            return; // the server closes; disconnected() reconnects
        sendNext();
    }

    quint16 m_port;
    QList<qint64> m_accounts;
    int m_id;
    double m_writeShare;
    Totals& m_totals;
    QRandomGenerator m_random;
    QTcpSocket m_socket;
    QByteArray m_in;
    QString m_write;
    QElapsedTimer m_timer;
    qint64 m_sent = 0;
    bool m_waiting = false;
    bool m_stopping = false;
};

double percentile(std::vector<double>& sorted, double p)
{
    if (sorted.empty())
        return 0;
    return sorted[std::min(sorted.size() - 1, size_t(p * double(sorted.size())))];
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption appOption(QStringLiteral("app"), QStringLiteral("The ledgerguard binary."),
                                       QStringLiteral("PATH"), QStringLiteral(LG_APP_PATH));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"), QStringLiteral("Connections."),
                                               QStringLiteral("C"), QStringLiteral("64"));
    const QCommandLineOption durationOption(QStringLiteral("duration"), QStringLiteral("Seconds of load."),
                                            QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption daysOption(QStringLiteral("days"), QStringLiteral("Days of demo history to start with."),
                                        QStringLiteral("D"), QStringLiteral("30"));
    const QCommandLineOption writeShareOption(QStringLiteral("write-share"),
                                              QStringLiteral("Share of requests that are POST /transactions."),
                                              QStringLiteral("P"), QStringLiteral("0.3"));
    parser.addOptions({appOption, connectionsOption, durationOption, daysOption, writeShareOption});
    parser.process(app);
    const int connections = parser.value(connectionsOption).toInt();
    const int duration = parser.value(durationOption).toInt();
    const double writeShare = parser.value(writeShareOption).toDouble();
    if (connections < 1 || duration < 1 || writeShare < 0 || writeShare > 1) {
        std::fprintf(stderr, "bench_soak: --connections and --duration must be at least 1, --write-share in [0, 1]\n");
        return 2;
    }

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("soak.sqlite"));
    const QList<qint64> accounts = testing::createDemoLedgerAt(path, parser.value(daysOption).toInt(), 5);
    if (accounts.isEmpty()) {
        std::fprintf(stderr, "bench_soak: cannot create the demo ledger\n");
        return 1;
    }
    qint64 startRows = 0;
    if (auto ledger = Ledger::open(path))
        startRows = (*ledger)->countTransactions({}).value();
    testing::HeadlessServer server(parser.value(appOption), dir.path());
    const QString url = server.start(path,
                                     {QStringLiteral("--generator-interval"), QStringLiteral("1"),
                                      QStringLiteral("--detector-interval"), QStringLiteral("1")});
    if (url.isEmpty()) {
        std::fprintf(stderr, "bench_soak: the server did not start:\n%s\n", server.log().right(2000).constData());
        return 1;
    }
    const quint16 port = quint16(QUrl(url).port());
    const qint64 startKiB = server.residentKiB();
    qint64 peakKiB = startKiB;

    Totals totals;
    totals.latencyMs.reserve(1 << 20);
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < connections; ++i)
        clients.push_back(std::make_unique<Client>(port, accounts, i, writeShare, totals));
    QElapsedTimer wall;
    wall.start();
    for (auto& c : clients)
        c->start();
    QTimer memory;
    QObject::connect(&memory, &QTimer::timeout, [&] { peakKiB = std::max(peakKiB, server.residentKiB()); });
    memory.start(500);
    QEventLoop loop;
    QTimer::singleShot(duration * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    for (auto& c : clients)
        c->stop();
    // The answers to requests in flight still count; wait for them (bounded).
    QElapsedTimer drain;
    drain.start();
    while (drain.elapsed() < 30000
           && !std::all_of(clients.begin(), clients.end(), [](const auto& c) { return c->idle(); }))
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    memory.stop();
    peakKiB = std::max(peakKiB, server.residentKiB());
    for (auto& c : clients) {
        if (!c->idle()) {
            ++totals.errors;
            ++totals.errorKinds[QStringLiteral("no answer within 30 s of the end")];
        }
    }
    clients.clear();
    const bool stopped = server.stop();

    // Afterwards: every acknowledged write exactly once, and the ledger's own check.
    const QHash<QString, int> stored = testing::countsByDescription(path, QStringLiteral("soak c"));
    qint64 missing = 0, doubled = 0;
    for (const QString& d : std::as_const(totals.acknowledged))
        missing += stored.value(d) == 0 ? 1 : 0;
    for (auto it = stored.begin(); it != stored.end(); ++it)
        doubled += it.value() > 1 ? 1 : 0;
    const auto [checkCode, checkOutput] = server.check(path);
    qint64 endRows = 0;
    {
        auto ledger = Ledger::open(path);
        if (ledger)
            endRows = (*ledger)->countTransactions({}).value();
    }

    std::sort(totals.latencyMs.begin(), totals.latencyMs.end());
    std::printf("| measure | value |\n|---|---:|\n");
    std::printf("| connections | %d |\n", connections);
    std::printf("| duration, s | %.1f |\n", seconds);
    std::printf("| requests answered | %lld |\n", static_cast<long long>(totals.requests));
    std::printf("| requests/s | %.0f |\n", double(totals.requests) / seconds);
    std::printf("| latency p50 / p90 / p99 / max, ms | %.2f / %.2f / %.2f / %.2f |\n",
                percentile(totals.latencyMs, 0.5), percentile(totals.latencyMs, 0.9),
                percentile(totals.latencyMs, 0.99), totals.latencyMs.empty() ? 0.0 : totals.latencyMs.back());
    std::printf("| errors (non-2xx or unanswered) | %lld |\n", static_cast<long long>(totals.errors));
    std::printf("| writes acknowledged (POST 201) | %lld |\n", static_cast<long long>(totals.writesAcknowledged));
    std::printf("| acknowledged writes missing / stored twice | %lld / %lld |\n", static_cast<long long>(missing),
                static_cast<long long>(doubled));
    std::printf("| transactions before / after (the generator writes too) | %lld / %lld |\n",
                static_cast<long long>(startRows), static_cast<long long>(endRows));
    std::printf("| server resident memory at the start / peak, MiB | %.0f / %.0f |\n", double(startKiB) / 1024,
                double(peakKiB) / 1024);
    std::printf("| server stopped cleanly (SIGTERM, exit 0) | %s |\n", stopped ? "yes" : "NO");
    std::printf("| ledgerguard check | %s |\n", checkCode == 0 ? "ok" : "FAILED");
    for (auto it = totals.errorKinds.begin(); it != totals.errorKinds.end(); ++it)
        std::fprintf(stderr, "error: %s (%lld)\n", qPrintable(it.key()), static_cast<long long>(it.value()));
    if (checkCode != 0)
        std::fprintf(stderr, "ledgerguard check:\n%s\n", checkOutput.constData());
    const bool ok = totals.errors == 0 && missing == 0 && doubled == 0 && checkCode == 0 && stopped
        && totals.writesAcknowledged > 0;
    std::printf("\n%s\n", ok ? "soak invariants: ok" : "soak invariants: FAILED");
    return ok ? 0 : 1;
}
