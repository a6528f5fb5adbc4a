// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the report tests (tst_report, tst_report_classictests): poppler's command-line tools (pdftotext,
// pdfinfo, pdfimages) run on a written PDF, and its text folded for comparison.
#pragma once

#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

namespace ledgerguard::pdftest {

// Finds a poppler tool; false when it is not installed (the caller fails under CI=true, else skips).
inline bool popplerTool(const QString& tool, QString* path)
{
    *path = QStandardPaths::findExecutable(tool);
    return !path->isEmpty();
}

// The tool's standard output; empty when it fails or runs longer than a minute.
inline QString run(const QString& program, const QStringList& arguments)
{
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Whitespace (line breaks, no-break spaces) folded to single spaces, so wrapped text compares.
inline QString folded(QString s)
{
    s.replace(QChar(0x00a0), u' ');
    return s.simplified();
}

} // namespace ledgerguard::pdftest
