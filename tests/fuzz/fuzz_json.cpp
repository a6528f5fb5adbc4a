// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the REST API's JSON body parsing (api/RestRoutes_p.h parseObject: QJsonDocument, the duplicate-key
// and integer-text scan of api/JsonMapping.h) and the value parsers the routes apply to the members (amounts in
// major and minor units, timestamps, integers, the text rule of util/Text.h). Every answer to a refused body must
// itself be valid JSON, and a body that parseObject accepts has no duplicate key.
#include "ApiReply.h"
#include "FuzzTarget.h"
#include "api/JsonMapping.h"
#include "api/RestRoutes_p.h"
#include "util/Text.h"

#include <QJsonDocument>

using namespace ledgerguard;
using namespace ledgerguard::api;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Request request;
    request.method = "POST";
    request.body = QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)scanJsonText(request.body);

    static const QStringList allowed
        = {QStringLiteral("accountId"),    QStringLiteral("amount"),      QStringLiteral("amountMinor"),
           QStringLiteral("currency"),     QStringLiteral("description"), QStringLiteral("category"),
           QStringLiteral("counterparty"), QStringLiteral("timestamp"),   QStringLiteral("note")};
    static const QStringList integers = {QStringLiteral("accountId"), QStringLiteral("amountMinor")};
    const auto parsed = parseObject(request, allowed, integers);
    if (!parsed) {
        requireJsonRefusal(parsed.status());
        return 0;
    }
    const QJsonObject& object = *parsed;
    if (!scanJsonText(QJsonDocument(object).toJson(QJsonDocument::Compact)).duplicateKey.isNull())
        __builtin_trap(); // an accepted object has each key once
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        (void)parseMinorAmount(value, it.key());
        for (const char* currency : {"EUR", "JPY", "BHD"})
            (void)parseMajorAmount(value, QString::fromLatin1(currency), it.key());
        (void)parseTimestamp(value, it.key());
        if (value.isString()) {
            const QString text = value.toString();
            (void)parseInteger(text, it.key());
            const Result<QString> clean = cleanText(text, it.key(), TextKind::MultiLine);
            if (clean && !checkText(*clean, it.key(), TextKind::MultiLine).isOk())
                __builtin_trap(); // the stored form of an accepted text is accepted
            int changed = 0;
            if (!isAcceptedText(sanitizedText(text, TextKind::SingleLine, &changed)))
                __builtin_trap(); // what importers store passes the rule
            if (clean && !QByteArrayView(QJsonDocument(QJsonObject {{it.key(), *clean}}).toJson()).isValidUtf8())
                __builtin_trap(); // accepted text is written out as valid UTF-8
        }
    }
    requireJsonRefusal(fieldErrors(
        QJsonObject {{object.isEmpty() ? QStringLiteral("x") : object.begin().key(), QStringLiteral("is not valid")}}));
    return 0;
}
