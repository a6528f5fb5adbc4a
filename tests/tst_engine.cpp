// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger's two engines (docs/LEDGER.md "Engines"): the PostgreSQL URL, the mapping of PostgreSQL's errors, and
// concurrent writers in separate processes on one ledger staying exact. Runs on SQLite and, as tst_engine_pg, on
// PostgreSQL (tests/test_engine.h).
#include "ledger/Database.h"
#include "ledger/DatabaseUrl.h"
#include "ledger/Ledger.h"
#include "ledger_fixture.h"
#include "test_engine.h"
#include "util/Clock.h"

#include <QDateTime>
#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <thread>

using namespace ledgerguard;

namespace {

constexpr qint64 kNow = 1'780'000'000'000;

// Accounts whose balance or count is not the sum or count of their transactions, plus transactions whose running
// balance is not the prefix sum of their account in (timestamp, id) order; -1 when a query fails.
qint64 inexactRows(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM accounts a WHERE a.balance <> (SELECT coalesce(sum("
                               "t.amount), 0) FROM transactions t WHERE t.account_id = a.id) OR a.transaction_count <> "
                               "(SELECT count(*) FROM transactions t WHERE t.account_id = a.id)) + (SELECT count(*) "
                               "FROM (SELECT running_balance, sum(amount) OVER (PARTITION BY account_id ORDER BY "
                               "timestamp, id) AS prefix FROM transactions) r WHERE r.running_balance <> r.prefix)"))
        || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// The session's own functions (PostgreSQL: in its temporary schema); -1 when the query fails.
int sessionFunctions(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM pg_proc WHERE pronamespace = pg_my_temp_schema()")) || !q.next())
        return -1;
    return q.value(0).toInt();
}
constexpr int kWriters = 3;
constexpr int kWritesPerWriter = 160;

// The child process: writes kWritesPerWriter changes (single back-dated transactions through addTransaction, which
// PostgreSQL runs beside the other writers' single inserts into other accounts, and batches over all accounts, which
// it runs alone) to the ledger at LG_ENGINE_WRITER and prints the number of rows and the sum of the amounts it wrote.
int runWriter()
{
    ManualClock clock(kNow);
    auto ledger = Ledger::open(qEnvironmentVariable("LG_ENGINE_WRITER"), clock);
    if (!ledger) {
        fprintf(stderr, "%s\n", qPrintable(ledger.status().toString()));
        return 2;
    }
    QList<qint64> accounts;
    for (const QString& id : qEnvironmentVariable("LG_ENGINE_ACCOUNTS").split(QLatin1Char(',')))
        accounts.append(id.toLongLong());
    QRandomGenerator random(qEnvironmentVariable("LG_ENGINE_SEED").toUInt());
    // The writers start together (LG_ENGINE_START, ms since the epoch), so their writes overlap.
    const qint64 start = qEnvironmentVariable("LG_ENGINE_START").toLongLong();
    while (QDateTime::currentMSecsSinceEpoch() < start)
        QThread::msleep(1);
    int made = 0;
    const auto row = [&](qint64 account) {
        NewTransaction t;
        t.accountId = account;
        t.amount = random.bounded(-50'000, 50'000) | 1; // never zero
        t.description = QStringLiteral("concurrent write");
        t.category = QStringLiteral("other");
        // Every other row back-dated into the last 30 days, the others after every row written so far but for the
        // other writers' latest (each writer's times rise at the same pace).
        t.timestamp = ++made % 2 ? kNow - random.bounded(30) * kDayMs - random.bounded(kDayMs)
                                 : kNow + made * 100 + random.bounded(100);
        return t;
    };
    qint64 rows = 0, sum = 0;
    for (int i = 0; i < kWritesPerWriter; ++i) {
        QList<NewTransaction> batch;
        if (i % 4 == 3) {
            for (qint64 a : accounts)
                batch.append(row(a));
        } else {
            batch.append(row(accounts[random.bounded(int(accounts.size()))]));
        }
        for (int attempt = 0;; ++attempt) {
            const Status written = batch.size() == 1 ? ledger->get()->addTransaction(batch.first()).status()
                                                     : ledger->get()->addTransactions(batch).status();
            if (written.isOk()) {
                rows += batch.size();
                for (const NewTransaction& t : std::as_const(batch))
                    sum += t.amount;
                break;
            }
            if (!written.isBusy() || attempt == 20) {
                fprintf(stderr, "%s\n", qPrintable(written.toString()));
                return 3;
            }
        }
    }
    printf("%lld %lld\n", static_cast<long long>(rows), static_cast<long long>(sum));
    return 0;
}

} // namespace

class TstEngine : public QObject
{
    Q_OBJECT

private slots:
    void urlAccepted_data();
    void urlAccepted();
    void urlRefused_data();
    void urlRefused();
    void otherSchemesAreRefused();
    void postgresErrors();
    void concurrentWritersStayExact();
    void postgresIdentityAndVersion();
    void postgresJobLocksAndActors();
    void postgresReconnectsAfterTheServerEndsTheSession();
    void postgresWritesWithAndWithoutSessionFunctions();
    void postgresListensOnlyWhereNoticesCanArrive();
};

void TstEngine::urlAccepted_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("sslMode");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << "postgresql://lg@db.example.com/ledger"
                           << "lg"
                           << "db.example.com" << 5432 << "ledger"
                           << ""
                           << "postgresql://lg@db.example.com/ledger";
    QTest::newRow("port and sslmode") << "postgresql://ana@10.0.0.5:6543/books?sslmode=verify-full"
                                      << "ana"
                                      << "10.0.0.5" << 6543 << "books"
                                      << "verify-full"
                                      << "postgresql://ana@10.0.0.5:6543/books?sslmode=verify-full";
    QTest::newRow("short scheme, ipv6") << "postgres://lg@[::1]:5433/l"
                                        << "lg"
                                        << "::1" << 5433 << "l"
                                        << ""
                                        << "postgresql://lg@[::1]:5433/l";
    QTest::newRow("percent-encoded") << "postgresql://j%C3%B6rg%40corp@h/my%20books" << u8"jörg@corp" << "h" << 5432
                                     << "my books"
                                     << ""
                                     << "postgresql://j%C3%B6rg%40corp@h/my%20books";
}

void TstEngine::urlAccepted()
{
    QFETCH(QString, url);
    QVERIFY(DatabaseUrl::isPostgres(url));
    auto parsed = DatabaseUrl::parse(url);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.status().toString()));
    QFETCH(QString, user);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, sslMode);
    QFETCH(QString, shown);
    QCOMPARE(parsed->user, user);
    QCOMPARE(parsed->host, host);
    QCOMPARE(parsed->port, port);
    QCOMPARE(parsed->database, database);
    QCOMPARE(parsed->sslMode, sslMode);
    QCOMPARE(parsed->toString(), shown);
    QCOMPARE(DatabaseUrl::parse(parsed->toString())->database, database);
}

