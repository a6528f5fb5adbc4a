// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace ledgerguard {

class Ledger;
class TransactionGenerator;
class DetectionPipeline;
class Scheduler;
class RestServer;

// The core objects one process runs, built by app/main.cpp and shared by the GUI and the headless mode, so both
// call the same functions. Non-owning; every pointer outlives the users of this struct. `rest` may be null
// when the REST API is not available in this process; it listens only when started.
struct Services
{
    Ledger* ledger = nullptr;
    TransactionGenerator* generator = nullptr;
    DetectionPipeline* pipeline = nullptr;
    Scheduler* scheduler = nullptr;
    RestServer* rest = nullptr;
};

} // namespace ledgerguard
