// SPDX-License-Identifier: GPL-3.0-or-later
#include "generate/DemoLedger.h"
#include "generate/TransactionGenerator.h"
#include "pipeline/DetectionPipeline.h"
#include "schedule/Scheduler.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

class TestScheduler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void intervalsFollowTheClock();
    void zeroTurnsJobOff();
    void pauseAndRunNow();
    void detectorNeverOverlaps();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<TransactionGenerator> m_generator;
    std::unique_ptr<DetectionPipeline> m_pipeline;
    std::unique_ptr<Scheduler> m_scheduler;
};

void TestScheduler::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock = std::make_unique<ManualClock>(1'780'000'000'000);
    m_ledger = std::move(*Ledger::open(m_dir->filePath(QStringLiteral("s.sqlite")), *m_clock));
    QVERIFY(createDemoLedger(*m_ledger, 10, 1).isOk());
    m_generator = std::make_unique<TransactionGenerator>(*m_ledger);
    DetectionPipelineOptions options;
    options.instantScoring = false;
    m_pipeline = std::make_unique<DetectionPipeline>(*m_ledger, options);
    m_scheduler = std::make_unique<Scheduler>(m_generator.get(), m_pipeline.get(), *m_clock);
}

void TestScheduler::cleanup()
{
    m_scheduler.reset();
    m_pipeline.reset();
    m_generator.reset();
    m_ledger.reset();
}

void TestScheduler::intervalsFollowTheClock()
{
    using Job = Scheduler::Job;
    QCOMPARE(m_scheduler->interval(Job::Generator), 300);
    QCOMPARE(m_scheduler->interval(Job::Detector), 600);
    QVERIFY(!m_scheduler->nextRunMs(Job::Generator));
    m_scheduler->start();
    const qint64 t0 = m_clock->nowMs();
    QCOMPARE(*m_scheduler->nextRunMs(Job::Generator), t0 + 300'000);
    QCOMPARE(*m_scheduler->nextRunMs(Job::Detector), t0 + 600'000);
    QSignalSpy started(m_scheduler.get(), &Scheduler::jobStarted);
    QSignalSpy finished(m_scheduler.get(), &Scheduler::jobFinished);
    m_clock->advanceMs(299'000);
    m_scheduler->tick();
    QCOMPARE(started.count(), 0);
    m_clock->advanceMs(1'000);
    m_scheduler->tick();
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).value<Job>(), Job::Generator);
    QCOMPARE(finished.count(), 1);
    QVERIFY(finished.at(0).at(1).toBool());
    QCOMPARE(*m_scheduler->lastRunMs(Job::Generator), t0 + 300'000);
    QCOMPARE(*m_scheduler->nextRunMs(Job::Generator), t0 + 600'000);
    m_clock->advanceMs(300'000);
    m_scheduler->tick(); // both due: generator runs at once, the detector starts on its worker
    QCOMPARE(started.count(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 30000);
    QVERIFY(m_ledger->staleAccountIds()->size() < 8);
}

void TestScheduler::zeroTurnsJobOff()
{
    using Job = Scheduler::Job;
    m_scheduler->setInterval(Job::Generator, 0);
    m_scheduler->start();
    QVERIFY(!m_scheduler->nextRunMs(Job::Generator));
    QSignalSpy started(m_scheduler.get(), &Scheduler::jobStarted);
    m_clock->advanceMs(3'600'000);
    m_scheduler->tick();
    for (const auto& args : std::as_const(started))
        QVERIFY(args.at(0).value<Job>() != Job::Generator);
    m_scheduler->setInterval(Job::Generator, 60);
    QCOMPARE(*m_scheduler->nextRunMs(Job::Generator), m_clock->nowMs() + 60'000);
}

void TestScheduler::pauseAndRunNow()
{
    using Job = Scheduler::Job;
    m_scheduler->start();
    m_scheduler->setPaused(Job::Generator, true);
    QVERIFY(m_scheduler->isPaused(Job::Generator));
    QVERIFY(!m_scheduler->nextRunMs(Job::Generator));
    const qint64 before = m_ledger->countTransactions({}).value();
    m_clock->advanceMs(600'000);
    m_scheduler->tick();
    QCOMPARE(m_ledger->countTransactions({}).value(), before);
    QVERIFY(m_scheduler->runNow(Job::Generator)); // run now works while paused
    QVERIFY(m_ledger->countTransactions({}).value() > before);
    m_scheduler->setPaused(Job::Generator, false);
    QCOMPARE(*m_scheduler->nextRunMs(Job::Generator), m_clock->nowMs() + 300'000);
}

void TestScheduler::detectorNeverOverlaps()
{
    using Job = Scheduler::Job;
    QSignalSpy runs(m_pipeline.get(), &DetectionPipeline::runStarted);
    QVERIFY(m_scheduler->runNow(Job::Detector));
    QVERIFY(m_scheduler->isRunning(Job::Detector));
    QVERIFY(!m_scheduler->runNow(Job::Detector));
    QVERIFY(!m_pipeline->start());
    QSignalSpy finished(m_scheduler.get(), &Scheduler::jobFinished);
    QVERIFY(finished.wait(30000));
    QCOMPARE(runs.count(), 1);
    QVERIFY(!m_scheduler->isRunning(Job::Detector));
    QVERIFY(m_scheduler->runNow(Job::Detector));
    QVERIFY(finished.wait(30000));
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