void TstEngine::urlRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("password") << "postgresql://lg:s3cret@h/l"
                              << "password";
    QTest::newRow("empty password") << "postgresql://lg:@h/l"
                                    << "password";
    QTest::newRow("no user") << "postgresql://h/l"
                             << "user";
    QTest::newRow("no host") << "postgresql://lg@/l"
                             << "host";
    QTest::newRow("no database") << "postgresql://lg@h"
                                 << "database";
    QTest::newRow("no database, slash") << "postgresql://lg@h/"
                                        << "database";
    QTest::newRow("port zero") << "postgresql://lg@h:0/l"
                               << "port";
    QTest::newRow("port too large") << "postgresql://lg@h:70000/l"
                                    << "port";
    QTest::newRow("bad sslmode") << "postgresql://lg@h/l?sslmode=always"
                                 << "sslmode";
    QTest::newRow("unknown parameter") << "postgresql://lg@h/l?password=x"
                                       << "unknown parameter";
    QTest::newRow("not postgres") << "/home/lg/ledger.sqlite"
                                  << "postgresql://";
}

void TstEngine::urlRefused()
{
    QFETCH(QString, url);
    QFETCH(QString, mentions);
    auto parsed = DatabaseUrl::parse(url);
    QVERIFY(!parsed.isOk());
    QCOMPARE(parsed.status().field(), QStringLiteral("url"));
    QVERIFY2(parsed.status().message().contains(mentions), qPrintable(parsed.status().message()));
    QVERIFY2(!parsed.status().message().contains(QLatin1String("s3cret")), qPrintable(parsed.status().message()));
    // Database::open reports the same error and never takes the URL for a file name.
    auto opened = Database::open(url);
    if (DatabaseUrl::isPostgres(url)) {
        QVERIFY(!opened.isOk());
        QCOMPARE(opened.status().field(), QStringLiteral("url"));
    }
}

