// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reading a numeric table for the detector: the ledgerguard-iforest tool, the benchmark and the quality tests.

#include "detect/IsolationForest.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace ledgerguard {

// A parsed numeric table: the feature matrix and, when the file has a label column, one 0/1 label per row.
struct FeatureTable
{
    QStringList columns; // names of the feature columns, in order (the label column excluded)
    FeatureMatrix X; // one row per data line
    std::vector<int> labels; // 1 where the label is non-zero, else 0; empty when there is no label column
};

// Parses CSV text: a header line of column names, then one line per row of numbers separated by commas
// (blank lines are skipped, CRLF is accepted, fields may be quoted). The column named `labelColumn` (if any) is
// read into labels and not into X. Numbers are parsed exactly (std::from_chars).
// Errors: InvalidArgument on field "csv" for no header, no feature column, a line with the wrong number of fields
// or a field that is not a finite number; the message names the line and the column.
Result<FeatureTable> parseFeatureCsv(const QByteArray& text, const QString& labelColumn = QStringLiteral("label"));

// Reads and parses a file. Errors: IoError when it cannot be read, else as parseFeatureCsv().
Result<FeatureTable> readFeatureCsv(const QString& path, const QString& labelColumn = QStringLiteral("label"));

} // namespace ledgerguard
