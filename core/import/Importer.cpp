// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Importer.h"

#include "import/Camt.h"
#include "import/Csv.h"
#include "import/ImportValues.h"
#include "import/Mt940.h"
#include "import/Ofx.h"
#include "import/Qif.h"
#include "import/TextDecoding.h"
#include "money/Money.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>

namespace ledgerguard {

ImportFormat detectFormat(QByteArrayView head, const QString& fileName)
{
    head = head.first(std::min<qsizetype>(head.size(), 8192));
    QString text;
    const Result<EncodingChoice> choice = chooseEncoding(head, false);
    if (choice && choice->encoding.startsWith(QStringLiteral("UTF-16"))) {
        Result<TextDecoder> d = TextDecoder::create(choice->encoding);
        if (d)
            text = d->decode(head.sliced(choice->bomLength));
    } else {
        text = QString::fromLatin1(head.sliced(choice ? choice->bomLength : 0));
    }
    const QString upper = text.toUpper();
    if (upper.contains(QStringLiteral("OFXHEADER:")) || upper.contains(QStringLiteral("<?OFX"))
        || upper.contains(QStringLiteral("<OFX>")) || upper.trimmed().startsWith(QStringLiteral("<OFC>")))
        return ImportFormat::Ofx;
    if (text.contains(QStringLiteral("urn:iso:std:iso:20022:tech:xsd:camt.05")))
        return ImportFormat::Camt;
    if (looksLikeMt940(text))
        return ImportFormat::Mt940;
    const QString first = text.trimmed().section(QLatin1Char('\n'), 0, 0).trimmed().toLower();
    if (first.startsWith(QStringLiteral("!type:")) || first.startsWith(QStringLiteral("!account"))
        || first.startsWith(QStringLiteral("!option:")) || first.startsWith(QStringLiteral("!clear:"))
        || looksLikeHeaderlessQif(text.trimmed()))
        return ImportFormat::Qif;
    const QString ext = QFileInfo(fileName).suffix().toLower();
    if (ext == u"ofx" || ext == u"qfx" || ext == u"qbo" || ext == u"ofc")
        return ImportFormat::Ofx;
    if (ext == u"qif")
        return ImportFormat::Qif;
    if (ext == u"sta" || ext == u"mt940" || ext == u"940")
        return ImportFormat::Mt940;
    if (ext == u"xml")
        return ImportFormat::Camt;
    return ImportFormat::Csv;
}

Result<ParsedFile> importData(const QByteArray& data, const ImportOptions& options, const QString& fileName)
{
    if (data.size() > options.maxBytes)
        return importTooLarge(options);
    const ImportFormat format = options.format == ImportFormat::Auto ? detectFormat(data, fileName) : options.format;
    switch (format) {
    case ImportFormat::Ofx:
        return parseOfx(data, options);
    case ImportFormat::Camt:
        return parseCamt(data, options);
    case ImportFormat::Qif:
        return parseQif(data, options);
    case ImportFormat::Mt940:
        return parseMt940(data, options);
    case ImportFormat::Csv:
    case ImportFormat::Auto:
        break;
    }
    return parseCsv(data, options);
}

Result<ParsedFile> importFile(const QString& path, const ImportOptions& options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::ioError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > options.maxBytes)
        return importTooLarge(options);
    const ImportFormat format
        = options.format == ImportFormat::Auto ? detectFormat(file.peek(8192), path) : options.format;
    if (format != ImportFormat::Csv) {
        const QByteArray data = file.readAll();
        if (file.error() != QFileDevice::NoError)
            return Status::ioError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        ImportOptions o = options;
        o.format = format;
        return importData(data, o, path);
    }
    Result<ParsedFile> parsed = readCsvStatements(&file, options);
    if (parsed && file.error() != QFileDevice::NoError)
        return Status::ioError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return parsed;
}

BalanceCheck checkBalances(const ImportedStatement& statement)
{
    BalanceCheck check;
    qint64 sum = statement.openingBalanceMinor.value_or(0);
    for (const ImportedRow& row : statement.rows) {
        if (!statement.currency.isEmpty() && row.currency != statement.currency) {
            ++check.rowsInOtherCurrencies;
            continue;
        }
        ++check.rowsCounted;
        if (!check.overflow && !checkedAdd(sum, row.amountMinor, &sum))
            check.overflow = true;
    }
    check.checkable = statement.openingBalanceMinor.has_value() && statement.closingBalanceMinor.has_value();
    if (check.overflow)
        return check;
    check.expectedClosingMinor = sum;
    if (check.checkable) {
        qint64 diff = 0;
        if (!checkedAdd(*statement.closingBalanceMinor, -sum, &diff) || sum == std::numeric_limits<qint64>::min()) {
            check.overflow = true;
            return check;
        }
        check.differenceMinor = diff;
        check.balanced = diff == 0;
    }
    return check;
}

} // namespace ledgerguard
