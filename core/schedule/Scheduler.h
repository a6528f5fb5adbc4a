// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Clock.h"

#include <QObject>
#include <QTimer>
#include <optional>

namespace ledgerguard {

class TransactionGenerator;
class DetectionPipeline;

// Runs the generator and the detector on their intervals (defaults 300 s and 600 s; 0 turns a job off), lets
// either be paused or run now, and never lets a job overlap itself. Due times come from the injected Clock, so
// tests drive the schedule by advancing a ManualClock and calling tick(); in the application a 1-second QTimer
// calls tick().
//
// Lives on, and must be used from, one thread (the GUI or the headless main thread). The detector runs on the
// pipeline's worker thread; the generator's short runs on this thread.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    enum class Job { Generator, Detector };
    Q_ENUM(Job)

    static constexpr int kDefaultGeneratorIntervalS = 300;
    static constexpr int kDefaultDetectorIntervalS = 600;

    // Either pointer may be null; that job then never runs.
    Scheduler(TransactionGenerator* generator, DetectionPipeline* pipeline,
              const Clock& clock = SystemClock::instance(), QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(Scheduler)

    // Starts the 1-second timer that calls tick(). Jobs first fall due one interval after this call.
    void start();
    void stop();

    void setInterval(Job job, int seconds); // 0 = off; negative values are treated as 0
    int interval(Job job) const;
    void setPaused(Job job, bool paused);
    bool isPaused(Job job) const;
    // Runs the job now unless it is running (returns false then); the next run falls due one interval later.
    bool runNow(Job job);
    bool isRunning(Job job) const;
    // When the job falls due next; nullopt when it is off, paused or not started.
    std::optional<qint64> nextRunMs(Job job) const;
    std::optional<qint64> lastRunMs(Job job) const;

    // Runs the jobs that are due at the clock's now.
    void tick();

Q_SIGNALS:
    void jobStarted(ledgerguard::Scheduler::Job job);
    void jobFinished(ledgerguard::Scheduler::Job job, bool ok, const QString& message);
    void scheduleChanged();

private:
    struct State
    {
        int intervalS = 0;
        bool paused = false;
        bool running = false;
        std::optional<qint64> next;
        std::optional<qint64> last;
    };
    State& state(Job job) { return job == Job::Generator ? m_generatorState : m_detectorState; }
    const State& state(Job job) const { return job == Job::Generator ? m_generatorState : m_detectorState; }
    void reschedule(Job job);
    void finish(Job job, bool ok, const QString& message);

    TransactionGenerator* m_generator;
    DetectionPipeline* m_pipeline;
    const Clock& m_clock;
    QTimer m_timer;
    bool m_started = false;
    State m_generatorState;
    State m_detectorState;
};

} // namespace ledgerguard