// A URL of another scheme is refused by name instead of being created as a file called "mysql:"; a Windows drive
// letter is no scheme.
void TstEngine::otherSchemesAreRefused()
{
    const QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString before = QDir::currentPath();
    const auto restore = qScopeGuard([&] { QDir::setCurrent(before); });
    QVERIFY(QDir::setCurrent(dir.path()));
    for (const QString& url : {QStringLiteral("mysql://lg@h/l"), QStringLiteral("sqlite://ledger.sqlite"),
                               QStringLiteral("file:///tmp/ledger.sqlite")}) {
        const Status checked = DatabaseUrl::checkScheme(url);
        QVERIFY2(checked.isInvalidArgument(), qPrintable(url));
        QCOMPARE(checked.field(), QStringLiteral("url"));
        QVERIFY2(checked.message().contains(url.section(QLatin1Char(':'), 0, 0) + QStringLiteral("://")),
                 qPrintable(checked.message()));
        auto opened = Database::open(url);
        QVERIFY(!opened.isOk());
        QCOMPARE(opened.status().field(), QStringLiteral("url"));
    }
    QVERIFY(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty()); // no file was made
    for (const QString& path : {QStringLiteral("C:/ledgers/ledger.sqlite"), QStringLiteral("C:\\ledger.sqlite"),
                                QStringLiteral("ledger.sqlite"), QStringLiteral("postgresql://lg@h/l")})
        QVERIFY2(DatabaseUrl::checkScheme(path).isOk(), qPrintable(path));
    // Spaces around a URL (pasted) do not make it a file path: parse() trims them as isPostgres() does.
    QVERIFY(DatabaseUrl::isPostgres(QStringLiteral("  postgresql://lg@h/l ")));
    QVERIFY(DatabaseUrl::parse(QStringLiteral("  postgresql://lg@h/l ")).isOk());
}

void TstEngine::postgresErrors()
{
    const QString what = QStringLiteral("add transaction");
    QVERIFY(postgresErrorStatus(QStringLiteral("40001"), QStringLiteral("could not serialize"), what).isBusy());
    QVERIFY(postgresErrorStatus(QStringLiteral("40P01"), QStringLiteral("deadlock detected"), what).isBusy());
    QVERIFY(postgresErrorStatus(QStringLiteral("55P03"), QStringLiteral("lock timeout"), what).isBusy());
    QVERIFY(postgresErrorStatus(QStringLiteral("23505"), QStringLiteral("duplicate key"), what).isConflict());
    QVERIFY(postgresErrorStatus(QStringLiteral("23514"), QStringLiteral("check"), what).isConflict());
    QVERIFY(postgresErrorStatus(QStringLiteral("25006"), QStringLiteral("read-only"), what).isReadOnly());
    QVERIFY(postgresErrorStatus(QStringLiteral("XX001"), QStringLiteral("data corrupted"), what).isCorruption());
    const Status other = postgresErrorStatus(QStringLiteral("42P01"), QStringLiteral("no such table"), what);
    QVERIFY(other.isIoError());
    QCOMPARE(other.message(), QStringLiteral("add transaction: no such table"));
}

