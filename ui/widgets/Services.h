// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace ledgerguard {

class Ledger;
class DetectionPipeline;
class Scheduler;
class RestServer;

// The core objects the main window and its settings dialog act on, assembled by the application (app/Runtime.h).
// Non-owning; every pointer outlives the window. `ledger` is required; a null `pipeline` or `scheduler` disables
// the actions that need it, and a null `rest` disables starting the REST API (it listens only when started).
struct Services
{
    Ledger* ledger = nullptr;
    DetectionPipeline* pipeline = nullptr;
    Scheduler* scheduler = nullptr;
    RestServer* rest = nullptr;
};

} // namespace ledgerguard
