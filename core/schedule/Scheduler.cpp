// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule/Scheduler.h"

#include "generate/TransactionGenerator.h"
#include "pipeline/DetectionPipeline.h"
#include "util/Plural.h"

namespace ledgerguard {

Scheduler::Scheduler(TransactionGenerator* generator, DetectionPipeline* pipeline, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_generator(generator)
    , m_pipeline(pipeline)
    , m_clock(clock)
{
    m_generatorState.intervalS = kDefaultGeneratorIntervalS;
    m_detectorState.intervalS = kDefaultDetectorIntervalS;
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::tick);
    if (m_pipeline) {
        connect(m_pipeline, &DetectionPipeline::runFinished, this, [this](const DetectionPipeline::RunSummary& s) {
            if (!m_detectorState.running)
                return; // a run someone else started
            finish(Job::Detector, s.status.isOk(),
                   s.status.isOk() ? plural(s.accounts, tr("%n account checked, %1 HIGH, %2 MEDIUM"),
                                            tr("%n accounts checked, %1 HIGH, %2 MEDIUM"))
                                         .arg(s.high)
                                         .arg(s.medium)
                                   : s.status.toString());
        });
    }
}

void Scheduler::start()
{
    m_started = true;
    reschedule(Job::Generator);
    reschedule(Job::Detector);
    m_timer.start();
    Q_EMIT scheduleChanged();
}

void Scheduler::stop()
{
    m_started = false;
    m_timer.stop();
    m_generatorState.next.reset();
    m_detectorState.next.reset();
    Q_EMIT scheduleChanged();
}

void Scheduler::reschedule(Job job)
{
    State& s = state(job);
    if (!m_started || s.paused || s.intervalS <= 0)
        s.next.reset();
    else
        s.next = m_clock.nowMs() + qint64(s.intervalS) * 1000;
}

void Scheduler::setInterval(Job job, int seconds)
{
    state(job).intervalS = qMax(0, seconds);
    reschedule(job);
    Q_EMIT scheduleChanged();
}

int Scheduler::interval(Job job) const
{
    return state(job).intervalS;
}

void Scheduler::setPaused(Job job, bool paused)
{
    state(job).paused = paused;
    reschedule(job);
    Q_EMIT scheduleChanged();
}

bool Scheduler::isPaused(Job job) const
{
    return state(job).paused;
}

bool Scheduler::isRunning(Job job) const
{
    return state(job).running;
}

std::optional<qint64> Scheduler::nextRunMs(Job job) const
{
    return state(job).next;
}

std::optional<qint64> Scheduler::lastRunMs(Job job) const
{
    return state(job).last;
}

void Scheduler::tick()
{
    const qint64 now = m_clock.nowMs();
    for (Job job : {Job::Generator, Job::Detector}) {
        const State& s = state(job);
        if (s.next && now >= *s.next && !s.running)
            runNow(job);
    }
}

bool Scheduler::runNow(Job job)
{
    State& s = state(job);
    if (s.running)
        return false;
    if (job == Job::Detector && (!m_pipeline || m_pipeline->isRunning()))
        return false;
    if (job == Job::Generator && !m_generator)
        return false;
    s.running = true;
    s.last = m_clock.nowMs();
    reschedule(job);
    Q_EMIT jobStarted(job);
    Q_EMIT scheduleChanged();
    if (job == Job::Generator) {
        auto run = m_generator->runOnce();
        finish(job, run.isOk(),
               run.isOk() ? plural(run->transactions, tr("%n transaction written"), tr("%n transactions written"))
                          : run.status().toString());
    } else if (!m_pipeline->start()) {
        finish(job, false, tr("a detection run is already going on"));
    }
    return true;
}

void Scheduler::finish(Job job, bool ok, const QString& message)
{
    state(job).running = false;
    Q_EMIT jobFinished(job, ok, message);
    Q_EMIT scheduleChanged();
}

} // namespace ledgerguard