void TstEngine::concurrentWritersStayExact()
{
    QTemporaryDir dir;
    auto location = test::freshLedgerLocation(dir.filePath(QStringLiteral("c.sqlite")));
    QVERIFY2(location.isOk(), qPrintable(location.status().toString()));
    ManualClock clock(kNow);
    auto ledger = Ledger::open(*location, clock);
    QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
    QStringList accounts;
    for (const char* name : {"A", "B", "C"}) {
        auto a
            = ledger->get()->createAccount({QString::fromLatin1(name), AccountType::Checking, QStringLiteral("EUR")});
        QVERIFY2(a.isOk(), qPrintable(a.status().toString()));
        accounts.append(QString::number(a->id));
    }
    std::vector<std::unique_ptr<QProcess>> writers;
    const qint64 start = QDateTime::currentMSecsSinceEpoch() + 1500; // after every writer has opened the ledger
    for (int w = 0; w < kWriters; ++w) {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LG_ENGINE_WRITER"), *location);
        env.insert(QStringLiteral("LG_ENGINE_ACCOUNTS"), accounts.join(QLatin1Char(',')));
        env.insert(QStringLiteral("LG_ENGINE_SEED"), QString::number(17 + w));
        env.insert(QStringLiteral("LG_ENGINE_START"), QString::number(start));
        p->setProcessEnvironment(env);
        p->start(QCoreApplication::applicationFilePath(), {});
        writers.push_back(std::move(p));
    }
    qint64 rows = 0, sum = 0;
    for (auto& p : writers) {
        QVERIFY(p->waitForFinished(120'000));
        QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
        const QList<QByteArray> out = p->readAllStandardOutput().trimmed().split(' ');
        QCOMPARE(out.size(), 2);
        rows += out[0].toLongLong();
        sum += out[1].toLongLong();
    }
    // Every fourth write is a batch over all accounts, the others one row each.
    const int batches = kWritesPerWriter / 4;
    QCOMPARE(rows, qint64(kWriters * (batches * accounts.size() + kWritesPerWriter - batches)));

    auto db = ledger->get()->database()->connection();
    QVERIFY(db.isOk());
    QSqlQuery q(*db);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*), coalesce(sum(amount), 0) FROM transactions")) && q.next());
    QCOMPARE(q.value(0).toLongLong(), rows); // nothing lost
    QCOMPARE(q.value(1).toLongLong(), sum);
    QCOMPARE(inexactRows(*db), qint64(0));
}

void TstEngine::postgresIdentityAndVersion()
{
    if (!test::onPostgres())
        QSKIP("PostgreSQL only: an SQLite ledger has no database user and keeps its version in user_version");
    auto location = test::createPostgresDatabase();
    QVERIFY2(location.isOk(), qPrintable(location.status().toString()));
    auto database = Database::open(*location);
    QVERIFY2(database.isOk(), qPrintable(database.status().toString()));
    QVERIFY(database->get()->isPostgres());
    QCOMPARE(database->get()->user(), DatabaseUrl::parse(*location)->user);
    QCOMPARE(database->get()->path(), *location);
    auto db = database->get()->connection();
    QVERIFY(db.isOk());
    QSqlQuery q(*db);
    QVERIFY(q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) && q.next());
    QCOMPARE(q.value(0).toInt(), Database::kSchemaVersion);
    // A ledger of version 8 (the first of team mode) is brought up to date when opened: version 9 replaces the change
    // notices' trigger function (here a stand-in that sends nothing).
    QVERIFY(q.exec(QStringLiteral("UPDATE meta SET value = '8' WHERE key = 'schema_version'")));
    QVERIFY(q.exec(QStringLiteral("CREATE OR REPLACE FUNCTION ledgerguard_notify_changes() RETURNS trigger "
                                  "LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$")));
    {
        auto older = Database::open(*location);
        QVERIFY2(older.isOk(), qPrintable(older.status().toString()));
    }
    QVERIFY(q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) && q.next());
    QCOMPARE(q.value(0).toInt(), Database::kSchemaVersion);
    QVERIFY(q.exec(QStringLiteral("SELECT prosrc FROM pg_proc WHERE proname = 'ledgerguard_notify_changes'"))
            && q.next());
    QVERIFY(q.value(0).toString().contains(QLatin1String("pg_notify")));
    QVERIFY(!q.value(0).toString().contains(QLatin1String("EXECUTE")));
    // A newer schema is refused and left as it is.
    QVERIFY(q.exec(
        QStringLiteral("UPDATE meta SET value = '%1' WHERE key = 'schema_version'").arg(Database::kSchemaVersion + 1)));
    auto newer = Database::open(*location);
    QVERIFY(!newer.isOk());
    QCOMPARE(newer.status().code(), Status::Code::Unsupported);
    // A database holding other tables is not taken for an empty one.
    auto other = test::createPostgresDatabase();
    QVERIFY(other.isOk());
    {
        auto plain = Database::open(*other);
        QVERIFY(plain.isOk());
        auto c = plain->get()->connection();
        QSqlQuery d(*c);
        QVERIFY(d.exec(QStringLiteral("DROP TABLE meta")));
    }
    auto foreign = Database::open(*other);
    QVERIFY(!foreign.isOk());
    QCOMPARE(foreign.status().code(), Status::Code::Unsupported);
    static const QRegularExpression counted(QStringLiteral("the database has \\d+ tables but no LedgerGuard schema"));
    QVERIFY2(counted.match(foreign.status().message()).hasMatch(), qPrintable(foreign.status().message()));
}

