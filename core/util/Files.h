// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QString>

namespace ledgerguard {

// File operations for the ledger's files: owner-only creation and flushing to disk before a rename.

// Creates the empty file `path` owner-only (0600 on Unix, whatever the umask). Errors: Conflict when it exists;
// IoError naming the file otherwise.
Status createPrivateFile(const QString& path);

// Flushes the file's contents to the disk (fsync on Unix, FlushFileBuffers on Windows). Errors: IoError.
Status syncFile(const QString& path);

// Flushes the directory's entries to the disk, so a rename inside it survives a power cut (Unix; Ok elsewhere).
// Errors: IoError.
Status syncDirectory(const QString& dir);

} // namespace ledgerguard