void TstEngine::postgresJobLocksAndActors()
{
    if (!test::onPostgres())
        QSKIP("PostgreSQL only: SQLite has no database login to record and no advisory locks");
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<ManualClock> clock;
    std::unique_ptr<Ledger> ledger;
    qint64 account = 0;
    QVERIFY(test::openLedgerFixture(kNow, dir, clock, ledger, account).isOk());
    const QString user = ledger->database()->user();
    QVERIFY(!user.isEmpty());

    // One detection run at a time across instances: a second Database on the same ledger is refused while the
    // first holds the lock, and gets it once the first lets go.
    auto other = Database::open(ledger->database()->path());
    QVERIFY(other.isOk());
    {
        auto held = ledger->database()->tryLockJob(Database::Job::Detection);
        QVERIFY2(held.isOk(), qPrintable(held.status().toString()));
        auto refused = other->get()->tryLockJob(Database::Job::Detection);
        QVERIFY(refused.status().isBusy());
        QVERIFY(refused.status().message().contains(QLatin1String("detection")));
        QVERIFY(other->get()->tryLockJob(Database::Job::Generator).isOk()); // another job's lock is apart
    }
    QVERIFY(other->get()->tryLockJob(Database::Job::Detection).isOk());
    // A released lock is free at once for the next run, whichever instance asks: the generator's runs follow each
    // other without a pause.
    for (int i = 0; i < 40; ++i) {
        Database* first = i % 2 == 0 ? ledger->database().get() : other->get();
        Database* second = i % 2 == 0 ? other->get() : ledger->database().get();
        QVERIFY(first->tryLockJob(Database::Job::Generator).isOk());
        auto db = ledger->database()->connection();
        QVERIFY(db.isOk());
        QSqlQuery q(*db);
        QVERIFY(
            q.exec(QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                                  "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
            && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        auto next = second->tryLockJob(Database::Job::Generator);
        QVERIFY2(next.isOk(), qPrintable(QStringLiteral("cycle %1: %2").arg(i).arg(next.status().toString())));
    }

    // Decisions and audit entries carry the database login beside the caller's actor.
    NewTransaction t;
    t.accountId = account;
    t.amount = -1200;
    t.description = QStringLiteral("Supplier");
    t.category = QStringLiteral("other");
    t.timestamp = kNow - kHourMs;
    auto added = ledger->addTransaction(t);
    QVERIFY(added.isOk());
    auto caseId = test::openTestCase(*ledger, account, added->id);
    QVERIFY2(caseId.isOk(), qPrintable(caseId.status().toString()));
    auto decided = ledger->setAnomalyStatus(*caseId, AnomalyStatus::Confirmed, QStringLiteral("ana"));
    QVERIFY2(decided.isOk(), qPrintable(decided.status().toString()));
    QCOMPARE(decided->decidedBy, QStringLiteral("ana (%1)").arg(user));
    QCOMPARE(ledger->anomalyHistory(*caseId)->audit.last().actor, QStringLiteral("ana (%1)").arg(user));
    decided = ledger->setAnomalyStatus(*caseId, AnomalyStatus::Dismissed, user);
    QVERIFY(decided.isOk());
    QCOMPARE(decided->decidedBy, user);
}

// The server ends the ledger's sessions (a restart or fail-over looks the same to a client): the next write opens a
// new connection and succeeds (nothing of it had been written), a read that failed works on its next call.
void TstEngine::postgresReconnectsAfterTheServerEndsTheSession()
{
    if (!test::onPostgres())
        QSKIP("PostgreSQL only: an SQLite file has no server to lose");
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<ManualClock> clock;
    std::unique_ptr<Ledger> ledger;
    qint64 account = 0;
    QVERIFY(test::openLedgerFixture(kNow, dir, clock, ledger, account).isOk());
    NewTransaction t;
    t.accountId = account;
    t.amount = -700;
    t.description = QStringLiteral("Supplier");
    t.category = QStringLiteral("other");
    t.timestamp = kNow - kHourMs;
    QVERIFY(ledger->addTransaction(t).isOk());

    QVERIFY(test::endOtherSessions(ledger->database()->path()) > 0);
    t.amount = -800;
    auto added = ledger->addTransaction(t);
    QVERIFY2(added.isOk(), qPrintable(added.status().toString()));
    QCOMPARE(ledger->account(account)->balance, qint64(-1500));

    QVERIFY(test::endOtherSessions(ledger->database()->path()) > 0);
    auto first = ledger->countTransactions({});
    if (!first.isOk()) // the read that meets the closed session fails; the next one reconnects
        first = ledger->countTransactions({});
    QVERIFY2(first.isOk(), qPrintable(first.status().toString()));
    QCOMPARE(*first, qint64(2));
}

// A read-write session books a transaction in one call of its temporary function; a role that may not create
// temporary objects books it statement by statement. Both keep balances and running balances exact, back-dated rows
// and refused rows included.
void TstEngine::postgresWritesWithAndWithoutSessionFunctions()
{
    if (!test::onPostgres())
        QSKIP("PostgreSQL only: session functions are a PostgreSQL connection's");
    auto location = test::createPostgresDatabase();
    QVERIFY2(location.isOk(), qPrintable(location.status().toString()));
    ManualClock clock(kNow);
    auto owner = Ledger::open(*location, clock);
    QVERIFY2(owner.isOk(), qPrintable(owner.status().toString()));
    auto account = (*owner)->createAccount({QStringLiteral("Operating"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(account.isOk());
    auto closed = (*owner)->createAccount({QStringLiteral("Old"), AccountType::Checking, QStringLiteral("EUR")});
    QVERIFY(closed.isOk());
    QVERIFY((*owner)->closeAccount(closed->id).isOk());

    const DatabaseUrl url = *DatabaseUrl::parse(*location);
    const QString role = QStringLiteral("lg_no_temp_%1").arg(QRandomGenerator::global()->bounded(1000000));
    {
        auto db = (*owner)->database()->connection();
        QVERIFY(db.isOk());
        QSqlQuery q(*db);
        QCOMPARE(sessionFunctions(*db), 1);
        for (const QString& statement :
             {QStringLiteral("CREATE ROLE %1 LOGIN").arg(role),
              QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %1").arg(role),
              QStringLiteral("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %1").arg(role),
              QStringLiteral("REVOKE TEMPORARY ON DATABASE \"%1\" FROM PUBLIC").arg(url.database)})
            QVERIFY2(q.exec(statement), qPrintable(statement + QStringLiteral(": ") + q.lastError().text()));
    }
    DatabaseUrl other = url;
    other.user = role;
    auto plain = Ledger::open(other.toString(), clock);
    QVERIFY2(plain.isOk(), qPrintable(plain.status().toString()));
    {
        auto db = (*plain)->database()->connection();
        QVERIFY(db.isOk());
        QCOMPARE(sessionFunctions(*db), 0);
    }

    qint64 expected = 0;
    int step = 0;
    for (Ledger* ledger : {owner->get(), plain->get()}) {
        for (qint64 minutesAgo : {10, 30, 20, 30, 5}) { // at the end, back-dated, and equal times
            NewTransaction t;
            t.accountId = account->id;
            t.amount = (++step % 2 ? 1 : -1) * 1000 * step;
            t.description = QStringLiteral("Row %1").arg(step);
            t.category = QStringLiteral("other");
            t.timestamp = kNow - minutesAgo * 60'000 - step;
            auto added = ledger->addTransaction(t);
            QVERIFY2(added.isOk(), qPrintable(added.status().toString()));
            QCOMPARE(added->currency, QStringLiteral("EUR"));
            expected += t.amount;
            auto stored = ledger->transaction(added->id);
            QVERIFY(stored.isOk());
            QCOMPARE(stored->runningBalance, added->runningBalance);
        }
        NewTransaction bad;
        bad.accountId = closed->id;
        bad.amount = 100;
        bad.description = QStringLiteral("Refused");
        bad.category = QStringLiteral("other");
        auto refused = ledger->addTransaction(bad);
        QCOMPARE(refused.status().code(), Status::Code::InvalidArgument);
        QVERIFY2(refused.status().message().contains(QStringLiteral("is closed")),
                 qPrintable(refused.status().message()));
        bad.accountId = 999999;
        refused = ledger->addTransaction(bad);
        QCOMPARE(refused.status().code(), Status::Code::InvalidArgument);
        QVERIFY2(refused.status().message().contains(QStringLiteral("does not exist")),
                 qPrintable(refused.status().message()));
        bad.accountId = account->id;
        bad.amount = 2'000'000'000'000;
        refused = ledger->addTransaction(bad);
        QCOMPARE(refused.status().code(), Status::Code::InvalidArgument);
        QVERIFY2(refused.status().message().contains(QStringLiteral("EUR")), qPrintable(refused.status().message()));
        bad.amount = 100;
        auto first = ledger->transactions({}, {1});
        QVERIFY(first.isOk() && !first->items.isEmpty());
        bad.id = first->items.first().id;
        refused = ledger->addTransaction(bad);
        QCOMPARE(refused.status().code(), Status::Code::Conflict);
        QCOMPARE((*owner)->account(account->id)->balance, expected);
        auto db = (*owner)->database()->connection();
        QVERIFY(db.isOk());
        QCOMPARE(inexactRows(*db), qint64(0));
    }
    QCOMPARE(*(*owner)->countTransactions({}), qint64(10));
}

void TstEngine::postgresListensOnlyWhereNoticesCanArrive()
{
    if (!test::onPostgres())
        QSKIP("PostgreSQL only: an SQLite ledger listens for nothing");
    auto location = test::createPostgresDatabase();
    QVERIFY2(location.isOk(), qPrintable(location.status().toString()));
    ManualClock clock(kNow);
    const auto channels = [](const QSqlDatabase& db) {
        QSqlQuery q(db);
        return q.exec(QStringLiteral("SELECT count(*) FROM pg_listening_channels()")) && q.next() ? q.value(0).toInt()
                                                                                                  : -1;
    };
    auto onLoop = Ledger::open(*location, clock);
    QVERIFY2(onLoop.isOk(), qPrintable(onLoop.status().toString()));
    auto db = (*onLoop)->database()->connection();
    QVERIFY(db.isOk());
    QCOMPARE(channels(*db), 1);

    // A std::thread has no event dispatcher: its notices could never be delivered, so its ledger does not listen.
    int onThread = -2;
    std::thread plain([&] {
        auto ledger = Ledger::open(*location, clock);
        if (!ledger)
            return;
        auto c = (*ledger)->database()->connection();
        onThread = c ? channels(*c) : -1;
        (*ledger)->database()->closeThreadConnection();
    });
    plain.join();
    QCOMPARE(onThread, 0);
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("LG_ENGINE_WRITER"))
        return runWriter();
    TstEngine test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_engine.moc"
